//! One UTF-8 CSV file per table, for other tools: the cells as the tables
//! show them (numbers in the chosen style, other cells as written).

use std::path::{Path, PathBuf};

use super::tables::{ExportTable, cumulative_table, description_table, metric_table};
use super::{ExportError, ExportOptions};
use crate::model::Report;

/// A table as CSV text (header rows first, comma-separated, quoted where
/// needed, lines ending in `\n`).
pub fn table_csv(table: &ExportTable) -> Result<String, String> {
    let mut writer = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|cell| cell.text.as_str()))
            .map_err(|error| error.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|error| error.to_string())?;
    String::from_utf8(bytes).map_err(|error| error.to_string())
}

/// A file name made of the table's name: letters, digits, `-` and `_`.
pub fn file_name(table: &ExportTable) -> String {
    let mut name = String::new();
    for c in table.name.chars() {
        if c.is_alphanumeric() {
            name.extend(c.to_lowercase());
        } else if !name.ends_with('-') && !name.is_empty() {
            name.push('-');
        }
    }
    format!("{}.csv", name.trim_end_matches('-'))
}

/// The tables a CSV export writes: Table 1, then per installation its
/// description and metrics.
pub fn export_tables(report: &Report, options: &ExportOptions) -> Vec<ExportTable> {
    let style = options.number_style;
    let mut tables = vec![cumulative_table(report, style)];
    for index in options.installation_indices(report) {
        tables.extend(description_table(report, index));
        tables.extend(metric_table(report, index, style));
    }
    tables
}

/// Writes every table into `directory` (created when missing); returns the
/// files written.
pub fn write_csv_dir(
    directory: &Path,
    report: &Report,
    options: &ExportOptions,
) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(directory).map_err(|source| ExportError::Io {
        path: directory.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for table in export_tables(report, options) {
        let path = directory.join(file_name(&table));
        let text = table_csv(&table).map_err(|message| ExportError::Csv {
            path: path.clone(),
            message,
        })?;
        super::write_file(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::model::NumberStyle;
    use crate::samples::Sample;

    #[test]
    fn csv_quotes_separators_and_keeps_the_shown_text() {
        let report = Sample::M36.report().unwrap();
        let table = metric_table(&report, 0, NumberStyle::Us).unwrap();
        let text = table_csv(&table).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next().unwrap(),
            "Metric name,Baseline,Define how measurement is done,M1-M12,M13-M24,M25-M36,TOT"
        );
        assert!(
            text.contains("ML training cycles (CPU+GPU-hours),\"4,000,000\",logs,\"554,136\""),
            "{text}"
        );
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let rows: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), table.rows.len());
        assert_eq!(&rows[3][6], "2,801,047");
    }

    #[test]
    fn file_names_are_plain() {
        let report = Sample::M36.report().unwrap();
        let names: Vec<_> = export_tables(&report, &ExportOptions::default())
            .iter()
            .map(file_name)
            .collect();
        assert_eq!(names[0], "cumulative.csv");
        assert_eq!(
            names[2],
            "imagine-ai-application-development-service-metrics.csv"
        );
        assert_eq!(names.len(), 23);
    }

    #[test]
    fn a_directory_of_csv_files_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let report = Sample::M36.report().unwrap();
        let files =
            write_csv_dir(&dir.path().join("csv"), &report, &ExportOptions::default()).unwrap();
        assert_eq!(files.len(), 23);
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(
            text.starts_with("UNIT,TOTAL BUDGETED IN THE PROJECT,"),
            "{text}"
        );
    }
}

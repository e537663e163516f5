//! One UTF-8 CSV file per table, for other tools: numbers as plain
//! machine-readable numbers (no thousands separators), other cells as the
//! tables show them. A UTF-8 byte order mark starts each file, so that
//! Excel reads the text as UTF-8. In the European style the delimiter is
//! `;` and the decimal mark `,`, as spreadsheets in those locales expect;
//! otherwise `,` and `.`.

use std::path::{Path, PathBuf};

use super::tables::{ExportTable, cumulative_table, description_table, metric_table};
use super::{ExportError, ExportOptions};
use crate::model::{NumberStyle, Report};

/// The UTF-8 byte order mark written at the start of each file.
pub const BOM: &str = "\u{feff}";

/// The delimiter of CSV files in `style`.
pub fn delimiter(style: NumberStyle) -> u8 {
    match style {
        NumberStyle::Eu => b';',
        NumberStyle::Us | NumberStyle::Si => b',',
    }
}

/// A number as other programs read it: `1234567.5`, or `1234567,5` in the
/// European style.
fn plain_number(value: f64, decimals: u8, style: NumberStyle) -> String {
    let text = format!("{value:.prec$}", prec = usize::from(decimals));
    match style {
        NumberStyle::Eu => text.replace('.', ","),
        NumberStyle::Us | NumberStyle::Si => text,
    }
}

/// A table as CSV text (header rows first, quoted where needed, lines
/// ending in `\n`), without the byte order mark.
pub fn table_csv(table: &ExportTable, style: NumberStyle) -> Result<String, String> {
    let mut writer = ::csv::WriterBuilder::new()
        .flexible(true)
        .delimiter(delimiter(style))
        .from_writer(Vec::new());
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|cell| match cell.number {
                Some(value) => plain_number(value, cell.decimals, style),
                None => cell.text.clone(),
            }))
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
        let text = table_csv(&table, options.number_style).map_err(|message| ExportError::Csv {
            path: path.clone(),
            message,
        })?;
        super::write_file(&path, format!("{BOM}{text}").as_bytes())?;
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
    fn csv_holds_plain_numbers_and_quotes_separators() {
        let report = Sample::M36.report().unwrap();
        let table = metric_table(&report, 0, NumberStyle::Us).unwrap();
        let text = table_csv(&table, NumberStyle::Us).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next().unwrap(),
            "Metric name,Baseline,Define how measurement is done,M1-M12,M13-M24,M25-M36,TOT"
        );
        assert!(
            text.contains("ML training cycles (CPU+GPU-hours),4000000,logs,554136,"),
            "{text}"
        );
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let rows: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), table.rows.len());
        assert_eq!(&rows[3][6], "2801047");
    }

    #[test]
    fn european_csv_has_semicolons_and_decimal_commas() {
        let mut report = Sample::M36.report().unwrap();
        report.installations[0].metrics[0].values[0] = crate::model::Cell::new("1234.5");
        report.prepare().unwrap();
        let table = metric_table(&report, 0, NumberStyle::Eu).unwrap();
        let text = table_csv(&table, NumberStyle::Eu).unwrap();
        assert!(text.starts_with("Metric name;Baseline;"), "{text}");
        assert!(text.contains(";1234,5;"), "{text}");
        assert!(!text.contains("1.234"), "{text}");
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
            text.starts_with("\u{feff}UNIT,TOTAL BUDGETED IN THE PROJECT,"),
            "{text}"
        );
    }
}

//! Everything va-report writes for other programs: figures, documents,
//! workbooks, clipboard tables. Knows nothing of egui.
//!
//! `tables` turns the report into plain tables (rows of text with alignment
//! and header flags); `docx`, `xlsx`, `csv` and `table_text` (HTML and TSV)
//! all render from it, so every format shows the same cells.

pub mod csv;
pub mod docx;
pub mod docx_package;
pub mod docx_read;
pub mod docx_report;
pub mod docx_update;
pub mod docx_update_guard;
pub mod figures;
pub mod table_text;
pub mod tables;
pub mod xlsx;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{NumberStyle, Report};

/// What an export contains. Remembered by the window between runs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    /// How numbers are written in documents and CSV files.
    pub number_style: NumberStyle,
    /// The names of the installations to export; None exports all of them.
    pub installations: Option<Vec<String>>,
    /// Put the consumption figures, with captions, into the DOCX.
    pub embed_figures: bool,
    /// Add an annex table of acknowledged findings and their reasons.
    pub findings_annex: bool,
    /// A Word document or template (.docx, .dotx) whose styles, page,
    /// headers, footers, numbering and theme the DOCX takes.
    pub template: Option<PathBuf>,
    /// The author written into the DOCX's properties.
    pub author: String,
}

impl ExportOptions {
    /// The indices of the installations this export covers, in report order.
    pub fn installation_indices(&self, report: &Report) -> Vec<usize> {
        report
            .installations
            .iter()
            .enumerate()
            .filter(|(_, installation)| match &self.installations {
                None => true,
                Some(names) => names.iter().any(|name| name == &installation.name),
            })
            .map(|(index, _)| index)
            .collect()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot build the word document: {0}")]
    Docx(String),
    #[error("cannot use the template: {reason}: {}", path.display())]
    Template { path: PathBuf, reason: String },
    #[error("cannot update the word document: {reason}: {}", path.display())]
    Update { path: PathBuf, reason: String },
    #[error("cannot build the workbook: {0}")]
    Xlsx(String),
    #[error("cannot write the csv file: {message}: {}", path.display())]
    Csv { path: PathBuf, message: String },
    #[error("cannot draw a figure: {0}")]
    Figure(String),
    #[error(transparent)]
    Figures(#[from] figures::FiguresError),
}

/// The checks' findings as the exports list them (the DOCX annex, the XLSX
/// "Findings" sheet and cell notes), each with the reason of its
/// acknowledgement when the report accepts it. The writers take these rows
/// as a parameter; this is the one place that turns findings into rows.
pub fn finding_rows(report: &Report) -> Vec<tables::FindingRow> {
    finding_rows_of(report, &crate::check::check_report(report))
}

/// [`finding_rows`] of findings already computed.
pub fn finding_rows_of(
    report: &Report,
    findings: &[crate::check::Finding],
) -> Vec<tables::FindingRow> {
    findings
        .iter()
        .map(|finding| finding_row(report, finding))
        .collect()
}

fn finding_row(report: &Report, finding: &crate::check::Finding) -> tables::FindingRow {
    let names = finding.location.names(report);
    let location = [names.metric, names.column]
        .into_iter()
        .flatten()
        .map(|part| part.trim().to_owned())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    tables::FindingRow {
        installation: names.installation.unwrap_or_default(),
        location,
        severity: finding.severity.label().to_owned(),
        message: finding.message.clone(),
        reason: finding
            .acknowledgement(report)
            .map(|acknowledgement| acknowledgement.reason.clone()),
        cell: finding.location.cell_address(),
    }
}

/// The usage figures to embed in the DOCX (Figure 1 Storage, 2 GPU, 3 CPU:
/// cumulative use against the budget, as the deliverable shows them), as
/// PNG with their captions.
pub fn figures_for_docx(
    report: &Report,
    style: NumberStyle,
) -> Result<Vec<docx::Figure>, ExportError> {
    let selection = crate::plot::FigureSelection {
        cumulative: true,
        contributions: false,
        installations: false,
    };
    crate::plot::report_figures(report, style, selection)
        .iter()
        .map(|named| {
            // The document's caption (a numbered field) replaces the one
            // drawn under the plot.
            let caption = tables::strip_caption_number(&named.figure.caption, "figure");
            let figure = named.figure.clone().without_caption();
            let png = figure
                .png()
                .map_err(|error| ExportError::Figure(error.to_string()))?;
            Ok(docx::Figure { caption, png })
        })
        .collect()
}

/// Writes every figure of the report as PNG and SVG into `directory`, with
/// their captions in a side file; returns the files written.
pub fn write_charts(
    directory: &Path,
    report: &Report,
    style: NumberStyle,
) -> Result<Vec<PathBuf>, ExportError> {
    let written =
        figures::write_figures(report, directory, style, crate::plot::FigureSelection::ALL)?;
    let mut files: Vec<PathBuf> = written
        .into_iter()
        .flat_map(|figure| [figure.png, figure.svg])
        .collect();
    files.push(directory.join(figures::CAPTIONS_FILE));
    Ok(files)
}

/// Writes `bytes` to `path` atomically (a temporary file in the same
/// directory, renamed), so a failed export leaves an older file intact.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::project_file::write_atomically(path, |file| std::io::Write::write_all(file, bytes))
        .map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::samples::Sample;

    #[cfg(unix)]
    #[test]
    fn exported_files_can_be_read_by_others() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_file(&path, b"a,b\n").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
        assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n");
    }

    #[test]
    fn findings_become_rows_with_the_reasons_of_their_acknowledgements() {
        let mut report = Sample::M36.report().unwrap();
        let findings = crate::check::check_report(&report);
        let first = findings.first().unwrap();
        let acknowledgement = first.acknowledge(&report, "as printed in the deliverable");
        report.acknowledgements.push(acknowledgement);
        let rows = finding_rows(&report);
        assert_eq!(rows.len(), findings.len());
        let row = rows.first().unwrap();
        assert_eq!(row.reason.as_deref(), Some("as printed in the deliverable"));
        assert_eq!(row.message, first.message);
        assert_eq!(row.cell, first.location.cell_address());
        assert!(!row.location.is_empty());
        assert_eq!(rows.iter().filter(|r| r.reason.is_some()).count(), 1);
    }

    #[test]
    fn the_usage_figures_are_embedded_without_their_written_number() {
        let report = Sample::M36.report().unwrap();
        let figures = figures_for_docx(&report, NumberStyle::Us).unwrap();
        let captions: Vec<_> = figures.iter().map(|f| f.caption.as_str()).collect();
        assert_eq!(captions.len(), 3, "{captions:?}");
        assert!(captions[0].starts_with("Storage"), "{captions:?}");
        assert!(figures.iter().all(|f| f.png.starts_with(b"\x89PNG")));
    }

    #[test]
    fn options_select_installations_by_name() {
        let report = Sample::M36.report().unwrap();
        let mut options = ExportOptions::default();
        assert_eq!(options.installation_indices(&report).len(), 11);
        options.installations = Some(vec!["INCD - CPU".to_owned(), "gone".to_owned()]);
        assert_eq!(options.installation_indices(&report), [5]);
    }
}

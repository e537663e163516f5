//! File > Export… (DOCX, XLSX, CSV, chart images, with the choices
//! remembered) and "Copy table" (HTML and TSV on the system clipboard).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::table_text::{table_html, table_tsv};
use crate::export::tables::{
    ExportTable, TableKind, cumulative_table, description_table, metric_table,
};
use crate::export::{self, ExportError, ExportOptions};
use crate::model::{NumberStyle, Report};

/// One output of an export: written or not, and where.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportTarget {
    pub enabled: bool,
    /// A file for DOCX and XLSX, a directory for CSV and charts; empty: a
    /// name beside the project file is suggested.
    pub path: String,
}

/// The export choices, remembered between runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportSettings {
    pub options: ExportOptions,
    pub docx: ExportTarget,
    pub xlsx: ExportTarget,
    pub csv: ExportTarget,
    pub charts: ExportTarget,
}

impl Default for ExportSettings {
    fn default() -> Self {
        let on = ExportTarget {
            enabled: true,
            path: String::new(),
        };
        Self {
            options: ExportOptions::default(),
            docx: on.clone(),
            xlsx: on,
            csv: ExportTarget::default(),
            charts: ExportTarget::default(),
        }
    }
}

impl ExportSettings {
    /// Fills empty paths with names beside the project (or in the current
    /// directory): `STEM.docx`, `STEM.xlsx`, `STEM-csv/`, `STEM-charts/`.
    pub fn suggest_paths(&mut self, project: Option<&Path>, stem: &str) {
        let directory = project
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let stem = project
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| stem.to_owned());
        for (target, name) in [
            (&mut self.docx, format!("{stem}.docx")),
            (&mut self.xlsx, format!("{stem}.xlsx")),
            (&mut self.csv, format!("{stem}-csv")),
            (&mut self.charts, format!("{stem}-charts")),
        ] {
            if target.path.trim().is_empty() {
                target.path = directory.join(name).to_string_lossy().into_owned();
            }
        }
    }

    /// Puts every output into `folder`, keeping each one's name; the
    /// choice is remembered with the rest of the settings.
    pub fn move_into(&mut self, folder: &Path) {
        for target in [
            &mut self.docx,
            &mut self.xlsx,
            &mut self.csv,
            &mut self.charts,
        ] {
            let current = PathBuf::from(target.path.trim());
            if let Some(name) = current.file_name() {
                target.path = folder.join(name).to_string_lossy().into_owned();
            }
        }
    }

    pub fn anything_enabled(&self) -> bool {
        self.docx.enabled || self.xlsx.enabled || self.csv.enabled || self.charts.enabled
    }
}

/// Runs the export the settings describe; returns what was written.
pub fn run_export(report: &Report, settings: &ExportSettings) -> Result<Vec<String>, ExportError> {
    let options = &settings.options;
    let findings = export::finding_rows(report);
    let mut written = Vec::new();
    if settings.docx.enabled {
        let path = PathBuf::from(settings.docx.path.trim());
        let figures = if options.embed_figures {
            export::figures_for_docx(report, options.number_style)?
        } else {
            Vec::new()
        };
        export::docx::write_docx(&path, report, options, &findings, &figures)?;
        written.push(path.display().to_string());
    }
    if settings.xlsx.enabled {
        let path = PathBuf::from(settings.xlsx.path.trim());
        export::xlsx::write_xlsx(&path, report, options, &findings)?;
        written.push(path.display().to_string());
    }
    if settings.csv.enabled {
        let path = PathBuf::from(settings.csv.path.trim());
        export::csv::write_csv_dir(&path, report, options)?;
        written.push(path.display().to_string());
    }
    if settings.charts.enabled {
        let path = PathBuf::from(settings.charts.path.trim());
        export::write_charts(&path, report, options.number_style)?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

/// The table a "Copy table" button copies.
pub fn table_to_copy(report: &Report, kind: TableKind, style: NumberStyle) -> Option<ExportTable> {
    match kind {
        TableKind::Description(index) => description_table(report, index),
        TableKind::Metrics(index) => metric_table(report, index, style),
        TableKind::Cumulative => Some(cumulative_table(report, style)),
        TableKind::Findings => None,
    }
}

/// What "Copy table" put on the clipboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopiedTable {
    pub name: String,
    pub html: String,
    pub tsv: String,
}

/// What the export dialog asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportDialogOutcome {
    Export,
    Cancel,
}

/// The export dialog's and the clipboard's state.
#[derive(Default)]
pub struct ExportUi {
    /// The dialog is open, editing this copy of the settings.
    pub draft: Option<ExportSettings>,
    pub last_copied: Option<CopiedTable>,
    clipboard: Option<arboard::Clipboard>,
}

impl std::fmt::Debug for ExportUi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportUi")
            .field("draft", &self.draft)
            .field("last_copied", &self.last_copied)
            .finish_non_exhaustive()
    }
}

impl ExportUi {
    /// Copies a table; `system` puts it on the system clipboard too (tests
    /// and headless runs keep it in the app only). Returns the status text.
    pub fn copy_table(
        &mut self,
        report: &Report,
        kind: TableKind,
        style: NumberStyle,
        system: bool,
    ) -> String {
        let Some(table) = table_to_copy(report, kind, style) else {
            return "Nothing to copy".to_owned();
        };
        let copied = CopiedTable {
            name: table.name.clone(),
            html: table_html(&table),
            tsv: table_tsv(&table),
        };
        let status = if system {
            match self.put_on_clipboard(&copied) {
                Ok(()) => format!("Copied the {} table", copied.name),
                Err(error) => format!("Could not copy the {} table: {error}", copied.name),
            }
        } else {
            format!("Copied the {} table", copied.name)
        };
        self.last_copied = Some(copied);
        status
    }

    fn put_on_clipboard(&mut self, copied: &CopiedTable) -> Result<(), arboard::Error> {
        if self.clipboard.is_none() {
            self.clipboard = Some(arboard::Clipboard::new()?);
        }
        let Some(clipboard) = self.clipboard.as_mut() else {
            return Err(arboard::Error::ClipboardNotSupported);
        };
        clipboard
            .set()
            .html(copied.html.as_str(), Some(copied.tsv.as_str()))
    }
}

/// Draws the export dialog over the window; returns the user's answer.
pub fn export_dialog_ui(
    ctx: &egui::Context,
    draft: &mut ExportSettings,
    report: &Report,
    open_errors: usize,
) -> Option<ExportDialogOutcome> {
    let mut outcome = None;
    let response = egui::Modal::new(egui::Id::unique("va-report-export-dialog")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading("Export the report");
        ui.horizontal(|ui| {
            let folder = Path::new(draft.docx.path.trim())
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "the current folder".to_owned());
            ui.label(format!("Into {folder}"));
            if ui
                .button("Choose folder…")
                .on_hover_text("Write every file into another folder")
                .clicked()
                && let Some(folder) =
                    super::file_dialogs::pick_export_folder(draft.docx.path.trim())
            {
                draft.move_into(&folder);
            }
        });
        ui.add_space(4.0);
        egui::Grid::new("export-targets")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                target_ui(ui, &mut draft.docx, "Word document (DOCX)", "DOCX file");
                target_ui(ui, &mut draft.xlsx, "Workbook (XLSX)", "XLSX file");
                target_ui(ui, &mut draft.csv, "CSV files, one per table", "CSV folder");
                target_ui(
                    ui,
                    &mut draft.charts,
                    "Figures as PNG and SVG",
                    "Figure folder",
                );
            });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label("Numbers");
            for (style, label) in [
                (NumberStyle::Us, "1,234,567"),
                (NumberStyle::Eu, "1.234.567"),
                (NumberStyle::Si, "1\u{202F}234\u{202F}567"),
            ] {
                ui.radio_value(&mut draft.options.number_style, style, label);
            }
        });
        installations_ui(ui, &mut draft.options, report);
        ui.checkbox(
            &mut draft.options.embed_figures,
            "Embed the usage figures in the DOCX",
        );
        ui.checkbox(
            &mut draft.options.findings_annex,
            "Annex of acknowledged findings in the DOCX",
        );
        template_ui(ui, &mut draft.options.template);
        ui.horizontal(|ui| {
            ui.label("Author");
            ui.add(
                egui::TextEdit::singleline(&mut draft.options.author)
                    .desired_width(340.0)
                    .hint_text("Name in the DOCX's properties (optional)"),
            )
            .accessible_name("Document author");
        });
        if let Some(line) = super::word_dialog::open_errors_line(open_errors) {
            ui.add_space(4.0);
            ui.colored_label(super::theme::flagged_value(ui.visuals().dark_mode), line);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let ready = draft.anything_enabled();
            if ui.add_enabled(ready, egui::Button::new("Export")).clicked() {
                outcome = Some(ExportDialogOutcome::Export);
            }
            if ui.button("Cancel").clicked() {
                outcome = Some(ExportDialogOutcome::Cancel);
            }
        });
    });
    if outcome.is_none() && response.should_close() {
        outcome = Some(ExportDialogOutcome::Cancel);
    }
    outcome
}

/// The Word document or template whose styles, page, headers and footers
/// the DOCX takes; empty for the built-in look.
fn template_ui(ui: &mut egui::Ui, template: &mut Option<PathBuf>) {
    let mut text = template
        .as_ref()
        .map(|path| path.display().to_string())
        .unwrap_or_default();
    ui.horizontal(|ui| {
        ui.label("Word template");
        let edit = egui::TextEdit::singleline(&mut text)
            .desired_width(340.0)
            .hint_text("Template DOCX (optional)");
        if ui.add(edit).changed() {
            *template = (!text.trim().is_empty()).then(|| PathBuf::from(text.trim()));
        }
    });
}

fn target_ui(ui: &mut egui::Ui, target: &mut ExportTarget, label: &str, hint: &str) {
    ui.checkbox(&mut target.enabled, label);
    ui.add_enabled(
        target.enabled,
        egui::TextEdit::singleline(&mut target.path)
            .desired_width(340.0)
            .hint_text(hint),
    );
    ui.end_row();
}

fn installations_ui(ui: &mut egui::Ui, options: &mut ExportOptions, report: &Report) {
    let mut all = options.installations.is_none();
    if ui.checkbox(&mut all, "All installations").changed() {
        options.installations = if all {
            None
        } else {
            Some(
                report
                    .installations
                    .iter()
                    .map(|i| i.name.clone())
                    .collect(),
            )
        };
    }
    let Some(names) = options.installations.as_mut() else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("export-installations")
        .max_height(160.0)
        .show(ui, |ui| {
            for installation in &report.installations {
                let mut chosen = names.contains(&installation.name);
                if ui.checkbox(&mut chosen, &installation.name).changed() {
                    if chosen {
                        names.push(installation.name.clone());
                    } else {
                        names.retain(|name| name != &installation.name);
                    }
                }
            }
        });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::samples::Sample;

    #[test]
    fn moving_into_a_folder_keeps_each_name() {
        let mut settings = ExportSettings::default();
        settings.suggest_paths(Some(Path::new("/work/d4.3.json")), "x");
        settings.move_into(Path::new("/out"));
        assert_eq!(settings.docx.path, "/out/d4.3.docx");
        assert_eq!(settings.csv.path, "/out/d4.3-csv");
    }

    #[test]
    fn paths_are_suggested_beside_the_project() {
        let mut settings = ExportSettings::default();
        settings.xlsx.path = "/kept/book.xlsx".to_owned();
        settings.suggest_paths(Some(Path::new("/work/d4.3.json")), "M36 sample");
        assert_eq!(settings.docx.path, "/work/d4.3.docx");
        assert_eq!(settings.xlsx.path, "/kept/book.xlsx");
        assert_eq!(settings.csv.path, "/work/d4.3-csv");
        let mut untitled = ExportSettings::default();
        untitled.suggest_paths(None, "M36 sample");
        assert_eq!(untitled.docx.path, "M36 sample.docx");
    }

    #[test]
    fn copying_a_table_gives_html_and_tsv_of_the_same_cells() {
        let report = Sample::M36.report().unwrap();
        let mut state = ExportUi::default();
        let status = state.copy_table(&report, TableKind::Metrics(5), NumberStyle::Us, false);
        assert_eq!(status, "Copied the INCD - CPU metrics table");
        let copied = state.last_copied.unwrap();
        assert!(copied.html.starts_with("<table"));
        assert!(copied.tsv.starts_with("Metric name\tBaseline\t"));
        // The numbered caption, the header, one line per resource.
        let cumulative = state_copy(&report, TableKind::Cumulative);
        assert_eq!(cumulative.lines().count(), 2 + report.cumulative.rows.len());
        assert!(cumulative.starts_with("Table 1 Cumulative resource consumption"));
    }

    #[test]
    fn without_a_display_the_clipboard_error_is_a_status_not_a_panic() {
        let no_display = ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .all(|name| std::env::var_os(name).is_none());
        if !no_display {
            println!("a display is set: the system clipboard is not tried");
            return;
        }
        let report = Sample::M36.report().unwrap();
        let mut state = ExportUi::default();
        let status = state.copy_table(&report, TableKind::Cumulative, NumberStyle::Us, true);
        assert!(
            status.starts_with("Could not copy the Cumulative table: "),
            "{status}"
        );
        assert!(state.last_copied.is_some());
    }

    fn state_copy(report: &Report, kind: TableKind) -> String {
        let mut state = ExportUi::default();
        state.copy_table(report, kind, NumberStyle::Us, false);
        state.last_copied.unwrap().tsv
    }

    #[test]
    fn an_export_writes_the_chosen_files() {
        let report = Sample::M36.report().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut settings = ExportSettings::default();
        settings.csv.enabled = true;
        settings.suggest_paths(Some(&dir.path().join("report.json")), "x");
        let written = run_export(&report, &settings).unwrap();
        assert_eq!(written.len(), 3);
        assert!(dir.path().join("report.docx").is_file());
        assert!(dir.path().join("report.xlsx").is_file());
        assert!(
            dir.path()
                .join("report-csv")
                .join("cumulative.csv")
                .is_file()
        );
    }
}

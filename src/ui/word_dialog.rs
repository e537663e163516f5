//! File > Update Word document… (the report's tables written into the
//! user's own deliverable, to a new file or in its place after a
//! confirmation) and File > New from Word document… (a report started from
//! a deliverable). The reading and writing are `export::docx_update` and
//! `export::docx_report`, the same functions the command line uses; this
//! module only asks for the files and shows what happened.

use std::path::{Path, PathBuf};

use crate::export::docx_update::UpdateSummary;
use crate::model::YearMonth;

/// Where the updated document goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WriteTo {
    /// A new file; the document itself is not touched.
    #[default]
    NewFile,
    /// The document itself, after a confirmation.
    InPlace,
}

/// File > Update Word document… while it is open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateWordDialog {
    /// The user's deliverable (.docx).
    pub document: String,
    /// The new file, when `write_to` is `NewFile`; empty: suggested from
    /// the document's name.
    pub output: String,
    pub write_to: WriteTo,
    /// The in-place update was asked for and waits for the confirmation.
    pub confirming: bool,
    /// Why the last Update could not start (a field left empty).
    pub problem: Option<String>,
}

/// What the update dialog asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpdateWordChoice {
    /// Update `document`; `output` None writes it in place (confirmed).
    Update {
        document: PathBuf,
        output: Option<PathBuf>,
    },
    Cancel,
}

impl UpdateWordDialog {
    /// The dialog on the document used last time, if any.
    pub fn new(last_document: &str) -> Self {
        Self {
            document: last_document.to_owned(),
            ..Self::default()
        }
    }

    /// `deliverable-updated.docx` beside `deliverable.docx`.
    pub fn suggested_output(document: &Path) -> PathBuf {
        let stem = document
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".to_owned());
        document.with_file_name(format!("{stem}-updated.docx"))
    }

    /// What Update asks for, or why it cannot start yet.
    fn choice(&self) -> Result<UpdateWordChoice, String> {
        let document = self.document.trim();
        if document.is_empty() {
            return Err("Choose the Word document to update".to_owned());
        }
        let document = PathBuf::from(document);
        let output = match self.write_to {
            WriteTo::InPlace => None,
            WriteTo::NewFile => Some(match self.output.trim() {
                "" => Self::suggested_output(&document),
                path => PathBuf::from(path),
            }),
        };
        Ok(UpdateWordChoice::Update { document, output })
    }
}

/// File > New from Word document… while it is open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewFromWordDialog {
    pub document: String,
    /// The calendar month of M1 as `YYYY-MM`, for a Table 1 whose labels
    /// do not tell it; empty: read from the document.
    pub start: String,
    pub problem: Option<String>,
}

/// What the New from Word document dialog asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewFromWordChoice {
    Start {
        document: PathBuf,
        start: Option<YearMonth>,
    },
    Cancel,
}

impl NewFromWordDialog {
    fn choice(&self) -> Result<NewFromWordChoice, String> {
        let document = self.document.trim();
        if document.is_empty() {
            return Err("Choose the deliverable to start from".to_owned());
        }
        let start = match self.start.trim() {
            "" => None,
            text => Some(
                YearMonth::try_from(text.to_owned())
                    .map_err(|reason| format!("Project start: {reason}"))?,
            ),
        };
        Ok(NewFromWordChoice::Start {
            document: PathBuf::from(document),
            start,
        })
    }
}

/// What an update did, as the result dialog shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdateResultView {
    /// "Updated 7 tables of deliverable.docx (12 cells changed)".
    pub headline: String,
    /// The file written.
    pub written: String,
    /// How many of the report's tables the document has.
    pub tables_found: usize,
    /// One line per table found, changed ones first ("INCD - CPU metrics
    /// (document table 13): 1 cell changed"), each followed by its cells.
    pub updated: Vec<String>,
    /// One line per table not found, with the reason.
    pub not_found: Vec<String>,
    /// "The report still has 16 open errors…", when it has any.
    pub open_errors: Option<String>,
}

impl UpdateResultView {
    pub fn new(document: &Path, written: &Path, summary: &UpdateSummary, errors: usize) -> Self {
        let name = file_name(document);
        let tables = summary.tables.len();
        let cells = summary.cells_changed();
        let headline = format!(
            "Found {tables} of the report's table{} in {name}; {cells} cell{} changed",
            plural(tables),
            plural(cells),
        );
        // Changed tables first, each with its cells; then the unchanged.
        let mut tables: Vec<_> = summary.tables.iter().collect();
        tables.sort_by_key(|table| table.changes.is_empty());
        let mut updated = Vec::new();
        for table in tables {
            let mut line = match table.changes.len() {
                0 => format!(
                    "{} (document table {}): unchanged",
                    table.name, table.document_table
                ),
                n => format!(
                    "{} (document table {}): {n} cell{} changed",
                    table.name,
                    table.document_table,
                    plural(n)
                ),
            };
            if !table.missing.is_empty() {
                line.push_str(&format!(
                    "; not in the document: {}",
                    table.missing.join(", ")
                ));
            }
            updated.push(line);
            updated.extend(table.changes.iter().map(|change| {
                format!(
                    "    {} / {}: {} becomes {}",
                    change.row, change.column, change.old, change.new
                )
            }));
        }
        let not_found = summary
            .not_found
            .iter()
            .map(|missing| format!("{}: {}", missing.name, missing.reason))
            .collect();
        Self {
            headline,
            written: written.display().to_string(),
            tables_found: summary.tables.len(),
            updated,
            not_found,
            open_errors: open_errors_line(errors),
        }
    }

    /// The whole result as text (what tests and screen readers read).
    pub fn text(&self) -> String {
        let mut lines = vec![self.headline.clone(), format!("Wrote {}", self.written)];
        lines.extend(self.open_errors.clone());
        lines.extend(self.updated.iter().map(|line| format!("Updated: {line}")));
        lines.extend(
            self.not_found
                .iter()
                .map(|line| format!("Not found: {line}")),
        );
        lines.join("\n")
    }
}

/// "The report still has 3 open errors; …", or None without errors.
pub fn open_errors_line(errors: usize) -> Option<String> {
    (errors > 0).then(|| {
        format!(
            "The report still has {errors} open error{} (see the findings panel); the numbers go out as they are",
            plural(errors)
        )
    })
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Draws File > Update Word document…; returns the user's answer.
pub fn update_word_dialog_ui(
    ctx: &egui::Context,
    dialog: &mut UpdateWordDialog,
    open_errors: usize,
    native_dialogs: bool,
) -> Option<UpdateWordChoice> {
    let mut outcome = None;
    let response = egui::Modal::new(egui::Id::unique("va-report-update-word")).show(ctx, |ui| {
        ui.set_width(600.0);
        if dialog.confirming {
            let document = dialog.document.trim().to_owned();
            ui.heading("Replace the document?");
            ui.label(format!(
                "The tables of {document} are rewritten in its place. Everything else in it stays as it is, but the old numbers are gone unless you keep a copy."
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    outcome = Some(UpdateWordChoice::Update {
                        document: PathBuf::from(&document),
                        output: None,
                    });
                }
                if ui.button("Back").clicked() {
                    dialog.confirming = false;
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(UpdateWordChoice::Cancel);
                }
            });
            return;
        }
        ui.heading("Update a Word document");
        ui.label(
            "The report's tables are found in your deliverable (by caption, heading and rows) and their cells rewritten with the report's numbers, keeping the document's formatting.",
        );
        ui.add_space(6.0);
        egui::Grid::new("update-word-grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                ui.label("Word document");
                word_document_field(ui, &mut dialog.document, "Word document to update", native_dialogs);
                ui.end_row();
                ui.label("Write to");
                ui.vertical(|ui| {
                    ui.radio_value(&mut dialog.write_to, WriteTo::NewFile, "A new document");
                    ui.horizontal(|ui| {
                        let suggested = match dialog.document.trim() {
                            "" => "deliverable-updated.docx".to_owned(),
                            path => UpdateWordDialog::suggested_output(Path::new(path))
                                .display()
                                .to_string(),
                        };
                        ui.add_enabled(
                            dialog.write_to == WriteTo::NewFile,
                            egui::TextEdit::singleline(&mut dialog.output)
                                .desired_width(380.0)
                                .hint_text(suggested),
                        )
                        .accessible_name("New document");
                        if native_dialogs
                            && dialog.write_to == WriteTo::NewFile
                            && ui.button("Choose…").clicked()
                            && let Some(path) =
                                super::file_dialogs::pick_word_document_to_save(&dialog.document)
                        {
                            dialog.output = path.display().to_string();
                        }
                    });
                    ui.radio_value(
                        &mut dialog.write_to,
                        WriteTo::InPlace,
                        "The document itself (asks first)",
                    );
                });
                ui.end_row();
            });
        if let Some(line) = open_errors_line(open_errors) {
            ui.add_space(4.0);
            ui.colored_label(super::theme::flagged_value(ui.visuals().dark_mode), line);
        }
        if let Some(problem) = &dialog.problem {
            ui.colored_label(super::theme::flagged_value(ui.visuals().dark_mode), problem);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Update").clicked() {
                match dialog.choice() {
                    Ok(UpdateWordChoice::Update { output: None, .. }) => {
                        dialog.problem = None;
                        dialog.confirming = true;
                    }
                    Ok(choice) => outcome = Some(choice),
                    Err(problem) => dialog.problem = Some(problem),
                }
            }
            if ui.button("Cancel").clicked() {
                outcome = Some(UpdateWordChoice::Cancel);
            }
        });
    });
    if outcome.is_none() && response.should_close() {
        outcome = Some(UpdateWordChoice::Cancel);
    }
    outcome
}

/// Draws File > New from Word document…; returns the user's answer.
pub fn new_from_word_dialog_ui(
    ctx: &egui::Context,
    dialog: &mut NewFromWordDialog,
    native_dialogs: bool,
) -> Option<NewFromWordChoice> {
    let mut outcome = None;
    let response = egui::Modal::new(egui::Id::unique("va-report-new-from-word")).show(ctx, |ui| {
        ui.set_width(600.0);
        ui.heading("New report from a Word document");
        ui.label(
            "Table 1, each installation's description and metrics tables, the assessments and the prose sections are read from the deliverable into a new report; what cannot be read is listed.",
        );
        ui.add_space(6.0);
        egui::Grid::new("new-from-word-grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                ui.label("Deliverable");
                word_document_field(ui, &mut dialog.document, "Deliverable to start from", native_dialogs);
                ui.end_row();
                ui.label("Project start (M1)");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.start)
                            .desired_width(90.0)
                            .hint_text("YYYY-MM"),
                    )
                    .accessible_name("Project start");
                    ui.weak("only when Table 1's checkpoint labels do not tell it");
                });
                ui.end_row();
            });
        if let Some(problem) = &dialog.problem {
            ui.colored_label(super::theme::flagged_value(ui.visuals().dark_mode), problem);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Start report").clicked() {
                match dialog.choice() {
                    Ok(choice) => outcome = Some(choice),
                    Err(problem) => dialog.problem = Some(problem),
                }
            }
            if ui.button("Cancel").clicked() {
                outcome = Some(NewFromWordChoice::Cancel);
            }
        });
    });
    if outcome.is_none() && response.should_close() {
        outcome = Some(NewFromWordChoice::Cancel);
    }
    outcome
}

/// Draws the result of an update; true once it is dismissed.
/// A Word document's path, typed or (with native dialogs) chosen; `name` is
/// the field's accessible name and the file dialog's title.
fn word_document_field(ui: &mut egui::Ui, path: &mut String, name: &str, native_dialogs: bool) {
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(path)
                .desired_width(380.0)
                .hint_text("deliverable.docx"),
        )
        .accessible_name(name);
        if native_dialogs
            && ui.button("Choose…").clicked()
            && let Some(chosen) = super::file_dialogs::pick_word_document(name, path)
        {
            *path = chosen.display().to_string();
        }
    });
}

pub fn update_result_ui(ctx: &egui::Context, view: &UpdateResultView) -> bool {
    let mut done = false;
    let response = egui::Modal::new(egui::Id::unique("va-report-word-updated")).show(ctx, |ui| {
        ui.set_width(640.0);
        ui.heading("Word document updated");
        ui.label(&view.headline);
        ui.label(format!("Wrote {}", view.written));
        if let Some(line) = &view.open_errors {
            ui.colored_label(super::theme::flagged_value(ui.visuals().dark_mode), line);
        }
        ui.add_space(6.0);
        // A bar beside the lines, not over their ends.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.strong(format!("Tables found ({})", view.tables_found));
                for line in &view.updated {
                    ui.label(line);
                }
                if !view.not_found.is_empty() {
                    ui.add_space(6.0);
                    ui.strong(format!(
                        "Tables not found in the document ({})",
                        view.not_found.len()
                    ));
                    for line in &view.not_found {
                        ui.label(line);
                    }
                }
            });
        ui.add_space(8.0);
        if ui.button("OK").clicked() {
            done = true;
        }
    });
    done || response.should_close()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::export::docx_update::{CellChange, NotFound, TableUpdate};

    #[test]
    fn the_new_document_is_suggested_beside_the_old_one() {
        let dialog = UpdateWordDialog::new("/work/D4.3.docx");
        assert_eq!(
            dialog.choice().unwrap(),
            UpdateWordChoice::Update {
                document: PathBuf::from("/work/D4.3.docx"),
                output: Some(PathBuf::from("/work/D4.3-updated.docx")),
            }
        );
        let in_place = UpdateWordDialog {
            write_to: WriteTo::InPlace,
            ..dialog
        };
        assert!(matches!(
            in_place.choice().unwrap(),
            UpdateWordChoice::Update { output: None, .. }
        ));
        assert!(UpdateWordDialog::default().choice().is_err());
    }

    #[test]
    fn a_start_month_that_is_not_one_is_refused() {
        let dialog = NewFromWordDialog {
            document: "d.docx".to_owned(),
            start: "2022-13".to_owned(),
            problem: None,
        };
        assert!(dialog.choice().unwrap_err().starts_with("Project start: "));
        let dialog = NewFromWordDialog {
            start: "2022-09".to_owned(),
            ..dialog
        };
        assert_eq!(
            dialog.choice().unwrap(),
            NewFromWordChoice::Start {
                document: PathBuf::from("d.docx"),
                start: Some(YearMonth {
                    year: 2022,
                    month: 9
                }),
            }
        );
    }

    #[test]
    fn the_result_names_tables_changed_unchanged_and_not_found_with_why() {
        let summary = UpdateSummary {
            tables: vec![
                TableUpdate {
                    name: "Cumulative".to_owned(),
                    document_table: 1,
                    changes: Vec::new(),
                    missing: Vec::new(),
                },
                TableUpdate {
                    name: "INCD - CPU metrics".to_owned(),
                    document_table: 4,
                    changes: vec![CellChange {
                        row: "Users".to_owned(),
                        column: "M25-M36".to_owned(),
                        old: "10".to_owned(),
                        new: "12".to_owned(),
                    }],
                    missing: vec!["row Countries".to_owned()],
                },
            ],
            not_found: vec![NotFound {
                name: "INCD - GPU metrics".to_owned(),
                reason: "no table under a heading naming INCD - GPU".to_owned(),
            }],
        };
        let view = UpdateResultView::new(
            Path::new("/w/d.docx"),
            Path::new("/w/d-updated.docx"),
            &summary,
            3,
        );
        assert_eq!(
            view.headline,
            "Found 2 of the report's tables in d.docx; 1 cell changed"
        );
        assert_eq!(view.tables_found, 2);
        assert_eq!(
            view.updated,
            [
                "INCD - CPU metrics (document table 4): 1 cell changed; not in the document: row Countries",
                "    Users / M25-M36: 10 becomes 12",
                "Cumulative (document table 1): unchanged",
            ]
        );
        assert_eq!(
            view.not_found,
            ["INCD - GPU metrics: no table under a heading naming INCD - GPU"]
        );
        assert!(
            view.open_errors
                .unwrap()
                .starts_with("The report still has 3 open errors")
        );
        assert_eq!(open_errors_line(0), None);
    }
}

//! Importing provider files in the window: files dropped on it or picked
//! with File > Import… are read on a background thread (progress, Cancel),
//! each parsed in the guarded worker process the binary configured (Cancel
//! kills it; a file that crashes or hangs it is one error in the plan),
//! then the plan is shown: changed cells with the value now and the one imported, and their source,
//! unchanged cells counted, unmatched values listed with a way to map them
//! by hand. Apply pushes the plan's edit (one undo step); Cancel leaves the
//! report untouched.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::actions::Actions;
use super::theme;
use crate::import::{
    FileAccount, FileError, ImportInput, ImportPlan, Progress, column_label, import,
};
use crate::model::{CellAddress, MetricColumn, Report};

/// A file to import, as the window received it.
#[derive(Clone, Debug)]
pub enum ImportSource {
    Path(PathBuf),
    Dropped(egui::DroppedFileHandle),
}

impl ImportSource {
    fn name(&self) -> String {
        let path = match self {
            Self::Path(path) => path.as_path(),
            Self::Dropped(file) => file.path(),
        };
        path.file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    }
}

/// A background import under way.
struct Job {
    progress: Progress,
    total: usize,
    receiver: Receiver<ImportPlan>,
}

/// An unmatched value being mapped by hand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HandMap {
    pub installation: Option<usize>,
    pub metric: Option<usize>,
    pub column: Option<MetricColumn>,
}

impl HandMap {
    pub fn address(self) -> Option<CellAddress> {
        Some(CellAddress::Metric {
            installation: self.installation?,
            metric: self.metric?,
            column: self.column?,
        })
    }
}

/// The plan on screen.
pub struct Preview {
    pub plan: ImportPlan,
    pub maps: Vec<HandMap>,
    /// What each file gave, as the preview lists it.
    pub account: Vec<FileAccount>,
    /// A remembered mapping the user chose to forget this frame.
    pub forget: Option<usize>,
}

impl Preview {
    pub fn new(plan: ImportPlan) -> Self {
        let maps = guesses(&plan);
        let account = plan.account();
        Self {
            plan,
            maps,
            account,
            forget: None,
        }
    }

    /// Adds a new installation or metric with its values to the plan; the
    /// hand-mapping choices start again from the remaining entries' guesses.
    pub fn add_new(&mut self, report: &Report, addition: &crate::import::Addition) -> bool {
        if !self.plan.add_new(report, addition) {
            return false;
        }
        self.maps = guesses(&self.plan);
        true
    }

    /// Maps unmatched entry `index` as chosen; true when it became a change.
    pub fn map(&mut self, report: &Report, index: usize) -> bool {
        let Some(address) = self.maps.get(index).and_then(|m| m.address()) else {
            return false;
        };
        if self.plan.map_by_hand(report, index, address) {
            self.maps.remove(index);
            true
        } else {
            false
        }
    }
}

/// The hand-mapping choices each unmatched entry starts from: its guess.
fn guesses(plan: &ImportPlan) -> Vec<HandMap> {
    plan.unmatched
        .iter()
        .map(|u| HandMap {
            installation: u.guess.installation,
            metric: u.guess.metric,
            column: u.guess.column,
        })
        .collect()
}

/// One line that says what the plan holds.
pub fn summary(plan: &ImportPlan) -> String {
    let mut parts = vec![
        format!(
            "{} {} to change",
            plan.changes.len(),
            if plan.changes.len() == 1 {
                "cell"
            } else {
                "cells"
            }
        ),
        format!("{} unchanged", plan.unchanged),
    ];
    if !plan.unmatched.is_empty() {
        parts.push(format!("{} not matched", plan.unmatched.len()));
    }
    if !plan.skipped.is_empty() {
        parts.push(format!(
            "{} {} skipped",
            plan.skipped.len(),
            if plan.skipped.len() == 1 {
                "sheet"
            } else {
                "sheets"
            }
        ));
    }
    if !plan.errors.is_empty() {
        parts.push(format!(
            "{} {} not read",
            plan.errors.len(),
            if plan.errors.len() == 1 {
                "file"
            } else {
                "files"
            }
        ));
    }
    parts.join(" · ")
}

/// The import in the window: idle, reading, or showing a plan.
#[derive(Default)]
pub struct ImportState {
    /// Files waiting for the next frame to start reading them.
    pending: Vec<ImportSource>,
    job: Option<Job>,
    preview: Option<Preview>,
}

impl ImportState {
    /// True while the progress or the preview is on screen.
    pub fn is_open(&self) -> bool {
        !self.pending.is_empty() || self.job.is_some() || self.preview.is_some()
    }

    /// Reads `sources` from the next frame on.
    pub fn queue(&mut self, sources: Vec<ImportSource>) {
        self.pending.extend(sources);
    }

    pub fn preview(&self) -> Option<&Preview> {
        self.preview.as_ref()
    }

    /// Starts reading `sources` against a copy of `report` on a background thread.
    pub fn start(&mut self, ctx: &egui::Context, report: &Report, sources: Vec<ImportSource>) {
        if sources.is_empty() {
            return;
        }
        let progress = Progress::default();
        let (sender, receiver) = channel();
        let total = sources.len();
        let report = report.clone();
        let thread_progress = progress.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("import".to_owned())
            .spawn(move || {
                let plan = read_sources(&report, sources, &thread_progress);
                let _ = sender.send(plan);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.preview = None;
                self.job = Some(Job {
                    progress,
                    total,
                    receiver,
                });
            }
            Err(error) => {
                let mut plan = ImportPlan::default();
                plan.errors.push(FileError {
                    file: String::new(),
                    message: format!("cannot start reading: {error}"),
                });
                self.preview = Some(Preview::new(plan));
            }
        }
    }

    /// Draws the progress or the preview; Apply pushes the import's edit.
    pub fn import_ui(&mut self, ctx: &egui::Context, report: &Report, actions: &mut Actions) {
        if !self.pending.is_empty() && self.job.is_none() && self.preview.is_none() {
            let sources = std::mem::take(&mut self.pending);
            self.start(ctx, report, sources);
        }
        if let Some(job) = &self.job {
            match job.receiver.try_recv() {
                Ok(plan) => {
                    self.job = None;
                    self.preview = Some(Preview::new(plan));
                }
                Err(TryRecvError::Empty) => {
                    if progress_ui(ctx, job) {
                        job.progress.cancel();
                        self.job = None;
                    } else {
                        ctx.request_repaint_after(std::time::Duration::from_millis(100));
                    }
                    return;
                }
                Err(TryRecvError::Disconnected) => self.job = None,
            }
        }
        let Some(preview) = &mut self.preview else {
            return;
        };
        let choice = preview_ui(ctx, report, preview);
        if let Some(index) = preview.forget.take() {
            actions.edit(crate::edit::Edit::RemoveImportMapping { index });
        }
        match choice {
            Some(true) => {
                // Mappings forgotten while the preview was open: the new
                // ones go after those the report has now.
                preview.plan.mappings_before = report.import_mappings.len();
                if preview.plan.accepted_count() > 0 {
                    actions.edit(preview.plan.to_edit());
                }
                self.preview = None;
            }
            Some(false) => self.preview = None,
            None => {}
        }
    }
}

fn read_sources(report: &Report, sources: Vec<ImportSource>, progress: &Progress) -> ImportPlan {
    let mut inputs = Vec::with_capacity(sources.len());
    let mut errors = Vec::new();
    for source in sources {
        let name = source.name();
        match source {
            ImportSource::Path(path) => inputs.push(ImportInput {
                name,
                path: Some(path),
                bytes: None,
            }),
            ImportSource::Dropped(file) => match file.bytes() {
                Ok(bytes) => inputs.push(ImportInput::bytes(&name, bytes)),
                Err(message) => errors.push(FileError {
                    file: name,
                    message: format!("cannot read the file: {message}"),
                }),
            },
        }
    }
    let mut plan = import(report, &inputs, progress);
    plan.errors.extend(errors);
    plan
}

/// True when the user pressed Cancel.
fn progress_ui(ctx: &egui::Context, job: &Job) -> bool {
    let mut cancel = false;
    let response = egui::Modal::new(egui::Id::unique("import-progress")).show(ctx, |ui| {
        ui.set_width(360.0);
        ui.heading("Reading files");
        let done = job.progress.files_done().min(job.total);
        ui.label(format!("{done} of {} files read", job.total));
        let fraction = if job.total == 0 {
            0.0
        } else {
            done as f32 / job.total as f32
        };
        ui.add(egui::ProgressBar::new(fraction).animate(true));
        if ui.button("Cancel").clicked() {
            cancel = true;
        }
    });
    cancel || response.should_close()
}

/// Some(true) on Apply, Some(false) on Cancel.
fn preview_ui(ctx: &egui::Context, original: &Report, preview: &mut Preview) -> Option<bool> {
    let mut choice = None;
    // With new installations or metrics chosen, values are mapped into the
    // report as it will be.
    let working =
        (!preview.plan.structure.is_empty()).then(|| preview.plan.working_report(original));
    let report = working.as_ref().unwrap_or(original);
    let additions = preview.plan.additions();
    let mut added = None;
    let dark = ctx.global_style().visuals.dark_mode;
    let response = egui::Modal::new(egui::Id::unique("import-preview")).show(ctx, |ui| {
        let size = ctx.content_rect().size();
        ui.set_width((size.x - 120.0).clamp(320.0, 1100.0));
        ui.heading("Import preview");
        ui.label(summary(&preview.plan));
        ui.add_space(4.0);
        let max_height = (size.y - 240.0).max(160.0);
        egui::ScrollArea::both()
            .max_height(max_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                account_ui(ui, &preview.account, dark);
                if !preview.plan.changes.is_empty() {
                    ui.add_space(8.0);
                    changes_ui(ui, preview, dark);
                }
                if !preview.plan.totals.is_empty() {
                    ui.add_space(8.0);
                    totals_ui(ui, &preview.plan, dark);
                }
                if !additions.is_empty() {
                    ui.add_space(8.0);
                    ui.strong("New in the files");
                    for addition in &additions {
                        if ui.button(addition.label(report)).clicked() {
                            added = Some(addition.clone());
                        }
                    }
                }
                if !preview.plan.unmatched.is_empty() {
                    ui.add_space(8.0);
                    ui.strong("Not matched");
                    unmatched_ui(ui, report, preview);
                }
                if !preview.plan.mappings.is_empty() || !original.import_mappings.is_empty() {
                    ui.add_space(8.0);
                    preview.forget = mappings_ui(ui, original, &preview.plan);
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let count = preview.plan.accepted_count();
            let label = format!(
                "Apply {count} {}",
                if count == 1 { "change" } else { "changes" }
            );
            if ui
                .add_enabled(count > 0, egui::Button::new(label))
                .clicked()
            {
                choice = Some(true);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(false);
            }
        });
    });
    if let Some(addition) = added {
        preview.add_new(original, &addition);
    }
    // Escape or a click beside the dialog cancels, as in the other dialogs.
    if choice.is_none() && response.should_close() {
        choice = Some(false);
    }
    choice
}

/// The names mapped by hand that Apply will remember, and those the
/// report already remembers (used in this import).
fn mappings_ui(ui: &mut egui::Ui, report: &Report, plan: &ImportPlan) -> Option<usize> {
    for mapping in &plan.mappings {
        ui.label(format!(
            "Remembered for the next import: {}",
            mapping_text(mapping)
        ));
    }
    let mut forget = None;
    if !report.import_mappings.is_empty() {
        ui.collapsing(
            format!(
                "Names remembered from earlier imports ({})",
                report.import_mappings.len()
            ),
            |ui| {
                for (index, mapping) in report.import_mappings.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(mapping_text(mapping));
                        if ui
                            .button("Forget")
                            .on_hover_text("Not used from the next import on")
                            .clicked()
                        {
                            forget = Some(index);
                        }
                    });
                }
            },
        );
    }
    forget
}

/// `"CPU time" (INCD - CPU.csv's INCD - CPU) is INCD - CPU | CPU/hours ...`
pub fn mapping_text(mapping: &crate::model::ImportMapping) -> String {
    if mapping.source_metric.is_empty() {
        format!(
            "{:?} is {}",
            mapping.source_installation, mapping.installation
        )
    } else {
        format!(
            "{:?} is {} | {}",
            mapping.source_metric, mapping.installation, mapping.metric
        )
    }
}

/// Every file with what it gave: tables found and how many values they
/// matched, and for what gave nothing, why and the nearest name.
fn account_ui(ui: &mut egui::Ui, account: &[FileAccount], dark: bool) {
    ui.strong("Files");
    for file in account {
        ui.label(egui::RichText::new(&file.file).strong());
        ui.indent(("import-account", &file.file), |ui| {
            for line in &file.lines {
                let text = if line.sheet.is_empty() {
                    line.text.clone()
                } else {
                    format!("Sheet {}: {}", line.sheet, line.text)
                };
                if line.matched > 0 {
                    ui.label(text);
                } else {
                    ui.colored_label(theme::flagged_value(dark), text);
                }
            }
        });
    }
}

fn changes_ui(ui: &mut egui::Ui, preview: &mut Preview, dark: bool) {
    let changed = theme::active_cell_fill(dark);
    egui::Grid::new("import-changes")
        .striped(true)
        .num_columns(7)
        .show(ui, |ui| {
            for header in [
                "",
                "Installation",
                "Metric",
                "Column",
                "Now",
                "Imported",
                "Source",
            ] {
                ui.strong(header);
            }
            ui.end_row();
            for change in &mut preview.plan.changes {
                let name = format!(
                    "Apply {}, {}, {}",
                    change.installation, change.metric, change.column
                );
                ui.checkbox(&mut change.accepted, "").widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::CheckBox, true, change.accepted, &name)
                });
                ui.label(&change.installation);
                ui.label(&change.metric);
                ui.label(&change.column);
                let old = if change.old.trim().is_empty() {
                    "(blank)"
                } else {
                    change.old.trim()
                };
                ui.label(old);
                ui.label(egui::RichText::new(&change.new).background_color(changed));
                ui.label(format!(
                    "{}, {}, {}",
                    change.file, change.sheet, change.cell
                ));
                ui.end_row();
            }
        });
}

/// The TOTs that follow the changed periods (applied with them, in the
/// same step), and typed TOTs that will disagree.
fn totals_ui(ui: &mut egui::Ui, plan: &crate::import::ImportPlan, dark: bool) {
    ui.strong("TOT");
    let applied: Vec<&crate::import::TotalFollow> = plan.applied_totals().collect();
    for total in &plan.totals {
        let text = if total.typed {
            format!(
                "{}, {}: TOT {} was typed and will disagree with the imported periods ({})",
                total.installation,
                total.metric,
                total.old.trim(),
                total.new
            )
        } else if applied.iter().any(|a| a.address == total.address) {
            format!(
                "{}, {}: TOT {} -> {} (follows the periods)",
                total.installation,
                total.metric,
                total.old.trim(),
                total.new
            )
        } else {
            format!(
                "{}, {}: TOT stays {} (a period change it follows is unticked)",
                total.installation,
                total.metric,
                total.old.trim()
            )
        };
        if total.typed {
            ui.colored_label(theme::flagged_value(dark), text);
        } else {
            ui.label(text);
        }
    }
}

fn unmatched_ui(ui: &mut egui::Ui, report: &Report, preview: &mut Preview) {
    let mut mapped = None;
    for index in 0..preview.plan.unmatched.len() {
        let Some(entry) = preview.plan.unmatched.get(index) else {
            continue;
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} ({}, {}, {}): {}",
                entry.text, entry.file, entry.sheet, entry.cell, entry.reason
            ));
        });
        let Some(value) = entry.value.clone() else {
            continue;
        };
        let Some(map) = preview.maps.get_mut(index) else {
            continue;
        };
        let cell = entry.cell.clone();
        ui.horizontal(|ui| {
            ui.label(format!("Put {value} into"));
            let installation_text = map
                .installation
                .and_then(|i| report.installations.get(i))
                .map_or("Installation".to_owned(), |i| i.name.clone());
            egui::ComboBox::from_id_salt(("map-installation", index))
                .selected_text(installation_text)
                .show_ui(ui, |ui| {
                    for (i, installation) in report.installations.iter().enumerate() {
                        if ui
                            .selectable_label(map.installation == Some(i), &installation.name)
                            .clicked()
                        {
                            map.installation = Some(i);
                            map.metric = None;
                        }
                    }
                })
                .response
                .accessible_name(format!("Installation for {cell}"));
            let metrics = map
                .installation
                .and_then(|i| report.installations.get(i))
                .map(|i| i.metrics.as_slice())
                .unwrap_or_default();
            let metric_text = map
                .metric
                .and_then(|m| metrics.get(m))
                .map_or("Metric".to_owned(), |m| m.name.clone());
            egui::ComboBox::from_id_salt(("map-metric", index))
                .selected_text(metric_text)
                .width(220.0)
                .show_ui(ui, |ui| {
                    for (m, metric) in metrics.iter().enumerate() {
                        if ui
                            .selectable_label(map.metric == Some(m), &metric.name)
                            .clicked()
                        {
                            map.metric = Some(m);
                        }
                    }
                })
                .response
                .accessible_name(format!("Metric for {cell}"));
            let column_text = map
                .column
                .map_or("Column".to_owned(), |c| column_label(report, c));
            egui::ComboBox::from_id_salt(("map-column", index))
                .selected_text(column_text)
                .show_ui(ui, |ui| {
                    let mut columns = vec![MetricColumn::Baseline];
                    columns.extend((0..report.periods.len()).map(MetricColumn::Period));
                    columns.push(MetricColumn::Total);
                    for column in columns {
                        if ui
                            .selectable_label(
                                map.column == Some(column),
                                column_label(report, column),
                            )
                            .clicked()
                        {
                            map.column = Some(column);
                        }
                    }
                })
                .response
                .accessible_name(format!("Column for {cell}"));
            if ui
                .add_enabled(map.address().is_some(), egui::Button::new("Map"))
                .clicked()
            {
                mapped = Some(index);
            }
        });
    }
    if let Some(index) = mapped {
        preview.map(report, index);
    }
}

/// True for the files the importer reads (by extension).
pub fn is_provider_file(path: &std::path::Path) -> bool {
    path.extension()
        .map(|ext| ext.to_string_lossy().to_lowercase())
        .is_some_and(|ext| {
            ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv"].contains(&ext.as_str())
        })
}

/// Files dropped on the window this frame.
pub fn dropped_sources(ctx: &egui::Context) -> Vec<ImportSource> {
    ctx.input(|input| input.raw.dropped_files.clone())
        .into_iter()
        .map(ImportSource::Dropped)
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::import::Progress;
    use crate::samples::Sample;

    #[test]
    fn provider_files_by_extension() {
        assert!(is_provider_file(std::path::Path::new("a/INCD.XLSX")));
        assert!(is_provider_file(std::path::Path::new("b.csv")));
        assert!(!is_provider_file(std::path::Path::new("m36.vareport.json")));
    }

    #[test]
    fn the_summary_counts_everything() {
        let report = Sample::M36.report().unwrap();
        let csv = "Metric name;M25-M36\nNumber of users;7\nRacks;3\n";
        let plan = import(
            &report,
            &[ImportInput::bytes(
                "INCD - CPU.csv",
                csv.as_bytes().to_vec(),
            )],
            &Progress::default(),
        );
        assert_eq!(
            summary(&plan),
            "1 cell to change · 0 unchanged · 1 not matched"
        );
    }

    #[test]
    fn mapping_by_hand_uses_the_guess_and_the_choice() {
        let report = Sample::M36.report().unwrap();
        let csv = "Metric name;M25-M36\nRacks;3\n";
        let plan = import(
            &report,
            &[ImportInput::bytes(
                "INCD - CPU.csv",
                csv.as_bytes().to_vec(),
            )],
            &Progress::default(),
        );
        let mut preview = Preview::new(plan);
        assert_eq!(preview.maps[0].installation, Some(5));
        assert_eq!(preview.maps[0].column, Some(MetricColumn::Period(2)));
        assert!(!preview.map(&report, 0), "no metric chosen yet");
        preview.maps[0].metric = Some(3);
        assert!(preview.map(&report, 0));
        assert_eq!(preview.plan.changes[0].metric, "Number of users");
        assert!(preview.maps.is_empty());
    }
}

//! The application state and the frame loop: draw, collect actions, apply.

use std::path::{Path, PathBuf};

use super::actions::{Action, Actions};
use super::check_runner::{CheckRunner, ChecksKey, Freshness};
use super::commands::UiCommand;
use super::dialogs::{self, Dialog, Next};
use super::export_dialog::{CopiedTable, ExportDialogOutcome, ExportUi, export_dialog_ui};
use super::findings_dock::FindingsDock;
use super::findings_panel::{self, FindingsPanelState, FindingsView};
use super::grid_paste::{PasteAnswer, PendingPaste};
use super::metric_table::GridState;
use super::new_report_dialog::{NewReportChoice, NewReportDraft, new_report_dialog_ui};
use super::next_period_dialog::{NextPeriodChoice, NextPeriodDialog, next_period_dialog_ui};
use super::palette::PaletteState;
use super::search::SearchState;
use super::settings::{SETTINGS_KEY, Settings, ThemeChoice};
use super::word_dialog::{
    NewFromWordChoice, NewFromWordDialog, UpdateResultView, UpdateWordChoice, UpdateWordDialog,
    new_from_word_dialog_ui, update_result_ui, update_word_dialog_ui,
};
use super::word_task::{WordOutcome, WordPoll, WordTask};
use super::{
    cumulative_view, file_dialogs, import_preview, installation_view, metrics_view, plots_view,
    report_view, section_view, sidebar, template_dialog, theme,
};
use crate::edit::{Document, Edit};
use crate::model::new_report::next_period;
use crate::model::{Installation, Metric, Report};
use crate::project_file;
use crate::samples::Sample;

/// Where the app keeps files of its own, whether it may open native
/// dialogs and use the system clipboard (tests and headless runs may not),
/// and whether costly checks may run behind the frame (tests that step
/// frames want every check done in the frame it is asked for).
#[derive(Clone, Debug, Default)]
pub struct AppEnvironment {
    /// Directory of the autosave recovery files; None disables autosave.
    pub recovery_dir: Option<PathBuf>,
    pub native_dialogs: bool,
    pub background_checks: bool,
}

/// What the centre of the window shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Report,
    Installation(usize),
    Cumulative,
    Section(usize),
    Plots,
    /// Every metric's kind and resource.
    Metrics,
}

/// Seconds between autosaves of unsaved changes.
const AUTOSAVE_INTERVAL_SECS: f64 = 30.0;

/// Letters typed in the installation list further apart than this start a
/// new name.
const TYPE_TO_FIND_PAUSE_SECS: f64 = 1.0;

/// Why a finding's button did nothing while the checks catch up.
const OUT_OF_DATE: &str =
    "The checks are still catching up with the last change; try again in a moment";

pub struct VaReportApp {
    document: Document,
    /// The file the report was opened from or last saved to.
    path: Option<PathBuf>,
    /// Shown in the title when there is no path (e.g. a built-in sample).
    untitled_name: String,
    view: View,
    pub(super) filter: String,
    pub(super) grid: GridState,
    plots: plots_view::PlotsState,
    settings: Settings,
    environment: AppEnvironment,
    dialog: Option<Dialog>,
    status: String,
    /// The last autosave's error, shown until an autosave succeeds.
    autosave_error: Option<String>,
    autosaved_revision: u64,
    last_autosave_secs: Option<f64>,
    close_confirmed: bool,
    shown_title: String,
    applied_theme: Option<ThemeChoice>,
    export: ExportUi,
    /// The findings of the checks and the check that will replace them.
    checks: CheckRunner,
    /// Increases when another report replaces the document.
    generation: u64,
    findings_panel: FindingsPanelState,
    import: import_preview::ImportState,
    template: Option<template_dialog::TemplateDialog>,
    new_report: Option<NewReportDraft>,
    next_period: Option<NextPeriodDialog>,
    /// File > Update Word document… while open.
    update_word: Option<UpdateWordDialog>,
    /// What the last update did, until dismissed.
    word_result: Option<UpdateResultView>,
    /// File > New from Word document… while open.
    new_from_word: Option<NewFromWordDialog>,
    /// A Word document being read or updated in the background.
    word_task: Option<WordTask>,
    /// A paste wider than the table, asking whether to add period columns.
    paste_question: Option<PendingPaste>,
    search: SearchState,
    palette: Option<PaletteState>,
    shortcuts_open: bool,
    /// A zoom asked for from a menu, applied at the next frame's start.
    zoom: Option<Zoom>,
    /// What was typed in the installation list to go to a name, and when.
    typed_in_list: (String, f64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Zoom {
    In,
    Out,
    Reset,
}

impl VaReportApp {
    /// A window on `report`, read from `path` (None: not saved anywhere yet).
    pub fn new(
        report: Report,
        path: Option<PathBuf>,
        untitled_name: &str,
        settings: Settings,
        environment: AppEnvironment,
    ) -> Self {
        let view = first_view(&report);
        let mut app = Self {
            document: Document::new(report),
            path,
            untitled_name: untitled_name.to_owned(),
            view,
            filter: String::new(),
            grid: GridState::default(),
            plots: plots_view::PlotsState::default(),
            settings,
            environment,
            dialog: None,
            status: String::new(),
            autosave_error: None,
            autosaved_revision: 0,
            last_autosave_secs: None,
            close_confirmed: false,
            shown_title: String::new(),
            applied_theme: None,
            export: ExportUi::default(),
            checks: CheckRunner::default(),
            generation: 0,
            findings_panel: FindingsPanelState::default(),
            import: import_preview::ImportState::default(),
            template: None,
            new_report: None,
            next_period: None,
            update_word: None,
            word_result: None,
            new_from_word: None,
            word_task: None,
            paste_question: None,
            search: SearchState::default(),
            palette: None,
            shortcuts_open: false,
            zoom: None,
            typed_in_list: (String::new(), f64::NEG_INFINITY),
        };
        app.offer_recovery();
        app
    }

    /// A window on a built-in sample.
    pub fn with_sample(sample: Sample, settings: Settings, environment: AppEnvironment) -> Self {
        match sample.report() {
            Ok(report) => Self::new(report, None, sample.title(), settings, environment),
            Err(error) => {
                let mut app = Self::new(empty_report(), None, "Untitled", settings, environment);
                app.show_error("The built-in sample could not be read", error.to_string());
                app
            }
        }
    }

    /// Builds the app eframe runs: opens `file`, else the most recent file,
    /// else the built-in M36 sample.
    pub fn start(
        creation: &eframe::CreationContext<'_>,
        file: Option<PathBuf>,
        environment: AppEnvironment,
    ) -> Self {
        let settings: Settings = creation
            .storage
            .and_then(|storage| eframe::get_value(storage, SETTINGS_KEY))
            .unwrap_or_default();
        let remembered = settings.last_file().map(Path::to_path_buf);
        // A provider spreadsheet given as FILE: open as usual, then import it.
        if let Some(path) = file
            .as_ref()
            .filter(|p| import_preview::is_provider_file(p))
        {
            let mut app = Self::start(creation, None, environment);
            app.import_paths(vec![path.clone()]);
            return app;
        }
        match file.or(remembered) {
            Some(path) => match project_file::load_with_notes(&path) {
                Ok((report, notes)) => {
                    let mut app = Self::new(report, Some(path), "", settings, environment);
                    app.note_migration(notes);
                    app
                }
                Err(error) => {
                    let mut app = Self::with_sample(Sample::M36, settings, environment);
                    app.show_error("Could not open the report", error.to_string());
                    app
                }
            },
            None => Self::with_sample(Sample::M36, settings, environment),
        }
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    pub fn report(&self) -> &Report {
        self.document.report()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn view(&self) -> View {
        self.view
    }

    /// What the plots view drew last (None until it was first shown).
    pub fn plots_model(&self) -> Option<&plots_view::PlotsModel> {
        self.plots.model()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// What "Copy table" last copied (also put on the system clipboard when
    /// the environment allows).
    pub fn last_copied(&self) -> Option<&CopiedTable> {
        self.export.last_copied.as_ref()
    }

    /// Whether File > Export… is open.
    pub fn is_export_dialog_open(&self) -> bool {
        self.export.draft.is_some()
    }

    /// The message of the dialog on screen, if any.
    pub fn dialog_text(&self) -> Option<String> {
        self.dialog.as_ref().map(Dialog::text)
    }

    /// True once the user chose to close the window.
    pub fn is_closing(&self) -> bool {
        self.close_confirmed
    }

    /// The findings of the checks on the report as it is now.
    pub fn findings(&mut self) -> &FindingsView {
        self.refresh_checks_now();
        self.checks.view()
    }

    /// Ends the name being typed in the installation list, as a pause does.
    pub fn forget_typed_in_list(&mut self) {
        self.typed_in_list = (String::new(), f64::NEG_INFINITY);
    }

    /// The check runner, for tests of the background path.
    #[doc(hidden)]
    pub fn check_runner(&mut self) -> &mut CheckRunner {
        &mut self.checks
    }

    /// The installation, metric row and grid column of the cell cursor.
    pub fn selected_cell(&self) -> Option<(usize, usize, usize)> {
        self.grid
            .cursor
            .map(|cursor| (cursor.installation, cursor.row, cursor.column))
    }

    /// The search bar's hits for the report as it is now.
    fn refresh_search(&mut self) {
        let key = (self.generation, self.document.revision());
        self.search.refresh(self.document.report(), key);
    }

    /// Opens the search bar on `query`, as Ctrl+F and typing would.
    pub fn find(&mut self, query: &str) {
        self.search.open = true;
        self.search.query = query.to_owned();
        self.search.current = None;
    }

    /// Whether the search bar is open, and its hits.
    pub fn search_state(&self) -> (bool, &[super::search::SearchHit], Option<usize>) {
        (self.search.open, &self.search.hits, self.search.current)
    }

    /// The reason typed so far in the Acknowledge dialog, while it is open.
    pub fn acknowledging_reason(&self) -> Option<&str> {
        self.findings_panel
            .acknowledging
            .as_ref()
            .map(|(_, reason)| reason.as_str())
    }

    /// The state of the report the findings must belong to.
    fn checks_key(&self) -> ChecksKey {
        (self.generation, self.document.revision())
    }

    /// Re-runs the checks when the report changed since they last ran: in
    /// the frame while that is cheap, otherwise in the background.
    fn refresh_checks(&mut self) -> Freshness {
        let key = self.checks_key();
        let in_frame = !self.environment.background_checks;
        self.checks.refresh(self.document.report(), key, in_frame)
    }

    /// Re-runs the checks now if the report changed since they last ran.
    fn refresh_checks_now(&mut self) {
        let key = self.checks_key();
        self.checks.refresh(self.document.report(), key, true);
    }

    /// Says `text` in the status bar, as the window does after a change.
    pub fn set_status(&mut self, text: &str) {
        text.clone_into(&mut self.status);
    }

    pub fn status(&self) -> &str {
        &self.status
    }

    /// Why the last autosave failed, while unsaved changes are not in a
    /// recovery file.
    pub fn autosave_error(&self) -> Option<&str> {
        self.autosave_error
            .as_deref()
            .filter(|_| self.document.is_dirty())
    }

    /// The window title: project, file name (or "not saved"), unsaved
    /// marker, program name.
    pub fn title(&self) -> String {
        let name = match &self.path {
            Some(path) => path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            None => format!("{} (not saved)", self.untitled_name),
        };
        let marker = if self.document.is_dirty() {
            format!(" {}", theme::UNSAVED_MARKER)
        } else {
            String::new()
        };
        let project = self.document.report().project.trim();
        if project.is_empty() {
            format!("{name}{marker} — va-report")
        } else {
            format!("{project} — {name}{marker} — va-report")
        }
    }

    /// The New report dialog's draft, while it is open.
    pub fn new_report_draft(&mut self) -> Option<&mut NewReportDraft> {
        self.new_report.as_mut()
    }

    /// Says that a report saved by an earlier version had its kinds,
    /// resources and decimal mark guessed, and shows them to confirm.
    fn note_migration(&mut self, notes: project_file::ReadNotes) {
        if let Some(version) = notes.migrated_from {
            self.status = format!(
                "Saved by an earlier version (format {version}): metric kinds and resources were guessed; confirm them here"
            );
            self.view = View::Metrics;
        }
    }

    /// Applies an edit as one undo step, as the window does.
    pub fn apply_edit(&mut self, edit: Edit) {
        if let Err(error) = self.document.apply(edit) {
            self.status = format!("Not applied: {error}");
        }
        self.view = clamp_view(self.view, self.document.report());
    }

    /// Runs a command as its menu entry or shortcut would.
    pub fn run_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::NewReport => self.ask_then(Next::NewReport),
            UiCommand::NewFromWordDocument => self.ask_then(Next::NewFromWordDocument),
            UiCommand::UpdateWordDocument => {
                self.update_word = Some(UpdateWordDialog::new(&self.settings.word_document));
            }
            UiCommand::StartNextPeriod => self.next_period = Some(NextPeriodDialog::default()),
            UiCommand::Open => self.ask_then(Next::PickFileToOpen),
            UiCommand::ProviderTemplate => {
                self.template = Some(template_dialog::TemplateDialog::new(self.document.report()));
            }
            UiCommand::Import => {
                if !self.environment.native_dialogs {
                    self.status = "No file dialog available".to_owned();
                } else if let Some(paths) = file_dialogs::pick_files_to_import() {
                    self.import_paths(paths);
                }
            }
            UiCommand::Save => match self.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.save_as(),
            },
            UiCommand::SaveAs => self.save_as(),
            UiCommand::OpenSampleM36 => self.ask_then(Next::OpenSample(Sample::M36)),
            UiCommand::OpenSampleM24 => self.ask_then(Next::OpenSample(Sample::M24)),
            UiCommand::Undo => {
                self.document.undo();
                self.view = clamp_view(self.view, self.document.report());
            }
            UiCommand::Redo | UiCommand::RedoAlternative => {
                self.document.redo();
                self.view = clamp_view(self.view, self.document.report());
            }
            UiCommand::AddInstallation => self.add_installation(),
            UiCommand::AddMetric => self.add_metric(),
            UiCommand::AddPeriod => self.add_period(),
            UiCommand::Export => {
                let mut draft = self.settings.export.clone();
                draft.suggest_paths(
                    self.path.as_deref(),
                    &suggested_file_stem(self.document.report()),
                );
                self.export.draft = Some(draft);
            }
            UiCommand::ToggleFindingsPanel => {
                self.settings.findings_docks.toggle(self.view);
            }
            UiCommand::DuplicateInstallation => match self.view {
                View::Installation(index) => {
                    self.handle_action(Action::DuplicateInstallation(index));
                }
                _ => self.status = "Select an installation to duplicate".to_owned(),
            },
            UiCommand::Find => {
                self.search.open = true;
                self.search.focus = true;
            }
            UiCommand::FindNext | UiCommand::FindPrevious => {
                self.search.open = true;
                self.refresh_search();
                let forward = command == UiCommand::FindNext;
                if let Some(action) = self.search.step(forward) {
                    self.handle_action(action);
                }
            }
            UiCommand::CommandPalette => self.palette = Some(PaletteState::default()),
            UiCommand::KeyboardShortcuts => self.shortcuts_open = true,
            UiCommand::ZoomIn => self.zoom = Some(Zoom::In),
            UiCommand::ZoomOut => self.zoom = Some(Zoom::Out),
            UiCommand::ZoomReset => self.zoom = Some(Zoom::Reset),
            UiCommand::Quit => self.ask_then(Next::Close),
        }
    }

    /// Saves to `path`; on failure the report stays unsaved and a message says why.
    pub fn save_to(&mut self, path: &Path) {
        self.document.end_typing();
        match project_file::save(path, self.document.report()) {
            Ok(()) => {
                self.document.mark_saved();
                if let Some(dir) = &self.environment.recovery_dir {
                    project_file::discard_recovery(dir, self.path.as_deref());
                    project_file::discard_recovery(dir, Some(path));
                }
                self.path = Some(path.to_path_buf());
                self.settings.remember_file(path);
                self.status = format!("Saved {}", path.display());
            }
            Err(error) => self.show_error("Could not save", error.to_string()),
        }
    }

    /// Imports provider files on a background thread, then previews the plan.
    pub fn import_paths(&mut self, paths: Vec<PathBuf>) {
        let sources = paths
            .into_iter()
            .map(import_preview::ImportSource::Path)
            .collect();
        self.import.queue(sources);
    }

    /// The import preview on screen, if any: its one-line summary.
    pub fn import_summary(&self) -> Option<String> {
        self.import
            .preview()
            .map(|preview| import_preview::summary(&preview.plan))
    }

    fn template_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.template else {
            return;
        };
        let report = self.document.report();
        match template_dialog::template_dialog_ui(ctx, report, dialog) {
            Some(template_dialog::TemplateChoice::Save {
                installations,
                period,
            }) => {
                self.template = None;
                if !self.environment.native_dialogs {
                    self.status = "No file dialog available".to_owned();
                } else if let Some(path) = file_dialogs::pick_template_to_save(&period) {
                    let report = self.document.report();
                    match template_dialog::save_template(&path, report, &installations, &period) {
                        Ok(status) => self.status = status,
                        Err(error) => self.show_error("Could not write the template", error),
                    }
                }
            }
            Some(template_dialog::TemplateChoice::Cancel) => self.template = None,
            None => {}
        }
    }

    /// Opens a project file, asking first about unsaved changes.
    pub fn open_path(&mut self, path: &Path) {
        self.ask_then(Next::Open(path.to_path_buf()));
    }

    /// Autosaves unsaved changes now (on exit), unless the user chose to
    /// close without saving them.
    pub fn autosave_now(&mut self) {
        if !self.close_confirmed
            && self.document.is_dirty()
            && self.document.revision() != self.autosaved_revision
        {
            self.write_recovery();
        }
    }

    /// Draws one frame and applies what the user did in it.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.handle_close_request(&ctx);
        let mut actions = Actions::default();
        if self.dialog.is_none()
            && self.export.draft.is_none()
            && !self.import.is_open()
            && self.template.is_none()
            && self.new_report.is_none()
            && self.next_period.is_none()
            && self.update_word.is_none()
            && self.word_result.is_none()
            && self.new_from_word.is_none()
            && self.word_task.is_none()
            && self.paste_question.is_none()
            && self.palette.is_none()
        {
            for command in UiCommand::consume_shortcuts(&ctx) {
                actions.push(Action::Command(command));
            }
            self.installation_keys(&ctx, &mut actions);
        }
        match self.zoom.take() {
            Some(Zoom::In) => egui::gui_zoom::zoom_in(&ctx),
            Some(Zoom::Out) => egui::gui_zoom::zoom_out(&ctx),
            Some(Zoom::Reset) => ctx.set_zoom_factor(1.0),
            None => {}
        }

        if self.refresh_checks() == Freshness::Checking {
            // Look again soon for the background check's result.
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        let mut checks = self.checks.take_view();
        checks.out_of_date = !self.checks.is_current(self.checks_key());
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar_ui(ui, &mut actions));
        if self.search.open {
            self.refresh_search();
            egui::Panel::top("search").show(ui, |ui| {
                super::search::search_bar_ui(ui, &mut self.search, &mut actions);
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar_ui(ui, &checks));
        egui::Panel::left("navigation")
            .resizable(true)
            .default_size(230.0)
            .show(ui, |ui| {
                sidebar::sidebar_ui(
                    ui,
                    self.document.report(),
                    self.view,
                    &mut self.filter,
                    &checks.badges,
                    &mut actions,
                );
            });
        let dock = self.settings.findings_docks.of(self.view);
        if dock != FindingsDock::Hidden {
            // A panel of its own when collapsed to one line, so that the
            // list's height is kept for when it opens again.
            let panel = match (dock, self.findings_panel.collapsed) {
                (FindingsDock::Right, _) => egui::Panel::right("findings-right")
                    .resizable(true)
                    .default_size(400.0)
                    .min_size(260.0),
                (_, true) => egui::Panel::bottom("findings-line").resizable(false),
                (_, false) => egui::Panel::bottom("findings")
                    .resizable(true)
                    .default_size(220.0),
            };
            panel.show(ui, |ui| {
                let shown = match self.view {
                    View::Installation(index) => Some(index),
                    _ => None,
                };
                findings_panel::findings_panel_ui(
                    ui,
                    self.document.report(),
                    &checks,
                    &mut self.findings_panel,
                    shown,
                    dock,
                    &mut actions,
                );
            });
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui, &checks, &mut actions));

        let dropped = import_preview::dropped_sources(&ctx);
        if !dropped.is_empty() && self.dialog.is_none() {
            self.import.queue(dropped);
        }
        self.import
            .import_ui(&ctx, self.document.report(), &mut actions);
        self.template_ui(&ctx);
        self.new_report_ui(&ctx);
        self.next_period_ui(&ctx);
        self.paste_question_ui(&ctx);
        if let Some(palette) = &mut self.palette
            && let Some(outcome) = super::palette::palette_ui(&ctx, palette)
        {
            self.palette = None;
            if let Ok(command) = outcome {
                actions.push(Action::Command(command));
            }
        }
        super::palette::shortcuts_window_ui(&ctx, &mut self.shortcuts_open);
        if let Some(dialog) = &self.dialog
            && let Some(choice) = dialogs::dialog_ui(&ctx, dialog)
        {
            self.dialog = None;
            self.handle_choice(choice);
        } else if self.dialog.is_none() {
            findings_panel::acknowledge_dialog_ui(
                &ctx,
                self.document.report(),
                &checks,
                &mut self.findings_panel,
                &mut actions,
            );
        }
        self.export_dialog(&ctx, checks.counts[0]);
        self.checks.put_back(checks);
        // After the findings are back in place: these dialogs count them.
        self.update_word_ui(&ctx);
        self.new_from_word_ui(&ctx);
        self.word_task_ui(&ctx);

        for action in actions.take() {
            self.handle_action(action);
        }
        if self.close_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.autosave_tick(&ctx);
        self.update_title(&ctx);
    }

    fn central_ui(&mut self, ui: &mut egui::Ui, checks: &FindingsView, actions: &mut Actions) {
        let report = self.document.report();
        let style = self.settings.number_style;
        match self.view {
            View::Report => report_view::report_ui(ui, report, actions),
            View::Installation(index) => {
                installation_view::installation_ui(
                    ui,
                    report,
                    index,
                    style,
                    &mut self.grid,
                    checks,
                    actions,
                );
            }
            View::Cumulative => {
                cumulative_view::cumulative_ui(ui, report, style, checks, actions);
            }
            View::Section(index) => section_view::section_ui(ui, report, index, checks, actions),
            View::Metrics => metrics_view::metrics_ui(ui, report, actions),
            View::Plots => plots_view::plots_ui(
                ui,
                report,
                self.document.revision(),
                &mut self.plots,
                style,
                &mut self.grid,
                self.environment.native_dialogs,
                actions,
            ),
        }
    }

    fn menu_bar_ui(&self, ui: &mut egui::Ui, actions: &mut Actions) {
        let ctx = ui.ctx().clone();
        let command_button = |ui: &mut egui::Ui,
                              actions: &mut Actions,
                              command: UiCommand,
                              enabled: bool,
                              label: String| {
            let button = egui::Button::new(label).shortcut_text(command.shortcut_text(&ctx));
            if ui.add_enabled(enabled, button).clicked() {
                actions.push(Action::Command(command));
                ui.close();
            }
        };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in [
                    UiCommand::NewReport,
                    UiCommand::NewFromWordDocument,
                    UiCommand::Open,
                    UiCommand::Import,
                    UiCommand::ProviderTemplate,
                    UiCommand::Save,
                    UiCommand::SaveAs,
                ] {
                    command_button(ui, actions, command, true, command.label().to_owned());
                }
                ui.menu_button("Open recent", |ui| {
                    if self.settings.recent_files.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in &self.settings.recent_files {
                        if ui.button(path.display().to_string()).clicked() {
                            actions.push(Action::OpenFile(path.clone()));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                for command in [UiCommand::Export, UiCommand::UpdateWordDocument] {
                    command_button(ui, actions, command, true, command.label().to_owned());
                }
                ui.separator();
                for command in [UiCommand::OpenSampleM36, UiCommand::OpenSampleM24] {
                    command_button(ui, actions, command, true, command.label().to_owned());
                }
                ui.separator();
                command_button(
                    ui,
                    actions,
                    UiCommand::Quit,
                    true,
                    UiCommand::Quit.label().to_owned(),
                );
            });
            ui.menu_button("Edit", |ui| {
                let undo = match self.document.undo_label() {
                    Some(label) => format!("Undo {label}"),
                    None => "Undo".to_owned(),
                };
                command_button(ui, actions, UiCommand::Undo, self.document.can_undo(), undo);
                let redo = match self.document.redo_label() {
                    Some(label) => format!("Redo {label}"),
                    None => "Redo".to_owned(),
                };
                command_button(ui, actions, UiCommand::Redo, self.document.can_redo(), redo);
                ui.separator();
                command_button(
                    ui,
                    actions,
                    UiCommand::AddInstallation,
                    true,
                    UiCommand::AddInstallation.label().to_owned(),
                );
                let has_installation = matches!(self.view, View::Installation(_));
                command_button(
                    ui,
                    actions,
                    UiCommand::AddMetric,
                    has_installation,
                    UiCommand::AddMetric.label().to_owned(),
                );
                command_button(
                    ui,
                    actions,
                    UiCommand::DuplicateInstallation,
                    has_installation,
                    UiCommand::DuplicateInstallation.label().to_owned(),
                );
                command_button(
                    ui,
                    actions,
                    UiCommand::AddPeriod,
                    true,
                    UiCommand::AddPeriod.label().to_owned(),
                );
                ui.separator();
                for command in [
                    UiCommand::Find,
                    UiCommand::FindNext,
                    UiCommand::FindPrevious,
                ] {
                    command_button(ui, actions, command, true, command.label().to_owned());
                }
            });
            ui.menu_button("Report", |ui| {
                command_button(
                    ui,
                    actions,
                    UiCommand::StartNextPeriod,
                    true,
                    UiCommand::StartNextPeriod.label().to_owned(),
                );
                command_button(
                    ui,
                    actions,
                    UiCommand::AddPeriod,
                    true,
                    UiCommand::AddPeriod.label().to_owned(),
                );
                ui.separator();
                if ui.button("Metric kinds and resources").clicked() {
                    actions.push(Action::Select(View::Metrics));
                    ui.close();
                }
            });
            ui.menu_button("View", |ui| {
                ui.label("Theme");
                for choice in ThemeChoice::ALL {
                    if ui
                        .radio(self.settings.theme == choice, choice.label())
                        .clicked()
                    {
                        actions.push(Action::SetTheme(choice));
                        ui.close();
                    }
                }
                ui.separator();
                ui.label("Numbers");
                for (style, label) in [
                    (crate::model::NumberStyle::Us, "1,234,567.8"),
                    (crate::model::NumberStyle::Eu, "1.234.567,8"),
                    (crate::model::NumberStyle::Si, "1 234 567.8"),
                ] {
                    if ui
                        .radio(self.settings.number_style == style, label)
                        .clicked()
                    {
                        actions.push(Action::SetNumberStyle(style));
                        ui.close();
                    }
                }
                ui.separator();
                let mut open = self.settings.findings_docks.of(self.view) != FindingsDock::Hidden;
                if ui
                    .checkbox(&mut open, UiCommand::ToggleFindingsPanel.label())
                    .clicked()
                {
                    actions.push(Action::Command(UiCommand::ToggleFindingsPanel));
                    ui.close();
                }
                ui.separator();
                for command in [UiCommand::ZoomIn, UiCommand::ZoomOut, UiCommand::ZoomReset] {
                    command_button(ui, actions, command, true, command.label().to_owned());
                }
            });
            ui.menu_button("Help", |ui| {
                for command in [UiCommand::KeyboardShortcuts, UiCommand::CommandPalette] {
                    command_button(ui, actions, command, true, command.label().to_owned());
                }
            });
        });
    }

    fn status_bar_ui(&self, ui: &mut egui::Ui, checks: &FindingsView) {
        ui.horizontal(|ui| {
            let dark = ui.visuals().dark_mode;
            let saved = if self.document.is_dirty() {
                format!("{} Unsaved changes", theme::UNSAVED_MARKER)
            } else if self.path.is_none() {
                "Not saved to a file".to_owned()
            } else {
                "All changes saved".to_owned()
            };
            ui.label(saved);
            ui.separator();
            let report = self.document.report();
            ui.colored_label(
                theme::weak_text(dark),
                format!(
                    "{} installations · {} metrics · {} periods",
                    report.installations.len(),
                    report.metric_count(),
                    report.periods.len()
                ),
            );
            ui.separator();
            let [errors, warnings, info] = checks.counts;
            ui.colored_label(
                theme::weak_text(dark),
                format!("{errors} errors · {warnings} warnings · {info} info"),
            );
            if let Some(error) = self.autosave_error() {
                ui.separator();
                ui.colored_label(theme::flagged_value(dark), error);
            }
            if self.status.is_empty() {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.colored_label(
                        theme::weak_text(dark),
                        "Enter/Tab: next cell · F2: edit in place · Ctrl+F: find · F1: shortcuts",
                    );
                });
            } else {
                // What just happened takes the place of the keys hint, cut to
                // the bar's width, whole on hover.
                ui.separator();
                ui.add(egui::Label::new(&self.status).truncate())
                    .on_hover_text(&self.status);
            }
        });
    }

    fn handle_action(&mut self, action: Action) {
        match action {
            Action::Edit(edit) => self.apply_and_tell(edit),
            Action::Type(edit) => {
                if let Err(error) = self.document.apply_typing(edit) {
                    self.status = format!("Not applied: {error}");
                }
            }
            Action::EndTyping => self.document.end_typing(),
            Action::CancelTyping(target) => {
                self.document.cancel_typing(target);
            }
            Action::Command(command) => self.run_command(command),
            Action::Select(view) => {
                self.document.end_typing();
                self.view = clamp_view(view, self.document.report());
            }
            Action::SelectCell {
                installation,
                row,
                column,
            } => {
                self.document.end_typing();
                self.view = clamp_view(View::Installation(installation), self.document.report());
                if self.view == View::Installation(installation) {
                    self.grid.select(installation, row, column);
                }
            }
            Action::RevealCell {
                installation,
                row,
                column,
            } => {
                self.document.end_typing();
                self.view = clamp_view(View::Installation(installation), self.document.report());
                if self.view == View::Installation(installation) {
                    self.grid.reveal(installation, row, column);
                }
            }
            Action::OpenFile(path) => self.open_path(&path),
            Action::FixFinding(index) => {
                if !self.checks.is_current(self.checks_key()) {
                    self.status = OUT_OF_DATE.to_owned();
                } else if let Some(edit) = self
                    .checks
                    .view()
                    .findings
                    .get(index)
                    .and_then(findings_panel::fix_edit)
                {
                    self.apply_and_tell(edit);
                }
            }
            Action::AcknowledgeFinding(index) => {
                if self.checks.is_current(self.checks_key()) {
                    self.findings_panel.acknowledging = Some((index, String::new()));
                } else {
                    self.status = OUT_OF_DATE.to_owned();
                }
            }
            Action::Status(text) => self.status = text,
            Action::DockFindings(dock) => self.settings.findings_docks.set(self.view, dock),
            Action::DuplicateMetric {
                installation,
                metric,
            } => {
                let copy = self
                    .document
                    .report()
                    .installations
                    .get(installation)
                    .and_then(|i| i.metrics.get(metric))
                    .cloned();
                if let Some(mut copy) = copy {
                    copy.name = format!("{} (copy)", copy.name);
                    self.apply_and_tell(Edit::Batch {
                        label: "duplicate metric".to_owned(),
                        edits: vec![Edit::InsertMetric {
                            installation,
                            index: metric + 1,
                            metric: Box::new(copy),
                        }],
                    });
                    self.grid.select(installation, metric + 1, 0);
                }
            }
            Action::DuplicateInstallation(index) => {
                let copy = self.document.report().installations.get(index).cloned();
                if let Some(mut copy) = copy {
                    copy.name = format!("{} (copy)", copy.name);
                    self.apply_and_tell(Edit::Batch {
                        label: "duplicate installation".to_owned(),
                        edits: vec![Edit::InsertInstallation {
                            index: index + 1,
                            installation: Box::new(copy),
                        }],
                    });
                    self.view = clamp_view(View::Installation(index + 1), self.document.report());
                }
            }
            Action::SetTheme(choice) => self.settings.theme = choice,
            Action::SetNumberStyle(style) => self.settings.number_style = style,
            Action::CopyTable(kind) => {
                self.status = self.export.copy_table(
                    self.document.report(),
                    kind,
                    self.settings.number_style,
                    self.environment.native_dialogs,
                );
            }
            Action::PasteCells {
                installation,
                row,
                column,
                text,
            } => {
                self.document.end_typing();
                let report = self.document.report();
                match super::grid_paste::paste_fit(report, installation, row, column, &text) {
                    Some(fit) if fit.extra_columns > 0 => {
                        self.paste_question = Some(PendingPaste {
                            installation,
                            row,
                            column,
                            text,
                            extra_columns: fit.extra_columns,
                        });
                    }
                    _ => self.paste(installation, row, column, &text, false),
                }
            }
        }
    }

    /// Up and Down move through the installation list while no field has
    /// the keyboard.
    fn installation_keys(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        let View::Installation(current) = self.view else {
            return;
        };
        if ctx.memory(|memory| memory.focused().is_some()) {
            return;
        }
        let (up, down, typed, now) = ctx.input_mut(|input| {
            let typed: String = input
                .events
                .iter()
                .filter_map(|event| match event {
                    egui::Event::Text(text) => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            input
                .events
                .retain(|event| !matches!(event, egui::Event::Text(_)));
            (
                input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                typed,
                input.time,
            )
        });
        let shown = sidebar::filtered_installations(self.document.report(), &self.filter);
        if !typed.is_empty() {
            // Letters typed within a second of each other make one name.
            if now - self.typed_in_list.1 > TYPE_TO_FIND_PAUSE_SECS {
                self.typed_in_list.0.clear();
            }
            self.typed_in_list.0.push_str(&typed);
            self.typed_in_list.1 = now;
            let found =
                sidebar::installation_typed(self.document.report(), &shown, &self.typed_in_list.0);
            match found {
                Some(target) => actions.push(Action::Select(View::Installation(target))),
                None => {
                    self.status = format!("No installation named \"{}\"", self.typed_in_list.0);
                }
            }
            return;
        }
        let position = shown.iter().position(|&i| i == current);
        let target = match (position, up, down) {
            (Some(p), true, _) => p.checked_sub(1).and_then(|p| shown.get(p)),
            (Some(p), _, true) => shown.get(p + 1),
            (None, true, _) | (None, _, true) => shown.first(),
            _ => None,
        };
        if let Some(&target) = target {
            actions.push(Action::Select(View::Installation(target)));
        }
    }

    /// Applies an edit as one undo step and says in the status bar what
    /// changed and how to undo it.
    pub fn apply_and_tell(&mut self, edit: Edit) {
        let label = edit.label();
        let revision = self.document.revision();
        self.apply_edit(edit);
        if self.document.revision() != revision {
            self.status = format!("Done: {label} (Ctrl+Z undoes it)");
        }
    }

    /// Pastes a block of cells as one undo step and says what changed.
    fn paste(&mut self, installation: usize, row: usize, column: usize, text: &str, add: bool) {
        let report = self.document.report();
        match super::grid_paste::paste_edits(report, installation, row, column, text, add) {
            Some(edit) => {
                let label = edit.label();
                self.apply_edit(edit);
                self.status = format!("Done: {label} (Ctrl+Z undoes it)");
                self.view = clamp_view(View::Installation(installation), self.document.report());
                self.grid.select(installation, row, column);
            }
            None => self.status = "Nothing pasted: the cells fall outside the table".to_owned(),
        }
    }

    fn paste_question_ui(&mut self, ctx: &egui::Context) {
        let Some(pending) = &self.paste_question else {
            return;
        };
        let Some(answer) = super::grid_paste::paste_question_ui(ctx, pending) else {
            return;
        };
        let Some(pending) = self.paste_question.take() else {
            return;
        };
        let add = match answer {
            PasteAnswer::AddPeriods => true,
            PasteAnswer::WithoutThem => false,
            PasteAnswer::Cancel => return,
        };
        self.paste(
            pending.installation,
            pending.row,
            pending.column,
            &pending.text,
            add,
        );
    }

    /// Draws File > Export… when open and runs the export it asks for.
    fn export_dialog(&mut self, ctx: &egui::Context, open_errors: usize) {
        let Some(draft) = self.export.draft.as_mut() else {
            return;
        };
        let Some(outcome) = export_dialog_ui(ctx, draft, self.document.report(), open_errors)
        else {
            return;
        };
        let Some(draft) = self.export.draft.take() else {
            return;
        };
        if outcome == ExportDialogOutcome::Cancel {
            return;
        }
        match super::export_dialog::run_export(self.document.report(), &draft) {
            Ok(written) => {
                // Full paths, so that the files can be found.
                let named: Vec<String> = written
                    .iter()
                    .map(|path| {
                        std::path::absolute(path)
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|_| path.clone())
                    })
                    .collect();
                self.status = format!("Exported {}", named.join(", "));
            }
            Err(error) => self.show_error("Export failed", error.to_string()),
        }
        self.settings.export = draft;
    }

    fn add_installation(&mut self) {
        let index = match self.view {
            View::Installation(index) => index + 1,
            _ => self.document.report().installations.len(),
        };
        let number = self.document.report().installations.len() + 1;
        let installation = Installation::new(format!("New installation {number}"));
        self.apply_edit(Edit::InsertInstallation {
            index,
            installation: Box::new(installation),
        });
        self.view = clamp_view(View::Installation(index), self.document.report());
    }

    fn add_metric(&mut self) {
        let View::Installation(installation) = self.view else {
            self.status = "Select an installation to add a metric to".to_owned();
            return;
        };
        let report = self.document.report();
        let Some(target) = report.installations.get(installation) else {
            return;
        };
        let index = target.metrics.len();
        let metric = Metric::new("New metric", report.periods.len());
        self.apply_edit(Edit::InsertMetric {
            installation,
            index,
            metric: Box::new(metric),
        });
        self.grid.select(installation, index, 0);
    }

    /// Draws File > New report… when open; creating replaces the report.
    fn new_report_ui(&mut self, ctx: &egui::Context) {
        let Some(draft) = &mut self.new_report else {
            return;
        };
        match new_report_dialog_ui(ctx, draft) {
            Some(NewReportChoice::Create(report)) => {
                self.new_report = None;
                self.discard_own_recovery();
                let name = if report.deliverable_id.trim().is_empty() {
                    "New report".to_owned()
                } else {
                    report.deliverable_id.trim().to_owned()
                };
                self.replace_report(*report, None, &name);
                self.status = "New report: add metrics to each installation, or drop the providers' files on the window".to_owned();
            }
            Some(NewReportChoice::Cancel) => self.new_report = None,
            None => {}
        }
    }

    /// Whether File > Update Word document… is open.
    pub fn is_update_word_open(&self) -> bool {
        self.update_word.is_some()
    }

    /// What the last File > Update Word document… did, while its result
    /// is on screen.
    pub fn word_update_result(&self) -> Option<&UpdateResultView> {
        self.word_result.as_ref()
    }

    /// Whether File > New from Word document… is open.
    pub fn is_new_from_word_open(&self) -> bool {
        self.new_from_word.is_some()
    }

    /// Draws File > Update Word document… and its result when open.
    fn update_word_ui(&mut self, ctx: &egui::Context) {
        if let Some(result) = &self.word_result
            && update_result_ui(ctx, result)
        {
            self.word_result = None;
        }
        if self.update_word.is_none() {
            return;
        }
        let errors = self.checks.view().counts[0];
        let Some(dialog) = &mut self.update_word else {
            return;
        };
        let native = self.environment.native_dialogs;
        match update_word_dialog_ui(ctx, dialog, errors, native) {
            Some(UpdateWordChoice::Update { document, output }) => {
                self.update_word = None;
                self.update_word_document(&document, output.as_deref());
            }
            Some(UpdateWordChoice::Cancel) => self.update_word = None,
            None => {}
        }
    }

    /// Updates the report's tables in the Word document at `document`,
    /// writing `output` (None: the document itself, already confirmed), on
    /// a background thread; the result is listed when it is done. The
    /// report does not change.
    pub fn update_word_document(&mut self, document: &Path, output: Option<&Path>) {
        let report = self.document.report().clone();
        let options = crate::export::ExportOptions {
            number_style: report_number_style(&report),
            author: self.settings.export.options.author.clone(),
            ..crate::export::ExportOptions::default()
        };
        self.settings.word_document = document.display().to_string();
        let document = document.to_path_buf();
        let output = output.map(Path::to_path_buf);
        let written = output.clone().unwrap_or_else(|| document.clone());
        self.start_word_task(
            "Updating the Word document",
            &written.clone(),
            move |cancel| {
                let result = match &output {
                    Some(output) => crate::export::docx_update::update_docx_file(
                        &document, output, &report, &options, cancel,
                    ),
                    None => crate::export::docx_update::update_docx_file_in_place(
                        &document, &report, &options, cancel,
                    ),
                };
                WordOutcome::Updated {
                    document,
                    written,
                    result,
                }
            },
        );
    }

    /// Shows what an update of the Word document did.
    fn finish_update_word_document(
        &mut self,
        document: &Path,
        written: &Path,
        result: Result<crate::export::docx_update::UpdateSummary, crate::export::ExportError>,
    ) {
        match result {
            Ok(summary) => {
                self.refresh_checks_now();
                let errors = self.checks.view().counts[0];
                let view = UpdateResultView::new(document, written, &summary, errors);
                self.status = format!("Wrote {}", written.display());
                self.word_result = Some(view);
            }
            Err(error) => self.show_error("Could not update the Word document", error.to_string()),
        }
    }

    /// Draws File > New from Word document… when open.
    fn new_from_word_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.new_from_word else {
            return;
        };
        match new_from_word_dialog_ui(ctx, dialog, self.environment.native_dialogs) {
            Some(NewFromWordChoice::Start { document, start }) => {
                self.new_from_word = None;
                self.start_from_word_document(&document, start);
            }
            Some(NewFromWordChoice::Cancel) => self.new_from_word = None,
            None => {}
        }
    }

    /// Reads the deliverable at `path` on a background thread, then
    /// replaces the report with the one read from it, as File > New from
    /// Word document… does once unsaved changes were dealt with. A document
    /// that cannot be read leaves the report as it was and says why.
    pub fn start_from_word_document(
        &mut self,
        path: &Path,
        start: Option<crate::model::YearMonth>,
    ) {
        self.settings.word_document = path.display().to_string();
        let path = path.to_path_buf();
        self.start_word_task("Reading the Word document", &path.clone(), move |cancel| {
            let read = crate::export::docx_report::report_from_docx_file(&path, start, cancel);
            WordOutcome::Started {
                path,
                read: Box::new(read),
            }
        });
    }

    /// Replaces the report with the one read from the deliverable at `path`.
    fn finish_start_from_word_document(
        &mut self,
        path: &Path,
        read: Result<
            crate::export::docx_report::FromDocx,
            crate::export::docx_report::FromDocxFileError,
        >,
    ) {
        match read {
            Ok(read) => {
                self.discard_own_recovery();
                let name = path
                    .file_stem()
                    .map(|stem| stem.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "New report".to_owned());
                self.replace_report(read.report, None, &name);
                let summary = &read.summary;
                let file = path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string());
                let mut text = format!(
                    "Started from {file}: {} installations, {} metrics, {} resources, {} sections",
                    summary.installations, summary.metrics, summary.resources, summary.sections,
                );
                self.status = text.clone();
                text.push_str(&format!(" (read from {})", path.display()));
                if !read.unread.is_empty() {
                    text.push_str(&format!(
                        ".\n\nNot read ({}):\n{}",
                        read.unread.len(),
                        read.unread.join("\n")
                    ));
                    self.dialog = Some(Dialog::Message {
                        title: "Report started from the Word document".to_owned(),
                        text,
                    });
                }
            }
            Err(error) => self.show_error(
                "Could not start a report from the Word document",
                error.to_string(),
            ),
        }
    }

    /// Starts `job` on a Word document in the background (one at a time).
    fn start_word_task(
        &mut self,
        heading: &'static str,
        file: &Path,
        job: impl FnOnce(&std::sync::atomic::AtomicBool) -> WordOutcome + Send + 'static,
    ) {
        if self.word_task.is_some() {
            return;
        }
        match WordTask::spawn(heading, file, job) {
            Ok(task) => self.word_task = Some(task),
            Err(error) => self.show_error(
                "Could not read the Word document",
                format!(
                    "the system could not start a thread ({error}): {}",
                    file.display()
                ),
            ),
        }
    }

    /// Shows the Word document task under way; its outcome when it ends.
    fn word_task_ui(&mut self, ctx: &egui::Context) {
        let Some(task) = &self.word_task else {
            return;
        };
        match task.poll() {
            WordPoll::Running => {
                if task.progress_ui(ctx) {
                    task.cancel();
                    self.status = format!("Stopped reading {}", task.file());
                    self.word_task = None;
                }
            }
            WordPoll::Lost => {
                let file = task.file().to_owned();
                self.word_task = None;
                self.show_error(
                    "Could not read the Word document",
                    format!("the reader stopped: {file}"),
                );
            }
            WordPoll::Done(outcome) => {
                self.word_task = None;
                match outcome {
                    WordOutcome::Started { path, read } => {
                        self.finish_start_from_word_document(&path, *read);
                    }
                    WordOutcome::Updated {
                        document,
                        written,
                        result,
                    } => self.finish_update_word_document(&document, &written, result),
                }
            }
        }
    }

    /// True while a Word document is read or updated in the background.
    pub fn is_word_task_running(&self) -> bool {
        self.word_task.is_some()
    }

    /// Draws Report > Start next period… when open.
    fn next_period_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.next_period else {
            return;
        };
        let native = self.environment.native_dialogs;
        match next_period_dialog_ui(ctx, self.document.report(), dialog, native) {
            Some(NextPeriodChoice::Start { templates_in }) => {
                self.next_period = None;
                self.start_next_period(templates_in.as_deref());
            }
            Some(NextPeriodChoice::Cancel) => self.next_period = None,
            None => {}
        }
    }

    /// Starts the next period as one undo step, then writes the provider
    /// templates for it into `templates_in`, if given.
    pub fn start_next_period(&mut self, templates_in: Option<&Path>) {
        let edit = crate::edit::start_next_period(self.document.report());
        self.apply_edit(edit);
        let report = self.document.report();
        let Some(period) = report.periods.last().map(|p| p.label.clone()) else {
            return;
        };
        self.status = format!("Started period {period}");
        if let Some(folder) = templates_in {
            match crate::import::template::write_provider_templates(folder, report, &period) {
                Ok(files) => {
                    self.status = format!(
                        "Started period {period}; wrote {} provider templates into {}",
                        files.len(),
                        folder.display()
                    );
                }
                Err(error) => self.show_error("Could not write the templates", error.to_string()),
            }
        }
    }

    fn add_period(&mut self) {
        let report = self.document.report();
        let period = next_period(&report.periods);
        let index = report.periods.len();
        self.apply_edit(Edit::InsertPeriod {
            index,
            period,
            values: Vec::new(),
        });
    }

    /// Runs `next` now, or first asks what to do with unsaved changes.
    fn ask_then(&mut self, next: Next) {
        if self.document.is_dirty() {
            self.dialog = Some(Dialog::UnsavedChanges { next });
        } else {
            self.proceed(next);
        }
    }

    fn proceed(&mut self, next: Next) {
        match next {
            Next::Close => {
                self.close_confirmed = true;
                self.discard_own_recovery();
            }
            Next::Open(path) => self.load(&path),
            Next::NewReport => self.new_report = Some(NewReportDraft::default()),
            Next::NewFromWordDocument => {
                self.new_from_word = Some(NewFromWordDialog {
                    document: self.settings.word_document.clone(),
                    ..NewFromWordDialog::default()
                });
            }
            Next::OpenSample(sample) => match sample.report() {
                Ok(report) => {
                    self.discard_own_recovery();
                    self.replace_report(report, None, sample.title());
                }
                Err(error) => {
                    self.show_error("The built-in sample could not be read", error.to_string())
                }
            },
            Next::PickFileToOpen => {
                if !self.environment.native_dialogs {
                    self.status = "No file dialog available".to_owned();
                    return;
                }
                if let Some(path) = file_dialogs::pick_project_to_open(self.path.as_deref()) {
                    self.load(&path);
                }
            }
        }
    }

    fn load(&mut self, path: &Path) {
        match project_file::load_with_notes(path) {
            Ok((report, notes)) => {
                self.discard_own_recovery();
                self.replace_report(report, Some(path.to_path_buf()), "");
                self.settings.remember_file(path);
                self.status = format!("Opened {}", path.display());
                self.note_migration(notes);
                self.offer_recovery();
            }
            Err(error) => self.show_error("Could not open the report", error.to_string()),
        }
    }

    fn replace_report(&mut self, report: Report, path: Option<PathBuf>, untitled_name: &str) {
        self.view = first_view(&report);
        self.document = Document::new(report);
        self.path = path;
        self.untitled_name = untitled_name.to_owned();
        self.grid = GridState::default();
        self.plots = plots_view::PlotsState::default();
        self.autosaved_revision = 0;
        self.generation += 1;
        self.findings_panel.acknowledging = None;
    }

    fn save_as(&mut self) {
        if !self.environment.native_dialogs {
            self.status = "No file dialog available".to_owned();
            return;
        }
        let stem = suggested_file_stem(self.document.report());
        if let Some(path) = file_dialogs::pick_project_to_save(self.path.as_deref(), &stem) {
            self.save_to(&path);
        }
    }

    fn handle_choice(&mut self, choice: dialogs::Choice) {
        match choice {
            dialogs::Choice::Save(next) => {
                self.run_command(UiCommand::Save);
                if !self.document.is_dirty() {
                    self.proceed(next);
                }
            }
            dialogs::Choice::Discard(next) => self.proceed(next),
            dialogs::Choice::Cancel => {}
            dialogs::Choice::Restore(offer) => match project_file::load(&offer.recovery_file) {
                Ok(report) => {
                    let path = self.path.clone();
                    let name = self.untitled_name.clone();
                    self.replace_report(report, path, &name);
                    self.document.mark_unsaved();
                    self.status = "Restored unsaved changes".to_owned();
                }
                Err(error) => {
                    self.show_error("Could not restore the unsaved changes", error.to_string())
                }
            },
            dialogs::Choice::DiscardRecovery => self.discard_own_recovery(),
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        let requested = ctx.input(|input| input.viewport().close_requested());
        if !requested || self.close_confirmed {
            return;
        }
        if self.document.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::UnsavedChanges { next: Next::Close });
        }
    }

    fn offer_recovery(&mut self) {
        let Some(dir) = &self.environment.recovery_dir else {
            return;
        };
        if let Some(offer) = project_file::pending_recovery(dir, self.path.as_deref()) {
            self.dialog = Some(Dialog::Recovery(offer));
        }
    }

    fn discard_own_recovery(&mut self) {
        if let Some(dir) = &self.environment.recovery_dir {
            project_file::discard_recovery(dir, self.path.as_deref());
        }
    }

    fn autosave_tick(&mut self, ctx: &egui::Context) {
        if self.environment.recovery_dir.is_none() {
            return;
        }
        let now = ctx.input(|input| input.time);
        let last = *self.last_autosave_secs.get_or_insert(now);
        if !self.document.is_dirty() || self.document.revision() == self.autosaved_revision {
            return;
        }
        let due = last + AUTOSAVE_INTERVAL_SECS;
        if now >= due {
            self.write_recovery();
            self.last_autosave_secs = Some(now);
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
        }
    }

    fn write_recovery(&mut self) {
        let Some(dir) = &self.environment.recovery_dir else {
            return;
        };
        match project_file::write_recovery(dir, self.path.as_deref(), self.document.report()) {
            Ok(_) => {
                self.autosaved_revision = self.document.revision();
                self.autosave_error = None;
            }
            Err(error) => self.autosave_error = Some(format!("Autosave failed: {error}")),
        }
    }

    fn show_error(&mut self, title: &str, text: String) {
        self.dialog = Some(Dialog::Message {
            title: title.to_owned(),
            text,
        });
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.settings.theme) {
            theme::install(ctx);
            ctx.set_theme(self.settings.theme.preference());
            self.applied_theme = Some(self.settings.theme);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }
}

impl eframe::App for VaReportApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        VaReportApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    fn on_exit(&mut self) {
        self.autosave_now();
    }
}

fn first_view(report: &Report) -> View {
    if report.installations.is_empty() {
        View::Report
    } else {
        View::Installation(0)
    }
}

/// Keeps the view on something that exists after an edit removed things.
fn clamp_view(view: View, report: &Report) -> View {
    match view {
        View::Installation(index) if index >= report.installations.len() => {
            match report.installations.len() {
                0 => View::Report,
                count => View::Installation(count - 1),
            }
        }
        View::Section(index) if index >= report.sections.len() => View::Report,
        other => other,
    }
}

/// The number style the report's own decimal mark implies, as the command
/// line's `update-docx` uses by default.
fn report_number_style(report: &Report) -> crate::model::NumberStyle {
    match report.decimal_mark {
        crate::model::DecimalMark::Comma => crate::model::NumberStyle::Eu,
        crate::model::DecimalMark::Point => crate::model::NumberStyle::Us,
    }
}

fn suggested_file_stem(report: &Report) -> String {
    let base = if report.deliverable_id.trim().is_empty() {
        "report".to_owned()
    } else {
        report.deliverable_id.trim().to_owned()
    };
    base.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn empty_report() -> Report {
    let start = crate::model::YearMonth {
        year: 2025,
        month: 1,
    };
    Report::empty("Untitled report", start, 3)
}

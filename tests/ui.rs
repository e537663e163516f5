//! The window driven headlessly: find widgets by their accessible names,
//! click and type, and check what happened to the report.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::path::Path;

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use va_report::edit::Edit;
use va_report::model::{CellAddress, MetricColumn};
use va_report::project_file;
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, Settings, VaReportApp, View};

fn harness_with(app: VaReportApp) -> Harness<'static, VaReportApp> {
    Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app)
}

fn sample_harness() -> Harness<'static, VaReportApp> {
    let app = VaReportApp::with_sample(Sample::M36, Settings::default(), AppEnvironment::default());
    harness_with(app)
}

fn period_text(app: &VaReportApp, installation: usize, metric: usize, period: usize) -> String {
    app.report().installations[installation].metrics[metric].values[period]
        .text()
        .to_owned()
}

fn select_installation(harness: &mut Harness<'static, VaReportApp>, name: &str) -> usize {
    harness.get_by_label(name).click();
    harness.run();
    match harness.state().view() {
        View::Installation(index) => index,
        other => panic!("expected an installation view, got {other:?}"),
    }
}

const INCD_CPU_HOURS_PY3: &str = "INCD - CPU, CPU/hours served over the period, M25-M36";

#[test]
fn typing_into_a_metric_cell_changes_the_report_and_undo_restores_it() {
    let mut harness = sample_harness();
    let index = select_installation(&mut harness, "INCD - CPU");
    assert_eq!(
        harness.state().report().installations[index].name,
        "INCD - CPU"
    );
    assert_eq!(period_text(harness.state(), index, 0, 2), "2,270,601");

    harness.get_by_label(INCD_CPU_HOURS_PY3).click();
    harness.run();
    // The selected cell's text is selected: typing replaces it, as in a spreadsheet.
    harness
        .get_by_label(INCD_CPU_HOURS_PY3)
        .type_text("2,300,000");
    harness.run();
    assert_eq!(period_text(harness.state(), index, 0, 2), "2,300,000");
    assert_eq!(
        harness.state().report().installations[index].metrics[0].values[2].number(),
        Some(2_300_000.0)
    );
    assert!(harness.state().document().is_dirty());
    assert!(
        harness.state().title().contains('•'),
        "{}",
        harness.state().title()
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        period_text(harness.state(), index, 0, 2),
        "2,270,601",
        "the whole typing burst is one undo step"
    );
    assert!(!harness.state().document().is_dirty());

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(period_text(harness.state(), index, 0, 2), "2,300,000");
}

#[test]
fn enter_moves_down_and_tab_moves_right() {
    let mut harness = sample_harness();
    let index = select_installation(&mut harness, "INCD - CPU");
    harness.get_by_label(INCD_CPU_HOURS_PY3).click();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let below = "INCD - CPU, Names of the countries reached over the period, M25-M36";
    harness.get_by_label(below).type_text("FR, DE");
    harness.run();
    assert_eq!(period_text(harness.state(), index, 1, 2), "FR, DE");

    harness.key_press(Key::Tab);
    harness.run();
    let right = "INCD - CPU, Names of the countries reached over the period, TOT";
    harness.get_by_label(right).type_text("FR, DE, PT");
    harness.run();
    let metric = &harness.state().report().installations[index].metrics[1];
    assert_eq!(metric.total.text(), "FR, DE, PT");

    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.key_press(Key::ArrowUp);
    harness.run();
    harness.get_by_label(INCD_CPU_HOURS_PY3).type_text("1");
    harness.run();
    assert_eq!(period_text(harness.state(), index, 0, 2), "1");
}

#[test]
fn add_metric_and_add_period_column_from_the_window() {
    let mut harness = sample_harness();
    let index = select_installation(&mut harness, "WaltonCloud - Storage");
    let metrics_before = harness.state().report().installations[index].metrics.len();
    harness.get_by_label("Add metric").click();
    harness.run();
    let report = harness.state().report();
    assert_eq!(
        report.installations[index].metrics.len(),
        metrics_before + 1
    );
    assert_eq!(
        report.installations[index].metrics[metrics_before].name,
        "New metric"
    );

    harness.get_by_label("Add period column").click();
    harness.run();
    let report = harness.state().report();
    assert_eq!(report.periods.len(), 4);
    assert_eq!(report.periods[3].label, "M37-M48");
    assert!(
        report
            .installations
            .iter()
            .flat_map(|i| &i.metrics)
            .all(|m| m.values.len() == 4)
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().report().periods.len(), 3);
}

#[test]
fn ctrl_s_saves_to_the_open_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m36.vareport.json");
    project_file::save(&path, &Sample::M36.report().unwrap()).unwrap();
    let report = project_file::load(&path).unwrap();
    let app = VaReportApp::new(
        report,
        Some(path.clone()),
        "",
        Settings::default(),
        AppEnvironment::default(),
    );
    let mut harness = harness_with(app);
    harness.state_mut().apply_edit(Edit::SetCell {
        address: CellAddress::Metric {
            installation: 0,
            metric: 0,
            column: MetricColumn::Total,
        },
        text: "41".to_owned(),
    });
    harness.run();
    assert!(harness.state().document().is_dirty());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!harness.state().document().is_dirty());
    assert_eq!(
        harness.state().title(),
        "iMagine — m36.vareport.json — va-report"
    );
    let saved = project_file::load(&path).unwrap();
    assert_eq!(saved.installations[0].metrics[0].total.text(), "41");
    assert_eq!(harness.state().settings().recent_files, [path]);
}

fn write_recovery_for(dir: &Path, project: &Path) {
    let mut report = project_file::load(project).unwrap();
    report.installations[0].name = "Recovered name".to_owned();
    project_file::write_recovery(dir, Some(project), &report).unwrap();
}

#[test]
fn a_newer_recovery_file_is_offered_and_restores_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("report.vareport.json");
    project_file::save(&project, &Sample::M36.report().unwrap()).unwrap();
    // The project was saved an hour before the crash that left the recovery
    // file (file times may be too coarse to order two writes in a row).
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&project)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    let recovery_dir = dir.path().join("recovery");
    write_recovery_for(&recovery_dir, &project);

    let environment = AppEnvironment {
        recovery_dir: Some(recovery_dir),
        native_dialogs: false,
        background_checks: false,
    };
    let report = project_file::load(&project).unwrap();
    let app = VaReportApp::new(report, Some(project), "", Settings::default(), environment);
    let mut harness = harness_with(app);
    harness.run();
    let offer = harness.state().dialog_text().unwrap_or_default();
    assert!(offer.contains("Unsaved changes"), "{offer}");

    harness.get_by_label("Restore").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.report().installations[0].name, "Recovered name");
    assert!(
        app.document().is_dirty(),
        "restored changes are not saved yet"
    );
    assert!(app.dialog_text().is_none());
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut harness = sample_harness();
    harness.state_mut().apply_edit(Edit::SetText {
        address: va_report::model::TextAddress::Title,
        text: "Changed".to_owned(),
    });
    harness.run();
    harness.input_mut().viewport_id = egui::ViewportId::ROOT;
    harness.event(egui::Event::Key {
        key: Key::Q,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    });
    harness.run();
    assert_eq!(
        harness.state().dialog_text().as_deref(),
        Some("The report has unsaved changes")
    );
    assert!(!harness.state().is_closing());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().dialog_text().is_none());
    assert!(!harness.state().is_closing());
}

#[test]
fn a_project_that_cannot_be_read_leaves_the_report_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.vareport.json");
    std::fs::write(&broken, "{ this is not json").unwrap();
    let mut harness = sample_harness();
    let before = harness.state().report().clone();
    harness.state_mut().open_path(&broken);
    harness.run();
    let message = harness.state().dialog_text().unwrap_or_default();
    assert!(
        message.starts_with("Could not open the report: not a va-report project"),
        "{message}"
    );
    assert!(message.ends_with("broken.vareport.json"), "{message}");
    assert_eq!(harness.state().report(), &before);
}

#[test]
fn unsaved_changes_are_autosaved_after_30_seconds_and_offered_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let environment = AppEnvironment {
        recovery_dir: Some(dir.path().to_path_buf()),
        native_dialogs: false,
        background_checks: false,
    };
    let app = VaReportApp::with_sample(Sample::M36, Settings::default(), environment.clone());
    let mut harness = harness_with(app);
    harness.input_mut().time = Some(1.0);
    harness.run();
    harness.state_mut().apply_edit(Edit::SetText {
        address: va_report::model::TextAddress::Title,
        text: "Typed before a crash".to_owned(),
    });
    harness.input_mut().time = Some(2.0);
    harness.step();
    let recovery = project_file::recovery_path(dir.path(), None);
    assert!(
        !recovery.exists(),
        "not yet: less than 30 s since the last autosave"
    );

    harness.input_mut().time = Some(40.0);
    harness.step();
    assert!(recovery.exists(), "autosaved after 30 s");

    // The next start of the same (unsaved) report offers the recovered edits.
    let app = VaReportApp::with_sample(Sample::M36, Settings::default(), environment);
    let mut harness = harness_with(app);
    harness.run();
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(harness.state().report().title, "Typed before a crash");
}

#[test]
fn escape_abandons_what_was_typed_in_the_cell() {
    let mut harness = sample_harness();
    let index = select_installation(&mut harness, "INCD - CPU");
    harness.get_by_label(INCD_CPU_HOURS_PY3).click();
    harness.run();
    harness.get_by_label(INCD_CPU_HOURS_PY3).type_text("999");
    harness.run();
    assert_eq!(period_text(harness.state(), index, 0, 2), "999");
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(period_text(harness.state(), index, 0, 2), "2,270,601");
    assert!(!harness.state().document().is_dirty());
    assert!(!harness.state().document().can_redo());
}

#[test]
fn a_blank_cell_can_be_clicked_and_filled() {
    let mut harness = sample_harness();
    let index = select_installation(&mut harness, "WaltonCloud - CPU");
    let blank = "WaltonCloud - CPU, Number of users, M25-M36";
    assert_eq!(period_text(harness.state(), index, 3, 2), "");
    // The last row sits under the findings panel: fold the description away.
    harness
        .get_all_by_label("Description")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label(blank).click();
    harness.run();
    harness.get_by_label(blank).type_text("61");
    harness.run();
    assert_eq!(period_text(harness.state(), index, 3, 2), "61");
}

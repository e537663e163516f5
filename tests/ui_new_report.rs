//! A newcomer's own report, made in the window: File > New report…, then
//! saved and opened again; and the report's shape edited in the window
//! (metric kinds and resources, the next period). Every click and every
//! typed text counts as one action.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use va_report::model::{DecimalMark, MetricKind};
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, Settings, UiCommand, VaReportApp, View};

/// The window and how many actions the user took in it.
struct Session {
    harness: Harness<'static, VaReportApp>,
    actions: usize,
}

impl Session {
    fn new(size: Vec2) -> Self {
        let app =
            VaReportApp::with_sample(Sample::M36, Settings::default(), AppEnvironment::default());
        let harness = Harness::builder()
            .with_size(size)
            .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app);
        Self {
            harness,
            actions: 0,
        }
    }

    fn click(&mut self, label: &str) {
        self.harness.get_by_label(label).click();
        self.harness.run();
        self.actions += 1;
    }

    fn type_into(&mut self, label: &str, text: &str) {
        self.click(label);
        self.harness.get_by_label(label).type_text(text);
        self.harness.run();
        self.actions += 1;
    }

    fn shortcut(&mut self, key: Key) {
        self.harness.key_press_modifiers(Modifiers::COMMAND, key);
        self.harness.run();
        self.actions += 1;
    }

    fn app(&self) -> &VaReportApp {
        self.harness.state()
    }
}

#[test]
fn a_newcomer_makes_a_six_installation_two_period_report_in_few_actions() {
    let mut session = Session::new(Vec2::new(1280.0, 720.0));
    session.shortcut(Key::N);
    assert!(session.harness.state_mut().new_report_draft().is_some());
    session.type_into("Project name", "HydroNet");
    session.type_into("Deliverable id", "D5.3");
    session.click("Half-yearly");
    session.click("More periods");
    session.click("Add resource");
    session.type_into("Resource 1 name", "HPC");
    session.type_into("Resource 1 unit", "core-hours");
    session.type_into("Resource 1 budget", "1,500,000");
    session.click("Add resource");
    session.type_into("Resource 2 name", "Object storage");
    session.type_into("Resource 2 unit", "TB-month");
    session.type_into(
        "Installations, one per line",
        "Basin HPC\nBasin Object Store\nCoastal HPC\nCoastal Archive\nFlood Portal\nRiver Notebooks",
    );
    session.click("Create report");

    let report = session.app().report().clone();
    assert_eq!(report.project, "HydroNet");
    assert_eq!(report.installations.len(), 6);
    let periods: Vec<&str> = report.periods.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(periods, ["M1-M6", "M7-M12"]);
    let resources: Vec<(&str, &str)> = report
        .resources()
        .iter()
        .map(|r| (r.label.as_str(), r.unit.as_str()))
        .collect();
    assert_eq!(
        resources,
        [("HPC", "core-hours"), ("Object storage", "TB-month")]
    );
    assert_eq!(report.resources()[0].budget.number(), Some(1_500_000.0));
    assert_eq!(report.cumulative.checkpoints.len(), 2);
    assert!(session.app().title().contains("HydroNet"));
    assert!(session.app().title().contains("not saved"));
    assert_eq!(session.app().view(), View::Installation(0));

    // Save as (a dialog: type a name, confirm): three actions.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hydronet.vareport.json");
    session.harness.state_mut().save_to(&path);
    session.actions += 3;
    assert!(!session.app().document().is_dirty());

    // Open it again (File > Open…, pick, confirm): three actions.
    session
        .harness
        .state_mut()
        .run_command(UiCommand::OpenSampleM24);
    session.harness.run();
    session.harness.state_mut().open_path(&path);
    session.harness.run();
    session.actions += 3;
    assert_eq!(session.app().report(), &report);
    assert_eq!(session.app().path(), Some(path.as_path()));

    assert!(
        session.actions < 60,
        "{} actions to make, save and reopen the report",
        session.actions
    );
}

#[test]
fn a_bad_resource_is_named_where_it_was_typed_and_nothing_is_made() {
    let mut session = Session::new(Vec2::new(1440.0, 900.0));
    let before = session.app().report().clone();
    session.shortcut(Key::N);
    session.type_into("Project name", "HydroNet");
    session.click("Add resource");
    session.type_into("Resource 1 name", "GPU");
    session.harness.get_by_label("resource 1: GPU needs a unit");
    session.click("Create report");
    assert_eq!(
        session.app().report(),
        &before,
        "nothing changed until valid"
    );
    session.type_into("Resource 1 unit", "GPU-hours");
    assert!(
        session
            .harness
            .query_by_label("resource 1: GPU needs a unit")
            .is_none()
    );
    session.click("Cancel");
    assert_eq!(session.app().report(), &before);
}

#[test]
fn kinds_and_resources_are_decided_in_one_place_and_undo_together() {
    let mut session = Session::new(Vec2::new(1440.0, 900.0));
    // The page lists every metric; the sample's links are guesses.
    session.click("Metric kinds and resources (90 guessed)");
    assert_eq!(session.app().view(), View::Metrics);
    session.click(
        "iMagine - AI Application Development Service, Number of AI models developed, kind and resource",
    );
    session.click("Kind");
    session.click("Level (last)");
    let metric = &session.app().report().installations[0].metrics[0];
    assert_eq!(metric.kind(), MetricKind::LevelLast);
    assert!(metric.kind_confirmed);
    session.click("Confirm every guess (89)");
    assert!(
        session
            .app()
            .report()
            .installations
            .iter()
            .flat_map(|i| &i.metrics)
            .all(|m| m.kind_confirmed && m.resource_confirmed)
    );
    session.shortcut(Key::Z);
    session.shortcut(Key::Z);
    assert_eq!(
        session.app().report(),
        &Sample::M36.report().unwrap(),
        "two undo steps restore every guess"
    );
}

#[test]
fn the_report_settings_change_the_decimal_mark_without_changing_a_text() {
    let mut session = Session::new(Vec2::new(1440.0, 900.0));
    session.click("Report and periods");
    let texts: Vec<String> = session
        .app()
        .report()
        .cell_texts()
        .map(str::to_owned)
        .collect();
    session.click("Decimal comma (1.234,5)");
    let report = session.app().report();
    assert_eq!(report.decimal_mark, DecimalMark::Comma);
    let after: Vec<String> = report.cell_texts().map(str::to_owned).collect();
    assert_eq!(after, texts);
    // "1,500" is now one and a half.
    assert_eq!(report.resources()[0].budget.number(), Some(1.5));
    session.shortcut(Key::Z);
    assert_eq!(session.app().report(), &Sample::M36.report().unwrap());
}

#[test]
fn start_next_period_from_the_report_menu() {
    let mut session = Session::new(Vec2::new(1440.0, 900.0));
    session.click("Report");
    session
        .harness
        .get_by_label_contains("Start next period")
        .click();
    session.harness.run();
    session.click("Start M37-M48");
    let report = session.app().report();
    assert_eq!(report.periods.last().unwrap().label, "M37-M48");
    assert_eq!(
        report.cumulative.checkpoints.last().unwrap().label,
        "USED BY M48 (Aug 2026)"
    );
    assert_eq!(
        session.app().document().undo_label(),
        Some("start period M37-M48")
    );
}

/// At 1280x720 every installation of the M36 sample opens with its metric
/// rows (all of them, or at least six) and their TOT cells on screen,
/// above the findings panel, without scrolling.
#[test]
fn at_1280x720_the_metrics_table_and_its_tot_are_on_screen() {
    let mut session = Session::new(Vec2::new(1280.0, 720.0));
    let report = Sample::M36.report().unwrap();
    for installation in &report.installations {
        session.click(&installation.name);
        let panel_top = session.harness.get_by_label("Hide list").rect().min.y;
        let rows = installation.metrics.len().min(6);
        assert!(rows >= 4, "{}", installation.name);
        for metric in installation.metrics.iter().take(rows) {
            let label = format!("{}, {}, TOT", installation.name, metric.name);
            let rect = session.harness.get_by_label(&label).rect();
            assert!(
                rect.max.x <= 1280.0 && rect.max.y <= panel_top,
                "{label} is off screen: {rect:?} (findings panel at {panel_top})"
            );
        }
    }
}

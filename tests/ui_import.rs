//! Importing in the window: a file dropped on it is read in the background,
//! the preview shows the plan, Apply changes the report as one undo step.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

mod dropped_file;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dropped_file::TestFile;
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, Settings, VaReportApp};

fn harness() -> Harness<'static, VaReportApp> {
    let app = VaReportApp::with_sample(Sample::M36, Settings::default(), AppEnvironment::default());
    Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn drop_files(harness: &mut Harness<'static, VaReportApp>, names: &[&str]) {
    harness.input_mut().hovered_files.clear();
    for name in names {
        harness
            .input_mut()
            .dropped_files
            .push(Arc::new(TestFile(fixture(name))));
    }
    // One frame takes the drop; the import then runs in the background
    // (`wait_for_preview` steps until it is done), so a small file that is
    // read quickly cannot make this frame's run take more steps.
    harness.step();
}

/// Steps frames until the background import has produced its preview.
fn wait_for_preview(harness: &mut Harness<'static, VaReportApp>) -> String {
    for _ in 0..500 {
        if let Some(summary) = harness.state().import_summary() {
            harness.run();
            return summary;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    panic!("the import preview never showed");
}

fn incd_cpu_hours(app: &VaReportApp) -> String {
    app.report().installations[5].metrics[0].values[2]
        .text()
        .to_owned()
}

#[test]
fn dropping_a_file_previews_and_applies_as_one_undo_step() {
    let mut harness = harness();
    drop_files(&mut harness, &["report_layout_merged_title.xlsx"]);
    let summary = wait_for_preview(&mut harness);
    assert_eq!(summary, "3 cells to change · 3 unchanged");
    assert_eq!(
        incd_cpu_hours(harness.state()),
        "2,270,601",
        "nothing applied yet"
    );
    harness.get_by_label("2,300,000");

    harness.get_by_label("Apply 3 changes").click();
    harness.run();
    assert_eq!(incd_cpu_hours(harness.state()), "2,300,000");
    assert!(harness.state().import_summary().is_none());
    assert!(harness.state().document().is_dirty());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().report(), &Sample::M36.report().unwrap());
}

#[test]
fn cancel_leaves_the_report_untouched() {
    let mut harness = harness();
    drop_files(
        &mut harness,
        &["new_period_only_sheet_name.xlsx", "word_document.xlsx"],
    );
    let summary = wait_for_preview(&mut harness);
    assert_eq!(
        summary,
        "2 cells to change · 0 unchanged · 1 not matched · 1 file not read"
    );
    harness.get_by_label_contains("this is a Word document");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().import_summary().is_none());
    assert_eq!(harness.state().report(), &Sample::M36.report().unwrap());
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn an_unmatched_value_is_mapped_by_hand() {
    let mut harness = harness();
    drop_files(&mut harness, &["new_period_only_sheet_name.xlsx"]);
    wait_for_preview(&mut harness);
    // "Racks installed" has no metric: choose one, then Map.
    harness.get_by_label("Metric for B4").click();
    harness.run();
    harness
        .get_by_label("Number of countries reached over the period")
        .click();
    harness.run();
    harness.get_by_label("Map").click();
    harness.run();
    assert_eq!(
        harness.state().import_summary().unwrap(),
        "3 cells to change · 0 unchanged"
    );
    harness.get_by_label(
        "Remembered for the next import: \"Racks installed\" is INCD - GPU | Number of countries reached over the period",
    );
    harness.get_by_label("Apply 3 changes").click();
    harness.run();
    let gpu = &harness.state().report().installations[6];
    // The file's "1.234,5" is written in the report's decimal point.
    assert_eq!(gpu.metrics[2].values[2].text(), "1,234.5");
    assert_eq!(
        gpu.metrics[2].sources["M25-M36"].describe(),
        "new_period_only_sheet_name.xlsx, sheet INCD - GPU, cell B4"
    );
    assert_eq!(harness.state().report().import_mappings.len(), 1);

    // The next import of the same file maps "Racks installed" by itself.
    drop_files(&mut harness, &["new_period_only_sheet_name.xlsx"]);
    assert_eq!(
        wait_for_preview(&mut harness),
        "0 cells to change · 3 unchanged"
    );
    harness
        .get_by_label("Names remembered from earlier imports (1)")
        .click();
    harness.run();
    harness.get_by_label("Forget").click();
    harness.run();
    assert!(harness.state().report().import_mappings.is_empty());
}

#[test]
fn a_file_that_gives_nothing_says_why_and_names_the_nearest_installation() {
    let mut harness = harness();
    drop_files(
        &mut harness,
        &[
            "import/title_matches_no_installation_m36.csv",
            "report_layout_merged_title.xlsx",
        ],
    );
    wait_for_preview(&mut harness);
    harness.get_by_label("title_matches_no_installation_m36.csv");
    harness.get_by_label_contains("nothing matched; named \"INCD - CPUU\"");
    harness.get_by_label_contains("nearest: \"INCD - CPU\"");
    harness.get_by_label("Sheet Usage: report table at row 3 (INCD - CPU): 6 values matched");
}

#[test]
fn an_unknown_installation_is_added_from_the_file_as_one_undo_step() {
    let mut harness = harness();
    drop_files(
        &mut harness,
        &["import/title_matches_no_installation_m36.csv"],
    );
    assert_eq!(
        wait_for_preview(&mut harness),
        "0 cells to change · 0 unchanged · 1 not matched"
    );
    harness
        .get_by_label("Add \"INCD - CPUU\" as new installation (1 metric, 1 value)")
        .click();
    harness.run();
    assert_eq!(
        harness.state().import_summary().unwrap(),
        "1 cell to change · 0 unchanged"
    );
    harness.get_by_label("Apply 1 change").click();
    harness.run();
    let added = harness.state().report().installations.last().unwrap();
    assert_eq!(added.name, "INCD - CPUU");
    assert_eq!(added.metrics[0].name, "Number of users");
    assert_eq!(added.metrics[0].values[2].text(), "12");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().report(), &Sample::M36.report().unwrap());
}

#[test]
fn escape_closes_the_preview_without_changes() {
    let mut harness = harness();
    drop_files(&mut harness, &["report_layout_merged_title.xlsx"]);
    wait_for_preview(&mut harness);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().import_summary().is_none());
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn the_provider_template_dialog_chooses_installations_then_asks_where() {
    let mut harness = harness();
    harness
        .state_mut()
        .run_command(va_report::ui::UiCommand::ProviderTemplate);
    harness.run();
    assert!(harness.query_all_by_label("Period to fill").count() >= 1);
    harness.get_by_label("Save template…").click();
    harness.run();
    // Tests have no native dialogs: the choice ends there, nothing changed.
    assert_eq!(harness.state().status(), "No file dialog available");
    assert!(!harness.state().document().is_dirty());
}

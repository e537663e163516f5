//! The checks in the window: marks, badges, the findings panel, fixes with
//! undo, acknowledgements that survive saving.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use va_report::check::Severity;
use va_report::project_file;
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, Settings, VaReportApp, View};

const IFCA_CPU_TOT: &str = "Error: TOT 8,381,165 differs from the sum of the periods, 6,835,002; the periods agree with the CPU row of the cumulative table, so the TOT is the likely mistake";
const SUMMARY_STORAGE: &str = "The executive summary quotes 831 TByte-month but the cumulative table's Storage use by M36 is 843 TB-month";

fn harness_with(app: VaReportApp) -> Harness<'static, VaReportApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app);
    harness.run();
    harness
}

fn sample_harness() -> Harness<'static, VaReportApp> {
    harness_with(VaReportApp::with_sample(
        Sample::M36,
        Settings::default(),
        AppEnvironment::default(),
    ))
}

/// Only the errors of one rule in the findings panel: a short list.
fn show_only_errors(harness: &mut Harness<'static, VaReportApp>) {
    harness.get_by_label("Show warnings").click();
    harness.run();
    harness.get_by_label("Show info").click();
    harness.run();
    harness.get_by_label("Rule filter").click();
    harness.run();
    harness.get_by_label("TOT is not the sum").click();
    harness.run();
}

fn ifca_cpu_total(app: &VaReportApp) -> String {
    app.report().installations[2].metrics[0]
        .total
        .text()
        .to_owned()
}

#[test]
fn the_sample_shows_badges_and_panel_entries() {
    let mut harness = sample_harness();
    let badge = harness.state_mut().findings().badges[2];
    assert_eq!(badge.worst, Some(Severity::Error));
    harness.get_by_label(&format!(
        "IFCA-CSIC Scientific Cloud - CPU: {} open findings",
        badge.open
    ));
    harness.get_by_label("Findings");
    harness.get_by_label(&format!("Error: {SUMMARY_STORAGE}"));
    show_only_errors(&mut harness);
    harness.get_by_label(IFCA_CPU_TOT);
}

#[test]
fn clicking_a_finding_selects_its_installation_and_cell() {
    let mut harness = sample_harness();
    show_only_errors(&mut harness);
    harness.get_by_label(IFCA_CPU_TOT).click();
    harness.run();
    assert_eq!(harness.state().view(), View::Installation(2));
    // Name, Baseline, Method, M1-M12, M13-M24, M25-M36, TOT: the TOT is column 6.
    assert_eq!(harness.state().selected_cell(), Some((2, 0, 6)));
    harness.get_by_label(
        "IFCA-CSIC Scientific Cloud - CPU, CPU node/hours served over the period, TOT",
    );
}

#[test]
fn a_fix_changes_the_cell_and_undo_restores_it() {
    let mut harness = sample_harness();
    show_only_errors(&mut harness);
    let fix = IFCA_CPU_TOT.replacen("Error: ", "Fix: ", 1);
    harness.get_by_label(&fix).click();
    harness.run();
    assert_eq!(ifca_cpu_total(harness.state()), "6,835,002");
    assert!(
        !harness
            .state_mut()
            .findings()
            .findings
            .iter()
            .any(|f| f.rule == "total-quantity-sum" && f.location.installation() == Some(2)),
        "the finding is gone once fixed"
    );
    assert_eq!(
        harness.state().document().undo_label(),
        Some("set TOT to 6,835,002")
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(ifca_cpu_total(harness.state()), "8,381,165");
    harness.get_by_label(IFCA_CPU_TOT);
}

#[test]
fn an_acknowledged_finding_is_greyed_and_survives_save_and_load() {
    let mut harness = sample_harness();
    let before = harness.state_mut().findings().counts;
    harness
        .get_by_label(&format!("Acknowledge: {SUMMARY_STORAGE}"))
        .click();
    harness.run();
    harness.get_by_label("Reason").click();
    harness.run();
    harness
        .get_by_label("Reason")
        .type_text("843 includes data deleted before the summary was written");
    harness.run();
    harness.get_by_label("Acknowledge").click();
    harness.run();

    let report = harness.state().report().clone();
    assert_eq!(report.acknowledgements.len(), 1);
    assert_eq!(report.acknowledgements[0].rule, "prose-figure");
    let after = harness.state_mut().findings().clone();
    assert_eq!(after.counts[0] + 1, before[0], "no longer counted");
    let entry = after
        .entries
        .iter()
        .find(|e| e.message == SUMMARY_STORAGE)
        .unwrap();
    assert_eq!(
        entry.acknowledged.as_deref(),
        Some("843 includes data deleted before the summary was written")
    );
    // Still listed, now with a way to withdraw it.
    harness.get_by_label(&format!("Withdraw acknowledgement: {SUMMARY_STORAGE}"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acknowledged.json");
    harness.state_mut().save_to(&path);
    let loaded = project_file::load(&path).unwrap();
    assert_eq!(loaded.acknowledgements, report.acknowledgements);
    let mut reopened = harness_with(VaReportApp::new(
        loaded,
        Some(path),
        "",
        Settings::default(),
        AppEnvironment::default(),
    ));
    let entry = reopened
        .state_mut()
        .findings()
        .entries
        .iter()
        .find(|e| e.message == SUMMARY_STORAGE)
        .cloned()
        .unwrap();
    assert!(entry.acknowledged.is_some());
    reopened.get_by_label(&format!("Withdraw acknowledgement: {SUMMARY_STORAGE}"));
}

#[test]
fn a_prose_finding_is_shown_in_its_section_and_fixed_there() {
    let mut harness = sample_harness();
    harness
        .get_by_label(&format!("Error: {SUMMARY_STORAGE}"))
        .click();
    harness.run();
    assert_eq!(harness.state().view(), View::Section(1));
    harness
        .get_by_label(&format!("Write 843 in the text: {SUMMARY_STORAGE}"))
        .click();
    harness.run();
    let text = &harness.state().report().sections[1].text;
    assert!(
        text.contains("365,878 GPU-hours and 843 TByte-month"),
        "{text}"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let text = &harness.state().report().sections[1].text;
    assert!(text.contains("831 TByte-month"));
}

#[test]
fn a_costly_check_runs_behind_the_window_and_its_result_lands_when_done() {
    let mut harness = harness_with(VaReportApp::with_sample(
        Sample::M36,
        Settings::default(),
        AppEnvironment {
            background_checks: true,
            ..AppEnvironment::default()
        },
    ));
    show_only_errors(&mut harness);
    harness.get_by_label(IFCA_CPU_TOT);
    // As if the whole check took four times what a frame can give it.
    harness
        .state_mut()
        .check_runner()
        .assume_last_cost(va_report::ui::FRAME_SHARE * 4);
    let address = va_report::model::CellAddress::Metric {
        installation: 2,
        metric: 0,
        column: va_report::model::MetricColumn::Total,
    };
    harness
        .state_mut()
        .apply_edit(va_report::edit::Edit::SetCell {
            address,
            text: "6,835,002".to_owned(),
        });
    harness.step();
    // The frame did not wait: the old list is shown, out of date, and its
    // fix is held back.
    harness.get_by_label("Checking the last change…");
    let fix = IFCA_CPU_TOT.replacen("Error: ", "Fix: ", 1);
    assert!(harness.get_by_label(&fix).accesskit_node().is_disabled());
    let mut landed = false;
    for _ in 0..400 {
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
        if harness
            .query_by_label("Checking the last change…")
            .is_none()
        {
            landed = true;
            break;
        }
    }
    assert!(landed, "the background check never landed");
    assert!(harness.query_by_label(IFCA_CPU_TOT).is_none());
    assert_eq!(ifca_cpu_total(harness.state()), "6,835,002");
}

//! Spreadsheet-grade editing driven headlessly: paste that grows the table,
//! a TOT that follows the periods, the cell menu, Escape and the arrows.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use egui::{Key, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, Settings, UiCommand, VaReportApp, View};

fn harness() -> Harness<'static, VaReportApp> {
    let app = VaReportApp::with_sample(Sample::M36, Settings::default(), AppEnvironment::default());
    Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app)
}

fn paste(harness: &mut Harness<'static, VaReportApp>, text: &str) {
    harness
        .input_mut()
        .events
        .push(egui::Event::Paste(text.to_owned()));
    harness.run();
}

/// Six columns (name, baseline, method, three periods) by five metrics.
const BLOCK: &str = "CPU hours served\t100000\tAccounting\t1,000\t2,000\t3,000\n\
Number of users\t50\tLogins\t10\t20\t25\n\
Disk space allocated (TB)\t\tQuota\t10\t12\t15\n\
Names of the countries reached\t\tLogins\tES, PT\tPT, DE\tFR\n\
Jobs run\t\tScheduler\t5\t\t7\n";

#[test]
fn pasting_a_6x5_block_into_a_new_installations_empty_table_fills_it_in_one_step() {
    let mut harness = harness();
    harness.state_mut().run_command(UiCommand::AddInstallation);
    harness.run();
    let View::Installation(index) = harness.state().view() else {
        panic!("no installation shown");
    };
    let before = harness.state().report().clone();
    assert!(before.installations[index].metrics.is_empty());
    harness.get_by_label_contains("No metrics yet: paste cells");

    paste(&mut harness, BLOCK);

    let metrics = &harness.state().report().installations[index].metrics;
    let names: Vec<_> = metrics.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "CPU hours served",
            "Number of users",
            "Disk space allocated (TB)",
            "Names of the countries reached",
            "Jobs run"
        ]
    );
    assert_eq!(metrics[0].baseline.text(), "100000");
    assert_eq!(metrics[4].method, "Scheduler");
    // TOT follows each kind: a sum, a level's last value, a union; a
    // distinct count cannot be computed, so it waits to be typed.
    let totals: Vec<_> = metrics.iter().map(|m| m.total.text()).collect();
    assert_eq!(totals, ["6,000", "", "15", "DE, ES, FR, PT", "12"]);
    assert_eq!(
        harness.state().document().undo_label(),
        Some("paste 5 x 6 cells, 5 new rows")
    );
    assert!(harness.state().status().contains("paste 5 x 6 cells"));
    // The table shows the computed TOTs as such; the distinct count's is typed.
    assert_eq!(harness.get_all_by_label_contains("TOT computed").count(), 4);

    // Changing a period moves its TOT in the same step.
    let cell =
        harness.state().report().installations[index].name.clone() + ", CPU hours served, M1-M12";
    harness.get_by_label(&cell).click();
    harness.run();
    harness.get_by_label(&cell).type_text("4000");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let metric = &harness.state().report().installations[index].metrics[0];
    assert_eq!(metric.values[0].text(), "4000");
    assert_eq!(metric.total.text(), "9,000");
    harness.state_mut().run_command(UiCommand::Undo);
    harness.run();
    assert_eq!(
        harness.state().report().installations[index].metrics[0]
            .total
            .text(),
        "6,000"
    );

    harness.state_mut().run_command(UiCommand::Undo);
    harness.run();
    assert_eq!(harness.state().report(), &before);
}

#[test]
fn a_block_wider_than_the_table_adds_period_columns_only_when_asked() {
    let mut harness = harness();
    harness.state_mut().run_command(UiCommand::AddInstallation);
    harness.run();
    let before = harness.state().report().clone();
    // Name, baseline, method, four periods and a TOT: one column too many.
    paste(&mut harness, "Jobs run\t\t\t1\t2\t3\t4\t10\n");
    assert_eq!(
        harness.state().report(),
        &before,
        "nothing before the answer"
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().report(), &before);

    paste(&mut harness, "Jobs run\t\t\t1\t2\t3\t4\t10\n");
    harness.get_by_label("Add 1 period column").click();
    harness.run();
    let report = harness.state().report();
    assert_eq!(report.periods.len(), before.periods.len() + 1);
    let View::Installation(index) = harness.state().view() else {
        panic!("no installation shown");
    };
    let metric = &report.installations[index].metrics[0];
    assert_eq!(metric.values[3].text(), "4");
    assert_eq!(metric.total.text(), "10");
    harness.state_mut().run_command(UiCommand::Undo);
    harness.run();
    assert_eq!(harness.state().report(), &before);

    paste(&mut harness, "Jobs run\t\t\t1\t2\t3\t4\t10\n");
    harness.get_by_label("Paste what fits").click();
    harness.run();
    let report = harness.state().report();
    assert_eq!(report.periods.len(), before.periods.len());
    assert_eq!(report.installations[index].metrics[0].total.text(), "4");
}

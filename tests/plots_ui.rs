//! The plots view driven headlessly: its legend entries are found by their
//! accessible names, and an edit moves the series it draws at once.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use egui::accesskit::Role;
use egui::{Event, Modifiers, PointerButton, Vec2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use va_report::edit::Edit;
use va_report::model::{CellAddress, MetricColumn};
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, Settings, VaReportApp, View};

fn sample_harness() -> Harness<'static, VaReportApp> {
    let app = VaReportApp::with_sample(Sample::M36, Settings::default(), AppEnvironment::default());
    Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app)
}

fn open_plots(harness: &mut Harness<'static, VaReportApp>) {
    harness.get_by_label("Plots").click();
    harness.run();
    assert_eq!(harness.state().view(), View::Plots);
}

fn drawn_cpu_m36(app: &VaReportApp) -> (Option<f64>, Option<f64>) {
    let model = app.plots_model().unwrap();
    let cpu = model.cumulative_of("cpu").unwrap();
    (
        cpu.used.last().unwrap().value,
        cpu.running_sum.last().unwrap().value,
    )
}

#[test]
fn the_plots_view_shows_a_legend_for_every_series() {
    let mut harness = sample_harness();
    open_plots(&mut harness);
    for label in [
        "CPU use (Table 1)",
        "CPU sum of the installations",
        "CPU budget: 6,000,000 CPU-h",
        "CPU budget reached about M27.3 (interpolated between M24 and M30)",
        "GPU use (Table 1)",
        "GPU budget: 132,000 GPU-h",
        "Storage use (Table 1)",
        "Storage sum of the installations",
    ] {
        // egui_plot draws each legend entry as a check box named by its text.
        harness.get_by_role_and_label(Role::CheckBox, label);
    }
    assert!(
        harness
            .query_by_label_contains("Storage budget reached")
            .is_none(),
        "storage stays under its budget"
    );
}

#[test]
fn editing_a_cpu_value_moves_the_cpu_series_at_once() {
    let mut harness = sample_harness();
    open_plots(&mut harness);
    assert_eq!(
        drawn_cpu_m36(harness.state()),
        (Some(11_113_730.0), Some(11_113_730.0))
    );

    // INCD - CPU's M25-M36 CPU hours, 2,270,601 in the deliverable.
    let incd = harness
        .state()
        .report()
        .installations
        .iter()
        .position(|i| i.name == "INCD - CPU")
        .unwrap();
    harness.state_mut().apply_edit(Edit::SetCell {
        address: CellAddress::Metric {
            installation: incd,
            metric: 0,
            column: MetricColumn::Period(2),
        },
        text: "3,270,601".to_owned(),
    });
    harness.run();
    assert_eq!(
        drawn_cpu_m36(harness.state()),
        (Some(11_113_730.0), Some(12_113_730.0)),
        "the installations' sum moved, Table 1 did not"
    );

    // Table 1's own CPU cell moves the use line.
    harness.state_mut().apply_edit(Edit::SetCell {
        address: CellAddress::Cumulative {
            row: 2,
            column: va_report::model::CumulativeColumn::Checkpoint(5),
        },
        text: "12,113,730".to_owned(),
    });
    harness.run();
    assert_eq!(
        drawn_cpu_m36(harness.state()),
        (Some(12_113_730.0), Some(12_113_730.0))
    );
}

#[test]
fn the_other_tabs_draw_stacks_and_installation_metrics() {
    let mut harness = sample_harness();
    open_plots(&mut harness);
    harness.get_by_label("Use per installation").click();
    harness.run();
    // Stack layers are legend entries named after their installation.
    harness.get_by_role_and_label(Role::CheckBox, "WaltonCloud - CPU");
    harness.get_by_role_and_label(Role::CheckBox, "TR-FC1-ULAKBIM");
    harness.get_by_label("Installation metrics").click();
    harness.run();
    harness.get_by_role_and_label(Role::CheckBox, "Baseline: 30");
    // In the axes' number style, with the text as written beside it.
    harness.get_by_role_and_label(Role::CheckBox, "Baseline: 4,000,000 (written 4.000.000)");
}

#[test]
fn clicking_a_bar_selects_its_cell_in_the_table() {
    let mut harness = sample_harness();
    // The first installation opens first: iMagine - AI Application Development Service.
    assert_eq!(harness.state().view(), View::Installation(0));
    // The findings panel covers the bottom of the window: bring the section up first.
    harness.get_by_label("Metric plots").scroll_to_me();
    harness.run();
    harness.get_by_label("Metric plots").click();
    harness.run();
    let name = "iMagine - AI Application Development Service, Number of AI models developed plot";
    harness.get_by_label(name).scroll_to_me();
    harness.run();
    let plot = harness.get_by_label(name).rect();
    // The middle period's bar (M13-M24: 16 models), just above the axis.
    let pos = pos2(plot.center().x, plot.bottom() - plot.height() * 0.1);
    harness.event(Event::PointerMoved(pos));
    harness.run();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    harness.run();
    let cell = harness.get_by_label(
        "iMagine - AI Application Development Service, Number of AI models developed, M13-M24",
    );
    assert!(cell.is_focused(), "the bar's cell is selected for editing");
    cell.type_text("17");
    harness.run();
    assert_eq!(
        harness.state().report().installations[0].metrics[0].values[1].text(),
        "17"
    );
}

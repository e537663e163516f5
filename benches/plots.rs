//! Plots: computing the series (what the view caches per revision), one
//! frame of the plots view, and rendering a print figure.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use criterion::{Criterion, criterion_group, criterion_main};
use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use va_report::model::{NumberStyle, Report};
use va_report::plot::{FigureSelection, report_figures};
use va_report::samples::{Sample, generated};
use va_report::ui::{AppEnvironment, PlotsModel, Settings, VaReportApp};

fn plots_harness(report: Report) -> Harness<'static, VaReportApp> {
    let app = VaReportApp::new(
        report,
        None,
        "bench",
        Settings::default(),
        AppEnvironment::default(),
    );
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app);
    harness.run();
    harness.get_by_label("Plots").click();
    harness.run();
    harness
}

fn plots(c: &mut Criterion) {
    let sample = Sample::M36.report().unwrap();
    // The generated report has no Table 1: give it the sample's, so that
    // the usage plots are drawn too.
    let mut big = generated(500, 20);
    big.cumulative = sample.cumulative.clone();

    let mut group = c.benchmark_group("plot_series");
    group.bench_function("m36_sample", |b| b.iter(|| PlotsModel::new(&sample, 1)));
    group.bench_function("generated_500x20", |b| b.iter(|| PlotsModel::new(&big, 1)));
    group.finish();

    let mut group = c.benchmark_group("plots_view_frame");
    let mut harness = plots_harness(sample.clone());
    group.bench_function("m36_sample", |b| b.iter(|| harness.step()));
    let mut harness = plots_harness(big);
    group.bench_function("generated_500x20", |b| b.iter(|| harness.step()));
    group.finish();

    let figures = report_figures(&sample, NumberStyle::Us, FigureSelection::ALL);
    let cpu = &figures.get(2).unwrap().figure;
    let mut group = c.benchmark_group("figure");
    group.sample_size(20);
    group.bench_function("cpu_usage_svg", |b| b.iter(|| cpu.svg().unwrap()));
    group.bench_function("cpu_usage_png", |b| b.iter(|| cpu.png().unwrap()));
    group.finish();
}

criterion_group!(benches, plots);
criterion_main!(benches);

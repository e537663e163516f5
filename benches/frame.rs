//! CPU time of one frame of the window, drawn headlessly, on the M36 sample
//! and on a generated report of 500 installations x 20 metrics (with the
//! search bar open too), one search over that report, and an edit with its
//! frame on a report whose check takes longer than a frame.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use criterion::{Criterion, criterion_group, criterion_main};
use egui::Vec2;
use egui_kittest::Harness;
use va_report::edit::Edit;
use va_report::model::Report;
use va_report::samples::{Sample, generated};
use va_report::ui::{AppEnvironment, Settings, VaReportApp};

fn harness_for(report: Report, name: &str) -> Harness<'static, VaReportApp> {
    harness_in(report, name, AppEnvironment::default())
}

fn harness_in(
    report: Report,
    name: &str,
    environment: AppEnvironment,
) -> Harness<'static, VaReportApp> {
    let app = VaReportApp::new(report, None, name, Settings::default(), environment);
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app);
    harness.run();
    harness
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");

    let sample = Sample::M36
        .report()
        .unwrap_or_else(|error| panic!("sample: {error}"));
    let mut harness = harness_for(sample, "M36");
    group.bench_function("m36_sample", |b| b.iter(|| harness.step()));

    let big = generated(500, 20);
    let mut harness = harness_for(big, "generated");
    harness.state_mut().apply_edit(Edit::SetText {
        address: va_report::model::TextAddress::Title,
        text: "Generated, edited".to_owned(),
    });
    group.bench_function("generated_500x20", |b| b.iter(|| harness.step()));

    // The search bar open on a query found in every installation.
    harness.state_mut().find("installation");
    harness.run();
    group.bench_function("generated_500x20_search_open", |b| {
        b.iter(|| harness.step())
    });
    let report = harness.state().report().clone();
    group.bench_function("search_500x20", |b| {
        b.iter(|| va_report::ui::search(&report, "1,2"))
    });

    // Typing into a cell of a report whose whole check takes longer than a
    // frame: each iteration is one edit and the frame that follows it. The
    // check runs behind the window, so the frame does not wait for it.
    let large = va_report::samples::generated_with_periods(2000, 6, 12);
    // As the window runs: costly checks behind the frame.
    let environment = AppEnvironment {
        background_checks: true,
        ..AppEnvironment::default()
    };
    let mut harness = harness_in(large, "generated 2000", environment);
    harness.step();
    let mut typed = 0_u64;
    group.bench_function("edit_and_frame_2000x6_12_periods", |b| {
        b.iter(|| {
            typed += 1;
            harness.state_mut().apply_edit(Edit::SetCell {
                address: va_report::model::CellAddress::Metric {
                    installation: 0,
                    metric: 0,
                    column: va_report::model::MetricColumn::Period(0),
                },
                text: typed.to_string(),
            });
            harness.step();
        })
    });

    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);

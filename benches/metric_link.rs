//! CPU time of changing a metric's kind (and, separately, its resource) in
//! the window: the edit, its guesses refreshed, and the full re-check that
//! follows, on the M36 sample and on a generated report of 500
//! installations x 20 metrics. The check alone is `benches/checks.rs`.

#![allow(clippy::unwrap_used)] // in benchmarks a failed unwrap is a failed run

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use va_report::check::check_report;
use va_report::edit::{Edit, apply};
use va_report::model::{MetricKind, Report};
use va_report::samples::{Sample, generated};

/// Sets metric 0 of installation 0 to `kind`, re-checks, and sets it back.
fn change_kind(report: &mut Report, kind: MetricKind) -> usize {
    let inverse = apply(
        report,
        Edit::SetMetricKind {
            installation: 0,
            metric: 0,
            kind,
            confirmed: true,
        },
    )
    .unwrap();
    let found = check_report(report).len();
    apply(report, inverse).unwrap();
    found
}

fn change_resource(report: &mut Report) -> usize {
    let inverse = apply(
        report,
        Edit::SetMetricResource {
            installation: 0,
            metric: 0,
            resource: None,
            confirmed: true,
        },
    )
    .unwrap();
    let found = check_report(report).len();
    apply(report, inverse).unwrap();
    found
}

fn metric_link(c: &mut Criterion) {
    let mut group = c.benchmark_group("metric_link");
    for (name, mut report) in [
        ("m36_sample", Sample::M36.report().unwrap()),
        ("generated_500x20", generated(500, 20)),
    ] {
        group.bench_function(format!("kind_{name}"), |b| {
            b.iter(|| change_kind(black_box(&mut report), MetricKind::LevelLast))
        });
        group.bench_function(format!("resource_{name}"), |b| {
            b.iter(|| change_resource(black_box(&mut report)))
        });
    }
    group.finish();
}

criterion_group!(benches, metric_link);
criterion_main!(benches);

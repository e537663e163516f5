//! A large report end to end: the checks, the DOCX and the XLSX of a
//! generated report of 2,000 installations x 6 metrics x 12 yearly periods
//! with Table 1 checkpoints (budget: each under 2 s). Documents are built in
//! memory; the memory budget (1 GB each) is held by `tests/scale.rs`, which
//! runs the program under an address-space limit.

#![allow(clippy::unwrap_used)] // in benchmarks a failed unwrap is a failed run

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use va_report::check::check_report;
use va_report::export::docx::docx_bytes;
use va_report::export::xlsx::xlsx_bytes;
use va_report::export::{ExportOptions, finding_rows};
use va_report::samples::generated_with_periods;

fn scale(c: &mut Criterion) {
    let report = generated_with_periods(2000, 6, 12);
    let options = ExportOptions::default();
    let findings = finding_rows(&report);
    let mut group = c.benchmark_group("generated_2000x6_12_periods");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("check", |b| b.iter(|| check_report(black_box(&report))));
    group.bench_function("docx", |b| {
        b.iter(|| docx_bytes(black_box(&report), &options, &findings, &[]).unwrap())
    });
    group.bench_function("xlsx", |b| {
        b.iter(|| xlsx_bytes(black_box(&report), &options, &findings).unwrap())
    });
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);

//! CPU time of a full check: every rule over the M36 sample (budget 1 ms),
//! over a generated report of 500 installations x 20 metrics (budget 50 ms)
//! and over one of 2,000 installations x 12 yearly periods with Table 1
//! checkpoints (budget 100 ms). Checks run again after every edit, so this
//! is the cost of an edit.

#![allow(clippy::unwrap_used)] // in benchmarks a failed unwrap is a failed run

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use va_report::check::check_report;
use va_report::samples::{Sample, generated, generated_with_periods};

fn checks(c: &mut Criterion) {
    let mut group = c.benchmark_group("checks");
    let sample = Sample::M36.report().unwrap();
    group.bench_function("m36_sample", |b| {
        b.iter(|| check_report(black_box(&sample)))
    });
    let big = generated(500, 20);
    group.bench_function("generated_500x20", |b| {
        b.iter(|| check_report(black_box(&big)))
    });
    let long = generated_with_periods(2000, 6, 12);
    group.sample_size(20);
    group.bench_function("generated_2000x6_12_periods", |b| {
        b.iter(|| check_report(black_box(&long)))
    });
    group.finish();
}

criterion_group!(benches, checks);
criterion_main!(benches);

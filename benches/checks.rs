//! CPU time of a full check: every rule over the M36 sample (budget 1 ms)
//! and over a generated report of 500 installations x 20 metrics (budget 50 ms).
//! Checks run again after every edit, so this is the cost of an edit.

#![allow(clippy::unwrap_used)] // in benchmarks a failed unwrap is a failed run

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use va_report::check::check_report;
use va_report::samples::{Sample, generated};

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
    group.finish();
}

criterion_group!(benches, checks);
criterion_main!(benches);

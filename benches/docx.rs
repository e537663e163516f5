//! The Word deliverable both ways at the size of a real one: a 50-page
//! document (about 25,000 words of prose) with 25 tables (Table 1 and the
//! description and metrics tables of 12 installations). Budget: reading it
//! into a new report and updating its tables in place, each under 200 ms.
//! The `_guarded` functions do the same as the program does it, in the
//! guarded worker (a process started per document, the report handed over
//! as JSON).

#![allow(clippy::unwrap_used)] // in benchmarks a failed unwrap is a failed run

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use va_report::export::ExportOptions;
use va_report::export::docx::docx_bytes;
use va_report::export::docx_report::report_from_docx;
use va_report::export::docx_report::report_from_docx_file;
use va_report::export::docx_update::update_docx;
use va_report::export::docx_update_guard::update_guarded;
use va_report::import::{Worker, guard};
use va_report::model::{Cell, Report};
use va_report::samples::generated;

/// 12 installations with 8 metrics each and 40 paragraphs of assessment.
fn fifty_pages() -> Report {
    let mut report = generated(12, 8);
    let paragraph = "The installation served its users throughout the period without \
        significant interruptions; usage grew as new communities adopted the service, \
        and the figures below were collected from the accounting system of the provider \
        and checked against the cumulative consumption reported in Table 1.";
    for installation in &mut report.installations {
        installation.assessment = (0..40)
            .map(|n| format!("{paragraph} ({n})"))
            .collect::<Vec<_>>()
            .join("\n");
    }
    report
}

fn docx(c: &mut Criterion) {
    let report = fifty_pages();
    let bytes = docx_bytes(&report, &ExportOptions::default(), &[], &[]).unwrap();
    let mut changed = report.clone();
    for installation in &mut changed.installations {
        if let Some(metric) = installation.metrics.first_mut() {
            metric.values[2] = Cell::new("12,345");
        }
    }
    changed.prepare().unwrap();
    let mut group = c.benchmark_group("docx");
    group.bench_function("read_50_pages_25_tables", |b| {
        b.iter(|| report_from_docx(black_box(&bytes), None).unwrap());
    });
    group.bench_function("update_50_pages_25_tables", |b| {
        b.iter(|| update_docx(black_box(&bytes), &changed, &ExportOptions::default()).unwrap());
    });
    // As the program reads and updates documents: in the worker.
    guard::set_default_worker(Worker::new(env!("CARGO_BIN_EXE_va-report")));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deliverable.docx");
    std::fs::write(&path, &bytes).unwrap();
    let never = std::sync::atomic::AtomicBool::new(false);
    group.bench_function("read_50_pages_25_tables_guarded", |b| {
        b.iter(|| report_from_docx_file(black_box(&path), None, &never).unwrap());
    });
    group.bench_function("update_50_pages_25_tables_guarded", |b| {
        b.iter(|| {
            update_guarded(
                black_box(&bytes),
                &changed,
                &ExportOptions::default(),
                &never,
            )
            .unwrap()
        });
    });
    group.finish();
}

criterion_group!(benches, docx);
criterion_main!(benches);

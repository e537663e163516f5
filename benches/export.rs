//! CPU time of exporting the M36 sample: the DOCX document and the XLSX
//! workbook built in memory (budget: under 100 ms for both), each alone,
//! and the clipboard text of one table.

#![allow(clippy::unwrap_used)] // in benchmarks a failed unwrap is a failed run

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use va_report::export::ExportOptions;
use va_report::export::docx::docx_bytes;
use va_report::export::table_text::{table_html, table_tsv};
use va_report::export::tables::metric_table;
use va_report::export::xlsx::xlsx_bytes;
use va_report::model::NumberStyle;
use va_report::samples::Sample;

fn export(c: &mut Criterion) {
    let report = Sample::M36.report().unwrap();
    let options = ExportOptions::default();
    let mut group = c.benchmark_group("export");
    group.bench_function("m36_docx_and_xlsx", |b| {
        b.iter(|| {
            let docx = docx_bytes(black_box(&report), &options, &[], &[]).unwrap();
            let xlsx = xlsx_bytes(black_box(&report), &options, &[]).unwrap();
            (docx.len(), xlsx.len())
        });
    });
    group.bench_function("m36_docx", |b| {
        b.iter(|| docx_bytes(black_box(&report), &options, &[], &[]).unwrap());
    });
    group.bench_function("m36_xlsx", |b| {
        b.iter(|| xlsx_bytes(black_box(&report), &options, &[]).unwrap());
    });
    group.bench_function("m36_copy_metrics_table", |b| {
        b.iter(|| {
            let table = metric_table(black_box(&report), 5, NumberStyle::Us).unwrap();
            (table_html(&table), table_tsv(&table))
        });
    });
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);

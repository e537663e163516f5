//! Import speed: the provider files of sample-data/, and a long-records
//! workbook of 1,000,000 rows against calamine's bare read of the same file
//! (open, read every cell), the floor the whole import is measured against.
//! `VA_REPORT_BENCH_ROWS` changes the row count. The `_guarded` functions
//! read through the worker process the program uses (`import::Reader::Worker`),
//! the others in process: the difference is what the guard costs.

#![allow(clippy::unwrap_used)] // in benchmarks a failed unwrap is a failed run

use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::{Data, Reader, open_workbook_auto};
use criterion::{Criterion, criterion_group, criterion_main};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use va_report::import::{Reader as FileReader, Worker, import_paths, import_paths_with};
use va_report::model::Report;
use va_report::samples::Sample;

fn sample() -> Report {
    Sample::M36.report().unwrap()
}

/// Installation, metric, month, value: `rows` rows spread over the sample's
/// quantity metrics and the 36 project months (the rows go through every
/// metric, then on to the next month, so each period is covered whole).
fn write_records(path: &Path, rows: u32, report: &Report) {
    let targets: Vec<(String, String)> = report
        .installations
        .iter()
        .flat_map(|i| {
            i.metrics
                .iter()
                .filter(|m| m.kind() == va_report::model::MetricKind::Quantity)
                .map(|m| (i.name.clone(), m.name.clone()))
        })
        .collect();
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    for (c, h) in (0u16..).zip(["Installation", "Metric", "Date", "Value"]) {
        sheet.write_string(0, c, h).unwrap();
    }
    let days: Vec<ExcelDateTime> = (0..36u16)
        .map(|m| {
            let index = 2022 * 12 + 8 + m;
            ExcelDateTime::from_ymd(index / 12, u8::try_from(index % 12 + 1).unwrap(), 15).unwrap()
        })
        .collect();
    for row in 1..=rows {
        let (installation, metric) = &targets[row as usize % targets.len()];
        sheet.write_string(row, 0, installation).unwrap();
        sheet.write_string(row, 1, metric).unwrap();
        sheet
            .write_datetime_with_format(
                row,
                2,
                &days[row as usize / targets.len() % days.len()],
                &date,
            )
            .unwrap();
        sheet
            .write_number(row, 3, f64::from(row % 1000) + 0.5)
            .unwrap();
    }
    book.save(path).unwrap();
}

/// calamine alone: open the workbook and visit every cell of every sheet.
fn bare_read(path: &Path) -> usize {
    let mut book = open_workbook_auto(path).unwrap();
    let mut cells = 0usize;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        cells += range
            .used_cells()
            .filter(|(_, _, d)| **d != Data::Empty)
            .count();
    }
    cells
}

fn import(c: &mut Criterion) {
    let report = sample();
    let sample_data: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
    let mut group = c.benchmark_group("import");
    let in_process = FileReader::InProcess;
    let guarded = FileReader::Worker(Worker::new(env!("CARGO_BIN_EXE_va-report")));
    group.bench_function("sample_data", |b| {
        b.iter(|| import_paths_with(&report, &sample_data, &in_process))
    });
    group.bench_function("sample_data_guarded", |b| {
        b.iter(|| import_paths_with(&report, &sample_data, &guarded))
    });
    group.finish();
    let plan = import_paths_with(&report, &sample_data, &guarded);
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);

    let rows: u32 = std::env::var("VA_REPORT_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.xlsx");
    write_records(&path, rows, &report);
    let plan = import_paths(&report, std::slice::from_ref(&path));
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert!(!plan.changes.is_empty());
    assert_eq!(bare_read(&path), rows as usize * 4 + 4);

    let mut group = c.benchmark_group("records_1m");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("calamine_bare_read_floor", |b| b.iter(|| bare_read(&path)));
    group.bench_function("import", |b| {
        b.iter(|| import_paths(&report, std::slice::from_ref(&path)))
    });
    group.bench_function("import_guarded", |b| {
        b.iter(|| import_paths_with(&report, std::slice::from_ref(&path), &guarded))
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);

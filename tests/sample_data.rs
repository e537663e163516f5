//! The provider files in sample-data/: one per provider of the built-in M36
//! sample, each in a style providers really send. Rewrite them with
//! `VA_REPORT_WRITE_SAMPLE_DATA=1 cargo test --test sample_data`; otherwise
//! this checks that importing them into the sample gives the expected plan.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use va_report::import::import_paths;
use va_report::model::{Installation, Report};
use va_report::samples::Sample;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

fn sample() -> Report {
    Sample::M36.report().unwrap()
}

fn installation<'a>(report: &'a Report, name: &str) -> &'a Installation {
    report
        .installations
        .iter()
        .find(|i| i.name == name)
        .unwrap()
}

/// A number when the text is a plain number, else the text.
fn write_value(sheet: &mut Worksheet, row: u32, column: u16, text: &str) {
    let cell = va_report::model::Cell::new(text);
    match cell.value() {
        va_report::model::CellValue::Number(q) if q.plain => {
            sheet.write_number(row, column, q.value).unwrap();
        }
        _ if text.trim().is_empty() => {}
        _ => {
            sheet.write_string(row, column, text.trim()).unwrap();
        }
    }
}

/// CSIC/IFCA: the report's own layout, one sheet per installation, a merged
/// title with the country, a blank row, notes and a comments column.
fn csic_ifca(report: &Report) -> Vec<u8> {
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(13);
    let header = Format::new().set_bold().set_background_color("#DDEBF7");
    for (sheet_name, name) in [
        ("CPU", "IFCA-CSIC Scientific Cloud - CPU"),
        ("GPU", "IFCA-CSIC Scientific Cloud - GPU"),
        ("Storage", "IFCA-CSIC Scientific Cloud - Storage"),
    ] {
        let installation = installation(report, name);
        let sheet = book.add_worksheet().set_name(sheet_name).unwrap();
        let provider_name = name.replace("IFCA-CSIC", "CSIC/IFCA") + " (Spain)";
        sheet
            .merge_range(0, 0, 0, 7, &provider_name, &title)
            .unwrap();
        let headers = [
            "Metric name",
            "Baseline",
            "Define how measurement is done",
            "M1-M12",
            "M13-M24",
            "M25-M36",
            "TOT",
            "Comments",
        ];
        for (c, h) in (0u16..).zip(headers) {
            sheet.write_string_with_format(2, c, h, &header).unwrap();
        }
        sheet.set_column_width(0, 50).unwrap();
        for (row, metric) in (3u32..).zip(&installation.metrics) {
            sheet.write_string(row, 0, &metric.name).unwrap();
            write_value(sheet, row, 1, metric.baseline.text());
            sheet.write_string(row, 2, &metric.method).unwrap();
            for (c, value) in (3u16..).zip(&metric.values) {
                let mut text = value.text().to_owned();
                if name.ends_with("GPU") && metric.name == "Number of users" && c == 5 {
                    text = "24".to_owned();
                }
                write_value(sheet, row, c, &text);
            }
            write_value(sheet, row, 6, metric.total.text());
            sheet.write_string(row, 7, "").unwrap();
        }
        let notes = 4 + u32::try_from(installation.metrics.len()).unwrap();
        sheet
            .write_string(
                notes,
                0,
                "Notes: accounting from the OpenStack usage records",
            )
            .unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// INCD: a `;` CSV from a Portuguese spreadsheet: dots for thousands,
/// commas for decimals, only the new period, one table per installation.
fn incd(report: &Report) -> Vec<u8> {
    let mut out = String::new();
    for name in ["INCD - CPU", "INCD - GPU", "INCD - Storage"] {
        let installation = installation(report, name);
        out.push_str(&format!("{name};\nMetric name;M25-M36\n"));
        for metric in &installation.metrics {
            let text = metric.values[2].text().trim().to_owned();
            let cell = va_report::model::Cell::new(&text);
            let mut written = match cell.value() {
                va_report::model::CellValue::Number(q) if q.plain => {
                    va_report::model::number_format::format_number(
                        q.value,
                        0,
                        va_report::model::NumberStyle::Eu,
                    )
                }
                _ => format!("\"{text}\""),
            };
            if name == "INCD - Storage" && metric.name.starts_with("TB/month") {
                written = "43,5".to_owned();
            }
            out.push_str(&format!("{};{written}\n", metric.name));
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// TUBITAK/ULAKBIM: monthly accounting records; GPU hours summed, users
/// counted distinct from one row per user and month.
fn tubitak(report: &Report) -> Vec<u8> {
    let _ = report;
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("mmm yyyy");
    let hours = book.add_worksheet().set_name("GPU accounting").unwrap();
    for (c, h) in (0u16..).zip(["Installation", "Metric", "Month", "Value"]) {
        hours.write_string(0, c, h).unwrap();
    }
    let months: Vec<(u16, u8)> = (0..12u8)
        .map(|i| if i < 4 { (2024, 9 + i) } else { (2025, i - 3) })
        .collect();
    for (row, (year, month)) in (1u32..).zip(&months) {
        hours.write_string(row, 0, "TR-FC1-ULAKBIM").unwrap();
        hours
            .write_string(
                row,
                1,
                "GPU node/hours served over the period with 2 CPU, 40 core and 4 GPU (V100)",
            )
            .unwrap();
        let day = ExcelDateTime::from_ymd(*year, *month, 1).unwrap();
        hours
            .write_datetime_with_format(row, 2, &day, &date)
            .unwrap();
        let value = if *month == 3 { 4500 } else { 4380 };
        hours.write_number(row, 3, value).unwrap();
    }
    let users = book.add_worksheet().set_name("Users").unwrap();
    for (c, h) in (0u16..).zip(["Installation", "Metric", "Month", "User"]) {
        users.write_string(0, c, h).unwrap();
    }
    let mut row = 1u32;
    for (i, (year, month)) in months.iter().enumerate() {
        // 19 distinct users over the year, each active in a few months.
        for user in 0..5usize {
            let id = (i * 2 + user) % 19;
            users.write_string(row, 0, "TR-FC1-ULAKBIM").unwrap();
            users
                .write_string(row, 1, "Number of unique users")
                .unwrap();
            users
                .write_string(row, 2, format!("{year}-{month:02}"))
                .unwrap();
            users.write_string(row, 3, format!("user{id:02}")).unwrap();
            row += 1;
        }
    }
    book.save_to_buffer().unwrap()
}

/// WaltonCloud: only the new period as `PY3`, numbers typed as text with
/// comma separators, the installation named only by the sheet.
fn waltoncloud(report: &Report) -> Vec<u8> {
    let mut book = Workbook::new();
    for name in ["WaltonCloud - CPU", "WaltonCloud - Storage"] {
        let installation = installation(report, name);
        let sheet = book.add_worksheet().set_name(name).unwrap();
        sheet.write_string(0, 0, "Metric").unwrap();
        sheet.write_string(0, 1, "PY3").unwrap();
        sheet.set_column_width(0, 50).unwrap();
        for (row, metric) in (1u32..).zip(&installation.metrics) {
            sheet.write_string(row, 0, &metric.name).unwrap();
            let mut text = metric.values[2].text().trim().to_owned();
            if name == "WaltonCloud - CPU" && metric.name == "Number of users" {
                text = "61".to_owned();
            }
            if !text.is_empty() {
                sheet.write_string(row, 1, &text).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The AI platform: both iMagine services on one sheet under their titles,
/// calendar period headers, a hidden working sheet.
fn imagine(report: &Report) -> Vec<u8> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("iMagine platform").unwrap();
    sheet.set_column_width(0, 60).unwrap();
    let mut row = 0u32;
    for name in [
        "iMagine - AI Application Development Service",
        "iMagine - AI Applications as a Service",
    ] {
        let installation = installation(report, name);
        sheet.write_string_with_format(row, 0, name, &bold).unwrap();
        row += 1;
        for (c, h) in (0u16..).zip([
            "Metric name",
            "Sep 2022 - Aug 2023",
            "Sep 2023 - Aug 2024",
            "Sep 2024 - Aug 2025",
            "Total",
        ]) {
            sheet.write_string_with_format(row, c, h, &bold).unwrap();
        }
        row += 1;
        for metric in &installation.metrics {
            sheet.write_string(row, 0, &metric.name).unwrap();
            for (c, value) in (1u16..).zip(&metric.values) {
                let mut text = value.text().to_owned();
                if metric.name.starts_with("Number of AI applications hosted") && c == 3 {
                    text = "112".to_owned();
                }
                write_value(sheet, row, c, &text);
            }
            write_value(sheet, row, 4, metric.total.text());
            row += 1;
        }
        row += 2;
    }
    let hidden = book.add_worksheet().set_name("workings").unwrap();
    hidden.write_string(0, 0, "scratch").unwrap();
    hidden.set_hidden(true);
    book.save_to_buffer().unwrap()
}

fn files(report: &Report) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("CSIC-IFCA.xlsx", csic_ifca(report)),
        ("INCD.csv", incd(report)),
        ("TUBITAK-ULAKBIM.xlsx", tubitak(report)),
        ("WaltonCloud.xlsx", waltoncloud(report)),
        ("iMagine-AI-platform.xlsx", imagine(report)),
    ]
}

#[test]
fn sample_data_imports_into_the_sample_as_expected() {
    let report = sample();
    let names: Vec<_> = files(&report).into_iter().map(|(name, _)| name).collect();
    if std::env::var_os("VA_REPORT_WRITE_SAMPLE_DATA").is_some() {
        std::fs::create_dir_all(dir()).unwrap();
        for (name, bytes) in files(&report) {
            std::fs::write(dir().join(name), bytes).unwrap();
        }
    }
    let paths: Vec<_> = names.iter().map(|name| dir().join(name)).collect();
    let plan = import_paths(&report, &paths);
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    let changes: Vec<_> = plan
        .changes
        .iter()
        .map(|c| {
            format!(
                "{} | {} | {}: {} -> {} ({}, {}, {})",
                c.installation, c.metric, c.column, c.old, c.new, c.file, c.sheet, c.cell
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            "IFCA-CSIC Scientific Cloud - GPU | Number of users | M25-M36: 21 -> 24 (CSIC-IFCA.xlsx, GPU, F7)",
            "INCD - Storage | TB/month served over the period | M25-M36: 41 -> 43.5 (INCD.csv, INCD, B18)",
            "TR-FC1-ULAKBIM | GPU node/hours served over the period with 2 CPU, 40 core and 4 GPU (V100) | M25-M36: 52,560 -> 52,680 (TUBITAK-ULAKBIM.xlsx, GPU accounting, D2:D13)",
            "WaltonCloud - CPU | Number of users | M25-M36:  -> 61 (WaltonCloud.xlsx, WaltonCloud - CPU, B5)",
            "iMagine - AI Applications as a Service | Number of AI applications hosted via the iMagine platform | M25-M36: 111 -> 112 (iMagine-AI-platform.xlsx, iMagine platform, D13)",
        ]
    );
    assert!(plan.unmatched.is_empty(), "{:?}", plan.unmatched);
    assert_eq!(plan.unchanged, 108);
    assert_eq!(plan.skipped.len(), 1, "the hidden sheet");
}

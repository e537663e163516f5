//! The Word deliverable both ways: a report read back from its own export
//! and from a document another program made; the tables updated inside a
//! document, every other part left byte for byte; bad documents refused
//! with their name.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

mod docx_support;

use std::io::{Cursor, Read};
use std::process::Command;

use va_report::export::docx::docx_bytes;
use va_report::export::docx_read::{Block, read_body};
use va_report::export::docx_report::report_from_docx;
use va_report::export::docx_update::{report_tables, update_docx, update_docx_file};
use va_report::export::{ExportOptions, tables};
use va_report::model::{Cell, NumberStyle, Report, YearMonth};
use va_report::samples::Sample;

/// A Cancel never pressed.
static NEVER: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

const PYTHON_DOCX: &[u8] = include_bytes!("fixtures/docx/deliverable_python_docx.docx");
const TEMPLATE: &[u8] = include_bytes!("fixtures/docx/template_a5_georgia_header.docx");
/// The M36 export opened and saved by LibreOffice Writer, one number edited
/// there (see `fixtures/docx/make_libreoffice_fixture.sh`).
const LIBREOFFICE_DOCX: &[u8] = include_bytes!("fixtures/docx/deliverable_libreoffice.docx");

fn sample() -> Report {
    Sample::M36.report().unwrap()
}

fn texts(report: &Report) -> Vec<Vec<Vec<String>>> {
    report_tables(report, &ExportOptions::default())
        .iter()
        .map(tables::ExportTable::texts)
        .collect()
}

/// Every part of a package: name -> (raw compressed bytes, crc).
fn raw_parts(bytes: &[u8]) -> Vec<(String, Vec<u8>, u32)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index_raw(i).unwrap();
            let name = entry.name().unwrap().to_string();
            let crc = entry.crc32();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (name, data, crc)
        })
        .collect()
}

fn document_tables(bytes: &[u8]) -> Vec<Vec<Vec<String>>> {
    let (_, body) = read_body(bytes).unwrap();
    body.blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table.grid_texts()),
            Block::Paragraph(_) => None,
        })
        .collect()
}

#[test]
fn an_export_read_back_gives_the_same_report() {
    let report = sample();
    let bytes = docx_bytes(&report, &ExportOptions::default(), &[], &[]).unwrap();
    let read = report_from_docx(&bytes, None).unwrap();
    assert!(read.unread.is_empty(), "{:#?}", read.unread);
    let back = read.report;
    assert_eq!(back.project_start, report.project_start);
    assert_eq!(back.periods, report.periods);
    assert_eq!(texts(&back), texts(&report));
    assert_eq!(back.installations.len(), report.installations.len());
    for (a, b) in back.installations.iter().zip(&report.installations) {
        assert_eq!(a.name, b.name);
        let lines = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.trim().to_owned())
                .collect()
        };
        assert_eq!(lines(&a.assessment), lines(&b.assessment), "{}", a.name);
    }
    let titles = |r: &Report| -> Vec<(String, String)> {
        r.sections
            .iter()
            .map(|s| (s.kind.label().to_owned(), s.title.clone()))
            .collect()
    };
    assert_eq!(titles(&back), titles(&report));
    assert_eq!(back.title, report.title.trim());
    // Templates do not change what is read.
    let in_template = va_report::export::docx::docx_bytes_in(
        &report,
        &ExportOptions::default(),
        &[],
        &[],
        Some(TEMPLATE),
    )
    .unwrap();
    let read = report_from_docx(&in_template, None).unwrap();
    assert_eq!(texts(&read.report), texts(&report));
}

#[test]
fn a_deliverable_made_by_another_program_gives_its_tables() {
    let read = report_from_docx(PYTHON_DOCX, None).unwrap();
    let report = read.report;
    let expected = sample();
    assert_eq!(report.project_start, YearMonth::new(2022, 9).unwrap());
    assert_eq!(report.periods, expected.periods);
    assert_eq!(report.installations.len(), 3);
    assert_eq!(report.cumulative.rows.len(), 3);
    for (row, want) in report.cumulative.rows.iter().zip(&expected.cumulative.rows) {
        assert_eq!(row.name, want.name);
        assert_eq!(row.budget.text(), want.budget.text().trim());
        let used: Vec<&str> = row.used.iter().map(Cell::text).collect();
        let want_used: Vec<&str> = want.used.iter().map(|c| c.text().trim()).collect();
        assert_eq!(used, want_used);
    }
    for (installation, want) in report.installations.iter().zip(&expected.installations) {
        assert_eq!(installation.name, want.name);
        // Values split over two runs read as one text, as written.
        for (metric, want_metric) in installation.metrics.iter().zip(&want.metrics) {
            assert_eq!(metric.name, want_metric.name);
            assert_eq!(metric.baseline.text(), want_metric.baseline.text().trim());
            let values: Vec<&str> = metric.values.iter().map(Cell::text).collect();
            let want_values: Vec<&str> =
                want_metric.values.iter().map(|c| c.text().trim()).collect();
            assert_eq!(values, want_values, "{}", metric.name);
            assert_eq!(metric.total.text(), want_metric.total.text().trim());
        }
        // The merged title row is not a field; the three fields are read.
        assert_eq!(
            installation.description_text(1),
            want.description_text(1).trim()
        );
        assert_eq!(
            installation.description_text(0),
            want.description_text(0).trim()
        );
    }
    let titles: Vec<&str> = report.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Executive summary",
            "Analysis of compute services",
            "Conclusion"
        ]
    );
    assert_eq!(
        report.sections[1].kind,
        va_report::model::SectionKind::Analysis
    );
}

fn part_text(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn a_deliverable_saved_by_libreoffice_starts_a_report_with_its_values() {
    assert!(part_text(LIBREOFFICE_DOCX, "docProps/app.xml").contains("LibreOffice"));
    let read = report_from_docx(LIBREOFFICE_DOCX, None).unwrap();
    assert!(read.unread.is_empty(), "{:?}", read.unread);
    let expected = sample();
    assert_eq!(read.report.project_start, expected.project_start);
    assert_eq!(read.report.installations.len(), 11);
    // Every table as the sample's, but for the number edited in Writer.
    let mut want = texts(&expected);
    let mut edited = 0;
    for cell in want.iter_mut().flatten().flatten() {
        if cell == "2,270,601" {
            *cell = "2,000,000".to_owned();
            edited += 1;
        }
    }
    assert_eq!(edited, 1);
    assert_eq!(texts(&read.report), want);

    // The commands on it: a project file, and the updated document.
    let dir = tempfile::tempdir().unwrap();
    let document = dir.path().join("writer.docx");
    std::fs::write(&document, LIBREOFFICE_DOCX).unwrap();
    let project = dir.path().join("from-writer.json");
    let output = Command::new(env!("CARGO_BIN_EXE_va-report"))
        .arg("new-from-docx")
        .arg(&document)
        .arg("--out")
        .arg(&project)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("read 11 installations"));
    let saved = va_report::project_file::load(&project).unwrap();
    assert_eq!(texts(&saved), want);
    let out = dir.path().join("writer-updated.docx");
    let output = Command::new(env!("CARGO_BIN_EXE_va-report"))
        .arg("update-docx")
        .arg(&document)
        .args(["--sample", "m36", "--json", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["cells_changed"], 1, "{json:#}");
    assert_eq!(json["not_found"].as_array().unwrap().len(), 0);
    assert_eq!(
        docx_support::check_package(&std::fs::read(&out).unwrap()),
        Vec::<String>::new()
    );
}

#[test]
fn a_deliverable_saved_by_libreoffice_is_updated_in_its_own_package() {
    let (updated, summary) =
        update_docx(LIBREOFFICE_DOCX, &sample(), &ExportOptions::default()).unwrap();
    // Every table found; only the number edited by hand comes back.
    assert!(summary.not_found.is_empty(), "{:?}", summary.not_found);
    assert_eq!(summary.tables.len(), 23);
    assert_eq!(summary.cells_changed(), 1, "{}", summary.to_text());
    let changed = summary
        .tables
        .iter()
        .find(|table| !table.changes.is_empty())
        .unwrap();
    assert_eq!(changed.name, "INCD - CPU metrics");
    assert_eq!(
        (
            changed.changes[0].old.as_str(),
            changed.changes[0].new.as_str()
        ),
        ("2,000,000", "2,270,601")
    );
    // Still a valid package, every part but the body byte for byte.
    assert_eq!(docx_support::check_package(&updated), Vec::<String>::new());
    let before = raw_parts(LIBREOFFICE_DOCX);
    let after = raw_parts(&updated);
    assert_eq!(before.len(), after.len());
    for ((name, data, crc), (name_after, data_after, crc_after)) in before.iter().zip(&after) {
        assert_eq!(name, name_after);
        if name != "word/document.xml" {
            assert_eq!((data, crc), (data_after, crc_after), "{name}");
        }
    }
    // Read back, it is the report's.
    let read = report_from_docx(&updated, None).unwrap();
    assert_eq!(texts(&read.report), texts(&sample()));
}

#[test]
fn update_changes_only_the_cells_whose_numbers_changed() {
    // The python-docx deliverable as its author wrote it, the report with
    // one number corrected.
    let mut report = sample();
    let metric = report.installations[0]
        .metrics
        .iter()
        .position(|m| m.name.starts_with("ML training cycles"))
        .unwrap();
    report.installations[0].metrics[metric].values[2] = Cell::new("1,700,000");
    report.prepare().unwrap();
    // The baseline written "4.000.000" in the document is the report's
    // 4,000,000: it stays as the author wrote it.
    let options = ExportOptions::default();
    let (updated, summary) = update_docx(PYTHON_DOCX, &report, &options).unwrap();
    let changes: Vec<_> = summary.tables.iter().flat_map(|t| &t.changes).collect();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert!(
        changes
            .iter()
            .any(|c| c.new == "1,700,000" && c.old == "1,676,636" && c.column == "M25-M36"),
        "{changes:#?}"
    );
    let before = document_tables(PYTHON_DOCX);
    let after = document_tables(&updated);
    let mut differing = Vec::new();
    for (t, (a, b)) in before.iter().zip(&after).enumerate() {
        for (r, (row_a, row_b)) in a.iter().zip(b).enumerate() {
            for (c, (x, y)) in row_a.iter().zip(row_b).enumerate() {
                if x != y {
                    differing.push((t, r, c, x.clone(), y.clone()));
                }
            }
        }
    }
    assert_eq!(differing.len(), changes.len(), "{differing:#?}");
    assert!(differing.iter().any(|d| d.4 == "1,700,000"));
    // Every other part is the same bytes, compressed data included.
    let original = raw_parts(PYTHON_DOCX);
    let new = raw_parts(&updated);
    assert_eq!(original.len(), new.len());
    for ((name, data, crc), (new_name, new_data, new_crc)) in original.iter().zip(&new) {
        assert_eq!(name, new_name);
        if name != "word/document.xml" {
            assert_eq!(data, new_data, "{name}");
            assert_eq!(crc, new_crc, "{name}");
        }
    }
    // The run keeps its formatting (9 pt, as the author set it).
    let mut archive = zip::ZipArchive::new(Cursor::new(&updated)).unwrap();
    let mut document = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut document)
        .unwrap();
    let at = document.find("1,700,000").unwrap();
    let run_start = document[..at].rfind("<w:r>").unwrap();
    assert!(
        document[run_start..at].contains("<w:sz w:val=\"18\"/>"),
        "{}",
        &document[run_start..at]
    );
    // Tables of the report that the document does not have are named.
    assert!(
        summary
            .not_found
            .iter()
            .any(|missing| missing.name == "INCD - CPU metrics")
    );
}

#[test]
fn update_of_an_export_brings_it_to_the_report() {
    let old = sample();
    let bytes = docx_bytes(&old, &ExportOptions::default(), &[], &[]).unwrap();
    let mut new = old.clone();
    new.cumulative.rows[0].used[5] = Cell::new("900");
    new.installations[4].metrics[0].total = Cell::new("77");
    new.installations[2].description[1] = "T4.2".to_owned();
    new.prepare().unwrap();
    let (updated, summary) = update_docx(&bytes, &new, &ExportOptions::default()).unwrap();
    assert_eq!(summary.cells_changed(), 3, "{}", summary.to_text());
    assert!(summary.not_found.is_empty());
    let read = report_from_docx(&updated, None).unwrap();
    assert_eq!(texts(&read.report), texts(&new));
    assert_eq!(docx_support::check_package(&updated), Vec::<String>::new());
    // Updating again changes nothing.
    let (_, again) = update_docx(&updated, &new, &ExportOptions::default()).unwrap();
    assert_eq!(again.cells_changed(), 0);
}

#[test]
fn bad_documents_are_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample();
    let mut truncated = docx_bytes(&report, &ExportOptions::default(), &[], &[]).unwrap();
    truncated.truncate(truncated.len() / 2);
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "notes.docx",
            b"just some text".to_vec(),
            "not a Word document (not a zip package)",
        ),
        (
            "locked.docx",
            [
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
                &[0; 512],
            ]
            .concat(),
            "the document is encrypted (password-protected)",
        ),
        (
            "cut.docx",
            truncated,
            "the document is truncated or damaged",
        ),
        (
            "template.docx",
            TEMPLATE.to_vec(),
            "the document has none of the report's tables",
        ),
    ];
    for (name, bytes, reason) in cases {
        let input = dir.path().join(name);
        std::fs::write(&input, &bytes).unwrap();
        let out = dir.path().join(format!("out-{name}"));
        let error = update_docx_file(&input, &out, &report, &ExportOptions::default(), &NEVER)
            .unwrap_err()
            .to_string();
        assert!(error.contains(reason), "{name}: {error}");
        assert!(error.ends_with(&input.display().to_string()), "{error}");
        assert!(!out.exists(), "{name}: something was written");
        assert_eq!(std::fs::read(&input).unwrap(), bytes);
    }
    // Never over its input.
    let input = dir.path().join("deliverable.docx");
    std::fs::write(&input, PYTHON_DOCX).unwrap();
    let error =
        update_docx_file(&input, &input, &report, &ExportOptions::default(), &NEVER).unwrap_err();
    assert!(
        error.to_string().contains("would replace its input"),
        "{error}"
    );
    assert_eq!(std::fs::read(&input).unwrap(), PYTHON_DOCX);
    // Cancelled: nothing written, to a new file or in place.
    let cancelled = std::sync::atomic::AtomicBool::new(true);
    let out = dir.path().join("cancelled.docx");
    let error =
        update_docx_file(&input, &out, &report, &ExportOptions::default(), &cancelled).unwrap_err();
    assert!(error.to_string().contains("cancelled"), "{error}");
    assert!(!out.exists());
    let error = va_report::export::docx_update::update_docx_file_in_place(
        &input,
        &report,
        &ExportOptions::default(),
        &cancelled,
    )
    .unwrap_err();
    assert!(error.to_string().contains("cancelled"), "{error}");
    assert_eq!(std::fs::read(&input).unwrap(), PYTHON_DOCX);
}

#[test]
fn the_commands_update_a_document_and_start_a_report_from_one() {
    let dir = tempfile::tempdir().unwrap();
    let document = dir.path().join("deliverable.docx");
    std::fs::write(&document, PYTHON_DOCX).unwrap();
    let out = dir.path().join("updated.docx");
    let output = Command::new(env!("CARGO_BIN_EXE_va-report"))
        .args(["update-docx"])
        .arg(&document)
        .args(["--sample", "m36", "--json", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["tables"].as_array().unwrap().len(), 7, "{json:#}");
    assert!(json["not_found"].as_array().unwrap().len() >= 16);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("open error"), "{stderr}");
    assert!(out.is_file());

    let project = dir.path().join("started.json");
    let output = Command::new(env!("CARGO_BIN_EXE_va-report"))
        .arg("new-from-docx")
        .arg(&document)
        .arg("--out")
        .arg(&project)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("read 3 installations"), "{stdout}");
    let report = va_report::project_file::load(&project).unwrap();
    assert_eq!(report.installations.len(), 3);

    let output = Command::new(env!("CARGO_BIN_EXE_va-report"))
        .arg("new-from-docx")
        .arg(dir.path().join("missing.docx"))
        .arg("--out")
        .arg(dir.path().join("x.json"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.docx"));
}

#[test]
fn numbers_in_european_style_round_trip() {
    let report = sample();
    let options = ExportOptions {
        number_style: NumberStyle::Eu,
        ..ExportOptions::default()
    };
    let bytes = docx_bytes(&report, &options, &[], &[]).unwrap();
    let read = report_from_docx(&bytes, None).unwrap();
    let eu = |r: &Report| -> Vec<Vec<Vec<String>>> {
        report_tables(r, &options)
            .iter()
            .map(tables::ExportTable::texts)
            .collect()
    };
    assert_eq!(eu(&read.report), eu(&report));
}

#[test]
fn damaged_deliverables_are_errors_or_reports_never_panics() {
    // Truncated at 60 points and with bytes overwritten at 60 others, the
    // documents of two other programs are read and updated without a panic.
    let report = sample();
    for original in [LIBREOFFICE_DOCX, PYTHON_DOCX] {
        for step in 1..60 {
            let cut = original.len() * step / 60;
            let truncated = &original[..cut];
            assert!(report_from_docx(truncated, None).is_err(), "cut at {cut}");
            assert!(update_docx(truncated, &report, &ExportOptions::default()).is_err());
            let mut scribbled = original.to_vec();
            for byte in scribbled.iter_mut().skip(cut).take(64) {
                *byte ^= 0x5a;
            }
            // Either read (a damaged part may be one that is not needed) or
            // refused; both are fine, a panic is not.
            let _ = report_from_docx(&scribbled, None);
            let _ = update_docx(&scribbled, &report, &ExportOptions::default());
        }
    }
}

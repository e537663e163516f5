//! Exports read back as their readers read them: the DOCX's document part
//! parsed as XML, the XLSX through calamine, and both converted to PDF by
//! LibreOffice when it is installed.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use va_report::export::docx::{Figure, docx_bytes};
use va_report::export::tables::FindingRow;
use va_report::export::xlsx::xlsx_bytes;
use va_report::export::{ExportOptions, csv, table_text, tables};
use va_report::model::{CellAddress, MetricColumn, MetricKind, NumberStyle, Report};
use va_report::samples::Sample;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn sample() -> Report {
    Sample::M36.report().unwrap()
}

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut part = archive.by_name(name).unwrap();
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

/// Every top-level table of a document part: rows of (cell texts, header flag).
fn docx_tables(document: &str) -> Vec<Vec<(Vec<String>, bool)>> {
    let xml = roxmltree::Document::parse(document).unwrap();
    let is = |node: &roxmltree::Node, name: &str| {
        node.is_element()
            && node.tag_name().name() == name
            && node.tag_name().namespace() == Some(W)
    };
    xml.descendants()
        .filter(|node| is(node, "tbl"))
        .map(|table| {
            table
                .children()
                .filter(|row| is(row, "tr"))
                .map(|row| {
                    let header = row
                        .children()
                        .filter(|p| is(p, "trPr"))
                        .flat_map(|p| p.children())
                        .any(|flag| is(&flag, "tblHeader"));
                    let cells = row
                        .children()
                        .filter(|cell| is(cell, "tc"))
                        .map(|cell| {
                            let paragraphs: Vec<String> = cell
                                .descendants()
                                .filter(|p| is(p, "p"))
                                .map(|p| {
                                    p.descendants()
                                        .filter(|node| is(node, "t") || is(node, "br"))
                                        .map(|node| {
                                            if is(&node, "br") {
                                                "\n".to_owned()
                                            } else {
                                                node.text().unwrap_or("").to_owned()
                                            }
                                        })
                                        .collect::<String>()
                                })
                                .collect();
                            paragraphs.join("\n")
                        })
                        .collect();
                    (cells, header)
                })
                .collect()
        })
        .collect()
}

fn finding(reason: Option<&str>, column: MetricColumn) -> FindingRow {
    FindingRow {
        installation: "INCD - CPU".to_owned(),
        location: "CPU/hours served over the period, TOT".to_owned(),
        severity: "error".to_owned(),
        message: "TOT is not the sum of the periods".to_owned(),
        reason: reason.map(str::to_owned),
        cell: Some(CellAddress::Metric {
            installation: 5,
            metric: 1,
            column,
        }),
    }
}

#[test]
fn the_docx_holds_the_deliverables_tables_with_header_flags() {
    let report = sample();
    let options = ExportOptions {
        number_style: NumberStyle::Eu,
        ..ExportOptions::default()
    };
    let bytes = docx_bytes(&report, &options, &[], &[]).unwrap();
    let document = zip_part(&bytes, "word/document.xml");
    let tables = docx_tables(&document);
    // Table 1, then description and metrics per installation.
    assert_eq!(tables.len(), 1 + 2 * report.installations.len());

    let cumulative = &tables[0];
    assert!(cumulative[0].1, "Table 1's header row is marked");
    assert!(cumulative.iter().skip(1).all(|(_, header)| !header));
    assert_eq!(cumulative[0].0[0], "UNIT");
    assert_eq!(cumulative[3].0[0], "CPU-compute (CPU-h) - Accumulative");
    assert_eq!(cumulative[3].0[7], "11.113.730");

    let description = &tables[1];
    assert!(description.iter().all(|(_, header)| !header));
    assert_eq!(description[1].0, ["Task", "T4.1"]);
    assert!(description[9].0[1].contains("EGI Helpdesk"));

    let metrics = &tables[2];
    assert!(metrics[0].1);
    assert_eq!(
        metrics[0].0,
        [
            "Metric name",
            "Baseline",
            "Define how measurement is done",
            "M1-M12",
            "M13-M24",
            "M25-M36",
            "TOT"
        ]
    );
    assert_eq!(
        metrics[3].0,
        [
            "ML training cycles (CPU+GPU-hours)",
            "4.000.000",
            "logs",
            "554.136",
            "675.731",
            "1.676.636",
            "2.801.047"
        ]
    );
    // Every table cell of every metric table matches the table model.
    for (n, index) in (0..report.installations.len()).enumerate() {
        let model = tables::metric_table(&report, index, NumberStyle::Eu).unwrap();
        let got: Vec<Vec<String>> = tables[2 + 2 * n].iter().map(|(c, _)| c.clone()).collect();
        assert_eq!(got, model.texts(), "{}", model.name);
    }

    // The caption is a SEQ field, as Word's list of tables expects.
    assert!(document.contains("SEQ Table \\* ARABIC"), "no SEQ field");
    assert!(
        document.contains("w:pStyle w:val=\"Caption\""),
        "no caption style"
    );
    assert!(document.contains("Cumulative resource consumption during project lifetime"));
    // A4 portrait.
    assert!(document.contains("w:w=\"11906\""), "page width");
    // Right-aligned numbers.
    assert!(document.contains("w:jc w:val=\"right\""));
    let styles = zip_part(&bytes, "word/styles.xml");
    assert!(styles.contains("VA report table"), "table style");
}

#[test]
fn the_docx_annex_lists_acknowledged_findings_and_figures_get_captions() {
    let report = sample();
    let options = ExportOptions {
        installations: Some(vec!["INCD - CPU".to_owned()]),
        embed_figures: true,
        findings_annex: true,
        ..ExportOptions::default()
    };
    let findings = [
        finding(Some("as printed in the deliverable"), MetricColumn::Total),
        finding(None, MetricColumn::Period(0)),
    ];
    let png = tiny_png();
    let figures = [Figure {
        caption: "CPU usage status and trend".to_owned(),
        png,
    }];
    let bytes = docx_bytes(&report, &options, &findings, &figures).unwrap();
    let document = zip_part(&bytes, "word/document.xml");
    let tables = docx_tables(&document);
    // Table 1, INCD - CPU's two tables, the annex.
    assert_eq!(tables.len(), 4);
    let annex = &tables[3];
    assert!(annex[0].1);
    assert_eq!(annex.len(), 2, "only the acknowledged finding");
    assert_eq!(annex[1].0[3], "as printed in the deliverable");
    assert_eq!(document.matches("SEQ Table \\* ARABIC").count(), 2);
    assert_eq!(document.matches("SEQ Figure \\* ARABIC").count(), 1);
    assert!(document.contains("CPU usage status and trend"));
    assert!(document.contains("<pic:pic"), "the figure is embedded");
}

/// A 1 x 1 PNG.
fn tiny_png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8,
        0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x56, 0xC7, 0x2F, 0x0D, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}

fn workbook(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

#[test]
fn the_xlsx_has_a_sheet_per_installation_formulas_with_results_and_findings() {
    let report = sample();
    let findings = [finding(Some("as printed"), MetricColumn::Total)];
    let bytes = xlsx_bytes(&report, &ExportOptions::default(), &findings).unwrap();
    let comments = zip_part(&bytes, "xl/comments1.xml");
    assert!(
        comments.contains("TOT as written; the periods add up to 2,906,503"),
        "{comments}"
    );
    let notes: String = (1..=12)
        .filter_map(|n| {
            let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).ok()?;
            let mut part = archive.by_name(&format!("xl/comments{n}.xml")).ok()?;
            let mut text = String::new();
            part.read_to_string(&mut text).ok()?;
            Some(text)
        })
        .collect();
    assert!(
        notes.contains("TOT is not the sum of the periods (acknowledged: as printed)"),
        "the finding is a note on INCD - CPU's TOT"
    );
    let mut book = workbook(bytes);
    let names = book.sheet_names();
    assert_eq!(names.len(), report.installations.len() + 2);
    assert_eq!(names[0], "iMagine - AI Application Develo");
    assert_eq!(names[names.len() - 2], "Cumulative");
    assert_eq!(names[names.len() - 1], "Findings");

    let sheet = book.worksheet_range(&names[0]).unwrap();
    assert_eq!(
        sheet.get_value((0, 0)),
        Some(&Data::String(
            "iMagine - AI Application Development Service".to_owned()
        ))
    );
    assert_eq!(
        sheet.get_value((1, 6)),
        Some(&Data::String("TOT".to_owned()))
    );
    // ML training cycles: periods as numbers, the baseline "4.000.000" as a number.
    assert_eq!(sheet.get_value((4, 1)), Some(&Data::Float(4_000_000.0)));
    assert_eq!(sheet.get_value((4, 3)), Some(&Data::Float(554_136.0)));
    // TOT of "Number of AI models developed" (10 + 16 + 14 = 40): a live
    // formula with its result stored.
    let formulas = book.worksheet_formula(&names[0]).unwrap();
    assert_eq!(formulas.get_value((2, 6)), Some(&"SUM(D3:F3)".to_owned()));
    assert_eq!(sheet.get_value((2, 6)), Some(&Data::Float(40.0)));
    // ML training cycles: the report's TOT (2,801,047) is not the sum of its
    // periods (2,906,503); it stays as written, with a note giving the sum.
    assert_eq!(sheet.get_value((4, 6)), Some(&Data::Float(2_801_047.0)));
    assert!(formulas.get_value((4, 6)).is_none_or(String::is_empty));
    // A country list stays text as written.
    assert_eq!(
        sheet.get_value((6, 3)),
        Some(&Data::String(
            "FR, BE, ES, IE, DE, SK, NL, USA, UK, DK, TR, PT".to_owned()
        ))
    );

    let cumulative = book.worksheet_range("Cumulative").unwrap();
    assert_eq!(
        cumulative.get_value((4, 7)),
        Some(&Data::Float(11_113_730.0))
    );
    let findings_sheet = book.worksheet_range("Findings").unwrap();
    assert_eq!(
        findings_sheet.get_value((1, 5)),
        Some(&Data::String("as printed".to_owned()))
    );
}

#[test]
fn xlsx_numbers_agree_with_the_report_cell_for_cell() {
    let report = sample();
    let bytes = xlsx_bytes(&report, &ExportOptions::default(), &[]).unwrap();
    let mut book = workbook(bytes);
    let names = book.sheet_names();
    let mut formulas_seen = 0;
    for (index, installation) in report.installations.iter().enumerate() {
        let sheet = book.worksheet_range(&names[index]).unwrap();
        let formulas = book.worksheet_formula(&names[index]).unwrap();
        for (m, metric) in installation.metrics.iter().enumerate() {
            let row = 2 + m as u32;
            let mut cells = vec![(1u32, &metric.baseline)];
            cells.extend(
                metric
                    .values
                    .iter()
                    .enumerate()
                    .map(|(p, c)| (3 + p as u32, c)),
            );
            cells.push((3 + report.periods.len() as u32, &metric.total));
            for (column, cell) in cells {
                let got = sheet.get_value((row, column));
                let text = cell.text().trim();
                match cell.value().quantity().filter(|q| q.plain) {
                    Some(q) => assert_eq!(
                        got,
                        Some(&Data::Float(q.value)),
                        "{} / {} column {column}",
                        installation.name,
                        metric.name
                    ),
                    None if text.is_empty() => {
                        assert!(matches!(got, None | Some(Data::Empty)), "{got:?}");
                    }
                    None => assert_eq!(got, Some(&Data::String(text.to_owned()))),
                }
            }
            let total_column = 3 + report.periods.len() as u32;
            if formulas
                .get_value((row, total_column))
                .is_some_and(|f| !f.is_empty())
            {
                formulas_seen += 1;
                assert_eq!(metric.kind(), MetricKind::Quantity, "{}", metric.name);
            }
        }
    }
    assert!(formulas_seen >= 10, "{formulas_seen} TOT formulas");
}

#[test]
fn every_format_shows_the_same_cells() {
    let report = sample();
    let table = tables::metric_table(&report, 3, NumberStyle::Si).unwrap();
    let tsv = table_text::table_tsv(&table);
    let from_tsv: Vec<Vec<String>> = tsv
        .lines()
        .map(|line| line.split('\t').map(str::to_owned).collect())
        .collect();
    assert_eq!(from_tsv, table.texts());
    // CSV: the same cells, numbers as plain numbers for other programs.
    let csv_text = csv::table_csv(&table, NumberStyle::Si).unwrap();
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    let from_csv: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    for (csv_row, row) in from_csv.iter().zip(&table.rows) {
        for (csv_cell, cell) in csv_row.iter().zip(row) {
            match cell.number {
                Some(value) => assert_eq!(csv_cell.parse::<f64>().unwrap(), value),
                None => assert_eq!(csv_cell, &cell.text),
            }
        }
    }
    assert_eq!(from_csv.len(), table.rows.len());
    let html = table_text::table_html(&table);
    for row in table.texts() {
        for cell in row {
            assert!(html.contains(&format!(">{cell}</t")), "{cell:?} in html");
        }
    }
}

#[test]
fn the_checks_findings_reach_the_workbook_and_the_annex() {
    let mut report = sample();
    let findings = va_report::check::check_report(&report);
    assert!(!findings.is_empty(), "the M36 sample has known mistakes");
    let acknowledged = findings
        .iter()
        .find(|f| f.location.cell_address().is_some())
        .unwrap();
    report
        .acknowledgements
        .push(acknowledged.acknowledge(&report, "kept as printed in the deliverable"));
    let rows = va_report::export::finding_rows(&report);

    let xlsx = xlsx_bytes(&report, &ExportOptions::default(), &rows).unwrap();
    let mut book = workbook(xlsx);
    let sheet = book.worksheet_range("Findings").unwrap();
    assert_eq!(sheet.height(), findings.len() + 1);
    let reasons: Vec<_> = sheet
        .rows()
        .filter_map(|row| row.get(5).map(|cell| cell.to_string()))
        .filter(|reason| !reason.is_empty())
        .collect();
    assert_eq!(reasons, ["Reason", "kept as printed in the deliverable"]);

    let options = ExportOptions {
        findings_annex: true,
        ..ExportOptions::default()
    };
    let docx = docx_bytes(&report, &options, &rows, &[]).unwrap();
    let tables = docx_tables(&zip_part(&docx, "word/document.xml"));
    let annex = tables.last().unwrap();
    assert_eq!(annex.len(), 2);
    assert_eq!(annex[1].0[2], acknowledged.message);
    assert_eq!(annex[1].0[3], "kept as printed in the deliverable");
}

#[test]
fn the_usage_figures_are_embedded_with_numbered_captions() {
    let report = sample();
    let options = ExportOptions {
        embed_figures: true,
        ..ExportOptions::default()
    };
    let figures = va_report::export::figures_for_docx(&report, NumberStyle::Us).unwrap();
    let bytes = docx_bytes(&report, &options, &[], &figures).unwrap();
    let document = zip_part(&bytes, "word/document.xml");
    assert_eq!(document.matches("SEQ Figure \\* ARABIC").count(), 3);
    assert!(
        document.contains(" CPU usage status and trend"),
        "caption text"
    );
    assert!(
        !document.contains("Figure 3 CPU"),
        "the number is the field's"
    );
    let archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let media = archive
        .file_names()
        .filter(|name| {
            name.as_ref()
                .is_ok_and(|name| name.starts_with("word/media/"))
        })
        .count();
    assert_eq!(media, 3);
}

#[test]
fn the_exported_workbook_imports_back_without_changes() {
    use va_report::import::{ImportInput, Progress, import};
    let report = sample();
    let bytes = xlsx_bytes(&report, &ExportOptions::default(), &[]).unwrap();
    let plan = import(
        &report,
        &[ImportInput::bytes("m36.xlsx", bytes)],
        &Progress::default(),
    );
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    let changes: Vec<String> = plan
        .changes
        .iter()
        .map(|c| {
            format!(
                "{} / {} / {}: {:?} -> {:?}",
                c.installation, c.metric, c.column, c.old, c.new
            )
        })
        .collect();
    assert!(changes.is_empty(), "{changes:#?}");
    assert!(
        plan.unchanged > 100,
        "{} cells read back unchanged",
        plan.unchanged
    );
}

#[test]
fn odd_reports_export_without_failing() {
    let mut empty = Report::empty(
        "",
        va_report::model::YearMonth {
            year: 2024,
            month: 1,
        },
        0,
    );
    empty.cumulative = Default::default();
    let m24 = Sample::M24.report().unwrap();
    let big = va_report::samples::generated(60, 12);
    for (name, report) in [("empty", empty), ("m24", m24), ("generated", big)] {
        for style in [NumberStyle::Us, NumberStyle::Eu, NumberStyle::Si] {
            let options = ExportOptions {
                number_style: style,
                ..ExportOptions::default()
            };
            let docx = docx_bytes(&report, &options, &[], &[]).unwrap();
            let tables = docx_tables(&zip_part(&docx, "word/document.xml"));
            // A table without rows is left out (Word refuses a w:tbl
            // without w:tr).
            let with_rows = csv::export_tables(&report, &options)
                .iter()
                .filter(|table| !table.rows.is_empty())
                .count();
            assert_eq!(tables.len(), with_rows, "{name}");
            let xlsx = xlsx_bytes(&report, &options, &[]).unwrap();
            let book = workbook(xlsx);
            assert_eq!(
                book.sheet_names().len(),
                report.installations.len() + 2,
                "{name}"
            );
            for table in csv::export_tables(&report, &options) {
                csv::table_csv(&table, style).unwrap();
                assert!(
                    table
                        .rows
                        .iter()
                        .all(|row| row.len() == table.column_count())
                );
            }
        }
    }
}

#[test]
fn libreoffice_converts_both_files_to_pdf_when_installed() {
    let soffice = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join("soffice"))
        .find(|path| path.is_file());
    let Some(soffice) = soffice else {
        println!("soffice is not installed: the PDF conversion is not tried");
        return;
    };
    let report = sample();
    let dir = tempfile::tempdir().unwrap();
    let options = ExportOptions::default();
    let docx = dir.path().join("report.docx");
    let xlsx = dir.path().join("workbook.xlsx");
    va_report::export::docx::write_docx(&docx, &report, &options, &[], &[]).unwrap();
    va_report::export::xlsx::write_xlsx(&xlsx, &report, &options, &[]).unwrap();
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .arg(&xlsx)
        .status()
        .unwrap();
    assert!(status.success());
    for name in ["report.pdf", "workbook.pdf"] {
        let pdf = std::fs::read(dir.path().join(name)).unwrap();
        assert!(pdf.starts_with(b"%PDF"), "{name}");
        assert!(pdf.len() > 10_000, "{name} has {} bytes", pdf.len());
    }
}

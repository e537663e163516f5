//! Every DOCX va-report writes is a valid package: element order as the
//! schema requires, relationships and content types complete; the user's
//! template shapes the document.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

mod docx_support;

use std::collections::BTreeSet;
use std::io::{Cursor, Read};

use docx_support::{check_package, check_part};
use va_report::export::docx::{Figure, docx_bytes, docx_bytes_in};
use va_report::export::{ExportOptions, figures_for_docx, finding_rows, xlsx};
use va_report::model::{NumberStyle, Report, YearMonth};
use va_report::samples::{Sample, generated};

const TEMPLATE: &[u8] = include_bytes!("fixtures/docx/template_a5_georgia_header.docx");

fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn raw_part(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut data = Vec::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_end(&mut data)
        .unwrap();
    data
}

#[test]
fn the_check_finds_what_the_old_writer_got_wrong() {
    let bad = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
        <w:p><w:pPr><w:jc w:val="right"/><w:pStyle w:val="Caption"/></w:pPr></w:p>
        <w:p><w:r><w:t>x</w:t><w:rPr><w:b/></w:rPr></w:r></w:p>
        <w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblStyle w:val="T"/></w:tblPr><w:tblGrid/>
        <w:tr><w:tc><w:tcPr><w:shd w:fill="D9E2F3"/><w:tcW w:w="5" w:type="dxa"/></w:tcPr></w:tc></w:tr></w:tbl>
        </w:body></w:document>"#;
    let xml = roxmltree::Document::parse(bad).unwrap();
    let problems = check_part("word/document.xml", &xml, &BTreeSet::new());
    let text = problems.join("\n");
    assert!(text.contains("w:pStyle comes after jc in w:pPr"), "{text}");
    assert!(
        text.contains("w:rPr is not the first child of w:r"),
        "{text}"
    );
    assert!(
        text.contains("w:tblStyle comes after tblW in w:tblPr"),
        "{text}"
    );
    assert!(text.contains("w:tcW comes after shd in w:tcPr"), "{text}");
    assert!(
        text.contains("a cell does not end in a paragraph"),
        "{text}"
    );
}

fn reports() -> Vec<(&'static str, Report)> {
    let mut empty = Report::empty(
        "",
        YearMonth {
            year: 2024,
            month: 1,
        },
        0,
    );
    empty.cumulative = Default::default();
    vec![
        ("m36", Sample::M36.report().unwrap()),
        ("m24", Sample::M24.report().unwrap()),
        ("generated", generated(30, 6)),
        ("empty", empty),
    ]
}

#[test]
fn every_export_is_a_valid_package() {
    for (name, report) in reports() {
        for style in [NumberStyle::Us, NumberStyle::Eu] {
            for template in [None, Some(TEMPLATE)] {
                let options = ExportOptions {
                    number_style: style,
                    embed_figures: name == "m36",
                    findings_annex: true,
                    author: "WP4 lead".to_owned(),
                    ..ExportOptions::default()
                };
                let figures = if options.embed_figures {
                    figures_for_docx(&report, style).unwrap()
                } else {
                    Vec::new()
                };
                let mut findings = finding_rows(&report);
                if let Some(first) = findings.first_mut() {
                    first.reason = Some("as printed".to_owned());
                }
                let bytes =
                    docx_bytes_in(&report, &options, &findings, &figures, template).unwrap();
                let problems = check_package(&bytes);
                assert!(
                    problems.is_empty(),
                    "{name} {style:?} template {}: {problems:#?}",
                    template.is_some()
                );
            }
        }
        let workbook = xlsx::xlsx_bytes(&report, &ExportOptions::default(), &[]).unwrap();
        assert_eq!(
            check_package(&workbook),
            Vec::<String>::new(),
            "{name} xlsx"
        );
    }
}

#[test]
fn tables_take_one_style_on_table_grid_and_lists_are_list_paragraphs() {
    let report = Sample::M36.report().unwrap();
    let bytes = docx_bytes(&report, &ExportOptions::default(), &[], &[]).unwrap();
    let document = part(&bytes, "word/document.xml");
    let tables = document.matches("<w:tbl>").count();
    assert_eq!(
        document
            .matches("<w:tblStyle w:val=\"VaReportTable\"/>")
            .count(),
        tables
    );
    // No direct borders, shading or bold in the tables: the style has them.
    for direct in ["<w:tcBorders", "<w:shd", "<w:b/>", "<w:tblBorders"] {
        assert!(!document.contains(direct), "{direct}");
    }
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("<w:name w:val=\"VA report table\"/><w:basedOn w:val=\"TableGrid\"/>"));
    // "· " lines of the assessments became List Bullet paragraphs.
    assert!(!document.contains(">· "), "a typed bullet is left");
    let bullets = document.matches("<w:pStyle w:val=\"ListBullet\"/>").count();
    let typed = report
        .installations
        .iter()
        .map(|i| i.assessment.as_str())
        .chain(report.sections.iter().map(|s| s.text.as_str()))
        .flat_map(str::lines)
        .filter(|line| va_report::export::docx::bullet_text(line).is_some())
        .count();
    assert!(typed >= 8);
    assert_eq!(bullets, typed);
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains(&format!("<dc:title>{}</dc:title>", report.title.trim())),
        "{core}"
    );
    assert!(!core.contains("1970"), "{core}");
}

#[test]
fn a_template_gives_its_page_styles_and_header() {
    let report = Sample::M36.report().unwrap();
    let options = ExportOptions {
        author: "Ana Lead".to_owned(),
        ..ExportOptions::default()
    };
    let bytes = docx_bytes_in(&report, &options, &[], &[], Some(TEMPLATE)).unwrap();
    let document = part(&bytes, "word/document.xml");
    // A5 with 1.5 cm margins: the page of the template, not A4.
    assert!(document.contains("w:w=\"8391\""), "A5 width");
    assert!(!document.contains("w:w=\"11906\""));
    assert!(!document.contains("This body text is replaced"));
    assert!(document.contains("<w:headerReference"));
    // The tables fit the template's 11.8 cm text width.
    let xml = roxmltree::Document::parse(&document).unwrap();
    let text_width = 8391 - 2 * 850;
    for width in xml
        .descendants()
        .filter(|n| n.tag_name().name() == "tblW")
        .map(|n| {
            n.attributes()
                .find(|a| a.name() == "w")
                .unwrap()
                .value()
                .parse::<i32>()
                .unwrap()
        })
    {
        assert!((width - text_width).abs() < 10, "{width} vs {text_width}");
    }
    // The header part and its text come through byte for byte.
    let header_name = {
        let mut archive = zip::ZipArchive::new(Cursor::new(TEMPLATE)).unwrap();
        (0..archive.len())
            .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
            .find(|name| name.starts_with("word/header"))
            .unwrap()
    };
    assert_eq!(
        raw_part(&bytes, &header_name),
        raw_part(TEMPLATE, &header_name)
    );
    assert!(part(&bytes, &header_name).contains("Project Template Header"));
    // The template's Normal font stays, and the table style is based on
    // its Table Grid.
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("Georgia"));
    assert!(styles.contains("<w:name w:val=\"VA report table\"/><w:basedOn w:val=\"TableGrid\"/>"));
    assert_eq!(styles.matches("w:styleId=\"TableGrid\"").count(), 1);
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:creator>Ana Lead</dc:creator>"), "{core}");
}

#[test]
fn a_template_that_is_not_a_word_document_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ref.docx");
    std::fs::write(&path, b"not a zip").unwrap();
    let options = ExportOptions {
        template: Some(path.clone()),
        ..ExportOptions::default()
    };
    let report = Sample::M36.report().unwrap();
    let error = docx_bytes(&report, &options, &[], &[] as &[Figure]).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "cannot use the template: not a Word document (not a zip package): {}",
            path.display()
        )
    );
}

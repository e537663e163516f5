//! The main part of a Word document (`word/document.xml`) put into a valid
//! package, so that the fuzzer mutates the XML rather than the zip around
//! it: the body reader, the report built from its tables (`new-from-docx`)
//! and the table finder of `update-docx`.
#![no_main]

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use va_report_fuzz::export::{ExportOptions, docx_report, docx_update};
use va_report_fuzz::model::Report;
use va_report_fuzz::samples::Sample;

const TEMPLATE: &[u8] = include_bytes!("../../tests/fixtures/docx/deliverable_python_docx.docx");

fn sample() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| Sample::M36.report().expect("the built-in sample loads"))
}

/// The template's parts other than the main document, stored.
fn other_parts() -> &'static [(String, Vec<u8>)] {
    static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let mut archive = zip::ZipArchive::new(Cursor::new(TEMPLATE)).expect("the template");
        let mut parts = Vec::new();
        for index in 0..archive.len() {
            let mut file = archive.by_index(index).expect("a part");
            let name = file.name().expect("a part's name").into_owned();
            if name != "word/document.xml" {
                let mut bytes = Vec::new();
                file.read_to_end(&mut bytes).expect("a part's bytes");
                parts.push((name, bytes));
            }
        }
        parts
    })
}

fn package(document: &[u8]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in other_parts() {
        writer.start_file(name.as_str(), options).expect("a part");
        writer.write_all(bytes).expect("a part's bytes");
    }
    writer.start_file("word/document.xml", options).expect("the document");
    writer.write_all(document).expect("the document's bytes");
    writer.finish().expect("the package").into_inner()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let docx = package(data);
    let _ = docx_report::report_from_docx(&docx, None);
    let _ = docx_update::update_docx(&docx, sample(), &ExportOptions::default());
});

//! A Word document as `new-from-docx` and `update-docx` read it: the
//! package (zip, relationships, parts), the body, the report built from its
//! tables, and the table finder that matches the report's tables to the
//! document's.
#![no_main]

use std::sync::OnceLock;

use va_report_fuzz::export::{ExportOptions, docx_report, docx_update};
use va_report_fuzz::model::Report;
use va_report_fuzz::samples::Sample;

fn sample() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| Sample::M36.report().expect("the built-in sample loads"))
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = docx_report::report_from_docx(data, None);
    let _ = docx_update::update_docx(data, sample(), &ExportOptions::default());
});

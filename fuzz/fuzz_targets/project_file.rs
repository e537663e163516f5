//! A project file (JSON) as the program opens it: read, migrated from an
//! earlier format, prepared; a report that loads is then checked and saved
//! again, as the window does at once. Any panic, hang or allocation storm
//! here is one a downloaded or damaged project file would cause.
#![no_main]

use va_report_fuzz::{check, project_file};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((report, _)) = project_file::read_json(text) {
        let _ = check::check_report(&report);
        let _ = project_file::to_json(&report);
    }
});

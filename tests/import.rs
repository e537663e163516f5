//! Importing provider files: every layout and every bad-file kind, each a
//! fixture in tests/fixtures/ with the exact plan it must give. The fixtures
//! are written by `fixture_files()` below; rewrite them with
//! `VA_REPORT_WRITE_FIXTURES=1 cargo test --test import`.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use rust_xlsxwriter::{Format, Formula, Workbook};
use va_report::edit::apply;
use va_report::import::{ImportInput, ImportPlan, Progress, import, import_paths};
use va_report::model::Report;
use va_report::samples::Sample;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn sample() -> Report {
    Sample::M36.report().unwrap()
}

fn xlsx(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut workbook = Workbook::new();
    build(&mut workbook);
    workbook.save_to_buffer().unwrap()
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap();
    }
    buffer.into_inner()
}

/// A workbook whose one sheet inflates to 300 MB of blanks.
fn zip_bomb() -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9))
            .large_file(true);
        writer.start_file("xl/workbook.xml", options).unwrap();
        writer.write_all(b"<workbook/>").unwrap();
        writer
            .start_file("xl/worksheets/sheet1.xml", options)
            .unwrap();
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..300 {
            writer.write_all(&chunk).unwrap();
        }
        writer.finish().unwrap();
    }
    buffer.into_inner()
}

/// The M36 table of INCD - CPU as a provider sends it: merged title with
/// the country, a blank row, the report's header, a notes row, an extra
/// column, numbers as numbers.
fn report_layout() -> Vec<u8> {
    xlsx(|book| {
        let sheet = book.add_worksheet().set_name("Usage").unwrap();
        let bold = Format::new().set_bold();
        sheet
            .merge_range(0, 0, 0, 7, "INCD - CPU (Portugal)", &bold)
            .unwrap();
        let header = [
            "Metric name",
            "Baseline",
            "Define how measurement is done",
            "M1-M12",
            "M13-M24",
            "M25-M36",
            "TOT",
            "Comments",
        ];
        for (c, h) in (0u16..).zip(header) {
            sheet.write_string(2, c, h).unwrap();
        }
        sheet
            .write_string(3, 0, "CPU/hours served over the period")
            .unwrap();
        sheet.write_string(3, 1, "3,900,000").unwrap();
        sheet.write_string(3, 2, "accounting").unwrap();
        sheet.write_number(3, 3, 174_003).unwrap();
        sheet.write_number(3, 4, 1_552_267).unwrap();
        sheet.write_number(3, 5, 2_300_000).unwrap();
        sheet.write_number(3, 6, 4_026_270).unwrap();
        sheet.write_string(3, 7, "from SLURM").unwrap();
        sheet.write_string(4, 0, "Number of users").unwrap();
        sheet.write_number(4, 5, 12).unwrap();
        sheet
            .write_string(6, 0, "Note: M25-M36 ends in August 2025")
            .unwrap();
    })
}

/// Only the new period, installation named by the sheet, period as `PY3`,
/// numbers as text with European separators: `9.120` is nine thousand
/// because `1.234,5` in the same sheet shows the file's decimal comma.
fn new_period_only() -> Vec<u8> {
    xlsx(|book| {
        let sheet = book.add_worksheet().set_name("INCD - GPU").unwrap();
        sheet.write_string(0, 0, "Metric").unwrap();
        sheet.write_string(0, 1, "PY3").unwrap();
        sheet
            .write_string(1, 0, "GPU node/hours served over the period")
            .unwrap();
        sheet.write_string(1, 1, "9.120").unwrap();
        sheet.write_string(2, 0, "Number of users").unwrap();
        sheet.write_string(2, 1, "3").unwrap();
        sheet.write_string(3, 0, "Racks installed").unwrap();
        sheet.write_string(3, 1, "1.234,5").unwrap();
    })
}

/// Two installations on one sheet, each under its own title, calendar
/// period headers, a hidden sheet.
fn calendar_headers() -> Vec<u8> {
    xlsx(|book| {
        let sheet = book.add_worksheet().set_name("WaltonCloud").unwrap();
        sheet.write_string(0, 0, "WaltonCloud - CPU").unwrap();
        sheet.write_string(1, 0, "Metric name").unwrap();
        sheet.write_string(1, 1, "Sep 2024 - Aug 2025").unwrap();
        sheet
            .write_string(2, 0, "CPU/hours served over the period")
            .unwrap();
        sheet.write_number(2, 1, 230_000).unwrap();
        sheet.write_string(3, 0, "Number of users").unwrap();
        sheet.write_number(3, 1, 61).unwrap();
        sheet.write_string(5, 0, "WaltonCloud - Storage").unwrap();
        sheet.write_string(6, 0, "Metric name").unwrap();
        sheet.write_string(6, 1, "2024/25").unwrap();
        sheet
            .write_string(7, 0, "TB/month served over the period")
            .unwrap();
        sheet.write_number(7, 1, 14).unwrap();
        let hidden = book.add_worksheet().set_name("Workings").unwrap();
        hidden.write_string(0, 0, "Metric").unwrap();
        hidden.write_string(0, 1, "PY3").unwrap();
        hidden.set_hidden(true);
    })
}

/// Monthly accounting records: a quantity summed into its period, a
/// distinct count that cannot be summed.
fn long_records() -> Vec<u8> {
    xlsx(|book| {
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let sheet = book.add_worksheet().set_name("accounting").unwrap();
        for (c, h) in (0u16..).zip(["Installation", "Metric", "Month", "Value"]) {
            sheet.write_string(0, c, h).unwrap();
        }
        let mut row = 1u32;
        for month in 0..12u8 {
            let (year, m) = if month < 4 {
                (2024, 9 + month)
            } else {
                (2025, month - 3)
            };
            let day = rust_xlsxwriter::ExcelDateTime::from_ymd(year, m, 1).unwrap();
            sheet.write_string(row, 0, "TR-FC1-ULAKBIM").unwrap();
            sheet
                .write_string(row, 1, "GPU node/hours served over the period")
                .unwrap();
            sheet
                .write_datetime_with_format(row, 2, &day, &date)
                .unwrap();
            sheet.write_number(row, 3, 4380).unwrap();
            row += 1;
            sheet.write_string(row, 0, "TR-FC1-ULAKBIM").unwrap();
            sheet
                .write_string(row, 1, "Number of unique users")
                .unwrap();
            sheet
                .write_datetime_with_format(row, 2, &day, &date)
                .unwrap();
            sheet.write_number(row, 3, 5).unwrap();
            row += 1;
        }
    })
}

fn formula_error() -> Vec<u8> {
    xlsx(|book| {
        let sheet = book.add_worksheet().set_name("INCD - Storage").unwrap();
        sheet.write_string(0, 0, "Metric name").unwrap();
        sheet.write_string(0, 1, "M25-M36").unwrap();
        sheet
            .write_string(1, 0, "TB/month served over the period")
            .unwrap();
        sheet
            .write_formula(1, 1, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
        sheet.write_string(2, 0, "Number of users").unwrap();
        sheet.write_number(2, 1, 4).unwrap();
    })
}

fn far_corner() -> Vec<u8> {
    xlsx(|book| {
        let sheet = book.add_worksheet().set_name("INCD - Storage").unwrap();
        sheet.write_string(0, 0, "Metric name").unwrap();
        sheet.write_string(0, 1, "M25-M36").unwrap();
        sheet.write_string(1, 0, "Number of users").unwrap();
        sheet.write_number(1, 1, 4).unwrap();
        sheet.write_number(1_048_575, 16_383, 1).unwrap();
    })
}

/// An encrypted OOXML file is a compound file with an EncryptedPackage stream.
fn password_protected() -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(1024, 0);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(4096, 0);
    bytes
}

fn fixture_files() -> Vec<(&'static str, Vec<u8>)> {
    let layout = report_layout();
    let truncated = layout.get(..layout.len() / 2).unwrap().to_vec();
    vec![
        ("report_layout_merged_title.xlsx", layout),
        ("new_period_only_sheet_name.xlsx", new_period_only()),
        ("calendar_headers_two_tables_hidden_sheet.xlsx", calendar_headers()),
        ("long_records_monthly.xlsx", long_records()),
        ("formula_error.xlsx", formula_error()),
        ("far_corner_cell.xlsx", far_corner()),
        (
            "semicolon_decimal_comma.csv",
            "IFCA-CSIC Scientific Cloud - GPU;;\nMetric name;Baseline;M25-M36;TOT\nGPU node/hours served over the period;1M;121.296;207.820\nNumber of users;200;21,0;140\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "comma_thousands.csv",
            "Metric name,PY3\n\"CPU node/hours served over the period\",\"4,424,245\"\nNumber of users,61\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "records_with_users.tsv",
            concat!(
                "Installation\tMetric\tMonth\tUser\n",
                "INCD - CPU\tNumber of users\t2024-09\talice\nINCD - CPU\tNumber of users\t2024-10\talice\nINCD - CPU\tNumber of users\t2024-11\talice\nINCD - CPU\tNumber of users\t2024-12\talice\nINCD - CPU\tNumber of users\t2025-01\talice\nINCD - CPU\tNumber of users\t2025-02\talice\nINCD - CPU\tNumber of users\t2025-03\talice\nINCD - CPU\tNumber of users\t2025-04\talice\nINCD - CPU\tNumber of users\t2025-05\talice\nINCD - CPU\tNumber of users\t2025-06\talice\nINCD - CPU\tNumber of users\t2025-07\talice\nINCD - CPU\tNumber of users\t2025-08\talice\n",
                "INCD - CPU\tNumber of users\tSep 2024\tbob\n",
                "INCD - CPU\tNumber of users\t2025-09\tcarol\n"
            )
                .as_bytes()
                .to_vec(),
        ),
        (
            "records_two_months_of_a_year.csv",
            b"date;service;resource;value\n2025-07-31;INCD - CPU;CPU;1000,5\n2025-08-31;INCD - CPU;CPU;2000\n"
                .to_vec(),
        ),
        ("zero_bytes.xlsx", Vec::new()),
        ("truncated.xlsx", truncated),
        ("not_a_spreadsheet.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".repeat(16)),
        ("password_protected.xlsx", password_protected()),
        (
            "word_document.xlsx",
            zip_of(&[
                ("[Content_Types].xml", b"<Types/>"),
                ("word/document.xml", b"<w:document/>"),
            ]),
        ),
        ("empty_workbook.xlsx", xlsx(|book| {
            book.add_worksheet();
        })),
        ("zip_bomb.xlsx", zip_bomb()),
    ]
}

#[test]
fn fixtures_are_current() {
    if std::env::var_os("VA_REPORT_WRITE_FIXTURES").is_some() {
        std::fs::create_dir_all(fixture_dir()).unwrap();
        for (name, bytes) in fixture_files() {
            std::fs::write(fixture_dir().join(name), bytes).unwrap();
        }
    }
    let names: Vec<_> = [
        "report_layout_merged_title.xlsx",
        "zip_bomb.xlsx",
        "records_with_users.tsv",
        "records_two_months_of_a_year.csv",
    ]
    .into_iter()
    .filter(|name| !fixture_dir().join(name).exists())
    .collect();
    assert!(names.is_empty(), "missing fixtures {names:?}");
}

fn plan_of(name: &str) -> ImportPlan {
    import_paths(&sample(), &[fixture_dir().join(name)])
}

/// (installation, metric, column, old, new, cell) of every change.
fn changes(plan: &ImportPlan) -> Vec<(String, String, String, String, String, String)> {
    plan.changes
        .iter()
        .map(|c| {
            (
                c.installation.clone(),
                c.metric.clone(),
                c.column.clone(),
                c.old.clone(),
                c.new.clone(),
                c.cell.clone(),
            )
        })
        .collect()
}

fn change(
    installation: &str,
    metric: &str,
    column: &str,
    old: &str,
    new: &str,
    cell: &str,
) -> (String, String, String, String, String, String) {
    (
        installation.to_owned(),
        metric.to_owned(),
        column.to_owned(),
        old.to_owned(),
        new.to_owned(),
        cell.to_owned(),
    )
}

fn unmatched(plan: &ImportPlan) -> Vec<(String, String, String)> {
    plan.unmatched
        .iter()
        .map(|u| (u.cell.clone(), u.text.clone(), u.reason.clone()))
        .collect()
}

#[test]
fn report_layout_with_title_notes_and_extra_column() {
    let plan = plan_of("report_layout_merged_title.xlsx");
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert_eq!(
        changes(&plan),
        [
            change(
                "INCD - CPU",
                "CPU/hours served over the period",
                "M25-M36",
                "2,270,601",
                "2,300,000",
                "F4"
            ),
            change(
                "INCD - CPU",
                "CPU/hours served over the period",
                "TOT",
                "3,996,871",
                "4,026,270",
                "G4"
            ),
            change("INCD - CPU", "Number of users", "M25-M36", "0", "12", "F5"),
        ]
    );
    assert_eq!(plan.unchanged, 3, "baseline, M1-M12, M13-M24");
    assert!(plan.unmatched.is_empty(), "{:?}", plan.unmatched);
}

#[test]
fn new_period_only_named_by_the_sheet() {
    let plan = plan_of("new_period_only_sheet_name.xlsx");
    assert_eq!(
        changes(&plan),
        [
            change(
                "INCD - GPU",
                "GPU node/hours served over the period",
                "M25-M36",
                "8,760",
                "9,120",
                "B2"
            ),
            change("INCD - GPU", "Number of users", "M25-M36", "0", "3", "B3"),
        ]
    );
    assert_eq!(
        unmatched(&plan),
        [(
            "B4".to_owned(),
            "Racks installed (PY3)".to_owned(),
            "INCD - GPU has no metric called \"Racks installed\"".to_owned()
        )]
    );
}

#[test]
fn calendar_headers_two_tables_and_a_hidden_sheet() {
    let plan = plan_of("calendar_headers_two_tables_hidden_sheet.xlsx");
    assert_eq!(
        changes(&plan),
        [
            change(
                "WaltonCloud - CPU",
                "CPU/hours served over the period",
                "M25-M36",
                "221,768",
                "230,000",
                "B3"
            ),
            change(
                "WaltonCloud - CPU",
                "Number of users",
                "M25-M36",
                "",
                "61",
                "B4"
            ),
            change(
                "WaltonCloud - Storage",
                "TB/month served over the period",
                "M25-M36",
                "12",
                "14",
                "B8"
            ),
        ]
    );
    assert_eq!(plan.skipped.len(), 1);
    assert_eq!(plan.skipped[0].sheet, "Workings");
    assert_eq!(plan.skipped[0].reason, "hidden sheet");
}

#[test]
fn long_records_are_summed_and_distinct_counts_refused() {
    let plan = plan_of("long_records_monthly.xlsx");
    // 12 months x 4,380 GPU-h = 52,560: the value the report already holds.
    assert_eq!(changes(&plan), []);
    assert_eq!(plan.unchanged, 1);
    let refused = unmatched(&plan);
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].1, "Number of unique users");
    assert!(
        refused[0].2.contains("is a distinct count"),
        "{}",
        refused[0].2
    );
}

/// Accounting records headed `date, service, resource, value`, naming the resource
/// rather than the metric, that cover two months of a twelve-month period:
/// nothing is proposed for the period, and the plan says which months are
/// missing and what the covered months add up to.
#[test]
fn records_of_part_of_a_period_propose_nothing_and_say_what_is_missing() {
    let plan = plan_of("records_two_months_of_a_year.csv");
    assert_eq!(changes(&plan), []);
    let refused = unmatched(&plan);
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].1, "CPU/hours served over the period (M25-M36)");
    assert!(
        refused[0].2.starts_with(
            "the records cover 2 of 12 months of M25-M36; missing: Sep 2024, Oct 2024,"
        ),
        "{}",
        refused[0].2
    );
    assert!(
        refused[0].2.contains("add up to 3,000.5"),
        "{}",
        refused[0].2
    );
    assert_eq!(plan.unmatched[0].value.as_deref(), Some("3,000.5"));
}

#[test]
fn records_with_identities_are_counted_distinct() {
    let plan = plan_of("records_with_users.tsv");
    assert_eq!(
        changes(&plan),
        [change(
            "INCD - CPU",
            "Number of users",
            "M25-M36",
            "0",
            "2",
            "D2:D14"
        )]
    );
    assert_eq!(
        unmatched(&plan),
        [(
            "C15".to_owned(),
            "outside Sep 2025".to_owned(),
            "Sep 2025 is outside the report's periods".to_owned()
        )]
    );
}

#[test]
fn csv_with_semicolons_and_decimal_commas() {
    let plan = plan_of("semicolon_decimal_comma.csv");
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert_eq!(changes(&plan), []);
    assert_eq!(plan.unchanged, 6, "every value equals the report's");
}

#[test]
fn csv_with_comma_thousands_named_by_nothing() {
    let plan = plan_of("comma_thousands.csv");
    assert_eq!(changes(&plan), []);
    assert_eq!(plan.unmatched.len(), 2);
    assert!(
        plan.unmatched[0]
            .reason
            .starts_with("no installation of the report is named"),
        "{}",
        plan.unmatched[0].reason
    );
    assert_eq!(plan.unmatched[0].value.as_deref(), Some("4,424,245"));
}

#[test]
fn formula_errors_are_reported_with_their_cell() {
    let plan = plan_of("formula_error.xlsx");
    assert_eq!(
        changes(&plan),
        [change(
            "INCD - Storage",
            "Number of users",
            "M25-M36",
            "0",
            "4",
            "B3"
        )]
    );
    assert_eq!(
        unmatched(&plan),
        [(
            "B2".to_owned(),
            "#DIV/0!".to_owned(),
            "formula error #DIV/0!".to_owned()
        )]
    );
}

#[test]
fn a_cell_at_the_far_corner_is_listed_not_allocated() {
    let plan = plan_of("far_corner_cell.xlsx");
    assert_eq!(plan.changes.len(), 1);
    assert_eq!(
        unmatched(&plan),
        [(
            "XFD1048576".to_owned(),
            "1".to_owned(),
            "a value outside any recognised table".to_owned()
        )]
    );
}

#[test]
fn bad_files_get_one_clear_message_each() {
    let cases = [
        ("zero_bytes.xlsx", "the file is empty (zero bytes)"),
        ("truncated.xlsx", "the file is damaged or truncated"),
        (
            "not_a_spreadsheet.xlsx",
            "this is not a spreadsheet (unknown binary content)",
        ),
        (
            "password_protected.xlsx",
            "the workbook is password-protected",
        ),
        (
            "word_document.xlsx",
            "this is a Word document, not a spreadsheet",
        ),
        (
            "empty_workbook.xlsx",
            "the workbook is empty: no sheet holds any cell",
        ),
        (
            "zip_bomb.xlsx",
            "part xl/worksheets/sheet1.xml would inflate to 300 MB, more than the 256 MB allowed",
        ),
    ];
    for (name, message) in cases {
        let plan = plan_of(name);
        assert!(plan.changes.is_empty(), "{name}");
        assert_eq!(plan.errors.len(), 1, "{name}: {:?}", plan.errors);
        assert_eq!(plan.errors[0].file, name);
        assert!(
            plan.errors[0].message.starts_with(message),
            "{name}: {}",
            plan.errors[0].message
        );
    }
}

#[test]
fn bad_files_do_not_stop_the_good_ones() {
    let report = sample();
    let inputs: Vec<_> = [
        "zero_bytes.xlsx",
        "report_layout_merged_title.xlsx",
        "zip_bomb.xlsx",
    ]
    .iter()
    .map(|name| ImportInput::path(&fixture_dir().join(name)))
    .collect();
    let plan = import(&report, &inputs, &Progress::default());
    assert_eq!(plan.changes.len(), 3);
    assert_eq!(plan.errors.len(), 2);
}

#[test]
fn applying_the_plan_is_one_undo_step() {
    let mut report = sample();
    let plan = plan_of("report_layout_merged_title.xlsx");
    let undo = apply(&mut report, plan.to_edit()).unwrap();
    let incd = &report.installations[5];
    assert_eq!(incd.metrics[0].values[2].text(), "2,300,000");
    assert_eq!(
        incd.metrics[0].sources["M25-M36"].describe(),
        "report_layout_merged_title.xlsx, sheet Usage, cell F4"
    );
    apply(&mut report, undo).unwrap();
    assert_eq!(report, sample());
}

// --- the command line -------------------------------------------------------

fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_va-report"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn cli_import_json_gives_the_plan() {
    let file = fixture_dir().join("report_layout_merged_title.xlsx");
    let (code, out, err) = run(&[
        "import",
        "--sample",
        "m36",
        file.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["changes"][0],
        serde_json::json!({
            "file": "report_layout_merged_title.xlsx", "sheet": "Usage", "cell": "F4",
            "installation": "INCD - CPU", "metric": "CPU/hours served over the period",
            "column": "M25-M36", "old": 2270601, "new": 2300000
        })
    );
    assert_eq!(json["changes"].as_array().unwrap().len(), 3);
    assert_eq!(json["unmatched"], serde_json::json!([]));
    assert_eq!(json["errors"], serde_json::json!([]));
}

#[test]
fn cli_import_exits_2_when_a_file_cannot_be_read_and_still_writes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("imported.json");
    let good = fixture_dir().join("new_period_only_sheet_name.xlsx");
    let bad = fixture_dir().join("word_document.xlsx");
    let (code, stdout, _) = run(&[
        "import",
        "--sample",
        "m36",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        "--json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["errors"][0]["file"], "word_document.xlsx");
    assert_eq!(json["unmatched"][0]["cell"], "B4");
    let report = va_report::project_file::load(&out).unwrap();
    let gpu = &report.installations[6];
    assert_eq!(gpu.metrics[0].values[2].text(), "9,120");
}

#[test]
fn template_filled_by_code_imports_exactly_the_filled_cells() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.xlsx");
    let (code, _, err) = run(&[
        "template",
        "--sample",
        "m36",
        "--installation",
        "INCD - CPU",
        "--installation",
        "WaltonCloud - Storage",
        "--period",
        "PY3",
        "--out",
        template.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    // Nothing filled in yet: nothing changes.
    let report = sample();
    let empty = import_paths(&report, std::slice::from_ref(&template));
    assert!(empty.changes.is_empty(), "{:?}", empty.changes);
    assert!(empty.unmatched.is_empty(), "{:?}", empty.unmatched);

    // The provider fills two cells of the new period.
    let filled = dir.path().join("filled.xlsx");
    fill_template(&template, &filled);
    let plan = import_paths(&report, &[filled]);
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert!(plan.unmatched.is_empty(), "{:?}", plan.unmatched);
    assert_eq!(
        changes(&plan),
        [
            change(
                "INCD - CPU",
                "CPU/hours served over the period",
                "M25-M36",
                "2,270,601",
                "2,500,000",
                "F4"
            ),
            change(
                "WaltonCloud - Storage",
                "Number of users",
                "M25-M36",
                "111",
                "120",
                "F6"
            ),
        ]
    );
}

/// Rewrites the template with calamine's view of it plus two numbers, the
/// way a provider's spreadsheet program would save it.
fn fill_template(template: &Path, filled: &Path) {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut source = open_workbook_auto(template).unwrap();
    let mut book = Workbook::new();
    for name in source.sheet_names() {
        let range = source.worksheet_range(&name).unwrap();
        let sheet = book.add_worksheet().set_name(&name).unwrap();
        let (r0, c0) = range.start().unwrap();
        for (r, c, data) in range.used_cells() {
            let (r, c) = (r as u32 + r0, c as u16 + c0 as u16);
            match data {
                Data::String(s) => {
                    sheet.write_string(r, c, s).unwrap();
                }
                Data::Float(f) => {
                    sheet.write_number(r, c, *f).unwrap();
                }
                _ => {}
            }
        }
        match name.as_str() {
            "INCD - CPU" => {
                sheet.write_number(3, 5, 2_500_000).unwrap();
            }
            "WaltonCloud - Storage" => {
                sheet.write_number(5, 5, 120).unwrap();
            }
            _ => {}
        }
    }
    book.save(filled).unwrap();
}

#[test]
fn sources_survive_saving_and_reports_without_them_save_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.json");
    va_report::project_file::save(&plain, &sample()).unwrap();
    assert!(
        !std::fs::read_to_string(&plain)
            .unwrap()
            .contains("\"sources\":")
    );

    let mut report = sample();
    apply(&mut report, plan_of("formula_error.xlsx").to_edit()).unwrap();
    let path = dir.path().join("imported.json");
    va_report::project_file::save(&path, &report).unwrap();
    let loaded = va_report::project_file::load(&path).unwrap();
    assert_eq!(loaded, report);
    let source = &loaded.installations[7].metrics[2].sources["M25-M36"];
    assert_eq!(
        source.describe(),
        "formula_error.xlsx, sheet INCD - Storage, cell B3"
    );
    assert_eq!(source.imported, "4");
}

//! The import layouts on other projects' reports: one row per installation,
//! months or periods as columns, installations stacked in one table,
//! records told by their content, each as a fixture in
//! `tests/fixtures/import/` with the cell changes it must give and what the
//! per-file account must say. Half-year and irregular periods, decimal
//! commas, headers in Spanish, German, Polish and Turkish, Excel serial
//! dates. The fixtures are written by `fixture_files()`; rewrite them with
//! `VA_REPORT_WRITE_FIXTURES=1 cargo test --test import_layouts`.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use va_report::edit::apply;
use va_report::import::{ImportPlan, import_paths};
use va_report::model::Report;
use va_report::project_file;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// Half-year periods from January 2024: M1-M6, M7-M12, M13-M18.
const HALF_YEARS: &str = "checks-hpc-half-years.vareport.json";
/// Periods of 18 and 12 months from March 2023, decimal comma.
const IRREGULAR_COMMA: &str = "checks-repository-decimal-comma.vareport.json";

fn report(name: &str) -> Report {
    project_file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/reports")
            .join(name),
    )
    .unwrap()
}

fn xlsx(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut workbook = Workbook::new();
    build(&mut workbook);
    workbook.save_to_buffer().unwrap()
}

/// A title naming a calendar half-year, a Spanish installation header,
/// metrics as columns, numbers with decimals, a total row.
fn installation_rows_title() -> Vec<u8> {
    xlsx(|book| {
        let sheet = book.add_worksheet().set_name("Uso").unwrap();
        sheet
            .merge_range(0, 0, 0, 3, "Hydra usage S2 2024", &Format::new().set_bold())
            .unwrap();
        for (c, h) in (0u16..).zip([
            "Servicio",
            "Core hours delivered",
            "Number of users",
            "Jobs run",
        ]) {
            sheet.write_string(2, c, h).unwrap();
        }
        sheet.write_string(3, 0, "Hydra - Cluster A").unwrap();
        sheet.write_number(3, 1, 152_000.25).unwrap();
        sheet.write_number(3, 2, 21).unwrap();
        sheet.write_string(4, 0, "Hydra - Cluster B").unwrap();
        sheet.write_number(4, 1, 61_000).unwrap();
        sheet.write_number(4, 2, 8).unwrap();
        sheet.write_number(4, 3, 1_501).unwrap();
        sheet.write_string(5, 0, "Total").unwrap();
        sheet.write_number(5, 1, 213_000.25).unwrap();
    })
}

/// Month columns as date cells, the installation named by the sheet.
fn months_as_date_cells() -> Vec<u8> {
    xlsx(|book| {
        let sheet = book.add_worksheet().set_name("Hydra - Cluster C").unwrap();
        let month = Format::new().set_num_format("mmm yyyy");
        sheet.write_string(0, 0, "Metric").unwrap();
        for m in 1..=6u8 {
            let day = ExcelDateTime::from_ymd(2025, m, 1).unwrap();
            sheet
                .write_datetime_with_format(0, u16::from(m), &day, &month)
                .unwrap();
            sheet
                .write_number(1, u16::from(m), f64::from(m) * 1000.5)
                .unwrap();
        }
        sheet.write_string(1, 0, "Compute time (hours)").unwrap();
    })
}

/// Excel serial dates without a date format, under a header no word list
/// knows; the installation column told by its values.
fn records_serials() -> Vec<u8> {
    xlsx(|book| {
        let sheet = book.add_worksheet().set_name("Datos").unwrap();
        for (c, h) in (0u16..).zip(["Periodo", "Nodo", "Recurso", "Consumo"]) {
            sheet.write_string(0, c, h).unwrap();
        }
        // The 15th of January to July 2024.
        let serials = [45306, 45337, 45366, 45397, 45427, 45458, 45488];
        for (row, serial) in (1u32..).zip(serials) {
            sheet.write_number(row, 0, serial).unwrap();
            sheet.write_string(row, 1, "Hydra - Cluster B").unwrap();
            sheet.write_string(row, 2, "Core hours delivered").unwrap();
            sheet.write_number(row, 3, 10_000.5).unwrap();
        }
    })
}

/// A far value beside a table.
fn far_value() -> Vec<u8> {
    xlsx(|book| {
        let sheet = book.add_worksheet().set_name("Hydra - Cluster C").unwrap();
        sheet.write_string(0, 0, "Metric name").unwrap();
        sheet.write_string(0, 1, "M1-M6").unwrap();
        sheet.write_string(1, 0, "Compute time (hours)").unwrap();
        sheet.write_number(1, 1, 10_001).unwrap();
        sheet.write_number(400, 30, 99).unwrap();
    })
}

fn fixture_files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("installation_rows_half_year_title.xlsx", installation_rows_title()),
        ("months_as_date_cells.xlsx", months_as_date_cells()),
        ("records_serial_dates_by_content.xlsx", records_serials()),
        ("far_value_beside_a_table.xlsx", far_value()),
        (
            "stacked_german_decimal_comma.csv",
            "Dienst;Kennzahl;M1-M18;M19-M30;Gesamt\nRepositorio Central;Storage used (TB-month);311,25;402,25;713,5\nNodo Sur;Downloads served;10.500;12.000;22.500\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "month_columns_polish_partial.csv",
            "Hydra - Cluster A\nWskaźnik,2024-07,2024-08,2024-09\nCore hours delivered,100,200,300\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "installation_rows_turkish_period_column.csv",
            "Hizmet;Dönem;Core hours delivered;Number of users\nHydra - Cluster B;P1;50500;6\nHydra - Cluster B;P2;60000;9\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "report_table_misspelt_title.csv",
            "Hydra - Clustr A\nMetric name,M13-M18\nCore hours delivered,175500\n"
                .as_bytes()
                .to_vec(),
        ),
        // For the window's test, against the built-in M36 sample.
        (
            "title_matches_no_installation_m36.csv",
            "INCD - CPUU\nMetric name,M25-M36\nNumber of users,12\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "nothing_but_words.csv",
            "Dear coordinator,\nplease find our figures attached\n".as_bytes().to_vec(),
        ),
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
    for (name, bytes) in fixture_files() {
        let path = fixture_dir().join(name);
        assert!(path.exists(), "missing fixture {name}");
        // Text fixtures are compared byte for byte; workbooks carry a
        // creation time, so only their presence is checked.
        if name.ends_with(".csv") {
            assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} is stale");
        }
    }
}

fn plan_of(report_name: &str, fixture: &str) -> (Report, ImportPlan) {
    let report = report(report_name);
    let plan = import_paths(&report, &[fixture_dir().join(fixture)]);
    (report, plan)
}

type Change<'a> = (&'a str, &'a str, &'a str, &'a str);

/// One case: a fixture imported into a report gives exactly these changes
/// (installation, metric, column, new text) and an account with these
/// pieces of text.
fn check(report_name: &str, fixture: &str, expected: &[Change<'_>], account: &[&str]) {
    let (report, plan) = plan_of(report_name, fixture);
    assert!(plan.errors.is_empty(), "{fixture}: {:?}", plan.errors);
    let found: Vec<Change<'_>> = plan
        .changes
        .iter()
        .map(|c| {
            (
                c.installation.as_str(),
                c.metric.as_str(),
                c.column.as_str(),
                c.new.as_str(),
            )
        })
        .collect();
    assert_eq!(found, expected, "{fixture}: {:?}", plan.unmatched);
    let lines: Vec<String> = plan
        .account()
        .iter()
        .flat_map(|a| a.lines.iter().map(|l| l.text.clone()))
        .collect();
    for piece in account {
        assert!(
            lines.iter().any(|l| l.contains(piece)),
            "{fixture}: no account line with {piece:?} in {lines:#?}"
        );
    }
    // Applied, every new value reads back as the number the file gave.
    let mut applied = report.clone();
    apply(&mut applied, plan.to_edit()).unwrap();
    for change in &plan.changes {
        let va_report::model::CellAddress::Metric {
            installation,
            metric,
            column,
        } = change.address
        else {
            continue;
        };
        let row = &applied.installations[installation].metrics[metric];
        let cell = match column {
            va_report::model::MetricColumn::Period(p) => &row.values[p],
            va_report::model::MetricColumn::Total => &row.total,
            va_report::model::MetricColumn::Baseline => &row.baseline,
        };
        assert_eq!(cell.text(), change.new, "{fixture}");
    }
}

#[test]
fn one_row_per_installation_period_from_the_title() {
    check(
        HALF_YEARS,
        "installation_rows_half_year_title.xlsx",
        &[
            (
                "Hydra - Cluster A",
                "Core hours delivered",
                "M7-M12",
                "152,000.25",
            ),
            ("Hydra - Cluster A", "Number of users", "M7-M12", "21"),
            (
                "Hydra - Cluster B",
                "Core hours delivered",
                "M7-M12",
                "61,000",
            ),
            ("Hydra - Cluster B", "Jobs run", "M7-M12", "1,501"),
        ],
        &["one row per installation at row 3: 5 values matched"],
    );
}

#[test]
fn one_row_per_installation_period_from_a_turkish_period_column() {
    check(
        HALF_YEARS,
        "installation_rows_turkish_period_column.csv",
        &[
            (
                "Hydra - Cluster B",
                "Core hours delivered",
                "M1-M6",
                "50,500",
            ),
            ("Hydra - Cluster B", "Number of users", "M1-M6", "6"),
            ("Hydra - Cluster B", "Number of users", "M7-M12", "9"),
        ],
        &["one row per installation at row 1: 4 values matched"],
    );
}

#[test]
fn months_as_date_cells_summed_into_a_whole_half_year() {
    check(
        HALF_YEARS,
        "months_as_date_cells.xlsx",
        &[(
            "Hydra - Cluster C",
            "Compute time (hours)",
            "M13-M18",
            "21,010.5",
        )],
        &["months as columns at row 1 (Hydra - Cluster C): 1 value matched"],
    );
}

#[test]
fn months_that_cover_part_of_a_period_propose_nothing() {
    let (_, plan) = plan_of(HALF_YEARS, "month_columns_polish_partial.csv");
    assert!(plan.changes.is_empty());
    assert_eq!(plan.unmatched.len(), 1, "{:?}", plan.unmatched);
    assert_eq!(
        plan.unmatched[0].reason,
        "the month columns cover 3 of 6 months of M7-M12; missing: Oct 2024, Nov 2024, Dec 2024 (the covered months add up to 600: map it by hand to take this partial sum)"
    );
    assert_eq!(plan.unmatched[0].value.as_deref(), Some("600"));
}

#[test]
fn stacked_installations_in_german_with_decimal_commas() {
    check(
        IRREGULAR_COMMA,
        "stacked_german_decimal_comma.csv",
        &[
            (
                "Repositorio Central",
                "Storage used (TB-month)",
                "M1-M18",
                "311,25",
            ),
            (
                "Repositorio Central",
                "Storage used (TB-month)",
                "TOT",
                "713,5",
            ),
            ("Nodo Sur", "Downloads served", "M1-M18", "10.500"),
            ("Nodo Sur", "Downloads served", "TOT", "22.500"),
        ],
        &["stacked installations at row 1: 6 values matched"],
    );
}

#[test]
fn records_with_serial_dates_told_by_content() {
    check(
        HALF_YEARS,
        "records_serial_dates_by_content.xlsx",
        &[(
            "Hydra - Cluster B",
            "Core hours delivered",
            "M1-M6",
            "60,003",
        )],
        &["records at row 1: 1 value matched, 1 not matched"],
    );
}

#[test]
fn a_misspelt_title_names_the_nearest_installation() {
    check(
        HALF_YEARS,
        "report_table_misspelt_title.csv",
        &[],
        &[
            "report table at row 2: nothing matched; named \"Hydra - Clustr A\", \"report_table_misspelt_title\", which matches no installation; nearest: \"Hydra - Cluster A\"",
        ],
    );
}

#[test]
fn a_far_value_is_said_to_be_far() {
    check(
        HALF_YEARS,
        "far_value_beside_a_table.xlsx",
        &[(
            "Hydra - Cluster C",
            "Compute time (hours)",
            "M1-M6",
            "10,001",
        )],
        &["a value far outside any table at AE401"],
    );
}

#[test]
fn every_file_gets_at_least_one_line() {
    let report = report(HALF_YEARS);
    let paths: Vec<PathBuf> = fixture_files()
        .iter()
        .map(|(name, _)| fixture_dir().join(name))
        .collect();
    let plan = import_paths(&report, &paths);
    let account = plan.account();
    assert_eq!(account.len(), paths.len());
    for file in &account {
        assert!(!file.lines.is_empty(), "{} has no line", file.file);
    }
    let words = account
        .iter()
        .find(|a| a.file == "nothing_but_words.csv")
        .unwrap();
    assert_eq!(
        words.lines[0].text,
        "skipped: no metric table or records found"
    );
}

#[test]
fn cli_json_carries_the_account_of_every_file() {
    let output = Command::new(env!("CARGO_BIN_EXE_va-report"))
        .args(["import", "--report"])
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/reports")
                .join(HALF_YEARS),
        )
        .arg(fixture_dir().join("report_table_misspelt_title.csv"))
        .arg(fixture_dir().join("months_as_date_cells.xlsx"))
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let files = plan["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], "report_table_misspelt_title.csv");
    let miss = files[0]["account"][0]["text"].as_str().unwrap();
    assert!(miss.contains("nearest: \"Hydra - Cluster A\""), "{miss}");
    assert_eq!(files[1]["account"][0]["matched"], 1);
}

/// The program's own workbook, with its Findings sheet (sentences that name
/// metrics and periods) and its cumulative sheet, imports back with no
/// change: no layout takes prose or Table 1 for figures.
#[test]
fn the_exported_workbook_with_its_findings_imports_back_without_changes() {
    use va_report::export::ExportOptions;
    use va_report::export::xlsx::xlsx_bytes;
    use va_report::import::{ImportInput, Progress, import};
    let report = va_report::samples::Sample::M36.report().unwrap();
    let rows = va_report::export::finding_rows(&report);
    assert!(!rows.is_empty());
    let bytes = xlsx_bytes(&report, &ExportOptions::default(), &rows).unwrap();
    let plan = import(
        &report,
        &[ImportInput::bytes("m36.xlsx", bytes)],
        &Progress::default(),
    );
    assert!(plan.changes.is_empty(), "{:#?}", plan.changes);
    let lines: Vec<String> = plan.account()[0]
        .lines
        .iter()
        .map(|l| format!("{}: {}", l.sheet, l.text))
        .collect();
    assert!(
        lines.contains(&"Findings: skipped: no metric table or records found".to_owned()),
        "{lines:#?}"
    );
}

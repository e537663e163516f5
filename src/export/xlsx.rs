//! The workbook for the project office, written with rust_xlsxwriter: a
//! sheet per installation, "Cumulative" (Table 1 with a line chart of
//! cumulative use against the budget per resource) and "Findings".
//!
//! Plain numbers are stored as numbers with a thousands format; every other
//! cell as its text exactly as written. A quantity's TOT is a live
//! `=SUM(...)` over its periods, with the computed result stored so viewers
//! that do not recalculate show it, when the report's TOT is that sum; a TOT
//! that differs stays as written and gets a note giving the sum, so the
//! workbook says what the report says. Findings also become cell notes.

use std::collections::{BTreeMap, HashMap, HashSet};

use rust_xlsxwriter::utility::{row_col_to_cell, row_col_to_cell_absolute};
use rust_xlsxwriter::{
    Chart, ChartType, Color, Format, FormatAlign, FormatBorder, Formula, Note, Workbook, Worksheet,
    XlsxError,
};

use super::tables::FindingRow;
use super::{ExportError, ExportOptions};
use crate::model::{
    Cell, CellAddress, CellValue, CumulativeColumn, MetricColumn, MetricKind, Report,
};

const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 1;
const FIRST_BODY_ROW: u32 = 2;
/// Metric sheets: name, baseline, method, then the periods and TOT.
const FIRST_PERIOD_COLUMN: u16 = 3;
const NOTE_AUTHOR: &str = "va-report";

impl From<XlsxError> for ExportError {
    fn from(error: XlsxError) -> Self {
        Self::Xlsx(error.to_string())
    }
}

struct Formats {
    title: Format,
    header: Format,
    header_number: Format,
    text: Format,
    text_right: Format,
    numbers: [Format; 4],
}

impl Formats {
    fn new() -> Self {
        let border = |format: Format| format.set_border(FormatBorder::Thin);
        let header = border(
            Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xD9E2F3)),
        );
        Self {
            title: Format::new().set_bold().set_font_size(13),
            header_number: header.clone().set_align(FormatAlign::Right),
            header,
            text: border(Format::new().set_text_wrap().set_align(FormatAlign::Top)),
            text_right: border(
                Format::new()
                    .set_align(FormatAlign::Right)
                    .set_align(FormatAlign::Top),
            ),
            numbers: ["#,##0", "#,##0.0", "#,##0.00", "#,##0.000"].map(|pattern| {
                border(
                    Format::new()
                        .set_num_format(pattern)
                        .set_align(FormatAlign::Top),
                )
            }),
        }
    }

    fn number(&self, decimals: u8) -> &Format {
        let index = usize::from(decimals).min(self.numbers.len() - 1);
        self.numbers.get(index).unwrap_or(&self.text)
    }
}

/// Notes to put on cells: (row, column) -> texts.
type Notes = BTreeMap<(u32, u16), Vec<String>>;

/// The workbook of `report` as bytes.
pub fn xlsx_bytes(
    report: &Report,
    options: &ExportOptions,
    findings: &[FindingRow],
) -> Result<Vec<u8>, ExportError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let mut used_names: HashSet<String> = ["cumulative".to_owned(), "findings".to_owned()].into();
    // Each installation's findings, found once rather than once a sheet.
    let mut installation_findings: HashMap<usize, Vec<&FindingRow>> = HashMap::new();
    for finding in findings {
        if let Some(CellAddress::Metric { installation, .. }) = finding.cell {
            installation_findings
                .entry(installation)
                .or_default()
                .push(finding);
        }
    }
    for index in options.installation_indices(report) {
        let Some(installation) = report.installations.get(index) else {
            continue;
        };
        let name = sheet_name(&installation.name, &mut used_names);
        let own_findings = installation_findings.remove(&index).unwrap_or_default();
        let mut notes = finding_notes(own_findings, |address| match address {
            CellAddress::Metric {
                installation,
                metric,
                column,
            } if installation == index => Some(metric_cell(metric, column)),
            _ => None,
        });
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        metric_sheet(sheet, report, index, &formats, &mut notes)?;
        write_notes(sheet, &notes)?;
    }
    let mut notes = finding_notes(findings, |address| match address {
        CellAddress::Cumulative { row, column } => Some((
            FIRST_BODY_ROW + row as u32,
            match column {
                CumulativeColumn::Budget => 1,
                CumulativeColumn::Checkpoint(index) => 2 + index as u16,
            },
        )),
        CellAddress::Metric { .. } => None,
    });
    let sheet = workbook.add_worksheet();
    sheet.set_name("Cumulative")?;
    cumulative_sheet(sheet, report, &formats)?;
    write_notes(sheet, &notes)?;
    notes.clear();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Findings")?;
    findings_sheet(sheet, findings, &formats)?;
    // rust_xlsxwriter assembles the worksheets on one thread each, and
    // panics when the system will not start one (2,000 installations are
    // 2,000 threads); that is an error of this export, not of the program.
    crate::caught_panic::catch(|| workbook.save_to_buffer())
        .map_err(|panic| {
            ExportError::Xlsx(if panic.contains("spawn thread") {
                format!("the system could not start the threads it needs ({panic})")
            } else {
                format!("the workbook writer stopped ({panic})")
            })
        })?
        .map_err(ExportError::from)
}

/// Writes the workbook to `path`.
pub fn write_xlsx(
    path: &std::path::Path,
    report: &Report,
    options: &ExportOptions,
    findings: &[FindingRow],
) -> Result<(), ExportError> {
    let bytes = xlsx_bytes(report, options, findings)?;
    super::write_file(path, &bytes)
}

/// The sheet row and column of a metric cell.
fn metric_cell(metric: usize, column: MetricColumn) -> (u32, u16) {
    let row = FIRST_BODY_ROW + metric as u32;
    let column = match column {
        MetricColumn::Baseline => 1,
        MetricColumn::Period(index) => FIRST_PERIOD_COLUMN + index as u16,
        // TOT's column depends on the period count; filled in by the caller.
        MetricColumn::Total => u16::MAX,
    };
    (row, column)
}

fn finding_notes<'a>(
    findings: impl IntoIterator<Item = &'a FindingRow>,
    place: impl Fn(CellAddress) -> Option<(u32, u16)>,
) -> Notes {
    let mut notes = Notes::new();
    for finding in findings {
        let Some(position) = finding.cell.and_then(&place) else {
            continue;
        };
        let text = match &finding.reason {
            Some(reason) => format!("{} (acknowledged: {reason})", finding.message),
            None => finding.message.clone(),
        };
        notes.entry(position).or_default().push(text);
    }
    notes
}

fn write_notes(sheet: &mut Worksheet, notes: &Notes) -> Result<(), ExportError> {
    for (&(row, column), texts) in notes {
        let note = Note::new(texts.join("\n")).set_author(NOTE_AUTHOR);
        sheet.insert_note(row, column, &note)?;
    }
    Ok(())
}

/// A unique sheet name of at most 31 characters without `[]:*?/\`.
pub fn sheet_name(wanted: &str, used: &mut HashSet<String>) -> String {
    let cleaned: String = wanted
        .trim()
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim();
    let base: String = if cleaned.is_empty() {
        "Installation".to_owned()
    } else {
        cleaned.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut counter = 2;
    while used.contains(&name.to_lowercase()) {
        let suffix = format!(" ({counter})");
        let keep = 31usize.saturating_sub(suffix.chars().count());
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        counter += 1;
    }
    used.insert(name.to_lowercase());
    name
}

/// Writes a report cell: a plain number as a number, anything else as its
/// text as written.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    cell: &Cell,
    formats: &Formats,
) -> Result<(), ExportError> {
    match cell.value() {
        CellValue::Number(quantity) if quantity.plain => {
            sheet.write_number_with_format(
                row,
                column,
                quantity.value,
                formats.number(quantity.decimals),
            )?;
        }
        CellValue::Blank => {
            sheet.write_blank(row, column, &formats.text)?;
        }
        CellValue::Number(_) | CellValue::NotApplicable => {
            sheet.write_string_with_format(row, column, cell.text().trim(), &formats.text_right)?;
        }
        CellValue::Countries(_) | CellValue::Text => {
            sheet.write_string_with_format(row, column, cell.text().trim(), &formats.text)?;
        }
    }
    Ok(())
}

/// Landscape, one page wide when printed.
fn page_setup(sheet: &mut Worksheet) {
    sheet.set_paper_size(9); // A4
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
}

/// Lines a wrapped text takes in a column `width` characters wide.
pub fn wrapped_lines(text: &str, width: f64) -> u32 {
    let per_line = width.max(1.0) * 1.1;
    text.trim()
        .lines()
        .map(|line| ((line.chars().count() as f64) / per_line).ceil().max(1.0) as u32)
        .sum::<u32>()
        .max(1)
}

/// Sets a row's height to fit its wrapped texts (spreadsheet writers store
/// no automatic heights, and some viewers do not compute them).
fn fit_row(sheet: &mut Worksheet, row: u32, texts: &[(&str, f64)]) -> Result<(), ExportError> {
    let lines = texts
        .iter()
        .map(|(text, width)| wrapped_lines(text, *width))
        .max()
        .unwrap_or(1);
    if lines > 1 {
        sheet.set_row_height(row, 15.0 * f64::from(lines))?;
    }
    Ok(())
}

/// The sum a quantity's TOT should be, when every period holds a plain
/// number: (sum, decimals).
pub fn period_sum(values: &[Cell]) -> Option<(f64, u8)> {
    let mut sum = 0.0;
    let mut decimals = 0;
    for cell in values {
        let quantity = cell.value().quantity().filter(|q| q.plain)?;
        sum += quantity.value;
        decimals = decimals.max(quantity.decimals);
    }
    (!values.is_empty()).then_some((sum, decimals))
}

/// Whether `total` is `sum` as written (to the written decimals).
fn total_matches(total: &Cell, sum: f64) -> bool {
    total
        .value()
        .quantity()
        .filter(|q| q.plain)
        .is_some_and(|q| (q.value - sum).abs() < 0.5 * 10f64.powi(-i32::from(q.decimals)))
}

/// The text of a formula result: integers without a decimal point.
fn result_text(value: f64) -> String {
    value.to_string()
}

fn metric_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    index: usize,
    formats: &Formats,
    notes: &mut Notes,
) -> Result<(), ExportError> {
    let Some(installation) = report.installations.get(index) else {
        return Ok(());
    };
    let period_count = report.periods.len() as u16;
    let total_column = FIRST_PERIOD_COLUMN + period_count;
    // Findings on TOT cells were placed at column u16::MAX.
    let moved: Vec<_> = notes
        .keys()
        .filter(|(_, column)| *column == u16::MAX)
        .copied()
        .collect();
    for key in moved {
        if let Some(texts) = notes.remove(&key) {
            notes
                .entry((key.0, total_column))
                .or_default()
                .extend(texts);
        }
    }

    sheet.write_string_with_format(TITLE_ROW, 0, installation.name.trim(), &formats.title)?;
    let mut headers = vec![
        ("Metric name".to_owned(), false),
        ("Baseline".to_owned(), true),
        ("Define how measurement is done".to_owned(), false),
    ];
    headers.extend(report.periods.iter().map(|p| (p.label.clone(), true)));
    headers.push(("TOT".to_owned(), true));
    for (column, (title, number)) in headers.iter().enumerate() {
        let format = if *number {
            &formats.header_number
        } else {
            &formats.header
        };
        sheet.write_string_with_format(HEADER_ROW, column as u16, title, format)?;
    }
    sheet.set_freeze_panes(FIRST_BODY_ROW, 1)?;
    page_setup(sheet);
    let widths = [42.0, 14.0, 26.0, 14.0];
    for (column, width) in widths.iter().enumerate() {
        sheet.set_column_width(column as u16, *width)?;
    }
    for column in FIRST_PERIOD_COLUMN..=total_column {
        sheet.set_column_width(column, 14)?;
    }
    fit_row(
        sheet,
        HEADER_ROW,
        &[("Define how measurement is done", 26.0)],
    )?;

    for (metric_index, metric) in installation.metrics.iter().enumerate() {
        let row = FIRST_BODY_ROW + metric_index as u32;
        let mut texts = vec![
            (metric.name.as_str(), 42.0),
            (metric.baseline.text(), 14.0),
            (metric.method.as_str(), 26.0),
            (metric.total.text(), 14.0),
        ];
        texts.extend(metric.values.iter().map(|cell| (cell.text(), 14.0)));
        fit_row(sheet, row, &texts)?;
        sheet.write_string_with_format(row, 0, metric.name.trim(), &formats.text)?;
        write_cell(sheet, row, 1, &metric.baseline, formats)?;
        sheet.write_string_with_format(row, 2, metric.method.trim(), &formats.text)?;
        for (period, cell) in metric.values.iter().enumerate() {
            write_cell(
                sheet,
                row,
                FIRST_PERIOD_COLUMN + period as u16,
                cell,
                formats,
            )?;
        }
        let sum = (metric.kind() == MetricKind::Quantity)
            .then(|| period_sum(&metric.values))
            .flatten();
        match sum {
            Some((sum, _)) if total_matches(&metric.total, sum) => {
                let decimals = metric.total.value().quantity().map_or(0, |q| q.decimals);
                let formula = Formula::new(format!(
                    "=SUM({}:{})",
                    row_col_to_cell(row, FIRST_PERIOD_COLUMN),
                    row_col_to_cell(row, total_column - 1)
                ))
                .set_result(result_text(sum));
                sheet.write_formula_with_format(
                    row,
                    total_column,
                    formula,
                    formats.number(decimals),
                )?;
            }
            Some((sum, decimals)) => {
                write_cell(sheet, row, total_column, &metric.total, formats)?;
                if !metric.total.text().trim().is_empty() {
                    notes.entry((row, total_column)).or_default().push(format!(
                        "TOT as written; the periods add up to {}",
                        crate::model::number_format::format_number(
                            sum,
                            decimals,
                            crate::model::NumberStyle::Us
                        )
                    ));
                }
            }
            None => write_cell(sheet, row, total_column, &metric.total, formats)?,
        }
    }
    Ok(())
}

fn cumulative_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    formats: &Formats,
) -> Result<(), ExportError> {
    let table = &report.cumulative;
    let checkpoint_count = table.checkpoints.len() as u16;
    let caption = if table.caption.trim().is_empty() {
        "Table 1 Cumulative resource consumption during project lifetime"
    } else {
        table.caption.trim()
    };
    sheet.write_string_with_format(TITLE_ROW, 0, caption, &formats.title)?;
    sheet.write_string_with_format(HEADER_ROW, 0, table.unit_header.trim(), &formats.header)?;
    sheet.write_string_with_format(
        HEADER_ROW,
        1,
        table.budget_header.trim(),
        &formats.header_number,
    )?;
    for (index, checkpoint) in table.checkpoints.iter().enumerate() {
        sheet.write_string_with_format(
            HEADER_ROW,
            2 + index as u16,
            checkpoint.label.trim(),
            &formats.header_number,
        )?;
    }
    sheet.set_freeze_panes(FIRST_BODY_ROW, 1)?;
    page_setup(sheet);
    sheet.set_column_width(0, 38)?;
    for column in 1..2 + checkpoint_count {
        sheet.set_column_width(column, 15)?;
    }
    sheet.set_row_height(HEADER_ROW, 32)?;

    let row_count = table.rows.len() as u32;
    for (index, resource) in table.rows.iter().enumerate() {
        let row = FIRST_BODY_ROW + index as u32;
        sheet.write_string_with_format(row, 0, resource.name.trim(), &formats.text)?;
        write_cell(sheet, row, 1, &resource.budget, formats)?;
        for (checkpoint, cell) in resource.used.iter().enumerate() {
            write_cell(sheet, row, 2 + checkpoint as u16, cell, formats)?;
        }
    }

    // The budget as a line: one row per resource repeating its budget under
    // every checkpoint, as formulas on the budget cell.
    let budget_rows_start = FIRST_BODY_ROW + row_count + 1;
    sheet.write_string_with_format(
        budget_rows_start,
        0,
        "Budget lines for the charts",
        &formats.title,
    )?;
    let mut chart_row = budget_rows_start + row_count + 2;
    for (index, resource) in table.rows.iter().enumerate() {
        let data_row = FIRST_BODY_ROW + index as u32;
        let budget_row = budget_rows_start + 1 + index as u32;
        sheet.write_string_with_format(
            budget_row,
            0,
            format!("{} budget", resource.label),
            &formats.text,
        )?;
        let budget = resource.budget.value().quantity().filter(|q| q.plain);
        for checkpoint in 0..checkpoint_count {
            let column = 2 + checkpoint;
            match budget {
                Some(quantity) => {
                    let formula =
                        Formula::new(format!("={}", row_col_to_cell_absolute(data_row, 1)))
                            .set_result(result_text(quantity.value));
                    sheet.write_formula_with_format(
                        budget_row,
                        column,
                        formula,
                        formats.number(quantity.decimals),
                    )?;
                }
                None => {
                    sheet.write_blank(budget_row, column, &formats.text)?;
                }
            }
        }
        if checkpoint_count == 0 {
            continue;
        }
        let last = 1 + checkpoint_count;
        let mut chart = Chart::new(ChartType::Line);
        chart
            .add_series()
            .set_name(resource.name.trim())
            .set_categories(("Cumulative", HEADER_ROW, 2, HEADER_ROW, last))
            .set_values(("Cumulative", data_row, 2, data_row, last));
        chart
            .add_series()
            .set_name("Budget")
            .set_categories(("Cumulative", HEADER_ROW, 2, HEADER_ROW, last))
            .set_values(("Cumulative", budget_row, 2, budget_row, last));
        chart
            .title()
            .set_name(&format!("{} usage status and trend", resource.label));
        chart
            .y_axis()
            .set_name(resource.unit.trim())
            .set_num_format("#,##0");
        chart.set_width(720).set_height(320);
        sheet.insert_chart(chart_row, 0, &chart)?;
        chart_row += 18;
    }
    Ok(())
}

fn findings_sheet(
    sheet: &mut Worksheet,
    findings: &[FindingRow],
    formats: &Formats,
) -> Result<(), ExportError> {
    for (column, title) in [
        "Installation",
        "Where",
        "Severity",
        "Finding",
        "Acknowledged",
        "Reason",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(0, column as u16, *title, &formats.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, findings.len() as u32, 5)?;
    page_setup(sheet);
    for (column, width) in [30.0, 30.0, 10.0, 60.0, 14.0, 40.0].into_iter().enumerate() {
        sheet.set_column_width(column as u16, width)?;
    }
    for (index, finding) in findings.iter().enumerate() {
        let row = 1 + index as u32;
        fit_row(
            sheet,
            row,
            &[
                (finding.installation.as_str(), 30.0),
                (finding.location.as_str(), 30.0),
                (finding.message.as_str(), 60.0),
                (finding.reason.as_deref().unwrap_or(""), 40.0),
            ],
        )?;
        sheet.write_string_with_format(row, 0, finding.installation.trim(), &formats.text)?;
        sheet.write_string_with_format(row, 1, finding.location.trim(), &formats.text)?;
        sheet.write_string_with_format(row, 2, finding.severity.trim(), &formats.text)?;
        sheet.write_string_with_format(row, 3, finding.message.trim(), &formats.text)?;
        let (acknowledged, reason) = match &finding.reason {
            Some(reason) => ("yes", reason.trim()),
            None => ("no", ""),
        };
        sheet.write_string_with_format(row, 4, acknowledged, &formats.text)?;
        sheet.write_string_with_format(row, 5, reason, &formats.text)?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let mut used = HashSet::from(["cumulative".to_owned()]);
        assert_eq!(
            sheet_name("iMagine - AI Application Development Service", &mut used),
            "iMagine - AI Application Develo"
        );
        assert_eq!(
            sheet_name("iMagine - AI Application Development Service X", &mut used),
            "iMagine - AI Application De (2)"
        );
        assert_eq!(sheet_name("a/b: c?", &mut used), "a-b- c-");
        assert_eq!(sheet_name("Cumulative", &mut used), "Cumulative (2)");
        assert_eq!(sheet_name("  ", &mut used), "Installation");
    }

    #[test]
    fn tot_is_a_formula_only_when_the_report_gives_the_sum() {
        let cells = |texts: &[&str]| texts.iter().map(|t| Cell::new(*t)).collect::<Vec<_>>();
        assert_eq!(period_sum(&cells(&["1,000", "2.5"])), Some((1002.5, 1)));
        assert_eq!(period_sum(&cells(&["1,000", "n/a"])), None);
        assert_eq!(period_sum(&cells(&["1,000", ""])), None);
        assert!(total_matches(&Cell::new("1,002.5"), 1002.5));
        assert!(!total_matches(&Cell::new("1,003"), 1002.5));
        assert!(!total_matches(&Cell::new("> 1000"), 1002.5));
        assert_eq!(result_text(2_801_047.0), "2801047");
    }

    #[test]
    fn wrapped_texts_count_their_lines() {
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("short", 10.0), 1);
        assert_eq!(wrapped_lines(&"x".repeat(30), 10.0), 3);
        assert_eq!(wrapped_lines("a\nb", 10.0), 2);
    }
}

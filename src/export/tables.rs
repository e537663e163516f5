//! The report's tables as plain rows of text: what every writer (DOCX, XLSX,
//! CSV, HTML, TSV) renders, so that all of them agree cell for cell.
//!
//! Plain numbers are re-written in the chosen [`NumberStyle`]; every other
//! cell (`> 15000`, `3M`, `N/A`, country lists, prose) keeps its text
//! exactly as written.

use crate::model::number_format::format_quantity;
use crate::model::{Cell, CellAddress, CellValue, Installation, MetricKind, NumberStyle, Report};

/// Text width of an A4 portrait page with 2.5 cm margins, in centimetres.
pub const TEXT_WIDTH_CM: f32 = 16.0;

/// Where a cell's text sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One cell of an exported table.
#[derive(Clone, Debug, PartialEq)]
pub struct TableCell {
    /// What the reader sees.
    pub text: String,
    pub align: Align,
    /// The value, when the cell is a plain number (spreadsheets store it as
    /// a number, with `decimals` digits shown).
    pub number: Option<f64>,
    pub decimals: u8,
}

impl TableCell {
    /// A cell of text, left-aligned.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            align: Align::Left,
            number: None,
            decimals: 0,
        }
    }

    /// A report cell: plain numbers formatted in `style` and right-aligned,
    /// bounded or unit-bearing numbers and "not applicable" right-aligned as
    /// written, anything else left-aligned as written.
    pub fn from_cell(cell: &Cell, style: NumberStyle) -> Self {
        let written = cell.text().trim();
        match cell.value() {
            CellValue::Number(quantity) if quantity.plain => Self {
                text: format_quantity(quantity, style),
                align: Align::Right,
                number: Some(quantity.value),
                decimals: quantity.decimals,
            },
            CellValue::Number(_) | CellValue::NotApplicable => Self {
                text: written.to_owned(),
                align: Align::Right,
                number: None,
                decimals: 0,
            },
            CellValue::Blank | CellValue::Countries(_) | CellValue::Text => Self::text(written),
        }
    }
}

/// Which of the report's tables this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// The description table of installation `n`.
    Description(usize),
    /// The metrics table of installation `n`.
    Metrics(usize),
    /// Table 1, the cumulative resource consumption.
    Cumulative,
    /// The acknowledged findings (annex).
    Findings,
}

/// A table ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportTable {
    pub kind: TableKind,
    /// A short name for file and sheet names ("INCD - CPU metrics").
    pub name: String,
    /// The caption without its number ("Cumulative resource consumption
    /// during project lifetime"), for tables the deliverable numbers.
    pub caption: Option<String>,
    /// Column widths in centimetres; they add up to [`TEXT_WIDTH_CM`].
    pub widths_cm: Vec<f32>,
    /// How many of the first rows are header rows (repeated on every page).
    pub header_rows: usize,
    /// Header rows first, then the body; every row has one cell per column.
    pub rows: Vec<Vec<TableCell>>,
}

impl ExportTable {
    pub fn column_count(&self) -> usize {
        self.widths_cm.len()
    }

    /// The rows as plain text, for tests and for formats without styling.
    pub fn texts(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|row| row.iter().map(|cell| cell.text.clone()).collect())
            .collect()
    }
}

/// The description table of installation `index`: label | text, no header;
/// fields left empty are not printed.
pub fn description_table(report: &Report, index: usize) -> Option<ExportTable> {
    let installation = report.installations.get(index)?;
    let rows = report
        .description_fields
        .iter()
        .enumerate()
        .filter_map(|(f, field)| {
            let text = installation.description_text(f).trim();
            (!text.is_empty())
                .then(|| vec![TableCell::text(field.label.trim()), TableCell::text(text)])
        })
        .collect();
    Some(ExportTable {
        kind: TableKind::Description(index),
        name: format!("{} description", installation.name),
        caption: None,
        widths_cm: vec![3.5, TEXT_WIDTH_CM - 3.5],
        header_rows: 0,
        rows,
    })
}

/// The metrics table of installation `index`:
/// `Metric name | Baseline | Define how measurement is done | <periods> | TOT`.
pub fn metric_table(report: &Report, index: usize, style: NumberStyle) -> Option<ExportTable> {
    let installation = report.installations.get(index)?;
    let period_count = report.periods.len();
    let mut header = vec![
        TableCell::text("Metric name"),
        TableCell::text("Baseline"),
        TableCell::text("Define how measurement is done"),
    ];
    header.extend(
        report
            .periods
            .iter()
            .map(|period| right(TableCell::text(period.label.trim()))),
    );
    header.push(right(TableCell::text("TOT")));
    let mut rows = vec![header];
    rows.extend(installation.metrics.iter().map(|metric| {
        let mut row = vec![
            TableCell::text(metric.name.trim()),
            TableCell::from_cell(&metric.baseline, style),
            TableCell::text(metric.method.trim()),
        ];
        for period in 0..period_count {
            row.push(match metric.values.get(period) {
                Some(cell) => TableCell::from_cell(cell, style),
                None => TableCell::text(""),
            });
        }
        row.push(TableCell::from_cell(&metric.total, style));
        row
    }));
    Some(ExportTable {
        kind: TableKind::Metrics(index),
        name: format!("{} metrics", installation.name),
        caption: None,
        widths_cm: metric_widths(period_count),
        header_rows: 1,
        rows,
    })
}

/// Name and method share what the number columns (baseline, periods, TOT)
/// leave of the text width; a number column gets 2 cm when there is room,
/// and with many periods the numbers take 70 % of the width.
fn metric_widths(period_count: usize) -> Vec<f32> {
    let number_columns = period_count + 2;
    let share = if number_columns > 5 { 0.7 } else { 0.6 };
    let number_width = (TEXT_WIDTH_CM * share / number_columns as f32).min(2.0);
    let rest = TEXT_WIDTH_CM - number_width * number_columns as f32;
    let mut widths = vec![rest * 0.55, number_width, rest * 0.45];
    widths.extend(std::iter::repeat_n(number_width, period_count + 1));
    widths
}

/// Table 1: `UNIT | TOTAL BUDGETED IN THE PROJECT | USED BY M6 ... `, one row
/// per resource, as the deliverable lays it out.
pub fn cumulative_table(report: &Report, style: NumberStyle) -> ExportTable {
    let table = &report.cumulative;
    let mut header = vec![
        TableCell::text(table.unit_header.trim()),
        right(TableCell::text(table.budget_header.trim())),
    ];
    header.extend(
        table
            .checkpoints
            .iter()
            .map(|checkpoint| right(TableCell::text(checkpoint.label.trim()))),
    );
    let mut rows = vec![header];
    rows.extend(table.rows.iter().map(|row| {
        let mut cells = vec![
            TableCell::text(row.name.trim()),
            TableCell::from_cell(&row.budget, style),
        ];
        cells.extend(
            (0..table.checkpoints.len()).map(|index| match row.used.get(index) {
                Some(cell) => TableCell::from_cell(cell, style),
                None => TableCell::text(""),
            }),
        );
        cells
    }));
    // The budget header is the longest; the checkpoints share the rest.
    let checkpoint_count = table.checkpoints.len();
    let name_width = 3.0;
    let budget_width = 2.2;
    let checkpoint_width = if checkpoint_count == 0 {
        0.0
    } else {
        ((TEXT_WIDTH_CM - name_width - budget_width) / checkpoint_count as f32).min(2.4)
    };
    let mut widths_cm = vec![
        TEXT_WIDTH_CM - budget_width - checkpoint_width * checkpoint_count as f32,
        budget_width,
    ];
    widths_cm.extend(std::iter::repeat_n(checkpoint_width, checkpoint_count));
    ExportTable {
        kind: TableKind::Cumulative,
        name: "Cumulative".to_owned(),
        caption: Some(caption_text(&table.caption)),
        widths_cm,
        header_rows: 1,
        rows,
    }
}

/// The number the deliverable gives Table 1 (cumulative consumption), the
/// first table it captions.
pub const CUMULATIVE_TABLE_NUMBER: usize = 1;

/// The caption as the deliverable prints it, numbered ("Table 1 Cumulative
/// resource consumption during project lifetime"), for the tables it
/// captions; None for the others (an installation's tables stand under its
/// heading, uncaptioned).
pub fn numbered_caption(table: &ExportTable) -> Option<String> {
    let caption = table.caption.as_deref()?.trim();
    match table.kind {
        TableKind::Cumulative => Some(format!("Table {CUMULATIVE_TABLE_NUMBER} {caption}")),
        _ => Some(caption.to_owned()),
    }
}

/// The caption as written without a leading "Table 1" (the number is a
/// field in documents); a default when the report has none.
pub fn caption_text(caption: &str) -> String {
    let stripped = strip_caption_number(caption, "table");
    if stripped.is_empty() {
        "Cumulative resource consumption during project lifetime".to_owned()
    } else {
        stripped
    }
}

/// A caption without its leading label and number ("Figure 3 CPU usage"
/// with label "figure" gives "CPU usage").
pub fn strip_caption_number(caption: &str, label: &str) -> String {
    let trimmed = caption.trim();
    let mut words = trimmed.splitn(3, char::is_whitespace);
    let stripped = match (words.next(), words.next(), words.next()) {
        (Some(first), Some(number), rest)
            if first.eq_ignore_ascii_case(label)
                && number
                    .trim_end_matches(['.', ':'])
                    .chars()
                    .all(|c| c.is_ascii_digit())
                && !number.is_empty() =>
        {
            rest.unwrap_or("")
                .trim_start_matches([':', '.', ' ', '-', '–'])
        }
        _ => trimmed,
    };
    stripped.to_owned()
}

/// A finding of the checks as the exports list it. Filled from the checks'
/// findings by the caller, so this module does not depend on how checks
/// name things.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingRow {
    /// The installation concerned, or empty for report-wide findings.
    pub installation: String,
    /// Where in the report ("Number of users, M25-M36").
    pub location: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    pub message: String,
    /// Why the finding was accepted as it stands, when it was acknowledged.
    pub reason: Option<String>,
    /// The cell the finding points at, for cell notes in the workbook.
    pub cell: Option<CellAddress>,
}

/// The annex table of acknowledged findings with their reasons; findings
/// not acknowledged are left out.
pub fn findings_table(findings: &[FindingRow]) -> ExportTable {
    let mut rows = vec![vec![
        TableCell::text("Installation"),
        TableCell::text("Where"),
        TableCell::text("Finding"),
        TableCell::text("Reason it stands"),
    ]];
    rows.extend(findings.iter().filter_map(|finding| {
        let reason = finding.reason.as_deref()?;
        Some(vec![
            TableCell::text(finding.installation.trim()),
            TableCell::text(finding.location.trim()),
            TableCell::text(finding.message.trim()),
            TableCell::text(reason.trim()),
        ])
    }));
    ExportTable {
        kind: TableKind::Findings,
        name: "Findings".to_owned(),
        caption: Some("Acknowledged findings and the reasons they stand".to_owned()),
        widths_cm: vec![3.2, 3.0, 5.4, 4.4],
        header_rows: 1,
        rows,
    }
}

fn right(mut cell: TableCell) -> TableCell {
    cell.align = Align::Right;
    cell
}

/// Which installations an export covers.
pub fn selected_installations(report: &Report, only: Option<&[usize]>) -> Vec<usize> {
    match only {
        None => (0..report.installations.len()).collect(),
        Some(indices) => indices
            .iter()
            .copied()
            .filter(|&index| index < report.installations.len())
            .collect(),
    }
}

/// Whether a metric's TOT is the sum of its periods (quantities).
pub fn total_is_sum(installation: &Installation, metric: usize) -> bool {
    installation
        .metrics
        .get(metric)
        .is_some_and(|metric| metric.kind() == MetricKind::Quantity)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::samples::Sample;

    fn sample() -> Report {
        Sample::M36.report().unwrap()
    }

    #[test]
    fn the_metric_table_has_the_deliverables_columns_and_formatted_numbers() {
        let report = sample();
        let table = metric_table(&report, 0, NumberStyle::Eu).unwrap();
        let texts = table.texts();
        assert_eq!(
            texts[0],
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
        assert_eq!(table.header_rows, 1);
        let cycles = &table.rows[3];
        assert_eq!(cycles[0].text, "ML training cycles (CPU+GPU-hours)");
        assert_eq!(cycles[1].text, "4.000.000");
        assert_eq!(cycles[3].text, "554.136");
        assert_eq!(cycles[3].number, Some(554_136.0));
        assert_eq!(cycles[3].align, Align::Right);
        assert_eq!(cycles[6].text, "2.801.047");
        // A country list keeps its text and sits on the left.
        let names = &table.rows[5];
        assert_eq!(
            names[3].text,
            "FR, BE, ES, IE, DE, SK, NL, USA, UK, DK, TR, PT"
        );
        assert_eq!(names[3].align, Align::Left);
        assert!(
            table
                .rows
                .iter()
                .all(|row| row.len() == table.column_count())
        );
    }

    #[test]
    fn cells_that_are_not_plain_numbers_keep_their_text() {
        for (written, shown, align) in [
            ("> 15000", "> 15000", Align::Right),
            ("3M", "3M", Align::Right),
            ("N/A", "N/A", Align::Right),
            ("logs", "logs", Align::Left),
            ("  10 ", "10", Align::Right),
            ("29433,6", "29,433.6", Align::Right),
        ] {
            let cell = TableCell::from_cell(&Cell::new(written), NumberStyle::Us);
            assert_eq!(
                (cell.text.as_str(), cell.align),
                (shown, align),
                "{written:?}"
            );
        }
    }

    #[test]
    fn widths_fill_the_text_width_of_a_portrait_a4_page() {
        let report = sample();
        for table in [
            metric_table(&report, 0, NumberStyle::Us).unwrap(),
            description_table(&report, 0).unwrap(),
            cumulative_table(&report, NumberStyle::Us),
            findings_table(&[]),
        ] {
            let sum: f32 = table.widths_cm.iter().sum();
            assert!((sum - TEXT_WIDTH_CM).abs() < 0.01, "{}: {sum}", table.name);
            assert!(table.widths_cm.iter().all(|&w| w >= 1.2), "{}", table.name);
        }
        assert_eq!(metric_widths(6).len(), 10);
        assert!((metric_widths(6).iter().sum::<f32>() - TEXT_WIDTH_CM).abs() < 0.01);
    }

    #[test]
    fn the_cumulative_table_is_laid_out_as_table_1() {
        let report = sample();
        let table = cumulative_table(&report, NumberStyle::Si);
        let texts = table.texts();
        assert_eq!(texts[0][0], "UNIT");
        assert_eq!(texts[0][2], "USED BY M6 (Feb 2023)");
        assert_eq!(texts[3][0], "CPU-compute (CPU-h) - Accumulative");
        assert_eq!(texts[3][7], "11\u{202F}113\u{202F}730");
        assert_eq!(
            table.caption.as_deref(),
            Some("Cumulative resource consumption during project lifetime")
        );
    }

    #[test]
    fn captions_lose_their_written_number() {
        for (written, expected) in [
            ("Table 1 Cumulative use", "Cumulative use"),
            ("Table 12: Cumulative use", "Cumulative use"),
            ("Cumulative use", "Cumulative use"),
            ("Table of use", "Table of use"),
            (
                "",
                "Cumulative resource consumption during project lifetime",
            ),
        ] {
            assert_eq!(caption_text(written), expected, "{written:?}");
        }
    }

    #[test]
    fn the_description_table_has_twelve_labelled_rows() {
        let report = sample();
        let table = description_table(&report, 0).unwrap();
        assert_eq!(table.rows.len(), 12);
        assert_eq!(table.header_rows, 0);
        assert_eq!(table.rows[1][0].text, "Task");
        assert_eq!(table.rows[1][1].text, "T4.1");
        assert!(description_table(&report, 99).is_none());
    }

    #[test]
    fn the_findings_table_lists_reasons() {
        let finding = |reason: Option<&str>| FindingRow {
            installation: "INCD - CPU".to_owned(),
            location: "TOT".to_owned(),
            severity: "error".to_owned(),
            message: "TOT is not the sum".to_owned(),
            reason: reason.map(str::to_owned),
            cell: None,
        };
        let table = findings_table(&[finding(Some("as printed")), finding(None)]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.texts()[1][3], "as printed");
    }

    #[test]
    fn selections_skip_installations_that_do_not_exist() {
        let report = sample();
        assert_eq!(selected_installations(&report, None).len(), 11);
        assert_eq!(selected_installations(&report, Some(&[2, 40])), [2]);
    }
}

//! The metrics table as plain data: columns, headers, and for every cell the
//! text to show, whether it is a number, and what hovering explains. Drawing
//! (`metric_table`) only lays this out.

use crate::check::Severity;
use crate::edit::Edit;
use crate::model::number_format::format_quantity;
use crate::model::{
    Bound, Cell, CellAddress, CellValue, CountryNote, MetricColumn, MetricKind, NumberStyle,
    Report, TextAddress,
};

/// A column of the metrics grid, as the deliverable orders them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GridColumn {
    Name,
    Baseline,
    Method,
    Period(usize),
    Total,
}

impl GridColumn {
    pub fn all(period_count: usize) -> Vec<Self> {
        let mut columns = vec![Self::Name, Self::Baseline, Self::Method];
        columns.extend((0..period_count).map(Self::Period));
        columns.push(Self::Total);
        columns
    }

    pub fn header(self, report: &Report) -> String {
        match self {
            Self::Name => "Metric name".to_owned(),
            Self::Method => "Define how measurement is done".to_owned(),
            Self::Baseline => MetricColumn::Baseline.label(report),
            Self::Period(index) => MetricColumn::Period(index).label(report),
            Self::Total => MetricColumn::Total.label(report),
        }
    }

    /// The model column of a cell column; None for the two text columns.
    pub fn cell_column(self) -> Option<MetricColumn> {
        match self {
            Self::Baseline => Some(MetricColumn::Baseline),
            Self::Period(index) => Some(MetricColumn::Period(index)),
            Self::Total => Some(MetricColumn::Total),
            Self::Name | Self::Method => None,
        }
    }
}

/// How a cell reads in the table.
#[derive(Clone, Debug, PartialEq)]
pub struct CellDisplay {
    /// What the table shows: numbers re-formatted with thousands separators,
    /// everything else as written (trimmed).
    pub shown: String,
    /// Right-aligned when true.
    pub numeric: bool,
    /// What hovering explains (how the text was read), if anything.
    pub hover: Option<String>,
    /// The parser kept the text but marked it (e.g. a suspicious country code).
    pub flagged: bool,
}

/// How `cell` reads, numbers formatted in `style`.
pub fn cell_display(cell: &Cell, style: NumberStyle) -> CellDisplay {
    let written = cell.text().trim();
    match cell.value() {
        CellValue::Blank => CellDisplay {
            shown: String::new(),
            numeric: false,
            hover: None,
            flagged: false,
        },
        CellValue::NotApplicable => CellDisplay {
            shown: written.to_owned(),
            numeric: false,
            hover: Some("Not applicable".to_owned()),
            flagged: false,
        },
        CellValue::Number(quantity) => {
            let formatted = format_quantity(quantity, style);
            if quantity.plain {
                let hover = (formatted != written).then(|| format!("Written as “{written}”"));
                CellDisplay {
                    shown: formatted,
                    numeric: true,
                    hover,
                    flagged: false,
                }
            } else {
                let unit = quantity
                    .unit
                    .as_deref()
                    .map(|unit| format!(" {unit}"))
                    .unwrap_or_default();
                let whole = crate::model::number_format::format_number(quantity.value, 0, style);
                let value = if quantity.value.fract() == 0.0 {
                    whole
                } else {
                    formatted
                };
                CellDisplay {
                    shown: written.to_owned(),
                    numeric: true,
                    hover: Some(format!(
                        "Read as {}{value}{unit}",
                        bound_words(quantity.bound)
                    )),
                    flagged: false,
                }
            }
        }
        CellValue::Countries(list) => {
            let mut lines = vec![format!(
                "{} countries: {}",
                list.distinct_count(),
                list.codes().into_iter().collect::<Vec<_>>().join(", ")
            )];
            for entry in &list.entries {
                match &entry.note {
                    CountryNote::Iso | CountryNote::Name => {}
                    CountryNote::Alias { canonical } => {
                        lines.push(format!("{} is read as {canonical}", entry.written));
                    }
                    CountryNote::Suspicious { reason, .. } => lines.push(reason.clone()),
                    CountryNote::Unknown => {
                        lines.push(format!("{} is not a country code", entry.written));
                    }
                }
            }
            let flagged = list.entries.iter().any(|entry| {
                matches!(
                    entry.note,
                    CountryNote::Suspicious { .. } | CountryNote::Unknown
                )
            });
            CellDisplay {
                shown: written.to_owned(),
                numeric: false,
                hover: Some(lines.join("\n")),
                flagged,
            }
        }
        CellValue::Text => CellDisplay {
            shown: written.to_owned(),
            numeric: false,
            hover: None,
            flagged: false,
        },
    }
}

fn bound_words(bound: Bound) -> &'static str {
    match bound {
        Bound::Exact => "",
        Bound::MoreThan => "more than ",
        Bound::AtLeast => "at least ",
        Bound::LessThan => "less than ",
        Bound::AtMost => "at most ",
        Bound::Approximately => "about ",
    }
}

/// A finding of the checks that hits a grid cell, as the cell shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CellFinding {
    /// The finding's index in [`super::findings_panel::FindingsView`].
    pub index: usize,
    pub severity: Severity,
    pub message: String,
    /// What the fix does, when there is one.
    pub fix: Option<String>,
    pub acknowledged: bool,
}

/// How a cell with findings is marked: the worst open finding's severity,
/// or, when every finding is acknowledged, the worst one greyed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellMark {
    pub severity: Severity,
    pub acknowledged: bool,
}

/// The mark of a cell hit by `findings`; None without findings.
pub fn cell_mark(findings: &[CellFinding]) -> Option<CellMark> {
    let open = findings
        .iter()
        .filter(|f| !f.acknowledged)
        .map(|f| f.severity)
        .min();
    match open {
        Some(severity) => Some(CellMark {
            severity,
            acknowledged: false,
        }),
        None => findings
            .iter()
            .map(|f| f.severity)
            .min()
            .map(|severity| CellMark {
                severity,
                acknowledged: true,
            }),
    }
}

/// What hovering a marked cell says: each finding and its fix, after the
/// cell's own explanation.
pub fn findings_hover(own: Option<&str>, findings: &[CellFinding]) -> Option<String> {
    if findings.is_empty() {
        return own.map(str::to_owned);
    }
    let mut lines: Vec<String> = own.map(str::to_owned).into_iter().collect();
    for finding in findings {
        let mut line = format!("{}: {}", severity_word(finding.severity), finding.message);
        if finding.acknowledged {
            line.push_str(" (acknowledged)");
        }
        lines.push(line);
        if let Some(fix) = &finding.fix {
            lines.push(format!("Fix: {fix}"));
        }
    }
    Some(lines.join("\n"))
}

/// "Error", "Warning", "Info".
pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct GridCell {
    pub column: GridColumn,
    /// The findings of the checks that hit this cell.
    pub findings: Vec<CellFinding>,
    /// The text exactly as written: what the editor shows.
    pub written: String,
    pub display: CellDisplay,
    /// "INCD - CPU, Number of users, M25-M36": for screen readers and tests.
    pub accessible_name: String,
    /// A TOT the app computes from the periods (shown as computed).
    pub computed: bool,
    /// "Imported from file.xlsx, sheet CPU, B7", when the cell was imported.
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GridRow {
    pub metric_name: String,
    pub kind: MetricKind,
    pub unit: String,
    pub link: MetricLink,
    pub cells: Vec<GridCell>,
    /// The TOT follows the periods (`Metric::total_follows`).
    pub total_follows: bool,
}

/// A metric's kind and resource as the table shows them, and whether each
/// is a guess or the user's choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetricLink {
    pub kind: MetricKind,
    pub kind_confirmed: bool,
    /// The resource's id, `None` for no resource.
    pub resource: Option<String>,
    pub resource_confirmed: bool,
    /// "Quantity · CPU", with "?" after each guessed part.
    pub summary: String,
    /// Says what is guessed and how to decide.
    pub hover: String,
}

impl MetricLink {
    pub fn of(metric: &crate::model::Metric, report: &Report) -> Self {
        let mark = |confirmed: bool| if confirmed { "" } else { "?" };
        let resource_label = match report.resource_of(metric) {
            Some(row) => row.label.clone(),
            None => match metric.resource() {
                Some(id) => format!("{id} (missing)"),
                None => "no resource".to_owned(),
            },
        };
        let summary = format!(
            "{}{} · {}{}",
            metric.kind().label(),
            mark(metric.kind_confirmed),
            resource_label,
            mark(metric.resource_confirmed)
        );
        let state = |confirmed: bool| {
            if confirmed {
                "your choice"
            } else {
                "guessed from the name and values"
            }
        };
        let hover = format!(
            "Kind: {} ({}): {}\nResource: {} ({})\nClick to choose; ? marks a guess",
            metric.kind().label(),
            state(metric.kind_confirmed),
            metric.kind().total_rule(),
            resource_label,
            state(metric.resource_confirmed)
        );
        Self {
            kind: metric.kind(),
            kind_confirmed: metric.kind_confirmed,
            resource: metric.resource.clone(),
            resource_confirmed: metric.resource_confirmed,
            summary,
            hover,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MetricTableView {
    pub columns: Vec<GridColumn>,
    pub headers: Vec<String>,
    pub rows: Vec<GridRow>,
    /// The report's resources: (id, short name), for the resource menu.
    pub resources: Vec<(String, String)>,
}

/// Everything the metrics table of installation `index` shows.
pub fn metric_table_view(
    report: &Report,
    index: usize,
    style: NumberStyle,
) -> Option<MetricTableView> {
    let installation = report.installations.get(index)?;
    let columns = GridColumn::all(report.periods.len());
    let headers = columns.iter().map(|column| column.header(report)).collect();
    let rows = installation
        .metrics
        .iter()
        .map(|metric| {
            let cells = columns
                .iter()
                .map(|&column| {
                    let (written, display) = match column {
                        GridColumn::Name => (metric.name.clone(), plain_text(&metric.name)),
                        GridColumn::Method => (metric.method.clone(), plain_text(&metric.method)),
                        GridColumn::Baseline => cell_parts(&metric.baseline, style),
                        GridColumn::Total => cell_parts(&metric.total, style),
                        GridColumn::Period(period) => match metric.values.get(period) {
                            Some(cell) => cell_parts(cell, style),
                            None => (String::new(), plain_text("")),
                        },
                    };
                    let source = source_line(metric, column, report);
                    let mut display = display;
                    if let Some(line) = &source {
                        display.hover = Some(match display.hover {
                            Some(hover) => format!("{hover}\n{line}"),
                            None => line.clone(),
                        });
                    }
                    let metric_part = match column {
                        GridColumn::Name => "metric name".to_owned(),
                        _ => metric.name.clone(),
                    };
                    let mut accessible_name =
                        format!("{}, {metric_part}, {}", installation.name, column.header(report));
                    let computed = column == GridColumn::Total
                        && metric.total_follows
                        && crate::edit::kind_computes_total(metric.kind());
                    if computed {
                        accessible_name.push_str(" (TOT computed)");
                        let own = display.hover.take();
                        display.hover = Some(
                            [
                                Some(format!(
                                    "TOT computed: {}. Typing here or \"Type the TOT\" in the cell's menu makes it yours",
                                    metric.kind().total_rule()
                                )),
                                own,
                            ]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join("\n"),
                        );
                    }
                    GridCell {
                        column,
                        findings: Vec::new(),
                        written,
                        display,
                        accessible_name,
                        computed,
                        source,
                    }
                })
                .collect();
            GridRow {
                metric_name: metric.name.clone(),
                kind: metric.kind(),
                unit: report.unit_of(metric),
                link: MetricLink::of(metric, report),
                cells,
                total_follows: metric.total_follows,
            }
        })
        .collect();
    Some(MetricTableView {
        columns,
        headers,
        rows,
        resources: report
            .cumulative
            .rows
            .iter()
            .map(|row| (row.id.clone(), row.label.clone()))
            .collect(),
    })
}

impl MetricTableView {
    /// Puts on each cell the findings that hit it; `findings_at(metric,
    /// column)` gives them for one cell of this installation.
    pub fn attach_findings(
        &mut self,
        findings_at: impl Fn(usize, MetricColumn) -> Vec<CellFinding>,
    ) {
        for (metric, row) in self.rows.iter_mut().enumerate() {
            for cell in &mut row.cells {
                if let Some(column) = cell.column.cell_column() {
                    cell.findings = findings_at(metric, column);
                }
            }
        }
    }
}

/// Adds "Imported from …" to the hover of a cell that was imported.
/// Where an imported cell came from, and whether it was edited since.
fn source_line(
    metric: &crate::model::Metric,
    column: GridColumn,
    report: &Report,
) -> Option<String> {
    let source = column
        .cell_column()
        .and_then(|column| crate::model::source::source_key(column, &report.periods))
        .and_then(|key| metric.sources.get(&key))?;
    let written = column
        .cell_column()
        .and_then(|column| match column {
            MetricColumn::Baseline => Some(&metric.baseline),
            MetricColumn::Total => Some(&metric.total),
            MetricColumn::Period(p) => metric.values.get(p),
        })
        .map(|cell| cell.text().to_owned())
        .unwrap_or_default();
    let edited = !source.imported.is_empty() && source.imported != written;
    Some(if edited {
        format!("Imported from {}, edited since", source.describe())
    } else {
        format!("Imported from {}", source.describe())
    })
}

fn cell_parts(cell: &Cell, style: NumberStyle) -> (String, CellDisplay) {
    (cell.text().to_owned(), cell_display(cell, style))
}

fn plain_text(text: &str) -> CellDisplay {
    CellDisplay {
        shown: text.trim().to_owned(),
        numeric: false,
        hover: None,
        flagged: false,
    }
}

/// The edit that puts `text` into a grid cell.
pub fn grid_edit(installation: usize, metric: usize, column: GridColumn, text: String) -> Edit {
    match column {
        GridColumn::Name => Edit::SetText {
            address: TextAddress::MetricName {
                installation,
                metric,
            },
            text,
        },
        GridColumn::Method => Edit::SetText {
            address: TextAddress::MetricMethod {
                installation,
                metric,
            },
            text,
        },
        GridColumn::Baseline => cell_edit(installation, metric, MetricColumn::Baseline, text),
        GridColumn::Period(period) => {
            cell_edit(installation, metric, MetricColumn::Period(period), text)
        }
        GridColumn::Total => cell_edit(installation, metric, MetricColumn::Total, text),
    }
}

fn cell_edit(installation: usize, metric: usize, column: MetricColumn, text: String) -> Edit {
    Edit::SetCell {
        address: CellAddress::Metric {
            installation,
            metric,
            column,
        },
        text,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::model::{Installation, Metric, YearMonth};

    fn report_with(cells: &[&str]) -> Report {
        let mut report = Report::empty(
            "x",
            YearMonth {
                year: 2022,
                month: 9,
            },
            3,
        );
        let mut installation = Installation::new("INCD - CPU");
        let mut metric = Metric::new("CPU/hours served over the period", 3);
        metric.baseline = Cell::new(cells[0]);
        for (value, text) in metric.values.iter_mut().zip(&cells[1..4]) {
            *value = Cell::new(*text);
        }
        metric.total = Cell::new(cells[4]);
        installation.metrics.push(metric);
        report.installations.push(installation);
        report
    }

    #[test]
    fn imported_cells_name_their_source_on_hover() {
        let mut report = report_with(&["", "1", "2", "3", "6"]);
        report.installations[0].metrics[0].sources.insert(
            "M25-M36".to_owned(),
            crate::model::CellSource {
                file: "INCD.xlsx".to_owned(),
                sheet: "CPU".to_owned(),
                cell: "F4".to_owned(),
                imported: "3".to_owned(),
            },
        );
        let view = metric_table_view(&report, 0, NumberStyle::Us).unwrap();
        let hover = |column| {
            view.rows[0]
                .cells
                .iter()
                .find(|c| c.column == column)
                .unwrap()
                .display
                .hover
                .clone()
        };
        assert_eq!(
            hover(GridColumn::Period(2)).as_deref(),
            Some("Imported from INCD.xlsx, sheet CPU, cell F4")
        );
        assert_eq!(hover(GridColumn::Period(1)), None);
        report.installations[0].metrics[0].values[2] = Cell::new("4");
        let view = metric_table_view(&report, 0, NumberStyle::Us).unwrap();
        let hover = view.rows[0]
            .cells
            .iter()
            .find(|c| c.column == GridColumn::Period(2))
            .unwrap();
        assert_eq!(
            hover.display.hover.as_deref(),
            Some("Imported from INCD.xlsx, sheet CPU, cell F4, edited since")
        );
    }

    #[test]
    fn numbers_are_formatted_and_right_aligned_while_the_text_is_kept() {
        let report = report_with(&["4.000.000", "174003", "1,552,267", "29433.6", "> 15000"]);
        let view = metric_table_view(&report, 0, NumberStyle::Us).unwrap();
        assert_eq!(
            view.headers,
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
        let row = &view.rows[0];
        let shown: Vec<_> = row.cells.iter().map(|c| c.display.shown.as_str()).collect();
        assert_eq!(
            shown,
            [
                "CPU/hours served over the period",
                "4,000,000",
                "",
                "174,003",
                "1,552,267",
                "29,433.6",
                "> 15000"
            ]
        );
        assert_eq!(row.cells[1].written, "4.000.000");
        assert_eq!(
            row.cells[1].display.hover.as_deref(),
            Some("Written as “4.000.000”")
        );
        assert!(row.cells[3].display.numeric);
        assert!(!row.cells[0].display.numeric);
        assert_eq!(
            row.cells[6].display.hover.as_deref(),
            Some("Read as more than 15,000")
        );
        assert_eq!(
            row.cells[5].accessible_name,
            "INCD - CPU, CPU/hours served over the period, M25-M36"
        );
    }

    #[test]
    fn eu_style_formats_with_dots() {
        let report = report_with(&["3,900,000", "", "", "", ""]);
        let view = metric_table_view(&report, 0, NumberStyle::Eu).unwrap();
        assert_eq!(view.rows[0].cells[1].display.shown, "3.900.000");
    }

    #[test]
    fn suspicious_country_codes_are_flagged_and_explained() {
        let report = report_with(&["SP, PT, UK", "", "", "", ""]);
        let view = metric_table_view(&report, 0, NumberStyle::Us).unwrap();
        let baseline = &view.rows[0].cells[1].display;
        assert!(baseline.flagged);
        let hover = baseline.hover.as_deref().unwrap();
        assert!(hover.contains("UK is read as GB"), "{hover}");
        assert!(hover.contains("Spain is ES"), "{hover}");
    }

    #[test]
    fn grid_edits_address_the_right_field() {
        assert_eq!(
            grid_edit(2, 1, GridColumn::Period(0), "5".to_owned()),
            Edit::SetCell {
                address: CellAddress::Metric {
                    installation: 2,
                    metric: 1,
                    column: MetricColumn::Period(0)
                },
                text: "5".to_owned()
            }
        );
        assert!(matches!(
            grid_edit(0, 0, GridColumn::Name, String::new()),
            Edit::SetText {
                address: TextAddress::MetricName { .. },
                ..
            }
        ));
    }
}

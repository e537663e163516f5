//! The report's own table: `Metric name | Baseline | Define how ... |
//! M1-M12 | ... | TOT`, one row per metric, the installation named by a
//! title above or by the sheet. Headers in the providers' languages, period
//! labels read against the report's periods.

use super::{Layout, Table};
use crate::import::Guess;
use crate::import::read::{Row, Value, a1};
use crate::import::recognise::{
    Context, Found, GridResult, is_note, match_metric, metric_miss, period_index, shown, text_of,
};
use crate::import::recognise::{no_metric_called, not_the_total};
use crate::import::text::{Calendar, HeaderKind, header_kind};
use crate::model::MetricColumn;

pub struct ReportTable;

impl Layout for ReportTable {
    fn name(&self) -> &'static str {
        "report table"
    }

    fn header(&self, context: &Context<'_>, position: usize) -> Option<Box<dyn Table>> {
        let row = context.grid.rows.get(position)?;
        table_columns(row, context.calendar).map(|columns| Box::new(columns) as Box<dyn Table>)
    }
}

impl Table for TableColumns {
    fn columns(&self) -> Vec<u32> {
        std::iter::once(self.name)
            .chain(self.columns.iter().map(|(c, _, _)| *c))
            .collect()
    }

    fn read(
        &self,
        context: &Context<'_>,
        installation: Option<usize>,
        data: &[Row],
        result: &mut GridResult,
    ) -> Option<String> {
        let before = result.found.len();
        table_rows(context, installation, self, data, result);
        let names: Vec<String> = data
            .iter()
            .filter_map(|row| row.get(self.name).and_then(text_of))
            .filter(|name| !is_note(name))
            .map(str::to_owned)
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        match installation {
            Some(i)
                if result.found.len() == before
                    && !names.is_empty()
                    && names
                        .iter()
                        .all(|name| match_metric(context.report, i, name).is_none()) =>
            {
                Some(metric_miss(context.report, i, &names))
            }
            _ => None,
        }
    }
}

/// Header of a metric table: the metric-name column and the others.
#[derive(Clone, Debug)]
pub(crate) struct TableColumns {
    name: u32,
    columns: Vec<(u32, HeaderKind, String)>,
}

fn table_columns(row: &Row, calendar: Calendar<'_>) -> Option<TableColumns> {
    let mut name = None;
    let mut columns = Vec::new();
    for (column, cell) in &row.cells {
        let Some(text) = text_of(cell) else { continue };
        match header_kind(text, calendar) {
            Some(HeaderKind::MetricName) if name.is_none() => name = Some(*column),
            Some(HeaderKind::MetricName) | None => {}
            Some(kind) => columns.push((*column, kind, text.trim().to_owned())),
        }
    }
    let name = name?;
    columns.retain(|(c, _, _)| *c > name);
    (!columns.is_empty()).then_some(TableColumns { name, columns })
}

fn table_rows(
    context: &Context<'_>,
    installation: Option<usize>,
    columns: &TableColumns,
    data: &[Row],
    result: &mut GridResult,
) {
    let report = context.report;
    for row in data {
        let name = row.get(columns.name).map(shown).unwrap_or_default();
        let values: Vec<(u32, &HeaderKind, &str, &Value)> = columns
            .columns
            .iter()
            .filter(|(_, kind, _)| *kind != HeaderKind::Method)
            .filter_map(|(c, kind, header)| row.get(*c).map(|v| (*c, kind, header.as_str(), v)))
            .collect();
        if values.is_empty() || is_note(&name) {
            continue;
        }
        let metric = installation.and_then(|i| match_metric(report, i, &name));
        for (column, kind, header, value) in values {
            let cell = a1(row.index, column);
            let target = match kind {
                HeaderKind::Baseline => Some(MetricColumn::Baseline),
                HeaderKind::Total => Some(MetricColumn::Total),
                HeaderKind::Months(months) => {
                    period_index(report, *months).map(MetricColumn::Period)
                }
                HeaderKind::MetricName | HeaderKind::Method | HeaderKind::TotalOver(_) => None,
            };
            let guess = Guess {
                installation,
                metric,
                column: target,
            };
            let Some(text) = context.cell_text_or_note(&mut result.unmatched, value, &cell, guess)
            else {
                continue;
            };
            let reason = match (installation, metric, target) {
                (None, _, _) => Some(format!(
                    "no installation of the report is named by a title above the table or by the sheet name {:?}",
                    context.sheet
                )),
                (Some(i), None, _) => Some(no_metric_called(report, i, name.trim())),
                (_, _, None) => Some(match kind {
                    HeaderKind::TotalOver(months) => not_the_total(*months, context.calendar),
                    _ => format!("the report has no period column {header}"),
                }),
                _ => None,
            };
            match (reason, installation, metric, target) {
                (None, Some(installation), Some(metric), Some(column)) => {
                    result.found.push(Found {
                        installation,
                        metric,
                        column,
                        text,
                        sheet: context.sheet.to_owned(),
                        cell,
                    });
                }
                (reason, ..) => {
                    let label = if name.trim().is_empty() {
                        header.to_owned()
                    } else {
                        format!("{} ({header})", name.trim())
                    };
                    result.unmatched.push(
                        context
                            .unmatched(cell, label, reason.unwrap_or_default(), Some(text), guess)
                            .with_names("", &name),
                    );
                }
            }
        }
    }
}

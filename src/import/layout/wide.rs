//! What the layouts with one row per metric share: columns that are the
//! report's (baseline, periods, TOT) or single months, read row by row into
//! report cells, months summed into whole periods only.

use std::collections::BTreeMap;

use crate::import::Guess;
use crate::import::read::{Row, Value, a1};
use crate::import::recognise::{
    Bucket, Context, GridResult, Sums, is_note, match_installation, match_metric, metric_miss,
    period_index, shown, text_of, whole_periods,
};
use crate::import::recognise::{no_metric_called, not_the_total};
use crate::import::text::{HeaderKind, header_kind, parse_plain_number, single_month};
use crate::model::MetricColumn;

/// What a value column of a wide table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    /// A column the report has, or a total over other months.
    Header(HeaderKind),
    /// One project month.
    Month(u32),
}

/// A header cell as a value column: a single month first (so `M13` is a
/// month, not a one-month period), else a header the report table knows.
pub(crate) fn column_of(context: &Context<'_>, value: &Value) -> Option<Column> {
    match value {
        Value::Date { year, month } => {
            let month = crate::model::YearMonth::new(*year, *month)?;
            crate::import::text::project_month(month, context.calendar.start).map(Column::Month)
        }
        Value::Text(text) => single_month(text, context.calendar.start)
            .map(Column::Month)
            .or_else(|| match header_kind(text, context.calendar)? {
                HeaderKind::MetricName | HeaderKind::Method => None,
                kind => Some(Column::Header(kind)),
            }),
        _ => None,
    }
}

/// A table with one row per metric: where the names are, perhaps where
/// the installations are, and the value columns.
#[derive(Clone, Debug)]
pub(crate) struct Wide {
    pub name: u32,
    pub installation: Option<u32>,
    pub columns: Vec<(u32, Column, String)>,
}

impl Wide {
    pub fn all_columns(&self) -> Vec<u32> {
        self.installation
            .into_iter()
            .chain(std::iter::once(self.name))
            .chain(self.columns.iter().map(|(c, _, _)| *c))
            .collect()
    }

    /// Reads every data row; returns why nothing matched, when no row
    /// named a metric of its installation.
    pub fn read(
        &self,
        context: &Context<'_>,
        fixed: Option<usize>,
        data: &[Row],
        result: &mut GridResult,
    ) -> Option<String> {
        let report = context.report;
        let before = result.found.len();
        let mut buckets: BTreeMap<(usize, usize, usize), Bucket> = BTreeMap::new();
        let mut missed_names: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for row in data {
            let name = row.get(self.name).map(shown).unwrap_or_default();
            let values: Vec<(u32, Column, &str, &Value)> = self
                .columns
                .iter()
                .filter_map(|(c, kind, header)| {
                    row.get(*c).map(|v| (*c, *kind, header.as_str(), v))
                })
                .collect();
            if values.is_empty() || name.trim().is_empty() || is_note(&name) {
                continue;
            }
            let (installation, installation_text) = match self.installation {
                Some(column) => {
                    let text = row.get(column).and_then(text_of).unwrap_or_default();
                    (match_installation(report, text), Some(text.to_owned()))
                }
                None => (fixed, None),
            };
            let metric = installation.and_then(|i| match_metric(report, i, &name));
            if let (Some(i), None) = (installation, metric) {
                missed_names
                    .entry(i)
                    .or_default()
                    .push(name.trim().to_owned());
            }
            for (column, kind, header, value) in values {
                let cell = a1(row.index, column);
                let target = match kind {
                    Column::Header(HeaderKind::Baseline) => Some(MetricColumn::Baseline),
                    Column::Header(HeaderKind::Total) => Some(MetricColumn::Total),
                    Column::Header(HeaderKind::Months(months)) => {
                        period_index(report, months).map(MetricColumn::Period)
                    }
                    Column::Month(month) => report
                        .periods
                        .iter()
                        .position(|p| (p.months.first..=p.months.last).contains(&month))
                        .map(MetricColumn::Period),
                    Column::Header(_) => None,
                };
                let guess = Guess {
                    installation,
                    metric,
                    column: target,
                };
                let reason = match (installation, metric, target) {
                    (None, _, _) => Some(match &installation_text {
                        Some(text) => format!("no installation of the report is called {text:?}"),
                        None => format!(
                            "no installation of the report is named by a title above the table or by the sheet name {:?}",
                            context.sheet
                        ),
                    }),
                    (Some(i), None, _) => Some(no_metric_called(report, i, name.trim())),
                    (_, _, None) => Some(match kind {
                        Column::Header(HeaderKind::TotalOver(months)) => {
                            not_the_total(months, context.calendar)
                        }
                        Column::Month(month) => format!(
                            "{} is outside the report's periods",
                            report.project_start.project_month(month).short_name()
                        ),
                        _ => format!("the report has no period column {header}"),
                    }),
                    _ => None,
                };
                let label = format!("{} ({header})", name.trim());
                if let (
                    None,
                    Some(i),
                    Some(m),
                    Some(MetricColumn::Period(p)),
                    Column::Month(month),
                ) = (&reason, installation, metric, target, kind)
                {
                    let number = match value {
                        Value::Number(n) => Some(*n),
                        Value::Text(text) => parse_plain_number(
                            text,
                            context.convention.or_report(report.decimal_mark),
                        ),
                        _ => None,
                    };
                    let Some(number) = number else {
                        result.unmatched.push(context.unmatched(
                            cell,
                            label,
                            match value {
                                Value::Error(error) => format!("formula error {error}"),
                                _ => "not a number: months are added up into periods".to_owned(),
                            },
                            None,
                            guess,
                        ));
                        continue;
                    };
                    let bucket = buckets
                        .entry((i, m, p))
                        .or_insert_with(|| Bucket::at(row.index, column));
                    bucket.first = bucket.first.min((row.index, column));
                    bucket.last = bucket.last.max((row.index, column));
                    bucket.months.insert(month);
                    bucket.sum += number;
                    continue;
                }
                let Some(text) =
                    context.cell_text_or_note(&mut result.unmatched, value, &cell, guess)
                else {
                    continue;
                };
                match (reason, installation, metric, target) {
                    (None, Some(i), Some(m), Some(column)) => {
                        result.found.push(context.found(i, m, column, text, cell));
                    }
                    (reason, ..) => result.unmatched.push(
                        context
                            .unmatched(cell, label, reason.unwrap_or_default(), Some(text), guess)
                            .with_names(installation_text.as_deref().unwrap_or_default(), &name),
                    ),
                }
            }
        }
        whole_periods(
            context,
            &buckets,
            Sums {
                values: true,
                identities: false,
                source: "month columns",
            },
            result,
        );
        if result.found.len() > before {
            return None;
        }
        missed_names.iter().next().map(|(i, names)| {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            metric_miss(report, *i, &names)
        })
    }
}

//! Long records: one row per month (or day) and metric, perhaps per
//! installation and per user, summed into the report's periods when they
//! cover every month of a period. Columns are told by their header words
//! (in the providers' languages) and by their content: a column of dates or
//! months (`2025-07`, `Jul 2025`, date cells, Excel serials under a date
//! header), one numeric column, text columns whose values name the report's
//! installations, metrics or resources.

use std::collections::{BTreeMap, HashMap};

use super::{Layout, Table, all_words, rows_below};
use crate::import::Guess;
use crate::import::read::{Row, Value, a1};
use crate::import::recognise::no_metric_called;
use crate::import::recognise::{
    Bucket, Context, GridResult, Sums, match_installation, record_metric, row_month, shown,
    text_of, whole_periods,
};
use crate::import::text::{
    IDENTITY_WORDS, INSTALLATION_WORDS, MONTH_WORDS, RECORD_METRIC_WORDS, VALUE_WORDS, has_word,
    month_label, parse_plain_number, project_month,
};
use crate::model::Report;

pub struct Records;

/// How many rows below a header are looked at to tell the columns' roles.
const SAMPLE_ROWS: usize = 30;

impl Layout for Records {
    fn name(&self) -> &'static str {
        "records"
    }

    fn header(&self, context: &Context<'_>, position: usize) -> Option<Box<dyn Table>> {
        let row = context.grid.rows.get(position)?;
        if !all_words(context, row) {
            return None;
        }
        let sample = rows_below(context, position, SAMPLE_ROWS);
        record_columns(context, row, sample).map(|columns| Box::new(columns) as Box<dyn Table>)
    }
}

/// Header of a records sheet: which columns hold what.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RecordColumns {
    installation: Option<u32>,
    metric: u32,
    month: u32,
    value: Option<u32>,
    identity: Option<u32>,
    header: (u32, u32),
}

/// What the sample rows hold in one column.
#[derive(Clone, Copy, Debug, Default)]
struct Content {
    cells: usize,
    /// Date cells and texts that read as a month.
    months: usize,
    /// Whole numbers that are Excel serial dates from 2000 to 2099.
    serials: usize,
    numbers: usize,
}

impl Content {
    fn mostly(self, count: usize) -> bool {
        self.cells > 0 && count * 5 >= self.cells * 4
    }

    fn half(self, count: usize) -> bool {
        self.cells > 0 && count * 2 >= self.cells
    }
}

/// True when `text` names a metric of any installation, or a resource of
/// the report (its label, unit or id).
fn names_metric(report: &Report, text: &str) -> bool {
    (0..report.installations.len()).any(|i| record_metric(report, i, text).is_some())
}

fn content(column: u32, sample: &[Row], convention: crate::import::text::Convention) -> Content {
    let mut content = Content::default();
    for value in sample.iter().filter_map(|row| row.get(column)) {
        content.cells += 1;
        match value {
            Value::Date { .. } => content.months += 1,
            Value::Number(n) => {
                content.numbers += 1;
                if n.fract() == 0.0 && (36_526.0..73_051.0).contains(n) {
                    content.serials += 1;
                }
            }
            Value::Text(text) => {
                if month_label(text).is_some() {
                    content.months += 1;
                } else if parse_plain_number(text, convention).is_some() {
                    content.numbers += 1;
                }
            }
            Value::Error(_) => {}
        }
    }
    content
}

/// How many texts of `column` below name an installation, and how many a
/// metric or resource: asked only once a month column is found.
fn names(context: &Context<'_>, column: u32, sample: &[Row]) -> (usize, usize) {
    let report = context.report;
    let (mut installations, mut metrics) = (0, 0);
    for text in sample
        .iter()
        .filter_map(|row| row.get(column).and_then(text_of))
    {
        if context.words.may_be_installation(text) && match_installation(report, text).is_some() {
            installations += 1;
        } else if context.words.may_be_metric(text) && names_metric(report, text) {
            metrics += 1;
        }
    }
    (installations, metrics)
}

fn record_columns(context: &Context<'_>, row: &Row, sample: &[Row]) -> Option<RecordColumns> {
    let (report, convention) = (context.report, context.convention);
    // A header is text: a row of data is not taken for one.
    if !row.cells.iter().all(|(_, v)| matches!(v, Value::Text(_))) {
        return None;
    }
    let mut installation = None;
    let mut metric = None;
    let mut month = None;
    let mut value = None;
    let mut identity = None;
    let mut unnamed = Vec::new();
    // Header words first: each header cell gets at most one role.
    for (column, cell) in &row.cells {
        let Some(text) = text_of(cell) else { continue };
        let has = |words: &[&str]| has_word(text, words);
        let what = content(*column, sample, convention);
        if installation.is_none() && has(INSTALLATION_WORDS) {
            installation = Some(*column);
        } else if metric.is_none() && has(RECORD_METRIC_WORDS) {
            metric = Some(*column);
        } else if month.is_none()
            && has(MONTH_WORDS)
            && (what.cells == 0 || what.half(what.months + what.numbers))
        {
            month = Some(*column);
        } else if value.is_none() && has(VALUE_WORDS) {
            value = Some(*column);
        } else if identity.is_none() && has(IDENTITY_WORDS) {
            identity = Some(*column);
        } else {
            unnamed.push((*column, what));
        }
    }
    // Then content, for the roles no header word gave.
    if month.is_none() {
        month = unnamed
            .iter()
            .find(|(_, what)| what.mostly(what.months))
            .map(|(column, _)| *column);
    }
    let numeric: Vec<u32> = unnamed
        .iter()
        .filter(|(column, what)| Some(*column) != month && what.mostly(what.numbers))
        .map(|(column, _)| *column)
        .collect();
    if month.is_none() {
        // Excel serial dates without a date format: only beside another
        // numeric column, which then holds the values.
        let serial = unnamed
            .iter()
            .find(|(_, what)| what.cells > 0 && what.serials == what.cells)
            .map(|(column, _)| *column);
        if let Some(serial) = serial
            && numeric.iter().any(|c| *c != serial)
        {
            month = Some(serial);
        }
    }
    if value.is_none() && identity.is_none() {
        let candidates: Vec<u32> = numeric
            .iter()
            .copied()
            .filter(|c| Some(*c) != month)
            .collect();
        if let [only] = candidates.as_slice() {
            value = Some(*only);
        }
    }
    // Without a month column there are no records: the names below are
    // looked at only now.
    let month = month?;
    if installation.is_none() || metric.is_none() {
        for (column, what) in &unnamed {
            if *column == month || Some(*column) == value {
                continue;
            }
            let (installations, metrics) = names(context, *column, sample);
            if installation.is_none() && what.half(installations) {
                installation = Some(*column);
            } else if metric.is_none() && what.half(metrics) {
                metric = Some(*column);
            }
        }
    }
    let metric = metric?;
    // A header cell is not itself what its column holds: a first row of
    // data is not a header.
    let header_text = |column: Option<u32>| column.and_then(|c| row.get(c)).and_then(text_of);
    if header_text(Some(month)).is_some_and(|t| month_label(t).is_some())
        || header_text(value).is_some_and(|t| parse_plain_number(t, convention).is_some())
        || header_text(installation).is_some_and(|t| match_installation(report, t).is_some())
        || header_text(Some(metric)).is_some_and(|t| names_metric(report, t))
    {
        return None;
    }
    (value.is_some() || identity.is_some()).then_some(RecordColumns {
        installation,
        metric,
        month,
        value,
        identity,
        header: (row.index, row.cells.first().map_or(0, |(c, _)| *c)),
    })
}

impl Table for RecordColumns {
    fn columns(&self) -> Vec<u32> {
        [
            self.installation,
            Some(self.metric),
            Some(self.month),
            self.value,
            self.identity,
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    fn takes_rest_of_sheet(&self) -> bool {
        true
    }

    fn names_installations(&self) -> bool {
        self.installation.is_some()
    }

    fn read(
        &self,
        context: &Context<'_>,
        installation: Option<usize>,
        data: &[Row],
        result: &mut GridResult,
    ) -> Option<String> {
        records(context, installation, *self, data, result);
        None
    }
}

fn records(
    context: &Context<'_>,
    fixed_installation: Option<usize>,
    columns: RecordColumns,
    data: &[Row],
    result: &mut GridResult,
) {
    let report = context.report;
    let mut installations: HashMap<String, Option<usize>> = HashMap::new();
    let mut metrics: Vec<HashMap<String, Option<usize>>> = Vec::new();
    let mut buckets: BTreeMap<(usize, usize, usize), Bucket> = BTreeMap::new();
    let mut problems: HashMap<String, (String, String, usize)> = HashMap::new();
    let mut note = |key: String, cell: String, reason: String| {
        problems
            .entry(key)
            .and_modify(|entry| entry.2 += 1)
            .or_insert((cell, reason, 1));
    };
    let periods: Vec<_> = report.periods.iter().map(|p| p.months).collect();
    let cell_column = columns.value.or(columns.identity).unwrap_or(columns.month);
    for row in data {
        let installation = match columns.installation.and_then(|c| row.get(c)) {
            Some(Value::Text(text)) => match installations.get(text.as_str()) {
                Some(found) => *found,
                None => {
                    let found = match_installation(report, text);
                    installations.insert(text.clone(), found);
                    found
                }
            },
            Some(_) => None,
            None => fixed_installation,
        };
        let Some(Value::Text(metric_text)) = row.get(columns.metric) else {
            continue;
        };
        let Some(installation) = installation else {
            let text = columns
                .installation
                .and_then(|c| row.get(c))
                .map(shown)
                .unwrap_or_else(|| context.sheet.to_owned());
            note(
                text.clone(),
                a1(row.index, columns.installation.unwrap_or(0)),
                format!("no installation of the report is called {text:?}"),
            );
            continue;
        };
        if metrics.len() <= installation {
            metrics.resize_with(installation + 1, HashMap::new);
        }
        let Some(known) = metrics.get_mut(installation) else {
            continue;
        };
        let metric = match known.get(metric_text.as_str()) {
            Some(found) => *found,
            None => {
                let found = record_metric(report, installation, metric_text);
                known.insert(metric_text.clone(), found);
                found
            }
        };
        let Some(metric) = metric else {
            note(
                metric_text.clone(),
                a1(row.index, columns.metric),
                no_metric_called(report, installation, metric_text),
            );
            continue;
        };
        let month_value = row.get(columns.month);
        let Some(month) = month_value.and_then(row_month) else {
            note(
                format!("month {}", a1(row.index, columns.month)),
                a1(row.index, columns.month),
                "not a month or date".to_owned(),
            );
            continue;
        };
        let project = project_month(month, report.project_start);
        let period =
            project.and_then(|m| periods.iter().position(|p| (p.first..=p.last).contains(&m)));
        let (Some(period), Some(project)) = (period, project) else {
            note(
                format!("outside {}", month.short_name()),
                a1(row.index, columns.month),
                format!("{} is outside the report's periods", month.short_name()),
            );
            continue;
        };
        let bucket = buckets
            .entry((installation, metric, period))
            .or_insert_with(|| Bucket::at(row.index, cell_column));
        bucket.last = (row.index, cell_column);
        bucket.months.insert(project);
        if let Some(identity) = columns.identity.and_then(|c| row.get(c)) {
            bucket.identities.insert(shown(identity));
        }
        if let Some(value) = columns.value.and_then(|c| row.get(c)) {
            let number = match value {
                Value::Number(n) => Some(*n),
                Value::Text(text) => {
                    parse_plain_number(text, context.convention.or_report(report.decimal_mark))
                }
                _ => None,
            };
            match number {
                Some(n) => bucket.sum += n,
                None => {
                    // A month with a value that is no number is not covered.
                    bucket.unreadable.insert(project);
                    note(
                        format!("value {}", a1(row.index, columns.value.unwrap_or(0))),
                        a1(row.index, columns.value.unwrap_or(0)),
                        match value {
                            Value::Error(error) => format!("formula error {error}"),
                            _ => "not a number".to_owned(),
                        },
                    );
                }
            }
        }
    }
    whole_periods(
        context,
        &buckets,
        Sums {
            values: columns.value.is_some(),
            identities: columns.identity.is_some(),
            source: "records",
        },
        result,
    );
    let mut problems: Vec<_> = problems.into_iter().collect();
    problems.sort_by(|a, b| a.1.0.cmp(&b.1.0));
    for (text, (cell, reason, count)) in problems {
        let reason = if count > 1 {
            format!("{reason} ({count} rows)")
        } else {
            reason
        };
        result
            .unmatched
            .push(context.unmatched(cell, text, reason, None, Guess::default()));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::test_support::*;

    #[test]
    fn columns_are_told_by_their_values_when_no_header_word_helps() {
        let report = half_years();
        // Headers that are no known word: dates, installation names, a
        // resource's unit, numbers.
        let mut csv = String::from("when;where;what;how much\n");
        for month in 1..=6 {
            csv.push_str(&format!(
                "2025-{month:02}-28;Hydra - Cluster A;core-h;1000,5\n"
            ));
        }
        csv.push_str("2024-12-31;Hydra - Cluster A;core-h;7\n");
        let plan = plan(&report, "accounting.csv", &csv);
        assert_eq!(layouts(&plan), ["records"]);
        assert_eq!(
            changes(&plan),
            [change(
                "Hydra - Cluster A",
                "Core hours delivered",
                "M13-M18",
                "6,003"
            )]
        );
        assert_eq!(plan.changes[0].cell, "D2:D7");
        assert!(
            plan.unmatched[0]
                .reason
                .contains("the records cover 1 of 6 months of M7-M12"),
            "{:?}",
            plan.unmatched
        );
    }

    #[test]
    fn month_texts_and_a_single_numeric_column() {
        let report = half_years();
        let mut csv = String::from("Mes,Recurso,Horas\n");
        for month in ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] {
            csv.push_str(&format!("{month} 2024,Compute time (hours),\"2,500\"\n"));
        }
        let plan = plan(&report, "Hydra - Cluster C.csv", &csv);
        assert_eq!(
            changes(&plan),
            [change(
                "Hydra - Cluster C",
                "Compute time (hours)",
                "M7-M12",
                "15,000"
            )]
        );
    }

    #[test]
    fn a_row_of_data_is_not_a_header() {
        let report = half_years();
        let csv =
            "2025-01-28;Hydra - Cluster A;core-h;1000\n2025-02-28;Hydra - Cluster A;core-h;1000\n";
        let plan = plan(&report, "accounting.csv", csv);
        assert!(plan.changes.is_empty());
        assert!(layouts(&plan).is_empty(), "{:?}", plan.tables);
    }
}

//! Months or periods as columns: one row per metric, columns `Jan 2025`,
//! `2025-02`, `M13`, date cells, or period labels (`Period 2`, `2024/25`),
//! without the report table's metric-name header. Months are added up into
//! a period only when every month of the period is there.

use super::wide::{Column, Wide, column_of};
use super::{Layout, Table, rows_below};
use crate::import::read::{Row, Value};
use crate::import::recognise::{Context, GridResult};
use crate::import::text::{HeaderKind, METRIC_WORDS, normalise, parse_plain_number};

pub struct MonthColumns;

impl Layout for MonthColumns {
    fn name(&self) -> &'static str {
        "months as columns"
    }

    fn header(&self, context: &Context<'_>, position: usize) -> Option<Box<dyn Table>> {
        let row = context.grid.rows.get(position)?;
        wide_header(context, row, rows_below(context, position, 30), None)
            .map(|wide| Box::new(MonthTable(wide)) as Box<dyn Table>)
    }
}

/// A header of value columns with names to their left: at least one single
/// month and two value columns, or (without a metric-name word, which is
/// the report table's) two periods. `installation` is a column of
/// installation names, for the stacked layout.
pub(crate) fn wide_header(
    context: &Context<'_>,
    row: &Row,
    sample: &[Row],
    installation: Option<u32>,
) -> Option<Wide> {
    // A header of words and dates: a row of data holds numbers.
    let header_like = row.cells.iter().all(|(_, v)| match v {
        Value::Text(text) => parse_plain_number(text, context.convention).is_none(),
        Value::Date { .. } => true,
        _ => false,
    });
    if !header_like {
        return None;
    }
    let columns: Vec<(u32, Column, String)> = row
        .cells
        .iter()
        .filter(|(c, _)| Some(*c) != installation)
        .filter_map(|(c, v)| {
            let kind = column_of(context, v)?;
            let shown = match v {
                Value::Text(text) => text.trim().to_owned(),
                Value::Date { year, month } => format!("{year:04}-{month:02}"),
                _ => String::new(),
            };
            Some((*c, kind, shown))
        })
        .collect();
    let first_value = columns.first().map(|(c, _, _)| *c)?;
    let months = columns
        .iter()
        .filter(|(_, kind, _)| matches!(kind, Column::Month(_)))
        .count();
    let periods = columns
        .iter()
        .filter(|(_, kind, _)| matches!(kind, Column::Header(HeaderKind::Months(_))))
        .count();
    let named = row.cells.iter().any(|(_, v)| match v {
        Value::Text(text) => METRIC_WORDS.contains(&normalise(text).as_str()),
        _ => false,
    });
    let enough =
        (months >= 1 && columns.len() >= 2) || installation.is_some() || (periods >= 2 && !named);
    if !enough {
        return None;
    }
    // The names: the nearest column left of the values that holds text in
    // the rows below (the header's own cell may be blank).
    let name = (0..first_value)
        .rev()
        .filter(|c| Some(*c) != installation)
        .find(|c| {
            sample
                .iter()
                .filter_map(|r| r.get(*c))
                .any(|v| matches!(v, Value::Text(_)))
        })?;
    Some(Wide {
        name,
        installation,
        columns,
    })
}

struct MonthTable(Wide);

impl Table for MonthTable {
    fn columns(&self) -> Vec<u32> {
        self.0.all_columns()
    }

    fn read(
        &self,
        context: &Context<'_>,
        installation: Option<usize>,
        data: &[Row],
        result: &mut GridResult,
    ) -> Option<String> {
        self.0.read(context, installation, data, result)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::test_support::*;

    #[test]
    fn whole_half_years_of_months_are_summed_and_partial_ones_say_what_is_missing() {
        let report = half_years();
        let csv = "Hydra - Cluster B;;;;;;;;\nMetric;Dec 2024;Jan 2025;Feb 2025;Mar 2025;Apr 2025;May 2025;Jun 2025;Jul 2025\nCore hours delivered;9000;1.000,5;2000;3000;4000;5000;6000;7000\nJobs run;;1;2;3;4;5;6;\n";
        let plan = plan(&report, "cluster-b.csv", csv);
        assert_eq!(layouts(&plan), ["months as columns"]);
        assert_eq!(
            changes(&plan),
            [
                change(
                    "Hydra - Cluster B",
                    "Core hours delivered",
                    "M13-M18",
                    "21,000.5"
                ),
                change("Hydra - Cluster B", "Jobs run", "M13-M18", "21"),
            ]
        );
        assert_eq!(plan.changes[0].cell, "C3:H3");
        let reasons: Vec<&str> = plan.unmatched.iter().map(|u| u.reason.as_str()).collect();
        assert!(
            reasons.iter().any(|r| r.starts_with("the month columns cover 1 of 6 months of M7-M12; missing: Jul 2024, Aug 2024, Sep 2024, Oct 2024, Nov 2024 (the covered months add up to 9,000")),
            "{reasons:?}"
        );
        assert!(
            reasons.contains(&"Jul 2025 is outside the report's periods"),
            "{reasons:?}"
        );
    }

    #[test]
    fn project_months_and_period_labels_as_columns() {
        let report = half_years();
        // No metric-name header: the names are the text column left of the values.
        let csv = ",M7,M8,M9,M10,M11,M12,Period 3\nCompute time (hours),1,2,3,4,5,6,70\n";
        let plan = plan(&report, "Hydra - Cluster C.csv", csv);
        assert_eq!(
            changes(&plan),
            [
                change("Hydra - Cluster C", "Compute time (hours)", "M13-M18", "70"),
                change("Hydra - Cluster C", "Compute time (hours)", "M7-M12", "21"),
            ]
        );
    }

    #[test]
    fn a_distinct_count_is_not_added_up_from_months() {
        let report = half_years();
        let csv = "Metric,Jan 2024,Feb 2024,Mar 2024,Apr 2024,May 2024,Jun 2024\nNumber of users,3,4,5,6,7,8\n";
        let plan = plan(&report, "Hydra - Cluster B.csv", csv);
        assert!(plan.changes.is_empty(), "{:?}", plan.changes);
        assert!(
            plan.unmatched[0].reason.contains("is a distinct count"),
            "{:?}",
            plan.unmatched
        );
    }
}

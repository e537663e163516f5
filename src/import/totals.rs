//! TOT follows the imported periods: when an import changes periods of a
//! row whose TOT the report computes (a quantity's sum, a level's last or
//! largest value, a country list's union) and leaves none of its periods
//! blank, the plan carries the new TOT too, in the same undo step.
//! A TOT that was typed and disagreed before is not overwritten: the plan
//! says it will now disagree.

use super::{ImportPlan, PlannedChange};
use crate::edit::computed_total;
use crate::model::value::same_number;
use crate::model::{Cell, CellAddress, CellValue, DecimalMark, Metric, MetricColumn, Report};

/// A TOT the import changes or leaves to disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct TotalFollow {
    pub address: CellAddress,
    pub installation: String,
    pub metric: String,
    pub old: String,
    /// The TOT computed from the periods after the import.
    pub new: String,
    /// The planned changes (indices) it is computed from: it is applied only
    /// while all of them are.
    pub depends_on: Vec<usize>,
    /// The TOT was typed and did not equal the computed value before the
    /// import: it is left as it is, and only flagged.
    pub typed: bool,
}

/// The TOTs that follow the plan's accepted period changes.
pub fn follow_totals(report: &Report, changes: &[PlannedChange]) -> Vec<TotalFollow> {
    let mut follows = Vec::new();
    let mut rows: Vec<(usize, usize)> = changes
        .iter()
        .filter_map(|change| match change.address {
            CellAddress::Metric {
                installation,
                metric,
                column: MetricColumn::Period(_),
            } => Some((installation, metric)),
            _ => None,
        })
        .collect();
    rows.sort_unstable();
    rows.dedup();
    for (i, m) in rows {
        let total_changed = changes.iter().any(|c| {
            c.address
                == CellAddress::Metric {
                    installation: i,
                    metric: m,
                    column: MetricColumn::Total,
                }
        });
        let Some(metric) = report.installations.get(i).and_then(|x| x.metrics.get(m)) else {
            continue;
        };
        if total_changed {
            continue;
        }
        if let Some(follow) = follow_row(report, i, m, metric, changes) {
            follows.push(follow);
        }
    }
    follows
}

fn follow_row(
    report: &Report,
    i: usize,
    m: usize,
    metric: &Metric,
    changes: &[PlannedChange],
) -> Option<TotalFollow> {
    // The row as it will be: the same rule computes its TOT as when the
    // periods are typed (`edit::computed_total`: a quantity's sum, a level's
    // last or largest value, a country list's union).
    let mut after = metric.clone();
    let mut depends_on = Vec::new();
    for (index, change) in changes.iter().enumerate() {
        if let CellAddress::Metric {
            installation,
            metric: row,
            column: MetricColumn::Period(p),
        } = change.address
            && installation == i
            && row == m
            && let Some(slot) = after.values.get_mut(p)
        {
            *slot = Cell::parsed(change.new.as_str(), report.decimal_mark);
            depends_on.push(index);
        }
    }
    // An import proposes a TOT only from a full row: with a period still
    // blank the sum or the last value would be a guess.
    if after.values.iter().any(Cell::is_blank) {
        return None;
    }
    let mark = report.decimal_mark;
    let new = computed_total(&after, mark).filter(|text| !text.is_empty())?;
    if agree(&metric.total, &new, mark) {
        return None;
    }
    let was_computed = metric.total.is_blank()
        || computed_total(metric, mark).is_some_and(|before| agree(&metric.total, &before, mark));
    Some(TotalFollow {
        address: CellAddress::Metric {
            installation: i,
            metric: m,
            column: MetricColumn::Total,
        },
        installation: report.installations.get(i)?.name.clone(),
        metric: metric.name.clone(),
        old: metric.total.text().to_owned(),
        new,
        depends_on,
        typed: !was_computed,
    })
}

/// Whether a TOT cell says what the computed TOT text says: the same
/// number, or the same countries.
fn agree(total: &Cell, computed: &str, mark: DecimalMark) -> bool {
    let computed = Cell::parsed(computed, mark);
    match (total.value(), computed.value()) {
        (CellValue::Number(a), CellValue::Number(b)) => same_number(a.value, b.value),
        (CellValue::Countries(a), CellValue::Countries(b)) => a.codes() == b.codes(),
        _ => total.text().trim() == computed.text().trim(),
    }
}

impl ImportPlan {
    /// The TOT changes applied with the accepted changes: those that follow
    /// (not typed) and whose period changes are all accepted.
    pub fn applied_totals(&self) -> impl Iterator<Item = &TotalFollow> {
        self.totals.iter().filter(|follow| {
            !follow.typed
                && follow
                    .depends_on
                    .iter()
                    .all(|&index| self.changes.get(index).is_some_and(|c| c.accepted))
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn a_country_list_tot_follows_the_union_and_a_typed_tot_is_only_flagged() {
        let mut report = Report::empty("Test", crate::model::YearMonth::new(2024, 1).unwrap(), 2);
        let mut installation = crate::model::Installation::new("Cluster");
        let mut list = Metric::new("Countries of origin", 2);
        list.values[0] = Cell::new("NO, SE");
        list.total = Cell::new("NO, SE");
        let mut hours = Metric::new("Node hours", 2);
        hours.values[0] = Cell::new("100");
        hours.total = Cell::new("999");
        installation.metrics = vec![list, hours];
        report.installations.push(installation);
        report.refresh_guesses();
        let change = |metric: usize, text: &str| PlannedChange {
            address: CellAddress::Metric {
                installation: 0,
                metric,
                column: MetricColumn::Period(1),
            },
            file: "provider.csv".to_owned(),
            sheet: String::new(),
            cell: "B2".to_owned(),
            installation: "Cluster".to_owned(),
            metric: String::new(),
            column: "M13-M24".to_owned(),
            old: String::new(),
            new: text.to_owned(),
            accepted: true,
        };
        let follows = follow_totals(&report, &[change(0, "FI, SE"), change(1, "50")]);
        assert_eq!(follows.len(), 2, "{follows:?}");
        assert_eq!(follows[0].new, "FI, NO, SE");
        assert!(!follows[0].typed);
        assert_eq!(follows[1].new, "150");
        assert!(follows[1].typed, "999 was typed and disagreed before");
    }
}

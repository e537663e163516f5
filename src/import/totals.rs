//! TOT follows the imported periods: when an import changes periods of a
//! row whose TOT the report computes (a quantity's sum, a level's last or
//! largest value), the plan carries the new TOT too, in the same undo step.
//! A TOT that was typed and disagreed before is not overwritten: the plan
//! says it will now disagree.

use super::{ImportPlan, PlannedChange};
use crate::model::number_format::exact_text;
use crate::model::value::same_number;
use crate::model::{Cell, CellAddress, CellValue, Metric, MetricColumn, MetricKind, Report};

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

/// The value a kind computes from its periods, when it computes one and
/// every period is a number (`N/A` counts as nothing).
fn computed(kind: MetricKind, values: &[Option<f64>]) -> Option<f64> {
    let numbers: Option<Vec<f64>> = values.iter().copied().collect();
    let numbers = numbers?;
    match kind {
        MetricKind::Quantity => Some(numbers.iter().sum()),
        MetricKind::LevelLast => numbers.last().copied(),
        MetricKind::LevelLargest => numbers.iter().copied().reduce(f64::max),
        _ => None,
    }
}

fn period_number(cell: &Cell) -> Option<f64> {
    match cell.value() {
        CellValue::Number(q) => Some(q.value),
        CellValue::NotApplicable => Some(0.0),
        _ => None,
    }
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
    let old_values: Vec<Option<f64>> = metric.values.iter().map(period_number).collect();
    let mut new_values = old_values.clone();
    let mut depends_on = Vec::new();
    for (index, change) in changes.iter().enumerate() {
        if let CellAddress::Metric {
            installation,
            metric: row,
            column: MetricColumn::Period(p),
        } = change.address
            && installation == i
            && row == m
            && let Some(slot) = new_values.get_mut(p)
        {
            *slot = period_number(&Cell::parsed(change.new.as_str(), report.decimal_mark));
            depends_on.push(index);
        }
    }
    let new_total = computed(metric.kind(), &new_values)?;
    let old_total = match metric.total.value() {
        CellValue::Blank => None,
        CellValue::Number(q) => Some(q.value),
        _ => return None,
    };
    if old_total.is_some_and(|old| same_number(old, new_total)) {
        return None;
    }
    let was_computed = match (old_total, computed(metric.kind(), &old_values)) {
        (None, _) => true,
        (Some(old), Some(before)) => same_number(old, before),
        (Some(_), None) => false,
    };
    Some(TotalFollow {
        address: CellAddress::Metric {
            installation: i,
            metric: m,
            column: MetricColumn::Total,
        },
        installation: report.installations.get(i)?.name.clone(),
        metric: metric.name.clone(),
        old: metric.total.text().to_owned(),
        new: exact_text(new_total, report.decimal_mark),
        depends_on,
        typed: !was_computed,
    })
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
    fn kinds_compute_their_totals() {
        let values = [Some(3.0), Some(7.0), Some(5.0)];
        assert_eq!(computed(MetricKind::Quantity, &values), Some(15.0));
        assert_eq!(computed(MetricKind::LevelLast, &values), Some(5.0));
        assert_eq!(computed(MetricKind::LevelLargest, &values), Some(7.0));
        assert_eq!(computed(MetricKind::DistinctCount, &values), None);
        assert_eq!(computed(MetricKind::Quantity, &[Some(1.0), None]), None);
    }
}

//! Table 1, the cumulative consumption: never decreasing, equal to the
//! installations' running sums where a checkpoint ends a period, and its
//! use against the budget.

use super::{Finding, Location, Rule, Severity, metrics, num, same};
use crate::edit::Edit;
use crate::model::consumption::resource_consumption;
use crate::model::{CellAddress, CumulativeColumn, MetricKind, Report};

pub const DECREASING: Rule = Rule {
    id: "cumulative-decreasing",
    label: "Cumulative table",
    description: "cumulative use never decreases from one checkpoint to the next",
    check: decreasing,
};

pub const VS_INSTALLATIONS: Rule = Rule {
    id: "cumulative-vs-installations",
    label: "Cumulative table",
    description: "at each checkpoint that ends a period, cumulative use equals the running sum of that resource's installations; the finding names the installations summed and the metrics left out (levels, counts), and a metric linked to no resource that makes up the difference",
    check: vs_installations,
};

pub const BUDGET_USE: Rule = Rule {
    id: "budget-use",
    label: "Cumulative table",
    description: "cumulative use against the budget, when it is exceeded",
    check: budget_use,
};

fn cell_location(row: usize, checkpoint: usize) -> Location {
    Location::Cumulative {
        row,
        column: CumulativeColumn::Checkpoint(checkpoint),
    }
}

fn decreasing(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    let checkpoints = &report.cumulative.checkpoints;
    for (r, row) in report.cumulative.rows.iter().enumerate() {
        let mut previous: Option<(usize, f64)> = None;
        for (c, cell) in row.used.iter().enumerate() {
            let Some(value) = cell.number() else { continue };
            if let Some((p, before)) = previous
                && value < before
                && !same(value, before)
            {
                let label = |i: usize| {
                    checkpoints
                        .get(i)
                        .map(|x| format!("M{}", x.month))
                        .unwrap_or_default()
                };
                findings.push(
                    Finding::new(
                        DECREASING.id,
                        Severity::Error,
                        cell_location(r, c),
                        format!(
                            "{} use by {} is {}, less than the {} used by {}: cumulative use cannot decrease",
                            row.label,
                            label(c),
                            num(value),
                            num(before),
                            label(p)
                        ),
                    )
                    .expected(format!("at least {}", num(before)))
                    .found(num(value)),
                );
            }
            previous = Some((c, value));
        }
    }
    findings
}

/// For each checkpoint of the row of the resource with id `resource` that
/// ends a period: (row, checkpoint index, month, Table 1 value, running sum).
fn comparisons(report: &Report, resource: &str) -> Vec<(usize, usize, u32, f64, f64)> {
    let Some(r) = report.cumulative.resource_index(resource) else {
        return Vec::new();
    };
    let Some(row) = report.cumulative.rows.get(r) else {
        return Vec::new();
    };
    let consumption = resource_consumption(report, resource);
    if consumption.contributors.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (c, (checkpoint, cell)) in report
        .cumulative
        .checkpoints
        .iter()
        .zip(&row.used)
        .enumerate()
    {
        let (Some(table), Some(sum)) = (
            cell.number(),
            consumption.running_sum_at(report, checkpoint.month),
        ) else {
            continue;
        };
        out.push((r, c, checkpoint.month, table, sum));
    }
    out
}

/// Whether Table 1 agrees with the installations' periods at every
/// checkpoint that ends a period; `None` when nothing can be compared.
pub(crate) fn periods_agree_with_table(report: &Report, resource: &str) -> Option<bool> {
    let compared = comparisons(report, resource);
    (!compared.is_empty()).then(|| compared.iter().all(|&(.., table, sum)| same(table, sum)))
}

/// Whether every installation feeding `resource` has a TOT equal to the
/// sum of its periods: the installations' side agrees with itself.
/// A negative period is a mistake of its own, so it proves nothing.
fn totals_agree_with_periods(report: &Report, resource: &str) -> bool {
    metrics(report)
        .filter(|(_, _, m)| m.consumes(resource))
        .all(|(_, _, m)| {
            let sum: Option<f64> = m.values.iter().map(|c| c.number()).sum();
            let negative = m.values.iter().any(|c| c.number().is_some_and(|v| v < 0.0));
            // A blank TOT says nothing either way.
            let total_agrees = m.total.is_blank()
                || matches!((sum, m.total.number()), (Some(s), Some(t)) if same(s, t));
            !negative && sum.is_some() && total_agrees
        })
}

/// The running sum up to `month` of a metric's periods.
fn running_sum(report: &Report, metric: &crate::model::Metric, month: u32) -> f64 {
    report
        .periods
        .iter()
        .zip(&metric.values)
        .filter(|(period, _)| period.months.last <= month)
        .filter_map(|(_, cell)| cell.number())
        .sum()
}

/// "A's "CPU hours"".
fn metric_name(report: &Report, i: usize, m: usize) -> String {
    let installation = report.installations.get(i);
    let metric = installation.and_then(|x| x.metrics.get(m));
    format!(
        "{}'s \"{}\"",
        installation.map(|x| x.name.as_str()).unwrap_or_default(),
        metric.map(|x| x.name.as_str()).unwrap_or_default()
    )
}

/// At most `limit` names, then how many more.
fn some_names(names: &[String], limit: usize) -> String {
    if names.len() <= limit {
        return super::join_and(names);
    }
    let shown = names.get(..limit).unwrap_or_default().join(", ");
    format!("{shown} and {} more", names.len() - limit)
}

fn vs_installations(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    let last_period_month = report.periods.iter().map(|p| p.months.last).max();
    for resource_row in &report.cumulative.rows {
        let resource = resource_row.id.as_str();
        let unit = resource_row.unit.clone();
        let compared = comparisons(report, resource);
        if compared.is_empty() {
            continue;
        }
        let consumption = resource_consumption(report, resource);
        // What was summed and what was not, named in every finding.
        let mut summed: Vec<String> = Vec::new();
        for c in &consumption.contributors {
            if let Some(x) = report.installations.get(c.installation)
                && !summed.contains(&x.name)
            {
                summed.push(x.name.clone());
            }
        }
        let left_out: Vec<String> = consumption
            .left_out
            .iter()
            .map(|l| {
                format!(
                    "{} ({}, not added up)",
                    metric_name(report, l.installation, l.metric),
                    l.kind.label().to_lowercase()
                )
            })
            .collect();
        // Quantities linked to no resource: one of them may be this one's.
        let unlinked: Vec<(usize, usize)> = metrics(report)
            .filter(|(_, _, m)| m.kind() == MetricKind::Quantity && m.resource().is_none())
            .map(|(i, m, _)| (i, m))
            .collect();
        let installations_agree = totals_agree_with_periods(report, resource);
        let mut previous_difference: Option<(u32, f64)> = None;
        for (r, c, month, table, sum) in compared {
            let difference = table - sum;
            if same(table, sum) {
                previous_difference = Some((month, 0.0));
                continue;
            }
            let mut message = format!(
                "{} use by M{month} is {} {unit} in the cumulative table but the installations' periods add up to {}",
                resource_row.label,
                num(table),
                num(sum)
            );
            if let Some((earlier, before)) = previous_difference
                && before != 0.0
                && same(before, difference)
            {
                message.push_str(&format!(
                    ", the same difference of {} as at M{earlier}",
                    num(difference.abs())
                ));
            }
            message.push_str(&format!(" (summed: {}", some_names(&summed, 4)));
            if !left_out.is_empty() {
                message.push_str(&format!("; left out: {}", some_names(&left_out, 3)));
            }
            message.push(')');
            // A metric linked to no resource, or linked but not added up,
            // whose periods make up the difference exactly: the evidence
            // points at its link or its kind.
            let makes_up = |i: usize, m: usize| {
                report
                    .installations
                    .get(i)
                    .and_then(|x| x.metrics.get(m))
                    .is_some_and(|metric| {
                        let part = running_sum(report, metric, month);
                        part != 0.0 && same(part, difference)
                    })
            };
            let mut explaining: Vec<String> = unlinked
                .iter()
                .filter(|&&(i, m)| makes_up(i, m))
                .map(|&(i, m)| {
                    format!(
                        "{}, linked to no resource, makes up the difference exactly: is it {}?",
                        metric_name(report, i, m),
                        resource_row.label
                    )
                })
                .collect();
            explaining.extend(
                consumption
                    .left_out
                    .iter()
                    .filter(|l| makes_up(l.installation, l.metric))
                    .map(|l| {
                        format!(
                            "{}, a {} and so not added up, makes up the difference exactly: is it a quantity?",
                            metric_name(report, l.installation, l.metric),
                            l.kind.label().to_lowercase()
                        )
                    }),
            );
            if let [one] = explaining.as_slice() {
                message.push_str("; ");
                message.push_str(one);
            }
            // The table is singled out only when the installations agree with
            // themselves and nothing left out explains the difference.
            let table_singled_out = installations_agree && explaining.is_empty();
            if table_singled_out && Some(month) == last_period_month {
                message.push_str(
                    "; the installations' TOTs agree with their periods, so the cumulative table is the likely mistake",
                );
            }
            // A missing link, not numbers that contradict each other.
            let severity = if explaining.len() == 1 {
                Severity::Warning
            } else {
                Severity::Error
            };
            let mut finding =
                Finding::new(VS_INSTALLATIONS.id, severity, cell_location(r, c), message)
                    .expected(num(sum))
                    .found(num(table));
            if table_singled_out {
                finding = finding.fix(
                    format!("Set to {}", num(sum)),
                    Edit::SetCell {
                        address: CellAddress::Cumulative {
                            row: r,
                            column: CumulativeColumn::Checkpoint(c),
                        },
                        text: super::fix_text(report, sum),
                    },
                );
            }
            findings.push(finding);
            previous_difference = Some((month, difference));
        }
    }
    findings
}

fn budget_use(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (r, row) in report.cumulative.rows.iter().enumerate() {
        let Some(budget) = row.budget.number().filter(|b| *b > 0.0) else {
            continue;
        };
        let Some((c, used)) = row
            .used
            .iter()
            .enumerate()
            .rev()
            .find_map(|(c, cell)| cell.number().map(|v| (c, v)))
        else {
            continue;
        };
        if used <= budget {
            continue;
        }
        let month = report
            .cumulative
            .checkpoints
            .get(c)
            .map(|x| x.month)
            .unwrap_or_default();
        let percent = (used / budget * 100.0).round();
        findings.push(
            Finding::new(
                BUDGET_USE.id,
                Severity::Info,
                cell_location(r, c),
                format!(
                    "{} use by M{month} is {} % of the {} {} budget ({} {})",
                    row.label,
                    num(percent),
                    num(budget),
                    row.unit,
                    num(used),
                    row.unit
                ),
            )
            .expected(format!("at most {}", num(budget)))
            .found(num(used)),
        );
    }
    findings
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::tests::{keys, m36, report};
    use super::*;
    use crate::model::{Cell, Checkpoint, CumulativeRow};

    fn with_table(used: &[&str], budget: &str) -> Report {
        let mut report = report(&[
            (
                "A - CPU",
                &[("CPU hours", "", &["100", "200", "300"], "600")],
            ),
            ("B - CPU", &[("CPU hours", "", &["10", "20", "30"], "60")]),
        ]);
        report.cumulative.checkpoints = [6, 12, 24, 36]
            .iter()
            .map(|&month| Checkpoint {
                month,
                label: format!("USED BY M{month}"),
            })
            .collect();
        let mut row = CumulativeRow::named("CPU", "CPU-h", 4);
        row.budget = Cell::new(budget);
        row.used = used.iter().map(|t| Cell::new(*t)).collect();
        report.cumulative.rows.push(row);
        report.refresh_guesses();
        report
    }

    #[test]
    fn agreeing_table_gives_nothing() {
        let report = with_table(&["50", "110", "330", "660"], "1,000");
        assert!(decreasing(&report).is_empty());
        assert!(vs_installations(&report).is_empty());
        assert!(budget_use(&report).is_empty());
        assert_eq!(periods_agree_with_table(&report, "cpu"), Some(true));
    }

    #[test]
    fn a_decrease_is_an_error() {
        let report = with_table(&["50", "110", "100", "660"], "");
        let findings = decreasing(&report);
        assert_eq!(
            findings[0].message,
            "CPU use by M24 is 100, less than the 110 used by M12: cumulative use cannot decrease"
        );
    }

    #[test]
    fn disagreements_say_which_side_is_wrong() {
        let report = with_table(&["50", "114", "334", "664"], "600");
        let findings = vs_installations(&report);
        assert_eq!(findings.len(), 3);
        assert_eq!(
            findings[1].message,
            "CPU use by M24 is 334 CPU-h in the cumulative table but the installations' periods add up to 330, the same difference of 4 as at M12 (summed: A - CPU and B - CPU)"
        );
        assert!(
            findings[2]
                .message
                .ends_with("so the cumulative table is the likely mistake")
        );
        let budget = budget_use(&report);
        assert_eq!(
            budget[0].message,
            "CPU use by M36 is 111 % of the 600 CPU-h budget (664 CPU-h)"
        );
    }

    #[test]
    fn m36_table_1_verified_against_the_seed() {
        let report = m36();
        // Seed 000 Table 1 storage: 34, 495, 843 at M12, M24, M36; installations' storage periods
        // (IFCA-CSIC 30, 430, 295; INCD 8, 31, 41; WaltonCloud 0, 0, 12) run to 38, 499, 847.
        // CPU (662,547 / 4,197,116 / 11,113,730) and GPU (14,400 / 183,262 / 365,878) agree.
        let findings = vs_installations(&report);
        assert_eq!(
            keys(&report, &findings),
            [
                "error cumulative-vs-installations |  | Storage (TB-month) - Accumulative | USED BY M12 (Aug 2023)",
                "error cumulative-vs-installations |  | Storage (TB-month) - Accumulative | USED BY M24 (Aug 2024)",
                "error cumulative-vs-installations |  | Storage (TB-month) - Accumulative | USED BY M36 (Aug 2025)",
            ]
        );
        assert_eq!(
            findings[2].message,
            "Storage use by M36 is 843 TB-month in the cumulative table but the installations' periods add up to 847, the same difference of 4 as at M24 (summed: IFCA-CSIC Scientific Cloud - Storage, INCD - Storage and WaltonCloud - Storage); the installations' TOTs agree with their periods, so the cumulative table is the likely mistake"
        );
        assert!(decreasing(&report).is_empty());
        // GPU 365,878 of 132,000 (277 %), CPU 11,113,730 of 6,000,000 (185 %).
        let budget: Vec<_> = budget_use(&report).into_iter().map(|f| f.message).collect();
        assert_eq!(
            budget,
            [
                "GPU use by M36 is 277 % of the 132,000 GPU-h budget (365,878 GPU-h)",
                "CPU use by M36 is 185 % of the 6,000,000 CPU-h budget (11,113,730 CPU-h)",
            ]
        );
    }
}

//! TOT by metric kind: quantities add up, distinct counts lie between the
//! largest period and the sum of the periods.

use super::{
    Finding, Rule, Severity, fix_text, metric_location, metrics, num, same, set_metric_cell,
};
use crate::model::{CellValue, Metric, MetricColumn, MetricKind, Report};

pub const QUANTITY_SUM: Rule = Rule {
    id: "total-quantity-sum",
    label: "Totals",
    description: "the TOT of a quantity (hours, TB-month, models) is the sum of its periods",
    check: quantity_sum,
};

pub const DISTINCT_RANGE: Rule = Rule {
    id: "total-distinct-range",
    label: "Totals",
    description: "the TOT of a distinct count (users, countries) is at least the largest period and at most the sum",
    check: distinct_range,
};

pub const LEVEL_TOTAL: Rule = Rule {
    id: "total-level",
    label: "Totals",
    description: "the TOT of a level (a stock: disk space allocated, registered users to date) is its last period's value, or its largest when its kind says so",
    check: level_total,
};

/// The numbers of the period cells, when every one is a number (a `/` or
/// `N/A` counts as 0); `None` when a cell is blank or text, which other
/// rules report.
pub(crate) fn period_numbers(metric: &Metric) -> Option<Vec<f64>> {
    metric
        .values
        .iter()
        .map(|cell| match cell.value() {
            CellValue::Number(q) => Some(q.value),
            CellValue::NotApplicable => Some(0.0),
            _ => None,
        })
        .collect()
}

/// The TOT as an exact number (`> 100` is not a total to compare).
fn exact_total(metric: &Metric) -> Option<f64> {
    let quantity = metric.total.value().quantity()?;
    (quantity.bound == crate::model::Bound::Exact).then_some(quantity.value)
}

fn quantity_sum(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
        if metric.kind() != MetricKind::Quantity {
            continue;
        }
        let (Some(values), Some(total)) = (period_numbers(metric), exact_total(metric)) else {
            continue;
        };
        if values.is_empty() {
            continue;
        }
        let sum: f64 = values.iter().sum();
        if same(sum, total) {
            continue;
        }
        let mut message = format!(
            "TOT {} differs from the sum of the periods, {}",
            num(total),
            num(sum)
        );
        if let Some(row) = report.resource_of(metric)
            && super::cumulative::periods_agree_with_table(report, &row.id) == Some(true)
        {
            message.push_str(&format!(
                "; the periods agree with the {} row of the cumulative table, so the TOT is the likely mistake",
                row.label
            ));
        }
        findings.push(
            Finding::new(
                QUANTITY_SUM.id,
                Severity::Error,
                metric_location(i, m, MetricColumn::Total),
                message,
            )
            .expected(num(sum))
            .found(num(total))
            .fix(
                format!("Set TOT to {}", num(sum)),
                set_metric_cell(i, m, MetricColumn::Total, fix_text(report, sum)),
            ),
        );
    }
    findings
}

fn distinct_range(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
        if !metric.kind().is_distinct_count() {
            continue;
        }
        let (Some(values), Some(total)) = (period_numbers(metric), exact_total(metric)) else {
            continue;
        };
        let Some(max) = values.iter().copied().reduce(f64::max) else {
            continue;
        };
        let sum: f64 = values.iter().sum();
        let location = metric_location(i, m, MetricColumn::Total);
        let expected = || format!("{} to {}", num(max), num(sum));
        if total < max && !same(total, max) {
            findings.push(
                Finding::new(
                    DISTINCT_RANGE.id,
                    Severity::Error,
                    location,
                    format!(
                        "TOT {} is below the largest period, {}: a distinct count over all periods cannot be smaller",
                        num(total),
                        num(max)
                    ),
                )
                .expected(expected())
                .found(num(total)),
            );
        } else if total > sum && !same(total, sum) {
            findings.push(
                Finding::new(
                    DISTINCT_RANGE.id,
                    Severity::Error,
                    location,
                    format!(
                        "TOT {} is above the sum of the periods, {}: a distinct count over all periods cannot be larger",
                        num(total),
                        num(sum)
                    ),
                )
                .expected(expected())
                .found(num(total)),
            );
        }
    }
    findings
}

fn level_total(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
        let kind = metric.kind();
        if !kind.is_level() {
            continue;
        }
        let (Some(values), Some(total)) = (period_numbers(metric), exact_total(metric)) else {
            continue;
        };
        let (expected, which) = if kind == MetricKind::LevelLargest {
            (
                values.iter().copied().reduce(f64::max),
                "largest period value",
            )
        } else {
            (values.last().copied(), "last period's value")
        };
        let Some(expected) = expected else { continue };
        if same(expected, total) {
            continue;
        }
        findings.push(
            Finding::new(
                LEVEL_TOTAL.id,
                Severity::Error,
                metric_location(i, m, MetricColumn::Total),
                format!(
                    "TOT {} is not the {which}, {}: a level is not added up over the periods",
                    num(total),
                    num(expected)
                ),
            )
            .expected(num(expected))
            .found(num(total))
            .fix(
                format!("Set TOT to {}", num(expected)),
                set_metric_cell(i, m, MetricColumn::Total, fix_text(report, expected)),
            ),
        );
    }
    findings
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::tests::{keys, m36, report};
    use super::*;

    #[test]
    fn quantity_totals_must_be_sums() {
        let report = report(&[(
            "A - CPU",
            &[
                (
                    "CPU/hours served",
                    "",
                    &["1,000", "200,000", "50,000"],
                    "1,250,000",
                ),
                ("TB/month served", "", &["1", "2", "3"], "6"),
                ("CPU hours, partial", "", &["1", "", "3"], "9"),
            ],
        )]);
        let findings = quantity_sum(&report);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "TOT 1,250,000 differs from the sum of the periods, 251,000"
        );
        assert_eq!(findings[0].expected.as_deref(), Some("251,000"));
        assert_eq!(findings[0].found.as_deref(), Some("1,250,000"));
    }

    #[test]
    fn a_levels_total_is_its_last_or_largest_value_never_the_sum() {
        let report = report(&[(
            "Archive",
            &[
                (
                    "Disk space allocated (TB)",
                    "",
                    &["100", "250", "0.315"],
                    "0.315",
                ),
                (
                    "Registered users, cumulative",
                    "",
                    &["10", "25", "40"],
                    "75",
                ),
                ("Peak storage capacity (PB)", "", &["2", "5", "4"], "4"),
            ],
        )]);
        assert!(quantity_sum(&report).is_empty(), "levels are not summed");
        let findings = level_total(&report);
        assert_eq!(
            keys(&report, &findings),
            [
                "error total-level | Archive | Registered users, cumulative | TOT",
                "error total-level | Archive | Peak storage capacity (PB) | TOT",
            ]
        );
        assert_eq!(
            findings[0].message,
            "TOT 75 is not the last period's value, 40: a level is not added up over the periods"
        );
        let mut fixed = report.clone();
        for finding in &findings {
            crate::edit::apply(&mut fixed, finding.fix.clone().unwrap().edit).unwrap();
        }
        assert!(
            level_total(&fixed).is_empty(),
            "the fixes remove the findings"
        );
        assert_eq!(fixed.installations[0].metrics[2].total.text(), "5");
    }

    #[test]
    fn distinct_counts_lie_between_max_and_sum() {
        let report = report(&[(
            "A",
            &[
                ("Number of users", "", &["16", "39", "0"], "55"),
                ("Number of users, overlap", "", &["16", "39", "10"], "40"),
                ("Number of users, low", "", &["16", "39", "0"], "30"),
                ("Number of users, high", "", &["16", "39", "0"], "56"),
            ],
        )]);
        let findings = distinct_range(&report);
        assert_eq!(
            keys(&report, &findings),
            [
                "error total-distinct-range | A | Number of users, low | TOT",
                "error total-distinct-range | A | Number of users, high | TOT",
            ]
        );
        assert!(
            findings[0]
                .message
                .contains("TOT 30 is below the largest period, 39")
        );
    }

    #[test]
    fn m36_wrong_totals_verified_against_the_seed() {
        // Seed 000: ML training cycles 554,136 + 675,731 + 1,676,636 = 2,906,503, printed TOT 2,801,047;
        // ML application usage 0 + 34 + 24,810 = 24,844, printed 24,843;
        // IFCA-CSIC CPU 488,544 + 1,922,213 + 4,424,245 = 6,835,002, printed 8,381,165.
        let report = m36();
        let findings = quantity_sum(&report);
        let messages: Vec<_> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert_eq!(
            messages[0],
            "TOT 2,801,047 differs from the sum of the periods, 2,906,503"
        );
        assert_eq!(
            messages[1],
            "TOT 24,843 differs from the sum of the periods, 24,844"
        );
        assert_eq!(
            messages[2],
            "TOT 8,381,165 differs from the sum of the periods, 6,835,002; the periods agree with the CPU row of the cumulative table, so the TOT is the likely mistake"
        );
        // Users TOTs all lie in range (INCD 55 = 16 + 39 + 0): no error.
        assert!(distinct_range(&report).is_empty());
    }
}

//! What single values say by themselves and against their row: a negative
//! quantity, a number written in the other decimal convention, a value a
//! thousand times off its row (TB typed in a PB row) or a month's figure
//! among years', a stock that shrinks, and a period pasted over the next.

use super::{Finding, Location, Rule, Severity, fix_text, metric_location, metrics, num};
use crate::edit::Edit;
use crate::model::{Cell, CellAddress, CumulativeColumn, Metric, MetricColumn, MetricKind, Report};

pub const NEGATIVE: Rule = Rule {
    id: "negative-value",
    label: "Values",
    description: "a quantity, count, level or Table 1 figure below zero",
    check: negative,
};

pub const OTHER_CONVENTION: Rule = Rule {
    id: "other-decimal-convention",
    label: "Values",
    description: "a number written in the other decimal convention than the report's (43,5 or 4.000.000 in a decimal-point report); the fix writes it in the report's",
    check: other_convention,
};

pub const MAGNITUDE: Rule = Rule {
    id: "magnitude-outlier",
    label: "Values",
    description: "a value hundreds of times off the rest of its row (TB typed in a PB row), a twelfth of the other periods' yearly figures (one month's figure), or a thousand times off its baseline",
    check: magnitude,
};

pub const LEVEL_DECREASING: Rule = Rule {
    id: "level-decreasing",
    label: "Values",
    description: "a level (disk space allocated, registered users to date) that falls from one period to the next",
    check: level_decreasing,
};

pub const PASTED_PERIOD: Rule = Rule {
    id: "pasted-period",
    label: "Copied figures",
    description: "a period column equal, cell for cell, to the one before it in the same table: a pasted column",
    check: pasted_period,
};

/// Whether a kind's cells hold numbers that cannot be negative.
fn counts_something(kind: MetricKind) -> bool {
    kind.is_numeric()
}

/// A metric's cells by column: baseline, periods, TOT.
fn cells(metric: &Metric) -> impl Iterator<Item = (MetricColumn, &Cell)> {
    std::iter::once((MetricColumn::Baseline, &metric.baseline))
        .chain(
            metric
                .values
                .iter()
                .enumerate()
                .map(|(p, c)| (MetricColumn::Period(p), c)),
        )
        .chain(std::iter::once((MetricColumn::Total, &metric.total)))
}

/// Table 1's cells by column: budget, checkpoints.
fn table_cells(report: &Report) -> impl Iterator<Item = (usize, CumulativeColumn, &Cell)> {
    report
        .cumulative
        .rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            std::iter::once((r, CumulativeColumn::Budget, &row.budget)).chain(
                row.used
                    .iter()
                    .enumerate()
                    .map(move |(c, cell)| (r, CumulativeColumn::Checkpoint(c), cell)),
            )
        })
}

fn negative(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
        if !counts_something(metric.kind()) {
            continue;
        }
        for (column, cell) in cells(metric) {
            if column == MetricColumn::Baseline {
                continue;
            }
            if let Some(value) = cell.number().filter(|v| *v < 0.0) {
                findings.push(
                    Finding::new(
                        NEGATIVE.id,
                        Severity::Error,
                        metric_location(i, m, column),
                        format!(
                            "{} is {}: what was used or counted cannot be below zero",
                            column.label(report),
                            num(value)
                        ),
                    )
                    .expected("0 or more")
                    .found(cell.text().trim()),
                );
            }
        }
    }
    for (r, column, cell) in table_cells(report) {
        if let Some(value) = cell.number().filter(|v| *v < 0.0) {
            let label = report
                .cumulative
                .rows
                .get(r)
                .map(|x| x.label.as_str())
                .unwrap_or_default();
            findings.push(
                Finding::new(
                    NEGATIVE.id,
                    Severity::Error,
                    Location::Cumulative { row: r, column },
                    format!(
                        "{label} shows {}: use and budget cannot be below zero",
                        num(value)
                    ),
                )
                .expected("0 or more")
                .found(cell.text().trim()),
            );
        }
    }
    findings
}

/// The report's convention in words.
fn convention(report: &Report) -> &'static str {
    match report.decimal_mark {
        crate::model::DecimalMark::Point => "a decimal point",
        crate::model::DecimalMark::Comma => "a decimal comma",
    }
}

/// A finding for a cell written in the other convention; the fix only when
/// the cell is a plain number, so that nothing but the marks changes.
fn other_convention_finding(
    report: &Report,
    location: Location,
    address: CellAddress,
    cell: &Cell,
    severity: Severity,
) -> Option<Finding> {
    let quantity = cell.value().quantity()?;
    if !quantity.other_convention {
        return None;
    }
    let rewritten = fix_text(report, quantity.value);
    let written = cell.text().trim();
    let mut finding = Finding::new(
        OTHER_CONVENTION.id,
        severity,
        location,
        format!(
            "\"{written}\" is written in the other decimal convention; the report writes numbers with {}, and it is read as {}",
            convention(report),
            num(quantity.value)
        ),
    )
    .expected(rewritten.clone())
    .found(written);
    if quantity.plain {
        finding = finding.fix(
            format!("Write {rewritten}"),
            Edit::SetCell {
                address,
                text: rewritten,
            },
        );
    }
    Some(finding)
}

fn other_convention(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
        for (column, cell) in cells(metric) {
            // A baseline is a target, not a figure that adds up: a note.
            let severity = if column == MetricColumn::Baseline {
                Severity::Info
            } else {
                Severity::Warning
            };
            let address = CellAddress::Metric {
                installation: i,
                metric: m,
                column,
            };
            findings.extend(other_convention_finding(
                report,
                metric_location(i, m, column),
                address,
                cell,
                severity,
            ));
        }
    }
    for (r, column, cell) in table_cells(report) {
        findings.extend(other_convention_finding(
            report,
            Location::Cumulative { row: r, column },
            CellAddress::Cumulative { row: r, column },
            cell,
            Severity::Warning,
        ));
    }
    findings
}

/// How many terabytes one unit of a data-size unit is, when the unit is one.
fn data_size(unit: &str) -> Option<f64> {
    let first = unit
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())?;
    match super::prose::unit_word(first).as_str() {
        "pb" => Some(1000.0),
        "tb" => Some(1.0),
        "gb" => Some(0.001),
        _ => None,
    }
}

/// Within a row, a value this many times off every other one is in another unit.
const UNIT_FACTOR: f64 = 500.0;

fn magnitude(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
        let kind = metric.kind();
        if !kind.is_numeric() {
            continue;
        }
        let values: Vec<Option<f64>> = metric.values.iter().map(Cell::number).collect();
        // The positive values sorted once: the others' smallest and largest
        // for each period come from the ends, without a list per period.
        let mut sorted: Vec<f64> = values
            .iter()
            .filter_map(|v| v.filter(|v| *v > 0.0))
            .collect();
        if sorted.len() < 3 {
            if kind == MetricKind::Quantity {
                findings.extend(month_among_years(report, i, m, metric));
            }
            findings.extend(off_baseline(report, i, m, metric));
            continue;
        }
        sorted.sort_by(f64::total_cmp);
        let mut flagged = false;
        for (p, value) in values.iter().enumerate() {
            let Some(value) = value.filter(|v| *v > 0.0) else {
                continue;
            };
            let count = sorted.len() - 1;
            let (Some(&first), Some(&second), Some(&last), Some(&before_last)) = (
                sorted.first(),
                sorted.get(1),
                sorted.last(),
                sorted.get(sorted.len().saturating_sub(2)),
            ) else {
                continue;
            };
            let low = if value == first { second } else { first };
            let high = if value == last { before_last } else { last };
            let others = count;
            if others < 2 || high / low > 10.0 {
                continue;
            }
            let ratio = if value > high {
                value / high
            } else {
                low / value
            };
            if ratio < UNIT_FACTOR {
                continue;
            }
            flagged = true;
            let column = MetricColumn::Period(p);
            findings.push(
                Finding::new(
                    MAGNITUDE.id,
                    Severity::Warning,
                    metric_location(i, m, column),
                    format!(
                        "{} is {}, about {} times {} the other periods ({} to {}): a value in another unit (TB for PB) or a misplaced decimal mark?",
                        column.label(report),
                        num(value),
                        num(ratio.round()),
                        if value > high { "more than" } else { "less than" },
                        num(low),
                        num(high)
                    ),
                )
                .expected(format!("about {} to {}", num(low), num(high)))
                .found(metric.values.get(p).map(|c| c.text().trim()).unwrap_or_default()),
            );
        }
        if !flagged && kind == MetricKind::Quantity {
            findings.extend(month_among_years(report, i, m, metric));
        }
        if !flagged {
            findings.extend(off_baseline(report, i, m, metric));
        }
    }
    findings
}

/// A quantity period about a twelfth of what the other periods give for as
/// many months: one month's figure where a year's belongs.
fn month_among_years(report: &Report, i: usize, m: usize, metric: &Metric) -> Option<Finding> {
    // Per-month rates of periods of at least six months.
    let rates: Vec<Option<f64>> = report
        .periods
        .iter()
        .zip(&metric.values)
        .map(|(period, cell)| {
            let months = f64::from(period.months.len_months());
            (months >= 6.0)
                .then(|| cell.number())
                .flatten()
                .filter(|v| *v > 0.0)
                .map(|v| v / months)
        })
        .collect();
    // The first period is often a ramp-up: only later ones are judged.
    for (p, rate) in rates.iter().enumerate().skip(1) {
        let Some(rate) = *rate else { continue };
        let others: Vec<f64> = rates
            .iter()
            .enumerate()
            .filter(|(q, _)| *q != p)
            .filter_map(|(_, r)| *r)
            .collect();
        let (Some(low), Some(high)) = (
            others.iter().copied().reduce(f64::min),
            others.iter().copied().reduce(f64::max),
        ) else {
            continue;
        };
        if others.len() < 2 || high / low > 1.25 {
            continue;
        }
        let ratio = low / rate;
        if !(9.0..=15.0).contains(&ratio) || !(9.0..=15.0).contains(&(high / rate)) {
            continue;
        }
        let column = MetricColumn::Period(p);
        let written = metric
            .values
            .get(p)
            .map(|c| c.text().trim())
            .unwrap_or_default();
        return Some(
            Finding::new(
                MAGNITUDE.id,
                Severity::Info,
                metric_location(i, m, column),
                format!(
                    "{} is {}, about a twelfth of what the other periods give for as many months: one month's figure where the period's belongs?",
                    column.label(report),
                    written
                ),
            )
            .found(written),
        );
    }
    None
}

/// A TOT (or a level's largest value) a thousand times off its baseline,
/// the baseline read in the row's unit (`1 PB` is 1 in a PB row).
fn off_baseline(report: &Report, i: usize, m: usize, metric: &Metric) -> Option<Finding> {
    let baseline = metric.baseline.value().quantity()?;
    if baseline.value <= 0.0 || baseline.unit.as_deref() == Some("%") {
        return None;
    }
    let mut target = baseline.value;
    if baseline.unit.as_deref() == Some("TB")
        && let Some(tb) = data_size(&report.unit_of(metric))
    {
        target /= tb;
    }
    let reached = if metric.kind().is_level() {
        metric
            .values
            .iter()
            .filter_map(Cell::number)
            .reduce(f64::max)
    } else {
        metric.total.number()
    }
    .filter(|v| *v > 0.0)?;
    let ratio = (target / reached).max(reached / target);
    if ratio < 1000.0 {
        return None;
    }
    Some(
        Finding::new(
            MAGNITUDE.id,
            Severity::Info,
            metric_location(i, m, MetricColumn::Baseline),
            format!(
                "The baseline {} is about {} times {} the figures reached ({}): the same unit?",
                metric.baseline.text().trim(),
                num(ratio.round()),
                if target > reached {
                    "more than"
                } else {
                    "less than"
                },
                num(reached)
            ),
        )
        .found(metric.baseline.text().trim()),
    )
}

fn level_decreasing(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
        if !metric.kind().is_level() {
            continue;
        }
        let mut previous: Option<(usize, f64)> = None;
        for (p, cell) in metric.values.iter().enumerate() {
            let Some(value) = cell.number() else { continue };
            if let Some((before_p, before)) = previous
                && value < before
                && !super::same(value, before)
            {
                let column = MetricColumn::Period(p);
                findings.push(
                    Finding::new(
                        LEVEL_DECREASING.id,
                        Severity::Warning,
                        metric_location(i, m, column),
                        format!(
                            "{} is {}, less than the {} of {}: a level (a stock to date) seldom falls",
                            column.label(report),
                            num(value),
                            num(before),
                            MetricColumn::Period(before_p).label(report)
                        ),
                    )
                    .expected(format!("at least {}", num(before)))
                    .found(cell.text().trim()),
                );
            }
            previous = Some((p, value));
        }
    }
    findings
}

fn pasted_period(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, installation) in report.installations.iter().enumerate() {
        for p in 1..report.periods.len() {
            let mut compared = 0;
            let mut first_row: Option<usize> = None;
            let mut equal = true;
            for (m, metric) in installation.metrics.iter().enumerate() {
                if metric.kind() == MetricKind::Text {
                    continue;
                }
                let (Some(before), Some(this)) = (metric.values.get(p - 1), metric.values.get(p))
                else {
                    continue;
                };
                if before.is_blank() || this.is_blank() {
                    continue;
                }
                if before.text().trim() != this.text().trim() {
                    equal = false;
                    break;
                }
                // Equal levels and lists are normal; equal flows are not.
                let flow = !metric.kind().is_level() && metric.kind() != MetricKind::CountryList;
                if flow && this.number().is_some_and(|v| v != 0.0) {
                    compared += 1;
                    first_row.get_or_insert(m);
                }
            }
            let Some(row) = first_row else { continue };
            if !equal || compared < 2 {
                continue;
            }
            let before = MetricColumn::Period(p - 1).label(report);
            let this = MetricColumn::Period(p).label(report);
            findings.push(
                Finding::new(
                    PASTED_PERIOD.id,
                    Severity::Warning,
                    metric_location(i, row, MetricColumn::Period(p)),
                    format!(
                        "Every figure of {this} equals {before}'s, cell for cell ({compared} rows): a column pasted twice?"
                    ),
                )
                .found(format!("{this} = {before}")),
            );
        }
    }
    findings
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::tests::{keys, m36, report};
    use super::*;

    #[test]
    fn negative_quantities_and_counts() {
        let report = report(&[(
            "A",
            &[
                ("CPU hours", "", &["10", "-5", "3"], "8"),
                ("Number of users", "", &["1", "2", "3"], "-3"),
                ("Jobs run", "-1", &["1", "2", "3"], "6"),
            ],
        )]);
        assert_eq!(
            keys(&report, &negative(&report)),
            [
                "error negative-value | A | CPU hours | M13-M24",
                "error negative-value | A | Number of users | TOT",
            ]
        );
    }

    #[test]
    fn numbers_in_the_other_convention_are_rewritten_exactly() {
        let mut report = report(&[(
            "A",
            &[(
                "Storage used (TB)",
                "4.000.000",
                &["43,5", "12.5", "> 1.000,5"],
                "",
            )],
        )]);
        let findings = other_convention(&report);
        assert_eq!(
            keys(&report, &findings),
            [
                "info other-decimal-convention | A | Storage used (TB) | Baseline",
                "warning other-decimal-convention | A | Storage used (TB) | M1-M12",
                "warning other-decimal-convention | A | Storage used (TB) | M25-M36",
            ]
        );
        assert_eq!(findings[1].expected.as_deref(), Some("43.5"));
        assert!(findings[2].fix.is_none(), "a bound is kept as written");
        crate::edit::apply(&mut report, findings[1].fix.clone().unwrap().edit).unwrap();
        assert_eq!(report.installations[0].metrics[0].values[0].text(), "43.5");
        assert_eq!(other_convention(&report).len(), 2);
    }

    #[test]
    fn values_in_another_unit_and_months_among_years() {
        let report = report(&[(
            "A",
            &[
                ("Archive volume (PB)", "", &["2.1", "2,300", "2.6"], ""),
                ("CPU hours", "", &["1,200", "1,150", "100"], "2,450"),
                ("GPU hours", "", &["0", "34", "24,810"], "24,844"),
                ("Jobs run", "", &["100", "200", "300"], "600"),
            ],
        )]);
        let findings = magnitude(&report);
        assert_eq!(
            keys(&report, &findings),
            [
                "warning magnitude-outlier | A | Archive volume (PB) | M13-M24",
                "info magnitude-outlier | A | CPU hours | M25-M36",
            ]
        );
    }

    #[test]
    fn a_baseline_in_the_rows_unit_is_compared_in_that_unit() {
        let mut report = report(&[(
            "A",
            &[
                ("Archive volume", "1 PB", &["0.5", "0.7", "0.9"], "0.9"),
                ("Jobs run", "3M", &["1", "1", "1"], "3"),
            ],
        )]);
        report.installations[0].metrics[0].unit_choice = Some("PB".to_owned());
        assert_eq!(
            keys(&report, &magnitude(&report)),
            ["info magnitude-outlier | A | Jobs run | Baseline"]
        );
    }

    #[test]
    fn falling_levels() {
        let report = report(&[(
            "A",
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
                    "40",
                ),
            ],
        )]);
        assert_eq!(
            keys(&report, &level_decreasing(&report)),
            ["warning level-decreasing | A | Disk space allocated (TB) | M25-M36"]
        );
    }

    #[test]
    fn a_pasted_column_is_found_and_equal_levels_are_not() {
        let report = report(&[
            (
                "A",
                &[
                    ("CPU hours", "", &["10", "20", "20"], "50"),
                    ("Number of users", "", &["3", "7", "7"], "9"),
                    (
                        "Names of the countries reached",
                        "",
                        &["ES", "ES, PT", "ES, PT"],
                        "",
                    ),
                ],
            ),
            (
                "B",
                &[
                    ("Disk space allocated", "", &["5", "5", "5"], "5"),
                    ("Number of users", "", &["3", "7", "7"], "9"),
                ],
            ),
        ]);
        assert_eq!(
            keys(&report, &pasted_period(&report)),
            ["warning pasted-period | A | CPU hours | M25-M36"]
        );
    }

    #[test]
    fn m36_values() {
        let report = m36();
        assert!(negative(&report).is_empty());
        assert!(level_decreasing(&report).is_empty());
        assert!(pasted_period(&report).is_empty());
        assert!(
            magnitude(&report).is_empty(),
            "{:#?}",
            keys(&report, &magnitude(&report))
        );
        // Seed 000: ML training cycles' baseline "4.000.000" in a decimal-point report.
        assert_eq!(
            keys(&report, &other_convention(&report)),
            [
                "info other-decimal-convention | iMagine - AI Application Development Service | ML training cycles (CPU+GPU-hours) | Baseline"
            ]
        );
    }
}

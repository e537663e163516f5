//! What a cell holds against what its row is for: numbers in a names row,
//! names in a numbers row (two rows swapped), `/` or text where a number
//! belongs, and blanks among filled cells.

use std::collections::HashSet;

use super::{
    Finding, Rule, Severity, metric_column_label, metric_location, metrics, num, set_metric_cell,
};
use crate::edit::Edit;
use crate::model::{CellValue, Metric, MetricColumn, MetricKind, Report};

pub const SWAPPED_ROWS: Rule = Rule {
    id: "swapped-rows",
    label: "Cell contents",
    description: "a country list row holding the numbers and its count row holding the names: the two rows are swapped",
    check: swapped_rows,
};

pub const WRONG_TYPE: Rule = Rule {
    id: "wrong-type",
    label: "Cell contents",
    description: "numbers in a names row, names or text like / and N/A in a numbers row",
    check: wrong_type,
};

pub const MISSING_VALUE: Rule = Rule {
    id: "missing-value",
    label: "Cell contents",
    description: "a blank cell among filled ones",
    check: missing_value,
};

/// The period columns and TOT of a metric with their cells.
fn value_columns(metric: &Metric) -> impl Iterator<Item = (MetricColumn, &crate::model::Cell)> {
    metric
        .values
        .iter()
        .enumerate()
        .map(|(p, cell)| (MetricColumn::Period(p), cell))
        .chain(std::iter::once((MetricColumn::Total, &metric.total)))
}

/// (installation, list row, count row) of every swapped pair.
fn swapped_pairs(report: &Report) -> Vec<(usize, usize, usize)> {
    let mut pairs = Vec::new();
    for (i, installation) in report.installations.iter().enumerate() {
        let rows = &installation.metrics;
        let Some(list) = rows
            .iter()
            .position(|m| m.kind() == MetricKind::CountryList)
        else {
            continue;
        };
        let Some(count) = rows
            .iter()
            .position(|m| m.kind() == MetricKind::CountryCount)
        else {
            continue;
        };
        let (Some(list_row), Some(count_row)) = (rows.get(list), rows.get(count)) else {
            continue;
        };
        let mut swapped = 0;
        let mut fitting = 0;
        for ((_, l), (_, c)) in value_columns(list_row).zip(value_columns(count_row)) {
            match (l.value(), c.value()) {
                (CellValue::Number(_), CellValue::Countries(_)) => swapped += 1,
                (CellValue::Countries(_), _) | (_, CellValue::Number(_)) => fitting += 1,
                _ => {}
            }
        }
        if swapped > 0 && fitting == 0 {
            pairs.push((i, list, count));
        }
    }
    pairs
}

/// One undo step that swaps the period and TOT cells of two rows.
fn swap_edit(report: &Report, i: usize, a: usize, b: usize) -> Option<Edit> {
    let rows = &report.installations.get(i)?.metrics;
    let (row_a, row_b) = (rows.get(a)?, rows.get(b)?);
    let mut edits = Vec::new();
    for ((column, cell_a), (_, cell_b)) in value_columns(row_a).zip(value_columns(row_b)) {
        edits.push(set_metric_cell(i, a, column, cell_b.text().to_owned()));
        edits.push(set_metric_cell(i, b, column, cell_a.text().to_owned()));
    }
    Some(Edit::Batch {
        label: "swap the values of two rows".to_owned(),
        edits,
    })
}

fn swapped_rows(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, list, count) in swapped_pairs(report) {
        let Some(edit) = swap_edit(report, i, list, count) else {
            continue;
        };
        let rows = report.installations.get(i).map(|x| &x.metrics);
        let name = |m: usize| {
            rows.and_then(|r| r.get(m))
                .map(|r| r.name.clone())
                .unwrap_or_default()
        };
        let first_numbers = rows
            .and_then(|r| r.get(list))
            .map(|r| {
                r.values
                    .iter()
                    .filter_map(|c| c.number())
                    .map(num)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let fix_label = "Swap the values of the two rows";
        findings.push(
            Finding::new(
                SWAPPED_ROWS.id,
                Severity::Error,
                metric_location(i, list, MetricColumn::Period(0)),
                format!(
                    "This row of country names holds the counts ({first_numbers}) and \"{}\" holds the names: the two rows are swapped",
                    name(count)
                ),
            )
            .expected("country codes")
            .found(first_numbers.clone())
            .fix(fix_label, edit.clone()),
        );
        findings.push(
            Finding::new(
                SWAPPED_ROWS.id,
                Severity::Error,
                metric_location(i, count, MetricColumn::Period(0)),
                format!(
                    "This count row holds country names and \"{}\" holds its counts ({first_numbers}): the two rows are swapped",
                    name(list)
                ),
            )
            .expected("numbers")
            .found("country codes")
            .fix(fix_label, edit),
        );
    }
    findings
}

fn wrong_type(report: &Report) -> Vec<Finding> {
    let swapped: HashSet<(usize, usize)> = swapped_pairs(report)
        .into_iter()
        .flat_map(|(i, a, b)| [(i, a), (i, b)])
        .collect();
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
        if swapped.contains(&(i, m)) {
            continue;
        }
        let kind = metric.kind();
        for (column, cell) in value_columns(metric) {
            let label = || metric_column_label(report, column);
            let written = cell.text().trim();
            let problem = match (kind, cell.value()) {
                (MetricKind::CountryList, CellValue::Number(q)) => Some((
                    Severity::Warning,
                    format!(
                        "{} holds the number {} in a row of country names",
                        label(),
                        num(q.value)
                    ),
                    "country codes",
                )),
                (
                    MetricKind::Quantity
                    | MetricKind::LevelLast
                    | MetricKind::LevelLargest
                    | MetricKind::DistinctCount
                    | MetricKind::CountryCount,
                    CellValue::Countries(_),
                ) => Some((
                    Severity::Warning,
                    format!(
                        "{} holds country codes \"{written}\" in a row of numbers",
                        label()
                    ),
                    "a number",
                )),
                (
                    MetricKind::Quantity
                    | MetricKind::LevelLast
                    | MetricKind::LevelLargest
                    | MetricKind::DistinctCount
                    | MetricKind::CountryCount,
                    CellValue::Text,
                ) => Some((
                    Severity::Warning,
                    format!(
                        "{} holds the text \"{written}\" where a number belongs",
                        label()
                    ),
                    "a number",
                )),
                (
                    MetricKind::Quantity
                    | MetricKind::LevelLast
                    | MetricKind::LevelLargest
                    | MetricKind::DistinctCount
                    | MetricKind::CountryCount,
                    CellValue::NotApplicable,
                ) => Some((
                    Severity::Warning,
                    format!(
                        "{} holds \"{written}\" where a number belongs; write 0 if nothing was served",
                        label()
                    ),
                    "a number",
                )),
                _ => None,
            };
            if let Some((severity, message, expected)) = problem {
                findings.push(
                    Finding::new(
                        WRONG_TYPE.id,
                        severity,
                        metric_location(i, m, column),
                        message,
                    )
                    .expected(expected)
                    .found(written),
                );
            }
        }
    }
    findings
}

fn missing_value(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
        let kind = metric.kind();
        if kind == MetricKind::Text {
            continue;
        }
        let filled = metric.values.iter().filter(|c| !c.is_blank()).count();
        if filled == 0 {
            continue;
        }
        for (p, cell) in metric.values.iter().enumerate() {
            if !cell.is_blank() {
                continue;
            }
            let label = metric_column_label(report, MetricColumn::Period(p));
            let mut finding = Finding::new(
                MISSING_VALUE.id,
                Severity::Warning,
                metric_location(i, m, MetricColumn::Period(p)),
                format!(
                    "{label} is blank while {filled} of the {} periods are filled",
                    metric.values.len()
                ),
            )
            .found("blank");
            // A quantity's missing period follows from its TOT and the others.
            if kind == MetricKind::Quantity
                && let Some(total) = metric.total.number()
            {
                let others: Option<f64> = metric
                    .values
                    .iter()
                    .enumerate()
                    .filter(|(q, _)| *q != p)
                    .map(|(_, c)| c.number())
                    .sum();
                if let Some(others) = others
                    && total - others >= 0.0
                    && metric.values.iter().filter(|c| c.is_blank()).count() == 1
                {
                    let value = num(total - others);
                    finding = finding.expected(value.clone()).fix(
                        format!("Set {label} to {value} (TOT minus the other periods)"),
                        set_metric_cell(
                            i,
                            m,
                            MetricColumn::Period(p),
                            super::fix_text(report, total - others),
                        ),
                    );
                }
            }
            findings.push(finding);
        }
        // A blank TOT under numeric periods.
        if matches!(
            kind,
            MetricKind::Quantity
                | MetricKind::LevelLast
                | MetricKind::LevelLargest
                | MetricKind::DistinctCount
                | MetricKind::CountryCount
        ) && metric.total.is_blank()
            && let Some(values) = super::totals::period_numbers(metric)
        {
            let mut finding = Finding::new(
                MISSING_VALUE.id,
                Severity::Warning,
                metric_location(i, m, MetricColumn::Total),
                "TOT is blank while every period is filled",
            )
            .found("blank");
            if kind == MetricKind::Quantity {
                let sum: f64 = values.iter().sum();
                finding = finding.expected(num(sum)).fix(
                    format!("Set TOT to {}", num(sum)),
                    set_metric_cell(i, m, MetricColumn::Total, super::fix_text(report, sum)),
                );
            }
            findings.push(finding);
        }
    }
    findings
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::tests::{keys, m36, report};
    use super::*;

    const LIST: &str = "Names of the countries reached over the period";
    const COUNT: &str = "Number of countries reached over the period";

    #[test]
    fn swapped_rows_are_found_and_swapped_back() {
        let mut report = report(&[(
            "A",
            &[
                (LIST, "ES", &["1", "2", "0"], "2"),
                (COUNT, "1", &["ES", "ES, PT", "/"], ""),
            ],
        )]);
        let findings = swapped_rows(&report);
        assert_eq!(findings.len(), 2);
        assert!(wrong_type(&report).is_empty());
        crate::edit::apply(&mut report, findings[0].fix.clone().unwrap().edit).unwrap();
        let rows = &report.installations[0].metrics;
        assert_eq!(rows[0].values[1].text(), "ES, PT");
        assert_eq!(rows[1].values[1].text(), "2");
        assert_eq!(rows[1].total.text(), "2");
        assert!(swapped_rows(&report).is_empty());
    }

    #[test]
    fn rows_in_order_are_not_swapped() {
        let report = report(&[(
            "A",
            &[
                (LIST, "", &["ES", "ES, PT", "/"], ""),
                (COUNT, "", &["1", "2", "0"], "2"),
            ],
        )]);
        assert!(swapped_rows(&report).is_empty());
        assert!(wrong_type(&report).is_empty());
        assert!(missing_value(&report).is_empty());
    }

    #[test]
    fn wrong_types_in_rows() {
        let report = report(&[(
            "A",
            &[
                (LIST, "", &["7", "ES", "/"], ""),
                ("CPU hours", "", &["/", "N/A", "logs"], "5"),
                ("Number of users", "", &["ES, PT", "3", "4"], "7"),
            ],
        )]);
        assert_eq!(
            keys(&report, &wrong_type(&report)),
            [
                format!("warning wrong-type | A | {LIST} | M1-M12"),
                "warning wrong-type | A | CPU hours | M1-M12".to_owned(),
                "warning wrong-type | A | CPU hours | M13-M24".to_owned(),
                "warning wrong-type | A | CPU hours | M25-M36".to_owned(),
                "warning wrong-type | A | Number of users | M1-M12".to_owned(),
            ]
        );
    }

    #[test]
    fn blanks_among_filled_cells_and_their_fixes() {
        let report = report(&[(
            "A",
            &[
                ("CPU hours", "", &["10", "", "30"], "100"),
                ("Number of users", "", &["0", "54", ""], "54"),
                ("GPU hours", "", &["1", "2", "3"], ""),
                ("Storage", "", &["", "", ""], ""),
            ],
        )]);
        let findings = missing_value(&report);
        assert_eq!(
            keys(&report, &findings),
            [
                "warning missing-value | A | CPU hours | M13-M24",
                "warning missing-value | A | Number of users | M25-M36",
                "warning missing-value | A | GPU hours | TOT",
            ]
        );
        assert_eq!(
            findings[0].fix.as_ref().unwrap().label,
            "Set M13-M24 to 60 (TOT minus the other periods)"
        );
        assert!(findings[1].fix.is_none());
        assert_eq!(findings[2].expected.as_deref(), Some("6"));
    }

    #[test]
    fn m36_swapped_rows_blanks_verified_against_the_seed() {
        let report = m36();
        // Seed 000, IFCA-CSIC Scientific Cloud - Storage: "Names of the countries reached over the
        // period" holds 7, 5, 0, 12 and "Number of countries reached over the period" the lists.
        let swapped = swapped_rows(&report);
        assert_eq!(
            keys(&report, &swapped),
            [
                format!(
                    "error swapped-rows | IFCA-CSIC Scientific Cloud - Storage | {LIST} | M1-M12"
                ),
                format!(
                    "error swapped-rows | IFCA-CSIC Scientific Cloud - Storage | {COUNT} | M1-M12"
                ),
            ]
        );
        // WaltonCloud CPU users M25-M36 and TR-FC1-ULAKBIM countries M1-M12 are blank.
        assert_eq!(
            keys(&report, &missing_value(&report)),
            [
                format!("warning missing-value | TR-FC1-ULAKBIM | {COUNT} | M1-M12"),
                "warning missing-value | WaltonCloud - CPU | Number of users | M25-M36".to_owned(),
            ]
        );
        // "/" appears only in country-list rows, where it means no country.
        assert!(
            wrong_type(&report).is_empty(),
            "{:#?}",
            keys(&report, &wrong_type(&report))
        );
    }
}

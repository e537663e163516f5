//! The period columns and checkpoints: contiguous, not overlapping, labels
//! agreeing with their months.

use std::sync::LazyLock;

use regex::Regex;

use super::{Finding, Location, Rule, Severity};
use crate::edit::Edit;
use crate::model::{MonthRange, Report, TextAddress};

pub const PERIOD_COLUMNS: Rule = Rule {
    id: "period-columns",
    label: "Periods",
    description: "period columns are contiguous, do not overlap, and their labels agree with their months",
    check: period_columns,
};

pub const CHECKPOINT_LABEL: Rule = Rule {
    id: "checkpoint-label",
    label: "Periods",
    description: "a cumulative table checkpoint's label names its month (M12) and calendar month (Aug 2023)",
    check: checkpoint_labels,
};

pub const CALENDAR_RULE: Rule = Rule {
    id: "calendar",
    label: "Periods",
    description: "periods start at M1 or later, and no Table 1 checkpoint lies beyond the end of the report's last period",
    check: calendar,
};

fn calendar(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (p, period) in report.periods.iter().enumerate() {
        if period.months.first == 0 {
            findings.push(
                Finding::new(
                    CALENDAR_RULE.id,
                    Severity::Error,
                    Location::Period(p),
                    format!(
                        "Period {} starts at M0, before the project's first month, M1",
                        period.label
                    ),
                )
                .expected("M1 or later")
                .found("M0"),
            );
        }
    }
    let Some(end) = report.periods.iter().map(|p| p.months.last).max() else {
        return findings;
    };
    for (c, checkpoint) in report.cumulative.checkpoints.iter().enumerate() {
        if checkpoint.month > end || checkpoint.month == 0 {
            findings.push(
                Finding::new(
                    CALENDAR_RULE.id,
                    Severity::Warning,
                    Location::Checkpoint(c),
                    format!(
                        "The checkpoint at M{} lies outside the report's periods, which end at M{end}",
                        checkpoint.month
                    ),
                )
                .expected(format!("M1 to M{end}"))
                .found(format!("M{}", checkpoint.month)),
            );
        }
    }
    findings
}

fn period_columns(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut previous: Option<MonthRange> = None;
    for (p, period) in report.periods.iter().enumerate() {
        let months = period.months;
        let location = Location::Period(p);
        if months.first > months.last {
            findings.push(
                Finding::new(
                    PERIOD_COLUMNS.id,
                    Severity::Error,
                    location,
                    format!(
                        "Period {} starts at M{} after it ends at M{}",
                        period.label, months.first, months.last
                    ),
                )
                .found(months.label()),
            );
        } else if let Some(before) = previous {
            if months.first <= before.last {
                findings.push(
                    Finding::new(
                        PERIOD_COLUMNS.id,
                        Severity::Error,
                        location,
                        format!(
                            "Period {} starts at M{}, inside the previous period {}",
                            period.label,
                            months.first,
                            before.label()
                        ),
                    )
                    .expected(format!("M{}", before.last + 1))
                    .found(format!("M{}", months.first)),
                );
            } else if months.first > before.last + 1 {
                findings.push(
                    Finding::new(
                        PERIOD_COLUMNS.id,
                        Severity::Warning,
                        location,
                        format!(
                            "Period {} starts at M{}, leaving M{}-M{} out of every period",
                            period.label,
                            months.first,
                            before.last + 1,
                            months.first - 1
                        ),
                    )
                    .expected(format!("M{}", before.last + 1))
                    .found(format!("M{}", months.first)),
                );
            }
        }
        if let Some(labelled) = MonthRange::parse_label(&period.label)
            && labelled != months
        {
            findings.push(
                Finding::new(
                    PERIOD_COLUMNS.id,
                    Severity::Error,
                    location,
                    format!(
                        "The label {} does not match the period's months, {}",
                        period.label.trim(),
                        months.label()
                    ),
                )
                .expected(months.label())
                .found(period.label.trim())
                .fix(
                    format!("Relabel as {}", months.label()),
                    Edit::SetText {
                        address: TextAddress::PeriodLabel(p),
                        text: months.label(),
                    },
                ),
            );
        }
        previous = Some(months);
    }
    findings
}

static MONTH_NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\bM(\d{1,3})\b").ok());
static CALENDAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4}|\d{2})\b",
    )
    .ok()
});

fn checkpoint_labels(report: &Report) -> Vec<Finding> {
    let (Some(number), Some(calendar)) = (MONTH_NUMBER.as_ref(), CALENDAR.as_ref()) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    for (c, checkpoint) in report.cumulative.checkpoints.iter().enumerate() {
        let label = checkpoint.label.as_str();
        let location = Location::Checkpoint(c);
        if let Some(written) = number
            .captures(label)
            .and_then(|x| x.get(1))
            .and_then(|m| m.as_str().parse::<u32>().ok())
            && written != checkpoint.month
        {
            findings.push(
                Finding::new(
                    CHECKPOINT_LABEL.id,
                    Severity::Warning,
                    location,
                    format!(
                        "The label \"{label}\" names M{written} but the checkpoint is at M{}",
                        checkpoint.month
                    ),
                )
                .expected(format!("M{}", checkpoint.month))
                .found(format!("M{written}")),
            );
        }
        let actual = report.project_start.project_month(checkpoint.month);
        if let Some(captures) = calendar.captures(label)
            && let (Some(month), Some(year)) = (captures.get(1), captures.get(2))
        {
            let month_index = [
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
            ]
            .iter()
            .position(|m| *m == month.as_str().to_lowercase());
            let year: Option<i32> = year
                .as_str()
                .parse()
                .ok()
                .map(|y: i32| if y < 100 { 2000 + y } else { y });
            let matches = month_index.map(|m| m + 1) == Some(usize::from(actual.month))
                && year == Some(actual.year);
            if !matches {
                findings.push(
                    Finding::new(
                        CHECKPOINT_LABEL.id,
                        Severity::Warning,
                        location,
                        format!(
                            "The label \"{label}\" names {} but M{} is {}",
                            captures.get(0).map(|m| m.as_str()).unwrap_or_default(),
                            checkpoint.month,
                            actual.short_name()
                        ),
                    )
                    .expected(actual.short_name()),
                );
            }
        }
    }
    findings
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::tests::m36;
    use super::*;
    use crate::model::{Checkpoint, Period};

    #[test]
    fn the_m36_periods_and_checkpoints_are_right() {
        // Seed 000: M1-M12, M13-M24, M25-M36 from Sep 2022; "USED BY M18 (Feb 24)" is Feb 2024.
        let report = m36();
        assert!(period_columns(&report).is_empty());
        assert!(checkpoint_labels(&report).is_empty());
        assert!(calendar(&report).is_empty());
    }

    #[test]
    fn checkpoints_beyond_the_last_period_and_periods_before_m1() {
        let mut report = m36();
        report.periods[0] = Period::new(0, 12);
        report.cumulative.checkpoints.push(Checkpoint {
            month: 42,
            label: "USED BY M42".to_owned(),
        });
        let messages: Vec<_> = calendar(&report).into_iter().map(|f| f.message).collect();
        assert_eq!(
            messages,
            [
                "Period M0-M12 starts at M0, before the project's first month, M1",
                "The checkpoint at M42 lies outside the report's periods, which end at M36",
            ]
        );
    }

    #[test]
    fn gaps_overlaps_and_labels() {
        let mut report = m36();
        report.periods = vec![Period::new(1, 12), Period::new(12, 24), Period::new(26, 36)];
        report.periods[2].label = "M25-M36".to_owned();
        let findings = period_columns(&report);
        let messages: Vec<_> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Period M12-M24 starts at M12, inside the previous period M1-M12",
                "Period M25-M36 starts at M26, leaving M25-M25 out of every period",
                "The label M25-M36 does not match the period's months, M26-M36",
            ]
        );
        report.cumulative.checkpoints[0] = Checkpoint {
            month: 6,
            label: "USED BY M7 (Mar 2023)".to_owned(),
        };
        let labels = checkpoint_labels(&report);
        assert_eq!(labels.len(), 2);
        assert_eq!(
            labels[1].message,
            "The label \"USED BY M7 (Mar 2023)\" names Mar 2023 but M6 is Feb 2023"
        );
    }
}

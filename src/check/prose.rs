//! Prose against the tables: resource figures quoted in the executive
//! summary, conclusion or an assessment ("11,113,730 CPU-hours",
//! "831 TByte-month") must be figures of the tables, and date ranges
//! ("Sep 2024 - Aug 2025") must be valid and match the report's periods.

use std::sync::LazyLock;

use regex::Regex;

use super::{Finding, Location, Rule, Severity, metrics, num, same};
use crate::edit::Edit;
use crate::model::inference::infer_resource;
use crate::model::value::parse_number;
use crate::model::{CellAddress, CumulativeColumn, MetricKind, Report, TextAddress, YearMonth};

pub const FIGURE: Rule = Rule {
    id: "prose-figure",
    description: "CPU-hours, GPU-hours and TB-month quoted in prose equal the table figure they name",
    check: figures,
};

pub const DATE_RANGE: Rule = Rule {
    id: "prose-date-range",
    description: "date ranges in prose start before they end and match the report's periods",
    check: date_ranges,
};

/// A number followed by a resource unit.
static FIGURE_PATTERN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)\b(\d[\d,.]*\d|\d)\s*(CPU[- ]?h(?:ours?)?|GPU[- ]?h(?:ours?)?|TB(?:ytes?)?[- /]?months?)\b",
    )
    .ok()
});

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// `Sep 2024 - Aug 2025`, `September 2025 to August 2025`.
static RANGE_PATTERN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){MONTH}\.?\s+(\d{{4}})\s*(?:-|–|—|to|until)\s*{MONTH}\.?\s+(\d{{4}})(?-u:\b)"
    ))
    .ok()
});

/// The prose of a report: sections and assessments, with where they are.
fn texts(report: &Report) -> Vec<(Location, TextAddress, &str)> {
    let sections = report.sections.iter().enumerate().map(|(s, x)| {
        (
            Location::Section(s),
            TextAddress::SectionText(s),
            x.text.as_str(),
        )
    });
    let assessments = report.installations.iter().enumerate().map(|(i, x)| {
        (
            Location::Assessment(i),
            TextAddress::Assessment(i),
            x.assessment.as_str(),
        )
    });
    sections.chain(assessments).collect()
}

/// The row index of the resource a unit quoted in prose names.
fn unit_resource(report: &Report, unit: &str) -> Option<usize> {
    let id = infer_resource(unit, None, MetricKind::Quantity, &report.cumulative.rows)?;
    report.cumulative.resource_index(&id)
}

/// The sentence around byte range `start..end` of `text`.
fn sentence(text: &str, start: usize, end: usize) -> &str {
    let before = text.get(..start).unwrap_or_default();
    let from = before
        .rfind(". ")
        .map(|i| i + 2)
        .max(before.rfind('\n').map(|i| i + 1))
        .unwrap_or(0);
    let after = text.get(end..).unwrap_or_default();
    let to = [after.find(". "), after.find('\n')]
        .into_iter()
        .flatten()
        .min()
        .map_or(text.len(), |i| end + i);
    text.get(from..to).unwrap_or_default()
}

/// Every figure of the tables a text may quote for the resource with id
/// `resource`.
fn table_figures(report: &Report, resource: &str) -> Vec<f64> {
    let mut figures = Vec::new();
    if let Some(row) = report.cumulative.resource(resource) {
        figures.extend(row.budget.number());
        figures.extend(row.used.iter().filter_map(|c| c.number()));
    }
    for (_, _, metric) in metrics(report) {
        if metric.consumes(resource) {
            figures.extend(metric.values.iter().filter_map(|c| c.number()));
            figures.extend(metric.total.number());
        }
    }
    figures
}

fn figures(report: &Report) -> Vec<Finding> {
    let Some(pattern) = FIGURE_PATTERN.as_ref() else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    for (location, address, text) in texts(report) {
        for captures in pattern.captures_iter(text) {
            let (Some(number), Some(unit)) = (captures.get(1), captures.get(2)) else {
                continue;
            };
            let Some(quoted) = parse_number(number.as_str(), report.decimal_mark).map(|q| q.value)
            else {
                continue;
            };
            let Some(r) = unit_resource(report, unit.as_str()) else {
                continue;
            };
            let Some(row) = report.cumulative.rows.get(r) else {
                continue;
            };
            if table_figures(report, &row.id)
                .iter()
                .any(|f| same(*f, quoted))
            {
                continue;
            }
            let budgeted = sentence(text, number.start(), unit.end())
                .to_lowercase()
                .contains("budget");
            // (value, what it is, the Table 1 cell when the figure is a use)
            let (expected, what, table_cell) = if budgeted {
                (row.budget.number(), "budget".to_owned(), None)
            } else {
                let numbers: Vec<(usize, f64, u32)> = row
                    .used
                    .iter()
                    .zip(&report.cumulative.checkpoints)
                    .enumerate()
                    .filter_map(|(c, (cell, checkpoint))| {
                        cell.number().map(|v| (c, v, checkpoint.month))
                    })
                    .collect();
                let last = numbers.last().copied();
                // A last figure below the one before it is itself a mistake of the table.
                let table_suspect = match numbers.as_slice() {
                    [.., (_, before, _), (_, last, _)] => last < before && quoted >= *before,
                    _ => false,
                };
                (
                    last.map(|(_, v, _)| v),
                    last.map(|(_, _, month)| format!("use by M{month}"))
                        .unwrap_or_default(),
                    last.filter(|_| table_suspect).map(|(c, ..)| c),
                )
            };
            let Some(expected) = expected else { continue };
            let place = match location {
                Location::Section(s) => report
                    .sections
                    .get(s)
                    .map(|x| x.kind.label().to_lowercase())
                    .unwrap_or_default(),
                _ => "assessment".to_owned(),
            };
            let mut message = format!(
                "The {place} quotes {} {} but the cumulative table's {} {what} is {} {}",
                number.as_str(),
                unit.as_str(),
                row.label,
                num(expected),
                row.unit
            );
            let finding = if let Some(c) = table_cell {
                message.push_str(
                    ", less than at the checkpoint before, so the table is the likely mistake",
                );
                Finding::new(FIGURE.id, Severity::Error, location, message)
                    .expected(num(expected))
                    .found(number.as_str())
                    .fix(
                        format!("Set the cumulative table to {}", num(quoted)),
                        Edit::SetCell {
                            address: CellAddress::Cumulative {
                                row: r,
                                column: CumulativeColumn::Checkpoint(c),
                            },
                            text: super::fix_text(report, quoted),
                        },
                    )
            } else {
                let mut fixed = String::with_capacity(text.len());
                fixed.push_str(text.get(..number.start()).unwrap_or_default());
                fixed.push_str(&num(expected));
                fixed.push_str(text.get(number.end()..).unwrap_or_default());
                Finding::new(FIGURE.id, Severity::Error, location, message)
                    .expected(num(expected))
                    .found(number.as_str())
                    .fix(
                        format!("Write {} in the text", num(expected)),
                        Edit::SetText {
                            address,
                            text: fixed,
                        },
                    )
            };
            findings.push(finding);
        }
    }
    findings
}

fn month_number(name: &str) -> Option<u8> {
    let prefix: String = name.chars().take(3).collect::<String>().to_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let index = months.iter().position(|m| *m == prefix)?;
    u8::try_from(index + 1).ok()
}

const FULL_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `month` written like `example`: in full or short.
fn write_month(month: YearMonth, example: &str) -> String {
    if example.trim_end_matches('.').len() > 3 {
        let name = FULL_NAMES
            .get(usize::from(month.month).saturating_sub(1))
            .copied()
            .unwrap_or_default();
        format!("{name} {}", month.year)
    } else {
        month.short_name()
    }
}

fn date_ranges(report: &Report) -> Vec<Finding> {
    let Some(pattern) = RANGE_PATTERN.as_ref() else {
        return Vec::new();
    };
    let start = report.project_start;
    // Calendar spans of the periods and of runs of consecutive periods.
    let spans: Vec<(YearMonth, YearMonth)> = report
        .periods
        .iter()
        .enumerate()
        .flat_map(|(a, first)| {
            report.periods.iter().skip(a).map(move |last| {
                (
                    start.project_month(first.months.first),
                    start.project_month(last.months.last),
                )
            })
        })
        .collect();
    let mut findings = Vec::new();
    for (location, address, text) in texts(report) {
        for captures in pattern.captures_iter(text) {
            let (Some(whole), Some(m1), Some(y1), Some(m2), Some(y2)) = (
                captures.get(0),
                captures.get(1),
                captures.get(2),
                captures.get(3),
                captures.get(4),
            ) else {
                continue;
            };
            let month = |m: &str, y: &str| YearMonth::new(y.parse().ok()?, month_number(m)?);
            let (Some(from), Some(to)) = (
                month(m1.as_str(), y1.as_str()),
                month(m2.as_str(), y2.as_str()),
            ) else {
                continue;
            };
            let written = whole.as_str();
            if from > to {
                // The period that ends where the range ends gives the start.
                let period = report
                    .periods
                    .iter()
                    .find(|p| start.project_month(p.months.last) == to);
                let mut finding = Finding::new(
                    DATE_RANGE.id,
                    Severity::Error,
                    location,
                    format!("The date range \"{written}\" ends before it starts"),
                )
                .found(written);
                if let Some(period) = period {
                    let first = start.project_month(period.months.first);
                    let corrected = format!(
                        "{} - {}",
                        write_month(first, m1.as_str()),
                        write_month(to, m2.as_str())
                    );
                    let mut fixed = String::with_capacity(text.len());
                    fixed.push_str(text.get(..whole.start()).unwrap_or_default());
                    fixed.push_str(&corrected);
                    fixed.push_str(text.get(whole.end()..).unwrap_or_default());
                    finding = Finding {
                        message: format!(
                            "The date range \"{written}\" ends before it starts; {} is {corrected}",
                            period.label
                        ),
                        ..finding
                    }
                    .expected(corrected.clone())
                    .fix(
                        format!("Write {corrected}"),
                        Edit::SetText {
                            address,
                            text: fixed,
                        },
                    );
                }
                findings.push(finding);
            } else if !spans.iter().any(|&(a, b)| a == from && b == to) {
                let periods: Vec<String> = report
                    .periods
                    .iter()
                    .map(|p| p.months.calendar_label(start))
                    .collect();
                findings.push(
                    Finding::new(
                        DATE_RANGE.id,
                        Severity::Warning,
                        location,
                        format!(
                            "The date range \"{written}\" matches none of the report's periods ({})",
                            periods.join(", ")
                        ),
                    )
                    .found(written),
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
    use crate::model::{Section, SectionKind};
    use crate::samples::Sample;

    fn with_summary(text: &str) -> Report {
        let mut report = m36();
        report.sections = vec![Section {
            kind: SectionKind::ExecutiveSummary,
            title: "Executive summary".to_owned(),
            text: text.to_owned(),
        }];
        for installation in &mut report.installations {
            installation.assessment.clear();
        }
        report
    }

    #[test]
    fn figures_agreeing_with_the_tables_pass() {
        let report = with_summary(
            "The providers delivered 11,113,730 CPU-hours; 365,878 GPU-hours and 843 TByte-month storage. There were 6,000,000 CPU-hours budgeted. INCD served 2,270,601 CPU hours in PY3.",
        );
        assert!(figures(&report).is_empty(), "{:#?}", figures(&report));
    }

    #[test]
    fn a_wrong_budget_figure_is_compared_with_the_budget() {
        let report = with_summary("There were 7,000,000 CPU-hours budgeted in T4.3.");
        let findings = figures(&report);
        assert_eq!(
            findings[0].message,
            "The executive summary quotes 7,000,000 CPU-hours but the cumulative table's CPU budget is 6,000,000 CPU-h"
        );
    }

    #[test]
    fn a_decreasing_table_figure_is_blamed_on_the_table() {
        // The M24 sample keeps the OCR damage of seed 001: CPU "419716" by M24 after
        // 1,745,910 by M18, while its executive summary quotes 4,197,116 CPU-hours.
        let report = Sample::M24.report().unwrap();
        let findings = figures(&report);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0]
                .message
                .ends_with("so the table is the likely mistake"),
            "{}",
            findings[0].message
        );
        let mut fixed = report.clone();
        crate::edit::apply(&mut fixed, findings[0].fix.clone().unwrap().edit).unwrap();
        assert!(figures(&fixed).is_empty());
    }

    #[test]
    fn ranges_must_be_valid_and_match_periods() {
        let report = with_summary(
            "Between Sep 2024 - Aug 2025 and September 2022 to August 2025, not Mar 2023 - Aug 2024.",
        );
        let findings = date_ranges(&report);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "The date range \"Mar 2023 - Aug 2024\" matches none of the report's periods (Sep 2022 - Aug 2023, Sep 2023 - Aug 2024, Sep 2024 - Aug 2025)"
        );
    }

    #[test]
    fn m36_prose_verified_against_the_seed() {
        // Seed 000, executive summary: "between September 2025 - August 2025" and
        // "11,113,730 CPU-hours; 365,878 GPU-hours and 831 TByte-month" while Table 1 ends at 843.
        let report = m36();
        let found = figures(&report);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "The executive summary quotes 831 TByte-month but the cumulative table's Storage use by M36 is 843 TB-month"
        );
        let ranges = date_ranges(&report);
        assert_eq!(ranges.len(), 1, "{ranges:#?}");
        assert_eq!(
            ranges[0].message,
            "The date range \"September 2025 - August 2025\" ends before it starts; M25-M36 is September 2024 - August 2025"
        );
        let mut fixed = report.clone();
        crate::edit::apply(&mut fixed, ranges[0].fix.clone().unwrap().edit).unwrap();
        assert!(
            fixed.sections[1]
                .text
                .contains("between September 2024 - August 2025, however")
        );
        assert!(date_ranges(&fixed).is_empty());
    }
}

//! Prose against the tables: resource figures quoted in the executive
//! summary, conclusion or an assessment ("11,113,730 CPU-hours",
//! "831 TByte-month") must be figures of the tables, and date ranges
//! ("Sep 2024 - Aug 2025") must be valid and match the report's periods.

use std::sync::LazyLock;

use regex::Regex;

use super::{Finding, Location, Rule, Severity, metrics, num, same};
use crate::edit::Edit;
use crate::model::consumption::resource_consumption;
use crate::model::value::parse_number;
use crate::model::{CellAddress, CumulativeColumn, Report, TextAddress, YearMonth};

pub const FIGURE: Rule = Rule {
    id: "prose-figure",
    label: "Figures in the text",
    description: "a figure quoted in prose with the unit of one of the report's resources (any form: CPU-hours, CPU-h, core hours, TByte-month) is a figure of the tables; it is compared with the budget only when its own clause says budget, else with the last checkpoint of the cumulative table",
    check: figures,
};

pub const DATE_RANGE: Rule = Rule {
    id: "prose-date-range",
    label: "Dates in the text",
    description: "date ranges in prose start before they end and match the report's periods (or the coming period)",
    check: date_ranges,
};

/// A number as prose writes it: groups of three digits after `,` `.` or a
/// space, or plain digits, with an optional decimal part.
static NUMBER_PATTERN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w.,])(\d{1,3}(?:[,. \u{a0}\u{202f}]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)")
        .ok()
});

/// Up to four words after a number: the unit it is quoted in.
static UNIT_WORDS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\s?(\p{L}+(?:[-/ ]\p{L}+){0,3})").ok());

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

/// A unit word in one form: singular, short forms and a few languages
/// folded together (`hours`, `h`, `Stunden` are `hour`; `TByte` is `tb`).
pub(crate) fn unit_word(word: &str) -> String {
    let lower = word.to_lowercase();
    let folded = match lower.as_str() {
        "h" | "hr" | "hrs" | "hour" | "hours" | "stunde" | "stunden" | "heure" | "heures"
        | "hora" | "horas" | "ora" | "ore" | "uur" | "uren" => "hour",
        "month" | "months" | "mo" | "monat" | "monate" | "monaten" | "mois" | "mes" | "meses"
        | "mese" | "mesi" | "maand" | "maanden" => "month",
        "tb" | "tbyte" | "tbytes" | "terabyte" | "terabytes" | "tib" => "tb",
        "pb" | "pbyte" | "pbytes" | "petabyte" | "petabytes" | "pib" => "pb",
        "gb" | "gbyte" | "gbytes" | "gigabyte" | "gigabytes" | "gib" => "gb",
        _ => "",
    };
    if !folded.is_empty() {
        return folded.to_owned();
    }
    match lower.strip_suffix('s') {
        Some(stem) if stem.chars().count() >= 3 => stem.to_owned(),
        _ => lower,
    }
}

/// A unit as a sequence of folded words (`CPU-h` is `cpu hour`).
fn unit_words(unit: &str) -> Vec<String> {
    unit.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(unit_word)
        .collect()
}

/// The resources (row indices) whose unit the words after a figure spell,
/// with the byte length of the unit as written; the longest unit wins
/// (`TB-month` over `TB`).
fn unit_resources(report: &Report, after: &str) -> (Vec<usize>, usize) {
    let Some(pattern) = UNIT_WORDS.as_ref() else {
        return (Vec::new(), 0);
    };
    let Some(words) = pattern.captures(after).and_then(|c| c.get(1)) else {
        return (Vec::new(), 0);
    };
    // Each written word with where it ends.
    let mut written: Vec<(String, usize)> = Vec::new();
    let mut word_start: Option<usize> = None;
    let text = words.as_str();
    for (index, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphabetic() {
            word_start.get_or_insert(index);
        } else if let Some(from) = word_start.take() {
            written.push((
                unit_word(text.get(from..index).unwrap_or_default()),
                words.start() + index,
            ));
        }
    }
    let mut best: (Vec<usize>, usize, usize) = (Vec::new(), 0, 0);
    for (r, row) in report.cumulative.rows.iter().enumerate() {
        let unit = unit_words(&row.unit);
        if unit.is_empty() || unit.len() > written.len() {
            continue;
        }
        let matches = unit.iter().zip(&written).all(|(u, (w, _))| u == w);
        if !matches {
            continue;
        }
        let end = written.get(unit.len() - 1).map_or(0, |(_, end)| *end);
        match unit.len().cmp(&best.1) {
            std::cmp::Ordering::Greater => best = (vec![r], unit.len(), end),
            std::cmp::Ordering::Equal => best.0.push(r),
            std::cmp::Ordering::Less => {}
        }
    }
    (best.0, best.2)
}

/// The sentence around byte range `start..end` of `text`, and where it starts.
fn sentence(text: &str, start: usize, end: usize) -> (usize, &str) {
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
    (from, text.get(from..to).unwrap_or_default())
}

/// Every figure of the tables a text may quote for the resource with id
/// `resource`: Table 1's budget and checkpoints, every linked metric's
/// periods and TOT, and the installations' sums per period and running.
fn table_figures(report: &Report, resource: &str) -> Vec<f64> {
    let mut figures = Vec::new();
    if let Some(row) = report.cumulative.resource(resource) {
        figures.extend(row.budget.number());
        figures.extend(row.used.iter().filter_map(|c| c.number()));
    }
    for (_, _, metric) in metrics(report) {
        if metric.resource() == Some(resource) {
            figures.extend(metric.values.iter().filter_map(|c| c.number()));
            figures.extend(metric.total.number());
        }
    }
    let consumption = resource_consumption(report, resource);
    let mut running = 0.0;
    for sum in &consumption.per_period {
        running += sum;
        figures.push(*sum);
        figures.push(running);
    }
    figures
}

/// Words that make a figure a budget, in a few languages.
const BUDGET_WORDS: &[&str] = &["budget", "presupuest", "orçament", "begrot"];

fn says_budget(text: &str) -> bool {
    let lower = text.to_lowercase();
    BUDGET_WORDS.iter().any(|w| lower.contains(w))
}

/// Where a clause ends or starts: `, ` `; ` `: ` and brackets.
fn clause_break(text: &str) -> Option<usize> {
    [", ", "; ", ": ", "(", ")", " – ", " - "]
        .iter()
        .filter_map(|b| text.find(b))
        .min()
}

fn clause_break_back(text: &str) -> Option<usize> {
    [", ", "; ", ": ", "(", ")", " – ", " - "]
        .iter()
        .filter_map(|b| text.rfind(b).map(|i| i + b.len()))
        .max()
}

/// Whether a sentence ties its figures to a part of the report: a period,
/// a month, a year or an installation. Such a figure need not be a total.
fn names_a_part(report: &Report, sentence: &str) -> bool {
    static PART: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\bM\d{1,3}\b|\bPY\s?\d\b|\b(?:19|20)\d\d\b|\b(?:first|second|third|fourth|fifth|1st|2nd|3rd|\dth)\s+(?:project\s+)?year\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}",
        )
        .ok()
    });
    let lower = sentence.to_lowercase();
    PART.as_ref().is_some_and(|p| p.is_match(sentence))
        || report
            .periods
            .iter()
            .any(|p| !p.label.trim().is_empty() && sentence.contains(p.label.trim()))
        || report
            .installations
            .iter()
            .any(|x| !x.name.trim().is_empty() && lower.contains(&x.name.trim().to_lowercase()))
}

/// A figure quoted in prose: a number and the resources its unit names.
struct Quoted {
    /// The number as written, and where.
    start: usize,
    end: usize,
    written: String,
    value: f64,
    /// The unit as written.
    unit: String,
    unit_end: usize,
    rows: Vec<usize>,
    budget: bool,
}

/// The figures with a resource unit in one text, each marked a budget when
/// its own clause says so (or it leads a list of figures whose clause
/// does: "6,000,000 CPU-hours, 132,000 GPU-hours and 1,500 TB-month
/// budgeted").
fn quoted_figures(report: &Report, text: &str) -> Vec<Quoted> {
    let Some(number) = NUMBER_PATTERN.as_ref() else {
        return Vec::new();
    };
    // Every number of the text, with or without a unit.
    let numbers: Vec<(usize, usize)> = number
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut figures: Vec<Quoted> = Vec::new();
    for (n, &(start, end)) in numbers.iter().enumerate() {
        let after = text.get(end..).unwrap_or_default();
        let (rows, unit_length) = unit_resources(report, after);
        if rows.is_empty() {
            continue;
        }
        let written = text.get(start..end).unwrap_or_default().to_owned();
        let Some(value) = parse_number(&written, report.decimal_mark).map(|q| q.value) else {
            continue;
        };
        let unit_end = end + unit_length;
        let (sentence_start, sentence_text) = sentence(text, start, unit_end);
        let sentence_end = sentence_start + sentence_text.len();
        let previous_end = n
            .checked_sub(1)
            .and_then(|p| numbers.get(p))
            .map_or(0, |&(_, e)| e)
            .max(sentence_start);
        let next_start = numbers
            .get(n + 1)
            .map_or(sentence_end, |&(s, _)| s)
            .min(sentence_end);
        let before = text.get(previous_end..start).unwrap_or_default();
        let before = before
            .get(clause_break_back(before).unwrap_or(0)..)
            .unwrap_or_default();
        let following = text
            .get(unit_end.min(next_start)..next_start)
            .unwrap_or_default();
        let after_clause = following
            .get(..clause_break(following).unwrap_or(following.len()))
            .unwrap_or_default();
        let budget = says_budget(before) || says_budget(after_clause);
        figures.push(Quoted {
            start,
            end,
            written,
            value,
            unit: text
                .get(end..unit_end)
                .unwrap_or_default()
                .trim()
                .to_owned(),
            unit_end,
            rows,
            budget,
        });
    }
    // A figure followed only by `,` or `and` and another figure is a list:
    // it shares the budget of the list's last figure.
    for index in (0..figures.len().saturating_sub(1)).rev() {
        let (Some(this), Some(next)) = (figures.get(index), figures.get(index + 1)) else {
            continue;
        };
        let between = text.get(this.unit_end..next.start).unwrap_or_default();
        let joined = between
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .all(|w| w.is_empty() || ["and", "und", "et", "y", "e", "en", "or"].contains(&w));
        let inherit = joined && next.budget && !this.budget;
        if inherit && let Some(this) = figures.get_mut(index) {
            this.budget = true;
        }
    }
    figures
}

fn figures(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (location, address, text) in texts(report) {
        for quoted in quoted_figures(report, text) {
            let (_, sentence_text) = sentence(text, quoted.start, quoted.unit_end);
            // Two resources with the same unit: the one the sentence names.
            let rows: Vec<usize> = if quoted.rows.len() > 1 {
                let lower = sentence_text.to_lowercase();
                quoted
                    .rows
                    .iter()
                    .copied()
                    .filter(|&r| {
                        report
                            .cumulative
                            .rows
                            .get(r)
                            .is_some_and(|row| lower.contains(&row.label.to_lowercase()))
                    })
                    .collect()
            } else {
                quoted.rows.clone()
            };
            let matches_any = |rows: &[usize]| {
                rows.iter().any(|&r| {
                    report.cumulative.rows.get(r).is_some_and(|row| {
                        table_figures(report, &row.id)
                            .iter()
                            .any(|f| same(*f, quoted.value))
                    })
                })
            };
            if matches_any(&quoted.rows) {
                continue;
            }
            let [r] = rows.as_slice() else { continue };
            let r = *r;
            let Some(row) = report.cumulative.rows.get(r) else {
                continue;
            };
            // (value, what it is, the Table 1 cell when the figure is a use)
            let (expected, what, table_cell) = if quoted.budget {
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
                    [.., (_, before, _), (_, last, _)] => last < before && quoted.value >= *before,
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
                quoted.written,
                quoted.unit,
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
                    .found(quoted.written.clone())
                    .fix(
                        format!("Set the cumulative table to {}", num(quoted.value)),
                        Edit::SetCell {
                            address: CellAddress::Cumulative {
                                row: r,
                                column: CumulativeColumn::Checkpoint(c),
                            },
                            text: super::fix_text(report, quoted.value),
                        },
                    )
            } else if !quoted.budget && names_a_part(report, sentence_text) {
                // A figure of one period or installation that is no figure of
                // the tables: worth a look, but what it should be is unknown.
                Finding::new(
                    FIGURE.id,
                    Severity::Warning,
                    location,
                    format!(
                        "The {place} quotes {} {}, which is no figure of the tables for {}",
                        quoted.written, quoted.unit, row.label
                    ),
                )
                .found(quoted.written.clone())
            } else {
                let mut fixed = String::with_capacity(text.len());
                fixed.push_str(text.get(..quoted.start).unwrap_or_default());
                fixed.push_str(&super::fix_text(report, expected));
                fixed.push_str(text.get(quoted.end..).unwrap_or_default());
                Finding::new(FIGURE.id, Severity::Error, location, message)
                    .expected(num(expected))
                    .found(quoted.written.clone())
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

const FULL_NAMES: [&str; 12] = crate::model::calendar::FULL_MONTH_NAMES;

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
    // The coming period, as long as the last one and right after it: a
    // report may announce it.
    let mut spans = spans;
    if let Some(last) = report.periods.last() {
        let months = last.months;
        let next_first = months.last + 1;
        let next_last = months.last + months.len_months().max(1);
        spans.push((
            start.project_month(next_first),
            start.project_month(next_last),
        ));
        spans.extend(report.periods.iter().map(|first| {
            (
                start.project_month(first.months.first),
                start.project_month(next_last),
            )
        }));
    }
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
    fn a_figure_is_a_budget_only_when_its_own_clause_says_so() {
        // Seed-like Table 1: GPU used 365,878 by M36, budget 132,000.
        let report = with_summary(
            "INCD delivered 187,450 GPU-hours, 75 % of its budget of 132,000. The budget of 132,000 GPU-hours was exceeded.",
        );
        let findings = figures(&report);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(
            findings[0].message,
            "The executive summary quotes 187,450 GPU-hours but the cumulative table's GPU use by M36 is 365,878 GPU-h"
        );
        // A list of figures shares the budget of its clause.
        let report = with_summary(
            "There were 6,000,000 CPU-hours, 132,001 GPU-hours and 1,500 TB-month budgeted.",
        );
        let findings = figures(&report);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.ends_with("GPU budget is 132,000 GPU-h"));
    }

    #[test]
    fn units_in_any_form_and_language() {
        let report = with_summary(
            "Geliefert wurden 11.113.730 CPU-Stunden und 843 TB-Monate; 365,878 GPU hours; 843 TByte month.",
        );
        let mut comma = report.clone();
        comma.decimal_mark = crate::model::DecimalMark::Comma;
        // In a decimal-point report 11.113.730 is no figure of the tables'
        // convention but reads the same: nothing to say about any of them.
        assert!(figures(&report).is_empty(), "{:#?}", figures(&report));
        let found: Vec<String> = figures(&with_summary("We served 12 CPU hrs and 7 GPU-h."))
            .into_iter()
            .map(|f| f.found.unwrap_or_default())
            .collect();
        assert_eq!(found, ["12", "7"]);
        let _ = comma;
    }

    #[test]
    fn a_figure_of_one_period_or_installation_is_only_a_warning() {
        let report = with_summary("In PY2 INCD - CPU served 1,552,300 CPU-hours.");
        let findings = figures(&report);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert!(findings[0].fix.is_none());
        // A period's figure of one installation is a figure of the tables.
        assert!(figures(&with_summary("In PY2 INCD served 1,552,267 CPU-hours.")).is_empty());
    }

    #[test]
    fn the_coming_period_is_a_period() {
        let report = with_summary(
            "The next period, September 2025 - August 2026, follows; so does Sep 2026 - Aug 2027.",
        );
        let findings = date_ranges(&report);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(findings[0].message.contains("Sep 2026 - Aug 2027"));
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

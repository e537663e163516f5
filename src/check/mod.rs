//! Consistency checks: pure functions that read a report and say where its
//! numbers contradict each other. Every rule is listed once in [`RULES`];
//! [`check_report`] runs them all. One file per family of rules.
//!
//! A finding names its place by index ([`Location`]) for the window, and by
//! name ([`Location::names`]) for the command line, JSON and
//! acknowledgements, which must survive rows moving.

pub mod baseline;
pub mod copies;
pub mod countries;
pub mod cumulative;
pub mod output;
pub mod periods;
pub mod prose;
pub mod totals;
pub mod types;
pub mod values;

use crate::edit::Edit;
use crate::model::number_format::format_number;
use crate::model::{
    Acknowledgement, CellAddress, CumulativeColumn, Metric, MetricColumn, NumberStyle, Report,
};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Numbers contradict each other.
    Error,
    /// Likely a mistake.
    Warning,
    /// Worth a look.
    Info,
}

impl Severity {
    pub const ALL: [Self; 3] = [Self::Error, Self::Warning, Self::Info];

    /// Lower-case name, as the command line and JSON write it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// Where a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// A cell of an installation's metrics table.
    Metric {
        installation: usize,
        metric: usize,
        column: MetricColumn,
    },
    /// A cell of the cumulative table (Table 1).
    Cumulative {
        row: usize,
        column: CumulativeColumn,
    },
    /// The label of a checkpoint column of the cumulative table.
    Checkpoint(usize),
    /// A prose section.
    Section(usize),
    /// An installation's assessment paragraph.
    Assessment(usize),
    /// A period column of the report.
    Period(usize),
}

/// A location by the names a reader sees; `None` where a part does not apply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocationNames {
    pub installation: Option<String>,
    /// The metric name; for a cumulative cell the resource row's name; for
    /// prose the section title (or "Assessment").
    pub metric: Option<String>,
    /// A period label, `TOT`, `Baseline`; for a cumulative cell the
    /// checkpoint label or the budget header.
    pub column: Option<String>,
}

impl Location {
    /// The names of this location as the report writes them.
    pub fn names(&self, report: &Report) -> LocationNames {
        let installation_name = |i: usize| report.installations.get(i).map(|x| x.name.clone());
        match *self {
            Self::Metric {
                installation,
                metric,
                column,
            } => LocationNames {
                installation: installation_name(installation),
                metric: report
                    .installations
                    .get(installation)
                    .and_then(|x| x.metrics.get(metric))
                    .map(|m| m.name.clone()),
                column: Some(metric_column_label(report, column)),
            },
            Self::Cumulative { row, column } => LocationNames {
                installation: None,
                metric: report.cumulative.rows.get(row).map(|r| r.name.clone()),
                column: Some(match column {
                    CumulativeColumn::Budget => report.cumulative.budget_header.clone(),
                    CumulativeColumn::Checkpoint(c) => checkpoint_label(report, c),
                }),
            },
            Self::Checkpoint(c) => LocationNames {
                installation: None,
                metric: Some(report.cumulative.caption.clone()),
                column: Some(checkpoint_label(report, c)),
            },
            Self::Section(s) => LocationNames {
                installation: None,
                metric: report.sections.get(s).map(|x| x.title.clone()),
                column: None,
            },
            Self::Assessment(i) => LocationNames {
                installation: installation_name(i),
                metric: Some("Assessment".to_owned()),
                column: None,
            },
            Self::Period(p) => LocationNames {
                installation: None,
                metric: None,
                column: report.periods.get(p).map(|x| x.label.clone()),
            },
        }
    }

    /// The table cell this location is, if it is one.
    pub fn cell_address(&self) -> Option<CellAddress> {
        match *self {
            Self::Metric {
                installation,
                metric,
                column,
            } => Some(CellAddress::Metric {
                installation,
                metric,
                column,
            }),
            Self::Cumulative { row, column } => Some(CellAddress::Cumulative { row, column }),
            _ => None,
        }
    }

    /// The installation this location belongs to.
    pub fn installation(&self) -> Option<usize> {
        match *self {
            Self::Metric { installation, .. } | Self::Assessment(installation) => {
                Some(installation)
            }
            _ => None,
        }
    }

    /// Sort key: report-level places first, then installations in order.
    fn order(&self) -> (usize, usize, usize, usize) {
        let column_order = |column: MetricColumn| match column {
            MetricColumn::Baseline => 0,
            MetricColumn::Period(p) => p + 1,
            MetricColumn::Total => usize::MAX,
        };
        match *self {
            Self::Period(p) => (0, 0, p, 0),
            Self::Section(s) => (1, 0, s, 0),
            Self::Checkpoint(c) => (2, 0, c, 0),
            Self::Cumulative { row, column } => (
                2,
                row + 1,
                match column {
                    CumulativeColumn::Budget => 0,
                    CumulativeColumn::Checkpoint(c) => c + 1,
                },
                0,
            ),
            Self::Metric {
                installation,
                metric,
                column,
            } => (3 + installation, metric, column_order(column), 0),
            Self::Assessment(i) => (3 + i, usize::MAX, 0, 0),
        }
    }
}

fn checkpoint_label(report: &Report, index: usize) -> String {
    report
        .cumulative
        .checkpoints
        .get(index)
        .map(|c| c.label.clone())
        .unwrap_or_default()
}

/// `Baseline`, `TOT` or the period's label.
pub fn metric_column_label(report: &Report, column: MetricColumn) -> String {
    column.label(report)
}

/// A one-click repair: the edit and what the button says.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    pub label: String,
    pub edit: Edit,
}

/// One contradiction or likely mistake.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Stable kebab-case rule id.
    pub rule: &'static str,
    pub severity: Severity,
    pub location: Location,
    /// One sentence with the numbers in it.
    pub message: String,
    pub expected: Option<String>,
    pub found: Option<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        let mut message: String = message.into();
        if let Some(first) = message.chars().next()
            && first.is_lowercase()
        {
            message = first
                .to_uppercase()
                .chain(message.chars().skip(1))
                .collect();
        }
        Self {
            rule,
            severity,
            location,
            message,
            expected: None,
            found: None,
            fix: None,
        }
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn found(mut self, found: impl Into<String>) -> Self {
        self.found = Some(found.into());
        self
    }

    pub fn fix(mut self, label: impl Into<String>, edit: Edit) -> Self {
        self.fix = Some(Fix {
            label: label.into(),
            edit,
        });
        self
    }

    /// The names an acknowledgement of this finding is keyed by: the
    /// location's names; where the location has no column (prose), the text
    /// found stands in for it, so that two figures quoted in one section are
    /// acknowledged one by one.
    fn acknowledgement_key(&self, report: &Report) -> LocationNames {
        let mut names = self.location.names(report);
        if names.column.is_none() {
            names.column.clone_from(&self.found);
        }
        names
    }

    /// The acknowledgement in `report` that accepts this finding, if any.
    pub fn acknowledgement<'a>(&self, report: &'a Report) -> Option<&'a Acknowledgement> {
        if report.acknowledgements.is_empty() {
            return None;
        }
        let names = self.acknowledgement_key(report);
        report.acknowledgements.iter().find(|a| {
            a.rule == self.rule
                && a.installation == names.installation
                && a.metric == names.metric
                && a.column == names.column
        })
    }

    /// An acknowledgement of this finding with `reason`.
    pub fn acknowledge(&self, report: &Report, reason: impl Into<String>) -> Acknowledgement {
        let names = self.acknowledgement_key(report);
        Acknowledgement {
            rule: self.rule.to_owned(),
            installation: names.installation,
            metric: names.metric,
            column: names.column,
            reason: reason.into(),
        }
    }
}

/// A rule: its id, its name for people, what it checks, and the function
/// that checks it.
pub struct Rule {
    /// Stable kebab-case id, as acknowledgements, JSON and filters key it.
    pub id: &'static str,
    /// The family of checks in plain words ("Totals", "Country lists"),
    /// for a filter shown to people.
    pub label: &'static str,
    pub description: &'static str,
    pub check: fn(&Report) -> Vec<Finding>,
}

/// Every rule, in the order their findings are listed.
pub const RULES: &[Rule] = &[
    totals::QUANTITY_SUM,
    totals::DISTINCT_RANGE,
    totals::LEVEL_TOTAL,
    countries::COUNTRY_UNION,
    countries::COUNT_VS_LIST,
    countries::COUNTRY_CODE,
    countries::MAYBE_GERMANY,
    types::SWAPPED_ROWS,
    types::WRONG_TYPE,
    types::MISSING_VALUE,
    values::NEGATIVE,
    values::OTHER_CONVENTION,
    values::MAGNITUDE,
    values::LEVEL_DECREASING,
    values::PASTED_PERIOD,
    cumulative::DECREASING,
    cumulative::VS_INSTALLATIONS,
    cumulative::BUDGET_USE,
    baseline::BELOW_BASELINE,
    copies::COPIED_VALUES,
    prose::FIGURE,
    prose::DATE_RANGE,
    periods::PERIOD_COLUMNS,
    periods::CHECKPOINT_LABEL,
    periods::CALENDAR_RULE,
];

/// Runs every rule; findings sorted by place (report-level first, then each
/// installation in order), then by rule order.
pub fn check_report(report: &Report) -> Vec<Finding> {
    let mut findings: Vec<Finding> = RULES.iter().flat_map(|rule| (rule.check)(report)).collect();
    findings.sort_by_key(|f| f.location.order());
    findings
}

/// Findings per severity that no acknowledgement accepts: (error, warning, info).
pub fn open_counts(report: &Report, findings: &[Finding]) -> [usize; 3] {
    let mut counts = [0; 3];
    for finding in findings {
        if finding.acknowledgement(report).is_none() {
            let slot = match finding.severity {
                Severity::Error => counts.get_mut(0),
                Severity::Warning => counts.get_mut(1),
                Severity::Info => counts.get_mut(2),
            };
            if let Some(slot) = slot {
                *slot += 1;
            }
        }
    }
    counts
}

// Helpers shared by the rules.

/// A number for a message: thousands separators, no decimals unless needed.
pub(crate) fn num(value: f64) -> String {
    // Whole numbers, the usual case, without the general formatter's rounding.
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let digits = (value.abs() as u64).to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if value < 0.0 {
            out.push('-');
        }
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                out.push(',');
            }
            out.push(digit);
        }
        return out;
    }
    let decimals = if (value - value.round()).abs() < 1e-9 {
        0
    } else {
        2
    };
    let text = format_number(value, decimals, NumberStyle::Us);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A value as a fix writes it into the report: exactly, in the report's
/// decimal mark.
pub(crate) fn fix_text(report: &Report, value: f64) -> String {
    crate::model::number_format::exact_text(value, report.decimal_mark)
}

/// Equal up to rounding: one rule for the checks and the import.
pub(crate) use crate::model::value::same_number as same;

pub(crate) fn metric_location(
    installation: usize,
    metric: usize,
    column: MetricColumn,
) -> Location {
    Location::Metric {
        installation,
        metric,
        column,
    }
}

pub(crate) fn set_metric_cell(
    installation: usize,
    metric: usize,
    column: MetricColumn,
    text: String,
) -> Edit {
    Edit::SetCell {
        address: CellAddress::Metric {
            installation,
            metric,
            column,
        },
        text,
    }
}

/// Every metric with its indices.
pub(crate) fn metrics(report: &Report) -> impl Iterator<Item = (usize, usize, &Metric)> {
    report.installations.iter().enumerate().flat_map(|(i, x)| {
        x.metrics
            .iter()
            .enumerate()
            .map(move |(m, metric)| (i, m, metric))
    })
}

/// "a, b and c".
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
pub(crate) mod tests {
    use super::*;
    use crate::model::{Cell, Installation, Metric, YearMonth};
    use crate::samples::{Sample, generated};

    /// A report with yearly periods from Sep 2022 and the given installations:
    /// (name, [(metric, baseline, [periods], TOT)]).
    /// (metric name, baseline, period values, TOT).
    pub(crate) type Row<'a> = (&'a str, &'a str, &'a [&'a str], &'a str);

    pub(crate) fn report(installations: &[(&str, &[Row<'_>])]) -> Report {
        let mut report = Report::empty("Test", YearMonth::new(2022, 9).unwrap(), 3);
        for (name, metrics) in installations {
            let mut installation = Installation::new(*name);
            for (metric_name, baseline, values, total) in *metrics {
                let mut metric = Metric::new(*metric_name, 3);
                metric.baseline = Cell::new(*baseline);
                for (cell, text) in metric.values.iter_mut().zip(values.iter()) {
                    *cell = Cell::new(*text);
                }
                metric.total = Cell::new(*total);
                installation.metrics.push(metric);
            }
            report.installations.push(installation);
        }
        report.refresh_guesses();
        report
    }

    /// The (rule, installation, metric, column, severity) of each finding.
    pub(crate) fn keys(report: &Report, findings: &[Finding]) -> Vec<String> {
        findings
            .iter()
            .map(|f| {
                let n = f.location.names(report);
                format!(
                    "{} {} | {} | {} | {}",
                    f.severity.label(),
                    f.rule,
                    n.installation.unwrap_or_default(),
                    n.metric.unwrap_or_default(),
                    n.column.unwrap_or_default()
                )
            })
            .collect()
    }

    pub(crate) fn m36() -> Report {
        Sample::M36.report().unwrap()
    }

    #[test]
    fn numbers_in_messages_have_thousands_separators() {
        assert_eq!(num(6_835_002.0), "6,835,002");
        assert_eq!(num(-1234.0), "-1,234");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(999.0), "999");
        assert_eq!(num(29_433.6), "29,433.6");
        assert_eq!(num(0.125), "0.13");
    }

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        for id in &ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }

    #[test]
    fn every_finding_carries_its_rules_id() {
        let report = m36();
        for rule in RULES {
            for finding in (rule.check)(&report) {
                assert_eq!(finding.rule, rule.id);
                assert!(!finding.message.ends_with('.'), "{}", finding.message);
            }
        }
    }

    /// Every error of the M36 sample, each verified by hand against seed 000;
    /// rows whose numbers agree (every GPU row, INCD and WaltonCloud CPU hours,
    /// every users TOT such as INCD's 55 = 16 + 39 + 0, Table 1's CPU and GPU)
    /// give none.
    #[test]
    fn m36_errors_are_exactly_the_real_contradictions() {
        let report = m36();
        let findings = check_report(&report);
        let errors: Vec<String> = keys(&report, &findings)
            .into_iter()
            .filter(|k| k.starts_with("error "))
            .collect();
        let countries = "Number of countries reached over the period";
        let names = "Names of the countries reached over the period";
        let storage = "Storage (TB-month) - Accumulative";
        let expected = [
            "error prose-figure |  | Executive summary | ".to_owned(),
            "error prose-date-range |  | Executive summary | ".to_owned(),
            format!("error cumulative-vs-installations |  | {storage} | USED BY M12 (Aug 2023)"),
            format!("error cumulative-vs-installations |  | {storage} | USED BY M24 (Aug 2024)"),
            format!("error cumulative-vs-installations |  | {storage} | USED BY M36 (Aug 2025)"),
            "error total-quantity-sum | iMagine - AI Application Development Service | ML training cycles (CPU+GPU-hours) | TOT".to_owned(),
            "error total-quantity-sum | iMagine - AI Applications as a Service | ML application usage cycles, measured in CPU/GPU hours | TOT".to_owned(),
            "error country-count-vs-list | iMagine - AI Applications as a Service | Number of countries reached over last year | M25-M36".to_owned(),
            "error total-country-union | iMagine - AI Applications as a Service | Number of countries reached over last year | TOT".to_owned(),
            "error total-quantity-sum | IFCA-CSIC Scientific Cloud - CPU | CPU node/hours served over the period | TOT".to_owned(),
            format!("error swapped-rows | IFCA-CSIC Scientific Cloud - Storage | {names} | M1-M12"),
            format!("error swapped-rows | IFCA-CSIC Scientific Cloud - Storage | {countries} | M1-M12"),
            format!("error country-count-vs-list | TR-FC1-ULAKBIM | {countries} | M25-M36"),
            format!("error total-country-union | TR-FC1-ULAKBIM | {countries} | TOT"),
            format!("error country-count-vs-list | WaltonCloud - Storage | {countries} | M25-M36"),
            format!("error total-country-union | WaltonCloud - Storage | {countries} | TOT"),
        ];
        assert_eq!(errors, expected);
        let [error, warning, info] = open_counts(&report, &findings);
        // Changes since issue 10, each a documented improvement: GE (Georgia) in
        // three baselines is an info note, no longer a warning (-3 warnings, +3
        // info); ML training cycles' baseline "4.000.000" is noted as written in
        // the decimal-comma convention (+1 info).
        assert_eq!((error, warning, info), (16, 11, 43));
    }

    #[test]
    fn a_generated_report_has_no_errors_or_warnings() {
        let report = generated(60, 8);
        let findings = check_report(&report);
        let bad: Vec<_> = findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .map(|f| f.message.clone())
            .collect();
        assert!(bad.is_empty(), "{bad:#?}");
    }

    #[test]
    fn every_fix_of_the_sample_applies_and_clears_its_finding() {
        let report = m36();
        let findings = check_report(&report);
        for finding in findings.iter().filter(|f| f.fix.is_some()) {
            let mut fixed = report.clone();
            let fix = finding.fix.clone().unwrap();
            crate::edit::apply(&mut fixed, fix.edit).unwrap();
            let after = check_report(&fixed);
            assert!(
                !after
                    .iter()
                    .any(|f| f.rule == finding.rule && f.location == finding.location),
                "fix {:?} did not clear {}",
                fix.label,
                finding.message
            );
        }
    }

    #[test]
    fn acknowledgements_match_by_names() {
        let mut report = m36();
        let findings = check_report(&report);
        let first = findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .unwrap();
        let before = open_counts(&report, &findings);
        report
            .acknowledgements
            .push(first.acknowledge(&report, "checked with the provider"));
        assert!(first.acknowledgement(&report).is_some());
        let after = open_counts(&report, &findings);
        assert_eq!(after[0] + 1, before[0]);
    }

    #[test]
    fn prose_findings_are_acknowledged_one_by_one() {
        let mut report = m36();
        report.sections[1].text = "We delivered 7 CPU-hours and 9 GPU-hours.".to_owned();
        let findings = prose::FIGURE.check;
        let found = findings(&report);
        assert_eq!(found.len(), 2);
        report
            .acknowledgements
            .push(found[0].acknowledge(&report, "a typo kept on purpose"));
        assert_eq!(report.acknowledgements[0].column.as_deref(), Some("7"));
        assert!(found[0].acknowledgement(&report).is_some());
        assert!(found[1].acknowledgement(&report).is_none());
    }

    #[test]
    fn location_names_are_the_reports_names() {
        let report = m36();
        let names = metric_location(2, 0, MetricColumn::Total).names(&report);
        assert_eq!(
            names.installation.as_deref(),
            Some("IFCA-CSIC Scientific Cloud - CPU")
        );
        assert_eq!(
            names.metric.as_deref(),
            Some("CPU node/hours served over the period")
        );
        assert_eq!(names.column.as_deref(), Some("TOT"));
        let cumulative = Location::Cumulative {
            row: 0,
            column: CumulativeColumn::Checkpoint(1),
        }
        .names(&report);
        assert_eq!(cumulative.installation, None);
        assert_eq!(
            cumulative.metric.as_deref(),
            Some("Storage (TB-month) - Accumulative")
        );
        assert_eq!(cumulative.column.as_deref(), Some("USED BY M12 (Aug 2023)"));
    }
}

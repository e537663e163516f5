//! Starting a report of one's own, and starting its next period. Pure
//! functions: a [`NewReportSpec`] becomes a [`Report`] or says what is wrong
//! with it, where it was typed.

use super::calendar::{Period, YearMonth};
use super::cell::Cell;
use super::cumulative::{Checkpoint, CumulativeRow, CumulativeTable, id_from_label};
use super::installation::Installation;
use super::report::Report;
use super::section::{Section, SectionKind};
use super::value::DecimalMark;

/// How a report cuts the project into period columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeriodScheme {
    /// 12-month periods.
    Yearly,
    /// 6-month periods.
    HalfYearly,
    /// The lengths of the periods in months, in order ("18, 12, 6").
    Custom(Vec<u32>),
}

impl PeriodScheme {
    /// The length in months of period `index` (0-based); a custom scheme
    /// repeats its last length past its end.
    pub fn length(&self, index: usize) -> u32 {
        match self {
            Self::Yearly => 12,
            Self::HalfYearly => 6,
            Self::Custom(lengths) => lengths.get(index).or(lengths.last()).copied().unwrap_or(12),
        }
    }

    /// Reads "12", "6", "18, 12, 12" (months, separated by commas, spaces or
    /// semicolons).
    pub fn parse_lengths(text: &str) -> Result<Vec<u32>, String> {
        let lengths: Result<Vec<u32>, String> = text
            .split([',', ';', ' '])
            .filter(|part| !part.trim().is_empty())
            .map(|part| {
                part.trim()
                    .parse::<u32>()
                    .map_err(|_| format!("{:?} is not a number of months", part.trim()))
            })
            .collect();
        let lengths = lengths?;
        if lengths.is_empty() {
            return Err("give the length of each period in months, e.g. 18, 12".to_owned());
        }
        if let Some(zero) = lengths.iter().position(|&l| l == 0 || l > 120) {
            return Err(format!(
                "period {} has {} months; a period lasts 1 to 120 months",
                zero + 1,
                lengths.get(zero).copied().unwrap_or_default()
            ));
        }
        Ok(lengths)
    }
}

/// A resource as typed in the New report dialog.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResourceSpec {
    pub label: String,
    pub unit: String,
    /// The budget as written ("6,000,000", "1 PB"); may be empty.
    pub budget: String,
}

impl ResourceSpec {
    /// Reads `NAME:UNIT:BUDGET` (budget optional), as the command line takes it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut parts = text.splitn(3, ':');
        let label = parts.next().unwrap_or_default().trim().to_owned();
        let unit = parts.next().unwrap_or_default().trim().to_owned();
        let budget = parts.next().unwrap_or_default().trim().to_owned();
        if label.is_empty() || unit.is_empty() {
            return Err(format!(
                "resource {text:?}: expected NAME:UNIT or NAME:UNIT:BUDGET, e.g. CPU:core-hours:6000000"
            ));
        }
        Ok(Self {
            label,
            unit,
            budget,
        })
    }
}

/// Everything the New report dialog asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewReportSpec {
    pub project: String,
    pub deliverable_id: String,
    pub title: String,
    pub start: YearMonth,
    pub scheme: PeriodScheme,
    /// How many periods the report covers so far.
    pub period_count: usize,
    pub resources: Vec<ResourceSpec>,
    pub installations: Vec<String>,
    pub decimal_mark: DecimalMark,
}

/// Which field of a [`NewReportSpec`] is wrong, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    #[error("give the project's name")]
    NoProject,
    #[error("a report covers at least one period")]
    NoPeriods,
    #[error("a report covers at most 100 periods")]
    TooManyPeriods,
    #[error("resource {index}: {reason}")]
    Resource { index: usize, reason: String },
    #[error("installation {index}: {reason}")]
    Installation { index: usize, reason: String },
}

impl NewReportSpec {
    /// A spec with one yearly period, no resources and no installations.
    pub fn empty(start: YearMonth) -> Self {
        Self {
            project: String::new(),
            deliverable_id: String::new(),
            title: "Periodic assessment of the Virtual Access installations".to_owned(),
            start,
            scheme: PeriodScheme::Yearly,
            period_count: 1,
            resources: Vec::new(),
            installations: Vec::new(),
            decimal_mark: DecimalMark::Point,
        }
    }

    /// Every problem, each naming the field it is in; empty when the spec
    /// can become a report.
    pub fn problems(&self) -> Vec<SpecError> {
        let mut problems = Vec::new();
        if self.project.trim().is_empty() {
            problems.push(SpecError::NoProject);
        }
        if self.period_count == 0 {
            problems.push(SpecError::NoPeriods);
        }
        if self.period_count > 100 {
            problems.push(SpecError::TooManyPeriods);
        }
        let mut ids: Vec<String> = Vec::new();
        for (index, resource) in self.resources.iter().enumerate() {
            let index = index + 1;
            let reason = if resource.label.trim().is_empty() {
                Some("give it a name".to_owned())
            } else if resource.unit.trim().is_empty() {
                Some(format!("{} needs a unit", resource.label.trim()))
            } else if ids.contains(&id_from_label(&resource.label)) {
                Some(format!("{} is named twice", resource.label.trim()))
            } else {
                None
            };
            ids.push(id_from_label(&resource.label));
            if let Some(reason) = reason {
                problems.push(SpecError::Resource { index, reason });
            }
        }
        let mut names: Vec<String> = Vec::new();
        for (index, name) in self.installations.iter().enumerate() {
            let key = name.trim().to_lowercase();
            let reason = if key.is_empty() {
                Some("give it a name".to_owned())
            } else if names.contains(&key) {
                Some(format!("{} is named twice", name.trim()))
            } else {
                None
            };
            names.push(key);
            if let Some(reason) = reason {
                problems.push(SpecError::Installation {
                    index: index + 1,
                    reason,
                });
            }
        }
        problems
    }

    /// The report, or every problem of the spec.
    pub fn build(&self) -> Result<Report, Vec<SpecError>> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut report = Report::empty(self.title.trim(), self.start, 0);
        report.project = self.project.trim().to_owned();
        report.deliverable_id = self.deliverable_id.trim().to_owned();
        report.decimal_mark = self.decimal_mark;
        let mut first = 1;
        for index in 0..self.period_count {
            let last = first + self.scheme.length(index) - 1;
            report.periods.push(Period::new(first, last));
            first = last + 1;
        }
        report.cumulative = CumulativeTable {
            caption: "Table 1 Cumulative resource consumption during project lifetime".to_owned(),
            unit_header: "UNIT".to_owned(),
            budget_header: "TOTAL BUDGETED IN THE PROJECT".to_owned(),
            checkpoints: report
                .periods
                .iter()
                .map(|period| checkpoint(self.start, period.months.last))
                .collect(),
            rows: Vec::new(),
        };
        let checkpoint_count = report.cumulative.checkpoints.len();
        for resource in &self.resources {
            let mut row = CumulativeRow::named(
                resource.label.trim(),
                resource.unit.trim(),
                checkpoint_count,
            );
            row.budget = Cell::parsed(resource.budget.trim(), self.decimal_mark);
            report.cumulative.rows.push(row);
        }
        let field_count = report.description_fields.len();
        for name in &self.installations {
            let mut installation = Installation::new(name.trim());
            installation.description = vec![String::new(); field_count];
            report.installations.push(installation);
        }
        report.sections = default_sections();
        Ok(report)
    }
}

/// The prose sections a new report starts with.
pub fn default_sections() -> Vec<Section> {
    [
        (SectionKind::ExecutiveSummary, "Executive summary"),
        (SectionKind::Introduction, "Introduction"),
        (SectionKind::Conclusion, "Conclusion"),
    ]
    .into_iter()
    .map(|(kind, title)| Section {
        kind,
        title: title.to_owned(),
        text: String::new(),
    })
    .collect()
}

/// A Table 1 checkpoint at project month `month`: `USED BY M12 (Aug 2023)`.
pub fn checkpoint(start: YearMonth, month: u32) -> Checkpoint {
    Checkpoint {
        month,
        label: format!(
            "USED BY M{month} ({})",
            start.project_month(month).short_name()
        ),
    }
}

/// The period after `periods`: as long as the last one (12 months when
/// there is none), starting the month after it.
pub fn next_period(periods: &[Period]) -> Period {
    match periods.last() {
        Some(last) => {
            let length = last.months.len_months().max(1);
            Period::new(last.months.last + 1, last.months.last + length)
        }
        None => Period::new(1, 12),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::check::check_report;

    fn spec() -> NewReportSpec {
        let mut spec = NewReportSpec::empty(YearMonth::new(2024, 1).unwrap());
        spec.project = "HydroNet".to_owned();
        spec.scheme = PeriodScheme::HalfYearly;
        spec.period_count = 2;
        spec.resources = vec![
            ResourceSpec::parse("HPC:core-hours:2,500,000").unwrap(),
            ResourceSpec::parse("Archive:PB:2").unwrap(),
        ];
        spec.installations = vec!["Basin HPC".to_owned(), "Basin Archive".to_owned()];
        spec
    }

    #[test]
    fn a_spec_becomes_a_report_with_periods_checkpoints_and_resources() {
        let report = spec().build().unwrap();
        let labels: Vec<_> = report.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["M1-M6", "M7-M12"]);
        let checkpoints: Vec<_> = report
            .cumulative
            .checkpoints
            .iter()
            .map(|c| c.label.as_str())
            .collect();
        assert_eq!(
            checkpoints,
            ["USED BY M6 (Jun 2024)", "USED BY M12 (Dec 2024)"]
        );
        let ids: Vec<_> = report.resources().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["hpc", "archive"]);
        assert_eq!(report.resources()[0].budget.number(), Some(2_500_000.0));
        assert_eq!(report.installations[1].description.len(), 12);
        assert!(
            check_report(&report).is_empty(),
            "an empty new report has no findings"
        );
    }

    #[test]
    fn irregular_periods_follow_the_custom_lengths() {
        let mut spec = spec();
        spec.scheme = PeriodScheme::Custom(PeriodScheme::parse_lengths("18, 12").unwrap());
        spec.period_count = 3;
        let report = spec.build().unwrap();
        let labels: Vec<_> = report.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["M1-M18", "M19-M30", "M31-M42"]);
        assert_eq!(next_period(&report.periods).label, "M43-M54");
        assert_eq!(next_period(&[]).label, "M1-M12");
    }

    #[test]
    fn bad_specs_say_where() {
        let mut spec = spec();
        spec.project = " ".to_owned();
        spec.resources.push(ResourceSpec {
            label: "GPU".to_owned(),
            unit: String::new(),
            budget: String::new(),
        });
        spec.resources.push(ResourceSpec::parse("hpc:h").unwrap());
        spec.installations.push("basin hpc ".to_owned());
        let messages: Vec<String> = spec
            .build()
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            messages,
            [
                "give the project's name",
                "resource 3: GPU needs a unit",
                "resource 4: hpc is named twice",
                "installation 3: basin hpc is named twice",
            ]
        );
        assert!(ResourceSpec::parse("CPU").is_err());
        assert!(PeriodScheme::parse_lengths("12, 0").is_err());
        assert!(PeriodScheme::parse_lengths("twelve").is_err());
    }
}

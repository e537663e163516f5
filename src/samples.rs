//! The built-in sample reports, embedded from `assets/`.
//!
//! Values are transcribed exactly as the real deliverables print them,
//! mistakes included, so that the checks have real contradictions to find.

use crate::model::description::field_index;
use crate::model::{Cell, CumulativeRow, Installation, Metric, Report, YearMonth};
use crate::project_file::{ContentError, from_json};

const M36_JSON: &str = include_str!("../assets/sample-m36.json");
const M24_JSON: &str = include_str!("../assets/sample-m24.json");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sample {
    /// The final (M36) assessment: 11 installations with all their tables.
    M36,
    /// The M24 assessment: half-year periods; its metric tables were lost.
    M24,
}

impl Sample {
    pub fn title(self) -> &'static str {
        match self {
            Self::M36 => "Built-in sample: M36 final assessment",
            Self::M24 => "Built-in sample: M24 assessment",
        }
    }

    pub fn report(self) -> Result<Report, ContentError> {
        from_json(match self {
            Self::M36 => M36_JSON,
            Self::M24 => M24_JSON,
        })
    }
}

/// A consistent report of `installation_count` installations with
/// `metrics_per_installation` metrics each, for benchmarks and for checks
/// that must find nothing: every TOT is right, every count within bounds.
pub fn generated(installation_count: usize, metrics_per_installation: usize) -> Report {
    generated_with_periods(installation_count, metrics_per_installation, 3)
}

/// [`generated`] with `years` yearly periods, and a Table 1 whose
/// checkpoints (one per period end) are the installations' running sums.
pub fn generated_with_periods(
    installation_count: usize,
    metrics_per_installation: usize,
    years: u32,
) -> Report {
    let start = YearMonth {
        year: 2022,
        month: 9,
    };
    let period_count = years as usize;
    let mut report = Report::empty("Generated report", start, years);
    report.project = "Generated".to_owned();
    report.deliverable_id = "D0.0".to_owned();
    let resources = ["CPU", "GPU", "Storage"];
    report.cumulative.rows = [("CPU", "CPU-h"), ("GPU", "GPU-h"), ("Storage", "TB-month")]
        .into_iter()
        .map(|(label, unit)| CumulativeRow::named(label, unit, 0))
        .collect();
    let task = field_index(&report.description_fields, "Task");
    let location = field_index(&report.description_fields, "Location");
    for i in 0..installation_count {
        let resource = resources.get(i % resources.len()).copied().unwrap_or("CPU");
        let mut installation = Installation::new(format!("Provider {} - {resource}", i + 1));
        installation.description = vec![String::new(); report.description_fields.len()];
        for (field, text) in [(task, "T4.3"), (location, "Europe")] {
            if let Some(slot) = field.and_then(|f| installation.description.get_mut(f)) {
                *slot = text.to_owned();
            }
        }
        installation.assessment = format!("Installation {} performed as expected.", i + 1);
        for m in 0..metrics_per_installation {
            let quantity = m % 2 == 0;
            let (name, values): (String, Vec<u64>) = if quantity {
                let base = (i as u64 + 1) * 1000 + m as u64 * 10;
                (
                    format!("{resource} hours served, line {}", m + 1),
                    (1..=period_count as u64).map(|p| base * p).collect(),
                )
            } else {
                let users = (i as u64 % 50) + m as u64 + 5;
                (
                    format!("Number of users, group {}", m + 1),
                    (0..period_count as u64).map(|p| users + p).collect(),
                )
            };
            let mut metric = Metric::new(name, period_count);
            metric.baseline = Cell::new(format!("{}", values.first().copied().unwrap_or(0) * 2));
            metric.method = "Local accounting".to_owned();
            for (cell, value) in metric.values.iter_mut().zip(&values) {
                *cell = Cell::new(format!("{value}"));
            }
            let total: u64 = if quantity {
                values.iter().sum()
            } else {
                values.last().copied().unwrap_or(0)
            };
            metric.total = Cell::new(format!("{total}"));
            installation.metrics.push(metric);
        }
        report.installations.push(installation);
    }
    report.refresh_guesses();
    if years > 3 {
        add_checkpoints(&mut report);
    }
    report
}

/// One Table 1 checkpoint per period end, each the running sum of the
/// installations' periods.
fn add_checkpoints(report: &mut Report) {
    let months: Vec<u32> = report.periods.iter().map(|p| p.months.last).collect();
    report.cumulative.checkpoints = months
        .iter()
        .map(|&month| crate::model::Checkpoint {
            month,
            label: format!(
                "USED BY M{month} ({})",
                report.project_start.project_month(month).short_name()
            ),
        })
        .collect();
    let ids: Vec<String> = report
        .cumulative
        .rows
        .iter()
        .map(|r| r.id.clone())
        .collect();
    for (row, id) in ids.iter().enumerate() {
        let consumption = crate::model::consumption::resource_consumption(report, id);
        let mut running = 0.0;
        let used: Vec<Cell> = consumption
            .per_period
            .iter()
            .map(|sum| {
                running += sum;
                Cell::new(crate::model::number_format::exact_text(
                    running,
                    report.decimal_mark,
                ))
            })
            .collect();
        if let Some(r) = report.cumulative.rows.get_mut(row) {
            r.used = used;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn both_samples_load() {
        assert_eq!(Sample::M36.report().unwrap().installations.len(), 11);
        assert_eq!(Sample::M24.report().unwrap().periods.len(), 2);
    }

    #[test]
    fn generated_reports_have_the_asked_size_and_right_totals() {
        let report = generated(5, 4);
        assert_eq!(report.installations.len(), 5);
        assert_eq!(report.metric_count(), 20);
        let metric = &report.installations[1].metrics[0];
        let sum: f64 = metric.values.iter().filter_map(Cell::number).sum();
        assert_eq!(metric.total.number(), Some(sum));
    }
}

//! What the installations of one resource consumed, period by period: the
//! figures that Table 1 accumulates. Shared by the checks and the plots.

use super::metric::MetricKind;
use super::report::Report;

/// A metric counted into a resource's consumption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contributor {
    pub installation: usize,
    pub metric: usize,
}

/// A metric linked to the resource but not summed into its consumption,
/// and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub installation: usize,
    pub metric: usize,
    pub kind: MetricKind,
}

/// The consumption of one resource by all installations.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceConsumption {
    /// The resource's id.
    pub resource: String,
    /// The quantity metrics of this resource, in report order.
    pub contributors: Vec<Contributor>,
    /// Metrics linked to the resource that are not quantities (levels,
    /// counts): they are not added up.
    pub left_out: Vec<LeftOut>,
    /// Per period column: the sum of the contributors' numeric values
    /// (cells that are not numbers count as nothing).
    pub per_period: Vec<f64>,
}

/// The quantity metrics of the resource with id `resource` and their sums
/// per period.
pub fn resource_consumption(report: &Report, resource: &str) -> ResourceConsumption {
    let mut contributors = Vec::new();
    let mut left_out = Vec::new();
    let mut per_period = vec![0.0; report.periods.len()];
    for (i, installation) in report.installations.iter().enumerate() {
        for (m, metric) in installation.metrics.iter().enumerate() {
            if metric.resource() != Some(resource) {
                continue;
            }
            if metric.kind() != MetricKind::Quantity {
                left_out.push(LeftOut {
                    installation: i,
                    metric: m,
                    kind: metric.kind(),
                });
                continue;
            }
            contributors.push(Contributor {
                installation: i,
                metric: m,
            });
            for (sum, cell) in per_period.iter_mut().zip(&metric.values) {
                *sum += cell.number().unwrap_or(0.0);
            }
        }
    }
    ResourceConsumption {
        resource: resource.to_owned(),
        contributors,
        left_out,
        per_period,
    }
}

impl ResourceConsumption {
    /// The running sum up to project month `month`, when `month` is the last
    /// month of a period column (M12, M24... for yearly periods; M6 of a
    /// yearly report ends no period and gives None).
    pub fn running_sum_at(&self, report: &Report, month: u32) -> Option<f64> {
        let ends_a_period = report.periods.iter().any(|p| p.months.last == month);
        if !ends_a_period {
            return None;
        }
        Some(
            report
                .periods
                .iter()
                .zip(&self.per_period)
                .filter(|(period, _)| period.months.last <= month)
                .map(|(_, sum)| sum)
                .sum(),
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::model::{Cell, CumulativeRow, Installation, Metric, YearMonth};

    fn installation(name: &str, metric: &str, values: [&str; 3]) -> Installation {
        let mut installation = Installation::new(name);
        let mut row = Metric::new(metric, 3);
        for (cell, text) in row.values.iter_mut().zip(values) {
            *cell = Cell::new(text);
        }
        installation.metrics.push(row);
        installation
    }

    #[test]
    fn sums_the_quantity_metrics_of_one_resource() {
        let mut report = Report::empty(
            "x",
            YearMonth {
                year: 2022,
                month: 9,
            },
            3,
        );
        report.cumulative.rows = vec![
            CumulativeRow::named("CPU", "CPU-h", 0),
            CumulativeRow::named("GPU", "GPU-h", 0),
        ];
        report.installations = vec![
            installation("A - CPU", "CPU node/hours served", ["100", "1,000", "10"]),
            installation("B - CPU", "CPU/hours served", ["1", "/", "2"]),
            installation("A - GPU", "GPU node/hours served", ["5", "5", "5"]),
            installation(
                "Platform",
                "ML training cycles (CPU+GPU-hours)",
                ["7", "7", "7"],
            ),
            installation("A - users", "Number of users", ["9", "9", "9"]),
        ];
        report.refresh_guesses();
        let cpu = resource_consumption(&report, "cpu");
        assert_eq!(cpu.per_period, [101.0, 1000.0, 12.0]);
        assert_eq!(cpu.contributors.len(), 2);
        assert_eq!(cpu.running_sum_at(&report, 12), Some(101.0));
        assert_eq!(cpu.running_sum_at(&report, 24), Some(1101.0));
        assert_eq!(cpu.running_sum_at(&report, 36), Some(1113.0));
        assert_eq!(cpu.running_sum_at(&report, 6), None);
        let gpu = resource_consumption(&report, "gpu");
        assert_eq!(gpu.per_period, [5.0, 5.0, 5.0]);
    }
}

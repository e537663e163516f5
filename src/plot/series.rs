//! The numbers behind every plot, read from the report's parsed cells.
//!
//! A cell that does not hold a number (blank, `N/A`, `/`, text, a country
//! list) is a gap: `None`, never zero. The live plots and the print figures
//! draw the same structs.

use crate::model::consumption::{ResourceConsumption, resource_consumption};
use crate::model::{Cell, MetricKind, Report};

/// A cell's number, when it is one (and finite: an overflowing text such as
/// `1e999` is a gap like any other non-number).
fn finite(cell: &Cell) -> Option<f64> {
    cell.number().filter(|value| value.is_finite())
}

/// One point of a series: where it is and its value, `None` for a gap.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesPoint {
    /// The project month (x position): a checkpoint month, or a period's last month.
    pub month: u32,
    /// What the table calls this column (`USED BY M12 (Aug 2023)`).
    pub label: String,
    pub value: Option<f64>,
}

/// Where cumulative use reached the budget.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetCrossing {
    /// The project month, interpolated linearly between two checkpoints
    /// (27.3 is about a third into M28).
    pub month: f64,
    /// The last checkpoint below the budget, when there is one; None when the
    /// first checkpoint with a number is already at or over the budget.
    pub from_month: Option<u32>,
    /// The first checkpoint at or over the budget.
    pub to_month: u32,
}

impl BudgetCrossing {
    /// Whether the month is interpolated between two checkpoints (rather
    /// than the first checkpoint itself).
    pub fn is_interpolated(&self) -> bool {
        self.from_month.is_some()
    }
}

/// One row of Table 1 drawn as "usage status and trend".
#[derive(Clone, Debug, PartialEq)]
pub struct CumulativeSeries {
    /// Index of the row in `report.cumulative.rows`.
    pub row: usize,
    /// The resource's id.
    pub resource: String,
    /// The resource's short name (`CPU`, `Archive`).
    pub label: String,
    /// The row's name as written (`CPU-compute (CPU-h) - Accumulative`).
    pub name: String,
    pub unit: String,
    pub budget: Option<f64>,
    /// Cumulative use at each checkpoint, as Table 1 prints it.
    pub used: Vec<SeriesPoint>,
    /// The running sum of this resource's installations, at the checkpoints
    /// that end a period (others have no figure to compare with).
    pub running_sum: Vec<SeriesPoint>,
    pub crossing: Option<BudgetCrossing>,
}

impl CumulativeSeries {
    /// The short title used in legends and captions: the resource's short
    /// name, or the row name when it has none.
    pub fn title(&self) -> String {
        if self.label.trim().is_empty() {
            self.name.clone()
        } else {
            self.label.clone()
        }
    }

    /// The caption a deliverable gives this plot: `Figure 2 GPU usage status and trend`.
    pub fn caption(&self, figure_number: usize) -> String {
        format!(
            "Figure {figure_number} {} usage status and trend",
            self.title()
        )
    }

    /// The largest value drawn (budget included), for axis ranges.
    pub fn max_value(&self) -> f64 {
        let points = self.used.iter().chain(&self.running_sum);
        points
            .filter_map(|point| point.value)
            .chain(self.budget)
            .fold(0.0, f64::max)
    }
}

/// The series of every row of Table 1, in table order.
pub fn cumulative_series(report: &Report) -> Vec<CumulativeSeries> {
    (0..report.cumulative.rows.len())
        .filter_map(|row| cumulative_row_series(report, row))
        .collect()
}

/// The series of one row of Table 1.
pub fn cumulative_row_series(report: &Report, row_index: usize) -> Option<CumulativeSeries> {
    let table = &report.cumulative;
    let row = table.rows.get(row_index)?;
    let used: Vec<SeriesPoint> = table
        .checkpoints
        .iter()
        .zip(&row.used)
        .map(|(checkpoint, cell)| SeriesPoint {
            month: checkpoint.month,
            label: checkpoint.label.clone(),
            value: finite(cell),
        })
        .collect();
    let consumption = resource_consumption(report, &row.id);
    // With no installation of this resource there is no sum to compare.
    let running_sum = if consumption.contributors.is_empty() {
        Vec::new()
    } else {
        running_sum_points(report, &consumption)
    };
    let budget = finite(&row.budget);
    let crossing = budget.and_then(|budget| budget_crossing(&used, budget));
    Some(CumulativeSeries {
        row: row_index,
        resource: row.id.clone(),
        label: row.label.clone(),
        name: row.name.clone(),
        unit: row.unit.clone(),
        budget,
        used,
        running_sum,
        crossing,
    })
}

/// The running sum at each checkpoint that ends a period.
fn running_sum_points(report: &Report, consumption: &ResourceConsumption) -> Vec<SeriesPoint> {
    let table = &report.cumulative;
    table
        .checkpoints
        .iter()
        .filter_map(|checkpoint| {
            let sum = consumption.running_sum_at(report, checkpoint.month)?;
            Some(SeriesPoint {
                month: checkpoint.month,
                label: checkpoint.label.clone(),
                value: Some(sum),
            })
        })
        .collect()
}

/// The month where `points` first reach `budget`, interpolated linearly
/// between the last checkpoint below it and the first at or over it. Gaps
/// are skipped: the line joins the numbers on either side of them.
pub fn budget_crossing(points: &[SeriesPoint], budget: f64) -> Option<BudgetCrossing> {
    let mut previous: Option<(u32, f64)> = None;
    for point in points {
        let Some(value) = point.value else {
            continue;
        };
        if value >= budget {
            let crossing = match previous {
                Some((month, below)) if value > below => {
                    let fraction = (budget - below) / (value - below);
                    let span = f64::from(point.month) - f64::from(month);
                    BudgetCrossing {
                        month: f64::from(month) + fraction * span,
                        from_month: Some(month),
                        to_month: point.month,
                    }
                }
                _ => BudgetCrossing {
                    month: f64::from(point.month),
                    from_month: None,
                    to_month: point.month,
                },
            };
            return Some(crossing);
        }
        previous = Some((point.month, value));
    }
    None
}

/// The runs of consecutive numbers in `points`, as `(month, value)`: a line
/// is drawn through each run and broken at gaps.
pub fn segments(points: &[SeriesPoint]) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current = Vec::new();
    for point in points {
        match point.value {
            Some(value) => current.push((f64::from(point.month), value)),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// A metric's target as written and as read.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    /// The text exactly as written (`3M`, `> 15000`, `1 PB`).
    pub text: String,
    /// The parsed value in the metric's base unit (`1 PB` is 1000 TB).
    pub value: f64,
}

/// One numeric metric of an installation: a value per period and its baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricSeries {
    /// Row index of the metric in its installation's table.
    pub metric: usize,
    pub name: String,
    pub unit: String,
    pub kind: MetricKind,
    /// One value per period column; `None` where the cell is not a number.
    pub values: Vec<Option<f64>>,
    pub baseline: Option<Baseline>,
}

impl MetricSeries {
    /// Whether there is anything to draw.
    pub fn has_numbers(&self) -> bool {
        self.values.iter().any(Option::is_some) || self.baseline.is_some()
    }

    /// The largest value drawn (baseline included), for axis ranges.
    pub fn max_value(&self) -> f64 {
        self.values
            .iter()
            .flatten()
            .copied()
            .chain(self.baseline.as_ref().map(|b| b.value))
            .fold(0.0, f64::max)
    }
}

/// An installation's numeric metrics, period by period.
#[derive(Clone, Debug, PartialEq)]
pub struct InstallationSeries {
    pub installation: usize,
    pub name: String,
    /// The period labels, one per value of each metric (`M1-M12`).
    pub periods: Vec<String>,
    /// The quantities and distinct counts, in table order (country lists and
    /// text have nothing to draw).
    pub metrics: Vec<MetricSeries>,
}

impl InstallationSeries {
    /// The caption of the installation's figure.
    pub fn caption(&self, figure_number: usize) -> String {
        format!("Figure {figure_number} {} metrics per period", self.name)
    }
}

/// The numeric metrics of installation `index`.
pub fn installation_series(report: &Report, index: usize) -> Option<InstallationSeries> {
    let installation = report.installations.get(index)?;
    let metrics = installation
        .metrics
        .iter()
        .enumerate()
        .filter(|(_, metric)| {
            matches!(
                metric.kind(),
                MetricKind::Quantity
                    | MetricKind::LevelLast
                    | MetricKind::LevelLargest
                    | MetricKind::DistinctCount
                    | MetricKind::CountryCount
            )
        })
        .map(|(row, metric)| MetricSeries {
            metric: row,
            name: metric.name.clone(),
            unit: report.unit_of(metric),
            kind: metric.kind(),
            values: metric.values.iter().map(finite).collect(),
            baseline: finite(&metric.baseline).map(|value| Baseline {
                text: metric.baseline.text().trim().to_owned(),
                value,
            }),
        })
        .collect();
    Some(InstallationSeries {
        installation: index,
        name: installation.name.clone(),
        periods: period_labels(report),
        metrics,
    })
}

fn period_labels(report: &Report) -> Vec<String> {
    report.periods.iter().map(|p| p.label.clone()).collect()
}

/// One installation's part of a resource's consumption.
#[derive(Clone, Debug, PartialEq)]
pub struct ContributionSeries {
    pub installation: usize,
    pub metric: usize,
    /// The installation's name, with the metric's when the installation has
    /// more than one metric of this resource.
    pub name: String,
    /// One value per period; `None` where the cell is not a number.
    pub values: Vec<Option<f64>>,
}

/// What each installation contributed to a resource, per period.
#[derive(Clone, Debug, PartialEq)]
pub struct Contributions {
    /// The resource's id.
    pub resource: String,
    /// The resource's short name.
    pub label: String,
    pub unit: String,
    pub periods: Vec<String>,
    /// One stack layer per contributing metric, in report order.
    pub layers: Vec<ContributionSeries>,
}

impl Contributions {
    /// Where each layer's bar starts in each period: the sum of the numbers
    /// of the layers below it (gaps add nothing).
    pub fn stack_bases(&self) -> Vec<Vec<f64>> {
        let mut running = vec![0.0; self.periods.len()];
        let mut bases = Vec::with_capacity(self.layers.len());
        for layer in &self.layers {
            bases.push(running.clone());
            for (sum, value) in running.iter_mut().zip(&layer.values) {
                *sum += value.unwrap_or(0.0);
            }
        }
        bases
    }

    /// The height of each period's stack.
    pub fn totals(&self) -> Vec<f64> {
        let mut totals = vec![0.0; self.periods.len()];
        for layer in &self.layers {
            for (sum, value) in totals.iter_mut().zip(&layer.values) {
                *sum += value.unwrap_or(0.0);
            }
        }
        totals
    }

    pub fn caption(&self, figure_number: usize) -> String {
        format!(
            "Figure {figure_number} {} consumption per period by installation",
            self.label
        )
    }
}

/// The ids of the resources whose contributions are plotted: every
/// resource of the report, in Table 1 order.
pub fn contribution_resources(report: &Report) -> Vec<String> {
    report
        .cumulative
        .rows
        .iter()
        .map(|row| row.id.clone())
        .collect()
}

/// The contributions of every installation to the resource with id
/// `resource`, per period.
pub fn contributions(report: &Report, resource: &str) -> Contributions {
    let consumption = resource_consumption(report, resource);
    let count_in = |installation: usize| {
        consumption
            .contributors
            .iter()
            .filter(|c| c.installation == installation)
            .count()
    };
    let layers = consumption
        .contributors
        .iter()
        .filter_map(|contributor| {
            let installation = report.installations.get(contributor.installation)?;
            let metric = installation.metrics.get(contributor.metric)?;
            let name = if count_in(contributor.installation) > 1 {
                format!("{} ({})", installation.name, metric.name)
            } else {
                installation.name.clone()
            };
            Some(ContributionSeries {
                installation: contributor.installation,
                metric: contributor.metric,
                name,
                values: metric.values.iter().map(finite).collect(),
            })
        })
        .collect();
    let row = report.cumulative.resource(resource);
    Contributions {
        resource: resource.to_owned(),
        label: row.map(|r| r.label.clone()).unwrap_or_default(),
        unit: row.map(|r| r.unit.clone()).unwrap_or_default(),
        periods: period_labels(report),
        layers,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::{CellAddress, MetricColumn};
    use crate::samples::Sample;

    fn m36() -> Report {
        Sample::M36.report().unwrap()
    }

    fn values(points: &[SeriesPoint]) -> Vec<(u32, Option<f64>)> {
        points.iter().map(|p| (p.month, p.value)).collect()
    }

    fn cpu(report: &Report) -> CumulativeSeries {
        cumulative_series(report)
            .into_iter()
            .find(|s| s.resource == "cpu")
            .unwrap()
    }

    #[test]
    fn the_cpu_series_is_table_1_of_the_m36_deliverable() {
        // Seed 000, "Table 1 Cumulative resource consumption", CPU row.
        let series = cpu(&m36());
        assert_eq!(series.budget, Some(6_000_000.0));
        assert_eq!(series.unit, "CPU-h");
        assert_eq!(
            values(&series.used),
            [
                (6, Some(94_656.0)),
                (12, Some(662_547.0)),
                (18, Some(1_745_910.0)),
                (24, Some(4_197_116.0)),
                (30, Some(7_460_311.0)),
                (36, Some(11_113_730.0)),
            ]
        );
        assert_eq!(series.used[1].label, "USED BY M12 (Aug 2023)");
        assert_eq!(series.caption(3), "Figure 3 CPU usage status and trend");
    }

    #[test]
    fn the_running_sum_adds_up_the_cpu_installations() {
        // IFCA-CSIC CPU 488,544 / 1,922,213 / 4,424,245; INCD CPU 174,003 /
        // 1,552,267 / 2,270,601; WaltonCloud CPU 0 / 60,089 / 221,768.
        let by_m12 = 488_544.0 + 174_003.0 + 0.0;
        let by_m24 = by_m12 + 1_922_213.0 + 1_552_267.0 + 60_089.0;
        let by_m36 = by_m24 + 4_424_245.0 + 2_270_601.0 + 221_768.0;
        let series = cpu(&m36());
        assert_eq!(
            values(&series.running_sum),
            [(12, Some(by_m12)), (24, Some(by_m24)), (36, Some(by_m36))]
        );
        // In this deliverable they agree with Table 1 at every period end.
        assert_eq!(by_m12, 662_547.0);
        assert_eq!(by_m24, 4_197_116.0);
        assert_eq!(by_m36, 11_113_730.0);
    }

    #[test]
    fn the_budget_crossing_is_interpolated_between_checkpoints() {
        let report = m36();
        let all = cumulative_series(&report);
        let titles: Vec<_> = all.iter().map(CumulativeSeries::title).collect();
        assert_eq!(titles, ["Storage", "GPU", "CPU"]);
        // CPU: 4,197,116 at M24, 7,460,311 at M30, budget 6,000,000.
        let crossing = all[2].crossing.clone().unwrap();
        let expected = 24.0 + 6.0 * (6_000_000.0 - 4_197_116.0) / (7_460_311.0 - 4_197_116.0);
        assert!((crossing.month - expected).abs() < 1e-9);
        assert_eq!((crossing.from_month, crossing.to_month), (Some(24), 30));
        assert!(crossing.is_interpolated());
        // GPU: 104,798 at M18, 183,262 at M24, budget 132,000: about M20.1.
        let gpu = all[1].crossing.clone().unwrap();
        assert!((gpu.month - 20.08).abs() < 0.01, "{}", gpu.month);
        // Storage stays under its 1,500 TB-month.
        assert_eq!(all[0].crossing, None);
    }

    fn point(month: u32, value: Option<f64>) -> SeriesPoint {
        SeriesPoint {
            month,
            label: format!("M{month}"),
            value,
        }
    }

    #[test]
    fn crossings_skip_gaps_and_handle_an_early_start() {
        let points = [
            point(6, Some(50.0)),
            point(12, None),
            point(18, Some(150.0)),
        ];
        let crossing = budget_crossing(&points, 100.0).unwrap();
        assert!((crossing.month - 12.0).abs() < 1e-9);
        let over_at_once = [point(6, None), point(12, Some(200.0))];
        let crossing = budget_crossing(&over_at_once, 100.0).unwrap();
        assert_eq!(crossing.month, 12.0);
        assert!(!crossing.is_interpolated());
        assert_eq!(budget_crossing(&[point(6, Some(1.0))], 100.0), None);
        assert_eq!(budget_crossing(&[], 100.0), None);
    }

    #[test]
    fn without_installations_of_a_resource_there_is_no_running_sum() {
        let mut report = m36();
        report.installations.clear();
        let series = cpu(&report);
        assert!(series.running_sum.is_empty());
        assert_eq!(series.used.len(), 6);
    }

    #[test]
    fn lines_break_at_gaps() {
        let points = [
            point(6, Some(1.0)),
            point(12, Some(2.0)),
            point(18, None),
            point(24, Some(4.0)),
            point(30, None),
        ];
        assert_eq!(
            segments(&points),
            [vec![(6.0, 1.0), (12.0, 2.0)], vec![(24.0, 4.0)]]
        );
        assert!(segments(&[point(6, None)]).is_empty());
    }

    #[test]
    fn cells_that_are_not_numbers_are_gaps_not_zeros() {
        let mut report = m36();
        report.cumulative.rows[2].used[1] = Cell::new("n/a");
        report.cumulative.rows[2].budget = Cell::new("tbd");
        let series = cpu(&report);
        assert_eq!(series.used[1].value, None);
        assert_eq!(series.budget, None);
        assert_eq!(series.crossing, None);
        // The walton CPU users row has a blank M25-M36 cell.
        let walton = report
            .installations
            .iter()
            .position(|i| i.name == "WaltonCloud - CPU")
            .unwrap();
        let series = installation_series(&report, walton).unwrap();
        let users = series
            .metrics
            .iter()
            .find(|m| m.name == "Number of users")
            .unwrap();
        assert_eq!(users.values, [Some(0.0), Some(54.0), None]);
    }

    #[test]
    fn installation_series_keep_quantities_counts_and_baselines() {
        let report = m36();
        let ifca = report
            .installations
            .iter()
            .position(|i| i.name == "IFCA-CSIC Scientific Cloud - CPU")
            .unwrap();
        let series = installation_series(&report, ifca).unwrap();
        assert_eq!(series.periods, ["M1-M12", "M13-M24", "M25-M36"]);
        let names: Vec<_> = series.metrics.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "CPU node/hours served over the period",
                "Number of countries reached over the period",
                "Number of users"
            ]
        );
        let cpu = &series.metrics[0];
        assert_eq!(cpu.metric, 0);
        assert_eq!(cpu.unit, "CPU-h");
        assert_eq!(
            cpu.values,
            [Some(488_544.0), Some(1_922_213.0), Some(4_424_245.0)]
        );
        let baseline = cpu.baseline.clone().unwrap();
        assert_eq!(
            (baseline.text.as_str(), baseline.value),
            ("3M", 3_000_000.0)
        );
        assert_eq!(series.metrics[2].metric, 3);

        let storage = report
            .installations
            .iter()
            .position(|i| i.name == "IFCA-CSIC Scientific Cloud - Storage")
            .unwrap();
        let series = installation_series(&report, storage).unwrap();
        let stored = series
            .metrics
            .iter()
            .find(|m| m.unit == "TB-month")
            .unwrap();
        assert_eq!(stored.baseline.clone().unwrap().value, 1000.0); // "1 PB"
        assert_eq!(installation_series(&report, 99), None);
    }

    #[test]
    fn contributions_stack_the_installations_of_a_resource() {
        let report = m36();
        let cpu = contributions(&report, "cpu");
        let names: Vec<_> = cpu.layers.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "IFCA-CSIC Scientific Cloud - CPU",
                "INCD - CPU",
                "WaltonCloud - CPU"
            ]
        );
        let bases = cpu.stack_bases();
        assert_eq!(bases[0], [0.0, 0.0, 0.0]);
        assert_eq!(bases[2], [488_544.0 + 174_003.0, 3_474_480.0, 6_694_846.0]);
        assert_eq!(cpu.totals(), [662_547.0, 3_534_569.0, 6_916_614.0]);
        assert_eq!(
            cpu.caption(4),
            "Figure 4 CPU consumption per period by installation"
        );
        let gpu = contributions(&report, "gpu");
        assert_eq!(gpu.layers.len(), 3);
        assert_eq!(gpu.unit, "GPU-h");
    }

    #[test]
    fn editing_a_cpu_value_moves_the_running_sum() {
        let mut document = crate::edit::Document::new(m36());
        let before = cpu(document.report()).running_sum[2].value.unwrap();
        document
            .apply(Edit::SetCell {
                address: CellAddress::Metric {
                    installation: 2,
                    metric: 0,
                    column: MetricColumn::Period(2),
                },
                text: "5,424,245".to_owned(),
            })
            .unwrap();
        let after = cpu(document.report()).running_sum[2].value.unwrap();
        assert_eq!(after - before, 1_000_000.0);
    }
}

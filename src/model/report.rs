//! The whole report.

use serde::{Deserialize, Serialize};

use super::acknowledgement::Acknowledgement;
use super::calendar::{Period, YearMonth};
use super::cell::Cell;
use super::cumulative::{CumulativeRow, CumulativeTable};
use super::description::{DescriptionField, default_fields};
use super::installation::Installation;
use super::metric::Metric;
use super::section::Section;
use super::value::DecimalMark;

/// A periodic Virtual Access assessment deliverable.
///
/// Shape invariant (kept by every edit, restored by [`Report::fit_shape`] on
/// load): every metric has exactly one value per period, every cumulative
/// row exactly one cell per checkpoint, and every installation one
/// description text per description field. Every cell is read with the
/// report's decimal mark, and every metric's unconfirmed kind and resource
/// is the current guess ([`Report::prepare`] on load, `edit::apply` after
/// every edit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    #[serde(default)]
    pub project: String,
    pub title: String,
    #[serde(default)]
    pub deliverable_id: String,
    /// The calendar month of M1.
    pub project_start: YearMonth,
    /// How the report writes numbers: `1,234.5` or `1.234,5`.
    #[serde(default)]
    pub decimal_mark: DecimalMark,
    /// The rows of every installation's description table.
    #[serde(default = "default_fields")]
    pub description_fields: Vec<DescriptionField>,
    pub periods: Vec<Period>,
    #[serde(default)]
    pub cumulative: CumulativeTable,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub installations: Vec<Installation>,
    /// Findings of the checks accepted as they stand, with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledgements: Vec<Acknowledgement>,
    /// Providers' names mapped by hand in an import, used by the next one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub import_mappings: Vec<crate::model::ImportMapping>,
}

/// A place where a report read from a file does not have the shape the
/// periods and checkpoints promise.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ShapeError {
    #[error(
        "metric {metric:?} of {installation:?} has {found} period values but the report has {expected} periods"
    )]
    MetricValues {
        installation: String,
        metric: String,
        found: usize,
        expected: usize,
    },
    #[error("cumulative row {row:?} has {found} values but the table has {expected} checkpoints")]
    CumulativeValues {
        row: String,
        found: usize,
        expected: usize,
    },
    #[error(
        "installation {installation:?} has {found} description texts but the report has {expected} description fields"
    )]
    DescriptionTexts {
        installation: String,
        found: usize,
        expected: usize,
    },
    #[error("two resources have the id {0:?}")]
    DuplicateResource(String),
}

impl Report {
    /// An empty report with yearly periods over `years` years.
    pub fn empty(title: impl Into<String>, project_start: YearMonth, years: u32) -> Self {
        let periods = (0..years)
            .map(|year| Period::new(year * 12 + 1, year * 12 + 12))
            .collect();
        Self {
            project: String::new(),
            title: title.into(),
            deliverable_id: String::new(),
            project_start,
            decimal_mark: DecimalMark::default(),
            description_fields: default_fields(),
            periods,
            cumulative: CumulativeTable::default(),
            sections: Vec::new(),
            installations: Vec::new(),
            acknowledgements: Vec::new(),
            import_mappings: Vec::new(),
        }
    }

    /// Pads short rows with blank cells so that the shape invariant holds.
    /// Rows with more values than columns are an error: dropping values would
    /// lose data.
    pub fn fit_shape(&mut self) -> Result<(), ShapeError> {
        let period_count = self.periods.len();
        let field_count = self.description_fields.len();
        for installation in &mut self.installations {
            if installation.description.len() > field_count {
                return Err(ShapeError::DescriptionTexts {
                    installation: installation.name.clone(),
                    found: installation.description.len(),
                    expected: field_count,
                });
            }
            installation.description.resize(field_count, String::new());
            for metric in &mut installation.metrics {
                if metric.values.len() > period_count {
                    return Err(ShapeError::MetricValues {
                        installation: installation.name.clone(),
                        metric: metric.name.clone(),
                        found: metric.values.len(),
                        expected: period_count,
                    });
                }
                metric.values.resize(period_count, Cell::blank());
            }
        }
        let checkpoint_count = self.cumulative.checkpoints.len();
        for row in &mut self.cumulative.rows {
            if row.used.len() > checkpoint_count {
                return Err(ShapeError::CumulativeValues {
                    row: row.name.clone(),
                    found: row.used.len(),
                    expected: checkpoint_count,
                });
            }
            row.used.resize(checkpoint_count, Cell::blank());
        }
        let mut ids = std::collections::BTreeSet::new();
        for row in &self.cumulative.rows {
            if !ids.insert(row.id.as_str()) {
                return Err(ShapeError::DuplicateResource(row.id.clone()));
            }
        }
        Ok(())
    }

    /// Makes a report read from a file whole: the shape invariant, every
    /// cell read with the report's decimal mark, the current guesses.
    pub fn prepare(&mut self) -> Result<(), ShapeError> {
        self.fit_shape()?;
        self.reread_cells();
        self.refresh_guesses();
        Ok(())
    }

    /// The resource a metric feeds, when it names one the report has.
    pub fn resource_of(&self, metric: &Metric) -> Option<&CumulativeRow> {
        self.cumulative.resource(metric.resource()?)
    }

    /// The unit a metric's numbers are in: its own, else its resource's.
    pub fn unit_of(&self, metric: &Metric) -> String {
        metric
            .own_unit()
            .or_else(|| self.resource_of(metric).map(|row| row.unit.clone()))
            .unwrap_or_default()
    }

    /// Another installation with the same name as installation `index`
    /// (case and surrounding spaces ignored).
    pub fn same_name_as(&self, index: usize) -> Option<usize> {
        let name = self.installations.get(index)?.name.trim().to_lowercase();
        self.installations
            .iter()
            .enumerate()
            .find(|(i, other)| *i != index && other.name.trim().to_lowercase() == name)
            .map(|(i, _)| i)
    }

    /// The resources of the report (the rows of Table 1).
    pub fn resources(&self) -> &[CumulativeRow] {
        &self.cumulative.rows
    }

    /// Number of metric rows across all installations.
    pub fn metric_count(&self) -> usize {
        self.installations.iter().map(|i| i.metrics.len()).sum()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::model::Metric;

    fn start() -> YearMonth {
        YearMonth {
            year: 2022,
            month: 9,
        }
    }

    #[test]
    fn empty_reports_have_yearly_periods() {
        let report = Report::empty("x", start(), 3);
        let labels: Vec<_> = report.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["M1-M12", "M13-M24", "M25-M36"]);
    }

    #[test]
    fn short_rows_are_padded_and_long_rows_refused() {
        let mut report = Report::empty("x", start(), 3);
        let mut installation = Installation::new("A");
        let mut metric = Metric::new("Number of users", 0);
        metric.values = vec![Cell::new("1")];
        installation.metrics.push(metric);
        report.installations.push(installation);
        report.fit_shape().unwrap();
        assert_eq!(report.installations[0].metrics[0].values.len(), 3);

        report.installations[0].metrics[0]
            .values
            .push(Cell::new("9"));
        let error = report.fit_shape().unwrap_err();
        assert!(error.to_string().contains("has 4 period values"), "{error}");
    }
}

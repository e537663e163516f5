//! Addresses of the things a user can change: cells, text fields, rows.
//! Edits, checks and the UI all speak in these terms.

use serde::{Deserialize, Serialize};

/// A cell column of a metrics table that holds a [`super::Cell`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MetricColumn {
    Baseline,
    Period(usize),
    Total,
}

impl MetricColumn {
    /// The column's label as the report prints it: `Baseline`, `TOT`, or the
    /// period's label (empty for a period the report does not have).
    pub fn label(self, report: &super::Report) -> String {
        match self {
            Self::Baseline => "Baseline".to_owned(),
            Self::Total => "TOT".to_owned(),
            Self::Period(index) => report
                .periods
                .get(index)
                .map(|period| period.label.clone())
                .unwrap_or_default(),
        }
    }
}

/// A column of the cumulative table that holds a [`super::Cell`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CumulativeColumn {
    Budget,
    Checkpoint(usize),
}

/// A cell holding a number-like value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CellAddress {
    Metric {
        installation: usize,
        metric: usize,
        column: MetricColumn,
    },
    Cumulative {
        row: usize,
        column: CumulativeColumn,
    },
}

/// A free-text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TextAddress {
    Title,
    DeliverableId,
    Project,
    InstallationName(usize),
    /// An installation's text of a description field (installation, field).
    Description(usize, usize),
    /// The label of a description field.
    DescriptionLabel(usize),
    Assessment(usize),
    MetricName {
        installation: usize,
        metric: usize,
    },
    MetricMethod {
        installation: usize,
        metric: usize,
    },
    SectionTitle(usize),
    SectionText(usize),
    PeriodLabel(usize),
    CumulativeCaption,
    CumulativeRowName(usize),
    /// A resource's short name.
    CumulativeRowLabel(usize),
    CumulativeRowUnit(usize),
    CheckpointLabel(usize),
}

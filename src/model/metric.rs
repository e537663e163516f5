//! A metric row of an installation's table, and what kind of number it holds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::cell::Cell;
use super::source::CellSource;

/// What a metric's numbers mean; decides what its TOT must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Additive (CPU-hours, TB-month, jobs run): TOT = sum of periods.
    Quantity,
    /// A stock at the end of each period (disk space allocated, registered
    /// users to date): TOT = the last period's value.
    LevelLast,
    /// A stock whose TOT is its largest period value (peak capacity).
    LevelLargest,
    /// Not additive (users, institutions): max(periods) <= TOT <= sum(periods).
    DistinctCount,
    /// How many countries were reached: a distinct count that the matching
    /// country list should agree with.
    CountryCount,
    /// Sets of countries; TOT is their union.
    CountryList,
    /// Free text; nothing to add up.
    Text,
}

impl MetricKind {
    pub const ALL: [Self; 7] = [
        Self::Quantity,
        Self::LevelLast,
        Self::LevelLargest,
        Self::DistinctCount,
        Self::CountryCount,
        Self::CountryList,
        Self::Text,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Quantity => "Quantity",
            Self::LevelLast => "Level (last)",
            Self::LevelLargest => "Level (largest)",
            Self::DistinctCount => "Distinct count",
            Self::CountryCount => "Country count",
            Self::CountryList => "Country list",
            Self::Text => "Text",
        }
    }

    /// What the kind means for the TOT, in plain words.
    pub fn total_rule(self) -> &'static str {
        match self {
            Self::Quantity => "TOT is the sum of the periods",
            Self::LevelLast => "TOT is the last period's value",
            Self::LevelLargest => "TOT is the largest period value",
            Self::DistinctCount | Self::CountryCount => {
                "TOT lies between the largest period and the sum"
            }
            Self::CountryList => "TOT lists every country of the periods",
            Self::Text => "nothing is added up",
        }
    }

    /// Whether the periods hold numbers.
    pub fn is_numeric(self) -> bool {
        !matches!(self, Self::CountryList | Self::Text)
    }

    /// A stock, whose TOT is one period's value.
    pub fn is_level(self) -> bool {
        matches!(self, Self::LevelLast | Self::LevelLargest)
    }

    /// Not additive: the TOT lies between the largest period and the sum.
    pub fn is_distinct_count(self) -> bool {
        matches!(self, Self::DistinctCount | Self::CountryCount)
    }
}

/// One row of a metrics table:
/// `Metric name | Baseline | Define how measurement is done | <periods> | TOT`.
///
/// Kind and resource are always set: a guess from the name and values
/// (see [`super::inference`]) until the user confirms or chooses one; a
/// confirmed choice is never guessed again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub name: String,
    #[serde(default = "default_kind")]
    pub kind: MetricKind,
    /// True when the user chose or confirmed the kind.
    #[serde(default, skip_serializing_if = "is_false")]
    pub kind_confirmed: bool,
    /// The id of the report resource (Table 1 row) this metric feeds.
    #[serde(default)]
    pub resource: Option<String>,
    /// True when the user chose or confirmed the resource (or none).
    #[serde(default, skip_serializing_if = "is_false")]
    pub resource_confirmed: bool,
    /// The user's unit; `None` means the resource's unit, or one implied by
    /// the kind (users, countries).
    #[serde(rename = "unit", default, skip_serializing_if = "Option::is_none")]
    pub unit_choice: Option<String>,
    #[serde(default)]
    pub baseline: Cell,
    /// "Define how measurement is done".
    #[serde(default)]
    pub method: String,
    /// One cell per period column of the report, in the same order.
    #[serde(default)]
    pub values: Vec<Cell>,
    /// The TOT column.
    #[serde(default)]
    pub total: Cell,
    /// True when the TOT follows the periods: every edit writes the TOT the
    /// kind computes (see `edit::computed_total`) instead of a typed one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub total_follows: bool,
    /// Where imported cells came from, by [`super::source::source_key`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, CellSource>,
}

fn default_kind() -> MetricKind {
    MetricKind::Quantity
}

fn is_false(value: &bool) -> bool {
    !value
}

impl Metric {
    /// A metric whose kind is guessed from its name; no resource until the
    /// report's guesses are refreshed.
    pub fn new(name: impl Into<String>, period_count: usize) -> Self {
        let name = name.into();
        Self {
            kind: super::inference::infer_kind(&name, &[]),
            name,
            kind_confirmed: false,
            resource: None,
            resource_confirmed: false,
            unit_choice: None,
            baseline: Cell::blank(),
            method: String::new(),
            values: vec![Cell::blank(); period_count],
            total: Cell::blank(),
            total_follows: false,
            sources: BTreeMap::new(),
        }
    }

    pub fn kind(&self) -> MetricKind {
        self.kind
    }

    /// The id of the resource this metric feeds, if any.
    pub fn resource(&self) -> Option<&str> {
        self.resource.as_deref()
    }

    /// Whether this metric's periods add to its resource's consumption.
    pub fn consumes(&self, resource_id: &str) -> bool {
        self.kind == MetricKind::Quantity && self.resource() == Some(resource_id)
    }

    /// The unit implied by the metric alone (the user's unit, or users and
    /// countries for counts); `None` when the resource's unit applies.
    pub fn own_unit(&self) -> Option<String> {
        if let Some(unit) = &self.unit_choice {
            return Some(unit.clone());
        }
        let name = self.name.to_lowercase();
        match self.kind {
            MetricKind::CountryCount | MetricKind::CountryList => Some("countries".to_owned()),
            MetricKind::DistinctCount if name.contains("user") => Some("users".to_owned()),
            _ => None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn a_new_metric_guesses_its_kind_from_its_name() {
        assert_eq!(
            Metric::new("Number of users", 3).kind(),
            MetricKind::DistinctCount
        );
        assert_eq!(Metric::new("Jobs run", 3).kind(), MetricKind::Quantity);
        assert!(!Metric::new("Jobs run", 3).kind_confirmed);
    }

    #[test]
    fn counts_have_a_unit_of_their_own() {
        assert_eq!(
            Metric::new("Number of users", 3).own_unit().as_deref(),
            Some("users")
        );
        assert_eq!(Metric::new("CPU/hours served", 3).own_unit(), None);
    }

    #[test]
    fn only_quantities_consume_their_resource() {
        let mut metric = Metric::new("Disk used", 2);
        metric.resource = Some("disk".to_owned());
        assert!(metric.consumes("disk"));
        metric.kind = MetricKind::LevelLast;
        assert!(!metric.consumes("disk"));
    }
}

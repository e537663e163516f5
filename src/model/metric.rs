//! A metric row of an installation's table, and what kind of number it holds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::cell::Cell;
use super::source::CellSource;

/// What a metric's numbers mean; decides what its TOT must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Additive (CPU-hours, TB-month, models developed): TOT = sum of periods.
    Quantity,
    /// Not additive (users, countries): max(periods) <= TOT <= sum(periods).
    DistinctCount,
    /// Sets of country codes; the matching count row should agree.
    CountryList,
    /// Free text; nothing to add up.
    Text,
}

impl MetricKind {
    pub const ALL: [Self; 4] = [
        Self::Quantity,
        Self::DistinctCount,
        Self::CountryList,
        Self::Text,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Quantity => "Quantity",
            Self::DistinctCount => "Distinct count",
            Self::CountryList => "Country list",
            Self::Text => "Text",
        }
    }

    /// Infers the kind from the metric's name, the way a reader would:
    /// "name(s) of"/"list of" makes a list (of countries when "countr" is
    /// named, else text); "user", "countr", "unique", "distinct",
    /// "institution", "organisation"/"organization" make a distinct count;
    /// anything else is a quantity. Words are matched ignoring ASCII case.
    pub fn infer(name: &str) -> Self {
        // One pass over the bytes, dispatching on the first letter: checks
        // infer the kind of every metric in every rule, so this must be cheap.
        let bytes = name.as_bytes();
        let (mut list, mut country, mut distinct) = (false, false, false);
        for start in 0..bytes.len() {
            let Some(rest) = bytes.get(start..) else {
                break;
            };
            let at = |word: &[u8]| {
                rest.get(..word.len())
                    .is_some_and(|part| part.eq_ignore_ascii_case(word))
            };
            match rest.first().map(u8::to_ascii_lowercase) {
                Some(b'c') if at(b"countr") => country = true,
                Some(b'u') if at(b"user") || at(b"unique") => distinct = true,
                Some(b'd') if at(b"distinct") => distinct = true,
                Some(b'i') if at(b"institution") => distinct = true,
                Some(b'o') if at(b"organisation") || at(b"organization") => distinct = true,
                Some(b'n') if at(b"name of") || at(b"names of") => list = true,
                Some(b'l') if at(b"list of") => list = true,
                _ => {}
            }
        }
        if list {
            if country {
                Self::CountryList
            } else {
                Self::Text
            }
        } else if distinct || country {
            Self::DistinctCount
        } else {
            Self::Quantity
        }
    }
}

/// The resource a quantity consumes; links installations to the cumulative table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    Cpu,
    Gpu,
    Storage,
    Other,
}

impl Resource {
    pub const ALL: [Self; 4] = [Self::Cpu, Self::Gpu, Self::Storage, Self::Other];

    pub fn label(self) -> &'static str {
        match self {
            Self::Cpu => "CPU",
            Self::Gpu => "GPU",
            Self::Storage => "Storage",
            Self::Other => "Other",
        }
    }

    /// The unit the report counts this resource in.
    pub fn default_unit(self) -> &'static str {
        match self {
            Self::Cpu => "CPU-h",
            Self::Gpu => "GPU-h",
            Self::Storage => "TB-month",
            Self::Other => "",
        }
    }

    /// Infers the resource from a metric or row name: the first of CPU/GPU
    /// named decides ("GPU node/hours ... with 2 CPU" is GPU), unless both are
    /// named together ("CPU+GPU-hours", "CPU/GPU hours"), which is neither.
    pub fn infer(name: &str) -> Self {
        let upper = name.to_uppercase();
        if [
            "CPU+GPU", "CPU/GPU", "GPU+CPU", "GPU/CPU", "CPU-GPU", "GPU-CPU",
        ]
        .iter()
        .any(|both| upper.contains(both))
        {
            return Self::Other;
        }
        let cpu = upper.find("CPU");
        let gpu = upper.find("GPU");
        match (cpu, gpu) {
            (Some(c), Some(g)) if g < c => Self::Gpu,
            (Some(_), _) => Self::Cpu,
            (None, Some(_)) => Self::Gpu,
            (None, None) => {
                let storage_words = ["STORAGE", "TB/MONTH", "TB-MONTH", "TBYTE", "TB MONTH"];
                if storage_words.iter().any(|word| upper.contains(word)) {
                    Self::Storage
                } else {
                    Self::Other
                }
            }
        }
    }
}

/// One row of a metrics table:
/// `Metric name | Baseline | Define how measurement is done | <periods> | TOT`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub name: String,
    /// The user's choice of kind; `None` means inferred from the name.
    #[serde(rename = "kind", default, skip_serializing_if = "Option::is_none")]
    pub kind_choice: Option<MetricKind>,
    /// The user's choice of resource; `None` means inferred from the name.
    #[serde(rename = "resource", default, skip_serializing_if = "Option::is_none")]
    pub resource_choice: Option<Resource>,
    /// The user's unit; `None` means inferred from kind and resource.
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
    /// Where imported cells came from, by [`super::source::source_key`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, CellSource>,
}

impl Metric {
    pub fn new(name: impl Into<String>, period_count: usize) -> Self {
        Self {
            name: name.into(),
            kind_choice: None,
            resource_choice: None,
            unit_choice: None,
            baseline: Cell::blank(),
            method: String::new(),
            values: vec![Cell::blank(); period_count],
            total: Cell::blank(),
            sources: BTreeMap::new(),
        }
    }

    pub fn kind(&self) -> MetricKind {
        self.kind_choice
            .unwrap_or_else(|| MetricKind::infer(&self.name))
    }

    /// The resource this metric consumes; only quantities consume one.
    pub fn resource(&self) -> Resource {
        if let Some(resource) = self.resource_choice {
            return resource;
        }
        match self.kind() {
            MetricKind::Quantity => Resource::infer(&self.name),
            _ => Resource::Other,
        }
    }

    pub fn unit(&self) -> String {
        if let Some(unit) = &self.unit_choice {
            return unit.clone();
        }
        let name = self.name.to_lowercase();
        match self.kind() {
            MetricKind::Quantity => self.resource().default_unit().to_owned(),
            MetricKind::DistinctCount if name.contains("countr") => "countries".to_owned(),
            MetricKind::DistinctCount if name.contains("user") => "users".to_owned(),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    fn check_kind(name: &str, expected: MetricKind) {
        assert_eq!(MetricKind::infer(name), expected, "kind of {name:?}");
    }

    #[test]
    fn kinds_of_the_seed_metric_names() {
        use MetricKind::*;
        let table = [
            ("Number of AI models developed", Quantity),
            ("Number of AI models trained", Quantity),
            ("ML training cycles (CPU+GPU-hours)", Quantity),
            ("Number of countries reach", DistinctCount),
            ("Names of countries reach", CountryList),
            ("Names of the countries reached over last year", CountryList),
            ("Number of countries reached over the period", DistinctCount),
            ("Number of users", DistinctCount),
            ("Number of unique users", DistinctCount),
            ("CPU node/hours served over the period", Quantity),
            ("TB/month served over the period", Quantity),
            ("Storage served over the period", Quantity),
            (
                "Number of AI applications hosted via the iMagine platform",
                Quantity,
            ),
            ("Names of the partner projects", Text),
        ];
        for (name, kind) in table {
            check_kind(name, kind);
        }
    }

    #[test]
    fn resources_of_the_seed_metric_names() {
        use Resource::*;
        let table = [
            ("CPU node/hours served over the period", Cpu),
            ("CPU/hours served over the period", Cpu),
            ("GPU node/hours served over the period", Gpu),
            (
                "GPU node/hours served over the period with 2 CPU, 40 core and 4 GPU (V100)",
                Gpu,
            ),
            ("ML training cycles (CPU+GPU-hours)", Other),
            (
                "ML application usage cycles, measured in CPU/GPU hours",
                Other,
            ),
            ("TB/month served over the period", Storage),
            ("Storage served over the period", Storage),
            ("Number of AI models developed", Other),
        ];
        for (name, resource) in table {
            assert_eq!(Resource::infer(name), resource, "resource of {name:?}");
        }
    }

    #[test]
    fn counts_have_no_resource_and_a_unit() {
        let metric = Metric::new("Number of users", 3);
        assert_eq!(metric.resource(), Resource::Other);
        assert_eq!(metric.unit(), "users");
        let metric = Metric::new("CPU/hours served over the period", 3);
        assert_eq!(metric.unit(), "CPU-h");
    }

    #[test]
    fn the_users_choice_wins_over_inference() {
        let mut metric = Metric::new("Number of AI models developed", 3);
        metric.kind_choice = Some(MetricKind::DistinctCount);
        assert_eq!(metric.kind(), MetricKind::DistinctCount);
    }
}

//! Table 1: cumulative resource consumption against the budget. Its rows
//! are the report's resources: each has an id that metrics point at, a
//! short name, a unit and a budget.

use serde::{Deserialize, Serialize};

use super::cell::Cell;

/// A "USED BY M12 (Aug 2023)" column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub month: u32,
    pub label: String,
}

/// One resource of the report and its Table 1 row: budget and cumulative
/// use at every checkpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CumulativeRow {
    /// Stable key that metrics point at; unique in the report.
    pub id: String,
    /// Short name in messages, plots and menus ("CPU", "Archive").
    pub label: String,
    /// The row's name as Table 1 prints it.
    pub name: String,
    /// Free text ("CPU-h", "TB-month", "PB", "jobs").
    pub unit: String,
    #[serde(default)]
    pub budget: Cell,
    /// One cell per checkpoint, in the same order.
    #[serde(default)]
    pub used: Vec<Cell>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CumulativeTable {
    #[serde(default)]
    pub caption: String,
    #[serde(default = "default_unit_header")]
    pub unit_header: String,
    #[serde(default = "default_budget_header")]
    pub budget_header: String,
    #[serde(default)]
    pub checkpoints: Vec<Checkpoint>,
    #[serde(default)]
    pub rows: Vec<CumulativeRow>,
}

fn default_unit_header() -> String {
    "UNIT".to_owned()
}

fn default_budget_header() -> String {
    "TOTAL BUDGETED IN THE PROJECT".to_owned()
}

impl CumulativeRow {
    pub fn new(
        id: impl Into<String>,
        label: impl Into<String>,
        name: impl Into<String>,
        unit: impl Into<String>,
        checkpoint_count: usize,
    ) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            name: name.into(),
            unit: unit.into(),
            budget: Cell::blank(),
            used: vec![Cell::blank(); checkpoint_count],
        }
    }

    /// A resource with the usual Table 1 row name, "CPU (CPU-h) -
    /// Accumulative", and an id made from its label.
    pub fn named(label: &str, unit: &str, checkpoint_count: usize) -> Self {
        let name = if unit.is_empty() {
            format!("{label} - Accumulative")
        } else {
            format!("{label} ({unit}) - Accumulative")
        };
        Self::new(id_from_label(label), label, name, unit, checkpoint_count)
    }
}

/// A lower-case id made of the label's letters and digits joined by `-`.
pub fn id_from_label(label: &str) -> String {
    let id = label
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if id.is_empty() {
        "resource".to_owned()
    } else {
        id
    }
}

impl CumulativeTable {
    /// The resource (row) with this id.
    pub fn resource(&self, id: &str) -> Option<&CumulativeRow> {
        self.rows.iter().find(|row| row.id == id)
    }

    /// The row index of the resource with this id.
    pub fn resource_index(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|row| row.id == id)
    }

    /// An id for a new resource labelled `label`, unique in this table.
    pub fn unique_id(&self, label: &str) -> String {
        let base = id_from_label(label);
        let mut id = base.clone();
        let mut n = 2;
        while self.resource(&id).is_some() {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

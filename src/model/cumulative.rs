//! Table 1: cumulative resource consumption against the budget.

use serde::{Deserialize, Serialize};

use super::cell::Cell;
use super::metric::Resource;

/// A "USED BY M12 (Aug 2023)" column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub month: u32,
    pub label: String,
}

/// One resource row: budget and cumulative use at every checkpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CumulativeRow {
    pub name: String,
    pub resource: Resource,
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
    pub fn new(resource: Resource, checkpoint_count: usize) -> Self {
        let unit = resource.default_unit().to_owned();
        Self {
            name: format!("{} ({unit}) - Accumulative", resource.label()),
            resource,
            unit,
            budget: Cell::blank(),
            used: vec![Cell::blank(); checkpoint_count],
        }
    }
}

//! An installation: a named service with its description, metrics and assessment.

use serde::{Deserialize, Serialize};

use super::metric::Metric;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Installation {
    pub name: String,
    /// One text per description field of the report, in the same order.
    #[serde(default)]
    pub description: Vec<String>,
    #[serde(default)]
    pub metrics: Vec<Metric>,
    #[serde(default)]
    pub assessment: String,
}

impl Installation {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// The text of description field `index`; empty when not written.
    pub fn description_text(&self, index: usize) -> &str {
        self.description.get(index).map_or("", String::as_str)
    }
}

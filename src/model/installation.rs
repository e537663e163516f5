//! An installation: a named service with its description, metrics and assessment.

use serde::{Deserialize, Serialize};

use super::description::Description;
use super::metric::Metric;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Installation {
    pub name: String,
    #[serde(default)]
    pub description: Description,
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
}

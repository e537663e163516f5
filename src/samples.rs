//! The built-in sample reports, embedded from `assets/`.
//!
//! Values are transcribed exactly as the real deliverables print them,
//! mistakes included, so that the checks have real contradictions to find.

use crate::model::Report;
use crate::project_file::{ContentError, from_json};

const M36_JSON: &str = include_str!("../assets/sample-m36.json");
const M24_JSON: &str = include_str!("../assets/sample-m24.json");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sample {
    /// The final (M36) assessment: 11 installations with all their tables.
    M36,
    /// The M24 assessment: half-year periods; its metric tables were lost.
    M24,
}

impl Sample {
    pub fn title(self) -> &'static str {
        match self {
            Self::M36 => "Built-in sample: M36 final assessment",
            Self::M24 => "Built-in sample: M24 assessment",
        }
    }

    pub fn report(self) -> Result<Report, ContentError> {
        from_json(match self {
            Self::M36 => M36_JSON,
            Self::M24 => M24_JSON,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_samples_load() {
        assert_eq!(Sample::M36.report().unwrap().installations.len(), 11);
        assert_eq!(Sample::M24.report().unwrap().periods.len(), 2);
    }
}

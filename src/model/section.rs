//! Prose sections of the report: executive summary, introduction, conclusion...

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Abstract,
    ExecutiveSummary,
    Introduction,
    Analysis,
    Conclusion,
    Other,
}

impl SectionKind {
    pub const ALL: [Self; 6] = [
        Self::Abstract,
        Self::ExecutiveSummary,
        Self::Introduction,
        Self::Analysis,
        Self::Conclusion,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Abstract => "Abstract",
            Self::ExecutiveSummary => "Executive summary",
            Self::Introduction => "Introduction",
            Self::Analysis => "Analysis",
            Self::Conclusion => "Conclusion",
            Self::Other => "Other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub kind: SectionKind,
    pub title: String,
    pub text: String,
}

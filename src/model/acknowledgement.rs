//! A finding the writer has looked at and accepted, with the reason why.
//! Keyed by names (rule id, installation, metric, column), not indices, so
//! that it still points at the same cell after rows move.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    /// The rule id of the finding (`total-quantity-sum`).
    pub rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Why the finding is accepted as it stands.
    pub reason: String,
}

//! A provider's names mapped by hand to the report's: remembered so the
//! next import of that provider's file matches by itself.

use serde::{Deserialize, Serialize};

/// "This provider's `Core h` is that installation's `CPU hours`", or "this
/// sheet is that installation". Names, not indices, so a mapping survives
/// rows moving; a name that no longer exists is simply not used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportMapping {
    /// The installation as the file names it (a title, a sheet, a cell);
    /// empty when the mapping is for a metric of any file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_installation: String,
    /// The metric as the file names it; empty for an installation mapping.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_metric: String,
    /// The report's installation.
    pub installation: String,
    /// The report's metric; empty for an installation mapping.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub metric: String,
}

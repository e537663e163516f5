//! Where an imported cell came from: file, sheet and A1 cell.

use serde::{Deserialize, Serialize};

use super::address::MetricColumn;
use super::calendar::Period;

/// The provider cell a metric cell was imported from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellSource {
    /// The file name as the user gave it (no directory).
    pub file: String,
    pub sheet: String,
    /// `B7`; for summed records, the first and last rows (`D2:D13`).
    pub cell: String,
    /// The text the import wrote, to tell whether the cell was edited since.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub imported: String,
}

impl CellSource {
    /// `INCD.xlsx, sheet INCD - CPU, cell D7`.
    pub fn describe(&self) -> String {
        format!("{}, sheet {}, cell {}", self.file, self.sheet, self.cell)
    }
}

/// The key under which a metric keeps the source of one of its cells: stable
/// when installations or metrics move (the map lives on the metric) and when a
/// period is relabelled (periods are keyed by their months).
pub fn source_key(column: MetricColumn, periods: &[Period]) -> Option<String> {
    match column {
        MetricColumn::Baseline => Some("baseline".to_owned()),
        MetricColumn::Total => Some("total".to_owned()),
        MetricColumn::Period(index) => periods.get(index).map(|period| period.months.label()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_months_not_the_label() {
        let mut period = Period::new(25, 36);
        period.label = "PY3".to_owned();
        let periods = vec![Period::new(1, 12), period];
        assert_eq!(
            source_key(MetricColumn::Period(1), &periods).as_deref(),
            Some("M25-M36")
        );
        assert_eq!(source_key(MetricColumn::Period(2), &periods), None);
        assert_eq!(
            source_key(MetricColumn::Total, &periods).as_deref(),
            Some("total")
        );
    }
}

//! Report > Start next period: one undo step that adds the next period
//! column to every installation and the next checkpoint to Table 1.

use super::Edit;
use crate::model::Report;
use crate::model::new_report::{checkpoint, next_period};

/// The edit that starts the report's next period: a blank column after the
/// last period in every metrics table, and a blank Table 1 checkpoint at its
/// last month (unless Table 1 has one there already). Descriptions, values
/// and totals stay as they are.
pub fn start_next_period(report: &Report) -> Edit {
    let period = next_period(&report.periods);
    let month = period.months.last;
    let label = format!("start period {}", period.label);
    let mut edits = vec![Edit::InsertPeriod {
        index: report.periods.len(),
        period,
        values: Vec::new(),
    }];
    let checkpoints = &report.cumulative.checkpoints;
    if !checkpoints.iter().any(|c| c.month == month) {
        let index = checkpoints
            .iter()
            .position(|c| c.month > month)
            .unwrap_or(checkpoints.len());
        edits.push(Edit::InsertCheckpoint {
            index,
            checkpoint: checkpoint(report.project_start, month),
            values: Vec::new(),
        });
    }
    Edit::Batch { label, edits }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::edit::Document;
    use crate::samples::Sample;

    #[test]
    fn the_m24_sample_gets_its_third_half_year_in_one_step() {
        let report = Sample::M24.report().unwrap();
        let mut document = Document::new(report.clone());
        document.apply(start_next_period(&report)).unwrap();
        let after = document.report();
        let last = after.periods.last().unwrap();
        assert_eq!(last.label, "M25-M30");
        assert_eq!(after.periods.len(), report.periods.len() + 1);
        assert!(
            after
                .installations
                .iter()
                .flat_map(|i| &i.metrics)
                .all(|m| m.values.len() == after.periods.len()
                    && m.values.last().unwrap().is_blank())
        );
        let checkpoint = after.cumulative.checkpoints.last().unwrap();
        assert_eq!(checkpoint.label, "USED BY M30 (Feb 2025)");
        assert!(
            after
                .cumulative
                .rows
                .iter()
                .all(|r| r.used.last().unwrap().is_blank())
        );
        assert_eq!(document.undo_label(), Some("start period M25-M30"));
        document.undo();
        assert_eq!(document.report(), &report);
    }
}

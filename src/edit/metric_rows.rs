//! Edits of several metric rows at once (a selection in the metrics table):
//! remove them, or move them up or down together as one block. Each is one
//! `Edit::Batch`, so one undo step.

use std::collections::BTreeSet;

use super::Edit;

/// Which way selected rows move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// Removes `rows` of installation `installation`'s metrics table; `None`
/// when there is nothing to remove.
pub fn remove_metrics(installation: usize, rows: &BTreeSet<usize>) -> Option<Edit> {
    if rows.is_empty() {
        return None;
    }
    // From the bottom up, so the indices still to remove do not shift.
    let edits = rows
        .iter()
        .rev()
        .map(|&index| Edit::RemoveMetric {
            installation,
            index,
        })
        .collect();
    Some(Edit::Batch {
        label: match rows.len() {
            1 => "remove metric".to_owned(),
            n => format!("remove {n} metrics"),
        },
        edits,
    })
}

/// Moves `rows` (of a table of `count` rows) one place up or down, each
/// keeping its place among the others: a row already against the table's
/// edge, or against a selected row that cannot move, stays. Returns the
/// edit and where the rows are afterwards; `None` when nothing moves.
pub fn move_metrics(
    installation: usize,
    rows: &BTreeSet<usize>,
    count: usize,
    direction: Direction,
) -> Option<(Edit, BTreeSet<usize>)> {
    let mut placed: BTreeSet<usize> = BTreeSet::new();
    let mut edits = Vec::new();
    let order: Vec<usize> = match direction {
        Direction::Up => rows.iter().copied().collect(),
        Direction::Down => rows.iter().rev().copied().collect(),
    };
    for row in order.into_iter().filter(|&row| row < count) {
        let target = match direction {
            Direction::Up => row.checked_sub(1),
            Direction::Down => (row + 1 < count).then_some(row + 1),
        };
        match target.filter(|t| !placed.contains(t)) {
            Some(to) => {
                edits.push(Edit::MoveMetric {
                    installation,
                    from: row,
                    to,
                });
                placed.insert(to);
            }
            None => {
                placed.insert(row);
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    let label = match rows.len() {
        1 => "move metric".to_owned(),
        n => format!("move {n} metrics"),
    };
    Some((Edit::Batch { label, edits }, placed))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::model::{Installation, Metric, Report, YearMonth};

    fn report(names: &[&str]) -> Report {
        let mut report = Report::empty("Test", YearMonth::new(2024, 1).unwrap(), 2);
        let mut installation = Installation::new("Cluster");
        installation.metrics = names.iter().map(|name| Metric::new(*name, 2)).collect();
        report.installations.push(installation);
        report
    }

    fn names(report: &Report) -> Vec<&str> {
        report.installations[0]
            .metrics
            .iter()
            .map(|m| m.name.as_str())
            .collect()
    }

    fn set(rows: &[usize]) -> BTreeSet<usize> {
        rows.iter().copied().collect()
    }

    #[test]
    fn removing_several_rows_is_one_step_and_undoes_back() {
        let mut report = report(&["a", "b", "c", "d", "e"]);
        let before = report.clone();
        let edit = remove_metrics(0, &set(&[1, 3, 4])).unwrap();
        assert_eq!(edit.label(), "remove 3 metrics");
        let inverse = apply(&mut report, edit).unwrap();
        assert_eq!(names(&report), ["a", "c"]);
        apply(&mut report, inverse).unwrap();
        assert_eq!(report, before);
        assert!(remove_metrics(0, &set(&[])).is_none());
    }

    #[test]
    fn selected_rows_move_as_a_block_and_stop_at_the_edges() {
        let mut report = report(&["a", "b", "c", "d", "e"]);
        let (edit, after) = move_metrics(0, &set(&[1, 2, 4]), 5, Direction::Up).unwrap();
        apply(&mut report, edit).unwrap();
        assert_eq!(names(&report), ["b", "c", "a", "e", "d"]);
        assert_eq!(after, set(&[0, 1, 3]));

        // Row 0 cannot go up; row 1 stays against it; row 3 goes on.
        let (edit, after) = move_metrics(0, &after, 5, Direction::Up).unwrap();
        apply(&mut report, edit).unwrap();
        assert_eq!(names(&report), ["b", "c", "e", "a", "d"]);
        assert_eq!(after, set(&[0, 1, 2]));
        // Against the top edge together: nothing moves.
        assert!(move_metrics(0, &after, 5, Direction::Up).is_none());

        let (edit, after) = move_metrics(0, &set(&[2, 4]), 5, Direction::Down).unwrap();
        apply(&mut report, edit).unwrap();
        assert_eq!(names(&report), ["b", "c", "a", "e", "d"]);
        assert_eq!(after, set(&[3, 4]));
    }
}

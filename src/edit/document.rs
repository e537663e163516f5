//! A report with its undo/redo history and unsaved-changes tracking.

use super::{Edit, EditError, TypingTarget, apply};
use crate::model::Report;

#[derive(Clone, Debug)]
struct Step {
    /// Unique per change; a merged typing step gets a fresh id, so a save in
    /// the middle of a burst still sees later keystrokes as unsaved.
    id: u64,
    label: String,
    /// The edit that takes the report back across this step.
    reverse: Edit,
    typing: Option<TypingTarget>,
}

/// The report being edited. Every change goes through [`Document::apply`] or
/// [`Document::apply_typing`], which is what gives undo, dirty tracking and a
/// revision number that views and checks can watch.
#[derive(Clone, Debug)]
pub struct Document {
    report: Report,
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_id: u64,
    /// Id of the newest undo step when the document was last saved (None: no step).
    saved_at: Option<u64>,
    /// A typing burst that further keystrokes of the same target may join.
    open_burst: Option<TypingTarget>,
    revision: u64,
}

impl Document {
    pub fn new(report: Report) -> Self {
        Self {
            report,
            undo: Vec::new(),
            redo: Vec::new(),
            next_id: 1,
            saved_at: None,
            open_burst: None,
            revision: 0,
        }
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Increases on every change, undo and redo.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// True when the report differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.undo.last().map(|step| step.id) != self.saved_at
    }

    /// Records that the current state is what is on disk.
    pub fn mark_saved(&mut self) {
        self.saved_at = self.undo.last().map(|step| step.id);
    }

    /// Records that nothing of the current state is on disk (e.g. restored
    /// from a recovery file).
    pub fn mark_unsaved(&mut self) {
        self.saved_at = Some(0);
    }

    /// Applies one edit as its own undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.open_burst = None;
        self.apply_step(edit, None)
    }

    /// Applies a keystroke's edit: consecutive text edits of the same target
    /// form one undo step until [`Document::end_typing`] is called.
    pub fn apply_typing(&mut self, edit: Edit) -> Result<(), EditError> {
        let Some(target) = edit.typing_target() else {
            return self.apply(edit);
        };
        let joins_burst = self.open_burst == Some(target)
            && self
                .undo
                .last()
                .is_some_and(|step| step.typing == Some(target));
        if joins_burst {
            apply(&mut self.report, edit)?;
            let id = self.fresh_id();
            if let Some(step) = self.undo.last_mut() {
                step.id = id;
            }
            self.redo.clear();
            self.revision += 1;
            Ok(())
        } else {
            self.open_burst = Some(target);
            self.apply_step(edit, Some(target))
        }
    }

    /// Ends the current typing burst: the next keystroke starts a new step.
    pub fn end_typing(&mut self) {
        self.open_burst = None;
    }

    /// Abandons the typing burst into `target`, restoring the text it had
    /// before the burst (Escape in a cell). False when no such burst is open.
    pub fn cancel_typing(&mut self, target: TypingTarget) -> bool {
        let open = self.open_burst == Some(target)
            && self
                .undo
                .last()
                .is_some_and(|step| step.typing == Some(target));
        if open {
            self.undo();
            self.redo.clear();
        }
        self.open_burst = None;
        open
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// Undoes the newest step. Returns false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        self.open_burst = None;
        let Some(step) = self.undo.pop() else {
            return false;
        };
        match apply(&mut self.report, step.reverse) {
            Ok(forward) => {
                self.redo.push(Step {
                    reverse: forward,
                    ..step
                });
                self.revision += 1;
                true
            }
            // The history was built from this very report; an inverse that no
            // longer fits means the history is unusable, so it is dropped.
            Err(_) => {
                self.undo.clear();
                self.redo.clear();
                false
            }
        }
    }

    /// Redoes the newest undone step. Returns false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        self.open_burst = None;
        let Some(step) = self.redo.pop() else {
            return false;
        };
        match apply(&mut self.report, step.reverse) {
            Ok(reverse) => {
                self.undo.push(Step { reverse, ..step });
                self.revision += 1;
                true
            }
            Err(_) => {
                self.undo.clear();
                self.redo.clear();
                false
            }
        }
    }

    fn apply_step(&mut self, edit: Edit, typing: Option<TypingTarget>) -> Result<(), EditError> {
        let label = edit.label();
        let reverse = apply(&mut self.report, edit)?;
        let id = self.fresh_id();
        self.undo.push(Step {
            id,
            label,
            reverse,
            typing,
        });
        self.redo.clear();
        self.revision += 1;
        Ok(())
    }

    fn fresh_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::model::{
        CellAddress, Installation, Metric, MetricColumn, Period, TextAddress, YearMonth,
    };

    fn report() -> Report {
        let mut report = Report::empty(
            "Test",
            YearMonth {
                year: 2022,
                month: 9,
            },
            3,
        );
        let mut installation = Installation::new("INCD - CPU");
        installation.metrics.push(Metric::new("CPU/hours", 3));
        report.installations.push(installation);
        report
    }

    fn cell(period: usize) -> CellAddress {
        CellAddress::Metric {
            installation: 0,
            metric: 0,
            column: MetricColumn::Period(period),
        }
    }

    fn type_into(document: &mut Document, address: CellAddress, text: &str) {
        document
            .apply_typing(Edit::SetCell {
                address,
                text: text.to_owned(),
            })
            .unwrap();
    }

    fn text_of(document: &Document, period: usize) -> &str {
        document.report().installations[0].metrics[0].values[period].text()
    }

    #[test]
    fn a_typing_burst_is_one_undo_step() {
        let mut document = Document::new(report());
        for text in ["1", "12", "123"] {
            type_into(&mut document, cell(0), text);
        }
        assert_eq!(text_of(&document, 0), "123");
        assert!(document.undo());
        assert_eq!(text_of(&document, 0), "");
        assert!(!document.can_undo());
        assert!(document.redo());
        assert_eq!(text_of(&document, 0), "123");
    }

    #[test]
    fn cancelling_a_burst_restores_the_text_before_it_and_leaves_no_redo() {
        let mut document = Document::new(report());
        type_into(&mut document, cell(0), "7");
        document.end_typing();
        type_into(&mut document, cell(0), "70");
        type_into(&mut document, cell(0), "700");
        assert!(document.cancel_typing(TypingTarget::Cell(cell(0))));
        assert_eq!(text_of(&document, 0), "7");
        assert!(!document.can_redo());
        assert!(
            !document.cancel_typing(TypingTarget::Cell(cell(0))),
            "nothing left to cancel"
        );
        assert_eq!(text_of(&document, 0), "7");
    }

    #[test]
    fn ending_the_burst_or_moving_to_another_cell_starts_a_new_step() {
        let mut document = Document::new(report());
        type_into(&mut document, cell(0), "1");
        document.end_typing();
        type_into(&mut document, cell(0), "12");
        type_into(&mut document, cell(1), "5");
        assert!(document.undo());
        assert_eq!(text_of(&document, 1), "");
        assert!(document.undo());
        assert_eq!(text_of(&document, 0), "1");
    }

    #[test]
    fn dirty_follows_the_saved_point_through_undo_and_redo() {
        let mut document = Document::new(report());
        assert!(!document.is_dirty());
        type_into(&mut document, cell(0), "1");
        assert!(document.is_dirty());
        document.mark_saved();
        assert!(!document.is_dirty());
        type_into(&mut document, cell(0), "12");
        assert!(document.is_dirty(), "a keystroke after saving is unsaved");
        document.undo();
        assert_eq!(text_of(&document, 0), "");
        assert!(document.is_dirty(), "the saved state was \"1\", not blank");
        document.redo();
        assert!(document.is_dirty(), "the saved state was \"1\", not \"12\"");
        document.mark_saved();
        document.undo();
        assert!(document.is_dirty());
        document.redo();
        assert!(!document.is_dirty());
    }

    #[test]
    fn removing_a_period_and_undoing_restores_every_value() {
        let mut document = Document::new(report());
        for period in 0..3 {
            document
                .apply(Edit::SetCell {
                    address: cell(period),
                    text: format!("{}", period + 1),
                })
                .unwrap();
        }
        document.apply(Edit::RemovePeriod { index: 1 }).unwrap();
        assert_eq!(document.report().periods.len(), 2);
        assert_eq!(text_of(&document, 1), "3");
        document.undo();
        assert_eq!(document.report().periods[1].label, "M13-M24");
        assert_eq!(text_of(&document, 1), "2");
    }

    #[test]
    fn inserting_a_period_gives_every_metric_a_blank_cell() {
        let mut document = Document::new(report());
        document
            .apply(Edit::InsertPeriod {
                index: 3,
                period: Period::new(37, 48),
                values: Vec::new(),
            })
            .unwrap();
        assert_eq!(
            document.report().installations[0].metrics[0].values.len(),
            4
        );
        document.undo();
        assert_eq!(
            document.report().installations[0].metrics[0].values.len(),
            3
        );
    }

    #[test]
    fn a_failing_edit_changes_nothing_and_records_nothing() {
        let mut document = Document::new(report());
        let error = document
            .apply(Edit::SetText {
                address: TextAddress::InstallationName(7),
                text: "x".to_owned(),
            })
            .unwrap_err();
        assert_eq!(error.to_string(), "there is no installation number 8");
        assert!(!document.can_undo());
        assert!(!document.is_dirty());
    }

    #[test]
    fn a_failing_batch_is_rolled_back() {
        let mut document = Document::new(report());
        let batch = Edit::Batch {
            label: "paste".to_owned(),
            edits: vec![
                Edit::SetCell {
                    address: cell(0),
                    text: "1".to_owned(),
                },
                Edit::SetCell {
                    address: cell(9),
                    text: "2".to_owned(),
                },
            ],
        };
        assert!(document.apply(batch).is_err());
        assert_eq!(text_of(&document, 0), "");
    }

    #[test]
    fn moving_installations_undoes() {
        let mut document = Document::new(report());
        document
            .apply(Edit::InsertInstallation {
                index: 1,
                installation: Box::new(Installation::new("B")),
            })
            .unwrap();
        document
            .apply(Edit::MoveInstallation { from: 1, to: 0 })
            .unwrap();
        assert_eq!(document.report().installations[0].name, "B");
        document.undo();
        assert_eq!(document.report().installations[0].name, "INCD - CPU");
    }
}

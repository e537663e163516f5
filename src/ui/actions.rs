//! What the drawing code asks for. Panels only read the model and push
//! actions; the app applies them after drawing, in order.

use std::path::PathBuf;

use super::app::View;
use super::commands::UiCommand;
use super::settings::ThemeChoice;
use crate::edit::{Edit, TypingTarget};
use crate::export::tables::TableKind;
use crate::model::NumberStyle;

#[derive(Clone, Debug)]
pub enum Action {
    /// A change that is one undo step of its own.
    Edit(Edit),
    /// Puts the findings panel there in the kind of view on screen.
    DockFindings(super::FindingsDock),
    /// A keystroke's change; joins the current typing burst.
    Type(Edit),
    /// Focus left a text field: the next keystroke starts a new undo step.
    EndTyping,
    /// Escape: drop the open typing burst into this target, restoring its text.
    CancelTyping(TypingTarget),
    Command(UiCommand),
    Select(View),
    /// Shows an installation with the cursor on a cell of its metrics grid
    /// (`column` counts the grid's columns, name first).
    SelectCell {
        installation: usize,
        row: usize,
        column: usize,
    },
    /// Shows a cell and puts the cursor on it without taking the keyboard
    /// (a search hit: typing stays in the search field).
    RevealCell {
        installation: usize,
        row: usize,
        column: usize,
    },
    OpenFile(PathBuf),
    SetTheme(ThemeChoice),
    SetNumberStyle(NumberStyle),
    /// Put a table on the clipboard as HTML and TSV.
    CopyTable(TableKind),
    /// Applies the fix of the finding with this index (in the findings view).
    FixFinding(usize),
    /// Opens the Acknowledge dialog for the finding with this index.
    AcknowledgeFinding(usize),
    /// Inserts a copy of a metric below it.
    DuplicateMetric {
        installation: usize,
        metric: usize,
    },
    /// Inserts a copy of an installation after it.
    DuplicateInstallation(usize),
    /// A line for the status bar.
    Status(String),
    /// A block of cells (tab-separated text) pasted at a metric grid cell.
    PasteCells {
        installation: usize,
        row: usize,
        column: usize,
        text: String,
    },
}

/// The actions of one frame.
#[derive(Debug, Default)]
pub struct Actions(Vec<Action>);

impl Actions {
    pub fn push(&mut self, action: Action) {
        self.0.push(action);
    }

    pub fn edit(&mut self, edit: Edit) {
        self.push(Action::Edit(edit));
    }

    pub fn typed(&mut self, edit: Edit) {
        self.push(Action::Type(edit));
    }

    pub fn take(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.0)
    }
}

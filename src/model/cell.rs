//! A table cell: the text exactly as written, and what it means.

use serde::{Deserialize, Serialize};

use super::value::{CellValue, DecimalMark, parse_cell};

/// A cell keeps the text exactly as the writer typed it (spaces included) and
/// its parsed value. Only the text is stored in project files; the value is
/// derived on load, so the two can never disagree.
///
/// The value depends on the report's [`DecimalMark`]: [`Cell::new`] reads
/// with a decimal point, [`Cell::parsed`] with a given mark. Every cell that
/// enters a report is read again with the report's mark (on load by
/// `Report::fit_shape`, on every edit by `edit::apply`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct Cell {
    text: String,
    value: CellValue,
}

impl Cell {
    /// A cell of a decimal-point report.
    pub fn new(text: impl Into<String>) -> Self {
        Self::parsed(text, DecimalMark::Point)
    }

    /// A cell of a report written with `mark`.
    pub fn parsed(text: impl Into<String>, mark: DecimalMark) -> Self {
        let text = text.into();
        let value = parse_cell(&text, mark);
        Self { text, value }
    }

    /// Reads the text again with `mark`; the text does not change.
    pub fn reread(&mut self, mark: DecimalMark) {
        self.value = parse_cell(&self.text, mark);
    }

    pub fn blank() -> Self {
        Self::new(String::new())
    }

    /// The text exactly as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn value(&self) -> &CellValue {
        &self.value
    }

    /// The numeric value, when the cell holds a number.
    pub fn number(&self) -> Option<f64> {
        self.value.number()
    }

    pub fn is_blank(&self) -> bool {
        matches!(self.value, CellValue::Blank)
    }
}

impl Default for Cell {
    fn default() -> Self {
        Self::blank()
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl From<Cell> for String {
    fn from(cell: Cell) -> Self {
        cell.text
    }
}

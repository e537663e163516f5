//! Text fields bound to a report text: each keystroke becomes an edit.

use super::actions::{Action, Actions};
use crate::edit::Edit;
use crate::model::TextAddress;

/// A text field showing `current`; changes are pushed as typing edits of
/// `address`, and leaving the field ends the typing burst.
pub fn text_field_ui(
    ui: &mut egui::Ui,
    actions: &mut Actions,
    address: TextAddress,
    current: &str,
    rows: usize,
    accessible_name: &str,
) -> egui::Response {
    let mut text = current.to_owned();
    let editor = if rows > 1 {
        egui::TextEdit::multiline(&mut text).desired_rows(rows)
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let response = ui
        .add(
            editor
                .id_salt(("text-field", address))
                .desired_width(f32::INFINITY),
        )
        .accessible_name(accessible_name);
    if response.changed() {
        actions.typed(Edit::SetText { address, text });
    }
    if response.lost_focus() {
        actions.push(Action::EndTyping);
    }
    response
}

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
    sized_text_field_ui(
        ui,
        actions,
        address,
        current,
        rows,
        accessible_name,
        f32::INFINITY,
    )
}

/// [`text_field_ui`] with a chosen width, for fields inside grids.
pub fn sized_text_field_ui(
    ui: &mut egui::Ui,
    actions: &mut Actions,
    address: TextAddress,
    current: &str,
    rows: usize,
    accessible_name: &str,
    width: f32,
) -> egui::Response {
    let mut text = current.to_owned();
    let editor = if rows > 1 {
        egui::TextEdit::multiline(&mut text).desired_rows(rows)
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let editor = editor.id_salt(("text-field", address)).desired_width(width);
    let response = if width.is_finite() {
        // Inside a grid the column would otherwise clamp the field to its
        // width of the previous frame.
        let text_height = ui.text_style_height(&egui::TextStyle::Body) * rows as f32 + 6.0;
        let height = ui.spacing().interact_size.y.max(text_height);
        ui.add_sized([width, height], editor)
    } else {
        ui.add(editor)
    }
    .accessible_name(accessible_name);
    if response.changed() {
        actions.typed(Edit::SetText { address, text });
    }
    if response.lost_focus() {
        actions.push(Action::EndTyping);
    }
    response
}

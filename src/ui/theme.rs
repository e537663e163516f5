//! Colours and sizes used across the window, in one place.

use egui::Color32;

/// Row height of the editable tables.
pub const ROW_HEIGHT: f32 = 24.0;

/// Background of the cell being edited.
pub fn active_cell_fill(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(30, 60, 95)
    } else {
        Color32::from_rgb(220, 235, 252)
    }
}

/// Text colour for secondary information (units, hints, counts).
pub fn weak_text(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_gray(150)
    } else {
        Color32::from_gray(110)
    }
}

/// Marker colour for a value the parser kept as written but flagged
/// (a suspicious country code, text where a number belongs).
pub fn flagged_value(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(240, 180, 80)
    } else {
        Color32::from_rgb(176, 104, 0)
    }
}

/// The unsaved-changes marker in the title and the status bar.
pub const UNSAVED_MARKER: &str = "•";

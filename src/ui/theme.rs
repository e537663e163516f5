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

/// The dot before a finding in the findings list.
pub const FINDING_MARKER: &str = "•";

/// Marker and text colour of a finding of `severity`: the cell's corner
/// mark, the dot in the findings list, the badge in the sidebar.
pub fn finding_marker(severity: crate::check::Severity, dark_mode: bool) -> Color32 {
    use crate::check::Severity;
    match (severity, dark_mode) {
        (Severity::Error, false) => Color32::from_rgb(196, 30, 30),
        (Severity::Error, true) => Color32::from_rgb(255, 110, 100),
        (Severity::Warning, false) => Color32::from_rgb(176, 104, 0),
        (Severity::Warning, true) => Color32::from_rgb(240, 180, 80),
        (Severity::Info, false) => Color32::from_rgb(30, 100, 190),
        (Severity::Info, true) => Color32::from_rgb(120, 175, 245),
    }
}

/// Background tint of a cell with a finding of `severity`; light enough to
/// keep the text readable in either mode.
pub fn finding_fill(severity: crate::check::Severity, dark_mode: bool) -> Color32 {
    use crate::check::Severity;
    match (severity, dark_mode) {
        (Severity::Error, false) => Color32::from_rgb(253, 222, 222),
        (Severity::Error, true) => Color32::from_rgb(96, 36, 36),
        (Severity::Warning, false) => Color32::from_rgb(253, 239, 207),
        (Severity::Warning, true) => Color32::from_rgb(88, 66, 24),
        (Severity::Info, false) => Color32::from_rgb(226, 236, 250),
        (Severity::Info, true) => Color32::from_rgb(34, 52, 80),
    }
}

/// Text and marks of acknowledged findings: greyed.
pub fn acknowledged_text(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_gray(120)
    } else {
        Color32::from_gray(150)
    }
}

/// Background of a cell whose findings are all acknowledged.
pub fn acknowledged_fill(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_gray(48)
    } else {
        Color32::from_gray(236)
    }
}

/// Plot colours (Okabe-Ito hues, told apart with colour blindness), one
/// shade for each mode so that lines stand out on either background.
pub mod plot {
    use egui::Color32;

    /// Cumulative use as Table 1 gives it.
    pub fn used(dark_mode: bool) -> Color32 {
        if dark_mode {
            Color32::from_rgb(86, 180, 233)
        } else {
            Color32::from_rgb(0, 84, 147)
        }
    }

    /// The running sum of the installations' tables.
    pub fn running_sum(dark_mode: bool) -> Color32 {
        if dark_mode {
            Color32::from_rgb(240, 150, 60)
        } else {
            Color32::from_rgb(213, 94, 0)
        }
    }

    /// Budget and baseline lines.
    pub fn target(dark_mode: bool) -> Color32 {
        if dark_mode {
            Color32::from_gray(210)
        } else {
            Color32::from_gray(50)
        }
    }

    /// The point where use crossed the budget.
    pub fn crossing(dark_mode: bool) -> Color32 {
        if dark_mode {
            Color32::from_rgb(255, 220, 90)
        } else {
            Color32::BLACK
        }
    }

    /// Bars of one metric.
    pub fn bar(dark_mode: bool) -> Color32 {
        if dark_mode {
            Color32::from_rgb(110, 150, 200)
        } else {
            Color32::from_rgb(120, 150, 185)
        }
    }

    /// Layer `index` of a stack, light and dark alternating.
    pub fn layer(index: usize, dark_mode: bool) -> Color32 {
        const LIGHT: [(u8, u8, u8); 8] = [
            (86, 180, 233),
            (0, 84, 147),
            (240, 228, 66),
            (213, 94, 0),
            (0, 158, 115),
            (90, 90, 90),
            (230, 159, 0),
            (204, 121, 167),
        ];
        const DARK: [(u8, u8, u8); 8] = [
            (86, 180, 233),
            (40, 120, 200),
            (240, 228, 66),
            (230, 110, 30),
            (0, 178, 135),
            (170, 170, 170),
            (230, 159, 0),
            (204, 121, 167),
        ];
        let palette = if dark_mode { DARK } else { LIGHT };
        let (r, g, b) = palette
            .get(index % palette.len())
            .copied()
            .unwrap_or((128, 128, 128));
        Color32::from_rgb(r, g, b)
    }
}

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
        Color32::from_rgb(150, 85, 0)
    }
}

/// Text on a tinted cell (a finding's fill, an acknowledged fill) and on
/// the sidebar's count badges: near black or near white, so that it reads
/// at 4.5:1 or better on every tint.
pub fn marked_text(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_gray(240)
    } else {
        Color32::from_gray(20)
    }
}

/// The ordinary text colour of labels: egui's dark default (grey 140) is
/// 3.4:1 on a tinted cell, so the dark theme's text is lighter.
pub fn body_text(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_gray(200)
    } else {
        Color32::from_gray(60)
    }
}

/// Makes egui's visuals of both themes use [`body_text`].
pub fn install(ctx: &egui::Context) {
    for (theme, dark) in [(egui::Theme::Dark, true), (egui::Theme::Light, false)] {
        ctx.style_mut_of(theme, |style| {
            style.visuals.widgets.noninteractive.fg_stroke.color = body_text(dark);
        });
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
        (Severity::Warning, false) => Color32::from_rgb(150, 85, 0),
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

/// Text and marks of acknowledged findings: greyed, still 4.5:1.
pub fn acknowledged_text(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_gray(150)
    } else {
        Color32::from_gray(105)
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

#[cfg(test)]
/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    fn channel(value: u8) -> f32 {
        let c = f32::from(value) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    fn luminance(colour: Color32) -> f32 {
        0.2126 * channel(colour.r()) + 0.7152 * channel(colour.g()) + 0.0722 * channel(colour.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
/// `colour` painted over `base`: egui's faint colours are additive
/// (alpha 0), others premultiplied.
fn over(base: Color32, colour: Color32) -> Color32 {
    let alpha = u16::from(colour.a());
    let mix = |b: u8, c: u8| -> u8 {
        let value = u16::from(c) + u16::from(b) * (255 - alpha) / 255;
        u8::try_from(value.min(255)).unwrap_or(255)
    };
    Color32::from_rgb(
        mix(base.r(), colour.r()),
        mix(base.g(), colour.g()),
        mix(base.b(), colour.b()),
    )
}

#[cfg(test)]
/// Every pair of text and background colour the window draws, by name,
/// for one theme: what the contrast test checks.
pub fn text_pairs(dark_mode: bool) -> Vec<(String, Color32, Color32)> {
    use crate::check::Severity;
    let visuals = if dark_mode {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    let text = body_text(dark_mode);
    let backgrounds = [
        ("panel", visuals.panel_fill),
        ("window", visuals.window_fill),
        (
            "striped row",
            over(visuals.panel_fill, visuals.faint_bg_color),
        ),
    ];
    let mut pairs = Vec::new();
    for (place, background) in backgrounds {
        pairs.push((format!("text on {place}"), text, background));
        pairs.push((
            format!("weak text on {place}"),
            weak_text(dark_mode),
            background,
        ));
        pairs.push((
            format!("flagged value on {place}"),
            flagged_value(dark_mode),
            background,
        ));
        pairs.push((
            format!("acknowledged text on {place}"),
            acknowledged_text(dark_mode),
            background,
        ));
        for severity in Severity::ALL {
            pairs.push((
                format!("{severity:?} word on {place}"),
                finding_marker(severity, dark_mode),
                background,
            ));
        }
    }
    for severity in Severity::ALL {
        pairs.push((
            format!("marked cell ({severity:?})"),
            marked_text(dark_mode),
            finding_fill(severity, dark_mode),
        ));
    }
    pairs.push((
        "acknowledged cell".to_owned(),
        marked_text(dark_mode),
        acknowledged_fill(dark_mode),
    ));
    pairs.push((
        "cell being edited".to_owned(),
        visuals.widgets.inactive.text_color(),
        active_cell_fill(dark_mode),
    ));
    pairs.push((
        "text field".to_owned(),
        visuals.widgets.inactive.text_color(),
        over(visuals.panel_fill, visuals.text_edit_bg_color()),
    ));
    pairs
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_reads_at_4_5_to_1_in_both_themes() {
        let mut failures = Vec::new();
        for dark in [false, true] {
            for (name, text, background) in text_pairs(dark) {
                let ratio = contrast_ratio(text, background);
                if ratio < 4.5 {
                    failures.push(format!(
                        "{} {name}: {ratio:.2}",
                        if dark { "dark" } else { "light" }
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn the_contrast_ratio_matches_the_wcag_examples() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.01);
        // #767676 on white is the lightest grey that passes AA.
        let grey = Color32::from_gray(0x76);
        assert!(contrast_ratio(grey, Color32::WHITE) >= 4.5);
        assert!(contrast_ratio(Color32::from_gray(0x77), Color32::WHITE) < 4.54);
    }
}

//! The left panel: the report, its installations (filterable), the
//! cumulative table and the prose sections.

use super::actions::{Action, Actions};
use super::app::View;
use super::findings_panel::Badge;
use super::theme;
use crate::check::Severity;
use crate::edit::Edit;
use crate::model::Report;

/// Indices of the installations whose name contains `filter` (any case).
pub fn filtered_installations(report: &Report, filter: &str) -> Vec<usize> {
    let needle = filter.trim().to_lowercase();
    report
        .installations
        .iter()
        .enumerate()
        .filter(|(_, installation)| {
            needle.is_empty() || installation.name.to_lowercase().contains(&needle)
        })
        .map(|(index, _)| index)
        .collect()
}

/// The installation that typing `typed` in the list goes to, among the
/// `shown` ones: the first whose name starts with it, else the first whose
/// name holds it (case and accents as written, letters compared without case).
pub fn installation_typed(report: &Report, shown: &[usize], typed: &str) -> Option<usize> {
    let needle = typed.trim_start().to_lowercase();
    if needle.is_empty() {
        return None;
    }
    let name = |index: &usize| {
        report
            .installations
            .get(*index)
            .map(|installation| installation.name.to_lowercase())
            .unwrap_or_default()
    };
    shown
        .iter()
        .find(|index| name(index).starts_with(&needle))
        .or_else(|| shown.iter().find(|index| name(index).contains(&needle)))
        .copied()
}

pub fn sidebar_ui(
    ui: &mut egui::Ui,
    report: &Report,
    view: View,
    filter: &mut String,
    badges: &[Badge],
    actions: &mut Actions,
) {
    let dark = ui.visuals().dark_mode;
    ui.add_space(4.0);
    if ui
        .selectable_label(view == View::Report, "Report and periods")
        .clicked()
    {
        actions.push(Action::Select(View::Report));
    }
    if ui
        .selectable_label(view == View::Cumulative, "Cumulative consumption")
        .clicked()
    {
        actions.push(Action::Select(View::Cumulative));
    }
    if ui.selectable_label(view == View::Plots, "Plots").clicked() {
        actions.push(Action::Select(View::Plots));
    }
    let guesses = super::metrics_view::guess_count(report);
    let label = if guesses == 0 {
        "Metric kinds and resources".to_owned()
    } else {
        format!("Metric kinds and resources ({guesses} guessed)")
    };
    if ui.selectable_label(view == View::Metrics, label).clicked() {
        actions.push(Action::Select(View::Metrics));
    }
    ui.separator();

    ui.horizontal(|ui| {
        ui.strong("Installations");
        ui.colored_label(
            theme::weak_text(dark),
            report.installations.len().to_string(),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("+")
                .on_hover_text("Add installation")
                .clicked()
            {
                actions.push(Action::Command(super::UiCommand::AddInstallation));
            }
        });
    });
    ui.add(
        egui::TextEdit::singleline(filter)
            .hint_text("Filter installations")
            .desired_width(f32::INFINITY),
    );

    let shown = filtered_installations(report, filter);
    let sections_height = 30.0 + 22.0 * report.sections.len() as f32;
    let list_height = (ui.available_height() - sections_height).max(120.0);
    egui::ScrollArea::vertical()
        .id_salt("installation-list")
        .max_height(list_height)
        .auto_shrink([false, true])
        .show_rows(ui, 22.0, shown.len(), |ui, rows| {
            for &index in shown.get(rows).unwrap_or_default() {
                installation_entry_ui(ui, report, index, view, badges.get(index), actions);
            }
        });
    if shown.is_empty() && !filter.is_empty() {
        ui.colored_label(theme::weak_text(dark), "No installation matches");
    }

    ui.separator();
    ui.strong("Sections");
    for (index, section) in report.sections.iter().enumerate() {
        let title = if section.title.trim().is_empty() {
            section.kind.label()
        } else {
            section.title.as_str()
        };
        if ui
            .selectable_label(view == View::Section(index), title)
            .clicked()
        {
            actions.push(Action::Select(View::Section(index)));
        }
    }
}

fn installation_entry_ui(
    ui: &mut egui::Ui,
    report: &Report,
    index: usize,
    view: View,
    badge: Option<&Badge>,
    actions: &mut Actions,
) {
    let Some(installation) = report.installations.get(index) else {
        return;
    };
    let count = report.installations.len();
    ui.horizontal(|ui| {
        if let Some(badge) = badge
            && let Some(worst) = badge.worst
        {
            let response = badge_ui(ui, &installation.name, badge.open, worst);
            if response.clicked() {
                actions.push(Action::Select(View::Installation(index)));
            }
        }
        let selected = view == View::Installation(index);
        let response = ui.selectable_label(selected, &installation.name);
        if response.clicked() {
            actions.push(Action::Select(View::Installation(index)));
        }
        response.context_menu(|ui| {
            if ui
                .add_enabled(index > 0, egui::Button::new("Move up"))
                .clicked()
            {
                actions.edit(Edit::MoveInstallation {
                    from: index,
                    to: index - 1,
                });
                actions.push(Action::Select(View::Installation(index - 1)));
            }
            if ui
                .add_enabled(index + 1 < count, egui::Button::new("Move down"))
                .clicked()
            {
                actions.edit(Edit::MoveInstallation {
                    from: index,
                    to: index + 1,
                });
                actions.push(Action::Select(View::Installation(index + 1)));
            }
            if ui.button("Duplicate installation").clicked() {
                actions.push(Action::DuplicateInstallation(index));
            }
            ui.separator();
            if ui.button("Remove installation").clicked() {
                actions.edit(Edit::RemoveInstallation { index });
            }
        });
    });
}

/// The open findings of an installation: a count in its worst severity's colour.
fn badge_ui(ui: &mut egui::Ui, installation: &str, open: usize, worst: Severity) -> egui::Response {
    let dark = ui.visuals().dark_mode;
    // Full-size digits on the severity's tint, readable at 4.5:1.
    let text = egui::RichText::new(open.to_string())
        .strong()
        .color(theme::marked_text(dark))
        .background_color(theme::finding_fill(worst, dark));
    let plural = if open == 1 { "" } else { "s" };
    let name = format!("{installation}: {open} open finding{plural}");
    let response = ui
        .add(egui::Label::new(text).sense(egui::Sense::click()))
        .on_hover_text(format!(
            "{open} open finding{plural}; worst: {}",
            worst.label()
        ))
        .accessible_name(name);
    // A clickable count: a button to assistive technology.
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_role(egui::accesskit::Role::Button);
    });
    response
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::model::{Installation, YearMonth};

    #[test]
    fn the_filter_ignores_case_and_keeps_order() {
        let mut report = Report::empty(
            "x",
            YearMonth {
                year: 2022,
                month: 9,
            },
            3,
        );
        for name in ["INCD - CPU", "WaltonCloud - CPU", "INCD - GPU"] {
            report.installations.push(Installation::new(name));
        }
        assert_eq!(filtered_installations(&report, "incd"), [0, 2]);
        assert_eq!(filtered_installations(&report, " cpu "), [0, 1]);
        assert_eq!(filtered_installations(&report, ""), [0, 1, 2]);
        assert!(filtered_installations(&report, "storage").is_empty());
    }
}

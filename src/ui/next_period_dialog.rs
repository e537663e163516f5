//! Report > Start next period…: what the next period will be, and provider
//! templates for it, one workbook per provider, in a folder.

use std::path::PathBuf;

use crate::model::Report;
use crate::model::new_report::next_period;

/// The dialog's choices while it is open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NextPeriodDialog {
    pub write_templates: bool,
    /// The folder the templates go to.
    pub folder: String,
}

/// What the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextPeriodChoice {
    Start { templates_in: Option<PathBuf> },
    Cancel,
}

/// Draws the dialog; returns the user's choice once made.
pub fn next_period_dialog_ui(
    ctx: &egui::Context,
    report: &Report,
    dialog: &mut NextPeriodDialog,
    native_dialogs: bool,
) -> Option<NextPeriodChoice> {
    let mut choice = None;
    let period = next_period(&report.periods);
    let response = egui::Modal::new(egui::Id::unique("next-period")).show(ctx, |ui| {
        ui.set_width(500.0);
        ui.heading("Start next period");
        ui.label(format!(
            "Adds the column {} ({}) to every installation's metrics and the checkpoint M{} to the cumulative table. Nothing else changes; one undo step.",
            period.label,
            period.months.calendar_label(report.project_start),
            period.months.last
        ));
        ui.add_space(6.0);
        ui.checkbox(
            &mut dialog.write_templates,
            "Also write provider templates for it, one workbook per provider",
        );
        if dialog.write_templates {
            ui.horizontal(|ui| {
                ui.label("Folder");
                ui.add(egui::TextEdit::singleline(&mut dialog.folder).desired_width(300.0))
                    .accessible_name("Templates folder");
                if native_dialogs
                    && ui.button("Choose…").clicked()
                    && let Some(folder) = rfd::FileDialog::new().pick_folder()
                {
                    dialog.folder = folder.display().to_string();
                }
            });
        }
        ui.separator();
        ui.horizontal(|ui| {
            let folder_ok = !dialog.write_templates || !dialog.folder.trim().is_empty();
            if ui
                .add_enabled(folder_ok, egui::Button::new(format!("Start {}", period.label)))
                .clicked()
            {
                let templates_in = dialog
                    .write_templates
                    .then(|| PathBuf::from(dialog.folder.trim()));
                choice = Some(NextPeriodChoice::Start { templates_in });
            }
            if ui.button("Cancel").clicked() {
                choice = Some(NextPeriodChoice::Cancel);
            }
        });
    });
    if choice.is_none() && response.should_close() {
        choice = Some(NextPeriodChoice::Cancel);
    }
    choice
}

//! File > Provider template…: choose installations and the period to fill,
//! then save a workbook for providers (see `import::template`).

use std::path::Path;

use crate::model::Report;

/// The dialog's choices while it is open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateDialog {
    pub chosen: Vec<bool>,
    pub period: usize,
}

/// What the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateChoice {
    Save {
        installations: Vec<String>,
        period: String,
    },
    Cancel,
}

impl TemplateDialog {
    /// Every installation chosen, the last period to fill.
    pub fn new(report: &Report) -> Self {
        Self {
            chosen: vec![true; report.installations.len()],
            period: report.periods.len().saturating_sub(1),
        }
    }

    /// The names and period label to write, when at least one installation is chosen.
    pub fn request(&self, report: &Report) -> Option<(Vec<String>, String)> {
        let names: Vec<String> = report
            .installations
            .iter()
            .zip(&self.chosen)
            .filter(|(_, chosen)| **chosen)
            .map(|(i, _)| i.name.clone())
            .collect();
        let period = report.periods.get(self.period)?.label.clone();
        (!names.is_empty()).then_some((names, period))
    }
}

/// Draws the dialog; returns the user's choice once made.
pub fn template_dialog_ui(
    ctx: &egui::Context,
    report: &Report,
    dialog: &mut TemplateDialog,
) -> Option<TemplateChoice> {
    let mut choice = None;
    let response = egui::Modal::new(egui::Id::unique("provider-template")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("Provider template");
        ui.label(
            "A workbook for providers: one sheet per installation, the chosen period to fill in",
        );
        ui.add_space(6.0);
        let period_text = report
            .periods
            .get(dialog.period)
            .map(|p| p.label.clone())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label("Period to fill");
            egui::ComboBox::from_id_salt("template-period")
                .selected_text(period_text)
                .show_ui(ui, |ui| {
                    for (index, period) in report.periods.iter().enumerate() {
                        ui.selectable_value(&mut dialog.period, index, &period.label);
                    }
                })
                .response
                .accessible_name("Period to fill");
        });
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for (installation, chosen) in report.installations.iter().zip(&mut dialog.chosen) {
                    ui.checkbox(chosen, &installation.name);
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let request = dialog.request(report);
            if ui
                .add_enabled(request.is_some(), egui::Button::new("Save template…"))
                .clicked()
                && let Some((installations, period)) = request
            {
                choice = Some(TemplateChoice::Save {
                    installations,
                    period,
                });
            }
            if ui.button("Cancel").clicked() {
                choice = Some(TemplateChoice::Cancel);
            }
        });
    });
    if choice.is_none() && response.should_close() {
        choice = Some(TemplateChoice::Cancel);
    }
    choice
}

/// Writes the template, returning the status line to show.
pub fn save_template(
    path: &Path,
    report: &Report,
    installations: &[String],
    period: &str,
) -> Result<String, String> {
    crate::import::template::write_template(path, report, installations, period)
        .map(|()| format!("Wrote provider template {}", path.display()))
        .map_err(|error| error.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::samples::Sample;

    #[test]
    fn the_request_names_the_chosen_installations_and_period() {
        let report = Sample::M36.report().unwrap();
        let mut dialog = TemplateDialog::new(&report);
        dialog.chosen = vec![false; report.installations.len()];
        assert_eq!(dialog.request(&report), None);
        dialog.chosen[5] = true;
        assert_eq!(
            dialog.request(&report),
            Some((vec!["INCD - CPU".to_owned()], "M25-M36".to_owned()))
        );
    }
}

//! The centre for a prose section.

use super::actions::Actions;
use super::fields::text_field_ui;
use super::findings_panel::{FindingsView, place_findings_ui};
use crate::check::Location;
use crate::model::{Report, TextAddress};

pub fn section_ui(
    ui: &mut egui::Ui,
    report: &Report,
    index: usize,
    findings: &FindingsView,
    actions: &mut Actions,
) {
    let Some(section) = report.sections.get(index) else {
        ui.label("No section selected");
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt(("section-scroll", index))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(section.kind.label());
                text_field_ui(
                    ui,
                    actions,
                    TextAddress::SectionTitle(index),
                    &section.title,
                    1,
                    "Section title",
                );
            });
            ui.add_space(6.0);
            place_findings_ui(ui, findings, Location::Section(index), actions);
            text_field_ui(
                ui,
                actions,
                TextAddress::SectionText(index),
                &section.text,
                30,
                &format!("{} text", section.kind.label()),
            );
        });
}

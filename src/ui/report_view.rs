//! The centre for the report itself: title, identifiers, calendar, periods.

use super::actions::{Action, Actions};
use super::fields::{sized_text_field_ui, text_field_ui};
use super::{UiCommand, theme};
use crate::edit::Edit;
use crate::model::{MonthRange, Report, TextAddress, YearMonth};

pub fn report_ui(ui: &mut egui::Ui, report: &Report, actions: &mut Actions) {
    let dark = ui.visuals().dark_mode;
    egui::ScrollArea::vertical()
        .id_salt("report-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Report");
            egui::Grid::new("report-fields")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("Project");
                    text_field_ui(
                        ui,
                        actions,
                        TextAddress::Project,
                        &report.project,
                        1,
                        "Project",
                    );
                    ui.end_row();
                    ui.label("Deliverable");
                    text_field_ui(
                        ui,
                        actions,
                        TextAddress::DeliverableId,
                        &report.deliverable_id,
                        1,
                        "Deliverable",
                    );
                    ui.end_row();
                    ui.label("Title");
                    text_field_ui(ui, actions, TextAddress::Title, &report.title, 1, "Title");
                    ui.end_row();
                    ui.label("Project start (M1)");
                    project_start_ui(ui, report.project_start, actions);
                    ui.end_row();
                });
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                ui.heading("Period columns");
                if ui.button("Add period column").clicked() {
                    actions.push(Action::Command(UiCommand::AddPeriod));
                }
            });
            egui::Grid::new("periods")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    ui.strong("Label");
                    ui.strong("From");
                    ui.strong("To");
                    ui.strong("Calendar");
                    ui.label("");
                    ui.end_row();
                    for (index, period) in report.periods.iter().enumerate() {
                        sized_text_field_ui(
                            ui,
                            actions,
                            TextAddress::PeriodLabel(index),
                            &period.label,
                            1,
                            &format!("Period {} label", index + 1),
                            120.0,
                        );
                        let mut months = period.months;
                        let first = ui.add(
                            egui::DragValue::new(&mut months.first)
                                .prefix("M")
                                .range(1..=240),
                        );
                        let last = ui.add(
                            egui::DragValue::new(&mut months.last)
                                .prefix("M")
                                .range(1..=240),
                        );
                        if first.changed() || last.changed() {
                            actions.edit(Edit::SetPeriodMonths { index, months });
                        }
                        ui.colored_label(
                            theme::weak_text(dark),
                            period.months.calendar_label(report.project_start),
                        );
                        ui.horizontal(|ui| {
                            let canonical = MonthRange::label(period.months);
                            if period.label != canonical
                                && ui
                                    .small_button(format!("Use {canonical}"))
                                    .on_hover_text("Relabel the column from its months")
                                    .clicked()
                            {
                                actions.edit(Edit::SetText {
                                    address: TextAddress::PeriodLabel(index),
                                    text: canonical,
                                });
                            }
                            if ui
                                .small_button("Remove")
                                .on_hover_text(
                                    "Remove this column and its values from every metric",
                                )
                                .clicked()
                            {
                                actions.edit(Edit::RemovePeriod { index });
                            }
                        });
                        ui.end_row();
                    }
                });
        });
}

fn project_start_ui(ui: &mut egui::Ui, start: YearMonth, actions: &mut Actions) {
    ui.horizontal(|ui| {
        let mut month = start.month;
        let mut year = start.year;
        let month_changed = ui
            .add(
                egui::DragValue::new(&mut month)
                    .range(1..=12)
                    .prefix("month "),
            )
            .changed();
        let year_changed = ui
            .add(
                egui::DragValue::new(&mut year)
                    .range(1990..=2100)
                    .prefix("year "),
            )
            .changed();
        if (month_changed || year_changed)
            && let Some(start) = YearMonth::new(year, month)
        {
            actions.edit(Edit::SetProjectStart(start));
        }
        ui.label(format!("M1 = {}", start.short_name()));
    });
}

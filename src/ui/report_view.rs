//! The centre for the report itself: title, identifiers, calendar, periods.

use super::actions::{Action, Actions};
use super::fields::{sized_text_field_ui, text_field_ui};
use super::{UiCommand, theme};
use crate::edit::Edit;
use crate::model::{
    DecimalMark, DescriptionField, MonthRange, Report, Section, SectionKind, TextAddress,
    YearMonth, period_months_refusal,
};

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
                    ui.label("Numbers");
                    decimal_mark_ui(ui, report, actions);
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
                        let latest = report
                            .periods
                            .iter()
                            .map(|p| p.months.last)
                            .max()
                            .unwrap_or(12)
                            + 24;
                        let periods = &report.periods;
                        let first = project_month_picker_ui(
                            ui,
                            &format!("Period {} first month", index + 1),
                            &mut months.first,
                            report.project_start,
                            latest,
                            |first| {
                                period_months_refusal(
                                    periods,
                                    index,
                                    MonthRange::new(first, period.months.last),
                                )
                            },
                        );
                        let last = project_month_picker_ui(
                            ui,
                            &format!("Period {} last month", index + 1),
                            &mut months.last,
                            report.project_start,
                            latest,
                            |last| {
                                period_months_refusal(
                                    periods,
                                    index,
                                    MonthRange::new(period.months.first, last),
                                )
                            },
                        );
                        if (first || last)
                            && period_months_refusal(periods, index, months).is_none()
                        {
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
            ui.add_space(10.0);
            description_fields_ui(ui, report, actions);
            ui.add_space(10.0);
            sections_ui(ui, report, actions);
        });
}

/// How many cells read a number only in the other decimal convention.
pub fn other_convention_cells(report: &Report) -> usize {
    report
        .cell_texts()
        .filter(|text| {
            crate::model::value::parse_number(text, report.decimal_mark)
                .is_some_and(|q| q.other_convention)
        })
        .count()
}

fn decimal_mark_ui(ui: &mut egui::Ui, report: &Report, actions: &mut Actions) {
    let dark = ui.visuals().dark_mode;
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            for mark in DecimalMark::ALL {
                if ui
                    .radio(report.decimal_mark == mark, mark.label())
                    .on_hover_text("Every cell is read again; no text changes")
                    .clicked()
                    && report.decimal_mark != mark
                {
                    actions.edit(Edit::SetDecimalMark(mark));
                }
            }
        });
        let other = other_convention_cells(report);
        if other > 0 {
            ui.colored_label(
                theme::weak_text(dark),
                format!("{other} cells are written in the other convention and are marked"),
            );
        }
    });
}

/// Small Up / Down / Remove buttons; returns which was clicked.
fn row_buttons_ui(ui: &mut egui::Ui, index: usize, count: usize, what: &str) -> Option<RowAction> {
    let mut clicked = None;
    if ui
        .add_enabled(index > 0, egui::Button::new("Up").small())
        .on_hover_text(format!("Move {what} up"))
        .clicked()
    {
        clicked = Some(RowAction::Move(index - 1));
    }
    if ui
        .add_enabled(index + 1 < count, egui::Button::new("Down").small())
        .on_hover_text(format!("Move {what} down"))
        .clicked()
    {
        clicked = Some(RowAction::Move(index + 1));
    }
    if ui
        .small_button("Remove")
        .on_hover_text(format!("Remove this {what} (undo brings it back)"))
        .clicked()
    {
        clicked = Some(RowAction::Remove);
    }
    clicked
}

enum RowAction {
    Move(usize),
    Remove,
}

/// A list the user owns (description fields, prose sections): a name field
/// per row with Up / Down / Remove, and an Add button. Only the edits differ.
struct OwnedList<'a> {
    heading: &'static str,
    /// What a row is, for the buttons and their hover texts.
    what: &'static str,
    /// A row's accessible name, numbered from 1: "Section 2".
    row_name: &'static str,
    note: Option<&'static str>,
    /// Each row's name and where it is edited.
    rows: Vec<(TextAddress, &'a str)>,
    add: Edit,
    moved: fn(usize, usize) -> Edit,
    removed: fn(usize) -> Edit,
}

fn owned_list_ui(ui: &mut egui::Ui, list: OwnedList<'_>, actions: &mut Actions) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.heading(list.heading);
        if ui.button(format!("Add {}", list.what)).clicked() {
            actions.edit(list.add.clone());
        }
    });
    if let Some(note) = list.note {
        ui.colored_label(theme::weak_text(dark), note);
    }
    let count = list.rows.len();
    for (index, (address, name)) in list.rows.into_iter().enumerate() {
        ui.horizontal(|ui| {
            sized_text_field_ui(
                ui,
                actions,
                address,
                name,
                1,
                &format!("{} {}", list.row_name, index + 1),
                220.0,
            );
            match row_buttons_ui(ui, index, count, list.what) {
                Some(RowAction::Move(to)) => actions.edit((list.moved)(index, to)),
                Some(RowAction::Remove) => actions.edit((list.removed)(index)),
                None => {}
            }
        });
    }
}

fn description_fields_ui(ui: &mut egui::Ui, report: &Report, actions: &mut Actions) {
    let list = OwnedList {
        heading: "Description fields",
        what: "field",
        row_name: "Description field",
        note: Some(
            "The rows of every installation's description table; empty ones are not exported",
        ),
        rows: report
            .description_fields
            .iter()
            .enumerate()
            .map(|(index, field)| (TextAddress::DescriptionLabel(index), field.label.as_str()))
            .collect(),
        add: Edit::InsertDescriptionField {
            index: report.description_fields.len(),
            field: DescriptionField::new("New field", false),
            values: Vec::new(),
        },
        moved: |from, to| Edit::MoveDescriptionField { from, to },
        removed: |index| Edit::RemoveDescriptionField { index },
    };
    owned_list_ui(ui, list, actions);
}

fn sections_ui(ui: &mut egui::Ui, report: &Report, actions: &mut Actions) {
    let list = OwnedList {
        heading: "Prose sections",
        what: "section",
        row_name: "Section",
        note: None,
        rows: report
            .sections
            .iter()
            .enumerate()
            .map(|(index, section)| (TextAddress::SectionTitle(index), section.title.as_str()))
            .collect(),
        add: Edit::InsertSection {
            index: report.sections.len(),
            section: Section {
                kind: SectionKind::Other,
                title: "New section".to_owned(),
                text: String::new(),
            },
        },
        moved: |from, to| Edit::MoveSection { from, to },
        removed: |index| Edit::RemoveSection { index },
    };
    owned_list_ui(ui, list, actions);
}

fn project_start_ui(ui: &mut egui::Ui, start: YearMonth, actions: &mut Actions) {
    ui.horizontal(|ui| {
        let mut month = start.month;
        let mut year = start.year;
        let combo = egui::ComboBox::from_id_salt("project-start-month")
            .selected_text(month_name(month))
            .width(110.0)
            .height(400.0)
            .show_ui(ui, |ui| {
                for candidate in 1..=12u8 {
                    ui.selectable_value(&mut month, candidate, month_name(candidate));
                }
            });
        combo.response.accessible_name("Project start month");
        let month_changed = month != start.month;
        let year_changed = ui
            .add(
                egui::DragValue::new(&mut year)
                    .range(1990..=2100)
                    .prefix("year "),
            )
            .accessible_name("Project start year")
            .changed();
        if (month_changed || year_changed)
            && let Some(start) = YearMonth::new(year, month)
        {
            actions.edit(Edit::SetProjectStart(start));
        }
        ui.label(format!("M1 = {}", start.short_name()));
    });
}

fn month_name(month: u8) -> &'static str {
    const NAMES: [&str; 12] = crate::model::calendar::FULL_MONTH_NAMES;
    NAMES
        .get(usize::from(month).saturating_sub(1))
        .copied()
        .unwrap_or("?")
}

/// A project month picked from a list that names each calendar month
/// ("M13 · Sep 2023"); true when the user picked another one.
fn project_month_picker_ui(
    ui: &mut egui::Ui,
    name: &str,
    value: &mut u32,
    start: YearMonth,
    latest: u32,
    refusal: impl Fn(u32) -> Option<String>,
) -> bool {
    let label = |month: u32| {
        let calendar = start.project_month(month).short_name();
        format!("M{month} · {calendar}")
    };
    let before = *value;
    let combo = egui::ComboBox::from_id_salt(name)
        .selected_text(label(*value))
        .width(130.0)
        .height(320.0)
        .show_ui(ui, |ui| {
            for month in 1..=latest.max(before) {
                let refused = if month == before {
                    None
                } else {
                    refusal(month)
                };
                let option = ui.add_enabled(
                    refused.is_none(),
                    egui::Button::selectable(*value == month, label(month)),
                );
                if let Some(reason) = refused {
                    option.on_disabled_hover_text(format!("M{month}: {reason}"));
                } else if option.clicked() {
                    *value = month;
                }
            }
        });
    combo.response.accessible_name(name);
    *value != before
}

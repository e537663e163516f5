//! File > New report…: the project, its calendar, resources and
//! installations; the report is made only when everything typed is valid,
//! and each problem is shown where it was typed.

use crate::model::new_report::{NewReportSpec, PeriodScheme, ResourceSpec, SpecError};
use crate::model::{DecimalMark, Report, YearMonth};

/// How the dialog offers the period scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeChoice {
    Yearly,
    HalfYearly,
    Custom,
}

/// What is typed in the dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewReportDraft {
    pub project: String,
    pub deliverable_id: String,
    pub title: String,
    pub start_year: i32,
    pub start_month: u8,
    pub scheme: SchemeChoice,
    /// "18, 12" for a custom scheme.
    pub custom_lengths: String,
    pub period_count: usize,
    pub resources: Vec<ResourceSpec>,
    /// One installation per line.
    pub installations: String,
    pub decimal_mark: DecimalMark,
}

impl Default for NewReportDraft {
    fn default() -> Self {
        let spec = NewReportSpec::empty(YearMonth {
            year: 2025,
            month: 1,
        });
        Self {
            project: spec.project,
            deliverable_id: spec.deliverable_id,
            title: spec.title,
            start_year: spec.start.year,
            start_month: spec.start.month,
            scheme: SchemeChoice::Yearly,
            custom_lengths: "18, 12".to_owned(),
            period_count: spec.period_count,
            resources: Vec::new(),
            installations: String::new(),
            decimal_mark: spec.decimal_mark,
        }
    }
}

/// Where a problem of the draft is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Project,
    Periods,
    Resource(usize),
    Installations,
}

impl NewReportDraft {
    /// The spec the draft describes, or where the typing is wrong.
    pub fn spec(&self) -> Result<NewReportSpec, Vec<(Field, String)>> {
        let mut problems = Vec::new();
        let scheme = match self.scheme {
            SchemeChoice::Yearly => PeriodScheme::Yearly,
            SchemeChoice::HalfYearly => PeriodScheme::HalfYearly,
            SchemeChoice::Custom => match PeriodScheme::parse_lengths(&self.custom_lengths) {
                Ok(lengths) => PeriodScheme::Custom(lengths),
                Err(reason) => {
                    problems.push((Field::Periods, reason));
                    PeriodScheme::Yearly
                }
            },
        };
        let start = YearMonth::new(self.start_year, self.start_month).unwrap_or(YearMonth {
            year: self.start_year,
            month: 1,
        });
        let spec = NewReportSpec {
            project: self.project.clone(),
            deliverable_id: self.deliverable_id.clone(),
            title: self.title.clone(),
            start,
            scheme,
            period_count: self.period_count,
            resources: self.resources.clone(),
            installations: self
                .installations
                .lines()
                .filter(|line| !line.trim().is_empty())
                .map(str::to_owned)
                .collect(),
            decimal_mark: self.decimal_mark,
        };
        problems.extend(spec.problems().into_iter().map(|problem| {
            let field = match &problem {
                SpecError::NoProject => Field::Project,
                SpecError::NoPeriods | SpecError::TooManyPeriods => Field::Periods,
                SpecError::Resource { index, .. } => Field::Resource(index - 1),
                SpecError::Installation { .. } => Field::Installations,
            };
            (field, problem.to_string())
        }));
        if problems.is_empty() {
            Ok(spec)
        } else {
            Err(problems)
        }
    }

    /// The period labels the draft gives, for the preview line.
    pub fn preview(&self) -> String {
        match self.spec().ok().and_then(|spec| spec.build().ok()) {
            Some(report) => {
                let labels: Vec<&str> = report.periods.iter().map(|p| p.label.as_str()).collect();
                format!(
                    "Periods {}; Table 1 checkpoints at the end of each",
                    labels.join(", ")
                )
            }
            None => String::new(),
        }
    }
}

/// What the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum NewReportChoice {
    Create(Box<Report>),
    Cancel,
}

const MONTHS: [&str; 12] = crate::model::calendar::FULL_MONTH_NAMES;

fn problem_ui(ui: &mut egui::Ui, problems: &[(Field, String)], field: &Field) {
    let dark = ui.visuals().dark_mode;
    for (_, text) in problems.iter().filter(|(f, _)| f == field) {
        ui.colored_label(
            super::theme::finding_marker(crate::check::Severity::Error, dark),
            text,
        );
    }
}

/// Draws the dialog; returns the user's choice once made.
pub fn new_report_dialog_ui(
    ctx: &egui::Context,
    draft: &mut NewReportDraft,
) -> Option<NewReportChoice> {
    let mut choice = None;
    let checked = draft.spec();
    let problems = checked.as_ref().err().cloned().unwrap_or_default();
    let response = egui::Modal::new(egui::Id::unique("new-report")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading("New report");
        egui::ScrollArea::vertical()
            .max_height(520.0)
            .show(ui, |ui| {
                egui::Grid::new("new-report-grid")
                    .num_columns(2)
                    .spacing([10.0, 6.0])
                    .show(ui, |ui| {
                        ui.label("Project");
                        ui.vertical(|ui| {
                            ui.add(
                                egui::TextEdit::singleline(&mut draft.project)
                                    .hint_text("e.g. HydroNet"),
                            )
                            .accessible_name("Project name");
                            problem_ui(ui, &problems, &Field::Project);
                        });
                        ui.end_row();
                        ui.label("Deliverable");
                        ui.add(
                            egui::TextEdit::singleline(&mut draft.deliverable_id)
                                .hint_text("e.g. D5.3"),
                        )
                        .accessible_name("Deliverable id");
                        ui.end_row();
                        ui.label("Title");
                        ui.add(egui::TextEdit::singleline(&mut draft.title).desired_width(380.0))
                            .accessible_name("Report title");
                        ui.end_row();
                        ui.label("Project start (M1)");
                        ui.horizontal(|ui| {
                            let month_name = MONTHS
                                .get(usize::from(draft.start_month).saturating_sub(1))
                                .copied()
                                .unwrap_or("January");
                            egui::ComboBox::from_id_salt("new-report-start-month")
                                .selected_text(month_name)
                                .show_ui(ui, |ui| {
                                    for (index, name) in MONTHS.iter().enumerate() {
                                        let month = u8::try_from(index + 1).unwrap_or(1);
                                        ui.selectable_value(&mut draft.start_month, month, *name);
                                    }
                                })
                                .response
                                .accessible_name("Start month");
                            ui.add(egui::DragValue::new(&mut draft.start_year).range(1990..=2100))
                                .accessible_name("Start year");
                        });
                        ui.end_row();
                        ui.label("Periods");
                        ui.vertical(|ui| {
                            ui.horizontal(|ui| {
                                ui.radio_value(&mut draft.scheme, SchemeChoice::Yearly, "Yearly");
                                ui.radio_value(
                                    &mut draft.scheme,
                                    SchemeChoice::HalfYearly,
                                    "Half-yearly",
                                );
                                ui.radio_value(
                                    &mut draft.scheme,
                                    SchemeChoice::Custom,
                                    "Custom lengths",
                                );
                            });
                            if draft.scheme == SchemeChoice::Custom {
                                ui.add(
                                    egui::TextEdit::singleline(&mut draft.custom_lengths)
                                        .hint_text("months of each period: 18, 12"),
                                )
                                .accessible_name("Period lengths in months");
                            }
                            ui.horizontal(|ui| {
                                ui.label("Periods so far");
                                if ui
                                    .small_button("−")
                                    .accessible_name("Fewer periods")
                                    .clicked()
                                {
                                    draft.period_count = draft.period_count.saturating_sub(1);
                                }
                                ui.label(draft.period_count.to_string());
                                if ui
                                    .small_button("+")
                                    .accessible_name("More periods")
                                    .clicked()
                                {
                                    draft.period_count += 1;
                                }
                            });
                            ui.weak(draft.preview());
                            problem_ui(ui, &problems, &Field::Periods);
                        });
                        ui.end_row();
                        ui.label("Numbers");
                        ui.horizontal(|ui| {
                            for mark in DecimalMark::ALL {
                                ui.radio_value(&mut draft.decimal_mark, mark, mark.label());
                            }
                        });
                        ui.end_row();
                        ui.label("Resources");
                        resources_ui(ui, draft, &problems);
                        ui.end_row();
                        ui.label("Installations");
                        ui.vertical(|ui| {
                            ui.add(
                                egui::TextEdit::multiline(&mut draft.installations)
                                    .desired_rows(5)
                                    .hint_text("one per line"),
                            )
                            .accessible_name("Installations, one per line");
                            problem_ui(ui, &problems, &Field::Installations);
                        });
                        ui.end_row();
                    });
            });
        ui.separator();
        ui.horizontal(|ui| {
            let create = ui.add_enabled(checked.is_ok(), egui::Button::new("Create report"));
            if create.clicked()
                && let Ok(spec) = &checked
                && let Ok(report) = spec.build()
            {
                choice = Some(NewReportChoice::Create(Box::new(report)));
            }
            if ui.button("Cancel").clicked() {
                choice = Some(NewReportChoice::Cancel);
            }
        });
    });
    if choice.is_none() && response.should_close() {
        choice = Some(NewReportChoice::Cancel);
    }
    choice
}

fn resources_ui(ui: &mut egui::Ui, draft: &mut NewReportDraft, problems: &[(Field, String)]) {
    ui.vertical(|ui| {
        let mut remove = None;
        for (index, resource) in draft.resources.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let n = index + 1;
                ui.add(
                    egui::TextEdit::singleline(&mut resource.label)
                        .desired_width(140.0)
                        .hint_text("name: CPU, Archive"),
                )
                .accessible_name(format!("Resource {n} name"));
                ui.add(
                    egui::TextEdit::singleline(&mut resource.unit)
                        .desired_width(110.0)
                        .hint_text("unit: core-hours"),
                )
                .accessible_name(format!("Resource {n} unit"));
                ui.add(
                    egui::TextEdit::singleline(&mut resource.budget)
                        .desired_width(110.0)
                        .hint_text("budget"),
                )
                .accessible_name(format!("Resource {n} budget"));
                if ui
                    .small_button("Remove")
                    .accessible_name(format!("Remove resource {n}"))
                    .clicked()
                {
                    remove = Some(index);
                }
            });
            problem_ui(ui, problems, &Field::Resource(index));
        }
        if let Some(index) = remove {
            draft.resources.remove(index);
        }
        if ui.button("Add resource").clicked() {
            draft.resources.push(ResourceSpec::default());
        }
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn problems_are_shown_where_they_were_typed() {
        let mut draft = NewReportDraft {
            scheme: SchemeChoice::Custom,
            custom_lengths: "18, x".to_owned(),
            installations: "A\n\na\n".to_owned(),
            ..NewReportDraft::default()
        };
        draft.resources.push(ResourceSpec {
            label: "CPU".to_owned(),
            ..ResourceSpec::default()
        });
        let problems = draft.spec().unwrap_err();
        let fields: Vec<&Field> = problems.iter().map(|(field, _)| field).collect();
        assert_eq!(
            fields,
            [
                &Field::Periods,
                &Field::Project,
                &Field::Resource(0),
                &Field::Installations
            ]
        );
        draft.project = "HydroNet".to_owned();
        draft.custom_lengths = "18 12".to_owned();
        draft.installations = "A\nB".to_owned();
        draft.resources[0].unit = "core-hours".to_owned();
        draft.period_count = 2;
        assert!(draft.spec().is_ok());
        assert_eq!(
            draft.preview(),
            "Periods M1-M18, M19-M30; Table 1 checkpoints at the end of each"
        );
    }
}

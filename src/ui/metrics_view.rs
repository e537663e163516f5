//! The one place where every metric's kind and resource are shown and
//! decided: guesses marked, each changeable, all confirmable at once.

use super::actions::{Action, Actions};
use super::metric_grid::MetricLink;
use super::metric_table::link_menus_ui;
use super::theme;
use crate::edit::Edit;
use crate::model::Report;

/// One metric's line on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricLine {
    pub installation: usize,
    pub metric: usize,
    pub installation_name: String,
    pub metric_name: String,
    pub link: MetricLink,
    pub unit: String,
}

/// Every metric of the report, in report order.
pub fn metric_lines(report: &Report) -> Vec<MetricLine> {
    report
        .installations
        .iter()
        .enumerate()
        .flat_map(|(i, installation)| {
            installation
                .metrics
                .iter()
                .enumerate()
                .map(move |(m, metric)| MetricLine {
                    installation: i,
                    metric: m,
                    installation_name: installation.name.clone(),
                    metric_name: metric.name.clone(),
                    link: MetricLink::of(metric, report),
                    unit: report.unit_of(metric),
                })
        })
        .collect()
}

/// How many kinds and resources are still guesses.
pub fn guess_count(report: &Report) -> usize {
    report
        .installations
        .iter()
        .flat_map(|installation| &installation.metrics)
        .map(|metric| usize::from(!metric.kind_confirmed) + usize::from(!metric.resource_confirmed))
        .sum()
}

/// One undo step that confirms every guess as it stands; `None` when
/// nothing is guessed.
pub fn confirm_guesses(report: &Report) -> Option<Edit> {
    let mut edits = Vec::new();
    for (i, installation) in report.installations.iter().enumerate() {
        for (m, metric) in installation.metrics.iter().enumerate() {
            if !metric.kind_confirmed {
                edits.push(Edit::SetMetricKind {
                    installation: i,
                    metric: m,
                    kind: metric.kind(),
                    confirmed: true,
                });
            }
            if !metric.resource_confirmed {
                edits.push(Edit::SetMetricResource {
                    installation: i,
                    metric: m,
                    resource: metric.resource.clone(),
                    confirmed: true,
                });
            }
        }
    }
    (!edits.is_empty()).then(|| Edit::Batch {
        label: "confirm kinds and resources".to_owned(),
        edits,
    })
}

pub fn metrics_ui(ui: &mut egui::Ui, report: &Report, actions: &mut Actions) {
    let dark = ui.visuals().dark_mode;
    let resources: Vec<(String, String)> = report
        .cumulative
        .rows
        .iter()
        .map(|row| (row.id.clone(), row.label.clone()))
        .collect();
    ui.heading("Metric kinds and resources");
    ui.colored_label(
        theme::weak_text(dark),
        "A metric's kind decides what its TOT must be; its resource links it to the cumulative table. ? marks a guess from the name and values: choose to decide.",
    );
    ui.horizontal(|ui| {
        let guesses = guess_count(report);
        if ui
            .add_enabled(
                guesses > 0,
                egui::Button::new(format!("Confirm every guess ({guesses})")),
            )
            .clicked()
            && let Some(edit) = confirm_guesses(report)
        {
            actions.edit(edit);
        }
        if ui.button("Resources…").clicked() {
            actions.push(Action::Select(super::View::Cumulative));
        }
    });
    ui.add_space(6.0);
    let lines = metric_lines(report);
    egui::ScrollArea::vertical()
        .id_salt("metrics-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("metric-kinds")
                .striped(true)
                .num_columns(4)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    ui.strong("Installation");
                    ui.strong("Metric");
                    ui.strong("Kind · resource");
                    ui.strong("Unit");
                    ui.end_row();
                    for line in &lines {
                        ui.label(&line.installation_name);
                        ui.label(&line.metric_name);
                        let confirmed = line.link.kind_confirmed && line.link.resource_confirmed;
                        let text = egui::RichText::new(&line.link.summary).color(if confirmed {
                            ui.visuals().text_color()
                        } else {
                            theme::weak_text(dark)
                        });
                        ui.menu_button(text, |ui| {
                            link_menus_ui(
                                ui,
                                line.installation,
                                line.metric,
                                &line.link,
                                &resources,
                                actions,
                            );
                        })
                        .response
                        .on_hover_text(&line.link.hover)
                        .accessible_name(format!(
                            "{}, {}, kind and resource",
                            line.installation_name, line.metric_name
                        ));
                        ui.label(&line.unit);
                        ui.end_row();
                    }
                });
        });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::edit::Document;
    use crate::samples::Sample;

    #[test]
    fn confirming_every_guess_keeps_every_choice_and_is_one_step() {
        let report = Sample::M36.report().unwrap();
        let guesses = guess_count(&report);
        assert_eq!(guesses, 2 * report.metric_count());
        let mut document = Document::new(report.clone());
        document.apply(confirm_guesses(&report).unwrap()).unwrap();
        assert_eq!(guess_count(document.report()), 0);
        let before: Vec<_> = metric_lines(&report)
            .into_iter()
            .map(|l| (l.link.kind, l.link.resource))
            .collect();
        let after: Vec<_> = metric_lines(document.report())
            .into_iter()
            .map(|l| (l.link.kind, l.link.resource))
            .collect();
        assert_eq!(before, after);
        assert!(confirm_guesses(document.report()).is_none());
        document.undo();
        assert_eq!(document.report(), &report);
    }
}

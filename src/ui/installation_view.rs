//! The centre for one installation: name, description table, metrics
//! table and assessment.

use super::actions::{Action, Actions};
use super::fields::text_field_ui;
use super::findings_panel::{FindingsView, place_findings_ui};
use super::metric_grid::{MetricTableView, metric_table_view};
use super::metric_table::{GridState, metric_table_ui, narrowest_width};
use super::plots_view::installation_plots_ui;
use super::{UiCommand, theme};
use crate::check::Location;
use crate::export::tables::TableKind;
use crate::model::{NumberStyle, Report, TextAddress};

/// "Copy table": the table as HTML (for Word, Writer) and TSV (for
/// spreadsheets) on the clipboard.
pub fn copy_table_button_ui(ui: &mut egui::Ui, actions: &mut Actions, kind: TableKind) {
    if ui
        .button("Copy table")
        .on_hover_text("Copy as a table for Word or Writer, and as cells for a spreadsheet")
        .clicked()
    {
        actions.push(Action::CopyTable(kind));
    }
}

pub fn installation_ui(
    ui: &mut egui::Ui,
    report: &Report,
    index: usize,
    style: NumberStyle,
    grid: &mut GridState,
    findings: &FindingsView,
    actions: &mut Actions,
) {
    let Some(installation) = report.installations.get(index) else {
        ui.label("No installation selected");
        return;
    };
    let dark = ui.visuals().dark_mode;
    egui::ScrollArea::vertical()
        .id_salt(("installation-scroll", index))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new("Installation").size(18.0).strong());
                text_field_ui(
                    ui,
                    actions,
                    TextAddress::InstallationName(index),
                    &installation.name,
                    1,
                    "Installation name",
                );
            });
            if let Some(other) = report.same_name_as(index) {
                ui.colored_label(
                    theme::finding_marker(crate::check::Severity::Error, dark),
                    format!(
                        "installation {} has this name too: imports and checks cannot tell them apart",
                        other + 1
                    ),
                );
            }
            ui.add_space(6.0);

            // On a wide window the description sits beside the table, open;
            // otherwise below it, closed until opened.
            let view = metric_table_view(report, index, style).map(|mut view| {
                view.attach_findings(|metric, column| {
                    findings.metric_cell_findings(index, metric, column)
                });
                view
            });
            let table_width = view.as_ref().map_or(0.0, |view| narrowest_width(ui, view));
            if ui.available_width() >= DESCRIPTION_BESIDE_FROM
                && ui.available_width() - DESCRIPTION_BESIDE_WIDTH - 16.0 >= table_width
            {
                ui.horizontal_top(|ui| {
                    let table_width = ui.available_width() - DESCRIPTION_BESIDE_WIDTH - 16.0;
                    ui.allocate_ui_with_layout(
                        egui::vec2(table_width, 0.0),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| {
                            ui.set_max_width(table_width);
                            metrics_ui(ui, report, index, view.as_ref(), grid, actions);
                        },
                    );
                    ui.add_space(16.0);
                    ui.vertical(|ui| {
                        ui.set_width(DESCRIPTION_BESIDE_WIDTH);
                        description_ui(ui, report, index, true, actions);
                    });
                });
            } else {
                metrics_ui(ui, report, index, view.as_ref(), grid, actions);
                description_ui(ui, report, index, false, actions);
            }
            ui.add_space(8.0);

            ui.add_space(4.0);
            egui::CollapsingHeader::new("Metric plots")
                .id_salt(("installation-plots", index))
                .default_open(false)
                .show(ui, |ui| {
                    installation_plots_ui(ui, report, index, style, grid, actions, false);
                });
            ui.add_space(8.0);

            ui.heading("Assessment");
            place_findings_ui(ui, findings, Location::Assessment(index), actions);
            text_field_ui(
                ui,
                actions,
                TextAddress::Assessment(index),
                &installation.assessment,
                8,
                &format!("{}, assessment", installation.name),
            );
        });
}

/// A block of cells pasted while no field has the keyboard (an empty table,
/// or after Escape) lands at the cell cursor, else below the last metric.
fn paste_outside_cells(
    ui: &egui::Ui,
    installation: usize,
    rows: usize,
    grid: &GridState,
    actions: &mut Actions,
) {
    if ui.memory(|memory| memory.focused().is_some()) {
        return;
    }
    let block = ui.input_mut(|input| {
        let position = input.events.iter().position(|event| {
            matches!(event, egui::Event::Paste(text) if super::grid_paste::is_cell_block(text))
        })?;
        match input.events.remove(position) {
            egui::Event::Paste(text) => Some(text),
            _ => None,
        }
    });
    let Some(text) = block else {
        return;
    };
    let (row, column) = match grid.cursor {
        Some(cursor) if cursor.installation == installation => (cursor.row, cursor.column),
        _ => (rows, 0),
    };
    actions.push(Action::PasteCells {
        installation,
        row,
        column,
        text,
    });
}

/// The central view is at least this wide, and the metrics table fits in
/// what is left, when the description goes beside the table (a 1920-pixel
/// screen with the navigation open).
const DESCRIPTION_BESIDE_FROM: f32 = 1500.0;
const DESCRIPTION_BESIDE_WIDTH: f32 = 420.0;

/// The metrics table with its heading and buttons.
fn metrics_ui(
    ui: &mut egui::Ui,
    report: &Report,
    index: usize,
    view: Option<&MetricTableView>,
    grid: &mut GridState,
    actions: &mut Actions,
) {
    let Some(installation) = report.installations.get(index) else {
        return;
    };
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.heading("Metrics");
        ui.colored_label(
            theme::weak_text(dark),
            format!(
                "{} rows · right-click a cell for more · Ctrl/Shift+click picks rows",
                installation.metrics.len()
            ),
        );
        if ui.button("Add metric").clicked() {
            actions.push(Action::Command(UiCommand::AddMetric));
        }
        if ui.button("Add period column").clicked() {
            actions.push(Action::Command(UiCommand::AddPeriod));
        }
        copy_table_button_ui(ui, actions, TableKind::Metrics(index));
    });
    if let Some(view) = view {
        paste_outside_cells(ui, index, view.rows.len(), grid, actions);
        if view.rows.is_empty() {
            ui.colored_label(
                theme::weak_text(dark),
                "No metrics yet: paste cells copied from a spreadsheet (Ctrl+V), or use Add metric",
            );
        } else {
            metric_table_ui(ui, index, view, grid, actions);
        }
    }
}

/// The installation's description table; `open_at_first` when it has the
/// room beside the metrics table.
fn description_ui(
    ui: &mut egui::Ui,
    report: &Report,
    index: usize,
    open_at_first: bool,
    actions: &mut Actions,
) {
    let Some(installation) = report.installations.get(index) else {
        return;
    };
    // The field grid learns its row heights from the pass before; another
    // installation's fields are laid out again at once rather than
    // overlapping until the next input.
    let shown_id = egui::Id::unique(("description-shown", open_at_first));
    let changed = ui.data_mut(|data| {
        let before = data.get_temp::<usize>(shown_id);
        data.insert_temp(shown_id, index);
        before != Some(index)
    });
    if changed {
        ui.ctx()
            .request_discard("the description of another installation");
    }
    // One open/closed state for every installation (one below the table,
    // one beside it), kept between runs.
    egui::CollapsingHeader::new("Description")
        .id_salt(("installation-description", open_at_first))
        .default_open(open_at_first)
        .show(ui, |ui| {
            copy_table_button_ui(ui, actions, TableKind::Description(index));
            egui::Grid::new(("description-grid", index))
                .num_columns(2)
                .striped(true)
                .min_col_width(140.0)
                .show(ui, |ui| {
                    for (f, field) in report.description_fields.iter().enumerate() {
                        ui.label(&field.label);
                        let rows = if field.long_text { 3 } else { 1 };
                        let name = format!("{}, {}", installation.name, field.label);
                        text_field_ui(
                            ui,
                            actions,
                            TextAddress::Description(index, f),
                            installation.description_text(f),
                            rows,
                            &name,
                        );
                        ui.end_row();
                    }
                });
        });
}

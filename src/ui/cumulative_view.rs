//! The centre for Table 1, cumulative resource consumption.

use super::actions::Actions;
use super::fields::{sized_text_field_ui, text_field_ui};
use super::findings_panel::FindingsView;
use super::metric_grid::{cell_display, cell_mark, findings_hover};
use super::theme;
use crate::edit::Edit;
use crate::model::{
    CellAddress, Checkpoint, CumulativeColumn, CumulativeRow, NumberStyle, Report, TextAddress,
};

/// Width of a number cell and of a checkpoint column.
const CELL_WIDTH: f32 = 100.0;

pub fn cumulative_ui(
    ui: &mut egui::Ui,
    report: &Report,
    style: NumberStyle,
    findings: &FindingsView,
    actions: &mut Actions,
) {
    let table = &report.cumulative;
    let dark = ui.visuals().dark_mode;
    egui::ScrollArea::both()
        .id_salt("cumulative-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Cumulative resource consumption");
                super::installation_view::copy_table_button_ui(
                    ui,
                    actions,
                    crate::export::tables::TableKind::Cumulative,
                );
            });
            ui.horizontal(|ui| {
                ui.label("Caption");
                text_field_ui(
                    ui,
                    actions,
                    TextAddress::CumulativeCaption,
                    &table.caption,
                    1,
                    "Caption",
                );
            });
            ui.add_space(6.0);
            ui.colored_label(
                theme::weak_text(dark),
                "Each row is a resource of the report: metrics point at it by its short name. Right-click a row name or a checkpoint label to remove it",
            );
            egui::Grid::new("cumulative-grid")
                .striped(true)
                .spacing([6.0, 4.0])
                .min_col_width(90.0)
                .show(ui, |ui| {
                    ui.strong("Resource");
                    ui.strong(&table.unit_header);
                    ui.strong("Measured in");
                    ui.vertical(|ui| {
                        ui.set_max_width(CELL_WIDTH);
                        ui.add(
                            egui::Label::new(egui::RichText::new(&table.budget_header).strong())
                                .wrap(),
                        );
                    });
                    for (index, checkpoint) in table.checkpoints.iter().enumerate() {
                        ui.vertical(|ui| {
                            let label = sized_text_field_ui(
                                ui,
                                actions,
                                TextAddress::CheckpointLabel(index),
                                &checkpoint.label,
                                2,
                                &format!("Checkpoint {} label", index + 1),
                                CELL_WIDTH,
                            );
                            label.context_menu(|ui| {
                                if ui.button("Remove checkpoint").clicked() {
                                    actions.edit(Edit::RemoveCheckpoint { index });
                                    ui.close();
                                }
                            });
                            let mut month = checkpoint.month;
                            let response = ui.add(
                                egui::DragValue::new(&mut month)
                                    .prefix("month M")
                                    .range(1..=240),
                            );
                            if response.changed() {
                                actions.edit(Edit::SetCheckpointMonth { index, month });
                            }
                        });
                    }
                    ui.end_row();
                    for (row_index, row) in table.rows.iter().enumerate() {
                        sized_text_field_ui(
                            ui,
                            actions,
                            TextAddress::CumulativeRowLabel(row_index),
                            &row.label,
                            1,
                            &format!("Resource {} short name", row_index + 1),
                            110.0,
                        );
                        ui.vertical(|ui| {
                            let name = sized_text_field_ui(
                                ui,
                                actions,
                                TextAddress::CumulativeRowName(row_index),
                                &row.name,
                                2,
                                &format!("Resource row {} name", row_index + 1),
                                180.0,
                            );
                            name.context_menu(|ui| {
                                if ui.button("Remove resource").clicked() {
                                    actions.edit(Edit::RemoveCumulativeRow { index: row_index });
                                    ui.close();
                                }
                            });
                            let fed = feeding_metrics(report, &row.id);
                            ui.colored_label(
                                theme::weak_text(dark),
                                format!("{fed} metrics feed it"),
                            );
                        });
                        ui.vertical(|ui| {
                            sized_text_field_ui(
                                ui,
                                actions,
                                TextAddress::CumulativeRowUnit(row_index),
                                &row.unit,
                                1,
                                &format!("{} unit", row.name),
                                70.0,
                            );
                            if row.unit.trim().is_empty() {
                                ui.colored_label(
                                    theme::finding_marker(crate::check::Severity::Error, dark),
                                    "a resource needs a unit",
                                );
                            }
                        });
                        let budget = CellAddress::Cumulative {
                            row: row_index,
                            column: CumulativeColumn::Budget,
                        };
                        number_cell_ui(
                            ui,
                            &row.budget,
                            budget,
                            &format!("{}, budget", row.name),
                            style,
                            findings,
                            actions,
                        );
                        for (index, cell) in row.used.iter().enumerate() {
                            let address = CellAddress::Cumulative {
                                row: row_index,
                                column: CumulativeColumn::Checkpoint(index),
                            };
                            let label = table
                                .checkpoints
                                .get(index)
                                .map(|checkpoint| format!("{}, {}", row.name, checkpoint.label))
                                .unwrap_or_default();
                            number_cell_ui(ui, cell, address, &label, style, findings, actions);
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Add checkpoint").clicked() {
                    let month = table.checkpoints.last().map_or(6, |last| last.month + 6);
                    let label = format!(
                        "USED BY M{month} ({})",
                        report.project_start.project_month(month).short_name()
                    );
                    actions.edit(Edit::InsertCheckpoint {
                        index: table.checkpoints.len(),
                        checkpoint: Checkpoint { month, label },
                        values: Vec::new(),
                    });
                }
                if ui.button("Add resource").clicked() {
                    let label = format!("Resource {}", table.rows.len() + 1);
                    let id = table.unique_id(&label);
                    actions.edit(Edit::InsertCumulativeRow {
                        index: table.rows.len(),
                        row: CumulativeRow::new(
                            id,
                            label.clone(),
                            format!("{label} - Accumulative"),
                            "",
                            table.checkpoints.len(),
                        ),
                    });
                }
            });
        });
}

/// How many metrics point at the resource with id `resource`.
fn feeding_metrics(report: &Report, resource: &str) -> usize {
    report
        .installations
        .iter()
        .flat_map(|installation| &installation.metrics)
        .filter(|metric| metric.resource() == Some(resource))
        .count()
}

/// A number cell of Table 1: edited as written, hover tells how it was read.
fn number_cell_ui(
    ui: &mut egui::Ui,
    cell: &crate::model::Cell,
    address: CellAddress,
    accessible_name: &str,
    style: NumberStyle,
    findings: &FindingsView,
    actions: &mut Actions,
) {
    let display = cell_display(cell, style);
    let cell_findings = findings.cell_findings(address);
    let dark = ui.visuals().dark_mode;
    let mut text = cell.text().to_owned();
    let mut edit = egui::TextEdit::singleline(&mut text)
        .id_salt(("cumulative-cell", address))
        .align(egui::Align2::RIGHT_CENTER);
    let mark = cell_mark(&cell_findings);
    if let Some(mark) = mark {
        edit = edit.background_color(if mark.acknowledged {
            theme::acknowledged_fill(dark)
        } else {
            theme::finding_fill(mark.severity, dark)
        });
        edit = edit.text_color(theme::marked_text(dark));
    }
    let height = ui.spacing().interact_size.y;
    let response = ui
        .add_sized([CELL_WIDTH, height], edit)
        .accessible_name(accessible_name);
    if let Some(mark) = mark {
        let colour = if mark.acknowledged {
            theme::acknowledged_text(dark)
        } else {
            theme::finding_marker(mark.severity, dark)
        };
        let corner = response.rect.right_top();
        ui.painter().add(egui::Shape::convex_polygon(
            vec![
                corner,
                corner + egui::vec2(0.0, 8.0),
                corner + egui::vec2(-8.0, 0.0),
            ],
            colour,
            egui::Stroke::NONE,
        ));
    }
    if response.changed() {
        actions.typed(Edit::SetCell { address, text });
    }
    if response.lost_focus() {
        actions.push(super::actions::Action::EndTyping);
    }
    let own = match display.hover {
        Some(hover) => format!("{hover}\nShown in tables as {}", display.shown),
        None => format!("Shown in tables as {}", display.shown),
    };
    let hover = findings_hover(Some(&own), &cell_findings).unwrap_or(own);
    response.on_hover_text(hover);
}

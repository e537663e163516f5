//! The findings of the checks: computed once per revision of the report
//! ([`FindingsView`]), listed in a panel with filters, and lent to the
//! tables (cell marks) and the sidebar (count badges).

use std::collections::HashMap;

use super::actions::{Action, Actions};
use super::app::View;
use super::findings_dock::FindingsDock;
use super::metric_grid::{CellFinding, GridColumn, severity_word};
use super::theme;
use crate::check::{Finding, Location, Severity, check_report, open_counts};
use crate::edit::Edit;
use crate::model::{CellAddress, MetricColumn, Report};

/// Height of one entry of the findings list: a line with the severity,
/// the place and the buttons, then the message on up to two lines.
const ENTRY_HEIGHT: f32 = 46.0;

/// A rule's name as a reader says it; the rule's id only as a fallback.
pub fn rule_name(rule: &str) -> &str {
    match rule {
        "below-baseline" => "TOT below the baseline",
        "copied-values" => "Values copied from another metric",
        "total-country-union" => "Country TOT is not the union",
        "country-count-vs-list" => "Country count disagrees with the list",
        "country-code" => "Country code not ISO",
        "cumulative-decreasing" => "Cumulative use goes down",
        "cumulative-vs-installations" => "Table 1 disagrees with the installations",
        "budget-use" => "Budget exceeded",
        "period-columns" => "Period columns",
        "checkpoint-label" => "Checkpoint label",
        "prose-figure" => "Figure in the text disagrees with a table",
        "prose-date-range" => "Date range in the text",
        "total-quantity-sum" => "TOT is not the sum",
        "total-distinct-range" => "Count TOT out of range",
        "total-level" => "Level TOT is not its last value",
        "swapped-rows" => "List and count rows swapped",
        "wrong-type" => "Wrong kind of value",
        "missing-value" => "Missing value",
        other => other,
    }
}

/// Paints the severity's icon, a shape that differs by severity (a square
/// for errors, a triangle for warnings, a circle for info) so that it is
/// told apart without colour and without a font's symbols.
pub fn severity_icon_ui(ui: &mut egui::Ui, severity: Severity, colour: egui::Color32) {
    let size = 12.0;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let painter = ui.painter();
    let c = rect.center();
    let r = size / 2.0 - 0.5;
    match severity {
        Severity::Error => {
            painter.rect_filled(
                egui::Rect::from_center_size(c, egui::vec2(2.0 * r, 2.0 * r)),
                2.0,
                colour,
            );
        }
        Severity::Warning => {
            painter.add(egui::Shape::convex_polygon(
                vec![
                    c + egui::vec2(0.0, -r),
                    c + egui::vec2(r, r),
                    c + egui::vec2(-r, r),
                ],
                colour,
                egui::Stroke::NONE,
            ));
        }
        Severity::Info => {
            painter.circle_filled(c, r, colour);
        }
    }
}

/// One line of the findings list, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingEntry {
    pub severity: Severity,
    pub rule: &'static str,
    /// "INCD - CPU · Number of users · M25-M36".
    pub place: String,
    /// The place without the installation: "Number of users · M25-M36".
    pub place_within: String,
    pub message: String,
    pub fix_label: Option<String>,
    /// The reason, when acknowledged.
    pub acknowledged: Option<String>,
    pub location: Location,
}

/// A count badge of the sidebar: open findings of one installation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Badge {
    pub open: usize,
    pub worst: Option<Severity>,
}

/// The findings of one revision of the report and everything the window
/// derives from them.
#[derive(Clone, Debug, Default)]
pub struct FindingsView {
    pub revision: u64,
    pub findings: Vec<Finding>,
    pub entries: Vec<FindingEntry>,
    /// One per installation, in report order.
    pub badges: Vec<Badge>,
    /// Open findings per severity: error, warning, info.
    pub counts: [usize; 3],
    /// The rule ids that have findings, in [`crate::check::RULES`] order.
    pub rules: Vec<&'static str>,
    /// The report changed since these findings were computed (a check is
    /// running in the background); their fixes must wait.
    pub out_of_date: bool,
    by_cell: HashMap<CellAddress, Vec<usize>>,
}

impl FindingsView {
    pub fn new(report: &Report, revision: u64) -> Self {
        let findings = check_report(report);
        let mut entries = Vec::with_capacity(findings.len());
        let mut badges = vec![Badge::default(); report.installations.len()];
        let mut by_cell: HashMap<CellAddress, Vec<usize>> = HashMap::new();
        for (index, finding) in findings.iter().enumerate() {
            let names = finding.location.names(report);
            let within: Vec<String> = [names.metric, names.column]
                .into_iter()
                .flatten()
                .filter(|part| !part.trim().is_empty())
                .collect();
            let place: Vec<String> = names
                .installation
                .into_iter()
                .chain(within.iter().cloned())
                .collect();
            let acknowledged = finding.acknowledgement(report).map(|a| a.reason.clone());
            if acknowledged.is_none()
                && let Some(badge) = finding
                    .location
                    .installation()
                    .and_then(|i| badges.get_mut(i))
            {
                badge.open += 1;
                badge.worst = Some(
                    badge
                        .worst
                        .map_or(finding.severity, |w| w.min(finding.severity)),
                );
            }
            if let Some(address) = finding.location.cell_address() {
                by_cell.entry(address).or_default().push(index);
            }
            entries.push(FindingEntry {
                severity: finding.severity,
                rule: finding.rule,
                place: place.join(" · "),
                place_within: within.join(" · "),
                message: finding.message.clone(),
                fix_label: finding.fix.as_ref().map(|fix| fix.label.clone()),
                acknowledged,
                location: finding.location,
            });
        }
        let rules = crate::check::RULES
            .iter()
            .map(|rule| rule.id)
            .filter(|id| entries.iter().any(|e| e.rule == *id))
            .collect();
        Self {
            revision,
            counts: open_counts(report, &findings),
            findings,
            entries,
            badges,
            rules,
            by_cell,
            out_of_date: false,
        }
    }

    /// The findings that hit a table cell, as the cell shows them.
    pub fn cell_findings(&self, address: CellAddress) -> Vec<CellFinding> {
        self.by_cell
            .get(&address)
            .map(|indices| {
                indices
                    .iter()
                    .filter_map(|&i| self.entries.get(i).map(|entry| (i, entry)))
                    .map(|(index, entry)| CellFinding {
                        index,
                        severity: entry.severity,
                        message: entry.message.clone(),
                        fix: entry.fix_label.clone(),
                        acknowledged: entry.acknowledged.is_some(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The findings that hit a cell of installation `installation`'s metrics table.
    pub fn metric_cell_findings(
        &self,
        installation: usize,
        metric: usize,
        column: MetricColumn,
    ) -> Vec<CellFinding> {
        self.cell_findings(CellAddress::Metric {
            installation,
            metric,
            column,
        })
    }
}

/// What the panel shows and the acknowledgement being written.
#[derive(Clone, Debug)]
pub struct FindingsPanelState {
    /// Only the one line with the counts, the list hidden.
    pub collapsed: bool,
    /// Shown severities: error, warning, info.
    pub severities: [bool; 3],
    /// Only this rule, when set.
    pub rule: Option<&'static str>,
    pub show_acknowledged: bool,
    /// Only the findings of the installation on screen.
    pub only_shown_installation: bool,
    /// The finding (index into the entries) being acknowledged, and the reason so far.
    pub acknowledging: Option<(usize, String)>,
    /// A finding just fixed: its line stays in the list, saying so, so that
    /// the next finding's buttons do not slide under the pointer.
    pub fixed: Option<FixedLine>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedLine {
    /// Position in the list as it was shown.
    pub position: usize,
    pub text: String,
    /// The revision the fix was applied to; the line goes at the next change.
    pub revision: u64,
}

impl Default for FindingsPanelState {
    fn default() -> Self {
        Self {
            collapsed: false,
            severities: [true; 3],
            rule: None,
            show_acknowledged: true,
            only_shown_installation: false,
            acknowledging: None,
            fixed: None,
        }
    }
}

fn severity_slot(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Indices of the entries the filters let through; `shown` is the
/// installation on screen, if any.
pub fn visible_entries(
    view: &FindingsView,
    state: &FindingsPanelState,
    shown: Option<usize>,
) -> Vec<usize> {
    view.entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            state
                .severities
                .get(severity_slot(e.severity))
                .copied()
                .unwrap_or(true)
                && state.rule.is_none_or(|rule| rule == e.rule)
                && (state.show_acknowledged || e.acknowledged.is_none())
                && (!state.only_shown_installation || e.location.installation() == shown)
        })
        .map(|(i, _)| i)
        .collect()
}

/// What selecting a finding shows: its installation and cell, the
/// cumulative table, a section or the report.
pub fn reveal_action(report: &Report, location: Location) -> Action {
    match location {
        Location::Metric {
            installation,
            metric,
            column,
        } => {
            let columns = GridColumn::all(report.periods.len());
            let column = columns
                .iter()
                .position(|c| c.cell_column() == Some(column))
                .unwrap_or(0);
            Action::SelectCell {
                installation,
                row: metric,
                column,
            }
        }
        Location::Assessment(i) => Action::Select(View::Installation(i)),
        Location::Cumulative { .. } | Location::Checkpoint(_) => Action::Select(View::Cumulative),
        Location::Section(s) => Action::Select(View::Section(s)),
        Location::Period(_) => Action::Select(View::Report),
    }
}

/// The fix as one undo step named after what it does.
pub fn fix_edit(finding: &Finding) -> Option<Edit> {
    let fix = finding.fix.as_ref()?;
    let mut label = fix.label.clone();
    if let Some(first) = label.get(..1) {
        label = format!(
            "{}{}",
            first.to_lowercase(),
            label.get(1..).unwrap_or_default()
        );
    }
    Some(Edit::Batch {
        label,
        edits: vec![fix.edit.clone()],
    })
}

#[allow(clippy::too_many_arguments)] // one panel, drawn from the app's parts
pub fn findings_panel_ui(
    ui: &mut egui::Ui,
    report: &Report,
    view: &FindingsView,
    state: &mut FindingsPanelState,
    shown: Option<usize>,
    dock: FindingsDock,
    actions: &mut Actions,
) {
    let dark = ui.visuals().dark_mode;
    ui.add_space(2.0);
    ui.horizontal_wrapped(|ui| {
        ui.strong("Findings");
        ui.menu_button("Dock", |ui| {
            for choice in FindingsDock::ALL {
                if ui.radio(dock == choice, choice.label()).clicked() {
                    actions.push(Action::DockFindings(choice));
                    ui.close();
                }
            }
        })
        .response
        .on_hover_text("Where this panel sits in this kind of view");
        let (text, hover) = if state.collapsed {
            ("Show list", "Show the list of findings")
        } else {
            ("Hide list", "Hide the list, keep this line")
        };
        if ui.small_button(text).on_hover_text(hover).clicked() {
            state.collapsed = !state.collapsed;
        }
        let [error, warning, info] = view.counts;
        ui.colored_label(
            theme::weak_text(dark),
            format!("{error} errors · {warning} warnings · {info} info open"),
        );
        if view.out_of_date {
            ui.spinner();
            ui.colored_label(theme::weak_text(dark), "Checking the last change…")
                .on_hover_text("The list is of the report before the last change; Fix and Acknowledge wait until the check is done");
        }
        if state.collapsed {
            return;
        }
        ui.separator();
        for severity in Severity::ALL {
            let Some(shown) = state.severities.get_mut(severity_slot(severity)) else {
                continue;
            };
            // Open findings, as the counts beside "Findings" say.
            let count = view
                .entries
                .iter()
                .filter(|e| e.severity == severity && e.acknowledged.is_none())
                .count();
            let text = egui::RichText::new(format!("{} {count}", severity_word(severity)))
                .color(theme::finding_marker(severity, dark));
            let what = match severity {
                Severity::Error => "errors",
                Severity::Warning => "warnings",
                Severity::Info => "info",
            };
            ui.checkbox(shown, text)
                .on_hover_text(format!("Show {what}"))
                .accessible_name(format!("Show {what}"));
        }
        ui.checkbox(&mut state.show_acknowledged, "Acknowledged");
        ui.checkbox(&mut state.only_shown_installation, "This installation only")
            .on_hover_text("Only the findings of the installation on screen");
        let combo = egui::ComboBox::from_id_salt("findings-rule")
            .selected_text(state.rule.map_or("All rules", rule_name))
            .width(240.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.rule, None, "All rules");
                for &rule in &view.rules {
                    let description = crate::check::RULES
                        .iter()
                        .find(|r| r.id == rule)
                        .map(|r| r.description)
                        .unwrap_or_default();
                    ui.selectable_value(&mut state.rule, Some(rule), rule_name(rule))
                        .on_hover_text(description);
                }
            });
        combo.response.accessible_name("Rule filter");
    });
    if state.collapsed {
        return;
    }
    ui.separator();

    let visible = visible_entries(view, state, shown);
    if state
        .fixed
        .as_ref()
        .is_some_and(|fixed| view.revision != fixed.revision + 1)
    {
        state.fixed = None;
    }
    if visible.len() != view.entries.len() {
        ui.colored_label(
            theme::weak_text(dark),
            format!(
                "Showing {} of {} findings",
                visible.len(),
                view.entries.len()
            ),
        );
    }
    if visible.is_empty() {
        ui.colored_label(
            theme::weak_text(dark),
            if view.entries.is_empty() {
                "No findings: the numbers agree"
            } else {
                "No finding matches the filters"
            },
        );
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("findings-list")
        .auto_shrink([false, false])
        .show_rows(
            ui,
            ENTRY_HEIGHT,
            visible.len() + usize::from(state.fixed.is_some()),
            |ui, rows| {
                for line in rows {
                    let fixed_at = state.fixed.as_ref().map(|fixed| fixed.position);
                    let entry = match fixed_at {
                        Some(position) if line == position => {
                            let text = state
                                .fixed
                                .as_ref()
                                .map(|f| f.text.clone())
                                .unwrap_or_default();
                            ui.allocate_ui(egui::vec2(ui.available_width(), ENTRY_HEIGHT), |ui| {
                                ui.set_min_height(ENTRY_HEIGHT);
                                ui.label(text);
                            });
                            continue;
                        }
                        Some(position) if line > position => visible.get(line - 1),
                        _ => visible.get(line),
                    };
                    if let Some(&index) = entry {
                        entry_ui(ui, report, view, index, line, state, actions);
                    }
                }
            },
        );
}

fn entry_ui(
    ui: &mut egui::Ui,
    report: &Report,
    view: &FindingsView,
    index: usize,
    line: usize,
    state: &mut FindingsPanelState,
    actions: &mut Actions,
) {
    let (Some(entry), Some(finding)) = (view.entries.get(index), view.findings.get(index)) else {
        return;
    };
    let dark = ui.visuals().dark_mode;
    let acknowledged = entry.acknowledged.is_some();
    let text_colour = if acknowledged {
        theme::acknowledged_text(dark)
    } else {
        ui.visuals().text_color()
    };
    let marker_colour = if acknowledged {
        theme::acknowledged_text(dark)
    } else {
        theme::finding_marker(entry.severity, dark)
    };
    let mut hover = format!("{}: {}", severity_word(entry.severity), entry.message);
    if let Some(fix) = &entry.fix_label {
        hover.push_str(&format!("\nFix: {fix}"));
    }
    if let Some(reason) = &entry.acknowledged {
        hover.push_str(&format!("\nAcknowledged: {reason}"));
    }
    hover.push_str(&format!("\nRule: {}", rule_name(entry.rule)));
    ui.vertical(|ui| {
        ui.set_min_height(ENTRY_HEIGHT);
        ui.horizontal(|ui| {
            severity_icon_ui(ui, entry.severity, marker_colour);
            ui.colored_label(marker_colour, severity_word(entry.severity));
            let shown_place = if state.only_shown_installation {
                &entry.place_within
            } else {
                &entry.place
            };
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(reason) = &entry.acknowledged {
                    let withdraw = ui
                        .small_button("Withdraw")
                        .on_hover_text(format!("Acknowledged: {reason}"))
                        .accessible_name(format!("Withdraw acknowledgement: {}", entry.message));
                    if withdraw.clicked()
                        && let Some(position) = report
                            .acknowledgements
                            .iter()
                            .position(|a| finding.acknowledgement(report) == Some(a))
                    {
                        actions.edit(Edit::RemoveAcknowledgement { index: position });
                    }
                } else {
                    ui.add_enabled_ui(!view.out_of_date, |ui| {
                        let button = ui
                            .small_button("Acknowledge…")
                            .accessible_name(format!("Acknowledge: {}", entry.message));
                        if button.clicked() {
                            state.acknowledging = Some((index, String::new()));
                        }
                        if let Some(label) =
                            entry.fix_label.as_ref().filter(|_| finding.fix.is_some())
                        {
                            let fix = ui
                                .small_button(format!("Fix: {label}"))
                                .accessible_name(format!("Fix: {}", entry.message));
                            if fix.clicked() {
                                actions.push(Action::FixFinding(index));
                                state.fixed = Some(FixedLine {
                                    position: line,
                                    text: format!(
                                        "Fixed: {label} ({}). Ctrl+Z undoes it",
                                        entry.place
                                    ),
                                    revision: view.revision,
                                });
                            }
                        }
                    });
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    let place =
                        egui::Label::new(egui::RichText::new(shown_place).color(if acknowledged {
                            text_colour
                        } else {
                            theme::weak_text(dark)
                        }))
                        .truncate()
                        .show_tooltip_when_elided(false)
                        .sense(egui::Sense::click());
                    if ui.add(place).clicked() {
                        actions.push(reveal_action(report, entry.location));
                    }
                });
            });
        });
        // The whole message, wrapped; two lines hold nearly every message,
        // the tooltip the rest.
        let mut job = egui::text::LayoutJob::simple(
            entry.message.clone(),
            egui::TextStyle::Body.resolve(ui.style()),
            text_colour,
            ui.available_width(),
        );
        job.wrap.max_rows = 2;
        job.wrap.overflow_character = Some('…');
        let response = ui.add(egui::Label::new(job).sense(egui::Sense::click()));
        let name = format!("{}: {}", severity_word(entry.severity), entry.message);
        let response = response.accessible_name(name);
        // Clicking shows the cell: a button to assistive technology.
        ui.ctx().accesskit_node_builder(response.id, |node| {
            node.set_role(egui::accesskit::Role::Button);
        });
        if response.on_hover_text(hover).clicked() {
            actions.push(reveal_action(report, entry.location));
        }
    });
}

/// The findings of a place without cells (a prose section, an assessment),
/// listed above its text with their fixes.
pub fn place_findings_ui(
    ui: &mut egui::Ui,
    view: &FindingsView,
    location: Location,
    actions: &mut Actions,
) {
    let dark = ui.visuals().dark_mode;
    for (entry, finding) in view
        .entries
        .iter()
        .zip(&view.findings)
        .filter(|(e, _)| e.location == location)
    {
        let colour = if entry.acknowledged.is_some() {
            theme::acknowledged_text(dark)
        } else {
            theme::finding_marker(entry.severity, dark)
        };
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                colour,
                format!(
                    "{} {}: {}",
                    theme::FINDING_MARKER,
                    severity_word(entry.severity),
                    entry.message
                ),
            );
            if entry.acknowledged.is_none()
                && let (Some(label), Some(edit)) = (&entry.fix_label, fix_edit(finding))
                && ui
                    .small_button(label)
                    .accessible_name(format!("{label}: {}", entry.message))
                    .clicked()
            {
                actions.edit(edit);
            }
        });
    }
}

/// The dialog asking why a finding is acknowledged.
pub fn acknowledge_dialog_ui(
    ctx: &egui::Context,
    report: &Report,
    view: &FindingsView,
    state: &mut FindingsPanelState,
    actions: &mut Actions,
) {
    let Some((index, reason)) = state.acknowledging.as_mut() else {
        return;
    };
    let (Some(entry), Some(finding)) = (view.entries.get(*index), view.findings.get(*index)) else {
        state.acknowledging = None;
        return;
    };
    let mut done = false;
    let response = egui::Modal::new(egui::Id::unique("acknowledge-finding")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Acknowledge finding");
        ui.label(&entry.place);
        ui.label(&entry.message);
        ui.add_space(6.0);
        let field = ui
            .add(
                egui::TextEdit::multiline(reason)
                    .hint_text("Why the figures stand as they are")
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .accessible_name("Reason");
        // The reason takes the keyboard as the dialog opens, so typing
        // starts there.
        if reason.is_empty() && !field.has_focus() {
            field.request_focus();
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = !reason.trim().is_empty();
            if ui
                .add_enabled(ready, egui::Button::new("Acknowledge"))
                .clicked()
            {
                actions.edit(Edit::InsertAcknowledgement {
                    index: report.acknowledgements.len(),
                    acknowledgement: finding.acknowledge(report, reason.trim()),
                });
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
    });
    if done || response.should_close() {
        state.acknowledging = None;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::samples::Sample;

    fn sample_view() -> (Report, FindingsView) {
        let report = Sample::M36.report().unwrap();
        let view = FindingsView::new(&report, 0);
        (report, view)
    }

    #[test]
    fn badges_count_open_findings_per_installation() {
        let (report, view) = sample_view();
        assert_eq!(view.badges.len(), report.installations.len());
        // IFCA-CSIC CPU: the wrong TOT makes its worst finding an error.
        assert_eq!(view.badges[2].worst, Some(Severity::Error));
        let total: usize = view.badges.iter().map(|b| b.open).sum();
        let report_level = view
            .entries
            .iter()
            .filter(|e| e.location.installation().is_none())
            .count();
        assert_eq!(total + report_level, view.entries.len());
    }

    #[test]
    fn filters_by_severity_rule_and_acknowledgement() {
        let (_, view) = sample_view();
        let mut state = FindingsPanelState::default();
        assert_eq!(
            visible_entries(&view, &state, None).len(),
            view.entries.len()
        );
        state.severities = [true, false, false];
        let errors = visible_entries(&view, &state, None);
        assert_eq!(errors.len(), view.counts[0]);
        state.rule = Some("total-quantity-sum");
        assert_eq!(visible_entries(&view, &state, None).len(), 3);
        state.only_shown_installation = true;
        // IFCA-CSIC CPU's TOT is the one of the three in installation 2.
        assert_eq!(visible_entries(&view, &state, Some(2)).len(), 1);
        assert!(visible_entries(&view, &state, None).is_empty());
    }

    #[test]
    fn cells_get_their_findings() {
        let (_, view) = sample_view();
        let cell = view.metric_cell_findings(2, 0, MetricColumn::Total);
        assert_eq!(cell.len(), 1);
        assert_eq!(cell[0].severity, Severity::Error);
        assert_eq!(cell[0].fix.as_deref(), Some("Set TOT to 6,835,002"));
        assert!(
            view.metric_cell_findings(2, 0, MetricColumn::Period(0))
                .is_empty()
        );
    }

    #[test]
    fn selecting_a_metric_finding_selects_its_grid_cell() {
        let (report, _) = sample_view();
        let action = reveal_action(
            &report,
            Location::Metric {
                installation: 2,
                metric: 0,
                column: MetricColumn::Total,
            },
        );
        // Name, Baseline, Method, three periods, TOT.
        assert!(matches!(
            action,
            Action::SelectCell {
                installation: 2,
                row: 0,
                column: 6
            }
        ));
    }

    #[test]
    fn acknowledged_findings_are_greyed_not_counted() {
        let (mut report, view) = sample_view();
        let first = view.findings.first().unwrap().clone();
        report
            .acknowledgements
            .push(first.acknowledge(&report, "known"));
        let after = FindingsView::new(&report, 1);
        assert_eq!(after.entries[0].acknowledged.as_deref(), Some("known"));
        assert_eq!(after.entries.len(), view.entries.len());
        let slot = severity_slot(first.severity);
        assert_eq!(after.counts[slot] + 1, view.counts[slot]);
    }
}

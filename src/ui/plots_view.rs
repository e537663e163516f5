//! The plots: Table 1 against the budget, each resource's use per
//! installation, and each installation's metrics. The series come from
//! [`crate::plot`] (the same functions as the print figures); this file keeps
//! them per report revision, draws them with egui_plot, and turns a click on
//! a bar into a cell selection.

use egui_plot::{
    Bar, BarChart, Corner, GridInput, GridMark, HLine, HoverPosition, Legend, Line, LineStyle,
    MarkerShape, Plot, PlotPoints, Points, VLine,
};

use super::actions::{Action, Actions};
use super::app::View;
use super::metric_table::GridState;
use super::theme;
use crate::model::number_format::format_number;
use crate::model::{NumberStyle, Report, YearMonth};
use crate::plot::figure::month_label;
use crate::plot::series::contribution_resources;
use crate::plot::{
    Contributions, CumulativeSeries, FigureSelection, InstallationSeries, MetricSeries,
    contributions, cumulative_series, installation_series, segments,
};

/// Grid column of a metric table's first period (name, baseline, method come first).
const FIRST_PERIOD_COLUMN: usize = 3;
/// Width of a bar, in period columns.
const BAR_WIDTH: f64 = 0.6;

/// The tabs of the plots view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlotsTab {
    #[default]
    Consumption,
    Contributions,
    Installations,
}

impl PlotsTab {
    const ALL: [Self; 3] = [Self::Consumption, Self::Contributions, Self::Installations];

    fn label(self) -> &'static str {
        match self {
            Self::Consumption => "Usage against budget",
            Self::Contributions => "Use per installation",
            Self::Installations => "Installation metrics",
        }
    }
}

/// What the plots view draws, computed once per report revision.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotsModel {
    pub revision: u64,
    pub project_start: YearMonth,
    /// One per row of Table 1.
    pub cumulative: Vec<CumulativeSeries>,
    /// CPU, GPU and Storage, stacked by installation.
    pub contributions: Vec<Contributions>,
}

impl PlotsModel {
    pub fn new(report: &Report, revision: u64) -> Self {
        Self {
            revision,
            project_start: report.project_start,
            cumulative: cumulative_series(report),
            contributions: contribution_resources(report)
                .iter()
                .map(|resource| contributions(report, resource))
                .collect(),
        }
    }

    /// The cumulative series of the resource with id `resource`.
    pub fn cumulative_of(&self, resource: &str) -> Option<&CumulativeSeries> {
        self.cumulative.iter().find(|s| s.resource == resource)
    }
}

/// The plots view's state: the cached model and what the user picked.
#[derive(Debug, Default)]
pub struct PlotsState {
    model: Option<PlotsModel>,
    tab: PlotsTab,
    installation: usize,
    message: Option<String>,
}

impl PlotsState {
    /// The model for the report at `revision`, recomputed only when it changed.
    pub fn refresh(&mut self, report: &Report, revision: u64) -> &PlotsModel {
        if self
            .model
            .as_ref()
            .is_some_and(|model| model.revision != revision)
        {
            self.model = None;
        }
        self.model
            .get_or_insert_with(|| PlotsModel::new(report, revision))
    }

    /// The model last drawn.
    pub fn model(&self) -> Option<&PlotsModel> {
        self.model.as_ref()
    }
}

/// Legend entries of one cumulative plot. Each names its resource, so that
/// every entry on the page has its own accessible name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CumulativeLabels {
    pub used: String,
    pub running_sum: String,
    pub budget: Option<String>,
    pub crossing: Option<String>,
}

pub fn cumulative_labels(series: &CumulativeSeries, style: NumberStyle) -> CumulativeLabels {
    let title = series.title();
    let unit = series.unit.trim();
    CumulativeLabels {
        used: format!("{title} use (Table 1)"),
        running_sum: format!("{title} sum of the installations"),
        budget: series
            .budget
            .map(|budget| format!("{title} budget: {} {unit}", format_number(budget, 0, style))),
        crossing: series.crossing.as_ref().map(|crossing| {
            let how = match crossing.from_month {
                Some(from) => format!("interpolated between M{from} and M{}", crossing.to_month),
                None => format!("at the first checkpoint, M{}", crossing.to_month),
            };
            format!(
                "{title} budget reached about M{} ({how})",
                format_number(crossing.month, 1, style)
            )
        }),
    }
}

/// Hover text of a point: `CPU use (Table 1)` / `M24 (Aug 2024): 4,197,116 CPU-h`.
pub fn point_hover_text(
    name: &str,
    month: f64,
    value: f64,
    unit: &str,
    style: NumberStyle,
    project_start: YearMonth,
) -> String {
    let when = if month >= 1.0 && (month - month.round()).abs() < 1e-6 {
        month_label(month.round() as u32, project_start)
    } else {
        format!("about M{}", format_number(month, 1, style))
    };
    format!("{name}\n{when}: {}", with_unit(value, unit, style))
}

/// `2,270,601 CPU-h`; one decimal only when the value has a fraction.
pub fn with_unit(value: f64, unit: &str, style: NumberStyle) -> String {
    let decimals = if value.fract().abs() > 1e-9 { 1 } else { 0 };
    let number = format_number(value, decimals, style);
    if unit.trim().is_empty() {
        number
    } else {
        format!("{number} {}", unit.trim())
    }
}

/// The period of a click at `(x, y)` on bars of `BAR_WIDTH` centred on
/// 0, 1, 2...: the bar under the pointer, whose extent is `extent(period)`
/// as (bottom, top). `tolerance` widens thin bars vertically.
pub fn bar_at(
    x: f64,
    y: f64,
    count: usize,
    tolerance: f64,
    extent: impl Fn(usize) -> Option<(f64, f64)>,
) -> Option<usize> {
    let nearest = x.round();
    if (x - nearest).abs() > BAR_WIDTH / 2.0 || nearest < 0.0 {
        return None;
    }
    let period = nearest as usize;
    if period >= count {
        return None;
    }
    let (bottom, top) = extent(period)?;
    let (low, high) = (bottom.min(top), bottom.max(top));
    (low - tolerance..=high + tolerance)
        .contains(&y)
        .then_some(period)
}

/// The stack layer and period under a click on a contributions plot.
pub fn stacked_bar_at(
    contributions: &Contributions,
    x: f64,
    y: f64,
    tolerance: f64,
) -> Option<(usize, usize)> {
    let bases = contributions.stack_bases();
    let count = contributions.periods.len();
    // Top layers first: a thin layer on top wins over the one below it.
    contributions
        .layers
        .iter()
        .zip(&bases)
        .enumerate()
        .rev()
        .find_map(|(layer_index, (layer, base))| {
            let period = bar_at(x, y, count, tolerance, |period| {
                let value = (*layer.values.get(period)?)?;
                let bottom = *base.get(period)?;
                Some((bottom, bottom + value))
            })?;
            Some((layer_index, period))
        })
}

/// The whole plots view.
#[allow(clippy::too_many_arguments)] // the view's inputs, each used
pub fn plots_ui(
    ui: &mut egui::Ui,
    report: &Report,
    revision: u64,
    state: &mut PlotsState,
    style: NumberStyle,
    grid: &mut GridState,
    native_dialogs: bool,
    actions: &mut Actions,
) {
    let dark = ui.visuals().dark_mode;
    state.refresh(report, revision);
    ui.horizontal(|ui| {
        ui.heading("Plots");
        for tab in PlotsTab::ALL {
            if ui.selectable_label(state.tab == tab, tab.label()).clicked() {
                state.tab = tab;
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let button = ui
                .add_enabled(native_dialogs, egui::Button::new("Save figures…"))
                .on_hover_text("Write every plot as PNG and SVG into a folder")
                .on_disabled_hover_text("No file dialog available");
            if button.clicked() {
                state.message = save_figures(report, style);
            }
        });
    });
    if let Some(message) = &state.message {
        ui.colored_label(theme::weak_text(dark), message);
    }
    ui.separator();
    let PlotsState {
        model,
        tab,
        installation,
        ..
    } = state;
    let Some(model) = model.as_ref() else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("plots-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| match tab {
            PlotsTab::Consumption => {
                if model.cumulative.is_empty() {
                    ui.colored_label(theme::weak_text(dark), "Table 1 has no rows to plot");
                }
                for (number, series) in (1..).zip(&model.cumulative) {
                    ui.strong(series.caption(number));
                    cumulative_plot_ui(ui, series, model.project_start, style);
                    ui.add_space(12.0);
                }
            }
            PlotsTab::Contributions => {
                for contribution in &model.contributions {
                    ui.strong(format!(
                        "{} use per period by installation",
                        contribution.label.as_str()
                    ));
                    if contribution.layers.is_empty() {
                        ui.colored_label(
                            theme::weak_text(dark),
                            format!(
                                "No installation reports {} use",
                                contribution.label.as_str()
                            ),
                        );
                    } else {
                        contributions_plot_ui(ui, contribution, style, grid, actions);
                    }
                    ui.add_space(12.0);
                }
            }
            PlotsTab::Installations => {
                if report.installations.is_empty() {
                    ui.colored_label(theme::weak_text(dark), "No installations yet");
                    return;
                }
                *installation = (*installation).min(report.installations.len() - 1);
                let selected = report
                    .installations
                    .get(*installation)
                    .map(|i| i.name.clone())
                    .unwrap_or_default();
                egui::ComboBox::new("plots-installation", "Installation")
                    .selected_text(selected)
                    .show_ui(ui, |ui| {
                        for (index, item) in report.installations.iter().enumerate() {
                            ui.selectable_value(installation, index, &item.name);
                        }
                    });
                ui.add_space(6.0);
                installation_plots_ui(ui, report, *installation, style, grid, actions, true);
            }
        });
}

/// Writes every figure into a folder the user picks; returns what happened.
fn save_figures(report: &Report, style: NumberStyle) -> Option<String> {
    let dir = rfd::FileDialog::new()
        .set_title("Save figures into folder")
        .pick_folder()?;
    Some(
        match crate::export::figures::write_figures(report, &dir, style, FigureSelection::ALL) {
            Ok(written) => format!("Saved {} figures in {}", written.len(), dir.display()),
            Err(error) => format!("Could not save the figures: {error}"),
        },
    )
}

/// Grid marks at the multiples of `step` inside the bounds (checkpoint
/// months every 6, period columns every 1): few lines, each labelled.
fn step_marks(input: GridInput, step: f64) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    if !low.is_finite() || !high.is_finite() {
        return Vec::new();
    }
    let step = step.max(1.0);
    let mut value = (low.max(0.0) / step).ceil() * step;
    let last = high.min(10_000.0);
    let mut marks = Vec::new();
    while value <= last && marks.len() < 1000 {
        marks.push(GridMark {
            value,
            step_size: step,
        });
        value += step;
    }
    marks
}

fn axis_number(mark: GridMark, style: NumberStyle) -> String {
    let decimals = if mark.step_size < 1.0 { 1 } else { 0 };
    format_number(mark.value, decimals, style)
}

fn cumulative_plot_ui(
    ui: &mut egui::Ui,
    series: &CumulativeSeries,
    project_start: YearMonth,
    style: NumberStyle,
) {
    let dark = ui.visuals().dark_mode;
    let labels = cumulative_labels(series, style);
    let unit = series.unit.trim().to_owned();
    let last_month = series
        .used
        .iter()
        .map(|point| f64::from(point.month))
        .fold(12.0, f64::max);
    let hover_unit = unit.clone();
    let plot_name = format!("{} usage plot", series.title());
    let response = Plot::new(("cumulative-plot", series.row))
        .height(280.0)
        .legend(
            Legend::default()
                .position(Corner::LeftTop)
                .follow_insertion_order(true),
        )
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .include_x(0.0)
        .include_x(last_month + 1.0)
        .include_y(0.0)
        .include_y(series.max_value() * 1.1)
        .x_axis_label("Project month")
        .y_axis_label(format!("Cumulative use ({unit})"))
        .x_grid_spacer(|input| step_marks(input, 6.0))
        .x_axis_formatter(|mark, _| {
            if mark.step_size >= 6.0 && mark.value > 0.0 {
                format!("M{}", mark.value)
            } else {
                String::new()
            }
        })
        .y_axis_formatter(move |mark, _| axis_number(mark, style))
        .y_axis_min_width(70.0)
        .label_formatter(move |position| match position {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(point_hover_text(
                plot_name,
                position.x,
                position.y,
                &hover_unit,
                style,
                project_start,
            )),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot_ui| {
            let used_colour = theme::plot::used(dark);
            for run in segments(&series.used) {
                let points: Vec<[f64; 2]> = run.iter().map(|&(x, y)| [x, y]).collect();
                plot_ui.line(
                    Line::new(labels.used.clone(), PlotPoints::from(points.clone()))
                        .color(used_colour)
                        .width(2.5)
                        // Hover the markers: a line's nearest vertex may be
                        // far from the pointer and would name the wrong month.
                        .allow_hover(false),
                );
                plot_ui.points(
                    Points::new(labels.used.clone(), PlotPoints::from(points))
                        .shape(MarkerShape::Circle)
                        .filled(true)
                        .radius(4.5)
                        .color(used_colour),
                );
            }
            let sum_colour = theme::plot::running_sum(dark);
            for run in segments(&series.running_sum) {
                let points: Vec<[f64; 2]> = run.iter().map(|&(x, y)| [x, y]).collect();
                plot_ui.line(
                    Line::new(labels.running_sum.clone(), PlotPoints::from(points.clone()))
                        .color(sum_colour)
                        .width(2.0)
                        .style(LineStyle::Dashed { length: 8.0 })
                        .allow_hover(false),
                );
                plot_ui.points(
                    Points::new(labels.running_sum.clone(), PlotPoints::from(points))
                        .shape(MarkerShape::Square)
                        .filled(false)
                        .radius(7.0)
                        .color(sum_colour),
                );
            }
            if let (Some(budget), Some(name)) = (series.budget, &labels.budget) {
                plot_ui.hline(
                    HLine::new(name.clone(), budget)
                        .color(theme::plot::target(dark))
                        .width(2.0)
                        .style(LineStyle::Dashed { length: 12.0 }),
                );
            }
            if let (Some(crossing), Some(budget), Some(name)) =
                (&series.crossing, series.budget, &labels.crossing)
            {
                let colour = theme::plot::crossing(dark);
                plot_ui.vline(
                    VLine::new(name.clone(), crossing.month)
                        .color(colour)
                        .width(1.0)
                        .style(LineStyle::Dotted { spacing: 4.0 }),
                );
                plot_ui.points(
                    Points::new(name.clone(), vec![[crossing.month, budget]])
                        .shape(MarkerShape::Diamond)
                        .filled(true)
                        .radius(7.0)
                        .color(colour),
                );
            }
        });
    name_plot(&response.response, plot_name);
}

/// Gives a plot area an accessible name (egui_plot gives it none).
fn name_plot(response: &egui::Response, name: String) {
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::Figure, true, name.clone())
    });
}

fn contributions_plot_ui(
    ui: &mut egui::Ui,
    contributions: &Contributions,
    style: NumberStyle,
    grid: &mut GridState,
    actions: &mut Actions,
) {
    let dark = ui.visuals().dark_mode;
    let unit = contributions.unit.clone();
    let periods = contributions.periods.clone();
    let bases = contributions.stack_bases();
    let totals = contributions.totals();
    let top = totals.iter().copied().fold(0.0, f64::max);
    let count = periods.len();
    let response = Plot::new(("contributions-plot", contributions.label.as_str()))
        .height(300.0)
        .legend(Legend::default().position(Corner::LeftTop))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .include_x(-0.6)
        .include_x(count as f64 - 0.4)
        .include_y(0.0)
        .include_y(top * 1.1)
        .x_axis_label("Reporting period")
        .y_axis_label(format!("Use per period ({unit})"))
        .x_grid_spacer(|input| step_marks(input, 1.0))
        .x_axis_formatter(move |mark, _| period_axis_label(&periods, mark.value))
        .y_axis_formatter(move |mark, _| axis_number(mark, style))
        .y_axis_min_width(70.0)
        .show(ui, |plot_ui| {
            for (index, (layer, base)) in contributions.layers.iter().zip(&bases).enumerate() {
                let colour = theme::plot::layer(index, dark);
                let bars: Vec<Bar> = layer
                    .values
                    .iter()
                    .zip(base)
                    .enumerate()
                    .filter_map(|(period, (value, base))| {
                        let value = (*value)?;
                        let label = contributions.periods.get(period)?;
                        Some(
                            Bar::new(period as f64, value)
                                .base_offset(*base)
                                .width(BAR_WIDTH)
                                .fill(colour)
                                .name(format!(
                                    "{}\n{label}: {}",
                                    layer.name,
                                    with_unit(value, &contributions.unit, style)
                                )),
                        )
                    })
                    .collect();
                plot_ui.bar_chart(
                    BarChart::new(layer.name.clone(), bars)
                        .color(colour)
                        .element_formatter(Box::new(|bar, _| bar.name.clone())),
                );
            }
            let tolerance = plot_ui.transform().dvalue_dpos()[1].abs() * 4.0;
            plot_ui.pointer_coordinate().map(|p| (p, tolerance))
        });
    name_plot(
        &response.response,
        format!("{} use per installation plot", contributions.label.as_str()),
    );
    if response.response.clicked()
        && let Some((pointer, tolerance)) = response.inner
        && let Some((layer, period)) =
            stacked_bar_at(contributions, pointer.x, pointer.y, tolerance)
        && let Some(layer) = contributions.layers.get(layer)
    {
        grid.select(
            layer.installation,
            layer.metric,
            FIRST_PERIOD_COLUMN + period,
        );
        actions.push(Action::Select(View::Installation(layer.installation)));
    }
}

/// An installation's numeric metrics as bars with their baselines, two per
/// row. Clicking a bar selects its cell; with `navigate`, it also opens the
/// installation.
pub fn installation_plots_ui(
    ui: &mut egui::Ui,
    report: &Report,
    index: usize,
    style: NumberStyle,
    grid: &mut GridState,
    actions: &mut Actions,
    navigate: bool,
) {
    let dark = ui.visuals().dark_mode;
    let Some(series) = installation_series(report, index) else {
        return;
    };
    let drawn: Vec<&MetricSeries> = series.metrics.iter().filter(|m| m.has_numbers()).collect();
    if drawn.is_empty() {
        ui.colored_label(
            theme::weak_text(dark),
            "No metric of this installation holds numbers",
        );
        return;
    }
    let width = ((ui.available_width() - 16.0) / 2.0).max(240.0);
    for pair in drawn.chunks(2) {
        ui.horizontal_top(|ui| {
            for metric in pair {
                ui.vertical(|ui| {
                    ui.set_width(width);
                    metric_plot_ui(ui, &series, metric, style, grid, actions, navigate);
                });
            }
        });
        ui.add_space(8.0);
    }
}

fn metric_plot_ui(
    ui: &mut egui::Ui,
    series: &InstallationSeries,
    metric: &MetricSeries,
    style: NumberStyle,
    grid: &mut GridState,
    actions: &mut Actions,
    navigate: bool,
) {
    let dark = ui.visuals().dark_mode;
    ui.strong(&metric.name);
    let unit = metric.unit.clone();
    let periods = series.periods.clone();
    let count = periods.len();
    // Short legend entries: the metric's name is the plot's heading.
    let bar_name = "Value per period".to_owned();
    // The baseline in the axes' number style; the text as written follows
    // when it reads differently ("4.000.000", "3M").
    let baseline_name = metric.baseline.as_ref().map(|baseline| {
        let decimals = if baseline.value.fract().abs() > 1e-9 {
            1
        } else {
            0
        };
        let number = format_number(baseline.value, decimals, style);
        let written = baseline.text.trim();
        if written.is_empty() || written == number {
            format!("Baseline: {number}")
        } else {
            format!("Baseline: {number} (written {written})")
        }
    });
    let top = metric.max_value();
    let response = Plot::new(("metric-plot", series.installation, metric.metric))
        .height(200.0)
        .legend(Legend::default().position(Corner::LeftTop))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .include_x(-0.6)
        .include_x(count as f64 - 0.4)
        .include_y(0.0)
        // Room above the bars for the legend.
        .include_y(top * 1.4)
        .y_axis_label(if unit.is_empty() {
            "Number".to_owned()
        } else {
            unit.clone()
        })
        .x_grid_spacer(|input| step_marks(input, 1.0))
        .x_axis_formatter(move |mark, _| period_axis_label(&periods, mark.value))
        .y_axis_formatter(move |mark, _| axis_number(mark, style))
        .y_axis_min_width(60.0)
        .show(ui, |plot_ui| {
            let bars: Vec<Bar> = metric
                .values
                .iter()
                .enumerate()
                .filter_map(|(period, value)| {
                    let value = (*value)?;
                    let label = series.periods.get(period)?;
                    Some(
                        Bar::new(period as f64, value)
                            .width(BAR_WIDTH)
                            .fill(theme::plot::bar(dark))
                            .name(format!(
                                "{}\n{label}: {}",
                                metric.name,
                                with_unit(value, &metric.unit, style)
                            )),
                    )
                })
                .collect();
            plot_ui.bar_chart(
                BarChart::new(bar_name.clone(), bars)
                    .color(theme::plot::bar(dark))
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            if let (Some(baseline), Some(name)) = (&metric.baseline, &baseline_name) {
                plot_ui.hline(
                    HLine::new(name.clone(), baseline.value)
                        .color(theme::plot::target(dark))
                        .width(2.0)
                        .style(LineStyle::Dashed { length: 10.0 }),
                );
            }
            let tolerance = plot_ui.transform().dvalue_dpos()[1].abs() * 4.0;
            plot_ui.pointer_coordinate().map(|p| (p, tolerance))
        });
    name_plot(
        &response.response,
        format!("{}, {} plot", series.name, metric.name),
    );
    let gaps: Vec<&str> = metric
        .values
        .iter()
        .zip(&series.periods)
        .filter(|(value, _)| value.is_none())
        .map(|(_, label)| label.as_str())
        .collect();
    if !gaps.is_empty() {
        ui.colored_label(
            theme::weak_text(dark),
            format!("Not a number, not drawn: {}", gaps.join(", ")),
        );
    }
    if response.response.clicked()
        && let Some((pointer, tolerance)) = response.inner
        && let Some(period) = bar_at(pointer.x, pointer.y, count, tolerance, |period| {
            Some((0.0, (*metric.values.get(period)?)?))
        })
    {
        grid.select(
            series.installation,
            metric.metric,
            FIRST_PERIOD_COLUMN + period,
        );
        if navigate {
            actions.push(Action::Select(View::Installation(series.installation)));
        }
    }
}

/// The label of a period axis mark: the period's label on whole positions
/// (bar centres), nothing between them.
fn period_axis_label(periods: &[String], position: f64) -> String {
    let index = position.round();
    if (position - index).abs() > 1e-6 || index < 0.0 {
        return String::new();
    }
    periods.get(index as usize).cloned().unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::samples::Sample;

    fn start() -> YearMonth {
        YearMonth::new(2022, 9).unwrap()
    }

    #[test]
    fn the_model_is_recomputed_only_for_a_new_revision() {
        let mut report = Sample::M36.report().unwrap();
        let mut state = PlotsState::default();
        let cpu =
            |state: &PlotsState| state.model().unwrap().cumulative_of("cpu").unwrap().used[5].value;
        state.refresh(&report, 1);
        assert_eq!(cpu(&state), Some(11_113_730.0));
        report.cumulative.rows[2].used[5] = crate::model::Cell::new("12,000,000");
        state.refresh(&report, 1);
        assert_eq!(cpu(&state), Some(11_113_730.0), "same revision: kept");
        state.refresh(&report, 2);
        assert_eq!(cpu(&state), Some(12_000_000.0));
        assert_eq!(state.model().unwrap().contributions.len(), 3);
    }

    #[test]
    fn legend_labels_name_their_resource() {
        let report = Sample::M36.report().unwrap();
        let model = PlotsModel::new(&report, 0);
        let cpu = cumulative_labels(model.cumulative_of("cpu").unwrap(), NumberStyle::Us);
        assert_eq!(cpu.used, "CPU use (Table 1)");
        assert_eq!(cpu.running_sum, "CPU sum of the installations");
        assert_eq!(cpu.budget.unwrap(), "CPU budget: 6,000,000 CPU-h");
        assert_eq!(
            cpu.crossing.unwrap(),
            "CPU budget reached about M27.3 (interpolated between M24 and M30)"
        );
        let storage = cumulative_labels(model.cumulative_of("storage").unwrap(), NumberStyle::Eu);
        assert_eq!(storage.budget.unwrap(), "Storage budget: 1.500 TB-month");
        assert_eq!(storage.crossing, None);
    }

    #[test]
    fn hover_texts_carry_separators_units_and_months() {
        assert_eq!(
            point_hover_text(
                "CPU use (Table 1)",
                24.0,
                4_197_116.0,
                "CPU-h",
                NumberStyle::Us,
                start()
            ),
            "CPU use (Table 1)\nM24 (Aug 2024): 4,197,116 CPU-h"
        );
        assert_eq!(
            point_hover_text("x", 27.31, 6_000_000.0, "CPU-h", NumberStyle::Si, start()),
            "x\nabout M27.3: 6\u{202F}000\u{202F}000 CPU-h"
        );
        assert_eq!(with_unit(29_433.6, "", NumberStyle::Eu), "29.433,6");
    }

    #[test]
    fn axes_are_marked_at_checkpoint_steps() {
        let input = |low, high| GridInput {
            bounds: (low, high),
            base_step_size: 0.1,
        };
        let values = |marks: Vec<GridMark>| marks.iter().map(|m| m.value).collect::<Vec<_>>();
        assert_eq!(values(step_marks(input(-1.5, 13.2), 6.0)), [0.0, 6.0, 12.0]);
        assert_eq!(values(step_marks(input(-0.6, 2.6), 1.0)), [0.0, 1.0, 2.0]);
        assert!(step_marks(input(f64::NAN, f64::NAN), 6.0).is_empty());
    }

    #[test]
    fn a_click_finds_the_bar_under_it() {
        let values = [Some(10.0), None, Some(30.0)];
        let extent = |period: usize| Some((0.0, (*values.get(period)?)?));
        assert_eq!(bar_at(0.1, 5.0, 3, 0.0, extent), Some(0));
        assert_eq!(bar_at(2.2, 29.0, 3, 0.0, extent), Some(2));
        assert_eq!(bar_at(2.2, 31.0, 3, 0.0, extent), None, "above the bar");
        assert_eq!(
            bar_at(2.2, 31.0, 3, 2.0, extent),
            Some(2),
            "within tolerance"
        );
        assert_eq!(bar_at(1.0, 0.0, 3, 0.0, extent), None, "a gap has no bar");
        assert_eq!(bar_at(0.5, 5.0, 3, 0.0, extent), None, "between bars");
        assert_eq!(bar_at(-1.0, 5.0, 3, 0.0, extent), None);
        assert_eq!(bar_at(3.0, 5.0, 3, 0.0, extent), None);
    }

    #[test]
    fn a_click_on_a_stack_finds_its_installation() {
        let report = Sample::M36.report().unwrap();
        let cpu = contributions(&report, "cpu");
        // M25-M36: IFCA 4,424,245 at the bottom, INCD 2,270,601 above it.
        assert_eq!(stacked_bar_at(&cpu, 2.0, 1_000_000.0, 0.0), Some((0, 2)));
        assert_eq!(stacked_bar_at(&cpu, 2.0, 5_000_000.0, 0.0), Some((1, 2)));
        assert_eq!(stacked_bar_at(&cpu, 2.0, 6_800_000.0, 0.0), Some((2, 2)));
        assert_eq!(stacked_bar_at(&cpu, 2.0, 9_000_000.0, 0.0), None);
    }
}

//! Print figures of the plot series, drawn with plotters into PNG and SVG
//! bytes (nothing here touches the file system).
//!
//! Styled for a printed deliverable: white background, black text in the
//! embedded DejaVu Sans at 8.5 pt or more when the figure prints at its
//! 254 dpi (16 cm wide), series told apart by line style and marker as well
//! as colour (so they survive greyscale printing), axis titles with units,
//! every number (values, baselines, axes) in the reader's number style.
//! A baseline is named by a key in a band above every bar, never over
//! data ([`panel_geometry`]). A caption is drawn under the plot only when
//! the figure has one; the DOCX and image files leave it to the document.

use std::sync::{Arc, OnceLock};

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::series::{
    Contributions, CumulativeSeries, InstallationSeries, MetricSeries, SeriesPoint, segments,
};
use crate::model::number_format::format_number;
use crate::model::{NumberStyle, YearMonth};

/// The embedded font's family name.
const FONT_NAME: &str = "DejaVu Sans";
/// The font family figures ask for: plotters measures text with the
/// embedded font registered under this name, and SVG readers get a CSS list
/// that falls back to their own sans-serif font.
const FONT: &str = "DejaVu Sans, sans-serif";
/// DejaVu Sans (Bitstream Vera licence, `assets/fonts/DejaVuSans-LICENSE.txt`).
static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// PNG pixels per metre: 254 dpi, so a 1600-pixel figure prints 16 cm wide,
/// the text width of an A4 page.
const PNG_PIXELS_PER_METRE: u32 = 10_000;

/// The smallest figure: 1600 x 900 pixels.
pub const MIN_WIDTH: u32 = 1600;
pub const MIN_HEIGHT: u32 = 900;

const CAPTION_HEIGHT: u32 = 90;
const PANEL_HEIGHT: u32 = 560;

/// The PNG's resolution, dots per inch (`PNG_PIXELS_PER_METRE`).
pub const DPI: f64 = 254.0;
/// plotters writes a font of size `s` as `font-size` `s / 1.24`.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// The size to ask plotters for, so that text prints at `points` when the
/// figure is printed at [`DPI`] (its 1600 pixels are 16 cm, the text width).
const fn size_for_points(points: f64) -> f64 {
    points * DPI / 72.0 * PLOTTERS_FONT_SCALE
}

// Text sizes: nothing under 8 pt in print.
const TICK_SIZE: f64 = size_for_points(9.0);
const AXIS_TITLE_SIZE: f64 = size_for_points(9.5);
const LEGEND_SIZE: f64 = size_for_points(9.0);
const VALUE_SIZE: f64 = size_for_points(8.5);
const PANEL_TITLE_SIZE: f64 = size_for_points(9.5);
const CAPTION_SIZE: f64 = size_for_points(10.0);

// Okabe-Ito colours: told apart with colour blindness, and of different
// lightness so that they stay apart in greyscale.
const USE_COLOUR: RGBColor = RGBColor(0, 84, 147);
const SUM_COLOUR: RGBColor = RGBColor(213, 94, 0);
const BUDGET_COLOUR: RGBColor = RGBColor(40, 40, 40);
const GRID_COLOUR: RGBColor = RGBColor(225, 225, 225);
const BAR_FILL: RGBColor = RGBColor(150, 170, 190);
const NOTE_COLOUR: RGBColor = RGBColor(110, 110, 110);
/// Stack layers: light to dark alternating so that neighbours differ in greyscale.
const LAYER_COLOURS: [RGBColor; 8] = [
    RGBColor(86, 180, 233),
    RGBColor(0, 84, 147),
    RGBColor(240, 228, 66),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(80, 80, 80),
    RGBColor(230, 159, 0),
    RGBColor(204, 121, 167),
];

/// A legend sample of a dashed line, 40 pixels long, starting at `(x, y)`.
macro_rules! dashed_legend {
    ($x:expr, $y:expr, $line:expr) => {
        EmptyElement::at(($x, $y))
            + PathElement::new(vec![(0, 0), (10, 0)], $line)
            + PathElement::new(vec![(15, 0), (25, 0)], $line)
            + PathElement::new(vec![(30, 0), (40, 0)], $line)
    };
}

#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    #[error("the embedded font cannot be read")]
    Font,
    #[error("cannot draw the figure: {0}")]
    Draw(String),
    #[error("cannot encode the png image: {0}")]
    Encode(String),
}

fn draw_error(error: impl std::fmt::Display) -> FigureError {
    FigureError::Draw(error.to_string())
}

/// The fonts resvg may use: only the embedded one, also as sans-serif.
fn font_database() -> Arc<resvg::usvg::fontdb::Database> {
    static DATABASE: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| {
            let mut database = resvg::usvg::fontdb::Database::new();
            database.load_font_data(FONT_BYTES.to_vec());
            database.set_sans_serif_family(FONT_NAME);
            Arc::new(database)
        })
        .clone()
}

fn ensure_font() -> Result<(), FigureError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let registered = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, FONT_BYTES).is_ok()
    });
    if registered {
        Ok(())
    } else {
        Err(FigureError::Font)
    }
}

/// What a figure shows.
#[derive(Clone, Debug, PartialEq)]
pub enum FigureData {
    /// Table 1 for one resource: use, budget, installations' running sum.
    Cumulative(CumulativeSeries),
    /// One installation's numeric metrics per period with their baselines.
    Installation(InstallationSeries),
    /// A resource's use per period, stacked by installation.
    Contributions(Contributions),
}

/// A figure ready to render: its data, caption and pixel size.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub caption: String,
    pub data: FigureData,
    pub width: u32,
    pub height: u32,
    pub style: NumberStyle,
    /// The calendar month of M1, for checkpoint labels (`M12 (Aug 2023)`).
    pub project_start: YearMonth,
}

impl Figure {
    pub fn new(
        data: FigureData,
        caption: String,
        style: NumberStyle,
        project_start: YearMonth,
    ) -> Self {
        let height = match &data {
            FigureData::Installation(series) => {
                let panels = drawn_metrics(series).len();
                let columns = panel_columns(panels).max(1);
                let rows = u32::try_from(panels.div_ceil(columns)).unwrap_or(1).max(1);
                (rows * PANEL_HEIGHT + CAPTION_HEIGHT).max(MIN_HEIGHT)
            }
            _ => MIN_HEIGHT,
        };
        let height = if caption.is_empty() {
            height - CAPTION_HEIGHT
        } else {
            height
        };
        Self {
            caption,
            data,
            width: MIN_WIDTH,
            height,
            style,
            project_start,
        }
    }

    /// The same figure without the caption under the plot, for a document
    /// that numbers and captions its figures itself (the DOCX, and image
    /// files whose captions are kept beside them): "Figure 4" drawn into an
    /// image would not follow the document's numbering.
    pub fn without_caption(mut self) -> Self {
        if !self.caption.is_empty() {
            self.caption.clear();
            self.height = self.height.saturating_sub(CAPTION_HEIGHT);
        }
        self
    }

    /// The figure as a PNG image (8-bit RGB, 254 dpi): the SVG rasterised
    /// by resvg, so both files look the same and text is properly shaped.
    pub fn png(&self) -> Result<Vec<u8>, FigureError> {
        let svg = self.svg()?;
        let options = resvg::usvg::Options {
            fontdb: font_database(),
            font_family: FONT_NAME.to_owned(),
            ..Default::default()
        };
        let tree = resvg::usvg::Tree::from_str(&svg, &options)
            .map_err(|error| FigureError::Draw(error.to_string()))?;
        let mut pixmap = resvg::tiny_skia::Pixmap::new(self.width, self.height)
            .ok_or_else(|| FigureError::Draw("the figure has no pixels".to_owned()))?;
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::identity(),
            &mut pixmap.as_mut(),
        );
        // Opaque on white: dropping alpha keeps the colours exactly.
        let rgb: Vec<u8> = pixmap
            .data()
            .chunks_exact(4)
            .flat_map(|pixel| pixel.iter().take(3).copied())
            .collect();
        encode_png(&rgb, self.width, self.height)
    }

    /// The figure as an SVG document (text as text, in DejaVu Sans or the
    /// reader's sans-serif font).
    pub fn svg(&self) -> Result<String, FigureError> {
        ensure_font()?;
        let mut text = String::new();
        {
            let root =
                SVGBackend::with_string(&mut text, (self.width, self.height)).into_drawing_area();
            self.draw(&root)?;
            root.present().map_err(draw_error)?;
        }
        Ok(text)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), FigureError> {
        root.fill(&WHITE).map_err(draw_error)?;
        let caption_height = if self.caption.is_empty() {
            0
        } else {
            CAPTION_HEIGHT
        };
        let plot_height = self.height.saturating_sub(caption_height);
        let (plot, caption) = root.split_vertically(plot_height);
        match &self.data {
            FigureData::Cumulative(series) => draw_cumulative(&plot, series, self)?,
            FigureData::Installation(series) => draw_installation(&plot, series, self)?,
            FigureData::Contributions(contributions) => {
                draw_contributions(&plot, contributions, self)?
            }
        }
        if self.caption.is_empty() {
            return Ok(());
        }
        let centre = (
            i32::try_from(self.width / 2).unwrap_or(0),
            i32::try_from(CAPTION_HEIGHT / 2).unwrap_or(0),
        );
        caption
            .draw(&Text::new(
                self.caption.clone(),
                centre,
                text_style(CAPTION_SIZE).pos(Pos::new(HPos::Center, VPos::Center)),
            ))
            .map_err(draw_error)?;
        Ok(())
    }
}

fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, FigureError> {
    let encode_error = |error: png::EncodingError| FigureError::Encode(error.to_string());
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: PNG_PIXELS_PER_METRE,
            yppu: PNG_PIXELS_PER_METRE,
            unit: png::Unit::Meter,
        }));
        let mut writer = encoder.write_header().map_err(encode_error)?;
        writer.write_image_data(pixels).map_err(encode_error)?;
        writer.finish().map_err(encode_error)?;
    }
    Ok(out)
}

fn text_style(size: f64) -> TextStyle<'static> {
    (FONT, size).into_font().color(&BLACK)
}

/// A y axis label: whole numbers with thousands separators.
fn axis_number(value: f64, style: NumberStyle) -> String {
    let decimals = if value.abs() < 10.0 && value.fract().abs() > 1e-9 {
        1
    } else {
        0
    };
    format_number(value, decimals, style)
}

/// A value written on the plot, as exact as the table.
fn value_label(value: f64, style: NumberStyle) -> String {
    let decimals = if value.fract().abs() > 1e-9 { 1 } else { 0 };
    format_number(value, decimals, style)
}

/// The top of a value axis: the largest value plus room for labels.
fn axis_top(max_value: f64) -> f64 {
    if max_value.is_finite() && max_value > 0.0 {
        max_value * 1.15
    } else {
        1.0
    }
}

/// About how wide `text` is drawn at `size` (DejaVu Sans digits and
/// punctuation average under 0.6 em; plotters draws at size / 1.24).
fn text_width(text: &str, size: f64) -> i32 {
    let em = size / 1.24;
    (text.chars().count() as f64 * em * 0.6).ceil() as i32
}

/// Breaks `text` into at most `max_lines` lines of at most `width_px`
/// pixels at `size`, between words; the last line is shortened with "…".
fn wrap(text: &str, width_px: i32, size: f64, max_lines: usize) -> Vec<String> {
    let per_char = (size / 1.24 * 0.6).max(1.0);
    let max_chars = ((f64::from(width_px.max(0)) / per_char) as usize).max(8);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let fits =
            current.is_empty() || current.chars().count() + 1 + word.chars().count() <= max_chars;
        if !fits {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines.saturating_sub(1)).join(" ");
        lines.push(rest);
    }
    lines
        .into_iter()
        .map(|line| shorten(&line, max_chars))
        .collect()
}

/// `M12 (Aug 2023)`.
pub fn month_label(month: u32, project_start: YearMonth) -> String {
    format!(
        "M{month} ({})",
        project_start.project_month(month).short_name()
    )
}

/// `M12` over `Aug 2023`: a checkpoint tick on two lines, so that
/// neighbouring ticks six months apart do not run into each other.
fn tick_month_label(month: u32, project_start: YearMonth) -> String {
    format!(
        "M{month}\n{}",
        project_start.project_month(month).short_name()
    )
}

/// Cuts `text` to about `max_chars` characters, ending in "…".
fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

fn unit_or(unit: &str, fallback: &str) -> String {
    if unit.trim().is_empty() {
        fallback.to_owned()
    } else {
        unit.trim().to_owned()
    }
}

fn draw_cumulative<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &CumulativeSeries,
    figure: &Figure,
) -> Result<(), FigureError> {
    let style = figure.style;
    let unit = unit_or(&series.unit, "units");
    let months: Vec<f64> = series
        .used
        .iter()
        .map(|point| f64::from(point.month))
        .collect();
    let last_month = months.iter().copied().fold(12.0, f64::max);
    let x_range = 0.0..last_month + 3.0;
    let crossing_label = series.crossing.as_ref().map(|crossing| {
        let how = match crossing.from_month {
            Some(from) => format!("interpolated between M{from} and M{}", crossing.to_month),
            None => format!("at the first checkpoint, M{}", crossing.to_month),
        };
        format!(
            "Budget reached at about M{} ({how})",
            format_number(crossing.month, 1, style)
        )
    });
    let budget_label = series
        .budget
        .map(|budget| format!("Budget: {} {unit}", format_number(budget, 0, style)));
    let labels: Vec<&str> = [
        budget_label.as_deref(),
        Some(USE_LABEL),
        Some(SUM_LABEL),
        crossing_label.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let y_top = cumulative_axis_top(series, &labels);
    let start = figure.project_start;
    let ticks: Vec<(f64, String)> = series
        .used
        .iter()
        .map(|point| (f64::from(point.month), tick_month_label(point.month, start)))
        .collect();

    let mut chart = ChartBuilder::on(area)
        .margin_top(30)
        .margin_left(20)
        .margin_right(70)
        .x_label_area_size(CUMULATIVE_X_LABEL_AREA)
        .y_label_area_size(CUMULATIVE_Y_LABEL_AREA)
        .build_cartesian_2d(x_range, 0.0..y_top)
        .map_err(draw_error)?;
    let y_title = format!("Cumulative use ({unit})");
    draw_axes(
        area,
        &mut chart,
        style,
        8,
        ("Project month", &y_title),
        &ticks,
    )?;

    if let Some(budget) = series.budget {
        let budget_style = BUDGET_COLOUR.stroke_width(3);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(0.0, budget), (last_month + 3.0, budget)],
                22,
                12,
                budget_style,
            ))
            .map_err(draw_error)?
            .label(budget_label.clone().unwrap_or_default())
            .legend(move |(x, y)| dashed_legend!(x, y, budget_style));
    }

    let use_line = USE_COLOUR.stroke_width(4);
    let use_runs = segments(&series.used);
    for (index, run) in use_runs.iter().enumerate() {
        let drawn = chart
            .draw_series(LineSeries::new(run.clone(), use_line))
            .map_err(draw_error)?;
        if index == 0 {
            drawn.label(USE_LABEL).legend(move |(x, y)| {
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(0, 0), (40, 0)], use_line)
                    + Circle::new((20, 0), 8, USE_COLOUR.filled())
            });
        }
    }
    chart
        .draw_series(
            numbers(&series.used).map(|(x, y)| Circle::new((x, y), 8, USE_COLOUR.filled())),
        )
        .map_err(draw_error)?;

    let sum_line = SUM_COLOUR.stroke_width(3);
    for (index, run) in segments(&series.running_sum).iter().enumerate() {
        let drawn = chart
            .draw_series(DashedLineSeries::new(run.clone(), 10, 8, sum_line))
            .map_err(draw_error)?;
        if index == 0 {
            drawn.label(SUM_LABEL).legend(move |(x, y)| {
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(0, 0), (10, 0)], sum_line)
                    + PathElement::new(vec![(30, 0), (40, 0)], sum_line)
                    + PathElement::new(
                        vec![(12, -8), (28, -8), (28, 8), (12, 8), (12, -8)],
                        sum_line,
                    )
            });
        }
    }
    chart
        .draw_series(numbers(&series.running_sum).map(|(x, y)| {
            EmptyElement::at((x, y))
                + PathElement::new(
                    vec![(-11, -11), (11, -11), (11, 11), (-11, 11), (-11, -11)],
                    sum_line,
                )
        }))
        .map_err(draw_error)?;

    // The figures a reader looks for: the value at every checkpoint.
    // The figures a reader looks for: the value at every checkpoint, above
    // and left of its point (the line comes from the lower left), on white.
    let value_style = text_style(VALUE_SIZE).pos(Pos::new(HPos::Right, VPos::Bottom));
    chart
        .draw_series(numbers(&series.used).map(|(x, y)| {
            let text = value_label(y, style);
            let width = text_width(&text, VALUE_SIZE);
            EmptyElement::at((x, y))
                + Rectangle::new([(-18 - width, -40), (-10, -10)], WHITE.mix(0.85).filled())
                + Text::new(text, (-14, -12), value_style.clone())
        }))
        .map_err(draw_error)?;

    if let Some(crossing) = &series.crossing
        && let Some(budget) = series.budget
    {
        let text = crossing_label.clone().unwrap_or_default();
        let mark = BLACK.stroke_width(2);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(crossing.month, 0.0), (crossing.month, budget)],
                4,
                6,
                mark,
            ))
            .map_err(draw_error)?;
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((crossing.month, budget))
                    + Polygon::new(vec![(0, -14), (14, 0), (0, 14), (-14, 0)], BLACK.filled()),
            ))
            .map_err(draw_error)?
            .label(text)
            .legend(|(x, y)| {
                EmptyElement::at((x, y))
                    + Polygon::new(vec![(20, -12), (32, 0), (20, 12), (8, 0)], BLACK.filled())
            });
    }

    let legend_position =
        free_corner(series, &labels, y_top).unwrap_or(SeriesLabelPosition::UpperLeft);
    chart
        .configure_series_labels()
        .position(legend_position)
        .margin(20)
        .legend_area_size(60)
        .background_style(WHITE)
        .border_style(BLACK.stroke_width(1))
        .label_font(text_style(LEGEND_SIZE))
        .draw()
        .map_err(draw_error)?;
    Ok(())
}

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The axes every figure shares: horizontal grid lines only, the y axis in
/// the reader's number style, the x axis labelled at exactly `ticks`.
fn draw_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &mut Chart<'_, DB>,
    style: NumberStyle,
    y_labels: usize,
    (x_title, y_title): (&str, &str),
    ticks: &[(f64, String)],
) -> Result<(), FigureError> {
    let number_format = |value: &f64| axis_number(*value, style);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID_COLOUR)
        .axis_style(BLACK.stroke_width(2))
        .x_labels(0)
        .y_label_formatter(&number_format)
        .y_labels(y_labels)
        .label_style(text_style(TICK_SIZE))
        .axis_desc_style(text_style(AXIS_TITLE_SIZE))
        .x_desc(x_title)
        .y_desc(y_title)
        .draw()
        .map_err(draw_error)?;
    draw_x_ticks(area, chart, ticks)
}

/// Tick marks and labels under the x axis at exactly the given positions
/// (checkpoint months, period centres), which plotters' own labels cannot do.
fn draw_x_ticks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart<'_, DB>,
    ticks: &[(f64, String)],
) -> Result<(), FigureError> {
    let (base_x, base_y) = area.get_base_pixel();
    let label = text_style(TICK_SIZE).pos(Pos::new(HPos::Center, VPos::Top));
    let line_px = tick_line_px();
    for (x, text) in ticks {
        let (px, py) = chart.backend_coord(&(*x, 0.0));
        let (px, py) = (px - base_x, py - base_y);
        area.draw(&PathElement::new(
            vec![(px, py), (px, py + 10)],
            BLACK.stroke_width(2),
        ))
        .map_err(draw_error)?;
        for (line, part) in (0i32..).zip(text.lines()) {
            area.draw(&Text::new(
                part.to_owned(),
                (px, py + 18 + line * line_px),
                label.clone(),
            ))
            .map_err(draw_error)?;
        }
    }
    Ok(())
}

/// The distance between the lines of a two-line tick label.
fn tick_line_px() -> i32 {
    (TICK_SIZE / PLOTTERS_FONT_SCALE * 1.2).ceil() as i32
}

// Label areas: tick labels (two lines under a checkpoint), the axis title
// and the gaps between them, at the text sizes above.
const CUMULATIVE_X_LABEL_AREA: u32 = 150;
const CUMULATIVE_Y_LABEL_AREA: u32 = 250;
const PANEL_X_LABEL_AREA: u32 = 110;
const PANEL_Y_LABEL_AREA: u32 = 235;

/// One tick per period column, at the centre of its bars.
fn period_ticks(periods: &[String]) -> Vec<(f64, String)> {
    periods
        .iter()
        .enumerate()
        .map(|(i, label)| (i as f64 + 0.5, label.clone()))
        .collect()
}

const USE_LABEL: &str = "Cumulative use (Table 1)";
const SUM_LABEL: &str = "Sum of the installations' tables";

/// The legend's size as fractions of the plot's width and height.
fn legend_fraction(labels: &[&str], plot_px: (u32, u32)) -> (f64, f64) {
    let widest = labels
        .iter()
        .map(|label| text_width(label, LEGEND_SIZE))
        .max()
        .unwrap_or(0);
    let width = f64::from(widest + 60 + 40 + 20);
    let height = labels.len() as f64 * LEGEND_SIZE * 1.15 + 40.0;
    (
        width / f64::from(plot_px.0.max(1)),
        height / f64::from(plot_px.1.max(1)),
    )
}

/// The plot area of a cumulative figure, in pixels (figure size less
/// margins and label areas, as `draw_cumulative` builds it).
const CUMULATIVE_PLOT_PX: (u32, u32) = (
    MIN_WIDTH - 20 - 70 - CUMULATIVE_Y_LABEL_AREA,
    MIN_HEIGHT - CAPTION_HEIGHT - 30 - CUMULATIVE_X_LABEL_AREA,
);

/// The value axis top for a cumulative figure: room above the data for
/// labels and, when no corner is free, for the legend.
fn cumulative_axis_top(series: &CumulativeSeries, labels: &[&str]) -> f64 {
    let top = axis_top(series.max_value());
    if free_corner(series, labels, top).is_some() {
        return top;
    }
    let (_, height) = legend_fraction(labels, CUMULATIVE_PLOT_PX);
    top / (1.0 - height - 0.05).max(0.3)
}

/// Where the legend hides nothing: the upper left (cumulative use starts
/// low), else the lower right (it ends high).
fn free_corner(
    series: &CumulativeSeries,
    labels: &[&str],
    y_top: f64,
) -> Option<SeriesLabelPosition> {
    let x_end = series
        .used
        .iter()
        .map(|point| f64::from(point.month))
        .fold(12.0, f64::max)
        + 3.0;
    let (width, height) = legend_fraction(labels, CUMULATIVE_PLOT_PX);
    let margin = 0.03;
    let mut lines = segments(&series.used);
    lines.extend(segments(&series.running_sum));
    if let Some(budget) = series.budget {
        lines.push(vec![(0.0, budget), (x_end, budget)]);
    }
    let covers = |x0: f64, x1: f64, y0: f64, y1: f64| {
        lines.iter().any(|line| {
            line.windows(2).any(|pair| {
                let (Some(&(ax, ay)), Some(&(bx, by))) = (pair.first(), pair.get(1)) else {
                    return false;
                };
                (0..=100).any(|step| {
                    let t = f64::from(step) / 100.0;
                    let x = (ax + t * (bx - ax)) / x_end;
                    let y = (ay + t * (by - ay)) / y_top;
                    (x0..=x1).contains(&x) && (y0..=y1).contains(&y)
                })
            }) || line
                .iter()
                .any(|&(x, y)| (x0..=x1).contains(&(x / x_end)) && (y0..=y1).contains(&(y / y_top)))
        })
    };
    if !covers(0.0, width + margin, 1.0 - height - margin, 1.0) {
        Some(SeriesLabelPosition::UpperLeft)
    } else if !covers(1.0 - width - margin, 1.0, 0.0, height + margin) {
        Some(SeriesLabelPosition::LowerRight)
    } else {
        None
    }
}

/// The numeric points of a series as plot coordinates.
fn numbers(points: &[SeriesPoint]) -> impl Iterator<Item = (f64, f64)> + '_ {
    points
        .iter()
        .filter_map(|point| Some((f64::from(point.month), point.value?)))
}

/// Panels per row of an installation figure: two, so that labels fit.
fn panel_columns(panels: usize) -> usize {
    if panels > 1 { 2 } else { 1 }
}

/// The metrics an installation figure draws: those with any number.
fn drawn_metrics(series: &InstallationSeries) -> Vec<&MetricSeries> {
    series.metrics.iter().filter(|m| m.has_numbers()).collect()
}

fn draw_installation<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &InstallationSeries,
    figure: &Figure,
) -> Result<(), FigureError> {
    let metrics = drawn_metrics(series);
    if metrics.is_empty() {
        let (width, height) = area.dim_in_pixel();
        let centre = (
            i32::try_from(width / 2).unwrap_or(0),
            i32::try_from(height / 2).unwrap_or(0),
        );
        area.draw(&Text::new(
            "This installation has no numeric metrics",
            centre,
            text_style(AXIS_TITLE_SIZE).pos(Pos::new(HPos::Center, VPos::Center)),
        ))
        .map_err(draw_error)?;
        return Ok(());
    }
    let columns = panel_columns(metrics.len());
    let rows = metrics.len().div_ceil(columns);
    let panels = area.split_evenly((rows, columns));
    for (panel, metric) in panels.iter().zip(metrics) {
        draw_metric_panel(panel, metric, &series.periods, figure.style)?;
    }
    Ok(())
}

/// A rectangle in pixels, measured from the top left corner of a plot area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PxRect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl PxRect {
    pub fn intersects(&self, other: &Self) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }
}

/// Where an installation panel draws its bars, the values written above
/// them and the baseline's key, in pixels of the plot area, with the top of
/// the value axis that makes room for them: the key sits in a band above
/// every bar and every value, so it never covers data.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelGeometry {
    pub y_top: f64,
    pub bars: Vec<PxRect>,
    pub value_labels: Vec<PxRect>,
    pub key: Option<PxRect>,
}

/// A bar fills this part of its period's column.
const BAR_FROM: f64 = 0.22;
const BAR_TO: f64 = 0.78;
/// The dashed sample before the key's text, and the gap after it.
const KEY_SAMPLE_PX: f64 = 44.0;
const KEY_GAP_PX: f64 = 10.0;
/// Space around the key and between a bar and its value.
const PAD_PX: f64 = 8.0;

/// How wide and high `text` is drawn at `size`, in pixels: measured with
/// the embedded font, else estimated.
fn text_box(text: &str, size: f64) -> (f64, f64) {
    let measured = ensure_font()
        .ok()
        .and_then(|()| text_style(size).font.box_size(text).ok());
    match measured {
        Some((width, height)) => (f64::from(width), f64::from(height)),
        None => (
            f64::from(text_width(text, size)),
            size / PLOTTERS_FONT_SCALE * 1.2,
        ),
    }
}

/// The text written above a bar, or under a missing one.
fn bar_text(value: Option<f64>, style: NumberStyle) -> String {
    match value {
        Some(value) => value_label(value, style),
        None => "no number".to_owned(),
    }
}

/// "Baseline: > 15,000": the parsed value in the axes' number style, with
/// the comparison the writer put before it, never the text as written
/// (`4.000.000` next to axes reading `4,000,000`).
fn baseline_key_text(baseline: &super::series::Baseline, style: NumberStyle) -> String {
    let written = baseline.text.trim_start();
    let comparison: String = written
        .chars()
        .take_while(|c| matches!(c, '>' | '<' | '≥' | '≤' | '='))
        .collect();
    let number = value_label(baseline.value, style);
    if comparison.is_empty() {
        format!("Baseline: {number}")
    } else {
        format!("Baseline: {comparison} {number}")
    }
}

/// The layout of one installation panel (see [`PanelGeometry`]).
/// `values` are the bars, one per period; `key_text` the baseline's key;
/// `plot_px` the plot area's width and height.
pub fn panel_geometry(
    values: &[Option<f64>],
    baseline: Option<f64>,
    key_text: Option<&str>,
    style: NumberStyle,
    plot_px: (f64, f64),
) -> PanelGeometry {
    let (plot_width, plot_height) = plot_px;
    let columns = values.len().max(1) as f64;
    let (_, value_height) = text_box("0", VALUE_SIZE);
    let key_box = key_text.map(|text| {
        let (width, height) = text_box(text, VALUE_SIZE);
        (KEY_SAMPLE_PX + KEY_GAP_PX + width, height)
    });
    let band = key_box.map_or(0.0, |(_, height)| height + 2.0 * PAD_PX);
    let max_data = values
        .iter()
        .flatten()
        .copied()
        .chain(baseline)
        .filter(|value| value.is_finite())
        .fold(0.0, f64::max);
    let max_data = if max_data > 0.0 { max_data } else { 1.0 };
    // The highest bar's top, its value above it and the key's band all fit
    // under the axis top.
    let data_px = (plot_height - band - value_height - 2.0 * PAD_PX).max(plot_height * 0.3);
    let y_top = max_data * plot_height / data_px.max(1.0);
    let y_px = |value: f64| (1.0 - value / y_top) * plot_height;
    let mut bars = Vec::new();
    let mut value_labels = Vec::new();
    for (index, value) in values.iter().enumerate() {
        let x = index as f64;
        let top = value.map_or(plot_height, y_px);
        if value.is_some() {
            bars.push(PxRect {
                left: (x + BAR_FROM) / columns * plot_width,
                top,
                right: (x + BAR_TO) / columns * plot_width,
                bottom: plot_height,
            });
        }
        let (width, height) = text_box(&bar_text(*value, style), VALUE_SIZE);
        let centre = (x + 0.5) / columns * plot_width;
        value_labels.push(PxRect {
            left: centre - width / 2.0,
            top: top - PAD_PX - height,
            right: centre + width / 2.0,
            bottom: top - PAD_PX,
        });
    }
    let key = key_box.map(|(width, height)| PxRect {
        left: plot_width - PAD_PX - width,
        top: PAD_PX,
        right: plot_width - PAD_PX,
        bottom: PAD_PX + height,
    });
    PanelGeometry {
        y_top,
        bars,
        value_labels,
        key,
    }
}

fn draw_metric_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    metric: &MetricSeries,
    periods: &[String],
    style: NumberStyle,
) -> Result<(), FigureError> {
    let count = periods.len().max(1);
    let width = count as f64;
    let ticks = period_ticks(periods);
    let unit = unit_or(&metric.unit, "number");
    let (panel_width, _) = area.dim_in_pixel();
    let text_px = i32::try_from(panel_width).unwrap_or(0) - 60;
    let title_lines = wrap(&metric.name, text_px, PANEL_TITLE_SIZE, 2);
    let title_style = text_style(PANEL_TITLE_SIZE).pos(Pos::new(HPos::Center, VPos::Top));
    let centre = i32::try_from(panel_width / 2).unwrap_or(0);
    let line_px = (PANEL_TITLE_SIZE / PLOTTERS_FONT_SCALE * 1.2) as i32;
    for (index, line) in (0i32..).zip(&title_lines) {
        area.draw(&Text::new(
            line.clone(),
            (centre, 16 + index * line_px),
            title_style.clone(),
        ))
        .map_err(draw_error)?;
    }
    let title_height = 30 + line_px * i32::try_from(title_lines.len()).unwrap_or(1);
    let builder = || {
        let mut builder = ChartBuilder::on(area);
        builder
            .margin(20)
            .margin_top(title_height)
            .margin_right(40)
            .x_label_area_size(PANEL_X_LABEL_AREA)
            .y_label_area_size(PANEL_Y_LABEL_AREA);
        builder
    };
    // The plot area's size does not depend on the ranges: measure it, then
    // lay the panel out in it.
    let plot_px = builder()
        .build_cartesian_2d(0.0..width, 0.0..1.0)
        .map_err(draw_error)?
        .plotting_area()
        .dim_in_pixel();
    let key_text = metric
        .baseline
        .as_ref()
        .map(|baseline| baseline_key_text(baseline, style));
    let geometry = panel_geometry(
        &metric.values,
        metric.baseline.as_ref().map(|baseline| baseline.value),
        key_text.as_deref(),
        style,
        (f64::from(plot_px.0), f64::from(plot_px.1)),
    );
    let y_top = geometry.y_top;
    let mut chart = builder()
        .build_cartesian_2d(0.0..width, 0.0..y_top)
        .map_err(draw_error)?;
    draw_axes(
        area,
        &mut chart,
        style,
        6,
        ("Reporting period", &unit),
        &ticks,
    )?;

    let bar_border = BLACK.stroke_width(2);
    let bars = || {
        metric
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, value)| Some((i as f64, (*value)?)))
    };
    chart
        .draw_series(bars().map(|(x, value)| {
            Rectangle::new(
                [(x + BAR_FROM, 0.0), (x + BAR_TO, value)],
                BAR_FILL.filled(),
            )
        }))
        .map_err(draw_error)?;
    chart
        .draw_series(bars().map(|(x, value)| {
            Rectangle::new([(x + BAR_FROM, 0.0), (x + BAR_TO, value)], bar_border)
        }))
        .map_err(draw_error)?;
    let above = text_style(VALUE_SIZE).pos(Pos::new(HPos::Center, VPos::Bottom));
    let note = (FONT, VALUE_SIZE)
        .into_font()
        .color(&NOTE_COLOUR)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    let pad = PAD_PX as i32;
    if let Some(baseline) = &metric.baseline {
        chart
            .draw_series(DashedLineSeries::new(
                vec![(0.0, baseline.value), (width, baseline.value)],
                22,
                12,
                BUDGET_COLOUR.stroke_width(3),
            ))
            .map_err(draw_error)?;
    }
    // The values on white, so that the baseline passing behind one does
    // not run through its digits.
    chart
        .draw_series(metric.values.iter().enumerate().map(|(i, value)| {
            let x = i as f64 + 0.5;
            let text = bar_text(*value, style);
            let (text_width, text_height) = text_box(&text, VALUE_SIZE);
            // Within its period's column: never over the axis or a neighbour.
            let column_px = f64::from(plot_px.0) / width;
            let half = ((text_width / 2.0).ceil() + 4.0).min(column_px / 2.0 - 2.0) as i32;
            let backing = Rectangle::new(
                [(-half, -pad - text_height.ceil() as i32), (half, -pad + 2)],
                WHITE.mix(0.85).filled(),
            );
            match value {
                Some(value) => {
                    EmptyElement::at((x, *value))
                        + backing
                        + Text::new(text, (0, -pad), above.clone())
                }
                None => {
                    EmptyElement::at((x, 0.0)) + backing + Text::new(text, (0, -pad), note.clone())
                }
            }
        }))
        .map_err(draw_error)?;

    if let (Some(_), Some(key), Some(text)) = (&metric.baseline, geometry.key, key_text) {
        let line = BUDGET_COLOUR.stroke_width(3);
        // The key, in the band above every bar: a piece of the dashed line
        // and the baseline in the axes' number style.
        let (plot_width, _) = plot_px;
        let to_corner = |x: f64| (x - f64::from(plot_width)).round() as i32;
        let middle = ((key.top + key.bottom) / 2.0).round() as i32;
        let sample_left = to_corner(key.left);
        let label = text_style(VALUE_SIZE).pos(Pos::new(HPos::Left, VPos::Center));
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((width, y_top))
                    + PathElement::new(
                        vec![(sample_left, middle), (sample_left + 12, middle)],
                        line,
                    )
                    + PathElement::new(
                        vec![(sample_left + 18, middle), (sample_left + 30, middle)],
                        line,
                    )
                    + PathElement::new(
                        vec![(sample_left + 36, middle), (sample_left + 44, middle)],
                        line,
                    )
                    + Text::new(
                        text,
                        (to_corner(key.left + KEY_SAMPLE_PX + KEY_GAP_PX), middle),
                        label,
                    ),
            ))
            .map_err(draw_error)?;
    }
    Ok(())
}

fn draw_contributions<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    contributions: &Contributions,
    figure: &Figure,
) -> Result<(), FigureError> {
    let style = figure.style;
    let count = contributions.periods.len().max(1);
    let width = count as f64;
    let totals = contributions.totals();
    let y_top = axis_top(totals.iter().copied().fold(0.0, f64::max));
    let periods = &contributions.periods;
    let ticks = period_ticks(periods);
    let unit = unit_or(&contributions.unit, "units");
    // The legend sits right of the bars.
    let (width_px, _) = area.dim_in_pixel();
    let (plot, legend) = area.split_horizontally(width_px.saturating_mul(62) / 100);

    let mut chart = ChartBuilder::on(&plot)
        .margin_top(30)
        .margin_left(20)
        .margin_right(20)
        .x_label_area_size(PANEL_X_LABEL_AREA)
        .y_label_area_size(CUMULATIVE_Y_LABEL_AREA)
        .build_cartesian_2d(0.0..width, 0.0..y_top)
        .map_err(draw_error)?;
    let y_title = format!("Use per period ({unit})");
    draw_axes(
        area,
        &mut chart,
        style,
        8,
        ("Reporting period", &y_title),
        &ticks,
    )?;

    let bases = contributions.stack_bases();
    // A layer's value is written inside it only where it fits.
    let (plot_width_px, plot_height_px) = chart.plotting_area().dim_in_pixel();
    let bar_px = f64::from(plot_width_px) / width * 0.76 - 8.0;
    let fits = |text: &str, low: f64, high: f64| {
        let (text_width, text_height) = text_box(text, VALUE_SIZE);
        let height_px = (high - low) / y_top * f64::from(plot_height_px);
        text_width <= bar_px && text_height + 4.0 <= height_px
    };
    for (index, (layer, base)) in contributions.layers.iter().zip(&bases).enumerate() {
        let colour = LAYER_COLOURS
            .get(index % LAYER_COLOURS.len())
            .copied()
            .unwrap_or(USE_COLOUR);
        let boxes: Vec<(f64, f64, f64)> = layer
            .values
            .iter()
            .zip(base)
            .enumerate()
            .filter_map(|(i, (value, base))| Some((i as f64, *base, *base + (*value)?)))
            .collect();
        chart
            .draw_series(boxes.iter().map(|&(x, low, high)| {
                Rectangle::new([(x + 0.12, low), (x + 0.88, high)], colour.filled())
            }))
            .map_err(draw_error)?;
        chart
            .draw_series(boxes.iter().map(|&(x, low, high)| {
                Rectangle::new([(x + 0.12, low), (x + 0.88, high)], WHITE.stroke_width(2))
            }))
            .map_err(draw_error)?;
        let label_colour = if is_dark(colour) { WHITE } else { BLACK };
        let inside = (FONT, VALUE_SIZE)
            .into_font()
            .color(&label_colour)
            .pos(Pos::new(HPos::Center, VPos::Center));
        chart
            .draw_series(
                boxes
                    .iter()
                    .filter(|(_, low, high)| fits(&value_label(high - low, style), *low, *high))
                    .map(|&(x, low, high)| {
                        Text::new(
                            value_label(high - low, style),
                            (x + 0.5, (low + high) / 2.0),
                            inside.clone(),
                        )
                    }),
            )
            .map_err(draw_error)?;
    }
    // "Total" over the number: one line would be wider than a period.
    let above = text_style(VALUE_SIZE).pos(Pos::new(HPos::Center, VPos::Bottom));
    let line_px = (VALUE_SIZE / PLOTTERS_FONT_SCALE * 1.2).ceil() as i32;
    chart
        .draw_series(totals.iter().enumerate().map(|(i, total)| {
            EmptyElement::at((i as f64 + 0.5, *total))
                + Text::new("Total".to_owned(), (0, -10 - line_px), above.clone())
                + Text::new(value_label(*total, style), (0, -10), above.clone())
        }))
        .map_err(draw_error)?;

    // The legend, top layer first, as the stack reads.
    let mut y = 60;
    let legend_text = text_style(LEGEND_SIZE).pos(Pos::new(HPos::Left, VPos::Center));
    for (index, layer) in contributions.layers.iter().enumerate().rev() {
        let colour = LAYER_COLOURS
            .get(index % LAYER_COLOURS.len())
            .copied()
            .unwrap_or(USE_COLOUR);
        legend
            .draw(&Rectangle::new(
                [(10, y - 16), (52, y + 16)],
                colour.filled(),
            ))
            .map_err(draw_error)?;
        legend
            .draw(&Rectangle::new(
                [(10, y - 16), (52, y + 16)],
                BLACK.stroke_width(1),
            ))
            .map_err(draw_error)?;
        legend
            .draw(&Text::new(
                shorten(&layer.name, 30),
                (66, y),
                legend_text.clone(),
            ))
            .map_err(draw_error)?;
        y += 50;
    }
    Ok(())
}

fn is_dark(colour: RGBColor) -> bool {
    let RGBColor(r, g, b) = colour;
    0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b) < 128.0
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::plot::series::{contributions, cumulative_series, installation_series};
    use crate::samples::Sample;

    fn start() -> YearMonth {
        YearMonth::new(2022, 9).unwrap()
    }

    fn png_size(bytes: &[u8]) -> (u32, u32) {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        (info.width, info.height)
    }

    #[test]
    fn month_labels_name_the_calendar_month() {
        assert_eq!(month_label(12, start()), "M12 (Aug 2023)");
        assert_eq!(month_label(30, start()), "M30 (Feb 2025)");
    }

    #[test]
    fn long_titles_wrap_onto_two_lines() {
        let name = "GPU node/hours served over the period with 2 CPU, 40 core and 4 GPU (V100)";
        let lines = wrap(name, 560, 29.0, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].starts_with("GPU node/hours served"));
        assert_eq!(wrap("Number of users", 560, 29.0, 2), ["Number of users"]);
        let narrow = wrap(name, 200, 29.0, 2);
        assert!(narrow[1].ends_with('…'), "{narrow:?}");
    }

    #[test]
    fn long_titles_are_shortened() {
        assert_eq!(shorten("Number of users", 40), "Number of users");
        assert_eq!(shorten("GPU node/hours served", 10), "GPU node/…");
    }

    #[test]
    fn a_cumulative_figure_renders_to_png_and_svg() {
        let report = Sample::M36.report().unwrap();
        let series = cumulative_series(&report).remove(2);
        let caption = series.caption(3);
        let figure = Figure::new(
            FigureData::Cumulative(series),
            caption,
            NumberStyle::Us,
            start(),
        );
        let png = figure.png().unwrap();
        assert_eq!(png_size(&png), (1600, 900));
        let svg = figure.svg().unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("Figure 3 CPU usage status and trend"));
        assert!(svg.contains("6,000,000"), "budget with separators");
        assert!(svg.contains("11,113,730"), "the M36 value is written");
        assert!(svg.contains("Cumulative use (CPU-h)"));
        assert!(svg.contains("\nM24\n") && svg.contains("\nAug 2024\n"));
        assert!(svg.contains("Budget reached at about M27.3 (interpolated between M24 and M30)"));
    }

    #[test]
    fn installation_and_contribution_figures_render() {
        let report = Sample::M36.report().unwrap();
        let series = installation_series(&report, 2).unwrap();
        let figure = Figure::new(
            FigureData::Installation(series.clone()),
            series.caption(7),
            NumberStyle::Eu,
            start(),
        );
        assert_eq!(figure.height, 2 * PANEL_HEIGHT + CAPTION_HEIGHT);
        let svg = figure.svg().unwrap();
        assert!(svg.contains("4.424.245"), "values in the reader's style");
        // The baseline "3M" in the axes' style, not as written.
        assert!(
            svg.contains("Baseline: 3.000.000"),
            "baseline in the axes' style"
        );
        assert!(!svg.contains("3M"));
        let (width, height) = png_size(&figure.png().unwrap());
        assert!(width >= MIN_WIDTH && height >= MIN_HEIGHT);

        let cpu = contributions(&report, "cpu");
        let figure = Figure::new(
            FigureData::Contributions(cpu.clone()),
            cpu.caption(4),
            NumberStyle::Us,
            start(),
        );
        let svg = figure.svg().unwrap();
        assert!(svg.contains("INCD - CPU"));
        assert!(svg.contains("\nTotal\n") && svg.contains("\n6,916,614\n"));
    }

    /// Every `font-size` of an SVG, in pixels.
    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split("font-size=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
            .collect()
    }

    /// The PNG's resolution in dots per inch, from its pHYs chunk.
    fn png_dpi(bytes: &[u8]) -> f64 {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let reader = decoder.read_info().unwrap();
        let dims = reader.info().pixel_dims.unwrap();
        assert_eq!(dims.unit, png::Unit::Meter);
        f64::from(dims.xppu) * 0.0254
    }

    #[test]
    fn every_text_of_every_figure_prints_at_8_pt_or_more() {
        let report = Sample::M36.report().unwrap();
        let figures = crate::plot::report_figures(
            &report,
            NumberStyle::Us,
            crate::plot::FigureSelection::ALL,
        );
        assert_eq!(figures.len(), 17);
        for named in &figures {
            let figure = &named.figure;
            let svg = figure.svg().unwrap();
            let png = figure.png().unwrap();
            // The PNG is the SVG pixel for pixel; printed at its dpi.
            assert_eq!(png_size(&png), (figure.width, figure.height));
            let dpi = png_dpi(&png);
            assert!((dpi - 254.0).abs() < 0.5, "{dpi}");
            let sizes = font_sizes(&svg);
            assert!(!sizes.is_empty());
            let smallest_pt = sizes.iter().copied().fold(f64::MAX, f64::min) * 72.0 / dpi;
            assert!(
                smallest_pt >= 8.0,
                "{}: text at {smallest_pt:.1} pt",
                named.file_stem
            );
        }
    }

    #[test]
    fn the_baseline_key_is_in_the_axes_number_style() {
        let key = |text: &str, value: f64, style| {
            baseline_key_text(
                &crate::plot::series::Baseline {
                    text: text.to_owned(),
                    value,
                },
                style,
            )
        };
        assert_eq!(
            key("4.000.000", 4e6, NumberStyle::Us),
            "Baseline: 4,000,000"
        );
        assert_eq!(
            key("4.000.000", 4e6, NumberStyle::Si),
            "Baseline: 4\u{202f}000\u{202f}000"
        );
        assert_eq!(key("3M", 3e6, NumberStyle::Eu), "Baseline: 3.000.000");
        assert_eq!(
            key("> 15000", 15000.0, NumberStyle::Us),
            "Baseline: > 15,000"
        );
        assert_eq!(
            key("29433.6", 29433.6, NumberStyle::Us),
            "Baseline: 29,433.6"
        );
    }

    #[test]
    fn the_baseline_key_never_covers_a_bar_or_a_value() {
        let cases: [(&[Option<f64>], f64); 7] = [
            // The last bar the tallest, reaching past the baseline.
            (
                &[Some(174_003.0), Some(1_552_267.0), Some(4_270_601.0)],
                3_900_000.0,
            ),
            // Baseline far above every bar.
            (&[Some(10.0), Some(16.0), Some(14.0)], 500.0),
            // Baseline under every bar.
            (&[Some(12.0), Some(11.0), Some(13.0)], 2.0),
            // Every bar equal to the baseline.
            (&[Some(50.0), Some(50.0), Some(50.0)], 50.0),
            // Missing numbers and zeros.
            (&[None, Some(0.0), None], 0.0),
            // Many periods.
            (
                &[
                    Some(9.0),
                    Some(8.0),
                    Some(7.0),
                    Some(9.5),
                    Some(9.9),
                    Some(10.0),
                ],
                9.0,
            ),
            (&[Some(1.0)], 1_000_000.0),
        ];
        for (values, baseline) in cases {
            // A panel of a two-column figure, of a one-column one, a short one.
            for plot_px in [(505.0, 380.0), (1300.0, 380.0), (505.0, 200.0)] {
                let text = format!("Baseline: {}", value_label(baseline, NumberStyle::Us));
                let geometry = panel_geometry(
                    values,
                    Some(baseline),
                    Some(&text),
                    NumberStyle::Us,
                    plot_px,
                );
                let key = geometry.key.unwrap();
                assert!(key.left >= 0.0 && key.top >= 0.0, "{key:?} {plot_px:?}");
                assert!(key.right <= plot_px.0 && key.bottom <= plot_px.1);
                for bar in &geometry.bars {
                    assert!(
                        !key.intersects(bar),
                        "{values:?} {plot_px:?}: {key:?} {bar:?}"
                    );
                }
                for label in &geometry.value_labels {
                    assert!(
                        !key.intersects(label),
                        "{values:?} {plot_px:?}: {key:?} {label:?}"
                    );
                    assert!(label.top >= 0.0, "a value above the plot: {label:?}");
                }
                // The baseline itself is under the key, inside the plot.
                let line_px = (1.0 - baseline / geometry.y_top) * plot_px.1;
                assert!(line_px > key.bottom && line_px <= plot_px.1);
            }
        }
        assert_eq!(
            panel_geometry(
                &[Some(1.0), None],
                None,
                None,
                NumberStyle::Us,
                (500.0, 300.0)
            )
            .key,
            None
        );
    }

    #[test]
    fn rectangles_that_touch_do_not_intersect() {
        let a = PxRect {
            left: 0.0,
            top: 0.0,
            right: 10.0,
            bottom: 10.0,
        };
        let b = PxRect { left: 10.0, ..a };
        let c = PxRect {
            left: 9.0,
            right: 20.0,
            top: 9.0,
            bottom: 20.0,
        };
        assert!(!a.intersects(&b));
        assert!(a.intersects(&c) && c.intersects(&a));
    }

    #[test]
    fn empty_data_still_renders() {
        let report = crate::model::Report::empty("x", start(), 3);
        let series = installation_series(&report, 0);
        assert!(series.is_none());
        let cpu = contributions(&report, "cpu");
        let figure = Figure::new(
            FigureData::Contributions(cpu),
            "Figure 1 nothing".to_owned(),
            NumberStyle::Us,
            start(),
        );
        assert!(figure.png().is_ok());
    }
}

//! Plots of a report: the series behind them ([`series`], plain functions of
//! the report) and print figures drawn from the same series ([`figure`]).
//! No egui, no file system: the window draws the series with egui_plot, and
//! `export::figures` writes the rendered bytes to files.

pub mod figure;
pub mod series;

pub use figure::{Figure, FigureData, FigureError};
pub use series::{
    Baseline, BudgetCrossing, ContributionSeries, Contributions, CumulativeSeries,
    InstallationSeries, MetricSeries, SeriesPoint, budget_crossing, contributions,
    cumulative_row_series, cumulative_series, installation_series, segments,
};

use crate::model::{NumberStyle, Report};

/// Which figures of a report to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FigureSelection {
    pub cumulative: bool,
    pub contributions: bool,
    pub installations: bool,
}

impl FigureSelection {
    pub const ALL: Self = Self {
        cumulative: true,
        contributions: true,
        installations: true,
    };
}

/// A figure and the file name stem it is saved under (`figure-03-cpu-usage`).
#[derive(Clone, Debug, PartialEq)]
pub struct NamedFigure {
    pub file_stem: String,
    pub figure: Figure,
}

/// The figures of a report, numbered in the deliverable's order: the
/// cumulative figures first (Figure 1 Storage, 2 GPU, 3 CPU, as Table 1's
/// rows), then the contributions per resource, then one per installation
/// that has numbers to show.
pub fn report_figures(
    report: &Report,
    style: NumberStyle,
    selection: FigureSelection,
) -> Vec<NamedFigure> {
    let start = report.project_start;
    let mut named = Vec::new();
    let mut number = 0;
    let mut next = |stem: String| {
        number += 1;
        (number, format!("figure-{number:02}-{stem}"))
    };
    if selection.cumulative {
        for series in cumulative_series(report) {
            let (number, file_stem) = next(format!("{}-usage", slug(&series.title())));
            let caption = series.caption(number);
            named.push(NamedFigure {
                file_stem,
                figure: Figure::new(FigureData::Cumulative(series), caption, style, start),
            });
        }
    }
    if selection.contributions {
        for resource in series::contribution_resources(report) {
            let contributions = contributions(report, &resource);
            if contributions.layers.is_empty() {
                continue;
            }
            let (number, file_stem) =
                next(format!("{}-per-installation", slug(&contributions.label)));
            let caption = contributions.caption(number);
            named.push(NamedFigure {
                file_stem,
                figure: Figure::new(
                    FigureData::Contributions(contributions),
                    caption,
                    style,
                    start,
                ),
            });
        }
    }
    if selection.installations {
        for index in 0..report.installations.len() {
            let Some(series) = installation_series(report, index) else {
                continue;
            };
            if !series.metrics.iter().any(MetricSeries::has_numbers) {
                continue;
            }
            let (number, file_stem) = next(slug(&series.name));
            let caption = series.caption(number);
            named.push(NamedFigure {
                file_stem,
                figure: Figure::new(FigureData::Installation(series), caption, style, start),
            });
        }
    }
    named
}

/// A file-name-safe form of a name: `IFCA-CSIC Scientific Cloud - CPU` ->
/// `ifca-csic-scientific-cloud-cpu`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "unnamed".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::samples::Sample;

    #[test]
    fn slugs_are_file_names() {
        assert_eq!(
            slug("IFCA-CSIC Scientific Cloud - CPU"),
            "ifca-csic-scientific-cloud-cpu"
        );
        assert_eq!(slug("  ?? "), "unnamed");
        assert_eq!(slug("Storage"), "storage");
    }

    #[test]
    fn the_figures_follow_the_deliverables_numbering() {
        let report = Sample::M36.report().unwrap();
        let figures = report_figures(&report, NumberStyle::Us, FigureSelection::ALL);
        let stems: Vec<_> = figures.iter().map(|f| f.file_stem.as_str()).collect();
        assert_eq!(
            &stems[..4],
            [
                "figure-01-storage-usage",
                "figure-02-gpu-usage",
                "figure-03-cpu-usage",
                "figure-04-storage-per-installation"
            ]
        );
        assert_eq!(
            figures[1].figure.caption,
            "Figure 2 GPU usage status and trend"
        );
        // 3 cumulative, 3 contributions (in Table 1 order), 11 installations.
        assert_eq!(figures.len(), 17);
        let only_cumulative = FigureSelection {
            contributions: false,
            installations: false,
            ..FigureSelection::ALL
        };
        assert_eq!(
            report_figures(&report, NumberStyle::Us, only_cumulative).len(),
            3
        );
    }
}

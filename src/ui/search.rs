//! Ctrl+F: finds text in every installation, metric, cell and prose text,
//! steps through the hits and selects each.

use super::actions::{Action, Actions};
use super::app::View;
use super::metric_grid::GridColumn;
use crate::model::Report;

/// Where a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchTarget {
    /// A cell of a metrics table (`column` counts the grid's columns).
    Cell {
        installation: usize,
        row: usize,
        column: usize,
    },
    InstallationName(usize),
    Description(usize, usize),
    Assessment(usize),
    Section(usize),
    Cumulative,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub target: SearchTarget,
    /// "INCD - CPU · Number of users · M25-M36".
    pub place: String,
}

impl SearchHit {
    /// What selecting the hit does.
    pub fn action(&self) -> Action {
        match self.target {
            SearchTarget::Cell {
                installation,
                row,
                column,
            } => Action::RevealCell {
                installation,
                row,
                column,
            },
            SearchTarget::InstallationName(i)
            | SearchTarget::Description(i, _)
            | SearchTarget::Assessment(i) => Action::Select(View::Installation(i)),
            SearchTarget::Section(s) => Action::Select(View::Section(s)),
            SearchTarget::Cumulative => Action::Select(View::Cumulative),
        }
    }
}

/// How a query matches text: any case; a query with digits also matches
/// the number written with other separators ("2270601" finds "2,270,601").
struct Needle {
    lower: String,
    digits: Option<String>,
}

impl Needle {
    fn new(query: &str) -> Option<Self> {
        let lower = query.trim().to_lowercase();
        if lower.is_empty() {
            return None;
        }
        let bare: String = lower
            .chars()
            .filter(|c| !matches!(c, ',' | '.' | ' ' | '\u{a0}'))
            .collect();
        let digits = bare
            .chars()
            .all(|c| c.is_ascii_digit())
            .then_some(bare)
            .filter(|d| !d.is_empty());
        Some(Self { lower, digits })
    }

    fn matches(&self, text: &str) -> bool {
        if text.is_empty() {
            return false;
        }
        if contains_ignoring_case(text, &self.lower) {
            return true;
        }
        self.digits.as_ref().is_some_and(|digits| {
            // Only texts with digits can match; compare them without their
            // separators.
            text.bytes().any(|b| b.is_ascii_digit())
                && text
                    .chars()
                    .filter(|c| !matches!(c, ',' | '.' | ' ' | '\u{a0}'))
                    .collect::<String>()
                    .contains(digits.as_str())
        })
    }
}

/// Whether `text` contains `lower` (already lower case), in any case;
/// without allocating when both are ASCII, as nearly every cell is.
fn contains_ignoring_case(text: &str, lower: &str) -> bool {
    if text.is_ascii() && lower.is_ascii() {
        let needle = lower.as_bytes();
        return needle.is_empty()
            || text
                .as_bytes()
                .windows(needle.len())
                .any(|window| window.eq_ignore_ascii_case(needle));
    }
    text.to_lowercase().contains(lower)
}

/// Every place `query` occurs, in the order the report reads: each
/// installation (name, metrics row by row, description, assessment), then
/// Table 1, then the sections.
pub fn search(report: &Report, query: &str) -> Vec<SearchHit> {
    let Some(needle) = Needle::new(query) else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    let columns = GridColumn::all(report.periods.len());
    for (i, installation) in report.installations.iter().enumerate() {
        if needle.matches(&installation.name) {
            hits.push(SearchHit {
                target: SearchTarget::InstallationName(i),
                place: format!("{} · name", installation.name),
            });
        }
        for (row, metric) in installation.metrics.iter().enumerate() {
            for (column, grid_column) in columns.iter().enumerate() {
                let text = match grid_column {
                    GridColumn::Name => metric.name.as_str(),
                    GridColumn::Method => metric.method.as_str(),
                    GridColumn::Baseline => metric.baseline.text(),
                    GridColumn::Total => metric.total.text(),
                    GridColumn::Period(p) => metric.values.get(*p).map_or("", |c| c.text()),
                };
                if needle.matches(text) {
                    hits.push(SearchHit {
                        target: SearchTarget::Cell {
                            installation: i,
                            row,
                            column,
                        },
                        place: format!(
                            "{} · {} · {}",
                            installation.name,
                            metric.name,
                            grid_column.header(report)
                        ),
                    });
                }
            }
        }
        for (f, field) in report.description_fields.iter().enumerate() {
            if needle.matches(installation.description_text(f)) {
                hits.push(SearchHit {
                    target: SearchTarget::Description(i, f),
                    place: format!("{} · description · {}", installation.name, field.label),
                });
            }
        }
        if needle.matches(&installation.assessment) {
            hits.push(SearchHit {
                target: SearchTarget::Assessment(i),
                place: format!("{} · assessment", installation.name),
            });
        }
    }
    let table = &report.cumulative;
    let in_table = table.rows.iter().any(|row| {
        needle.matches(&row.name)
            || needle.matches(&row.label)
            || needle.matches(row.budget.text())
            || row.used.iter().any(|cell| needle.matches(cell.text()))
    });
    if in_table {
        hits.push(SearchHit {
            target: SearchTarget::Cumulative,
            place: "Cumulative consumption".to_owned(),
        });
    }
    for (s, section) in report.sections.iter().enumerate() {
        if needle.matches(&section.title) || needle.matches(&section.text) {
            let title = if section.title.trim().is_empty() {
                section.kind.label().to_owned()
            } else {
                section.title.clone()
            };
            hits.push(SearchHit {
                target: SearchTarget::Section(s),
                place: format!("{title} · text"),
            });
        }
    }
    hits
}

/// The search bar's state; the hits are computed again only when the query
/// or the report changes.
#[derive(Clone, Debug, Default)]
pub struct SearchState {
    pub open: bool,
    pub query: String,
    pub hits: Vec<SearchHit>,
    /// Index of the selected hit.
    pub current: Option<usize>,
    /// Take the keyboard on the next frame.
    pub focus: bool,
    /// (document key, query) the hits were computed for.
    key: Option<((u64, u64), String)>,
}

impl SearchState {
    pub fn refresh(&mut self, report: &Report, key: (u64, u64)) {
        let wanted = Some((key, self.query.clone()));
        if self.key != wanted {
            self.hits = search(report, &self.query);
            self.current = self.current.filter(|&c| c < self.hits.len());
            self.key = wanted;
        }
    }

    /// Moves to the next (or previous) hit and returns its action.
    pub fn step(&mut self, forward: bool) -> Option<Action> {
        let count = self.hits.len();
        if count == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(c), true) => (c + 1) % count,
            (Some(c), false) => (c + count - 1) % count,
        };
        self.current = Some(next);
        self.hits.get(next).map(SearchHit::action)
    }
}

/// The search bar: query, count, previous/next, close.
pub fn search_bar_ui(ui: &mut egui::Ui, state: &mut SearchState, actions: &mut Actions) {
    ui.horizontal(|ui| {
        ui.label("Find");
        let response = ui.add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text("Installation, metric, number or words")
                .desired_width(280.0),
        );
        let response = response.accessible_name("Find text");
        if state.focus {
            response.request_focus();
            state.focus = false;
        }
        if response.changed() {
            state.current = None;
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
        if enter {
            let back = ui.input(|i| i.modifiers.shift);
            if let Some(action) = state.step(!back) {
                actions.push(action);
            }
            response.request_focus();
        }
        let count = state.hits.len();
        let summary = match (count, state.current) {
            (0, _) if state.query.trim().is_empty() => String::new(),
            (0, _) => "no match".to_owned(),
            (_, Some(c)) => format!("{} of {count}", c + 1),
            (_, None) => format!("{count} found"),
        };
        ui.label(summary);
        if ui
            .add_enabled(count > 0, egui::Button::new("Previous"))
            .on_hover_text("Shift+F3 or Shift+Enter")
            .clicked()
            && let Some(action) = state.step(false)
        {
            actions.push(action);
        }
        if ui
            .add_enabled(count > 0, egui::Button::new("Next"))
            .on_hover_text("F3 or Enter")
            .clicked()
            && let Some(action) = state.step(true)
        {
            actions.push(action);
        }
        if let Some(hit) = state.current.and_then(|c| state.hits.get(c)) {
            ui.weak(&hit.place);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").on_hover_text("Escape").clicked()
                || (escape && (response.has_focus() || response.lost_focus()))
            {
                state.open = false;
            }
        });
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::samples::Sample;

    #[test]
    fn search_finds_names_cells_numbers_and_prose() {
        let report = Sample::M36.report().unwrap();
        let hits = search(&report, "2270601");
        assert!(
            hits.iter().any(|h| h.place.starts_with("INCD - CPU · ")
                && matches!(h.target, SearchTarget::Cell { .. })),
            "{hits:?}"
        );
        let hits = search(&report, "incd - gpu");
        assert!(matches!(hits[0].target, SearchTarget::InstallationName(_)));
        assert!(search(&report, "  ").is_empty());
        let prose = search(&report, "virtual access");
        assert!(
            prose
                .iter()
                .any(|h| matches!(h.target, SearchTarget::Section(_)))
        );
    }

    #[test]
    fn stepping_wraps_around_both_ways() {
        let mut state = SearchState {
            hits: vec![
                SearchHit {
                    target: SearchTarget::Cumulative,
                    place: String::new(),
                };
                3
            ],
            ..SearchState::default()
        };
        state.step(false);
        assert_eq!(state.current, Some(2));
        state.step(true);
        assert_eq!(state.current, Some(0));
    }
}

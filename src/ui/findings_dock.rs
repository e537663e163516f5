//! Where the findings panel sits, chosen per kind of view and remembered
//! between runs: below the view, at its right (for wide windows), or hidden.
//! By default it is below the tables and texts, and hidden over the plots
//! and the page of metric kinds, which need the height.

use serde::{Deserialize, Serialize};

use super::View;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FindingsDock {
    #[default]
    Below,
    Right,
    Hidden,
}

impl FindingsDock {
    pub const ALL: [Self; 3] = [Self::Below, Self::Right, Self::Hidden];

    pub fn label(self) -> &'static str {
        match self {
            Self::Below => "Below the view",
            Self::Right => "At the right",
            Self::Hidden => "Hidden in this view",
        }
    }
}

/// The dock of each kind of view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FindingsDocks {
    pub report: FindingsDock,
    pub installation: FindingsDock,
    pub cumulative: FindingsDock,
    pub section: FindingsDock,
    pub plots: FindingsDock,
    pub metrics: FindingsDock,
    /// Where the panel comes back to when shown again in a view that hid it.
    pub last_shown: FindingsDock,
}

impl Default for FindingsDocks {
    fn default() -> Self {
        Self {
            report: FindingsDock::Below,
            installation: FindingsDock::Below,
            cumulative: FindingsDock::Below,
            section: FindingsDock::Below,
            plots: FindingsDock::Hidden,
            metrics: FindingsDock::Hidden,
            last_shown: FindingsDock::Below,
        }
    }
}

impl FindingsDocks {
    fn slot(&mut self, view: View) -> &mut FindingsDock {
        match view {
            View::Report => &mut self.report,
            View::Installation(_) => &mut self.installation,
            View::Cumulative => &mut self.cumulative,
            View::Section(_) => &mut self.section,
            View::Plots => &mut self.plots,
            View::Metrics => &mut self.metrics,
        }
    }

    pub fn of(&self, view: View) -> FindingsDock {
        match view {
            View::Report => self.report,
            View::Installation(_) => self.installation,
            View::Cumulative => self.cumulative,
            View::Section(_) => self.section,
            View::Plots => self.plots,
            View::Metrics => self.metrics,
        }
    }

    pub fn set(&mut self, view: View, dock: FindingsDock) {
        *self.slot(view) = dock;
        if dock != FindingsDock::Hidden {
            self.last_shown = dock;
        }
    }

    /// Shows the panel in `view` where it was last shown, or hides it.
    pub fn toggle(&mut self, view: View) {
        let dock = match self.of(view) {
            FindingsDock::Hidden => self.last_shown,
            FindingsDock::Below | FindingsDock::Right => FindingsDock::Hidden,
        };
        self.set(view, dock);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_view_keeps_its_own_dock() {
        let mut docks = FindingsDocks::default();
        assert_eq!(docks.of(View::Installation(3)), FindingsDock::Below);
        assert_eq!(docks.of(View::Plots), FindingsDock::Hidden);

        docks.set(View::Installation(0), FindingsDock::Right);
        // Every installation shares the choice; other views keep theirs.
        assert_eq!(docks.of(View::Installation(7)), FindingsDock::Right);
        assert_eq!(docks.of(View::Cumulative), FindingsDock::Below);

        // Shown again where it was last shown.
        docks.toggle(View::Plots);
        assert_eq!(docks.of(View::Plots), FindingsDock::Right);
        docks.toggle(View::Plots);
        assert_eq!(docks.of(View::Plots), FindingsDock::Hidden);
    }

    #[test]
    fn settings_without_docks_read_as_the_defaults() {
        let docks: FindingsDocks = serde_json::from_str("{\"plots\": \"Below\"}")
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(docks.of(View::Plots), FindingsDock::Below);
        assert_eq!(docks.of(View::Metrics), FindingsDock::Hidden);
    }
}

//! What the window remembers between runs (window size is kept by eframe).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::export_dialog::ExportSettings;
use super::findings_dock::FindingsDocks;
use crate::model::NumberStyle;

pub const SETTINGS_KEY: &str = "va-report-settings";
const RECENT_FILES_KEPT: usize = 10;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    pub fn label(self) -> &'static str {
        match self {
            Self::System => "System",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Newest first.
    pub recent_files: Vec<PathBuf>,
    pub theme: ThemeChoice,
    pub number_style: NumberStyle,
    /// The choices of File > Export….
    pub export: ExportSettings,
    /// Where the findings panel sits in each kind of view.
    pub findings_docks: FindingsDocks,
    /// The Word document last updated or started from.
    pub word_document: String,
}

impl Settings {
    /// Puts `path` first in the recent files, without duplicates.
    pub fn remember_file(&mut self, path: &Path) {
        self.recent_files.retain(|known| known != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(RECENT_FILES_KEPT);
    }

    pub fn forget_file(&mut self, path: &Path) {
        self.recent_files.retain(|known| known != path);
    }

    /// The file to open when none is named: the most recent one.
    pub fn last_file(&self) -> Option<&Path> {
        self.recent_files.first().map(PathBuf::as_path)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_newest_first_without_duplicates() {
        let mut settings = Settings::default();
        settings.remember_file(Path::new("a.json"));
        settings.remember_file(Path::new("b.json"));
        settings.remember_file(Path::new("a.json"));
        assert_eq!(
            settings.recent_files,
            [PathBuf::from("a.json"), PathBuf::from("b.json")]
        );
        assert_eq!(settings.last_file(), Some(Path::new("a.json")));
        for index in 0..20 {
            settings.remember_file(Path::new(&format!("{index}.json")));
        }
        assert_eq!(settings.recent_files.len(), 10);
    }
}

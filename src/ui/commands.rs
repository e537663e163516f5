//! Every user command, with its menu label and keyboard shortcut, in one list.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    NewReport,
    Open,
    Import,
    ProviderTemplate,
    Save,
    SaveAs,
    OpenSampleM36,
    OpenSampleM24,
    Undo,
    Redo,
    RedoAlternative,
    AddInstallation,
    AddMetric,
    AddPeriod,
    StartNextPeriod,
    Export,
    ToggleFindingsPanel,
    Quit,
}

impl UiCommand {
    /// In the order shortcuts are tested: a shortcut with Shift comes before
    /// the same one without it, which would otherwise match first.
    pub const ALL: [Self; 18] = [
        Self::NewReport,
        Self::SaveAs,
        Self::Save,
        Self::Open,
        Self::Import,
        Self::ProviderTemplate,
        Self::OpenSampleM36,
        Self::OpenSampleM24,
        Self::Redo,
        Self::Undo,
        Self::RedoAlternative,
        Self::AddInstallation,
        Self::AddMetric,
        Self::AddPeriod,
        Self::StartNextPeriod,
        Self::Export,
        Self::ToggleFindingsPanel,
        Self::Quit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::NewReport => "New report…",
            Self::Open => "Open…",
            Self::Import => "Import…",
            Self::ProviderTemplate => "Provider template…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::OpenSampleM36 => "Open sample: M36 final report",
            Self::OpenSampleM24 => "Open sample: M24 report",
            Self::Undo => "Undo",
            Self::Redo | Self::RedoAlternative => "Redo",
            Self::AddInstallation => "Add installation",
            Self::AddMetric => "Add metric",
            Self::AddPeriod => "Add period column",
            Self::StartNextPeriod => "Start next period…",
            Self::Export => "Export…",
            Self::ToggleFindingsPanel => "Findings panel",
            Self::Quit => "Quit",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let command = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        let command_shift = |key| {
            Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                key,
            ))
        };
        match self {
            Self::NewReport => command(Key::N),
            Self::Open => command(Key::O),
            Self::Import => command(Key::I),
            Self::Save => command(Key::S),
            Self::SaveAs => command_shift(Key::S),
            Self::Undo => command(Key::Z),
            Self::Redo => command_shift(Key::Z),
            Self::RedoAlternative => command(Key::Y),
            Self::Quit => command(Key::Q),
            Self::Export => command(Key::E),
            Self::ProviderTemplate
            | Self::OpenSampleM36
            | Self::OpenSampleM24
            | Self::AddInstallation
            | Self::AddMetric
            | Self::AddPeriod
            | Self::StartNextPeriod
            | Self::ToggleFindingsPanel => None,
        }
    }

    /// "Ctrl+Shift+S" on Linux and Windows, "⇧⌘S" on macOS.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|shortcut| ctx.format_shortcut(&shortcut))
            .unwrap_or_default()
    }

    /// Consumes this frame's key presses that trigger commands. Run before
    /// any widget is drawn, so that text fields do not see Ctrl+Z themselves.
    pub fn consume_shortcuts(ctx: &egui::Context) -> Vec<Self> {
        ctx.input_mut(|input| {
            Self::ALL
                .into_iter()
                .filter(|command| {
                    command
                        .shortcut()
                        .is_some_and(|shortcut| input.consume_shortcut(&shortcut))
                })
                .collect()
        })
    }
}

//! Every user command, with its menu label and keyboard shortcut, in one list.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    NewReport,
    NewFromWordDocument,
    Open,
    Import,
    UpdateWordDocument,
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
    DuplicateInstallation,
    Find,
    FindNext,
    FindPrevious,
    CommandPalette,
    KeyboardShortcuts,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Quit,
}

impl UiCommand {
    /// In the order shortcuts are tested: a shortcut with Shift comes before
    /// the same one without it, which would otherwise match first.
    pub const ALL: [Self; 29] = [
        Self::CommandPalette,
        Self::NewReport,
        Self::NewFromWordDocument,
        Self::SaveAs,
        Self::Save,
        Self::Open,
        Self::Import,
        Self::ProviderTemplate,
        Self::UpdateWordDocument,
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
        Self::DuplicateInstallation,
        Self::Find,
        Self::FindPrevious,
        Self::FindNext,
        Self::KeyboardShortcuts,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::Quit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::NewReport => "New report…",
            Self::NewFromWordDocument => "New from Word document…",
            Self::UpdateWordDocument => "Update Word document…",
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
            Self::DuplicateInstallation => "Duplicate installation",
            Self::Find => "Find…",
            Self::FindNext => "Find next",
            Self::FindPrevious => "Find previous",
            Self::CommandPalette => "Command palette…",
            Self::KeyboardShortcuts => "Keyboard shortcuts",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Reset zoom",
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
            Self::Find => command(Key::F),
            Self::FindNext => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F3)),
            Self::FindPrevious => Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::F3)),
            Self::CommandPalette => command_shift(Key::P),
            Self::KeyboardShortcuts => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F1)),
            Self::ZoomIn => Some(egui::gui_zoom::kb_shortcuts::ZOOM_IN),
            Self::ZoomOut => Some(egui::gui_zoom::kb_shortcuts::ZOOM_OUT),
            Self::ZoomReset => Some(egui::gui_zoom::kb_shortcuts::ZOOM_RESET),
            Self::DuplicateInstallation => None,
            Self::ProviderTemplate
            | Self::NewFromWordDocument
            | Self::UpdateWordDocument
            | Self::OpenSampleM36
            | Self::OpenSampleM24
            | Self::AddInstallation
            | Self::AddMetric
            | Self::AddPeriod
            | Self::StartNextPeriod
            | Self::ToggleFindingsPanel => None,
        }
    }

    fn is_zoom(self) -> bool {
        matches!(self, Self::ZoomIn | Self::ZoomOut | Self::ZoomReset)
    }

    /// What the command does, for the shortcut list and the palette.
    pub fn menu(self) -> &'static str {
        match self {
            Self::NewReport
            | Self::NewFromWordDocument
            | Self::UpdateWordDocument
            | Self::Open
            | Self::Import
            | Self::ProviderTemplate
            | Self::Save
            | Self::SaveAs
            | Self::OpenSampleM36
            | Self::OpenSampleM24
            | Self::Export
            | Self::Quit => "File",
            Self::Undo
            | Self::Redo
            | Self::RedoAlternative
            | Self::AddInstallation
            | Self::DuplicateInstallation
            | Self::AddMetric
            | Self::AddPeriod
            | Self::Find
            | Self::FindNext
            | Self::FindPrevious => "Edit",
            Self::StartNextPeriod => "Report",
            Self::ToggleFindingsPanel | Self::ZoomIn | Self::ZoomOut | Self::ZoomReset => "View",
            Self::CommandPalette | Self::KeyboardShortcuts => "Help",
        }
    }

    /// The commands a person picks by name (the palette, the shortcut
    /// list): every command once.
    pub fn named() -> impl Iterator<Item = Self> {
        Self::ALL
            .into_iter()
            .filter(|command| *command != Self::RedoAlternative)
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
                // egui zooms with its own keys; the menu shows them.
                .filter(|command| !command.is_zoom())
                .filter(|command| {
                    command
                        .shortcut()
                        .is_some_and(|shortcut| input.consume_shortcut(&shortcut))
                })
                .collect()
        })
    }
}

//! The command palette (Ctrl+Shift+P: run any command by name) and the
//! list of keyboard shortcuts (F1, Help > Keyboard shortcuts), both made
//! from the one command list.

use super::commands::UiCommand;

/// Keys of the metrics table, which are not commands of their own.
pub const TABLE_KEYS: [(&str, &str); 8] = [
    ("Enter / Shift+Enter", "Next / previous row"),
    ("Tab / Shift+Tab", "Next / previous cell"),
    ("Arrows", "Move the cell cursor"),
    ("F2 or double click", "Edit the cell in place"),
    ("Escape", "Drop the typing, keep the cell selected"),
    ("Ctrl+V", "Paste a block of cells; it grows the table"),
    (
        "Up / Down",
        "Installation list, when no field has the keyboard",
    ),
    (
        "Right click",
        "Cell menu: copy, paste, clear, fix, acknowledge",
    ),
];

/// The commands whose label or menu contains every word of `query`.
pub fn matching_commands(query: &str) -> Vec<UiCommand> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    UiCommand::named()
        .filter(|command| {
            let text = format!("{} {}", command.menu(), command.label()).to_lowercase();
            words.iter().all(|word| text.contains(word.as_str()))
        })
        .collect()
}

#[derive(Clone, Debug, Default)]
pub struct PaletteState {
    pub query: String,
    pub selected: usize,
    pub focused_once: bool,
}

/// Draws the palette; returns the command to run, or `Err(())` to close.
pub fn palette_ui(ctx: &egui::Context, state: &mut PaletteState) -> Option<Result<UiCommand, ()>> {
    let mut outcome = None;
    let matches = matching_commands(&state.query);
    state.selected = state.selected.min(matches.len().saturating_sub(1));
    let (up, down, enter, escape) = ctx.input_mut(|input| {
        (
            input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
            input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            input.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
            input.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
        )
    });
    if up {
        state.selected = state.selected.saturating_sub(1);
    }
    if down && state.selected + 1 < matches.len() {
        state.selected += 1;
    }
    if enter && let Some(command) = matches.get(state.selected) {
        outcome = Some(Ok(*command));
    }
    if escape {
        outcome = Some(Err(()));
    }
    let modal = egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
        ui.set_width(420.0);
        let response = ui.add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text("Type a command")
                .desired_width(f32::INFINITY),
        );
        let response = response.accessible_name("Command");
        if !state.focused_once {
            response.request_focus();
            state.focused_once = true;
        }
        if response.changed() {
            state.selected = 0;
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for (index, command) in matches.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let text = format!("{} › {}", command.menu(), command.label());
                        if ui.selectable_label(index == state.selected, text).clicked() {
                            outcome = Some(Ok(*command));
                        }
                        ui.weak(command.shortcut_text(ui.ctx()));
                    });
                }
                if matches.is_empty() {
                    ui.weak("No command matches");
                }
            });
    });
    if modal.should_close() && outcome.is_none() {
        outcome = Some(Err(()));
    }
    outcome
}

/// The window listing every command with its shortcut, then the table keys.
pub fn shortcuts_window_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(true)
        .default_width(460.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("shortcut-list")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for command in UiCommand::named() {
                            ui.label(format!("{} › {}", command.menu(), command.label()));
                            let mut keys = command.shortcut_text(ctx);
                            if command == UiCommand::Redo {
                                keys = format!(
                                    "{keys} or {}",
                                    UiCommand::RedoAlternative.shortcut_text(ctx)
                                );
                            }
                            if keys.is_empty() {
                                ui.weak("menu or palette");
                            } else {
                                ui.monospace(keys);
                            }
                            ui.end_row();
                        }
                        ui.end_row();
                        ui.strong("In the metrics table");
                        ui.end_row();
                        for (keys, what) in TABLE_KEYS {
                            ui.label(what);
                            ui.monospace(keys);
                            ui.end_row();
                        }
                    });
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_matches_every_word_in_label_or_menu() {
        assert_eq!(matching_commands("save as"), [UiCommand::SaveAs]);
        assert!(matching_commands("zoom").len() == 3);
        assert!(matching_commands("help").contains(&UiCommand::KeyboardShortcuts));
        assert_eq!(matching_commands("").len(), UiCommand::ALL.len() - 1);
        assert!(matching_commands("nothing like this").is_empty());
    }
}

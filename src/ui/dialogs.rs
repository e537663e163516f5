//! Modal dialogs: unsaved changes, recovery offer, error messages.

use crate::project_file::RecoveryOffer;
use crate::samples::Sample;
use std::path::PathBuf;

/// What to do once the user has decided about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    Close,
    Open(PathBuf),
    OpenSample(Sample),
    PickFileToOpen,
    NewReport,
    NewFromWordDocument,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    UnsavedChanges { next: Next },
    Recovery(RecoveryOffer),
    Message { title: String, text: String },
}

/// The user's answer to a dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    Save(Next),
    Discard(Next),
    Cancel,
    Restore(RecoveryOffer),
    DiscardRecovery,
}

impl Dialog {
    pub fn text(&self) -> String {
        match self {
            Self::UnsavedChanges { .. } => "The report has unsaved changes".to_owned(),
            Self::Recovery(offer) => format!(
                "Unsaved changes from {} were recovered",
                describe_age(offer.modified)
            ),
            Self::Message { title, text } => format!("{title}: {text}"),
        }
    }
}

fn describe_age(modified: std::time::SystemTime) -> String {
    match modified.elapsed() {
        Ok(age) if age.as_secs() < 120 => "a moment ago".to_owned(),
        Ok(age) if age.as_secs() < 7200 => format!("{} minutes ago", age.as_secs() / 60),
        Ok(age) if age.as_secs() < 172_800 => format!("{} hours ago", age.as_secs() / 3600),
        Ok(age) => format!("{} days ago", age.as_secs() / 86_400),
        Err(_) => "an earlier run".to_owned(),
    }
}

/// Shows `dialog`; returns the user's choice once made.
pub fn dialog_ui(ctx: &egui::Context, dialog: &Dialog) -> Option<Choice> {
    let mut choice = None;
    let response = egui::Modal::new(egui::Id::unique("va-report-dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match dialog {
            Dialog::UnsavedChanges { next } => {
                ui.heading("Save changes?");
                ui.label("The report has unsaved changes. Save them before going on?");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        choice = Some(Choice::Save(next.clone()));
                    }
                    if ui.button("Don't save").clicked() {
                        choice = Some(Choice::Discard(next.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(Choice::Cancel);
                    }
                });
            }
            Dialog::Recovery(offer) => {
                ui.heading("Restore unsaved changes?");
                ui.label(format!(
                    "va-report kept unsaved changes of this report from {}. Restore them?",
                    describe_age(offer.modified)
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        choice = Some(Choice::Restore(offer.clone()));
                    }
                    if ui.button("Discard them").clicked() {
                        choice = Some(Choice::DiscardRecovery);
                    }
                });
            }
            Dialog::Message { title, text } => {
                ui.heading(title);
                ui.label(text);
                ui.add_space(8.0);
                if ui.button("OK").clicked() {
                    choice = Some(Choice::Cancel);
                }
            }
        }
    });
    if choice.is_none() && response.should_close() {
        choice = Some(match dialog {
            Dialog::Recovery(offer) => Choice::Restore(offer.clone()),
            _ => Choice::Cancel,
        });
    }
    choice
}

//! Native file dialogs. "No dialog available" (no portal, no zenity) is
//! treated as a cancel.

use std::path::{Path, PathBuf};

use crate::project_file::EXTENSION;

pub fn pick_project_to_open(current: Option<&Path>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new()
        .set_title("Open report")
        .add_filter("va-report project", &["json"]);
    if let Some(directory) = current.and_then(Path::parent) {
        dialog = dialog.set_directory(directory);
    }
    dialog.pick_file()
}

pub fn pick_project_to_save(current: Option<&Path>, suggested_stem: &str) -> Option<PathBuf> {
    let file_name = current
        .and_then(Path::file_name)
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| format!("{suggested_stem}.{EXTENSION}"));
    let mut dialog = rfd::FileDialog::new()
        .set_title("Save report as")
        .add_filter("va-report project", &["json"])
        .set_file_name(file_name);
    if let Some(directory) = current.and_then(Path::parent) {
        dialog = dialog.set_directory(directory);
    }
    dialog.save_file()
}

/// Provider spreadsheets to import (several at once).
pub fn pick_files_to_import() -> Option<Vec<PathBuf>> {
    rfd::FileDialog::new()
        .set_title("Import provider files")
        .add_filter(
            "Spreadsheets",
            &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv"],
        )
        .pick_files()
}

/// Where to write a provider template.
pub fn pick_template_to_save(period: &str) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("Save provider template")
        .add_filter("Excel workbook", &["xlsx"])
        .set_file_name(format!("provider-template-{period}.xlsx"))
        .save_file()
}

/// The folder to export into, starting at the one of `current` (a file).
pub fn pick_export_folder(current: &str) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().set_title("Export into folder");
    if let Some(directory) = Path::new(current).parent().filter(|p| p.is_dir()) {
        dialog = dialog.set_directory(directory);
    }
    dialog.pick_folder()
}

/// A Word document to read, starting in the folder of `current` (a path
/// typed so far).
pub fn pick_word_document(title: &str, current: &str) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new()
        .set_title(title)
        .add_filter("Word document", &["docx", "docm", "dotx"]);
    if let Some(directory) = Path::new(current.trim()).parent().filter(|p| p.is_dir()) {
        dialog = dialog.set_directory(directory);
    }
    dialog.pick_file()
}

/// Where to write an updated Word document, suggested beside `document`.
pub fn pick_word_document_to_save(document: &str) -> Option<PathBuf> {
    let document = Path::new(document.trim());
    let suggested = super::word_dialog::UpdateWordDialog::suggested_output(document);
    let mut dialog = rfd::FileDialog::new()
        .set_title("Write the updated document to")
        .add_filter("Word document", &["docx"]);
    if let Some(name) = suggested.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    if let Some(directory) = document.parent().filter(|p| p.is_dir()) {
        dialog = dialog.set_directory(directory);
    }
    dialog.save_file()
}

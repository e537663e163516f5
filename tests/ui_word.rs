//! The Word deliverable from the window: File > Update Word document… (to a
//! new document, or in place after a confirmation, with the result listed)
//! and File > New from Word document… (asking about unsaved changes first),
//! driven headlessly on a deliverable another program made. Bad documents
//! are named with the reason and change nothing.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

mod docx_support;

use std::path::Path;

use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use va_report::edit::Edit;
use va_report::model::{CellAddress, MetricColumn, TextAddress};
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, Settings, VaReportApp};

const PYTHON_DOCX: &[u8] = include_bytes!("fixtures/docx/deliverable_python_docx.docx");

fn harness() -> Harness<'static, VaReportApp> {
    let app = VaReportApp::with_sample(Sample::M36, Settings::default(), AppEnvironment::default());
    Harness::builder()
        .with_size(Vec2::new(1280.0, 720.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app)
}

fn click(harness: &mut Harness<'static, VaReportApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn type_into(harness: &mut Harness<'static, VaReportApp>, label: &str, text: &str) {
    click(harness, label);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn menu(harness: &mut Harness<'static, VaReportApp>, entry: &str) {
    click(harness, "File");
    // A menu entry's label carries its shortcut, if any.
    harness.get_by_label_contains(entry).click();
    harness.run();
}

/// Clicks a button that starts reading a Word document, then waits for it.
fn click_and_wait(harness: &mut Harness<'static, VaReportApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.step();
    wait_for_word(harness);
}

/// Steps frames until the Word document task started by the last click is
/// over (it runs on a background thread).
fn wait_for_word(harness: &mut Harness<'static, VaReportApp>) {
    for _ in 0..500 {
        if !harness.state().is_word_task_running() {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    panic!("the Word document task never ended");
}

fn deliverable(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("deliverable.docx");
    std::fs::write(&path, PYTHON_DOCX).unwrap();
    path
}

/// The document's table cells, row by row, as text.
fn table_texts(bytes: &[u8]) -> Vec<Vec<Vec<String>>> {
    let (_, body) = va_report::export::docx_read::read_body(bytes).unwrap();
    body.blocks
        .iter()
        .filter_map(|block| match block {
            va_report::export::docx_read::Block::Table(table) => Some(table.grid_texts()),
            va_report::export::docx_read::Block::Paragraph(_) => None,
        })
        .collect()
}

#[test]
fn update_word_document_writes_a_new_document_and_lists_what_it_found() {
    let dir = tempfile::tempdir().unwrap();
    let document = deliverable(dir.path());
    let out = dir.path().join("for the office.docx");
    let mut harness = harness();
    let before = harness.state().report().clone();
    menu(&mut harness, "Update Word document…");
    assert!(harness.state().is_update_word_open());
    // The open errors are said before anything is written.
    assert!(harness.query_by_label_contains("16 open errors").is_some());
    type_into(
        &mut harness,
        "Word document to update",
        &document.display().to_string(),
    );
    type_into(&mut harness, "New document", &out.display().to_string());
    click_and_wait(&mut harness, "Update");

    assert!(!harness.state().is_update_word_open());
    let result = harness.state().word_update_result().unwrap().clone();
    assert!(
        result
            .headline
            .starts_with("Found 7 of the report's tables in deliverable.docx; "),
        "{}",
        result.headline
    );
    assert_eq!(result.written, out.display().to_string());
    assert_eq!(result.tables_found, 7);
    // The sample's numbers are the document's: seven tables, none changed.
    assert_eq!(result.updated.len(), 7);
    assert!(
        result
            .updated
            .iter()
            .all(|line| line.ends_with("unchanged")
                || line.contains("unchanged; not in the document")),
        "{:?}",
        result.updated
    );
    assert!(
        result
            .updated
            .iter()
            .any(|line| line.starts_with("Cumulative (document table "))
    );
    // The sample has eleven installations, the document three of them.
    assert!(result.not_found.len() >= 16, "{:?}", result.not_found);
    assert!(
        result
            .not_found
            .iter()
            .any(|line| line == "INCD - CPU metrics: no table under a heading naming INCD - CPU"),
        "{:?}",
        result.not_found
    );
    assert!(
        result
            .open_errors
            .as_deref()
            .unwrap()
            .starts_with("The report still has 16 open errors")
    );
    // The result is on screen, and OK closes it.
    assert!(harness.query_by_label("Word document updated").is_some());
    // One more frame: the modal's size settles after its first frames.
    harness.step();
    click(&mut harness, "OK");
    assert!(harness.state().word_update_result().is_none());

    // The document is untouched; the new one is valid and has the tables.
    assert_eq!(std::fs::read(&document).unwrap(), PYTHON_DOCX);
    let written = std::fs::read(&out).unwrap();
    assert_eq!(docx_support::check_package(&written), Vec::<String>::new());
    assert_eq!(table_texts(&written).len(), table_texts(PYTHON_DOCX).len());
    // Updating a document changes nothing in the report.
    assert_eq!(harness.state().report(), &before);
    assert!(!harness.state().document().is_dirty());
    assert_eq!(
        harness.state().settings().word_document,
        document.display().to_string()
    );
}

#[test]
fn update_word_document_in_place_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let document = deliverable(dir.path());
    let mut harness = harness();
    // A number the document does not have, so that the update changes it.
    let (index, installation) = harness
        .state()
        .report()
        .installations
        .iter()
        .enumerate()
        .find(|(_, installation)| installation.name == "IFCA-CSIC Scientific Cloud - CPU")
        .map(|(index, installation)| (index, installation.clone()))
        .unwrap();
    let period = installation.metrics[0].values.len() - 1;
    harness.state_mut().apply_edit(Edit::SetCell {
        address: CellAddress::Metric {
            installation: index,
            metric: 0,
            column: MetricColumn::Period(period),
        },
        text: "123456".to_owned(),
    });
    harness.run();
    menu(&mut harness, "Update Word document…");
    type_into(
        &mut harness,
        "Word document to update",
        &document.display().to_string(),
    );
    click(&mut harness, "The document itself (asks first)");
    click(&mut harness, "Update");
    // Nothing written until the confirmation.
    assert!(harness.query_by_label("Replace the document?").is_some());
    assert_eq!(std::fs::read(&document).unwrap(), PYTHON_DOCX);
    click(&mut harness, "Back");
    assert!(harness.query_by_label("Update a Word document").is_some());
    click(&mut harness, "Update");
    click_and_wait(&mut harness, "Replace");

    let result = harness.state().word_update_result().unwrap().clone();
    assert_eq!(result.written, document.display().to_string());
    // The changed table first, with its cell.
    assert!(
        result.updated[0].starts_with("IFCA-CSIC Scientific Cloud - CPU metrics (document table ")
            && result.updated[0].ends_with("): 1 cell changed"),
        "{:?}",
        result.updated
    );
    assert!(
        result.updated[1].ends_with("becomes 123,456"),
        "{:?}",
        result.updated
    );
    let written = std::fs::read(&document).unwrap();
    assert_ne!(written, PYTHON_DOCX);
    assert_eq!(docx_support::check_package(&written), Vec::<String>::new());
    assert!(
        table_texts(&written)
            .iter()
            .flatten()
            .flatten()
            .any(|text| text == "123,456"),
        "the changed number is in the document"
    );
}

#[test]
fn a_bad_document_is_named_with_the_reason_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("minutes.docx");
    std::fs::write(&bad, b"Minutes of the meeting, plain text").unwrap();
    let out = dir.path().join("minutes-updated.docx");
    let mut harness = harness();
    let before = harness.state().report().clone();
    menu(&mut harness, "Update Word document…");
    type_into(
        &mut harness,
        "Word document to update",
        &bad.display().to_string(),
    );
    // The new document's name is left to the suggestion.
    click_and_wait(&mut harness, "Update");
    let text = harness.state().dialog_text().unwrap();
    assert!(text.contains("not a Word document"), "{text}");
    assert!(text.ends_with(&bad.display().to_string()), "{text}");
    assert!(!out.exists());
    click(&mut harness, "OK");

    // The dialog offers the document used last.
    menu(&mut harness, "New from Word document…");
    assert_eq!(
        harness
            .get_by_label("Deliverable to start from")
            .value()
            .as_deref(),
        Some(bad.display().to_string().as_str())
    );
    click_and_wait(&mut harness, "Start report");
    let text = harness.state().dialog_text().unwrap();
    assert!(
        text.starts_with("Could not start a report from the Word document: "),
        "{text}"
    );
    assert!(text.contains("not a Word document"), "{text}");
    assert!(text.ends_with(&bad.display().to_string()), "{text}");
    assert_eq!(harness.state().report(), &before);

    // A Word document without any of a report's tables is refused too.
    let letter = dir.path().join("letter.docx");
    let empty = va_report::model::Report::empty(
        "A letter",
        va_report::model::YearMonth {
            year: 2024,
            month: 1,
        },
        1,
    );
    let no_tables = va_report::export::docx::docx_bytes(
        &empty,
        &va_report::export::ExportOptions::default(),
        &[],
        &[],
    )
    .unwrap();
    std::fs::write(&letter, no_tables).unwrap();
    click(&mut harness, "OK");
    harness.state_mut().start_from_word_document(&letter, None);
    wait_for_word(&mut harness);
    harness.run();
    let text = harness.state().dialog_text().unwrap();
    assert!(text.contains("no table of a report found"), "{text}");
    assert_eq!(harness.state().report(), &before);
}

#[test]
fn new_from_word_document_asks_about_unsaved_changes_then_reads_the_deliverable() {
    let dir = tempfile::tempdir().unwrap();
    let document = deliverable(dir.path());
    let mut harness = harness();
    harness.state_mut().apply_edit(Edit::SetText {
        address: TextAddress::Title,
        text: "Changed".to_owned(),
    });
    harness.run();
    assert!(harness.state().document().is_dirty());

    menu(&mut harness, "New from Word document…");
    // Unsaved changes first, as New and Open do.
    assert!(!harness.state().is_new_from_word_open());
    assert_eq!(
        harness.state().dialog_text().as_deref(),
        Some("The report has unsaved changes")
    );
    click(&mut harness, "Cancel");
    assert_eq!(harness.state().report().title, "Changed");

    menu(&mut harness, "New from Word document…");
    click(&mut harness, "Don't save");
    assert!(harness.state().is_new_from_word_open());
    type_into(
        &mut harness,
        "Deliverable to start from",
        &document.display().to_string(),
    );
    click_and_wait(&mut harness, "Start report");

    assert!(!harness.state().is_new_from_word_open());
    let report = harness.state().report();
    assert_eq!(report.installations.len(), 3);
    assert!(!report.cumulative.rows.is_empty());
    assert_eq!(harness.state().path(), None);
    assert!(!harness.state().document().can_undo());
    let status = harness.state().status().to_owned();
    assert!(
        status.starts_with("Started from deliverable.docx: 3 installations, "),
        "{status}"
    );
    assert!(
        harness.state().title().contains("deliverable (not saved)"),
        "{}",
        harness.state().title()
    );
}

/// A document that does not come (a FIFO nobody writes to, as a stalled
/// network share behaves): the window shows what it is reading and Cancel
/// gives it back at once, the report as it was.
#[cfg(unix)]
#[test]
fn reading_a_word_document_that_does_not_come_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let stalled = dir.path().join("stalled.docx");
    let made = std::process::Command::new("mkfifo")
        .arg(&stalled)
        .status()
        .unwrap();
    assert!(made.success());
    let mut harness = harness();
    let before = harness.state().report().clone();
    harness.state_mut().start_from_word_document(&stalled, None);
    harness.step();
    harness.step();
    assert!(harness.state().is_word_task_running());
    assert!(
        harness
            .query_by_label("Reading the Word document")
            .is_some()
    );
    assert!(harness.query_by_label("stalled.docx").is_some());

    click(&mut harness, "Cancel");
    assert!(!harness.state().is_word_task_running());
    assert!(
        harness
            .query_by_label("Reading the Word document")
            .is_none()
    );
    assert_eq!(harness.state().status(), "Stopped reading stalled.docx");
    assert_eq!(harness.state().report(), &before);
    assert!(harness.state().dialog_text().is_none());

    // The document arriving after all changes nothing: Cancel was final.
    std::fs::write(&stalled, PYTHON_DOCX).unwrap();
    for _ in 0..20 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert_eq!(harness.state().report(), &before);
}

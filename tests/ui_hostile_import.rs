//! The whole hostile corpus dropped on the window at once, read by the
//! guarded worker as the program reads it: the window keeps drawing, every
//! damaged file is one entry of the preview that names it with its reason,
//! and Cancel leaves the report as it was. This test binary
//! configures the worker for the whole process, as `main` does.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

mod dropped_file;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use dropped_file::TestFile;
use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use va_report::import::{Worker, guard};
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, Settings, VaReportApp};

/// The worker with limits that keep the test short: the hanging file
/// stops after 2 s, the memory storms at 512 MB.
fn worker() -> Worker {
    Worker::new(env!("CARGO_BIN_EXE_va-report"))
        .with_memory_bytes(512 * 1024 * 1024)
        .with_time_limit(Duration::from_secs(2))
}

fn hostile_spreadsheets() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension().is_some_and(|ext| {
                ["xls", "xlsx", "xlsb", "ods", "csv"].contains(&ext.to_string_lossy().as_ref())
            })
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_hostile_corpus_dropped_on_the_window_is_one_line_per_damaged_file() {
    assert!(guard::set_default_worker(worker()));
    let files = hostile_spreadsheets();
    assert!(files.len() >= 15, "{}", files.len());
    let app = VaReportApp::with_sample(Sample::M36, Settings::default(), AppEnvironment::default());
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app);
    let before = harness.state().report().clone();
    for path in &files {
        harness
            .input_mut()
            .dropped_files
            .push(Arc::new(TestFile(path.clone())));
    }
    harness.step();
    // The window keeps drawing frames while the worker reads (and dies).
    let mut frames = 0;
    let summary = loop {
        if let Some(summary) = harness.state().import_summary() {
            break summary;
        }
        assert!(frames < 3000, "the import preview never showed");
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
        frames += 1;
    };
    assert!(frames > 10, "{frames} frames drawn while reading");
    harness.run();
    // Every file of the corpus is damaged: each is one entry of the
    // preview, named, with one "not read" reason.
    assert_eq!(
        summary,
        format!(
            "0 cells to change · 0 unchanged · {} files not read",
            files.len()
        )
    );
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(
            harness.query_by_label(&name).is_some(),
            "{name} is not in the preview"
        );
    }
    assert_eq!(
        harness.query_all_by_label_contains("not read: ").count(),
        files.len()
    );
    // The list of files is longer than the preview's scroll area here; the
    // harness's simulated pointer lands on its clipped rows rather than on
    // the button (a real click there closes the preview), so Cancel is
    // pressed as assistive technology presses it.
    harness.get_by_label("Cancel").click_accesskit();
    harness.run();
    assert!(harness.state().import_summary().is_none());
    assert_eq!(harness.state().report(), &before);
    assert!(!harness.state().document().is_dirty());
}

//! Damaged and hostile provider files through the guarded worker: every file
//! of `tests/fixtures/hostile/` (truncated workbooks that panic calamine,
//! files that hang it or make it allocate without end, crashes found by the
//! fuzz targets) gives a workbook or one clear error, the other files of an
//! import go on, and Cancel ends a worker that hangs. Word documents are read
//! in a worker too, and give there what they give in process.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use va_report::export::docx_read;
use va_report::import::{
    ImportInput, Limits, Progress, ReadError, Reader, Worker, guard, import_paths_with, import_with,
};
use va_report::samples::Sample;

const BIN: &str = env!("CARGO_BIN_EXE_va-report");

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn hostile(name: &str) -> PathBuf {
    hostile_dir().join(name)
}

/// A worker with a tight memory limit, so that files that expand end
/// quickly, and a time limit that only a file that never ends reaches (the
/// test binaries run in parallel on a busy machine).
fn worker() -> Worker {
    Worker::new(BIN)
        .with_memory_bytes(512 * 1024 * 1024)
        .with_time_limit(Duration::from_secs(60))
}

/// The worker for files that hang: a short time limit.
fn impatient_worker() -> Worker {
    worker().with_time_limit(Duration::from_secs(2))
}

fn read_with(worker: Worker, path: &Path) -> Result<va_report::import::read::Workbook, ReadError> {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    Reader::Worker(worker).read(&name, &bytes, Limits::default(), &AtomicBool::new(false))
}

fn read_guarded(path: &Path) -> Result<va_report::import::read::Workbook, ReadError> {
    read_with(worker(), path)
}

#[test]
fn every_file_of_the_hostile_corpus_gives_a_result_or_one_error() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(hostile_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext != "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus is there: {files:?}");
    for path in &files {
        match read_with(impatient_worker(), path) {
            Ok(book) => assert!(
                book.grids.iter().map(|g| g.rows.len()).sum::<usize>() <= 8_000_000,
                "{}",
                path.display()
            ),
            Err(error) => {
                let message = error.to_string();
                assert!(
                    message.starts_with(char::is_lowercase) && !message.ends_with('.'),
                    "{}: {message}",
                    path.display()
                );
                // A problem of the worker itself is not an answer about the file.
                assert!(
                    !matches!(error, ReadError::WorkerUnavailable(_)),
                    "{}: {message}",
                    path.display()
                );
            }
        }
    }
}

/// What the fuzz targets found (`fuzz/`), named `TARGET_KIND_what.ext`: a
/// panic of the reader is "reader stopped", a memory storm ends at the
/// worker's limit.
#[test]
fn what_the_fuzz_targets_found_is_named_as_damaged() {
    let mut found = 0;
    for entry in std::fs::read_dir(hostile_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(target) = [
            "read_xls_",
            "read_xlsb_",
            "read_ods_",
            "read_xlsx_",
            "read_csv_",
        ]
        .into_iter()
        .find(|target| name.starts_with(target)) else {
            continue;
        };
        let expected = match &name[target.len()..] {
            kind if kind.starts_with("crash_") => ReadError::ReaderStopped,
            kind if kind.starts_with("oom_") => ReadError::OutOfMemory { limit_mb: 512 },
            _ => panic!("{name}: the kind of find is not in its name"),
        };
        assert_eq!(
            read_with(impatient_worker(), &path),
            Err(expected),
            "{name}"
        );
        found += 1;
    }
    assert!(found >= 5, "{found} finds");
}

#[test]
fn a_truncated_xls_that_panics_calamine_is_named_as_damaged() {
    let error =
        read_guarded(&hostile("xls_truncated_capitalized_wbook_stream-cut75.xls")).unwrap_err();
    assert_eq!(error, ReadError::ReaderStopped);
    assert_eq!(error.to_string(), "the file is damaged (reader stopped)");
}

#[test]
fn an_ods_whose_table_never_closes_times_out_instead_of_hanging() {
    let error = read_with(impatient_worker(), &hostile("ods_unclosed_table.ods")).unwrap_err();
    assert_eq!(error, ReadError::TimedOut { secs: 2 });
    assert_eq!(
        error.to_string(),
        "the file is damaged (reading took longer than 2 s)"
    );
}

#[test]
fn a_file_that_expands_past_the_memory_limit_is_refused() {
    // One 1 MB string repeated over 16,384 columns and 64 rows.
    let error = read_guarded(&hostile("ods_repeated_long_string.ods")).unwrap_err();
    assert_eq!(error, ReadError::OutOfMemory { limit_mb: 512 });
    assert_eq!(
        error.to_string(),
        "the file is damaged (it needs more memory than the 512 MB allowed)"
    );
}

#[test]
fn a_dense_range_of_a_billion_cells_is_refused_before_it_is_built() {
    let error = read_guarded(&hostile("ods_dense_far_corner.ods")).unwrap_err();
    assert!(
        matches!(&error, ReadError::Damaged(m) if m.contains("cells requested")),
        "{error:?}"
    );
}

#[test]
fn one_long_shared_string_in_many_cells_is_capped_before_it_is_copied() {
    let error = read_guarded(&hostile("xlsx_shared_string_20mb_x2000.xlsx")).unwrap_err();
    assert_eq!(
        error,
        ReadError::TooMuchText {
            sheet: "Sheet1".to_owned(),
            limit_mb: 256
        }
    );
}

#[test]
fn the_other_files_of_an_import_go_on() {
    let report = Sample::M36.report().unwrap();
    let sample_data = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/INCD.csv");
    let paths = vec![
        hostile("xls_truncated_capitalized_wbook_stream-cut75.xls"),
        sample_data,
        hostile("ods_unclosed_table.ods"),
    ];
    let plan = import_paths_with(&report, &paths, &Reader::Worker(impatient_worker()));
    assert_eq!(plan.files.len(), 3);
    assert!(!plan.changes.is_empty(), "INCD.csv was read");
    let errors: Vec<(String, String)> = plan
        .errors
        .iter()
        .map(|e| (e.file.clone(), e.message.clone()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (
                "xls_truncated_capitalized_wbook_stream-cut75.xls".to_owned(),
                "the file is damaged (reader stopped)".to_owned()
            ),
            (
                "ods_unclosed_table.ods".to_owned(),
                "the file is damaged (reading took longer than 2 s)".to_owned()
            ),
        ]
    );
}

#[test]
fn the_guarded_reader_gives_what_the_in_process_reader_gives() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let cancel = AtomicBool::new(false);
        let guarded = Reader::Worker(worker()).read(&name, &bytes, Limits::default(), &cancel);
        let in_process = Reader::InProcess.read(&name, &bytes, Limits::default(), &cancel);
        assert_eq!(guarded, in_process, "{name}");
        assert!(guarded.is_ok(), "{name}");
    }
}

#[test]
fn cancel_ends_a_worker_that_hangs() {
    let report = Sample::M36.report().unwrap();
    let bytes = std::fs::read(hostile("ods_unclosed_table.ods")).unwrap();
    let inputs = vec![ImportInput::bytes("hang.ods", bytes)];
    // A time limit far beyond the test: only Cancel can end this read.
    let reader = Reader::Worker(worker().with_time_limit(Duration::from_secs(600)));
    let progress = Progress::default();
    let canceller = progress.clone();
    let thread = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        canceller.cancel();
    });
    let plan = import_with(&report, &inputs, &progress, &reader);
    thread.join().unwrap();
    assert_eq!(plan.errors.len(), 1);
    assert_eq!(plan.errors[0].message, "reading was cancelled");
}

#[test]
fn the_command_line_names_each_damaged_file_and_goes_on() {
    let sample_data = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/INCD.csv");
    let output = Command::new(BIN)
        .args(["import", "--sample", "m36"])
        .arg(hostile("xls_truncated_capitalized_wbook_stream-cut75.xls"))
        .arg(&sample_data)
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "a file was not read");
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        plan["errors"][0]["message"],
        "the file is damaged (reader stopped)"
    );
    assert!(!plan["changes"].as_array().unwrap().is_empty());
}

#[test]
fn one_worker_reads_every_file_of_an_import() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 3, "{paths:?}");
    let reader = Reader::Worker(worker());
    let mut session = reader.session();
    let cancel = AtomicBool::new(false);
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let guarded = session.read(&name, &bytes, Limits::default(), &cancel);
        let in_process = Reader::InProcess.read(&name, &bytes, Limits::default(), &cancel);
        assert!(guarded.is_ok(), "{name}: {guarded:?}");
        assert_eq!(guarded, in_process, "{name}");
    }
    assert_eq!(session.workers_started(), 1);
}

#[test]
fn a_worker_that_dies_is_replaced_and_the_next_file_is_read() {
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/INCD.csv");
    let good_bytes = std::fs::read(&good).unwrap();
    let cancel = AtomicBool::new(false);
    let expected = Reader::InProcess
        .read("INCD.csv", &good_bytes, Limits::default(), &cancel)
        .unwrap();
    let reader = Reader::Worker(impatient_worker());
    let mut session = reader.session();
    let mut read = |name: &str| {
        let (name, bytes) = if name == "INCD.csv" {
            (name.to_owned(), good_bytes.clone())
        } else {
            (name.to_owned(), std::fs::read(hostile(name)).unwrap())
        };
        session.read(&name, &bytes, Limits::default(), &cancel)
    };
    assert_eq!(read("INCD.csv").as_ref(), Ok(&expected));
    // A panic inside the parser is caught: a reply, and the worker goes on.
    assert_eq!(
        read("xls_truncated_capitalized_wbook_stream-cut75.xls"),
        Err(ReadError::ReaderStopped)
    );
    assert_eq!(read("INCD.csv").as_ref(), Ok(&expected));
    // Out of memory: the worker dies.
    assert_eq!(
        read("ods_repeated_long_string.ods"),
        Err(ReadError::OutOfMemory { limit_mb: 512 })
    );
    assert_eq!(read("INCD.csv").as_ref(), Ok(&expected));
    // A hang: the worker is killed.
    assert_eq!(
        read("ods_unclosed_table.ods"),
        Err(ReadError::TimedOut { secs: 2 })
    );
    assert_eq!(read("INCD.csv").as_ref(), Ok(&expected));
    assert_eq!(session.workers_started(), 3);
}

/// Runs the worker as the program does, without the parent's clock.
fn spawn_worker(file_secs: u64) -> std::process::Child {
    Command::new(BIN)
        .args(["read-worker", "--memory-bytes"])
        .arg((512u64 * 1024 * 1024).to_string())
        .arg("--file-secs")
        .arg(file_secs.to_string())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn the_worker_answers_each_request_and_ends_with_its_input() {
    let mut child = spawn_worker(60);
    let mut stdin = child.stdin.take().unwrap();
    let good =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/INCD.csv")).unwrap();
    for name in ["a.csv", "b.csv"] {
        guard::write_request(&mut stdin, name, Limits::default(), &good).unwrap();
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    let mut replies = output.stdout.as_slice();
    let mut count = 0;
    while !replies.is_empty() {
        assert!(matches!(guard::decode_reply(&mut replies), Some(Ok(_))));
        count += 1;
    }
    assert_eq!(count, 2);
}

#[test]
fn a_worker_left_alone_with_a_file_that_hangs_ends_itself() {
    // As when the program that started it died: nobody kills it (its stdin
    // stays open until the end of the test).
    let mut child = spawn_worker(1);
    let mut stdin = child.stdin.take().unwrap();
    let hang = std::fs::read(hostile("ods_unclosed_table.ods")).unwrap();
    guard::write_request(&mut stdin, "hang.ods", Limits::default(), &hang).unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("the worker did not end itself");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(4));
}

/// A document's body as the document worker gives it.
fn body_in_worker(
    worker: &Worker,
    bytes: &[u8],
) -> Result<Result<docx_read::Body, docx_read::ReadError>, ReadError> {
    let answer = guard::run_job(
        worker,
        docx_read::DOCUMENT_SUBCOMMAND,
        bytes,
        &AtomicBool::new(false),
    )?;
    Ok(serde_json::from_slice(&answer).unwrap())
}

/// The Word documents of `tests/fixtures/docx/`.
fn docx_fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "docx"))
        .collect()
}

#[test]
fn word_documents_are_read_in_the_worker_as_in_process() {
    let mut read = 0;
    for path in docx_fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        let in_process = docx_read::read_body_caught(&bytes);
        assert!(in_process.is_ok(), "{path:?}: {in_process:?}");
        assert_eq!(
            body_in_worker(&worker(), &bytes),
            Ok(in_process),
            "{path:?}"
        );
        // Cut short, it is refused the same way in both.
        let cut = &bytes[..bytes.len() / 2];
        let in_process = docx_read::read_body_caught(cut);
        assert!(in_process.is_err(), "{path:?}");
        assert_eq!(body_in_worker(&worker(), cut), Ok(in_process), "{path:?}");
        read += 1;
    }
    assert!(read >= 3, "{read} documents");
}

#[test]
fn a_document_that_expands_past_the_workers_memory_ends_the_worker_not_the_program() {
    let bytes = std::fs::read(hostile("docx_120mb_paragraph.docx")).unwrap();
    let small = worker().with_memory_bytes(256 * 1024 * 1024);
    assert_eq!(
        body_in_worker(&small, &bytes),
        Err(ReadError::OutOfMemory { limit_mb: 256 })
    );
}

/// What an update gave, comparable: the updated document's body (its zip
/// is written afresh, with its own timestamps) and the summary.
type Updated = Result<
    (
        docx_read::Body,
        va_report::export::docx_update::UpdateSummary,
    ),
    String,
>;

fn comparable(
    updated: Result<(Vec<u8>, va_report::export::docx_update::UpdateSummary), String>,
) -> Updated {
    updated.map(|(bytes, summary)| (docx_read::read_body(&bytes).unwrap().1, summary))
}

#[test]
fn word_documents_are_updated_in_the_worker_as_in_process() {
    use va_report::export::docx_update_guard::{update_caught, update_in_worker};
    let options = va_report::export::ExportOptions::default();
    let mut changed = 0;
    for path in docx_fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        // The report the document holds, one number changed, so that
        // every document has a table to update.
        let mut report = va_report::export::docx_report::report_from_docx(&bytes, None)
            .map_or_else(|_| Sample::M36.report().unwrap(), |read| read.report);
        let mark = report.decimal_mark;
        if let Some(cell) = report
            .installations
            .iter_mut()
            .flat_map(|installation| installation.metrics.iter_mut())
            .flat_map(|metric| metric.values.iter_mut())
            .next()
        {
            *cell = va_report::model::Cell::parsed("4321", mark);
        }
        let never = AtomicBool::new(false);
        let in_process = comparable(update_caught(&bytes, &report, &options));
        let in_worker = comparable(update_in_worker(
            &worker(),
            &bytes,
            &report,
            &options,
            &never,
        ));
        assert_eq!(in_worker, in_process, "{path:?}");
        if let Ok((_, summary)) = &in_process {
            changed += summary.cells_changed();
        }
        // Cut short, it is refused the same way in both.
        let cut = &bytes[..bytes.len() / 2];
        let in_process = comparable(update_caught(cut, &report, &options));
        assert!(in_process.is_err(), "{path:?}");
        let in_worker = comparable(update_in_worker(&worker(), cut, &report, &options, &never));
        assert_eq!(in_worker, in_process, "{path:?}");
    }
    // One cell in each of the two deliverables (the template has no table).
    assert_eq!(changed, 2, "cells changed in all");
}

#[test]
fn a_document_too_large_to_update_ends_the_worker_not_the_program() {
    let bytes = std::fs::read(hostile("docx_120mb_paragraph.docx")).unwrap();
    let small = worker().with_memory_bytes(256 * 1024 * 1024);
    let updated = va_report::export::docx_update_guard::update_in_worker(
        &small,
        &bytes,
        &Sample::M36.report().unwrap(),
        &va_report::export::ExportOptions::default(),
        &AtomicBool::new(false),
    );
    assert_eq!(
        updated.map(|(_, summary)| summary),
        Err(ReadError::OutOfMemory { limit_mb: 256 }.to_string())
    );
}

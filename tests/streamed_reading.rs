//! The guarded worker does not keep the rows it reads: it gives them to the
//! parent as they come, and the parent rebuilds the grids. Every spreadsheet
//! of the fixtures (damaged and hostile ones included, except those that
//! only a worker's limits can end) must give, read that way, exactly what it
//! gives read in process: the same grids in the same order, or the same
//! error.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use va_report::import::guard::{ReplyWriter, decode_reply};
use va_report::import::read::{self, Limits, RowOutlet};

const SPREADSHEETS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv"];
/// Files that hang or exhaust memory in process; the worker's clock and
/// memory limit end them (`tests/hostile_files.rs`).
const ONLY_A_WORKER_ENDS: &[&str] = &[
    "ods_unclosed_table.ods",
    "ods_repeated_long_string.ods",
    "read_xls_oom_sector_chain.xls",
];

fn spreadsheets(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            spreadsheets(&path, found);
        } else if path
            .extension()
            .is_some_and(|ext| SPREADSHEETS.contains(&ext.to_string_lossy().as_ref()))
        {
            found.push(path);
        }
    }
}

#[test]
fn every_fixture_reads_the_same_streamed_as_in_process() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    spreadsheets(&root.join("tests/fixtures"), &mut paths);
    spreadsheets(&root.join("sample-data"), &mut paths);
    paths.retain(|path| {
        let name = path.file_name().unwrap().to_string_lossy();
        !ONLY_A_WORKER_ENDS.contains(&name.as_ref())
    });
    paths.sort();
    assert!(paths.len() >= 40, "{}", paths.len());
    let (mut read_ok, mut refused) = (0, 0);
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let never = AtomicBool::new(false);
        let in_process = read::read_bytes_caught(&name, &bytes, Limits::default(), &never, None);
        let mut stream = Vec::new();
        let mut writer = ReplyWriter::new(&mut stream);
        let streamed =
            read::read_bytes_caught(&name, &bytes, Limits::default(), &never, Some(&mut writer));
        if let Ok(workbook) = &streamed {
            // The rows went to the outlet, not into the grids.
            assert!(
                workbook.grids.iter().all(|grid| grid.rows.is_empty()),
                "{name}"
            );
        }
        writer.finish(&streamed).unwrap();
        let mut rest = stream.as_slice();
        let rebuilt = decode_reply(&mut rest);
        assert!(rest.is_empty(), "{name}: bytes after the reply");
        assert_eq!(rebuilt.as_ref(), Some(&in_process), "{name}");
        match in_process {
            Ok(_) => read_ok += 1,
            Err(_) => refused += 1,
        }
    }
    // Both kinds were compared.
    assert!(
        read_ok >= 20 && refused >= 10,
        "{read_ok} read, {refused} refused"
    );
}

#[test]
fn a_long_sheet_is_given_in_pieces_and_rebuilt_whole() {
    // Many more rows than a sink holds before it gives them on.
    let mut csv = String::from("Installation;Metric;Value\n");
    for row in 0..5_000 {
        csv.push_str(&format!("Site {};CPU hours;{}\n", row % 13, row));
    }
    struct Counting<'a> {
        writer: ReplyWriter<&'a mut Vec<u8>>,
        calls: usize,
    }
    impl RowOutlet for Counting<'_> {
        fn rows(&mut self, rows: &[read::Row]) {
            self.calls += 1;
            self.writer.rows(rows);
        }
        fn sheet_read(&mut self, sheet: &str) {
            self.writer.sheet_read(sheet);
        }
        fn rows_given(&self) -> usize {
            self.writer.rows_given()
        }
    }
    let never = AtomicBool::new(false);
    let mut stream = Vec::new();
    let mut outlet = Counting {
        writer: ReplyWriter::new(&mut stream),
        calls: 0,
    };
    let streamed = read::read_bytes_into(
        "long.csv",
        csv.as_bytes(),
        Limits::default(),
        &never,
        Some(&mut outlet),
    );
    assert!(outlet.calls >= 4, "{} calls", outlet.calls);
    assert_eq!(outlet.rows_given(), 5_001);
    outlet.writer.finish(&streamed).unwrap();
    let rebuilt = decode_reply(&mut stream.as_slice()).unwrap().unwrap();
    let in_process = read::read_bytes("long.csv", csv.as_bytes(), Limits::default()).unwrap();
    assert_eq!(rebuilt, in_process);
    assert_eq!(rebuilt.grids[0].rows.len(), 5_001);
}

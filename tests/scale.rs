//! A large report through the program within 1 GB: `check` and `export
//! --docx`/`--xlsx` of a generated report of 2,000 installations x 6 metrics
//! x 12 yearly periods, each run under a limit of 1 GB of memory, so that
//! needing more fails the test. Their speed is measured by
//! `benches/scale.rs`.
//!
//! The limit is the data limit (`ulimit -d`: heap, anonymous mappings and
//! thread stacks, what the program writes to), not the address-space limit
//! (`ulimit -v`), which also counts address space reserved and never used:
//! rust_xlsxwriter assembles each worksheet on a thread of its own, and the
//! 2,000 threads' stacks and malloc arenas reserve more than 1 GB of
//! address space while the export uses about 200 MB.

#![cfg(unix)]
#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::path::Path;
use std::process::{Command, Output};

use va_report::samples::generated_with_periods;

const BIN: &str = env!("CARGO_BIN_EXE_va-report");
const ONE_GB_KIB: u64 = 1024 * 1024;

/// Runs the program with `args` and at most `limit_kib` of memory.
fn run_limited(limit_kib: u64, args: &[&Path]) -> Output {
    run_under(&format!("ulimit -d {limit_kib}"), args)
}

/// Runs the program with `args` after the shell command `limit`.
fn run_under(limit: &str, args: &[&Path]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{limit} && exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args)
        .output()
        .unwrap()
}

fn large_project(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("large.vareport.json");
    va_report::project_file::save(&path, &generated_with_periods(2000, 6, 12)).unwrap();
    path
}

#[test]
fn a_report_of_2000_installations_and_12_periods_is_checked_and_exported_within_1_gb() {
    let dir = tempfile::tempdir().unwrap();
    let project = large_project(dir.path());
    let docx = dir.path().join("large.docx");
    let xlsx = dir.path().join("large.xlsx");
    let runs: [&[&Path]; 3] = [
        &[Path::new("check"), &project],
        &[Path::new("export"), &project, Path::new("--docx"), &docx],
        &[Path::new("export"), &project, Path::new("--xlsx"), &xlsx],
    ];
    for args in runs {
        let output = run_limited(ONE_GB_KIB, args);
        assert!(
            output.status.success(),
            "{args:?}: {:?}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // Every installation's tables are in the document and the workbook.
    let docx_size = std::fs::metadata(&docx).unwrap().len();
    let xlsx_size = std::fs::metadata(&xlsx).unwrap().len();
    assert!(
        docx_size > 100_000 && xlsx_size > 100_000,
        "{docx_size} {xlsx_size}"
    );
}

#[test]
fn the_limit_bites() {
    // In 64 MB the program starts, but the same export cannot be done: the
    // limit holds what the export needs.
    let help = run_limited(64 * 1024, &[Path::new("--help")]);
    assert!(help.status.success(), "{help:?}");
    let dir = tempfile::tempdir().unwrap();
    let project = large_project(dir.path());
    let xlsx = dir.path().join("large.xlsx");
    let output = run_limited(
        64 * 1024,
        &[Path::new("export"), &project, Path::new("--xlsx"), &xlsx],
    );
    assert!(!output.status.success());
    assert!(!xlsx.exists());
}

#[test]
fn under_a_1_gb_address_space_limit_the_xlsx_export_is_written_or_refused_cleanly() {
    // The address-space limit also counts what the worksheets' threads
    // reserve and never use; where they cannot all start, the export is an
    // error with its reason, not a panic, and leaves no file.
    let dir = tempfile::tempdir().unwrap();
    let project = large_project(dir.path());
    let xlsx = dir.path().join("large.xlsx");
    let output = run_under(
        &format!("ulimit -v {ONE_GB_KIB}"),
        &[Path::new("export"), &project, Path::new("--xlsx"), &xlsx],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    match output.status.code() {
        Some(0) => assert!(xlsx.exists()),
        Some(2) => {
            assert!(stderr.contains("could not start the threads"), "{stderr}");
            assert!(!xlsx.exists());
        }
        other => panic!("{other:?}: {stderr}"),
    }
}

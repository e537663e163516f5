//! Output failures of the command line are errors, never panics: a closed
//! pipe ends a command quietly with the exit code it would have had, a full
//! disk is reported on stderr with exit code 2.

#![cfg(unix)]
#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_va-report");

/// The commands that print, each with the exit code it has when it can print.
fn commands(dir: &Path) -> Vec<(Vec<String>, i32)> {
    let sample_data = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/INCD.csv");
    let out = |name: &str| dir.join(name).to_string_lossy().into_owned();
    vec![
        (vec!["check".into(), "--sample".into(), "m36".into()], 1),
        (
            vec![
                "check".into(),
                "--sample".into(),
                "m36".into(),
                "--json".into(),
            ],
            1,
        ),
        (
            vec![
                "import".into(),
                "--sample".into(),
                "m36".into(),
                sample_data.to_string_lossy().into_owned(),
                "--json".into(),
            ],
            0,
        ),
        (
            vec![
                "import".into(),
                "--sample".into(),
                "m36".into(),
                sample_data.to_string_lossy().into_owned(),
                "--out".into(),
                out("imported.vareport.json"),
            ],
            0,
        ),
        (
            vec!["sample".into(), "--out".into(), out("s.vareport.json")],
            0,
        ),
        (
            vec![
                "export".into(),
                "--sample".into(),
                "m36".into(),
                "--csv".into(),
                out("csv"),
            ],
            0,
        ),
    ]
}

fn run(args: &[String], stdout: Stdio) -> Output {
    Command::new(BIN)
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// What a command wrote on stderr, less the notice `export` gives before
/// writing that the report still has open errors.
fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|line| !line.starts_with("va-report: the report still has"))
        .map(|line| format!("{line}\n"))
        .collect()
}

#[test]
fn each_command_exits_as_documented_when_it_can_print() {
    let dir = tempfile::tempdir().unwrap();
    for (args, code) in commands(dir.path()) {
        let output = run(&args, Stdio::null());
        assert_eq!(
            output.status.code(),
            Some(code),
            "{args:?}: {}",
            stderr_of(&output)
        );
    }
}

#[test]
fn a_full_disk_on_stdout_is_an_error_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    for (args, _) in commands(dir.path()) {
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = run(&args, Stdio::from(full));
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("va-report: cannot write to standard output (No space left"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_each_command_quietly_with_its_own_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    for (args, code) in commands(dir.path()) {
        // The reading end is closed before the program starts, so every
        // write it makes fails.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = run(&args, Stdio::from(writer));
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
    assert!(
        dir.path().join("imported.vareport.json").exists(),
        "import --out writes the report even when its plan cannot be printed"
    );
}

#[test]
fn check_json_into_head_c_10_exits_without_a_panic() {
    let script =
        format!("'{BIN}' check --sample m36 --json | head -c 10; echo \" ${{PIPESTATUS[0]}}\"");
    let output = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = stderr_of(&output);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr, "");
    // Ten bytes of JSON, then the exit code of `check` (1: the M36 sample has
    // errors), whether or not the pipe closed before it finished writing.
    assert!(stdout.starts_with("{\n  \"count"), "{stdout}");
    assert!(stdout.ends_with(" 1\n"), "{stdout}");
}

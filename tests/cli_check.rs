//! `va-report check`: the built binary, its JSON and its exit codes.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::process::Command;

use serde_json::Value;
use va_report::model::Acknowledgement;
use va_report::project_file;
use va_report::samples::Sample;

fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_va-report"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_sample_has_errors_and_json_names_them() {
    let (code, stdout, _) = run(&["check", "--sample", "m36", "--json"]);
    assert_eq!(code, 1);
    let value: Value = serde_json::from_str(&stdout).unwrap();
    let findings = value["findings"].as_array().unwrap();
    for finding in findings {
        for key in [
            "rule",
            "severity",
            "installation",
            "metric",
            "column",
            "message",
            "expected",
            "found",
        ] {
            assert!(finding.get(key).is_some(), "{key} missing in {finding}");
        }
    }
    let ifca = findings
        .iter()
        .find(|f| {
            f["rule"] == "total-quantity-sum"
                && f["installation"] == "IFCA-CSIC Scientific Cloud - CPU"
        })
        .unwrap();
    assert_eq!(ifca["severity"], "error");
    assert_eq!(ifca["metric"], "CPU node/hours served over the period");
    assert_eq!(ifca["column"], "TOT");
    assert_eq!(ifca["expected"], "6,835,002");
    assert_eq!(ifca["found"], "8,381,165");
    // A cumulative cell: no installation; metric is the resource row, column the checkpoint.
    let table = findings
        .iter()
        .find(|f| f["rule"] == "cumulative-vs-installations")
        .unwrap();
    assert!(table["installation"].is_null());
    assert_eq!(table["metric"], "Storage (TB-month) - Accumulative");
    assert_eq!(table["column"], "USED BY M12 (Aug 2023)");
    let counts = &value["counts"];
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    assert_eq!(counts["error"].as_u64().unwrap() as usize, errors);
    assert!(counts["warning"].as_u64().unwrap() > 0);
    assert!(counts["info"].as_u64().unwrap() > 0);
}

#[test]
fn human_output_groups_by_installation() {
    let (code, stdout, _) = run(&["check", "--sample", "m36"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("\nIFCA-CSIC Scientific Cloud - CPU\n"));
    assert!(stdout.contains("TOT 8,381,165 differs from the sum of the periods, 6,835,002"));
}

#[test]
fn acknowledged_errors_do_not_fail_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acknowledged.json");
    let mut report = Sample::M36.report().unwrap();
    let findings = va_report::check::check_report(&report);
    let acknowledgements: Vec<Acknowledgement> = findings
        .iter()
        .filter(|f| f.severity == va_report::check::Severity::Error)
        .map(|f| f.acknowledge(&report, "checked with the provider"))
        .collect();
    report.acknowledgements = acknowledgements;
    project_file::save(&path, &report).unwrap();
    let (code, stdout, _) = run(&["check", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{stdout}");
    let value: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["counts"]["error"], 0);
    assert!(
        value["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["acknowledged"] == "checked with the provider")
    );
}

#[test]
fn a_clean_report_exits_0_and_an_unreadable_one_2() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.json");
    project_file::save(&clean, &va_report::samples::generated(5, 4)).unwrap();
    let (code, _, _) = run(&["check", clean.to_str().unwrap()]);
    assert_eq!(code, 0);
    let missing = dir.path().join("missing.json");
    let (code, _, stderr) = run(&["check", missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.json"), "{stderr}");
    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, "not json").unwrap();
    assert_eq!(run(&["check", garbage.to_str().unwrap()]).0, 2);
}

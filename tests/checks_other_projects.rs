//! The checks on reports of other projects: every planted contradiction is
//! found in its cell, and the rows that agree give no error or warning.
//! Each report is kept as a project file in `tests/fixtures/reports/`
//! (written from its builder, read back from the file) with the list of
//! what is planted in `tests/common/other_projects.rs`.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

mod common;

use std::path::PathBuf;

use common::other_projects::{OtherProject, all};
use va_report::check::{Finding, Severity, check_report};
use va_report::model::Report;
use va_report::project_file;

fn fixture_path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(file)
}

/// The report as its fixture file holds it; the file is (re)written from
/// the builder when it differs, so the fixture and the list stay together.
fn from_fixture(project: &OtherProject) -> Report {
    let path = fixture_path(project.file);
    let json = project_file::to_json(&project.report);
    if std::fs::read_to_string(&path).ok().as_deref() != Some(json.as_str()) {
        std::fs::write(&path, &json).unwrap();
    }
    let text = std::fs::read_to_string(&path).unwrap();
    project_file::from_json(&text).unwrap()
}

fn key(report: &Report, finding: &Finding) -> String {
    let names = finding.location.names(report);
    format!(
        "{} {} | {} | {} | {}",
        finding.severity.label(),
        finding.rule,
        names.installation.unwrap_or_default(),
        names.metric.unwrap_or_default(),
        names.column.unwrap_or_default()
    )
}

fn check(project: &OtherProject) {
    let report = from_fixture(project);
    let findings = check_report(&report);
    let mut found: Vec<String> = findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| key(&report, f))
        .collect();
    let mut planted: Vec<String> = project.planted.iter().map(|k| (*k).to_owned()).collect();
    found.sort();
    planted.sort();
    let messages: Vec<String> = findings
        .iter()
        .map(|f| format!("{}: {}", key(&report, f), f.message))
        .collect();
    assert_eq!(found, planted, "{}: {messages:#?}", project.file);
    let notes: Vec<String> = findings.iter().map(|f| key(&report, f)).collect();
    for note in &project.notes {
        assert!(
            notes.iter().any(|n| n == note),
            "{}: missing {note}: {messages:#?}",
            project.file
        );
    }
}

#[test]
fn hpc_centre_with_half_years() {
    check(&common::other_projects::hpc_half_years());
}

#[test]
fn repository_with_decimal_commas_and_irregular_periods() {
    check(&common::other_projects::repository_decimal_comma());
}

#[test]
fn cloud_over_four_years() {
    check(&common::other_projects::cloud_four_years());
}

#[test]
fn messages_show_their_work() {
    let hpc = common::other_projects::hpc_half_years().report;
    let findings = check_report(&hpc);
    let table = findings
        .iter()
        .find(|f| f.rule == "cumulative-vs-installations")
        .unwrap();
    // The sums named, the unlinked metric singled out, no fix.
    assert!(
        table
            .message
            .contains("(summed: Hydra - Cluster A and Hydra - Cluster B)"),
        "{}",
        table.message
    );
    assert!(
        table
            .message
            .contains("Hydra - Cluster C's \"Compute time (hours)\", linked to no resource, makes up the difference exactly"),
        "{}",
        table.message
    );
    assert!(table.fix.is_none());
    // 613,000 is compared with use, never with the budget in the same sentence.
    let prose = findings.iter().find(|f| f.rule == "prose-figure").unwrap();
    assert_eq!(
        prose.message,
        "The executive summary quotes 613,000 core-hours but the cumulative table's Cores use by M18 is 631,000 core-h"
    );
    let cloud = common::other_projects::cloud_four_years().report;
    let findings = check_report(&cloud);
    let prose = findings.iter().find(|f| f.rule == "prose-figure").unwrap();
    assert!(
        prose.message.contains("GPU use by M48 is 135,900"),
        "{}",
        prose.message
    );
    // A fix in a decimal-comma report writes decimal commas.
    let repository = common::other_projects::repository_decimal_comma().report;
    let findings = check_report(&repository);
    let comma = findings
        .iter()
        .find(|f| f.rule == "other-decimal-convention")
        .unwrap();
    assert_eq!(comma.expected.as_deref(), Some("43,5"));
    let prose = findings.iter().find(|f| f.rule == "prose-figure").unwrap();
    assert_eq!(prose.expected.as_deref(), Some("876.25"));
    let every: Vec<_> = all().into_iter().map(|p| p.file).collect();
    assert_eq!(every.len(), 3);
}

//! Project files on disk: round trips, atomic saves, refusals, recovery files.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::io::{self, Write};
use std::time::{Duration, SystemTime};

use va_report::project_file::{self, ProjectFileError};
use va_report::samples::Sample;

#[test]
fn the_m36_sample_round_trips_through_a_project_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m36.vareport.json");
    let report = Sample::M36.report().unwrap();
    project_file::save(&path, &report).unwrap();
    assert_eq!(project_file::load(&path).unwrap(), report);

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"format\": \"va-report-project\""));
    assert!(text.contains("\"format_version\": 2"));
    // Cells are stored exactly as written, whitespace included.
    assert!(text.contains("\"   11,586,723\""));
}

/// The built-in samples are stored in format version 1, as the first
/// release saved them: they open through the migration, with their guesses
/// to confirm, and save in the current version.
#[test]
fn version_1_files_open_through_the_migration_and_save_as_version_2() {
    for (json, installations) in [
        (include_str!("../assets/sample-m36.json"), 11),
        (include_str!("../assets/sample-m24.json"), 11),
    ] {
        assert!(json.contains("\"format_version\": 1"));
        let (report, notes) = project_file::read_json(json).unwrap();
        assert_eq!(notes.migrated_from, Some(1));
        assert_eq!(report.installations.len(), installations);
        assert_eq!(report.decimal_mark, va_report::model::DecimalMark::Point);
        let ids: Vec<&str> = report.resources().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["storage", "gpu", "cpu"]);
        assert_eq!(report.description_fields.len(), 12);

        let saved = project_file::to_json(&report);
        let (again, notes) = project_file::read_json(&saved).unwrap();
        assert_eq!(notes.migrated_from, None);
        assert_eq!(
            again, report,
            "a migrated report saves and reopens unchanged"
        );
    }
}

#[test]
fn a_save_that_fails_half_way_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.vareport.json");
    let report = Sample::M36.report().unwrap();
    project_file::save(&path, &report).unwrap();
    let before = std::fs::read(&path).unwrap();

    let half = project_file::to_json(&report);
    let result = project_file::write_atomically(&path, |file| {
        file.write_all(&half.as_bytes()[..half.len() / 2])?;
        Err(io::Error::other("disk full"))
    });
    assert_eq!(result.unwrap_err().to_string(), "disk full");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file is left behind: {leftovers:?}"
    );
}

#[test]
fn saving_into_a_missing_directory_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("report.vareport.json");
    let error = project_file::save(&path, &Sample::M24.report().unwrap()).unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("cannot write"), "{message}");
    assert!(message.ends_with("report.vareport.json"), "{message}");
}

#[test]
fn files_that_are_not_projects_are_refused_with_the_reason_and_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("empty.json", "", "invalid JSON"),
        (
            "other.json",
            r#"{"name": "something else"}"#,
            "no \"format\"",
        ),
        (
            "no-version.json",
            r#"{"format": "va-report-project", "report": {}}"#,
            "no format_version",
        ),
        (
            "bad-report.json",
            r#"{"format": "va-report-project", "format_version": 1, "report": {"title": 3}}"#,
            "bad report",
        ),
        (
            "too-many-values.json",
            r#"{"format": "va-report-project", "format_version": 1, "report": {"title": "t",
               "project_start": "2022-09", "periods": [{"label": "M1-M12", "first_month": 1, "last_month": 12}],
               "installations": [{"name": "A", "metrics": [{"name": "Number of users", "values": ["1", "2"]}]}]}}"#,
            "has 2 period values but the report has 1 periods",
        ),
    ];
    for (name, content, reason) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let error = project_file::load(&path).unwrap_err();
        assert!(
            matches!(error, ProjectFileError::NotAProject { .. }),
            "{name}: {error:?}"
        );
        let message = error.to_string();
        assert!(message.contains(reason), "{name}: {message}");
        assert!(message.ends_with(name), "{name}: {message}");
    }
}

#[test]
fn a_file_from_a_newer_version_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.vareport.json");
    std::fs::write(
        &path,
        r#"{"format": "va-report-project", "format_version": 7, "report": {"whatever": []}}"#,
    )
    .unwrap();
    let message = project_file::load(&path).unwrap_err().to_string();
    assert!(
        message.starts_with("made by a newer va-report (format version 7"),
        "{message}"
    );
}

#[test]
fn a_recovery_file_is_offered_only_while_newer_than_its_project() {
    let dir = tempfile::tempdir().unwrap();
    let recovery_dir = dir.path().join("recovery");
    let project = dir.path().join("report.vareport.json");
    let report = Sample::M36.report().unwrap();
    project_file::save(&project, &report).unwrap();
    assert_eq!(
        project_file::pending_recovery(&recovery_dir, Some(&project)),
        None
    );

    let mut edited = report.clone();
    edited.title = "Edited".to_owned();
    let recovery = project_file::write_recovery(&recovery_dir, Some(&project), &edited).unwrap();
    let old = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&project)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let offer = project_file::pending_recovery(&recovery_dir, Some(&project)).unwrap();
    assert_eq!(offer.recovery_file, recovery);
    assert_eq!(
        project_file::load(&offer.recovery_file).unwrap().title,
        "Edited"
    );

    // Saving the project afterwards makes the recovery file stale.
    project_file::save(&project, &edited).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&recovery)
        .unwrap()
        .set_modified(old)
        .unwrap();
    assert_eq!(
        project_file::pending_recovery(&recovery_dir, Some(&project)),
        None
    );

    project_file::discard_recovery(&recovery_dir, Some(&project));
    assert!(!recovery.exists());
}

#[cfg(unix)]
#[test]
fn saved_files_are_readable_by_others_and_keep_the_permissions_they_had() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.vareport.json");
    let report = Sample::M24.report().unwrap();
    project_file::save(&path, &report).unwrap();
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode(&path),
        0o644,
        "a new project is readable like any document"
    );

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    project_file::save(&path, &report).unwrap();
    assert_eq!(
        mode(&path),
        0o600,
        "a private project stays private when saved again"
    );
}

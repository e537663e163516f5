//! Recovery files that cannot mix projects, saves through symbolic links,
//! temporary files left by killed saves, and a save process killed with
//! SIGKILL that loses nothing.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use egui::Vec2;
use egui_kittest::Harness;
use va_report::edit::Edit;
use va_report::model::{Report, TextAddress};
use va_report::project_file;
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, Settings, VaReportApp};

fn titled(title: &str) -> Report {
    let mut report = Sample::M24.report().unwrap();
    report.title = title.to_owned();
    report
}

/// Sets a file's modification time; file times may be too coarse to order
/// two writes in a row.
fn age(path: &Path, by: Duration) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - by)
        .unwrap();
}

/// Two projects in one folder whose names the old scheme mapped to one
/// recovery file: `a_b.vareport.json` and `a/b.vareport.json`.
fn colliding_projects(dir: &Path) -> (PathBuf, PathBuf) {
    let a = dir.join("a_b.vareport.json");
    std::fs::create_dir(dir.join("a")).unwrap();
    let b = dir.join("a").join("b.vareport.json");
    project_file::save(&a, &titled("Project A")).unwrap();
    project_file::save(&b, &titled("Project B")).unwrap();
    age(&a, Duration::from_secs(3600));
    age(&b, Duration::from_secs(3600));
    (a, b)
}

#[test]
fn two_projects_whose_names_collided_keep_their_own_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let recovery_dir = dir.path().join("recovery");
    let (a, b) = colliding_projects(dir.path());
    assert_ne!(
        project_file::recovery_path(&recovery_dir, Some(&a)),
        project_file::recovery_path(&recovery_dir, Some(&b))
    );
    project_file::write_recovery(&recovery_dir, Some(&a), &titled("A edited")).unwrap();
    assert!(project_file::pending_recovery(&recovery_dir, Some(&b)).is_none());
    let offer = project_file::pending_recovery(&recovery_dir, Some(&a)).unwrap();
    assert_eq!(
        project_file::load(&offer.recovery_file).unwrap().title,
        "A edited"
    );
}

#[test]
fn a_recovery_file_that_names_another_project_is_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    let recovery_dir = dir.path().join("recovery");
    let (a, b) = colliding_projects(dir.path());
    // A's recovery under B's name (as the old naming scheme could leave it).
    let written = project_file::write_recovery(&recovery_dir, Some(&a), &titled("A")).unwrap();
    std::fs::rename(
        written,
        project_file::recovery_path(&recovery_dir, Some(&b)),
    )
    .unwrap();
    assert!(project_file::pending_recovery(&recovery_dir, Some(&b)).is_none());
    // Nor is a file of the old format, which names no project.
    std::fs::write(
        project_file::recovery_path(&recovery_dir, Some(&b)),
        project_file::to_json(&titled("old")),
    )
    .unwrap();
    assert!(project_file::pending_recovery(&recovery_dir, Some(&b)).is_none());
}

#[test]
fn the_window_opened_on_one_project_does_not_offer_the_other_ones_changes() {
    let dir = tempfile::tempdir().unwrap();
    let recovery_dir = dir.path().join("recovery");
    let (a, b) = colliding_projects(dir.path());
    project_file::write_recovery(&recovery_dir, Some(&a), &titled("A edited")).unwrap();
    let environment = AppEnvironment {
        recovery_dir: Some(recovery_dir),
        native_dialogs: false,
        background_checks: false,
    };
    let open = |path: &Path| {
        let report = project_file::load(path).unwrap();
        let app = VaReportApp::new(
            report,
            Some(path.to_path_buf()),
            "",
            Settings::default(),
            environment.clone(),
        );
        let mut harness = Harness::builder()
            .with_size(Vec2::new(1440.0, 900.0))
            .build_ui_state(|ui, app: &mut VaReportApp| app.ui(ui), app);
        harness.run();
        harness.state().dialog_text()
    };
    assert_eq!(open(&b), None);
    assert!(open(&a).unwrap().contains("Unsaved changes"));
}

#[test]
fn a_very_long_path_gets_a_short_recovery_name_that_works() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir
        .path()
        .join("d".repeat(200))
        .join("e".repeat(200))
        .join("f".repeat(200));
    std::fs::create_dir_all(&deep).unwrap();
    let project = deep.join(format!("{}.vareport.json", "r".repeat(200)));
    project_file::save(&project, &titled("Long")).unwrap();
    age(&project, Duration::from_secs(3600));
    let recovery_dir = dir.path().join("recovery");
    let written =
        project_file::write_recovery(&recovery_dir, Some(&project), &titled("Long edited"))
            .unwrap();
    assert!(written.file_name().unwrap().len() < 100, "{written:?}");
    let offer = project_file::pending_recovery(&recovery_dir, Some(&project)).unwrap();
    assert_eq!(offer.recovery_file, written);
}

#[test]
fn two_spellings_of_one_path_share_one_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let plain = dir.path().join("r.vareport.json");
    let roundabout = dir.path().join("sub").join("..").join("r.vareport.json");
    project_file::save(&plain, &titled("R")).unwrap();
    let recovery_dir = dir.path().join("recovery");
    assert_eq!(
        project_file::recovery_path(&recovery_dir, Some(&plain)),
        project_file::recovery_path(&recovery_dir, Some(&roundabout))
    );
}

#[cfg(unix)]
#[test]
fn saving_through_a_symbolic_link_writes_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real").join("report.vareport.json");
    project_file::save(&target, &titled("Before")).unwrap();
    let link = dir.path().join("link.vareport.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();

    project_file::save(&link, &titled("After")).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(project_file::load(&target).unwrap().title, "After");
    // No temporary file was left beside the link or the target.
    for folder in [dir.path(), &dir.path().join("real")] {
        let names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.starts_with(".va-report-save")),
            "{names:?}"
        );
    }

    // A link to a file not yet written creates that file.
    let dangling = dir.path().join("dangling.vareport.json");
    let new_target = dir.path().join("real").join("new.vareport.json");
    std::os::unix::fs::symlink(&new_target, &dangling).unwrap();
    project_file::save(&dangling, &titled("New")).unwrap();
    assert_eq!(project_file::load(&new_target).unwrap().title, "New");
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn temporary_files_of_killed_saves_are_removed_at_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(".va-report-saveAbC123");
    let fresh = dir.path().join(".va-report-saveXyZ789");
    std::fs::write(&stale, vec![b'x'; 1000]).unwrap();
    std::fs::write(&fresh, b"a save under way").unwrap();
    age(
        &stale,
        project_file::STALE_TEMPORARY_AGE + Duration::from_secs(60),
    );
    let unrelated = dir.path().join("notes.txt");
    std::fs::write(&unrelated, b"keep").unwrap();
    age(&unrelated, Duration::from_secs(86_400));

    project_file::save(&dir.path().join("r.vareport.json"), &titled("R")).unwrap();
    assert!(!stale.exists(), "left by a killed save");
    assert!(fresh.exists(), "another save may still be writing it");
    assert!(unrelated.exists());
}

#[test]
fn a_project_file_is_read_only_up_to_its_limit() {
    // /dev/zero declares no size; reading stops at the limit.
    #[cfg(unix)]
    {
        let error = project_file::load(Path::new("/dev/zero")).unwrap_err();
        assert!(
            error.to_string().starts_with("the file is larger than"),
            "{error}"
        );
    }
}

#[test]
fn a_failed_autosave_stays_shown_until_one_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the recovery folder should be: autosave cannot write.
    let blocked = dir.path().join("recovery");
    std::fs::write(&blocked, b"not a folder").unwrap();
    let environment = AppEnvironment {
        recovery_dir: Some(blocked.clone()),
        native_dialogs: false,
        background_checks: false,
    };
    let mut app = VaReportApp::with_sample(Sample::M36, Settings::default(), environment);
    app.apply_edit(Edit::SetText {
        address: TextAddress::Title,
        text: "Typed".to_owned(),
    });
    app.autosave_now();
    let error = app.autosave_error().unwrap().to_owned();
    assert!(
        error.starts_with("Autosave failed: cannot write"),
        "{error}"
    );
    app.apply_edit(Edit::SetText {
        address: TextAddress::Title,
        text: "Typed more".to_owned(),
    });
    assert_eq!(app.autosave_error(), Some(error.as_str()), "still shown");

    std::fs::remove_file(&blocked).unwrap();
    app.autosave_now();
    assert_eq!(app.autosave_error(), None);
    assert!(project_file::recovery_path(&blocked, None).exists());
}

/// Set in the child process of the SIGKILL test: the folder to autosave into.
const KILL_CHILD_DIR: &str = "VA_REPORT_TEST_AUTOSAVE_DIR";

/// In the child process only: autosaves a growing report without end, the
/// way the window does, until it is killed.
#[test]
fn autosave_loop_of_the_kill_test() {
    let Some(dir) = std::env::var_os(KILL_CHILD_DIR) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let project = dir.join("project.vareport.json");
    let mut report = Sample::M36.report().unwrap();
    for round in 0u64.. {
        report.title = format!("Edit {round}");
        project_file::write_recovery(&dir.join("recovery"), Some(&project), &report).unwrap();
        if round == 0 {
            std::fs::write(dir.join("started"), b"").unwrap();
        }
    }
}

#[cfg(unix)]
#[test]
fn an_autosave_killed_with_sigkill_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project.vareport.json");
    project_file::save(&project, &Sample::M36.report().unwrap()).unwrap();
    age(&project, Duration::from_secs(3600));
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "autosave_loop_of_the_kill_test", "--nocapture"])
        .env(KILL_CHILD_DIR, dir.path())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Let it save a few times, then kill it in the middle of whatever it does.
    while !dir.path().join("started").exists() {
        assert!(child.try_wait().unwrap().is_none(), "the child died");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(150));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let recovery_dir = dir.path().join("recovery");
    let offer = project_file::pending_recovery(&recovery_dir, Some(&project)).unwrap();
    let recovered = project_file::load(&offer.recovery_file).unwrap();
    assert!(recovered.title.starts_with("Edit "), "{}", recovered.title);

    // A temporary file the kill left is removed once it is old.
    for entry in std::fs::read_dir(&recovery_dir).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".va-report-save")
        {
            age(
                &path,
                project_file::STALE_TEMPORARY_AGE + Duration::from_secs(1),
            );
        }
    }
    project_file::remove_stale_temporaries(&recovery_dir);
    let left: Vec<_> = std::fs::read_dir(&recovery_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "only the recovery file: {left:?}");
}

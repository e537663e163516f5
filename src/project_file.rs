//! The saved project format (JSON with a format name and version), atomic
//! saving, and the autosave recovery files.
//!
//! ```json
//! { "format": "va-report-project", "format_version": 1, "report": { ... } }
//! ```
//! The `report` object is [`crate::model::Report`] as serde writes it; cells
//! are stored as the text the user wrote, and re-parsed on load. See
//! `ARCHITECTURE.md` for the full field list.
//!
//! A recovery file is a project file with one more field, `recovery_for`:
//! the canonical path of the project it belongs to (null for a report never
//! saved). Its name is a hash of that path, so names stay short, and it is
//! offered only for that path, so two projects can never share one.

use std::fs::{self, File};
use std::io::{self, Read as _, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::model::Report;

pub const FORMAT_NAME: &str = "va-report-project";
pub const FORMAT_VERSION: u32 = 2;
/// The file extension the save dialog proposes.
pub const EXTENSION: &str = "vareport.json";
/// The largest project file read; the M36 sample is 60 KB, a report of
/// 10,000 installations about 60 MB.
pub const MAX_PROJECT_BYTES: u64 = 512 * 1024 * 1024;
/// How the temporary files of atomic saves start.
const TEMPORARY_PREFIX: &str = ".va-report-save";
/// A temporary file older than this was left by a save that never finished
/// (the program was killed); no save takes this long.
pub const STALE_TEMPORARY_AGE: Duration = Duration::from_secs(10 * 60);

#[derive(Debug, thiserror::Error)]
pub enum ProjectFileError {
    #[error("cannot read ({source}): {}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write ({source}): {}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("the file is larger than {limit_mb} MB: {}", path.display())]
    TooLarge { path: PathBuf, limit_mb: u64 },
    #[error("not a va-report project ({reason}): {}", path.display())]
    NotAProject { path: PathBuf, reason: String },
    #[error(
        "made by a newer va-report (format version {found}; this version reads up to {supported}): {}",
        path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: u64,
        supported: u32,
    },
}

/// Why a text is not a project, before a path is attached.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ContentError {
    #[error("{0}")]
    NotAProject(String),
    #[error("format version {0} is newer than this program")]
    NewerVersion(u64),
}

impl ContentError {
    fn at(self, path: &Path) -> ProjectFileError {
        let path = path.to_path_buf();
        match self {
            Self::NotAProject(reason) => ProjectFileError::NotAProject { path, reason },
            Self::NewerVersion(found) => ProjectFileError::NewerVersion {
                path,
                found,
                supported: FORMAT_VERSION,
            },
        }
    }
}

#[derive(Serialize)]
struct ProjectFileRef<'a> {
    format: &'static str,
    format_version: u32,
    report: &'a Report,
}

/// Writes a report as project-file JSON.
pub fn to_json(report: &Report) -> String {
    let file = ProjectFileRef {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        report,
    };
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Reads project-file JSON. Checks the format name and version before the
/// report itself, so a newer file is named as such rather than as broken.
pub fn from_json(text: &str) -> Result<Report, ContentError> {
    read_json(text).map(|(report, _)| report)
}

/// What reading a project file found besides the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadNotes {
    /// The format version the file was written in, when older than this
    /// program's: its kinds, resources and decimal mark were guessed and
    /// should be confirmed.
    pub migrated_from: Option<u64>,
}

/// Reads project-file JSON, and says whether it was migrated from an
/// earlier format version.
pub fn read_json(text: &str) -> Result<(Report, ReadNotes), ContentError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|error| ContentError::NotAProject(format!("invalid JSON: {error}")))?;
    let format = value.get("format").and_then(|f| f.as_str());
    if format != Some(FORMAT_NAME) {
        return Err(ContentError::NotAProject(format!(
            "no \"format\": \"{FORMAT_NAME}\" field"
        )));
    }
    let version = value
        .get("format_version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| ContentError::NotAProject("no format_version number".to_owned()))?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(ContentError::NewerVersion(version));
    }
    let mut report_value = value
        .get("report")
        .cloned()
        .ok_or_else(|| ContentError::NotAProject("no report".to_owned()))?;
    if version < 2 {
        crate::migration::report_v1_to_v2(&mut report_value);
    }
    let mut report: Report = serde_json::from_value(report_value)
        .map_err(|error| ContentError::NotAProject(format!("bad report: {error}")))?;
    if version < 2 {
        report.decimal_mark = crate::model::inference::detect_decimal_mark(report.cell_texts());
    }
    report
        .prepare()
        .map_err(|error| ContentError::NotAProject(error.to_string()))?;
    let notes = ReadNotes {
        migrated_from: (version < u64::from(FORMAT_VERSION)).then_some(version),
    };
    Ok((report, notes))
}

/// Opens a project file.
pub fn load(path: &Path) -> Result<Report, ProjectFileError> {
    load_with_notes(path).map(|(report, _)| report)
}

/// Opens a project file, saying whether it was migrated.
pub fn load_with_notes(path: &Path) -> Result<(Report, ReadNotes), ProjectFileError> {
    let text = read_bounded(path)?;
    read_json(&text).map_err(|error| error.at(path))
}
/// The text of a file, at most [`MAX_PROJECT_BYTES`] of it as actually read
/// (a FIFO or a device declares no size).
fn read_bounded(path: &Path) -> Result<String, ProjectFileError> {
    let read_error = |source| ProjectFileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(read_error)?;
    let mut text = String::new();
    file.take(MAX_PROJECT_BYTES.saturating_add(1))
        .read_to_string(&mut text)
        .map_err(read_error)?;
    if u64::try_from(text.len()).unwrap_or(u64::MAX) > MAX_PROJECT_BYTES {
        return Err(ProjectFileError::TooLarge {
            path: path.to_path_buf(),
            limit_mb: MAX_PROJECT_BYTES / (1024 * 1024),
        });
    }
    Ok(text)
}

/// Saves a project file atomically.
pub fn save(path: &Path, report: &Report) -> Result<(), ProjectFileError> {
    let json = to_json(report);
    write_atomically(path, |file| file.write_all(json.as_bytes())).map_err(|source| {
        ProjectFileError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Writes a file so that it is either entirely the old one or entirely the
/// new one: the content goes to a temporary file in the same directory, is
/// flushed to disk, then renamed over `path`. If `write` fails the temporary
/// file is removed and `path` is untouched. When `path` is a symbolic link,
/// the file it points to is written and the link stays. Temporary files that
/// a killed save left in the directory are removed.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let target = link_target(path);
    let path = target.as_deref().unwrap_or(path);
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    remove_stale_temporaries(directory);
    let mut temporary = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .tempfile_in(directory)
        .map_err(without_temporary_path)?;
    write(temporary.as_file_mut())?;
    keep_or_share_permissions(temporary.as_file(), path)?;
    temporary.as_file_mut().flush()?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// The file a symbolic link at `path` points to (following every link);
/// None when `path` is not a link. A dangling link gives its target, so the
/// save creates the file the link names.
fn link_target(path: &Path) -> Option<PathBuf> {
    let metadata = fs::symlink_metadata(path).ok()?;
    if !metadata.file_type().is_symlink() {
        return None;
    }
    if let Ok(target) = fs::canonicalize(path) {
        return Some(target);
    }
    let mut target = path.to_path_buf();
    // A dangling chain: follow it by hand, a bounded number of steps.
    for _ in 0..40 {
        let is_link = fs::symlink_metadata(&target)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if !is_link {
            return Some(target);
        }
        let next = fs::read_link(&target).ok()?;
        target = match target.parent() {
            Some(parent) => parent.join(next),
            None => next,
        };
    }
    None
}

/// Removes the temporary files of saves that never finished (older than
/// [`STALE_TEMPORARY_AGE`]) from `directory`; what cannot be removed stays.
/// Returns how many were removed.
pub fn remove_stale_temporaries(directory: &Path) -> usize {
    let Ok(entries) = fs::read_dir(directory) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        if !entry
            .file_name()
            .to_string_lossy()
            .starts_with(TEMPORARY_PREFIX)
        {
            continue;
        }
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        let old = metadata
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age >= STALE_TEMPORARY_AGE);
        if metadata.is_file() && old && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The temporary file starts private (0600). The file it replaces keeps its
/// permissions; a new file is readable by others like any document (0644).
fn keep_or_share_permissions(file: &File, path: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(existing) => file.set_permissions(existing.permissions()),
        Err(_) => share_with_readers(file),
    }
}

#[cfg(unix)]
fn share_with_readers(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn share_with_readers(_file: &File) -> io::Result<()> {
    Ok(())
}

/// The error of creating the temporary file, without the temporary file's
/// name, which means nothing to the user.
fn without_temporary_path(error: io::Error) -> io::Error {
    match error.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code),
        None => error,
    }
}

/// The path a recovery file is kept for: the canonical path of the project
/// (symbolic links and `..` resolved, so two spellings of one file agree),
/// or its absolute path while the file does not exist yet.
pub fn recovery_key(project: &Path) -> PathBuf {
    if let Ok(canonical) = fs::canonicalize(project) {
        return canonical;
    }
    let absolute = std::path::absolute(project).unwrap_or_else(|_| project.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => fs::canonicalize(parent)
            .map(|parent| parent.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike the
/// standard library's hasher, so a recovery file is found by the next run.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Where unsaved changes of `project` (None: a report never saved, such as
/// a built-in sample) are autosaved, inside `recovery_dir`: the project's
/// file name cut to 40 characters, then a hash of its canonical path, so the
/// name is short whatever the path and differs for every path.
pub fn recovery_path(recovery_dir: &Path, project: Option<&Path>) -> PathBuf {
    let name = match project {
        None => "untitled".to_owned(),
        Some(path) => {
            let key = recovery_key(path);
            let stem: String = key
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default()
                .trim_end_matches(".json")
                .trim_end_matches(".vareport")
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .take(40)
                .collect();
            let hash = fnv1a(key.as_os_str().as_encoded_bytes());
            format!("{stem}-{hash:016x}")
        }
    };
    recovery_dir.join(format!("{name}.recovery.json"))
}

#[derive(Serialize)]
struct RecoveryFileRef<'a> {
    recovery_for: Option<String>,
    format: &'static str,
    format_version: u32,
    report: &'a Report,
}

/// Autosaves `report`, the unsaved state of `project`.
pub fn write_recovery(
    recovery_dir: &Path,
    project: Option<&Path>,
    report: &Report,
) -> Result<PathBuf, ProjectFileError> {
    let path = recovery_path(recovery_dir, project);
    let write_error = |source| ProjectFileError::Write {
        path: path.clone(),
        source,
    };
    fs::create_dir_all(recovery_dir).map_err(write_error)?;
    let file = RecoveryFileRef {
        recovery_for: project.map(|project| recovery_key(project).to_string_lossy().into_owned()),
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        report,
    };
    // Serialising plain data with string keys cannot fail.
    let json = serde_json::to_string_pretty(&file).unwrap_or_default();
    write_atomically(&path, |file| file.write_all(json.as_bytes())).map_err(write_error)?;
    Ok(path)
}

/// The project a recovery file says it belongs to: Some(None) for a report
/// never saved, None when the file is unreadable or names no project (a
/// file of an older version, whose name could be shared).
fn recovery_owner(recovery_file: &Path) -> Option<Option<PathBuf>> {
    let text = read_bounded(recovery_file).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    match value.get("recovery_for")? {
        serde_json::Value::Null => Some(None),
        serde_json::Value::String(path) => Some(Some(PathBuf::from(path))),
        _ => None,
    }
}

/// A recovery file that holds changes newer than the project on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryOffer {
    pub recovery_file: PathBuf,
    pub modified: SystemTime,
}

/// The recovery file of `project`, when there is one newer than the project
/// file itself (for an unsaved report, any recovery file) and it names that
/// very project inside.
pub fn pending_recovery(recovery_dir: &Path, project: Option<&Path>) -> Option<RecoveryOffer> {
    let recovery_file = recovery_path(recovery_dir, project);
    let modified = fs::metadata(&recovery_file).ok()?.modified().ok()?;
    if let Some(project) = project {
        let project_modified = fs::metadata(project).and_then(|m| m.modified());
        if let Ok(project_modified) = project_modified
            && project_modified >= modified
        {
            return None;
        }
    }
    let owner = recovery_owner(&recovery_file)?;
    if owner.as_deref() != project.map(recovery_key).as_deref() {
        return None;
    }
    Some(RecoveryOffer {
        recovery_file,
        modified,
    })
}

/// Removes the recovery file of `project`; a missing file is fine.
pub fn discard_recovery(recovery_dir: &Path, project: Option<&Path>) {
    let _ = fs::remove_file(recovery_path(recovery_dir, project));
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::model::YearMonth;

    fn report() -> Report {
        Report::empty(
            "Round trip",
            YearMonth {
                year: 2022,
                month: 9,
            },
            3,
        )
    }

    #[test]
    fn json_round_trips() {
        let report = report();
        assert_eq!(from_json(&to_json(&report)).unwrap(), report);
    }

    #[test]
    fn other_json_is_not_a_project() {
        let error = from_json(r#"{"hello": 1}"#).unwrap_err();
        assert_eq!(
            error,
            ContentError::NotAProject("no \"format\": \"va-report-project\" field".to_owned())
        );
        assert!(matches!(
            from_json("PK\u{3}\u{4}"),
            Err(ContentError::NotAProject(_))
        ));
    }

    #[test]
    fn newer_versions_are_named_as_such() {
        let text =
            r#"{"format": "va-report-project", "format_version": 99, "report": {"new": true}}"#;
        assert_eq!(from_json(text), Err(ContentError::NewerVersion(99)));
    }

    #[test]
    fn recovery_paths_differ_per_project() {
        let dir = Path::new("/tmp/recovery");
        let a = recovery_path(dir, Some(Path::new("/home/a/report.vareport.json")));
        let b = recovery_path(dir, Some(Path::new("/home/b/report.vareport.json")));
        assert_ne!(a, b);
        assert_eq!(recovery_path(dir, None), dir.join("untitled.recovery.json"));
    }

    #[test]
    fn recovery_names_are_short_and_stable() {
        let dir = Path::new("/tmp/recovery");
        let long = format!("/tmp/{}/report.vareport.json", "x".repeat(400));
        let name = recovery_path(dir, Some(Path::new(&long)));
        let file_name = name.file_name().unwrap().to_string_lossy().into_owned();
        assert!(file_name.len() < 80, "{file_name}");
        assert!(file_name.starts_with("report-"), "{file_name}");
        // FNV-1a of the empty input and of "a": the published test vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}

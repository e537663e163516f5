//! Importing provider spreadsheets: files are read into grids of cells
//! (`read`), tables and records are recognised and matched to the report
//! (`recognise`, `text`), and the result is an [`ImportPlan`]: every cell
//! that would change with its old value, new value and source, everything
//! that could not be matched with the reason, and every file that could not
//! be read. Nothing changes until the plan's edit is applied. `template`
//! writes workbooks for providers to fill.
//!
//! Reading never panics and never fails on bad data: a file that cannot be
//! read at all becomes a [`FileError`]; anything else becomes an
//! [`Unmatched`] entry and the rest of the file still counts.

pub mod additions;
pub mod guard;
pub mod layout;
pub mod read;
pub mod recognise;
pub mod template;
pub mod text;
pub mod totals;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub use guard::{ReadSession, Reader, Worker};
pub use read::{Limits, ReadError};

use crate::edit::Edit;
pub use additions::Addition;
pub use totals::TotalFollow;

use crate::model::{
    Cell, CellAddress, CellSource, CellValue, DecimalMark, ImportMapping, Installation, Metric,
    MetricColumn, Report,
};

/// A file to import: a path on disk, or bytes already in memory (a file
/// dropped on a web page, a test).
#[derive(Clone, Debug)]
pub struct ImportInput {
    /// The name shown in the plan and kept as the cells' source.
    pub name: String,
    pub path: Option<PathBuf>,
    pub bytes: Option<Arc<[u8]>>,
}

impl ImportInput {
    pub fn path(path: &Path) -> Self {
        Self {
            name: file_name(path),
            path: Some(path.to_path_buf()),
            bytes: None,
        }
    }

    pub fn bytes(name: &str, bytes: impl Into<Arc<[u8]>>) -> Self {
        Self {
            name: name.to_owned(),
            path: None,
            bytes: Some(bytes.into()),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Shared with a background import: how far it got, and a cancel flag.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    pub files_done: Arc<AtomicUsize>,
    pub cancelled: Arc<AtomicBool>,
}

impl Progress {
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub fn files_done(&self) -> usize {
        self.files_done.load(Ordering::Relaxed)
    }
}

/// One report cell the import would change.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedChange {
    pub file: String,
    pub sheet: String,
    /// A1 cell (or `D2:D13` for summed records).
    pub cell: String,
    pub address: CellAddress,
    /// The report's own names: `INCD - CPU`, `Number of users`, `M25-M36`.
    pub installation: String,
    pub metric: String,
    pub column: String,
    pub old: String,
    pub new: String,
    /// Applied when true; the preview lets the user untick a change.
    pub accepted: bool,
}

/// Where a value could go, as far as recognition got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Guess {
    pub installation: Option<usize>,
    pub metric: Option<usize>,
    pub column: Option<MetricColumn>,
}

/// Something in a file that could not be matched to the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmatched {
    pub file: String,
    pub sheet: String,
    pub cell: String,
    pub text: String,
    pub reason: String,
    /// The cell text it would write, when it is a value that can be mapped by hand.
    pub value: Option<String>,
    pub guess: Guess,
    /// The file's own names for where it goes: what a hand mapping remembers.
    pub names: SourceNames,
}

/// The installation and metric as a file names them (a title, a sheet, a
/// cell), empty where the file does not say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceNames {
    pub installation: String,
    pub metric: String,
}

impl Unmatched {
    /// The same entry with the file's installation and metric names.
    pub fn with_names(mut self, installation: &str, metric: &str) -> Self {
        self.names = SourceNames {
            installation: installation.trim().to_owned(),
            metric: metric.trim().to_owned(),
        };
        self
    }
}

/// A sheet that was not read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub file: String,
    pub sheet: String,
    pub reason: String,
}

/// A file that could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub message: String,
}

/// A table a layout found in a file, and what it gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundTable {
    pub file: String,
    pub sheet: String,
    pub table: recognise::TableAccount,
}

/// Values of a sheet outside every table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrayValues {
    pub file: String,
    pub sheet: String,
    pub count: usize,
    /// The first one's cell.
    pub first: String,
    /// More than 100 rows or 26 columns from any table's header.
    pub far: bool,
}

/// What one file gave, in lines a person reads: every file has at least one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileAccount {
    pub file: String,
    pub lines: Vec<AccountLine>,
}

/// One line of a [`FileAccount`]: the sheet (empty for the whole file), the
/// text, and how many values it matched to report cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountLine {
    pub sheet: String,
    pub text: String,
    pub matched: usize,
}

/// What an import would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    pub changes: Vec<PlannedChange>,
    /// Cells found whose value is already in the report.
    pub unchanged: usize,
    pub unmatched: Vec<Unmatched>,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<FileError>,
    /// Names of the files that were read.
    pub files: Vec<String>,
    /// TOTs that follow the changed periods, or that will disagree with them.
    pub totals: Vec<TotalFollow>,
    /// The report's decimal mark: how the cells' texts read.
    pub decimal_mark: DecimalMark,
    /// Every table found, file by file: the per-file account reads them.
    pub tables: Vec<FoundTable>,
    /// Values outside every table, per sheet.
    pub strays: Vec<StrayValues>,
    /// Names mapped by hand in this plan, remembered in the report when it
    /// is applied (after the report's `mappings_before` earlier ones).
    pub mappings: Vec<ImportMapping>,
    pub mappings_before: usize,
    /// New installations and metrics chosen in the preview
    /// ([`ImportPlan::add_new`]), applied before the values.
    pub structure: Vec<Edit>,
}

/// Reads every input and plans the changes to `report`, with the reader
/// the process configured ([`Reader::configured`]: the guarded worker in the
/// program, in process where none was set).
pub fn import(report: &Report, inputs: &[ImportInput], progress: &Progress) -> ImportPlan {
    import_with(report, inputs, progress, &Reader::configured())
}

/// [`import`] with the files parsed by `reader`.
pub fn import_with(
    report: &Report,
    inputs: &[ImportInput],
    progress: &Progress,
    reader: &Reader,
) -> ImportPlan {
    let mut plan = ImportPlan {
        decimal_mark: report.decimal_mark,
        mappings_before: report.import_mappings.len(),
        ..ImportPlan::default()
    };
    // One worker reads every file, and is replaced only when one ends it.
    let mut session = reader.session();
    for input in inputs {
        if progress.is_cancelled() {
            break;
        }
        plan.files.push(input.name.clone());
        match read_input(input, &mut session, &progress.cancelled) {
            Ok(workbook) => plan_workbook(report, &input.name, &workbook, &mut plan),
            Err(message) => plan.errors.push(FileError {
                file: input.name.clone(),
                message,
            }),
        }
        progress.files_done.fetch_add(1, Ordering::Relaxed);
    }
    plan.totals = totals::follow_totals(report, &plan.changes);
    plan
}

/// Reads files from disk; a convenience for the command line and tests.
pub fn import_paths(report: &Report, paths: &[PathBuf]) -> ImportPlan {
    import_paths_with(report, paths, &Reader::configured())
}

/// [`import_paths`] with the files parsed by `reader`.
pub fn import_paths_with(report: &Report, paths: &[PathBuf], reader: &Reader) -> ImportPlan {
    let inputs: Vec<ImportInput> = paths.iter().map(|p| ImportInput::path(p)).collect();
    import_with(report, &inputs, &Progress::default(), reader)
}

fn read_input(
    input: &ImportInput,
    session: &mut guard::ReadSession<'_>,
    cancel: &AtomicBool,
) -> Result<read::Workbook, String> {
    let limits = Limits::default();
    let owned;
    let bytes: &[u8] = match (&input.bytes, &input.path) {
        (Some(bytes), _) => bytes,
        (None, Some(path)) => {
            owned =
                guard::read_file_bounded(path, limits.max_file_bytes).map_err(
                    |error| match error {
                        guard::ReadFileError::Io(error) => format!("cannot read the file: {error}"),
                        guard::ReadFileError::TooLarge => ReadError::TooLarge {
                            limit_mb: limits.max_file_bytes / (1024 * 1024),
                        }
                        .to_string(),
                    },
                )?;
            &owned
        }
        (None, None) => return Err("nothing to read".to_owned()),
    };
    session
        .read(&input.name, bytes, limits, cancel)
        .map_err(|e| e.to_string())
}

/// Adds what one workbook gives to the plan.
pub fn plan_workbook(
    report: &Report,
    file: &str,
    workbook: &read::Workbook,
    plan: &mut ImportPlan,
) {
    for (sheet, reason) in &workbook.skipped {
        plan.skipped.push(Skipped {
            file: file.to_owned(),
            sheet: sheet.clone(),
            reason: reason.clone(),
        });
    }
    for grid in &workbook.grids {
        let result = recognise::recognise_grid(report, file, grid);
        if let Some(reason) = result.skipped {
            plan.skipped.push(Skipped {
                file: file.to_owned(),
                sheet: grid.sheet.clone(),
                reason,
            });
        }
        plan.unmatched.extend(result.unmatched);
        plan.tables
            .extend(result.tables.into_iter().map(|table| FoundTable {
                file: file.to_owned(),
                sheet: grid.sheet.clone(),
                table,
            }));
        if let Some(first) = result.first_stray {
            plan.strays.push(StrayValues {
                file: file.to_owned(),
                sheet: grid.sheet.clone(),
                count: result.stray,
                first,
                far: result.far_stray,
            });
        }
        for found in result.found {
            let address = CellAddress::Metric {
                installation: found.installation,
                metric: found.metric,
                column: found.column,
            };
            plan.add(report, address, file, &found.sheet, &found.cell, found.text);
        }
    }
}

/// The report's label of a metric column.
pub fn column_label(report: &Report, column: MetricColumn) -> String {
    column.label(report)
}

/// True when two cell texts say the same in a report written with `mark`:
/// equal text, both blank, or the same plain number however written.
pub fn same_value(old: &str, new: &str, mark: DecimalMark) -> bool {
    if old.trim() == new.trim() {
        return true;
    }
    let (old, new) = (Cell::parsed(old, mark), Cell::parsed(new, mark));
    match (old.value(), new.value()) {
        (CellValue::Blank, CellValue::Blank) => true,
        (CellValue::Number(a), CellValue::Number(b)) => {
            a.plain && b.plain && (a.value - b.value).abs() <= 1e-9 * a.value.abs().max(1.0)
        }
        _ => false,
    }
}

impl ImportPlan {
    /// Plans `new` for the cell at `address`, unless it already holds that
    /// value. A second, different value for a cell already planned is listed
    /// as unmatched: the first one stays.
    pub fn add(
        &mut self,
        report: &Report,
        address: CellAddress,
        file: &str,
        sheet: &str,
        cell: &str,
        new: String,
    ) {
        let CellAddress::Metric {
            installation,
            metric,
            column,
        } = address
        else {
            return;
        };
        let Some((inst, target)) = installation_metric(report, installation, metric) else {
            return;
        };
        let old = match column {
            MetricColumn::Baseline => Some(&target.baseline),
            MetricColumn::Total => Some(&target.total),
            MetricColumn::Period(p) => target.values.get(p),
        };
        let Some(old) = old else { return };
        if let Some(earlier) = self.changes.iter().find(|c| c.address == address) {
            if !same_value(&earlier.new, &new, report.decimal_mark) {
                self.unmatched.push(Unmatched {
                    file: file.to_owned(),
                    sheet: sheet.to_owned(),
                    cell: cell.to_owned(),
                    text: new.clone(),
                    reason: format!(
                        "{} gives {} for this cell ({}, {})",
                        earlier.file, earlier.new, earlier.sheet, earlier.cell
                    ),
                    value: Some(new),
                    guess: Guess {
                        installation: Some(installation),
                        metric: Some(metric),
                        column: Some(column),
                    },
                    names: SourceNames::default(),
                });
            }
            return;
        }
        if same_value(old.text(), &new, report.decimal_mark) {
            self.unchanged += 1;
            return;
        }
        self.changes.push(PlannedChange {
            file: file.to_owned(),
            sheet: sheet.to_owned(),
            cell: cell.to_owned(),
            address,
            installation: inst.name.clone(),
            metric: target.name.clone(),
            column: column_label(report, column),
            old: old.text().to_owned(),
            new,
            accepted: true,
        });
    }

    /// Maps unmatched entry `index` by hand to a cell of the report: it
    /// becomes a planned change (or counts as unchanged) and leaves the list.
    pub fn map_by_hand(&mut self, report: &Report, index: usize, address: CellAddress) -> bool {
        let Some(entry) = self.unmatched.get(index) else {
            return false;
        };
        let Some(value) = entry.value.clone() else {
            return false;
        };
        let entry = self.unmatched.remove(index);
        let before = (self.changes.len(), self.unchanged);
        self.add(
            report,
            address,
            &entry.file,
            &entry.sheet,
            &entry.cell,
            value,
        );
        if (self.changes.len(), self.unchanged) == before {
            self.unmatched.insert(index, entry);
            return false;
        }
        self.remember(report, &entry, address);
        self.totals = totals::follow_totals(report, &self.changes);
        true
    }

    /// The mappings a hand mapping of `entry` to `address` teaches: the
    /// file's installation name when it named none of the report's, its
    /// metric name when it is not the report's. Only names the file gave.
    fn remember(&mut self, report: &Report, entry: &Unmatched, address: CellAddress) {
        let CellAddress::Metric {
            installation,
            metric,
            ..
        } = address
        else {
            return;
        };
        let Some((inst, target)) = installation_metric(report, installation, metric) else {
            return;
        };
        let names = &entry.names;
        let mut learned = Vec::new();
        if entry.guess.installation != Some(installation) && !names.installation.is_empty() {
            learned.push(ImportMapping {
                source_installation: names.installation.clone(),
                source_metric: String::new(),
                installation: inst.name.clone(),
                metric: String::new(),
            });
        }
        if !names.metric.is_empty()
            && recognise::match_metric(report, installation, &names.metric) != Some(metric)
        {
            learned.push(ImportMapping {
                source_installation: names.installation.clone(),
                source_metric: names.metric.clone(),
                installation: inst.name.clone(),
                metric: target.name.clone(),
            });
        }
        for mapping in learned {
            let known = |m: &ImportMapping| {
                text::normalise(&m.source_installation)
                    == text::normalise(&mapping.source_installation)
                    && text::normalise(&m.source_metric) == text::normalise(&mapping.source_metric)
            };
            if !report.import_mappings.iter().any(known) && !self.mappings.iter().any(known) {
                self.mappings.push(mapping);
            }
        }
    }

    /// For every file, what was found (layout, table, how many values
    /// matched) and, for what gave nothing, the nearest miss; files that
    /// could not be read say why. Every file gets at least one line.
    pub fn account(&self) -> Vec<FileAccount> {
        let mut files: Vec<&str> = self.files.iter().map(String::as_str).collect();
        for error in &self.errors {
            if !files.contains(&error.file.as_str()) {
                files.push(&error.file);
            }
        }
        files
            .into_iter()
            .map(|file| {
                let mut lines = Vec::new();
                for error in self.errors.iter().filter(|e| e.file == file) {
                    lines.push(AccountLine {
                        sheet: String::new(),
                        text: format!("not read: {}", error.message),
                        matched: 0,
                    });
                }
                for found in self.tables.iter().filter(|t| t.file == file) {
                    let t = &found.table;
                    let place = match &t.installation {
                        Some(name) => format!("{} at row {} ({name})", t.layout, t.row),
                        None => format!("{} at row {}", t.layout, t.row),
                    };
                    let text = match &t.miss {
                        Some(miss) => format!("{place}: nothing matched; {miss}"),
                        None if t.unmatched > 0 => format!(
                            "{place}: {} matched, {} not matched",
                            values(t.found),
                            t.unmatched
                        ),
                        None => format!("{place}: {} matched", values(t.found)),
                    };
                    lines.push(AccountLine {
                        sheet: found.sheet.clone(),
                        text,
                        matched: t.found,
                    });
                }
                for stray in self.strays.iter().filter(|s| s.file == file) {
                    let more = match stray.count {
                        0 | 1 => String::new(),
                        n => format!(" and {} more", n - 1),
                    };
                    let text = if stray.far {
                        format!("a value far outside any table at {}{more}", stray.first)
                    } else {
                        format!(
                            "a value outside any recognised table at {}{more}",
                            stray.first
                        )
                    };
                    lines.push(AccountLine {
                        sheet: stray.sheet.clone(),
                        text,
                        matched: 0,
                    });
                }
                for skipped in self.skipped.iter().filter(|s| s.file == file) {
                    lines.push(AccountLine {
                        sheet: skipped.sheet.clone(),
                        text: format!("skipped: {}", skipped.reason),
                        matched: 0,
                    });
                }
                if lines.is_empty() {
                    lines.push(AccountLine {
                        sheet: String::new(),
                        text: "nothing recognised: no sheet held a table or records".to_owned(),
                        matched: 0,
                    });
                }
                FileAccount {
                    file: file.to_owned(),
                    lines,
                }
            })
            .collect()
    }

    /// Number of changes that will be applied.
    pub fn accepted_count(&self) -> usize {
        self.changes.iter().filter(|c| c.accepted).count()
    }

    /// The accepted changes, with their sources, as one undo step.
    pub fn to_edit(&self) -> Edit {
        let mut edits = self.structure.clone();
        edits.reserve(self.changes.len() * 2);
        for change in self.changes.iter().filter(|c| c.accepted) {
            edits.push(Edit::SetCell {
                address: change.address,
                text: change.new.clone(),
            });
            edits.push(Edit::SetCellSource {
                address: change.address,
                source: Some(CellSource {
                    file: change.file.clone(),
                    sheet: change.sheet.clone(),
                    cell: change.cell.clone(),
                    imported: change.new.clone(),
                }),
            });
        }
        for follow in self.applied_totals() {
            edits.push(Edit::SetCell {
                address: follow.address,
                text: follow.new.clone(),
            });
        }
        for (offset, mapping) in self.mappings.iter().enumerate() {
            edits.push(Edit::InsertImportMapping {
                index: self.mappings_before + offset,
                mapping: mapping.clone(),
            });
        }
        let count = self.accepted_count();
        let label = match self.files.as_slice() {
            [one] => format!("import {count} cells from {one}"),
            files => format!("import {count} cells from {} files", files.len()),
        };
        Edit::Batch { label, edits }
    }

    /// The plan as the command line's `--json` prints it.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        let changes: Vec<_> = self
            .changes
            .iter()
            .map(|c| {
                json!({
                    "file": c.file, "sheet": c.sheet, "cell": c.cell,
                    "installation": c.installation, "metric": c.metric, "column": c.column,
                    "old": json_cell(&c.old, self.decimal_mark), "new": json_cell(&c.new, self.decimal_mark),
                })
            })
            .collect();
        let totals: Vec<_> = self
            .totals
            .iter()
            .map(|t| {
                json!({
                    "installation": t.installation, "metric": t.metric,
                    "old": json_cell(&t.old, self.decimal_mark), "new": json_cell(&t.new, self.decimal_mark),
                    "follows": !t.typed,
                })
            })
            .collect();
        let unmatched: Vec<_> = self
            .unmatched
            .iter()
            .map(|u| {
                json!({"file": u.file, "sheet": u.sheet, "cell": u.cell, "text": u.text, "reason": u.reason})
            })
            .collect();
        let errors: Vec<_> = self
            .errors
            .iter()
            .map(|e| json!({"file": e.file, "message": e.message}))
            .collect();
        let files: Vec<_> = self
            .account()
            .iter()
            .map(|account| {
                let lines: Vec<_> = account
                    .lines
                    .iter()
                    .map(|l| json!({"sheet": l.sheet, "text": l.text, "matched": l.matched}))
                    .collect();
                json!({"file": account.file, "account": lines})
            })
            .collect();
        json!({"changes": changes, "totals": totals, "unmatched": unmatched, "errors": errors, "files": files})
    }

    /// The plan as text for a terminal.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for c in &self.changes {
            let old = if c.old.trim().is_empty() {
                "(blank)"
            } else {
                c.old.trim()
            };
            out.push_str(&format!(
                "{} | {} | {}: {} -> {}   ({}, {}, {})\n",
                c.installation, c.metric, c.column, old, c.new, c.file, c.sheet, c.cell
            ));
        }
        for t in &self.totals {
            if t.typed {
                out.push_str(&format!(
                    "{} | {} | TOT: {} was typed and will disagree with the imported periods ({})\n",
                    t.installation, t.metric, t.old.trim(), t.new
                ));
            } else {
                out.push_str(&format!(
                    "{} | {} | TOT: {} -> {}   (follows the periods)\n",
                    t.installation,
                    t.metric,
                    t.old.trim(),
                    t.new
                ));
            }
        }
        out.push_str(&format!(
            "{} changes, {} cells unchanged\n",
            self.changes.len(),
            self.unchanged
        ));
        for u in &self.unmatched {
            out.push_str(&format!(
                "not matched: {} ({}, {}, {}): {}\n",
                u.text, u.file, u.sheet, u.cell, u.reason
            ));
        }
        for account in self.account() {
            for line in &account.lines {
                if line.sheet.is_empty() {
                    out.push_str(&format!("{}: {}\n", account.file, line.text));
                } else {
                    out.push_str(&format!(
                        "{}, sheet {}: {}\n",
                        account.file, line.sheet, line.text
                    ));
                }
            }
        }
        out
    }
}

/// "1 value", "6 values".
fn values(count: usize) -> String {
    if count == 1 {
        "1 value".to_owned()
    } else {
        format!("{count} values")
    }
}

/// The installation and its metric at these indices, if the report has them.
fn installation_metric(
    report: &Report,
    installation: usize,
    metric: usize,
) -> Option<(&Installation, &Metric)> {
    let inst = report.installations.get(installation)?;
    Some((inst, inst.metrics.get(metric)?))
}

/// A cell text as JSON: a number when it is a plain number, null when blank,
/// else the text.
fn json_cell(text: &str, mark: DecimalMark) -> serde_json::Value {
    let cell = Cell::parsed(text, mark);
    match cell.value() {
        CellValue::Blank => serde_json::Value::Null,
        CellValue::Number(q) if q.plain => serde_json::Number::from_f64(q.value).map_or_else(
            || serde_json::Value::String(text.to_owned()),
            |n| {
                if q.value.fract() == 0.0 && q.value.abs() < 9.0e15 {
                    serde_json::Value::from(q.value as i64)
                } else {
                    serde_json::Value::Number(n)
                }
            },
        ),
        _ => serde_json::Value::String(text.to_owned()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::samples::Sample;

    fn plan_for(name: &str, bytes: &[u8]) -> (Report, ImportPlan) {
        let report = Sample::M36.report().unwrap();
        let plan = import(
            &report,
            &[ImportInput::bytes(name, bytes.to_vec())],
            &Progress::default(),
        );
        (report, plan)
    }

    #[test]
    fn a_semicolon_csv_with_decimal_commas() {
        let csv = "INCD - CPU;;\nMetric name;Baseline;PY3\nCPU/hours served over the period;3.900.000;2.300.601\nNumber of users;50;7\nNote: figures from accounting;;\n";
        let (report, plan) = plan_for("incd.csv", csv.as_bytes());
        assert!(plan.errors.is_empty(), "{:?}", plan.errors);
        let changes: Vec<_> = plan
            .changes
            .iter()
            .map(|c| {
                (
                    c.metric.as_str(),
                    c.column.as_str(),
                    c.old.as_str(),
                    c.new.as_str(),
                    c.cell.as_str(),
                )
            })
            .collect();
        assert_eq!(
            changes,
            [
                (
                    "CPU/hours served over the period",
                    "M25-M36",
                    "2,270,601",
                    "2,300,601",
                    "C3"
                ),
                ("Number of users", "M25-M36", "0", "7", "C4"),
            ]
        );
        assert_eq!(plan.unchanged, 2);
        let mut report = report;
        let undo = apply(&mut report, plan.to_edit()).unwrap();
        let metric = &report.installations[5].metrics[0];
        assert_eq!(metric.values[2].text(), "2,300,601");
        assert_eq!(metric.sources["M25-M36"].cell, "C3");
        apply(&mut report, undo).unwrap();
        assert_eq!(report, Sample::M36.report().unwrap());
    }

    #[test]
    fn json_uses_numbers_strings_and_null() {
        let point = DecimalMark::Point;
        assert_eq!(json_cell("2,270,601", point), serde_json::json!(2270601));
        assert_eq!(json_cell("29433.6", point), serde_json::json!(29433.6));
        assert_eq!(json_cell("", point), serde_json::Value::Null);
        assert_eq!(json_cell("3M", point), serde_json::json!("3M"));
        assert_eq!(json_cell("ES, PT", point), serde_json::json!("ES, PT"));
        assert_eq!(
            json_cell("29.433,6", DecimalMark::Comma),
            serde_json::json!(29433.6)
        );
    }

    #[test]
    fn unknown_metrics_can_be_mapped_by_hand() {
        let csv = "Metric,M25-M36\nCPU time,\"2,400,000\"\n";
        let report = Sample::M36.report().unwrap();
        let mut plan = import(
            &report,
            &[ImportInput::bytes(
                "INCD - CPU.csv",
                csv.as_bytes().to_vec(),
            )],
            &Progress::default(),
        );
        assert_eq!(plan.changes.len(), 0);
        assert_eq!(plan.unmatched.len(), 1, "{:?}", plan.unmatched);
        assert_eq!(plan.unmatched[0].cell, "B2");
        assert!(
            plan.unmatched[0].reason.contains("no metric called"),
            "{}",
            plan.unmatched[0].reason
        );
        let address = CellAddress::Metric {
            installation: 5,
            metric: 0,
            column: MetricColumn::Period(2),
        };
        assert!(plan.map_by_hand(&report, 0, address));
        assert!(plan.unmatched.is_empty());
        assert_eq!(plan.changes[0].new, "2,400,000");
    }

    #[test]
    fn a_hand_mapping_is_remembered_and_used_next_time_and_undone_with_the_import() {
        let csv = "Metric,M25-M36\nCPU time,\"2,400,000\"\n";
        let input = || {
            [ImportInput::bytes(
                "INCD - CPU.csv",
                csv.as_bytes().to_vec(),
            )]
        };
        let mut report = Sample::M36.report().unwrap();
        let mut plan = import(&report, &input(), &Progress::default());
        let address = CellAddress::Metric {
            installation: 5,
            metric: 0,
            column: MetricColumn::Period(2),
        };
        assert!(plan.map_by_hand(&report, 0, address));
        assert_eq!(
            plan.mappings,
            [ImportMapping {
                source_installation: "INCD - CPU".to_owned(),
                source_metric: "CPU time".to_owned(),
                installation: "INCD - CPU".to_owned(),
                metric: "CPU/hours served over the period".to_owned(),
            }]
        );
        let undo = apply(&mut report, plan.to_edit()).unwrap();
        assert_eq!(report.import_mappings, plan.mappings);
        // Saved and read back with the project.
        let saved = crate::project_file::to_json(&report);
        let loaded = crate::project_file::from_json(&saved).unwrap();
        assert_eq!(loaded.import_mappings, plan.mappings);

        // Next period's file with the same name: matched by itself.
        let csv_next = "Metric,M25-M36\nCPU time,\"2,500,000\"\n";
        let next = import(
            &loaded,
            &[ImportInput::bytes(
                "INCD - CPU.csv",
                csv_next.as_bytes().to_vec(),
            )],
            &Progress::default(),
        );
        assert!(next.unmatched.is_empty(), "{:?}", next.unmatched);
        assert_eq!(next.changes[0].metric, "CPU/hours served over the period");
        assert_eq!(next.changes[0].new, "2,500,000");
        assert!(next.mappings.is_empty());

        // One undo step takes back the values and the mapping.
        apply(&mut report, undo).unwrap();
        assert!(report.import_mappings.is_empty());
        let again = import(&report, &input(), &Progress::default());
        assert_eq!(again.unmatched.len(), 1);
    }

    #[test]
    fn a_project_without_mappings_saves_as_before() {
        let report = Sample::M36.report().unwrap();
        assert!(!crate::project_file::to_json(&report).contains("import_mappings"));
    }

    #[test]
    fn same_values_are_not_changes() {
        let point = DecimalMark::Point;
        assert!(same_value("2,270,601", "2270601", point));
        assert!(same_value("", "  ", point));
        assert!(!same_value("3M", "3,000,000", point));
        assert!(!same_value("0", "7", point));
        assert!(!same_value("5.876", "5876", point));
        assert!(same_value("5.876", "5876", DecimalMark::Comma));
    }
}

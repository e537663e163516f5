//! Updating the report's tables inside the user's own Word document.
//!
//! Each of the report's tables (Table 1, each installation's description
//! and metrics tables) is looked for among the document's top-level tables:
//! by its caption, the headings above it (the installation's name), its
//! header row and its first column. Rows are matched by their first cell,
//! columns by their header; a cell whose text differs gets the new text in
//! its first text element, keeping that run's formatting and the
//! paragraph's. Only `word/document.xml` changes; every other part of the
//! package is copied byte for byte (compressed data included).

use std::io::Cursor;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::docx::escape;
use super::docx_read::{Block, Body, Cell, ReadError, Table, parse_package};
use super::tables::{ExportTable, cumulative_table, description_table, metric_table};
use super::{ExportError, ExportOptions};
use crate::model::Report;

/// What an update did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateSummary {
    /// Tables found in the document (changed or not).
    pub tables: Vec<TableUpdate>,
    /// The report's tables the document does not have, and why.
    pub not_found: Vec<NotFound>,
}

/// One of the report's tables the document does not have.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotFound {
    /// The report's name of the table ("INCD - CPU metrics").
    pub name: String,
    /// Why no document table was taken for it.
    pub reason: String,
}

impl UpdateSummary {
    pub fn cells_changed(&self) -> usize {
        self.tables.iter().map(|table| table.changes.len()).sum()
    }

    /// The summary as lines of text for the command line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for table in &self.tables {
            if table.changes.is_empty() {
                out.push_str(&format!(
                    "{}: document table {}, unchanged\n",
                    table.name, table.document_table
                ));
            } else {
                out.push_str(&format!(
                    "{}: document table {}, {} cells changed\n",
                    table.name,
                    table.document_table,
                    table.changes.len()
                ));
            }
            for change in &table.changes {
                out.push_str(&format!(
                    "  {} / {}: {:?} -> {:?}\n",
                    change.row, change.column, change.old, change.new
                ));
            }
            for missing in &table.missing {
                out.push_str(&format!("  not in the document: {missing}\n"));
            }
        }
        for missing in &self.not_found {
            out.push_str(&format!(
                "{}: not found in the document ({})\n",
                missing.name, missing.reason
            ));
        }
        out
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TableUpdate {
    /// The report's name of the table ("INCD - CPU metrics").
    pub name: String,
    /// Which table of the document it is, counting from 1.
    pub document_table: usize,
    pub changes: Vec<CellChange>,
    /// Rows or columns of the report's table the document's lacks, and
    /// cells that could not be rewritten.
    pub missing: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellChange {
    pub row: String,
    pub column: String,
    pub old: String,
    pub new: String,
}

/// Why a document cannot be updated.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("the document has none of the report's tables")]
    NoKnownTable,
    #[error("cannot write the updated document ({0})")]
    Write(String),
}

/// The report's tables the document may hold, in report order.
pub fn report_tables(report: &Report, options: &ExportOptions) -> Vec<ExportTable> {
    let style = options.number_style;
    let mut tables = vec![cumulative_table(report, style)];
    for index in options.installation_indices(report) {
        tables.extend(description_table(report, index));
        tables.extend(metric_table(report, index, style));
    }
    tables.retain(|table| !table.rows.is_empty());
    tables
}

/// The document `bytes` with the report's tables updated, and what changed.
pub fn update_docx(
    bytes: &[u8],
    report: &Report,
    options: &ExportOptions,
) -> Result<(Vec<u8>, UpdateSummary), UpdateError> {
    let package = super::docx_package::Package::read(bytes).map_err(ReadError::from)?;
    let body = parse_package(&package)?;
    let main = package.main_part_name().to_owned();
    let document = package.part(&main).unwrap_or_default();
    let (edits, summary) = plan(&body, report, options)?;
    let mut updated = String::from_utf8_lossy(document).into_owned();
    if std::str::from_utf8(document).is_err() {
        return Err(UpdateError::Write(
            "the document part is not UTF-8".to_owned(),
        ));
    }
    let mut edits = edits;
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut previous_start = usize::MAX;
    for (range, text) in edits {
        if range.end > previous_start || range.end > updated.len() {
            continue;
        }
        updated.replace_range(range.clone(), &text);
        previous_start = range.start;
    }
    let out = repack(bytes, &main, updated.as_bytes())
        .map_err(|error| UpdateError::Write(error.to_string()))?;
    Ok((out, summary))
}

/// Reads `input`, updates it, writes `output` (never over `input`).
/// Setting `cancel` stops the read; nothing is written then.
pub fn update_docx_file(
    input: &std::path::Path,
    output: &std::path::Path,
    report: &Report,
    options: &ExportOptions,
    cancel: &std::sync::atomic::AtomicBool,
) -> Result<UpdateSummary, ExportError> {
    let same = match (std::fs::canonicalize(input), std::fs::canonicalize(output)) {
        (Ok(a), Ok(b)) => a == b,
        _ => input == output,
    };
    if same {
        return Err(ExportError::Update {
            path: output.to_path_buf(),
            reason: "the updated document would replace its input; write it to another file"
                .to_owned(),
        });
    }
    let (updated, summary) = read_and_update(input, report, options, cancel)?;
    refuse_if_cancelled(output, cancel)?;
    super::write_file(output, &updated)?;
    Ok(summary)
}

/// Reads `path`, updates it and writes it back in its place (atomically:
/// a failure leaves the document as it was). The caller asks the user
/// first; [`update_docx_file`] never writes over its input. Setting
/// `cancel` stops the read; the document is left as it was then.
pub fn update_docx_file_in_place(
    path: &std::path::Path,
    report: &Report,
    options: &ExportOptions,
    cancel: &std::sync::atomic::AtomicBool,
) -> Result<UpdateSummary, ExportError> {
    let updated = read_and_update(path, report, options, cancel)?;
    refuse_if_cancelled(path, cancel)?;
    super::write_file(path, &updated.0)?;
    Ok(updated.1)
}

/// Cancel pressed while the worker was finishing: nothing is written.
fn refuse_if_cancelled(
    path: &std::path::Path,
    cancel: &std::sync::atomic::AtomicBool,
) -> Result<(), ExportError> {
    if cancel.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(ExportError::Update {
            path: path.to_path_buf(),
            reason: "cancelled; nothing was written".to_owned(),
        });
    }
    Ok(())
}

/// The document at `path` updated in memory. The bytes are untrusted: the
/// read is bounded and the whole update (unzipping, reading, rewriting) runs
/// in the guarded worker ([`super::docx_update_guard::update_guarded`]).
fn read_and_update(
    path: &std::path::Path,
    report: &Report,
    options: &ExportOptions,
    cancel: &std::sync::atomic::AtomicBool,
) -> Result<(Vec<u8>, UpdateSummary), ExportError> {
    let failed = |reason: String| ExportError::Update {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = crate::import::guard::read_file_bounded(path, MAX_DOCUMENT_BYTES)
        .map_err(|error| failed(error.to_string()))?;
    super::docx_update_guard::update_guarded(&bytes, report, options, cancel).map_err(failed)
}

/// The largest document read (a deliverable with figures is a few MB).
pub const MAX_DOCUMENT_BYTES: u64 = 512 * 1024 * 1024;

/// Every entry of `original` copied raw, `main` replaced by `document`.
fn repack(original: &[u8], main: &str, document: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(original))?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(original.len())));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index)?;
        if entry.name().ok().as_deref() == Some(main) {
            drop(entry);
            writer.start_file(main, options)?;
            std::io::Write::write_all(&mut writer, document)?;
        } else {
            writer.raw_copy_file(entry)?;
        }
    }
    Ok(writer.finish()?.into_inner())
}

/// Where each document table sits: the headings above it and its caption.
struct Context {
    table: usize,
    headings: Vec<String>,
    caption: String,
}

fn contexts(body: &Body) -> Vec<(Context, &Table)> {
    let mut headings: Vec<(u8, String)> = Vec::new();
    let mut last_paragraphs: Vec<String> = Vec::new();
    let mut found = Vec::new();
    let mut pending_caption: Option<usize> = None;
    for block in &body.blocks {
        match block {
            Block::Paragraph(paragraph) => {
                if let Some(level) = paragraph.heading {
                    headings.retain(|(l, _)| *l < level);
                    headings.push((level, paragraph.text.clone()));
                }
                if paragraph.caption {
                    // A caption below the table it names.
                    if let Some(index) = pending_caption.take()
                        && let Some((context, _)) = found.get_mut(index)
                    {
                        let context: &mut Context = context;
                        if context.caption.is_empty() {
                            context.caption = paragraph.text.clone();
                        }
                    }
                    last_paragraphs.push(paragraph.text.clone());
                } else if !paragraph.text.trim().is_empty() {
                    last_paragraphs.clear();
                }
                if !paragraph.text.trim().is_empty() {
                    pending_caption = None;
                }
            }
            Block::Table(table) => {
                let caption = last_paragraphs.pop().unwrap_or_default();
                last_paragraphs.clear();
                found.push((
                    Context {
                        table: found.len() + 1,
                        headings: headings.iter().map(|(_, text)| text.clone()).collect(),
                        caption,
                    },
                    table,
                ));
                pending_caption = Some(found.len() - 1);
            }
        }
    }
    found
}

/// Lower case, single spaces, no edge punctuation: how names are compared.
pub fn normal(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .trim_matches([':', '.', ' '])
        .to_owned()
}

/// A heading names an installation when it is its name, perhaps after a
/// section number ("3.2.1 INCD - CPU").
fn heading_names(heading: &str, name: &str) -> bool {
    let heading = normal(heading);
    let name = normal(name);
    !name.is_empty()
        && (heading == name
            || heading
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
                .trim()
                == name)
}

fn fraction(wanted: &[String], have: &[String]) -> f32 {
    let wanted: Vec<&String> = wanted.iter().filter(|w| !w.is_empty()).collect();
    if wanted.is_empty() {
        return 0.0;
    }
    let hits = wanted.iter().filter(|w| have.contains(w)).count();
    hits as f32 / wanted.len() as f32
}

fn score(table: &ExportTable, report: &Report, context: &Context, grid: &[Vec<String>]) -> f32 {
    use super::tables::TableKind;
    let first_column: Vec<String> = grid
        .iter()
        .map(|row| row.first().map(|text| normal(text)).unwrap_or_default())
        .collect();
    let wanted_rows: Vec<String> = table
        .rows
        .iter()
        .skip(table.header_rows)
        .map(|row| {
            row.first()
                .map(|cell| normal(&cell.text))
                .unwrap_or_default()
        })
        .collect();
    // Either most of the report's rows are in the document's table, or
    // most of the document's rows are the report's (a deliverable may
    // leave fields out).
    let have_rows: Vec<String> = first_column
        .iter()
        .filter(|label| !label.is_empty())
        .cloned()
        .collect();
    let hits = wanted_rows
        .iter()
        .filter(|w| !w.is_empty() && first_column.contains(w))
        .count();
    let rows = fraction(&wanted_rows, &first_column).max(fraction(&have_rows, &wanted_rows));
    if rows < 0.5 || hits < wanted_rows.len().min(2) {
        return 0.0;
    }
    let header = match table.rows.first() {
        Some(header) if table.header_rows > 0 => {
            let wanted: Vec<String> = header.iter().map(|cell| normal(&cell.text)).collect();
            grid.iter()
                .take(3)
                .map(|row| {
                    let have: Vec<String> = row.iter().map(|text| normal(text)).collect();
                    fraction(&wanted, &have)
                })
                .fold(0.0, f32::max)
        }
        _ => 0.0,
    };
    let installation = match table.kind {
        TableKind::Description(index) | TableKind::Metrics(index) => Some(index),
        _ => None,
    };
    let place = match installation {
        Some(index) => {
            let name = report
                .installations
                .get(index)
                .map_or("", |installation| installation.name.as_str());
            if context.headings.iter().any(|h| heading_names(h, name)) {
                2.0
            } else {
                // Without its installation's heading a table of metric or
                // field names common to every installation is ambiguous.
                return 0.0;
            }
        }
        None => {
            let caption = normal(&context.caption);
            let wanted = table.caption.as_deref().map(normal).unwrap_or_default();
            if !wanted.is_empty() && caption.contains(&wanted) {
                2.0
            } else {
                0.0
            }
        }
    };
    rows + header + place
}

/// Why no document table matched `table`, in the terms of [`score`]: an
/// installation's table needs a heading naming the installation above it,
/// every table needs most of its rows (first column) in the document's.
fn not_found_reason(table: &ExportTable, report: &Report, found: &[(Context, &Table)]) -> String {
    use super::tables::TableKind;
    match table.kind {
        TableKind::Description(index) | TableKind::Metrics(index) => {
            let name = report
                .installations
                .get(index)
                .map_or("", |installation| installation.name.as_str());
            let under_heading = found
                .iter()
                .any(|(context, _)| context.headings.iter().any(|h| heading_names(h, name)));
            if under_heading {
                "no table under the installation's heading has most of its rows".to_owned()
            } else {
                format!("no table under a heading naming {name}")
            }
        }
        _ => "no table has most of its rows in its first column".to_owned(),
    }
}

type Edits = Vec<(Range<usize>, String)>;

fn plan(
    body: &Body,
    report: &Report,
    options: &ExportOptions,
) -> Result<(Edits, UpdateSummary), UpdateError> {
    let found = contexts(body);
    let grids: Vec<Vec<Vec<String>>> = found.iter().map(|(_, table)| table.grid_texts()).collect();
    let mut used = vec![false; found.len()];
    let mut edits = Vec::new();
    let mut summary = UpdateSummary::default();
    for table in report_tables(report, options) {
        let best = found
            .iter()
            .zip(&grids)
            .enumerate()
            .filter(|(index, _)| !used.get(*index).copied().unwrap_or(true))
            .map(|(index, ((context, _), grid))| (index, score(&table, report, context, grid)))
            .filter(|(_, score)| *score > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((index, _)) = best else {
            summary.not_found.push(NotFound {
                name: table.name.clone(),
                reason: not_found_reason(&table, report, &found),
            });
            continue;
        };
        if let Some(flag) = used.get_mut(index) {
            *flag = true;
        }
        let (Some((context, document_table)), Some(grid)) = (found.get(index), grids.get(index))
        else {
            continue;
        };
        let update = update_table(&table, document_table, grid, context.table, &mut edits);
        summary.tables.push(update);
    }
    if summary.tables.is_empty() {
        return Err(UpdateError::NoKnownTable);
    }
    Ok((edits, summary))
}

fn update_table(
    table: &ExportTable,
    document: &Table,
    grid: &[Vec<String>],
    number: usize,
    edits: &mut Edits,
) -> TableUpdate {
    let mut update = TableUpdate {
        name: table.name.clone(),
        document_table: number,
        ..TableUpdate::default()
    };
    // Columns: by header text when the table has a header row, else by
    // position.
    let header_row = (table.header_rows > 0)
        .then(|| {
            let wanted: Vec<String> = table
                .rows
                .first()
                .map(|row| row.iter().map(|c| normal(&c.text)).collect())
                .unwrap_or_default();
            grid.iter()
                .take(3)
                .enumerate()
                .map(|(index, row)| {
                    let have: Vec<String> = row.iter().map(|t| normal(t)).collect();
                    (index, fraction(&wanted, &have))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(index, _)| index)
        })
        .flatten();
    let columns: Vec<Option<usize>> = match (header_row, table.rows.first()) {
        (Some(row), Some(header)) => {
            let have: Vec<String> = grid
                .get(row)
                .map(|r| r.iter().map(|t| normal(t)).collect())
                .unwrap_or_default();
            header
                .iter()
                .enumerate()
                .map(|(position, cell)| {
                    let wanted = normal(&cell.text);
                    have.iter().position(|h| *h == wanted).or_else(|| {
                        // Same column count: the same place.
                        (have.len() == header.len()).then_some(position)
                    })
                })
                .collect()
        }
        _ => (0..table.column_count()).map(Some).collect(),
    };
    for (position, column) in columns.iter().enumerate() {
        if column.is_none()
            && let Some(cell) = table.rows.first().and_then(|row| row.get(position))
        {
            update.missing.push(format!("column {}", cell.text.trim()));
        }
    }
    let first_body_row = header_row.map_or(0, |row| row + 1);
    let mut taken = vec![false; grid.len()];
    for row in table.rows.iter().skip(table.header_rows) {
        let Some(label) = row.first() else { continue };
        let key = normal(&label.text);
        let Some(row_index) = (first_body_row..grid.len()).find(|&r| {
            !taken.get(r).copied().unwrap_or(true)
                && grid
                    .get(r)
                    .and_then(|cells| cells.first())
                    .is_some_and(|first| normal(first) == key)
        }) else {
            update.missing.push(format!("row {}", label.text.trim()));
            continue;
        };
        if let Some(flag) = taken.get_mut(row_index) {
            *flag = true;
        }
        for (position, cell) in row.iter().enumerate().skip(1) {
            let Some(Some(column)) = columns.get(position) else {
                continue;
            };
            let Some(old) = grid.get(row_index).and_then(|cells| cells.get(*column)) else {
                continue;
            };
            if normal(old) == normal(&cell.text) || same_number(old, cell.number) {
                continue;
            }
            let column_name = table
                .rows
                .first()
                .filter(|_| table.header_rows > 0)
                .and_then(|header| header.get(position))
                .map_or_else(|| format!("column {}", position + 1), |c| c.text.clone());
            match document
                .cell_at(row_index, *column)
                .and_then(|target| cell_edits(target, &cell.text))
            {
                Some(cell_edits) => {
                    edits.extend(cell_edits);
                    update.changes.push(CellChange {
                        row: label.text.trim().to_owned(),
                        column: column_name,
                        old: old.clone(),
                        new: cell.text.clone(),
                    });
                }
                None => update.missing.push(format!(
                    "cell {} / {} (merged or holding a table)",
                    label.text.trim(),
                    column_name
                )),
            }
        }
    }
    update
}

/// The document writes the same number in another style (`4.000.000`
/// for 4,000,000): left as the author wrote it.
fn same_number(old: &str, new: Option<f64>) -> bool {
    use crate::import::text::{Convention, parse_plain_number};
    let Some(new) = new else {
        return false;
    };
    [Convention::DotDecimal, Convention::CommaDecimal]
        .into_iter()
        .filter_map(|convention| parse_plain_number(old, convention))
        .any(|value| (value - new).abs() <= 1e-9 * new.abs().max(1.0))
}

/// The edits that put `text` into `cell`: the first text element takes
/// it (lines separated by breaks), every other text, break and tab of the
/// cell goes, and so do the cell's other paragraphs.
fn cell_edits(cell: &Cell, text: &str) -> Option<Edits> {
    if cell.nested || cell.merged_with_above {
        return None;
    }
    let new_text = text
        .lines()
        .map(|line| format!("<w:t xml:space=\"preserve\">{}</w:t>", escape(line)))
        .collect::<Vec<_>>()
        .join("<w:br/>");
    let mut edits = Vec::new();
    let holder = cell
        .paragraphs
        .iter()
        .position(|paragraph| paragraph.pieces.iter().any(|piece| piece.text));
    match holder {
        Some(holder) => {
            for (index, paragraph) in cell.paragraphs.iter().enumerate() {
                if index != holder {
                    edits.push((paragraph.range.clone(), String::new()));
                    continue;
                }
                let mut first = true;
                for piece in &paragraph.pieces {
                    if piece.text && first {
                        first = false;
                        edits.push((piece.range.clone(), new_text.clone()));
                    } else {
                        edits.push((piece.range.clone(), String::new()));
                    }
                }
            }
        }
        None => {
            let paragraph = cell.paragraphs.first()?;
            let run = format!("<w:r>{new_text}</w:r>");
            if paragraph.empty_element {
                edits.push((paragraph.range.clone(), format!("<w:p>{run}</w:p>")));
            } else {
                for piece in &paragraph.pieces {
                    edits.push((piece.range.clone(), String::new()));
                }
                edits.push((paragraph.end_tag..paragraph.end_tag, run));
            }
            for paragraph in cell.paragraphs.iter().skip(1) {
                edits.push((paragraph.range.clone(), String::new()));
            }
        }
    }
    Some(edits)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn headings_with_section_numbers_name_installations() {
        assert!(heading_names("3.2.1 INCD - CPU", "INCD - CPU"));
        assert!(heading_names("incd -  cpu", "INCD - CPU"));
        assert!(!heading_names("INCD - CPU and GPU", "INCD - CPU"));
    }

    #[test]
    fn a_cell_keeps_its_run_and_loses_its_other_pieces() {
        let xml = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:tbl><w:tr>\
<w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>12</w:t></w:r><w:r><w:t>3</w:t></w:r></w:p><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>\
<w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>";
        let body = super::super::docx_read::parse_document(xml.as_bytes(), &[]).unwrap();
        let Block::Table(table) = &body.blocks[0] else {
            panic!()
        };
        let mut edits = cell_edits(table.cell_at(0, 0).unwrap(), "1,234").unwrap();
        edits.extend(cell_edits(table.cell_at(0, 1).unwrap(), "a\nb").unwrap());
        edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
        let mut out = xml.to_owned();
        for (range, text) in edits {
            out.replace_range(range, &text);
        }
        assert!(out.contains("<w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">1,234</w:t></w:r><w:r></w:r></w:p></w:tc>"), "{out}");
        assert!(out.contains("<w:tc><w:p><w:r><w:t xml:space=\"preserve\">a</w:t><w:br/><w:t xml:space=\"preserve\">b</w:t></w:r></w:p></w:tc>"), "{out}");
    }
}

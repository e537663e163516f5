//! A new report started from a deliverable (a Word document): Table 1, each
//! installation's heading, description table, metrics table and
//! assessment, and the prose sections. What could not be read is listed,
//! never guessed silently.
//!
//! Tables are recognised by their content: Table 1 by its caption or its
//! budget header, a metrics table by its `Metric name ... TOT` header row,
//! a description table by two columns of labels and texts. A table belongs
//! to the installation named by the nearest heading above it that is not a
//! generic one ("Metrics", "Description", "Assessment").

use serde::Serialize;

use super::docx_read::{Block, Body, Paragraph, ReadError, Table, read_body};
use super::docx_update::normal;
use crate::model::cumulative::{CumulativeRow, CumulativeTable};
use crate::model::description::{DescriptionField, default_fields, field_index};
use crate::model::{
    Cell, Checkpoint, DecimalMark, Installation, Metric, Period, Report, Section, SectionKind,
    YearMonth,
};

/// The report read from a document, and what was left out.
#[derive(Clone, Debug, PartialEq)]
pub struct FromDocx {
    pub report: Report,
    pub unread: Vec<String>,
    pub summary: ReadSummary,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReadSummary {
    pub installations: usize,
    pub metrics: usize,
    pub resources: usize,
    pub sections: usize,
}

/// Headings that structure an installation's part rather than name it.
const GENERIC_HEADINGS: &[&str] = &[
    "metrics",
    "description",
    "assessment",
    "installations",
    "installation description",
    "metrics table",
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Cumulative,
    Metrics,
    Description,
    Unknown,
}

fn classify(table: &Table, caption: &str) -> Kind {
    let grid = table.grid_texts();
    let header: Vec<String> = grid
        .first()
        .map(|row| row.iter().map(|t| normal(t)).collect())
        .unwrap_or_default();
    if header
        .first()
        .is_some_and(|first| first.starts_with("metric"))
        || (header.iter().any(|h| h == "tot" || h == "total")
            && header.iter().any(|h| h.starts_with("baseline")))
    {
        return Kind::Metrics;
    }
    if normal(caption).contains("cumulative") || header.iter().any(|h| h.contains("budget")) {
        return Kind::Cumulative;
    }
    let two_columns = grid.iter().filter(|row| row.len() == 2).count();
    if two_columns * 2 >= grid.len() && !grid.is_empty() {
        return Kind::Description;
    }
    Kind::Unknown
}

/// Reads a report from the bytes of a DOCX file. `start` is the calendar
/// month of M1 when known; otherwise it is read from Table 1's checkpoint
/// labels ("USED BY M6 (Feb 2023)").
pub fn report_from_docx(bytes: &[u8], start: Option<YearMonth>) -> Result<FromDocx, ReadError> {
    let (_, body) = read_body(bytes)?;
    Ok(report_from_body(&body, start))
}

/// Why a deliverable could not start a report. Every message ends with
/// the file's path.
#[derive(Debug, thiserror::Error)]
pub enum FromDocxFileError {
    #[error("cannot read the document: {reason}: {}", path.display())]
    Read {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error(
        "no table of a report found (Table 1, metrics or description tables): {}",
        path.display()
    )]
    NoReportTable { path: std::path::PathBuf },
}

/// Reads a report from the DOCX file at `path`, as `new-from-docx` and
/// *File, New from Word document…* do. The bytes are untrusted: the read is
/// bounded, the body is read in the guarded worker
/// ([`super::docx_read::read_body_guarded`]), a panic is an error naming the
/// file, and a document without any of a report's tables is refused.
/// Setting `cancel` stops the read (an error that says so).
pub fn report_from_docx_file(
    path: &std::path::Path,
    start: Option<YearMonth>,
    cancel: &std::sync::atomic::AtomicBool,
) -> Result<FromDocx, FromDocxFileError> {
    let failed = |reason: String| FromDocxFileError::Read {
        path: path.to_path_buf(),
        reason,
    };
    let bytes =
        crate::import::guard::read_file_bounded(path, super::docx_update::MAX_DOCUMENT_BYTES)
            .map_err(|error| failed(error.to_string()))?;
    let body = super::docx_read::read_body_guarded(&bytes, cancel)
        .map_err(|error| failed(error.to_string()))?;
    let read = crate::caught_panic::catch(|| report_from_body(&body, start))
        .map_err(|panic| failed(format!("the report could not be built ({panic})")))?;
    if read.report.installations.is_empty() && read.report.cumulative.rows.is_empty() {
        return Err(FromDocxFileError::NoReportTable {
            path: path.to_path_buf(),
        });
    }
    Ok(read)
}

struct Found<'a> {
    block: usize,
    table: &'a Table,
    kind: Kind,
    caption: String,
    installation: Option<(usize, String)>,
}

pub fn report_from_body(body: &Body, start: Option<YearMonth>) -> FromDocx {
    let mut unread = Vec::new();
    // Pass 1: tables with their kind, caption and installation heading.
    let mut headings: Vec<(u8, usize, String)> = Vec::new();
    let mut last_caption = String::new();
    let mut found = Vec::new();
    let mut table_number = 0;
    for (index, block) in body.blocks.iter().enumerate() {
        match block {
            Block::Paragraph(paragraph) => {
                if let Some(level) = paragraph.heading.filter(|level| *level > 0) {
                    headings.retain(|(l, _, _)| *l < level);
                    headings.push((level, index, paragraph.text.trim().to_owned()));
                }
                if paragraph.caption {
                    last_caption = paragraph.text.clone();
                } else if !paragraph.text.trim().is_empty() {
                    last_caption.clear();
                }
            }
            Block::Table(table) => {
                table_number += 1;
                let kind = classify(table, &last_caption);
                let installation = headings
                    .iter()
                    .rev()
                    .find(|(_, _, text)| !GENERIC_HEADINGS.contains(&normal(text).as_str()))
                    .map(|(_, block, text)| (*block, strip_number(text)));
                if kind == Kind::Unknown {
                    unread.push(format!("table {table_number}: not a table of the report"));
                }
                found.push(Found {
                    block: index,
                    table,
                    kind,
                    caption: std::mem::take(&mut last_caption),
                    installation,
                });
            }
        }
    }

    // Table 1 and the calendar.
    let mut cumulative = CumulativeTable::default();
    let mut analysis_block = None;
    if let Some(table1) = found.iter().find(|f| f.kind == Kind::Cumulative) {
        analysis_block = Some(table1.block);
        cumulative = read_cumulative(table1.table, &table1.caption, &mut unread);
    } else {
        unread.push("Table 1 (cumulative consumption) was not found".to_owned());
    }
    let start = start
        .or_else(|| start_from_checkpoints(&cumulative))
        .unwrap_or_else(|| {
            unread.push(
                "the project's start month was not found; M1 is set to January 2000".to_owned(),
            );
            YearMonth {
                year: 2000,
                month: 1,
            }
        });

    // Periods from the first metrics table's header.
    let mut periods: Vec<Period> = Vec::new();
    if let Some(first) = found.iter().find(|f| f.kind == Kind::Metrics) {
        let header = first
            .table
            .grid_texts()
            .into_iter()
            .next()
            .unwrap_or_default();
        for text in header.iter().skip(3) {
            // The report has no periods yet: labels are read as month
            // ranges, project years and calendar ranges.
            let calendar = crate::import::text::Calendar::new(start, &[]);
            if let Some(range) = crate::import::text::period_label(text, calendar) {
                let mut period = Period::new(range.first, range.last);
                period.label = text.trim().to_owned();
                periods.push(period);
            }
        }
    }

    let title = body
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Paragraph(p) if p.heading == Some(0) => Some(p.text.trim().to_owned()),
            _ => None,
        })
        .unwrap_or_default();
    let mut report = Report::empty(title, start, 0);
    report.periods = periods;
    report.cumulative = cumulative;
    report.description_fields = default_fields();

    // Installations in document order.
    let mut installation_blocks: Vec<usize> = Vec::new();
    for table in &found {
        let Some((heading_block, name)) = &table.installation else {
            if matches!(table.kind, Kind::Metrics | Kind::Description) {
                unread.push(format!(
                    "a {} table without an installation heading above it",
                    if table.kind == Kind::Metrics {
                        "metrics"
                    } else {
                        "description"
                    }
                ));
            }
            continue;
        };
        if !matches!(table.kind, Kind::Metrics | Kind::Description) {
            continue;
        }
        let index = match report
            .installations
            .iter()
            .position(|installation| installation.name == *name)
        {
            Some(index) => index,
            None => {
                report.installations.push(Installation::new(name.clone()));
                installation_blocks.push(*heading_block);
                report.installations.len() - 1
            }
        };
        let period_count = report.periods.len();
        let Some(installation) = report.installations.get_mut(index) else {
            continue;
        };
        match table.kind {
            Kind::Metrics => {
                read_metrics(table.table, period_count, installation, &mut unread);
            }
            _ => read_description(
                table.table,
                &mut report.description_fields,
                installation,
                &mut unread,
            ),
        }
    }
    let field_count = report.description_fields.len();
    for installation in &mut report.installations {
        installation.description.resize(field_count, String::new());
    }

    // Pass 2: prose. Paragraphs under an installation's heading are its
    // assessment; others belong to the level-1 section they are in.
    let installation_headings: Vec<(usize, u8)> = installation_blocks
        .iter()
        .filter_map(|&block| match body.blocks.get(block) {
            Some(Block::Paragraph(p)) => Some((block, p.heading.unwrap_or(1))),
            _ => None,
        })
        .collect();
    let mut sections: Vec<Section> = Vec::new();
    let mut current_installation: Option<(usize, u8)> = None;
    for (index, block) in body.blocks.iter().enumerate() {
        let Block::Paragraph(paragraph) = block else {
            continue;
        };
        if let Some(position) = installation_headings.iter().position(|(b, _)| *b == index) {
            current_installation = installation_headings
                .get(position)
                .map(|(_, level)| (position, *level));
            continue;
        }
        if let Some(level) = paragraph.heading {
            if level == 0 {
                continue;
            }
            if current_installation.is_some_and(|(_, inst_level)| level <= inst_level) {
                current_installation = None;
            }
            if current_installation.is_none() && level == 1 {
                sections.push(Section {
                    kind: SectionKind::Other,
                    title: strip_number(&paragraph.text),
                    text: String::new(),
                });
                if analysis_block.is_some_and(|block| block > index) {
                    // The last level-1 heading before Table 1 is the analysis.
                    if let Some(section) = sections.last_mut() {
                        section.kind = SectionKind::Analysis;
                    }
                    for section in sections.iter_mut().rev().skip(1) {
                        if section.kind == SectionKind::Analysis {
                            section.kind = SectionKind::Other;
                        }
                    }
                }
            }
            continue;
        }
        if paragraph.caption || paragraph.text.trim().is_empty() {
            continue;
        }
        let line = line_of(paragraph);
        match current_installation {
            Some((position, _)) => {
                if let Some(installation) = report.installations.get_mut(position) {
                    push_line(&mut installation.assessment, &line);
                }
            }
            None => match sections.last_mut() {
                Some(section) => push_line(&mut section.text, &line),
                None => unread.push(format!(
                    "text before the first heading: {}",
                    shorten(&paragraph.text)
                )),
            },
        }
    }
    // "Installations" and other headings that only group installations.
    sections.retain(|section| {
        !(section.text.is_empty() && GENERIC_HEADINGS.contains(&normal(&section.title).as_str()))
    });
    for section in &mut sections {
        if section.kind == SectionKind::Other {
            section.kind = section_kind(&section.title);
        }
    }
    report.sections = sections;
    report.decimal_mark = sniff_mark(&report);
    if let Err(error) = report.prepare() {
        unread.push(format!("the report's shape: {error}"));
    }
    let summary = ReadSummary {
        installations: report.installations.len(),
        metrics: report.metric_count(),
        resources: report.cumulative.rows.len(),
        sections: report.sections.len(),
    };
    FromDocx {
        report,
        unread,
        summary,
    }
}

fn line_of(paragraph: &Paragraph) -> String {
    let text = paragraph.text.trim_end();
    if paragraph.list && super::docx::bullet_text(text).is_none() {
        format!("· {}", text.trim_start())
    } else {
        text.to_owned()
    }
}

fn push_line(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(line);
}

fn shorten(text: &str) -> String {
    let short: String = text.trim().chars().take(60).collect();
    if short.len() < text.trim().len() {
        format!("{short}…")
    } else {
        short
    }
}

/// "3.2 INCD - CPU" -> "INCD - CPU".
fn strip_number(text: &str) -> String {
    let trimmed = text.trim();
    let rest = trimmed.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let number = &trimmed[..trimmed.len() - rest.len()];
    // "3", "3.2.1", "4." are section numbers; "2024" starts a title.
    let section_number = number.contains('.') || number.len() <= 2;
    if !number.is_empty() && section_number && rest.starts_with([' ', '\t']) {
        rest.trim().to_owned()
    } else {
        trimmed.to_owned()
    }
}

fn section_kind(title: &str) -> SectionKind {
    let title = normal(title);
    if title.contains("abstract") {
        SectionKind::Abstract
    } else if title.contains("executive summary") {
        SectionKind::ExecutiveSummary
    } else if title.contains("introduction") {
        SectionKind::Introduction
    } else if title.contains("conclusion") {
        SectionKind::Conclusion
    } else {
        SectionKind::Other
    }
}

fn read_cumulative(table: &Table, caption: &str, unread: &mut Vec<String>) -> CumulativeTable {
    let grid = table.grid_texts();
    let header = grid.first().cloned().unwrap_or_default();
    let mut cumulative = CumulativeTable {
        caption: caption.trim().to_owned(),
        unit_header: header.first().cloned().unwrap_or_default(),
        budget_header: header.get(1).cloned().unwrap_or_default(),
        checkpoints: Vec::new(),
        rows: Vec::new(),
    };
    for label in header.iter().skip(2) {
        match checkpoint_month(label) {
            Some(month) => cumulative.checkpoints.push(Checkpoint {
                month,
                label: label.trim().to_owned(),
            }),
            None => unread.push(format!("Table 1 column {label:?}: no month (M6, M12 ...)")),
        }
    }
    let count = cumulative.checkpoints.len();
    for row in grid.iter().skip(1) {
        let Some(name) = row.first().map(|n| n.trim()).filter(|n| !n.is_empty()) else {
            continue;
        };
        let (label, unit) = match (name.find('('), name.find(')')) {
            (Some(open), Some(close)) if open < close => (
                name[..open].trim().to_owned(),
                name[open + 1..close].trim().to_owned(),
            ),
            _ => (
                name.trim_end_matches("- Accumulative").trim().to_owned(),
                String::new(),
            ),
        };
        let id = cumulative.unique_id(&label);
        let mut resource = CumulativeRow::new(id, label, name, unit, count);
        resource.budget = Cell::new(row.get(1).map_or("", |t| t.trim()));
        resource.used = (0..count)
            .map(|i| Cell::new(row.get(i + 2).map_or("", |t| t.trim())))
            .collect();
        cumulative.rows.push(resource);
    }
    cumulative
}

/// "USED BY M6 (Feb 2023)" -> 6.
fn checkpoint_month(label: &str) -> Option<u32> {
    let upper = label.to_uppercase();
    let at = upper.find('M')?;
    let mut rest = &upper[at..];
    loop {
        let digits: String = rest
            .get(1..)?
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() {
            return digits.parse().ok();
        }
        let next = rest.get(1..)?.find('M')?;
        rest = rest.get(next + 1..)?;
    }
}

/// M1 from a checkpoint label naming its calendar month: M6 = Feb 2023
/// gives September 2022.
fn start_from_checkpoints(table: &CumulativeTable) -> Option<YearMonth> {
    table.checkpoints.iter().find_map(|checkpoint| {
        let open = checkpoint.label.find('(')?;
        let close = checkpoint.label.rfind(')')?;
        let inside = checkpoint.label.get(open + 1..close)?;
        let month = crate::import::text::month_label(inside).or_else(|| {
            // "Feb 24": a two-digit year.
            let (name, year) = inside.trim().split_once(' ')?;
            let year: i32 = year.trim().parse().ok()?;
            (year < 100)
                .then(|| crate::import::text::month_label(&format!("{name} {}", 2000 + year)))
                .flatten()
        })?;
        let offset = i32::try_from(checkpoint.month).ok()? - 1;
        Some(month.plus_months(-offset))
    })
}

fn read_metrics(
    table: &Table,
    period_count: usize,
    installation: &mut Installation,
    unread: &mut Vec<String>,
) {
    let grid = table.grid_texts();
    let header_len = grid.first().map_or(0, Vec::len);
    let expected = 4 + period_count;
    if header_len != expected {
        unread.push(format!(
            "{}: the metrics table has {header_len} columns, the report's have {expected}",
            installation.name
        ));
    }
    for row in grid.iter().skip(1) {
        let cell = |index: usize| row.get(index).map_or("", |t| t.trim());
        if cell(0).is_empty() {
            continue;
        }
        let mut metric = Metric::new(cell(0), period_count);
        metric.baseline = Cell::new(cell(1));
        metric.method = cell(2).to_owned();
        metric.values = (0..period_count).map(|i| Cell::new(cell(3 + i))).collect();
        metric.total = Cell::new(cell(3 + period_count));
        installation.metrics.push(metric);
    }
}

fn read_description(
    table: &Table,
    fields: &mut Vec<DescriptionField>,
    installation: &mut Installation,
    unread: &mut Vec<String>,
) {
    for row in table.grid_texts() {
        let [label, text] = row.as_slice() else {
            continue;
        };
        let label = label.trim();
        if label.is_empty() || label == text.trim() {
            // A title row merged over both columns.
            continue;
        }
        let index = match field_index(fields, label) {
            Some(index) => index,
            None => {
                fields.push(DescriptionField::new(label, text.len() > 80));
                fields.len() - 1
            }
        };
        if installation.description.len() <= index {
            installation.description.resize(index + 1, String::new());
        }
        if let Some(slot) = installation.description.get_mut(index) {
            if !slot.is_empty() {
                unread.push(format!("{}: {label} is given twice", installation.name));
            }
            *slot = text.trim().to_owned();
        }
    }
}

/// A decimal comma when the document writes numbers as `1.234.567` or
/// `12,5`.
fn sniff_mark(report: &Report) -> DecimalMark {
    let texts = report
        .installations
        .iter()
        .flat_map(|i| i.metrics.iter())
        .flat_map(|m| m.values.iter().chain([&m.total]))
        .chain(report.cumulative.rows.iter().flat_map(|r| r.used.iter()))
        .map(|cell| cell.text());
    match crate::import::text::sniff_convention(texts) {
        crate::import::text::Convention::CommaDecimal => DecimalMark::Comma,
        _ => DecimalMark::Point,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn checkpoints_give_their_month_and_the_start() {
        assert_eq!(checkpoint_month("USED BY M6 (Feb 2023)"), Some(6));
        assert_eq!(checkpoint_month("M36"), Some(36));
        assert_eq!(checkpoint_month("Total"), None);
        let table = CumulativeTable {
            checkpoints: vec![Checkpoint {
                month: 18,
                label: "USED BY M18 (Feb 24)".to_owned(),
            }],
            ..CumulativeTable::default()
        };
        assert_eq!(
            start_from_checkpoints(&table),
            Some(YearMonth {
                year: 2022,
                month: 9
            })
        );
    }

    #[test]
    fn section_numbers_are_not_part_of_names() {
        assert_eq!(strip_number("3.2.1 INCD - CPU"), "INCD - CPU");
        assert_eq!(strip_number("2024 results"), "2024 results");
    }
}

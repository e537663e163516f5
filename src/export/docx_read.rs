//! Reading a Word document's body as plain blocks: paragraphs (text, style
//! name, heading level, list or caption) and top-level tables (rows of
//! cells with their text, merges, and the byte ranges of their XML, so
//! that `docx_update` can rewrite a cell's text and nothing else).
//!
//! Text is the accepted text of the document: insertions kept, deletions
//! and moved-from text left out, field codes skipped (their results kept),
//! text boxes and alternate-content fallbacks skipped, tabs and line breaks
//! as `\t` and `\n`. Documents made by Word, LibreOffice, python-docx and
//! va-report read the same way.

use std::ops::Range;

use quick_xml::events::Event;

use super::docx_package::{Package, PackageError, attribute, style_names};

/// Why a document's body cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum ReadError {
    #[error(transparent)]
    Package(#[from] PackageError),
    #[error("the document's main part is not well-formed XML ({0})")]
    Xml(String),
    /// The reader panicked, or the worker reading the document died, took
    /// too long or needed more memory than allowed.
    #[error("{0}")]
    Stopped(String),
}

/// The hidden subcommand that reads a document's body in a worker.
pub const DOCUMENT_SUBCOMMAND: &str = "read-document";

/// Reads a document's body from untrusted bytes: in the guarded worker the
/// program configured ([`crate::import::Reader::configured`]), as provider
/// files are read, else in this process with a panic caught. The worker
/// unzips the package and parses its XML; the caller gets only the body.
/// Setting `cancel` ends the worker and gives [`ReadError::Stopped`].
pub fn read_body_guarded(
    bytes: &[u8],
    cancel: &std::sync::atomic::AtomicBool,
) -> Result<Body, ReadError> {
    match crate::import::Reader::configured() {
        crate::import::Reader::Worker(worker) => {
            let answer = crate::import::guard::run_job(&worker, DOCUMENT_SUBCOMMAND, bytes, cancel)
                .map_err(|error| ReadError::Stopped(error.to_string()))?;
            serde_json::from_slice::<Result<Body, ReadError>>(&answer).map_err(|error| {
                ReadError::Stopped(format!("the document reader gave no answer ({error})"))
            })?
        }
        crate::import::Reader::InProcess => read_body_caught(bytes),
    }
}

/// [`read_body`]'s body, a panic caught as [`ReadError::Stopped`].
pub fn read_body_caught(bytes: &[u8]) -> Result<Body, ReadError> {
    crate::caught_panic::catch(|| read_body(bytes).map(|(_, body)| body)).unwrap_or_else(|panic| {
        Err(ReadError::Stopped(format!(
            "the file is damaged (reader stopped: {panic})"
        )))
    })
}

/// The worker's job for [`DOCUMENT_SUBCOMMAND`]: a document's bytes in, its
/// body or the reason it has none out, as JSON.
pub fn body_job(bytes: &[u8]) -> Vec<u8> {
    serde_json::to_vec(&read_body_caught(bytes)).unwrap_or_default()
}

/// The body of a document, in reading order.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Body {
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Paragraph {
    pub text: String,
    /// The style's name ("heading 1", "Caption"), empty for Normal.
    pub style: String,
    /// 1 for "heading 1" (or outline level 0), ...; 0 for the title.
    pub heading: Option<u8>,
    /// A list item (numbered paragraph or a list style).
    pub list: bool,
    /// A caption ("Table 1 ..." or the caption style).
    pub caption: bool,
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    /// The `w:tbl` element's bytes in the main part.
    pub range: Range<usize>,
}

impl Table {
    /// The rows as text, one entry per grid column: a cell spanning
    /// columns repeats its text, a vertically merged cell takes the text
    /// of the cell above.
    pub fn grid_texts(&self) -> Vec<Vec<String>> {
        let mut grid: Vec<Vec<String>> = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let mut texts = Vec::new();
            for cell in row {
                let column = texts.len();
                let text = if cell.merged_with_above {
                    grid.last()
                        .and_then(|above| above.get(column))
                        .cloned()
                        .unwrap_or_default()
                } else {
                    cell.text.clone()
                };
                for _ in 0..cell.grid_span.max(1) {
                    texts.push(text.clone());
                }
            }
            grid.push(texts);
        }
        grid
    }

    /// The cell covering grid column `column` of `row`.
    pub fn cell_at(&self, row: usize, column: usize) -> Option<&Cell> {
        let mut start = 0;
        for cell in self.rows.get(row)? {
            let span = cell.grid_span.max(1);
            if column < start + span {
                return (column == start).then_some(cell);
            }
            start += span;
        }
        None
    }
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cell {
    pub text: String,
    pub grid_span: usize,
    /// `w:vMerge` without `restart`: the cell continues the one above.
    pub merged_with_above: bool,
    /// The cell holds a table of its own (not rewritten).
    pub nested: bool,
    pub range: Range<usize>,
    /// The cell's own paragraphs.
    pub paragraphs: Vec<CellParagraph>,
}

/// Where a paragraph of a cell is, and its text pieces.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CellParagraph {
    pub range: Range<usize>,
    /// `<w:p/>`: no content at all.
    pub empty_element: bool,
    /// Where `</w:p>` starts (a new run goes there).
    pub end_tag: usize,
    /// Every `w:t` element, and every `w:br`, `w:cr` and `w:tab` inside a
    /// run, in order.
    pub pieces: Vec<Piece>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Piece {
    pub range: Range<usize>,
    pub text: bool,
}

/// Reads a document's body from the bytes of a DOCX file.
pub fn read_body(bytes: &[u8]) -> Result<(Package, Body), ReadError> {
    let package = Package::read(bytes)?;
    let body = parse_package(&package)?;
    Ok((package, body))
}

/// Parses the main part of a package already read.
pub fn parse_package(package: &Package) -> Result<Body, ReadError> {
    let main = package.main_part_name().to_owned();
    let styles = package
        .relationships(&main)
        .into_iter()
        .find(|rel| rel.kind.ends_with("/styles"))
        .and_then(|rel| package.part_text(&rel.target))
        .map(|xml| style_names(&xml))
        .unwrap_or_default();
    let document = package.part(&main).ok_or(PackageError::NoDocument)?;
    parse_document(document, &styles)
}

#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    /// Depth of `w:tbl` elements around the current position.
    table_depth: usize,
    table: Option<Table>,
    row: Option<Vec<Cell>>,
    cell: Option<Cell>,
    paragraph: Option<(Paragraph, Option<CellParagraph>)>,
    /// Depth inside an element whose text is not the document's.
    skip: usize,
    in_text: bool,
    in_run: bool,
    text_start: usize,
    in_tc_pr: bool,
}

/// Parses `word/document.xml`; `styles` maps style ids to names.
pub fn parse_document(document: &[u8], styles: &[(String, String)]) -> Result<Body, ReadError> {
    let mut reader = quick_xml::Reader::from_reader(document);
    let mut state = State::default();
    let mut buffer = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|error| ReadError::Xml(error.to_string()))?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Eof => break,
            Event::Start(element) => {
                let name = element.local_name();
                let name = name.as_ref();
                if state.skip > 0 {
                    state.skip += 1;
                    continue;
                }
                match name {
                    b"del" | b"moveFrom" | b"instrText" | b"delText" | b"Fallback"
                    | b"txbxContent" | b"delInstrText" => state.skip = 1,
                    b"tbl" => {
                        state.table_depth += 1;
                        if state.table_depth == 1 {
                            state.table = Some(Table {
                                rows: Vec::new(),
                                range: before..before,
                            });
                        } else if let Some(cell) = state.cell.as_mut() {
                            cell.nested = true;
                        }
                    }
                    b"tr" if state.table_depth == 1 => state.row = Some(Vec::new()),
                    b"tc" if state.table_depth == 1 => {
                        state.cell = Some(Cell {
                            grid_span: 1,
                            range: before..before,
                            ..Cell::default()
                        });
                    }
                    b"tcPr" if state.table_depth == 1 => state.in_tc_pr = true,
                    b"p" => start_paragraph(&mut state, before, after, false),
                    b"r" => state.in_run = true,
                    b"t" => {
                        state.in_text = true;
                        state.text_start = before;
                    }
                    _ => element_flags(&mut state, &element, styles),
                }
            }
            Event::Empty(element) => {
                if state.skip > 0 {
                    continue;
                }
                let name = element.local_name();
                match name.as_ref() {
                    b"p" => {
                        start_paragraph(&mut state, before, after, true);
                        end_paragraph(&mut state, before, after);
                    }
                    b"tab" | b"br" | b"cr" | b"noBreakHyphen" if state.in_run => {
                        let text = match name.as_ref() {
                            b"tab" => "\t",
                            b"noBreakHyphen" => "-",
                            _ => "\n",
                        };
                        push_text(&mut state, text);
                        push_piece(&mut state, before..after, false);
                    }
                    b"t" => push_piece(&mut state, before..after, true),
                    b"gridSpan" if state.in_tc_pr => {
                        if let Some(cell) = state.cell.as_mut() {
                            cell.grid_span = attribute(&element, b"val")
                                .and_then(|value| value.parse().ok())
                                .unwrap_or(1)
                                .max(1);
                        }
                    }
                    b"vMerge" if state.in_tc_pr => {
                        let restart = attribute(&element, b"val").is_some_and(|v| v == "restart");
                        if let Some(cell) = state.cell.as_mut() {
                            cell.merged_with_above = !restart;
                        }
                    }
                    _ => element_flags(&mut state, &element, styles),
                }
            }
            Event::Text(text) if state.in_text && state.skip == 0 => {
                let text = text
                    .xml_content(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|error| ReadError::Xml(error.to_string()))?;
                push_text(&mut state, &text);
            }
            Event::GeneralRef(reference) if state.in_text && state.skip == 0 => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match reference.decode().as_deref() {
                        Ok("amp") => "&".to_owned(),
                        Ok("lt") => "<".to_owned(),
                        Ok("gt") => ">".to_owned(),
                        Ok("quot") => "\"".to_owned(),
                        Ok("apos") => "'".to_owned(),
                        _ => String::new(),
                    },
                };
                push_text(&mut state, &resolved);
            }
            Event::End(element) => {
                if state.skip > 0 {
                    state.skip -= 1;
                    continue;
                }
                match element.local_name().as_ref() {
                    b"t" => {
                        if state.in_text {
                            let start = state.text_start;
                            push_piece(&mut state, start..after, true);
                        }
                        state.in_text = false;
                    }
                    b"r" => state.in_run = false,
                    b"p" => end_paragraph(&mut state, before, after),
                    b"tcPr" => state.in_tc_pr = false,
                    b"tc" if state.table_depth == 1 => {
                        if let (Some(mut cell), Some(row)) = (state.cell.take(), state.row.as_mut())
                        {
                            cell.range.end = after;
                            cell.text = cell.text.trim_end_matches('\n').to_owned();
                            row.push(cell);
                        }
                    }
                    b"tr" if state.table_depth == 1 => {
                        if let (Some(row), Some(table)) = (state.row.take(), state.table.as_mut()) {
                            table.rows.push(row);
                        }
                    }
                    b"tbl" => {
                        if state.table_depth == 1
                            && let Some(mut table) = state.table.take()
                        {
                            table.range.end = after;
                            state.blocks.push(Block::Table(table));
                        }
                        state.table_depth = state.table_depth.saturating_sub(1);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        buffer.clear();
    }
    Ok(Body {
        blocks: state.blocks,
    })
}

fn start_paragraph(state: &mut State, before: usize, after: usize, empty_element: bool) {
    let location = (state.table_depth == 1 && state.cell.is_some()).then(|| CellParagraph {
        range: before..after,
        empty_element,
        end_tag: after,
        pieces: Vec::new(),
    });
    state.paragraph = Some((Paragraph::default(), location));
}

fn end_paragraph(state: &mut State, before: usize, after: usize) {
    let Some((mut paragraph, location)) = state.paragraph.take() else {
        return;
    };
    if state.table_depth == 0 {
        paragraph.caption |= is_caption_text(&paragraph.text);
        state.blocks.push(Block::Paragraph(paragraph));
    } else if let Some(cell) = state.cell.as_mut() {
        if !cell.paragraphs.is_empty() || !cell.text.is_empty() {
            cell.text.push('\n');
        }
        cell.text.push_str(&paragraph.text);
        if let Some(mut location) = location {
            location.range.end = after;
            if !location.empty_element {
                location.end_tag = before;
            }
            cell.paragraphs.push(location);
        }
    }
}

fn push_text(state: &mut State, text: &str) {
    if let Some((paragraph, _)) = state.paragraph.as_mut() {
        paragraph.text.push_str(text);
    }
}

fn push_piece(state: &mut State, range: Range<usize>, text: bool) {
    if let Some((_, Some(location))) = state.paragraph.as_mut() {
        location.pieces.push(Piece { range, text });
    }
}

/// Paragraph properties: style, numbering, outline level.
fn element_flags(
    state: &mut State,
    element: &quick_xml::events::BytesStart,
    styles: &[(String, String)],
) {
    let Some((paragraph, _)) = state.paragraph.as_mut() else {
        return;
    };
    match element.local_name().as_ref() {
        b"pStyle" => {
            let id = attribute(element, b"val").unwrap_or_default();
            let name = styles
                .iter()
                .find(|(style_id, _)| style_id == &id)
                .map_or(id.clone(), |(_, name)| name.clone());
            let lower = name.to_ascii_lowercase();
            let lower_id = id.to_ascii_lowercase();
            if let Some(level) = lower
                .strip_prefix("heading ")
                .or_else(|| lower_id.strip_prefix("heading"))
                .and_then(|level| level.trim().parse::<u8>().ok())
            {
                paragraph.heading = Some(level);
            } else if lower == "title" {
                paragraph.heading = Some(0);
            }
            paragraph.list |= lower.starts_with("list") && !lower.contains("table");
            paragraph.caption |= lower == "caption";
            paragraph.style = name;
        }
        b"numPr" => paragraph.list = true,
        b"outlineLvl" => {
            if let Some(level) = attribute(element, b"val").and_then(|v| v.parse::<u8>().ok())
                && level < 9
                && paragraph.heading.is_none()
            {
                paragraph.heading = Some(level + 1);
            }
        }
        _ => {}
    }
}

/// "Table 3 ...", "Table 3: ...", "Figure 2. ...".
pub fn is_caption_text(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let (Some(label), Some(number)) = (words.next(), words.next()) else {
        return false;
    };
    (label.eq_ignore_ascii_case("table") || label.eq_ignore_ascii_case("figure"))
        && number
            .trim_end_matches(['.', ':'])
            .chars()
            .all(|c| c.is_ascii_digit())
        && number.chars().next().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    fn parse(body: &str) -> Body {
        let xml = format!(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
        );
        parse_document(xml.as_bytes(), &[("Heading2".into(), "heading 2".into())]).unwrap()
    }

    #[test]
    fn accepted_text_of_tracked_changes_fields_and_split_runs() {
        let body = parse(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t>INCD</w:t></w:r><w:ins><w:r><w:t xml:space=\"preserve\"> - CPU</w:t></w:r></w:ins>\
<w:del><w:r><w:delText>old</w:delText></w:r></w:del></w:p>\
<w:p><w:r><w:t>Table </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> SEQ Table </w:instrText></w:r>\
<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> Use &amp; budget</w:t></w:r></w:p>",
        );
        let Block::Paragraph(heading) = &body.blocks[0] else {
            panic!()
        };
        assert_eq!(heading.text, "INCD - CPU");
        assert_eq!(heading.heading, Some(2));
        let Block::Paragraph(caption) = &body.blocks[1] else {
            panic!()
        };
        assert_eq!(caption.text, "Table 1 Use & budget");
        assert!(caption.caption);
    }

    #[test]
    fn merged_cells_fill_the_grid() {
        let body = parse(
            "<w:tbl><w:tblPr/><w:tblGrid/>\
<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>Title</w:t></w:r></w:p></w:tc></w:tr>\
<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t><w:br/><w:t>2</w:t></w:r></w:p></w:tc></w:tr>\
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>",
        );
        let Block::Table(table) = &body.blocks[0] else {
            panic!()
        };
        assert_eq!(
            table.grid_texts(),
            [vec!["Title", "Title"], vec!["A", "1\n2"], vec!["A", ""]]
        );
        assert!(table.cell_at(0, 1).is_none());
        assert_eq!(table.cell_at(1, 1).unwrap().paragraphs[0].pieces.len(), 3);
    }
}

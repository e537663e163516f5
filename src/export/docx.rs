//! The Word deliverable's tables as a DOCX document, written with docx-rs.
//!
//! Per installation: its heading, the description table, the metrics table
//! and the assessment; before them Table 1 (cumulative consumption) with a
//! caption whose number is a `SEQ Table` field, as Word's "Insert caption"
//! makes it, so Word's list of tables finds it. Header rows repeat on every
//! page and are marked as headers (`w:tblHeader`). Tables use one style
//! ("VA report table") and fixed widths that fit an A4 portrait page with
//! 2.5 cm margins.
//!
//! docx-rs 0.4 has no builder for `w:tblHeader`, so the document part is
//! passed once through quick-xml after building, which adds the flag to the
//! header rows (see [`mark_header_rows`]).

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, InstrText, LineSpacing, Paragraph, Pic, Run,
    RunFonts, Shading, Style, StyleType, Table, TableCell as DocxCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, WidthType,
};
use quick_xml::events::{BytesStart, Event};

use super::ExportError;
use super::ExportOptions;
use super::tables::{
    Align, ExportTable, FindingRow, cumulative_table, description_table, findings_table,
    metric_table,
};
use crate::model::Report;

/// Twips (1/20 pt) per centimetre.
const TWIPS_PER_CM: f32 = 566.93;
/// A4 portrait in twips.
const A4_WIDTH_TWIPS: u32 = 11_906;
const A4_HEIGHT_TWIPS: u32 = 16_838;
/// 2.5 cm margins leave 16 cm of text width.
const MARGIN_TWIPS: i32 = 1_417;
/// EMU (drawing units) per centimetre.
const EMU_PER_CM: f32 = 360_000.0;
/// Table text size in half-points (9 pt).
const TABLE_TEXT_SIZE: usize = 18;
/// Tables with at most this many rows are kept on one page.
const KEEP_TOGETHER_ROWS: usize = 20;
/// Left and right cell padding: 0.1 cm, so that numbers fit their column.
const CELL_MARGIN_TWIPS: usize = 57;
const TABLE_STYLE: &str = "VaReportTable";
const HEADER_FILL: &str = "D9E2F3";

/// A figure to embed: PNG bytes and its caption without the number.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub caption: String,
    pub png: Vec<u8>,
}

/// The DOCX document of `report` as bytes.
pub fn docx_bytes(
    report: &Report,
    options: &ExportOptions,
    findings: &[FindingRow],
    figures: &[Figure],
) -> Result<Vec<u8>, ExportError> {
    let style = options.number_style;
    let mut docx = base_document();
    let mut header_rows = Vec::new();
    let mut table_number = 0;
    let mut figure_number = 0;

    if !report.title.trim().is_empty() {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(report.title.trim())),
        );
    }

    // The heading of the report's own analysis section, else a plain one.
    let analysis = report
        .sections
        .iter()
        .find(|section| section.kind == crate::model::SectionKind::Analysis)
        .map(|section| section.title.trim())
        .filter(|title| !title.is_empty())
        .unwrap_or("Resource consumption");
    docx = docx.add_paragraph(heading(1, analysis));
    let cumulative = cumulative_table(report, style);
    table_number += 1;
    docx = docx.add_paragraph(caption(
        "Table",
        table_number,
        cumulative.caption.as_deref(),
    ));
    docx = add_table(docx, &cumulative, &mut header_rows);
    if options.embed_figures {
        for figure in figures {
            figure_number += 1;
            docx = docx.add_paragraph(figure_paragraph(&figure.png, figure_number)?);
            docx = docx.add_paragraph(caption("Figure", figure_number, Some(&figure.caption)));
        }
    }

    docx = docx.add_paragraph(heading(1, "Installations"));
    for index in options.installation_indices(report) {
        let Some(installation) = report.installations.get(index) else {
            continue;
        };
        docx = docx.add_paragraph(heading(2, installation.name.trim()));
        if let Some(table) = description_table(report, index) {
            docx = add_table(docx, &table, &mut header_rows);
        }
        docx = docx.add_paragraph(heading(3, "Metrics"));
        if let Some(table) = metric_table(report, index, style) {
            docx = add_table(docx, &table, &mut header_rows);
        }
        if !installation.assessment.trim().is_empty() {
            docx = docx.add_paragraph(heading(3, "Assessment"));
            for line in installation.assessment.lines() {
                docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
            }
        }
    }

    if options.findings_annex && findings.iter().any(|finding| finding.reason.is_some()) {
        docx = docx.add_paragraph(heading(1, "Annex: acknowledged findings"));
        let table = findings_table(findings);
        table_number += 1;
        docx = docx.add_paragraph(caption("Table", table_number, table.caption.as_deref()));
        docx = add_table(docx, &table, &mut header_rows);
    }

    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document, &header_rows)?;
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|error| ExportError::Docx(error.to_string()))?;
    deflate_package(&out.into_inner()).map_err(|error| ExportError::Docx(error.to_string()))
}

/// docx-rs stores the package's parts uncompressed (the M36 document part
/// alone is 250 KB); this writes the same entries again, deflated.
fn deflate_package(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 4)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name()?.into_owned();
        writer.start_file(name, options)?;
        std::io::copy(&mut entry, &mut writer)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// Writes the DOCX document to `path`.
pub fn write_docx(
    path: &std::path::Path,
    report: &Report,
    options: &ExportOptions,
    findings: &[FindingRow],
    figures: &[Figure],
) -> Result<(), ExportError> {
    let bytes = docx_bytes(report, options, findings, figures)?;
    super::write_file(path, &bytes)
}

/// A4 portrait, 2.5 cm margins, Calibri 11 pt, and the styles the
/// document uses.
fn base_document() -> Docx {
    let fonts = RunFonts::new()
        .ascii("Calibri")
        .hi_ansi("Calibri")
        .cs("Calibri")
        .east_asia("Calibri");
    Docx::new()
        .page_size(A4_WIDTH_TWIPS, A4_HEIGHT_TWIPS)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(MARGIN_TWIPS)
                .bottom(MARGIN_TWIPS)
                .left(MARGIN_TWIPS)
                .right(MARGIN_TWIPS),
        )
        .default_fonts(fonts)
        .default_size(22)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(40)
                .bold()
                .line_spacing(LineSpacing::new().after(240)),
        )
        .add_style(heading_style(1, 32))
        .add_style(heading_style(2, 28))
        .add_style(heading_style(3, 24))
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .size(18)
                .bold()
                .color("1F3864")
                .line_spacing(LineSpacing::new().before(120).after(60)),
        )
        .add_style(
            Style::new(TABLE_STYLE, StyleType::Table)
                .name("VA report table")
                .size(TABLE_TEXT_SIZE),
        )
}

fn heading_style(level: usize, size: usize) -> Style {
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .size(size)
        .bold()
        .color("1F3864")
        .outline_lvl(level - 1)
        .line_spacing(LineSpacing::new().before(240).after(80))
}

fn heading(level: usize, text: &str) -> Paragraph {
    Paragraph::new()
        .style(&format!("Heading{level}"))
        .keep_next(true)
        .add_run(Run::new().add_text(text))
}

/// "Table 1 Cumulative ...": the label, a `SEQ` field holding the number
/// (with its current result, so viewers that do not update fields show it),
/// and the text. Kept with the next paragraph (the table or the figure
/// caption's figure).
fn caption(label: &str, number: usize, text: Option<&str>) -> Paragraph {
    let mut paragraph = Paragraph::new()
        .style("Caption")
        .keep_next(label == "Table")
        .add_run(Run::new().add_text(format!("{label} ")))
        .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(
            Run::new().add_instr_text(InstrText::Unsupported(format!(" SEQ {label} \\* ARABIC "))),
        )
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text(number.to_string()))
        .add_run(Run::new().add_field_char(FieldCharType::End, false));
    if let Some(text) = text {
        paragraph = paragraph.add_run(Run::new().add_text(format!(" {text}")));
    }
    paragraph
}

/// A PNG at the full text width, its height kept in proportion.
fn figure_paragraph(png: &[u8], number: usize) -> Result<Paragraph, ExportError> {
    let not_png = || ExportError::Docx(format!("figure {number} is not a readable png image"));
    if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(not_png());
    }
    let (width_px, height_px) =
        image::ImageReader::with_format(Cursor::new(png), image::ImageFormat::Png)
            .into_dimensions()
            .map_err(|_| not_png())?;
    let pic = Pic::new_with_dimensions(png.to_vec(), width_px, height_px);
    let (width_emu, height_emu) = pic.size;
    let target_width = (super::tables::TEXT_WIDTH_CM * EMU_PER_CM) as u32;
    let target_height = if width_emu == 0 {
        target_width / 2
    } else {
        (u64::from(target_width) * u64::from(height_emu) / u64::from(width_emu)) as u32
    };
    Ok(Paragraph::new()
        .align(AlignmentType::Center)
        .keep_next(true)
        .add_run(Run::new().add_image(pic.size(target_width, target_height))))
}

/// Table text in half-points: 9 pt, smaller when narrow columns (many
/// periods) would otherwise break numbers like `11,113,730` over two lines.
fn table_text_size(table: &ExportTable) -> usize {
    let narrowest = table
        .widths_cm
        .iter()
        .copied()
        .fold(f32::INFINITY, f32::min);
    if narrowest >= 1.75 {
        TABLE_TEXT_SIZE
    } else if narrowest >= 1.5 {
        16
    } else {
        14
    }
}

fn twips(cm: f32) -> usize {
    (cm * TWIPS_PER_CM).round() as usize
}

/// Adds `table` and records its header row count (for [`mark_header_rows`]).
fn add_table(docx: Docx, table: &ExportTable, header_rows: &mut Vec<usize>) -> Docx {
    let widths: Vec<usize> = table.widths_cm.iter().map(|&cm| twips(cm)).collect();
    let text_size = table_text_size(table);
    // A short table is kept on one page (each row kept with the next, as
    // Word does it); a long one may break between rows.
    let keep_together = table.rows.len() <= KEEP_TOGETHER_ROWS;
    let last_row = table.rows.len().saturating_sub(1);
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(row_index, row)| {
            let header = row_index < table.header_rows;
            let cells = row
                .iter()
                .zip(&widths)
                .map(|(cell, &width)| {
                    let align = match cell.align {
                        Align::Left => AlignmentType::Left,
                        Align::Right => AlignmentType::Right,
                    };
                    let mut paragraph = Paragraph::new()
                        .align(align)
                        .keep_next(header || (keep_together && row_index < last_row));
                    for (line_index, line) in cell.text.lines().enumerate() {
                        let mut run = Run::new().size(text_size);
                        if line_index > 0 {
                            run = run.add_break(BreakType::TextWrapping);
                        }
                        run = run.add_text(line);
                        if header {
                            run = run.bold();
                        }
                        paragraph = paragraph.add_run(run);
                    }
                    let mut docx_cell = DocxCell::new()
                        .add_paragraph(paragraph)
                        .width(width, WidthType::Dxa)
                        .vertical_align(if header {
                            VAlignType::Bottom
                        } else {
                            VAlignType::Top
                        });
                    if header {
                        docx_cell = docx_cell.shading(Shading::new().fill(HEADER_FILL));
                    }
                    docx_cell
                })
                .collect();
            // A row is never split across pages.
            TableRow::new(cells).cant_split()
        })
        .collect();
    header_rows.push(table.header_rows);
    let total: usize = widths.iter().sum();
    docx.add_table(
        Table::new(rows)
            .style(TABLE_STYLE)
            .set_grid(widths)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(0, CELL_MARGIN_TWIPS, 0, CELL_MARGIN_TWIPS))
            .width(total, WidthType::Dxa),
    )
    .add_paragraph(Paragraph::new())
}

/// Adds `<w:tblHeader/>` to the first `header_rows[n]` rows of the n-th
/// top-level table of a `word/document.xml`, so that the rows repeat on
/// every page and assistive technology reads them as headers.
pub fn mark_header_rows(document: &[u8], header_rows: &[usize]) -> Result<Vec<u8>, ExportError> {
    let mut reader = quick_xml::Reader::from_reader(document);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(document.len() + 1024));
    let mut table_depth = 0usize;
    let mut table_index = 0usize;
    let mut row_index = 0usize;
    let mut buffer = Vec::new();
    let xml_error = |error: &dyn std::fmt::Display| ExportError::Docx(error.to_string());
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|e| xml_error(&e))?;
        let in_header = table_depth == 1
            && table_index
                .checked_sub(1)
                .and_then(|n| header_rows.get(n))
                .is_some_and(|&count| row_index <= count && row_index > 0);
        match event {
            Event::Eof => break,
            Event::Start(ref start) if start.name().as_ref() == b"w:tbl" => {
                table_depth += 1;
                if table_depth == 1 {
                    table_index += 1;
                    row_index = 0;
                }
                writer.write_event(event).map_err(|e| xml_error(&e))?;
            }
            Event::End(ref end) if end.name().as_ref() == b"w:tbl" => {
                table_depth = table_depth.saturating_sub(1);
                writer.write_event(event).map_err(|e| xml_error(&e))?;
            }
            Event::Start(ref start) if start.name().as_ref() == b"w:tr" && table_depth == 1 => {
                row_index += 1;
                writer.write_event(event).map_err(|e| xml_error(&e))?;
            }
            Event::Start(ref start) if start.name().as_ref() == b"w:trPr" && in_header => {
                writer.write_event(event).map_err(|e| xml_error(&e))?;
                writer
                    .write_event(Event::Empty(BytesStart::new("w:tblHeader")))
                    .map_err(|e| xml_error(&e))?;
            }
            Event::Empty(ref empty) if empty.name().as_ref() == b"w:trPr" && in_header => {
                // An empty trPr has no attributes (CT_TrPr has none).
                writer
                    .write_event(Event::Start(BytesStart::new("w:trPr")))
                    .map_err(|e| xml_error(&e))?;
                writer
                    .write_event(Event::Empty(BytesStart::new("w:tblHeader")))
                    .map_err(|e| xml_error(&e))?;
                writer
                    .write_event(Event::End(quick_xml::events::BytesEnd::new("w:trPr")))
                    .map_err(|e| xml_error(&e))?;
            }
            other => writer.write_event(other).map_err(|e| xml_error(&e))?,
        }
        buffer.clear();
    }
    Ok(writer.into_inner())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn header_rows_are_flagged_in_the_tables_that_have_them() {
        let document = br#"<w:document><w:body><w:tbl><w:tr><w:trPr /></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl><w:tbl><w:tr><w:trPr /></w:tr></w:tbl></w:body></w:document>"#;
        let marked = String::from_utf8(mark_header_rows(document, &[1, 0]).unwrap()).unwrap();
        assert_eq!(marked.matches("<w:tblHeader/>").count(), 1, "{marked}");
        assert!(
            marked.starts_with(
                "<w:document><w:body><w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr></w:tr>"
            ),
            "{marked}"
        );
        let both = String::from_utf8(mark_header_rows(document, &[2, 1]).unwrap()).unwrap();
        assert_eq!(both.matches("<w:tblHeader/>").count(), 3, "{both}");
    }

    #[test]
    fn a_figure_that_is_not_a_png_is_an_error_not_a_panic() {
        for bytes in [&b""[..], b"GIF89a", b"\x89PNG\r\n\x1a\n\0\0"] {
            let error = figure_paragraph(bytes, 2).unwrap_err();
            assert_eq!(
                error.to_string(),
                "cannot build the word document: figure 2 is not a readable png image"
            );
        }
    }

    #[test]
    fn many_periods_get_a_smaller_table_text() {
        use crate::model::{NumberStyle, Period};
        let mut report = crate::samples::Sample::M36.report().unwrap();
        let table = metric_table(&report, 0, NumberStyle::Us).unwrap();
        assert_eq!(table_text_size(&table), 18);
        report.periods = (0..6).map(|i| Period::new(i * 6 + 1, i * 6 + 6)).collect();
        let table = metric_table(&report, 0, NumberStyle::Us).unwrap();
        assert_eq!(table_text_size(&table), 14);
        let cumulative = cumulative_table(&report, NumberStyle::Us);
        assert_eq!(table_text_size(&cumulative), 18);
    }

    #[test]
    fn captions_carry_a_seq_field_with_its_result() {
        let xml =
            String::from_utf8(docx_rs::BuildXML::build(&caption("Table", 3, Some("Use")))).unwrap();
        assert!(xml.contains("SEQ Table \\* ARABIC"), "{xml}");
        assert!(xml.contains(">3</w:t>"), "{xml}");
        assert!(xml.contains("w:fldCharType=\"begin\""), "{xml}");
    }
}

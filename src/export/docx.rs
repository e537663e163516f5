//! The Word deliverable as a DOCX package, WordprocessingML written
//! directly (see ARCHITECTURE.md for why not docx-rs).
//!
//! The body: the report's title, its prose sections before the analysis,
//! the analysis heading with Table 1 (cumulative consumption, its caption a
//! `SEQ Table` field as Word's "Insert caption" makes it) and the figures,
//! then per installation its heading, description table, metrics table and
//! assessment (lines starting with a bullet become list paragraphs), the
//! remaining sections, and the findings annex.
//!
//! Every table uses the "VA report table" style, based on the built-in
//! "Table Grid", so that a template restyles all of them at once; the only
//! direct properties are the column widths, header-row repeat, right
//! alignment of numbers and, where many periods make columns narrow, a
//! smaller text size. Styles are looked up by name in the package the body
//! goes into ([`super::docx_package`]): the built-in skeleton or the user's
//! template, whose page size, margins, headers, footers, numbering and
//! theme the document takes.

use std::fmt::Write as _;
use std::io::Cursor;

use super::ExportError;
use super::ExportOptions;
use super::docx_package::{Package, StyleIds};
use super::tables::{
    Align, ExportTable, FindingRow, TableKind, cumulative_table, description_table, findings_table,
    metric_table,
};
use crate::model::{Report, SectionKind};

/// EMU (drawing units) per centimetre.
const EMU_PER_CM: f32 = 360_000.0;
/// Table text size in half-points (9 pt), as the table style sets it.
pub const TABLE_TEXT_SIZE: usize = 18;
/// Tables with at most this many rows are kept on one page.
const KEEP_TOGETHER_ROWS: usize = 20;
/// The table style every exported table uses (its name; the id is looked up).
pub const TABLE_STYLE_NAME: &str = "VA report table";

/// A figure to embed: PNG bytes and its caption without the number.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub caption: String,
    pub png: Vec<u8>,
}

/// The DOCX document of `report` as bytes, in the built-in skeleton or,
/// when `options.template` names one, in that template.
pub fn docx_bytes(
    report: &Report,
    options: &ExportOptions,
    findings: &[FindingRow],
    figures: &[Figure],
) -> Result<Vec<u8>, ExportError> {
    let template = match &options.template {
        Some(path) => Some(std::fs::read(path).map_err(|source| ExportError::Template {
            path: path.clone(),
            reason: source.to_string(),
        })?),
        None => None,
    };
    docx_bytes_in(report, options, findings, figures, template.as_deref())
}

/// Like [`docx_bytes`], with the template's bytes given (None: the
/// built-in skeleton).
pub fn docx_bytes_in(
    report: &Report,
    options: &ExportOptions,
    findings: &[FindingRow],
    figures: &[Figure],
    template: Option<&[u8]>,
) -> Result<Vec<u8>, ExportError> {
    let mut package = match template {
        Some(bytes) => Package::from_template(bytes).map_err(|reason| ExportError::Template {
            path: options.template.clone().unwrap_or_default(),
            reason,
        })?,
        None => Package::skeleton(),
    };
    let styles = package.prepare_styles();
    let text_width_twips = package.text_width_twips();
    let mut images = Vec::new();
    for (index, figure) in figures.iter().enumerate().filter(|_| options.embed_figures) {
        let (width, height) = png_size(&figure.png, index + 1)?;
        images.push(package.add_image(&figure.png, width, height));
    }
    let body = body_xml(
        report,
        options,
        findings,
        figures,
        &images,
        &styles,
        text_width_twips,
    );
    package.set_body(&body);
    package.set_core_properties(&CoreProperties {
        title: report.title.trim().to_owned(),
        subject: report.project.trim().to_owned(),
        author: options.author.trim().to_owned(),
        identifier: report.deliverable_id.trim().to_owned(),
        created_utc: now_w3cdtf(),
    });
    package
        .to_bytes()
        .map_err(|error| ExportError::Docx(error.to_string()))
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

/// The document's properties (`docProps/core.xml`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CoreProperties {
    pub title: String,
    pub subject: String,
    pub author: String,
    pub identifier: String,
    /// `2025-09-30T12:00:00Z`
    pub created_utc: String,
}

/// An embedded image: its relationship id, pixel size and drawing number.
#[derive(Clone, Debug)]
pub struct ImageRef {
    pub relationship: String,
    pub width_px: u32,
    pub height_px: u32,
    pub id: usize,
}

fn png_size(png: &[u8], number: usize) -> Result<(u32, u32), ExportError> {
    let not_png = || ExportError::Docx(format!("figure {number} is not a readable png image"));
    if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(not_png());
    }
    image::ImageReader::with_format(Cursor::new(png), image::ImageFormat::Png)
        .into_dimensions()
        .map_err(|_| not_png())
}

/// The children of `w:body` without the final `w:sectPr`.
fn body_xml(
    report: &Report,
    options: &ExportOptions,
    findings: &[FindingRow],
    figures: &[Figure],
    images: &[ImageRef],
    styles: &StyleIds,
    text_width_twips: u32,
) -> String {
    let style = options.number_style;
    let mut out = String::with_capacity(256 * 1024);
    let mut table_number = 0;
    let writer = BodyWriter {
        styles,
        text_width_twips,
    };

    if !report.title.trim().is_empty() {
        writer.paragraph(&mut out, Some(&styles.title), report.title.trim());
    }
    let analysis_index = report
        .sections
        .iter()
        .position(|section| section.kind == SectionKind::Analysis);
    let (before, after) = match analysis_index {
        Some(index) => report.sections.split_at(index),
        None => report.sections.split_at(
            report
                .sections
                .iter()
                .position(|section| section.kind == SectionKind::Conclusion)
                .unwrap_or(report.sections.len()),
        ),
    };
    for section in before {
        writer.section(&mut out, &section.title, &section.text);
    }
    let (analysis_title, analysis_text, after) = match (analysis_index, after.split_first()) {
        (Some(_), Some((analysis, rest))) => (
            analysis.title.trim().to_owned(),
            analysis.text.as_str(),
            rest,
        ),
        _ => (String::new(), "", after),
    };
    let analysis_title = if analysis_title.is_empty() {
        "Resource consumption".to_owned()
    } else {
        analysis_title
    };
    writer.heading(&mut out, 1, &analysis_title);
    writer.text_block(&mut out, analysis_text);

    let cumulative = cumulative_table(report, style);
    table_number += 1;
    debug_assert_eq!(table_number, super::tables::CUMULATIVE_TABLE_NUMBER);
    writer.caption(
        &mut out,
        "Table",
        table_number,
        cumulative.caption.as_deref(),
    );
    writer.table(&mut out, &cumulative);
    for ((number, figure), image) in figures.iter().enumerate().zip(images) {
        writer.figure(&mut out, image);
        writer.caption(&mut out, "Figure", number + 1, Some(&figure.caption));
    }

    writer.heading(&mut out, 1, "Installations");
    for index in options.installation_indices(report) {
        let Some(installation) = report.installations.get(index) else {
            continue;
        };
        writer.heading(&mut out, 2, installation.name.trim());
        if let Some(table) = description_table(report, index) {
            writer.table(&mut out, &table);
        }
        writer.heading(&mut out, 3, "Metrics");
        if let Some(table) = metric_table(report, index, style) {
            writer.table(&mut out, &table);
        }
        if !installation.assessment.trim().is_empty() {
            writer.heading(&mut out, 3, "Assessment");
            writer.text_block(&mut out, &installation.assessment);
        }
    }
    for section in after {
        writer.section(&mut out, &section.title, &section.text);
    }

    if options.findings_annex && findings.iter().any(|finding| finding.reason.is_some()) {
        writer.heading(&mut out, 1, "Annex: acknowledged findings");
        let table = findings_table(findings);
        table_number += 1;
        writer.caption(&mut out, "Table", table_number, table.caption.as_deref());
        writer.table(&mut out, &table);
    }
    out
}

/// Text made safe for XML 1.0 character data and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A line that is a list item: "· text", "• text", "- text", "* text".
pub fn bullet_text(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    ["· ", "• ", "- ", "* ", "– "]
        .iter()
        .find_map(|bullet| trimmed.strip_prefix(bullet))
        .map(str::trim)
}

struct BodyWriter<'a> {
    styles: &'a StyleIds,
    text_width_twips: u32,
}

impl BodyWriter<'_> {
    fn paragraph(&self, out: &mut String, style: Option<&str>, text: &str) {
        out.push_str("<w:p>");
        if let Some(style) = style {
            let _ = write!(
                out,
                "<w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>",
                escape(style)
            );
        }
        run(out, text, None);
        out.push_str("</w:p>");
    }

    fn heading(&self, out: &mut String, level: usize, text: &str) {
        let id = self
            .styles
            .headings
            .get(level.saturating_sub(1))
            .map_or("Heading1", String::as_str);
        let _ = write!(
            out,
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:keepNext/></w:pPr>",
            escape(id)
        );
        run(out, text, None);
        out.push_str("</w:p>");
    }

    /// Prose: a paragraph per line, blank lines skipped, bulleted lines as
    /// list paragraphs.
    fn text_block(&self, out: &mut String, text: &str) {
        for line in text.lines() {
            if line.trim().is_empty() {
                continue;
            }
            match bullet_text(line) {
                Some(item) => self.paragraph(out, Some(&self.styles.list_bullet), item),
                None => self.paragraph(out, None, line.trim_end()),
            }
        }
    }

    fn section(&self, out: &mut String, title: &str, text: &str) {
        if title.trim().is_empty() && text.trim().is_empty() {
            return;
        }
        if !title.trim().is_empty() {
            self.heading(out, 1, title.trim());
        }
        self.text_block(out, text);
    }

    /// "Table 1 Cumulative ...": the label, a `SEQ` field holding the
    /// number (with its current result, so viewers that do not update
    /// fields show it), and the text.
    fn caption(&self, out: &mut String, label: &str, number: usize, text: Option<&str>) {
        let _ = write!(
            out,
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/>{}</w:pPr>",
            escape(&self.styles.caption),
            if label == "Table" {
                "<w:keepNext/>"
            } else {
                ""
            }
        );
        run(out, &format!("{label} "), None);
        out.push_str("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>");
        let _ = write!(
            out,
            "<w:r><w:instrText xml:space=\"preserve\"> SEQ {label} \\* ARABIC </w:instrText></w:r>"
        );
        out.push_str("<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
        run(out, &number.to_string(), None);
        out.push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
        if let Some(text) = text {
            run(out, &format!(" {text}"), None);
        }
        out.push_str("</w:p>");
    }

    /// A PNG at the full text width, its height kept in proportion.
    fn figure(&self, out: &mut String, image: &ImageRef) {
        let width = (self.text_width_twips as f32 / 566.93 * EMU_PER_CM) as u64;
        let height = if image.width_px == 0 {
            width / 2
        } else {
            width * u64::from(image.height_px) / u64::from(image.width_px)
        };
        let id = image.id;
        let rel = escape(&image.relationship);
        let _ = write!(
            out,
            "<w:p><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>\
<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
<wp:extent cx=\"{width}\" cy=\"{height}\"/><wp:docPr id=\"{id}\" name=\"Figure {id}\"/>\
<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"figure-{id}.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{rel}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{width}\" cy=\"{height}\"/></a:xfrm>\
<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        );
    }

    fn table(&self, out: &mut String, table: &ExportTable) {
        if table.rows.is_empty() || table.widths_cm.is_empty() {
            return;
        }
        // The table model's widths add up to 16 cm; the page may be wider
        // or narrower.
        let total_cm: f32 = table.widths_cm.iter().sum();
        let scale = if total_cm > 0.0 {
            self.text_width_twips as f32 / total_cm
        } else {
            0.0
        };
        let widths: Vec<u32> = table
            .widths_cm
            .iter()
            .map(|cm| (cm * scale).round() as u32)
            .collect();
        let total: u32 = widths.iter().sum();
        let text_size = table_text_size(table, scale / 566.93);
        let first_column = matches!(table.kind, TableKind::Description(_));
        let _ = write!(
            out,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"{total}\" w:type=\"dxa\"/>\
<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"{}\" w:firstRow=\"{}\" w:lastRow=\"0\" \
w:firstColumn=\"{}\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
            escape(&self.styles.table),
            tbl_look(table.header_rows > 0, first_column),
            u8::from(table.header_rows > 0),
            u8::from(first_column),
        );
        for width in &widths {
            let _ = write!(out, "<w:gridCol w:w=\"{width}\"/>");
        }
        out.push_str("</w:tblGrid>");
        // A short table is kept on one page (each row kept with the next,
        // as Word does it); a long one may break between rows.
        let keep_together = table.rows.len() <= KEEP_TOGETHER_ROWS;
        let last_row = table.rows.len().saturating_sub(1);
        for (row_index, row) in table.rows.iter().enumerate() {
            let header = row_index < table.header_rows;
            out.push_str("<w:tr><w:trPr><w:cantSplit/>");
            if header {
                out.push_str("<w:tblHeader/>");
            }
            out.push_str("</w:trPr>");
            let keep_next = header || (keep_together && row_index < last_row);
            for (cell, width) in row.iter().zip(&widths) {
                let _ = write!(
                    out,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p>"
                );
                let right = cell.align == Align::Right;
                if keep_next || right {
                    out.push_str("<w:pPr>");
                    if keep_next {
                        out.push_str("<w:keepNext/>");
                    }
                    if right {
                        out.push_str("<w:jc w:val=\"right\"/>");
                    }
                    out.push_str("</w:pPr>");
                }
                let size = (text_size != TABLE_TEXT_SIZE).then_some(text_size);
                multi_line_run(out, &cell.text, size);
                out.push_str("</w:p></w:tc>");
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
        // Word needs a paragraph between two tables, or it joins them.
        out.push_str("<w:p/>");
    }
}

/// `w:tblLook`'s legacy bit mask: 0x20 first row, 0x80 first column, 0x200
/// no horizontal banding, 0x400 no vertical banding.
fn tbl_look(first_row: bool, first_column: bool) -> String {
    let mut value = 0x600;
    if first_row {
        value |= 0x20;
    }
    if first_column {
        value |= 0x80;
    }
    format!("{value:04X}")
}

/// One run of text (`xml:space="preserve"` keeps edge spaces).
fn run(out: &mut String, text: &str, size: Option<usize>) {
    out.push_str("<w:r>");
    run_properties(out, size);
    let _ = write!(
        out,
        "<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    );
}

fn run_properties(out: &mut String, size: Option<usize>) {
    if let Some(size) = size {
        let _ = write!(
            out,
            "<w:rPr><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr>"
        );
    }
}

/// A cell's text as one run, its lines separated by line breaks.
fn multi_line_run(out: &mut String, text: &str, size: Option<usize>) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    run_properties(out, size);
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.push_str("<w:br/>");
        }
        let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", escape(line));
    }
    out.push_str("</w:r>");
}

/// Table text in half-points: 9 pt, smaller when narrow columns (many
/// periods) would otherwise break numbers like `11,113,730` over two lines.
/// `scale` is the page's text width over the 16 cm the widths assume.
fn table_text_size(table: &ExportTable, scale: f32) -> usize {
    let narrowest = table
        .widths_cm
        .iter()
        .map(|cm| cm * scale)
        .fold(f32::INFINITY, f32::min);
    if narrowest >= 1.75 {
        TABLE_TEXT_SIZE
    } else if narrowest >= 1.5 {
        16
    } else {
        14
    }
}

/// The current time as W3C date-time in UTC (`2025-09-30T12:00:00Z`).
fn now_w3cdtf() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |duration| duration.as_secs());
    w3cdtf(seconds)
}

/// Seconds since 1970 as W3C date-time in UTC (Howard Hinnant's
/// days-to-civil algorithm).
pub fn w3cdtf(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let in_day = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn a_figure_that_is_not_a_png_is_an_error_not_a_panic() {
        for bytes in [&b""[..], b"GIF89a", b"\x89PNG\r\n\x1a\n\0\0"] {
            let error = png_size(bytes, 2).unwrap_err();
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
        assert_eq!(table_text_size(&table, 1.0), 18);
        report.periods = (0..6).map(|i| Period::new(i * 6 + 1, i * 6 + 6)).collect();
        let table = metric_table(&report, 0, NumberStyle::Us).unwrap();
        assert_eq!(table_text_size(&table, 1.0), 14);
        let cumulative = cumulative_table(&report, NumberStyle::Us);
        assert_eq!(table_text_size(&cumulative, 1.0), 18);
    }

    #[test]
    fn dates_are_written_in_utc() {
        assert_eq!(w3cdtf(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3cdtf(1_759_233_600), "2025-09-30T12:00:00Z");
        assert_eq!(w3cdtf(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn bullets_are_recognised() {
        assert_eq!(bullet_text("· Storage grew"), Some("Storage grew"));
        assert_eq!(bullet_text("  - item"), Some("item"));
        assert_eq!(bullet_text("-5 users"), None);
    }
}

//! A table as text for the clipboard: HTML (pastes into Word or Writer as a
//! real table, alignment, header row and widths kept) and TSV (pastes into
//! a spreadsheet, one cell per cell).

use quick_xml::escape::escape;

use super::tables::{Align, ExportTable, numbered_caption};

const CELL_FONT: &str = "font-family:Calibri,Carlito,Arial,sans-serif;font-size:9pt";

/// The table as an HTML fragment: `<table>` with a `<thead>` for the header
/// rows, right-aligned numbers, column widths in centimetres and the
/// caption the deliverable gives the table, numbered ("Table 1 ...").
pub fn table_html(table: &ExportTable) -> String {
    let mut html = String::with_capacity(table.rows.len() * table.column_count() * 48 + 256);
    html.push_str(
        "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" \
         style=\"border-collapse:collapse;font-family:Calibri,Arial,sans-serif;font-size:9pt\">",
    );
    if let Some(caption) = numbered_caption(table) {
        html.push_str("<caption style=\"text-align:left;font-weight:bold\">");
        html.push_str(&escape(caption.as_str()));
        html.push_str("</caption>");
    }
    html.push_str("<colgroup>");
    for width in &table.widths_cm {
        html.push_str(&format!("<col style=\"width:{width:.2}cm\">"));
    }
    html.push_str("</colgroup>");
    for (index, row) in table.rows.iter().enumerate() {
        let header = index < table.header_rows;
        if index == 0 && header {
            html.push_str("<thead>");
        }
        if index == table.header_rows {
            html.push_str("<tbody>");
        }
        html.push_str("<tr>");
        let tag = if header { "th" } else { "td" };
        for (column, cell) in row.iter().enumerate() {
            let align = match cell.align {
                Align::Left => "left",
                Align::Right => "right",
            };
            let shading = if header { ";background:#D9E2F3" } else { "" };
            // Writer takes widths from the first row's cells, not <col>,
            // and fonts only from the cells themselves.
            let width = match (index, table.widths_cm.get(column)) {
                (0, Some(width)) => format!(";width:{width:.2}cm"),
                _ => String::new(),
            };
            html.push_str(&format!(
                "<{tag} valign=\"top\" style=\"text-align:{align};vertical-align:top{shading}{width};{CELL_FONT}\">"
            ));
            let lines: Vec<String> = cell.text.lines().map(|l| escape(l).into_owned()).collect();
            html.push_str(&lines.join("<br>"));
            html.push_str(&format!("</{tag}>"));
        }
        html.push_str("</tr>");
        if header && index + 1 == table.header_rows {
            html.push_str("</thead>");
        }
    }
    if table.rows.len() > table.header_rows {
        html.push_str("</tbody>");
    }
    html.push_str("</table>");
    html
}

/// The table as tab-separated values: the deliverable's numbered caption
/// on the first line when the table has one, then one line per row; a cell
/// holding a tab, a line break or a quote is quoted as spreadsheets expect.
pub fn table_tsv(table: &ExportTable) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .from_writer(Vec::new());
    if let Some(caption) = numbered_caption(table) {
        // Writing into a Vec cannot fail.
        let _ = writer.write_record([caption.as_str()]);
    }
    for row in &table.rows {
        // Writing into a Vec cannot fail.
        let _ = writer.write_record(row.iter().map(|cell| cell.text.as_str()));
    }
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::export::tables::{cumulative_table, description_table, metric_table};
    use crate::model::NumberStyle;
    use crate::samples::Sample;

    #[test]
    fn html_has_a_header_right_aligned_numbers_and_escaped_text() {
        let report = Sample::M36.report().unwrap();
        let table = metric_table(&report, 0, NumberStyle::Us).unwrap();
        let html = table_html(&table);
        assert!(html.starts_with("<table"), "{html}");
        assert!(
            html.contains("<thead><tr><th valign=\"top\" style=\"text-align:left"),
            "{html}"
        );
        assert!(html.contains(">Metric name</th>"), "{html}");
        assert!(
            html.contains(
                "text-align:right;vertical-align:top;font-family:Calibri,Carlito,Arial,sans-serif;font-size:9pt\">2,801,047</td>"
            ),
            "{html}"
        );
        assert!(html.contains(";width:1.92cm;"), "{html}");
        assert_eq!(html.matches("<tr>").count(), table.rows.len());
        let cumulative = table_html(&cumulative_table(&report, NumberStyle::Us));
        assert!(
            cumulative.contains(
                ">Table 1 Cumulative resource consumption during project lifetime</caption>"
            ),
            "{cumulative}"
        );
        assert!(
            !html.contains("<caption"),
            "an installation's table has none"
        );
        let mut description = description_table(&report, 0).unwrap();
        description.rows[0][1].text = "a < b & c\nnext".to_owned();
        let html = table_html(&description);
        assert!(html.contains("a &lt; b &amp; c<br>next"), "{html}");
        assert!(!html.contains("<thead>"), "{html}");
    }

    #[test]
    fn tsv_has_one_line_per_row_and_quotes_cells_with_breaks() {
        let report = Sample::M36.report().unwrap();
        let table = metric_table(&report, 0, NumberStyle::Us).unwrap();
        let tsv = table_tsv(&table);
        let first = tsv.lines().next().unwrap();
        assert_eq!(first.split('\t').count(), 7);
        assert!(tsv.contains("ML training cycles (CPU+GPU-hours)\t4,000,000\tlogs\t554,136"));
        let cumulative = table_tsv(&cumulative_table(&report, NumberStyle::Us));
        let mut lines = cumulative.lines();
        assert_eq!(
            lines.next(),
            Some("Table 1 Cumulative resource consumption during project lifetime")
        );
        assert!(lines.next().unwrap().starts_with("UNIT\tTOTAL BUDGETED"));
        let description = table_tsv(&description_table(&report, 0).unwrap());
        assert!(
            description.contains("Modality of access\t\"API and Web GUI-based access (M1-M36)\n")
        );
    }
}

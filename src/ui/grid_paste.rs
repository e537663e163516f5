//! A block of cells copied from a spreadsheet (tab-separated text) pasted
//! into a metrics table from the selected cell: one edit, one undo step.

use super::metric_grid::{GridColumn, grid_edit};
use crate::edit::Edit;
use crate::model::Report;

/// Whether pasted text is a block of cells rather than text for one cell.
pub fn is_cell_block(text: &str) -> bool {
    text.trim_end_matches(['\r', '\n']).contains(['\t', '\n'])
}

/// The rows and cells of tab-separated text as spreadsheets put it on the
/// clipboard: quoted cells may hold tabs, line breaks and doubled quotes;
/// the final line break is not an empty row.
pub fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .map(|record| record.iter().map(str::to_owned).collect())
        .collect()
}

/// The edit that fills the block of `tsv` into the metrics table of
/// `installation`, its top-left cell at (`row`, `column`) of the grid
/// (columns as the grid shows them: name, baseline, method, periods, TOT).
/// Cells that fall outside the table are left out; texts are kept exactly
/// as copied, so they read as if typed. None when nothing lands in the table.
pub fn paste_edits(
    report: &Report,
    installation: usize,
    row: usize,
    column: usize,
    tsv: &str,
) -> Option<Edit> {
    let metric_count = report.installations.get(installation)?.metrics.len();
    let columns = GridColumn::all(report.periods.len());
    let block = parse_tsv(tsv);
    let mut edits = Vec::new();
    let mut rows_used = 0;
    let mut columns_used = 0;
    for (row_offset, cells) in block.iter().enumerate() {
        let metric = row + row_offset;
        if metric >= metric_count {
            break;
        }
        rows_used = row_offset + 1;
        for (column_offset, text) in cells.iter().enumerate() {
            let Some(&grid_column) = columns.get(column + column_offset) else {
                break;
            };
            columns_used = columns_used.max(column_offset + 1);
            edits.push(grid_edit(installation, metric, grid_column, text.clone()));
        }
    }
    if edits.is_empty() {
        return None;
    }
    let label = if edits.len() == 1 {
        "paste 1 cell".to_owned()
    } else {
        format!("paste {rows_used} x {columns_used} cells")
    };
    Some(Edit::Batch { label, edits })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::edit::Document;
    use crate::model::{CellAddress, MetricColumn};
    use crate::samples::Sample;

    fn sample() -> Report {
        Sample::M36.report().unwrap()
    }

    #[test]
    fn blocks_are_told_from_single_cells() {
        assert!(is_cell_block("1\t2"));
        assert!(is_cell_block("1\n2\n"));
        assert!(!is_cell_block("1,234"));
        assert!(!is_cell_block("1,234\r\n"));
    }

    #[test]
    fn tsv_from_spreadsheets_is_read_with_quotes_and_line_ends() {
        assert_eq!(
            parse_tsv("a\tb\r\n\"two\nlines\"\t\"say \"\"hi\"\"\"\r\n"),
            [vec!["a", "b"], vec!["two\nlines", "say \"hi\""]]
        );
        assert_eq!(parse_tsv("1\t\t3\n"), [vec!["1", "", "3"]]);
    }

    #[test]
    fn a_block_fills_from_the_selected_cell_as_one_undo_step() {
        let report = sample();
        let incd_cpu = 5;
        // From metric 0, column M1-M12 (grid column 3): two rows, three cells.
        let edit = paste_edits(&report, incd_cpu, 0, 3, "1,000\t2.000\t3000\n4\t5\t6\n").unwrap();
        let Edit::Batch { label, edits } = &edit else {
            panic!("{edit:?}");
        };
        assert_eq!(label, "paste 2 x 3 cells");
        assert_eq!(edits.len(), 6);
        assert_eq!(
            edits[2],
            Edit::SetCell {
                address: CellAddress::Metric {
                    installation: incd_cpu,
                    metric: 0,
                    column: MetricColumn::Period(2),
                },
                text: "3000".to_owned(),
            }
        );

        let mut document = Document::new(report.clone());
        document.apply(edit).unwrap();
        let metric = &document.report().installations[incd_cpu].metrics[0];
        assert_eq!(metric.values[0].text(), "1,000");
        // The sample writes decimal points: "2.000" is two.
        assert_eq!(metric.values[1].value().number(), Some(2.0));
        assert_eq!(metric.values[2].value().number(), Some(3000.0));
        assert_eq!(
            metric.total,
            report.installations[incd_cpu].metrics[0].total
        );
        document.undo();
        assert_eq!(document.report(), &report);
    }

    #[test]
    fn cells_outside_the_table_are_left_out_and_text_columns_take_text() {
        let report = sample();
        let metrics = report.installations[5].metrics.len();
        let last = metrics - 1;
        let edit = paste_edits(
            &report,
            5,
            last,
            0,
            "Renamed\t7\tlogs\t1\t2\t3\t4\t5\t6\nx\ty\n",
        )
        .unwrap();
        let Edit::Batch { label, edits } = &edit else {
            panic!("{edit:?}");
        };
        // One row fits, seven columns (name, baseline, method, 3 periods, TOT).
        assert_eq!(label, "paste 1 x 7 cells");
        assert_eq!(edits.len(), 7);
        assert!(matches!(edits[0], Edit::SetText { .. }));
        assert!(paste_edits(&report, 5, 0, 7, "1\t2").is_none());
        assert!(paste_edits(&report, 99, 0, 0, "1\t2").is_none());
    }
}

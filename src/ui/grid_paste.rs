//! A block of cells copied from a spreadsheet (tab-separated text) pasted
//! into a metrics table from the selected cell: one edit, one undo step.

use super::metric_grid::{GridColumn, grid_edit};
use crate::edit::Edit;
use crate::model::new_report::next_period;
use crate::model::{Metric, Report};

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

/// How a pasted block meets the table: the metric rows it adds below the
/// last one, and the columns it reaches past TOT (period columns to add,
/// only when the user agrees).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PasteFit {
    pub new_rows: usize,
    pub extra_columns: usize,
}

/// How the block of `tsv` pasted at (`row`, `column`) of installation
/// `installation`'s grid fits; None when there is no such installation or
/// the block is empty.
pub fn paste_fit(
    report: &Report,
    installation: usize,
    row: usize,
    column: usize,
    tsv: &str,
) -> Option<PasteFit> {
    let metric_count = report.installations.get(installation)?.metrics.len();
    let block = parse_tsv(tsv);
    let width = block.iter().map(Vec::len).max()?;
    if width == 0 {
        return None;
    }
    let grid_width = GridColumn::all(report.periods.len()).len();
    Some(PasteFit {
        new_rows: (row.min(metric_count) + block.len()).saturating_sub(metric_count),
        extra_columns: (column + width).saturating_sub(grid_width),
    })
}

/// The edit that fills the block of `tsv` into the metrics table of
/// `installation`, its top-left cell at (`row`, `column`) of the grid
/// (columns as the grid shows them: name, baseline, method, periods, TOT).
/// Rows past the last metric become new metrics, whose TOT follows their
/// periods unless the block writes it; with `add_periods`, period columns
/// are added until the block fits, else cells past TOT are left out. Texts
/// are kept exactly as copied, so they read as if typed. One undo step;
/// None when nothing lands in the table.
pub fn paste_edits(
    report: &Report,
    installation: usize,
    row: usize,
    column: usize,
    tsv: &str,
    add_periods: bool,
) -> Option<Edit> {
    let target = report.installations.get(installation)?;
    let fit = paste_fit(report, installation, row, column, tsv)?;
    let row = row.min(target.metrics.len());
    let block = parse_tsv(tsv);
    let mut edits = Vec::new();

    let mut periods = report.periods.clone();
    if add_periods {
        for _ in 0..fit.extra_columns {
            let period = next_period(&periods);
            edits.push(Edit::InsertPeriod {
                index: periods.len(),
                period: period.clone(),
                values: Vec::new(),
            });
            periods.push(period);
        }
    }
    let columns = GridColumn::all(periods.len());
    let block_columns = |cells: &Vec<String>| {
        (0..cells.len())
            .filter_map(|offset| columns.get(column + offset).copied())
            .collect::<Vec<_>>()
    };
    let names_rows = column == 0;
    for index in target.metrics.len()..row + block.len() {
        let mut metric = Metric::new(if names_rows { "" } else { "New metric" }, periods.len());
        // A new row's TOT follows its periods, unless the block types it.
        let writes_total = block
            .get(index - row)
            .is_some_and(|cells| block_columns(cells).contains(&GridColumn::Total));
        metric.total_follows = !writes_total;
        edits.push(Edit::InsertMetric {
            installation,
            index,
            metric: Box::new(metric),
        });
    }
    let mut cells_written = 0;
    for (row_offset, cells) in block.iter().enumerate() {
        let metric = row + row_offset;
        let follows = target.metrics.get(metric).is_some_and(|m| m.total_follows);
        for (text, grid_column) in cells.iter().zip(block_columns(cells)) {
            if grid_column == GridColumn::Total && follows {
                // A TOT pasted over a computed one is typed from now on.
                edits.push(Edit::SetTotalFollows {
                    installation,
                    metric,
                    follows: false,
                    total: None,
                });
            }
            edits.push(grid_edit(installation, metric, grid_column, text.clone()));
            cells_written += 1;
        }
    }
    if cells_written == 0 {
        return None;
    }
    let width = block
        .iter()
        .map(|cells| block_columns(cells).len())
        .max()
        .unwrap_or(0);
    let mut label = if cells_written == 1 {
        "paste 1 cell".to_owned()
    } else {
        format!("paste {} x {width} cells", block.len())
    };
    if fit.new_rows > 0 {
        let plural = if fit.new_rows == 1 { "" } else { "s" };
        label.push_str(&format!(", {} new row{plural}", fit.new_rows));
    }
    if add_periods && fit.extra_columns > 0 {
        let plural = if fit.extra_columns == 1 { "" } else { "s" };
        label.push_str(&format!(", {} new period{plural}", fit.extra_columns));
    }
    Some(Edit::Batch { label, edits })
}

/// A paste that reaches past TOT, waiting for the user to say whether
/// period columns may be added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingPaste {
    pub installation: usize,
    pub row: usize,
    pub column: usize,
    pub text: String,
    pub extra_columns: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasteAnswer {
    AddPeriods,
    WithoutThem,
    Cancel,
}

/// Asks whether a block wider than the table may add period columns.
pub fn paste_question_ui(ctx: &egui::Context, pending: &PendingPaste) -> Option<PasteAnswer> {
    let mut answer = None;
    let count = pending.extra_columns;
    let plural = if count == 1 { "" } else { "s" };
    egui::Modal::new(egui::Id::unique("paste-question")).show(ctx, |ui| {
        ui.heading("The pasted cells are wider than the table");
        ui.label(format!(
            "{count} column{plural} of the block fall past TOT. Add {count} period column{plural} to the report (every installation gets {}), or paste only what fits?",
            if count == 1 { "it" } else { "them" }
        ));
        ui.horizontal(|ui| {
            if ui.button(format!("Add {count} period column{plural}")).clicked() {
                answer = Some(PasteAnswer::AddPeriods);
            }
            if ui.button("Paste what fits").clicked() {
                answer = Some(PasteAnswer::WithoutThem);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(PasteAnswer::Cancel);
            }
        });
    });
    answer
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
        let edit = paste_edits(
            &report,
            incd_cpu,
            0,
            3,
            "1,000\t2.000\t3000\n4\t5\t6\n",
            false,
        )
        .unwrap();
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
    fn rows_past_the_end_become_metrics_and_columns_past_tot_wait_to_be_asked() {
        let report = sample();
        let metrics = report.installations[5].metrics.len();
        let last = metrics - 1;
        let tsv = "Renamed\t7\tlogs\t1\t2\t3\t4\t5\t6\nJobs run\t\t\t1\t2\n";
        assert_eq!(
            paste_fit(&report, 5, last, 0, tsv),
            Some(PasteFit {
                new_rows: 1,
                extra_columns: 2
            })
        );
        let edit = paste_edits(&report, 5, last, 0, tsv, false).unwrap();
        let Edit::Batch { label, edits } = &edit else {
            panic!("{edit:?}");
        };
        // Seven columns fit (name, baseline, method, 3 periods, TOT).
        assert_eq!(label, "paste 2 x 7 cells, 1 new row");
        assert!(matches!(edits[0], Edit::InsertMetric { index, .. } if index == metrics));
        assert!(matches!(edits[1], Edit::SetText { .. }));
        let mut document = Document::new(report.clone());
        document.apply(edit).unwrap();
        let added = &document.report().installations[5].metrics[metrics];
        assert_eq!(added.name, "Jobs run");
        assert!(added.total_follows);
        assert_eq!(added.total.text(), "3");
        assert_eq!(document.undo_label(), Some("paste 2 x 7 cells, 1 new row"));
        document.undo();
        assert_eq!(document.report(), &report);

        // With the user's yes, two period columns are added first.
        let edit = paste_edits(&report, 5, last, 0, tsv, true).unwrap();
        let mut document = Document::new(report.clone());
        document.apply(edit).unwrap();
        let grown = document.report();
        assert_eq!(grown.periods.len(), report.periods.len() + 2);
        let renamed = &grown.installations[5].metrics[last];
        assert_eq!(renamed.values[4].text(), "5");
        assert_eq!(renamed.total.text(), "6");
        assert!(!renamed.total_follows);
        document.undo();
        assert_eq!(document.report(), &report);

        assert!(paste_edits(&report, 5, 0, 7, "1\t2", false).is_none());
        assert!(paste_edits(&report, 99, 0, 0, "1\t2", false).is_none());
    }
}

//! The layouts providers send, one file each, behind one trait. A layout
//! looks at a row of a grid and says whether it heads a table of its kind;
//! the table then reads the rows below it. [`LAYOUTS`] lists them in the
//! order they are tried: a new layout is one file and one line here.

mod installation_rows;
mod month_columns;
mod records;
mod report_table;
mod stacked;
mod wide;

use super::read::Row;
use super::recognise::{Context, GridResult};

/// One way of laying out figures in a sheet.
pub trait Layout: Sync {
    /// What the per-file account calls it: `report table`, `records`.
    fn name(&self) -> &'static str;

    /// The table headed by row `position` of `context.grid`, when that row
    /// is a header of this layout. A layout may look at the rows below.
    fn header(&self, context: &Context<'_>, position: usize) -> Option<Box<dyn Table>>;
}

/// A table found by a layout, ready to read its rows.
pub trait Table {
    /// The columns it reads: numbers in other columns are listed as values
    /// outside any table.
    fn columns(&self) -> Vec<u32>;

    /// True when every row below the header is this table's (records):
    /// no other header is looked for further down.
    fn takes_rest_of_sheet(&self) -> bool {
        false
    }

    /// True when the rows name their own installations (a column of
    /// installation names), so a title or sheet name does not matter.
    fn names_installations(&self) -> bool {
        false
    }

    /// Reads the data rows into `result`. `installation` is the one named
    /// by a title above the header or by the sheet name. Returns why the
    /// table gave nothing, when it knows better than its unmatched entries.
    fn read(
        &self,
        context: &Context<'_>,
        installation: Option<usize>,
        data: &[Row],
        result: &mut GridResult,
    ) -> Option<String>;
}

/// Every layout, in the order they are tried on each row: records first
/// (their header is the most specific), the report's own table last (its
/// header needs only a metric-name word and one period).
pub static LAYOUTS: &[&dyn Layout] = &[
    &records::Records,
    &stacked::Stacked,
    &month_columns::MonthColumns,
    &installation_rows::InstallationRows,
    &report_table::ReportTable,
];

/// A cheap first test of a header row: text only, and no text that is a
/// number or a month (a row of data almost always holds one). Layouts that
/// look at the rows below ask this first, so a long sheet without headers
/// costs one pass.
pub(crate) fn all_words(context: &Context<'_>, row: &Row) -> bool {
    row.cells.iter().all(|(_, value)| match value {
        super::read::Value::Text(text) => {
            super::text::parse_plain_number(text, context.convention).is_none()
                && super::text::month_label(text).is_none()
        }
        _ => false,
    })
}

/// The rows after `position` that a layout may look at to decide.
pub(crate) fn rows_below<'a>(context: &Context<'a>, position: usize, count: usize) -> &'a [Row] {
    let rows = &context.grid.rows;
    let end = rows.len().min(position + 1 + count);
    rows.get(position + 1..end).unwrap_or_default()
}

/// Reports of other projects and a one-call import, for the layouts' tests.
#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
pub(crate) mod test_support {
    use crate::import::{ImportInput, ImportPlan, Progress, import};
    use crate::model::Report;

    /// Half-year periods from January 2024 (M1-M6, M7-M12, M13-M18), four
    /// installations of an HPC centre, decimal point.
    pub fn half_years() -> Report {
        crate::project_file::from_json(include_str!(
            "../../../tests/fixtures/reports/checks-hpc-half-years.vareport.json"
        ))
        .unwrap()
    }

    /// Periods of 18 and 12 months from March 2023, decimal comma, a data
    /// repository's three nodes with Spanish names.
    pub fn irregular_comma() -> Report {
        crate::project_file::from_json(include_str!(
            "../../../tests/fixtures/reports/checks-repository-decimal-comma.vareport.json"
        ))
        .unwrap()
    }

    pub fn plan(report: &Report, file: &str, text: &str) -> ImportPlan {
        import(
            report,
            &[ImportInput::bytes(file, text.as_bytes().to_vec())],
            &Progress::default(),
        )
    }

    /// (installation, metric, column, new text) of every planned change.
    pub fn changes(plan: &ImportPlan) -> Vec<(String, String, String, String)> {
        plan.changes
            .iter()
            .map(|c| {
                (
                    c.installation.clone(),
                    c.metric.clone(),
                    c.column.clone(),
                    c.new.clone(),
                )
            })
            .collect()
    }

    pub fn change(i: &str, m: &str, c: &str, new: &str) -> (String, String, String, String) {
        (i.to_owned(), m.to_owned(), c.to_owned(), new.to_owned())
    }

    /// The layouts the plan's tables were read by.
    pub fn layouts(plan: &ImportPlan) -> Vec<&'static str> {
        plan.tables.iter().map(|t| t.table.layout).collect()
    }
}

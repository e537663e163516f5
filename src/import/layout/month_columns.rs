//! Months or periods as columns: one row per metric, columns `Jan 2025`,
//! `2025-02`, `M13`, date cells, or period labels (`Period 2`, `2024/25`),
//! without the report table's metric-name header. Months are added up into
//! a period only when every month of the period is there.

use super::wide::{Column, Wide, column_of};
use super::{Layout, Table, rows_below};
use crate::import::read::{Row, Value};
use crate::import::recognise::{Context, GridResult};
use crate::import::text::{HeaderKind, METRIC_WORDS, normalise};

pub struct MonthColumns;

impl Layout for MonthColumns {
    fn name(&self) -> &'static str {
        "months as columns"
    }

    fn header(&self, context: &Context<'_>, position: usize) -> Option<Box<dyn Table>> {
        let row = context.grid.rows.get(position)?;
        wide_header(context, row, rows_below(context, position, 30), None)
            .map(|wide| Box::new(MonthTable(wide)) as Box<dyn Table>)
    }
}

/// A header of value columns with names to their left: at least one single
/// month and two value columns, or (without a metric-name word, which is
/// the report table's) two periods. `installation` is a column of
/// installation names, for the stacked layout.
pub(crate) fn wide_header(
    context: &Context<'_>,
    row: &Row,
    sample: &[Row],
    installation: Option<u32>,
) -> Option<Wide> {
    if !row
        .cells
        .iter()
        .all(|(_, v)| matches!(v, Value::Text(_) | Value::Date { .. }))
    {
        return None;
    }
    let columns: Vec<(u32, Column, String)> = row
        .cells
        .iter()
        .filter(|(c, _)| Some(*c) != installation)
        .filter_map(|(c, v)| {
            let kind = column_of(context, v)?;
            let shown = match v {
                Value::Text(text) => text.trim().to_owned(),
                Value::Date { year, month } => format!("{year:04}-{month:02}"),
                _ => String::new(),
            };
            Some((*c, kind, shown))
        })
        .collect();
    let first_value = columns.first().map(|(c, _, _)| *c)?;
    let months = columns
        .iter()
        .filter(|(_, kind, _)| matches!(kind, Column::Month(_)))
        .count();
    let periods = columns
        .iter()
        .filter(|(_, kind, _)| matches!(kind, Column::Header(HeaderKind::Months(_))))
        .count();
    let named = row.cells.iter().any(|(_, v)| match v {
        Value::Text(text) => METRIC_WORDS.contains(&normalise(text).as_str()),
        _ => false,
    });
    let enough = (months >= 1 && columns.len() >= 2) || installation.is_some();
    if !enough && !(periods >= 2 && !named) {
        return None;
    }
    // The names: the nearest column left of the values that holds text in
    // the rows below (the header's own cell may be blank).
    let name = (0..first_value)
        .rev()
        .filter(|c| Some(*c) != installation)
        .find(|c| {
            sample
                .iter()
                .filter_map(|r| r.get(*c))
                .any(|v| matches!(v, Value::Text(_)))
        })?;
    Some(Wide {
        name,
        installation,
        columns,
    })
}

struct MonthTable(Wide);

impl Table for MonthTable {
    fn columns(&self) -> Vec<u32> {
        self.0.all_columns()
    }

    fn read(
        &self,
        context: &Context<'_>,
        installation: Option<usize>,
        data: &[Row],
        result: &mut GridResult,
    ) -> Option<String> {
        self.0.read(context, installation, data, result)
    }
}

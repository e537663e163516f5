//! Several installations stacked in one table: a column of installation
//! names (told by its header word or by its values naming the report's
//! installations), a column of metric names, and period, TOT or month
//! columns.

use super::month_columns::wide_header;
use super::{Layout, Table, rows_below};
use crate::import::read::{Row, Value};
use crate::import::recognise::{Context, GridResult, match_installation, text_of};
use crate::import::text::{INSTALLATION_WORDS, has_word};

pub struct Stacked;

impl Layout for Stacked {
    fn name(&self) -> &'static str {
        "stacked installations"
    }

    fn header(&self, context: &Context<'_>, position: usize) -> Option<Box<dyn Table>> {
        let row = context.grid.rows.get(position)?;
        let sample = rows_below(context, position, 30);
        let installation = installation_column(context, row, sample)?;
        let wide = wide_header(context, row, sample, Some(installation))?;
        Some(Box::new(StackedTable(wide)))
    }
}

/// The column of installation names: a header word, else a column whose
/// texts below name the report's installations at least half the time.
fn installation_column(context: &Context<'_>, row: &Row, sample: &[Row]) -> Option<u32> {
    let by_word = row.cells.iter().find_map(|(c, v)| match v {
        Value::Text(text) if has_word(text, INSTALLATION_WORDS) => Some(*c),
        _ => None,
    });
    if by_word.is_some() {
        return by_word;
    }
    let columns: Vec<u32> = row.cells.iter().map(|(c, _)| *c).collect();
    columns.into_iter().find(|c| {
        let texts: Vec<&str> = sample
            .iter()
            .filter_map(|r| r.get(*c).and_then(text_of))
            .collect();
        let matched = texts
            .iter()
            .filter(|t| match_installation(context.report, t).is_some())
            .count();
        !texts.is_empty() && matched * 2 >= texts.len()
    })
}

struct StackedTable(super::wide::Wide);

impl Table for StackedTable {
    fn columns(&self) -> Vec<u32> {
        self.0.all_columns()
    }

    fn read(
        &self,
        context: &Context<'_>,
        _installation: Option<usize>,
        data: &[Row],
        result: &mut GridResult,
    ) -> Option<String> {
        let before = result.found.len();
        let miss = self.0.read(context, None, data, result);
        if result.found.len() > before {
            return None;
        }
        let column = self.0.installation?;
        let names: Vec<&str> = data
            .iter()
            .filter_map(|r| r.get(column).and_then(text_of))
            .collect();
        let any = names
            .iter()
            .any(|n| match_installation(context.report, n).is_some());
        if any {
            miss
        } else {
            Some(crate::import::recognise::installation_miss(
                context.report,
                &names,
            ))
        }
    }
}

//! Several installations stacked in one table: a column of installation
//! names (told by its header word or by its values naming the report's
//! installations), a column of metric names, and period, TOT or month
//! columns.

use super::month_columns::wide_header;
use super::wide::column_of;
use super::{Layout, Table, rows_below};
use crate::import::read::{Row, Value};
use crate::import::recognise::{Context, GridResult, match_installation, text_of};
use crate::import::text::{
    INSTALLATION_WORDS, has_word, month_label, parse_plain_number, single_month,
};

pub struct Stacked;

impl Layout for Stacked {
    fn name(&self) -> &'static str {
        "stacked installations"
    }

    fn header(&self, context: &Context<'_>, position: usize) -> Option<Box<dyn Table>> {
        let row = context.grid.rows.get(position)?;
        // Cheap tests first: a header of words and dates, no numbers, and
        // at least one period, month or TOT column.
        let header_like = row.cells.iter().all(|(_, v)| match v {
            Value::Text(text) => parse_plain_number(text, context.convention).is_none(),
            Value::Date { .. } => true,
            _ => false,
        });
        if !header_like
            || !row
                .cells
                .iter()
                .any(|(_, v)| column_of(context, v).is_some())
        {
            return None;
        }
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
    // By content: only for a row of words, which a row of data is not.
    let words: Vec<u32> = row
        .cells
        .iter()
        .filter(|(_, v)| {
            text_of(v).is_some_and(|t| {
                month_label(t).is_none()
                    && single_month(t, context.calendar.start).is_none()
                    && parse_plain_number(t, context.convention).is_none()
            })
        })
        .map(|(c, _)| *c)
        .collect();
    if words.len() < 2 {
        return None;
    }
    words.into_iter().find(|c| {
        let texts: Vec<&str> = sample
            .iter()
            .filter_map(|r| r.get(*c).and_then(text_of))
            .collect();
        let matched = texts
            .iter()
            .filter(|t| {
                context.words.may_be_installation(t)
                    && match_installation(context.report, t).is_some()
            })
            .count();
        !texts.is_empty() && matched * 2 >= texts.len()
    })
}

struct StackedTable(super::wide::Wide);

impl Table for StackedTable {
    fn columns(&self) -> Vec<u32> {
        self.0.all_columns()
    }

    fn names_installations(&self) -> bool {
        true
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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::test_support::*;

    #[test]
    fn installations_stacked_with_period_columns_and_tot() {
        let report = half_years();
        let csv = "Installation;Metric;M1-M6;M7-M12;TOT\nHydra - Cluster A;Core hours delivered;100;200;300\nHydra - Cluster C;Compute time (hours);1,5;2;3,5\nHydra - Cluster Q;Core hours delivered;1;1;2\n";
        let plan = plan(&report, "all.csv", csv);
        assert_eq!(layouts(&plan), ["stacked installations"]);
        assert_eq!(
            changes(&plan),
            [
                change("Hydra - Cluster A", "Core hours delivered", "M1-M6", "100"),
                change("Hydra - Cluster A", "Core hours delivered", "M7-M12", "200"),
                change("Hydra - Cluster A", "Core hours delivered", "TOT", "300"),
                change("Hydra - Cluster C", "Compute time (hours)", "M1-M6", "1.5"),
                change("Hydra - Cluster C", "Compute time (hours)", "M7-M12", "2"),
                change("Hydra - Cluster C", "Compute time (hours)", "TOT", "3.5"),
            ]
        );
        assert_eq!(plan.unmatched.len(), 3, "{:?}", plan.unmatched);
        assert!(
            plan.unmatched[0]
                .reason
                .contains("no installation of the report is called \"Hydra - Cluster Q\"")
        );
    }

    #[test]
    fn the_installation_column_is_told_by_its_values_and_headers_may_be_spanish() {
        let report = irregular_comma();
        let csv = "Centro;Indicador;Periodo 1;Periodo 2\nNodo Norte;Downloads served;31.000;29.500\nNodo Sur;Downloads served;10.000;12.500\n";
        let plan = plan(&report, "nodos.csv", csv);
        assert_eq!(layouts(&plan), ["stacked installations"]);
        assert_eq!(
            changes(&plan),
            [
                change("Nodo Norte", "Downloads served", "M1-M18", "31.000"),
                change("Nodo Norte", "Downloads served", "M19-M30", "29.500"),
                change("Nodo Sur", "Downloads served", "M19-M30", "12.500"),
            ]
        );
        assert_eq!(plan.unchanged, 1);
    }
}

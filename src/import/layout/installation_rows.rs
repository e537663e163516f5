//! One row per installation, metrics as columns: a header of metric names
//! over a first column of installation names. The period is named by a
//! column of period labels, or else by a title above, the sheet name or
//! the file name; one that names none proposes nothing.

use super::{Layout, Table, all_words, rows_below};
use crate::import::Guess;
use crate::import::read::{Row, Value, a1};
use crate::import::recognise::no_metric_called;
use crate::import::recognise::{
    Context, GridResult, installation_miss, is_note, match_installation, match_metric,
    period_index, text_of, title_texts,
};
use crate::import::text::{
    PERIOD_WORDS, TOTAL_WORDS, has_word, normalise, parse_plain_number, period_in_text,
};
use crate::model::{MetricColumn, MonthRange};

pub struct InstallationRows;

impl Layout for InstallationRows {
    fn name(&self) -> &'static str {
        "one row per installation"
    }

    fn header(&self, context: &Context<'_>, position: usize) -> Option<Box<dyn Table>> {
        let row = context.grid.rows.get(position)?;
        if !all_words(context, row) {
            return None;
        }
        let report = context.report;
        let (name, _) = row.cells.first()?;
        let period_column = row
            .cells
            .iter()
            .find(|(_, v)| text_of(v).is_some_and(|t| has_word(t, PERIOD_WORDS)))
            .map(|(c, _)| *c);
        let metrics: Vec<(u32, String)> = row
            .cells
            .iter()
            .filter(|(c, _)| c > name && Some(*c) != period_column)
            .filter_map(|(c, v)| {
                let text = text_of(v)?;
                if !context.words.may_be_metric(text) {
                    return None;
                }
                (0..report.installations.len())
                    .any(|i| match_metric(report, i, text).is_some())
                    .then(|| (*c, text.trim().to_owned()))
            })
            .collect();
        if metrics.len() < 2 {
            return None;
        }
        let sample = rows_below(context, position, 30);
        // The figures below are numbers: a sheet of sentences that happen
        // to name metrics is not this layout.
        let (mut cells, mut numbers) = (0usize, 0usize);
        for value in sample
            .iter()
            .flat_map(|r| metrics.iter().filter_map(|(c, _)| r.get(*c)))
        {
            cells += 1;
            numbers += usize::from(match value {
                Value::Number(_) => true,
                Value::Text(text) => parse_plain_number(text, context.convention).is_some(),
                _ => false,
            });
        }
        if cells == 0 || numbers * 2 < cells {
            return None;
        }
        let named = sample.iter().any(|r| {
            r.get(*name).and_then(text_of).is_some_and(|t| {
                context.words.may_be_installation(t) && match_installation(report, t).is_some()
            })
        });
        let texts = sample
            .iter()
            .filter(|r| r.get(*name).and_then(text_of).is_some())
            .count();
        if !named && texts == 0 {
            return None;
        }
        // The period: a title above, the sheet, the file.
        let mut places: Vec<String> = title_texts(context.grid, 0, position)
            .into_iter()
            .map(str::to_owned)
            .collect();
        places.push(context.sheet.to_owned());
        places.push(context.file.to_owned());
        let period = places
            .iter()
            .find_map(|text| period_in_text(text, context.calendar));
        Some(Box::new(RowsTable {
            name: *name,
            period_column,
            period,
            metrics,
        }))
    }
}

struct RowsTable {
    name: u32,
    period_column: Option<u32>,
    /// The period a title, the sheet or the file names.
    period: Option<MonthRange>,
    metrics: Vec<(u32, String)>,
}

impl Table for RowsTable {
    fn columns(&self) -> Vec<u32> {
        std::iter::once(self.name)
            .chain(self.period_column)
            .chain(self.metrics.iter().map(|(c, _)| *c))
            .collect()
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
        let report = context.report;
        let before = result.found.len();
        let mut unknown: Vec<String> = Vec::new();
        let mut any_installation = false;
        for row in data {
            let Some(name) = row.get(self.name).and_then(text_of) else {
                continue;
            };
            if is_note(name) || TOTAL_WORDS.contains(&normalise(name).as_str()) {
                continue;
            }
            let installation = match_installation(report, name);
            any_installation |= installation.is_some();
            if installation.is_none() {
                unknown.push(name.trim().to_owned());
            }
            let period = match self.period_column.and_then(|c| row.get(c)) {
                Some(value) => text_of(value).and_then(|t| period_in_text(t, context.calendar)),
                None => self.period,
            };
            let column = period
                .and_then(|months| period_index(report, months))
                .map(MetricColumn::Period);
            for (c, header) in &self.metrics {
                let Some(value) = row.get(*c) else { continue };
                let cell = a1(row.index, *c);
                let metric = installation.and_then(|i| match_metric(report, i, header));
                let guess = Guess {
                    installation,
                    metric,
                    column,
                };
                let Some(text) =
                    context.cell_text_or_note(&mut result.unmatched, value, &cell, guess)
                else {
                    continue;
                };
                let reason = match (installation, metric, column) {
                    (None, ..) => format!("no installation of the report is called {:?}", name.trim()),
                    (Some(i), None, _) => no_metric_called(report, i, header),
                    (_, _, None) => {
                        "no period of the report is named by a period column, a title above, the sheet or the file".to_owned()
                    }
                    (Some(i), Some(m), Some(column)) => {
                        result.found.push(context.found(i, m, column, text, cell));
                        continue;
                    }
                };
                result.unmatched.push(
                    context
                        .unmatched(
                            cell,
                            format!("{} ({header})", name.trim()),
                            reason,
                            Some(text),
                            guess,
                        )
                        .with_names(name, header),
                );
            }
        }
        if result.found.len() > before {
            return None;
        }
        if !any_installation && !unknown.is_empty() {
            let names: Vec<&str> = unknown.iter().map(String::as_str).collect();
            return Some(installation_miss(report, &names));
        }
        (self.period.is_none() && self.period_column.is_none()).then(|| {
            "no period of the report is named by a period column, a title above, the sheet or the file"
                .to_owned()
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::test_support::*;

    #[test]
    fn one_row_per_installation_with_the_period_in_a_title() {
        let report = half_years();
        let csv = "Usage S1 2025\nService;Core hours delivered;Number of users;Jobs run\nHydra - Cluster A;1200;15;\nHydra - Cluster B;800,5;9;44\nHydra - Cluster Z;5;1;\nTotal;2000;25;44\n";
        let plan = plan(&report, "usage.csv", csv);
        assert_eq!(layouts(&plan), ["one row per installation"]);
        assert_eq!(
            changes(&plan),
            [
                change(
                    "Hydra - Cluster A",
                    "Core hours delivered",
                    "M13-M18",
                    "1,200"
                ),
                change("Hydra - Cluster A", "Number of users", "M13-M18", "15"),
                change(
                    "Hydra - Cluster B",
                    "Core hours delivered",
                    "M13-M18",
                    "800.5"
                ),
                change("Hydra - Cluster B", "Number of users", "M13-M18", "9"),
                change("Hydra - Cluster B", "Jobs run", "M13-M18", "44"),
            ]
        );
        let reasons: Vec<&str> = plan.unmatched.iter().map(|u| u.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "no installation of the report is called \"Hydra - Cluster Z\"",
                "no installation of the report is called \"Hydra - Cluster Z\""
            ]
        );
    }

    #[test]
    fn sentences_that_name_metrics_are_not_a_table() {
        let report = half_years();
        let csv = "Installation;Where;Finding\nHydra - Cluster A;Core hours delivered, M1-M6;Jobs run and Number of users disagree\nHydra - Cluster B;Jobs run, TOT;Core hours delivered is below the baseline\n";
        let plan = plan(&report, "findings M1-M6.csv", csv);
        assert!(plan.changes.is_empty(), "{:?}", plan.changes);
        assert!(layouts(&plan).is_empty(), "{:?}", plan.tables);
    }

    #[test]
    fn the_period_from_a_column_or_the_file_name_and_none_guessed() {
        let report = half_years();
        let by_column = "Installation,Period,Core hours delivered,Number of users\nHydra - Cluster A,M1-M6,101,13\nHydra - Cluster A,H2 2024,151,21\n";
        let plan_column = plan(&report, "usage.csv", by_column);
        assert_eq!(
            changes(&plan_column),
            [
                change("Hydra - Cluster A", "Core hours delivered", "M1-M6", "101"),
                change("Hydra - Cluster A", "Number of users", "M1-M6", "13"),
                change("Hydra - Cluster A", "Core hours delivered", "M7-M12", "151"),
                change("Hydra - Cluster A", "Number of users", "M7-M12", "21"),
            ]
        );
        let no_period =
            "Installation,Core hours delivered,Number of users\nHydra - Cluster A,101,13\n";
        let plan_none = plan(&report, "usage.csv", no_period);
        assert!(plan_none.changes.is_empty());
        assert_eq!(plan_none.unmatched.len(), 2);
        assert!(
            plan_none.tables[0]
                .table
                .miss
                .as_deref()
                .unwrap()
                .contains("no period")
        );
        let plan_file = plan(&report, "usage_M1-M6.csv", no_period);
        assert_eq!(plan_file.changes.len(), 2, "{:?}", plan_file.unmatched);
    }
}

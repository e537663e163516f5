//! The TOT a metric's kind computes from its periods, for metrics whose TOT
//! follows the periods (`Metric::total_follows`). Every edit settles such a
//! TOT (see `apply::settle`), so it changes in the same undo step as the
//! period that moved it.

use std::collections::BTreeSet;

use crate::model::number_format::exact_text;
use crate::model::{CellValue, DecimalMark, Metric, MetricKind};

/// The TOT text the metric's kind computes from its periods: the sum of a
/// quantity, the last or largest value of a level, the union of country
/// lists (codes in alphabetical order). `Some("")` when every period is
/// blank or one is not a number; `None` when the kind cannot compute a TOT
/// (distinct counts lie between the largest period and the sum; text), so
/// the TOT stays as typed.
pub fn computed_total(metric: &Metric, mark: DecimalMark) -> Option<String> {
    let filled = || metric.values.iter().filter(|cell| !cell.is_blank());
    let numbers = || -> Option<Vec<(f64, &str)>> {
        filled()
            .filter(|cell| !matches!(cell.value(), CellValue::NotApplicable))
            .map(|cell| cell.number().map(|n| (n, cell.text())))
            .collect()
    };
    match metric.kind() {
        MetricKind::Quantity => {
            let numbers = numbers().filter(|numbers| !numbers.is_empty());
            Some(numbers.map_or_else(String::new, |numbers| {
                exact_text(numbers.iter().map(|(n, _)| n).sum(), mark)
            }))
        }
        MetricKind::LevelLast => Some(
            numbers()
                .and_then(|numbers| numbers.last().map(|(_, text)| text.trim().to_owned()))
                .unwrap_or_default(),
        ),
        MetricKind::LevelLargest => Some(
            numbers()
                .and_then(|numbers| {
                    numbers
                        .into_iter()
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .map(|(_, text)| text.trim().to_owned())
                })
                .unwrap_or_default(),
        ),
        MetricKind::CountryList => {
            let mut union = BTreeSet::new();
            for cell in filled() {
                match cell.value() {
                    CellValue::Countries(list) => {
                        union.extend(list.codes());
                        union.extend(
                            list.entries
                                .iter()
                                .filter(|entry| entry.code.is_none())
                                .map(|entry| entry.written.trim().to_owned()),
                        );
                    }
                    CellValue::NotApplicable => {}
                    _ => return Some(String::new()),
                }
            }
            Some(union.into_iter().collect::<Vec<_>>().join(", "))
        }
        MetricKind::DistinctCount | MetricKind::CountryCount | MetricKind::Text => None,
    }
}

/// Whether the kind can compute a TOT at all.
pub fn kind_computes_total(kind: MetricKind) -> bool {
    matches!(
        kind,
        MetricKind::Quantity
            | MetricKind::LevelLast
            | MetricKind::LevelLargest
            | MetricKind::CountryList
    )
}

/// Writes the computed TOT into a metric whose TOT follows its periods.
pub(super) fn settle_total(metric: &mut Metric, mark: DecimalMark) {
    if !metric.total_follows {
        return;
    }
    if let Some(text) = computed_total(metric, mark)
        && metric.total.text() != text
    {
        metric.total = crate::model::Cell::parsed(text, mark);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::model::Cell;

    fn metric(kind: MetricKind, values: &[&str]) -> Metric {
        let mut metric = Metric::new("m", values.len());
        metric.kind = kind;
        metric.kind_confirmed = true;
        metric.values = values.iter().map(|text| Cell::new(*text)).collect();
        metric
    }

    #[test]
    fn each_kind_computes_its_own_total() {
        let point = DecimalMark::Point;
        let cases: &[(MetricKind, &[&str], Option<&str>)] = &[
            (MetricKind::Quantity, &["1,000", "2.5", ""], Some("1,002.5")),
            (MetricKind::Quantity, &["", "", ""], Some("")),
            (MetricKind::Quantity, &["1", "logs", "2"], Some("")),
            (MetricKind::Quantity, &["1", "N/A", "2"], Some("3")),
            (
                MetricKind::LevelLast,
                &["10 TB", "12 TB", ""],
                Some("12 TB"),
            ),
            (MetricKind::LevelLargest, &["10", "30", "20"], Some("30")),
            (MetricKind::DistinctCount, &["10", "30", "20"], None),
            (MetricKind::CountryCount, &["1", "2", "3"], None),
            (MetricKind::Text, &["a", "b", "c"], None),
            (
                MetricKind::CountryList,
                &["ES, PT", "PT, DE", ""],
                Some("DE, ES, PT"),
            ),
        ];
        for (kind, values, expected) in cases {
            assert_eq!(
                computed_total(&metric(*kind, values), point).as_deref(),
                *expected,
                "{kind:?} {values:?}"
            );
        }
        let comma = metric(MetricKind::Quantity, &["1.000,5", "2"]);
        let mut comma = comma;
        comma
            .values
            .iter_mut()
            .for_each(|c| c.reread(DecimalMark::Comma));
        assert_eq!(
            computed_total(&comma, DecimalMark::Comma).as_deref(),
            Some("1.002,5")
        );
    }
}

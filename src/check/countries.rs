//! Country lists: their codes, their TOT, and the count row that goes with
//! them. A count is either "countries reached in the period" or "countries
//! new in the period"; the rule works out which reading the figures fit.

use std::collections::BTreeSet;

use super::{Finding, Rule, Severity, join_and, metric_location, metrics, num, set_metric_cell};
use crate::model::{CellValue, CountryNote, Installation, MetricColumn, MetricKind, Report};

pub const COUNTRY_UNION: Rule = Rule {
    id: "total-country-union",
    label: "Country lists",
    description: "the TOT of a country list, and of its count row, is the number of distinct countries over all periods",
    check: country_union,
};

pub const COUNT_VS_LIST: Rule = Rule {
    id: "country-count-vs-list",
    label: "Country lists",
    description: "a countries count row agrees with its list row, as countries reached or as countries new in each period",
    check: count_vs_list,
};

pub const MAYBE_GERMANY: Rule = Rule {
    id: "country-georgia-or-germany",
    label: "Country lists",
    description: "GE is Georgia and counted so; a note when the other countries of the list suggest Germany (DE), never a fix",
    check: maybe_germany,
};

pub const COUNTRY_CODE: Rule = Rule {
    id: "country-code",
    label: "Country lists",
    description: "country lists use two-letter country codes (ISO 3166-1): GB not UK, US not USA, ES not SP; GE is Georgia, noted when the rest of the list suggests Germany",
    check: country_code,
};

/// A country list row and the count row that goes with it, in one installation.
struct Pair {
    list: usize,
    count: usize,
}

fn is_count_row(kind: MetricKind) -> bool {
    kind == MetricKind::CountryCount
}

/// The first country list row and the first countries count row.
fn pair(installation: &Installation) -> Option<Pair> {
    let list = installation
        .metrics
        .iter()
        .position(|m| m.kind() == MetricKind::CountryList)?;
    let count = installation
        .metrics
        .iter()
        .position(|m| is_count_row(m.kind()))?;
    Some(Pair { list, count })
}

/// The set of countries in a cell: a list's ISO codes (a token that is no
/// country code, such as `SP`, is not counted until it is corrected); `/`,
/// `N/A` or blank is no country; anything else (a number, text) is not a
/// list.
fn country_set(value: &CellValue) -> Option<BTreeSet<String>> {
    match value {
        CellValue::Countries(list) => Some(list.codes()),
        CellValue::NotApplicable | CellValue::Blank => Some(BTreeSet::new()),
        _ => None,
    }
}

/// The distinct tokens of a cell that stand for no country (`SP`, `XX`):
/// each may be one more country, or one already named.
fn uncounted(value: &CellValue) -> BTreeSet<String> {
    value
        .countries()
        .map(|list| {
            list.entries
                .iter()
                .filter(|e| e.code.is_none())
                .map(|e| e.written.to_ascii_uppercase())
                .collect()
        })
        .unwrap_or_default()
}

/// The tokens of a list row's periods that stand for no country.
fn uncounted_in_row(report: &Report, i: usize, m: usize) -> BTreeSet<String> {
    report
        .installations
        .get(i)
        .and_then(|x| x.metrics.get(m))
        .map(|metric| {
            metric
                .values
                .iter()
                .flat_map(|c| uncounted(c.value()))
                .collect()
        })
        .unwrap_or_default()
}

/// The per-period sets of a list row, when every period cell reads as one
/// and at least one names a country.
fn period_sets(report: &Report, i: usize, m: usize) -> Option<Vec<BTreeSet<String>>> {
    let metric = report.installations.get(i)?.metrics.get(m)?;
    let sets: Vec<_> = metric
        .values
        .iter()
        .map(|c| country_set(c.value()))
        .collect::<Option<_>>()?;
    sets.iter().any(|s| !s.is_empty()).then_some(sets)
}

fn country_union(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, installation) in report.installations.iter().enumerate() {
        for (m, metric) in installation.metrics.iter().enumerate() {
            if metric.kind() != MetricKind::CountryList {
                continue;
            }
            let Some(sets) = period_sets(report, i, m) else {
                continue;
            };
            let union: BTreeSet<String> = sets.iter().flatten().cloned().collect();
            // The list's own TOT, when it is written as a list.
            if let Some(total) =
                country_set(metric.total.value()).filter(|_| !metric.total.is_blank())
                && total != union
            {
                let missing: Vec<String> = union.difference(&total).cloned().collect();
                let extra: Vec<String> = total.difference(&union).cloned().collect();
                let mut message = format!(
                    "TOT lists {} {} but the periods name {}",
                    total.len(),
                    if total.len() == 1 {
                        "country"
                    } else {
                        "countries"
                    },
                    union.len()
                );
                if !missing.is_empty() {
                    message.push_str(&format!("; missing: {}", missing.join(", ")));
                }
                if !extra.is_empty() {
                    message.push_str(&format!("; not in any period: {}", extra.join(", ")));
                }
                let text: Vec<String> = union.iter().cloned().collect();
                let mut finding = Finding::new(
                    COUNTRY_UNION.id,
                    Severity::Error,
                    metric_location(i, m, MetricColumn::Total),
                    message,
                )
                .expected(text.join(", "))
                .found(metric.total.text().trim());
                // Writing the union would drop a token that is no code yet.
                let certain = uncounted_in_row(report, i, m).is_empty()
                    && uncounted(metric.total.value()).is_empty();
                if certain {
                    finding = finding.fix(
                        "Set TOT to the union of the periods",
                        set_metric_cell(i, m, MetricColumn::Total, text.join(", ")),
                    );
                }
                findings.push(finding);
            }
            // The count row's TOT.
            let Some(pair) = pair(installation).filter(|p| p.list == m) else {
                continue;
            };
            let Some(count) = installation.metrics.get(pair.count) else {
                continue;
            };
            let Some(total) = count.total.number() else {
                continue;
            };
            let size = union.len() as f64;
            let unsure = uncounted_in_row(report, i, m);
            if !unsure.is_empty() {
                // `SP` may be a country of its own or one already named: the
                // TOT can be anything from the countries named to one more
                // per token that is not a code.
                let most = size + unsure.len() as f64;
                if total < size || total > most {
                    findings.push(
                        Finding::new(
                            COUNTRY_UNION.id,
                            Severity::Error,
                            metric_location(i, pair.count, MetricColumn::Total),
                            format!(
                                "TOT {} is outside what the list can mean: {} countries named ({}), up to {} if {} are countries too",
                                num(total),
                                num(size),
                                union.iter().cloned().collect::<Vec<_>>().join(", "),
                                num(most),
                                unsure.iter().cloned().collect::<Vec<_>>().join(", ")
                            ),
                        )
                        .expected(format!("{} to {}", num(size), num(most)))
                        .found(num(total)),
                    );
                }
                continue;
            }
            if !super::same(total, size) {
                let mut finding = Finding::new(
                    COUNTRY_UNION.id,
                    Severity::Error,
                    metric_location(i, pair.count, MetricColumn::Total),
                    format!(
                        "TOT {} differs from the {} distinct countries the list names over all periods ({})",
                        num(total),
                        num(size),
                        union.iter().cloned().collect::<Vec<_>>().join(", ")
                    ),
                )
                .expected(num(size))
                .found(num(total));
                // Only when the count's own periods allow that TOT: else the
                // periods are wrong too, and no one number mends the row.
                let fits = super::totals::period_numbers(count).is_some_and(|values| {
                    let max = values.iter().copied().fold(0.0, f64::max);
                    let sum: f64 = values.iter().sum();
                    size >= max && size <= sum
                });
                if fits {
                    finding = finding.fix(
                        format!("Set TOT to {}", num(size)),
                        set_metric_cell(
                            i,
                            pair.count,
                            MetricColumn::Total,
                            super::fix_text(report, size),
                        ),
                    );
                }
                findings.push(finding);
            }
        }
    }
    findings
}

/// What each period of a list row says: countries reached, and how many of
/// them are new (not named in an earlier period).
fn readings(sets: &[BTreeSet<String>]) -> (Vec<usize>, Vec<usize>) {
    let mut seen = BTreeSet::new();
    let mut reached = Vec::with_capacity(sets.len());
    let mut new = Vec::with_capacity(sets.len());
    for set in sets {
        reached.push(set.len());
        new.push(set.difference(&seen).count());
        seen.extend(set.iter().cloned());
    }
    (reached, new)
}

fn list_of(numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a count row's name says its counts are per period ("over the
/// period", "over last year") or new ones ("new").
fn name_reading(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    if lower.contains("new") {
        Some("new")
    } else if [
        "over the period",
        "over last year",
        "over the last year",
        "in the period",
        "per period",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase))
    {
        Some("reached")
    } else {
        None
    }
}

fn count_vs_list(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, installation) in report.installations.iter().enumerate() {
        let Some(pair) = pair(installation) else {
            continue;
        };
        let (Some(count_row), Some(sets)) = (
            installation.metrics.get(pair.count),
            period_sets(report, i, pair.list),
        ) else {
            continue;
        };
        let (reached, new) = readings(&sets);
        let list_row = installation.metrics.get(pair.list);
        // Periods with a numeric count: (period, count, reached, new); a
        // period whose list holds a token that is no country code (`SP`)
        // cannot be counted until it is corrected.
        let compared: Vec<(usize, usize, usize, usize)> = count_row
            .values
            .iter()
            .enumerate()
            .filter_map(|(p, cell)| {
                let list_cell = list_row.and_then(|r| r.values.get(p))?;
                if !uncounted(list_cell.value()).is_empty() {
                    return None;
                }
                let count = cell.number()?;
                let count = (count >= 0.0 && count.fract() == 0.0).then_some(count as usize)?;
                Some((p, count, *reached.get(p)?, *new.get(p)?))
            })
            .collect();
        if compared.is_empty() {
            continue;
        }
        let fits_reached = compared.iter().all(|&(_, c, r, _)| c == r);
        let fits_new = compared.iter().all(|&(_, c, _, n)| c == n);
        let counts: Vec<usize> = compared.iter().map(|&(_, c, _, _)| c).collect();
        let period_label = |p: usize| super::metric_column_label(report, MetricColumn::Period(p));
        let first_cell = compared.first().map(|&(p, ..)| p).unwrap_or(0);
        match (fits_reached, fits_new) {
            (true, true) => {}
            (true, false) => {
                if name_reading(&count_row.name) == Some("new") {
                    findings.push(Finding::new(
                        COUNT_VS_LIST.id,
                        Severity::Warning,
                        metric_location(i, pair.count, MetricColumn::Period(first_cell)),
                        format!(
                            "the counts ({}) are the countries reached in each period, but the row's name says new countries ({})",
                            list_of(&counts),
                            list_of(&new)
                        ),
                    ));
                }
            }
            (false, true) => {
                // First period where the readings differ: there the count is "new".
                let cell = compared
                    .iter()
                    .find(|&&(_, _, r, n)| r != n)
                    .map(|&(p, ..)| p)
                    .unwrap_or(first_cell);
                let (severity, tail) = if name_reading(&count_row.name) == Some("reached") {
                    (
                        Severity::Warning,
                        ", which contradicts the row's name, a count over the period",
                    )
                } else {
                    (Severity::Info, "")
                };
                findings.push(
                    Finding::new(
                        COUNT_VS_LIST.id,
                        severity,
                        metric_location(i, pair.count, MetricColumn::Period(cell)),
                        format!(
                            "the counts ({}) are the countries new in each period, not the countries reached ({}){tail}",
                            list_of(&counts),
                            list_of(&reached)
                        ),
                    )
                    .expected(format!("{} reached", list_of(&reached)))
                    .found(list_of(&counts)),
                );
            }
            (false, false) => {
                let neither: Vec<_> = compared
                    .iter()
                    .filter(|&&(_, c, r, n)| c != r && c != n)
                    .collect();
                for &&(p, count, r, n) in &neither {
                    findings.push(
                        Finding::new(
                            COUNT_VS_LIST.id,
                            Severity::Error,
                            metric_location(i, pair.count, MetricColumn::Period(p)),
                            format!(
                                "{} counts {count} {} but the list names {r} ({n} of them new), so the count fits neither reading",
                                period_label(p),
                                if count == 1 { "country" } else { "countries" }
                            ),
                        )
                        .expected(if r == n {
                            r.to_string()
                        } else {
                            format!("{r} reached or {n} new")
                        })
                        .found(count.to_string()),
                    );
                }
                if neither.is_empty() {
                    findings.push(
                        Finding::new(
                            COUNT_VS_LIST.id,
                            Severity::Warning,
                            metric_location(i, pair.count, MetricColumn::Period(first_cell)),
                            format!(
                                "the counts ({}) mix the two readings: countries reached ({}) in some periods, new countries ({}) in others",
                                list_of(&counts),
                                list_of(&reached),
                                list_of(&new)
                            ),
                        ),
                    );
                }
            }
        }
    }
    findings
}

/// Replaces the written tokens of `replacements` in `text`, keeping every
/// separator as written.
fn replace_tokens(text: &str, replacements: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        let replacement = replacements
            .iter()
            .find(|(from, _)| from == token)
            .map(|(_, to)| to.as_str());
        out.push_str(replacement.unwrap_or(token));
        token.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
            out.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

/// Countries of Europe's research area (EU, EFTA, the United Kingdom and
/// the candidates around them): a list of only these that writes `GE` and
/// not `DE` probably means Germany.
const EUROPEAN: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
    "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "GB", "CH", "NO", "IS", "LI",
];

/// Whether the other countries of a list suggest that `GE` means Germany:
/// no `DE`, and at least two other countries, all of western and central
/// Europe.
fn suggests_germany(list: &crate::model::CountryList) -> bool {
    let codes = list.codes();
    let others: Vec<&String> = codes.iter().filter(|c| c.as_str() != "GE").collect();
    !codes.contains("DE")
        && others.len() >= 2
        && others.iter().all(|c| EUROPEAN.contains(&c.as_str()))
}

fn country_code(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
        let columns = std::iter::once(MetricColumn::Baseline)
            .chain((0..metric.values.len()).map(MetricColumn::Period))
            .chain(std::iter::once(MetricColumn::Total));
        for column in columns {
            let cell = match column {
                MetricColumn::Baseline => Some(&metric.baseline),
                MetricColumn::Total => Some(&metric.total),
                MetricColumn::Period(p) => metric.values.get(p),
            };
            let Some(list) = cell.and_then(|c| c.value().countries()) else {
                continue;
            };
            let mut severity = Severity::Info;
            let mut notes: Vec<String> = Vec::new();
            let mut replacements: Vec<(String, String)> = Vec::new();
            for entry in &list.entries {
                let written = &entry.written;
                if replacements.iter().any(|(w, _)| w == written)
                    || notes.iter().any(|n| n.starts_with(&format!("{written} ")))
                {
                    continue;
                }
                match (&entry.note, &entry.code) {
                    (CountryNote::Iso | CountryNote::Name, _) => {}
                    (CountryNote::Alias { canonical }, _) => {
                        notes.push(format!("{written} stands for {canonical}"));
                        replacements.push((written.clone(), canonical.clone()));
                    }
                    // A real code (GE is Georgia): ISO is the truth; see
                    // `maybe_germany` for the note.
                    (CountryNote::Suspicious { .. }, Some(_)) => {}
                    (CountryNote::Suspicious { likely, .. }, None) => {
                        severity = Severity::Warning;
                        let name = crate::model::country::country_name(likely)
                            .unwrap_or_else(|| likely.clone());
                        notes.push(format!(
                            "{written} is not a country code ({name} is {likely}) and is not counted until corrected"
                        ));
                        replacements.push((written.clone(), likely.clone()));
                    }
                    (CountryNote::Unknown, _) => {
                        severity = Severity::Warning;
                        notes.push(format!(
                            "{written} is not a country code and is not counted"
                        ));
                    }
                }
            }
            if notes.is_empty() {
                continue;
            }
            let Some(cell) = cell else { continue };
            let written: Vec<String> = replacements.iter().map(|(w, _)| w.clone()).collect();
            let codes: Vec<String> = replacements.iter().map(|(_, c)| c.clone()).collect();
            let mut finding = Finding::new(
                COUNTRY_CODE.id,
                severity,
                metric_location(i, m, column),
                join_and(&notes),
            )
            .found(cell.text().trim())
            .expected("two-letter country codes (ISO 3166-1 alpha-2)");
            if !replacements.is_empty() {
                let fixed = replace_tokens(cell.text(), &replacements);
                finding = finding
                    .expected(format!("{} (ISO 3166-1 alpha-2 codes)", fixed.trim()))
                    .fix(
                        format!("Write {} for {}", join_and(&codes), join_and(&written)),
                        set_metric_cell(i, m, column, fixed),
                    );
            }
            findings.push(finding);
        }
    }
    findings
}

/// `GE` is Georgia; a note, never a fix, when the rest of the list
/// suggests the writer meant Germany.
fn maybe_germany(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
        let columns = std::iter::once(MetricColumn::Baseline)
            .chain((0..metric.values.len()).map(MetricColumn::Period))
            .chain(std::iter::once(MetricColumn::Total));
        for column in columns {
            let cell = match column {
                MetricColumn::Baseline => Some(&metric.baseline),
                MetricColumn::Total => Some(&metric.total),
                MetricColumn::Period(p) => metric.values.get(p),
            };
            let Some(list) = cell.and_then(|c| c.value().countries()) else {
                continue;
            };
            let Some(entry) = list.entries.iter().find(|e| {
                e.code.as_deref() == Some("GE")
                    && matches!(&e.note, CountryNote::Suspicious { likely, .. } if likely == "DE")
            }) else {
                continue;
            };
            if !suggests_germany(list) {
                continue;
            }
            findings.push(
                Finding::new(
                    MAYBE_GERMANY.id,
                    Severity::Info,
                    metric_location(i, m, column),
                    format!(
                        "{} is the code of Georgia, counted as Georgia; the other countries of the list suggest Germany, whose code is DE",
                        entry.written
                    ),
                )
                .expected("DE if Germany is meant (ISO 3166-1 alpha-2)")
                .found(entry.written.clone()),
            );
        }
    }
    findings
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::tests::{keys, m36, report};
    use super::*;

    const LIST: &str = "Names of the countries reached over the period";
    const COUNT: &str = "Number of countries reached over the period";

    #[test]
    fn counts_that_fit_reached_give_nothing() {
        let report = report(&[(
            "A",
            &[
                (LIST, "", &["ES, PT", "ES, PT, FR", "FR"], ""),
                (COUNT, "", &["2", "3", "1"], "3"),
            ],
        )]);
        assert!(count_vs_list(&report).is_empty());
        assert!(country_union(&report).is_empty());
    }

    #[test]
    fn counts_of_new_countries_are_recognised_and_contradict_the_name() {
        let report = report(&[(
            "A",
            &[
                (LIST, "", &["ES, PT", "ES, PT, FR", "FR"], ""),
                (COUNT, "", &["2", "1", "0"], "3"),
            ],
        )]);
        let findings = count_vs_list(&report);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(
            findings[0].message,
            "The counts (2, 1, 0) are the countries new in each period, not the countries reached (2, 3, 1), which contradicts the row's name, a count over the period"
        );
        // A neutral name: the reading is only reported.
        let neutral = super::super::tests::report(&[(
            "A",
            &[
                (
                    "Names of countries",
                    "",
                    &["ES, PT", "ES, PT, FR", "FR"],
                    "",
                ),
                ("Number of countries", "", &["2", "1", "0"], "3"),
            ],
        )]);
        assert_eq!(count_vs_list(&neutral)[0].severity, Severity::Info);
    }

    #[test]
    fn counts_fitting_neither_reading_are_errors_per_period() {
        let report = report(&[(
            "A",
            &[
                (LIST, "", &["/", "ES, PT, CZ, IE", "ES, CZ, BE, DE, FR"], ""),
                (COUNT, "", &["0", "4", "1"], "5"),
            ],
        )]);
        let findings = count_vs_list(&report);
        assert_eq!(
            keys(&report, &findings),
            [
                "error country-count-vs-list | A | Number of countries reached over the period | M25-M36"
            ]
        );
        assert_eq!(
            findings[0].message,
            "M25-M36 counts 1 country but the list names 5 (3 of them new), so the count fits neither reading"
        );
        let union = country_union(&report);
        assert_eq!(union.len(), 1);
        assert_eq!(
            union[0].message,
            "TOT 5 differs from the 7 distinct countries the list names over all periods (BE, CZ, DE, ES, FR, IE, PT)"
        );
    }

    #[test]
    fn a_list_tot_must_be_the_union() {
        let report = report(&[("A", &[(LIST, "", &["ES", "PT", ""], "ES")])]);
        let findings = country_union(&report);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "TOT lists 1 country but the periods name 2; missing: PT"
        );
    }

    #[test]
    fn codes_are_replaced_keeping_the_separators() {
        let report = report(&[(
            "A",
            &[(LIST, "SP, PT, GE", &["FR, UK; USA", "ES", "XX, ES"], "")],
        )]);
        let findings = country_code(&report);
        assert_eq!(
            keys(&report, &findings),
            [
                format!("warning country-code | A | {LIST} | Baseline"),
                format!("info country-code | A | {LIST} | M1-M12"),
                format!("warning country-code | A | {LIST} | M25-M36"),
            ]
        );
        assert_eq!(
            findings[1].message,
            "UK stands for GB and USA stands for US"
        );
        assert_eq!(
            findings[1].expected.as_deref(),
            Some("FR, GB; US (ISO 3166-1 alpha-2 codes)")
        );
        // GE stays Georgia: only SP is rewritten.
        assert_eq!(
            findings[0].expected.as_deref(),
            Some("ES, PT, GE (ISO 3166-1 alpha-2 codes)")
        );
        assert!(findings[2].fix.is_none());
    }

    #[test]
    fn m36_country_findings_verified_against_the_seed() {
        let report = m36();
        let findings = count_vs_list(&report);
        let keys = keys(&report, &findings);
        // Seed 000, "Number of countries reached over the period" 7, 5, 0 (TOT 12) under lists of
        // 7, 12 and 12 countries (IFCA-CSIC CPU and GPU, INCD CPU, GPU, Storage): new countries.
        for name in [
            "IFCA-CSIC Scientific Cloud - CPU",
            "IFCA-CSIC Scientific Cloud - GPU",
            "INCD - CPU",
            "INCD - GPU",
            "INCD - Storage",
        ] {
            assert!(
                keys.contains(&format!(
                    "warning country-count-vs-list | {name} | {COUNT} | M13-M24"
                )),
                "{name}: {keys:#?}"
            );
        }
        // WaltonCloud CPU 0, 12, 0 under /, 12 and the same 12: new countries too.
        assert!(keys.contains(&format!(
            "warning country-count-vs-list | WaltonCloud - CPU | {COUNT} | M25-M36"
        )));
        // iMagine development 12, 0, 0 under three identical lists of 12, neutral name.
        assert!(keys.contains(
            &"info country-count-vs-list | iMagine - AI Application Development Service | Number of countries reach | M13-M24".to_owned()
        ));
        // AI applications as a service and WaltonCloud Storage: 1 under a list of 5 (ES, CZ, BE, DE, FR).
        assert!(keys.contains(
            &"error country-count-vs-list | iMagine - AI Applications as a Service | Number of countries reached over last year | M25-M36".to_owned()
        ));
        assert!(keys.contains(&format!(
            "error country-count-vs-list | WaltonCloud - Storage | {COUNT} | M25-M36"
        )));
        // TR-FC1-ULAKBIM: 0 under CN, DE, IT, RO, ES, SE, TR, GB, US (9, 4 new).
        let tr = findings
            .iter()
            .find(|f| f.location.installation() == Some(8))
            .unwrap();
        assert_eq!(
            tr.message,
            "M25-M36 counts 0 countries but the list names 9 (4 of them new), so the count fits neither reading"
        );
        // IFCA-CSIC Storage has the rows swapped: no count-vs-list finding there.
        assert!(
            !keys
                .iter()
                .any(|k| k.contains("IFCA-CSIC Scientific Cloud - Storage"))
        );
        assert_eq!(findings.len(), 10, "{keys:#?}");

        let union = country_union(&report);
        let messages: Vec<_> = union.iter().map(|f| f.message.as_str()).collect();
        // AaaS 5 vs 7, TR 12 vs 16 (12 + CN, IT, RO, SE), WaltonCloud Storage 5 vs 7.
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert!(messages[1].starts_with("TOT 12 differs from the 16 distinct countries"));
    }

    #[test]
    fn m36_codes_uk_usa_sp_ge() {
        let report = m36();
        let findings = country_code(&report);
        // iMagine development baseline "SP, PT, FR, US, DE, UK, SK, CZ, CH, AU" (seed 000).
        let first = &findings[0];
        assert_eq!(first.severity, Severity::Warning);
        assert_eq!(
            first.message,
            "SP is not a country code (Spain is ES) and is not counted until corrected and UK stands for GB"
        );
        assert_eq!(
            first.expected.as_deref(),
            Some("ES, PT, FR, US, DE, GB, SK, CZ, CH, AU (ISO 3166-1 alpha-2 codes)")
        );
        // "ES, PT, FR, UK, IT, GE, BE, SK, PL": Georgia among western Europe, no DE.
        let georgia = maybe_germany(&report);
        assert_eq!(georgia.len(), 3);
        assert!(
            georgia
                .iter()
                .all(|f| f.fix.is_none() && f.severity == Severity::Info)
        );
        assert!(!findings.iter().any(|f| f.message.contains("GE")));
    }
}

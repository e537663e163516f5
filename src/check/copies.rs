//! Copy-paste: a metric whose period values equal another metric's. Users
//! of one provider's CPU, GPU and storage services may well be the same
//! people; anything else with the very same figures is worth a look.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{Finding, Rule, Severity, metric_location, num};
use crate::model::{Metric, MetricColumn, MetricKind, Report};

pub const COPIED_VALUES: Rule = Rule {
    id: "copied-values",
    label: "Copied figures",
    description: "a metric whose period values equal another metric's is a likely copy-paste, unless both plausibly measure the same thing",
    check: copied_values,
};

/// Lower-case words of a text (letters and digits).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Who provides each installation: its "Provider(s)" description text when
/// the report has that field and it is filled, else its name without the
/// words that name one of the report's resources ("IFCA-CSIC Scientific
/// Cloud - GPU" and "... - Storage" are one provider's when GPU and Storage
/// are resources).
fn providers(report: &Report) -> Vec<String> {
    let field = report
        .description_fields
        .iter()
        .position(|f| f.label.trim().to_lowercase().starts_with("provider"));
    let resource_words: Vec<String> = report
        .resources()
        .iter()
        .flat_map(|row| {
            words(&row.label)
                .chain(words(&row.unit))
                .collect::<Vec<_>>()
        })
        .collect();
    report
        .installations
        .iter()
        .map(|installation| {
            let written = field
                .map(|f| installation.description_text(f).trim())
                .unwrap_or_default();
            if !written.is_empty() {
                return written.to_lowercase();
            }
            let kept: Vec<String> = words(&installation.name)
                .filter(|w| !resource_words.contains(w))
                .collect();
            if kept.is_empty() {
                installation.name.to_lowercase()
            } else {
                kept.join(" ")
            }
        })
        .collect()
}

/// What a metric measures, for comparing two metrics: its resource or
/// what it counts (users, countries) when the name says, else its name.
fn measure(metric: &Metric) -> Cow<'_, str> {
    let kind = metric.kind();
    let lower = || Cow::Owned(metric.name.trim().to_lowercase());
    match kind {
        MetricKind::Quantity => match metric.resource() {
            None => lower(),
            Some(resource) => Cow::Borrowed(resource),
        },
        _ => {
            let name = metric.name.to_ascii_lowercase();
            if name.contains("countr") {
                Cow::Borrowed("countries")
            } else if name.contains("user") {
                Cow::Borrowed("users")
            } else {
                lower()
            }
        }
    }
}

/// The period values as a comparable key, when every one is a number and
/// at least two are not zero (a row of zeros says nothing).
fn key(metric: &Metric) -> Option<Vec<u64>> {
    let bits: Vec<u64> = metric
        .values
        .iter()
        .map(|c| c.number().map(f64::to_bits))
        .collect::<Option<_>>()?;
    let zero = 0.0f64.to_bits();
    (bits.iter().filter(|b| **b != zero).count() >= 2).then_some(bits)
}

/// An earlier metric with the same period values.
struct Earlier<'a> {
    installation: usize,
    metric: usize,
    provider: usize,
    measure: Cow<'a, str>,
}

fn copied_values(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut seen: HashMap<Vec<u64>, Vec<Earlier<'_>>> = HashMap::new();
    let providers = providers(report);
    let same_provider = |a: usize, b: usize| providers.get(a) == providers.get(b);
    for (i, installation) in report.installations.iter().enumerate() {
        for (m, metric) in installation.metrics.iter().enumerate() {
            if !matches!(
                metric.kind(),
                MetricKind::Quantity
                    | MetricKind::LevelLast
                    | MetricKind::LevelLargest
                    | MetricKind::DistinctCount
                    | MetricKind::CountryCount
            ) {
                continue;
            }
            let Some(key) = key(metric) else { continue };
            let measure = measure(metric);
            let earlier = seen.entry(key).or_default();
            // Same measure at the same provider: plausibly the same people, and
            // any later copy of this one is judged against it.
            let plausible = earlier
                .iter()
                .any(|e| same_provider(e.provider, i) && e.measure == measure);
            if !plausible
                && let Some(first) = earlier.first()
                && let Some(other) = report
                    .installations
                    .get(first.installation)
                    .and_then(|x| x.metrics.get(first.metric))
            {
                let values = metric
                    .values
                    .iter()
                    .filter_map(|c| c.number())
                    .map(num)
                    .collect::<Vec<_>>()
                    .join(", ");
                let (severity, why) = if first.measure == measure {
                    (Severity::Info, "another provider's figures")
                } else {
                    (Severity::Warning, "a different measure")
                };
                let other_installation = report
                    .installations
                    .get(first.installation)
                    .map(|x| x.name.as_str())
                    .unwrap_or_default();
                findings.push(
                    Finding::new(
                        COPIED_VALUES.id,
                        severity,
                        metric_location(i, m, MetricColumn::Period(0)),
                        format!(
                            "The periods ({values}) equal those of \"{}\" of {other_installation}, {why}: a likely copy-paste",
                            other.name
                        ),
                    )
                    .found(values),
                );
            }
            earlier.push(Earlier {
                installation: i,
                metric: m,
                provider: i,
                measure,
            });
        }
    }
    findings
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::tests::{keys, m36, report};
    use super::*;

    #[test]
    fn copies_across_measures_and_providers() {
        let report = report(&[
            (
                "P - AI",
                &[(
                    "Number of AI applications hosted",
                    "",
                    &["0", "5", "111"],
                    "116",
                )],
            ),
            (
                "Q - CPU",
                &[("Number of users", "", &["36", "83", "21"], "140")],
            ),
            (
                "Q - GPU",
                &[("Number of users", "", &["36", "83", "21"], "140")],
            ),
            (
                "R - Storage",
                &[("Number of users", "", &["0", "5", "111"], "116")],
            ),
            (
                "S - CPU",
                &[("Number of users", "", &["36", "83", "21"], "140")],
            ),
            ("T - CPU", &[("Number of users", "", &["0", "0", "7"], "7")]),
            ("U - CPU", &[("Number of users", "", &["0", "0", "7"], "7")]),
        ]);
        // Q - CPU and Q - GPU are one provider's when CPU and GPU are resources.
        let mut report = report;
        report.cumulative.rows = ["CPU", "GPU", "Storage"]
            .iter()
            .map(|label| crate::model::CumulativeRow::named(label, "", 0))
            .collect();
        report.refresh_guesses();
        let findings = copied_values(&report);
        assert_eq!(
            keys(&report, &findings),
            [
                "warning copied-values | R - Storage | Number of users | M1-M12",
                "info copied-values | S - CPU | Number of users | M1-M12",
            ]
        );
        assert_eq!(
            findings[0].message,
            "The periods (0, 5, 111) equal those of \"Number of AI applications hosted\" of P - AI, a different measure: a likely copy-paste"
        );
    }

    #[test]
    fn m36_copies_verified_against_the_seed() {
        // Seed 000: WaltonCloud Storage users 0, 5, 111 are the AI applications hosted of the
        // AI Applications as a Service; IFCA-CSIC GPU and Storage users (36, 83, 21) are one provider's.
        let report = m36();
        let findings = copied_values(&report);
        let keys = keys(&report, &findings);
        assert!(
            keys.contains(
                &"warning copied-values | WaltonCloud - Storage | Number of users | M1-M12"
                    .to_owned()
            ),
            "{keys:#?}"
        );
        assert!(
            !keys
                .iter()
                .any(|k| k.contains("IFCA-CSIC Scientific Cloud - Storage | Number of users"))
        );
        // Models trained 10, 16, 14 = models developed.
        assert!(keys.contains(&"warning copied-values | iMagine - AI Application Development Service | Number of AI models trained | M1-M12".to_owned()));
    }
}

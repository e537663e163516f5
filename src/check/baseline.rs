//! Baselines are targets: a TOT below its metric's baseline is worth a look.

use super::{Finding, Rule, Severity, metric_location, metrics, num};
use crate::model::{Bound, MetricColumn, MetricKind, Report};

pub const BELOW_BASELINE: Rule = Rule {
    id: "below-baseline",
    label: "Baselines",
    description: "a TOT below its baseline (read in its own form: > 15000, 3M, 1 PB = 1,000 TB)",
    check: below_baseline,
};

fn below_baseline(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, m, metric) in metrics(report) {
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
        let (Some(target), Some(total)) = (
            metric.baseline.value().quantity(),
            metric.total.value().quantity(),
        ) else {
            continue;
        };
        if target.value <= 0.0 || target.unit.as_deref() == Some("%") {
            continue;
        }
        let below = match target.bound {
            Bound::MoreThan => total.value <= target.value,
            Bound::Exact | Bound::AtLeast | Bound::Approximately => total.value < target.value,
            // An upper bound is a ceiling, not a target to reach.
            Bound::LessThan | Bound::AtMost => false,
        };
        if !below {
            continue;
        }
        let written = metric.baseline.text().trim();
        let shown = if target.plain {
            num(target.value)
        } else if target.unit.as_deref() == Some("TB") && !written.to_uppercase().contains("TB") {
            format!("{written} = {} TB", num(target.value))
        } else {
            written.to_owned()
        };
        let percent = if target.value > 0.0 {
            format!(
                " ({} % of it)",
                num((total.value / target.value * 100.0).round())
            )
        } else {
            String::new()
        };
        findings.push(
            Finding::new(
                BELOW_BASELINE.id,
                Severity::Info,
                metric_location(i, m, MetricColumn::Total),
                format!(
                    "TOT {} is below the baseline {shown}{percent}",
                    num(total.value)
                ),
            )
            .expected(shown.clone())
            .found(num(total.value)),
        );
    }
    findings
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::super::tests::{keys, m36, report};
    use super::*;

    #[test]
    fn baselines_in_their_own_forms() {
        let report = report(&[(
            "A",
            &[
                ("GPU hours", "> 15000", &["0", "1,752", "8,760"], "10,512"),
                (
                    "GPU hours, met",
                    "> 10000",
                    &["0", "1,752", "8,760"],
                    "10,512",
                ),
                ("CPU hours", "3M", &["1", "1", "1"], "3"),
                ("Storage served", "1 PB", &["30", "430", "295"], "755"),
                ("Storage, no target", "N/A", &["1", "1", "1"], "3"),
                ("Storage, zero", "0", &["1", "1", "1"], "3"),
                (
                    "Number of users",
                    "4.000.000",
                    &["4,000,000", "0", "0"],
                    "4,000,000",
                ),
            ],
        )]);
        let findings = below_baseline(&report);
        assert_eq!(
            keys(&report, &findings),
            [
                "info below-baseline | A | GPU hours | TOT",
                "info below-baseline | A | CPU hours | TOT",
                "info below-baseline | A | Storage served | TOT",
            ]
        );
        assert_eq!(
            findings[0].message,
            "TOT 10,512 is below the baseline > 15000 (70 % of it)"
        );
        assert_eq!(
            findings[2].message,
            "TOT 755 is below the baseline 1 PB = 1,000 TB (76 % of it)"
        );
    }

    #[test]
    fn m36_below_baseline_verified_against_the_seed() {
        // Seed 000: INCD GPU "> 15000" vs 10,512; IFCA-CSIC Storage "1 PB" vs 755;
        // INCD Storage "> 100" vs 80; IFCA-CSIC CPU "3M" vs 8,381,165 is met.
        let report = m36();
        let keys = keys(&report, &below_baseline(&report));
        assert!(
            keys.contains(
                &"info below-baseline | INCD - GPU | GPU node/hours served over the period | TOT"
                    .to_owned()
            )
        );
        assert!(keys.contains(&"info below-baseline | IFCA-CSIC Scientific Cloud - Storage | Storage served over the period | TOT".to_owned()));
        assert!(
            keys.contains(
                &"info below-baseline | INCD - Storage | TB/month served over the period | TOT"
                    .to_owned()
            )
        );
        assert!(
            !keys
                .iter()
                .any(|k| k.contains("IFCA-CSIC Scientific Cloud - CPU | CPU"))
        );
    }
}

//! Every fix is proven: applied to the report, it removes its finding and
//! brings no new error. Over both samples, the reports of other projects,
//! and generated reports with mistakes planted in every way a fix exists for.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

mod common;

use va_report::check::{Finding, Location, Severity, check_report};
use va_report::model::{Cell, CumulativeColumn, Metric, MetricColumn, Report};
use va_report::samples::{Sample, generated, generated_with_periods};

/// What identifies a finding across an edit: its rule and place; for prose,
/// which has no cell, also the text it found.
fn identity(finding: &Finding) -> (String, Location, Option<String>) {
    let found = match finding.location {
        Location::Section(_) | Location::Assessment(_) => finding.found.clone(),
        _ => None,
    };
    (finding.rule.to_owned(), finding.location, found)
}

/// Applies every fix of `report` on its own copy; returns how many were tried.
fn prove_fixes(name: &str, report: &Report) -> usize {
    let before = check_report(report);
    let errors_before: Vec<_> = before
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(identity)
        .collect();
    let mut tried = 0;
    for finding in before.iter().filter(|f| f.fix.is_some()) {
        let fix = finding.fix.clone().unwrap();
        let mut fixed = report.clone();
        va_report::edit::apply(&mut fixed, fix.edit).unwrap();
        let after = check_report(&fixed);
        let me = identity(finding);
        assert!(
            !after.iter().any(|f| identity(f) == me),
            "{name}: fix {:?} did not clear: {}",
            fix.label,
            finding.message
        );
        let new_errors: Vec<&str> = after
            .iter()
            .filter(|f| f.severity == Severity::Error && !errors_before.contains(&identity(f)))
            .map(|f| f.message.as_str())
            .collect();
        assert!(
            new_errors.is_empty(),
            "{name}: fix {:?} of {:?} brought new errors: {new_errors:#?}",
            fix.label,
            finding.message
        );
        tried += 1;
    }
    tried
}

fn set(metric: &mut Metric, column: MetricColumn, text: &str) {
    let cell = match column {
        MetricColumn::Baseline => &mut metric.baseline,
        MetricColumn::Total => &mut metric.total,
        MetricColumn::Period(p) => &mut metric.values[p],
    };
    *cell = Cell::new(text);
}

/// A generated report with one kind of mistake per installation, chosen by
/// its index: every rule with a fix gets something to fix.
fn with_mistakes(mut report: Report) -> Report {
    let periods = report.periods.len();
    for (i, installation) in report.installations.iter_mut().enumerate() {
        let metrics = &mut installation.metrics;
        match i % 9 {
            // A quantity's TOT that is not the sum.
            0 => set(&mut metrics[0], MetricColumn::Total, "1"),
            // A blank period under a known TOT.
            1 => set(&mut metrics[0], MetricColumn::Period(1), ""),
            // A blank TOT.
            2 => set(&mut metrics[0], MetricColumn::Total, ""),
            // The other decimal convention (the TOT stays the old sum).
            3 => set(&mut metrics[0], MetricColumn::Period(0), "1234,5"),
            // A level whose TOT is the sum.
            4 => {
                let mut level = Metric::new("Disk space allocated (TB)", periods);
                for (p, cell) in level.values.iter_mut().enumerate() {
                    *cell = Cell::new(format!("{}", 10 * (p + 1)));
                }
                level.total = Cell::new("999");
                metrics.push(level);
            }
            // Country lists with aliases and a token that is no code, and a
            // count whose TOT is off.
            5 => {
                let mut list = Metric::new("Names of the countries reached", periods);
                let mut count = Metric::new("Number of countries reached", periods);
                let lists = ["UK, FR", "SP, PT, USA", "ES, EL"];
                for p in 0..periods {
                    let text = lists[p % lists.len()];
                    list.values[p] = Cell::new(text);
                    count.values[p] = Cell::new(format!("{}", text.split(',').count()));
                }
                list.total = Cell::new("FR");
                count.total = Cell::new("9");
                metrics.push(list);
                metrics.push(count);
            }
            // Swapped list and count rows.
            6 => {
                let mut list = Metric::new("Names of the countries reached", periods);
                let mut count = Metric::new("Number of countries reached", periods);
                for p in 0..periods {
                    list.values[p] = Cell::new("2");
                    count.values[p] = Cell::new("ES, PT");
                }
                metrics.push(list);
                metrics.push(count);
            }
            // A list TOT missing a country, a count TOT off the union.
            7 => {
                let mut list = Metric::new("Names of the countries reached", periods);
                let mut count = Metric::new("Number of countries reached", periods);
                let lists = ["ES, PT", "ES, FR", "IT"];
                for p in 0..periods {
                    let text = lists[p % lists.len()];
                    list.values[p] = Cell::new(text);
                    count.values[p] = Cell::new(format!("{}", text.split(',').count()));
                }
                list.total = Cell::new("ES");
                count.total = Cell::new("5");
                metrics.push(list);
                metrics.push(count);
            }
            _ => {}
        }
    }
    // Table 1: one Storage checkpoint off, where it has any (the storage
    // installations' own rows agree, so the table is singled out).
    if let Some(row) = report.cumulative.rows.get_mut(2)
        && let Some(cell) = row.used.get_mut(1)
    {
        *cell = Cell::new("17");
    }
    // A prose figure and a date range that ends before it starts.
    report.sections.push(va_report::model::Section {
        kind: va_report::model::SectionKind::ExecutiveSummary,
        title: "Executive summary".to_owned(),
        text: "The providers delivered 12 CPU-hours in total. Between September 2023 - August 2023 the service grew.".to_owned(),
    });
    report.prepare().unwrap();
    report
}

#[test]
fn fixes_of_the_samples() {
    assert!(prove_fixes("M36", &Sample::M36.report().unwrap()) > 5);
    prove_fixes("M24", &Sample::M24.report().unwrap());
}

#[test]
fn fixes_of_other_projects() {
    let mut tried = 0;
    for project in common::other_projects::all() {
        tried += prove_fixes(project.file, &project.report);
    }
    assert!(tried >= 3, "{tried}");
}

#[test]
fn fixes_of_generated_reports_with_mistakes() {
    let three = with_mistakes(generated(27, 4));
    let tried = prove_fixes("generated 27x4", &three);
    let twelve = with_mistakes(generated_with_periods(18, 4, 12));
    let tried_long = prove_fixes("generated 18x4, 12 periods", &twelve);
    assert!(tried >= 20 && tried_long >= 15, "{tried} {tried_long}");
    // Every rule that offers fixes offered one here.
    let rules: std::collections::BTreeSet<&str> = check_report(&three)
        .iter()
        .chain(check_report(&twelve).iter())
        .filter(|f| f.fix.is_some())
        .map(|f| f.rule)
        .collect();
    for rule in [
        "total-quantity-sum",
        "total-level",
        "total-country-union",
        "country-code",
        "swapped-rows",
        "missing-value",
        "other-decimal-convention",
        "cumulative-vs-installations",
        "prose-figure",
        "prose-date-range",
    ] {
        assert!(
            rules.contains(rule),
            "no fix of {rule} was tried: {rules:?}"
        );
    }
}

#[test]
fn no_fix_where_the_evidence_is_not_unambiguous() {
    // GE is Georgia: a note, never a fix; SP is not counted, so no TOT is
    // set from a count that includes it.
    let mut report = with_mistakes(generated(6, 2));
    report.installations[0].metrics.push({
        let mut list = Metric::new("Names of the countries reached", 3);
        list.values = vec![Cell::new("FR, GE, IT"), Cell::new("SP, PT"), Cell::new("")];
        list
    });
    report.prepare().unwrap();
    let findings = check_report(&report);
    for finding in &findings {
        if finding.rule == "country-georgia-or-germany" {
            assert!(finding.fix.is_none());
        }
    }
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "country-georgia-or-germany")
    );
    let _ = CumulativeColumn::Budget;
}

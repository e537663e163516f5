//! Reports of other projects, written for these tests in shapes the
//! built-in samples do not have: other resources and metric names (node
//! hours, vCPU hours, an archive in PB, datasets, downloads, notebook
//! sessions), half-year and irregular periods, decimal points and commas,
//! country names, prose in Spanish, a version 1 file. Each must be read as
//! its writer meant it: every value as written, every metric of a resource
//! linked to it, levels and lists recognised, and no finding on tables that
//! agree.
//!
//! `tests/fixtures/reports/`:
//! - `hydronet-m18`: half-yearly, decimal point, HPC core-hours, cloud vCPU
//!   hours, a tape archive in PB, object storage in TB-month; a country list
//!   of English names and codes; levels ("cumulative", "allocated").
//! - `datacat-m30`: periods of 18 and 12 months, decimal comma, format
//!   version 1 (the mark is detected); datasets, downloads and TB.
//! - `notebookhub-m24`: yearly, GPU-hours and notebook sessions; a peak
//!   (largest) level; countries as names and codes.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use std::path::Path;

use va_report::check::check_report;
use va_report::model::{DecimalMark, MetricKind, Report};
use va_report::project_file;

fn load(name: &str) -> (Report, Option<u64>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name);
    let (report, notes) = project_file::load_with_notes(&path).unwrap();
    (report, notes.migrated_from)
}

/// (installation, metric, kind, resource id, period values)
type Expected<'a> = (
    &'a str,
    &'a str,
    MetricKind,
    Option<&'a str>,
    &'a [Option<f64>],
);

fn check_metrics(report: &Report, expected: &[Expected<'_>]) {
    for &(installation, metric, kind, resource, values) in expected {
        let found = report
            .installations
            .iter()
            .find(|i| i.name == installation)
            .and_then(|i| i.metrics.iter().find(|m| m.name == metric))
            .unwrap_or_else(|| panic!("{installation}: {metric} is missing"));
        assert_eq!(found.kind(), kind, "kind of {metric:?}");
        assert_eq!(found.resource(), resource, "resource of {metric:?}");
        let read: Vec<Option<f64>> = found.values.iter().map(|c| c.number()).collect();
        assert_eq!(read, values, "values of {metric:?}");
        assert!(
            found
                .values
                .iter()
                .all(|c| !c.value().quantity().is_some_and(|q| q.other_convention)),
            "{metric:?}: every number is in the report's convention"
        );
    }
}

fn no_findings(report: &Report) {
    let findings = check_report(report);
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert!(messages.is_empty(), "{messages:#?}");
}

/// Saving and reading again keeps every text and every reading.
fn round_trips(report: &Report) {
    let (again, notes) = project_file::read_json(&project_file::to_json(report)).unwrap();
    assert_eq!(notes.migrated_from, None);
    assert_eq!(&again, report);
}

#[test]
fn hydronet_half_years_hpc_cloud_archive_and_decimal_points() {
    use MetricKind::*;
    let (report, migrated) = load("hydronet-m18.vareport.json");
    assert_eq!(migrated, None);
    assert_eq!(report.decimal_mark, DecimalMark::Point);
    let fields: Vec<&str> = report
        .description_fields
        .iter()
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(
        fields[3..],
        ["Access policy", "Installation ID", "Provider"]
    );
    check_metrics(
        &report,
        &[
            (
                "Basin HPC cluster",
                "Node hours used",
                Quantity,
                Some("hpc"),
                &[Some(310_000.0), Some(392_500.5), Some(447_499.5)],
            ),
            (
                "Basin HPC cluster",
                "Number of users",
                DistinctCount,
                None,
                &[Some(12.0), Some(31.0), Some(40.0)],
            ),
            (
                "Basin HPC cluster",
                "Countries of origin",
                CountryList,
                None,
                &[None, None, None],
            ),
            (
                "Cloud for hydrology",
                "vCPU hours consumed",
                Quantity,
                Some("cloud"),
                &[Some(40_000.0), Some(55_000.0), Some(85_000.0)],
            ),
            (
                "Cloud for hydrology",
                "Registered users, cumulative",
                LevelLast,
                None,
                &[Some(10.0), Some(25.0), Some(40.0)],
            ),
            (
                "Data archive",
                "Data archived (PB)",
                Quantity,
                Some("archive"),
                &[Some(0.315), Some(0.42), Some(0.5)],
            ),
            (
                "Data archive",
                "Disk space allocated (TB)",
                LevelLast,
                Some("archive"),
                &[Some(100.0), Some(250.0), Some(400.0)],
            ),
            (
                "Data archive",
                "Object storage used (TB-month)",
                Quantity,
                Some("object-storage"),
                &[Some(1_204.75), Some(1_295.25), Some(1_500.0)],
            ),
        ],
    );
    let countries = report.installations[0].metrics[2].values[2]
        .value()
        .countries()
        .unwrap()
        .codes();
    assert_eq!(countries.into_iter().collect::<Vec<_>>(), ["CZ", "GB"]);
    let archive = report.cumulative.resource("archive").unwrap();
    assert_eq!(archive.used[0].number(), Some(0.315));
    no_findings(&report);
    round_trips(&report);
}

#[test]
fn datacat_irregular_periods_decimal_commas_and_a_version_1_file() {
    use MetricKind::*;
    let (report, migrated) = load("datacat-m30.vareport.json");
    assert_eq!(migrated, Some(1));
    assert_eq!(
        report.decimal_mark,
        DecimalMark::Comma,
        "detected from 12,5 and 30,25"
    );
    let resources: Vec<(&str, &str)> = report
        .resources()
        .iter()
        .map(|r| (r.id.as_str(), r.label.as_str()))
        .collect();
    assert_eq!(
        resources,
        [
            ("datasets", "Datasets"),
            ("descargas", "Descargas"),
            ("storage", "Storage")
        ]
    );
    check_metrics(
        &report,
        &[
            (
                "Repositorio DataCat",
                "Datasets published",
                Quantity,
                Some("datasets"),
                &[Some(410.0), Some(495.0)],
            ),
            (
                "Repositorio DataCat",
                "Number of downloads",
                Quantity,
                Some("descargas"),
                &[Some(61_204.0), Some(89_106.0)],
            ),
            (
                "Repositorio DataCat",
                "Usuarios únicos",
                DistinctCount,
                None,
                &[Some(1_020.0), Some(1_433.0)],
            ),
            (
                "Repositorio DataCat",
                "Storage used (TB)",
                Quantity,
                Some("storage"),
                &[Some(12.5), Some(17.75)],
            ),
        ],
    );
    assert_eq!(report.resources()[1].budget.number(), Some(250_000.0));
    no_findings(&report);
    round_trips(&report);
}

#[test]
fn notebookhub_gpus_sessions_a_peak_and_country_names() {
    use MetricKind::*;
    let (report, _) = load("notebookhub-m24.vareport.json");
    check_metrics(
        &report,
        &[
            (
                "GPU notebooks",
                "GPU time delivered (hours)",
                Quantity,
                Some("gpu"),
                &[Some(62_300.25), Some(125_149.75)],
            ),
            (
                "GPU notebooks",
                "Jupyter sessions launched",
                Quantity,
                Some("sessions"),
                &[Some(21_000.0), Some(31_000.0)],
            ),
            (
                "GPU notebooks",
                "Peak concurrent users",
                LevelLargest,
                None,
                &[Some(140.0), Some(212.0)],
            ),
            (
                "GPU notebooks",
                "Countries reached",
                CountryList,
                None,
                &[None, None],
            ),
        ],
    );
    no_findings(&report);
    round_trips(&report);
}

/// A planted mistake in each fixture is found where it is: the archive's TOT
/// summed like a quantity would be right, but a level's TOT is its last value.
#[test]
fn a_level_summed_like_a_quantity_is_found_in_its_cell() {
    let (mut report, _) = load("hydronet-m18.vareport.json");
    let edit = va_report::edit::Edit::SetCell {
        address: va_report::model::CellAddress::Metric {
            installation: 2,
            metric: 1,
            column: va_report::model::MetricColumn::Total,
        },
        text: "750".to_owned(),
    };
    va_report::edit::apply(&mut report, edit).unwrap();
    let findings = check_report(&report);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].rule, "total-level");
    assert_eq!(
        findings[0].location.names(&report).metric.as_deref(),
        Some("Disk space allocated (TB)")
    );
}

/// A provider's file in Spanish with decimal commas, for a report written
/// with decimal points: the value keeps its value in the report's
/// convention, `Periodo 3` is the report's third half-year, and the TOT
/// of the changed quantity follows in the same undo step.
#[test]
fn an_import_in_another_language_keeps_values_and_the_tot_follows() {
    use va_report::import::{ImportInput, Progress, import};
    let (report, _) = load("hydronet-m18.vareport.json");
    let file = "Indicador;Periodo 3\nNode hours used;450.000,5\nNumber of users;41\n";
    let plan = import(
        &report,
        &[ImportInput::bytes(
            "Basin HPC cluster.csv",
            file.as_bytes().to_vec(),
        )],
        &Progress::default(),
    );
    let changes: Vec<(&str, &str, &str, &str)> = plan
        .changes
        .iter()
        .map(|c| {
            (
                c.metric.as_str(),
                c.column.as_str(),
                c.old.as_str(),
                c.new.as_str(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("Node hours used", "M13-M18", "447,499.5", "450,000.5"),
            ("Number of users", "M13-M18", "40", "41"),
        ]
    );
    let totals: Vec<(&str, &str, &str, bool)> = plan
        .totals
        .iter()
        .map(|t| (t.metric.as_str(), t.old.as_str(), t.new.as_str(), t.typed))
        .collect();
    assert_eq!(
        totals,
        [("Node hours used", "1,150,000", "1,152,501", false)]
    );

    let mut imported = report.clone();
    let undo = va_report::edit::apply(&mut imported, plan.to_edit()).unwrap();
    let hours = &imported.installations[0].metrics[0];
    assert_eq!(hours.values[2].number(), Some(450_000.5));
    assert_eq!(hours.total.number(), Some(1_152_501.0));
    va_report::edit::apply(&mut imported, undo).unwrap();
    assert_eq!(imported, report, "one undo step takes it all back");
}

/// A TOT typed by hand that already disagreed is not overwritten: the plan
/// says it will disagree.
#[test]
fn a_typed_tot_that_disagrees_is_flagged_not_overwritten() {
    use va_report::import::{ImportInput, Progress, import};
    let (mut report, _) = load("hydronet-m18.vareport.json");
    va_report::edit::apply(
        &mut report,
        va_report::edit::Edit::SetCell {
            address: va_report::model::CellAddress::Metric {
                installation: 0,
                metric: 0,
                column: va_report::model::MetricColumn::Total,
            },
            text: "1,200,000".to_owned(),
        },
    )
    .unwrap();
    let file = "Metric;M13-M18\nNode hours used;450000.5\n";
    let plan = import(
        &report,
        &[ImportInput::bytes(
            "Basin HPC cluster.csv",
            file.as_bytes().to_vec(),
        )],
        &Progress::default(),
    );
    assert_eq!(plan.totals.len(), 1);
    assert!(plan.totals[0].typed);
    assert_eq!(plan.applied_totals().count(), 0);
    assert!(
        plan.to_text()
            .contains("TOT: 1,200,000 was typed and will disagree")
    );
}

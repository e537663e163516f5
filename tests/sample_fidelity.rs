//! The built-in samples must equal the real deliverables they were transcribed from.
//!
//! Every expected value below was read from the seed texts, not from the JSON
//! in `assets/` (that JSON is what is under test):
//! - `shared/seeds/000_86cdf2b918a9ce04.txt`: the final (M36) assessment, DOCX
//!   text, tables flattened one cell per line (each cell line starts with a TAB).
//! - `shared/seeds/001_86d32f3a920523b7.txt`: the M24 assessment, OCR of a PDF;
//!   only the headings, the texts and the cumulative table survive.
//!
//! The deliverables contain real mistakes (wrong totals, swapped rows, `UK`,
//! `USA`, `GE`, blank and `/` cells, stray spaces, the OCR's `0]`); the samples
//! keep them, and so do these expectations. Cell texts are compared exactly
//! (the seed line minus its leading TAB); prose is compared after collapsing
//! runs of whitespace, because line breaks inside a paragraph (OCR, DOCX cells
//! broken over two lines) are layout, not content.

#![allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test

use va_report::model::{
    Installation, Metric, MetricKind, MonthRange, Report, SectionKind, YearMonth,
};
use va_report::samples::Sample;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn m36() -> Report {
    Sample::M36.report().expect("the M36 sample loads")
}

fn m24() -> Report {
    Sample::M24.report().expect("the M24 sample loads")
}

/// Collapses every run of whitespace into one space and trims the ends.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn squashed_contains(haystack: &str, needle: &str) -> bool {
    squash(haystack).contains(&squash(needle))
}

fn installation<'a>(report: &'a Report, name: &str) -> &'a Installation {
    report
        .installations
        .iter()
        .find(|installation| installation.name == name)
        .unwrap_or_else(|| {
            let names: Vec<_> = report.installations.iter().map(|i| &i.name).collect();
            panic!("no installation named {name:?}; the sample has {names:?}")
        })
}

fn metric<'a>(installation: &'a Installation, name: &str) -> &'a Metric {
    installation
        .metrics
        .iter()
        .find(|metric| metric.name == name)
        .unwrap_or_else(|| panic!("{:?} has no metric named {name:?}", installation.name))
}

/// One row of a metrics table as the seed prints it:
/// `Metric name | Baseline | Define how measurement is done | M1-M12 | M13-M24 | M25-M36 | TOT`.
struct Row {
    name: &'static str,
    baseline: &'static str,
    method: &'static str,
    values: [&'static str; 3],
    total: &'static str,
}

const fn row(
    name: &'static str,
    baseline: &'static str,
    method: &'static str,
    values: [&'static str; 3],
    total: &'static str,
) -> Row {
    Row {
        name,
        baseline,
        method,
        values,
        total,
    }
}

/// What the M36 seed prints for one installation.
struct Expected {
    /// The heading, without its section number.
    name: &'static str,
    task: &'static str,
    /// `""` when the seed's description table has no Providers row.
    providers: &'static str,
    location: &'static str,
    operational_since: &'static str,
    /// A distinctive fragment of the Description cell.
    description_fragment: &'static str,
    /// A sentence (or part of one) of the assessment paragraph.
    assessment_sentence: &'static str,
    /// The metrics table, rows in the seed's order.
    metrics: &'static [Row],
}

/// Compares one installation of the sample with what the seed prints and
/// panics with every difference found, naming the installation and metric.
fn check_installation(report: &Report, expected: &Expected) {
    let actual = installation(report, expected.name);
    let mut problems: Vec<String> = Vec::new();
    let differ = |problems: &mut Vec<String>, what: String, want: &str, found: &str| {
        if want != found {
            problems.push(format!("{what}: expected {want:?}, found {found:?}"));
        }
    };

    let field = |label: &str| {
        va_report::model::description::field_index(&report.description_fields, label)
            .map_or("", |f| actual.description_text(f))
    };
    differ(&mut problems, "Task".into(), expected.task, field("Task"));
    differ(
        &mut problems,
        "Providers".into(),
        expected.providers,
        field("Providers"),
    );
    differ(
        &mut problems,
        "Location".into(),
        expected.location,
        field("Location"),
    );
    differ(
        &mut problems,
        "Operational since".into(),
        expected.operational_since,
        field("Operational since"),
    );
    if !squashed_contains(field("Description"), expected.description_fragment) {
        problems.push(format!(
            "Description does not contain {:?}; it is {:?}",
            expected.description_fragment,
            field("Description")
        ));
    }
    if !squashed_contains(&actual.assessment, expected.assessment_sentence) {
        problems.push(format!(
            "Assessment does not contain {:?}; it is {:?}",
            expected.assessment_sentence, actual.assessment
        ));
    }

    if actual.metrics.len() != expected.metrics.len() {
        let names: Vec<_> = actual.metrics.iter().map(|m| &m.name).collect();
        problems.push(format!(
            "expected {} metric rows, found {}: {names:?}",
            expected.metrics.len(),
            actual.metrics.len()
        ));
    }
    for (index, (want, found)) in expected.metrics.iter().zip(&actual.metrics).enumerate() {
        let at = |column: &str| format!("metric row {} {:?}, {column}", index + 1, want.name);
        differ(&mut problems, at("name"), want.name, &found.name);
        differ(
            &mut problems,
            at("Baseline"),
            want.baseline,
            found.baseline.text(),
        );
        differ(
            &mut problems,
            at("Define how measurement is done"),
            want.method,
            &found.method,
        );
        if found.values.len() != want.values.len() {
            problems.push(format!(
                "{}: expected {} period values, found {}",
                at("periods"),
                want.values.len(),
                found.values.len()
            ));
        }
        for ((label, want_value), found_value) in ["M1-M12", "M13-M24", "M25-M36"]
            .iter()
            .zip(want.values)
            .zip(&found.values)
        {
            differ(&mut problems, at(label), want_value, found_value.text());
        }
        differ(&mut problems, at("TOT"), want.total, found.total.text());
    }

    assert!(
        problems.is_empty(),
        "installation {:?} differs from the M36 seed:\n  {}",
        expected.name,
        problems.join("\n  ")
    );
}

// ---------------------------------------------------------------------------
// The M36 seed, transcribed
// ---------------------------------------------------------------------------

const M36_NAMES: [&str; 11] = [
    "iMagine - AI Application Development Service",
    "iMagine - AI Applications as a Service",
    "IFCA-CSIC Scientific Cloud - CPU",
    "IFCA-CSIC Scientific Cloud - GPU",
    "IFCA-CSIC Scientific Cloud - Storage",
    "INCD - CPU",
    "INCD - GPU",
    "INCD - Storage",
    "TR-FC1-ULAKBIM",
    "WaltonCloud - CPU",
    "WaltonCloud - Storage",
];

/// The twelve-country list the T4.3 providers repeat period after period.
const TWELVE: &str = "FR, BE, ES, IE, DE, SK, NL, USA, UK, DK, TR, PT";
const SEVEN: &str = "FR, BE, ES, IE, DE, SK, NL";
/// The baseline list of the IFCA-CSIC installations (`UK`, `GE` as printed).
const IFCA_BASELINE_LIST: &str = "ES, PT, FR, UK, IT, GE, BE, SK, PL";
const AAI: &str = "Collected from local AAI system";
const LOCAL_ACCOUNTING: &str = "Collected from local accounting";

/// Seed line 197: a TAB, 48 spaces, then `10`.
const BASELINE_48_SPACES_10: &str = "                                                10";
/// Seed line 958: a TAB, 3 spaces, then `11,586,723`.
const BASELINE_3_SPACES_11586723: &str = "   11,586,723";

const IMAGINE_DEVELOPMENT: Expected = Expected {
    name: "iMagine - AI Application Development Service",
    task: "T4.1",
    providers: "CSIC, LIP, UPV, KIT, IISAS",
    location: "Spain, Slovakia, Germany, Portugal",
    operational_since: "2020",
    description_fragment: "The development environment is based on JupyterLab instances",
    assessment_sentence: "Resources have been continuously available for users, with no significant disruptions.",
    metrics: &[
        row(
            "Number of AI models developed",
            "30",
            "logs",
            ["10", "16", "14"],
            "40",
        ),
        row(
            "Number of AI models trained",
            "500",
            "logs",
            ["10", "16", "14"],
            "40",
        ),
        row(
            "ML training cycles (CPU+GPU-hours)",
            "4.000.000",
            "logs",
            ["554,136", "675,731", "1,676,636"],
            "2,801,047",
        ),
        row(
            "Number of countries reach",
            BASELINE_48_SPACES_10,
            "logs",
            ["12", "0", "0"],
            "12",
        ),
        row(
            "Names of countries reach",
            "SP, PT, FR, US, DE, UK, SK, CZ, CH, AU",
            "logs",
            [TWELVE, TWELVE, TWELVE],
            "",
        ),
    ],
};

const IMAGINE_SERVICE: Expected = Expected {
    name: "iMagine - AI Applications as a Service",
    task: "T4.2",
    providers: "CSIC, LIP, UPV, KIT, IISAS",
    location: "Spain, Slovakia, Germany",
    operational_since: "2020",
    description_fragment: "Served models will exploit the DEEPaaS API to expose the underlying functionality.",
    assessment_sentence: "as the serverless approach allows the platform to scale to zero (i.e. without resource usage)",
    metrics: &[
        row(
            "ML application usage cycles, measured in CPU/GPU hours",
            "0",
            "Logs",
            ["0", "34", "24,810"],
            "24,843",
        ),
        row(
            "Number of AI applications hosted via the iMagine platform",
            "15",
            "Logs",
            ["0", "5", "111"],
            "116",
        ),
        row(
            "Number of countries reached over last year",
            "0",
            "Logs",
            ["0", "4", "1"],
            "5",
        ),
        row(
            "Names of the countries reached over last year",
            "N/A",
            "Logs",
            ["/", "ES, PT, CZ, IE", "ES, CZ, BE, DE, FR"],
            "",
        ),
    ],
};

const IFCA_CPU: Expected = Expected {
    name: "IFCA-CSIC Scientific Cloud - CPU",
    task: "T4.3",
    providers: "",
    location: "Spain",
    operational_since: "2012",
    description_fragment: "offer compute resources (CPUs and GPUs) as VMs, alongside associated storage",
    assessment_sentence: "As the cumulative numbers show, there has been an increase in usage in the last project phase, due to the inclusion of new resources both for the application serving and development.",
    metrics: &[
        row(
            "CPU node/hours served over the period",
            "3M",
            LOCAL_ACCOUNTING,
            ["488,544", "1,922,213", "4,424,245"],
            "8,381,165",
        ),
        row(
            "Names of the countries reached over the period",
            IFCA_BASELINE_LIST,
            AAI,
            [SEVEN, TWELVE, TWELVE],
            "",
        ),
        row(
            "Number of countries reached over the period",
            "9",
            AAI,
            ["7", "5", "0"],
            "12",
        ),
        row("Number of users", "200", AAI, ["36", "80", "60"], "140"),
    ],
};

const IFCA_GPU: Expected = Expected {
    name: "IFCA-CSIC Scientific Cloud - GPU",
    task: "T4.3",
    providers: "",
    location: "Spain",
    operational_since: "2012",
    description_fragment: "offer compute resources (CPUs and GPUs) as VMs, alongside associated storage",
    assessment_sentence: "During PY3, use cases have continued exploiting GPU resources in order to fine-tune and to continue improving their AI models.",
    metrics: &[
        row(
            "GPU node/hours served over the period",
            "1M",
            LOCAL_ACCOUNTING,
            ["14,400", "72,124", "121,296"],
            "207,820",
        ),
        row(
            "Names of the countries reached over the period",
            IFCA_BASELINE_LIST,
            AAI,
            [SEVEN, TWELVE, TWELVE],
            "",
        ),
        row(
            "Number of countries reached over the period",
            "9",
            AAI,
            ["7", "5", "0"],
            "12",
        ),
        row("Number of users", "200", AAI, ["36", "83", "21"], "140"),
    ],
};

/// The seed swaps the cells of its first two rows: the "Names" row carries
/// the counts and the "Number" row carries the lists. Kept as printed.
const IFCA_STORAGE: Expected = Expected {
    name: "IFCA-CSIC Scientific Cloud - Storage",
    task: "T4.3",
    providers: "",
    location: "Spain",
    operational_since: "2012",
    description_fragment: "offer compute resources (CPUs and GPUs) as VMs, alongside associated storage",
    assessment_sentence: "during PY3 due to the increase in storage utilisation and requirement from the use cases.",
    metrics: &[
        row(
            "Names of the countries reached over the period",
            IFCA_BASELINE_LIST,
            AAI,
            ["7", "5", "0"],
            "12",
        ),
        row(
            "Number of countries reached over the period",
            "9",
            AAI,
            [SEVEN, TWELVE, TWELVE],
            "",
        ),
        row("Number of users", "> 200", AAI, ["36", "83", "21"], "140"),
        row(
            "Storage served over the period",
            "1 PB",
            LOCAL_ACCOUNTING,
            ["30", "430", "295"],
            "755",
        ),
    ],
};

const INCD_CPU: Expected = Expected {
    name: "INCD - CPU",
    task: "T4.3",
    providers: "",
    location: "Portugal",
    operational_since: "2018",
    description_fragment: "offer compute resources (CPUs and GPGPUs) as VMs, alongside associated storage",
    assessment_sentence: "INCD Cloud was initially used for testing and integration of the iMagine AI platform in the second half of PY1, with integration completed in PY2.",
    metrics: &[
        row(
            "CPU/hours served over the period",
            "3,900,000",
            "openstack accounting",
            ["174,003", "1,552,267", "2,270,601"],
            "3,996,871",
        ),
        row(
            "Names of the countries reached over the period",
            "ES, PT",
            "country of tenant email",
            [SEVEN, TWELVE, TWELVE],
            "",
        ),
        row(
            "Number of countries reached over the period",
            "2",
            "country of tenant email",
            ["7", "5", "0"],
            "12",
        ),
        row(
            "Number of users",
            "50",
            "openstack tenant",
            ["16", "39", "0"],
            "55",
        ),
    ],
};

const INCD_GPU: Expected = Expected {
    name: "INCD - GPU",
    task: "T4.3",
    providers: "",
    location: "Portugal",
    operational_since: "2018",
    description_fragment: "offer compute resources (CPUs and GPGPUs) as VMs, alongside associated storage",
    assessment_sentence: "The utilisation increased during PY3, since use cases have consumed more resources to fine-tune and further develop their models.",
    metrics: &[
        row(
            "GPU node/hours served over the period",
            "> 15000",
            "openstack accounting",
            ["0", "1,752", "8,760"],
            "10,512",
        ),
        row(
            "Names of the countries reached over the period",
            "PT, ES",
            "country of tenant email",
            [SEVEN, TWELVE, TWELVE],
            "",
        ),
        row(
            "Number of countries reached over the period",
            "2",
            "country of tenant email",
            ["7", "5", "0"],
            "12",
        ),
        row(
            "Number of users",
            "50",
            "openstack tenant",
            ["16", "39", "0"],
            "55",
        ),
    ],
};

const INCD_STORAGE: Expected = Expected {
    name: "INCD - Storage",
    task: "T4.3",
    providers: "",
    location: "Portugal",
    operational_since: "2018",
    description_fragment: "offer compute resources (CPUs and GPGPUs) as VMs, alongside associated storage",
    assessment_sentence: "storage refers to the local storage consumed by the control-plane components requiring local and persistent storage (i.e. container registry).",
    metrics: &[
        row(
            "Names of the countries reached over the period",
            "ES, PT",
            "country of tenant email",
            [SEVEN, TWELVE, TWELVE],
            "",
        ),
        row(
            "Number of countries reached over the period",
            "2",
            "country of tenant email",
            ["7", "5", "0"],
            "12",
        ),
        row(
            "Number of users",
            "50",
            "openstack tenant",
            ["16", "39", "0"],
            "55",
        ),
        row(
            "TB/month served over the period",
            "> 100",
            "openstack accounting",
            ["8", "31", "41"],
            "80",
        ),
    ],
};

/// The seed's "Local Accounting " cells end with a space; kept as printed.
const TR_FC1_ULAKBIM: Expected = Expected {
    name: "TR-FC1-ULAKBIM",
    task: "T4.3",
    providers: "",
    location: "TURKEY",
    operational_since: "2014",
    description_fragment: "offer compute resources (CPUs and GPUs) as VMs, alongside associated storage",
    assessment_sentence: "The TR-FC1-ULAKBIM started to be used in PY2 due to the fact that the iMagine AI platform was transitioning (in PY1) from the old software stack to the new one",
    metrics: &[
        row(
            "GPU node/hours served over the period with 2 CPU, 40 core and 4 GPU (V100)",
            "29433.6",
            "Local Accounting ",
            ["0", "94,986", "52,560"],
            "147,546",
        ),
        row(
            "Names of the countries reached over the period",
            "TR",
            "Turkey, National HPC Centre",
            ["/", TWELVE, "CN, DE, IT, RO, ES, SE, TR, GB, US"],
            "",
        ),
        row(
            "Number of countries reached over the period",
            "1",
            "Turkey, National HPC Centre",
            ["", "12", "0"],
            "12",
        ),
        row(
            "Number of unique users",
            "269",
            "Local Accounting ",
            ["0", "64", "19"],
            "83",
        ),
    ],
};

const WALTON_CPU: Expected = Expected {
    name: "WaltonCloud - CPU",
    task: "T4.3",
    providers: "",
    location: "Waterford, Ireland",
    operational_since: "2016",
    description_fragment: "offer compute resources (CPUs and GPUs) as VMs alongside associated storage",
    assessment_sentence: "whereas use case specific installations are deployed in WaltonCloud (hence the increase in the CPU usage).",
    metrics: &[
        row(
            "CPU/hours served over the period",
            BASELINE_3_SPACES_11586723,
            "OpenStack builtin statistics for reference period",
            ["0", "60,089", "221,768"],
            "281,857",
        ),
        row(
            "Names of the countries reached over the period",
            "0",
            "To be developed",
            ["/", TWELVE, TWELVE],
            "",
        ),
        row(
            "Number of countries reached over the period",
            "0",
            "To be developed",
            ["0", "12", "0"],
            "12",
        ),
        row(
            "Number of users",
            "105",
            "Checked against User logins over 12 month period",
            ["0", "54", ""],
            "54",
        ),
    ],
};

const WALTON_STORAGE: Expected = Expected {
    name: "WaltonCloud - Storage",
    task: "T4.3",
    providers: "",
    location: "Waterford, Ireland",
    operational_since: "2016",
    description_fragment: "offer compute resources (CPUs and GPUs) as VMs alongside associated storage",
    assessment_sentence: "The WaltonCloud storage has been used in the 3rd year for the inference runs carried out by the OSCAR component",
    metrics: &[
        row(
            "Names of the countries reached over the period",
            "0",
            "To be developed",
            ["/", "ES, PT, CZ, IE", "ES, CZ, BE, DE, FR"],
            "",
        ),
        row(
            "Number of countries reached over the period",
            "0",
            "To be developed",
            ["0", "4", "1"],
            "5",
        ),
        row(
            "Number of users",
            "105",
            "Checked against User logins over 12 month period",
            ["0", "5", "111"],
            "116",
        ),
        row(
            "TB/month served over the period",
            "1188",
            "OpenStack builtin statistics for reference period",
            ["0", "0", "12"],
            "12",
        ),
    ],
};

// ---------------------------------------------------------------------------
// M36: report-level facts
// ---------------------------------------------------------------------------

#[test]
fn m36_has_the_eleven_installations_in_seed_order() {
    let report = m36();
    let names: Vec<&str> = report
        .installations
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, M36_NAMES);
}

#[test]
fn m36_calendar_is_three_project_years_from_september_2022() {
    let report = m36();
    assert_eq!(
        report.project_start,
        YearMonth {
            year: 2022,
            month: 9
        }
    );
    let periods: Vec<(&str, MonthRange)> = report
        .periods
        .iter()
        .map(|p| (p.label.as_str(), p.months))
        .collect();
    assert_eq!(
        periods,
        [
            ("M1-M12", MonthRange { first: 1, last: 12 }),
            (
                "M13-M24",
                MonthRange {
                    first: 13,
                    last: 24
                }
            ),
            (
                "M25-M36",
                MonthRange {
                    first: 25,
                    last: 36
                }
            ),
        ]
    );
}

#[test]
fn m36_table_1_is_as_printed() {
    let report = m36();
    let table = &report.cumulative;
    assert!(
        squashed_contains(
            &table.caption,
            "Cumulative resource consumption during project lifetime"
        ),
        "caption: {:?}",
        table.caption
    );

    let checkpoints: Vec<(u32, String)> = table
        .checkpoints
        .iter()
        .map(|c| (c.month, squash(&c.label)))
        .collect();
    let expected: Vec<(u32, String)> = [
        (6, "USED BY M6 (Feb 2023)"),
        (12, "USED BY M12 (Aug 2023)"),
        (18, "USED BY M18 (Feb 24)"),
        (24, "USED BY M24 (Aug 2024)"),
        (30, "USED BY M30 (Feb 2025)"),
        (36, "USED BY M36 (Aug 2025)"),
    ]
    .into_iter()
    .map(|(month, label)| (month, label.to_owned()))
    .collect();
    assert_eq!(checkpoints, expected);

    type CumulativeExpectation = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        [&'static str; 6],
    );
    let rows: [CumulativeExpectation; 3] = [
        (
            "Storage (TB-month) - Accumulative",
            "storage",
            "TB-month",
            "1,500",
            ["0", "34", "72", "495", "782", "843"],
        ),
        (
            "GPU-compute (GPU-h) - Accumulative",
            "gpu",
            "GPU-h",
            "132,000",
            [
                "10,800", "14,400", "104,798", "183,262", "274,486", "365,878",
            ],
        ),
        (
            "CPU-compute (CPU-h) - Accumulative",
            "cpu",
            "CPU-h",
            "6,000,000",
            [
                "94,656",
                "662,547",
                "1,745,910",
                "4,197,116",
                "7,460,311",
                "11,113,730",
            ],
        ),
    ];
    assert_eq!(table.rows.len(), rows.len(), "number of Table 1 rows");
    for ((name, resource, unit, budget, used), actual) in rows.iter().zip(&table.rows) {
        assert_eq!(squash(&actual.name), *name, "row name");
        assert_eq!(actual.id, *resource, "resource of {name:?}");
        assert_eq!(actual.unit, *unit, "unit of {name:?}");
        assert_eq!(actual.budget.text(), *budget, "budget of {name:?}");
        let used_texts: Vec<&str> = actual.used.iter().map(|c| c.text()).collect();
        assert_eq!(used_texts, used, "cumulative use of {name:?}");
    }
}

#[test]
fn m36_prose_sections_quote_the_seed() {
    let report = m36();
    let section = |kind: SectionKind| {
        report
            .sections
            .iter()
            .find(|s| s.kind == kind)
            .unwrap_or_else(|| panic!("the M36 sample has no {kind:?} section"))
    };
    let abstract_ = section(SectionKind::Abstract);
    assert!(
        squashed_contains(
            &abstract_.text,
            "The report provides third-year usage statistics"
        ),
        "abstract: {:?}",
        abstract_.text
    );
    let summary = section(SectionKind::ExecutiveSummary);
    // 831 TByte-month here against 843 in Table 1: a real mistake, kept.
    assert!(
        squashed_contains(
            &summary.text,
            "11,113,730 CPU-hours; 365,878 GPU-hours and 831 TByte-month"
        ),
        "executive summary: {:?}",
        summary.text
    );
    let conclusion = section(SectionKind::Conclusion);
    assert!(
        squashed_contains(
            &conclusion.text,
            "the actual consumption trends for GPU and CPU have exceeded the estimated projections."
        ),
        "conclusion: {:?}",
        conclusion.text
    );
}

// ---------------------------------------------------------------------------
// M36: one test per installation
// ---------------------------------------------------------------------------

#[test]
fn m36_imagine_ai_application_development_service() {
    check_installation(&m36(), &IMAGINE_DEVELOPMENT);
}

#[test]
fn m36_imagine_ai_applications_as_a_service() {
    check_installation(&m36(), &IMAGINE_SERVICE);
}

#[test]
fn m36_ifca_csic_cpu() {
    check_installation(&m36(), &IFCA_CPU);
}

#[test]
fn m36_ifca_csic_gpu() {
    check_installation(&m36(), &IFCA_GPU);
}

#[test]
fn m36_ifca_csic_storage_keeps_its_swapped_rows() {
    check_installation(&m36(), &IFCA_STORAGE);
}

#[test]
fn m36_incd_cpu() {
    check_installation(&m36(), &INCD_CPU);
}

#[test]
fn m36_incd_gpu() {
    check_installation(&m36(), &INCD_GPU);
}

#[test]
fn m36_incd_storage() {
    check_installation(&m36(), &INCD_STORAGE);
}

#[test]
fn m36_tr_fc1_ulakbim() {
    check_installation(&m36(), &TR_FC1_ULAKBIM);
}

#[test]
fn m36_waltoncloud_cpu() {
    check_installation(&m36(), &WALTON_CPU);
}

#[test]
fn m36_waltoncloud_storage() {
    check_installation(&m36(), &WALTON_STORAGE);
}

#[test]
fn m36_every_installation_has_an_expectation() {
    let all = [
        &IMAGINE_DEVELOPMENT,
        &IMAGINE_SERVICE,
        &IFCA_CPU,
        &IFCA_GPU,
        &IFCA_STORAGE,
        &INCD_CPU,
        &INCD_GPU,
        &INCD_STORAGE,
        &TR_FC1_ULAKBIM,
        &WALTON_CPU,
        &WALTON_STORAGE,
    ];
    let names: Vec<&str> = all.iter().map(|e| e.name).collect();
    assert_eq!(
        names, M36_NAMES,
        "the expectation tables cover every heading once"
    );
}

/// The quantity row of each T4.3 installation consumes the resource its
/// heading names; that is how the installations link to Table 1.
#[test]
fn m36_infrastructure_quantities_link_to_their_resource() {
    let report = m36();
    let table = [
        (
            "IFCA-CSIC Scientific Cloud - CPU",
            "CPU node/hours served over the period",
            "cpu",
        ),
        (
            "IFCA-CSIC Scientific Cloud - GPU",
            "GPU node/hours served over the period",
            "gpu",
        ),
        (
            "IFCA-CSIC Scientific Cloud - Storage",
            "Storage served over the period",
            "storage",
        ),
        ("INCD - CPU", "CPU/hours served over the period", "cpu"),
        ("INCD - GPU", "GPU node/hours served over the period", "gpu"),
        (
            "INCD - Storage",
            "TB/month served over the period",
            "storage",
        ),
        (
            "TR-FC1-ULAKBIM",
            "GPU node/hours served over the period with 2 CPU, 40 core and 4 GPU (V100)",
            "gpu",
        ),
        (
            "WaltonCloud - CPU",
            "CPU/hours served over the period",
            "cpu",
        ),
        (
            "WaltonCloud - Storage",
            "TB/month served over the period",
            "storage",
        ),
    ];
    for (installation_name, metric_name, resource) in table {
        let metric = metric(installation(&report, installation_name), metric_name);
        assert_eq!(
            metric.kind(),
            MetricKind::Quantity,
            "{installation_name}: {metric_name}"
        );
        assert_eq!(
            metric.resource(),
            Some(resource),
            "{installation_name}: {metric_name}"
        );
    }
}

// ---------------------------------------------------------------------------
// M36: parsed numbers (depend on the cell parser)
// ---------------------------------------------------------------------------

/// Every TOT cell parses to the number the seed prints (`None` for the blank
/// TOT of the country lists). IFCA-CSIC Storage keeps its swapped rows, so its
/// "Names" row has TOT 12 and its "Number" row a blank TOT.
#[test]
fn m36_tot_column_parses_to_the_printed_numbers() {
    let totals: [(&str, [Option<f64>; 5]); 11] = [
        (
            "iMagine - AI Application Development Service",
            [Some(40.0), Some(40.0), Some(2_801_047.0), Some(12.0), None],
        ),
        (
            "iMagine - AI Applications as a Service",
            [Some(24_843.0), Some(116.0), Some(5.0), None, None],
        ),
        (
            "IFCA-CSIC Scientific Cloud - CPU",
            [Some(8_381_165.0), None, Some(12.0), Some(140.0), None],
        ),
        (
            "IFCA-CSIC Scientific Cloud - GPU",
            [Some(207_820.0), None, Some(12.0), Some(140.0), None],
        ),
        (
            "IFCA-CSIC Scientific Cloud - Storage",
            [Some(12.0), None, Some(140.0), Some(755.0), None],
        ),
        (
            "INCD - CPU",
            [Some(3_996_871.0), None, Some(12.0), Some(55.0), None],
        ),
        (
            "INCD - GPU",
            [Some(10_512.0), None, Some(12.0), Some(55.0), None],
        ),
        (
            "INCD - Storage",
            [None, Some(12.0), Some(55.0), Some(80.0), None],
        ),
        (
            "TR-FC1-ULAKBIM",
            [Some(147_546.0), None, Some(12.0), Some(83.0), None],
        ),
        (
            "WaltonCloud - CPU",
            [Some(281_857.0), None, Some(12.0), Some(54.0), None],
        ),
        (
            "WaltonCloud - Storage",
            [None, Some(5.0), Some(116.0), Some(12.0), None],
        ),
    ];
    let report = m36();
    let mut problems = Vec::new();
    for (name, expected) in totals {
        let installation = installation(&report, name);
        for (metric, want) in installation.metrics.iter().zip(expected) {
            let found = metric.total.number();
            if found != want {
                problems.push(format!(
                    "{name} / {:?}: TOT {:?} parsed to {found:?}, expected {want:?}",
                    metric.name,
                    metric.total.text()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

/// Baselines in every style the seed uses parse to the target they state.
#[test]
fn m36_baselines_parse_to_the_printed_targets() {
    let baselines: [(&str, &str, Option<f64>); 15] = [
        (
            "iMagine - AI Application Development Service",
            "ML training cycles (CPU+GPU-hours)",
            Some(4_000_000.0),
        ),
        (
            "iMagine - AI Application Development Service",
            "Number of countries reach",
            Some(10.0),
        ),
        (
            "iMagine - AI Applications as a Service",
            "Names of the countries reached over last year",
            None,
        ),
        (
            "iMagine - AI Applications as a Service",
            "Number of AI applications hosted via the iMagine platform",
            Some(15.0),
        ),
        (
            "IFCA-CSIC Scientific Cloud - CPU",
            "CPU node/hours served over the period",
            Some(3_000_000.0),
        ),
        (
            "IFCA-CSIC Scientific Cloud - GPU",
            "GPU node/hours served over the period",
            Some(1_000_000.0),
        ),
        (
            "IFCA-CSIC Scientific Cloud - Storage",
            "Number of users",
            Some(200.0),
        ),
        (
            "IFCA-CSIC Scientific Cloud - Storage",
            "Storage served over the period",
            Some(1000.0),
        ),
        (
            "INCD - CPU",
            "CPU/hours served over the period",
            Some(3_900_000.0),
        ),
        (
            "INCD - GPU",
            "GPU node/hours served over the period",
            Some(15_000.0),
        ),
        (
            "INCD - Storage",
            "TB/month served over the period",
            Some(100.0),
        ),
        (
            "TR-FC1-ULAKBIM",
            "GPU node/hours served over the period with 2 CPU, 40 core and 4 GPU (V100)",
            Some(29_433.6),
        ),
        (
            "WaltonCloud - CPU",
            "CPU/hours served over the period",
            Some(11_586_723.0),
        ),
        ("WaltonCloud - CPU", "Number of users", Some(105.0)),
        (
            "WaltonCloud - Storage",
            "TB/month served over the period",
            Some(1188.0),
        ),
    ];
    let report = m36();
    let mut problems = Vec::new();
    for (installation_name, metric_name, want) in baselines {
        let metric = metric(installation(&report, installation_name), metric_name);
        let found = metric.baseline.number();
        if found != want {
            problems.push(format!(
                "{installation_name} / {metric_name:?}: baseline {:?} parsed to {found:?}, expected {want:?}",
                metric.baseline.text()
            ));
        }
    }
    // "/" and blank period cells are not numbers.
    let tr = installation(&report, "TR-FC1-ULAKBIM");
    let names = metric(tr, "Names of the countries reached over the period");
    if names.values.first().and_then(|c| c.number()).is_some() {
        problems.push("TR-FC1-ULAKBIM: \"/\" parsed to a number".to_owned());
    }
    let count = metric(tr, "Number of countries reached over the period");
    if count.values.first().and_then(|c| c.number()).is_some() {
        problems.push("TR-FC1-ULAKBIM: blank M1-M12 count parsed to a number".to_owned());
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

#[test]
fn m36_table_1_parses_to_the_printed_numbers() {
    let report = m36();
    let expected: [(f64, [f64; 6]); 3] = [
        (1_500.0, [0.0, 34.0, 72.0, 495.0, 782.0, 843.0]),
        (
            132_000.0,
            [
                10_800.0, 14_400.0, 104_798.0, 183_262.0, 274_486.0, 365_878.0,
            ],
        ),
        (
            6_000_000.0,
            [
                94_656.0,
                662_547.0,
                1_745_910.0,
                4_197_116.0,
                7_460_311.0,
                11_113_730.0,
            ],
        ),
    ];
    assert_eq!(report.cumulative.rows.len(), 3);
    for (row, (budget, used)) in report.cumulative.rows.iter().zip(expected) {
        assert_eq!(
            row.budget.number(),
            Some(budget),
            "budget of {:?}",
            row.name
        );
        let found: Vec<Option<f64>> = row.used.iter().map(|c| c.number()).collect();
        let want: Vec<Option<f64>> = used.into_iter().map(Some).collect();
        assert_eq!(found, want, "cumulative use of {:?}", row.name);
    }
}

// ---------------------------------------------------------------------------
// M24
// ---------------------------------------------------------------------------

/// Headings as printed, with the OCR's `Al` mended to `AI` as the seed's own
/// table of contents prints it.
const M24_NAMES: [&str; 11] = [
    "iMagine - AI Application Development Service",
    "iMagine - AI Applications as a Service",
    "IFCA-CSIC Scientific Cloud - CPU",
    "IFCA-CSIC Scientific Cloud - GPU",
    "IFCA-CSIC Scientific Cloud - Storage",
    "INCD - CPU",
    "INCD - GPU",
    "INCD - Storage",
    "TR-FC1-ULAKBIM",
    "WaltonCloud - CPU",
    "WaltonCloud - Storage",
];

#[test]
fn m24_calendar_is_two_half_years() {
    let report = m24();
    assert_eq!(
        report.project_start,
        YearMonth {
            year: 2022,
            month: 9
        }
    );
    let periods: Vec<(&str, MonthRange)> = report
        .periods
        .iter()
        .map(|p| (p.label.as_str(), p.months))
        .collect();
    assert_eq!(
        periods,
        [
            (
                "M13-M18",
                MonthRange {
                    first: 13,
                    last: 18
                }
            ),
            (
                "M19-M24",
                MonthRange {
                    first: 19,
                    last: 24
                }
            ),
        ]
    );
}

#[test]
fn m24_has_the_eleven_installations_in_seed_order() {
    let report = m24();
    let names: Vec<&str> = report
        .installations
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, M24_NAMES);
}

/// The cumulative table exactly as the OCR gave it: `0]` for 0, and the CPU
/// value at M24 printed without separators as `419716` (the text says
/// 4,197,116).
#[test]
fn m24_cumulative_table_keeps_the_ocr_values() {
    let report = m24();
    let table = &report.cumulative;
    let checkpoints: Vec<(u32, String)> = table
        .checkpoints
        .iter()
        .map(|c| (c.month, squash(&c.label)))
        .collect();
    let expected: Vec<(u32, String)> = [
        (6, "USED BY M6 (Feb 2023)"),
        (12, "USED BY M12 (Aug 2023)"),
        (18, "USED BY M18 (Feb 24)"),
        (24, "USED BY M24 (Aug 2024)"),
    ]
    .into_iter()
    .map(|(month, label)| (month, label.to_owned()))
    .collect();
    assert_eq!(checkpoints, expected);

    let rows: [(&str, &str, &str, [&str; 4]); 3] = [
        (
            "Storage (TB-month) - Accumulative",
            "storage",
            "1,500",
            ["0]", "34", "72", "495"],
        ),
        (
            "GPU-compute (GPU-h) - Accumulative",
            "gpu",
            "132,000",
            ["10,800", "14,400", "104,798", "183,262"],
        ),
        (
            "CPU-compute (CPU-h) - Accumulative",
            "cpu",
            "6,000,000",
            ["94,656", "662,547", "1,745,910", "419716"],
        ),
    ];
    assert_eq!(table.rows.len(), rows.len(), "number of cumulative rows");
    for ((name, resource, budget, used), actual) in rows.iter().zip(&table.rows) {
        assert_eq!(squash(&actual.name), *name, "row name");
        assert_eq!(actual.id, *resource, "resource of {name:?}");
        assert_eq!(actual.budget.text(), *budget, "budget of {name:?}");
        let used_texts: Vec<&str> = actual.used.iter().map(|c| c.text()).collect();
        assert_eq!(used_texts, used, "cumulative use of {name:?}");
    }
    // The one number the OCR left unambiguous enough to parse: 419716 as it stands.
    assert_eq!(table.rows[2].used[3].number(), Some(419_716.0));
}

#[test]
fn m24_executive_summary_quotes_the_seed() {
    let report = m24();
    let summary = report
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::ExecutiveSummary)
        .expect("the M24 sample has an executive summary");
    // Spread over two OCR lines in the seed.
    assert!(
        squashed_contains(
            &summary.text,
            "the providers have delivered 4,197,116 CPU-hours, 183,262 GPU-hours and 495 TByte-month storage"
        ),
        "executive summary: {:?}",
        summary.text
    );
}

#[test]
fn m24_assessments_are_the_seed_texts() {
    // Sentences free of OCR-damaged words, so that mending `Al` to `AI` does
    // not matter; compared with whitespace collapsed (the OCR breaks lines).
    let sentences: [(&str, &str); 11] = [
        (
            "iMagine - AI Application Development Service",
            "Moreover, more resources are available for users, as all cloud sites have been integrated into the platform.",
        ),
        (
            "iMagine - AI Applications as a Service",
            "Moreover, deployment as applications started around M20 for three use cases",
        ),
        (
            "IFCA-CSIC Scientific Cloud - CPU",
            "there has been an increase in the usage in the second project year, due to the inclusion of new resources both for the application serving and development.",
        ),
        (
            "IFCA-CSIC Scientific Cloud - GPU",
            "During PY2 more use cases have started to consume GPU resources in order to be able to perform training of the models at scale.",
        ),
        (
            "IFCA-CSIC Scientific Cloud - Storage",
            "the storage has been increased during PY2 due to the fact to the migration of a new NextCloud storage",
        ),
        (
            "INCD - CPU",
            "Testing of new components and functionalities (e.g. MLOps, FAIR-EVA) before rolling them out into production.",
        ),
        (
            "INCD - GPU",
            "The utilization increased during PY2, since use cases have started to consume more resources.",
        ),
        (
            "INCD - Storage",
            "storage refers to the local storage consumed by the control-plane components requiring local and persistent storage (i.e. container registry).",
        ),
        (
            "TR-FC1-ULAKBIM",
            "The TR-FC1-ULAKBIM was not used in this period until PY2",
        ),
        (
            "WaltonCloud - CPU",
            "Numbers are as low, but it is expected that usage will increase during the last PY, as more use cases will deploy their own instances.",
        ),
        (
            "WaltonCloud - Storage",
            "The WaltonCloud storage has not yet been used as it has not yet been necessary",
        ),
    ];
    let report = m24();
    let mut problems = Vec::new();
    for (name, sentence) in sentences {
        let assessment = &installation(&report, name).assessment;
        if !squashed_contains(assessment, sentence) {
            problems.push(format!(
                "{name}: assessment does not contain {sentence:?}; it is {assessment:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

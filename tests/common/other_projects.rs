//! Reports of other projects, written by hand, with contradictions planted
//! in known cells and rows that agree. Each comes with the list of what the
//! checks must find in it: its errors and warnings exactly, and the notes
//! (info) it must include.

#![allow(dead_code)] // each test binary uses its own part

use va_report::model::{
    Cell, Checkpoint, CumulativeRow, DecimalMark, Installation, Metric, Period, Report, Section,
    SectionKind, YearMonth,
};

/// (metric name, baseline, periods, TOT).
pub type Row<'a> = (&'a str, &'a str, &'a [&'a str], &'a str);

/// A report of another project, what is planted in it, and its fixture name.
pub struct OtherProject {
    pub file: &'static str,
    pub report: Report,
    /// Every error and warning, as "severity rule | installation | metric | column".
    pub planted: Vec<&'static str>,
    /// Notes that must be among the info findings.
    pub notes: Vec<&'static str>,
}

fn base(
    title: &str,
    start: (i32, u8),
    mark: DecimalMark,
    periods: &[(u32, u32)],
    checkpoints: &[u32],
) -> Report {
    let start = YearMonth::new(start.0, start.1).expect("a valid month");
    let mut report = Report::empty(title, start, 1);
    report.project = title.to_owned();
    report.decimal_mark = mark;
    report.periods = periods.iter().map(|&(a, b)| Period::new(a, b)).collect();
    report.cumulative.caption = "Table 1 Cumulative resource consumption".to_owned();
    report.cumulative.checkpoints = checkpoints
        .iter()
        .map(|&month| Checkpoint {
            month,
            label: format!(
                "USED BY M{month} ({})",
                start.project_month(month).short_name()
            ),
        })
        .collect();
    report
}

fn resource(report: &mut Report, label: &str, unit: &str, budget: &str, used: &[&str]) {
    let mut row = CumulativeRow::named(label, unit, 0);
    row.budget = Cell::new(budget);
    row.used = used.iter().map(|t| Cell::new(*t)).collect();
    report.cumulative.rows.push(row);
}

fn installation(report: &mut Report, name: &str, rows: &[Row<'_>]) {
    let mut installation = Installation::new(name);
    installation.description = vec![String::new(); report.description_fields.len()];
    for (metric_name, baseline, values, total) in rows {
        let mut metric = Metric::new(*metric_name, report.periods.len());
        metric.baseline = Cell::new(*baseline);
        metric.values = values.iter().map(|t| Cell::new(*t)).collect();
        metric.total = Cell::new(*total);
        installation.metrics.push(metric);
    }
    report.installations.push(installation);
}

fn section(report: &mut Report, kind: SectionKind, title: &str, text: &str) {
    report.sections.push(Section {
        kind,
        title: title.to_owned(),
        text: text.to_owned(),
    });
}

fn finish(mut report: Report) -> Report {
    report.prepare().expect("a report of the right shape");
    report
}

/// An HPC centre: half-year periods from January 2024, core hours and an
/// archive in PB, country names in English, a metric of core hours whose
/// name says neither CPU nor cores.
pub fn hpc_half_years() -> OtherProject {
    let mut report = base(
        "Hydra HPC - Virtual Access assessment M18",
        (2024, 1),
        DecimalMark::Point,
        &[(1, 6), (7, 12), (13, 18)],
        &[6, 12, 18],
    );
    // Cluster A + B + C, accumulated: 160,000; 382,000; 631,000.
    resource(
        &mut report,
        "Cores",
        "core-h",
        "2,000,000",
        &["160,000", "382,000", "631,000"],
    );
    resource(&mut report, "Archive", "PB", "5", &["", "", ""]);
    installation(
        &mut report,
        "Hydra - Cluster A",
        &[
            (
                "Core hours delivered",
                "",
                &["100,000", "150,000", "175,000"],
                "425,000",
            ),
            ("Number of users", "", &["12", "20", "25"], "40"),
            (
                "Names of the countries reached",
                "",
                &["Norway, Sweden, FI", "NO, SE, FI, DK", "NO, SE, GE"],
                "",
            ),
            ("Number of countries reached", "", &["3", "4", "3"], "5"),
        ],
    );
    // Planted: M13-M18 pasted over from M7-M12.
    installation(
        &mut report,
        "Hydra - Cluster B",
        &[
            (
                "Core hours delivered",
                "",
                &["50,000", "60,000", "60,000"],
                "170,000",
            ),
            ("Jobs run", "", &["1,200", "1,500", "1,500"], "4,200"),
            ("Number of users", "", &["5", "8", "8"], "12"),
        ],
    );
    // Planted: a core-hours metric whose name names no resource, so it is
    // linked to none and Table 1 (which counts it) differs by its periods.
    installation(
        &mut report,
        "Hydra - Cluster C",
        &[(
            "Compute time (hours)",
            "",
            &["10,000", "12,000", "14,000"],
            "36,000",
        )],
    );
    // Planted: 1,500 (TB) typed in a PB row, which then seems to fall.
    installation(
        &mut report,
        "Hydra - Archive",
        &[(
            "Archive capacity allocated (PB)",
            "",
            &["1.2", "1,500", "1.9"],
            "1.9",
        )],
    );
    section(
        &mut report,
        SectionKind::ExecutiveSummary,
        "Executive summary",
        "Hydra served its users from January 2024 to June 2025. In total 613,000 core-hours were delivered, 31 % of the budget of 2,000,000 core-hours. The archive holds 1.9 PB. The second half-year, July 2024 - December 2024, saw a third cluster join; between July 2024 - June 2024 the archive doubled. The coming period, July 2025 - December 2025, adds a fourth cluster.",
    );
    let report = finish(report);
    OtherProject {
        file: "checks-hpc-half-years.vareport.json",
        report,
        planted: vec![
            "error prose-figure |  | Executive summary | ",
            "error prose-date-range |  | Executive summary | ",
            "warning cumulative-vs-installations |  | Cores (core-h) - Accumulative | USED BY M6 (Jun 2024)",
            "warning cumulative-vs-installations |  | Cores (core-h) - Accumulative | USED BY M12 (Dec 2024)",
            "warning cumulative-vs-installations |  | Cores (core-h) - Accumulative | USED BY M18 (Jun 2025)",
            "warning pasted-period | Hydra - Cluster B | Core hours delivered | M13-M18",
            "warning magnitude-outlier | Hydra - Archive | Archive capacity allocated (PB) | M7-M12",
            "warning level-decreasing | Hydra - Archive | Archive capacity allocated (PB) | M13-M18",
        ],
        notes: vec![
            "info country-georgia-or-germany | Hydra - Cluster A | Names of the countries reached | M13-M18",
        ],
    }
}

/// A data repository written with decimal commas, two irregular periods
/// (18 and 12 months) from March 2023, downloads as a resource, prose in
/// Spanish.
pub fn repository_decimal_comma() -> OtherProject {
    let mut report = base(
        "Datos Abiertos - evaluación del acceso virtual M30",
        (2023, 3),
        DecimalMark::Comma,
        &[(1, 18), (19, 30)],
        &[18, 30],
    );
    // Storage 310,5 + 120 = 430,5; + 402,25 + 43,5 = 876,25.
    resource(
        &mut report,
        "Storage",
        "TB-month",
        "1.200",
        &["430,5", "876,25"],
    );
    // Downloads 160.000 by M18 and 295.000 by M30; planted: 259.000.
    resource(
        &mut report,
        "Downloads",
        "downloads",
        "500.000",
        &["160.000", "259.000"],
    );
    installation(
        &mut report,
        "Repositorio Central",
        &[
            (
                "Storage used (TB-month)",
                "",
                &["310,5", "402,25"],
                "712,75",
            ),
            ("Downloads served", "", &["120.000", "95.000"], "215.000"),
            ("Número de usuarios", "", &["1.200", "2.100"], "2.900"),
            (
                "Names of the countries reached",
                "",
                &["Spain, Portugal, FR", "ES, PT, FR, EL, UK"],
                "",
            ),
            ("Number of countries reached", "", &["3", "5"], "5"),
        ],
    );
    // Planted: 43.5 with a decimal point; downloads TOT not the sum; users
    // TOT below the largest period.
    installation(
        &mut report,
        "Nodo Norte",
        &[
            ("Storage used (TB-month)", "", &["120", "43.5"], "163,5"),
            ("Downloads served", "", &["30.000", "28.000"], "85.000"),
            ("Número de usuarios", "", &["300", "250"], "200"),
        ],
    );
    // Planted: SP, which is no country code.
    installation(
        &mut report,
        "Nodo Sur",
        &[
            ("Downloads served", "", &["10.000", "12.000"], "22.000"),
            (
                "Names of the countries reached",
                "",
                &["SP, PT", "ES, IT"],
                "",
            ),
            ("Number of countries reached", "", &["2", "2"], "3"),
        ],
    );
    section(
        &mut report,
        SectionKind::ExecutiveSummary,
        "Resumen ejecutivo",
        "El repositorio sirvió 295.000 downloads en total, con un presupuesto de 500.000 downloads. El almacenamiento alcanzó 867,25 TB-month, con un presupuesto de 1.200 TB-month.",
    );
    let report = finish(report);
    OtherProject {
        file: "checks-repository-decimal-comma.vareport.json",
        report,
        planted: vec![
            "error prose-figure |  | Resumen ejecutivo | ",
            "error cumulative-vs-installations |  | Downloads (downloads) - Accumulative | USED BY M30 (Aug 2025)",
            "warning other-decimal-convention | Nodo Norte | Storage used (TB-month) | M19-M30",
            "error total-quantity-sum | Nodo Norte | Downloads served | TOT",
            "error total-distinct-range | Nodo Norte | Número de usuarios | TOT",
            "warning country-code | Nodo Sur | Names of the countries reached | M1-M18",
        ],
        notes: vec![
            "info country-code | Repositorio Central | Names of the countries reached | M19-M30",
        ],
    }
}

/// A cloud of virtual machines: four yearly periods from January 2021,
/// vCPU-hours and GPU-hours, a Table 1 checkpoint past the report's end.
pub fn cloud_four_years() -> OtherProject {
    let mut report = base(
        "Nimbus Cloud - periodic VA assessment M48",
        (2021, 1),
        DecimalMark::Point,
        &[(1, 12), (13, 24), (25, 36), (37, 48)],
        &[12, 24, 36, 48, 54],
    );
    resource(
        &mut report,
        "vCPU",
        "vCPU-hours",
        "8,000,000",
        &["1,500,000", "3,300,000", "5,150,000", "7,200,000", ""],
    );
    resource(
        &mut report,
        "GPU",
        "GPU-hours",
        "250,000",
        &["40,000", "85,000", "132,000", "135,900", ""],
    );
    installation(
        &mut report,
        "Nimbus - VMs",
        &[(
            "vCPU hours consumed",
            "",
            &["1,000,000", "1,200,000", "1,150,000", "1,250,000"],
            "4,600,000",
        )],
    );
    // Planted: M37-M48 holds one month's figure.
    installation(
        &mut report,
        "Nimbus - GPU",
        &[(
            "GPU hours",
            "",
            &["40,000", "45,000", "47,000", "3,900"],
            "135,900",
        )],
    );
    // Planted: registered users to date fall; a negative job count.
    installation(
        &mut report,
        "Stratus - VMs",
        &[
            (
                "vCPU hours consumed",
                "",
                &["500,000", "600,000", "700,000", "800,000"],
                "2,600,000",
            ),
            (
                "Registered users (cumulative)",
                "",
                &["100", "180", "170", "260"],
                "260",
            ),
            (
                "Jobs run",
                "",
                &["1,200", "-300", "1,500", "1,600"],
                "4,000",
            ),
        ],
    );
    section(
        &mut report,
        SectionKind::ExecutiveSummary,
        "Executive summary",
        "From January 2021 to December 2024 the providers delivered 7,200,000 vCPU-hours and 135,900 GPU-hours. Nimbus delivered 187,450 GPU-hours, 75 % of its budget of 250,000. The next period, January 2025 - December 2025, continues the service.",
    );
    let report = finish(report);
    OtherProject {
        file: "checks-cloud-four-years.vareport.json",
        report,
        planted: vec![
            "error prose-figure |  | Executive summary | ",
            "warning calendar |  | Table 1 Cumulative resource consumption | USED BY M54 (Jun 2025)",
            "error negative-value | Stratus - VMs | Jobs run | M13-M24",
            "warning level-decreasing | Stratus - VMs | Registered users (cumulative) | M25-M36",
        ],
        notes: vec!["info magnitude-outlier | Nimbus - GPU | GPU hours | M37-M48"],
    }
}

pub fn all() -> Vec<OtherProject> {
    vec![
        hpc_half_years(),
        repository_decimal_comma(),
        cloud_four_years(),
    ]
}

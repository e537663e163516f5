//! Which report a command works on (a project file, or a built-in sample
//! asked for by name), and `va-report new` / `va-report next-period`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use va_report::edit::{apply, start_next_period};
use va_report::model::new_report::{NewReportSpec, PeriodScheme, ResourceSpec};
use va_report::model::{DecimalMark, Report, YearMonth};
use va_report::project_file;
use va_report::samples::Sample;

/// A built-in sample, named on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleArg {
    M36,
    M24,
}

/// Exit code 2 with this message: neither a report nor a sample was given.
pub const NO_REPORT: &str =
    "no report given: name a project file, or --sample m36 or --sample m24 for a built-in sample";

/// The report at `path`, or the built-in `sample`; an error when neither
/// (or both) is given.
pub fn load_report(path: Option<&Path>, sample: Option<SampleArg>) -> anyhow::Result<Report> {
    match (path, sample) {
        (Some(path), None) => Ok(project_file::load(path)?),
        (None, Some(sample)) => {
            let sample = match sample {
                SampleArg::M36 => Sample::M36,
                SampleArg::M24 => Sample::M24,
            };
            sample
                .report()
                .context("the built-in sample could not be read")
        }
        (Some(_), Some(_)) => anyhow::bail!("give a project file or --sample, not both"),
        (None, None) => anyhow::bail!(NO_REPORT),
    }
}

/// `va-report new`.
#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// Where to write the new project file.
    #[arg(long)]
    pub out: PathBuf,
    /// The project's name.
    #[arg(long)]
    pub project: String,
    /// The deliverable's id (D5.3).
    #[arg(long, default_value = "")]
    pub deliverable: String,
    /// The deliverable's title.
    #[arg(
        long,
        default_value = "Periodic assessment of the Virtual Access installations"
    )]
    pub title: String,
    /// The calendar month of M1, as YYYY-MM.
    #[arg(long)]
    pub start: String,
    /// Months per period: 12 (yearly), 6 (half-yearly), or a list such as
    /// 18,12 for irregular periods (the last length repeats).
    #[arg(long, default_value = "12")]
    pub period_months: String,
    /// How many periods the report covers so far.
    #[arg(long, default_value_t = 1)]
    pub periods: usize,
    /// A resource of Table 1 as NAME:UNIT or NAME:UNIT:BUDGET (repeat for more).
    #[arg(long = "resource")]
    pub resources: Vec<String>,
    /// An installation (repeat for more).
    #[arg(long = "installation")]
    pub installations: Vec<String>,
    /// Numbers in the report are written with a decimal comma (1.234,5).
    #[arg(long)]
    pub decimal_comma: bool,
}

pub fn new_report(args: &NewArgs) -> anyhow::Result<()> {
    let start = YearMonth::try_from(args.start.clone())
        .map_err(|reason| anyhow::anyhow!("--start: {reason}"))?;
    let lengths = PeriodScheme::parse_lengths(&args.period_months)
        .map_err(|reason| anyhow::anyhow!("--period-months: {reason}"))?;
    let scheme = match lengths.as_slice() {
        [12] => PeriodScheme::Yearly,
        [6] => PeriodScheme::HalfYearly,
        _ => PeriodScheme::Custom(lengths),
    };
    let resources = args
        .resources
        .iter()
        .map(|text| {
            ResourceSpec::parse(text).map_err(|reason| anyhow::anyhow!("--resource {reason}"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let spec = NewReportSpec {
        project: args.project.clone(),
        deliverable_id: args.deliverable.clone(),
        title: args.title.clone(),
        start,
        scheme,
        period_count: args.periods,
        resources,
        installations: args.installations.clone(),
        decimal_mark: if args.decimal_comma {
            DecimalMark::Comma
        } else {
            DecimalMark::Point
        },
    };
    let report = spec.build().map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("the report cannot be made: {}", lines.join("; "))
    })?;
    project_file::save(&args.out, &report)?;
    crate::cli_output::print(format_args!("wrote {}\n", args.out.display()))?;
    Ok(())
}

/// `va-report next-period`: the report with its next period started,
/// written to `out` (never over the input); optionally the provider
/// templates for that period into `templates`.
pub fn next_period(report_path: &Path, out: &Path, templates: Option<&Path>) -> anyhow::Result<()> {
    if std::path::absolute(report_path).ok() == std::path::absolute(out).ok() {
        anyhow::bail!("--out must differ from the report: {}", out.display());
    }
    let mut report = project_file::load(report_path)?;
    let edit = start_next_period(&report);
    apply(&mut report, edit).context("the period could not be added")?;
    project_file::save(out, &report)?;
    let period = report
        .periods
        .last()
        .map(|p| p.label.clone())
        .unwrap_or_default();
    crate::cli_output::print(format_args!(
        "started period {period}; wrote {}\n",
        out.display()
    ))?;
    if let Some(directory) = templates {
        std::fs::create_dir_all(directory)
            .with_context(|| format!("cannot create {}", directory.display()))?;
        let files =
            va_report::import::template::write_provider_templates(directory, &report, &period)?;
        for file in files {
            crate::cli_output::print(format_args!("wrote {}\n", file.display()))?;
        }
    }
    Ok(())
}

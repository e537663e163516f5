//! `va-report [FILE]` opens the window; subcommands run without one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod cli_import;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use va_report::model::NumberStyle;
use va_report::plot::FigureSelection;
use va_report::samples::Sample;
use va_report::ui::{AppEnvironment, VaReportApp};
use va_report::{check, project_file};

/// Edit periodic Virtual Access assessment reports: metric tables, checks,
/// plots and exports for the deliverable.
#[derive(Parser, Debug)]
#[command(version, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Project file to open; without one, the last file, else the built-in M36
    /// sample. A provider spreadsheet (.xlsx, .csv, ...) opens that report and
    /// previews the import of the file.
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write a built-in sample report as a project file.
    Sample {
        /// The M24 report instead of the M36 final report.
        #[arg(long)]
        m24: bool,
        /// Where to write the project file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a report for contradictions; exit 0 when no unacknowledged error, 1 when there is one, 2 when the report cannot be read.
    Check {
        /// Project file to check; without one, the built-in M36 sample.
        report: Option<PathBuf>,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Read provider spreadsheets and print what would change in the report.
    Import {
        /// The report to import into; without one, the built-in M36 sample.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Provider files: .xlsx .xlsm .xlsb .xls .ods .csv .tsv
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the report with every matched change applied to this project file.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print the plan as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a workbook for providers to fill in for one period.
    Template {
        /// The report; without one, the built-in M36 sample.
        report: Option<PathBuf>,
        /// Installations to include (one sheet each).
        #[arg(long = "installation", required = true)]
        installations: Vec<String>,
        /// The period to fill in: M25-M36, PY3, ...
        #[arg(long)]
        period: String,
        /// Where to write the .xlsx workbook.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a report's figures (and, with other options, its documents) for the deliverable.
    Export {
        /// Project file to export; without one, the built-in M36 sample.
        report: Option<PathBuf>,
        /// Directory for the figures: usage against budget per resource, use per
        /// installation, and one per installation's metrics, each as PNG and SVG.
        #[arg(long, value_name = "DIR")]
        charts: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check { report, json }) => return check(report, json),
        Some(Command::Sample { m24, out }) => write_sample(m24, &out),
        Some(Command::Import {
            report,
            files,
            out,
            json,
        }) => return cli_import::import(report.as_deref(), &files, out.as_deref(), json),
        Some(Command::Template {
            report,
            installations,
            period,
            out,
        }) => cli_import::template(report.as_deref(), &installations, &period, &out),
        Some(Command::Export { report, charts }) => export(report.as_deref(), charts.as_deref()),
        None => open_window(cli.file),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("va-report: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Exit code 0: no unacknowledged error; 1: at least one; 2: the report cannot be read.
fn check(path: Option<PathBuf>, json: bool) -> ExitCode {
    let report = match &path {
        Some(path) => project_file::load(path).map_err(anyhow::Error::from),
        None => Sample::M36
            .report()
            .context("the built-in sample could not be read"),
    };
    let report = match report {
        Ok(report) => report,
        Err(error) => {
            eprintln!("va-report: {error:#}");
            return ExitCode::from(2);
        }
    };
    let findings = check::check_report(&report);
    if json {
        println!("{:#}", check::output::to_json(&report, &findings));
    } else {
        print!("{}", check::output::to_text(&report, &findings));
    }
    if check::output::has_open_error(&report, &findings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_sample(m24: bool, out: &std::path::Path) -> anyhow::Result<()> {
    let sample = if m24 { Sample::M24 } else { Sample::M36 };
    let report = sample
        .report()
        .context("the built-in sample could not be read")?;
    project_file::save(out, &report)?;
    println!("wrote {}", out.display());
    Ok(())
}

fn export(report: Option<&Path>, charts: Option<&Path>) -> anyhow::Result<()> {
    let report = match report {
        Some(path) => project_file::load(path)?,
        None => Sample::M36
            .report()
            .context("the built-in sample could not be read")?,
    };
    let Some(dir) = charts else {
        anyhow::bail!("nothing to export: give --charts DIR");
    };
    let written = va_report::export::figures::write_figures(
        &report,
        dir,
        NumberStyle::default(),
        FigureSelection::ALL,
    )?;
    for figure in &written {
        println!(
            "wrote {} and {}",
            figure.png.display(),
            figure.svg.display()
        );
    }
    Ok(())
}

fn open_window(file: Option<PathBuf>) -> anyhow::Result<()> {
    let environment = AppEnvironment {
        recovery_dir: directories::ProjectDirs::from("eu", "va-report", "va-report")
            .map(|dirs| dirs.data_dir().join("recovery")),
        native_dialogs: true,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("va-report")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "va-report",
        options,
        Box::new(move |creation| Ok(Box::new(VaReportApp::start(creation, file, environment)))),
    )
    .map_err(|error| anyhow::anyhow!("cannot open the window: {error}"))
}

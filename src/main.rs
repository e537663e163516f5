//! `va-report [FILE]` opens the window; subcommands run without one.

use std::path::PathBuf;
use std::process::ExitCode;

mod cli_docx;
mod cli_import;
mod cli_output;
mod cli_report;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use cli_report::{SampleArg, load_report};
use va_report::import::guard;
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
    /// Start a report of one's own: project, calendar, resources, installations.
    New(cli_report::NewArgs),
    /// Start a report's next period: a new column in every metrics table and
    /// a new Table 1 checkpoint, written to a new file.
    NextPeriod {
        /// The project file (it is not changed).
        report: PathBuf,
        /// Where to write the report with its next period.
        #[arg(long)]
        out: PathBuf,
        /// Also write one provider template per provider for the new period
        /// into this folder.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Check a report for contradictions; exit 0 when no unacknowledged error, 1 when there is one, 2 when the report cannot be read.
    Check {
        /// Project file to check.
        report: Option<PathBuf>,
        /// Check a built-in sample instead of a file.
        #[arg(long, value_enum)]
        sample: Option<SampleArg>,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Read provider spreadsheets and print what would change in the report.
    Import {
        /// The report to import into.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Import into a built-in sample instead of a file.
        #[arg(long, value_enum)]
        sample: Option<SampleArg>,
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
        /// The report.
        report: Option<PathBuf>,
        /// Use a built-in sample instead of a file.
        #[arg(long, value_enum)]
        sample: Option<SampleArg>,
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
    /// Export a report's tables: DOCX for the deliverable, an XLSX workbook,
    /// CSV files, chart images.
    Export(ExportArgs),
    /// Reads provider files sent on stdin within limits and writes their
    /// grids to stdout; the program runs itself this way to read untrusted
    /// files.
    #[command(name = "read-worker", hide = true)]
    ReadWorker(WorkerLimits),
    /// Reads one Word document's body from stdin and writes it, as JSON, to
    /// stdout; the program runs itself this way to read untrusted documents.
    #[command(name = "read-document", hide = true)]
    ReadDocument(WorkerLimits),
    /// Updates a Word document's tables: the report and the document framed
    /// on stdin, the updated document framed on stdout; the program runs
    /// itself this way to update untrusted documents.
    #[command(name = "update-document", hide = true)]
    UpdateDocument(WorkerLimits),
    /// Update the report's tables inside a Word document (the deliverable),
    /// keeping its formatting; written to a new file.
    UpdateDocx(cli_docx::UpdateDocxArgs),
    /// Start a report from a deliverable (.docx): Table 1, installations,
    /// their tables and assessments, the prose sections.
    NewFromDocx(cli_docx::NewFromDocxArgs),
}

#[derive(clap::Args, Debug)]
struct ExportArgs {
    /// Project file to export.
    report: Option<PathBuf>,
    /// Export a built-in sample instead of a file.
    #[arg(long, value_enum)]
    sample: Option<SampleArg>,
    /// Write the Word document (tables, captions) to FILE.
    #[arg(long, value_name = "FILE")]
    docx: Option<PathBuf>,
    /// Write the workbook (a sheet per installation, Cumulative, Findings) to FILE.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// Write one CSV file per table into DIR.
    #[arg(long, value_name = "DIR")]
    csv: Option<PathBuf>,
    /// Write the consumption figures as images into DIR.
    #[arg(long, value_name = "DIR")]
    charts: Option<PathBuf>,
    /// How numbers are written: us (1,234,567), eu (1.234.567) or si (1 234 567).
    #[arg(long, value_enum, default_value = "us")]
    numbers: NumbersArg,
    /// Put the usage figures, with captions, into the DOCX.
    #[arg(long)]
    embed_figures: bool,
    /// Add an annex of acknowledged findings and their reasons to the DOCX.
    #[arg(long)]
    findings_annex: bool,
    /// Take styles, page size, margins, headers and footers of the DOCX
    /// from this Word document or template.
    #[arg(long, value_name = "REF.docx")]
    template: Option<PathBuf>,
    /// The author written into the DOCX's properties.
    #[arg(long)]
    author: Option<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum NumbersArg {
    Us,
    Eu,
    Si,
}

/// The limits a worker subcommand is started with.
#[derive(clap::Args, Debug)]
struct WorkerLimits {
    #[arg(long)]
    memory_bytes: u64,
    #[arg(long)]
    file_secs: u64,
}

impl WorkerLimits {
    fn args(&self) -> guard::WorkerArgs {
        guard::WorkerArgs {
            memory_bytes: self.memory_bytes,
            file_secs: self.file_secs,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The program runs itself as a worker to read untrusted files.
    match &cli.command {
        Some(Command::ReadWorker(limits)) => return guard::run_worker(&limits.args()),
        Some(Command::ReadDocument(limits)) => {
            return guard::run_job_worker(
                &limits.args(),
                va_report::export::docx_update::MAX_DOCUMENT_BYTES,
                va_report::export::docx_read::body_job,
            );
        }
        Some(Command::UpdateDocument(limits)) => {
            return guard::run_job_worker(
                &limits.args(),
                va_report::export::docx_update_guard::MAX_UPDATE_INPUT_BYTES,
                va_report::export::docx_update_guard::update_job,
            );
        }
        _ => {}
    }
    // Provider files and Word documents are read by this same program in a
    // worker process.
    if let Some(worker) = guard::Worker::current_exe() {
        guard::set_default_worker(worker);
    }
    let result = match cli.command {
        Some(Command::Check {
            report,
            sample,
            json,
        }) => return check(report, sample, json),
        Some(Command::Sample { m24, out }) => write_sample(m24, &out),
        Some(Command::New(args)) => cli_report::new_report(&args),
        Some(Command::NextPeriod {
            report,
            out,
            templates,
        }) => cli_report::next_period(&report, &out, templates.as_deref()),
        Some(Command::Import {
            report,
            sample,
            files,
            out,
            json,
        }) => {
            return cli_import::import(report.as_deref(), sample, &files, out.as_deref(), json);
        }
        Some(Command::Template {
            report,
            sample,
            installations,
            period,
            out,
        }) => cli_import::template(report.as_deref(), sample, &installations, &period, &out),
        Some(Command::Export(args)) => export(&args),
        Some(Command::ReadWorker(_) | Command::ReadDocument(_) | Command::UpdateDocument(_)) => {
            Ok(())
        }
        Some(Command::UpdateDocx(args)) => cli_docx::update_docx(&args),
        Some(Command::NewFromDocx(args)) => cli_docx::new_from_docx(&args),
        None => open_window(cli.file),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => cli_output::exit_code(&error, ExitCode::SUCCESS),
    }
}

/// Exit code 0: no unacknowledged error; 1: at least one; 2: the report cannot be read.
fn check(path: Option<PathBuf>, sample: Option<SampleArg>, json: bool) -> ExitCode {
    let report = match load_report(path.as_deref(), sample) {
        Ok(report) => report,
        Err(error) => {
            cli_output::report_error(&error);
            return ExitCode::from(2);
        }
    };
    let findings = check::check_report(&report);
    let code = if check::output::has_open_error(&report, &findings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    let printed = if json {
        cli_output::print(format_args!(
            "{:#}\n",
            check::output::to_json(&report, &findings)
        ))
    } else {
        cli_output::print(format_args!(
            "{}",
            check::output::to_text(&report, &findings)
        ))
    };
    match printed {
        Ok(()) => code,
        Err(error) => cli_output::exit_code(&error.into(), code),
    }
}

fn write_sample(m24: bool, out: &std::path::Path) -> anyhow::Result<()> {
    let sample = if m24 { Sample::M24 } else { Sample::M36 };
    let report = sample
        .report()
        .context("the built-in sample could not be read")?;
    project_file::save(out, &report)?;
    cli_output::print(format_args!("wrote {}\n", out.display()))?;
    Ok(())
}

fn export(args: &ExportArgs) -> anyhow::Result<()> {
    use va_report::export;
    use va_report::model::NumberStyle;

    if args.docx.is_none() && args.xlsx.is_none() && args.csv.is_none() && args.charts.is_none() {
        anyhow::bail!("nothing to export: give --docx, --xlsx, --csv or --charts");
    }
    let report = load_report(args.report.as_deref(), args.sample)?;
    let options = export::ExportOptions {
        number_style: match args.numbers {
            NumbersArg::Us => NumberStyle::Us,
            NumbersArg::Eu => NumberStyle::Eu,
            NumbersArg::Si => NumberStyle::Si,
        },
        installations: None,
        embed_figures: args.embed_figures,
        findings_annex: args.findings_annex,
        template: args.template.clone(),
        author: args.author.clone().unwrap_or_default(),
    };
    // One check serves the warning and the findings the files show.
    let checked = va_report::check::check_report(&report);
    cli_docx::warn_open_errors(&report, &checked);
    let findings = export::finding_rows_of(&report, &checked);
    if let Some(path) = &args.docx {
        let figures = if options.embed_figures {
            export::figures_for_docx(&report, options.number_style)?
        } else {
            Vec::new()
        };
        export::docx::write_docx(path, &report, &options, &findings, &figures)?;
        cli_output::print(format_args!("wrote {}\n", path.display()))?;
    }
    if let Some(path) = &args.xlsx {
        export::xlsx::write_xlsx(path, &report, &options, &findings)?;
        cli_output::print(format_args!("wrote {}\n", path.display()))?;
    }
    if let Some(dir) = &args.csv {
        let files = export::csv::write_csv_dir(dir, &report, &options)?;
        cli_output::print(format_args!(
            "wrote {} csv files into {}\n",
            files.len(),
            dir.display()
        ))?;
    }
    if let Some(dir) = &args.charts {
        let files = export::write_charts(dir, &report, options.number_style)?;
        for file in &files {
            cli_output::print(format_args!("wrote {}\n", file.display()))?;
        }
    }
    Ok(())
}

fn open_window(file: Option<PathBuf>) -> anyhow::Result<()> {
    let environment = AppEnvironment {
        background_checks: true,
        recovery_dir: directories::ProjectDirs::from("eu", "va-report", "va-report")
            .map(|dirs| dirs.data_dir().join("recovery")),
        native_dialogs: true,
    };
    // Saves killed half-way leave temporary files; clear the old ones.
    if let Some(dir) = &environment.recovery_dir {
        project_file::remove_stale_temporaries(dir);
    }
    if let Some(dir) = file.as_deref().and_then(std::path::Path::parent) {
        project_file::remove_stale_temporaries(if dir.as_os_str().is_empty() {
            std::path::Path::new(".")
        } else {
            dir
        });
    }
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

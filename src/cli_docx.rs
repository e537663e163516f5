//! `va-report update-docx` (the report's tables updated inside the user's
//! Word document) and `va-report new-from-docx` (a report started from a
//! deliverable).

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use va_report::export::{self, ExportOptions};
use va_report::model::{NumberStyle, YearMonth};
use va_report::project_file;

use crate::cli_report::{SampleArg, load_report};

/// `va-report update-docx`.
#[derive(clap::Args, Debug)]
pub struct UpdateDocxArgs {
    /// The Word document to update (it is not changed).
    pub document: PathBuf,
    /// The project file whose tables go into the document.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Use a built-in sample instead of a file.
    #[arg(long, value_enum)]
    pub sample: Option<SampleArg>,
    /// Where to write the updated document.
    #[arg(long)]
    pub out: PathBuf,
    /// How numbers are written: us (1,234,567), eu (1.234.567) or si
    /// (1 234 567); by default as the report writes them.
    #[arg(long, value_enum)]
    pub numbers: Option<StyleArg>,
    /// Print what changed as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum StyleArg {
    Us,
    Eu,
    Si,
}

impl From<StyleArg> for NumberStyle {
    fn from(style: StyleArg) -> Self {
        match style {
            StyleArg::Us => NumberStyle::Us,
            StyleArg::Eu => NumberStyle::Eu,
            StyleArg::Si => NumberStyle::Si,
        }
    }
}

pub fn update_docx(args: &UpdateDocxArgs) -> anyhow::Result<()> {
    let report = load_report(args.report.as_deref(), args.sample)?;
    let number_style = match args.numbers {
        Some(style) => style.into(),
        None => match report.decimal_mark {
            va_report::model::DecimalMark::Comma => NumberStyle::Eu,
            va_report::model::DecimalMark::Point => NumberStyle::Us,
        },
    };
    let options = ExportOptions {
        number_style,
        ..ExportOptions::default()
    };
    warn_open_errors(&report, &va_report::check::check_report(&report));
    // Ctrl+C ends the worker with this process: nothing to cancel here.
    let never = AtomicBool::new(false);
    let summary = export::docx_update::update_docx_file(
        &args.document,
        &args.out,
        &report,
        &options,
        &never,
    )?;
    if args.json {
        println!(
            "{:#}",
            serde_json::json!({
                "document": args.document.display().to_string(),
                "out": args.out.display().to_string(),
                "cells_changed": summary.cells_changed(),
                "tables": summary.tables,
                "not_found": summary.not_found,
            })
        );
    } else {
        print!("{}", summary.to_text());
        println!(
            "wrote {} ({} cells changed in {} tables)",
            args.out.display(),
            summary.cells_changed(),
            summary
                .tables
                .iter()
                .filter(|table| !table.changes.is_empty())
                .count()
        );
    }
    Ok(())
}

/// `va-report new-from-docx`.
#[derive(clap::Args, Debug)]
pub struct NewFromDocxArgs {
    /// The deliverable to start from (.docx).
    pub document: PathBuf,
    /// Where to write the new project file.
    #[arg(long)]
    pub out: PathBuf,
    /// The calendar month of M1, as YYYY-MM, when Table 1's labels do not
    /// tell it.
    #[arg(long)]
    pub start: Option<String>,
}

pub fn new_from_docx(args: &NewFromDocxArgs) -> anyhow::Result<()> {
    let start = match &args.start {
        Some(text) => Some(
            YearMonth::try_from(text.clone())
                .map_err(|reason| anyhow::anyhow!("--start: {reason}"))?,
        ),
        None => None,
    };
    let never = AtomicBool::new(false);
    let read = export::docx_report::report_from_docx_file(&args.document, start, &never)?;
    project_file::save(&args.out, &read.report)?;
    println!(
        "read {} installations, {} metrics, {} resources, {} sections",
        read.summary.installations,
        read.summary.metrics,
        read.summary.resources,
        read.summary.sections
    );
    for problem in &read.unread {
        println!("not read: {problem}");
    }
    println!("wrote {}", args.out.display());
    Ok(())
}

/// Says on stderr how many errors the checks still find, before an
/// export writes anything (the export still happens).
pub fn warn_open_errors(report: &va_report::model::Report, findings: &[va_report::check::Finding]) {
    let [errors, warnings, _] = va_report::check::open_counts(report, findings);
    if errors > 0 {
        eprintln!(
            "va-report: the report still has {errors} open error{} and {warnings} warning{} (see `va-report check`)",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        );
    }
}

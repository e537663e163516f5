//! `va-report import` and `va-report template`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use va_report::edit::apply;
use va_report::import::{import_paths, template::write_template};
use va_report::project_file;

use crate::cli_report::{SampleArg, load_report};

/// Prints the plan; exit code 0 when every file was read, 2 otherwise.
pub fn import(
    report: Option<&Path>,
    sample: Option<SampleArg>,
    files: &[PathBuf],
    out: Option<&Path>,
    json: bool,
) -> ExitCode {
    let run = || -> anyhow::Result<bool> {
        let mut report = load_report(report, sample)?;
        let plan = import_paths(&report, files);
        if json {
            println!("{}", serde_json::to_string_pretty(&plan.to_json())?);
        } else {
            print!("{}", plan.to_text());
        }
        if let Some(out) = out {
            apply(&mut report, plan.to_edit()).context("the changes could not be applied")?;
            project_file::save(out, &report)?;
            if !json {
                println!("wrote {}", out.display());
            }
        }
        Ok(plan.errors.is_empty())
    };
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(error) => {
            eprintln!("va-report: {error:#}");
            ExitCode::from(2)
        }
    }
}

pub fn template(
    report: Option<&Path>,
    sample: Option<SampleArg>,
    installations: &[String],
    period: &str,
    out: &Path,
) -> anyhow::Result<()> {
    let report = load_report(report, sample)?;
    write_template(out, &report, installations, period)?;
    println!("wrote {}", out.display());
    Ok(())
}

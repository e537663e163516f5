//! `va-report import` and `va-report template`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli_output;
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
    // The exit code the plan gives, and why printing it failed, if it did:
    // the report is still written with --out when stdout is gone.
    let run = || -> anyhow::Result<(ExitCode, anyhow::Result<()>)> {
        let mut report = load_report(report, sample)?;
        let plan = import_paths(&report, files);
        let code = if plan.errors.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        };
        let mut printed = if json {
            serde_json::to_string_pretty(&plan.to_json())
                .map_err(anyhow::Error::from)
                .and_then(|text| Ok(cli_output::print(format_args!("{text}\n"))?))
        } else {
            cli_output::print(format_args!("{}", plan.to_text())).map_err(anyhow::Error::from)
        };
        if let Some(out) = out {
            apply(&mut report, plan.to_edit()).context("the changes could not be applied")?;
            project_file::save(out, &report)?;
            if !json && printed.is_ok() {
                printed = cli_output::print(format_args!("wrote {}\n", out.display()))
                    .map_err(anyhow::Error::from);
            }
        }
        Ok((code, printed))
    };
    match run() {
        Ok((code, Ok(()))) => code,
        Ok((code, Err(error))) => cli_output::exit_code(&error, code),
        Err(error) => cli_output::exit_code(&error, ExitCode::from(2)),
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
    cli_output::print(format_args!("wrote {}\n", out.display()))?;
    Ok(())
}

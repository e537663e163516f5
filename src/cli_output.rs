//! Everything the command line prints goes through here, so that a failed
//! write is an error rather than a panic (`println!` panics when stdout is a
//! closed pipe or a full disk). A closed pipe (`va-report check | head`) is
//! the reader's choice: the command ends quietly with the exit code it would
//! have had. Any other failure (a full disk) is reported on stderr and the
//! command exits 2.

use std::fmt;
use std::io::{self, Write as _};
use std::process::ExitCode;

/// Standard output could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write to standard output ({0})")]
pub struct StdoutError(#[source] pub io::Error);

/// Writes to stdout and flushes, so a failure shows here and not later.
pub fn print(args: fmt::Arguments<'_>) -> Result<(), StdoutError> {
    let mut out = io::stdout().lock();
    out.write_fmt(args)
        .and_then(|()| out.flush())
        .map_err(StdoutError)
}

/// Writes `va-report: ERROR` to stderr; a failure to do so is ignored, as
/// there is nowhere left to say it.
pub fn report_error(error: &anyhow::Error) {
    let _ = writeln!(io::stderr().lock(), "va-report: {error:#}");
}

/// The exit code of a command that failed with `error`: `code_if_closed`
/// when stdout is a closed pipe (nothing to say, the reader left), else 2
/// after reporting the error.
pub fn exit_code(error: &anyhow::Error, code_if_closed: ExitCode) -> ExitCode {
    let closed_pipe = error
        .downcast_ref::<StdoutError>()
        .is_some_and(|StdoutError(io)| io.kind() == io::ErrorKind::BrokenPipe);
    if closed_pipe {
        return code_if_closed;
    }
    report_error(error);
    ExitCode::from(2)
}

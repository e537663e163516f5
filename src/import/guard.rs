//! Reading untrusted files in a guarded worker process.
//!
//! A provider file can be damaged or hostile: calamine panics on some
//! truncated `.xls`/`.xlsb` files, loops forever on some `.ods` files, and
//! allocates gigabytes for files of a few kilobytes. None of that may take the
//! window (and its unsaved work) or the command line down, so files are read
//! by a child process of the same program (the hidden `read-worker`
//! subcommand) that runs with an address-space limit and a CPU-time limit and
//! catches panics. The parent gives it the bytes on stdin, gets the grids back
//! on stdout, and kills it on Cancel or when the time limit passes. However the
//! worker ends, the result is a [`Workbook`] or one [`ReadError`] for that
//! file.
//!
//! [`Reader::InProcess`] reads in the calling process (panics still caught);
//! unit tests of the parsers use it, and so does any caller that configured
//! no worker.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::read::{self, Grid, Limits, ReadError, Row, Value, Workbook};

/// The hidden subcommand that runs a worker.
pub const WORKER_SUBCOMMAND: &str = "read-worker";

/// A worker: the program to run and its limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worker {
    /// This program's own binary; it must understand [`WORKER_SUBCOMMAND`].
    pub program: PathBuf,
    /// Address space the worker may use, in bytes (the program itself included).
    pub memory_bytes: u64,
    /// Wall-clock time one file may take.
    pub time_limit: Duration,
}

impl Worker {
    /// 2 GiB and 60 s: ten times what the largest real provider file needs.
    pub const DEFAULT_MEMORY_BYTES: u64 = 2 * 1024 * 1024 * 1024;
    pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(60);

    pub fn new(program: impl Into<PathBuf>) -> Self {
        Self {
            program: program.into(),
            memory_bytes: Self::DEFAULT_MEMORY_BYTES,
            time_limit: Self::DEFAULT_TIME_LIMIT,
        }
    }

    /// A worker running the current executable; None when it cannot be found.
    pub fn current_exe() -> Option<Self> {
        std::env::current_exe().ok().map(Self::new)
    }

    pub fn with_memory_bytes(mut self, memory_bytes: u64) -> Self {
        self.memory_bytes = memory_bytes;
        self
    }

    pub fn with_time_limit(mut self, time_limit: Duration) -> Self {
        self.time_limit = time_limit;
        self
    }
}

/// Where provider files are parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reader {
    /// In this process: panics are caught, hangs and memory are not bounded.
    InProcess,
    /// In a worker process with limits.
    Worker(Worker),
}

static DEFAULT_WORKER: OnceLock<Worker> = OnceLock::new();

/// Makes `worker` the reader of [`Reader::configured`] for the rest of the
/// process; the binary calls it once at start. False when one was already set.
pub fn set_default_worker(worker: Worker) -> bool {
    DEFAULT_WORKER.set(worker).is_ok()
}

impl Reader {
    /// The worker set by [`set_default_worker`], else in process.
    pub fn configured() -> Self {
        DEFAULT_WORKER
            .get()
            .map_or(Self::InProcess, |worker| Self::Worker(worker.clone()))
    }

    /// Reads `bytes` (the content of `file_name`) into grids.
    pub fn read(
        &self,
        file_name: &str,
        bytes: &[u8],
        limits: Limits,
        cancel: &AtomicBool,
    ) -> Result<Workbook, ReadError> {
        match self {
            Self::InProcess => read::read_bytes_caught(file_name, bytes, limits, cancel),
            Self::Worker(worker) => read_in_worker(worker, file_name, bytes, limits, cancel),
        }
    }
}

/// How often the parent looks at the cancel flag and the clock while the
/// worker runs. The result itself is taken the moment it arrives.
const POLL: Duration = Duration::from_millis(20);
/// What the parent keeps of the worker's stderr (enough to see how it died).
const STDERR_KEPT_BYTES: u64 = 64 * 1024;

/// Reads one file in a worker process.
pub fn read_in_worker(
    worker: &Worker,
    file_name: &str,
    bytes: &[u8],
    limits: Limits,
    cancel: &AtomicBool,
) -> Result<Workbook, ReadError> {
    // The cheap checks need no worker; an empty or oversized file is named
    // here as in process.
    if bytes.is_empty() {
        return Err(ReadError::ZeroBytes);
    }
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            limit_mb: limits.max_file_bytes / (1024 * 1024),
        });
    }
    let limits_json = serde_json::to_string(&limits)
        .map_err(|error| ReadError::WorkerUnavailable(error.to_string()))?;
    let time_secs = worker.time_limit.as_secs().max(1);
    let mut child = Command::new(&worker.program)
        .arg(WORKER_SUBCOMMAND)
        .arg("--name")
        .arg(file_name)
        .arg("--limits")
        .arg(limits_json)
        .arg("--memory-bytes")
        .arg(worker.memory_bytes.to_string())
        // CPU time is a backstop in case this process dies without killing
        // the worker; the wall-clock limit below is the one that counts.
        .arg("--cpu-secs")
        .arg(time_secs.saturating_add(5).to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| {
            ReadError::WorkerUnavailable(format!("{error}: {}", worker.program.display()))
        })?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(ReadError::WorkerUnavailable("no pipes".to_owned()));
    };
    let deadline = Instant::now() + worker.time_limit;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            // A worker that stops early closes the pipe; that is its answer.
            let _ = stdin.write_all(bytes);
        });
        let (sender, receiver) = mpsc::channel();
        scope.spawn(move || {
            let mut reply = Vec::new();
            let _ = std::io::BufReader::new(stdout).read_to_end(&mut reply);
            let _ = sender.send(reply);
        });
        let stderr_reader = scope.spawn(move || {
            let mut text = Vec::new();
            let _ = stderr.take(STDERR_KEPT_BYTES).read_to_end(&mut text);
            text
        });
        let ending = loop {
            match receiver.recv_timeout(POLL) {
                Ok(reply) => break Ending::Exited(reply),
                Err(mpsc::RecvTimeoutError::Disconnected) => break Ending::Exited(Vec::new()),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if cancel.load(std::sync::atomic::Ordering::Relaxed) {
                        break Ending::Cancelled;
                    }
                    if Instant::now() >= deadline {
                        break Ending::TimedOut;
                    }
                }
            }
        };
        if !matches!(ending, Ending::Exited(_)) {
            let _ = child.kill();
        }
        let status = child.wait();
        let stderr_text = stderr_reader.join().unwrap_or_default();
        match ending {
            Ending::Cancelled => Err(ReadError::Cancelled),
            Ending::TimedOut => Err(ReadError::TimedOut { secs: time_secs }),
            Ending::Exited(reply) => {
                let died = match &status {
                    Ok(status) => !status.success(),
                    Err(_) => true,
                };
                if died || reply.is_empty() {
                    Err(why_it_died(worker, status.ok(), &stderr_text, time_secs))
                } else {
                    decode_reply(&reply).unwrap_or(Err(ReadError::ReaderStopped))
                }
            }
        }
    })
}

enum Ending {
    Exited(Vec<u8>),
    Cancelled,
    TimedOut,
}

/// A worker that exited without a reply: out of memory (Rust's allocation
/// failure message, or killed for its CPU time), else stopped.
fn why_it_died(
    worker: &Worker,
    status: Option<std::process::ExitStatus>,
    stderr: &[u8],
    time_secs: u64,
) -> ReadError {
    let stderr = String::from_utf8_lossy(stderr);
    if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
        return ReadError::OutOfMemory {
            limit_mb: worker.memory_bytes / (1024 * 1024),
        };
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        // SIGXCPU (24) and SIGKILL (9) after the CPU-time limit.
        if let Some(signal) = status.and_then(|status| status.signal())
            && (signal == 24 || signal == 9)
        {
            return ReadError::TimedOut { secs: time_secs };
        }
    }
    #[cfg(not(unix))]
    let _ = (status, time_secs);
    ReadError::ReaderStopped
}

/// Arguments of the hidden worker subcommand.
#[derive(Clone, Debug)]
pub struct WorkerArgs {
    pub name: String,
    /// [`Limits`] as JSON.
    pub limits: String,
    pub memory_bytes: u64,
    pub cpu_secs: u64,
}

/// The worker: limits itself, reads stdin, writes the reply on stdout.
/// Exit code 0 when a reply was written (a read error is a reply too).
pub fn run_worker(args: &WorkerArgs) -> ExitCode {
    limit_self(args.memory_bytes, args.cpu_secs);
    // A panic is reported as a reply, not as a message on the terminal.
    std::panic::set_hook(Box::new(|_| {}));
    let result = match serde_json::from_str::<Limits>(&args.limits) {
        Ok(limits) => {
            let mut bytes = Vec::new();
            let cap = limits.max_file_bytes.saturating_add(1);
            match std::io::stdin().lock().take(cap).read_to_end(&mut bytes) {
                Ok(_) => {
                    read::read_bytes_caught(&args.name, &bytes, limits, &AtomicBool::new(false))
                }
                Err(error) => Err(ReadError::WorkerUnavailable(error.to_string())),
            }
        }
        Err(error) => Err(ReadError::WorkerUnavailable(format!("bad limits: {error}"))),
    };
    let reply = encode_reply(&result);
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&reply).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(3),
    }
}

#[cfg(unix)]
fn limit_self(memory_bytes: u64, cpu_secs: u64) {
    // A limit that cannot be set (already lower) leaves the stricter one.
    let _ = rlimit::setrlimit(rlimit::Resource::AS, memory_bytes, memory_bytes);
    let _ = rlimit::setrlimit(rlimit::Resource::CPU, cpu_secs, cpu_secs.saturating_add(1));
}

#[cfg(not(unix))]
fn limit_self(_memory_bytes: u64, _cpu_secs: u64) {}

// The reply: a compact binary form of the workbook, fast to write and read
// for millions of cells. `1` then the read error as JSON, or `0` then the
// workbook: grids (sheet, rows (index, cells (column, value))), skipped.

const TAG_NUMBER: u8 = 0;
const TAG_TEXT: u8 = 1;
const TAG_DATE: u8 = 2;
const TAG_ERROR: u8 = 3;

/// The worker's reply for `result`.
pub fn encode_reply(result: &Result<Workbook, ReadError>) -> Vec<u8> {
    let mut out = Vec::new();
    match result {
        Ok(workbook) => {
            out.push(0);
            encode_workbook(workbook, &mut out);
        }
        Err(error) => {
            out.push(1);
            out.extend(serde_json::to_vec(error).unwrap_or_default());
        }
    }
    out
}

/// The result a reply holds; None when the reply is malformed.
pub fn decode_reply(reply: &[u8]) -> Option<Result<Workbook, ReadError>> {
    let (&tag, rest) = reply.split_first()?;
    match tag {
        0 => {
            let mut input = Input(rest);
            let workbook = decode_workbook(&mut input)?;
            input.0.is_empty().then_some(Ok(workbook))
        }
        1 => serde_json::from_slice(rest).ok().map(Err),
        _ => None,
    }
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend(u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_u32(out, text.len());
    out.extend(text.as_bytes());
}

fn encode_workbook(workbook: &Workbook, out: &mut Vec<u8>) {
    put_u32(out, workbook.grids.len());
    for grid in &workbook.grids {
        put_str(out, &grid.sheet);
        put_u32(out, grid.rows.len());
        for row in &grid.rows {
            out.extend(row.index.to_le_bytes());
            put_u32(out, row.cells.len());
            for (column, value) in &row.cells {
                out.extend(column.to_le_bytes());
                match value {
                    Value::Number(n) => {
                        out.push(TAG_NUMBER);
                        out.extend(n.to_le_bytes());
                    }
                    Value::Text(text) => {
                        out.push(TAG_TEXT);
                        put_str(out, text);
                    }
                    Value::Date { year, month } => {
                        out.push(TAG_DATE);
                        out.extend(year.to_le_bytes());
                        out.push(*month);
                    }
                    Value::Error(text) => {
                        out.push(TAG_ERROR);
                        put_str(out, text);
                    }
                }
            }
        }
    }
    put_u32(out, workbook.skipped.len());
    for (sheet, reason) in &workbook.skipped {
        put_str(out, sheet);
        put_str(out, reason);
    }
}

struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn bytes<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_at_checked(N)?;
        self.0 = rest;
        head.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        self.bytes::<1>().map(|[b]| b)
    }

    fn u32(&mut self) -> Option<u32> {
        self.bytes().map(u32::from_le_bytes)
    }

    /// A count of items each at least `min_bytes` long, checked against what
    /// is left, so a bad count cannot reserve memory.
    fn count(&mut self, min_bytes: usize) -> Option<usize> {
        let n = usize::try_from(self.u32()?).ok()?;
        (n.checked_mul(min_bytes)? <= self.0.len()).then_some(n)
    }

    fn string(&mut self) -> Option<String> {
        let length = self.count(1)?;
        let (head, rest) = self.0.split_at_checked(length)?;
        self.0 = rest;
        String::from_utf8(head.to_vec()).ok()
    }
}

fn decode_workbook(input: &mut Input<'_>) -> Option<Workbook> {
    let grid_count = input.count(8)?;
    let mut grids = Vec::with_capacity(grid_count);
    for _ in 0..grid_count {
        let sheet = input.string()?;
        let row_count = input.count(8)?;
        let mut rows = Vec::with_capacity(row_count);
        for _ in 0..row_count {
            let index = input.u32()?;
            let cell_count = input.count(5)?;
            let mut cells = Vec::with_capacity(cell_count);
            for _ in 0..cell_count {
                let column = input.u32()?;
                let value = match input.u8()? {
                    TAG_NUMBER => Value::Number(f64::from_le_bytes(input.bytes()?)),
                    TAG_TEXT => Value::Text(input.string()?),
                    TAG_DATE => Value::Date {
                        year: i32::from_le_bytes(input.bytes()?),
                        month: input.u8()?,
                    },
                    TAG_ERROR => Value::Error(input.string()?),
                    _ => return None,
                };
                cells.push((column, value));
            }
            rows.push(Row { index, cells });
        }
        grids.push(Grid { sheet, rows });
    }
    let skipped_count = input.count(8)?;
    let mut skipped = Vec::with_capacity(skipped_count);
    for _ in 0..skipped_count {
        skipped.push((input.string()?, input.string()?));
    }
    Some(Workbook { grids, skipped })
}

/// Reads a file from disk, bounded by what is read rather than what the file
/// system declares (a pipe or `/dev/zero` declares 0 bytes).
pub fn read_file_bounded(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadFileError> {
    let file = std::fs::File::open(path).map_err(ReadFileError::Io)?;
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadFileError::Io)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max_bytes {
        return Err(ReadFileError::TooLarge);
    }
    Ok(bytes)
}

/// Why [`read_file_bounded`] failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadFileError {
    #[error("{0}")]
    Io(std::io::Error),
    #[error("the file is larger than allowed")]
    TooLarge,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    fn workbook() -> Workbook {
        Workbook {
            grids: vec![Grid {
                sheet: "Sheet 1 é".to_owned(),
                rows: vec![
                    Row {
                        index: 0,
                        cells: vec![
                            (0, Value::Text("Metric".to_owned())),
                            (3, Value::Number(-1.5e300)),
                        ],
                    },
                    Row {
                        index: 9,
                        cells: vec![
                            (
                                1,
                                Value::Date {
                                    year: 2024,
                                    month: 9,
                                },
                            ),
                            (2, Value::Error("#DIV/0!".to_owned())),
                        ],
                    },
                ],
            }],
            skipped: vec![("Hidden".to_owned(), "hidden sheet".to_owned())],
        }
    }

    #[test]
    fn replies_round_trip() {
        let ok = Ok(workbook());
        assert_eq!(decode_reply(&encode_reply(&ok)), Some(ok));
        let err = Err(ReadError::TooManyCells {
            sheet: "A".to_owned(),
            limit: 3,
        });
        assert_eq!(decode_reply(&encode_reply(&err)), Some(err));
    }

    #[test]
    fn damaged_replies_are_refused_without_panic() {
        let reply = encode_reply(&Ok(workbook()));
        for cut in 0..reply.len() {
            assert_eq!(decode_reply(&reply[..cut]), None, "cut at {cut}");
        }
        let mut huge_count = vec![0u8];
        huge_count.extend(u32::MAX.to_le_bytes());
        assert_eq!(decode_reply(&huge_count), None);
    }

    #[test]
    fn in_process_reading_catches_nothing_on_good_files() {
        let book = Reader::InProcess
            .read(
                "a.csv",
                b"a;b\n1;2\n",
                Limits::default(),
                &AtomicBool::new(false),
            )
            .unwrap();
        assert_eq!(book.grids[0].rows.len(), 2);
    }

    #[test]
    fn a_missing_worker_program_is_named() {
        let worker = Worker::new("/nonexistent/va-report");
        let error = Reader::Worker(worker)
            .read(
                "a.csv",
                b"a;b\n",
                Limits::default(),
                &AtomicBool::new(false),
            )
            .unwrap_err();
        assert!(
            matches!(&error, ReadError::WorkerUnavailable(m) if m.contains("/nonexistent/va-report")),
            "{error:?}"
        );
    }

    #[test]
    fn bounded_reads_stop_at_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        std::fs::write(&path, vec![b'a'; 100]).unwrap();
        assert_eq!(read_file_bounded(&path, 100).unwrap().len(), 100);
        assert!(matches!(
            read_file_bounded(&path, 99),
            Err(ReadFileError::TooLarge)
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_file_bounded(Path::new("/dev/zero"), 1000),
            Err(ReadFileError::TooLarge)
        ));
    }
}

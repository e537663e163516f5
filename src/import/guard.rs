//! Reading untrusted files in a guarded worker process.
//!
//! A provider file can be damaged or hostile: calamine panics on some
//! truncated `.xls`/`.xlsb` files, loops forever on some `.ods` files, and
//! allocates gigabytes for files of a few kilobytes. None of that may take the
//! window (and its unsaved work) or the command line down, so files are read
//! by a child process of the same program (the hidden `read-worker`
//! subcommand) that runs with an address-space limit, ends itself when one
//! file takes too long, and catches panics. The parent gives it each file's
//! bytes on stdin and kills it on Cancel or when the time limit passes. The
//! worker keeps none of the rows it reads: they go back on stdout in frames
//! as they come ([`reply`]), and the parent rebuilds the grids while the
//! worker is still parsing, so the guard costs little more than the copy.
//! One worker serves every file of an import ([`ReadSession`]); however it
//! ends, that file's result is one [`ReadError`], and the next file gets a
//! fresh worker.
//!
//! [`Reader::InProcess`] reads in the calling process (panics still caught);
//! unit tests of the parsers use it, and so does any caller that configured
//! no worker.

use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::read::{self, Limits, ReadError, Workbook};

mod job;
mod reply;

pub use job::{run_job, run_job_worker};
pub use reply::{ReplyReader, ReplyWriter, decode_reply, encode_reply};

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

    /// Reads `bytes` (the content of `file_name`) into grids, with a worker
    /// of its own.
    pub fn read(
        &self,
        file_name: &str,
        bytes: &[u8],
        limits: Limits,
        cancel: &AtomicBool,
    ) -> Result<Workbook, ReadError> {
        self.session().read(file_name, bytes, limits, cancel)
    }

    /// A session that reads several files with one worker.
    pub fn session(&self) -> ReadSession<'_> {
        ReadSession {
            reader: self,
            live: None,
            started: 0,
        }
    }
}

/// How often the parent looks at the cancel flag and the clock while the
/// worker runs. The result itself is taken the moment it arrives.
const POLL: Duration = Duration::from_millis(20);
/// What the parent keeps of the worker's stderr (the end: enough to see how
/// it died).
const STDERR_KEPT_BYTES: usize = 64 * 1024;
/// The worker's exit code when its own watchdog ends a file that took too
/// long (the parent's clock ends it first; this one counts if the parent
/// died).
const WATCHDOG_EXIT_CODE: i32 = 4;
/// The longest file name and limits a request may carry.
const MAX_REQUEST_TEXT_BYTES: usize = 64 * 1024;

/// Reads the files of one import one after another. With a worker, one
/// worker process serves them all; it is replaced only when it dies (a crash,
/// an allocation past its memory limit), takes too long or is cancelled:
/// that file gets the error and the next file a fresh worker. Dropping the
/// session ends its worker.
pub struct ReadSession<'a> {
    reader: &'a Reader,
    live: Option<LiveWorker>,
    started: usize,
}

impl ReadSession<'_> {
    /// Reads `bytes` (the content of `file_name`) into grids.
    pub fn read(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        limits: Limits,
        cancel: &AtomicBool,
    ) -> Result<Workbook, ReadError> {
        let worker = match self.reader {
            Reader::InProcess => {
                return read::read_bytes_caught(file_name, bytes, limits, cancel, None);
            }
            Reader::Worker(worker) => worker,
        };
        // The cheap checks need no worker; an empty or oversized file is
        // named here as in process.
        if bytes.is_empty() {
            return Err(ReadError::ZeroBytes);
        }
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limits.max_file_bytes {
            return Err(ReadError::TooLarge {
                limit_mb: limits.max_file_bytes / (1024 * 1024),
            });
        }
        if cancel.load(Ordering::Relaxed) {
            return Err(ReadError::Cancelled);
        }
        let live = match self.live.take() {
            Some(live) => live,
            None => {
                self.started += 1;
                LiveWorker::start(worker)?
            }
        };
        let (result, live) = live.read(worker, file_name, limits, bytes, cancel);
        self.live = live;
        result
    }

    /// How many worker processes this session started (0 in process).
    pub fn workers_started(&self) -> usize {
        self.started
    }
}

/// A running worker: its process, the thread that reads its replies and the
/// thread that keeps the end of its stderr.
struct LiveWorker {
    child: Child,
    stdin: ChildStdin,
    replies: mpsc::Receiver<Option<Result<Workbook, ReadError>>>,
    reply_thread: Option<JoinHandle<()>>,
    stderr_tail: Arc<Mutex<Vec<u8>>>,
    stderr_thread: Option<JoinHandle<()>>,
}

enum Ending {
    Replied(Result<Workbook, ReadError>),
    Died,
    Cancelled,
    TimedOut,
}

/// Starts `worker`'s program as `subcommand` with its limits, its three
/// pipes taken.
pub(crate) fn spawn_worker(
    worker: &Worker,
    subcommand: &str,
) -> Result<(Child, ChildStdin, ChildStdout, ChildStderr), ReadError> {
    let time_secs = worker.time_limit.as_secs().max(1);
    let mut child = Command::new(&worker.program)
        .arg(subcommand)
        .arg("--memory-bytes")
        .arg(worker.memory_bytes.to_string())
        // A backstop for when this process dies without killing the
        // worker; the wall-clock limit here is the one that counts.
        .arg("--file-secs")
        .arg(time_secs.saturating_add(5).to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| {
            ReadError::WorkerUnavailable(format!("{error}: {}", worker.program.display()))
        })?;
    let (Some(stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(ReadError::WorkerUnavailable("no pipes".to_owned()));
    };
    Ok((child, stdin, stdout, stderr))
}

impl LiveWorker {
    fn start(worker: &Worker) -> Result<Self, ReadError> {
        let (mut child, stdin, stdout, stderr) = spawn_worker(worker, WORKER_SUBCOMMAND)?;
        let (sender, replies) = mpsc::channel();
        let reply_thread = std::thread::Builder::new()
            .name("read-worker replies".to_owned())
            .spawn(move || {
                let mut stdout = BufReader::with_capacity(1 << 16, stdout);
                let mut reply = ReplyReader::new();
                let mut frame = Vec::new();
                // The grids are rebuilt frame by frame while the worker reads.
                // A worker that ends (or writes nonsense) closes the channel;
                // that is its answer.
                while let Ok(true) = read_frame(&mut stdout, &mut frame) {
                    let done = match reply.frame(&frame) {
                        Some(None) => continue,
                        Some(Some(result)) => Some(result),
                        None => None,
                    };
                    let malformed = done.is_none();
                    if sender.send(done).is_err() || malformed {
                        break;
                    }
                    reply = ReplyReader::new();
                }
            });
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr_tail);
        let stderr_thread = std::thread::Builder::new()
            .name("read-worker stderr".to_owned())
            .spawn(move || keep_tail(stderr, &tail));
        let (Ok(reply_thread), Ok(stderr_thread)) = (reply_thread, stderr_thread) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(ReadError::WorkerUnavailable("no thread".to_owned()));
        };
        Ok(Self {
            child,
            stdin,
            replies,
            reply_thread: Some(reply_thread),
            stderr_tail,
            stderr_thread: Some(stderr_thread),
        })
    }

    /// Reads one file; gives the worker back when it can serve the next.
    fn read(
        mut self,
        worker: &Worker,
        file_name: &str,
        limits: Limits,
        bytes: &[u8],
        cancel: &AtomicBool,
    ) -> (Result<Workbook, ReadError>, Option<Self>) {
        if let Ok(mut tail) = self.stderr_tail.lock() {
            tail.clear();
        }
        let time_secs = worker.time_limit.as_secs().max(1);
        let deadline = Instant::now() + worker.time_limit;
        let stdin = &mut self.stdin;
        let child = &mut self.child;
        let replies = &self.replies;
        let ending = std::thread::scope(|scope| {
            // Written on its own thread so that Cancel and the clock are
            // watched while a large file goes through the pipe. A worker
            // that stops early closes the pipe; its end says why.
            let writer = scope.spawn(move || write_request(stdin, file_name, limits, bytes));
            let ending = loop {
                match replies.recv_timeout(POLL) {
                    Ok(Some(result)) => break Ending::Replied(result),
                    Ok(None) | Err(mpsc::RecvTimeoutError::Disconnected) => break Ending::Died,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        if cancel.load(Ordering::Relaxed) {
                            break Ending::Cancelled;
                        }
                        if Instant::now() >= deadline {
                            break Ending::TimedOut;
                        }
                    }
                }
            };
            if !matches!(ending, Ending::Replied(_)) {
                let _ = child.kill();
            }
            let _ = writer.join();
            ending
        });
        match ending {
            Ending::Replied(result) => (result, Some(self)),
            Ending::Cancelled => (Err(ReadError::Cancelled), None),
            Ending::TimedOut => (Err(ReadError::TimedOut { secs: time_secs }), None),
            Ending::Died => {
                let status = self.child.wait().ok();
                // The worker is gone, so its stderr is at its end.
                if let Some(thread) = self.stderr_thread.take() {
                    let _ = thread.join();
                }
                let stderr = self
                    .stderr_tail
                    .lock()
                    .map(|tail| tail.clone())
                    .unwrap_or_default();
                (Err(why_it_died(worker, status, &stderr, time_secs)), None)
            }
        }
    }
}

impl Drop for LiveWorker {
    fn drop(&mut self) {
        // An idle worker has nothing to lose; one that is still reading is
        // not wanted any more.
        let _ = self.child.kill();
        let _ = self.child.wait();
        for thread in [self.reply_thread.take(), self.stderr_thread.take()]
            .into_iter()
            .flatten()
        {
            let _ = thread.join();
        }
    }
}

/// Keeps the last [`STDERR_KEPT_BYTES`] of `stderr` in `tail` until it ends.
fn keep_tail(mut stderr: impl Read, tail: &Mutex<Vec<u8>>) {
    let mut chunk = [0u8; 4096];
    while let Ok(n) = stderr.read(&mut chunk) {
        let Some(read) = chunk.get(..n).filter(|read| !read.is_empty()) else {
            break;
        };
        let Ok(mut tail) = tail.lock() else {
            break;
        };
        tail.extend_from_slice(read);
        let excess = tail.len().saturating_sub(STDERR_KEPT_BYTES);
        tail.drain(..excess);
    }
}

/// Writes a request to a worker: the file name, the limits as JSON and the
/// bytes, each after its length (u32, u32, u64; little-endian).
pub fn write_request(
    out: &mut impl Write,
    file_name: &str,
    limits: Limits,
    bytes: &[u8],
) -> std::io::Result<()> {
    let limits = serde_json::to_string(&limits).map_err(std::io::Error::other)?;
    let mut head = Vec::with_capacity(16 + file_name.len() + limits.len());
    for text in [file_name, limits.as_str()] {
        head.extend(u32::try_from(text.len()).unwrap_or(u32::MAX).to_le_bytes());
        head.extend(text.as_bytes());
    }
    head.extend(u64::try_from(bytes.len()).unwrap_or(u64::MAX).to_le_bytes());
    out.write_all(&head)?;
    out.write_all(bytes)?;
    out.flush()
}

/// One request as the worker reads it; None at the end of its input.
struct ReceivedRequest {
    name: String,
    limits: String,
    bytes: Vec<u8>,
}

fn read_request(
    input: &mut impl Read,
    max_file_bytes: impl Fn(&str) -> u64,
) -> std::io::Result<Option<ReceivedRequest>> {
    let mut first = [0u8; 4];
    // The end of the input before a request is the parent saying goodbye.
    match input.read(&mut first[..1])? {
        0 => return Ok(None),
        _ => input.read_exact(&mut first[1..])?,
    }
    let name = read_text(input, u32::from_le_bytes(first))?;
    let mut length = [0u8; 4];
    input.read_exact(&mut length)?;
    let limits = read_text(input, u32::from_le_bytes(length))?;
    let mut length = [0u8; 8];
    input.read_exact(&mut length)?;
    let length = u64::from_le_bytes(length);
    if length > max_file_bytes(&limits) {
        return Err(std::io::Error::other("file larger than its limits"));
    }
    let mut bytes = Vec::new();
    input.take(length).read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) != length {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(ReceivedRequest {
        name,
        limits,
        bytes,
    }))
}

fn read_text(input: &mut impl Read, length: u32) -> std::io::Result<String> {
    let length = usize::try_from(length).unwrap_or(usize::MAX);
    if length > MAX_REQUEST_TEXT_BYTES {
        return Err(std::io::Error::other("request text too long"));
    }
    let mut text = vec![0u8; length];
    input.read_exact(&mut text)?;
    String::from_utf8(text).map_err(std::io::Error::other)
}

/// A reply frame into `frame`: its length (u64, little-endian), then the
/// frame. False at the end of the input.
fn read_frame(input: &mut impl Read, frame: &mut Vec<u8>) -> std::io::Result<bool> {
    let mut length = [0u8; 8];
    match input.read(&mut length[..1])? {
        0 => return Ok(false),
        _ => input.read_exact(&mut length[1..])?,
    }
    let length = u64::from_le_bytes(length);
    // Grown as the bytes arrive, so a wrong length cannot reserve memory.
    frame.clear();
    input.take(length).read_to_end(frame)?;
    if u64::try_from(frame.len()).unwrap_or(u64::MAX) != length {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(true)
}

/// A worker that exited without a reply: out of memory (Rust's allocation
/// failure message), its own watchdog, else stopped.
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
    if status.and_then(|status| status.code()) == Some(WATCHDOG_EXIT_CODE) {
        return ReadError::TimedOut { secs: time_secs };
    }
    ReadError::ReaderStopped
}

/// Arguments of the hidden worker subcommand.
#[derive(Clone, Debug)]
pub struct WorkerArgs {
    pub memory_bytes: u64,
    /// Wall-clock time one file may take before the worker ends itself.
    pub file_secs: u64,
}

/// The worker: limits itself, then reads requests from stdin and writes a
/// reply for each on stdout until stdin ends. Exit code 0 at the end of
/// stdin (a read error is a reply too), 3 when the pipes fail, 4 when a
/// file took longer than `file_secs`.
pub fn run_worker(args: &WorkerArgs) -> ExitCode {
    limit_memory(args.memory_bytes);
    // A panic is reported as a reply, not as a message on the terminal.
    std::panic::set_hook(Box::new(|_| {}));
    let watchdog = Watchdog::start(Duration::from_secs(args.file_secs.max(1)));
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    let max_file_bytes = |limits: &str| {
        serde_json::from_str::<Limits>(limits).map_or(0, |limits| limits.max_file_bytes)
    };
    loop {
        let request = match read_request(&mut stdin, max_file_bytes) {
            Ok(Some(request)) => request,
            Ok(None) => return ExitCode::SUCCESS,
            Err(_) => return ExitCode::from(3),
        };
        // The rows go to the parent while the file is read.
        let mut reply = ReplyWriter::new(&mut stdout);
        let result = match serde_json::from_str::<Limits>(&request.limits) {
            Ok(limits) => {
                watchdog.arm();
                let result = read::read_bytes_caught(
                    &request.name,
                    &request.bytes,
                    limits,
                    &AtomicBool::new(false),
                    Some(&mut reply),
                );
                watchdog.disarm();
                result
            }
            Err(error) => Err(ReadError::WorkerUnavailable(format!("bad limits: {error}"))),
        };
        drop(request);
        if reply.finish(&result).is_err() {
            return ExitCode::from(3);
        }
    }
}

/// Ends the worker when one file takes longer than its limit; only matters
/// when the parent, which watches the same clock, is gone.
struct Watchdog {
    started: Instant,
    /// Milliseconds since `started` by which the current file must be done;
    /// `u64::MAX` between files.
    deadline_ms: Arc<AtomicU64>,
    limit: Duration,
}

impl Watchdog {
    fn start(limit: Duration) -> Self {
        let started = Instant::now();
        let deadline_ms = Arc::new(AtomicU64::new(u64::MAX));
        let watched = Arc::clone(&deadline_ms);
        // Without the thread there is no backstop, and the parent's clock
        // still ends a file that hangs.
        let _ = std::thread::Builder::new()
            .name("read-worker watchdog".to_owned())
            .spawn(move || {
                loop {
                    std::thread::sleep(Duration::from_millis(250));
                    let elapsed_ms =
                        u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                    if elapsed_ms > watched.load(Ordering::Relaxed) {
                        std::process::exit(WATCHDOG_EXIT_CODE);
                    }
                }
            });
        Self {
            started,
            deadline_ms,
            limit,
        }
    }

    fn arm(&self) {
        let deadline = self.started.elapsed().saturating_add(self.limit);
        self.deadline_ms.store(
            u64::try_from(deadline.as_millis()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
    }

    fn disarm(&self) {
        self.deadline_ms.store(u64::MAX, Ordering::Relaxed);
    }
}

#[cfg(unix)]
fn limit_memory(memory_bytes: u64) {
    // A limit that cannot be set (already lower) leaves the stricter one.
    let _ = rlimit::setrlimit(rlimit::Resource::AS, memory_bytes, memory_bytes);
}

#[cfg(not(unix))]
fn limit_memory(_memory_bytes: u64) {}

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

    #[test]
    fn requests_cross_as_written() {
        let mut pipe = Vec::new();
        write_request(&mut pipe, "a.csv", Limits::default(), b"a;b\n").unwrap();
        write_request(&mut pipe, "b.xlsx", Limits::default(), b"PK").unwrap();
        let mut input = pipe.as_slice();
        let limit = |_: &str| 100;
        let first = read_request(&mut input, limit).unwrap().unwrap();
        assert_eq!(
            (first.name.as_str(), first.bytes.as_slice()),
            ("a.csv", &b"a;b\n"[..])
        );
        assert_eq!(
            serde_json::from_str::<Limits>(&first.limits).unwrap(),
            Limits::default()
        );
        let second = read_request(&mut input, limit).unwrap().unwrap();
        assert_eq!(second.name, "b.xlsx");
        assert!(read_request(&mut input, limit).unwrap().is_none());
        // A file over the limit the request itself gives is refused.
        let mut pipe = Vec::new();
        write_request(&mut pipe, "a.csv", Limits::default(), &[b'a'; 101]).unwrap();
        assert!(read_request(&mut pipe.as_slice(), limit).is_err());
        // A request cut short is an error, not a request.
        let mut pipe = Vec::new();
        write_request(&mut pipe, "a.csv", Limits::default(), b"a;b").unwrap();
        assert!(read_request(&mut &pipe[..pipe.len() - 1], limit).is_err());
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

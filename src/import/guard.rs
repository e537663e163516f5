//! Reading untrusted files in a guarded worker process.
//!
//! A provider file can be damaged or hostile: calamine panics on some
//! truncated `.xls`/`.xlsb` files, loops forever on some `.ods` files, and
//! allocates gigabytes for files of a few kilobytes. None of that may take the
//! window (and its unsaved work) or the command line down, so files are read
//! by a child process of the same program (the hidden `read-worker`
//! subcommand) that runs with an address-space limit, ends itself when one
//! file takes too long, and catches panics. The parent gives it each file's bytes on stdin, gets the
//! grids back on stdout, and kills it on Cancel or when the time limit passes.
//! One worker serves every file of an import ([`ReadSession`]); however it
//! ends, that file's result is one [`ReadError`], and the next file gets a
//! fresh worker.
//!
//! [`Reader::InProcess`] reads in the calling process (panics still caught);
//! unit tests of the parsers use it, and so does any caller that configured
//! no worker.

use std::collections::HashMap;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::thread::JoinHandle;
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
                return read::read_bytes_caught(file_name, bytes, limits, cancel);
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

impl LiveWorker {
    fn start(worker: &Worker) -> Result<Self, ReadError> {
        let time_secs = worker.time_limit.as_secs().max(1);
        let mut child = Command::new(&worker.program)
            .arg(WORKER_SUBCOMMAND)
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
        let (sender, replies) = mpsc::channel();
        let reply_thread = std::thread::Builder::new()
            .name("read-worker replies".to_owned())
            .spawn(move || {
                let mut stdout = BufReader::with_capacity(1 << 16, stdout);
                // A worker that ends (or writes nonsense) closes the channel;
                // that is its answer.
                while let Ok(Some(frame)) = read_frame(&mut stdout) {
                    let reply = decode_reply(&frame);
                    let malformed = reply.is_none();
                    if sender.send(reply).is_err() || malformed {
                        break;
                    }
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

/// A reply frame: its length (u64, little-endian), then the reply. None at
/// the end of the input.
fn read_frame(input: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut length = [0u8; 8];
    match input.read(&mut length[..1])? {
        0 => return Ok(None),
        _ => input.read_exact(&mut length[1..])?,
    }
    let length = u64::from_le_bytes(length);
    // Grown as the bytes arrive, so a wrong length cannot reserve memory.
    let mut frame = Vec::with_capacity(usize::try_from(length.min(1 << 26)).unwrap_or(0));
    input.take(length).read_to_end(&mut frame)?;
    if u64::try_from(frame.len()).unwrap_or(u64::MAX) != length {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(frame))
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
        let result = match serde_json::from_str::<Limits>(&request.limits) {
            Ok(limits) => {
                watchdog.arm();
                let result = read::read_bytes_caught(
                    &request.name,
                    &request.bytes,
                    limits,
                    &AtomicBool::new(false),
                );
                watchdog.disarm();
                result
            }
            Err(error) => Err(ReadError::WorkerUnavailable(format!("bad limits: {error}"))),
        };
        drop(request);
        let mut frame = vec![0u8; 8];
        encode_reply_into(&result, &mut frame);
        drop(result);
        let length = u64::try_from(frame.len() - 8).unwrap_or(u64::MAX);
        if let Some(head) = frame.get_mut(..8) {
            head.copy_from_slice(&length.to_le_bytes());
        }
        if stdout
            .write_all(&frame)
            .and_then(|()| stdout.flush())
            .is_err()
        {
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

// The reply: a compact binary form of the workbook, fast to write and read
// for millions of cells. `1` then the read error as JSON, or `0` then the
// workbook: grids (sheet, rows (index, cells (column, value))), skipped.
// Counts, indices, lengths and whole numbers are LEB128 varints (zigzag
// when signed), so a typical cell takes 3 to 10 bytes; a text seen before
// in the reply (names repeated down a column of records) is sent as its
// index in a table both sides build the same way.

const TAG_NUMBER: u8 = 0;
const TAG_TEXT: u8 = 1;
const TAG_DATE: u8 = 2;
const TAG_ERROR: u8 = 3;
const TAG_INTEGER: u8 = 4;
const TAG_TEXT_AGAIN: u8 = 5;
/// Texts up to this length are remembered for [`TAG_TEXT_AGAIN`] ...
const REPEATED_TEXT_MAX_BYTES: usize = 256;
/// ... up to this many of them per reply.
const REPEATED_TEXT_MAX_COUNT: usize = 1 << 16;
/// Whole numbers within this magnitude are sent as varints, exactly.
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0; // 2^53

/// The worker's reply for `result`.
pub fn encode_reply(result: &Result<Workbook, ReadError>) -> Vec<u8> {
    let mut out = Vec::new();
    encode_reply_into(result, &mut out);
    out
}

fn encode_reply_into(result: &Result<Workbook, ReadError>, out: &mut Vec<u8>) {
    match result {
        Ok(workbook) => {
            out.push(0);
            encode_workbook(workbook, out);
        }
        Err(error) => {
            out.push(1);
            out.extend(serde_json::to_vec(error).unwrap_or_default());
        }
    }
}

/// The result a reply holds; None when the reply is malformed.
pub fn decode_reply(reply: &[u8]) -> Option<Result<Workbook, ReadError>> {
    let (&tag, rest) = reply.split_first()?;
    match tag {
        0 => {
            let mut input = Input {
                rest,
                texts: Vec::new(),
            };
            let workbook = decode_workbook(&mut input)?;
            input.rest.is_empty().then_some(Ok(workbook))
        }
        1 => serde_json::from_slice(rest).ok().map(Err),
        _ => None,
    }
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_count(out: &mut Vec<u8>, n: usize) {
    put_varint(out, u64::try_from(n).unwrap_or(u64::MAX));
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_count(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

/// Whether `text` goes into the table of repeated texts, given its size; the
/// encoder and the decoder ask the same question.
fn remembered(text: &str, table_len: usize) -> bool {
    text.len() <= REPEATED_TEXT_MAX_BYTES && table_len < REPEATED_TEXT_MAX_COUNT
}

/// A whole number that survives the trip through i64 bit for bit.
fn as_exact_integer(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < EXACT_INTEGER && !(n == 0.0 && n.is_sign_negative()))
        .then_some(n as i64)
}

fn encode_workbook(workbook: &Workbook, out: &mut Vec<u8>) {
    let mut texts: HashMap<&str, u32> = HashMap::new();
    put_count(out, workbook.grids.len());
    for grid in &workbook.grids {
        put_str(out, &grid.sheet);
        put_count(out, grid.rows.len());
        for row in &grid.rows {
            put_varint(out, u64::from(row.index));
            put_count(out, row.cells.len());
            for (column, value) in &row.cells {
                put_varint(out, u64::from(*column));
                match value {
                    Value::Number(n) => match as_exact_integer(*n) {
                        Some(integer) => {
                            out.push(TAG_INTEGER);
                            put_varint(out, zigzag(integer));
                        }
                        None => {
                            out.push(TAG_NUMBER);
                            out.extend_from_slice(&n.to_le_bytes());
                        }
                    },
                    Value::Text(text) => {
                        if let Some(&index) = texts.get(text.as_str()) {
                            out.push(TAG_TEXT_AGAIN);
                            put_varint(out, u64::from(index));
                        } else {
                            out.push(TAG_TEXT);
                            put_str(out, text);
                            if remembered(text, texts.len()) {
                                let index = u32::try_from(texts.len()).unwrap_or(u32::MAX);
                                texts.insert(text, index);
                            }
                        }
                    }
                    Value::Date { year, month } => {
                        out.push(TAG_DATE);
                        put_varint(out, zigzag(i64::from(*year)));
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
    put_count(out, workbook.skipped.len());
    for (sheet, reason) in &workbook.skipped {
        put_str(out, sheet);
        put_str(out, reason);
    }
}

struct Input<'a> {
    rest: &'a [u8],
    /// The texts remembered so far, in the encoder's order.
    texts: Vec<String>,
}

impl Input<'_> {
    fn bytes<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.rest.split_at_checked(N)?;
        self.rest = rest;
        head.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        let (&byte, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(byte)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            let bits = u64::from(byte & 0x7f);
            // The tenth byte holds the 64th bit only.
            if shift == 63 && bits > 1 {
                return None;
            }
            n |= bits << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.varint()?).ok()
    }

    /// A count of items each at least `min_bytes` long, checked against what
    /// is left, so a bad count cannot reserve memory.
    fn count(&mut self, min_bytes: usize) -> Option<usize> {
        let n = usize::try_from(self.varint()?).ok()?;
        (n.checked_mul(min_bytes)? <= self.rest.len()).then_some(n)
    }

    fn string(&mut self) -> Option<String> {
        let length = self.count(1)?;
        let (head, rest) = self.rest.split_at_checked(length)?;
        self.rest = rest;
        std::str::from_utf8(head).ok().map(str::to_owned)
    }
}

fn decode_workbook(input: &mut Input<'_>) -> Option<Workbook> {
    let grid_count = input.count(2)?;
    let mut grids = Vec::with_capacity(grid_count);
    for _ in 0..grid_count {
        let sheet = input.string()?;
        let row_count = input.count(2)?;
        let mut rows = Vec::with_capacity(row_count);
        for _ in 0..row_count {
            let index = input.u32()?;
            let cell_count = input.count(3)?;
            let mut cells = Vec::with_capacity(cell_count);
            for _ in 0..cell_count {
                let column = input.u32()?;
                let value = match input.u8()? {
                    TAG_NUMBER => Value::Number(f64::from_le_bytes(input.bytes()?)),
                    TAG_INTEGER => Value::Number(unzigzag(input.varint()?) as f64),
                    TAG_TEXT => {
                        let text = input.string()?;
                        if remembered(&text, input.texts.len()) {
                            input.texts.push(text.clone());
                        }
                        Value::Text(text)
                    }
                    TAG_TEXT_AGAIN => {
                        let index = usize::try_from(input.varint()?).ok()?;
                        Value::Text(input.texts.get(index)?.clone())
                    }
                    TAG_DATE => Value::Date {
                        year: i32::try_from(unzigzag(input.varint()?)).ok()?,
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
    let skipped_count = input.count(2)?;
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
                            (4, Value::Number(-0.0)),
                            (5, Value::Number(-42.0)),
                            (6, Value::Number(9_007_199_254_740_993.0)),
                            (7, Value::Number(0.1)),
                            (8, Value::Text("x".repeat(300))),
                        ],
                    },
                    Row {
                        index: 70_000,
                        cells: vec![
                            (0, Value::Text("Metric".to_owned())),
                            (u32::MAX, Value::Text("x".repeat(300))),
                            (2, Value::Text(String::new())),
                            (
                                3,
                                Value::Date {
                                    year: -1,
                                    month: 12,
                                },
                            ),
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
    fn numbers_cross_bit_for_bit() {
        for n in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            2_270_601.0,
            29_433.6,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            9_007_199_254_740_991.0,
            -9_007_199_254_740_992.0,
            1e300,
        ] {
            let book = Workbook {
                grids: vec![Grid {
                    sheet: String::new(),
                    rows: vec![Row {
                        index: 0,
                        cells: vec![(0, Value::Number(n))],
                    }],
                }],
                skipped: Vec::new(),
            };
            let Some(Ok(back)) = decode_reply(&encode_reply(&Ok(book))) else {
                panic!("{n} did not cross");
            };
            let Some(Value::Number(m)) = back.grids[0].rows[0].get(0) else {
                panic!("{n} is not a number");
            };
            assert_eq!(m.to_bits(), n.to_bits(), "{n}");
        }
    }

    #[test]
    fn names_repeated_down_a_column_cross_once() {
        let rows = (0..10_000u32)
            .map(|index| Row {
                index,
                cells: vec![
                    (0, Value::Text(format!("Installation {}", index % 7))),
                    (1, Value::Number(f64::from(index % 1000))),
                ],
            })
            .collect();
        let book = Workbook {
            grids: vec![Grid {
                sheet: "Records".to_owned(),
                rows,
            }],
            skipped: Vec::new(),
        };
        let reply = encode_reply(&Ok(book.clone()));
        // Row index, count, two columns, two tags and two short varints: at
        // most 10 bytes a row, where the names alone would take 14.
        assert!(reply.len() < 10 * 10_000, "{} bytes", reply.len());
        assert_eq!(decode_reply(&reply), Some(Ok(book)));
    }

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
    fn damaged_replies_are_refused_without_panic() {
        let reply = encode_reply(&Ok(workbook()));
        for cut in 0..reply.len() {
            assert_eq!(decode_reply(&reply[..cut]), None, "cut at {cut}");
        }
        let mut huge_count = vec![0u8];
        put_varint(&mut huge_count, u64::MAX);
        assert_eq!(decode_reply(&huge_count), None);
        // A text named by an index never sent.
        let mut unknown_text = vec![0u8, 1, 0, 1, 0, 1, 0, TAG_TEXT_AGAIN, 0, 0];
        assert_eq!(decode_reply(&unknown_text), None);
        unknown_text[7] = TAG_TEXT;
        assert!(matches!(decode_reply(&unknown_text), Some(Ok(_))));
    }

    #[test]
    fn varints_hold_64_bits_and_no_more() {
        for n in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, n);
            let mut input = Input {
                rest: &out,
                texts: Vec::new(),
            };
            assert_eq!(input.varint(), Some(n));
            assert!(input.rest.is_empty());
        }
        // 9 x 7 bits, then 7 more: past 64 bits.
        let mut too_long = Input {
            rest: &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
            texts: Vec::new(),
        };
        assert_eq!(too_long.varint(), None);
        let mut endless = Input {
            rest: &[0x80; 11],
            texts: Vec::new(),
        };
        assert_eq!(endless.varint(), None);
        assert_eq!(unzigzag(zigzag(i64::MIN)), i64::MIN);
        assert_eq!(unzigzag(zigzag(-1)), -1);
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

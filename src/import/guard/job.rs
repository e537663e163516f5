//! One job in a guarded worker: untrusted bytes in on stdin, one answer out
//! on stdout, then the worker ends. Word documents are read this way (the
//! hidden `read-document` subcommand); provider spreadsheets go through the
//! longer-lived [`super::ReadSession`].

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::{POLL, ReadError, Watchdog, Worker, WorkerArgs, keep_tail, limit_memory, why_it_died};

/// Runs `subcommand` of the worker's program on `input` and returns what
/// it wrote, or why it gave nothing: it could not start, died (a crash,
/// its memory limit), took longer than the worker's time limit, or was
/// cancelled.
pub fn run_job(
    worker: &Worker,
    subcommand: &str,
    input: &[u8],
    cancel: &AtomicBool,
) -> Result<Vec<u8>, ReadError> {
    let time_secs = worker.time_limit.as_secs().max(1);
    let (mut child, mut stdin, mut stdout, stderr) = super::spawn_worker(worker, subcommand)?;
    let deadline = Instant::now() + worker.time_limit;
    let tail = std::sync::Mutex::new(Vec::new());
    let (answer, ending) = std::thread::scope(|scope| {
        // The input goes in, the answer comes out and stderr is kept, each
        // on its own thread, while this one watches Cancel and the clock.
        scope.spawn(move || {
            let _ = stdin.write_all(input);
        });
        let reading = scope.spawn(move || {
            let mut answer = Vec::new();
            stdout.read_to_end(&mut answer).map(|_| answer)
        });
        scope.spawn(|| keep_tail(stderr, &tail));
        let ending = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) => {}
                Err(_) => break Err(ReadError::ReaderStopped),
            }
            if cancel.load(Ordering::Relaxed) {
                break Err(ReadError::Cancelled);
            }
            if Instant::now() >= deadline {
                break Err(ReadError::TimedOut { secs: time_secs });
            }
            std::thread::sleep(POLL.min(Duration::from_millis(5)));
        };
        if ending.is_err() {
            let _ = child.kill();
            let _ = child.wait();
        }
        (reading.join().ok().and_then(Result::ok), ending)
    });
    let status = ending?;
    match answer {
        Some(answer) if status.success() => Ok(answer),
        _ => {
            let stderr = tail.into_inner().unwrap_or_default();
            Err(why_it_died(worker, Some(status), &stderr, time_secs))
        }
    }
}

/// The worker's side of [`run_job`]: limits itself, reads all of stdin (at
/// most `max_input_bytes`), writes `job`'s answer on stdout and ends. Exit
/// code 0 with an answer, 3 when the pipes fail or the input is too long,
/// 4 when the job took longer than `file_secs`.
pub fn run_job_worker(
    args: &WorkerArgs,
    max_input_bytes: u64,
    job: impl FnOnce(&[u8]) -> Vec<u8>,
) -> ExitCode {
    limit_memory(args.memory_bytes);
    // A panic is part of the answer (the job catches it), not a message.
    std::panic::set_hook(Box::new(|_| {}));
    let mut input = Vec::new();
    let read = std::io::stdin()
        .lock()
        .take(max_input_bytes.saturating_add(1))
        .read_to_end(&mut input);
    if read.is_err() || u64::try_from(input.len()).unwrap_or(u64::MAX) > max_input_bytes {
        return ExitCode::from(3);
    }
    let watchdog = Watchdog::start(Duration::from_secs(args.file_secs.max(1)));
    watchdog.arm();
    let answer = job(&input);
    watchdog.disarm();
    drop(input);
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&answer).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(3),
    }
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    /// A worker program that runs `body` as a shell script, whatever its
    /// arguments.
    fn script(dir: &std::path::Path, name: &str, body: &str) -> Worker {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        Worker::new(path)
    }

    #[test]
    fn an_answer_is_heard_and_a_death_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let never = AtomicBool::new(false);
        let echo = script(dir.path(), "echo", "cat");
        let input = vec![7u8; 300_000];
        assert_eq!(run_job(&echo, "read-document", &input, &never), Ok(input));
        let dies = script(dir.path(), "dies", "exit 1");
        assert_eq!(
            run_job(&dies, "read-document", b"PK", &never),
            Err(ReadError::ReaderStopped)
        );
        let out_of_memory = script(
            dir.path(),
            "oom",
            "echo 'memory allocation of 4096 bytes failed' >&2; exit 134",
        );
        assert_eq!(
            run_job(&out_of_memory, "read-document", b"PK", &never),
            Err(ReadError::OutOfMemory { limit_mb: 2048 })
        );
        let missing = Worker::new("/nonexistent/va-report");
        assert!(matches!(
            run_job(&missing, "read-document", b"PK", &never),
            Err(ReadError::WorkerUnavailable(message)) if message.contains("/nonexistent")
        ));
    }

    #[test]
    fn a_job_past_its_time_or_cancelled_is_ended() {
        let dir = tempfile::tempdir().unwrap();
        let slow =
            script(dir.path(), "slow", "exec sleep 30").with_time_limit(Duration::from_secs(1));
        let started = Instant::now();
        assert_eq!(
            run_job(&slow, "read-document", b"PK", &AtomicBool::new(false)),
            Err(ReadError::TimedOut { secs: 1 })
        );
        assert_eq!(
            run_job(&slow, "read-document", b"PK", &AtomicBool::new(true)),
            Err(ReadError::Cancelled)
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}

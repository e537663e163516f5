//! A Word document read in the background: File > New from Word document…
//! and File > Update Word document… run on a thread of their own (the
//! document's body in the guarded worker) while the window shows what it is
//! reading with a Cancel that ends the worker. The window stays drawn; its
//! shortcuts wait until the task is over.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::export::ExportError;
use crate::export::docx_report::{FromDocx, FromDocxFileError};
use crate::export::docx_update::UpdateSummary;

/// What a finished task gives the window.
pub enum WordOutcome {
    /// A report read from `path` (New from Word document…).
    Started {
        path: PathBuf,
        read: Box<Result<FromDocx, FromDocxFileError>>,
    },
    /// `document`'s tables updated into `written` (Update Word document…).
    Updated {
        document: PathBuf,
        written: PathBuf,
        result: Result<UpdateSummary, ExportError>,
    },
}

/// Where a task is.
pub enum WordPoll {
    Running,
    Done(WordOutcome),
    /// The thread ended without an answer (it cannot panic on a document:
    /// its readers catch that; this is the last guard).
    Lost,
}

/// A task under way.
pub struct WordTask {
    heading: &'static str,
    file: String,
    cancel: Arc<AtomicBool>,
    receiver: Receiver<WordOutcome>,
}

impl WordTask {
    /// Runs `job` on a new thread; `job` watches the flag it is given and
    /// stops when Cancel sets it. `heading` and `file` are what the window
    /// shows meanwhile (it looks for the answer every 100 ms while it
    /// draws the progress). Err: the thread could not be started.
    pub fn spawn(
        heading: &'static str,
        file: &std::path::Path,
        job: impl FnOnce(&AtomicBool) -> WordOutcome + Send + 'static,
    ) -> std::io::Result<Self> {
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, receiver) = channel();
        let thread_cancel = Arc::clone(&cancel);
        std::thread::Builder::new()
            .name("word-document".to_owned())
            .spawn(move || {
                let outcome = job(&thread_cancel);
                let _ = sender.send(outcome);
            })?;
        let file = file
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string());
        Ok(Self {
            heading,
            file,
            cancel,
            receiver,
        })
    }

    pub fn poll(&self) -> WordPoll {
        match self.receiver.try_recv() {
            Ok(outcome) => WordPoll::Done(outcome),
            Err(TryRecvError::Empty) => WordPoll::Running,
            Err(TryRecvError::Disconnected) => WordPoll::Lost,
        }
    }

    /// Stops the task: its worker ends, nothing is written, and its answer
    /// (if one still comes) is not used.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The file being read, as the window names it.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Draws what is being read; true when the user pressed Cancel (or
    /// Escape).
    pub fn progress_ui(&self, ctx: &egui::Context) -> bool {
        let mut cancel = false;
        let response = egui::Modal::new(egui::Id::unique("word-task")).show(ctx, |ui| {
            ui.set_width(380.0);
            ui.heading(self.heading);
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(&self.file);
            });
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
        cancel || response.should_close()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    fn wait(task: &WordTask) -> WordPoll {
        for _ in 0..500 {
            match task.poll() {
                WordPoll::Running => std::thread::sleep(std::time::Duration::from_millis(10)),
                other => return other,
            }
        }
        panic!("the task never ended");
    }

    #[test]
    fn a_task_gives_its_outcome_and_cancel_reaches_the_job() {
        let path = PathBuf::from("/reports/deliverable.docx");
        let task = WordTask::spawn("Reading", &path, |cancel| {
            // Waits for Cancel, then answers as a cancelled read does.
            while !cancel.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            WordOutcome::Started {
                path: PathBuf::from("/reports/deliverable.docx"),
                read: Box::new(Err(FromDocxFileError::Read {
                    path: PathBuf::from("/reports/deliverable.docx"),
                    reason: "cancelled".to_owned(),
                })),
            }
        })
        .unwrap();
        assert_eq!(task.file(), "deliverable.docx");
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(matches!(task.poll(), WordPoll::Running));
        task.cancel();
        match wait(&task) {
            WordPoll::Done(WordOutcome::Started { read, .. }) => {
                let error = read.err().unwrap();
                assert!(error.to_string().contains("cancelled"), "{error}");
            }
            _ => panic!("expected the cancelled read"),
        }
    }

    #[test]
    fn a_job_that_dies_is_lost_not_waited_for() {
        let task = WordTask::spawn("Reading", std::path::Path::new("x.docx"), |_| {
            std::panic::resume_unwind(Box::new("the thread ended"))
        })
        .unwrap();
        assert!(matches!(wait(&task), WordPoll::Lost));
    }
}

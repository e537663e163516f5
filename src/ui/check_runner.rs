//! Where the checks run: in the frame while a whole check is cheap, on a
//! thread of its own once one took longer than [`FRAME_SHARE`], so that
//! typing in a large report never waits for the checks.
//!
//! A background check works on a snapshot of the report and is installed
//! only if the report has not changed since; otherwise the next one starts
//! from the report as it is then. While a check is running the window keeps
//! showing the previous findings, marked as out of date, and refuses their
//! Fix and Acknowledge buttons (their edits name places of the old report).

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::findings_panel::FindingsView;
use crate::model::Report;

/// The share of a 60 Hz frame a check may take in the frame.
pub const FRAME_SHARE: Duration = Duration::from_millis(8);

/// Identifies a state of the report: (document generation, revision).
pub type ChecksKey = (u64, u64);

/// The findings of the report and the check that will replace them.
#[derive(Default)]
pub struct CheckRunner {
    /// The findings shown, and the state of the report they belong to.
    view: FindingsView,
    key: Option<ChecksKey>,
    running: Option<Running>,
    /// How long the last whole check took.
    last_cost: Option<Duration>,
}

struct Running {
    key: ChecksKey,
    result: Receiver<(FindingsView, Duration)>,
}

/// How a refresh went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// The findings are those of the report as it is.
    Current,
    /// A check of the current report is running; the findings are older.
    Checking,
}

impl CheckRunner {
    /// Brings the findings up to `key`: at once when the last check was
    /// cheap (or `in_frame` is asked for), otherwise by starting or
    /// collecting a background check.
    pub fn refresh(&mut self, report: &Report, key: ChecksKey, in_frame: bool) -> Freshness {
        self.collect(key);
        if self.key == Some(key) {
            return Freshness::Current;
        }
        let cheap = self.last_cost.is_none_or(|cost| cost <= FRAME_SHARE);
        if in_frame || cheap {
            let started = Instant::now();
            self.view = FindingsView::new(report, key.1);
            self.last_cost = Some(started.elapsed());
            self.key = Some(key);
            return Freshness::Current;
        }
        if self.running.is_none() {
            self.start(report.clone(), key);
        }
        Freshness::Checking
    }

    /// Installs a finished background check if it is of `current`; a
    /// finished check of an older state only tells the cost.
    fn collect(&mut self, current: ChecksKey) {
        let Some(running) = &self.running else {
            return;
        };
        match running.result.try_recv() {
            Ok((view, cost)) => {
                self.last_cost = Some(cost);
                if running.key == current {
                    self.view = view;
                    self.key = Some(current);
                }
                self.running = None;
            }
            Err(TryRecvError::Empty) => {}
            // The thread ended without a result (it cannot panic on a
            // report, but if it did): check in the frame next time.
            Err(TryRecvError::Disconnected) => {
                self.running = None;
                self.last_cost = None;
            }
        }
    }

    fn start(&mut self, snapshot: Report, key: ChecksKey) {
        let (sender, result) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("checks".to_owned())
            .spawn(move || {
                let started = Instant::now();
                let view = FindingsView::new(&snapshot, key.1);
                // The window may have closed; nothing to tell then.
                let _ = sender.send((view, started.elapsed()));
            });
        match spawned {
            Ok(_) => self.running = Some(Running { key, result }),
            // No thread to be had: the next refresh checks in the frame.
            Err(_) => self.last_cost = None,
        }
    }

    /// Whether the findings shown are of the report in state `key`.
    pub fn is_current(&self, key: ChecksKey) -> bool {
        self.key == Some(key)
    }

    /// Whether a background check is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    pub fn view(&self) -> &FindingsView {
        &self.view
    }

    /// The findings, taken out for drawing; put them back with [`Self::put_back`].
    pub fn take_view(&mut self) -> FindingsView {
        std::mem::take(&mut self.view)
    }

    pub fn put_back(&mut self, view: FindingsView) {
        self.view = view;
    }

    /// Pretends the last check took `cost`, so tests can reach the
    /// background path on a small report.
    #[doc(hidden)]
    pub fn assume_last_cost(&mut self, cost: Duration) {
        self.last_cost = Some(cost);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::edit::{Edit, apply};
    use crate::model::{CellAddress, MetricColumn};
    use crate::samples::generated;

    fn wait_until_current(runner: &mut CheckRunner, report: &Report, key: ChecksKey) {
        for _ in 0..2000 {
            if runner.refresh(report, key, false) == Freshness::Current {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("the background check never finished");
    }

    #[test]
    fn a_cheap_check_runs_in_the_frame() {
        let report = generated(2, 2);
        let mut runner = CheckRunner::default();
        assert_eq!(runner.refresh(&report, (0, 1), false), Freshness::Current);
        assert!(!runner.is_running());
        assert!(runner.is_current((0, 1)));
    }

    #[test]
    fn a_costly_check_runs_in_the_background_and_lands_only_on_its_own_revision() {
        let mut report = generated(3, 3);
        let mut runner = CheckRunner::default();
        runner.refresh(&report, (0, 1), false);
        let before = runner.view().findings.len();
        runner.assume_last_cost(FRAME_SHARE * 4);

        // A TOT made wrong: the background check must find it.
        let address = CellAddress::Metric {
            installation: 0,
            metric: 0,
            column: MetricColumn::Total,
        };
        apply(
            &mut report,
            Edit::SetCell {
                address,
                text: "1".to_owned(),
            },
        )
        .unwrap();
        assert_eq!(runner.refresh(&report, (0, 2), false), Freshness::Checking);
        assert!(runner.is_running());
        // Until it lands the old findings stay, marked as not current.
        assert!(!runner.is_current((0, 2)));
        assert_eq!(runner.view().findings.len(), before);

        // The report changes again before the check lands: the result of
        // revision 2 is not installed as revision 3's.
        apply(
            &mut report,
            Edit::SetCell {
                address,
                text: "2".to_owned(),
            },
        )
        .unwrap();
        runner.assume_last_cost(FRAME_SHARE * 4);
        wait_until_current(&mut runner, &report, (0, 3));
        assert!(runner.is_current((0, 3)));
        let expected = FindingsView::new(&report, 3);
        assert_eq!(runner.view().findings, expected.findings);
        assert!(
            runner
                .view()
                .findings
                .iter()
                .any(|f| f.location.cell_address() == Some(address)),
            "the wrong TOT is found"
        );
    }

    #[test]
    fn asking_for_the_frame_checks_at_once_even_when_costly() {
        let report = generated(2, 2);
        let mut runner = CheckRunner::default();
        runner.assume_last_cost(FRAME_SHARE * 10);
        assert_eq!(runner.refresh(&report, (0, 1), true), Freshness::Current);
    }
}

//! When an opened corpus became searchable, had its timeline in order, had its folder checked,
//! had its entities counted and was complete, written to the log by the interface itself.
//! Timed from outside, through a screen read many times a second, the interface lost a share
//! of a core to the timing: a 100k first open was done 0.3-0.4 s later with the screen read
//! every 50 ms than every 500 ms.

use std::time::Instant;

use crate::app::AppState;

pub(super) struct Milestones {
    started: Instant,
    /// Which of [`MILESTONES`] were logged already.
    reached: [bool; MILESTONES.len()],
}

/// Whether a state has reached a milestone.
type Reached = fn(&AppState) -> bool;

/// Each milestone's name in the log, and whether a state has reached it. A reopened corpus is
/// shown first; its timeline is put in order, its folder checked and its entities counted
/// after, in any order.
const MILESTONES: [(&str, Reached); 5] = [
    ("searchable", AppState::all_searchable),
    ("ordered", AppState::timeline_in_order),
    ("checked", AppState::folder_checked),
    ("counted", AppState::entities_counted),
    ("complete", AppState::complete),
];

impl Milestones {
    /// Milestones counted from `started`, the interface's start.
    pub(super) fn new(started: Instant) -> Milestones {
        Milestones { started, reached: [false; MILESTONES.len()] }
    }

    /// Logs each milestone `state` has reached, the first time it does.
    pub(super) fn note(&mut self, state: &AppState) {
        let millis = self.started.elapsed().as_millis() as u64;
        let articles = state.articles.len();
        for (reached, (what, has)) in self.reached.iter_mut().zip(MILESTONES) {
            if !*reached && has(state) {
                *reached = true;
                tracing::info!(millis, articles, "{what}");
            }
        }
    }
}

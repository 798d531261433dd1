//! When an opened corpus became searchable, had its timeline in order, had its folder checked,
//! had its entities counted and was complete, written to the log by the interface itself.
//! Timed from outside, through a screen read many times a second, the interface lost a share
//! of a core to the timing: a 100k first open was done 0.3-0.4 s later with the screen read
//! every 50 ms than every 500 ms.

use std::time::Instant;

use crate::app::AppState;

pub(super) struct Milestones {
    started: Instant,
    searchable: bool,
    ordered: bool,
    checked: bool,
    counted: bool,
    complete: bool,
}

impl Milestones {
    /// Milestones counted from `started`, the interface's start.
    pub(super) fn new(started: Instant) -> Milestones {
        Milestones {
            started,
            searchable: false,
            ordered: false,
            checked: false,
            counted: false,
            complete: false,
        }
    }

    /// Logs each milestone `state` has reached, the first time it does.
    pub(super) fn note(&mut self, state: &AppState) {
        let millis = self.started.elapsed().as_millis() as u64;
        let articles = state.articles.len();
        if !self.searchable && state.all_searchable() {
            self.searchable = true;
            tracing::info!(millis, articles, "searchable");
        }
        // A reopened corpus is shown first; its timeline is put in order and its folder checked
        // after, in either order.
        if !self.ordered && state.timeline_in_order() {
            self.ordered = true;
            tracing::info!(millis, articles, "ordered");
        }
        if !self.checked && state.folder_checked() {
            self.checked = true;
            tracing::info!(millis, articles, "checked");
        }
        if !self.counted && state.entities_counted() {
            self.counted = true;
            tracing::info!(millis, articles, "counted");
        }
        if !self.complete && state.complete() {
            self.complete = true;
            tracing::info!(millis, articles, "complete");
        }
    }
}

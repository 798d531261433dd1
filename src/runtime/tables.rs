//! The tables thread: builds the timeline and counts the entity pane's figures off the
//! interface thread (for a million articles, a second and a half and a fifth of a second).

use std::panic::AssertUnwindSafe;
use std::sync::mpsc::Receiver;

use crate::app::tables::{self, TableRequest, TableResponse};

/// The thread's name; the panic hook knows that its panics are caught and answered.
pub const THREAD_NAME: &str = "dossier-tables";

/// Serves requests until the interface hangs up. Of the requests queued while it worked, only
/// the newest of each kind is answered: the others ask about summaries, a filter or a
/// selection that are gone.
pub fn spawn(
    requests: Receiver<TableRequest>,
    respond: impl Fn(TableResponse) + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new().name(THREAD_NAME.to_string()).spawn(move || {
        while let Ok(first) = requests.recv() {
            let mut queued = vec![first];
            queued.extend(requests.try_iter());
            for request in newest_of_each_kind(queued) {
                let timeline = match &request {
                    TableRequest::Timeline { before, .. } => Some(before.is_some()),
                    _ => None,
                };
                let started = std::time::Instant::now();
                let answer = std::panic::catch_unwind(AssertUnwindSafe(|| tables::answer(request)));
                if let Some(updated) = timeline {
                    // How long a change leaves the timeline empty, for the benchmarks.
                    tracing::info!(
                        millis = started.elapsed().as_millis() as u64,
                        updated,
                        "the timeline is in order"
                    );
                }
                respond(answer.unwrap_or_else(|panic| {
                    TableResponse::Failed(format!(
                        "building the timeline or the entity table failed: internal error ({})",
                        super::worker::panic_message(&panic)
                    ))
                }));
            }
        }
    })
}

/// The newest timeline request, the newest rows request, the newest entity table request
/// (asking for the corpus's names if any of those it replaces did) and the newest seen-with
/// request, in the order they came.
fn newest_of_each_kind(queued: Vec<TableRequest>) -> Vec<TableRequest> {
    let newest_timeline = queued.iter().rposition(|r| matches!(r, TableRequest::Timeline { .. }));
    let newest_rows = queued.iter().rposition(|r| matches!(r, TableRequest::Rows { .. }));
    let names_asked = queued.iter().any(|r| matches!(r, TableRequest::Entities { names: true, .. }));
    let newest_table = queued.iter().rposition(|r| matches!(r, TableRequest::Entities { .. }));
    let newest_seen = queued.iter().rposition(|r| matches!(r, TableRequest::SeenWith { .. }));
    queued
        .into_iter()
        .enumerate()
        .filter(|(i, _)| [newest_timeline, newest_rows, newest_table, newest_seen].contains(&Some(*i)))
        .map(|(_, request)| match request {
            TableRequest::Entities { generation, summaries, within, .. } => {
                TableRequest::Entities { generation, summaries, within, names: names_asked }
            }
            seen => seen,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn table(generation: u64, names: bool) -> TableRequest {
        TableRequest::Entities { generation, summaries: Arc::default(), within: None, names }
    }

    fn seen(generation: u64) -> TableRequest {
        let entity = ("Koichi Hagiuda".to_string(), crate::analysis::EntityKind::Person);
        TableRequest::SeenWith { generation, summaries: Arc::default(), within: None, entity }
    }

    fn describe(requests: &[TableRequest]) -> Vec<(u64, Option<bool>)> {
        requests
            .iter()
            .filter_map(|r| match r {
                TableRequest::Entities { generation, names, .. } => Some((*generation, Some(*names))),
                TableRequest::SeenWith { generation, .. } => Some((*generation, None)),
                TableRequest::Timeline { .. } | TableRequest::Rows { .. } => None,
            })
            .collect()
    }

    #[test]
    fn only_the_newest_of_each_kind_is_counted_and_a_names_request_is_not_lost() {
        let kept = newest_of_each_kind(vec![table(1, true), seen(1), table(2, false), seen(2), seen(3)]);
        assert_eq!(describe(&kept), [(2, Some(true)), (3, None)]);
        let kept = newest_of_each_kind(vec![seen(4), table(5, false)]);
        assert_eq!(describe(&kept), [(4, None), (5, Some(false))]);
        let timeline = |generation| TableRequest::Timeline {
            generation,
            summaries: Arc::default(),
            places: Default::default(),
            before: None,
        };
        let kept = newest_of_each_kind(vec![timeline(1), table(6, false), timeline(2), timeline(3)]);
        let timelines: Vec<u64> = kept
            .iter()
            .filter_map(|r| match r {
                TableRequest::Timeline { generation, .. } => Some(*generation),
                _ => None,
            })
            .collect();
        assert_eq!(timelines, [3]);
        assert_eq!(describe(&kept), [(6, Some(false))]);
        let rows = |generation| TableRequest::Rows {
            generation,
            wanted: crate::app::timeline_rows::RowsWanted {
                events: Arc::default(),
                summaries: Arc::default(),
                places: Default::default(),
                matches: None,
                scope: crate::app::TimelineScope::All,
            },
        };
        let kept = newest_of_each_kind(vec![rows(1), timeline(4), rows(2), table(7, true)]);
        let kinds: Vec<(&str, u64)> = kept
            .iter()
            .map(|r| match r {
                TableRequest::Timeline { generation, .. } => ("timeline", *generation),
                TableRequest::Rows { generation, .. } => ("rows", *generation),
                TableRequest::Entities { generation, .. } => ("entities", *generation),
                TableRequest::SeenWith { generation, .. } => ("seen", *generation),
            })
            .collect();
        assert_eq!(kinds, [("timeline", 4), ("rows", 2), ("entities", 7)]);
    }

    #[test]
    fn the_thread_answers_and_ends_when_the_interface_hangs_up() {
        let (tx, rx) = std::sync::mpsc::channel();
        let (answers, answered) = std::sync::mpsc::channel();
        let thread = spawn(rx, move |a| {
            let _ = answers.send(a);
        })
        .unwrap();
        tx.send(table(7, true)).unwrap();
        drop(tx);
        thread.join().unwrap();
        let got: Vec<TableResponse> = answered.try_iter().collect();
        assert!(
            matches!(got.as_slice(), [TableResponse::Entities { generation: 7, table, articles_with: Some(_) }] if table.is_empty()),
            "{got:?}"
        );
    }
}

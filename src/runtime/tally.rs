//! The tally thread: counts the entity pane's figures off the interface thread, a third of a
//! second for a million articles.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc::Receiver;

use crate::app::tally::{self, TallyRequest, TallyResponse};

/// The thread's name; the panic hook knows that its panics are caught and answered.
pub const THREAD_NAME: &str = "dossier-tally";

/// Serves requests until the interface hangs up. Of the requests queued while it counted, only
/// the newest of each kind is answered: the others ask about a filter or a selection that is
/// gone.
pub fn spawn(
    requests: Receiver<TallyRequest>,
    respond: impl Fn(TallyResponse) + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new().name(THREAD_NAME.to_string()).spawn(move || {
        while let Ok(first) = requests.recv() {
            let mut queued = vec![first];
            queued.extend(requests.try_iter());
            for request in newest_of_each_kind(queued) {
                let answer = std::panic::catch_unwind(AssertUnwindSafe(|| tally::answer(request)));
                respond(answer.unwrap_or_else(|panic| {
                    TallyResponse::Failed(format!(
                        "counting the entities failed: internal error ({})",
                        super::worker::panic_message(&panic)
                    ))
                }));
            }
        }
    })
}

/// The newest table request (asking for the corpus's names if any of those it replaces did)
/// and the newest seen-with request, in the order they came.
fn newest_of_each_kind(queued: Vec<TallyRequest>) -> Vec<TallyRequest> {
    let names_asked = queued.iter().any(|r| matches!(r, TallyRequest::Entities { names: true, .. }));
    let newest_table = queued.iter().rposition(|r| matches!(r, TallyRequest::Entities { .. }));
    let newest_seen = queued.iter().rposition(|r| matches!(r, TallyRequest::SeenWith { .. }));
    queued
        .into_iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) == newest_table || Some(*i) == newest_seen)
        .map(|(_, request)| match request {
            TallyRequest::Entities { generation, summaries, within, .. } => {
                TallyRequest::Entities { generation, summaries, within, names: names_asked }
            }
            seen => seen,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn table(generation: u64, names: bool) -> TallyRequest {
        TallyRequest::Entities { generation, summaries: Arc::default(), within: None, names }
    }

    fn seen(generation: u64) -> TallyRequest {
        let entity = ("Koichi Hagiuda".to_string(), crate::analysis::EntityKind::Person);
        TallyRequest::SeenWith { generation, summaries: Arc::default(), within: None, entity }
    }

    fn describe(requests: &[TallyRequest]) -> Vec<(u64, Option<bool>)> {
        requests
            .iter()
            .map(|r| match r {
                TallyRequest::Entities { generation, names, .. } => (*generation, Some(*names)),
                TallyRequest::SeenWith { generation, .. } => (*generation, None),
            })
            .collect()
    }

    #[test]
    fn only_the_newest_of_each_kind_is_counted_and_a_names_request_is_not_lost() {
        let kept = newest_of_each_kind(vec![table(1, true), seen(1), table(2, false), seen(2), seen(3)]);
        assert_eq!(describe(&kept), [(2, Some(true)), (3, None)]);
        let kept = newest_of_each_kind(vec![seen(4), table(5, false)]);
        assert_eq!(describe(&kept), [(4, None), (5, Some(false))]);
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
        let got: Vec<TallyResponse> = answered.try_iter().collect();
        assert!(
            matches!(got.as_slice(), [TallyResponse::Entities { generation: 7, table, articles_with: Some(_) }] if table.is_empty()),
            "{got:?}"
        );
    }
}

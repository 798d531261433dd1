//! The search worker: runs queries, highlights and more-like-this off the UI thread, and
//! fetches the texts the interface shows (from the index's store: the corpus is not in memory).
//!
//! Every answer to a filter carries the generation of the request it answers so the UI can drop
//! stale ones. A failure is an answer too: a damaged index or a bug in one request is reported
//! to the interface, and the worker goes on serving the next request.

use std::collections::BTreeMap;
use std::ops::Range;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use anyhow::{Context, Result};

use crate::analysis::{self, Recognizer};
use crate::app::protocol::{Filtered, SearchRequest, SearchResponse};
use crate::corpus::Places;
use crate::index::{Hit, HitCounts, ParsedQuery, SearchIndex};

/// Hit counts are computed for at most this many matches per query.
const COUNTED_HITS: usize = 200;
/// Candidates fetched by more-like-this before re-ranking.
const RELATED_CANDIDATES: usize = 50;
const STACK_BYTES: usize = 8 << 20;
/// The worker thread's name; the panic hook knows that its panics are caught and answered.
pub const THREAD_NAME: &str = "dossier-search";

/// Answers the interface's requests from the index.
pub struct Worker {
    index: Arc<SearchIndex>,
    recognizer: &'static Recognizer,
    /// Where the articles stand in the folder's order: ties are ranked by it.
    places: Places,
}

/// An opened article's text and analysis, or why it cannot be opened.
pub type Opened = std::result::Result<(Arc<str>, Arc<analysis::Analysis>), String>;

/// Why a filter found nothing to show.
#[derive(Debug)]
pub enum FilterError {
    /// The query cannot be read; the message says where.
    Query(String),
    /// The index failed.
    Index(anyhow::Error),
}

impl Worker {
    pub fn new(index: Arc<SearchIndex>) -> Worker {
        Worker { index, recognizer: Recognizer::shared(), places: Places::default() }
    }

    pub fn shared_index(&self) -> Arc<SearchIndex> {
        Arc::clone(&self.index)
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Answers one request. An error, or a panic, becomes a [`SearchResponse::Failed`].
    pub fn answer(&mut self, request: SearchRequest, respond: &mut dyn FnMut(SearchResponse)) {
        let what = request.describe();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| self.try_answer(request, respond)));
        let failure = match outcome {
            Ok(Ok(())) => return,
            Ok(Err(e)) => SearchResponse::Failed {
                damaged: crate::index::is_damage(&e),
                message: crate::text::safe(&format!("{what} failed: {e:#}")).into_owned(),
            },
            Err(panic) => SearchResponse::Failed {
                damaged: false,
                message: format!("{what} failed: internal error ({})", panic_message(&panic)),
            },
        };
        respond(failure);
    }

    /// An article's text and its own analysis, as the reader opens it.
    pub fn open(&self, article: u32, date: Option<chrono::NaiveDate>) -> Result<Opened> {
        let text = self.index.text(article).context("cannot read the article from the index")?;
        Ok(match text {
            Some(text) => {
                let analysis = analysis::analyze(&text, date, self.recognizer);
                Ok((Arc::from(text), Arc::new(analysis)))
            }
            None => Err("this article is not in the index".to_string()),
        })
    }

    fn try_answer(&mut self, request: SearchRequest, respond: &mut dyn FnMut(SearchResponse)) -> Result<()> {
        let index = &*self.index;
        let places = &self.places;
        match request {
            SearchRequest::Open { article, date } => {
                respond(SearchResponse::Opened { article, result: self.open(article, date)? });
            }
            SearchRequest::Sentences(wanted) => {
                let mut by_article: BTreeMap<u32, Vec<Range<u32>>> = BTreeMap::new();
                for (article, range) in wanted {
                    by_article.entry(article).or_default().push(range);
                }
                let mut found = Vec::new();
                for (article, ranges) in by_article {
                    let Some(text) = index.text(article)? else { continue };
                    for r in ranges {
                        let sentence = text.get(r.start as usize..r.end as usize).unwrap_or("");
                        found.push(((article, r.start), Arc::from(sentence)));
                    }
                }
                respond(SearchResponse::Sentences(found));
            }
            SearchRequest::Filter { generation, query } => {
                match filter(index, places, &query, Prefix::LastWord) {
                    Ok((parsed, hits)) => {
                        let best: Vec<Hit> = hits.iter().take(COUNTED_HITS).copied().collect();
                        let found = filtered(&parsed, hits);
                        respond(SearchResponse::Filtered { generation, query, result: Ok(found) });
                        let counts = count_hits(index, &parsed, &best)?;
                        respond(SearchResponse::Counted { generation, counts });
                    }
                    Err(FilterError::Query(e)) => {
                        respond(SearchResponse::Filtered { generation, query, result: Err(e) })
                    }
                    Err(FilterError::Index(e)) => return Err(e),
                }
            }
            SearchRequest::Highlight { generation, article, title, query } => {
                let Some(text) = index.text(article)? else { return Ok(()) };
                let (ranges, title_ranges) = index
                    .parse_typing(&query)
                    .map(|q| (index.highlights(&q, &text), index.title_highlights(&q, &title)))
                    .unwrap_or_default();
                respond(SearchResponse::Highlighted { generation, article, ranges, title_ranges });
            }
            SearchRequest::Related { article } => {
                let hits = index.more_like_this(article, RELATED_CANDIDATES, places)?;
                respond(SearchResponse::Related { article, hits });
            }
            SearchRequest::PrepareRanking { places } => {
                self.places = places;
                index.prepare_ranking()?;
            }
        }
        Ok(())
    }
}

/// The text of a panic's payload.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Serves requests on a thread of its own until the interface hangs up, from the index that
/// `opened` hands over once the loading thread has opened it; requests sent before wait for it.
/// With none handed over (opening it failed), the thread ends and the requests go unanswered:
/// the load's failure is what the user is told.
pub fn spawn(
    opened: Receiver<Arc<SearchIndex>>,
    requests: Receiver<SearchRequest>,
    respond: impl Fn(SearchResponse) + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    // Parsing a query recurses; queries are capped, and a roomy stack keeps a margin.
    std::thread::Builder::new().name(THREAD_NAME.to_string()).stack_size(STACK_BYTES).spawn(move || {
        let Ok(index) = opened.recv() else { return };
        let mut worker = Worker::new(index);
        let mut respond = respond;
        while let Ok(first) = requests.recv() {
            // Only the newest filter matters: typing fast queues several.
            let mut batch = vec![first];
            batch.extend(requests.try_iter());
            let newest_filter = batch.iter().rposition(|r| matches!(r, SearchRequest::Filter { .. }));
            for (i, request) in batch.into_iter().enumerate() {
                if matches!(request, SearchRequest::Filter { .. }) && Some(i) != newest_filter {
                    continue;
                }
                worker.answer(request, &mut respond);
            }
        }
    })
}

/// Whether the last word of a query matches as a prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    /// As the interface's filter does: "Hag" finds "Hagiuda" while it is typed.
    LastWord,
    /// As `dossier search` does: the query language exactly.
    None,
}

/// Runs a filter query: every match with its score, best first.
pub fn filter(
    index: &SearchIndex,
    places: &Places,
    query: &str,
    prefix: Prefix,
) -> Result<(ParsedQuery, Vec<Hit>), FilterError> {
    let parsed = match prefix {
        Prefix::LastWord => index.parse_typing(query),
        Prefix::None => index.parse(query),
    }
    .map_err(FilterError::Query)?;
    let hits = index.search(&parsed, places).map_err(FilterError::Index)?;
    Ok((parsed, hits))
}

/// The answer to a filter: its matches, and the entities and notes of the query.
pub fn filtered(query: &ParsedQuery, hits: Vec<Hit>) -> Filtered {
    Filtered { hits, entities: query.entities.clone(), notes: query.notes.clone() }
}

/// How many times the query's words occur in each of the best matches.
pub fn count_hits(index: &SearchIndex, query: &ParsedQuery, hits: &[Hit]) -> Result<HitCounts> {
    let best: Vec<u32> = hits.iter().take(COUNTED_HITS).map(|h| h.id).collect();
    index.hit_counts(query, &best)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The interface's first requests can come before the loading thread has opened the index:
    /// they wait for it, and are answered once it is handed over.
    #[test]
    fn requests_sent_before_the_index_is_opened_are_answered_once_it_is() {
        use std::sync::mpsc;
        use std::time::Duration;
        let (hand_over, opened) = mpsc::channel();
        let (requests_to, requests) = mpsc::channel();
        let (answer, answers) = mpsc::channel();
        let thread = spawn(opened, requests, move |r| drop(answer.send(r))).unwrap();
        requests_to.send(SearchRequest::Filter { generation: 7, query: "export".to_string() }).unwrap();
        assert!(answers.recv_timeout(Duration::from_millis(300)).is_err(), "no index, no answer yet");
        hand_over.send(Arc::new(SearchIndex::new().unwrap())).unwrap();
        match answers.recv_timeout(Duration::from_secs(20)).unwrap() {
            SearchResponse::Filtered { generation: 7, result: Ok(found), .. } => {
                assert!(found.hits.is_empty())
            }
            other => panic!("{other:?}"),
        }
        drop(requests_to);
        thread.join().unwrap();
    }

    /// An index that could not be opened is never handed over: the worker ends, though the
    /// interface still holds the way to send it requests.
    #[test]
    fn the_worker_ends_when_no_index_is_handed_over() {
        let (hand_over, opened) = std::sync::mpsc::channel::<Arc<SearchIndex>>();
        let (_requests_to, requests) = std::sync::mpsc::channel();
        let thread = spawn(opened, requests, |_| {}).unwrap();
        drop(hand_over);
        thread.join().unwrap();
    }
}

//! The search worker: runs queries, highlights and more-like-this off the UI thread, and
//! fetches the texts the interface shows (from the index's store: the corpus is not in memory).
//!
//! Every answer to a filter carries the generation of the request it answers so the UI can drop
//! stale ones.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use crate::analysis::{self, Recognizer};
use crate::app::protocol::{SearchRequest, SearchResponse};
use crate::index::{Hit, ParsedQuery, SearchIndex};

/// Hit counts are computed for at most this many matches per query.
const COUNTED_HITS: usize = 200;
/// Candidates fetched by more-like-this before re-ranking.
const RELATED_CANDIDATES: usize = 50;

pub fn spawn(
    index: Arc<SearchIndex>,
    requests: Receiver<SearchRequest>,
    respond: impl Fn(SearchResponse) + Send + 'static,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while let Ok(first) = requests.recv() {
            // Only the newest filter matters: typing fast queues several.
            let mut batch = vec![first];
            batch.extend(requests.try_iter());
            let newest_filter = batch.iter().rposition(|r| matches!(r, SearchRequest::Filter { .. }));
            for (i, request) in batch.into_iter().enumerate() {
                if matches!(request, SearchRequest::Filter { .. }) && Some(i) != newest_filter {
                    continue;
                }
                handle(&index, Recognizer::shared(), request, &respond);
            }
        }
    })
}

fn handle(
    index: &SearchIndex,
    recognizer: &Recognizer,
    request: SearchRequest,
    respond: &dyn Fn(SearchResponse),
) {
    match request {
        SearchRequest::Open { article, date } => {
            let result = match index.text(article) {
                Ok(Some(text)) => {
                    let analysis = analysis::analyze(&text, date, recognizer);
                    Ok((Arc::from(text), Arc::new(analysis)))
                }
                Ok(None) => Err("this article is not in the index".to_string()),
                Err(e) => Err(format!("cannot read the article from the index: {e:#}")),
            };
            respond(SearchResponse::Opened { article, result });
        }
        SearchRequest::Sentences(wanted) => {
            let mut by_article: BTreeMap<u32, Vec<Range<u32>>> = BTreeMap::new();
            for (article, range) in wanted {
                by_article.entry(article).or_default().push(range);
            }
            let mut found = Vec::new();
            for (article, ranges) in by_article {
                let Ok(Some(text)) = index.text(article) else { continue };
                for r in ranges {
                    let sentence = text.get(r.start as usize..r.end as usize).unwrap_or("");
                    found.push(((article, r.start), Arc::from(sentence)));
                }
            }
            respond(SearchResponse::Sentences(found));
        }
        SearchRequest::Filter { generation, query } => match filter(index, &query) {
            Ok((parsed, hits)) => {
                let best: Vec<Hit> = hits.iter().take(COUNTED_HITS).copied().collect();
                respond(SearchResponse::Filtered { generation, query, result: Ok(hits) });
                let counts = count_hits(index, &parsed, &best);
                respond(SearchResponse::Counted { generation, counts });
            }
            Err(e) => respond(SearchResponse::Filtered { generation, query, result: Err(e) }),
        },
        SearchRequest::Highlight { generation, article, query } => {
            let Ok(Some(text)) = index.text(article) else { return };
            let ranges = index.parse(&query).map(|q| index.highlights(&q, &text)).unwrap_or_default();
            respond(SearchResponse::Highlighted { generation, article, ranges });
        }
        SearchRequest::Related { article } => {
            let hits = index.more_like_this(article, RELATED_CANDIDATES).unwrap_or_default();
            respond(SearchResponse::Related { article, hits });
        }
    }
}

/// Runs a filter query: every match with its score, best first.
pub fn filter(index: &SearchIndex, query: &str) -> Result<(ParsedQuery, Vec<Hit>), String> {
    let parsed = index.parse(query)?;
    let mut hits = index.search(&parsed).map_err(|e| e.to_string())?;
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    Ok((parsed, hits))
}

/// How many times the query's words occur in each of the best matches.
pub fn count_hits(index: &SearchIndex, query: &ParsedQuery, hits: &[Hit]) -> HashMap<u32, usize> {
    let mut highlighter = index.highlighter(query);
    hits.iter()
        .take(COUNTED_HITS)
        .filter_map(|h| {
            let text = index.text(h.id).ok()??;
            Some((h.id, highlighter.ranges(&text).len()))
        })
        .collect()
}

//! The search worker: runs queries, highlights and more-like-this off the UI thread.
//!
//! It keeps its own handles to the articles (for snippets and hit counts); every answer carries
//! the generation of the request it answers so the UI can drop stale ones.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use crate::corpus::Article;
use crate::index::{Hit, ParsedQuery, SearchIndex};

/// Hit counts are computed for at most this many matches per query.
const COUNTED_HITS: usize = 200;
/// Candidates fetched by more-like-this before re-ranking.
const RELATED_CANDIDATES: usize = 50;

#[derive(Debug)]
pub enum SearchRequest {
    /// New or re-dated articles, by id.
    Articles(Vec<Arc<Article>>),
    Filter {
        generation: u64,
        query: String,
    },
    Highlight {
        generation: u64,
        article: u32,
        query: String,
    },
    Related {
        article: u32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum SearchResponse {
    /// The matches of a filter, as soon as they are known.
    Filtered {
        generation: u64,
        query: String,
        result: Result<Vec<Hit>, String>,
    },
    /// Then the hit counts of the best of them.
    Counted {
        generation: u64,
        counts: HashMap<u32, usize>,
    },
    Highlighted {
        generation: u64,
        article: u32,
        ranges: Vec<Range<usize>>,
    },
    Related {
        article: u32,
        hits: Vec<Hit>,
    },
}

pub fn spawn(
    index: Arc<SearchIndex>,
    requests: Receiver<SearchRequest>,
    respond: impl Fn(SearchResponse) + Send + 'static,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut articles: Vec<Option<Arc<Article>>> = Vec::new();
        while let Ok(first) = requests.recv() {
            // Only the newest filter matters: typing fast queues several.
            let mut batch = vec![first];
            batch.extend(requests.try_iter());
            let newest_filter = batch.iter().rposition(|r| matches!(r, SearchRequest::Filter { .. }));
            for (i, request) in batch.into_iter().enumerate() {
                if matches!(request, SearchRequest::Filter { .. }) && Some(i) != newest_filter {
                    continue;
                }
                handle(&index, &mut articles, request, &respond);
            }
        }
    })
}

fn handle(
    index: &SearchIndex,
    articles: &mut Vec<Option<Arc<Article>>>,
    request: SearchRequest,
    respond: &dyn Fn(SearchResponse),
) {
    match request {
        SearchRequest::Articles(new) => {
            for a in new {
                let i = a.id as usize;
                if articles.len() <= i {
                    articles.resize(i + 1, None);
                }
                articles[i] = Some(a);
            }
        }
        SearchRequest::Filter { generation, query } => match filter(index, &query) {
            Ok((parsed, hits)) => {
                let best: Vec<Hit> = hits.iter().take(COUNTED_HITS).copied().collect();
                respond(SearchResponse::Filtered { generation, query, result: Ok(hits) });
                let counts = count_hits(index, articles, &parsed, &best);
                respond(SearchResponse::Counted { generation, counts });
            }
            Err(e) => respond(SearchResponse::Filtered { generation, query, result: Err(e) }),
        },
        SearchRequest::Highlight { generation, article, query } => {
            let Some(text) = articles.get(article as usize).and_then(Option::as_ref) else { return };
            let ranges = index.parse(&query).map(|q| index.highlights(&q, &text.text)).unwrap_or_default();
            respond(SearchResponse::Highlighted { generation, article, ranges });
        }
        SearchRequest::Related { article } => {
            let Some(source) = articles.get(article as usize).and_then(Option::as_ref) else { return };
            let hits = index.more_like_this(source, RELATED_CANDIDATES).unwrap_or_default();
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
pub fn count_hits(
    index: &SearchIndex,
    articles: &[Option<Arc<Article>>],
    query: &ParsedQuery,
    hits: &[Hit],
) -> HashMap<u32, usize> {
    let mut highlighter = index.highlighter(query);
    hits.iter()
        .take(COUNTED_HITS)
        .filter_map(|h| {
            let article = articles.get(h.id as usize)?.as_ref()?;
            Some((h.id, highlighter.ranges(&article.text).len()))
        })
        .collect()
}

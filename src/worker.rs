//! The search worker: runs queries, highlights and more-like-this off the UI thread.
//!
//! It keeps its own handles to the articles (for snippets and hit counts); every answer carries
//! the generation of the request it answers so the UI can drop stale ones.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use crate::corpus::Article;
use crate::index::{Hit, SearchIndex};

/// Hit counts are computed for at most this many matches per query.
const COUNTED_HITS: usize = 500;
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
pub struct FilterResult {
    pub hits: Vec<Hit>,
    /// How many times the query's words occur in each of the best matches.
    pub counts: HashMap<u32, usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SearchResponse {
    Filtered { generation: u64, query: String, result: Result<FilterResult, String> },
    Highlighted { generation: u64, article: u32, ranges: Vec<Range<usize>> },
    Related { article: u32, hits: Vec<Hit> },
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
                if let Some(response) = handle(&index, &mut articles, request) {
                    respond(response);
                }
            }
        }
    })
}

fn handle(
    index: &SearchIndex,
    articles: &mut Vec<Option<Arc<Article>>>,
    request: SearchRequest,
) -> Option<SearchResponse> {
    match request {
        SearchRequest::Articles(new) => {
            for a in new {
                let i = a.id as usize;
                if articles.len() <= i {
                    articles.resize(i + 1, None);
                }
                articles[i] = Some(a);
            }
            None
        }
        SearchRequest::Filter { generation, query } => {
            let result = filter(index, articles, &query);
            Some(SearchResponse::Filtered { generation, query, result })
        }
        SearchRequest::Highlight { generation, article, query } => {
            let text = articles.get(article as usize)?.as_ref()?;
            let ranges = index.parse(&query).map(|q| index.highlights(&q, &text.text)).unwrap_or_default();
            Some(SearchResponse::Highlighted { generation, article, ranges })
        }
        SearchRequest::Related { article } => {
            let source = articles.get(article as usize)?.as_ref()?;
            let hits = index.more_like_this(source, RELATED_CANDIDATES).unwrap_or_default();
            Some(SearchResponse::Related { article, hits })
        }
    }
}

/// Runs a filter query: every match with its score, and hit counts for the best ones.
pub fn filter(
    index: &SearchIndex,
    articles: &[Option<Arc<Article>>],
    query: &str,
) -> Result<FilterResult, String> {
    let parsed = index.parse(query)?;
    let mut hits = index.search(&parsed).map_err(|e| e.to_string())?;
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    let counts = hits
        .iter()
        .take(COUNTED_HITS)
        .filter_map(|h| {
            let article = articles.get(h.id as usize)?.as_ref()?;
            Some((h.id, index.highlights(&parsed, &article.text).len()))
        })
        .collect();
    Ok(FilterResult { hits, counts })
}

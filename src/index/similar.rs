//! Articles whose words resemble an article's (more-like-this).
//!
//! The words are picked as tantivy's `MoreLikeThisQuery` picks them (each word of the stored
//! body weighed by how often the article says it and how rare it is in the corpus, the best
//! forty kept), with two differences: rarity is counted over the articles the index holds now
//! ([`LiveStatistics`]), so that an updated index relates articles as a fresh one does, and
//! words that weigh the same are kept in the order of their bytes rather than in a hash map's.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use anyhow::Result;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::TokenStream;
use tantivy::{TantivyDocument, Term};

use super::collect::AllHits;
use super::live::LiveStatistics;
use super::{Hit, SearchIndex};

/// Words too common to say anything about how two articles are related.
const STOP_WORDS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/stopwords.txt"));
/// How many of an article's words are looked for in the others.
const WORDS_ASKED: usize = 40;
/// Words shorter than this (in bytes, once stemmed) say little.
const SHORTEST_WORD: usize = 3;

static STOP_LIST: LazyLock<HashSet<String>> = LazyLock::new(|| {
    STOP_WORDS
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .map(str::to_string)
        .collect()
});

impl SearchIndex {
    /// Articles whose words resemble `article`'s, best first (ties by `places`), without the
    /// article itself.
    pub fn more_like_this(
        &self,
        article: u32,
        limit: usize,
        places: &crate::corpus::Places,
    ) -> Result<Vec<Hit>> {
        let searcher = self.text_reader.searcher();
        let Some(address) = self.address(&searcher, article) else { return Ok(Vec::new()) };
        let live = LiveStatistics::new(&searcher)?;
        let doc: TantivyDocument = searcher.doc(address)?;
        let body = self.fields.body;
        let mut analyzer = self.text.tokenizer_for_field(body)?;
        let mut said: HashMap<String, u32> = HashMap::new();
        for text in doc.get_all(body).filter_map(|v| v.as_str()) {
            let mut stream = analyzer.token_stream(text);
            while let Some(token) = stream.next() {
                if token.text.len() >= SHORTEST_WORD && !STOP_LIST.contains(&token.text) {
                    *said.entry(token.text.clone()).or_insert(0) += 1;
                }
            }
        }
        let articles = live.live_docs();
        let most_common = articles.max(4) / 2 + 1;
        let mut weighed: Vec<(f32, Term)> = Vec::with_capacity(said.len());
        for (word, times) in said {
            let term = Term::from_field_text(body, &word);
            let with_word = live.doc_freq(&term)?;
            if with_word == 0 || with_word > most_common {
                continue;
            }
            weighed.push((times as f32 * rarity(with_word, articles), term));
        }
        weighed.sort_by(|a, b| {
            b.0.total_cmp(&a.0).then_with(|| a.1.serialized_value_bytes().cmp(b.1.serialized_value_bytes()))
        });
        weighed.truncate(WORDS_ASKED);
        let Some(&(best, _)) = weighed.first() else { return Ok(Vec::new()) };
        let words: Vec<(Occur, Box<dyn Query>)> = weighed
            .into_iter()
            .map(|(weight, term)| {
                let word = TermQuery::new(term, IndexRecordOption::Basic);
                (Occur::Should, Box::new(BoostQuery::new(Box::new(word), weight / best)) as Box<dyn Query>)
            })
            .collect();
        let query = BooleanQuery::from(words);
        let mut hits = AllHits::search_scored_by(&self.threads, &searcher, &query, &live, Some(places))?;
        hits.retain(|h| h.id != article);
        hits.truncate(limit);
        Ok(hits)
    }
}

/// BM25's inverse document frequency, as tantivy's scoring and more-like-this weigh a word.
fn rarity(with_word: u64, articles: u64) -> f32 {
    let without = articles.saturating_sub(with_word) as f32;
    (1.0 + (without + 0.5) / (with_word as f32 + 0.5)).ln()
}

//! Articles whose words resemble an article's (more-like-this).

use std::sync::LazyLock;

use anyhow::Result;
use tantivy::query::MoreLikeThisQuery;

use super::collect::AllHits;
use super::{Hit, SearchIndex};

/// Words too common to say anything about how two articles are related.
const STOP_WORDS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/stopwords.txt"));

static STOP_LIST: LazyLock<Vec<String>> = LazyLock::new(|| {
    STOP_WORDS
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .map(str::to_string)
        .collect()
});

impl SearchIndex {
    /// Articles whose words resemble `article`'s, best first, without the article itself.
    pub fn more_like_this(&self, article: u32, limit: usize) -> Result<Vec<Hit>> {
        let searcher = self.text_reader.searcher();
        let Some(address) = self.address(&searcher, article) else { return Ok(Vec::new()) };
        let query = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_max_doc_frequency(self.num_docs().max(4) / 2 + 1)
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(40)
            .with_stop_words(STOP_LIST.clone())
            .with_document(address);
        let mut hits = AllHits::SCORED.search_on_cores(&self.threads, &searcher, &query)?;
        hits.retain(|h| h.id != article);
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        hits.truncate(limit);
        Ok(hits)
    }
}

//! Ranking statistics counted over the articles an index holds now.
//!
//! tantivy leaves a deleted document in a segment until a merge drops it, and until then
//! counts it in BM25's statistics: the number of documents, each word's document frequency
//! and each field's tokens. Its merge, when it drops deleted documents, estimates the tokens
//! left from their rounded lengths. So an index brought up to date by deleting and adding
//! articles would rank a hair differently from a fresh index of the same folder. These
//! statistics leave the deleted articles out exactly, from the index as it is.

use std::collections::HashMap;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TokenStream;
use tantivy::{DocId, DocSet, Searcher, SegmentReader, TERMINATED, TantivyDocument, Term};

pub(super) struct LiveStatistics<'a> {
    searcher: &'a Searcher,
    /// Each segment's deleted documents, in order (by segment ordinal; most are empty).
    dead: Vec<Vec<DocId>>,
    /// The tokens of the deleted documents, by field.
    dead_tokens: HashMap<Field, u64>,
}

impl<'a> LiveStatistics<'a> {
    pub(super) fn new(searcher: &'a Searcher) -> tantivy::Result<LiveStatistics<'a>> {
        let dead: Vec<Vec<DocId>> = searcher.segment_readers().iter().map(deleted_docs).collect();
        let mut dead_tokens = HashMap::new();
        for (segment, docs) in searcher.segment_readers().iter().zip(&dead) {
            if !docs.is_empty() {
                count_tokens(searcher, segment, docs, &mut dead_tokens)?;
            }
        }
        Ok(LiveStatistics { searcher, dead, dead_tokens })
    }

    /// The number of documents that are there.
    pub(super) fn live_docs(&self) -> u64 {
        self.searcher.segment_readers().iter().map(|s| u64::from(s.num_docs())).sum()
    }
}

impl Bm25StatisticsProvider for LiveStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let all = Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        Ok(all.saturating_sub(self.dead_tokens.get(&field).copied().unwrap_or(0)))
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.live_docs())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut count = 0;
        for (segment, dead) in self.searcher.segment_readers().iter().zip(&self.dead) {
            let index = segment.inverted_index(term.field())?;
            let all = u64::from(index.doc_freq(term)?);
            if dead.is_empty() || all == 0 {
                count += all;
                continue;
            }
            let mut dead_with_term = 0;
            if let Some(mut postings) = index.read_postings(term, IndexRecordOption::Basic)? {
                for &doc in dead {
                    if postings.doc() == TERMINATED {
                        break;
                    }
                    if postings.doc() <= doc && postings.seek(doc) == doc {
                        dead_with_term += 1;
                    }
                }
            }
            count += all - dead_with_term;
        }
        Ok(count)
    }
}

fn deleted_docs(segment: &SegmentReader) -> Vec<DocId> {
    match segment.alive_bitset() {
        Some(alive) => (0..segment.max_doc()).filter(|&doc| alive.is_deleted(doc)).collect(),
        None => Vec::new(),
    }
}

/// Adds the tokens of a segment's deleted `docs` to `tokens`, field by field. A length up to
/// where fieldnorms are exact is read from them; a longer one is counted again from the stored
/// text with the field's tokenizer (for the body, which is stored), or else read rounded.
fn count_tokens(
    searcher: &Searcher,
    segment: &SegmentReader,
    docs: &[DocId],
    tokens: &mut HashMap<Field, u64>,
) -> tantivy::Result<()> {
    let schema = searcher.schema();
    let store = segment.get_store_reader(1)?;
    let mut stored: HashMap<DocId, TantivyDocument> = HashMap::new();
    for (field, entry) in schema.fields() {
        let Some(norms) = segment.fieldnorms_readers().get_field(field)? else { continue };
        let mut analyzer = searcher.index().tokenizer_for_field(field).ok();
        let total = tokens.entry(field).or_insert(0);
        for &doc in docs {
            let id = norms.fieldnorm_id(doc);
            let rounded = u64::from(FieldNormReader::id_to_fieldnorm(id));
            let exact = id < u8::MAX && FieldNormReader::id_to_fieldnorm(id + 1) == rounded as u32 + 1;
            let (Some(analyzer), false, true) = (analyzer.as_mut(), exact, entry.is_stored()) else {
                *total += rounded;
                continue;
            };
            let doc = match stored.entry(doc) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(store.get(doc)?),
            };
            for text in doc.get_all(field).filter_map(|v| v.as_str()) {
                let mut stream = analyzer.token_stream(text);
                while stream.advance() {
                    *total += 1;
                }
            }
        }
    }
    Ok(())
}

//! Ranking statistics counted over the articles an index holds now.
//!
//! tantivy leaves a deleted document in a segment until a merge drops it, and until then
//! counts it in BM25's statistics: the number of documents, each word's document frequency
//! and each field's tokens. Its merge, when it drops deleted documents, estimates the tokens
//! left from their rounded lengths. So an index brought up to date by deleting and adding
//! articles would rank a hair differently from a fresh index of the same folder. These
//! statistics leave the deleted articles out exactly, from the index as it is.

use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::rc::Rc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TokenStream;
use tantivy::{DocId, DocSet, Opstamp, Searcher, SegmentReader, TERMINATED, TantivyDocument, Term};

pub(super) struct LiveStatistics<'a> {
    searcher: &'a Searcher,
    /// What each segment's deletions take away (by segment ordinal; `None` for most).
    dead: Vec<Option<Rc<Deletions>>>,
}

/// A segment's deleted documents as of a delete operation, and their tokens by field.
struct Deletions {
    as_of: Option<Opstamp>,
    /// In document order.
    docs: Vec<DocId>,
    tokens: HashMap<Field, u64>,
}

/// How many segments' deletions a thread keeps: a corpus's index has a few dozen segments.
const KNOWN_DELETIONS: usize = 64;

thread_local! {
    /// Deletions already worked out on this thread, by segment. Counting a deleted article's
    /// tokens again means reading its stored text and cutting it into words, which took 0.5 ms
    /// a query for ten of them at 100k; a segment's deletions as of an operation never change,
    /// so they are worked out once per thread that searches (no lock: nothing here is shared),
    /// and a later operation's only for the articles it deleted.
    static DELETIONS: RefCell<HashMap<SegmentId, Rc<Deletions>>> = RefCell::new(HashMap::new());
    /// How many deleted documents' tokens this thread has counted.
    #[cfg(test)]
    static COUNTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl<'a> LiveStatistics<'a> {
    pub(super) fn new(searcher: &'a Searcher) -> tantivy::Result<LiveStatistics<'a>> {
        let segments = searcher.segment_readers();
        DELETIONS.with_borrow_mut(|known| {
            let mut dead = Vec::with_capacity(segments.len());
            for segment in segments {
                if !segment.has_deletes() {
                    dead.push(None);
                    continue;
                }
                let before = known.get(&segment.segment_id());
                let deletions = match before {
                    Some(d) if d.as_of == segment.delete_opstamp() => Rc::clone(d),
                    _ => {
                        let d = Rc::new(deletions_of(searcher, segment, before.map(Rc::as_ref))?);
                        if known.len() >= KNOWN_DELETIONS {
                            // Mostly segments merged away since.
                            known.clear();
                        }
                        known.insert(segment.segment_id(), Rc::clone(&d));
                        d
                    }
                };
                dead.push(Some(deletions));
            }
            Ok(LiveStatistics { searcher, dead })
        })
    }

    /// How many deleted documents the segments hold.
    pub(super) fn deleted(&self) -> usize {
        self.dead.iter().flatten().map(|d| d.docs.len()).sum()
    }

    /// How many segments' deletions this thread has worked out.
    #[cfg(test)]
    pub(super) fn known_here() -> usize {
        DELETIONS.with_borrow(HashMap::len)
    }

    /// How many deleted documents' tokens this thread has counted.
    #[cfg(test)]
    pub(super) fn counted_here() -> usize {
        COUNTED.get()
    }

    /// The number of documents that are there (tantivy's own count leaves deletions out).
    pub(super) fn live_docs(&self) -> u64 {
        self.searcher.num_docs()
    }
}

impl Bm25StatisticsProvider for LiveStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let all = Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        let dead: u64 = self.dead.iter().flatten().filter_map(|d| d.tokens.get(&field)).sum();
        Ok(all.saturating_sub(dead))
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.live_docs())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut count = 0;
        for (segment, dead) in self.searcher.segment_readers().iter().zip(&self.dead) {
            let index = segment.inverted_index(term.field())?;
            let all = u64::from(index.doc_freq(term)?);
            let Some(dead) = dead.as_ref().filter(|_| all > 0) else {
                count += all;
                continue;
            };
            let mut dead_with_term = 0;
            if let Some(mut postings) = index.read_postings(term, IndexRecordOption::Basic)? {
                for &doc in &dead.docs {
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

/// The segment's deletions now; `before`, the same segment's as of an earlier operation, has
/// the tokens of those counted already (a segment's deletions only grow).
fn deletions_of(
    searcher: &Searcher,
    segment: &SegmentReader,
    before: Option<&Deletions>,
) -> tantivy::Result<Deletions> {
    let docs: Vec<DocId> = match segment.alive_bitset() {
        Some(alive) => (0..segment.max_doc()).filter(|&doc| alive.is_deleted(doc)).collect(),
        None => Vec::new(),
    };
    let (mut tokens, new) = match before {
        Some(b) => {
            let new: Vec<DocId> =
                docs.iter().copied().filter(|doc| b.docs.binary_search(doc).is_err()).collect();
            // All of the earlier deletions are among these (they only grow), or none counts.
            if docs.len() - new.len() == b.docs.len() {
                (b.tokens.clone(), new)
            } else {
                (HashMap::new(), docs.clone())
            }
        }
        None => (HashMap::new(), docs.clone()),
    };
    count_tokens(searcher, segment, &new, &mut tokens)?;
    #[cfg(test)]
    COUNTED.set(COUNTED.get() + new.len());
    Ok(Deletions { as_of: segment.delete_opstamp(), docs, tokens })
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
    if docs.is_empty() {
        // A later operation that deleted nothing here: no store to open.
        return Ok(());
    }
    let schema = searcher.schema();
    let store = segment.get_store_reader(1)?;
    let mut stored: HashMap<DocId, TantivyDocument> = HashMap::new();
    for (field, entry) in schema.fields() {
        let Some(norms) = segment.fieldnorms_readers().get_field(field)? else { continue };
        let mut analyzer = searcher.index().tokenizer_for_field(field).ok();
        let total = tokens.entry(field).or_insert(0);
        for &doc in docs {
            let id = norms.fieldnorm_id(doc);
            let length = FieldNormReader::id_to_fieldnorm(id);
            let exact = id < u8::MAX && FieldNormReader::id_to_fieldnorm(id + 1) == length + 1;
            let rounded = u64::from(length);
            let (Some(analyzer), false, true) = (analyzer.as_mut(), exact, entry.is_stored()) else {
                *total += rounded;
                continue;
            };
            let doc = match stored.entry(doc) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(store.get(doc)?),
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

//! Hit counts from the index's positions: how many places of each article's text the reader
//! would highlight for a query, worked out from the body's postings instead of reading and
//! cutting up the texts again (which took most of the time of a search on a large corpus).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use anyhow::Result;
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, SegmentReader, TERMINATED, Term};

use super::highlight::Mark;
use super::{ParsedQuery, SearchIndex};

/// A match's first and last word positions.
type Span = (u32, u32);

/// What a query's marks found in some articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HitCounts {
    /// How many places of each article's text the reader highlights.
    pub in_text: HashMap<u32, usize>,
    /// The articles whose title holds what the query looks for: a match found there alone has
    /// no place in its text to count.
    pub in_title: HashSet<u32>,
}

impl SearchIndex {
    /// For each of `ids` in the index, how many places of its text the query's marks match,
    /// counted as [`super::Highlighter::ranges`] counts them (overlapping matches are one), and
    /// whether its title holds one of them.
    pub fn hit_counts(&self, query: &ParsedQuery, ids: &[u32]) -> Result<HitCounts> {
        let searcher = self.text_reader.searcher();
        let mut counts = HitCounts { in_text: HashMap::with_capacity(ids.len()), in_title: HashSet::new() };
        for segment in searcher.segment_readers() {
            let docs = self.docs_of(segment, ids)?;
            if docs.is_empty() {
                continue;
            }
            let mut spans = self.spans(segment, &docs, self.fields.body, &query.marks)?;
            for ((_, id), found) in docs.iter().zip(&mut spans) {
                counts.in_text.insert(*id, merged_count(found));
            }
            let spans = self.spans(segment, &docs, self.fields.title, &query.title_marks)?;
            let titled = docs.iter().zip(&spans).filter(|(_, found)| !found.is_empty());
            counts.in_title.extend(titled.map(|((_, id), _)| *id));
        }
        Ok(counts)
    }

    /// Where `marks` match in `field`, for each of `docs`.
    fn spans(
        &self,
        segment: &SegmentReader,
        docs: &[(DocId, u32)],
        field: Field,
        marks: &[Mark],
    ) -> Result<Vec<Vec<Span>>> {
        let mut spans: Vec<Vec<Span>> = vec![Vec::new(); docs.len()];
        for mark in marks {
            match mark {
                Mark::Words(sequence) => self.find_sequence(segment, docs, field, sequence, &mut spans)?,
                Mark::Fuzzy { term, distance } => {
                    let near = words_near(segment, field, term, *distance)?;
                    self.find_sequence(segment, docs, field, &[near], &mut spans)?;
                }
            }
        }
        Ok(spans)
    }

    /// The live documents of `segment` that hold the articles `ids`, in document order.
    fn docs_of(&self, segment: &SegmentReader, ids: &[u32]) -> Result<Vec<(DocId, u32)>> {
        let by_id = segment.inverted_index(self.fields.id)?;
        let alive = segment.alive_bitset();
        let mut docs = Vec::new();
        for &id in ids {
            let term = Term::from_field_u64(self.fields.id, u64::from(id));
            let Some(mut postings) = by_id.read_postings(&term, IndexRecordOption::Basic)? else { continue };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    docs.push((doc, id));
                    break;
                }
                doc = postings.advance();
            }
        }
        docs.sort_unstable();
        Ok(docs)
    }

    /// Adds to `spans` (one list per document of `docs`) where `sequence` matches: its words
    /// at consecutive positions, each any of its set of terms.
    fn find_sequence(
        &self,
        segment: &SegmentReader,
        docs: &[(DocId, u32)],
        field: Field,
        sequence: &[BTreeSet<String>],
        spans: &mut [Vec<Span>],
    ) -> Result<()> {
        let Some(last) = sequence.len().checked_sub(1) else { return Ok(()) };
        let words = segment.inverted_index(field)?;
        // positions[k][i]: where the k-th word of the sequence is in the i-th document.
        let mut positions: Vec<Vec<Vec<u32>>> = vec![vec![Vec::new(); docs.len()]; sequence.len()];
        for (k, terms) in sequence.iter().enumerate() {
            for text in terms {
                let term = Term::from_field_text(field, text);
                let Some(mut postings) =
                    words.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
                else {
                    continue;
                };
                for (i, (doc, _)) in docs.iter().enumerate() {
                    if postings.doc() <= *doc && postings.seek(*doc) == *doc {
                        postings.append_positions_with_offset(0, &mut positions[k][i]);
                    }
                }
            }
        }
        for (i, found) in spans.iter_mut().enumerate() {
            for later in positions.iter_mut().skip(1) {
                later[i].sort_unstable();
            }
            let last_word = last as u32;
            for &start in &positions[0][i] {
                let follows =
                    (1..sequence.len()).all(|k| positions[k][i].binary_search(&(start + k as u32)).is_ok());
                if follows {
                    found.push((start, start + last_word));
                }
            }
        }
        Ok(())
    }
}

/// The words of `segment`'s `field` within `distance` edits of `term` (a transposition being
/// one edit, as the highlighter counts them).
fn words_near(segment: &SegmentReader, field: Field, term: &str, distance: u8) -> Result<BTreeSet<String>> {
    let automaton = Within(builder(distance).build_dfa(term));
    let words = segment.inverted_index(field)?;
    let mut stream = words.terms().search(automaton).into_stream()?;
    let mut words = BTreeSet::new();
    while stream.advance() {
        if let Ok(word) = std::str::from_utf8(stream.key()) {
            words.insert(word.to_string());
        }
    }
    Ok(words)
}

/// The automaton builder for a distance (0, 1 or 2 edits): slow to make, so made once.
fn builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let distance = distance.min(2);
    BUILDERS[usize::from(distance)].get_or_init(|| LevenshteinAutomatonBuilder::new(distance, true))
}

/// The words a DFA accepts, as the term dictionary walks it.
struct Within(DFA);

impl tantivy_fst::Automaton for Within {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// How many places `spans` make once overlapping ones are taken as one.
fn merged_count(spans: &mut [Span]) -> usize {
    spans.sort_unstable_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
    let mut count = 0;
    let mut reach: Option<u32> = None;
    for &(start, end) in spans.iter() {
        match reach {
            Some(r) if start <= r => reach = Some(r.max(end)),
            _ => {
                count += 1;
                reach = Some(end);
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_spans_count_once_and_neighbours_twice() {
        assert_eq!(merged_count(&mut [(4, 5), (5, 6), (9, 9), (10, 10)]), 3);
        assert_eq!(merged_count(&mut [(3, 3), (1, 7)]), 1);
        assert_eq!(merged_count(&mut []), 0);
    }
}

//! Where a query's words are in a text: the reader's highlights (hit counts come from the
//! index's positions instead, see `counts`, and are checked against these).
//!
//! A text is cut into words by the same analyzer that indexed it, and each of the query's
//! [`Mark`]s is looked for among them: a word, a phrase (its words one after the other, so a
//! lone "Steve" is no hit for "Steve Jobs"), a prefix's words, a fuzzy word. Snippets for the
//! command line come from tantivy's snippet generator.

use std::collections::BTreeSet;
use std::ops::Range;

use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;

use super::{ParsedQuery, SearchIndex};

/// Something of a query to find in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Mark {
    /// Words one after the other, each any of a set of terms (as the analyzer makes them): a
    /// word is a sequence of one, a phrase of several, a prefix's last word the words it
    /// begins.
    Words(Vec<BTreeSet<String>>),
    /// A term, or any within `distance` edits of it.
    Fuzzy { term: String, distance: u8 },
}

impl SearchIndex {
    /// The byte ranges of the query's words and phrases in `text` (for the reader's hits).
    pub fn highlights(&self, query: &ParsedQuery, text: &str) -> Vec<Range<usize>> {
        self.highlighter(query).ranges(text)
    }

    /// The byte ranges of what the query looks for in titles, in `title`.
    pub fn title_highlights(&self, query: &ParsedQuery, title: &str) -> Vec<Range<usize>> {
        self.highlighter_of(self.fields.title, &query.title_marks).ranges(title)
    }

    /// Finds a query's words in many texts, with one analyzer.
    pub fn highlighter(&self, query: &ParsedQuery) -> Highlighter {
        self.highlighter_of(self.fields.body, &query.marks)
    }

    /// Finds `marks` in texts cut into words as `field` is.
    fn highlighter_of(&self, field: tantivy::schema::Field, marks: &[Mark]) -> Highlighter {
        Highlighter { analyzer: self.text.tokenizer_for_field(field).ok(), marks: marks.to_vec() }
    }

    /// A short passage of `text` around the best hits, with the hits' ranges inside it.
    pub fn snippet(&self, query: &ParsedQuery, text: &str, max_chars: usize) -> (String, Vec<Range<usize>>) {
        let searcher = self.text_reader.searcher();
        match SnippetGenerator::create(&searcher, query.query.as_ref(), self.fields.body) {
            Ok(mut generator) => {
                generator.set_max_num_chars(max_chars);
                let s = generator.snippet(text);
                if s.is_empty() {
                    (crate::text::cut_chars(text, max_chars), Vec::new())
                } else {
                    (s.fragment().to_string(), s.highlighted().to_vec())
                }
            }
            Err(_) => (crate::text::cut_chars(text, max_chars), Vec::new()),
        }
    }
}

pub struct Highlighter {
    analyzer: Option<TextAnalyzer>,
    marks: Vec<Mark>,
}

/// A word of the text: its term, position and bytes.
struct Word {
    term: String,
    position: usize,
    bytes: Range<usize>,
}

impl Highlighter {
    /// The places in `text` the query's marks match, in order, none overlapping.
    pub fn ranges(&mut self, text: &str) -> Vec<Range<usize>> {
        let Some(analyzer) = self.analyzer.as_mut().filter(|_| !self.marks.is_empty()) else {
            return Vec::new();
        };
        let mut words = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            words.push(Word {
                term: t.text.clone(),
                position: t.position,
                bytes: t.offset_from..t.offset_to,
            });
        }
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for mark in &self.marks {
            match mark {
                Mark::Words(sequence) => {
                    for start in 0..words.len() {
                        if let Some(end) = matches_at(&words, start, sequence) {
                            ranges.push(words[start].bytes.start..words[end].bytes.end);
                        }
                    }
                }
                Mark::Fuzzy { term, distance } => ranges.extend(
                    words
                        .iter()
                        .filter(|w| strsim::osa_distance(&w.term, term) <= usize::from(*distance))
                        .map(|w| w.bytes.clone()),
                ),
            }
        }
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// Whether `sequence` matches the words from `start` on, one after the other; the index of
/// its last word if so.
fn matches_at(words: &[Word], start: usize, sequence: &[BTreeSet<String>]) -> Option<usize> {
    let first = words.get(start)?;
    for (k, allowed) in sequence.iter().enumerate() {
        let w = words.get(start + k)?;
        if w.position != first.position + k || !allowed.contains(&w.term) {
            return None;
        }
    }
    Some(start + sequence.len().checked_sub(1)?)
}

//! Where a query's words are in a text: the reader's highlights, the hit counts and snippets.

use std::ops::Range;

use tantivy::snippet::SnippetGenerator;

use super::{ParsedQuery, SearchIndex};

impl SearchIndex {
    /// The byte ranges of the query's words in `text` (for the reader's hit highlighting).
    pub fn highlights(&self, query: &ParsedQuery, text: &str) -> Vec<Range<usize>> {
        self.highlighter(query).ranges(text)
    }

    /// Finds a query's words in many texts, looking the query's terms up once.
    pub fn highlighter(&self, query: &ParsedQuery) -> Highlighter {
        let searcher = self.text_reader.searcher();
        let generators = [self.fields.body, self.fields.title]
            .into_iter()
            .filter_map(|field| SnippetGenerator::create(&searcher, query.query.as_ref(), field).ok())
            .collect();
        Highlighter { generators }
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
    generators: Vec<SnippetGenerator>,
}

impl Highlighter {
    pub fn ranges(&mut self, text: &str) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        for generator in &mut self.generators {
            generator.set_max_num_chars(text.len().max(1));
            let snippet = generator.snippet(text);
            let base = snippet.fragment_range().start;
            ranges.extend(snippet.highlighted().iter().map(|r| r.start + base..r.end + base));
        }
        ranges.sort_by_key(|r| (r.start, r.end));
        ranges.dedup();
        ranges
    }
}

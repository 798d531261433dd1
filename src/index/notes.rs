//! Conditions answered by the notes index (`entity:`, `date:`), joined to the text index by
//! article id, and what an `entity:` condition means: the entity a user names by its full
//! name, by an alias the corpus knows ("Blinken"), or by one word of a single name ("Jobs").

use std::collections::{BTreeSet, HashMap};

use tantivy::collector::DocSetCollector;
use tantivy::postings::TermInfo;
use tantivy::query::{
    BitSetDocSet, BooleanQuery, ConstScorer, EnableScoring, Explanation, Occur, Query, Scorer, TermQuery,
    Weight,
};
use tantivy::query_grammar::{UserInputAst, UserInputLeaf};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    BitSet, COLLECT_BLOCK_BUFFER_LEN, DocId, DocSet, InvertedIndexReader, Score, Searcher, SegmentReader,
    TERMINATED, TantivyDocument, Term,
};

use super::collect::AllHits;
use super::{Hit, SearchIndex};

/// Word matches considered when a name is given by one of its words.
const WORD_MATCHES_KEPT: usize = 8;

/// What an `entity:` condition was taken to mean.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EntityChoice {
    /// The names (lower case) whose articles match: the entity and its aliases.
    pub names: Vec<String>,
    /// Said to the user when the entity is not the one typed: `entity:Jobs means Steve Jobs`.
    pub note: Option<String>,
}

impl SearchIndex {
    /// A condition on the notes, as the set of articles that meet it, and for `entity:` what
    /// was understood. Dates known at load time are in the text index too, so a date matches
    /// either way.
    pub(super) fn note_query(
        &self,
        leaf: UserInputLeaf,
    ) -> Result<(Box<dyn Query>, Option<EntityChoice>), tantivy::query::QueryParserError> {
        let searcher = self.notes_reader.searcher();
        if let UserInputLeaf::Literal(lit) = &leaf
            && lit.field_name.as_deref() == Some("entity")
        {
            let wanted = lit.phrase.trim_end_matches('*');
            let choice = self.choose_entity(&searcher, wanted, lit.prefix || lit.phrase.ends_with('*'));
            let ids = self.articles_naming(&searcher, &choice.names);
            return Ok((articles_among(&ids), Some(choice)));
        }
        let on_notes =
            self.notes_parser.build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf.clone())))?;
        let ids = AllHits::IDS
            .search_on_cores(&self.threads, &searcher, on_notes.as_ref(), None)
            .unwrap_or_default();
        let by_id = articles_among(&[ids.into_iter().map(|h| h.id).collect()]);
        let on_text = self.parser.build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf)))?;
        Ok((Box::new(BooleanQuery::new(vec![(Occur::Should, by_id), (Occur::Should, on_text)])), None))
    }

    /// The articles whose notes hold any of `names`, from each segment of the notes, taken side
    /// by side. A common name's postings are read a block at a time and their ids looked up
    /// together: at a million articles, the 400,000 of "United States" took 3.4-7.9 ms one
    /// match at a time.
    fn articles_naming(&self, searcher: &Searcher, names: &[String]) -> Vec<Vec<u32>> {
        let field = self.note_fields.entity;
        let in_segment = |segment: &SegmentReader| -> tantivy::Result<Vec<u32>> {
            let ids = segment.fast_fields().u64("id")?;
            let inverted = segment.inverted_index(field)?;
            let alive = segment.alive_bitset();
            let mut found = Vec::new();
            let mut docs = [0; COLLECT_BLOCK_BUFFER_LEN];
            let mut values = [None; COLLECT_BLOCK_BUFFER_LEN];
            for name in names {
                let term = Term::from_field_text(field, name);
                let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)? else {
                    continue;
                };
                loop {
                    let n = postings.fill_buffer(&mut docs);
                    if n == 0 {
                        break;
                    }
                    ids.first_vals(&docs[..n], &mut values[..n]);
                    let live = docs[..n]
                        .iter()
                        .zip(&values[..n])
                        .filter(|(doc, _)| alive.is_none_or(|a| a.is_alive(**doc)));
                    found.extend(live.filter_map(|(_, id)| id.map(|id| id as u32)));
                }
            }
            Ok(found)
        };
        let found = self.threads.each_segment(searcher, in_segment);
        found
            .into_iter()
            .filter_map(|ids| ids.inspect_err(|e| tracing::warn!("an entity's notes: {e}")).ok())
            .collect()
    }

    /// The entity `wanted` names: an alias's entity, the name itself, or else the most
    /// widespread name one of whose words is `wanted` (while typing, begins with it).
    fn choose_entity(&self, searcher: &Searcher, wanted: &str, typing: bool) -> EntityChoice {
        let lower = wanted.trim().to_lowercase();
        if lower.is_empty() {
            return EntityChoice::default();
        }
        let entity = self.note_fields.entity;
        let has_name = |name: &str| {
            searcher.segment_readers().iter().any(|s| {
                s.inverted_index(entity).ok().is_some_and(|ii| {
                    ii.get_term_info(&Term::from_field_text(entity, name))
                        .ok()
                        .flatten()
                        .is_some_and(|info| live_count(s, &ii, &info) > 0)
                })
            })
        };
        if let Some(full) = self.alias_target(searcher, &lower) {
            let note = Some(format!("entity:{wanted} means {full}"));
            return EntityChoice { names: self.with_aliases(searcher, &full.to_lowercase()), note };
        }
        if has_name(&lower) {
            return EntityChoice { names: self.with_aliases(searcher, &lower), note: None };
        }
        let mut by_word = self.names_with_word(searcher, &lower, typing);
        by_word.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        by_word.truncate(WORD_MATCHES_KEPT);
        let Some((chosen, _)) = by_word.first().cloned() else {
            return EntityChoice { names: vec![lower], note: None };
        };
        let others: Vec<&str> = by_word.iter().skip(1).take(3).map(|(n, _)| n.as_str()).collect();
        let note = if others.is_empty() {
            format!("entity:{wanted} means {chosen}")
        } else {
            format!("entity:{wanted} means {chosen} (also: {})", others.join(", "))
        };
        EntityChoice { names: self.with_aliases(searcher, &chosen), note: Some(note) }
    }

    /// The full name an alias record gives `alias`, as it was written.
    fn alias_target(&self, searcher: &Searcher, alias: &str) -> Option<String> {
        let query =
            TermQuery::new(Term::from_field_text(self.note_fields.alias, alias), IndexRecordOption::Basic);
        let found = searcher.search(&query, &DocSetCollector).ok()?;
        found.into_iter().find_map(|address| {
            let doc: TantivyDocument = searcher.doc(address).ok()?;
            doc.get_first(self.note_fields.alias_of).and_then(|v| v.as_str()).map(str::to_string)
        })
    }

    /// A name (lower case) with every alias the corpus recorded for it.
    fn with_aliases(&self, searcher: &Searcher, name: &str) -> Vec<String> {
        let mut names = BTreeSet::from([name.to_string()]);
        let query =
            TermQuery::new(Term::from_field_text(self.note_fields.alias_of, name), IndexRecordOption::Basic);
        for address in searcher.search(&query, &DocSetCollector).unwrap_or_default() {
            if let Ok(doc) = searcher.doc::<TantivyDocument>(address)
                && let Some(alias) = doc.get_first(self.note_fields.alias).and_then(|v| v.as_str())
            {
                names.insert(alias.to_lowercase());
            }
        }
        names.into_iter().collect()
    }

    /// Names (lower case) with one word equal to `word` (or, while typing, beginning with it),
    /// with the number of articles that mention each.
    ///
    /// Every name is looked at: the segments are walked side by side (at a million articles,
    /// their names took 41-48 ms a keystroke one after the other).
    fn names_with_word(&self, searcher: &Searcher, word: &str, typing: bool) -> Vec<(String, u64)> {
        let finder = memchr::memmem::Finder::new(word.as_bytes());
        let in_segment = |segment: &SegmentReader| {
            let mut found = Vec::new();
            let Ok(inverted) = segment.inverted_index(self.note_fields.entity) else { return found };
            let Ok(mut stream) = inverted.terms().stream() else { return found };
            while stream.advance() {
                // Most names do not hold the word anywhere, which is found without reading
                // them as text and cutting them into words (18 ms a keystroke at a million
                // articles against 21 ms).
                let key = stream.key();
                if finder.find(key).is_none() {
                    continue;
                }
                let Ok(name) = std::str::from_utf8(key) else { continue };
                let matches =
                    name.split_whitespace().any(|w| if typing { w.starts_with(word) } else { w == word });
                if matches {
                    found.push((name.to_string(), u64::from(live_count(segment, &inverted, stream.value()))));
                }
            }
            found
        };
        let mut found: HashMap<String, u64> = HashMap::new();
        for (name, articles) in self.threads.each_segment(searcher, in_segment).into_iter().flatten() {
            *found.entry(name).or_default() += articles;
        }
        found.into_iter().filter(|&(_, articles)| articles > 0).collect()
    }
}

/// How many live notes hold a word of a segment: a rewritten or removed article's note stays
/// among the segment's words, and in their counts, until the segment is merged.
fn live_count(segment: &SegmentReader, inverted: &InvertedIndexReader, info: &TermInfo) -> u32 {
    match segment.alive_bitset() {
        None => info.doc_freq,
        Some(alive) => inverted
            .read_postings_from_terminfo(info, IndexRecordOption::Basic)
            .map_or(0, |mut postings| postings.count(alive)),
    }
}

/// Matches the articles with the ids of `parts`: per segment, one pass over the id column,
/// whose cost does not grow with the number of ids the way a set of terms does.
pub(super) fn articles_among(parts: &[Vec<u32>]) -> Box<dyn Query> {
    let bound = parts.iter().flatten().max().map_or(0, |&last| last + 1);
    let mut wanted = BitSet::with_max_value(bound);
    for &id in parts.iter().flatten() {
        wanted.insert(id);
    }
    Box::new(AmongArticles { wanted: std::sync::Arc::new(wanted) })
}

#[derive(Debug, Clone)]
pub(super) struct AmongArticles {
    /// The article ids wanted.
    wanted: std::sync::Arc<BitSet>,
}

impl AmongArticles {
    /// The matches of the condition alone, as the text index would give them (every article
    /// scores the same), without a pass over the text index's ids: an `entity:` filter alone
    /// (following an entity from its pane) is answered from the notes. At a million articles
    /// that pass and reading back the ids of 400,000 matches took 8 of its 13 ms.
    pub(super) fn hits(&self, boost: Score) -> Vec<Hit> {
        // Sized at once: grown a push at a time, a list of 400,000 is copied at each doubling.
        let mut hits = Vec::with_capacity(self.wanted.len());
        if self.wanted.len() == 0 {
            // Tantivy's walk of a set that can hold nothing goes past its end.
            return hits;
        }
        let mut ids = BitSetDocSet::from(BitSet::clone(&self.wanted));
        while ids.doc() != TERMINATED {
            hits.push(Hit { id: ids.doc(), score: boost });
            ids.advance();
        }
        hits
    }

    fn docs(&self, segment: &SegmentReader) -> tantivy::Result<BitSet> {
        let ids = segment.fast_fields().u64("id")?;
        let mut docs = BitSet::with_max_value(segment.max_doc());
        let bound = u64::from(self.wanted.max_value());
        let wanted = |id: u64| id < bound && self.wanted.contains(id as u32);
        if matches!(ids.index, tantivy::columnar::ColumnIndex::Full) {
            // Every document has its id: they are read a block at a time.
            let mut block = [0u64; 1024];
            for start in (0..segment.max_doc()).step_by(block.len()) {
                let n = (segment.max_doc() - start).min(block.len() as u32) as usize;
                ids.values.get_range(u64::from(start), &mut block[..n]);
                for (doc, &id) in (start..).zip(&block[..n]) {
                    if wanted(id) {
                        docs.insert(doc);
                    }
                }
            }
        } else {
            for doc in 0..segment.max_doc() {
                if ids.first(doc).is_some_and(wanted) {
                    docs.insert(doc);
                }
            }
        }
        Ok(docs)
    }
}

impl Query for AmongArticles {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for AmongArticles {
    fn scorer(&self, segment: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(self.docs(segment)?), boost)))
    }

    fn explain(&self, segment: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.docs(segment)?.contains(doc) {
            Ok(Explanation::new("among the articles with this note", 1.0))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!("document {doc} does not match")))
        }
    }
}

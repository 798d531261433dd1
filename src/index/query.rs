//! The query language: tantivy's syntax, plus `word~` for a fuzzy word and, in the interface's
//! filter, the last word typed as a prefix; `entity:` and `date:` are answered by the notes
//! index. Building a query also records what to highlight in a text ([`Mark`]s) and which
//! entities were meant.

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery,
};
use tantivy::query_grammar::{UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Term};

use super::collect::AllHits;
use super::highlight::Mark;
use super::notes::EntityChoice;
use super::{Hit, SearchIndex, syntax};
use crate::corpus::Places;

/// Fields whose values live in the notes index.
const NOTE_FIELDS: [&str; 2] = ["entity", "date"];
/// The field names a query may use.
const QUERY_FIELDS: [&str; 5] = ["title", "body", "source", "date", "entity"];
/// Words a prefix stands for, at most: the most widespread ones.
const PREFIX_TERMS: usize = 64;

/// A parsed query, ready to run and to highlight with.
pub struct ParsedQuery {
    pub text: String,
    pub(super) query: Box<dyn Query>,
    /// What to highlight in an article's text.
    pub(super) marks: Vec<Mark>,
    /// What the query looks for in an article's title: told beside a match found there alone.
    pub(super) title_marks: Vec<Mark>,
    /// The names (lower case) of the entities `entity:` conditions matched, with their aliases.
    pub entities: Vec<String>,
    /// What the user should be told about how the query was understood.
    pub notes: Vec<String>,
}

impl std::fmt::Debug for ParsedQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParsedQuery").field("text", &self.text).field("entities", &self.entities).finish()
    }
}

/// What building a query gathers on the way.
#[derive(Default)]
struct Gathered {
    marks: Vec<Mark>,
    title_marks: Vec<Mark>,
    entities: BTreeSet<String>,
    notes: Vec<String>,
}

impl SearchIndex {
    /// Parses the tantivy query syntax, plus `word~` for a fuzzy word (see [`syntax`]). Errors
    /// are readable and say where the problem is.
    pub fn parse(&self, text: &str) -> Result<ParsedQuery, String> {
        self.parse_as(text, false)
    }

    /// As [`SearchIndex::parse`], with the last word matching as a prefix: what a filter does
    /// while the word is being typed ("Hag" finds "Hagiuda").
    pub fn parse_typing(&self, text: &str) -> Result<ParsedQuery, String> {
        self.parse_as(text, true)
    }

    fn parse_as(&self, text: &str, prefix_last: bool) -> Result<ParsedQuery, String> {
        let prepared = syntax::prepare(text, &QUERY_FIELDS, prefix_last)?;
        let ast = tantivy::query_grammar::parse_query(&prepared).map_err(|_| self.syntax_error(&prepared))?;
        let mut gathered = Gathered::default();
        let query = self.to_query(ast, false, &mut gathered).map_err(|e| e.to_string())?;
        Ok(ParsedQuery {
            text: text.to_string(),
            query,
            marks: gathered.marks,
            title_marks: gathered.title_marks,
            entities: gathered.entities.into_iter().collect(),
            notes: gathered.notes,
        })
    }

    fn syntax_error(&self, text: &str) -> String {
        let (_, errors) = self.parser.parse_query_lenient(text);
        errors.first().map_or_else(|| "syntax error".to_string(), ToString::to_string)
    }

    /// Builds the query from the parsed syntax. `negated`: inside an exclusion, where nothing
    /// is highlighted.
    fn to_query(
        &self,
        ast: UserInputAst,
        negated: bool,
        gathered: &mut Gathered,
    ) -> Result<Box<dyn Query>, tantivy::query::QueryParserError> {
        match ast {
            UserInputAst::Clause(clauses) => {
                let mut subs = Vec::with_capacity(clauses.len());
                for (occur, sub) in clauses {
                    let occur = match occur {
                        Some(tantivy::query_grammar::Occur::Must) => Occur::Must,
                        Some(tantivy::query_grammar::Occur::MustNot) => Occur::MustNot,
                        Some(tantivy::query_grammar::Occur::Should) => Occur::Should,
                        // Words typed side by side must all match, as in a filter box.
                        None => Occur::Must,
                    };
                    subs.push((occur, self.to_query(sub, negated || occur == Occur::MustNot, gathered)?));
                }
                // "a AND NOT b" reaches us as `+a +(-b)`: a group of exclusions alone means
                // "everything but", not "nothing". The "everything" adds nothing to a score:
                // tantivy drops a bare match-all from an intersection with its score (in a
                // segment where b is not found, its exclusion is that), and keeps it elsewhere,
                // so an index in several segments (one brought up to date) scored "a AND NOT b"
                // unlike a fresh index, by 1 for the matches in some segments.
                if !subs.is_empty() && subs.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    subs.push((Occur::Must, Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0))));
                }
                Ok(Box::new(BooleanQuery::new(subs)))
            }
            UserInputAst::Boost(sub, boost) => {
                Ok(Box::new(BoostQuery::new(self.to_query(*sub, negated, gathered)?, boost.0 as Score)))
            }
            UserInputAst::Leaf(leaf) => self.leaf_query(*leaf, negated, gathered),
        }
    }

    fn leaf_query(
        &self,
        leaf: UserInputLeaf,
        negated: bool,
        gathered: &mut Gathered,
    ) -> Result<Box<dyn Query>, tantivy::query::QueryParserError> {
        if leaf_field(&leaf).is_some_and(|f| NOTE_FIELDS.contains(&f)) {
            let (query, choice) = self.note_query(leaf)?;
            if let Some(EntityChoice { names, note }) = choice {
                gathered.notes.extend(note);
                if !negated {
                    gathered.entities.extend(names);
                }
            }
            return Ok(query);
        }
        let UserInputLeaf::Literal(lit) = leaf else {
            return self.parser.build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf)));
        };
        let fields = self.fields_of(&lit);
        let marked = |field: Field| !negated && fields.contains(&field);
        let (highlighted, titled) = (marked(self.fields.body), marked(self.fields.title));
        let single_word = !lit.phrase.contains(char::is_whitespace);
        if lit.slop > 0 && single_word {
            let distance = lit.slop.min(2) as u8;
            let fuzzy = |field: Field| {
                let term = self.first_token(field, &lit.phrase).unwrap_or_else(|| lit.phrase.to_lowercase());
                Mark::Fuzzy { term, distance }
            };
            if highlighted {
                gathered.marks.push(fuzzy(self.fields.body));
            }
            if titled {
                gathered.title_marks.push(fuzzy(self.fields.title));
            }
            return Ok(self.fuzzy(&lit.phrase, &fields, distance));
        }
        let prefix = lit.prefix || (single_word && lit.phrase.len() > 1 && lit.phrase.ends_with('*'));
        if prefix {
            let word = lit.phrase.trim_end_matches('*');
            let (query, marks) = self.prefix_query(word, &fields);
            for (field, mark) in marks {
                if field == self.fields.body && highlighted {
                    gathered.marks.push(mark);
                } else if field == self.fields.title && titled {
                    gathered.title_marks.push(mark);
                }
            }
            return Ok(query);
        }
        let words = |field: Field| {
            let words = self.tokens(field, &lit.phrase);
            (!words.is_empty()).then(|| Mark::Words(words.into_iter().map(|w| BTreeSet::from([w])).collect()))
        };
        if highlighted {
            gathered.marks.extend(words(self.fields.body));
        }
        if titled {
            gathered.title_marks.extend(words(self.fields.title));
        }
        self.parser.build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(lit))))
    }

    /// The text fields a literal searches: the one it names, or title and body.
    fn fields_of(&self, lit: &UserInputLiteral) -> Vec<Field> {
        match lit.field_name.as_deref().and_then(|n| self.text.schema().get_field(n).ok()) {
            Some(f) => vec![f],
            None => vec![self.fields.title, self.fields.body],
        }
    }

    fn fuzzy(&self, word: &str, fields: &[Field], distance: u8) -> Box<dyn Query> {
        let subs = fields
            .iter()
            .map(|&field| {
                let token = self.first_token(field, word).unwrap_or_else(|| word.to_lowercase());
                let q: Box<dyn Query> =
                    Box::new(FuzzyTermQuery::new(Term::from_field_text(field, &token), distance, true));
                (Occur::Should, q)
            })
            .collect();
        Box::new(BooleanQuery::new(subs))
    }

    /// A word being typed: the words of the index that begin with it, the most widespread
    /// first, and the word itself as the field keeps it, as plain terms, so that they score and
    /// highlight like any word. The index keeps stems, and a whole word's stem need not begin
    /// with it ("ministers" is kept as "minist"): without its own stem a word typed whole would
    /// find less than the word, and without the stems of the words it may become, a word cut
    /// short ("meeti") would find nothing. Several words ("U.S" while typing "U.S.A") match as a phrase
    /// whose last word is a prefix.
    fn prefix_query(&self, word: &str, fields: &[Field]) -> (Box<dyn Query>, Vec<(Field, Mark)>) {
        let lowered: Vec<String> = word
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let Some((last, before)) = lowered.split_last() else {
            return (Box::new(BooleanQuery::new(Vec::new())), Vec::new());
        };
        let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut marks = Vec::new();
        for &field in fields {
            let mut words = self.words_beginning(field, last);
            if let Some(own) = self.first_token(field, last).filter(|own| !words.contains(own)) {
                words.push(own);
            }
            for cut in self.stems_cut_into(field, last) {
                if !words.contains(&cut) {
                    words.push(cut);
                }
            }
            // The words before the last, as the field keeps them: cut once, for every phrase.
            let firsts: Vec<String> = before.iter().filter_map(|b| self.first_token(field, b)).collect();
            if !words.is_empty() {
                let mut positions: Vec<BTreeSet<String>> =
                    firsts.iter().map(|t| BTreeSet::from([t.clone()])).collect();
                positions.push(words.iter().cloned().collect());
                marks.push((field, Mark::Words(positions)));
            }
            for w in words {
                let mut terms: Vec<Term> = firsts.iter().map(|t| Term::from_field_text(field, t)).collect();
                terms.push(Term::from_field_text(field, &w));
                let q: Box<dyn Query> = if terms.len() == 1 {
                    Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::WithFreqs))
                } else {
                    Box::new(tantivy::query::PhraseQuery::new(terms))
                };
                subs.push((Occur::Should, q));
            }
        }
        (Box::new(BooleanQuery::new(subs)), marks)
    }

    /// Up to [`PREFIX_TERMS`] words of `field` beginning with `prefix`, the most widespread.
    /// The counts take in deleted articles until their segment is merged: counting live ones
    /// would read the postings of thousands of words for a short prefix, on every keystroke,
    /// and a word left with no live article only takes a place and matches nothing.
    fn words_beginning(&self, field: Field, prefix: &str) -> Vec<String> {
        let searcher = self.text_reader.searcher();
        let mut found: HashMap<String, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else { continue };
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream() else {
                continue;
            };
            while stream.advance() && stream.key().starts_with(prefix.as_bytes()) {
                if let Ok(word) = std::str::from_utf8(stream.key()) {
                    *found.entry(word.to_string()).or_default() += u64::from(stream.value().doc_freq);
                }
            }
        }
        let mut words: Vec<(String, u64)> = found.into_iter().collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        words.into_iter().take(PREFIX_TERMS).map(|(w, _)| w).collect()
    }

    /// The stems of `field` that words beginning with `typed` may have, where the stem is
    /// shorter than what was typed ("meet" for "meeti", from "meeting"): those no prefix finds.
    fn stems_cut_into(&self, field: Field, typed: &str) -> Vec<String> {
        // Shorter stems would stand for too many words ("re" for "reing").
        const SHORTEST: usize = 3;
        let mut stems: Vec<String> = super::endings::completions(typed)
            .iter()
            .filter_map(|word| self.first_token(field, word))
            .filter(|stem| stem.len() >= SHORTEST && typed.starts_with(stem.as_str()) && stem != typed)
            .collect();
        stems.sort_unstable();
        stems.dedup();
        let searcher = self.text_reader.searcher();
        stems.retain(|stem| searcher.doc_freq(&Term::from_field_text(field, stem)).is_ok_and(|n| n > 0));
        stems
    }

    fn first_token(&self, field: Field, word: &str) -> Option<String> {
        self.tokens(field, word).into_iter().next()
    }

    /// The terms the field's analyzer makes of `text`.
    pub(super) fn tokens(&self, field: Field, text: &str) -> Vec<String> {
        let Ok(mut analyzer) = self.text.tokenizer_for_field(field) else { return Vec::new() };
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(stream.token().text.clone());
        }
        tokens
    }

    /// Works out, on this thread, what scoring needs to leave the index's deleted articles out
    /// (their tokens, counted again from their stored texts), so that the thread's next search
    /// does not wait for it (1.5-2.5 ms for ten deleted articles at a million, more with more
    /// of them or a cold disk). An index without deletions has nothing to work out. How many
    /// deleted articles the index holds.
    pub fn prepare_ranking(&self) -> Result<usize> {
        let searcher = self.text_reader.searcher();
        Ok(super::live::LiveStatistics::new(&searcher)?.deleted())
    }

    /// Every matching article with its score, in rank order among `places`.
    pub fn search(&self, query: &ParsedQuery, places: &Places) -> Result<Vec<Hit>> {
        if let Some(among) = query.query.downcast_ref::<super::notes::AmongArticles>() {
            let mut hits = among.hits(1.0);
            super::rank(&mut hits, places);
            return Ok(hits);
        }
        let searcher = self.text_reader.searcher();
        Ok(AllHits::SCORED.search_on_cores(&self.threads, &searcher, query.query.as_ref(), Some(places))?)
    }
}

fn leaf_field(leaf: &UserInputLeaf) -> Option<&str> {
    match leaf {
        UserInputLeaf::Literal(lit) => lit.field_name.as_deref(),
        UserInputLeaf::Range { field, .. }
        | UserInputLeaf::Set { field, .. }
        | UserInputLeaf::Regex { field, .. } => field.as_deref(),
        UserInputLeaf::Exists { field } => Some(field),
        UserInputLeaf::All => None,
    }
}

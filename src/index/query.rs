//! The query language: tantivy's syntax, plus `word~` for a fuzzy word, with `entity:` and
//! `date:` answered by the notes index and joined to the text index by article id.

use anyhow::Result;
use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, BitSetDocSet, BooleanQuery, BoostQuery, ConstScorer, EnableScoring, Explanation,
    FuzzyTermQuery, Occur, Query, Scorer, TermQuery, Weight,
};
use tantivy::query_grammar::{UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{BitSet, DocId, Score, SegmentReader, TantivyDocument, Term};

use super::{Hit, SearchIndex, syntax};

/// Fields whose values live in the notes index.
const NOTE_FIELDS: [&str; 2] = ["entity", "date"];
/// The field names a query may use.
const QUERY_FIELDS: [&str; 5] = ["title", "body", "source", "date", "entity"];

/// A parsed query, ready to run and to highlight with.
pub struct ParsedQuery {
    pub text: String,
    pub(super) query: Box<dyn Query>,
}

impl std::fmt::Debug for ParsedQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParsedQuery").field("text", &self.text).finish()
    }
}

impl SearchIndex {
    /// Parses the tantivy query syntax, plus `word~` for a fuzzy word (see [`syntax`]). Errors
    /// are readable and say where the problem is.
    pub fn parse(&self, text: &str) -> Result<ParsedQuery, String> {
        let prepared = syntax::prepare(text, &QUERY_FIELDS)?;
        let ast = tantivy::query_grammar::parse_query(&prepared).map_err(|_| self.syntax_error(&prepared))?;
        let query = self.to_query(ast).map_err(|e| e.to_string())?;
        Ok(ParsedQuery { text: text.to_string(), query })
    }

    fn syntax_error(&self, text: &str) -> String {
        let (_, errors) = self.parser.parse_query_lenient(text);
        errors.first().map_or_else(|| "syntax error".to_string(), ToString::to_string)
    }

    /// Builds the query from the parsed syntax, turning `word~N` into a fuzzy term query, which
    /// tantivy's parser reads as a phrase slop and ignores for single words.
    fn to_query(&self, ast: UserInputAst) -> Result<Box<dyn Query>, tantivy::query::QueryParserError> {
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
                    subs.push((occur, self.to_query(sub)?));
                }
                // "a AND NOT b" reaches us as `+a +(-b)`: a group of exclusions alone means
                // "everything but", not "nothing".
                if !subs.is_empty() && subs.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    subs.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Box::new(BooleanQuery::new(subs)))
            }
            UserInputAst::Boost(sub, boost) => {
                Ok(Box::new(BoostQuery::new(self.to_query(*sub)?, boost.0 as Score)))
            }
            UserInputAst::Leaf(leaf) => match *leaf {
                leaf if leaf_field(&leaf).is_some_and(|f| NOTE_FIELDS.contains(&f)) => self.note_query(leaf),
                UserInputLeaf::Literal(lit) if lit.slop > 0 && !lit.phrase.contains(char::is_whitespace) => {
                    Ok(self.fuzzy(&lit.phrase, lit.field_name.as_deref(), lit.slop.min(2) as u8))
                }
                other => self.parser.build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(other))),
            },
        }
    }

    /// A condition on the notes (`entity:`, `date:`), as the set of articles that meet it.
    /// Dates known at load time are in the text index too, so a date matches either way.
    fn note_query(&self, leaf: UserInputLeaf) -> Result<Box<dyn Query>, tantivy::query::QueryParserError> {
        let on_notes =
            self.notes_parser.build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf.clone())))?;
        let searcher = self.notes_reader.searcher();
        let mut ids = searcher.search(on_notes.as_ref(), &AllHits).unwrap_or_default();
        if let UserInputLeaf::Literal(lit) = &leaf
            && lit.field_name.as_deref() == Some("entity")
        {
            for alias in self.aliases(&lit.phrase) {
                let term = Term::from_field_text(self.note_fields.entity, &alias.to_lowercase());
                let query = TermQuery::new(term, IndexRecordOption::Basic);
                ids.extend(searcher.search(&query, &AllHits).unwrap_or_default());
            }
        }
        let by_id = articles_among(ids.iter().map(|h| h.id));
        if leaf_field(&leaf) != Some("date") {
            return Ok(by_id);
        }
        let on_text = self.parser.build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf)))?;
        Ok(Box::new(BooleanQuery::new(vec![(Occur::Should, by_id), (Occur::Should, on_text)])))
    }

    fn fuzzy(&self, word: &str, field_name: Option<&str>, distance: u8) -> Box<dyn Query> {
        let fields = match field_name.and_then(|n| self.text.schema().get_field(n).ok()) {
            Some(f) => vec![f],
            None => vec![self.fields.title, self.fields.body],
        };
        let subs = fields
            .into_iter()
            .map(|field| {
                let token = self.first_token(field, word).unwrap_or_else(|| word.to_lowercase());
                let q: Box<dyn Query> =
                    Box::new(FuzzyTermQuery::new(Term::from_field_text(field, &token), distance, true));
                (Occur::Should, q)
            })
            .collect();
        Box::new(BooleanQuery::new(subs))
    }

    fn first_token(&self, field: Field, word: &str) -> Option<String> {
        let mut analyzer = self.text.tokenizer_for_field(field).ok()?;
        let mut stream = analyzer.token_stream(word);
        stream.advance().then(|| stream.token().text.clone())
    }

    /// Every matching article with its score, in no particular order.
    pub fn search(&self, query: &ParsedQuery) -> Result<Vec<Hit>> {
        let searcher = self.text_reader.searcher();
        Ok(searcher.search(query.query.as_ref(), &AllHits)?)
    }

    /// The other names an entity goes by, as recorded by [`SearchIndex::alias`].
    fn aliases(&self, of: &str) -> Vec<String> {
        let searcher = self.notes_reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.note_fields.alias_of, &of.to_lowercase()),
            IndexRecordOption::Basic,
        );
        let found = searcher.search(&query, &DocSetCollector).unwrap_or_default();
        found
            .into_iter()
            .filter_map(|address| searcher.doc::<TantivyDocument>(address).ok())
            .filter_map(|doc| {
                doc.get_first(self.note_fields.alias).and_then(|v| v.as_str()).map(str::to_string)
            })
            .collect()
    }
}

/// cost does not grow with the number of ids the way a set of terms does.
fn articles_among(ids: impl Iterator<Item = u32>) -> Box<dyn Query> {
    let mut wanted = Vec::new();
    for id in ids {
        let i = id as usize;
        if wanted.len() <= i {
            wanted.resize(i + 1, false);
        }
        wanted[i] = true;
    }
    Box::new(AmongArticles { wanted: std::sync::Arc::new(wanted) })
}

#[derive(Debug, Clone)]
struct AmongArticles {
    /// Indexed by article id.
    wanted: std::sync::Arc<Vec<bool>>,
}

impl AmongArticles {
    fn docs(&self, segment: &SegmentReader) -> tantivy::Result<BitSet> {
        let ids = segment.fast_fields().u64("id")?;
        let mut docs = BitSet::with_max_value(segment.max_doc());
        for doc in 0..segment.max_doc() {
            if ids.first(doc).is_some_and(|id| self.wanted.get(id as usize).copied().unwrap_or(false)) {
                docs.insert(doc);
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

/// The text and notes indexes in `dir` (`text/` and `notes/`): opened if they are there with
/// Collects every match with its score, mapped to the article id.
pub(super) struct AllHits;

pub(super) struct SegmentHits {
    ids: Column<u64>,
    hits: Vec<Hit>,
}

impl Collector for AllHits {
    type Fruit = Vec<Hit>;
    type Child = SegmentHits;

    fn for_segment(&self, _ord: u32, segment: &SegmentReader) -> tantivy::Result<SegmentHits> {
        Ok(SegmentHits { ids: segment.fast_fields().u64("id")?, hits: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Hit>>) -> tantivy::Result<Vec<Hit>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentHits {
    type Fruit = Vec<Hit>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(id) = self.ids.first(doc) {
            self.hits.push(Hit { id: id as u32, score });
        }
    }

    fn harvest(self) -> Vec<Hit> {
        self.hits
    }
}

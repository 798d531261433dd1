//! The search indexes: schema, building, queries, highlights and more-like-this.
//!
//! Two tantivy indexes work together. The text index holds each article's title and body,
//! written once as the corpus loads; the body is stored (compressed) so that the reader and
//! the analysis can fetch an article's text without the corpus staying in memory. The notes
//! index holds what the analysis adds later (entity names, inferred dates): it is small and
//! cheap to rewrite, so the corpus-wide passes never re-index the text. Queries on `entity:`
//! and `date:` are answered by the notes index and joined to the text index by article id.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Context, Result};
use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, BitSetDocSet, BooleanQuery, BoostQuery, ConstScorer, EnableScoring, Explanation,
    FuzzyTermQuery, MoreLikeThisQuery, Occur, Query, QueryParser, Scorer, TermQuery, Weight,
};
use tantivy::query_grammar::{UserInputAst, UserInputLeaf};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer};
use tantivy::{
    BitSet, DocAddress, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, Searcher, SegmentReader,
    TantivyDocument, Term,
};

pub mod cache;
mod store;

use crate::analysis::{Analysis, Summary};
use crate::corpus::Article;

/// Writer memory for the text index: tantivy needs at least 15 MB per indexing thread.
const TEXT_WRITER_BYTES: usize = 40 * 1024 * 1024;
const TEXT_WRITER_THREADS: usize = 2;
/// The notes are a few names per article: one thread with the smallest budget keeps up.
const NOTES_WRITER_BYTES: usize = 15 * 1024 * 1024;
/// Tokenizer for exact but case-insensitive values such as entity names.
const EXACT_LOWER: &str = "exact_lower";
/// Words too common to say anything about how two articles are related.
const STOP_WORDS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/stopwords.txt"));
/// Fields whose values live in the notes index.
const NOTE_FIELDS: [&str; 2] = ["entity", "date"];

static STOP_LIST: LazyLock<Vec<String>> = LazyLock::new(|| {
    STOP_WORDS
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .map(str::to_string)
        .collect()
});
/// A bare `word~` or `word~N`: rewritten as `"word"~N` so the grammar keeps the distance.
static FUZZY_WORD: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::static_regex(r#"(^|[\s(+\-:])([\p{L}\p{N}_]+)~(\d?)"#));

/// The text index's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub body: Field,
    pub source: Field,
    /// The date the article was loaded with (`YYYY`, `YYYY-MM` and `YYYY-MM-DD`).
    pub date: Field,
}

/// The notes index's fields.
#[derive(Debug, Clone, Copy)]
struct NoteFields {
    id: Field,
    entity: Field,
    date: Field,
    /// Alias records: the entity's corpus-wide name, and (stored) the other name.
    alias_of: Field,
    alias: Field,
}

/// One matching article and its relevance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub id: u32,
    pub score: f32,
}

/// A parsed query, ready to run and to highlight with.
pub struct ParsedQuery {
    pub text: String,
    query: Box<dyn Query>,
}

impl std::fmt::Debug for ParsedQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParsedQuery").field("text", &self.text).finish()
    }
}

pub struct SearchIndex {
    text: Index,
    text_reader: IndexReader,
    fields: Fields,
    parser: QueryParser,
    notes: Index,
    notes_reader: IndexReader,
    note_fields: NoteFields,
    notes_parser: QueryParser,
    home: Home,
}

/// Where the two indexes live.
#[derive(Debug)]
enum Home {
    Memory,
    /// A directory of the cache, removed when the index is dropped (with the `TempDir`).
    Temporary(#[allow(dead_code)] tempfile::TempDir),
    /// A corpus's own directory of the cache, kept for the next time it is opened.
    Kept(crate::index::cache::Claim),
}

impl SearchIndex {
    /// Both indexes in memory: for the seeds, the tests and the one-shot commands.
    pub fn new() -> Result<SearchIndex> {
        let text = Index::create_in_ram(text_schema().0);
        let notes = Index::create_in_ram(notes_schema().0);
        SearchIndex::with_indexes(text, notes, Home::Memory)
    }

    /// Both indexes in a fresh directory under `cache` (the corpus folder is never written),
    /// removed when the index is dropped. On disk, the index lives in the page cache rather
    /// than in the process's memory.
    pub fn on_disk(cache: &Path) -> Result<SearchIndex> {
        std::fs::create_dir_all(cache).with_context(|| format!("cannot create {}", cache.display()))?;
        crate::index::cache::remove_abandoned(cache);
        let dir = tempfile::Builder::new()
            .prefix(&format!("index-{}-", std::process::id()))
            .tempdir_in(cache)
            .with_context(|| format!("cannot create an index directory in {}", cache.display()))?;
        let (text, notes) = indexes_in(dir.path())?;
        SearchIndex::with_indexes(text, notes, Home::Temporary(dir))
    }

    /// The indexes kept in the cache for the corpus at `paths`: whatever an earlier run left
    /// there, which the pipeline reuses if the corpus is unchanged and clears otherwise.
    pub fn cached(cache: &Path, paths: &[PathBuf]) -> Result<SearchIndex> {
        crate::index::cache::remove_abandoned(cache);
        let dir = crate::index::cache::corpus_dir(cache, paths);
        let claim = crate::index::cache::Claim::take(&dir)?;
        crate::index::cache::evict(cache, &dir);
        let (text, notes) = match indexes_in(claim.dir()) {
            Ok(indexes) => indexes,
            Err(e) => {
                tracing::warn!("starting the cache in {} afresh: {e:#}", dir.display());
                crate::index::cache::invalidate(&dir);
                for sub in ["text", "notes"] {
                    let _ = std::fs::remove_dir_all(dir.join(sub));
                }
                indexes_in(claim.dir())?
            }
        };
        SearchIndex::with_indexes(text, notes, Home::Kept(claim))
    }

    /// For a folder: kept in the user's cache directory (or, `reuse` off or the cache busy, in
    /// a temporary directory there); in memory when no cache directory works.
    pub fn for_corpus(paths: &[PathBuf], reuse: bool) -> Result<SearchIndex> {
        let Some(cache) = crate::index::cache::cache_dir() else { return SearchIndex::new() };
        if reuse {
            match SearchIndex::cached(&cache, paths) {
                Ok(index) => return Ok(index),
                Err(e) => tracing::info!("index not kept: {e:#}"),
            }
        }
        SearchIndex::on_disk(&cache).or_else(|e| {
            tracing::warn!("index kept in memory: {e:#}");
            SearchIndex::new()
        })
    }

    /// The corpus's own cache directory, when the index is kept there.
    pub fn kept_dir(&self) -> Option<&Path> {
        match &self.home {
            Home::Kept(claim) => Some(claim.dir()),
            Home::Memory | Home::Temporary(_) => None,
        }
    }

    /// Empties both indexes, before a changed corpus is indexed again.
    pub fn clear(&self) -> Result<()> {
        if self.num_docs() == 0 && self.notes_reader.searcher().num_docs() == 0 {
            return Ok(());
        }
        for mut writer in [self.text_writer()?, self.notes_writer()?] {
            writer.delete_all_documents()?;
            writer.commit()?;
        }
        self.text_reader.reload()?;
        self.notes_reader.reload()?;
        Ok(())
    }

    fn with_indexes(text: Index, notes: Index, home: Home) -> Result<SearchIndex> {
        let (_, fields) = text_schema();
        let (_, note_fields) = notes_schema();
        for index in [&text, &notes] {
            index.tokenizers().register(
                EXACT_LOWER,
                TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).build(),
            );
        }
        // Manual reload: the default policy reloads on a timer and races with our commits.
        let text_reader = text.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let notes_reader = notes.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let mut parser = QueryParser::for_index(&text, vec![fields.title, fields.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.title, 2.0);
        let notes_parser = QueryParser::for_index(&notes, vec![note_fields.entity]);
        Ok(SearchIndex {
            text,
            text_reader,
            fields,
            parser,
            notes,
            notes_reader,
            note_fields,
            notes_parser,
            home,
        })
    }

    pub fn text_writer(&self) -> Result<IndexWriter> {
        self.text
            .writer_with_num_threads(TEXT_WRITER_THREADS, TEXT_WRITER_BYTES)
            .context("cannot create the index writer")
    }

    pub fn notes_writer(&self) -> Result<IndexWriter> {
        self.notes.writer_with_num_threads(1, NOTES_WRITER_BYTES).context("cannot create the notes writer")
    }

    /// Adds an article's title and text (once: the text index is never rewritten).
    pub fn add(&self, writer: &IndexWriter, article: &Article) -> Result<()> {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, u64::from(article.id));
        doc.add_text(f.title, &article.title);
        doc.add_text(f.body, &article.text);
        if let Some(source) = &article.source {
            doc.add_text(f.source, source);
        }
        if let Some(d) = article.date {
            add_date(&mut doc, f.date, d.date);
        }
        writer.add_document(doc)?;
        Ok(())
    }

    /// Writes an article's notes (`replace`: in place of earlier ones): its entity names, and
    /// its date when the date was inferred after loading.
    pub fn note(
        &self,
        writer: &IndexWriter,
        id: u32,
        inferred: Option<chrono::NaiveDate>,
        summary: &Summary,
        replace: bool,
    ) -> Result<()> {
        let f = self.note_fields;
        if replace {
            writer.delete_term(Term::from_field_u64(f.id, u64::from(id)));
        }
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, u64::from(id));
        if let Some(date) = inferred {
            add_date(&mut doc, f.date, date);
        }
        let names: BTreeSet<&str> = summary.names().collect();
        for name in names {
            doc.add_text(f.entity, name);
        }
        writer.add_document(doc)?;
        Ok(())
    }

    /// Records that `alias` ("Blinken") names the entity `of` ("Antony Blinken") across the
    /// corpus, so that `entity:"Antony Blinken"` finds the articles that say only "Blinken"
    /// without their notes being rewritten.
    pub fn alias(&self, writer: &IndexWriter, alias: &str, of: &str) -> Result<()> {
        let f = self.note_fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.alias_of, of);
        doc.add_text(f.alias, alias);
        writer.add_document(doc)?;
        Ok(())
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

    /// Commits what was added and makes it searchable.
    pub fn commit(&self, writer: &mut IndexWriter) -> Result<()> {
        writer.commit()?;
        self.text_reader.reload()?;
        self.notes_reader.reload()?;
        Ok(())
    }

    /// Picks up segments merged since the last commit.
    pub fn reload(&self) -> Result<()> {
        self.text_reader.reload()?;
        Ok(())
    }

    pub fn num_docs(&self) -> u64 {
        self.text_reader.searcher().num_docs()
    }

    /// An article's text, from the index's compressed store.
    pub fn text(&self, id: u32) -> Result<Option<String>> {
        let searcher = self.text_reader.searcher();
        let Some(address) = self.address(&searcher, id) else { return Ok(None) };
        let doc: TantivyDocument = searcher.doc(address)?;
        Ok(doc.get_first(self.fields.body).and_then(|v| v.as_str()).map(str::to_string))
    }

    /// Every article's text from the store, segment by segment (not in id order), without
    /// looking each one up.
    pub fn for_each_text(&self, mut each: impl FnMut(u32, String) -> Result<()>) -> Result<()> {
        let searcher = self.text_reader.searcher();
        for segment in searcher.segment_readers() {
            let ids = segment.fast_fields().u64("id")?;
            let store = segment.get_store_reader(1)?;
            let alive = segment.alive_bitset();
            let docs = (0..segment.max_doc()).filter(|&d| alive.is_none_or(|a| a.is_alive(d)));
            for (doc, stored) in docs.zip(store.iter::<TantivyDocument>(alive)) {
                let stored = stored?;
                let (Some(id), Some(text)) =
                    (ids.first(doc), stored.get_first(self.fields.body).and_then(|v| v.as_str()))
                else {
                    continue;
                };
                each(id as u32, text.to_string())?;
            }
        }
        Ok(())
    }

    /// Where an article is in `searcher`'s snapshot: an address is only good for the
    /// snapshot it was found in, since merges move documents.
    fn address(&self, searcher: &Searcher, id: u32) -> Option<DocAddress> {
        let term = Term::from_field_u64(self.fields.id, u64::from(id));
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let found = searcher.search(&query, &DocSetCollector).ok()?;
        found.into_iter().next()
    }

    /// Parses the tantivy query syntax, plus `word~` for a fuzzy word. Errors are readable and
    /// say where the problem is.
    pub fn parse(&self, text: &str) -> Result<ParsedQuery, String> {
        let normalized = FUZZY_WORD
            .replace_all(text, |c: &regex::Captures| {
                let distance = if c[3].is_empty() { "1" } else { &c[3] };
                format!("{}\"{}\"~{distance}", &c[1], &c[2])
            })
            .into_owned();
        let ast =
            tantivy::query_grammar::parse_query(&normalized).map_err(|_| self.syntax_error(&normalized))?;
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
        let mut hits = searcher.search(&query, &AllHits)?;
        hits.retain(|h| h.id != article);
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        hits.truncate(limit);
        Ok(hits)
    }
}

fn text_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | FAST),
        title: b.add_text_field("title", stemmed.clone()),
        body: b.add_text_field("body", stemmed | STORED),
        source: b.add_text_field("source", words),
        date: b.add_text_field("date", STRING),
    };
    (b.build(), fields)
}

fn notes_schema() -> (Schema, NoteFields) {
    let mut b = Schema::builder();
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(EXACT_LOWER).set_index_option(IndexRecordOption::Basic),
    );
    let fields = NoteFields {
        id: b.add_u64_field("id", INDEXED | FAST),
        entity: b.add_text_field("entity", exact.clone()),
        date: b.add_text_field("date", STRING),
        alias_of: b.add_text_field("alias_of", exact),
        alias: b.add_text_field("alias", STORED),
    };
    (b.build(), fields)
}

/// A date as the prefixes a `date:` query can name: `2022`, `2022-07` and `2022-07-29`.
fn add_date(doc: &mut TantivyDocument, field: Field, date: chrono::NaiveDate) {
    let day = date.format("%Y-%m-%d").to_string();
    for prefix in [&day[..4], &day[..7], &day[..]] {
        doc.add_text(field, prefix);
    }
}

/// Matches the articles with the given ids: per segment, one pass over the id column, whose
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
/// this version's schemas, created if not.
fn indexes_in(dir: &Path) -> Result<(Index, Index)> {
    let text_dir = dir.join("text");
    let notes_dir = dir.join("notes");
    for d in [&text_dir, &notes_dir] {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    let store = crate::index::store::ReadStoreDirectory::open(&text_dir)
        .with_context(|| format!("cannot open {}", text_dir.display()))?;
    let text = if text_dir.join("meta.json").exists() {
        Index::open(store)?
    } else {
        Index::create(store, text_schema().0, tantivy::IndexSettings::default())?
    };
    let notes = if notes_dir.join("meta.json").exists() {
        Index::open_in_dir(&notes_dir)?
    } else {
        Index::create_in_dir(&notes_dir, notes_schema().0)?
    };
    anyhow::ensure!(
        text.schema() == text_schema().0 && notes.schema() == notes_schema().0,
        "the index in {} was made by another version",
        dir.display()
    );
    Ok((text, notes))
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

/// Collects every match with its score, mapped to the article id.
struct AllHits;

struct SegmentHits {
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

/// Builds a searchable index of the given articles in one go (the headless commands' path).
pub fn build(articles: &[Article], analyses: &[Analysis]) -> Result<SearchIndex> {
    let index = SearchIndex::new()?;
    let mut writer = index.text_writer()?;
    for article in articles {
        index.add(&writer, article)?;
    }
    index.commit(&mut writer)?;
    let mut notes = index.notes_writer()?;
    for (article, analysis) in articles.iter().zip(analyses) {
        index.note(&notes, article.id, None, &Summary::of(analysis), false)?;
    }
    index.commit(&mut notes)?;
    Ok(index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::seeds;

    fn seed_index() -> (Vec<Article>, SearchIndex) {
        let articles = seeds::articles();
        let index = build(&articles, &[]).unwrap();
        (articles, index)
    }

    fn ids(index: &SearchIndex, q: &str) -> Vec<u32> {
        let mut v: Vec<u32> = index.search(&index.parse(q).unwrap()).unwrap().iter().map(|h| h.id).collect();
        v.sort();
        v
    }

    #[test]
    fn words_phrases_and_booleans() {
        let (_, index) = seed_index();
        assert_eq!(ids(&index, "Hagiuda"), vec![0, 1, 3, 4]);
        assert_eq!(ids(&index, "\"supply chain\""), vec![0, 1, 2, 3, 4]);
        assert_eq!(ids(&index, "\"semiconductor supply chain\""), vec![0, 1, 3]);
        assert_eq!(ids(&index, "Hagiuda AND Kishida"), Vec::<u32>::new());
        assert_eq!(ids(&index, "Kishida OR Hagiuda"), vec![0, 1, 2, 3, 4]);
        assert_eq!(ids(&index, "Hagiuda NOT Nikkei"), vec![0, 1, 4]);
        assert_eq!(ids(&index, "Hagiuda AND NOT Nikkei"), vec![0, 1, 4]);
        assert_eq!(ids(&index, "NOT Hagiuda"), vec![2]);
        assert_eq!(ids(&index, "title:digest"), vec![4]);
    }

    #[test]
    fn fuzzy_words_match_misspellings() {
        let (_, index) = seed_index();
        assert_eq!(ids(&index, "Hagiuda~"), ids(&index, "Hagiuda"));
        assert_eq!(ids(&index, "Hagiudda~1"), vec![0, 1, 3, 4]);
    }

    #[test]
    fn syntax_errors_are_readable() {
        let (_, index) = seed_index();
        let e = index.parse("AND OR (").unwrap_err();
        assert!(e.contains("position"), "{e}");
    }

    #[test]
    fn highlights_cover_each_occurrence() {
        let (articles, index) = seed_index();
        let q = index.parse("Hagiuda").unwrap();
        let text = &articles[1].text;
        let h = index.highlights(&q, text);
        assert_eq!(h.len(), text.matches("Hagiuda").count());
        assert!(h.iter().all(|r| &text[r.clone()] == "Hagiuda"));
    }

    #[test]
    fn entity_and_inferred_date_queries_use_the_notes() {
        let articles = seeds::articles();
        let index = build(&articles, &[]).unwrap();
        assert!(ids(&index, "entity:\"Koichi Hagiuda\"").is_empty(), "no notes yet");
        let mut notes = index.notes_writer().unwrap();
        let named = |name: &str| {
            Summary::of(&Analysis {
                entities: vec![crate::analysis::EntityMention {
                    start: 0,
                    end: 1,
                    kind: crate::analysis::EntityKind::Person,
                    canonical: name.into(),
                }],
                ..Analysis::default()
            })
        };
        index.note(&notes, 1, None, &named("Koichi Hagiuda"), false).unwrap();
        let y2k_eve = chrono::NaiveDate::from_ymd_opt(1999, 12, 31);
        index.note(&notes, 3, y2k_eve, &named("Koichi Hagiuda"), false).unwrap();
        index.note(&notes, 4, None, &named("Gina Raimondo"), false).unwrap();
        index.note(&notes, 2, None, &named("Hagiuda"), false).unwrap();
        index.commit(&mut notes).unwrap();
        assert_eq!(ids(&index, "entity:\"koichi hagiuda\""), vec![1, 3]);
        assert_eq!(ids(&index, "entity:\"Koichi Hagiuda\" AND Hagiuda"), vec![1, 3]);
        assert_eq!(ids(&index, "Hagiuda AND entity:\"Koichi Hagiuda\""), vec![1, 3]);
        assert_eq!(ids(&index, "entity:\"Koichi Hagiuda\" AND NOT title:digest"), vec![1, 3]);
        assert_eq!(ids(&index, "date:1999-12"), vec![3]);
        // A corpus-wide alias joins the articles that use the short name.
        index.alias(&notes, "Hagiuda", "Koichi Hagiuda").unwrap();
        index.commit(&mut notes).unwrap();
        assert_eq!(ids(&index, "entity:\"Koichi Hagiuda\""), vec![1, 2, 3]);
        // A rewritten note replaces the old one.
        index.note(&notes, 3, None, &named("Gina Raimondo"), true).unwrap();
        index.commit(&mut notes).unwrap();
        assert_eq!(ids(&index, "entity:\"Koichi Hagiuda\""), vec![1, 2]);
        assert!(ids(&index, "date:1999").is_empty());
        let loaded = articles[0].date.unwrap().date.format("%Y-%m").to_string();
        assert!(
            ids(&index, &format!("date:{loaded}")).contains(&0),
            "load-time dates stay in the text index"
        );
    }

    #[test]
    fn the_store_gives_back_each_text() {
        let (articles, index) = seed_index();
        for a in &articles {
            assert_eq!(index.text(a.id).unwrap().as_deref(), Some(a.text.as_str()));
        }
        assert_eq!(index.text(99).unwrap(), None);
    }

    #[test]
    fn an_on_disk_index_lives_in_the_cache_and_goes_when_dropped() {
        let cache = tempfile::tempdir().unwrap();
        let index = SearchIndex::on_disk(cache.path()).unwrap();
        let mut writer = index.text_writer().unwrap();
        for a in seeds::articles() {
            index.add(&writer, &a).unwrap();
        }
        index.commit(&mut writer).unwrap();
        assert_eq!(ids(&index, "Hagiuda"), vec![0, 1, 3, 4]);
        assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), 1);
        drop(writer);
        drop(index);
        assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), 0);
    }

    #[test]
    fn more_like_this_drops_the_article_itself() {
        let (articles, index) = seed_index();
        let hits = index.more_like_this(articles[0].id, 10).unwrap();
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| h.id != 0));
    }
}

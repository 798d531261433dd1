//! The in-memory tantivy index: schema, building, queries, highlights and more-like-this.
//!
//! The index stores no text: snippets and highlights are computed from the article text the
//! caller already holds, so the corpus is in memory once.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use anyhow::{Context, Result};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, MoreLikeThisQuery, Occur, Query, QueryParser,
};
use tantivy::query_grammar::{UserInputAst, UserInputLeaf};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, OwnedValue, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer};
use tantivy::{
    DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentReader, TantivyDocument, Term,
};

use crate::analysis::Analysis;
use crate::corpus::Article;

/// Writer memory: tantivy needs at least 15 MB per indexing thread.
const WRITER_BUDGET_BYTES: usize = 40 * 1024 * 1024;
const WRITER_THREADS: usize = 2;
/// Tokenizer for exact but case-insensitive values such as entity names.
const EXACT_LOWER: &str = "exact_lower";
/// Words too common to say anything about how two articles are related.
const STOP_WORDS: &str = include_str!("../assets/stopwords.txt");

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

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub body: Field,
    pub source: Field,
    pub date: Field,
    pub entity: Field,
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
    index: Index,
    reader: IndexReader,
    fields: Fields,
    parser: QueryParser,
}

impl SearchIndex {
    pub fn new() -> Result<SearchIndex> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        index
            .tokenizers()
            .register(EXACT_LOWER, TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).build());
        // Manual reload: the default policy reloads on a timer and races with our commits.
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let mut parser = QueryParser::for_index(&index, vec![fields.title, fields.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.title, 2.0);
        Ok(SearchIndex { index, reader, fields, parser })
    }

    pub fn writer(&self) -> Result<IndexWriter> {
        self.index
            .writer_with_num_threads(WRITER_THREADS, WRITER_BUDGET_BYTES)
            .context("cannot create the index writer")
    }

    pub fn add(&self, writer: &IndexWriter, article: &Article, analysis: Option<&Analysis>) -> Result<()> {
        writer.add_document(self.document(article, analysis))?;
        Ok(())
    }

    fn document(&self, article: &Article, analysis: Option<&Analysis>) -> TantivyDocument {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, u64::from(article.id));
        doc.add_text(f.title, &article.title);
        doc.add_text(f.body, &article.text);
        if let Some(source) = &article.source {
            doc.add_text(f.source, source);
        }
        if let Some(d) = article.date {
            let day = d.date.format("%Y-%m-%d").to_string();
            for prefix in [&day[..4], &day[..7], &day[..]] {
                doc.add_text(f.date, prefix);
            }
        }
        if let Some(analysis) = analysis {
            let names: BTreeSet<&str> = analysis.entities.iter().map(|e| &*e.canonical).collect();
            for name in names {
                doc.add_text(f.entity, name);
            }
        }
        doc
    }

    /// Replaces an article's document (after its date or entities were revised).
    pub fn replace(
        &self,
        writer: &IndexWriter,
        article: &Article,
        analysis: Option<&Analysis>,
    ) -> Result<()> {
        writer.delete_term(Term::from_field_u64(self.fields.id, u64::from(article.id)));
        self.add(writer, article, analysis)
    }

    /// Commits what was added and makes it searchable.
    pub fn commit(&self, writer: &mut IndexWriter) -> Result<()> {
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
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
                Ok(Box::new(BooleanQuery::new(subs)))
            }
            UserInputAst::Boost(sub, boost) => {
                Ok(Box::new(BoostQuery::new(self.to_query(*sub)?, boost.0 as Score)))
            }
            UserInputAst::Leaf(leaf) => match *leaf {
                UserInputLeaf::Literal(lit) if lit.slop > 0 && !lit.phrase.contains(char::is_whitespace) => {
                    Ok(self.fuzzy(&lit.phrase, lit.field_name.as_deref(), lit.slop.min(2) as u8))
                }
                other => self.parser.build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(other))),
            },
        }
    }

    fn fuzzy(&self, word: &str, field_name: Option<&str>, distance: u8) -> Box<dyn Query> {
        let fields = match field_name.and_then(|n| self.index.schema().get_field(n).ok()) {
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
        let mut analyzer = self.index.tokenizer_for_field(field).ok()?;
        let mut stream = analyzer.token_stream(word);
        stream.advance().then(|| stream.token().text.clone())
    }

    /// Every matching article with its score, in no particular order.
    pub fn search(&self, query: &ParsedQuery) -> Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        Ok(searcher.search(query.query.as_ref(), &AllHits)?)
    }

    /// The byte ranges of the query's words in `text` (for the reader's hit highlighting).
    pub fn highlights(&self, query: &ParsedQuery, text: &str) -> Vec<Range<usize>> {
        self.highlighter(query).ranges(text)
    }

    /// Finds a query's words in many texts, looking the query's terms up once.
    pub fn highlighter(&self, query: &ParsedQuery) -> Highlighter {
        let searcher = self.reader.searcher();
        let generators = [self.fields.body, self.fields.title]
            .into_iter()
            .filter_map(|field| SnippetGenerator::create(&searcher, query.query.as_ref(), field).ok())
            .collect();
        Highlighter { generators }
    }

    /// A short passage of `text` around the best hits, with the hits' ranges inside it.
    pub fn snippet(&self, query: &ParsedQuery, text: &str, max_chars: usize) -> (String, Vec<Range<usize>>) {
        let searcher = self.reader.searcher();
        match SnippetGenerator::create(&searcher, query.query.as_ref(), self.fields.body) {
            Ok(mut generator) => {
                generator.set_max_num_chars(max_chars);
                let s = generator.snippet(text);
                if s.is_empty() {
                    (crate::corpus::cut_chars(text, max_chars), Vec::new())
                } else {
                    (s.fragment().to_string(), s.highlighted().to_vec())
                }
            }
            Err(_) => (crate::corpus::cut_chars(text, max_chars), Vec::new()),
        }
    }

    /// Articles whose words resemble `article`'s, best first, without the article itself.
    pub fn more_like_this(&self, article: &Article, limit: usize) -> Result<Vec<Hit>> {
        let f = self.fields;
        let query = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_max_doc_frequency(self.num_docs().max(4) / 2 + 1)
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(40)
            .with_stop_words(STOP_LIST.clone())
            .with_document_fields(vec![
                (f.title, vec![OwnedValue::Str(article.title.clone())]),
                (f.body, vec![OwnedValue::Str(article.text.clone())]),
            ]);
        let searcher = self.reader.searcher();
        let mut hits = searcher.search(&query, &AllHits)?;
        hits.retain(|h| h.id != article.id);
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        hits.truncate(limit);
        Ok(hits)
    }
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(EXACT_LOWER).set_index_option(IndexRecordOption::Basic),
    );
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | FAST),
        title: b.add_text_field("title", stemmed.clone()),
        body: b.add_text_field("body", stemmed),
        source: b.add_text_field("source", words),
        date: b.add_text_field("date", STRING),
        entity: b.add_text_field("entity", exact),
    };
    (b.build(), fields)
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
    let mut writer = index.writer()?;
    for (i, article) in articles.iter().enumerate() {
        index.add(&writer, article, analyses.get(i))?;
    }
    index.commit(&mut writer)?;
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
    fn more_like_this_drops_the_article_itself() {
        let (articles, index) = seed_index();
        let hits = index.more_like_this(&articles[0], 10).unwrap();
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| h.id != 0));
    }
}

//! The search indexes: schema, building, queries, highlights and more-like-this.
//!
//! Two tantivy indexes work together. The text index holds each article's title and body,
//! written once as the corpus loads; the body is stored (compressed) so that the reader and
//! the analysis can fetch an article's text without the corpus staying in memory. The notes
//! index holds what the analysis adds later (entity names, inferred dates): it is small and
//! cheap to rewrite, so the corpus-wide passes never re-index the text. Queries on `entity:`
//! and `date:` are answered by the notes index and joined to the text index by article id.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result};
use tantivy::query::QueryParser;
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, ReloadPolicy};

pub mod cache;
mod checked;
mod collect;
mod counts;
mod endings;
mod highlight;
mod live;
mod names;
mod notes;
mod query;
mod rank;
mod read_ahead;
mod rest;
mod schema;
mod similar;
pub mod state;
mod stems;
mod store;
mod syntax;
mod texts;
mod write;

pub use counts::HitCounts;
pub use highlight::Highlighter;
pub use query::ParsedQuery;
pub use rank::rank;
pub use schema::Fields;
pub use write::{NOTES_MERGED_FROM, build};

use schema::{EXACT_LOWER, NoteFields, indexes_in, notes_schema, text_schema};

/// One matching article and its relevance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub id: u32,
    pub score: f32,
}

impl Hit {
    /// A key that sorts better scores first and equal scores by the articles' places in the
    /// folder's order (their ids after a first open, not after an update), as one integer:
    /// sorting a common word's hundreds of thousands of matches by a closure took longer than
    /// finding them. The bits of positive floats order as the floats do; a score that is not
    /// positive (it never is) counts as zero.
    pub fn rank_among(&self, places: &crate::corpus::Places) -> u64 {
        let bits = if self.score > 0.0 { self.score.to_bits() } else { 0 };
        (u64::from(!bits) << 32) | u64::from(places.of(self.id))
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
    notice: Option<String>,
    /// Where queries search the segments side by side.
    threads: collect::SearchThreads,
}

/// Where the two indexes live.
#[derive(Debug)]
enum Home {
    Memory,
    /// A directory of the cache, removed when the index is dropped (with the `TempDir`).
    Temporary(tempfile::TempDir),
    /// A corpus's own directory of the cache, kept for the next time it is opened.
    Kept(cache::Claim),
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
        let fresh = indexes_in(dir.path())?;
        SearchIndex::with_indexes(fresh.text, fresh.notes, Home::Temporary(dir))
    }

    /// The indexes kept in the cache for the corpus at `paths`: whatever an earlier run left
    /// there, which the pipeline reuses if the corpus is unchanged and clears otherwise. What
    /// is there is checked first; damaged, it is thrown away, and [`SearchIndex::notice`] says so.
    pub fn cached(cache_root: &Path, paths: &[PathBuf]) -> Result<SearchIndex> {
        cache::remove_abandoned(cache_root);
        let dir = cache::corpus_dir(cache_root, paths);
        let claim = cache::Claim::take(&dir)?;
        cache::evict(cache_root, &dir);
        let mut notice = None;
        let opened = match indexes_in(claim.dir()) {
            Ok(opened) => opened,
            Err(e) => {
                let problem = format!("{e:#}");
                tracing::warn!("the cache in {} is damaged: {problem}", dir.display());
                notice = Some(format!("the cache of this corpus was damaged ({problem}): indexing it again"));
                cache::discard(&dir);
                indexes_in(claim.dir())?
            }
        };
        if !opened.existed {
            // New indexes are empty, whatever a state file left beside them says.
            cache::invalidate(&dir);
        }
        tracing::debug!("{} files of the index read whole to check them", opened.read_whole);
        let mut index = SearchIndex::with_indexes(opened.text, opened.notes, Home::Kept(claim))?;
        index.notice = notice;
        Ok(index)
    }

    /// The index, with what the user should know about how it was opened; a notice it had
    /// already follows the new one.
    pub fn noting(mut self, notice: String) -> SearchIndex {
        self.notice = Some(match self.notice.take() {
            Some(earlier) => format!("{notice}; {earlier}"),
            None => notice,
        });
        self
    }

    /// What the user should know about how the index was opened (a damaged cache thrown away,
    /// or one another dossier holds).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The corpus's own cache directory, when the index is kept there.
    pub fn kept_dir(&self) -> Option<&Path> {
        match &self.home {
            Home::Kept(claim) => Some(claim.dir()),
            Home::Memory | Home::Temporary(_) => None,
        }
    }

    /// The files of an index's segments on disk that queries read (not the stored texts).
    pub fn searched_files(&self) -> Vec<PathBuf> {
        // The state's directory is the one the indexes are in, kept or temporary.
        let Some(dir) = self.state_dir() else { return Vec::new() };
        let mut files = read_ahead::searched_files(&self.text, &dir.join("text"));
        files.extend(read_ahead::searched_files(&self.notes, &dir.join("notes")));
        files
    }

    /// Has the kernel read the index's search files ahead, in the background, so that the
    /// first queries do not wait for the disk; an index in memory has nothing to read.
    pub fn read_ahead(&self) {
        let files = self.searched_files();
        if !files.is_empty() {
            read_ahead::read_ahead(files);
        }
    }

    /// Notes that the indexes' files, as they are now, are whole: this index wrote and
    /// committed them. The next open reads none of them to check them, unless one changed.
    pub fn note_written_whole(&self) {
        let Some(dir) = self.kept_dir() else { return };
        match schema::written(dir, [("text", &self.text), ("notes", &self.notes)]) {
            Ok(whole) => whole.save(dir),
            Err(e) => tracing::debug!("the index's files are checked whole next time: {e}"),
        }
    }

    /// Notes that the state beside the indexes was found to be the corpus's as it is now.
    pub fn note_state_current(&self) {
        if let Some(dir) = self.state_dir() {
            state::mark_current(dir);
        }
    }

    /// Writes the corpus's state beside the indexes, if they are on disk, and notes their files
    /// as whole; a state that cannot be written is only a slower start next time.
    pub fn keep_state(&self, cached: &state::Cached) {
        self.keep_state_unless_stopped(cached, &AtomicBool::new(false));
    }

    /// As [`SearchIndex::keep_state`], given up once `stop` is set
    /// ([`state::save_unless_stopped`]); whether it was given up (and is still to be written).
    pub fn keep_state_unless_stopped(&self, cached: &state::Cached, stop: &AtomicBool) -> bool {
        let Some(dir) = self.state_dir() else { return false };
        match state::save_unless_stopped(dir, cached, stop) {
            Ok(state::Written::Whole) => {
                self.note_written_whole();
                false
            }
            Ok(state::Written::GivenUp) => true,
            Err(e) => {
                tracing::warn!("the corpus was not cached: {e:#}");
                false
            }
        }
    }

    /// Where the state file goes beside the indexes: the corpus's cache directory, or the
    /// temporary one (where it lets a watched corpus be brought up to date).
    pub fn state_dir(&self) -> Option<&Path> {
        match &self.home {
            Home::Kept(claim) => Some(claim.dir()),
            Home::Temporary(dir) => Some(dir.path()),
            Home::Memory => None,
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
        text.tokenizers().register("en_stem", stems::english());
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
            notice: None,
            threads: collect::SearchThreads::new(),
        })
    }

    /// Picks up segments merged since the last commit.
    pub fn reload(&self) -> Result<()> {
        self.text_reader.reload()?;
        Ok(())
    }

    pub fn num_docs(&self) -> u64 {
        self.text_reader.searcher().num_docs()
    }
}

#[cfg(test)]
mod tests;

/// Whether an index error means the index's files are damaged or missing (rather than, say,
/// a query that cannot be read): such an index is thrown away and built again.
pub fn is_damage(error: &anyhow::Error) -> bool {
    use tantivy::TantivyError;
    error.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<TantivyError>(),
            Some(
                TantivyError::DataCorruption(_)
                    | TantivyError::OpenReadError(_)
                    | TantivyError::OpenDirectoryError(_)
                    | TantivyError::IoError(_)
                    | TantivyError::IncompatibleIndex(_)
                    | TantivyError::DeserializeError(_)
            )
        ) || cause.downcast_ref::<std::io::Error>().is_some()
    })
}

//! Writing the indexes: an article's text once, its notes (entity names, an inferred date) and
//! corpus-wide aliases as the analysis finds them.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use tantivy::index::SegmentMeta;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::{SearchIndex, schema::add_date};
use crate::analysis::{Analysis, Summary};
use crate::corpus::Article;

/// The id of alias records in the notes index: no article has it (ids are `u32`), and one
/// term finds them all.
const ALIAS_ID: u64 = u64::MAX;

/// Writer memory for the text index: tantivy needs at least 15 MB per indexing thread.
const TEXT_WRITER_BYTES: usize = 40 * 1024 * 1024;
const TEXT_WRITER_THREADS: usize = 2;
/// The notes are a few names per article: one thread with the smallest budget keeps up.
const NOTES_WRITER_BYTES: usize = 15 * 1024 * 1024;
/// The corpus size from which a first open merges its notes into one segment. At 100k articles
/// typing an entity's word took 3.4-3.5 ms in five segments as in one, and the merge added
/// 5-10 MB to the first open's peak, which comes at its end.
pub const NOTES_MERGED_FROM: u64 = 200_000;

/// How many segments holding deleted articles are kept out of merges at most.
pub(super) const UNMERGED_WITH_DELETIONS: usize = 32;

/// tantivy's merge policy, with the segments that hold deleted articles left out while there
/// are few of them. Merging such a segment, tantivy estimates the tokens left from rounded
/// lengths, and an updated index would no longer rank as a fresh one (`live.rs` counts the
/// deletions exactly while they are there). Past the bound, a folder whose files change
/// again and again, they merge as tantivy would merge them: a search would otherwise go
/// through ever more small segments.
#[derive(Debug, Default)]
struct KeepingDeletions(LogMergePolicy);

impl MergePolicy for KeepingDeletions {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        if segments.iter().filter(|s| s.has_deletes()).count() > UNMERGED_WITH_DELETIONS {
            return self.0.compute_merge_candidates(segments);
        }
        let whole: Vec<SegmentMeta> = segments.iter().filter(|s| !s.has_deletes()).cloned().collect();
        self.0.compute_merge_candidates(&whole)
    }
}

impl SearchIndex {
    pub fn text_writer(&self) -> Result<IndexWriter> {
        let writer = self
            .text
            .writer_with_num_threads(TEXT_WRITER_THREADS, TEXT_WRITER_BYTES)
            .context("cannot create the index writer")?;
        writer.set_merge_policy(Box::new(KeepingDeletions::default()));
        Ok(writer)
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
        doc.add_u64(f.id, ALIAS_ID);
        doc.add_text(f.alias_of, of);
        doc.add_text(f.alias, alias);
        writer.add_document(doc)?;
        Ok(())
    }

    /// Forgets every alias record, before the corpus-wide names are recorded again.
    pub fn clear_aliases(&self, writer: &IndexWriter) {
        writer.delete_term(Term::from_field_u64(self.note_fields.id, ALIAS_ID));
    }

    /// Removes an article from both indexes (each with its own writer).
    pub fn remove(&self, text: &IndexWriter, notes: &IndexWriter, id: u32) {
        text.delete_term(Term::from_field_u64(self.fields.id, u64::from(id)));
        notes.delete_term(Term::from_field_u64(self.note_fields.id, u64::from(id)));
    }

    /// Merges the notes index's segments into one once a corpus of `merged_from` articles or
    /// more is loaded, after the merges its notes `writer` started. Typing an entity's word walks
    /// the names of every segment, and a load leaves several, each holding most of the corpus's
    /// names: at a million articles a keystroke took 18 ms in six segments against 4 ms in one.
    pub fn compact_notes(&self, writer: IndexWriter, merged_from: u64) -> Result<()> {
        // A merge asked for segments that one of the writer's own merges is merging fails ("the
        // segments that were merged could not be found"): those are waited for first.
        writer.wait_merging_threads()?;
        let segments = self.notes.searchable_segment_ids()?;
        if segments.len() < 2 || self.num_docs() < merged_from {
            // Their merges may have left fewer segments, which the reader is yet to see.
            return Ok(self.notes_reader.reload()?);
        }
        let started = std::time::Instant::now();
        let mut writer = self.notes_writer()?;
        writer.merge(&segments).wait()?;
        writer.wait_merging_threads()?;
        self.notes_reader.reload()?;
        tracing::info!(
            segments = segments.len(),
            millis = started.elapsed().as_millis() as u64,
            "notes merged"
        );
        Ok(())
    }

    /// How many segments the notes index is searched in.
    #[cfg(test)]
    pub fn notes_segments(&self) -> usize {
        self.notes_reader.searcher().segment_readers().len()
    }

    /// Commits what was added and makes it searchable.
    pub fn commit(&self, writer: &mut IndexWriter) -> Result<()> {
        writer.commit()?;
        self.text_reader.reload()?;
        self.notes_reader.reload()?;
        Ok(())
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

//! Reading articles' texts back from the text index's compressed store.

use anyhow::Result;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::SearchIndex;

impl SearchIndex {
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
    pub(super) fn address(&self, searcher: &Searcher, id: u32) -> Option<DocAddress> {
        let term = Term::from_field_u64(self.fields.id, u64::from(id));
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let found = searcher.search(&query, &DocSetCollector).ok()?;
        found.into_iter().next()
    }
}

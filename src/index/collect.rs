//! Collecting every match of a query with its score, as article ids.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentReader};

use super::Hit;

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

/// Every matching article's id, without scores (a join from the notes to the texts needs no
/// more, and scoring hundreds of thousands of notes is most of the time of a common name).
pub(super) struct AllIds;

pub(super) struct SegmentIds {
    ids: Column<u64>,
    found: Vec<u32>,
}

impl Collector for AllIds {
    type Fruit = Vec<u32>;
    type Child = SegmentIds;

    fn for_segment(&self, _ord: u32, segment: &SegmentReader) -> tantivy::Result<SegmentIds> {
        Ok(SegmentIds { ids: segment.fast_fields().u64("id")?, found: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u32>>) -> tantivy::Result<Vec<u32>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentIds {
    type Fruit = Vec<u32>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(id) = self.ids.first(doc) {
            self.found.push(id as u32);
        }
    }

    fn harvest(self) -> Vec<u32> {
        self.found
    }
}

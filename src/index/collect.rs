//! Collecting every match of a query with its score, as article ids.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentReader};

use super::Hit;

/// Collects every match, mapped to the article id, with its score if `scored` (a join from
/// the notes to the texts needs only the ids, and scoring hundreds of thousands of notes was
/// most of the time of a common name).
pub(super) struct AllHits {
    pub(super) scored: bool,
}

impl AllHits {
    pub(super) const SCORED: AllHits = AllHits { scored: true };
    pub(super) const IDS: AllHits = AllHits { scored: false };
}

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
        self.scored
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

//! Collecting every match of a query with its score, as article ids.

use rayon::prelude::*;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, Score, Searcher, SegmentReader};

use super::Hit;
use super::live::LiveStatistics;

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

/// Threads of the index's own that search its segments side by side. Not rayon's global
/// pool: its threads take up work from outside it last, so a search would wait until the
/// loading's analysis or the timeline's sort (about a second at a million articles) let go.
pub(super) struct SearchThreads(Option<rayon::ThreadPool>);

impl SearchThreads {
    /// One thread per core; none if they cannot be started (segments are then searched in
    /// turn, on the caller's thread).
    pub(super) fn new() -> SearchThreads {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(cores)
            .thread_name(|i| format!("dossier-segments-{i}"))
            .build();
        if let Err(e) = &pool {
            tracing::warn!("segments will be searched one at a time: {e}");
        }
        SearchThreads(pool.ok())
    }

    /// What `work` gives for each of the searcher's segments (with its ordinal), the segments
    /// taken side by side, the largest first so that no core is left with the largest at the
    /// end; in no particular order.
    pub(super) fn each_segment<T: Send>(
        &self,
        searcher: &Searcher,
        work: impl Fn(u32, &SegmentReader) -> T + Sync,
    ) -> Vec<T> {
        let mut segments: Vec<(u32, &SegmentReader)> =
            searcher.segment_readers().iter().enumerate().map(|(ord, s)| (ord as u32, s)).collect();
        segments.sort_by_key(|(_, s)| std::cmp::Reverse(s.max_doc()));
        let work = |&(ord, segment): &(u32, &SegmentReader)| work(ord, segment);
        match &self.0 {
            Some(pool) => pool.install(|| segments.par_iter().with_max_len(1).map(work).collect()),
            None => segments.iter().map(work).collect(),
        }
    }
}

impl AllHits {
    /// Every match of `query`, the index's segments searched side by side on `threads`.
    pub(super) fn search_on_cores(
        &self,
        threads: &SearchThreads,
        searcher: &Searcher,
        query: &dyn Query,
    ) -> tantivy::Result<Vec<Hit>> {
        if !self.scored {
            return self.search_weighted(
                threads,
                searcher,
                query,
                EnableScoring::disabled_from_searcher(searcher),
            );
        }
        AllHits::search_scored_by(threads, searcher, query, &LiveStatistics::new(searcher)?)
    }

    /// As [`AllHits::search_on_cores`], scored with `live`'s statistics.
    pub(super) fn search_scored_by(
        threads: &SearchThreads,
        searcher: &Searcher,
        query: &dyn Query,
        live: &LiveStatistics,
    ) -> tantivy::Result<Vec<Hit>> {
        AllHits::SCORED.search_weighted(
            threads,
            searcher,
            query,
            EnableScoring::enabled_from_statistics_provider(live, searcher),
        )
    }

    fn search_weighted(
        &self,
        threads: &SearchThreads,
        searcher: &Searcher,
        query: &dyn Query,
        scoring: EnableScoring,
    ) -> tantivy::Result<Vec<Hit>> {
        let weight = query.weight(scoring)?;
        let found = threads
            .each_segment(searcher, |ord, segment| self.collect_segment(weight.as_ref(), ord, segment));
        Ok(found.into_iter().collect::<tantivy::Result<Vec<_>>>()?.concat())
    }
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

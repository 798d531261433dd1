//! Collecting every match of a query with its score, as article ids.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocId, DocSet, Searcher, SegmentReader};

use super::live::LiveStatistics;
use super::{Hit, rank};
use crate::corpus::Places;

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

/// Threads of the index's own that search its segments side by side with the calling thread.
/// Not rayon's global pool: its threads take up work from outside it last, so a search would
/// wait until the loading's analysis or the timeline's sort (about a second at a million
/// articles) let go.
pub(super) struct SearchThreads {
    /// One thread for each core but the caller's; none on one core.
    helpers: Option<rayon::ThreadPool>,
    /// How many of a segment's documents are searched as one piece of work.
    stretch_docs: DocId,
}

/// A segment of a million articles' index holds a third of them: two cores given whole
/// segments left one idle for a third of a phrase's search. Shorter stretches cost a scorer
/// each: at a million articles, "prime minister" took a median 9.0 ms in stretches of 2^17,
/// 9.4 ms in 2^16 and 10.9 ms in 2^15 (`examples/query_probe`).
const STRETCH_DOCS: DocId = 1 << 17;

impl SearchThreads {
    /// A helper per core beside the caller's; none if they cannot be started (segments are
    /// then searched in turn, on the caller's thread).
    pub(super) fn new() -> SearchThreads {
        SearchThreads::with_stretches(STRETCH_DOCS)
    }

    /// Threads that search segments in stretches of `stretch_docs` documents.
    pub(super) fn with_stretches(stretch_docs: DocId) -> SearchThreads {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let helpers = (cores > 1).then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(cores - 1)
                .thread_name(|i| format!("dossier-segments-{i}"))
                .build()
                .inspect_err(|e| tracing::warn!("segments will be searched one at a time: {e}"))
        });
        SearchThreads { helpers: helpers.and_then(Result::ok), stretch_docs: stretch_docs.max(1) }
    }

    /// What `work` gives for each of the searcher's segments, in no particular order.
    pub(super) fn each_segment<T: Send>(
        &self,
        searcher: &Searcher,
        work: impl Fn(&SegmentReader) -> T + Sync,
    ) -> Vec<T> {
        let mut segments: Vec<&SegmentReader> = searcher.segment_readers().iter().collect();
        // The largest first, so that no thread is left with the largest at the end.
        segments.sort_by_key(|s| std::cmp::Reverse(s.max_doc()));
        self.share(&segments, |segment| work(segment), |done| done).into_iter().flatten().collect()
    }

    /// What `work` gives for each stretch of the searcher's segments' documents, in no
    /// particular order, gathered by `gather` on the thread that took them: one answer per
    /// thread.
    pub(super) fn each_stretch<T: Send, U: Send>(
        &self,
        searcher: &Searcher,
        work: impl Fn(&SegmentReader, Range<DocId>) -> T + Sync,
        gather: impl Fn(Vec<T>) -> U + Sync,
    ) -> Vec<U> {
        let step = self.stretch_docs;
        let mut stretches: Vec<(&SegmentReader, Range<DocId>)> = Vec::new();
        for segment in searcher.segment_readers() {
            let n = segment.max_doc();
            let starts = (0..n).step_by(step as usize);
            stretches.extend(starts.map(|start| (segment, start..n.min(start.saturating_add(step)))));
        }
        // The shortest last, so that no thread is left with a long one at the end.
        stretches.sort_by_key(|(_, docs)| std::cmp::Reverse(docs.len()));
        self.share(&stretches, |(segment, docs)| work(segment, docs.clone()), gather)
    }

    /// What `work` gives for each task, the tasks taken in turn by the calling thread and the
    /// helpers, and what each thread's answers were gathered into by `gather` on that thread.
    /// The calling thread starts at once: a helper asleep took up to 2.5 ms to wake on this
    /// 2-core machine, a quarter of a phrase's search at a million articles.
    fn share<I: Sync, T, U: Send>(
        &self,
        tasks: &[I],
        work: impl Fn(&I) -> T + Sync,
        gather: impl Fn(Vec<T>) -> U + Sync,
    ) -> Vec<U> {
        let next = AtomicUsize::new(0);
        let take = || {
            let mut done = Vec::new();
            while let Some(task) = tasks.get(next.fetch_add(1, Ordering::Relaxed)) {
                done.push(work(task));
            }
            gather(done)
        };
        let Some(helpers) = self.helpers.as_ref().filter(|_| tasks.len() > 1) else { return vec![take()] };
        let (send, found) = std::sync::mpsc::channel();
        helpers.in_place_scope(|scope| {
            let take = &take;
            for _ in 0..helpers.current_num_threads().min(tasks.len() - 1) {
                let send = send.clone();
                scope.spawn(move |_| drop(send.send(take())));
            }
            drop(send.send(take()));
        });
        drop(send);
        found.into_iter().collect()
    }
}

impl AllHits {
    /// Every match of `query`, the index's segments searched side by side on `threads`: in
    /// rank order among `ranked`'s places if given, else in no particular order.
    pub(super) fn search_on_cores(
        &self,
        threads: &SearchThreads,
        searcher: &Searcher,
        query: &dyn Query,
        ranked: Option<&Places>,
    ) -> tantivy::Result<Vec<Hit>> {
        if !self.scored {
            let scoring = EnableScoring::disabled_from_searcher(searcher);
            return self.search_weighted(threads, searcher, query, scoring, ranked);
        }
        AllHits::search_scored_by(threads, searcher, query, &LiveStatistics::new(searcher)?, ranked)
    }

    /// As [`AllHits::search_on_cores`], scored with `live`'s statistics.
    pub(super) fn search_scored_by(
        threads: &SearchThreads,
        searcher: &Searcher,
        query: &dyn Query,
        live: &LiveStatistics,
        ranked: Option<&Places>,
    ) -> tantivy::Result<Vec<Hit>> {
        let scoring = EnableScoring::enabled_from_statistics_provider(live, searcher);
        AllHits::SCORED.search_weighted(threads, searcher, query, scoring, ranked)
    }

    /// Each thread ranks the matches it found, and their runs are merged: ranking is a
    /// quarter of a phrase's search at a million articles, and a merge of two runs takes a
    /// fraction of sorting them.
    fn search_weighted(
        &self,
        threads: &SearchThreads,
        searcher: &Searcher,
        query: &dyn Query,
        scoring: EnableScoring,
        ranked: Option<&Places>,
    ) -> tantivy::Result<Vec<Hit>> {
        let weight = query.weight(scoring)?;
        let search = |segment: &SegmentReader, docs| self.collect_stretch(weight.as_ref(), segment, docs);
        let gather = |found: Vec<tantivy::Result<Vec<Hit>>>| -> tantivy::Result<Vec<Hit>> {
            let mut run = found.into_iter().collect::<tantivy::Result<Vec<_>>>()?.concat();
            if let Some(places) = ranked {
                rank::rank(&mut run, places);
            }
            Ok(run)
        };
        let runs = threads
            .each_stretch(searcher, search, gather)
            .into_iter()
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(match ranked {
            Some(places) => rank::merged(runs, places),
            None => runs.concat(),
        })
    }

    /// The matches among one stretch of a segment's documents, deleted ones left out. A scorer
    /// of its own, sought to the stretch's start, scores each document as one walking the whole
    /// segment does.
    fn collect_stretch(
        &self,
        weight: &dyn Weight,
        segment: &SegmentReader,
        docs: Range<DocId>,
    ) -> tantivy::Result<Vec<Hit>> {
        let ids = segment.fast_fields().u64("id")?;
        let alive = segment.alive_bitset();
        let mut scorer = weight.scorer(segment, 1.0)?;
        let mut doc = scorer.doc();
        if doc < docs.start {
            doc = scorer.seek(docs.start);
        }
        let mut hits = Vec::new();
        while doc < docs.end {
            if alive.is_none_or(|a| a.is_alive(doc))
                && let Some(id) = ids.first(doc)
            {
                let score = if self.scored { scorer.score() } else { 0.0 };
                hits.push(Hit { id: id as u32, score });
            }
            doc = scorer.advance();
        }
        Ok(hits)
    }
}

/// tantivy's own walk over each whole segment, for the tests to hold the stretches to.
#[cfg(test)]
mod whole_segments {
    use tantivy::collector::{Collector, SegmentCollector};
    use tantivy::columnar::Column;
    use tantivy::{DocId, Score, SegmentReader};

    use super::{AllHits, Hit};

    pub(in crate::index) struct SegmentHits {
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
}

#[cfg(test)]
mod tests {
    use tantivy::query::EnableScoring;

    use super::*;
    use crate::corpus::{Article, seeds};
    use crate::index::SearchIndex;

    /// tantivy's own walk over each whole segment, scored as `search_on_cores` scores.
    fn walked_whole(collector: &AllHits, searcher: &Searcher, query: &dyn Query) -> Vec<Hit> {
        let live = LiveStatistics::new(searcher).unwrap();
        let scoring = match collector.scored {
            true => EnableScoring::enabled_from_statistics_provider(&live, searcher),
            false => EnableScoring::disabled_from_searcher(searcher),
        };
        let weight = query.weight(scoring).unwrap();
        let mut hits = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            hits.extend(
                tantivy::collector::Collector::collect_segment(
                    collector,
                    weight.as_ref(),
                    ord as u32,
                    segment,
                )
                .unwrap(),
            );
        }
        hits
    }

    fn by_id(mut hits: Vec<Hit>) -> Vec<Hit> {
        hits.sort_by_key(|h| h.id);
        hits
    }

    /// Forty articles, the last ten in segments of their own; every third deleted.
    fn index_of_forty() -> SearchIndex {
        let index = SearchIndex::new().unwrap();
        let mut writer = index.text_writer().unwrap();
        let notes = index.notes_writer().unwrap();
        let seeds = seeds::articles();
        for id in 0..40u32 {
            let seed = &seeds[id as usize % seeds.len()];
            let extra = if id % 4 == 0 { " The prime minister spoke." } else { " Prime ministers met." };
            let article = Article { id, text: format!("{}{extra}", seed.text), ..seed.clone() };
            index.add(&writer, &article).unwrap();
            if id == 29 {
                index.commit(&mut writer).unwrap();
            }
        }
        index.commit(&mut writer).unwrap();
        for id in (0..40).step_by(3) {
            index.remove(&writer, &notes, id);
        }
        index.commit(&mut writer).unwrap();
        index
    }

    #[test]
    fn stretches_of_any_length_give_what_walking_each_segment_whole_gives() {
        let index = index_of_forty();
        let searcher = index.text_reader.searcher();
        let segments = searcher.segment_readers();
        assert!(segments.len() >= 2, "several segments");
        assert!(segments.iter().any(|s| s.max_doc() > 7 && s.has_deletes()), "long ones, with deletions");
        let reversed: Vec<u32> = (0..40).rev().collect();
        let queries = [
            "Hagiuda",
            "\"prime minister\"",
            "Kishida OR Hagiuda",
            "NOT Hagiuda",
            "title:digest",
            "minister*",
        ];
        for q in queries {
            let query = index.parse(q).unwrap();
            for collector in [AllHits::SCORED, AllHits::IDS] {
                let whole = by_id(walked_whole(&collector, &searcher, query.query.as_ref()));
                assert!(!whole.is_empty(), "{q}");
                assert!(whole.iter().all(|h| h.id % 3 != 0), "{q}: no deleted article");
                for stretch in [1, 2, 7, 30, 1000] {
                    let threads = SearchThreads::with_stretches(stretch);
                    let found =
                        collector.search_on_cores(&threads, &searcher, query.query.as_ref(), None).unwrap();
                    assert_eq!(by_id(found), whole, "{q} in stretches of {stretch}");
                    // Ranked by each thread and merged: as ranking them all at once.
                    for places in [Places::default(), Places::ordered_by(&reversed)] {
                        let query = query.query.as_ref();
                        let found =
                            collector.search_on_cores(&threads, &searcher, query, Some(&places)).unwrap();
                        let mut ranked = whole.clone();
                        rank::rank(&mut ranked, &places);
                        assert_eq!(found, ranked, "{q} in stretches of {stretch}, ranked");
                    }
                }
            }
        }
    }

    #[test]
    fn every_task_is_done_once_whichever_thread_takes_it() {
        let threads = SearchThreads::with_stretches(1);
        let tasks: Vec<u32> = (0..1000).collect();
        let gathered = threads.share(&tasks, |&t| t * 2, |done| done);
        let helpers = threads.helpers.as_ref().map_or(0, |h| h.current_num_threads());
        assert_eq!(gathered.len(), 1 + helpers, "one answer per thread");
        let mut done = gathered.concat();
        done.sort_unstable();
        assert_eq!(done, (0..1000).map(|t| t * 2).collect::<Vec<_>>());
        let one = threads.share(&[7u32], |&t| t + 1, |done| done);
        assert_eq!(one, vec![vec![8]], "one task, on the calling thread");
        assert_eq!(threads.share(&[] as &[u32], |&t| t, |done| done.len()), vec![0]);
    }
}

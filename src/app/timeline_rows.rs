//! The timeline's rows: which of its events the filter and the scope keep. A common word's
//! matches at a million articles mean testing ten million events (up to about 20 ms), so the
//! tables thread works this out and the interface keeps showing the rows it has meanwhile.

use std::sync::Arc;

use super::TimelineScope;
use super::matches::Matches;
use super::tables::Summaries;
use crate::analysis::timeline::{EventArticles, Rows, TimelineEvent};

/// What picking the rows reads, all of it shared with the interface's state.
#[derive(Debug, Clone)]
pub struct RowsWanted {
    pub events: Arc<Vec<TimelineEvent>>,
    pub event_articles: Arc<EventArticles>,
    pub summaries: Summaries,
    /// The filter's matches, when a filter is applied.
    pub matches: Option<Arc<Matches>>,
    pub scope: TimelineScope,
}

/// The positions of the events that pass the filter and the scope, in the events' order.
pub fn select(wanted: &RowsWanted) -> Rows {
    let RowsWanted { events, event_articles: index, summaries, matches, scope } = wanted;
    let filtered = matches.as_deref();
    // An entity's timeline holds the events whose own sentence names it.
    let names_entity = |i: usize, name: &str| {
        events.get(i).is_some_and(|e| {
            summaries
                .get(e.article as usize)
                .is_some_and(|s| s.sentence_names(e.event as usize).any(|n| *n.name == *name))
        })
    };
    let in_filter = |article: u32| filtered.is_none_or(|m| m.contains(article));
    // The filter's articles, when their events are few enough to gather rather than to test
    // every event for.
    let few = filtered.map(|m| m.ranked()).filter(|ranked| gathering_pays(index, ranked));
    Rows::Picked(match (scope, few) {
        (TimelineScope::All, _) if filtered.is_none() => return Rows::Every(events.len() as u32),
        (TimelineScope::Article(id), _) if in_filter(*id) => index.events_of(*id).to_vec(),
        (TimelineScope::Article(_), _) => Vec::new(),
        (TimelineScope::All, Some(few)) => gather(index, few, |_| true),
        (TimelineScope::All, None) => pick(events, |_, a| in_filter(a)),
        (TimelineScope::Entity(name), Some(few)) => gather(index, few, |i| names_entity(i, name)),
        (TimelineScope::Entity(name), None) => pick(events, |i, a| in_filter(a) && names_entity(i, name)),
    })
}

/// Gathering a filter's events article by article, then sorting them, pays while they are
/// fewer than this share of all events; beyond it, testing every event is quicker. At a
/// million articles, over the 20 queries of `benches/queries.txt`, the rows took 133-136 ms
/// in all at 1/16, 133-149 ms at 1/8, 146 ms at 1/32, and 183-205 ms testing every event.
const GATHER_BELOW: usize = 16;

/// Whether the events of `articles` are few enough to gather (it stops counting past that).
fn gathering_pays(index: &EventArticles, articles: &[u32]) -> bool {
    let limit = index.events() / GATHER_BELOW;
    let mut gathered = 0;
    articles.iter().all(|&a| {
        gathered += index.events_of(a).len();
        gathered <= limit
    })
}

/// The positions of the events of `articles` that `keep` keeps, in the events' order.
fn gather(index: &EventArticles, articles: &[u32], keep: impl Fn(usize) -> bool) -> Vec<u32> {
    let mut rows: Vec<u32> =
        articles.iter().flat_map(|&a| index.events_of(a)).copied().filter(|&i| keep(i as usize)).collect();
    radsort::sort(&mut rows);
    rows
}

/// The positions of the events that `keep` (given the position and the article) keeps. The
/// events are tested 64 at a time into a mask, without a branch, and the mask's set bits read
/// off: a branch per event, taken or not at random for a common word's matches, took up to
/// 37 ms at a million articles.
fn pick(events: &[TimelineEvent], keep: impl Fn(usize, u32) -> bool) -> Vec<u32> {
    let mut rows = Vec::new();
    for (start, chunk) in (0usize..).step_by(64).zip(events.chunks(64)) {
        let mut mask = 0u64;
        for (bit, event) in chunk.iter().enumerate() {
            mask |= u64::from(keep(start + bit, event.article)) << bit;
        }
        while mask != 0 {
            rows.push((start + mask.trailing_zeros() as usize) as u32);
            mask &= mask - 1;
        }
    }
    // A list grown by doubling may hold up to twice its rows.
    if rows.capacity() > rows.len() + rows.len() / 4 {
        rows.shrink_to_fit();
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_events_of_the_matching_articles_are_picked_in_order_across_every_stretch_of_64() {
        // Articles of 200 events (not a multiple of 64), in a scattered order, some matching;
        // ids past the matches' end match nothing.
        let articles: Vec<u32> = (0..200u32).map(|i| (i * 37 + i / 7) % 50).collect();
        let hits = [0u32, 3, 9, 10, 31, 32, 33, 47].map(|id| crate::index::Hit { id, score: 1.0 });
        let matches = Matches::new(hits.to_vec());
        let expected: Vec<u32> =
            (0..articles.len() as u32).filter(|&i| matches.contains(articles[i as usize])).collect();
        assert!(expected.len() > 20 && expected.len() < 180, "{}", expected.len());
        let in_matches = |_, a| matches.contains(a);
        assert_eq!(pick(&events_of(&articles), in_matches), expected);
        assert_eq!(pick(&[], in_matches), Vec::<u32>::new());
        assert_eq!(pick(&events_of(&[60, 61]), in_matches), Vec::<u32>::new(), "beyond the matches");
    }

    fn events_of(of_event: &[u32]) -> Vec<TimelineEvent> {
        of_event
            .iter()
            .map(|&article| TimelineEvent {
                date: NaiveDate::default(),
                article,
                start: 0,
                event: 0,
                granularity: crate::analysis::Granularity::Day,
                anchor: crate::analysis::Anchor::Explicit,
            })
            .collect()
    }

    #[test]
    fn the_scope_and_the_filter_each_narrow_the_rows() {
        let events = events_of(&[2, 0, 1, 2, 0, 3]);
        let index = EventArticles::of(&events);
        let hits = [0u32, 3].map(|id| crate::index::Hit { id, score: 1.0 });
        let mut wanted = RowsWanted {
            events: Arc::new(events),
            event_articles: Arc::new(index),
            summaries: Arc::default(),
            matches: None,
            scope: TimelineScope::All,
        };
        let positions = |wanted: &RowsWanted| select(wanted).iter().collect::<Vec<u32>>();
        assert_eq!(select(&wanted), Rows::Every(6), "every event, kept as a count");
        wanted.scope = TimelineScope::Article(2);
        assert_eq!(positions(&wanted), [0, 3]);
        wanted.matches = Some(Arc::new(Matches::new(hits.to_vec())));
        assert_eq!(positions(&wanted), [0u32; 0], "article 2 is not among the matches");
        wanted.scope = TimelineScope::All;
        assert_eq!(positions(&wanted), [1, 4, 5]);
        wanted.scope = TimelineScope::Entity("Nobody".to_string());
        assert_eq!(positions(&wanted), [0u32; 0], "no summary names anyone");
    }

    proptest::proptest! {
        /// Gathering the matching articles' events gives what testing every event gives, and
        /// the share at which gathering stops paying is judged on the events gathered.
        #[test]
        fn gathering_the_matches_events_gives_what_testing_every_event_gives(
            of_event in proptest::collection::vec(0u32..40, 0..300),
            matching in proptest::collection::btree_set(0u32..45, 0..12),
        ) {
            let events = events_of(&of_event);
            let index = EventArticles::of(&events);
            proptest::prop_assert_eq!(index.events(), of_event.len());
            let ranked: Vec<u32> = matching.iter().rev().copied().collect();
            let scanned = pick(&events, |_, a| matching.contains(&a));
            proptest::prop_assert_eq!(gather(&index, &ranked, |_| true), scanned.clone());
            let odd = |i: usize| i % 2 == 1;
            proptest::prop_assert_eq!(
                gather(&index, &ranked, odd),
                scanned.iter().copied().filter(|&i| odd(i as usize)).collect::<Vec<_>>()
            );
            proptest::prop_assert_eq!(
                gathering_pays(&index, &ranked),
                scanned.len() <= of_event.len() / GATHER_BELOW
            );
        }
    }
}

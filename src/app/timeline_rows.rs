//! The timeline's rows: which of its events the filter and the scope keep. A common word's
//! matches at a million articles mean testing ten million events (up to about 20 ms), so the
//! tables thread works this out and the interface keeps showing the rows it has meanwhile.

use std::sync::Arc;

use super::TimelineScope;
use super::matches::Matches;
use super::tables::Summaries;
use crate::analysis::Summary;
use crate::analysis::timeline::{Rows, TimelineEvent, placed_count, positions_of};
use crate::corpus::Places;

/// What picking the rows reads, all of it shared with the interface's state.
#[derive(Debug, Clone)]
pub struct RowsWanted {
    pub events: Arc<Vec<TimelineEvent>>,
    /// The summaries the events were built from.
    pub summaries: Summaries,
    /// The articles' places the events were ordered by.
    pub places: Places,
    /// The filter's matches, when a filter is applied.
    pub matches: Option<Arc<Matches>>,
    pub scope: TimelineScope,
}

/// The rows when there is nothing to pick: every event, when nothing filters and the scope is
/// every article. The interface takes them at once instead of asking the tables thread.
pub fn at_once(wanted: &RowsWanted) -> Option<Rows> {
    let every = wanted.matches.is_none() && wanted.scope == TimelineScope::All;
    every.then(|| Rows::Every(wanted.events.len() as u32))
}

/// The positions of the events that pass the filter and the scope, in the events' order.
pub fn select(wanted: &RowsWanted) -> Rows {
    if let Some(rows) = at_once(wanted) {
        return rows;
    }
    let RowsWanted { events, summaries, places, matches, scope } = wanted;
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
    let few = filtered.map(|m| m.ranked()).filter(|ranked| gathering_pays(events, summaries, ranked));
    let gather = |articles: &[u32]| positions_of(events, summaries, places, articles);
    Rows::Picked(match (scope, few) {
        (TimelineScope::Article(id), _) if in_filter(*id) => gather(&[*id]),
        (TimelineScope::Article(_), _) => Vec::new(),
        (TimelineScope::All, Some(few)) => gather(few),
        (TimelineScope::All, None) => pick(events, |_, a| in_filter(a)),
        (TimelineScope::Entity(name), Some(few)) => {
            gather(few).into_iter().filter(|&i| names_entity(i as usize, name)).collect()
        }
        (TimelineScope::Entity(name), None) => pick(events, |i, a| in_filter(a) && names_entity(i, name)),
    })
}

/// Gathering a filter's events article by article (each found by search) pays while they are
/// fewer than this share of all events; beyond it, testing every event is quicker. At a
/// million articles, over the 20 queries of `benches/queries.txt` (`stats`), from the query
/// until the rows: p50/p99 38-40/150-155 ms at 1/16, 28-29/75 ms at 1/64, 25-28/72-75 ms at
/// 1/256, 24-29/64-75 ms at 1/1024, 23/49 ms testing every event.
const GATHER_BELOW: usize = 256;

/// Whether the events of `articles` are few enough to gather (it stops counting past that).
fn gathering_pays(events: &[TimelineEvent], summaries: &[Arc<Summary>], articles: &[u32]) -> bool {
    let limit = events.len() / GATHER_BELOW;
    let mut gathered = 0;
    articles.iter().all(|&a| {
        gathered += summaries.get(a as usize).map_or(0, |s| placed_count(s));
        gathered <= limit
    })
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
        let matches = Matches::new(hits.to_vec(), &Default::default());
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

    /// Summaries whose articles have events on the given (sentence, day, precision): sentences
    /// in order, as the analysis finds them; one sentence may be dated more than once.
    fn summaries_of(articles: &[Vec<(u8, u8, u8)>]) -> Vec<Arc<Summary>> {
        use crate::analysis::{Analysis, Anchor, CalendarPoint, Granularity, events::Event};
        let precisions = [Granularity::Day, Granularity::Month, Granularity::Year];
        articles
            .iter()
            .map(|spec| {
                let mut spec = spec.clone();
                spec.sort_by_key(|&(sentence, _, _)| sentence);
                let events = spec
                    .iter()
                    .map(|&(sentence, day, precision)| {
                        let date = NaiveDate::from_ymd_opt(2022, 7, 1 + u32::from(day)).unwrap();
                        let granularity = precisions[precision as usize % precisions.len()];
                        let at = usize::from(sentence) * 10;
                        Event {
                            point: Some(CalendarPoint { date, granularity }),
                            sentence: at..at + 9,
                            timex: None,
                            anchor: Anchor::Explicit,
                            trigger: at..at + 1,
                        }
                    })
                    .collect();
                Arc::new(Summary::of(&Analysis { events, ..Analysis::default() }))
            })
            .collect()
    }

    /// The positions of the events of `articles`, found by testing every event.
    fn of_articles(events: &[TimelineEvent], articles: &[u32]) -> Vec<u32> {
        pick(events, |_, a| articles.contains(&a))
    }

    #[test]
    fn the_scope_and_the_filter_each_narrow_the_rows() {
        let spec = |days: &[u8]| days.iter().enumerate().map(|(s, &d)| (s as u8, d, 0)).collect::<Vec<_>>();
        let summaries = summaries_of(&[spec(&[3, 1]), spec(&[2]), spec(&[4, 0, 2]), spec(&[5])]);
        let events = crate::analysis::timeline::build(&summaries, &Places::default());
        assert_eq!(events.len(), 7);
        let hits = [0u32, 3].map(|id| crate::index::Hit { id, score: 1.0 });
        let mut wanted = RowsWanted {
            events: Arc::new(events.clone()),
            summaries: Arc::new(summaries),
            places: Places::default(),
            matches: None,
            scope: TimelineScope::All,
        };
        let positions = |wanted: &RowsWanted| select(wanted).iter().collect::<Vec<u32>>();
        assert_eq!(select(&wanted), Rows::Every(7), "every event, kept as a count");
        wanted.scope = TimelineScope::Article(2);
        assert_eq!(positions(&wanted), of_articles(&events, &[2]));
        assert_eq!(positions(&wanted).len(), 3);
        wanted.matches = Some(Arc::new(Matches::new(hits.to_vec(), &Default::default())));
        assert_eq!(positions(&wanted), [0u32; 0], "article 2 is not among the matches");
        wanted.scope = TimelineScope::All;
        assert_eq!(positions(&wanted), of_articles(&events, &[0, 3]));
        assert_eq!(positions(&wanted).len(), 3);
        wanted.scope = TimelineScope::Entity("Nobody".to_string());
        assert_eq!(positions(&wanted), [0u32; 0], "no summary names anyone");
    }

    proptest::proptest! {
        /// Gathering the matching articles' events gives what testing every event gives,
        /// repeats (a sentence dated twice alike) found once, and the share at which gathering
        /// stops paying is judged on the events the articles give.
        #[test]
        fn gathering_the_matches_events_gives_what_testing_every_event_gives(
            articles in proptest::collection::vec(
                proptest::collection::vec((0u8..6, 0u8..4, 0u8..3), 0..8),
                0..40,
            ),
            matching in proptest::collection::btree_set(0u32..45, 0..12),
            order in proptest::collection::vec(0u8..5, 40),
        ) {
            let summaries = summaries_of(&articles);
            // The articles' places in the folder's order, their ids or not.
            let places = Places::ordered_by(&order[..summaries.len()]);
            let events = crate::analysis::timeline::build(&summaries, &places);
            let ranked: Vec<u32> = matching.iter().rev().copied().collect();
            let scanned = of_articles(&events, &ranked);
            proptest::prop_assert_eq!(positions_of(&events, &summaries, &places, &ranked), scanned);
            let given: usize = ranked.iter().filter_map(|&a| articles.get(a as usize)).map(Vec::len).sum();
            proptest::prop_assert_eq!(
                gathering_pays(&events, &summaries, &ranked),
                given <= events.len() / GATHER_BELOW
            );
        }
    }
}

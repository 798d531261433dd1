//! What a first open says it has reached, as the interface logs it: every article searchable,
//! then complete once the timeline is in order and the entity table counted.

use super::*;
use crate::app::protocol::Timings;

#[test]
fn a_first_open_is_searchable_once_its_files_are_read_and_indexed_and_complete_with_its_timeline() {
    let article = Arc::clone(&seeds().articles[0]);
    let mut state = AppState::default();
    assert!(!state.all_searchable() && !state.complete());
    let discovered = PipelineEvent::Discovered { files: 1, bytes: 100, roots: Vec::new() };
    receive(&mut state, Incoming::Pipeline(discovered));
    let batch =
        PipelineEvent::Batch { articles: vec![article], skipped: Vec::new(), bytes: 60, elapsed_ms: 1 };
    receive(&mut state, Incoming::Pipeline(batch));
    let effects = receive(&mut state, Incoming::Pipeline(PipelineEvent::Indexed { articles: 1 }));
    assert!(
        matches!(effects.first(), Some(Effect::Search(SearchRequest::PrepareRanking { .. }))),
        "the worker readies the changed index's ranking first: {effects:?}"
    );
    assert!(!state.all_searchable(), "40 of the 100 bytes are still to be read");
    let rest = PipelineEvent::Batch { articles: Vec::new(), skipped: Vec::new(), bytes: 40, elapsed_ms: 2 };
    receive(&mut state, Incoming::Pipeline(rest));
    assert!(state.all_searchable());
    assert!(!state.complete(), "entities and dates are still to come");

    let done = PipelineEvent::Done { millis: 3, timings: Timings::default(), from_cache: false };
    let effects = receive(&mut state, Incoming::Pipeline(done));
    assert!(state.timeline.building);
    assert!(!state.complete(), "the timeline is being put in order");
    let (mut timeline, mut entities) = (None, None);
    for effect in effects {
        match effect {
            Effect::Table(request @ tables::TableRequest::Timeline { .. }) => timeline = Some(request),
            Effect::Table(request @ tables::TableRequest::Entities { .. }) => entities = Some(request),
            _ => {}
        }
    }
    let answered = receive(
        &mut state,
        Incoming::Table(tables::answer(timeline.expect("the end of a first open asks for the timeline"))),
    );
    with_rows_picked(&mut state, answered);
    assert!(state.timeline_in_order());
    assert!(!state.complete(), "the entities are being counted");
    let entities = entities.expect("the end of a first open asks for the entity table");
    receive(&mut state, Incoming::Table(tables::answer(entities)));
    assert!(state.entities_counted() && state.complete());
}

/// A cached corpus that an update left with ids out of the folder's order comes with its
/// articles' places: the worker is handed them as it readies its ranking, the list puts the
/// articles of one date in the folder's order, the timeline is asked for with them, and a
/// corpus loaded again from scratch (its index damaged) drops them.
#[test]
fn places_come_before_the_articles_and_order_their_ties() {
    let seed = Arc::clone(&seeds().articles[0]);
    let same_day = |id| Arc::new(crate::corpus::Article { id, ..crate::corpus::Article::clone(&seed) });
    let places = crate::corpus::Places::ordered_by(&[2u32, 0, 1]);
    let mut state = AppState::default();
    receive(&mut state, Incoming::Pipeline(PipelineEvent::Placed(places.clone())));
    let articles = (0..3).map(same_day).collect();
    let batch = PipelineEvent::Batch { articles, skipped: Vec::new(), bytes: 60, elapsed_ms: 1 };
    receive(&mut state, Incoming::Pipeline(batch));
    let effects = receive(&mut state, Incoming::Pipeline(PipelineEvent::Indexed { articles: 3 }));
    assert!(
        matches!(effects.first(), Some(Effect::Search(SearchRequest::PrepareRanking { places: p })) if *p == places),
        "{effects:?}"
    );
    assert_eq!(state.list.rows, [1, 2, 0], "one date: the folder's order");
    let done = PipelineEvent::Done { millis: 3, timings: Timings::default(), from_cache: true };
    let effects = receive(&mut state, Incoming::Pipeline(done));
    assert!(
        effects.iter().any(
            |e| matches!(e, Effect::Table(tables::TableRequest::Timeline { places: p, .. }) if *p == places)
        ),
        "{effects:?}"
    );
    let damaged = SearchResponse::Failed { message: "search failed".to_string(), damaged: true };
    receive(&mut state, Incoming::Search(damaged));
    assert!(state.places.are_ids(), "ids are given afresh when the corpus is loaded again");
}

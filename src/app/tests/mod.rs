//! `update` and `receive` tests, compiled only under #[cfg(test)] (see `app/mod.rs`).
//!
//! The state is loaded through the real pipeline and the worker's answers come from the real
//! worker (a [`Session`]), delivered between keystrokes. Where a test needs an answer that the
//! worker would give late, or a made-up one, it says so.

use super::*;
use std::collections::HashSet;

use super::protocol::{Filtered, PipelineEvent, SearchRequest, SearchResponse};
use crate::index::Hit;
use crate::runtime::session::Session;

pub(super) fn session() -> Session {
    let mut s = Session::load(&[], false).unwrap();
    s.take_in(Incoming::Resize { width: 60, height: 20 });
    s
}

/// The state alone, for tests that deliver the worker's answers by hand.
fn seeds() -> AppState {
    session().state
}

fn type_query(state: &mut AppState, q: &str) -> Vec<Effect> {
    update(state, Action::StartFilter);
    let mut effects = Vec::new();
    for c in q.chars() {
        effects = receive(state, Incoming::PromptChar(c));
    }
    effects
}

fn filter_generation(effects: &[Effect]) -> Option<(u64, String)> {
    effects.iter().find_map(|e| match e {
        Effect::Search(SearchRequest::Filter { generation, query }) => Some((*generation, query.clone())),
        _ => None,
    })
}

/// Takes in a made-up filter answer, then the timeline's rows it asks the tables thread for,
/// as that thread would answer before the next keystroke. The other effects are returned (the
/// entity pane's tests deliver its counts by hand, late or out of order).
fn answer(state: &mut AppState, generation: u64, query: &str, ids: &[u32]) -> Vec<Effect> {
    let effects = answer_unpicked(state, generation, query, ids);
    with_rows_picked(state, effects)
}

/// Takes in a made-up filter answer (the scores are 1 + id) and nothing more.
fn answer_unpicked(state: &mut AppState, generation: u64, query: &str, ids: &[u32]) -> Vec<Effect> {
    let hits = ids.iter().map(|&id| Hit { id, score: 1.0 + id as f32 }).collect();
    let found = Filtered { hits, ..Filtered::default() };
    receive(
        state,
        Incoming::Search(SearchResponse::Filtered {
            generation,
            query: query.to_string(),
            result: Ok(found),
        }),
    )
}

/// Answers the requests for the timeline's rows among `effects`, and those their answers
/// lead to; the rest are returned in their order.
fn with_rows_picked(state: &mut AppState, mut effects: Vec<Effect>) -> Vec<Effect> {
    let mut rest = Vec::new();
    while let Some(effect) = effects.pop() {
        match effect {
            Effect::Table(request @ tables::TableRequest::Rows { .. }) => {
                effects.extend(receive(state, Incoming::Table(tables::answer(request))));
            }
            other => rest.insert(0, other),
        }
    }
    rest
}

#[test]
fn the_list_is_sorted_newest_first_and_moves_with_j_k_g_and_shift_g() {
    let mut s = session();
    let st = &s.state;
    let dates: Vec<_> = st.list.rows.iter().map(|&id| st.article(id).unwrap().date.map(|d| d.date)).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1] || w[1].is_none()));
    assert_eq!(s.state.list.selected, 0);
    s.act(Action::Down);
    s.act(Action::Down);
    assert_eq!(s.state.list.selected, 2);
    assert_eq!(s.state.reader.article, s.state.selected_article(), "the reader previews the selection");
    assert_eq!(s.state.open().map(|o| o.id), s.state.selected_article(), "and shows its text");
    s.act(Action::Bottom);
    assert_eq!(s.state.list.selected, 4);
    s.act(Action::Down);
    assert_eq!(s.state.list.selected, 4);
    s.act(Action::Top);
    assert_eq!(s.state.list.selected, 0);
}

#[test]
fn sorting_cycles_through_date_and_title() {
    let mut s = seeds();
    update(&mut s, Action::CycleSort);
    assert_eq!(s.list.sort, SortKey::Title);
    let titles: Vec<String> =
        s.list.rows.iter().map(|&id| s.article(id).unwrap().title.to_lowercase()).collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
    update(&mut s, Action::CycleSort);
    assert_eq!(s.list.sort, SortKey::Date, "relevance only while filtering");
}

/// The rows a filter shows, in each order, against the same orders worked out from scratch.
#[test]
fn a_filter_picks_its_rows_in_the_list_order_and_its_events_from_the_timeline() {
    let mut s = seeds();
    let events_before = s.timeline.events.clone();
    let (g, q) = filter_generation(&type_query(&mut s, "Japan")).unwrap();
    answer(&mut s, g, &q, &[3, 0, 4]);
    update(&mut s, Action::Open);
    let newest_first = |s: &AppState, ids: &[u32]| {
        let mut ids = ids.to_vec();
        ids.sort_by_key(|&id| (std::cmp::Reverse(s.article(id).unwrap().date.map(|d| d.date)), id));
        ids
    };
    assert_eq!(s.list.rows, newest_first(&s, &[0, 3, 4]));
    update(&mut s, Action::CycleSort);
    assert_eq!(s.list.sort, SortKey::Title);
    let mut by_title = vec![0, 3, 4];
    by_title.sort_by_key(|&id| s.article(id).unwrap().title.to_lowercase());
    assert_eq!(s.list.rows, by_title);
    update(&mut s, Action::CycleSort);
    assert_eq!(s.list.sort, SortKey::Relevance);
    assert_eq!(s.list.rows, vec![4, 3, 0], "the answer's scores are 1 + id: best first");
    // The timeline keeps its events and shows those of the matches, in calendar order.
    assert_eq!(s.timeline.events, events_before, "a filter does not rebuild the events");
    assert!(Arc::ptr_eq(&s.timeline.events, &events_before), "nor copy them");
    let expected: Vec<u32> = (0..s.timeline.events.len() as u32)
        .filter(|&i| [0, 3, 4].contains(&s.timeline.events[i as usize].article))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(s.timeline.rows.iter().collect::<Vec<u32>>(), expected);
}

/// The timeline's rows come from the tables thread. Until they do, the old rows show; rows
/// picked for an older filter are dropped; the selected event stays selected.
#[test]
fn rows_picked_for_an_older_filter_are_dropped_and_the_selected_event_stays() {
    let mut s = session();
    s.act(Action::ShowTimeline);
    let st = &mut s.state;
    let row = st.timeline.shown().position(|e| e.article == 3).unwrap();
    st.timeline.selected = row;
    st.timeline.touched = true;
    let event = st.selected_event().cloned().unwrap();
    let all = st.timeline.rows.clone();
    let (g, q) = filter_generation(&type_query(st, "Jap")).unwrap();
    let first = rows_request(answer_unpicked(st, g, &q, &[0, 3]));
    assert!(st.timeline.picking);
    assert_eq!(st.timeline.rows, all, "the old rows show meanwhile");
    let (g, q) = filter_generation(&receive(st, Incoming::PromptChar('a'))).unwrap();
    let second = rows_request(answer_unpicked(st, g, &q, &[3]));
    receive(st, Incoming::Table(tables::answer(first)));
    assert_eq!(st.timeline.rows, all, "the older filter's rows are dropped");
    assert!(st.timeline.picking);
    receive(st, Incoming::Table(tables::answer(second)));
    assert!(!st.timeline.picking);
    assert!(st.timeline.rows.len() < all.len());
    assert!(st.timeline.shown().all(|e| e.article == 3));
    assert_eq!(st.selected_event(), Some(&event));
}

/// The request for the timeline's rows among `effects`.
fn rows_request(effects: Vec<Effect>) -> tables::TableRequest {
    let mut asked = effects.into_iter().filter_map(|e| match e {
        Effect::Table(request @ tables::TableRequest::Rows { .. }) => Some(request),
        _ => None,
    });
    asked.next().unwrap()
}

/// An event's row is found where the event stands in the timeline's order, as looking through
/// every shown event finds it: with every event shown, and with a filter's rows, where an
/// event left out has none.
#[test]
fn an_events_row_is_found_in_the_timelines_order() {
    let mut s = session();
    s.act(Action::ShowTimeline);
    let st = &mut s.state;
    let every_row_found = |st: &AppState| {
        let keys: Vec<(u32, u32)> = st.timeline.shown().map(|e| e.key()).collect();
        assert!(keys.len() > 10);
        for k in keys {
            let by_search = st.timeline.shown().position(|e| e.key() == k);
            assert_eq!(st.timeline.row_in_order(&st.summaries, &st.places, k), by_search, "{k:?}");
        }
    };
    every_row_found(st);
    let (g, q) = filter_generation(&type_query(st, "Jap")).unwrap();
    let picked = rows_request(answer_unpicked(st, g, &q, &[3]));
    receive(st, Incoming::Table(tables::answer(picked)));
    assert!(st.timeline.shown().all(|e| e.article == 3));
    every_row_found(st);
    let left_out = st.timeline.events.iter().find(|e| e.article == 0).unwrap().key();
    assert_eq!(st.timeline.row_in_order(&st.summaries, &st.places, left_out), None);
}

/// The list's kept order follows an article whose date changes.
#[test]
fn a_redated_article_moves_in_the_list() {
    let mut s = seeds();
    let last = *s.list.rows.last().unwrap();
    let mut moved = s.article(last).unwrap().clone();
    let newest = s.article(s.list.rows[0]).unwrap().date.unwrap();
    moved.date = Some(crate::corpus::ArticleDate { date: newest.date + chrono::Days::new(1), ..newest });
    receive(
        &mut s,
        Incoming::Pipeline(PipelineEvent::Revised {
            summaries: Vec::new(),
            redated: vec![Arc::new(moved)],
            elapsed_ms: 1_000_000,
        }),
    );
    assert_eq!(s.list.rows[0], last, "now the newest, it comes first");
}

#[test]
fn typing_a_filter_asks_for_each_keystroke_and_drops_stale_answers() {
    let mut s = seeds();
    let first = filter_generation(&type_query(&mut s, "Hagi")).unwrap();
    let second = filter_generation(&receive(&mut s, Incoming::PromptChar('u'))).unwrap();
    assert!(second.0 > first.0);
    assert_eq!(second.1, "Hagiu");
    answer(&mut s, second.0, "Hagiu", &[0, 1]);
    assert_eq!(s.list.rows.len(), 2);
    answer(&mut s, first.0, "Hagi", &[0, 1, 2, 3, 4]);
    assert_eq!(s.list.rows.len(), 2, "an older answer never overwrites a newer one");
}

#[test]
fn a_syntax_error_keeps_the_last_good_result() {
    let mut s = seeds();
    let (g, q) = filter_generation(&type_query(&mut s, "Hagiuda")).unwrap();
    answer(&mut s, g, &q, &[0, 1, 3, 4]);
    let (g2, _) = filter_generation(&type_query(&mut s, " AND (")).unwrap();
    receive(
        &mut s,
        Incoming::Search(SearchResponse::Filtered {
            generation: g2,
            query: "Hagiuda AND (".into(),
            result: Err("Syntax Error at position 12".into()),
        }),
    );
    assert_eq!(s.list.rows.len(), 4);
    assert_eq!(s.filter.applied.as_deref(), Some("Hagiuda"));
    assert!(s.filter.error.as_deref().unwrap().contains("position"));
}

#[test]
fn esc_clears_the_filter() {
    let mut s = seeds();
    let (g, q) = filter_generation(&type_query(&mut s, "Hagiuda")).unwrap();
    answer(&mut s, g, &q, &[0]);
    update(&mut s, Action::Open);
    assert!(!s.filter.editing);
    assert_eq!(s.list.rows.len(), 1);
    update(&mut s, Action::ClearFilter);
    assert_eq!(s.filter.applied, None);
    assert_eq!(s.list.rows.len(), 5);
}

#[test]
fn open_back_and_forward_move_through_history() {
    let mut s = session();
    s.act(Action::Down);
    let id = s.state.selected_article().unwrap();
    s.act(Action::Open);
    assert_eq!(s.state.focus, Pane::Reader);
    assert_eq!(s.state.reader.article, Some(id));
    s.act(Action::Back);
    assert_eq!(s.state.focus, Pane::List);
    assert_eq!(s.state.selected_article(), Some(id));
    s.act(Action::Forward);
    assert_eq!(s.state.focus, Pane::Reader);
    assert_eq!(s.state.reader.article, Some(id));
}

#[test]
fn back_restores_the_previous_filter() {
    let mut s = session();
    s.act(Action::StartFilter);
    s.type_text("Kishida");
    s.act(Action::Open);
    let kishida = s.state.list.rows.clone();
    s.act(Action::StartFilter);
    s.type_text(" OR Hagiuda");
    s.act(Action::Open);
    assert_eq!(s.state.list.rows.len(), 5);
    s.act(Action::Back);
    assert_eq!(s.state.filter.applied.as_deref(), Some("Kishida"));
    assert_eq!(s.state.list.rows, kishida);
}

#[test]
fn related_asks_the_worker_and_ranks_its_answer() {
    let mut s = seeds();
    let effects = update(&mut s, Action::ShowRelated);
    let article = s.related.article.unwrap();
    assert!(
        matches!(effects.as_slice(), [Effect::Search(SearchRequest::Related { article: a })] if *a == article)
    );
    let others: Vec<Hit> = (0..5).filter(|&i| i != article).map(|id| Hit { id, score: 1.0 }).collect();
    receive(&mut s, Incoming::Search(SearchResponse::Related { article, hits: others }));
    assert_eq!(s.related.items.len(), 4);
    assert!(!s.related.pending);
    let target = s.related.items[0].id;
    update(&mut s, Action::Open);
    assert_eq!(s.reader.article, Some(target));
    update(&mut s, Action::Back);
    assert_eq!(s.side, Side::Related);
}

#[test]
fn enter_on_an_entity_in_the_reader_filters_the_list_by_it() {
    let mut s = session();
    s.act(Action::Open);
    s.act(Action::NextEntity);
    let name = s.state.visible_entities()[0].canonical.to_string();
    let effects = update(&mut s.state, Action::Open);
    let (_, query) = filter_generation(&effects).unwrap();
    assert_eq!(query, format!("entity:\"{name}\""));
    assert_eq!(s.state.focus, Pane::List);
}

#[test]
fn enter_on_a_corpus_entity_filters_the_list() {
    let mut s = seeds();
    update(&mut s, Action::ShowEntities);
    let name = s.entities.corpus[0].name.clone();
    let (g, q) = filter_generation(&update(&mut s, Action::Open)).unwrap();
    assert_eq!(q, format!("entity:\"{name}\""));
    answer(&mut s, g, &q, &[0, 3]);
    assert_eq!(s.list.rows.len(), 2);
}

#[test]
fn enter_on_a_timeline_event_opens_its_sentence_with_the_date_marked() {
    let mut s = session();
    s.take_in(Incoming::Resize { width: 30, height: 5 });
    s.act(Action::ShowTimeline);
    s.act(Action::Bottom);
    let last = s.state.timeline.rows.len() - 1;
    assert_eq!(s.state.timeline.selected, last);
    let event = s.state.timeline.event_at(last).unwrap().clone();
    s.act(Action::Open);
    let st = &s.state;
    assert_eq!(st.focus, Pane::Reader);
    assert_eq!(st.reader.article, Some(event.article));
    assert_eq!(st.reader.mark, st.event_timex(&event));
    assert!(st.reader.mark.as_ref().is_some_and(|m| !m.is_empty()));
    let line = crate::app::wrap::line_of(&st.reader.lines, event.start as usize);
    assert!(
        st.reader.scroll <= line && line < st.reader.scroll + st.reader.height,
        "the sentence is on screen"
    );
    s.act(Action::Back);
    assert_eq!((s.state.focus, s.state.side), (Pane::Side, Side::Timeline));
    assert_eq!(s.state.timeline.selected, last);
}

#[test]
fn narrowing_the_timeline_keeps_one_article() {
    let mut s = session();
    s.act(Action::Open);
    let id = s.state.reader.article.unwrap();
    let all = s.state.timeline.rows.clone();
    assert!(s.state.timeline.shown().any(|e| e.article != id));
    s.act_unanswered(Action::NarrowTimeline);
    assert_eq!(s.state.timeline.scope, TimelineScope::Article(id));
    // The tables thread picks the rows; the old ones show until they come.
    assert!(s.state.timeline.picking);
    assert_eq!(s.state.timeline.rows, all);
    s.settle();
    assert!(!s.state.timeline.picking);
    assert!(!s.state.timeline.rows.is_empty());
    assert!(s.state.timeline.shown().all(|e| e.article == id));
    s.act(Action::NarrowTimeline);
    assert_eq!(s.state.timeline.scope, TimelineScope::All);
    assert_eq!(s.state.timeline.rows, all);
}

#[test]
fn n_jumps_between_hits_and_wraps() {
    let mut s = session();
    s.act(Action::StartFilter);
    s.type_text("Japan");
    s.act(Action::Open);
    s.act(Action::Open);
    let hits = s.state.reader.hits.len();
    assert!(hits > 2, "the worker found the hits in the open article");
    s.act(Action::NextHit);
    assert_eq!(s.state.reader.hit_cursor, Some(0));
    s.act(Action::NextHit);
    assert_eq!(s.state.reader.hit_cursor, Some(1));
    s.act(Action::PrevHit);
    s.act(Action::PrevHit);
    assert_eq!(s.state.reader.hit_cursor, Some(hits - 1), "wraps around");
    s.act(Action::NextHit);
    assert_eq!(s.state.reader.hit_cursor, Some(0));
}

#[test]
fn help_swallows_keys_until_closed() {
    let mut s = seeds();
    update(&mut s, Action::ToggleHelp);
    update(&mut s, Action::Down);
    assert_eq!(s.list.selected, 0);
    update(&mut s, Action::ClearFilter);
    assert!(!s.help);
    update(&mut s, Action::Quit);
    assert!(s.quit);
}

#[test]
fn the_reader_follows_the_list_when_a_filter_narrows_it() {
    let mut s = seeds();
    let shown = s.reader.article.unwrap();
    let other = (0..5).find(|&i| i != shown).unwrap();
    let (g, q) = filter_generation(&type_query(&mut s, "x")).unwrap();
    answer(&mut s, g, &q, &[other]);
    assert_eq!(s.reader.article, Some(other));
    update(&mut s, Action::Open);
    update(&mut s, Action::Open);
    assert_eq!((s.focus, s.reader.article), (Pane::Reader, Some(other)));
}

/// Issue 9.1: a filter that changes the selected article left the reader at "reading the
/// article…" because the request for the new article's text was dropped.
#[test]
fn a_filter_that_changes_the_selection_shows_the_new_articles_text() {
    let mut s = session();
    let digest = s.state.articles.iter().find(|a| a.title.contains("Digest")).unwrap().id;
    assert_ne!(s.state.reader.article, Some(digest), "another article is shown first");
    s.act(Action::StartFilter);
    s.type_text("Digest");
    s.act(Action::Open);
    assert_eq!(s.state.reader.article, Some(digest));
    assert_eq!(s.state.open().map(|o| o.id), Some(digest), "its text arrived");
    assert!(!s.state.reader.lines.is_empty());
}

#[test]
fn the_mouse_wheel_scrolls_the_pane_under_it_and_focuses_it() {
    let mut s = session();
    s.take_in(Incoming::Resize { width: 30, height: 5 });
    s.take_in(Incoming::Mouse { pane: Pane::Reader, step: 3, row: None });
    assert_eq!((s.state.focus, s.state.reader.scroll), (Pane::Reader, 3));
    s.take_in(Incoming::Mouse { pane: Pane::List, step: 3, row: None });
    assert_eq!((s.state.focus, s.state.list.selected), (Pane::List, 3));
    s.take_in(Incoming::Mouse { pane: Pane::Side, step: 0, row: None });
    assert_eq!(s.state.focus, Pane::Side);
    s.take_in(Incoming::Mouse { pane: Pane::List, step: 0, row: Some(1) });
    assert_eq!((s.state.focus, s.state.list.selected), (Pane::List, 1));
    assert_eq!(s.state.reader.article, s.state.selected_article(), "a clicked row is shown in the reader");
}

#[test]
fn the_reader_asks_for_the_text_and_takes_only_the_answer_for_the_article_it_shows() {
    let mut s = session();
    s.act_unanswered(Action::Down);
    let shown = s.state.reader.article.unwrap();
    assert!(s.state.open().is_none(), "nothing to show until the text arrives");
    assert!(s.pending() > 0, "the text was asked for");
    let other = (shown + 1) % s.state.articles.len() as u32;
    let late = s.article_text(other).unwrap();
    s.take_in_unanswered(Incoming::Search(SearchResponse::Opened {
        article: other,
        result: Ok((late.text, late.analysis)),
    }));
    assert!(s.state.open().is_none(), "an answer for an article no longer shown is dropped");
    s.settle();
    assert_eq!(s.state.open().map(|o| o.id), Some(shown));
    assert!(!s.state.reader.lines.is_empty(), "the text is laid out");
}

#[test]
fn corpus_wide_names_apply_to_the_analysis_the_reader_gets() {
    let mut s = session();
    s.act(Action::Down);
    let shown = s.state.reader.article.unwrap();
    let open = s.article_text(shown).unwrap();
    let mut analysis = Analysis::clone(&open.analysis);
    let first = analysis.entities[0].clone();
    analysis.entities[0].canonical = "Short".into();
    let mut renames = crate::analysis::identity::Renames::default();
    renames.insert((first.kind, crate::analysis::Name::from("Short")), first.canonical.clone());
    s.take_in(Incoming::Pipeline(PipelineEvent::Renamed(Arc::new(renames))));
    s.take_in(Incoming::Search(SearchResponse::Opened {
        article: shown,
        result: Ok((open.text, Arc::new(analysis))),
    }));
    assert_eq!(s.state.open().unwrap().analysis.entities[0].canonical, first.canonical);
}

#[test]
fn the_timeline_fetches_the_sentences_it_may_show_once() {
    let mut s = seeds();
    let effects = update(&mut s, Action::ShowTimeline);
    let wanted: Vec<(u32, std::ops::Range<u32>)> = effects
        .iter()
        .find_map(|e| match e {
            Effect::Search(SearchRequest::Sentences(w)) => Some(w.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let distinct: HashSet<(u32, u32)> = s.timeline.shown().map(|e| (e.article, e.start)).collect();
    let asked: HashSet<(u32, u32)> = s.timeline.requested.iter().copied().collect();
    assert!(wanted.is_empty() || wanted.len() == distinct.len());
    assert!(
        asked.is_empty() && s.timeline.sentences.len() == distinct.len(),
        "the loaded session fetched each sentence of the rows near the selection once"
    );
    let again = update(&mut s, Action::Down);
    assert!(
        !again.iter().any(|e| matches!(e, Effect::Search(SearchRequest::Sentences(_)))),
        "sentences at hand are not asked for again"
    );
}

#[test]
fn the_timeline_shows_each_events_own_sentence() {
    let mut s = session();
    s.act(Action::ShowTimeline);
    let st = &s.state;
    for row in st.timeline.rows.iter() {
        let event = &st.timeline.events[row as usize];
        let text = s.article_text(event.article).unwrap().text;
        assert_eq!(st.sentence(event), text.get(st.dated(event).unwrap().sentence_range()));
    }
}

#[test]
fn an_article_shown_before_it_was_committed_is_asked_for_again() {
    let mut s = seeds();
    update(&mut s, Action::Down);
    let shown = s.reader.article.unwrap();
    s.reader.open = None;
    s.progress.indexed = 0;
    let not_yet = Err("this article is not in the index".to_string());
    receive(&mut s, Incoming::Search(SearchResponse::Opened { article: shown, result: not_yet }));
    assert_eq!(s.message, None, "not an error while the corpus loads");
    let effects = receive(&mut s, Incoming::Pipeline(PipelineEvent::Indexed { articles: 5 }));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Search(SearchRequest::Open { article, .. }) if *article == shown))
    );
}

#[test]
fn a_failed_request_is_reported_and_a_damaged_index_is_rebuilt() {
    let mut s = seeds();
    let failed =
        SearchResponse::Failed { message: "finding related articles failed: boom".into(), damaged: false };
    assert!(receive(&mut s, Incoming::Search(failed)).is_empty());
    assert!(s.message.as_deref().unwrap().contains("boom"));
    let damaged =
        SearchResponse::Failed { message: "the search x failed: Data corrupted".into(), damaged: true };
    let effects = receive(&mut s, Incoming::Search(damaged));
    assert!(matches!(effects.as_slice(), [Effect::Reload]));
    assert!(s.articles.is_empty() && s.list.rows.is_empty(), "the corpus is loaded again from scratch");
    assert!(s.message.as_deref().unwrap().contains("loading the corpus again"));
}

mod browsing;
mod entities;
mod loading;
mod out;
mod watching;

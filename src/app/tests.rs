//! `update` and `receive` tests, compiled only under #[cfg(test)] (see `app/mod.rs`).

use super::*;
use std::collections::HashSet;

use super::protocol::{PipelineEvent, SearchRequest, SearchResponse};
use crate::index::Hit;

fn seeds() -> AppState {
    let p = crate::runtime::pipeline::prepare(&[]).unwrap();
    let mut s = AppState::with_corpus(p.articles, p.analyses);
    receive(&mut s, Incoming::Resize { width: 60, height: 20 });
    s
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

fn answer(state: &mut AppState, generation: u64, query: &str, ids: &[u32]) -> Vec<Effect> {
    let hits = ids.iter().map(|&id| Hit { id, score: 1.0 + id as f32 }).collect();
    receive(
        state,
        Incoming::Search(SearchResponse::Filtered { generation, query: query.to_string(), result: Ok(hits) }),
    )
}

#[test]
fn the_list_is_sorted_newest_first_and_moves_with_j_k_g_and_shift_g() {
    let mut s = seeds();
    let dates: Vec<_> = s.list.rows.iter().map(|&id| s.article(id).unwrap().date.map(|d| d.date)).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1] || w[1].is_none()));
    assert_eq!(s.list.selected, 0);
    update(&mut s, Action::Down);
    update(&mut s, Action::Down);
    assert_eq!(s.list.selected, 2);
    assert_eq!(s.reader.article, s.selected_article(), "the reader previews the selection");
    update(&mut s, Action::Bottom);
    assert_eq!(s.list.selected, 4);
    update(&mut s, Action::Down);
    assert_eq!(s.list.selected, 4);
    update(&mut s, Action::Top);
    assert_eq!(s.list.selected, 0);
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
    let mut s = seeds();
    update(&mut s, Action::Down);
    let id = s.selected_article().unwrap();
    update(&mut s, Action::Open);
    assert_eq!(s.focus, Pane::Reader);
    assert_eq!(s.reader.article, Some(id));
    update(&mut s, Action::Back);
    assert_eq!(s.focus, Pane::List);
    assert_eq!(s.selected_article(), Some(id));
    update(&mut s, Action::Forward);
    assert_eq!(s.focus, Pane::Reader);
    assert_eq!(s.reader.article, Some(id));
}

#[test]
fn back_restores_the_previous_filter() {
    let mut s = seeds();
    let (g, q) = filter_generation(&type_query(&mut s, "Kishida")).unwrap();
    answer(&mut s, g, &q, &[2]);
    update(&mut s, Action::Open);
    let (g2, q2) = filter_generation(&type_query(&mut s, " OR Hagiuda")).unwrap();
    let effects = update(&mut s, Action::Open);
    let (g2, q2) = filter_generation(&effects).unwrap_or((g2, q2));
    answer(&mut s, g2, &q2, &[0, 1, 2, 3, 4]);
    let effects = update(&mut s, Action::Back);
    let (g3, q3) = filter_generation(&effects).expect("going back re-runs the earlier filter");
    assert_eq!(q3, "Kishida");
    answer(&mut s, g3, &q3, &[2]);
    assert_eq!(s.list.rows, vec![2]);
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
    let mut s = seeds();
    update(&mut s, Action::Open);
    update(&mut s, Action::NextEntity);
    let name = s.visible_entities()[0].canonical.to_string();
    let effects = update(&mut s, Action::Open);
    let (_, query) = filter_generation(&effects).unwrap();
    assert_eq!(query, format!("entity:\"{name}\""));
    assert_eq!(s.focus, Pane::List);
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
    let mut s = seeds();
    receive(&mut s, Incoming::Resize { width: 30, height: 5 });
    update(&mut s, Action::ShowTimeline);
    let last = s.timeline.rows.len() - 1;
    s.timeline.selected = last;
    let event = s.timeline.events[s.timeline.rows[last]].clone();
    update(&mut s, Action::Open);
    assert_eq!(s.focus, Pane::Reader);
    assert_eq!(s.reader.article, Some(event.article));
    assert_eq!(s.reader.mark, Some(event.timex_range()));
    let line = crate::app::wrap::line_of(&s.reader.lines, event.sentence_range().start);
    assert!(s.reader.scroll <= line && line < s.reader.scroll + s.reader.height, "the sentence is on screen");
    update(&mut s, Action::Back);
    assert_eq!((s.focus, s.side), (Pane::Side, Side::Timeline));
    assert_eq!(s.timeline.selected, last);
}

#[test]
fn narrowing_the_timeline_keeps_one_article() {
    let mut s = seeds();
    update(&mut s, Action::Open);
    let id = s.reader.article.unwrap();
    update(&mut s, Action::NarrowTimeline);
    assert_eq!(s.timeline.scope, TimelineScope::Article(id));
    assert!(s.timeline.rows.iter().all(|&i| s.timeline.events[i].article == id));
    update(&mut s, Action::NarrowTimeline);
    assert_eq!(s.timeline.scope, TimelineScope::All);
}

#[test]
fn n_jumps_between_hits_and_wraps() {
    let mut s = seeds();
    update(&mut s, Action::Open);
    s.reader.hits = vec![0..3, 100..103];
    update(&mut s, Action::NextHit);
    assert_eq!(s.reader.hit_cursor, Some(0));
    update(&mut s, Action::NextHit);
    assert_eq!(s.reader.hit_cursor, Some(1));
    update(&mut s, Action::NextHit);
    assert_eq!(s.reader.hit_cursor, Some(0));
    update(&mut s, Action::PrevHit);
    assert_eq!(s.reader.hit_cursor, Some(1));
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

#[test]
fn the_mouse_wheel_scrolls_the_pane_under_it_and_focuses_it() {
    let mut s = seeds();
    receive(&mut s, Incoming::Resize { width: 30, height: 5 });
    receive(&mut s, Incoming::Mouse { pane: Pane::Reader, step: 3, row: None });
    assert_eq!((s.focus, s.reader.scroll), (Pane::Reader, 3));
    receive(&mut s, Incoming::Mouse { pane: Pane::List, step: 3, row: None });
    assert_eq!((s.focus, s.list.selected), (Pane::List, 3));
    receive(&mut s, Incoming::Mouse { pane: Pane::Side, step: 0, row: None });
    assert_eq!(s.focus, Pane::Side);
    receive(&mut s, Incoming::Mouse { pane: Pane::List, step: 0, row: Some(1) });
    assert_eq!((s.focus, s.list.selected), (Pane::List, 1));
    assert_eq!(s.reader.article, s.selected_article(), "a clicked row is shown in the reader");
}

/// A state whose texts come from the worker, as in the interface.
fn fetched() -> (AppState, crate::runtime::pipeline::Prepared) {
    let p = crate::runtime::pipeline::prepare(&[]).unwrap();
    let mut s = AppState::with_corpus(p.articles.clone(), p.analyses.clone());
    s.texts = Texts::Fetched;
    s.reader.open = None;
    (s, p)
}

#[test]
fn the_reader_asks_for_the_text_and_takes_only_the_answer_for_the_article_it_shows() {
    let (mut s, p) = fetched();
    let effects = update(&mut s, Action::Down);
    let shown = s.reader.article.unwrap();
    let asked = effects.iter().find_map(|e| match e {
        Effect::Search(SearchRequest::Open { article, date }) => Some((*article, *date)),
        _ => None,
    });
    assert_eq!(asked, Some((shown, p.articles[shown as usize].date.map(|d| d.date))));
    assert!(s.open().is_none(), "nothing to show until the text arrives");
    let answer = |id: u32| {
        let a = &p.articles[id as usize];
        Incoming::Search(SearchResponse::Opened {
            article: id,
            result: Ok((Arc::from(a.text.as_str()), Arc::new(p.analyses[id as usize].clone()))),
        })
    };
    let other = (shown + 1) % p.articles.len() as u32;
    receive(&mut s, answer(other));
    assert!(s.open().is_none(), "an answer for an article no longer shown is dropped");
    receive(&mut s, answer(shown));
    assert_eq!(s.open().map(|o| o.id), Some(shown));
    assert!(!s.reader.lines.is_empty(), "the text is laid out");
}

#[test]
fn corpus_wide_names_apply_to_the_analysis_the_reader_gets() {
    let (mut s, p) = fetched();
    update(&mut s, Action::Down);
    let shown = s.reader.article.unwrap();
    let mut analysis = p.analyses[shown as usize].clone();
    let first = analysis.entities[0].clone();
    analysis.entities[0].canonical = "Short".into();
    let mut renames = crate::analysis::identity::Renames::new();
    renames.insert((first.kind, Arc::from("Short")), Arc::clone(&first.canonical));
    receive(&mut s, Incoming::Pipeline(PipelineEvent::Renamed(Arc::new(renames))));
    let text = Arc::from(p.articles[shown as usize].text.as_str());
    receive(
        &mut s,
        Incoming::Search(SearchResponse::Opened { article: shown, result: Ok((text, Arc::new(analysis))) }),
    );
    assert_eq!(s.open().unwrap().analysis.entities[0].canonical, first.canonical);
}

#[test]
fn the_timeline_fetches_the_sentences_it_may_show_once() {
    let (mut s, p) = fetched();
    let effects = update(&mut s, Action::ShowTimeline);
    let wanted: Vec<(u32, std::ops::Range<u32>)> = effects
        .iter()
        .find_map(|e| match e {
            Effect::Search(SearchRequest::Sentences(w)) => Some(w.clone()),
            _ => None,
        })
        .expect("the sentences are asked for");
    let distinct: HashSet<(u32, u32)> = s
        .timeline
        .rows
        .iter()
        .map(|&i| (s.timeline.events[i].article, s.timeline.events[i].sentence.start))
        .collect();
    assert_eq!(wanted.len(), distinct.len(), "each sentence of the rows near the selection, once");
    let again = update(&mut s, Action::Down);
    assert!(
        !again.iter().any(|e| matches!(e, Effect::Search(SearchRequest::Sentences(_)))),
        "sentences on their way are not asked for twice"
    );
    let found = wanted
        .iter()
        .map(|(id, r)| {
            let text = &p.articles[*id as usize].text;
            ((*id, r.start), Arc::from(&text[r.start as usize..r.end as usize]))
        })
        .collect();
    receive(&mut s, Incoming::Search(SearchResponse::Sentences(found)));
    let first = &s.timeline.events[s.timeline.rows[0]];
    let sentence = s.sentence(first).unwrap();
    assert_eq!(sentence, &p.articles[first.article as usize].text[first.sentence_range()]);
}

#[test]
fn an_article_shown_before_it_was_committed_is_asked_for_again() {
    let (mut s, _) = fetched();
    update(&mut s, Action::Down);
    let shown = s.reader.article.unwrap();
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

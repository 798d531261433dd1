//! A watched corpus changing under the user: the place is kept, the views follow.
//! Compiled only under #[cfg(test)], as a part of `app/tests/mod.rs`.

use super::*;
use crate::app::protocol::{CorpusChange, Refresh};
use crate::app::tables::TableRequest;

/// The corpus as the pipeline hands it on after article `removed` went: the last article moved
/// into its place (ids stay dense), and a new article came at the end.
pub(super) fn without(state: &AppState, removed: u32, added: &str) -> Refresh {
    let mut articles = state.articles.clone();
    let mut summaries = state.summaries.to_vec();
    let last = articles.len() - 1;
    let moved = Article { id: removed, ..Article::clone(&articles[last]) };
    articles[removed as usize] = Arc::new(moved);
    summaries[removed as usize] = Arc::clone(&summaries[last]);
    articles.pop();
    summaries.pop();
    let new = Article {
        id: articles.len() as u32,
        path: added.into(),
        title: "A new one".into(),
        ..Article::clone(&articles[0])
    };
    articles.push(Arc::new(new));
    summaries.push(Arc::clone(&summaries[0]));
    Refresh {
        articles,
        places: Default::default(),
        summaries,
        renames: Arc::clone(&state.renames),
        skipped: Vec::new(),
        bytes: 1,
        change: CorpusChange { added: 1, removed: 1, ..CorpusChange::default() },
    }
}

/// Opens the last article of the list and goes back: its id and path.
fn read_the_last_article_and_go_back(s: &mut Session) -> (u32, Box<str>) {
    let last = s.state.articles.len() as u32 - 1;
    while s.state.selected_article() != Some(last) {
        s.act(Action::Down);
    }
    s.act(Action::Open);
    let path = s.state.articles[last as usize].path.clone();
    s.act(Action::Back);
    (last, path)
}

#[test]
fn a_refresh_keeps_the_selection_the_reader_and_its_scroll() {
    let mut s = session();
    // Read an article that neither goes nor moves, scrolled down a little.
    let keep = (1..s.state.articles.len() as u32 - 1).next().unwrap();
    while s.state.selected_article() != Some(keep) {
        s.act(Action::Down);
    }
    s.act(Action::Open);
    s.act(Action::Down);
    s.act(Action::Down);
    let (scroll, path) = (s.state.reader.scroll, s.state.articles[keep as usize].path.clone());
    assert!(scroll > 0);
    let refresh = without(&s.state, 0, "seeds/new.txt");
    let effects = receive(&mut s.state, Incoming::Pipeline(PipelineEvent::Refreshed(Box::new(refresh))));
    assert_eq!(s.state.articles.len(), 5);
    assert_eq!(s.state.list.rows.len(), 5, "the list shows the corpus as it is now");
    assert!(s.state.list.rows.iter().any(|&id| &*s.state.articles[id as usize].path == "seeds/new.txt"));
    assert_eq!(s.state.focus, Pane::Reader);
    let selected = s.state.selected_article().unwrap();
    assert_eq!(s.state.articles[selected as usize].path, path, "the selection follows its article");
    assert_eq!(s.state.reader.article, Some(keep));
    assert_eq!(s.state.reader.scroll, scroll, "the reader stays where it was");
    assert!(s.state.open().is_some(), "its text is still at hand");
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Search(SearchRequest::Open { .. }))),
        "an unchanged article is not read again"
    );
    assert_eq!(s.state.message.as_deref(), Some("+1 article, \u{2212}1 removed"));
}

#[test]
fn a_refresh_reads_a_moved_article_again_and_reruns_the_filter() {
    let mut s = session();
    let (_, path) = read_the_last_article_and_go_back(&mut s);
    s.act(Action::StartFilter);
    s.type_text("Japan");
    s.act(Action::Open);
    let refresh = without(&s.state, 0, "seeds/new.txt");
    let effects = receive(&mut s.state, Incoming::Pipeline(PipelineEvent::Refreshed(Box::new(refresh))));
    let now = s.state.reader.article.unwrap();
    assert_eq!(now, 0, "the moved article has its new id");
    assert_eq!(s.state.articles[now as usize].path, path);
    assert!(effects.iter().any(|e| matches!(e, Effect::Search(SearchRequest::Open { article: 0, .. }))));
    assert!(filter_generation(&effects).is_some_and(|(_, q)| q == "Japan"), "the filter runs again");
    assert!(
        matches!(effects.first(), Some(Effect::Search(SearchRequest::PrepareRanking { .. }))),
        "the deleted article's statistics are worked out first: {effects:?}"
    );
}

#[test]
fn the_seeds_cannot_be_watched_and_a_folder_can() {
    let mut state = seeds();
    assert!(update(&mut state, Action::ToggleWatch).is_empty());
    assert!(!state.watching);
    state.roots = vec!["news".to_string()];
    assert!(matches!(update(&mut state, Action::ToggleWatch)[..], [Effect::Watch(true)]));
    assert!(state.watching);
    assert!(matches!(update(&mut state, Action::ToggleWatch)[..], [Effect::Watch(false)]));
}

#[test]
fn the_history_follows_an_article_a_removal_moved() {
    let mut s = session();
    // Read the last article and go back: that reading is ahead.
    let (last, path) = read_the_last_article_and_go_back(&mut s);
    let ahead = |s: &Session| s.state.history.forward.iter().filter_map(|p| p.reader).collect::<Vec<_>>();
    assert_eq!(ahead(&s).iter().map(|r| r.0).collect::<Vec<_>>(), [last]);
    // Article 0 goes; the last article moves into its place.
    let refresh = without(&s.state, 0, "seeds/new.txt");
    receive(&mut s.state, Incoming::Pipeline(PipelineEvent::Refreshed(Box::new(refresh))));
    assert_eq!(ahead(&s).iter().map(|r| r.0).collect::<Vec<_>>(), [0], "it points at the moved article");
    s.act(Action::Forward);
    assert_eq!(s.state.reader.article, Some(0));
    assert_eq!(s.state.articles[0].path, path, "the article read before, not another");
}

#[test]
fn a_folder_that_cannot_be_watched_turns_watching_off_and_says_why() {
    let mut s = session();
    s.state.watching = true;
    s.take_in(Incoming::Pipeline(PipelineEvent::Unwatched("too many watches".into())));
    assert!(!s.state.watching);
    assert_eq!(s.state.message.as_deref(), Some("cannot watch the folder: too many watches"));
}

fn timeline_request(effects: &[Effect]) -> TableRequest {
    let found = effects.iter().find_map(|e| match e {
        Effect::Table(request @ TableRequest::Timeline { .. }) => Some(request.clone()),
        _ => None,
    });
    found.expect("the refresh asks for the timeline")
}

/// The timeline is built again on the tables thread: until it comes, a removal leaves no
/// events naming the wrong articles, an older build is dropped, and the selection stays on
/// its event, which moved to another id.
#[test]
fn a_refresh_rebuilds_the_timeline_off_the_interface_thread_and_keeps_its_event() {
    use crate::app::tables;
    let mut s = session();
    s.act(Action::ShowTimeline);
    let last = s.state.articles.len() as u32 - 1;
    let row = s.state.timeline.shown().position(|e| e.article == last).unwrap();
    s.state.timeline.selected = row;
    s.state.timeline.touched = true;
    let start = s.state.selected_event().unwrap().start;
    let refresh = without(&s.state, 0, "seeds/a.txt");
    let first = timeline_request(&receive(
        &mut s.state,
        Incoming::Pipeline(PipelineEvent::Refreshed(Box::new(refresh))),
    ));
    assert!(s.state.timeline.building);
    assert!(
        matches!(&first, TableRequest::Timeline { before: Some(b), .. } if !b.events.is_empty()),
        "brought up to date from the events it had"
    );
    assert!(s.state.timeline.rows.is_empty(), "ids moved: the old events would name other articles");
    assert!(
        s.draw_offscreen()
            .unwrap()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect::<String>()
            .contains("putting the events in order")
    );
    // Another change before the timeline came: article 1 goes (the new one takes its id).
    let refresh = without(&s.state, 1, "seeds/b.txt");
    let second = timeline_request(&receive(
        &mut s.state,
        Incoming::Pipeline(PipelineEvent::Refreshed(Box::new(refresh))),
    ));
    assert!(
        matches!(&second, TableRequest::Timeline { before: None, .. }),
        "the timeline being built is not yet the summaries' own: built afresh"
    );
    receive(&mut s.state, Incoming::Table(tables::answer(first)));
    assert!(s.state.timeline.events.is_empty(), "an older build is dropped");
    let effects = receive(&mut s.state, Incoming::Table(tables::answer(second)));
    assert!(!s.state.timeline.building);
    // Nothing filters: every event is a row at once, not asked of the tables thread.
    assert!(!effects.iter().any(|e| matches!(e, Effect::Table(_))), "{effects:?}");
    assert!(!s.state.timeline.picking);
    let every = crate::analysis::timeline::Rows::Every(s.state.timeline.events.len() as u32);
    assert_eq!(s.state.timeline.rows, every);
    s.queue_effects(effects);
    s.settle();
    assert_eq!(
        *s.state.timeline.events,
        crate::analysis::timeline::build(&s.state.summaries, &s.state.places)
    );
    let event = s.state.selected_event().unwrap();
    assert_eq!((event.article, event.start), (0, start), "the last article moved to id 0");
}

/// Files only added: the timeline is built again with the new article's events, the selected
/// event still selected.
#[test]
fn an_addition_rebuilds_the_timeline_and_keeps_the_selected_event() {
    let mut s = session();
    s.act(Action::ShowTimeline);
    s.act(Action::Down);
    s.act(Action::Down);
    let selected = s.state.selected_event().cloned().unwrap();
    let shown = s.state.timeline.rows.len();
    let mut refresh = without(&s.state, 0, "seeds/new.txt");
    // The same corpus with one more article: nothing removed, no id moved.
    refresh.articles = s.state.articles.clone();
    refresh.summaries = s.state.summaries.to_vec();
    let new = Article {
        id: refresh.articles.len() as u32,
        path: "seeds/new.txt".into(),
        ..Article::clone(&refresh.articles[0])
    };
    refresh.articles.push(Arc::new(new));
    refresh.summaries.push(Arc::clone(&refresh.summaries[0]));
    refresh.change = CorpusChange { added: 1, ..CorpusChange::default() };
    let effects = receive(&mut s.state, Incoming::Pipeline(PipelineEvent::Refreshed(Box::new(refresh))));
    timeline_request(&effects);
    assert!(s.state.timeline.building);
    assert!(s.state.timeline.events.is_empty(), "the old events go before the new are built");
    s.queue_effects(effects);
    s.settle();
    assert!(!s.state.timeline.building);
    assert!(s.state.timeline.rows.len() > shown, "the new article's events are in");
    assert_eq!(s.state.selected_event(), Some(&selected));
}

/// The interface shows a cached corpus before its folder is checked: it says so, then what
/// the check found; a change comes in as a watched folder's does.
#[test]
fn a_corpus_shown_from_the_cache_says_it_is_being_checked_then_what_was_found() {
    use crate::app::protocol::Timings;
    let done = || PipelineEvent::Done { millis: 5, timings: Timings::default(), from_cache: true };
    let mut s = session();
    s.take_in(Incoming::Pipeline(PipelineEvent::Checking));
    s.take_in(Incoming::Pipeline(done()));
    assert!(s.state.progress.checking);
    assert_eq!(s.state.message.as_deref(), Some("loaded from the cache; checking the folder for changes"));
    s.take_in(Incoming::Pipeline(PipelineEvent::Checked));
    assert!(!s.state.progress.checking);
    assert_eq!(s.state.message.as_deref(), Some("unchanged since it was last opened: loaded from the cache"));

    s.take_in(Incoming::Pipeline(PipelineEvent::Checking));
    s.take_in(Incoming::Pipeline(done()));
    let refresh = without(&s.state, 0, "seeds/new.txt");
    let change = refresh.change;
    s.take_in(Incoming::Pipeline(PipelineEvent::Refreshed(Box::new(refresh))));
    s.take_in(Incoming::Pipeline(PipelineEvent::Updated(change)));
    assert!(!s.state.progress.checking);
    assert!(s.state.articles.iter().any(|a| &*a.path == "seeds/new.txt"));
    assert_eq!(s.state.message.as_deref(), Some("updated from the folder: +1 article, \u{2212}1 removed"));
}

/// The selected event's article goes: no event is looked for in its place, where the old ids
/// would name another article.
#[test]
fn a_removed_articles_event_is_not_looked_for_after_a_refresh() {
    let mut s = session();
    s.act(Action::ShowTimeline);
    let row = s.state.timeline.shown().position(|e| e.article == 0).unwrap();
    s.state.timeline.selected = row;
    s.state.timeline.touched = true;
    let refresh = without(&s.state, 0, "seeds/new.txt");
    let effects = receive(&mut s.state, Incoming::Pipeline(PipelineEvent::Refreshed(Box::new(refresh))));
    timeline_request(&effects);
    assert_eq!(s.state.timeline.wanted, None);
}

/// Changes that come one after another while the user does nothing are told together (a
/// folder removed file by file comes as several); after a key, the next change is told alone.
#[test]
fn changes_taken_in_while_the_user_does_nothing_are_told_together() {
    let mut s = session();
    let change = |added, removed| CorpusChange { added, removed, ..CorpusChange::default() };
    let take_in = |s: &mut Session, told: CorpusChange| {
        let refresh = Refresh { change: told, ..without(&s.state, 0, "seeds/new.txt") };
        receive(&mut s.state, Incoming::Pipeline(PipelineEvent::Refreshed(Box::new(refresh))));
    };
    take_in(&mut s, change(0, 584));
    assert_eq!(s.state.message.as_deref(), Some("\u{2212}584 removed"));
    take_in(&mut s, change(0, 9416));
    assert_eq!(s.state.message.as_deref(), Some("\u{2212}10000 removed"));
    take_in(&mut s, change(2, 0));
    assert_eq!(s.state.message.as_deref(), Some("+2 articles, \u{2212}10000 removed"));
    s.act(Action::Down);
    assert_eq!(s.state.message, None);
    take_in(&mut s, change(1, 0));
    assert_eq!(s.state.message.as_deref(), Some("+1 article"), "told alone after a key");
}

//! `update` and `receive`: the only places the state changes. Neither does I/O; work for the
//! search worker goes out as [`Effect`]s.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::protocol::{Effect, Incoming, PipelineEvent, SearchRequest, SearchResponse};
use super::{Action, AppState, EntityStat, Location, OpenArticle, Pane, Side, SortKey, TimelineScope};
use crate::analysis::identity;
use crate::analysis::timeline::TimelineEvent;
use crate::app::wrap;

/// Lines kept above a line the reader jumps to.
const CONTEXT_LINES: usize = 2;
/// Up to this many articles, the views are rebuilt on every batch.
const EAGER_REBUILD_ARTICLES: usize = 5_000;
/// Otherwise at most this often (pipeline time) while loading.
const REBUILD_EVERY_MS: u64 = 500;
/// Plus a millisecond per this many articles (100,000 articles: every 2.5 s).
const REBUILD_ARTICLES_PER_MS: usize = 50;
/// Related articles listed.
const RELATED_SHOWN: usize = 50;

pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    let mut effects = apply_action(state, action);
    effects.extend(sentence_requests(state));
    effects
}

pub fn receive(state: &mut AppState, incoming: Incoming) -> Vec<Effect> {
    let mut effects = take_in(state, incoming);
    effects.extend(sentence_requests(state));
    effects
}

/// Timeline rows around the selection whose sentences may be on screen.
const SENTENCES_AROUND: usize = 80;
/// Fetched sentences kept; past this the cache starts over.
const SENTENCES_KEPT: usize = 4_000;

/// Asks the worker for the sentences of the timeline rows near the selection that are not at
/// hand: texts are not held in memory, so the timeline fetches what it may show.
fn sentence_requests(state: &mut AppState) -> Vec<Effect> {
    if state.timeline.rows.is_empty() {
        return Vec::new();
    }
    if state.timeline.sentences.len() > SENTENCES_KEPT {
        state.timeline.sentences.clear();
        state.timeline.requested.clear();
    }
    let from = state.timeline.selected.saturating_sub(SENTENCES_AROUND);
    let to = (state.timeline.selected + SENTENCES_AROUND).min(state.timeline.rows.len());
    let mut wanted = Vec::new();
    for &i in &state.timeline.rows[from..to] {
        let Some(e) = state.timeline.events.get(i) else { continue };
        let key = (e.article, e.sentence.start);
        if !state.timeline.sentences.contains_key(&key) && state.timeline.requested.insert(key) {
            wanted.push((e.article, e.sentence.clone()));
        }
    }
    if wanted.is_empty() { Vec::new() } else { vec![Effect::Search(SearchRequest::Sentences(wanted))] }
}

fn apply_action(state: &mut AppState, action: Action) -> Vec<Effect> {
    if state.help && !matches!(action, Action::Quit) {
        if matches!(action, Action::ToggleHelp | Action::ClearFilter | Action::Back) {
            state.help = false;
        }
        return Vec::new();
    }
    if state.filter.editing {
        return match action {
            Action::Open => submit_filter(state),
            Action::ClearFilter => clear_filter(state),
            _ => Vec::new(),
        };
    }
    state.message = None;
    match action {
        Action::Quit => state.quit = true,
        Action::ToggleHelp => state.help = true,
        Action::FocusNext => state.focus = cycle_focus(state.focus, true),
        Action::FocusPrev => state.focus = cycle_focus(state.focus, false),
        Action::Up => return move_by(state, -1),
        Action::Down => return move_by(state, 1),
        Action::PageUp => return move_by(state, -(page(state) as isize)),
        Action::PageDown => return move_by(state, page(state) as isize),
        Action::Top => return move_by(state, isize::MIN / 2),
        Action::Bottom => return move_by(state, isize::MAX / 2),
        Action::Open => return open(state),
        Action::Back => return go_back(state),
        Action::Forward => return go_forward(state),
        Action::StartFilter => {
            state.filter.before = Some(current_location(state));
            state.filter.editing = true;
            state.filter.input = state.filter.applied.clone().unwrap_or_default();
        }
        Action::ClearFilter => {
            if state.filter.applied.is_some() {
                return clear_filter(state);
            }
        }
        Action::ShowRelated => return show_related(state),
        Action::ShowEntities => {
            state.side = Side::Entities;
            state.focus = Pane::Side;
            rebuild_entities(state);
        }
        Action::ShowTimeline => {
            state.side = Side::Timeline;
            state.focus = Pane::Side;
        }
        Action::ShowSkipped => {
            state.side = Side::Skipped;
            state.focus = Pane::Side;
        }
        Action::NextHit => jump_hit(state, true),
        Action::PrevHit => jump_hit(state, false),
        Action::NextEntity => jump_entity(state, true),
        Action::PrevEntity => jump_entity(state, false),
        Action::CycleSort => {
            state.list.sort = match state.list.sort {
                SortKey::Date => SortKey::Title,
                SortKey::Title if state.filter.applied.is_some() => SortKey::Relevance,
                SortKey::Title | SortKey::Relevance => SortKey::Date,
            };
            rebuild_rows(state);
        }
        Action::NarrowTimeline => narrow_timeline(state),
        Action::ZoomIn => state.timeline.zoom = state.timeline.zoom.finer(),
        Action::ZoomOut => state.timeline.zoom = state.timeline.zoom.coarser(),
        Action::ToggleKind(kind) => {
            if !state.reader.hidden.remove(&kind) {
                state.reader.hidden.insert(kind);
            }
            state.reader.entity_cursor = None;
        }
    }
    Vec::new()
}

fn take_in(state: &mut AppState, incoming: Incoming) -> Vec<Effect> {
    match incoming {
        Incoming::Pipeline(event) => return pipeline_event(state, event),
        Incoming::Search(response) => return search_response(state, response),
        Incoming::Resize { width, height } => {
            if width != state.reader.width {
                let anchor = state.reader.lines.get(state.reader.scroll).map(|l| l.start);
                state.reader.width = width;
                rewrap(state);
                if let Some(pos) = anchor {
                    state.reader.scroll = wrap::line_of(&state.reader.lines, pos);
                }
            }
            state.reader.height = height.max(1);
        }
        Incoming::Mouse { pane, step, row } => {
            state.focus = pane;
            if let Some(row) = row.filter(|&r| r < state.list.rows.len()) {
                state.list.selected = row;
                return preview_selected(state);
            }
            if step != 0 {
                return move_by(state, step);
            }
        }
        Incoming::PromptChar(c) if state.filter.editing => {
            state.filter.input.push(c);
            return run_filter(state);
        }
        Incoming::PromptPaste(text) if state.filter.editing => {
            // A pasted line ends the query at its first line break.
            let line = text.lines().next().unwrap_or("");
            state.filter.input.extend(line.chars().filter(|c| !c.is_control()));
            return run_filter(state);
        }
        Incoming::PromptBackspace if state.filter.editing => {
            state.filter.input.pop();
            return run_filter(state);
        }
        Incoming::PromptChar(_) | Incoming::PromptPaste(_) | Incoming::PromptBackspace => {}
    }
    Vec::new()
}

fn pipeline_event(state: &mut AppState, event: PipelineEvent) -> Vec<Effect> {
    match event {
        PipelineEvent::Discovered { files, bytes } => {
            state.progress.files = files;
            state.progress.bytes_total = bytes;
        }
        PipelineEvent::Batch { articles, skipped, bytes, elapsed_ms } => {
            state.skipped.extend(skipped);
            state.progress.bytes_done += bytes;
            for a in articles {
                put(state, a);
            }
            catch_up(state, elapsed_ms);
            if state.reader.article.is_none() {
                return preview_selected(state);
            }
        }
        PipelineEvent::Indexed { articles } => {
            state.progress.indexed = articles;
            // An article shown before its text was committed is asked for again.
            let mut effects = match state.reader.article {
                Some(id) if state.open().is_none() => {
                    let date = state.article(id).and_then(|a| a.date).map(|d| d.date);
                    vec![Effect::Search(SearchRequest::Open { article: id, date })]
                }
                _ => Vec::new(),
            };
            if state.filter.applied.is_some() || state.filter.editing {
                effects.extend(run_filter(state));
            }
            return effects;
        }
        PipelineEvent::Revised { summaries, redated, elapsed_ms } => {
            state.progress.analyzed = (state.progress.analyzed + summaries.len()).min(state.articles.len());
            for (id, summary) in summaries {
                if let Some(slot) = state.summaries.get_mut(id as usize) {
                    *slot = summary;
                }
            }
            for a in redated {
                put(state, a);
            }
            catch_up(state, elapsed_ms);
        }
        PipelineEvent::Renamed(renames) => {
            state.renames = renames;
            if let Some(open) = &mut state.reader.open {
                open.analysis = identity::renamed(&state.renames, &open.analysis);
            }
        }
        PipelineEvent::Done { millis, from_cache, .. } => {
            if from_cache {
                state.message = Some("unchanged since it was last opened: loaded from the cache".to_string());
            }
            state.progress.done = true;
            state.progress.elapsed_ms = millis;
            rebuild_timeline(state);
            rebuild_rows(state);
            rebuild_entities(state);
        }
        PipelineEvent::Failed(message) => state.progress.failed = Some(message),
        PipelineEvent::Notice(message) => {
            state.message = Some(message.clone());
            state.progress.notices.push(message);
        }
    }
    Vec::new()
}

/// Re-sorting a large corpus on every batch would stall the screen: while loading, the views
/// catch up a few times a second, and fully when it is done.
fn catch_up(state: &mut AppState, elapsed_ms: u64) {
    state.progress.elapsed_ms = state.progress.elapsed_ms.max(elapsed_ms);
    // A rebuild sorts every event, so a larger corpus waits longer between them.
    let every_ms = REBUILD_EVERY_MS + (state.articles.len() / REBUILD_ARTICLES_PER_MS) as u64;
    if state.articles.len() <= EAGER_REBUILD_ARTICLES || elapsed_ms >= state.progress.rebuilt_ms + every_ms {
        state.progress.rebuilt_ms = elapsed_ms;
        rebuild_timeline(state);
        rebuild_rows(state);
    }
}

/// Stores an article at its id; a new one has an empty summary until it is analyzed.
fn put(state: &mut AppState, article: Arc<crate::corpus::Article>) {
    let i = article.id as usize;
    if i < state.articles.len() {
        state.articles[i] = article;
    } else if i == state.articles.len() {
        state.articles.push(article);
        state.summaries.push(super::unanalyzed());
    }
}

fn search_response(state: &mut AppState, response: SearchResponse) -> Vec<Effect> {
    match response {
        SearchResponse::Filtered { generation, query, result } => {
            if generation != state.filter.generation {
                return Vec::new();
            }
            match result {
                Ok(hits) => {
                    state.filter.applied = Some(query);
                    state.filter.error = None;
                    state.filter.scores = hits.iter().map(|h| (h.id, h.score)).collect();
                    state.filter.counts.clear();
                    rebuild_rows(state);
                    rebuild_timeline(state);
                    // While the user is in the list, the reader follows its selection; an
                    // article that stays asks for the new query's hits.
                    let shown = state.reader.article;
                    let mut effects = Vec::new();
                    if state.focus == Pane::List || state.filter.editing {
                        effects = preview_selected(state);
                    }
                    if state.reader.article == shown {
                        effects.extend(highlight_request(state));
                    }
                    return effects;
                }
                Err(message) => state.filter.error = Some(message),
            }
        }
        SearchResponse::Counted { generation, counts } => {
            if generation == state.filter.generation {
                state.filter.counts = counts;
            }
        }
        SearchResponse::Highlighted { generation, article, ranges } => {
            if generation == state.filter.generation && state.reader.article == Some(article) {
                state.reader.hits = ranges;
                state.reader.hit_cursor = None;
            }
        }
        SearchResponse::Related { article, hits } => {
            if state.related.article != Some(article) {
                return Vec::new();
            }
            let Some(base) = state.summaries.get(article as usize).cloned() else {
                return Vec::new();
            };
            let summaries = &state.summaries;
            state.related.items = crate::analysis::related::rank(
                &base,
                &hits,
                |id| summaries.get(id as usize).map(Arc::as_ref),
                RELATED_SHOWN,
            );
            state.related.selected = 0;
            state.related.pending = false;
        }
        SearchResponse::Opened { article, result } => {
            if state.reader.article != Some(article) {
                return Vec::new();
            }
            match result {
                Ok((text, analysis)) => {
                    let analysis = identity::renamed(&state.renames, &analysis);
                    opened(state, OpenArticle { id: article, text, analysis });
                }
                // Not committed yet: asked for again when the index catches up.
                Err(_) if (article as usize) >= state.progress.indexed => {}
                Err(message) => state.message = Some(message),
            }
        }
        SearchResponse::Failed { message, damaged } => {
            if damaged {
                forget_corpus(state);
                state.message = Some(format!("{message}: the index is damaged, loading the corpus again"));
                return vec![Effect::Reload];
            }
            state.message = Some(message);
        }
        SearchResponse::Sentences(found) => {
            for (key, sentence) in found {
                state.timeline.requested.remove(&key);
                state.timeline.sentences.insert(key, sentence);
            }
        }
    }
    Vec::new()
}

/// Drops everything known about the corpus before it is loaded again (ids may change), keeping
/// the user's settings and filter.
fn forget_corpus(state: &mut AppState) {
    let fresh = AppState::default();
    state.articles = fresh.articles;
    state.summaries = fresh.summaries;
    state.renames = fresh.renames;
    state.skipped = fresh.skipped;
    state.skipped_selected = 0;
    state.progress = fresh.progress;
    state.list.rows.clear();
    state.list.selected = 0;
    state.filter.scores.clear();
    state.filter.counts.clear();
    state.reader = super::ReaderState {
        width: state.reader.width,
        height: state.reader.height,
        hidden: std::mem::take(&mut state.reader.hidden),
        ..fresh.reader
    };
    state.timeline = super::TimelineState { zoom: state.timeline.zoom, ..fresh.timeline };
    state.related = fresh.related;
    state.entities = fresh.entities;
    state.history = fresh.history;
}

/// Asks for the search hits in the open article, for the current filter.
fn highlight_request(state: &AppState) -> Vec<Effect> {
    match (&state.filter.applied, state.reader.article) {
        (Some(query), Some(article)) => vec![Effect::Search(SearchRequest::Highlight {
            generation: state.filter.generation,
            article,
            query: query.clone(),
        })],
        _ => Vec::new(),
    }
}

fn cycle_focus(focus: Pane, forward: bool) -> Pane {
    match (focus, forward) {
        (Pane::List, true) | (Pane::Side, false) => Pane::Reader,
        (Pane::Reader, true) | (Pane::List, false) => Pane::Side,
        (Pane::Side, true) | (Pane::Reader, false) => Pane::List,
    }
}

fn page(state: &AppState) -> usize {
    state.reader.height.saturating_sub(2).max(1)
}

fn step(current: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (current as isize).saturating_add(delta).clamp(0, len as isize - 1) as usize
}

fn move_by(state: &mut AppState, delta: isize) -> Vec<Effect> {
    match state.focus {
        Pane::List => {
            state.list.selected = step(state.list.selected, delta, state.list.rows.len());
            return preview_selected(state);
        }
        Pane::Reader => {
            let max = state.reader.lines.len().saturating_sub(state.reader.height);
            state.reader.scroll = step(state.reader.scroll, delta, max + 1);
        }
        Pane::Side => match state.side {
            Side::Timeline => {
                state.timeline.selected = step(state.timeline.selected, delta, state.timeline.rows.len())
            }
            Side::Related => {
                state.related.selected = step(state.related.selected, delta, state.related.items.len())
            }
            Side::Entities => {
                state.entities.selected = step(state.entities.selected, delta, state.entities.corpus.len());
                cooccurring(state);
            }
            Side::Skipped => {
                state.skipped_selected = step(state.skipped_selected, delta, state.skipped.len())
            }
        },
    }
    Vec::new()
}

/// Shows the selected list article in the reader without moving the focus.
fn preview_selected(state: &mut AppState) -> Vec<Effect> {
    match state.selected_article() {
        Some(id) if state.reader.article != Some(id) => show_article(state, id, None, None),
        _ => Vec::new(),
    }
}

fn show_article(
    state: &mut AppState,
    id: u32,
    at: Option<usize>,
    mark: Option<std::ops::Range<usize>>,
) -> Vec<Effect> {
    state.reader.article = Some(id);
    state.reader.hits.clear();
    state.reader.hit_cursor = None;
    state.reader.entity_cursor = None;
    state.reader.mark = mark;
    state.reader.pending_at = at;
    state.reader.scroll = 0;
    if let Some(row) = state.list.rows.iter().position(|&r| r == id) {
        state.list.selected = row;
    }
    state.reader.lines.clear();
    let date = state.article(id).and_then(|a| a.date).map(|d| d.date);
    let mut effects = highlight_request(state);
    effects.push(Effect::Search(SearchRequest::Open { article: id, date }));
    effects
}

/// The shown article's text is at hand: lay it out and go where the reader was headed.
fn opened(state: &mut AppState, article: OpenArticle) {
    state.reader.open = Some(article);
    rewrap(state);
    state.reader.scroll = state
        .reader
        .pending_at
        .take()
        .map_or(0, |pos| wrap::line_of(&state.reader.lines, pos).saturating_sub(CONTEXT_LINES));
}

fn rewrap(state: &mut AppState) {
    state.reader.lines = match state.open() {
        Some(open) => wrap::wrap(&open.text, state.reader.width),
        None => Vec::new(),
    };
}

fn current_location(state: &AppState) -> Location {
    match (state.focus, state.side) {
        (Pane::Reader, _) => match state.reader.article {
            Some(article) => Location::Reader { article, scroll: state.reader.scroll },
            None => Location::List { filter: state.filter.applied.clone(), article: None },
        },
        (Pane::Side, Side::Timeline) => Location::Timeline {
            event: state.timeline.rows.get(state.timeline.selected).copied().unwrap_or(0),
        },
        _ => Location::List { filter: state.filter.applied.clone(), article: state.selected_article() },
    }
}

fn remember(state: &mut AppState) {
    let here = current_location(state);
    push_history(state, here);
}

fn push_history(state: &mut AppState, here: Location) {
    if state.history.back.last() != Some(&here) {
        state.history.back.push(here);
    }
    state.history.forward.clear();
}

fn open(state: &mut AppState) -> Vec<Effect> {
    match state.focus {
        Pane::List => {
            let Some(id) = state.selected_article() else {
                return Vec::new();
            };
            remember(state);
            state.focus = Pane::Reader;
            if state.reader.article == Some(id) { Vec::new() } else { show_article(state, id, None, None) }
        }
        Pane::Reader => {
            let name = state
                .reader
                .entity_cursor
                .and_then(|i| state.visible_entities().get(i).map(|e| e.canonical.to_string()));
            match name {
                Some(name) => filter_by_entity(state, &name),
                None => Vec::new(),
            }
        }
        Pane::Side => match state.side {
            Side::Timeline => {
                let Some(event) = state
                    .timeline
                    .rows
                    .get(state.timeline.selected)
                    .and_then(|&i| state.timeline.events.get(i))
                    .cloned()
                else {
                    return Vec::new();
                };
                remember(state);
                state.focus = Pane::Reader;
                show_article(
                    state,
                    event.article,
                    Some(event.sentence_range().start),
                    Some(event.timex_range()),
                )
            }
            Side::Related => {
                let Some(id) = state.related.items.get(state.related.selected).map(|r| r.id) else {
                    return Vec::new();
                };
                remember(state);
                state.focus = Pane::Reader;
                show_article(state, id, None, None)
            }
            Side::Entities => {
                let Some(name) = state.entities.corpus.get(state.entities.selected).map(|e| e.name.clone())
                else {
                    return Vec::new();
                };
                filter_by_entity(state, &name)
            }
            Side::Skipped => Vec::new(),
        },
    }
}

/// The query that finds the articles mentioning an entity.
pub fn entity_query(name: &str) -> String {
    format!("entity:\"{}\"", name.replace('"', " "))
}

fn filter_by_entity(state: &mut AppState, name: &str) -> Vec<Effect> {
    remember(state);
    state.filter.input = entity_query(name);
    state.focus = Pane::List;
    run_filter(state)
}

fn restore(state: &mut AppState, location: Location) -> Vec<Effect> {
    match location {
        Location::List { filter, article } => {
            state.focus = Pane::List;
            let mut effects = Vec::new();
            if filter != state.filter.applied {
                state.filter.input = filter.clone().unwrap_or_default();
                effects = match filter {
                    Some(_) => run_filter(state),
                    None => clear_filter(state),
                };
            }
            if let Some(row) = article.and_then(|id| state.list.rows.iter().position(|&r| r == id)) {
                state.list.selected = row;
                effects.extend(preview_selected(state));
            }
            effects
        }
        Location::Reader { article, scroll } => {
            state.focus = Pane::Reader;
            let effects = if state.reader.article == Some(article) {
                Vec::new()
            } else {
                show_article(state, article, None, None)
            };
            state.reader.scroll = scroll;
            effects
        }
        Location::Timeline { event } => {
            state.focus = Pane::Side;
            state.side = Side::Timeline;
            if let Some(row) = state.timeline.rows.iter().position(|&i| i == event) {
                state.timeline.selected = row;
            }
            Vec::new()
        }
    }
}

fn go_back(state: &mut AppState) -> Vec<Effect> {
    let Some(previous) = state.history.back.pop() else {
        state.message = Some("nothing to go back to".to_string());
        return Vec::new();
    };
    let here = current_location(state);
    state.history.forward.push(here);
    restore(state, previous)
}

fn go_forward(state: &mut AppState) -> Vec<Effect> {
    let Some(next) = state.history.forward.pop() else {
        return Vec::new();
    };
    let here = current_location(state);
    state.history.back.push(here);
    restore(state, next)
}

fn run_filter(state: &mut AppState) -> Vec<Effect> {
    state.filter.generation += 1;
    let query = state.filter.input.trim().to_string();
    if query.is_empty() {
        state.reader.hits.clear();
        state.reader.hit_cursor = None;
        state.filter.applied = None;
        state.filter.error = None;
        state.filter.scores.clear();
        state.filter.counts.clear();
        rebuild_rows(state);
        rebuild_timeline(state);
        return Vec::new();
    }
    vec![Effect::Search(SearchRequest::Filter { generation: state.filter.generation, query })]
}

fn submit_filter(state: &mut AppState) -> Vec<Effect> {
    state.filter.editing = false;
    let query = state.filter.input.trim().to_string();
    remember_before_filter(state, &query);
    if query != state.filter.applied.as_deref().unwrap_or("") {
        return run_filter(state);
    }
    Vec::new()
}

/// Records where the user was before the prompt opened, if the filter changes it. Results
/// may have arrived while typing, so the filter on screen says nothing about what was there.
fn remember_before_filter(state: &mut AppState, query: &str) {
    let Some(before) = state.filter.before.take() else { return };
    let filter_before = match &before {
        Location::List { filter, .. } => filter.clone(),
        _ => None,
    };
    if filter_before.as_deref().unwrap_or("") != query {
        push_history(state, before);
    }
}

fn clear_filter(state: &mut AppState) -> Vec<Effect> {
    state.filter.editing = false;
    state.filter.input.clear();
    remember_before_filter(state, "");
    run_filter(state)
}

fn show_related(state: &mut AppState) -> Vec<Effect> {
    state.side = Side::Related;
    state.focus = Pane::Side;
    match state.reader.article.or_else(|| state.selected_article()) {
        Some(id) => relate(state, id),
        None => Vec::new(),
    }
}

/// Asks for the articles related to `id`, unless they are the ones shown.
pub fn relate(state: &mut AppState, id: u32) -> Vec<Effect> {
    if state.related.article == Some(id) {
        return Vec::new();
    }
    state.related.article = Some(id);
    state.related.items.clear();
    state.related.selected = 0;
    state.related.pending = true;
    vec![Effect::Search(SearchRequest::Related { article: id })]
}

fn jump_hit(state: &mut AppState, forward: bool) {
    let n = state.reader.hits.len();
    if n == 0 {
        state.message = Some("no search hits in this article".to_string());
        return;
    }
    let i = match state.reader.hit_cursor {
        None if forward => 0,
        None => n - 1,
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
    };
    state.reader.hit_cursor = Some(i);
    let pos = state.reader.hits[i].start;
    scroll_to(state, pos);
    state.focus = Pane::Reader;
}

fn jump_entity(state: &mut AppState, forward: bool) {
    let starts: Vec<usize> = state.visible_entities().iter().map(|e| e.start).collect();
    let n = starts.len();
    if n == 0 {
        state.message = Some("no entities shown in this article".to_string());
        return;
    }
    let i = match state.reader.entity_cursor {
        None if forward => 0,
        None => n - 1,
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
    };
    state.reader.entity_cursor = Some(i);
    scroll_to(state, starts[i]);
    state.focus = Pane::Reader;
}

/// Scrolls the reader so that byte `pos` is on screen, keeping the view still if it already is.
fn scroll_to(state: &mut AppState, pos: usize) {
    let line = wrap::line_of(&state.reader.lines, pos);
    let visible = state.reader.scroll..state.reader.scroll + state.reader.height;
    if !visible.contains(&line) {
        state.reader.scroll = line.saturating_sub(CONTEXT_LINES);
    }
}

fn narrow_timeline(state: &mut AppState) {
    state.timeline.scope = match (&state.timeline.scope, state.side, state.focus) {
        (TimelineScope::All, Side::Entities, Pane::Side) => {
            match state.entities.corpus.get(state.entities.selected) {
                Some(e) => TimelineScope::Entity(e.name.clone()),
                None => TimelineScope::All,
            }
        }
        (TimelineScope::All, _, _) => match state.reader.article.or_else(|| state.selected_article()) {
            Some(id) => TimelineScope::Article(id),
            None => TimelineScope::All,
        },
        _ => TimelineScope::All,
    };
    state.side = Side::Timeline;
    state.focus = Pane::Side;
    let scope = state.timeline.scope.clone();
    scope_timeline(state, scope);
}

/// Shows the timeline of `scope` (the whole corpus, one article or one entity) from its start.
pub fn scope_timeline(state: &mut AppState, scope: TimelineScope) {
    state.timeline.scope = scope;
    state.timeline.selected = 0;
    rebuild_timeline(state);
}

/// Recomputes the list rows from the articles, the filter and the sort key, keeping the
/// selected article selected.
pub(crate) fn rebuild_rows(state: &mut AppState) {
    let keep = state.selected_article();
    let mut rows: Vec<u32> = match state.filter.applied {
        Some(_) => {
            state.filter.scores.keys().copied().filter(|&id| (id as usize) < state.articles.len()).collect()
        }
        None => (0..state.articles.len() as u32).collect(),
    };
    let arts = &state.articles;
    match state.list.sort {
        SortKey::Date => rows.sort_by(|&a, &b| {
            let (x, y) = (&arts[a as usize], &arts[b as usize]);
            y.date.map(|d| d.date).cmp(&x.date.map(|d| d.date)).then_with(|| a.cmp(&b))
        }),
        SortKey::Title => rows.sort_by_cached_key(|&a| (arts[a as usize].title.to_lowercase(), a)),
        SortKey::Relevance => {
            let scores = &state.filter.scores;
            rows.sort_by(|a, b| {
                scores.get(b).unwrap_or(&0.0).total_cmp(scores.get(a).unwrap_or(&0.0)).then(a.cmp(b))
            });
        }
    }
    state.list.rows = rows;
    state.list.selected = keep
        .and_then(|id| state.list.rows.iter().position(|&r| r == id))
        .unwrap_or(0)
        .min(state.list.rows.len().saturating_sub(1));
}

/// Recomputes the timeline's events and the rows that pass the filter and scope.
pub(crate) fn rebuild_timeline(state: &mut AppState) {
    let keep =
        state.timeline.rows.get(state.timeline.selected).and_then(|&i| state.timeline.events.get(i)).cloned();
    state.timeline.events = crate::analysis::timeline::build(
        state.summaries.iter().enumerate().map(|(i, s)| (i as u32, s.as_ref())),
    );
    let filtered = state.filter.applied.as_ref().map(|_| &state.filter.scores);
    let scope = &state.timeline.scope;
    let summaries = &state.summaries;
    // An entity's timeline holds the events whose own sentence names it.
    let names_entity = |e: &TimelineEvent, name: &str| {
        summaries.get(e.article as usize).is_some_and(|s| {
            s.events.get(e.event as usize).is_some_and(|d| s.sentence_names(d).any(|n| *n.name == *name))
        })
    };
    state.timeline.rows = state
        .timeline
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| filtered.is_none_or(|s| s.contains_key(&e.article)))
        .filter(|(_, e)| match scope {
            TimelineScope::All => true,
            TimelineScope::Article(id) => e.article == *id,
            TimelineScope::Entity(name) => names_entity(e, name),
        })
        .map(|(i, _)| i)
        .collect();
    state.timeline.selected = keep
        .and_then(|k| state.timeline.rows.iter().position(|&i| state.timeline.events[i] == k))
        .unwrap_or(state.timeline.selected)
        .min(state.timeline.rows.len().saturating_sub(1));
}

/// Counts each entity's mentions and articles across the corpus.
pub(crate) fn rebuild_entities(state: &mut AppState) {
    let mut stats: HashMap<(&str, crate::analysis::EntityKind), (usize, Vec<u32>)> = HashMap::new();
    for (id, summary) in state.summaries.iter().enumerate() {
        for e in &summary.entities {
            let entry = stats.entry((&*e.name, e.kind)).or_default();
            entry.0 += e.mentions as usize;
            if entry.1.last() != Some(&(id as u32)) {
                entry.1.push(id as u32);
            }
        }
    }
    let mut corpus: Vec<EntityStat> = stats
        .into_iter()
        .map(|((name, kind), (mentions, articles))| EntityStat {
            name: name.to_string(),
            kind,
            mentions,
            articles,
        })
        .collect();
    // By kind (people first), then the most widespread first.
    corpus.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.articles.len().cmp(&a.articles.len()))
            .then(b.mentions.cmp(&a.mentions))
            .then(a.name.cmp(&b.name))
    });
    state.entities.corpus = corpus;
    state.entities.selected = state.entities.selected.min(state.entities.corpus.len().saturating_sub(1));
    cooccurring(state);
}

/// The entities found in the same articles as the selected one.
fn cooccurring(state: &mut AppState) {
    let Some(sel) = state.entities.corpus.get(state.entities.selected) else {
        state.entities.cooccurring.clear();
        return;
    };
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &id in &sel.articles {
        let Some(s) = state.summaries.get(id as usize) else {
            continue;
        };
        let names: HashSet<&str> = s.names().filter(|n| *n != sel.name).collect();
        for n in names {
            *counts.entry(n).or_default() += 1;
        }
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().map(|(n, c)| (n.to_string(), c)).collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list.truncate(12);
    state.entities.cooccurring = list;
}

/// The entity a user means by `query`: its name, an alias the corpus knows ("Blinken"), or a
/// word of one name only ("Kishida"), case aside. The most widespread wins a tie.
pub fn find_entity(state: &AppState, query: &str) -> Option<String> {
    let wanted = query.trim().to_lowercase();
    let mut articles: HashMap<&str, usize> = HashMap::new();
    for summary in &state.summaries {
        for e in &summary.entities {
            *articles.entry(&e.name).or_default() += 1;
        }
    }
    let best = |names: &mut dyn Iterator<Item = &str>| {
        names
            .max_by_key(|n| (articles.get(n).copied().unwrap_or(0), std::cmp::Reverse(*n)))
            .map(str::to_string)
    };
    if let Some(exact) = best(&mut articles.keys().copied().filter(|n| n.to_lowercase() == wanted)) {
        return Some(exact);
    }
    if let Some(full) = state.renames.iter().find(|((_, short), _)| short.to_lowercase() == wanted) {
        return Some(full.1.to_string());
    }
    let mut by_word =
        articles.keys().copied().filter(|n| n.split_whitespace().any(|w| w.to_lowercase() == wanted));
    best(&mut by_word)
}

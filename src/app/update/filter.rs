//! The filter: what the prompt runs, and what Enter and Esc do with it.

use super::*;

pub(super) fn run_filter(state: &mut AppState) -> Vec<Effect> {
    state.filter.generation += 1;
    let query = state.filter.prompt.text.trim().to_string();
    if query.is_empty() {
        state.reader.forget_hits();
        state.filter.entities.clear();
        state.filter.notes.clear();
        state.filter.applied = None;
        state.filter.error = None;
        state.filter.matches = Arc::default();
        state.filter.word_counts = Default::default();
        rebuild_rows(state);
        let mut effects = refilter_timeline(state);
        if state.side == Side::Entities {
            effects.extend(request_entities(state, false));
        }
        return effects;
    }
    vec![Effect::Search(SearchRequest::Filter { generation: state.filter.generation, query })]
}

pub(super) fn submit_filter(state: &mut AppState) -> Vec<Effect> {
    state.filter.editing = false;
    let query = state.filter.prompt.text.trim().to_string();
    remember_before_filter(state, &query);
    let mut effects = Vec::new();
    if !query.is_empty() && state.filter.prompt.history.last() != Some(&query) {
        state.filter.prompt.remember(&query);
        effects.push(Effect::SaveHistory(state.filter.prompt.history.clone()));
    }
    if query != state.filter.applied.as_deref().unwrap_or("") {
        effects.extend(run_filter(state));
    }
    effects
}

/// Records where the user was before the prompt opened, if the filter changes it. Results
/// may have arrived while typing, so the filter on screen says nothing about what was there.
pub(super) fn remember_before_filter(state: &mut AppState, query: &str) {
    let Some(before) = state.filter.before.take() else { return };
    if before.filter.as_deref().unwrap_or("") != query {
        push_history(state, before);
    }
}

pub(super) fn clear_filter(state: &mut AppState) -> Vec<Effect> {
    state.filter.editing = false;
    state.filter.prompt.start("");
    remember_before_filter(state, "");
    run_filter(state)
}

/// Asks for the search hits in the open article, for the current filter.
pub(super) fn highlight_request(state: &AppState) -> Vec<Effect> {
    match (&state.filter.applied, state.reader.article) {
        (Some(query), Some(article)) => vec![Effect::Search(SearchRequest::Highlight {
            generation: state.filter.generation,
            article,
            title: state.article(article).map(|a| a.title.to_string()).unwrap_or_default(),
            query: query.clone(),
        })],
        _ => Vec::new(),
    }
}

/// The query that finds the articles mentioning an entity.
pub fn entity_query(name: &str) -> String {
    format!("entity:\"{}\"", name.replace('"', " "))
}

pub(super) fn filter_by_entity(state: &mut AppState, name: &str) -> Vec<Effect> {
    remember(state);
    state.filter.prompt.start(&entity_query(name));
    state.focus = Pane::List;
    run_filter(state)
}

/// The reader's hits: the worker's word hits and the open article's mentions of the entities
/// filtered by, in order. The hit cursor stays where it was if it still can.
pub(super) fn refresh_hits(state: &mut AppState) {
    let mut hits = state.reader.word_hits.clone();
    if let Some(open) = state.open().filter(|_| !state.filter.entities.is_empty()) {
        hits.extend(
            open.analysis
                .entities
                .iter()
                .filter(|e| state.filter.names_filtered_entity(&e.canonical))
                .map(|e| e.start..e.end),
        );
    }
    hits.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    hits.dedup_by(|later, kept| later.start < kept.end);
    if state.reader.hit_cursor.is_some_and(|c| c >= hits.len()) {
        state.reader.hit_cursor = None;
    }
    state.reader.hits = hits;
}

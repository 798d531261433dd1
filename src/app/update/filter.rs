//! The filter: what the prompt runs, and what Enter and Esc do with it.

use super::*;

pub(super) fn run_filter(state: &mut AppState) -> Vec<Effect> {
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

pub(super) fn submit_filter(state: &mut AppState) -> Vec<Effect> {
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
pub(super) fn remember_before_filter(state: &mut AppState, query: &str) {
    let Some(before) = state.filter.before.take() else { return };
    let filter_before = match &before {
        Location::List { filter, .. } => filter.clone(),
        _ => None,
    };
    if filter_before.as_deref().unwrap_or("") != query {
        push_history(state, before);
    }
}

pub(super) fn clear_filter(state: &mut AppState) -> Vec<Effect> {
    state.filter.editing = false;
    state.filter.input.clear();
    remember_before_filter(state, "");
    run_filter(state)
}

/// Asks for the search hits in the open article, for the current filter.
pub(super) fn highlight_request(state: &AppState) -> Vec<Effect> {
    match (&state.filter.applied, state.reader.article) {
        (Some(query), Some(article)) => vec![Effect::Search(SearchRequest::Highlight {
            generation: state.filter.generation,
            article,
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
    state.filter.input = entity_query(name);
    state.focus = Pane::List;
    run_filter(state)
}

//! Back and forward: where the user has been.

use super::*;

pub(super) fn current_location(state: &AppState) -> Location {
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

pub(super) fn remember(state: &mut AppState) {
    let here = current_location(state);
    push_history(state, here);
}

pub(super) fn push_history(state: &mut AppState, here: Location) {
    if state.history.back.last() != Some(&here) {
        state.history.back.push(here);
    }
    state.history.forward.clear();
}

pub(super) fn restore(state: &mut AppState, location: Location) -> Vec<Effect> {
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

pub(super) fn go_back(state: &mut AppState) -> Vec<Effect> {
    let Some(previous) = state.history.back.pop() else {
        state.message = Some("nothing to go back to".to_string());
        return Vec::new();
    };
    let here = current_location(state);
    state.history.forward.push(here);
    restore(state, previous)
}

pub(super) fn go_forward(state: &mut AppState) -> Vec<Effect> {
    let Some(next) = state.history.forward.pop() else {
        return Vec::new();
    };
    let here = current_location(state);
    state.history.back.push(here);
    restore(state, next)
}

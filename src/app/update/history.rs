//! Back and forward: where the user has been.

use super::*;

pub(super) fn current_location(state: &AppState) -> Location {
    Location {
        focus: state.focus,
        side: state.side,
        filter: state.filter.applied.clone(),
        selected: state.selected_article(),
        reader: state.reader.article.map(|id| (id, state.reader.scroll)),
        scope: state.timeline.scope.clone(),
        event: state.selected_event().map(|e| e.key()),
        related: state.related.article.map(|id| (id, state.related.selected)),
        entity: state.entities.selected,
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

pub(super) fn restore(state: &mut AppState, to: Location) -> Vec<Effect> {
    let mut effects = Vec::new();
    if to.filter != state.filter.applied {
        state.filter.prompt.start(to.filter.as_deref().unwrap_or(""));
        effects.extend(run_filter(state));
        // The rows change when the filter's answer comes: the selection goes back then.
        state.list.wanted = to.selected;
    }
    if let Some(row) = to.selected.and_then(|id| state.list.rows.iter().position(|&r| r == id)) {
        state.list.selected = row;
    }
    if let Some((article, scroll)) = to.reader {
        if state.reader.article != Some(article) {
            effects.extend(show_article(state, article, None, None));
        }
        state.reader.scroll = scroll;
    }
    if to.scope != state.timeline.scope {
        effects.extend(scope_timeline(state, to.scope));
        // The event is selected when the scope's rows come.
        state.timeline.wanted = to.event;
    } else if let Some(row) = to.event.and_then(|key| state.timeline.shown().position(|e| e.key() == key)) {
        state.timeline.selected = row;
    }
    if let Some((article, selected)) = to.related {
        effects.extend(relate(state, article));
        state.related.selected = selected;
    }
    state.entities.selected = to.entity.min(state.entities.rows.len().saturating_sub(1));
    state.focus = to.focus;
    state.side = to.side;
    effects
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

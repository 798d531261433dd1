//! Moving within and between panes, and Enter.

use super::*;

pub(super) fn cycle_focus(focus: Pane, forward: bool) -> Pane {
    match (focus, forward) {
        (Pane::List, true) | (Pane::Side, false) => Pane::Reader,
        (Pane::Reader, true) | (Pane::List, false) => Pane::Side,
        (Pane::Side, true) | (Pane::Reader, false) => Pane::List,
    }
}

pub(super) fn step(current: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (current as isize).saturating_add(delta).clamp(0, len as isize - 1) as usize
}

pub(super) fn move_by(state: &mut AppState, delta: isize) -> Vec<Effect> {
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
                state.timeline.touched = true;
                state.timeline.selected = step(state.timeline.selected, delta, state.timeline.rows.len())
            }
            Side::Related => {
                state.related.selected = step(state.related.selected, delta, state.related.items.len())
            }
            Side::Entities => {
                state.entities.selected = step(state.entities.selected, delta, state.entities.rows.len());
                return cooccurring(state);
            }
            Side::Skipped => {
                state.skipped_selected = step(state.skipped_selected, delta, state.skipped.len())
            }
        },
    }
    Vec::new()
}

pub(super) fn open(state: &mut AppState) -> Vec<Effect> {
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
                let Some(event) = state.selected_event().cloned() else {
                    return Vec::new();
                };
                remember(state);
                state.focus = Pane::Reader;
                show_article(state, event.article, Some(event.start as usize), state.event_timex(&event))
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
                let Some(name) = state.selected_entity().map(|e| e.name.clone()) else {
                    return Vec::new();
                };
                filter_by_entity(state, &name)
            }
            Side::Skipped => Vec::new(),
        },
    }
}

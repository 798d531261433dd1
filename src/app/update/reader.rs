//! The reader: which article it shows, its layout, and jumps within it.

use super::*;

/// Lines kept above a line the reader jumps to.
pub(super) const CONTEXT_LINES: usize = 2;

pub(super) fn show_article(
    state: &mut AppState,
    id: u32,
    at: Option<usize>,
    mark: Option<std::ops::Range<usize>>,
) -> Vec<Effect> {
    state.reader.article = Some(id);
    state.reader.forget_hits();
    state.reader.entity_cursor = None;
    state.reader.mark = mark;
    state.reader.pending_at = at;
    state.reader.scroll = 0;
    if let Some(row) = state.list.rows.iter().position(|&r| r == id) {
        state.list.selected = row;
    }
    state.reader.lines.clear();
    let mut effects = Vec::new();
    if state.entities.article_only {
        let keep = state.selected_entity().map(|e| (e.name.clone(), e.kind));
        effects.extend(rebuild_entity_rows(state, keep));
    }
    let date = state.article(id).and_then(|a| a.date).map(|d| d.date);
    effects.extend(highlight_request(state));
    effects.push(Effect::Search(SearchRequest::Open { article: id, date }));
    effects
}

/// The shown article's text is at hand: lay it out and go where the reader was headed.
pub(super) fn opened(state: &mut AppState, article: OpenArticle) {
    state.reader.open = Some(article);
    refresh_hits(state);
    rewrap(state);
    state.reader.scroll = state
        .reader
        .pending_at
        .take()
        .map_or(0, |pos| wrap::line_of(&state.reader.lines, pos).saturating_sub(CONTEXT_LINES));
}

pub(super) fn rewrap(state: &mut AppState) {
    state.reader.lines = match state.open() {
        Some(open) => wrap::wrap(&open.text, state.reader.width),
        None => Vec::new(),
    };
}

/// Shows the selected list article in the reader without moving the focus.
pub(super) fn preview_selected(state: &mut AppState) -> Vec<Effect> {
    match state.selected_article() {
        Some(id) if state.reader.article != Some(id) => show_article(state, id, None, None),
        _ => Vec::new(),
    }
}

/// Scrolls the reader so that byte `pos` is on screen, keeping the view still if it already is.
pub(super) fn scroll_to(state: &mut AppState, pos: usize) {
    let line = wrap::line_of(&state.reader.lines, pos);
    let visible = state.reader.scroll..state.reader.scroll + state.reader.height;
    if !visible.contains(&line) {
        state.reader.scroll = line.saturating_sub(CONTEXT_LINES);
    }
}

pub(super) fn jump_hit(state: &mut AppState, forward: bool) {
    let starts: Vec<usize> = state.reader.hits.iter().map(|h| h.start).collect();
    if let Some(i) = jump(state, &starts, state.reader.hit_cursor, forward, "no search hits in this article")
    {
        state.reader.hit_cursor = Some(i);
    }
}

pub(super) fn jump_entity(state: &mut AppState, forward: bool) {
    let starts: Vec<usize> = state.visible_entities().iter().map(|e| e.start).collect();
    let none = "no entities shown in this article";
    if let Some(i) = jump(state, &starts, state.reader.entity_cursor, forward, none) {
        state.reader.entity_cursor = Some(i);
    }
}

/// Moves a cursor over places in the article (`starts`, in order), wrapping around, and shows
/// the place it lands on; says where it landed, or tells the user there is nowhere to go.
fn jump(
    state: &mut AppState,
    starts: &[usize],
    cursor: Option<usize>,
    forward: bool,
    none: &str,
) -> Option<usize> {
    let n = starts.len();
    if n == 0 {
        state.message = Some(none.to_string());
        return None;
    }
    let i = match cursor {
        None if forward => 0,
        None => n - 1,
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
    };
    scroll_to(state, starts[i]);
    state.focus = Pane::Reader;
    Some(i)
}

pub(super) fn page(state: &AppState) -> usize {
    state.reader.height.saturating_sub(2).max(1)
}

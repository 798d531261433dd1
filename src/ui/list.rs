//! The document list: date, title, source, and the hit count while filtering.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Theme, safe, window};
use crate::app::{AppState, Pane};
use crate::text::fit;

/// The date column: `~2022-07-29` is eleven wide.
const DATE_WIDTH: usize = 11;

pub fn draw(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::List;
    let total = state.articles.len();
    let shown = state.list.rows.len();
    let title = match &state.filter.applied {
        Some(_) => format!(" Articles {shown}/{total} · by {} ", state.list.sort.label()),
        None => format!(" Articles {total} · by {} ", state.list.sort.label()),
    };
    let block = Block::bordered().title(title).border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let rows = window(state.list.selected, shown, inner.height as usize);
    let lines: Vec<Line> = rows
        .map(|i| {
            let id = state.list.rows[i];
            let line = row(state, theme, id, width);
            if i == state.list.selected { line.patch_style(theme.selected()) } else { line }
        })
        .collect();
    let lines = if lines.is_empty() { vec![Line::styled(empty_message(state), theme.dim())] } else { lines };
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The list row drawn at screen line `y` of the list pane `area`, if any.
pub fn row_at(state: &AppState, area: Rect, y: u16) -> Option<usize> {
    let inner_top = area.y + 1;
    let height = area.height.saturating_sub(2) as usize;
    let offset = y.checked_sub(inner_top)? as usize;
    let rows = window(state.list.selected, state.list.rows.len(), height);
    (offset < rows.len()).then_some(rows.start + offset)
}

fn empty_message(state: &AppState) -> &'static str {
    if state.filter.applied.is_some() {
        "no article matches the filter"
    } else if state.progress.done {
        "no articles"
    } else {
        "loading…"
    }
}

/// What the query found in an article, as its row tells it: how many places of its text, or
/// that it is in the title when the text has none (a match found there alone, or a `date:`
/// condition's, has no place to count: "0×" read as a match of nothing).
fn hit_label(state: &AppState, id: u32) -> String {
    match state.hit_count(id) {
        Some(count) if count > 0 => format!(" {count}×"),
        _ if state.title_hit(id) => " title".to_string(),
        _ => String::new(),
    }
}

fn row<'a>(state: &'a AppState, theme: &Theme, id: u32, width: usize) -> Line<'a> {
    let Some(a) = state.article(id) else {
        return Line::default();
    };
    let count = hit_label(state, id);
    let source = a.source.as_deref().map(|s| format!(" · {}", safe(s))).unwrap_or_default();
    let key = state.mark_key(id).unwrap_or_default();
    let mut marks = String::new();
    if state.marks.is_marked(&key) {
        marks.push_str("★ ");
    }
    if state.marks.note(&crate::app::NoteOn::Article(key)).is_some() {
        marks.push_str("✎ ");
    }
    let fixed = DATE_WIDTH + 1 + count.width();
    let room = width.saturating_sub(fixed);
    let title = fit(&format!("{marks}{}{}", safe(&a.title), source), room);
    let pad = room.saturating_sub(title.width());
    Line::from(vec![
        Span::styled(format!("{:<DATE_WIDTH$} ", a.date_label()), theme.dim()),
        Span::raw(title),
        Span::raw(" ".repeat(pad)),
        Span::styled(count, theme.hit()),
    ])
}

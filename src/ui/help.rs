//! The help overlay, written from the keymap: as many columns as the width allows without
//! cutting a description, scrolled with the usual keys when the rows do not all fit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::AppState;
use crate::text::fit;
use crate::ui::keymap::{Context, Keymap};

/// The rows of the help: keys, and what they do (with where, when not everywhere).
pub fn rows(keys: &Keymap) -> Vec<(String, String)> {
    keys.help_rows()
        .into_iter()
        .map(|(context, keys, description)| {
            let label = match context {
                Context::Global => "",
                Context::List => "list: ",
                Context::Reader => "reader: ",
                Context::Side => "pane: ",
                Context::Prompt => "prompt: ",
            };
            (keys, format!("{label}{description}"))
        })
        .collect()
}

/// How many rows the help shows at once on a screen this big, and in how many columns.
pub fn page(keys: &Keymap, area: Rect) -> (usize, usize) {
    let rows = rows(keys);
    // A column lines its keys up to its widest key: it must hold the widest key and the
    // longest description side by side.
    let keys = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(1);
    let descriptions = rows.iter().map(|(_, d)| d.width()).max().unwrap_or(1);
    let widest = keys + 2 + descriptions + 1;
    let columns = (area.width.saturating_sub(2) as usize / widest).clamp(1, 3);
    let height = area.height.saturating_sub(3) as usize;
    (height.max(1) * columns, columns)
}

pub fn draw(state: &AppState, keys: &Keymap, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines = rows(keys);
    let (per_page, columns) = page(keys, area);
    let first = state.help_scroll.min(lines.len().saturating_sub(per_page));
    let shown = &lines[first..(first + per_page).min(lines.len())];
    let per_column = shown.len().div_ceil(columns).max(1);
    let height = (per_column as u16 + 2).min(area.height.saturating_sub(1));
    let popup = Rect { x: area.x, y: area.y, width: area.width, height };
    frame.render_widget(Clear, popup);
    let more = if lines.len() > per_page {
        format!(" {}–{} of {} · j/k scroll ", first + 1, first + shown.len(), lines.len())
    } else {
        String::new()
    };
    let block = Block::bordered()
        .title(" Keys (? or Esc to close) ")
        .title_bottom(more)
        .border_style(theme.border(true));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(inner);
    for (chunk, column) in shown.chunks(per_column).zip(areas.iter()) {
        let key_width = chunk.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
        let text: Vec<Line> = chunk
            .iter()
            .map(|(k, d)| {
                let room = (column.width as usize).saturating_sub(key_width + 2);
                Line::from(vec![
                    Span::styled(format!("{k:>key_width$}  "), theme.heading()),
                    Span::raw(fit(d, room)),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(text), *column);
    }
}

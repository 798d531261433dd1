//! Drawing: a pure function of the state. Nothing here changes the state or does I/O.

mod help;
mod list;
mod reader;
mod side;
mod status;
mod theme;

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::{AppState, Pane};
pub use list::row_at as list_row_at;
pub use theme::Theme;

/// Below this width only the focused pane is shown.
const SPLIT_MIN_WIDTH: u16 = 70;

/// Where each pane goes for a terminal of the given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub side: Option<Rect>,
    pub status: Rect,
}

pub fn layout(area: Rect, focus: Pane) -> Areas {
    let [main, status] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    if main.height < 3 {
        return Areas { list: None, reader: None, side: None, status };
    }
    if area.width < SPLIT_MIN_WIDTH {
        let only = Some(main);
        return match focus {
            Pane::List => Areas { list: only, reader: None, side: None, status },
            Pane::Reader => Areas { list: None, reader: only, side: None, status },
            Pane::Side => Areas { list: None, reader: None, side: only, status },
        };
    }
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(main);
    let [list, side] = Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(left);
    Areas { list: Some(list), reader: Some(right), side: Some(side), status }
}

/// The reader's text area (inside its border) for a terminal size, as `(width, height)`.
pub fn reader_text_size(area: Rect, focus: Pane) -> (usize, usize) {
    let reader = layout(area, Pane::Reader).reader.or(layout(area, focus).reader).unwrap_or(area);
    (reader.width.saturating_sub(2) as usize, reader.height.saturating_sub(3) as usize)
}

pub fn draw(state: &AppState, frame: &mut Frame) {
    let theme = Theme::new(state.monochrome);
    let areas = layout(frame.area(), state.focus);
    if let Some(a) = areas.list {
        list::draw(state, &theme, frame, a);
    }
    if let Some(a) = areas.reader {
        reader::draw(state, &theme, frame, a);
    }
    if let Some(a) = areas.side {
        side::draw(state, &theme, frame, a);
    }
    status::draw(state, &theme, frame, areas.status);
    if state.help {
        help::draw(&theme, frame, frame.area());
    }
}

/// Text from a file made safe for the terminal: control characters become visible symbols,
/// so no escape sequence from an article ever reaches the terminal.
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_replacing) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|c| !is_dropped(*c))
            .map(|c| match c {
                // Flags are pairs of regional indicators whose width terminals disagree on;
                // their letters ("JP") keep the layout intact.
                '\u{1f1e6}'..='\u{1f1ff}' => char::from_u32(c as u32 - 0x1f1e6 + 'A' as u32).unwrap_or('?'),
                '\t' => ' ',
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '\u{2421}',
                c if needs_replacing(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

fn needs_replacing(c: char) -> bool {
    c.is_control()
        || is_dropped(c)
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{1f1e6}'..='\u{1f1ff}')
}

/// Characters that join or modify the previous glyph, which terminals and width tables count
/// differently; dropping them keeps columns aligned.
fn is_dropped(c: char) -> bool {
    matches!(c, '\r' | '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}')
}

/// The rows of a list of `len` items to show in `height` lines so that `selected` is visible.
pub fn window(selected: usize, len: usize, height: usize) -> std::ops::Range<usize> {
    if height == 0 {
        return 0..0;
    }
    let start = selected.saturating_sub(height - 1).min(len.saturating_sub(height));
    start..(start + height).min(len)
}

#[cfg(test)]
mod tests;

//! Drawing: a pure function of the state. Nothing here changes the state or does I/O.

mod help;
pub mod keymap;
mod list;
mod reader;
mod side;
mod status;
mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::{AppState, Pane};
pub use crate::text::safe;
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

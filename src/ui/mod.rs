//! Drawing: a pure function of the state. Nothing here changes the state or does I/O.

mod entities;
mod help;
pub mod keymap;
mod list;
mod reader;
mod related;
mod side;
mod skipped;
mod status;
mod theme;
mod timeline;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::{AppState, Pane};
pub use crate::text::safe;
pub use keymap::Keymap;
pub use list::row_at as list_row_at;
pub use theme::{Palette, Theme};

/// How the screen looks and answers: the keys and the colors (the defaults, or a config file's).
#[derive(Debug, Clone, Default)]
pub struct Look {
    pub keys: Keymap,
    pub palette: Palette,
}

/// Below this width only the focused pane is shown.
const SPLIT_MIN_WIDTH: u16 = 70;
/// From this width the list, the side pane and the reader are side by side; below it the
/// reader spans the width under the list or the side pane, whichever was focused last.
const THREE_PANES_MIN_WIDTH: u16 = 120;

/// Where each pane goes for a terminal of the given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub side: Option<Rect>,
    pub status: Rect,
}

impl Areas {
    fn only(pane: Pane, area: Rect, status: Rect) -> Areas {
        let mut areas = Areas { list: None, reader: None, side: None, status };
        match pane {
            Pane::List => areas.list = Some(area),
            Pane::Reader => areas.reader = Some(area),
            Pane::Side => areas.side = Some(area),
        }
        areas
    }
}

pub fn layout(area: Rect, state: &AppState) -> Areas {
    let [main, status] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    if main.height < 3 {
        return Areas { list: None, reader: None, side: None, status };
    }
    if state.zoomed || area.width < SPLIT_MIN_WIDTH {
        return Areas::only(state.focus, main, status);
    }
    if area.width >= THREE_PANES_MIN_WIDTH {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(main);
        let [list, side] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(left);
        return Areas { list: Some(list), reader: Some(right), side: Some(side), status };
    }
    // The upper pane gets at least seven rows (five of content), and never more than it needs.
    let upper_height = (main.height * 2 / 5).max(7).min(main.height.saturating_sub(5));
    let [upper, reader] =
        Layout::vertical([Constraint::Length(upper_height), Constraint::Min(0)]).areas(main);
    let mut areas =
        Areas::only(if state.upper == Pane::Side { Pane::Side } else { Pane::List }, upper, status);
    areas.reader = Some(reader);
    areas
}

/// The reader's text area (inside its border, below its header line) as `(width, height)`.
pub fn reader_text_size(area: Rect, state: &AppState) -> (usize, usize) {
    let reader = layout(area, state).reader.unwrap_or(area);
    (reader.width.saturating_sub(2) as usize, reader.height.saturating_sub(3) as usize)
}

pub fn draw(state: &AppState, look: &Look, frame: &mut Frame) {
    let theme = Theme::new(state.monochrome, look.palette);
    let areas = layout(frame.area(), state);
    if let Some(a) = areas.list {
        list::draw(state, &theme, frame, a);
    }
    if let Some(a) = areas.reader {
        reader::draw(state, &theme, frame, a);
    }
    if let Some(a) = areas.side {
        side::draw(state, &theme, frame, a);
    }
    status::draw(state, &look.keys, &theme, frame, areas.status);
    if state.help {
        help::draw(state, &look.keys, &theme, frame, frame.area());
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

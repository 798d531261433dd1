//! The lower-left pane, which shows the timeline, the related articles, the entities or the
//! skipped files.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Block;

use super::{Theme, entities, related, skipped, timeline};
use crate::app::{AppState, Pane, Side};

pub fn draw(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    match state.side {
        Side::Timeline => timeline::draw(state, theme, frame, area),
        Side::Related => related::draw(state, theme, frame, area),
        Side::Entities => entities::draw(state, theme, frame, area),
        Side::Skipped => skipped::draw(state, theme, frame, area),
    }
}

/// The pane's border with its title; gives the area inside.
pub fn framed(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, title: String) -> Rect {
    let block = Block::bordered().title(title).border_style(theme.border(state.focus == Pane::Side));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

//! The skipped pane: files that could not be loaded, and why.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::side::framed;
use super::{Theme, safe, window};
use crate::app::AppState;
use crate::text::fit;

pub fn draw(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(state, theme, frame, area, format!(" Skipped {} ", state.skipped.len()));
    let width = inner.width as usize;
    let shown = window(state.skipped_selected, state.skipped.len(), (inner.height as usize / 2).max(1));
    let mut lines = Vec::new();
    for i in shown {
        let s = &state.skipped[i];
        let mut path = Line::raw(fit(&safe(&s.path), width));
        if i == state.skipped_selected {
            path = path.patch_style(theme.selected());
        }
        lines.push(path);
        lines.push(Line::styled(fit(&format!("  {}", safe(&s.reason)), width), theme.error()));
    }
    if lines.is_empty() {
        lines.push(Line::styled("every file loaded", theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

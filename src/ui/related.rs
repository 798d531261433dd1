//! The related pane: articles like the one in the reader, each with why.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::side::framed;
use super::{Theme, safe, window};
use crate::app::AppState;
use crate::text::fit;

pub fn draw(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let of = state
        .related
        .article
        .and_then(|id| state.article(id))
        .map(|a| safe(&a.title).into_owned())
        .unwrap_or_default();
    let inner = framed(
        state,
        theme,
        frame,
        area,
        fit(&format!(" Related to {of} "), area.width.saturating_sub(4) as usize),
    );
    let width = inner.width as usize;
    if state.related.pending {
        frame.render_widget(Paragraph::new(Line::styled("finding related articles…", theme.dim())), inner);
        return;
    }
    if state.related.items.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("press r on an article", theme.dim())), inner);
        return;
    }
    let mut lines = Vec::new();
    let per_item = 2;
    let shown =
        window(state.related.selected, state.related.items.len(), (inner.height as usize / per_item).max(1));
    for i in shown {
        let r = &state.related.items[i];
        let Some(a) = state.article(r.id) else {
            continue;
        };
        let mut first = Line::from(vec![
            Span::styled(format!("{:<11} ", a.date_label()), theme.dim()),
            Span::raw(fit(&safe(&a.title), width.saturating_sub(12))),
        ]);
        if i == state.related.selected {
            first = first.patch_style(theme.selected());
        }
        lines.push(first);
        lines.push(Line::styled(fit(&format!("   {}", safe(&r.reason)), width), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

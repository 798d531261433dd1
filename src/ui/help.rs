//! The help overlay, written from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use crate::keymap::{self, Context};

pub fn draw(theme: &Theme, frame: &mut Frame, area: Rect) {
    let rows = keymap::help_rows();
    let key_width = rows
        .iter()
        .map(|(_, k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    let mut lines = Vec::new();
    for (context, keys, description) in rows {
        let label = match context {
            Context::Global => "",
            Context::List => "list: ",
            Context::Reader => "reader: ",
            Context::Prompt => "filter: ",
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:>key_width$}  "), theme.heading()),
            Span::raw(format!("{label}{description}")),
        ]));
    }
    let width = area.width.min(90);
    let height = area.height.min(lines.len() as u16 + 2);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(" Keys (? or Esc to close) ")
        .border_style(theme.border(true));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

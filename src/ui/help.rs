//! The help overlay, written from the keymap; in columns when the terminal is short.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use crate::text::fit;
use crate::ui::keymap::{self, Context};

pub fn draw(theme: &Theme, frame: &mut Frame, area: Rect) {
    let rows = keymap::help_rows();
    let lines: Vec<(String, String)> = rows
        .into_iter()
        .map(|(context, keys, description)| {
            let label = match context {
                Context::Global => "",
                Context::List => "list: ",
                Context::Reader => "reader: ",
                Context::Prompt => "filter: ",
            };
            (keys, format!("{label}{description}"))
        })
        .collect();
    let inner_height = area.height.saturating_sub(2).max(1) as usize;
    let columns = lines.len().div_ceil(inner_height).clamp(1, 3);
    let per_column = lines.len().div_ceil(columns);
    let width = area.width.min(if columns > 1 { 160 } else { 90 });
    let height = area.height.min(per_column as u16 + 2);
    let popup =
        Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(" Keys (? or Esc to close) ").border_style(theme.border(true));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(inner);
    for (chunk, column) in lines.chunks(per_column.max(1)).zip(areas.iter()) {
        let key_width = chunk.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
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

//! The timeline pane: events by month, with a histogram of the span around the selection.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};

use super::side::framed;
use super::{Theme, safe, window};
use crate::analysis::Granularity;
use crate::app::{AppState, TimelineScope};
use crate::text::fit;

pub fn draw(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let scope = match &state.timeline.scope {
        TimelineScope::All => String::new(),
        TimelineScope::Article(id) => format!(" · article {}", id + 1),
        TimelineScope::Entity(name) => format!(" · {}", safe(name)),
    };
    let (range, _) = histogram(state);
    let title = format!(" Timeline {}{scope} · {range} ", state.timeline.rows.len());
    let inner = framed(state, theme, frame, area, title);
    let [chart, list] =
        Layout::vertical([Constraint::Length(u16::from(inner.height > 6)), Constraint::Min(0)]).areas(inner);
    if chart.height > 0 {
        frame.render_widget(Sparkline::default().data(histogram(state).1).style(theme.heading()), chart);
    }
    let width = list.width as usize;
    let rows = &state.timeline.rows;
    if rows.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("no dated events", theme.dim())), list);
        return;
    }
    // Month headings take lines too: show a window of events around the selection, then cut.
    let shown = window(state.timeline.selected, rows.len(), list.height as usize);
    let mut lines: Vec<Line> = Vec::new();
    // The heading each line falls under, so the top line can always show its heading.
    let mut headings: Vec<String> = Vec::new();
    let mut last_month = None;
    let mut selected_line = 0;
    for i in shown {
        let Some(event) = state.timeline.events.get(rows[i]) else {
            continue;
        };
        let month = match event.point.granularity {
            Granularity::Year => event.point.date.format("%Y").to_string(),
            _ => event.point.date.format("%Y %B").to_string(),
        };
        if last_month.as_ref() != Some(&month) {
            lines.push(Line::styled(month.clone(), theme.heading()));
            headings.push(month.clone());
            last_month = Some(month.clone());
        }
        headings.push(month);
        let title = state.article(event.article).map(|a| a.title.as_str()).unwrap_or("");
        let sentence = state.sentence(event).unwrap_or("…");
        let label = format!("{:<10} ", event.date_label());
        let rest = fit(&format!("{} · {}", safe(sentence), safe(title)), width.saturating_sub(label.len()));
        let mut line = Line::from(vec![Span::styled(label, theme.dim()), Span::raw(rest)]);
        if i == state.timeline.selected {
            line = line.patch_style(theme.selected());
            selected_line = lines.len();
        }
        lines.push(line);
    }
    let skip = (selected_line + 1).saturating_sub(list.height as usize);
    if skip > 0 && skip < selected_line {
        // A sticky heading: the top line names the month the lines below it belong to.
        lines[skip] = Line::styled(headings[skip].clone(), theme.heading());
    }
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), list);
}

/// The histogram of the shown events at the timeline's zoom, around the selected event.
fn histogram(state: &AppState) -> (String, Vec<u64>) {
    let shown = || state.timeline.rows.iter().filter_map(|&i| state.timeline.events.get(i));
    let focus = state.selected_event().or_else(|| shown().next_back()).map(|e| e.point.date);
    match focus {
        Some(focus) => crate::analysis::timeline::histogram(shown(), state.timeline.zoom, focus),
        None => (String::new(), Vec::new()),
    }
}

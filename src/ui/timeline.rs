//! The timeline pane: a histogram of the events over the span that holds most of them, with
//! its axis, then one row per event: its date (written once for the rows that share it), how
//! it was anchored, its sentence and its article.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};
use unicode_width::UnicodeWidthStr;

use super::side::framed;
use super::{Theme, safe, window};
use crate::analysis::Anchor;
use crate::analysis::timeline::Histogram;
use crate::app::{AppState, TimelineScope};
use crate::text::fit;

/// The date column: `2022-07-29` is ten wide.
const DATE_WIDTH: usize = 10;

pub fn draw(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let n = state.timeline.rows.len();
    let scope = match &state.timeline.scope {
        TimelineScope::All => "all articles".to_string(),
        TimelineScope::Article(id) => {
            state.article(*id).map_or_else(String::new, |a| safe(&a.title).into_owned())
        }
        TimelineScope::Entity(name) => safe(name).into_owned(),
    };
    let title = fit(&format!(" Timeline {n} · {scope} "), area.width.saturating_sub(4) as usize);
    let inner = framed(state, theme, frame, area, title);
    if n == 0 {
        let why = match (&state.timeline.scope, state.progress.done) {
            (_, false) => "no events yet: the corpus is still being read".to_string(),
            (_, true) if state.timeline.building => "putting the events in order…".to_string(),
            (_, true) if state.timeline.picking => "picking the events…".to_string(),
            (TimelineScope::All, true) if state.filter.applied.is_some() => {
                "no event in the filtered articles".to_string()
            }
            (TimelineScope::All, true) => "no event in this corpus".to_string(),
            (_, true) => format!("no event for {scope} (f shows all)"),
        };
        frame.render_widget(Paragraph::new(Line::styled(why, theme.dim())), inner);
        return;
    }
    let chart_rows = if inner.height > 6 { 2 } else { 0 };
    let [chart, axis, list] = Layout::vertical([
        Constraint::Length(chart_rows.min(1)),
        Constraint::Length(chart_rows / 2),
        Constraint::Min(0),
    ])
    .areas(inner);
    if chart.height > 0 {
        let h = histogram(state);
        frame.render_widget(Sparkline::default().data(&h.counts).style(theme.heading()), chart);
        frame.render_widget(Paragraph::new(axis_line(&h, axis.width as usize, theme)), axis);
    }
    frame.render_widget(Paragraph::new(rows(state, theme, list)), list);
}

/// The axis under the histogram: the first and last bucket, what a bucket is, and how many
/// events lie outside.
fn axis_line<'a>(h: &Histogram, width: usize, theme: &Theme) -> Line<'a> {
    let mut outside = Vec::new();
    if h.earlier > 0 {
        outside.push(format!("{} earlier", h.earlier));
    }
    if h.later > 0 {
        outside.push(format!("{} later", h.later));
    }
    let middle = if outside.is_empty() {
        format!("by {}", h.unit)
    } else {
        format!("by {} · {}", h.unit, outside.join(", "))
    };
    let room = width.saturating_sub(h.first.width() + h.last.width());
    let middle = fit(&middle, room.saturating_sub(2));
    let pad = room.saturating_sub(middle.width());
    let left = " ".repeat(pad / 2);
    let right = " ".repeat(pad - pad / 2);
    Line::styled(format!("{}{left}{middle}{right}{}", h.first, h.last), theme.dim())
}

/// The event rows around the selection. The date is written on the first row of each date
/// and on the top row, so the top of the pane always says when.
fn rows<'a>(state: &AppState, theme: &Theme, area: Rect) -> Vec<Line<'a>> {
    let width = area.width as usize;
    let rows = &state.timeline.rows;
    let shown = window(state.timeline.selected, rows.len(), area.height as usize);
    let top = shown.start;
    let mut lines = Vec::new();
    let mut previous: Option<String> = None;
    for i in shown {
        let Some(event) = state.timeline.event_at(i) else { continue };
        let label = event.date_label();
        let date =
            if i == top || previous.as_deref() != Some(&label) { label.clone() } else { String::new() };
        previous = Some(label);
        let mark = match event.anchor {
            Anchor::Explicit => " ",
            Anchor::Narrative => "→",
            Anchor::Reported => "·",
            Anchor::Future => "?",
        };
        let title = state.article(event.article).map(|a| &*a.title).unwrap_or("");
        let sentence = state.sentence(event).unwrap_or("…");
        let rest = fit(
            &format!("{} — {}", safe(sentence.trim()), safe(title)),
            width.saturating_sub(DATE_WIDTH + 3),
        );
        let mut line = Line::from(vec![
            Span::styled(format!("{date:<DATE_WIDTH$} "), theme.heading()),
            Span::styled(format!("{mark} "), theme.dim()),
            Span::raw(rest),
        ]);
        if i == state.timeline.selected {
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    lines
}

/// The histogram of the shown events at the timeline's zoom, around the selected event.
fn histogram(state: &AppState) -> Histogram {
    let focus = state.selected_event().or_else(|| state.timeline.shown().next_back()).map(|e| e.date);
    match focus {
        Some(focus) => {
            crate::analysis::timeline::histogram(&state.timeline.shown_in_order(), state.timeline.zoom, focus)
        }
        None => Histogram::default(),
    }
}

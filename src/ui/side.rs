//! The lower-left pane: the timeline, the related articles, or the entities.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Sparkline};

use super::{Theme, safe, window};
use crate::analysis::Granularity;
use crate::app::{AppState, Pane, Side, TimelineScope};
use crate::text::fit;

pub fn draw(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    match state.side {
        Side::Timeline => timeline(state, theme, frame, area),
        Side::Related => related(state, theme, frame, area),
        Side::Entities => entities(state, theme, frame, area),
        Side::Skipped => skipped(state, theme, frame, area),
    }
}

fn framed(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, title: String) -> Rect {
    let block = Block::bordered().title(title).border_style(theme.border(state.focus == Pane::Side));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

fn timeline(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
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

fn related(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
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

fn skipped(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
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

fn kind_heading(kind: crate::analysis::EntityKind) -> &'static str {
    use crate::analysis::EntityKind;
    match kind {
        EntityKind::Person => "People (articles·mentions)",
        EntityKind::Organization => "Organizations",
        EntityKind::Place => "Places",
        EntityKind::Nationality => "Nationalities",
        EntityKind::Money => "Money",
        EntityKind::Percent => "Percentages",
        EntityKind::Quantity => "Quantities",
    }
}

fn entities(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = framed(state, theme, frame, area, format!(" Entities {} ", state.entities.corpus.len()));
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(inner);
    let width = left.width as usize;
    let shown = window(state.entities.selected, state.entities.corpus.len(), left.height as usize);
    let mut lines = Vec::new();
    let mut last_kind = None;
    let mut selected_line = 0;
    for i in shown {
        let e = &state.entities.corpus[i];
        if last_kind != Some(e.kind) {
            lines.push(Line::styled(kind_heading(e.kind), theme.heading()));
            last_kind = Some(e.kind);
        }
        let counts = format!(" {}·{}", e.articles.len(), e.mentions);
        let name = fit(&safe(&e.name), width.saturating_sub(counts.len() + 1));
        let mut line = Line::from(vec![
            Span::styled(name.clone(), theme.entity(e.kind)),
            Span::raw(" ".repeat(width.saturating_sub(name.chars().count() + counts.len()))),
            Span::styled(counts, theme.dim()),
        ]);
        if i == state.entities.selected {
            line = line.patch_style(theme.selected());
            selected_line = lines.len();
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(Line::styled("no entities yet", theme.dim()));
    }
    let skip = (selected_line + 1).saturating_sub(left.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), left);
    let mut right_lines = Vec::new();
    if let Some(s) = state.reader.article.and_then(|id| state.summary(id)) {
        right_lines.push(Line::styled("In this article", theme.heading()));
        let mut names: Vec<(&str, crate::analysis::EntityKind)> =
            s.entities.iter().map(|e| (&*e.name, e.kind)).collect();
        names.sort();
        for (n, k) in names.iter().take(right.height as usize / 2) {
            right_lines.push(Line::styled(fit(&safe(n), right.width as usize), theme.entity(*k)));
        }
    }
    if !state.entities.cooccurring.is_empty() {
        right_lines.push(Line::styled("Seen with", theme.heading()));
        for (n, c) in &state.entities.cooccurring {
            right_lines.push(Line::raw(fit(&format!("{} {c}", safe(n)), right.width as usize)));
        }
    }
    frame.render_widget(Paragraph::new(right_lines), right);
}

//! The entity pane: one column of entities with how many articles and mentions each has,
//! grouped by kind; the corpus's (or the filtered articles'), or the open article's, narrowed
//! as a name is typed; and what the selected one is seen with.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::side::framed;
use super::{Theme, safe, window};
use crate::analysis::EntityKind;
use crate::app::AppState;
use crate::text::fit;

fn kind_heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Organization => "Organizations",
        EntityKind::Place => "Places",
        EntityKind::Nationality => "Nationalities",
        EntityKind::Money => "Money",
        EntityKind::Percent => "Percentages",
        EntityKind::Quantity => "Quantities",
    }
}

pub fn draw(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let e = &state.entities;
    let of = if e.article_only {
        "this article"
    } else if state.filter.applied.is_some() {
        "filtered articles"
    } else {
        "all articles"
    };
    let search =
        if e.prompt.text.is_empty() { String::new() } else { format!(" · \"{}\"", safe(&e.prompt.text)) };
    // Until a new count comes in, the figures shown are the previous filter's.
    let counting = if e.counting { " · counting…" } else { "" };
    let title = fit(
        &format!(" Entities {} · {of}{search}{counting} · articles·mentions ", e.rows.len()),
        area.width.saturating_sub(4) as usize,
    );
    let inner = framed(state, theme, frame, area, title);
    let with_footer = inner.height > 3 && !e.cooccurring.is_empty();
    let [list, footer] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(u16::from(with_footer))]).areas(inner);
    let width = list.width as usize;
    if e.rows.is_empty() {
        let why = if e.counting {
            "counting the entities…"
        } else if state.progress.done {
            "no entity here"
        } else {
            "no entities yet"
        };
        frame.render_widget(Paragraph::new(Line::styled(why, theme.dim())), list);
        return;
    }
    // Kind headings take lines too: lay out a window of rows around the selection, then scroll
    // so that the selection shows.
    let shown = window(e.selected, e.rows.len(), list.height as usize);
    let mut lines = Vec::new();
    let mut last_kind = None;
    let mut selected_line = 0;
    for i in shown {
        let Some(stat) = e.corpus.get(e.rows[i]) else { continue };
        if last_kind != Some(stat.kind) {
            lines.push(Line::styled(kind_heading(stat.kind), theme.heading()));
            last_kind = Some(stat.kind);
        }
        let counts = format!(" {}·{}", stat.articles, stat.mentions);
        let name = fit(&safe(&stat.name), width.saturating_sub(counts.width() + 2));
        let pad = width.saturating_sub(2 + name.width() + counts.width());
        let mut line = Line::from(vec![
            Span::raw("  "),
            Span::styled(name, theme.entity(stat.kind)),
            Span::raw(" ".repeat(pad)),
            Span::styled(counts, theme.dim()),
        ]);
        if i == e.selected {
            line = line.patch_style(theme.selected());
            selected_line = lines.len();
        }
        lines.push(line);
    }
    let skip = (selected_line + 1).saturating_sub(list.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), list);
    if with_footer {
        let with: Vec<String> = e.cooccurring.iter().map(|(n, c)| format!("{} {c}", safe(n))).collect();
        let text = fit(&format!("seen with: {}", with.join(" · ")), footer.width as usize);
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), footer);
    }
}

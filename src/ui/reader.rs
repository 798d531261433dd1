//! The reader: the article's wrapped text with entities colored by kind, search hits, and the
//! dates of timeline events underlined.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Theme, safe};
use crate::analysis::{EntityKind, TimexType};
use crate::app::{AppState, Pane};
use crate::text::fit;

pub fn draw(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::Reader;
    let article = state.reader.article.and_then(|id| state.article(id));
    let title = match article {
        Some(a) => {
            border_title(&a.title, &state.reader.title_hits, theme, area.width.saturating_sub(4) as usize)
        }
        None => Line::raw(" Reader "),
    };
    let block =
        Block::bordered().title(title).title_bottom(legend(state, theme)).border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(article) = article else {
        frame.render_widget(Paragraph::new(Line::styled("no article open", theme.dim())), inner);
        return;
    };
    let mut lines = vec![header(state, theme, article, inner.width as usize)];
    if let Some(note) = state
        .reader
        .article
        .and_then(|id| state.mark_key(id))
        .and_then(|k| state.marks.note(&crate::app::NoteOn::Article(k)).map(str::to_string))
    {
        lines.push(Line::styled(fit(&format!("✎ {}", safe(&note)), inner.width as usize), theme.heading()));
    }
    let Some(open) = state.open() else {
        lines.push(Line::styled("reading the article…", theme.dim()));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    let styles = Styles::of(state, theme);
    let visible = state.reader.scroll..(state.reader.scroll + inner.height.saturating_sub(1) as usize);
    for range in
        state.reader.lines.get(visible.start..visible.end.min(state.reader.lines.len())).unwrap_or(&[])
    {
        lines.push(styled_line(&open.text, range.clone(), &styles));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The article's title for the border, with what the query found in it marked as the text's
/// hits are, cut to `columns` with an ellipsis.
fn border_title(title: &str, hits: &[Range<usize>], theme: &Theme, columns: usize) -> Line<'static> {
    // The title cut at its hits (an answer for a title since rewritten may not fit it).
    let mut pieces: Vec<(String, Style)> = vec![(" ".to_string(), Style::default())];
    let mut at = 0;
    for hit in hits {
        let (Some(before), Some(found)) = (title.get(at..hit.start), title.get(hit.clone())) else {
            continue;
        };
        pieces.push((safe(before).into_owned(), Style::default()));
        pieces.push((safe(found).into_owned(), theme.hit()));
        at = hit.end;
    }
    pieces.push((format!("{} ", safe(title.get(at..).unwrap_or_default())), Style::default()));
    let total: usize = pieces.iter().map(|(text, _)| crate::text::width(text)).sum();
    if total <= columns {
        return Line::from(
            pieces.into_iter().map(|(text, style)| Span::styled(text, style)).collect::<Vec<_>>(),
        );
    }
    // Cut: the columns but one for the pieces, and the ellipsis after the last one shown.
    let mut spans = Vec::new();
    let mut left = columns.saturating_sub(1);
    for (text, style) in pieces {
        let width = crate::text::width(&text);
        if width > left {
            spans.push(Span::styled(fit(&text, left + 1), style));
            break;
        }
        left -= width;
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

/// Where the reader is and what it found first (they matter while reading), then the date,
/// the source and the path relative to the corpus folder, cut to the width.
fn header<'a>(
    state: &AppState,
    theme: &Theme,
    article: &'a crate::corpus::Article,
    width: usize,
) -> Line<'a> {
    let total = state.reader.lines.len();
    let mut first = Vec::new();
    if total > 0 {
        first.push(format!("[{}/{}]", (state.reader.scroll + 1).min(total), total));
    }
    if !state.reader.hits.is_empty() {
        let at = state.reader.hit_cursor.map_or("-".to_string(), |i| (i + 1).to_string());
        first.push(format!("hit {at}/{}", state.reader.hits.len()));
    }
    let mut about = Vec::new();
    let date = article.date_label();
    if !date.is_empty() {
        about.push(date);
    }
    if let Some(s) = &article.source {
        about.push(safe(s).into_owned());
    }
    about.push(safe(state.shown_path(&article.path)).into_owned());
    if let Some(url) = &article.url {
        about.push(safe(url).into_owned());
    }
    let first = first.join("  ");
    let gap = if first.is_empty() { "" } else { "  " };
    let rest = fit(&about.join(" · "), width.saturating_sub(first.len() + gap.len()));
    Line::from(vec![Span::styled(first, theme.heading()), Span::raw(gap), Span::styled(rest, theme.dim())])
}

/// The kinds and their colors, with hidden kinds struck through.
fn legend<'a>(state: &AppState, theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::raw(" ")];
    for (i, kind) in EntityKind::ALL.iter().enumerate() {
        let mut style = theme.entity(*kind);
        if state.reader.hidden.contains(kind) {
            style = theme.dim().add_modifier(Modifier::CROSSED_OUT);
        }
        spans.push(Span::styled(format!("{}{}", i + 1, short(*kind)), style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

fn short(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "org",
        EntityKind::Place => "place",
        EntityKind::Nationality => "nat",
        EntityKind::Money => "money",
        EntityKind::Percent => "%",
        EntityKind::Quantity => "qty",
    }
}

/// Every styled range of the open article, by layer.
struct Styles {
    /// `(range, style)` sorted by start; later layers are applied over earlier ones.
    layers: Vec<Vec<(Range<usize>, Style)>>,
}

impl Styles {
    fn of(state: &AppState, theme: &Theme) -> Styles {
        let analysis = state.open().map(|o| &o.analysis);
        let mut entities = Vec::new();
        let mut dates = Vec::new();
        if let Some(a) = analysis {
            let cursor =
                state.reader.entity_cursor.and_then(|i| state.visible_entities().get(i).map(|e| e.start));
            for e in a.entities.iter().filter(|e| !state.reader.hidden.contains(&e.kind)) {
                let style = if Some(e.start) == cursor { theme.current() } else { theme.entity(e.kind) };
                entities.push((e.start..e.end, style));
            }
            let event_timexes: std::collections::HashSet<usize> =
                a.events.iter().filter_map(|e| e.timex).collect();
            for (i, t) in a.timexes.iter().enumerate() {
                let style = if event_timexes.contains(&i) {
                    theme.event_date()
                } else if matches!(t.kind, TimexType::Duration | TimexType::Set) {
                    Style::default().add_modifier(Modifier::ITALIC)
                } else {
                    Style::default()
                };
                dates.push((t.start..t.end, style));
            }
        }
        let hits: Vec<(Range<usize>, Style)> = state
            .reader
            .hits
            .iter()
            .enumerate()
            .map(|(i, r)| {
                (r.clone(), if Some(i) == state.reader.hit_cursor { theme.current() } else { theme.hit() })
            })
            .collect();
        let mark = state.reader.mark.iter().map(|r| (r.clone(), theme.current())).collect();
        let mut layers = vec![entities, dates, hits, mark];
        for layer in &mut layers {
            layer.sort_by_key(|(r, _)| (r.start, r.end));
        }
        Styles { layers }
    }

    /// The style of the text at byte `pos`.
    fn at(&self, pos: usize) -> Style {
        let mut style = Style::default();
        // Each layer's ranges are sorted and do not overlap: only the last one starting at or
        // before `pos` can hold it, so a long article with many hits stays fast.
        for layer in &self.layers {
            let i = layer.partition_point(|(r, _)| r.start <= pos);
            if let Some((r, s)) = i.checked_sub(1).and_then(|k| layer.get(k))
                && r.contains(&pos)
            {
                style = style.patch(*s);
            }
        }
        style
    }

    /// Byte offsets inside `line` where the style may change.
    fn cuts(&self, line: &Range<usize>) -> Vec<usize> {
        let mut cuts = vec![line.start, line.end];
        for layer in &self.layers {
            let first = layer.partition_point(|(r, _)| r.end <= line.start);
            for (r, _) in layer[first..].iter().take_while(|(r, _)| r.start < line.end) {
                for p in [r.start, r.end] {
                    if p > line.start && p < line.end {
                        cuts.push(p);
                    }
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        cuts
    }
}

fn styled_line<'a>(text: &'a str, range: Range<usize>, styles: &Styles) -> Line<'a> {
    let cuts = styles.cuts(&range);
    let spans: Vec<Span> = cuts
        .windows(2)
        .filter_map(|w| {
            let piece = text.get(w[0]..w[1])?;
            Some(Span::styled(safe(piece), styles.at(w[0])))
        })
        .collect();
    Line::from(spans)
}

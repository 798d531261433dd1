//! The status bar: the prompt while filtering, else corpus size, filter, progress and key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{Theme, safe};
use crate::app::AppState;
use crate::text::fit;
use crate::ui::keymap::Keymap;

pub fn draw(state: &AppState, keys: &Keymap, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    if state.filter.editing {
        frame.render_widget(Paragraph::new(prompt(state, theme, width)), area);
        return;
    }
    if state.entities.editing {
        frame.render_widget(Paragraph::new(entity_prompt(state, theme, width)), area);
        return;
    }
    if let Some(ask) = &state.ask {
        let room = width.saturating_sub(ask.label.width() + 1);
        let typed = safe(&ask.prompt.text);
        let tail: String = {
            let mut chars: Vec<char> = typed.chars().rev().take(room).collect();
            chars.reverse();
            chars.into_iter().collect()
        };
        let line = Line::from(vec![
            Span::styled(ask.label.clone(), theme.heading()),
            Span::raw(tail),
            Span::raw("█"),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let left = fit(&summary(state, keys), width);
    let hints = fitting_hints(state, keys, width.saturating_sub(left.width() + 2));
    let pad = width.saturating_sub(left.width() + hints.width());
    let style = if state.progress.failed.is_some() { theme.error() } else { theme.heading() };
    let line = Line::from(vec![
        Span::styled(left, style),
        Span::raw(" ".repeat(pad)),
        Span::styled(hints, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// As many hints as fit in `room` columns, whole, and the help's whenever it fits.
fn fitting_hints(state: &AppState, keys: &Keymap, room: usize) -> String {
    let all: Vec<String> = keys.hints(state).iter().map(|(k, w)| format!("{k} {w}")).collect();
    let Some((help, others)) = all.split_last() else { return String::new() };
    let mut shown: Vec<&str> = Vec::new();
    let mut used = help.width();
    for hint in others {
        if used + 2 + hint.width() > room {
            break;
        }
        used += 2 + hint.width();
        shown.push(hint);
    }
    if used > room {
        return String::new();
    }
    shown.push(help);
    shown.join("  ")
}

/// The entity pane's search: what is typed, and how many entities it leaves.
fn entity_prompt<'a>(state: &AppState, theme: &Theme, width: usize) -> Line<'a> {
    let n = state.entities.rows.len();
    let note = format!("  {n} {}", if n == 1 { "entity" } else { "entities" });
    let typed = fit(&safe(&state.entities.prompt.text), width.saturating_sub(note.width() + 10));
    Line::from(vec![
        Span::styled("entities/", theme.heading()),
        Span::raw(typed),
        Span::raw("█"),
        Span::styled(note, theme.dim()),
    ])
}

/// The filter prompt: the query (its end, when it is longer than the line) and what it found,
/// or what is wrong with it, which always stays in view.
fn prompt<'a>(state: &AppState, theme: &Theme, width: usize) -> Line<'a> {
    let (note, style) = match &state.filter.error {
        Some(err) => (format!("  {}", safe(err)), theme.error()),
        None if state.filter.applied.is_some() => {
            let n = state.filter.matches.len();
            let understood = state.filter.notes.iter().map(|n| format!(" · {}", safe(n))).collect::<String>();
            (format!("  {n} {}{understood}", if n == 1 { "match" } else { "matches" }), theme.dim())
        }
        None => (String::new(), theme.dim()),
    };
    let note = crate::text::fit(&note, width.saturating_sub(8));
    let room = width.saturating_sub(2 + note.width());
    let prompt = &state.filter.prompt;
    let (before, after) = prompt.text.split_at(prompt.cursor.min(prompt.text.len()));
    let (before, after) = (safe(before), safe(after));
    // The cursor stays in view: as much of what is before it as fits, then what follows.
    let mut shown_before: Vec<char> = Vec::new();
    let mut used = 0;
    for c in before.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        shown_before.push(c);
    }
    let shown_before: String = shown_before.into_iter().rev().collect();
    let mut rest = after.chars();
    let under = rest.next();
    let shown_after = crate::text::fit(rest.as_str(), room.saturating_sub(used + 1));
    let cursor = match under {
        Some(c) => Span::styled(c.to_string(), theme.selected()),
        None => Span::raw("█"),
    };
    Line::from(vec![
        Span::styled("/", theme.heading()),
        Span::raw(shown_before),
        cursor,
        Span::raw(shown_after),
        Span::styled(note, style),
    ])
}

/// Corpus size, skipped files, the active filter, loading progress, and any message.
pub fn summary(state: &AppState, keys: &Keymap) -> String {
    let mut parts = vec![match &state.filter.applied {
        Some(q) => format!("{}/{} · {}", state.list.rows.len(), state.articles.len(), safe(q)),
        None => format!("{} articles", state.articles.len()),
    }];
    if state.watching {
        parts.push("watching".to_string());
    }
    if !state.skipped.is_empty() {
        let key = keys.key_for(crate::app::Action::ShowSkipped).unwrap_or_default();
        parts.push(format!("{} skipped ({key} lists them)", state.skipped.len()));
    }
    if state.filter.applied.is_some() {
        parts.extend(state.filter.notes.iter().map(|n| safe(n).into_owned()));
    }
    let p = &state.progress;
    if let Some(f) = &p.failed {
        parts.push(format!("loading failed: {}", safe(f)));
    } else if !p.done {
        parts.push(loading(p));
    } else if p.checking {
        parts.push("checking the folder for changes…".to_string());
    } else if state.timeline.building {
        // The timeline of a large corpus takes a moment to put in order after it loads or
        // changes; the rest of the screen is live meanwhile.
        parts.push("ordering the timeline…".to_string());
    }
    if let Some(m) = &state.message {
        parts.push(safe(m).into_owned());
    }
    parts.join(" · ")
}

/// "loading 45% · 12.3 MB/s · ETA 4s · 12000 searchable"
fn loading(p: &crate::app::Progress) -> String {
    let pct = (p.bytes_done * 100).checked_div(p.bytes_total).unwrap_or(0).min(100);
    let secs = p.elapsed_ms as f64 / 1000.0;
    let mut s = format!("loading {pct}%");
    if secs > 0.0 {
        let rate = p.bytes_done as f64 / secs;
        s.push_str(&format!(" · {:.1} MB/s", rate / 1e6));
        if rate > 0.0 && p.bytes_total > p.bytes_done {
            s.push_str(&format!(" · ETA {:.0}s", (p.bytes_total - p.bytes_done) as f64 / rate));
        }
    }
    s.push_str(&format!(" · {} searchable", p.indexed));
    if p.bytes_done >= p.bytes_total && p.indexed > 0 {
        s = format!(
            "{} searchable · entities and timeline {}%",
            p.indexed,
            p.analyzed * 100 / p.indexed.max(1)
        );
    }
    s
}

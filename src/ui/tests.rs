//! Pane tests on ratatui's TestBackend, compiled only under #[cfg(test)] (see `ui/mod.rs`).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use crate::analysis::{Analysis, EntityKind, EntityMention, Timex, TimexType};
use crate::app::protocol::SearchResponse;
use crate::app::{Action, AppState, Incoming, update};
use crate::runtime::session::Session;

/// The seeds loaded and shown as in the interface: texts and sentences come from the worker.
fn seeds_session(width: u16, height: u16) -> Session {
    let mut session = Session::load(&[], false).unwrap();
    resize(&mut session, width, height);
    session
}

fn seeds_state() -> AppState {
    seeds_session(100, 30).state
}

fn resize(session: &mut Session, width: u16, height: u16) {
    let (w, h) =
        super::reader_text_size(ratatui::layout::Rect::new(0, 0, width, height), session.state.focus);
    session.take_in(Incoming::Resize { width: w, height: h });
}

fn render(state: &AppState, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| super::draw(state, f)).unwrap();
    terminal.backend().buffer().clone()
}

fn sized(state: AppState, width: u16, height: u16) -> AppState {
    let (w, h) = super::reader_text_size(ratatui::layout::Rect::new(0, 0, width, height), state.focus);
    let mut state = state;
    crate::app::receive(&mut state, Incoming::Resize { width: w, height: h });
    state
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where `needle` starts on screen.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        let row: Vec<String> = (0..area.width).map(|x| buffer[(x, y)].symbol().to_string()).collect();
        let line: String = row.concat();
        if let Some(i) = line.find(needle) {
            let col = line[..i].chars().count();
            return Some((col as u16, y));
        }
    }
    None
}

/// Seed 001 with hand-made spans, so the reader's styling is tested apart from the recognizer:
/// the worker's answer for it is replaced by one with this analysis.
fn fixture_state() -> AppState {
    let mut session = seeds_session(100, 30);
    while session.state.selected_article() != Some(1) {
        session.act(Action::Down);
    }
    let text = session.article_text(1).unwrap().text;
    let at = |s: &str| text.find(s).unwrap();
    let mention =
        |s: &str, kind| EntityMention { start: at(s), end: at(s) + s.len(), kind, canonical: s.into() };
    let fixture = Analysis {
        entities: vec![
            mention("Antony Blinken", EntityKind::Person),
            mention("Yomiuri Shimbun", EntityKind::Organization),
            mention("WASHINGTON", EntityKind::Place),
        ],
        timexes: vec![Timex {
            start: at("July 29"),
            end: at("July 29") + 7,
            kind: TimexType::Date,
            value: "2022-07-29".into(),
        }],
        events: Vec::new(),
    };
    session.take_in(Incoming::Search(SearchResponse::Opened {
        article: 1,
        result: Ok((text.clone(), std::sync::Arc::new(fixture))),
    }));
    assert_eq!(session.state.open().map(|o| o.id), Some(1));
    session.state
}

#[test]
fn main_screen_at_100x30() {
    let state = sized(seeds_state(), 100, 30);
    let screen = text(&render(&state, 100, 30));
    assert!(screen.contains("Articles 5"));
    assert!(screen.contains("US-Japan Alliance Digest"));
    assert!(screen.contains("Timeline"));
    assert!(screen.contains("q quit"));
    insta::assert_snapshot!(screen);
}

#[test]
fn help_overlay_lists_the_keymap() {
    let mut state = sized(seeds_state(), 100, 40);
    update(&mut state, Action::ToggleHelp);
    let screen = text(&render(&state, 100, 40));
    for (_, keys, description) in crate::ui::keymap::help_rows() {
        assert!(screen.contains(&keys), "help lacks {keys}");
        assert!(screen.contains(description.split(' ').next().unwrap()));
    }
    insta::assert_snapshot!(screen);
    let small = text(&render(&state, 80, 24));
    for (_, keys, _) in crate::ui::keymap::help_rows() {
        assert!(small.contains(&keys), "{keys} is missing at 80x24:\n{small}");
    }
}

#[test]
fn reader_colors_entities_by_kind_and_underlines_nothing_undated() {
    let state = fixture_state();
    let buffer = render(&state, 100, 30);
    let (x, y) = find(&buffer, "Antony Blinken").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Cyan);
    let (x, y) = find(&buffer, "Yomiuri Shimbun").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Magenta);
    insta::assert_snapshot!(text(&buffer));
}

#[test]
fn hidden_kinds_lose_their_color_and_the_entity_cursor_stands_out() {
    let mut state = fixture_state();
    update(&mut state, Action::ToggleKind(EntityKind::Person));
    let buffer = render(&state, 100, 30);
    let (x, y) = find(&buffer, "Antony Blinken").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Reset);
    update(&mut state, Action::NextEntity);
    let buffer = render(&state, 100, 30);
    let (x, y) = find(&buffer, "Yomiuri Shimbun").unwrap_or_else(|| panic!("{}", text(&buffer)));
    assert_eq!(buffer[(x, y)].bg, Color::LightRed, "the first visible entity is the cursor");
}

#[test]
fn search_hits_are_highlighted() {
    let mut state = fixture_state();
    let text = state.open().unwrap().text.clone();
    let start = text.find("Hagiuda").unwrap();
    state.reader.hits = std::iter::once(start..start + 7).collect();
    let buffer = render(&state, 100, 30);
    let (x, y) = find(&buffer, "Hagiuda").unwrap();
    assert_eq!(buffer[(x, y)].bg, Color::Yellow);
}

#[test]
fn no_color_draws_without_colors() {
    let mut state = fixture_state();
    state.monochrome = true;
    let buffer = render(&state, 100, 30);
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
}

#[test]
fn entity_pane_counts_mentions_and_articles() {
    let mut state = sized(seeds_state(), 100, 30);
    update(&mut state, Action::ShowEntities);
    let screen = text(&render(&state, 100, 30));
    assert!(screen.contains("Entities"));
    let first = &state.entities.corpus[0];
    assert!(screen.contains(&first.name));
    assert!(screen.contains(&format!("{}·{}", first.articles.len(), first.mentions)));
    insta::assert_snapshot!(screen);
}

#[test]
fn odd_sizes_do_not_panic() {
    for (w, h) in [(20, 5), (1, 1), (80, 24), (300, 100), (69, 24), (0, 0)] {
        let state = sized(seeds_state(), w, h);
        let _ = render(&state, w, h);
    }
}

#[test]
fn escape_sequences_never_reach_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("e.txt"),
        b"Escape \x1b]0;pwned\x07 title\n\n\x1b[2J\x1b[31mRED\x1b[0m bell\x07 back\x08space",
    )
    .unwrap();
    let mut session = Session::load(&[dir.path().to_path_buf()], false).unwrap();
    resize(&mut session, 80, 24);
    let buffer = render(&session.state, 80, 24);
    for cell in buffer.content() {
        assert!(!cell.symbol().chars().any(|c| c.is_control()), "control character on screen");
    }
    assert!(text(&buffer).contains("␛[31mRED"), "{}", text(&buffer));
}

#[test]
fn timeline_pane_groups_events_by_month_and_marks_the_selection() {
    let mut state = sized(seeds_state(), 100, 30);
    update(&mut state, Action::ShowTimeline);
    update(&mut state, Action::Bottom);
    let buffer = render(&state, 100, 30);
    let screen = text(&buffer);
    assert!(screen.contains("2022 July"), "month heading:\n{screen}");
    assert!(
        screen.lines().any(|l| l.contains("│2025 ")),
        "a year-only event is headed by its year:\n{screen}"
    );
    assert!(screen.contains("by month"), "the histogram's range is named");
    let last = &state.timeline.events[*state.timeline.rows.last().unwrap()];
    assert_eq!(last.date_label(), "2025");
    let (x, y) = find(&buffer, "The centre will").unwrap();
    assert!(
        buffer[(x, y)].modifier.contains(ratatui::style::Modifier::REVERSED),
        "the selected event stands out"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn skipped_files_are_counted_and_listed_with_their_reasons() {
    let mut state = seeds_state();
    state.skipped.push(crate::corpus::Skipped {
        path: "dir/broken.json".into(),
        reason: "invalid JSON: EOF at line 1".into(),
    });
    let state = sized(state, 100, 30);
    let screen = text(&render(&state, 100, 30));
    assert!(screen.contains("1 skipped (! lists them)"), "{screen}");
    let mut state = state;
    update(&mut state, Action::ShowSkipped);
    let screen = text(&render(&state, 100, 30));
    assert!(screen.contains("dir/broken.json") && screen.contains("invalid JSON: EOF at line 1"), "{screen}");
}

#[test]
fn a_click_finds_the_list_row_under_it() {
    let state = sized(seeds_state(), 100, 30);
    let list = super::layout(ratatui::layout::Rect::new(0, 0, 100, 30), state.focus).list.unwrap();
    assert_eq!(super::list_row_at(&state, list, list.y), None, "the border");
    assert_eq!(super::list_row_at(&state, list, list.y + 1), Some(0));
    assert_eq!(super::list_row_at(&state, list, list.y + 5), Some(4));
    assert_eq!(super::list_row_at(&state, list, list.y + 6), None, "below the last article");
}

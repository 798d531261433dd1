//! Pane tests on ratatui's TestBackend, compiled only under #[cfg(test)] (see `ui/mod.rs`).
//!
//! The state comes from a [`Session`]: the real pipeline, the real worker's answers between
//! keys, and the layout worked out for the screen size, as in the interface.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use crate::analysis::{Analysis, EntityKind, EntityMention, Timex, TimexType};
use crate::app::protocol::SearchResponse;
use crate::app::{Action, Incoming, Side};
use crate::runtime::session::Session;

/// The seeds loaded and shown on a screen of this size.
fn seeds(width: u16, height: u16) -> Session {
    let mut session = Session::load(&[], false).unwrap();
    session.set_screen(width, height);
    session
}

fn render(session: &Session, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| super::draw(&session.state, &super::Look::default(), f)).unwrap();
    terminal.backend().buffer().clone()
}

fn screen(session: &Session, width: u16, height: u16) -> String {
    text(&render(session, width, height))
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
fn fixture(width: u16, height: u16) -> Session {
    let mut session = seeds(width, height);
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
    session
}

#[test]
fn main_screen_at_80x24_and_160x48() {
    for (w, h) in [(80, 24), (160, 48)] {
        let s = seeds(w, h);
        let shown = screen(&s, w, h);
        assert!(shown.contains("Articles 5"), "{shown}");
        assert!(shown.contains("US-Japan Alliance Digest"));
        assert!(shown.contains("? help"), "the help is always hinted:\n{shown}");
        assert!(shown.contains("seeds/000_bb3ba981824539c7.txt"), "the path in the reader header:\n{shown}");
        insta::assert_snapshot!(format!("main_{w}x{h}"), shown);
    }
}

#[test]
fn list_titles_have_room_at_80_columns() {
    let s = seeds(80, 24);
    let shown = screen(&s, 80, 24);
    assert!(
        shown.contains("In response to threats from China and Russia, the United States"),
        "at least 60 characters of a title:\n{shown}"
    );
}

#[test]
fn the_reader_header_shows_the_position_first_and_the_path_relative_to_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("2022").join("july");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(nested.join("talks.txt"), "Talks\n\nOfficials in Tokyo met on Friday.\n").unwrap();
    let mut s = Session::load(&[dir.path().to_path_buf()], false).unwrap();
    s.set_screen(80, 24);
    let shown = screen(&s, 80, 24);
    let header = shown.lines().find(|l| l.contains("[1/")).unwrap_or_else(|| panic!("{shown}"));
    assert!(header.contains("2022/july/talks.txt"), "{header}");
    assert!(!header.contains(&dir.path().display().to_string()), "not the absolute path: {header}");
}

#[test]
fn help_overlay_lists_every_key_without_cutting_at_both_sizes() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = seeds(w, h);
        s.act(Action::ToggleHelp);
        let keys = super::Keymap::default();
        let rows = super::help::rows(&keys);
        let (per_page, _) = super::help::page(&keys, ratatui::layout::Rect::new(0, 0, w, h));
        let mut seen = String::new();
        let mut first = true;
        for start in (0..rows.len()).step_by(per_page) {
            if !first {
                for _ in 0..per_page {
                    s.act(Action::Down);
                }
            }
            first = false;
            let _ = start;
            seen.push_str(&screen(&s, w, h));
        }
        for (keys, description) in &rows {
            let line = format!("{keys}  {description}");
            assert!(seen.contains(&line), "{w}x{h}: {line:?} missing or cut");
        }
        s.act(Action::Top);
        let first_page = screen(&s, w, h);
        insta::assert_snapshot!(format!("help_{w}x{h}"), first_page);
    }
}

#[test]
fn entity_pane_counts_articles_and_mentions_in_one_column() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = seeds(w, h);
        s.act(Action::ShowEntities);
        let shown = screen(&s, w, h);
        let first = s.state.selected_entity().unwrap().clone();
        let counts = format!("{}·{}", first.articles, first.mentions);
        assert!(shown.lines().any(|l| l.contains(&first.name) && l.contains(&counts)), "{counts}:\n{shown}");
        assert!(shown.contains("People"), "grouped by kind:\n{shown}");
        assert!(shown.contains("seen with:"), "{shown}");
        insta::assert_snapshot!(format!("entities_{w}x{h}"), shown);
    }
}

/// The figures come from the tables thread: until they do, the pane says it is counting.
#[test]
fn the_entity_pane_says_when_its_figures_are_being_counted() {
    let mut s = seeds(80, 24);
    s.act_unanswered(Action::ShowEntities);
    assert_eq!(s.pending(), 1, "the count waits for the tables thread");
    let counting = screen(&s, 80, 24);
    assert!(counting.contains("counting…"), "{counting}");
    assert!(counting.contains("People"), "the table counted at load stays shown:\n{counting}");
    s.settle();
    let counted = screen(&s, 80, 24);
    assert!(!counted.contains("counting"), "{counted}");
}

/// The timeline is put in order on the tables thread: until it is, the pane and the status
/// bar say so, and the rest of the screen is live.
#[test]
fn the_timeline_says_while_it_is_put_in_order_again() {
    use crate::app::protocol::{PipelineEvent, Timings};
    let mut s = seeds(160, 48);
    s.act(Action::ShowTimeline);
    let done = PipelineEvent::Done { millis: 1, timings: Timings::default(), from_cache: false };
    s.take_in_unanswered(Incoming::Pipeline(done));
    let ordering = screen(&s, 160, 48);
    assert!(
        ordering.contains("Timeline 0 · all articles") && ordering.contains("putting the events in order…"),
        "{ordering}"
    );
    assert!(ordering.lines().last().unwrap().contains("5 articles · ordering the timeline…"), "{ordering}");
    assert!(ordering.contains("Articles 5"), "the list is there meanwhile:\n{ordering}");
    s.settle();
    let ordered = screen(&s, 160, 48);
    assert!(!ordered.contains("putting") && !ordered.contains("ordering"), "{ordered}");
    assert!(ordered.contains(&format!("Timeline {} · all articles", s.state.timeline.rows.len())));
}

#[test]
fn typing_in_the_entity_pane_narrows_it_and_a_switches_to_the_article() {
    let mut s = seeds(80, 24);
    s.act(Action::ShowEntities);
    let all = s.state.entities.rows.len();
    s.act(Action::StartFilter);
    s.type_text("hag");
    let names: Vec<&str> =
        s.state.entities.rows.iter().map(|&i| s.state.entities.corpus[i].name.as_str()).collect();
    assert_eq!(names, vec!["Koichi Hagiuda"]);
    let shown = screen(&s, 80, 24);
    assert!(shown.contains("entities/hag") && shown.contains("1 entity"), "{shown}");
    s.act(Action::ClearFilter);
    assert_eq!(s.state.entities.rows.len(), all);
    s.act(Action::ArticleEntities);
    let in_article = s.state.entities.rows.len();
    assert!(in_article < all && in_article > 0);
    assert!(screen(&s, 80, 24).contains("this article"));
}

#[test]
fn the_entity_pane_follows_the_article_filter() {
    let mut s = seeds(160, 48);
    s.act(Action::ShowEntities);
    let everywhere = s.state.entities.corpus.len();
    s.act(Action::FocusNext);
    assert_eq!(s.state.focus, crate::app::Pane::List);
    s.act(Action::StartFilter);
    s.type_text("Digest");
    s.act(Action::Open);
    assert!(s.state.entities.corpus.len() < everywhere);
    // Each entity counts the listed articles that name it, and no other.
    for e in &s.state.entities.corpus {
        let naming = |id: &&u32| {
            s.state
                .summary(**id)
                .is_some_and(|m| m.entities.iter().any(|x| *x.name == e.name && x.kind == e.kind))
        };
        assert_eq!(e.articles, s.state.list.rows.iter().filter(naming).count(), "{}", e.name);
    }
    assert!(screen(&s, 160, 48).contains("filtered articles"), "{}", screen(&s, 160, 48));
}

#[test]
fn related_pane_at_80x24_and_160x48() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = seeds(w, h);
        s.act(Action::ShowRelated);
        let shown = screen(&s, w, h);
        assert!(shown.contains("Related to"), "{shown}");
        insta::assert_snapshot!(format!("related_{w}x{h}"), shown);
    }
}

#[test]
fn z_gives_the_focused_pane_the_whole_screen() {
    let mut s = seeds(80, 24);
    s.act(Action::Open);
    let before = s.state.reader.width;
    s.act(Action::Zoom);
    assert!(s.state.zoomed);
    let shown = screen(&s, 80, 24);
    assert!(!shown.contains("Articles 5"), "only the reader:\n{shown}");
    assert_eq!(s.state.reader.width, 78, "the reader is laid out for the whole width (was {before})");
    s.act(Action::ClearFilter);
    assert!(!s.state.zoomed, "Esc gives the screen back");
}

#[test]
fn reader_colors_entities_by_kind_and_underlines_nothing_undated() {
    let s = fixture(100, 30);
    let buffer = render(&s, 100, 30);
    let (x, y) = find(&buffer, "Antony Blinken").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Cyan);
    let (x, y) = find(&buffer, "Yomiuri Shimbun").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Magenta);
    insta::assert_snapshot!(text(&buffer));
}

#[test]
fn hidden_kinds_lose_their_color_and_the_entity_cursor_stands_out() {
    let mut s = fixture(100, 30);
    s.act(Action::ToggleKind(EntityKind::Person));
    let buffer = render(&s, 100, 30);
    let (x, y) = find(&buffer, "Antony Blinken").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Reset);
    s.act(Action::NextEntity);
    let buffer = render(&s, 100, 30);
    let (x, y) = find(&buffer, "Yomiuri Shimbun").unwrap_or_else(|| panic!("{}", text(&buffer)));
    assert_eq!(buffer[(x, y)].bg, Color::LightRed, "the first visible entity is the cursor");
}

/// The seeds filtered by `query`, typed and kept, with the first match open in the reader.
fn first_match_open(query: &str, width: u16, height: u16) -> Session {
    let mut s = seeds(width, height);
    s.act(Action::StartFilter);
    s.type_text(query);
    s.act(Action::Open);
    s.act(Action::Open);
    s
}

#[test]
fn search_hits_are_highlighted() {
    let s = first_match_open("Hagiuda", 100, 30);
    let buffer = render(&s, 100, 30);
    let (x, y) = find(&buffer, "Hagiuda").unwrap();
    assert_eq!(buffer[(x, y)].bg, Color::Yellow);
}

/// The list's row of the article whose title starts with `title`.
fn list_row<'a>(screen: &'a str, title: &str) -> &'a str {
    let row = screen.lines().find(|l| l.starts_with('│') && l.contains(title));
    row.unwrap_or_else(|| panic!("{title}: {screen}"))
}

/// A match found in its title alone says so where the count of its text's hits goes, and a
/// `date:` condition, which no word of the text matches, says nothing: neither is "0×".
#[test]
fn a_match_in_the_title_alone_says_title_and_none_says_0_times() {
    let mut s = seeds(120, 30);
    // Each filter typed afresh and kept, as a user does, the screen drawn once its answers came.
    let mut filtered = |query: &str| {
        s.act(Action::ClearFilter);
        s.act(Action::StartFilter);
        s.type_text(query);
        s.act(Action::Open);
        screen(&s, 120, 30)
    };
    let shown = filtered("title:strengthen");
    let row = list_row(&shown, "USA and Japan strengthen");
    assert!(row.contains("title│"), "{row}");
    let shown = filtered("strengthen");
    let row = list_row(&shown, "USA and Japan strengthen");
    assert!(row.contains(" 1×││"), "its text's hit is counted first: {row}");
    let shown = filtered("date:2022");
    assert!(shown.contains("Articles 5/5"), "{shown}");
    assert!(!shown.contains("0×") && !shown.contains("title│"), "{shown}");
}

/// The reader's border shows the open article's title with what the query found in it marked
/// as the text's hits are; a word of the title the query does not name is not.
#[test]
fn the_reader_marks_in_its_title_what_the_query_found_there() {
    let mut s = first_match_open("title:strengthen", 120, 30);
    let buffer = render(&s, 120, 30);
    let (x, y) = find(&buffer, "strengthen industrial").unwrap_or_else(|| panic!("{}", text(&buffer)));
    assert_eq!(y, 0, "in the reader's border: {}", text(&buffer));
    assert_eq!(buffer[(x, y)].bg, Color::Yellow, "{}", text(&buffer));
    let (x, _) = find(&buffer, "industrial").unwrap();
    assert_ne!(buffer[(x, y)].bg, Color::Yellow, "not a word of the query");
    // Narrower, the reader alone: the title is cut with an ellipsis, its hit still marked.
    s.set_screen(50, 30);
    let buffer = render(&s, 50, 30);
    let shown = text(&buffer);
    let y = shown.lines().position(|l| l.starts_with('┌') && l.contains("strengthen"));
    let y = y.unwrap_or_else(|| panic!("{shown}"));
    let border = shown.lines().nth(y).unwrap_or_default();
    assert!(border.contains('…'), "{border}");
    let x = border[..border.find("strengthen").unwrap_or_default()].chars().count();
    assert_eq!(buffer[(x as u16, y as u16)].bg, Color::Yellow, "{border}");
}

#[test]
fn no_color_draws_without_colors() {
    let mut s = fixture(100, 30);
    s.state.monochrome = true;
    let buffer = render(&s, 100, 30);
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
}

#[test]
fn odd_sizes_do_not_panic() {
    for (w, h) in [(20, 5), (1, 1), (80, 24), (300, 100), (69, 24), (0, 0), (119, 40), (120, 40)] {
        let s = seeds(w, h);
        let _ = render(&s, w, h);
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
    session.set_screen(80, 24);
    let buffer = render(&session, 80, 24);
    for cell in buffer.content() {
        assert!(!cell.symbol().chars().any(|c| c.is_control()), "control character on screen");
    }
    assert!(text(&buffer).contains("␛[31mRED"), "{}", text(&buffer));
}

#[test]
fn timeline_pane_has_one_row_per_event_an_axis_and_the_selection_marked() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = seeds(w, h);
        s.act(Action::ShowTimeline);
        s.act(Action::Bottom);
        let buffer = render(&s, w, h);
        let shown = text(&buffer);
        assert!(shown.contains("by year"), "the histogram's axis says what a bar is:\n{shown}");
        let last = s.state.selected_event().unwrap();
        assert_eq!(last.date_label(), "2025");
        let (x, y) = find(&buffer, "The centre will").unwrap_or_else(|| panic!("{shown}"));
        assert!(
            buffer[(x, y)].modifier.contains(ratatui::style::Modifier::REVERSED),
            "the selected event stands out"
        );
        // Every row is an event: no heading rows repeating the date of the row below.
        assert!(
            !shown.contains("2022 July")
                && !shown.lines().any(|l| l.trim_end_matches('│').trim_end().ends_with("2022-07")),
            "{shown}"
        );
        assert!(
            shown.lines().filter(|l| l.contains(" · ")).count() >= 3,
            "reported events are marked:\n{shown}"
        );
        insta::assert_snapshot!(format!("timeline_{w}x{h}"), shown);
    }
}

#[test]
fn a_narrowed_timeline_is_titled_by_its_article_and_says_when_empty() {
    let mut s = seeds(160, 48);
    s.act(Action::Open);
    s.act(Action::NarrowTimeline);
    let title = s.state.article(s.state.reader.article.unwrap()).unwrap().title.clone();
    let shown = screen(&s, 160, 48);
    assert!(
        shown.contains(&format!("Timeline {} · {}", s.state.timeline.rows.len(), &title[..20])),
        "{shown}"
    );
    s.act(Action::ShowEntities);
    s.act(Action::NarrowTimeline);
    assert!(screen(&s, 160, 48).contains("Timeline"));
}

#[test]
fn skipped_files_are_counted_and_listed_with_their_reasons() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), "Good\n\nOfficials in Tokyo met.\n").unwrap();
    std::fs::write(dir.path().join("broken.json"), "{\"cut").unwrap();
    let mut s = Session::load(&[dir.path().to_path_buf()], false).unwrap();
    s.set_screen(100, 30);
    let shown = screen(&s, 100, 30);
    assert!(shown.contains("1 skipped (! lists them)"), "{shown}");
    s.act(Action::ShowSkipped);
    assert_eq!(s.state.side, Side::Skipped);
    let shown = screen(&s, 100, 30);
    assert!(shown.contains("broken.json") && shown.contains("invalid JSON"), "{shown}");
}

#[test]
fn a_click_finds_the_list_row_under_it() {
    let s = seeds(100, 30);
    let list = super::layout(ratatui::layout::Rect::new(0, 0, 100, 30), &s.state).list.unwrap();
    assert_eq!(super::list_row_at(&s.state, list, list.y), None, "the border");
    assert_eq!(super::list_row_at(&s.state, list, list.y + 1), Some(0));
    assert_eq!(super::list_row_at(&s.state, list, list.y + 5), Some(4));
    assert_eq!(super::list_row_at(&s.state, list, list.y + 6), None, "below the last article");
}

//! Text on its way out of the program: made safe for a terminal, measured the way a terminal
//! shows it, and cut to fit. Every layer that prints or draws text from a file uses these, so
//! what is measured is what is drawn, and no escape sequence from a file reaches a terminal
//! (the interface, the plain output of the commands, the log).

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What a character of a file becomes on screen; `None` when it is dropped.
///
/// Control characters become visible symbols (`␛` for ESC), so no escape sequence from a file
/// reaches the terminal. A tab is one space: the reader lays text out in columns it measures,
/// and a tab's width depends on the column it falls in.
pub fn shown_char(c: char) -> Option<char> {
    Some(match c {
        // Joiners, variation selectors and skin tones join or modify the previous glyph;
        // terminals and width tables count them differently, so they go.
        '\r' | '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}' => return None,
        // Flags are pairs of regional indicators whose width terminals disagree on; their
        // letters ("JP") keep the layout intact.
        '\u{1f1e6}'..='\u{1f1ff}' => char::from_u32(c as u32 - 0x1f1e6 + 'A' as u32).unwrap_or('?'),
        '\t' => ' ',
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        // Other controls (C1), bidirectional overrides and the byte order mark.
        c if c.is_control()
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}') =>
        {
            '\u{fffd}'
        }
        c => c,
    })
}

fn changed(c: char) -> bool {
    shown_char(c) != Some(c)
}

/// `s` as it may be shown on a terminal (see [`shown_char`]).
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(changed) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter_map(shown_char).collect())
}

/// The columns a character of a file takes once shown.
pub fn char_width(c: char) -> usize {
    shown_char(c).map_or(0, |s| s.width().unwrap_or(0))
}

/// The columns `s` takes once shown.
pub fn width(s: &str) -> usize {
    if s.chars().any(changed) { s.chars().map(char_width).sum() } else { s.width() }
}

/// Cuts `s` to `max` characters at a word boundary and marks the cut with an ellipsis.
pub fn cut_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let byte_end = s.char_indices().nth(max).map_or(s.len(), |(i, _)| i);
    let head = &s[..byte_end];
    let cut = head.rfind(' ').filter(|&i| i > byte_end / 2).unwrap_or(byte_end);
    format!("{}…", head[..cut].trim_end_matches([',', ';', ':', ' ']))
}

/// Cuts an already safe string to a display width, with an ellipsis when cut.
pub fn fit(s: &str, columns: usize) -> String {
    if s.width() <= columns {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    if columns > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_become_visible_symbols() {
        let osc = "id\u{1b}]52;c;aGk=\u{7}\u{9b}31m";
        let shown = safe(osc);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert_eq!(shown, "id␛]52;c;aGk=␇\u{fffd}31m");
        assert_eq!(safe("Tokyo 🇯🇵🇺🇸 👍🏽 ok\r"), "Tokyo JPUS 👍 ok");
        assert!(matches!(safe("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn width_is_the_width_of_what_is_shown() {
        for s in ["a\tb", "x\u{1}y", "東京", "🇯🇵", "e\u{301}", "\u{7f}", "\u{202e}abc"] {
            assert_eq!(width(s), safe(s).width(), "{s:?}");
        }
        assert_eq!(width("a\tb"), 3);
    }

    #[test]
    fn cut_titles_end_on_a_word_with_an_ellipsis() {
        let long = "word ".repeat(100);
        assert_eq!(cut_chars(long.trim(), 20), "word word word word…");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}

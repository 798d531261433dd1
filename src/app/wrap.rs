//! Wrapping article text into screen lines, as byte ranges of the text, so that styles,
//! hits and scroll positions can all be given as offsets into the article.

use std::borrow::Cow;
use std::ops::Range;

/// Wraps each line of `text` to `width` columns. Empty lines stay (as empty ranges).
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(8);
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let trimmed = line.trim_end_matches('\r');
        if trimmed.trim().is_empty() {
            out.push(line_start..line_start);
        } else {
            let options = textwrap::Options::new(width).break_words(true);
            let mut search_from = 0;
            for piece in textwrap::wrap(trimmed, options) {
                let start = match &piece {
                    Cow::Borrowed(s) => s.as_ptr() as usize - trimmed.as_ptr() as usize,
                    Cow::Owned(s) => {
                        trimmed[search_from..].find(s.as_str()).map_or(search_from, |i| i + search_from)
                    }
                };
                let end = (start + piece.len()).min(trimmed.len());
                search_from = end;
                out.push(line_start + start..line_start + end);
            }
        }
        line_start += line.len() + 1;
    }
    out
}

/// The index of the wrapped line holding byte `pos`.
pub fn line_of(lines: &[Range<usize>], pos: usize) -> usize {
    lines.partition_point(|l| l.end < pos && l.start <= pos).min(lines.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_are_ranges_of_the_text() {
        let text = "one two three four five six\n\nseven";
        let lines = wrap(text, 10);
        let shown: Vec<&str> = lines.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, vec!["one two", "three four", "five six", "", "seven"]);
        assert_eq!(line_of(&lines, text.find("seven").unwrap()), 4);
        assert_eq!(line_of(&lines, text.find("four").unwrap()), 1);
    }

    #[test]
    fn long_words_and_wide_characters_do_not_overflow() {
        let text = "東京とワシントン 🇯🇵🇺🇸 ".repeat(5) + &"x".repeat(50);
        for r in wrap(&text, 12) {
            assert!(unicode_width::UnicodeWidthStr::width(&text[r]) <= 12);
        }
    }
}

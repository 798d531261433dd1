//! Wrapping article text into screen lines, as byte ranges of the text, so that styles,
//! hits and scroll positions can all be given as offsets into the article.
//!
//! Widths are measured the way the reader draws the text ([`crate::text::char_width`]): a tab
//! is one column, a control character is a visible symbol one column wide. Measured any other
//! way, a line holding them would be drawn wider than it was laid out and lose its end.

use std::ops::Range;

use textwrap::core::Fragment;

use crate::text::char_width;

/// A word and the white space after it, as byte ranges of the text.
#[derive(Debug)]
struct Word {
    start: usize,
    end: usize,
    width: usize,
    space: usize,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Wraps each line of `text` to `width` columns. Empty lines stay (as empty ranges).
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(8);
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let words = words(line, line_start, width);
        if words.is_empty() {
            out.push(line_start..line_start);
        } else {
            for row in textwrap::wrap_algorithms::wrap_first_fit(&words, &[width as f64]) {
                if let (Some(first), Some(last)) = (row.first(), row.last()) {
                    out.push(first.start..last.end);
                }
            }
        }
        line_start += line.len() + 1;
    }
    out
}

/// The words of one line (starting at byte `base` of the text), a word wider than the line cut
/// into pieces that fit.
fn words(line: &str, base: usize, width: usize) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    for (i, c) in line.char_indices() {
        let at = base + i;
        let w = char_width(c);
        if c == ' ' || c == '\t' {
            if let Some(word) = current.take() {
                words.push(word);
            }
            if let Some(last) = words.last_mut() {
                last.space += w;
            }
            continue;
        }
        match &mut current {
            Some(word) if word.width + w <= width => {
                word.end = at + c.len_utf8();
                word.width += w;
            }
            _ => {
                words.extend(current.take());
                current = Some(Word { start: at, end: at + c.len_utf8(), width: w, space: 0 });
            }
        }
    }
    words.extend(current);
    // A line of nothing but white space wraps to an empty line.
    if words.iter().all(|w| w.width == 0 && line[w.start - base..w.end - base].trim().is_empty()) {
        return Vec::new();
    }
    words
}

/// The index of the wrapped line holding byte `pos`.
pub fn line_of(lines: &[Range<usize>], pos: usize) -> usize {
    lines.partition_point(|l| l.end < pos && l.start <= pos).min(lines.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
            assert!(crate::text::width(&text[r]) <= 12);
        }
    }

    /// Issue 9.9: tabs and control characters are drawn one column wide, so they must be
    /// measured so; otherwise "nu xi omicron pi" fell off the end of the line.
    #[test]
    fn tabs_and_control_characters_keep_every_word_on_screen() {
        let text = "alpha\tbeta\tgamma\tdelta\u{1}epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma";
        let lines = wrap(text, 20);
        for r in &lines {
            assert!(crate::text::width(&text[r.clone()]) <= 20, "{:?}", &text[r.clone()]);
        }
        let shown: String =
            lines.iter().map(|r| crate::text::safe(&text[r.clone()]).into_owned() + " ").collect();
        for word in ["nu", "xi", "omicron", "pi", "rho"] {
            assert!(shown.split_whitespace().any(|w| w == word), "{word} is missing: {shown}");
        }
    }

    proptest! {
        /// Whatever the text, every line fits and every word of the input is on some line.
        #[test]
        fn every_word_is_shown_and_every_line_fits(text in "[a-zé東🇯\t\u{1}\u{7} ]{0,60}(\n[a-z\t ]{0,30}){0,3}", width in 8usize..40) {
            let lines = wrap(&text, width);
            for r in &lines {
                prop_assert!(crate::text::width(&text[r.clone()]) <= width);
            }
            let mut covered = vec![false; text.len()];
            for r in &lines {
                for flag in &mut covered[r.clone()] {
                    *flag = true;
                }
            }
            for (i, c) in text.char_indices() {
                if !c.is_whitespace() {
                    prop_assert!(covered[i], "byte {} ({:?}) of {:?} is not on screen", i, c, text);
                }
            }
        }
    }
}

//! Sentence boundaries, good enough for news: paragraph and line breaks, and `.`/`?`/`!`
//! followed by a capital, except after common abbreviations and initials.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "gov", "sen", "rep", "st", "sr", "jr", "lt", "col", "sgt",
    "capt", "adm", "rev", "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "mt",
    "ft", "fig",
];

/// Splits `text` into sentence byte ranges, trimmed of surrounding white space.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // Only these bytes can end a sentence: they are found a vector at a time.
    let mut stops = memchr::memchr3_iter(b'.', b'?', b'!', bytes).peekable();
    let mut breaks = memchr::memchr_iter(b'\n', bytes).peekable();
    let mut i = 0;
    loop {
        while stops.next_if(|&p| p < i).is_some() {}
        while breaks.next_if(|&p| p < i).is_some() {}
        let at = match (stops.peek(), breaks.peek()) {
            (Some(&stop), Some(&line)) => stop.min(line),
            (Some(&at), None) | (None, Some(&at)) => at,
            (None, None) => break,
        };
        let boundary_end = if bytes[at] == b'\n' {
            Some(at)
        } else if ends_sentence(text, at) {
            Some(closing_quotes_end(text, at + 1))
        } else {
            None
        };
        i = at + 1;
        if let Some(end) = boundary_end {
            push_trimmed(text, start..end, &mut out);
            start = end;
            i = i.max(end);
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let s = range.start + lead;
        out.push(s..s + trimmed.len());
    }
}

/// Whether the punctuation at byte `i` ends a sentence.
fn ends_sentence(text: &str, i: usize) -> bool {
    let after = &text[closing_quotes_end(text, i + 1)..];
    let mut rest = after.chars();
    match rest.next() {
        None => return true,
        Some(c) if !c.is_whitespace() => return false,
        _ => {}
    }
    let next = after.trim_start().chars().next();
    let starts_upper = next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c));
    if !starts_upper {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    let before = &text[..i];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
        .last()
        .map_or(i, |(k, _)| k);
    let word = &before[word_start..];
    let mut chars = word.chars();
    let is_initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    !(is_initial || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
}

fn closing_quotes_end(text: &str, mut i: usize) -> usize {
    while let Some(c) = text[i..].chars().next() {
        if "\"”’')".contains(c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// The index of the sentence containing byte `pos`, if any.
pub fn containing(sentences: &[Range<usize>], pos: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= pos);
    sentences.get(i).filter(|s| s.start <= pos).map(|_| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `split` did before it looked for its stops by vector: a byte at a time.
    fn split_byte_by_byte(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let boundary_end = if b == b'\n' {
                Some(i)
            } else if matches!(b, b'.' | b'?' | b'!') && ends_sentence(text, i) {
                Some(closing_quotes_end(text, i + 1))
            } else {
                None
            };
            if let Some(end) = boundary_end {
                push_trimmed(text, start..end, &mut out);
                start = end;
                i = end.max(i + 1);
                continue;
            }
            i += 1;
        }
        push_trimmed(text, start..text.len(), &mut out);
        out
    }

    proptest! {
        #[test]
        fn splits_as_a_byte_by_byte_scan_does(
            words in proptest::collection::vec(
                r#"(Mr|U\.S|A|it|Tokyo|1|“|”|"|'|\)|\.|\?|!|\n| |  )"#,
                0..60,
            )
        ) {
            let text = words.concat();
            prop_assert_eq!(split(&text), split_byte_by_byte(&text));
        }
    }

    fn texts(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn splits_on_full_stops_and_lines() {
        assert_eq!(
            texts(
                "U.S. Secretary Blinken met Mr. Hayashi. They spoke.\nA bullet\n\n“Quoted.” Next one?  Yes!"
            ),
            vec![
                "U.S. Secretary Blinken met Mr. Hayashi.",
                "They spoke.",
                "A bullet",
                "“Quoted.”",
                "Next one?",
                "Yes!"
            ]
        );
    }

    #[test]
    fn numbers_and_lowercase_do_not_split() {
        assert_eq!(texts("It rose 1.5 percent. in fact no."), vec!["It rose 1.5 percent. in fact no."]);
    }

    #[test]
    fn finds_the_sentence_of_an_offset() {
        let t = "One. Two. Three.";
        let s = split(t);
        assert_eq!(containing(&s, 6), Some(1));
        assert_eq!(containing(&s, 4), None);
    }
}

//! A byte-offset tokenizer tuned for capitalization cues, not linguistics.

use crate::analysis::chars::char_at;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// First letter uppercase ("Apple", "McDonnell", "A380").
    Cap,
    /// Two or more letters, all uppercase ("USAF", "U.S.").
    AllCaps,
    Lower,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    /// The token opens a sentence, a line or a quotation, where capitals prove nothing.
    pub sent_start: bool,
    /// No line break separates this token from the previous one.
    pub same_line: bool,
}

/// Abbreviations whose final period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Inc", "Corp", "Ltd", "Co", "Gen", "Sen", "Rep", "Gov", "Lt",
    "Col", "Capt", "Prof", "Rev", "No", "vs", "etc", "Mt", "Ft", "Bros", "Adm", "Sgt", "Jan", "Feb", "Aug",
    "Sept", "Oct", "Nov", "Dec",
];

/// Abbreviations that precede a name, so the next word continues the sentence.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "Capt.", "Prof.", "Rev.",
    "St.", "Adm.", "Sgt.", "Mt.", "Ft.",
];

/// Words that start sentences; after "U.S." or "Inc." they show a sentence ended.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "We",
    "This",
    "That",
    "In",
    "But",
    "And",
    "On",
    "At",
    "His",
    "Her",
    "Its",
    "Their",
    "There",
    "However",
    "I",
    "Many",
    "Some",
    "Most",
    "Other",
    "Several",
    "Both",
    "Each",
    "Meanwhile",
    "Although",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "As",
    "For",
    "With",
    "Since",
    "During",
    "Last",
    "Next",
    "Now",
    "Then",
    "Also",
    "So",
    "Yet",
    "Still",
    "These",
    "Those",
    "Our",
    "My",
    "You",
    "Your",
    "What",
    "Which",
    "Who",
    "How",
    "Why",
    "Where",
    "One",
    "Two",
    "Here",
    "Earlier",
    "Later",
    "Analysts",
    "Officials",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Scans one word starting at `start`, joining hyphens, initialisms, digit groups and
/// name-internal apostrophes, but leaving a possessive "'s" outside.
fn scan_word(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut segment_start = start;
    let numeric = bytes.get(start).is_some_and(u8::is_ascii_digit);
    while let Some(c) = char_at(text, i) {
        if is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        let next = char_at(text, i + c.len_utf8());
        let next_is_word = next.is_some_and(is_word_char);
        if !next_is_word {
            break;
        }
        let joins = match c {
            // "Japan-based", "EADS-led": the name ends where a lowercase modifier starts.
            '-' => !(starts_upper(&text[start..i]) && next.is_some_and(char::is_lowercase)),
            '.' => {
                let short = i - segment_start <= 2;
                (short && !numeric) || (numeric && next.is_some_and(|n| n.is_ascii_digit()))
            }
            ',' => numeric && next.is_some_and(|n| n.is_ascii_digit()),
            c if is_apostrophe(c) => !is_possessive(text, i + c.len_utf8()),
            _ => false,
        };
        if !joins {
            break;
        }
        i += c.len_utf8();
        segment_start = i;
    }
    i
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// After an apostrophe: "s" followed by a non-word character is a possessive.
fn is_possessive(text: &str, after_apostrophe: usize) -> bool {
    let bytes = text.as_bytes();
    matches!(bytes.get(after_apostrophe), Some(b's'))
        && !char_at(text, after_apostrophe + 1).is_some_and(is_word_char)
}

fn shape_of(word: &str) -> Shape {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return Shape::Punct;
    };
    if first.is_numeric() {
        return Shape::Number;
    }
    if !first.is_uppercase() {
        return Shape::Lower;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && word.chars().all(|c| !c.is_lowercase()) { Shape::AllCaps } else { Shape::Cap }
}

/// Whether a period right after `word` belongs to it (an abbreviation or initial).
fn takes_period(word: &str) -> bool {
    word.contains('.')
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&word)
        || matches!(word, "N.V" | "U.S" | "U.K")
}

pub fn tokenize(text: &str) -> Vec<Token> {
    let mut toks: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let mut pending_start = true;
    let mut same_line = false;
    let mut after_abbreviation = false;
    while let Some(c) = char_at(text, i) {
        if c == '\n' || c == '\r' {
            pending_start = true;
            same_line = false;
            i += c.len_utf8();
            continue;
        }
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if is_word_char(c) {
            let mut end = scan_word(text, i);
            let word = &text[i..end];
            let mut abbreviation = false;
            if text.as_bytes().get(end) == Some(&b'.') && takes_period(word) {
                end += 1;
                abbreviation = true;
            }
            let word = &text[i..end];
            let shape = shape_of(word);
            let opener = after_abbreviation && SENTENCE_OPENERS.contains(&word);
            toks.push(Token { start: i, end, shape, sent_start: pending_start || opener, same_line });
            pending_start = false;
            after_abbreviation = abbreviation && !TITLE_ABBREVIATIONS.contains(&word);
            same_line = true;
            i = end;
            continue;
        }
        let end = i + c.len_utf8();
        let opens_quote = matches!(c, '"' | '\u{201c}' | '\u{2018}')
            && char_at(text, end).is_some_and(is_word_char)
            && (toks.is_empty() || !tight_before(text, i));
        toks.push(Token { start: i, end, shape: Shape::Punct, sent_start: pending_start, same_line });
        if matches!(c, '.' | '!' | '?' | '\u{201c}') || opens_quote {
            pending_start = true;
        }
        after_abbreviation = false;
        same_line = true;
        i = end;
    }
    toks
}

/// True when the character before `i` is not whitespace (a closing quote, not an opening one).
fn tight_before(text: &str, i: usize) -> bool {
    text.get(..i).and_then(|s| s.chars().next_back()).is_some_and(|c| !c.is_whitespace())
}

//! What a user types, made ready for tantivy's query grammar.
//!
//! The grammar is recursive and reads a few characters people use inside words as syntax. So
//! before parsing, a query is checked for size and nesting (an endless paste of `(` must get a
//! message, not overflow the stack), and rewritten: an apostrophe inside a word ("Japan's",
//! "O'Brien") and a colon after a word that names no field ("10:30") are escaped, and
//! `word~N` becomes `"word"~N` so that the distance survives the grammar.

/// Longer than this, a query is a paste gone wrong.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Deeper than this, parentheses are a paste gone wrong.
pub const MAX_NESTING: usize = 32;
/// Edits a fuzzy word may be away from the words it matches.
pub const MAX_FUZZY_DISTANCE: u32 = 2;

/// The query to hand to the grammar, or a message saying what is wrong with it.
/// `prefix_last`: the last word, if the query ends with one, matches as a prefix (`word*`).
pub fn prepare(text: &str, fields: &[&str], prefix_last: bool) -> Result<String, String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > MAX_QUERY_CHARS {
        return Err(format!("the query is {} characters long; the limit is {MAX_QUERY_CHARS}", chars.len()));
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut depth = 0usize;
    let mut in_phrase: Option<char> = None;
    // Where the current word started in `out`, for fuzzy words and field names.
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        if let Some(quote) = in_phrase {
            out.push(c);
            if c == quote {
                in_phrase = None;
            } else if c == '\\'
                && let Some(n) = next
            {
                out.push(n);
                i += 1;
            }
            i += 1;
            continue;
        }
        match c {
            '\\' => {
                out.push(c);
                if let Some(n) = next {
                    out.push(n);
                    i += 1;
                }
            }
            '"' => {
                in_phrase = Some('"');
                out.push(c);
            }
            '\'' if prev.is_some_and(is_word_char) => out.push_str("\\'"),
            // A single quote opens a phrase only if one closes it; else it is a word's.
            '\'' if closes_later(&chars[i + 1..]) => {
                in_phrase = Some('\'');
                out.push(c);
            }
            '\'' => out.push_str("\\'"),
            '(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(format!("parentheses nest deeper than {MAX_NESTING} levels"));
                }
                out.push(c);
            }
            ')' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            ':' => {
                let word = word_start.map_or("", |s| &out[s..]);
                if fields.contains(&word) { out.push(':') } else { out.push_str("\\:") }
            }
            '~' if word_start.is_some() && next.is_none_or(|n| n.is_ascii_digit() || !is_word_char(n)) => {
                let digits: String = chars[i + 1..].iter().take_while(|d| d.is_ascii_digit()).collect();
                let distance = if digits.is_empty() { 1 } else { digits.parse().unwrap_or(u32::MAX) };
                if distance > MAX_FUZZY_DISTANCE {
                    return Err(format!(
                        "a fuzzy word may be at most {MAX_FUZZY_DISTANCE} edits away (~1 or ~2), not {digits}"
                    ));
                }
                let start = word_start.unwrap_or(out.len());
                let fuzzy_word = out.split_off(start);
                // Only a plain word (not `field:word`) is quoted, so a field keeps its colon.
                match fuzzy_word.rsplit_once(':') {
                    Some((field, word)) if !field.ends_with('\\') => {
                        out.push_str(&format!("{field}:\"{word}\"~{distance}"))
                    }
                    _ => out.push_str(&format!("\"{fuzzy_word}\"~{distance}")),
                }
                i += 1 + digits.chars().count();
                word_start = None;
                continue;
            }
            _ => out.push(c),
        }
        word_start = if is_word_char(c) || (c == ':' && word_start.is_some()) {
            word_start.or(Some(out.len() - c.len_utf8()))
        } else if c == '\\' || c == '\'' {
            word_start
        } else {
            None
        };
        i += 1;
    }
    if prefix_last
        && in_phrase.is_none()
        && let Some(start) = word_start
    {
        let word = &out[start..];
        let operator = matches!(word, "AND" | "OR" | "NOT" | "IN");
        // A date is matched whole: `date:2022-0` is no date yet.
        let term = out.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
        let date = term.trim_start_matches(['+', '-']).starts_with("date:");
        if !operator && !word.ends_with('*') && !date {
            out.push('*');
        }
    }
    Ok(out)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a quote further on can close a phrase: one not followed by a letter.
fn closes_later(rest: &[char]) -> bool {
    rest.iter().enumerate().any(|(k, &c)| c == '\'' && rest.get(k + 1).is_none_or(|n| !is_word_char(*n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: [&str; 3] = ["title", "entity", "date"];

    fn ok(q: &str) -> String {
        prepare(q, &FIELDS, false).unwrap_or_else(|e| panic!("{q}: {e}"))
    }

    #[test]
    fn the_last_word_typed_becomes_a_prefix() {
        let typing = |q: &str| prepare(q, &FIELDS, true).unwrap();
        assert_eq!(typing("Hag"), "Hag*");
        assert_eq!(typing("chips AND Hag"), "chips AND Hag*");
        assert_eq!(typing("entity:Hagi"), "entity:Hagi*");
        assert_eq!(typing("Kishida OR"), "Kishida OR", "an operator is no word");
        assert_eq!(typing("\"supply chain\""), "\"supply chain\"", "a closed phrase is whole");
        assert_eq!(typing("Hagiudda~"), "\"Hagiudda\"~1");
        assert_eq!(typing("date:2022-07"), "date:2022-07");
        assert_eq!(typing("Hag "), "Hag ", "a space ends the word");
    }

    #[test]
    fn apostrophes_in_words_are_escaped_and_quoted_phrases_stay() {
        assert_eq!(ok("Japan's"), "Japan\\'s");
        assert_eq!(ok("O'Brien AND Jones'"), "O\\'Brien AND Jones\\'");
        assert_eq!(ok("'supply chain'"), "'supply chain'");
        assert_eq!(ok("\"Japan's chips\""), "\"Japan's chips\"");
        assert_eq!(ok("'unclosed"), "\\'unclosed");
    }

    #[test]
    fn a_colon_after_a_word_that_is_no_field_is_escaped() {
        assert_eq!(ok("entity:Blinken title:chips"), "entity:Blinken title:chips");
        assert_eq!(ok("10:30 GMT"), "10\\:30 GMT");
    }

    #[test]
    fn fuzzy_words_keep_their_distance_and_far_ones_are_refused() {
        assert_eq!(ok("Hagiudda~"), "\"Hagiudda\"~1");
        assert_eq!(ok("(Jobs~2 OR Wozniak)"), "(\"Jobs\"~2 OR Wozniak)");
        assert_eq!(ok("title:chipz~1"), "title:\"chipz\"~1");
        assert_eq!(ok("\"supply chain\"~2"), "\"supply chain\"~2", "a phrase slop stays");
        let e = prepare("Jobs~9", &FIELDS, false).unwrap_err();
        assert!(e.contains("at most 2"), "{e}");
    }

    #[test]
    fn size_and_nesting_are_capped_with_a_message() {
        let e = prepare(&"(".repeat(5_000), &FIELDS, false).unwrap_err();
        assert!(e.contains("limit is 1000"), "{e}");
        let e = prepare(&"(".repeat(800), &FIELDS, false).unwrap_err();
        assert!(e.contains("deeper than 32"), "{e}");
        assert!(prepare(&format!("{}a{}", "(".repeat(32), ")".repeat(32)), &FIELDS, false).is_ok());
    }
}

//! What a word cut short may become. The index keeps stems, and a stem can be shorter than what
//! was typed of its word: "meeting" is kept as "meet", so no word of the index begins with
//! "meeti", and a filter being typed found nothing for two keystrokes. Completing what was typed
//! with the endings the English stemmer takes off, and stemming the results, gives the stems
//! such a word may have.

/// Endings the English (Porter 2) stemmer takes off, as running text spells them: its
/// inflections, its derivational suffixes, and their plurals where a plural is common.
const ENDINGS: &[&str] = &[
    "s", "es", "ies", "ed", "ied", "edly", "ing", "ings", "ingly", "ly", "ally", "al", "als", "ance",
    "ances", "ence", "ences", "er", "ers", "ic", "ics", "ical", "ically", "able", "ably", "ible", "ant",
    "ants", "ement", "ements", "ment", "ments", "ent", "ents", "ism", "isms", "ate", "ates", "ated", "ating",
    "ation", "ations", "ational", "ative", "ator", "ators", "ity", "ities", "ous", "ously", "ousness", "ive",
    "ives", "ively", "iveness", "ivity", "ize", "izes", "ized", "izing", "ization", "izations", "ise",
    "ised", "ising", "isation", "ion", "ions", "ful", "fully", "fulness", "ness", "lessly", "bility", "ogy",
    "e",
];

/// The words `typed` becomes with each ending, where what was typed may already hold the
/// ending's start ("meeti" with "ing" is "meeting"). Each begins with `typed`.
pub(super) fn completions(typed: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for ending in ENDINGS {
        // Only a char boundary can be where the typed part of the ending stops (the endings are
        // ASCII, so every byte is one).
        for typed_part in 0..ending.len() {
            if typed.ends_with(&ending[..typed_part]) {
                words.push(format!("{typed}{}", &ending[typed_part..]));
            }
        }
    }
    words.sort_unstable();
    words.dedup();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_cut_short_is_completed_with_the_endings_the_stemmer_takes_off() {
        let of = |typed: &str| completions(typed);
        assert!(of("meeti").contains(&"meeting".to_string()));
        assert!(of("meetin").contains(&"meeting".to_string()));
        assert!(of("electio").contains(&"election".to_string()));
        assert!(of("electio").contains(&"elections".to_string()));
        assert!(of("runn").contains(&"running".to_string()));
        assert!(of("economi").contains(&"economic".to_string()));
        assert!(of("nationa").contains(&"national".to_string()));
        for typed in ["meeti", "electio", "x", "naïve"] {
            let words = of(typed);
            assert!(
                words.iter().all(|w| w.starts_with(typed) && w.len() > typed.len()),
                "{typed}: {words:?}"
            );
            assert!(words.windows(2).all(|pair| pair[0] < pair[1]), "{typed}: each once");
        }
    }
}

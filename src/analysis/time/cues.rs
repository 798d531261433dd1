//! Cue word lists of the tagger, kept in `assets/time/cues.txt` so they can be read
//! and extended without touching the rules.

use std::sync::LazyLock;

const CUES_TXT: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/time/cues.txt"));

/// The sections of the cue file; a word may belong to several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    Future,
    FutureAdjective,
    Schedule,
    Past,
    PastAdverb,
    Auxiliary,
    Passive,
    Determiner,
    NotPast,
    CountNoun,
    Rate,
    Abbreviation,
}

impl Cue {
    fn from_section(name: &str) -> Option<Cue> {
        Some(match name {
            "future" => Cue::Future,
            "future-adjective" => Cue::FutureAdjective,
            "schedule" => Cue::Schedule,
            "past" => Cue::Past,
            "past-adverb" => Cue::PastAdverb,
            "auxiliary" => Cue::Auxiliary,
            "passive" => Cue::Passive,
            "determiner" => Cue::Determiner,
            "not-past" => Cue::NotPast,
            "count-noun" => Cue::CountNoun,
            "rate" => Cue::Rate,
            "abbreviation" => Cue::Abbreviation,
            _ => return None,
        })
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

static CUES: LazyLock<rustc_hash::FxHashMap<&'static str, u16>> = LazyLock::new(|| parse(CUES_TXT));

/// Word -> set of sections (as bits). Lines of an unknown section are skipped, so a
/// typo in a section name loses that list rather than misfiling it.
fn parse(text: &'static str) -> rustc_hash::FxHashMap<&'static str, u16> {
    let mut m: rustc_hash::FxHashMap<&'static str, u16> = rustc_hash::FxHashMap::default();
    let mut section: Option<Cue> = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = Cue::from_section(name);
            continue;
        }
        let Some(cue) = section else { continue };
        for w in line.split_whitespace() {
            *m.entry(w).or_insert(0) |= cue.bit();
        }
    }
    m
}

/// Is the lower-case word `w` in section `cue`?
pub(crate) fn is(w: &str, cue: Cue) -> bool {
    CUES.get(w).is_some_and(|bits| bits & cue.bit() != 0)
}

/// Like [`is`] for a word in any case.
pub(crate) fn is_any_case(w: &str, cue: Cue) -> bool {
    let mut buf = [0u8; 16];
    if w.len() > buf.len() {
        return false;
    }
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..w.len()]).is_ok_and(|lw| is(lw, cue))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_of_the_cue_file_is_known_and_filled() {
        let mut sections = 0;
        for line in CUES_TXT.lines().map(str::trim) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                assert!(Cue::from_section(name).is_some(), "unknown section [{name}]");
                sections += 1;
            }
        }
        assert_eq!(sections, 12);
        assert!(is("will", Cue::Future));
        assert!(is("resumes", Cue::Schedule));
        assert!(is("said", Cue::Past));
        assert!(is("a", Cue::Auxiliary) && is("a", Cue::Determiner));
        assert!(is_any_case("People", Cue::CountNoun));
        assert!(!is("people", Cue::Past));
    }
}

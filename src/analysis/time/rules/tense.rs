//! The tense of a clause, from the nearest verb cue: it decides whether a bare
//! weekday or month lies ahead of the DCT or behind it.

use super::Cx;
use crate::analysis::time::cal::Tense;
use crate::analysis::time::cues::{self, Cue};
use crate::analysis::time::lex::{Kw, Lex, TokKind};

impl Cx<'_> {
    /// The tense of the clause around token `i`: the nearest verb cue before it,
    /// else the nearest after it, within the sentence.
    pub(super) fn tense(&self, i: usize, end: usize) -> Tense {
        let lo = i.saturating_sub(14);
        for j in (lo..i).rev() {
            if self.sentence_break(j) {
                break;
            }
            if let Some(t) = self.tense_cue(j) {
                return t;
            }
        }
        let hi = (end + 8).min(self.toks.len());
        for j in end..hi {
            if self.sentence_break(j) {
                break;
            }
            if let Some(t) = self.tense_cue(j) {
                return t;
            }
        }
        Tense::Unknown
    }

    pub(super) fn sentence_break(&self, j: usize) -> bool {
        let Some(TokKind::Punct(c)) = self.toks.get(j).map(|t| t.kind) else {
            return false;
        };
        if !matches!(c, b'.' | b'?' | b'!' | b';') || self.toks.get(j + 1).is_some_and(|t| !t.gap) {
            return false;
        }
        // The period of an initial or an abbreviation ("Daniel P. Davison", "Mr.",
        // "Feb.") ends no sentence.
        c != b'.' || !self.tight(j) || !self.abbreviation(j.wrapping_sub(1))
    }

    fn abbreviation(&self, i: usize) -> bool {
        let w = self.word(i);
        // "P." of a name, "a.m.", "U.S.": a single letter with its period.
        let initial = w.len() == 1;
        initial || matches!(self.lex(i), Lex::MonthAbbr(_)) || cues::is_any_case(w, Cue::Abbreviation)
    }

    pub(super) fn tense_cue(&self, j: usize) -> Option<Tense> {
        let w = self.word(j);
        if w.len() < 2 {
            return None;
        }
        // Proper names ("United") and participles after an auxiliary ("will be
        // named", "to be held") are not past-tense verbs.
        let capitalized = w.as_bytes()[0].is_ascii_uppercase();
        let prev = self.word(j.wrapping_sub(1));
        let after_aux = cues::is_any_case(prev, Cue::Auxiliary);
        let mut buf = [0u8; 12];
        if w.len() > buf.len() {
            return None;
        }
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        let lw = std::str::from_utf8(&buf[..w.len()]).unwrap_or("");
        // After a determiner the word is a noun ("a visit", "the plan"), not a verb.
        if cues::is_any_case(prev, Cue::Determiner) && !matches!(lw, "last" | "next" | "earlier") {
            return None;
        }
        // "next to the embassy" is a place.
        if lw == "next" && self.kw(j + 1, Kw::To) {
            return None;
        }
        if cues::is(lw, Cue::FutureAdjective) {
            return Some(Tense::Future);
        }
        if cues::is(lw, Cue::Future) || cues::is(lw, Cue::Schedule) {
            // "had been due to expire Friday", "had been scheduled for Monday": a
            // plan of the past.
            let had = self.is_word(j.wrapping_sub(1), "had")
                || self.is_word(j.wrapping_sub(1), "been") && self.is_word(j.wrapping_sub(2), "had");
            return Some(if had { Tense::Past } else { Tense::Future });
        }

        match lw {
            // "as early as Tuesday"
            "early" if self.is_word(j.wrapping_sub(1), "as") => Some(Tense::Future),
            // "set to begin on Wednesday"
            "set" if self.is_word(j + 1, "to") => Some(Tense::Future),
            // "will be held on April 24": a participle after a present or bare "be"
            // says nothing of the time; after "was" it is past again.
            _ if cues::is(lw, Cue::PastAdverb) => Some(Tense::Past),
            _ if cues::is_any_case(prev, Cue::Passive) => None,
            _ if cues::is(lw, Cue::Past) => Some(Tense::Past),
            _ if capitalized || after_aux => None,
            _ => past_suffix(lw),
        }
    }
}

/// A regular past-tense form ("announced"), not one of the "-ed" words that are not
/// verbs, nor an "un-...-ed" adjective ("a still unspecified date").
fn past_suffix(w: &str) -> Option<Tense> {
    let adjective = w.starts_with("un") && w.len() > 7;
    (w.len() >= 5 && w.ends_with("ed") && !adjective && !cues::is(w, Cue::NotPast)).then_some(Tense::Past)
}

//! Chunking: maximal runs of capitalized words that may be names, joined across connectors
//! like "of" and "&". What each run holds is decided later (`segment`, then `classify`).

use super::context::Ctx;
use super::tokens::Shape;

/// Longer capitalized runs (shouted headlines) are cut so work per chunk stays bounded.
const MAX_CHUNK_TOKENS: usize = 12;
/// Longest known phrase, in tokens, tried when a sentence-initial word may open one.
const MAX_PHRASE_TOKENS: usize = 5;

impl<'a> Ctx<'a> {
    /// A capitalized word that may be (part of) a name; at a sentence start the
    /// capital proves nothing, so the word must be known or unusual.
    pub fn is_candidate(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        let w = self.word(i);
        if !matches!(t.shape, Shape::Cap | Shape::AllCaps)
            || self.lex.not_entity(w)
            || (t.sent_start && self.lex.function_word(w))
            || matches!(w, "The" | "A" | "An")
            || w.bytes().any(|b| b.is_ascii_digit())
        {
            return false;
        }
        if !t.sent_start || !self.common(i) {
            return true;
        }
        // "GM analyst ...": capitals prove a name even at a sentence start, unless the line shouts.
        if t.shape == Shape::AllCaps
            && self.shape(i + 1) != Some(Shape::AllCaps)
            && (i == 0 || self.shape(i - 1) != Some(Shape::AllCaps))
        {
            return true;
        }
        let lex = self.lex;
        lex.place(w).is_some()
            || lex.demonym(w)
            || lex.org_known(w)
            || lex.title(w)
            || self.capitalized_uses(w) >= 1
            || self.always_capitalized(w)
            || (lex.given(w) && self.next_is_rare_capital(i))
            || self.next_is_org_suffix(i)
            || self.starts_known_phrase(i)
    }

    /// "United States President ...": a sentence-initial common word opening a known name.
    fn starts_known_phrase(&self, i: usize) -> bool {
        (i + 1..i + MAX_PHRASE_TOKENS).any(|k| {
            self.same_line(k) && {
                let p = self.phrase(i, k);
                self.lex.place(p).is_some() || self.lex.org_known(p)
            }
        })
    }

    fn next_is_org_suffix(&self, i: usize) -> bool {
        self.same_line(i + 1) && self.is_capitalized(i + 1) && self.lex.org_suffix(self.word(i + 1))
    }

    fn next_is_rare_capital(&self, i: usize) -> bool {
        let next = i + 1;
        self.same_line(next) && self.is_capitalized(next) && !self.common(next)
    }

    fn continues_chunk(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.same_line && !t.sent_start) && self.is_candidate(k)
    }

    /// Maximal runs of candidate words, joined across connectors like "of" and "&".
    pub fn chunks(&self) -> Vec<(usize, usize)> {
        let n = self.toks.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            if !self.is_candidate(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            loop {
                if self.lex.corporate_ending(self.word(j)) || j - i + 1 >= MAX_CHUNK_TOKENS {
                    break;
                }
                if self.continues_chunk(j + 1) {
                    j += 1;
                } else if self.lex.connector(self.word(j + 1))
                    && self.same_line(j + 1)
                    && self.continues_chunk(j + 2)
                    && !self.connector_between_places(j)
                {
                    j += 2;
                } else if let Some(end) = self.and_joined_name(i, j) {
                    j = end;
                } else {
                    break;
                }
            }
            out.push((i, j));
            i = j + 1;
        }
        out
    }

    /// "San Jose - Cisco", "US & Japan": a connector between two places joins no name
    /// ("Wal - Mart" and "Procter & Gamble" stay whole).
    fn connector_between_places(&self, j: usize) -> bool {
        matches!(self.word(j + 1), "-" | "&")
            && (self.lex.place(self.word(j)).is_some() || self.lex.place(self.word(j + 2)).is_some())
    }

    /// "Belt and Road Initiative": one ordinary capitalized word, "and", and a run that ends in
    /// a name-making suffix form one name. Returns the run's last token.
    fn and_joined_name(&self, i: usize, j: usize) -> Option<usize> {
        let first = self.word(i);
        if i != j
            || self.toks.get(i).is_none_or(|t| t.sent_start)
            || !self.common(i)
            || self.lex.place(first).is_some()
            || self.lex.title(first)
            || self.word(j + 1) != "and"
            || !self.same_line(j + 1)
            || !self.continues_chunk(j + 2)
        {
            return None;
        }
        let mut end = j + 2;
        while end + 1 - i < MAX_CHUNK_TOKENS && self.continues_chunk(end + 1) {
            end += 1;
        }
        let last = self.word(end);
        (self.lex.drop_suffix(last) || self.lex.org_suffix(last)).then_some(end)
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::Lexicon;
    use super::super::tokens::tokenize;
    use super::*;

    fn chunks_of(text: &str) -> Vec<String> {
        let lex = Lexicon::load();
        let toks = tokenize(text);
        let ctx = Ctx::new(text, &toks, &lex);
        ctx.chunks().into_iter().map(|(a, b)| ctx.phrase(a, b).to_string()).collect()
    }

    #[test]
    fn places_around_an_ampersand_stay_apart() {
        assert_eq!(chunks_of("Talks between US & Japan resumed."), ["US", "Japan"]);
        assert_eq!(chunks_of("He joined Procter & Gamble in May."), ["Procter & Gamble"]);
    }

    #[test]
    fn a_word_and_a_suffixed_run_form_one_name() {
        assert_eq!(
            chunks_of("It opposes China's Belt and Road Initiative."),
            ["China", "Belt and Road Initiative"]
        );
        assert_eq!(chunks_of("Visitors came from Texas and California."), ["Texas", "California"]);
    }
}

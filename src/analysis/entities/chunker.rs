//! Groups capitalized words into candidate names and gives each a kind from local cues.

use std::cell::OnceCell;

use super::EntityKind;
use super::lexicon::{FastMap, FastSet, Lexicon, with_lowercase};
use super::tokens::{Shape, Token};

/// A mention before document-level resolution; token indices are inclusive.
#[derive(Debug, Clone)]
pub struct Raw {
    pub start: usize,
    pub end: usize,
    pub first_tok: usize,
    pub last_tok: usize,
    pub kind: EntityKind,
    pub canonical: String,
    /// Decided by a gazetteer, a suffix or a title rather than by default.
    pub strong: bool,
}

pub struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub lex: &'a Lexicon,
    /// Capitalized uses of each word: (anywhere, not at a sentence start).
    caps: FastMap<&'a str, (u32, u32)>,
    /// Lowercase words of the text, built only if some decision needs them.
    lower_seen: OnceCell<FastSet<&'a str>>,
}

/// A dictionary word needs this many mid-sentence capitalized uses to count as a name alone.
const MIN_CAPITALIZED_USES: u32 = 2;
/// Longer capitalized runs (shouted headlines) are cut so work per chunk stays bounded.
const MAX_CHUNK_TOKENS: usize = 12;
/// Longest place name, in tokens, tried when peeling a place off a longer sequence.
const MAX_PLACE_TOKENS: usize = 5;

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, toks: &'a [Token], lex: &'a Lexicon) -> Ctx<'a> {
        let mut caps: FastMap<&'a str, (u32, u32)> = FastMap::default();
        for t in toks {
            if matches!(t.shape, Shape::Cap | Shape::AllCaps) {
                let w = text.get(t.start..t.end).unwrap_or("");
                let entry = caps.entry(w).or_insert((0, 0));
                entry.0 += 1;
                if !t.sent_start {
                    entry.1 += 1;
                }
            }
        }
        Ctx { text, toks, lex, caps, lower_seen: OnceCell::new() }
    }

    fn lower_words(&self) -> &FastSet<&'a str> {
        self.lower_seen.get_or_init(|| {
            self.toks
                .iter()
                .filter(|t| t.shape == Shape::Lower)
                .filter_map(|t| self.text.get(t.start..t.end))
                .collect()
        })
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    /// Text of tokens `a..=b` as written.
    pub fn phrase(&self, a: usize, b: usize) -> &'a str {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) if x.start <= y.end => self.text.get(x.start..y.end).unwrap_or(""),
            _ => "",
        }
    }

    fn capitalized_uses(&self, w: &str) -> u32 {
        self.caps.get(w).map_or(0, |c| c.1)
    }

    fn is_capitalized(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| matches!(t.shape, Shape::Cap | Shape::AllCaps))
    }

    /// A capitalized word that may be (part of) a name; at a sentence start the
    /// capital proves nothing, so the word must be known or unusual.
    fn is_candidate(&self, i: usize) -> bool {
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
        if !t.sent_start || !self.lex.common_word(w) {
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
        (i + 1..i + MAX_PLACE_TOKENS).any(|k| {
            self.toks.get(k).is_some_and(|t| t.same_line) && {
                let p = self.phrase(i, k);
                self.lex.place(p).is_some() || self.lex.org_known(p)
            }
        })
    }

    /// Written with a capital at least twice and never in lowercase: a name.
    fn always_capitalized(&self, w: &str) -> bool {
        self.caps.get(w).map_or(0, |c| c.0) >= 2 && !with_lowercase(w, |l| self.lower_words().contains(l))
    }

    fn next_is_org_suffix(&self, i: usize) -> bool {
        self.toks.get(i + 1).is_some_and(|t| t.same_line)
            && self.is_capitalized(i + 1)
            && self.lex.org_suffix(self.word(i + 1))
    }

    fn next_is_rare_capital(&self, i: usize) -> bool {
        let next = i + 1;
        self.toks.get(next).is_some_and(|t| t.same_line)
            && self.is_capitalized(next)
            && !self.lex.common_word(self.word(next))
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
                    && self.toks.get(j + 1).is_some_and(|t| t.same_line)
                    && self.continues_chunk(j + 2)
                    && !self.dash_between_places(j)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            out.push((i, j));
            i = j + 1;
        }
        out
    }

    /// "San Jose - Cisco": a spaced dash joins "Wal - Mart", not a place and a name.
    fn dash_between_places(&self, j: usize) -> bool {
        self.word(j + 1) == "-"
            && (self.lex.place(self.word(j)).is_some() || self.lex.place(self.word(j + 2)).is_some())
    }

    fn raw(&self, a: usize, b: usize, kind: EntityKind, canonical: &str, strong: bool) -> Raw {
        let start = self.toks.get(a).map_or(0, |t| t.start);
        let mut end = self.toks.get(b).map_or(start, |t| t.end);
        let last = self.word(b);
        if b > a && last.len() == 2 && last.ends_with('.') {
            // "AT&T." at a sentence end: the period is punctuation, not an initial.
            end -= 1;
        }
        Raw {
            start,
            end,
            first_tok: a,
            last_tok: b,
            kind,
            canonical: canonical.split_whitespace().collect::<Vec<_>>().join(" "),
            strong,
        }
    }

    /// Kinds for the chunk `a..=b`; empty when it names an event, a product or nothing.
    pub fn classify(&self, a: usize, b: usize) -> Vec<Raw> {
        if self.lex.drop_suffix(self.word(b)) || self.after_product_prefix(a) {
            return Vec::new();
        }
        let mut out = self.classify_chunk(a, b);
        if self.next_to_number(a, b) {
            out.retain(|r| r.kind != EntityKind::Organization);
        }
        if let Some(r) = out.last_mut()
            && r.last_tok == b
            && !r.strong
            && r.kind == EntityKind::Organization
            && self.followed_by_role(b)
        {
            r.kind = EntityKind::Person;
        }
        out
    }

    fn classify_chunk(&self, a: usize, mut b: usize) -> Vec<Raw> {
        // "Ryanair CEO": a trailing title names no one ("Courts of Justice" keeps it).
        while self.lex.title(self.word(b)) && !(b > a && self.lex.connector(self.word(b - 1))) {
            if b == a {
                return Vec::new();
            }
            b -= 1;
        }
        let title_first = self.lex.title(self.word(a)) && (a..=b).any(|k| self.word(k) == "of");
        if !title_first && let Some(strong) = self.strong_plain(a, b) {
            return vec![strong];
        }
        match (a..b).find(|&k| self.lex.title(self.word(k))) {
            Some(h) => self.classify_titled(a, h, b),
            None => self.classify_plain(a, b),
        }
    }

    /// "iPod Classic", "iTunes Music": capitals continuing a camel-case product name.
    fn after_product_prefix(&self, a: usize) -> bool {
        a > 0
            && self.toks[a].same_line
            && self.toks[a - 1].shape == Shape::Lower
            && self.word(a - 1).chars().skip(1).any(char::is_uppercase)
    }

    /// "60 Boeing", "Airbus A380", "Trent 900": a model or a count, not an organization.
    fn next_to_number(&self, a: usize, b: usize) -> bool {
        let numeric = |k: usize| {
            self.toks.get(k).is_some_and(|t| {
                t.shape != Shape::Punct
                    && self.word(k).bytes().any(|c| c.is_ascii_digit())
                    && !is_year(self.word(k))
            })
        };
        let before = a > 0 && self.toks[a].same_line && numeric(a - 1);
        let after = self.toks.get(b + 1).is_some_and(|t| t.same_line) && numeric(b + 1);
        before || after
    }

    /// "Jusman Syafii Djamal, minister of transport": an appositive role.
    fn followed_by_role(&self, b: usize) -> bool {
        if self.word(b + 1) != "," {
            return false;
        }
        let mut k = b + 2;
        if matches!(self.word(k), "the" | "a" | "an" | "its" | "former") {
            k += 1;
        }
        self.toks.get(k).is_some_and(|t| t.shape == Shape::Lower) && self.lex.role_noun(self.word(k))
    }

    fn title_run_end(&self, h: usize, b: usize) -> usize {
        let lex = self.lex;
        let mut e = h;
        // "Chief Operating Officer": common words between two title words belong to the title.
        for k in h + 1..b {
            let w = self.word(k);
            if lex.title(w) {
                e = k;
            } else if !(lex.common_word(w) || lex.connector(w) || lex.title_complement(w)) {
                break;
            }
        }
        while e < b {
            let w = self.word(e + 1);
            if lex.title(w) || lex.title_complement(w) {
                e += 1;
            } else if lex.connector(w)
                && e + 2 <= b
                && (lex.title(self.word(e + 2)) || lex.title_complement(self.word(e + 2)))
            {
                e += 2;
            } else {
                break;
            }
        }
        e
    }

    /// "US Commerce Secretary Gina Raimondo": a place, a title, then the person.
    fn classify_titled(&self, a: usize, h: usize, b: usize) -> Vec<Raw> {
        let e = self.title_run_end(h, b);
        let mut out = Vec::new();
        let acronym_title = self.toks.get(h).is_some_and(|t| t.shape == Shape::AllCaps);
        let mut title_start = h;
        if h > a {
            let mut p = a;
            if let Some(peeled) = self.leading_place_or_demonym(a, h - 1) {
                p = peeled.last_tok + 1;
                out.push(peeled);
            }
            if p < h {
                if self.absorbable(p, h - 1) {
                    title_start = p;
                } else {
                    out.extend(self.classify_plain(p, h - 1));
                }
            }
        }
        let mut na = e + 1;
        while na <= b && self.lex.connector(self.word(na)) {
            na += 1;
        }
        if na > b {
            return out;
        }
        let title_words = (na..=b).any(|k| self.lex.title(self.word(k)));
        let all_common = (na..=b).all(|k| self.lex.common_word(self.word(k)));
        if let Some(strong) = self.strong_plain(na, b) {
            out.push(strong);
        } else if title_words || (all_common && b - na < 2 && self.capitalized_uses(self.word(b)) < 2) {
            // "Chief Operating Officer": a title with no name after it.
        } else if self.name_like(na, b) {
            let from = if acronym_title && title_start == h { na } else { title_start };
            let mut per = self.raw(from, b, EntityKind::Person, self.phrase(na, b), true);
            per.first_tok = na;
            out.push(per);
        } else {
            out.extend(self.classify_plain(na, b));
        }
        out
    }

    fn name_like(&self, a: usize, b: usize) -> bool {
        (a..=b).all(|k| {
            let t = &self.toks[k];
            t.shape == Shape::Cap || (self.lex.connector(self.word(k)) && k > a && k < b)
        })
    }

    /// Title modifiers such as "Commerce" or "Trade & Industry" that belong to the title.
    fn absorbable(&self, a: usize, b: usize) -> bool {
        (a..=b).all(|k| {
            let w = self.word(k);
            self.lex.connector(w)
                || self.lex.title_complement(w)
                || (self.lex.common_word(w) && self.capitalized_uses(w) <= MIN_CAPITALIZED_USES)
        })
    }

    fn leading_place_or_demonym(&self, a: usize, b: usize) -> Option<Raw> {
        let last = b.min(a + MAX_PLACE_TOKENS - 1);
        for k in (a..=last).rev() {
            let p = self.phrase(a, k);
            if let Some(c) = self.lex.place(p) {
                return Some(self.raw(a, k, EntityKind::Place, c, true));
            }
            if self.lex.demonym(p) {
                return Some(self.raw(a, k, EntityKind::Nationality, p, true));
            }
        }
        None
    }

    /// Datelines shout: "WASHINGTON" is the place "Washington".
    fn shouted_place(&self, a: usize, b: usize) -> Option<String> {
        let t = self.toks.get(a)?;
        if a != b || t.shape != Shape::AllCaps || t.end - t.start < 4 {
            return None;
        }
        let w = self.word(a);
        let mut title = String::with_capacity(w.len());
        for (i, c) in w.chars().enumerate() {
            if i == 0 {
                title.push(c);
            } else {
                title.extend(c.to_lowercase());
            }
        }
        self.lex.place(&title).map(str::to_string)
    }

    /// Kinds settled by a gazetteer or a suffix, whatever the context.
    fn strong_plain(&self, a: usize, b: usize) -> Option<Raw> {
        let lex = self.lex;
        let p = self.phrase(a, b);
        if let Some(c) = lex.place(p) {
            return Some(self.raw(a, b, EntityKind::Place, c, true));
        }
        if let Some(c) = self.shouted_place(a, b) {
            return Some(self.raw(a, b, EntityKind::Place, &c, true));
        }
        if lex.org_known(p) {
            return Some(self.raw(a, b, EntityKind::Organization, p, true));
        }
        if lex.demonym(p) {
            return Some(self.raw(a, b, EntityKind::Nationality, p, true));
        }
        if b > a {
            let (first, last) = (self.word(a), self.word(b));
            if lex.org_suffix(last) || lex.org_prefix(first) {
                return Some(self.raw(a, b, EntityKind::Organization, p, true));
            }
            if lex.place_suffix(last) {
                return Some(self.raw(a, b, EntityKind::Place, p, true));
            }
        }
        None
    }

    pub fn classify_plain(&self, mut a: usize, mut b: usize) -> Vec<Raw> {
        while a <= b && self.lex.connector(self.word(a)) {
            a += 1;
        }
        while b > a && self.lex.connector(self.word(b)) {
            b -= 1;
        }
        if a > b {
            return Vec::new();
        }
        if let Some(strong) = self.strong_plain(a, b) {
            return vec![strong];
        }
        if a == b {
            return self.classify_single(a).into_iter().collect();
        }
        if self.lex.demonym(self.word(a)) && !(a + 1..=b).any(|k| self.lex.org_suffix(self.word(k))) {
            let mut out = vec![self.raw(a, a, EntityKind::Nationality, self.word(a), true)];
            out.extend(self.classify_plain(a + 1, b));
            return out;
        }
        if self.person_like(a, b) {
            return vec![self.raw(a, b, EntityKind::Person, self.phrase(a, b), true)];
        }
        if let Some(split) = self.place_then_place(a, b) {
            return split;
        }
        vec![self.raw(a, b, EntityKind::Organization, self.phrase(a, b), false)]
    }

    /// "Everett Washington" written without a comma: two places, not one organization.
    fn place_then_place(&self, a: usize, b: usize) -> Option<Vec<Raw>> {
        let first = self.leading_place_or_demonym(a, b)?;
        if first.kind != EntityKind::Place || first.last_tok >= b {
            return None;
        }
        let rest = self.strong_plain(first.last_tok + 1, b)?;
        (rest.kind == EntityKind::Place).then(|| vec![first, rest])
    }

    fn preceded_by_role(&self, a: usize) -> bool {
        a > 0
            && self.toks[a].same_line
            && self.toks[a - 1].shape == Shape::Lower
            && self.lex.role_noun(self.word(a - 1))
    }

    fn person_like(&self, a: usize, b: usize) -> bool {
        if b - a > 3 || !self.name_like(a, b) {
            return false;
        }
        let lex = self.lex;
        let (first, last) = (self.word(a), self.word(b));
        if lex.place(first).is_some() && lex.common_word(last) {
            return false;
        }
        let initial = first.len() == 2 && first.ends_with('.');
        let given = lex.given(first) && (!lex.common_word(first) || !lex.common_word(last));
        given || initial || self.preceded_by_role(a)
    }

    /// "Economy, Trade and Industry Minister": a list of portfolios before a title.
    fn title_follows(&self, a: usize) -> bool {
        for k in a + 1..a + 8 {
            let Some(t) = self.toks.get(k) else {
                return false;
            };
            let w = self.word(k);
            if !t.same_line {
                return false;
            }
            if self.lex.title(w) && t.shape != Shape::Lower {
                return true;
            }
            let listy = matches!(w, "," | "and" | "&") || t.shape == Shape::Cap;
            if !listy {
                return false;
            }
        }
        false
    }

    fn classify_single(&self, a: usize) -> Option<Raw> {
        let w = self.word(a);
        let t = self.toks.get(a)?;
        if t.shape == Shape::AllCaps {
            return Some(self.raw(a, a, EntityKind::Organization, w, false));
        }
        if self.preceded_by_role(a) {
            return Some(self.raw(a, a, EntityKind::Person, w, true));
        }
        let common = self.lex.common_word(w);
        let abbreviation = w.ends_with('.');
        let after_determiner = a > 0
            && self.toks[a].same_line
            && matches!(
                self.word(a - 1),
                "the" | "The" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "new"
            );
        let rare = common && self.capitalized_uses(w) < MIN_CAPITALIZED_USES && !self.always_capitalized(w);
        let part_of_title = common && self.title_follows(a);
        let hyphen_modifier = self.word(a + 1) == "-"
            && self.toks.get(a + 1).is_some_and(|h| h.start == t.end)
            && self.toks.get(a + 2).is_some_and(|n| n.shape == Shape::Lower);
        if (self.lex.given(w) && !common)
            || abbreviation
            || after_determiner
            || rare
            || part_of_title
            || hyphen_modifier
        {
            // A lone given name, "No.", "the Tiger": too weak to call a name.
            return None;
        }
        let kind = if self.locative_before(a) { EntityKind::Place } else { EntityKind::Organization };
        Some(self.raw(a, a, kind, w, false))
    }

    /// "in Ipswich", "near Kota": after these prepositions an unknown name is a place.
    fn locative_before(&self, a: usize) -> bool {
        a > 0
            && self.toks[a].same_line
            && matches!(self.word(a - 1), "in" | "near")
            && !matches!(self.word(a + 1), "'" | "\u{2019}")
    }
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.bytes().all(|b| b.is_ascii_digit())
}

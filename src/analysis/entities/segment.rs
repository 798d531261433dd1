//! Segmentation: a chunk becomes the candidate names it holds ("US Commerce Secretary Gina
//! Raimondo" holds a place and a person), each with the kind the word lists and patterns
//! suggest. The suggestion is a hint; `classify` makes the decision.

use super::EntityKind;
pub use super::candidate::{Candidate, Rule};
use super::context::Ctx;
use super::names;
use super::tokens::Shape;

/// Longest place name, in tokens, tried when peeling a place off a longer sequence.
const MAX_PLACE_TOKENS: usize = 5;
/// A dictionary word needs this many mid-sentence capitalized uses to count as a name alone.
const MIN_CAPITALIZED_USES: u32 = 2;

impl<'a> Ctx<'a> {
    fn candidate(&self, a: usize, b: usize, hint: Option<EntityKind>, rule: Rule) -> Candidate {
        let start = self.toks.get(a).map_or(0, |t| t.start);
        let mut end = self.toks.get(b).map_or(start, |t| t.end);
        let last = self.word(b);
        if b > a && last.len() == 2 && last.ends_with('.') {
            // "AT&T." at a sentence end: the period is punctuation, not an initial.
            end -= 1;
        }
        Candidate { start, end, name_start: start, first_tok: a, last_tok: b, hint, rule, titled: false }
    }

    /// The candidate names in the chunk `a..=b`; none when it names an event or a product.
    pub fn segment(&self, a: usize, b: usize) -> Vec<Candidate> {
        if self.lex.drop_suffix(self.word(b))
            || self.after_product_prefix(a)
            || self.quoted_after_article(a, b)
        {
            return Vec::new();
        }
        if let Some(parts) = self.hyphenated_places(a, b) {
            return parts;
        }
        let mut out = self.segment_chunk(a, b);
        if self.next_to_number(a, b) {
            for c in out.iter_mut().filter(|c| c.hint == Some(EntityKind::Organization) || c.hint.is_none()) {
                c.hint = None;
                c.rule = Rule::NextToNumber;
            }
        }
        if let Some(c) = out.last_mut()
            && c.last_tok == b
            && c.hint.is_none()
            && self.followed_by_role(b)
        {
            c.hint = Some(EntityKind::Person);
            c.rule = Rule::RoleAfter;
        }
        out
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
        let before = a > 0 && self.same_line(a) && numeric(a - 1);
        let after = self.same_line(b + 1) && numeric(b + 1);
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
        self.shape(k) == Some(Shape::Lower) && self.lex.role_noun(self.word(k))
    }

    /// "US-Japan" written as one word: two places, when nothing but lowercase follows.
    fn hyphenated_places(&self, a: usize, b: usize) -> Option<Vec<Candidate>> {
        let w = self.word(a);
        if a != b || !w.contains('-') {
            return None;
        }
        let t = self.toks.get(a)?;
        let mut out = Vec::new();
        let mut offset = t.start;
        for part in w.split('-') {
            self.lex.place(part)?;
            out.push(Candidate {
                start: offset,
                end: offset + part.len(),
                name_start: offset,
                first_tok: a,
                last_tok: a,
                hint: Some(EntityKind::Place),
                rule: Rule::PlaceList,
                titled: false,
            });
            offset += part.len() + 1;
        }
        Some(out)
    }

    /// "a “Japan Tech Bridge”": a quoted name introduced with "a" names a thing, not a place.
    fn quoted_after_article(&self, a: usize, b: usize) -> bool {
        self.quoted(a, b)
            && a >= 2
            && self.same_line(a - 1)
            && matches!(self.word(a - 2), "a" | "an" | "A" | "An")
    }

    fn segment_chunk(&self, a: usize, mut b: usize) -> Vec<Candidate> {
        // "Ryanair CEO": a trailing title names no one ("Courts of Justice" keeps it).
        while self.lex.title(self.word(b)) && !(b > a && self.lex.connector(self.word(b - 1))) {
            if b == a {
                return Vec::new();
            }
            b -= 1;
        }
        let title_first = self.lex.title(self.word(a)) && (a..=b).any(|k| self.word(k) == "of");
        if !title_first
            && let Some(known) = self.known_phrase(a, b)
            && known.rule != Rule::OrgPrefix
        {
            return vec![known];
        }
        match (a..b).find(|&k| self.lex.title(self.word(k))) {
            Some(h) => self.segment_titled(a, h, b),
            None => self.segment_plain(a, b),
        }
    }

    /// "iPod Classic", "iTunes Music": capitals continuing a camel-case product name.
    fn after_product_prefix(&self, a: usize) -> bool {
        a > 0
            && self.same_line(a)
            && self.shape(a - 1) == Some(Shape::Lower)
            && self.word(a - 1).chars().skip(1).any(char::is_uppercase)
    }

    fn title_run_end(&self, h: usize, b: usize) -> usize {
        let lex = self.lex;
        let mut e = h;
        // "Chief Operating Officer": common words between two title words belong to the title.
        for k in h + 1..b {
            let w = self.word(k);
            if lex.title(w) {
                e = k;
            } else if !(self.common(k) || lex.connector(w) || lex.title_complement(w)) {
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
    fn segment_titled(&self, a: usize, h: usize, b: usize) -> Vec<Candidate> {
        let e = self.title_run_end(h, b);
        let mut out = Vec::new();
        let acronym_title = self.shape(h) == Some(Shape::AllCaps);
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
                    out.extend(self.segment_plain(p, h - 1));
                }
            }
        }
        let mut na = e + 1;
        let after_of = self.word(na) == "of";
        while na <= b && self.lex.connector(self.word(na)) {
            na += 1;
        }
        if na > b {
            return out;
        }
        let title_words = (na..=b).any(|k| self.lex.title(self.word(k)));
        let all_common = (na..=b).all(|k| self.common(k));
        let holder = self.word(e);
        if let Some(known) = self.known_phrase(na, b) {
            out.push(if after_of { self.of_after_title(known, holder) } else { known });
        } else if title_words || (all_common && b - na < 2 && self.capitalized_uses(self.word(b)) < 2) {
            // "Chief Operating Officer": a title with no name after it.
        } else if after_of {
            // "Vice Chairman of Toyota": the holder is named elsewhere; this is what he chairs.
            out.extend(self.segment_plain(na, b).into_iter().map(|c| self.of_after_title(c, holder)));
        } else if self.name_like(na, b) {
            let from = if acronym_title && title_start == h { na } else { title_start };
            let mut per = self.candidate(na, b, Some(EntityKind::Person), Rule::AfterTitle);
            per.start = self.toks.get(from).map_or(per.start, |t| t.start);
            per.titled = from < na;
            out.push(per);
        } else {
            out.extend(self.segment_plain(na, b));
        }
        out
    }

    /// What a title is "of" is an organization, unless it is a country or another big place
    /// ("Prime Minister of Japan").
    fn of_after_title(&self, mut c: Candidate, title: &str) -> Candidate {
        let civic = matches!(title, "Mayor" | "Governor" | "Minister" | "Premier" | "Ambassador" | "Senator");
        let stays_place = c.hint == Some(EntityKind::Place) && (civic || self.major_place(&c));
        if !stays_place && matches!(c.hint, None | Some(EntityKind::Place)) {
            c.hint = Some(EntityKind::Organization);
            c.rule = Rule::OfAfterTitle;
        }
        c
    }

    fn major_place(&self, c: &Candidate) -> bool {
        self.lex.major_place(self.phrase(c.first_tok, c.last_tok))
    }

    pub fn name_like(&self, a: usize, b: usize) -> bool {
        (a..=b).all(|k| {
            self.shape(k) == Some(Shape::Cap) || (self.lex.connector(self.word(k)) && k > a && k < b)
        })
    }

    /// Title modifiers such as "Commerce" or "Trade & Industry" that belong to the title.
    fn absorbable(&self, a: usize, b: usize) -> bool {
        (a..=b).all(|k| {
            let w = self.word(k);
            self.lex.connector(w)
                || self.lex.title_complement(w)
                || (self.common(k) && self.capitalized_uses(w) <= MIN_CAPITALIZED_USES)
        })
    }

    fn leading_place_or_demonym(&self, a: usize, b: usize) -> Option<Candidate> {
        let last = b.min(a + MAX_PLACE_TOKENS - 1);
        for k in (a..=last).rev() {
            let p = self.phrase(a, k);
            if self.lex.place(p).is_some() {
                return Some(self.candidate(a, k, Some(EntityKind::Place), Rule::PlaceList));
            }
            if self.lex.demonym(p) {
                return Some(self.candidate(a, k, Some(EntityKind::Nationality), Rule::DemonymList));
            }
        }
        None
    }

    /// Datelines shout: "WASHINGTON" is the place "Washington".
    pub fn shouted_place(&self, a: usize, b: usize) -> Option<String> {
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

    /// Kinds the word lists or a suffix suggest, whatever the context.
    fn known_phrase(&self, a: usize, b: usize) -> Option<Candidate> {
        let lex = self.lex;
        let p = self.phrase(a, b);
        let hint = |kind, rule| Some(self.candidate(a, b, Some(kind), rule));
        if lex.place_by_convention(p) {
            return hint(EntityKind::Place, Rule::ConventionalPlace);
        }
        if lex.place(p).is_some() {
            return hint(EntityKind::Place, Rule::PlaceList);
        }
        if self.shouted_place(a, b).is_some() {
            return hint(EntityKind::Place, Rule::ShoutedPlace);
        }
        if lex.org_known(p) {
            return hint(EntityKind::Organization, Rule::OrgList);
        }
        if lex.demonym(p) {
            return hint(EntityKind::Nationality, Rule::DemonymList);
        }
        if b > a {
            let (first, last) = (self.word(a), self.word(b));
            if lex.org_suffix(last) {
                return hint(EntityKind::Organization, Rule::OrgSuffix);
            }
            if lex.org_prefix(first) {
                return hint(EntityKind::Organization, Rule::OrgPrefix);
            }
            if lex.place_prefix(first) && self.word(a + 1) == "of" {
                return hint(EntityKind::Place, Rule::PlacePrefix);
            }
            if lex.place_suffix(last) {
                return hint(EntityKind::Place, Rule::PlaceSuffix);
            }
        }
        None
    }

    fn segment_plain(&self, mut a: usize, mut b: usize) -> Vec<Candidate> {
        while a <= b && self.lex.connector(self.word(a)) {
            a += 1;
        }
        while b > a && self.lex.connector(self.word(b)) {
            b -= 1;
        }
        if a > b {
            return Vec::new();
        }
        let all_common = (a..=b).all(|k| self.common(k) || self.lex.connector(self.word(k)));
        let known = self.known_phrase(a, b);
        // "National Security and Space Policy secretariats": a prefix such as "National"
        // makes no name of words that only describe a noun.
        let weak_prefix = known.as_ref().is_none_or(|k| k.rule == Rule::OrgPrefix);
        if a < b && all_common && weak_prefix && self.modifies_noun(b) {
            return vec![self.candidate(a, b, None, Rule::Modifier)];
        }
        if let Some(known) = known {
            return vec![known];
        }
        if a == b {
            return self.segment_single(a).into_iter().collect();
        }
        if all_common && self.in_portfolio(a) {
            return Vec::new();
        }
        if self.lex.demonym(self.word(a)) && !(a + 1..=b).any(|k| self.lex.org_suffix(self.word(k))) {
            let mut out = vec![self.candidate(a, a, Some(EntityKind::Nationality), Rule::DemonymList)];
            out.extend(self.segment_plain(a + 1, b));
            return out;
        }
        if let Some(rule) = self.person_rule(a, b) {
            return vec![self.candidate(a, b, Some(EntityKind::Person), rule)];
        }
        if let Some(split) = self.place_then_place(a, b) {
            return split;
        }
        vec![self.candidate(a, b, None, Rule::Multiword)]
    }

    /// "Everett Washington" written without a comma: two places, not one organization.
    fn place_then_place(&self, a: usize, b: usize) -> Option<Vec<Candidate>> {
        let first = self.leading_place_or_demonym(a, b)?;
        if first.hint != Some(EntityKind::Place) || first.last_tok >= b {
            return None;
        }
        let rest = self.known_phrase(first.last_tok + 1, b)?;
        (rest.hint == Some(EntityKind::Place)).then(|| vec![first, rest])
    }

    pub fn preceded_by_role(&self, a: usize) -> bool {
        a > 0
            && self.same_line(a)
            && self.shape(a - 1) == Some(Shape::Lower)
            && self.lex.role_noun(self.word(a - 1))
    }

    /// Which sign, if any, marks `a..=b` as a person's name.
    fn person_rule(&self, a: usize, b: usize) -> Option<Rule> {
        if b - a > 3 || !self.name_like(a, b) {
            return None;
        }
        let lex = self.lex;
        let first = self.word(a);
        if lex.place(first).is_some() && self.common(b) {
            return None;
        }
        if lex.given(first) && (!self.common(a) || !self.common(b)) {
            Some(Rule::GivenName)
        } else if first.len() == 2 && first.ends_with('.') {
            Some(Rule::Initial)
        } else if self.preceded_by_role(a) {
            Some(Rule::RoleBefore)
        } else {
            let words: Vec<&str> = (a..=b).map(|k| self.word(k)).collect();
            names::looks_like_personal_name(&words, lex).then_some(Rule::NameShape)
        }
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

    /// "Minister for Cabinet Affairs in charge of Science, Technology": ordinary words after a
    /// title and "for" or "in charge of" name a portfolio.
    fn in_portfolio(&self, a: usize) -> bool {
        let mut k = a;
        // Walk back over the list the word belongs to: "Science, Technology, and ...".
        while k >= 2 {
            let w = self.word(k - 1);
            if matches!(w, "," | "and" | "&") || (self.is_capitalized(k - 1) && self.common(k - 1)) {
                k -= 1;
            } else {
                break;
            }
        }
        if k < 2 || !self.same_line(k) {
            return false;
        }
        let before = self.word(k - 1);
        let title_before = self.lex.title(self.word(k - 2)) || self.lex.title_complement(self.word(k - 2));
        (matches!(before, "for" | "of") && title_before)
            || (before == "of" && self.word(k - 2) == "charge" && k >= 3 && self.word(k - 3) == "in")
    }

    /// "National Security and Space Policy secretariats": ordinary capitalized words before a
    /// lowercase noun, maybe through a list, describe it rather than name something.
    fn modifies_noun(&self, b: usize) -> bool {
        let mut k = b + 1;
        loop {
            let w = self.word(k);
            if !self.same_line(k) {
                return false;
            }
            if self.shape(k) == Some(Shape::Lower) && !matches!(w, "and" | "or") {
                return !self.lex.function_word(w) && !self.lex.verb_after_name(w) && !w.ends_with("ed");
            }
            if matches!(w, "and" | "or" | "&" | ",") || (self.is_capitalized(k) && self.common(k)) {
                k += 1;
            } else {
                return false;
            }
        }
    }

    fn segment_single(&self, a: usize) -> Option<Candidate> {
        let w = self.word(a);
        let t = self.toks.get(a)?;
        let common = self.common(a);
        if w.ends_with('.') || (common && (self.title_follows(a) || self.in_portfolio(a))) {
            // "No.", or a portfolio in a title: no name at all.
            return None;
        }
        if t.shape == Shape::AllCaps {
            return Some(self.candidate(a, a, Some(EntityKind::Organization), Rule::Acronym));
        }
        if self.preceded_by_role(a) {
            return Some(self.candidate(a, a, Some(EntityKind::Person), Rule::RoleBefore));
        }
        let after_determiner = a > 0
            && self.same_line(a)
            && matches!(
                self.word(a - 1),
                "the" | "The" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "new"
            );
        let rule = if self.lex.given(w) && !common {
            Rule::LoneGivenName
        } else if t.sent_start && self.lex.derived_from_common(w) {
            // "Overreliance": an ordinary word the word list lacks.
            Rule::RareCommonWord
        } else if after_determiner {
            Rule::AfterDeterminer
        } else if common && self.capitalized_uses(w) < MIN_CAPITALIZED_USES && !self.always_capitalized(w) {
            Rule::RareCommonWord
        } else if self.locative_before(a) {
            return Some(if a >= 2 && self.lex.holding_noun(self.word(a - 2)) {
                // "a stake in Chrysler": what one holds a stake in is a company.
                self.candidate(a, a, Some(EntityKind::Organization), Rule::StakeIn)
            } else {
                self.candidate(a, a, Some(EntityKind::Place), Rule::Locative)
            });
        } else {
            Rule::Single
        };
        Some(self.candidate(a, a, None, rule))
    }

    /// "in Ipswich", "near Kota": after these prepositions an unknown name is often a place.
    fn locative_before(&self, a: usize) -> bool {
        a > 0
            && self.same_line(a)
            && matches!(self.word(a - 1), "in" | "near")
            && !matches!(self.word(a + 1), "'" | "\u{2019}")
    }
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.bytes().all(|b| b.is_ascii_digit())
}

//! What the classifier knows about a candidate: its words and the word lists,
//! the words around it, its place in the sentence, and what the rest of the document says
//! about the same string.

use super::EntityKind;
use super::context::Ctx;
use super::lexicon::{FastMap, FastSet};
use super::model::{Sink, Template};
use super::segment::{Candidate, Rule};
use super::tokens::Shape;

// The kinds of feature.
const T_BIAS: Template = Template::new("bias");
const T_COMMON: Template = Template::new("common");
const T_DOC: Template = Template::new("doc");
const T_DOC_ACRONYM: Template = Template::new("doc_acronym");
const T_DOC_COUNT: Template = Template::new("doc_count");
const T_DOC_HINT: Template = Template::new("doc_hint");
const T_GAZ: Template = Template::new("gaz");
const T_GIVEN: Template = Template::new("given");
const T_HAS_PLACE_WORD: Template = Template::new("has_place_word");
const T_HINT: Template = Template::new("hint");
const T_HINT_PREV: Template = Template::new("hint_prev");
const T_IN_PARENS: Template = Template::new("in_parens");
const T_LEN: Template = Template::new("len");
const T_LINE_START: Template = Template::new("line_start");
const T_NAME: Template = Template::new("name");
const T_NEXT: Template = Template::new("next");
const T_NEXT_LOWER_CONTENT: Template = Template::new("next_lower_content");
const T_NUMBER_NEXT_TO: Template = Template::new("number_next_to");
const T_PART: Template = Template::new("part");
const T_POSSESSIVE: Template = Template::new("possessive");
const T_PREV: Template = Template::new("prev");
const T_QUOTED: Template = Template::new("quoted");
const T_ROLE_AFTER: Template = Template::new("role_after");
const T_ROLE_BEFORE: Template = Template::new("role_before");
const T_RULE: Template = Template::new("rule");
const T_SENT_START: Template = Template::new("sent_start");
const T_SENT_START_COMMON: Template = Template::new("sent_start_common");
const T_SUFFIX: Template = Template::new("suffix");
const T_TITLED: Template = Template::new("titled");

/// Evidence gathered from every candidate of one document before any is classified.
#[derive(Default)]
pub struct DocEvidence<'a> {
    /// Each distinct name once, numbered; `ids[i]` numbers candidate i's name.
    numbers: FastMap<&'a str, u32>,
    pub ids: Vec<u32>,
    /// Per name number: how often it occurs, and the kinds (bits) the word lists and
    /// patterns gave it somewhere in the document.
    count: Vec<u32>,
    hinted: Vec<u8>,
    surnames: FastSet<&'a str>,
    first_names: FastSet<&'a str>,
    /// First words of organization names with a suffix ("Toyota" of "Toyota Motor Corp.").
    org_heads: FastSet<&'a str>,
    /// "(USAF)" after a name: the acronym and the hint of the name it stands for.
    acronyms: FastMap<&'a str, Option<EntityKind>>,
}

fn kind_bit(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 1,
        EntityKind::Organization => 2,
        EntityKind::Place => 4,
        _ => 8,
    }
}

/// Rules that rest on a word list or an unambiguous pattern, as opposed to guesses.
fn confident(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::PlaceList
            | Rule::ShoutedPlace
            | Rule::OrgList
            | Rule::DemonymList
            | Rule::OrgSuffix
            | Rule::OrgPrefix
            | Rule::AfterTitle
            | Rule::GivenName
            | Rule::RoleBefore
            | Rule::NameShape
    )
}

impl<'a> DocEvidence<'a> {
    pub fn gather(ctx: &Ctx<'a>, cands: &[Candidate]) -> DocEvidence<'a> {
        let mut ev = DocEvidence { ids: Vec::with_capacity(cands.len()), ..DocEvidence::default() };
        ev.numbers.reserve(cands.len());
        for c in cands {
            let name = c.name(ctx.text);
            let next = ev.count.len() as u32;
            let id = *ev.numbers.entry(name).or_insert(next);
            if id == next {
                ev.count.push(0);
                ev.hinted.push(0);
            }
            ev.ids.push(id);
            let i = id as usize;
            ev.count[i] += 1;
            if let Some(kind) = c.hint.filter(|_| confident(c.rule)) {
                ev.hinted[i] |= kind_bit(kind);
            }
            let multiword = c.last_tok > c.first_tok;
            if multiword && c.hint == Some(EntityKind::Person) {
                ev.surnames.insert(ctx.word(c.last_tok));
                ev.first_names.insert(ctx.word(c.first_tok));
            }
            if multiword && matches!(c.rule, Rule::OrgSuffix | Rule::OrgPrefix) {
                ev.org_heads.insert(ctx.word(c.first_tok));
            }
            let after = c.last_tok;
            if ctx.word(after + 1) == "("
                && ctx.word(after + 3) == ")"
                && ctx.shape(after + 2) == Some(Shape::AllCaps)
            {
                ev.acronyms.insert(ctx.word(after + 2), c.hint);
            }
        }
        ev
    }
}

impl DocEvidence<'_> {
    /// How many distinct names the document has.
    pub fn names(&self) -> usize {
        self.count.len()
    }

    /// "Toyota" where the document also names "Toyota Motor Corp.": a town's name that
    /// heads an organization's is the organization.
    pub fn retarget(&self, ctx: &Ctx, cands: &mut [Candidate]) {
        for c in cands.iter_mut() {
            let name = c.name(ctx.text);
            if c.rule == Rule::PlaceList && !ctx.lex.major_place(name) && self.org_heads.contains(name) {
                c.hint = Some(EntityKind::Organization);
                c.rule = Rule::OrgHead;
            }
        }
    }
}

fn bucket(n: u32) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        _ => "6+",
    }
}

fn kind_code(kind: Option<EntityKind>) -> &'static str {
    match kind {
        Some(EntityKind::Person) => "PER",
        Some(EntityKind::Organization) => "ORG",
        Some(EntityKind::Place) => "LOC",
        Some(EntityKind::Nationality) => "NAT",
        Some(_) => "NUM",
        None => "-",
    }
}

/// Emits the features of candidate number `index`, `c`, into `sink`.
pub fn extract(ctx: &Ctx, ev: &DocEvidence, index: usize, c: &Candidate, sink: &mut impl Sink) {
    extract_name(ctx, ev, index, c, sink);
    extract_context(ctx, c, sink);
}

/// Whether `c` is part of a token ("US" of "US-Japan").
pub fn part_of_word(ctx: &Ctx, c: &Candidate) -> bool {
    c.name_start > ctx.toks.get(c.first_tok).map_or(0, |t| t.start)
        || c.end < ctx.toks.get(c.last_tok).map_or(0, |t| t.end)
}

/// The features of the name and the document: the same for every use of one name with one
/// rule, so they are scored once per document (see `classify`).
pub fn extract_name(ctx: &Ctx, ev: &DocEvidence, index: usize, c: &Candidate, sink: &mut impl Sink) {
    let lex = ctx.lex;
    let (a, b) = (c.first_tok, c.last_tok);
    let name = c.name(ctx.text);
    let part_of_word = part_of_word(ctx, c);
    let hint = kind_code(c.hint);
    sink.add(T_BIAS, "");
    sink.add(T_HINT, hint);
    sink.add(T_RULE, c.rule.name());
    let n_words = (a..=b).filter(|&k| !lex.connector(ctx.word(k))).count() as u32;
    let len = bucket(n_words);
    sink.add(T_LEN, len);

    if part_of_word {
        sink.add(T_PART, "");
    }
    // The name itself, whole: a word of a longer name says little about it ("China" and
    // "China Eastern Airlines").
    // Not for listed names: the lists know them, and a corpus that leaves some of their
    // mentions unmarked should not teach the model that "US" is no place.
    if !matches!(c.rule, Rule::PlaceList | Rule::DemonymList | Rule::OrgList | Rule::ShoutedPlace) {
        sink.add(T_NAME, name);
    }
    let (first, last) = if part_of_word { (name, name) } else { (ctx.word(a), ctx.word(b)) };

    // The word lists.
    match lex.place(name) {
        Some(canonical) if lex.major_canonical(canonical) => sink.add(T_GAZ, "major_place"),
        Some(_) => sink.add(T_GAZ, "town"),
        None => {}
    }
    if c.rule == Rule::DemonymList || lex.demonym(name) {
        sink.add(T_GAZ, "demonym");
    }
    if c.rule == Rule::OrgList {
        sink.add(T_GAZ, "org");
    }
    if lex.given(first) {
        sink.add(T_GIVEN, if n_words > 1 { "first" } else { "alone" });
    }
    if n_words > 1 && lex.given(last) {
        sink.add(T_GIVEN, "last");
    }
    // "US" and "GM" are no dictionary words, whatever their lowercase forms are.
    let common_tok = |k: usize| !is_acronym(ctx.word(k)) && ctx.common(k);
    let (common_first, common_last) = if part_of_word {
        let c = !is_acronym(name) && lex.common_word(name);
        (c, c)
    } else {
        (common_tok(a), common_tok(b))
    };
    if common_first {
        sink.add(T_COMMON, "first");
    }
    if common_last {
        sink.add(T_COMMON, "last");
    }
    if (a..=b).all(|k| common_tok(k) || lex.connector(ctx.word(k))) {
        sink.add(T_COMMON, "all");
    }
    if n_words > 1 && lex.org_suffix(last) {
        sink.add(T_SUFFIX, "org");
    }
    if n_words > 1 && lex.place_suffix(last) {
        sink.add(T_SUFFIX, "place");
    }
    if n_words > 1 && (a..=b).any(|k| lex.place(ctx.word(k)).is_some()) {
        sink.add(T_HAS_PLACE_WORD, "");
    }

    // The rest of the document.
    let id = ev.ids.get(index).map_or(usize::MAX, |&i| i as usize);
    sink.add(T_DOC_COUNT, bucket(ev.count.get(id).copied().unwrap_or(0)));
    if n_words == 1 {
        if ev.surnames.contains(name) {
            sink.add(T_DOC, "surname");
        }
        if ev.first_names.contains(name) {
            sink.add(T_DOC, "first_name");
        }
        if ev.org_heads.contains(name) {
            sink.add(T_DOC, "org_head");
        }
    }
    let hinted = ev.hinted.get(id).copied().unwrap_or(0);
    for (bit, code) in [(1, "PER"), (2, "ORG"), (4, "LOC"), (8, "NAT")] {
        if hinted & bit != 0 {
            sink.add(T_DOC_HINT, code);
        }
    }
    if let Some(kind) = ev.acronyms.get(name) {
        sink.add(T_DOC_ACRONYM, kind_code(*kind));
    }
}

fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

/// The features of one use of a name: the words around it and its place in the sentence.
pub fn extract_context(ctx: &Ctx, c: &Candidate, sink: &mut impl Sink) {
    let lex = ctx.lex;
    let (a, b) = (c.first_tok, c.last_tok);
    let hint = kind_code(c.hint);
    let name = c.name(ctx.text);
    let common_first = if part_of_word(ctx, c) {
        !is_acronym(name) && lex.common_word(name)
    } else {
        !is_acronym(ctx.word(a)) && ctx.common(a)
    };
    let n_words = (a..=b).filter(|&k| !lex.connector(ctx.word(k))).count() as u32;
    let len = bucket(n_words);
    // The words around it.
    let prev = if a > 0 && ctx.same_line(a) { ctx.word(a - 1) } else { "<line>" };
    let next = if ctx.same_line(b + 1) { ctx.word(b + 1) } else { "<line>" };
    sink.add(T_PREV, prev);
    sink.add(T_NEXT, next);
    sink.add_pair(T_HINT_PREV, hint, prev);
    if a > 0 && lex.title(ctx.word(a - 1)) || c.titled {
        sink.add(T_TITLED, "");
    }
    if matches!(next, "'" | "\u{2019}") && ctx.word(b + 2) == "s" {
        sink.add(T_POSSESSIVE, "");
    }
    if ctx.shape(b + 1) == Some(Shape::Lower) && !lex.function_word(next) {
        sink.add(T_NEXT_LOWER_CONTENT, "");
    }
    if a > 0 && ctx.preceded_by_role(a) {
        sink.add(T_ROLE_BEFORE, "");
    }
    if ctx.word(b + 1) == "," && lex.role_noun(ctx.word(b + 2)) {
        sink.add(T_ROLE_AFTER, "");
    }
    let numeric = |k: usize| ctx.shape(k) == Some(Shape::Number);
    if (a > 0 && numeric(a - 1)) || numeric(b + 1) {
        sink.add(T_NUMBER_NEXT_TO, "");
    }
    if prev == "(" && next == ")" {
        sink.add(T_IN_PARENS, "");
    }
    if ctx.quoted(a, b) {
        sink.add(T_QUOTED, "");
    }

    // Its place in the sentence and the line.
    let tok = ctx.toks.get(a);
    let sent_start = tok.is_some_and(|t| t.sent_start);
    let line_start = tok.is_some_and(|t| !t.same_line) || a == 0;
    if sent_start {
        sink.add(T_SENT_START, if line_start { "line" } else { "sentence" });

        if common_first {
            sink.add(T_SENT_START_COMMON, len);
        }
    }
    if line_start || (a == 1 && matches!(ctx.word(0), "-" | "*" | "\u{2022}")) {
        sink.add(T_LINE_START, "");
    }
}

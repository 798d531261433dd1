//! What the classifier knows about a candidate: its words and their shapes, the word lists,
//! the words around it, its place in the sentence, and what the rest of the document says
//! about the same string.

use super::EntityKind;
use super::context::Ctx;
use super::lexicon::{FastMap, FastSet};
use super::model::Sink;
use super::names;
use super::segment::{Candidate, Rule};
use super::tokens::Shape;

/// Name words looked at one by one; longer names are rare and their tail says little.
const MAX_WORDS: usize = 4;

/// Evidence gathered from every candidate of one document before any is classified.
#[derive(Default)]
pub struct DocEvidence<'a> {
    count: FastMap<&'a str, u32>,
    /// Kinds the word lists and patterns gave each string somewhere in the document.
    hinted: FastMap<&'a str, u8>,
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
        let mut ev = DocEvidence::default();
        for c in cands {
            let name = c.name(ctx.text);
            *ev.count.entry(name).or_insert(0) += 1;
            if let Some(kind) = c.hint.filter(|_| confident(c.rule)) {
                *ev.hinted.entry(name).or_insert(0) |= kind_bit(kind);
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

/// One lowercase letter per word (feature values are compared in lowercase): c capitalized,
/// u all capitals, m mixed case, o connector, i initial, h hyphenated, l lowercase.
fn shape_code(ctx: &Ctx, k: usize) -> u8 {
    let w = ctx.word(k);
    if ctx.lex.connector(w) {
        b'o'
    } else if w.len() == 2 && w.ends_with('.') {
        b'i'
    } else if w.contains('-') {
        b'h'
    } else {
        match ctx.shape(k) {
            Some(Shape::AllCaps) => b'u',
            Some(Shape::Cap) if w.chars().skip(1).any(char::is_uppercase) => b'm',
            Some(Shape::Cap) => b'c',
            _ => b'l',
        }
    }
}

/// Emits the features of `c` into `sink`.
pub fn extract(ctx: &Ctx, ev: &DocEvidence, c: &Candidate, sink: &mut impl Sink) {
    let lex = ctx.lex;
    let (a, b) = (c.first_tok, c.last_tok);
    let name = c.name(ctx.text);
    let part_of_word =
        c.name_start > ctx.toks.get(a).map_or(0, |t| t.start) || c.end < ctx.toks.get(b).map_or(0, |t| t.end);
    let hint = kind_code(c.hint);
    sink.add("bias", "");
    sink.add("hint", hint);
    sink.add("rule", c.rule.name());
    let n_words = (a..=b).filter(|&k| !lex.connector(ctx.word(k))).count() as u32;
    let len = bucket(n_words);
    sink.add("len", len);
    let mut shape = [0u8; MAX_WORDS];
    let n_shape = (b + 1 - a).min(MAX_WORDS);
    for (i, k) in (a..a + n_shape).enumerate() {
        shape[i] = shape_code(ctx, k);
    }
    sink.add("shape", std::str::from_utf8(&shape[..n_shape]).unwrap_or(""));
    if part_of_word {
        sink.add("part", "");
    }
    // The name itself, whole: a word of a longer name says little about it ("China" and
    // "China Eastern Airlines").
    sink.add("name", name);
    let (first, last) = if part_of_word { (name, name) } else { (ctx.word(a), ctx.word(b)) };
    sink.add_pair("rule_len", c.rule.name(), len);

    // The word lists.
    if lex.major_place(name) {
        sink.add("gaz", "major_place");
    } else if lex.place(name).is_some() {
        sink.add("gaz", "town");
    }
    if lex.demonym(name) {
        sink.add("gaz", "demonym");
    }
    if lex.org_known(name) {
        sink.add("gaz", "org");
    }
    if lex.given(first) {
        sink.add("given", if n_words > 1 { "first" } else { "alone" });
    }
    if n_words > 1 && lex.given(last) {
        sink.add("given", "last");
    }
    // "US" and "GM" are no dictionary words, whatever their lowercase forms are.
    let common = |w: &str| !is_acronym(w) && lex.common_word(w);
    if common(first) {
        sink.add("common", "first");
    }
    if common(last) {
        sink.add("common", "last");
    }
    if (a..=b).all(|k| common(ctx.word(k)) || lex.connector(ctx.word(k))) {
        sink.add("common", "all");
    }
    if n_words > 1 && lex.org_suffix(last) {
        sink.add("suffix", "org");
    }
    if n_words > 1 && lex.place_suffix(last) {
        sink.add("suffix", "place");
    }
    if (a..=b).any(|k| lex.place(ctx.word(k)).is_some()) && n_words > 1 {
        sink.add("has_place_word", "");
    }
    let mut words = [""; MAX_WORDS];
    for (slot, k) in words.iter_mut().zip(a..=b) {
        *slot = ctx.word(k);
    }
    if (2..MAX_WORDS as u32).contains(&n_words)
        && names::looks_like_personal_name(&words[..n_words as usize], lex)
    {
        sink.add("name_shape", "");
    }

    // The words around it.
    let prev = if a > 0 && ctx.same_line(a) { ctx.word(a - 1) } else { "<line>" };
    let next = if ctx.same_line(b + 1) { ctx.word(b + 1) } else { "<line>" };
    sink.add("prev", prev);
    sink.add("next", next);
    if a > 1 && ctx.same_line(a - 1) {
        sink.add_pair("prev2", ctx.word(a - 2), prev);
    }
    sink.add_pair("hint_prev", hint, prev);
    if a > 0 && lex.title(ctx.word(a - 1)) || c.titled {
        sink.add("titled", "");
    }
    if matches!(next, "'" | "\u{2019}") && ctx.word(b + 2) == "s" {
        sink.add("possessive", "");
    }
    if ctx.shape(b + 1) == Some(Shape::Lower) && !lex.function_word(next) {
        sink.add("next_lower_content", "");
    }
    if a > 0 && ctx.preceded_by_role(a) {
        sink.add("role_before", "");
    }
    if ctx.word(b + 1) == "," && lex.role_noun(ctx.word(b + 2)) {
        sink.add("role_after", "");
    }
    let numeric = |k: usize| ctx.shape(k) == Some(Shape::Number);
    if (a > 0 && numeric(a - 1)) || numeric(b + 1) {
        sink.add("number_next_to", "");
    }
    if prev == "(" && next == ")" {
        sink.add("in_parens", "");
    }
    if ctx.quoted(a, b) {
        sink.add("quoted", "");
    }

    // Its place in the sentence and the line.
    let tok = ctx.toks.get(a);
    let sent_start = tok.is_some_and(|t| t.sent_start);
    let line_start = tok.is_some_and(|t| !t.same_line) || a == 0;
    if sent_start {
        sink.add("sent_start", if line_start { "line" } else { "sentence" });
        sink.add("sent_start_hint", hint);
        if common(first) {
            sink.add("sent_start_common", len);
        }
    }
    if line_start || (a == 1 && matches!(ctx.word(0), "-" | "*" | "\u{2022}")) {
        sink.add("line_start", "");
    }

    // The rest of the document.
    sink.add("doc_count", bucket(ev.count.get(name).copied().unwrap_or(0)));
    if n_words == 1 {
        sink.add("doc_caps_mid", bucket(ctx.capitalized_uses(first)));
        if ctx.seen_in_lowercase(first) {
            sink.add("doc_lower", "");
        }
        if ev.surnames.contains(name) {
            sink.add("doc", "surname");
        }
        if ev.first_names.contains(name) {
            sink.add("doc", "first_name");
        }
        if ev.org_heads.contains(name) {
            sink.add("doc", "org_head");
        }
    }
    let hinted = ev.hinted.get(name).copied().unwrap_or(0);
    for (bit, code) in [(1, "PER"), (2, "ORG"), (4, "LOC"), (8, "NAT")] {
        if hinted & bit != 0 {
            sink.add("doc_hint", code);
        }
    }
    if let Some(kind) = ev.acronyms.get(name) {
        sink.add("doc_acronym", kind_code(*kind));
    }
}

fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

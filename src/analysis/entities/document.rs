//! Document-level consistency: one kind and one canonical name per string in a text.

use super::EntityKind;
use super::chunker::{Ctx, Raw};
use super::lexicon::FastMap;
use super::tokens::Shape;

/// Last names of the people named in full: "Blinken" -> "Antony Blinken".
fn person_surnames(ctx: &Ctx, raws: &[Raw]) -> FastMap<String, String> {
    let mut out: FastMap<String, String> = FastMap::default();
    for r in raws.iter().filter(|r| r.kind == EntityKind::Person) {
        let words: Vec<&str> = r.canonical.split_whitespace().collect();
        if words.len() >= 2
            && let Some(last) = words.last()
        {
            out.entry((*last).to_string()).or_insert_with(|| r.canonical.clone());
        }
        // "Liu Jianchao" ... "Liu": family name first when the first word is no known given name.
        if words.len() == 2 && !ctx.lex.given(words[0]) {
            out.entry(words[0].to_string()).or_insert_with(|| r.canonical.clone());
        }
    }
    out
}

/// "United States Air Force (USAF)": the acronym in parentheses names the same thing.
fn acronyms(ctx: &Ctx, raws: &[Raw]) -> FastMap<String, (EntityKind, String)> {
    let mut out: FastMap<String, (EntityKind, String)> = FastMap::default();
    for r in raws.iter().filter(|r| r.kind != EntityKind::Person) {
        let Some(acronym) = acronym_after(ctx, r.last_tok) else {
            continue;
        };
        if initials_fit(acronym, &r.canonical) {
            out.entry(acronym.to_string()).or_insert_with(|| (r.kind, r.canonical.clone()));
        }
    }
    out
}

/// The acronym in "(USAF)" right after token `last`.
pub fn acronym_after<'a>(ctx: &Ctx<'a>, last: usize) -> Option<&'a str> {
    let is_acronym = ctx.toks.get(last + 2).is_some_and(|t| t.shape == Shape::AllCaps);
    (is_acronym && ctx.word(last + 1) == "(" && ctx.word(last + 3) == ")").then(|| ctx.word(last + 2))
}

fn initials_fit(acronym: &str, name: &str) -> bool {
    let first_letter = |s: &str| s.chars().next().map(|c| c.to_ascii_uppercase());
    acronym.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && first_letter(acronym) == first_letter(name)
        && name.split_whitespace().count() >= 2
}

/// The first confident kind each string received.
fn confident_kinds(ctx: &Ctx, raws: &[Raw]) -> FastMap<String, EntityKind> {
    let mut out: FastMap<String, EntityKind> = FastMap::default();
    for r in raws.iter().filter(|r| r.strong) {
        out.entry(ctx.phrase(r.first_tok, r.last_tok).to_string()).or_insert(r.kind);
    }
    out
}

pub fn resolve(ctx: &Ctx, mut raws: Vec<Raw>) -> Vec<Raw> {
    let surnames = person_surnames(ctx, &raws);
    let acronyms = acronyms(ctx, &raws);
    let kinds = confident_kinds(ctx, &raws);
    for r in &mut raws {
        let surface = ctx.phrase(r.first_tok, r.last_tok);
        if let Some((kind, canonical)) = acronyms.get(surface) {
            r.kind = *kind;
            r.canonical.clone_from(canonical);
            r.strong = true;
            continue;
        }
        let person_alias = surnames
            .get(surface)
            .or_else(|| (r.kind == EntityKind::Person).then(|| surnames.get(&r.canonical)).flatten());
        let overridable = !r.strong || matches!(r.kind, EntityKind::Person | EntityKind::Place);
        if let Some(full) = person_alias
            && overridable
        {
            r.kind = EntityKind::Person;
            r.canonical.clone_from(full);
            continue;
        }
        if !r.strong
            && let Some(kind) = kinds.get(surface)
        {
            r.kind = *kind;
        }
    }
    raws
}

//! Document-level identity: one canonical name per entity in a text ("Blinken" and "Dado"
//! stand for the full names given earlier, "USAF" for "United States Air Force").

use super::EntityKind;
use super::classify::Decided;
use super::context::Ctx;
use super::lexicon::FastMap;
use super::model::Label;
use super::segment::{Candidate, Rule};
use super::tokens::Shape;

/// A decided mention with its canonical name; token indices are inclusive.
#[derive(Debug, Clone)]
pub struct Raw {
    pub cand: Candidate,
    pub kind: EntityKind,
    pub canonical: String,
}

/// A short form and the one full name it stands for; `None` once two full names claim it.
type Aliases<'a> = FastMap<&'a str, Option<String>>;

fn claim<'a>(aliases: &mut Aliases<'a>, short: &'a str, full: &str) {
    aliases
        .entry(short)
        .and_modify(|known| {
            if known.as_deref() != Some(full) {
                *known = None;
            }
        })
        .or_insert_with(|| Some(full.to_string()));
}

/// Last names, and first names, of the people named in full: "Blinken" and "Antony" ->
/// "Antony Blinken"; "Liu" -> "Liu Jianchao" when the first word is no known given name.
fn person_aliases<'a>(ctx: &Ctx<'a>, decided: &[Decided]) -> Aliases<'a> {
    let mut out = Aliases::default();
    for d in decided.iter().filter(|d| d.label == Label::Person) {
        let (a, b) = (d.cand.first_tok, d.cand.last_tok);
        if b == a || ctx.lex.connector(ctx.word(b)) {
            continue;
        }
        let full = canonical_words(ctx.phrase(a, b));
        claim(&mut out, ctx.word(b), &full);
        claim(&mut out, ctx.word(a), &full);
    }
    out
}

/// "United States Air Force (USAF)": the acronym in parentheses names the same thing. The
/// kind comes from the name, or from its hint when the model calls the name itself no
/// mention (MEANTIME often marks only the acronym).
fn acronyms<'a>(ctx: &Ctx<'a>, decided: &[Decided]) -> FastMap<&'a str, (Option<EntityKind>, String)> {
    let mut out: FastMap<&'a str, (Option<EntityKind>, String)> = FastMap::default();
    for d in decided {
        let kind = d.label.kind().or(d.cand.hint);
        if matches!(kind, Some(EntityKind::Person)) || kind.is_none() && d.label == Label::None {
            continue;
        }
        let Some(acronym) = acronym_after(ctx, d.cand.last_tok) else {
            continue;
        };
        let canonical = canonical_of(ctx, &d.cand, kind.unwrap_or(EntityKind::Organization));
        if initials_fit(acronym, &canonical) {
            out.entry(acronym).or_insert((d.label.kind(), canonical));
        }
    }
    out
}

/// The acronym in "(USAF)" right after token `last`.
pub fn acronym_after<'a>(ctx: &Ctx<'a>, last: usize) -> Option<&'a str> {
    let is_acronym = ctx.shape(last + 2) == Some(Shape::AllCaps);
    (is_acronym && ctx.word(last + 1) == "(" && ctx.word(last + 3) == ")").then(|| ctx.word(last + 2))
}

fn initials_fit(acronym: &str, name: &str) -> bool {
    let first_letter = |s: &str| s.chars().next().map(|c| c.to_ascii_uppercase());
    acronym.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && first_letter(acronym) == first_letter(name)
        && name.split_whitespace().count() >= 2
}

fn canonical_words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn canonical_of(ctx: &Ctx, c: &Candidate, kind: EntityKind) -> String {
    let name = c.name(ctx.text);
    if kind == EntityKind::Place {
        if let Some(p) = ctx.lex.place(name) {
            return p.to_string();
        }
        if let Some(p) = ctx.shouted_place(c.first_tok, c.last_tok) {
            return p;
        }
    }
    canonical_words(name)
}

/// A person's short name overrides what the model said, unless a word list vouches for it.
fn yields_to_person(ctx: &Ctx, d: &Decided) -> bool {
    match d.label {
        Label::Person | Label::None => true,
        Label::Nationality => false,
        Label::Organization => !matches!(d.cand.rule, Rule::OrgList | Rule::OrgSuffix | Rule::OrgPrefix),
        Label::Place => !ctx.lex.major_place(d.cand.name(ctx.text)),
    }
}

/// Gives each mention its kind and canonical name; drops what is no name.
pub fn resolve(ctx: &Ctx, decided: Vec<Decided>) -> Vec<Raw> {
    let people = person_aliases(ctx, &decided);
    let acronyms = acronyms(ctx, &decided);
    // "Maintenance, Repair and Overhaul (MRO)": the acronym of what is no name is none either.
    let dropped: FastMap<&str, ()> = decided
        .iter()
        .filter(|d| d.label == Label::None && d.cand.hint.is_none())
        .filter_map(|d| acronym_after(ctx, d.cand.last_tok))
        .filter(|a| !acronyms.contains_key(a))
        .map(|a| (a, ()))
        .collect();
    let mut out = Vec::with_capacity(decided.len());
    for d in decided {
        let surface = d.cand.name(ctx.text);
        if dropped.contains_key(surface) {
            continue;
        }
        if let Some((kind, canonical)) = acronyms.get(surface)
            && d.label != Label::Person
            && let Some(kind) = kind.or(d.label.kind())
        {
            out.push(Raw { kind, canonical: canonical.clone(), cand: d.cand });
            continue;
        }
        let single = d.cand.first_tok == d.cand.last_tok;
        if let Some(Some(full)) = people.get(surface).filter(|_| single)
            && yields_to_person(ctx, &d)
        {
            out.push(Raw { kind: EntityKind::Person, canonical: full.clone(), cand: d.cand });
            continue;
        }
        let Some(kind) = d.label.kind() else {
            continue;
        };
        let canonical = canonical_of(ctx, &d.cand, kind);
        out.push(Raw { kind, canonical, cand: d.cand });
    }
    out
}

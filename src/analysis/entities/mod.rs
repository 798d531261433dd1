//! Named-entity recognition for news text: people, organizations, places,
//! nationalities, money, percentages and quantities.
//!
//! Rules over capitalization, gazetteers (GeoNames places, US Census given names,
//! a SCOWL word list; see `assets/entities/README.md`) and cue words, followed by a
//! document-level pass that gives every string one kind and one canonical name.

mod chunker;
mod document;
mod lexicon;
mod numeric;
mod tokens;

use chunker::{Ctx, Raw};
use lexicon::Lexicon;
use numeric::NumericMatcher;
use tokens::Shape;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Nationality,
    Money,
    Percent,
    Quantity,
}

impl EntityKind {
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Nationality,
        EntityKind::Money,
        EntityKind::Percent,
        EntityKind::Quantity,
    ];

    /// People, organizations, places and nationalities: names, not amounts.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            EntityKind::Person | EntityKind::Organization | EntityKind::Place | EntityKind::Nationality
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Nationality => "nationality",
            EntityKind::Money => "money",
            EntityKind::Percent => "percent",
            EntityKind::Quantity => "quantity",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    /// Shared: the corpus pass interns names, so a name mentioned a million times is stored once.
    pub canonical: std::sync::Arc<str>,
}

/// Holds the parsed gazetteers and compiled patterns; build once, share across threads.
pub struct Recognizer {
    lexicon: Lexicon,
    numeric: NumericMatcher,
}

impl Default for Recognizer {
    fn default() -> Self {
        Recognizer::new()
    }
}

/// MEANTIME-style spans include a leading "the" for organizations and places.
const INCLUDE_ARTICLE: bool = true;

impl Recognizer {
    pub fn new() -> Recognizer {
        Recognizer { lexicon: Lexicon::load(), numeric: NumericMatcher::new() }
    }

    /// The one recognizer the threads of a process share, built by whichever needs it first.
    pub fn shared() -> &'static Recognizer {
        static SHARED: std::sync::LazyLock<Recognizer> = std::sync::LazyLock::new(Recognizer::new);
        &SHARED
    }

    /// Mentions in `text`, as byte offsets on char boundaries, sorted and non-overlapping.
    pub fn recognize(&self, text: &str) -> Vec<EntityMention> {
        let toks = tokens::tokenize(text);
        let ctx = Ctx::new(text, &toks, &self.lexicon);
        let mut raws: Vec<Raw> = Vec::new();
        let mut dropped_acronyms: lexicon::FastSet<&str> = lexicon::FastSet::default();
        for (a, b) in ctx.chunks() {
            let found = ctx.classify(a, b);
            if found.is_empty()
                && let Some(acronym) = document::acronym_after(&ctx, b)
            {
                dropped_acronyms.insert(acronym);
            }
            raws.extend(found);
        }
        // "Worldwide Developers Conference (WWDC)": the acronym of an event is no organization.
        raws.retain(|r| !dropped_acronyms.contains(&ctx.phrase(r.first_tok, r.last_tok)));
        let raws = document::resolve(&ctx, raws);
        let mut mentions: Vec<EntityMention> = self
            .numeric
            .find(text)
            .into_iter()
            .map(|n| EntityMention {
                start: n.start,
                end: n.end,
                kind: n.kind,
                canonical: n.canonical.into(),
            })
            .collect();
        mentions.extend(raws.into_iter().map(|r| to_mention(&ctx, r)));
        without_overlaps(text, mentions)
    }
}

fn to_mention(ctx: &Ctx, r: Raw) -> EntityMention {
    let mut start = r.start;
    if INCLUDE_ARTICLE
        && matches!(r.kind, EntityKind::Organization | EntityKind::Place)
        && r.first_tok > 0
        && r.start == ctx.toks.get(r.first_tok).map_or(usize::MAX, |t| t.start)
        && ctx.toks.get(r.first_tok).is_some_and(|t| t.same_line)
        && ctx.toks.get(r.first_tok - 1).map(|t| t.shape) != Some(Shape::Punct)
        && matches!(ctx.word(r.first_tok - 1), "the" | "The")
        && (r.strong
            || r.last_tok > r.first_tok
            || ctx.toks.get(r.first_tok).is_some_and(|t| t.shape == Shape::AllCaps))
    {
        start = ctx.toks.get(r.first_tok - 1).map_or(start, |t| t.start);
    }
    EntityMention { start, end: r.end, kind: r.kind, canonical: r.canonical.into() }
}

/// Numeric mentions win ties at the same start ("US$40 billion" is money, not the
/// place "US"); otherwise the earlier mention wins.
fn without_overlaps(text: &str, mut mentions: Vec<EntityMention>) -> Vec<EntityMention> {
    mentions.retain(|m| {
        m.start < m.end
            && m.end <= text.len()
            && text.is_char_boundary(m.start)
            && text.is_char_boundary(m.end)
    });
    let is_name = |k: EntityKind| {
        matches!(
            k,
            EntityKind::Person | EntityKind::Organization | EntityKind::Place | EntityKind::Nationality
        )
    };
    mentions.sort_by_key(|m| (m.start, is_name(m.kind), m.end));
    let mut out: Vec<EntityMention> = Vec::with_capacity(mentions.len());
    let mut last_end = 0;
    for m in mentions {
        if m.start >= last_end {
            last_end = m.end;
            out.push(m);
        }
    }
    out
}

#[cfg(test)]
mod tests;

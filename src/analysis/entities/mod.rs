//! Named-entity recognition for news text: people, organizations, places,
//! nationalities, money, percentages and quantities.
//!
//! The stages, each its own module:
//! 1. `tokens`: words with their shapes and sentence starts;
//! 2. `chunker`: runs of capitalized words that may be names;
//! 3. `segment`: the candidate names in each run, with the kind word lists and patterns
//!    suggest (gazetteers: GeoNames places, US Census given names, a SCOWL word list; see
//!    `assets/entities/README.md`);
//! 4. `classify`: the learned decision (`model`, over `features`), one kind per string;
//! 5. `document`: one canonical name per entity; `conventions`: MEANTIME's mention extents.

mod candidate;
mod chunker;
mod classify;
mod context;
mod conventions;
mod document;
mod features;
pub mod learn;
mod lexicon;
mod model;
mod names;
mod numeric;
mod segment;
mod tokens;

use context::Ctx;
use lexicon::Lexicon;
use model::Model;
use numeric::NumericMatcher;
use segment::Candidate;

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
    pub canonical: Name,
}

/// An entity's name. Cloning it shares it; it is one pointer wide (the length is kept with the
/// text), where an `Arc<str>` is two, and a large corpus's summaries hold millions of names.
pub type Name = arcstr::ArcStr;

/// Holds the parsed gazetteers and compiled patterns; build once, share across threads.
pub struct Recognizer {
    lexicon: Lexicon,
    numeric: NumericMatcher,
    model: Model,
}

impl Default for Recognizer {
    fn default() -> Self {
        Recognizer::new()
    }
}

impl Recognizer {
    /// Loads the word lists and the model: the embedded weights, or those named by the
    /// evaluation hook `DOSSIER_ENTITY_MODEL` (see `assets/entities/README.md`).
    pub fn new() -> Recognizer {
        Recognizer { lexicon: Lexicon::load(), numeric: NumericMatcher::new(), model: Model::load() }
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
        let cands = candidates(&ctx);
        let decided = classify::classify(&ctx, &self.model, cands);
        let raws = document::resolve(&ctx, decided);
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
        mentions.extend(raws.into_iter().map(|r| {
            let (start, end, kind) = conventions::extent(&ctx, &r);
            EntityMention { start, end, kind, canonical: r.canonical.into() }
        }));
        without_overlaps(text, mentions)
    }
}

/// Every candidate name of a text, in order.
fn candidates(ctx: &Ctx) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut dropped_acronyms: lexicon::FastSet<&str> = lexicon::FastSet::default();
    for (a, b) in ctx.chunks() {
        let found = ctx.segment(a, b);
        if found.is_empty()
            && let Some(acronym) = document::acronym_after(ctx, b)
        {
            dropped_acronyms.insert(acronym);
        }
        out.extend(found);
    }
    // "Worldwide Developers Conference (WWDC)": the acronym of an event is no organization.
    out.retain(|c| !dropped_acronyms.contains(c.name(ctx.text)));
    out
}

/// Numeric mentions win ties at the same start ("US$40 billion" is money, not the
/// place "US"); otherwise the earlier mention wins, and of two at one start the longer.
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
    // At one start, the longer name wins: "German airline Lufthansa" over "German".
    mentions.sort_by_key(|m| (m.start, is_name(m.kind), std::cmp::Reverse(m.end)));
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
mod seed_errors;
#[cfg(test)]
mod tests;

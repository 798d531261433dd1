//! Mention extents and kinds that are MEANTIME's choices rather than facts of the language:
//! a mention is the whole noun phrase a name heads ("the US car maker GM", "the EU"),
//! and a government is a place ("the US government", "the White House").

use super::EntityKind;
use super::context::Ctx;
use super::document::Raw;
use super::tokens::Shape;

/// Longest descriptor before a name, in words ("low cost airline").
const MAX_DESCRIPTOR_WORDS: usize = 3;

/// The span of a decided mention as MEANTIME draws it, and its kind.
pub fn extent(ctx: &Ctx, r: &Raw) -> (usize, usize, EntityKind) {
    let (a, b) = (r.cand.first_tok, r.cand.last_tok);
    let whole_tokens = r.cand.name_start == ctx.toks.get(a).map_or(usize::MAX, |t| t.start)
        && r.cand.end >= ctx.toks.get(b).map_or(usize::MAX, |t| t.end).saturating_sub(1);
    if !whole_tokens {
        // Part of a word ("US" of "US-Japan"): nothing around it belongs to it.
        return (r.cand.start, r.cand.end, r.kind);
    }
    if ctx.lex.place_by_convention(r.cand.name(ctx.text)) {
        let start = with_article(ctx, a).filter(|_| heads_its_phrase(ctx, b)).unwrap_or(r.cand.start);
        return (start, r.cand.end, EntityKind::Place);
    }
    if let Some(end) = government_after(ctx, r) {
        let start = with_article(ctx, a).unwrap_or(r.cand.start);
        return (start, end, EntityKind::Place);
    }
    let mut start = r.cand.start;
    let mut first = if r.cand.titled { title_token(ctx, r) } else { a };
    if matches!(r.kind, EntityKind::Organization | EntityKind::Person)
        && let Some(d) = descriptor_start(ctx, first)
    {
        first = d;
        start = ctx.toks.get(d).map_or(start, |t| t.start);
    }
    if r.kind != EntityKind::Person
        && heads_its_phrase(ctx, b)
        && (first < a || includes_article(ctx, r))
        && let Some(s) = with_article(ctx, first)
    {
        start = s;
    }
    (start, r.cand.end, r.kind)
}

fn title_token(ctx: &Ctx, r: &Raw) -> usize {
    (0..=r.cand.first_tok)
        .rev()
        .find(|&k| ctx.toks.get(k).is_some_and(|t| t.start <= r.cand.start))
        .unwrap_or(0)
}

/// "the" right before token `first`, on its line: the start of the article.
fn with_article(ctx: &Ctx, first: usize) -> Option<usize> {
    (first > 0
        && ctx.same_line(first)
        && matches!(ctx.word(first - 1), "the" | "The")
        && ctx.shape(first - 1) != Some(Shape::Punct))
    .then(|| ctx.toks.get(first - 1).map(|t| t.start))
    .flatten()
}

/// A lone capitalized word after "the" is a name with its article only when the word is
/// known or written in capitals ("the EU", "the Pentagon"), not "the Tiger".
fn includes_article(ctx: &Ctx, r: &Raw) -> bool {
    use super::segment::Rule;
    r.cand.last_tok > r.cand.first_tok
        || ctx.shape(r.cand.first_tok) == Some(Shape::AllCaps)
        || matches!(
            r.cand.rule,
            Rule::PlaceList
                | Rule::OrgList
                | Rule::OrgSuffix
                | Rule::OrgPrefix
                | Rule::PlaceSuffix
                | Rule::PlacePrefix
        )
}

/// The name ends its noun phrase: "the US said", not "the US side" or "the Air Force's
/// interests", where "the" belongs to the noun after.
fn heads_its_phrase(ctx: &Ctx, b: usize) -> bool {
    let next = ctx.word(b + 1);
    if !ctx.same_line(b + 1) {
        return true;
    }
    if matches!(next, "'" | "\u{2019}") && ctx.word(b + 2) == "s" {
        return false;
    }
    let modifier = ctx.shape(b + 1) == Some(Shape::Lower) && ctx.lex.modified_noun(next);
    !modifier
}

/// "the US government", "the Japanese government": the end of a government mention.
fn government_after(ctx: &Ctx, r: &Raw) -> Option<usize> {
    let b = r.cand.last_tok;
    let place_like = matches!(r.kind, EntityKind::Place | EntityKind::Nationality);
    (place_like && ctx.same_line(b + 1) && ctx.word(b + 1) == "government")
        .then(|| ctx.toks.get(b + 1).map(|t| t.end))?
}

/// "car maker GM", "Chief executive Thomas Enders", "the US car maker GM": the first token of
/// a descriptor right before the name, and of a place or nationality before that.
fn descriptor_start(ctx: &Ctx, first: usize) -> Option<usize> {
    if first == 0 || !ctx.same_line(first) {
        return None;
    }
    let head = first - 1;
    if !(ctx.shape(head) == Some(Shape::Lower) && ctx.lex.descriptor(ctx.word(head))) {
        return None;
    }
    let mut s = head;
    // Modifiers of the descriptor: lowercase content words, or the capitalized first word of
    // the sentence ("Aircraft manufacturer Boeing").
    while s > 0 && head - s + 1 < MAX_DESCRIPTOR_WORDS && ctx.same_line(s) {
        let k = s - 1;
        let w = ctx.word(k);
        // Not the "s" of a possessive ("Japan's business newspaper Nikkei").
        let after_apostrophe = k > 0 && matches!(ctx.word(k - 1), "'" | "\u{2019}");
        let lower_content = ctx.shape(k) == Some(Shape::Lower)
            && w.len() > 1
            && !after_apostrophe
            && !ctx.lex.function_word(w)
            && !ctx.lex.verb_after_name(w);
        let opener = ctx.toks.get(k).is_some_and(|t| t.sent_start)
            && ctx.shape(k) == Some(Shape::Cap)
            && ctx.common(k)
            && !ctx.lex.function_word(w);
        if lower_content || opener {
            s = k;
        } else {
            break;
        }
    }
    if ctx.toks.get(s).is_some_and(|t| t.sent_start) {
        return Some(s);
    }
    // What stands before the descriptor: a place or nationality joins it; another name
    // ("GM analyst John Smith") means the descriptor belongs to that name, not this one.
    let mut k = s;
    while k > 0 && ctx.same_line(k) && ctx.is_capitalized(k - 1) && ctx.word(k - 1) != "The" {
        k -= 1;
    }
    if k == s {
        // "Japan's business newspaper Nikkei": a possessor before the descriptor is another
        // mention, and the descriptor is its.
        let possessive = s >= 2 && ctx.word(s - 1) == "s" && matches!(ctx.word(s - 2), "'" | "\u{2019}");
        return (!possessive).then_some(s);
    }
    let before = ctx.phrase(k, s - 1);
    (ctx.lex.place(before).is_some() || ctx.lex.demonym(before)).then_some(k)
}

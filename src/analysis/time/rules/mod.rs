//! Pattern rules over the token stream. Each rule looks at a start token and returns
//! the extent and value of the longest expression it recognizes there; [`RULES`] lists
//! them all, in the order that breaks ties, so a new rule is added in one place.
//!
//! The rules live in files by area: dates, relative expressions, periods, clock
//! times; numbers and tense are the helpers they share.

mod clock;
mod dates;
mod numbers;
mod periods;
mod relative;
mod tense;

use chrono::NaiveDate;

use super::lex::{Kw, Lex, Tok, TokKind, Unit};
use super::{CalendarPoint, TimexType};

pub(crate) struct Hit {
    pub first: usize,
    /// Exclusive token index.
    pub last: usize,
    pub kind: TimexType,
    pub value: String,
    /// A quarter this expression names, the reference for "a year earlier" and co.
    pub quarter: Option<(i32, u32)>,
    /// The far end of a range ("July 20-21"): this hit then covers the near end only
    /// up to token `near_end` (exclusive), and the far end is its own expression.
    pub range: Option<RangeEnd>,
}

/// The second date of a range, tagged as an expression of its own.
pub(crate) struct RangeEnd {
    /// Exclusive end token of the near end ("July 20").
    pub near_end: usize,
    /// First token of the far end ("21").
    pub first: usize,
    pub value: String,
}

pub(crate) struct Cx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub dct: Option<NaiveDate>,
    pub quarter: Option<(i32, u32)>,
    /// The year of the last date tagged, the anchor of "that year".
    pub ref_year: Option<i32>,
    /// The last calendar date tagged: what "three years later", "the following
    /// month" and "the next day" count from.
    pub anchor: Option<Anchor>,
}

/// A date tagged, as later expressions may count from it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Anchor {
    pub point: CalendarPoint,
    /// Exclusive end token of its expression.
    pub end: usize,
}

const OTHER: Lex = Lex::Other;

/// An amount of time units: a number, or unspecified ("several", "a few").
#[derive(Debug, Clone, Copy)]
pub(super) enum Amount {
    Known(f64),
    Unknown,
}

impl Amount {
    pub(super) fn get(self) -> Option<f64> {
        match self {
            Amount::Known(v) => Some(v),
            Amount::Unknown => None,
        }
    }
}

fn hit(first: usize, last: usize, kind: TimexType, value: String) -> Option<Hit> {
    Some(Hit { first, last, kind, value, quarter: None, range: None })
}

/// One pattern rule: tried at a token, it returns the longest expression it reads there.
pub(crate) struct Rule {
    /// For tests and debugging: which rule read an expression.
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    pub run: for<'c, 'a> fn(&'c Cx<'a>, usize) -> Option<Hit>,
    /// Also tried after a modifier ("the", "early", "more than"): see `prefixed`.
    pub after_prefix: bool,
}

const fn rule(
    name: &'static str,
    run: for<'c, 'a> fn(&'c Cx<'a>, usize) -> Option<Hit>,
    after_prefix: bool,
) -> Rule {
    Rule { name, run, after_prefix }
}

/// Every rule, tried in this order; on equal length the earlier rule wins.
pub(crate) static RULES: &[Rule] = &[
    rule("anaphoric year", |cx, i| cx.anaphoric_year(i), false),
    rule("prefixed", |cx, i| cx.prefixed(i), false),
    rule("month date", |cx, i| cx.month_date(i), true),
    rule("numeric date", |cx, i| cx.numeric_date(i), false),
    rule("year", |cx, i| cx.year(i), true),
    rule("24-hour clock", |cx, i| cx.hhmm_clock(i), true),
    rule("weekday", |cx, i| cx.weekday(i), true),
    rule("deictic", |cx, i| cx.deictic(i), true),
    rule("reference", |cx, i| cx.reference(i), true),
    rule("relative period", |cx, i| cx.relative_period(i), true),
    rule("amount of time", |cx, i| cx.amount_of_time(i), true),
    rule("quarter", |cx, i| cx.quarter(i), true),
    rule("set", |cx, i| cx.set(i), false),
    rule("clock", |cx, i| cx.clock(i), true),
    rule("season", |cx, i| cx.season(i), true),
    rule("holiday", |cx, i| cx.holiday(i), true),
    rule("definite period", |cx, i| cx.definite_period(i), true),
    rule("century or decade word", |cx, i| cx.century_or_decade_word(i), true),
    rule("year end", |cx, i| cx.year_end(i), false),
];

impl<'a> Cx<'a> {
    pub(super) fn lex(&self, i: usize) -> Lex {
        self.toks.get(i).map_or(OTHER, |t| t.lex)
    }

    pub(super) fn kw(&self, i: usize, k: Kw) -> bool {
        self.lex(i) == Lex::Kw(k)
    }

    pub(super) fn punct(&self, i: usize, c: u8) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Punct(c))
    }

    /// Token `i` touches the previous one (no whitespace in between).
    pub(super) fn tight(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.gap)
    }

    pub(super) fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        (t.kind == TokKind::Num).then_some((t.num, t.digits()))
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .filter(|t| t.kind == TokKind::Word)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    pub(super) fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }

    /// Skip one optional period right after token `i - 1` (abbreviations).
    pub(super) fn skip_dot(&self, i: usize) -> usize {
        if self.punct(i, b'.') && self.tight(i) { i + 1 } else { i }
    }

    /// Skip a hyphen written inside a word ("mid-January", "third-quarter").
    pub(super) fn skip_hyphen(&self, i: usize) -> usize {
        if self.punct(i, b'-') && self.tight(i) && self.tight(i + 1) { i + 1 } else { i }
    }

    pub(super) fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        match self.lex(i) {
            Lex::Unit(u, p) => Some((u, p)),
            Lex::Ordinal(2) if self.is_word(i, "second") => Some((Unit::Second, false)),
            _ => None,
        }
    }

    /// Modifiers that widen the span of the expression after them: "the",
    /// "early", "mid-", "the end of", "nearly", "more than", "at least"...
    fn prefixed(&self, i: usize) -> Option<Hit> {
        let j = self.skip_prefix(i)?;
        let mut h = self.core_at(j)?;
        // A bare "the" belongs to the expression only before a head noun of its
        // own ("the 1990s", "the future"), not before dates ("the Oct. 23 vote").
        if j == i + 1 && self.kw(i, Kw::The) && !the_takes(&h.value) && !self.noun_head(h.last) {
            return None;
        }
        h.first = i;
        Some(h)
    }

    /// The expression ending before `end` ends in a time noun ("quarter", "period",
    /// "year") rather than a hyphenated adjective ("third-quarter").
    fn noun_head(&self, end: usize) -> bool {
        let t = end.wrapping_sub(1);
        let noun = self.unit(t).is_some() || self.is_word(t, "period") || self.kw(t, Kw::Weekend);
        noun && !self.punct(t.wrapping_sub(1), b'-')
    }

    fn skip_prefix(&self, i: usize) -> Option<usize> {
        let Lex::Kw(k) = self.lex(i) else {
            return None;
        };
        let j = match k {
            Kw::The => {
                if self.kw(i + 1, Kw::End)
                    || self.kw(i + 1, Kw::Beginning)
                    || self.kw(i + 1, Kw::Start)
                    || self.kw(i + 1, Kw::Middle)
                {
                    if !self.kw(i + 2, Kw::Of) {
                        return None;
                    }
                    let k = i + 3;
                    if self.kw(k, Kw::The) { k + 1 } else { k }
                } else if matches!(self.lex(i + 1), Lex::Kw(Kw::Early | Kw::Late)) {
                    i + 2
                } else {
                    i + 1
                }
            }
            Kw::Early | Kw::Late | Kw::Mid => self.skip_hyphen(i + 1),
            Kw::Approx => i + 1,
            Kw::More | Kw::Less if self.kw(i + 1, Kw::Than) => i + 2,
            Kw::At if self.kw(i + 1, Kw::Least) => i + 2,
            Kw::Up if self.kw(i + 1, Kw::To) => i + 2,
            _ => return None,
        };
        (j != i).then_some(j)
    }

    /// Try every rule at token `i`; the longest hit wins.
    pub(crate) fn match_at(&self, i: usize) -> Option<Hit> {
        let t = self.toks.get(i)?;
        if t.lex == Lex::Other && t.kind != TokKind::Num && !self.is_word(i, "bi") {
            return None;
        }
        if starts_none(t.lex) {
            return None;
        }
        self.longest(RULES.iter(), i).map(|(_, h)| h)
    }

    /// The longest hit of `rules` at `i` with the rule that read it; on equal length
    /// the earlier rule wins.
    pub(crate) fn longest<'r>(
        &self,
        rules: impl Iterator<Item = &'r Rule>,
        i: usize,
    ) -> Option<(&'r Rule, Hit)> {
        let mut best: Option<(&'r Rule, Hit)> = None;
        for r in rules {
            if let Some(h) = (r.run)(self, i)
                && best.as_ref().is_none_or(|(_, b)| h.last > b.last)
            {
                best = Some((r, h));
            }
        }
        best
    }

    fn core_at(&self, j: usize) -> Option<Hit> {
        self.longest(RULES.iter().filter(|r| r.after_prefix), j).map(|(_, h)| h)
    }
}

/// Words the rules read beside an expression ("in May", "the end of 1997", "from now") that
/// start none: no rule's first token is one of them. They are a tenth of news-1997's tokens,
/// and passing over them without trying the nineteen rules took 15% off the time tagger
/// (`pipeline/timexes`). A proptest holds every rule to it.
fn starts_none(lex: Lex) -> bool {
    matches!(lex, Lex::Kw(Kw::In | Kw::On | Kw::Of | Kw::And | Kw::Or | Kw::To | Kw::By | Kw::From))
}

/// Values whose expression keeps a leading "the": decades and reference words.
fn the_takes(value: &str) -> bool {
    value == "PAST_REF"
        || value == "FUTURE_REF"
        || value.len() == 3 && value.bytes().all(|b| b.is_ascii_digit())
}

/// The rule that reads the expression starting at byte `at` of `text` (tests only).
#[cfg(test)]
pub(crate) fn rule_at(text: &str, dct: Option<NaiveDate>, at: usize) -> Option<&'static str> {
    let toks = super::lex::tokenize(text);
    let i = toks.iter().position(|t| t.start == at)?;
    let cx = Cx { text, toks: &toks, dct, quarter: None, ref_year: None, anchor: None };
    cx.longest(RULES.iter(), i).map(|(r, _)| r.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Words of the time tagger's lists (every kind of them), other words, numbers of the
    /// lengths the rules read (days, clock times, years) and the punctuation they look at.
    const PIECES: &[&str] = &[
        "in",
        "In",
        "on",
        "of",
        "OF",
        "and",
        "or",
        "to",
        "by",
        "from",
        "the",
        "The",
        "that",
        "a",
        "an",
        "last",
        "next",
        "this",
        "past",
        "coming",
        "previous",
        "following",
        "earlier",
        "later",
        "ago",
        "early",
        "late",
        "mid",
        "end",
        "beginning",
        "start",
        "middle",
        "fiscal",
        "every",
        "each",
        "per",
        "couple",
        "few",
        "several",
        "many",
        "more",
        "less",
        "than",
        "at",
        "least",
        "up",
        "half",
        "weekend",
        "now",
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "currently",
        "recent",
        "future",
        "present",
        "latest",
        "noon",
        "midnight",
        "before",
        "same",
        "hence",
        "overnight",
        "near",
        "these",
        "about",
        "nearly",
        "year",
        "years",
        "month",
        "week",
        "day",
        "days",
        "quarter",
        "decade",
        "century",
        "hours",
        "minutes",
        "second",
        "first",
        "third",
        "fourth",
        "May",
        "March",
        "January",
        "Jan",
        "Sept",
        "Monday",
        "Fridays",
        "spring",
        "summer",
        "morning",
        "night",
        "evening",
        "daily",
        "weekly",
        "Christmas",
        "Thanksgiving",
        "one",
        "two",
        "twelve",
        "twenty",
        "nineteen",
        "ninety",
        "hundred",
        "thousand",
        "nineties",
        "period",
        "full",
        "entire",
        "so",
        "since",
        "until",
        "vote",
        "bi",
        "s",
        "th",
        "am",
        "pm",
        "GMT",
        "EST",
        "m",
        "1",
        "7",
        "12",
        "24",
        "31",
        "1997",
        "2001",
        "1030",
        "0735",
        "15",
        "-",
        ",",
        ".",
        "'",
        ":",
        "/",
        "$",
        "%",
        "(",
        ")",
    ];

    /// What may follow a word the tagger passes over, often the start of an expression.
    const AFTER: &[&str] = &[
        "year",
        "years",
        "month",
        "week",
        "day",
        "quarter",
        "decade",
        "May",
        "March",
        "Monday",
        "1997",
        "12",
        "31",
        "1030",
        "the",
        "that",
        "last",
        "next",
        "this",
        "past",
        "early",
        "mid",
        "-",
        ",",
        "'",
        "s",
        "ago",
        "earlier",
        "later",
        "now",
        "today",
        "first",
        "third",
        "fiscal",
        "a",
        "few",
        "couple",
        "two",
        "twenty",
        "morning",
        "night",
        "spring",
        "Christmas",
        "am",
        "noon",
        "end",
        "of",
        "half",
        "every",
        "latest",
        "weekend",
        "present",
        "future",
        "nineties",
    ];

    fn text_of(pieces: &[(&str, bool)]) -> String {
        let mut text = String::new();
        for &(piece, tight) in pieces {
            if !tight && !text.is_empty() {
                text.push(' ');
            }
            text.push_str(piece);
        }
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]
        /// No rule finds an expression that starts at a word `starts_none` passes over: in any
        /// run of the tagger's words, numbers and punctuation, with such a word placed before
        /// what often starts an expression, whatever the tagger remembers.
        #[test]
        fn no_rule_starts_at_a_word_passed_over(
            before in proptest::collection::vec((proptest::sample::select(PIECES), any::<bool>()), 0..5),
            word in proptest::sample::select(PIECES),
            after in proptest::collection::vec((proptest::sample::select(AFTER), any::<bool>()), 1..6),
            quarter in proptest::option::of((1990i32..2000, 1u32..5)),
            ref_year in proptest::option::of(1990i32..2000),
            dated in any::<bool>(),
        ) {
            let pieces: Vec<(&str, bool)> = before.into_iter().chain([(word, false)]).chain(after).collect();
            let text = text_of(&pieces);
            let toks = crate::analysis::time::lex::tokenize(&text);
            let dct = dated.then(|| NaiveDate::from_ymd_opt(1997, 4, 1)).flatten();
            let cx = Cx { text: &text, toks: &toks, dct, quarter, ref_year, anchor: None };
            for (i, t) in toks.iter().enumerate().filter(|(_, t)| starts_none(t.lex)) {
                for rule in RULES {
                    prop_assert!((rule.run)(&cx, i).is_none(), "{} starts at {:?} in {text:?}", rule.name, t);
                }
            }
        }
    }
}

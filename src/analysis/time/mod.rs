//! Temporal expression tagger (TIMEX3, TimeML conventions as in TimeBank/TempEval-3).
//!
//! The text is cut into ASCII tokens once, each word classified by one hash lookup
//! (`lex`); rules (`rules`) only run at tokens that can start a time expression, so
//! ordinary prose costs little more than the tokenizer. Values are normalized against
//! the document creation time (DCT) with chrono (`cal`).
//!
//! Conventions, chosen to match how TimeBank annotates news:
//! - a bare weekday or month follows the tense of its clause (nearest verb cue:
//!   "will", "said", "-ed" forms, scheduling verbs like "resume"); a weekday equal to
//!   the DCT's is the DCT itself; without a cue the nearest, leaning to the past;
//! - "Friday morning"/"Friday night" get the day's value; "Friday evening" and
//!   "this morning" keep the part of day (`TEV`, `TMO`);
//! - "a year earlier", "year-ago" refer to the last numbered quarter that has ended
//!   ("1988-Q3") in financial text, else to the last date given, else to the year
//!   before the DCT;
//! - "ago" and "from now" count from the DCT; "later", "earlier", "the following
//!   month", "the next day" count from the last date the text gave, if it is at
//!   least as precise as the unit ("In 1986 ... three years later" -> 1989);
//!   without one they are durations ("a month earlier" -> P1M); an explicit date
//!   in the same phrase wins ("Four years later, in April 1998" -> 1998);
//! - a range of days ("July 20-21", "April 24 and 25") gives one expression per end,
//!   so both days reach the timeline;
//! - a four-digit 24-hour clock ("2030 GMT", "(2100)" after a fixture) is a TIME,
//!   never a year; years before 1000 have four digits ("0505");
//! - ISO weeks are zero-padded ("2022-W05"), decades are three digits ("199"),
//!   centuries two ("19"); "the past decade" is the duration P10Y; "a later date"
//!   is FUTURE_REF.

mod cal;
mod cues;
mod lex;
mod rules;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
}

/// Tag time expressions; values normalized against the document creation time (DCT) when given.
/// Without a DCT, relative values that need it use X placeholders (e.g. "July 29" -> "XXXX-07-29").
pub fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    let toks = lex::tokenize(text);
    let mut cx = rules::Cx { text, toks: &toks, dct, quarter: None, ref_year: None, anchor: None };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match cx.match_at(i) {
            // A hit never reaches back before `i`, so the output stays non-overlapping.
            Some(h) if h.first >= i && h.last > h.first && h.last <= toks.len() => {
                if let Some(q) = h.quarter {
                    cx.quarter = Some(q);
                }
                let parts = match h.range {
                    Some(r) if h.first < r.near_end && r.near_end <= r.first && r.first < h.last => {
                        [Some((h.first, r.near_end, h.value)), Some((r.first, h.last, r.value))]
                    }
                    _ => [Some((h.first, h.last, h.value)), None],
                };
                for (first, last, value) in parts.into_iter().flatten() {
                    note_reference(&mut cx, h.kind, &value, last);
                    out.push(Timex {
                        start: toks[first].start,
                        end: toks[last - 1].end,
                        kind: h.kind,
                        value,
                    });
                }
                i = h.last;
            }
            _ => i += 1,
        }
    }
    out
}

/// A date just tagged becomes what later anaphoric expressions ("that year", "two
/// years later", "the next day") refer to.
fn note_reference(cx: &mut rules::Cx<'_>, kind: TimexType, value: &str, end: usize) {
    if !matches!(kind, TimexType::Date | TimexType::Time) {
        return;
    }
    // Times of day are mostly the DCT's ("overnight", "this morning", "10 a.m."):
    // only dates are what a story's "the previous Friday" counts from.
    if kind == TimexType::Date
        && let Some(point) = calendar_point(value)
    {
        cx.anchor = Some(rules::Anchor { point, end });
    }
    if kind == TimexType::Date
        && let Some(y) = value.get(..4).and_then(|y| y.parse().ok())
    {
        cx.ref_year = Some(y);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Granularity {
    Year,
    Quarter,
    Month,
    Week,
    Day,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct CalendarPoint {
    #[serde(with = "crate::corpus::day_number")]
    pub date: NaiveDate,
    pub granularity: Granularity,
}

/// The calendar period a TIMEX3 value names, as its first day and granularity.
///
/// "2022-07-29" and "2022-07-29T10:30" -> Day, "2022-07" -> Month, "2022" -> Year,
/// "2022-Q3" -> Quarter, "2022-W30" -> Week (its Monday), "2022-H2" -> Quarter (the
/// half's first quarter), seasons ("2022-SU") -> Quarter starting at the season's first
/// month (SP March, SU June, FA September, WI December). Reference words (PRESENT_REF),
/// durations (P3M), values with X placeholders, decades and centuries -> None.
pub fn calendar_point(value: &str) -> Option<CalendarPoint> {
    let v = value.split('T').next().unwrap_or(value);
    let b = v.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year: i32 = v.get(..4)?.parse().ok()?;
    let rest = v.get(4..)?;
    let point = |m: u32, d: u32, g| {
        NaiveDate::from_ymd_opt(year, m, d).map(|date| CalendarPoint { date, granularity: g })
    };
    if rest.is_empty() {
        return point(1, 1, Granularity::Year);
    }
    let rest = rest.strip_prefix('-')?;
    if let Some(q) = rest.strip_prefix('Q') {
        let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        return point(q * 3 - 2, 1, Granularity::Quarter);
    }
    if let Some(h) = rest.strip_prefix('H') {
        let h: u32 = h.parse().ok().filter(|h| (1..=2).contains(h))?;
        return point(h * 6 - 5, 1, Granularity::Quarter);
    }
    if let Some(w) = rest.strip_prefix('W') {
        let w: u32 = w.get(..2).unwrap_or(w).parse().ok()?;
        let date = NaiveDate::from_isoywd_opt(year, w, chrono::Weekday::Mon)?;
        return Some(CalendarPoint { date, granularity: Granularity::Week });
    }
    let season = match rest {
        "SP" => Some(3),
        "SU" => Some(6),
        "FA" => Some(9),
        "WI" => Some(12),
        _ => None,
    };
    if let Some(m) = season {
        return point(m, 1, Granularity::Quarter);
    }
    let mut parts = rest.splitn(2, '-');
    let m: u32 = parts.next()?.parse().ok()?;
    match parts.next() {
        None => point(m, 1, Granularity::Month),
        Some(d) => point(m, d.get(..2)?.parse().ok()?, Granularity::Day),
    }
}

/// "XXXX-07-29" style values completed with a year: helper the corpus-level date inference will call.
pub fn with_year(value: &str, year: i32) -> Option<String> {
    let rest = value.strip_prefix("XXXX")?;
    if !(0..=9999).contains(&year) {
        return None;
    }
    let out = format!("{year:04}{rest}");
    // Only values that name a real calendar period once the year is known.
    let cp = calendar_point(&out)?;
    (cp.date.year() == year).then_some(out)
}

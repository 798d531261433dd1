//! Events: the sentences of a story that report something happening, each anchored in time
//! and saying how it got its anchor.
//!
//! - `explicit`: a time expression in the sentence dates it ("on July 29").
//! - `narrative`: it goes on from the date just told ("In 1986 he was elected. Then he ...").
//! - `reported`: news told in the past tense, or reported speech, with no time of its own:
//!   it happened about when the story was written, the article's date.
//! - `future`: about what is to come, with no date: kept out of the dated timeline.
//!
//! The main event of a sentence is its first verb that decides the anchor (the trigger); a
//! small lexicon of reporting verbs, future cues and irregular pasts (`assets/events/cues.txt`)
//! is enough for news prose.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;

use super::chars::char_at;
use super::time::{self, CalendarPoint, Granularity, Timex, TimexType};
use super::word_list::WordList;

const CUES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/events/cues.txt"));

/// How an event got its place in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    Explicit,
    Narrative,
    Reported,
    Future,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Explicit => "explicit",
            Anchor::Narrative => "narrative",
            Anchor::Reported => "reported",
            Anchor::Future => "future",
        }
    }
}

/// One event: where it is in time (none for the future), its sentence, the time expression
/// that dates it if any, and its trigger word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub point: Option<CalendarPoint>,
    pub sentence: Range<usize>,
    /// Index of the dating expression in the analysis's time expressions.
    pub timex: Option<usize>,
    pub anchor: Anchor,
    pub trigger: Range<usize>,
}

/// What a cue word says; a word may say several things ("had": past and perfect).
const REPORTING: u8 = 1;
const FUTURE: u8 = 2;
/// A future cue only when "to" follows ("plans to").
const FUTURE_BEFORE_TO: u8 = 4;
const PAST: u8 = 8;
const PERFECT: u8 = 16;
const NARRATIVE: u8 = 32;
/// Every cue word, lower case, with what it says: one lookup a word, by its bytes.
static LEXICON: LazyLock<WordList<u8>> = LazyLock::new(|| {
    let mut words: rustc_hash::FxHashMap<&'static [u8], u8> = rustc_hash::FxHashMap::default();
    let mut flag = 0;
    for line in CUES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            flag = match name {
                "reporting" => REPORTING,
                "future" => FUTURE,
                "future-after" => FUTURE_BEFORE_TO,
                "past" => PAST,
                "perfect" => PERFECT,
                "narrative" => NARRATIVE,
                _ => 0,
            };
        } else {
            for w in line.split_whitespace() {
                *words.entry(w.as_bytes()).or_default() |= flag;
            }
        }
    }
    WordList::new(words)
});

/// The cue flags of a word, whatever its case (every cue is ASCII: a word with another
/// character matches none).
fn cue(word: &str) -> u8 {
    LEXICON.get(word.as_bytes()).unwrap_or(0)
}

/// What the words of a sentence say about its time: the first word that decides, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tense {
    Reported(Range<usize>),
    Future(Range<usize>),
    Past(Range<usize>),
    None,
}

/// The words of `text` in `range` (runs of letters, digits and apostrophes), with their byte
/// ranges; the characters between words may be several bytes long ("—", "“").
fn words(text: &str, range: Range<usize>) -> impl Iterator<Item = (&str, Range<usize>)> {
    let Range { start: mut at, end } = range;
    std::iter::from_fn(move || {
        let mut word_start = None;
        while at < end {
            let (in_word, len) = class_at(text, at)?;
            match word_start {
                None if in_word => word_start = Some(at),
                Some(start) if !in_word => {
                    let word = start..at;
                    at += len;
                    return Some((text.get(word.clone())?, word));
                }
                _ => {}
            }
            at += len;
        }
        let word = word_start?..end;
        Some((text.get(word.clone())?, word))
    })
}

/// Whether the character at byte `at` belongs in a word, and its length.
fn class_at(text: &str, at: usize) -> Option<(bool, usize)> {
    let c = char_at(text, at)?;
    Some((c.is_alphanumeric() || c == '\'', c.len_utf8()))
}

fn ends_like_a_participle(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() > 2 && (b.ends_with(b"ed") || b.ends_with(b"en") || b.ends_with(b"ED") || b.ends_with(b"EN"))
}

fn tense(text: &str, sentence: Range<usize>) -> Tense {
    let (mut future, mut past) = (None, None);
    let mut list = words(text, sentence).peekable();
    let mut first = true;
    while let Some((word, span)) = list.next() {
        let flags = cue(word);
        if flags & REPORTING != 0 {
            return Tense::Reported(span);
        }
        let next = list.peek().map(|(w, _)| *w);
        let to_follows = next.is_some_and(|n| n.eq_ignore_ascii_case("to"));
        if future.is_none() && flags & FUTURE != 0 && (flags & FUTURE_BEFORE_TO == 0 || to_follows) {
            future = Some(span.clone());
        }
        if past.is_none() {
            let capital = !first && word.starts_with(|c: char| c.is_uppercase());
            let regular = word.len() > 4 && !capital && (word.ends_with("ed") || word.ends_with("ED"));
            let perfect =
                flags & PERFECT != 0 && next.is_some_and(|n| ends_like_a_participle(n) || cue(n) & PAST != 0);
            if flags & PAST != 0 || regular || perfect {
                past = Some(span);
            }
        }
        first = false;
    }
    match (future, past) {
        (Some(f), _) => Tense::Future(f),
        (None, Some(p)) => Tense::Past(p),
        (None, None) => Tense::None,
    }
}

fn starts_narrative(text: &str, sentence: Range<usize>) -> bool {
    words(text, sentence).next().is_some_and(|(w, _)| cue(w) & NARRATIVE != 0)
}

/// The events of a text, sentence by sentence. `dct` is the article's date: reported events
/// are placed at it (without one, they are not placed).
pub fn events(text: &str, dct: Option<NaiveDate>, timexes: &[Timex]) -> Vec<Event> {
    let sentences = super::sentences::split(text);
    let mut out = Vec::new();
    let mut t = 0;
    // The explicit date of the sentence before, for a narrative that goes on from it.
    let mut last_dated: Option<(CalendarPoint, usize)> = None;
    for sentence in sentences {
        while t < timexes.len() && timexes[t].start < sentence.start {
            t += 1;
        }
        let mut dated = Vec::new();
        let mut k = t;
        while k < timexes.len() && timexes[k].start < sentence.end {
            let x = &timexes[k];
            if matches!(x.kind, TimexType::Date | TimexType::Time)
                && let Some(point) = time::calendar_point(&x.value)
            {
                dated.push((k, point));
            }
            k += 1;
        }
        let tense = tense(text, sentence.clone());
        let trigger = |fallback: Range<usize>| match &tense {
            Tense::Reported(s) | Tense::Future(s) | Tense::Past(s) => s.clone(),
            Tense::None => fallback,
        };
        if !dated.is_empty() {
            for &(k, point) in &dated {
                let when = timexes[k].start..timexes[k].end;
                out.push(Event {
                    point: Some(point),
                    sentence: sentence.clone(),
                    timex: Some(k),
                    anchor: Anchor::Explicit,
                    trigger: trigger(when),
                });
            }
            last_dated = dated.last().map(|&(k, point)| (point, k));
            continue;
        }
        let previous = last_dated.take();
        match tense {
            Tense::None => {}
            Tense::Future(span) => {
                out.push(Event { point: None, sentence, timex: None, anchor: Anchor::Future, trigger: span })
            }
            Tense::Past(span) if starts_narrative(text, sentence.clone()) && previous.is_some() => {
                if let Some((point, k)) = previous {
                    out.push(Event {
                        point: Some(point),
                        sentence,
                        timex: Some(k),
                        anchor: Anchor::Narrative,
                        trigger: span,
                    });
                    last_dated = previous;
                }
            }
            Tense::Reported(span) | Tense::Past(span) => {
                if let Some(date) = dct {
                    let point = CalendarPoint { date, granularity: Granularity::Day };
                    out.push(Event {
                        point: Some(point),
                        sentence,
                        timex: None,
                        anchor: Anchor::Reported,
                        trigger: span,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors(text: &str, dct: &str) -> Vec<(String, Option<String>, &'static str)> {
        let dct = NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
        let timexes = time::tag(text, dct);
        events(text, dct, &timexes)
            .into_iter()
            .map(|e| {
                (text[e.trigger.clone()].to_string(), e.point.map(|p| p.date.to_string()), e.anchor.as_str())
            })
            .collect()
    }

    #[test]
    fn every_kind_of_anchor() {
        let text = "Boeing said on Monday that it lost the contract. The airline fired its chief. \
                    The plane will fly next year. In 1986, he was elected. Then he launched a firm. \
                    A quiet morning.";
        let got = anchors(text, "2008-03-05");
        assert_eq!(got[0], ("said".into(), Some("2008-03-03".into()), "explicit"));
        assert_eq!(got[1], ("fired".into(), Some("2008-03-05".into()), "reported"));
        assert_eq!(got[2].2, "explicit", "next year is a date: {got:?}");
        assert_eq!(got[3], ("was".into(), Some("1986-01-01".into()), "explicit"));
        assert_eq!(got[4], ("launched".into(), Some("1986-01-01".into()), "narrative"));
        assert_eq!(got.len(), 5, "a sentence without a verb reports nothing: {got:?}");
    }

    #[test]
    fn reported_speech_wins_over_a_future_and_plans_are_the_future() {
        let got = anchors("The company says it will cut jobs. It plans to open a plant.", "2008-03-05");
        assert_eq!(got[0], ("says".into(), Some("2008-03-05".into()), "reported"));
        assert_eq!(got[1], ("plans".into(), None, "future"));
    }

    #[test]
    fn a_trigger_after_a_dash_or_curly_quotes_is_where_the_word_is() {
        let got = anchors("Boeing — the “plane maker” — said it lost the deal.", "2008-03-05");
        assert_eq!(got[0], ("said".into(), Some("2008-03-05".into()), "reported"));
    }

    proptest::proptest! {
        /// Read a byte at a time, a sentence's words are the runs of letters, digits and
        /// apostrophes that splitting it by characters gives, multi-byte characters included.
        #[test]
        fn words_are_what_splitting_by_characters_gives(
            pieces in proptest::collection::vec(r#"(said|Tōkyō|O'Neil|1986|—|“|”|é|ß|\.|'| |\n|x)"#, 0..40),
            cut in 0usize..4,
        ) {
            let text = pieces.concat();
            // Any stretch that starts and ends on characters, as a sentence does.
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let range = starts[cut.min(starts.len() - 1)]..text.len();
            let split: Vec<&str> = text[range.clone()]
                .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .filter(|w| !w.is_empty())
                .collect();
            let read: Vec<&str> = words(&text, range).map(|(w, span)| {
                assert_eq!(&text[span], w);
                w
            }).collect();
            proptest::prop_assert_eq!(read, split);
        }
    }

    #[test]
    fn without_a_date_reported_events_are_not_placed() {
        assert!(anchors("The airline fired its chief.", "none").is_empty());
    }
}

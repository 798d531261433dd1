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

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;

use super::time::{self, CalendarPoint, Granularity, Timex, TimexType};

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

struct Cues {
    reporting: HashSet<&'static str>,
    future: HashSet<&'static str>,
    future_before_to: HashSet<&'static str>,
    past: HashSet<&'static str>,
    perfect: HashSet<&'static str>,
    narrative: HashSet<&'static str>,
}

static LEXICON: LazyLock<Cues> = LazyLock::new(|| {
    let mut sections: std::collections::HashMap<&str, HashSet<&'static str>> = Default::default();
    let mut current = "";
    for line in CUES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name;
        } else {
            sections.entry(current).or_default().extend(line.split_whitespace());
        }
    }
    let mut take = |name: &str| sections.remove(name).unwrap_or_default();
    Cues {
        reporting: take("reporting"),
        future: take("future"),
        future_before_to: take("future-after"),
        past: take("past"),
        perfect: take("perfect"),
        narrative: take("narrative"),
    }
});

/// What the words of a sentence say about its time: the first word that decides, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tense {
    Reported(Range<usize>),
    Future(Range<usize>),
    Past(Range<usize>),
    None,
}

/// The words of `text` in `range`, with their byte ranges.
fn words(text: &str, range: Range<usize>) -> impl Iterator<Item = (&str, Range<usize>)> {
    let base = range.start;
    text[range]
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .scan(base, move |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((w, start..start + w.len()))
        })
        .filter(|(w, _)| !w.is_empty())
}

fn tense(text: &str, sentence: Range<usize>) -> Tense {
    let cues = &*LEXICON;
    let list: Vec<(&str, Range<usize>)> = words(text, sentence).collect();
    let (mut future, mut past) = (None, None);
    for (i, (word, span)) in list.iter().enumerate() {
        let lower = word.to_lowercase();
        let next = list.get(i + 1).map(|(w, _)| w.to_lowercase());
        if cues.reporting.contains(lower.as_str()) {
            return Tense::Reported(span.clone());
        }
        let is_future = cues.future.contains(lower.as_str())
            && (!cues.future_before_to.contains(lower.as_str()) || next.as_deref() == Some("to"));
        if is_future && future.is_none() {
            future = Some(span.clone());
        }
        let capital = word.chars().next().is_some_and(char::is_uppercase) && i > 0;
        let regular = lower.len() > 4 && lower.ends_with("ed") && !capital;
        let perfect = cues.perfect.contains(lower.as_str())
            && next
                .as_deref()
                .is_some_and(|n| n.ends_with("ed") || n.ends_with("en") || cues.past.contains(n));
        if past.is_none() && (cues.past.contains(lower.as_str()) || regular || perfect) {
            past = Some(span.clone());
        }
    }
    match (future, past) {
        (Some(f), _) => Tense::Future(f),
        (None, Some(p)) => Tense::Past(p),
        (None, None) => Tense::None,
    }
}

fn starts_narrative(text: &str, sentence: Range<usize>) -> bool {
    words(text, sentence).next().is_some_and(|(w, _)| LEXICON.narrative.contains(w.to_lowercase().as_str()))
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
    fn without_a_date_reported_events_are_not_placed() {
        assert!(anchors("The airline fired its chief.", "none").is_empty());
    }
}

//! The corpus timeline: every dated sentence of every article, in calendar order.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use chrono::NaiveDate;

pub use super::shown::{Rows, Shown};
use crate::analysis::{CalendarPoint, DatedSentence, Granularity, Summary};
use crate::corpus::Places;

/// An event as the timeline orders it: its date, and where to find the rest. A corpus has ten
/// million of these, so an entry is 16 bytes: what the sentence dates it with and where the
/// sentence ends are read from its [`DatedSentence`] when shown, and its place among its
/// article's events is 16 bits (see [`EVENTS_PER_ARTICLE`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    pub date: NaiveDate,
    pub article: u32,
    /// Where its sentence starts in the article text (with the article, what a selection, a
    /// note or a way back remembers an event by).
    pub start: u32,
    /// Which of the article's [`Summary::events`] this is.
    pub event: u16,
    pub granularity: Granularity,
    pub anchor: crate::analysis::Anchor,
}

impl TimelineEvent {
    /// The entry of article `article`'s `event`th dated sentence.
    pub fn of(article: u32, event: u16, dated: &DatedSentence) -> TimelineEvent {
        TimelineEvent {
            date: dated.date,
            article,
            start: dated.sentence.start,
            event,
            granularity: dated.granularity,
            anchor: dated.anchor,
        }
    }

    /// What the event is remembered by (a selection, a way back, a fetched sentence): its
    /// article and where its sentence starts.
    pub fn key(&self) -> (u32, u32) {
        (self.article, self.start)
    }

    pub fn point(&self) -> CalendarPoint {
        CalendarPoint { date: self.date, granularity: self.granularity }
    }

    /// What its article's summary keeps of it (the sentence's end, the date's expression, the
    /// trigger, the names); `None` if `summary` is not its article's.
    pub fn dated<'a>(&self, summary: &'a Summary) -> Option<&'a DatedSentence> {
        summary.events.get(self.event as usize).filter(|d| d.sentence.start == self.start)
    }

    /// The date as precise as it is known: 2022, 2022-Q3, 2022-07, 2022-W30, 2022-07-29.
    pub fn date_label(&self) -> String {
        let d = self.date;
        match self.granularity {
            Granularity::Year => d.format("%Y").to_string(),
            Granularity::Quarter => format!("{}-Q{}", d.format("%Y"), chrono::Datelike::month0(&d) / 3 + 1),
            Granularity::Month => d.format("%Y-%m").to_string(),
            Granularity::Week => d.format("%G-W%V").to_string(),
            Granularity::Day => d.format("%Y-%m-%d").to_string(),
        }
    }

    pub fn granularity_name(&self) -> &'static str {
        match self.granularity {
            Granularity::Year => "year",
            Granularity::Quarter => "quarter",
            Granularity::Month => "month",
            Granularity::Week => "week",
            Granularity::Day => "day",
        }
    }
}

/// Where an event stands in the timeline's order (see [`build`]): by date, precision, its
/// article's place in the folder's order, and sentence, as one number.
fn order(date: NaiveDate, granularity: Granularity, place: u32, start: u32) -> u128 {
    use chrono::Datelike;
    // Days since the common era, shifted so that their order is the order of unsigned numbers.
    let day = (date.num_days_from_ce() as u32) ^ (1 << 31);
    (u128::from(day) << 96)
        | (u128::from(granularity as u8) << 64)
        | (u128::from(place) << 32)
        | u128::from(start)
}

impl TimelineEvent {
    fn order(&self, places: &Places) -> u128 {
        order(self.date, self.granularity, places.of(self.article), self.start)
    }
}

/// Where the events of `articles` are among `events`, the timeline [`build`] gave from
/// `summaries` and `places`: in order. Each is found by where it stands in the timeline's order, the
/// articles' events sorted first, so that each search starts where the one before ended and
/// looks only as far ahead as it must. (A list of each article's positions took 45 MB at a
/// million articles.)
pub fn positions_of(
    events: &[TimelineEvent],
    summaries: &[Arc<Summary>],
    places: &Places,
    articles: &[u32],
) -> Vec<u32> {
    let mut wanted: Vec<u128> = articles
        .iter()
        .filter_map(|&a| summaries.get(a as usize).map(|s| (places.of(a), s)))
        .flat_map(|(p, s)| placed(s).map(move |(_, e)| order(e.date, e.granularity, p, e.sentence.start)))
        .collect();
    radsort::sort(&mut wanted);
    let mut positions = Vec::with_capacity(wanted.len());
    let mut from = 0;
    for key in wanted {
        let rest = events.get(from..).unwrap_or_default();
        let mut ahead = 1;
        while ahead < rest.len() && rest[ahead - 1].order(places) < key {
            ahead = (ahead * 2).min(rest.len());
        }
        let window = rest.get(..ahead).unwrap_or(rest);
        // A repeat (one sentence dated twice alike) is not found again: the search is past it.
        match window.binary_search_by_key(&key, |e| e.order(places)) {
            Ok(i) => {
                positions.push((from + i) as u32);
                from += i + 1;
            }
            Err(i) => from += i,
        }
    }
    positions
}

/// The events of an article the timeline holds: the first 65,536 (a 16-bit place). Only a huge
/// file has more dated sentences; the reader still shows all of them.
pub const EVENTS_PER_ARTICLE: usize = u16::MAX as usize + 1;

/// The dated sentences of an article the timeline holds, with their places.
fn placed(summary: &Summary) -> impl Iterator<Item = (u16, &DatedSentence)> {
    (0..=u16::MAX).zip(summary.events.iter())
}

/// How many events an article gives the timeline (as [`placed`] gives them).
pub fn placed_count(summary: &Summary) -> usize {
    summary.events.len().min(EVENTS_PER_ARTICLE)
}

/// Every event of every article (`summaries[id]` is article `id`'s), in chronological order;
/// coarser dates come before the days they contain, and events of one date come by their
/// article's place in the folder's order, then in the order of their sentences. Repeats (one
/// sentence dated twice with the same date) are kept once.
pub fn build(summaries: &[Arc<Summary>], places: &Places) -> Vec<TimelineEvent> {
    // Ten million events at a million articles, and a few thousand dates: each event's place
    // is known once the events of each date are counted, so the events are written straight
    // into place instead of being sorted (a sort took a sixth of a reopen's work). Articles
    // are visited in the folder's order, and each article's events are in the order of its
    // sentences (the analysis finds them sentence by sentence), so within a date the order is
    // by place and sentence, as a sort on (date, precision, place, sentence) gives.
    let key = |e: &DatedSentence| (e.date, e.granularity);
    let counts = summaries
        .par_iter()
        .fold(FxHashMap::default, |mut counts: FxHashMap<_, usize>, s| {
            for (_, e) in placed(s) {
                *counts.entry(key(e)).or_default() += 1;
            }
            counts
        })
        .reduce(FxHashMap::default, |mut all, part| {
            for (k, n) in part {
                *all.entry(k).or_default() += n;
            }
            all
        });
    let mut dates: Vec<((NaiveDate, Granularity), usize)> = counts.into_iter().collect();
    dates.sort_unstable_by_key(|&(k, _)| k);
    let mut next: FxHashMap<(NaiveDate, Granularity), usize> = FxHashMap::default();
    let mut total = 0;
    for (k, n) in dates {
        next.insert(k, total);
        total += n;
    }
    let unset = TimelineEvent {
        date: NaiveDate::MIN,
        article: u32::MAX,
        start: 0,
        event: 0,
        granularity: Granularity::Year,
        anchor: crate::analysis::Anchor::Explicit,
    };
    let mut events = vec![unset; total];
    for id in (0..summaries.len() as u32).map(|place| places.id_at(place)) {
        let Some(s) = summaries.get(id as usize) else { continue };
        for (i, e) in placed(s) {
            let Some(slot) = next.get_mut(&key(e)) else { continue };
            if let Some(place) = events.get_mut(*slot) {
                *place = TimelineEvent::of(id, i, e);
            }
            *slot += 1;
        }
    }
    // A sentence's events are next to each other, so its repeats of one date are too.
    events.dedup_by(|a, b| repeats(a, b));
    events
}

/// Whether two events are one sentence dated twice with the same date: an article's sentences
/// do not overlap, so one start is one sentence.
fn repeats(a: &TimelineEvent, b: &TimelineEvent) -> bool {
    a.article == b.article && a.start == b.start && a.point() == b.point()
}

/// The timeline of `summaries` from `events`, the timeline of `before`: what [`build`] gives,
/// without placing again the events of the articles whose events are the ones they had (an
/// update leaves most articles' summaries, and so their events, where they were). A folder
/// followed at a million articles was left without its timeline for the second a build takes,
/// after each change; this takes a tenth of that, in place when `events` is not shared.
pub fn update(
    events: Arc<Vec<TimelineEvent>>,
    before: &[Arc<Summary>],
    summaries: &[Arc<Summary>],
    places: &Places,
) -> Vec<TimelineEvent> {
    let kept: Vec<bool> = summaries
        .iter()
        .enumerate()
        .map(|(id, s)| before.get(id).is_some_and(|b| Arc::ptr_eq(&b.events, &s.events)))
        .collect();
    let order = |e: &TimelineEvent| (e.date, e.granularity, places.of(e.article), e.event);
    let mut fresh: Vec<TimelineEvent> = summaries
        .iter()
        .enumerate()
        .filter(|&(id, _)| !kept[id])
        .flat_map(|(id, s)| placed(s).map(move |(i, e)| TimelineEvent::of(id as u32, i, e)))
        .collect();
    fresh.sort_unstable_by_key(order);
    fresh.dedup_by(|a, b| repeats(a, b));
    let mut events = Arc::try_unwrap(events).unwrap_or_else(|shared| shared.to_vec());
    events.retain(|e| kept.get(e.article as usize).copied().unwrap_or(false));
    // The kept articles keep their order in the folder, unless a file's articles were
    // reordered: then their events are sorted again.
    if !events.is_sorted_by_key(order) {
        events.sort_by_key(order);
    }
    // Merged from the back into the room made at the end, so that nothing is moved twice and
    // no second timeline is held.
    let (mut old, mut new) = (events.len(), fresh.len());
    let Some(filler) = fresh.first().cloned() else { return events };
    events.resize(old + new, filler);
    let mut slot = events.len();
    while new > 0 {
        slot -= 1;
        if old > 0 && order(&events[old - 1]) > order(&fresh[new - 1]) {
            events[slot] = events[old - 1].clone();
            old -= 1;
        } else {
            events[slot] = fresh[new - 1].clone();
            new -= 1;
        }
    }
    events
}

/// How finely the timeline's histogram divides time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    #[default]
    Years,
    Months,
    Days,
}

impl Zoom {
    pub fn finer(self) -> Zoom {
        match self {
            Zoom::Years => Zoom::Months,
            Zoom::Months | Zoom::Days => Zoom::Days,
        }
    }

    pub fn coarser(self) -> Zoom {
        match self {
            Zoom::Days => Zoom::Months,
            Zoom::Months | Zoom::Years => Zoom::Years,
        }
    }
}

/// A histogram of events: a count per bucket, what the first and last buckets are, and how
/// many events fall before and after the span shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Histogram {
    pub counts: Vec<u64>,
    pub first: String,
    pub last: String,
    pub earlier: usize,
    pub later: usize,
    /// What a bucket is: "year", "month", "day".
    pub unit: &'static str,
}

/// Events counted per bucket: per year over the years holding most of them, per month of the
/// year around `focus`, or per day of its month.
pub fn histogram(events: &Shown, zoom: Zoom, focus: chrono::NaiveDate) -> Histogram {
    use chrono::{Datelike, NaiveDate};
    let mut h = Histogram::default();
    let (start, end, unit) = match zoom {
        Zoom::Years => {
            let Some((first, last)) = events.dense_years() else { return h };
            let first = first.max(last - 199);
            (NaiveDate::from_ymd_opt(first, 1, 1), NaiveDate::from_ymd_opt(last, 12, 31), "year")
        }
        Zoom::Months => (
            NaiveDate::from_ymd_opt(focus.year(), 1, 1),
            NaiveDate::from_ymd_opt(focus.year(), 12, 31),
            "month",
        ),
        Zoom::Days => {
            let first = focus.with_day(1);
            (first, first.map(|f| f + chrono::Days::new(u64::from(days_in_month(focus)) - 1)), "day")
        }
    };
    let (Some(start), Some(end)) = (start, end) else { return h };
    // Where each bucket starts; the day after the last one ends the span.
    let bucket_start = |b: u32| -> Option<NaiveDate> {
        match zoom {
            Zoom::Years => NaiveDate::from_ymd_opt(start.year() + b as i32, 1, 1),
            Zoom::Months => start.checked_add_months(chrono::Months::new(b)),
            Zoom::Days => start.checked_add_days(chrono::Days::new(u64::from(b))),
        }
    };
    let buckets = match zoom {
        Zoom::Years => (end.year() - start.year() + 1) as u32,
        Zoom::Months => 12,
        Zoom::Days => end.day(),
    };
    let shown = events.rows.len();
    let position = |d: Option<NaiveDate>| d.map_or(shown, |d| events.before(d));
    let edges: Vec<usize> =
        (0..buckets).map(|b| position(bucket_start(b))).chain([position(end.succ_opt())]).collect();
    h.counts = edges.windows(2).map(|w| (w[1] - w[0]) as u64).collect();
    h.earlier = edges[0];
    h.later = shown - edges[edges.len() - 1];
    let label = |d: NaiveDate| match zoom {
        Zoom::Years => d.format("%Y").to_string(),
        Zoom::Months => d.format("%b %Y").to_string(),
        Zoom::Days => d.format("%b %-d").to_string(),
    };
    h.first = label(start);
    h.last = label(end);
    h.unit = unit;
    h
}

fn days_in_month(d: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    let first = d.with_day(1).unwrap_or(d);
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
    (next - first).num_days().clamp(28, 31) as u32
}

#[cfg(test)]
mod tests;

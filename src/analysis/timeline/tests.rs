//! Tests of the timeline, compiled only under #[cfg(test)].

use super::*;
use chrono::NaiveDate;

/// Every event shown, for the histogram.
fn histogram_of(events: &[TimelineEvent], zoom: Zoom, focus: NaiveDate) -> Histogram {
    histogram(&Shown { events, rows: &Rows::Every(events.len() as u32) }, zoom, focus)
}

fn event(y: i32, m: u32, d: u32) -> TimelineEvent {
    let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
    TimelineEvent {
        date,
        article: 0,
        start: 0,
        event: 0,
        granularity: Granularity::Day,
        anchor: crate::analysis::Anchor::Explicit,
    }
}

/// A summary with an event for each (day, coarse, sentence): on day `day` of 2022 (its
/// month, if coarse), in the sentence starting at `sentence`.
fn summary_of(dated: &[(u8, bool, u8)]) -> Arc<Summary> {
    use crate::analysis::{Analysis, Anchor, events::Event};
    let mut dated = dated.to_vec();
    dated.sort_by_key(|&(_, _, sentence)| sentence);
    let events = dated
        .iter()
        .map(|&(day, coarse, sentence)| {
            let date = NaiveDate::from_yo_opt(2022, u32::from(day % 8) + 1).unwrap();
            let granularity = if coarse { Granularity::Month } else { Granularity::Day };
            let at = usize::from(sentence) * 10;
            Event {
                point: Some(CalendarPoint { date, granularity }),
                sentence: at..at + 5,
                timex: None,
                anchor: Anchor::Explicit,
                trigger: at..at + 1,
            }
        })
        .collect();
    Arc::new(Summary::of(&Analysis { events, ..Analysis::default() }))
}

proptest::proptest! {
    /// Whatever articles keep their events, change them, go (the last moving into their
    /// places) or come, and wherever they stand in the folder's order before and after, the
    /// timeline brought up to date is the one built afresh.
    #[test]
    fn a_timeline_brought_up_to_date_is_the_one_built_afresh(
        old in proptest::collection::vec(proptest::collection::vec((0u8..12, proptest::bool::ANY, 0u8..6), 0..5), 0..12),
        fate in proptest::collection::vec(0u8..4, 12),
        added in proptest::collection::vec(proptest::collection::vec((0u8..12, proptest::bool::ANY, 0u8..6), 0..5), 0..4),
        shared in proptest::bool::ANY,
        order_before in proptest::collection::vec(0u8..4, 12),
        order_now in proptest::collection::vec(0u8..4, 16),
    ) {
        let before: Vec<Arc<Summary>> = old.iter().map(|d| summary_of(d)).collect();
        let mut now = Vec::new();
        for (id, summary) in before.iter().enumerate() {
            match fate[id] {
                // Kept, or kept with other names (a copy that shares its events).
                0 => now.push(Arc::clone(summary)),
                1 => now.push(Arc::new(Summary::clone(summary))),
                2 => now.push(summary_of(&old[(id + 1) % old.len()])),
                _ => {}
            }
        }
        // What went leaves a hole the last article moves into, as an update does.
        if now.len() > 1 && fate[0] == 3 {
            let last = now.pop().unwrap();
            now.insert(0, last);
        }
        now.extend(added.iter().map(|d| summary_of(d)));
        let places_before = Places::ordered_by(&order_before[..before.len()]);
        let places_now = Places::ordered_by(&order_now[..now.len()]);
        let events = Arc::new(build(&before, &places_before));
        // A timeline the interface still holds is copied, not changed in place.
        let held = shared.then(|| Arc::clone(&events));
        proptest::prop_assert_eq!(update(events, &before, &now, &places_now), build(&now, &places_now));
        if let Some(held) = held {
            proptest::prop_assert_eq!(&*held, &build(&before, &places_before));
        }
    }
}

/// An article with more dated sentences than a 16-bit place reaches gives the timeline
/// its first 65,536, each found in its summary, and no slot is left unfilled.
#[test]
fn an_article_past_a_16_bit_place_gives_its_first_65536_events() {
    use crate::analysis::{Analysis, Anchor, events::Event};
    let day = NaiveDate::from_ymd_opt(2022, 7, 29).unwrap();
    let point = CalendarPoint { date: day, granularity: Granularity::Day };
    let events = (0..70_000)
        .map(|i| Event {
            point: Some(point),
            sentence: i..i + 1,
            timex: None,
            anchor: Anchor::Explicit,
            trigger: i..i + 1,
        })
        .collect();
    let summary = Arc::new(Summary::of(&Analysis { events, ..Analysis::default() }));
    assert_eq!(summary.events.len(), 70_000);
    let placed = build(std::slice::from_ref(&summary), &Places::default());
    assert_eq!(placed.len(), EVENTS_PER_ARTICLE);
    assert!(placed.iter().all(|e| e.dated(&summary).is_some()));
    assert_eq!(placed.last().map(|e| e.start), Some(65_535));
}

/// Ten million events at a million articles: each entry is 16 bytes, not the 20 it was
/// with a 32-bit place among its article's events, nor the 28 when it copied its
/// sentence's range.
#[test]
fn an_event_is_16_bytes() {
    assert_eq!(std::mem::size_of::<TimelineEvent>(), 16);
}

/// An event's rest is found in its article's summary, and only there: the sentence it
/// starts at must be the one the summary has at that place.
#[test]
fn an_event_finds_its_sentence_in_its_own_summary_only() {
    use crate::analysis::{Recognizer, analyze};
    let text = "Blinken met Hayashi on July 29, 2022. They had spoken on July 20, 2022.";
    let dct = NaiveDate::from_ymd_opt(2022, 7, 30);
    let summary = Summary::of(&analyze(text, dct, Recognizer::shared()));
    let mut summaries: Vec<Arc<Summary>> = (0..7).map(|_| Arc::new(Summary::default())).collect();
    summaries.push(Arc::new(summary.clone()));
    let events = build(&summaries, &Places::default());
    assert_eq!(events.len(), 2);
    let second = &events[0];
    assert_eq!((second.article, second.date), (7, NaiveDate::from_ymd_opt(2022, 7, 20).unwrap()));
    let dated = second.dated(&summary).unwrap();
    assert_eq!(&text[dated.sentence_range()], "They had spoken on July 20, 2022.");
    assert_eq!(dated.sentence.start, second.start);
    let other = Summary::of(&analyze("Nothing dated here.", dct, Recognizer::shared()));
    assert!(second.dated(&other).is_none(), "another article's summary");
    let shifted = Summary::of(&analyze(&format!("Hello. {text}"), dct, Recognizer::shared()));
    assert!(second.dated(&shifted).is_none(), "the sentence is elsewhere now");
}

/// Placing each event by its date's count gives the order a sort on (date, precision,
/// article's place, sentence) gives, repeats dropped: checked on the seeds and on made-up
/// articles that share dates, precisions and sentences, with the articles' places their ids
/// and then against them.
#[test]
fn events_are_placed_as_a_sort_would_order_them() {
    use crate::analysis::{Recognizer, analyze};
    let dct = NaiveDate::from_ymd_opt(2022, 7, 30);
    let mut texts: Vec<String> = crate::corpus::seeds::articles().into_iter().map(|a| a.text).collect();
    texts.extend([
        "On July 29, 2022 they met; on July 29, 2022 they signed. In July 2022 talks began.".to_string(),
        "In 2022 prices rose. On July 29, 2022 and on July 20, 2022 ministers spoke.".to_string(),
        "Nothing is dated here.".to_string(),
        "In July 2022 and in 2022 the yen fell. On July 29, 2022 it rose.".to_string(),
    ]);
    let summaries: Vec<Arc<Summary>> =
        texts.iter().map(|t| Arc::new(Summary::of(&analyze(t, dct, Recognizer::shared())))).collect();
    assert!(build(&[], &Places::default()).is_empty());
    let reversed = Places::ordered_by(&(0..summaries.len() as u32).rev().collect::<Vec<_>>());
    for places in [Places::default(), reversed] {
        let mut sorted: Vec<TimelineEvent> = Vec::new();
        for (id, s) in summaries.iter().enumerate() {
            for (i, e) in s.events.iter().enumerate() {
                sorted.push(TimelineEvent::of(id as u32, i as u16, e));
            }
        }
        sorted.sort_by_key(|e| (e.date, e.granularity, places.of(e.article), e.start, e.event));
        sorted.dedup_by(|a, b| a.article == b.article && a.start == b.start && a.point() == b.point());
        let placed = build(&summaries, &places);
        assert!(placed.len() > 20, "{} events", placed.len());
        assert!(placed.iter().any(|e| e.granularity == Granularity::Month), "coarser dates too");
        assert_eq!(placed, sorted);
        let order = |e: &TimelineEvent| e.order(&places);
        assert!(placed.windows(2).all(|w| order(&w[0]) < order(&w[1])), "the order is a number's");
        // Each article's events are found where they were placed, however they are asked.
        let of = |articles: &[u32]| -> Vec<u32> {
            (0..placed.len() as u32).filter(|&i| articles.contains(&placed[i as usize].article)).collect()
        };
        for articles in [vec![0], vec![6, 1], vec![8, 7, 5, 0, 3], (0..9).collect(), vec![], vec![40]] {
            let found = positions_of(&placed, &summaries, &places, &articles);
            assert_eq!(found, of(&articles), "{articles:?}");
            let given: usize =
                articles.iter().filter_map(|&a| summaries.get(a as usize)).map(|s| placed_count(s)).sum();
            assert!(given >= found.len(), "repeats aside");
        }
    }
}

#[test]
fn the_histogram_drills_from_years_to_months_to_days() {
    let events =
        [event(2021, 6, 1), event(2022, 7, 20), event(2022, 7, 29), event(2022, 7, 29), event(2025, 1, 1)];
    let focus = NaiveDate::from_ymd_opt(2022, 7, 29).unwrap();
    let years = histogram_of(&events, Zoom::Years, focus);
    assert_eq!(
        (years.first.as_str(), years.last.as_str(), years.counts),
        ("2021", "2025", vec![1, 3, 0, 0, 1])
    );
    let months = histogram_of(&events, Zoom::Months, focus);
    assert_eq!(months.counts[6], 3);
    assert_eq!((months.earlier, months.later), (1, 1));
    let days = histogram_of(&events, Zoom::Days, focus);
    assert_eq!((days.first.as_str(), days.last.as_str()), ("Jul 1", "Jul 31"));
    assert_eq!((days.counts.len(), days.counts[19], days.counts[28]), (31, 1, 2));
}

/// Issue 11: a year-5 mention does not stretch the chart over two thousand empty years.
#[test]
fn far_outliers_are_folded_into_earlier_and_later() {
    let mut events: Vec<TimelineEvent> = (0..200).map(|i| event(1997, 1 + i % 12, 1)).collect();
    events.push(event(5, 1, 1));
    events.push(event(1406, 1, 1));
    events.push(event(2400, 1, 1));
    events.sort_by_key(|e| e.date);
    let focus = NaiveDate::from_ymd_opt(1997, 3, 1).unwrap();
    let years = histogram_of(&events, Zoom::Years, focus);
    assert_eq!((years.first.as_str(), years.last.as_str()), ("1997", "1997"));
    assert_eq!((years.earlier, years.later), (2, 1));
}

#[test]
fn binary_searched_buckets_equal_a_count_of_every_event() {
    use chrono::Datelike;
    // Every 11th day over six years, leap days included, in calendar order.
    let start = NaiveDate::from_ymd_opt(2019, 12, 30).unwrap();
    let events: Vec<TimelineEvent> = (0..200u64)
        .map(|i| start + chrono::Days::new(i * 11))
        .map(|d| event(d.year(), d.month(), d.day()))
        .collect();
    let focus = NaiveDate::from_ymd_opt(2020, 2, 10).unwrap();
    for zoom in [Zoom::Years, Zoom::Months, Zoom::Days] {
        let h = histogram_of(&events, zoom, focus);
        let in_bucket = |d: NaiveDate| match zoom {
            Zoom::Years => Some((d.year() - 2020) as usize).filter(|_| d.year() >= 2020),
            Zoom::Months => Some(d.month0() as usize).filter(|_| d.year() == 2020),
            Zoom::Days => Some(d.day0() as usize).filter(|_| d.year() == 2020 && d.month() == 2),
        };
        let mut counts = vec![0u64; h.counts.len()];
        for e in &events {
            if let Some(b) = in_bucket(e.date).filter(|&b| b < counts.len()) {
                counts[b] += 1;
            }
        }
        assert_eq!(h.counts, counts, "{zoom:?}");
        assert_eq!(h.earlier + h.later + counts.iter().sum::<u64>() as usize, events.len(), "{zoom:?}");
    }
    assert_eq!(histogram_of(&events, Zoom::Days, focus).counts.len(), 29, "a leap February");
}

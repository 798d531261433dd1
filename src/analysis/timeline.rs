//! The corpus timeline: every dated sentence of every article, in calendar order.

use std::ops::Range;

use crate::analysis::{CalendarPoint, Granularity, Summary};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    pub point: CalendarPoint,
    pub article: u32,
    /// The sentence's byte range in the article text (32-bit: a corpus has many events).
    pub sentence: Range<u32>,
    /// Which of the article's [`Summary::events`] this is: the rest of what is known of it
    /// (what dates it, the names it mentions) is there, not copied into every entry.
    pub event: u32,
    pub anchor: crate::analysis::Anchor,
}

impl TimelineEvent {
    pub fn sentence_range(&self) -> Range<usize> {
        self.sentence.start as usize..self.sentence.end as usize
    }

    /// The date as precise as it is known: 2022, 2022-Q3, 2022-07, 2022-W30, 2022-07-29.
    pub fn date_label(&self) -> String {
        let d = self.point.date;
        match self.point.granularity {
            Granularity::Year => d.format("%Y").to_string(),
            Granularity::Quarter => format!("{}-Q{}", d.format("%Y"), chrono::Datelike::month0(&d) / 3 + 1),
            Granularity::Month => d.format("%Y-%m").to_string(),
            Granularity::Week => d.format("%G-W%V").to_string(),
            Granularity::Day => d.format("%Y-%m-%d").to_string(),
        }
    }

    pub fn granularity_name(&self) -> &'static str {
        match self.point.granularity {
            Granularity::Year => "year",
            Granularity::Quarter => "quarter",
            Granularity::Month => "month",
            Granularity::Week => "week",
            Granularity::Day => "day",
        }
    }
}

/// Collects the events of the given articles (`(id, analysis)` pairs) in chronological order;
/// coarser dates come before the days they contain.
pub fn build<'a>(summaries: impl IntoIterator<Item = (u32, &'a Summary)> + Clone) -> Vec<TimelineEvent> {
    // A large corpus has millions of events: the list is made at its size, and sorted in
    // place (a stable sort would take half as much again for its scratch space).
    let count = summaries.clone().into_iter().map(|(_, s)| s.events.len()).sum();
    let mut events: Vec<TimelineEvent> = Vec::with_capacity(count);
    for (id, s) in summaries {
        events.extend(s.events.iter().enumerate().map(|(i, e)| TimelineEvent {
            point: e.point,
            article: id,
            sentence: e.sentence.clone(),
            event: i as u32,
            anchor: e.anchor,
        }));
    }
    let key = |e: &TimelineEvent| (e.point.date, e.point.granularity, e.article, e.sentence.start, e.event);
    events.sort_unstable_by_key(key);
    events.dedup_by(|a, b| a.article == b.article && a.sentence == b.sentence && a.point == b.point);
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

/// The share of events left out at each end of the span of years shown: a year-5 mention or a
/// far future does not stretch the chart over two thousand empty years.
const OUTLIER_SHARE: f64 = 0.02;

/// The years that hold most events: from the first to the last after dropping the rarest
/// outliers at each end.
pub fn dense_years(dates: &[chrono::NaiveDate]) -> Option<(i32, i32)> {
    use chrono::Datelike;
    let mut years: Vec<i32> = dates.iter().map(|d| d.year()).collect();
    years.sort_unstable();
    let cut = (years.len() as f64 * OUTLIER_SHARE).floor() as usize;
    let first = *years.get(cut)?;
    let last = *years.get(years.len().checked_sub(cut + 1)?)?;
    Some((first, last.max(first)))
}

/// Events counted per bucket: per year over the years holding most of them, per month of the
/// year around `focus`, or per day of its month.
pub fn histogram<'a>(
    events: impl Iterator<Item = &'a TimelineEvent>,
    zoom: Zoom,
    focus: chrono::NaiveDate,
) -> Histogram {
    use chrono::Datelike;
    let dates: Vec<chrono::NaiveDate> = events.map(|e| e.point.date).collect();
    let mut h = Histogram::default();
    let (start, end, unit) = match zoom {
        Zoom::Years => {
            let Some((first, last)) = dense_years(&dates) else { return h };
            let first = first.max(last - 199);
            (
                chrono::NaiveDate::from_ymd_opt(first, 1, 1),
                chrono::NaiveDate::from_ymd_opt(last, 12, 31),
                "year",
            )
        }
        Zoom::Months => (
            chrono::NaiveDate::from_ymd_opt(focus.year(), 1, 1),
            chrono::NaiveDate::from_ymd_opt(focus.year(), 12, 31),
            "month",
        ),
        Zoom::Days => {
            let first = focus.with_day(1);
            (first, first.map(|f| f + chrono::Days::new(u64::from(days_in_month(focus)) - 1)), "day")
        }
    };
    let (Some(start), Some(end)) = (start, end) else { return h };
    let bucket = |d: chrono::NaiveDate| -> i64 {
        match zoom {
            Zoom::Years => i64::from(d.year() - start.year()),
            Zoom::Months => i64::from(d.month0()),
            Zoom::Days => i64::from(d.day0()),
        }
    };
    let buckets = bucket(end) + 1;
    h.counts = vec![0; buckets.max(0) as usize];
    for d in dates {
        if d < start {
            h.earlier += 1;
        } else if d > end {
            h.later += 1;
        } else if let Some(c) = h.counts.get_mut(bucket(d) as usize) {
            *c += 1;
        }
    }
    let label = |d: chrono::NaiveDate| match zoom {
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
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn event(y: i32, m: u32, d: u32) -> TimelineEvent {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        TimelineEvent {
            point: CalendarPoint { date, granularity: Granularity::Day },
            article: 0,
            sentence: 0..1,
            event: 0,
            anchor: crate::analysis::Anchor::Explicit,
        }
    }

    #[test]
    fn the_histogram_drills_from_years_to_months_to_days() {
        let events = [
            event(2021, 6, 1),
            event(2022, 7, 20),
            event(2022, 7, 29),
            event(2022, 7, 29),
            event(2025, 1, 1),
        ];
        let focus = NaiveDate::from_ymd_opt(2022, 7, 29).unwrap();
        let years = histogram(events.iter(), Zoom::Years, focus);
        assert_eq!(
            (years.first.as_str(), years.last.as_str(), years.counts),
            ("2021", "2025", vec![1, 3, 0, 0, 1])
        );
        let months = histogram(events.iter(), Zoom::Months, focus);
        assert_eq!(months.counts[6], 3);
        assert_eq!((months.earlier, months.later), (1, 1));
        let days = histogram(events.iter(), Zoom::Days, focus);
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
        let focus = NaiveDate::from_ymd_opt(1997, 3, 1).unwrap();
        let years = histogram(events.iter(), Zoom::Years, focus);
        assert_eq!((years.first.as_str(), years.last.as_str()), ("1997", "1997"));
        assert_eq!((years.earlier, years.later), (2, 1));
    }
}

//! The corpus timeline: every dated sentence of every article, in calendar order.

use std::ops::Range;

use crate::analysis::{CalendarPoint, Granularity, Summary};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    pub point: CalendarPoint,
    pub article: u32,
    /// The sentence's byte range in the article text (32-bit: a corpus has many events).
    pub sentence: Range<u32>,
    /// The dating expression's byte range in the article text.
    pub timex: Range<u32>,
    /// Which of the article's [`Summary::events`] this is.
    pub event: u32,
}

impl TimelineEvent {
    pub fn sentence_range(&self) -> Range<usize> {
        self.sentence.start as usize..self.sentence.end as usize
    }

    pub fn timex_range(&self) -> Range<usize> {
        self.timex.start as usize..self.timex.end as usize
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
pub fn build<'a>(summaries: impl IntoIterator<Item = (u32, &'a Summary)>) -> Vec<TimelineEvent> {
    let mut events: Vec<TimelineEvent> = summaries
        .into_iter()
        .flat_map(|(id, s)| {
            s.events.iter().enumerate().map(move |(i, e)| TimelineEvent {
                point: e.point,
                article: id,
                sentence: e.sentence.clone(),
                timex: e.timex.clone(),
                event: i as u32,
            })
        })
        .collect();
    events.sort_by(|a, b| {
        (a.point.date, a.point.granularity, a.article, a.sentence.start).cmp(&(
            b.point.date,
            b.point.granularity,
            b.article,
            b.sentence.start,
        ))
    });
    events.dedup_by(|a, b| a.article == b.article && a.sentence == b.sentence && a.point == b.point);
    events
}

/// How finely the timeline's histogram divides time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    Years,
    #[default]
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

/// Events counted per bucket: per year over the whole span, per month of the year around
/// `focus`, or per day of its month. Returns a label for the range and the counts.
pub fn histogram<'a>(
    events: impl Iterator<Item = &'a TimelineEvent>,
    zoom: Zoom,
    focus: chrono::NaiveDate,
) -> (String, Vec<u64>) {
    use chrono::Datelike;
    let dates: Vec<chrono::NaiveDate> = events.map(|e| e.point.date).collect();
    match zoom {
        Zoom::Years => {
            let (Some(first), Some(last)) =
                (dates.iter().map(|d| d.year()).min(), dates.iter().map(|d| d.year()).max())
            else {
                return (String::new(), Vec::new());
            };
            let first = first.max(last - 199);
            let mut counts = vec![0; (last - first + 1) as usize];
            for y in dates.iter().map(|d| d.year()).filter(|y| *y >= first) {
                counts[(y - first) as usize] += 1;
            }
            (format!("{first}–{last} by year"), counts)
        }
        Zoom::Months => {
            let mut counts = vec![0; 12];
            for d in dates.iter().filter(|d| d.year() == focus.year()) {
                counts[d.month0() as usize] += 1;
            }
            (format!("{} by month", focus.year()), counts)
        }
        Zoom::Days => {
            let days = days_in_month(focus);
            let mut counts = vec![0; days as usize];
            for d in dates.iter().filter(|d| d.year() == focus.year() && d.month() == focus.month()) {
                counts[d.day0() as usize] += 1;
            }
            (format!("{} by day", focus.format("%Y-%m")), counts)
        }
    }
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
            timex: 0..1,
            event: 0,
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
        let (label, years) = histogram(events.iter(), Zoom::Years, focus);
        assert_eq!((label.as_str(), years), ("2021–2025 by year", vec![1, 3, 0, 0, 1]));
        let (_, months) = histogram(events.iter(), Zoom::Months, focus);
        assert_eq!(months[6], 3);
        assert_eq!(months.iter().sum::<u64>(), 3);
        let (label, days) = histogram(events.iter(), Zoom::Days, focus);
        assert_eq!(label, "2022-07 by day");
        assert_eq!((days.len(), days[19], days[28]), (31, 1, 2));
    }
}

//! The corpus timeline: every dated sentence of every article, in calendar order.

use std::ops::Range;

use crate::analysis::{Analysis, CalendarPoint, Granularity};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    pub point: CalendarPoint,
    pub article: u32,
    /// The sentence's byte range in the article text.
    pub sentence: Range<usize>,
    /// The dating expression's byte range in the article text.
    pub timex: Range<usize>,
}

impl TimelineEvent {
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
pub fn build<'a>(analyses: impl IntoIterator<Item = (u32, &'a Analysis)>) -> Vec<TimelineEvent> {
    let mut events: Vec<TimelineEvent> = analyses
        .into_iter()
        .flat_map(|(id, a)| {
            a.events.iter().map(move |e| TimelineEvent {
                point: e.point,
                article: id,
                sentence: e.sentence.clone(),
                timex: a.timexes.get(e.timex).map_or(e.sentence.clone(), |t| t.start..t.end),
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

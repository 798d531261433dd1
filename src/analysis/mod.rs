//! Per-article analysis: sentences, entities, time expressions and the events they date.

pub mod dating;
pub mod entities;
pub mod sentences;
pub mod time;

use std::ops::Range;

use chrono::NaiveDate;

pub use entities::{EntityKind, EntityMention, Recognizer};
pub use time::{CalendarPoint, Granularity, Timex, TimexType};

/// A sentence dated by one of its time expressions: one point on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub point: CalendarPoint,
    /// Byte range of the sentence in the article text.
    pub sentence: Range<usize>,
    /// Index of the dating expression in [`Analysis::timexes`].
    pub timex: usize,
}

/// What the analysis found in one article's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    pub entities: Vec<EntityMention>,
    pub timexes: Vec<Timex>,
    pub events: Vec<Event>,
}

/// Analyzes one text. `dct` is the document creation time used to resolve relative dates.
pub fn analyze(text: &str, dct: Option<NaiveDate>, recognizer: &Recognizer) -> Analysis {
    let entities = recognizer.recognize(text);
    let timexes = time::tag(text, dct);
    let events = events(text, &timexes);
    Analysis { entities, timexes, events }
}

/// Every sentence whose DATE or TIME expression resolves to a calendar value becomes an event;
/// durations and sets never do.
pub fn events(text: &str, timexes: &[Timex]) -> Vec<Event> {
    let sentences = sentences::split(text);
    timexes
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.kind, TimexType::Date | TimexType::Time))
        .filter_map(|(i, t)| {
            let point = time::calendar_point(&t.value)?;
            let s =
                sentences::containing(&sentences, t.start).map_or(t.start..t.end, |k| sentences[k].clone());
            Some(Event { point, sentence: s, timex: i })
        })
        .collect()
}

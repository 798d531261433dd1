//! Per-article analysis: sentences, entities, time expressions and the events they date.

pub mod dating;
pub mod entities;
pub mod identity;
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
    if !timexes.iter().any(|t| matches!(t.kind, TimexType::Date | TimexType::Time)) {
        return Vec::new();
    }
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

/// What the corpus-level pass changes in one article.
#[derive(Debug, Clone)]
pub struct Revision {
    pub article: u32,
    /// A date found for an undated article.
    pub date: Option<crate::corpus::ArticleDate>,
    pub analysis: Analysis,
}

/// The pass that needs the whole corpus: dates the undated articles (and re-reads their time
/// expressions against the new date), and gives entities their corpus-wide names.
pub fn revise(articles: &[&crate::corpus::Article], analyses: &[&Analysis]) -> Vec<Revision> {
    let mut revised: std::collections::BTreeMap<u32, Revision> = std::collections::BTreeMap::new();
    for r in dating::date_articles(articles, analyses) {
        let Some(base) = analyses.get(r.article as usize) else { continue };
        let analysis = Analysis { timexes: r.timexes, events: r.events, ..Analysis::clone(base) };
        revised.insert(r.article, Revision { article: r.article, date: Some(r.date), analysis });
    }
    let renames = identity::renames(analyses);
    if !renames.is_empty() {
        for (article, base) in articles.iter().zip(analyses) {
            if !identity::applies(&renames, revised.get(&article.id).map_or(base, |r| &r.analysis)) {
                continue;
            }
            let mut analysis =
                revised.get(&article.id).map_or_else(|| Analysis::clone(base), |r| r.analysis.clone());
            if identity::apply(&renames, &mut analysis) {
                let date = revised.get(&article.id).and_then(|r| r.date);
                revised.insert(article.id, Revision { article: article.id, date, analysis });
            }
        }
    }
    revised.into_values().collect()
}

/// Makes equal entity names share one allocation across the corpus.
#[derive(Debug, Default)]
pub struct Interner {
    names: std::collections::HashSet<std::sync::Arc<str>>,
}

impl Interner {
    pub fn intern(&mut self, analysis: &mut Analysis) {
        for e in &mut analysis.entities {
            match self.names.get(&e.canonical) {
                Some(shared) => e.canonical = std::sync::Arc::clone(shared),
                None => {
                    self.names.insert(std::sync::Arc::clone(&e.canonical));
                }
            }
        }
    }
}

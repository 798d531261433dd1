//! Per-article analysis: sentences, entities, time expressions and the events they date.

pub mod chars;
pub mod dating;
pub mod entities;
pub mod events;
pub mod identity;
pub mod related;
pub mod sentences;
mod shown;
pub mod time;
pub mod timeline;
pub mod word_list;

use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;

pub use entities::{EntityKind, EntityMention, Name, Recognizer};
pub use events::{Anchor, Event};
pub use time::{CalendarPoint, Granularity, Timex, TimexType};

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
    let events = events::events(text, dct, &timexes);
    Analysis { entities, timexes, events }
}

/// One entity of an article, with how often the article mentions it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NameCount {
    pub name: Name,
    pub kind: EntityKind,
    pub mentions: u32,
}

/// Which copy of a name this is: its address. The loading pipeline shares one copy of each
/// name among the summaries, so the corpus-wide passes tell names apart by address rather than
/// by hashing their text; an address stands for one name only while that copy is alive.
pub fn copy_of(name: &Name) -> usize {
    name.as_ptr() as usize
}

/// A dated event, as the timeline keeps it: byte ranges in the article text. A corpus has
/// ten million of these, so an entry is 28 bytes: the date and its precision side by side (not
/// a padded [`CalendarPoint`]), what dates it and what names it as short stretches of the
/// sentence, and of the names its sentence mentions only where their stretch of
/// [`Summary::named`] ends (the stretches follow each other, event after event).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DatedSentence {
    #[serde(with = "crate::corpus::day_number")]
    pub date: NaiveDate,
    pub sentence: Range<u32>,
    /// The expression that dates it; for an event reported at the article's date, its trigger.
    timex: InSentence,
    /// The word that names what happened.
    trigger: InSentence,
    /// Where the sentence's names end in [`Summary::named`]; they start where the event
    /// before's end.
    names_end: u32,
    pub granularity: Granularity,
    pub anchor: Anchor,
}

impl DatedSentence {
    pub fn point(&self) -> CalendarPoint {
        CalendarPoint { date: self.date, granularity: self.granularity }
    }

    /// The sentence's byte range in the article text.
    pub fn sentence_range(&self) -> Range<usize> {
        self.sentence.start as usize..self.sentence.end as usize
    }

    /// The byte range of what dates it in the article text.
    pub fn timex_range(&self) -> Range<usize> {
        self.timex.range(self.sentence.start)
    }

    /// The byte range of the word that names what happened.
    pub fn trigger_range(&self) -> Range<usize> {
        self.trigger.range(self.sentence.start)
    }
}

/// A stretch of a dated sentence: where it starts in the sentence, and its length, in 16 bits
/// each (two 32-bit offsets took 8 bytes more per event, 83 MB at a million articles). A
/// stretch beyond the first 64 KB of its sentence, which only a file without punctuation
/// gives, is kept as the sentence's first byte, empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct InSentence {
    from: u16,
    len: u16,
}

impl InSentence {
    fn of(stretch: &Range<usize>, sentence: &Range<usize>) -> InSentence {
        let from = stretch.start.checked_sub(sentence.start).and_then(|n| u16::try_from(n).ok());
        let len = stretch.end.checked_sub(stretch.start).and_then(|n| u16::try_from(n).ok());
        match (from, len) {
            (Some(from), Some(len)) => InSentence { from, len },
            _ => InSentence { from: 0, len: 0 },
        }
    }

    fn range(self, sentence_start: u32) -> Range<usize> {
        let start = sentence_start as usize + usize::from(self.from);
        start..start + usize::from(self.len)
    }
}

/// What the corpus-wide views (timeline, entity counts, related articles) keep of an article's
/// analysis. It is a small fraction of the full analysis, which is worked out again, from the
/// text, for the one article the reader shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// Each entity once, sorted by name.
    pub entities: Vec<NameCount>,
    /// Shared by an article's own summary and its summary with the corpus-wide names (a
    /// quarter of a large corpus's articles have both): renaming changes the names, not the
    /// events.
    /// One allocation with its length (a list inside an `Arc` is a second allocation per
    /// article).
    pub events: Arc<[DatedSentence]>,
    /// The names each event's sentence mentions, event after event, as indices into
    /// `entities` (each event's sorted, without repeats; after a rename, a stretch may end in
    /// [`NO_NAME`]s where names became one).
    named: Box<[NameIndex]>,
}

/// Where a name is in an article's entities: 16 bits (twenty million of these at a million
/// articles). An article naming more than 65,535 entities, which only a huge file gives, has
/// the names past that left unlinked to its events.
pub type NameIndex = u16;

/// A place in [`Summary`]'s names that names nothing.
const NO_NAME: NameIndex = NameIndex::MAX;

/// The index of the `i`th entity, or [`NO_NAME`] past the reach of 16 bits.
fn name_index(i: usize) -> NameIndex {
    NameIndex::try_from(i).unwrap_or(NO_NAME)
}

impl Summary {
    pub fn of(analysis: &Analysis) -> Summary {
        let mut entities: Vec<NameCount> = Vec::new();
        let mut mentions: Vec<&EntityMention> = analysis.entities.iter().collect();
        mentions.sort_by(|a, b| (&a.canonical, a.kind).cmp(&(&b.canonical, b.kind)));
        for m in mentions {
            match entities.last_mut() {
                Some(last) if last.name == m.canonical && last.kind == m.kind => last.mentions += 1,
                _ => entities.push(NameCount { name: m.canonical.clone(), kind: m.kind, mentions: 1 }),
            }
        }
        entities.shrink_to_fit();
        let index_of = |m: &EntityMention| {
            entities
                .binary_search_by(|e| (&e.name, e.kind).cmp(&(&m.canonical, m.kind)))
                .ok()
                .map(name_index)
                .filter(|&i| i != NO_NAME)
        };
        let mut named = Vec::new();
        let mut events = Vec::new();
        for (e, point) in analysis.events.iter().filter_map(|e| Some((e, e.point?))) {
            let timex =
                e.timex.and_then(|k| analysis.timexes.get(k)).map_or(e.trigger.clone(), |t| t.start..t.end);
            // Mentions are sorted by start: the sentence's are found without a scan.
            let first = analysis.entities.partition_point(|m| m.start < e.sentence.start);
            let from = named.len();
            named.extend(
                analysis.entities[first..]
                    .iter()
                    .take_while(|m| m.start < e.sentence.end)
                    .filter(|m| m.kind.is_name())
                    .filter_map(index_of),
            );
            let names_end = sorted_stretch(&mut named, from);
            events.push(DatedSentence {
                date: point.date,
                sentence: e.sentence.start as u32..e.sentence.end as u32,
                timex: InSentence::of(&timex, &e.sentence),
                trigger: InSentence::of(&e.trigger, &e.sentence),
                names_end,
                granularity: point.granularity,
                anchor: e.anchor,
            });
        }
        Summary { entities, events: Arc::from(events), named: named.into_boxed_slice() }
    }

    /// Gives entities their corpus-wide names (`full_name` says which), merging the counts of
    /// names that become one; says whether anything changed.
    pub fn rename(&mut self, full_name: impl Fn(EntityKind, &Name) -> Option<Name>) -> bool {
        let mut changed = false;
        for e in &mut self.entities {
            if let Some(full) = full_name(e.kind, &e.name) {
                e.name = full;
                changed = true;
            }
        }
        if !changed {
            return false;
        }
        let mut order: Vec<usize> = (0..self.entities.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.entities[a], &self.entities[b]);
            (&x.name, x.kind).cmp(&(&y.name, y.kind))
        });
        let mut moved_to = vec![NO_NAME; self.entities.len()];
        let mut merged: Vec<NameCount> = Vec::with_capacity(self.entities.len());
        for old in order {
            let e = &self.entities[old];
            match merged.last_mut() {
                Some(last) if last.name == e.name && last.kind == e.kind => last.mentions += e.mentions,
                _ => merged.push(e.clone()),
            }
            moved_to[old] = name_index(merged.len() - 1);
        }
        self.entities = merged;
        // Each event's stretch of names stays where it is (the events are shared with the
        // summary this one was copied from): its names are renumbered, sorted and freed of
        // repeats, and what a merge left over names nothing.
        for event in 0..self.events.len() {
            let Some(stretch) = self.names_range(event).and_then(|r| self.named.get_mut(r)) else { continue };
            for i in stretch.iter_mut().filter(|i| **i != NO_NAME) {
                *i = moved_to.get(*i as usize).copied().unwrap_or(NO_NAME);
            }
            let kept = sort_without_repeats(stretch);
            stretch[kept..].fill(NO_NAME);
        }
        true
    }

    /// Its parts, for storing it in another form: the entities, the events, and the names of
    /// each event's sentence (see [`Summary::from_parts`]).
    pub fn parts(&self) -> (&[NameCount], &[DatedSentence], &[NameIndex]) {
        (&self.entities, &self.events, &self.named)
    }

    /// A summary put together again from [`Summary::parts`]. Indices that point nowhere are
    /// passed over where they are read, as in a summary decoded whole.
    pub fn from_parts(
        entities: Vec<NameCount>,
        events: Vec<DatedSentence>,
        named: Vec<NameIndex>,
    ) -> Summary {
        Summary { entities, events: Arc::from(events), named: named.into_boxed_slice() }
    }

    /// A summary with these names and this one's events, shared: an article's own summary
    /// put together again beside its copy with the corpus-wide names, which differs from it
    /// only in its names.
    pub fn with_names(&self, entities: Vec<NameCount>, named: Vec<NameIndex>) -> Summary {
        Summary { entities, events: Arc::clone(&self.events), named: named.into_boxed_slice() }
    }

    /// The names the sentence of this summary's `event`th event mentions.
    pub fn sentence_names(&self, event: usize) -> impl Iterator<Item = &NameCount> {
        let stretch = self.names_range(event).and_then(|r| self.named.get(r)).unwrap_or_default();
        stretch.iter().filter(|&&i| i != NO_NAME).filter_map(|&i| self.entities.get(i as usize))
    }

    /// Where the names of the `event`th event's sentence are in `named`: from where the event
    /// before's end.
    fn names_range(&self, event: usize) -> Option<Range<usize>> {
        let end = self.events.get(event)?.names_end as usize;
        let start =
            event.checked_sub(1).and_then(|before| self.events.get(before)).map_or(0, |e| e.names_end);
        Some(start as usize..end)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entities.iter().map(|e| &*e.name)
    }
}

/// Sorts `named[from..]` and drops its repeats; where it ends.
fn sorted_stretch(named: &mut Vec<NameIndex>, from: usize) -> u32 {
    let kept = from + sort_without_repeats(&mut named[from..]);
    named.truncate(kept);
    kept as u32
}

/// Sorts `names` and moves its repeats to the end; how many are left before them.
fn sort_without_repeats(names: &mut [NameIndex]) -> usize {
    names.sort_unstable();
    let mut kept = 0;
    for i in 0..names.len() {
        if kept == 0 || names[kept - 1] != names[i] {
            names[kept] = names[i];
            kept += 1;
        }
    }
    kept
}

/// Re-reads an article's time expressions and events against a date found for it.
pub fn redate(text: &str, date: NaiveDate, analysis: &mut Analysis) {
    analysis.timexes = time::tag(text, Some(date));
    analysis.events = events::events(text, Some(date), &analysis.timexes);
}

/// Makes equal entity names share one allocation across the corpus.
#[derive(Debug, Default)]
pub struct Interner {
    names: std::collections::HashSet<Name>,
}

impl Interner {
    pub fn intern(&mut self, analysis: &mut Analysis) {
        for e in &mut analysis.entities {
            match self.names.get(&e.canonical) {
                Some(shared) => e.canonical = shared.clone(),
                None => {
                    self.names.insert(e.canonical.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(summary: &Summary) -> Vec<Vec<String>> {
        (0..summary.events.len())
            .map(|i| summary.sentence_names(i).map(|n| n.name.to_string()).collect())
            .collect()
    }

    /// A million articles hold sixteen million entity entries and ten million dated
    /// sentences: a name is one pointer, so an entity entry is 16 bytes (with `Arc<str>` it was
    /// 24); a dated sentence is 28 (36 with 32-bit offsets of what dates it and names it, 44
    /// with its own range of names and a padded date).
    #[test]
    fn an_entity_entry_is_16_bytes_and_a_dated_sentence_28() {
        assert_eq!(std::mem::size_of::<Name>(), 8);
        assert_eq!(std::mem::size_of::<NameCount>(), 16);
        assert_eq!(std::mem::size_of::<DatedSentence>(), 28);
    }

    /// An article that names more entities than a 16-bit index reaches links the first
    /// 65,535 to its events and passes over the rest, whole and through a rename.
    #[test]
    fn names_past_a_16_bit_index_are_not_linked_to_events() {
        let count = 70_000usize;
        let entities = (0..count)
            .map(|i| EntityMention {
                start: i,
                end: i + 1,
                kind: EntityKind::Person,
                canonical: Name::from(format!("Person {i:05}")),
            })
            .collect();
        let point = CalendarPoint {
            date: NaiveDate::from_ymd_opt(2022, 5, 23).unwrap(),
            granularity: Granularity::Day,
        };
        let event = events::Event {
            point: Some(point),
            sentence: 0..count,
            timex: None,
            anchor: Anchor::Explicit,
            trigger: 0..1,
        };
        let analysis = Analysis { entities, timexes: Vec::new(), events: vec![event] };
        let summary = Summary::of(&analysis);
        assert_eq!(summary.entities.len(), count);
        let linked = usize::from(NO_NAME);
        assert_eq!(summary.sentence_names(0).count(), linked);
        assert!(summary.sentence_names(0).all(|n| *n.name < *"Person 65535"));
        // Two names become one: the stretch ends in a place that names nothing, which is not
        // read as the entity at that index.
        let mut merged = summary.clone();
        assert!(merged.rename(|_, name| (&**name == "Person 00001").then(|| Name::from("Person 00000"))));
        assert_eq!(merged.sentence_names(0).count(), linked - 1);
        assert!(merged.sentence_names(0).all(|n| *n.name < *"Person 65535"));
        // A name renamed past the reach of the index is no longer linked.
        let mut last = summary.clone();
        assert!(last.rename(|_, name| (&**name == "Person 00000").then(|| Name::from("Someone"))));
        assert_eq!(last.sentence_names(0).count(), linked - 1);
        assert!(!last.sentence_names(0).any(|n| &*n.name == "Someone"));
    }

    /// What dates an event and what names it come back as they were found, and a stretch
    /// beyond the first 64 KB of a sentence with no punctuation is kept empty at its start.
    #[test]
    fn an_events_stretches_come_back_and_a_far_one_is_kept_empty() {
        let text = "Joe Biden met Fumio Kishida in Tokyo on May 23, 2022.";
        let analysis = analyze(text, NaiveDate::from_ymd_opt(2022, 5, 24), Recognizer::shared());
        let summary = Summary::of(&analysis);
        let event = analysis.events.iter().find(|e| e.point.is_some()).unwrap();
        let dated = &summary.events[0];
        assert_eq!(dated.trigger_range(), event.trigger);
        assert_eq!(&text[dated.timex_range()], "May 23, 2022");
        let long = 0..200_000;
        assert_eq!(InSentence::of(&(70_000..70_004), &long).range(0), 0..0);
        assert_eq!(InSentence::of(&(60_000..60_004), &long).range(0), 60_000..60_004);
        assert_eq!(InSentence::of(&(5..9), &(10..20)).range(10), 10..10, "before its sentence");
    }

    #[test]
    fn each_dated_sentence_keeps_its_own_names_through_a_rename() {
        let text = "Joe Biden met Fumio Kishida in Tokyo on May 23, 2022. \
                    Kishida had flown to Seoul on May 20, 2022.";
        let dct = NaiveDate::from_ymd_opt(2022, 5, 24);
        let mut summary = Summary::of(&analyze(text, dct, Recognizer::shared()));
        let before = names_of(&summary);
        assert_eq!(before, [vec!["Fumio Kishida", "Joe Biden", "Tokyo"], vec!["Fumio Kishida", "Seoul"]]);
        // Two names becoming one: the entity list merges them, each sentence keeps one.
        let one_city = |_: EntityKind, name: &Name| (&**name == "Tokyo").then(|| Name::from("Seoul"));
        assert!(summary.rename(one_city));
        let after = names_of(&summary);
        assert_eq!(after, [vec!["Fumio Kishida", "Joe Biden", "Seoul"], vec!["Fumio Kishida", "Seoul"]]);
        let seoul = summary.entities.iter().find(|e| &*e.name == "Seoul").map(|e| e.mentions);
        assert_eq!(seoul, Some(2));
    }

    /// A copy renamed shares its events with the summary it was copied from, and names that
    /// become one are one name in each sentence.
    #[test]
    fn a_renamed_copy_shares_the_events_and_merges_names_within_a_sentence() {
        let text =
            "Joe Biden flew from Tokyo to Seoul on May 23, 2022. Kishida stayed in Tokyo on May 24, 2022.";
        let dct = NaiveDate::from_ymd_opt(2022, 5, 25);
        let own = Summary::of(&analyze(text, dct, Recognizer::shared()));
        assert_eq!(names_of(&own), [vec!["Joe Biden", "Seoul", "Tokyo"], vec!["Kishida", "Tokyo"]]);
        let mut renamed = own.clone();
        let one_city = |_: EntityKind, name: &Name| (&**name == "Tokyo").then(|| Name::from("Seoul"));
        assert!(renamed.rename(one_city));
        assert!(Arc::ptr_eq(&renamed.events, &own.events), "the events are not copied");
        assert_eq!(names_of(&renamed), [vec!["Joe Biden", "Seoul"], vec!["Kishida", "Seoul"]]);
        assert_eq!(
            names_of(&own),
            [vec!["Joe Biden", "Seoul", "Tokyo"], vec!["Kishida", "Tokyo"]],
            "untouched"
        );
        let seoul = renamed.entities.iter().find(|e| &*e.name == "Seoul").map(|e| e.mentions);
        assert_eq!(seoul, Some(3));
    }

    /// A damaged state file can give stretches that end before they start or past the names:
    /// they name nothing, and renaming passes over them.
    #[test]
    fn stretches_that_point_nowhere_name_nothing() {
        let text = "Joe Biden met Fumio Kishida in Tokyo on May 23, 2022. Kishida left on May 24, 2022.";
        let own = Summary::of(&analyze(text, NaiveDate::from_ymd_opt(2022, 5, 25), Recognizer::shared()));
        let (entities, events, named) = own.parts();
        let mut events = events.to_vec();
        assert_eq!(events.len(), 2);
        events[0].names_end = 99;
        events[1].names_end = 1;
        let mut damaged = Summary::from_parts(entities.to_vec(), events, named.to_vec());
        assert_eq!(damaged.sentence_names(0).count(), 0, "past the names");
        assert_eq!(damaged.sentence_names(1).count(), 0, "ends before it starts");
        assert_eq!(damaged.sentence_names(2).count(), 0, "no such event");
        assert!(damaged.rename(|_, name| (&**name == "Tokyo").then(|| Name::from("Seoul"))));
    }

    #[test]
    fn a_stretch_is_sorted_without_repeats_and_leaves_the_rest_alone() {
        let mut named = vec![9, 4, 7, 2, 4, 7];
        assert_eq!(sorted_stretch(&mut named, 2), 5, "it ends at 5");
        assert_eq!(named, vec![9, 4, 2, 4, 7]);
        let mut empty = vec![1];
        assert_eq!(sorted_stretch(&mut empty, 1), 1, "it ends where it starts");
    }
}

//! The state file's table of entity names: each distinct name is written once and numbered,
//! summaries keep the numbers, and reading the table back gives one shared copy of each name.

use serde::{Deserialize, Serialize};

use crate::analysis::{DatedSentence, EntityKind, Name, NameCount, NameIndex, Summary, copy_of};

/// The distinct names of a corpus being saved, numbered in the order they are met.
#[derive(Default)]
pub(super) struct NameTable<'a> {
    numbers: rustc_hash::FxHashMap<&'a str, u32>,
    by_copy: NameNumbers<'a>,
    names: Vec<&'a str>,
}

/// Each copy of a name met, by its address, with its number: a million summaries mention ten
/// million names but share a few hundred thousand copies, and an address is looked up faster
/// than a text (0.8 s of a million's save went to numbering by text). It keeps the borrow of
/// the copies it was given, so an address stands for one name while it lives.
#[derive(Default)]
pub(super) struct NameNumbers<'a>(rustc_hash::FxHashMap<usize, u32>, std::marker::PhantomData<&'a str>);

impl<'a> NameTable<'a> {
    /// The names in the order of their numbers, and the numbers by copy; the texts' own map
    /// goes (a save holds only what it still needs while it writes the summaries).
    pub(super) fn finish(self) -> (Vec<&'a str>, NameNumbers<'a>) {
        (self.names, self.by_copy)
    }

    pub(super) fn number(&mut self, name: &'a Name) -> u32 {
        let copy = copy_of(name);
        if let Some(&number) = self.by_copy.0.get(&copy) {
            return number;
        }
        let next = self.names.len() as u32;
        let number = *self.numbers.entry(name).or_insert(next);
        if number == next {
            self.names.push(name);
        }
        self.by_copy.0.insert(copy, number);
        number
    }
}

impl NameNumbers<'_> {
    /// A summary as it is written, its names numbered (every copy in it was numbered; one that
    /// was not is written as a number no table has, which reading it finds damaged).
    pub(super) fn stored<'s>(&self, summary: &'s Summary) -> StoredSummary<'s> {
        let (entities, events, named) = summary.parts();
        let number = |name: &Name| self.0.get(&copy_of(name)).copied().unwrap_or(u32::MAX);
        let entities = entities.iter().map(|e| (number(&e.name), e.kind, e.mentions)).collect();
        StoredSummary { entities, events, named }
    }

    /// The names of a summary whose events are written elsewhere: an article's own summary
    /// kept beside its shown copy, which differs from it only in its names.
    pub(super) fn stored_names<'s>(&self, summary: &'s Summary) -> StoredNames<'s> {
        let StoredSummary { entities, named, .. } = self.stored(summary);
        StoredNames { entities, named }
    }
}

/// A summary as the state file keeps it: each entity's name as its number in the name table.
#[derive(Serialize)]
pub(super) struct StoredSummary<'a> {
    entities: Vec<(u32, EntityKind, u32)>,
    events: &'a [DatedSentence],
    named: &'a [NameIndex],
}

/// The same, read back (the encoding is the same: a list is a list).
#[derive(Deserialize)]
pub(super) struct ReadSummary {
    entities: Vec<(u32, EntityKind, u32)>,
    events: Vec<DatedSentence>,
    named: Vec<NameIndex>,
}

impl ReadSummary {
    /// The summary, its names taken from the table; `None` if one is not in it.
    pub(super) fn named_from(self, table: &[Name]) -> Option<Summary> {
        Some(Summary::from_parts(named_from(table, self.entities)?, self.events, self.named))
    }
}

/// Entities as written (each name's number in the table, its kind and mentions), named.
fn named_from(table: &[Name], numbered: Vec<(u32, EntityKind, u32)>) -> Option<Vec<NameCount>> {
    // Made at its size: a million summaries' lists grown by doubling held 150 MB more.
    let mut entities = Vec::with_capacity(numbered.len());
    for (number, kind, mentions) in numbered {
        entities.push(NameCount { name: (table.get(number as usize)?).clone(), kind, mentions });
    }
    Some(entities)
}

/// A summary's names without its events (see [`NameNumbers::stored_names`]).
#[derive(Serialize)]
pub(super) struct StoredNames<'a> {
    entities: Vec<(u32, EntityKind, u32)>,
    named: &'a [NameIndex],
}

/// The same, read back.
#[derive(Deserialize)]
pub(super) struct ReadNames {
    entities: Vec<(u32, EntityKind, u32)>,
    named: Vec<NameIndex>,
}

impl ReadNames {
    /// The summary with these names and the events of `shown` (shared, not copied); `None` if a
    /// name is not in the table.
    pub(super) fn named_from(self, table: &[Name], shown: &Summary) -> Option<Summary> {
        Some(shown.with_names(named_from(table, self.entities)?, self.named))
    }
}

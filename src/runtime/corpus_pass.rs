//! The corpus-wide pass, the same for a corpus indexed from scratch and for one brought up to
//! date: dates for the articles that had none, one name per entity across the corpus, and the
//! notes and aliases that let the index answer for both.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;
use tantivy::IndexWriter;

use crate::analysis::dating::{self, Evidence, MonthDays};
use crate::analysis::identity::{self, NameBook, Renames};
use crate::analysis::{self, Analysis, EntityKind, Name, Summary, copy_of};
use crate::corpus::{Article, ArticleDate};
use crate::index::SearchIndex;
use crate::index::state::{Cached, Origin};

/// An article that had no date when it was loaded: its id, text and analysis.
pub(super) type Undated = (u32, String, Analysis);

/// What the pass changed.
pub(super) struct Revision {
    pub renames: Arc<Renames>,
    /// The articles it dated, with their new dates.
    pub redated: Vec<Arc<Article>>,
    /// The summaries as the interface shows them (corpus-wide names applied), for every
    /// article whose shown summary is not its own analysis's.
    pub shown: Vec<(u32, Arc<Summary>)>,
    /// What each undated article was dated from, to keep with the state.
    pub evidence: Vec<(u32, Evidence)>,
    /// The corpus's names, for the next update to start from.
    pub book: NameBook,
}

/// What a corpus showed before an update, by the ids it had: its corpus-wide names, each
/// article's own summary and the copy shown of it, and its book of names if it kept one.
pub(super) struct Before {
    renames: Renames,
    own: Vec<Arc<Summary>>,
    shown: Vec<Arc<Summary>>,
    book: Option<NameBook>,
}

impl Before {
    /// What `cached` shows; its summaries must be the articles' own (its rest read).
    pub(super) fn of(cached: &mut Cached) -> Before {
        Before {
            renames: renames_of(cached),
            own: cached.summaries.clone(),
            shown: std::mem::take(&mut cached.shown),
            book: cached.names.take(),
        }
    }

    /// The book of names of the corpus whose own summaries are now `own`: the kept one, with
    /// the names of the articles that changed taken back and counted again, or a new one.
    fn book_now(&mut self, own: &[Arc<Summary>]) -> NameBook {
        let Some(mut book) = self.book.take() else { return book_of(own) };
        for id in 0..own.len().max(self.own.len()) {
            let (was, is) = (self.own.get(id), own.get(id));
            if was.zip(is).is_some_and(|(was, is)| Arc::ptr_eq(was, is)) {
                continue;
            }
            if let Some(was) = was {
                book.remove(id as u32, was);
            }
            if let Some(is) = is {
                book.add(id as u32, is);
            }
        }
        book
    }

    /// The copy shown before of `own`, the summary at `id` now, if it was made from `own`:
    /// under the same corpus-wide names, a summary's copy depends on nothing else.
    fn copy_of(&self, id: usize, own: &Arc<Summary>) -> Option<&Arc<Summary>> {
        self.own.get(id).filter(|was| Arc::ptr_eq(was, own))?;
        self.shown.get(id)
    }
}

/// Runs the pass over `articles` (each with the date it was loaded with) and their own
/// summaries (`raw`), given the month-days of the dated articles and the undated articles in
/// full. Dated articles get their date, and the undated articles' summaries are worked out
/// again against it (in `raw`, which stays free of corpus-wide names). The undated articles'
/// notes are written, and the aliases; the caller commits `writer`. With what the corpus
/// showed `before` an update, the copies of the summaries it left as they were are kept
/// unless the corpus-wide names now give one of their names another full name (at a million
/// articles, making them all again took 0.4 s of each change to a watched folder).
pub(super) fn run(
    index: &SearchIndex,
    writer: &IndexWriter,
    articles: &mut [Arc<Article>],
    raw: &mut [Arc<Summary>],
    month_days: &MonthDays,
    undated: Vec<Undated>,
    mut before: Option<Before>,
) -> Result<Revision> {
    let evidence: Vec<(u32, Evidence)> =
        undated.iter().map(|(id, text, a)| (*id, Evidence::of(text, a))).collect();
    let dates: HashMap<u32, ArticleDate> = {
        let all: Vec<&Article> = articles.iter().map(Arc::as_ref).collect();
        let summaries: Vec<&Summary> = raw.iter().map(Arc::as_ref).collect();
        let undated: Vec<(u32, &Evidence)> = evidence.iter().map(|(id, e)| (*id, e)).collect();
        dating::date_articles(&all, &summaries, month_days, &undated).into_iter().collect()
    };
    let mut book = match &mut before {
        Some(before) => before.book_now(raw),
        None => book_of(raw),
    };
    let renames = book.renames();
    let mut redated = Vec::new();
    for (id, text, mut a) in undated {
        let i = id as usize;
        let Some(&date) = dates.get(&id) else { continue };
        analysis::redate(&text, date.date, &mut a);
        let summary = Arc::new(Summary::of(&a));
        if let (Some(article), Some(slot)) = (articles.get_mut(i), raw.get_mut(i)) {
            *article = Arc::new(Article { date: Some(date), ..Article::clone(article) });
            let undated_own = std::mem::replace(slot, summary);
            book.remove(id, &undated_own);
            book.add(id, slot);
            redated.push(article.clone());
            index.note(writer, id, Some(date.date), &shown(&renames, slot), true)?;
        }
    }
    debug_assert!(book == book_of(raw), "the kept book of names is the corpus's");
    // Articles whose names were renamed keep their notes: the index learns the aliases instead.
    index.clear_aliases(writer);
    for ((_, alias), full) in &renames {
        index.alias(writer, alias, full)?;
    }
    let same_names = before.as_ref().is_some_and(|before| before.renames == renames);
    let mut redated_ids: Vec<u32> = redated.iter().map(|a| a.id).collect();
    redated_ids.sort_unstable();
    // Each summary's copy is kept or made, on every core, each thread with its own memory of
    // names (the ones now, and the ones before): at a million articles making them took a
    // second on one. The redated ones are handed on whether or not the names change them.
    let shown = raw
        .par_iter()
        .enumerate()
        .map_init(
            || (FullNames::new(&renames), before.as_ref().map(|before| FullNames::new(&before.renames))),
            |(names, names_before), (i, own)| {
                let kept = before.as_ref().and_then(|before| before.copy_of(i, own)).filter(|_| {
                    same_names || names_before.as_mut().is_some_and(|was| names.give_as(was, own))
                });
                let shown = match kept {
                    Some(copy) => Arc::clone(copy),
                    None => names.shown(own),
                };
                let handed_on = !Arc::ptr_eq(&shown, own) || redated_ids.binary_search(&(i as u32)).is_ok();
                handed_on.then_some((i as u32, shown))
            },
        )
        .flatten_iter()
        .collect();
    drop(before);
    Ok(Revision { renames: Arc::new(renames), redated, shown, evidence, book })
}

pub(super) fn book_of(own: &[Arc<Summary>]) -> NameBook {
    NameBook::of(&own.iter().map(Arc::as_ref).collect::<Vec<_>>())
}

/// Keeps with each undated article what the pass dated it from (see [`Revision::evidence`]).
pub(super) fn keep_evidence(origins: &mut [Origin], evidence: Vec<(u32, Evidence)>) {
    for (id, evidence) in evidence {
        if let Some(origin) = origins.get_mut(id as usize) {
            origin.evidence = Some(Box::new(evidence));
        }
    }
}

/// A summary as the interface shows it: with the corpus-wide names (shared when they change
/// nothing). With a memory of its own: the pass calls this while it replaces summaries, and a
/// name freed with one could leave its address to another name.
fn shown(renames: &Renames, raw: &Arc<Summary>) -> Arc<Summary> {
    FullNames::new(renames).shown(raw)
}

/// The corpus-wide names of the names met so far, found by the address of a name's shared
/// copy: a million summaries mention the same few thousand names, and looking every mention
/// up by its text (and counting a reference to it up and down) took a second at a million.
/// An address stands for one name only while the summaries it was met in are alive: a
/// `FullNames` lives no longer than the borrow of them.
struct FullNames<'a> {
    renames: &'a Renames,
    known: rustc_hash::FxHashMap<(EntityKind, usize), Option<Name>>,
}

impl<'a> FullNames<'a> {
    fn new(renames: &'a Renames) -> Self {
        FullNames { renames, known: Default::default() }
    }

    fn full(&mut self, kind: EntityKind, name: &Name) -> Option<&Name> {
        let renames = self.renames;
        let key = (kind, copy_of(name));
        self.known.entry(key).or_insert_with(|| identity::full_name(renames, kind, name).cloned()).as_ref()
    }

    /// Whether these names give each of `summary`'s names the full name `other` gives it: its
    /// copy is then the same under both.
    fn give_as(&mut self, other: &mut FullNames, summary: &Summary) -> bool {
        summary.entities.iter().all(|e| self.full(e.kind, &e.name) == other.full(e.kind, &e.name))
    }

    /// Whether corpus-wide names change anything in a summary.
    fn renames_any(&mut self, summary: &Summary) -> bool {
        // Every name is looked at (no stopping at the first): `shown` reads them all back.
        let mut any = false;
        for e in &summary.entities {
            any |= self.full(e.kind, &e.name).is_some();
        }
        any
    }

    fn shown(&mut self, raw: &Arc<Summary>) -> Arc<Summary> {
        if !self.renames_any(raw) {
            return raw.clone();
        }
        let mut summary = Summary::clone(raw);
        let known = &self.known;
        summary.rename(|kind, name| known.get(&(kind, copy_of(name))).cloned().flatten());
        Arc::new(summary)
    }
}

/// Every summary as shown, by id, given the own ones and the shown copies the corpus-wide pass
/// made (see [`Revision::shown`]).
pub(super) fn shown_in_place(own: &[Arc<Summary>], copies: Vec<(u32, Arc<Summary>)>) -> Vec<Arc<Summary>> {
    let mut shown = own.to_vec();
    for (id, copy) in copies {
        if let Some(slot) = shown.get_mut(id as usize) {
            *slot = copy;
        }
    }
    shown
}

/// Corpus-wide names as the state keeps them: (kind, short name, full name).
pub(super) fn renames_list(renames: &Renames) -> Vec<(EntityKind, Name, Name)> {
    renames.iter().map(|((kind, short), full)| (*kind, short.clone(), full.clone())).collect()
}

/// The corpus-wide names a kept state holds, to look up by kind and short name.
pub(super) fn renames_of(cached: &Cached) -> Renames {
    cached.renames.iter().map(|(kind, short, full)| ((*kind, short.clone()), full.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::NameCount;

    fn naming(names: &[&str]) -> Arc<Summary> {
        let entity =
            |name: &&str| NameCount { name: Name::from(*name), kind: EntityKind::Person, mentions: 1 };
        Arc::new(Summary::from_parts(names.iter().map(entity).collect(), vec![], vec![]))
    }

    /// The pass over the seeds' articles with `summaries` as their own; the corpus after it,
    /// with the book of names it kept.
    fn pass(summaries: Vec<Arc<Summary>>, before: Option<Before>) -> Cached {
        let index = SearchIndex::new().unwrap();
        let writer = index.notes_writer().unwrap();
        let mut articles: Vec<Arc<Article>> =
            crate::corpus::seeds::articles().into_iter().map(Arc::new).collect();
        let mut summaries = summaries;
        let month_days = MonthDays::default();
        let revision =
            run(&index, &writer, &mut articles, &mut summaries, &month_days, Vec::new(), before).unwrap();
        Cached {
            articles,
            shown: shown_in_place(&summaries, revision.shown),
            summaries,
            renames: renames_list(&revision.renames),
            names: Some(revision.book),
            ..Cached::default()
        }
    }

    fn names(summary: &Summary) -> Vec<&str> {
        summary.entities.iter().map(|e| &*e.name).collect()
    }

    fn book_of_own(cached: &Cached) -> Option<NameBook> {
        Some(book_of(&cached.summaries))
    }

    #[test]
    fn an_update_keeps_the_copies_of_untouched_summaries_whose_names_stay() {
        let own = vec![
            naming(&["Antony Blinken"]),
            naming(&["Blinken"]),
            naming(&["Hagiuda"]),
            naming(&["Koichi Hagiuda"]),
            naming(&["Raimondo"]),
        ];
        let mut first = pass(own.clone(), None);
        assert_eq!(names(&first.shown[1]), ["Antony Blinken"]);
        let copy_of_blinken = Arc::clone(&first.shown[1]);

        // The third article changed, naming both short names: the corpus-wide names stay.
        let mut now = own.clone();
        now[2] = naming(&["Hagiuda", "Blinken"]);
        let updated = pass(now.clone(), Some(Before::of(&mut first)));
        assert!(Arc::ptr_eq(&updated.shown[1], &copy_of_blinken), "the untouched copy is kept");
        assert_eq!(
            names(&updated.shown[2]),
            ["Antony Blinken", "Koichi Hagiuda"],
            "the changed one made again"
        );
        assert!(Arc::ptr_eq(&updated.shown[4], &now[4]), "a summary the names leave alone is its own");
        assert_eq!(updated.names, book_of_own(&updated), "the kept book brought up to date");
        let fresh = pass(now, None);
        assert_eq!(updated.shown, fresh.shown, "as the pass without what was shown");
        assert_eq!(updated.renames.len(), fresh.renames.len());

        // A second Blinken: the short name no longer stands for one person, and its copy goes;
        // the copy of a summary whose names are given what they were given is kept.
        let mut first = pass(own.clone(), None);
        let copy_of_hagiuda = Arc::clone(&first.shown[2]);
        let mut now = own;
        now[4] = naming(&["Donald Blinken"]);
        let updated = pass(now.clone(), Some(Before::of(&mut first)));
        assert_eq!(names(&updated.shown[1]), ["Blinken"]);
        assert!(Arc::ptr_eq(&updated.shown[2], &copy_of_hagiuda), "Hagiuda's copy kept");
        assert_eq!(updated.names, book_of_own(&updated));
        assert_eq!(updated.shown, pass(now, None).shown);
    }

    /// Articles removed from the end and added past it, as an update's ids move, are taken
    /// back from the kept book and counted in.
    #[test]
    fn a_kept_book_of_names_follows_the_articles_that_come_and_go() {
        let mut before = Before {
            renames: Renames::default(),
            own: vec![
                naming(&["Antony Blinken"]),
                naming(&["Blinken", "Koichi Hagiuda"]),
                naming(&["Hagiuda"]),
            ],
            shown: Vec::new(),
            book: None,
        };
        let own = before.own.clone();
        before.book = Some(book_of(&own));
        let now = vec![Arc::clone(&own[0]), naming(&["Antony Blinken", "Gina Raimondo"])];
        assert_eq!(before.book_now(&now), book_of(&now), "one changed, one gone");
        before.book = Some(book_of(&own));
        let now = [own.clone(), vec![naming(&["Raimondo"]), naming(&["Hagiuda"])]].concat();
        let book = before.book_now(&now);
        assert_eq!(book, book_of(&now), "two come after");
        assert_eq!(book.renames(), NameBook::of(&now.iter().map(Arc::as_ref).collect::<Vec<_>>()).renames());
    }
}

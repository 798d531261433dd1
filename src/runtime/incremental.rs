//! Bringing a cached corpus up to date with its folder: only the files added, changed or
//! removed since the cache was written are read and indexed; the corpus-wide pass is redone
//! from the kept summaries (reading again only the articles that had no date of their own).
//! The result is what indexing the folder from scratch gives, up to the articles' ids.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;
use rayon::prelude::*;

use super::corpus_pass::{self, Undated};
use super::pipeline::{analyze_side_by_side, dates_of};
use crate::analysis::dating::{self, MonthDays};
use crate::analysis::identity::Renames;
use crate::analysis::{self, Recognizer, Summary};
use crate::app::protocol::{CorpusChange, Timings};
use crate::corpus::{self, Article, FileLoad, Skipped, SourceFile};
use crate::index::SearchIndex;
use crate::index::state::{Cached, FileRecord, Origin, Rest};

/// The folder as it is now.
pub(super) enum Change<'a> {
    /// Listed whole: every file, what the listing skipped, and the listing's fingerprint.
    Listed { files: &'a [SourceFile], listed_skipped: Vec<Skipped>, fingerprint: u64 },
    /// As it was but for these paths, as its events named them ([`corpus::touched`]); what
    /// the listing skipped is as it was.
    Touched(&'a corpus::touched::Touched),
}

/// The files as they are now, matched with the old ones, whose records it takes: a kept file's
/// record is moved, not copied (copying a million took 0.1-0.5 s of each watched change).
struct Matched<'a> {
    /// Each file's record, in walk order: an old one kept, or a new one to be read.
    files: Vec<FileRecord>,
    /// Each old file's place among `files` if it is kept as it was.
    new_of_old: Vec<Option<u32>>,
    /// The files to read: their place, and whether a file of that path was there before.
    to_read: Vec<(u32, &'a SourceFile, bool)>,
}

impl<'a> Matched<'a> {
    /// Matches the files listed now with the old ones by path: both in walk order (a listing
    /// of one folder is), by merging them; else by a map of the old paths. At a million
    /// files the map took 0.9-1.0 s of a reopen after a file was added (Path hashes and
    /// compares component by component).
    fn listed(old_files: &mut [FileRecord], now: &'a [SourceFile]) -> Matched<'a> {
        let in_order = |a: &Path, b: &Path| corpus::walk_order(a, b).is_lt();
        let old_in_order = old_files.windows(2).all(|w| in_order(&w[0].path, &w[1].path));
        let old_of_now: Vec<Option<usize>> =
            if old_in_order && now.windows(2).all(|w| in_order(&w[0].path, &w[1].path)) {
                let mut o = 0;
                now.iter()
                    .map(|file| {
                        let (at, known) = seek(old_files, o, old_files.len(), &file.path);
                        o = at + usize::from(known);
                        known.then_some(at)
                    })
                    .collect()
            } else {
                let old_by_path: HashMap<&Path, usize> =
                    old_files.iter().enumerate().map(|(i, f)| (f.path.as_path(), i)).collect();
                now.iter().map(|file| old_by_path.get(file.path.as_path()).copied()).collect()
            };
        let mut matched = Matched::with_capacity(old_files.len(), now.len());
        for (file, old) in now.iter().zip(old_of_now) {
            match old {
                Some(o) if old_files[o].unchanged(file) => matched.keep(old_files, o),
                known => matched.read(file, known.is_some()),
            }
        }
        matched
    }

    /// The old files with the touched paths brought up to date: both are in walk order, so
    /// they are merged, and the old files at a touched path or under it (a folder that is
    /// gone, or walked again) are found where the path would be, without a map of a million
    /// paths; they are matched with what is there now as a listing matches them.
    fn touched(old_files: &mut [FileRecord], touched: &'a corpus::touched::Touched) -> Matched<'a> {
        let now_count: usize = touched.iter().map(|(_, now)| now.len()).sum();
        let mut matched = Matched::with_capacity(old_files.len(), old_files.len() + now_count);
        let mut o = 0;
        for (path, now) in touched {
            let there = at_path(old_files, o, path);
            (o..there.start).for_each(|o| matched.keep(old_files, o));
            let mut old = there.start;
            for file in now {
                // The old files before it are gone; one at its path is kept or read again.
                let known;
                (old, known) = seek(old_files, old, there.end, &file.path);
                if known && old_files[old].unchanged(file) {
                    matched.keep(old_files, old);
                } else {
                    matched.read(file, known);
                }
                old += usize::from(known);
            }
            o = there.end;
        }
        (o..old_files.len()).for_each(|o| matched.keep(old_files, o));
        matched
    }

    fn with_capacity(old: usize, now: usize) -> Matched<'a> {
        Matched { files: Vec::with_capacity(now), new_of_old: vec![None; old], to_read: Vec::new() }
    }

    fn keep(&mut self, old_files: &mut [FileRecord], o: usize) {
        self.new_of_old[o] = Some(self.files.len() as u32);
        self.files.push(std::mem::take(&mut old_files[o]));
    }

    fn read(&mut self, file: &'a SourceFile, known: bool) {
        self.to_read.push((self.files.len() as u32, file, known));
        self.files.push(FileRecord::listed(file));
    }
}

/// Whether the touched paths leave the corpus's files as they were (a folder's events often
/// come again for a change already taken in): each is looked for where it would be in walk
/// order, without going through the million others.
pub(super) fn touches_nothing(old_files: &[FileRecord], touched: &corpus::touched::Touched) -> bool {
    touched.iter().all(|(path, now)| {
        let old = &old_files[at_path(old_files, 0, path)];
        old.len() == now.len()
            && old.iter().zip(now).all(|(old, file)| old.path == file.path && old.unchanged(file))
    })
}

/// From `from`, the first of the old files before `end` that does not come before `path` in walk
/// order, and whether it is at `path`: the step of a merge of two lists in walk order.
fn seek(old_files: &[FileRecord], from: usize, end: usize, path: &Path) -> (usize, bool) {
    let mut at = from;
    while at < end && corpus::walk_order(&old_files[at].path, path).is_lt() {
        at += 1;
    }
    (at, at < end && old_files[at].path == path)
}

/// Where the old files at `path` or under it are, among those from `from` on: the old files
/// are in walk order, so those come together, where the path would be.
fn at_path(old_files: &[FileRecord], from: usize, path: &Path) -> std::ops::Range<usize> {
    let rest = &old_files[from..];
    let start = from + rest.partition_point(|f| corpus::walk_order(&f.path, path).is_lt());
    let len = old_files[start..].iter().take_while(|f| f.path.starts_with(path)).count();
    start..start + len
}

fn ms_since(t: Instant) -> u64 {
    t.elapsed().as_millis() as u64
}

/// A corpus brought up to date.
pub(super) struct Updated {
    pub cached: Cached,
    /// The corpus-wide names the interface shows (the summaries with them are the state's).
    pub renames: Arc<Renames>,
    pub change: CorpusChange,
}

/// Updates the indexes and the state `old` to the folder as it is now; says what changed.
pub(super) fn update(
    index: &SearchIndex,
    recognizer: &Recognizer,
    mut old: Cached,
    now: Change,
    timings: &mut Timings,
) -> Result<Updated> {
    // A reopened corpus's records of files and origins are read now that they are needed.
    let (mut old_files, mut origins) = old.take_rest().map_err(anyhow::Error::msg)?;
    let before = corpus_pass::Before::of(&mut old);
    let Cached { mut articles, mut summaries, roots, listed_skipped, month_days: kept_month_days, .. } = old;

    // Which files are as they were; the others are read again.
    let (matched, listed_skipped, fingerprint) = match now {
        Change::Listed { files, listed_skipped, fingerprint } => {
            (Matched::listed(&mut old_files, files), listed_skipped, Some(fingerprint))
        }
        Change::Touched(touched) => (Matched::touched(&mut old_files, touched), listed_skipped, None),
    };
    let Matched { mut files, new_of_old, to_read } = matched;
    // Brought up to date from a few paths, the listing's fingerprint is its files' own.
    let fingerprint = fingerprint.unwrap_or_else(|| {
        corpus::fingerprint_of_files(
            files.iter().map(|f| (f.path.as_path(), f.size, f.stamp)),
            &listed_skipped,
        )
    });
    let mut holes = BTreeSet::new();
    for (id, origin) in origins.iter_mut().enumerate() {
        match new_of_old.get(origin.file as usize).copied().flatten() {
            Some(file) => origin.file = file,
            None => {
                holes.insert(id as u32);
            }
        }
    }
    let changed_files: BTreeSet<&Path> =
        to_read.iter().filter(|(_, _, known)| *known).map(|(_, f, _)| f.path.as_path()).collect();
    let of_changed_file = |id: u32| {
        let file = origins.get(id as usize).and_then(|o| old_files.get(o.file as usize));
        file.is_some_and(|f| changed_files.contains(f.path.as_path()))
    };
    let in_changed_files: BTreeSet<u32> = holes.iter().copied().filter(|&id| of_changed_file(id)).collect();

    // The files the listing names as JSON lines files, which a first open reads last.
    let json_lines: BTreeSet<u32> =
        to_read.iter().filter(|(_, f, _)| f.kind == corpus::FileKind::JsonLines).map(|(i, ..)| *i).collect();
    let t = Instant::now();
    let mut loads: Vec<(u32, FileLoad, bool)> =
        to_read.par_iter().map(|(i, f, known)| (*i, corpus::load_file(f), *known)).collect();
    timings.load_ms += ms_since(t);
    let (kept_again, nths) =
        keep_articles_as_they_were(&articles, &mut origins, &in_changed_files, &mut loads);
    holes.retain(|id| !kept_again.contains(id));

    // What the articles that go counted of the month-days is taken back; the new ones are
    // counted as they are analyzed.
    let mut month_days = kept_month_days.map(|mut kept| {
        for id in &holes {
            if let Some(origin) = origins.get(*id as usize).filter(|o| !o.undated) {
                kept.remove(&origin.mentions);
            }
        }
        kept
    });
    let delta = change_in_articles(&articles, &holes, &in_changed_files, &loads);

    let t = Instant::now();
    let mut text_writer = index.text_writer()?;
    let mut notes_writer = index.notes_writer()?;
    for &id in &holes {
        index.remove(&text_writer, &notes_writer, id);
    }
    // New articles take the ids of removed ones, lowest first, then come at the end.
    let mut free = holes.clone();
    let mut fresh: Vec<(u32, String)> = Vec::new();
    let placeholder = Arc::new(Summary::default());
    for ((file, load, _), nths) in loads.into_iter().zip(nths) {
        if let Some(record) = files.get_mut(file as usize) {
            record.bytes = load.bytes;
            record.skipped = load.skipped;
        }
        for (mut article, nth) in load.articles.into_iter().zip(nths) {
            let id = free.pop_first().unwrap_or(articles.len() as u32);
            article.id = id;
            index.add(&text_writer, &article)?;
            let origin = Origin {
                file,
                nth,
                lines: json_lines.contains(&file),
                undated: article.date.is_none(),
                read_as: article.digest(),
                ..Origin::default()
            };
            let text = std::mem::take(&mut article.text);
            let article = Arc::new(article);
            if (id as usize) < articles.len() {
                articles[id as usize] = article;
                summaries[id as usize] = Arc::clone(&placeholder);
                origins[id as usize] = origin;
            } else {
                articles.push(article);
                summaries.push(Arc::clone(&placeholder));
                origins.push(origin);
            }
            fresh.push((id, text));
        }
    }
    // Ids stay dense: the last articles move down into the holes left over.
    let mut moved = BTreeSet::new();
    loop {
        while let Some(last) = articles.len().checked_sub(1) {
            if !free.remove(&(last as u32)) {
                break;
            }
            articles.pop();
            summaries.pop();
            origins.pop();
        }
        let Some(hole) = free.pop_first() else { break };
        let last = articles.len() - 1;
        let (Some(article), Some(summary), Some(origin)) = (articles.pop(), summaries.pop(), origins.pop())
        else {
            break;
        };
        let mut article = Article::clone(&article);
        article.text = index.text(last as u32)?.unwrap_or_default();
        // The text index holds an article as it was read: one without a date of its own goes in
        // without the date the corpus gave it (as a fresh index has it), and is dated again
        // below, its notes written with that date, as its date now reads as changed.
        if origin.undated {
            article.date = None;
        }
        index.remove(&text_writer, &notes_writer, last as u32);
        article.id = hole;
        index.add(&text_writer, &article)?;
        article.text = String::new();
        articles[hole as usize] = Arc::new(article);
        summaries[hole as usize] = summary;
        origins[hole as usize] = origin;
        moved.insert(hole);
    }
    index.commit(&mut text_writer)?;
    drop(text_writer);
    timings.index_ms += ms_since(t);

    // The new articles' analyses; the moved ones keep theirs.
    let t = Instant::now();
    let dates = dates_of(&articles, &fresh);
    let analyses = analyze_side_by_side(&fresh, &dates, recognizer);
    let mut names = analysis::Interner::default();
    let mut undated: Vec<Undated> = Vec::new();
    for (((id, text), mut a), date) in fresh.into_iter().zip(analyses).zip(dates) {
        names.intern(&mut a);
        let summary = Arc::new(Summary::of(&a));
        index.note(&notes_writer, id, None, &summary, false)?;
        summaries[id as usize] = summary;
        if date.is_some() {
            let mentions = dating::full_dates(&a);
            if let Some(kept) = &mut month_days {
                kept.add(&mentions);
            }
            origins[id as usize].mentions = mentions.into_boxed_slice();
        } else {
            undated.push((id, text, a));
        }
    }
    let month_days = month_days.unwrap_or_else(|| dated_month_days(&origins));
    debug_assert_eq!(month_days, dated_month_days(&origins), "the kept month-days are the corpus's");
    // The articles without a date of their own are dated again, from the corpus as it is now,
    // and from what each was dated from before. Only those whose date changes are read and
    // analyzed again (their events are placed against the new date).
    let new_undated: BTreeSet<u32> = undated.iter().map(|(id, ..)| *id).collect();
    let redated = redated_since(&articles, &summaries, &origins, &month_days, &new_undated, &moved);
    // A moved article's notes go under its new id, except for those analyzed again below, which
    // write theirs then (written here too, they were written, then deleted and written again).
    for &id in moved.iter().filter(|id| redated.binary_search(id).is_err()) {
        index.note(&notes_writer, id, None, &summaries[id as usize], false)?;
    }
    for id in redated {
        let text = index.text(id)?.unwrap_or_default();
        let mut a = analysis::analyze(&text, None, recognizer);
        names.intern(&mut a);
        let summary = Arc::new(Summary::of(&a));
        index.note(&notes_writer, id, None, &summary, true)?;
        let i = id as usize;
        summaries[i] = summary;
        articles[i] = Arc::new(Article { date: None, ..Article::clone(&articles[i]) });
        undated.push((id, text, a));
    }
    let revision = corpus_pass::run(
        index,
        &notes_writer,
        &mut articles,
        &mut summaries,
        &month_days,
        undated,
        Some(before),
    )?;
    corpus_pass::keep_evidence(&mut origins, revision.evidence);
    let shown = corpus_pass::shown_in_place(&summaries, revision.shown);
    index.commit(&mut notes_writer)?;
    timings.analyze_ms += ms_since(t);
    let cached = Cached {
        fingerprint,
        articles,
        names: Some(revision.book),
        month_days: Some(month_days),
        shown,
        summaries,
        listed_skipped,
        renames: corpus_pass::renames_list(&revision.renames),
        roots,
        places: crate::index::state::places_of(&origins),
        rest: Rest::Read { files, origins },
    };
    Ok(Updated { cached, renames: revision.renames, change: delta })
}

/// What an update changes, counted in articles: an article that goes (of `holes`) and one that
/// comes (of `loads`) are one changed where a changed file (`in_changed_files` were its
/// articles) still has an article at the path; the others went, or came.
fn change_in_articles(
    articles: &[Arc<Article>],
    holes: &BTreeSet<u32>,
    in_changed_files: &BTreeSet<u32>,
    loads: &[(u32, FileLoad, bool)],
) -> CorpusChange {
    let paths_now: std::collections::HashSet<&str> = loads
        .iter()
        .filter(|(_, _, known)| *known)
        .flat_map(|(_, load, _)| load.articles.iter().map(|a| &*a.path))
        .collect();
    let mut change = CorpusChange::default();
    let mut paths_changed: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for id in holes {
        let path = articles.get(*id as usize).map(|a| &*a.path);
        match path.filter(|p| in_changed_files.contains(id) && paths_now.contains(p)) {
            Some(path) => {
                change.changed_before += 1;
                paths_changed.insert(path);
            }
            None => change.removed += 1,
        }
    }
    for (_, load, known) in loads {
        for article in &load.articles {
            if *known && paths_changed.contains(&*article.path) {
                change.changed_after += 1;
            } else {
                change.added += 1;
            }
        }
    }
    change
}

/// Keeps the articles of changed files, among `in_changed_files`, that read as they did at the
/// same path (a JSON lines file that grew by an article is one article more, not all of its
/// articles read, indexed and analyzed again): they leave `loads`, and keep their ids,
/// summaries and index entries, their origins now naming their file's new place and their
/// place in it. Their ids, and the places in their files of the articles left in each load.
fn keep_articles_as_they_were(
    articles: &[Arc<Article>],
    origins: &mut [Origin],
    in_changed_files: &BTreeSet<u32>,
    loads: &mut [(u32, FileLoad, bool)],
) -> (BTreeSet<u32>, Vec<Vec<u32>>) {
    // By digest, then path. A file can hold one article twice, at one path: each is matched once.
    let mut as_they_were: HashMap<u64, Vec<u32>> = HashMap::new();
    for &id in in_changed_files {
        if let Some(origin) = origins.get(id as usize) {
            as_they_were.entry(origin.read_as).or_default().push(id);
        }
    }
    let path_of = |id: &u32| articles.get(*id as usize).map(|a| &*a.path);
    let mut kept = BTreeSet::new();
    let mut nths = Vec::with_capacity(loads.len());
    for (file, load, known) in loads.iter_mut() {
        let mut left = Vec::with_capacity(load.articles.len());
        let mut next = 0u32;
        load.articles.retain(|article| {
            let n = next;
            next += 1;
            // A new file's articles are new: their texts are not digested.
            let same = known.then(|| as_they_were.get_mut(&article.digest())).flatten();
            let found = same.and_then(|ids| {
                let at = ids.iter().position(|id| path_of(id) == Some(&*article.path))?;
                Some(ids.swap_remove(at))
            });
            let Some(id) = found else {
                left.push(n);
                return true;
            };
            kept.insert(id);
            if let Some(origin) = origins.get_mut(id as usize) {
                origin.file = *file;
                origin.nth = n;
            }
            false
        });
        nths.push(left);
    }
    (kept, nths)
}

/// The month-days of the dated articles, from what each was counted with.
fn dated_month_days(origins: &[Origin]) -> MonthDays {
    let mut month_days = MonthDays::default();
    for origin in origins.iter().filter(|o| !o.undated) {
        month_days.add(&origin.mentions);
    }
    month_days
}

/// Makes ready, at a quiet moment, what a watched corpus's next update needs: its files'
/// records read from the state file, its book of names and its month-days. A reopened million
/// read the records for 0.6 s and counted the names for 0.3 s at its first change.
pub(super) fn make_ready(cached: &mut Cached) -> Result<()> {
    cached.files().map_err(anyhow::Error::msg)?;
    if cached.names.is_none() {
        cached.names = Some(corpus_pass::book_of(&cached.summaries));
    }
    if let (None, Rest::Read { origins, .. }) = (&cached.month_days, &cached.rest) {
        cached.month_days = Some(dated_month_days(origins));
    }
    Ok(())
}

/// The articles that were undated when loaded, kept from before the update, whose date the
/// corpus as it is now gives otherwise than it did (or cannot give any more); a kept article
/// without its evidence (there is none for it) is among them, and so is one `moved` to another
/// id: it lost the date the corpus gave it when it moved, so its date reads as unchanged when
/// the corpus can no longer give one, while its events were placed against the old date. In
/// the order of their ids.
fn redated_since(
    articles: &[Arc<Article>],
    summaries: &[Arc<Summary>],
    origins: &[Origin],
    month_days: &MonthDays,
    new: &BTreeSet<u32>,
    moved: &BTreeSet<u32>,
) -> Vec<u32> {
    // Each kept undated article with its evidence, if it has some.
    let undated: Vec<(u32, Option<&dating::Evidence>)> = origins
        .iter()
        .enumerate()
        .filter(|&(id, o)| o.undated && !new.contains(&(id as u32)))
        .map(|(id, o)| (id as u32, o.evidence.as_deref()))
        .collect();
    let with_evidence: Vec<(u32, &dating::Evidence)> =
        undated.iter().filter_map(|&(id, evidence)| Some((id, evidence?))).collect();
    let all: Vec<&Article> = articles.iter().map(Arc::as_ref).collect();
    let raw: Vec<&Summary> = summaries.iter().map(Arc::as_ref).collect();
    let dates: HashMap<u32, crate::corpus::ArticleDate> =
        dating::date_articles(&all, &raw, month_days, &with_evidence).into_iter().collect();
    let date_now = |id: u32| articles.get(id as usize).and_then(|a| a.date);
    undated
        .into_iter()
        .filter(|&(id, evidence)| {
            evidence.is_none() || moved.contains(&id) || date_now(id) != dates.get(&id).copied()
        })
        .map(|(id, _)| id)
        .collect()
}

#[cfg(test)]
mod tests;

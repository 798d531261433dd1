//! Opening a corpus again from the cache: the cached state handed on as if it had just been
//! loaded, and, for the interface, shown before the folder is checked against it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use anyhow::Result;

use super::Cancelled;
use super::corpus_pass;
use super::pipeline::{ms_since, shown_roots};
use crate::analysis::identity::Renames;
use crate::analysis::{Recognizer, Summary};
use crate::app::protocol::{PipelineEvent, Timings};
use crate::corpus::{self, Skipped, SourceFile};
use crate::index::SearchIndex;
use crate::index::state::Cached;

/// When a cached corpus is opened again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reopen {
    /// Shown at once, then checked against its folder and brought up to date if it changed:
    /// the interface (listing a million files takes seconds).
    ShowFirst,
    /// Checked first: the commands, whose answers are of the folder as it is.
    CheckFirst,
}

/// Whether one of `paths` changed its own entries (files added, removed or renamed in a folder)
/// since the state in `dir` was written, as its modification time tells. A changed folder of
/// a million files was walked twice: once keeping nothing, to find that it changed, then to
/// list it. Changes further down, or within files, are still found by that first walk.
pub(super) fn changed_since(paths: &[PathBuf], dir: &std::path::Path) -> bool {
    let Some(written) = crate::index::state::written_at(dir) else { return false };
    let modified = |path: &PathBuf| std::fs::metadata(path).and_then(|meta| meta.modified()).ok();
    paths.iter().any(|path| modified(path).is_some_and(|at| at > written))
}

/// The corpus's files as listed, with their fingerprint. A list that is the cached state's
/// is not kept: at a million files it is a tenth of the memory, and while the cached corpus
/// is shown it is not needed.
pub(super) struct Listing {
    fingerprint: u64,
    files: Option<(Vec<SourceFile>, Vec<Skipped>)>,
}

impl Listing {
    /// Lists the files of `paths` (none: the seeds); keeps the list unless its fingerprint is
    /// `unless`. [`Cancelled`] once `stop` is set: the interface is closing, and at a million
    /// files quitting waited one to two seconds for the walk to end.
    pub(super) fn of(paths: &[PathBuf], unless: Option<u64>, stop: &AtomicBool) -> Result<Listing> {
        // Most often the folder is as it was: that is found out by walking it, keeping nothing.
        // Only a folder that changed is listed whole.
        if let Some(expected) = unless
            && corpus::fingerprint_unless_stopped(paths, stop).ok_or(Cancelled)? == expected
        {
            return Ok(Listing { fingerprint: expected, files: None });
        }
        let (files, skipped, fingerprint) = corpus::discover_unless_stopped(paths, stop).ok_or(Cancelled)?;
        Ok(Listing { fingerprint, files: Some((files, skipped)) })
    }

    pub(super) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The files and their fingerprint, listed again if the list was not kept (the cached
    /// state it matched turned out unusable, or changed since); [`Cancelled`] once `stop` is set.
    pub(super) fn into_files(
        self,
        paths: &[PathBuf],
        stop: &AtomicBool,
    ) -> Result<(Vec<SourceFile>, Vec<Skipped>, u64)> {
        match self.files {
            Some((files, skipped)) => Ok((files, skipped, self.fingerprint)),
            None => Listing::of(paths, None, stop)?.into_files(paths, stop),
        }
    }
}

/// A cached corpus being shown before its folder is checked.
pub(super) struct Shown<'a> {
    pub(super) paths: &'a [PathBuf],
    pub(super) index: &'a SearchIndex,
    pub(super) recognizer: &'a Recognizer,
    pub(super) notify: &'a dyn Fn(PipelineEvent),
    pub(super) started: Instant,
    pub(super) keeping: super::watch::Keeping,
    /// Set when the interface closes: the check is given up.
    pub(super) cancel: &'a AtomicBool,
}

impl Shown<'_> {
    /// Hands the cached corpus on, then compares the folder's files with it (`listed` waits for
    /// the listing) and brings it up to date if they changed, as a watched folder is.
    pub(super) fn then_check(
        self,
        mut cached: Cached,
        listed: impl FnOnce() -> Result<Listing>,
    ) -> Result<super::watch::Loaded> {
        let notify = self.notify;
        announce(&mut cached, self.paths, self.index, notify);
        notify(PipelineEvent::Checking);
        replay_as_it_was(&cached, self.index, notify, self.started);
        let listing = match listed() {
            Ok(listing) => listing,
            Err(stopped) => {
                // The interface is closing and waits for this thread: letting go of a million
                // articles took a quarter of a second.
                super::memory::free_aside(cached);
                return Err(stopped);
            }
        };
        let (cached, change) = super::watch::refresh(
            self.paths,
            self.index,
            self.recognizer,
            cached,
            listing,
            self.cancel,
            notify,
        )?;
        let changed = change.is_some();
        if !changed {
            self.index.note_state_current();
        }
        notify(change.map_or(PipelineEvent::Checked, PipelineEvent::Updated));
        // Written once the interface knows the corpus is up to date: it need not wait for it,
        // and quitting still does (this thread's end).
        let unsaved = changed && self.keeping.keep(self.index, &cached);
        Ok(super::watch::Loaded { cached, unsaved })
    }
}

/// Says what a cached corpus holds before it is handed on: its files, under the paths as the
/// user spelled them this time, and what the index has to tell.
pub(super) fn announce(
    cached: &mut Cached,
    paths: &[PathBuf],
    index: &SearchIndex,
    notify: &dyn Fn(PipelineEvent),
) {
    let roots = shown_roots(paths);
    cached.respell(&roots);
    notify(PipelineEvent::Discovered { files: cached.rest.file_count(), bytes: cached.rest.bytes(), roots });
    if let Some(notice) = index.notice() {
        notify(PipelineEvent::Notice(notice.to_string()));
    }
}

/// Hands on a cached corpus read from its state file, as it was shown, and has its index's
/// search files read ahead for the first queries.
pub(super) fn replay_as_it_was(
    cached: &Cached,
    index: &SearchIndex,
    notify: &dyn Fn(PipelineEvent),
    started: Instant,
) {
    let renames = Arc::new(corpus_pass::renames_of(cached));
    replay(cached, renames, &cached.shown, notify, started, Timings::default(), true);
    index.read_ahead();
}

/// Hands on a cached corpus as if it had just been loaded and analyzed, with its corpus-wide
/// names and its summaries as `shown` gives them, by id.
pub(super) fn replay(
    cached: &Cached,
    renames: Arc<Renames>,
    shown: &[Arc<Summary>],
    notify: &dyn Fn(PipelineEvent),
    started: Instant,
    timings: Timings,
    from_cache: bool,
) {
    let n = cached.articles.len();
    let elapsed_ms = ms_since(started);
    let (skipped, bytes) = (cached.skipped(), cached.rest.bytes());
    if !cached.places.are_ids() {
        notify(PipelineEvent::Placed(cached.places.clone()));
    }
    notify(PipelineEvent::Batch { articles: cached.articles.clone(), skipped, bytes, elapsed_ms });
    notify(PipelineEvent::Indexed { articles: n });
    let summaries = shown.iter().enumerate().map(|(i, s)| (i as u32, Arc::clone(s))).collect();
    notify(PipelineEvent::Renamed(renames));
    notify(PipelineEvent::Revised { summaries, redated: Vec::new(), elapsed_ms });
    notify(PipelineEvent::Done { millis: ms_since(started), timings, from_cache });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::pipeline::spawn_cancellable;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    fn article(title: &str) -> String {
        format!("{title}\ndate 2022-08-02\n\nJapan and the Netherlands discussed export rules.\n")
    }

    /// Opens `corpus` with its index kept in `cache`: the events' names, with the number of
    /// articles a batch or a refresh carries.
    fn open(corpus: &std::path::Path, cache: &std::path::Path, reopen: Reopen) -> Vec<String> {
        let paths = vec![corpus.to_path_buf()];
        let index = Arc::new(SearchIndex::cached(cache, &paths).unwrap());
        assert!(index.kept_dir().is_some());
        let (tx, rx) = std::sync::mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let thread = spawn_cancellable(
            paths,
            move |_: &[PathBuf]| Ok(index),
            cancel,
            None,
            reopen,
            move |e| {
                let _ = tx.send(e);
            },
        )
        .unwrap();
        let events: Vec<String> = rx
            .iter()
            .map(|e| match e {
                PipelineEvent::Batch { articles, .. } => format!("Batch {}", articles.len()),
                PipelineEvent::Refreshed(r) => format!("Refreshed {}", r.articles.len()),
                PipelineEvent::Done { from_cache, .. } => format!("Done from_cache={from_cache}"),
                PipelineEvent::Updated(change) => format!("Updated {}", change.describe()),
                other => format!("{other:?}").split([' ', '(', '{']).next().unwrap_or("").to_string(),
            })
            .collect();
        thread.join().unwrap();
        events
    }

    /// A reopened corpus is shown with the summaries its state file keeps as shown, the
    /// articles' own left in the file; brought up to date, it reads them back: the state it
    /// keeps is the one a first open of the folder keeps.
    #[test]
    fn summaries_left_in_the_state_file_come_back_for_an_update() {
        let corpus = tempfile::tempdir().unwrap();
        let (kept, fresh) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        for (path, text) in crate::corpus::seeds::SEEDS {
            std::fs::write(corpus.path().join(&path["seeds/".len()..]), text).unwrap();
        }
        let story = |title: &str, text: &str| format!("{title}\ndate 2022-08-02\n\n{text}\n");
        std::fs::write(
            corpus.path().join("b.txt"),
            story("Rail deal", "Blinken met rail officials in Osaka."),
        )
        .unwrap();
        open(corpus.path(), kept.path(), Reopen::ShowFirst);
        std::fs::write(corpus.path().join("c.txt"), story("Chips", "Hagiuda spoke of chips.")).unwrap();
        let events = open(corpus.path(), kept.path(), Reopen::ShowFirst);
        assert!(events.contains(&"Updated +1 article".to_string()), "{events:?}");
        open(corpus.path(), fresh.path(), Reopen::ShowFirst);
        let paths = [corpus.path().to_path_buf()];
        // Read as an update reads it: the articles' own summaries.
        let state = |cache: &std::path::Path| {
            let dir = crate::index::cache::corpus_dir(cache, &paths);
            let mut state = crate::index::state::load(&dir).unwrap().unwrap();
            state.take_rest().unwrap();
            state
        };
        let (updated, first) = (state(kept.path()), state(fresh.path()));
        assert!(!first.renames.is_empty(), "the corpus has corpus-wide names");
        let own = |s: &Cached| s.summaries.iter().map(|s| (**s).clone()).collect::<Vec<_>>();
        assert_eq!(own(&updated), own(&first));
        assert!(
            updated.summaries.iter().any(|s| s.entities.iter().any(|e| &*e.name == "Blinken")),
            "its own name, not the corpus-wide one"
        );
    }

    /// The loading thread opens the index itself: an index that cannot be opened is the load
    /// failing, with the reason, and nothing else is reported.
    #[test]
    fn an_index_that_cannot_be_opened_fails_the_load_with_its_reason() {
        let corpus = tempfile::tempdir().unwrap();
        std::fs::write(corpus.path().join("a.txt"), article("Export talks")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let paths = vec![corpus.path().to_path_buf()];
        let unopened = |_: &[PathBuf]| Err(anyhow::anyhow!("the cache folder is read-only"));
        let thread = spawn_cancellable(paths, unopened, cancel, None, Reopen::ShowFirst, move |e| {
            let _ = tx.send(e);
        })
        .unwrap();
        thread.join().unwrap();
        let events: Vec<PipelineEvent> = rx.iter().collect();
        assert!(
            matches!(&events[..], [PipelineEvent::Failed(reason)] if reason == "the cache folder is read-only"),
            "{events:?}"
        );
    }

    /// A folder with an entry added after its state was written has changed since; a folder
    /// whose state was written after its last change, or whose change is further down, has
    /// not (as far as its own time tells), and is walked first.
    #[test]
    fn a_folder_given_an_entry_after_its_state_was_written_changed_since() {
        let corpus = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        std::fs::create_dir(corpus.path().join("sub")).unwrap();
        std::fs::write(corpus.path().join("a.txt"), article("Export talks")).unwrap();
        // The file system's clock moves in ticks of a few milliseconds.
        let tick = || std::thread::sleep(std::time::Duration::from_millis(30));
        tick();
        open(corpus.path(), cache.path(), Reopen::CheckFirst);
        let paths = [corpus.path().to_path_buf()];
        let index = SearchIndex::cached(cache.path(), &paths).unwrap();
        let dir = index.kept_dir().unwrap();
        assert!(!changed_since(&paths, dir), "written after the folder's last change");
        tick();
        std::fs::write(corpus.path().join("sub/b.txt"), article("Chip talks")).unwrap();
        assert!(!changed_since(&paths, dir), "a change further down is found by the walk");
        std::fs::write(corpus.path().join("c.txt"), article("Rail talks")).unwrap();
        assert!(changed_since(&paths, dir), "a file added to the folder itself");
    }

    /// A folder whose own entries changed and whose articles did not (a file that is not an
    /// article's added) is listed at its next open, found unchanged, and not listed at once
    /// again: the state is noted as the folder's as it is now.
    #[test]
    fn a_folder_found_unchanged_after_its_entries_changed_is_not_listed_at_once_again() {
        let corpus = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        std::fs::write(corpus.path().join("a.txt"), article("Export talks")).unwrap();
        let tick = || std::thread::sleep(std::time::Duration::from_millis(30));
        open(corpus.path(), cache.path(), Reopen::CheckFirst);
        let paths = [corpus.path().to_path_buf()];
        let dir = crate::index::cache::corpus_dir(cache.path(), &paths);
        for reopen in [Reopen::CheckFirst, Reopen::ShowFirst] {
            tick();
            std::fs::write(corpus.path().join("notes.doc"), "not an article").unwrap();
            std::fs::remove_file(corpus.path().join("notes.doc")).unwrap();
            assert!(changed_since(&paths, &dir), "{reopen:?}");
            open(corpus.path(), cache.path(), reopen);
            assert!(!changed_since(&paths, &dir), "{reopen:?}: found unchanged, the state is the folder's");
        }
    }

    /// A first open of a small corpus leaves its notes in the segments its passes wrote: the
    /// merge is for a corpus of [`crate::index::NOTES_MERGED_FROM`] articles or more. The next
    /// open reads them.
    #[test]
    fn a_first_open_of_a_small_corpus_leaves_its_notes_as_written() {
        let corpus = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        for (path, text) in crate::corpus::seeds::SEEDS {
            std::fs::write(corpus.path().join(&path["seeds/".len()..]), text).unwrap();
        }
        open(corpus.path(), cache.path(), Reopen::CheckFirst);
        let index = SearchIndex::cached(cache.path(), &[corpus.path().to_path_buf()]).unwrap();
        assert!(index.notes_segments() > 1, "merged");
        let parsed = index.parse_typing("entity:Blink").unwrap();
        // Every seed names him.
        assert_eq!(index.search(&parsed, &Default::default()).unwrap().len(), 5, "{:?}", parsed.notes);
    }

    #[test]
    fn an_unchanged_folder_is_checked_without_keeping_its_list_and_a_changed_one_is_listed() {
        let corpus = tempfile::tempdir().unwrap();
        for (path, text) in
            [("a.txt", "One."), ("b/c.md", "Two."), ("b/d/e.json", "{}"), (".hidden/f.txt", "No.")]
        {
            let path = corpus.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::os::unix::fs::symlink(corpus.path().join("a.txt"), corpus.path().join("b/again.txt")).unwrap();
        let paths = [corpus.path().to_path_buf()];
        let go = AtomicBool::new(false);
        let listed = Listing::of(&paths, None, &go).unwrap();
        let (files, _, fingerprint) = listed.into_files(&paths, &go).unwrap();
        assert_eq!(files.len(), 3, "{files:?}");
        let checked = Listing::of(&paths, Some(fingerprint), &go).unwrap();
        assert_eq!(checked.fingerprint(), fingerprint, "the walk's fingerprint is the listing's");
        assert!(checked.files.is_none(), "nothing kept of an unchanged folder");
        std::fs::write(corpus.path().join("b/new.txt"), "Three.").unwrap();
        let changed = Listing::of(&paths, Some(fingerprint), &go).unwrap();
        assert_ne!(changed.fingerprint(), fingerprint);
        let (files, _, _) = changed.into_files(&paths, &go).unwrap();
        assert!(files.iter().any(|f| f.shown.ends_with("b/new.txt")), "{files:?}");
        // The interface closing: neither a check nor a listing goes on, nor a list not kept.
        let stop = AtomicBool::new(true);
        let cancelled = |e: anyhow::Error| e.is::<Cancelled>();
        assert!(Listing::of(&paths, Some(fingerprint), &stop).is_err_and(cancelled), "checking");
        assert!(Listing::of(&paths, None, &stop).is_err_and(cancelled), "listing");
        assert!(checked.into_files(&paths, &stop).is_err_and(cancelled), "listing what was not kept");
    }

    /// A corpus of one article, opened once so that its cache holds it: the folder and the cache.
    fn cached_with_one_article() -> (tempfile::TempDir, tempfile::TempDir) {
        let corpus = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        std::fs::write(corpus.path().join("a.txt"), article("Export talks")).unwrap();
        open(corpus.path(), cache.path(), Reopen::ShowFirst);
        (corpus, cache)
    }

    /// The interface closing as a cached corpus opens: reading its state is given up, and the
    /// load ends having shown nothing and reported nothing (it is no failure).
    #[test]
    fn a_load_stopped_as_it_opens_reports_nothing() {
        let (corpus, cache) = cached_with_one_article();
        let (tx, rx) = std::sync::mpsc::channel();
        let paths = vec![corpus.path().to_path_buf()];
        let kept = cache.path().to_path_buf();
        let cached = move |paths: &[PathBuf]| Ok(Arc::new(SearchIndex::cached(&kept, paths)?));
        let cancel = Arc::new(AtomicBool::new(true));
        let thread = spawn_cancellable(paths, cached, cancel, None, Reopen::ShowFirst, move |e| {
            let _ = tx.send(e);
        })
        .unwrap();
        thread.join().unwrap();
        let events: Vec<PipelineEvent> = rx.iter().collect();
        assert!(events.is_empty(), "{events:?}");
        let dir = crate::index::cache::corpus_dir(cache.path(), &[corpus.path().to_path_buf()]);
        assert!(crate::index::state::load(&dir).unwrap().is_some(), "the cache is kept as it was");
    }

    /// The interface closing once a cached corpus is shown, while its folder is walked: the
    /// walk is given up and the check ends without a result, the folder neither found
    /// unchanged nor brought up to date.
    #[test]
    fn a_check_stopped_as_the_corpus_shows_ends_without_a_result() {
        let (corpus, cache) = cached_with_one_article();
        let paths = [corpus.path().to_path_buf()];
        let index = SearchIndex::cached(cache.path(), &paths).unwrap();
        let cached = crate::index::state::load(index.kept_dir().unwrap()).unwrap().unwrap();
        let fingerprint = cached.fingerprint;
        let stop = AtomicBool::new(false);
        let events = std::cell::RefCell::new(Vec::new());
        let notify = |event: PipelineEvent| {
            // The user quits as the corpus shows.
            if matches!(event, PipelineEvent::Checking) {
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            events.borrow_mut().push(format!("{event:?}"));
        };
        let shown = Shown {
            paths: &paths,
            index: &index,
            recognizer: Recognizer::shared(),
            notify: &notify,
            started: Instant::now(),
            keeping: super::super::watch::Keeping::Now,
            cancel: &stop,
        };
        let ended = shown.then_check(cached, || Listing::of(&paths, Some(fingerprint), &stop));
        assert!(ended.is_err_and(|e| e.is::<Cancelled>()));
        let events = events.into_inner();
        let named = |name: &str| events.iter().any(|e| e.starts_with(name));
        assert!(named("Checking"), "{events:?}");
        assert!(!named("Checked") && !named("Updated") && !named("Failed"), "{events:?}");
    }

    #[test]
    fn the_interface_shows_a_cached_corpus_before_its_folder_is_checked() {
        let corpus = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        std::fs::write(corpus.path().join("a.txt"), article("Export talks")).unwrap();
        let first = open(corpus.path(), cache.path(), Reopen::ShowFirst);
        assert!(!first.contains(&"Checking".to_string()), "nothing cached yet: {first:?}");

        std::fs::write(corpus.path().join("b.txt"), article("Chip rules")).unwrap();
        let events = open(corpus.path(), cache.path(), Reopen::ShowFirst);
        let at = |name: &str| {
            events.iter().position(|e| e == name).unwrap_or_else(|| panic!("{name}: {events:?}"))
        };
        assert!(at("Checking") < at("Batch 1"), "the cached article is shown: {events:?}");
        assert!(at("Batch 1") < at("Done from_cache=true"));
        assert!(at("Done from_cache=true") < at("Refreshed 2"), "then the folder's new file comes in");
        assert!(at("Refreshed 2") < at("Updated +1 article"));

        let unchanged = open(corpus.path(), cache.path(), Reopen::ShowFirst);
        assert_eq!(unchanged.last().map(String::as_str), Some("Checked"), "{unchanged:?}");
        assert!(unchanged.contains(&"Batch 2".to_string()), "the update was kept: {unchanged:?}");

        // The commands check first: the corpus they answer from is the folder's.
        std::fs::remove_file(corpus.path().join("a.txt")).unwrap();
        let checked = open(corpus.path(), cache.path(), Reopen::CheckFirst);
        let at = |name: &str| {
            checked.iter().position(|e| e == name).unwrap_or_else(|| panic!("{name}: {checked:?}"))
        };
        assert!(at("Updated \u{2212}1 removed") < at("Batch 1"), "{checked:?}");
        assert!(!checked.contains(&"Checking".to_string()));

        // Unchanged since: answered from the state, as it was saved after the update.
        let again = open(corpus.path(), cache.path(), Reopen::CheckFirst);
        assert_eq!(again.first().map(String::as_str), Some("Discovered"), "{again:?}");
        assert!(again.contains(&"Batch 1".to_string()), "{again:?}");
        assert_eq!(again.last().map(String::as_str), Some("Done from_cache=true"), "{again:?}");
        assert!(!again.iter().any(|e| e.starts_with("Updated")), "{again:?}");
    }
}

//! A watched corpus: once it is loaded, the loading thread stays to follow its folders (with
//! `notify`, events gathered by `notify-debouncer-full`) and, while watching is on, brings the corpus up
//! to date with each change, as a reopen would, handing the interface the corpus as it is now.
//! A change is taken in from the paths its events name where they can tell what changed, and
//! the folders are walked to confirm it once the events stop.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Result;
use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::notify::{self, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, Debouncer, NoCache, new_debouncer_opt};

use super::incremental::{self, Change};
use super::reopen::Listing;
use crate::analysis::Recognizer;
use crate::analysis::identity::Renames;
use crate::app::protocol::{CorpusChange, PipelineEvent, Refresh, Timings};
use crate::corpus::{self, FileKind};
use crate::index::SearchIndex;
use crate::index::state::Cached;

/// Changes closer together than this are taken in together.
const SETTLE: Duration = Duration::from_millis(300);
/// How often the thread looks at its flags while nothing happens.
const TICK: Duration = Duration::from_millis(200);

/// How the loading thread follows a corpus: the user's toggle, and the channel the folders'
/// events come on, by which the interface also wakes it ([`Waker`]).
pub struct Following {
    watch: Arc<AtomicBool>,
    tx: mpsc::Sender<DebounceEventResult>,
    events: mpsc::Receiver<DebounceEventResult>,
    /// The folders' watcher, once started.
    watcher: Option<Watcher>,
}

type Watcher = Debouncer<RecommendedWatcher, NoCache>;

impl Following {
    /// Following with the toggle `watch`, and the waker of the thread that will follow.
    pub fn new(watch: Arc<AtomicBool>) -> (Following, Waker) {
        let (tx, events) = mpsc::channel();
        (Following { watch, tx: tx.clone(), events, watcher: None }, Waker(tx))
    }

    /// Starts watching before the corpus is loaded, if watching is on: what changes from then
    /// on comes as events, so the load's own look at the folders is the last walk needed (at a
    /// million files, a walk after the load kept the first change waiting seconds).
    pub(super) fn start_before_loading(&mut self, paths: &[PathBuf], notify: &dyn Fn(PipelineEvent)) {
        if self.watch.load(Ordering::Relaxed) {
            self.watcher = started(paths, &self.tx, &self.watch, notify);
        }
    }
}

/// The folders' watcher, started; if it cannot be, watching is turned off and the interface
/// is told why.
fn started(
    paths: &[PathBuf],
    tx: &mpsc::Sender<DebounceEventResult>,
    watch: &AtomicBool,
    notify: &dyn Fn(PipelineEvent),
) -> Option<Watcher> {
    match start(paths, tx.clone()) {
        Ok(watcher) => Some(watcher),
        Err(e) => {
            // Off before the interface hears of it, so that it never sees the two disagree.
            watch.store(false, Ordering::Relaxed);
            notify(PipelineEvent::Unwatched(format!("{e:#}")));
            None
        }
    }
}

/// Wakes the following thread to look at its flags now (the interface closing, or the toggle)
/// rather than at its next tick: quitting a million articles waited up to a tick for it.
#[derive(Clone)]
pub struct Waker(mpsc::Sender<DebounceEventResult>);

impl Waker {
    pub fn wake(&self) {
        // An empty batch of events: nothing changed, the flags are looked at.
        let _ = self.0.send(Ok(Vec::new()));
    }
}

/// Follows the corpus at `paths` until `cancel` is set. `cached` is the corpus as loaded.
pub(super) fn follow(
    paths: &[PathBuf],
    index: &SearchIndex,
    recognizer: &Recognizer,
    mut cached: Cached,
    cancel: &AtomicBool,
    following: Following,
    notify: &dyn Fn(PipelineEvent),
) -> Result<()> {
    let Following { watch, tx, events, mut watcher } = following;
    let mut look = Look::No;
    while !cancel.load(Ordering::Relaxed) {
        let on = watch.load(Ordering::Relaxed);
        if on && watcher.is_none() {
            watcher = started(paths, &tx, &watch, notify);
            if watcher.is_none() {
                continue;
            }
            // What changed while nobody watched is looked for now.
            look = look.and(Look::Check);
        } else if !on && watcher.is_some() {
            watcher = None;
        }
        // Every batch that came while the thread was busy is taken in at once.
        if let Ok(first) = events.recv_timeout(TICK) {
            for batch in std::iter::once(first).chain(events.try_iter()) {
                match batch {
                    Ok(found) => look = look.and(Look::of_events(&found)),
                    Err(errors) => errors.iter().for_each(|e| tracing::warn!("watching: {e}")),
                }
            }
        }
        // The user may have stopped watching while this thread waited.
        if !watch.load(Ordering::Relaxed) {
            continue;
        }
        if look == Look::No {
            incremental::make_ready(&mut cached)?;
            continue;
        }
        let now = std::mem::replace(&mut look, Look::No);
        if let Look::These { paths: changed, check } = &now {
            if let Some(touched) = corpus::touched::look_at(paths, changed.iter().cloned()) {
                let took;
                (cached, took) = take_in(index, recognizer, cached, &touched, notify)?;
                // A walk that keeps nothing confirms it at the next quiet tick: the paths may
                // not have told everything (a file also reached through a link, say).
                if took || *check {
                    look = Look::Check;
                }
                continue;
            }
            tracing::info!(paths = ?changed, "only a listing of the folders tells what changed");
        }
        let listing = Listing::of(paths, now.unless(cached.fingerprint));
        (cached, _) = refresh(paths, index, recognizer, cached, listing, notify)?;
    }
    // The interface is closing or reloading, and waits for this thread: at a million articles
    // letting go of the corpus took a quarter of a second of that wait.
    super::memory::free_aside(cached);
    Ok(())
}

/// Whether, and how, the folders are to be looked at again.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Look {
    No,
    /// The folders may differ from the corpus, and most often do not, which a walk that keeps
    /// nothing finds out: watching was turned on (they may have changed while nobody watched),
    /// or the corpus was brought up to date from its events' paths.
    Check,
    /// The folders' events named these paths: only they are looked at, if they can tell (a
    /// million files take seconds to walk); `check`: a check is due besides.
    These {
        paths: BTreeSet<PathBuf>,
        check: bool,
    },
    /// The folders are listed at once: the events say that something changed, not what.
    List,
}

impl Look {
    /// What a batch of the folders' events asks for.
    fn of_events(found: &[DebouncedEvent]) -> Look {
        let mut paths = BTreeSet::new();
        for event in found {
            // The watcher lost events (its queue overflowed): only a listing can tell.
            if event.need_rescan() {
                return Look::List;
            }
            if matters(event) {
                paths.extend(event.paths.iter().cloned());
            }
        }
        if paths.is_empty() { Look::No } else { Look::These { paths, check: false } }
    }

    /// Both in one: the wider look, with the paths of both.
    fn and(self, other: Look) -> Look {
        match (self, other) {
            (Look::List, _) | (_, Look::List) => Look::List,
            (Look::These { mut paths, check }, Look::These { paths: more, check: also }) => {
                paths.extend(more);
                Look::These { paths, check: check || also }
            }
            (Look::These { paths, check }, other) | (other, Look::These { paths, check }) => {
                Look::These { paths, check: check || other == Look::Check }
            }
            (Look::Check, _) | (_, Look::Check) => Look::Check,
            (Look::No, Look::No) => Look::No,
        }
    }

    /// The fingerprint under which a listing need not keep the files ([`Listing::of`]).
    fn unless(&self, fingerprint: u64) -> Option<u64> {
        (*self == Look::Check).then_some(fingerprint)
    }
}

fn start(paths: &[PathBuf], tx: mpsc::Sender<DebounceEventResult>) -> Result<Watcher> {
    // No file-id cache: it would walk the whole corpus to follow renames, and a rename's two
    // paths come as events anyway, the old one gone and the new one there.
    let mut debouncer = new_debouncer_opt(SETTLE, None, tx, NoCache, notify::Config::default())?;
    for path in paths {
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        let mode = if real.is_dir() { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
        debouncer.watch(&real, mode)?;
    }
    Ok(debouncer)
}

/// Whether an event can change the corpus: not a file being opened or read (listing and
/// reading the corpus would otherwise wake the watch again), and about an article file or a
/// folder (which has no extension), not an editor's swap file.
fn matters(event: &DebouncedEvent) -> bool {
    let writes = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    writes && event.paths.iter().any(|p| FileKind::from_path(p).is_some() || p.extension().is_none())
}

/// Brings the corpus up to date if its files, as `listing` found them, changed, and hands it
/// on; the state is kept. What changed, if anything. A watched folder's change and a cached
/// corpus checked after it was shown both come this way.
pub(super) fn refresh(
    paths: &[PathBuf],
    index: &SearchIndex,
    recognizer: &Recognizer,
    cached: Cached,
    listing: Listing,
    notify: &dyn Fn(PipelineEvent),
) -> Result<(Cached, Option<CorpusChange>)> {
    if listing.fingerprint() == cached.fingerprint {
        return Ok((cached, None));
    }
    let (files, listed_skipped, fingerprint) = listing.into_files(paths);
    let now = Change::Listed { files: &files, listed_skipped, fingerprint };
    let (cached, change) = update(index, recognizer, cached, now, notify)?;
    Ok((cached, Some(change)))
}

/// Brings the corpus up to date with the paths its folders' events named, `touched`, unless
/// they leave it as it was (events often come again for a change taken in). Whether it changed.
fn take_in(
    index: &SearchIndex,
    recognizer: &Recognizer,
    mut cached: Cached,
    touched: &corpus::touched::Touched,
    notify: &dyn Fn(PipelineEvent),
) -> Result<(Cached, bool)> {
    if incremental::touches_nothing(cached.files().map_err(anyhow::Error::msg)?, touched) {
        return Ok((cached, false));
    }
    let (cached, _) = update(index, recognizer, cached, Change::Touched(touched), notify)?;
    Ok((cached, true))
}

/// Updates the corpus to `now`, hands it on and keeps its state.
fn update(
    index: &SearchIndex,
    recognizer: &Recognizer,
    cached: Cached,
    now: Change,
    notify: &dyn Fn(PipelineEvent),
) -> Result<(Cached, CorpusChange)> {
    let incremental::Updated { cached, renames, change } =
        incremental::update(index, recognizer, cached, now, &mut Timings::default())?;
    tracing::info!(change = %change.describe(), "the folder changed");
    notify(refreshed(&cached, renames, change));
    if let Some(dir) = index.state_dir() {
        super::pipeline::save(index, dir, &cached);
    }
    Ok((cached, change))
}

/// The corpus as it is after `change`, for the interface to take in in place of what it shows.
fn refreshed(cached: &Cached, renames: Arc<Renames>, change: CorpusChange) -> PipelineEvent {
    PipelineEvent::Refreshed(Box::new(Refresh {
        articles: cached.articles.clone(),
        summaries: cached.shown.clone(),
        renames,
        skipped: cached.skipped(),
        bytes: cached.rest.bytes(),
        change,
    }))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    use std::sync::mpsc;
    use std::time::Duration;

    use super::{AccessKind, AccessMode, DebouncedEvent, EventKind, Following, Waker, notify};
    use crate::app::protocol::{CorpusChange, PipelineEvent};
    use crate::index::SearchIndex;
    use crate::runtime::pipeline::{Reopen, spawn_cancellable};

    fn article(title: &str) -> String {
        format!(
            "{title}\ndate 2022-08-02\n\nAntony Blinken said Japan and the Netherlands discussed export rules on July 29, 2022.\n"
        )
    }

    /// Loads `paths` as the interface does, following them while `watch` is on: the loading
    /// thread, what it reports, and its waker.
    fn load(
        paths: Vec<std::path::PathBuf>,
        index: Arc<SearchIndex>,
        cancel: &Arc<AtomicBool>,
        watch: Arc<AtomicBool>,
    ) -> (std::thread::JoinHandle<()>, mpsc::Receiver<PipelineEvent>, Waker) {
        let (tx, rx) = mpsc::channel();
        let (following, waker) = Following::new(watch);
        let thread = spawn_cancellable(
            paths,
            move |_: &[std::path::PathBuf]| Ok(index),
            Arc::clone(cancel),
            Some(following),
            Reopen::ShowFirst,
            move |e| {
                let _ = tx.send(e);
            },
        )
        .unwrap();
        (thread, rx, waker)
    }

    /// The next corpus the thread hands on after a change, within 20 s.
    fn next_refresh(rx: &mpsc::Receiver<PipelineEvent>) -> Box<crate::app::protocol::Refresh> {
        loop {
            if let PipelineEvent::Refreshed(r) =
                rx.recv_timeout(Duration::from_secs(20)).expect("an event within 20 s")
            {
                return r;
            }
        }
    }

    fn sorted(items: impl Iterator<Item = String>) -> Vec<String> {
        let mut items: Vec<String> = items.collect();
        items.sort();
        items
    }

    /// The paths events name are looked at, gathered across batches; an event that says
    /// events were lost lists the folders at once; turning watching on checks them, and the
    /// check is still made after paths that came meanwhile.
    #[test]
    fn events_name_the_paths_to_look_at_and_turning_watching_on_checks_the_folders() {
        use super::Look;
        use notify_debouncer_full::notify::event::{CreateKind, Flag, RemoveKind};
        let event = |kind: EventKind, path: &str| {
            let event = notify::Event::new(kind).add_path(path.into());
            DebouncedEvent::new(event, std::time::Instant::now())
        };
        let these = |paths: &[&str], check: bool| Look::These {
            paths: paths.iter().map(std::path::PathBuf::from).collect(),
            check,
        };
        let added = event(EventKind::Create(CreateKind::File), "/news/a.txt");
        let removed = event(EventKind::Remove(RemoveKind::File), "/news/b.md");
        let swap = event(EventKind::Create(CreateKind::File), "/news/.a.txt.swp");
        let read = event(EventKind::Access(AccessKind::Open(AccessMode::Read)), "/news/c.txt");
        assert_eq!(Look::of_events(&[added.clone(), swap, read]), these(&["/news/a.txt"], false));
        assert_eq!(Look::of_events(&[]), Look::No, "a wake");
        let lost = DebouncedEvent::new(
            notify::Event::new(EventKind::Other).set_flag(Flag::Rescan),
            std::time::Instant::now(),
        );
        assert_eq!(Look::of_events(&[added.clone(), lost]), Look::List);

        let both = Look::of_events(&[added]).and(Look::of_events(&[removed]));
        assert_eq!(both, these(&["/news/a.txt", "/news/b.md"], false));
        assert_eq!(both.clone().and(Look::Check), these(&["/news/a.txt", "/news/b.md"], true));
        assert_eq!(Look::Check.and(both.clone()), these(&["/news/a.txt", "/news/b.md"], true));
        assert_eq!(both.and(Look::List), Look::List);
        assert_eq!(Look::No.and(Look::Check), Look::Check);
        assert_eq!(Look::List.unless(7), None);
        assert_eq!(Look::Check.unless(7), Some(7));
    }

    /// Waking the thread sends an empty batch of events: nothing changed, so it brings no
    /// refresh, only a look at the flags.
    #[test]
    fn a_wake_is_an_empty_batch_of_events_that_changes_nothing() {
        let (following, waker) = Following::new(Arc::new(AtomicBool::new(false)));
        waker.wake();
        let batch = following.events.try_recv().expect("the wake is received").expect("not an error");
        assert!(batch.is_empty());
        assert!(!batch.iter().any(super::matters));
    }

    /// With no cache directory the index lives in memory; the folder is followed all the same.
    #[test]
    fn a_folder_indexed_in_memory_is_watched_too() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), article("Export talks")).unwrap();
        let index = Arc::new(SearchIndex::new().unwrap());
        assert!(index.state_dir().is_none(), "the index is in memory");
        let cancel = Arc::new(AtomicBool::new(false));
        let watch = Arc::new(AtomicBool::new(true));
        let (thread, rx, waker) = load(vec![dir.path().to_path_buf()], index, &cancel, watch);
        let wait_for = |what: &str, done: &dyn Fn(&PipelineEvent) -> bool| loop {
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(event) if done(&event) => break,
                Ok(_) => {}
                Err(_) => panic!("no {what} within 20 s"),
            }
        };
        wait_for("load", &|e| matches!(e, PipelineEvent::Done { .. }));
        std::fs::write(dir.path().join("b.txt"), article("More export talks")).unwrap();
        wait_for(
            "refresh with the new article",
            &|e| matches!(e, PipelineEvent::Refreshed(r) if r.articles.iter().any(|a| &*a.title == "More export talks")),
        );
        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        waker.wake();
        thread.join().unwrap();
    }

    /// A change to a watched folder kept in the cache is taken in (here from the paths its
    /// events name), and the state kept is the folder's as it is now: the walk that confirms
    /// it finds nothing to change, and reopened, the folder is found unchanged.
    #[test]
    fn a_watched_change_leaves_the_kept_state_of_the_folder_as_it_is_now() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("a.txt"), article("Export talks")).unwrap();
        std::fs::write(dir.path().join("sub/b.txt"), article("Chip talks")).unwrap();
        let paths = vec![dir.path().to_path_buf()];
        let index = Arc::new(SearchIndex::cached(cache.path(), &paths).unwrap());
        let kept = index.kept_dir().unwrap().to_path_buf();
        let cancel = Arc::new(AtomicBool::new(false));
        let watch = Arc::new(AtomicBool::new(true));
        let (thread, rx, waker) = load(paths.clone(), index, &cancel, watch);
        let titles = || sorted(next_refresh(&rx).articles.iter().map(|a| a.title.to_string()));
        while !matches!(rx.recv_timeout(Duration::from_secs(20)), Ok(PipelineEvent::Done { .. })) {}
        std::fs::write(dir.path().join("sub/c.txt"), article("Rail talks")).unwrap();
        std::fs::remove_file(dir.path().join("a.txt")).unwrap();
        while titles() != ["Chip talks", "Rail talks"] {}
        // The confirming walk comes at the next quiet tick of the thread.
        std::thread::sleep(super::TICK * 5);
        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        waker.wake();
        thread.join().unwrap();
        let after: Vec<CorpusChange> = rx
            .try_iter()
            .filter_map(|e| match e {
                PipelineEvent::Refreshed(r) => Some(r.change),
                _ => None,
            })
            .collect();
        assert!(!after.contains(&CorpusChange::default()), "refreshed with nothing changed: {after:?}");
        assert_eq!(crate::index::state::fingerprint(&kept), Some(crate::corpus::fingerprint(&paths)));
    }

    /// A file renamed, and a new folder with an article in it, are taken in as a fresh listing
    /// would have them: the renamed article under its new path only, the folder's article too.
    #[test]
    fn a_renamed_file_and_a_new_folder_are_taken_in() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), article("Export talks")).unwrap();
        std::fs::write(dir.path().join("b.txt"), article("Chip talks")).unwrap();
        let cancel = Arc::new(AtomicBool::new(false));
        let watch = Arc::new(AtomicBool::new(true));
        let index = Arc::new(SearchIndex::new().unwrap());
        let (thread, rx, waker) = load(vec![dir.path().to_path_buf()], index, &cancel, watch);
        let paths = || sorted(next_refresh(&rx).articles.iter().map(|a| a.path.to_string()));
        while !matches!(rx.recv_timeout(Duration::from_secs(20)), Ok(PipelineEvent::Done { .. })) {}
        std::fs::rename(dir.path().join("a.txt"), dir.path().join("c.txt")).unwrap();
        std::fs::create_dir(dir.path().join("new")).unwrap();
        std::fs::write(dir.path().join("new/d.txt"), article("Rail talks")).unwrap();
        let root = dir.path().display().to_string();
        let want: Vec<String> =
            ["b.txt", "c.txt", "new/d.txt"].iter().map(|n| format!("{root}/{n}")).collect();
        while paths() != want {}
        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        waker.wake();
        thread.join().unwrap();
    }

    /// Watching a folder that cannot be watched (here, it is gone) says so, and says why.
    #[test]
    fn a_folder_that_cannot_be_watched_is_reported() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("corpus");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), article("Export talks")).unwrap();
        let cancel = Arc::new(AtomicBool::new(false));
        let watch = Arc::new(AtomicBool::new(false));
        let index = Arc::new(SearchIndex::new().unwrap());
        let (thread, rx, waker) = load(vec![dir.clone()], index, &cancel, Arc::clone(&watch));
        let next = || rx.recv_timeout(Duration::from_secs(20)).expect("an event within 20 s");
        while !matches!(next(), PipelineEvent::Done { .. }) {}
        std::fs::remove_dir_all(&dir).unwrap();
        watch.store(true, std::sync::atomic::Ordering::Relaxed);
        waker.wake();
        let why = loop {
            if let PipelineEvent::Unwatched(why) = next() {
                break why;
            }
        };
        assert!(!why.is_empty());
        assert!(!watch.load(std::sync::atomic::Ordering::Relaxed), "the flag is off again");
        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        waker.wake();
        thread.join().unwrap();
    }
}

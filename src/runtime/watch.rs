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
/// How long the folder is left alone before the work of a quiet moment starts.
const QUIET: Duration = Duration::from_secs(1);
/// How often the thread looks whether the work of a quiet moment is done.
const POLL: Duration = Duration::from_millis(20);

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

/// Whether a load writes the state it made or changed itself, or leaves it to the thread that
/// goes on to follow the folder, which writes it at a quiet moment and gives it up for a
/// change (at a million articles the write takes seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keeping {
    Now,
    Later,
}

impl Keeping {
    /// Writes the state now, or leaves it; whether it is still to write.
    pub(super) fn keep(self, index: &SearchIndex, cached: &Cached) -> bool {
        match self {
            Keeping::Now => {
                index.keep_state(cached);
                false
            }
            Keeping::Later => true,
        }
    }
}

/// A corpus loaded, and whether its state is still to write ([`Keeping::Later`]).
pub(super) struct Loaded {
    pub(super) cached: Cached,
    pub(super) unsaved: bool,
}

/// Follows the corpus at `paths` until `cancel` is set, from the corpus as `loaded`.
pub(super) fn follow(
    paths: &[PathBuf],
    index: &SearchIndex,
    recognizer: &Recognizer,
    loaded: Loaded,
    cancel: &AtomicBool,
    following: Following,
    notify: &dyn Fn(PipelineEvent),
) -> Result<()> {
    let Following { watch, tx, events, mut watcher } = following;
    let mut look = Look::No;
    // The state is written at quiet moments, not after the load or each change: at a million
    // articles writing it took 2-4 s, which a change coming meanwhile waited for.
    let Loaded { mut cached, mut unsaved } = loaded;
    // When the last batch that asked for the thread came: the work of a quiet moment waits
    // for a pause in the changes (files coming two a second had it started and given up
    // after each, taking both cores from the updates and the timeline).
    let mut asked = std::time::Instant::now();
    let mut roots = Roots::of(paths);
    while !cancel.load(Ordering::Relaxed) {
        let on = watch.load(Ordering::Relaxed);
        if on && watcher.is_none() {
            roots = Roots::of(paths);
            watcher = started(paths, &tx, &watch, notify);
            if watcher.is_none() {
                continue;
            }
            // What changed while nobody watched is looked for now.
            look = look.and(Look::Check);
        } else if !on && watcher.is_some() {
            watcher = None;
        }
        if on && let Some(now) = roots.changed(paths) {
            tracing::info!(paths = ?paths, "a watched folder went, or came back: listing");
            if now.all_there() {
                // Its watch went with the folder that was there before.
                drop(watcher.take());
                watcher = started(paths, &tx, &watch, notify);
                if watcher.is_none() {
                    continue;
                }
            }
            roots = now;
            look = look.and(Look::List);
        }
        // Every batch that came while the thread was busy is taken in at once. Meanwhile the
        // state still to write is written, or else a check that is due is walked; either is
        // given up for a batch that may change the corpus, and done at a later quiet moment.
        let quiet = asked.elapsed() >= QUIET;
        let came: Vec<DebounceEventResult> = if unsaved && quiet {
            let came;
            let stops = |batch: &DebounceEventResult| stops_a_write(batch, cancel.load(Ordering::Relaxed));
            (unsaved, came) =
                beside_waiting(&events, stops, |stop| index.keep_state_unless_stopped(&cached, stop));
            came
        } else if look == Look::Check && watch.load(Ordering::Relaxed) && quiet {
            let (walked, came) =
                beside_waiting(&events, interrupts, |stop| corpus::fingerprint_unless_stopped(paths, stop));
            match walked {
                Some(fingerprint) if fingerprint == cached.fingerprint => look = Look::No,
                Some(_) => look = Look::List,
                None => {}
            }
            came
        } else {
            events.recv_timeout(TICK).into_iter().chain(events.try_iter()).collect()
        };
        if came.iter().any(interrupts) {
            asked = std::time::Instant::now();
        }
        for batch in came {
            match batch {
                Ok(found) => look = look.and(Look::of_events(&found)),
                Err(errors) => errors.iter().for_each(|e| tracing::warn!("watching: {e}")),
            }
        }
        // The user may have stopped watching while this thread waited.
        if !watch.load(Ordering::Relaxed) {
            continue;
        }
        match look {
            Look::No => {
                incremental::make_ready(&mut cached)?;
                continue;
            }
            // Walked beside the wait, at the next quiet moment.
            Look::Check => continue,
            Look::These { .. } | Look::List => {}
        }
        let now = std::mem::replace(&mut look, Look::No);
        if let Look::These { paths: changed, check } = &now {
            if let Some(touched) = corpus::touched::look_at(paths, changed.iter().cloned()) {
                let took;
                (cached, took) = take_in(index, recognizer, cached, &touched, notify)?;
                unsaved |= took;
                // A walk that keeps nothing confirms it at the next quiet moment: the paths may
                // not have told everything (a file also reached through a link, say).
                if took || *check {
                    look = Look::Check;
                }
                continue;
            }
            tracing::info!(paths = ?changed, "only a listing of the folders tells what changed");
        }
        // Stopped: the interface is closing, which the loop's condition sees.
        let Ok(listing) = Listing::of(paths, None, cancel) else { continue };
        let change;
        (cached, change) = refresh(paths, index, recognizer, cached, listing, cancel, notify)?;
        unsaved |= change.is_some();
    }
    // The interface is closing or reloading (and reads the state again), and waits for this
    // thread: the state is written whole first.
    if unsaved {
        index.keep_state(&cached);
    }
    // At a million articles letting go of the corpus took a quarter of a second of that wait.
    super::memory::free_aside(cached);
    Ok(())
}

/// Runs `work` beside, while waiting for the folders' events, and asks it to stop (through the
/// flag it is given) when a batch comes that `stops` it. What the work gave, and the batches
/// that came.
fn beside_waiting<T: Send>(
    events: &mpsc::Receiver<DebounceEventResult>,
    stops: impl Fn(&DebounceEventResult) -> bool,
    work: impl FnOnce(&AtomicBool) -> T + Send,
) -> (T, Vec<DebounceEventResult>) {
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let working = scope.spawn(|| work(&stop));
        let mut came = Vec::new();
        while !working.is_finished() {
            match events.recv_timeout(POLL) {
                Ok(batch) => {
                    if stops(&batch) {
                        stop.store(true, Ordering::Relaxed);
                    }
                    came.push(batch);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        // A panic goes on up, as it would have on this thread.
        let done = working.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        came.extend(events.try_iter());
        (done, came)
    })
}

/// Whether a batch stops the state being written: as it stops any work of a quiet moment,
/// unless the thread is closing, which waits for the state to be written anyway (given up, it
/// would be written again from its start).
fn stops_a_write(batch: &DebounceEventResult, closing: bool) -> bool {
    !closing && interrupts(batch)
}

/// Whether a batch asks the thread to stop what it does at a quiet moment: a change to look
/// at, an error, or a wake (its flags may have changed). A file only read is none of these.
fn interrupts(batch: &DebounceEventResult) -> bool {
    match batch {
        Ok(found) => found.is_empty() || Look::of_events(found) != Look::No,
        Err(_) => true,
    }
}

/// What each watched path is on disk (its device and inode), or `None` where it is gone. A
/// folder removed takes its watch with it: one made again under its name, or moved back, is
/// not watched until the watcher starts again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Roots(Vec<Option<(u64, u64)>>);

impl Roots {
    fn of(paths: &[PathBuf]) -> Roots {
        use std::os::unix::fs::MetadataExt;
        Roots(paths.iter().map(|p| std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))).collect())
    }

    /// The paths as they are now, if that is not what they were.
    fn changed(&self, paths: &[PathBuf]) -> Option<Roots> {
        Some(Roots::of(paths)).filter(|now| now != self)
    }

    fn all_there(&self) -> bool {
        self.0.iter().all(Option::is_some)
    }
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
/// on; its state is the caller's to write. What changed, if anything. A watched folder's change
/// and a cached corpus checked after it was shown both come this way.
pub(super) fn refresh(
    paths: &[PathBuf],
    index: &SearchIndex,
    recognizer: &Recognizer,
    cached: Cached,
    listing: Listing,
    stop: &AtomicBool,
    notify: &dyn Fn(PipelineEvent),
) -> Result<(Cached, Option<CorpusChange>)> {
    if listing.fingerprint() == cached.fingerprint {
        return Ok((cached, None));
    }
    let (files, listed_skipped, fingerprint) = listing.into_files(paths, stop)?;
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

/// Updates the corpus to `now` and hands it on; its state is the caller's to write.
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
    Ok((cached, change))
}

/// The corpus as it is after `change`, for the interface to take in in place of what it shows.
fn refreshed(cached: &Cached, renames: Arc<Renames>, change: CorpusChange) -> PipelineEvent {
    PipelineEvent::Refreshed(Box::new(Refresh {
        articles: cached.articles.clone(),
        places: cached.places.clone(),
        summaries: cached.shown.clone(),
        renames,
        skipped: cached.skipped(),
        bytes: cached.rest.bytes(),
        change,
    }))
}

#[cfg(test)]
mod tests;

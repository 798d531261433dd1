//! Following a folder: its events, its changes taken in, and its state kept.

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

/// A folder holding one article, a cache folder, and the paths as given: what most tests
/// here start from.
fn folder_with_a_cache() -> (tempfile::TempDir, tempfile::TempDir, Vec<std::path::PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), article("Export talks")).unwrap();
    let paths = vec![dir.path().to_path_buf()];
    (dir, cache, paths)
}

/// A folder holding one article, inside a folder of its own (so that it can be removed and
/// made again): the outer folder, and the corpus's path.
fn corpus_folder_in_a_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), article("Export talks")).unwrap();
    (parent, dir)
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

/// A folder being loaded as the interface loads it, its index in memory: the flags the
/// interface holds, the loading thread, what it reports, and its waker.
struct Loading {
    cancel: Arc<AtomicBool>,
    watch: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
    rx: mpsc::Receiver<PipelineEvent>,
    waker: Waker,
}

/// Loads the folder `dir` with its index in memory, watching it if `watching`.
fn load_in_memory(dir: &std::path::Path, watching: bool) -> Loading {
    let cancel = Arc::new(AtomicBool::new(false));
    let watch = Arc::new(AtomicBool::new(watching));
    let index = Arc::new(SearchIndex::new().unwrap());
    let (thread, rx, waker) = load(vec![dir.to_path_buf()], index, &cancel, Arc::clone(&watch));
    Loading { cancel, watch, thread, rx, waker }
}

/// Waits for the load to be done, each event within a minute.
fn until_loaded(rx: &mpsc::Receiver<PipelineEvent>) {
    let next = || rx.recv_timeout(Duration::from_secs(60)).expect("an event within a minute");
    while !matches!(next(), PipelineEvent::Done { .. }) {}
}

/// Ends the thread as the interface does when it closes: the flag, then the wake.
fn close(thread: std::thread::JoinHandle<()>, cancel: &AtomicBool, waker: &Waker) {
    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    waker.wake();
    thread.join().unwrap();
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

/// The first corpus handed on after a change that holds `articles` articles.
fn refresh_of(rx: &mpsc::Receiver<PipelineEvent>, articles: usize) -> Box<crate::app::protocol::Refresh> {
    loop {
        let refresh = next_refresh(rx);
        if refresh.articles.len() == articles {
            return refresh;
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

/// What a state written at a quiet moment is given up for: a wake (the flags may have
/// changed), a change, an error; not a file only read.
#[test]
fn a_state_being_written_is_given_up_for_a_wake_a_change_or_an_error() {
    use notify_debouncer_full::notify::event::CreateKind;
    let event = |kind: EventKind| {
        let event = notify::Event::new(kind).add_path("/news/a.txt".into());
        DebouncedEvent::new(event, std::time::Instant::now())
    };
    let read = event(EventKind::Access(AccessKind::Close(AccessMode::Read)));
    let created = event(EventKind::Create(CreateKind::File));
    assert!(super::interrupts(&Ok(Vec::new())), "a wake");
    assert!(!super::interrupts(&Ok(vec![read.clone()])), "a file read");
    assert!(super::interrupts(&Ok(vec![read, created])), "a file created");
    assert!(super::interrupts(&Err(vec![notify::Error::generic("lost")])), "an error");
    // Closing waits for the state anyway: a write under way is let finish.
    assert!(super::stops_a_write(&Ok(Vec::new()), false), "a wake while following");
    assert!(!super::stops_a_write(&Ok(Vec::new()), true), "the wake of closing");
}

/// Work done beside the wait is asked to stop by a batch that asks for the thread, and let
/// be by one that does not; either way the batches come back to be taken in.
#[test]
fn work_beside_the_wait_stops_for_a_change_and_not_for_a_file_read() {
    use notify_debouncer_full::notify::event::CreateKind;
    let event = |kind: EventKind| {
        let event = notify::Event::new(kind).add_path("/news/a.txt".into());
        DebouncedEvent::new(event, std::time::Instant::now())
    };
    // Waits to be asked to stop, for a second at most: whether it was.
    let work = |stop: &AtomicBool| {
        let asked = || stop.load(std::sync::atomic::Ordering::Relaxed);
        let waited = std::time::Instant::now();
        while !asked() && waited.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_millis(2));
        }
        asked()
    };
    let (tx, events) = mpsc::channel();
    tx.send(Ok(vec![event(EventKind::Access(AccessKind::Close(AccessMode::Read)))])).unwrap();
    let (stopped, came) = super::beside_waiting(&events, super::interrupts, work);
    assert!(!stopped, "a file read lets the work be");
    assert_eq!(came.len(), 1, "the batch comes back");
    tx.send(Ok(vec![event(EventKind::Create(CreateKind::File))])).unwrap();
    let (stopped, came) = super::beside_waiting(&events, super::interrupts, work);
    assert!(stopped, "a file created stops it");
    assert_eq!(came.len(), 1);
}

/// A load that is followed leaves its state to the follower; one that is not writes it.
#[test]
fn a_followed_load_leaves_its_state_to_write_and_another_writes_it() {
    use super::Keeping;
    let (_dir, cache, paths) = folder_with_a_cache();
    let index = SearchIndex::cached(cache.path(), &paths).unwrap();
    let kept = index.kept_dir().unwrap().to_path_buf();
    let mut cached = crate::index::state::Cached {
        fingerprint: 7,
        rest: crate::index::state::Rest::Read { files: Vec::new(), origins: Vec::new() },
        ..Default::default()
    };
    cached.shown.clone_from(&cached.summaries);
    assert!(Keeping::Later.keep(&index, &cached), "still to write");
    assert_eq!(crate::index::state::fingerprint(&kept), None);
    assert!(!Keeping::Now.keep(&index, &cached), "written");
    assert_eq!(crate::index::state::fingerprint(&kept), Some(7));
}

/// A change taken in just before the interface closes is in the state kept: it is too recent
/// for a quiet moment's write to have begun, and what is left to write is written before the
/// thread ends.
#[test]
fn a_change_taken_in_just_before_closing_is_kept() {
    let (dir, cache, paths) = folder_with_a_cache();
    let index = Arc::new(SearchIndex::cached(cache.path(), &paths).unwrap());
    let kept = index.kept_dir().unwrap().to_path_buf();
    let cancel = Arc::new(AtomicBool::new(false));
    let (thread, rx, waker) = load(paths.clone(), index, &cancel, Arc::new(AtomicBool::new(true)));
    until_loaded(&rx);
    std::fs::write(dir.path().join("b.txt"), article("Rail talks")).unwrap();
    next_refresh(&rx);
    close(thread, &cancel, &waker);
    assert_eq!(
        crate::index::state::fingerprint(&kept),
        crate::corpus::fingerprint_unless_stopped(&paths, &AtomicBool::new(false))
    );
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
    close(thread, &cancel, &waker);
}

/// A change to a watched folder kept in the cache is taken in (here from the paths its
/// events name), and the state kept is the folder's as it is now: the walk that confirms
/// it finds nothing to change, and reopened, the folder is found unchanged.
#[test]
fn a_watched_change_leaves_the_kept_state_of_the_folder_as_it_is_now() {
    let (dir, cache, paths) = folder_with_a_cache();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/b.txt"), article("Chip talks")).unwrap();
    let index = Arc::new(SearchIndex::cached(cache.path(), &paths).unwrap());
    let kept = index.kept_dir().unwrap().to_path_buf();
    let cancel = Arc::new(AtomicBool::new(false));
    let watch = Arc::new(AtomicBool::new(true));
    let (thread, rx, waker) = load(paths.clone(), index, &cancel, watch);
    let titles = || sorted(next_refresh(&rx).articles.iter().map(|a| a.title.to_string()));
    until_loaded(&rx);
    std::fs::write(dir.path().join("sub/c.txt"), article("Rail talks")).unwrap();
    std::fs::remove_file(dir.path().join("a.txt")).unwrap();
    while titles() != ["Chip talks", "Rail talks"] {}
    // The confirming walk comes at the next quiet moment of the thread.
    std::thread::sleep(super::QUIET + super::TICK * 5);
    close(thread, &cancel, &waker);
    let after: Vec<CorpusChange> = rx
        .try_iter()
        .filter_map(|e| match e {
            PipelineEvent::Refreshed(r) => Some(r.change),
            _ => None,
        })
        .collect();
    assert!(!after.contains(&CorpusChange::default()), "refreshed with nothing changed: {after:?}");
    assert_eq!(
        crate::index::state::fingerprint(&kept),
        crate::corpus::fingerprint_unless_stopped(&paths, &AtomicBool::new(false))
    );
}

/// A file renamed, and a new folder with an article in it, are taken in as a fresh listing
/// would have them: the renamed article under its new path only, the folder's article too.
#[test]
fn a_renamed_file_and_a_new_folder_are_taken_in() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), article("Export talks")).unwrap();
    std::fs::write(dir.path().join("b.txt"), article("Chip talks")).unwrap();
    let Loading { cancel, thread, rx, waker, .. } = load_in_memory(dir.path(), true);
    let paths = || sorted(next_refresh(&rx).articles.iter().map(|a| a.path.to_string()));
    until_loaded(&rx);
    std::fs::rename(dir.path().join("a.txt"), dir.path().join("c.txt")).unwrap();
    std::fs::create_dir(dir.path().join("new")).unwrap();
    std::fs::write(dir.path().join("new/d.txt"), article("Rail talks")).unwrap();
    let root = dir.path().display().to_string();
    let want: Vec<String> = ["b.txt", "c.txt", "new/d.txt"].iter().map(|n| format!("{root}/{n}")).collect();
    while paths() != want {}
    close(thread, &cancel, &waker);
}

/// A file added before the others in the folder's order takes the next id, and is handed on
/// with the places that put it first, where a fresh index numbers it: ties follow the folder.
#[test]
fn a_watched_file_added_before_the_others_is_placed_first() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["b.txt", "c.txt"] {
        std::fs::write(dir.path().join(name), article("Export talks")).unwrap();
    }
    let Loading { cancel, thread, rx, waker, .. } = load_in_memory(dir.path(), true);
    until_loaded(&rx);
    std::fs::write(dir.path().join("a.txt"), article("Export talks")).unwrap();
    let refresh = refresh_of(&rx, 3);
    let name = |id: u32| refresh.articles[id as usize].path.rsplit('/').next().unwrap().to_string();
    assert_eq!(name(2), "a.txt", "the next id");
    let in_place_order: Vec<String> = (0..3).map(|place| name(refresh.places.id_at(place))).collect();
    assert_eq!(in_place_order, ["a.txt", "b.txt", "c.txt"]);
    close(thread, &cancel, &waker);
}

/// A corpus path that links to a file of another extension is read as the path's own name
/// says (here a JSON lines file, which a first open reads after the other files): after a
/// change, its articles still stand after the others.
#[test]
fn a_linked_json_lines_file_stays_after_the_other_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.txt"), article("B")).unwrap();
    let other = tempfile::tempdir().unwrap();
    let line = |title: &str| {
        format!("{{\"title\": \"{title}\", \"date\": \"2022-08-02\", \"text\": \"Japan spoke.\"}}\n")
    };
    std::fs::write(other.path().join("feed.data"), line("Line one") + &line("Line two")).unwrap();
    let feed = other.path().join("feed.jsonl");
    std::os::unix::fs::symlink(other.path().join("feed.data"), &feed).unwrap();
    let cancel = Arc::new(AtomicBool::new(false));
    let index = Arc::new(SearchIndex::new().unwrap());
    let watch = Arc::new(AtomicBool::new(true));
    let (thread, rx, waker) = load(vec![feed, dir.path().to_path_buf()], index, &cancel, watch);
    until_loaded(&rx);
    std::fs::write(dir.path().join("a.txt"), article("A")).unwrap();
    let refresh = refresh_of(&rx, 4);
    let in_place_order: Vec<&str> =
        (0..4).map(|place| &*refresh.articles[refresh.places.id_at(place) as usize].title).collect();
    assert_eq!(in_place_order, ["A", "B", "Line one", "Line two"]);
    close(thread, &cancel, &waker);
}

/// Watching a folder that cannot be watched (here, it is gone) says so, and says why.
#[test]
fn a_folder_that_cannot_be_watched_is_reported() {
    let (_parent, dir) = corpus_folder_in_a_folder();
    let Loading { cancel, watch, thread, rx, waker } = load_in_memory(&dir, false);
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
    close(thread, &cancel, &waker);
}

/// A watched folder removed leaves no articles; made again under its name, it is watched
/// again and its articles are taken in (its first watch went with the folder removed).
#[test]
fn a_watched_folder_removed_and_made_again_is_watched_again() {
    let (_parent, dir) = corpus_folder_in_a_folder();
    let Loading { cancel, watch, thread, rx, waker } = load_in_memory(&dir, true);
    let titles = || sorted(next_refresh(&rx).articles.iter().map(|a| a.title.to_string()));
    until_loaded(&rx);
    std::fs::remove_dir_all(&dir).unwrap();
    while !titles().is_empty() {}
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("b.txt"), article("Chip talks")).unwrap();
    while titles() != ["Chip talks"] {}
    std::fs::write(dir.join("c.txt"), article("Rail talks")).unwrap();
    while titles() != ["Chip talks", "Rail talks"] {}
    assert!(watch.load(std::sync::atomic::Ordering::Relaxed), "still watching");
    close(thread, &cancel, &waker);
}

//! The state file written and read back: its parts, its frames, damage, and what is left in it.

use super::*;
use crate::analysis::NameCount;
use crate::corpus::FileStamp;
use chrono::NaiveDate;
use std::path::PathBuf;

/// The state a test saved in `dir`.
fn state_in(dir: &Path) -> anyhow::Result<Cached> {
    load(dir).map_err(anyhow::Error::msg)?.context("no state in the directory")
}

/// The files' records and origins, read from the state file if they were left there.
fn rest_of(cached: &mut Cached) -> anyhow::Result<(Vec<FileRecord>, Vec<Origin>)> {
    cached.take_rest().map_err(anyhow::Error::msg)
}

/// Saves `cached` whole.
fn save(dir: &Path, cached: &Cached) -> anyhow::Result<()> {
    save_unless_stopped(dir, cached, &AtomicBool::new(false)).map(|_| ())
}

/// Saves `cached` with each summary shown as it is (no corpus-wide name changes one).
fn save_as_is(dir: &Path, cached: &mut Cached) -> anyhow::Result<()> {
    cached.shown.clone_from(&cached.summaries);
    save(dir, cached)
}

fn cached(fingerprint: u64) -> Cached {
    let articles: Vec<Arc<Article>> = crate::corpus::seeds::articles().into_iter().map(Arc::new).collect();
    let summaries = articles.iter().map(|_| Arc::new(Summary::default())).collect();
    let day = NaiveDate::from_ymd_opt(2022, 7, 29);
    let origins = articles
        .iter()
        .map(|a| Origin {
            file: 0,
            nth: a.id,
            lines: false,
            undated: false,
            mentions: day.into_iter().collect(),
            evidence: None,
            read_as: a.digest(),
        })
        .collect();
    let files = vec![FileRecord {
        path: PathBuf::from("/srv/news/seeds/a.txt"),
        size: 10,
        stamp: FileStamp::default(),
        bytes: 99,
        skipped: vec![Skipped { path: "seeds/b.txt".into(), reason: "empty".into() }],
    }];
    let renames = vec![(EntityKind::Person, Name::from("Blinken"), Name::from("Antony Blinken"))];
    Cached {
        fingerprint,
        articles,
        summaries,
        rest: Rest::Read { files, origins },
        renames,
        // As an update leaves them: the ids no longer in the folder's order.
        places: crate::corpus::Places::ordered_by(&(0..5).rev().collect::<Vec<u32>>()),
        ..Cached::default()
    }
}

#[test]
fn the_state_comes_back_as_it_was_saved_and_damage_is_found() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut saved = cached(7);
    save_as_is(dir.path(), &mut saved)?;
    let mut back = state_in(dir.path())?;
    assert_eq!(back.fingerprint, 7);
    assert_eq!(back.articles.len(), saved.articles.len());
    assert_eq!(back.articles[1].title, saved.articles[1].title);
    assert_eq!(back.articles[1].date, saved.articles[1].date);
    assert_eq!(&*back.renames[0].2, "Antony Blinken");
    assert_eq!(back.places.table(), Some(&[4, 3, 2, 1, 0][..]), "the places read back");
    assert!(matches!(back.rest, Rest::InFile(_)), "left in the file");
    assert_eq!(
        (back.rest.file_count(), back.rest.bytes(), back.skipped().len()),
        (1, 99, 1),
        "shown all the same"
    );
    let (files, origins) = rest_of(&mut back)?;
    assert_eq!(Rest::Read { files, origins }, saved.rest);
    let path = dir.path().join(STATE_FILE);
    let mut bytes = std::fs::read(&path)?;
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&path, &bytes)?;
    assert!(load(dir.path()).unwrap_err().contains("checksum"), "a flipped bit in the origins");
    invalidate(dir.path());
    assert!(load(dir.path()).map_err(anyhow::Error::msg)?.is_none(), "invalidated");
    Ok(())
}

/// Places that are not one for each article read as damage (the corpus is indexed again), not
/// as an order that would rank ties wrongly.
#[test]
fn places_of_another_number_of_articles_are_damage() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut saved = cached(7);
    saved.places = crate::corpus::Places::ordered_by(&[3u32, 2, 1]);
    save_as_is(dir.path(), &mut saved)?;
    let problem = load(dir.path()).err().context("read as whole")?;
    assert!(problem.contains("damaged"), "{problem}");
    Ok(())
}

/// A state read when asked to stop (the interface closing as it opens) is given up and read
/// as none; the file is left as it was, and reads whole when not asked to stop.
#[test]
fn a_state_read_when_asked_to_stop_is_given_up() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    save_as_is(dir.path(), &mut cached(7))?;
    let stop = AtomicBool::new(true);
    assert!(load_unless_stopped(dir.path(), &stop).map_err(anyhow::Error::msg)?.is_none());
    stop.store(false, Ordering::Relaxed);
    let back = load_unless_stopped(dir.path(), &stop).map_err(anyhow::Error::msg)?;
    assert_eq!(back.map(|b| b.articles.len()), Some(crate::corpus::seeds::articles().len()));
    Ok(())
}

/// A state given up when asked to stop leaves the state file as it was, and nothing of its
/// own beside it; not asked to stop, it replaces it.
#[test]
fn a_state_given_up_leaves_the_one_before_it() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    save_as_is(dir.path(), &mut cached(7))?;
    let mut next = cached(8);
    next.shown.clone_from(&next.summaries);
    let stop = AtomicBool::new(true);
    assert_eq!(save_unless_stopped(dir.path(), &next, &stop)?, Written::GivenUp);
    assert_eq!(state_in(dir.path())?.fingerprint, 7);
    let names: Vec<_> =
        std::fs::read_dir(dir.path())?.map(|e| e.map(|e| e.file_name())).collect::<Result<_, _>>()?;
    assert_eq!(names, [STATE_FILE], "no partial file left");
    stop.store(false, Ordering::Relaxed);
    assert_eq!(save_unless_stopped(dir.path(), &next, &stop)?, Written::Whole);
    assert_eq!(state_in(dir.path())?.fingerprint, 8);
    Ok(())
}

/// Paths are shown as spelled now, whether the files' records are read before the corpus
/// is respelled or after.
#[test]
fn skips_are_respelled_before_and_after_the_records_are_read() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut saved = cached(7);
    saved.roots = vec!["seeds".to_string()];
    save_as_is(dir.path(), &mut saved)?;
    let roots = ["/srv/news/seeds".to_string()];
    let mut respelled = state_in(dir.path())?;
    respelled.respell(&roots);
    assert!(respelled.articles[1].path.starts_with("/srv/news/seeds/0"), "{}", respelled.articles[1].path);
    assert_eq!(respelled.skipped()[0].path, "/srv/news/seeds/b.txt", "before");
    let (files, origins) = rest_of(&mut respelled)?;
    assert_eq!(files[0].skipped[0].path, "/srv/news/seeds/b.txt", "after");
    respelled.rest = Rest::Read { files, origins };
    let mut read_first = state_in(dir.path())?;
    let (files, origins) = rest_of(&mut read_first)?;
    read_first.rest = Rest::Read { files, origins };
    read_first.respell(&roots);
    assert_eq!(read_first.skipped(), respelled.skipped());
    Ok(())
}

/// The records are read from the file the state was loaded from: if another state has
/// replaced it since, reading them says so and gives nothing.
#[test]
fn the_records_are_not_read_from_a_state_that_replaced_the_one_loaded() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    save_as_is(dir.path(), &mut cached(7))?;
    let mut loaded = state_in(dir.path())?;
    save_as_is(dir.path(), &mut cached(8))?;
    assert!(loaded.take_rest().unwrap_err().contains("changed"));
    let mut unread = state_in(dir.path())?;
    assert!(save_as_is(dir.path(), &mut unread).is_err(), "not written without its records");
    let (files, origins) = rest_of(&mut unread)?;
    unread.rest = Rest::Read { files, origins };
    save_as_is(dir.path(), &mut unread)?;
    assert_eq!(state_in(dir.path())?.fingerprint, 8);
    Ok(())
}

#[test]
fn many_frames_of_articles_come_back_in_their_order() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut saved = cached(7);
    let seed = saved.articles[0].clone();
    let count = ARTICLES_PER_FRAME * FRAMES_DECODED_AT_ONCE + 3 * ARTICLES_PER_FRAME / 2;
    saved.articles = (0..count as u32).map(|id| Arc::new(Article { id, ..Article::clone(&seed) })).collect();
    saved.places = Default::default();
    saved.summaries = (0..count)
        .map(|i| {
            let name = NameCount {
                name: Name::from(format!("Person {}", i % 7)),
                kind: EntityKind::Person,
                mentions: i as u32,
            };
            Arc::new(Summary::from_parts(vec![name], vec![], vec![]))
        })
        .collect();
    let origins = (0..count).map(|_| Origin { file: 0, ..Origin::default() }).collect();
    let files = rest_of(&mut saved)?.0;
    saved.rest = Rest::Read { files, origins };
    save_as_is(dir.path(), &mut saved)?;
    let back = state_in(dir.path())?;
    assert_eq!(back.articles.len(), count);
    assert!(back.articles.iter().enumerate().all(|(i, a)| a.id == i as u32), "in their order");
    assert_eq!(back.summaries, saved.summaries);
    Ok(())
}

/// A state is read back with its summaries as shown; the articles' own, where the corpus-wide
/// names changed them, stay in the file until the rest is read for an update, and come back
/// as they were, sharing their events with the shown copies.
#[test]
fn own_summaries_that_differ_from_the_shown_ones_come_back_with_the_rest() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut saved = cached(7);
    let blinken = NameCount { name: Name::from("Blinken"), kind: EntityKind::Person, mentions: 2 };
    saved.summaries[1] = Arc::new(Summary::from_parts(vec![blinken], vec![], vec![]));
    let renames: crate::analysis::identity::Renames =
        saved.renames.iter().map(|(kind, short, full)| ((*kind, short.clone()), full.clone())).collect();
    let mut shown = saved.summaries.clone();
    let mut copy = Summary::clone(&shown[1]);
    assert!(crate::analysis::identity::apply_to_summary(&renames, &mut copy));
    shown[1] = Arc::new(copy);
    saved.shown.clone_from(&shown);
    save(dir.path(), &saved)?;
    let mut back = state_in(dir.path())?;
    assert_eq!(back.summaries, shown, "read as shown");
    assert_eq!(back.shown, shown, "kept as shown");
    assert!(matches!(&back.rest, Rest::InFile(unread) if unread.own == 1));
    assert!(save(dir.path(), &back).is_err(), "not written while they are in the file");
    let shown_back = back.summaries[1].clone();
    let (files, origins) = rest_of(&mut back)?;
    assert_eq!(back.summaries, saved.summaries, "read back as they were");
    assert_eq!(back.shown, shown, "the shown ones kept beside them");
    assert!(Arc::ptr_eq(&back.summaries[1].events, &shown_back.events), "the events shared");
    back.rest = Rest::Read { files, origins };
    back.shown.truncate(2);
    assert!(save(dir.path(), &back).is_err(), "not written with too few shown");
    Ok(())
}

#[test]
fn each_name_comes_back_once_shared_by_every_summary_and_the_corpus_wide_names() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut saved = cached(7);
    let person =
        |name: &str, mentions| NameCount { name: Name::from(name), kind: EntityKind::Person, mentions };
    let place = NameCount { name: Name::from("Tokyo"), kind: EntityKind::Place, mentions: 1 };
    saved.summaries[0] = Arc::new(Summary::from_parts(vec![person("Antony Blinken", 2)], vec![], vec![]));
    saved.summaries[1] =
        Arc::new(Summary::from_parts(vec![person("Blinken", 1), place.clone()], vec![], vec![0, 1]));
    saved.summaries[2] = Arc::new(Summary::from_parts(vec![place], vec![], vec![]));
    save_as_is(dir.path(), &mut saved)?;
    let back = state_in(dir.path())?;
    for (was, is) in saved.summaries.iter().zip(&back.summaries) {
        assert_eq!(was, is);
    }
    let name = |article: usize, entity: usize| back.summaries[article].entities[entity].name.clone();
    assert!(Name::ptr_eq(&name(1, 1), &name(2, 0)), "Tokyo once");
    let (_, short, full) = &back.renames[0];
    assert!(Name::ptr_eq(full, &name(0, 0)), "the full name is the summary's");
    assert!(Name::ptr_eq(short, &name(1, 0)), "the short name too");
    Ok(())
}

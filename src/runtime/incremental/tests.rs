//! Tests of bringing a cached corpus up to date, compiled only under #[cfg(test)].

use super::*;
use crate::corpus::{ArticleDate, DateSource};

/// Whether matched files are the old ones, each as it was.
fn unchanged(matched: &Matched) -> bool {
    matched.to_read.is_empty() && matched.new_of_old.iter().all(Option::is_some)
}

/// Brought up to date from the paths a folder's events name, the files are matched as a
/// listing of the whole folder matches them: the same records in the same order, the same
/// old files kept, the same files read; and the fingerprint is the walk's.
#[test]
fn the_paths_that_changed_match_the_files_as_a_listing_does() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    let write = |name: &str, text: &str| {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    for name in ["a.txt", "b.txt", "b/x.txt", "b/y.txt", "b-c.txt", "c/z.md", "d.json"] {
        write(name, "Title\n\nText.\n");
    }
    let roots = [root.clone()];
    let (before, _, _) = corpus::discover(&roots);
    let old: Vec<FileRecord> = before.iter().map(FileRecord::listed).collect();

    // One added in a folder and one beside it, one changed, one removed, a folder removed,
    // one touched but the same, one named that never was there.
    write("b/w.txt", "New\n\nText.\n");
    write("aa.txt", "New\n\nText.\n");
    write("d.json", "{\"title\": \"Changed\", \"text\": \"More text.\"}");
    std::fs::remove_file(root.join("a.txt")).unwrap();
    std::fs::remove_dir_all(root.join("c")).unwrap();
    let real = std::fs::canonicalize(&root).unwrap();
    let named = ["b/w.txt", "aa.txt", "d.json", "a.txt", "c", "b/y.txt", "e.txt"].map(|n| real.join(n));
    let touched = corpus::touched::look_at(&roots, named).unwrap();
    let (after, skipped, walked) = corpus::discover(&roots);

    let (by_paths, by_listing) =
        (Matched::touched(&mut old.clone(), &touched), Matched::listed(&mut old.clone(), &after));
    assert_eq!(by_paths.files, by_listing.files);
    assert_eq!(by_paths.new_of_old, by_listing.new_of_old);
    let read =
        |m: &Matched| m.to_read.iter().map(|(i, f, known)| (*i, f.path.clone(), *known)).collect::<Vec<_>>();
    assert_eq!(read(&by_paths), read(&by_listing));
    assert_eq!(read(&by_paths).len(), 3, "two added and one changed");
    let files = by_paths.files.iter().map(|f| (f.path.as_path(), f.size, f.stamp));
    assert_eq!(corpus::fingerprint_of_files(files, &skipped), walked);
    assert!(!unchanged(&by_paths));

    let again = corpus::touched::look_at(&roots, [real.join("b/w.txt"), real.join("c")]).unwrap();
    let now: Vec<FileRecord> = after.iter().map(FileRecord::listed).collect();
    assert!(touches_nothing(&now, &again), "events again for a change taken in");
    assert!(unchanged(&Matched::touched(&mut now.clone(), &again)));
    assert!(!touches_nothing(&old, &touched));
    for name in ["b/w.txt", "a.txt", "d.json", "c", "b"] {
        let one = corpus::touched::look_at(&roots, [real.join(name)]);
        let one = one.unwrap_or_else(|| vec![(real.join(name), Vec::new())]);
        assert!(!touches_nothing(&old, &one), "{name}");
        assert_eq!(
            touches_nothing(&old, &one),
            unchanged(&Matched::touched(&mut old.clone(), &one)),
            "{name}"
        );
    }
}

/// A listing is matched with the old files by path, whether both are in walk order (one
/// folder: merged) or not (two folders given the other way round: by a map). A listed file
/// keeps the old record at its path if the file is unchanged; else it is read, known if a
/// record was there.
#[test]
fn a_listing_is_matched_by_path_in_walk_order_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let names = ["z/1.txt", "z/2.txt", "z/b/3.txt", "a/1.txt", "a/2.md", "a-b/4.txt"];
    let in_order =
        |files: &[SourceFile]| files.windows(2).all(|w| corpus::walk_order(&w[0].path, &w[1].path).is_lt());
    for roots in [vec![dir.path().to_path_buf()], vec![dir.path().join("z"), dir.path().join("a")]] {
        names.iter().for_each(|name| write(name, "Title\n\nText.\n"));
        let (before, _, _) = corpus::discover(&roots);
        let old: Vec<FileRecord> = before.iter().map(FileRecord::listed).collect();
        write("z/0.txt", "New\n\nText.\n");
        write("a/1.txt", "Changed\n\nLonger text.\n");
        std::fs::remove_file(dir.path().join("z/2.txt")).unwrap();
        let (after, _, _) = corpus::discover(&roots);
        assert_eq!(in_order(&after), roots.len() == 1, "{roots:?}");
        let matched = Matched::listed(&mut old.clone(), &after);
        let read: Vec<(&Path, bool)> =
            matched.to_read.iter().map(|(_, f, known)| (f.path.as_path(), *known)).collect();
        let real = |name: &str| std::fs::canonicalize(dir.path().join(name)).unwrap();
        assert_eq!(read.len(), 2, "{read:?}");
        assert!(
            read.contains(&(real("z/0.txt").as_path(), false))
                && read.contains(&(real("a/1.txt").as_path(), true))
        );
        for (o, record) in old.iter().enumerate() {
            let kept = matched.new_of_old[o].map(|i| matched.files[i as usize].path.clone());
            let stays =
                ["z/1.txt", "z/b/3.txt", "a/2.md", "a-b/4.txt"].iter().any(|n| real(n) == record.path);
            assert_eq!(kept, stays.then(|| record.path.clone()), "{:?} in {roots:?}", record.path);
        }
        assert_eq!(
            matched.files.iter().map(|f| &f.path).collect::<Vec<_>>(),
            after.iter().map(|f| &f.path).collect::<Vec<_>>()
        );
        std::fs::remove_dir_all(dir.path().join("z")).unwrap();
        std::fs::remove_dir_all(dir.path().join("a")).unwrap();
    }
}

/// What a folder's changes do to it, as [`any_changes_named_by_their_paths_match_as_a_listing_does`]
/// makes them.
#[derive(Debug, Clone)]
enum Step {
    Write {
        file: usize,
        text: usize,
    },
    Remove {
        file: usize,
    },
    RemoveFolder {
        folder: usize,
    },
    Rename {
        from: usize,
        to: usize,
    },
    /// A folder with files made elsewhere and moved in: its events name only the folder.
    MoveIn {
        folder: usize,
        text: usize,
    },
}

const FILES: [&str; 8] =
    ["a.txt", "b.txt", "b/x.txt", "b/y.md", "b/c/z.json", "c/w.txt", "d.json", ".h/e.txt"];
const FOLDERS: [&str; 3] = ["b", "b/c", "c"];
const TEXTS: [&str; 3] = ["Title\n\nText.\n", "Longer title\n\nMore text than before.\n", ""];

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        3 => (0..FILES.len(), 0..TEXTS.len()).prop_map(|(file, text)| Step::Write { file, text }),
        1 => (0..FILES.len()).prop_map(|file| Step::Remove { file }),
        1 => (0..FOLDERS.len()).prop_map(|folder| Step::RemoveFolder { folder }),
        1 => (0..FILES.len(), 0..FILES.len()).prop_map(|(from, to)| Step::Rename { from, to }),
        1 => (0..FOLDERS.len(), 0..TEXTS.len()).prop_map(|(folder, text)| Step::MoveIn { folder, text }),
    ]
}

/// Takes `step` under `root`; the paths a folder's events would name: the files written,
/// removed or renamed, the folders made for them, a folder removed (not what was in it).
fn take(root: &Path, step: &Step) -> Vec<std::path::PathBuf> {
    let made = |path: &Path| -> Vec<std::path::PathBuf> {
        let missing: Vec<_> =
            path.ancestors().skip(1).take_while(|a| !a.exists()).map(Path::to_path_buf).collect();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        missing
    };
    match *step {
        Step::Write { file, text } => {
            let path = root.join(FILES[file]);
            let mut named = made(&path);
            std::fs::write(&path, TEXTS[text]).unwrap();
            named.push(path);
            named
        }
        Step::Remove { file } => {
            let path = root.join(FILES[file]);
            let _ = std::fs::remove_file(&path);
            vec![path]
        }
        Step::RemoveFolder { folder } => {
            let path = root.join(FOLDERS[folder]);
            let _ = std::fs::remove_dir_all(&path);
            vec![path]
        }
        Step::Rename { from, to } => {
            let (from, to) = (root.join(FILES[from]), root.join(FILES[to]));
            if !from.is_file() {
                return Vec::new();
            }
            let mut named = made(&to);
            std::fs::rename(&from, &to).unwrap();
            named.extend([from, to]);
            named
        }
        Step::MoveIn { folder, text } => {
            let to = root.join(FOLDERS[folder]);
            if to.exists() {
                return Vec::new();
            }
            let mut named = made(&to);
            let elsewhere = root.parent().unwrap().join("elsewhere");
            let _ = std::fs::remove_dir_all(&elsewhere);
            for name in ["m.txt", "n/o.md", ".p.txt"] {
                std::fs::create_dir_all(elsewhere.join(name).parent().unwrap()).unwrap();
                std::fs::write(elsewhere.join(name), TEXTS[text]).unwrap();
            }
            std::fs::rename(&elsewhere, &to).unwrap();
            named.push(to);
            named
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

    /// Whatever files and folders come and go, brought up to date from the paths the
    /// events name (a folder moved in: its own path only), the files are matched as a
    /// listing of the whole folder matches them.
    #[test]
    fn any_changes_named_by_their_paths_match_as_a_listing_does(
        before in proptest::collection::vec(step(), 0..8),
        steps in proptest::collection::vec(step(), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("news");
        std::fs::create_dir_all(&root).unwrap();
        let real = std::fs::canonicalize(&root).unwrap();
        before.iter().for_each(|step| drop(take(&real, step)));
        let roots = [root.clone()];
        let (listed, _, _) = corpus::discover(&roots);
        let old: Vec<FileRecord> = listed.iter().map(FileRecord::listed).collect();
        let named: Vec<_> = steps.iter().flat_map(|step| take(&real, step)).collect();
        // No links, second names or pipes here: the paths alone always tell.
        let touched = corpus::touched::look_at(&roots, named);
        proptest::prop_assert!(touched.is_some());
        let touched = touched.unwrap_or_default();
        let (after, skipped, walked) = corpus::discover(&roots);
        let (by_paths, by_listing) =
            (Matched::touched(&mut old.clone(), &touched), Matched::listed(&mut old.clone(), &after));
        proptest::prop_assert_eq!(&by_paths.files, &by_listing.files);
        proptest::prop_assert_eq!(&by_paths.new_of_old, &by_listing.new_of_old);
        let read = |m: &Matched| {
            m.to_read.iter().map(|(i, f, known)| (*i, f.path.clone(), *known)).collect::<Vec<_>>()
        };
        proptest::prop_assert_eq!(read(&by_paths), read(&by_listing));
        let files = by_paths.files.iter().map(|f| (f.path.as_path(), f.size, f.stamp));
        proptest::prop_assert_eq!(corpus::fingerprint_of_files(files, &skipped), walked);
    }
}

/// Only the kept undated articles whose date would change (or whose evidence is missing)
/// are read again; dated ones and those just added are not looked at.
#[test]
fn only_the_undated_articles_whose_date_changes_are_read_again() {
    let text = "TOKYO, July 30, 2022 (Kyodo) - Officials met.";
    let said = dating::Evidence::of(
        text,
        &analysis::Analysis { timexes: analysis::time::tag(text, None), ..Default::default() },
    );
    let day = chrono::NaiveDate::from_ymd_opt(2022, 7, 30).unwrap();
    let seed = corpus::seeds::articles().remove(0);
    let article = |date: Option<(chrono::NaiveDate, DateSource)>| {
        Arc::new(Article { date: date.map(|(date, from)| ArticleDate { date, from }), ..seed.clone() })
    };
    let other_day = day.pred_opt().unwrap();
    let articles = vec![
        article(Some((day, DateSource::Dateline))), // 0: undated, the same date again
        article(Some((other_day, DateSource::Dateline))), // 1: undated, another date now
        article(None),                              // 2: undated, no evidence kept
        article(Some((day, DateSource::Metadata))), // 3: dated
        article(None),                              // 4: undated, just added
    ];
    let undated = |evidence: Option<&dating::Evidence>| Origin {
        undated: true,
        evidence: evidence.map(|e| Box::new(e.clone())),
        ..Origin::default()
    };
    let origins = vec![
        undated(Some(&said)),
        undated(Some(&said)),
        undated(None),
        Origin::default(),
        undated(Some(&said)),
    ];
    let summaries: Vec<Arc<Summary>> = articles.iter().map(|_| Arc::new(Summary::default())).collect();
    let new = BTreeSet::from([4]);
    let redated = |moved: &BTreeSet<u32>| {
        redated_since(&articles, &summaries, &origins, &MonthDays::default(), &new, moved)
    };
    assert_eq!(redated(&BTreeSet::new()), [1, 2]);
    // Moved to another id, article 0 lost the date the corpus gave it: it is read again too
    // (a dated one moved, 3, is not looked at).
    assert_eq!(redated(&BTreeSet::from([0, 3])), [0, 1, 2]);
}

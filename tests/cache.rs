//! Re-opening an unchanged corpus reuses its cached indexes and summaries; a corpus with a
//! changed file is indexed again. The cache lives outside the corpus.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;

use dossier::app::protocol::PipelineEvent;
use dossier::index::SearchIndex;
use dossier::runtime::pipeline;

const ARTICLES: usize = 40;

struct Opened {
    index: Arc<SearchIndex>,
    from_cache: bool,
    articles: usize,
    analyzed: usize,
}

fn open(cache: &Path, corpus: &Path) -> Opened {
    let paths = vec![corpus.to_path_buf()];
    let index = Arc::new(SearchIndex::cached(cache, &paths).unwrap());
    let (tx, rx) = mpsc::channel();
    let worker = pipeline::spawn(paths, Arc::clone(&index), move |e| {
        let _ = tx.send(e);
    })
    .unwrap();
    let mut opened = Opened { index, from_cache: false, articles: 0, analyzed: 0 };
    for event in rx {
        match event {
            PipelineEvent::Batch { articles, .. } => opened.articles += articles.len(),
            PipelineEvent::Revised { summaries, .. } => {
                opened.analyzed += summaries.iter().filter(|(_, s)| !s.entities.is_empty()).count()
            }
            PipelineEvent::Done { from_cache, .. } => opened.from_cache = from_cache,
            PipelineEvent::Failed(e) => panic!("{e}"),
            _ => {}
        }
    }
    worker.join().unwrap();
    opened
}

fn hits(index: &SearchIndex, q: &str) -> usize {
    index.search(&index.parse(q).unwrap(), &Default::default()).unwrap().len()
}

fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut files: Vec<(String, u64)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.metadata().unwrap().len()))
        .collect();
    files.sort();
    files
}

#[test]
fn an_unchanged_corpus_comes_from_the_cache_and_a_changed_one_is_indexed_again() {
    let corpus = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    for i in 0..ARTICLES {
        let body =
            format!("Story {i}\ndate 1997-04-02\n\nOfficials in Tokyo said marker{i} talks would go on.\n");
        std::fs::write(corpus.path().join(format!("a{i}.txt")), body).unwrap();
    }
    let before = listing(corpus.path());

    let first = open(cache.path(), corpus.path());
    assert!(!first.from_cache);
    assert_eq!(first.articles, ARTICLES);
    assert_eq!(hits(&first.index, "marker7"), 1);
    drop(first);

    let second = open(cache.path(), corpus.path());
    assert!(second.from_cache, "nothing changed");
    assert_eq!(second.articles, ARTICLES);
    assert_eq!(second.analyzed, ARTICLES, "the summaries come back too");
    assert_eq!(hits(&second.index, "marker7"), 1);
    assert_eq!(hits(&second.index, "entity:Tokyo"), ARTICLES, "and the notes");
    let id = second.index.search(&second.index.parse("marker3").unwrap(), &Default::default()).unwrap()[0].id;
    assert!(second.index.text(id).unwrap().unwrap().contains("marker3"), "and the stored texts");
    drop(second);

    std::fs::write(corpus.path().join("a7.txt"), "Story 7\ndate 1997-04-02\n\nA freshword now.\n").unwrap();
    let third = open(cache.path(), corpus.path());
    assert!(!third.from_cache, "a file changed");
    assert_eq!(third.index.num_docs(), ARTICLES as u64, "indexed again, not added to");
    assert_eq!(hits(&third.index, "freshword"), 1);
    assert_eq!(hits(&third.index, "marker7"), 0);
    drop(third);

    let mut after = before;
    if let Some(f) = after.iter_mut().find(|(name, _)| name == "a7.txt") {
        f.1 = std::fs::metadata(corpus.path().join("a7.txt")).unwrap().len();
    }
    assert_eq!(listing(corpus.path()), after, "nothing was written into the corpus");
    let kept: Vec<_> = std::fs::read_dir(cache.path()).unwrap().flatten().collect();
    assert_eq!(kept.len(), 1, "one cache directory for the corpus");
}

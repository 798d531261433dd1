//! A few thousand articles through the same streaming pipeline the interface uses: every one of
//! them ends up searchable, by its words and by its entities.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

use std::sync::Arc;
use std::sync::mpsc;

use dossier::app::protocol::PipelineEvent;
use dossier::index::SearchIndex;
use dossier::runtime::pipeline;

const ARTICLES: usize = 3_000;

#[test]
fn every_streamed_article_is_searchable() {
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..ARTICLES {
        let dir = tmp.path().join(format!("d{}", i % 7));
        std::fs::create_dir_all(&dir).unwrap();
        let body = format!(
            "Story number{i}\ndate 1997-04-{:02}\n\nOfficials in Tokyo said on Tuesday that marker{i} talks with Hashimoto would go on.\n",
            1 + i % 28
        );
        std::fs::write(dir.join(format!("a{i}.txt")), body).unwrap();
    }
    let cache = tempfile::tempdir().unwrap();
    let index = Arc::new(SearchIndex::on_disk(cache.path()).unwrap());
    let (tx, rx) = mpsc::channel();
    let worker = pipeline::spawn(vec![tmp.path().to_path_buf()], Arc::clone(&index), move |e| {
        let _ = tx.send(e);
    })
    .unwrap();
    let (mut batches, mut analyzed, mut done, mut held_text) = (0, 0, false, 0);
    for event in rx {
        match event {
            PipelineEvent::Batch { articles, .. } => {
                batches += usize::from(!articles.is_empty());
                held_text += articles.iter().map(|a| a.text.len()).sum::<usize>();
            }
            PipelineEvent::Revised { summaries, .. } => {
                analyzed += summaries.iter().filter(|(_, s)| !s.entities.is_empty()).count()
            }
            PipelineEvent::Done { .. } => done = true,
            PipelineEvent::Failed(e) => panic!("{e}"),
            _ => {}
        }
    }
    worker.join().unwrap();
    assert!(done);
    assert!(batches > 1, "the list fills in batches");
    assert!(analyzed >= ARTICLES, "every article was analyzed");
    assert_eq!(held_text, 0, "texts stay in the index, not in the articles handed on");
    let text = index.text(5).unwrap().unwrap();
    assert!(text.contains("talks with Hashimoto"), "{text}");
    assert_eq!(index.num_docs(), ARTICLES as u64);
    for i in (0..ARTICLES).step_by(97) {
        let q = index.parse(&format!("marker{i}")).unwrap();
        assert_eq!(index.search(&q, &Default::default()).unwrap().len(), 1, "marker{i}");
    }
    let tokyo = index.parse("entity:Tokyo").unwrap();
    assert_eq!(
        index.search(&tokyo, &Default::default()).unwrap().len(),
        ARTICLES,
        "entity names are indexed for all"
    );
}

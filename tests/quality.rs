//! Quality figures measured on the shared corpora: ignored unless asked for
//! (`cargo test -- --include-ignored`, as `.ci/run` does where ../shared exists).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

mod common;

use dossier::app;
use dossier::runtime::session::Session;

/// Share of each article's top-5 related articles that come from its own topic folder.
#[test]
#[ignore = "needs ../shared"]
fn related_articles_stay_on_topic_in_meantime() {
    let shared = common::shared().expect("../shared/corpora beside the checkout");
    let root = shared.join("corpora/meantime-dev/articles");
    let mut p = Session::load(&[root], false).unwrap();
    assert_eq!(p.state.articles.len(), 60);
    let topic = |path: &str| if path.contains("/apple/") { "apple" } else { "airbus" };
    let (mut same, mut total) = (0, 0);
    for id in 0..60 {
        let effects = app::relate(&mut p.state, id);
        p.queue_effects(effects);
        p.settle();
        let top = &p.state.related.items[..5];
        let own = topic(&p.state.articles[id as usize].path);
        for r in top {
            total += 1;
            same += usize::from(topic(&p.state.articles[r.id as usize].path) == own);
        }
    }
    let share = same as f64 / total as f64;
    eprintln!("related on-topic share: {same}/{total} = {:.1}%", share * 100.0);
    assert!(share >= 0.90, "only {:.1}% on topic", share * 100.0);
}

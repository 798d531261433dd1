//! Quality figures measured on the shared corpora (skipped where ../shared is absent).

mod common;

use dossier::analysis::Summary;
use dossier::runtime::pipeline;

/// Share of each article's top-5 related articles that come from its own topic folder.
#[test]
fn related_articles_stay_on_topic_in_meantime() {
    let Some(shared) = common::shared() else {
        eprintln!("../shared not found: skipped");
        return;
    };
    let root = shared.join("corpora/meantime-dev/articles");
    let p = pipeline::prepare(&[root]).unwrap();
    assert_eq!(p.articles.len(), 60);
    let topic = |path: &str| if path.contains("/apple/") { "apple" } else { "airbus" };
    let (mut same, mut total) = (0, 0);
    let summaries: Vec<Summary> = p.analyses.iter().map(Summary::of).collect();
    for a in &p.articles {
        let hits = p.index.more_like_this(a.id, 50).unwrap();
        let top = dossier::analysis::related::rank(
            &summaries[a.id as usize],
            &hits,
            |i| summaries.get(i as usize),
            5,
        );
        assert_eq!(top.len(), 5);
        for r in top {
            total += 1;
            same += usize::from(topic(&p.articles[r.id as usize].path) == topic(&a.path));
        }
    }
    let share = same as f64 / total as f64;
    eprintln!("related on-topic share: {same}/{total} = {:.1}%", share * 100.0);
    assert!(share >= 0.90, "only {:.1}% on topic", share * 100.0);
}

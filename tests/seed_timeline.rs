//! The seeds' timeline: the events the time issue promises, and the inferred dates.

use dossier::analysis::Summary;
use dossier::corpus::DateSource;
use dossier::pipeline;
use dossier::timeline::{self, TimelineEvent};

fn seeds() -> (pipeline::Prepared, Vec<TimelineEvent>) {
    let p = pipeline::prepare(&[]).unwrap();
    let summaries: Vec<Summary> = p.analyses.iter().map(Summary::of).collect();
    let events = timeline::build(summaries.iter().enumerate().map(|(i, s)| (i as u32, s)));
    (p, events)
}

/// The seed numbers (000..004) with an event on `date`.
fn seeds_with(p: &pipeline::Prepared, events: &[TimelineEvent], date: &str) -> Vec<String> {
    let mut v: Vec<String> = events
        .iter()
        .filter(|e| e.date_label() == date)
        .map(|e| p.articles[e.article as usize].path["seeds/".len().."seeds/".len() + 3].to_string())
        .collect();
    v.dedup();
    v
}

#[test]
fn the_economic_two_plus_two_is_on_july_29_in_four_articles() {
    let (p, events) = seeds();
    let on_the_day = seeds_with(&p, &events, "2022-07-29");
    for seed in ["000", "001", "003", "004"] {
        assert!(on_the_day.iter().any(|s| s == seed), "{seed} not on 2022-07-29: {on_the_day:?}");
    }
}

#[test]
fn the_digest_dates_the_space_dialogue_and_the_science_council() {
    let (p, events) = seeds();
    assert!(seeds_with(&p, &events, "2022-07-20").contains(&"004".to_string()));
    // "July 20-21": the dialogue's second day is an event too.
    assert!(seeds_with(&p, &events, "2022-07-21").contains(&"004".to_string()));
    assert!(seeds_with(&p, &events, "2022-07-25").contains(&"004".to_string()));
}

#[test]
fn chips_in_2025_and_the_white_house_report_of_june_2021() {
    let (p, events) = seeds();
    assert!(seeds_with(&p, &events, "2025").contains(&"003".to_string()));
    assert!(seeds_with(&p, &events, "2021-06").contains(&"003".to_string()));
}

#[test]
fn undated_seeds_get_inferred_dates() {
    let (p, _) = seeds();
    let digest = p.articles[4].date.unwrap();
    assert_eq!(digest.from, DateSource::Inferred);
    assert!(
        digest.date.format("%Y-%m").to_string() == "2022-07"
            || digest.date.format("%Y-%m").to_string() == "2022-08"
    );
    for i in [1, 2] {
        assert_eq!(p.articles[i].date.map(|d| d.from), Some(DateSource::Inferred), "seed {i}");
    }
    assert_eq!(p.articles[4].date_label().chars().next(), Some('~'), "the UI marks it");
}

#[test]
fn events_are_in_calendar_order_and_durations_are_not_events() {
    let (p, events) = seeds();
    assert!(events.windows(2).all(|w| w[0].point <= w[1].point));
    for e in &events {
        let a = &p.analyses[e.article as usize];
        let t = a.timexes.iter().find(|t| t.start == e.timex_range().start).unwrap();
        assert!(matches!(t.kind, dossier::analysis::TimexType::Date | dossier::analysis::TimexType::Time));
    }
}

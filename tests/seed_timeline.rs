//! The seeds' timeline: the events the time issue promises, and the inferred dates.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

use dossier::analysis::timeline::TimelineEvent;
use dossier::corpus::DateSource;
use dossier::runtime::session::Session;

/// The seeds as the interface loads them, and their timeline.
fn seeds() -> (Session, Vec<TimelineEvent>) {
    let session = Session::load(&[], false).unwrap();
    let events = session.state.timeline.events.to_vec();
    (session, events)
}

/// The seed numbers (000..004) with an event on `date`.
fn seeds_with(p: &Session, events: &[TimelineEvent], date: &str) -> Vec<String> {
    let mut v: Vec<String> = events
        .iter()
        .filter(|e| e.date_label() == date)
        .map(|e| p.state.articles[e.article as usize].path["seeds/".len().."seeds/".len() + 3].to_string())
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
    let digest = p.state.articles[4].date.unwrap();
    assert_eq!(digest.from, DateSource::Inferred);
    assert!(
        digest.date.format("%Y-%m").to_string() == "2022-07"
            || digest.date.format("%Y-%m").to_string() == "2022-08"
    );
    for i in [1, 2] {
        assert_eq!(p.state.articles[i].date.map(|d| d.from), Some(DateSource::Inferred), "seed {i}");
    }
    assert_eq!(p.state.articles[4].date_label().chars().next(), Some('~'), "the UI marks it");
}

#[test]
fn events_are_in_calendar_order_and_durations_are_not_events() {
    let (p, events) = seeds();
    assert!(events.windows(2).all(|w| w[0].point() <= w[1].point()));
    for e in &events {
        let a = p.article_text(e.article).unwrap().analysis;
        match e.anchor {
            dossier::analysis::Anchor::Reported => {
                assert_eq!(Some(e.date), p.state.articles[e.article as usize].date.map(|d| d.date))
            }
            _ => {
                let timex = p.state.event_timex(e).unwrap();
                let t = a.timexes.iter().find(|t| t.start == timex.start).unwrap();
                assert!(matches!(
                    t.kind,
                    dossier::analysis::TimexType::Date | dossier::analysis::TimexType::Time
                ));
            }
        }
    }
}

/// Issue 11: seed 002 tells of January 2022 itself ("mid-January", "this month"), whatever its
/// neighbours' dates.
#[test]
fn seed_002_is_dated_in_january_2022() {
    let (p, _) = seeds();
    let d = p.state.articles[2].date.unwrap();
    assert_eq!(d.from, DateSource::Inferred);
    assert_eq!(d.date.format("%Y-%m").to_string(), "2022-01");
    assert!(p.state.articles[2].date_label().starts_with("~2022-01"));
}

/// Issue 11: an entity's timeline holds the events whose sentence names him.
#[test]
fn an_entitys_timeline_holds_only_the_sentences_that_name_him() {
    let (mut p, _) = seeds();
    let asked = dossier::app::scope_timeline(
        &mut p.state,
        dossier::app::TimelineScope::Entity("Koichi Hagiuda".into()),
    );
    p.queue_effects(asked);
    p.settle();
    let rows = p.state.timeline.rows.clone();
    assert!(!rows.is_empty());
    for row in rows.iter() {
        let e = &p.state.timeline.events[row as usize];
        let text = p.article_text(e.article).unwrap().text;
        let sentence = &text[p.state.dated(e).unwrap().sentence_range()];
        assert!(sentence.contains("Hagiuda"), "{sentence}");
    }
}

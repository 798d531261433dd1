//! The seeds' people and countries, as the recognizer and the corpus pass find them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

use std::collections::{BTreeSet, HashMap};

use dossier::analysis::EntityKind;
use dossier::runtime::session::Session;

const PEOPLE: [&str; 6] =
    ["Antony Blinken", "Gina Raimondo", "Yoshimasa Hayashi", "Koichi Hagiuda", "Joe Biden", "Fumio Kishida"];
const COUNTRIES: [&str; 12] = [
    "Japan",
    "United States",
    "China",
    "Russia",
    "Ukraine",
    "Taiwan",
    "South Korea",
    "India",
    "Australia",
    "Germany",
    "France",
    "Indonesia",
];

/// Every canonical name with the kinds it was given, across the seeds.
fn kinds() -> HashMap<String, BTreeSet<EntityKind>> {
    let p = Session::load(&[], false).unwrap();
    let mut map: HashMap<String, BTreeSet<EntityKind>> = HashMap::new();
    for id in 0..p.state.articles.len() as u32 {
        for e in &p.article_text(id).unwrap().analysis.entities {
            map.entry(e.canonical.to_string()).or_default().insert(e.kind);
        }
    }
    map
}

#[test]
fn every_person_is_a_person_under_one_name() {
    let kinds = kinds();
    for person in PEOPLE {
        assert_eq!(kinds.get(person), Some(&BTreeSet::from([EntityKind::Person])), "{person}");
        let surname = person.rsplit(' ').next().unwrap();
        let stray: Vec<&String> =
            kinds.keys().filter(|k| k.contains(surname) && k.as_str() != person).collect();
        assert!(stray.is_empty(), "{surname} also appears as {stray:?}");
    }
}

#[test]
fn every_country_is_a_place() {
    let kinds = kinds();
    for country in COUNTRIES {
        assert_eq!(kinds.get(country), Some(&BTreeSet::from([EntityKind::Place])), "{country}");
    }
}

#[test]
fn entity_filters_are_index_queries_on_canonical_names() {
    let p = Session::load(&[], false).unwrap();
    let q = p.index().parse("entity:\"Gina Raimondo\"").unwrap();
    let mut ids: Vec<u32> = p.index().search(&q, &Default::default()).unwrap().iter().map(|h| h.id).collect();
    ids.sort();
    let expected: Vec<u32> = (0..p.state.articles.len() as u32)
        .filter(|&id| {
            p.article_text(id).unwrap().analysis.entities.iter().any(|e| &*e.canonical == "Gina Raimondo")
        })
        .collect();
    assert_eq!(ids, expected);
    assert!(ids.contains(&4), "the digest says only \"Raimondo\", and still counts");
}

//! One test per error listed in issue 12 (from the seeds and unseen MEANTIME news), and the
//! MEANTIME conventions the recognizer follows.

use super::*;
use std::sync::OnceLock;

fn recognizer() -> &'static Recognizer {
    static R: OnceLock<Recognizer> = OnceLock::new();
    R.get_or_init(Recognizer::new)
}

/// (text, kind, canonical) of every name mention.
fn names(text: &str) -> Vec<(String, EntityKind, String)> {
    recognizer()
        .recognize(text)
        .into_iter()
        .filter(|m| matches!(m.kind, EntityKind::Person | EntityKind::Organization | EntityKind::Place))
        .map(|m| (text[m.start..m.end].to_string(), m.kind, m.canonical.to_string()))
        .collect()
}

fn has(text: &str, span: &str, kind: EntityKind) -> bool {
    names(text).iter().any(|(s, k, _)| s == span && *k == kind)
}

fn seed(i: usize) -> String {
    crate::corpus::seeds::articles().get(i).map(|a| a.text.clone()).unwrap_or_default()
}

// Type confusions.

#[test]
fn a_stake_in_a_company_is_no_place() {
    let text = "Cerberus bought a stake in Chrysler last year. She grew up in Ipswich.";
    assert!(has(text, "Chrysler", EntityKind::Organization), "{:?}", names(text));
    assert!(has(text, "Ipswich", EntityKind::Place), "{:?}", names(text));
}

#[test]
fn a_company_named_like_a_town_is_the_company() {
    let text =
        "Toyota Motor Corp. raised its forecast on Tuesday. Analysts said Toyota sold more cars in Europe.";
    let all = names(text);
    assert!(all.iter().any(|(s, k, _)| s == "Toyota" && *k == EntityKind::Organization), "{all:?}");
    assert!(has(text, "Europe", EntityKind::Place), "{all:?}");
}

#[test]
fn the_white_house_and_a_government_are_places() {
    let text = "The White House said on Monday that the US government would act.";
    assert!(has(text, "The White House", EntityKind::Place), "{:?}", names(text));
    assert!(has(text, "the US government", EntityKind::Place), "{:?}", names(text));
}

#[test]
fn unfamiliar_given_names_make_people_without_a_title() {
    let text = "Fumio Kishida met reporters in Tokyo on Friday.";
    assert!(has(text, "Fumio Kishida", EntityKind::Person), "{:?}", names(text));
    let seed2 = seed(2);
    assert!(names(&seed2).iter().all(|(s, k, _)| !s.contains("Kishida") || *k == EntityKind::Person));
}

// Nested mentions and boundaries.

#[test]
fn a_descriptor_before_a_company_belongs_to_its_mention() {
    let text = "Sales at the US car maker GM fell sharply.";
    assert_eq!(
        names(text).iter().map(|(s, k, _)| (s.as_str(), *k)).collect::<Vec<_>>(),
        [("the US car maker GM", EntityKind::Organization)]
    );
}

#[test]
fn a_title_of_a_country_names_no_person() {
    let text = "The Prime Minister of Japan met the press.";
    let all = names(text);
    assert!(has(text, "Japan", EntityKind::Place), "{all:?}");
    assert!(all.iter().all(|(_, k, _)| *k != EntityKind::Person), "{all:?}");
}

#[test]
fn an_organization_before_a_role_stays_apart_from_the_person() {
    let text = "Demand is weak, GM analyst John Smith said on Monday.";
    assert!(has(text, "GM", EntityKind::Organization), "{:?}", names(text));
    assert!(has(text, "John Smith", EntityKind::Person), "{:?}", names(text));
}

#[test]
fn the_article_belongs_to_a_name_only_when_it_heads_the_phrase() {
    let text = "Officials on the US side said the US agreed.";
    let all = names(text);
    let spans: Vec<&str> = all.iter().map(|(s, _, _)| s.as_str()).collect();
    assert_eq!(spans, ["US", "the US"], "{all:?}");
}

#[test]
fn a_job_title_with_a_company_is_no_person() {
    let text = "He met the Vice Chairman of Toyota on Monday.";
    let all = names(text);
    assert!(has(text, "Toyota", EntityKind::Organization), "{all:?}");
    assert!(all.iter().all(|(_, k, _)| *k != EntityKind::Person), "{all:?}");
}

// Capitalized words that name nothing.

#[test]
fn sentence_initial_ordinary_words_are_no_names() {
    for text in [
        "Overreliance on China is risky.",
        "Speaking to reporters, he left early.",
        "Central banks raised rates again.",
    ] {
        let all = names(text);
        assert!(all.iter().all(|(s, _, _)| s == "China"), "{text}: {all:?}");
    }
}

#[test]
fn headline_and_portfolio_fragments_are_no_names() {
    let text = seed(4);
    let all = names(&text);
    for fragment in [
        "Cabinet Affairs",
        "Science",
        "Technology",
        "Economic Security",
        "Technology Strategy",
        "Space Policy",
        "National Security",
    ] {
        assert!(all.iter().all(|(s, _, _)| s != fragment), "{fragment}: {all:?}");
    }
}

#[test]
fn a_disease_is_no_organization() {
    let all = names(&seed(4));
    assert!(all.iter().all(|(s, _, _)| !s.contains("COVID")), "{all:?}");
}

// Joins.

#[test]
fn two_places_joined_by_a_sign_stay_two_places() {
    let text = seed(4);
    let all = names(&text);
    assert!(all.iter().all(|(s, _, _)| s != "US & Japan" && s != "US-Japan"), "{all:?}");
    // The headlines: "US & Japan discuss ...", "US-Japan convene ...".
    let headlines = text.find("Details").unwrap_or(text.len());
    let joined: Vec<(String, EntityKind)> = recognizer()
        .recognize(&text)
        .into_iter()
        .filter(|m| m.end <= headlines && text[m.start..m.end].starts_with(['U', 'J']))
        .map(|m| (text[m.start..m.end].to_string(), m.kind))
        .filter(|(s, _)| s == "US" || s == "Japan")
        .collect();
    assert!(joined.len() >= 6, "{joined:?}");
    assert!(joined.iter().all(|(_, k)| *k == EntityKind::Place), "{joined:?}");
}

#[test]
fn a_name_with_and_is_not_cut() {
    let all = names(&seed(1));
    assert!(all.iter().all(|(s, _, _)| !s.contains("Road Initiative")), "{all:?}");
}

#[test]
fn a_quoted_programme_is_no_place() {
    let all = names(&seed(2));
    assert!(all.iter().all(|(s, _, _)| !s.contains("Tech Bridge")), "{all:?}");
}

#[test]
fn roc_is_taiwan() {
    let all = names(&seed(2));
    assert!(all.iter().any(|(s, k, c)| s == "ROC" && *k == EntityKind::Place && c == "Taiwan"), "{all:?}");
}

#[test]
fn a_sea_of_a_country_is_a_place() {
    let text = "Exercises were held around the Sea of Japan and the Gulf of Mexico.";
    assert!(has(text, "the Sea of Japan", EntityKind::Place), "{:?}", names(text));
    assert!(has(text, "the Gulf of Mexico", EntityKind::Place), "{:?}", names(text));
}

// One entity, one name.

#[test]
fn a_first_name_alone_joins_the_full_name() {
    let text = "Rangers striker Dado Prso scored twice on Saturday. Dado celebrated with the fans.";
    let all = names(text);
    assert!(
        all.iter().any(|(s, k, c)| s == "Dado" && *k == EntityKind::Person && c == "Dado Prso"),
        "{all:?}"
    );
}

#[test]
fn a_first_name_shared_by_two_people_joins_neither() {
    let text = "Senator John McCain met Senator John Kerry. Later, John spoke.";
    let all = names(text);
    assert!(all.iter().all(|(s, _, c)| s != "John" || c == "John"), "{all:?}");
}

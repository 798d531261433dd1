//! `update` tests of the entity pane, whose figures are counted on the tables thread: the
//! answers are delivered by hand here, late or out of order, as a slow count gives them.
//! Compiled only under #[cfg(test)], as a part of `app/tests/mod.rs`.

use super::*;
use crate::app::tables::{self, TableRequest, TableResponse};

fn table_requests(effects: Vec<Effect>) -> Vec<TableRequest> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Table(request) => Some(request),
            _ => None,
        })
        .collect()
}

fn the_table_request(effects: Vec<Effect>) -> TableRequest {
    let mut tables: Vec<TableRequest> =
        table_requests(effects).into_iter().filter(|r| matches!(r, TableRequest::Entities { .. })).collect();
    assert_eq!(tables.len(), 1, "{tables:?}");
    tables.remove(0)
}

fn selected_name(state: &AppState) -> String {
    state.selected_entity().unwrap().name.clone()
}

#[test]
fn a_filter_recounts_the_pane_off_the_interface_thread_and_only_the_newest_count_is_taken() {
    let mut s = seeds();
    let everywhere = s.entities.corpus.clone();
    assert!(!everywhere.is_empty(), "the load's own count came in");
    let opened = the_table_request(update(&mut s, Action::ShowEntities));
    assert!(s.entities.counting);
    let hagiuda =
        s.entities.rows.iter().position(|&i| s.entities.corpus[i].name == "Koichi Hagiuda").unwrap();
    let mut asked = Vec::new();
    for _ in 0..hagiuda {
        asked = table_requests(update(&mut s, Action::Down));
    }
    assert_eq!(selected_name(&s), "Koichi Hagiuda");
    for request in asked {
        receive(&mut s, Incoming::Table(tables::answer(request)));
    }
    assert!(!s.entities.cooccurring.is_empty(), "his companions in all the articles");

    update(&mut s, Action::FocusNext);
    let effects = type_query(&mut s, "Digest");
    let (g, q) = filter_generation(&effects).unwrap();
    let filtered = the_table_request(answer(&mut s, g, &q, &[0, 3]));
    assert_eq!(s.entities.corpus, everywhere, "the table stays until the new count comes");
    assert!(s.entities.counting);

    // The count asked for when the pane opened comes late: it is of no filter, and dropped.
    receive(&mut s, Incoming::Table(tables::answer(opened)));
    assert_eq!(s.entities.corpus, everywhere);
    assert!(s.entities.counting);

    let effects = receive(&mut s, Incoming::Table(tables::answer(filtered)));
    assert!(!s.entities.counting);
    assert!(s.entities.corpus.len() < everywhere.len());
    for e in &s.entities.corpus {
        let naming =
            [0u32, 3].iter().filter(|&&id| s.summary(id).unwrap().names().any(|n| n == e.name)).count();
        assert_eq!(e.articles, naming, "{} counts the two filtered articles that name it", e.name);
    }
    assert_eq!(selected_name(&s), "Koichi Hagiuda", "the selection stays on its entity");
    assert!(
        s.entities.cooccurring.is_empty(),
        "his companions in all the articles are not shown as the filter's"
    );
    let seen = table_requests(effects);
    assert!(
        matches!(&seen[..], [TableRequest::SeenWith { entity, within: Some(_), .. }] if entity.0 == "Koichi Hagiuda"),
        "then it asks what he is seen with in the filtered articles: {seen:?}"
    );
}

#[test]
fn companions_are_shown_only_for_the_entity_still_selected() {
    let mut s = seeds();
    update(&mut s, Action::ShowEntities);
    let first = selected_name(&s);
    let asked_first = table_requests(update(&mut s, Action::Down));
    let second = selected_name(&s);
    assert_ne!(first, second);
    assert!(s.entities.cooccurring.is_empty(), "the first entity's companions went with the selection");
    let asked_second = table_requests(update(&mut s, Action::Down));
    update(&mut s, Action::Up);
    let back = table_requests(update(&mut s, Action::Up));
    assert_eq!(selected_name(&s), first);
    // The answers for the second entity come after the user moved on: dropped.
    for request in asked_first.into_iter().chain(asked_second) {
        receive(&mut s, Incoming::Table(tables::answer(request)));
    }
    assert!(s.entities.cooccurring.is_empty());
    for request in back {
        receive(&mut s, Incoming::Table(tables::answer(request)));
    }
    assert!(!s.entities.cooccurring.is_empty());
    assert_eq!(s.entities.cooccurring_for.as_ref().map(|k| k.0.as_str()), Some(first.as_str()));
    assert!(s.entities.cooccurring.iter().all(|(name, _)| *name != first));
}

#[test]
fn a_failed_count_says_so_and_stops_counting() {
    let mut s = seeds();
    update(&mut s, Action::ShowEntities);
    receive(&mut s, Incoming::Table(TableResponse::Failed("counting the entities failed: test".into())));
    assert!(!s.entities.counting);
    assert_eq!(s.message.as_deref(), Some("counting the entities failed: test"));
}

/// Narrowing the pane by name keeps the selection where it can; the companions of an entity
/// still selected are not counted again.
#[test]
fn typing_that_keeps_the_selection_does_not_count_its_companions_again() {
    let mut s = seeds();
    // The pane's table counted, which asks for the selected entity's companions.
    let counted = the_table_request(update(&mut s, Action::ShowEntities));
    let seen = table_requests(receive(&mut s, Incoming::Table(tables::answer(counted))));
    assert_eq!(seen.len(), 1, "{seen:?}");
    let first = selected_name(&s);
    update(&mut s, Action::StartFilter);
    let typed = first.split_whitespace().last().unwrap().to_lowercase();
    let mut asked = Vec::new();
    for c in typed.chars() {
        asked.extend(table_requests(receive(&mut s, Incoming::PromptChar(c))));
    }
    assert_eq!(selected_name(&s), first);
    assert!(asked.is_empty(), "{asked:?}");
}

/// The companions of the selected entity are counted only while the pane shows them: a table
/// counted while the pane is hidden (a load, a watched change, or the user gone back to the
/// timeline) asks for none, and showing the pane asks for them once its table is counted.
#[test]
fn companions_are_asked_for_only_while_the_entity_pane_is_shown() {
    let mut s = seeds();
    assert_ne!(s.side, Side::Entities, "the pane starts hidden");
    assert!(s.entities.cooccurring.is_empty(), "the load asked for no companions");
    let counted_hidden = the_table_request(update(&mut s, Action::ShowEntities));
    update(&mut s, Action::ShowTimeline);
    let effects = receive(&mut s, Incoming::Table(tables::answer(counted_hidden)));
    assert!(!s.entities.counting);
    let seen = table_requests(effects);
    assert!(seen.is_empty(), "hidden, no companions are asked for: {seen:?}");

    let counted_shown = the_table_request(update(&mut s, Action::ShowEntities));
    let effects = receive(&mut s, Incoming::Table(tables::answer(counted_shown)));
    let seen = table_requests(effects);
    let selected = selected_name(&s);
    assert!(
        matches!(&seen[..], [TableRequest::SeenWith { entity, .. }] if entity.0 == selected),
        "shown, the selected entity's companions are asked for: {seen:?}"
    );
    for request in seen {
        receive(&mut s, Incoming::Table(tables::answer(request)));
    }
    assert!(!s.entities.cooccurring.is_empty(), "and shown");
}

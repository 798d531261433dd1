//! `update` tests of browsing (issue 10): entity filters, history, the prompt, entity names,
//! phrases.
//! Compiled only under #[cfg(test)], as a part of `app/tests/mod.rs`.

use super::*;

/// Issue 10.1: choosing a person in the entity pane filters by them with their mentions as
/// hits: counted in the list, highlighted in the reader, reached with `n`.
#[test]
fn filtering_by_an_entity_counts_and_highlights_its_mentions() {
    let mut s = session();
    s.act(Action::ShowEntities);
    let at = s.state.entities.corpus.iter().position(|e| e.name == "Koichi Hagiuda").unwrap();
    for _ in 0..at {
        s.act(Action::Down);
    }
    s.act(Action::Open);
    assert_eq!(s.state.list.rows.len(), 4, "the four seeds that name him");
    for &id in &s.state.list.rows {
        assert!(s.state.hit_count(id).unwrap_or(0) > 0, "article {id} counts his mentions");
    }
    s.act(Action::Open);
    s.act(Action::NextHit);
    let open = s.state.open().unwrap();
    let hit = s.state.reader.hits[s.state.reader.hit_cursor.unwrap()].clone();
    assert!(open.text[hit].contains("Hagiuda"), "n lands on a mention");
}

/// Issue 10.1: the same from the reader's entity cursor.
#[test]
fn enter_on_an_entity_in_the_reader_gives_hits_too() {
    let mut s = session();
    s.act(Action::Open);
    loop {
        s.act(Action::NextEntity);
        let current = s
            .state
            .reader
            .entity_cursor
            .and_then(|i| s.state.visible_entities().get(i).map(|e| e.canonical.to_string()));
        if current.as_deref() == Some("Koichi Hagiuda") {
            break;
        }
    }
    s.act(Action::Open);
    assert!(s.state.list.rows.iter().all(|&id| s.state.hit_count(id).unwrap_or(0) > 0));
    assert!(!s.state.reader.hits.is_empty(), "the open article's mentions are hits");
}

/// Issue 10.2: Back returns to each view in turn, answers having come between the keys:
/// `j Enter r Enter Backspace Alt-Left`.
#[test]
fn back_walks_back_through_related_articles_and_the_list() {
    let mut s = session();
    s.act(Action::Down);
    s.act(Action::Open);
    let first = s.state.reader.article.unwrap();
    s.act(Action::ShowRelated);
    assert!(!s.state.related.items.is_empty());
    s.act(Action::Down);
    s.act(Action::Open);
    let second = s.state.reader.article.unwrap();
    assert_ne!(first, second);
    s.act(Action::Back);
    assert_eq!((s.state.focus, s.state.side), (Pane::Side, Side::Related), "back to the related pane");
    assert_eq!((s.state.reader.article, s.state.related.article), (Some(first), Some(first)));
    assert_eq!(s.state.related.selected, 1, "with the same selection");
    s.act(Action::Back);
    assert_eq!(s.state.focus, Pane::List);
    assert_eq!(s.state.selected_article(), Some(first));
    assert_eq!(s.state.message, None, "there was somewhere to go back to");
    s.act(Action::Forward);
    assert_eq!((s.state.focus, s.state.side), (Pane::Side, Side::Related));
}

/// Issue 10.3: the last word typed matches as a prefix: `/Hag` shows the four articles.
#[test]
fn a_word_being_typed_matches_as_a_prefix() {
    let mut s = session();
    s.act(Action::StartFilter);
    s.type_text("Hag");
    assert_eq!(s.state.list.rows.len(), 4);
    assert!(s.state.list.rows.iter().all(|&id| s.state.hit_count(id).unwrap_or(0) > 0), "and counts");
    s.act(Action::Open);
    assert_eq!(s.state.filter.applied.as_deref(), Some("Hag"));
    assert_eq!(s.state.list.rows.len(), 4, "Enter keeps what was shown");
}

/// A word typed whole is a prefix of itself: the filter shows at least what the word finds
/// once a space follows it, though the index keeps stems ("ministers" is kept as "minist",
/// which does not begin with "ministers").
#[test]
fn a_whole_word_being_typed_finds_what_the_word_finds() {
    let mut s = session();
    for word in ["ministers", "economic", "semiconductors", "talks", "meeting", "agreed"] {
        s.act(Action::ClearFilter);
        s.act(Action::StartFilter);
        s.type_text(&format!("{word} "));
        let whole: HashSet<u32> = s.state.list.rows.iter().copied().collect();
        assert!(!whole.is_empty(), "{word}");
        s.act(Action::ClearFilter);
        s.act(Action::StartFilter);
        s.type_text(word);
        let typing: HashSet<u32> = s.state.list.rows.iter().copied().collect();
        assert!(typing.is_superset(&whole), "{word}: {typing:?} against {whole:?}");
        assert!(
            s.state.list.rows.iter().all(|&id| s.state.hit_count(id).unwrap_or(0) > 0),
            "{word}: counted"
        );
    }
}

/// A word cut short finds what the whole word finds, at every keystroke, and marks at least
/// as many of its words in each: the index keeps "meeting" as "meet", and "meeti" or "meetin"
/// began no word of it.
#[test]
fn a_word_cut_short_finds_what_the_whole_word_finds() {
    let mut s = session();
    let typed = |s: &mut Session, text: &str| -> HashMap<u32, usize> {
        s.act(Action::ClearFilter);
        s.act(Action::StartFilter);
        s.type_text(text);
        s.state.list.rows.iter().map(|&id| (id, s.state.hit_count(id).unwrap_or(0))).collect()
    };
    for word in ["meeting", "cooperation", "strengthening", "manufacturing", "production", "involving"] {
        let whole = typed(&mut s, &format!("{word} "));
        assert!(whole.values().any(|&count| count > 0), "{word}: {whole:?}");
        for cut in 3..word.len() {
            let typing = typed(&mut s, &word[..cut]);
            for (id, count) in &whole {
                let found = typing.get(id);
                assert!(
                    found.is_some_and(|c| c >= count),
                    "{}: article {id} {found:?} against {count}",
                    &word[..cut]
                );
            }
        }
    }
}

/// Issue 10.4: `entity:` takes an alias or a word of one name, and says what it took.
#[test]
fn entity_conditions_take_aliases_and_single_words() {
    let mut s = session();
    let full: HashSet<u32> = {
        s.act(Action::StartFilter);
        s.type_text("entity:\"Antony Blinken\"");
        s.act(Action::Open);
        s.state.list.rows.iter().copied().collect()
    };
    assert!(!full.is_empty());
    for short in ["entity:Blinken", "entity:blinken", "entity:Antony"] {
        s.act(Action::ClearFilter);
        s.act(Action::StartFilter);
        s.type_text(short);
        s.act(Action::Open);
        let rows: HashSet<u32> = s.state.list.rows.iter().copied().collect();
        assert_eq!(rows, full, "{short}");
        assert!(
            s.state.filter.notes.iter().any(|n| n.contains("antony blinken") || n.contains("Antony Blinken")),
            "{short}: {:?}",
            s.state.filter.notes
        );
    }
}

/// Issue 10.5: a phrase is highlighted and counted where its words come together only.
#[test]
fn phrases_are_hits_only_as_phrases() {
    let mut s = session();
    s.act(Action::StartFilter);
    s.type_text("\"supply chain\"");
    s.act(Action::Open);
    s.act(Action::Open);
    let open = s.state.open().unwrap();
    assert!(!s.state.reader.hits.is_empty());
    for hit in &s.state.reader.hits {
        assert!(
            open.text[hit.clone()].to_lowercase().starts_with("supply chain"),
            "{:?}",
            &open.text[hit.clone()]
        );
    }
    let lone = open.text.to_lowercase().matches("supply").count();
    let phrases = open.text.to_lowercase().matches("supply chain").count();
    assert_eq!(s.state.reader.hits.len(), phrases);
    assert!(lone >= phrases);
}

/// Issue 10.3: the prompt edits like a shell's, each change runs the filter, and the history
/// comes from earlier runs and goes back to be kept.
#[test]
fn the_prompt_edits_like_a_line_editor_and_keeps_a_history() {
    let mut s = session();
    s.take_in(Incoming::History(vec!["Blinken".into(), "entity:Kishida".into()]));
    s.act(Action::StartFilter);
    s.type_text("Kishida Hagiuda");
    s.act(Action::Edit(Edit::WordLeft));
    s.act(Action::Edit(Edit::Left));
    s.type_text(" OR");
    assert_eq!(s.state.filter.prompt.text, "Kishida OR Hagiuda");
    assert_eq!(s.state.filter.applied.as_deref(), Some("Kishida OR Hagiuda"), "each change runs the filter");
    assert_eq!(s.state.list.rows.len(), 5);
    s.act(Action::Edit(Edit::DeleteToStart));
    assert_eq!(s.state.filter.prompt.text, " Hagiuda", "what was before the cursor is gone");
    s.act(Action::Edit(Edit::Older));
    assert_eq!(s.state.filter.prompt.text, "entity:Kishida");
    s.act(Action::Edit(Edit::Older));
    assert_eq!(s.state.filter.prompt.text, "Blinken");
    let effects = update(&mut s.state, Action::Open);
    let kept = effects.iter().find_map(|e| match e {
        Effect::SaveHistory(queries) => Some(queries.clone()),
        _ => None,
    });
    assert_eq!(
        kept,
        Some(vec!["entity:Kishida".to_string(), "Blinken".to_string()]),
        "the newest last, once"
    );
}

/// Issue 10.9: the list follows the reader to a related article.
#[test]
fn opening_a_related_article_selects_it_in_the_list() {
    let mut s = session();
    s.act(Action::ShowRelated);
    let target = s.state.related.items[0].id;
    s.act(Action::Open);
    assert_eq!(s.state.reader.article, Some(target));
    assert_eq!(s.state.selected_article(), Some(target));
}

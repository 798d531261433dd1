//! Recognizer tests, compiled only under #[cfg(test)] (see `entities/mod.rs`).

use super::*;
use std::sync::OnceLock;

fn recognizer() -> &'static Recognizer {
    static R: OnceLock<Recognizer> = OnceLock::new();
    R.get_or_init(Recognizer::new)
}

fn found(text: &str) -> Vec<(String, EntityKind, String)> {
    recognizer()
        .recognize(text)
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m.kind, m.canonical.to_string()))
        .collect()
}

fn kind_of(text: &str, needle: &str) -> Option<EntityKind> {
    found(text).into_iter().find(|(s, _, _)| s.contains(needle)).map(|(_, k, _)| k)
}

const SEED_1: &str = "The meeting was co-hosted by US Secretary of State Antony Blinken and Commerce Secretary Gina Raimondo with Japanese Foreign Minister Yoshimasa Hayashi and Economy, Trade & Industry Minister Koichi Hagiuda in attendance.";
const SEED_2: &str = "As US President Joe Biden and Japan\u{2019}s Prime Minister Fumio Kishida decided at an online meeting in January, the ministers met in Washington. Biden and Kishida also discussed Russia.";
const SEED_3: &str = "In response to threats from China and Russia, the United States and Japan pledged on July 29 to safeguard an open economic order. The war in Ukraine and tensions over Taiwan worried South Korea, India and Australia.";

#[test]
fn seed_people_are_people() {
    for (text, name) in [
        (SEED_1, "Antony Blinken"),
        (SEED_1, "Gina Raimondo"),
        (SEED_1, "Yoshimasa Hayashi"),
        (SEED_1, "Koichi Hagiuda"),
        (SEED_2, "Joe Biden"),
        (SEED_2, "Fumio Kishida"),
    ] {
        assert_eq!(kind_of(text, name), Some(EntityKind::Person), "{name}");
    }
}

#[test]
fn seed_countries_are_places() {
    for name in [
        "Japan",
        "United States",
        "China",
        "Russia",
        "Ukraine",
        "Taiwan",
        "South Korea",
        "India",
        "Australia",
    ] {
        assert_eq!(kind_of(SEED_3, name), Some(EntityKind::Place), "{name}");
    }
}

#[test]
fn sentence_initial_words_are_not_entities() {
    let text = "Meanwhile, prices rose. Although talks went on, nothing changed.";
    assert!(found(text).is_empty(), "{:?}", found(text));
}

#[test]
fn surname_alone_takes_the_full_name() {
    let text = "Economy, Trade & Industry Minister Koichi Hagiuda arrived late. Later, Hagiuda spoke to reporters. Koichi Hagiuda left.";
    let all = found(text);
    let alone = all.iter().find(|(s, _, _)| s == "Hagiuda");
    assert_eq!(
        alone.map(|(_, k, c)| (*k, c.as_str())),
        Some((EntityKind::Person, "Koichi Hagiuda")),
        "{all:?}"
    );
    assert!(all.iter().all(|(_, k, c)| *k == EntityKind::Person && c == "Koichi Hagiuda"), "{all:?}");
}

#[test]
fn title_prefixed_person_has_bare_canonical() {
    let all = found(SEED_1);
    assert!(all.iter().any(|(_, k, c)| *k == EntityKind::Person && c == "Antony Blinken"), "{all:?}");
    let later = found("Secretary of State Antony Blinken spoke. Blinken left.");
    assert!(later.iter().all(|(_, k, c)| *k == EntityKind::Person && c == "Antony Blinken"));
}

#[test]
fn acronym_takes_its_expansion() {
    let text =
        "Boeing lost a contract with the United States Air Force (USAF) on Friday. USAF officials said so.";
    let all = found(text);
    let usaf: Vec<_> = all.iter().filter(|(s, _, _)| s == "USAF").collect();
    assert_eq!(usaf.len(), 2, "{all:?}");
    for (_, k, c) in usaf {
        assert_eq!(*k, EntityKind::Organization);
        assert_eq!(c, "United States Air Force");
    }
}

#[test]
fn us_variants_share_a_canonical() {
    let text = "Officials in the U.S. and the US said the USA and the United States agree.";
    let places: Vec<_> = found(text).into_iter().filter(|(_, k, _)| *k == EntityKind::Place).collect();
    assert_eq!(places.len(), 4, "{places:?}");
    assert!(places.iter().all(|(_, _, c)| c == "United States"));
}

#[test]
fn money_and_percent() {
    let text = "The deal is worth $293 million, or ~$700m with options; sales rose 20 per cent and costs 12 percent.";
    let all = found(text);
    let kinds: Vec<_> = all.iter().map(|(s, k, _)| (s.as_str(), *k)).collect();
    assert!(kinds.contains(&("$293 million", EntityKind::Money)), "{kinds:?}");
    assert!(kinds.contains(&("~$700m", EntityKind::Money)), "{kinds:?}");
    assert!(kinds.contains(&("20 per cent", EntityKind::Percent)), "{kinds:?}");
    assert!(kinds.contains(&("12 percent", EntityKind::Percent)), "{kinds:?}");
    let canon: Vec<_> = all.iter().map(|(_, _, c)| c.as_str()).collect();
    assert!(canon.contains(&"$700 million") && canon.contains(&"20%"), "{canon:?}");
}

#[test]
fn nationality_and_possessive() {
    let all = found("Japanese officials met Apple's lawyers. Apple said no.");
    assert!(all.contains(&("Japanese".into(), EntityKind::Nationality, "Japanese".into())));
    assert!(all.iter().any(|(s, k, _)| s == "Apple" && *k == EntityKind::Organization));
}

#[test]
fn never_panics_and_offsets_are_boundaries() {
    let long = "Ab ".repeat(10_000);
    let inputs = [
        "",
        " ",
        "\u{0}",
        "日本の岸田文雄首相は東京で US$5 を払った。",
        "😀 Apple 😀 $5m 😀 Tokyo’s Mr. 😀",
        "U.S.",
        "Mr.",
        "(",
        "A (B) C (D",
        "\u{201c}Élodie Müller\u{201d} de la Paz of",
        long.as_str(),
    ];
    for text in inputs {
        let ms = recognizer().recognize(text);
        let mut last = 0;
        for m in ms {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            assert!(m.start >= last && m.start < m.end);
            last = m.end;
        }
    }
}

#[test]
fn recognizer_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Recognizer>();
}

#[test]
fn kinds_have_names() {
    let names: Vec<_> = EntityKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(names, ["person", "organization", "place", "nationality", "money", "percent", "quantity"]);
}

#[test]
fn random_text_keeps_offsets_valid() {
    const PIECES: &[&str] = &[
        "Apple", "U.S.", "Mr.", " ", "  ", "\n", ".", ",", "(", ")", "\"", "\u{201c}", "'s", "’", "$", "5",
        "1,000", "%", "per cent", "of", "the", "The", "Minister", "Japan", "Japanese", "Inc.", "-", "&", "é",
        "日本", "😀", "\u{0301}", "USAF", "Blinken", "CEO", "m", "bn",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..60 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            text.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
        }
        let mut last = 0;
        for m in recognizer().recognize(&text) {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "{text:?}");
            assert!(m.start >= last && m.start < m.end && m.end <= text.len(), "{text:?}");
            last = m.end;
        }
    }
}

#[test]
fn long_runs_stay_linear() {
    let text = "Japanese ".repeat(20_000);
    assert_eq!(recognizer().recognize(&text).len(), 20_000);
}

//! Property tests: whatever the input, the loaders, the analyzers and the query parser do not
//! panic, and what they report points at exact bytes of their input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

use dossier::analysis::{self, Recognizer};
use dossier::corpus::{self, FileKind};
use dossier::index::SearchIndex;
use proptest::prelude::*;

/// Text that looks enough like news to reach the recognizers' rules, with hostile bytes mixed in.
fn newsy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Tokyo",
        "said",
        "on",
        "Friday",
        "July",
        "29",
        "2022",
        "(2030",
        "GMT)",
        "1,500",
        "years",
        "ago",
        "Mr.",
        "Koichi",
        "Hagiuda",
        "the",
        "US",
        "$40",
        "billion",
        "12%",
        "later",
        "\u{1b}]0;x\u{7}",
        "é",
        "東京",
        "\t",
        "\n",
        "\n\n",
        "-",
        "—",
        "'s",
        "\"",
        "(",
        ")",
        "Inc.",
        "EADS",
        "1986,",
        "three",
    ]);
    prop::collection::vec(words, 0..80).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn loaders_never_panic_and_point_into_their_input(bytes in prop::collection::vec(any::<u8>(), 0..400), kind in 0..4u8) {
        let kind = [FileKind::Text, FileKind::Markdown, FileKind::Json, FileKind::JsonLines][kind as usize];
        let load = corpus::load_bytes(&bytes, kind, "p");
        for a in &load.articles {
            if matches!(kind, FileKind::Text | FileKind::Markdown) {
                let start = a.file_offset(0);
                let end = a.file_offset(a.text.len());
                prop_assert!(start <= end && end <= bytes.len(), "{start}..{end} of {}", bytes.len());
            }
        }
    }

    #[test]
    fn analysis_offsets_are_char_boundaries_in_order(text in newsy()) {
        let a = analysis::analyze(&text, chrono::NaiveDate::from_ymd_opt(2005, 3, 1), Recognizer::shared());
        let mut last_end = 0;
        for e in &a.entities {
            prop_assert!(e.start < e.end && e.end <= text.len());
            prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            prop_assert!(e.start >= last_end, "entities overlap");
            last_end = e.end;
        }
        for t in &a.timexes {
            prop_assert!(t.start < t.end && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        for ev in &a.events {
            prop_assert!(ev.sentence.start <= ev.sentence.end && ev.sentence.end <= text.len());
        }
    }

    #[test]
    fn the_query_parser_never_panics(query in "[a-zA-Z0-9 ():\"'~*^+\\-!\\[\\]{}\\\\]{0,120}") {
        let index = SearchIndex::new().unwrap();
        if let Ok(parsed) = index.parse(&query) {
            prop_assert!(index.search(&parsed, &Default::default()).is_ok());
        }
    }
}

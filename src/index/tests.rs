//! Index tests, compiled only under #[cfg(test)] (see `index/mod.rs`).

use super::*;
use crate::analysis::{Analysis, Summary};
use crate::corpus::{Article, seeds};
use std::collections::{BTreeSet, HashMap};

mod updates;

fn seed_index() -> (Vec<Article>, SearchIndex) {
    let articles = seeds::articles();
    let index = build(&articles, &[]).unwrap();
    (articles, index)
}

fn ids(index: &SearchIndex, q: &str) -> Vec<u32> {
    let mut v: Vec<u32> =
        index.search(&index.parse(q).unwrap(), &Default::default()).unwrap().iter().map(|h| h.id).collect();
    v.sort();
    v
}

#[test]
fn words_phrases_and_booleans() {
    let (_, index) = seed_index();
    assert_eq!(ids(&index, "Hagiuda"), vec![0, 1, 3, 4]);
    assert_eq!(ids(&index, "\"supply chain\""), vec![0, 1, 2, 3, 4]);
    assert_eq!(ids(&index, "\"semiconductor supply chain\""), vec![0, 1, 3]);
    assert_eq!(ids(&index, "Hagiuda AND Kishida"), Vec::<u32>::new());
    assert_eq!(ids(&index, "Kishida OR Hagiuda"), vec![0, 1, 2, 3, 4]);
    assert_eq!(ids(&index, "Hagiuda NOT Nikkei"), vec![0, 1, 4]);
    assert_eq!(ids(&index, "Hagiuda AND NOT Nikkei"), vec![0, 1, 4]);
    assert_eq!(ids(&index, "NOT Hagiuda"), vec![2]);
    assert_eq!(ids(&index, "title:digest"), vec![4]);
}

#[test]
fn fuzzy_words_match_misspellings() {
    let (_, index) = seed_index();
    assert_eq!(ids(&index, "Hagiuda~"), ids(&index, "Hagiuda"));
    assert_eq!(ids(&index, "Hagiudda~1"), vec![0, 1, 3, 4]);
}

#[test]
fn syntax_errors_are_readable() {
    let (_, index) = seed_index();
    let e = index.parse("AND OR (").unwrap_err();
    assert!(e.contains("position"), "{e}");
}

#[test]
fn highlights_cover_each_occurrence() {
    let (articles, index) = seed_index();
    let q = index.parse("Hagiuda").unwrap();
    let text = &articles[1].text;
    let h = index.highlights(&q, text);
    assert_eq!(h.len(), text.matches("Hagiuda").count());
    assert!(h.iter().all(|r| &text[r.clone()] == "Hagiuda"));
}

#[test]
fn entity_and_inferred_date_queries_use_the_notes() {
    let articles = seeds::articles();
    let index = build(&articles, &[]).unwrap();
    assert!(ids(&index, "entity:\"Koichi Hagiuda\"").is_empty(), "no notes yet");
    let mut notes = index.notes_writer().unwrap();
    let named = |name: &str| {
        Summary::of(&Analysis {
            entities: vec![crate::analysis::EntityMention {
                start: 0,
                end: 1,
                kind: crate::analysis::EntityKind::Person,
                canonical: name.into(),
            }],
            ..Analysis::default()
        })
    };
    index.note(&notes, 1, None, &named("Koichi Hagiuda"), false).unwrap();
    let y2k_eve = chrono::NaiveDate::from_ymd_opt(1999, 12, 31);
    index.note(&notes, 3, y2k_eve, &named("Koichi Hagiuda"), false).unwrap();
    index.note(&notes, 4, None, &named("Gina Raimondo"), false).unwrap();
    index.note(&notes, 2, None, &named("Hagiuda"), false).unwrap();
    index.commit(&mut notes).unwrap();
    assert_eq!(ids(&index, "entity:\"koichi hagiuda\""), vec![1, 3]);
    assert_eq!(ids(&index, "entity:\"Koichi Hagiuda\" AND Hagiuda"), vec![1, 3]);
    assert_eq!(ids(&index, "Hagiuda AND entity:\"Koichi Hagiuda\""), vec![1, 3]);
    assert_eq!(ids(&index, "entity:\"Koichi Hagiuda\" AND NOT title:digest"), vec![1, 3]);
    assert_eq!(ids(&index, "date:1999-12"), vec![3]);
    // A corpus-wide alias joins the articles that use the short name.
    index.alias(&notes, "Hagiuda", "Koichi Hagiuda").unwrap();
    index.commit(&mut notes).unwrap();
    assert_eq!(ids(&index, "entity:\"Koichi Hagiuda\""), vec![1, 2, 3]);
    // Alone, the condition is answered from the notes: what the text index's pass gives.
    let alone = index.parse("entity:\"Koichi Hagiuda\"").unwrap();
    let mut from_texts = collect::AllHits::SCORED
        .search_on_cores(&index.threads, &index.text_reader.searcher(), alone.query.as_ref(), None)
        .unwrap();
    from_texts.sort_by_key(|h| h.rank_among(&Default::default()));
    let from_notes = index.search(&alone, &Default::default()).unwrap();
    assert!(from_notes.is_sorted_by_key(|h| h.rank_among(&Default::default())), "in rank order already");
    assert_eq!(from_notes, from_texts);
    // A rewritten note replaces the old one.
    index.note(&notes, 3, None, &named("Gina Raimondo"), true).unwrap();
    index.commit(&mut notes).unwrap();
    assert_eq!(ids(&index, "entity:\"Koichi Hagiuda\""), vec![1, 2]);
    assert!(ids(&index, "date:1999").is_empty());
    let loaded = articles[0].date.unwrap().date.format("%Y-%m").to_string();
    assert!(ids(&index, &format!("date:{loaded}")).contains(&0), "load-time dates stay in the text index");
    assert!(ids(&index, "entity:nobody").is_empty() && ids(&index, "entity:nobody OR Hagiuda").len() == 4);
    // Articles whose ids lie past the condition's last one, far past it, in another segment.
    let mut text = index.text_writer().unwrap();
    let mut far = articles[1].clone();
    far.id = 1_000;
    index.add(&text, &far).unwrap();
    index.commit(&mut text).unwrap();
    index.reload().unwrap();
    assert_eq!(ids(&index, "entity:\"Koichi Hagiuda\" AND Hagiuda"), vec![1]);
    index.note(&notes, 1_000, None, &named("Koichi Hagiuda"), false).unwrap();
    index.commit(&mut notes).unwrap();
    assert_eq!(ids(&index, "entity:\"Koichi Hagiuda\""), vec![1, 2, 1_000]);
    assert_eq!(ids(&index, "entity:\"Koichi Hagiuda\" AND Hagiuda"), vec![1, 1_000]);
}

/// The summary of an article that names these people.
fn named(names: &[&str]) -> Summary {
    Summary::of(&Analysis {
        entities: names
            .iter()
            .map(|name| crate::analysis::EntityMention {
                start: 0,
                end: 1,
                kind: crate::analysis::EntityKind::Person,
                canonical: (*name).into(),
            })
            .collect(),
        ..Analysis::default()
    })
}

/// A name only rewritten notes held is no name any more: `entity:` looks past it to the
/// names articles hold now, and counts only their articles (a deleted note stays in the index's
/// words until its segment is merged).
#[test]
fn entity_conditions_look_past_names_of_rewritten_notes() {
    let (_, index) = seed_index();
    let mut notes = index.notes_writer().unwrap();
    index.note(&notes, 2, None, &named(&["Raimondo"]), false).unwrap();
    index.note(&notes, 3, None, &named(&["Raimondo Lopez"]), false).unwrap();
    index.commit(&mut notes).unwrap();
    assert_eq!(ids(&index, "entity:Raimondo"), vec![2]);
    index.note(&notes, 2, None, &named(&["Gina Raimondo"]), true).unwrap();
    index.note(&notes, 4, None, &named(&["Gina Raimondo"]), false).unwrap();
    index.commit(&mut notes).unwrap();
    assert_eq!(ids(&index, "entity:Raimondo"), vec![2, 4], "the most widespread name with the word");
    let parsed = index.parse("entity:Raimondo").unwrap();
    assert_eq!(parsed.notes, vec!["entity:Raimondo means gina raimondo (also: raimondo lopez)".to_string()]);

    // Merged into one segment, the notes give the same answers, the rewritten note gone.
    let written = index.notes_segments();
    assert!(written > 1, "each commit wrote a segment");
    index.compact_notes(notes, index.num_docs() + 1).unwrap();
    assert_eq!(index.notes_segments(), written, "a smaller corpus than asked for");
    index.compact_notes(index.notes_writer().unwrap(), 0).unwrap();
    assert_eq!(index.notes_segments(), 1);
    assert_eq!(ids(&index, "entity:Raimondo"), vec![2, 4]);
    for typed in ["entity:Raimondo", "entity:Raim"] {
        let parsed = index.parse_typing(typed).unwrap();
        let note = format!("{} means gina raimondo (also: raimondo lopez)", typed.trim_end_matches('*'));
        assert_eq!(parsed.notes, vec![note], "{typed}");
    }
}

/// Notes committed eight times set the writer's own merge going (its policy merges eight
/// segments at a time); merging all the segments into one waits for those instead of failing on
/// the segments they took.
#[test]
fn notes_merged_into_one_segment_after_the_writers_own_merges() {
    let (_, index) = seed_index();
    let mut notes = index.notes_writer().unwrap();
    for id in 0..8u32 {
        index
            .note(&notes, 10 + id, None, &named(&["Gina Raimondo", &format!("Person {id}")]), false)
            .unwrap();
        index.commit(&mut notes).unwrap();
    }
    index.compact_notes(notes, 0).unwrap();
    assert_eq!(index.notes_segments(), 1);
    assert_eq!(ids(&index, "entity:\"Person 7\""), vec![17]);
    assert_eq!(ids(&index, "entity:\"Gina Raimondo\"").len(), 8);
}

#[test]
fn the_store_gives_back_each_text() {
    let (articles, index) = seed_index();
    for a in &articles {
        assert_eq!(index.text(a.id).unwrap().as_deref(), Some(a.text.as_str()));
    }
    assert_eq!(index.text(99).unwrap(), None);
}

#[test]
fn an_on_disk_index_lives_in_the_cache_and_goes_when_dropped() {
    let cache = tempfile::tempdir().unwrap();
    let index = SearchIndex::on_disk(cache.path()).unwrap();
    let mut writer = index.text_writer().unwrap();
    for a in seeds::articles() {
        index.add(&writer, &a).unwrap();
    }
    index.commit(&mut writer).unwrap();
    assert_eq!(ids(&index, "Hagiuda"), vec![0, 1, 3, 4]);
    assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), 1);
    drop(writer);
    drop(index);
    assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), 0);
}

#[test]
fn more_like_this_drops_the_article_itself() {
    let (articles, index) = seed_index();
    let hits = index.more_like_this(articles[0].id, 10, &Default::default()).unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.id != 0));
}

/// Issue 9.10: a possessive is a word, not a syntax error.
#[test]
fn apostrophes_in_words_find_the_word() {
    let (_, index) = seed_index();
    assert_eq!(ids(&index, "Japan's"), vec![2, 4], "both spellings of the apostrophe match");
    assert_eq!(ids(&index, "Japan’s AND Hagiuda"), vec![4]);
}

/// Issue 9.2: an endless paste of parentheses or operators gets a message, not a stack overflow.
#[test]
fn pathological_queries_are_refused_with_a_message() {
    let (_, index) = seed_index();
    for q in ["(".repeat(5_000), "NOT ".repeat(10_000), format!("{}a", "(".repeat(800))] {
        let e = index.parse(&q).unwrap_err();
        assert!(e.contains("limit") || e.contains("deeper"), "{e}");
    }
    assert!(index.parse(&format!("{}Hagiuda{}", "(".repeat(30), ")".repeat(30))).is_ok());
}

/// What the reader would highlight in each article, counted from its text.
fn counts_from_texts(index: &SearchIndex, query: &ParsedQuery, ids: &[u32]) -> HashMap<u32, usize> {
    let mut highlighter = index.highlighter(query);
    ids.iter()
        .filter_map(|&id| index.text(id).unwrap().map(|text| (id, highlighter.ranges(&text).len())))
        .collect()
}

#[test]
fn hit_counts_from_positions_equal_the_reader_highlights() {
    let (articles, index) = seed_index();
    let all: Vec<u32> = articles.iter().map(|a| a.id).collect();
    let queries = [
        "Hagiuda",
        "\"supply chain\"",
        "\"semiconductor supply chain\" OR chain",
        "supply chains",
        "economic AND \"supply chain\"",
        "Raimondo Blinken Hayashi",
        "title:digest minister",
        "entity:\"Koichi Hagiuda\" Japan",
        "nosuchword",
        "Hagiudda~1",
        "semicondutcor~1 chain",
        "minster~2",
    ];
    for q in queries {
        for parse in [SearchIndex::parse, SearchIndex::parse_typing] {
            let query = parse(&index, q).unwrap();
            let from_positions = index.hit_counts(&query, &all).unwrap().in_text;
            assert_eq!(from_positions, counts_from_texts(&index, &query, &all), "query {q}");
        }
    }
    let some = index.hit_counts(&index.parse("Hagiuda").unwrap(), &all).unwrap().in_text;
    assert!(some.values().any(|&n| n > 1), "{some:?}");
    let misspelt = index.hit_counts(&index.parse("semicondutcor~1").unwrap(), &all).unwrap().in_text;
    assert!(misspelt.values().any(|&n| n > 0), "a transposition is one edit: {misspelt:?}");
}

/// A match whose title holds the query is told as one, whether the query names the title or
/// searches both: a title-only match has no place in its text to count. Neither a word
/// excluded nor a `date:` condition is a title's hit.
#[test]
fn hit_counts_tell_the_matches_whose_title_holds_the_query() {
    let (articles, index) = seed_index();
    let all: Vec<u32> = articles.iter().map(|a| a.id).collect();
    let titled = |q: &str| {
        let counts = index.hit_counts(&index.parse(q).unwrap(), &all).unwrap();
        let mut ids: Vec<u32> = counts.in_title.into_iter().collect();
        ids.sort_unstable();
        (ids, counts.in_text)
    };
    let with_word = |word: &str| -> Vec<u32> {
        let mut ids: Vec<u32> = articles
            .iter()
            .filter(|a| a.title.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| w == word))
            .map(|a| a.id)
            .collect();
        ids.sort_unstable();
        ids
    };
    let strengthen = with_word("strengthen");
    assert_eq!(strengthen.len(), 1, "one seed title says it");
    let (ids, in_text) = titled("title:strengthen");
    assert_eq!(ids, strengthen);
    assert!(in_text.values().all(|&n| n == 0), "a title: condition counts nothing in the text");
    assert_eq!(titled("strengthen").0, strengthen, "searched in both");
    assert_eq!(titled("strengthe*").0, strengthen, "as a prefix");
    assert_eq!(titled("strengthn~1").0, strengthen, "misspelt");
    assert_eq!(titled("\"industrial policy\"").0, with_word("industrial"));
    let digest = with_word("digest");
    assert!(!digest.is_empty());
    assert_eq!(titled("title:digest OR title:strengthen").0, {
        let mut both = [digest.clone(), strengthen.clone()].concat();
        both.sort_unstable();
        both
    });
    assert!(titled("-strengthen").0.is_empty(), "excluded");
    assert!(titled("Raimondo -strengthen").0.iter().all(|id| !strengthen.contains(id)), "excluded");
    assert!(titled("date:2022").0.is_empty());
}

#[test]
fn hit_counts_skip_removed_articles_and_find_their_replacements() {
    let (articles, index) = seed_index();
    let (mut text_w, mut notes_w) = (index.text_writer().unwrap(), index.notes_writer().unwrap());
    index.remove(&text_w, &notes_w, 1);
    let mut moved = articles[1].clone();
    moved.text = "Hagiuda met Hagiuda. Nobody else.".to_string();
    index.add(&text_w, &moved).unwrap();
    index.commit(&mut text_w).unwrap();
    index.commit(&mut notes_w).unwrap();
    index.reload().unwrap();
    let query = index.parse("Hagiuda").unwrap();
    let counts = index.hit_counts(&query, &[0, 1, 2]).unwrap().in_text;
    assert_eq!(counts.get(&1), Some(&2));
    assert_eq!(counts, counts_from_texts(&index, &query, &[0, 1, 2]));
}

#[test]
fn segments_searched_side_by_side_give_what_one_thread_gives() {
    // One commit per article: as many segments as articles, searched on the cores.
    let articles = seeds::articles();
    let index = SearchIndex::new().unwrap();
    let mut writer = index.text_writer().unwrap();
    for article in &articles {
        index.add(&writer, article).unwrap();
        index.commit(&mut writer).unwrap();
    }
    let searcher = index.text_reader.searcher();
    assert!(searcher.segment_readers().len() > 1, "several segments");
    for q in ["Hagiuda", "\"supply chain\"", "Kishida OR Hagiuda", "NOT Hagiuda", "title:digest"] {
        let query = index.parse(q).unwrap();
        for collector in [collect::AllHits::SCORED, collect::AllHits::IDS] {
            let mut alone = searcher.search(query.query.as_ref(), &collector).unwrap();
            let mut side_by_side =
                collector.search_on_cores(&index.threads, &searcher, query.query.as_ref(), None).unwrap();
            alone.sort_by_key(|h| h.id);
            side_by_side.sort_by_key(|h| h.id);
            assert!(!alone.is_empty(), "{q}");
            assert_eq!(side_by_side, alone, "{q}");
        }
    }
}

#[test]
fn a_search_does_not_wait_for_work_on_rayons_global_pool() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let (_, index) = seed_index();
    let index = Arc::new(index);
    // Every thread of the global pool busy, as during the analysis or the timeline's sort.
    let release = Arc::new(AtomicBool::new(false));
    let busy = Arc::new(AtomicUsize::new(0));
    let threads = rayon::current_num_threads();
    for _ in 0..threads {
        let (release, busy) = (Arc::clone(&release), Arc::clone(&busy));
        rayon::spawn(move || {
            busy.fetch_add(1, Ordering::SeqCst);
            while !release.load(Ordering::SeqCst) {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        });
    }
    while busy.load(Ordering::SeqCst) < threads {
        std::thread::yield_now();
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let searching = Arc::clone(&index);
    std::thread::spawn(move || {
        let found = searching
            .parse("Hagiuda")
            .and_then(|q| searching.search(&q, &Default::default()).map_err(|e| e.to_string()));
        let _ = tx.send(found.map(|hits| hits.len()));
    });
    // Generous: this is not a timing, only whether the search waits for the pool at all.
    let answer = rx.recv_timeout(std::time::Duration::from_secs(10));
    release.store(true, Ordering::SeqCst);
    assert_eq!(answer, Ok(Ok(4)), "answered while the global pool was busy");
}

/// A kept index's files are read whole to check them until they are known whole: then only a
/// file that changed since is read again, a damaged one is still found, and files this index
/// wrote and committed itself are known whole at once.
#[test]
fn kept_files_known_whole_are_not_read_again_unless_they_changed() {
    let cache = tempfile::tempdir().expect("a temporary directory");
    let paths = [cache.path().join("corpus")];
    let write_seeds = |note: bool| {
        let index = SearchIndex::cached(cache.path(), &paths).expect("the kept index");
        let mut writer = index.text_writer().expect("a writer");
        for a in seeds::articles() {
            index.add(&writer, &a).expect("added");
        }
        index.commit(&mut writer).expect("committed");
        drop(writer);
        if note {
            index.note_written_whole();
        }
    };
    write_seeds(false);
    let dir = cache::corpus_dir(cache.path(), &paths);
    let read_whole = || schema::indexes_in(&dir).map(|opened| opened.read_whole);
    assert!(read_whole().expect("whole") > 5, "nothing known yet: every file is read");
    assert_eq!(read_whole().expect("whole"), 0, "every file known whole");

    let file_of = |ext: &str| {
        std::fs::read_dir(dir.join("text"))
            .expect("the text index")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(ext))
            .expect("a file of the kind")
    };
    let idx = file_of(".idx");
    let bytes = std::fs::read(&idx).expect("read");
    std::thread::sleep(std::time::Duration::from_millis(10));
    std::fs::write(&idx, &bytes).expect("written again, the same bytes");
    assert_eq!(read_whole().expect("whole"), 1, "the file written again is read again");

    let pos = file_of(".pos");
    let mut damaged = std::fs::read(&pos).expect("read");
    damaged[3] ^= 0xff;
    std::fs::write(&pos, damaged).expect("damaged");
    let found = read_whole().expect_err("the damage is found");
    assert!(format!("{found:#}").contains("does not match its checksum"), "{found:#}");

    cache::discard(&dir);
    write_seeds(true);
    assert_eq!(read_whole().expect("whole"), 0, "what this index wrote is known whole");
}

/// What a reopened index reads ahead is its segments' files for each part a query reads, in
/// both indexes, and never their stored texts.
#[test]
fn the_files_read_ahead_are_the_segments_search_files_and_not_their_texts() {
    let cache = tempfile::tempdir().expect("a temporary directory");
    let paths = [cache.path().join("corpus")];
    let index = SearchIndex::cached(cache.path(), &paths).expect("the kept index");
    let mut writer = index.text_writer().expect("a writer");
    for a in seeds::articles() {
        index.add(&writer, &a).expect("added");
    }
    index.commit(&mut writer).expect("committed");
    let mut notes = index.notes_writer().expect("a writer");
    let analysis = crate::analysis::Analysis {
        entities: vec![crate::analysis::EntityMention {
            start: 0,
            end: 1,
            kind: crate::analysis::EntityKind::Person,
            canonical: "Koichi Hagiuda".into(),
        }],
        ..crate::analysis::Analysis::default()
    };
    index.note(&notes, 1, None, &Summary::of(&analysis), false).expect("noted");
    index.commit(&mut notes).expect("committed");
    // A deletion gives the text segment a file of its own, which queries read too.
    index.remove(&writer, &notes, 2);
    index.commit(&mut writer).expect("committed");

    let files = index.searched_files();
    let dir = cache::corpus_dir(cache.path(), &paths);
    let kinds = |under: &str| -> BTreeSet<String> {
        files
            .iter()
            .filter(|f| f.starts_with(dir.join(under)))
            .map(|f| f.extension().and_then(|e| e.to_str()).unwrap_or_default().to_string())
            .collect()
    };
    let searched = ["del", "fast", "fieldnorm", "idx", "pos", "term"].map(String::from);
    assert_eq!(kinds("text"), BTreeSet::from(searched.clone()));
    assert_eq!(kinds("notes"), BTreeSet::from(searched).into_iter().filter(|k| k != "del").collect());
    assert!(files.iter().all(|f| f.is_file()), "{files:?}");
    assert!(!files.iter().any(|f| f.to_string_lossy().contains(".store")), "{files:?}");
    assert!(SearchIndex::new().expect("an index in memory").searched_files().is_empty());
}

/// An index in a temporary directory (`--no-cache`, or a corpus another dossier holds) is on
/// disk too, and its search files are read ahead as a kept index's are.
#[test]
fn a_temporary_index_reads_ahead_its_own_search_files() {
    let cache = tempfile::tempdir().expect("a temporary directory");
    let index = SearchIndex::on_disk(cache.path()).expect("an index on disk");
    let mut writer = index.text_writer().expect("a writer");
    for a in seeds::articles() {
        index.add(&writer, &a).expect("added");
    }
    index.commit(&mut writer).expect("committed");
    let dir = index.state_dir().expect("a directory on disk").to_path_buf();
    let files = index.searched_files();
    let kinds: BTreeSet<String> = files
        .iter()
        .filter(|f| f.starts_with(dir.join("text")))
        .map(|f| f.extension().and_then(|e| e.to_str()).unwrap_or_default().to_string())
        .collect();
    assert_eq!(kinds, BTreeSet::from(["fast", "fieldnorm", "idx", "pos", "term"].map(String::from)));
    assert!(files.iter().all(|f| f.is_file()), "{files:?}");
}

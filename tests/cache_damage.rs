//! A damaged cache is never trusted: each kind of file of a corpus's cache is damaged in turn,
//! and the next command finds it, says so, indexes the corpus again and answers correctly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::*;

const ARTICLES: usize = 12;

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..ARTICLES {
        let body =
            format!("Story {i}\ndate 1997-04-02\n\nOfficials in Tokyo said marker{i} talks would go on.\n");
        std::fs::write(dir.path().join(format!("a{i}.txt")), body).unwrap();
    }
    dir
}

fn run(cache: &Path, args: &[&str]) -> Output {
    dossier().env("XDG_CACHE_HOME", cache).args(args).output().unwrap()
}

/// The one corpus directory in the cache.
fn corpus_cache(cache: &Path) -> PathBuf {
    let root = cache.join("dossier");
    std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("corpus-"))
        .unwrap()
}

/// The first file of `sub` (text or notes) whose name ends with `ext`.
fn index_file(dir: &Path, sub: &str, ext: &str) -> PathBuf {
    std::fs::read_dir(dir.join(sub))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(ext))
        .unwrap_or_else(|| panic!("no {ext} file in {sub}"))
}

fn damage(dir: &Path, kind: &str) {
    match kind {
        "state.bin flipped" => flip(&dir.join("state.bin"), 40),
        "state.bin cut" => cut(&dir.join("state.bin")),
        "text/meta.json deleted" => std::fs::remove_file(dir.join("text/meta.json")).unwrap(),
        "notes/meta.json deleted" => std::fs::remove_file(dir.join("notes/meta.json")).unwrap(),
        "text .idx overwritten" => {
            let f = index_file(dir, "text", ".idx");
            let mut bytes = std::fs::read(&f).unwrap();
            for (i, b) in bytes.iter_mut().take(64).enumerate() {
                *b = (i as u8).wrapping_mul(151).wrapping_add(7);
            }
            std::fs::write(&f, bytes).unwrap();
        }
        "text .pos deleted" => std::fs::remove_file(index_file(dir, "text", ".pos")).unwrap(),
        "text .store flipped" => flip(&index_file(dir, "text", ".store"), 10),
        "text .term cut" => cut(&index_file(dir, "text", ".term")),
        "text .fast flipped" => flip(&index_file(dir, "text", ".fast"), 3),
        "notes .idx flipped" => flip(&index_file(dir, "notes", ".idx"), 5),
        other => panic!("unknown damage {other}"),
    }
}

fn flip(path: &Path, at: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    let i = at.min(bytes.len() - 1);
    bytes[i] ^= 0xff;
    std::fs::write(path, bytes).unwrap();
}

fn cut(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
}

fn hits(out: &Output) -> usize {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    stdout_lines(out).len()
}

#[test]
fn each_kind_of_damaged_cache_file_is_found_and_the_corpus_indexed_again() {
    let corpus = corpus();
    let path = corpus.path().to_str().unwrap();
    for kind in [
        "state.bin flipped",
        "state.bin cut",
        "text/meta.json deleted",
        "notes/meta.json deleted",
        "text .idx overwritten",
        "text .pos deleted",
        "text .store flipped",
        "text .term cut",
        "text .fast flipped",
        "notes .idx flipped",
    ] {
        let cache = tempfile::tempdir().unwrap();
        let limit = ARTICLES.to_string();
        let query = ["search", "--json", "--limit", &limit, "entity:Tokyo AND marker3", path];
        assert_eq!(hits(&run(cache.path(), &query)), 1, "{kind}: first open");
        let second = run(cache.path(), &["stats", "--json", path]);
        assert_eq!(stdout_lines(&second)[0]["from_cache"], true, "{kind}: reused while intact");
        damage(&corpus_cache(cache.path()), kind);
        let after = run(cache.path(), &query);
        let told = String::from_utf8_lossy(&after.stderr);
        assert!(told.contains("damaged") && told.contains("indexing it again"), "{kind}: {told}");
        assert_eq!(hits(&after), 1, "{kind}: correct answers from the new index");
        let phrase =
            run(cache.path(), &["search", "--json", "--limit", &limit, "\"Officials in Tokyo\"", path]);
        assert_eq!(hits(&phrase), ARTICLES, "{kind}: positions work again");
        let again = run(cache.path(), &["stats", "--json", path]);
        assert_eq!(stdout_lines(&again)[0]["from_cache"], true, "{kind}: the new cache is kept");
        assert!(again.stderr.is_empty(), "{kind}: no message once repaired");
    }
}

//! The headless commands, run as a user would run them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::PathBuf;

#[test]
fn search_from_another_directory_finds_exactly_the_seeds_with_the_word() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_in(tmp.path(), &["search", "--json", "Hagiuda"]);
    assert!(out.status.success());
    let got: BTreeSet<String> =
        stdout_lines(&out).iter().map(|v| v["path"].as_str().unwrap().to_string()).collect();
    let want: BTreeSet<String> =
        seed_files().into_iter().filter(|(_, t)| t.contains("Hagiuda")).map(|(p, _)| p).collect();
    assert_eq!(got, want);
    for hit in stdout_lines(&out) {
        for key in ["path", "title", "date", "score", "snippet"] {
            assert!(hit.get(key).is_some(), "{key} missing in {hit}");
        }
    }
}

#[test]
fn phrase_search_matches_the_phrase() {
    let out = run_in(&repo(), &["search", "--json", "\"supply chain\""]);
    assert!(out.status.success());
    let hits = stdout_lines(&out);
    assert!(!hits.is_empty());
    let texts: std::collections::HashMap<String, String> = seed_files().into_iter().collect();
    for h in hits {
        let text = texts[h["path"].as_str().unwrap()].to_lowercase();
        assert!(text.contains("supply chain"), "{} lacks the phrase", h["path"]);
    }
}

#[test]
fn a_broken_query_exits_non_zero_with_a_readable_message() {
    let out = run_in(&repo(), &["search", "--json", "AND OR ("]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("position"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn annotate_prints_one_object_per_file_with_file_offsets() {
    let file = repo().join("seeds/000_bb3ba981824539c7.txt");
    let out = run_in(&repo(), &["annotate", "--json", file.to_str().unwrap()]);
    assert!(out.status.success());
    let v = &stdout_lines(&out)[0];
    let raw = std::fs::read_to_string(&file).unwrap();
    assert_eq!(v["date"], "2022-07-30");
    for e in v["entities"].as_array().unwrap().iter().chain(v["timexes"].as_array().unwrap()) {
        let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert_eq!(&raw[s..t], e["text"].as_str().unwrap(), "offsets are into the file");
    }
}

#[test]
fn annotate_takes_the_dct_for_undated_files() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("a.txt");
    std::fs::write(&f, "Officials met on July 29 in Washington.\n").unwrap();
    let out = run_in(tmp.path(), &["annotate", "--json", "--dct", "2022-07-30", "a.txt"]);
    let v = &stdout_lines(&out)[0];
    assert_eq!(v["date"], "2022-07-30");
    let t = &v["timexes"][0];
    assert_eq!(t["value"], "2022-07-29");
    assert_eq!(t["type"], "DATE");
}

#[test]
fn timeline_lines_have_the_contract_shape_and_point_into_files() {
    let out = run_in(&repo(), &["timeline", "--json"]);
    assert!(out.status.success());
    let events = stdout_lines(&out);
    assert!(!events.is_empty());
    let files: std::collections::HashMap<String, String> = seed_files().into_iter().collect();
    let mut last = String::new();
    for e in &events {
        let date = e["date"].as_str().unwrap().to_string();
        assert!(date[..4] >= last[..last.len().min(4)], "chronological");
        last = date;
        let raw = &files[e["doc"].as_str().unwrap()];
        let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert_eq!(&raw[s..t], e["text"].as_str().unwrap());
        for key in ["granularity", "title"] {
            assert!(e.get(key).is_some());
        }
    }
}

#[test]
fn related_lists_other_articles_with_reasons() {
    let out = run_in(&repo(), &["related", "--json", "seeds/000_bb3ba981824539c7.txt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = stdout_lines(&out);
    assert!(!rows.is_empty());
    for r in &rows {
        assert_ne!(r["path"], "seeds/000_bb3ba981824539c7.txt");
        assert!(!r["reason"].as_str().unwrap().is_empty());
    }
}

#[test]
fn every_format_loads_and_bad_files_are_reported_not_fatal() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("a.txt"), "A plain title\n\nHagiuda spoke in Tokyo.\n").unwrap();
    std::fs::write(d.join("b.md"), "---\ntitle: Front matter\ndate: 2022-07-29\n---\nHagiuda met Blinken.\n")
        .unwrap();
    std::fs::write(
        d.join("c.json"),
        r#"[{"id":"x1","title":"Json one","text":"Hagiuda again."},{"no":"text"}]"#,
    )
    .unwrap();
    std::fs::write(d.join("d.jsonl"), "{\"title\":\"Line one\",\"text\":\"Hagiuda here.\"}\n{broken\n")
        .unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), (0..=255u8).cycle().take(5000).collect::<Vec<u8>>()).unwrap();
    let before = listing(d);
    let out = run_in(d, &["search", "--json", "Hagiuda", "."]);
    assert!(out.status.success());
    let paths: BTreeSet<String> =
        stdout_lines(&out).iter().map(|v| v["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(
        paths,
        ["./a.txt", "./b.md", "./c.json#x1", "./d.jsonl#1"].iter().map(|s| s.to_string()).collect()
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let reported: Vec<serde_json::Value> =
        err.lines().map(|l| serde_json::from_str(l).expect("--json reports skipped files as JSON")).collect();
    for (file, reason) in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("c.json#2", "no text"),
        ("d.jsonl#2", "invalid JSON"),
    ] {
        assert!(
            reported.iter().any(|r| r["skipped"].as_str().is_some_and(|p| p.ends_with(file))
                && r["reason"].as_str().is_some_and(|x| x.contains(reason))),
            "{file}: {reason} not reported in\n{err}"
        );
    }
    assert_eq!(listing(d), before, "nothing is written into the corpus");
}

fn listing(dir: &std::path::Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut v: Vec<_> = walk(dir)
        .into_iter()
        .map(|p| {
            let m = std::fs::metadata(&p).unwrap();
            (p.display().to_string(), m.len(), m.modified().unwrap())
        })
        .collect();
    v.sort();
    v
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
#[ignore = "needs ../shared"]
fn the_hostile_corpus_is_survived() {
    let shared = shared().expect("../shared/tools beside the checkout");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("hostile");
    let made = std::process::Command::new(shared.join("tools/make-hostile"))
        .arg(&dir)
        .args(["--big-mb", "40"])
        .output()
        .unwrap();
    assert!(made.status.success());
    let out = run_in(tmp.path(), &["search", "--json", "Washington", "hostile"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let paths: Vec<String> =
        stdout_lines(&out).iter().map(|v| v["path"].as_str().unwrap().to_string()).collect();
    for good in [
        "plain.txt",
        "crlf.txt",
        "bom.txt",
        "escapes.txt",
        "nested/deeper/deepest/deep.txt",
        "array.json#1",
        "mixed.jsonl#1",
    ] {
        assert!(paths.iter().any(|p| p.ends_with(good)), "{good} should load: {paths:?}");
    }
    let err = String::from_utf8_lossy(&out.stderr);
    for bad in ["empty.txt", "blank.txt", "binary.txt", "broken.json", "huge.txt", "dangling.txt"] {
        assert!(err.contains(bad), "{bad} should be reported as skipped:\n{err}");
    }
    assert!(!err.contains("panicked"));
}

#[test]
fn stats_uses_the_cache_on_a_second_run_unless_told_not_to() {
    let corpus = seed_folder();
    let cache = tempfile::tempdir().unwrap();
    let stats = |extra: &[&str]| {
        let mut args = vec!["stats", "--json"];
        args.extend_from_slice(extra);
        let dir = corpus.path().to_str().unwrap();
        args.push(dir);
        let out = dossier().args(&args).env("XDG_CACHE_HOME", cache.path()).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(line["articles"], 5);
        line["from_cache"].as_bool().unwrap()
    };
    let count = |prefix: &str| {
        std::fs::read_dir(cache.path().join("dossier"))
            .map(|d| d.flatten().filter(|e| e.file_name().to_string_lossy().starts_with(prefix)).count())
            .unwrap_or(0)
    };
    let kept = || count("corpus-");
    assert!(!stats(&["--no-cache"]));
    assert_eq!(kept(), 0, "--no-cache keeps nothing");
    assert_eq!(count("index-"), 0, "and its temporary index is gone");
    assert!(!stats(&[]), "the first run indexes");
    assert_eq!(kept(), 1);
    assert!(stats(&[]), "the second run reuses the cache");
}

/// A relative XDG_CACHE_HOME is ignored, as the XDG rules say, and the commands say so and
/// where the cache is instead: nothing is written under the relative folder.
#[test]
fn a_relative_cache_home_is_said_to_be_ignored() {
    let corpus = seed_folder();
    let home = tempfile::tempdir().unwrap();
    let out = dossier()
        .args(["stats", "--json", corpus.path().to_str().unwrap()])
        .current_dir(home.path())
        .env("HOME", home.path())
        .env("XDG_CACHE_HOME", "relative-cache")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    let notice: serde_json::Value = serde_json::from_str(err.lines().next().unwrap_or_default()).unwrap();
    let said = format!(
        "XDG_CACHE_HOME (relative-cache) is not an absolute path and is ignored: the cache is in {}",
        home.path().join(".cache/dossier").display()
    );
    assert_eq!(notice["notice"].as_str(), Some(said.as_str()), "{err}");
    assert!(!home.path().join("relative-cache").exists());
    assert!(home.path().join(".cache/dossier").is_dir());
}

/// `stats` on a corpus another dossier has open times a fresh index, and says so on standard
/// error; standard output is its figures alone.
#[test]
fn stats_says_when_another_dossier_has_the_corpus_open() {
    let corpus = seed_folder();
    let cache = tempfile::tempdir().unwrap();
    let paths = [corpus.path().to_path_buf()];
    let dir = dossier::index::cache::corpus_dir(&cache.path().join("dossier"), &paths);
    let held = dossier::index::cache::Claim::take(&dir).unwrap();
    let out = dossier()
        .args(["stats", "--json", corpus.path().to_str().unwrap()])
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((line["articles"].as_u64(), line["from_cache"].as_bool()), (Some(5), Some(false)));
    let err = String::from_utf8_lossy(&out.stderr);
    let notice: serde_json::Value = serde_json::from_str(err.lines().next().unwrap_or_default()).unwrap();
    let why = format!(
        "this corpus is open in another dossier (process {}): indexing it again here, for this session only",
        std::process::id()
    );
    assert_eq!(notice["notice"], why.as_str());
    drop(held);
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // `dossier annotate --json ... | head -c 1`: stdout closes after one byte.
    let seeds: Vec<PathBuf> = seed_files().iter().map(|(p, _)| repo().join(p)).collect();
    let mut annotate = dossier();
    annotate.args(["annotate", "--json"]).args(&seeds);
    let out = run_closing(annotate, Closed::Output);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}, stderr {stderr}", out.status);
    assert!(!stderr.contains("Broken pipe"), "stderr: {stderr}");
}

#[test]
fn a_closed_standard_error_does_not_stop_a_command() {
    // `dossier search ... 2>&1 | true`-like: standard error closes before the skipped file is
    // reported. The matches are still printed, and nothing panics (a panic exits with 101).
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.txt"), "A plain title\n\nHagiuda spoke in Tokyo.\n").unwrap();
    std::fs::write(tmp.path().join("empty.txt"), "").unwrap();
    let mut search = dossier();
    search.args(["search", "Hagiuda"]).arg(tmp.path());
    let out = run_closing(search, Closed::Errors);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("a.txt"), "{out:?}");
}

#[test]
fn the_binary_allocates_with_jemalloc() {
    // glibc's allocator made the first query after an update of a million articles take
    // 30-100 ms (see main.rs); jemalloc, asked to, reports its statistics when dossier ends.
    let out = dossier().arg("--version").env("_RJEM_MALLOC_CONF", "stats_print:true").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("jemalloc statistics"), "stderr: {stderr}");
    assert!(stderr.contains("opt.percpu_arena: \"percpu\""), "dossier's own options are read: {stderr}");
}

/// Which of a command's outputs is closed as it starts.
enum Closed {
    Output,
    Errors,
}

/// Runs `command` with both outputs piped, and closes one as it starts, as a reader that
/// stops early does; what came through the other.
fn run_closing(mut command: std::process::Command, closed: Closed) -> std::process::Output {
    use std::process::Stdio;
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    match closed {
        Closed::Output => drop(child.stdout.take()),
        Closed::Errors => drop(child.stderr.take()),
    }
    child.wait_with_output().unwrap()
}

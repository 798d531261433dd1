//! `dossier export`, and what the other tools see of its files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

mod common;

use common::*;

/// Issue 14: the seeds' timeline as TimelineJS 3 JSON: a title, and events with a start date
/// (year, and month and day where known) and a headline.
#[test]
fn the_timeline_exports_as_timelinejs_json() {
    let out = run_in(&repo(), &["export", "--format", "timelinejs"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["title"]["text"]["headline"].as_str().unwrap().starts_with("Timeline"));
    let events = doc["events"].as_array().unwrap();
    assert!(events.len() > 10);
    for e in events {
        let year = e["start_date"]["year"].as_str().unwrap();
        assert_eq!(year.len(), 4, "{e}");
        if let Some(day) = e["start_date"].get("day") {
            assert!(e["start_date"].get("month").is_some(), "a day comes with its month: {e}");
            assert!((1..=31).contains(&day.as_str().unwrap().parse::<u32>().unwrap()));
        }
        assert!(!e["text"]["headline"].as_str().unwrap().is_empty());
    }
    let dates: Vec<String> = events
        .iter()
        .map(|e| {
            let d = &e["start_date"];
            format!(
                "{}-{}-{}",
                d["year"].as_str().unwrap(),
                d["month"].as_str().unwrap_or("?"),
                d["day"].as_str().unwrap_or("?")
            )
        })
        .collect();
    for seed_date in ["2022-7-29", "2022-7-20", "2022-7-25"] {
        assert!(dates.iter().any(|d| d == seed_date), "{seed_date} in {dates:?}");
    }
}

/// Issue 14: the CSV opens with a CSV parser, one row per event, the columns named.
#[test]
fn the_timeline_exports_as_csv_and_as_markdown() {
    let out = run_in(&repo(), &["export", "--format", "csv", "--entity", "Hagiuda"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        vec!["date", "granularity", "anchor", "sentence", "title", "path", "url"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r[3].contains("Hagiuda")), "only his sentences");
    let out = run_in(&repo(), &["export", "--what", "articles", "--format", "md", "--query", "Hagiuda"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("# Articles")
            && text.lines().filter(|l| l.starts_with("| 20") || l.starts_with("| ~20")).count() == 4,
        "{text}"
    );
    let out = run_in(&repo(), &["export", "--what", "entities", "--format", "json"]);
    let entities: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        entities
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "Koichi Hagiuda" && e["articles"] == 4 && e["mentions"].is_u64())
    );
}

/// Issue 14: an export is never written into the corpus.
#[test]
fn an_export_into_the_corpus_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.txt"), "A\n\nOfficials in Tokyo met on Friday, July 29, 2022.\n")
        .unwrap();
    let inside = tmp.path().join("out.csv");
    let out = run_in(tmp.path(), &["export", "--format", "csv", "--output", inside.to_str().unwrap(), "."]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("inside the corpus"));
    assert!(!inside.exists());
}

/// Issue 14: completions and a man page come from the command line's own definition.
#[test]
fn completions_and_the_man_page_name_the_commands() {
    let out = run_in(&repo(), &["completions", "bash"]);
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.contains("complete") && script.contains("timeline") && script.contains("export"));
    let out = run_in(&repo(), &["man"]);
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH") && page.contains("dossier"));
    let out = run_in(&repo(), &["--version"]);
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("dossier 0."));
}

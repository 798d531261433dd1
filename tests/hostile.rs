//! The faults a hostile probe found in the commands (issue 9), each reproduced as a user would
//! meet it, so that it stays fixed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn write(dir: &Path, name: &str, contents: &[u8]) {
    std::fs::write(dir.join(name), contents).unwrap();
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Issue 9.3: an id or a file name holding an escape sequence is printed raw by no command.
#[test]
fn escape_sequences_in_ids_and_file_names_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let clipboard = "\u{1b}]52;c;cHduZWQ=\u{7}";
    let title = "\u{1b}]0;owned\u{7}";
    let line = serde_json::json!({ "id": format!("x{clipboard}"), "title": "Tokyo talks", "date": "2022-07-29",
        "text": "Officials met in Tokyo on July 29, 2022. Koichi Hagiuda spoke." });
    write(d, "feed.jsonl", format!("{line}\n").as_bytes());
    write(d, &format!("named{title}.txt"), b"Tokyo story\n\nOfficials met in Tokyo on July 29, 2022.\n");
    write(d, &format!("broken{title}.json"), b"{\"cut");
    let named = d.join(format!("named{title}.txt"));
    let named = named.to_str().unwrap();
    for args in [
        vec!["search", "Tokyo", "."],
        vec!["timeline", "."],
        vec!["annotate", named],
        vec!["related", named, "."],
    ] {
        let out = run_in(d, &args);
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                !bytes.iter().any(|&b| b == 0x1b || b == 0x07),
                "{args:?} printed a control byte on {stream}: {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let out = run_in(d, &["search", "--json", "Tokyo", "."]);
    let ids: Vec<String> =
        stdout_lines(&out).iter().map(|v| v["path"].as_str().unwrap().to_string()).collect();
    assert!(
        ids.iter().any(|p| p.ends_with(&format!("#x{clipboard}"))),
        "JSON keeps the id, escaped: {ids:?}"
    );
}

/// Issue 9.7: a named pipe blocked `annotate` forever, `/dev/zero` filled the memory.
#[test]
fn pipes_and_devices_are_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for path in [fifo.to_str().unwrap(), "/dev/zero"] {
        let started = Instant::now();
        let mut child = dossier().args(["annotate", "--json", path]).stderr(Stdio::piped()).spawn().unwrap();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(10) {
                child.kill().unwrap();
                panic!("annotate {path} hangs");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let out = child.wait_with_output().unwrap();
        assert!(!status.success());
        assert!(stderr(&out).contains("not a regular file"), "{path}: {}", stderr(&out));
    }
    let out = run_in(tmp.path(), &["search", "--json", "anything", "."]);
    assert!(stderr(&out).contains("not a regular file"), "a pipe in a folder is reported: {}", stderr(&out));
}

/// Issue 9.6: five million junk lines made five million skip records.
#[test]
fn a_file_of_junk_lines_reports_a_few_and_counts_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let mut junk = String::from("{\"title\": \"Real\", \"text\": \"Officials in Tokyo met.\"}\n");
    junk.push_str(&"not json\n".repeat(200_000));
    write(tmp.path(), "junk.jsonl", junk.as_bytes());
    let out = run_in(tmp.path(), &["search", "--json", "Tokyo", "junk.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout_lines(&out).len(), 1);
    let reported: Vec<serde_json::Value> =
        stderr(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(reported.len() <= 101, "{} records", reported.len());
    assert!(reported.iter().any(|r| r["reason"].as_str().unwrap().contains("199900 more lines skipped")));
}

/// Issue 9.8: a file's permissions are part of what the cache checks, and two spellings of one
/// folder are one corpus.
#[test]
fn the_cache_sees_permissions_and_spellings() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("news");
    std::fs::create_dir(&corpus).unwrap();
    write(&corpus, "a.txt", b"A story\n\nOfficials in Tokyo met.\n");
    let cache = tmp.path().join("cache");
    let stats = |dir: &str| {
        let out = dossier()
            .args(["stats", "--json", dir])
            .current_dir(tmp.path())
            .env("XDG_CACHE_HOME", &cache)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout_lines(&out)[0]["from_cache"].as_bool().unwrap()
    };
    let absolute = corpus.to_str().unwrap();
    assert!(!stats("news"));
    assert!(stats(absolute), "another spelling of the same folder");
    assert!(stats("./news"));
    let out = dossier()
        .args(["search", "--json", "Tokyo", absolute])
        .env("XDG_CACHE_HOME", &cache)
        .output()
        .unwrap();
    assert_eq!(stdout_lines(&out)[0]["path"], format!("{absolute}/a.txt"), "paths as spelled this time");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(corpus.join("a.txt"), std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(!stats("news"), "a change of permissions is looked at again");
}

/// Issue 9.11: empty JSON, blank JSONL, repeated ids, warnings and a misspelled path.
#[test]
fn empty_files_repeated_ids_and_warnings_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "empty.json", b"[]");
    write(d, "blank.jsonl", b"\n \n\n");
    let twice = "{\"id\":\"a\",\"text\":\"Tokyo one.\"}\n{\"id\":\"a\",\"text\":\"Tokyo two.\"}\n";
    write(d, "twice.jsonl", twice.as_bytes());
    write(d, "bad.md", b"---\ntitle: [unclosed\n---\n\nTokyo three.\n");
    let out = run_in(d, &["search", "--json", "Tokyo", "."]);
    let paths: Vec<String> =
        stdout_lines(&out).iter().map(|v| v["path"].as_str().unwrap().to_string()).collect();
    assert!(
        paths.contains(&"./twice.jsonl#a".to_string()) && paths.contains(&"./twice.jsonl#a@2".to_string()),
        "{paths:?}"
    );
    let told = stderr(&out);
    for (file, what) in [
        ("empty.json", "array is empty"),
        ("blank.jsonl", "only blank lines"),
        ("bad.md", "not valid YAML"),
        ("twice.jsonl#a@2", "more than once"),
    ] {
        assert!(told.lines().any(|l| l.contains(file) && l.contains(what)), "{file}: {what} not in\n{told}");
    }
    let out = run_in(d, &["search", "Tokyo", "no-such-folder"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no-such-folder") && stderr(&out).contains("not found"),
        "{}",
        stderr(&out)
    );
    let out = run_in(d, &["no-such-folder"]);
    assert!(!out.status.success(), "the interface does not open on a typing mistake");
}

/// Issue 9.11: annotate reports byte offsets into the file whatever its encoding.
#[test]
fn annotate_offsets_are_file_bytes_for_latin1_and_broken_utf8() {
    let tmp = tempfile::tempdir().unwrap();
    let latin1 =
        b"Caf\xe9 talks\n\nJos\xe9 Ram\xf3n met Koichi Hagiuda in S\xe3o Paulo on July 29, 2022.\n".to_vec();
    let broken =
        b"Half \xe2\x82 title\n\nThe \xe2\x82 minister Koichi Hagiuda spoke in Tokyo on July 29, 2022.\n"
            .to_vec();
    for (name, bytes) in [("latin1.txt", latin1), ("broken.txt", broken)] {
        write(tmp.path(), name, &bytes);
        let out = run_in(tmp.path(), &["annotate", "--json", "--dct", "2022-07-30", name]);
        let v = &stdout_lines(&out)[0];
        let mut checked = 0;
        for e in v["entities"].as_array().unwrap().iter().chain(v["timexes"].as_array().unwrap()) {
            let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
            let text = e["text"].as_str().unwrap();
            if text.is_ascii() {
                assert_eq!(&bytes[s..t], text.as_bytes(), "{name}: {text}");
                checked += 1;
            }
        }
        assert!(checked >= 2, "{name}: {v}");
        assert!(stderr(&out).contains("warning"), "{name}: the lossy decoding is reported");
    }
}

/// Issue 9.11: without a terminal the interface says so in one line; a closed pipe is not an
/// error.
#[test]
fn no_terminal_and_closed_pipes_end_quietly() {
    let out = dossier().stdin(Stdio::null()).output().unwrap();
    assert!(!out.status.success());
    let told = stderr(&out);
    assert!(told.contains("needs a terminal") && !told.contains("panicked"), "{told}");
    assert_eq!(told.lines().count(), 1);
    let bin = env!("CARGO_BIN_EXE_dossier");
    let out = Command::new("sh").arg("-c").arg(format!("{bin} timeline --json | head -1")).output().unwrap();
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

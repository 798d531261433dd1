//! JSON (an object or an array of objects) and JSON Lines articles.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::{Map, Value};

use super::{Draft, FileLoad, Skipped, meta};

/// One parsed record, or why it was skipped.
pub type Record = Result<Draft, Skipped>;

pub fn parse_document(text: &str, shown: &str) -> Result<Vec<Record>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let mut ids = UniquePaths::default();
    match value {
        Value::Array(items) if items.is_empty() => Err("no articles: the JSON array is empty".to_string()),
        Value::Array(items) => Ok(items
            .iter()
            .enumerate()
            .map(|(i, item)| ids.unique(record(item, shown, &(i + 1).to_string()), i + 1))
            .collect()),
        Value::Object(_) => Ok(vec![record(&value, shown, "1")]),
        _ => Err("JSON is neither an article object nor an array of them".to_string()),
    }
}

/// Parses JSON Lines already in memory (the embedded and test path).
pub fn parse_lines(text: &str, shown: &str) -> Result<Vec<Record>, String> {
    let mut ids = UniquePaths::default();
    let records: Vec<Record> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| ids.unique(parse_line(line, shown, i + 1), i + 1))
        .collect();
    if records.is_empty() {
        return Err(NO_LINES.to_string());
    }
    Ok(records)
}

const NO_LINES: &str = "no articles: only blank lines";

/// Two records of one file with the same id would share a path: the later ones are named by
/// their position too (`file#id@7`), with a warning.
#[derive(Default)]
struct UniquePaths {
    seen: std::collections::HashSet<String>,
}

impl UniquePaths {
    fn unique(&mut self, record: Record, position: usize) -> Record {
        let mut draft = record?;
        if !self.seen.insert(draft.path.clone()) {
            let id = draft.path.rsplit_once('#').map_or("", |(_, id)| id).to_string();
            draft.path = format!("{}@{position}", draft.path);
            draft
                .warnings
                .push(format!("id {id:?} appears more than once: this one is named by its position"));
            self.seen.insert(draft.path.clone());
        }
        Ok(draft)
    }
}

/// Reads a whole JSON Lines file.
pub fn load_lines(path: &Path, shown: &str) -> FileLoad {
    let mut all = FileLoad::default();
    load_lines_in_batches(path, shown, usize::MAX, &mut |load| {
        all.articles.extend(load.articles);
        all.skipped.extend(load.skipped);
        all.bytes += load.bytes;
    });
    all
}

/// Streams a JSON Lines file in batches of `batch` records, so that a large file is never
/// in memory as a whole and its first articles arrive early.
pub fn load_lines_in_batches(path: &Path, shown: &str, batch: usize, emit: &mut dyn FnMut(FileLoad)) {
    let mut load = FileLoad::default();
    let file = match super::open_regular(path) {
        Ok(f) => f,
        Err(reason) => {
            load.skipped.push(Skipped { path: shown.to_string(), reason });
            emit(load);
            return;
        }
    };
    let mut ids = UniquePaths::default();
    let mut skips = super::SkipCap::default();
    let mut records = 0usize;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buf = Vec::new();
    let mut line_no = 0;
    loop {
        buf.clear();
        line_no += 1;
        let limit = super::MAX_RECORD_BYTES as u64 + 1;
        match reader.by_ref().take(limit).read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(n) => load.bytes += n as u64,
            Err(e) => {
                load.skipped
                    .push(Skipped { path: format!("{shown}#{line_no}"), reason: super::io_reason(&e) });
                break;
            }
        }
        if buf.len() > super::MAX_RECORD_BYTES && !buf.ends_with(b"\n") {
            let too_large =
                Skipped { path: format!("{shown}#{line_no}"), reason: "line too large".to_string() };
            skips.push(too_large, &mut load.skipped);
            skip_rest_of_line(&mut reader, &mut load.bytes);
            records += 1;
            continue;
        }
        let line = String::from_utf8_lossy(&buf);
        if line.trim().is_empty() {
            continue;
        }
        records += 1;
        match ids.unique(parse_line(&line, shown, line_no), line_no) {
            Ok(d) => load.articles.push(d.into_article()),
            Err(s) => skips.push(s, &mut load.skipped),
        }
        if load.articles.len() >= batch {
            emit(std::mem::take(&mut load));
        }
    }
    load.skipped.extend(skips.summary(shown, "lines"));
    if records == 0 {
        load.skipped.push(Skipped { path: shown.to_string(), reason: NO_LINES.to_string() });
    }
    emit(load);
}

fn skip_rest_of_line(reader: &mut impl BufRead, bytes: &mut u64) {
    let mut sink = Vec::new();
    loop {
        sink.clear();
        match reader.by_ref().take(1 << 20).read_until(b'\n', &mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => *bytes += n as u64,
        }
        if sink.ends_with(b"\n") {
            return;
        }
    }
}

fn parse_line(line: &str, shown: &str, line_no: usize) -> Record {
    match serde_json::from_str::<Value>(line) {
        Ok(value) => record(&value, shown, &line_no.to_string()),
        Err(e) => Err(Skipped {
            path: format!("{shown}#{line_no}"),
            reason: format!("invalid JSON on line {line_no}: {e}"),
        }),
    }
}

/// Turns one JSON value into an article draft; `position` names it when it has no id.
fn record(value: &Value, shown: &str, position: &str) -> Record {
    let fallback_path = format!("{shown}#{position}");
    let Value::Object(obj) = value else {
        return Err(Skipped { path: fallback_path, reason: "not an article object".to_string() });
    };
    let path = match obj.get("id").or_else(|| obj.get("guid")) {
        Some(Value::String(id)) if !id.is_empty() => format!("{shown}#{id}"),
        Some(Value::Number(n)) => format!("{shown}#{n}"),
        _ => fallback_path,
    };
    let Some(text) = string_field(obj, &meta::TEXT_FIELDS).filter(|t| !t.trim().is_empty()) else {
        return Err(Skipped { path, reason: "no text (looked for text, body, content)".to_string() });
    };
    let mut draft = Draft {
        path,
        title: string_field(obj, &["title", "headline"]),
        source: source_field(obj),
        url: string_field(obj, &["url", "link"]),
        text,
        ..Draft::default()
    };
    if let Some(raw) = string_field(obj, &meta::DATE_FIELDS) {
        draft.date = meta::parse_date(&raw);
        if draft.date.is_none() {
            draft.warnings.push(format!("date {raw:?} not understood"));
        }
    }
    Ok(draft)
}

fn string_field(obj: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match obj.get(*n) {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    })
}

/// `source` is a plain string in most exports and `{ "name": ... }` in news APIs.
fn source_field(obj: &Map<String, Value>) -> Option<String> {
    string_field(obj, &meta::SOURCE_FIELDS).or_else(|| {
        meta::SOURCE_FIELDS.iter().find_map(|n| obj.get(*n)?.get("name")?.as_str().map(str::to_string))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_is_one_article() {
        let r = parse_document(
            r#"{"id":"a1","title":"T","date":"2022-07-29","source":{"name":"Kyodo"},"body":"Text."}"#,
            "f.json",
        )
        .unwrap();
        let d = r[0].as_ref().unwrap();
        assert_eq!(d.path, "f.json#a1");
        assert_eq!(d.source.as_deref(), Some("Kyodo"));
        assert_eq!(d.text, "Text.");
    }

    #[test]
    fn an_array_reports_its_bad_items() {
        let r = parse_document(
            r#"[{"title":"One","text":"a"},{"title":"Two","body":"b"},{"no":"text"},42]"#,
            "f.json",
        )
        .unwrap();
        assert_eq!(r.iter().filter(|x| x.is_ok()).count(), 2);
        let bad: Vec<_> = r.iter().filter_map(|x| x.as_ref().err()).collect();
        assert_eq!(bad[0].path, "f.json#3");
        assert!(bad[0].reason.starts_with("no text"));
        assert_eq!(bad[1].reason, "not an article object");
    }

    #[test]
    fn truncated_json_says_where() {
        let e = parse_document(r#"{"title": "cut off", "text": "abc"#, "f.json").unwrap_err();
        assert!(e.contains("line 1"), "{e}");
    }

    #[test]
    fn json_lines_skip_the_broken_line_by_number() {
        let text = "{\"text\":\"a\"}\n{\"title\": \"broken\", \n\n{\"text\":\"c\"}\n";
        let r = parse_lines(text, "f.jsonl").unwrap();
        assert_eq!(r.len(), 3);
        let bad = r[1].as_ref().unwrap_err();
        assert_eq!(bad.path, "f.jsonl#2");
        assert_eq!(r[2].as_ref().unwrap().path, "f.jsonl#4");
    }
}

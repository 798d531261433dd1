//! The documents of an export, one function a kind: rows gathered from the state, then
//! written in the asked format.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

use anyhow::{Context, Result};
use serde::Serialize;

use super::timelinejs;
use super::{Format, Source, What};
use crate::app::tables;

/// The export of `what` in `format`.
pub fn render(what: What, format: Format, from: &Source) -> Result<String> {
    super::check(what, format)?;
    match what {
        What::Articles => table(&articles(from), format, "Articles"),
        What::Article => article(from, format),
        What::Timeline => match format {
            Format::Timelinejs => timelinejs_doc(from),
            _ => table(&events(from), format, "Timeline"),
        },
        What::Entities => table(&entities(from), format, "Entities"),
    }
}

/// A table: named columns, rows of cells.
struct Table {
    columns: &'static [&'static str],
    rows: Vec<Vec<String>>,
}

fn table(t: &Table, format: Format, heading: &str) -> Result<String> {
    match format {
        Format::Csv => {
            let mut out = csv::Writer::from_writer(Vec::new());
            out.write_record(t.columns)?;
            for row in &t.rows {
                out.write_record(row)?;
            }
            String::from_utf8(out.into_inner().context("cannot write the CSV")?)
                .context("the CSV is not UTF-8")
        }
        Format::Json => {
            let objects: Vec<serde_json::Map<String, serde_json::Value>> = t
                .rows
                .iter()
                .map(|row| t.columns.iter().zip(row).map(|(c, v)| (c.to_string(), json_cell(c, v))).collect())
                .collect();
            Ok(serde_json::to_string_pretty(&objects)? + "\n")
        }
        Format::Md | Format::Timelinejs => {
            let mut out = format!(
                "# {heading}\n\n| {} |\n|{}\n",
                t.columns.join(" | "),
                "---|".repeat(t.columns.len())
            );
            for row in &t.rows {
                let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
            Ok(out)
        }
    }
}

/// Columns that hold counts: numbers in JSON.
const COUNTS: &[&str] = &["hits", "articles", "mentions"];

/// A JSON value for a cell: counts as numbers, an empty cell as null.
fn json_cell(column: &str, value: &str) -> serde_json::Value {
    if value.is_empty() {
        return serde_json::Value::Null;
    }
    match value.parse::<u64>() {
        Ok(n) if COUNTS.contains(&column) => serde_json::Value::from(n),
        _ => serde_json::Value::String(value.to_string()),
    }
}

/// A Markdown table cell: one line, its pipes escaped.
fn md_cell(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

fn articles(from: &Source) -> Table {
    let state = from.state;
    let rows = state
        .list
        .rows
        .iter()
        .filter_map(|&id| state.article(id).map(|a| (id, a)))
        .map(|(id, a)| {
            vec![
                a.date_label(),
                a.title.clone(),
                a.source.clone().unwrap_or_default(),
                a.url.clone().unwrap_or_default(),
                a.path.clone(),
                state.hit_count(id).map(|c| c.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    Table { columns: &["date", "title", "source", "url", "path", "hits"], rows }
}

fn events(from: &Source) -> Table {
    let state = from.state;
    let mut texts: HashMap<u32, Option<Arc<str>>> = HashMap::new();
    let mut rows = Vec::new();
    for e in state.timeline.shown() {
        let Some(a) = state.article(e.article) else { continue };
        let text = texts.entry(e.article).or_insert_with(|| (from.text_of)(e.article));
        let sentence = text.as_deref().and_then(|t| t.get(e.sentence_range())).unwrap_or("");
        rows.push(vec![
            e.date_label(),
            e.granularity_name().to_string(),
            e.anchor.as_str().to_string(),
            sentence.split_whitespace().collect::<Vec<_>>().join(" "),
            a.title.clone(),
            a.path.clone(),
            a.url.clone().unwrap_or_default(),
        ]);
    }
    Table { columns: &["date", "granularity", "anchor", "sentence", "title", "path", "url"], rows }
}

fn entities(from: &Source) -> Table {
    let state = from.state;
    let listed: Vec<&crate::app::EntityStat> =
        state.entities.rows.iter().filter_map(|&i| state.entities.corpus.get(i)).collect();
    let keys: Vec<tables::EntityKey> = listed.iter().map(|e| (e.name.clone(), e.kind)).collect();
    let within = state.filter.applied_matches().map(|m| m.ids());
    let seen = tables::seen_with_each(&state.summaries, within, &keys, 5);
    let rows = listed
        .iter()
        .zip(seen)
        .map(|(e, with)| {
            let with: Vec<String> = with.into_iter().map(|(n, c)| format!("{n} ({c})")).collect();
            vec![
                e.name.clone(),
                e.kind.as_str().to_string(),
                e.articles.to_string(),
                e.mentions.to_string(),
                with.join("; "),
            ]
        })
        .collect();
    Table { columns: &["name", "kind", "articles", "mentions", "seen_with"], rows }
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    path: &'a str,
    title: &'a str,
    date: String,
    source: Option<&'a str>,
    url: Option<&'a str>,
    text: &'a str,
    entities: Vec<EntityOut<'a>>,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    name: &'a str,
    kind: &'static str,
    mentions: u32,
}

/// The article in the reader: as Markdown to read, or its entities as a table.
fn article(from: &Source, format: Format) -> Result<String> {
    let state = from.state;
    let open = state.open().context("no article is open in the reader")?;
    let a = state.article(open.id).context("the open article is gone")?;
    let summary = crate::analysis::Summary::of(&open.analysis);
    let entities: Vec<EntityOut> = summary
        .entities
        .iter()
        .map(|e| EntityOut { name: &e.name, kind: e.kind.as_str(), mentions: e.mentions })
        .collect();
    match format {
        Format::Md => {
            let mut out = format!("# {}\n\n", a.title);
            for (label, value) in [
                ("Date", a.date_label()),
                ("Source", a.source.clone().unwrap_or_default()),
                ("URL", a.url.clone().unwrap_or_default()),
                ("File", a.path.clone()),
            ] {
                if !value.is_empty() {
                    writeln!(out, "- {label}: {value}")?;
                }
            }
            writeln!(out, "\n{}\n\n## Entities\n", open.text.trim())?;
            for kind in crate::analysis::EntityKind::ALL {
                let of_kind: Vec<&EntityOut> = entities.iter().filter(|e| e.kind == kind.as_str()).collect();
                if of_kind.is_empty() {
                    continue;
                }
                writeln!(out, "### {}\n", kind.as_str())?;
                for e in of_kind {
                    writeln!(out, "- {} ({})", e.name, e.mentions)?;
                }
                out.push('\n');
            }
            Ok(out)
        }
        Format::Json => {
            let doc = ArticleOut {
                path: &a.path,
                title: &a.title,
                date: a.date_label(),
                source: a.source.as_deref(),
                url: a.url.as_deref(),
                text: &open.text,
                entities,
            };
            Ok(serde_json::to_string_pretty(&doc)? + "\n")
        }
        Format::Csv | Format::Timelinejs => {
            let rows = entities
                .iter()
                .map(|e| vec![e.name.to_string(), e.kind.to_string(), e.mentions.to_string()])
                .collect();
            table(&Table { columns: &["name", "kind", "mentions"], rows }, format, &a.title)
        }
    }
}

fn timelinejs_doc(from: &Source) -> Result<String> {
    let state = from.state;
    let t = events(from);
    let mut slides = Vec::new();
    for (e, cells) in state.timeline.shown().zip(&t.rows) {
        let (sentence, title, path) = (&cells[3], &cells[4], &cells[5]);
        slides.push(timelinejs::Slide {
            start_date: Some(timelinejs::date(e)),
            text: timelinejs::Text {
                headline: html(title),
                text: format!("{}<br><small>{}</small>", html(sentence), html(path)),
            },
            group: Some(e.anchor.as_str().to_string()),
            unique_id: Some(format!("{}-{}", e.article, e.sentence.start)),
        });
    }
    let scope = match &state.timeline.scope {
        crate::app::TimelineScope::All => "All articles".to_string(),
        crate::app::TimelineScope::Article(id) => {
            state.article(*id).map(|a| a.title.clone()).unwrap_or_default()
        }
        crate::app::TimelineScope::Entity(name) => name.clone(),
    };
    let doc = timelinejs::Timeline {
        title: timelinejs::Slide {
            start_date: None,
            text: timelinejs::Text {
                headline: format!("Timeline: {scope}"),
                text: format!("{} events, exported by dossier", slides.len()),
            },
            group: None,
            unique_id: None,
        },
        events: slides,
    };
    Ok(serde_json::to_string_pretty(&doc)? + "\n")
}

/// Text for TimelineJS, which reads it as HTML.
fn html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

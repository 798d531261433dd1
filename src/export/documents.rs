//! The documents of an export, one function a kind: rows gathered from the state and written
//! in the asked format as they come, so that a large timeline is never held whole in memory.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use anyhow::{Context, Result};
use serde::Serialize;

use super::timelinejs;
use super::{Format, Source, What};
use crate::analysis::DatedSentence;
use crate::app::tables;

/// Writes the export of `what` in `format` to `out`.
pub fn write(what: What, format: Format, from: &Source, out: &mut dyn Write) -> Result<()> {
    super::check(what, format)?;
    match what {
        What::Articles => table(articles(from), format, "Articles", out),
        What::Article => article(from, format, out),
        What::Timeline => match format {
            Format::Timelinejs => timelinejs_doc(from, out),
            _ => table(events(from), format, "Timeline", out),
        },
        What::Entities => table(entities(from), format, "Entities", out),
    }
}

/// A table: named columns, rows of cells, made one at a time as they are written.
struct Table<Rows: Iterator<Item = Vec<String>>> {
    columns: &'static [&'static str],
    rows: Rows,
}

fn table(
    t: Table<impl Iterator<Item = Vec<String>>>,
    format: Format,
    heading: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let Table { columns, rows } = t;
    match format {
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(columns)?;
            for row in rows {
                csv.write_record(&row)?;
            }
            csv.flush().context("cannot write the CSV")?;
        }
        Format::Json => {
            let objects = rows.map(|row| {
                columns
                    .iter()
                    .zip(&row)
                    .map(|(c, v)| (c.to_string(), json_cell(c, v)))
                    .collect::<serde_json::Map<String, serde_json::Value>>()
            });
            let mut json = serde_json::Serializer::pretty(&mut *out);
            serde::Serializer::collect_seq(&mut json, objects)?;
            writeln!(out)?;
        }
        Format::Md | Format::Timelinejs => {
            writeln!(out, "# {heading}\n\n| {} |\n|{}", columns.join(" | "), "---|".repeat(columns.len()))?;
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
        }
    }
    Ok(())
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

fn articles<'a>(from: &'a Source) -> Table<impl Iterator<Item = Vec<String>> + 'a> {
    let state = from.state;
    let rows = state.list.rows.iter().filter_map(|&id| state.article(id).map(|a| (id, a))).map(|(id, a)| {
        vec![
            a.date_label(),
            a.title.to_string(),
            a.source.as_deref().unwrap_or_default().to_string(),
            a.url.as_deref().unwrap_or_default().to_string(),
            a.path.to_string(),
            state.hit_count(id).map(|c| c.to_string()).unwrap_or_default(),
        ]
    });
    Table { columns: &["date", "title", "source", "url", "path", "hits"], rows }
}

/// The shown events, each with its sentence. An article's text is read from the index once,
/// and let go after its last event: the events are in calendar order, so an article's events
/// are spread over the export, and keeping every text read held the whole corpus's texts.
fn events<'a>(from: &'a Source) -> Table<impl Iterator<Item = Vec<String>> + 'a> {
    let state = from.state;
    let mut last_row: HashMap<u32, usize> = HashMap::new();
    for (row, e) in state.timeline.shown().enumerate() {
        last_row.insert(e.article, row);
    }
    let mut texts: HashMap<u32, Option<Arc<str>>> = HashMap::new();
    let rows = state.timeline.shown().enumerate().filter_map(move |(row, e)| {
        let a = state.article(e.article)?;
        let text = match last_row.get(&e.article) {
            Some(&last) if last == row => {
                texts.remove(&e.article).unwrap_or_else(|| (from.text_of)(e.article))
            }
            _ => texts.entry(e.article).or_insert_with(|| (from.text_of)(e.article)).clone(),
        };
        let range = state.dated(e).map(DatedSentence::sentence_range);
        let sentence = text.as_deref().zip(range).and_then(|(t, r)| t.get(r)).unwrap_or("");
        Some(vec![
            e.date_label(),
            e.granularity_name().to_string(),
            e.anchor.as_str().to_string(),
            sentence.split_whitespace().collect::<Vec<_>>().join(" "),
            a.title.to_string(),
            a.path.to_string(),
            a.url.as_deref().unwrap_or_default().to_string(),
        ])
    });
    Table { columns: &["date", "granularity", "anchor", "sentence", "title", "path", "url"], rows }
}

fn entities<'a>(from: &'a Source) -> Table<impl Iterator<Item = Vec<String>> + 'a> {
    let state = from.state;
    let listed: Vec<&crate::app::EntityStat> =
        state.entities.rows.iter().filter_map(|&i| state.entities.corpus.get(i)).collect();
    let keys: Vec<tables::EntityKey> = listed.iter().map(|e| (e.name.clone(), e.kind)).collect();
    let within = state.filter.applied_matches().map(|m| m.ids());
    let seen = tables::seen_with_each(&state.summaries, within, &keys, 5);
    let rows = listed.into_iter().zip(seen).map(|(e, with)| {
        let with: Vec<String> = with.into_iter().map(|(n, c)| format!("{n} ({c})")).collect();
        vec![
            e.name.clone(),
            e.kind.as_str().to_string(),
            e.articles.to_string(),
            e.mentions.to_string(),
            with.join("; "),
        ]
    });
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
fn article(from: &Source, format: Format, out: &mut dyn Write) -> Result<()> {
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
            write!(out, "# {}\n\n", a.title)?;
            for (label, value) in [
                ("Date", a.date_label()),
                ("Source", a.source.as_deref().unwrap_or_default().to_string()),
                ("URL", a.url.as_deref().unwrap_or_default().to_string()),
                ("File", a.path.to_string()),
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
                writeln!(out)?;
            }
            Ok(())
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
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            Ok(writeln!(out)?)
        }
        Format::Csv | Format::Timelinejs => {
            let rows =
                entities.iter().map(|e| vec![e.name.to_string(), e.kind.to_string(), e.mentions.to_string()]);
            table(Table { columns: &["name", "kind", "mentions"], rows }, format, &a.title, out)
        }
    }
}

fn timelinejs_doc(from: &Source, out: &mut dyn Write) -> Result<()> {
    let state = from.state;
    let t = events(from);
    let mut slides = Vec::new();
    for (e, cells) in state.timeline.shown().zip(t.rows) {
        let (sentence, title, path) = (&cells[3], &cells[4], &cells[5]);
        slides.push(timelinejs::Slide {
            start_date: Some(timelinejs::date(e)),
            text: timelinejs::Text {
                headline: html(title),
                text: format!("{}<br><small>{}</small>", html(sentence), html(path)),
            },
            group: Some(e.anchor.as_str().to_string()),
            unique_id: Some(format!("{}-{}", e.article, e.start)),
        });
    }
    let scope = match &state.timeline.scope {
        crate::app::TimelineScope::All => "All articles".to_string(),
        crate::app::TimelineScope::Article(id) => {
            state.article(*id).map(|a| a.title.to_string()).unwrap_or_default()
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
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    Ok(writeln!(out)?)
}

/// Text for TimelineJS, which reads it as HTML.
fn html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// Each article's text is read once however many of its events the timeline holds, and
    /// the rows are the timeline's, in its order.
    #[test]
    fn a_timeline_export_reads_each_text_once() {
        let session = crate::runtime::session::Session::load(&[], false).unwrap();
        let state = &session.state;
        let reads: RefCell<HashMap<u32, usize>> = RefCell::default();
        let text_of = |id: u32| {
            *reads.borrow_mut().entry(id).or_default() += 1;
            session.index().text(id).ok().flatten().map(Arc::<str>::from)
        };
        let mut out = Vec::new();
        write(What::Timeline, Format::Csv, &Source { state, text_of: &text_of }, &mut out).unwrap();
        let mut csv = csv::Reader::from_reader(out.as_slice());
        let dates: Vec<String> = csv.records().map(|r| r.unwrap()[0].to_string()).collect();
        let shown: Vec<String> = state.timeline.shown().map(|e| e.date_label()).collect();
        assert_eq!(dates, shown);
        let reads = reads.into_inner();
        let articles: std::collections::BTreeSet<u32> = state.timeline.shown().map(|e| e.article).collect();
        assert!(shown.len() > articles.len(), "some article has several events");
        assert_eq!(reads.keys().copied().collect::<std::collections::BTreeSet<u32>>(), articles);
        assert!(reads.values().all(|&n| n == 1), "{reads:?}");
    }
}

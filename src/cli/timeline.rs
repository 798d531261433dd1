//! `dossier timeline`: the corpus's events in calendar order, or one entity's, as the interface's
//! timeline shows them.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde::Serialize;

use super::output::print_json;
use crate::analysis::{Analysis, EntityKind};
use crate::app::{self, OpenArticle, TimelineScope};
use crate::corpus::DateSource;
use crate::text::safe;

#[derive(Serialize)]
struct EventOut<'a> {
    date: String,
    granularity: &'static str,
    doc: &'a str,
    title: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    /// The article's date and where it came from, which relative dates were read against.
    doc_date: Option<String>,
    date_source: Option<DateSource>,
    /// Canonical names of the entities in the sentence.
    entities: Vec<&'a str>,
}

pub fn run(paths: &[PathBuf], entity: Option<&str>, json: bool, reuse: bool) -> Result<ExitCode> {
    let mut session = super::load(paths, json, reuse)?;
    if let Some(wanted) = entity {
        let Some(found) = app::find_entity(&session.state, wanted) else {
            bail!("no entity named {:?} in this corpus", safe(wanted));
        };
        if !found.eq_ignore_ascii_case(wanted) {
            eprintln!("dossier: {:?} is {}", safe(wanted), safe(&found));
        }
        app::scope_timeline(&mut session.state, TimelineScope::Entity(found));
    }
    let mut opened: HashMap<u32, OpenArticle> = HashMap::new();
    let mut out = std::io::stdout().lock();
    let state = &session.state;
    for &row in &state.timeline.rows {
        let Some(e) = state.timeline.events.get(row) else { continue };
        let Some(a) = state.article(e.article) else { continue };
        let open = match opened.entry(e.article) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => slot.insert(session.article_text(e.article)?),
        };
        let row = EventOut {
            date: e.date_label(),
            granularity: e.granularity_name(),
            doc: &a.path,
            title: &a.title,
            start: a.text_offset + e.sentence_range().start,
            end: a.text_offset + e.sentence_range().end,
            text: open.text.get(e.sentence_range()).unwrap_or(""),
            doc_date: a.date.map(|d| d.date.to_string()),
            date_source: a.date.map(|d| d.from),
            entities: sentence_entities(&open.analysis, &e.sentence_range()),
        };
        if json {
            print_json(&mut out, &row)?;
        } else {
            writeln!(out, "{:<10}  {}  {}", row.date, safe(row.text), safe(&a.path))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The distinct entity names mentioned inside a byte range.
fn sentence_entities<'a>(analysis: &'a Analysis, range: &std::ops::Range<usize>) -> Vec<&'a str> {
    let first = analysis.entities.partition_point(|e| e.start < range.start);
    let mut names: Vec<&str> = analysis.entities[first..]
        .iter()
        .take_while(|e| e.start < range.end)
        .filter(|e| e.end <= range.end)
        .filter(|e| !matches!(e.kind, EntityKind::Money | EntityKind::Percent | EntityKind::Quantity))
        .map(|e| &*e.canonical)
        .collect();
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(*n));
    names
}

//! `dossier timeline`: the corpus's events in calendar order, or one entity's, as the interface's
//! timeline shows them.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Result, bail};
use serde::Serialize;

use super::output::print_json;
use crate::app::{self, TimelineScope};
use crate::corpus::DateSource;
use crate::text::safe;

/// Article texts kept at hand while the timeline is printed.
const TEXTS_KEPT: usize = 512;

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
    /// How the event got its date: explicit, narrative or reported.
    anchor: &'static str,
    /// The byte span, in the file, of the word that names what happened.
    event: Span,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

pub fn run(paths: &[PathBuf], entity: Option<&str>, json: bool, reuse: bool) -> Result<ExitCode> {
    let mut session = super::load(paths, json, reuse)?;
    if let Some(wanted) = entity {
        let Some(found) = app::find_entity(&session.state, wanted) else {
            bail!("no entity named {:?} in this corpus", safe(wanted));
        };
        if !found.eq_ignore_ascii_case(wanted) {
            super::output::to_stderr(format_args!("dossier: {:?} is {}", safe(wanted), safe(&found)));
        }
        let rows_asked = app::scope_timeline(&mut session.state, TimelineScope::Entity(found));
        session.queue_effects(rows_asked);
        session.settle();
    }
    let mut texts: HashMap<u32, Arc<str>> = HashMap::new();
    let mut out = std::io::stdout().lock();
    let state = &session.state;
    for e in state.timeline.shown() {
        let (Some(a), Some(summary)) = (state.article(e.article), state.summary(e.article)) else { continue };
        let text = match texts.entry(e.article) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => {
                slot.insert(Arc::from(session.index().text(e.article)?.unwrap_or_default()))
            }
        };
        let Some(dated) = e.dated(summary) else { continue };
        let sentence = dated.sentence_range();
        let names = summary.sentence_names(e.event as usize).map(|n| &*n.name).collect();
        let trigger = dated.trigger_range();
        let row = EventOut {
            date: e.date_label(),
            granularity: e.granularity_name(),
            doc: &a.path,
            title: &a.title,
            start: a.file_offset(sentence.start),
            end: a.file_end(sentence.end),
            text: text.get(sentence).unwrap_or(""),
            doc_date: a.date.map(|d| d.date.to_string()),
            date_source: a.date.map(|d| d.from),
            entities: names,
            anchor: dated.anchor.as_str(),
            event: Span { start: a.file_offset(trigger.start), end: a.file_end(trigger.end) },
        };
        if json {
            print_json(&mut out, &row)?;
        } else {
            writeln!(out, "{:<10}  {}  {}", row.date, safe(row.text), safe(&a.path))?;
        }
        // Texts are read once per article; an article's events come together in no order, so
        // the ones read are kept only while the corpus is small.
        if texts.len() > TEXTS_KEPT {
            texts.clear();
        }
    }
    Ok(ExitCode::SUCCESS)
}

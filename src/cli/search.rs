//! `dossier search`: ranked matches with snippets, in the order the interface's filter ranks them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::output::print_json;
use crate::corpus::DateSource;
use crate::runtime::worker::{self, FilterError, Prefix};
use crate::text::safe;

/// Characters of snippet around the best hits.
const SNIPPET_CHARS: usize = 180;

#[derive(Serialize)]
struct SearchHitOut<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<String>,
    date_source: Option<DateSource>,
    url: Option<&'a str>,
    score: f32,
    snippet: String,
}

pub fn run(query: &str, paths: &[PathBuf], limit: usize, json: bool, reuse: bool) -> Result<ExitCode> {
    let session = super::load(paths, json, reuse)?;
    let index = session.index();
    let (parsed, hits) = match worker::filter(index, &session.state.places, query, Prefix::None) {
        Ok(found) => found,
        Err(FilterError::Query(message)) => {
            super::output::to_stderr(format_args!(
                "dossier: cannot read the query {:?}: {}",
                safe(query),
                safe(&message)
            ));
            return Ok(ExitCode::from(2));
        }
        Err(FilterError::Index(e)) => return Err(e),
    };
    let mut out = std::io::stdout().lock();
    for hit in hits.iter().take(limit) {
        let Some(a) = session.state.article(hit.id) else { continue };
        let text = index.text(hit.id)?.unwrap_or_default();
        let (snippet, _) = index.snippet(&parsed, &text, SNIPPET_CHARS);
        let row = SearchHitOut {
            path: &a.path,
            title: &a.title,
            date: a.date.map(|d| d.date.to_string()),
            date_source: a.date.map(|d| d.from),
            url: a.url.as_deref(),
            score: hit.score,
            snippet: snippet.split_whitespace().collect::<Vec<_>>().join(" "),
        };
        if json {
            print_json(&mut out, &row)?;
        } else {
            writeln!(
                out,
                "{:>6.2}  {:<11} {}\n        {}\n        {}",
                row.score,
                a.date_label(),
                safe(&a.path),
                safe(&a.title),
                safe(&row.snippet)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

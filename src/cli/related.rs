//! `dossier related`: the articles related to one, as the interface's related pane ranks them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;

use super::output::print_json;
use crate::app;
use crate::corpus::{self, Article, DateSource};
use crate::text::safe;

#[derive(Serialize)]
struct RelatedOut<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<String>,
    date_source: Option<DateSource>,
    score: f32,
    reason: &'a str,
}

/// Finds DOC among the corpus's articles: the exact path, or the same file by another name.
fn find_doc<'a>(articles: impl Iterator<Item = &'a Article> + Clone, doc: &str) -> Option<u32> {
    if let Some(a) = articles.clone().find(|a| *a.path == *doc) {
        return Some(a.id);
    }
    let wanted = std::fs::canonicalize(doc).ok()?;
    articles
        .into_iter()
        .find(|a| {
            std::fs::canonicalize(a.path.split('#').next().unwrap_or(&a.path)).ok().as_ref() == Some(&wanted)
        })
        .map(|a| a.id)
}

pub fn run(doc: &str, paths: &[PathBuf], limit: usize, json: bool, reuse: bool) -> Result<ExitCode> {
    let is_seed = corpus::seeds::SEEDS.iter().any(|(name, _)| *name == doc);
    // Without PATH, DOC's folder is the corpus (or the seeds, for `seeds/<file>`).
    let corpus_paths: Vec<PathBuf> = if paths.is_empty() && !is_seed {
        let parent = Path::new(doc.split('#').next().unwrap_or(doc))
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        vec![parent.to_path_buf()]
    } else {
        paths.to_vec()
    };
    let mut session = super::load(&corpus_paths, json, reuse)?;
    let id = find_doc(session.state.articles.iter().map(|a| a.as_ref()), doc)
        .with_context(|| format!("{} is not an article of the corpus", safe(doc)))?;
    let effects = app::relate(&mut session.state, id);
    session.queue_effects(effects);
    session.settle();
    let mut out = std::io::stdout().lock();
    for r in session.state.related.items.iter().take(limit) {
        let Some(a) = session.state.article(r.id) else { continue };
        let row = RelatedOut {
            path: &a.path,
            title: &a.title,
            date: a.date.map(|d| d.date.to_string()),
            date_source: a.date.map(|d| d.from),
            score: r.score,
            reason: &r.reason,
        };
        if json {
            print_json(&mut out, &row)?;
        } else {
            writeln!(
                out,
                "{:>5.2}  {:<11} {}  {}\n       {}",
                r.score,
                a.date_label(),
                safe(&a.path),
                safe(&a.title),
                safe(&r.reason)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

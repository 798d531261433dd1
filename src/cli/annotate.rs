//! `dossier annotate`: the entities and time expressions of each file, with byte offsets into
//! the file, for scoring against gold annotations.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use super::output::{print_json, report_skipped, report_warnings};
use crate::analysis::{self, Analysis, Recognizer};
use crate::corpus::{self, Article};
use crate::text::safe;

#[derive(Serialize)]
struct EntityOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    canonical: &'a str,
}

#[derive(Serialize)]
struct TimexOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    r#type: &'static str,
    value: &'a str,
}

#[derive(Serialize)]
struct AnnotationOut<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<String>,
    date_source: Option<corpus::DateSource>,
    entities: Vec<EntityOut<'a>>,
    timexes: Vec<TimexOut<'a>>,
}

fn annotation<'a>(article: &'a Article, analysis: &'a Analysis) -> AnnotationOut<'a> {
    let text = |s: usize, e: usize| article.text.get(s..e).unwrap_or("");
    AnnotationOut {
        path: &article.path,
        title: &article.title,
        date: article.date.map(|d| d.date.to_string()),
        date_source: article.date.map(|d| d.from),
        entities: analysis
            .entities
            .iter()
            .map(|e| EntityOut {
                start: article.file_offset(e.start),
                end: article.file_end(e.end),
                text: text(e.start, e.end),
                kind: e.kind.as_str(),
                canonical: &e.canonical,
            })
            .collect(),
        timexes: analysis
            .timexes
            .iter()
            .map(|t| TimexOut {
                start: article.file_offset(t.start),
                end: article.file_end(t.end),
                text: text(t.start, t.end),
                r#type: t.kind.as_str(),
                value: &t.value,
            })
            .collect(),
    }
}

pub fn run(files: &[PathBuf], dct: Option<NaiveDate>, json: bool) -> Result<ExitCode> {
    let recognizer = Recognizer::new();
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    for path in files {
        let kind = corpus::FileKind::from_path(path).unwrap_or(corpus::FileKind::Text);
        let file = corpus::SourceFile {
            path: path.clone(),
            shown: path.display().to_string(),
            kind,
            size: 0,
            stamp: corpus::FileStamp::default(),
        };
        let load = corpus::load_file(&file);
        report_skipped(&load.skipped, json);
        for a in &load.articles {
            report_warnings(&a.path, &a.warnings, json);
        }
        failed |= load.articles.is_empty();
        for mut article in load.articles {
            if article.date.is_none() {
                article.date =
                    dct.map(|date| corpus::ArticleDate { date, from: corpus::DateSource::Metadata });
            }
            let analysis = analysis::analyze(&article.text, article.date.map(|d| d.date), &recognizer);
            let a = annotation(&article, &analysis);
            if json {
                print_json(&mut out, &a)?;
            } else {
                writeln!(
                    out,
                    "{}  {}  {}",
                    safe(a.path),
                    a.date.as_deref().unwrap_or("undated"),
                    safe(a.title)
                )?;
                for e in &a.entities {
                    writeln!(out, "  {:<12} {:>6}-{:<6} {}", e.kind, e.start, e.end, safe(e.text))?;
                }
                for t in &a.timexes {
                    writeln!(
                        out,
                        "  {:<12} {:>6}-{:<6} {} = {}",
                        t.r#type,
                        t.start,
                        t.end,
                        safe(t.text),
                        t.value
                    )?;
                }
            }
        }
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

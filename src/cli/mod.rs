//! The command line: the terminal interface, and the headless commands whose JSON output other
//! tools rely on.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::analysis::{self, Analysis, EntityKind, Recognizer, Summary};
use crate::app::protocol::PipelineEvent;
use crate::corpus::{self, Article, Skipped};
use crate::runtime::pipeline::{self, Prepared};

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Browse a folder of news articles: entities, timeline, search, related articles."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files or folders to open (folders are walked). Without any, the bundled seeds.
    pub paths: Vec<PathBuf>,
    /// Index afresh: neither reuse nor keep the corpus's index in the cache directory.
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the entities and time expressions of each file, one JSON object per article.
    Annotate {
        /// Document creation time for files that carry no date of their own.
        #[arg(long, value_parser = parse_day)]
        dct: Option<NaiveDate>,
        /// One JSON object per line (the default is a readable listing).
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Ranked matches for a query in tantivy syntax, with snippets.
    Search {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        query: String,
        paths: Vec<PathBuf>,
    },
    /// The corpus timeline, one event per line.
    Timeline {
        #[arg(long)]
        json: bool,
        /// Only events from articles that mention this entity.
        #[arg(long)]
        entity: Option<String>,
        paths: Vec<PathBuf>,
    },
    /// Articles related to DOC (a path as listed), best first.
    Related {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        doc: String,
        paths: Vec<PathBuf>,
    },
    /// Load the corpus as the interface does, report timings and memory, and time queries.
    Stats {
        #[arg(long)]
        json: bool,
        /// A file of queries, one per line, each run as a filter keystroke would run it.
        #[arg(long)]
        queries: Option<PathBuf>,
        paths: Vec<PathBuf>,
    },
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => {
            crate::runtime::terminal::run(cli.paths, !cli.no_cache)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Annotate { dct, json, files }) => annotate(&files, dct, json),
        Some(Command::Search { json, limit, query, paths }) => search(&query, &paths, limit, json),
        Some(Command::Timeline { json, entity, paths }) => timeline(&paths, entity.as_deref(), json),
        Some(Command::Related { json, limit, doc, paths }) => related(&doc, &paths, limit, json),
        Some(Command::Stats { json, queries, paths }) => {
            stats(&paths, queries.as_deref(), json, !cli.no_cache)
        }
    }
}

/// Skipped files go to stderr: a readable line each, or with `--json` one JSON object each
/// (`{"skipped": PATH, "reason": ...}`), so stdout keeps the command's own shape.
fn report_skipped(skipped: &[Skipped], json: bool) {
    for s in skipped {
        if json {
            eprintln!("{}", serde_json::json!({ "skipped": s.path, "reason": s.reason }));
        } else {
            eprintln!("dossier: skipped {}: {}", s.path, s.reason);
        }
    }
}

fn print_json(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

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
    let base = article.text_offset;
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
                start: base + e.start,
                end: base + e.end,
                text: text(e.start, e.end),
                kind: e.kind.as_str(),
                canonical: &e.canonical,
            })
            .collect(),
        timexes: analysis
            .timexes
            .iter()
            .map(|t| TimexOut {
                start: base + t.start,
                end: base + t.end,
                text: text(t.start, t.end),
                r#type: t.kind.as_str(),
                value: &t.value,
            })
            .collect(),
    }
}

fn annotate(files: &[PathBuf], dct: Option<NaiveDate>, json: bool) -> Result<ExitCode> {
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
            modified: None,
        };
        let load = corpus::load_file(&file);
        report_skipped(&load.skipped, json);
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
                    a.path,
                    a.date.as_deref().unwrap_or("undated"),
                    crate::text::safe(a.title)
                )?;
                for e in &a.entities {
                    writeln!(
                        out,
                        "  {:<12} {:>6}-{:<6} {}",
                        e.kind,
                        e.start,
                        e.end,
                        crate::text::safe(e.text)
                    )?;
                }
                for t in &a.timexes {
                    writeln!(
                        out,
                        "  {:<12} {:>6}-{:<6} {} = {}",
                        t.r#type,
                        t.start,
                        t.end,
                        crate::text::safe(t.text),
                        t.value
                    )?;
                }
            }
        }
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn prepared(paths: &[PathBuf], json: bool) -> Result<Prepared> {
    let p = pipeline::prepare(paths)?;
    report_skipped(&p.skipped, json);
    if p.articles.is_empty() {
        bail!("no articles could be loaded");
    }
    Ok(p)
}

#[derive(Serialize)]
struct SearchHitOut<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<String>,
    date_source: Option<corpus::DateSource>,
    score: f32,
    snippet: String,
}

fn search(query: &str, paths: &[PathBuf], limit: usize, json: bool) -> Result<ExitCode> {
    let p = prepared(paths, json)?;
    let parsed = match p.index.parse(query) {
        Ok(q) => q,
        Err(message) => {
            eprintln!("dossier: cannot read the query {query:?}: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut hits = p.index.search(&parsed)?;
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    let mut out = std::io::stdout().lock();
    for hit in hits.iter().take(limit) {
        let a = &p.articles[hit.id as usize];
        let (snippet, _) = p.index.snippet(&parsed, &a.text, 180);
        let snippet = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
        let row = SearchHitOut {
            path: &a.path,
            title: &a.title,
            date: a.date.map(|d| d.date.to_string()),
            date_source: a.date.map(|d| d.from),
            score: hit.score,
            snippet,
        };
        if json {
            print_json(&mut out, &row)?;
        } else {
            writeln!(
                out,
                "{:>6.2}  {:<11} {}\n        {}\n        {}",
                row.score,
                a.date_label(),
                a.path,
                crate::text::safe(&a.title),
                crate::text::safe(&row.snippet)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

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
    date_source: Option<corpus::DateSource>,
    /// Canonical names of the entities in the sentence.
    entities: Vec<&'a str>,
}

fn timeline(paths: &[PathBuf], entity: Option<&str>, json: bool) -> Result<ExitCode> {
    let p = prepared(paths, json)?;
    let wanted = entity.map(str::to_lowercase);
    let mentions = |a: &Analysis| {
        wanted.as_ref().is_none_or(|w| {
            a.entities
                .iter()
                .any(|e| e.canonical.to_lowercase() == *w || e.canonical.to_lowercase().contains(w.as_str()))
        })
    };
    let summaries: Vec<(u32, Summary)> = p
        .analyses
        .iter()
        .enumerate()
        .filter(|(_, a)| mentions(a))
        .map(|(i, a)| (i as u32, Summary::of(a)))
        .collect();
    let events = crate::analysis::timeline::build(summaries.iter().map(|(i, s)| (*i, s)));
    let mut out = std::io::stdout().lock();
    for e in &events {
        let a = &p.articles[e.article as usize];
        let row = EventOut {
            date: e.date_label(),
            granularity: e.granularity_name(),
            doc: &a.path,
            title: &a.title,
            start: a.text_offset + e.sentence_range().start,
            end: a.text_offset + e.sentence_range().end,
            text: a.text.get(e.sentence_range()).unwrap_or(""),
            doc_date: a.date.map(|d| d.date.to_string()),
            date_source: a.date.map(|d| d.from),
            entities: sentence_entities(&p.analyses[e.article as usize], &e.sentence_range()),
        };
        if json {
            print_json(&mut out, &row)?;
        } else {
            writeln!(out, "{:<10}  {}  {}", row.date, crate::text::safe(row.text), a.path)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The distinct entity names mentioned inside a byte range.
fn sentence_entities<'a>(analysis: &'a Analysis, range: &std::ops::Range<usize>) -> Vec<&'a str> {
    let mut names: Vec<&str> = analysis
        .entities
        .iter()
        .filter(|e| e.start >= range.start && e.end <= range.end)
        .filter(|e| !matches!(e.kind, EntityKind::Money | EntityKind::Percent | EntityKind::Quantity))
        .map(|e| &*e.canonical)
        .collect();
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(*n));
    names
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<String>,
    date_source: Option<corpus::DateSource>,
    score: f32,
    reason: &'a str,
}

/// Finds DOC among the corpus's articles: the exact path, or the same file by another name.
fn find_doc(articles: &[Article], doc: &str) -> Option<u32> {
    if let Some(a) = articles.iter().find(|a| a.path == doc) {
        return Some(a.id);
    }
    let wanted = std::fs::canonicalize(doc).ok()?;
    articles
        .iter()
        .find(|a| {
            std::fs::canonicalize(a.path.split('#').next().unwrap_or(&a.path)).ok().as_ref() == Some(&wanted)
        })
        .map(|a| a.id)
}

fn related(doc: &str, paths: &[PathBuf], limit: usize, json: bool) -> Result<ExitCode> {
    let is_seed = corpus::seeds::SEEDS.iter().any(|(name, _)| *name == doc);
    let corpus_paths: Vec<PathBuf> = if paths.is_empty() && !is_seed {
        let parent = Path::new(doc.split('#').next().unwrap_or(doc))
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        vec![parent.to_path_buf()]
    } else {
        paths.to_vec()
    };
    let p = prepared(&corpus_paths, json)?;
    let id = find_doc(&p.articles, doc).with_context(|| format!("{doc} is not an article of the corpus"))?;
    let hits = p.index.more_like_this(id, 50)?;
    let summaries: Vec<Summary> = p.analyses.iter().map(Summary::of).collect();
    let ranked =
        crate::analysis::related::rank(&summaries[id as usize], &hits, |i| summaries.get(i as usize), limit);
    let mut out = std::io::stdout().lock();
    for r in &ranked {
        let a = &p.articles[r.id as usize];
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
                a.path,
                crate::text::safe(&a.title),
                r.reason
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Default, Serialize)]
struct StatsOut {
    articles: usize,
    skipped: usize,
    bytes: u64,
    load_ms: u64,
    analyze_ms: u64,
    index_ms: u64,
    searchable_ms: u64,
    total_ms: u64,
    peak_rss_bytes: u64,
    queries: usize,
    query_p50_ms: f64,
    query_p99_ms: f64,
    query_max_ms: f64,
    /// Hit counts for the best matches, which follow the matches on screen.
    counts_p50_ms: f64,
    counts_p99_ms: f64,
    /// Whether the corpus was unchanged and came from the cache.
    from_cache: bool,
}

fn stats(paths: &[PathBuf], queries: Option<&Path>, json: bool, reuse: bool) -> Result<ExitCode> {
    let queries: Vec<String> = match queries {
        Some(file) => std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
        None => Vec::new(),
    };
    let started = Instant::now();
    let index = Arc::new(if paths.is_empty() {
        crate::index::SearchIndex::new()?
    } else {
        crate::index::SearchIndex::for_corpus(paths, reuse)?
    });
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = pipeline::spawn(paths.to_vec(), Arc::clone(&index), move |e| {
        let _ = tx.send(e);
    });
    let mut s = StatsOut::default();
    let mut articles: Vec<Option<Arc<Article>>> = Vec::new();
    let mut searchable = 0;
    for event in rx {
        match event {
            PipelineEvent::Batch { articles: batch, skipped, bytes, .. } => {
                s.skipped += skipped.len();
                s.bytes += bytes;
                for a in batch {
                    let i = a.id as usize;
                    if articles.len() <= i {
                        articles.resize(i + 1, None);
                    }
                    articles[i] = Some(a);
                }
            }
            PipelineEvent::Indexed { articles: n } if n > searchable => {
                searchable = n;
                s.searchable_ms = started.elapsed().as_millis() as u64;
            }
            PipelineEvent::Indexed { .. } => {}
            PipelineEvent::Done { timings, from_cache, .. } => {
                s.from_cache = from_cache;
                s.load_ms = timings.load_ms;
                s.analyze_ms = timings.analyze_ms;
                s.index_ms = timings.index_ms;
            }
            PipelineEvent::Failed(e) => bail!("loading failed: {e}"),
            PipelineEvent::Discovered { .. } | PipelineEvent::Revised { .. } | PipelineEvent::Renamed(_) => {}
        }
    }
    let _ = worker.join();
    s.total_ms = started.elapsed().as_millis() as u64;
    s.articles = articles.iter().flatten().count();
    let mut times = Vec::with_capacity(queries.len());
    let mut count_times = Vec::with_capacity(queries.len());
    for q in &queries {
        let t = Instant::now();
        match crate::runtime::worker::filter(&index, q) {
            Ok((parsed, hits)) => {
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                let t = Instant::now();
                crate::runtime::worker::count_hits(&index, &parsed, &hits);
                count_times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            Err(e) => eprintln!("dossier: query {q:?} failed: {e}"),
        }
    }
    times.sort_by(f64::total_cmp);
    s.queries = times.len();
    s.query_p50_ms = percentile(&times, 0.50);
    s.query_p99_ms = percentile(&times, 0.99);
    s.query_max_ms = times.last().copied().unwrap_or(0.0);
    count_times.sort_by(f64::total_cmp);
    s.counts_p50_ms = percentile(&count_times, 0.50);
    s.counts_p99_ms = percentile(&count_times, 0.99);
    s.peak_rss_bytes = peak_rss_bytes();
    let mut out = std::io::stdout().lock();
    if json {
        print_json(&mut out, &s)?;
    } else {
        writeln!(out, "articles {}  skipped {}  {:.1} MB", s.articles, s.skipped, s.bytes as f64 / 1e6)?;
        writeln!(
            out,
            "load {} ms  analyze {} ms  index {} ms (stage time, overlapped)",
            s.load_ms, s.analyze_ms, s.index_ms
        )?;
        writeln!(
            out,
            "searchable after {} ms, done after {} ms, peak RSS {:.1} MB",
            s.searchable_ms,
            s.total_ms,
            s.peak_rss_bytes as f64 / 1e6
        )?;
        if s.queries > 0 {
            writeln!(
                out,
                "{} queries: p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms; hit counts after: p50 {:.2} ms  p99 {:.2} ms",
                s.queries, s.query_p50_ms, s.query_p99_ms, s.query_max_ms, s.counts_p50_ms, s.counts_p99_ms
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The value below which the given share of sorted samples fall (nearest rank).
fn percentile(sorted: &[f64], share: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((share * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// The process's peak resident set size, from /proc (0 where that is not available).
fn peak_rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.5), 50.0);
        assert_eq!(percentile(&v, 0.99), 99.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }
}

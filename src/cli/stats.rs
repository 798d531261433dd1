//! `dossier stats`: loads a corpus exactly as the interface does and reports how long each part
//! took, the peak memory, and the latency of a file of queries.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use serde::Serialize;

use super::output::print_json;
use crate::app::protocol::{PipelineEvent, SearchResponse};
use crate::app::{self, Incoming};
use crate::runtime::session::Session;
use crate::runtime::worker::{self, FilterError, Prefix};
use crate::text::safe;

#[derive(Debug, Serialize)]
struct QueryTime {
    query: String,
    ms: f64,
    matches: usize,
}

#[derive(Debug, Default, Serialize)]
struct StatsOut {
    articles: usize,
    skipped: usize,
    bytes: u64,
    /// When the files were listed (and the cached state, if any, read).
    listed_ms: u64,
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
    /// The query that took longest, and the first one's time (the first after opening).
    query_slowest: Option<String>,
    query_first_ms: f64,
    /// Each query of the file in turn: how long it took and how many articles it matched.
    each_query: Vec<QueryTime>,
    /// From the query until the list shows its matches: the search above, then the
    /// interface taking the answer in (the list's rows; the timeline's are asked for).
    shown_p50_ms: f64,
    shown_p99_ms: f64,
    shown_max_ms: f64,
    /// From the query until the timeline shows its rows, picked on the tables thread.
    timeline_p50_ms: f64,
    timeline_p99_ms: f64,
    /// One frame of the interface (160x48) drawn after each query, into memory.
    frame_p50_ms: f64,
    frame_p99_ms: f64,
    /// Then the entity pane opened, with the last query's filter: it counts every name of
    /// the matching articles on the tables thread (this is until its table and the selected
    /// entity's companions are in), and the interface thread's share of that time.
    entity_pane_ms: f64,
    entity_pane_interface_ms: f64,
    /// The corpus-wide views taken in again, as at the end of a load or after a watched
    /// folder changed: until the list, the timeline and the entity table are rebuilt (the
    /// timeline and the table on the tables thread), and the interface thread's share.
    views_ms: f64,
    views_interface_ms: f64,
    /// Hit counts for the best matches, which follow the matches on screen.
    counts_p50_ms: f64,
    counts_p99_ms: f64,
    /// Whether the corpus was unchanged and came from the cache.
    from_cache: bool,
    /// When the cached corpus was brought up to date with its folder instead: what changed.
    updated: Option<String>,
}

pub fn run(paths: &[PathBuf], queries: Option<&Path>, json: bool, reuse: bool) -> Result<ExitCode> {
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
    let mut s = StatsOut::default();
    let mut searchable = 0;
    let mut session = Session::load_with(paths, reuse, |event| match event {
        PipelineEvent::Indexed { articles: n } if *n > searchable => {
            searchable = *n;
            s.searchable_ms = started.elapsed().as_millis() as u64;
        }
        PipelineEvent::Discovered { .. } => s.listed_ms = started.elapsed().as_millis() as u64,
        PipelineEvent::Updated(change) => s.updated = Some(change.describe()),
        PipelineEvent::Done { timings, from_cache, .. } => {
            s.from_cache = *from_cache;
            s.load_ms = timings.load_ms;
            s.analyze_ms = timings.analyze_ms;
            s.index_ms = timings.index_ms;
        }
        _ => {}
    })?;
    s.total_ms = started.elapsed().as_millis() as u64;
    // A benchmark of a corpus whose cache another dossier holds times a fresh index: say so.
    super::output::report_notices(&session.state, json);
    s.articles = session.state.articles.len();
    s.skipped = session.state.skipped.len();
    s.bytes = session.state.progress.bytes_done;
    let mut times = Vec::with_capacity(queries.len());
    let mut shown_times = Vec::with_capacity(queries.len());
    let mut count_times = Vec::with_capacity(queries.len());
    let mut frame_times = Vec::with_capacity(queries.len());
    let mut timeline_times = Vec::with_capacity(queries.len());
    session.set_screen(160, 48);
    for q in &queries {
        let t = Instant::now();
        match worker::filter(session.index(), &session.state.places, q, Prefix::LastWord) {
            Ok((parsed, hits)) => {
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                if times.is_empty() {
                    s.query_first_ms = ms;
                }
                if times.iter().all(|&other| other < ms) {
                    s.query_slowest = Some(q.clone());
                }
                times.push(ms);
                s.each_query.push(QueryTime { query: q.clone(), ms, matches: hits.len() });
                let t = Instant::now();
                worker::count_hits(session.index(), &parsed, &hits)?;
                count_times.push(t.elapsed().as_secs_f64() * 1000.0);
                // The answer the worker sends, taken in by the interface's own `receive`.
                let answer = SearchResponse::Filtered {
                    generation: session.state.filter.generation,
                    query: q.clone(),
                    result: Ok(worker::filtered(&parsed, hits)),
                };
                let t = Instant::now();
                let effects = app::receive(&mut session.state, Incoming::Search(answer));
                shown_times.push(ms + t.elapsed().as_secs_f64() * 1000.0);
                let (rows_in_ms, _) = answer_tables(&mut session, effects, t);
                timeline_times.push(ms + rows_in_ms);
                let t = Instant::now();
                session.draw_offscreen()?;
                frame_times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            Err(FilterError::Query(e)) => {
                super::output::to_stderr(format_args!("dossier: query {:?} failed: {}", safe(q), safe(&e)))
            }
            Err(FilterError::Index(e)) => return Err(e),
        }
    }
    if !times.is_empty() {
        (s.entity_pane_ms, s.entity_pane_interface_ms) = open_entity_pane(&mut session);
    }
    s.queries = times.len();
    (s.query_p50_ms, s.query_p99_ms, s.query_max_ms) = spread(&mut times);
    (s.shown_p50_ms, s.shown_p99_ms, s.shown_max_ms) = spread(&mut shown_times);
    (s.frame_p50_ms, s.frame_p99_ms, _) = spread(&mut frame_times);
    (s.timeline_p50_ms, s.timeline_p99_ms, _) = spread(&mut timeline_times);
    (s.counts_p50_ms, s.counts_p99_ms, _) = spread(&mut count_times);
    s.peak_rss_bytes = peak_rss_bytes();
    // Last, after the peak is read: the timeline is built while the old one is still shown.
    let done =
        PipelineEvent::Done { millis: s.total_ms, timings: Default::default(), from_cache: s.from_cache };
    // The list's order of the corpus goes too, as when articles come or change.
    session.state.list.order = None;
    let started = Instant::now();
    let effects = app::receive(&mut session.state, Incoming::Pipeline(done));
    (s.views_ms, s.views_interface_ms) = answer_tables(&mut session, effects, started);
    let mut out = std::io::stdout().lock();
    if json {
        print_json(&mut out, &s)?;
    } else {
        writeln!(out, "articles {}  skipped {}  {:.1} MB", s.articles, s.skipped, s.bytes as f64 / 1e6)?;
        if let Some(change) = &s.updated {
            writeln!(out, "brought up to date from the cache: {change}")?;
        } else if s.from_cache {
            writeln!(out, "unchanged: loaded from the cache")?;
        }
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
        writeln!(
            out,
            "the views rebuilt (as after a change): {:.1} ms, {:.1} ms of it on the interface thread",
            s.views_ms, s.views_interface_ms
        )?;
        if s.queries > 0 {
            writeln!(
                out,
                "{} queries: p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms; hit counts after: p50 {:.2} ms  p99 {:.2} ms",
                s.queries, s.query_p50_ms, s.query_p99_ms, s.query_max_ms, s.counts_p50_ms, s.counts_p99_ms
            )?;
            writeln!(
                out,
                "until the list shows them: p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms; a frame drawn after: p50 {:.2} ms  p99 {:.2} ms",
                s.shown_p50_ms, s.shown_p99_ms, s.shown_max_ms, s.frame_p50_ms, s.frame_p99_ms
            )?;
            writeln!(
                out,
                "until the timeline shows its rows: p50 {:.2} ms  p99 {:.2} ms",
                s.timeline_p50_ms, s.timeline_p99_ms
            )?;
            writeln!(
                out,
                "then the entity pane opened in {:.1} ms ({:.1} ms of it on the interface thread)",
                s.entity_pane_ms, s.entity_pane_interface_ms
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the entity pane as a user does, the tables thread's work done in between: the time
/// until its figures are in, and the interface thread's share of it.
fn open_entity_pane(session: &mut Session) -> (f64, f64) {
    let started = Instant::now();
    let effects = app::update(&mut session.state, crate::app::Action::ShowEntities);
    answer_tables(session, effects, started)
}

/// Answers the tables thread's requests among `effects` (and those their answers lead to) as
/// that thread would, between the interface's steps: the time since `started` until they are
/// in, and the interface thread's share of it.
fn answer_tables(
    session: &mut Session,
    mut effects: Vec<crate::app::Effect>,
    started: Instant,
) -> (f64, f64) {
    let mut interface = started.elapsed();
    while let Some(effect) = effects.pop() {
        match effect {
            crate::app::Effect::Table(request) => {
                let answer = app::tables::answer(request);
                let t = Instant::now();
                effects.extend(app::receive(&mut session.state, Incoming::Table(answer)));
                interface += t.elapsed();
            }
            other => session.queue_effects(vec![other]),
        }
    }
    let total = started.elapsed();
    session.settle();
    (total.as_secs_f64() * 1000.0, interface.as_secs_f64() * 1000.0)
}

/// The median, the 99th percentile and the largest of some timings.
fn spread(samples: &mut [f64]) -> (f64, f64, f64) {
    samples.sort_by(f64::total_cmp);
    (percentile(samples, 0.50), percentile(samples, 0.99), samples.last().copied().unwrap_or(0.0))
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

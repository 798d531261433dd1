//! From paths to a searchable, analyzed corpus: in one go for the headless commands, or
//! streamed in batches from a worker thread for the terminal interface.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::Result;
use rayon::prelude::*;

use crate::analysis::dating::MonthDays;
use crate::analysis::identity::{self, Renames};
use crate::analysis::{self, Analysis, Recognizer, Summary};
use crate::app::protocol::{PipelineEvent, Timings};
use crate::corpus::{self, Article, ArticleDate, FileKind, FileLoad, Skipped, SourceFile};
use crate::index::SearchIndex;
use crate::index::cache::{self, Cached};

/// Files read and analyzed together before their articles are handed on.
const FILES_PER_BATCH: usize = 256;
/// Articles analyzed together in the second pass.
const ANALYSIS_BATCH: usize = 2048;
/// A commit makes segments and stalls loading while they are written: commit no more often
/// than this while streaming, after the first few, which come sooner so that a large corpus
/// is searchable in part early on.
const COMMIT_EVERY_MS: u128 = 1000;
const FIRST_COMMITS_EVERY_MS: u128 = 400;
const FIRST_COMMITS: u32 = 3;

fn ms_since(t: Instant) -> u64 {
    t.elapsed().as_millis() as u64
}

/// The loading thread's name; the panic hook knows that its panics are caught and reported.
pub const THREAD_NAME: &str = "dossier-loading";

/// Streams the corpus through loading, analysis and indexing on a thread of its own.
pub fn spawn(
    paths: Vec<PathBuf>,
    index: Arc<SearchIndex>,
    notify: impl Fn(PipelineEvent) + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    spawn_cancellable(paths, index, Arc::new(AtomicBool::new(false)), notify)
}

/// [`spawn`], stopping between batches once `cancel` is set (the interface is closing).
pub fn spawn_cancellable(
    paths: Vec<PathBuf>,
    index: Arc<SearchIndex>,
    cancel: Arc<AtomicBool>,
    notify: impl Fn(PipelineEvent) + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new().name(THREAD_NAME.to_string()).spawn(move || {
        let run =
            std::panic::AssertUnwindSafe(|| stream(&paths, &index, Recognizer::shared(), &cancel, &notify));
        match std::panic::catch_unwind(run) {
            Ok(Ok(())) => {}
            Ok(Err(e)) if e.is::<Cancelled>() => {}
            Ok(Err(e)) => notify(PipelineEvent::Failed(crate::text::safe(&format!("{e:#}")).into_owned())),
            Err(panic) => notify(PipelineEvent::Failed(format!(
                "internal error ({})",
                super::worker::panic_message(&panic)
            ))),
        }
    })
}

/// The pipeline stopped because the interface is closing.
#[derive(Debug)]
struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("loading was cancelled")
    }
}

impl std::error::Error for Cancelled {}

fn stream(
    paths: &[PathBuf],
    index: &SearchIndex,
    recognizer: &Recognizer,
    cancel: &AtomicBool,
    notify: &dyn Fn(PipelineEvent),
) -> Result<()> {
    let started = Instant::now();
    let (files, skipped) = if paths.is_empty() { (Vec::new(), Vec::new()) } else { corpus::discover(paths) };
    let (count, bytes) = if paths.is_empty() {
        let seeds = &corpus::seeds::SEEDS;
        (seeds.len(), seeds.iter().map(|(_, text)| text.len() as u64).sum())
    } else {
        (files.len(), files.iter().map(|f| f.size).sum())
    };
    notify(PipelineEvent::Discovered { files: count, bytes, roots: shown_roots(paths) });
    if let Some(notice) = index.notice() {
        notify(PipelineEvent::Notice(notice.to_string()));
    }
    let fingerprint = cache::fingerprint(&files, &skipped);
    if let Some(dir) = index.kept_dir() {
        let state = cache::load(dir, fingerprint).unwrap_or_else(|problem| {
            tracing::warn!("the cache in {} is damaged: {problem}", dir.display());
            notify(PipelineEvent::Notice(format!(
                "the cache of this corpus was damaged ({problem}): indexing it again"
            )));
            None
        });
        if let Some(mut cached) = state.filter(|c| c.articles.len() as u64 == index.num_docs()) {
            cached.respell(&shown_roots(paths));
            replay(cached, notify, started);
            return Ok(());
        }
        cache::invalidate(dir);
        index.clear()?;
    }
    if !skipped.is_empty() {
        notify(PipelineEvent::Batch {
            articles: Vec::new(),
            skipped: skipped.clone(),
            bytes: 0,
            elapsed_ms: 0,
        });
    }
    let mut stage = Stage {
        index,
        cancel,
        writer: index.text_writer()?,
        recognizer,
        notify,
        next_id: 0,
        last_commit: Instant::now(),
        commits: 0,
        articles: Vec::new(),
        summaries: Vec::new(),
        month_days: MonthDays::default(),
        undated: Vec::new(),
        timings: Timings::default(),
        started,
        names: analysis::Interner::default(),
        skipped,
        bytes: 0,
        renames: Arc::default(),
    };
    if paths.is_empty() {
        stage.push(corpus::seeds::load())?;
    }
    let (lines, others): (Vec<&SourceFile>, Vec<&SourceFile>) =
        files.iter().partition(|f| f.kind == FileKind::JsonLines);
    for chunk in others.chunks(FILES_PER_BATCH) {
        let t = Instant::now();
        let loads: Vec<FileLoad> = chunk.par_iter().map(|f| corpus::load_file(f)).collect();
        stage.timings.load_ms += ms_since(t);
        stage.push(loads)?;
    }
    for file in lines {
        let mut failure = None;
        corpus::load_lines_in_batches(file, FILES_PER_BATCH * 4, &mut |load| {
            if failure.is_none() {
                failure = stage.push(vec![load]).err();
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
    }
    stage.commit()?;
    // The text is in: its writer finishes its merges in the background while the notes are
    // written by a writer of their own.
    let text_writer = std::mem::replace(&mut stage.writer, index.notes_writer()?);
    let merging = std::thread::spawn(move || text_writer.wait_merging_threads());
    stage.analyze()?;
    stage.commit()?;
    stage.revise()?;
    if let Ok(Err(e)) = merging.join() {
        tracing::warn!("merging the text index: {e}");
    }
    index.reload()?;
    if let Some(dir) = index.kept_dir() {
        let renames = stage.renames.iter().map(|((k, a), b)| (*k, Arc::clone(a), Arc::clone(b))).collect();
        let mut cached = Cached::new(
            fingerprint,
            std::mem::take(&mut stage.articles),
            std::mem::take(&mut stage.summaries),
            std::mem::take(&mut stage.skipped),
            renames,
            stage.bytes,
        );
        cached.roots = shown_roots(paths);
        if let Err(e) = cache::save(dir, &cached) {
            tracing::warn!("the corpus was not cached: {e:#}");
        }
    }
    let timings = stage.timings;
    notify(PipelineEvent::Done { millis: ms_since(started), timings, from_cache: false });
    Ok(())
}

/// The corpus's paths as the user spelled them, as they start the articles' paths.
fn shown_roots(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

/// Hands on a cached corpus as if it had just been loaded and analyzed.
fn replay(cached: Cached, notify: &dyn Fn(PipelineEvent), started: Instant) {
    let n = cached.articles.len();
    let elapsed_ms = ms_since(started);
    notify(PipelineEvent::Batch {
        articles: cached.articles,
        skipped: cached.skipped,
        bytes: cached.bytes,
        elapsed_ms,
    });
    notify(PipelineEvent::Indexed { articles: n });
    let renames: Renames =
        cached.renames.into_iter().map(|(kind, short, full)| ((kind, short), full)).collect();
    notify(PipelineEvent::Renamed(Arc::new(renames)));
    let summaries = cached.summaries.into_iter().enumerate().map(|(i, s)| (i as u32, s)).collect();
    notify(PipelineEvent::Revised { summaries, redated: Vec::new(), elapsed_ms });
    notify(PipelineEvent::Done { millis: ms_since(started), timings: Timings::default(), from_cache: true });
}

/// The indexing end of the stream: numbers, indexes, analyzes and hands on each batch.
struct Stage<'a> {
    index: &'a SearchIndex,
    cancel: &'a AtomicBool,
    writer: tantivy::IndexWriter,
    recognizer: &'a Recognizer,
    notify: &'a dyn Fn(PipelineEvent),
    next_id: u32,
    last_commit: Instant,
    commits: u32,
    /// Every article so far, by id, without its text.
    articles: Vec<Arc<Article>>,
    /// Every analyzed article's summary, by id.
    summaries: Vec<Arc<Summary>>,
    /// Evidence from the dated articles, for dating the others.
    month_days: MonthDays,
    /// The articles without a date, with their full analyses: the corpus pass dates them.
    undated: Vec<(u32, Analysis)>,
    timings: Timings,
    started: Instant,
    names: analysis::Interner,
    /// Everything skipped, bytes read and renames made, for the cache.
    skipped: Vec<Skipped>,
    bytes: u64,
    renames: Arc<Renames>,
}

impl Stage<'_> {
    fn push(&mut self, loads: Vec<FileLoad>) -> Result<()> {
        self.check_cancelled()?;
        let mut skipped = Vec::new();
        let mut articles = Vec::new();
        let mut bytes = 0;
        for load in loads {
            bytes += load.bytes;
            skipped.extend(load.skipped);
            articles.extend(load.articles);
        }
        self.bytes += bytes;
        self.skipped.extend(skipped.iter().cloned());
        corpus::number(&mut articles, self.next_id);
        self.next_id += articles.len() as u32;
        // The text goes into the index first, and from then on lives only there; entities and
        // dates follow in the second pass.
        let t = Instant::now();
        for a in &mut articles {
            self.index.add(&self.writer, a)?;
            a.text = String::new();
        }
        self.timings.index_ms += ms_since(t);
        let articles: Vec<Arc<Article>> = articles.into_iter().map(Arc::new).collect();
        self.articles.extend(articles.iter().cloned());
        let elapsed_ms = ms_since(self.started);
        (self.notify)(PipelineEvent::Batch { articles, skipped, bytes, elapsed_ms });
        if self.commit_due() {
            self.commit()?;
        }
        Ok(())
    }

    /// The second pass: entities, time expressions and events for every article, its text read
    /// back from the index, in batches whose notes are indexed and summaries handed on.
    fn analyze(&mut self) -> Result<()> {
        // One shared empty summary stands in for every article not analyzed yet.
        let empty = Arc::new(Summary::default());
        self.summaries = self.articles.iter().map(|_| Arc::clone(&empty)).collect();
        let mut batch: Vec<(u32, String)> = Vec::with_capacity(ANALYSIS_BATCH);
        let index = self.index;
        let mut reading = Instant::now();
        index.for_each_text(|id, text| {
            batch.push((id, text));
            if batch.len() == ANALYSIS_BATCH {
                self.timings.load_ms += ms_since(reading);
                self.analyze_batch(std::mem::take(&mut batch))?;
                reading = Instant::now();
            }
            Ok(())
        })?;
        self.analyze_batch(batch)
    }

    fn check_cancelled(&self) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) { Err(Cancelled.into()) } else { Ok(()) }
    }

    fn analyze_batch(&mut self, batch: Vec<(u32, String)>) -> Result<()> {
        self.check_cancelled()?;
        let t = Instant::now();
        let dates: Vec<Option<chrono::NaiveDate>> = batch
            .iter()
            .map(|(id, _)| self.articles.get(*id as usize).and_then(|a| a.date).map(|d| d.date))
            .collect();
        let mut analyses: Vec<Analysis> = batch
            .par_iter()
            .zip(&dates)
            .map(|((_, text), date)| analysis::analyze(text, *date, self.recognizer))
            .collect();
        for ((a, (id, _)), date) in analyses.iter_mut().zip(&batch).zip(&dates) {
            self.names.intern(a);
            if date.is_some() {
                self.month_days.add(a);
            } else {
                self.undated.push((*id, a.clone()));
            }
        }
        self.timings.analyze_ms += ms_since(t);
        let t = Instant::now();
        let mut summaries = Vec::with_capacity(batch.len());
        for ((id, _), a) in batch.iter().zip(&analyses) {
            let summary = Arc::new(Summary::of(a));
            self.index.note(&self.writer, *id, None, &summary, false)?;
            if let Some(slot) = self.summaries.get_mut(*id as usize) {
                *slot = Arc::clone(&summary);
            }
            summaries.push((*id, summary));
        }
        self.timings.index_ms += ms_since(t);
        let elapsed_ms = ms_since(self.started);
        (self.notify)(PipelineEvent::Revised { summaries, redated: Vec::new(), elapsed_ms });
        if self.commit_due() {
            self.commit()?;
        }
        Ok(())
    }

    fn commit_due(&self) -> bool {
        let every = if self.commits < FIRST_COMMITS { FIRST_COMMITS_EVERY_MS } else { COMMIT_EVERY_MS };
        self.last_commit.elapsed().as_millis() >= every
    }

    fn commit(&mut self) -> Result<()> {
        self.commits += 1;
        let t = Instant::now();
        self.index.commit(&mut self.writer)?;
        self.timings.index_ms += ms_since(t);
        self.last_commit = Instant::now();
        (self.notify)(PipelineEvent::Indexed { articles: self.next_id as usize });
        Ok(())
    }

    /// The corpus-level pass: dates for the undated articles and corpus-wide entity names,
    /// written to the notes and handed on.
    fn revise(&mut self) -> Result<()> {
        let t = Instant::now();
        let texts: Vec<String> = self
            .undated
            .iter()
            .map(|(id, _)| self.index.text(*id).map(Option::unwrap_or_default))
            .collect::<Result<_>>()?;
        let revision = {
            let articles: Vec<&Article> = self.articles.iter().map(Arc::as_ref).collect();
            let summaries: Vec<&Summary> = self.summaries.iter().map(Arc::as_ref).collect();
            let undated: Vec<(u32, &str, &Analysis)> =
                self.undated.iter().zip(&texts).map(|((id, a), text)| (*id, text.as_str(), a)).collect();
            analysis::revise(&articles, &summaries, &self.month_days, &undated)
        };
        let dates: std::collections::HashMap<u32, ArticleDate> = revision.dates.into_iter().collect();
        let mut redatings: std::collections::HashMap<u32, (ArticleDate, Summary)> = Default::default();
        for ((id, mut a), text) in std::mem::take(&mut self.undated).into_iter().zip(&texts) {
            if let Some(&date) = dates.get(&id) {
                analysis::redate(text, date.date, &mut a);
                redatings.insert(id, (date, Summary::of(&a)));
            }
        }
        self.timings.analyze_ms += ms_since(t);
        let (mut summaries, mut redated) = (Vec::new(), Vec::new());
        for id in 0..self.summaries.len() {
            let id32 = id as u32;
            let redating = redatings.remove(&id32);
            let renamed = self.summaries[id]
                .entities
                .iter()
                .any(|e| identity::full_name(&revision.renames, e.kind, &e.name).is_some());
            if redating.is_none() && !renamed {
                continue;
            }
            let (date, mut summary) = match redating {
                Some((date, summary)) => (Some(date), summary),
                None => (None, Summary::clone(&self.summaries[id])),
            };
            identity::apply_to_summary(&revision.renames, &mut summary);
            if let (Some(date), Some(article)) = (date, self.articles.get(id)) {
                let article = Arc::new(Article { date: Some(date), ..Article::clone(article) });
                self.articles[id] = Arc::clone(&article);
                redated.push(article);
                self.index.note(&self.writer, id32, Some(date.date), &summary, true)?;
            }
            let summary = Arc::new(summary);
            self.summaries[id] = Arc::clone(&summary);
            summaries.push((id32, summary));
        }
        // Renamed articles keep their notes: the index learns the aliases instead.
        for ((_, alias), full) in &revision.renames {
            self.index.alias(&self.writer, alias, full)?;
        }
        self.commit()?;
        self.renames = Arc::new(revision.renames);
        (self.notify)(PipelineEvent::Renamed(Arc::clone(&self.renames)));
        let elapsed_ms = ms_since(self.started);
        (self.notify)(PipelineEvent::Revised { summaries, redated, elapsed_ms });
        Ok(())
    }
}

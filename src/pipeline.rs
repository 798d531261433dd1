//! From paths to a searchable, analyzed corpus: in one go for the headless commands, or
//! streamed in batches from a worker thread for the terminal interface.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;
use rayon::prelude::*;

use crate::analysis::{self, Analysis, Recognizer};
use crate::corpus::{self, Article, FileKind, FileLoad, Skipped, SourceFile};
use crate::index::{self, SearchIndex};

/// Files read and analyzed together before their articles are handed on.
const FILES_PER_BATCH: usize = 256;
/// Articles analyzed together in the second pass.
const ANALYSIS_BATCH: usize = 2048;
/// A commit makes a segment; commit no more often than this while streaming.
const COMMIT_EVERY_MS: u128 = 400;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    pub load_ms: u64,
    pub analyze_ms: u64,
    pub index_ms: u64,
}

/// The corpus, its analyses (`analyses[i]` belongs to `articles[i]`, whose id is `i`) and index.
pub struct Prepared {
    pub articles: Vec<Article>,
    pub analyses: Vec<Analysis>,
    pub skipped: Vec<Skipped>,
    pub bytes: u64,
    pub index: SearchIndex,
    pub timings: Timings,
}

fn ms_since(t: Instant) -> u64 {
    t.elapsed().as_millis() as u64
}

/// Analyzes articles in parallel, each against its own date.
pub fn analyze_all(articles: &[Article], recognizer: &Recognizer) -> Vec<Analysis> {
    articles.par_iter().map(|a| analysis::analyze(&a.text, a.date.map(|d| d.date), recognizer)).collect()
}

/// Loads, analyzes, dates and indexes everything under `paths` (no paths: the seeds).
pub fn prepare(paths: &[PathBuf]) -> Result<Prepared> {
    let started = Instant::now();
    let corpus = corpus::load(paths);
    let load_ms = ms_since(started);
    let started = Instant::now();
    let recognizer = Recognizer::new();
    let mut articles = corpus.articles;
    let mut analyses = analyze_all(&articles, &recognizer);
    let mut names = analysis::Interner::default();
    for a in &mut analyses {
        names.intern(a);
    }
    let revisions = {
        let a: Vec<&Article> = articles.iter().collect();
        let b: Vec<&Analysis> = analyses.iter().collect();
        analysis::revise(&a, &b)
    };
    for r in revisions {
        let i = r.article as usize;
        if let Some(date) = r.date {
            articles[i].date = Some(date);
        }
        analyses[i] = r.analysis;
    }
    let analyze_ms = ms_since(started);
    let started = Instant::now();
    let index = index::build(&articles, &analyses)?;
    let index_ms = ms_since(started);
    Ok(Prepared {
        articles,
        analyses,
        skipped: corpus.skipped,
        bytes: corpus.bytes,
        index,
        timings: Timings { load_ms, analyze_ms, index_ms },
    })
}

/// What the streaming pipeline reports as it goes.
#[derive(Debug)]
pub enum PipelineEvent {
    /// The files were listed; `bytes` is their total size, for progress and an ETA.
    Discovered {
        files: usize,
        bytes: u64,
    },
    /// Articles read and analyzed, in id order, with the files skipped on the way.
    Batch {
        articles: Vec<Arc<Article>>,
        analyses: Vec<Arc<Analysis>>,
        skipped: Vec<Skipped>,
        bytes: u64,
        /// Time since the pipeline started.
        elapsed_ms: u64,
    },
    /// Everything handed on so far up to `articles` is searchable.
    Indexed {
        articles: usize,
    },
    /// These articles were analyzed, or revised by the corpus-level pass (inferred dates,
    /// corpus-wide entity names).
    Revised {
        articles: Vec<Arc<Article>>,
        analyses: Vec<Arc<Analysis>>,
        elapsed_ms: u64,
    },
    Done {
        millis: u64,
        timings: Timings,
    },
    Failed(String),
}

/// Streams the corpus through loading, analysis and indexing on a worker thread.
pub fn spawn(
    paths: Vec<PathBuf>,
    index: Arc<SearchIndex>,
    notify: impl Fn(PipelineEvent) + Send + 'static,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        if let Err(e) = stream(&paths, &index, &notify) {
            notify(PipelineEvent::Failed(format!("{e:#}")));
        }
    })
}

fn stream(paths: &[PathBuf], index: &SearchIndex, notify: &dyn Fn(PipelineEvent)) -> Result<()> {
    let started = Instant::now();
    let (files, skipped) = if paths.is_empty() { (Vec::new(), Vec::new()) } else { corpus::discover(paths) };
    let (count, bytes) = if paths.is_empty() {
        let seeds = &corpus::seeds::SEEDS;
        (seeds.len(), seeds.iter().map(|(_, text)| text.len() as u64).sum())
    } else {
        (files.len(), files.iter().map(|f| f.size).sum())
    };
    notify(PipelineEvent::Discovered { files: count, bytes });
    if !skipped.is_empty() {
        notify(PipelineEvent::Batch {
            articles: Vec::new(),
            analyses: Vec::new(),
            skipped,
            bytes: 0,
            elapsed_ms: 0,
        });
    }
    let recognizer = Recognizer::new();
    let mut stage = Stage {
        index,
        writer: index.text_writer()?,
        recognizer: &recognizer,
        notify,
        next_id: 0,
        last_commit: Instant::now(),
        all: Vec::new(),
        timings: Timings::default(),
        started,
        names: analysis::Interner::default(),
        unanalyzed: Arc::new(Analysis::default()),
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
    let timings = stage.timings;
    notify(PipelineEvent::Done { millis: ms_since(started), timings });
    Ok(())
}

/// The indexing end of the stream: numbers, analyzes, indexes and hands on each batch.
struct Stage<'a> {
    index: &'a SearchIndex,
    writer: tantivy::IndexWriter,
    recognizer: &'a Recognizer,
    notify: &'a dyn Fn(PipelineEvent),
    next_id: u32,
    last_commit: Instant,
    all: Vec<(Arc<Article>, Arc<Analysis>)>,
    timings: Timings,
    started: Instant,
    names: analysis::Interner,
    /// The placeholder every article shares until it is analyzed.
    unanalyzed: Arc<Analysis>,
}

impl Stage<'_> {
    fn push(&mut self, loads: Vec<FileLoad>) -> Result<()> {
        let mut skipped = Vec::new();
        let mut articles = Vec::new();
        let mut bytes = 0;
        for load in loads {
            bytes += load.bytes;
            skipped.extend(load.skipped);
            articles.extend(load.articles);
        }
        corpus::number(&mut articles, self.next_id);
        self.next_id += articles.len() as u32;
        // The text goes into the index first; entities and dates follow in the second pass.
        let t = Instant::now();
        for a in &articles {
            self.index.add(&self.writer, a)?;
        }
        self.timings.index_ms += ms_since(t);
        let articles: Vec<Arc<Article>> = articles.into_iter().map(Arc::new).collect();
        let analyses: Vec<Arc<Analysis>> = vec![Arc::clone(&self.unanalyzed); articles.len()];
        self.all.extend(articles.iter().cloned().zip(analyses.iter().cloned()));
        let elapsed_ms = ms_since(self.started);
        (self.notify)(PipelineEvent::Batch { articles, analyses, skipped, bytes, elapsed_ms });
        if self.last_commit.elapsed().as_millis() >= COMMIT_EVERY_MS {
            self.commit()?;
        }
        Ok(())
    }

    /// The second pass: entities, time expressions and events for every article, in batches
    /// that are re-indexed (with their entity names) and handed on as they are done.
    fn analyze(&mut self) -> Result<()> {
        let total = self.all.len();
        let mut start = 0;
        while start < total {
            let end = (start + ANALYSIS_BATCH).min(total);
            let t = Instant::now();
            let articles: Vec<Arc<Article>> =
                self.all[start..end].iter().map(|(a, _)| Arc::clone(a)).collect();
            let mut analyses: Vec<Analysis> = articles
                .par_iter()
                .map(|a| analysis::analyze(&a.text, a.date.map(|d| d.date), self.recognizer))
                .collect();
            for a in &mut analyses {
                self.names.intern(a);
            }
            self.timings.analyze_ms += ms_since(t);
            let t = Instant::now();
            for (a, an) in articles.iter().zip(&analyses) {
                self.index.note(&self.writer, a.id, None, an)?;
            }
            self.timings.index_ms += ms_since(t);
            let analyses: Vec<Arc<Analysis>> = analyses.into_iter().map(Arc::new).collect();
            for (i, an) in analyses.iter().enumerate() {
                self.all[start + i].1 = Arc::clone(an);
            }
            let elapsed_ms = ms_since(self.started);
            (self.notify)(PipelineEvent::Revised { articles, analyses, elapsed_ms });
            if self.last_commit.elapsed().as_millis() >= COMMIT_EVERY_MS {
                self.commit()?;
            }
            start = end;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        let t = Instant::now();
        self.index.commit(&mut self.writer)?;
        self.timings.index_ms += ms_since(t);
        self.last_commit = Instant::now();
        (self.notify)(PipelineEvent::Indexed { articles: self.next_id as usize });
        Ok(())
    }

    /// The corpus-level pass: new dates and corpus-wide entity names, re-indexed and handed on.
    fn revise(&mut self) -> Result<()> {
        let t = Instant::now();
        let revisions = {
            let articles: Vec<&Article> = self.all.iter().map(|(a, _)| a.as_ref()).collect();
            let analyses: Vec<&Analysis> = self.all.iter().map(|(_, a)| a.as_ref()).collect();
            analysis::revise(&articles, &analyses)
        };
        self.timings.analyze_ms += ms_since(t);
        if revisions.is_empty() {
            return Ok(());
        }
        let (mut new_articles, mut new_analyses) = (Vec::new(), Vec::new());
        for r in revisions {
            let Some((article, _)) = self.all.get(r.article as usize) else { continue };
            // Only a new date needs a new article; the text is never copied otherwise.
            let article = match r.date {
                Some(date) => Arc::new(Article { date: Some(date), ..Article::clone(article) }),
                None => Arc::clone(article),
            };
            self.index.note(&self.writer, article.id, r.date.map(|d| d.date), &r.analysis)?;
            new_articles.push(article);
            new_analyses.push(Arc::new(r.analysis));
        }
        self.commit()?;
        let elapsed_ms = ms_since(self.started);
        (self.notify)(PipelineEvent::Revised { articles: new_articles, analyses: new_analyses, elapsed_ms });
        Ok(())
    }
}

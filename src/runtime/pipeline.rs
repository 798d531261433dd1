//! From paths to a searchable, analyzed corpus: in one go for the headless commands, or
//! streamed in batches from a worker thread for the terminal interface.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::Result;
use rayon::prelude::*;

use super::Cancelled;
use super::corpus_pass::{self, Undated};
pub use super::reopen::Reopen;
use super::reopen::{Listing, Shown, replay};
use super::watch::{Keeping, Loaded};
use crate::analysis::dating::{self, MonthDays};
use crate::analysis::identity::Renames;
use crate::analysis::{self, Recognizer, Summary};
use crate::app::protocol::{PipelineEvent, Timings};
use crate::corpus::{self, Article, FileKind, FileLoad, Skipped, SourceFile};
use crate::index::SearchIndex;
use crate::index::cache;
use crate::index::state::{self, Cached, FileRecord, NO_FILE, Origin, Rest};

/// Files read and analyzed together before their articles are handed on.
const FILES_PER_BATCH: usize = 256;
/// Articles analyzed in the second pass before their summaries are handed on.
const ANALYSIS_BATCH: usize = 2048;
/// Articles analyzed side by side: their full analyses are held until they are summarized.
/// A whole batch's held 15-20 MB at the peak of a 100k first open.
const ANALYZED_TOGETHER: usize = 256;
/// A commit makes segments and stalls loading while they are written: commit no more often
/// than this while streaming, after the first few, which come sooner so that a large corpus
/// is searchable in part early on.
const COMMIT_EVERY_MS: u128 = 1000;
const FIRST_COMMITS_EVERY_MS: u128 = 400;
const FIRST_COMMITS: u32 = 3;

pub(super) fn ms_since(t: Instant) -> u64 {
    t.elapsed().as_millis() as u64
}

/// The loading thread's name; the panic hook knows that its panics are caught and reported.
pub const THREAD_NAME: &str = "dossier-loading";
/// The thread that reads the texts back from the index for the analysis.
const READER_NAME: &str = "dossier-reading";

/// Streams the corpus through loading, analysis and indexing on a thread of its own.
pub fn spawn(
    paths: Vec<PathBuf>,
    index: Arc<SearchIndex>,
    notify: impl Fn(PipelineEvent) + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    let index = move |_: &[PathBuf]| Ok(index);
    spawn_cancellable(paths, index, Arc::new(AtomicBool::new(false)), None, Reopen::CheckFirst, notify)
}

/// [`spawn`], stopping between batches once `cancel` is set (the interface is closing). With
/// `following`, the thread then stays to follow the corpus's folders while its toggle is on
/// (see [`super::watch`]), until `cancel` is set. `reopen` says whether a cached corpus is shown
/// before its folder is checked. `index` gives the index of `paths` to fill, on the loading thread:
/// opening a kept index checks its files, a wait the interface must not have before its first
/// frame; failing to open it is the load failing.
pub fn spawn_cancellable(
    paths: Vec<PathBuf>,
    index: impl FnOnce(&[PathBuf]) -> Result<Arc<SearchIndex>> + Send + 'static,
    cancel: Arc<AtomicBool>,
    following: Option<super::watch::Following>,
    reopen: Reopen,
    notify: impl Fn(PipelineEvent) + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new().name(THREAD_NAME.to_string()).spawn(move || {
        let mut following = following;
        let run = std::panic::AssertUnwindSafe(|| -> Result<()> {
            if let Some(following) = following.as_mut() {
                following.start_before_loading(&paths, &notify);
            }
            let index = index(&paths)?;
            let recognizer = Recognizer::shared();
            let keeping = if following.is_some() { Keeping::Later } else { Keeping::Now };
            let loaded = stream(&paths, &index, recognizer, &cancel, &notify, reopen, keeping)?;
            if let (Some(following), Some(loaded)) = (following, loaded) {
                super::watch::follow(&paths, &index, recognizer, loaded, &cancel, following, &notify)?;
            }
            Ok(())
        });
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

/// What opening a corpus found before indexing anything.
enum Opened {
    /// A cached corpus, shown and then checked.
    Shown(Loaded),
    /// A cached corpus whose folder did not change: its files were not listed.
    Unchanged(Cached),
    /// The folder's files, and the cached state if there is one.
    Listed {
        files: Vec<SourceFile>,
        skipped: Vec<Skipped>,
        fingerprint: u64,
        state: Option<Result<Option<Cached>, String>>,
    },
}

fn stream(
    paths: &[PathBuf],
    index: &SearchIndex,
    recognizer: &Recognizer,
    cancel: &AtomicBool,
    notify: &dyn Fn(PipelineEvent),
    reopen: Reopen,
    keeping: Keeping,
) -> Result<Option<Loaded>> {
    let started = Instant::now();
    let kept = index.kept_dir();
    // The files are listed while the cached state is read: both take a while on a large corpus.
    let opened = std::thread::scope(|scope| -> Result<Opened> {
        // A cached corpus needs its files' list only if they changed; a folder whose own
        // entries changed since is listed at once, without a walk first to find out.
        let shown_as =
            kept.filter(|dir| !super::reopen::changed_since(paths, dir)).and_then(state::fingerprint);
        // The walk's stat calls queue on the shared threads behind the state's decoding, which
        // comes first (on threads of its own at a lower priority, the corpus was shown 0.1-0.2 s
        // later at a million files).
        let listing = scope.spawn(move || Listing::of(paths, shown_as, cancel));
        let listed =
            || listing.join().unwrap_or_else(|_| Err(anyhow::anyhow!("listing the corpus's files failed")));
        let state = kept.map(|dir| state::load_unless_stopped(dir, cancel));
        // A state given up reads as none, which would have the cache emptied and the corpus
        // indexed afresh; the interface is closing.
        if cancel.load(Ordering::Relaxed) {
            return Err(Cancelled.into());
        }
        let state = match (reopen, state) {
            (Reopen::ShowFirst, Some(Ok(Some(cached)))) if fits(&cached, index) => {
                let shown = Shown { paths, index, recognizer, notify, started, keeping, cancel };
                return shown.then_check(cached, listed).map(Opened::Shown);
            }
            (_, state) => state,
        };
        let listing = listed()?;
        match state {
            Some(Ok(Some(cached))) if cached.fingerprint == listing.fingerprint() && fits(&cached, index) => {
                index.note_state_current();
                Ok(Opened::Unchanged(cached))
            }
            state => {
                let (files, skipped, fingerprint) = listing.into_files(paths, cancel)?;
                Ok(Opened::Listed { files, skipped, fingerprint, state })
            }
        }
    })?;
    let (files, skipped, fingerprint, state) = match opened {
        Opened::Shown(loaded) => return Ok(Some(loaded)),
        Opened::Unchanged(mut cached) => {
            super::reopen::announce(&mut cached, paths, index, notify);
            super::reopen::replay_as_it_was(&cached, index, notify, started);
            return Ok(Some(Loaded { cached, unsaved: false }));
        }
        Opened::Listed { files, skipped, fingerprint, state } => (files, skipped, fingerprint, state),
    };
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
    if let (Some(dir), Some(state)) = (kept, state) {
        let state = state.unwrap_or_else(|problem| {
            tracing::warn!("the cache in {} is damaged: {problem}", dir.display());
            notify(PipelineEvent::Notice(format!(
                "the cache of this corpus was damaged ({problem}): indexing it again"
            )));
            None
        });
        // A usable state of an unchanged folder was handed on above: this one is of a folder
        // that changed since.
        if let Some(mut cached) = state.filter(|c| fits(c, index)) {
            cached.respell(&shown_roots(paths));
            let mut timings = Timings::default();
            let now =
                super::incremental::Change::Listed { files: &files, listed_skipped: skipped, fingerprint };
            let updated = super::incremental::update(index, recognizer, cached, now, &mut timings)?;
            let super::incremental::Updated { cached, renames, change } = updated;
            // What the update worked with goes back before the state is saved and shown.
            super::memory::hand_back_now();
            notify(PipelineEvent::Updated(change));
            // As a reopen shown first does: the first searches do not wait for the disk.
            index.read_ahead();
            // The state has its own record of the files: the listing is not kept beside it.
            drop(files);
            // The updated state is written while the interface takes it in.
            let unsaved = std::thread::scope(|scope| {
                let keep = scope.spawn(|| keeping.keep(index, &cached));
                replay(&cached, renames, &cached.shown, notify, started, timings, false);
                keep.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            return Ok(Some(Loaded { cached, unsaved }));
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
        origins: Vec::new(),
        files: files.iter().map(FileRecord::listed).collect(),
        month_days: MonthDays::default(),
        undated: Vec::new(),
        timings: Timings::default(),
        started,
        names: analysis::Interner::default(),
        renames: Arc::default(),
        shown: Vec::new(),
    };
    if paths.is_empty() {
        stage.push(corpus::seeds::load().into_iter().map(|load| (NO_FILE, load)).collect(), false)?;
    }
    // The listing is consumed as its files are read: its paths are held by the files' records
    // from here on, and the analysis that follows is where the peak is.
    let (lines, others): (Vec<Listed>, Vec<Listed>) =
        files.into_iter().enumerate().partition(|(_, f)| f.kind == FileKind::JsonLines);
    let mut others = others.into_iter();
    loop {
        let chunk: Vec<Listed> = others.by_ref().take(FILES_PER_BATCH).collect();
        if chunk.is_empty() {
            break;
        }
        let t = Instant::now();
        let loads: Vec<(u32, FileLoad)> =
            chunk.par_iter().map(|(i, f)| (*i as u32, corpus::load_file(f))).collect();
        drop(chunk);
        stage.timings.load_ms += ms_since(t);
        stage.push(loads, false)?;
    }
    drop(others);
    for (i, file) in lines {
        let mut failure = None;
        corpus::load_lines_in_batches(&file, FILES_PER_BATCH * 4, &mut |load| {
            if failure.is_none() {
                failure = stage.push(vec![(i as u32, load)], true).err();
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
    }
    stage.commit()?;
    super::memory::hand_back_now();
    // The text is in: its writer's last merges are waited for, and the texts read back from
    // the merged segments. A merge maps every page of the segments it reads, and while the
    // analysis read its texts from those segments they stayed mapped, and counted as this
    // process's memory, until its end (40-60 MB at 100k, the first open's peak).
    let text_writer = std::mem::replace(&mut stage.writer, index.notes_writer()?);
    if let Err(e) = text_writer.wait_merging_threads() {
        tracing::warn!("merging the text index: {e}");
    }
    index.reload()?;
    stage.analyze()?;
    super::memory::hand_back_now();
    stage.commit()?;
    stage.revise()?;
    super::memory::hand_back_now();
    let summaries = std::mem::take(&mut stage.summaries);
    let cached = Cached {
        fingerprint,
        articles: std::mem::take(&mut stage.articles),
        shown: corpus_pass::shown_in_place(&summaries, std::mem::take(&mut stage.shown)),
        summaries,
        // Made when a watched corpus is first quiet (`incremental::make_ready`): kept from here,
        // it would add to a first open's peak.
        names: None,
        month_days: Some(std::mem::take(&mut stage.month_days)),
        listed_skipped: skipped,
        renames: corpus_pass::renames_list(&stage.renames),
        roots: shown_roots(paths),
        // A first open numbers the articles in the folder's order.
        places: Default::default(),
        rest: Rest::Read {
            files: std::mem::take(&mut stage.files),
            origins: std::mem::take(&mut stage.origins),
        },
    };
    notify(PipelineEvent::Done { millis: ms_since(started), timings: stage.timings, from_cache: false });
    // Once the corpus is shown whole, its notes are merged (2 s at a million) and its state
    // saved: a command still waits for both (this thread's end), as quitting does.
    if let Err(e) = index.compact_notes(stage.writer, crate::index::NOTES_MERGED_FROM) {
        tracing::warn!("the notes index stays in several segments: {e:#}");
    }
    // Written before the analysis (a minute at a million), the text's pages may have been taken
    // back by the system: the first searches waited for the disk (30-50 ms each at a million).
    index.read_ahead();
    let unsaved = keeping.keep(index, &cached);
    // Kept even when there is no cache directory to save it in (the index is in memory): a
    // watched folder is brought up to date from it.
    Ok(Some(Loaded { cached, unsaved }))
}

/// The publication dates of some articles (ids and texts), by their ids.
pub(super) fn dates_of(articles: &[Arc<Article>], texts: &[(u32, String)]) -> Vec<Option<chrono::NaiveDate>> {
    texts.iter().map(|(id, _)| articles.get(*id as usize).and_then(|a| a.date).map(|d| d.date)).collect()
}

/// Analyzes some articles (ids and texts, with their `dates`) side by side, on every core.
pub(super) fn analyze_side_by_side(
    texts: &[(u32, String)],
    dates: &[Option<chrono::NaiveDate>],
    recognizer: &Recognizer,
) -> Vec<analysis::Analysis> {
    texts.par_iter().zip(dates).map(|((_, text), date)| analysis::analyze(text, *date, recognizer)).collect()
}

/// A part of a batch (ids and texts) with its articles' dates and analyses.
struct Analyzed<'p> {
    part: &'p [(u32, String)],
    dates: Vec<Option<chrono::NaiveDate>>,
    analyses: Vec<analysis::Analysis>,
}

/// A listed file with its position in the listing.
type Listed = (usize, SourceFile);

/// Whether a kept state is of the index beside it, as far as their article counts tell: an
/// index emptied or cut short since the state was written is not.
fn fits(cached: &Cached, index: &SearchIndex) -> bool {
    cached.articles.len() as u64 == index.num_docs()
}

/// The corpus's paths as the user spelled them, as they start the articles' paths.
pub(super) fn shown_roots(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
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
    /// Every analyzed article's own summary (without corpus-wide names), by id.
    summaries: Vec<Arc<Summary>>,
    /// Where each article came from, and its share of the month-days, by id.
    origins: Vec<Origin>,
    /// The listed files, with what reading each gave.
    files: Vec<FileRecord>,
    /// Evidence from the dated articles, for dating the others.
    month_days: MonthDays,
    /// The articles without a date, with their full analyses: the corpus pass dates them.
    undated: Vec<(u32, analysis::Analysis)>,
    timings: Timings,
    started: Instant,
    names: analysis::Interner,
    renames: Arc<Renames>,
    /// The summaries the corpus-wide pass made a copy of with its names, by id: the state keeps
    /// them for a reopen to show as they are.
    shown: Vec<(u32, Arc<Summary>)>,
}

impl Stage<'_> {
    /// Takes in what reading some files gave, each with its file's index ([`NO_FILE`] for the
    /// seeds); `lines` if they are JSON lines files.
    fn push(&mut self, loads: Vec<(u32, FileLoad)>, lines: bool) -> Result<()> {
        self.check_cancelled()?;
        let mut skipped = Vec::new();
        let mut articles = Vec::new();
        let mut bytes = 0;
        for (file, load) in loads {
            bytes += load.bytes;
            if let Some(record) = self.files.get_mut(file as usize) {
                record.bytes += load.bytes;
                record.skipped.extend(load.skipped.iter().cloned());
            }
            skipped.extend(load.skipped);
            for a in &load.articles {
                // A JSON lines file comes in several loads, one after the other.
                let nth = self.origins.last().filter(|o| o.file == file).map_or(0, |o| o.nth + 1);
                self.origins.push(Origin {
                    file,
                    nth,
                    lines,
                    undated: a.date.is_none(),
                    read_as: a.digest(),
                    ..Origin::default()
                });
            }
            articles.extend(load.articles);
        }
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
    /// back from the index, in batches whose notes are indexed and summaries handed on. The
    /// texts are read on a thread of their own, a batch ahead: read in turn with the analysis,
    /// a core stood idle while they were decompressed.
    fn analyze(&mut self) -> Result<()> {
        // One shared empty summary stands in for every article not analyzed yet.
        let empty = Arc::new(Summary::default());
        self.summaries = self.articles.iter().map(|_| Arc::clone(&empty)).collect();
        let index = self.index;
        std::thread::scope(|scope| -> Result<()> {
            let (send, batches) = std::sync::mpsc::sync_channel::<Vec<(u32, String)>>(1);
            let reader =
                std::thread::Builder::new().name(READER_NAME.to_string()).spawn_scoped(scope, move || {
                    let mut batch: Vec<(u32, String)> = Vec::with_capacity(ANALYSIS_BATCH);
                    index.for_each_text(|id, text| {
                        batch.push((id, text));
                        if batch.len() == ANALYSIS_BATCH {
                            // A refusal means the analysis stopped: its error is the one told.
                            send.send(std::mem::replace(&mut batch, Vec::with_capacity(ANALYSIS_BATCH)))
                                .map_err(|_| anyhow::anyhow!("the analysis stopped"))?;
                        }
                        Ok(())
                    })?;
                    if !batch.is_empty() {
                        send.send(batch).map_err(|_| anyhow::anyhow!("the analysis stopped"))?;
                    }
                    Ok(())
                })?;
            let analyzed = self.analyze_batches(&batches);
            // The reader must not wait on a batch nobody takes.
            drop(batches);
            let read = reader.join().map_err(|_| anyhow::anyhow!("reading the texts back failed"))?;
            analyzed.and(read)
        })
    }

    /// Analyzes the batches as they come; the time spent waiting for them counts as loading.
    fn analyze_batches(&mut self, batches: &std::sync::mpsc::Receiver<Vec<(u32, String)>>) -> Result<()> {
        loop {
            let waiting = Instant::now();
            let Ok(batch) = batches.recv() else { return Ok(()) };
            self.timings.load_ms += ms_since(waiting);
            self.analyze_batch(batch)?;
        }
    }

    fn check_cancelled(&self) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) { Err(Cancelled.into()) } else { Ok(()) }
    }

    /// Analyzes a batch a part at a time, each part's articles side by side. A part is
    /// summarized while the next one is analyzed: summarizing runs on this thread alone, and
    /// a core stood idle meanwhile.
    fn analyze_batch(&mut self, batch: Vec<(u32, String)>) -> Result<()> {
        self.check_cancelled()?;
        let mut summaries = Vec::with_capacity(batch.len());
        let recognizer = self.recognizer;
        let mut held: Option<Analyzed> = None;
        for part in batch.chunks(ANALYZED_TOGETHER) {
            let t = Instant::now();
            let dates = dates_of(&self.articles, part);
            let analyses = std::thread::scope(|scope| -> Result<Vec<analysis::Analysis>> {
                let next = scope.spawn(|| analyze_side_by_side(part, &dates, recognizer));
                let summarized = held.take().map_or(Ok(()), |done| self.summarize(done, &mut summaries));
                let analyses = next.join().map_err(|_| anyhow::anyhow!("analyzing the articles failed"))?;
                summarized.map(|()| analyses)
            })?;
            // The time summarizing took is counted as indexing, inside this.
            self.timings.analyze_ms += ms_since(t);
            held = Some(Analyzed { part, dates, analyses });
        }
        if let Some(done) = held {
            self.summarize(done, &mut summaries)?;
        }
        let elapsed_ms = ms_since(self.started);
        (self.notify)(PipelineEvent::Revised { summaries, redated: Vec::new(), elapsed_ms });
        if self.commit_due() {
            self.commit()?;
        }
        Ok(())
    }

    /// Keeps and indexes the summaries of a part's analyses, gathers the dated articles'
    /// evidence for the others' dates, and keeps the undated articles' analyses for the corpus
    /// pass.
    fn summarize(&mut self, done: Analyzed, summaries: &mut Vec<(u32, Arc<Summary>)>) -> Result<()> {
        let Analyzed { part, dates, analyses } = done;
        for (((id, _), mut a), date) in part.iter().zip(analyses).zip(dates) {
            self.names.intern(&mut a);
            let t = Instant::now();
            let summary = Arc::new(Summary::of(&a));
            self.index.note(&self.writer, *id, None, &summary, false)?;
            self.timings.index_ms += ms_since(t);
            if let Some(slot) = self.summaries.get_mut(*id as usize) {
                *slot = Arc::clone(&summary);
            }
            summaries.push((*id, summary));
            if date.is_some() {
                let mentions = dating::full_dates(&a);
                self.month_days.add(&mentions);
                if let Some(origin) = self.origins.get_mut(*id as usize) {
                    origin.mentions = mentions.into_boxed_slice();
                }
            } else {
                self.undated.push((*id, a));
            }
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
        let undated: Vec<Undated> = std::mem::take(&mut self.undated)
            .into_iter()
            .map(|(id, a)| Ok((id, self.index.text(id)?.unwrap_or_default(), a)))
            .collect::<Result<_>>()?;
        let revision = corpus_pass::run(
            self.index,
            &self.writer,
            &mut self.articles,
            &mut self.summaries,
            &self.month_days,
            undated,
            None,
        )?;
        corpus_pass::keep_evidence(&mut self.origins, revision.evidence);
        self.timings.analyze_ms += ms_since(t);
        self.commit()?;
        self.renames = Arc::clone(&revision.renames);
        (self.notify)(PipelineEvent::Renamed(revision.renames));
        let elapsed_ms = ms_since(self.started);
        self.shown.clone_from(&revision.shown);
        (self.notify)(PipelineEvent::Revised {
            summaries: revision.shown,
            redated: revision.redated,
            elapsed_ms,
        });
        Ok(())
    }
}

//! Taking in what the loading pipeline reports: articles, their summaries and dates, and
//! keeping the views up to date while a large corpus loads.

use super::*;

/// Up to this many articles, the views are rebuilt on every batch.
pub(super) const EAGER_REBUILD_ARTICLES: usize = 5_000;

/// Otherwise at most this often (pipeline time) while loading.
pub(super) const REBUILD_EVERY_MS: u64 = 500;

/// Plus a millisecond per this many articles (100,000 articles: every 2.5 s).
pub(super) const REBUILD_ARTICLES_PER_MS: usize = 50;

pub(super) fn pipeline_event(state: &mut AppState, event: PipelineEvent) -> Vec<Effect> {
    match event {
        PipelineEvent::Discovered { files, bytes, roots } => {
            state.progress.files = files;
            state.progress.bytes_total = bytes;
            state.roots = roots;
        }
        PipelineEvent::Batch { articles, skipped, bytes, elapsed_ms } => {
            state.skipped.extend(skipped);
            state.progress.bytes_done += bytes;
            for a in articles {
                put(state, a);
            }
            catch_up(state, elapsed_ms);
            if state.reader.article.is_none() {
                return preview_selected(state);
            }
        }
        PipelineEvent::Indexed { articles } => {
            state.progress.indexed = articles;
            // An article shown before its text was committed is asked for again.
            let mut effects = match state.reader.article {
                Some(id) if state.open().is_none() => {
                    let date = state.article(id).and_then(|a| a.date).map(|d| d.date);
                    vec![Effect::Search(SearchRequest::Open { article: id, date })]
                }
                _ => Vec::new(),
            };
            if state.filter.applied.is_some() || state.filter.editing {
                effects.extend(run_filter(state));
            }
            return effects;
        }
        PipelineEvent::Revised { summaries, redated, elapsed_ms } => {
            state.progress.analyzed = (state.progress.analyzed + summaries.len()).min(state.articles.len());
            for (id, summary) in summaries {
                if let Some(slot) = state.summaries.get_mut(id as usize) {
                    *slot = summary;
                }
            }
            for a in redated {
                put(state, a);
            }
            catch_up(state, elapsed_ms);
        }
        PipelineEvent::Renamed(renames) => {
            state.renames = renames;
            if let Some(open) = &mut state.reader.open {
                open.analysis = identity::renamed(&state.renames, &open.analysis);
            }
            refresh_hits(state);
        }
        PipelineEvent::Done { millis, from_cache, .. } => {
            if from_cache {
                state.message = Some("unchanged since it was last opened: loaded from the cache".to_string());
            }
            state.progress.done = true;
            state.progress.elapsed_ms = millis;
            rebuild_timeline(state);
            rebuild_rows(state);
            rebuild_entities(state);
            count_name_articles(state);
        }
        PipelineEvent::Updated(change) => {
            state.message = Some(format!("updated from the folder: {}", change.describe()));
        }
        PipelineEvent::Failed(message) => state.progress.failed = Some(message),
        PipelineEvent::Notice(message) => {
            state.message = Some(message.clone());
            state.progress.notices.push(message);
        }
    }
    Vec::new()
}

/// Re-sorting a large corpus on every batch would stall the screen: while loading, the views
/// catch up a few times a second, and fully when it is done.
pub(super) fn catch_up(state: &mut AppState, elapsed_ms: u64) {
    state.progress.elapsed_ms = state.progress.elapsed_ms.max(elapsed_ms);
    // A rebuild sorts every event, so a larger corpus waits longer between them.
    let every_ms = REBUILD_EVERY_MS + (state.articles.len() / REBUILD_ARTICLES_PER_MS) as u64;
    if state.articles.len() <= EAGER_REBUILD_ARTICLES || elapsed_ms >= state.progress.rebuilt_ms + every_ms {
        state.progress.rebuilt_ms = elapsed_ms;
        rebuild_timeline(state);
        rebuild_rows(state);
    }
}

/// Stores an article at its id; a new one has an empty summary until it is analyzed.
pub(super) fn put(state: &mut AppState, article: Arc<crate::corpus::Article>) {
    let i = article.id as usize;
    if i < state.articles.len() {
        state.articles[i] = article;
    } else if i == state.articles.len() {
        state.articles.push(article);
        state.summaries.push(crate::app::unanalyzed());
    }
}

/// Drops everything known about the corpus before it is loaded again (ids may change), keeping
/// the user's settings and filter.
pub(super) fn forget_corpus(state: &mut AppState) {
    let fresh = AppState::default();
    state.articles = fresh.articles;
    state.summaries = fresh.summaries;
    state.renames = fresh.renames;
    state.skipped = fresh.skipped;
    state.skipped_selected = 0;
    state.progress = fresh.progress;
    state.list.rows.clear();
    state.list.selected = 0;
    state.filter.scores.clear();
    state.filter.word_counts.clear();
    state.filter.entity_counts.clear();
    state.reader = crate::app::ReaderState {
        width: state.reader.width,
        height: state.reader.height,
        hidden: std::mem::take(&mut state.reader.hidden),
        ..fresh.reader
    };
    state.timeline = crate::app::TimelineState { zoom: state.timeline.zoom, ..fresh.timeline };
    state.related = fresh.related;
    state.entities = fresh.entities;
    state.history = fresh.history;
}

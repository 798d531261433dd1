//! Taking in what the loading pipeline reports: articles, their summaries and dates, and
//! keeping the views up to date while a large corpus loads.

use super::*;
use crate::app::tables::Summaries;

/// What a corpus opened from the cache, and found unchanged, says.
const UNCHANGED: &str = "unchanged since it was last opened: loaded from the cache";

/// Up to this many articles, the views are rebuilt on every batch.
pub(super) const EAGER_REBUILD_ARTICLES: usize = 5_000;

/// Otherwise at most this often (pipeline time) while loading.
pub(super) const REBUILD_EVERY_MS: u64 = 500;

/// Plus a millisecond per this many articles (100,000 articles: every 2.5 s).
pub(super) const REBUILD_ARTICLES_PER_MS: usize = 50;

pub(super) fn pipeline_event(state: &mut AppState, event: PipelineEvent) -> Vec<Effect> {
    match event {
        PipelineEvent::Placed(places) => {
            state.places = places;
            state.list.order = None;
        }
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
            let mut effects = catch_up(state, elapsed_ms);
            if state.reader.article.is_none() {
                effects.extend(preview_selected(state));
            }
            return effects;
        }
        PipelineEvent::Indexed { articles } => {
            state.progress.indexed = articles;
            // An index reopened with articles deleted from it has their statistics worked out
            // first (the worker takes requests in order).
            let mut effects = vec![prepare_ranking(state)];
            // An article shown before its text was committed is asked for again.
            if let Some(id) = state.reader.article.filter(|_| state.open().is_none()) {
                let date = state.article(id).and_then(|a| a.date).map(|d| d.date);
                effects.push(Effect::Search(SearchRequest::Open { article: id, date }));
            }
            if state.filter.applied.is_some() || state.filter.editing {
                effects.extend(run_filter(state));
            }
            return effects;
        }
        PipelineEvent::Revised { summaries, redated, elapsed_ms } => {
            state.progress.analyzed = (state.progress.analyzed + summaries.len()).min(state.articles.len());
            let all = Arc::make_mut(&mut state.summaries);
            for (id, summary) in summaries {
                if let Some(slot) = all.get_mut(id as usize) {
                    *slot = summary;
                }
            }
            for a in redated {
                put(state, a);
            }
            return catch_up(state, elapsed_ms);
        }
        PipelineEvent::Renamed(renames) => {
            state.renames = renames;
            if let Some(open) = &mut state.reader.open {
                open.analysis = identity::renamed(&state.renames, &open.analysis);
            }
            refresh_hits(state);
        }
        PipelineEvent::Done { millis, from_cache, .. } => {
            if from_cache && state.progress.checking {
                state.message = Some("loaded from the cache; checking the folder for changes".to_string());
            } else if from_cache {
                state.message = Some(UNCHANGED.to_string());
            }
            state.progress.done = true;
            state.progress.elapsed_ms = millis;
            return rebuild_corpus_views(state, None);
        }
        PipelineEvent::Updated(change) => {
            state.progress.checking = false;
            state.message = Some(format!("updated from the folder: {}", change.describe()));
        }
        PipelineEvent::Checking => state.progress.checking = true,
        PipelineEvent::Checked => {
            state.progress.checking = false;
            state.message = Some(UNCHANGED.to_string());
        }
        PipelineEvent::Refreshed(refresh) => return refreshed(state, *refresh),
        PipelineEvent::Unwatched(why) => {
            state.watching = false;
            state.message = Some(format!("cannot watch the folder: {why}"));
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
pub(super) fn catch_up(state: &mut AppState, elapsed_ms: u64) -> Vec<Effect> {
    state.progress.elapsed_ms = state.progress.elapsed_ms.max(elapsed_ms);
    // A rebuild sorts every event, so a larger corpus waits longer between them.
    let every_ms = REBUILD_EVERY_MS + (state.articles.len() / REBUILD_ARTICLES_PER_MS) as u64;
    if state.articles.len() <= EAGER_REBUILD_ARTICLES || elapsed_ms >= state.progress.rebuilt_ms + every_ms {
        state.progress.rebuilt_ms = elapsed_ms;
        rebuild_rows(state);
        return request_timeline(state);
    }
    Vec::new()
}

/// Every view built from the whole corpus, once it is complete (loaded, or refreshed); the
/// entity counts come from the tables thread.
fn rebuild_corpus_views(state: &mut AppState, before: Option<Summaries>) -> Vec<Effect> {
    rebuild_rows(state);
    let mut effects = request_timeline_after(state, before);
    effects.extend(request_entities(state, true));
    effects
}

/// Has the worker ready the changed index's ranking, ties broken by the articles' places.
fn prepare_ranking(state: &AppState) -> Effect {
    Effect::Search(SearchRequest::PrepareRanking { places: state.places.clone() })
}

/// Stores an article at its id; a new one has an empty summary until it is analyzed.
pub(super) fn put(state: &mut AppState, article: Arc<crate::corpus::Article>) {
    let i = article.id as usize;
    state.list.order = None;
    if i < state.articles.len() {
        state.articles[i] = article;
    } else if i == state.articles.len() {
        state.articles.push(article);
        Arc::make_mut(&mut state.summaries).push(crate::app::unanalyzed());
    }
}

/// Drops everything known about the corpus before it is loaded again (ids may change), keeping
/// the user's settings and filter.
pub(super) fn forget_corpus(state: &mut AppState) {
    let fresh = AppState::default();
    state.articles = fresh.articles;
    state.places = fresh.places;
    state.summaries = fresh.summaries;
    state.renames = fresh.renames;
    state.skipped = fresh.skipped;
    state.skipped_selected = 0;
    state.progress = fresh.progress;
    state.list.rows.clear();
    state.list.order = None;
    state.list.selected = 0;
    state.filter.matches = Arc::default();
    state.filter.word_counts = Default::default();
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

/// Takes in a watched corpus as it is now, keeping the user's place: the selected article, the
/// article in the reader (and how far it is scrolled), the filter and the timeline's scope
/// follow their articles by path.
fn refreshed(state: &mut AppState, refresh: crate::app::protocol::Refresh) -> Vec<Effect> {
    let selected = state.selected_article();
    let reading = state.reader.article.and_then(|id| state.articles.get(id as usize).cloned());
    let scope_article = match state.timeline.scope {
        TimelineScope::Article(id) => Some(id),
        _ => None,
    };
    let at = state.reader.lines.get(state.reader.scroll).map(|l| l.start);
    // The event to keep: one still awaited from an earlier change, or the one selected.
    let event = state.timeline.wanted.take().or_else(|| state.selected_event().map(|e| e.key()));
    let n = refresh.articles.len();
    // Once the corpus is loaded, a timeline no longer being built is the summaries' own: it
    // is brought up to date with the new ones.
    let built_from = (state.progress.done && !state.timeline.building).then(|| Arc::clone(&state.summaries));
    let before = std::mem::replace(&mut state.articles, refresh.articles);
    state.places = refresh.places;
    state.list.order = None;
    state.summaries = Arc::new(refresh.summaries);
    state.renames = refresh.renames;
    state.skipped = refresh.skipped;
    state.skipped_selected = state.skipped_selected.min(state.skipped.len().saturating_sub(1));
    state.progress.bytes_done = refresh.bytes;
    state.progress.files = state.progress.files.max(n);
    state.progress.indexed = n;
    state.progress.analyzed = n;
    state.timeline.sentences.clear();
    state.timeline.requested.clear();
    // Where an article is now, by its path. Most keep their ids (only the last ones move into
    // the places of removed ones), so the paths are looked up only for an id that now holds
    // another article: a map of a million paths took 0.3 s of the interface at each change.
    let by_path: std::cell::OnceCell<std::collections::HashMap<&str, u32>> = std::cell::OnceCell::new();
    let articles = &state.articles;
    let moved = |id: u32| -> Option<u32> {
        let path = &before.get(id as usize)?.path;
        if articles.get(id as usize).is_some_and(|now| now.path == *path) {
            return Some(id);
        }
        let by_path = by_path.get_or_init(|| articles.iter().map(|a| (&*a.path, a.id)).collect());
        by_path.get(&**path).copied()
    };
    state.list.wanted = selected.and_then(moved);
    if let Some(id) = scope_article {
        state.timeline.scope = moved(id).map_or(TimelineScope::All, TimelineScope::Article);
    }
    let reading = reading.map(|old| (moved(old.id), old));
    // The change deleted articles from the index: their statistics are worked out now, not
    // when the user next searches.
    let mut effects = vec![prepare_ranking(state)];
    if let Some((now, old)) = reading {
        match now {
            Some(id) => {
                let unchanged = state.articles.get(id as usize).is_some_and(|a| Arc::ptr_eq(a, &old));
                state.reader.article = Some(id);
                if let Some(open) = &mut state.reader.open {
                    open.id = id;
                }
                if !unchanged {
                    // Its file changed: read it again, near where the reader was.
                    state.reader.pending_at = at;
                    let date = state.article(id).and_then(|a| a.date).map(|d| d.date);
                    effects.push(Effect::Search(SearchRequest::Open { article: id, date }));
                }
            }
            None => {
                state.reader.article = None;
                state.reader.open = None;
                state.reader.lines.clear();
            }
        }
    }
    // Places in the history follow their articles, which a removal may have moved to another
    // id; the places of removed articles are gone.
    state.timeline.wanted = event.and_then(|(id, start)| Some((moved(id)?, start)));
    // The rows name the old ids: the event of a removed article must not be picked up from
    // them when the timeline is asked for again.
    state.timeline.rows = Default::default();
    for place in state.history.back.iter_mut().chain(state.history.forward.iter_mut()) {
        place.selected = place.selected.and_then(moved);
        place.reader = place.reader.and_then(|(id, scroll)| Some((moved(id)?, scroll)));
        place.event = place.event.and_then(|(id, start)| Some((moved(id)?, start)));
        place.related = place.related.and_then(|(id, selected)| Some((moved(id)?, selected)));
    }
    effects.extend(rebuild_corpus_views(state, built_from));
    tell(state, refresh.change);
    if state.filter.applied.is_some() {
        effects.extend(run_filter(state));
    }
    if state.reader.article.is_none() {
        effects.extend(preview_selected(state));
    }
    effects.extend(sentence_requests(state));
    effects
}

/// Starts or stops following the corpus's folders.
pub(super) fn toggle_watch(state: &mut AppState) -> Vec<Effect> {
    if state.roots.is_empty() {
        state.message = Some("the bundled seeds are not a folder to watch".to_string());
        return Vec::new();
    }
    state.watching = !state.watching;
    state.message = Some(
        if state.watching {
            "watching the folder: new, changed and removed files are taken in as they happen"
        } else {
            "stopped watching the folder"
        }
        .to_string(),
    );
    vec![Effect::Watch(state.watching)]
}

/// Tells the change in the status bar, with those told before it while the status bar has
/// said nothing else since (the user did nothing in between).
fn tell(state: &mut AppState, change: crate::app::protocol::CorpusChange) {
    let told =
        state.changes_told.take().filter(|told| state.message.as_deref() == Some(told.describe().as_str()));
    let change = told.map_or(change, |told| told.and(change));
    state.message = Some(change.describe());
    state.changes_told = Some(change);
}

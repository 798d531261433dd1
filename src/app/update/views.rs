//! The views built from the corpus: list rows, timeline rows, entity counts, related articles.

use super::*;
use crate::analysis::timeline::{Rows, TimelineEvent};
use crate::app::tables::{PreviousTimeline, Summaries};
use crate::app::timeline_rows::RowsWanted;
use crate::corpus::Places;

/// Timeline rows around the selection whose sentences may be on screen.
pub(super) const SENTENCES_AROUND: usize = 80;

/// Fetched sentences kept; past this the cache starts over.
pub(super) const SENTENCES_KEPT: usize = 4_000;

/// Asks the worker for the sentences of the timeline rows near the selection that are not at
/// hand: texts are not held in memory, so the timeline fetches what it may show.
pub(super) fn sentence_requests(state: &mut AppState) -> Vec<Effect> {
    if state.timeline.rows.is_empty() {
        return Vec::new();
    }
    if state.timeline.sentences.len() > SENTENCES_KEPT {
        state.timeline.sentences.clear();
        state.timeline.requested.clear();
    }
    let from = state.timeline.selected.saturating_sub(SENTENCES_AROUND);
    let to = (state.timeline.selected + SENTENCES_AROUND).min(state.timeline.rows.len());
    let mut wanted = Vec::new();
    let timeline = &mut state.timeline;
    for row in from..to {
        let Some(e) = timeline.rows.get(row).and_then(|i| timeline.events.get(i as usize)) else { continue };
        let key = e.key();
        if timeline.sentences.contains_key(&key) {
            continue;
        }
        let Some(dated) = state.summaries.get(e.article as usize).and_then(|s| e.dated(s)) else { continue };
        if timeline.requested.insert(key) {
            wanted.push((e.article, dated.sentence.clone()));
        }
    }
    if wanted.is_empty() { Vec::new() } else { vec![Effect::Search(SearchRequest::Sentences(wanted))] }
}

pub(super) fn show_related(state: &mut AppState) -> Vec<Effect> {
    state.side = Side::Related;
    state.focus = Pane::Side;
    match state.reader.article.or_else(|| state.selected_article()) {
        Some(id) => relate(state, id),
        None => Vec::new(),
    }
}

/// Asks for the articles related to `id`, unless they are the ones shown.
pub fn relate(state: &mut AppState, id: u32) -> Vec<Effect> {
    if state.related.article == Some(id) {
        return Vec::new();
    }
    state.related.article = Some(id);
    state.related.items.clear();
    state.related.selected = 0;
    state.related.pending = true;
    vec![Effect::Search(SearchRequest::Related { article: id })]
}

pub(super) fn narrow_timeline(state: &mut AppState) -> Vec<Effect> {
    state.timeline.scope = match (&state.timeline.scope, state.side, state.focus) {
        (TimelineScope::All, Side::Entities, Pane::Side) => match state.selected_entity() {
            Some(e) => TimelineScope::Entity(e.name.clone()),
            None => TimelineScope::All,
        },
        (TimelineScope::All, _, _) => match state.reader.article.or_else(|| state.selected_article()) {
            Some(id) => TimelineScope::Article(id),
            None => TimelineScope::All,
        },
        _ => TimelineScope::All,
    };
    state.side = Side::Timeline;
    state.focus = Pane::Side;
    let scope = state.timeline.scope.clone();
    scope_timeline(state, scope)
}

/// The row of the first event in the years that hold most events.
fn first_in_dense_span(state: &AppState) -> usize {
    let shown = state.timeline.shown_in_order();
    match shown.dense_years() {
        Some((first, _)) => chrono::NaiveDate::from_ymd_opt(first, 1, 1).map_or(0, |d| shown.before(d)),
        None => 0,
    }
}

/// Shows the timeline of `scope` (the whole corpus, one article or one entity) from its start.
#[must_use = "the rows are asked of the tables thread: the effects carry the request"]
pub fn scope_timeline(state: &mut AppState, scope: TimelineScope) -> Vec<Effect> {
    state.timeline.scope = scope;
    state.timeline.selected = 0;
    refilter_timeline(state)
}

/// Recomputes the list rows from the articles, the filter and the sort key, keeping the
/// selected article selected.
pub(crate) fn rebuild_rows(state: &mut AppState) {
    let keep = state.list.wanted.take().or_else(|| state.selected_article());
    let filtered = state.filter.applied_matches();
    let n = state.articles.len();
    let mut rows: Vec<u32> = match (state.list.sort, filtered) {
        // The worker ranks the matches; the list shows them in that order.
        (SortKey::Relevance, Some(matches)) => {
            matches.ranked().iter().copied().filter(|&id| (id as usize) < n).collect()
        }
        (sort, filtered) => {
            // The whole corpus in this order is kept until the articles change, so that a
            // filter picks its rows in one pass instead of sorting them.
            if state.list.order.as_ref().is_none_or(|(key, _)| *key != sort) {
                state.list.order = Some((sort, corpus_order(&state.articles, &state.places, sort)));
            }
            let order = state.list.order.as_ref().map_or(&[][..], |(_, order)| order.as_slice());
            order.iter().copied().filter(|&id| filtered.is_none_or(|m| m.contains(id))).collect()
        }
    };
    if state.list.marked_only {
        rows.retain(|&id| state.mark_key(id).is_some_and(|k| state.marks.is_marked(&k)));
    }
    state.list.rows = rows;
    state.list.selected = keep
        .and_then(|id| state.list.rows.iter().position(|&r| r == id))
        .unwrap_or(0)
        .min(state.list.rows.len().saturating_sub(1));
}

/// Every article's id in the list's order: newest first (undated last), or by title; ties by
/// the articles' places in the folder's order.
fn corpus_order(articles: &[Arc<crate::corpus::Article>], places: &Places, sort: SortKey) -> Vec<u32> {
    match sort {
        SortKey::Date | SortKey::Relevance => {
            // One integer per article, sorted by radix: comparing the articles' dates took
            // 0.2 s of the interface thread at a million articles.
            let mut keys: Vec<u64> =
                articles.iter().zip(0u32..).map(|(a, id)| newest_first(a, places.of(id))).collect();
            radsort::sort(&mut keys);
            keys.into_iter().map(|key| places.id_at(key as u32)).collect()
        }
        SortKey::Title => {
            let mut ids: Vec<u32> = (0..articles.len() as u32).collect();
            ids.sort_by_cached_key(|&id| (articles[id as usize].title.to_lowercase(), places.of(id)));
            ids
        }
    }
}

/// An article's place in date order as one integer: the newer the smaller, the undated last,
/// ties by its place in the folder's order (in the low half).
fn newest_first(article: &crate::corpus::Article, place: u32) -> u64 {
    use chrono::Datelike;
    // Days since the common era, shifted so that their order is the order of unsigned numbers.
    let day = |d: chrono::NaiveDate| (d.num_days_from_ce() as u32) ^ (1 << 31);
    let day_place = article.date.map_or(u32::MAX, |d| (u32::MAX - 1).saturating_sub(day(d.date)));
    (u64::from(day_place) << 32) | u64::from(place)
}

/// Asks the tables thread for the timeline's events, built again from the summaries. Only a
/// change of the summaries needs this: placing every event of a million articles takes half a
/// second or more. The old events leave the state at once, the selected one remembered: kept
/// until the new ones come, they would double the memory the timeline takes at its peak (30 MB
/// at 100,000 articles, 300 MB at a million), and after files were removed they would name the
/// wrong articles. A changed corpus's are handed to the tables thread to be brought up to date
/// ([`request_timeline_after`]).
pub(crate) fn request_timeline(state: &mut AppState) -> Vec<Effect> {
    request_timeline_after(state, None)
}

/// [`request_timeline`] for a corpus that changed: `before`, the summaries the events shown
/// were built from, if they were (the events are then brought up to date, not built again).
pub(crate) fn request_timeline_after(state: &mut AppState, before: Option<Summaries>) -> Vec<Effect> {
    if state.timeline.wanted.is_none() {
        state.timeline.wanted = state.selected_event().map(|e| e.key());
    }
    let events = std::mem::take(&mut state.timeline.events);
    let before = before.map(|summaries| PreviousTimeline { events, summaries });
    state.timeline.rows = Rows::default();
    state.timeline.generation += 1;
    // Rows picked from the old events would name the wrong ones.
    state.timeline.rows_generation += 1;
    state.timeline.picking = false;
    state.timeline.building = true;
    vec![Effect::Table(TableRequest::Timeline {
        generation: state.timeline.generation,
        summaries: Arc::clone(&state.summaries),
        places: state.places.clone(),
        before,
    })]
}

/// Takes in the timeline's events, then asks for its rows; the selection stays on its event
/// (the one remembered when the build was asked for).
fn timeline_built(state: &mut AppState, events: Vec<TimelineEvent>) -> Vec<Effect> {
    state.timeline.events = Arc::new(events);
    state.timeline.building = false;
    request_rows(state)
}

/// Asks for the timeline's rows again (a new filter or scope needs this), the selected event
/// to stay selected. The rows shown until they come are still right for the events.
#[must_use = "the rows are asked of the tables thread: the effects carry the request"]
pub(crate) fn refilter_timeline(state: &mut AppState) -> Vec<Effect> {
    // Being built, the events are not here yet; their rows are asked for once they come.
    if state.timeline.building {
        return Vec::new();
    }
    request_rows(state)
}

/// Asks for the rows, or takes them at once when nothing filters the timeline: at a million
/// articles a reopened corpus's timeline showed a fifth of a second later when its rows waited
/// behind the entity table's count.
fn request_rows(state: &mut AppState) -> Vec<Effect> {
    state.timeline.rows_generation += 1;
    let wanted = RowsWanted {
        events: Arc::clone(&state.timeline.events),
        summaries: Arc::clone(&state.summaries),
        places: state.places.clone(),
        matches: state.filter.shared_matches().cloned(),
        scope: state.timeline.scope.clone(),
    };
    if let Some(rows) = crate::app::timeline_rows::at_once(&wanted) {
        return rows_picked(state, rows);
    }
    state.timeline.picking = true;
    vec![Effect::Table(TableRequest::Rows { generation: state.timeline.rows_generation, wanted })]
}

/// Takes in the rows. The selection goes to the event wanted, if one is, or else stays on the
/// event it was on: the rows are in the events' order, so that one is found by binary search.
fn rows_picked(state: &mut AppState, rows: Rows) -> Vec<Effect> {
    let keep = state.timeline.rows.get(state.timeline.selected);
    state.timeline.rows = rows;
    state.timeline.picking = false;
    let wanted = state.timeline.wanted.take();
    let timeline = &state.timeline;
    if let Some(row) = wanted.and_then(|k| row_of_event(timeline, &state.summaries, &state.places, k)) {
        state.timeline.selected = row;
    } else if let Some(Ok(row)) = keep.map(|k| timeline.rows.find(k)) {
        state.timeline.selected = row;
    }
    settle_timeline_selection(state);
    sentence_requests(state)
}

/// The first row that shows the event of `(article, sentence start)`: found where it stands in
/// the timeline's order, or, if its article's summary changed since the events were built
/// (its dates with it), looked for event by event.
fn row_of_event(
    timeline: &crate::app::TimelineState,
    summaries: &[Arc<crate::analysis::Summary>],
    places: &Places,
    key: (u32, u32),
) -> Option<usize> {
    timeline.row_in_order(summaries, places, key).or_else(|| timeline.shown().position(|e| e.key() == key))
}

fn settle_timeline_selection(state: &mut AppState) {
    state.timeline.selected = state.timeline.selected.min(state.timeline.rows.len().saturating_sub(1));
    if !state.timeline.touched {
        state.timeline.selected = first_in_dense_span(state);
    }
}

/// Asks the tables thread for the entity table of the articles the filter lets through (with
/// `names`, also the corpus's articles per name). The pane keeps showing the table it has
/// until the answer comes.
pub(crate) fn request_entities(state: &mut AppState, names: bool) -> Vec<Effect> {
    state.entities.table_generation += 1;
    state.entities.counting = true;
    vec![Effect::Table(TableRequest::Entities {
        generation: state.entities.table_generation,
        summaries: Arc::clone(&state.summaries),
        within: state.filter.applied_matches().map(|m| m.ids().clone()),
        names,
    })]
}

/// Takes in a counted entity table; the selection stays on its entity.
pub(super) fn entities_counted(state: &mut AppState, table: Vec<EntityStat>) -> Vec<Effect> {
    let keep = state.selected_entity().map(|e| (e.name.clone(), e.kind));
    state.entities.corpus = table;
    state.entities.counting = false;
    // Counted for another filter or corpus: the companions shown were too, and go; they are
    // asked for again.
    state.entities.seen_asked = None;
    state.entities.cooccurring_for = None;
    rebuild_entity_rows(state, keep)
}

/// The rows of the entity pane: the entities whose name has a word beginning with what was
/// typed, of the open article only if so switched; the selection stays on its entity.
pub(super) fn rebuild_entity_rows(
    state: &mut AppState,
    keep: Option<(String, crate::analysis::EntityKind)>,
) -> Vec<Effect> {
    let wanted = state.entities.prompt.text.trim().to_lowercase();
    let in_article: Option<HashSet<(&str, crate::analysis::EntityKind)>> = state
        .entities
        .article_only
        .then(|| state.reader.article.and_then(|id| state.summary(id)))
        .map(|s| s.map(|s| s.entities.iter().map(|e| (&*e.name, e.kind)).collect()).unwrap_or_default());
    let rows: Vec<usize> = state
        .entities
        .corpus
        .iter()
        .enumerate()
        .filter(|(_, e)| in_article.as_ref().is_none_or(|names| names.contains(&(e.name.as_str(), e.kind))))
        .filter(|(_, e)| {
            wanted.is_empty()
                || e.name.to_lowercase().contains(&wanted)
                || e.name.split_whitespace().any(|w| w.to_lowercase().starts_with(&wanted))
        })
        .map(|(i, _)| i)
        .collect();
    state.entities.rows = rows;
    let corpus = &state.entities.corpus;
    state.entities.selected = keep
        .and_then(|(name, kind)| {
            state.entities.rows.iter().position(|&i| corpus[i].name == name && corpus[i].kind == kind)
        })
        .unwrap_or(0)
        .min(state.entities.rows.len().saturating_sub(1));
    cooccurring(state)
}

/// Asks for the entities found in the same articles as the selected one, unless they were
/// asked for already or the entity pane is not shown; what was shown for another entity goes
/// at once.
pub(super) fn cooccurring(state: &mut AppState) -> Vec<Effect> {
    // Hidden, nobody reads them, and at a million articles they cost a reopen, and each change
    // of a watched folder, about 0.1 s of a core; showing the pane counts its table again, and
    // the answer asks for them.
    if state.side != Side::Entities {
        return Vec::new();
    }
    let Some(entity) = state.selected_entity().map(|e| (e.name.clone(), e.kind)) else {
        state.entities.cooccurring = Vec::new();
        state.entities.seen_asked = None;
        return Vec::new();
    };
    // Typing in the pane's search keeps the selection on an entity more often than not.
    if state.entities.seen_asked.as_ref() == Some(&entity) {
        return Vec::new();
    }
    state.entities.seen_asked = Some(entity.clone());
    if state.entities.cooccurring_for.as_ref() != Some(&entity) {
        state.entities.cooccurring = Vec::new();
        state.entities.cooccurring_for = None;
    }
    state.entities.seen_generation += 1;
    vec![Effect::Table(TableRequest::SeenWith {
        generation: state.entities.seen_generation,
        summaries: Arc::clone(&state.summaries),
        within: state.filter.applied_matches().map(|m| m.ids().clone()),
        entity,
    })]
}

/// Takes in the tables thread's answers that are still wanted.
pub(super) fn tables_answer(state: &mut AppState, response: TableResponse) -> Vec<Effect> {
    match response {
        // An older build is dropped: the newer one is on its way.
        TableResponse::Timeline { generation, events } => {
            if generation == state.timeline.generation {
                return timeline_built(state, events);
            }
        }
        TableResponse::Rows { generation, rows } => {
            if generation == state.timeline.rows_generation {
                return rows_picked(state, rows);
            }
        }
        TableResponse::Entities { generation, table, articles_with } => {
            if let Some(counts) = articles_with {
                state.entities.articles_with = counts;
            }
            if generation == state.entities.table_generation {
                return entities_counted(state, table);
            }
        }
        TableResponse::SeenWith { generation, entity, names } => {
            if generation == state.entities.seen_generation {
                state.entities.cooccurring = names;
                state.entities.cooccurring_for = Some(entity);
            }
        }
        TableResponse::Failed(message) => {
            state.entities.counting = false;
            state.timeline.building = false;
            state.timeline.picking = false;
            state.message = Some(message);
        }
    }
    Vec::new()
}

/// The entity a user means by `query`: its name, an alias the corpus knows ("Blinken"), or a
/// word of one name only ("Kishida"), case aside. The most widespread wins a tie.
pub fn find_entity(state: &AppState, query: &str) -> Option<String> {
    let wanted = query.trim().to_lowercase();
    // How many articles name each name: counted once the corpus is loaded.
    let articles = &state.entities.articles_with;
    let best = |names: &mut dyn Iterator<Item = &str>| {
        names
            .max_by_key(|n| (articles.get(*n).copied().unwrap_or(0), std::cmp::Reverse(*n)))
            .map(str::to_string)
    };
    if let Some(exact) = best(&mut articles.keys().map(String::as_str).filter(|n| n.to_lowercase() == wanted))
    {
        return Some(exact);
    }
    if let Some(full) = state.renames.iter().find(|((_, short), _)| short.to_lowercase() == wanted) {
        return Some(full.1.to_string());
    }
    let mut by_word = articles
        .keys()
        .map(String::as_str)
        .filter(|n| n.split_whitespace().any(|w| w.to_lowercase() == wanted));
    best(&mut by_word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, ArticleDate, DateSource};
    use chrono::NaiveDate;

    #[test]
    fn the_date_order_is_newest_first_undated_last_and_ties_by_place() {
        let seed = crate::corpus::seeds::articles().remove(0);
        let dates = [
            Some((2022, 7, 29)),
            None,
            Some((1997, 1, 2)),
            Some((2022, 7, 29)),
            Some((-44, 3, 15)),
            None,
            Some((2030, 1, 1)),
            Some((1, 1, 1)),
        ];
        let articles: Vec<Arc<Article>> = dates
            .iter()
            .zip(0u32..)
            .map(|(day, id)| {
                let date = day.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
                let date = date.map(|date| ArticleDate { date, from: DateSource::Metadata });
                Arc::new(Article { id, date, ..seed.clone() })
            })
            .collect();
        let mut expected: Vec<u32> = (0..articles.len() as u32).collect();
        expected.sort_by_key(|&id| (std::cmp::Reverse(articles[id as usize].date.map(|d| d.date)), id));
        assert_eq!(expected, [6, 0, 3, 2, 7, 4, 1, 5], "the comparison this order stands for");
        assert_eq!(corpus_order(&articles, &Places::default(), SortKey::Date), expected);
        // After an update whose ids run against the folder's order, ties follow the folder.
        let places = Places::ordered_by(&(0..8).rev().collect::<Vec<u32>>());
        assert_eq!(corpus_order(&articles, &places, SortKey::Date), [6, 3, 0, 2, 7, 4, 5, 1]);
    }
}

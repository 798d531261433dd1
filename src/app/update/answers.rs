//! Taking in the search worker's answers; answers to questions no longer asked are dropped.

use super::*;
use crate::analysis::related::{Rarity, rank};

/// Related articles listed.
pub(super) const RELATED_SHOWN: usize = 50;

pub(super) fn search_response(state: &mut AppState, response: SearchResponse) -> Vec<Effect> {
    match response {
        SearchResponse::Filtered { generation, query, result } => {
            if generation != state.filter.generation {
                return Vec::new();
            }
            match result {
                Ok(found) => {
                    state.filter.applied = Some(query);
                    state.filter.error = None;
                    state.filter.matches = Arc::new(Matches::new(found.hits, &state.places));
                    state.filter.word_counts = Default::default();
                    state.filter.entities = found.entities;
                    state.filter.notes = found.notes;
                    refresh_hits(state);
                    rebuild_rows(state);
                    let mut effects = refilter_timeline(state);
                    if state.side == Side::Entities {
                        effects.extend(request_entities(state, false));
                    }
                    // While the user is in the list, the reader follows its selection; an
                    // article that stays asks for the new query's hits.
                    let shown = state.reader.article;
                    if state.focus == Pane::List || state.filter.editing {
                        effects.extend(preview_selected(state));
                    }
                    if state.reader.article == shown {
                        effects.extend(highlight_request(state));
                    }
                    return effects;
                }
                Err(message) => state.filter.error = Some(message),
            }
        }
        SearchResponse::Counted { generation, counts } => {
            if generation == state.filter.generation {
                state.filter.word_counts = counts;
            }
        }
        SearchResponse::Highlighted { generation, article, ranges, title_ranges } => {
            if generation == state.filter.generation && state.reader.article == Some(article) {
                state.reader.word_hits = ranges;
                state.reader.title_hits = title_ranges;
                state.reader.hit_cursor = None;
                refresh_hits(state);
            }
        }
        SearchResponse::Related { article, hits } => {
            if state.related.article != Some(article) {
                return Vec::new();
            }
            let Some(base) = state.summaries.get(article as usize).cloned() else {
                return Vec::new();
            };
            let summaries = &state.summaries;
            let hits: Vec<(u32, f32)> = hits.iter().map(|h| (h.id, h.score)).collect();
            let counts = &state.entities.articles_with;
            let articles_with = |name: &str| counts.get(name).copied().unwrap_or(1) as usize;
            let rarity = Rarity { articles_with: &articles_with, articles: state.articles.len() };
            state.related.items =
                rank(&base, &hits, |id| summaries.get(id as usize).map(Arc::as_ref), &rarity, RELATED_SHOWN);
            state.related.selected = state.related.selected.min(state.related.items.len().saturating_sub(1));
            state.related.pending = false;
        }
        SearchResponse::Opened { article, result } => {
            if state.reader.article != Some(article) {
                return Vec::new();
            }
            match result {
                Ok((text, analysis)) => {
                    let analysis = identity::renamed(&state.renames, &analysis);
                    opened(state, OpenArticle { id: article, text, analysis });
                }
                // Not committed yet: asked for again when the index catches up.
                Err(_) if (article as usize) >= state.progress.indexed => {}
                Err(message) => state.message = Some(message),
            }
        }
        SearchResponse::Failed { message, damaged } => {
            if damaged {
                forget_corpus(state);
                state.message = Some(format!("{message}: the index is damaged, loading the corpus again"));
                return vec![Effect::Reload];
            }
            state.message = Some(message);
        }
        SearchResponse::Sentences(found) => {
            for (key, sentence) in found {
                state.timeline.requested.remove(&key);
                state.timeline.sentences.insert(key, sentence);
            }
        }
    }
    Vec::new()
}

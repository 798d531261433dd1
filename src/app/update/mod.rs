//! `update` and `receive`: the only places the state changes. Neither does I/O; work for the
//! search worker goes out as [`Effect`]s.

use std::collections::HashSet;
use std::sync::Arc;

use super::protocol::{Effect, Incoming, PipelineEvent, SearchRequest, SearchResponse};
use super::tables::{TableRequest, TableResponse};
use super::{
    Action, AppState, EntityStat, Location, Matches, OpenArticle, Pane, Side, SortKey, TimelineScope,
};
use crate::analysis::identity;
use crate::app::wrap;

mod answers;
mod filter;
mod history;
mod loading;
mod navigation;
mod out;
mod reader;
mod views;

use answers::*;
use filter::*;
use history::*;
use loading::*;
use navigation::*;
use out::*;
use reader::*;
use views::*;

pub use filter::entity_query;
pub use views::{find_entity, relate, scope_timeline};

pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    let mut effects = apply_action(state, action);
    settle(state, &mut effects);
    effects
}

pub fn receive(state: &mut AppState, incoming: Incoming) -> Vec<Effect> {
    let mut effects = take_in(state, incoming);
    settle(state, &mut effects);
    effects
}

/// What follows any change: the timeline's sentences that may come into view are asked for,
/// and the list or side pane focused last is remembered for the layout.
fn settle(state: &mut AppState, effects: &mut Vec<Effect>) {
    if matches!(state.focus, Pane::List | Pane::Side) {
        state.upper = state.focus;
    }
    effects.extend(sentence_requests(state));
}

/// Help rows scrolled by a page key.
const HELP_PAGE: usize = 10;

fn apply_action(state: &mut AppState, action: Action) -> Vec<Effect> {
    if state.help && !matches!(action, Action::Quit) {
        match action {
            Action::ToggleHelp | Action::ClearFilter | Action::Back => state.help = false,
            Action::Up => state.help_scroll = state.help_scroll.saturating_sub(1),
            Action::Down => state.help_scroll += 1,
            Action::PageUp => state.help_scroll = state.help_scroll.saturating_sub(HELP_PAGE),
            Action::PageDown => state.help_scroll += HELP_PAGE,
            Action::Top => state.help_scroll = 0,
            _ => {}
        }
        return Vec::new();
    }
    if state.filter.editing {
        return match action {
            Action::Open => submit_filter(state),
            Action::ClearFilter => clear_filter(state),
            Action::Edit(edit) if state.filter.prompt.edit(edit) => run_filter(state),
            _ => Vec::new(),
        };
    }
    if let Some(ask) = &mut state.ask {
        match action {
            Action::Open => return answer(state),
            Action::ClearFilter => state.ask = None,
            Action::Edit(edit) => {
                ask.prompt.edit(edit);
            }
            _ => {}
        }
        return Vec::new();
    }
    if state.entities.editing {
        match action {
            Action::Open => state.entities.editing = false,
            Action::ClearFilter => {
                state.entities.editing = false;
                state.entities.prompt.start("");
                return rebuild_entity_rows(state, None);
            }
            Action::Edit(edit) if state.entities.prompt.edit(edit) => {
                return rebuild_entity_rows(state, None);
            }
            _ => {}
        }
        return Vec::new();
    }
    state.message = None;
    match action {
        Action::ToggleHelp => {
            state.help = true;
            state.help_scroll = 0;
        }
        Action::Zoom => state.zoomed = !state.zoomed,
        Action::Mark => return mark(state),
        Action::MarkedOnly => marked_only(state),
        Action::Note => ask_note(state),
        Action::Copy => return copy(state),
        Action::OpenLink => return open_link(state),
        Action::OpenInPager => return open_file(state, false),
        Action::OpenInEditor => return open_file(state, true),
        Action::Export => ask_export(state),
        Action::ToggleWatch => return toggle_watch(state),
        Action::ArticleEntities if state.side == Side::Entities => {
            state.entities.article_only = !state.entities.article_only;
            let keep = state.selected_entity().map(|e| (e.name.clone(), e.kind));
            return rebuild_entity_rows(state, keep);
        }
        Action::ArticleEntities => {}
        Action::StartFilter if state.focus == Pane::Side && state.side == Side::Entities => {
            state.entities.editing = true;
            let typed = state.entities.prompt.text.clone();
            state.entities.prompt.start(&typed);
        }
        Action::ClearFilter if state.zoomed => state.zoomed = false,
        Action::ClearFilter
            if state.side == Side::Entities
                && !state.entities.prompt.text.is_empty()
                && state.focus == Pane::Side =>
        {
            state.entities.prompt.start("");
            return rebuild_entity_rows(state, None);
        }
        Action::Quit => state.quit = true,
        Action::FocusNext => state.focus = cycle_focus(state.focus, true),
        Action::FocusPrev => state.focus = cycle_focus(state.focus, false),
        Action::Up => return move_by(state, -1),
        Action::Down => return move_by(state, 1),
        Action::PageUp => return move_by(state, -(page(state) as isize)),
        Action::PageDown => return move_by(state, page(state) as isize),
        Action::Top => return move_by(state, isize::MIN / 2),
        Action::Bottom => return move_by(state, isize::MAX / 2),
        Action::Open => return open(state),
        Action::Back => return go_back(state),
        Action::Forward => return go_forward(state),
        Action::StartFilter => {
            state.filter.before = Some(current_location(state));
            state.filter.editing = true;
            let applied = state.filter.applied.clone().unwrap_or_default();
            state.filter.prompt.start(&applied);
        }
        Action::ClearFilter => {
            if state.filter.applied.is_some() {
                return clear_filter(state);
            }
        }
        Action::ShowRelated => return show_related(state),
        Action::ShowEntities => {
            state.side = Side::Entities;
            state.focus = Pane::Side;
            return request_entities(state, false);
        }
        Action::ShowTimeline => {
            state.side = Side::Timeline;
            state.focus = Pane::Side;
        }
        Action::ShowSkipped => {
            state.side = Side::Skipped;
            state.focus = Pane::Side;
        }
        Action::NextHit => jump_hit(state, true),
        Action::PrevHit => jump_hit(state, false),
        Action::NextEntity => jump_entity(state, true),
        Action::PrevEntity => jump_entity(state, false),
        Action::CycleSort => {
            state.list.sort = match state.list.sort {
                SortKey::Date => SortKey::Title,
                SortKey::Title if state.filter.applied.is_some() => SortKey::Relevance,
                SortKey::Title | SortKey::Relevance => SortKey::Date,
            };
            rebuild_rows(state);
        }
        Action::NarrowTimeline => return narrow_timeline(state),
        Action::ZoomIn => state.timeline.zoom = state.timeline.zoom.finer(),
        Action::ZoomOut => state.timeline.zoom = state.timeline.zoom.coarser(),
        // Editing keys do nothing outside the prompt.
        Action::Edit(_) => {}
        Action::ToggleKind(kind) => {
            if !state.reader.hidden.remove(&kind) {
                state.reader.hidden.insert(kind);
            }
            state.reader.entity_cursor = None;
        }
    }
    Vec::new()
}

fn take_in(state: &mut AppState, incoming: Incoming) -> Vec<Effect> {
    match incoming {
        Incoming::Pipeline(event) => return pipeline_event(state, event),
        Incoming::Search(response) => return search_response(state, response),
        Incoming::Table(response) => return tables_answer(state, response),
        Incoming::Resize { width, height } => {
            if width != state.reader.width {
                let anchor = state.reader.lines.get(state.reader.scroll).map(|l| l.start);
                state.reader.width = width;
                rewrap(state);
                if let Some(pos) = anchor {
                    state.reader.scroll = wrap::line_of(&state.reader.lines, pos);
                }
            }
            state.reader.height = height.max(1);
        }
        Incoming::Mouse { pane, step, row } => {
            state.focus = pane;
            if let Some(row) = row.filter(|&r| r < state.list.rows.len()) {
                state.list.selected = row;
                return preview_selected(state);
            }
            if step != 0 {
                return move_by(state, step);
            }
        }
        Incoming::PromptChar(c) if state.filter.editing => {
            state.filter.prompt.insert(c.encode_utf8(&mut [0; 4]));
            return run_filter(state);
        }
        Incoming::PromptPaste(text) if state.filter.editing => {
            // A pasted line ends the query at its first line break.
            let line: String =
                text.lines().next().unwrap_or("").chars().filter(|c| !c.is_control()).collect();
            state.filter.prompt.insert(&line);
            return run_filter(state);
        }
        Incoming::PromptChar(c) if state.ask.is_some() => {
            if let Some(ask) = &mut state.ask {
                ask.prompt.insert(c.encode_utf8(&mut [0; 4]));
            }
        }
        Incoming::PromptPaste(text) if state.ask.is_some() => {
            if let Some(ask) = &mut state.ask {
                ask.prompt.insert(text.lines().next().unwrap_or("").trim());
            }
        }
        Incoming::Marks(marks) => {
            state.marks = marks;
            if state.list.marked_only {
                rebuild_rows(state);
            }
        }
        Incoming::Notice(message) => state.message = Some(message),
        Incoming::PromptChar(c) if state.entities.editing => {
            state.entities.prompt.insert(c.encode_utf8(&mut [0; 4]));
            return rebuild_entity_rows(state, None);
        }
        Incoming::PromptPaste(text) if state.entities.editing => {
            state.entities.prompt.insert(text.lines().next().unwrap_or("").trim());
            return rebuild_entity_rows(state, None);
        }
        Incoming::PromptChar(_) | Incoming::PromptPaste(_) => {}
        Incoming::History(queries) => state.filter.prompt.history = queries,
    }
    Vec::new()
}

//! Every command a user can bind to a key, with the words the help overlay shows.

use super::Edit;
use crate::analysis::EntityKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    ToggleHelp,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    Forward,
    StartFilter,
    ClearFilter,
    ShowRelated,
    ShowEntities,
    ShowTimeline,
    ShowSkipped,
    NextHit,
    PrevHit,
    NextEntity,
    PrevEntity,
    CycleSort,
    NarrowTimeline,
    ZoomIn,
    ZoomOut,
    /// The focused pane takes the whole screen, or gives it back.
    Zoom,
    /// The entity pane: the open article's entities, or the corpus's.
    ArticleEntities,
    ToggleKind(EntityKind),
    /// An editing step in the filter prompt.
    Edit(Edit),
}

impl Action {
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ToggleHelp => "this help",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Open => "open / filter by entity",
            Action::Back => "back",
            Action::Forward => "forward",
            Action::StartFilter => "filter (in entities: find)",
            Action::ClearFilter => "clear the filter",
            Action::ShowRelated => "related articles",
            Action::ShowEntities => "entities",
            Action::ShowTimeline => "timeline",
            Action::ShowSkipped => "skipped files",
            Action::NextHit => "next hit",
            Action::PrevHit => "previous hit",
            Action::NextEntity => "next entity",
            Action::PrevEntity => "previous entity",
            Action::CycleSort => "sort: date, title, score",
            Action::NarrowTimeline => "timeline of this only",
            Action::ZoomIn => "histogram: finer",
            Action::ZoomOut => "histogram: coarser",
            Action::Zoom => "whole screen / back",
            Action::ArticleEntities => "this article's / all",
            Action::ToggleKind(EntityKind::Person) => "show/hide people",
            Action::ToggleKind(EntityKind::Organization) => "show/hide organizations",
            Action::ToggleKind(EntityKind::Place) => "show/hide places",
            Action::ToggleKind(EntityKind::Nationality) => "show/hide nationalities",
            Action::ToggleKind(EntityKind::Money) => "show/hide money",
            Action::ToggleKind(EntityKind::Percent) => "show/hide percentages",
            Action::ToggleKind(EntityKind::Quantity) => "show/hide quantities",
            Action::Edit(Edit::Left) => "cursor left",
            Action::Edit(Edit::Right) => "cursor right",
            Action::Edit(Edit::WordLeft) => "word left",
            Action::Edit(Edit::WordRight) => "word right",
            Action::Edit(Edit::Home) => "start of line",
            Action::Edit(Edit::End) => "end of line",
            Action::Edit(Edit::DeleteBack) => "delete back",
            Action::Edit(Edit::DeleteForward) => "delete forward",
            Action::Edit(Edit::DeleteWordBack) => "delete word",
            Action::Edit(Edit::DeleteToStart) => "delete to start",
            Action::Edit(Edit::Older) => "earlier query",
            Action::Edit(Edit::Newer) => "later query",
        }
    }

    /// The short word used in the status bar hints.
    pub fn hint(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ToggleHelp => "help",
            Action::StartFilter => "filter",
            Action::Open => "open",
            Action::Back => "back",
            Action::ShowRelated => "related",
            Action::ShowEntities => "entities",
            Action::ShowTimeline => "timeline",
            Action::NextHit => "hit",
            Action::NextEntity => "entity",
            Action::CycleSort => "sort",
            Action::NarrowTimeline => "only this",
            Action::FocusNext => "pane",
            Action::Zoom => "zoom",
            Action::ZoomIn => "finer",
            Action::ZoomOut => "coarser",
            Action::ArticleEntities => "article/all",
            Action::ClearFilter => "clear",
            Action::Edit(Edit::Older) => "history",
            _ => self.description(),
        }
    }
}

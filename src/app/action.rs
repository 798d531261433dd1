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
    ToggleKind(EntityKind),
    /// An editing step in the filter prompt.
    Edit(Edit),
}

impl Action {
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ToggleHelp => "show or hide this help",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::Up => "move up / scroll up",
            Action::Down => "move down / scroll down",
            Action::Top => "go to the top",
            Action::Bottom => "go to the bottom",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Open => "open the article, event or entity",
            Action::Back => "go back",
            Action::Forward => "go forward",
            Action::StartFilter => {
                "filter (tantivy syntax: words, \"phrase\", AND/OR/NOT, field:term, word~)"
            }
            Action::ClearFilter => "clear the filter / close the prompt",
            Action::ShowRelated => "related articles",
            Action::ShowEntities => "entities of the corpus and article",
            Action::ShowTimeline => "timeline",
            Action::ShowSkipped => "files that were skipped, and why",
            Action::NextHit => "next search hit",
            Action::PrevHit => "previous search hit",
            Action::NextEntity => "next entity in the reader",
            Action::PrevEntity => "previous entity in the reader",
            Action::CycleSort => "sort by date, title or relevance",
            Action::NarrowTimeline => "timeline: only this article or entity / all",
            Action::ZoomIn => "timeline histogram: years → months → days",
            Action::ZoomOut => "timeline histogram: days → months → years",
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
            Action::Edit(Edit::Home) => "start of the line",
            Action::Edit(Edit::End) => "end of the line",
            Action::Edit(Edit::DeleteBack) => "delete before the cursor",
            Action::Edit(Edit::DeleteForward) => "delete under the cursor",
            Action::Edit(Edit::DeleteWordBack) => "delete the word before",
            Action::Edit(Edit::DeleteToStart) => "delete to the start",
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
            Action::ShowSkipped => "files that were skipped, and why",
            Action::NextHit => "next hit",
            Action::NextEntity => "next entity",
            Action::CycleSort => "sort",
            Action::NarrowTimeline => "narrow",
            Action::FocusNext => "pane",
            _ => self.description(),
        }
    }
}

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
    /// Mark the article, or unmark it.
    Mark,
    /// Only the marked articles in the list, or all.
    MarkedOnly,
    /// Write a note on the article or the timeline event.
    Note,
    /// Copy the article's title and link, the sentence, or the event.
    Copy,
    OpenLink,
    OpenInPager,
    OpenInEditor,
    /// Export what the focused pane shows.
    Export,
    /// Follow the corpus's folders and take in changes as they happen, or stop.
    ToggleWatch,
}

impl Action {
    /// Every action, for names and the default config file.
    pub fn all() -> Vec<Action> {
        let mut all = vec![
            Action::Quit,
            Action::ToggleHelp,
            Action::FocusNext,
            Action::FocusPrev,
            Action::Up,
            Action::Down,
            Action::Top,
            Action::Bottom,
            Action::PageUp,
            Action::PageDown,
            Action::Open,
            Action::Back,
            Action::Forward,
            Action::StartFilter,
            Action::ClearFilter,
            Action::ShowRelated,
            Action::ShowEntities,
            Action::ShowTimeline,
            Action::ShowSkipped,
            Action::NextHit,
            Action::PrevHit,
            Action::NextEntity,
            Action::PrevEntity,
            Action::CycleSort,
            Action::NarrowTimeline,
            Action::ZoomIn,
            Action::ZoomOut,
            Action::Zoom,
            Action::ArticleEntities,
            Action::Mark,
            Action::MarkedOnly,
            Action::Note,
            Action::Copy,
            Action::OpenLink,
            Action::OpenInPager,
            Action::OpenInEditor,
            Action::Export,
            Action::ToggleWatch,
        ];
        all.extend(EntityKind::ALL.map(Action::ToggleKind));
        all.extend(
            [
                Edit::Left,
                Edit::Right,
                Edit::WordLeft,
                Edit::WordRight,
                Edit::Home,
                Edit::End,
                Edit::DeleteBack,
                Edit::DeleteForward,
                Edit::DeleteWordBack,
                Edit::DeleteToStart,
                Edit::Older,
                Edit::Newer,
            ]
            .map(Action::Edit),
        );
        all
    }

    /// The action's name in the config file: `quit`, `next-hit`, `toggle-person`,
    /// `prompt-word-left`.
    pub fn name(self) -> String {
        match self {
            Action::ToggleKind(kind) => format!("toggle-{}", kind.as_str()),
            Action::Edit(edit) => format!("prompt-{}", kebab(&format!("{edit:?}"))),
            other => kebab(&format!("{other:?}")),
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::all().into_iter().find(|a| a.name() == name)
    }

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
            Action::Mark => "mark / unmark the article",
            Action::MarkedOnly => "marked articles only / all",
            Action::Note => "note on the article or event",
            Action::Copy => "copy title+link, sentence, event",
            Action::OpenLink => "open the link in the browser",
            Action::OpenInPager => "the file in $PAGER",
            Action::OpenInEditor => "the file in $EDITOR",
            Action::Export => "export what the pane shows",
            Action::ToggleWatch => "watch the folder for changes / stop",
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
            Action::Mark => "mark",
            Action::Note => "note",
            Action::Copy => "copy",
            Action::OpenLink => "link",
            Action::Export => "export",
            _ => self.description(),
        }
    }
}

/// `WordLeft` as `word-left`.
fn kebab(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_name_that_leads_back_to_it() {
        assert_eq!(Action::NextHit.name(), "next-hit");
        assert_eq!(Action::ToggleKind(EntityKind::Person).name(), "toggle-person");
        assert_eq!(Action::Edit(Edit::WordLeft).name(), "prompt-word-left");
        for a in Action::all() {
            assert_eq!(Action::from_name(&a.name()), Some(a), "{}", a.name());
        }
        assert_eq!(Action::from_name("fly"), None);
    }
}

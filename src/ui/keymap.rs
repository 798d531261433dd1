//! The one table from keys to actions. The help overlay and the status-bar hints are made
//! from it, so a key is documented exactly where it is bound.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::analysis::EntityKind;
use crate::app::{Action, AppState, Edit, Pane};

/// Where a binding applies. `Global` bindings apply wherever no narrower one matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    List,
    Reader,
    Prompt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}
const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}
const fn alt(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::ALT }
}
const fn ctrl(c: char) -> Key {
    ctrl_key(KeyCode::Char(c))
}
const fn ctrl_key(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::CONTROL }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    /// Shown in the status bar.
    pub hint: bool,
}

const fn bind(context: Context, keys: &'static [Key], action: Action, hint: bool) -> Binding {
    Binding { context, keys, action, hint }
}

use Context::{Global, List, Prompt, Reader};

pub static BINDINGS: &[Binding] = &[
    bind(Prompt, &[plain(KeyCode::Enter)], Action::Open, true),
    bind(Prompt, &[plain(KeyCode::Esc)], Action::ClearFilter, true),
    bind(Prompt, &[plain(KeyCode::Left), ctrl('b')], Action::Edit(Edit::Left), false),
    bind(Prompt, &[plain(KeyCode::Right), ctrl('f')], Action::Edit(Edit::Right), false),
    bind(Prompt, &[alt(KeyCode::Char('b')), ctrl_key(KeyCode::Left)], Action::Edit(Edit::WordLeft), false),
    bind(Prompt, &[alt(KeyCode::Char('f')), ctrl_key(KeyCode::Right)], Action::Edit(Edit::WordRight), false),
    bind(Prompt, &[plain(KeyCode::Home), ctrl('a')], Action::Edit(Edit::Home), false),
    bind(Prompt, &[plain(KeyCode::End), ctrl('e')], Action::Edit(Edit::End), false),
    bind(Prompt, &[plain(KeyCode::Backspace), ctrl('h')], Action::Edit(Edit::DeleteBack), false),
    bind(Prompt, &[plain(KeyCode::Delete), ctrl('d')], Action::Edit(Edit::DeleteForward), false),
    bind(Prompt, &[ctrl('w'), alt(KeyCode::Backspace)], Action::Edit(Edit::DeleteWordBack), false),
    bind(Prompt, &[ctrl('u')], Action::Edit(Edit::DeleteToStart), false),
    bind(Prompt, &[plain(KeyCode::Up), ctrl('p')], Action::Edit(Edit::Older), true),
    bind(Prompt, &[plain(KeyCode::Down), ctrl('n')], Action::Edit(Edit::Newer), false),
    bind(Global, &[ch('q'), ctrl('c')], Action::Quit, true),
    bind(Global, &[ch('?'), plain(KeyCode::F(1))], Action::ToggleHelp, true),
    bind(Global, &[ch('/')], Action::StartFilter, true),
    bind(Global, &[plain(KeyCode::Esc)], Action::ClearFilter, false),
    bind(Global, &[plain(KeyCode::Tab)], Action::FocusNext, false),
    bind(
        Global,
        &[plain(KeyCode::BackTab), Key { code: KeyCode::BackTab, modifiers: KeyModifiers::SHIFT }],
        Action::FocusPrev,
        false,
    ),
    bind(Global, &[ch('k'), plain(KeyCode::Up)], Action::Up, false),
    bind(Global, &[ch('j'), plain(KeyCode::Down)], Action::Down, false),
    bind(Global, &[ch('g'), plain(KeyCode::Home)], Action::Top, false),
    bind(
        Global,
        &[ch('G'), Key { code: KeyCode::Char('G'), modifiers: KeyModifiers::SHIFT }, plain(KeyCode::End)],
        Action::Bottom,
        false,
    ),
    bind(Global, &[plain(KeyCode::PageUp), ctrl('u')], Action::PageUp, false),
    bind(Global, &[plain(KeyCode::PageDown), ch(' '), ctrl('d')], Action::PageDown, false),
    bind(Global, &[plain(KeyCode::Enter)], Action::Open, true),
    bind(Global, &[plain(KeyCode::Backspace), alt(KeyCode::Left)], Action::Back, true),
    bind(Global, &[alt(KeyCode::Right)], Action::Forward, false),
    bind(Global, &[ch('r')], Action::ShowRelated, true),
    bind(Global, &[ch('e')], Action::ShowEntities, true),
    bind(Global, &[ch('t')], Action::ShowTimeline, true),
    bind(Global, &[ch('!')], Action::ShowSkipped, false),
    bind(Global, &[ch('f')], Action::NarrowTimeline, false),
    bind(Global, &[ch('+'), ch('=')], Action::ZoomIn, false),
    bind(Global, &[ch('-')], Action::ZoomOut, false),
    bind(Global, &[ch('n')], Action::NextHit, false),
    bind(
        Global,
        &[ch('N'), Key { code: KeyCode::Char('N'), modifiers: KeyModifiers::SHIFT }],
        Action::PrevHit,
        false,
    ),
    bind(Global, &[ch(']')], Action::NextEntity, false),
    bind(Global, &[ch('[')], Action::PrevEntity, false),
    bind(List, &[ch('s')], Action::CycleSort, true),
    bind(Reader, &[ch('n')], Action::NextHit, true),
    bind(Reader, &[ch(']')], Action::NextEntity, true),
    bind(Global, &[ch('1')], Action::ToggleKind(EntityKind::Person), false),
    bind(Global, &[ch('2')], Action::ToggleKind(EntityKind::Organization), false),
    bind(Global, &[ch('3')], Action::ToggleKind(EntityKind::Place), false),
    bind(Global, &[ch('4')], Action::ToggleKind(EntityKind::Nationality), false),
    bind(Global, &[ch('5')], Action::ToggleKind(EntityKind::Money), false),
    bind(Global, &[ch('6')], Action::ToggleKind(EntityKind::Percent), false),
    bind(Global, &[ch('7')], Action::ToggleKind(EntityKind::Quantity), false),
];

/// The context the state puts keys in.
pub fn context(state: &AppState) -> Context {
    if state.filter.editing {
        Context::Prompt
    } else {
        match state.focus {
            Pane::List => Context::List,
            Pane::Reader => Context::Reader,
            Pane::Side => Context::Global,
        }
    }
}

fn matches(key: &Key, event: &KeyEvent) -> bool {
    // Terminals differ on whether Shift comes with an upper-case letter; compare without it.
    let mods = event.modifiers - KeyModifiers::SHIFT;
    key.code == event.code && (key.modifiers - KeyModifiers::SHIFT) == mods
}

/// The action bound to a key in a context. In the prompt only prompt bindings count, so that
/// text can be typed.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    let find = |ctx: Context| {
        BINDINGS
            .iter()
            .find(|b| b.context == ctx && b.keys.iter().any(|k| matches(k, event)))
            .map(|b| b.action)
    };
    match context {
        Context::Prompt => find(Context::Prompt).or_else(|| {
            (event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char('c'))
                .then_some(Action::Quit)
        }),
        ctx => find(ctx).or_else(|| find(Context::Global)),
    }
}

pub fn key_label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "Left".to_string(),
        KeyCode::Right => "Right".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{name}")
    } else if key.modifiers.contains(KeyModifiers::ALT) {
        format!("Alt-{name}")
    } else {
        name
    }
}

/// The first key bound to an action, for messages that point at it.
pub fn key_for(action: Action) -> Option<String> {
    BINDINGS.iter().find(|b| b.action == action).and_then(|b| b.keys.first()).map(key_label)
}

/// Help rows: the keys (as one label) and what they do, for every binding, in table order.
pub fn help_rows() -> Vec<(Context, String, &'static str)> {
    let mut rows: Vec<(Context, String, &'static str)> = Vec::new();
    for b in BINDINGS {
        let mut labels: Vec<String> = Vec::new();
        for k in b.keys {
            let l = key_label(k);
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        let description = b.action.description();
        let keys = labels.join(" ");
        // A binding repeated in a narrower context only to show it as a hint is listed once.
        if !rows.iter().any(|(c, k, d)| *d == description && (*c == b.context || *k == keys)) {
            rows.push((b.context, keys, description));
        }
    }
    rows
}

/// Status-bar hints for a context: `(first key, short word)`.
pub fn hints(context: Context) -> Vec<(String, &'static str)> {
    let in_context: Vec<&Binding> = BINDINGS.iter().filter(|b| b.hint && b.context == context).collect();
    let global = BINDINGS.iter().filter(|b| {
        b.hint
            && b.context == Context::Global
            && context != Context::Prompt
            && !in_context.iter().any(|c| c.action == b.action)
    });
    let own: Vec<&Binding> = in_context.clone();
    own.into_iter()
        .chain(global)
        .filter_map(|b| b.keys.first().map(|k| (key_label(k), b.action.hint())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_resolve_by_context() {
        assert_eq!(
            action_for(Context::List, &key(KeyCode::Char('s'), KeyModifiers::NONE)),
            Some(Action::CycleSort)
        );
        assert_eq!(action_for(Context::Reader, &key(KeyCode::Char('s'), KeyModifiers::NONE)), None);
        assert_eq!(action_for(Context::List, &key(KeyCode::Left, KeyModifiers::ALT)), Some(Action::Back));
        assert_eq!(
            action_for(Context::List, &key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(action_for(Context::Prompt, &key(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        assert_eq!(
            action_for(Context::Prompt, &key(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::ClearFilter)
        );
    }

    #[test]
    fn every_key_is_bound_once_per_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{} bound twice", key_label(k));
                    }
                }
            }
        }
    }

    #[test]
    fn help_lists_every_action_with_its_keys() {
        let rows = help_rows();
        assert!(rows.iter().any(|(_, keys, d)| keys == "q Ctrl-c" && *d == "quit"));
        assert!(rows.iter().any(|(_, keys, _)| keys == "Backspace Alt-Left"));
    }
}

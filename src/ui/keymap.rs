//! The one table from keys to actions. The help overlay and the status-bar hints are made
//! from it, so a key is documented exactly where it is bound. The defaults are below; a config
//! file may bind an action to other keys ([`Keymap::remap`]).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::analysis::EntityKind;
use crate::app::{Action, AppState, Edit, Pane};

/// Where a binding applies. `Global` bindings apply wherever no narrower one matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    List,
    Reader,
    /// The lower-left pane, whatever it shows.
    Side,
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

/// A default binding.
struct Default {
    context: Context,
    keys: &'static [Key],
    action: Action,
    /// What the help says, where the action's own description does not fit the context.
    description: Option<&'static str>,
}

const fn bind(context: Context, keys: &'static [Key], action: Action) -> Default {
    Default { context, keys, action, description: None }
}

const fn bind_as(
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
) -> Default {
    Default { context, keys, action, description: Some(description) }
}

/// A binding of the keymap in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub description: Option<&'static str>,
}

/// The keys in use: the defaults, with what a config file changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl std::default::Default for Keymap {
    fn default() -> Keymap {
        let bindings = DEFAULTS
            .iter()
            .map(|d| Binding {
                context: d.context,
                keys: d.keys.to_vec(),
                action: d.action,
                description: d.description,
            })
            .collect();
        Keymap { bindings }
    }
}

use Context::{Global, List, Prompt, Side};

static DEFAULTS: &[Default] = &[
    bind(Global, &[ch('q'), ctrl('c')], Action::Quit),
    bind(Global, &[ch('?'), plain(KeyCode::F(1))], Action::ToggleHelp),
    bind(Global, &[ch('/')], Action::StartFilter),
    bind(Global, &[plain(KeyCode::Esc)], Action::ClearFilter),
    bind(Global, &[plain(KeyCode::Tab)], Action::FocusNext),
    bind(
        Global,
        &[plain(KeyCode::BackTab), Key { code: KeyCode::BackTab, modifiers: KeyModifiers::SHIFT }],
        Action::FocusPrev,
    ),
    bind(Global, &[ch('k'), plain(KeyCode::Up)], Action::Up),
    bind(Global, &[ch('j'), plain(KeyCode::Down)], Action::Down),
    bind(Global, &[ch('g'), plain(KeyCode::Home)], Action::Top),
    bind(
        Global,
        &[ch('G'), Key { code: KeyCode::Char('G'), modifiers: KeyModifiers::SHIFT }, plain(KeyCode::End)],
        Action::Bottom,
    ),
    bind(Global, &[plain(KeyCode::PageUp), ctrl('u')], Action::PageUp),
    bind(Global, &[plain(KeyCode::PageDown), ch(' '), ctrl('d')], Action::PageDown),
    bind(Global, &[plain(KeyCode::Enter)], Action::Open),
    bind(Global, &[plain(KeyCode::Backspace), alt(KeyCode::Left)], Action::Back),
    bind(Global, &[alt(KeyCode::Right)], Action::Forward),
    bind(Global, &[ch('r')], Action::ShowRelated),
    bind(Global, &[ch('e')], Action::ShowEntities),
    bind(Global, &[ch('t')], Action::ShowTimeline),
    bind(Global, &[ch('!')], Action::ShowSkipped),
    bind(Global, &[ch('z')], Action::Zoom),
    bind(Global, &[ch('n')], Action::NextHit),
    bind(
        Global,
        &[ch('N'), Key { code: KeyCode::Char('N'), modifiers: KeyModifiers::SHIFT }],
        Action::PrevHit,
    ),
    bind(Global, &[ch(']')], Action::NextEntity),
    bind(Global, &[ch('[')], Action::PrevEntity),
    bind(List, &[ch('s')], Action::CycleSort),
    bind(Global, &[ch('m')], Action::Mark),
    bind(
        Global,
        &[ch('M'), Key { code: KeyCode::Char('M'), modifiers: KeyModifiers::SHIFT }],
        Action::MarkedOnly,
    ),
    bind(Global, &[ch('c')], Action::Note),
    bind(Global, &[ch('y')], Action::Copy),
    bind(Global, &[ch('o')], Action::OpenLink),
    bind(
        Global,
        &[ch('O'), Key { code: KeyCode::Char('O'), modifiers: KeyModifiers::SHIFT }],
        Action::OpenInPager,
    ),
    bind(
        Global,
        &[ch('E'), Key { code: KeyCode::Char('E'), modifiers: KeyModifiers::SHIFT }],
        Action::OpenInEditor,
    ),
    bind(Global, &[ch('x')], Action::Export),
    bind(Global, &[ch('w')], Action::ToggleWatch),
    bind(Side, &[ch('f')], Action::NarrowTimeline),
    bind(Side, &[ch('+'), ch('=')], Action::ZoomIn),
    bind(Side, &[ch('-')], Action::ZoomOut),
    bind(Side, &[ch('a')], Action::ArticleEntities),
    bind(Global, &[ch('1')], Action::ToggleKind(EntityKind::Person)),
    bind(Global, &[ch('2')], Action::ToggleKind(EntityKind::Organization)),
    bind(Global, &[ch('3')], Action::ToggleKind(EntityKind::Place)),
    bind(Global, &[ch('4')], Action::ToggleKind(EntityKind::Nationality)),
    bind(Global, &[ch('5')], Action::ToggleKind(EntityKind::Money)),
    bind(Global, &[ch('6')], Action::ToggleKind(EntityKind::Percent)),
    bind(Global, &[ch('7')], Action::ToggleKind(EntityKind::Quantity)),
    bind_as(Prompt, &[plain(KeyCode::Enter)], Action::Open, "keep the filter, close the prompt"),
    bind_as(Prompt, &[plain(KeyCode::Esc)], Action::ClearFilter, "clear the filter, close the prompt"),
    bind(Prompt, &[plain(KeyCode::Left), ctrl('b')], Action::Edit(Edit::Left)),
    bind(Prompt, &[plain(KeyCode::Right), ctrl('f')], Action::Edit(Edit::Right)),
    bind(Prompt, &[alt(KeyCode::Char('b')), ctrl_key(KeyCode::Left)], Action::Edit(Edit::WordLeft)),
    bind(Prompt, &[alt(KeyCode::Char('f')), ctrl_key(KeyCode::Right)], Action::Edit(Edit::WordRight)),
    bind(Prompt, &[plain(KeyCode::Home), ctrl('a')], Action::Edit(Edit::Home)),
    bind(Prompt, &[plain(KeyCode::End), ctrl('e')], Action::Edit(Edit::End)),
    bind(Prompt, &[plain(KeyCode::Backspace), ctrl('h')], Action::Edit(Edit::DeleteBack)),
    bind(Prompt, &[plain(KeyCode::Delete), ctrl('d')], Action::Edit(Edit::DeleteForward)),
    bind(Prompt, &[ctrl('w'), alt(KeyCode::Backspace)], Action::Edit(Edit::DeleteWordBack)),
    bind(Prompt, &[ctrl('u')], Action::Edit(Edit::DeleteToStart)),
    bind(Prompt, &[plain(KeyCode::Up), ctrl('p')], Action::Edit(Edit::Older)),
    bind(Prompt, &[plain(KeyCode::Down), ctrl('n')], Action::Edit(Edit::Newer)),
];

/// The actions the status bar suggests where the user is, most useful first; the bar shows
/// as many as fit, and always the help.
fn hint_actions(state: &AppState) -> &'static [Action] {
    use crate::app::Side as Shown;
    match (context(state), state.side) {
        (Context::Prompt, _) => &[Action::Open, Action::ClearFilter, Action::Edit(Edit::Older)],
        (Context::List, _) => &[
            Action::Open,
            Action::StartFilter,
            Action::CycleSort,
            Action::ShowRelated,
            Action::ShowEntities,
            Action::ShowTimeline,
            Action::Zoom,
            Action::Quit,
        ],
        (Context::Reader, _) => &[
            Action::NextHit,
            Action::NextEntity,
            Action::Back,
            Action::ShowRelated,
            Action::Zoom,
            Action::FocusNext,
            Action::Quit,
        ],
        (_, Shown::Timeline) => &[
            Action::Open,
            Action::NarrowTimeline,
            Action::ZoomIn,
            Action::ZoomOut,
            Action::Zoom,
            Action::Back,
        ],
        (_, Shown::Entities) => &[
            Action::Open,
            Action::StartFilter,
            Action::ArticleEntities,
            Action::NarrowTimeline,
            Action::Zoom,
            Action::Back,
        ],
        (_, Shown::Related) => &[Action::Open, Action::Zoom, Action::Back, Action::Quit],
        (_, Shown::Skipped) => &[Action::Back, Action::Quit],
    }
}

/// The context the state puts keys in.
pub fn context(state: &AppState) -> Context {
    if state.filter.editing || state.entities.editing || state.ask.is_some() {
        Context::Prompt
    } else {
        match state.focus {
            Pane::List => Context::List,
            Pane::Reader => Context::Reader,
            Pane::Side => Context::Side,
        }
    }
}

fn matches(key: &Key, event: &KeyEvent) -> bool {
    // Terminals differ on whether Shift comes with an upper-case letter; compare without it.
    let mods = event.modifiers - KeyModifiers::SHIFT;
    key.code == event.code && (key.modifiers - KeyModifiers::SHIFT) == mods
}

impl Keymap {
    /// Binds `action` to `keys` instead of its default keys, wherever it is bound; the keys
    /// leave whatever other action had them in the same place.
    pub fn remap(&mut self, action: Action, keys: Vec<Key>) {
        // Enter and Esc keep the prompt's own meaning: only the prompt's actions change there.
        let changes = |b: &Binding| {
            b.action == action && (b.context != Context::Prompt || matches!(action, Action::Edit(_)))
        };
        let contexts: Vec<Context> = self.bindings.iter().filter(|b| changes(b)).map(|b| b.context).collect();
        for b in &mut self.bindings {
            if changes(b) {
                b.keys = keys.clone();
            } else if contexts.contains(&b.context) {
                b.keys.retain(|k| !keys.contains(k));
            }
        }
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action bound to a key in a context. In the prompt only prompt bindings count, so
    /// that text can be typed.
    pub fn action_for(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let find = |ctx: Context| {
            self.bindings
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

    /// The first key bound to an action, for messages that point at it.
    pub fn key_for(&self, action: Action) -> Option<String> {
        self.bindings.iter().find(|b| b.action == action).and_then(|b| b.keys.first()).map(key_label)
    }

    /// Help rows: the keys (as one label) and what they do, for every binding, in table order.
    pub fn help_rows(&self) -> Vec<(Context, String, &'static str)> {
        let mut rows: Vec<(Context, String, &'static str)> = Vec::new();
        for b in self.bindings.iter().filter(|b| !b.keys.is_empty()) {
            let mut labels: Vec<String> = Vec::new();
            for k in &b.keys {
                let l = key_label(k);
                if !labels.contains(&l) {
                    labels.push(l);
                }
            }
            rows.push((b.context, labels.join(" "), b.description.unwrap_or_else(|| b.action.description())));
        }
        rows
    }

    /// Status-bar hints where the user is: `(key, short word)`, the help last.
    pub fn hints(&self, state: &AppState) -> Vec<(String, &'static str)> {
        let context = context(state);
        let key_in = |action: Action| {
            self.bindings
                .iter()
                .filter(|b| b.action == action)
                .find(|b| b.context == context || b.context == Context::Global)
                .and_then(|b| b.keys.first())
                .map(key_label)
        };
        let mut hints: Vec<(String, &'static str)> =
            hint_actions(state).iter().filter_map(|&a| key_in(a).map(|k| (k, a.hint()))).collect();
        if context != Context::Prompt {
            hints.extend(key_in(Action::ToggleHelp).map(|k| (k, Action::ToggleHelp.hint())));
        }
        hints
    }
}

/// A key as a config file writes it: `q`, `G`, `ctrl-c`, `alt-left`, `enter`, `f1`, `space`.
pub fn parse_key(text: &str) -> Option<Key> {
    let lower = text.to_lowercase();
    let (modifiers, name) = if let Some(rest) = lower.strip_prefix("ctrl-") {
        (KeyModifiers::CONTROL, rest)
    } else if let Some(rest) = lower.strip_prefix("alt-") {
        (KeyModifiers::ALT, rest)
    } else {
        (KeyModifiers::NONE, lower.as_str())
    };
    let code = match name {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" | "shift-tab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "space" => KeyCode::Char(' '),
        f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
            KeyCode::F(f[1..].parse().ok()?)
        }
        _ => {
            // A single character keeps its case: `G` is not `g`.
            let original = &text[text.len() - name.len()..];
            let mut chars = original.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            KeyCode::Char(c)
        }
    };
    Some(Key { code, modifiers })
}

/// A key as a config file writes it (the inverse of [`parse_key`]).
pub fn key_name(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".to_string(),
        KeyCode::Esc => "esc".to_string(),
        KeyCode::Tab => "tab".to_string(),
        KeyCode::BackTab => "backtab".to_string(),
        KeyCode::Backspace => "backspace".to_string(),
        KeyCode::Delete => "delete".to_string(),
        KeyCode::Up => "up".to_string(),
        KeyCode::Down => "down".to_string(),
        KeyCode::Left => "left".to_string(),
        KeyCode::Right => "right".to_string(),
        KeyCode::Home => "home".to_string(),
        KeyCode::End => "end".to_string(),
        KeyCode::PageUp => "pageup".to_string(),
        KeyCode::PageDown => "pagedown".to_string(),
        KeyCode::F(n) => format!("f{n}"),
        other => format!("{other:?}").to_lowercase(),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("ctrl-{name}")
    } else if key.modifiers.contains(KeyModifiers::ALT) {
        format!("alt-{name}")
    } else {
        name
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_resolve_by_context() {
        assert_eq!(
            Keymap::default().action_for(Context::List, &key(KeyCode::Char('s'), KeyModifiers::NONE)),
            Some(Action::CycleSort)
        );
        assert_eq!(
            Keymap::default().action_for(Context::Reader, &key(KeyCode::Char('s'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            Keymap::default().action_for(Context::Side, &key(KeyCode::Char('f'), KeyModifiers::NONE)),
            Some(Action::NarrowTimeline)
        );
        assert_eq!(
            Keymap::default().action_for(Context::List, &key(KeyCode::Char('f'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            Keymap::default().action_for(Context::List, &key(KeyCode::Left, KeyModifiers::ALT)),
            Some(Action::Back)
        );
        assert_eq!(
            Keymap::default().action_for(Context::List, &key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            Keymap::default().action_for(Context::Prompt, &key(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            Keymap::default().action_for(Context::Prompt, &key(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::ClearFilter)
        );
    }

    #[test]
    fn every_key_is_bound_once_per_context() {
        let keymap = Keymap::default();
        let bindings = keymap.bindings();
        for (i, a) in bindings.iter().enumerate() {
            for b in &bindings[i + 1..] {
                if a.context == b.context {
                    for k in &a.keys {
                        assert!(!b.keys.contains(k), "{} bound twice", key_label(k));
                    }
                }
            }
        }
    }

    #[test]
    fn help_lists_every_action_with_its_keys() {
        let rows = Keymap::default().help_rows();
        assert!(rows.iter().any(|(_, keys, d)| keys == "q Ctrl-c" && *d == "quit"));
        assert!(rows.iter().any(|(_, keys, _)| keys == "Backspace Alt-Left"));
    }

    #[test]
    fn keys_are_written_and_read_as_a_config_file_writes_them() {
        for text in ["q", "G", "ctrl-c", "alt-left", "enter", "f1", "space", "pagedown", "?"] {
            let key = parse_key(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(key_name(&key), text);
        }
        assert_eq!(parse_key("ctrl-"), None);
        assert_eq!(parse_key("hello"), None);
    }

    #[test]
    fn a_remapped_action_moves_to_its_new_keys_and_takes_them_from_others() {
        let mut keymap = Keymap::default();
        let r = parse_key("r").unwrap();
        keymap.remap(Action::ShowTimeline, vec![r]);
        let pressed =
            |c: char| keymap.action_for(Context::List, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(pressed('r'), Some(Action::ShowTimeline));
        assert_eq!(pressed('t'), None, "the old key is free");
        assert_eq!(keymap.key_for(Action::ShowRelated), None, "related lost r");
        assert!(keymap.help_rows().iter().any(|(_, keys, d)| keys == "r" && *d == "timeline"));
    }
}

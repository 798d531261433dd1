//! The config file (`$XDG_CONFIG_HOME/dossier/config.toml`, or `--config FILE`): keys bound to
//! the actions' names, the colors, the default sort and the entity kinds shown. A mistake is an
//! error that names the line; `dossier config --default` prints a commented file to start from.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use ratatui::style::Color;

use crate::analysis::EntityKind;
use crate::app::{Action, SortKey};
use crate::ui::keymap::{key_name, parse_key};
use crate::ui::{Look, Palette};

/// What the config file sets.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub look: Look,
    pub sort: SortKey,
    /// Entity kinds not colored in the reader.
    pub hidden: BTreeSet<EntityKind>,
}

pub fn path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("dossier").join("config.toml"))
}

/// The settings of `explicit` (which must exist), or of the default file if there is one.
pub fn load(explicit: Option<&Path>) -> Result<Settings> {
    let file = match explicit {
        Some(file) => file.to_path_buf(),
        None => match path().filter(|p| p.exists()) {
            Some(file) => file,
            None => return Ok(Settings::default()),
        },
    };
    let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
    parse(&text).with_context(|| format!("in {}", file.display()))
}

/// The line of `text` that first defines `key` (for messages).
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('=') || rest.starts_with(']'))
                || l.strip_prefix('[').is_some_and(|rest| rest.starts_with(key))
        })
        .map_or(0, |i| i + 1)
}

pub fn parse(text: &str) -> Result<Settings> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e.span().map_or(0, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        anyhow::anyhow!("line {line}: {}", e.message())
    })?;
    let mut settings = Settings::default();
    for (section, value) in &table {
        let line = line_of(text, section);
        let Some(entries) = value.as_table() else {
            bail!("line {line}: `{section}` should be a section ([keys], [theme] or [view])");
        };
        match section.as_str() {
            "keys" => keys(text, entries, &mut settings)?,
            "theme" => theme(text, entries, &mut settings)?,
            "view" => view(text, entries, &mut settings)?,
            other => {
                bail!("line {line}: unknown section [{other}]: the sections are [keys], [theme] and [view]")
            }
        }
    }
    Ok(settings)
}

fn keys(text: &str, entries: &toml::Table, settings: &mut Settings) -> Result<()> {
    for (name, value) in entries {
        let line = line_of(text, name);
        let Some(action) = Action::from_name(name) else {
            bail!("line {line}: unknown action \"{name}\" (`dossier config --default` lists them)");
        };
        let list: Vec<&str> = match value {
            toml::Value::String(one) => vec![one.as_str()],
            toml::Value::Array(many) => many.iter().filter_map(toml::Value::as_str).collect(),
            _ => bail!("line {line}: {name} takes a key or a list of keys, such as [\"q\", \"ctrl-c\"]"),
        };
        let mut parsed = Vec::new();
        for key in list {
            parsed
                .push(parse_key(key).with_context(|| format!("line {line}: \"{key}\" is not a key I know"))?);
        }
        settings.look.keys.remap(action, parsed);
    }
    Ok(())
}

fn color(name: &str) -> Option<Color> {
    name.parse::<Color>().ok()
}

fn theme(text: &str, entries: &toml::Table, settings: &mut Settings) -> Result<()> {
    let mut palette = match entries.get("base").and_then(toml::Value::as_str) {
        None | Some("dark") => Palette::DARK,
        Some("light") => Palette::LIGHT,
        Some(other) => {
            bail!("line {}: base is \"dark\" or \"light\", not \"{other}\"", line_of(text, "base"))
        }
    };
    for (role, value) in entries.iter().filter(|(k, _)| k.as_str() != "base") {
        let line = line_of(text, role);
        let Some(name) = value.as_str() else { bail!("line {line}: {role} takes a color name") };
        let c = color(name).with_context(|| {
            format!("line {line}: \"{name}\" is not a color (red, lightblue, #rrggbb...)")
        })?;
        match role.as_str() {
            "border" => palette.border = c,
            "border_focused" => palette.border_focused = c,
            "dim" => palette.dim = c,
            "heading" => palette.heading = c,
            "error" => palette.error = c,
            "hit" => palette.hit.1 = c,
            "current" => palette.current.1 = c,
            "person" => palette.person = c,
            "organization" => palette.organization = c,
            "place" => palette.place = c,
            "nationality" => palette.nationality = c,
            "money" => palette.money = c,
            "percent" => palette.percent = c,
            "quantity" => palette.quantity = c,
            other => bail!("line {line}: unknown color \"{other}\" in [theme]"),
        }
    }
    settings.look.palette = palette;
    Ok(())
}

fn view(text: &str, entries: &toml::Table, settings: &mut Settings) -> Result<()> {
    for (name, value) in entries {
        let line = line_of(text, name);
        match (name.as_str(), value) {
            ("sort", toml::Value::String(sort)) => {
                settings.sort = match sort.as_str() {
                    "date" => SortKey::Date,
                    "title" => SortKey::Title,
                    other => bail!("line {line}: sort is \"date\" or \"title\", not \"{other}\""),
                }
            }
            ("hide", toml::Value::Array(kinds)) => {
                for kind in kinds.iter().filter_map(toml::Value::as_str) {
                    let found = EntityKind::ALL.into_iter().find(|k| k.as_str() == kind);
                    settings
                        .hidden
                        .insert(found.with_context(|| format!("line {line}: \"{kind}\" is no entity kind"))?);
                }
            }
            (other, _) => bail!("line {line}: unknown setting \"{other}\" in [view] (sort, hide)"),
        }
    }
    Ok(())
}

/// A config file with every setting at its default, commented out, to copy and edit.
pub fn default_file() -> String {
    let keys = crate::ui::Keymap::default();
    let mut out = String::from(
        "# dossier's config file: $XDG_CONFIG_HOME/dossier/config.toml (or --config FILE).\n\
         # Every line is commented out; uncomment and change what you want.\n\n[keys]\n\
         # Each action takes a list of keys, written as q, G, ctrl-c, alt-left, enter, f1, space.\n",
    );
    for action in Action::all() {
        let mut bound: Vec<String> = Vec::new();
        for name in
            keys.bindings().iter().filter(|b| b.action == action).flat_map(|b| b.keys.iter().map(key_name))
        {
            if !bound.contains(&name) {
                bound.push(name);
            }
        }
        let list: Vec<String> = bound.iter().map(|k| format!("{k:?}")).collect();
        out.push_str(&format!("# {} = [{}]  # {}\n", action.name(), list.join(", "), action.description()));
    }
    out.push_str(
        "\n[theme]\n# base = \"dark\"   # or \"light\", for a light terminal background\n\
         # Colors by role (names such as red, lightblue, darkgray, or #rrggbb):\n\
         # border, border_focused, dim, heading, error, hit, current,\n\
         # person, organization, place, nationality, money, percent, quantity\n\
         # person = \"cyan\"\n\n[view]\n# sort = \"date\"   # or \"title\"\n\
         # hide = []        # entity kinds not colored: person, organization, place, nationality, money, percent, quantity\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_remaps_keys_sets_colors_and_the_view() {
        let s = parse("[keys]\nshow-timeline = \"T\"\nquit = [\"Q\", \"ctrl-q\"]\n\n[theme]\nbase = \"light\"\nperson = \"red\"\n\n[view]\nsort = \"title\"\nhide = [\"quantity\"]\n").unwrap();
        assert_eq!(s.look.keys.key_for(Action::ShowTimeline).as_deref(), Some("T"));
        assert_eq!(s.look.keys.key_for(Action::Quit).as_deref(), Some("Q"));
        assert_eq!(s.look.palette.person, Color::Red);
        assert_eq!(s.look.palette.border_focused, Palette::LIGHT.border_focused);
        assert_eq!(s.sort, SortKey::Title);
        assert!(s.hidden.contains(&EntityKind::Quantity));
    }

    #[test]
    fn mistakes_name_their_line() {
        for (text, line, word) in [
            ("[keys]\nquit = \"q\"\nfly = \"f\"\n", 3, "unknown action \"fly\""),
            ("[keys]\nquit = \"ctrl-\"\n", 2, "not a key"),
            ("[theme]\n\nperson = \"blurple\"\n", 3, "not a color"),
            ("[view]\nsort = \"size\"\n", 2, "sort is"),
            ("[colours]\nx = 1\n", 1, "unknown section"),
            ("[keys\nquit = 1", 1, "line 1"),
        ] {
            let e = format!("{:#}", parse(text).unwrap_err());
            assert!(e.contains(&format!("line {line}")) && e.contains(word), "{text:?}: {e}");
        }
    }

    #[test]
    fn the_default_file_is_a_valid_config_that_changes_nothing() {
        let text = default_file();
        let s = parse(&text).unwrap();
        assert_eq!(s.look.keys, crate::ui::Keymap::default());
        let uncommented: String = text
            .lines()
            .map(|l| {
                if l.starts_with("# ") && l.contains(" = [") {
                    l[2..].split("  #").next().unwrap_or("").to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let s = parse(&uncommented).unwrap_or_else(|e| panic!("{e:#}"));
        for action in Action::all() {
            assert_eq!(
                s.look.keys.key_for(action),
                crate::ui::Keymap::default().key_for(action),
                "{}",
                action.name()
            );
        }
    }
}

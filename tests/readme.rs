//! The README stays true: its table of keys is the keymap's, and the commands it documents
//! are the ones the binary has.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dossier::ui::keymap::{Context, Keymap};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The keys table as the README should have it, made from the default keymap.
fn keys_table() -> String {
    let mut table = String::from("| where | keys | does |\n|---|---|---|\n");
    for (context, keys, does) in Keymap::default().help_rows() {
        let place = match context {
            Context::Global => "anywhere",
            Context::List => "list",
            Context::Reader => "reader",
            Context::Side => "side pane",
            Context::Prompt => "prompt",
        };
        let keys: Vec<String> = keys.split(' ').map(|k| format!("`{}`", k.replace('|', "\\|"))).collect();
        table.push_str(&format!("| {place} | {} | {does} |\n", keys.join(" ")));
    }
    table
}

#[test]
fn the_readme_lists_every_key_of_the_keymap() {
    let table = keys_table();
    assert!(readme().contains(&table), "README.md should contain the keymap's table:\n{table}");
}

#[test]
fn the_readme_documents_every_command() {
    let readme = readme();
    for command in
        ["annotate", "search", "timeline", "related", "stats", "export", "config", "completions", "man"]
    {
        assert!(
            readme.contains(&format!("dossier {command}")),
            "README.md does not document `dossier {command}`"
        );
    }
}

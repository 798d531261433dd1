//! The layers, read off the source: data flows corpus → analysis → index → app → ui, with the
//! runtime and the command line on top. A layer that imports one it must not fails this test
//! (see ARCHITECTURE.md for why each rule exists).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// For each top-level module of `src/`, the other top-level modules it may use.
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("corpus", &["text"]),
    ("analysis", &["corpus", "text"]),
    ("index", &["analysis", "corpus", "text"]),
    ("app", &["analysis", "corpus", "index", "text"]),
    ("ui", &["app", "analysis", "corpus", "text"]),
    ("export", &["app", "analysis", "corpus", "text"]),
    ("runtime", &["app", "analysis", "corpus", "export", "index", "text", "ui"]),
    ("cli", &["app", "analysis", "corpus", "export", "index", "runtime", "text"]),
];

/// What a layer may not touch in the standard library: the app does no I/O and starts no thread.
const FORBIDDEN_STD: &[(&str, &[&str])] = &[
    ("app", &["std::fs", "std::thread", "std::process", "std::net", "std::io"]),
    ("ui", &["std::fs", "std::thread", "std::process", "std::net"]),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its tests: test modules are files named `tests.rs`, files in a
/// `tests/` folder, a one-line item under `#[cfg(test)]` (`mod tests;`), and from a
/// `#[cfg(test)]` before a block (`mod tests { ... }`, kept last by convention) to the end.
fn production_code(src: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(src).unwrap_or(path);
    if relative.file_name().is_some_and(|n| n == "tests.rs")
        || relative.components().any(|c| c.as_os_str() == "tests")
    {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    let mut kept = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]" {
            match lines.next() {
                Some(item) if item.trim_end().ends_with(';') => continue,
                _ => break,
            }
        }
        if !line.trim_start().starts_with("//") {
            kept.push(line);
        }
    }
    kept.join("\n")
}

/// The top-level modules a piece of code names as `crate::x`.
fn crate_modules(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if !name.is_empty() && name != "static_regex" {
            found.insert(name);
        }
    }
    found
}

/// Every breach of the rules in `src/`, as readable lines.
fn breaches(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let relative = file.strip_prefix(src).unwrap();
        let layer = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let Some((_, allowed)) = ALLOWED.iter().find(|(name, _)| *name == layer) else { continue };
        let code = production_code(src, &file);
        for used in crate_modules(&code) {
            if used != layer && !allowed.contains(&used.as_str()) {
                found.push(format!("{}: {layer} uses crate::{used}", relative.display()));
            }
        }
        if let Some((_, forbidden)) = FORBIDDEN_STD.iter().find(|(name, _)| *name == layer) {
            for item in *forbidden {
                if code.contains(item) {
                    found.push(format!("{}: {layer} uses {item}", relative.display()));
                }
            }
        }
    }
    found
}

#[test]
fn every_layer_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = breaches(&src);
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn a_forbidden_import_is_caught() {
    let tmp = tempfile::tempdir().unwrap();
    let app = tmp.path().join("app");
    std::fs::create_dir_all(&app).unwrap();
    std::fs::write(app.join("mod.rs"), "use crate::ui::draw;\nfn f() { std::fs::read(\"x\"); }\n#[cfg(test)]\nuse crate::runtime::session::Session;\n#[cfg(test)]\nmod tests;\nuse crate::cli::run;\n#[cfg(test)]\nmod more_tests {\n    use crate::runtime::worker;\n}\n").unwrap();
    std::fs::create_dir_all(tmp.path().join("corpus")).unwrap();
    std::fs::write(
        tmp.path().join("corpus/mod.rs"),
        "// crate::index in a comment is fine\nuse crate::text::safe;\n",
    )
    .unwrap();
    let found = breaches(tmp.path());
    assert_eq!(
        found,
        vec![
            "app/mod.rs: app uses crate::cli".to_string(),
            "app/mod.rs: app uses crate::ui".to_string(),
            "app/mod.rs: app uses std::fs".to_string()
        ]
    );
}

#[test]
fn no_source_file_is_over_600_lines_and_few_lie_loose_in_src() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in &files {
        let lines = std::fs::read_to_string(file).unwrap().lines().count();
        assert!(lines <= 600, "{} has {lines} lines", file.display());
    }
    let loose: BTreeSet<String> = std::fs::read_dir(&src)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let expected: BTreeSet<String> = ["lib.rs", "main.rs", "text.rs"].iter().map(|s| s.to_string()).collect();
    assert_eq!(loose, expected);
}

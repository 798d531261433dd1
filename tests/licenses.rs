//! The licenses of the crates dossier is built from: `assets/THIRD-PARTY.md` names every crate
//! that `Cargo.lock` compiles into the program for Linux, at its locked version, names none
//! that the lock file no longer holds, and `dossier licenses` prints it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const NOTICE: &str = include_str!("../assets/THIRD-PARTY.md");
const REGENERATE: &str = "run .ci/third-party-licenses after changing the dependencies";

/// The crates the notice lists, as "name version".
fn listed() -> BTreeSet<String> {
    let crates =
        NOTICE.split("\n## Crates\n").nth(1).expect("a Crates section").split("\n## ").next().unwrap();
    crates
        .lines()
        .filter_map(|line| line.strip_prefix("- "))
        .map(|entry| entry.split(':').next().unwrap().to_string())
        .collect()
}

/// The crates built into the program for this target, as cargo resolves them from the lock
/// file (build-time and test-only crates left out), as "name version".
fn compiled_in() -> BTreeSet<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "-e", "normal", "--target", "x86_64-unknown-linux-gnu", "--prefix", "none"])
        .args(["--format", "{p}", "--locked", "--offline", "--quiet", "--manifest-path"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let (name, version) = (words.next()?, words.next()?.strip_prefix('v')?);
            Some(format!("{name} {version}"))
        })
        .filter(|c| !c.starts_with("dossier "))
        .collect()
}

/// Every package of the lock file, as "name version".
fn locked() -> BTreeSet<String> {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock")).unwrap();
    let mut packages = BTreeSet::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_string());
        } else if let (Some(v), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            packages.insert(format!("{n} {}", v.trim_matches('"')));
        }
    }
    packages
}

#[test]
fn every_crate_compiled_in_is_listed_at_its_locked_version() {
    let compiled = compiled_in();
    assert!(compiled.len() > 100 && compiled.iter().any(|c| c.starts_with("tantivy ")), "{compiled:?}");
    let listed = listed();
    let missing: Vec<&String> = compiled.difference(&listed).collect();
    assert!(missing.is_empty(), "not in assets/THIRD-PARTY.md: {missing:?}; {REGENERATE}");
}

#[test]
fn no_crate_is_listed_that_the_lock_file_no_longer_holds() {
    let listed = listed();
    assert!(listed.contains("tikv-jemalloc-sys 0.6.1+5.3.0-1-ge13ca993e8ccb9ba9847cc330696e02839f328f7"));
    let locked = locked();
    let stale: Vec<&String> = listed.difference(&locked).collect();
    assert!(stale.is_empty(), "listed but not in Cargo.lock: {stale:?}; {REGENERATE}");
}

#[test]
fn dossier_licenses_prints_the_notice_with_jemallocs_own_license() {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier")).arg("licenses").output().unwrap();
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(printed, NOTICE);
    // The allocator's C code is under its own license, not the Rust crate's.
    assert!(printed.contains("Copyright (C) 2002-present Jason Evans"));
}

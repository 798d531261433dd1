//! Helpers shared by the integration tests.
// Each test file uses some of these helpers; a failed assumption in one is a failed test.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, with a cache of its own under `target/`: the tests' corpora must not take the
/// place of the caches a developer keeps for their own corpora (the cache keeps a few, the
/// most recently opened). A test that needs its own cache sets `XDG_CACHE_HOME` again.
pub fn dossier() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command.env("XDG_CACHE_HOME", Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-cache"));
    command
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    dossier().args(args).current_dir(dir).output().expect("dossier runs")
}

pub fn stdout_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout, where the measuring corpora live (absent on a bare machine:
/// the tests that need it are `#[ignore = "needs ../shared"]`).
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    p.join("corpora").is_dir().then_some(p)
}

/// The seed files with their contents.
pub fn seed_files() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(repo().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                format!("seeds/{}", p.file_name().unwrap().to_string_lossy()),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A folder holding copies of the seed files, as a user's corpus would.
pub fn seed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in seed_files() {
        std::fs::write(dir.path().join(path.trim_start_matches("seeds/")), text).unwrap();
    }
    dir
}

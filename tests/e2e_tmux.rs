//! End to end: the release binary in a real terminal (tmux), driven by keys.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

/// The release binary, built if it is not there yet.
fn release_binary() -> PathBuf {
    let bin = repo().join("target/release/dossier");
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--bin", "dossier"])
        .current_dir(repo())
        .status()
        .expect("cargo runs");
    assert!(status.success(), "release build failed");
    assert!(bin.exists());
    bin
}

struct Tmux {
    session: String,
}

impl Tmux {
    /// `name` keeps the sessions of tests running side by side apart.
    fn start(name: &str, width: u16, height: u16) -> Tmux {
        let session = format!("dossier-e2e-{name}-{}", std::process::id());
        let ok = Command::new("tmux")
            .args(["new-session", "-d", "-s", &session, "-x", &width.to_string(), "-y", &height.to_string()])
            .args([
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "TERM=xterm-256color",
                "HOME=/tmp",
                "PS1=READY$ ",
                "bash",
                "--norc",
                "--noprofile",
            ])
            .status()
            .expect("tmux runs")
            .success();
        assert!(ok, "tmux could not start");
        Tmux { session }
    }

    fn keys(&self, keys: &[&str]) {
        let ok = Command::new("tmux")
            .args(["send-keys", "-t", &self.session])
            .args(keys)
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }

    fn literal(&self, text: &str) {
        let ok = Command::new("tmux")
            .args(["send-keys", "-l", "-t", &self.session, text])
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux").args(["capture-pane", "-p", "-t", &self.session]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen satisfies `check`, or fails with the last screen.
    fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if check(&s) {
                return s;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["kill-session", "-t", &self.session]).status();
    }
}

/// The list pane: the left 42% of the rows between the top border and the timeline pane.
fn list_titles(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with('└'))
        .filter_map(|l| l.strip_prefix('│'))
        .map(|l| l.split('│').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn filter_open_back_and_quit_in_a_real_terminal() {
    let bin = release_binary();
    let t = Tmux::start("seeds", 100, 30);
    t.wait_for("the shell", |s| s.contains("READY$"));
    t.literal(&format!("cd /tmp && {} ; echo EXIT=$?", bin.display()));
    t.keys(&["Enter"]);
    t.wait_for("the seeds", |s| s.contains("Articles 5"));

    t.literal("/Hagiuda");
    let mentioning: Vec<String> =
        seed_files().into_iter().filter(|(_, text)| text.contains("Hagiuda")).map(|(p, _)| p).collect();
    let screen = t.wait_for("the filtered list", |s| s.contains(&format!("Articles {}/5", mentioning.len())));
    let rows = list_titles(&screen);
    assert_eq!(rows.len(), mentioning.len(), "exactly the articles that mention Hagiuda:\n{screen}");
    assert!(!screen.contains("USA and Japan strengthen"), "002 does not mention Hagiuda");

    t.keys(&["Enter"]); // leave the prompt, keeping the filter
    t.keys(&["Enter"]); // open the selected article
    let screen = t.wait_for("the reader focused", |s| s.contains("hit ") || s.contains("n next hit"));
    assert!(screen.contains("Hagiuda"));

    t.keys(&["BSpace"]);
    t.wait_for("back in the list", |s| s.contains("s sort"));

    t.keys(&["q"]);
    // The shell prints the prompt a moment after the exit code.
    let screen =
        t.wait_for("the shell prompt again", |s| s.contains("EXIT=0") && s.trim_end().ends_with("READY$"));
    assert!(!screen.contains("Articles"), "the alternate screen is gone:\n{screen}");
    assert!(screen.trim_end().ends_with("READY$"), "prompt restored:\n{screen}");
}

#[test]
fn a_folder_opened_again_comes_from_the_cache() {
    let bin = release_binary();
    let corpus = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let seeds = seed_files();
    for (path, text) in &seeds {
        let name = path.trim_start_matches("seeds/");
        std::fs::write(corpus.path().join(name), text).unwrap();
    }
    let t = Tmux::start("cache", 100, 30);
    t.wait_for("the shell", |s| s.contains("READY$"));
    let open = format!(
        "XDG_CACHE_HOME={} {} {} ; echo EXIT=$?",
        cache.path().display(),
        bin.display(),
        corpus.path().display()
    );
    for round in ["first", "second"] {
        t.literal(&open);
        t.keys(&["Enter"]);
        let screen = t.wait_for("loaded", |s| {
            s.contains("Articles 5") && (s.contains("5 articles  ") || s.contains("from the cache"))
        });
        assert_eq!(screen.contains("from the cache"), round == "second", "{round} open:\n{screen}");
        // The reader's text comes back from the index, cached or not.
        t.keys(&["Enter"]);
        t.wait_for("the reader", |s| s.contains("Articles 5") && !s.contains("reading the article"));
        t.keys(&["q"]);
        t.wait_for("the shell prompt again", |s| s.contains("EXIT=0") && s.trim_end().ends_with("READY$"));
        t.keys(&["C-l"]);
        t.wait_for("a clear screen", |s| !s.contains("EXIT=0"));
    }
}

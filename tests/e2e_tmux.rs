//! End to end: the binary in a real terminal (tmux), driven by keys.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

/// The binary cargo built for these tests: the same code a user runs, without a second
/// (release) build of the whole project.
fn dossier_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dossier"))
}

/// The shell command that opens `corpus` in dossier with its cache in `cache`.
fn open_in_cache(cache: &std::path::Path, corpus: &std::path::Path) -> String {
    format!("env XDG_CACHE_HOME={} {} {}", cache.display(), dossier_binary().display(), corpus.display())
}

struct Tmux {
    session: String,
}

/// A tmux command on the test's own server: tests start side by side, and several starting
/// the one default server at once could make one of them fail ("tmux could not start").
fn tmux(session: &str) -> Command {
    let mut command = Command::new("tmux");
    command.args(["-L", session]);
    command
}

impl Tmux {
    /// `name` keeps the sessions of tests running side by side apart.
    fn start(name: &str, width: u16, height: u16) -> Tmux {
        let session = format!("dossier-e2e-{name}-{}", std::process::id());
        let ok = tmux(&session)
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

    /// A shell in a new session (see `start`), given `command` to run.
    fn run(name: &str, width: u16, height: u16, command: &str) -> Tmux {
        let t = Tmux::start(name, width, height);
        t.wait_for("the shell", |s| s.contains("READY$"));
        t.literal(command);
        t.keys(&["Enter"]);
        t
    }

    fn keys(&self, keys: &[&str]) {
        let ok = tmux(&self.session)
            .args(["send-keys", "-t", &self.session])
            .args(keys)
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }

    fn literal(&self, text: &str) {
        let ok = tmux(&self.session)
            .args(["send-keys", "-l", "-t", &self.session, text])
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }

    fn screen(&self) -> String {
        let out = tmux(&self.session).args(["capture-pane", "-p", "-t", &self.session]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen satisfies `check`, or fails with the last screen.
    ///
    /// A capture can catch a frame half drawn (the top of the new frame over the bottom of the
    /// old, or of the shell's empty screen before the first), so a screen counts once a second
    /// capture a moment later satisfies `check` too; that one is returned.
    fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if check(&s) {
                std::thread::sleep(Duration::from_millis(50));
                let again = self.screen();
                if check(&again) {
                    return again;
                }
                continue;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = tmux(&self.session).args(["kill-server"]).status();
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
    let bin = dossier_binary();
    let t = Tmux::run("seeds", 100, 30, &format!("cd /tmp && {} ; echo EXIT=$?", bin.display()));
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
    let corpus = seed_folder();
    let cache = tempfile::tempdir().unwrap();
    let t = Tmux::start("cache", 100, 30);
    t.wait_for("the shell", |s| s.contains("READY$"));
    let open = format!("{} ; echo EXIT=$?", open_in_cache(cache.path(), corpus.path()));
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
    // A file added since: the cached corpus is shown, then brought up to date.
    let added = "Export talks\ndate 2022-08-02\n\nJapan and the Netherlands discussed export rules.\n";
    std::fs::write(corpus.path().join("new.txt"), added).unwrap();
    t.literal(&open);
    t.keys(&["Enter"]);
    let screen = t.wait_for("brought up to date", |s| s.contains("Articles 6"));
    assert!(screen.contains("updated from the folder: +1 article"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("the shell prompt again", |s| s.contains("EXIT=0") && s.trim_end().ends_with("READY$"));
}

impl Tmux {
    /// A tmux format value for the pane, such as `#{alternate_on}`.
    fn flag(&self, format: &str) -> String {
        let out = tmux(&self.session)
            .args(["display-message", "-p", "-t", &self.session, format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The pid of the program the shell in the pane runs.
    fn child_pid(&self) -> String {
        let shell = self.flag("#{pane_pid}");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let out = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
            let pid = String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("").to_string();
            if !pid.is_empty() {
                return pid;
            }
            assert!(Instant::now() < deadline, "no child of the shell");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Issue 9.5: a signal ends the interface the way `q` does: the terminal leaves the alternate
/// screen, stops reporting the mouse, and shows its cursor again.
#[test]
fn signals_leave_a_usable_terminal() {
    let corpus = seed_folder();
    for signal in ["TERM", "INT", "HUP", "QUIT"] {
        let cache = tempfile::tempdir().unwrap();
        let open = format!("{} ; echo EXIT=$?", open_in_cache(cache.path(), corpus.path()));
        let t = Tmux::run(&format!("signal-{signal}"), 100, 30, &open);
        t.wait_for("the corpus", |s| s.contains("Articles 5"));
        let owners = || cache_owners(cache.path());
        assert_eq!(owners(), 1, "the running dossier holds its cache");
        assert_eq!(t.flag("#{alternate_on}"), "1");
        let pid = t.child_pid();
        assert!(Command::new("kill").args([&format!("-{signal}"), &pid]).status().unwrap().success());
        t.wait_for("the shell prompt again", |s| s.contains("EXIT=") && s.trim_end().ends_with("READY$"));
        assert_eq!(t.flag("#{alternate_on}"), "0", "SIG{signal}: out of the alternate screen");
        assert_eq!(t.flag("#{cursor_flag}"), "1", "SIG{signal}: the cursor is visible");
        assert_eq!(t.flag("#{mouse_any_flag}"), "0", "SIG{signal}: the mouse is let go");
        assert_eq!(owners(), 0, "SIG{signal}: the cache is let go");
    }
}

/// A terminal window closed under dossier (the pane goes, and a HUP comes) ends it the way
/// `q` does: the cache is let go, and nothing panics on the way out, though the terminal
/// cannot be restored or written to.
#[test]
fn a_closed_terminal_ends_dossier_without_a_panic() {
    let corpus = seed_folder();
    let cache = tempfile::tempdir().unwrap();
    let t = Tmux::run("closed", 100, 30, &format!("exec {}", open_in_cache(cache.path(), corpus.path())));
    t.wait_for("the corpus", |s| s.contains("Articles 5"));
    let pid = t.flag("#{pane_pid}");
    assert!(tmux(&t.session).args(["kill-session", "-t", &t.session]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        assert!(Instant::now() < deadline, "dossier is still running");
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = std::fs::read_to_string(cache.path().join("dossier/dossier.log")).unwrap();
    // The hang-up, the input thread's failed read and a frame drawn to the closed terminal race
    // each other: whichever comes first ends dossier, and says so.
    let closed =
        ["ending on a signal", "ending: the terminal's input closed", "ending: the screen cannot be drawn"]
            .iter()
            .any(|line| log.contains(line));
    assert!(closed, "{log}");
    assert!(!log.contains("panic"), "{log}");
    assert_eq!(cache_owners(cache.path()), 0, "the cache is let go");
}

/// The interface logs when an open became searchable, had its timeline in order, had its
/// folder checked and was complete (what `benches/whole-corpus.sh` reads, instead of reading
/// the screen many times a second): a first open, then a reopen from the cache.
#[test]
fn the_log_says_when_an_open_became_searchable_ordered_checked_and_complete() {
    let corpus = seed_folder();
    let cache = tempfile::tempdir().unwrap();
    let log_path = cache.path().join("dossier/dossier.log");
    let log = || std::fs::read_to_string(&log_path).unwrap_or_default();
    // Each milestone's time, from the lines the open logged (those after the first `seen`).
    let milestones = |seen: usize| -> Option<[u64; 4]> {
        let log = log();
        let since: Vec<&str> = log.lines().skip(seen).collect();
        let millis = |what: &str| -> Option<u64> {
            let line = since.iter().find_map(|l| l.split_once(&format!(": {what} millis=")))?.1;
            line.split_whitespace().next()?.parse().ok()
        };
        Some([millis("searchable")?, millis("ordered")?, millis("checked")?, millis("complete")?])
    };
    for (open, session) in [("first open", "milestones-first"), ("reopen", "milestones-again")] {
        let seen = log().lines().count();
        let t = Tmux::run(session, 100, 30, &open_in_cache(cache.path(), corpus.path()));
        let deadline = Instant::now() + Duration::from_secs(20);
        let [searchable, ordered, checked, complete] = loop {
            if let Some(found) = milestones(seen) {
                break found;
            }
            assert!(Instant::now() < deadline, "{open}: {}", log());
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(
            searchable <= ordered && searchable <= checked,
            "{open}: {searchable}, {ordered}, {checked} ms"
        );
        assert!(ordered <= complete && checked <= complete, "{open}: {ordered}, {checked} and {complete} ms");
        t.keys(&["q"]);
        let deadline = Instant::now() + Duration::from_secs(10);
        while cache_owners(cache.path()) > 0 {
            assert!(Instant::now() < deadline, "{open}: the cache is still held");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    assert_eq!(log().matches(": complete millis=").count(), 2, "{}", log());
}

/// Two interfaces on one corpus: the first keeps it in the cache; the second indexes it for
/// itself and says why. Once both have ended the cache is free, and a third open comes from it.
#[test]
fn a_second_interface_on_a_corpus_says_why_it_indexes_it_again() {
    let corpus = seed_folder();
    let cache = tempfile::tempdir().unwrap();
    let open = format!("{} ; echo EXIT=$?", open_in_cache(cache.path(), corpus.path()));
    let first = Tmux::run("first", 160, 30, &open);
    first.wait_for("the first open", |s| s.contains("Articles 5"));
    assert_eq!(cache_owners(cache.path()), 1);
    let second = Tmux::run("second", 160, 30, &open);
    let screen =
        second.wait_for("the second open", |s| s.contains("Articles 5") && s.contains("another dossier"));
    let pid = first_dossier_pid(cache.path());
    let why = format!("this corpus is open in another dossier (process {pid}): indexing it again here");
    assert!(screen.contains(&why), "{why}:\n{screen}");
    for t in [&second, &first] {
        t.keys(&["q"]);
        t.wait_for("the shell prompt again", |s| s.contains("EXIT=0") && s.trim_end().ends_with("READY$"));
    }
    assert_eq!(cache_owners(cache.path()), 0, "the lock goes with the process");
    let third = Tmux::run("third", 160, 30, &open);
    let screen =
        third.wait_for("the third open", |s| s.contains("Articles 5") && s.contains("from the cache"));
    assert!(!screen.contains("another dossier"), "{screen}");
}

/// The process number the one corpus cache under `cache` names as its owner.
fn first_dossier_pid(cache: &std::path::Path) -> String {
    let mut owners =
        std::fs::read_dir(cache.join("dossier")).unwrap().flatten().map(|e| e.path().join("owner"));
    std::fs::read_to_string(owners.find(|o| o.exists()).unwrap()).unwrap()
}

/// How many corpus caches under `cache` a running dossier holds: their owner file is locked.
fn cache_owners(cache: &std::path::Path) -> usize {
    let held = |owner: std::path::PathBuf| {
        std::fs::File::open(owner)
            .is_ok_and(|f| matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)))
    };
    std::fs::read_dir(cache.join("dossier"))
        .unwrap()
        .flatten()
        .filter(|e| held(e.path().join("owner")))
        .count()
}

/// Issue 9.2: 5,000 `(` pasted into the prompt get a message; the interface goes on.
#[test]
fn a_huge_paste_into_the_prompt_gets_a_message() {
    let bin = dossier_binary();
    let t = Tmux::run("paste", 100, 30, &format!("cd /tmp && {} ; echo EXIT=$?", bin.display()));
    t.wait_for("the seeds", |s| s.contains("Articles 5"));
    t.keys(&["/"]);
    let ok = tmux(&t.session).args(["set-buffer", "-b", "parens", &"(".repeat(5_000)]).status().unwrap();
    assert!(ok.success());
    let ok =
        tmux(&t.session).args(["paste-buffer", "-p", "-b", "parens", "-t", &t.session]).status().unwrap();
    assert!(ok.success());
    let screen = t.wait_for("the message", |s| s.contains("the limit is 1000"));
    assert!(screen.contains("Articles 5"), "the interface is alive:\n{screen}");
    t.keys(&["Escape"]);
    // Escape and / sent together would read as Alt-/.
    t.wait_for("the prompt closed", |s| !s.contains("the limit is 1000"));
    t.literal("/Hagiuda");
    t.wait_for("a filter still works", |s| s.contains("Articles 4/5"));
    // Escape and q sent together would read as Alt-q.
    t.keys(&["Escape"]);
    t.wait_for("the prompt closed", |s| s.contains("Articles 5 "));
    t.keys(&["q"]);
    t.wait_for("exit 0", |s| s.contains("EXIT=0"));
}

/// Issue 10: a journalist at 80x24 picks Koichi Hagiuda in the entity pane, sees his mentions
/// counted and highlighted, jumps to one with `n`, and goes back with Backspace; and `/Hag`
/// finds the four articles while it is typed.
#[test]
fn following_a_person_at_80x24() {
    let bin = dossier_binary();
    let t = Tmux::run(
        "person",
        80,
        24,
        &format!("cd /tmp && XDG_STATE_HOME=/tmp/dossier-e2e-state {} ; echo EXIT=$?", bin.display()),
    );
    t.wait_for("the seeds", |s| s.contains("Articles 5"));
    t.keys(&["e"]);
    t.wait_for("the entity pane", |s| s.contains("Entities"));
    t.keys(&["/"]);
    t.literal("Hagiuda");
    t.wait_for("the entity found", |s| s.contains("1 entity"));
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    let screen = t.wait_for("the filtered list", |s| s.contains("Articles 4/5"));
    let counts: Vec<usize> = screen
        .lines()
        .filter(|l| l.starts_with('│') && l.contains('×'))
        .filter_map(|l| l.rsplit('×').nth(1)?.rsplit(' ').next()?.parse().ok())
        .collect();
    assert_eq!(counts.len(), 4, "a count on each row:\n{screen}");
    assert!(counts.iter().all(|&c| c > 0), "{screen}");
    t.keys(&["Enter"]);
    t.keys(&["n"]);
    let screen = t.wait_for("a hit", |s| s.contains("hit 1/"));
    assert!(screen.contains("Hagiuda"), "{screen}");
    t.keys(&["BSpace"]);
    t.wait_for("back in the list, still filtered", |s| s.contains("Articles 4/5") && !s.contains("n hit"));
    t.keys(&["BSpace"]);
    t.wait_for("back in the entity pane, before the filter", |s| {
        s.contains("5 articles") && s.contains("Entities 1 ")
    });
    t.keys(&["Escape"]);
    // Escape and Tab sent together would read as Alt-Tab; Escape changes nothing on screen
    // here, so the next key comes a person's pause later.
    std::thread::sleep(Duration::from_millis(150));
    t.keys(&["Tab"]);
    t.wait_for("the list", |s| s.contains("Articles 5 "));
    t.keys(&["/"]);
    t.literal("Hag");
    t.wait_for("four articles while typing", |s| s.contains("Articles 4/5") && s.contains("4 matches"));
    t.keys(&["Escape"]);
    t.wait_for("the prompt closed", |s| s.contains("Articles 5 "));
    t.keys(&["q"]);
    t.wait_for("exit 0", |s| s.contains("EXIT=0"));
}

/// Issue 11: the timeline opens, takes the whole screen with `z`, and Enter on an event shows
/// its sentence in the reader.
#[test]
fn the_timeline_enlarges_and_leads_to_an_events_sentence() {
    let bin = dossier_binary();
    let t = Tmux::run("timeline", 80, 24, &format!("cd /tmp && {} ; echo EXIT=$?", bin.display()));
    t.wait_for("the seeds", |s| s.contains("Articles 5"));
    t.keys(&["t"]);
    t.wait_for("the timeline", |s| s.contains("Timeline") && s.contains("by year"));
    t.keys(&["z"]);
    let screen =
        t.wait_for("the timeline on the whole screen", |s| s.contains("Timeline") && !s.contains("1person"));
    let rows = screen.lines().filter(|l| l.starts_with('│')).count();
    assert!(rows >= 20, "it has the screen's rows:\n{screen}");
    t.keys(&["G"]);
    t.wait_for("the last event", |s| s.contains("The centre will"));
    t.keys(&["Enter"]);
    let screen = t.wait_for("the reader on the event", |s| {
        s.contains("1person") && s.contains("prototype production line")
    });
    assert!(screen.contains("[") && screen.contains("seeds/003"), "the event's article:\n{screen}");
    t.keys(&["q"]);
    t.wait_for("exit 0", |s| s.contains("EXIT=0"));
}

/// Issue 14: the timeline exported from the keys as TimelineJS JSON and as CSV, into the
/// folder dossier was started in; both parse and hold the seeds' dates.
#[test]
fn the_timeline_exports_from_the_keys() {
    let bin = dossier_binary();
    let here = tempfile::tempdir().unwrap();
    let t = Tmux::run(
        "export",
        100,
        30,
        &format!("cd {} && {} ; echo EXIT=$?", here.path().display(), bin.display()),
    );
    // An export asked for while the corpus loads or its timeline is put in order is refused.
    // Loading reads "loading 40% ..." and then, the text searchable, "5 searchable · entities
    // and timeline 60%".
    t.wait_for("the seeds loaded, their timeline in order", |s| {
        s.contains("Articles 5") && !["loading", "searchable", "ordering"].iter().any(|w| s.contains(w))
    });
    t.keys(&["t"]);
    t.wait_for("the timeline", |s| s.contains("Timeline"));
    for name in ["seeds.timeline.json", "seeds.csv"] {
        t.keys(&["x"]);
        t.wait_for("the question", |s| s.contains("export to"));
        t.keys(&["C-u"]);
        t.literal(name);
        t.keys(&["Enter"]);
        t.wait_for("the export", |s| s.contains(&format!("exported the timeline to {name}")));
    }
    t.keys(&["q"]);
    t.wait_for("exit 0", |s| s.contains("EXIT=0"));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(here.path().join("seeds.timeline.json")).unwrap())
            .unwrap();
    let events = doc["events"].as_array().unwrap();
    assert!(events.iter().any(|e| e["start_date"]["year"] == "2022"
        && e["start_date"]["month"] == "7"
        && e["start_date"]["day"] == "29"));
    let mut csv = csv::Reader::from_path(here.path().join("seeds.csv")).unwrap();
    let dates: Vec<String> = csv.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert!(
        dates.contains(&"2022-07-29".to_string()) && dates.contains(&"2022-07-20".to_string()),
        "{dates:?}"
    );
}

/// Issue 14: a key remapped in a config file is the key, and the help says so.
#[test]
fn a_key_remapped_in_the_config_file_shows_in_the_help() {
    let bin = dossier_binary();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nshow-timeline = \"T\"\n").unwrap();
    let t = Tmux::run(
        "config",
        100,
        30,
        &format!("cd /tmp && {} --config {} ; echo EXIT=$?", bin.display(), config.display()),
    );
    t.wait_for("the seeds", |s| s.contains("Articles 5"));
    t.keys(&["?"]);
    let help = t.wait_for("the help", |s| s.contains("Keys ("));
    assert!(help.lines().any(|l| l.contains("T  timeline")), "{help}");
    assert!(!help.lines().any(|l| l.contains("t  timeline")), "{help}");
    t.keys(&["Escape"]);
    // Sent together, Escape and T read as Alt-T: a person's T comes after the help is gone.
    t.wait_for("the help closed", |s| !s.contains("Keys ("));
    t.keys(&["T"]);
    t.wait_for("the timeline on T", |s| s.contains("Timeline"));
    t.keys(&["q"]);
    t.wait_for("exit 0", |s| s.contains("EXIT=0"));
}

/// Issue 14: a damaged bookmarks file is reported and set aside; the interface goes on.
#[test]
fn a_damaged_bookmarks_file_does_not_stop_the_interface() {
    let bin = dossier_binary();
    let corpus = seed_folder();
    let data = tempfile::tempdir().unwrap();
    let file =
        dossier::index::cache::corpus_dir(&data.path().join("dossier"), &[corpus.path().to_path_buf()])
            .join("marks.json");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "{\"articles\": [\"a.txt\"").unwrap();
    let t = Tmux::run(
        "marks",
        100,
        30,
        &format!(
            "XDG_DATA_HOME={} {} {} ; echo EXIT=$?",
            data.path().display(),
            bin.display(),
            corpus.path().display()
        ),
    );
    // The notice can come before the corpus is in: both are waited for.
    t.wait_for("the notice and the corpus", |s| {
        s.contains("bookmarks could not be read") && s.contains("Articles 5")
    });
    t.keys(&["m"]);
    t.wait_for("a new mark", |s| s.contains("★"));
    t.keys(&["q"]);
    t.wait_for("exit 0", |s| s.contains("EXIT=0"));
    let kept: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(kept["articles"].as_array().unwrap().len(), 1, "the new mark is kept");
}

/// Issue 15: with `--watch`, an article copied into the open folder appears in the list and in
/// a search without a restart, and the status bar says what changed; `w` stops watching.
#[test]
fn a_watched_folder_takes_in_a_new_article() {
    let bin = dossier_binary();
    let corpus = seed_folder();
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::run(
        "watch",
        120,
        35,
        &format!(
            "XDG_CACHE_HOME={0}/cache XDG_DATA_HOME={0}/data XDG_STATE_HOME={0}/state {1} --watch {2}",
            home.path().display(),
            bin.display(),
            corpus.path().display()
        ),
    );
    t.wait_for("loaded and watching", |s| s.contains("Articles 5") && s.contains("5 articles · watching"));
    std::fs::write(
        corpus.path().join("zz-new.txt"),
        "Quantum export talks\ndate 2022-08-02\n\nJapan and the Netherlands discussed quantumtalk rules.\n",
    )
    .unwrap();
    let screen = t.wait_for("the new article", |s| s.contains("Articles 6") && s.contains("+1 article"));
    assert!(list_titles(&screen).iter().any(|t| t.contains("Quantum export talks")), "{screen}");
    t.keys(&["/"]);
    t.literal("quantumtalk");
    t.keys(&["Enter"]);
    let screen = t.wait_for("the search", |s| s.contains("1/6 · quantumtalk"));
    assert!(list_titles(&screen).iter().any(|t| t.contains("Quantum export talks")), "{screen}");
    // Watching off: a removed file stays until watching is on again, which catches up.
    t.keys(&["Escape"]);
    // Escape and w sent together would read as Alt-w.
    t.wait_for("the filter cleared", |s| s.contains("Articles 6 "));
    t.keys(&["w"]);
    t.wait_for("stopped", |s| s.contains("stopped watching"));
    std::fs::remove_file(corpus.path().join("zz-new.txt")).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let screen = t.screen();
    assert!(screen.contains("Articles 6"), "not watching: nothing changes\n{screen}");
    t.keys(&["w"]);
    t.wait_for("caught up", |s| s.contains("Articles 5") && s.contains("removed"));
    t.keys(&["q"]);
}

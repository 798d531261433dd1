//! A corpus's cache: its two indexes and what the interface needs to show it, kept under the
//! user's cache directory and reused as long as no file changed (the same files, with the same
//! sizes and modification times). Nothing is ever written into the corpus itself.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::state::STATE_FILE;
pub use super::state::invalidate;
use anyhow::{Context, Result};

/// Bumped whenever what is cached changes meaning or layout.
pub(super) const FORMAT: u32 = 17;
/// Corpora whose caches are kept; the least recently opened go first.
const KEPT: usize = 4;
const OWNER_FILE: &str = "owner";

/// `$XDG_CACHE_HOME/dossier` (or the platform's equivalent).
pub fn cache_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("dossier"))
}

/// What to tell the user when `XDG_CACHE_HOME` is `set` to a path that is not absolute: the
/// XDG rules have such a value ignored, and a cache silently elsewhere (in `used`) is one the
/// user cannot find, or one shared with the runs it was meant to be kept apart from.
pub fn ignored_cache_home(set: Option<&std::ffi::OsStr>, used: Option<&Path>) -> Option<String> {
    let set = Path::new(set.filter(|s| !s.is_empty())?);
    if set.is_absolute() {
        return None;
    }
    let used = used.map_or_else(|| "memory".to_string(), |dir| dir.display().to_string());
    Some(format!(
        "XDG_CACHE_HOME ({}) is not an absolute path and is ignored: the cache is in {used}",
        set.display()
    ))
}

/// Index directories left by a dossier that was killed: their process is gone.
pub fn remove_abandoned(cache: &Path) {
    let Ok(entries) = std::fs::read_dir(cache) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("index-"))
            .and_then(|n| n.split('-').next())
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if !dossier_running(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Where a corpus opened with these paths is cached.
pub fn corpus_dir(cache: &Path, paths: &[PathBuf]) -> PathBuf {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for p in paths {
        let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        hasher.update(p.as_os_str().as_encoded_bytes());
        hasher.update(&[0]);
    }
    cache.join(format!("corpus-{:016x}", hasher.digest()))
}

/// Throws away a corpus's cached indexes and state (damaged ones), keeping the directory.
pub fn discard(dir: &Path) {
    invalidate(dir);
    super::checked::Checked::forget(dir);
    for sub in ["text", "notes"] {
        let _ = std::fs::remove_dir_all(dir.join(sub));
    }
}

/// A corpus cache another dossier holds (or another open in this process); the number of its
/// process, when it wrote it.
#[derive(Debug)]
pub struct InUse {
    pub dir: PathBuf,
    pub pid: Option<u32>,
}

impl std::fmt::Display for InUse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.pid {
            Some(pid) => write!(f, "{} is in use by dossier process {pid}", self.dir.display()),
            None => write!(f, "{} is in use by another dossier", self.dir.display()),
        }
    }
}

impl std::error::Error for InUse {}

/// This process's hold on a corpus cache: one dossier at a time writes it. The hold is a lock
/// on the directory's owner file, taken and tested in one step: two dossiers started at the
/// same moment both found no owner in the file and both went on, and the second failed on
/// tantivy's own lock. The system lets go of the lock when the file is closed, with the claim
/// or with the process however it ends, so a killed dossier leaves no stale claim. The file
/// stays, with the number of the process that last held it, for the message; removing it
/// would let a dossier lock the removed file while another locks a new one.
#[derive(Debug)]
pub struct Claim {
    dir: PathBuf,
    /// Locked for as long as the claim lasts.
    _owner: std::fs::File,
}

impl Claim {
    /// Takes the cache directory unless another dossier (or another open in this process)
    /// holds it.
    pub fn take(dir: &Path) -> Result<Claim> {
        use std::io::Write;
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(OWNER_FILE);
        let mut owner = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        match owner.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let pid = std::fs::read_to_string(&path).ok().and_then(|pid| pid.trim().parse().ok());
                return Err(InUse { dir: dir.to_path_buf(), pid }.into());
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
        // The number is only for another dossier's message: the lock is the claim.
        owner.set_len(0).and_then(|()| write!(owner, "{}", std::process::id())).ok();
        Ok(Claim { dir: dir.to_path_buf(), _owner: owner })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Whether `pid` is a live dossier: not gone, not a zombie waiting to be reaped, and not some
/// other program that was given the same number since. Where there is no `/proc`, assume so.
fn dossier_running(pid: u32) -> bool {
    // This process is running, whatever its binary is called: a test binary (`dossier-<hash>`)
    // or a renamed copy counted itself gone, and one open cleared another's live index.
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    let dir = proc.join(pid.to_string());
    let Ok(stat) = std::fs::read_to_string(dir.join("stat")) else { return false };
    // The state follows the command name, which is in parentheses and may hold spaces.
    let state = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().next());
    let comm = std::fs::read_to_string(dir.join("comm")).unwrap_or_default();
    !matches!(state, Some("Z" | "X")) && comm.trim() == env!("CARGO_PKG_NAME")
}

/// Removes the caches of the corpora opened longest ago, beyond the few kept.
pub fn evict(cache: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(cache) else { return };
    // Each cache not in use is claimed while this looks at it, so that none is removed while
    // a dossier opens it; the claims of those kept are let go of at the end.
    let mut caches: Vec<(SystemTime, Claim)> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("corpus-") && e.path() != keep)
        .filter_map(|e| Claim::take(&e.path()).ok())
        .map(|claim| {
            let used = std::fs::metadata(claim.dir().join(STATE_FILE))
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            (used, claim)
        })
        .collect();
    caches.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, claim) in caches.into_iter().skip(KEPT.saturating_sub(1)) {
        let _ = std::fs::remove_dir_all(claim.dir());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_live_dossier_counts_as_running() {
        assert!(!dossier_running(u32::MAX), "no such process");
        // This test binary is not named dossier, and runs.
        assert!(dossier_running(std::process::id()));
    }

    /// Two opens in one process, side by side (as the tests run): the second does not take
    /// the first's index directory for one a killed dossier left.
    #[test]
    fn an_open_leaves_this_processs_own_index_directories() {
        let cache = tempfile::tempdir().unwrap();
        let mine = cache.path().join(format!("index-{}-abc", std::process::id()));
        let gone = cache.path().join(format!("index-{}-abc", u32::MAX));
        std::fs::create_dir_all(&mine).unwrap();
        std::fs::create_dir_all(&gone).unwrap();
        remove_abandoned(cache.path());
        assert!(mine.exists(), "this process's own");
        assert!(!gone.exists(), "a process that is gone");
    }

    #[test]
    fn a_claim_holds_until_let_go_and_a_killed_dossiers_file_holds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus-1");
        let claim = Claim::take(&corpus).unwrap();
        let refused = Claim::take(&corpus).unwrap_err().to_string();
        assert!(
            refused.ends_with(&format!("is in use by dossier process {}", std::process::id())),
            "{refused}"
        );
        drop(claim);
        // What a killed dossier leaves: the file with its number in it, and no lock.
        std::fs::write(corpus.join(OWNER_FILE), "1").unwrap();
        assert!(Claim::take(&corpus).is_ok());
    }

    /// A relative XDG_CACHE_HOME is ignored by the XDG rules, and said to be; an absolute one,
    /// an empty one or none is not worth a word.
    #[test]
    fn a_relative_cache_home_is_said_to_be_ignored() {
        let used = Path::new("/home/u/.cache/dossier");
        let said = ignored_cache_home(Some("target/cache".as_ref()), Some(used));
        assert_eq!(
            said.as_deref(),
            Some(
                "XDG_CACHE_HOME (target/cache) is not an absolute path and is ignored: the cache is in /home/u/.cache/dossier"
            )
        );
        assert!(ignored_cache_home(Some("~/cache".as_ref()), None).is_some_and(|s| s.ends_with("in memory")));
        for quiet in [Some("/tmp/cache"), Some(""), None] {
            assert_eq!(ignored_cache_home(quiet.map(AsRef::as_ref), Some(used)), None, "{quiet:?}");
        }
    }

    /// Claims taken at the same moment: one holds at a time, whoever they are.
    #[test]
    fn claims_taken_side_by_side_hold_one_at_a_time() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus-1");
        let (holding, most, taken) = (AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..200 {
                        let Ok(claim) = Claim::take(&corpus) else { continue };
                        let now = holding.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        taken.fetch_add(1, Ordering::SeqCst);
                        std::thread::yield_now();
                        holding.fetch_sub(1, Ordering::SeqCst);
                        drop(claim);
                    }
                });
            }
        });
        assert_eq!(most.into_inner(), 1);
        assert!(taken.into_inner() > 0);
    }

    /// The caches beyond the few kept go, the least recently used first; one in use stays.
    #[test]
    fn eviction_passes_over_a_cache_in_use() {
        let cache = tempfile::tempdir().unwrap();
        let dir = |i: usize| cache.path().join(format!("corpus-{i}"));
        for i in 0..KEPT + 2 {
            std::fs::create_dir_all(dir(i)).unwrap();
            let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000 * (i as u64 + 1));
            let state = std::fs::File::create(dir(i).join(STATE_FILE)).unwrap();
            state.set_modified(at).unwrap();
        }
        // The oldest is open in a dossier; the newest is the one being opened.
        let open = Claim::take(&dir(0)).unwrap();
        evict(cache.path(), &dir(KEPT + 1));
        let left: Vec<bool> = (0..KEPT + 2).map(|i| dir(i).exists()).collect();
        assert_eq!(left, [true, false, true, true, true, true]);
        drop(open);
    }
}

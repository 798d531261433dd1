//! A corpus's cache: its two indexes and what the interface needs to show it, kept under the
//! user's cache directory and reused as long as no file changed (the same files, with the same
//! sizes and modification times). Nothing is ever written into the corpus itself.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::state::STATE_FILE;
pub use super::state::invalidate;
use anyhow::{Context, Result};

/// Bumped whenever what is cached changes meaning or layout.
pub(super) const FORMAT: u32 = 15;
/// Corpora whose caches are kept; the least recently opened go first.
const KEPT: usize = 4;
const OWNER_FILE: &str = "owner";

/// `$XDG_CACHE_HOME/dossier` (or the platform's equivalent).
pub fn cache_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("dossier"))
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

/// This process's hold on a corpus cache: one dossier at a time writes it.
#[derive(Debug)]
pub struct Claim {
    dir: PathBuf,
}

impl Claim {
    /// Takes the cache directory unless a running dossier holds it.
    pub fn take(dir: &Path) -> Result<Claim> {
        Claim::take_unless(dir, dossier_running)
    }

    fn take_unless(dir: &Path, running: impl Fn(u32) -> bool) -> Result<Claim> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let owner = dir.join(OWNER_FILE);
        if let Some(pid) = std::fs::read_to_string(&owner).ok().and_then(|s| s.trim().parse::<u32>().ok())
            && pid != std::process::id()
            && running(pid)
        {
            anyhow::bail!("{} is in use by dossier process {pid}", dir.display());
        }
        std::fs::write(&owner, std::process::id().to_string())
            .with_context(|| format!("cannot write {}", owner.display()))?;
        Ok(Claim { dir: dir.to_path_buf() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(self.dir.join(OWNER_FILE));
    }
}

/// Whether `pid` is a live dossier: not gone, not a zombie waiting to be reaped, and not some
/// other program that was given the same number since. Where there is no `/proc`, assume so.
pub fn dossier_running(pid: u32) -> bool {
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
    let mut caches: Vec<(SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("corpus-"))
        .filter(|e| e.path() != keep && !e.path().join(OWNER_FILE).exists())
        .map(|e| {
            let used = std::fs::metadata(e.path().join(STATE_FILE))
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            (used, e.path())
        })
        .collect();
    caches.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, dir) in caches.into_iter().skip(KEPT.saturating_sub(1)) {
        let _ = std::fs::remove_dir_all(dir);
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
    fn a_running_dossier_keeps_its_claim() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus-1");
        let claim = Claim::take(&corpus).unwrap();
        // Pretend another dossier (pid 1) holds it.
        std::fs::write(corpus.join(OWNER_FILE), "1").unwrap();
        assert!(Claim::take_unless(&corpus, |pid| pid == 1).is_err());
        // Pid 1 is not a dossier: the claim it left is stale.
        assert!(Claim::take(&corpus).is_ok());
        drop(claim);
        assert!(!corpus.join(OWNER_FILE).exists(), "released on drop");
    }
}

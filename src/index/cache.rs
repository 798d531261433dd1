//! A corpus's cache: its two indexes and what the interface needs to show it, kept under the
//! user's cache directory and reused as long as no file changed (the same files, with the same
//! sizes and modification times). Nothing is ever written into the corpus itself.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::analysis::{EntityKind, Summary};
use crate::corpus::{Article, Skipped, SourceFile};

/// Bumped whenever what is cached changes meaning or layout.
const FORMAT: u32 = 2;
/// Corpora whose caches are kept; the least recently opened go first.
const KEPT: usize = 4;
const STATE_FILE: &str = "state.bin";
const OWNER_FILE: &str = "owner";

/// Everything the interface is shown about a loaded corpus, besides the indexes.
#[derive(Debug, Serialize, Deserialize)]
pub struct Cached {
    format: u32,
    fingerprint: u64,
    pub articles: Vec<Arc<Article>>,
    pub summaries: Vec<Arc<Summary>>,
    pub skipped: Vec<Skipped>,
    /// Corpus-wide entity names: (kind, short name, full name).
    pub renames: Vec<(EntityKind, Arc<str>, Arc<str>)>,
    pub bytes: u64,
    /// The corpus's paths as the user spelled them, which the articles' paths start with.
    pub roots: Vec<String>,
}

impl Cached {
    pub fn new(
        fingerprint: u64,
        articles: Vec<Arc<Article>>,
        summaries: Vec<Arc<Summary>>,
        skipped: Vec<Skipped>,
        renames: Vec<(EntityKind, Arc<str>, Arc<str>)>,
        bytes: u64,
    ) -> Cached {
        Cached {
            format: FORMAT,
            fingerprint,
            articles,
            summaries,
            skipped,
            renames,
            bytes,
            roots: Vec::new(),
        }
    }

    /// Shows the paths as spelled now (`../x` then `/home/me/x` is one corpus, one cache).
    pub fn respell(&mut self, roots: &[String]) {
        if self.roots == roots || self.roots.len() != roots.len() {
            return;
        }
        let respelled = |path: &str| {
            self.roots.iter().zip(roots).find_map(|(old, new)| {
                path.strip_prefix(old.as_str())
                    .filter(|rest| rest.is_empty() || rest.starts_with(['/', '#']))
                    .map(|rest| format!("{new}{rest}"))
            })
        };
        for article in &mut self.articles {
            if let Some(path) = respelled(&article.path) {
                Arc::make_mut(article).path = path;
            }
        }
        for s in &mut self.skipped {
            if let Some(path) = respelled(&s.path) {
                s.path = path;
            }
        }
        self.roots = roots.to_vec();
    }
}

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

/// What a corpus is, for the cache: every file's real path, size, times, mode and owner (so a
/// file that became readable, or unreadable, is looked at again), and the files skipped while
/// listing.
pub fn fingerprint(files: &[SourceFile], skipped: &[Skipped]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&FORMAT.to_le_bytes());
    for f in files {
        hasher.update(f.path.as_os_str().as_encoded_bytes());
        hasher.update(&[0]);
        hasher.update(&f.size.to_le_bytes());
        let stamp = f.stamp;
        hasher.update(&stamp.modified_ns.to_le_bytes());
        hasher.update(&stamp.changed_ns.to_le_bytes());
        hasher.update(&stamp.mode.to_le_bytes());
        hasher.update(&stamp.owner.0.to_le_bytes());
        hasher.update(&stamp.owner.1.to_le_bytes());
    }
    for s in skipped {
        hasher.update(s.path.as_bytes());
        hasher.update(&[0]);
    }
    hasher.digest()
}

/// What a state file starts with, before its checksum and its contents.
const MAGIC: &[u8; 8] = b"dossier\x01";

/// The cached state, if there is one for exactly this corpus; an error says how the file is
/// damaged (it is checked against the checksum it was written with).
pub fn load(dir: &Path, fingerprint: u64) -> Result<Option<Cached>, String> {
    let Ok(bytes) = std::fs::read(dir.join(STATE_FILE)) else { return Ok(None) };
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return Err(format!("{STATE_FILE} is not a dossier state file"));
    };
    let Some((format, rest)) = rest.split_first_chunk::<4>() else {
        return Err(format!("{STATE_FILE} is cut short"));
    };
    if u32::from_le_bytes(*format) != FORMAT {
        return Ok(None); // another version's: indexed again, nothing is wrong
    }
    let (sum, payload) = rest.split_at_checked(8).ok_or_else(|| format!("{STATE_FILE} is cut short"))?;
    let expected = u64::from_le_bytes(sum.try_into().map_err(|_| format!("{STATE_FILE} is cut short"))?);
    if xxhash_rust::xxh3::xxh3_64(payload) != expected {
        return Err(format!("{STATE_FILE} does not match its checksum"));
    }
    let cached: Cached =
        postcard::from_bytes(payload).map_err(|e| format!("{STATE_FILE} cannot be read: {e}"))?;
    Ok((cached.format == FORMAT && cached.fingerprint == fingerprint).then_some(cached))
}

/// Writes the state beside the indexes (whole or not at all), with a checksum.
pub fn save(dir: &Path, cached: &Cached) -> Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    let partial = dir.join(format!("{STATE_FILE}.partial"));
    let mut file =
        std::fs::File::create(&partial).with_context(|| format!("cannot write {}", partial.display()))?;
    file.write_all(MAGIC)?;
    file.write_all(&FORMAT.to_le_bytes())?;
    file.write_all(&[0; 8])?;
    // Streamed: the encoded corpus is never whole in memory; the checksum follows along.
    let hashing = Hashing { inner: std::io::BufWriter::new(file), hasher: xxhash_rust::xxh3::Xxh3::new() };
    let mut hashing = postcard::to_io(cached, hashing).context("cannot encode the cache")?;
    hashing.inner.flush().with_context(|| format!("cannot write {}", partial.display()))?;
    let sum = hashing.hasher.digest();
    let mut file = hashing.inner.into_inner().map_err(|e| e.into_error())?;
    file.seek(SeekFrom::Start(MAGIC.len() as u64 + 4))?;
    file.write_all(&sum.to_le_bytes())?;
    file.sync_all().with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(&partial, dir.join(STATE_FILE)).context("cannot finish writing the cache")?;
    Ok(())
}

/// A writer that hashes what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Marks the cache stale before its indexes are rebuilt.
pub fn invalidate(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(STATE_FILE));
}

/// Throws away a corpus's cached indexes and state (damaged ones), keeping the directory.
pub fn discard(dir: &Path) {
    invalidate(dir);
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
    use crate::corpus::{FileKind, FileStamp};

    fn file(path: &str, size: u64, secs: i128) -> SourceFile {
        SourceFile {
            path: PathBuf::from(path),
            shown: path.to_string(),
            kind: FileKind::Text,
            size,
            stamp: FileStamp { modified_ns: secs * 1_000_000_000, changed_ns: 0, mode: 0o644, owner: (1, 1) },
        }
    }

    #[test]
    fn a_changed_size_time_mode_or_file_changes_the_fingerprint() {
        let base = fingerprint(&[file("a.txt", 10, 1), file("b.txt", 20, 2)], &[]);
        assert_eq!(base, fingerprint(&[file("a.txt", 10, 1), file("b.txt", 20, 2)], &[]));
        assert_ne!(base, fingerprint(&[file("a.txt", 11, 1), file("b.txt", 20, 2)], &[]));
        assert_ne!(base, fingerprint(&[file("a.txt", 10, 9), file("b.txt", 20, 2)], &[]));
        assert_ne!(base, fingerprint(&[file("a.txt", 10, 1)], &[]));
        let mut unreadable = file("a.txt", 10, 1);
        unreadable.stamp.mode = 0o200;
        assert_ne!(base, fingerprint(&[unreadable, file("b.txt", 20, 2)], &[]), "chmod");
    }

    #[test]
    fn the_state_comes_back_only_for_the_same_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let articles: Vec<Arc<Article>> =
            crate::corpus::seeds::articles().into_iter().map(Arc::new).collect();
        let summaries = articles.iter().map(|_| Arc::new(Summary::default())).collect();
        let renames = vec![(EntityKind::Person, Arc::from("Blinken"), Arc::from("Antony Blinken"))];
        save(dir.path(), &Cached::new(7, articles.clone(), summaries, Vec::new(), renames, 99)).unwrap();
        let back = load(dir.path(), 7).unwrap().unwrap();
        assert_eq!(back.articles.len(), articles.len());
        assert_eq!(back.articles[1].title, articles[1].title);
        assert_eq!(back.articles[1].date, articles[1].date);
        assert_eq!(&*back.renames[0].2, "Antony Blinken");
        assert_eq!(back.bytes, 99);
        let mut respelled = back;
        respelled.roots = vec!["seeds".to_string()];
        respelled.respell(&["/srv/news/seeds".to_string()]);
        assert!(
            respelled.articles[1].path.starts_with("/srv/news/seeds/0"),
            "{}",
            respelled.articles[1].path
        );
        assert!(load(dir.path(), 8).unwrap().is_none(), "another corpus");
        let path = dir.path().join(STATE_FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(load(dir.path(), 7).unwrap_err().contains("checksum"), "a flipped bit is found");
        invalidate(dir.path());
        assert!(load(dir.path(), 7).unwrap().is_none(), "invalidated");
    }

    #[test]
    fn only_a_live_dossier_counts_as_running() {
        assert!(!dossier_running(u32::MAX), "no such process");
        // This test binary is alive but is not dossier.
        let me = std::fs::read_to_string("/proc/self/comm").unwrap_or_default();
        assert_eq!(dossier_running(std::process::id()), me.trim() == "dossier");
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

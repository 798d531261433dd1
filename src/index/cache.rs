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
const FORMAT: u32 = 3;
/// Corpora whose caches are kept; the least recently opened go first.
const KEPT: usize = 4;
const STATE_FILE: &str = "state.bin";
const OWNER_FILE: &str = "owner";

/// Everything the interface is shown about a loaded corpus, besides the indexes.
#[derive(Debug)]
pub struct Cached {
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
        Cached { fingerprint, articles, summaries, skipped, renames, bytes, roots: Vec::new() }
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

/// What a state file starts with, before its format and its frames.
const MAGIC: &[u8; 8] = b"dossier\x01";
/// Articles per frame of the state file: a frame is decoded (and its checksum checked) on its
/// own, so reading the state never holds more than one frame's bytes besides what it decoded.
const ARTICLES_PER_FRAME: usize = 1024;
/// No frame of ours is this large; a length field claiming more is damage, not a reason to
/// allocate.
const MAX_FRAME_BYTES: u32 = 256 * 1024 * 1024;

/// The first frame: everything but the articles, which follow it.
#[derive(Serialize, Deserialize)]
struct Head {
    fingerprint: u64,
    articles: u64,
    skipped: Vec<Skipped>,
    renames: Vec<(EntityKind, Arc<str>, Arc<str>)>,
    bytes: u64,
    roots: Vec<String>,
}

/// The cached state, if there is one for exactly this corpus; an error says how the file is
/// damaged (each frame is checked against the checksum it was written with). The file is read
/// a frame at a time, and equal entity names come back as one shared allocation.
pub fn load(dir: &Path, fingerprint: u64) -> Result<Option<Cached>, String> {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(dir.join(STATE_FILE)) else { return Ok(None) };
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut start = [0u8; 12];
    reader.read_exact(&mut start).map_err(|_| format!("{STATE_FILE} is cut short"))?;
    if &start[..8] != MAGIC {
        return Err(format!("{STATE_FILE} is not a dossier state file"));
    }
    if u32::from_le_bytes([start[8], start[9], start[10], start[11]]) != FORMAT {
        return Ok(None); // another version's: indexed again, nothing is wrong
    }
    let mut frame = Vec::new();
    let head: Head = read_frame(&mut reader, &mut frame)?;
    if head.fingerprint != fingerprint {
        return Ok(None); // the corpus changed: the rest is not worth reading
    }
    let mut names = NameSet::default();
    let renames = head
        .renames
        .into_iter()
        .map(|(kind, short, full)| (kind, names.share(short), names.share(full)))
        .collect();
    let count = usize::try_from(head.articles).map_err(|_| format!("{STATE_FILE} is damaged"))?;
    let (mut articles, mut summaries) = (Vec::new(), Vec::new());
    while articles.len() < count {
        let chunk: Vec<(Article, Summary)> = read_frame(&mut reader, &mut frame)?;
        if chunk.is_empty() {
            return Err(format!("{STATE_FILE} is damaged (an empty frame)"));
        }
        for (article, mut summary) in chunk {
            for e in &mut summary.entities {
                e.name = names.share(std::mem::replace(&mut e.name, Arc::from("")));
            }
            summary.entities.shrink_to_fit();
            summary.events.shrink_to_fit();
            articles.push(Arc::new(article));
            summaries.push(Arc::new(summary));
        }
    }
    if articles.len() != count || reader.read(&mut [0u8; 1]).map_err(|e| e.to_string())? != 0 {
        return Err(format!("{STATE_FILE} has more articles than it says"));
    }
    Ok(Some(Cached {
        fingerprint,
        articles,
        summaries,
        skipped: head.skipped,
        renames,
        bytes: head.bytes,
        roots: head.roots,
    }))
}

/// One frame: its length, its checksum, and its contents, decoded.
fn read_frame<T: serde::de::DeserializeOwned>(
    reader: &mut impl std::io::Read,
    buffer: &mut Vec<u8>,
) -> Result<T, String> {
    let cut = |_| format!("{STATE_FILE} is cut short");
    let mut prefix = [0u8; 12];
    reader.read_exact(&mut prefix).map_err(cut)?;
    let len = u32::from_le_bytes([prefix[0], prefix[1], prefix[2], prefix[3]]);
    if len > MAX_FRAME_BYTES {
        return Err(format!("{STATE_FILE} is damaged (a frame of {len} bytes)"));
    }
    let mut sum = [0u8; 8];
    sum.copy_from_slice(&prefix[4..]);
    buffer.clear();
    buffer.resize(len as usize, 0);
    reader.read_exact(buffer).map_err(cut)?;
    if xxhash_rust::xxh3::xxh3_64(buffer) != u64::from_le_bytes(sum) {
        return Err(format!("{STATE_FILE} does not match its checksum"));
    }
    postcard::from_bytes(buffer).map_err(|e| format!("{STATE_FILE} cannot be read: {e}"))
}

/// Equal names decoded from the state, kept once.
#[derive(Default)]
struct NameSet(rustc_hash::FxHashSet<Arc<str>>);

impl NameSet {
    fn share(&mut self, name: Arc<str>) -> Arc<str> {
        match self.0.get(&name) {
            Some(shared) => Arc::clone(shared),
            None => {
                self.0.insert(Arc::clone(&name));
                name
            }
        }
    }
}

/// Writes the state beside the indexes (whole or not at all), a frame at a time, each with a
/// checksum: the encoded corpus is never whole in memory.
pub fn save(dir: &Path, cached: &Cached) -> Result<()> {
    use std::io::Write;
    let partial = dir.join(format!("{STATE_FILE}.partial"));
    let cannot_write = || format!("cannot write {}", partial.display());
    let file = std::fs::File::create(&partial).with_context(cannot_write)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    out.write_all(MAGIC).with_context(cannot_write)?;
    out.write_all(&FORMAT.to_le_bytes()).with_context(cannot_write)?;
    let head = Head {
        fingerprint: cached.fingerprint,
        articles: cached.articles.len() as u64,
        skipped: cached.skipped.clone(),
        renames: cached.renames.clone(),
        bytes: cached.bytes,
        roots: cached.roots.clone(),
    };
    let mut buffer = Vec::new();
    write_frame(&mut out, &head, &mut buffer).with_context(cannot_write)?;
    let pairs: Vec<(&Article, &Summary)> =
        cached.articles.iter().map(Arc::as_ref).zip(cached.summaries.iter().map(Arc::as_ref)).collect();
    for chunk in pairs.chunks(ARTICLES_PER_FRAME) {
        write_frame(&mut out, &chunk, &mut buffer).with_context(cannot_write)?;
    }
    let file = out.into_inner().map_err(|e| e.into_error()).with_context(cannot_write)?;
    file.sync_all().with_context(cannot_write)?;
    std::fs::rename(&partial, dir.join(STATE_FILE)).context("cannot finish writing the cache")?;
    Ok(())
}

fn write_frame(out: &mut impl std::io::Write, value: &impl Serialize, buffer: &mut Vec<u8>) -> Result<()> {
    buffer.clear();
    let encoded = postcard::to_extend(value, std::mem::take(buffer)).context("cannot encode the cache")?;
    let len = u32::try_from(encoded.len()).ok().filter(|&n| n <= MAX_FRAME_BYTES);
    let len = len.context("a frame of the cache is too large")?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(&xxhash_rust::xxh3::xxh3_64(&encoded).to_le_bytes())?;
    out.write_all(&encoded)?;
    *buffer = encoded;
    Ok(())
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

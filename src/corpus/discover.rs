//! Walking the paths the user gave, once each, without following a link loop forever.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::Skipped;
use super::fingerprint::Fingerprint;
use super::walk_order::{path_of_walk_order_key, walk_order_key};

/// Files whose metadata is read side by side, in the order the walk met them.
const STAT_BATCH: usize = 2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Text,
    Markdown,
    Json,
    JsonLines,
}

impl FileKind {
    /// The kind for a file name; `None` for extensions dossier does not read.
    pub fn from_path(path: &Path) -> Option<FileKind> {
        FileKind::from_name(path.file_name()?)
    }

    /// The kind for a file's own name (taking it apart is quicker than a path's).
    pub fn from_name(name: &std::ffi::OsStr) -> Option<FileKind> {
        let (stem, ext) = name.to_str()?.rsplit_once('.')?;
        if stem.is_empty() {
            return None; // ".txt" is a hidden file's name, not an extension
        }
        let ext = ext.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(FileKind::Text),
            "md" | "markdown" => Some(FileKind::Markdown),
            "json" => Some(FileKind::Json),
            "jsonl" | "ndjson" => Some(FileKind::JsonLines),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as shown to the user.
    pub shown: String,
    pub kind: FileKind,
    /// Size when listed, for progress and an ETA.
    pub size: u64,
    /// What tells the cache that the file changed, or that who may read it did.
    pub stamp: FileStamp,
}

/// A file's metadata that changes when its contents or its permissions change (modification
/// and status-change times, mode and owner), as one 64-bit digest: it is only ever compared,
/// and a million files' records and listings hold one each (the fields themselves took 48
/// bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FileStamp(u64);

impl FileStamp {
    /// The stamp of a file as its metadata gives it.
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        let ns = |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
        FileStamp::of_parts(
            ns(meta.mtime(), meta.mtime_nsec()),
            ns(meta.ctime(), meta.ctime_nsec()),
            meta.mode(),
            (meta.uid(), meta.gid()),
        )
    }

    /// The stamp of a file modified and changed at these times (nanoseconds since 1970), with
    /// this mode and owner.
    pub fn of_parts(modified_ns: i128, changed_ns: i128, mode: u32, owner: (u32, u32)) -> FileStamp {
        let mut bytes = [0u8; 44];
        bytes[..16].copy_from_slice(&modified_ns.to_le_bytes());
        bytes[16..32].copy_from_slice(&changed_ns.to_le_bytes());
        bytes[32..36].copy_from_slice(&mode.to_le_bytes());
        bytes[36..40].copy_from_slice(&owner.0.to_le_bytes());
        bytes[40..].copy_from_slice(&owner.1.to_le_bytes());
        FileStamp(xxhash_rust::xxh3::xxh3_64(&bytes))
    }

    /// The digest, for a fingerprint of many files.
    pub fn digest(self) -> u64 {
        self.0
    }
}

/// What the walk reads of a file: its size, its stamp, and its identity on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileMeta {
    size: u64,
    stamp: FileStamp,
    id: FileId,
}

impl FileMeta {
    fn of(meta: &std::fs::Metadata) -> FileMeta {
        use std::os::unix::fs::MetadataExt;
        FileMeta { size: meta.len(), stamp: FileStamp::of(meta), id: (meta.dev(), meta.ino()) }
    }

    fn of_stat(stat: &rustix::fs::Stat) -> FileMeta {
        let ns = |secs: i128, nanos: i128| secs * 1_000_000_000 + nanos;
        FileMeta {
            size: u64::try_from(stat.st_size).unwrap_or(0),
            stamp: FileStamp::of_parts(
                ns(i128::from(stat.st_mtime), i128::from(stat.st_mtime_nsec)),
                ns(i128::from(stat.st_ctime), i128::from(stat.st_ctime_nsec)),
                stat.st_mode,
                (stat.st_uid, stat.st_gid),
            ),
            id: (stat.st_dev, stat.st_ino),
        }
    }

    /// The metadata of the file at `path`, following links; `None` if it cannot be read.
    fn read(path: &Path) -> Option<FileMeta> {
        std::fs::metadata(path).ok().map(|m| FileMeta::of(&m))
    }
}

/// The folder the last file was in, open: a folder's files are stat'ed by their names within
/// it, so that the kernel looks up one name per file instead of every part of its path (a
/// million stat calls took a quarter less time).
#[derive(Default)]
struct OpenFolder(Option<(PathBuf, rustix::fd::OwnedFd)>);

impl OpenFolder {
    fn read(&mut self, path: &Path) -> Option<FileMeta> {
        use std::os::unix::ffi::OsStrExt;
        // A path is its folder, a separator and a name, cut at the last separator as bytes:
        // `Path::parent` and comparing paths take them apart into components, which cost a
        // sixth of the walk's own time. Stat'ing the name within the folder is stat'ing the path.
        let bytes = path.as_os_str().as_bytes();
        let Some(cut) = memchr::memrchr(b'/', bytes).filter(|&cut| cut > 0 && cut + 1 < bytes.len()) else {
            return FileMeta::read(path);
        };
        let (folder, name) = (&bytes[..cut], std::ffi::OsStr::from_bytes(&bytes[cut + 1..]));
        if self.0.as_ref().is_none_or(|(open, _)| open.as_os_str().as_bytes() != folder) {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let folder = Path::new(std::ffi::OsStr::from_bytes(folder));
            self.0 = rustix::fs::open(folder, flags, Mode::empty()).ok().map(|fd| (folder.to_path_buf(), fd));
        }
        match &self.0 {
            Some((_, fd)) => rustix::fs::statat(fd, name, rustix::fs::AtFlags::empty())
                .ok()
                .map(|stat| FileMeta::of_stat(&stat))
                .or_else(|| FileMeta::read(path)),
            None => FileMeta::read(path),
        }
    }
}

const NOT_REGULAR: &str = "not a regular file (a pipe, socket or device)";

/// The walk's next files of a kind dossier reads, into `batch` (empty), up to a batch of them;
/// what cannot be walked or read goes to `skipped`. Whether the walk has more.
fn next_files(
    walker: &mut impl Iterator<Item = walkdir::Result<walkdir::DirEntry>>,
    batch: &mut Vec<(PathBuf, FileKind)>,
    skipped: &mut Vec<Skipped>,
    root: &Path,
    shown_root: &str,
) -> bool {
    let shown = |path: &Path| shown_path(root, shown_root, path);
    for entry in walker.by_ref() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if let Some(kind) = FileKind::from_name(e.file_name()) {
                    batch.push((e.into_path(), kind));
                    if batch.len() == STAT_BATCH {
                        return true;
                    }
                }
            }
            // A pipe or device named like an article is reported, never opened.
            Ok(e) if !e.file_type().is_dir() && FileKind::from_name(e.file_name()).is_some() => {
                skipped.push(Skipped { path: shown(e.path()), reason: NOT_REGULAR.to_string() })
            }
            Ok(_) => {}
            Err(err) => {
                // A link loop is normal in real folders: the folder is walked once, nothing
                // to report.
                if err.loop_ancestor().is_some() {
                    continue;
                }
                let path = err.path().map_or_else(|| shown_root.to_string(), shown);
                let reason = err.io_error().map_or_else(|| err.to_string(), super::io_reason);
                skipped.push(Skipped { path, reason });
            }
        }
    }
    false
}

/// The metadata of a batch of files, read side by side, in its order: a million stat calls
/// share the cores.
fn read_metas(batch: &[(PathBuf, FileKind)]) -> Vec<Option<FileMeta>> {
    batch.par_iter().map_init(OpenFolder::default, |folder, (path, _)| folder.read(path)).collect()
}

/// A file's identity on disk, so a file reached twice (through links or overlapping paths) is
/// read once.
type FileId = (u64, u64);

/// The files met so far (a million of them in a large corpus: a fast hash, not a keyed one).
type Seen = rustc_hash::FxHashSet<FileId>;

/// A path found under `root` as the user spelled the root: `shown_root` and the rest.
///
/// Every walked path starts with the root's bytes, so the rest is cut off as bytes: taking a
/// path apart into components and joining it again cost a tenth of a million-file listing.
pub(super) fn shown_path(root: &Path, shown_root: &str, path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    match bytes.strip_prefix(root.as_os_str().as_encoded_bytes()) {
        Some([]) => shown_root.to_string(),
        Some(rest) if rest.starts_with(b"/") => {
            // As `Path::join` does: one separator between them, none added after one.
            let base = shown_root.strip_suffix('/').unwrap_or(shown_root);
            let rest = String::from_utf8_lossy(rest);
            let mut shown = String::with_capacity(base.len() + rest.len());
            shown.push_str(base);
            shown.push_str(&rest);
            shown
        }
        _ => match path.strip_prefix(root) {
            Ok(rest) if rest.as_os_str().is_empty() => shown_root.to_string(),
            Ok(rest) => Path::new(shown_root).join(rest).display().to_string(),
            Err(_) => path.display().to_string(),
        },
    }
}

/// A file the walk met, before anything is kept of it.
struct Met<'a> {
    /// Its real path.
    path: &'a Path,
    kind: FileKind,
    size: u64,
    stamp: FileStamp,
    /// The real path it was found under, and that path as the user spelled it.
    root: &'a Path,
    shown_root: &'a str,
}

impl Met<'_> {
    fn source_file(&self) -> SourceFile {
        let shown = shown_path(self.root, self.shown_root, self.path);
        SourceFile {
            path: self.path.to_path_buf(),
            shown,
            kind: self.kind,
            size: self.size,
            stamp: self.stamp,
        }
    }
}

/// Lists the article files under the given paths, in a stable (sorted) order, with what was
/// skipped and the listing's [`Fingerprint`].
///
/// Hidden files and folders are passed over when walking a folder; a file named explicitly is
/// always read, as plain text if its extension is unknown.
pub fn discover(paths: &[PathBuf]) -> (Vec<SourceFile>, Vec<Skipped>, u64) {
    discover_unless_stopped(paths, &AtomicBool::new(false)).unwrap_or_default()
}

/// As [`discover`], given up once `stop` is set (then `None`): as the interface closes.
pub fn discover_unless_stopped(
    paths: &[PathBuf],
    stop: &AtomicBool,
) -> Option<(Vec<SourceFile>, Vec<Skipped>, u64)> {
    let mut files = Vec::new();
    let mut print = Fingerprint::default();
    let mut seen = Seen::default();
    let meet = &mut |met: &Met| files.push(met.source_file());
    let skipped = visit(paths, Some(&mut seen), &mut print, meet, stop);
    (!stop.load(Ordering::Relaxed)).then(|| (files, skipped, print.value()))
}

/// The fingerprint [`discover`] gives, from a walk in the order the folders give their files,
/// keeping none of them: whether a folder changed is known without holding (or sorting) a
/// million paths. The walk is given up once `stop` is set (then `None`): a watched folder of
/// a million files takes a second or two to walk, and a change coming meanwhile is taken in
/// first; the interface closing does not wait for it.
pub fn fingerprint_unless_stopped(paths: &[PathBuf], stop: &AtomicBool) -> Option<u64> {
    let mut print = Fingerprint::default();
    visit(paths, None, &mut print, &mut |_| {}, stop);
    (!stop.load(Ordering::Relaxed)).then(|| print.value())
}

/// Walks the paths: `print` takes in every file met, however often (which of two paths to one
/// file is kept depends on the order they are met in). With `seen`, each folder's files are
/// put in walk order once it is walked and `meet` is given each file once; without, `meet` is
/// given every path met, in the folders' own order. A folder's walk ends early once `stop` is
/// set.
fn visit(
    paths: &[PathBuf],
    mut seen: Option<&mut Seen>,
    print: &mut Fingerprint,
    meet: &mut dyn FnMut(&Met),
    stop: &AtomicBool,
) -> Vec<Skipped> {
    let mut skipped = Vec::new();
    for root in paths {
        let shown_root = root.display().to_string();
        // Files are found and cached under their real paths, so that two spellings of one
        // folder ("../x", "/home/me/x") are one corpus; they are shown as the user spelled them.
        let real = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        let seen = seen.as_deref_mut();
        let mut walk = Walk { root: &real, shown_root: &shown_root, seen, print: &mut *print, stop };
        match std::fs::metadata(&real) {
            Err(e) => skipped.push(Skipped { path: shown_root, reason: super::io_reason(&e) }),
            Ok(meta) if meta.is_file() => {
                let kind = FileKind::from_path(root).unwrap_or(FileKind::Text);
                walk.meet_file(&real, kind, meet);
            }
            Ok(meta) if meta.is_dir() => walk.folder(&mut skipped, meet),
            Ok(_) => skipped.push(Skipped { path: shown_root, reason: NOT_REGULAR.to_string() }),
        }
    }
    skipped.iter().for_each(|s| print.skipped(s));
    skipped
}

/// One of the paths given, being walked.
struct Walk<'a> {
    root: &'a Path,
    shown_root: &'a str,
    seen: Option<&'a mut Seen>,
    print: &'a mut Fingerprint,
    stop: &'a AtomicBool,
}

impl Walk<'_> {
    fn folder(mut self, skipped: &mut Vec<Skipped>, meet: &mut dyn FnMut(&Met)) {
        let walker = walkdir::WalkDir::new(self.root).follow_links(true);
        let mut walker = walker.into_iter().filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        let (root, shown_root) = (self.root, self.shown_root);
        let skipped_before = skipped.len();
        // A walk in order keeps what it met, to put it in order once the folder is walked:
        // walkdir sorting each folder would read a folder of a million files whole, and sort
        // it, before the first file is stat'ed (1.3 s of a 4 s listing).
        let mut kept: Vec<(Vec<u8>, FileKind, Option<FileMeta>)> = Vec::new();
        let mut listed = Vec::with_capacity(STAT_BATCH);
        let mut walking = next_files(&mut walker, &mut listed, skipped, root, shown_root);
        let mut next = Vec::with_capacity(STAT_BATCH);
        // A batch's metadata is read side by side while the walk lists the next batch: listing
        // a folder is one thread's work, which would otherwise leave the other cores idle.
        while !listed.is_empty() && !self.stop.load(Ordering::Relaxed) {
            let (metas, more) = rayon::join(
                || read_metas(&listed),
                || walking && next_files(&mut walker, &mut next, skipped, root, shown_root),
            );
            for ((path, kind), meta) in listed.drain(..).zip(metas) {
                match self.seen {
                    Some(_) => kept.push((walk_order_key(path), kind, meta)),
                    None => self.met_file(&path, kind, meta, meet),
                }
            }
            std::mem::swap(&mut listed, &mut next);
            walking = more;
        }
        if self.seen.is_none() {
            return;
        }
        kept.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (key, kind, meta) in kept {
            self.met_file(&path_of_walk_order_key(key), kind, meta, meet);
        }
        // The few passed over are put in the same order, by the same key of their shown paths.
        skipped[skipped_before..].sort_by_cached_key(|s| walk_order_key(PathBuf::from(&s.path)));
    }

    fn meet_file(&mut self, path: &Path, kind: FileKind, meet: &mut dyn FnMut(&Met)) {
        self.met_file(path, kind, FileMeta::read(path), meet);
    }

    fn met_file(&mut self, path: &Path, kind: FileKind, meta: Option<FileMeta>, meet: &mut dyn FnMut(&Met)) {
        let size = meta.map_or(0, |m| m.size);
        let stamp = meta.map(|m| m.stamp).unwrap_or_default();
        self.print.file(path, size, stamp);
        let first = match self.seen.as_deref_mut() {
            Some(seen) => seen.insert(meta.map_or((0, seen.len() as u64), |m| m.id)),
            None => true,
        };
        if first {
            meet(&Met { path, kind, size, stamp, root: self.root, shown_root: self.shown_root });
        }
    }
}

/// A name starting with a dot, as bytes: a name that is not UTF-8 can be hidden too.
pub(super) fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    name.first() == Some(&b'.') && name != b"." && name != b".."
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read by name within its open folder, a file's size, stamp and identity are what reading
    /// it by its whole path gives, for a link too (followed) and after moving to another folder;
    /// a file that is gone reads as nothing.
    #[test]
    fn a_file_read_within_its_open_folder_reads_as_by_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("one.txt"), "one").unwrap();
        std::fs::write(a.join("two.txt"), "two, longer").unwrap();
        std::fs::write(b.join("three.txt"), "three").unwrap();
        std::os::unix::fs::symlink(b.join("three.txt"), a.join("link.txt")).unwrap();
        let mut folder = OpenFolder::default();
        for path in [a.join("one.txt"), a.join("two.txt"), a.join("link.txt"), b.join("three.txt")] {
            let within = folder.read(&path);
            assert!(within.is_some(), "{path:?}");
            assert_eq!(within, FileMeta::read(&path), "{path:?}");
        }
        assert_eq!(folder.read(&a.join("link.txt")).map(|m| m.size), Some(5), "the link is followed");
        assert_eq!(folder.read(&a.join("gone.txt")), None);
        assert_eq!(folder.read(Path::new("/")), FileMeta::read(Path::new("/")), "no folder above");
        let spelled = |tail: &str| std::path::PathBuf::from(format!("{}{tail}", a.display()));
        for odd in ["//one.txt", "/", "/.", "/..", "/./two.txt", "/../b/three.txt"] {
            let path = spelled(odd);
            assert!(FileMeta::read(&path).is_some(), "{path:?}");
            assert_eq!(folder.read(&path), FileMeta::read(&path), "{path:?}");
        }
    }

    /// Hidden is a name's first byte, whether or not the name is UTF-8.
    #[test]
    fn a_name_starting_with_a_dot_is_hidden_and_dot_and_dot_dot_are_not() {
        use std::os::unix::ffi::OsStrExt;
        let hidden = |name: &[u8]| is_hidden(std::ffi::OsStr::from_bytes(name));
        assert!(hidden(b".git") && hidden(b".\xff\xfe") && hidden(b".a.txt"));
        assert!(!hidden(b".") && !hidden(b"..") && !hidden(b"a.txt") && !hidden(b"\xff.txt") && !hidden(b""));
    }

    /// A change to any of a file's times, mode or owner changes its stamp.
    #[test]
    fn a_stamp_changes_with_each_of_its_parts() {
        let stamp = FileStamp::of_parts(1_000, 2_000, 0o644, (1, 2));
        assert_eq!(stamp, FileStamp::of_parts(1_000, 2_000, 0o644, (1, 2)));
        let others = [
            FileStamp::of_parts(1_001, 2_000, 0o644, (1, 2)),
            FileStamp::of_parts(1_000, 2_001, 0o644, (1, 2)),
            FileStamp::of_parts(1_000, 2_000, 0o600, (1, 2)),
            FileStamp::of_parts(1_000, 2_000, 0o644, (3, 2)),
            FileStamp::of_parts(1_000, 2_000, 0o644, (1, 3)),
            FileStamp::of_parts(2_000, 1_000, 0o644, (1, 2)),
        ];
        for other in others {
            assert_ne!(stamp, other);
        }
    }

    #[test]
    fn a_walked_path_is_shown_under_the_root_as_spelled_as_a_join_would_give_it() {
        let root = Path::new("/srv/news");
        for shown_root in ["news", "news/", "./news", "/", ".", "../a b/news"] {
            for rest in ["a.txt", "2022/07/b.md", "caf\u{e9}.json"] {
                let path = root.join(rest);
                let joined = Path::new(shown_root).join(rest).display().to_string();
                assert_eq!(shown_path(root, shown_root, &path), joined, "{shown_root} + {rest}");
            }
            assert_eq!(shown_path(root, shown_root, root), shown_root, "the root itself");
        }
        let elsewhere = Path::new("/srv/newsroom/a.txt");
        assert_eq!(shown_path(root, "news", elsewhere), "/srv/newsroom/a.txt", "not under the root");
    }

    /// More files than are stat'ed side by side at once: each keeps its own size, the list is
    /// in order, and the walk that keeps nothing gives the same fingerprint.
    #[test]
    fn files_read_in_batches_keep_their_order_and_their_own_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let n = STAT_BATCH + STAT_BATCH / 2 + 7;
        for i in 0..n {
            std::fs::write(dir.path().join(format!("{i:05}.txt")), "x".repeat(i % 97)).unwrap();
        }
        std::fs::write(dir.path().join("notes.jpg"), "not an article").unwrap();
        let paths = [dir.path().to_path_buf()];
        let (files, skipped, print) = discover(&paths);
        assert!(skipped.is_empty());
        assert_eq!(files.len(), n);
        for (i, f) in files.iter().enumerate() {
            assert!(f.path.ends_with(format!("{i:05}.txt")), "{}", f.path.display());
            assert_eq!(f.size, (i % 97) as u64);
            assert_eq!(f.kind, FileKind::Text);
        }
        assert_eq!(fingerprint_unless_stopped(&paths, &AtomicBool::new(false)), Some(print));
    }

    /// A walk asked to stop goes no further into a folder and gives no fingerprint; one left
    /// alone gives the listing's.
    #[test]
    fn a_walk_asked_to_stop_goes_no_further_and_gives_no_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..3 {
            std::fs::write(dir.path().join(format!("{i}.txt")), "a").unwrap();
        }
        let paths = [dir.path().to_path_buf()];
        let stop = AtomicBool::new(true);
        let mut met = 0;
        visit(&paths, None, &mut Fingerprint::default(), &mut |_| met += 1, &stop);
        assert_eq!(met, 0, "no file met");
        assert_eq!(fingerprint_unless_stopped(&paths, &stop), None);
        stop.store(false, Ordering::Relaxed);
        assert_eq!(fingerprint_unless_stopped(&paths, &stop), Some(discover(&paths).2));
    }

    /// Files come in the order of a walk that takes each folder's entries by name, going into
    /// a folder where its name comes: its files before a sibling whose name goes on from it.
    /// A file reached twice, through a link, is listed once, under the path met first.
    #[test]
    fn files_come_in_walk_order_and_a_file_reached_twice_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["a", "a/b", "b"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        let files =
            ["a.txt", "a-b.txt", "a/x.txt", "a/b/y.txt", "a/b.txt", "a0.txt", "b/z.txt", "\u{e9}.txt"];
        for (i, f) in files.iter().enumerate() {
            std::fs::write(root.join(f), format!("file {i}")).unwrap();
        }
        // "b/z.txt" again, through a link met before it ("a/..." comes before "b/...").
        std::os::unix::fs::symlink(root.join("b/z.txt"), root.join("a/link.txt")).unwrap();
        let (listed, skipped, _) = discover(&[root.to_path_buf()]);
        assert!(skipped.is_empty(), "{skipped:?}");
        let rest: Vec<String> =
            listed.iter().map(|f| f.path.strip_prefix(root).unwrap().display().to_string()).collect();
        let expected =
            ["a/b/y.txt", "a/b.txt", "a/link.txt", "a/x.txt", "a-b.txt", "a.txt", "a0.txt", "\u{e9}.txt"];
        assert_eq!(rest, expected);
        // The order is the one walkdir gives when it sorts each folder's entries by name.
        let sorted: Vec<String> = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(root).unwrap().display().to_string())
            .filter(|p| p != "b/z.txt")
            .collect();
        assert_eq!(rest, sorted);
    }

    /// What the walk passes over is reported in walk order too, whatever order the folders
    /// give their entries in (here pipes named like articles, created out of that order).
    #[test]
    fn what_is_skipped_is_reported_in_walk_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("kept.txt"), "an article").unwrap();
        for pipe in ["c.txt", "a-b.txt", "b.txt", "a/x.txt"] {
            std::fs::create_dir_all(root.join(pipe).parent().unwrap()).unwrap();
            let made = std::process::Command::new("mkfifo").arg(root.join(pipe)).status().unwrap();
            assert!(made.success(), "mkfifo {pipe}");
        }
        let (files, skipped, _) = discover(&[root.to_path_buf()]);
        assert_eq!(files.len(), 1);
        let shown = root.display().to_string();
        let rest: Vec<&str> =
            skipped.iter().map(|s| s.path.strip_prefix(&shown).unwrap().trim_start_matches('/')).collect();
        assert_eq!(rest, ["a/x.txt", "a-b.txt", "b.txt", "c.txt"]);
        assert!(skipped.iter().all(|s| s.reason == NOT_REGULAR));
    }

    #[test]
    fn a_file_kind_comes_from_the_name_as_from_the_path() {
        let cases = [
            ("a.TXT", Some(FileKind::Text)),
            ("notes.v2.md", Some(FileKind::Markdown)),
            ("wire.ndjson", Some(FileKind::JsonLines)),
            ("feed.json", Some(FileKind::Json)),
            (".txt", None),
            (".hidden.txt", Some(FileKind::Text)),
            ("README", None),
            ("trailing.", None),
            ("photo.jpg", None),
        ];
        for (name, kind) in cases {
            assert_eq!(FileKind::from_name(std::ffi::OsStr::new(name)), kind, "{name}");
            assert_eq!(FileKind::from_path(&Path::new("some/folder").join(name)), kind, "{name}");
        }
    }
}

//! The state file beside a corpus's cached indexes (`state.bin`): the articles, their
//! summaries, the files they came from, and what the corpus-wide pass needs, so that a corpus
//! opened again is shown without reading a file, and a corpus that changed is updated by
//! reading only the files that changed.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::cache::FORMAT;
use super::names::{NameTable, ReadNames, ReadSummary};
use crate::analysis::{EntityKind, Name, Summary};
use crate::corpus::{Article, Skipped};

pub(super) const STATE_FILE: &str = "state.bin";

use super::rest::{self, Unread};
pub use super::rest::{FileRecord, NO_FILE, Origin, Rest, places_of};

/// Everything the interface is shown about a loaded corpus, besides the indexes.
#[derive(Debug, Default)]
pub struct Cached {
    pub fingerprint: u64,
    pub articles: Vec<Arc<Article>>,
    /// Each article's summary as its own analysis gave it, before the corpus-wide names
    /// (`renames`) were applied; or, in a state read from its file whose rest is still there
    /// ([`Rest::InFile`]), as the interface shows it, with those names: that is what a corpus
    /// shown as it was needs, and [`Cached::take_rest`] gives back their own.
    pub summaries: Vec<Arc<Summary>>,
    /// Each article's summary as the interface shows it, by id: with the corpus-wide names,
    /// the same `Arc` as in `summaries` where they change nothing. An update keeps the copies
    /// of the articles it leaves as they were, unless the corpus-wide names now give one of
    /// their names another full name.
    pub shown: Vec<Arc<Summary>>,
    /// The people and organizations the summaries name, once counted (by an update, or by a
    /// watched corpus at a quiet moment): the next update brings it up to date instead of
    /// reading every summary. Not saved.
    pub names: Option<crate::analysis::identity::NameBook>,
    /// The dated articles' month-days (see [`crate::analysis::dating::MonthDays`]), as a first
    /// open or an update counted them, or a watched corpus at a quiet moment: an update takes
    /// back those of the articles that go. Not saved.
    pub month_days: Option<crate::analysis::dating::MonthDays>,
    /// What was skipped while listing the files (each file's own skips are in its record).
    pub listed_skipped: Vec<Skipped>,
    /// Corpus-wide entity names: (kind, short name, full name).
    pub renames: Vec<(EntityKind, Name, Name)>,
    /// The corpus's paths as the user spelled them, which the articles' paths start with.
    pub roots: Vec<String>,
    /// Where each article stands in the folder's order, where an update left ids that do not
    /// follow it: ties are broken by place ([`crate::corpus::Places`]).
    pub places: crate::corpus::Places,
    /// The files' records and the articles' origins, or where they are in the state file
    /// (see [`Cached::take_rest`]).
    pub rest: Rest,
}

impl Cached {
    /// Everything skipped: while listing, then file by file.
    pub fn skipped(&self) -> Vec<Skipped> {
        let mut all = self.listed_skipped.clone();
        all.extend(self.rest.skipped());
        all
    }

    /// The files' records and the articles' origins, read from the state file if they were
    /// not read with the rest (an update needs them; a corpus shown as it was does not). The
    /// summaries are then their articles' own again.
    pub fn take_rest(&mut self) -> Result<(Vec<FileRecord>, Vec<Origin>), String> {
        match std::mem::take(&mut self.rest) {
            Rest::Read { files, origins } => Ok((files, origins)),
            Rest::InFile(unread) => {
                let (mut files, origins) = rest::read(&unread)?;
                if origins.iter().any(|o| o.file != NO_FILE && o.file as usize >= files.len()) {
                    return Err(format!("{STATE_FILE} is damaged"));
                }
                own_from_file(&unread, &mut self.summaries)?;
                let skips = files.iter_mut().flat_map(|f| f.skipped.iter_mut());
                rest::respell_skips(skips, &unread.roots, &self.roots);
                Ok((files, origins))
            }
        }
    }

    /// The files' records, read from the state file if they are still there (the summaries
    /// then become the articles' own, as [`Cached::take_rest`] gives them).
    pub fn files(&mut self) -> Result<&[FileRecord], String> {
        if let Rest::InFile(_) = self.rest {
            let (files, origins) = self.take_rest()?;
            self.rest = Rest::Read { files, origins };
        }
        match &self.rest {
            Rest::Read { files, .. } => Ok(files),
            Rest::InFile(_) => Err(format!("{STATE_FILE} could not be read")),
        }
    }
}

/// What a state file starts with, before its format and its frames.
const MAGIC: &[u8; 8] = b"dossier\x01";
/// Articles per frame of the state file: a frame is decoded (and its checksum checked) on its
/// own, so reading the state never holds more than one frame's bytes besides what it decoded.
const ARTICLES_PER_FRAME: usize = 1024;
/// Frames of articles read before they are decoded side by side: enough to keep the cores
/// busy, few enough that the undecoded bytes stay a few tens of megabytes.
const FRAMES_DECODED_AT_ONCE: usize = 32;
/// Frames of articles encoded side by side before they are written: a save comes at the end
/// of a first open, when its memory is at its highest, so it holds few (a frame of a
/// million's state is about 460 kB).
const FRAMES_ENCODED_AT_ONCE: usize = 4;
/// No frame of ours is this large; a length field claiming more is damage, not a reason to
/// allocate.
const MAX_FRAME_BYTES: u32 = 256 * 1024 * 1024;

/// Names per frame of the name table.
const NAMES_PER_FRAME: usize = 16384;
/// Own summaries (their names) per frame.
const OWN_PER_FRAME: usize = 4096;

/// The first frame: the counts and the small things; the name table, the articles (each with
/// its summary as the interface shows it), the own summaries that differ from those, the
/// files' records and the articles' origins follow.
#[derive(Serialize, Deserialize)]
pub(super) struct Head {
    fingerprint: u64,
    articles: u64,
    files: u64,
    /// The bytes read from the files, and what they say was skipped: shown before the files'
    /// records are read.
    files_bytes: u64,
    files_skipped: Vec<Skipped>,
    /// Distinct entity names: the summaries and the corpus-wide names give each name as its
    /// number in this table, so a name is decoded (and allocated) once, not at every mention.
    names: u64,
    /// Articles whose own summary differs from the one shown (the corpus-wide names change
    /// it): a quarter of a million at a million articles. A reopen reads the shown ones and
    /// leaves these in the file; an update reads them ([`Cached::take_rest`]).
    own: u64,
    listed_skipped: Vec<Skipped>,
    /// (kind, short name, full name), the names as numbers.
    renames: Vec<(EntityKind, u32, u32)>,
    roots: Vec<String>,
    /// [`Cached::places`]' table; empty where the places are the ids.
    places: Vec<u32>,
}

/// The cached state (its fingerprint says whether the corpus changed since); `None` if there is
/// none or it is another version's. An error says how the file is damaged (each frame is
/// checked against the checksum it was written with). The file is read a frame at a time, and
/// each distinct entity name is one shared allocation. The summaries are the ones the interface
/// shows; the articles' own where they differ, the files' records and the articles' origins
/// are checked but left in the file (see [`Cached::take_rest`]).
pub fn load(dir: &Path) -> Result<Option<Cached>, String> {
    load_unless_stopped(dir, &AtomicBool::new(false))
}

/// As [`load`], given up once `stop` is set, and then `None`, as if there were no state (the
/// caller knows it stopped it): at a million articles the state takes a second and a half to
/// read, which the interface closing need not wait for.
pub fn load_unless_stopped(dir: &Path, stop: &AtomicBool) -> Result<Option<Cached>, String> {
    use std::io::{Read, Seek};
    let mut frame = Vec::new();
    let Some((mut reader, head)) = open(dir, &mut frame)? else { return Ok(None) };
    let damaged = || format!("{STATE_FILE} is damaged");
    let table = read_table(&mut reader, &mut frame, count(head.names)?)?;
    let name = |number: u32| table.get(number as usize).cloned().ok_or_else(damaged);
    let renames = head
        .renames
        .iter()
        .map(|&(kind, short, full)| Ok((kind, name(short)?, name(full)?)))
        .collect::<Result<_, String>>()?;
    let articles_count = count(head.articles)?;
    let (mut articles, mut summaries) =
        (Vec::with_capacity(articles_count), Vec::with_capacity(articles_count));
    let read = read_articles(&mut reader, articles_count, &table, stop, |(article, summary)| {
        articles.push(article);
        summaries.push(summary);
    })?;
    if read.is_break() {
        // Freed on a pool thread: freeing most of a million articles took 0.3 s of the wait.
        rayon::spawn(move || drop((articles, summaries)));
        return Ok(None);
    }
    let own_at = reader.stream_position().map_err(|e| e.to_string())?;
    let own = count(head.own)?;
    for _ in 0..own.div_ceil(OWN_PER_FRAME) {
        read_checked(&mut reader, &mut frame)?;
    }
    let at = reader.stream_position().map_err(|e| e.to_string())?;
    let files = count(head.files)?;
    for _ in 0..rest::frames(files, articles_count) {
        read_checked(&mut reader, &mut frame)?;
    }
    if reader.read(&mut [0u8; 1]).map_err(|e| e.to_string())? != 0 {
        return Err(format!("{STATE_FILE} has more than it says"));
    }
    let unread = Unread {
        dir: dir.to_path_buf(),
        at,
        fingerprint: head.fingerprint,
        files,
        articles: articles_count,
        bytes: head.files_bytes,
        skipped: head.files_skipped,
        roots: head.roots.clone(),
        own_at,
        own,
        table,
    };
    let places = match head.places.len() {
        0 => Some(crate::corpus::Places::default()),
        n if n == articles_count => crate::corpus::Places::from_places(head.places),
        _ => None,
    };
    Ok(Some(Cached {
        places: places.ok_or_else(damaged)?,
        fingerprint: head.fingerprint,
        articles,
        shown: summaries.clone(),
        summaries,
        names: None,
        month_days: None,
        listed_skipped: head.listed_skipped,
        renames,
        roots: head.roots,
        rest: Rest::InFile(unread),
    }))
}

/// The name table: each distinct name, one shared copy.
fn read_table(reader: &mut StateReader, frame: &mut Vec<u8>, count: usize) -> Result<Vec<Name>, String> {
    let table: Vec<Box<str>> = read_frames(reader, frame, count)?;
    Ok(table.into_iter().map(Name::from).collect())
}

/// Reads the `count` articles that follow the name table, each with its summary, in order.
fn read_articles(
    reader: &mut StateReader,
    count: usize,
    table: &[Name],
    stop: &AtomicBool,
    mut take: impl FnMut(ArticleEntry),
) -> Result<ControlFlow<()>, String> {
    // Decoding is most of a reopen's work: frames are read in turn and decoded side by side.
    let mut frames_left = count.div_ceil(ARTICLES_PER_FRAME);
    let mut raw: Vec<Vec<u8>> = Vec::new();
    let mut read = 0;
    while frames_left > 0 {
        if stop.load(Ordering::Relaxed) {
            return Ok(ControlFlow::Break(()));
        }
        let batch = frames_left.min(FRAMES_DECODED_AT_ONCE);
        raw.resize_with(batch, Vec::new);
        for buffer in &mut raw[..batch] {
            read_checked(reader, buffer)?;
        }
        frames_left -= batch;
        let decoded: Vec<Result<Vec<ArticleEntry>, String>> =
            raw[..batch].par_iter().map(|bytes| decode_articles(bytes, table)).collect();
        for chunk in decoded {
            for entry in chunk? {
                read += 1;
                take(entry);
            }
        }
    }
    if read != count {
        return Err(format!("{STATE_FILE} has more than it says"));
    }
    Ok(ControlFlow::Continue(()))
}

/// Puts in place of the shown summaries the articles' own that the state file `unread` keeps
/// where they differ, a frame at a time (each shares its events with the shown one, and its
/// names' copies with every summary read). On an error, some may be in place already.
fn own_from_file(unread: &Unread, summaries: &mut [Arc<Summary>]) -> Result<(), String> {
    use std::io::Seek;
    if unread.own == 0 {
        return Ok(());
    }
    let mut frame = Vec::new();
    let (mut reader, _) = reopen(unread, &mut frame)?;
    reader.seek(std::io::SeekFrom::Start(unread.own_at)).map_err(|e| e.to_string())?;
    let damaged = || format!("{STATE_FILE} is damaged (an own summary of no article)");
    let (mut read, mut after) = (0, None);
    while read < unread.own {
        let chunk: Vec<(u32, ReadNames)> = read_frame(&mut reader, &mut frame)?;
        if chunk.is_empty() || read + chunk.len() > unread.own {
            return Err(damaged());
        }
        read += chunk.len();
        for (id, names) in chunk {
            let slot = summaries
                .get_mut(id as usize)
                .filter(|_| after.is_none_or(|a| a < id))
                .ok_or_else(damaged)?;
            *slot = Arc::new(names.named_from(&unread.table, slot).ok_or_else(damaged)?);
            after = Some(id);
        }
    }
    Ok(())
}

/// An article as the state gives it back, with its summary.
type ArticleEntry = (Arc<Article>, Arc<Summary>);

/// A frame of articles, decoded, their names taken from the table.
fn decode_articles(bytes: &[u8], table: &[Name]) -> Result<Vec<ArticleEntry>, String> {
    let chunk: Vec<(Article, ReadSummary)> = decode(bytes)?;
    if chunk.is_empty() {
        return Err(format!("{STATE_FILE} is damaged (an empty frame)"));
    }
    chunk
        .into_iter()
        .map(|(article, summary)| {
            let summary = summary.named_from(table).ok_or_else(|| format!("{STATE_FILE} is damaged"))?;
            Ok((Arc::new(article), Arc::new(summary)))
        })
        .collect()
}

/// `count` items written in frames of a list each.
pub(super) fn read_frames<T: serde::de::DeserializeOwned>(
    reader: &mut impl std::io::Read,
    frame: &mut Vec<u8>,
    count: usize,
) -> Result<Vec<T>, String> {
    let mut items = Vec::new();
    while items.len() < count {
        let chunk: Vec<T> = read_frame(reader, frame)?;
        if chunk.is_empty() {
            return Err(format!("{STATE_FILE} is damaged (an empty frame)"));
        }
        items.extend(chunk);
    }
    if items.len() != count {
        return Err(format!("{STATE_FILE} has more than it says"));
    }
    Ok(items)
}

/// The fingerprint of the corpus the cached state is of, read from its head alone: whether the
/// folder changed can be known before the state is read.
pub fn fingerprint(dir: &Path) -> Option<u64> {
    open(dir, &mut Vec::new()).ok().flatten().map(|(_, head)| head.fingerprint)
}

/// When the cached state was written, or last found to be the folder's as it is (its file's
/// modification time).
pub fn written_at(dir: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(dir.join(STATE_FILE)).and_then(|meta| meta.modified()).ok()
}

/// Notes that the cached state in `dir` was found to be the folder's as it is now. A folder
/// whose own entries changed after the state was written is listed at once when reopened
/// ([`written_at`]): a file added and removed again, or one that is not an article's, had every
/// later reopen list it (at a million files, 1.6 GB and 2 s more) until an article changed.
pub fn mark_current(dir: &Path) {
    let marked = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join(STATE_FILE))
        .and_then(|file| file.set_modified(std::time::SystemTime::now()));
    if let Err(e) = marked {
        tracing::debug!("the state's time is left as it was: {e}");
    }
}

/// The state file `unread` was read from, past its head: an error if another state has
/// replaced it since.
pub(super) fn reopen(unread: &Unread, frame: &mut Vec<u8>) -> Result<(StateReader, Head), String> {
    match open(&unread.dir, frame)? {
        Some((reader, head)) if head.fingerprint == unread.fingerprint => Ok((reader, head)),
        _ => Err("the cache changed since it was opened".to_string()),
    }
}

/// A count the head gives, as a length.
fn count(n: u64) -> Result<usize, String> {
    usize::try_from(n).map_err(|_| format!("{STATE_FILE} is damaged"))
}

pub(super) type StateReader = std::io::BufReader<std::fs::File>;

/// The state file, checked to be one of this version, and its head; `None` if there is none or
/// it is another version's.
fn open(dir: &Path, frame: &mut Vec<u8>) -> Result<Option<(StateReader, Head)>, String> {
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
    let head: Head = read_frame(&mut reader, frame)?;
    Ok(Some((reader, head)))
}

/// One frame: its length, its checksum, and its contents, decoded.
fn read_frame<T: serde::de::DeserializeOwned>(
    reader: &mut impl std::io::Read,
    buffer: &mut Vec<u8>,
) -> Result<T, String> {
    read_checked(reader, buffer)?;
    decode(buffer)
}

/// One frame's contents, into `buffer`, checked against the checksum it was written with.
fn read_checked(reader: &mut impl std::io::Read, buffer: &mut Vec<u8>) -> Result<(), String> {
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
    Ok(())
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("{STATE_FILE} cannot be read: {e}"))
}

/// How far a state was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Whole,
    /// Given up when asked to stop: the state file is as it was.
    GivenUp,
}

/// Writes the state beside the indexes (whole or not at all), a frame at a time, each with a
/// checksum: the encoded corpus is never whole in memory. The summaries as shown are what a
/// reopen reads, and the own summaries that differ from them (by address) are written after.
///
/// Given up once `stop` is set (it is looked at before each frame), leaving the state file as it
/// was: a watched corpus at a million articles takes seconds to write, and a change coming
/// meanwhile is taken in first.
pub fn save_unless_stopped(dir: &Path, cached: &Cached, stop: &AtomicBool) -> Result<Written> {
    let partial = dir.join(format!("{STATE_FILE}.partial"));
    match write_state(&partial, cached, stop) {
        Ok(()) => {
            std::fs::rename(&partial, dir.join(STATE_FILE)).context("cannot finish writing the cache")?;
            Ok(Written::Whole)
        }
        Err(e) => {
            // What was written of it would only take room.
            let _ = std::fs::remove_file(&partial);
            if stop.load(Ordering::Relaxed) { Ok(Written::GivenUp) } else { Err(e) }
        }
    }
}

/// The state, written whole to `partial` and synced.
fn write_state(partial: &Path, cached: &Cached, stop: &AtomicBool) -> Result<()> {
    use std::io::Write;
    let shown = &cached.shown;
    let Rest::Read { files, origins } = &cached.rest else {
        anyhow::bail!("the files' records were not read from the cache");
    };
    anyhow::ensure!(shown.len() == cached.summaries.len(), "the summaries shown are not the articles'");
    let own: Vec<(u32, &Summary)> = (cached.summaries.iter().zip(shown).enumerate())
        .filter(|(_, (own, shown))| !Arc::ptr_eq(own, shown))
        .map(|(id, (own, _))| (id as u32, own.as_ref()))
        .collect();
    let cannot_write = || format!("cannot write {}", partial.display());
    let file = std::fs::File::create(partial).with_context(cannot_write)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    out.write_all(MAGIC).with_context(cannot_write)?;
    out.write_all(&FORMAT.to_le_bytes()).with_context(cannot_write)?;
    let mut out = Frames { out, buffer: Vec::new(), stop };
    let mut table = NameTable::default();
    let renames = cached
        .renames
        .iter()
        .map(|(kind, short, full)| (*kind, table.number(short), table.number(full)))
        .collect();
    let renamed = own.iter().filter_map(|&(id, _)| shown.get(id as usize));
    for name in cached.summaries.iter().chain(renamed).flat_map(|s| s.parts().0).map(|e| &e.name) {
        table.number(name);
    }
    let (names, numbers) = table.finish();
    let head = Head {
        fingerprint: cached.fingerprint,
        articles: cached.articles.len() as u64,
        files: files.len() as u64,
        files_bytes: cached.rest.bytes(),
        files_skipped: rest::skipped_in(files),
        names: names.len() as u64,
        own: own.len() as u64,
        listed_skipped: cached.listed_skipped.clone(),
        renames,
        roots: cached.roots.clone(),
        places: cached.places.table().map(<[u32]>::to_vec).unwrap_or_default(),
    };
    out.frame(&head).with_context(cannot_write)?;
    for chunk in names.chunks(NAMES_PER_FRAME) {
        out.frame(&chunk).with_context(cannot_write)?;
    }
    drop(names);
    // Encoding and writing the articles took 1.5-1.75 s of a million's save on one core:
    // their frames are encoded side by side, a few at a time, and written in turn.
    let frames: Vec<_> =
        cached.articles.chunks(ARTICLES_PER_FRAME).zip(shown.chunks(ARTICLES_PER_FRAME)).collect();
    for batch in frames.chunks(FRAMES_ENCODED_AT_ONCE) {
        // Encoding takes longer than writing: asked to stop, the next batch is not encoded.
        anyhow::ensure!(!stop.load(Ordering::Relaxed), "asked to stop");
        let encoded: Vec<Result<Vec<u8>>> = batch
            .par_iter()
            .map(|&(articles, shown)| {
                let frame: Vec<_> =
                    articles.iter().zip(shown).map(|(a, s)| (a.as_ref(), numbers.stored(s))).collect();
                encode(&frame, Vec::new())
            })
            .collect();
        for bytes in encoded {
            out.encoded(&bytes?).with_context(cannot_write)?;
        }
    }
    for chunk in own.chunks(OWN_PER_FRAME) {
        let stored: Vec<_> = chunk.iter().map(|&(id, own)| (id, numbers.stored_names(own))).collect();
        out.frame(&stored).with_context(cannot_write)?;
    }
    for chunk in files.chunks(rest::FILES_PER_FRAME) {
        out.frame(&chunk).with_context(cannot_write)?;
    }
    // One origin per article, as many as the articles whatever the list holds: the frames are
    // counted from the articles when the state is read.
    let no_origin = Origin { file: NO_FILE, ..Origin::default() };
    let origins: Vec<&Origin> =
        (0..cached.articles.len()).map(|i| origins.get(i).unwrap_or(&no_origin)).collect();
    for chunk in origins.chunks(rest::ORIGINS_PER_FRAME) {
        out.frame(&chunk).with_context(cannot_write)?;
    }
    let file = out.out.into_inner().map_err(|e| e.into_error()).with_context(cannot_write)?;
    file.sync_all().with_context(cannot_write)?;
    Ok(())
}

/// The state file being written, a frame at a time, each with a checksum; given up once
/// `stop` is set.
struct Frames<'a> {
    out: std::io::BufWriter<std::fs::File>,
    /// The last frame's encoding, whose room the next one takes.
    buffer: Vec<u8>,
    stop: &'a AtomicBool,
}

impl Frames<'_> {
    fn frame(&mut self, value: &impl Serialize) -> Result<()> {
        let encoded = encode(value, std::mem::take(&mut self.buffer))?;
        self.encoded(&encoded)?;
        self.buffer = encoded;
        Ok(())
    }

    /// A frame already encoded: its length, its checksum and its encoded contents.
    fn encoded(&mut self, encoded: &[u8]) -> Result<()> {
        use std::io::Write;
        anyhow::ensure!(!self.stop.load(Ordering::Relaxed), "asked to stop");
        let len = u32::try_from(encoded.len()).ok().filter(|&n| n <= MAX_FRAME_BYTES);
        let len = len.context("a frame of the cache is too large")?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(&xxhash_rust::xxh3::xxh3_64(encoded).to_le_bytes())?;
        self.out.write_all(encoded)?;
        Ok(())
    }
}

/// A frame's contents, encoded into `buffer` (emptied first).
fn encode(value: &impl Serialize, mut buffer: Vec<u8>) -> Result<Vec<u8>> {
    buffer.clear();
    postcard::to_extend(value, buffer).context("cannot encode the cache")
}

/// Marks the cache stale before its indexes are rebuilt.
pub fn invalidate(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(STATE_FILE));
}

#[cfg(test)]
mod tests;

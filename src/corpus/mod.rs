//! Finding article files, reading their formats, and deciding titles, dates and sources.
//!
//! Everything here is read-only: the corpus is opened, never written.

pub mod day_number;
mod decode;
mod discover;
mod fingerprint;
pub use fingerprint::of_files as fingerprint_of_files;
mod json;
mod markdown;
mod meta;
pub mod offsets;
mod places;
pub use places::Places;
mod plain;
pub mod seeds;
pub mod touched;
mod walk_order;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use discover::{
    FileKind, FileStamp, SourceFile, discover, discover_unless_stopped, fingerprint_unless_stopped,
};
pub use walk_order::walk_order;

/// A single article (text or Markdown file) larger than this is skipped: it is not an article.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// A JSON file holds many articles (an export), so it may be larger. JSON Lines files are
/// streamed and only capped per line.
pub const MAX_JSON_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// A JSON Lines record larger than this is skipped with a reason.
pub const MAX_RECORD_BYTES: usize = 8 * 1024 * 1024;
/// At most this many records of one file are listed as skipped; the others are counted.
pub const MAX_SKIPS_PER_FILE: usize = 100;
/// Titles longer than this are cut for display.
pub const MAX_TITLE_CHARS: usize = 120;

/// Where an article's date came from, in order of trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// Front matter, a JSON field, or a `date YYYY-MM-DD` line.
    Metadata,
    /// A dateline in the first lines of the text.
    Dateline,
    /// Worked out from the text and the rest of the corpus.
    Inferred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ArticleDate {
    #[serde(with = "day_number")]
    pub date: NaiveDate,
    pub from: DateSource,
}

/// One article, as the rest of the program sees it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// Position in the corpus; also the article's key in the search index.
    pub id: u32,
    /// The path reported to the user: the file path, `file#id` inside JSON files, `seeds/<file>` for the seeds.
    pub path: Box<str>,
    pub title: Box<str>,
    pub date: Option<ArticleDate>,
    pub source: Option<Box<str>>,
    pub url: Option<Box<str>>,
    /// The readable text: the body of the decoded file, boilerplate cut out (or the JSON text
    /// field).
    pub text: String,
    /// From offsets in `text` to byte offsets in the file (for JSON articles, in the field).
    pub file_map: offsets::FileMap,
    /// Things worth telling the user that did not stop the article from loading.
    pub warnings: Box<[String]>,
}

impl Article {
    /// A digest of the article as read from its file: all of it but its id and its path (whose
    /// root is spelled as the user typed it this time).
    pub fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let Article { id: _, path: _, title, date, source, url, text, file_map, warnings } = self;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        (title, date, source, url, text, file_map, warnings).hash(&mut hasher);
        hasher.finish()
    }

    /// The byte offset in the article's file of byte `pos` of its text (for JSON articles,
    /// the offset in the text field).
    pub fn file_offset(&self, pos: usize) -> usize {
        self.file_map.file_offset(pos)
    }

    /// The byte offset in the file where a range of the text ending at `pos` ends.
    pub fn file_end(&self, pos: usize) -> usize {
        self.file_map.file_end(pos)
    }

    /// The date shown to the user, with `~` when it was inferred.
    pub fn date_label(&self) -> String {
        match self.date {
            Some(ArticleDate { date, from: DateSource::Inferred }) => format!("~{date}"),
            Some(ArticleDate { date, .. }) => date.to_string(),
            None => String::new(),
        }
    }
}

/// A file (or a record inside one) that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// What reading one source file produced.
#[derive(Debug, Default)]
pub struct FileLoad {
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
    pub bytes: u64,
}

/// Fields common to every format before the article gets its id.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub path: String,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub text: String,
    /// The ranges of the decoded file that `text` is made of, in order (none for JSON fields).
    pub pieces: Vec<std::ops::Range<usize>>,
    pub warnings: Vec<String>,
}

impl Draft {
    /// Takes `pieces` of the decoded `source` as the text, in order.
    pub(crate) fn set_text(&mut self, source: &str, pieces: Vec<std::ops::Range<usize>>) {
        self.text = pieces.iter().filter_map(|p| source.get(p.clone())).collect();
        self.pieces = pieces;
    }

    pub(crate) fn into_article(self) -> Article {
        let title = self
            .title
            .map(|t| clean_title(&t))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| title_from_text(&self.text, &self.path));
        Article {
            id: 0,
            path: self.path.into(),
            title: title.into(),
            date: self.date.map(|date| ArticleDate { date, from: DateSource::Metadata }),
            source: self.source.map(|s| clean_title(&s)).filter(|s| !s.is_empty()).map(Box::from),
            url: self.url.map(Box::from),
            text: self.text,
            file_map: offsets::FileMap::default(),
            warnings: self.warnings.into_boxed_slice(),
        }
    }
}

/// Reads one file into articles; never panics, reports what it could not read.
pub fn load_file(file: &SourceFile) -> FileLoad {
    let shown = file.shown.clone();
    let skip = |reason: String| FileLoad {
        skipped: vec![Skipped { path: shown.clone(), reason }],
        ..FileLoad::default()
    };
    if file.kind == FileKind::JsonLines {
        return json::load_lines(&file.path, &shown);
    }
    let limit = if file.kind == FileKind::Json { MAX_JSON_FILE_BYTES } else { MAX_FILE_BYTES };
    let bytes = match read_capped(&file.path, limit) {
        Ok(b) => b,
        Err(reason) => return skip(reason),
    };
    let size = bytes.len() as u64;
    let mut load = load_bytes(&bytes, file.kind, &shown);
    load.bytes = size;
    load
}

/// Streams a JSON Lines file in batches of `batch` articles.
pub fn load_lines_in_batches(file: &SourceFile, batch: usize, emit: &mut dyn FnMut(FileLoad)) {
    json::load_lines_in_batches(&file.path, &file.shown, batch, emit);
}

/// Parses file contents already in memory (used for files and for the embedded seeds).
pub fn load_bytes(bytes: &[u8], kind: FileKind, shown: &str) -> FileLoad {
    let skip = |reason: String| FileLoad {
        skipped: vec![Skipped { path: shown.to_string(), reason }],
        bytes: bytes.len() as u64,
        ..FileLoad::default()
    };
    let decoded = match decode::decode(bytes) {
        Ok(d) => d,
        Err(reason) => return skip(reason),
    };
    let result = match kind {
        FileKind::Text => plain::parse(&decoded.text, shown).map(|d| vec![Ok(d)]),
        FileKind::Markdown => markdown::parse(&decoded.text, shown).map(|d| vec![Ok(d)]),
        FileKind::Json => json::parse_document(&decoded.text, shown),
        FileKind::JsonLines => json::parse_lines(&decoded.text, shown),
    };
    let drafts = match result {
        Ok(d) => d,
        Err(reason) => return skip(reason),
    };
    let mut load = FileLoad { bytes: bytes.len() as u64, ..FileLoad::default() };
    let mut skips = SkipCap::default();
    for draft in drafts {
        match draft {
            Ok(mut d) => {
                d.warnings.extend(decoded.warning.clone());
                let map = decoded.map.of_pieces(&d.pieces);
                let mut article = d.into_article();
                article.file_map = map;
                load.articles.push(article);
            }
            Err(s) => skips.push(s, &mut load.skipped),
        }
    }
    load.skipped.extend(skips.summary(shown, "records"));
    load
}

/// Lists a file's first skipped records and counts the others: a file of five million broken
/// lines must not become five million records in memory.
#[derive(Debug, Default)]
pub(crate) struct SkipCap {
    seen: u64,
}

impl SkipCap {
    pub(crate) fn push(&mut self, skipped: Skipped, into: &mut Vec<Skipped>) {
        self.seen += 1;
        if self.seen <= MAX_SKIPS_PER_FILE as u64 {
            into.push(skipped);
        }
    }

    /// One record for the ones not listed, if any.
    pub(crate) fn summary(&self, shown: &str, what: &str) -> Option<Skipped> {
        let more = self.seen.saturating_sub(MAX_SKIPS_PER_FILE as u64);
        (more > 0)
            .then(|| Skipped { path: shown.to_string(), reason: format!("and {more} more {what} skipped") })
    }
}

fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = open_regular(path)?;
    let too_large = |len: u64| {
        format!("too large: {} MB (the limit is {} MB)", len / (1024 * 1024), limit / (1024 * 1024))
    };
    let len = file.metadata().map_err(|e| io_reason(&e))?.len();
    if len > limit {
        return Err(too_large(len));
    }
    // The file may grow while it is read: read no more than the limit allows.
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens a file for reading if it is a regular file. A FIFO would block and a device such as
/// `/dev/zero` never end, so they are refused; the file is opened without blocking and checked
/// as opened, so it cannot be swapped between the check and the read.
pub(crate) fn open_regular(path: &Path) -> Result<std::fs::File, String> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| io_reason(&e))?;
    let kind = file.metadata().map_err(|e| io_reason(&e))?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    let what = if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "not a file"
    };
    Err(format!("not a regular file ({what})"))
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found (a dangling link?)".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

/// Everything loaded from a set of paths, in a stable order.
#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
    pub bytes: u64,
}

/// Loads all paths (no paths: the embedded seeds), reading files in parallel.
pub fn load(paths: &[PathBuf]) -> Corpus {
    let (files, mut skipped, _) = discover(paths);
    let loads: Vec<FileLoad> =
        if paths.is_empty() { seeds::load() } else { files.par_iter().map(load_file).collect() };
    let mut corpus = Corpus::default();
    for load in loads {
        corpus.bytes += load.bytes;
        corpus.articles.extend(load.articles);
        skipped.extend(load.skipped);
    }
    number(&mut corpus.articles, 0);
    corpus.skipped = skipped;
    corpus
}

/// Gives articles their ids, starting at `first`.
pub fn number(articles: &mut [Article], first: u32) {
    for (i, a) in articles.iter_mut().enumerate() {
        a.id = first + i as u32;
    }
}

/// One display line: control characters removed, white space folded, long titles cut.
pub fn clean_title(raw: &str) -> String {
    let folded: String = raw
        .split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control() && *c != '\u{feff}').collect::<String>())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    crate::text::cut_chars(&folded, MAX_TITLE_CHARS)
}

/// A title for an article without one: its first sentence, or the file name.
fn title_from_text(text: &str, path: &str) -> String {
    let first_para = text.split("\n\n").map(str::trim).find(|p| !p.is_empty()).unwrap_or("");
    let sentence_end =
        first_para.match_indices(". ").map(|(i, _)| i + 1).find(|&i| i > 20).unwrap_or(first_para.len());
    let title = clean_title(&first_para[..sentence_end]);
    if title.is_empty() {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        clean_title(name)
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article's digest is of what was read: the same wherever it is numbered or however its
    /// root is spelled, and another for another title, date or text.
    #[test]
    fn a_digest_is_of_what_was_read_and_not_of_the_id_or_path() {
        let article = seeds::articles().remove(0);
        let digest = article.digest();
        let moved = Article { id: 9, path: "./elsewhere/a.txt".into(), ..article.clone() };
        assert_eq!(moved.digest(), digest);
        let retitled = Article { title: "Another".into(), ..article.clone() };
        let undated = Article { date: None, ..article.clone() };
        let mut edited = article.clone();
        edited.text.push('.');
        for other in [retitled, undated, edited] {
            assert_ne!(other.digest(), digest, "{}", other.title);
        }
    }

    #[test]
    fn clean_title_drops_control_characters() {
        assert_eq!(clean_title("Escape \u{1b}]0;pwned\u{7} title\r"), "Escape ]0;pwned title");
    }

    #[test]
    fn a_text_without_title_takes_its_first_sentence() {
        let t = title_from_text("\n\nShares fell sharply on Monday. Then more.", "x.txt");
        assert_eq!(t, "Shares fell sharply on Monday.");
        assert_eq!(title_from_text("  \n", "dir/empty-ish.txt"), "empty-ish.txt");
    }
}

//! What a kept state holds besides the articles and their summaries: each file's record (to
//! tell which files changed) and each article's origin (its file, and what dated it). A corpus
//! opened again needs them only if its folder changed, so they are written last in the state
//! file, checked when it is opened, and decoded only when an update asks for them.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::corpus::{FileStamp, Skipped};

/// The `file` of an article that came from no file (the bundled seeds).
pub const NO_FILE: u32 = u32::MAX;

/// A file of the corpus as it was when it was read, and what reading it gave besides articles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The real path, as listed.
    pub path: PathBuf,
    pub size: u64,
    pub stamp: FileStamp,
    /// Bytes read from it.
    pub bytes: u64,
    /// What in it could not be loaded (the file itself, or records inside it).
    pub skipped: Vec<Skipped>,
}

impl FileRecord {
    /// A listed file's record, before it is read.
    pub fn listed(file: &crate::corpus::SourceFile) -> FileRecord {
        FileRecord {
            path: file.path.clone(),
            size: file.size,
            stamp: file.stamp,
            bytes: 0,
            skipped: Vec::new(),
        }
    }

    /// Whether `file` is this file, unchanged since it was read.
    pub fn unchanged(&self, file: &crate::corpus::SourceFile) -> bool {
        self.path == file.path && self.size == file.size && self.stamp == file.stamp
    }
}

/// Where an article came from, and what the corpus-wide pass needs of it without reading it
/// again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Its file, as an index into the files' records ([`Rest::Read`]); [`NO_FILE`] for none.
    pub file: u32,
    /// Its place among its file's articles (a JSON lines file holds many).
    pub nth: u32,
    /// Its file is a JSON lines file, as the listing named it: a first open reads those after
    /// all the others.
    pub lines: bool,
    /// It had no date of its own when it was loaded: the corpus pass dated it (or not).
    pub undated: bool,
    /// The full dates it mentions, if it was dated when loaded: its share of the evidence for
    /// the years of month-days.
    #[serde(with = "crate::corpus::day_number::list")]
    pub mentions: Box<[NaiveDate]>,
    /// If it was undated when loaded: what the corpus pass dates it from.
    pub evidence: Option<Box<crate::analysis::dating::Evidence>>,
    /// The article as it was read from its file ([`crate::corpus::Article::digest`]): when the
    /// file changes, an article that still reads the same is kept as it is.
    pub read_as: u64,
}

/// Where a kept state's records of files and origins of articles are, before they are read:
/// what is shown of them at once (how many files, the bytes read, what was skipped) came
/// with the state's head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// The folder of the state file.
    pub(super) dir: PathBuf,
    /// Where the files' frames start in it.
    pub(super) at: u64,
    /// The state's fingerprint: the file must still be the one read.
    pub(super) fingerprint: u64,
    pub(super) files: usize,
    pub(super) articles: usize,
    pub(super) bytes: u64,
    /// What the files' records say was skipped, in their order, spelled as the state now is.
    pub(super) skipped: Vec<Skipped>,
    /// The corpus's paths as the stored records spell them.
    pub(super) roots: Vec<String>,
    /// Where the own summaries that differ from the shown ones start in it, and how many.
    pub(super) own_at: u64,
    pub(super) own: usize,
    /// The name table the state was read with: the own summaries read back for an update take
    /// their names from the same copies as the shown ones (the table is not read again).
    pub(super) table: Vec<crate::analysis::Name>,
}

/// A kept corpus's records of its files and origins of its articles: read, or still in the
/// state file, where a corpus shown as it was leaves them. Only [`Rest::Read`] holds them, so
/// nothing can take the empty lists of a state not read yet for a corpus without files.
#[derive(Debug, PartialEq, Eq)]
pub enum Rest {
    Read { files: Vec<FileRecord>, origins: Vec<Origin> },
    InFile(Unread),
}

impl Default for Rest {
    fn default() -> Rest {
        Rest::Read { files: Vec::new(), origins: Vec::new() }
    }
}

impl Rest {
    /// How many files the corpus was read from.
    pub fn file_count(&self) -> usize {
        match self {
            Rest::Read { files, .. } => files.len(),
            Rest::InFile(unread) => unread.files,
        }
    }

    /// The bytes read from the files.
    pub fn bytes(&self) -> u64 {
        match self {
            Rest::Read { files, .. } => files.iter().map(|f| f.bytes).sum(),
            Rest::InFile(unread) => unread.bytes,
        }
    }

    /// What the files' reading skipped, in the files' order.
    pub fn skipped(&self) -> Vec<Skipped> {
        match self {
            Rest::Read { files, .. } => skipped_in(files),
            Rest::InFile(unread) => unread.skipped.clone(),
        }
    }

    /// The same, to be respelled.
    pub(super) fn skipped_mut(&mut self) -> Box<dyn Iterator<Item = &mut Skipped> + '_> {
        match self {
            Rest::Read { files, .. } => Box::new(files.iter_mut().flat_map(|f| f.skipped.iter_mut())),
            Rest::InFile(unread) => Box::new(unread.skipped.iter_mut()),
        }
    }
}

impl super::state::Cached {
    /// Shows the paths as spelled now (`../x` then `/home/me/x` is one corpus, one cache).
    pub fn respell(&mut self, roots: &[String]) {
        if self.roots == roots || self.roots.len() != roots.len() {
            return;
        }
        let old = std::mem::take(&mut self.roots);
        for article in &mut self.articles {
            if let Some(path) = respelled(&old, roots, &article.path) {
                std::sync::Arc::make_mut(article).path = path.into();
            }
        }
        respell_skips(self.listed_skipped.iter_mut().chain(self.rest.skipped_mut()), &old, roots);
        self.roots = roots.to_vec();
    }
}

/// Files per frame of the state file.
pub(super) const FILES_PER_FRAME: usize = 4096;
/// Origins per frame.
pub(super) const ORIGINS_PER_FRAME: usize = 8192;

/// How many frames the records of `files` files and the origins of `articles` articles take.
pub(super) fn frames(files: usize, articles: usize) -> usize {
    files.div_ceil(FILES_PER_FRAME) + articles.div_ceil(ORIGINS_PER_FRAME)
}

/// Reads the records and origins `unread` says where to find.
pub(super) fn read(unread: &Unread) -> Result<(Vec<FileRecord>, Vec<Origin>), String> {
    use std::io::{Read, Seek};
    let mut frame = Vec::new();
    let (mut reader, _) = super::state::reopen(unread, &mut frame)?;
    reader.seek(std::io::SeekFrom::Start(unread.at)).map_err(|e| e.to_string())?;
    let files: Vec<FileRecord> = super::state::read_frames(&mut reader, &mut frame, unread.files)?;
    let origins: Vec<Origin> = super::state::read_frames(&mut reader, &mut frame, unread.articles)?;
    if reader.read(&mut [0u8; 1]).map_err(|e| e.to_string())? != 0 {
        return Err("the cache changed since it was opened".to_string());
    }
    Ok((files, origins))
}

/// Where the articles of `origins` (by id, their files numbered in walk order) stand in the
/// order a first open of the folder reads them: the files in walk order, the JSON lines files
/// after all the others, and each file's articles in its order.
pub fn places_of(origins: &[Origin]) -> crate::corpus::Places {
    let keys: Vec<(bool, u32, u32)> = origins.iter().map(|o| (o.lines, o.file, o.nth)).collect();
    crate::corpus::Places::ordered_by(&keys)
}

/// Every file's skips, in the files' order.
pub(super) fn skipped_in(files: &[FileRecord]) -> Vec<Skipped> {
    files.iter().flat_map(|f| f.skipped.iter().cloned()).collect()
}

/// Respells each skipped file's path under the roots `new` instead of `old`.
pub(super) fn respell_skips<'a>(
    skips: impl Iterator<Item = &'a mut Skipped>,
    old: &[String],
    new: &[String],
) {
    for s in skips {
        if let Some(path) = respelled(old, new, &s.path) {
            s.path = path;
        }
    }
}

/// `path` under the roots `new` instead of `old` (`../x` then `/home/me/x` is one corpus);
/// `None` if it is under none of them.
pub(super) fn respelled(old: &[String], new: &[String], path: &str) -> Option<String> {
    if old.len() != new.len() {
        return None;
    }
    old.iter().zip(new).find_map(|(old, new)| {
        path.strip_prefix(old.as_str())
            .filter(|rest| rest.is_empty() || rest.starts_with(['/', '#']))
            .map(|rest| format!("{new}{rest}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a kept corpus holds per article and per file, at a million of each: an article is
    /// 144 bytes (its path, title, source and link boxed strings, its file map one allocation,
    /// its warnings a boxed list; 176, then 208 before), a file's record 72 (its stamp a digest;
    /// 112 before).
    #[test]
    fn an_article_is_144_bytes_and_a_file_record_72() {
        assert_eq!(std::mem::size_of::<crate::corpus::Article>(), 144);
        assert_eq!(std::mem::size_of::<FileRecord>(), 72);
        assert_eq!(std::mem::size_of::<FileStamp>(), 8);
    }

    /// The articles of a text file added before the others, and of a JSON lines file that
    /// gained an article at its start, stand where a first open puts them.
    #[test]
    fn places_follow_the_folder_with_json_lines_files_last() {
        // Files in walk order: 0 a JSON lines file (however its path reads), 1 and 2 text.
        let origin = |file, nth| Origin { file, nth, lines: file == 0, ..Origin::default() };
        // Ids as an update leaves them: file 1 was there, then the lines, then file 2 came.
        let origins = [origin(1, 0), origin(0, 1), origin(0, 2), origin(2, 0), origin(0, 0)];
        let places = places_of(&origins);
        assert_eq!(places.table(), Some(&[0, 3, 4, 1, 2][..]));
        let in_order: Vec<u32> = (0..5).map(|p| places.id_at(p)).collect();
        assert_eq!(in_order, [0, 3, 4, 1, 2], "file 1, file 2, then the lines in order");
        assert!(places_of(&[origin(1, 0), origin(2, 0), origin(0, 0), origin(0, 1)]).are_ids());
    }

    #[test]
    fn a_path_is_respelled_under_the_root_it_is_under() {
        let old = ["seeds".to_string(), "../news".to_string()];
        let new = ["/srv/seeds".to_string(), "/srv/news".to_string()];
        assert_eq!(respelled(&old, &new, "../news/a.txt").as_deref(), Some("/srv/news/a.txt"));
        assert_eq!(respelled(&old, &new, "seeds/b.jsonl#3").as_deref(), Some("/srv/seeds/b.jsonl#3"));
        assert_eq!(respelled(&old, &new, "seedsmore/c.txt"), None, "not under a root");
        assert_eq!(respelled(&old, &new[..1], "seeds/b.txt"), None, "another number of roots");
    }
}

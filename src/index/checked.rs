//! Which files of a kept index were last found whole, and how each looked on disk then (its
//! size, times and identity). A file that looks the same at the next open is not read again to
//! check its checksum: the index of a million articles is a gigabyte, and reading it took a
//! tenth of every reopen. Any write to a file changes its change time, which no one but the
//! kernel sets, so a file that was damaged, cut or replaced since is read and checked again.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The record, in the corpus's cache directory beside the two indexes.
const CHECKED_FILE: &str = "checked.json";

/// Files of the indexes (`text/…`, `notes/…`) and how each looked when it was found whole.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Checked {
    files: BTreeMap<String, u64>,
}

impl Checked {
    /// The record in `dir`; empty (every file is checked) if there is none or it cannot be read.
    pub(super) fn load(dir: &Path) -> Checked {
        let Ok(bytes) = std::fs::read(dir.join(CHECKED_FILE)) else { return Checked::default() };
        serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            tracing::debug!("{CHECKED_FILE} is not read ({e}): every file of the index is checked");
            Checked::default()
        })
    }

    /// Writes the record into `dir`, whole or not at all.
    pub(super) fn save(&self, dir: &Path) {
        let partial = dir.join(format!("{CHECKED_FILE}.partial"));
        let written = serde_json::to_vec(self)
            .map_err(std::io::Error::other)
            .and_then(|bytes| std::fs::write(&partial, bytes))
            .and_then(|()| std::fs::rename(&partial, dir.join(CHECKED_FILE)));
        if let Err(e) = written {
            tracing::debug!("{CHECKED_FILE} not written ({e}): the index is checked whole next time");
        }
    }

    /// Forgets the record in `dir` (the indexes beside it are being thrown away).
    pub(super) fn forget(dir: &Path) {
        let _ = std::fs::remove_file(dir.join(CHECKED_FILE));
    }

    /// Whether `file` (`text/…` or `notes/…`) looks as it did when it was found whole.
    pub(super) fn unchanged(&self, file: &str, looks: u64) -> bool {
        self.files.get(file) == Some(&looks)
    }

    pub(super) fn insert(&mut self, file: String, looks: u64) {
        self.files.insert(file, looks);
    }
}

/// How a file looks on disk: its size, its stamp (the times, mode and owner the corpus's own
/// files are compared by) and its identity; `None` if it cannot be read.
pub(super) fn looks(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    let parts = [meta.size(), crate::corpus::FileStamp::of(&meta).digest(), meta.ino(), meta.dev()];
    let bytes: Vec<u8> = parts.iter().flat_map(|p| p.to_le_bytes()).collect();
    Some(xxhash_rust::xxh3::xxh3_64(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_comes_back_as_written_and_a_damaged_one_as_empty() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("a.idx");
        std::fs::write(&file, "one").expect("written");
        let mut checked = Checked::default();
        let looks_then = looks(&file).expect("it looks like something");
        checked.insert("text/a.idx".to_string(), looks_then);
        checked.save(dir.path());
        let back = Checked::load(dir.path());
        assert_eq!(back, checked);
        assert!(back.unchanged("text/a.idx", looks_then));
        assert!(!back.unchanged("notes/a.idx", looks_then), "another file");

        // Written again with the same bytes: its change time moved.
        std::thread::sleep(std::time::Duration::from_millis(10));
        std::fs::write(&file, "one").expect("written");
        assert!(!back.unchanged("text/a.idx", looks(&file).expect("still there")));

        std::fs::write(dir.path().join(CHECKED_FILE), "{ not json").expect("written");
        assert_eq!(Checked::load(dir.path()), Checked::default());
        Checked::forget(dir.path());
        assert_eq!(Checked::load(dir.path()), Checked::default());
        assert!(looks(&dir.path().join("gone")).is_none());
    }
}

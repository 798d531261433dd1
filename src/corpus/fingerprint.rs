//! What a corpus's folder is, for the cache, in one number: taken a file at a time, in any
//! order, so that a folder can be checked as it is walked, without listing (and sorting) a
//! million files first.

use std::path::Path;

use super::{FileStamp, Skipped};

/// Every file's real path, size, times, mode and owner (so a file that became readable, or
/// unreadable, is looked at again), and what was skipped while listing. Each file's own hash
/// is added up: the order they are met in does not count, how many times it is met does.
#[derive(Debug, Default)]
pub struct Fingerprint {
    sum: u64,
    count: u64,
    bytes: Vec<u8>,
}

impl Fingerprint {
    pub fn file(&mut self, path: &Path, size: u64, stamp: FileStamp) {
        self.bytes.clear();
        self.bytes.push(0);
        self.bytes.extend_from_slice(path.as_os_str().as_encoded_bytes());
        self.bytes.push(0);
        self.bytes.extend_from_slice(&size.to_le_bytes());
        self.bytes.extend_from_slice(&stamp.digest().to_le_bytes());
        self.add();
    }

    pub fn skipped(&mut self, skipped: &Skipped) {
        self.bytes.clear();
        self.bytes.push(1);
        self.bytes.extend_from_slice(skipped.path.as_bytes());
        self.add();
    }

    fn add(&mut self) {
        self.sum = self.sum.wrapping_add(xxhash_rust::xxh3::xxh3_64(&self.bytes));
        self.count += 1;
    }

    pub fn value(&self) -> u64 {
        let mut both = [0u8; 16];
        both[..8].copy_from_slice(&self.sum.to_le_bytes());
        both[8..].copy_from_slice(&self.count.to_le_bytes());
        xxhash_rust::xxh3::xxh3_64(&both)
    }
}

/// The fingerprint of a walk that met these files, each once, and skipped these: a listing's
/// own, worked out without walking (for a listing brought up to date from a few paths).
pub fn of_files<'a>(files: impl Iterator<Item = (&'a Path, u64, FileStamp)>, skipped: &[Skipped]) -> u64 {
    let mut print = Fingerprint::default();
    files.for_each(|(path, size, stamp)| print.file(path, size, stamp));
    skipped.iter().for_each(|s| print.skipped(s));
    print.value()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A walk's fingerprint is the one its own list of files and skips gives.
    #[test]
    fn a_listing_gives_the_fingerprint_of_its_walk() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("a.txt"), "A\n").unwrap();
        std::fs::write(dir.path().join("sub/b.json"), "{}").unwrap();
        let pipe = dir.path().join("c.txt");
        assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
        let paths = [dir.path().to_path_buf()];
        let (files, skipped, walked) = crate::corpus::discover(&paths);
        assert_eq!((files.len(), skipped.len()), (2, 1));
        let listed = files.iter().map(|f| (f.path.as_path(), f.size, f.stamp));
        assert_eq!(of_files(listed, &skipped), walked);
        assert_ne!(
            of_files(files[..1].iter().map(|f| (f.path.as_path(), f.size, f.stamp)), &skipped),
            walked
        );
    }

    type File = (&'static str, u64, i128, u32);

    fn print(files: &[File], skipped: &[&str]) -> u64 {
        let mut print = Fingerprint::default();
        for &(path, size, secs, mode) in files {
            let stamp = FileStamp::of_parts(secs * 1_000_000_000, 0, mode, (1, 1));
            print.file(Path::new(path), size, stamp);
        }
        for path in skipped {
            print.skipped(&Skipped { path: path.to_string(), reason: "unreadable".into() });
        }
        print.value()
    }

    #[test]
    fn a_changed_size_time_mode_or_path_changes_the_fingerprint_and_the_order_does_not() {
        let (a, b) = (("a.txt", 10, 1, 0o644), ("b.txt", 20, 2, 0o644));
        let base = print(&[a, b], &[]);
        assert_eq!(base, print(&[a, b], &[]));
        assert_eq!(base, print(&[b, a], &[]), "in any order");
        assert_ne!(base, print(&[("a.txt", 11, 1, 0o644), b], &[]), "size");
        assert_ne!(base, print(&[("a.txt", 10, 9, 0o644), b], &[]), "time");
        assert_ne!(base, print(&[("a.txt", 10, 1, 0o200), b], &[]), "chmod");
        assert_ne!(base, print(&[("c.txt", 10, 1, 0o644), b], &[]), "renamed");
        assert_ne!(base, print(&[a], &[]), "removed");
        assert_ne!(base, print(&[a, b, a], &[]), "met twice");
        assert_ne!(print(&[b], &["a.txt"]), print(&[b], &[]), "a skipped file counts");
    }
}

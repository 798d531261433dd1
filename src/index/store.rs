//! A tantivy directory that maps every index file into memory except the document store,
//! which it reads with plain positioned reads.
//!
//! The store holds every article's compressed text and is read through once while the corpus
//! is analyzed. Mapped, each page read would stay in the process's resident memory until the
//! segment goes away; read, a block lives only as long as tantivy's small block cache keeps it.
//! The postings, which queries touch again and again, stay mapped.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::HasLen;
use tantivy::directory::error::{DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback, WatchHandle,
    WritePtr,
};

#[derive(Debug, Clone)]
pub struct ReadStoreDirectory {
    root: PathBuf,
    mapped: MmapDirectory,
}

impl ReadStoreDirectory {
    pub fn open(root: &Path) -> Result<ReadStoreDirectory, OpenDirectoryError> {
        Ok(ReadStoreDirectory { root: root.to_path_buf(), mapped: MmapDirectory::open(root)? })
    }
}

/// A file read with `pread`, one requested range at a time.
#[derive(Debug)]
struct ReadFile {
    file: File,
    len: usize,
}

impl HasLen for ReadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let end = range.end.min(self.len);
        if range.start >= end {
            return Ok(OwnedBytes::empty());
        }
        let mut buffer = vec![0; end - range.start];
        self.file.read_exact_at(&mut buffer, range.start as u64)?;
        Ok(OwnedBytes::new(buffer))
    }
}

impl Directory for ReadStoreDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if path.extension().is_none_or(|e| e != "store") {
            return self.mapped.get_file_handle(path);
        }
        let full = self.root.join(path);
        let file = File::open(&full).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(e, full.clone()),
        })?;
        let len = file.metadata().map_err(|e| OpenReadError::wrap_io_error(e, full))?.len() as usize;
        Ok(Arc::new(ReadFile { file, len }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.mapped.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.mapped.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.mapped.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.mapped.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.mapped.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.mapped.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.mapped.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.mapped.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_files_are_read_and_other_files_mapped_with_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.store"), b"stored bytes").unwrap();
        std::fs::write(dir.path().join("a.idx"), b"postings").unwrap();
        let d = ReadStoreDirectory::open(dir.path()).unwrap();
        let store = d.get_file_handle(Path::new("a.store")).unwrap();
        assert_eq!(store.read_bytes(7..12).unwrap().as_slice(), b"bytes");
        assert!(store.read_bytes(12..12).unwrap().is_empty());
        assert_eq!(store.read_bytes(7..99).unwrap().as_slice(), b"bytes", "a read stops at the end");
        let idx = d.get_file_handle(Path::new("a.idx")).unwrap();
        assert_eq!(idx.read_bytes(0..8).unwrap().as_slice(), b"postings");
        assert!(matches!(
            d.get_file_handle(Path::new("missing.store")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }
}

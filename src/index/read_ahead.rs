//! Reading an index's search files into memory before the first query needs them.
//!
//! An index on disk is memory-mapped: a query reads the pages it touches, and after a restart
//! or a busy day those pages are on disk. At a million articles the first queries then took
//! 26-110 ms each instead of 1-17 ms after a reopen, and 30-50 ms after a first open (whose
//! segments were written a minute before its end). The kernel is asked to read ahead the files
//! that queries read; the stored texts, which only an opened article reads, are left where they are.

use std::path::{Path, PathBuf};

use tantivy::Index;
use tantivy::index::SegmentComponent;

/// The parts of a segment that finding and counting matches read.
const SEARCHED: [SegmentComponent; 5] = [
    SegmentComponent::Terms,
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::FieldNorms,
    SegmentComponent::FastFields,
];

/// The files of `index`'s searchable segments, in `dir`, that queries read.
pub(super) fn searched_files(index: &Index, dir: &Path) -> Vec<PathBuf> {
    let metas = match index.searchable_segment_metas() {
        Ok(metas) => metas,
        Err(e) => {
            tracing::debug!("no files to read ahead in {}: {e}", dir.display());
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    for meta in &metas {
        files.extend(SEARCHED.iter().map(|part| dir.join(meta.relative_path(part.clone()))));
        if meta.has_deletes() {
            files.push(dir.join(meta.relative_path(SegmentComponent::Delete)));
        }
    }
    files
}

/// Asks the kernel to read `files` into its page cache, on a thread of its own: the request
/// waits while the reads are queued, and the pages arrive while the user looks at the list.
/// Nothing is lost if it fails; queries read the pages themselves.
pub(super) fn read_ahead(files: Vec<PathBuf>) {
    let spawned = std::thread::Builder::new().name("dossier-read-ahead".to_string()).spawn(move || {
        for file in &files {
            if let Err(e) = advise_will_need(file) {
                tracing::debug!("{} is not read ahead: {e}", file.display());
            }
        }
    });
    if let Err(e) = spawned {
        tracing::debug!("the index is not read ahead: {e}");
    }
}

/// How much of a file one request asks for. Linux reads no more than a device's read-ahead
/// window for one request (128 KiB by default), whatever length it is given: a whole file
/// asked for at once was read only in part (176 of 512 MB at a million articles).
const REQUEST: u64 = 128 * 1024;

fn advise_will_need(file: &Path) -> std::io::Result<()> {
    let opened = std::fs::File::open(file)?;
    let len = opened.metadata()?.len();
    for offset in (0..len).step_by(REQUEST as usize) {
        rustix::fs::fadvise(
            &opened,
            offset,
            std::num::NonZeroU64::new(REQUEST),
            rustix::fs::Advice::WillNeed,
        )?;
    }
    Ok(())
}

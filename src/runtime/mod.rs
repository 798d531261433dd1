//! What executes the effects `update` asks for: the loading pipeline and the search worker
//! (each on its own thread, talking to the interface by messages), and the terminal session.
//! [`session::Session`] runs the same pieces one step at a time, for the headless commands.

pub mod config;
mod corpus_pass;
pub mod history;
mod incremental;
pub mod marks;
mod memory;
mod milestones;
pub mod outside;
pub mod pipeline;
pub mod reopen;
pub mod session;
pub mod tables;
pub mod terminal;
pub mod watch;
pub mod worker;

use std::path::PathBuf;

use anyhow::Result;

use crate::index::{SearchIndex, cache};

/// Loading, checking or following a corpus stopped because the interface is closing.
#[derive(Debug)]
struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("loading was cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// Where a corpus's index goes. The seeds are indexed in memory. A folder is kept in the user's
/// cache directory, to be reused while it is unchanged; with `reuse` off, or when another
/// dossier has that corpus open, in a temporary directory there; in memory when no cache
/// directory works. Never next to the corpus.
pub fn open_index(paths: &[PathBuf], reuse: bool) -> Result<SearchIndex> {
    let dir = cache::cache_dir();
    let index = open_index_in(dir.as_deref(), paths, reuse)?;
    // Said where a cache would be kept: a benchmark's "fresh" index whose relative cache
    // folder was ignored read the cache it was compared with, for three days.
    let ignored = cache::ignored_cache_home(std::env::var_os("XDG_CACHE_HOME").as_deref(), dir.as_deref());
    Ok(match ignored {
        Some(why) if !paths.is_empty() => index.noting(why),
        _ => index,
    })
}

/// [`open_index`], under the cache directory `cache` (none: in memory). An index not kept
/// in the cache, which was asked for, says why: a second dossier on a corpus indexes it again,
/// and at a million articles that took two minutes the user was not told the reason for.
fn open_index_in(cache: Option<&std::path::Path>, paths: &[PathBuf], reuse: bool) -> Result<SearchIndex> {
    if paths.is_empty() {
        return SearchIndex::new();
    }
    let Some(cache) = cache else { return SearchIndex::new() };
    let mut not_kept = None;
    if reuse {
        match SearchIndex::cached(cache, paths) {
            Ok(index) => return Ok(index),
            Err(e) => {
                tracing::info!("index not kept: {e:#}");
                not_kept = Some(match e.downcast_ref::<cache::InUse>() {
                    Some(cache::InUse { pid: Some(pid), .. }) => {
                        format!("this corpus is open in another dossier (process {pid})")
                    }
                    Some(cache::InUse { pid: None, .. }) => {
                        "this corpus is open in another dossier".to_string()
                    }
                    None => format!("the cache of this corpus cannot be used ({e:#})"),
                });
            }
        }
    }
    let index = SearchIndex::on_disk(cache).or_else(|e| {
        tracing::warn!("index kept in memory: {e:#}");
        SearchIndex::new()
    })?;
    Ok(match not_kept {
        Some(why) => index.noting(format!("{why}: indexing it again here, for this session only")),
        None => index,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A corpus another dossier has open is indexed here, in a temporary folder, and the user
    /// is told why; one nobody has open is kept in the cache without a word.
    #[test]
    fn a_corpus_open_in_another_dossier_is_indexed_here_with_a_word_why() {
        let cache = tempfile::tempdir().unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let paths = [corpus.path().to_path_buf()];
        let kept = open_index_in(Some(cache.path()), &paths, true).unwrap();
        assert!(kept.kept_dir().is_some());
        assert_eq!(kept.notice(), None);
        let again = open_index_in(Some(cache.path()), &paths, true).unwrap();
        assert_eq!(again.kept_dir(), None, "not the cache another open holds");
        let why = format!(
            "this corpus is open in another dossier (process {}): indexing it again here, for this session only",
            std::process::id()
        );
        assert_eq!(again.notice(), Some(why.as_str()));
        // Not asked to keep it, the index says nothing of the cache.
        assert_eq!(open_index_in(Some(cache.path()), &paths, false).unwrap().notice(), None);
        // A cache directory that is a file: the index is in memory, and says why.
        let file = cache.path().join("a-file");
        std::fs::write(&file, "").unwrap();
        let in_memory = open_index_in(Some(&file), &paths, true).unwrap();
        let notice = in_memory.notice().unwrap_or_default();
        assert!(notice.starts_with("the cache of this corpus cannot be used (cannot create"), "{notice}");
    }
}

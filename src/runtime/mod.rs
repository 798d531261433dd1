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
    if paths.is_empty() {
        return SearchIndex::new();
    }
    let Some(cache) = cache::cache_dir() else { return SearchIndex::new() };
    if reuse {
        match SearchIndex::cached(&cache, paths) {
            Ok(index) => return Ok(index),
            Err(e) => tracing::info!("index not kept: {e:#}"),
        }
    }
    SearchIndex::on_disk(&cache).or_else(|e| {
        tracing::warn!("index kept in memory: {e:#}");
        SearchIndex::new()
    })
}

//! The filter prompt's history, kept across runs under the user's state directory
//! (`$XDG_STATE_HOME/dossier/history`): one query a line, the newest last.

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::app::prompt::HISTORY_KEPT;

pub fn path() -> Option<PathBuf> {
    dirs::state_dir().or_else(dirs::data_local_dir).map(|d| d.join("dossier").join("history"))
}

/// The queries of earlier runs, oldest first; none if there is no history yet.
pub fn load() -> Vec<String> {
    let Some(path) = path() else { return Vec::new() };
    let Ok(text) = std::fs::read_to_string(&path) else { return Vec::new() };
    let queries: Vec<String> =
        text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
    let excess = queries.len().saturating_sub(HISTORY_KEPT);
    queries[excess..].to_vec()
}

/// Replaces the kept history (written whole, then moved into place).
pub fn save(queries: &[String]) -> Result<()> {
    let path = path().context("no state directory")?;
    let dir = path.parent().context("no state directory")?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let partial = path.with_extension("partial");
    let text: String = queries.iter().map(|q| format!("{}\n", q.replace(['\n', '\r'], " "))).collect();
    std::fs::write(&partial, text).with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(&partial, &path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

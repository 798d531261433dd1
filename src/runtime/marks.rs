//! Where a corpus's bookmarks and notes are kept: `$XDG_DATA_HOME/dossier/corpus-<hash>/
//! marks.json`, never next to the corpus. A file that cannot be read is set aside (renamed) and
//! reported, and the interface starts with no marks.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::app::Marks;
use crate::index::cache;

const FILE: &str = "marks.json";

/// The marks file of the corpus at `paths`.
pub fn path(paths: &[PathBuf]) -> Option<PathBuf> {
    let data = dirs::data_dir()?.join("dossier");
    Some(cache::corpus_dir(&data, paths).join(FILE))
}

/// The kept marks, and what went wrong if the file was damaged (it is then set aside).
pub fn load(paths: &[PathBuf]) -> (Marks, Option<String>) {
    let Some(file) = path(paths) else { return (Marks::default(), None) };
    let Ok(text) = std::fs::read_to_string(&file) else { return (Marks::default(), None) };
    match serde_json::from_str(&text) {
        Ok(marks) => (marks, None),
        Err(e) => {
            let aside = set_aside(&file);
            let kept = aside.map_or_else(String::new, |p| format!("; it was kept as {}", p.display()));
            (Marks::default(), Some(format!("the bookmarks could not be read ({e}){kept}")))
        }
    }
}

fn set_aside(file: &Path) -> Option<PathBuf> {
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let aside = file.with_extension(format!("json.damaged-{stamp}"));
    std::fs::rename(file, &aside).ok().map(|()| aside)
}

/// Keeps the marks (written whole, then moved into place).
pub fn save(paths: &[PathBuf], marks: &Marks) -> Result<()> {
    let file = path(paths).context("no data directory")?;
    let dir = file.parent().context("no data directory")?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let partial = file.with_extension("json.partial");
    std::fs::write(&partial, serde_json::to_string_pretty(marks)?)
        .with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(&partial, &file).with_context(|| format!("cannot write {}", file.display()))?;
    Ok(())
}

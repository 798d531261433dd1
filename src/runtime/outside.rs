//! The effects that reach outside dossier: exports written to files, text put on the
//! terminal's clipboard, links and files opened in other programs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use base64::Engine;

use crate::app::AppState;
use crate::app::protocol::ExportWhat;
use crate::export::{self, Format, Source};
use crate::index::SearchIndex;
use crate::text::safe;

/// Writes an export of what the state shows to `path`; says what was written. The format
/// follows the file name; nothing is written inside the corpus.
pub fn export(
    state: &AppState,
    index: &SearchIndex,
    what: ExportWhat,
    path: &str,
    corpus: &[PathBuf],
) -> Result<String> {
    let format = Format::of_path(path)
        .with_context(|| format!("{path}: name it .csv, .md, .json or .timeline.json"))?;
    let target = Path::new(path);
    refuse_inside(target, corpus)?;
    let text_of = |id: u32| index.text(id).ok().flatten().map(Arc::<str>::from);
    let document = export::render(what, format, &Source { state, text_of: &text_of })?;
    if target.exists() {
        bail!("{path} exists: give another name");
    }
    std::fs::write(target, document).with_context(|| format!("cannot write {path}"))?;
    Ok(format!("exported the {} to {path}", export::name(what)))
}

/// Puts text on the clipboard with the terminal's OSC 52, which works over ssh and in tmux
/// (with `set-clipboard on`).
pub fn copy(text: &str) -> std::io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Opens a link with `$BROWSER`, or the platform's opener, without waiting for it.
pub fn open_link(url: &str) -> Result<()> {
    let opener = std::env::var("BROWSER").ok().filter(|b| !b.trim().is_empty()).unwrap_or_else(|| {
        if cfg!(target_os = "macos") { "open".to_string() } else { "xdg-open".to_string() }
    });
    let mut words = opener.split_whitespace();
    let program = words.next().context("$BROWSER is empty")?;
    Command::new(program)
        .args(words)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot run {program}"))?;
    Ok(())
}

/// The command that shows `path` at the line holding byte `byte`: `$PAGER` (or less) or
/// `$EDITOR` (or vi), both of which take `+LINE`.
pub fn file_command(path: &str, byte: usize, editor: bool) -> Result<Command> {
    let (variable, fallback) = if editor { ("EDITOR", "vi") } else { ("PAGER", "less") };
    let program =
        std::env::var(variable).ok().filter(|p| !p.trim().is_empty()).unwrap_or_else(|| fallback.to_string());
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {path}"))?;
    let line =
        bytes.get(..byte.min(bytes.len())).map_or(0, |head| head.iter().filter(|&&b| b == b'\n').count()) + 1;
    let mut words = program.split_whitespace();
    let name = words.next().context("the program is empty")?;
    let mut command = Command::new(name);
    command.args(words).arg(format!("+{line}")).arg(path);
    Ok(command)
}

/// dossier writes nothing into the corpus, not even an export asked for there.
pub fn refuse_inside(out: &Path, paths: &[PathBuf]) -> Result<()> {
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(folder) = std::fs::canonicalize(folder) else { return Ok(()) };
    for root in paths {
        let Ok(root) = std::fs::canonicalize(root) else { continue };
        let root_dir = if root.is_dir() {
            root.clone()
        } else {
            root.parent().map(Path::to_path_buf).unwrap_or(root.clone())
        };
        if folder.starts_with(&root_dir) {
            bail!("{} is inside the corpus: dossier writes nothing there", safe(&out.display().to_string()));
        }
    }
    Ok(())
}

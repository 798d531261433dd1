//! The effects that reach outside dossier: exports written to files, text put on the
//! terminal's clipboard, links and files opened in other programs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result, bail};
use base64::Engine;

use crate::app::AppState;
use crate::app::protocol::ExportWhat;
use crate::export::{self, Format, Source};
use crate::index::SearchIndex;
use crate::text::safe;

/// An export asked for, checked before it starts: the format its file name asks for, a
/// folder outside the corpus, a name not taken.
pub struct ExportTo {
    what: ExportWhat,
    format: Format,
    path: String,
}

impl ExportTo {
    pub fn check(what: ExportWhat, path: &str, corpus: &[PathBuf]) -> Result<ExportTo> {
        let format = Format::of_path(path)
            .with_context(|| format!("{path}: name it .csv, .md, .json or .timeline.json"))?;
        export::check(what, format)?;
        refuse_inside(Path::new(path), corpus)?;
        if Path::new(path).exists() {
            bail!("{path} exists: give another name");
        }
        Ok(ExportTo { what, format, path: path.to_string() })
    }

    /// What the interface says while it is written.
    pub fn started(&self) -> String {
        format!("exporting the {} to {}…", export::name(self.what), self.path)
    }

    /// Writes the export of what the state shows; says what was written. Once `stop` is set,
    /// the next write fails and the partial file goes.
    pub fn write(&self, state: &AppState, index: &SearchIndex, stop: &AtomicBool) -> Result<String> {
        let text_of = |id: u32| index.text(id).ok().flatten().map(Arc::<str>::from);
        let source = Source { state, text_of: &text_of };
        let fill = |out: &mut dyn Write| {
            export::write(self.what, self.format, &source, &mut Stoppable { out, stop })
        };
        write_whole(Path::new(&self.path), false, fill)?;
        Ok(format!("exported the {} to {}", export::name(self.what), self.path))
    }
}

/// Output that fails once it is asked to stop.
struct Stoppable<'a> {
    out: &'a mut dyn Write,
    stop: &'a AtomicBool,
}

impl Write for Stoppable<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("the export was stopped"));
        }
        self.out.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The name of an export's thread, as the log names it (a panic there is caught and reported
/// in the status bar).
const EXPORT_THREAD: &str = "dossier-export";

/// Exports being written on threads of their own, each from a copy of the state taken when it
/// was asked for: a timeline of a million events takes a while, and the interface goes on
/// meanwhile. They are waited for when dossier ends, so an export asked for is finished,
/// unless the user stops them.
#[derive(Default)]
pub struct Exports {
    threads: Vec<std::thread::JoinHandle<()>>,
    stop: Arc<AtomicBool>,
}

impl Exports {
    /// Starts writing `export` of `state`; `done` is told what came of it.
    pub fn start(
        &mut self,
        export: ExportTo,
        state: AppState,
        index: Arc<SearchIndex>,
        done: impl FnOnce(String) + Send + 'static,
    ) -> Result<()> {
        self.threads.retain(|thread| !thread.is_finished());
        let stop = Arc::clone(&self.stop);
        let thread = std::thread::Builder::new().name(EXPORT_THREAD.to_string()).spawn(move || {
            let write = || export.write(&state, &index, &stop);
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(write));
            done(match outcome {
                Ok(Ok(written)) => written,
                Ok(Err(e)) => {
                    tracing::warn!("{e:#}");
                    safe(&format!("{e:#}")).into_owned()
                }
                Err(panic) => {
                    format!("the export failed: internal error ({})", super::worker::panic_message(&panic))
                }
            });
        })?;
        self.threads.push(thread);
        Ok(())
    }

    /// Whether an export is still being written.
    pub fn running(&self) -> bool {
        self.threads.iter().any(|thread| !thread.is_finished())
    }

    /// Stops the exports being written; their partial files go.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Waits for the exports still being written.
    pub fn finish(self) {
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

/// Writes a file through a temporary one beside it, renamed to `target` once whole: a failed
/// or interrupted export leaves no half-written file under the name asked for. With
/// `overwrite` false, a file of that name (one that appeared meanwhile) is left as it is.
pub fn write_whole(
    target: &Path,
    overwrite: bool,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let cannot = || format!("cannot write {}", safe(&target.display().to_string()));
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // Readable as a file written the usual way would be (the umask applies), not private as
    // temporary files are made.
    let mode = std::os::unix::fs::PermissionsExt::from_mode(0o666);
    let mut partial = tempfile::Builder::new()
        .prefix(".dossier-export-")
        .permissions(mode)
        .tempfile_in(folder)
        .with_context(cannot)?;
    {
        let mut out = std::io::BufWriter::new(partial.as_file_mut());
        fill(&mut out)?;
        out.flush().with_context(cannot)?;
    }
    let placed = if overwrite { partial.persist(target) } else { partial.persist_noclobber(target) };
    placed.map_err(|e| e.error).with_context(cannot)?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        let failed = write_whole(&target, false, |out| {
            out.write_all(b"half a row")?;
            bail!("the index went away")
        });
        assert!(failed.is_err());
        assert!(names_in(dir.path()).is_empty(), "no half-written file, no temporary one");
        write_whole(&target, false, |out| Ok(out.write_all(b"first")?)).unwrap();
        assert!(write_whole(&target, false, |out| Ok(out.write_all(b"second")?)).is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "first", "not overwritten");
        write_whole(&target, true, |out| Ok(out.write_all(b"third")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "third", "replaced when asked");
        assert_eq!(names_in(dir.path()), ["out.csv"]);
        // As a file written the usual way: the umask decides, not the temporary file's 0600.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        let plain = dir.path().join("plain.csv");
        std::fs::write(&plain, "x").unwrap();
        assert_eq!(mode, std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777);
    }

    #[test]
    fn an_export_is_checked_then_written_on_its_own_thread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("timeline.csv").display().to_string();
        assert!(ExportTo::check(ExportWhat::Timeline, "timeline.txt", &[]).is_err(), "no format");
        let session = crate::runtime::session::Session::load(&[], false).unwrap();
        let export = ExportTo::check(ExportWhat::Timeline, &path, &[]).unwrap();
        assert_eq!(export.started(), format!("exporting the timeline to {path}…"));
        let (tx, rx) = std::sync::mpsc::channel();
        let mut exports = Exports::default();
        let done = move |message| tx.send(message).unwrap();
        exports.start(export, session.state.clone(), session.shared_index(), done).unwrap();
        exports.finish();
        assert_eq!(rx.try_recv().unwrap(), format!("exported the timeline to {path}"));
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.starts_with("date,granularity,anchor,sentence,title,path,url\n"));
        assert_eq!(written.lines().count(), session.state.timeline.rows.len() + 1);
        assert!(ExportTo::check(ExportWhat::Timeline, &path, &[]).is_err(), "the name is taken now");

        // An export stopped (the user pressed Ctrl-C while dossier waited for it) leaves nothing.
        let stopped = dir.path().join("stopped.csv").display().to_string();
        let export = ExportTo::check(ExportWhat::Timeline, &stopped, &[]).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let mut exports = Exports::default();
        exports.stop();
        exports
            .start(export, session.state.clone(), session.shared_index(), move |m| tx.send(m).unwrap())
            .unwrap();
        exports.finish();
        assert!(rx.try_recv().unwrap().contains("the export was stopped"));
        assert!(!Path::new(&stopped).exists());
        assert_eq!(names_in(dir.path()), ["timeline.csv"], "no partial file either");
    }
}

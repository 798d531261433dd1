//! What the paths a watched folder's events name are now, one stat call each (a folder: a walk
//! of it): a change to a million-file folder is taken in without walking it (which took 3-6
//! s). Only the plain cases are answered here; for anything only a walk of everything can
//! tell (a link, a file with more than one name, a pipe), the folder is listed whole. The
//! corpus brought up to date this way is checked against a walk afterwards (see
//! `runtime::watch`): a case this gets wrong costs a walk, not a wrong corpus.

use std::path::{Path, PathBuf};

use super::discover::{is_hidden, shown_path};
use super::walk_order::walk_order;
use super::{FileKind, FileStamp, SourceFile};

/// The paths that changed, in walk order, each with what a walk would list there or under it
/// now, in walk order: nothing (the file or folder is gone, or is not an article's), the file,
/// or a folder's files. No path is under another.
pub type Touched = Vec<(PathBuf, Vec<SourceFile>)>;

/// What `changed` are now, under the corpus's `roots` (as the user gave them); `None` if only
/// a walk can tell.
pub fn look_at(roots: &[PathBuf], changed: impl IntoIterator<Item = PathBuf>) -> Option<Touched> {
    let mut real = Vec::with_capacity(roots.len());
    for root in roots {
        let path = std::fs::canonicalize(root).ok()?;
        // A file named on the command line is read whatever its name: a walk says what it is.
        if !path.is_dir() {
            return None;
        }
        real.push((path, root.display().to_string()));
    }
    let mut touched = Vec::new();
    for path in changed {
        let now = look_at_one(&real, &path)?;
        touched.push((path, now));
    }
    touched.sort_by(|a, b| walk_order(&a.0, &b.0));
    // A folder's walk tells what is under it: a path under a folder named too (its events
    // often come with the folder's) is that folder's. In walk order, a folder comes first.
    touched.dedup_by(|later, kept| later.0.starts_with(&kept.0));
    Some(touched)
}

/// What a walk lists at one path now, or under it; `None` if only a walk of everything can tell.
fn look_at_one(roots: &[(PathBuf, String)], path: &Path) -> Option<Vec<SourceFile>> {
    // Under exactly one of the roots, and not a root itself: a file under two of them is
    // listed once, which only a walk sorts out.
    let mut under = roots.iter().filter(|(root, _)| path != root && path.starts_with(root));
    let (root, shown_root) = under.next()?;
    if under.next().is_some() {
        return None;
    }
    let inside = path.strip_prefix(root).ok()?;
    // The walk does not go into hidden folders, nor list hidden files.
    if inside.components().any(|c| is_hidden(c.as_os_str())) {
        return Some(Vec::new());
    }
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {
            return Some(Vec::new());
        }
        Err(_) => return None,
    };
    if meta.is_dir() {
        // A root inside it is walked on its own, and its files listed once.
        if roots.iter().any(|(other, _)| other.starts_with(path)) {
            return None;
        }
        return folder(root, shown_root, path);
    }
    Some(file(root, shown_root, path, &meta)?.into_iter().collect())
}

/// The file at `path` if a walk lists it (`Some(None)` if it is not an article's); `None` if
/// only a walk of everything can tell.
fn file(root: &Path, shown_root: &str, path: &Path, meta: &std::fs::Metadata) -> Option<Option<SourceFile>> {
    let kind_of = meta.file_type();
    if kind_of.is_symlink() {
        return None;
    }
    let Some(kind) = path.file_name().and_then(FileKind::from_name) else {
        // Not an article's name: nothing the walk lists.
        return Some(None);
    };
    if !kind_of.is_file() {
        // A pipe or a device named like an article: the walk reports it as skipped.
        return None;
    }
    use std::os::unix::fs::MetadataExt;
    if meta.nlink() > 1 {
        // Another name of a file the corpus may hold already: the walk lists such a file once.
        return None;
    }
    let shown = shown_path(root, shown_root, path);
    Some(Some(SourceFile {
        path: path.to_path_buf(),
        shown,
        kind,
        size: meta.len(),
        stamp: FileStamp::of(meta),
    }))
}

/// The files a walk lists under the folder `path`, in walk order (a folder moved or copied into
/// the corpus comes as one event); `None` if only a walk of everything can tell (a link in it,
/// a file with another name, an entry that cannot be read).
fn folder(root: &Path, shown_root: &str, path: &Path) -> Option<Vec<SourceFile>> {
    let walker = walkdir::WalkDir::new(path).follow_links(false);
    let mut files = Vec::new();
    for entry in walker.into_iter().filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name())) {
        let entry = entry.ok()?;
        if entry.file_type().is_dir() {
            continue;
        }
        let meta = entry.metadata().ok()?;
        files.extend(file(root, shown_root, entry.path(), &meta)?);
    }
    files.sort_by(|a, b| walk_order(&a.path, &b.path));
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path as the walk lists it, and what `look_at` says of it, agree: a new or changed
    /// article file is the walk's own entry; a gone one, a hidden one and one that is not an
    /// article's are nothing; a folder, a link, a second name and a pipe are left to a walk.
    #[test]
    fn a_changed_path_is_what_the_walk_lists_there_or_left_to_a_walk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("news");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::create_dir_all(root.join(".hidden")).unwrap();
        std::fs::write(root.join("sub/a.txt"), "A\n\nOne.\n").unwrap();
        std::fs::write(root.join("b.md"), "# B\n").unwrap();
        std::fs::write(root.join("notes.doc"), "not an article").unwrap();
        std::fs::write(root.join(".hidden/c.txt"), "C\n").unwrap();
        let real = std::fs::canonicalize(&root).unwrap();
        let roots = [root.clone()];
        let (listed, _, _) = crate::corpus::discover(&roots);

        let changed = [real.join("sub/a.txt"), real.join("b.md"), real.join("sub/a.txt")];
        let touched = look_at(&roots, changed).unwrap();
        let paths: Vec<_> = touched.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(paths, [real.join("b.md"), real.join("sub/a.txt")], "in walk order, once each");
        for (path, now) in &touched {
            let [now] = now.as_slice() else { panic!("{path:?}: {now:?}") };
            let walked = listed.iter().find(|f| &f.path == path).unwrap();
            assert_eq!(
                (&now.shown, now.kind, now.size, now.stamp),
                (&walked.shown, walked.kind, walked.size, walked.stamp)
            );
        }

        let nothing = [real.join("gone.txt"), real.join("notes.doc"), real.join(".hidden/c.txt")];
        let touched = look_at(&roots, nothing).unwrap();
        assert!(touched.iter().all(|(_, now)| now.is_empty()), "{touched:?}");

        // A folder (moved in, say) is walked: its files as the walk lists them, hidden ones
        // passed over, and a path in it named too is the folder's.
        for (name, text) in [("in/x.txt", "X\n"), ("in/deep/y.md", "# Y\n"), ("in/.h/z.txt", "Z\n")] {
            std::fs::create_dir_all(real.join(name).parent().unwrap()).unwrap();
            std::fs::write(real.join(name), text).unwrap();
        }
        let (listed, _, _) = crate::corpus::discover(&roots);
        let touched = look_at(&roots, [real.join("in/x.txt"), real.join("in"), real.join("b.md")]).unwrap();
        let paths: Vec<_> = touched.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(paths, [real.join("b.md"), real.join("in")]);
        let walked: Vec<_> = listed.iter().filter(|f| f.path.starts_with(real.join("in"))).collect();
        let found: Vec<_> = touched[1].1.iter().collect();
        assert_eq!(found.len(), 2, "{found:?}");
        for (now, walked) in found.iter().zip(&walked) {
            assert_eq!(
                (&now.path, &now.shown, now.kind, now.size, now.stamp),
                (&walked.path, &walked.shown, walked.kind, walked.size, walked.stamp)
            );
        }

        std::os::unix::fs::symlink(real.join("b.md"), real.join("link.md")).unwrap();
        std::fs::hard_link(real.join("sub/a.txt"), real.join("again.txt")).unwrap();
        let fifo = real.join("pipe.txt");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        std::os::unix::fs::symlink(real.join("b.md"), real.join("in/deep/link.md")).unwrap();
        // A folder holding a link, or a file with another name (sub/a.txt now), is left to a walk.
        for path in [
            real.join("in"),
            real.join("sub"),
            real.join("link.md"),
            real.join("again.txt"),
            fifo,
            real.clone(),
        ] {
            assert!(look_at(&roots, [path.clone()]).is_none(), "{}", path.display());
        }
        assert!(look_at(&[root.join("b.md")], [real.join("b.md")]).is_none(), "a file as a root");
    }

    /// The paths are shown as the user spelled the root.
    #[test]
    fn a_changed_file_is_shown_under_the_root_as_given() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("news")).unwrap();
        std::fs::write(dir.path().join("news/a.txt"), "A\n").unwrap();
        let spelled = dir.path().join("news/../news");
        let real = std::fs::canonicalize(dir.path().join("news")).unwrap();
        let touched = look_at(std::slice::from_ref(&spelled), [real.join("a.txt")]).unwrap();
        let shown = &touched[0].1[0].shown;
        assert_eq!(shown, &format!("{}/a.txt", spelled.display()));
    }
}

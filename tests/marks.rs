//! Bookmarks and notes are kept per corpus outside it, come back after a restart, and a
//! damaged file is set aside and reported.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failed assumption is a failed test

use dossier::app::{Marks, NoteOn};
use dossier::runtime::marks;

#[test]
fn marks_survive_a_restart_and_a_damaged_file_is_set_aside() {
    let data = tempfile::tempdir().unwrap();
    // This test is alone in its binary: the environment is its own.
    unsafe { std::env::set_var("XDG_DATA_HOME", data.path()) };
    let corpus = tempfile::tempdir().unwrap();
    let paths = vec![corpus.path().to_path_buf()];
    let mut m = Marks::default();
    m.toggle("a.txt");
    m.set_note(&NoteOn::Event("a.txt".into(), 42), "check");
    marks::save(&paths, &m).unwrap();
    let file = marks::path(&paths).unwrap();
    assert!(file.starts_with(data.path()), "kept under the data directory, not the corpus");
    assert_eq!(std::fs::read_dir(corpus.path()).unwrap().count(), 0);
    assert_eq!(marks::load(&paths), (m, None), "back after a restart");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let (back, problem) = marks::load(&paths);
    assert_eq!(back, Marks::default());
    assert!(problem.unwrap().contains("could not be read"));
    let aside: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("damaged"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is kept aside");
}

//! Bookmarks and notes: articles marked for later, and one-line notes on articles and on
//! timeline events. Keyed by where they are in the corpus (a path relative to the corpus
//! folder, and a sentence's place), so they survive re-indexing, which renumbers articles.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    /// Marked articles.
    pub articles: BTreeSet<String>,
    /// Notes by [`note_key`].
    pub notes: BTreeMap<String, String>,
}

/// What a note is attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteOn {
    Article(String),
    /// An event: its article, and where its sentence starts in the article's text.
    Event(String, u32),
}

pub fn note_key(on: &NoteOn) -> String {
    match on {
        NoteOn::Article(path) => path.clone(),
        NoteOn::Event(path, start) => format!("{path}@{start}"),
    }
}

impl Marks {
    pub fn is_marked(&self, key: &str) -> bool {
        self.articles.contains(key)
    }

    /// Marks an unmarked article and unmarks a marked one; says whether it is marked now.
    pub fn toggle(&mut self, key: &str) -> bool {
        if self.articles.remove(key) {
            false
        } else {
            self.articles.insert(key.to_string());
            true
        }
    }

    pub fn note(&self, on: &NoteOn) -> Option<&str> {
        self.notes.get(&note_key(on)).map(String::as_str)
    }

    /// Sets a note; an empty one removes it.
    pub fn set_note(&mut self, on: &NoteOn, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            self.notes.remove(&note_key(on));
        } else {
            self.notes.insert(note_key(on), text.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_toggle_and_notes_are_set_and_cleared() {
        let mut m = Marks::default();
        assert!(m.toggle("a.txt"));
        assert!(m.is_marked("a.txt"));
        assert!(!m.toggle("a.txt"));
        let on = NoteOn::Event("a.txt".into(), 120);
        m.set_note(&on, "  check the date  ");
        assert_eq!(m.note(&on), Some("check the date"));
        assert_eq!(m.note(&NoteOn::Article("a.txt".into())), None, "the event's note is not the article's");
        m.set_note(&on, "");
        assert!(m.notes.is_empty());
    }
}

//! The filter prompt as a line editor: a cursor that moves by character and by word, the
//! deletions readline users reach for (Ctrl-W, Ctrl-U), and a history of earlier queries to
//! step through with ↑/↓, kept across runs by the runtime.

/// Queries kept in the history.
pub const HISTORY_KEPT: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    /// What is typed.
    pub text: String,
    /// Where the cursor is, as a byte offset on a character boundary.
    pub cursor: usize,
    /// Earlier queries, oldest first.
    pub history: Vec<String>,
    /// While stepping through the history: which entry is shown, and what was typed before.
    browsing: Option<(usize, String)>,
}

/// One editing step, as the keymap names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    DeleteToStart,
    Older,
    Newer,
}

impl Prompt {
    /// Starts editing `text`, the cursor at its end.
    pub fn start(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.len();
        self.browsing = None;
    }

    pub fn insert(&mut self, s: &str) {
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
        self.browsing = None;
    }

    /// Applies an editing step; says whether the text changed.
    pub fn edit(&mut self, edit: Edit) -> bool {
        let before = self.text.clone();
        match edit {
            Edit::Left => self.cursor = self.prev_char(self.cursor),
            Edit::Right => self.cursor = self.next_char(self.cursor),
            Edit::WordLeft => self.cursor = self.word_start_before(self.cursor),
            Edit::WordRight => self.cursor = self.word_end_after(self.cursor),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::DeleteBack => {
                let from = self.prev_char(self.cursor);
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Edit::DeleteForward => {
                let to = self.next_char(self.cursor);
                self.text.replace_range(self.cursor..to, "");
            }
            Edit::DeleteWordBack => {
                let from = self.word_start_before(self.cursor);
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Edit::DeleteToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Edit::Older => self.step_history(true),
            Edit::Newer => self.step_history(false),
        }
        if !matches!(edit, Edit::Older | Edit::Newer) && self.text != before {
            self.browsing = None;
        }
        self.text != before
    }

    /// Adds a submitted query to the history (once, as the newest).
    pub fn remember(&mut self, query: &str) {
        let query = query.trim();
        if query.is_empty() {
            return;
        }
        self.history.retain(|q| q != query);
        self.history.push(query.to_string());
        let excess = self.history.len().saturating_sub(HISTORY_KEPT);
        self.history.drain(..excess);
        self.browsing = None;
    }

    fn step_history(&mut self, older: bool) {
        let n = self.history.len();
        let shown = match (self.browsing.as_ref().map(|(i, _)| *i), older) {
            (None, true) if n > 0 => Some(n - 1),
            (None, _) => return,
            (Some(0), true) => Some(0),
            (Some(i), true) => Some(i - 1),
            (Some(i), false) if i + 1 < n => Some(i + 1),
            (Some(_), false) => None,
        };
        match shown {
            Some(i) => {
                let draft = self.browsing.take().map_or_else(|| self.text.clone(), |(_, d)| d);
                self.text = self.history[i].clone();
                self.browsing = Some((i, draft));
            }
            None => {
                self.text = self.browsing.take().map(|(_, d)| d).unwrap_or_default();
            }
        }
        self.cursor = self.text.len();
    }

    fn prev_char(&self, at: usize) -> usize {
        self.text[..at].char_indices().next_back().map_or(0, |(i, _)| i)
    }

    fn next_char(&self, at: usize) -> usize {
        self.text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
    }

    /// Where the word before `at` starts (white space before it skipped), as Ctrl-W and
    /// Alt-B see a word.
    fn word_start_before(&self, at: usize) -> usize {
        let head = &self.text[..at];
        let trimmed = head.trim_end_matches(|c: char| !c.is_alphanumeric());
        trimmed
            .rfind(|c: char| !c.is_alphanumeric())
            .map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8))
    }

    fn word_end_after(&self, at: usize) -> usize {
        let tail = &self.text[at..];
        let skipped = tail.len() - tail.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let rest = &tail[skipped..];
        at + skipped + rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Prompt {
        let mut p = Prompt::default();
        p.start(text);
        p
    }

    #[test]
    fn the_cursor_moves_by_character_and_by_word_and_typing_goes_there() {
        let mut p = typed("Kishida Hagiuda");
        p.edit(Edit::WordLeft);
        assert_eq!(p.cursor, 8);
        p.edit(Edit::Left);
        p.insert(" OR");
        assert_eq!(p.text, "Kishida OR Hagiuda");
        p.edit(Edit::Home);
        p.edit(Edit::WordRight);
        assert_eq!(p.cursor, 7);
        p.edit(Edit::End);
        assert_eq!(p.cursor, p.text.len());
        let mut wide = typed("東京é");
        wide.edit(Edit::Left);
        wide.edit(Edit::Left);
        assert_eq!(wide.cursor, "東".len(), "by character, not byte");
    }

    #[test]
    fn ctrl_w_ctrl_u_and_deletes_remove_what_readline_removes() {
        let mut p = typed("entity:Hagiuda AND chips");
        p.edit(Edit::DeleteWordBack);
        assert_eq!(p.text, "entity:Hagiuda AND ");
        p.edit(Edit::DeleteWordBack);
        assert_eq!(p.text, "entity:Hagiuda ");
        p.edit(Edit::DeleteBack);
        assert_eq!(p.text, "entity:Hagiuda");
        p.edit(Edit::Home);
        p.edit(Edit::DeleteForward);
        assert_eq!(p.text, "ntity:Hagiuda");
        p.edit(Edit::End);
        p.edit(Edit::WordLeft);
        p.edit(Edit::DeleteToStart);
        assert_eq!((p.text.as_str(), p.cursor), ("Hagiuda", 0));
    }

    #[test]
    fn up_and_down_step_through_earlier_queries_and_back_to_the_draft() {
        let mut p = Prompt::default();
        for q in ["Kishida", "Hagiuda", "Kishida"] {
            p.remember(q);
        }
        assert_eq!(p.history, vec!["Hagiuda", "Kishida"], "once each, the newest last");
        p.start("draft");
        p.edit(Edit::Older);
        assert_eq!(p.text, "Kishida");
        p.edit(Edit::Older);
        p.edit(Edit::Older);
        assert_eq!(p.text, "Hagiuda", "stops at the oldest");
        p.edit(Edit::Newer);
        assert_eq!(p.text, "Kishida");
        p.edit(Edit::Newer);
        assert_eq!(p.text, "draft", "back to what was typed");
    }
}

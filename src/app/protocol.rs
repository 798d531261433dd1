//! The messages between the app and the threads that work for it: what the loading pipeline
//! reports, what the interface asks the search worker and what it answers, and the effects
//! `update` returns. The app owns them, so that the app's imports show it does no I/O.

use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;

use super::Pane;
use crate::analysis::identity::Renames;
use crate::analysis::{Analysis, Summary};
use crate::corpus::{Article, Skipped};
use crate::index::Hit;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    pub load_ms: u64,
    pub analyze_ms: u64,
    pub index_ms: u64,
}

/// What the streaming pipeline reports as it goes.
#[derive(Debug)]
pub enum PipelineEvent {
    /// The files were listed; `bytes` is their total size, for progress and an ETA.
    Discovered {
        files: usize,
        bytes: u64,
        /// The corpus's paths as the user gave them.
        roots: Vec<String>,
    },
    /// Where the articles that follow stand in the folder's order, as a corpus updated since
    /// it was first indexed has them (a first open's are their ids): what breaks ties.
    Placed(crate::corpus::Places),
    /// Articles read, in id order, with the files skipped on the way. Their texts are in the
    /// index only (`Article::text` is empty): the reader fetches the one it shows.
    Batch {
        articles: Vec<Arc<Article>>,
        skipped: Vec<Skipped>,
        bytes: u64,
        /// Time since the pipeline started.
        elapsed_ms: u64,
    },
    /// Everything handed on so far up to `articles` is searchable.
    Indexed {
        articles: usize,
    },
    /// Articles analyzed, or revised by the corpus-level pass: their summaries, and the
    /// articles whose date was inferred.
    Revised {
        summaries: Vec<(u32, Arc<Summary>)>,
        redated: Vec<Arc<Article>>,
        elapsed_ms: u64,
    },
    /// The corpus-wide entity names, for the analyses the reader works out again.
    Renamed(Arc<Renames>),
    Done {
        millis: u64,
        timings: Timings,
        /// The corpus was unchanged since it was last opened: everything came from the cache.
        from_cache: bool,
    },
    /// The corpus was brought up to date with its folder: what changed since it was indexed.
    Updated(CorpusChange),
    /// The cached corpus that follows is shown before its folder is checked for changes.
    Checking,
    /// The folder was checked: nothing changed since the corpus was cached.
    Checked,
    /// While the folder is watched: the corpus as it is now, after files changed.
    Refreshed(Box<Refresh>),
    /// The folder cannot be watched (the system's limit on watches is reached, say): why.
    Unwatched(String),
    Failed(String),
    /// Something the user should know that does not stop loading (a damaged cache thrown away).
    Notice(String),
}

/// A watched corpus as it is after its files changed, replacing what the interface shows. Ids
/// of articles that did not change stay the same unless files were removed.
#[derive(Debug)]
pub struct Refresh {
    pub articles: Vec<Arc<Article>>,
    /// Where they stand in the folder's order.
    pub places: crate::corpus::Places,
    /// By id, as the interface shows them (with the corpus-wide names).
    pub summaries: Vec<Arc<Summary>>,
    pub renames: Arc<Renames>,
    pub skipped: Vec<Skipped>,
    pub bytes: u64,
    pub change: CorpusChange,
}

/// What changed in a corpus since it was last indexed, counted in articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CorpusChange {
    /// Articles of files that are new.
    pub added: usize,
    /// Articles of files that are gone.
    pub removed: usize,
    /// Articles of files that changed: as they were, and as they are now.
    pub changed_before: usize,
    pub changed_after: usize,
}

impl CorpusChange {
    /// This change, then `later`: what both did, counted together.
    pub fn and(self, later: CorpusChange) -> CorpusChange {
        CorpusChange {
            added: self.added + later.added,
            removed: self.removed + later.removed,
            changed_before: self.changed_before + later.changed_before,
            changed_after: self.changed_after + later.changed_after,
        }
    }

    /// "+3 articles, 1 changed, −2" (the parts that are not zero).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.added > 0 {
            parts.push(format!("+{} article{}", self.added, if self.added == 1 { "" } else { "s" }));
        }
        if self.changed_before > 0 || self.changed_after > 0 {
            parts.push(format!("{} changed", self.changed_after.max(self.changed_before)));
        }
        if self.removed > 0 {
            parts.push(format!("\u{2212}{} removed", self.removed));
        }
        if parts.is_empty() { "no article changed".to_string() } else { parts.join(", ") }
    }
}

/// What a filter found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filtered {
    pub hits: Vec<Hit>,
    /// The entities (lower-case names and aliases) its `entity:` conditions matched: their
    /// mentions are hits too.
    pub entities: Vec<String>,
    /// How the query was understood, when it is not what was typed (`entity:Jobs means ...`).
    pub notes: Vec<String>,
}

#[derive(Debug)]
pub enum SearchRequest {
    /// An article's text and full analysis, for the reader; `date` is the article's date.
    Open {
        article: u32,
        date: Option<NaiveDate>,
    },
    /// Sentences to show in the timeline: byte ranges of articles' texts.
    Sentences(Vec<(u32, Range<u32>)>),
    Filter {
        generation: u64,
        query: String,
    },
    Highlight {
        generation: u64,
        article: u32,
        /// The article's title, whose hits are looked for too.
        title: String,
        query: String,
    },
    Related {
        article: u32,
    },
    /// The index changed: have ready what the next search needs, before the user types it,
    /// and break ties by `places` from now on. Nothing is answered.
    PrepareRanking {
        places: crate::corpus::Places,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum SearchResponse {
    /// The matches of a filter, as soon as they are known.
    Filtered {
        generation: u64,
        query: String,
        result: Result<Filtered, String>,
    },
    /// Then the hit counts of the best of them.
    Counted {
        generation: u64,
        counts: crate::index::HitCounts,
    },
    Highlighted {
        generation: u64,
        article: u32,
        ranges: Vec<Range<usize>>,
        /// Where the query is found in the article's title.
        title_ranges: Vec<Range<usize>>,
    },
    Related {
        article: u32,
        hits: Vec<Hit>,
    },
    Opened {
        article: u32,
        result: Result<(Arc<str>, Arc<Analysis>), String>,
    },
    /// Sentences by article and start.
    Sentences(Vec<((u32, u32), Arc<str>)>),
    /// A request failed; `damaged` when the index itself is damaged and must be rebuilt.
    Failed {
        message: String,
        damaged: bool,
    },
}

impl SearchRequest {
    /// What the request is for, in words, for a message when it fails.
    pub fn describe(&self) -> String {
        match self {
            SearchRequest::Open { .. } => "reading the article".to_string(),
            SearchRequest::Sentences(_) => "reading the timeline's sentences".to_string(),
            SearchRequest::Filter { query, .. } => format!("the search {}", crate::text::safe(query)),
            SearchRequest::Highlight { .. } => "highlighting the hits".to_string(),
            SearchRequest::Related { .. } => "finding related articles".to_string(),
            SearchRequest::PrepareRanking { .. } => "readying the index's ranking".to_string(),
        }
    }
}

/// What an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportWhat {
    /// The list as filtered and sorted.
    Articles,
    /// The article in the reader.
    Article,
    /// The timeline's events in the current scope and filter.
    Timeline,
    /// The entity pane's entities with their counts and what they are seen with.
    Entities,
}

/// What the outside world is asked to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// An article's link, in the browser.
    Link(String),
    /// An article's file in the pager or the editor, at the line holding byte `byte`.
    File { path: String, byte: usize, editor: bool },
}

/// Work `update` asks the outside world to do.
#[derive(Debug)]
pub enum Effect {
    Search(SearchRequest),
    /// Counting for the entity pane, on a thread of its own.
    Table(super::tables::TableRequest),
    /// The index is damaged: throw it away and load the corpus again.
    Reload,
    /// Keep these queries for the next run (the prompt's history, oldest first).
    SaveHistory(Vec<String>),
    /// Write an export to a file; the format follows its name.
    Export {
        what: ExportWhat,
        path: String,
    },
    /// Put text on the clipboard (the terminal's, so that it works over ssh); `what` says
    /// what it is, for the message.
    Copy {
        text: String,
        what: String,
    },
    Open(Opening),
    /// Keep the bookmarks and notes.
    SaveMarks(super::Marks),
    /// Follow the corpus's folders (or stop).
    Watch(bool),
}

/// Everything that reaches the state that is not a key binding.
#[derive(Debug)]
pub enum Incoming {
    Pipeline(PipelineEvent),
    Search(SearchResponse),
    Table(super::tables::TableResponse),
    /// The reader pane's inner size changed.
    Resize {
        width: usize,
        height: usize,
    },
    /// The mouse wheel (`step` lines; 0 for a click) over a pane, which takes the focus.
    Mouse {
        pane: Pane,
        step: isize,
        /// A clicked list row, which gets selected.
        row: Option<usize>,
    },
    /// Raw text entry in the filter prompt.
    PromptChar(char),
    /// Text pasted into the prompt, taken in whole.
    PromptPaste(String),
    /// The queries submitted in earlier runs, oldest first.
    History(Vec<String>),
    /// The corpus's bookmarks and notes, as kept.
    Marks(super::Marks),
    /// What came of work done outside (an export written, a link opened), or what went wrong.
    Notice(String),
}

//! The application state: everything the screen shows, and the pure `update` that changes it.

mod action;
pub mod marks;
pub mod matches;
pub mod prompt;
pub mod protocol;
pub mod tables;
pub mod timeline_rows;
mod update;
pub mod wrap;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

pub use action::Action;
pub use marks::{Marks, NoteOn};
pub use matches::Matches;
pub use prompt::{Edit, Prompt};
pub use protocol::{Effect, Incoming};
pub use update::{entity_query, find_entity, receive, relate, scope_timeline, update};

use crate::analysis::identity::Renames;
use crate::analysis::related::Related;
use crate::analysis::timeline::TimelineEvent;
use crate::analysis::{Analysis, DatedSentence, EntityKind, Summary};
use crate::corpus::{Article, Skipped};

/// The panes that can hold the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Reader,
    /// The lower-left pane; what it shows is [`AppState::side`].
    Side,
}

/// What the lower-left pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Timeline,
    Related,
    Entities,
    /// The files that could not be loaded, and why.
    Skipped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    #[default]
    Date,
    Title,
    Relevance,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Title => "title",
            SortKey::Relevance => "relevance",
        }
    }
}

/// Loading progress, as the pipeline reports it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    pub files: usize,
    pub bytes_total: u64,
    pub bytes_done: u64,
    pub indexed: usize,
    /// Articles whose entities and dates are known (the second pass).
    pub analyzed: usize,
    pub done: bool,
    /// A corpus shown from the cache is being checked against its folder.
    pub checking: bool,
    pub elapsed_ms: u64,
    /// Pipeline time of the last rebuild of the list and timeline while loading.
    pub rebuilt_ms: u64,
    pub failed: Option<String>,
    /// What the user was told while loading (a damaged cache thrown away, say).
    pub notices: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilterState {
    /// What is in the prompt, where its cursor is, and the queries submitted before.
    pub prompt: Prompt,
    pub editing: bool,
    /// The last query that parsed, and its matches (shared with the tables thread, which picks
    /// the timeline's rows with them): `None` when nothing filters.
    pub applied: Option<String>,
    pub matches: Arc<Matches>,
    /// The query's words found in each of the best matches, and which of their titles hold
    /// them (the worker counts them).
    pub word_counts: crate::index::HitCounts,
    /// The entities `entity:` conditions matched (lower-case names and aliases): their
    /// mentions are hits too.
    pub entities: Vec<String>,
    /// How the query was understood, when it is not what was typed.
    pub notes: Vec<String>,
    pub error: Option<String>,
    /// Bumped on every new query; answers for older ones are dropped.
    pub generation: u64,
    /// Where the user was when the prompt opened: what Back returns to once the filter is
    /// submitted, whenever the worker's answers arrived.
    pub before: Option<Location>,
}

impl FilterState {
    /// The matches, when a filter is applied (none filters otherwise).
    pub fn applied_matches(&self) -> Option<&Matches> {
        self.shared_matches().map(Arc::as_ref)
    }

    /// The same, shared: for work handed to the tables thread.
    pub fn shared_matches(&self) -> Option<&Arc<Matches>> {
        self.applied.as_ref().map(|_| &self.matches)
    }

    /// Whether a name is one of the entities filtered by: its mentions are hits. The list's
    /// counts and the reader's highlights both ask this.
    pub fn names_filtered_entity(&self, name: &str) -> bool {
        self.entities.iter().any(|wanted| crate::analysis::identity::lower_equals(name, wanted))
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListState {
    /// Article ids in display order.
    pub rows: Vec<u32>,
    /// Only the marked articles.
    pub marked_only: bool,
    pub selected: usize,
    /// The article to select once the rows are rebuilt (going back to an earlier filter).
    pub wanted: Option<u32>,
    pub sort: SortKey,
    /// Every article in the order of a sort key, kept until an article is added or changed.
    pub order: Option<(SortKey, Vec<u32>)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReaderState {
    pub article: Option<u32>,
    /// First wrapped line shown.
    pub scroll: usize,
    pub lines: Vec<Range<usize>>,
    pub width: usize,
    pub height: usize,
    /// Search hits in the article text: the worker's word hits and the filtered entities'
    /// mentions, in order.
    pub hits: Vec<Range<usize>>,
    /// The worker's word hits alone.
    pub word_hits: Vec<Range<usize>>,
    /// Where the query is found in the article's title (shown in the reader's border).
    pub title_hits: Vec<Range<usize>>,
    pub hit_cursor: Option<usize>,
    /// Index into the article's (visible) entities.
    pub entity_cursor: Option<usize>,
    pub hidden: BTreeSet<EntityKind>,
    /// A range to mark, such as the date expression of the event the reader came from.
    pub mark: Option<Range<usize>>,
    /// The text and full analysis of the article shown, once they are at hand.
    pub open: Option<OpenArticle>,
    /// Where to scroll to once the text arrives.
    pub pending_at: Option<usize>,
}

impl ReaderState {
    /// Lets go of what a query found in the article and where the reader was among it.
    pub fn forget_hits(&mut self) {
        self.hits.clear();
        self.word_hits.clear();
        self.title_hits.clear();
        self.hit_cursor = None;
    }
}

/// The article the reader shows: its text and its analysis, worked out again for reading.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenArticle {
    pub id: u32,
    pub text: Arc<str>,
    pub analysis: Arc<Analysis>,
}

/// What a question in the status bar is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AskFor {
    Note(NoteOn),
    Export(protocol::ExportWhat),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub purpose: AskFor,
    /// What it says before the answer.
    pub label: String,
    pub prompt: Prompt,
}

/// Whose events the timeline shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TimelineScope {
    #[default]
    All,
    Article(u32),
    Entity(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineState {
    /// Every event of the corpus, in calendar order (shared with the tables thread, which
    /// picks the rows from them).
    pub events: Arc<Vec<TimelineEvent>>,
    /// Sentences fetched for display, by article and sentence start.
    pub sentences: HashMap<(u32, u32), Arc<str>>,
    /// Sentences asked for and not yet here.
    pub requested: HashSet<(u32, u32)>,
    /// Indices into `events` that pass the filter and scope, in order.
    pub rows: crate::analysis::timeline::Rows,
    /// The newest request for the rows: older answers are dropped.
    pub rows_generation: u64,
    /// New rows are being picked (for a new filter or scope); the old ones show until then.
    pub picking: bool,
    pub selected: usize,
    pub scope: TimelineScope,
    pub zoom: crate::analysis::timeline::Zoom,
    /// Whether the user has moved the selection; until then it sits at the first event of the
    /// span that holds most events, not at a year-5 outlier.
    pub touched: bool,
    /// The newest request for the events: older answers are dropped.
    pub generation: u64,
    /// The events are being built again (the summaries changed).
    pub building: bool,
    /// The event to select when the rows come, by article and sentence start (a watched
    /// folder's change can move articles to other ids).
    pub wanted: Option<(u32, u32)>,
}

impl TimelineState {
    /// The event on a row.
    pub fn event_at(&self, row: usize) -> Option<&TimelineEvent> {
        self.rows.get(row).and_then(|i| self.events.get(i as usize))
    }

    /// The events on the rows, in order.
    pub fn shown(&self) -> impl DoubleEndedIterator<Item = &TimelineEvent> {
        self.rows.iter().filter_map(|i| self.events.get(i as usize))
    }

    /// The first row that shows the event of `(article, sentence start)`, its article's events
    /// found where they stand in the timeline's order (`summaries` as the events were built
    /// from): looking through every shown event took tens of milliseconds of the interface
    /// thread at a million articles.
    pub fn row_in_order(
        &self,
        summaries: &[Arc<Summary>],
        places: &crate::corpus::Places,
        (article, start): (u32, u32),
    ) -> Option<usize> {
        crate::analysis::timeline::positions_of(&self.events, summaries, places, &[article])
            .into_iter()
            .filter(|&p| self.events.get(p as usize).is_some_and(|e| e.start == start))
            .find_map(|p| self.rows.find(p).ok())
    }

    /// The shown events, for counting by binary search.
    pub fn shown_in_order(&self) -> crate::analysis::timeline::Shown<'_> {
        crate::analysis::timeline::Shown { events: &self.events, rows: &self.rows }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RelatedState {
    pub article: Option<u32>,
    pub items: Vec<Related>,
    pub selected: usize,
    pub pending: bool,
}

/// One entity of the corpus, with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityStat {
    pub name: String,
    pub kind: EntityKind,
    pub mentions: usize,
    /// How many of the articles mention it.
    pub articles: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntitiesState {
    /// The entities of the articles the filter lets through (all of them when nothing
    /// filters), people first, then the most widespread first.
    pub corpus: Vec<EntityStat>,
    /// What the pane lists: indices into `corpus` that pass the search and the article switch.
    pub rows: Vec<usize>,
    /// Index into `rows`.
    pub selected: usize,
    /// Entities that share articles with the selected one, with the number of shared articles.
    pub cooccurring: Vec<(String, usize)>,
    /// The entity `cooccurring` is for.
    pub cooccurring_for: Option<tables::EntityKey>,
    /// The entity whose companions were asked for last, with the table as it is.
    pub seen_asked: Option<tables::EntityKey>,
    /// The newest request for the table, and for the names seen with the selected entity:
    /// older answers are dropped.
    pub table_generation: u64,
    pub seen_generation: u64,
    /// The table is being counted again (for another filter, or a changed corpus).
    pub counting: bool,
    /// Only the entities of the article in the reader.
    pub article_only: bool,
    /// Finding an entity by name, as it is typed.
    pub prompt: Prompt,
    pub editing: bool,
    /// How many articles of the whole corpus mention each name: what makes a name telling.
    pub articles_with: rustc_hash::FxHashMap<String, u32>,
}

/// A view the user has been in, for Back and Forward: what was focused and what each pane
/// showed, so that going back returns to that screen, not just to an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub focus: Pane,
    pub side: Side,
    pub filter: Option<String>,
    /// The article selected in the list.
    pub selected: Option<u32>,
    /// The article in the reader, and how far it was scrolled.
    pub reader: Option<(u32, usize)>,
    pub scope: TimelineScope,
    /// The timeline event selected, by article and sentence (rows change with the filter).
    pub event: Option<(u32, u32)>,
    /// The related pane's article and selection.
    pub related: Option<(u32, usize)>,
    pub entity: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub back: Vec<Location>,
    pub forward: Vec<Location>,
}

#[derive(Debug, Clone)]
pub struct AppState {
    pub articles: Vec<Arc<Article>>,
    /// Where each article stands in the folder's order: what breaks ties in every view.
    pub places: crate::corpus::Places,
    /// What the corpus-wide views need of each article's analysis, by id.
    pub summaries: tables::Summaries,
    /// Corpus-wide entity names, applied to each analysis the reader gets.
    pub renames: Arc<Renames>,
    pub skipped: Vec<Skipped>,
    pub skipped_selected: usize,
    pub progress: Progress,
    pub focus: Pane,
    /// Which of the list and the side pane was focused last: on a screen with room for one of
    /// them beside the reader, that one is shown.
    pub upper: Pane,
    pub side: Side,
    /// The focused pane takes the whole screen.
    pub zoomed: bool,
    pub help: bool,
    /// How far the help overlay is scrolled.
    pub help_scroll: usize,
    /// The corpus's paths as the user gave them: article paths are shown relative to them.
    pub roots: Vec<String>,
    /// Bookmarks and notes.
    pub marks: Marks,
    /// A question in the status bar: a note to write, where to export.
    pub ask: Option<Ask>,
    pub list: ListState,
    pub filter: FilterState,
    pub reader: ReaderState,
    pub timeline: TimelineState,
    pub related: RelatedState,
    pub entities: EntitiesState,
    pub history: History,
    pub message: Option<String>,
    /// The watched folder's changes the status bar tells: those taken in since the message
    /// last changed (a folder removed file by file comes as several changes, and was told as
    /// the last one's "−584 removed").
    pub changes_told: Option<protocol::CorpusChange>,
    pub quit: bool,
    /// NO_COLOR: draw with attributes only.
    pub monochrome: bool,
    /// The corpus's folders are followed and changes taken in as they happen.
    pub watching: bool,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            articles: Vec::new(),
            places: Default::default(),
            summaries: Arc::default(),
            renames: Arc::default(),
            skipped: Vec::new(),
            skipped_selected: 0,
            progress: Progress::default(),
            focus: Pane::List,
            upper: Pane::List,
            side: Side::Timeline,
            zoomed: false,
            help: false,
            help_scroll: 0,
            roots: Vec::new(),
            marks: Marks::default(),
            ask: None,
            list: ListState::default(),
            filter: FilterState::default(),
            reader: ReaderState { width: 60, height: 20, ..ReaderState::default() },
            timeline: TimelineState::default(),
            related: RelatedState::default(),
            entities: EntitiesState::default(),
            history: History::default(),
            message: None,
            changes_told: None,
            quit: false,
            monochrome: false,
            watching: false,
        }
    }
}

/// The summary every article shares until it is analyzed.
pub(crate) fn unanalyzed() -> Arc<Summary> {
    static EMPTY: std::sync::LazyLock<Arc<Summary>> = std::sync::LazyLock::new(Arc::default);
    Arc::clone(&EMPTY)
}

impl AppState {
    pub fn article(&self, id: u32) -> Option<&Article> {
        self.articles.get(id as usize).map(Arc::as_ref)
    }

    pub fn summary(&self, id: u32) -> Option<&Summary> {
        self.summaries.get(id as usize).map(Arc::as_ref)
    }

    /// Every file is read and every article read is searchable (what the status bar says as
    /// "N searchable" with N the whole corpus, and after loading).
    pub fn all_searchable(&self) -> bool {
        let p = &self.progress;
        p.done
            || (!self.articles.is_empty()
                && p.indexed >= self.articles.len()
                && p.bytes_done >= p.bytes_total)
    }

    /// Loaded whole: entities and dates in, the timeline in order, the folder checked and the
    /// entity pane's table counted (the status bar says only how many articles there are).
    pub fn complete(&self) -> bool {
        self.timeline_in_order() && self.folder_checked() && self.entities_counted()
    }

    /// Loaded, and the entity pane's table counted over the whole corpus (or the filter).
    pub fn entities_counted(&self) -> bool {
        self.loaded() && !self.entities.counting
    }

    /// Loaded, and the timeline's events put in order (a reopened corpus is shown first).
    pub fn timeline_in_order(&self) -> bool {
        self.loaded() && !self.timeline.building
    }

    /// Loaded, and the folder checked against what was loaded (a reopened corpus is shown
    /// first).
    pub fn folder_checked(&self) -> bool {
        self.loaded() && !self.progress.checking
    }

    fn loaded(&self) -> bool {
        self.progress.done && self.progress.failed.is_none()
    }

    /// The article the reader shows, if its text is at hand.
    pub fn open(&self) -> Option<&OpenArticle> {
        self.reader.open.as_ref().filter(|o| Some(o.id) == self.reader.article)
    }

    /// A timeline event's sentence, if it is at hand.
    pub fn sentence(&self, event: &TimelineEvent) -> Option<&str> {
        self.timeline.sentences.get(&event.key()).map(|s| &**s)
    }

    /// What a timeline event's article keeps of it: its sentence, what dates it, its names.
    pub fn dated(&self, event: &TimelineEvent) -> Option<&DatedSentence> {
        event.dated(self.summary(event.article)?)
    }

    /// The byte range of what dates a timeline event (its trigger, for a reported event).
    pub fn event_timex(&self, event: &TimelineEvent) -> Option<std::ops::Range<usize>> {
        let dated = self.dated(event)?;
        Some(dated.timex_range())
    }

    /// The entity the entity pane's selection is on.
    pub fn selected_entity(&self) -> Option<&EntityStat> {
        self.entities.rows.get(self.entities.selected).and_then(|&i| self.entities.corpus.get(i))
    }

    /// Hits in an article: the query's words the worker counted in it (for the best matches)
    /// and its mentions of the entities filtered by. Worked out for the rows on screen, not
    /// for every match: a common name has hundreds of thousands.
    pub fn hit_count(&self, id: u32) -> Option<usize> {
        let words = self.filter.word_counts.in_text.get(&id).copied();
        let mentions: usize = match self.summary(id) {
            Some(summary) if !self.filter.entities.is_empty() && self.filter.matches.contains(id) => summary
                .entities
                .iter()
                .filter(|e| self.filter.names_filtered_entity(&e.name))
                .map(|e| e.mentions as usize)
                .sum(),
            _ => 0,
        };
        match (words, mentions) {
            (None, 0) => None,
            (words, mentions) => Some(words.unwrap_or(0) + mentions),
        }
    }

    /// Whether the query was found in an article's title (among the best matches).
    pub fn title_hit(&self, id: u32) -> bool {
        self.filter.word_counts.in_title.contains(&id)
    }

    /// The timeline event the selection is on.
    pub fn selected_event(&self) -> Option<&TimelineEvent> {
        self.timeline.event_at(self.timeline.selected)
    }

    /// The key an article's bookmark and notes are kept under: its path in the corpus.
    pub fn mark_key(&self, id: u32) -> Option<String> {
        self.article(id).map(|a| self.shown_path(&a.path).to_string())
    }

    /// An article's path as shown: relative to the corpus folder it was found in.
    pub fn shown_path<'a>(&self, path: &'a str) -> &'a str {
        self.roots
            .iter()
            .filter_map(|root| path.strip_prefix(root.as_str()))
            .map(|rest| rest.trim_start_matches('/'))
            .find(|rest| !rest.is_empty())
            .unwrap_or(path)
    }

    pub fn selected_article(&self) -> Option<u32> {
        self.list.rows.get(self.list.selected).copied()
    }

    /// The entities of the open article that are shown (their kind is not hidden).
    pub fn visible_entities(&self) -> Vec<&crate::analysis::EntityMention> {
        let Some(a) = self.open().map(|o| &o.analysis) else {
            return Vec::new();
        };
        a.entities.iter().filter(|e| !self.reader.hidden.contains(&e.kind)).collect()
    }
}

#[cfg(test)]
mod tests;

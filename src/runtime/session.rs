//! The interface's machinery without a terminal. The pipeline's events and the worker's answers
//! go through the same `receive` as in the interface, one after another, as a person typing at
//! human speed gets them. The headless commands run on it, so they share the interface's corpus
//! pass, search order and entity semantics; the tests drive it as a user would.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use anyhow::{Context, Result, bail};

use super::pipeline;
use super::worker::Worker;
use crate::analysis::identity;
use crate::app::protocol::{PipelineEvent, SearchRequest};
use crate::app::{self, Action, AppState, Effect, Incoming, OpenArticle};
use crate::index::SearchIndex;

/// A request on its way to the thread that answers it.
enum Pending {
    Search(SearchRequest),
    Table(app::tables::TableRequest),
}

pub struct Session {
    pub state: AppState,
    /// The terminal size the layout is worked out for, if any.
    screen: Option<ratatui::layout::Rect>,
    worker: Worker,
    /// Requests made and not answered yet, oldest first.
    pending: VecDeque<Pending>,
    /// The marks the app last asked to keep.
    pub saved_marks: Option<crate::app::Marks>,
}

impl Session {
    /// Loads `paths` (none: the seeds) through the streaming pipeline, as the interface does;
    /// `reuse`: keep the corpus's index in the cache and reuse it while unchanged.
    pub fn load(paths: &[PathBuf], reuse: bool) -> Result<Session> {
        Session::load_with(paths, reuse, |_| {})
    }

    /// [`Session::load`], showing each pipeline event to `on_event` before the state takes it in.
    pub fn load_with(
        paths: &[PathBuf],
        reuse: bool,
        mut on_event: impl FnMut(&PipelineEvent),
    ) -> Result<Session> {
        let index = Arc::new(super::open_index(paths, reuse)?);
        let mut session = Session {
            state: AppState::default(),
            screen: None,
            worker: Worker::new(Arc::clone(&index)),
            pending: VecDeque::new(),
            saved_marks: None,
        };
        let (tx, rx) = mpsc::channel();
        let loading = pipeline::spawn(paths.to_vec(), index, move |event| {
            let _ = tx.send(event);
        })?;
        for event in rx {
            on_event(&event);
            session.take_in(Incoming::Pipeline(event));
        }
        if loading.join().is_err() {
            bail!("loading stopped on an internal error");
        }
        if let Some(failure) = &session.state.progress.failed {
            bail!("loading failed: {failure}");
        }
        Ok(session)
    }

    /// The index, shared: for work handed to a thread of its own (an export).
    pub fn shared_index(&self) -> Arc<SearchIndex> {
        self.worker.shared_index()
    }

    pub fn index(&self) -> &SearchIndex {
        self.worker.index()
    }

    /// A key's action; the worker's answers arrive before the call returns.
    pub fn act(&mut self, action: Action) {
        self.act_unanswered(action);
        self.settle();
    }

    /// Anything else that reaches the state (typing in the prompt, a resize, the mouse).
    pub fn take_in(&mut self, incoming: Incoming) {
        self.take_in_unanswered(incoming);
        self.settle();
    }

    /// A key's action whose answers are still on their way (a slow worker, or fast typing).
    pub fn act_unanswered(&mut self, action: Action) {
        let effects = app::update(&mut self.state, action);
        self.queue_effects(effects);
        self.fit_reader();
    }

    pub fn take_in_unanswered(&mut self, incoming: Incoming) {
        let effects = app::receive(&mut self.state, incoming);
        self.queue_effects(effects);
        self.fit_reader();
    }

    /// Lays the screen out for a terminal of this size from now on, as the interface does.
    pub fn set_screen(&mut self, width: u16, height: u16) {
        self.screen = Some(ratatui::layout::Rect::new(0, 0, width, height));
        self.fit_reader();
        self.settle();
    }

    /// One frame of the interface as the terminal would draw it now, drawn into memory at the
    /// screen's size (`dossier stats` times it).
    pub fn draw_offscreen(&self) -> Result<ratatui::buffer::Buffer> {
        let area = self.screen.unwrap_or(ratatui::layout::Rect::new(0, 0, 160, 48));
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(area.width, area.height))?;
        terminal.draw(|frame| crate::ui::draw(&self.state, &crate::ui::Look::default(), frame))?;
        Ok(terminal.backend().buffer().clone())
    }

    fn fit_reader(&mut self) {
        if let Some(screen) = self.screen {
            let effects = super::terminal::fit_reader(&mut self.state, screen);
            self.queue_effects(effects);
        }
    }

    /// Types `text` at the prompt, each keystroke answered before the next.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.take_in(Incoming::PromptChar(c));
        }
    }

    pub fn queue_effects(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Search(request) => self.pending.push_back(Pending::Search(request)),
                Effect::Table(request) => self.pending.push_back(Pending::Table(request)),
                // A damaged index mid-command: the state says so; the command reports it.
                Effect::Reload => {}
                // The commands keep no prompt history, and copy, open or export nothing of
                // their own accord: `dossier export` writes its document itself.
                Effect::SaveHistory(_) | Effect::Export { .. } | Effect::Copy { .. } | Effect::Open(_) => {}
                Effect::SaveMarks(marks) => self.saved_marks = Some(marks),
                // A session has no folder to follow: it loads once.
                Effect::Watch(_) => {}
            }
        }
    }

    /// Answers every request made so far, and those the answers lead to.
    pub fn settle(&mut self) {
        while let Some(request) = self.pending.pop_front() {
            let mut answers = Vec::new();
            match request {
                Pending::Search(request) => {
                    self.worker.answer(request, &mut |answer| answers.push(Incoming::Search(answer)))
                }
                Pending::Table(request) => answers.push(Incoming::Table(app::tables::answer(request))),
            }
            for answer in answers {
                let effects = app::receive(&mut self.state, answer);
                self.queue_effects(effects);
            }
        }
    }

    /// Requests made and not answered yet.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// An article's text and full analysis with the corpus-wide names, as the reader gets them.
    pub fn article_text(&self, id: u32) -> Result<OpenArticle> {
        let date = self.state.article(id).and_then(|a| a.date).map(|d| d.date);
        match self.worker.open(id, date).with_context(|| format!("article {id}"))? {
            Ok((text, analysis)) => {
                Ok(OpenArticle { id, text, analysis: identity::renamed(&self.state.renames, &analysis) })
            }
            Err(e) => bail!("article {id}: {e}"),
        }
    }
}

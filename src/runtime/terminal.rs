//! The terminal session: starts the workers, turns keys into actions, runs `update`, draws.
//! The terminal is set up and restored here only (ratatui restores it on panic too).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use anyhow::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use crate::app::protocol::{PipelineEvent, SearchRequest, SearchResponse};
use crate::app::{self, Action, AppState, Effect, Incoming};
use crate::index::SearchIndex;
use crate::runtime::pipeline;
use crate::runtime::worker;
use crate::ui::{self, keymap};

/// Everything the UI thread waits for.
enum Msg {
    Input(Event),
    Pipeline(PipelineEvent),
    Search(SearchResponse),
    InputClosed,
}

/// Logs go to a file in the user's cache folder, never to the screen (and never next to the corpus).
fn start_logging() {
    let Some(dir) = crate::index::cache::cache_dir() else { return };
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let Ok(file) = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("dossier.log")) else {
        return;
    };
    let _ = tracing_subscriber::fmt().with_writer(Arc::new(file)).with_ansi(false).try_init();
}

/// `reuse`: keep the corpus's index in the cache directory and reuse it while unchanged.
pub fn run(paths: Vec<PathBuf>, reuse: bool) -> Result<()> {
    start_logging();
    tracing::info!(?paths, "opening");
    let index = Arc::new(if paths.is_empty() {
        SearchIndex::new()?
    } else {
        SearchIndex::for_corpus(&paths, reuse)?
    });
    let (tx, rx) = mpsc::channel::<Msg>();
    let (search_tx, search_rx) = mpsc::channel::<SearchRequest>();
    let to_ui = tx.clone();
    worker::spawn(Arc::clone(&index), search_rx, move |r| {
        let _ = to_ui.send(Msg::Search(r));
    });
    let to_ui = tx.clone();
    pipeline::spawn(paths, Arc::clone(&index), move |event| {
        match &event {
            PipelineEvent::Batch { skipped, .. } => {
                for s in skipped {
                    tracing::warn!(path = %s.path, reason = %s.reason, "skipped");
                }
            }
            PipelineEvent::Done { millis, timings, from_cache } => {
                tracing::info!(millis, ?timings, from_cache, "loaded")
            }
            PipelineEvent::Failed(e) => tracing::error!(error = %e, "loading failed"),
            _ => {}
        }
        let _ = to_ui.send(Msg::Pipeline(event));
    });
    spawn_input(tx);
    let mut terminal = ratatui::init();
    mouse(true);
    // ratatui's own hook restores the screen on panic; the mouse has to be let go first.
    let restore_screen = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        mouse(false);
        restore_screen(info);
    }));
    let result = event_loop(&mut terminal, &rx, &search_tx);
    mouse(false);
    ratatui::restore();
    result
}

/// Mouse reporting, for the wheel and clicks.
fn mouse(on: bool) {
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    let mut out = std::io::stdout();
    let _ = if on {
        ratatui::crossterm::execute!(out, EnableMouseCapture)
    } else {
        ratatui::crossterm::execute!(out, DisableMouseCapture)
    };
}

fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            match event::read() {
                Ok(e) => {
                    if tx.send(Msg::Input(e)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Msg::InputClosed);
                    return;
                }
            }
        }
    });
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    rx: &Receiver<Msg>,
    search: &Sender<SearchRequest>,
) -> Result<()> {
    let mut state = AppState {
        monochrome: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        ..AppState::default()
    };
    let size = terminal.size()?;
    resize(&mut state, size.width, size.height);
    terminal.draw(|f| ui::draw(&state, f))?;
    while let Ok(first) = rx.recv() {
        let mut effects = handle(&mut state, first);
        // Apply everything already queued before drawing once.
        for msg in rx.try_iter().take(256) {
            effects.extend(handle(&mut state, msg));
        }
        for Effect::Search(request) in effects {
            let _ = search.send(request);
        }
        if state.quit {
            break;
        }
        terminal.draw(|f| ui::draw(&state, f))?;
    }
    Ok(())
}

fn handle(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Pipeline(e) => app::receive(state, Incoming::Pipeline(e)),
        Msg::Search(r) => app::receive(state, Incoming::Search(r)),
        Msg::InputClosed => app::update(state, Action::Quit),
        Msg::Input(Event::Resize(w, h)) => {
            resize(state, w, h);
            Vec::new()
        }
        Msg::Input(Event::Key(key)) if key.kind != KeyEventKind::Release => {
            let context = keymap::context(state);
            if let Some(action) = keymap::action_for(context, &key) {
                return app::update(state, action);
            }
            match key.code {
                event::KeyCode::Char(c)
                    if context == keymap::Context::Prompt
                        && !key.modifiers.contains(event::KeyModifiers::CONTROL) =>
                {
                    app::receive(state, Incoming::PromptChar(c))
                }
                event::KeyCode::Backspace if context == keymap::Context::Prompt => {
                    app::receive(state, Incoming::PromptBackspace)
                }
                _ => Vec::new(),
            }
        }
        Msg::Input(Event::Paste(text)) => {
            text.chars().flat_map(|c| app::receive(state, Incoming::PromptChar(c))).collect()
        }
        Msg::Input(Event::Mouse(m)) => {
            let step = match m.kind {
                MouseEventKind::ScrollDown => 3,
                MouseEventKind::ScrollUp => -3,
                MouseEventKind::Down(MouseButton::Left) => 0,
                _ => return Vec::new(),
            };
            let Ok(size) = ratatui::crossterm::terminal::size() else { return Vec::new() };
            let areas = ui::layout(Rect::new(0, 0, size.0, size.1), state.focus);
            let at = ratatui::layout::Position::new(m.column, m.row);
            let pane = [
                (areas.list, app::Pane::List),
                (areas.reader, app::Pane::Reader),
                (areas.side, app::Pane::Side),
            ]
            .into_iter()
            .find_map(|(area, pane)| area.filter(|a| a.contains(at)).map(|_| pane));
            let row = match (pane, areas.list) {
                (Some(app::Pane::List), Some(list)) if step == 0 => ui::list_row_at(state, list, m.row),
                _ => None,
            };
            match pane {
                Some(pane) => app::receive(state, Incoming::Mouse { pane, step, row }),
                None => Vec::new(),
            }
        }
        Msg::Input(_) => Vec::new(),
    }
}

fn resize(state: &mut AppState, width: u16, height: u16) {
    let (w, h) = ui::reader_text_size(Rect::new(0, 0, width, height), state.focus);
    app::receive(state, Incoming::Resize { width: w, height: h });
}

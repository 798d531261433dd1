//! The terminal session: starts the workers, turns keys into actions, runs `update`, draws.
//! The terminal is set up and restored here only: on quit, on an error, on a signal (TERM,
//! HUP, INT, QUIT) and on a panic of the interface thread.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use anyhow::{Context, Result, bail};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::pipeline::Reopen;
use super::{outside, pipeline, worker};
use crate::app::protocol::{Opening, PipelineEvent, SearchRequest, SearchResponse};
use crate::app::{self, Action, AppState, Effect, Incoming};
use crate::index::{SearchIndex, cache};
use crate::ui::{self, keymap};

/// Everything the UI thread waits for. Pipeline and search messages carry the number of the
/// load they belong to: after the index is rebuilt, the old load's messages are dropped.
enum Msg {
    Input(Event),
    Pipeline(u64, PipelineEvent),
    Search(u64, SearchResponse),
    Table(u64, crate::app::tables::TableResponse),
    /// The load's index, opened on its loading thread.
    Opened(u64, Arc<SearchIndex>),
    /// What came of an export written on its own thread.
    Exported(String),
    InputClosed,
    /// A signal asking the program to end.
    Signal(i32),
}

/// Where the log goes: the user's cache folder, never the screen, never next to the corpus.
pub fn log_path() -> Option<PathBuf> {
    cache::cache_dir().map(|d| d.join("dossier.log"))
}

fn start_logging() {
    let Some(path) = log_path() else { return };
    if let Some(dir) = path.parent()
        && std::fs::create_dir_all(dir).is_err()
    {
        return;
    }
    let Ok(file) = std::fs::OpenOptions::new().create(true).append(true).open(&path) else {
        return;
    };
    let _ = tracing_subscriber::fmt().with_writer(Arc::new(file)).with_ansi(false).try_init();
}

/// A corpus being loaded and searched: its index, and the threads that work on it (loading,
/// searching, building the corpus-wide tables).
struct Load {
    number: u64,
    search: Sender<SearchRequest>,
    tables: Sender<crate::app::tables::TableRequest>,
    cancel: Arc<AtomicBool>,
    /// Wakes the loading thread while it follows the folders, to stop or toggle at once.
    waker: super::watch::Waker,
    threads: Vec<JoinHandle<()>>,
    /// The index once the loading thread has opened it ([`Msg::Opened`]).
    index: Option<Arc<SearchIndex>>,
}

impl Load {
    fn start(number: u64, corpus: &Corpus) -> Result<Load> {
        let (paths, reuse, to_ui) = (&corpus.paths, corpus.reuse, &corpus.to_ui);
        let (search, requests) = mpsc::channel::<SearchRequest>();
        let (hand_over, opened) = mpsc::channel::<Arc<SearchIndex>>();
        let tx = to_ui.clone();
        let searching = worker::spawn(opened, requests, move |r| {
            let _ = tx.send(Msg::Search(number, r));
        })?;
        let (tables, table_requests) = mpsc::channel();
        let tx = to_ui.clone();
        // Not waited for when the load stops: it holds nothing of the index, and a timeline
        // being put in order at a million articles would keep quitting waiting a second and a
        // half. It ends when it finds the interface gone.
        drop(super::tables::spawn(table_requests, move |r| {
            let _ = tx.send(Msg::Table(number, r));
        })?);
        let cancel = Arc::new(AtomicBool::new(false));
        let tx = to_ui.clone();
        let stop = Arc::clone(&cancel);
        let (following, waker) = super::watch::Following::new(Arc::clone(&corpus.watch));
        let opened_to_ui = to_ui.clone();
        // Opened on the loading thread: a kept index's files are checked as it opens.
        let open = move |paths: &[PathBuf]| -> Result<Arc<SearchIndex>> {
            let index = Arc::new(super::open_index(paths, reuse)?);
            let _ = opened_to_ui.send(Msg::Opened(number, Arc::clone(&index)));
            let _ = hand_over.send(Arc::clone(&index));
            Ok(index)
        };
        let loading = pipeline::spawn_cancellable(
            paths.to_vec(),
            open,
            stop,
            Some(following),
            Reopen::ShowFirst,
            move |event| {
                log_event(&event);
                let _ = tx.send(Msg::Pipeline(number, event));
            },
        )?;
        Ok(Load { number, search, tables, cancel, waker, threads: vec![searching, loading], index: None })
    }

    /// Stops the threads and waits for them, so that the index's temporary files and its claim
    /// on the cache are gone when this returns; gives back the index if it was opened.
    fn stop(self) -> Option<Arc<SearchIndex>> {
        self.cancel.store(true, Ordering::Relaxed);
        self.waker.wake();
        drop(self.search);
        drop(self.tables);
        for thread in self.threads {
            let _ = thread.join();
        }
        self.index
    }
}

fn log_event(event: &PipelineEvent) {
    use crate::text::safe;
    match event {
        PipelineEvent::Batch { skipped, .. } => {
            for s in skipped {
                tracing::warn!(path = %safe(&s.path), reason = %safe(&s.reason), "skipped");
            }
        }
        PipelineEvent::Done { millis, timings, from_cache } => {
            tracing::info!(millis, ?timings, from_cache, "loaded")
        }
        PipelineEvent::Failed(e) => tracing::error!(error = %safe(e), "loading failed"),
        _ => {}
    }
}

/// `reuse`: keep the corpus's index in the cache directory and reuse it while unchanged.
/// `watch`: follow the corpus's folders from the start (the user can toggle it).
pub fn run(paths: Vec<PathBuf>, reuse: bool, watch: bool, settings: super::config::Settings) -> Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!("the interface needs a terminal; for scripts, use the commands (dossier --help)");
    }
    start_logging();
    let started = std::time::Instant::now();
    tracing::info!(paths = ?paths, "opening");
    let (tx, rx) = mpsc::channel::<Msg>();
    // The bundled seeds are no folder to follow.
    let watch = watch && !paths.is_empty();
    let corpus = Corpus {
        paths,
        reuse,
        to_ui: tx.clone(),
        look: settings.look.clone(),
        watch: Arc::new(AtomicBool::new(watch)),
        started,
    };
    let load = Load::start(0, &corpus)?;
    spawn_input(tx.clone());
    let signals = spawn_signals(tx.clone())?;
    let mut terminal = ratatui::init();
    modes(true);
    install_panic_hook();
    let mut exports = outside::Exports::default();
    let (result, load, state) = event_loop(&mut terminal, &rx, load, &corpus, &settings, &mut exports);
    modes(false);
    if !give_terminal_back() {
        // Dropped, ratatui's handle would try to show the cursor on a terminal that is gone,
        // and print that it cannot: a panic with standard error closed. The process is
        // ending; what the handle holds goes with it.
        std::mem::forget(terminal);
    }
    // The process is ending: the corpus's state is left to the system rather than freed. At a
    // million articles, freeing it (and through it the loading thread's copy of the state)
    // took half a second after the terminal was given back, before the shell's prompt came.
    std::mem::forget(state);
    if exports.running() {
        let _ = writeln!(std::io::stderr(), "dossier: finishing the export… (Ctrl-C stops it)");
        while exports.running() {
            if let Ok(Msg::Signal(_)) = rx.recv_timeout(std::time::Duration::from_millis(100)) {
                exports.stop();
            }
        }
    }
    exports.finish();
    signals.close();
    if let Some(load) = load {
        drop(load.stop());
    }
    result
}

/// Leaves the alternate screen and raw mode. A terminal that is gone (its window closed: the
/// HUP that ends us) cannot be restored, and is not written to: ratatui's own `restore` says
/// so on standard error, and printing to a closed terminal panics.
fn give_terminal_back() -> bool {
    match ratatui::try_restore() {
        Ok(()) => true,
        Err(e) => {
            tracing::info!("the terminal was not restored: {e}");
            false
        }
    }
}

/// Mouse reporting (for the wheel and clicks) and bracketed paste (a paste arrives whole).
fn modes(on: bool) {
    use ratatui::crossterm::event::{
        DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    };
    let mut out = std::io::stdout();
    let _ = if on {
        ratatui::crossterm::execute!(out, EnableMouseCapture, EnableBracketedPaste)
    } else {
        ratatui::crossterm::execute!(out, DisableMouseCapture, DisableBracketedPaste)
    };
}

/// A panic of the interface thread leaves a usable terminal and a message that points to the
/// log; the other threads' panics are caught where they run and reported in the interface.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = worker::panic_message(info.payload());
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let backtrace = std::backtrace::Backtrace::force_capture();
        let thread = std::thread::current();
        let name = thread.name().unwrap_or("unnamed");
        tracing::error!("panic in thread {name}: {message}{place}\n{backtrace}");
        if name == "main" {
            modes(false);
            let _ = give_terminal_back();
            let log = log_path().map_or_else(String::new, |p| format!("; details are in {}", p.display()));
            // Not `eprintln!`: with the terminal gone it would panic again.
            let _ = writeln!(std::io::stderr(), "dossier: internal error: {message}{place}{log}");
        }
    }));
}

/// Set while another program has the terminal: the input thread leaves the keys to it.
static INPUT_PAUSED: AtomicBool = AtomicBool::new(false);
/// How long the input thread waits for a key before it looks at the flag again.
const INPUT_POLL_MS: u64 = 50;

fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        let wait = std::time::Duration::from_millis(INPUT_POLL_MS);
        loop {
            if INPUT_PAUSED.load(Ordering::SeqCst) {
                std::thread::sleep(wait);
                continue;
            }
            let next =
                event::poll(wait).and_then(|ready| if ready { event::read().map(Some) } else { Ok(None) });
            match next {
                Ok(Some(e)) => {
                    if tx.send(Msg::Input(e)).is_err() {
                        return;
                    }
                }
                Ok(None) => {}
                Err(_) => {
                    let _ = tx.send(Msg::InputClosed);
                    return;
                }
            }
        }
    });
}

/// TERM, HUP, INT and QUIT end the program the way `q` does, so the terminal is restored and
/// the index's temporary files are removed.
fn spawn_signals(tx: Sender<Msg>) -> Result<signal_hook::iterator::Handle> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .context("cannot listen for signals")?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(Msg::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(handle)
}

/// What a load is started from.
struct Corpus {
    paths: Vec<PathBuf>,
    reuse: bool,
    to_ui: Sender<Msg>,
    look: ui::Look,
    /// The user's watch toggle, read by the loading thread once the corpus is loaded.
    watch: Arc<AtomicBool>,
    /// When the interface started: the log's milestones count from it.
    started: std::time::Instant,
}

/// Runs until the user quits; gives back the load in use, to be stopped.
fn event_loop(
    terminal: &mut DefaultTerminal,
    rx: &Receiver<Msg>,
    load: Load,
    corpus: &Corpus,
    settings: &super::config::Settings,
    exports: &mut outside::Exports,
) -> (Result<()>, Option<Load>, AppState) {
    let mut load = Some(load);
    let mut state = AppState {
        monochrome: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        ..AppState::default()
    };
    let result = serve(terminal, rx, &mut load, corpus, settings, &mut state, exports);
    (result, load, state)
}

fn serve(
    terminal: &mut DefaultTerminal,
    rx: &Receiver<Msg>,
    load: &mut Option<Load>,
    corpus: &Corpus,
    settings: &super::config::Settings,
    state: &mut AppState,
    exports: &mut outside::Exports,
) -> Result<()> {
    state.list.sort = settings.sort;
    state.watching = corpus.watch.load(Ordering::Relaxed);
    state.reader.hidden = settings.hidden.clone();
    let size = terminal.size()?;
    let mut screen = Rect::new(0, 0, size.width, size.height);
    fit_reader(state, screen);
    app::receive(state, Incoming::History(super::history::load()));
    let (marks, damaged) = super::marks::load(&corpus.paths);
    app::receive(state, Incoming::Marks(marks));
    if let Some(problem) = damaged {
        tracing::warn!("{problem}");
        app::receive(state, Incoming::Notice(problem));
    }
    draw(terminal, state, &corpus.look)?;
    let mut milestones = super::milestones::Milestones::new(corpus.started);
    while let Ok(first) = rx.recv() {
        let number = load.as_ref().map_or(0, |l| l.number);
        let mut effects = Vec::new();
        // Apply everything already queued before drawing once.
        for msg in std::iter::once(first).chain(rx.try_iter().take(256)) {
            if let Msg::Input(Event::Resize(w, h)) = msg {
                screen = Rect::new(0, 0, w, h);
            }
            if let Msg::Opened(of, index) = msg {
                if let Some(current) = load.as_mut().filter(|l| l.number == of) {
                    current.index = Some(index);
                }
                continue;
            }
            effects.extend(handle(state, &corpus.look, msg, number, screen));
        }
        // The layout follows the focus and the zoom: the reader learns its size before drawing.
        effects.extend(fit_reader(state, screen));
        for effect in effects {
            carry_out(effect, state, load, corpus, terminal, exports)?;
        }
        if state.quit {
            break;
        }
        draw(terminal, state, &corpus.look)?;
        milestones.note(state);
    }
    Ok(())
}

/// Draws the screen. A terminal closed under dossier ends it here when a frame comes before
/// the hang-up or the input's end does: that is said in the log, as they are.
fn draw(terminal: &mut DefaultTerminal, state: &AppState, look: &ui::Look) -> Result<()> {
    match terminal.draw(|f| ui::draw(state, look, f)) {
        Ok(_) => Ok(()),
        Err(e) => {
            tracing::info!("ending: the screen cannot be drawn: {e}");
            Err(e.into())
        }
    }
}

/// Carries out one effect `update` asked for. What comes of it that the user should know goes
/// back to the state as a notice.
fn carry_out(
    effect: Effect,
    state: &mut AppState,
    load: &mut Option<Load>,
    corpus: &Corpus,
    terminal: &mut DefaultTerminal,
    exports: &mut outside::Exports,
) -> Result<()> {
    let outcome: Result<Option<String>> = match effect {
        Effect::Search(request) => {
            if let Some(current) = load {
                let _ = current.search.send(request);
            }
            Ok(None)
        }
        Effect::Table(request) => {
            if let Some(current) = load {
                let _ = current.tables.send(request);
            }
            Ok(None)
        }
        Effect::Reload => {
            if let Some(current) = load.take() {
                *load = Some(reload(current, corpus)?);
            }
            Ok(None)
        }
        Effect::SaveHistory(queries) => super::history::save(&queries).map(|()| None),
        Effect::SaveMarks(marks) => super::marks::save(&corpus.paths, &marks).map(|()| None),
        Effect::Watch(on) => {
            corpus.watch.store(on, Ordering::Relaxed);
            if let Some(current) = load {
                current.waker.wake();
            }
            Ok(None)
        }
        Effect::Export { what, path } => match load.as_ref().and_then(|l| l.index.as_ref()) {
            Some(index) => outside::ExportTo::check(what, &path, &corpus.paths).and_then(|export| {
                let started = export.started();
                let tx = corpus.to_ui.clone();
                let done = move |message| drop(tx.send(Msg::Exported(message)));
                exports.start(export, state.clone(), Arc::clone(index), done).map(|()| Some(started))
            }),
            None => Ok(Some("nothing to export yet: the corpus is still being opened".to_string())),
        },
        Effect::Copy { text, what } => outside::copy(&text)
            .map(|()| Some(format!("copied {what} ({} characters)", text.chars().count())))
            .map_err(anyhow::Error::from),
        Effect::Open(Opening::Link(url)) => {
            outside::open_link(&url).map(|()| Some(format!("opened {}", crate::text::safe(&url))))
        }
        Effect::Open(Opening::File { path, byte, editor }) => {
            run_outside(terminal, outside::file_command(&path, byte, editor)).map(|()| None)
        }
    };
    match outcome {
        Ok(Some(message)) => {
            app::receive(state, Incoming::Notice(message));
        }
        Ok(None) => {}
        Err(e) => {
            tracing::warn!("{e:#}");
            app::receive(state, Incoming::Notice(crate::text::safe(&format!("{e:#}")).into_owned()));
        }
    }
    Ok(())
}

/// Hands the terminal to another program (a pager, an editor) until it exits, then takes it
/// back. The input thread must not read the keys meant for it: it is paused meanwhile.
fn run_outside(terminal: &mut DefaultTerminal, command: Result<std::process::Command>) -> Result<()> {
    let mut command = command?;
    INPUT_PAUSED.store(true, Ordering::SeqCst);
    // The input thread looks at the flag between polls.
    std::thread::sleep(std::time::Duration::from_millis(INPUT_POLL_MS * 2));
    modes(false);
    let _ = give_terminal_back();
    let status = command.status();
    *terminal = ratatui::init();
    modes(true);
    INPUT_PAUSED.store(false, Ordering::SeqCst);
    terminal.clear()?;
    let status = status.context("cannot start the program")?;
    if !status.success() {
        bail!("the program ended with {status}");
    }
    Ok(())
}

/// The index turned out damaged: stop using it, throw its files away, and load the corpus again
/// into a fresh one. Messages of the old load are dropped by their number.
fn reload(load: Load, corpus: &Corpus) -> Result<Load> {
    let number = load.number + 1;
    let index = load.stop();
    let kept = index.as_deref().and_then(SearchIndex::kept_dir).map(Path::to_path_buf);
    drop(index);
    if let Some(dir) = kept {
        cache::discard(&dir);
    }
    tracing::warn!("the index was damaged: loading the corpus again");
    Load::start(number, corpus)
}

fn handle(state: &mut AppState, look: &ui::Look, msg: Msg, current: u64, screen: Rect) -> Vec<Effect> {
    match msg {
        Msg::Pipeline(number, e) if number == current => app::receive(state, Incoming::Pipeline(e)),
        Msg::Search(number, r) if number == current => app::receive(state, Incoming::Search(r)),
        Msg::Table(number, r) if number == current => app::receive(state, Incoming::Table(r)),
        // An index opened is the load's, not the state's: `serve` takes it before this.
        Msg::Pipeline(..) | Msg::Search(..) | Msg::Table(..) | Msg::Opened(..) => Vec::new(),
        Msg::Exported(message) => app::receive(state, Incoming::Notice(message)),
        Msg::InputClosed => {
            tracing::info!("ending: the terminal's input closed");
            app::update(state, Action::Quit)
        }
        Msg::Signal(signal) => {
            tracing::info!(signal, "ending on a signal");
            app::update(state, Action::Quit)
        }
        Msg::Input(Event::Resize(..)) => Vec::new(),
        Msg::Input(Event::Key(key)) if key.kind != KeyEventKind::Release => {
            let context = keymap::context(state);
            if let Some(action) = look.keys.action_for(context, &key) {
                return app::update(state, action);
            }
            match key.code {
                event::KeyCode::Char(c)
                    if context == keymap::Context::Prompt
                        && !key
                            .modifiers
                            .intersects(event::KeyModifiers::CONTROL | event::KeyModifiers::ALT) =>
                {
                    app::receive(state, Incoming::PromptChar(c))
                }
                _ => Vec::new(),
            }
        }
        Msg::Input(Event::Paste(text)) => app::receive(state, Incoming::PromptPaste(text)),
        Msg::Input(Event::Mouse(m)) => {
            let step = match m.kind {
                MouseEventKind::ScrollDown => 3,
                MouseEventKind::ScrollUp => -3,
                MouseEventKind::Down(MouseButton::Left) => 0,
                _ => return Vec::new(),
            };
            let areas = ui::layout(screen, state);
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

/// Tells the app the size of the reader's text area in the current layout, if it changed.
pub fn fit_reader(state: &mut AppState, screen: Rect) -> Vec<Effect> {
    let (width, height) = ui::reader_text_size(screen, state);
    if (width, height) == (state.reader.width, state.reader.height) {
        return Vec::new();
    }
    app::receive(state, Incoming::Resize { width, height })
}

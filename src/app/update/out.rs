//! What leaves dossier from a key: bookmarks and notes, copies, links and files opened
//! elsewhere, and exports. The app only asks; the runtime writes, copies and opens.

use super::*;
use crate::app::protocol::{ExportWhat, Opening};
use crate::app::{Ask, AskFor, NoteOn, Prompt};

/// Marks or unmarks the selected (or open) article.
pub(super) fn mark(state: &mut AppState) -> Vec<Effect> {
    let Some(key) = current_article(state).and_then(|id| state.mark_key(id)) else {
        state.message = Some("no article to mark".to_string());
        return Vec::new();
    };
    let marked = state.marks.toggle(&key);
    state.message = Some(if marked { format!("marked {key}") } else { format!("unmarked {key}") });
    if state.list.marked_only {
        rebuild_rows(state);
    }
    vec![Effect::SaveMarks(state.marks.clone())]
}

/// The article the user is on: the reader's when it has the focus, else the list's.
fn current_article(state: &AppState) -> Option<u32> {
    match state.focus {
        Pane::Reader => state.reader.article,
        _ => state.selected_article().or(state.reader.article),
    }
}

pub(super) fn marked_only(state: &mut AppState) {
    state.list.marked_only = !state.list.marked_only;
    if state.list.marked_only && state.marks.articles.is_empty() {
        state.message = Some(format!("no article is marked yet ({} marks one)", "m"));
    }
    rebuild_rows(state);
}

/// Asks for a note on the timeline event (in the timeline) or the article.
pub(super) fn ask_note(state: &mut AppState) {
    let on = match (state.focus, state.side) {
        (Pane::Side, Side::Timeline) => {
            state.selected_event().and_then(|e| Some(NoteOn::Event(state.mark_key(e.article)?, e.start)))
        }
        _ => current_article(state).and_then(|id| state.mark_key(id)).map(NoteOn::Article),
    };
    let Some(on) = on else {
        state.message = Some("nothing to write a note on".to_string());
        return;
    };
    let label = match &on {
        NoteOn::Article(_) => "note on the article: ",
        NoteOn::Event(..) => "note on the event: ",
    };
    let mut prompt = Prompt::default();
    prompt.start(state.marks.note(&on).unwrap_or(""));
    state.ask = Some(Ask { purpose: AskFor::Note(on), label: label.to_string(), prompt });
}

const EXPORT_LABEL: &str = "export to (.csv .md .json .timeline.json): ";

/// Asks where to export what the focused pane shows, proposing a file in the current folder.
pub(super) fn ask_export(state: &mut AppState) {
    let (what, default) = match (state.focus, state.side) {
        (Pane::Reader, _) => (ExportWhat::Article, "dossier-article.md"),
        (Pane::Side, Side::Timeline) => (ExportWhat::Timeline, "dossier-timeline.csv"),
        (Pane::Side, Side::Entities) => (ExportWhat::Entities, "dossier-entities.csv"),
        _ => (ExportWhat::Articles, "dossier-articles.csv"),
    };
    if let Some(why) = unfinished(state, what) {
        state.message = Some(why.to_string());
        return;
    }
    let mut prompt = Prompt::default();
    prompt.start(default);
    let label = EXPORT_LABEL.to_string();
    state.ask = Some(Ask { purpose: AskFor::Export(what), label, prompt });
}

/// Why an export now would write less than the corpus holds, if it would: an export is a copy
/// of the state when it is asked for, and a file that quietly misses the articles still
/// loading, or events still being put in order, would be taken for the whole.
fn unfinished(state: &AppState, what: ExportWhat) -> Option<&'static str> {
    if !state.progress.done && state.progress.failed.is_none() {
        Some("still loading: export once the corpus is in")
    } else if what == ExportWhat::Timeline && state.timeline.building {
        Some("the timeline is being put in order: export once it is")
    } else {
        None
    }
}

/// Enter on a question: the note is kept, or the export asked for.
pub(super) fn answer(state: &mut AppState) -> Vec<Effect> {
    let Some(ask) = state.ask.take() else { return Vec::new() };
    match ask.purpose {
        AskFor::Note(on) => {
            state.marks.set_note(&on, &ask.prompt.text);
            state.message = Some(
                if ask.prompt.text.trim().is_empty() { "note removed" } else { "note kept" }.to_string(),
            );
            vec![Effect::SaveMarks(state.marks.clone())]
        }
        AskFor::Export(what) => {
            let path = ask.prompt.text.trim().to_string();
            if path.is_empty() {
                return Vec::new();
            }
            if let Some(why) = unfinished(state, what) {
                // A watched folder changed while the name was typed: the name stays, for Enter
                // once the change is in, and the question says why (no message shows under it).
                let label = format!("{why} · {}", EXPORT_LABEL);
                state.ask = Some(Ask { purpose: AskFor::Export(what), label, prompt: ask.prompt });
                return Vec::new();
            }
            vec![Effect::Export { what, path }]
        }
    }
}

/// Copies what the user is on: the event, the sentence at the reader's cursor, or the
/// article's title and link.
pub(super) fn copy(state: &mut AppState) -> Vec<Effect> {
    let (text, what) = match (state.focus, state.side) {
        (Pane::Side, Side::Timeline) => {
            let Some(e) = state.selected_event() else { return nothing(state, "no event to copy") };
            let title = state.article(e.article).map(|a| &*a.title).unwrap_or("");
            let sentence = state.sentence(e).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
            (format!("{} — {sentence} — {title}", e.date_label()), "the event")
        }
        (Pane::Reader, _) => {
            let Some(open) = state.open() else { return nothing(state, "no article open") };
            let at = state
                .reader
                .hit_cursor
                .and_then(|i| state.reader.hits.get(i).map(|h| h.start))
                .or_else(|| {
                    state.reader.entity_cursor.and_then(|i| state.visible_entities().get(i).map(|e| e.start))
                })
                .or_else(|| state.reader.lines.get(state.reader.scroll).map(|l| l.start))
                .unwrap_or(0);
            let sentences = crate::analysis::sentences::split(&open.text);
            let Some(k) = crate::analysis::sentences::containing(&sentences, at) else {
                return nothing(state, "no sentence here");
            };
            (open.text[sentences[k].clone()].split_whitespace().collect::<Vec<_>>().join(" "), "the sentence")
        }
        _ => {
            let Some(a) = current_article(state).and_then(|id| state.article(id)) else {
                return nothing(state, "no article to copy");
            };
            let link = a.url.as_deref().map_or_else(|| state.shown_path(&a.path).to_string(), str::to_string);
            (format!("{} — {link}", a.title), "the title and link")
        }
    };
    vec![Effect::Copy { text, what: what.to_string() }]
}

fn nothing(state: &mut AppState, why: &str) -> Vec<Effect> {
    state.message = Some(why.to_string());
    Vec::new()
}

pub(super) fn open_link(state: &mut AppState) -> Vec<Effect> {
    let Some(a) = current_article(state).and_then(|id| state.article(id)) else {
        return nothing(state, "no article");
    };
    match &a.url {
        Some(url) => vec![Effect::Open(Opening::Link(url.to_string()))],
        None => nothing(state, "this article has no link (no url in its metadata)"),
    }
}

/// Opens the article's file at the reader's place: the byte of the line at the top.
pub(super) fn open_file(state: &mut AppState, editor: bool) -> Vec<Effect> {
    let Some(id) = current_article(state) else { return nothing(state, "no article") };
    let Some(a) = state.article(id) else { return nothing(state, "no article") };
    let at = match state.reader.article {
        Some(shown) if shown == id => state.reader.lines.get(state.reader.scroll).map_or(0, |l| l.start),
        _ => 0,
    };
    let path = a.path.split('#').next().unwrap_or(&a.path).to_string();
    if path.starts_with("seeds/") && state.roots.is_empty() {
        return nothing(state, "the seeds are built in: there is no file to open");
    }
    vec![Effect::Open(Opening::File { path, byte: a.file_offset(at), editor })]
}

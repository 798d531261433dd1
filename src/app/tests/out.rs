//! `update` tests of what leaves dossier (issue 14): marks, notes, copies, links, files, exports.
//! Compiled only under #[cfg(test)], as a part of `app/tests/mod.rs`.

use super::*;

fn effect_of<T>(effects: &[Effect], pick: impl Fn(&Effect) -> Option<T>) -> Option<T> {
    effects.iter().find_map(pick)
}

/// Issue 14: m marks the article (and asks to keep the marks), M lists the marked ones only.
#[test]
fn m_marks_and_capital_m_shows_the_marked_only() {
    let mut s = session();
    s.act(Action::Down);
    let id = s.state.selected_article().unwrap();
    let effects = update(&mut s.state, Action::Mark);
    let kept = effect_of(&effects, |e| match e {
        Effect::SaveMarks(m) => Some(m.clone()),
        _ => None,
    })
    .unwrap();
    assert!(kept.is_marked(&s.state.mark_key(id).unwrap()));
    update(&mut s.state, Action::MarkedOnly);
    assert_eq!(s.state.list.rows, vec![id]);
    update(&mut s.state, Action::Mark);
    assert!(s.state.list.rows.is_empty(), "unmarked, it leaves the marked list");
    update(&mut s.state, Action::MarkedOnly);
    assert_eq!(s.state.list.rows.len(), 5);
}

/// Issue 14: c writes a note on the article, or on the timeline event in the timeline.
#[test]
fn c_writes_a_note_on_the_article_or_the_event() {
    let mut s = session();
    s.act(Action::Note);
    assert!(s.state.ask.is_some());
    s.type_text("check with Kyodo");
    let effects = update(&mut s.state, Action::Open);
    assert!(s.state.ask.is_none());
    let kept = effect_of(&effects, |e| match e {
        Effect::SaveMarks(m) => Some(m.clone()),
        _ => None,
    })
    .unwrap();
    let key = s.state.mark_key(s.state.selected_article().unwrap()).unwrap();
    assert_eq!(kept.note(&NoteOn::Article(key)), Some("check with Kyodo"));
    s.act(Action::ShowTimeline);
    s.act(Action::Note);
    s.type_text("the date is wrong");
    s.act(Action::Open);
    let e = s.state.selected_event().unwrap().clone();
    let on = NoteOn::Event(s.state.mark_key(e.article).unwrap(), e.start);
    assert_eq!(s.state.marks.note(&on), Some("the date is wrong"));
}

/// Issue 14: y copies the title and link in the list, the sentence in the reader, the event
/// in the timeline.
#[test]
fn y_copies_what_the_user_is_on() {
    let mut s = session();
    let copied = |s: &mut Session| {
        effect_of(&update(&mut s.state, Action::Copy), |e| match e {
            Effect::Copy { text, what } => Some((text.clone(), what.clone())),
            _ => None,
        })
        .unwrap()
    };
    let title = s.state.article(s.state.selected_article().unwrap()).unwrap().title.clone();
    let (text, what) = copied(&mut s);
    assert!(text.starts_with(&*title) && text.contains("seeds/"), "{text}");
    assert_eq!(what, "the title and link");
    s.act(Action::Open);
    s.act(Action::NextEntity);
    let (text, what) = copied(&mut s);
    assert_eq!(what, "the sentence");
    let entity = s.state.visible_entities()[0].canonical.to_string();
    assert!(text.contains(entity.split(' ').next_back().unwrap()), "the sentence at the cursor: {text}");
    s.act(Action::ShowTimeline);
    let (text, what) = copied(&mut s);
    let e = s.state.selected_event().unwrap();
    assert!(text.starts_with(&e.date_label()), "{text}");
    assert_eq!(what, "the event");
}

/// Issue 14: o opens the link, O and E the file at the reader's line, x exports the pane.
#[test]
fn o_opens_links_and_files_and_x_exports_the_pane() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "---\ntitle: With a link\nurl: https://example.org/a\n---\n\nOfficials in Tokyo met on Friday.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), "No link\n\nOfficials in Osaka met.\n").unwrap();
    let mut s = Session::load(&[dir.path().to_path_buf()], false).unwrap();
    let on = |s: &mut Session, title: &str| {
        while &*s.state.article(s.state.selected_article().unwrap()).unwrap().title != title {
            s.act(Action::Down);
        }
    };
    on(&mut s, "With a link");
    let opened = effect_of(&update(&mut s.state, Action::OpenLink), |e| match e {
        Effect::Open(o) => Some(o.clone()),
        _ => None,
    });
    assert_eq!(opened, Some(protocol::Opening::Link("https://example.org/a".into())));
    s.act(Action::Open);
    let opened = effect_of(&update(&mut s.state, Action::OpenInEditor), |e| match e {
        Effect::Open(o) => Some(o.clone()),
        _ => None,
    });
    let Some(protocol::Opening::File { path, byte, editor }) = opened else { panic!("{opened:?}") };
    assert!(path.ends_with("a.md") && editor);
    assert_eq!(
        byte,
        std::fs::read_to_string(&path).unwrap().find("Officials").unwrap(),
        "at the reader's line"
    );
    s.act(Action::Back);
    on(&mut s, "No link");
    assert!(update(&mut s.state, Action::OpenLink).is_empty());
    assert!(s.state.message.as_deref().unwrap().contains("no link"));
    s.act(Action::ShowTimeline);
    s.act(Action::Export);
    assert_eq!(s.state.ask.as_ref().unwrap().prompt.text, "dossier-timeline.csv");
    s.act(Action::Edit(Edit::DeleteToStart));
    s.type_text("out.timeline.json");
    let asked = effect_of(&update(&mut s.state, Action::Open), |e| match e {
        Effect::Export { what, path } => Some((*what, path.clone())),
        _ => None,
    });
    assert_eq!(asked, Some((protocol::ExportWhat::Timeline, "out.timeline.json".to_string())));
}

/// An export is a copy of the state: while the corpus loads, or the timeline is put in order
/// again after a change, it is refused with the reason, and a name typed before such a change
/// stays for Enter once the change is in.
#[test]
fn an_export_waits_for_the_corpus_and_its_timeline() {
    let mut s = session();
    s.act(Action::ShowTimeline);
    s.state.progress.done = false;
    s.act(Action::Export);
    assert!(s.state.ask.is_none());
    assert_eq!(s.state.message.as_deref(), Some("still loading: export once the corpus is in"));
    s.state.progress.done = true;

    s.act(Action::Export);
    s.act(Action::Edit(Edit::DeleteToStart));
    s.type_text("out.csv");
    let refresh = super::watching::without(&s.state, 0, "seeds/new.txt");
    let rebuild = receive(&mut s.state, Incoming::Pipeline(PipelineEvent::Refreshed(Box::new(refresh))));
    assert!(s.state.timeline.building);
    assert!(update(&mut s.state, Action::Open).is_empty(), "no export of a timeline being built");
    let ask = s.state.ask.as_ref().expect("the question stays");
    assert_eq!(ask.prompt.text, "out.csv");
    assert!(ask.label.starts_with("the timeline is being put in order"), "{}", ask.label);
    s.queue_effects(rebuild);
    s.settle();
    let asked = effect_of(&update(&mut s.state, Action::Open), |e| match e {
        Effect::Export { what, path } => Some((*what, path.clone())),
        _ => None,
    });
    assert_eq!(asked, Some((protocol::ExportWhat::Timeline, "out.csv".to_string())));
}

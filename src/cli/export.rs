//! `dossier export`: the timeline, the article list or the entity table of a corpus, as the
//! interface would show it for the same filter, in CSV, Markdown, JSON or TimelineJS JSON.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Result, bail};

use crate::app::{self, Action, TimelineScope};
use crate::export::{self, Format, Source, What};
use crate::text::safe;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Exported {
    Timeline,
    Articles,
    Entities,
}

pub struct Request<'a> {
    pub what: Exported,
    pub format: Format,
    pub query: Option<&'a str>,
    pub entity: Option<&'a str>,
    pub marked: bool,
    pub output: Option<&'a Path>,
}

pub fn run(request: Request, paths: &[PathBuf], reuse: bool) -> Result<ExitCode> {
    if let Some(out) = request.output {
        crate::runtime::outside::refuse_inside(out, paths)?;
    }
    let mut session = super::load(paths, false, reuse)?;
    if request.marked {
        session.take_in(app::Incoming::Marks(crate::runtime::marks::load(paths).0));
        session.act(Action::MarkedOnly);
    }
    let mut query = request.query.map(str::to_string);
    if let Some(wanted) = request.entity {
        let Some(found) = app::find_entity(&session.state, wanted) else {
            bail!("no entity named {:?} in this corpus", safe(wanted));
        };
        if request.what == Exported::Timeline {
            let rows_asked = app::scope_timeline(&mut session.state, TimelineScope::Entity(found));
            session.queue_effects(rows_asked);
            session.settle();
        } else {
            let condition = app::entity_query(&found);
            query = Some(match query {
                Some(q) => format!("({q}) AND {condition}"),
                None => condition,
            });
        }
    }
    if let Some(q) = query {
        session.act(Action::StartFilter);
        session.type_text(&q);
        session.act(Action::Open);
        if let Some(error) = &session.state.filter.error {
            super::output::to_stderr(format_args!(
                "dossier: cannot read the query {:?}: {}",
                safe(&q),
                safe(error)
            ));
            return Ok(ExitCode::from(2));
        }
    }
    if request.what == Exported::Entities {
        session.act(Action::ShowEntities);
    }
    let what = match request.what {
        Exported::Timeline => What::Timeline,
        Exported::Articles => What::Articles,
        Exported::Entities => What::Entities,
    };
    let index = session.index();
    let text_of = |id: u32| index.text(id).ok().flatten().map(Arc::<str>::from);
    let source = Source { state: &session.state, text_of: &text_of };
    match request.output {
        // As asked on the command line: a file of that name is replaced.
        Some(path) => crate::runtime::outside::write_whole(path, true, |out| {
            export::write(what, request.format, &source, out)
        })?,
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            export::write(what, request.format, &source, &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

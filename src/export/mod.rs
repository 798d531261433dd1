//! What a journalist takes out of dossier: the filtered article list, the open article, the
//! timeline of the current scope and the entity table, as CSV, Markdown, JSON or TimelineJS 3
//! JSON (which the TimelineJS viewer opens as it is). Built from the state the screen shows, so
//! an export holds what is on screen; texts come from the index.

mod documents;
mod timelinejs;

use std::sync::Arc;

use anyhow::{Result, bail};

use crate::app::AppState;

pub use documents::write;

pub use crate::app::protocol::ExportWhat as What;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Md,
    Json,
    /// TimelineJS 3 JSON (timeline only).
    Timelinejs,
}

impl Format {
    /// The format a file name asks for: `.csv`, `.md`, `.json`; `.timeline.json` or `.tl.json`
    /// for TimelineJS.
    pub fn of_path(path: &str) -> Option<Format> {
        let lower = path.to_lowercase();
        if lower.ends_with(".timeline.json") || lower.ends_with(".tl.json") {
            Some(Format::Timelinejs)
        } else if lower.ends_with(".csv") {
            Some(Format::Csv)
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Some(Format::Md)
        } else if lower.ends_with(".json") {
            Some(Format::Json)
        } else {
            None
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Json => "json",
            Format::Timelinejs => "timeline.json",
        }
    }
}

/// What an export of `what` is called, in messages.
pub fn name(what: What) -> &'static str {
    match what {
        What::Articles => "articles",
        What::Article => "article",
        What::Timeline => "timeline",
        What::Entities => "entities",
    }
}

/// Which formats make sense for what.
pub fn check(what: What, format: Format) -> Result<()> {
    match (what, format) {
        (What::Timeline, _) => Ok(()),
        (_, Format::Timelinejs) => bail!("TimelineJS holds a timeline, not the {}", name(what)),
        _ => Ok(()),
    }
}

/// The state to export from, and a way to read an article's text.
pub struct Source<'a> {
    pub state: &'a AppState,
    pub text_of: &'a dyn Fn(u32) -> Option<Arc<str>>,
}

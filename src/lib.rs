//! dossier: a keyboard-driven terminal browser for a folder of news articles.
//!
//! Data flows one way: [`corpus`] loads articles, [`analysis`] finds entities and time
//! expressions, [`index`] makes them searchable, [`app`] holds the state the screen shows, and
//! [`ui`] draws it.

pub mod analysis;
pub mod app;
pub mod cache;
pub mod cli;
pub mod corpus;
pub mod index;
pub mod keymap;
pub mod pipeline;
mod read_store;
pub mod related;
pub mod timeline;
pub mod tui;
pub mod ui;
pub mod worker;
pub mod wrap;

/// Compiles one of the program's own patterns; they are constants, so failure is a bug.
pub(crate) fn static_regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?} is invalid: {e}"))
}

//! dossier: a keyboard-driven terminal browser for a folder of news articles.
//!
//! Data flows one way: [`corpus`] loads articles, [`analysis`] finds entities, time
//! expressions and events, [`index`] makes them searchable, [`app`] holds the state the screen
//! shows, and [`ui`] draws it. [`runtime`] runs the slow work on threads and the terminal
//! session; [`cli`] is the command line. See ARCHITECTURE.md.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod corpus;
pub mod export;
pub mod index;
pub mod runtime;
pub mod text;
pub mod ui;

/// Compiles one of the program's own patterns. They are constants, each compiled by the unit
/// tests of the module that uses it, so a failure here is a bug in the program, not bad input.
#[expect(clippy::panic, reason = "a built-in pattern that does not compile is a bug")]
pub(crate) fn static_regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?} is invalid: {e}"))
}

//! The command line: the terminal interface, and the headless commands whose JSON output other
//! tools rely on. The commands load a corpus through the same [`Session`] as the interface, so
//! they see the same articles, dates, entities and search order.

mod annotate;
mod export;
mod output;
mod related;
mod search;
mod stats;
mod timeline;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::runtime::session::Session;
pub use output::is_broken_pipe;

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version = env!("DOSSIER_VERSION"),
    about = "Browse a folder of news articles: entities, timeline, search, related articles."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files or folders to open (folders are walked). Without any, the bundled seeds.
    pub paths: Vec<PathBuf>,
    /// Index afresh: neither reuse nor keep the corpus's index in the cache directory.
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// The config file (default: $XDG_CONFIG_HOME/dossier/config.toml, if there is one).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// Follow the folders: new, changed and removed files are taken in as they happen (`w`
    /// toggles it in the interface).
    #[arg(long)]
    pub watch: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the entities and time expressions of each file, one JSON object per article.
    Annotate {
        /// Document creation time for files that carry no date of their own.
        #[arg(long, value_parser = parse_day)]
        dct: Option<NaiveDate>,
        /// One JSON object per line (the default is a readable listing).
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Ranked matches for a query in tantivy syntax, with snippets.
    Search {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        query: String,
        paths: Vec<PathBuf>,
    },
    /// The corpus timeline, one event per line.
    Timeline {
        #[arg(long)]
        json: bool,
        /// Only the events of this entity (its name, an alias, or a surname that names one).
        #[arg(long)]
        entity: Option<String>,
        paths: Vec<PathBuf>,
    },
    /// Articles related to DOC (a path as listed), best first.
    Related {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        doc: String,
        paths: Vec<PathBuf>,
    },
    /// Export the timeline, the article list or the entity table, as the interface shows them.
    Export {
        /// What to export.
        #[arg(long, value_enum, default_value_t = export::Exported::Timeline)]
        what: export::Exported,
        #[arg(long, value_enum)]
        format: crate::export::Format,
        /// Only what matches this query (the filter's language).
        #[arg(long)]
        query: Option<String>,
        /// Only this entity (its name, an alias, or a word of one name).
        #[arg(long)]
        entity: Option<String>,
        /// Only the marked articles.
        #[arg(long)]
        marked: bool,
        /// The file to write (never inside the corpus); without one, standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        paths: Vec<PathBuf>,
    },
    /// The config file: `--default` prints one with every setting, commented out.
    Config {
        #[arg(long)]
        default: bool,
    },
    /// Print shell completions for bash, zsh, fish, elvish or PowerShell.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff).
    Man,
    /// Print the licenses of the crates dossier is built from, with their full texts.
    Licenses,
    /// Load the corpus as the interface does, report timings and memory, and time queries.
    Stats {
        #[arg(long)]
        json: bool,
        /// A file of queries, one per line, each run as a filter keystroke would run it.
        #[arg(long)]
        queries: Option<PathBuf>,
        paths: Vec<PathBuf>,
    },
}

/// The licenses of the crates compiled in, which their notices ask to go with the program
/// (`.ci/third-party-licenses` writes the file from `Cargo.lock`).
const THIRD_PARTY_LICENSES: &str = include_str!("../../assets/THIRD-PARTY.md");

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let reuse = !cli.no_cache;
    match cli.command {
        None => {
            must_exist(&cli.paths)?;
            let settings = crate::runtime::config::load(cli.config.as_deref())?;
            crate::runtime::terminal::run(cli.paths, reuse, cli.watch, settings)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { default }) => {
            if default {
                print!("{}", crate::runtime::config::default_file());
            } else {
                let file = cli.config.or_else(crate::runtime::config::path);
                let shown = file
                    .as_ref()
                    .map_or_else(|| "no config directory".to_string(), |p| p.display().to_string());
                crate::runtime::config::load(file.as_deref().filter(|p| p.exists()))?;
                println!(
                    "{shown}: {}",
                    if file.is_some_and(|p| p.exists()) {
                        "read without errors"
                    } else {
                        "not there (the defaults apply)"
                    }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Annotate { dct, json, files }) => annotate::run(&files, dct, json),
        Some(Command::Search { json, limit, query, paths }) => {
            search::run(&query, &paths, limit, json, reuse)
        }
        Some(Command::Timeline { json, entity, paths }) => {
            timeline::run(&paths, entity.as_deref(), json, reuse)
        }
        Some(Command::Related { json, limit, doc, paths }) => related::run(&doc, &paths, limit, json, reuse),
        Some(Command::Stats { json, queries, paths }) => stats::run(&paths, queries.as_deref(), json, reuse),
        Some(Command::Export { what, format, query, entity, marked, output, paths }) => export::run(
            export::Request {
                what,
                format,
                query: query.as_deref(),
                entity: entity.as_deref(),
                marked,
                output: output.as_deref(),
            },
            &paths,
            reuse,
        ),
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "dossier", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let command = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(command).render(&mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Licenses) => {
            std::io::Write::write_all(&mut std::io::stdout().lock(), THIRD_PARTY_LICENSES.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A path that does not exist is a typing mistake, not an empty corpus.
fn must_exist(paths: &[PathBuf]) -> Result<()> {
    for p in paths {
        if let Err(e) = std::fs::metadata(p) {
            bail!("{}: {}", crate::text::safe(&p.display().to_string()), crate::corpus::io_reason(&e));
        }
    }
    Ok(())
}

/// Loads a corpus for a command, reporting what could not be read on stderr.
fn load(paths: &[PathBuf], json: bool, reuse: bool) -> Result<Session> {
    must_exist(paths)?;
    let session = Session::load(paths, reuse)?;
    output::report_problems(&session.state, json);
    if session.state.articles.is_empty() {
        bail!("no articles could be loaded");
    }
    Ok(session)
}

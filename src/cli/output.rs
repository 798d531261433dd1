//! How the commands write: one JSON object a line, or readable lines made safe for a terminal.
//! Files that could not be read, and warnings, go to stderr so stdout keeps its shape.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::app::AppState;
use crate::corpus::Skipped;
use crate::text::safe;

/// A line on standard error. Not `eprintln!`, which panics when standard error is closed
/// (`2>&-`); a message nobody can read is dropped.
pub fn to_stderr(line: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

pub fn print_json(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// What the user should know about how the corpus was opened (a cache in use, or damaged):
/// a line each, or with `--json` one JSON object each (`{"notice": ...}`).
pub fn report_notices(state: &AppState, json: bool) {
    for notice in &state.progress.notices {
        if json {
            to_stderr(serde_json::json!({ "notice": notice }));
        } else {
            to_stderr(format_args!("dossier: {}", safe(notice)));
        }
    }
}

/// Skipped files and loading warnings: a readable line each, or with `--json` one JSON object
/// each (`{"skipped": PATH, "reason": ...}`, `{"warning": ..., "path": PATH}`).
pub fn report_problems(state: &AppState, json: bool) {
    report_notices(state, json);
    report_skipped(&state.skipped, json);
    for a in &state.articles {
        report_warnings(&a.path, &a.warnings, json);
    }
}

pub fn report_skipped(skipped: &[Skipped], json: bool) {
    for s in skipped {
        if json {
            to_stderr(serde_json::json!({ "skipped": s.path, "reason": s.reason }));
        } else {
            to_stderr(format_args!("dossier: skipped {}: {}", safe(&s.path), safe(&s.reason)));
        }
    }
}

pub fn report_warnings(path: &str, warnings: &[String], json: bool) {
    for w in warnings {
        if json {
            to_stderr(serde_json::json!({ "warning": w, "path": path }));
        } else {
            to_stderr(format_args!("dossier: warning {}: {}", safe(path), safe(w)));
        }
    }
}

/// Whether an error is a closed pipe (`dossier ... | head`): the reader has what it wanted.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        // serde_json wraps the writer's error in its own type.
        let kind = e
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| e.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind));
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

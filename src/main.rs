use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// jemalloc rather than glibc's allocator. After an update of a million articles, glibc's
/// free lists held over a million unsorted holes, and the allocations that came next sorted
/// them: the first query took 30-100 ms instead of 2 ms. jemalloc keeps each size class apart.
/// It also loaded 100,000 articles about a fifth faster at the same peak (the README has the
/// runs); mimalloc was nearly as fast but peaked about 50 MB higher.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    match dossier::cli::run(cli) {
        Ok(code) => code,
        // `dossier ... | head`: the reader has what it wanted.
        Err(e) if dossier::cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Not `eprintln!`, which panics when standard error is closed.
            let message = format!("{e:#}");
            let _ = writeln!(std::io::stderr(), "dossier: {}", dossier::text::safe(&message));
            ExitCode::from(1)
        }
    }
}

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// jemalloc rather than glibc's allocator. After an update of a million articles, glibc's
/// free lists held over a million unsorted holes, and the allocations that came next sorted
/// them: the first query took 30-100 ms instead of 2 ms. jemalloc keeps each size class apart.
/// It also loaded 100,000 articles about a fifth faster at the same peak (`benches/HISTORY.md` has
/// the runs); mimalloc was nearly as fast but peaked about 50 MB higher.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read as it starts: an arena per processor instead of four, each of
/// which holds freed memory apart from the others. `stats --no-cache` of 100k articles peaked
/// at 331-340 MB instead of 344-367 MB, and the interface's reopen of a million at 2.45-2.47
/// GB instead of 2.48-2.49 GB, at the same speed (alternating, four or more each). And a
/// background thread that hands freed pages back to the system: jemalloc otherwise does so
/// only when something allocates, so a dossier waiting for keys kept them. After an update of
/// a million articles it sat at 1.73 GB instead of 1.92 GB; 100k first opens peaked at a
/// median 249 MB against 246 MB (seven each, alternating: within this machine's noise).
/// And freed pages kept one second instead of ten: the interface's first open of 100k
/// articles peaked at 202-208 MB instead of 204-222 MB (seven each, alternating), `stats` at
/// 206-209 MB instead of 209-228 MB (five each); it was searchable a little later, a median
/// 4.54 s against 4.43 s, within this machine's noise (the text pass frees and takes pages all
/// the time). `_RJEM_MALLOC_CONF` in the environment still wins. (At the end of a phase of
/// a first open, freed pages go back at once: `runtime::memory`.)
#[unsafe(export_name = "_rjem_malloc_conf")]
static JEMALLOC_OPTIONS: &[u8; 63] = b"percpu_arena:percpu,background_thread:true,dirty_decay_ms:1000\0";

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

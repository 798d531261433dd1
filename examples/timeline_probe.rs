//! How long the timeline's build takes on a real corpus: the summaries of a kept corpus read
//! from its state file, then the timeline built from them five times over, with its length.
//!
//! Run: `XDG_CACHE_HOME=/tmp/cache1m cargo run --release --example timeline_probe -- target/c1000000`

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let Some(cache) = dossier::index::cache::cache_dir() else {
        eprintln!("timeline_probe: no cache folder");
        std::process::exit(2);
    };
    let dir = dossier::index::cache::corpus_dir(&cache, &paths);
    let cached = match dossier::index::state::load(&dir) {
        Ok(Some(cached)) => cached,
        other => {
            eprintln!("timeline_probe: no state in {} ({:?})", dir.display(), other.err());
            std::process::exit(2);
        }
    };
    println!("{} summaries", cached.summaries.len());

    for _ in 0..5 {
        let started = std::time::Instant::now();
        let events = dossier::analysis::timeline::build(&cached.summaries, &cached.places);
        println!("{} events in {} ms", events.len(), started.elapsed().as_millis());
    }
}

//! How long queries take against a corpus already in the cache, each alone, as the
//! interface's filter runs it (its last word also a prefix): thirty runs of each, with the
//! quickest, the median and the slowest, of finding the matches in rank order (the index's
//! threads rank what they found, and their runs are merged). `dossier stats --queries` times
//! each query once, among the interface's other work.
//!
//! The corpus must be cached already (`dossier stats DIR` once, with the same XDG_CACHE_HOME).
//!
//! Run: `cargo run --release --example query_probe -- CACHE_HOME DIR QUERY...`

use std::time::Instant;

use dossier::index::SearchIndex;

const RUNS: usize = 30;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(cache_home), Some(dir)) = (args.next(), args.next()) else {
        return Err("usage: query_probe CACHE_HOME DIR QUERY...".into());
    };
    let cache = std::path::Path::new(&cache_home).join("dossier");
    let index = SearchIndex::cached(&cache, &[dir.into()])?;
    index.read_ahead();
    // As the interface's worker does once the index is handed over, before the user types.
    let started = Instant::now();
    let deleted = index.prepare_ranking()?;
    println!(
        "ranking readied ({deleted} deleted articles in the index): {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    for query in args {
        let mut ranked = Vec::with_capacity(RUNS);
        let mut matches = 0;
        for _ in 0..RUNS {
            let started = Instant::now();
            let parsed = index.parse_typing(&query)?;
            let hits = index.search(&parsed, &Default::default())?;
            ranked.push(started.elapsed().as_secs_f64() * 1000.0);
            matches = hits.len();
        }
        let spread = |times: &mut Vec<f64>| {
            times.sort_by(f64::total_cmp);
            format!("{:.1} / {:.1} / {:.1}", times[0], times[RUNS / 2], times[RUNS - 1])
        };
        println!("{query}: {matches} matches in rank order (min / median / max ms) {}", spread(&mut ranked));
    }
    Ok(())
}

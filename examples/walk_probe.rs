//! How long checking a folder takes: the walk that gives a corpus's fingerprint (every file's
//! path, size and times, keeping none of them), three times over, with the fingerprint it
//! gave; then the listing a folder that changed gets (every file kept, in order), twice. The
//! interface does the first walk after it has shown a cached corpus, the commands before they
//! answer; the listing follows when the folder changed, or at once when a watched folder's
//! events say it did.
//!
//! Run: `cargo run --release --example walk_probe -- target/c1000000`

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    if paths.is_empty() {
        eprintln!("usage: walk_probe DIR...");
        std::process::exit(2);
    }
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let go = std::sync::atomic::AtomicBool::new(false);
        let fingerprint = dossier::corpus::fingerprint_unless_stopped(&paths, &go).unwrap_or_default();
        println!("fingerprint {fingerprint:016x} in {} ms", started.elapsed().as_millis());
    }
    for _ in 0..2 {
        let started = std::time::Instant::now();
        let (files, skipped, fingerprint) = dossier::corpus::discover(&paths);
        println!(
            "listed {} files ({} skipped), fingerprint {fingerprint:016x}, in {} ms",
            files.len(),
            skipped.len(),
            started.elapsed().as_millis()
        );
    }
}

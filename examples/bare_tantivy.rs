//! Tantivy on its own over a folder of text files, for comparison with `dossier stats`: the
//! files are read, then indexed into one `TEXT` field by a writer with dossier's settings
//! (two threads, 40 MB) in RAM, and committed once.
//!
//! Run: `cargo run --release --example bare_tantivy -- target/c100000`

use std::time::Instant;

use rayon::prelude::*;
use tantivy::schema::{Schema, TEXT};
use tantivy::{Index, TantivyDocument};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: bare_tantivy DIR")?;
    let started = Instant::now();
    let paths: Vec<_> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let texts: Vec<String> = paths.par_iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let read_ms = started.elapsed().as_millis();
    let bytes: usize = texts.iter().map(String::len).sum();

    let started = Instant::now();
    let mut schema = Schema::builder();
    let body = schema.add_text_field("body", TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(2, 40 * 1024 * 1024)?;
    for text in &texts {
        let mut doc = TantivyDocument::default();
        doc.add_text(body, text);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    let index_ms = started.elapsed().as_millis();
    let mib_s = bytes as f64 / (1024.0 * 1024.0) / (index_ms.max(1) as f64 / 1000.0);
    println!(
        "{{\"files\":{},\"bytes\":{bytes},\"read_ms\":{read_ms},\"index_ms\":{index_ms},\"index_mib_s\":{mib_s:.1}}}",
        texts.len()
    );
    Ok(())
}

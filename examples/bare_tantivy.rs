//! Tantivy on its own over a folder of text files, for comparison with `dossier stats`: the
//! files are read, then indexed into one `TEXT` field by a writer with dossier's settings
//! (two threads, 40 MB) in RAM, and committed once.
//!
//! With `--fields`, the same texts are also indexed once per step towards dossier's text
//! index, to show what each costs: the English stemmer, the stored (compressed) body, a
//! stemmed title beside it.
//!
//! Run: `cargo run --release --example bare_tantivy -- target/c100000 [--fields]`

use std::time::Instant;

use rayon::prelude::*;
use tantivy::schema::{IndexRecordOption, STORED, Schema, TEXT, TextFieldIndexing, TextOptions};
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

    let index_ms = index_once(&texts, Step::Bare)?;
    let mib_s = bytes as f64 / (1024.0 * 1024.0) / (index_ms.max(1) as f64 / 1000.0);
    println!(
        "{{\"files\":{},\"bytes\":{bytes},\"read_ms\":{read_ms},\"index_ms\":{index_ms},\"index_mib_s\":{mib_s:.1}}}",
        texts.len()
    );
    if std::env::args().any(|a| a == "--fields") {
        for step in [Step::Stemmed, Step::StemmedStored, Step::WithTitle] {
            println!("{{\"step\":\"{step:?}\",\"index_ms\":{}}}", index_once(&texts, step)?);
        }
    }
    Ok(())
}

/// How close to dossier's text index one indexing run is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// One `TEXT` field: the default tokenizer.
    Bare,
    /// The body through the English stemmer.
    Stemmed,
    /// ... and stored, compressed, for reading back.
    StemmedStored,
    /// ... and the first line as a stemmed title field.
    WithTitle,
}

fn index_once(texts: &[String], step: Step) -> Result<u128, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut schema = Schema::builder();
    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let body = match step {
        Step::Bare => schema.add_text_field("body", TEXT),
        Step::Stemmed => schema.add_text_field("body", stemmed.clone()),
        Step::StemmedStored | Step::WithTitle => schema.add_text_field("body", stemmed.clone() | STORED),
    };
    let title = (step == Step::WithTitle).then(|| schema.add_text_field("title", stemmed));
    let index = Index::create_in_ram(schema.build());
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(2, 40 * 1024 * 1024)?;
    for text in texts {
        let mut doc = TantivyDocument::default();
        if let Some(title) = title {
            doc.add_text(title, text.lines().next().unwrap_or(""));
        }
        doc.add_text(body, text);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    Ok(started.elapsed().as_millis())
}

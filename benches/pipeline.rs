//! Per-stage throughput of the pipeline on real newswire (`../shared/corpora/news-1997.jsonl`,
//! or the seeds where that is absent), on one thread. Run: `cargo bench --bench pipeline`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::analysis::{self, Recognizer, time};
use dossier::corpus::{self, Article, FileKind};

fn corpus() -> (Vec<Article>, Vec<u8>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/news-1997.jsonl");
    match std::fs::read(&path) {
        Ok(bytes) => {
            let articles = corpus::load_bytes(&bytes, FileKind::JsonLines, "news-1997.jsonl").articles;
            (articles, bytes)
        }
        Err(_) => {
            eprintln!("{} not found: measuring the seeds", path.display());
            let articles = corpus::seeds::articles();
            let bytes = articles.iter().flat_map(|a| a.text.bytes()).collect();
            (articles, bytes)
        }
    }
}

fn stages(c: &mut Criterion) {
    let (articles, raw) = corpus();
    let text_bytes: u64 = articles.iter().map(|a| a.text.len() as u64).sum();
    let recognizer = Recognizer::new();
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);

    group.throughput(Throughput::Bytes(raw.len() as u64));
    group.bench_function("parse_jsonl", |b| {
        b.iter(|| corpus::load_bytes(black_box(&raw), FileKind::JsonLines, "news.jsonl").articles.len())
    });

    group.throughput(Throughput::Bytes(text_bytes));
    group.bench_function("entities", |b| {
        b.iter(|| articles.iter().map(|a| recognizer.recognize(black_box(&a.text)).len()).sum::<usize>())
    });
    group.bench_function("timexes", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| time::tag(black_box(&a.text), a.date.map(|d| d.date)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("annotate", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| {
                    analysis::analyze(black_box(&a.text), a.date.map(|d| d.date), &recognizer).events.len()
                })
                .sum::<usize>()
        })
    });
    let analyses: Vec<_> =
        articles.iter().map(|a| analysis::analyze(&a.text, a.date.map(|d| d.date), &recognizer)).collect();
    group.bench_function("index", |b| {
        b.iter(|| dossier::index::build(black_box(&articles), &analyses).map(|i| i.num_docs()).unwrap_or(0))
    });
    group.bench_function("bare_tantivy", |b| b.iter(|| bare_tantivy(black_box(&articles))));
    group.finish();
}

/// Tantivy on its own, for comparison with `index`: one stemmed text field, the same writer
/// settings, one commit.
fn bare_tantivy(articles: &[Article]) -> u64 {
    use tantivy::schema::{Schema, TEXT};
    let mut schema = Schema::builder();
    let body = schema.add_text_field("body", TEXT);
    let index = tantivy::Index::create_in_ram(schema.build());
    let Ok(mut writer) = index.writer_with_num_threads::<tantivy::TantivyDocument>(2, 96 * 1024 * 1024)
    else {
        return 0;
    };
    for a in articles {
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(body, &a.text);
        let _ = writer.add_document(doc);
    }
    writer.commit().unwrap_or(0)
}

criterion_group!(benches, stages);
criterion_main!(benches);

//! Putting a common word's matches in rank order: 400,000 hits (what `entity:"United States"`
//! matches at a million articles), by comparison and by the radix sort the worker uses. Run:
//! `cargo bench --bench ranking`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::index::Hit;

/// Hits as the index gives them: ids in segment order, BM25-like scores with many ties.
fn hits(n: u32) -> Vec<Hit> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    (0..n)
        .map(|id| {
            // xorshift: a repeatable spread of scores.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            Hit { id, score: 1.0 + (state % 2000) as f32 / 100.0 }
        })
        .collect()
}

fn ranking(c: &mut Criterion) {
    let found = hits(400_000);
    let mut group = c.benchmark_group("rank_400k_hits");
    group.sample_size(20);
    group.bench_function("comparison_sort", |b| {
        b.iter_batched_ref(
            || found.clone(),
            |h| h.sort_unstable_by_key(|h| h.rank_among(&Default::default())),
            criterion::BatchSize::LargeInput,
        )
    });
    group.bench_function("radix_sort", |b| {
        b.iter_batched_ref(
            || found.clone(),
            |h| dossier::index::rank(black_box(h), &Default::default()),
            criterion::BatchSize::LargeInput,
        )
    });
    // After an update whose ids no longer follow the folder: ties by place, a lookup per hit.
    let scattered: Vec<u32> =
        (0..1_000_000u32).map(|id| id.wrapping_mul(2_654_435_761) % 1_000_003).collect();
    let places = dossier::corpus::Places::ordered_by(&scattered);
    group.bench_function("radix_sort_ties_by_place", |b| {
        b.iter_batched_ref(
            || found.clone(),
            |h| dossier::index::rank(black_box(h), &places),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, ranking);
criterion_main!(benches);

//! Building the timeline's order (what a reopen or a watched folder's change does on the tables
//! thread), then finding the row of the event the selection stays on: ten million events,
//! about what a million articles give, made by repeating the seeds' summaries (so they are
//! read from the processor's caches: this measures the work, not the memory it reads).
//! Run: `cargo bench --bench timeline_row`.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::analysis::timeline::{self, Rows};
use dossier::analysis::{self, Recognizer, Summary};
use dossier::app::TimelineState;

const EVENTS: usize = 10_000_000;

/// The seeds' summaries repeated until they give ten million events.
fn repeated_seeds() -> Vec<Arc<Summary>> {
    let recognizer = Recognizer::new();
    let seeds: Vec<Arc<Summary>> = dossier::corpus::seeds::articles()
        .iter()
        .map(|a| Arc::new(Summary::of(&analysis::analyze(&a.text, a.date.map(|d| d.date), &recognizer))))
        .collect();
    let per_round: usize = seeds.iter().map(|s| timeline::placed_count(s)).sum();
    seeds.iter().cycle().take(seeds.len() * EVENTS.div_ceil(per_round)).cloned().collect()
}

fn timeline_of_repeated_seeds() -> (Vec<Arc<Summary>>, TimelineState) {
    let summaries = repeated_seeds();
    let events = timeline::build(&summaries, &Default::default());
    let rows = Rows::Every(events.len() as u32);
    (summaries, TimelineState { events: Arc::new(events), rows, ..TimelineState::default() })
}

fn find_row(c: &mut Criterion) {
    let (summaries, state) = timeline_of_repeated_seeds();
    // The latest event: the far end of a search through every event.
    let Some(key) = state.events.last().map(|e| e.key()) else { return };
    assert_eq!(
        state.row_in_order(&summaries, &Default::default(), key),
        state.shown().position(|e| e.key() == key)
    );
    let mut group = c.benchmark_group("row_of_an_event_among_10m");
    group.sample_size(10);
    group.bench_function("every_shown_event", |b| {
        b.iter(|| state.shown().position(|e| e.key() == black_box(key)))
    });
    group.bench_function("in_the_timelines_order", |b| {
        b.iter(|| state.row_in_order(&summaries, &Default::default(), black_box(key)))
    });
    group.finish();
}

fn build_order(c: &mut Criterion) {
    let summaries = repeated_seeds();
    let mut group = c.benchmark_group("timeline_of_10m_events");
    group.sample_size(10);
    group.bench_function("build", |b| b.iter(|| timeline::build(black_box(&summaries), &Default::default())));
    group.finish();
}

criterion_group!(benches, build_order, find_row);
criterion_main!(benches);

//! Criterion benches of the operations metrics.
//!
//! Run with `cargo bench --bench operations`.
//!
//! - `durations`: exact statistics (`DurationSample::from_durations` then
//!   `summary`, one sort) and the sketch (`DurationSketch::extend`, then
//!   p90) over 10⁷ waits; and one exact quantile by selection (O(n)).
//! - `breakdown`: 10⁶ contacts grouped by channel and hour into a
//!   `Breakdown<(u8, u8), ServiceLevelTally>`, next to the same contacts in
//!   a single tally, so the ratio is the cost of grouping.

use core::time::Duration;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use cxkpi::time::Quantile;
use cxkpi::{AbandonTreatment, Breakdown, ServiceLevelTally, ShortAbandons, Waited};
use cxkpi::{DurationSample, DurationSketch, RelativeAccuracy};

mod common;
use common::pseudo_random;

/// 10⁷ durations.
const DURATIONS: usize = 10_000_000;
/// 10⁶ contacts.
const CONTACTS: usize = 1_000_000;

/// Waits with a long tail, in milliseconds: up to about 20 minutes.
fn waits(n: usize) -> Vec<Duration> {
    pseudo_random(n, 0x2545_F491_4F6C_DD1D)
        .map(|x| Duration::from_millis((x % 1000) * (x >> 60)))
        .collect()
}

fn durations(c: &mut Criterion) {
    let waits = waits(DURATIONS);
    let mut group = c.benchmark_group("durations");
    group.sample_size(10);
    group.throughput(Throughput::Elements(DURATIONS as u64));
    group.bench_function("exact_summary", |b| {
        b.iter(|| {
            let sample = DurationSample::from_durations(black_box(&waits)).expect("fits u64");
            black_box(sample.summary().expect("not empty"))
        });
    });
    let sample = DurationSample::from_durations(&waits).expect("fits u64");
    group.bench_function("exact_one_quantile", |b| {
        b.iter(|| black_box(sample.quantile(Quantile::P90).expect("not empty")));
    });
    group.bench_function("sketch", |b| {
        b.iter(|| {
            let mut sketch = DurationSketch::new(RelativeAccuracy::ONE_PERCENT);
            sketch.extend(black_box(&waits).iter().copied());
            black_box(sketch.quantile(Quantile::P90).expect("not empty"))
        });
    });
    group.finish();
}

fn breakdown(c: &mut Criterion) {
    let contacts: Vec<((u8, u8), Waited)> = pseudo_random(CONTACTS, 0x9E37_79B9_7F4A_7C15)
        .map(|x| {
            let wait = Duration::from_secs(x % 180);
            let waited = if x >> 62 == 0 {
                Waited::Abandoned(wait)
            } else {
                Waited::Answered(wait)
            };
            // 4 channels × 24 hours.
            let channel = u8::try_from((x >> 8) % 4).expect("below 4");
            let hour = u8::try_from((x >> 16) % 24).expect("below 24");
            ((channel, hour), waited)
        })
        .collect();
    let template = ServiceLevelTally::new(Duration::from_secs(20), ShortAbandons::None);
    let mut group = c.benchmark_group("breakdown");
    group.sample_size(10);
    group.throughput(Throughput::Elements(CONTACTS as u64));
    group.bench_function("by_channel_and_hour", |b| {
        b.iter(|| {
            let mut by = Breakdown::new(template.clone());
            by.extend(black_box(&contacts).iter().copied());
            black_box(
                by.total()
                    .and_then(|t| t.service_level(AbandonTreatment::CountAgainst)),
            )
        });
    });
    group.bench_function("single_tally", |b| {
        b.iter(|| {
            let mut tally = template.clone();
            tally.extend(black_box(&contacts).iter().map(|&(_, w)| w));
            black_box(tally.service_level(AbandonTreatment::CountAgainst))
        });
    });
    group.finish();
}

criterion_group!(benches, durations, breakdown);
criterion_main!(benches);

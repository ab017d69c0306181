//! Criterion benches of the batch kernels at sizes beyond the last-level
//! cache, next to the machine's streaming read bandwidth measured in the
//! same run.
//!
//! Run with `cargo bench --bench kernels` (add `--features rayon` for the
//! parallel ones); `benches/compare.py` runs it and times polars and numpy
//! on the same sizes. Every benchmark sets `Throughput::Bytes` to the bytes
//! of input it reads, so criterion reports the read rate.
//!
//! - `bandwidth`, `bandwidth_8`: the simplest read of 10⁸ bytes, an OR of
//!   `u64` words that the compiler vectorises, in one stream and in eight
//!   (the slice's eighths side by side, as the kernels read);
//!   `bandwidth_400mb` and `bandwidth_400mb_8` the same over 4 × 10⁸ bytes,
//!   the size of the service-level input. A kernel's share of the bandwidth
//!   is its rate over the better of the two at its size.
//! - `nps`, `csat`, `ces`: `from_scores` over 10⁸ `u8` scores, next to
//!   `plain_loop_nps`, the `match`-and-early-return loop a user writes first.
//! - `service_level`: `ServiceLevelTally::from_whole_secs` over 10⁸ `u32`
//!   waits (9 × 10⁷ answered, 10⁷ abandoned, with short abandons).
//! - `aht`: `AhtTally::from_whole_secs` over three columns of 10⁷ `u32`.
//! - `median`: `WholeSeconds::median` of 10⁷ `u32` waits below 18 hours
//!   (one histogram pass); `median_wide` of 10⁷ values over the whole `u32`
//!   range (three passes).
//! - `nps_par/1`, `nps_par/2` (feature `rayon`): `NpsTally::par_from_scores`
//!   over 10⁸ scores in pools of one and two threads.

use core::time::Duration;
use std::hint::black_box;

use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use cxkpi::time::WholeSeconds;
use cxkpi::{
    AhtTally, CesTally, CsatRule, CsatTally, NpsTally, Scale, ServiceLevelTally, ShortAbandons,
};

mod common;
use common::{or_words, plain_loop_nps, pseudo_random, scores};

/// 10⁸ scores or waits: 100 MB of `u8`, 400 MB of `u32`.
const BIG: usize = 100_000_000;
/// 10⁷ rows of AHT columns and waits for the median.
const ROWS: usize = 10_000_000;

type Group<'a> = BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// Waits in whole seconds with a long tail: up to 40 minutes.
fn waits(n: usize, seed: u64) -> Vec<u32> {
    pseudo_random(n, seed)
        .map(|x| u32::try_from((x >> 8) % 600 * ((x >> 62) + 1)).expect("below 2400"))
        .collect()
}

/// The bytes of `n` values of `T`, as criterion's throughput.
fn bytes<T>(n: usize) -> Throughput {
    Throughput::Bytes(u64::try_from(n * size_of::<T>()).expect("fits u64"))
}

/// The same read of eight streams, as the kernels read: the slice's eighths
/// side by side.
fn or_words_8(words: &[u64]) -> u64 {
    const STREAMS: usize = 8;
    let part = words.len() / STREAMS / 2 * 2;
    let parts: [&[u64]; STREAMS] = core::array::from_fn(|k| &words[k * part..(k + 1) * part]);
    let mut acc = [[0_u64; 2]; STREAMS];
    for j in (0..part).step_by(2) {
        for k in 0..STREAMS {
            for i in 0..2 {
                acc[k][i] |= parts[k][j + i];
            }
        }
    }
    let tail = &words[STREAMS * part..];
    acc.iter().flatten().chain(tail).fold(0, |a, &b| a | b)
}

fn bandwidth(group: &mut Group<'_>) {
    for (name, words) in [("bandwidth", BIG / 8), ("bandwidth_400mb", BIG / 2)] {
        let data: Vec<u64> = pseudo_random(words, 3).collect();
        group.throughput(bytes::<u64>(words));
        group.bench_function(name, |b| b.iter(|| or_words(black_box(&data))));
        group.bench_function(format!("{name}_8"), |b| {
            b.iter(|| or_words_8(black_box(&data)));
        });
    }
}

fn surveys(group: &mut Group<'_>) {
    let nps = scores(BIG, 0, 10);
    group.throughput(bytes::<u8>(BIG));
    group.bench_function("nps", |b| {
        b.iter(|| NpsTally::from_scores(black_box(&nps)).expect("valid"));
    });
    group.bench_function("plain_loop_nps", |b| {
        b.iter(|| plain_loop_nps(black_box(&nps)).expect("valid"));
    });
    #[cfg(feature = "rayon")]
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool");
        group.bench_function(format!("nps_par/{threads}"), |b| {
            b.iter(|| pool.install(|| NpsTally::par_from_scores(black_box(&nps)).expect("valid")));
        });
    }
    drop(nps);
    let csat = scores(BIG, 1, 5);
    group.bench_function("csat", |b| {
        b.iter(|| CsatTally::from_scores(CsatRule::TOP_2_BOX_5, black_box(&csat)).expect("valid"));
    });
    drop(csat);
    let ces = scores(BIG, 1, 7);
    group.bench_function("ces", |b| {
        b.iter(|| CesTally::from_scores(Scale::ONE_TO_SEVEN, black_box(&ces)).expect("valid"));
    });
}

fn contacts(group: &mut Group<'_>) {
    let waits_all = waits(BIG, 11);
    let (answered, abandoned) = waits_all.split_at(BIG / 10 * 9);
    let threshold = Duration::from_secs(20);
    let short = ShortAbandons::Below(Duration::from_secs(5));
    group.throughput(bytes::<u32>(BIG));
    group.bench_function("service_level", |b| {
        b.iter(|| {
            ServiceLevelTally::from_whole_secs(
                threshold,
                short,
                black_box(answered),
                black_box(abandoned),
            )
        });
    });
    drop(waits_all);
    let talk = waits(ROWS, 13);
    let hold: Vec<u32> = waits(ROWS, 17).iter().map(|w| w / 8).collect();
    let wrap: Vec<u32> = waits(ROWS, 19).iter().map(|w| w / 4).collect();
    group.throughput(bytes::<u32>(3 * ROWS));
    group.bench_function("aht", |b| {
        b.iter(|| {
            AhtTally::from_whole_secs(black_box(&talk), black_box(&hold), black_box(&wrap))
                .expect("same lengths")
        });
    });
}

fn median(group: &mut Group<'_>) {
    let waits = waits(ROWS, 23);
    group.throughput(bytes::<u32>(ROWS));
    group.bench_function("median", |b| {
        b.iter(|| {
            WholeSeconds::new(black_box(&waits))
                .expect("not empty")
                .median()
        });
    });
    let wide: Vec<u32> = pseudo_random(ROWS, 29)
        .map(|x| u32::try_from(x >> 32).expect("high half"))
        .collect();
    group.bench_function("median_wide", |b| {
        b.iter(|| {
            WholeSeconds::new(black_box(&wide))
                .expect("not empty")
                .median()
        });
    });
}

fn kernels(c: &mut Criterion) {
    let mut group = c.benchmark_group("kernels");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    bandwidth(&mut group);
    surveys(&mut group);
    contacts(&mut group);
    median(&mut group);
    group.finish();
}

criterion_group!(benches, kernels);
criterion_main!(benches);

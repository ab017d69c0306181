//! Criterion benches: each metric's batch path and its per-observation path.
//!
//! Run all with `cargo bench --bench metrics`, one group with
//! `cargo bench --bench metrics -- nps`. Each group reports throughput in
//! elements per second (`*/elements`) and in bytes per second (`*/bytes`,
//! the bytes of input read), so the batch kernels can be compared with the
//! machine's memory bandwidth.
//!
//! - `nps`: `NpsTally::from_scores` over 10⁸ scores, next to `plain_loop`,
//!   the `match`-and-early-return loop a user would write first, over the
//!   same slice in the same run; and `record`, one rating at a time.
//! - `csat`, `ces`, `fcr`, `abandonment`, `aht`: the batch constructor and
//!   `record`.
//! - `retention`, `cost`: `record` (their inputs are aggregates).
//! - `merge`: `try_merge` of two tallies and `Sum` of 10⁴ tallies.

use core::time::Duration;
use std::hint::black_box;

use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use cxkpi::{
    AbandonmentTally, AhtTally, CesTally, CostTally, CsatRule, CsatTally, CustomerStatus, FcrTally,
    HandleTime, Merge, Money, NpsRating, NpsTally, Outcome, Resolution, RetentionTally, Scale,
    ShortAbandons, Tally,
};

mod common;
use common::{plain_loop_nps, pseudo_random, scores};

/// 10⁸ scores: about 100 MB, well beyond the last-level cache.
const BIG: usize = 100_000_000;
/// Batch inputs of the other metrics.
const BATCH: usize = 10_000_000;
/// Per-observation inputs.
const STREAM: usize = 1_000_000;

/// Sets the throughput of the next benchmark to `n` elements of `size` bytes,
/// in the group's unit (its name ends in `elements` or `bytes`).
fn throughput(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    unit: &str,
    n: usize,
    size: usize,
) {
    let n = u64::try_from(n).expect("fits u64");
    let size = u64::try_from(size).expect("fits u64");
    group.throughput(if unit == "bytes" {
        Throughput::Bytes(n * size)
    } else {
        Throughput::Elements(n)
    });
}

fn nps(c: &mut Criterion) {
    let big = scores(BIG, 0, 10);
    let ratings: Vec<NpsRating> = big[..STREAM]
        .iter()
        .map(|&s| NpsRating::new(s).expect("on the scale"))
        .collect();
    for unit in ["elements", "bytes"] {
        let mut group = c.benchmark_group(format!("nps/{unit}"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(5));
        throughput(&mut group, unit, BIG, 1);
        group.bench_function("from_scores", |b| {
            b.iter(|| NpsTally::from_scores(black_box(&big)).expect("valid"));
        });
        group.bench_function("plain_loop", |b| {
            b.iter(|| plain_loop_nps(black_box(&big)).expect("valid"));
        });
        throughput(&mut group, unit, STREAM, 1);
        group.bench_function("record", |b| {
            b.iter(|| {
                let mut tally = NpsTally::new();
                for &r in black_box(&ratings) {
                    tally.record(r);
                }
                tally
            });
        });
        group.finish();
    }
}

fn csat_ces(c: &mut Criterion) {
    let five = scores(BATCH, 1, 5);
    let seven = scores(BATCH, 1, 7);
    let rule = CsatRule::TOP_2_BOX_5;
    let scored: Vec<_> = five[..STREAM]
        .iter()
        .map(|&s| Scale::ONE_TO_FIVE.score(s).expect("on the scale"))
        .collect();
    for unit in ["elements", "bytes"] {
        let mut group = c.benchmark_group(format!("survey/{unit}"));
        group.sample_size(20);
        throughput(&mut group, unit, BATCH, 1);
        group.bench_function("csat_from_scores", |b| {
            b.iter(|| CsatTally::from_scores(rule, black_box(&five)).expect("valid"));
        });
        group.bench_function("ces_from_scores", |b| {
            b.iter(|| {
                CesTally::from_scores(Scale::ONE_TO_SEVEN, black_box(&seven)).expect("valid")
            });
        });
        throughput(&mut group, unit, STREAM, 1);
        group.bench_function("csat_record", |b| {
            b.iter(|| {
                let mut tally = CsatTally::new(rule);
                tally.extend(black_box(&scored));
                tally
            });
        });
        group.bench_function("ces_record", |b| {
            b.iter(|| {
                let mut tally = CesTally::new(Scale::ONE_TO_FIVE);
                tally.extend(black_box(&scored));
                tally
            });
        });
        group.finish();
    }
}

fn contact(c: &mut Criterion) {
    let contacts: Vec<u32> = pseudo_random(BATCH, 7)
        .map(|x| u32::try_from(x % 4).expect("small") + 1)
        .collect();
    let resolutions: Vec<Resolution> = contacts[..STREAM]
        .iter()
        .map(|&n| Resolution::from_contacts(n).expect("at least 1"))
        .collect();
    let waits: Vec<Duration> = pseudo_random(STREAM, 11)
        .map(|x| Duration::from_millis(x % 120_000))
        .collect();
    let rule = ShortAbandons::Below(Duration::from_secs(5));
    let outcomes: Vec<Outcome> = waits
        .iter()
        .map(|&w| Outcome::abandoned_after(w, rule))
        .collect();
    let handle: Vec<HandleTime> = pseudo_random(STREAM, 13)
        .map(|x| HandleTime {
            talk: Duration::from_millis(x % 1_800_000),
            hold: Duration::from_millis(x % 300_000),
            wrap: Duration::from_millis(x % 200_000),
        })
        .collect();
    for unit in ["elements", "bytes"] {
        let mut group = c.benchmark_group(format!("contact/{unit}"));
        group.sample_size(20);
        throughput(&mut group, unit, BATCH, size_of::<u32>());
        group.bench_function("fcr_from_contact_counts", |b| {
            b.iter(|| FcrTally::from_contact_counts(black_box(&contacts)).expect("valid"));
        });
        throughput(&mut group, unit, STREAM, size_of::<Resolution>());
        group.bench_function("fcr_record", |b| {
            b.iter(|| black_box(&resolutions).iter().collect::<FcrTally>());
        });
        throughput(&mut group, unit, STREAM, size_of::<Duration>());
        group.bench_function("abandonment_from_abandon_waits", |b| {
            b.iter(|| {
                AbandonmentTally::from_abandon_waits(rule, 0, black_box(&waits)).expect("fits")
            });
        });
        throughput(&mut group, unit, STREAM, size_of::<Outcome>());
        group.bench_function("abandonment_record", |b| {
            b.iter(|| black_box(&outcomes).iter().collect::<AbandonmentTally>());
        });
        throughput(&mut group, unit, STREAM, size_of::<HandleTime>());
        group.bench_function("aht_from_contacts", |b| {
            b.iter(|| AhtTally::from_contacts(black_box(&handle)).expect("fits"));
        });
        group.finish();
    }
}

fn customers_cost(c: &mut Criterion) {
    let statuses: Vec<CustomerStatus> = pseudo_random(STREAM, 17)
        .map(|x| match x % 3 {
            0 => CustomerStatus::Retained,
            1 => CustomerStatus::Churned,
            _ => CustomerStatus::New,
        })
        .collect();
    let costs: Vec<Money> = pseudo_random(STREAM / 10, 19)
        .map(|x| {
            Money::new(cxkpi::Decimal::new(
                i64::try_from(x % 100_000).expect("small"),
                2,
            ))
            .expect("non-negative")
        })
        .collect();
    for unit in ["elements", "bytes"] {
        let mut group = c.benchmark_group(format!("customers_cost/{unit}"));
        group.sample_size(20);
        throughput(&mut group, unit, STREAM, size_of::<CustomerStatus>());
        group.bench_function("retention_record", |b| {
            b.iter(|| black_box(&statuses).iter().collect::<RetentionTally>());
        });
        throughput(&mut group, unit, STREAM / 10, size_of::<Money>());
        group.bench_function("cost_record", |b| {
            b.iter(|| black_box(&costs).iter().collect::<CostTally>());
        });
        group.finish();
    }
}

fn merge(c: &mut Criterion) {
    let tallies: Vec<NpsTally> = scores(10_000 * 100, 0, 10)
        .chunks(100)
        .map(|chunk| NpsTally::from_scores(chunk).expect("valid"))
        .collect();
    let mut group = c.benchmark_group("merge/elements");
    group.throughput(Throughput::Elements(1));
    group.bench_function("nps_try_merge", |b| {
        b.iter(|| {
            let mut a = black_box(&tallies[0]).clone();
            a.try_merge(black_box(&tallies[1])).expect("fits");
            a
        });
    });
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("nps_sum_10k", |b| {
        b.iter(|| black_box(&tallies).iter().sum::<NpsTally>());
    });
    group.finish();
}

criterion_group!(benches, nps, csat_ces, contact, customers_cost, merge);
criterion_main!(benches);

//! Criterion benches of the grouped paths: 10⁷ rows by 96 groups, by 10⁵
//! groups and by a dictionary of 1 000 labels, each next to the per-row
//! [`Breakdown`] path and the machine's read bandwidth in the same run.
//!
//! Run with `cargo bench --bench grouped --features rayon`;
//! `benches/compare.py` runs it and times polars' `group_by` on the same
//! sizes. Every benchmark sets `Throughput::Elements` to its rows.
//!
//! - `bandwidth`: an OR of 10⁸ bytes of `u64` words, in bytes per second.
//! - `nps_codes`, `nps_rows`, `nps_btree`: NPS by (channel 0–3, hour 0–23),
//!   96 groups: `ByCode::<NpsTally>::from_scores` over a `u8` code column
//!   (`channel × 24 + hour`) and the scores; `Breakdown::record` per row
//!   keyed by `(channel, hour)`; and the same loop into a `BTreeMap`, the
//!   map `Breakdown` had before.
//! - `service_level_codes`, `service_level_rows`: service level at 20 s by
//!   the same 96 groups, over 10⁷ answered waits in whole seconds.
//! - `aht_codes`, `aht_rows`: AHT by (agent 0–999, day 0–99), 10⁵ groups,
//!   three `u32` columns; codes `agent × 100 + day` as `u32`.
//! - `csat_dict`, `csat_rows`: CSAT top-2-box by a dictionary-encoded string
//!   column of 1 000 labels (`u16` codes, then the labelled breakdown), and
//!   per row keyed by the label `&str`.
//! - `nps_codes_par/1`, `/2`, `aht_codes_par/1`, `/2` (feature `rayon`):
//!   the `par_` paths in pools of one and two threads.

use core::time::Duration;
use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use cxkpi::Tally;
use cxkpi::grouped::ByCode;
use cxkpi::{
    AhtTally, Breakdown, CsatRule, CsatTally, HandleTime, NpsRating, NpsTally, ServiceLevelTally,
    ShortAbandons, Waited,
};

mod common;
use common::{or_words, pseudo_random};

/// Rows of every workload.
const ROWS: usize = 10_000_000;

type Group<'a> = BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// A column of `n` values `f(x)` of a deterministic stream.
fn column<T>(n: usize, seed: u64, f: impl Fn(u64) -> T) -> Vec<T> {
    pseudo_random(n, seed).map(f).collect()
}

fn small(x: u64, m: u64) -> u8 {
    u8::try_from(x % m).expect("below 256")
}

fn rows() -> Throughput {
    Throughput::Elements(ROWS as u64)
}

fn bandwidth(group: &mut Group<'_>) {
    let words: Vec<u64> = pseudo_random(100_000_000 / 8, 3).collect();
    group.throughput(Throughput::Bytes(100_000_000));
    group.bench_function("bandwidth", |b| b.iter(|| or_words(black_box(&words))));
}

fn by_channel_hour(group: &mut Group<'_>) {
    let channel = column(ROWS, 31, |x| small(x >> 8, 4));
    let hour = column(ROWS, 37, |x| small(x >> 8, 24));
    let codes: Vec<u8> = channel.iter().zip(&hour).map(|(c, h)| c * 24 + h).collect();
    let scores = column(ROWS, 41, |x| small(x >> 8, 11));
    group.throughput(rows());
    group.bench_function("nps_codes", |b| {
        b.iter(|| ByCode::<NpsTally>::from_scores(96, black_box(&codes), black_box(&scores)));
    });
    group.bench_function("nps_rows", |b| {
        b.iter(|| {
            let mut by = Breakdown::<(u8, u8), NpsTally>::default();
            for ((&c, &h), &s) in channel.iter().zip(&hour).zip(black_box(&scores)) {
                by.record((c, h), NpsRating::new(s).expect("valid"));
            }
            by
        });
    });
    group.bench_function("nps_btree", |b| {
        b.iter(|| {
            let mut by = BTreeMap::<(u8, u8), NpsTally>::new();
            for ((&c, &h), &s) in channel.iter().zip(&hour).zip(black_box(&scores)) {
                by.entry((c, h))
                    .or_default()
                    .record(NpsRating::new(s).expect("valid"));
            }
            by
        });
    });
    #[cfg(feature = "rayon")]
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool");
        group.bench_function(format!("nps_codes_par/{threads}"), |b| {
            b.iter(|| {
                pool.install(|| {
                    ByCode::<NpsTally>::par_from_scores(96, black_box(&codes), black_box(&scores))
                })
            });
        });
    }
    let waits = column(ROWS, 43, |x| u32::try_from((x >> 8) % 120).expect("small"));
    let threshold = Duration::from_secs(20);
    let none = ShortAbandons::None;
    group.bench_function("service_level_codes", |b| {
        b.iter(|| {
            ByCode::<ServiceLevelTally>::from_whole_secs(
                threshold,
                none,
                96,
                black_box(&codes),
                black_box(&waits),
                &[],
                &[],
            )
        });
    });
    group.bench_function("service_level_rows", |b| {
        b.iter(|| {
            let mut by = Breakdown::<(u8, u8), _>::new(ServiceLevelTally::new(threshold, none));
            for ((&c, &h), &w) in channel.iter().zip(&hour).zip(black_box(&waits)) {
                by.record((c, h), Waited::Answered(Duration::from_secs(u64::from(w))));
            }
            by
        });
    });
}

fn by_agent_day(group: &mut Group<'_>) {
    let agent = column(ROWS, 47, |x| u16::try_from((x >> 8) % 1000).expect("small"));
    let day = column(ROWS, 53, |x| small(x >> 8, 100));
    let codes: Vec<u32> = agent
        .iter()
        .zip(&day)
        .map(|(&a, &d)| u32::from(a) * 100 + u32::from(d))
        .collect();
    let secs = |seed, m| {
        column(ROWS, seed, move |x| {
            u32::try_from((x >> 8) % m).expect("small")
        })
    };
    let (talk, hold, wrap) = (secs(59, 900), secs(61, 120), secs(67, 240));
    group.throughput(rows());
    group.bench_function("aht_codes", |b| {
        b.iter(|| {
            ByCode::<AhtTally>::from_whole_secs(
                100_000,
                black_box(&codes),
                black_box(&talk),
                &hold,
                &wrap,
            )
        });
    });
    #[cfg(feature = "rayon")]
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool");
        group.bench_function(format!("aht_codes_par/{threads}"), |b| {
            b.iter(|| {
                pool.install(|| {
                    ByCode::<AhtTally>::par_from_whole_secs(
                        100_000,
                        black_box(&codes),
                        black_box(&talk),
                        &hold,
                        &wrap,
                    )
                })
            });
        });
    }
    group.bench_function("aht_rows", |b| {
        b.iter(|| {
            let mut by = Breakdown::<(u16, u8), AhtTally>::default();
            for (i, (&a, &d)) in agent.iter().zip(&day).enumerate() {
                let s = |c: &[u32]| Duration::from_secs(u64::from(c[i]));
                let contact = HandleTime {
                    talk: s(&talk),
                    hold: s(&hold),
                    wrap: s(&wrap),
                };
                by.record((a, d), contact);
            }
            by
        });
    });
}

fn by_label(group: &mut Group<'_>) {
    let labels: Vec<String> = (0..1000).map(|i| format!("queue-{i:04}")).collect();
    let codes = column(ROWS, 71, |x| u16::try_from((x >> 8) % 1000).expect("small"));
    let scores = column(ROWS, 73, |x| 1 + small(x >> 8, 5));
    let rule = CsatRule::TOP_2_BOX_5;
    group.throughput(rows());
    group.bench_function("csat_dict", |b| {
        b.iter(|| {
            ByCode::<CsatTally>::from_scores(rule, 1000, black_box(&codes), black_box(&scores))
                .and_then(|by| by.with_labels(&labels))
        });
    });
    let five = rule.scale();
    group.bench_function("csat_rows", |b| {
        b.iter(|| {
            let mut by = Breakdown::<&str, _>::new(CsatTally::new(rule));
            for (&c, &s) in codes.iter().zip(black_box(&scores)) {
                by.record(
                    labels[usize::from(c)].as_str(),
                    five.score(s).expect("valid"),
                );
            }
            by
        });
    });
}

fn grouped(c: &mut Criterion) {
    let mut group = c.benchmark_group("grouped");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    bandwidth(&mut group);
    by_channel_hour(&mut group);
    by_agent_day(&mut group);
    by_label(&mut group);
    group.finish();
}

criterion_group!(benches, grouped);
criterion_main!(benches);

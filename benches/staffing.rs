//! Criterion benches: the staffing search and a day's plan.
//!
//! Run with `cargo bench --bench staffing`.
//!
//! - `agents_required/{erlang_c,erlang_a}/<A>`: the least staffing for 80 %
//!   answered within 20 s at A = 10, 100, 1 000 and 10 000 Erlangs (AHT
//!   5 min, half-hour intervals; Erlang A with a mean patience of 3 min).
//!   Erlang C steps the Erlang B recursion from 0 to the answer once;
//!   Erlang A gallops and bisects, each probe a fresh recursion and queue sum.
//! - `plan/{erlang_c,erlang_a}`: a 48-half-hour day shaped like a working
//!   day's arrivals, peaking at 1 000 calls per half-hour.

use core::time::Duration;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use cxkpi::staffing::{Model, Plan, StaffingTarget, Workload};

const HALF_HOUR: Duration = Duration::from_secs(1800);
const AHT: Duration = Duration::from_secs(300);
const MODELS: [(&str, Model); 2] = [
    ("erlang_c", Model::ErlangC),
    (
        "erlang_a",
        Model::ErlangA {
            patience: Duration::from_secs(180),
        },
    ),
];

fn target() -> StaffingTarget {
    StaffingTarget::new()
        .service_level(
            cxkpi::Percent::new(80.0).expect("a percentage"),
            Duration::from_secs(20),
        )
        .expect("valid target")
}

fn agents_required(c: &mut Criterion) {
    let target = target();
    let mut group = c.benchmark_group("agents_required");
    for (name, model) in MODELS {
        for erlangs in [10.0, 100.0, 1_000.0, 10_000.0] {
            // A Erlangs over a half-hour of 5-minute calls.
            let load = Workload::new(erlangs * 6.0, HALF_HOUR, AHT).expect("valid workload");
            group.bench_with_input(BenchmarkId::new(name, erlangs), &load, |b, load| {
                b.iter(|| target.agents_required(black_box(load), model));
            });
        }
    }
    group.finish();
}

/// Calls per half-hour over a day: quiet at night, a morning peak of 1 000
/// calls at 10:30 and a smaller afternoon one.
fn day() -> Vec<f64> {
    (0..48)
        .map(|i| {
            let hour = f64::from(i) / 2.0;
            let morning = 1_000.0 * libm::exp(-((hour - 10.5) / 2.0) * ((hour - 10.5) / 2.0));
            let afternoon = 700.0 * libm::exp(-((hour - 15.0) / 2.5) * ((hour - 15.0) / 2.5));
            if (7.0..22.0).contains(&hour) {
                morning + afternoon
            } else {
                0.0
            }
        })
        .collect()
}

fn plan(c: &mut Criterion) {
    let target = target();
    let calls = day();
    let mut group = c.benchmark_group("plan");
    for (name, model) in MODELS {
        group.bench_function(name, |b| {
            b.iter(|| Plan::uniform(black_box(&calls), HALF_HOUR, AHT, &target, model));
        });
    }
    group.finish();
}

criterion_group!(benches, agents_required, plan);
criterion_main!(benches);

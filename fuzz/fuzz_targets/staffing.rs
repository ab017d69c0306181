//! Erlang C, Erlang A, agents required and plans on arbitrary floats: any
//! input is a value in range or an error, never a panic, a NaN or an
//! infinity; agents required meets its target.
#![no_main]

use core::time::Duration;

use cxkpi::staffing::{ErlangA, ErlangC, Model, Plan, Shrinkage, StaffingTarget, Workload};
use libfuzzer_sys::fuzz_target;

fn f64s(data: &[u8]) -> Vec<f64> {
    data.chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

fn unit(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

fn percent(x: f64) -> bool {
    (0.0..=100.0).contains(&x)
}

fuzz_target!(|data: &[u8]| {
    let floats = f64s(data);
    let [
        calls,
        interval,
        aht,
        agents,
        patience,
        sl,
        within,
        shrink,
        rest @ ..,
    ] = floats.as_slice()
    else {
        return;
    };
    let Ok(load) = Workload::from_secs(*calls, *interval, *aht) else {
        return;
    };
    // Keep the agents small enough that a run stays quick.
    let agents = (agents.abs() % 2_000.0) as u32;
    let within = Duration::try_from_secs_f64(within.abs()).unwrap_or(Duration::from_secs(20));
    let patience = Duration::try_from_secs_f64(patience.abs()).unwrap_or(Duration::from_secs(60));

    if let Ok(c) = ErlangC::new(&load, agents) {
        assert!(unit(c.prob_wait()));
        assert!(percent(c.service_level_pct(within)));
        assert!(c.asa_secs().is_finite() && c.asa_secs() >= 0.0);
        assert!(percent(c.occupancy_pct()));
    }
    if let Ok(a) = ErlangA::new(&load, agents, patience) {
        assert!(unit(a.prob_wait()));
        assert!(percent(a.abandonment_pct()));
        assert!(percent(a.service_level_pct(within)));
        assert!(percent(a.occupancy_pct()));
    }

    let Ok(target) =
        cxkpi::Percent::new(*sl).and_then(|sl| StaffingTarget::new().service_level(sl, within))
    else {
        return;
    };
    // Large traffic makes a long search: bound it for the fuzzer's sake.
    if load.traffic() > 5_000.0 {
        return;
    }
    for model in [Model::ErlangC, Model::ErlangA { patience }] {
        if let Ok(p) = target.agents_required(&load, model) {
            assert!(target.is_met_by(&p));
            if let Some(x) = p.fractional_agents() {
                assert!(x <= f64::from(p.agents()) && x >= load.traffic());
            }
            if let Ok(shrinkage) = Shrinkage::new(*shrink) {
                let _ = shrinkage.scheduled(p.agents());
            }
        }
    }
    let day: Vec<f64> = rest.iter().take(48).map(|c| c.abs() % 500.0).collect();
    if let Ok(plan) = Plan::uniform(
        &day,
        Duration::from_secs(1800),
        Duration::from_secs(180),
        &target,
        Model::ErlangC,
    ) {
        assert!(plan.peak_agents() as usize <= 10_000);
        if let Ok(sl) = plan.service_level() {
            assert!(percent(sl.get()));
        }
    }
});

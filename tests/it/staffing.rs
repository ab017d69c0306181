//! Staffing: reference values beyond the vectors, and the laws of the models.

// Reference values are quoted with every digit their source printed.
#![allow(clippy::excessive_precision)]

use core::time::Duration;

use cxkpi::staffing::{
    ErlangA, ErlangC, MAX_AGENTS, Model, Plan, Shrinkage, StaffingTarget, Workload,
};
use cxkpi::{ErrorKind, Percent, Probability};
use proptest::prelude::*;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn pct(x: f64) -> Percent {
    Percent::new(x).expect("a percentage")
}

fn load(calls: f64, interval: f64, aht: f64) -> Workload {
    Workload::from_secs(calls, interval, aht).expect("valid workload")
}

/// ⌊x⌋ for a traffic well inside `u32`.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn floor_u32(x: f64) -> u32 {
    libm::floor(x) as u32
}

fn close(actual: f64, expected: f64, tolerance: f64) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "expected {expected}, got {actual} (tolerance {tolerance:e})"
    );
}

/// Erlang A's ASA of answered callers and service level, against an
/// independent computation: mpmath 1.3 (30 digits) quadrature of the
/// offered-wait density exp(λ(1 − e^(−γx))/γ − Nμx) of Mandelbaum and Zeltyn
/// (2007), normalised to P(wait) from the birth–death chain:
/// ASA = ∫ x·e^(−γx) f(x) dx / P(answered), SL(t) = 1 − P(wait) + ∫₀ᵗ e^(−γx) f(x) dx.
#[test]
fn erlang_a_asa_and_service_level_match_quadrature() {
    let cases = [
        // calls, interval, aht, agents, patience, t, ASA, SL(t)
        (
            100.0,
            1800.0,
            180.0,
            8,
            60,
            20,
            14.074_539_065_943_096,
            0.527_552_459_445_296_5,
        ),
        (
            100.0,
            1800.0,
            180.0,
            13,
            300,
            20,
            6.913_968_306_065_780,
            0.858_177_700_030_762_6,
        ),
        (
            558.0,
            3600.0,
            34.0,
            2,
            120,
            20,
            108.036_735_917_805_22,
            0.004_459_650_897_159_886,
        ),
        (
            10_000.0,
            3600.0,
            300.0,
            800,
            90,
            20,
            4.082_518_905_453_546_5,
            0.952_002_022_868_273_2,
        ),
    ];
    for (calls, interval, aht, agents, patience, t, asa, sl) in cases {
        let queue = ErlangA::new(&load(calls, interval, aht), agents, secs(patience)).unwrap();
        close(queue.asa_secs(), asa, 1e-9);
        close(queue.service_level_pct(secs(t)), sl * 100.0, 1e-8);
    }
    let queue = ErlangA::new(&load(100.0, 1800.0, 180.0), 8, secs(60)).unwrap();
    close(
        queue.service_level_pct(secs(0)),
        37.482_093_426_046_887,
        1e-9,
    );
    close(
        queue.service_level_pct(secs(60)),
        68.261_796_165_558_27,
        1e-8,
    );
}

/// 9 500 Erlangs on 10 000 agents, where A^N/N! overflows a double many
/// times over; expected values from the Erlang B recursion in mpmath 1.3 at
/// 30 digits.
#[test]
fn erlang_c_at_scale_matches_exact_arithmetic() {
    let queue = ErlangC::new(&load(9500.0 * 3600.0 / 300.0, 3600.0, 300.0), 10_000).unwrap();
    close(queue.traffic(), 9500.0, 1e-9);
    close(queue.prob_wait(), 1.928_547_231_868_143e-7, 1e-19);
    close(queue.asa_secs(), 1.157_128_339_120_885_8e-7, 1e-19);
    close(queue.service_level_pct(secs(20)), 100.0, 1e-12);
    close(queue.occupancy_pct(), 95.0, 1e-9);
}

#[test]
fn erlang_a_at_scale_is_finite_and_in_range() {
    let load = load(9500.0 * 3600.0 / 300.0, 3600.0, 300.0);
    for agents in [9000, 9500, 10_000] {
        for patience in [1, 60, 3600] {
            let q = ErlangA::new(&load, agents, secs(patience)).unwrap();
            for p in [q.prob_wait(), q.prob_abandon()] {
                assert!((0.0..=1.0).contains(&p), "{agents} {patience}: {p}");
            }
            for v in [q.mean_wait_secs(), q.asa_secs()] {
                assert!(v.is_finite() && v >= 0.0, "{agents} {patience}: {v}");
            }
            let sl = q.service_level_pct(secs(20));
            assert!((0.0..=100.0).contains(&sl), "{agents} {patience}: {sl}");
            assert!((0.0..=100.0).contains(&q.occupancy_pct()));
        }
    }
}

/// Far more traffic than agents: the queue weights grow past any double
/// before they fall, and the rescaled sums still give a full queue.
#[test]
fn erlang_a_deep_overload_is_finite() {
    // 1000 Erlangs on one agent, callers waiting an hour on average.
    let q = ErlangA::new(&load(12_000.0, 3600.0, 300.0), 1, secs(3600)).unwrap();
    close(q.prob_wait(), 1.0, 1e-12);
    close(q.prob_abandon(), 0.999, 1e-9);
    close(q.occupancy_pct(), 100.0, 1e-9);
    // Almost all wait about a patience: mean wait = E[queue]/λ ≈ θ·P(abandon).
    close(q.mean_wait_secs(), 3600.0 * 0.999, 1e-6);
    assert!(q.service_level_pct(secs(20)) < 0.1);
}

/// A queue too long to sum is an overflow error, not a hang or a panic:
/// 10⁶ calls an hour on one agent, callers waiting 11 days on average.
#[test]
fn erlang_a_too_long_a_queue_is_an_overflow() {
    let err = ErlangA::new(&load(1.0e6, 3600.0, 300.0), 1, secs(1_000_000)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Overflow);
}

#[test]
fn no_calls_need_no_agents() {
    let idle = load(0.0, 1800.0, 180.0);
    let target = StaffingTarget::new()
        .service_level(pct(80.0), secs(20))
        .unwrap();
    for model in [Model::ErlangC, Model::ErlangA { patience: secs(60) }] {
        let p = target.agents_required(&idle, model).unwrap();
        assert_eq!(p.agents(), 0);
        assert_eq!(p.service_level(), Some(Percent::HUNDRED));
        let q = model.performance(&idle, 3, secs(20)).unwrap();
        assert_eq!(
            (q.prob_wait().get(), q.asa_secs(), q.occupancy().get()),
            (0.0, 0.0, 0.0)
        );
        assert_eq!(q.service_level(), Some(Percent::HUNDRED));
    }
}

#[test]
fn invalid_inputs_are_errors() {
    let half_hour = secs(1800);
    let aht = secs(180);
    for calls in [-1.0, f64::NAN, f64::INFINITY, -f64::INFINITY] {
        let err = Workload::new(calls, half_hour, aht).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::OutOfRange, "{calls}");
    }
    // Finite calls whose traffic is not.
    let err = Workload::new(f64::MAX, secs(1), secs(10)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutOfRange);
    assert_eq!(
        Workload::new(1.0, Duration::ZERO, aht).unwrap_err().kind(),
        ErrorKind::InvalidParameter
    );
    assert_eq!(
        Workload::from_secs(1.0, -1.0, 180.0).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    let ten = load(100.0, 1800.0, 180.0);
    for agents in [0, MAX_AGENTS + 1, u32::MAX] {
        assert_eq!(
            ErlangC::new(&ten, agents).unwrap_err().kind(),
            ErrorKind::InvalidParameter
        );
        assert_eq!(
            ErlangA::new(&ten, agents, secs(60)).unwrap_err().kind(),
            ErrorKind::InvalidParameter
        );
    }
    assert_eq!(
        ErlangC::new(&ten, 9).unwrap_err().kind(),
        ErrorKind::Overloaded
    );
    let t = StaffingTarget::new();
    for x in [0.0, 100.0, -1.0, f64::NAN, 120.0] {
        let sl = Percent::new(x).and_then(|p| t.service_level(p, secs(20)));
        assert_eq!(sl.unwrap_err().kind(), ErrorKind::InvalidParameter, "{x}");
        assert!(
            Percent::new(x).and_then(|p| t.max_occupancy(p)).is_err(),
            "{x}"
        );
        assert!(
            Percent::new(x).and_then(|p| t.max_abandonment(p)).is_err(),
            "{x}"
        );
    }
    for p in [0.0, 1.0, f64::NAN, 80.0] {
        assert!(
            Probability::new(p)
                .and_then(|p| t.max_prob_wait(p))
                .is_err(),
            "{p}"
        );
    }
    assert!(t.max_asa(Duration::ZERO).is_err());
    let no_patience = Model::ErlangA {
        patience: Duration::ZERO,
    };
    assert_eq!(
        t.agents_required(&ten, no_patience).unwrap_err().kind(),
        ErrorKind::InvalidParameter
    );
    for s in [1.0, -0.1, f64::NAN] {
        assert!(Shrinkage::new(s).is_err());
    }
    assert!(Plan::new(&[], &t, Model::ErlangC).is_err());
}

/// Beyond `MAX_AGENTS` the search reports the overload instead of looping.
#[test]
fn staffing_beyond_the_bound_is_overloaded() {
    let huge = load(2.0e6 * 3600.0 / 300.0, 3600.0, 300.0);
    let target = StaffingTarget::new();
    for model in [Model::ErlangC, Model::ErlangA { patience: secs(60) }] {
        let err = target.agents_required(&huge, model).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Overloaded);
    }
}

/// pyworkforce starts its search at round(A + 1): for A = 10.6 that skips
/// 11 agents, which already meet a light goal.
#[test]
fn erlang_c_search_starts_at_the_least_stable_staffing() {
    let load = load(106.0, 1800.0, 180.0);
    let target = StaffingTarget::new()
        .service_level(pct(5.0), secs(20))
        .unwrap();
    assert_eq!(
        target
            .agents_required(&load, Model::ErlangC)
            .unwrap()
            .agents(),
        11
    );
}

#[test]
fn shrinkage_grosses_up() {
    let s = Shrinkage::from_pct(30.0).unwrap();
    assert_eq!(s.scheduled(14).unwrap(), 20);
    assert_eq!(s.scheduled(0).unwrap(), 0);
    assert_eq!(Shrinkage::new(0.5).unwrap().scheduled(7).unwrap(), 14);
    assert_eq!(
        Shrinkage::new(0.999_999_999_999)
            .unwrap()
            .scheduled(u32::MAX)
            .unwrap_err()
            .kind(),
        ErrorKind::Overflow
    );
}

#[test]
fn plan_totals_weigh_by_volume() {
    let target = StaffingTarget::new()
        .service_level(pct(80.0), secs(20))
        .unwrap();
    let calls = [0.0, 100.0, 300.0];
    let plan = Plan::uniform(&calls, secs(1800), secs(180), &target, Model::ErlangC).unwrap();
    let [idle, small, big] = plan.intervals() else {
        panic!("three intervals")
    };
    assert_eq!(idle.performance().agents(), 0);
    assert_eq!(small.performance().agents(), 14);
    let sl = |i: &cxkpi::staffing::IntervalPlan| i.performance().service_level().unwrap().get();
    close(
        plan.service_level().unwrap().get(),
        (100.0 * sl(small) + 300.0 * sl(big)) / 400.0,
        1e-12,
    );
    let agents = small.performance().agents() + big.performance().agents();
    close(plan.agent_hours(), f64::from(agents) / 2.0, 1e-12);
    assert_eq!(plan.peak_agents(), big.performance().agents());
    assert_eq!(plan.abandonment().unwrap(), Percent::ZERO);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Adding an agent raises the service level and lowers the ASA and the
    /// probability of waiting, under both models.
    #[test]
    fn more_agents_serve_better(
        calls in 1.0..2000.0f64,
        aht in 30.0..900.0f64,
        patience in 10u64..1200,
        t in 0u64..120,
    ) {
        let load = load(calls, 1800.0, aht);
        let start = floor_u32(load.traffic()) + 1;
        let within = secs(t);
        let models = [Model::ErlangC, Model::ErlangA { patience: secs(patience) }];
        for model in models {
            let mut last = model.performance(&load, start, within).unwrap();
            for n in start + 1..start + 6 {
                let next = model.performance(&load, n, within).unwrap();
                prop_assert!(next.service_level() >= last.service_level());
                prop_assert!(next.asa_secs() <= last.asa_secs() + 1e-12);
                prop_assert!(next.prob_wait() <= last.prob_wait());
                prop_assert!(next.abandonment().get() <= last.abandonment().get() + 1e-12);
                last = next;
            }
        }
    }

    /// The staffing found meets the target, and one agent fewer does not.
    #[test]
    fn agents_required_is_minimal(
        calls in 1.0..3000.0f64,
        aht in 30.0..900.0f64,
        sl in 50.0..99.0f64,
        t in 5u64..60,
        patience in 10u64..1200,
        occupancy in 70.0..99.0f64,
    ) {
        let load = load(calls, 1800.0, aht);
        let target = StaffingTarget::new()
            .service_level(pct(sl), secs(t))
            .unwrap()
            .max_occupancy(pct(occupancy))
            .unwrap();
        let models = [Model::ErlangC, Model::ErlangA { patience: secs(patience) }];
        for model in models {
            let found = target.agents_required(&load, model).unwrap();
            prop_assert!(target.is_met_by(&found));
            let n = found.agents();
            let whole = model.performance(&load, n, secs(t)).unwrap();
            prop_assert_eq!(
                (whole.service_level(), whole.prob_wait(), whole.occupancy(), whole.abandonment()),
                (found.service_level(), found.prob_wait(), found.occupancy(), found.abandonment())
            );
            prop_assert_eq!(whole.asa_secs(), found.asa_secs());
            // Erlang C's fractional staffing lies in (n − 1, n], above the traffic.
            if let Some(x) = found.fractional_agents() {
                prop_assert!(x <= f64::from(n) && x > f64::from(n) - 1.0 && x >= load.traffic());
            } else {
                let erlang_a = matches!(model, Model::ErlangA { .. });
                prop_assert!(erlang_a);
            }
            if n > 1 {
                let fewer = model.performance(&load, n - 1, secs(t));
                prop_assert!(fewer.is_err() || !target.is_met_by(&fewer.unwrap()));
            }
        }
    }

    /// With callers ever more patient, Erlang A becomes Erlang C.
    #[test]
    fn patient_callers_make_erlang_a_erlang_c(
        calls in 1.0..2000.0f64,
        aht in 30.0..900.0f64,
        extra in 0u32..20,
        t in 0u64..120,
    ) {
        // At least half an agent to spare, so that the Erlang C queue, and
        // with it the number of Erlang A states to sum, stays moderate.
        let load = load(calls, 1800.0, aht);
        let agents = floor_u32(load.traffic() + 0.5) + 1 + extra;
        let c = ErlangC::new(&load, agents).unwrap();
        // A mean patience of 30 million years.
        let a = ErlangA::new(&load, agents, secs(1_000_000_000_000_000)).unwrap();
        prop_assert!((a.prob_wait() - c.prob_wait()).abs() < 1e-4);
        prop_assert!(a.prob_abandon() < 1e-4);
        let asa = c.asa_secs();
        prop_assert!((a.asa_secs() - asa).abs() < 1e-4 * asa.max(1.0), "{} {}", a.asa_secs(), asa);
        prop_assert!((a.service_level_pct(secs(t)) - c.service_level_pct(secs(t))).abs() < 1e-2);
        prop_assert!((a.occupancy_pct() - c.occupancy_pct()).abs() < 1e-2);
    }

    /// Every result is finite and in range, for any workload and staffing.
    #[test]
    fn results_are_in_range(
        calls in 0.0..1.0e6f64,
        aht in 1.0..3600.0f64,
        agents in 1u32..12_000,
        patience in 1u64..7200,
        t in 0u64..600,
    ) {
        let load = load(calls, 3600.0, aht);
        let a = ErlangA::new(&load, agents, secs(patience));
        // The only refusal: a queue too long to sum (none in these ranges).
        prop_assert!(a.as_ref().err().is_none_or(|e| e.kind() == ErrorKind::Overflow));
        if let Ok(q) = a {
            for p in [q.prob_wait(), q.prob_abandon()] {
                prop_assert!((0.0..=1.0).contains(&p));
            }
            prop_assert!(q.mean_wait_secs().is_finite() && q.mean_wait_secs() >= 0.0);
            prop_assert!(q.asa_secs().is_finite() && q.asa_secs() >= 0.0);
            prop_assert!((0.0..=100.0).contains(&q.service_level_pct(secs(t))));
            prop_assert!((0.0..=100.0).contains(&q.occupancy_pct()));
        }
        let c = ErlangC::new(&load, agents);
        prop_assert_eq!(c.is_err(), f64::from(agents) <= load.traffic());
        if let Ok(q) = c {
            prop_assert!((0.0..=1.0).contains(&q.prob_wait()));
            prop_assert!(q.asa_secs().is_finite() && q.asa_secs() >= 0.0);
            prop_assert!((0.0..=100.0).contains(&q.service_level_pct(secs(t))));
        }
    }
}

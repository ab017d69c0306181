//! Numerical edges (issue 18): each case against a high-precision reference,
//! held to a relative error of 10⁻⁹ or better.
//!
//! References: mpmath 1.3.0 at 50 significant digits (`mp.dps = 50`), on the
//! exact binary values of the f64 inputs:
//! - Clopper–Pearson at the edges: `1 − (α/2)^(1/n)` and `(α/2)^(1/n)`;
//! - Jeffreys: `findroot(lambda x: betainc(77.5, 0.5, 0, x, regularized=True) − α/2)`;
//! - Erlang B for real x: `A**x * exp(-A) / gammainc(x + 1, A)` (Jagerman
//!   1974), Erlang C `x·B / (x − A(1 − B))`, SL `1 − C·exp(−(x − A)t/AHT)`;
//! - fractional agents: 200 bisection steps of the least x with SL(x) ≥ goal
//!   (or C(x) ≤ goal) on those formulas;
//! - NPS variances and z: exact rationals (Python `fractions`), then mpmath.

// References are quoted with the digits mpmath printed.
#![allow(clippy::excessive_precision)]

use core::time::Duration;

use cxkpi::staffing::{ErlangC, Model, StaffingTarget, Workload};
use cxkpi::stats::{Confidence, RateMethod, nps_difference_test, rate_sample_size};
use cxkpi::{NpsTally, Percent, Probability, Rate};

/// Asserts a relative error of at most `tolerance`, and returns it.
fn relative(actual: f64, expected: f64, tolerance: f64) -> f64 {
    let error = ((actual - expected) / expected).abs();
    assert!(
        error <= tolerance,
        "expected {expected:e}, got {actual:e}: relative error {error:e} > {tolerance:e}"
    );
    error
}

const TOLERANCE: f64 = 1e-9;

#[test]
fn clopper_pearson_edges_at_extreme_confidence() {
    let confidence = Confidence::new(1.0 - 1e-12).unwrap();
    let none = Rate::new(0, 50).unwrap();
    let all = Rate::new(50, 50).unwrap();
    let upper = none.interval(confidence, RateMethod::ClopperPearson).high();
    let lower = all.interval(confidence, RateMethod::ClopperPearson).low();
    let e1 = relative(upper, 43.248_256_541_855_647_771_160_11, 1e-13);
    let e2 = relative(lower, 56.751_743_458_144_352_228_839_89, 1e-13);
    eprintln!("Clopper-Pearson: {e1:e} {e2:e}");
}

#[test]
fn jeffreys_edges_at_confidence_one_minus_two_to_the_minus_53() {
    let confidence = Confidence::new(1.0 - f64::EPSILON / 2.0).unwrap();
    let all = Rate::new(77, 77).unwrap();
    let none = Rate::new(0, 77).unwrap();
    // Before: 63.7057 (the complement 1 − I_y(b, a) cancelled).
    let lower = all.interval(confidence, RateMethod::Jeffreys).low();
    let e1 = relative(lower, 63.517_129_726_954_512_403_706_2, TOLERANCE);
    let upper = none.interval(confidence, RateMethod::Jeffreys).high();
    let e2 = relative(upper, 36.482_870_273_045_487_596_293_8, TOLERANCE);
    eprintln!("Jeffreys: {e1:e} {e2:e}");
}

#[test]
fn a_sample_never_exceeds_its_population() {
    // n₀ below 1: the correction n₀ / (1 + (n₀ − 1)/1) rounds to just above 1.
    for margin in [99.0, 90.0, 60.0, 99.9] {
        let n = rate_sample_size(margin, Confidence::NINETY_FIVE, 50.0, Some(1)).unwrap();
        assert_eq!(n, 1, "margin {margin}");
    }
    assert_eq!(
        rate_sample_size(5.0, Confidence::NINETY_FIVE, 50.0, Some(10)).unwrap(),
        10
    );
}

#[test]
fn sample_size_near_a_rate_of_100_percent() {
    // n₀ = 526 949.50177811737453…: `1 − 0.999999999975` in doubles is off by
    // 4·10⁻⁶ relative, which moved the answer by two responses.
    let n = rate_sample_size(1.35e-6, Confidence::NINETY_FIVE, 99.999_999_997_5, None).unwrap();
    assert_eq!(n, 526_950);
}

#[test]
fn erlang_c_service_level_near_zero() {
    let aht = Duration::from_secs(180);
    let half_hour = Duration::from_secs(1800);
    // (agents, traffic, t in ms, SL in percent)
    let cases: [(u32, f64, u64, f64); 12] = [
        (11, 10.999, 0, 0.035_018_389_840_157_241_487_081_77),
        (11, 10.999, 1, 0.035_018_945_201_164_643_842_292_64),
        (11, 10.999, 1000, 0.035_573_749_306_435_653_653_286_93),
        (11, 10.999_999_9, 0, 3.502_156_356_735_077_739_320_983e-6),
        (11, 10.999_999_9, 1, 3.502_211_912_288_349_999_760_851e-6),
        (11, 10.999_999_9, 1000, 3.557_711_909_991_921_512_095_864e-6),
        (110, 109.999_999_99, 0, 1.165_565_548_589_765_518_683_818e-7),
        (110, 109.999_999_99, 1, 1.165_621_104_110_378_409_942_996e-7),
        (
            110,
            109.999_999_99,
            1000,
            1.221_121_069_201_115_111_977_053e-7,
        ),
        (1000, 999.999_999_9, 0, 3.930_319_936_769_889_428_866_309e-7),
        (1000, 999.999_999_9, 1, 3.930_875_492_132_380_613_977_36e-7),
        (
            1000,
            999.999_999_9,
            1000,
            4.485_875_299_106_907_968_258_81e-7,
        ),
    ];
    let mut worst: f64 = 0.0;
    for (agents, traffic, ms, expected) in cases {
        let load = Workload::from_erlangs(traffic, aht, half_hour).unwrap();
        let queue = ErlangC::new(&load, agents).unwrap();
        let sl = queue.service_level_pct(Duration::from_millis(ms));
        worst = worst.max(relative(sl, expected, TOLERANCE));
    }
    // Measured: 2.2·10⁻¹⁵ at worst; the textbook 1 − C·e^(−x) is off by up
    // to about 10⁻⁹ relative on these cases, and more closer to saturation.
    eprintln!("worst relative error: {worst:e}");
    assert!(worst < 1e-10, "{worst:e}");
}

#[test]
fn fractional_erlang_c_agents_against_the_incomplete_gamma() {
    let half_hour = Duration::from_secs(1800);
    // (traffic, AHT s, SL goal %, answer time s, least real x)
    let cases = [
        (10.0, 180, 80.0, 20, 13.037_206_466_407_791_552_123_1),
        (100.0, 300, 80.0, 20, 107.832_064_965_054_516_863_108_1),
        (1000.0, 300, 90.0, 15, 1_024.268_138_125_538_795_181_413),
        (0.5, 180, 80.0, 20, 1.521_496_517_104_671_475_975_343),
        (2.3, 240, 95.0, 10, 5.513_415_390_129_557_399_203_876),
    ];
    for (traffic, aht, goal, within, expected) in cases {
        let load = Workload::from_erlangs(traffic, Duration::from_secs(aht), half_hour).unwrap();
        let target = StaffingTarget::new()
            .service_level(Percent::new(goal).unwrap(), Duration::from_secs(within))
            .unwrap();
        let staffed = target.agents_required(&load, Model::ErlangC).unwrap();
        let x = staffed.fractional_agents().unwrap();
        eprintln!("fractional {x}: {:e}", relative(x, expected, TOLERANCE));
        assert_eq!(f64::from(staffed.agents()), libm::ceil(expected));
    }
    // A probability-of-waiting goal.
    let load = Workload::from_secs(100.0, 1800.0, 180.0).unwrap();
    let target = StaffingTarget::new()
        .max_prob_wait(Probability::new(0.2).unwrap())
        .unwrap();
    let staffed = target.agents_required(&load, Model::ErlangC).unwrap();
    relative(
        staffed.fractional_agents().unwrap(),
        13.727_485_371_828_059_007_402_25,
        TOLERANCE,
    );
    // Erlang A has no fractional figure; a target without goals reports the
    // traffic, the infimum of the stable staffings.
    let a = target
        .agents_required(
            &load,
            Model::ErlangA {
                patience: Duration::from_secs(120),
            },
        )
        .unwrap();
    assert_eq!(a.fractional_agents(), None);
    let stable = StaffingTarget::new()
        .agents_required(&load, Model::ErlangC)
        .unwrap();
    assert_eq!(stable.fractional_agents(), Some(10.0));
}

#[test]
fn nps_variance_near_unanimity() {
    // σ² = (p + d) − (p − d)² on exact rationals.
    let a = NpsTally::from_counts(999_999_999, 1, 0)
        .unwrap()
        .nps()
        .unwrap();
    relative(a.variance(), 9.999_999_99e-10, 1e-14);
    let b = NpsTally::from_counts(999_999_997, 2, 1)
        .unwrap()
        .nps()
        .unwrap();
    relative(b.variance(), 5.999_999_984e-9, 1e-14);
    let c = NpsTally::from_counts(999_999_999_998, 1, 1)
        .unwrap()
        .nps()
        .unwrap();
    relative(c.variance(), 4.999_999_999_991e-12, 1e-14);
    let test = nps_difference_test(&a, &b);
    relative(
        test.statistic(),
        1.133_893_420_404_552_264_399_32,
        TOLERANCE,
    );
    relative(
        test.p_value(),
        0.256_839_257_380_234_424_888_322_4,
        TOLERANCE,
    );
}

#[test]
fn the_pooled_z_test_at_a_pooled_rate_of_0_or_1_reports_no_difference() {
    for (a, b) in [((0, 10), (0, 20)), ((10, 10), (20, 20))] {
        let test = cxkpi::stats::two_rates_test(
            Rate::new(a.0, a.1).unwrap(),
            Rate::new(b.0, b.1).unwrap(),
        );
        assert_eq!((test.statistic(), test.p_value()), (0.0, 1.0));
    }
}

#[test]
fn erlang_a_service_level_near_zero() {
    use cxkpi::staffing::ErlangA;
    // (calls, interval s, AHT s, agents, patience s, t ms, SL %). Reference:
    // mpmath at 60 digits of `100·(1 − P(abandon) − late)` on the
    // birth–death chain (late = (Nμ/λ)·B/(1 + Bq)·G(t)·q_t, the chain's sums
    // run until a term is below 10⁻⁷⁰ of the sum), with the traffic and
    // arrival rate as the library rounds them.
    let cases = [
        (
            558.0,
            3600.0,
            34.0,
            2,
            120,
            20_000,
            0.445_965_089_715_988_655_069_571_5,
        ),
        (
            558.0,
            3600.0,
            34.0,
            2,
            120,
            500,
            0.064_877_618_448_317_969_159_702_03,
        ),
        (
            3000.0,
            1800.0,
            300.0,
            400,
            60,
            200,
            2.125_065_099_725_643_993_037_341,
        ),
        (
            3000.0,
            1800.0,
            300.0,
            300,
            600,
            1000,
            1.163_672_839_307_890_094_334_559e-40,
        ),
        (
            100.0,
            1800.0,
            180.0,
            8,
            60,
            20_000,
            52.755_245_944_529_650_223_304_47,
        ),
    ];
    let mut worst: f64 = 0.0;
    for (calls, interval, aht, agents, patience, ms, expected) in cases {
        let load = Workload::from_secs(calls, interval, aht).unwrap();
        let queue = ErlangA::new(&load, agents, Duration::from_secs(patience)).unwrap();
        let sl = queue.service_level_pct(Duration::from_millis(ms));
        worst = worst.max(relative(sl, expected, TOLERANCE));
    }
    eprintln!("worst relative error: {worst:e}");
    assert!(worst < 1e-10, "{worst:e}");
}

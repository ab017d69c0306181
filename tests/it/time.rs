//! Laws of the time family's duration tallies: the sketch stays within its
//! documented relative error, exact percentiles are bounded and monotone,
//! and both merge like concatenation.

use core::time::Duration;

use cxkpi::time::Quantile;
use cxkpi::{DurationSample, DurationSketch, RelativeAccuracy};
use cxkpi::{Merge, Tally};
use proptest::prelude::*;

/// Durations from 1 ns to about 3 hours, spread over many orders of magnitude.
fn durations() -> impl Strategy<Value = Vec<Duration>> {
    prop::collection::vec(
        (0u32..14, 1u64..10)
            .prop_map(|(exp, mantissa)| Duration::from_nanos(mantissa * 10u64.pow(exp))),
        1..400,
    )
}

fn accuracy() -> impl Strategy<Value = RelativeAccuracy> {
    prop::sample::select(vec![0.0001, 0.001, 0.01, 0.02, 0.05, 0.1, 0.5])
        .prop_map(|a| RelativeAccuracy::new(a).expect("in range"))
}

proptest! {
    /// The documented bound: the sketch's quantile lies within α of the
    /// exact order statistic at rank ⌊q (n − 1)⌋ (plus float rounding).
    #[test]
    fn sketch_within_relative_accuracy(
        values in durations(),
        alpha in accuracy(),
        q in 0.0f64..=1.0,
    ) {
        let mut sketch = DurationSketch::new(alpha);
        sketch.extend(values.iter().copied());
        let mut sorted: Vec<u64> = values.iter().map(|d| u64::try_from(d.as_nanos()).unwrap()).collect();
        sorted.sort_unstable();
        let q = Quantile::new(q).unwrap();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let rank = (q.get() * (sorted.len() - 1) as f64) as usize;
        let exact = sorted[rank] as f64 / 1e9;
        let estimate = sketch.quantile(q).unwrap();
        prop_assert!(
            (estimate - exact).abs() <= alpha.get() * exact * (1.0 + 1e-9),
            "q {} estimate {} exact {} alpha {}", q.get(), estimate, exact, alpha.get()
        );
        // Count, mean, min and max are exact.
        let exact_mean = sorted.iter().map(|&n| u128::from(n)).sum::<u128>() as f64 / 1e9 / sorted.len() as f64;
        prop_assert_eq!(sketch.len().unwrap(), values.len() as u64);
        prop_assert!((sketch.mean_secs().unwrap() - exact_mean).abs() <= 1e-12 * exact_mean.max(1.0));
    }

    /// Memory is bounded by the accuracy, not by the count.
    #[test]
    fn sketch_buckets_bounded(values in durations(), alpha in accuracy()) {
        let mut sketch = DurationSketch::new(alpha);
        sketch.extend(values.iter().copied());
        let gamma = (1.0 + alpha.get()) / (1.0 - alpha.get());
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let bound = (64.0 * core::f64::consts::LN_2 / gamma.ln()).ceil() as usize + 1;
        prop_assert!(sketch.buckets() <= bound);
    }

    /// Sketches merge exactly: sketch(a ++ b) == sketch(a) + sketch(b).
    #[test]
    fn sketch_merge_is_concatenation(a in durations(), b in durations(), alpha in accuracy()) {
        let sketch = |values: &[Duration]| {
            let mut s = DurationSketch::new(alpha);
            s.extend(values.iter().copied());
            s
        };
        let ab: Vec<Duration> = a.iter().chain(&b).copied().collect();
        let mut merged = sketch(&a);
        merged.try_merge(&sketch(&b)).unwrap();
        prop_assert_eq!(&merged, &sketch(&ab));
        prop_assert_eq!(sketch(&b) + sketch(&a), sketch(&ab));
    }

    /// Exact quantiles lie in [min, max], rise with q, and merging samples
    /// gives the quantiles of the concatenation.
    #[test]
    fn exact_quantiles_bounded_monotone_mergeable(
        a in durations(),
        b in durations(),
        q1 in 0.0f64..=1.0,
        q2 in 0.0f64..=1.0,
    ) {
        let (lo, hi) = if q1 <= q2 { (q1, q2) } else { (q2, q1) };
        let sample = DurationSample::from_durations(&a).unwrap();
        let sorted = sample.sorted().unwrap();
        let (lo, hi) = (Quantile::new(lo).unwrap(), Quantile::new(hi).unwrap());
        prop_assert!(sorted.quantile_secs(lo) <= sorted.quantile_secs(hi));
        prop_assert!(sorted.min().as_secs_f64() <= sorted.quantile_secs(lo) + 1e-12);
        prop_assert!(sorted.quantile_secs(hi) <= sorted.max().as_secs_f64() + 1e-12);
        // The O(n) path agrees with the sorted one.
        prop_assert_eq!(sample.quantile(hi).unwrap(), sorted.quantile_secs(hi));
        let ab: Vec<Duration> = a.iter().chain(&b).copied().collect();
        let merged = sample + DurationSample::from_durations(&b).unwrap();
        prop_assert_eq!(merged.summary().unwrap(), DurationSample::from_durations(&ab).unwrap().summary().unwrap());
    }
}

/// Sketches of different accuracies refuse to merge, and `+` keeps the
/// refusal as a fault rather than a wrong figure.
#[test]
fn sketch_accuracy_mismatch() {
    let mut one = DurationSketch::new(RelativeAccuracy::ONE_PERCENT);
    one.record(Duration::from_secs(1));
    let other = DurationSketch::new(RelativeAccuracy::ONE_PER_MILLE);
    let err = one.clone().try_merge(&other).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot merge tallies with different sketch accuracies: 0.01 and 0.001"
    );
    let faulted = one + other;
    assert_eq!(faulted.quantile(Quantile::MEDIAN).unwrap_err(), err);
}

/// Zero durations have their own bucket: a sketch of zeros answers 0.
#[test]
fn sketch_of_zeros() {
    let sketch: DurationSketch = {
        let mut s = DurationSketch::default();
        s.extend([Duration::ZERO, Duration::ZERO, Duration::from_secs(10)]);
        s
    };
    assert_eq!(sketch.quantile(Quantile::MEDIAN).unwrap(), 0.0);
    assert_eq!(sketch.quantile(Quantile::MAX).unwrap(), 10.0);
}

//! Durations, sketches, waits and service level on arbitrary bytes: float
//! seconds straight from the bytes (NaN, infinities, negatives, subnormals)
//! are refused, never a panic; every figure that comes out lies in its range.
#![no_main]

use core::time::Duration;

use cxkpi::time::Quantile;
use cxkpi::{AbandonTreatment, Merge, ServiceLevelTally, ShortAbandons, Tally, WaitTally};
use cxkpi::{DurationSample, DurationSketch, RelativeAccuracy};
use libfuzzer_sys::fuzz_target;

fn f64s(data: &[u8]) -> Vec<f64> {
    data.chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let floats = f64s(data);
    let Some((&head, secs)) = floats.split_first() else {
        return;
    };
    let (answered, abandoned) = secs.split_at(secs.len() / 2);

    // Exact statistics: min ≤ quantile ≤ max, and the sketch within [min, max]
    // of what it was given.
    if let Ok(sample) = DurationSample::from_secs(secs) {
        if let Ok(sorted) = sample.sorted() {
            // The extremes as every figure converts them: nanoseconds / 10⁹.
            let min = sorted.min().as_nanos() as f64 / 1e9;
            let max = sorted.max().as_nanos() as f64 / 1e9;
            if let Ok(q) = Quantile::new(head) {
                let v = sorted.quantile_secs(q);
                assert!(min <= v && v <= max, "{v} outside [{min}, {max}]");
            }
            let summary = sorted.summary();
            assert!(min <= summary.mean_secs() && summary.mean_secs() <= max);
        }
    }
    let alpha = RelativeAccuracy::new(head).unwrap_or(RelativeAccuracy::ONE_PERCENT);
    if let Ok(sketch) = DurationSketch::from_secs(alpha, secs) {
        let mut doubled = sketch.clone();
        doubled.try_merge(&sketch).unwrap();
        assert_eq!(doubled.len().unwrap(), 2 * sketch.len().unwrap());
        if let Ok(q) = Quantile::new(head.abs().fract()) {
            let _ = sketch.quantile(q);
        }
    }

    // Waits and service level from the same floats.
    if let Ok(waits) = WaitTally::from_float_secs(answered, abandoned) {
        if let Ok(asa) = waits.asa() {
            assert!(asa.secs() >= 0.0);
        }
    }
    let short = ShortAbandons::below_secs(head).unwrap_or_default();
    let threshold = Duration::try_from_secs_f64(head.abs()).unwrap_or(Duration::from_secs(20));
    if let Ok(tally) = ServiceLevelTally::from_float_secs(threshold, short, answered, abandoned) {
        for treatment in AbandonTreatment::ALL {
            if let Ok(rate) = tally.service_level(treatment) {
                assert!((0.0..=100.0).contains(&rate.percent()));
            }
        }
    }
});

//! Intervals, tests of change and sample sizes on arbitrary counts and
//! floats: every interval lies in its metric's range, every p-value in
//! [0, 1], and an impossible parameter is an error, never a panic.
#![no_main]

use cxkpi::MeanTally;
use cxkpi::stats::{
    Confidence, NpsMethod, RateMethod, nps_difference_test, nps_sample_size, rate_sample_size,
    two_rates_test, welch_test,
};
use cxkpi::{NpsTally, Rate};
use libfuzzer_sys::fuzz_target;

fn u64s(data: &[u8]) -> Vec<u64> {
    data.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let words = u64s(data);
    let [level, k, n, p, pa, d, k2, n2, rest @ ..] = words.as_slice() else {
        return;
    };
    let Ok(confidence) = Confidence::new(f64::from_bits(*level)) else {
        return;
    };
    let (a, b) = (Rate::new(*k, *n), Rate::new(*k2, *n2));
    if let Ok(rate) = a {
        for method in RateMethod::ALL {
            let i = rate.interval(confidence, method);
            assert!(
                0.0 <= i.low() && i.low() <= i.high() && i.high() <= 100.0,
                "{method}: {i}"
            );
        }
        if let Ok(other) = b {
            let test = two_rates_test(rate, other);
            assert!((0.0..=1.0).contains(&test.p_value()));
        }
    }
    if let Ok(nps) = NpsTally::from_counts(*p, *pa, *d).and_then(|t| t.nps()) {
        for method in [NpsMethod::Wald, NpsMethod::AdjustedWald] {
            let i = nps.interval(confidence, method);
            assert!(-100.0 <= i.low() && i.low() <= i.high() && i.high() <= 100.0);
        }
        let test = nps_difference_test(&nps, &nps);
        assert!((0.0..=1.0).contains(&test.p_value()));
    }
    let values: Vec<f64> = rest.iter().map(|&w| f64::from_bits(w)).collect();
    let (left, right) = values.split_at(values.len() / 2);
    if let (Ok(x), Ok(y)) = (MeanTally::from_values(left), MeanTally::from_values(right)) {
        let _ = x.mean_interval(confidence);
        if let Ok(test) = welch_test(&x, &y) {
            assert!((0.0..=1.0).contains(&test.p_value()), "{}", test.p_value());
        }
    }
    let margin = f64::from_bits(*k);
    let expected = f64::from_bits(*n);
    let _ = rate_sample_size(margin, confidence, expected, Some(*p));
    let _ = nps_sample_size(margin, confidence, expected, f64::from_bits(*d));
});

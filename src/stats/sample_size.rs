//! How many responses a survey needs for a given margin of error.

use crate::stats::Confidence;
use crate::stats::nps_interval::trinomial_variance;
use crate::{Domain, Error};

/// The percentage `pct`, checked to lie strictly between 0 and 100.
fn open_percent(name: &'static str, pct: f64) -> Result<f64, Error> {
    if pct > 0.0 && pct < 100.0 {
        Ok(pct / 100.0)
    } else {
        Err(Error::invalid_parameter(name, pct, Domain::OpenPercent))
    }
}

/// `⌈n⌉` as a count of responses.
fn responses(n: f64) -> Result<u64, Error> {
    let n = libm::ceil(n);
    // `u64::MAX as f64` rounds up to 2⁶⁴, which does not fit.
    if n >= 18_446_744_073_709_551_616.0 {
        return Err(Error::overflow("responses needed", "u64"));
    }
    // 0 <= n < 2⁶⁴, a whole number.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(n as u64)
}

/// The responses a rate (CSAT, FCR…) needs for a margin of error of
/// `margin_pct` points at `confidence`, when the rate is expected near
/// `expected_pct` (50 when unknown: the worst case).
///
/// # Formula
///
/// ```text
/// n₀ = z² · p (1 − p) / e²                     (e = margin / 100, p = expected / 100)
/// n  = n₀ / (1 + (n₀ − 1) / N)                 (finite population of N, when given)
/// responses = min(⌈n⌉, N)
/// ```
///
/// `1 − p` is formed as `(100 − expected_pct) / 100`, exact near 100 %.
///
/// Source: Cochran, *Sampling Techniques* (1977), §4.2 and the finite
/// population correction of §4.3.
///
/// # Errors
///
/// [`Error::invalid_parameter`] unless `0 < margin_pct < 100`,
/// `0 < expected_pct < 100` and the population (when given) is at least 1;
/// [`Error::overflow`] when the answer passes `u64::MAX`.
///
/// # Example
///
/// ```
/// use cxkpi::stats::{Confidence, rate_sample_size};
///
/// // ±5 points at 95%, the classic 385; from 1 000 customers, 278 suffice.
/// assert_eq!(rate_sample_size(5.0, Confidence::NINETY_FIVE, 50.0, None)?, 385);
/// assert_eq!(rate_sample_size(5.0, Confidence::NINETY_FIVE, 50.0, Some(1000))?, 278);
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub fn rate_sample_size(
    margin_pct: f64,
    confidence: Confidence,
    expected_pct: f64,
    population: Option<u64>,
) -> Result<u64, Error> {
    let e = open_percent("margin of error (points)", margin_pct)?;
    let p = open_percent("expected rate (%)", expected_pct)?;
    // 1 − p from the percentage: `100 − pct` is exact for pct ≥ 50
    // (Sterbenz), where `1 − pct/100` would keep only the digits of p's
    // rounding near 100 %.
    let not_p = (100.0 - expected_pct) / 100.0;
    let z = confidence.z();
    let n0 = z * z * p * not_p / (e * e);
    match population {
        None => responses(n0),
        Some(0) => Err(Error::invalid_parameter(
            "population",
            0_u64,
            Domain::AtLeast(1),
        )),
        Some(pop) => {
            // n₀·N / (N + n₀ − 1), and never more than the population: a
            // sample cannot exceed it, though rounding of the correction
            // can put the quotient an ulp above a whole number.
            let n = n0 / (1.0 + (n0 - 1.0) / pop as f64);
            Ok(responses(n)?.min(pop))
        }
    }
}

/// The responses an NPS needs for a margin of error of `margin_points` NPS
/// points at `confidence`, given the expected shares of promoters and
/// detractors (50 and 50 for the worst case).
///
/// # Formula
///
/// ```text
/// σ² = (p + d) − (p − d)²,   e = margin / 100
/// responses = ⌈z² σ² / e²⌉
/// ```
///
/// # Errors
///
/// [`Error::invalid_parameter`] unless `0 < margin_points < 100`, both
/// shares lie in [0, 100] and they sum to at most 100;
/// [`Error::overflow`] when the answer passes `u64::MAX`.
///
/// # Example
///
/// ```
/// use cxkpi::stats::{Confidence, nps_sample_size};
///
/// // ±5 NPS points at 95% in the worst case takes 1 537 responses.
/// assert_eq!(nps_sample_size(5.0, Confidence::NINETY_FIVE, 50.0, 50.0)?, 1537);
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub fn nps_sample_size(
    margin_points: f64,
    confidence: Confidence,
    promoters_pct: f64,
    detractors_pct: f64,
) -> Result<u64, Error> {
    let e = open_percent("margin of error (NPS points)", margin_points)?;
    for (name, pct) in [
        ("expected promoters (%)", promoters_pct),
        ("expected detractors (%)", detractors_pct),
        (
            "expected promoters + detractors (%)",
            promoters_pct + detractors_pct,
        ),
    ] {
        if !(0.0..=100.0).contains(&pct) {
            return Err(Error::invalid_parameter(name, pct, Domain::Percent));
        }
    }
    let variance = trinomial_variance(
        promoters_pct / 100.0,
        detractors_pct / 100.0,
        (100.0 - promoters_pct) / 100.0,
        (100.0 - detractors_pct) / 100.0,
    );
    let z = confidence.z();
    responses(z * z * variance / (e * e))
}

//! Statistics: confidence intervals, tests of change and sample sizes.

use cxkpi::MeanTally;
use cxkpi::Rate;
use cxkpi::stats::{
    Comparison, Confidence, Interval, NpsMethod, RateMethod, nps_difference_test, nps_sample_size,
    rate_sample_size, two_rates_test,
};

use crate::ptr::{Out, shared_ref, slice};
use crate::status::{cxkpi_status, guard};
use crate::survey::cxkpi_nps_tally;
use crate::values::{CTally, compute_into, decode};

/// A confidence interval around an estimate, in the estimate's unit
/// (percent for rates, NPS points for NPS).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_interval {
    /// The point estimate.
    pub estimate: f64,
    /// The lower bound.
    pub low: f64,
    /// The upper bound.
    pub high: f64,
    /// The confidence level, in (0, 1).
    pub confidence: f64,
}

impl From<Interval> for cxkpi_interval {
    fn from(interval: Interval) -> cxkpi_interval {
        cxkpi_interval {
            estimate: interval.estimate(),
            low: interval.low(),
            high: interval.high(),
            confidence: interval.confidence().get(),
        }
    }
}

/// A two-sided test of a difference between two groups, a − b.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_comparison {
    /// The difference a − b, in the figures' unit (percentage or NPS points).
    pub difference: f64,
    /// The test statistic (z).
    pub statistic: f64,
    /// The two-sided p-value, 0–1.
    pub p_value: f64,
}

impl From<Comparison> for cxkpi_comparison {
    fn from(test: Comparison) -> cxkpi_comparison {
        cxkpi_comparison {
            difference: test.difference(),
            statistic: test.statistic(),
            p_value: test.p_value(),
        }
    }
}

/// A method of confidence interval for a rate; passed as `uint32_t`.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cxkpi_rate_method {
    /// Wilson's score interval (the usual choice).
    CXKPI_RATE_WILSON = 0,
    /// The normal approximation, clipped to 0–100.
    CXKPI_RATE_WALD = 1,
    /// Agresti and Coull's adjusted Wald, clipped to 0–100.
    CXKPI_RATE_AGRESTI_COULL = 2,
    /// Clopper and Pearson's exact interval.
    CXKPI_RATE_CLOPPER_PEARSON = 3,
    /// The Jeffreys interval.
    CXKPI_RATE_JEFFREYS = 4,
}

/// A method of confidence interval for an NPS; passed as `uint32_t`.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cxkpi_nps_method {
    /// The Wald interval on the trinomial variance.
    CXKPI_NPS_WALD = 0,
    /// Rocks' adjusted Wald interval (better coverage at small n).
    CXKPI_NPS_ADJUSTED_WALD = 1,
}

/// The confidence level `level`, in (0, 1).
fn confidence(level: f64) -> Result<Confidence, cxkpi::Error> {
    Confidence::new(level)
}

/// A confidence interval, in percent, for the rate `successes` of
/// `trials` (a CSAT, an FCR, a service level…), by a [`cxkpi_rate_method`].
///
/// # Errors
///
/// `CXKPI_EMPTY` for 0 trials; `CXKPI_INCONSISTENT` for more successes than
/// trials; `CXKPI_INVALID_PARAMETER` for a confidence outside (0, 1) or an
/// unknown method.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_rate_interval(
    successes: u64,
    trials: u64,
    confidence_level: f64,
    method: u32,
    out: *mut cxkpi_interval,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let rate = Rate::new(successes, trials)?;
            let method = decode(
                "rate interval method",
                method,
                &[
                    RateMethod::Wilson,
                    RateMethod::Wald,
                    RateMethod::AgrestiCoull,
                    RateMethod::ClopperPearson,
                    RateMethod::Jeffreys,
                ],
            )?;
            Ok(rate.interval(confidence(confidence_level)?, method).into())
        })
    }
}

/// The two-proportion z-test (pooled) of the rates a and b: has the rate
/// changed? `difference` is in percentage points.
///
/// # Errors
///
/// `CXKPI_EMPTY` for 0 trials; `CXKPI_INCONSISTENT` for more successes than
/// trials.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_two_rates_test(
    successes_a: u64,
    trials_a: u64,
    successes_b: u64,
    trials_b: u64,
    out: *mut cxkpi_comparison,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let a = Rate::new(successes_a, trials_a)?;
            let b = Rate::new(successes_b, trials_b)?;
            Ok(two_rates_test(a, b).into())
        })
    }
}

/// The Student t confidence interval of the mean of `len` values (CES
/// scores, handle times…).
///
/// # Errors
///
/// `CXKPI_EMPTY` for fewer than two values; `CXKPI_OUT_OF_RANGE` for a NaN
/// or infinite value; `CXKPI_INVALID_PARAMETER` for a confidence outside
/// (0, 1).
///
/// # Safety
///
/// `values` points to `len` doubles (or is null when `len` is 0); `out` is
/// null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_mean_interval(
    values: *const f64,
    len: usize,
    confidence_level: f64,
    out: *mut cxkpi_interval,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let values = unsafe { slice(values, len, "values") }?;
        let tally = MeanTally::from_values(values)?;
        out.write(tally.mean_interval(confidence(confidence_level)?)?.into());
        Ok(())
    })
}

/// The responses a survey needs to measure a rate within ± `margin_pct`
/// points at a confidence level, given the expected rate in percent (50 in
/// the worst case) and, unless `population` is null, the population it is
/// drawn from.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` unless 0 < margin < 100, 0 < expected < 100,
/// the confidence is in (0, 1) and the population is at least 1;
/// `CXKPI_OVERFLOW` beyond 2⁶⁴ − 1 responses.
///
/// # Safety
///
/// `population` is null or points to a `uint64_t`; `out` is null or valid
/// for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_rate_sample_size(
    margin_pct: f64,
    confidence_level: f64,
    expected_pct: f64,
    population: *const u64,
    out: *mut u64,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        let population = if population.is_null() {
            None
        } else {
            // SAFETY: the caller's promise, in `# Safety`.
            Some(*unsafe { shared_ref(population, "population") }?)
        };
        let confidence = confidence(confidence_level)?;
        out.write(rate_sample_size(
            margin_pct,
            confidence,
            expected_pct,
            population,
        )?);
        Ok(())
    })
}

/// A confidence interval, in NPS points, for the NPS of a tally, by a
/// [`cxkpi_nps_method`].
///
/// # Errors
///
/// `CXKPI_EMPTY` without responses; `CXKPI_INVALID_PARAMETER` for a
/// confidence outside (0, 1) or an unknown method.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps_interval(
    tally: cxkpi_nps_tally,
    confidence_level: f64,
    method: u32,
    out: *mut cxkpi_interval,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let nps = tally.to_core()?.nps()?;
            let method = decode(
                "NPS interval method",
                method,
                &[NpsMethod::Wald, NpsMethod::AdjustedWald],
            )?;
            Ok(nps.interval(confidence(confidence_level)?, method).into())
        })
    }
}

/// The z-test of the difference between the NPS of two tallies, a − b, in
/// NPS points.
///
/// # Errors
///
/// `CXKPI_EMPTY` when a tally has no responses.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps_difference_test(
    a: cxkpi_nps_tally,
    b: cxkpi_nps_tally,
    out: *mut cxkpi_comparison,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let a = a.to_core()?.nps()?;
            let b = b.to_core()?.nps()?;
            Ok(nps_difference_test(&a, &b).into())
        })
    }
}

/// The responses an NPS survey needs for a margin of ± `margin_points` NPS
/// points at a confidence level, given the expected shares of promoters and
/// detractors in percent (50 and 50 in the worst case).
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` unless 0 < margin < 100, both shares are in
/// 0–100 and sum to at most 100, and the confidence is in (0, 1);
/// `CXKPI_OVERFLOW` beyond 2⁶⁴ − 1 responses.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps_sample_size(
    margin_points: f64,
    confidence_level: f64,
    promoters_pct: f64,
    detractors_pct: f64,
    out: *mut u64,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let confidence = confidence(confidence_level)?;
            Ok(nps_sample_size(
                margin_points,
                confidence,
                promoters_pct,
                detractors_pct,
            )?)
        })
    }
}

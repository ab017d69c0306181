//! Operations: waits and service level as opaque handles, duration
//! statistics and ticket volume over arrays.

use core::ffi::c_char;

use cxkpi::time::{Quantile, WholeSeconds};
use cxkpi::{
    AbandonTreatment, Error, Merge, ServiceLevelCounts, ServiceLevelTally, ShortAbandons, Tally,
    TicketVolume, WaitTally, Waited, try_seconds,
};
use cxkpi::{DurationSample, DurationSummary};

use crate::ptr::{
    Out, OutArray, bytes, free_handle, into_handle, mut_ref, shared_ref, slice, slice_mut,
};
use crate::status::{Failure, cxkpi_status, guard};
use crate::values::{compute_into, cxkpi_rate, decode};

/// A mean duration over a number of contacts.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_mean_wait {
    /// The mean, in seconds.
    pub mean_s: f64,
    /// The contacts it is over, never 0 in a result.
    pub count: u64,
}

impl From<cxkpi::MeanDuration> for cxkpi_mean_wait {
    fn from(mean: cxkpi::MeanDuration) -> cxkpi_mean_wait {
        cxkpi_mean_wait {
            mean_s: mean.secs(),
            count: mean.count(),
        }
    }
}

/// The wait in seconds, as a `Waited` of the given kind.
fn waited(wait_s: f64, answered: bool) -> Result<Waited, Error> {
    let wait = try_seconds(wait_s)?;
    Ok(if answered {
        Waited::Answered(wait)
    } else {
        Waited::Abandoned(wait)
    })
}

// Waits

/// A wait tally (opaque): answered and abandoned contacts and their waits,
/// for ASA, the average wait and the time to abandon. Made by
/// [`cxkpi_wait_tally_new`] or [`cxkpi_wait_tally_from_waits`], released by
/// [`cxkpi_wait_tally_free`].
pub struct cxkpi_wait_tally(pub(crate) WaitTally);

/// Makes an empty wait tally and writes its handle to `out`.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_wait_tally_new(out: *mut *mut cxkpi_wait_tally) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, || Ok(into_handle(cxkpi_wait_tally(WaitTally::new())))) }
}

/// Makes the wait tally of answered and abandoned contacts' waits, in
/// seconds.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for a negative, NaN or infinite wait (the message
/// names its list and index).
///
/// # Safety
///
/// Each array points to its length of doubles (or is null when its length
/// is 0); `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_wait_tally_from_waits(
    answer_waits_s: *const f64,
    answered: usize,
    abandon_waits_s: *const f64,
    abandoned: usize,
    out: *mut *mut cxkpi_wait_tally,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let answer = unsafe { slice(answer_waits_s, answered, "answer_waits_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let abandon = unsafe { slice(abandon_waits_s, abandoned, "abandon_waits_s") }?;
        let tally = WaitTally::from_float_secs(answer, abandon)?;
        out.write(into_handle(cxkpi_wait_tally(tally)));
        Ok(())
    })
}

/// Adds one contact that waited `wait_s` seconds, answered when `answered`
/// is not 0, abandoned when it is.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for a negative, NaN or infinite wait;
/// `CXKPI_OVERFLOW` past 2⁶⁴ − 1 contacts. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or a live handle that nothing else uses during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_wait_tally_record(
    tally: *mut cxkpi_wait_tally,
    wait_s: f64,
    answered: u8,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let tally = unsafe { mut_ref(tally, "tally") }?;
        tally.0.try_record(waited(wait_s, answered != 0)?)?;
        Ok(())
    })
}

/// Adds the contacts of `other` to `tally` (which may be `other` itself).
///
/// # Errors
///
/// `CXKPI_OVERFLOW` when a count would pass 2⁶⁴ − 1; the tally is then
/// unchanged.
///
/// # Safety
///
/// `tally` and `other` are null or live handles that nothing else uses
/// during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_wait_tally_merge(
    tally: *mut cxkpi_wait_tally,
    other: *const cxkpi_wait_tally,
) -> cxkpi_status {
    guard(|| {
        // A copy first, so that a tally merged into itself is never
        // referenced twice.
        // SAFETY: the caller's promise, in `# Safety`.
        let other = unsafe { shared_ref(other, "other") }?.0.clone();
        // SAFETY: the caller's promise, in `# Safety`.
        let tally = unsafe { mut_ref(tally, "tally") }?;
        tally.0.try_merge(&other)?;
        Ok(())
    })
}

/// Reads a mean of the wait tally at `tally` into `out`.
///
/// # Safety
///
/// `tally` is null or a live handle; `out` is null or valid for writing.
unsafe fn wait_mean(
    tally: *const cxkpi_wait_tally,
    out: *mut cxkpi_mean_wait,
    mean: fn(&WaitTally) -> Result<cxkpi::MeanDuration, Error>,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let tally = unsafe { shared_ref(tally, "tally") }?;
        out.write(mean(&tally.0)?.into());
        Ok(())
    })
}

/// The average speed of answer: the mean wait of answered contacts.
///
/// # Errors
///
/// `CXKPI_EMPTY` without answered contacts.
///
/// # Safety
///
/// `tally` is null or a live handle; `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_asa(
    tally: *const cxkpi_wait_tally,
    out: *mut cxkpi_mean_wait,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { wait_mean(tally, out, WaitTally::asa) }
}

/// The mean wait of all contacts, answered and abandoned.
///
/// # Errors
///
/// `CXKPI_EMPTY` without contacts.
///
/// # Safety
///
/// `tally` is null or a live handle; `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_average_wait(
    tally: *const cxkpi_wait_tally,
    out: *mut cxkpi_mean_wait,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { wait_mean(tally, out, WaitTally::average_wait) }
}

/// The mean wait of abandoned contacts before they hung up.
///
/// # Errors
///
/// `CXKPI_EMPTY` without abandoned contacts.
///
/// # Safety
///
/// `tally` is null or a live handle; `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_time_to_abandon(
    tally: *const cxkpi_wait_tally,
    out: *mut cxkpi_mean_wait,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { wait_mean(tally, out, WaitTally::time_to_abandon) }
}

/// Releases a wait tally; null does nothing.
///
/// # Safety
///
/// `tally` is null or a live handle, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_wait_tally_free(tally: *mut cxkpi_wait_tally) {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { free_handle(tally) }
}

// Service level

/// How the service level counts abandoned contacts; passed as `uint32_t`.
/// With `a` answered, `a_T` of them within the threshold, `b` abandoned,
/// `b_T` of them within the threshold and `b_S` short:
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cxkpi_abandon_treatment {
    /// `a_T / (a + b)`: every abandon counts against the target.
    CXKPI_ABANDONS_COUNT_AGAINST = 0,
    /// `a_T / (a + b − b_T)`: abandons within the threshold are left out.
    CXKPI_ABANDONS_EXCLUDE_WITHIN_THRESHOLD = 1,
    /// `(a_T + b_T) / (a + b)`: abandons within the threshold meet it.
    CXKPI_ABANDONS_WITHIN_THRESHOLD_AS_MET = 2,
    /// `a_T / a`: abandons are ignored.
    CXKPI_ABANDONS_IGNORE = 3,
    /// `(a_T + b_S) / (a + b)`: short abandons meet the target.
    CXKPI_ABANDONS_SHORT_AS_MET = 4,
    /// `a_T / (a + b − b_S)`: short abandons are left out.
    CXKPI_ABANDONS_EXCLUDE_SHORT = 5,
}

/// The core's treatment of the code `code` of [`cxkpi_abandon_treatment`].
fn treatment(code: u32) -> Result<AbandonTreatment, Error> {
    decode(
        "abandon treatment",
        code,
        &[
            AbandonTreatment::CountAgainst,
            AbandonTreatment::ExcludeWithinThreshold,
            AbandonTreatment::WithinThresholdAsMet,
            AbandonTreatment::Ignore,
            AbandonTreatment::ShortAsMet,
            AbandonTreatment::ExcludeShort,
        ],
    )
}

/// The counts a service level is computed from.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_service_level_counts {
    /// Answered contacts, `a`.
    pub answered: u64,
    /// Answered within the threshold, `a_T`.
    pub answered_within: u64,
    /// Abandoned contacts, `b`.
    pub abandoned: u64,
    /// Abandoned within the threshold, `b_T`.
    pub abandoned_within: u64,
    /// Short abandons, `b_S`; read only when `short_abandoned_known` is not 0.
    pub short_abandoned: u64,
    /// Not 0 when short abandons were counted; the two `short` treatments
    /// need them.
    pub short_abandoned_known: u8,
}

impl cxkpi_service_level_counts {
    fn to_core(self) -> Result<ServiceLevelCounts, Error> {
        let short = (self.short_abandoned_known != 0).then_some(self.short_abandoned);
        ServiceLevelCounts::from_counts(
            self.answered,
            self.answered_within,
            self.abandoned,
            self.abandoned_within,
            short,
        )
    }

    pub(crate) fn of_core(counts: &ServiceLevelCounts) -> cxkpi_service_level_counts {
        cxkpi_service_level_counts {
            answered: counts.answered(),
            answered_within: counts.answered_within(),
            abandoned: counts.abandoned(),
            abandoned_within: counts.abandoned_within(),
            short_abandoned: counts.short_abandoned().unwrap_or(0),
            short_abandoned_known: u8::from(counts.short_abandoned().is_some()),
        }
    }
}

/// The service level of known counts under a treatment of abandons.
///
/// # Errors
///
/// `CXKPI_INCONSISTENT` when a part exceeds its whole; `CXKPI_EMPTY` when
/// the treatment's denominator is 0; `CXKPI_INVALID_PARAMETER` for a
/// `short` treatment without known short abandons, or an unknown treatment.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_service_level_from_counts(
    counts: cxkpi_service_level_counts,
    treatment_code: u32,
    out: *mut cxkpi_rate,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let counts = counts.to_core()?;
            Ok(counts.service_level(treatment(treatment_code)?)?.into())
        })
    }
}

/// A service-level tally (opaque): contacts answered and abandoned within a
/// threshold, and short abandons under a short-abandon threshold. Made by
/// [`cxkpi_service_level_tally_new`],
/// [`cxkpi_service_level_tally_from_waits`] or
/// [`cxkpi_service_level_tally_from_whole_secs`], released by
/// [`cxkpi_service_level_tally_free`].
pub struct cxkpi_service_level_tally(pub(crate) ServiceLevelTally);

/// The empty tally for a threshold of `threshold_s` seconds and, unless
/// `short_abandon_below_s` is null, a short-abandon threshold.
pub(crate) fn empty_service_level(
    threshold_s: f64,
    short_abandon_below_s: Option<f64>,
) -> Result<ServiceLevelTally, Error> {
    let short = match short_abandon_below_s {
        Some(secs) => ShortAbandons::below_secs(secs)?,
        None => ShortAbandons::None,
    };
    ServiceLevelTally::with_threshold_secs(threshold_s, short)
}

/// Reads the optional double at `ptr`.
///
/// # Safety
///
/// `ptr` is null or points to a double.
pub(crate) unsafe fn optional(ptr: *const f64, name: &'static str) -> Result<Option<f64>, Failure> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: the caller's promise, in `# Safety`.
    Ok(Some(*unsafe { shared_ref(ptr, name) }?))
}

/// Makes an empty service-level tally: a contact is within target when its
/// wait is at most `threshold_s`; unless `short_abandon_below_s` is null,
/// an abandon strictly below it is short.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for a negative, NaN or infinite threshold.
///
/// # Safety
///
/// `short_abandon_below_s` is null or points to a double; `out` is null or
/// valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_service_level_tally_new(
    threshold_s: f64,
    short_abandon_below_s: *const f64,
    out: *mut *mut cxkpi_service_level_tally,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let short = unsafe { optional(short_abandon_below_s, "short_abandon_below_s") }?;
        let tally = empty_service_level(threshold_s, short)?;
        out.write(into_handle(cxkpi_service_level_tally(tally)));
        Ok(())
    })
}

/// Makes the service-level tally of answered and abandoned contacts' waits,
/// in seconds, with the thresholds of [`cxkpi_service_level_tally_new`].
///
/// # Errors
///
/// As [`cxkpi_service_level_tally_new`], and `CXKPI_OUT_OF_RANGE` for a
/// negative, NaN or infinite wait.
///
/// # Safety
///
/// Each array points to its length of doubles (or is null when its length
/// is 0); `short_abandon_below_s` is null or points to a double; `out` is
/// null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_service_level_tally_from_waits(
    threshold_s: f64,
    short_abandon_below_s: *const f64,
    answer_waits_s: *const f64,
    answered: usize,
    abandon_waits_s: *const f64,
    abandoned: usize,
    out: *mut *mut cxkpi_service_level_tally,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let short = unsafe { optional(short_abandon_below_s, "short_abandon_below_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let answer = unsafe { slice(answer_waits_s, answered, "answer_waits_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let abandon = unsafe { slice(abandon_waits_s, abandoned, "abandon_waits_s") }?;
        let empty = empty_service_level(threshold_s, short)?;
        let tally = ServiceLevelTally::from_float_secs(
            empty.threshold(),
            empty.short_abandons(),
            answer,
            abandon,
        )?;
        out.write(into_handle(cxkpi_service_level_tally(tally)));
        Ok(())
    })
}

/// Makes the service-level tally of answered and abandoned contacts' waits
/// in whole seconds, `uint32_t` columns such as a log's, each counted in one
/// vectorised pass, with the thresholds of
/// [`cxkpi_service_level_tally_new`]. A wait of `w` seconds counts exactly
/// as `w` does in [`cxkpi_service_level_tally_from_waits`].
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for a negative, NaN or infinite threshold. No
/// wait can be refused, and no count can overflow.
///
/// # Safety
///
/// Each array points to its length of `uint32_t` (or is null when its
/// length is 0); `short_abandon_below_s` is null or points to a double;
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_service_level_tally_from_whole_secs(
    threshold_s: f64,
    short_abandon_below_s: *const f64,
    answer_waits_s: *const u32,
    answered: usize,
    abandon_waits_s: *const u32,
    abandoned: usize,
    out: *mut *mut cxkpi_service_level_tally,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let short = unsafe { optional(short_abandon_below_s, "short_abandon_below_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let answer = unsafe { slice(answer_waits_s, answered, "answer_waits_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let abandon = unsafe { slice(abandon_waits_s, abandoned, "abandon_waits_s") }?;
        let empty = empty_service_level(threshold_s, short)?;
        let tally = ServiceLevelTally::from_whole_secs(
            empty.threshold(),
            empty.short_abandons(),
            answer,
            abandon,
        );
        out.write(into_handle(cxkpi_service_level_tally(tally)));
        Ok(())
    })
}

/// Adds one contact that waited `wait_s` seconds, answered when `answered`
/// is not 0, abandoned when it is.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for a negative, NaN or infinite wait;
/// `CXKPI_OVERFLOW` past 2⁶⁴ − 1 contacts. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or a live handle that nothing else uses during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_service_level_tally_record(
    tally: *mut cxkpi_service_level_tally,
    wait_s: f64,
    answered: u8,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let tally = unsafe { mut_ref(tally, "tally") }?;
        tally.0.try_record(waited(wait_s, answered != 0)?)?;
        Ok(())
    })
}

/// Adds the contacts of `other` to `tally` (which may be `other` itself).
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` when the thresholds differ; `CXKPI_OVERFLOW`
/// when a count would pass 2⁶⁴ − 1. The tally is then unchanged.
///
/// # Safety
///
/// `tally` and `other` are null or live handles that nothing else uses
/// during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_service_level_tally_merge(
    tally: *mut cxkpi_service_level_tally,
    other: *const cxkpi_service_level_tally,
) -> cxkpi_status {
    guard(|| {
        // A copy first, so that a tally merged into itself is never
        // referenced twice.
        // SAFETY: the caller's promise, in `# Safety`.
        let other = unsafe { shared_ref(other, "other") }?.0.clone();
        // SAFETY: the caller's promise, in `# Safety`.
        let tally = unsafe { mut_ref(tally, "tally") }?;
        tally.0.try_merge(&other)?;
        Ok(())
    })
}

/// The counts of a service-level tally.
///
/// # Safety
///
/// `tally` is null or a live handle; `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_service_level_tally_counts(
    tally: *const cxkpi_service_level_tally,
    out: *mut cxkpi_service_level_counts,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let tally = unsafe { shared_ref(tally, "tally") }?;
        out.write(cxkpi_service_level_counts::of_core(&tally.0.counts()?));
        Ok(())
    })
}

/// The service level of a tally under a treatment of abandons
/// ([`cxkpi_abandon_treatment`]).
///
/// # Errors
///
/// `CXKPI_EMPTY` when the treatment's denominator is 0;
/// `CXKPI_INVALID_PARAMETER` for a `short` treatment on a tally without a
/// short-abandon threshold, or an unknown treatment.
///
/// # Safety
///
/// `tally` is null or a live handle; `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_service_level(
    tally: *const cxkpi_service_level_tally,
    treatment_code: u32,
    out: *mut cxkpi_rate,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let tally = unsafe { shared_ref(tally, "tally") }?;
        out.write(tally.0.service_level(treatment(treatment_code)?)?.into());
        Ok(())
    })
}

/// Releases a service-level tally; null does nothing.
///
/// # Safety
///
/// `tally` is null or a live handle, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_service_level_tally_free(tally: *mut cxkpi_service_level_tally) {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { free_handle(tally) }
}

// Durations

/// Count, mean, median, 90th percentile, least and greatest of durations, in
/// seconds; percentiles interpolate linearly between closest ranks (NumPy's
/// default).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_duration_summary {
    /// Durations, never 0 in a result.
    pub count: u64,
    /// The mean.
    pub mean_s: f64,
    /// The median.
    pub median_s: f64,
    /// The 90th percentile.
    pub p90_s: f64,
    /// The least duration.
    pub min_s: f64,
    /// The greatest duration.
    pub max_s: f64,
}

impl From<DurationSummary> for cxkpi_duration_summary {
    fn from(summary: DurationSummary) -> cxkpi_duration_summary {
        cxkpi_duration_summary {
            count: summary.count(),
            mean_s: summary.mean_secs(),
            median_s: summary.median_secs(),
            p90_s: summary.p90_secs(),
            min_s: summary.min().as_secs_f64(),
            max_s: summary.max().as_secs_f64(),
        }
    }
}

/// The quantiles of the `count` doubles at `quantiles`, each checked to lie
/// in 0–1.
///
/// # Safety
///
/// `quantiles` points to `count` doubles, or is null when `count` is 0.
unsafe fn quantiles_of(quantiles: *const f64, count: usize) -> Result<Vec<Quantile>, Failure> {
    // SAFETY: the caller's promise, in `# Safety`.
    let qs = unsafe { slice(quantiles, count, "quantiles") }?;
    let qs = qs
        .iter()
        .enumerate()
        .map(|(i, &q)| Quantile::new(q).map_err(|e| e.at(i)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(qs)
}

/// The summary of `len` durations in seconds (response, resolution or
/// handle times), from one sort.
///
/// # Errors
///
/// `CXKPI_EMPTY` without durations; `CXKPI_OUT_OF_RANGE` for a negative,
/// NaN or infinite one (the message names its index).
///
/// # Safety
///
/// `durations_s` points to `len` doubles (or is null when `len` is 0);
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_duration_stats(
    durations_s: *const f64,
    len: usize,
    out: *mut cxkpi_duration_summary,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let secs = unsafe { slice(durations_s, len, "durations_s") }?;
        out.write(DurationSample::from_secs(secs)?.summary()?.into());
        Ok(())
    })
}

/// Any number of quantiles of `len` durations in seconds, from one sort:
/// `out_s[i]` receives quantile `quantiles[i]` (0.5 the median, 0.9 the
/// 90th percentile).
///
/// # Errors
///
/// `CXKPI_EMPTY` without durations; `CXKPI_OUT_OF_RANGE` for a negative,
/// NaN or infinite duration (the message names its index);
/// `CXKPI_INVALID_PARAMETER` for a quantile outside 0–1.
///
/// # Safety
///
/// `durations_s` points to `len` doubles, and `quantiles` and `out_s` to
/// `count` doubles each (any of them null when its length is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_duration_quantiles(
    durations_s: *const f64,
    len: usize,
    quantiles: *const f64,
    count: usize,
    out_s: *mut f64,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { slice_mut(out_s, count, "out_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let secs = unsafe { slice(durations_s, len, "durations_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let qs = unsafe { quantiles_of(quantiles, count) }?;
        let sorted = DurationSample::from_secs(secs)?.sorted()?;
        for (slot, &q) in out.iter_mut().zip(&qs) {
            *slot = sorted.quantile_secs(q);
        }
        Ok(())
    })
}

/// The summary of `len` durations in whole seconds, a `uint32_t` column
/// such as a log's waits or handle times, by histogram selection: equal to
/// [`cxkpi_duration_stats`] of the same durations, without a copy or a sort
/// (one pass when every duration is below 65 536 s).
///
/// # Errors
///
/// `CXKPI_EMPTY` without durations.
///
/// # Safety
///
/// `durations_s` points to `len` `uint32_t` (or is null when `len` is 0);
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_whole_secs_stats(
    durations_s: *const u32,
    len: usize,
    out: *mut cxkpi_duration_summary,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let secs = unsafe { slice(durations_s, len, "durations_s") }?;
        out.write(WholeSeconds::new(secs)?.summary().into());
        Ok(())
    })
}

/// Any number of quantiles of `len` durations in whole seconds, a
/// `uint32_t` column, from the same passes over it: `out_s[i]` receives
/// quantile `quantiles[i]`, exactly as [`cxkpi_duration_quantiles`] would.
///
/// # Errors
///
/// `CXKPI_EMPTY` without durations; `CXKPI_INVALID_PARAMETER` for a
/// quantile outside 0–1.
///
/// # Safety
///
/// `durations_s` points to `len` `uint32_t` and `quantiles` to `count`
/// doubles; `out_s` is valid for writing `count` doubles (it need not be
/// initialised); any of them is null only when its length is 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_whole_secs_quantiles(
    durations_s: *const u32,
    len: usize,
    quantiles: *const f64,
    count: usize,
    out_s: *mut f64,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { OutArray::new(out_s, count, "out_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let secs = unsafe { slice(durations_s, len, "durations_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let qs = unsafe { quantiles_of(quantiles, count) }?;
        out.write(WholeSeconds::new(secs)?.quantiles(&qs));
        Ok(())
    })
}

// Ticket volume

/// Tickets, distinct customers, and tickets per customer.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_ticket_volume_result {
    /// Tickets.
    pub tickets: u64,
    /// Distinct customers.
    pub customers: u64,
    /// Tickets / distinct customers.
    pub tickets_per_customer: f64,
}

/// The ticket volume of `len` tickets, each given as its customer's id: a
/// NUL-terminated string compared byte for byte (it need not be UTF-8).
///
/// # Errors
///
/// `CXKPI_EMPTY` without tickets; `CXKPI_NULL_POINTER` for a null id.
///
/// # Safety
///
/// `customer_ids` points to `len` pointers (or is null when `len` is 0),
/// each null or a NUL-terminated string; `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_ticket_volume(
    customer_ids: *const *const c_char,
    len: usize,
    out: *mut cxkpi_ticket_volume_result,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let ids = unsafe { slice(customer_ids, len, "customer_ids") }?;
        let mut volume = TicketVolume::new();
        for &id in ids {
            // SAFETY: the caller's promise, in `# Safety`.
            volume.try_record(unsafe { bytes(id, "customer_ids[i]") }?)?;
        }
        out.write(cxkpi_ticket_volume_result {
            tickets: volume.tickets()?,
            customers: volume.customers()?,
            tickets_per_customer: volume.tickets_per_customer()?,
        });
        Ok(())
    })
}

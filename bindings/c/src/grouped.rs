//! The grouped paths: one tally per group code, from a column of codes and
//! the value columns beside it, in one pass (the core's `cxkpi::grouped`).
//!
//! Codes are `uint8_t`, `uint16_t` or `uint32_t` (a channel, an hour,
//! `channel * 24 + hour`, the indices of a dictionary-encoded column), each
//! below `groups`; the out-array holds `groups` tallies, tally `c` being the
//! rows of code `c` (an empty tally for a code without rows). A bad value or
//! a code of `groups` or more fails the call with `CXKPI_OUT_OF_RANGE`, and
//! the message names the first such row's index.

use cxkpi::grouped::{ByCode, Code};
use cxkpi::{CsatTally, NpsTally, ServiceLevelTally};

use crate::operations::{cxkpi_service_level_counts, empty_service_level, optional};
use crate::ptr::{OutArray, slice};
use crate::status::{Failure, cxkpi_status, guard};
use crate::survey::{cxkpi_csat_rule, cxkpi_csat_tally, cxkpi_nps_tally};
use crate::values::CTally;

/// The NPS tallies of `groups` codes.
///
/// # Safety
///
/// As the entry points that call it.
unsafe fn nps_by_code<C: Code>(
    groups: usize,
    codes: *const C,
    scores: *const u8,
    len: usize,
    out: *mut cxkpi_nps_tally,
) -> Result<(), Failure> {
    // SAFETY: forwarded to the caller.
    let out = unsafe { OutArray::new(out, groups, "out") }?;
    // SAFETY: forwarded to the caller.
    let codes = unsafe { slice(codes, len, "codes") }?;
    // SAFETY: forwarded to the caller.
    let scores = unsafe { slice(scores, len, "scores") }?;
    let by = ByCode::<NpsTally>::from_scores(groups, codes, scores)?;
    // Converted first, so that the caller's array is written only on success.
    let tallies = by
        .tallies()
        .iter()
        .map(cxkpi_nps_tally::of_core)
        .collect::<Result<Vec<_>, _>>()?;
    out.write(tallies);
    Ok(())
}

/// The CSAT tallies of `groups` codes.
///
/// # Safety
///
/// As the entry points that call it.
unsafe fn csat_by_code<C: Code>(
    rule: cxkpi_csat_rule,
    groups: usize,
    codes: *const C,
    scores: *const u8,
    len: usize,
    out: *mut cxkpi_csat_tally,
) -> Result<(), Failure> {
    // SAFETY: forwarded to the caller.
    let out = unsafe { OutArray::new(out, groups, "out") }?;
    // SAFETY: forwarded to the caller.
    let codes = unsafe { slice(codes, len, "codes") }?;
    // SAFETY: forwarded to the caller.
    let scores = unsafe { slice(scores, len, "scores") }?;
    let by = ByCode::<CsatTally>::from_scores(rule.to_core()?, groups, codes, scores)?;
    // Converted first, so that the caller's array is written only on success.
    let tallies = by
        .tallies()
        .iter()
        .map(cxkpi_csat_tally::of_core)
        .collect::<Result<Vec<_>, _>>()?;
    out.write(tallies);
    Ok(())
}

/// The service-level counts of `groups` codes.
///
/// # Safety
///
/// As the entry points that call it.
#[allow(clippy::too_many_arguments)] // The C signature: two columns of codes and waits.
unsafe fn service_level_by_code<C: Code>(
    threshold_s: f64,
    short_abandon_below_s: *const f64,
    groups: usize,
    answered_codes: *const C,
    answer_waits_s: *const u32,
    answered: usize,
    abandoned_codes: *const C,
    abandon_waits_s: *const u32,
    abandoned: usize,
    out: *mut cxkpi_service_level_counts,
) -> Result<(), Failure> {
    // SAFETY: forwarded to the caller.
    let out = unsafe { OutArray::new(out, groups, "out") }?;
    // SAFETY: forwarded to the caller.
    let short = unsafe { optional(short_abandon_below_s, "short_abandon_below_s") }?;
    // SAFETY: forwarded to the caller.
    let answered_codes = unsafe { slice(answered_codes, answered, "answered_codes") }?;
    // SAFETY: forwarded to the caller.
    let answer = unsafe { slice(answer_waits_s, answered, "answer_waits_s") }?;
    // SAFETY: forwarded to the caller.
    let abandoned_codes = unsafe { slice(abandoned_codes, abandoned, "abandoned_codes") }?;
    // SAFETY: forwarded to the caller.
    let abandon = unsafe { slice(abandon_waits_s, abandoned, "abandon_waits_s") }?;
    let empty = empty_service_level(threshold_s, short)?;
    let by = ByCode::<ServiceLevelTally>::from_whole_secs(
        empty.threshold(),
        empty.short_abandons(),
        groups,
        answered_codes,
        answer,
        abandoned_codes,
        abandon,
    )?;
    let counts = by
        .tallies()
        .iter()
        .map(|t| Ok(cxkpi_service_level_counts::of_core(&t.counts()?)))
        .collect::<Result<Vec<_>, Failure>>()?;
    out.write(counts);
    Ok(())
}

/// The NPS tallies of `groups` group codes (`uint8_t`, each below `groups`):
/// row `i` is the score `scores[i]` (0–10) of group `codes[i]`; `out[c]`
/// receives the tally of code `c`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for the first row whose score is above 10 or whose
/// code is `groups` or more (the message names its index); nothing is
/// written then.
///
/// # Safety
///
/// `codes` and `scores` point to `len` values each (or are null when `len`
/// is 0); `out` points to `groups` tallies to write (or is null when
/// `groups` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps_tallies_by_code_u8(
    groups: usize,
    codes: *const u8,
    scores: *const u8,
    len: usize,
    out: *mut cxkpi_nps_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    guard(|| unsafe { nps_by_code(groups, codes, scores, len, out) })
}

/// The CSAT tallies under `rule` of `groups` group codes (`uint8_t`, each below
/// `groups`): row `i` is the score `scores[i]` of group `codes[i]`;
/// `out[c]` receives the tally of code `c`.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for a bad rule; `CXKPI_OUT_OF_RANGE` for the
/// first row whose score is off the scale or whose code is `groups` or more
/// (the message names its index); nothing is written then.
///
/// # Safety
///
/// `codes` and `scores` point to `len` values each (or are null when `len`
/// is 0); `out` points to `groups` tallies to write (or is null when
/// `groups` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_csat_tallies_by_code_u8(
    rule: cxkpi_csat_rule,
    groups: usize,
    codes: *const u8,
    scores: *const u8,
    len: usize,
    out: *mut cxkpi_csat_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    guard(|| unsafe { csat_by_code(rule, groups, codes, scores, len, out) })
}

/// The service-level counts of `groups` group codes (`uint8_t`, each below
/// `groups`), from waits in whole seconds with the thresholds of
/// [`cxkpi_service_level_tally_new`](crate::cxkpi_service_level_tally_new):
/// answered row `i` is a contact of group `answered_codes[i]` that waited
/// `answer_waits_s[i]`, abandoned row `i` one of group `abandoned_codes[i]`
/// that waited `abandon_waits_s[i]`; `out[c]` receives the counts of code
/// `c`, for [`cxkpi_service_level_from_counts`](crate::cxkpi_service_level_from_counts).
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for a negative, NaN or infinite threshold;
/// `CXKPI_OUT_OF_RANGE` for the first row whose code is `groups` or more
/// (answered rows first; the message names its index); nothing is written
/// then.
///
/// # Safety
///
/// Each code and wait array points to its length of values (or is null when
/// the length is 0); `short_abandon_below_s` is null or points to a double;
/// `out` points to `groups` counts to write (or is null when `groups` is 0).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)] // Two columns of codes and waits, and the thresholds.
pub unsafe extern "C" fn cxkpi_service_level_counts_by_code_u8(
    threshold_s: f64,
    short_abandon_below_s: *const f64,
    groups: usize,
    answered_codes: *const u8,
    answer_waits_s: *const u32,
    answered: usize,
    abandoned_codes: *const u8,
    abandon_waits_s: *const u32,
    abandoned: usize,
    out: *mut cxkpi_service_level_counts,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        unsafe {
            service_level_by_code(
                threshold_s,
                short_abandon_below_s,
                groups,
                answered_codes,
                answer_waits_s,
                answered,
                abandoned_codes,
                abandon_waits_s,
                abandoned,
                out,
            )
        }
    })
}

/// The NPS tallies of `groups` group codes (`uint16_t`, each below `groups`):
/// row `i` is the score `scores[i]` (0–10) of group `codes[i]`; `out[c]`
/// receives the tally of code `c`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for the first row whose score is above 10 or whose
/// code is `groups` or more (the message names its index); nothing is
/// written then.
///
/// # Safety
///
/// `codes` and `scores` point to `len` values each (or are null when `len`
/// is 0); `out` points to `groups` tallies to write (or is null when
/// `groups` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps_tallies_by_code_u16(
    groups: usize,
    codes: *const u16,
    scores: *const u8,
    len: usize,
    out: *mut cxkpi_nps_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    guard(|| unsafe { nps_by_code(groups, codes, scores, len, out) })
}

/// The CSAT tallies under `rule` of `groups` group codes (`uint16_t`, each below
/// `groups`): row `i` is the score `scores[i]` of group `codes[i]`;
/// `out[c]` receives the tally of code `c`.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for a bad rule; `CXKPI_OUT_OF_RANGE` for the
/// first row whose score is off the scale or whose code is `groups` or more
/// (the message names its index); nothing is written then.
///
/// # Safety
///
/// `codes` and `scores` point to `len` values each (or are null when `len`
/// is 0); `out` points to `groups` tallies to write (or is null when
/// `groups` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_csat_tallies_by_code_u16(
    rule: cxkpi_csat_rule,
    groups: usize,
    codes: *const u16,
    scores: *const u8,
    len: usize,
    out: *mut cxkpi_csat_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    guard(|| unsafe { csat_by_code(rule, groups, codes, scores, len, out) })
}

/// The service-level counts of `groups` group codes (`uint16_t`, each below
/// `groups`), from waits in whole seconds with the thresholds of
/// [`cxkpi_service_level_tally_new`](crate::cxkpi_service_level_tally_new):
/// answered row `i` is a contact of group `answered_codes[i]` that waited
/// `answer_waits_s[i]`, abandoned row `i` one of group `abandoned_codes[i]`
/// that waited `abandon_waits_s[i]`; `out[c]` receives the counts of code
/// `c`, for [`cxkpi_service_level_from_counts`](crate::cxkpi_service_level_from_counts).
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for a negative, NaN or infinite threshold;
/// `CXKPI_OUT_OF_RANGE` for the first row whose code is `groups` or more
/// (answered rows first; the message names its index); nothing is written
/// then.
///
/// # Safety
///
/// Each code and wait array points to its length of values (or is null when
/// the length is 0); `short_abandon_below_s` is null or points to a double;
/// `out` points to `groups` counts to write (or is null when `groups` is 0).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)] // Two columns of codes and waits, and the thresholds.
pub unsafe extern "C" fn cxkpi_service_level_counts_by_code_u16(
    threshold_s: f64,
    short_abandon_below_s: *const f64,
    groups: usize,
    answered_codes: *const u16,
    answer_waits_s: *const u32,
    answered: usize,
    abandoned_codes: *const u16,
    abandon_waits_s: *const u32,
    abandoned: usize,
    out: *mut cxkpi_service_level_counts,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        unsafe {
            service_level_by_code(
                threshold_s,
                short_abandon_below_s,
                groups,
                answered_codes,
                answer_waits_s,
                answered,
                abandoned_codes,
                abandon_waits_s,
                abandoned,
                out,
            )
        }
    })
}

/// The NPS tallies of `groups` group codes (`uint32_t`, each below `groups`):
/// row `i` is the score `scores[i]` (0–10) of group `codes[i]`; `out[c]`
/// receives the tally of code `c`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for the first row whose score is above 10 or whose
/// code is `groups` or more (the message names its index); nothing is
/// written then.
///
/// # Safety
///
/// `codes` and `scores` point to `len` values each (or are null when `len`
/// is 0); `out` points to `groups` tallies to write (or is null when
/// `groups` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps_tallies_by_code_u32(
    groups: usize,
    codes: *const u32,
    scores: *const u8,
    len: usize,
    out: *mut cxkpi_nps_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    guard(|| unsafe { nps_by_code(groups, codes, scores, len, out) })
}

/// The CSAT tallies under `rule` of `groups` group codes (`uint32_t`, each below
/// `groups`): row `i` is the score `scores[i]` of group `codes[i]`;
/// `out[c]` receives the tally of code `c`.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for a bad rule; `CXKPI_OUT_OF_RANGE` for the
/// first row whose score is off the scale or whose code is `groups` or more
/// (the message names its index); nothing is written then.
///
/// # Safety
///
/// `codes` and `scores` point to `len` values each (or are null when `len`
/// is 0); `out` points to `groups` tallies to write (or is null when
/// `groups` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_csat_tallies_by_code_u32(
    rule: cxkpi_csat_rule,
    groups: usize,
    codes: *const u32,
    scores: *const u8,
    len: usize,
    out: *mut cxkpi_csat_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    guard(|| unsafe { csat_by_code(rule, groups, codes, scores, len, out) })
}

/// The service-level counts of `groups` group codes (`uint32_t`, each below
/// `groups`), from waits in whole seconds with the thresholds of
/// [`cxkpi_service_level_tally_new`](crate::cxkpi_service_level_tally_new):
/// answered row `i` is a contact of group `answered_codes[i]` that waited
/// `answer_waits_s[i]`, abandoned row `i` one of group `abandoned_codes[i]`
/// that waited `abandon_waits_s[i]`; `out[c]` receives the counts of code
/// `c`, for [`cxkpi_service_level_from_counts`](crate::cxkpi_service_level_from_counts).
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for a negative, NaN or infinite threshold;
/// `CXKPI_OUT_OF_RANGE` for the first row whose code is `groups` or more
/// (answered rows first; the message names its index); nothing is written
/// then.
///
/// # Safety
///
/// Each code and wait array points to its length of values (or is null when
/// the length is 0); `short_abandon_below_s` is null or points to a double;
/// `out` points to `groups` counts to write (or is null when `groups` is 0).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)] // Two columns of codes and waits, and the thresholds.
pub unsafe extern "C" fn cxkpi_service_level_counts_by_code_u32(
    threshold_s: f64,
    short_abandon_below_s: *const f64,
    groups: usize,
    answered_codes: *const u32,
    answer_waits_s: *const u32,
    answered: usize,
    abandoned_codes: *const u32,
    abandon_waits_s: *const u32,
    abandoned: usize,
    out: *mut cxkpi_service_level_counts,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        unsafe {
            service_level_by_code(
                threshold_s,
                short_abandon_below_s,
                groups,
                answered_codes,
                answer_waits_s,
                answered,
                abandoned_codes,
                abandon_waits_s,
                abandoned,
                out,
            )
        }
    })
}

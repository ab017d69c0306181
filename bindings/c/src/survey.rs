//! Surveys: NPS, CSAT and CES tallies as plain structs of counts.

use cxkpi::{CesTally, CsatRule, CsatTally, Error, NpsRating, NpsTally, Scale, Tally};

use crate::ptr::{Out, slice};
use crate::status::{cxkpi_status, guard};
use crate::values::{CTally, compute_into, cxkpi_rate, cxkpi_u128, merge_into, record_into};

/// An inclusive rating scale, such as 1–5 (`{1, 5}`); `min` must be below
/// `max`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_scale {
    /// The lowest score.
    pub min: u8,
    /// The highest score.
    pub max: u8,
}

impl cxkpi_scale {
    fn to_core(self) -> Result<Scale, Error> {
        Scale::new(self.min, self.max)
    }

    const fn of_core(scale: Scale) -> cxkpi_scale {
        cxkpi_scale {
            min: scale.min(),
            max: scale.max(),
        }
    }
}

/// Checks the scale `[min, max]` given as any integers (from a language
/// whose integers are wider than a byte) and writes it to `out`.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` unless `0 ≤ min < max ≤ 255`.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_scale_new(
    min: i64,
    max: i64,
    out: *mut cxkpi_scale,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, || Ok(cxkpi_scale::of_core(Scale::from_i64(min, max)?))) }
}

// NPS

/// An NPS tally: respondents by category. `{0, 0, 0}` is the empty tally.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_nps_tally {
    /// Respondents who scored 9–10.
    pub promoters: u64,
    /// Respondents who scored 7–8.
    pub passives: u64,
    /// Respondents who scored 0–6.
    pub detractors: u64,
}

impl CTally for cxkpi_nps_tally {
    type Core = NpsTally;

    fn to_core(self) -> Result<NpsTally, Error> {
        NpsTally::from_counts(self.promoters, self.passives, self.detractors)
    }

    fn of_core(tally: &NpsTally) -> Result<cxkpi_nps_tally, Error> {
        Ok(cxkpi_nps_tally {
            promoters: tally.promoters()?,
            passives: tally.passives()?,
            detractors: tally.detractors()?,
        })
    }
}

/// A Net Promoter Score with its shares.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_nps_result {
    /// % promoters − % detractors, −100 to +100.
    pub nps: f64,
    /// Promoters, in percent of responses.
    pub promoters_pct: f64,
    /// Passives, in percent of responses.
    pub passives_pct: f64,
    /// Detractors, in percent of responses.
    pub detractors_pct: f64,
    /// Responses, never 0 in a result.
    pub responses: u64,
}

/// The NPS tally of `len` raw scores on 0–10, in one vectorised pass.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for the first score above 10 (the message names its
/// index).
///
/// # Safety
///
/// `scores` points to `len` bytes (or is null when `len` is 0); `out` is
/// null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps_tally_from_scores(
    scores: *const u8,
    len: usize,
    out: *mut cxkpi_nps_tally,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let scores = unsafe { slice(scores, len, "scores") }?;
        out.write(cxkpi_nps_tally::of_core(&NpsTally::from_scores(scores)?)?);
        Ok(())
    })
}

/// Adds one score, given as any integer, to the tally.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` unless the score is in 0–10; `CXKPI_OVERFLOW` past
/// 2⁶⁴ − 1 responses. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps_tally_record(
    tally: *mut cxkpi_nps_tally,
    score: i64,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { record_into(tally, |_| Ok(NpsRating::try_from(score)?)) }
}

/// Adds the responses of `other` to `tally`.
///
/// # Errors
///
/// `CXKPI_OVERFLOW` when a count would pass 2⁶⁴ − 1; the tally is then
/// unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps_tally_merge(
    tally: *mut cxkpi_nps_tally,
    other: cxkpi_nps_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { merge_into(tally, |_| Ok(other.to_core()?)) }
}

/// The Net Promoter Score of a tally.
///
/// # Errors
///
/// `CXKPI_EMPTY` without responses; `CXKPI_OVERFLOW` when the counts add up
/// past 2⁶⁴ − 1.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps(
    tally: cxkpi_nps_tally,
    out: *mut cxkpi_nps_result,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let nps = tally.to_core()?.nps()?;
            Ok(cxkpi_nps_result {
                nps: nps.score(),
                promoters_pct: nps.promoters_pct(),
                passives_pct: nps.passives_pct(),
                detractors_pct: nps.detractors_pct(),
                responses: nps.responses(),
            })
        })
    }
}

// CSAT

/// How CSAT counts a response as satisfied: a score of `satisfied_from` or
/// more on `scale`. Top-2-box on 1–5 is `{{1, 5}, 4}`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_csat_rule {
    /// The scale of the scores.
    pub scale: cxkpi_scale,
    /// The lowest satisfied score, on the scale.
    pub satisfied_from: u8,
}

impl cxkpi_csat_rule {
    pub(crate) fn to_core(self) -> Result<CsatRule, Error> {
        CsatRule::new(self.scale.to_core()?, self.satisfied_from)
    }

    const fn of_core(rule: CsatRule) -> cxkpi_csat_rule {
        cxkpi_csat_rule {
            scale: cxkpi_scale::of_core(rule.scale()),
            satisfied_from: rule.satisfied_from(),
        }
    }
}

/// Checks a CSAT rule whose threshold is given as any integer and writes it
/// to `out`.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for an impossible scale, or a threshold off the
/// scale.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_csat_rule_new(
    scale: cxkpi_scale,
    satisfied_from: i64,
    out: *mut cxkpi_csat_rule,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let rule = CsatRule::from_i64(scale.to_core()?, satisfied_from)?;
            Ok(cxkpi_csat_rule::of_core(rule))
        })
    }
}

/// A CSAT tally: satisfied responses of all responses, under a rule.
/// `{rule, 0, 0}` is the empty tally.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_csat_tally {
    /// The rule the responses were counted under.
    pub rule: cxkpi_csat_rule,
    /// Satisfied responses.
    pub satisfied: u64,
    /// All responses.
    pub responses: u64,
}

impl CTally for cxkpi_csat_tally {
    type Core = CsatTally;

    fn to_core(self) -> Result<CsatTally, Error> {
        CsatTally::from_counts(self.rule.to_core()?, self.satisfied, self.responses)
    }

    fn of_core(tally: &CsatTally) -> Result<cxkpi_csat_tally, Error> {
        Ok(cxkpi_csat_tally {
            rule: cxkpi_csat_rule::of_core(tally.rule()),
            satisfied: tally.satisfied()?,
            responses: tally.len()?,
        })
    }
}

/// The CSAT tally of `len` raw scores under `rule`, in one vectorised pass.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for an impossible rule; `CXKPI_OUT_OF_RANGE`
/// for the first score off the scale.
///
/// # Safety
///
/// `scores` points to `len` bytes (or is null when `len` is 0); `out` is
/// null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_csat_tally_from_scores(
    rule: cxkpi_csat_rule,
    scores: *const u8,
    len: usize,
    out: *mut cxkpi_csat_tally,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let scores = unsafe { slice(scores, len, "scores") }?;
        let tally = CsatTally::from_scores(rule.to_core()?, scores)?;
        out.write(cxkpi_csat_tally::of_core(&tally)?);
        Ok(())
    })
}

/// Adds one score, given as any integer, to the tally.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for a score off the rule's scale; `CXKPI_OVERFLOW`
/// past 2⁶⁴ − 1 responses. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_csat_tally_record(
    tally: *mut cxkpi_csat_tally,
    score: i64,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        record_into(tally, |current| {
            Ok(current.rule().scale().score_i64(score)?)
        })
    }
}

/// Adds the responses of `other` to `tally`.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` when the rules differ; `CXKPI_OVERFLOW` when a
/// count would pass 2⁶⁴ − 1. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_csat_tally_merge(
    tally: *mut cxkpi_csat_tally,
    other: cxkpi_csat_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { merge_into(tally, |_| Ok(other.to_core()?)) }
}

/// The CSAT of a tally: satisfied responses × 100 / responses.
///
/// # Errors
///
/// `CXKPI_EMPTY` without responses; `CXKPI_INCONSISTENT` when `satisfied`
/// exceeds `responses`; `CXKPI_INVALID_PARAMETER` for an impossible rule.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_csat(tally: cxkpi_csat_tally, out: *mut cxkpi_rate) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, || Ok(tally.to_core()?.csat()?.into())) }
}

// CES

/// A CES tally: the sum of the scores and their number, on a scale.
/// `{scale, 0, {0, 0}}` is the empty tally.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_ces_tally {
    /// The scale of the scores.
    pub scale: cxkpi_scale,
    /// Responses.
    pub responses: u64,
    /// The sum of the scores.
    pub sum: cxkpi_u128,
}

impl CTally for cxkpi_ces_tally {
    type Core = CesTally;

    fn to_core(self) -> Result<CesTally, Error> {
        CesTally::from_counts(self.scale.to_core()?, self.sum.into(), self.responses)
    }

    fn of_core(tally: &CesTally) -> Result<cxkpi_ces_tally, Error> {
        Ok(cxkpi_ces_tally {
            scale: cxkpi_scale::of_core(tally.scale()),
            responses: tally.len()?,
            sum: tally.sum()?.into(),
        })
    }
}

/// A Customer Effort Score: the mean score.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_ces_result {
    /// The mean score, on the tally's scale.
    pub mean: f64,
    /// Responses, never 0 in a result.
    pub responses: u64,
}

/// The CES tally of `len` raw scores on `scale`, in one vectorised pass.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for an impossible scale; `CXKPI_OUT_OF_RANGE`
/// for the first score off the scale.
///
/// # Safety
///
/// `scores` points to `len` bytes (or is null when `len` is 0); `out` is
/// null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_ces_tally_from_scores(
    scale: cxkpi_scale,
    scores: *const u8,
    len: usize,
    out: *mut cxkpi_ces_tally,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let scores = unsafe { slice(scores, len, "scores") }?;
        let tally = CesTally::from_scores(scale.to_core()?, scores)?;
        out.write(cxkpi_ces_tally::of_core(&tally)?);
        Ok(())
    })
}

/// Adds one score, given as any integer, to the tally.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for a score off the tally's scale; `CXKPI_OVERFLOW`
/// past 2⁶⁴ − 1 responses. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_ces_tally_record(
    tally: *mut cxkpi_ces_tally,
    score: i64,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { record_into(tally, |current| Ok(current.scale().score_i64(score)?)) }
}

/// Adds the responses of `other` to `tally`.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` when the scales differ; `CXKPI_OVERFLOW` when
/// a count would pass 2⁶⁴ − 1. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_ces_tally_merge(
    tally: *mut cxkpi_ces_tally,
    other: cxkpi_ces_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { merge_into(tally, |_| Ok(other.to_core()?)) }
}

/// The CES of a tally: the mean score.
///
/// # Errors
///
/// `CXKPI_EMPTY` without responses; `CXKPI_INCONSISTENT` for a sum that
/// `responses` scores on the scale cannot make.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_ces(
    tally: cxkpi_ces_tally,
    out: *mut cxkpi_ces_result,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let ces = tally.to_core()?.ces()?;
            Ok(cxkpi_ces_result {
                mean: ces.mean(),
                responses: ces.responses(),
            })
        })
    }
}

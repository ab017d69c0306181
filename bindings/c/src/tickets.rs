//! Tickets: deadlines met or missed (first response, every reply,
//! resolution), reopens and survey response, as plain structs of counts.

use cxkpi::{
    Deadline, DeadlineKind, DeadlineState, DeadlineTally, Error, ReopenState, ReopenTally, Reopens,
    SurveyOutcome, SurveyResponseState, SurveyResponseTally, Tally, try_seconds,
};

use crate::ptr::{Out, mut_ref, slice};
use crate::status::{Failure, cxkpi_status, guard};
use crate::values::{compute_into, cxkpi_rate, decode};

/// A `#[repr(C)]` tally whose counts are the core tally's state.
pub(crate) trait CState: Copy {
    /// The core's tally.
    type Core: Tally;
    /// The core's tally of these counts, validated.
    fn to_core(self) -> Result<Self::Core, Error>;
    /// The counts of the core's tally.
    fn of_core(core: &Self::Core) -> Result<Self, Error>;
}

/// Applies `change` to the core tally of the counts at `tally` and writes
/// the result back: the body of every `…_record` and `…_merge` here. On
/// failure the tally is unchanged.
///
/// # Safety
///
/// Unless null, `tally` points to a tally that nothing else reads or writes
/// during the call.
unsafe fn update<T: CState>(
    tally: *mut T,
    change: impl FnOnce(&mut T::Core) -> Result<(), Failure>,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: forwarded to the caller.
        let target = unsafe { mut_ref(tally, "tally") }?;
        let mut core = target.to_core()?;
        change(&mut core)?;
        *target = T::of_core(&core)?;
        Ok(())
    })
}

// Deadlines

/// What a deadline is about; passed as `uint32_t`.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cxkpi_deadline_kind {
    /// From arrival to the first agent reply.
    CXKPI_DEADLINE_FIRST_RESPONSE = 0,
    /// From each customer message to the reply that follows it.
    CXKPI_DEADLINE_NEXT_REPLY = 1,
    /// From arrival to resolution.
    CXKPI_DEADLINE_RESOLUTION = 2,
}

fn deadline_kind(code: u32) -> Result<DeadlineKind, Error> {
    decode("deadline kind", code, &DeadlineKind::ALL)
}

/// A deadline tally: deadlines met, missed (by how late) and pending, of one
/// kind. A zeroed struct is the empty tally of first responses.
///
/// Each deadline carries its own target, so one tally holds tickets of every
/// priority. Lateness is (elapsed − target) / target; the four `late_…`
/// counts sum to `missed`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_deadline_tally {
    /// A `cxkpi_deadline_kind`.
    pub kind: u32,
    /// Deadlines met: done within their target.
    pub met: u64,
    /// Deadlines missed: done late, or open past their target.
    pub missed: u64,
    /// Of the missed, those still open (active breaches).
    pub missed_open: u64,
    /// Open deadlines still within their target, in neither share.
    pub pending: u64,
    /// Missed by up to 10 % of the target.
    pub late_up_to_10_percent: u64,
    /// Missed by more than 10 %, up to 50 %.
    pub late_up_to_50_percent: u64,
    /// Missed by more than 50 %, up to 100 %.
    pub late_up_to_100_percent: u64,
    /// Missed by more than twice the target.
    pub late_over_100_percent: u64,
}

impl CState for cxkpi_deadline_tally {
    type Core = DeadlineTally;

    fn to_core(self) -> Result<DeadlineTally, Error> {
        let mut s = DeadlineState::new(deadline_kind(self.kind)?);
        s.met = self.met;
        s.missed = self.missed;
        s.missed_open = self.missed_open;
        s.pending = self.pending;
        s.late_up_to_10_percent = self.late_up_to_10_percent;
        s.late_up_to_50_percent = self.late_up_to_50_percent;
        s.late_up_to_100_percent = self.late_up_to_100_percent;
        s.late_over_100_percent = self.late_over_100_percent;
        DeadlineTally::from_state(s)
    }

    fn of_core(tally: &DeadlineTally) -> Result<cxkpi_deadline_tally, Error> {
        let s = tally.state()?;
        Ok(cxkpi_deadline_tally {
            kind: match s.kind {
                DeadlineKind::FirstResponse => 0,
                DeadlineKind::NextReply => 1,
                DeadlineKind::Resolution => 2,
            },
            met: s.met,
            missed: s.missed,
            missed_open: s.missed_open,
            pending: s.pending,
            late_up_to_10_percent: s.late_up_to_10_percent,
            late_up_to_50_percent: s.late_up_to_50_percent,
            late_up_to_100_percent: s.late_up_to_100_percent,
            late_over_100_percent: s.late_over_100_percent,
        })
    }
}

/// One deadline from seconds: `target_s` above 0, `elapsed_s` 0 or more.
fn deadline(target_s: f64, elapsed_s: f64, open: bool) -> Result<Deadline, Error> {
    let (target, elapsed) = (try_seconds(target_s)?, try_seconds(elapsed_s)?);
    if open {
        Deadline::open(target, elapsed)
    } else {
        Deadline::new(target, elapsed)
    }
}

/// The empty deadline tally of `kind`, a `cxkpi_deadline_kind`.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for an unknown kind.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_deadline_tally_new(
    kind: u32,
    out: *mut cxkpi_deadline_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            Ok(cxkpi_deadline_tally::of_core(&DeadlineTally::new(
                deadline_kind(kind)?,
            ))?)
        })
    }
}

/// Adds one deadline: the reply or resolution came after `elapsed_s`
/// seconds against a target of `target_s` (exactly at the target is met);
/// with `open`, it has not come yet after `elapsed_s` (a breach once past
/// the target, else pending). Measure the seconds on the clock of the SLA:
/// calendar time, or the open time of a business calendar.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for a target of 0 or seconds that are negative, NaN
/// or infinite; `CXKPI_INCONSISTENT` for a hand-made tally whose counts
/// contradict each other; `CXKPI_OVERFLOW` past 2⁶⁴ − 1 deadlines. The
/// tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_deadline_tally_record(
    tally: *mut cxkpi_deadline_tally,
    target_s: f64,
    elapsed_s: f64,
    open: bool,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        update(tally, |t| {
            t.try_record(deadline(target_s, elapsed_s, open)?)?;
            Ok(())
        })
    }
}

/// The deadline tally of `kind` from `len` done deadlines: the targets and
/// the elapsed times, in seconds, row `i` of each for the same ticket.
///
/// # Errors
///
/// As [`cxkpi_deadline_tally_record`], the message naming the index of the
/// first bad row; `CXKPI_INVALID_PARAMETER` for an unknown kind.
///
/// # Safety
///
/// `targets_s` and `elapsed_s` each point to `len` doubles (or are null
/// when `len` is 0); `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_deadline_tally_from_secs(
    kind: u32,
    targets_s: *const f64,
    elapsed_s: *const f64,
    len: usize,
    out: *mut cxkpi_deadline_tally,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let targets = unsafe { slice(targets_s, len, "targets_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let elapsed = unsafe { slice(elapsed_s, len, "elapsed_s") }?;
        let mut tally = DeadlineTally::new(deadline_kind(kind)?);
        for (i, (&t, &e)) in targets.iter().zip(elapsed).enumerate() {
            tally.try_record(deadline(t, e, false).map_err(|err| err.at(i))?)?;
        }
        out.write(cxkpi_deadline_tally::of_core(&tally)?);
        Ok(())
    })
}

/// Adds the deadlines of `other` (another team, shard or day) to `tally`.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` when the kinds differ; `CXKPI_INCONSISTENT`
/// for counts that contradict each other; `CXKPI_OVERFLOW` past 2⁶⁴ − 1
/// deadlines. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_deadline_tally_merge(
    tally: *mut cxkpi_deadline_tally,
    other: cxkpi_deadline_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        update(tally, |t| {
            cxkpi::Merge::try_merge(t, &other.to_core()?)?;
            Ok(())
        })
    }
}

/// The share of decided deadlines met: met × 100 / (met + missed). Its
/// interval is `cxkpi_rate_interval(part, whole, …)`.
///
/// # Errors
///
/// `CXKPI_EMPTY` when no deadline is met or missed yet; as
/// [`cxkpi_deadline_tally_merge`] for a hand-made tally.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_deadline_share_met(
    tally: cxkpi_deadline_tally,
    out: *mut cxkpi_rate,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, || Ok(tally.to_core()?.share_met()?.into())) }
}

// Reopens

/// A reopen tally: tickets resolved, those reopened at least once, and all
/// reopenings. `{0, 0, 0}` is the empty tally.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_reopen_tally {
    /// Tickets resolved.
    pub resolved: u64,
    /// Of those, tickets reopened at least once.
    pub reopened: u64,
    /// Reopenings, every one counted.
    pub reopenings: u64,
}

impl CState for cxkpi_reopen_tally {
    type Core = ReopenTally;

    fn to_core(self) -> Result<ReopenTally, Error> {
        ReopenTally::from_state(ReopenState {
            resolved: self.resolved,
            reopened: self.reopened,
            reopenings: self.reopenings,
        })
    }

    fn of_core(tally: &ReopenTally) -> Result<cxkpi_reopen_tally, Error> {
        let s = tally.state()?;
        Ok(cxkpi_reopen_tally {
            resolved: s.resolved,
            reopened: s.reopened,
            reopenings: s.reopenings,
        })
    }
}

/// Adds one resolved ticket, reopened `reopenings` times (0: it stayed
/// resolved).
///
/// # Errors
///
/// `CXKPI_INCONSISTENT` for a hand-made tally whose counts contradict each
/// other; `CXKPI_OVERFLOW` past 2⁶⁴ − 1. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_reopen_tally_record(
    tally: *mut cxkpi_reopen_tally,
    reopenings: u32,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        update(tally, |t| {
            t.try_record(Reopens::new(reopenings))?;
            Ok(())
        })
    }
}

/// Adds the tickets of `other` to `tally`.
///
/// # Errors
///
/// `CXKPI_INCONSISTENT` for counts that contradict each other;
/// `CXKPI_OVERFLOW` past 2⁶⁴ − 1. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_reopen_tally_merge(
    tally: *mut cxkpi_reopen_tally,
    other: cxkpi_reopen_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        update(tally, |t| {
            cxkpi::Merge::try_merge(t, &other.to_core()?)?;
            Ok(())
        })
    }
}

/// The reopen rate: tickets reopened at least once × 100 / tickets resolved.
///
/// # Errors
///
/// `CXKPI_EMPTY` without resolved tickets; `CXKPI_INCONSISTENT` for a
/// hand-made tally whose counts contradict each other.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_reopen_rate(
    tally: cxkpi_reopen_tally,
    out: *mut cxkpi_rate,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, || Ok(tally.to_core()?.reopen_rate()?.into())) }
}

// Survey response

/// A survey-response tally: surveys sent and answered. `{0, 0}` is empty.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_survey_response_tally {
    /// Surveys sent.
    pub sent: u64,
    /// Surveys answered, at most `sent`.
    pub answered: u64,
}

impl CState for cxkpi_survey_response_tally {
    type Core = SurveyResponseTally;

    fn to_core(self) -> Result<SurveyResponseTally, Error> {
        SurveyResponseTally::from_state(SurveyResponseState {
            sent: self.sent,
            answered: self.answered,
        })
    }

    fn of_core(tally: &SurveyResponseTally) -> Result<cxkpi_survey_response_tally, Error> {
        let s = tally.state()?;
        Ok(cxkpi_survey_response_tally {
            sent: s.sent,
            answered: s.answered,
        })
    }
}

/// Adds one survey sent, answered or not.
///
/// # Errors
///
/// `CXKPI_INCONSISTENT` for a hand-made tally with more answered than sent;
/// `CXKPI_OVERFLOW` past 2⁶⁴ − 1 surveys. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_survey_response_tally_record(
    tally: *mut cxkpi_survey_response_tally,
    answered: bool,
) -> cxkpi_status {
    let outcome = if answered {
        SurveyOutcome::Answered
    } else {
        SurveyOutcome::Unanswered
    };
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        update(tally, |t| {
            t.try_record(outcome)?;
            Ok(())
        })
    }
}

/// Adds the surveys of `other` to `tally`.
///
/// # Errors
///
/// As [`cxkpi_survey_response_tally_record`].
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_survey_response_tally_merge(
    tally: *mut cxkpi_survey_response_tally,
    other: cxkpi_survey_response_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        update(tally, |t| {
            cxkpi::Merge::try_merge(t, &other.to_core()?)?;
            Ok(())
        })
    }
}

/// The survey response rate: answered × 100 / sent, to report next to the
/// CSAT or NPS of the answers.
///
/// # Errors
///
/// `CXKPI_EMPTY` when no survey was sent; `CXKPI_INCONSISTENT` for more
/// answered than sent.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_survey_response_rate(
    tally: cxkpi_survey_response_tally,
    out: *mut cxkpi_rate,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, || Ok(tally.to_core()?.response_rate()?.into())) }
}

#[cfg(test)]
mod tests;

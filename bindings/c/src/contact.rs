//! Contacts and customers: retention, abandonment and FCR as plain structs
//! of counts, AHT as an opaque handle (its sums are nanoseconds beyond 64
//! bits).

use cxkpi::{
    AbandonmentTally, AhtTally, Error, FcrTally, HandleTime, Merge, Resolution, RetentionTally,
    ShortAbandons, Tally, try_seconds,
};

use crate::ptr::{Out, free_handle, into_handle, mut_ref, shared_ref, slice};
use crate::status::{cxkpi_status, guard};
use crate::values::{CTally, compute_into, cxkpi_rate, merge_into, record_into};

// Retention

/// A retention tally: customers at the start (CS) and at the end (CE) of a
/// period, and customers gained during it (CN). `{0, 0, 0}` is empty.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_retention_tally {
    /// Customers at the start of the period, CS.
    pub customers_at_start: u64,
    /// Customers at the end of the period, CE.
    pub customers_at_end: u64,
    /// Customers gained during the period and there at its end, CN.
    pub new_customers: u64,
}

impl CTally for cxkpi_retention_tally {
    type Core = RetentionTally;

    fn to_core(self) -> Result<RetentionTally, Error> {
        RetentionTally::from_counts(
            self.customers_at_start,
            self.customers_at_end,
            self.new_customers,
        )
    }

    fn of_core(tally: &RetentionTally) -> Result<cxkpi_retention_tally, Error> {
        Ok(cxkpi_retention_tally {
            customers_at_start: tally.customers_at_start()?,
            customers_at_end: tally.customers_at_end()?,
            new_customers: tally.new_customers()?,
        })
    }
}

/// Adds the customers of `other` (another segment of the same period) to
/// `tally`.
///
/// # Errors
///
/// `CXKPI_INCONSISTENT` for counts that contradict each other;
/// `CXKPI_OVERFLOW` when a count would pass 2⁶⁴ − 1. The tally is then
/// unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_retention_tally_merge(
    tally: *mut cxkpi_retention_tally,
    other: cxkpi_retention_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { merge_into(tally, |_| Ok(other.to_core()?)) }
}

/// Customer retention: (CE − CN) × 100 / CS; `part` is CE − CN, `whole` CS.
///
/// # Errors
///
/// `CXKPI_EMPTY` when CS is 0; `CXKPI_INCONSISTENT` when CN > CE or
/// CE − CN > CS.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_retention(
    tally: cxkpi_retention_tally,
    out: *mut cxkpi_rate,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, || Ok(tally.to_core()?.retention()?.into())) }
}

/// Customer churn: 100 − retention; `part` is the customers lost.
///
/// # Errors
///
/// As [`cxkpi_retention`].
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_churn(
    tally: cxkpi_retention_tally,
    out: *mut cxkpi_rate,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, || Ok(tally.to_core()?.churn()?.into())) }
}

// Abandonment

/// An abandonment tally: contacts offered, abandoned, and abandoned short
/// (before a short-abandon threshold). `{0, 0, 0}` is the empty tally.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_abandonment_tally {
    /// Contacts offered: answered and abandoned.
    pub offered: u64,
    /// Contacts abandoned, short ones included.
    pub abandoned: u64,
    /// Abandoned contacts that were short; 0 without a threshold.
    pub short_abandoned: u64,
}

impl CTally for cxkpi_abandonment_tally {
    type Core = AbandonmentTally;

    fn to_core(self) -> Result<AbandonmentTally, Error> {
        AbandonmentTally::from_counts(self.offered, self.abandoned, self.short_abandoned)
    }

    fn of_core(tally: &AbandonmentTally) -> Result<cxkpi_abandonment_tally, Error> {
        Ok(cxkpi_abandonment_tally {
            offered: tally.offered()?,
            abandoned: tally.abandoned()?,
            short_abandoned: tally.short_abandoned()?,
        })
    }
}

/// The abandonment tally of `answered` contacts and the waits, in seconds,
/// of `len` abandoned ones; an abandon is short when its wait is strictly
/// below `short_abandon_below_s` (0: none is short).
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for a negative, NaN or infinite wait (the message
/// names its index); `CXKPI_INVALID_PARAMETER` for such a threshold;
/// `CXKPI_OVERFLOW` past 2⁶⁴ − 1 contacts.
///
/// # Safety
///
/// `abandon_waits_s` points to `len` doubles (or is null when `len` is 0);
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_abandonment_tally_from_abandon_waits(
    answered: u64,
    abandon_waits_s: *const f64,
    len: usize,
    short_abandon_below_s: f64,
    out: *mut cxkpi_abandonment_tally,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let secs = unsafe { slice(abandon_waits_s, len, "abandon_waits_s") }?;
        let waits = secs
            .iter()
            .enumerate()
            .map(|(i, &s)| try_seconds(s).map_err(|e| e.at(i)))
            .collect::<Result<Vec<_>, _>>()?;
        let rule = ShortAbandons::below_secs(short_abandon_below_s)?;
        let tally = AbandonmentTally::from_abandon_waits(rule, answered, &waits)?;
        out.write(cxkpi_abandonment_tally::of_core(&tally)?);
        Ok(())
    })
}

/// Adds the contacts of `other` to `tally`.
///
/// # Errors
///
/// `CXKPI_INCONSISTENT` for counts that contradict each other;
/// `CXKPI_OVERFLOW` when a count would pass 2⁶⁴ − 1. The tally is then
/// unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_abandonment_tally_merge(
    tally: *mut cxkpi_abandonment_tally,
    other: cxkpi_abandonment_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { merge_into(tally, |_| Ok(other.to_core()?)) }
}

/// The abandonment rate without short abandons:
/// (abandoned − short) × 100 / (offered − short).
///
/// # Errors
///
/// `CXKPI_EMPTY` when no contact is left once short abandons are out;
/// `CXKPI_INCONSISTENT` when abandoned > offered or short > abandoned.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_abandonment(
    tally: cxkpi_abandonment_tally,
    out: *mut cxkpi_rate,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, || Ok(tally.to_core()?.abandonment()?.into())) }
}

/// The abandonment rate with short abandons counted: abandoned × 100 /
/// offered.
///
/// # Errors
///
/// As [`cxkpi_abandonment`].
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_abandonment_including_short(
    tally: cxkpi_abandonment_tally,
    out: *mut cxkpi_rate,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            Ok(tally.to_core()?.abandonment_including_short()?.into())
        })
    }
}

// FCR

/// An FCR tally: resolved requests, and those resolved on first contact.
/// `{0, 0}` is the empty tally.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct cxkpi_fcr_tally {
    /// Requests resolved with one contact.
    pub resolved_on_first_contact: u64,
    /// Resolved requests.
    pub resolved: u64,
}

impl CTally for cxkpi_fcr_tally {
    type Core = FcrTally;

    fn to_core(self) -> Result<FcrTally, Error> {
        FcrTally::from_counts(self.resolved_on_first_contact, self.resolved)
    }

    fn of_core(tally: &FcrTally) -> Result<cxkpi_fcr_tally, Error> {
        Ok(cxkpi_fcr_tally {
            resolved_on_first_contact: tally.first_contact()?,
            resolved: tally.len()?,
        })
    }
}

/// The FCR tally of `len` resolved requests, each given as the number of
/// contacts it took (1 is a first-contact resolution).
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for a count of 0 (the message names its index).
///
/// # Safety
///
/// `contacts` points to `len` `uint32_t` (or is null when `len` is 0);
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_fcr_tally_from_contact_counts(
    contacts: *const u32,
    len: usize,
    out: *mut cxkpi_fcr_tally,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let contacts = unsafe { slice(contacts, len, "contacts") }?;
        out.write(cxkpi_fcr_tally::of_core(&FcrTally::from_contact_counts(
            contacts,
        )?)?);
        Ok(())
    })
}

/// Adds one resolved request that took `contacts` contacts, given as any
/// integer.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` unless `contacts` ≥ 1 and fits 32 bits;
/// `CXKPI_OVERFLOW` past 2⁶⁴ − 1 requests. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_fcr_tally_record(
    tally: *mut cxkpi_fcr_tally,
    contacts: i64,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { record_into(tally, |_| Ok(Resolution::try_from(contacts)?)) }
}

/// Adds the requests of `other` to `tally`.
///
/// # Errors
///
/// `CXKPI_INCONSISTENT` for counts that contradict each other;
/// `CXKPI_OVERFLOW` when a count would pass 2⁶⁴ − 1. The tally is then
/// unchanged.
///
/// # Safety
///
/// `tally` is null or points to a tally that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_fcr_tally_merge(
    tally: *mut cxkpi_fcr_tally,
    other: cxkpi_fcr_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { merge_into(tally, |_| Ok(other.to_core()?)) }
}

/// First-contact resolution: resolved on first contact × 100 / resolved.
///
/// # Errors
///
/// `CXKPI_EMPTY` without resolved requests; `CXKPI_INCONSISTENT` when more
/// were resolved on first contact than were resolved.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_fcr(tally: cxkpi_fcr_tally, out: *mut cxkpi_rate) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, || Ok(tally.to_core()?.fcr()?.into())) }
}

// AHT

/// An AHT tally (opaque): handled contacts and their talk, hold and
/// after-contact work, exact to the nanosecond. Made by
/// [`cxkpi_aht_tally_new`], [`cxkpi_aht_tally_from_totals`] or
/// [`cxkpi_aht_tally_from_whole_secs`], released by
/// [`cxkpi_aht_tally_free`].
pub struct cxkpi_aht_tally(pub(crate) AhtTally);

/// Average handle time and its components, in seconds.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_aht_result {
    /// (talk + hold + after-contact work) / handled contacts.
    pub aht_s: f64,
    /// Mean talk time.
    pub talk_s: f64,
    /// Mean hold time.
    pub hold_s: f64,
    /// Mean after-contact work (wrap-up).
    pub wrap_s: f64,
    /// Handled contacts, never 0 in a result.
    pub handled: u64,
}

/// Makes an empty AHT tally and writes its handle to `out`.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_aht_tally_new(out: *mut *mut cxkpi_aht_tally) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, || Ok(into_handle(cxkpi_aht_tally(AhtTally::new())))) }
}

/// Makes an AHT tally of known totals, in seconds, over `handled` contacts.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for a negative, NaN or infinite total;
/// `CXKPI_INCONSISTENT` for time over 0 contacts.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_aht_tally_from_totals(
    talk_s: f64,
    hold_s: f64,
    wrap_s: f64,
    handled: u64,
    out: *mut *mut cxkpi_aht_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let totals = HandleTime::from_secs(talk_s, hold_s, wrap_s)?;
            let tally = AhtTally::from_counts(handled, totals.talk, totals.hold, totals.wrap)?;
            Ok(into_handle(cxkpi_aht_tally(tally)))
        })
    }
}

/// Makes the AHT tally of contacts given as three columns of whole seconds,
/// `uint32_t` each, such as a log's: row `i` of `talk_s`, `hold_s` and
/// `wrap_s` is one contact. Each column is summed exactly in one vectorised
/// pass; the tally equals recording each row with
/// [`cxkpi_aht_tally_record`].
///
/// # Errors
///
/// `CXKPI_INCONSISTENT` when the columns differ in length (the message
/// names the columns and their lengths). No time can be refused.
///
/// # Safety
///
/// Each array points to its length of `uint32_t` (or is null when its
/// length is 0); `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_aht_tally_from_whole_secs(
    talk_s: *const u32,
    talk_len: usize,
    hold_s: *const u32,
    hold_len: usize,
    wrap_s: *const u32,
    wrap_len: usize,
    out: *mut *mut cxkpi_aht_tally,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let talk = unsafe { slice(talk_s, talk_len, "talk_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let hold = unsafe { slice(hold_s, hold_len, "hold_s") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let wrap = unsafe { slice(wrap_s, wrap_len, "wrap_s") }?;
        let tally = AhtTally::from_whole_secs(talk, hold, wrap)?;
        out.write(into_handle(cxkpi_aht_tally(tally)));
        Ok(())
    })
}

/// Adds one handled contact, its times in seconds.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for a negative, NaN or infinite time;
/// `CXKPI_OVERFLOW` past 2⁶⁴ − 1 contacts. The tally is then unchanged.
///
/// # Safety
///
/// `tally` is null or a live handle that nothing else uses during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_aht_tally_record(
    tally: *mut cxkpi_aht_tally,
    talk_s: f64,
    hold_s: f64,
    wrap_s: f64,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let tally = unsafe { mut_ref(tally, "tally") }?;
        let contact = HandleTime::from_secs(talk_s, hold_s, wrap_s)?;
        tally.0.try_record(contact)?;
        Ok(())
    })
}

/// Adds the contacts of `other` to `tally` (which may be `other` itself).
///
/// # Errors
///
/// `CXKPI_OVERFLOW` when a count or total would overflow; the tally is then
/// unchanged.
///
/// # Safety
///
/// `tally` and `other` are null or live handles that nothing else uses
/// during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_aht_tally_merge(
    tally: *mut cxkpi_aht_tally,
    other: *const cxkpi_aht_tally,
) -> cxkpi_status {
    guard(|| {
        // A copy of `other` first, so that merging a tally into itself never
        // holds two references to one tally.
        // SAFETY: the caller's promise, in `# Safety`.
        let other = unsafe { shared_ref(other, "other") }?.0.clone();
        // SAFETY: the caller's promise, in `# Safety`.
        let tally = unsafe { mut_ref(tally, "tally") }?;
        tally.0.try_merge(&other)?;
        Ok(())
    })
}

/// The average handle time of a tally.
///
/// # Errors
///
/// `CXKPI_EMPTY` without handled contacts.
///
/// # Safety
///
/// `tally` is null or a live handle; `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_aht(
    tally: *const cxkpi_aht_tally,
    out: *mut cxkpi_aht_result,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let aht = unsafe { shared_ref(tally, "tally") }?.0.aht()?;
        out.write(cxkpi_aht_result {
            aht_s: aht.secs(),
            talk_s: aht.talk_secs(),
            hold_s: aht.hold_secs(),
            wrap_s: aht.wrap_secs(),
            handled: aht.handled(),
        });
        Ok(())
    })
}

/// Releases an AHT tally; null does nothing.
///
/// # Safety
///
/// `tally` is null or a live handle, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_aht_tally_free(tally: *mut cxkpi_aht_tally) {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { free_handle(tally) }
}

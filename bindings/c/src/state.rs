//! Tally states as JSON text: for every tally, `cxkpi_<tally>_state_json`
//! writes the core's wire format (the crate docs' "Wire format", the text
//! Rust's `serde_json` writes and JavaScript's `toState()` gives) and
//! `cxkpi_<tally>_from_state_json` reads it back through the core's
//! `Tally::from_state`, which checks every invariant. A tally built in C
//! merges with one built in Rust, JavaScript or SQL through this one portable
//! form. For the `#[repr(C)]` tallies the struct already is the state by
//! value; the JSON pair gives them the same portable text as the opaque ones.

use core::ffi::c_char;

use cxkpi::{AhtTally, ServiceLevelTally, Tally, WaitTally};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ptr::{Out, into_handle, shared_ref, slice, write_text};
use crate::status::{Failure, cxkpi_status, guard};
use crate::tickets::CState;
use crate::values::{CTally, compute_into};
use crate::{
    cxkpi_abandonment_tally, cxkpi_aht_tally, cxkpi_ces_tally, cxkpi_cost_tally, cxkpi_csat_tally,
    cxkpi_deadline_tally, cxkpi_fcr_tally, cxkpi_nps_tally, cxkpi_reopen_tally,
    cxkpi_retention_tally, cxkpi_service_level_tally, cxkpi_survey_response_tally,
    cxkpi_wait_tally,
};

#[cfg(test)]
mod tests;

/// Writes the JSON text of the state that `state` gives, with a NUL, into
/// `buffer` of `capacity` bytes, and its length without the NUL to
/// `out_len`; too small a buffer receives nothing and `out_len` the length
/// needed, as [`crate::cxkpi_money_format`] does.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
unsafe fn write_state<S: Serialize>(
    state: impl FnOnce() -> Result<S, Failure>,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: forwarded to the caller.
        let out_len = unsafe { Out::new(out_len, "out_len") }?;
        // A state is plain data with string keys: writing it cannot fail.
        let text = serde_json::to_string(&state()?).map_err(|e| Failure::Malformed {
            what: "tally state",
            detail: e.to_string(),
        })?;
        // SAFETY: forwarded to the caller.
        unsafe { write_text(&text, buffer, capacity, out_len) }
    })
}

/// The core tally of the JSON text of `len` bytes at `text`, a state of the
/// wire format; `what` names it in the error.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0).
unsafe fn read_state<T: Tally>(
    text: *const c_char,
    len: usize,
    what: &'static str,
) -> Result<T, Failure>
where
    T::State: DeserializeOwned,
{
    // SAFETY: forwarded to the caller.
    let bytes = unsafe { slice(text.cast::<u8>(), len, "text") }?;
    let text = core::str::from_utf8(bytes).map_err(|_| Failure::Utf8("text"))?;
    // The text becomes the state through the core's `Deserialize` (every
    // field rule of the wire format), then the tally through `from_state`
    // (every invariant, with the error kind of the core).
    let state = serde_json::from_str::<T::State>(text).map_err(|e| Failure::Malformed {
        what,
        detail: e.to_string(),
    })?;
    Ok(T::from_state(state)?)
}

/// [`read_state`] into the `#[repr(C)]` tally at `out`.
///
/// # Safety
///
/// As [`read_state`]; `out` is null or valid for writing.
unsafe fn read_counts<C: CTally>(
    text: *const c_char,
    len: usize,
    what: &'static str,
    out: *mut C,
) -> cxkpi_status
where
    <C::Core as Tally>::State: DeserializeOwned,
{
    let read = || {
        // SAFETY: forwarded to the caller.
        let tally = unsafe { read_state::<C::Core>(text, len, what) }?;
        Ok(C::of_core(&tally)?)
    };
    // SAFETY: forwarded to the caller.
    unsafe { compute_into(out, read) }
}

/// [`read_state`] into the `#[repr(C)]` ticket tally at `out`.
///
/// # Safety
///
/// As [`read_state`]; `out` is null or valid for writing.
unsafe fn read_ticket_counts<C: CState>(
    text: *const c_char,
    len: usize,
    what: &'static str,
    out: *mut C,
) -> cxkpi_status
where
    <C::Core as Tally>::State: DeserializeOwned,
{
    let read = || {
        // SAFETY: forwarded to the caller.
        let tally = unsafe { read_state::<C::Core>(text, len, what) }?;
        Ok(C::of_core(&tally)?)
    };
    // SAFETY: forwarded to the caller.
    unsafe { compute_into(out, read) }
}

/// Writes the state of an NPS tally as JSON text, the core's wire format:
/// `{"promoters":"2","passives":"1","detractors":"1"}`.
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_OVERFLOW` when the counts sum past 2⁶⁴ − 1.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps_tally_state_json(
    tally: cxkpi_nps_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    let state = || Ok(tally.to_core()?.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Reads an NPS tally from the JSON text of its state, `len` bytes at `text`
/// (no NUL needed), and writes it to `out`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_OVERFLOW` when the counts sum past 2⁶⁴ − 1.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_nps_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut cxkpi_nps_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { read_counts(text, len, "NPS tally state", out) }
}

/// Writes the state of a CSAT tally as JSON text, the core's wire format:
/// `{"rule":{"scale":{"min":1,"max":5},"satisfied_from":4},"satisfied":"3","responses":"4"}`.
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_INVALID_PARAMETER` or `CXKPI_INCONSISTENT` for a tally that is not one.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_csat_tally_state_json(
    tally: cxkpi_csat_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    let state = || Ok(tally.to_core()?.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Reads a CSAT tally from the JSON text of its state, `len` bytes at `text`
/// (no NUL needed), and writes it to `out`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INVALID_PARAMETER` for an impossible rule; `CXKPI_INCONSISTENT` when satisfied exceeds responses.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_csat_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut cxkpi_csat_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { read_counts(text, len, "CSAT tally state", out) }
}

/// Writes the state of a CES tally as JSON text, the core's wire format:
/// `{"scale":{"min":1,"max":7},"sum":"22","responses":"4"}`.
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_INVALID_PARAMETER` or `CXKPI_INCONSISTENT` for a tally that is not one.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_ces_tally_state_json(
    tally: cxkpi_ces_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    let state = || Ok(tally.to_core()?.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Reads a CES tally from the JSON text of its state, `len` bytes at `text`
/// (no NUL needed), and writes it to `out`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INVALID_PARAMETER` for an impossible scale; `CXKPI_INCONSISTENT` for a sum no scores on the scale could reach.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_ces_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut cxkpi_ces_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { read_counts(text, len, "CES tally state", out) }
}

/// Writes the state of a retention tally as JSON text, the core's wire format:
/// `{"customers_at_start":"200","customers_at_end":"220","new_customers":"40"}`.
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_INCONSISTENT` for counts that contradict each other.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_retention_tally_state_json(
    tally: cxkpi_retention_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    let state = || Ok(tally.to_core()?.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Reads a retention tally from the JSON text of its state, `len` bytes at `text`
/// (no NUL needed), and writes it to `out`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INCONSISTENT` for counts that contradict each other.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_retention_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut cxkpi_retention_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { read_counts(text, len, "retention tally state", out) }
}

/// Writes the state of an abandonment tally as JSON text, the core's wire format:
/// `{"offered":"200","abandoned":"14","short_abandoned":"4"}`.
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_INCONSISTENT` when a part exceeds its whole.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_abandonment_tally_state_json(
    tally: cxkpi_abandonment_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    let state = || Ok(tally.to_core()?.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Reads an abandonment tally from the JSON text of its state, `len` bytes at `text`
/// (no NUL needed), and writes it to `out`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INCONSISTENT` when a part exceeds its whole.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_abandonment_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut cxkpi_abandonment_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { read_counts(text, len, "abandonment tally state", out) }
}

/// Writes the state of an FCR tally as JSON text, the core's wire format:
/// `{"resolved_on_first_contact":"74","resolved":"100"}`.
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_INCONSISTENT` when a part exceeds its whole.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_fcr_tally_state_json(
    tally: cxkpi_fcr_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    let state = || Ok(tally.to_core()?.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Reads an FCR tally from the JSON text of its state, `len` bytes at `text`
/// (no NUL needed), and writes it to `out`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INCONSISTENT` when more were resolved on first contact than were resolved.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_fcr_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut cxkpi_fcr_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { read_counts(text, len, "FCR tally state", out) }
}

/// Writes the state of a cost tally as JSON text, the core's wire format:
/// `{"total_cost":"1556.00","units":"100"}` (money as exact decimal text).
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_INVALID_PARAMETER` for a scale above 28; `CXKPI_INCONSISTENT` for a cost over 0 units.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_cost_tally_state_json(
    tally: cxkpi_cost_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    let state = || Ok(tally.to_core()?.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Reads a cost tally from the JSON text of its state, `len` bytes at `text`
/// (no NUL needed), and writes it to `out`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INCONSISTENT` for a cost over 0 units.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_cost_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut cxkpi_cost_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { read_counts(text, len, "cost tally state", out) }
}

/// Writes the state of the AHT tally at `tally` as JSON text, the core's wire
/// format: `{"handled":"20","talk_ns":"3600000000000","hold_ns":"600000000000","wrap_ns":"900000000000"}` (totals in nanoseconds).
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_NULL_POINTER` for a null tally.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing; `tally` is null or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_aht_tally_state_json(
    tally: *const cxkpi_aht_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    let state = || Ok(unsafe { shared_ref(tally, "tally") }?.0.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Makes an AHT tally from the JSON text of its state, `len` bytes at
/// `text` (no NUL needed), and writes its handle to `out`; release it with
/// `cxkpi_aht_tally_free`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INCONSISTENT` for time over 0 contacts.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_aht_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut *mut cxkpi_aht_tally,
) -> cxkpi_status {
    let read = || {
        // SAFETY: the caller's promise, in `# Safety`.
        let tally = unsafe { read_state::<AhtTally>(text, len, "AHT tally state") }?;
        Ok(into_handle(cxkpi_aht_tally(tally)))
    };
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, read) }
}

/// Writes the state of the wait tally at `tally` as JSON text, the core's wire
/// format: `{"answered":"3","answered_wait_ns":"90000000000","abandoned":"2","abandoned_wait_ns":"100000000000"}`.
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_NULL_POINTER` for a null tally.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing; `tally` is null or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_wait_tally_state_json(
    tally: *const cxkpi_wait_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    let state = || Ok(unsafe { shared_ref(tally, "tally") }?.0.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Makes a wait tally from the JSON text of its state, `len` bytes at
/// `text` (no NUL needed), and writes its handle to `out`; release it with
/// `cxkpi_wait_tally_free`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INCONSISTENT` for a wait over 0 contacts; `CXKPI_OVERFLOW` when the contacts sum past 2⁶⁴ − 1.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_wait_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut *mut cxkpi_wait_tally,
) -> cxkpi_status {
    let read = || {
        // SAFETY: the caller's promise, in `# Safety`.
        let tally = unsafe { read_state::<WaitTally>(text, len, "wait tally state") }?;
        Ok(into_handle(cxkpi_wait_tally(tally)))
    };
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, read) }
}

/// Writes the state of the service-level tally at `tally` as JSON text, the core's wire
/// format: `{"threshold_s":20,"short_abandon_below_s":5,"answered":"6","answered_within":"4","abandoned":"3","abandoned_within":"2","short_abandoned":"1"}` (thresholds in seconds; `null` for no short-abandon rule).
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_NULL_POINTER` for a null tally.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing; `tally` is null or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_service_level_tally_state_json(
    tally: *const cxkpi_service_level_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    let state = || Ok(unsafe { shared_ref(tally, "tally") }?.0.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Makes a service-level tally from the JSON text of its state, `len` bytes at
/// `text` (no NUL needed), and writes its handle to `out`; release it with
/// `cxkpi_service_level_tally_free`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INCONSISTENT` when a part exceeds its whole.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_service_level_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut *mut cxkpi_service_level_tally,
) -> cxkpi_status {
    let read = || {
        // SAFETY: the caller's promise, in `# Safety`.
        let tally =
            unsafe { read_state::<ServiceLevelTally>(text, len, "service-level tally state") }?;
        Ok(into_handle(cxkpi_service_level_tally(tally)))
    };
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { compute_into(out, read) }
}

/// Writes the state of a deadline tally as JSON text, the core's wire format:
/// the core's `DeadlineState` (`{"kind":"first_response","met":"3",…}`).
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_INVALID_PARAMETER` or `CXKPI_INCONSISTENT` for a tally that is not one.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_deadline_tally_state_json(
    tally: cxkpi_deadline_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    let state = || Ok(tally.to_core()?.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Reads a deadline tally from the JSON text of its state, `len` bytes at `text`
/// (no NUL needed), and writes it to `out`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INCONSISTENT` when the lateness counts do not sum to the missed.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_deadline_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut cxkpi_deadline_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { read_ticket_counts(text, len, "deadline tally state", out) }
}

/// Writes the state of a reopen tally as JSON text, the core's wire format:
/// the core's `ReopenState`.
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_INCONSISTENT` for a tally that is not one.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_reopen_tally_state_json(
    tally: cxkpi_reopen_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    let state = || Ok(tally.to_core()?.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Reads a reopen tally from the JSON text of its state, `len` bytes at `text`
/// (no NUL needed), and writes it to `out`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INCONSISTENT` when a part exceeds its whole.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_reopen_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut cxkpi_reopen_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { read_ticket_counts(text, len, "reopen tally state", out) }
}

/// Writes the state of a survey-response tally as JSON text, the core's wire format:
/// the core's `SurveyResponseState`.
///
/// # Errors
///
/// `CXKPI_BUFFER_TOO_SMALL` when the text and its NUL do not fit `capacity`
/// (`out_len` then receives the length needed: a capacity of 0 asks for
/// it); `CXKPI_INCONSISTENT` for a tally that is not one.
///
/// # Safety
///
/// `buffer` points to `capacity` writable bytes (or is null when `capacity`
/// is 0); `out_len` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_survey_response_tally_state_json(
    tally: cxkpi_survey_response_tally,
    buffer: *mut c_char,
    capacity: usize,
    out_len: *mut usize,
) -> cxkpi_status {
    let state = || Ok(tally.to_core()?.state()?);
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { write_state(state, buffer, capacity, out_len) }
}

/// Reads a survey-response tally from the JSON text of its state, `len` bytes at `text`
/// (no NUL needed), and writes it to `out`.
///
/// # Errors
///
/// `CXKPI_OUT_OF_RANGE` for text that is not a state of this tally (not
/// JSON, a missing, unknown or mistyped field, a count past 2⁶⁴ − 1: the
/// message has the parser's detail); `CXKPI_INVALID_UTF8`; `CXKPI_INCONSISTENT` when a part exceeds its whole.
///
/// # Safety
///
/// `text` points to `len` bytes (or is null when `len` is 0); `out` is null
/// or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_survey_response_tally_from_state_json(
    text: *const c_char,
    len: usize,
    out: *mut cxkpi_survey_response_tally,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe { read_ticket_counts(text, len, "survey-response tally state", out) }
}

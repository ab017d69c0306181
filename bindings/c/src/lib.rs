//! The C ABI of cxkpi: customer-service KPI math for C, C++ and every
//! language that can call C.
//!
//! The header is `include/cxkpi.h`, generated from this crate by cbindgen;
//! `examples/report.c` shows a whole program. The conventions, the same for
//! every function:
//!
//! - **Status codes.** Every function that can fail returns a
//!   [`cxkpi_status`]: `CXKPI_OK` (0), one of the six error kinds of the
//!   conformance vectors (1–6, the core's `ErrorKind`), or a code of the
//!   boundary itself (100 and up: a null or misaligned pointer, text that is
//!   not UTF-8, a buffer too small, an internal error).
//!   [`cxkpi_status_name`] gives the kind's name (`"out_of_range"`),
//!   [`cxkpi_status_message`] a static sentence, and
//!   [`cxkpi_last_error_message`] the detailed message of the last failure on
//!   the calling thread ("NPS rating 11 at index 1 is out of range: it must be
//!   between 0 and 10").
//! - **Results through out-pointers.** The last parameters, named `out…`,
//!   receive the results; they are written only on success, so on failure
//!   they keep what they held (one exception: the length that
//!   [`cxkpi_money_format`] reports for a buffer too small).
//! - **Arrays** are a pointer and a length; the pointer may be null when the
//!   length is 0. **Text** is a NUL-terminated UTF-8 string.
//! - **Money** never crosses as a float: a [`cxkpi_money`] is a fixed-point
//!   integer with a scale (15.56 is `{1556, 0, 2}`), and
//!   [`cxkpi_money_parse`] and [`cxkpi_money_format`] convert decimal text.
//! - **Tallies** of plain counts are `#[repr(C)]` structs ([`cxkpi_nps_tally`],
//!   [`cxkpi_csat_tally`], …): a zeroed struct is the empty tally, C code may
//!   store, copy and send them, and `…_merge` adds one to another. Every
//!   function validates a tally it receives, so a hand-made tally whose
//!   counts contradict each other is refused (`CXKPI_INCONSISTENT`), never
//!   computed. Tallies of durations are opaque handles ([`cxkpi_aht_tally`],
//!   [`cxkpi_wait_tally`], [`cxkpi_service_level_tally`]) made by `…_new`
//!   and released by `…_free`.
//! - **Durations** cross as `double` seconds and are rounded to the nearest
//!   whole nanosecond on the way in, as the core's `core::time::Duration`
//!   holds them: two waits less than half a nanosecond apart compare equal,
//!   and results in seconds are exact to that nanosecond.
//! - **Enumerations** ([`cxkpi_abandon_treatment`], [`cxkpi_rate_method`], …)
//!   cross as `uint32_t`, and a value outside the enumeration is
//!   `CXKPI_INVALID_PARAMETER`, never undefined behaviour.
//! - **Threads.** Every function is thread-safe; a tally or handle must not
//!   be changed by one thread while another uses it.
//! - **Panics.** The core does not panic on any input. Each entry point
//!   still runs inside `catch_unwind` (the library is built with
//!   `panic = "unwind"`), so a bug in cxkpi returns `CXKPI_INTERNAL` instead
//!   of unwinding into C, which would abort the process.
//!
//! # Example
//!
//! ```c
//! uint8_t scores[] = {10, 9, 9, 8, 3};
//! cxkpi_nps_tally tally;
//! cxkpi_nps_result nps;
//! if (cxkpi_nps_tally_from_scores(scores, 5, &tally) == CXKPI_OK
//!     && cxkpi_nps(tally, &nps) == CXKPI_OK) {
//!     printf("NPS %+.1f (n = %llu)\n", nps.nps, (unsigned long long)nps.responses);
//! }
//! ```

// In the header's order, which cbindgen takes from these lines: statuses,
// then the families in the order of the conformance vectors; the blank lines
// keep rustfmt from sorting them.
mod status;

mod survey;

mod contact;

mod cost;

mod operations;

mod staffing;

mod stats;

mod grouped;
mod tickets;

mod state;

mod ptr;
#[cfg(test)]
mod tests;
mod values;

pub use contact::*;
pub use cost::*;
pub use grouped::*;
pub use operations::*;
pub use staffing::*;
pub use state::*;
pub use stats::*;
pub use status::*;
pub use survey::*;
pub use tickets::*;
pub use values::*;

use core::ffi::c_char;

/// The version of this library, such as `"0.1.0"`: a static string.
#[unsafe(no_mangle)]
pub extern "C" fn cxkpi_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

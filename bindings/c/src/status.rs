//! Status codes, their names and messages, the thread's last error, and the
//! guard that every entry point runs in.

use core::cell::RefCell;
use core::ffi::c_char;
use core::fmt;
use std::ffi::CString;
use std::panic::{self, AssertUnwindSafe};

use cxkpi::ErrorKind;

/// What a function did: `CXKPI_OK`, an error kind of the core (1–6), or a
/// problem at the boundary (100 and up).
///
/// The codes of the core's kinds equal the conformance vectors' error kinds,
/// whose names [`cxkpi_status_name`] gives.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cxkpi_status {
    /// Success: the out-parameters hold the result.
    CXKPI_OK = 0,
    /// `empty`: nothing to compute over (no responses, a denominator of 0).
    CXKPI_EMPTY = 1,
    /// `out_of_range`: an observation outside its scale or domain (a score of
    /// 11 on 0–10, a negative duration or cost, text that is not a decimal).
    CXKPI_OUT_OF_RANGE = 2,
    /// `inconsistent`: inputs that contradict each other (more abandoned than
    /// offered contacts).
    CXKPI_INCONSISTENT = 3,
    /// `invalid_parameter`: an impossible parameter (a scale whose minimum is
    /// not below its maximum, a confidence outside (0, 1), zero agents, an
    /// enumeration value that does not exist, tallies with different
    /// parameters merged).
    CXKPI_INVALID_PARAMETER = 4,
    /// `overflow`: a count or sum beyond its integer or decimal type.
    CXKPI_OVERFLOW = 5,
    /// `overloaded`: a queue whose traffic meets or exceeds its agents.
    CXKPI_OVERLOADED = 6,
    /// A pointer that must not be null was null.
    CXKPI_NULL_POINTER = 100,
    /// A pointer misaligned for its type, or an array length that no array
    /// can have.
    CXKPI_BAD_POINTER = 101,
    /// Text that is not UTF-8.
    CXKPI_INVALID_UTF8 = 102,
    /// A buffer too small for the text to write; the needed length is
    /// reported through the length out-parameter.
    CXKPI_BUFFER_TOO_SMALL = 103,
    /// A bug in cxkpi: a panic caught at the boundary. Please report it with
    /// [`cxkpi_last_error_message`].
    CXKPI_INTERNAL = 199,
}

use cxkpi_status::{
    CXKPI_BAD_POINTER, CXKPI_BUFFER_TOO_SMALL, CXKPI_EMPTY, CXKPI_INCONSISTENT, CXKPI_INTERNAL,
    CXKPI_INVALID_PARAMETER, CXKPI_INVALID_UTF8, CXKPI_NULL_POINTER, CXKPI_OK, CXKPI_OUT_OF_RANGE,
    CXKPI_OVERFLOW, CXKPI_OVERLOADED,
};

impl cxkpi_status {
    /// The status of an error kind of the core.
    pub(crate) const fn of_kind(kind: ErrorKind) -> cxkpi_status {
        match kind {
            ErrorKind::Empty => CXKPI_EMPTY,
            ErrorKind::OutOfRange => CXKPI_OUT_OF_RANGE,
            ErrorKind::Inconsistent => CXKPI_INCONSISTENT,
            ErrorKind::InvalidParameter => CXKPI_INVALID_PARAMETER,
            ErrorKind::Overflow => CXKPI_OVERFLOW,
            ErrorKind::Overloaded => CXKPI_OVERLOADED,
            // A kind added to the core after this binding: tests pin every
            // kind of `ErrorKind::ALL` to its own code, so this stays unused
            // until the binding is updated.
            _ => CXKPI_INTERNAL,
        }
    }

    /// The status whose code is `code`, if there is one.
    const fn from_code(code: i32) -> Option<cxkpi_status> {
        Some(match code {
            0 => CXKPI_OK,
            1 => CXKPI_EMPTY,
            2 => CXKPI_OUT_OF_RANGE,
            3 => CXKPI_INCONSISTENT,
            4 => CXKPI_INVALID_PARAMETER,
            5 => CXKPI_OVERFLOW,
            6 => CXKPI_OVERLOADED,
            100 => CXKPI_NULL_POINTER,
            101 => CXKPI_BAD_POINTER,
            102 => CXKPI_INVALID_UTF8,
            103 => CXKPI_BUFFER_TOO_SMALL,
            199 => CXKPI_INTERNAL,
            _ => return None,
        })
    }

    /// The name, NUL-terminated: the vectors' kind for the core's kinds.
    const fn name(self) -> &'static str {
        match self {
            CXKPI_OK => "ok\0",
            CXKPI_EMPTY => "empty\0",
            CXKPI_OUT_OF_RANGE => "out_of_range\0",
            CXKPI_INCONSISTENT => "inconsistent\0",
            CXKPI_INVALID_PARAMETER => "invalid_parameter\0",
            CXKPI_OVERFLOW => "overflow\0",
            CXKPI_OVERLOADED => "overloaded\0",
            CXKPI_NULL_POINTER => "null_pointer\0",
            CXKPI_BAD_POINTER => "bad_pointer\0",
            CXKPI_INVALID_UTF8 => "invalid_utf8\0",
            CXKPI_BUFFER_TOO_SMALL => "buffer_too_small\0",
            CXKPI_INTERNAL => "internal\0",
        }
    }

    /// A sentence, NUL-terminated.
    const fn message(self) -> &'static str {
        match self {
            CXKPI_OK => "success\0",
            CXKPI_EMPTY => "nothing to compute over: no observations, or a denominator of zero\0",
            CXKPI_OUT_OF_RANGE => "an observation lies outside its scale or domain\0",
            CXKPI_INCONSISTENT => "inputs contradict each other: a part exceeds its whole\0",
            CXKPI_INVALID_PARAMETER => "a parameter is impossible\0",
            CXKPI_OVERFLOW => "a count or a sum does not fit its integer or decimal type\0",
            CXKPI_OVERLOADED => {
                "the queue is overloaded: its traffic meets or exceeds its agents\0"
            }
            CXKPI_NULL_POINTER => "a pointer that must not be null is null\0",
            CXKPI_BAD_POINTER => {
                "a pointer is misaligned for its type, or an array length is impossible\0"
            }
            CXKPI_INVALID_UTF8 => "a text is not valid UTF-8\0",
            CXKPI_BUFFER_TOO_SMALL => "the buffer is too small for the text\0",
            CXKPI_INTERNAL => "internal error in cxkpi (a bug: please report it)\0",
        }
    }
}

/// The name of `status`: `"ok"`, the conformance vectors' kind for codes
/// 1–6 (`"empty"`, `"out_of_range"`, `"inconsistent"`,
/// `"invalid_parameter"`, `"overflow"`, `"overloaded"`), `"null_pointer"`,
/// `"bad_pointer"`, `"invalid_utf8"`, `"buffer_too_small"`, `"internal"`, or
/// `"unknown"` for a code that is not a status. A static string.
#[unsafe(no_mangle)]
pub extern "C" fn cxkpi_status_name(status: i32) -> *const c_char {
    cxkpi_status::from_code(status)
        .map_or("unknown\0", cxkpi_status::name)
        .as_ptr()
        .cast()
}

/// A sentence describing `status`, such as "an observation lies outside its
/// scale or domain"; `"unknown status"` for a code that is not a status. A
/// static string; [`cxkpi_last_error_message`] has the details of the last
/// failure.
#[unsafe(no_mangle)]
pub extern "C" fn cxkpi_status_message(status: i32) -> *const c_char {
    cxkpi_status::from_code(status)
        .map_or("unknown status\0", cxkpi_status::message)
        .as_ptr()
        .cast()
}

std::thread_local! {
    /// The message of the calling thread's last failure.
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

/// The detailed message of the last call on this thread that failed, such as
/// "NPS rating 11 at index 1 is out of range: it must be between 0 and 10",
/// or `""` before any failure.
///
/// Successful calls leave it as it is, so read it right after a status other
/// than `CXKPI_OK`. The string belongs to the thread: it stays valid until
/// the thread's next failing call, and must not be freed.
#[unsafe(no_mangle)]
pub extern "C" fn cxkpi_last_error_message() -> *const c_char {
    // `try_with`: a thread being torn down has no message left, and `with`
    // would panic there, across the boundary.
    LAST_ERROR
        .try_with(|last| last.borrow().as_ptr())
        .unwrap_or(c"".as_ptr())
}

/// Keeps `message` as the thread's last error.
fn set_last_error(message: &str) {
    // A NUL inside a message would end it early in C: none of ours has one,
    // and one that did is cut there rather than lost.
    let text = message.split('\0').next().unwrap_or_default();
    let text = CString::new(text).unwrap_or_default();
    // `try_with`: during the thread's teardown the message is dropped.
    let _ = LAST_ERROR.try_with(|last| *last.borrow_mut() = text);
}

/// Why an entry point failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The core refused the input.
    Core(cxkpi::Error),
    /// The named pointer argument is null.
    Null(&'static str),
    /// The named pointer argument is misaligned, or its length impossible.
    BadPointer(&'static str),
    /// The named text argument is not UTF-8.
    Utf8(&'static str),
    /// The text `what` does not parse (a tally state that is not the wire
    /// format): `out_of_range`, the kind of the core's `Error::malformed`,
    /// with the parser's detail.
    Malformed { what: &'static str, detail: String },
    /// The text needs `needed` bytes and its terminating NUL; the buffer
    /// holds `capacity`.
    BufferTooSmall { needed: usize, capacity: usize },
}

impl Failure {
    /// The status this failure returns.
    fn status(&self) -> cxkpi_status {
        match self {
            Failure::Core(error) => cxkpi_status::of_kind(error.kind()),
            Failure::Null(_) => CXKPI_NULL_POINTER,
            Failure::BadPointer(_) => CXKPI_BAD_POINTER,
            Failure::Utf8(_) => CXKPI_INVALID_UTF8,
            Failure::Malformed { .. } => CXKPI_OUT_OF_RANGE,
            Failure::BufferTooSmall { .. } => CXKPI_BUFFER_TOO_SMALL,
        }
    }
}

impl From<cxkpi::Error> for Failure {
    fn from(error: cxkpi::Error) -> Failure {
        Failure::Core(error)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Core(error) => error.fmt(f),
            Failure::Null(name) => write!(f, "`{name}` is a null pointer"),
            Failure::BadPointer(name) => write!(
                f,
                "`{name}` is misaligned for its type, or its length is impossible"
            ),
            Failure::Utf8(name) => write!(f, "`{name}` is not valid UTF-8"),
            Failure::Malformed { what, detail } => write!(f, "{what} is malformed: {detail}"),
            Failure::BufferTooSmall { needed, capacity } => write!(
                f,
                "the buffer holds {capacity} bytes: the text needs {needed} and a NUL"
            ),
        }
    }
}

/// Runs an entry point's body: `Ok` is `CXKPI_OK`; a failure becomes its
/// status and the thread's last error; a panic becomes `CXKPI_INTERNAL`.
pub(crate) fn guard(body: impl FnOnce() -> Result<(), Failure>) -> cxkpi_status {
    // `AssertUnwindSafe`: after a panic nothing the body touched is used
    // again, and out-parameters are written once, at the end of a body that
    // succeeded, so a panic leaves them as they were.
    match panic::catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => CXKPI_OK,
        Ok(Err(failure)) => {
            set_last_error(&failure.to_string());
            failure.status()
        }
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("a panic");
            set_last_error(&format!(
                "internal error in cxkpi (please report it): {what}"
            ));
            CXKPI_INTERNAL
        }
    }
}

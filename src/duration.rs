//! Durations in seconds, validated at the boundary into `core::time::Duration`.

use core::time::Duration;

use crate::{Domain, Error};

/// `secs` seconds as a [`Duration`], validated.
///
/// Durations arrive as float seconds from CSV files and JSON; this is the one
/// door through which they become `Duration`s, so that no NaN, infinite or
/// negative value gets in. `-0.0` is zero. The value is rounded to the
/// nearest nanosecond (as `Duration::try_from_secs_f64` does), so two waits
/// less than half a nanosecond apart may compare equal.
///
/// # Errors
///
/// [`Error::out_of_range`] when `secs` is negative, NaN, infinite or too large
/// for a `Duration` (about 1.8 × 10¹⁹ s).
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{ErrorKind, try_seconds};
///
/// assert_eq!(try_seconds(2.5)?, Duration::from_millis(2500));
/// assert_eq!(try_seconds(f64::NAN).unwrap_err().kind(), ErrorKind::OutOfRange);
/// assert_eq!(
///     try_seconds(-1.0).unwrap_err().to_string(),
///     "duration (s) -1 is out of range: it must be a finite number of seconds, 0 or more"
/// );
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub fn try_seconds(secs: f64) -> Result<Duration, Error> {
    seconds("duration (s)", secs)
}

/// `secs` seconds as a [`Duration`], for the input named `input`.
pub(crate) fn seconds(input: &'static str, secs: f64) -> Result<Duration, Error> {
    // `-0.0` is zero seconds, not a negative duration.
    let secs = if secs == 0.0 { 0.0 } else { secs };
    Duration::try_from_secs_f64(secs).map_err(|_| Error::out_of_range(input, secs, Domain::Seconds))
}

/// The mean of `count` durations totalling `total_ns` nanoseconds, in
/// seconds; `count` must not be 0.
///
/// Whole nanoseconds and the remainder are divided apart, so that the mean
/// of equal durations is exactly their value in seconds (as every quantile
/// converts it: nanoseconds / 10⁹), and the mean never leaves [min, max]
/// through rounding.
pub(crate) fn mean_nanos_as_secs(total_ns: u128, count: u64) -> f64 {
    let count = u128::from(count);
    let (whole, rest) = (total_ns / count, total_ns % count);
    (whole as f64 + rest as f64 / count as f64) / 1e9
}

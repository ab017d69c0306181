//! Durations in seconds, validated at the boundary into `core::time::Duration`.

use core::time::Duration;

use crate::{Domain, Error};

/// `secs` seconds as a [`Duration`], for the input named `input`.
///
/// # Errors
///
/// [`Error::OutOfRange`] when `secs` is negative, NaN, infinite or too large
/// for a `Duration`.
pub(crate) fn seconds(input: &'static str, secs: f64) -> Result<Duration, Error> {
    // `-0.0` is zero seconds, not a negative duration.
    let secs = if secs == 0.0 { 0.0 } else { secs };
    Duration::try_from_secs_f64(secs).map_err(|_| Error::out_of_range(input, secs, Domain::Seconds))
}

/// Seconds as a float, from exact nanoseconds.
pub(crate) fn ns_to_secs(ns: u128) -> f64 {
    ns as f64 / 1e9
}

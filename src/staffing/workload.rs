//! The offered workload of one interval: calls, interval length, handle time.

use core::time::Duration;

use crate::duration::seconds;
use crate::{Domain, Error};

/// The calls offered in one interval and their average handle time, validated.
///
/// Forecasts are fractional (14.6 calls in a half-hour is a mean), so `calls`
/// is an `f64`; the interval and the handle time are `Duration`s above zero.
///
/// # Formula
///
/// ```text
/// traffic A (Erlangs) = calls × AHT / interval
/// arrival rate λ      = calls / interval          (per second)
/// ```
///
/// The Erlang is the unit of offered load: the mean number of calls in
/// progress if every call were served at once (A. K. Erlang, 1917; ITU-T
/// E.600).
///
/// # Errors
///
/// [`Error::out_of_range`] when `calls` is negative, NaN or infinite, or the
/// traffic it gives is not finite; [`Error::invalid_parameter`] when the
/// interval or the handle time is zero.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::staffing::Workload;
///
/// // 100 calls in a half-hour, 3 minutes each: 10 Erlangs.
/// let load = Workload::new(100.0, Duration::from_secs(1800), Duration::from_secs(180))?;
/// assert_eq!(load.traffic(), 10.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: invalid inputs
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{ErrorKind, staffing::Workload};
///
/// let half_hour = Duration::from_secs(1800);
/// let err = Workload::new(-1.0, half_hour, Duration::from_secs(180)).unwrap_err();
/// assert_eq!(err.to_string(), "calls -1 is out of range: it must be a finite number, 0 or more");
/// let err = Workload::new(10.0, half_hour, Duration::ZERO).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Workload {
    calls: f64,
    interval: Duration,
    aht: Duration,
    // Derived once: calls × AHT / interval, finite and ≥ 0.
    traffic: f64,
}

impl Workload {
    /// The workload of `calls` calls over `interval`, each taking `aht` on average.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] for negative, NaN or infinite `calls` (or so
    /// many that the traffic is not finite); [`Error::invalid_parameter`] for
    /// a zero `interval` or `aht`.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::Workload;
    ///
    /// let load = Workload::new(14.5, Duration::from_secs(900), Duration::from_secs(240))?;
    /// assert!((load.traffic() - 14.5 * 240.0 / 900.0).abs() < 1e-12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(calls: f64, interval: Duration, aht: Duration) -> Result<Workload, Error> {
        if !(calls.is_finite() && calls >= 0.0) {
            return Err(Error::out_of_range("calls", calls, Domain::NonNegative));
        }
        if interval.is_zero() {
            return Err(Error::invalid_parameter(
                "interval (s)",
                0.0,
                Domain::Positive,
            ));
        }
        if aht.is_zero() {
            return Err(Error::invalid_parameter(
                "average handle time (s)",
                0.0,
                Domain::Positive,
            ));
        }
        // `-0.0` calls are no calls.
        let calls = calls + 0.0;
        let traffic = calls * aht.as_secs_f64() / interval.as_secs_f64();
        if !traffic.is_finite() {
            return Err(Error::out_of_range("calls", calls, Domain::NonNegative));
        }
        Ok(Workload {
            calls,
            interval,
            aht,
            traffic,
        })
    }

    /// The workload from float seconds, as CSV files and JSON carry them.
    ///
    /// # Errors
    ///
    /// As [`Workload::new`], and [`Error::out_of_range`] when a number of
    /// seconds is negative, NaN or infinite.
    ///
    /// # Example
    ///
    /// ```
    /// let load = cxkpi::staffing::Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert_eq!(load.traffic(), 10.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_secs(calls: f64, interval_secs: f64, aht_secs: f64) -> Result<Workload, Error> {
        let interval = seconds("interval (s)", interval_secs)?;
        let aht = seconds("average handle time (s)", aht_secs)?;
        Workload::new(calls, interval, aht)
    }

    /// The calls offered in the interval.
    ///
    /// # Example
    ///
    /// ```
    /// let load = cxkpi::staffing::Workload::from_secs(12.5, 900.0, 200.0)?;
    /// assert_eq!(load.calls(), 12.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn calls(&self) -> f64 {
        self.calls
    }

    /// The interval's length.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let load = cxkpi::staffing::Workload::from_secs(12.5, 900.0, 200.0)?;
    /// assert_eq!(load.interval(), Duration::from_secs(900));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn interval(&self) -> Duration {
        self.interval
    }

    /// The average handle time.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let load = cxkpi::staffing::Workload::from_secs(12.5, 900.0, 200.0)?;
    /// assert_eq!(load.aht(), Duration::from_secs(200));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn aht(&self) -> Duration {
        self.aht
    }

    /// The offered traffic in Erlangs.
    ///
    /// # Formula
    ///
    /// ```text
    /// A = calls × AHT / interval
    /// ```
    ///
    /// # Example
    ///
    /// ```
    /// let load = cxkpi::staffing::Workload::from_secs(10_000.0, 3600.0, 300.0)?;
    /// assert!((load.traffic() - 2500.0 / 3.0).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn traffic(&self) -> f64 {
        self.traffic
    }

    /// The arrival rate λ, in calls per second.
    ///
    /// # Formula
    ///
    /// ```text
    /// λ = calls / interval
    /// ```
    ///
    /// # Example
    ///
    /// ```
    /// let load = cxkpi::staffing::Workload::from_secs(90.0, 1800.0, 180.0)?;
    /// assert_eq!(load.arrival_rate(), 0.05);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn arrival_rate(&self) -> f64 {
        self.calls / self.interval.as_secs_f64()
    }

    /// The average handle time in seconds.
    pub(crate) fn aht_secs(&self) -> f64 {
        self.aht.as_secs_f64()
    }
}

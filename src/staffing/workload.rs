//! The offered workload of one interval: calls, interval length, handle time.

use core::time::Duration;

use crate::duration::seconds;
use crate::{Domain, Error};

/// The calls offered in one interval and their average handle time, validated.
///
/// Forecasts are fractional (14.6 calls in a half-hour is a mean), so `calls`
/// is an `f64`; the interval and the handle time are `Duration`s above zero
/// (an interval without calls needs no handle time: it may be zero then).
///
/// Three doors, for the three ways planners state a load:
///
/// | constructor | from | traffic A |
/// | --- | --- | --- |
/// | [`Workload::new`], [`Workload::from_secs`] | calls in an interval and their AHT | calls × AHT / interval |
/// | [`Workload::from_rates`] | arrival rate λ and service rate μ (per second) | λ / μ |
/// | [`Workload::from_erlangs`] | offered traffic in Erlangs and the AHT | A as given |
///
/// # Formula
///
/// ```text
/// traffic A (Erlangs) = calls × AHT / interval = λ / μ
/// arrival rate λ      = calls / interval          (per second)
/// service rate μ      = 1 / AHT                   (per second, per agent)
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
/// interval is zero, or the handle time is zero for a nonzero number of
/// calls.
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
    // The AHT in seconds as the models use it: `aht` itself, or 1/μ unrounded
    // for a workload from rates; above 0 (1 for an interval without calls,
    // where no figure depends on it).
    aht_secs: f64,
    // Derived once: calls × AHT / interval (or λ/μ, or the Erlangs given),
    // finite and ≥ 0.
    traffic: f64,
}

impl Workload {
    /// The workload of `calls` calls over `interval`, each taking `aht` on average.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] for negative, NaN or infinite `calls` (or so
    /// many that the traffic is not finite); [`Error::invalid_parameter`] for
    /// a zero `interval`, or a zero `aht` with calls.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::Workload;
    ///
    /// let load = Workload::new(14.5, Duration::from_secs(900), Duration::from_secs(240))?;
    /// assert!((load.traffic() - 14.5 * 240.0 / 900.0).abs() < 1e-12);
    ///
    /// // A quiet interval: no calls, and no handle time to give.
    /// let night = Workload::new(0.0, Duration::from_secs(900), Duration::ZERO)?;
    /// assert_eq!(night.traffic(), 0.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(calls: f64, interval: Duration, aht: Duration) -> Result<Workload, Error> {
        if !(calls.is_finite() && calls >= 0.0) {
            return Err(Error::out_of_range("calls", calls, Domain::NonNegative));
        }
        check_interval(interval)?;
        // `-0.0` calls are no calls.
        let calls = calls + 0.0;
        if calls == 0.0 {
            return Ok(Workload::idle(interval, aht));
        }
        check_aht(aht)?;
        let traffic = calls * aht.as_secs_f64() / interval.as_secs_f64();
        if !traffic.is_finite() {
            return Err(Error::out_of_range("calls", calls, Domain::NonNegative));
        }
        Ok(Workload {
            calls,
            interval,
            aht,
            aht_secs: aht.as_secs_f64(),
            traffic,
        })
    }

    /// An interval without calls.
    fn idle(interval: Duration, aht: Duration) -> Workload {
        Workload {
            calls: 0.0,
            interval,
            aht,
            aht_secs: if aht.is_zero() {
                1.0
            } else {
                aht.as_secs_f64()
            },
            traffic: 0.0,
        }
    }

    /// The workload of an arrival rate `arrival_per_sec` (λ, calls per
    /// second) served at `service_per_sec` (μ, calls per second per busy
    /// agent, the reciprocal of the AHT) over `interval`: what queueing
    /// texts and M/M/N calculators take.
    ///
    /// The traffic is λ/μ and the models use the AHT 1/μ as it is;
    /// [`aht`](Workload::aht) reports it rounded to the nanosecond, and
    /// [`calls`](Workload::calls) is λ × interval.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] for a negative, NaN or infinite λ;
    /// [`Error::invalid_parameter`] for a zero `interval`, or (with λ > 0) a
    /// μ that is not a finite number above 0 or whose AHT 1/μ does not fit a
    /// `Duration`, or a traffic λ/μ that is not finite.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::Workload;
    ///
    /// // λ = 200 calls an hour, μ = 20 calls an hour (a 3-minute AHT): 10 Erlangs.
    /// let load = Workload::from_rates(200.0 / 3600.0, 20.0 / 3600.0, Duration::from_secs(1800))?;
    /// assert!((load.traffic() - 10.0).abs() < 1e-12);
    /// assert!((load.calls() - 100.0).abs() < 1e-9);
    /// assert_eq!(load.aht(), Duration::from_secs(180));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_rates(
        arrival_per_sec: f64,
        service_per_sec: f64,
        interval: Duration,
    ) -> Result<Workload, Error> {
        if !(arrival_per_sec.is_finite() && arrival_per_sec >= 0.0) {
            return Err(Error::out_of_range(
                "arrival rate (per s)",
                arrival_per_sec,
                Domain::NonNegative,
            ));
        }
        check_interval(interval)?;
        let service_ok = service_per_sec.is_finite() && service_per_sec > 0.0;
        let aht_secs = 1.0 / service_per_sec;
        let aht = service_ok
            .then(|| Duration::try_from_secs_f64(aht_secs).ok())
            .flatten();
        let arrival = arrival_per_sec + 0.0;
        if arrival == 0.0 {
            return Ok(Workload::idle(interval, aht.unwrap_or(Duration::ZERO)));
        }
        let Some(aht) = aht.filter(|_| aht_secs.is_finite()) else {
            return Err(Error::invalid_parameter(
                "service rate (per s)",
                service_per_sec,
                Domain::Positive,
            ));
        };
        let traffic = arrival / service_per_sec;
        let calls = arrival * interval.as_secs_f64();
        if !(traffic.is_finite() && calls.is_finite()) {
            return Err(Error::out_of_range(
                "arrival rate (per s)",
                arrival,
                Domain::NonNegative,
            ));
        }
        Ok(Workload {
            calls,
            interval,
            aht,
            aht_secs,
            traffic,
        })
    }

    /// The workload of `erlangs` Erlangs of offered traffic with handle time
    /// `aht`, over `interval`: what a traffic table or a forecast in Erlangs
    /// gives. The traffic is `erlangs` exactly; the calls are
    /// `erlangs × interval / aht`.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] for negative, NaN or infinite `erlangs`;
    /// [`Error::invalid_parameter`] for a zero `interval`, or a zero `aht`
    /// with traffic.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::Workload;
    ///
    /// let load = Workload::from_erlangs(10.0, Duration::from_secs(180), Duration::from_secs(1800))?;
    /// assert_eq!(load.traffic(), 10.0);
    /// assert_eq!(load.calls(), 100.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_erlangs(
        erlangs: f64,
        aht: Duration,
        interval: Duration,
    ) -> Result<Workload, Error> {
        if !(erlangs.is_finite() && erlangs >= 0.0) {
            return Err(Error::out_of_range(
                "traffic (Erlangs)",
                erlangs,
                Domain::NonNegative,
            ));
        }
        check_interval(interval)?;
        let erlangs = erlangs + 0.0;
        if erlangs == 0.0 {
            return Ok(Workload::idle(interval, aht));
        }
        check_aht(aht)?;
        let calls = erlangs * interval.as_secs_f64() / aht.as_secs_f64();
        if !calls.is_finite() {
            return Err(Error::out_of_range(
                "traffic (Erlangs)",
                erlangs,
                Domain::NonNegative,
            ));
        }
        Ok(Workload {
            calls,
            interval,
            aht,
            aht_secs: aht.as_secs_f64(),
            traffic: erlangs,
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
    /// let err = cxkpi::staffing::Workload::from_secs(100.0, 1800.0, f64::NAN).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "average handle time (s) NaN is out of range: it must be a finite number of seconds above 0"
    /// );
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_secs(calls: f64, interval_secs: f64, aht_secs: f64) -> Result<Workload, Error> {
        let interval = positive_seconds("interval (s)", interval_secs)?;
        let aht = positive_seconds("average handle time (s)", aht_secs)?;
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

    /// The average handle time in seconds, as the models use it.
    pub(crate) fn aht_secs(&self) -> f64 {
        self.aht_secs
    }
}

/// A workload with calls needs an AHT above 0 (an idle one needs none).
fn check_aht(aht: Duration) -> Result<(), Error> {
    if aht.is_zero() {
        return Err(Error::invalid_parameter(
            "average handle time (s)",
            0.0,
            Domain::Positive,
        ));
    }
    Ok(())
}

/// An interval's length, refused at zero.
fn check_interval(interval: Duration) -> Result<(), Error> {
    if interval.is_zero() {
        return Err(Error::invalid_parameter(
            "interval (s)",
            0.0,
            Domain::Positive,
        ));
    }
    Ok(())
}

/// Seconds that must be above 0 once a zero is allowed for (the caller
/// refuses it where it must): a NaN, an infinity or a negative number is out
/// of range of "a finite number of seconds above 0", never of "0 or more".
fn positive_seconds(input: &'static str, secs: f64) -> Result<Duration, Error> {
    if secs.is_nan() || secs < 0.0 || secs.is_infinite() {
        return Err(Error::out_of_range(input, secs, Domain::PositiveSeconds));
    }
    seconds(input, secs)
}

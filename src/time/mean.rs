//! A mean duration that keeps its exact total and count.

use core::fmt;
use core::time::Duration;

use crate::duration::mean_nanos_as_secs;

/// A mean duration, `total / count`, kept as its exact nanosecond total and count.
///
/// Average speed of answer, average wait and time to abandon are weighted
/// means: Σ waits / Σ contacts over the whole period, never a mean of daily
/// means. Keeping the total and the count lets a caller check or re-weight.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::WaitTally;
///
/// let asa = WaitTally::from_answer_waits(&[Duration::from_secs(10), Duration::from_secs(50)])?.asa()?;
/// assert_eq!(asa.secs(), 30.0);
/// assert_eq!(asa.count(), 2);
/// assert_eq!(asa.to_string(), "30.0 s (n = 2)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MeanDuration {
    total_nanos: u128,
    // Invariant: count > 0.
    count: u64,
}

impl MeanDuration {
    /// `total / count`; the caller guarantees `count > 0`.
    pub(crate) const fn new(total_nanos: u128, count: u64) -> MeanDuration {
        MeanDuration { total_nanos, count }
    }

    /// The mean, in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// let asa = cxkpi::WaitTally::from_float_secs(&[1.0, 2.0], &[])?.asa()?;
    /// assert_eq!(asa.secs(), 1.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn secs(&self) -> f64 {
        mean_nanos_as_secs(self.total_nanos, self.count)
    }

    /// The mean, rounded down to the nanosecond (saturating at `Duration::MAX`).
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let asa = cxkpi::WaitTally::from_float_secs(&[1.0, 2.0], &[])?.asa()?;
    /// assert_eq!(asa.mean(), Duration::from_millis(1500));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn mean(&self) -> Duration {
        let nanos = self.total_nanos / u128::from(self.count);
        let secs = u64::try_from(nanos / 1_000_000_000).unwrap_or(u64::MAX);
        // The remainder is below 10⁹, which fits a `u32`.
        #[allow(clippy::cast_possible_truncation)]
        let sub = (nanos % 1_000_000_000) as u32;
        Duration::new(secs, sub)
    }

    /// The number of durations averaged.
    ///
    /// # Example
    ///
    /// ```
    /// let asa = cxkpi::WaitTally::from_float_secs(&[1.0, 2.0], &[])?.asa()?;
    /// assert_eq!(asa.count(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The exact total, in nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let asa = cxkpi::WaitTally::from_float_secs(&[1.0, 2.0], &[])?.asa()?;
    /// assert_eq!(asa.total_nanos(), 3_000_000_000);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn total_nanos(&self) -> u128 {
        self.total_nanos
    }
}

impl fmt::Display for MeanDuration {
    /// `30.0 s (n = 2)`; the precision applies to the seconds (default 1).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(f, "{:.p$} s (n = {})", self.secs(), self.count)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for MeanDuration {
    /// `{"secs": 30.0, "count": 2}`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("MeanDuration", 2)?;
        s.serialize_field("secs", &self.secs())?;
        s.serialize_field("count", &self.count)?;
        s.end()
    }
}

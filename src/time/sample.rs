//! Exact duration statistics: count, mean, median, any percentile, min and max.

use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use crate::Error;
use crate::duration::{mean_nanos_as_secs, seconds};
use crate::tally::{Fault, tally};
use crate::time::Quantile;

/// Every duration of a sample, kept exactly, for exact percentiles.
///
/// Durations are stored as whole nanoseconds (`u64`, up to 584 years each),
/// 8 bytes per observation. Merging concatenates, so a sample over `a ++ b`
/// equals `sample(a) + sample(b)`; percentiles need every value, which is
/// what makes them exact. For streams too long to keep, use the
/// bounded-memory [`DurationSketch`](crate::DurationSketch).
///
/// # Formula
///
/// ```text
/// mean         = Σ dᵢ / n
/// quantile(q)  = x₍ₖ₎ + (h − k)·(x₍ₖ₊₁₎ − x₍ₖ₎),   h = q·(n − 1), k = ⌊h⌋
/// ```
///
/// with `x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎` the sorted sample: linear interpolation between
/// the closest ranks, the default of NumPy (`method="linear"`) and R
/// (`type = 7`), and Excel's `PERCENTILE.INC`. All results lie in
/// `[min, max]`. Source: Hyndman and Fan, "Sample Quantiles in Statistical
/// Packages", *The American Statistician* 50 (1996), definition 7.
///
/// # Example
///
/// ```
/// use cxkpi::DurationSample;
///
/// let waits = DurationSample::from_secs(&[30.0, 10.0, 20.0])?;
/// let stats = waits.summary()?;
/// assert_eq!(stats.mean_secs(), 20.0);
/// assert_eq!(stats.median_secs(), 20.0);
/// assert_eq!(stats.p90_secs(), 28.0);
/// assert_eq!(stats.to_string(), "n = 3, mean 20.0 s, median 20.0 s, p90 28.0 s, min 10.0 s, max 30.0 s");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty, negative
///
/// ```
/// use cxkpi::{ErrorKind, DurationSample};
///
/// assert_eq!(DurationSample::new().summary().unwrap_err().kind(), ErrorKind::Empty);
/// let err = DurationSample::from_secs(&[3.0, -2.0]).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "duration (s) -2 at index 1 is out of range: it must be a finite number of seconds, 0 or more"
/// );
/// ```
#[derive(Clone, Debug, Default)]
pub struct DurationSample {
    nanos: Vec<u64>,
    fault: Fault,
}

/// Samples are equal when they hold the same durations, in any order: a
/// sample is a multiset (every figure ignores the order), so that merging
/// is commutative. Comparing samples whose lists differ in order sorts
/// copies of both, O(n log n).
impl PartialEq for DurationSample {
    fn eq(&self, other: &DurationSample) -> bool {
        if self.fault != other.fault || self.nanos.len() != other.nanos.len() {
            return false;
        }
        if self.nanos == other.nanos {
            return true;
        }
        let (mut a, mut b) = (self.nanos.clone(), other.nanos.clone());
        a.sort_unstable();
        b.sort_unstable();
        a == b
    }
}

impl DurationSample {
    /// The empty sample.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// assert!(cxkpi::DurationSample::new().is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> DurationSample {
        DurationSample::default()
    }

    /// The empty sample, with room for `capacity` durations.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// let sample = cxkpi::DurationSample::with_capacity(1000);
    /// assert_eq!(sample.len()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn with_capacity(capacity: usize) -> DurationSample {
        DurationSample {
            nanos: Vec::with_capacity(capacity),
            fault: Fault::default(),
        }
    }

    /// The sample of durations given in seconds.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] for the first negative, NaN or infinite value,
    /// with its index.
    ///
    /// # Example
    ///
    /// ```
    /// let sample = cxkpi::DurationSample::from_secs(&[4.0, 1.0, 3.0, 2.0])?;
    /// assert_eq!(sample.summary()?.p90_secs(), 3.7);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_secs(secs: &[f64]) -> Result<DurationSample, Error> {
        let nanos = secs
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                seconds("duration (s)", s)
                    .and_then(nanos)
                    .map_err(|e| e.at(i))
            })
            .collect::<Result<Vec<u64>, Error>>()?;
        Ok(DurationSample {
            nanos,
            fault: Fault::default(),
        })
    }

    /// The sample of `durations`.
    ///
    /// # Errors
    ///
    /// [`Error::overflow`] for a duration beyond `u64::MAX` nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// use cxkpi::Tally;
    ///
    /// let sample = cxkpi::DurationSample::from_durations(&[Duration::from_secs(5)])?;
    /// assert_eq!(sample.len()?, 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_durations(durations: &[Duration]) -> Result<DurationSample, Error> {
        let nanos = durations
            .iter()
            .map(|&d| nanos(d))
            .collect::<Result<Vec<u64>, Error>>()?;
        Ok(DurationSample {
            nanos,
            fault: Fault::default(),
        })
    }

    /// The sample sorted, ready for any number of percentiles in O(1) each.
    ///
    /// Sorting costs O(n log n) once; [`quantile`](Self::quantile) costs O(n)
    /// for a single figure.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the sample is empty, or the sample's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::DurationSample;
    /// use cxkpi::time::Quantile;
    ///
    /// let sorted = DurationSample::from_secs(&[5.0, 1.0, 3.0])?.sorted()?;
    /// assert_eq!(sorted.quantile_secs(Quantile::new(0.25)?), 2.0);
    /// assert_eq!(sorted.quantile_secs(Quantile::P99), 4.96);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn sorted(&self) -> Result<SortedDurations, Error> {
        self.check()?;
        let mut nanos = self.nanos.clone();
        nanos.sort_unstable();
        Ok(SortedDurations { nanos })
    }

    /// The count, mean, median, p90, min and max, from one sort.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the sample is empty, or the sample's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let stats = cxkpi::DurationSample::from_secs(&[42.5])?.summary()?;
    /// assert_eq!((stats.count(), stats.median_secs()), (1, 42.5));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn summary(&self) -> Result<DurationSummary, Error> {
        Ok(self.sorted()?.summary())
    }

    /// One quantile, in seconds, in O(n) without a full sort.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the sample is empty, or the sample's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::DurationSample;
    /// use cxkpi::time::Quantile;
    ///
    /// let sample = DurationSample::from_secs(&[30.0, 10.0, 20.0])?;
    /// assert_eq!(sample.quantile(Quantile::P90)?, 28.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn quantile(&self, q: Quantile) -> Result<f64, Error> {
        self.check()?;
        let mut nanos = self.nanos.clone();
        let (k, frac) = q.rank(nanos.len());
        let (_, &mut low, above) = nanos.select_nth_unstable(k);
        // The next order statistic is the least of the values above rank k.
        let high = above.iter().copied().min().unwrap_or(low);
        Ok(interpolate(low, high, frac) / 1e9)
    }

    /// The sample's fault, or [`Error::empty`] when it is empty.
    fn check(&self) -> Result<(), Error> {
        self.fault.check()?;
        if self.nanos.is_empty() {
            return Err(Error::empty("duration statistics", "no durations"));
        }
        Ok(())
    }

    #[allow(clippy::unnecessary_wraps)] // The signature the `tally!` macro expects.
    fn merge_counts(&mut self, other: &DurationSample) -> Result<(), Error> {
        self.nanos.extend_from_slice(&other.nanos);
        Ok(())
    }
}

impl DurationSample {
    /// Adds one duration: beyond 584 years (`u64::MAX` ns) it is an overflow.
    fn add_one(&mut self, duration: Duration) -> Result<(), Error> {
        self.nanos.push(nanos(duration)?);
        Ok(())
    }

    /// The durations kept (a `usize` always fits a `u64` here), fault or not.
    pub(crate) fn observations(&self) -> u64 {
        self.nanos.len() as u64
    }

    /// The durations sorted: equal samples have one state, whatever the
    /// order they were recorded or merged in.
    pub(crate) fn to_state(&self) -> DurationSampleState {
        let mut nanos = self.nanos.clone();
        nanos.sort_unstable();
        DurationSampleState { nanos }
    }

    /// Any list of nanosecond durations is a sample that recording reaches:
    /// each `u64` is a duration of at most 584 years, in any order.
    #[allow(clippy::unnecessary_wraps)] // The signature the `tally!` macro expects.
    fn check_state(state: DurationSampleState) -> Result<DurationSample, Error> {
        Ok(DurationSample {
            nanos: state.nanos,
            fault: Fault::default(),
        })
    }
}

tally!(DurationSample, Duration, DurationSampleState, default);

/// The state of a [`DurationSample`]: every duration, in nanoseconds.
///
/// [`Tally::state`](crate::Tally::state) gives them in ascending order, so
/// that equal samples have one state; [`Tally::from_state`](crate::Tally::from_state)
/// takes them in any order (a sample is a multiset). Wire format:
/// `{"nanos": ["0", "1500000000", "90000000000"]}` (decimal strings, exact
/// in any JSON parser; a JSON number is accepted too). Every list is valid:
/// each value is a duration of at most `u64::MAX` ns.
///
/// # Example
///
/// ```
/// use cxkpi::Tally;
/// use cxkpi::{DurationSample, DurationSampleState};
///
/// let state = DurationSampleState { nanos: vec![30_000_000_000, 10_000_000_000] };
/// let sample = DurationSample::from_state(state)?;
/// assert_eq!(sample.summary()?.mean_secs(), 20.0);
/// assert_eq!(sample.state()?.nanos, [10_000_000_000, 30_000_000_000]);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DurationSampleState {
    /// The durations, in nanoseconds (ascending when made by `state`).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::ints"))]
    pub nanos: Vec<u64>,
}

/// A duration as whole nanoseconds, if it fits a `u64`.
fn nanos(duration: Duration) -> Result<u64, Error> {
    u64::try_from(duration.as_nanos())
        .map_err(|_| Error::overflow("duration in nanoseconds", "u64"))
}

/// `low + frac × (high − low)` nanoseconds, `0 <= frac < 1`, `low <= high`.
pub(crate) fn interpolate(low: u64, high: u64, frac: f64) -> f64 {
    if frac == 0.0 {
        low as f64
    } else {
        low as f64 + frac * (high - low) as f64
    }
}

/// A non-empty sample of durations, sorted: percentiles in O(1).
///
/// Made by [`DurationSample::sorted`].
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::DurationSample;
/// use cxkpi::time::Quantile;
///
/// let sorted = DurationSample::from_secs(&[4.0, 1.0, 3.0, 2.0])?.sorted()?;
/// assert_eq!(sorted.quantile_secs(Quantile::MEDIAN), 2.5);
/// assert_eq!(sorted.quantile(Quantile::MEDIAN), Duration::from_millis(2500));
/// assert_eq!(sorted.min(), Duration::from_secs(1));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortedDurations {
    // Invariant: non-empty and sorted ascending.
    nanos: Vec<u64>,
}

impl SortedDurations {
    /// The number of durations, at least 1.
    ///
    /// # Example
    ///
    /// ```
    /// let sorted = cxkpi::DurationSample::from_secs(&[1.0])?.sorted()?;
    /// assert_eq!(sorted.count(), 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn count(&self) -> usize {
        self.nanos.len()
    }

    /// The sorted durations, in nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let sorted = cxkpi::DurationSample::from_secs(&[2.0, 1.0])?.sorted()?;
    /// assert_eq!(sorted.as_nanos(), &[1_000_000_000, 2_000_000_000]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn as_nanos(&self) -> &[u64] {
        &self.nanos
    }

    /// The quantile `q` in seconds, interpolated linearly between the closest ranks.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::DurationSample;
    /// use cxkpi::time::Quantile;
    ///
    /// let sorted = DurationSample::from_secs(&[30.0, 10.0, 20.0])?.sorted()?;
    /// assert_eq!(sorted.quantile_secs(Quantile::P90), 28.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn quantile_secs(&self, q: Quantile) -> f64 {
        self.quantile_nanos(q) / 1e9
    }

    /// The quantile `q`, rounded to the nearest nanosecond.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::DurationSample;
    /// use cxkpi::time::Quantile;
    ///
    /// let sorted = DurationSample::from_secs(&[30.0, 10.0, 20.0])?.sorted()?;
    /// assert_eq!(sorted.quantile(Quantile::P90), Duration::from_secs(28));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn quantile(&self, q: Quantile) -> Duration {
        // The interpolated value lies between two `u64`s, so it fits one.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let nanos = (self.quantile_nanos(q) + 0.5) as u64;
        Duration::from_nanos(nanos)
    }

    fn quantile_nanos(&self, q: Quantile) -> f64 {
        let (k, frac) = q.rank(self.nanos.len());
        let low = self.nanos.get(k).copied().unwrap_or_default();
        let high = self.nanos.get(k + 1).copied().unwrap_or(low);
        interpolate(low, high, frac)
    }

    /// The least duration.
    ///
    /// # Example
    ///
    /// ```
    /// let sorted = cxkpi::DurationSample::from_secs(&[2.0, 1.0])?.sorted()?;
    /// assert_eq!(sorted.min().as_secs(), 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn min(&self) -> Duration {
        Duration::from_nanos(self.nanos.first().copied().unwrap_or_default())
    }

    /// The greatest duration.
    ///
    /// # Example
    ///
    /// ```
    /// let sorted = cxkpi::DurationSample::from_secs(&[2.0, 1.0])?.sorted()?;
    /// assert_eq!(sorted.max().as_secs(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn max(&self) -> Duration {
        Duration::from_nanos(self.nanos.last().copied().unwrap_or_default())
    }

    /// The exact total, in nanoseconds: `u128` holds 2⁶⁴ durations of 584 years.
    fn total_nanos(&self) -> u128 {
        self.nanos.iter().map(|&n| u128::from(n)).sum()
    }

    /// The mean, in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// let sorted = cxkpi::DurationSample::from_secs(&[2.0, 1.0])?.sorted()?;
    /// assert_eq!(sorted.mean_secs(), 1.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn mean_secs(&self) -> f64 {
        mean_nanos_as_secs(self.total_nanos(), self.nanos.len() as u64)
    }

    /// The count, mean, median, p90, min and max.
    ///
    /// # Example
    ///
    /// ```
    /// let sorted = cxkpi::DurationSample::from_secs(&[4.0, 1.0, 3.0, 2.0])?.sorted()?;
    /// assert_eq!(sorted.summary().median_secs(), 2.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn summary(&self) -> DurationSummary {
        DurationSummary {
            count: self.nanos.len() as u64,
            mean_secs: self.mean_secs(),
            median_secs: self.quantile_secs(Quantile::MEDIAN),
            p90_secs: self.quantile_secs(Quantile::P90),
            min: self.min(),
            max: self.max(),
        }
    }
}

/// The usual figures of a sample of durations: count, mean, median, p90, min and max.
///
/// Made by [`DurationSample::summary`], [`SortedDurations::summary`] and
/// [`DurationSketch::summary`](crate::DurationSketch::summary) (whose
/// median and p90 are approximate).
///
/// # Example
///
/// ```
/// let stats = cxkpi::DurationSample::from_secs(&[10.0, 20.0, 60.0])?.summary()?;
/// assert_eq!(stats.count(), 3);
/// assert_eq!(stats.mean_secs(), 30.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DurationSummary {
    pub(crate) count: u64,
    pub(crate) mean_secs: f64,
    pub(crate) median_secs: f64,
    pub(crate) p90_secs: f64,
    #[cfg_attr(feature = "serde", serde(rename = "min_secs", serialize_with = "secs"))]
    pub(crate) min: Duration,
    #[cfg_attr(feature = "serde", serde(rename = "max_secs", serialize_with = "secs"))]
    pub(crate) max: Duration,
}

#[cfg(feature = "serde")]
fn secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl DurationSummary {
    /// The number of durations.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::DurationSample::from_secs(&[1.0])?.summary()?.count(), 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The mean, in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::DurationSample::from_secs(&[1.0, 2.0])?.summary()?.mean_secs(), 1.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn mean_secs(&self) -> f64 {
        self.mean_secs
    }

    /// The median, in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::DurationSample::from_secs(&[1.0, 2.0])?.summary()?.median_secs(), 1.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn median_secs(&self) -> f64 {
        self.median_secs
    }

    /// The 90th percentile, in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::DurationSample::from_secs(&[1.0, 2.0])?.summary()?.p90_secs(), 1.9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn p90_secs(&self) -> f64 {
        self.p90_secs
    }

    /// The least duration.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::DurationSample::from_secs(&[1.0, 2.0])?.summary()?.min().as_secs(), 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn min(&self) -> Duration {
        self.min
    }

    /// The greatest duration.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::DurationSample::from_secs(&[1.0, 2.0])?.summary()?.max().as_secs(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn max(&self) -> Duration {
        self.max
    }
}

impl fmt::Display for DurationSummary {
    /// `n = 3, mean 20.0 s, median 20.0 s, p90 28.0 s, min 10.0 s, max 30.0 s`;
    /// the precision applies to every figure (default 1).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "n = {}, mean {:.p$} s, median {:.p$} s, p90 {:.p$} s, min {:.p$} s, max {:.p$} s",
            self.count,
            self.mean_secs,
            self.median_secs,
            self.p90_secs,
            self.min.as_secs_f64(),
            self.max.as_secs_f64(),
        )
    }
}

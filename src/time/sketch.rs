//! A bounded-memory, mergeable duration summary with relative-error percentiles (DDSketch).

use alloc::vec::Vec;
use core::time::Duration;

use crate::DurationSummary;
use crate::duration::mean_nanos_as_secs;
use crate::tally::{Fault, add_u64, add_u128, check_part, tally};
use crate::time::Quantile;
use crate::{Domain, Error};

/// The relative accuracy `α` of a [`DurationSketch`], from 0.0001 to 0.5.
///
/// Every percentile the sketch reports lies within `α × value` of the exact
/// one. Memory grows as `1/α`: see [`DurationSketch`].
///
/// # Example
///
/// ```
/// use cxkpi::RelativeAccuracy;
///
/// assert_eq!(RelativeAccuracy::new(0.01)?, RelativeAccuracy::ONE_PERCENT);
/// assert!(RelativeAccuracy::new(0.0).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct RelativeAccuracy(f64);

impl RelativeAccuracy {
    /// 1%: at most 2 219 buckets (17 KiB) for any durations from 1 ns to 584 years.
    pub const ONE_PERCENT: RelativeAccuracy = RelativeAccuracy(0.01);
    /// 0.1%: at most 22 181 buckets (173 KiB).
    pub const ONE_PER_MILLE: RelativeAccuracy = RelativeAccuracy(0.001);

    /// The relative accuracy `alpha`.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless `0.0001 <= alpha <= 0.5`: a finer
    /// accuracy would need megabytes of buckets, a coarser one says little.
    ///
    /// # Example
    ///
    /// ```
    /// let err = cxkpi::RelativeAccuracy::new(0.9).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "sketch relative accuracy 0.9 is invalid: it must be a number from 0.0001 to 0.5"
    /// );
    /// ```
    pub fn new(alpha: f64) -> Result<RelativeAccuracy, Error> {
        if (0.0001..=0.5).contains(&alpha) {
            Ok(RelativeAccuracy(alpha))
        } else {
            Err(Error::invalid_parameter(
                "sketch relative accuracy",
                alpha,
                Domain::RelativeAccuracy,
            ))
        }
    }

    /// The accuracy `α`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::RelativeAccuracy::ONE_PERCENT.get(), 0.01);
    /// ```
    pub const fn get(self) -> f64 {
        self.0
    }
}

impl Default for RelativeAccuracy {
    /// 1%.
    fn default() -> RelativeAccuracy {
        RelativeAccuracy::ONE_PERCENT
    }
}

/// Durations summarised in bounded memory: exact count, mean, min and max,
/// and percentiles within a relative accuracy `α`.
///
/// For streams too long to keep every value ([`DurationSample`](crate::DurationSample)
/// keeps them all): each duration `v` (in nanoseconds) is counted in the
/// logarithmic bucket `i = ⌈log_γ v⌉`, which holds the values in
/// `(γ^(i−1), γ^i]`; zero has a bucket of its own. A percentile is the
/// midpoint `2γ^i / (γ + 1)` of the bucket where its rank falls.
///
/// # Formula
///
/// ```text
/// γ = (1 + α) / (1 − α)
/// quantile(q) = the value of rank ⌊q·(n − 1)⌋ (from 0) in the sorted sample,
///               within a relative error of α:  |estimate − exact| ≤ α·exact
/// ```
///
/// Source: Masson, Rim and Lee, "DDSketch: a fast and fully-mergeable
/// quantile sketch with relative-error guarantees", *PVLDB* 12 (2019). The
/// bound holds for the order statistic at rank `⌊q·(n − 1)⌋`; the exact
/// sample's linear interpolation lies between that value and the next, so
/// for dense data the two agree to within `α` as well. Estimates are also
/// clamped to the exact `[min, max]`. Floating-point rounding of the bucket
/// index may add about 10⁻¹⁵ to the bound.
///
/// **Memory:** buckets span from the least to the greatest index seen, at
/// most `⌈ln(2⁶⁴) / ln γ⌉ + 1` (2 219 at 1%) of 8 bytes, whatever the count.
/// **Merging** adds bucket counts, so it is exact, associative and
/// commutative: a sketch of `a ++ b` equals `sketch(a) + sketch(b)`. Sketches
/// of different accuracies do not merge ([`Error::mismatch`]); having a
/// parameter, the sketch has no `Sum`.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::Tally;
/// use cxkpi::{DurationSketch, RelativeAccuracy};
/// use cxkpi::time::Quantile;
///
/// let mut sketch = DurationSketch::new(RelativeAccuracy::ONE_PERCENT);
/// for secs in 1..=1000 {
///     sketch.record(Duration::from_secs(secs));
/// }
/// let p90 = sketch.quantile(Quantile::P90)?;
/// assert!((p90 - 900.0).abs() <= 0.01 * 900.0);
/// assert_eq!(sketch.mean_secs()?, 500.5); // exact
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty
///
/// ```
/// use cxkpi::{DurationSketch, ErrorKind, time::Quantile};
///
/// let sketch = DurationSketch::default();
/// assert_eq!(sketch.quantile(Quantile::MEDIAN).unwrap_err().kind(), ErrorKind::Empty);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DurationSketch {
    accuracy: RelativeAccuracy,
    /// `ln γ`, kept so that recording needs one logarithm and one division.
    ln_gamma: f64,
    zeros: u64,
    /// Counts of buckets `offset ..= offset + bins.len() − 1`; empty while
    /// no positive duration has been seen.
    bins: Vec<u64>,
    offset: i32,
    count: u64,
    total_nanos: u128,
    min: u64,
    max: u64,
    fault: Fault,
}

impl Default for DurationSketch {
    /// The empty sketch at 1% accuracy.
    fn default() -> DurationSketch {
        DurationSketch::new(RelativeAccuracy::default())
    }
}

impl DurationSketch {
    /// The empty sketch at `accuracy`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DurationSketch, RelativeAccuracy};
    ///
    /// use cxkpi::Tally;
    ///
    /// assert!(DurationSketch::new(RelativeAccuracy::ONE_PER_MILLE).is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(accuracy: RelativeAccuracy) -> DurationSketch {
        let alpha = accuracy.get();
        DurationSketch {
            accuracy,
            ln_gamma: libm::log((1.0 + alpha) / (1.0 - alpha)),
            zeros: 0,
            bins: Vec::new(),
            offset: 0,
            count: 0,
            total_nanos: 0,
            min: u64::MAX,
            max: 0,
            fault: Fault::default(),
        }
    }

    /// The sketch's accuracy.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DurationSketch, RelativeAccuracy};
    ///
    /// assert_eq!(DurationSketch::default().accuracy(), RelativeAccuracy::ONE_PERCENT);
    /// ```
    pub fn accuracy(&self) -> RelativeAccuracy {
        self.accuracy
    }

    /// The bucket of `nanos > 0`.
    fn index(&self, nanos: u64) -> i32 {
        // `ln(u64::MAX) / ln γ` is below 443 600 for α ≥ 0.0001: it fits an `i32`.
        #[allow(clippy::cast_possible_truncation)]
        let i = libm::ceil(libm::log(nanos as f64) / self.ln_gamma) as i32;
        i
    }

    /// The midpoint of bucket `i`, in nanoseconds.
    fn value(&self, i: i32) -> f64 {
        let gamma = libm::exp(self.ln_gamma);
        2.0 * libm::exp(f64::from(i) * self.ln_gamma) / (gamma + 1.0)
    }

    /// Adds one duration: beyond `u64::MAX` nanoseconds (584 years), or a
    /// count beyond `u64::MAX`, it is an overflow and the sketch is unchanged.
    fn add_one(&mut self, duration: Duration) -> Result<(), Error> {
        let nanos = u64::try_from(duration.as_nanos())
            .map_err(|_| Error::overflow("duration in nanoseconds", "u64"))?;
        let count = add_u64(self.count, 1, "sketched durations")?;
        // Cannot overflow: at most `u64::MAX` durations of `u64::MAX` ns.
        self.total_nanos += u128::from(nanos);
        self.count = count;
        self.min = self.min.min(nanos);
        self.max = self.max.max(nanos);
        if nanos == 0 {
            self.zeros += 1;
        } else {
            let i = self.index(nanos);
            *self.bin_mut(i) += 1;
        }
        Ok(())
    }

    /// The count of bucket `i`, growing the bins to hold it.
    fn bin_mut(&mut self, i: i32) -> &mut u64 {
        if self.bins.is_empty() {
            self.offset = i;
            self.bins.push(0);
        } else if i < self.offset {
            let grow = (self.offset - i).unsigned_abs() as usize;
            self.bins.splice(0..0, core::iter::repeat_n(0, grow));
            self.offset = i;
        } else if (i - self.offset).unsigned_abs() as usize >= self.bins.len() {
            self.bins
                .resize((i - self.offset).unsigned_abs() as usize + 1, 0);
        }
        let at = (i - self.offset).unsigned_abs() as usize;
        // `at` is in bounds by construction; the fallback is never taken.
        let len = self.bins.len();
        &mut self.bins[at.min(len - 1)]
    }

    /// The sketch of durations given in seconds.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] for the first negative, NaN or infinite value.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DurationSketch, RelativeAccuracy};
    ///
    /// use cxkpi::Tally;
    ///
    /// let sketch = DurationSketch::from_secs(RelativeAccuracy::ONE_PERCENT, &[1.0, 2.0, 3.0])?;
    /// assert_eq!(sketch.len()?, 3);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_secs(accuracy: RelativeAccuracy, secs: &[f64]) -> Result<DurationSketch, Error> {
        let mut sketch = DurationSketch::new(accuracy);
        for (i, &s) in secs.iter().enumerate() {
            let d = crate::duration::seconds("duration (s)", s).map_err(|e| e.at(i))?;
            sketch.add_one(d)?;
        }
        Ok(sketch)
    }

    /// The number of buckets in use, a measure of memory (8 bytes each).
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let mut sketch = cxkpi::DurationSketch::default();
    /// sketch.extend((1..=10_000).map(Duration::from_millis));
    /// assert!(sketch.buckets() < 500);
    /// ```
    pub fn buckets(&self) -> usize {
        self.bins.len()
    }

    fn check(&self) -> Result<(), Error> {
        self.fault.check()?;
        if self.count == 0 {
            return Err(Error::empty("a duration summary", "no durations"));
        }
        Ok(())
    }

    /// The quantile `q`, in seconds, within the sketch's relative accuracy.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the sketch is empty, or the sketch's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DurationSketch, RelativeAccuracy};
    /// use cxkpi::time::Quantile;
    ///
    /// let sketch = DurationSketch::from_secs(RelativeAccuracy::ONE_PERCENT, &[10.0, 20.0, 30.0])?;
    /// let median = sketch.quantile(Quantile::MEDIAN)?;
    /// assert!((median - 20.0).abs() <= 0.2);
    /// assert_eq!(sketch.quantile(Quantile::MAX)?, 30.0); // clamped to the exact max
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn quantile(&self, q: Quantile) -> Result<f64, Error> {
        self.check()?;
        let rank = q.rank(usize::try_from(self.count).unwrap_or(usize::MAX)).0 as u64;
        if rank < self.zeros {
            return Ok(0.0);
        }
        let mut seen = self.zeros;
        let mut estimate = self.max as f64;
        for (at, &n) in self.bins.iter().enumerate() {
            seen += n;
            if seen > rank {
                // `at` < bins.len(), which fits an i32 (see `index`).
                #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
                let i = self.offset + at as i32;
                estimate = self.value(i);
                break;
            }
        }
        Ok(estimate.clamp(self.min as f64, self.max as f64) / 1e9)
    }

    /// The exact mean, in seconds.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the sketch is empty, or the sketch's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DurationSketch, RelativeAccuracy};
    ///
    /// let sketch = DurationSketch::from_secs(RelativeAccuracy::ONE_PERCENT, &[1.0, 2.0])?;
    /// assert_eq!(sketch.mean_secs()?, 1.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn mean_secs(&self) -> Result<f64, Error> {
        self.check()?;
        Ok(mean_nanos_as_secs(self.total_nanos, self.count))
    }

    /// The count, exact mean, min and max, and approximate median and p90.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the sketch is empty, or the sketch's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DurationSketch, RelativeAccuracy};
    ///
    /// let sketch = DurationSketch::from_secs(RelativeAccuracy::ONE_PERCENT, &[1.0, 2.0, 9.0])?;
    /// let stats = sketch.summary()?;
    /// assert_eq!((stats.count(), stats.mean_secs(), stats.max().as_secs()), (3, 4.0, 9));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn summary(&self) -> Result<DurationSummary, Error> {
        Ok(DurationSummary {
            count: self.count,
            mean_secs: self.mean_secs()?,
            median_secs: self.quantile(Quantile::MEDIAN)?,
            p90_secs: self.quantile(Quantile::P90)?,
            min: Duration::from_nanos(self.min),
            max: Duration::from_nanos(self.max),
        })
    }

    fn merge_counts(&mut self, other: &DurationSketch) -> Result<(), Error> {
        if self.accuracy != other.accuracy {
            return Err(Error::mismatch(
                "sketch accuracies",
                self.accuracy.get(),
                other.accuracy.get(),
            ));
        }
        let count = add_u64(self.count, other.count, "sketched durations")?;
        let total = add_u128(self.total_nanos, other.total_nanos, "sketched nanoseconds")?;
        // Bucket counts are each at most the total count, which fits.
        self.count = count;
        self.total_nanos = total;
        self.zeros += other.zeros;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        for (at, &n) in other.bins.iter().enumerate() {
            if n > 0 {
                #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
                let i = other.offset + at as i32;
                *self.bin_mut(i) += n;
            }
        }
        Ok(())
    }
}

impl DurationSketch {
    const fn observations(&self) -> u64 {
        self.count
    }

    fn to_state(&self) -> DurationSketchState {
        let empty = self.count == 0;
        DurationSketchState {
            relative_accuracy: self.accuracy.get(),
            zeros: self.zeros,
            offset: self.offset,
            bins: self.bins.clone(),
            total_ns: self.total_nanos,
            // The empty sketch keeps `u64::MAX` as its running minimum.
            min_ns: if empty { 0 } else { self.min },
            max_ns: self.max,
        }
    }

    /// Rebuilds a sketch, checking every invariant that recording keeps:
    /// the accuracy; the counts sum within `u64`; the buckets lie in the
    /// range of `u64` nanoseconds, the first and last in use (no empty
    /// bucket at either end, offset 0 without buckets); the minimum is 0
    /// exactly when there are zeros and lies in the first bucket otherwise,
    /// the maximum in the last; min ≤ max; the total lies between
    /// `min + max + (n − 2)·min` and `min + max + (n − 2)·max`; the empty
    /// sketch has every figure 0.
    fn check_state(p: DurationSketchState) -> Result<DurationSketch, Error> {
        let mut sketch = DurationSketch::new(RelativeAccuracy::new(p.relative_accuracy)?);
        let mut count = p.zeros;
        for &n in &p.bins {
            count = add_u64(count, n, "sketched durations (zeros + bins)")?;
        }
        let top = sketch.index(u64::MAX);
        let len = i64::try_from(p.bins.len()).unwrap_or(i64::MAX);
        if p.offset < 0 || i64::from(p.offset) + len - 1 > i64::from(top) {
            return Err(Error::out_of_range(
                "sketch bucket index (offset + bins)",
                i64::from(p.offset).saturating_add(len),
                Domain::Between {
                    min: 0,
                    max: i64::from(top),
                },
            ));
        }
        if p.bins.is_empty() && p.offset != 0 {
            return Err(Error::out_of_range(
                "sketch offset without bins",
                i64::from(p.offset),
                Domain::Between { min: 0, max: 0 },
            ));
        }
        if p.bins.first() == Some(&0) || p.bins.last() == Some(&0) {
            return Err(Error::malformed(
                "sketch bins",
                "a list whose first and last buckets are in use (count above 0)",
            ));
        }
        if count == 0 {
            for (field, value) in [
                (
                    "sketch total_ns",
                    u64::try_from(p.total_ns).unwrap_or(u64::MAX),
                ),
                ("sketch min_ns", p.min_ns),
                ("sketch max_ns", p.max_ns),
            ] {
                if value != 0 {
                    return Err(Error::inconsistent(field, value, "sketched durations", 0));
                }
            }
            return Ok(sketch);
        }
        check_part("sketch min_ns", p.min_ns, "sketch max_ns", p.max_ns)?;
        if (p.zeros > 0) != (p.min_ns == 0) {
            return Err(Error::inconsistent(
                "sketch zeros",
                p.zeros,
                "durations of 0 ns behind min_ns",
                u64::from(p.min_ns == 0),
            ));
        }
        let last = i64::from(p.offset) + len - 1;
        if p.zeros == 0 && i64::from(sketch.index(p.min_ns)) != i64::from(p.offset) {
            return Err(Error::out_of_range(
                "sketch bucket of min_ns",
                i64::from(sketch.index(p.min_ns)),
                Domain::Between {
                    min: i64::from(p.offset),
                    max: i64::from(p.offset),
                },
            ));
        }
        let max_bucket = if p.max_ns == 0 {
            -1
        } else {
            i64::from(sketch.index(p.max_ns))
        };
        let want = if p.bins.is_empty() { -1 } else { last };
        if max_bucket != want {
            return Err(Error::out_of_range(
                "sketch bucket of max_ns",
                max_bucket,
                Domain::Between {
                    min: want,
                    max: want,
                },
            ));
        }
        check_total(count, p.min_ns, p.max_ns, p.total_ns)?;
        sketch.zeros = p.zeros;
        sketch.offset = p.offset;
        sketch.bins = p.bins;
        sketch.count = count;
        sketch.total_nanos = p.total_ns;
        sketch.min = p.min_ns;
        sketch.max = p.max_ns;
        Ok(sketch)
    }
}

/// Checks that `total_ns` can be the sum of `count ≥ 1` durations from
/// `min_ns` to `max_ns`, one of each among them.
fn check_total(count: u64, min_ns: u64, max_ns: u64, total_ns: u128) -> Result<(), Error> {
    let (lo, hi) = (u128::from(min_ns), u128::from(max_ns));
    let inner = u128::from(count - 1).saturating_sub(1);
    let fewest = if count == 1 {
        lo
    } else {
        (lo + hi).saturating_add(inner.saturating_mul(lo))
    };
    let most = if count == 1 {
        hi
    } else {
        (lo + hi).saturating_add(inner.saturating_mul(hi))
    };
    if total_ns < fewest || total_ns > most {
        return Err(Error::out_of_range(
            "sketch total_ns (between count × min_ns and count × max_ns)",
            u64::try_from(total_ns).map_or(i64::MAX, |v| i64::try_from(v).unwrap_or(i64::MAX)),
            Domain::Between {
                min: i64::try_from(fewest).unwrap_or(i64::MAX),
                max: i64::try_from(most).unwrap_or(i64::MAX),
            },
        ));
    }
    Ok(())
}

tally!(DurationSketch, Duration, DurationSketchState);

/// The state of a [`DurationSketch`]: its accuracy, the count of zero
/// durations, the bucket counts from bucket `offset` on, and the exact
/// total, least and greatest duration in nanoseconds.
///
/// Wire format: `{"relative_accuracy": 0.01, "zeros": "1", "offset": 1037,
/// "bins": ["1"], "total_ns": "1000000000", "min_ns": "0",
/// "max_ns": "1000000000"}` (64-bit and wider integers as decimal strings,
/// the accuracy and the offset as numbers). Valid when it is a state that
/// recording reaches: the first and last buckets in use, min and max in
/// them (min 0 exactly when there are zeros), the total between what the
/// count of min and max allows; the empty sketch has every figure 0.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::Tally;
/// use cxkpi::{DurationSketch, DurationSketchState};
///
/// let mut sketch = DurationSketch::default();
/// sketch.extend([Duration::ZERO, Duration::from_secs(1)]);
/// let state = sketch.state()?;
/// assert_eq!((state.zeros, state.bins.len(), state.max_ns), (1, 1, 1_000_000_000));
/// assert_eq!(DurationSketch::from_state(state.clone())?, sketch);
/// let tampered = DurationSketchState { total_ns: 5_000_000_000, ..state };
/// assert!(DurationSketch::from_state(tampered).unwrap_err().to_string().contains("total_ns"));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DurationSketchState {
    /// The relative accuracy `α`, from 0.0001 to 0.5.
    pub relative_accuracy: f64,
    /// Durations of 0 ns.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub zeros: u64,
    /// The index of the first bucket of `bins` (0 without bins).
    pub offset: i32,
    /// The counts of buckets `offset, offset + 1, …`; bucket `i` holds the
    /// durations in `(γ^(i−1), γ^i]` ns, `γ = (1 + α) / (1 − α)`.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::ints"))]
    pub bins: Vec<u64>,
    /// The exact total of the durations, in nanoseconds.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub total_ns: u128,
    /// The least duration, in nanoseconds (0 when empty).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub min_ns: u64,
    /// The greatest duration, in nanoseconds (0 when empty).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub max_ns: u64,
}

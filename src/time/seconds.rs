//! Exact duration statistics straight from a column of whole seconds.

use alloc::vec::Vec;
use core::time::Duration;

use crate::DurationSummary;
use crate::Error;
use crate::duration::mean_nanos_as_secs;
use crate::kernel::{WordStats, select_u32};
use crate::time::{Quantile, sample::interpolate};

/// Nanoseconds per second.
const NANOS: u64 = 1_000_000_000;

/// A borrowed column of durations in whole seconds (`u32`, up to 136 years),
/// with exact percentiles by histogram selection: no copy, no sort.
///
/// The results are exactly those of a [`DurationSample`](crate::DurationSample)
/// of the same durations — quantiles interpolated linearly between the
/// closest ranks (NumPy's default) — without its 8 bytes per value and its
/// O(n log n) sort: a column of 10⁷ waits is read once, in place.
///
/// # Method
///
/// A histogram selection: one pass counts every value's low 16 bits into
/// 2¹⁶ counters, taking the exact sum and the OR of all values on the way.
/// When every value is below 65 536 s (18 hours: waits, handle times), the
/// counters are the values, and any number of percentiles, the minimum and
/// the maximum are read off their cumulative sums. Larger values take two
/// more passes: one over the top 16 significant bits to find the bin of each
/// rank, one over only the values in those bins to resolve their low bits
/// (when a sample of the column already shows such values, the first pass
/// is skipped: two passes in all).
/// Time O(n), memory about 1.5 MiB whatever n; no allocation grows with n
/// (up to 4 096 values, a sorted copy is cheaper, and is used instead).
///
/// # Formula
///
/// ```text
/// quantile(q)  = x₍ₖ₎ + (h − k)·(x₍ₖ₊₁₎ − x₍ₖ₎),   h = q·(n − 1), k = ⌊h⌋
/// mean         = Σ xᵢ / n
/// ```
///
/// # Example
///
/// ```
/// use cxkpi::time::{Quantile, WholeSeconds};
///
/// let waits = WholeSeconds::new(&[30, 10, 20, 40])?;
/// assert_eq!(waits.median(), 25.0);
/// assert_eq!(waits.quantile(Quantile::P90), 37.0);
/// assert_eq!(waits.summary().to_string(), "n = 4, mean 25.0 s, median 25.0 s, p90 37.0 s, min 10.0 s, max 40.0 s");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty
///
/// ```
/// use cxkpi::{ErrorKind, time::WholeSeconds};
///
/// let err = WholeSeconds::new(&[]).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Empty);
/// assert_eq!(err.to_string(), "a duration summary is undefined: no durations");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WholeSeconds<'a> {
    // Invariant: non-empty.
    secs: &'a [u32],
}

impl<'a> WholeSeconds<'a> {
    /// The column `secs`, each value a duration in whole seconds.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when `secs` is empty. No value can be out of range.
    ///
    /// # Example
    ///
    /// ```
    /// let waits = cxkpi::time::WholeSeconds::new(&[12, 40, 3])?;
    /// assert_eq!(waits.count(), 3);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(secs: &'a [u32]) -> Result<WholeSeconds<'a>, Error> {
        if secs.is_empty() {
            return Err(Error::empty("a duration summary", "no durations"));
        }
        Ok(WholeSeconds { secs })
    }

    /// The number of durations, at least 1.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::time::WholeSeconds::new(&[1, 2])?.count(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn count(&self) -> usize {
        self.secs.len()
    }

    /// The quantile `q`, in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{Quantile, WholeSeconds};
    ///
    /// let waits = WholeSeconds::new(&[5, 1, 3])?;
    /// assert_eq!(waits.quantile(Quantile::new(0.25)?), 2.0);
    /// assert_eq!(waits.quantile(Quantile::P99), 4.96);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn quantile(&self, q: Quantile) -> f64 {
        self.quantiles(&[q]).first().copied().unwrap_or_default()
    }

    /// The median, in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::time::WholeSeconds::new(&[4, 1, 3, 2])?.median(), 2.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn median(&self) -> f64 {
        self.quantile(Quantile::MEDIAN)
    }

    /// Several quantiles, in seconds, in the order of `qs`, from the same
    /// passes over the column.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{Quantile, WholeSeconds};
    ///
    /// let waits = WholeSeconds::new(&[30, 10, 20])?;
    /// assert_eq!(waits.quantiles(&[Quantile::MIN, Quantile::MEDIAN, Quantile::P90]), [10.0, 20.0, 28.0]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn quantiles(&self, qs: &[Quantile]) -> Vec<f64> {
        let n = self.secs.len();
        let ranks: Vec<(usize, f64)> = qs.iter().map(|q| q.rank(n)).collect();
        let stats = self.select(ranks.iter().flat_map(|&(k, _)| [k, k + 1]));
        ranks
            .iter()
            .zip(stats.at_ranks.chunks_exact(2))
            .map(|(&(_, frac), pair)| interpolated(pair, frac) / 1e9)
            .collect()
    }

    /// The count, mean, median, p90, min and max, from the same passes.
    ///
    /// # Example
    ///
    /// ```
    /// let stats = cxkpi::time::WholeSeconds::new(&[10, 20, 60])?.summary();
    /// assert_eq!((stats.count(), stats.mean_secs(), stats.median_secs()), (3, 30.0, 20.0));
    /// assert_eq!(stats.max().as_secs(), 60);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn summary(&self) -> DurationSummary {
        let n = self.secs.len();
        let (median, median_frac) = Quantile::MEDIAN.rank(n);
        let (p90, p90_frac) = Quantile::P90.rank(n);
        let stats = self.select([0, n - 1, median, median + 1, p90, p90 + 1].into_iter());
        let at = |i: usize| stats.at_ranks.get(i).copied().unwrap_or_default();
        DurationSummary {
            count: n as u64,
            // At most 2⁶¹ values of 2³² s: the total fits u128 in nanoseconds.
            mean_secs: mean_nanos_as_secs(stats.sum * u128::from(NANOS), n as u64),
            median_secs: interpolated(&stats.at_ranks[2..4], median_frac) / 1e9,
            p90_secs: interpolated(&stats.at_ranks[4..6], p90_frac) / 1e9,
            min: Duration::from_secs(u64::from(at(0))),
            max: Duration::from_secs(u64::from(at(1))),
        }
    }

    /// The values at `ranks`, a rank past the end standing for the last.
    fn select(&self, ranks: impl Iterator<Item = usize>) -> WordStats {
        let last = self.secs.len() - 1;
        let ranks: Vec<usize> = ranks.map(|r| r.min(last)).collect();
        select_u32(self.secs, &ranks)
    }
}

/// The value between the order statistics `pair = [x₍ₖ₎, x₍ₖ₊₁₎]` at
/// `frac`, in nanoseconds, computed as [`DurationSample`](crate::DurationSample) does.
fn interpolated(pair: &[u32], frac: f64) -> f64 {
    let ns = |i: usize| u64::from(pair.get(i).copied().unwrap_or_default()) * NANOS;
    interpolate(ns(0), ns(1), frac)
}

//! Exact duration statistics in memory bounded by the number of distinct
//! values (whole-second logs have a few thousand), not by the number of
//! calls: a 10⁷-row log costs what a 10⁴-row log does.
//!
//! The figures are those of `cxkpi::DurationSample` (mean of the exact
//! nanosecond total; quantiles by linear interpolation at rank q·(n − 1),
//! Hyndman & Fan type 7), which keeps every value; the tests hold the two
//! to equality.

use std::collections::BTreeMap;
use std::time::Duration;

use cxkpi::time::Quantile;

/// Durations counted by value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DurationCounts {
    counts: BTreeMap<u64, u64>,
    len: u64,
    total_ns: u128,
}

impl DurationCounts {
    /// Adds one duration (saturating at `u64::MAX` nanoseconds, 584 years).
    pub fn record(&mut self, d: Duration) {
        let ns = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        *self.counts.entry(ns).or_insert(0) += 1;
        self.len += 1;
        self.total_ns += u128::from(ns);
    }

    /// Adds every duration of `other`.
    pub fn merge(&mut self, other: &DurationCounts) {
        for (&ns, &n) in &other.counts {
            *self.counts.entry(ns).or_insert(0) += n;
        }
        self.len += other.len;
        self.total_ns += other.total_ns;
    }

    /// How many durations.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The mean in seconds, `None` when empty.
    pub fn mean_secs(&self) -> Option<f64> {
        let n = u128::from(self.len);
        (n > 0).then(|| {
            let (whole, rest) = (self.total_ns / n, self.total_ns % n);
            (whole as f64 + rest as f64 / n as f64) / 1e9
        })
    }

    /// The value of rank `k` (0-based) in sorted order.
    fn at_rank(&self, k: u64) -> Option<u64> {
        let mut seen = 0;
        self.counts.iter().find_map(|(&ns, &n)| {
            seen += n;
            (k < seen).then_some(ns)
        })
    }

    /// The quantile `q` in seconds, `None` when empty.
    pub fn quantile_secs(&self, q: Quantile) -> Option<f64> {
        if self.len == 0 {
            return None;
        }
        let h = q.get() * (self.len - 1) as f64;
        // `h` lies in [0, n − 1]: truncation is the floor.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let k = (h as u64).min(self.len - 1);
        let frac = h - k as f64;
        let low = self.at_rank(k)?;
        let high = self.at_rank(k + 1).unwrap_or(low);
        let ns = if frac == 0.0 {
            low as f64
        } else {
            low as f64 + frac * (high - low) as f64
        };
        Some(ns / 1e9)
    }

    /// The greatest duration in seconds.
    pub fn max_secs(&self) -> Option<f64> {
        self.counts.keys().next_back().map(|&ns| ns as f64 / 1e9)
    }

    /// How many durations fall in each bin `[i·width, (i+1)·width)` for
    /// `i < bins`, the last bin also holding everything longer.
    pub fn histogram(&self, width: Duration, bins: usize) -> Vec<u64> {
        let mut out = vec![0; bins.max(1)];
        let width = u64::try_from(width.as_nanos()).unwrap_or(u64::MAX).max(1);
        let last = out.len() - 1;
        for (&ns, &n) in &self.counts {
            let i = usize::try_from(ns / width).unwrap_or(usize::MAX).min(last);
            out[i] += n;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxkpi::DurationSample;
    use cxkpi::Tally;

    #[test]
    fn figures_equal_those_of_the_full_sample() -> Result<(), cxkpi::Error> {
        // Irregular values with repeats, in nanoseconds, so that the
        // interpolation and the exact mean are both exercised.
        let values: Vec<u64> = (0..1001u64)
            .map(|i| (i * 7919 % 613) * 1_000_000_007 + i % 3)
            .collect();
        let mut counts = DurationCounts::default();
        let mut sample = DurationSample::new();
        for &v in &values {
            counts.record(Duration::from_nanos(v));
            sample.record(Duration::from_nanos(v));
        }
        let sorted = sample.sorted()?;
        for q in [
            Quantile::MEDIAN,
            Quantile::P90,
            Quantile::P95,
            Quantile::P99,
            Quantile::new(0.0)?,
            Quantile::new(1.0)?,
        ] {
            assert_eq!(
                counts.quantile_secs(q),
                Some(sorted.quantile_secs(q)),
                "{q}"
            );
        }
        assert_eq!(counts.mean_secs(), Some(sorted.mean_secs()));
        assert_eq!(counts.max_secs(), Some(sorted.max().as_secs_f64()));
        assert_eq!(counts.len(), 1001);
        Ok(())
    }

    #[test]
    fn histogram_puts_the_tail_in_the_last_bin() {
        let mut counts = DurationCounts::default();
        for s in [0, 9, 10, 25, 400] {
            counts.record(Duration::from_secs(s));
        }
        assert_eq!(counts.histogram(Duration::from_secs(10), 3), vec![2, 1, 2]);
        assert_eq!(
            DurationCounts::default().quantile_secs(Quantile::MEDIAN),
            None
        );
    }
}

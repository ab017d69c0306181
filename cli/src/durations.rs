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
use cxkpi::{Error, Merge, Tally};

/// Durations counted by value: a tally (the core's `tally!` macro is
/// private, so the contract is kept by hand here).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DurationCounts {
    counts: BTreeMap<u64, u64>,
    len: u64,
    total_ns: u128,
    fault: Option<Error>,
}

/// The state of [`DurationCounts`]: `(nanoseconds, count)` pairs by
/// increasing value, every count above 0.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DurationCountsState {
    /// How many durations of each value.
    pub counts: Vec<(u64, u64)>,
}

/// The most nanoseconds a duration adds (584 years): longer ones saturate.
fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

impl DurationCounts {
    /// The figures of a faulted tally are missing.
    fn ok(&self) -> bool {
        self.fault.is_none()
    }

    /// The mean in seconds, `None` when empty.
    pub fn mean_secs(&self) -> Option<f64> {
        let n = u128::from(self.len);
        (n > 0 && self.ok()).then(|| {
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
        if self.len == 0 || !self.ok() {
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
        let max = self.counts.keys().next_back().filter(|_| self.ok());
        max.map(|&ns| ns as f64 / 1e9)
    }

    /// How many durations fall in each bin `[i·width, (i+1)·width)` for
    /// `i < bins`, the last bin also holding everything longer (all zero
    /// for a faulted tally).
    pub fn histogram(&self, width: Duration, bins: usize) -> Vec<u64> {
        let mut out = vec![0; bins.max(1)];
        let width = u64::try_from(width.as_nanos()).unwrap_or(u64::MAX).max(1);
        let last = out.len() - 1;
        for (&ns, &n) in self.counts.iter().filter(|_| self.ok()) {
            let i = usize::try_from(ns / width).unwrap_or(usize::MAX).min(last);
            out[i] += n;
        }
        out
    }
}

impl Merge for DurationCounts {
    fn try_merge(&mut self, other: &DurationCounts) -> Result<(), Error> {
        self.check()?;
        other.check()?;
        let len = self
            .len
            .checked_add(other.len)
            .ok_or_else(|| Error::overflow("durations", "u64"))?;
        // Every count is at most `len`, and the total at most
        // len × u64::MAX < 2¹²⁸: once `len` fits, nothing below overflows.
        for (&ns, &n) in &other.counts {
            *self.counts.entry(ns).or_insert(0) += n;
        }
        self.len = len;
        self.total_ns += other.total_ns;
        Ok(())
    }
}

impl DurationCounts {
    fn check(&self) -> Result<(), Error> {
        self.fault.clone().map_or(Ok(()), Err)
    }
}

impl Tally for DurationCounts {
    type Observation = Duration;
    type State = DurationCountsState;

    /// Adds one duration (saturating at `u64::MAX` nanoseconds, 584 years).
    fn try_record(&mut self, d: Duration) -> Result<(), Error> {
        self.check()?;
        let len = self
            .len
            .checked_add(1)
            .ok_or_else(|| Error::overflow("durations", "u64"))?;
        let ns = nanos(d);
        *self.counts.entry(ns).or_insert(0) += 1;
        self.len = len;
        self.total_ns += u128::from(ns);
        Ok(())
    }

    fn len(&self) -> Result<u64, Error> {
        self.check()?;
        Ok(self.len)
    }

    fn state(&self) -> Result<DurationCountsState, Error> {
        self.check()?;
        Ok(DurationCountsState {
            counts: self.counts.iter().map(|(&ns, &n)| (ns, n)).collect(),
        })
    }

    fn from_state(state: DurationCountsState) -> Result<DurationCounts, Error> {
        let mut out = DurationCounts::default();
        let mut previous = None;
        for (ns, n) in state.counts {
            if previous.is_some_and(|p| ns <= p) {
                return Err(Error::malformed(
                    "counts",
                    "(nanoseconds, count) pairs by strictly increasing nanoseconds",
                ));
            }
            if n == 0 {
                return Err(Error::out_of_range(
                    "count of a duration in counts",
                    n,
                    cxkpi::Domain::AtLeast(1),
                ));
            }
            previous = Some(ns);
            out.len = out
                .len
                .checked_add(n)
                .ok_or_else(|| Error::overflow("durations", "u64"))?;
            out.counts.insert(ns, n);
            out.total_ns += u128::from(ns) * u128::from(n);
        }
        Ok(out)
    }

    fn fault(&self) -> Option<&Error> {
        self.fault.as_ref()
    }

    fn set_fault(&mut self, error: Error) {
        self.fault.get_or_insert(error);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxkpi::DurationSample;

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
        assert_eq!(counts.len()?, 1001);
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

    #[test]
    fn merges_and_rebuilds_from_its_state() -> Result<(), cxkpi::Error> {
        let mut a = DurationCounts::default();
        let mut b = DurationCounts::default();
        let mut both = DurationCounts::default();
        for (i, s) in [3, 1, 3, 60, 0, 1].into_iter().enumerate() {
            let d = Duration::from_secs(s);
            let half = if i % 2 == 0 { &mut a } else { &mut b };
            half.try_record(d)?;
            both.try_record(d)?;
        }
        a.try_merge(&b)?;
        assert_eq!(a, both);
        assert_eq!(
            a.state()?.counts,
            [
                (0, 1),
                (1_000_000_000, 2),
                (3_000_000_000, 2),
                (60_000_000_000, 1)
            ]
        );
        assert_eq!(DurationCounts::from_state(a.state()?)?, a);
        let unordered = DurationCountsState {
            counts: vec![(5, 1), (5, 1)],
        };
        assert!(DurationCounts::from_state(unordered).is_err());
        let zero = DurationCountsState {
            counts: vec![(5, 0)],
        };
        assert!(DurationCounts::from_state(zero).is_err());
        let too_many = DurationCountsState {
            counts: vec![(1, u64::MAX), (2, 1)],
        };
        assert!(DurationCounts::from_state(too_many).is_err());
        Ok(())
    }

    #[test]
    fn a_faulted_tally_reports_no_figure() -> Result<(), cxkpi::Error> {
        let mut full = DurationCounts::from_state(DurationCountsState {
            counts: vec![(1, u64::MAX)],
        })?;
        let before = full.clone();
        assert!(full.try_record(Duration::ZERO).is_err());
        assert!(full.try_merge(&before).is_err());
        assert_eq!(full, before);
        full.record(Duration::ZERO);
        assert!(full.len().is_err());
        assert_eq!((full.mean_secs(), full.max_secs()), (None, None));
        assert_eq!(full.quantile_secs(Quantile::MEDIAN), None);
        Ok(())
    }
}

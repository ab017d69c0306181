//! Kernels over `u32` words: waits and handle times in whole seconds.

use super::{STREAMS, blocks, column, split, steps};

/// Word lanes of the counting pass: two SSE2 registers. Each lane takes
/// one value from each stream per step. (With one register, the loop
/// vectoriser assembles registers word by word across steps; with four, the
/// lane loop is not unrolled and its counters live on the stack.)
const COUNT_WIDTH: usize = 8;
/// Word lanes of the summing pass: one SSE2 register.
const SUM_WIDTH: usize = 4;
/// Steps per counting block: a `u32` lane counts at most eight per step.
const COUNT_STEPS: usize = 1 << 20;
/// Steps per summing block: a `u64` lane gains less than 2³⁵ per step.
const SUM_STEPS: usize = 1 << 24;

/// What [`count_u32`] finds in a slice of words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordCounts {
    /// Values at most the first bound.
    pub(crate) first: u64,
    /// Values at most the second bound (0 when none was given).
    pub(crate) second: u64,
}

#[cfg(any(test, feature = "rayon"))]
impl WordCounts {
    /// The counts over two slices, from the counts of each.
    pub(crate) fn merge(self, other: WordCounts) -> WordCounts {
        WordCounts {
            first: self.first + other.first,
            second: self.second + other.second,
        }
    }
}

/// Counts the values `<= first` and (when given) `<= second`.
#[inline]
pub(crate) fn count_u32(values: &[u32], first: u32, second: Option<u32>) -> WordCounts {
    match second {
        Some(second) => count::<true>(values, first, second),
        None => count::<false>(values, first, 0),
    }
}

#[inline]
fn count<const SECOND: bool>(values: &[u32], first: u32, second: u32) -> WordCounts {
    let mut out = WordCounts::default();
    let (streams, tail) = split(values, COUNT_WIDTH);
    for block in blocks(streams, COUNT_STEPS * COUNT_WIDTH) {
        let mut x = [0_u32; COUNT_WIDTH];
        let mut y = [0_u32; COUNT_WIDTH];
        for step in steps(block, COUNT_WIDTH) {
            for i in 0..COUNT_WIDTH {
                let v = column(&step, i);
                x[i] += at_most(v, first);
                if SECOND {
                    y[i] += at_most(v, second);
                }
            }
        }
        out.first += x.iter().map(|&c| u64::from(c)).sum::<u64>();
        if SECOND {
            out.second += y.iter().map(|&c| u64::from(c)).sum::<u64>();
        }
    }
    for &v in tail {
        out.first += u64::from(v <= first);
        if SECOND {
            out.second += u64::from(v <= second);
        }
    }
    out
}

/// How many of one value per stream are at most `t`.
#[inline]
fn at_most(v: [u32; STREAMS], t: u32) -> u32 {
    v.iter().map(|&v| u32::from(v <= t)).sum()
}

/// The exact sum of the values.
#[inline]
pub(crate) fn sum_u32(values: &[u32]) -> u128 {
    let mut total = 0_u128;
    let (streams, tail) = split(values, SUM_WIDTH);
    for block in blocks(streams, SUM_STEPS * SUM_WIDTH) {
        let mut sum = [0_u64; SUM_WIDTH];
        for step in steps(block, SUM_WIDTH) {
            for i in 0..SUM_WIDTH {
                sum[i] += column(&step, i).iter().map(|&v| u64::from(v)).sum::<u64>();
            }
        }
        total += sum.iter().map(|&s| u128::from(s)).sum::<u128>();
    }
    total + tail.iter().map(|&v| u128::from(v)).sum::<u128>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn values(len: usize) -> Vec<u32> {
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        (0..len)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Small waits, and now and then one near u32::MAX.
                if i % 97 == 0 {
                    u32::MAX - (x % 3) as u32
                } else {
                    (x % 120) as u32
                }
            })
            .collect()
    }

    #[test]
    fn counts_and_sums_match_naive() {
        for len in [0, 1, 15, 16, 17, 1000, 65_537] {
            let values = values(len);
            for (first, second) in [(20, Some(4)), (0, None), (u32::MAX, Some(u32::MAX - 1))] {
                let out = count_u32(&values, first, second);
                let naive = |t: u32| values.iter().filter(|&&v| v <= t).count() as u64;
                assert_eq!(out.first, naive(first), "len {len}");
                assert_eq!(out.second, second.map_or(0, naive), "len {len}");
            }
            let naive: u128 = values.iter().map(|&v| u128::from(v)).sum();
            assert_eq!(sum_u32(&values), naive, "len {len}");
        }
    }

    #[test]
    fn merged_halves_equal_the_whole() {
        let values = values(10_000);
        let (a, b) = values.split_at(3_333);
        assert_eq!(
            count_u32(a, 20, Some(4)).merge(count_u32(b, 20, Some(4))),
            count_u32(&values, 20, Some(4))
        );
    }
}

//! Kernels over `u32` words: waits and handle times in whole seconds.

use super::{blocks, quarters, steps};

/// Words per stream per step: one SSE2 register.
const WIDTH: usize = 4;
/// Steps per counting block: a `u32` lane counts at most one per step.
const COUNT_STEPS: usize = 1 << 20;
/// Steps per summing block: a `u64` lane gains less than 2³² per step.
const SUM_STEPS: usize = 1 << 24;

/// Word lanes of the four streams.
type Lanes<T> = [[T; WIDTH]; 4];

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
    let (streams, tail) = quarters(values, WIDTH);
    for block in blocks(streams, COUNT_STEPS * WIDTH) {
        let mut a: Lanes<u32> = [[0; WIDTH]; 4];
        let mut b: Lanes<u32> = [[0; WIDTH]; 4];
        for step in steps(block, WIDTH) {
            for k in 0..4 {
                for i in 0..WIDTH {
                    let v = step[k][i];
                    a[k][i] += u32::from(v <= first);
                    if SECOND {
                        b[k][i] += u32::from(v <= second);
                    }
                }
            }
        }
        out.first += lane_sum(&a);
        if SECOND {
            out.second += lane_sum(&b);
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

/// The exact sum of the values.
#[inline]
pub(crate) fn sum_u32(values: &[u32]) -> u128 {
    let mut total = 0_u128;
    let (streams, tail) = quarters(values, WIDTH);
    for block in blocks(streams, SUM_STEPS * WIDTH) {
        let mut sum: Lanes<u64> = [[0; WIDTH]; 4];
        for step in steps(block, WIDTH) {
            for k in 0..4 {
                for i in 0..WIDTH {
                    sum[k][i] += u64::from(step[k][i]);
                }
            }
        }
        total += sum.iter().flatten().map(|&s| u128::from(s)).sum::<u128>();
    }
    total + tail.iter().map(|&v| u128::from(v)).sum::<u128>()
}

/// The sum of all lanes.
#[inline]
fn lane_sum(lanes: &Lanes<u32>) -> u64 {
    lanes.iter().flatten().map(|&c| u64::from(c)).sum()
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

//! Exact order statistics of `u32` words by counting: no sort, no copy.
//!
//! # The method: a histogram selection
//!
//! 1. One pass counts the low 16 bits of every value into 2¹⁶ bins, and
//!    takes the OR and the exact sum of all values on the way. When the OR is
//!    below 2¹⁶ (every value is below 65 536: 18 hours in seconds, which
//!    covers waits and handle times), the bins *are* the values, and every
//!    rank is read off the cumulative counts: one pass in all.
//! 2. Otherwise a second pass counts the values' top 16 significant bits
//!    (`v >> shift`), which finds the bin of each wanted rank and its rank
//!    within that bin; a third pass counts the low `shift` bits of only the
//!    values in those bins, which gives the exact value. When a strided
//!    sample of 1 024 values already holds one of 65 536 or more, the first
//!    pass is skipped and the second counts the top 16 bits (`v >> 16`).
//!
//! Time O(n) (one pass, or two to three for values of 65 536 and more), memory
//! O(2¹⁶) counters whatever n; the input is never copied nor reordered
//! (but for 4 096 values or fewer, where sorting a 16 KiB copy costs less
//! than zeroing the counters).
//! A comparison sort would cost O(n log n) and a copy; `select_nth_unstable`
//! O(n) but a copy and several data-dependent, unpredictable passes; a
//! histogram pass is one predictable read with one counter increment per
//! value. The increments go to four interleaved copies of the counters, so
//! that runs of equal values (common in waits) do not serialise on one
//! counter's store-to-load latency.

use alloc::vec;
use alloc::vec::Vec;

use super::{STREAMS, blocks, column, split, steps};

/// Bits per counting pass: 2¹⁶ bins of 4 copies × 4 bytes = 1 MiB, within L2.
const RADIX_BITS: u32 = 16;
/// Bins per counting pass.
const BINS: usize = 1 << RADIX_BITS;
/// Interleaved copies of the counters.
const COPIES: usize = 4;
/// Values per block: a `u32` counter of one copy cannot overflow within one
/// (each copy counts a quarter of them).
const BLOCK: usize = 1 << 31;
/// Values sampled to guess whether all are below 2¹⁶.
const SAMPLE: usize = 1024;
/// Up to this many values, a sorted copy (16 KiB) instead of the counters.
const SMALL: usize = 4096;
/// Target bins resolved per pass of the last step, bounding its counters to
/// 4 × 2¹⁶ × 8 bytes.
const TARGETS_PER_PASS: usize = 4;

/// The values of a slice at some ranks, and the slice's exact sum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WordStats {
    /// The value at each rank asked for, in the order asked.
    pub(crate) at_ranks: Vec<u32>,
    /// The sum of all values.
    pub(crate) sum: u128,
}

/// The values at `ranks` (0-based positions in ascending order, each below
/// `values.len()`) and the sum of `values`.
///
/// A rank at or past the end reads as the greatest value.
pub(crate) fn select_u32(values: &[u32], ranks: &[usize]) -> WordStats {
    if values.len() <= SMALL {
        return select_small(values, ranks);
    }
    let mut sum = 0_u128;
    // A strided sample predicts whether the values are small; a wrong guess
    // costs one pass, never exactness.
    let stride = values.len() / SAMPLE;
    let sampled = values.iter().step_by(stride.max(1)).fold(0, |a, &v| a | v);
    let shift = if sampled >> RADIX_BITS == 0 {
        let mut or = 0_u32;
        let low = histogram(
            values,
            |v| {
                or |= v;
                v
            },
            &mut sum,
        );
        if or >> RADIX_BITS == 0 {
            let cumulative = cumulate(low);
            let at_ranks = ranks
                .iter()
                .map(|&r| to_u32(locate(&cumulative, r).0))
                .collect();
            return WordStats { at_ranks, sum };
        }
        // The top 16 significant bits.
        (u32::BITS - or.leading_zeros()) - RADIX_BITS
    } else {
        // The top 16 bits; the sum is taken in this pass.
        RADIX_BITS
    };
    // Top bits: the bin of each rank, and the rank within it.
    let mut top_sum = 0_u128;
    let top = cumulate(histogram(values, |v| v >> shift, &mut top_sum));
    sum = top_sum;
    let found: Vec<(usize, usize)> = ranks.iter().map(|&r| locate(&top, r)).collect();
    let mut targets: Vec<usize> = found.iter().map(|&(bin, _)| bin).collect();
    targets.sort_unstable();
    targets.dedup();
    // Low bits of the values in the target bins.
    let low_bins = 1_usize << shift;
    let mask = (1_u32 << shift) - 1;
    let mut resolved: Vec<(usize, Vec<u64>)> = Vec::with_capacity(targets.len());
    for group in targets.chunks(TARGETS_PER_PASS) {
        let mut counts = vec![vec![0_u64; low_bins]; group.len()];
        for &v in values {
            let bin = (v >> shift) as usize;
            if let Some(slot) = group.iter().position(|&t| t == bin) {
                if let Some(c) = counts[slot].get_mut((v & mask) as usize) {
                    *c += 1;
                }
            }
        }
        resolved.extend(group.iter().copied().zip(counts.into_iter().map(cumulate)));
    }
    let at_ranks = found
        .iter()
        .map(|&(bin, within)| {
            let low = resolved
                .iter()
                .find(|(b, _)| *b == bin)
                .map_or(0, |(_, cumulative)| locate(cumulative, within).0);
            to_u32((bin << shift) | low)
        })
        .collect();
    WordStats { at_ranks, sum }
}

/// [`select_u32`] for a few values: sorting a copy costs less than zeroing
/// the counters.
fn select_small(values: &[u32], ranks: &[usize]) -> WordStats {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let last = sorted.last().copied().unwrap_or_default();
    WordStats {
        at_ranks: ranks
            .iter()
            .map(|&r| sorted.get(r).copied().unwrap_or(last))
            .collect(),
        sum: values.iter().map(|&v| u128::from(v)).sum(),
    }
}

/// Counts `bin(v)` of every value (taken modulo 2¹⁶) into 2¹⁶ counters,
/// adding the values to `sum`.
fn histogram(values: &[u32], mut bin: impl FnMut(u32) -> u32, sum: &mut u128) -> Vec<u64> {
    let mut total = vec![0_u64; BINS];
    let mut copies = vec![0_u32; COPIES * BINS];
    let mut counters = copies
        .chunks_exact_mut(BINS)
        .map(<&mut [u32; BINS]>::try_from);
    // Four arrays of exactly 2¹⁶ counters: a 16-bit index needs no bounds check.
    let (Some(Ok(c0)), Some(Ok(c1)), Some(Ok(c2)), Some(Ok(c3))) = (
        counters.next(),
        counters.next(),
        counters.next(),
        counters.next(),
    ) else {
        return total;
    };
    let index = |v: u32| (v & 0xFFFF) as usize;
    // Eight streams, as the other kernels read, each value to one of four
    // copies of the counters.
    let (streams, tail) = split(values, 1);
    let blocks = blocks(streams, BLOCK / STREAMS).map(Some).chain([None]);
    for block in blocks {
        // At most 2³¹ values of 2³² − 1 each: the block sum fits u64.
        let mut block_sum = 0_u64;
        if let Some(block) = block {
            for step in steps(block, 1) {
                let v = column(&step, 0);
                block_sum += v.iter().map(|&v| u64::from(v)).sum::<u64>();
                c0[index(bin(v[0]))] += 1;
                c1[index(bin(v[1]))] += 1;
                c2[index(bin(v[2]))] += 1;
                c3[index(bin(v[3]))] += 1;
                c0[index(bin(v[4]))] += 1;
                c1[index(bin(v[5]))] += 1;
                c2[index(bin(v[6]))] += 1;
                c3[index(bin(v[7]))] += 1;
            }
        } else {
            for &v in tail {
                block_sum += u64::from(v);
                c0[index(bin(v))] += 1;
            }
        }
        *sum += u128::from(block_sum);
        for copy in [&mut *c0, &mut *c1, &mut *c2, &mut *c3] {
            for (t, c) in total.iter_mut().zip(copy.iter_mut()) {
                *t += u64::from(*c);
                *c = 0;
            }
        }
    }
    total
}

/// A bin as the value it stands for: below 2³² by construction.
fn to_u32(bin: usize) -> u32 {
    u32::try_from(bin).unwrap_or(u32::MAX)
}

/// Counts to cumulative counts, in place.
fn cumulate(mut counts: Vec<u64>) -> Vec<u64> {
    let mut running = 0;
    for c in &mut counts {
        running += *c;
        *c = running;
    }
    counts
}

/// The bin holding `rank` and the rank within that bin, from cumulative counts.
fn locate(cumulative: &[u64], rank: usize) -> (usize, usize) {
    let rank = rank as u64;
    let bin = cumulative
        .partition_point(|&c| c <= rank)
        .min(cumulative.len().saturating_sub(1));
    let before = bin.checked_sub(1).map_or(0, |b| cumulative[b]);
    (
        bin,
        usize::try_from(rank.saturating_sub(before)).unwrap_or(usize::MAX),
    )
}

#[cfg(test)]
#[allow(clippy::cast_possible_truncation)] // Test values from 64-bit random numbers.
mod tests {
    use super::*;

    fn check(values: &[u32]) {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        let n = values.len();
        let ranks: Vec<usize> = [0, n / 3, n / 2, n.saturating_sub(2), n - 1]
            .into_iter()
            .chain((0..n).step_by(n / 17 + 1))
            .collect();
        let stats = select_u32(values, &ranks);
        for (&r, &v) in ranks.iter().zip(&stats.at_ranks) {
            assert_eq!(v, sorted[r], "rank {r} of {n}");
        }
        assert_eq!(
            stats.sum,
            values.iter().map(|&v| u128::from(v)).sum::<u128>()
        );
    }

    fn xorshift(n: usize, seed: u64, f: impl Fn(u64) -> u32) -> Vec<u32> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                f(x)
            })
            .collect()
    }

    #[test]
    fn small_values_in_one_pass() {
        check(&[5]);
        check(&[0, 0, 0]);
        check(&xorshift(10_001, 3, |x| (x % 600) as u32));
        check(&xorshift(4_097, 5, |x| (x % 65_536) as u32));
        check(&xorshift(4_096, 5, |x| (x % 65_536) as u32));
        check(&xorshift(100_000, 17, |x| (x % 3) as u32));
    }

    #[test]
    fn wide_values_in_three_passes() {
        check(&[u32::MAX]);
        check(&[u32::MAX, 0, 65_536, 65_535]);
        check(&xorshift(10_001, 7, |x| x as u32));
        check(&xorshift(9_999, 11, |x| 1_000_000_000 + (x % 1000) as u32));
        check(&xorshift(20_000, 19, |x| (x % 300_000) as u32));
        // Small values but one that the strided sample misses: three passes.
        let mut v = xorshift(10_000, 23, |x| (x % 100) as u32);
        v[4_097] = 70_000;
        check(&v);
        v[4_097] = u32::MAX;
        check(&v);
        // A concentrated sample with one far outlier.
        let mut v = xorshift(5_000, 13, |x| (x % 3) as u32);
        v.push(4_000_000_000);
        check(&v);
    }
}

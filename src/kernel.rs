//! The batch kernels: one pass over a slice, no allocation, no branch per element.
//!
//! Each kernel counts into narrow per-lane accumulators (`u8` or `u16`) over a
//! block short enough that they cannot overflow, then widens once per block.
//! The inner loops are branch-free compares that the compiler vectorises on
//! the baseline x86-64 target (SSE2) and on `wasm32` alike. Validation rides
//! along as a per-lane minimum and maximum: a bad value is detected in the
//! same pass, and only then is the slice searched again (on the cold path) for
//! the index to report.

/// Lanes per inner step: two SSE2 registers, one AVX2 register.
const LANES: usize = 32;

/// What [`scan_u8`] finds in a slice of bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ByteScan {
    /// Values `>= high`.
    pub(crate) at_least_high: u64,
    /// Values `<= low`.
    pub(crate) at_most_low: u64,
    /// The least value (`u8::MAX` for an empty slice).
    pub(crate) min: u8,
    /// The greatest value (`0` for an empty slice).
    pub(crate) max: u8,
}

/// Counts the values `>= high` and `<= low`, and finds the extremes.
pub(crate) fn scan_u8(values: &[u8], high: u8, low: u8) -> ByteScan {
    // A u8 lane counts at most one per step: 255 steps per block.
    const BLOCK: usize = 255 * LANES;
    let mut scan = ByteScan {
        at_least_high: 0,
        at_most_low: 0,
        min: u8::MAX,
        max: 0,
    };
    for block in values.chunks(BLOCK) {
        let mut hi = [0u8; LANES];
        let mut lo = [0u8; LANES];
        let mut min = [u8::MAX; LANES];
        let mut max = [0u8; LANES];
        let mut steps = block.chunks_exact(LANES);
        for step in &mut steps {
            for i in 0..LANES {
                let v = step[i];
                hi[i] += u8::from(v >= high);
                lo[i] += u8::from(v <= low);
                min[i] = min[i].min(v);
                max[i] = max[i].max(v);
            }
        }
        for &v in steps.remainder() {
            scan.at_least_high += u64::from(v >= high);
            scan.at_most_low += u64::from(v <= low);
            scan.min = scan.min.min(v);
            scan.max = scan.max.max(v);
        }
        scan.at_least_high += hi.iter().map(|&c| u64::from(c)).sum::<u64>();
        scan.at_most_low += lo.iter().map(|&c| u64::from(c)).sum::<u64>();
        (scan.min, scan.max) = extremes(&min, &max, scan.min, scan.max);
    }
    scan
}

/// What [`sum_u8`] finds in a slice of bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ByteSum {
    /// The sum of the values; cannot overflow for any slice that fits memory.
    pub(crate) sum: u64,
    /// The least value (`u8::MAX` for an empty slice).
    pub(crate) min: u8,
    /// The greatest value (`0` for an empty slice).
    pub(crate) max: u8,
}

/// Sums the values and finds the extremes.
pub(crate) fn sum_u8(values: &[u8]) -> ByteSum {
    // A u16 lane gains at most 255 per step: 257 steps per block.
    const BLOCK: usize = 257 * LANES;
    let mut out = ByteSum {
        sum: 0,
        min: u8::MAX,
        max: 0,
    };
    for block in values.chunks(BLOCK) {
        let mut sum = [0u16; LANES];
        let mut min = [u8::MAX; LANES];
        let mut max = [0u8; LANES];
        let mut steps = block.chunks_exact(LANES);
        for step in &mut steps {
            for i in 0..LANES {
                let v = step[i];
                sum[i] += u16::from(v);
                min[i] = min[i].min(v);
                max[i] = max[i].max(v);
            }
        }
        for &v in steps.remainder() {
            out.sum += u64::from(v);
            out.min = out.min.min(v);
            out.max = out.max.max(v);
        }
        out.sum += sum.iter().map(|&c| u64::from(c)).sum::<u64>();
        (out.min, out.max) = extremes(&min, &max, out.min, out.max);
    }
    out
}

/// Folds per-lane extremes into running ones.
fn extremes(min: &[u8; LANES], max: &[u8; LANES], lo: u8, hi: u8) -> (u8, u8) {
    (
        min.iter().fold(lo, |a, &b| a.min(b)),
        max.iter().fold(hi, |a, &b| a.max(b)),
    )
}

/// The index of the first value outside `min..=max`, if any.
#[cold]
pub(crate) fn first_outside<T: PartialOrd + Copy>(values: &[T], min: T, max: T) -> Option<usize> {
    values.iter().position(|&v| v < min || v > max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_scan(values: &[u8], high: u8, low: u8) -> ByteScan {
        ByteScan {
            at_least_high: values.iter().filter(|&&v| v >= high).count() as u64,
            at_most_low: values.iter().filter(|&&v| v <= low).count() as u64,
            min: values.iter().copied().min().unwrap_or(u8::MAX),
            max: values.iter().copied().max().unwrap_or(0),
        }
    }

    #[test]
    fn scan_matches_naive_across_block_edges() {
        // Lengths around the lane and block sizes, all byte values.
        for len in [
            0,
            1,
            31,
            32,
            33,
            255 * 32 - 1,
            255 * 32,
            255 * 32 + 1,
            3 * 255 * 32 + 7,
        ] {
            let values: alloc::vec::Vec<u8> = (0..len)
                .map(|i| u8::try_from(i * 7 % 256).unwrap())
                .collect();
            assert_eq!(
                scan_u8(&values, 9, 6),
                naive_scan(&values, 9, 6),
                "len {len}"
            );
        }
    }

    #[test]
    fn sum_of_max_bytes_does_not_wrap_lanes() {
        let values = alloc::vec![255u8; 257 * 32 * 2 + 5];
        let out = sum_u8(&values);
        assert_eq!(out.sum, 255 * values.len() as u64);
        assert_eq!((out.min, out.max), (255, 255));
    }

    #[test]
    fn first_outside_finds_the_first() {
        assert_eq!(first_outside(&[1u8, 5, 11, 12], 0, 10), Some(2));
        assert_eq!(first_outside(&[1u8, 5], 0, 10), None);
    }
}

//! The counting kernels as plain loops, for WebAssembly.
//!
//! Without SIMD, the eight streams of byte lanes in [`bytes`](super::bytes)
//! and [`words`](super::words) compile to scalar code several times the
//! size of these loops, and run no faster; a dashboard downloads every byte
//! of it. Native targets use the lane kernels; the tests hold both to the
//! same results.

use super::{ByteScan, ByteSum, WordCounts};

/// As [`bytes::scan_u8`](super::bytes::scan_u8), one value at a time.
pub(crate) fn scan_u8(values: &[u8], base: u8, high: u8, low: Option<u8>) -> ByteScan {
    let mut scan = ByteScan::default();
    for &v in values {
        let d = v.wrapping_sub(base);
        scan.at_least += u64::from(d >= high);
        if let Some(low) = low {
            scan.at_most += u64::from(d <= low);
        }
        scan.max_offset = scan.max_offset.max(d);
    }
    scan
}

/// As [`bytes::sum_u8`](super::bytes::sum_u8), one value at a time; the sum
/// is exact whatever the offsets.
pub(crate) fn sum_u8(values: &[u8], base: u8, _span: u8) -> ByteSum {
    let mut out = ByteSum::default();
    for &v in values {
        let d = v.wrapping_sub(base);
        out.sum += u64::from(d);
        out.max_offset = out.max_offset.max(d);
    }
    out
}

/// As [`words::count_u32`](super::words::count_u32), one value at a time.
pub(crate) fn count_u32(values: &[u32], first: u32, second: Option<u32>) -> WordCounts {
    let mut out = WordCounts::default();
    for &v in values {
        out.first += u64::from(v <= first);
        if let Some(second) = second {
            out.second += u64::from(v <= second);
        }
    }
    out
}

/// As [`words::sum_u32`](super::words::sum_u32), one value at a time.
pub(crate) fn sum_u32(values: &[u32]) -> u128 {
    values.iter().map(|&v| u128::from(v)).sum()
}

#[cfg(test)]
mod tests {
    use super::super::{bytes, words};
    use alloc::vec::Vec;

    /// Lengths around the lane kernels' step and block sizes.
    const LENGTHS: [usize; 8] = [
        0,
        1,
        127,
        128,
        129,
        31 * 128 + 1,
        3 * 255 * 64 + 77,
        100_003,
    ];

    #[test]
    fn bytes_agree_with_the_lane_kernels() {
        for len in LENGTHS {
            let values: Vec<u8> = (0..len)
                .map(|i| u8::try_from(i * 7 % 256).unwrap())
                .collect();
            for (base, high, low) in [(0, 9, Some(6)), (1, 4, None), (0, 200, Some(127))] {
                assert_eq!(
                    super::scan_u8(&values, base, high, low),
                    bytes::scan_u8(&values, base, high, low),
                    "len {len}"
                );
            }
            let on_scale: Vec<u8> = values.iter().map(|v| 1 + v % 5).collect();
            assert_eq!(
                super::sum_u8(&on_scale, 1, 4),
                bytes::sum_u8(&on_scale, 1, 4),
                "len {len}"
            );
        }
    }

    #[test]
    fn words_agree_with_the_lane_kernels() {
        for len in LENGTHS {
            let values: Vec<u32> = (0..len)
                .map(|i| u32::try_from(i * 2_654_435_761 % 4_294_967_291).unwrap())
                .collect();
            for (first, second) in [(1 << 31, Some(1 << 20)), (0, None), (u32::MAX, Some(7))] {
                assert_eq!(
                    super::count_u32(&values, first, second),
                    words::count_u32(&values, first, second),
                    "len {len}"
                );
            }
            assert_eq!(
                super::sum_u32(&values),
                words::sum_u32(&values),
                "len {len}"
            );
        }
    }
}

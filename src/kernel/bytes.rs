//! Kernels over bytes: the scores of NPS, CSAT and CES surveys.
//!
//! Scores are read as offsets `value − base` (wrapping), `base` being the
//! scale's minimum: a value below the minimum wraps to a large offset, so the
//! greatest offset alone tells whether every value lies on the scale.

use super::{STREAMS, blocks, column, split, steps};

/// Byte lanes: one SSE2 register. Each lane takes one value from each
/// stream per step.
const WIDTH: usize = 16;
/// Steps per counting block: a `u8` lane counts at most eight per step.
const COUNT_STEPS: usize = 255 / STREAMS;

/// What [`scan_u8`] finds in a slice of bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ByteScan {
    /// Offsets at least `high`.
    pub(crate) at_least: u64,
    /// Offsets at most `low` (0 when no `low` was given).
    pub(crate) at_most: u64,
    /// The greatest offset (0 for an empty slice).
    pub(crate) max_offset: u8,
}

#[cfg(any(test, feature = "rayon"))]
impl ByteScan {
    /// The scan of two slices, from the scans of each.
    pub(crate) fn merge(self, other: ByteScan) -> ByteScan {
        ByteScan {
            at_least: self.at_least + other.at_least,
            at_most: self.at_most + other.at_most,
            max_offset: self.max_offset.max(other.max_offset),
        }
    }
}

/// Counts the offsets `value − base` that are `>= high` and (when `low` is
/// given) `<= low`, and finds the greatest offset.
#[inline]
pub(crate) fn scan_u8(values: &[u8], base: u8, high: u8, low: Option<u8>) -> ByteScan {
    // Signed compares are exact for offsets below 128 and thresholds that
    // can be written as signed bytes; otherwise, or when a pass meets an
    // offset of 128 or more, unsigned compares.
    if low.is_none_or(|low| low < 127) {
        let scan = match low {
            Some(low) => scan::<true, true>(values, base, high, low),
            None => scan::<true, false>(values, base, high, 0),
        };
        if scan.max_offset < 128 {
            return scan;
        }
    }
    match low {
        Some(low) => scan::<false, true>(values, base, high, low),
        None => scan::<false, false>(values, base, high, 0),
    }
}

/// The counting pass, with signed (`SIGNED`) or unsigned compares, and with
/// or without the `<= low` count (`LOW`).
#[inline]
#[allow(clippy::cast_possible_wrap)] // Reading offsets as signed bytes is the point.
fn scan<const SIGNED: bool, const LOW: bool>(
    values: &[u8],
    base: u8,
    high: u8,
    low: u8,
) -> ByteScan {
    // For an offset d < 128: d >= high ⟺ d as i8 > above (high <= 128),
    // and d <= low ⟺ d as i8 < below (low < 127).
    let above = high.min(128).wrapping_sub(1) as i8;
    let below = low.wrapping_add(1) as i8;
    let ge = |d: u8| u8::from(if SIGNED { d as i8 > above } else { d >= high });
    let le = |d: u8| u8::from(if SIGNED { (d as i8) < below } else { d <= low });
    let mut scan = ByteScan::default();
    let (streams, tail) = split(values, WIDTH);
    for block in blocks(streams, COUNT_STEPS * WIDTH) {
        let mut hi = [0_u8; WIDTH];
        let mut lo = [0_u8; WIDTH];
        let mut max = [0_u8; WIDTH];
        for step in steps(block, WIDTH) {
            for i in 0..WIDTH {
                let d = column(&step, i).map(|v| v.wrapping_sub(base));
                hi[i] += total(d.map(ge));
                if LOW {
                    lo[i] += total(d.map(le));
                }
                max[i] = max[i].max(greatest(d));
            }
        }
        scan.at_least += u64::from(lane_sum(&hi));
        if LOW {
            scan.at_most += u64::from(lane_sum(&lo));
        }
        scan.max_offset = scan.max_offset.max(lane_max(&max));
    }
    for &v in tail {
        let d = v.wrapping_sub(base);
        scan.at_least += u64::from(d >= high);
        if LOW {
            scan.at_most += u64::from(d <= low);
        }
        scan.max_offset = scan.max_offset.max(d);
    }
    scan
}

/// What [`sum_u8`] finds in a slice of bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ByteSum {
    /// The sum of the offsets `value − base`; exact when `max_offset <= span`.
    pub(crate) sum: u64,
    /// The greatest offset (0 for an empty slice).
    pub(crate) max_offset: u8,
}

#[cfg(any(test, feature = "rayon"))]
impl ByteSum {
    /// The sum over two slices, from the sums of each.
    pub(crate) fn merge(self, other: ByteSum) -> ByteSum {
        ByteSum {
            sum: self.sum + other.sum,
            max_offset: self.max_offset.max(other.max_offset),
        }
    }
}

/// Sums the offsets `value − base` and finds the greatest.
///
/// The sum is exact when every offset is at most `span` (that is, when the
/// values lie in `base..=base + span`, which the caller checks with
/// `max_offset`). For spans up to 31, byte lanes add the eight streams'
/// offsets for `255 / (8 × span)` steps, then widen into `u16` lanes;
/// wider spans add in `u16` lanes from the start.
#[inline]
pub(crate) fn sum_u8(values: &[u8], base: u8, span: u8) -> ByteSum {
    let narrow_steps = 255 / (STREAMS * usize::from(span.max(1)));
    let mut out = ByteSum::default();
    let (streams, tail) = split(values, WIDTH);
    // A u16 lane gains at most 255 per narrow run, or 8 × 255 per step.
    let block_len = if narrow_steps > 0 {
        257 * narrow_steps
    } else {
        32
    } * WIDTH;
    for block in blocks(streams, block_len) {
        let mut sum = [0_u16; WIDTH];
        let mut max = [0_u8; WIDTH];
        if narrow_steps > 0 {
            let mut narrow = [0_u8; WIDTH];
            let mut run = 0;
            for step in steps(block, WIDTH) {
                for i in 0..WIDTH {
                    let d = column(&step, i).map(|v| v.wrapping_sub(base));
                    // Wraps only for an offset above `span`, which `max` reports.
                    narrow[i] = narrow[i].wrapping_add(wrapping_total(d));
                    max[i] = max[i].max(greatest(d));
                }
                run += 1;
                if run == narrow_steps {
                    widen(&mut sum, &mut narrow);
                    run = 0;
                }
            }
            widen(&mut sum, &mut narrow);
        } else {
            for step in steps(block, WIDTH) {
                for i in 0..WIDTH {
                    let d = column(&step, i).map(|v| v.wrapping_sub(base));
                    sum[i] += wide_total(d);
                    max[i] = max[i].max(greatest(d));
                }
            }
        }
        out.sum += sum.iter().map(|&s| u64::from(s)).sum::<u64>();
        out.max_offset = out.max_offset.max(lane_max(&max));
    }
    for &v in tail {
        let d = v.wrapping_sub(base);
        out.sum += u64::from(d);
        out.max_offset = out.max_offset.max(d);
    }
    out
}

/// Adds byte lanes into `u16` lanes, and empties them.
#[inline]
fn widen(wide: &mut [u16; WIDTH], narrow: &mut [u8; WIDTH]) {
    for i in 0..WIDTH {
        wide[i] += u16::from(narrow[i]);
    }
    *narrow = [0; WIDTH];
}

/// The sum of one value per stream, each at most 31.
#[inline]
fn total(v: [u8; STREAMS]) -> u8 {
    ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]))
}

/// The sum of one value per stream, wrapping.
#[inline]
fn wrapping_total(v: [u8; STREAMS]) -> u8 {
    let add = u8::wrapping_add;
    add(
        add(add(v[0], v[1]), add(v[2], v[3])),
        add(add(v[4], v[5]), add(v[6], v[7])),
    )
}

/// The sum of one value per stream, in a `u16`.
#[inline]
fn wide_total(v: [u8; STREAMS]) -> u16 {
    let w = v.map(u16::from);
    ((w[0] + w[1]) + (w[2] + w[3])) + ((w[4] + w[5]) + (w[6] + w[7]))
}

/// The greatest of one value per stream.
#[inline]
fn greatest(v: [u8; STREAMS]) -> u8 {
    (v[0].max(v[1]).max(v[2].max(v[3]))).max(v[4].max(v[5]).max(v[6].max(v[7])))
}

/// The sum of the lanes: at most 16 × 255, so a `u32`, which the compiler
/// computes with `psadbw` on x86-64.
#[inline]
fn lane_sum(lanes: &[u8; WIDTH]) -> u32 {
    lanes.iter().map(|&c| u32::from(c)).sum()
}

/// The greatest lane.
#[inline]
fn lane_max(lanes: &[u8; WIDTH]) -> u8 {
    lanes.iter().fold(0, |a, &b| a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn naive_scan(values: &[u8], base: u8, high: u8, low: Option<u8>) -> ByteScan {
        let offsets = || values.iter().map(|v| v.wrapping_sub(base));
        ByteScan {
            at_least: offsets().filter(|&d| d >= high).count() as u64,
            at_most: low.map_or(0, |low| offsets().filter(|&d| d <= low).count() as u64),
            max_offset: offsets().max().unwrap_or(0),
        }
    }

    /// Lengths around the step and block sizes of eight streams.
    const LENGTHS: [usize; 10] = [
        0,
        1,
        63,
        64,
        65,
        31 * 128 - 1,
        31 * 128,
        31 * 128 + 1,
        3 * 255 * 64 + 77,
        100_003,
    ];

    fn values(len: usize, modulus: usize) -> Vec<u8> {
        (0..len)
            .map(|i| u8::try_from(i * 7 % modulus).unwrap())
            .collect()
    }

    #[test]
    fn scan_matches_naive_across_block_edges() {
        for len in LENGTHS {
            for modulus in [11, 128, 256] {
                let values = values(len, modulus);
                for (base, high, low) in [
                    (0, 9, Some(6)),
                    (1, 3, None),
                    (0, 0, Some(0)),
                    (0, 128, Some(126)),
                    (0, 200, Some(127)),
                    (3, 255, Some(255)),
                ] {
                    assert_eq!(
                        scan_u8(&values, base, high, low),
                        naive_scan(&values, base, high, low),
                        "len {len}, modulus {modulus}, base {base}, high {high}, low {low:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn sum_matches_naive_on_the_scale() {
        for len in LENGTHS {
            for (base, span) in [
                (1u8, 4u8),
                (1, 6),
                (0, 10),
                (0, 63),
                (0, 64),
                (0, 200),
                (0, 255),
                (7, 0),
            ] {
                let values: Vec<u8> = (0..len)
                    .map(|i| base + u8::try_from(i * 13 % (usize::from(span) + 1)).unwrap())
                    .collect();
                let out = sum_u8(&values, base, span);
                let naive: u64 = values.iter().map(|&v| u64::from(v - base)).sum();
                assert_eq!(out.sum, naive, "len {len}, base {base}, span {span}");
                assert!(out.max_offset <= span);
            }
        }
    }

    #[test]
    fn sum_of_max_bytes_does_not_wrap_lanes() {
        let values = alloc::vec![255u8; 257 * 64 * 2 + 5];
        let out = sum_u8(&values, 0, 255);
        assert_eq!(out.sum, 255 * values.len() as u64);
        assert_eq!(out.max_offset, 255);
    }

    #[test]
    fn an_offset_off_the_scale_shows_in_the_maximum() {
        let mut values = alloc::vec![3u8; 10_000];
        values[7777] = 0; // below the base of 1: wraps to 255
        assert_eq!(sum_u8(&values, 1, 4).max_offset, 255);
        assert_eq!(scan_u8(&values, 1, 3, None).max_offset, 255);
    }

    #[test]
    fn merged_halves_equal_the_whole() {
        let values = values(50_000, 11);
        let (a, b) = values.split_at(12_345);
        assert_eq!(
            scan_u8(a, 0, 9, Some(6)).merge(scan_u8(b, 0, 9, Some(6))),
            scan_u8(&values, 0, 9, Some(6))
        );
        assert_eq!(
            sum_u8(a, 0, 10).merge(sum_u8(b, 0, 10)),
            sum_u8(&values, 0, 10)
        );
    }
}

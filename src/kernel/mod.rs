//! The batch kernels: one pass over a slice, no allocation, no branch per element.
//!
//! # How they reach memory speed on the baseline target
//!
//! - **Narrow accumulators.** Each kernel counts into per-lane `u8` (bytes)
//!   or `u32` (words) counters over a block short enough that they cannot
//!   overflow, then widens once per block. A register of byte lanes counts
//!   16 scores at a time, where `u64` counters would count 2.
//! - **Branch-free compares.** A count is `lane += u8::from(v >= t)`, which
//!   compiles to a compare and a subtract of its all-ones mask; validation
//!   is a running per-lane maximum of `value − scale minimum` (a value below
//!   the minimum wraps to a large offset), so a bad value costs nothing until
//!   the end of the pass, when the slice is searched again, on a `#[cold]`
//!   path, for the index to report.
//! - **Signed byte compares.** SSE2 compares bytes only as signed numbers;
//!   an unsigned `>=` takes two instructions more. Offsets on any scale of
//!   fewer than 128 points are below 128, where the signed compare is the
//!   unsigned one; a pass that meets an offset of 128 or more (a bad score,
//!   or a scale that wide) is redone with unsigned compares.
//! - **Four streams.** Each pass reads the slice's four quarters side by
//!   side. On the machines we measured, one core reads four sequential
//!   streams faster than one: more hardware prefetch streams are in flight,
//!   and the compare work overlaps the memory wait. A single-stream loop with
//!   the same instructions stays well below the read bandwidth.
//! - **One lane, four values.** Each lane takes the values at the same
//!   position of the four streams in one expression (`lane += (a >= t) +
//!   (b >= t) + …`), so the lane loop is the only loop the compiler can
//!   vectorise, and it does so with whole-register loads. (With one lane
//!   array per stream, the loop vectoriser may instead vectorise across
//!   steps, assembling registers byte by byte: ten times slower.)
//! - **Horizontal sums through `psadbw`.** A block's byte counters are
//!   summed as `u32` (`iter().map(u32::from).sum()`), which the compiler
//!   lowers to the SSE2 sum-of-absolute-differences instruction.
//!
//! Everything here is safe Rust that the compiler vectorises for SSE2 on
//! x86-64, NEON on aarch64 and `simd128` (or scalar code) on `wasm32`; no
//! `target-cpu=native` is needed, and a wider target only makes it faster.

// Lane loops index several fixed-size arrays in step: the form the compiler
// vectorises most reliably.
#![allow(clippy::needless_range_loop)]

mod bytes;
mod radix;
mod words;

pub(crate) use bytes::{ByteScan, ByteSum, scan_u8, sum_u8};
pub(crate) use radix::{WordStats, select_u32};
pub(crate) use words::{WordCounts, count_u32, sum_u32};

/// Splits `values` into four quarters of whole steps of `step` elements, and
/// the tail left over (fewer than `4 × step` elements).
///
/// The kernels read the four quarters side by side: four streams.
#[inline]
fn quarters<T>(values: &[T], step: usize) -> ([&[T]; 4], &[T]) {
    let quarter = values.len() / (4 * step) * step;
    let (a, rest) = values.split_at(quarter);
    let (b, rest) = rest.split_at(quarter);
    let (c, rest) = rest.split_at(quarter);
    let (d, tail) = rest.split_at(quarter);
    ([a, b, c, d], tail)
}

/// The four streams cut into blocks of `len` elements each, side by side.
#[inline]
fn blocks<T>(streams: [&[T]; 4], len: usize) -> impl Iterator<Item = [&[T]; 4]> {
    let [a, b, c, d] = streams;
    a.chunks(len)
        .zip(b.chunks(len))
        .zip(c.chunks(len))
        .zip(d.chunks(len))
        .map(|(((a, b), c), d)| [a, b, c, d])
}

/// One block of four streams cut into steps of `width` elements each.
#[inline]
fn steps<T>(block: [&[T]; 4], width: usize) -> impl Iterator<Item = [&[T]; 4]> {
    let [a, b, c, d] = block;
    a.chunks_exact(width)
        .zip(b.chunks_exact(width))
        .zip(c.chunks_exact(width))
        .zip(d.chunks_exact(width))
        .map(|(((a, b), c), d)| [a, b, c, d])
}

/// The index of the first value outside `min..=max`, if any.
#[cold]
pub(crate) fn first_outside<T: PartialOrd + Copy>(values: &[T], min: T, max: T) -> Option<usize> {
    values.iter().position(|&v| v < min || v > max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_cover_the_slice_in_order() {
        for len in [0usize, 1, 63, 64, 65, 1000] {
            let values: alloc::vec::Vec<usize> = (0..len).collect();
            let (q, tail) = quarters(&values, 16);
            let joined: alloc::vec::Vec<usize> = q
                .iter()
                .flat_map(|s| s.iter())
                .chain(tail)
                .copied()
                .collect();
            assert_eq!(joined, values, "len {len}");
            assert!(tail.len() < 64);
            assert!(q.iter().all(|s| s.len() % 16 == 0 && s.len() == q[0].len()));
        }
    }

    #[test]
    fn first_outside_finds_the_first() {
        assert_eq!(first_outside(&[1u8, 5, 11, 12], 0, 10), Some(2));
        assert_eq!(first_outside(&[1u8, 5], 0, 10), None);
    }
}

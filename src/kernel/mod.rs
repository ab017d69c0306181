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
//! - **Eight streams.** Each pass reads the slice's eight parts side by
//!   side. One core reads several sequential streams faster than one (on
//!   our 2-core KVM guest: 11 GB/s from one stream, 15 from four, 18 from
//!   eight), because more hardware prefetch streams are in flight; and a
//!   loop that computes between loads falls further behind the memory with
//!   one stream than with eight.
//! - **One lane, eight values.** Each lane takes the values at the same
//!   position of the eight streams in one expression (`lane += (a >= t) +
//!   (b >= t) + …`), so the lane loop is the only loop the compiler can
//!   vectorise, and it does so with whole-register loads. (With one lane
//!   array per stream, the loop vectoriser may instead vectorise across
//!   steps, assembling registers byte by byte: ten times slower.)
//!
//! Everything here is safe Rust that the compiler vectorises for SSE2 on
//! x86-64, NEON on aarch64 and `simd128` (or scalar code) on `wasm32`; no
//! `target-cpu=native` is needed, and a wider target only makes it faster.

// Lane loops index several fixed-size arrays in step: the form the compiler
// vectorises most reliably.
#![allow(clippy::needless_range_loop)]
// The eight streams are a, b, …, h, as in the zips that hold them.
#![allow(clippy::many_single_char_names)]

// On WebAssembly the lane kernels give way to plain loops (see `scalar`).
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
mod bytes;
mod grouped;
mod radix;
#[cfg(any(test, target_arch = "wasm32"))]
mod scalar;
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
mod words;

pub(crate) use bytes::{ByteScan, ByteSum};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use bytes::{scan_u8, sum_u8};
pub(crate) use grouped::{GroupSums, Histogram, first_bad_row};
pub(crate) use radix::{WordStats, select_u32};
#[cfg(target_arch = "wasm32")]
pub(crate) use scalar::{count_u32, scan_u8, sum_u8, sum_u32};
pub(crate) use words::WordCounts;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use words::{count_u32, sum_u32};

/// Streams read side by side.
const STREAMS: usize = 8;

/// A slice cut into [`STREAMS`] parts of equal length.
type Streams<'a, T> = [&'a [T]; STREAMS];

/// Splits `values` into [`STREAMS`] parts of whole steps of `step` elements,
/// and the tail left over (fewer than `STREAMS × step` elements).
#[inline]
fn split<T>(values: &[T], step: usize) -> (Streams<'_, T>, &[T]) {
    let part = values.len() / (STREAMS * step) * step;
    let (body, tail) = values.split_at(part * STREAMS);
    let mut parts = body.chunks(part.max(1));
    (core::array::from_fn(|_| parts.next().unwrap_or(&[])), tail)
}

/// The streams cut into blocks of `len` elements each, side by side.
#[inline]
fn blocks<T>(streams: Streams<'_, T>, len: usize) -> impl Iterator<Item = Streams<'_, T>> {
    let [a, b, c, d, e, f, g, h] = streams.map(|s| s.chunks(len));
    a.zip(b)
        .zip(c)
        .zip(d)
        .zip(e)
        .zip(f)
        .zip(g)
        .zip(h)
        .map(|(((((((a, b), c), d), e), f), g), h)| [a, b, c, d, e, f, g, h])
}

/// One block of the streams cut into steps of `width` elements each.
#[inline]
fn steps<T>(block: Streams<'_, T>, width: usize) -> impl Iterator<Item = Streams<'_, T>> {
    let [a, b, c, d, e, f, g, h] = block.map(|s| s.chunks_exact(width));
    a.zip(b)
        .zip(c)
        .zip(d)
        .zip(e)
        .zip(f)
        .zip(g)
        .zip(h)
        .map(|(((((((a, b), c), d), e), f), g), h)| [a, b, c, d, e, f, g, h])
}

/// The values at position `i` of every stream's step.
#[inline]
fn column<T: Copy>(step: &Streams<'_, T>, i: usize) -> [T; STREAMS] {
    let [a, b, c, d, e, f, g, h] = step;
    [a[i], b[i], c[i], d[i], e[i], f[i], g[i], h[i]]
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
    fn streams_cover_the_slice_in_order() {
        for len in [0usize, 1, 127, 128, 129, 1000] {
            let values: alloc::vec::Vec<usize> = (0..len).collect();
            let (streams, tail) = split(&values, 16);
            let joined: alloc::vec::Vec<usize> = streams
                .iter()
                .flat_map(|s| s.iter())
                .chain(tail)
                .copied()
                .collect();
            assert_eq!(joined, values, "len {len}");
            assert!(tail.len() < STREAMS * 16);
            assert!(
                streams
                    .iter()
                    .all(|s| s.len() % 16 == 0 && s.len() == streams[0].len())
            );
        }
    }

    #[test]
    fn first_outside_finds_the_first() {
        assert_eq!(first_outside(&[1u8, 5, 11, 12], 0, 10), Some(2));
        assert_eq!(first_outside(&[1u8, 5], 0, 10), None);
    }
}

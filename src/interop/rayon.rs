//! The batch paths split across threads, on rayon's current pool.
//!
//! Each `par_` path cuts its slices into chunks, runs the sequential kernel
//! on every chunk, and adds the chunks' integer counts and sums: exactly, so
//! the tally equals the sequential one bit for bit, whatever the number of
//! threads. Validation stays in the kernels: each chunk reports its greatest
//! offset from the scale, and only when one is off the scale is the slice
//! searched, sequentially and on the cold path, for the first bad index, so
//! the error is the sequential one too.
//!
//! The paths run on the pool they are called from: the global pool, or one
//! installed with `ThreadPool::install` to bound the threads.

use rayon::prelude::*;

use crate::kernel::{ByteScan, ByteSum, WordCounts, count_u32, scan_u8, sum_u8, sum_u32};
use crate::{
    AhtTally, CesTally, CsatRule, CsatTally, Error, NpsTally, Scale, ServiceLevelTally,
    ShortAbandons,
};
use core::time::Duration;

/// Chunks per thread, so that work stealing can even out a busy core.
const CHUNKS_PER_THREAD: usize = 4;
/// The least chunk: below 256 KiB a split costs more than it saves.
const MIN_CHUNK_BYTES: usize = 1 << 18;
/// Chunks are whole multiples of this many elements, so that each runs its
/// kernel's vector steps without a tail.
const CHUNK_ALIGN: usize = 256;

/// Elements per chunk of a slice of `len` elements of `T`.
fn chunk_len<T>(len: usize) -> usize {
    let per_chunk = len.div_ceil(rayon::current_num_threads() * CHUNKS_PER_THREAD);
    let least = MIN_CHUNK_BYTES / size_of::<T>().max(1);
    per_chunk.max(least).next_multiple_of(CHUNK_ALIGN)
}

/// `kernel` over chunks of `values` in parallel, the results merged.
fn par_fold<T: Sync, R: Send + Default>(
    values: &[T],
    kernel: impl Fn(&[T]) -> R + Sync + Send,
    merge: impl Fn(R, R) -> R + Sync + Send,
) -> R {
    values
        .par_chunks(chunk_len::<T>(values.len()))
        .map(kernel)
        .reduce(R::default, merge)
}

fn par_scan_u8(values: &[u8], base: u8, high: u8, low: Option<u8>) -> ByteScan {
    par_fold(values, |c| scan_u8(c, base, high, low), ByteScan::merge)
}

fn par_sum_u8(values: &[u8], base: u8, span: u8) -> ByteSum {
    par_fold(values, |c| sum_u8(c, base, span), ByteSum::merge)
}

fn par_count_u32(values: &[u32], first: u32, second: Option<u32>) -> WordCounts {
    par_fold(values, |c| count_u32(c, first, second), WordCounts::merge)
}

fn par_sum_u32(values: &[u32]) -> u128 {
    par_fold(values, sum_u32, |a, b| a + b)
}

impl NpsTally {
    /// [`from_scores`](NpsTally::from_scores) split across the threads of
    /// rayon's current pool (feature `rayon`): the same tally, or the same
    /// error, as the sequential path.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the first score above 10 and its index.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::NpsTally;
    ///
    /// let scores: Vec<u8> = (0..1_000_000).map(|i| (i % 11) as u8).collect();
    /// assert_eq!(NpsTally::par_from_scores(&scores)?, NpsTally::from_scores(&scores)?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    ///
    /// # Example: a bad score, and a pool of two threads
    ///
    /// ```
    /// let mut scores = vec![9_u8; 3_000_000];
    /// scores[2_345_678] = 11;
    /// let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    /// let err = pool.install(|| cxkpi::NpsTally::par_from_scores(&scores)).unwrap_err();
    /// assert_eq!(err.to_string(), "NPS rating 11 at index 2345678 is out of range: it must be between 0 and 10");
    /// ```
    pub fn par_from_scores(scores: &[u8]) -> Result<NpsTally, Error> {
        NpsTally::from_scores_with(scores, par_scan_u8)
    }
}

impl CsatTally {
    /// [`from_scores`](CsatTally::from_scores) split across the threads of
    /// rayon's current pool (feature `rayon`): the same tally, or the same
    /// error, as the sequential path.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the first score off the scale and its index.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{CsatRule, CsatTally};
    ///
    /// let scores: Vec<u8> = (0..1_000_000).map(|i| (i % 5 + 1) as u8).collect();
    /// let rule = CsatRule::TOP_2_BOX_5;
    /// assert_eq!(CsatTally::par_from_scores(rule, &scores)?.csat()?.percent(), 40.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn par_from_scores(rule: CsatRule, scores: &[u8]) -> Result<CsatTally, Error> {
        CsatTally::from_scores_with(rule, scores, par_scan_u8)
    }
}

impl CesTally {
    /// [`from_scores`](CesTally::from_scores) split across the threads of
    /// rayon's current pool (feature `rayon`): the same tally, or the same
    /// error, as the sequential path.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the first score off the scale and its index.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{CesTally, Scale};
    ///
    /// let scores: Vec<u8> = (0..700_000).map(|i| (i % 7 + 1) as u8).collect();
    /// assert_eq!(CesTally::par_from_scores(Scale::ONE_TO_SEVEN, &scores)?.ces()?.mean(), 4.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn par_from_scores(scale: Scale, scores: &[u8]) -> Result<CesTally, Error> {
        CesTally::from_scores_with(scale, scores, par_sum_u8)
    }
}

impl ServiceLevelTally {
    /// [`from_whole_secs`](ServiceLevelTally::from_whole_secs) split across
    /// the threads of rayon's current pool (feature `rayon`): the same tally
    /// as the sequential path.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{AbandonTreatment, ServiceLevelTally, ShortAbandons};
    ///
    /// let waits: Vec<u32> = (0..1_000_000).map(|i| i % 40).collect();
    /// let tally = ServiceLevelTally::par_from_whole_secs(
    ///     Duration::from_secs(19), ShortAbandons::None, &waits, &[],
    /// );
    /// assert_eq!(tally.service_level(AbandonTreatment::Ignore)?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn par_from_whole_secs(
        threshold: Duration,
        short: ShortAbandons,
        answered: &[u32],
        abandoned: &[u32],
    ) -> ServiceLevelTally {
        ServiceLevelTally::from_whole_secs_with(
            threshold,
            short,
            answered,
            abandoned,
            par_count_u32,
        )
    }
}

impl AhtTally {
    /// [`from_whole_secs`](AhtTally::from_whole_secs) split across the
    /// threads of rayon's current pool (feature `rayon`): the same tally as
    /// the sequential path.
    ///
    /// # Errors
    ///
    /// [`Error::length_mismatch`] when the columns differ in length.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::AhtTally;
    ///
    /// let talk = vec![240_u32; 1_000_000];
    /// let hold = vec![30_u32; 1_000_000];
    /// let wrap = vec![60_u32; 1_000_000];
    /// assert_eq!(AhtTally::par_from_whole_secs(&talk, &hold, &wrap)?.aht()?.secs(), 330.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn par_from_whole_secs(
        talk: &[u32],
        hold: &[u32],
        wrap: &[u32],
    ) -> Result<AhtTally, Error> {
        AhtTally::from_whole_secs_with(talk, hold, wrap, par_sum_u32)
    }
}

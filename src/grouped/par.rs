//! The grouped paths split across rayon's current pool (feature `rayon`).
//!
//! The rows are cut into a few chunks per thread; each chunk counts into
//! its own table, and the tables are added: integer counts and sums, so the
//! tallies equal the sequential ones exactly. A bad row shows in the added
//! table's counters for bad codes and values, and is then searched for
//! sequentially, on the cold path, so the error is the sequential one too.

use core::time::Duration;

use rayon::prelude::*;

use super::{ByCode, Code, Run};
use crate::kernel::{GroupSums, Histogram};
use crate::{
    AhtTally, CesTally, CsatRule, CsatTally, Error, FcrTally, NpsTally, Scale, ServiceLevelTally,
    ShortAbandons,
};

/// Chunks per thread, so that work stealing can even out a busy core.
const CHUNKS_PER_THREAD: usize = 4;
/// The least rows per chunk: below, a split costs more than it saves.
const MIN_CHUNK_ROWS: usize = 1 << 16;

/// Counters above which a table is too large to make and add per chunk:
/// one chunk per thread then.
const LARGE_TABLE: usize = 1 << 16;

/// Rows per chunk of `rows` rows counting into tables of `table` counters:
/// a few chunks per thread for small tables; one per thread for large ones
/// (10⁵ groups of AHT sums are 5.6 MB to zero and add per chunk), and at
/// least four rows per counter, so that zeroing and adding the tables stays
/// a small part of the work.
fn chunk_rows(rows: usize, table: usize) -> usize {
    let per_thread = if table > LARGE_TABLE {
        1
    } else {
        CHUNKS_PER_THREAD
    };
    let per_chunk = rows.div_ceil(rayon::current_num_threads() * per_thread);
    per_chunk.max(MIN_CHUNK_ROWS).max(table.saturating_mul(4))
}

/// [`Histogram::add`] over chunks in parallel, the tables added.
pub(super) fn histogram<C: Code, V: Copy + Sync>(
    groups: usize,
    bins: usize,
    codes: &[C],
    values: &[V],
    bin: impl Fn(V) -> usize + Sync,
) -> Result<Histogram, Error> {
    let empty = Histogram::new(groups, bins)?;
    let n = chunk_rows(codes.len(), empty.counts.len());
    codes
        .par_chunks(n)
        .zip(values.par_chunks(n))
        .map(|(c, v)| {
            let mut h = empty.clone();
            h.add(c, v, &bin)?;
            Ok(h)
        })
        .try_reduce(|| empty.clone(), |a, b| Ok(a.merge(&b)))
}

/// [`GroupSums::add`] over chunks in parallel, the sums added.
pub(super) fn sums<C: Code>(
    groups: usize,
    codes: &[C],
    [talk, hold, wrap]: [&[u32]; 3],
) -> Result<GroupSums, Error> {
    let empty = GroupSums::new(groups)?;
    let rows = chunk_rows(codes.len(), groups);
    codes
        .par_chunks(rows)
        .zip(talk.par_chunks(rows))
        .zip(hold.par_chunks(rows).zip(wrap.par_chunks(rows)))
        .map(|((codes, talk), (hold, wrap))| {
            let mut sums = empty.clone();
            sums.add(codes, [talk, hold, wrap])?;
            Ok(sums)
        })
        .try_reduce(|| empty.clone(), |x, y| Ok(x.merge(&y)))
}

impl ByCode<NpsTally> {
    /// [`from_scores`](ByCode::<NpsTally>::from_scores) split across the
    /// threads of rayon's current pool (feature `rayon`): the same tallies,
    /// or the same error, as the sequential path.
    ///
    /// # Errors
    ///
    /// As [`from_scores`](ByCode::<NpsTally>::from_scores).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, NpsTally};
    ///
    /// let codes: Vec<u8> = (0..1_000_000).map(|i| (i % 96) as u8).collect();
    /// let scores: Vec<u8> = (0..1_000_000).map(|i| (i % 11) as u8).collect();
    /// assert_eq!(
    ///     ByCode::<NpsTally>::par_from_scores(96, &codes, &scores)?,
    ///     ByCode::<NpsTally>::from_scores(96, &codes, &scores)?,
    /// );
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn par_from_scores<C: Code>(
        groups: usize,
        codes: &[C],
        scores: &[u8],
    ) -> Result<ByCode<NpsTally>, Error> {
        ByCode::nps(Run::Pool, groups, codes, scores)
    }
}

impl ByCode<CsatTally> {
    /// [`from_scores`](ByCode::<CsatTally>::from_scores) split across the
    /// threads of rayon's current pool (feature `rayon`): the same tallies,
    /// or the same error, as the sequential path.
    ///
    /// # Errors
    ///
    /// As [`from_scores`](ByCode::<CsatTally>::from_scores).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, CsatRule, CsatTally};
    ///
    /// let codes: Vec<u16> = (0..500_000).map(|i| (i % 1000) as u16).collect();
    /// let scores: Vec<u8> = (0..500_000).map(|i| (i % 5 + 1) as u8).collect();
    /// let rule = CsatRule::TOP_2_BOX_5;
    /// assert_eq!(
    ///     ByCode::<CsatTally>::par_from_scores(rule, 1000, &codes, &scores)?,
    ///     ByCode::<CsatTally>::from_scores(rule, 1000, &codes, &scores)?,
    /// );
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn par_from_scores<C: Code>(
        rule: CsatRule,
        groups: usize,
        codes: &[C],
        scores: &[u8],
    ) -> Result<ByCode<CsatTally>, Error> {
        ByCode::csat(Run::Pool, rule, groups, codes, scores)
    }
}

impl ByCode<CesTally> {
    /// [`from_scores`](ByCode::<CesTally>::from_scores) split across the
    /// threads of rayon's current pool (feature `rayon`): the same tallies,
    /// or the same error, as the sequential path.
    ///
    /// # Errors
    ///
    /// As [`from_scores`](ByCode::<CesTally>::from_scores).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, CesTally, Scale};
    ///
    /// let ces = ByCode::<CesTally>::par_from_scores(Scale::ONE_TO_SEVEN, 1, &[0_u8, 0], &[7, 4])?;
    /// assert_eq!(ces.get(0).unwrap().ces()?.mean(), 5.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn par_from_scores<C: Code>(
        scale: Scale,
        groups: usize,
        codes: &[C],
        scores: &[u8],
    ) -> Result<ByCode<CesTally>, Error> {
        ByCode::ces(Run::Pool, scale, groups, codes, scores)
    }
}

impl ByCode<ServiceLevelTally> {
    /// [`from_whole_secs`](ByCode::<ServiceLevelTally>::from_whole_secs)
    /// split across the threads of rayon's current pool (feature `rayon`):
    /// the same tallies, or the same error, as the sequential path.
    ///
    /// # Errors
    ///
    /// As [`from_whole_secs`](ByCode::<ServiceLevelTally>::from_whole_secs).
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{grouped::ByCode, AbandonTreatment, ServiceLevelTally, ShortAbandons};
    ///
    /// let sl = ByCode::<ServiceLevelTally>::par_from_whole_secs(
    ///     Duration::from_secs(20), ShortAbandons::None, 1, &[0_u8, 0], &[5, 30], &[], &[],
    /// )?;
    /// assert_eq!(sl.get(0).unwrap().service_level(AbandonTreatment::Ignore)?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn par_from_whole_secs<C: Code>(
        threshold: Duration,
        short: ShortAbandons,
        groups: usize,
        answered_codes: &[C],
        answered: &[u32],
        abandoned_codes: &[C],
        abandoned: &[u32],
    ) -> Result<ByCode<ServiceLevelTally>, Error> {
        ByCode::service_level(
            Run::Pool,
            threshold,
            short,
            groups,
            [answered_codes, abandoned_codes],
            [answered, abandoned],
        )
    }
}

impl ByCode<AhtTally> {
    /// [`from_whole_secs`](ByCode::<AhtTally>::from_whole_secs) split
    /// across the threads of rayon's current pool (feature `rayon`): the
    /// same tallies, or the same error, as the sequential path.
    ///
    /// # Errors
    ///
    /// As [`from_whole_secs`](ByCode::<AhtTally>::from_whole_secs).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, AhtTally};
    ///
    /// let aht = ByCode::<AhtTally>::par_from_whole_secs(1, &[0_u32, 0], &[240, 120], &[30, 0], &[60, 45])?;
    /// assert_eq!(aht.get(0).unwrap().aht()?.secs(), 247.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn par_from_whole_secs<C: Code>(
        groups: usize,
        codes: &[C],
        talk: &[u32],
        hold: &[u32],
        wrap: &[u32],
    ) -> Result<ByCode<AhtTally>, Error> {
        ByCode::aht(Run::Pool, groups, codes, [talk, hold, wrap])
    }
}

impl ByCode<FcrTally> {
    /// [`from_contact_counts`](ByCode::<FcrTally>::from_contact_counts)
    /// split across the threads of rayon's current pool (feature `rayon`):
    /// the same tallies, or the same error, as the sequential path.
    ///
    /// # Errors
    ///
    /// As [`from_contact_counts`](ByCode::<FcrTally>::from_contact_counts).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, FcrTally};
    ///
    /// let fcr = ByCode::<FcrTally>::par_from_contact_counts(1, &[0_u8, 0], &[1, 2])?;
    /// assert_eq!(fcr.get(0).unwrap().fcr()?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn par_from_contact_counts<C: Code>(
        groups: usize,
        codes: &[C],
        contacts: &[u32],
    ) -> Result<ByCode<FcrTally>, Error> {
        ByCode::fcr(Run::Pool, groups, codes, contacts)
    }
}

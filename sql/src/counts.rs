//! The group accumulator of the KPIs whose tally is a few counts (`nps`,
//! `service_level`): a row of counters per group, indexed by `DataFusion`'s
//! group indices themselves.
//!
//! Each row adds one to one counter of its group: the bin of its value (a
//! promoter, an answer within the threshold, …). A batch without nulls or
//! filter goes through the KPI's columnar kernel, which checks every value
//! in one vectorised pass and then counts in a second, with no per-row call,
//! no per-batch allocation and no per-batch remapping of the groups; any
//! other batch, or one holding a value the kernel does not take, goes row by
//! row through [`Kpi::observe`], which gives the same counts and words every
//! error as the row path of every other KPI. The tallies are built from the
//! counters (and checked by the core) only when the groups are emitted.
//!
//! No counter can wrap: `bound` is at least every group's count, and a batch
//! of `n` rows is counted without checks only while `bound + n` fits a
//! `u64`; otherwise (after merging states near `u64::MAX`) it is recorded
//! into the core's tallies, whose checked additions report the overflow.

use std::fmt::Debug;
use std::time::Duration;

use cxkpi::{
    NpsCategory, NpsRating, NpsTally, ServiceLevelState, ServiceLevelTally, ShortAbandons, Tally,
    Waited,
};
use datafusion::arrow::array::{Array, ArrayRef, BooleanArray};
use datafusion::common::Result;
use datafusion::logical_expr::{EmitTo, GroupsAccumulator};

use crate::args::{bools, floats, ints};
use crate::functions::{NpsKpi, ServiceLevelKpi};
use crate::kpi::{Kpi, kept, merge_row, results, rows_as_states};
use crate::state::{ArrowState, core_error};

/// A KPI whose tally is `BINS` counts, each observation adding one to one
/// of them.
pub(crate) trait Counted: Kpi {
    /// Counters per group.
    const BINS: usize;

    /// How values fall into bins, worked out once per accumulator from the
    /// KPI's parameters.
    type Bins: Debug + Send + Sync;

    /// The bins of this call.
    fn bins(&self) -> Self::Bins;

    /// The counter `obs` adds one to, below `BINS`: what [`Kpi::record`]
    /// counts it as.
    fn bin(bins: &Self::Bins, obs: Self::Obs) -> usize;

    /// Adds one to `counts[groups[i] × BINS + bin]` for every row `i` of
    /// `columns`, a batch without nulls, after checking every value: `false`
    /// when one is not a value the kernel takes (nothing is counted then).
    fn count(bins: &Self::Bins, columns: &[ArrayRef], groups: &[usize], counts: &mut [u32])
    -> bool;

    /// The tally of one group's counters.
    ///
    /// # Errors
    ///
    /// An overflow of a sum of counters, or counts the core refuses.
    fn tally(bins: &Self::Bins, counts: &[u64]) -> Result<Self::Tally, cxkpi::Error>;

    /// Writes the counters of `tally` into `counts`; returns its count of
    /// observations.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    fn counters(tally: &Self::Tally, counts: &mut [u64]) -> Result<u64, cxkpi::Error>;
}

/// The accumulator of every group of a `GROUP BY` of a [`Counted`] KPI.
#[derive(Debug)]
pub(crate) struct CountGroups<K: Counted> {
    kpi: K,
    bins: K::Bins,
    /// `K::BINS` counters per group, group after group.
    counts: Vec<u64>,
    /// The columnar kernel's counters, laid out as `counts` and added to it
    /// before any read: half as wide, so that a row of random groups touches
    /// half the memory (at 10⁵ groups and six bins, 2.4 MB instead of 4.8).
    hot: Vec<u32>,
    /// The rows counted into `hot` since it was last added to `counts`: at
    /// most `u32::MAX`, so that no `hot` counter can wrap.
    hot_rows: u64,
    /// At least the count of every group, `hot` included.
    bound: u64,
}

impl<K: Counted> CountGroups<K> {
    pub(crate) fn new(kpi: K) -> Self {
        CountGroups {
            bins: kpi.bins(),
            kpi,
            counts: Vec::new(),
            hot: Vec::new(),
            hot_rows: 0,
            bound: 0,
        }
    }

    fn grow(&mut self, total_groups: usize) -> Result<()> {
        let len = total_groups
            .checked_mul(K::BINS)
            .ok_or_else(|| core_error(K::NAME, &cxkpi::Error::overflow("groups", "usize")))?;
        if self.counts.len() < len {
            self.counts.resize(len, 0);
            self.hot.resize(len, 0);
        }
        Ok(())
    }

    /// Adds the kernel's counters to `counts`. No sum wraps: `bound`, at
    /// least every group's count with `hot` included, fits a `u64`.
    fn flush(&mut self) {
        if self.hot_rows == 0 {
            return;
        }
        for (count, hot) in self.counts.iter_mut().zip(self.hot.iter_mut()) {
            *count += u64::from(*hot);
            *hot = 0;
        }
        self.hot_rows = 0;
    }

    fn tally(&self, counts: &[u64]) -> Result<K::Tally> {
        K::tally(&self.bins, counts).map_err(|e| core_error(K::NAME, &e))
    }

    /// The tallies of every group, in group order.
    fn tallies(&self, counts: &[u64]) -> Result<Vec<K::Tally>> {
        counts
            .chunks_exact(K::BINS)
            .map(|c| self.tally(c))
            .collect()
    }

    /// The tallies of the groups `emit_to` asks for, removed from the counters.
    fn take(&mut self, emit_to: EmitTo) -> Result<Vec<K::Tally>> {
        self.flush();
        let taken = match emit_to {
            EmitTo::All => std::mem::take(&mut self.counts),
            EmitTo::First(n) => {
                let rest = self
                    .counts
                    .split_off(n.saturating_mul(K::BINS).min(self.counts.len()));
                std::mem::replace(&mut self.counts, rest)
            }
        };
        if self.counts.is_empty() {
            self.bound = 0;
        }
        // All zeros after the flush: as long as the counters left.
        self.hot.truncate(self.counts.len());
        self.tallies(&taken)
    }

    /// Stores `tally` as the counters of `group`.
    fn store(&mut self, group: usize, tally: &K::Tally) -> Result<()> {
        let counts = &mut self.counts[group * K::BINS..(group + 1) * K::BINS];
        let n = K::counters(tally, counts).map_err(|e| core_error(K::NAME, &e))?;
        self.bound = self.bound.max(n);
        Ok(())
    }

    /// The rows through the core's tallies, every addition checked: for
    /// counters that might not take another `rows` observations unchecked.
    #[cold]
    fn update_checked(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<()> {
        self.flush();
        let mut tallies = self.tallies(&self.counts)?;
        self.kpi.observe(values, |row, obs| {
            if kept(opt_filter, row) {
                K::record(&mut tallies[group_indices[row]], obs)
                    .map_err(|e| core_error(K::NAME, &e))?;
            }
            Ok(())
        })?;
        for (group, tally) in tallies.iter().enumerate() {
            self.store(group, tally)?;
        }
        Ok(())
    }
}

impl<K: Counted> GroupsAccumulator for CountGroups<K> {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.grow(total_num_groups)?;
        let rows = u64::try_from(group_indices.len()).unwrap_or(u64::MAX);
        let Some(bound) = self.bound.checked_add(rows) else {
            return self.update_checked(values, group_indices, opt_filter);
        };
        self.bound = bound;
        if opt_filter.is_none() && values.iter().all(|v| v.null_count() == 0) {
            if self.hot_rows.saturating_add(rows) > u64::from(u32::MAX) {
                self.flush();
            }
            if u32::try_from(rows).is_ok()
                && K::count(&self.bins, values, group_indices, &mut self.hot)
            {
                self.hot_rows += rows;
                return Ok(());
            }
        }
        let (bins, counts) = (&self.bins, &mut self.counts);
        self.kpi.observe(values, |row, obs| {
            if kept(opt_filter, row) {
                counts[group_indices[row] * K::BINS + K::bin(bins, obs)] += 1;
            }
            Ok(())
        })
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let tallies = self.take(emit_to)?;
        results(&self.kpi, &tallies)
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        let tallies = self.take(emit_to)?;
        K::Tally::columns(&tallies)
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.grow(total_num_groups)?;
        self.flush();
        for (row, &group) in group_indices.iter().enumerate() {
            let mut tally = self.tally(&self.counts[group * K::BINS..(group + 1) * K::BINS])?;
            merge_row(K::NAME, &mut tally, values, row)?;
            self.store(group, &tally)?;
        }
        Ok(())
    }

    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        rows_as_states(&self.kpi, values, opt_filter)
    }

    fn size(&self) -> usize {
        self.counts.capacity() * size_of::<u64>() + self.hot.capacity() * size_of::<u32>()
    }
}

/// The sum of `counts`, or the core's overflow error naming `what`.
pub(crate) fn sum(counts: &[u64], what: &'static str) -> Result<u64, cxkpi::Error> {
    counts
        .iter()
        .try_fold(0u64, |a, &c| a.checked_add(c))
        .ok_or_else(|| cxkpi::Error::overflow(what, "u64"))
}

/// The NPS bin of a rating 0–10: promoters, passives, detractors.
const NPS_BINS: [usize; 11] = [2, 2, 2, 2, 2, 2, 2, 1, 1, 0, 0];

impl Counted for NpsKpi {
    const BINS: usize = 3;
    type Bins = ();

    fn bins(&self) {}

    fn bin((): &(), obs: NpsRating) -> usize {
        match obs.category() {
            NpsCategory::Promoter => 0,
            NpsCategory::Passive => 1,
            NpsCategory::Detractor => 2,
        }
    }

    fn count((): &(), columns: &[ArrayRef], groups: &[usize], counts: &mut [u32]) -> bool {
        let Ok(scores) = ints(Self::NAME, columns, 0) else {
            return false;
        };
        let scores = scores.values();
        // One branch-free pass, which vectorises; the row path names a bad score.
        if !scores
            .iter()
            .fold(true, |ok, &s| ok & (0..=10).contains(&s))
        {
            return false;
        }
        for (&group, &score) in groups.iter().zip(scores.iter()) {
            // 0 to 10, checked above.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let bin = NPS_BINS[score as usize];
            counts[group * Self::BINS + bin] += 1;
        }
        true
    }

    fn tally((): &(), c: &[u64]) -> Result<NpsTally, cxkpi::Error> {
        NpsTally::from_counts(c[0], c[1], c[2])
    }

    fn counters(tally: &NpsTally, counts: &mut [u64]) -> Result<u64, cxkpi::Error> {
        let s = tally.state()?;
        counts.copy_from_slice(&[s.promoters, s.passives, s.detractors]);
        tally.len()
    }
}

/// How waits in seconds fall into the service level's bins: the rule, and
/// the largest `f64` wait that the core takes, that it counts within the
/// threshold and that it counts as a short abandon (`-1` for none).
///
/// The core converts a wait with [`cxkpi::try_seconds`], which rounds to the
/// nearest nanosecond and is monotone, so each of these sets of waits is
/// all the `f64`s from 0 up to a last one, found by bisecting the bit
/// patterns of the non-negative `f64`s (ordered as their values): a
/// comparison per row then decides exactly what the conversion would.
#[derive(Debug)]
pub(crate) struct WaitBins {
    threshold: Duration,
    short: ShortAbandons,
    taken: f64,
    within: f64,
    short_max: f64,
}

/// The largest `f64` from 0 up for which `keep` holds, `keep` holding on the
/// waits from 0 up to some wait and on none above it; -1 when it does not
/// hold at 0.
fn last_kept(keep: impl Fn(f64) -> bool) -> f64 {
    if !keep(0.0) {
        return -1.0;
    }
    // keep(lo) holds, keep(hi) does not (no wait is infinite).
    let (mut lo, mut hi) = (0.0_f64.to_bits(), f64::INFINITY.to_bits());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if keep(f64::from_bits(mid)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    f64::from_bits(lo)
}

impl WaitBins {
    fn new(threshold: Duration, short: ShortAbandons) -> WaitBins {
        WaitBins {
            threshold,
            short,
            taken: last_kept(|w| cxkpi::try_seconds(w).is_ok()),
            within: last_kept(|w| cxkpi::try_seconds(w).is_ok_and(|d| d <= threshold)),
            short_max: last_kept(|w| cxkpi::try_seconds(w).is_ok_and(|d| short.is_short(d))),
        }
    }
}

/// The service-level bins: answered within the threshold, answered later;
/// abandoned `2 + within + 2 × short`.
impl Counted for ServiceLevelKpi {
    const BINS: usize = 6;
    type Bins = WaitBins;

    fn bins(&self) -> WaitBins {
        let empty = self.empty();
        WaitBins::new(empty.threshold(), empty.short_abandons())
    }

    fn bin(bins: &WaitBins, obs: Waited) -> usize {
        let within = usize::from(obs.wait() <= bins.threshold);
        match obs {
            Waited::Answered(_) => 1 - within,
            Waited::Abandoned(wait) => 2 + within + 2 * usize::from(bins.short.is_short(wait)),
        }
    }

    fn count(bins: &WaitBins, columns: &[ArrayRef], groups: &[usize], counts: &mut [u32]) -> bool {
        let (Ok(waits), Ok(answered)) = (
            floats(Self::NAME, columns, 0),
            bools(Self::NAME, columns, 1),
        ) else {
            return false;
        };
        let waits = waits.values();
        // `-0.0` passes, as the core takes it for zero; NaN fails. `&`, not
        // `&&`: no branch, so that the pass vectorises.
        #[allow(clippy::needless_bitwise_bool)]
        let taken = waits
            .iter()
            .fold(true, |ok, &w| ok & (w >= 0.0) & (w <= bins.taken));
        if !taken {
            return false;
        }
        let (within, short) = (bins.within, bins.short_max);
        for ((&group, &wait), answered) in groups.iter().zip(waits.iter()).zip(answered.values()) {
            let w = usize::from(wait <= within);
            let s = usize::from(wait <= short);
            // Answered: 1 - w; abandoned: 2 + w + 2 s.
            let bin = 1 - w + usize::from(!answered) * (1 + 2 * w + 2 * s);
            counts[group * Self::BINS + bin] += 1;
        }
        true
    }

    fn tally(bins: &WaitBins, c: &[u64]) -> Result<ServiceLevelTally, cxkpi::Error> {
        ServiceLevelTally::from_state(ServiceLevelState {
            threshold: bins.threshold,
            short_abandons: bins.short,
            answered: sum(&c[..2], "answered contacts")?,
            answered_within: c[0],
            abandoned: sum(&c[2..], "abandoned contacts")?,
            abandoned_within: sum(&[c[3], c[5]], "abandoned within threshold")?,
            short_abandoned: sum(&c[4..], "short abandoned")?,
        })
    }

    fn counters(tally: &ServiceLevelTally, counts: &mut [u64]) -> Result<u64, cxkpi::Error> {
        let s = tally.state()?;
        // The core's state nests short abandons and abandons within the
        // threshold as the two thresholds order them (checked when the
        // state was read): one of both is part of the other.
        let (within, short) = (s.abandoned_within, s.short_abandoned);
        let both = within.min(short);
        counts.copy_from_slice(&[
            s.answered_within,
            s.answered - s.answered_within,
            s.abandoned - within.max(short),
            within - both,
            short - both,
            both,
        ]);
        tally.len()
    }
}

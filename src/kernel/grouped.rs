//! Kernels of the grouped paths: counts per group and bin, and sums per
//! group, over a column of group codes and the value columns beside it.
//!
//! # How they run near the speed of the increments
//!
//! - **One table, one pass.** Each row adds one to the counter of its group
//!   and its bin (`table[code × bins + bin(value)]`); every tally's counts
//!   are read off the table afterwards (promoters are bins 9 and 10 of a
//!   group, …). The table of 96 groups × 12 NPS bins is 4.6 KiB: it stays
//!   in L1 however the rows are ordered.
//! - **Validation costs nothing on the hot path.** A value off its scale
//!   falls in one extra bin per group, and a code of `groups` or more in one
//!   extra group: both are `min`s, no branch. Only when those counters are
//!   non-zero is the input searched again, on a `#[cold]` path, for the
//!   first bad row.
//! - **Four copies of small tables.** Rows go to four copies of the
//!   counters in turn, so that a run of equal rows (a log sorted by hour)
//!   does not serialise on one counter's store-to-load latency; large tables
//!   keep one copy, as their rows rarely meet.
//! - **Narrow counters.** `u32` counters over blocks of at most `u32::MAX`
//!   rows, widened into `u64` once per block: half the cache of `u64`.

use alloc::vec::Vec;

use crate::Error;
use crate::grouped::Code;

/// Rows per block: a `u32` counter cannot overflow within one, nor a `u64`
/// sum of `u32` values.
const BLOCK: usize = u32::MAX as usize;
/// Counters up to which a table is kept in four copies (4 × 16 KiB).
const SMALL_TABLE: usize = 4096;

/// Zeroed memory for `len` values, or an error instead of an abort when the
/// request cannot be met.
pub(crate) fn zeroed<T: Clone + Default>(len: usize) -> Result<Vec<T>, Error> {
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| Error::overflow("group tables", "available memory"))?;
    v.resize(len, T::default());
    Ok(v)
}

/// Counts per group and bin.
///
/// Row `i` counts in `counts[g × bins + bin(values[i])]`, `g` being its code,
/// or `groups` for a code of `groups` or more: the table has `groups + 1`
/// groups of `bins` counters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Histogram {
    /// `(groups + 1) × bins` counters, group by group.
    pub(crate) counts: Vec<u64>,
    /// Counters per group.
    pub(crate) bins: usize,
}

impl Histogram {
    /// The empty table of `groups` (and one for bad codes) × `bins`.
    pub(crate) fn new(groups: usize, bins: usize) -> Result<Histogram, Error> {
        let len = groups
            .checked_add(1)
            .and_then(|g| g.checked_mul(bins))
            .ok_or_else(|| Error::overflow("group tables", "usize"))?;
        Ok(Histogram {
            counts: zeroed(len)?,
            bins,
        })
    }

    /// The counters of every group but the bad codes', in code order.
    pub(crate) fn groups(&self) -> impl Iterator<Item = &[u64]> {
        let valid = self.counts.len() - self.bins;
        self.counts[..valid].chunks_exact(self.bins)
    }

    /// Rows with a code of `groups` or more.
    pub(crate) fn bad_codes(&self) -> u64 {
        self.counts[self.counts.len() - self.bins..].iter().sum()
    }

    /// Rows whose value fell in bin `bin`, in any group (bad codes included).
    pub(crate) fn in_bin(&self, bin: usize) -> u64 {
        self.counts.iter().skip(bin).step_by(self.bins).sum()
    }

    /// Adds the counts of `other`, a table of the same shape.
    #[cfg(feature = "rayon")]
    pub(crate) fn merge(mut self, other: &Histogram) -> Histogram {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self
    }

    /// Counts the rows of `codes` and `values` (of equal lengths) into the
    /// table, value `v` in bin `bin(v)`, which must be below `bins`.
    pub(crate) fn add<C: Code, V: Copy>(
        &mut self,
        codes: &[C],
        values: &[V],
        bin: impl Fn(V) -> usize,
    ) -> Result<(), Error> {
        let width = self.counts.len();
        let copies = if width <= SMALL_TABLE { 4 } else { 1 };
        let mut narrow: Vec<u32> = zeroed(copies * width)?;
        let groups = width / self.bins - 1;
        let bins = self.bins;
        let slot = |c: C, v: V| c.index().min(groups) * bins + bin(v);
        for (codes, values) in codes.chunks(BLOCK).zip(values.chunks(BLOCK)) {
            if copies == 4 {
                let (c0, rest) = narrow.split_at_mut(width);
                let (c1, rest) = rest.split_at_mut(width);
                let (c2, c3) = rest.split_at_mut(width);
                let mut cs = codes.chunks_exact(4);
                let mut vs = values.chunks_exact(4);
                for (c, v) in (&mut cs).zip(&mut vs) {
                    c0[slot(c[0], v[0])] += 1;
                    c1[slot(c[1], v[1])] += 1;
                    c2[slot(c[2], v[2])] += 1;
                    c3[slot(c[3], v[3])] += 1;
                }
                for (&c, &v) in cs.remainder().iter().zip(vs.remainder()) {
                    c0[slot(c, v)] += 1;
                }
            } else {
                for (&c, &v) in codes.iter().zip(values) {
                    narrow[slot(c, v)] += 1;
                }
            }
            for copy in narrow.chunks_exact_mut(width) {
                for (t, n) in self.counts.iter_mut().zip(copy.iter_mut()) {
                    *t += u64::from(*n);
                    *n = 0;
                }
            }
        }
        Ok(())
    }
}

/// Rows and the exact sums of three `u32` columns, per group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GroupSums {
    /// Per group (and one last for bad codes): rows, and the three sums.
    pub(crate) totals: Vec<(u64, [u128; 3])>,
}

impl GroupSums {
    /// The empty sums of `groups` (and one for bad codes).
    pub(crate) fn new(groups: usize) -> Result<GroupSums, Error> {
        let len = groups
            .checked_add(1)
            .ok_or_else(|| Error::overflow("group tables", "usize"))?;
        Ok(GroupSums {
            totals: zeroed(len)?,
        })
    }

    /// Rows with a code of `groups` or more.
    pub(crate) fn bad_codes(&self) -> u64 {
        self.totals.last().map_or(0, |t| t.0)
    }

    /// Adds the sums of `other`, of the same shape.
    #[cfg(feature = "rayon")]
    pub(crate) fn merge(mut self, other: &GroupSums) -> GroupSums {
        for (a, b) in self.totals.iter_mut().zip(&other.totals) {
            a.0 += b.0;
            for k in 0..3 {
                a.1[k] += b.1[k];
            }
        }
        self
    }

    /// Adds the rows of `codes` and the three columns (all of one length).
    pub(crate) fn add<C: Code>(&mut self, codes: &[C], columns: [&[u32]; 3]) -> Result<(), Error> {
        let groups = self.totals.len() - 1;
        // Rows and sums side by side: one cache line per row touches all four.
        let mut block: Vec<[u64; 4]> = zeroed(groups + 1)?;
        let [a, b, c] = columns;
        for (start, codes) in (0..).step_by(BLOCK).zip(codes.chunks(BLOCK)) {
            let end = start + codes.len();
            let (a, b, c) = (&a[start..end], &b[start..end], &c[start..end]);
            for (i, &code) in codes.iter().enumerate() {
                let t = &mut block[code.index().min(groups)];
                t[0] += 1;
                t[1] += u64::from(a[i]);
                t[2] += u64::from(b[i]);
                t[3] += u64::from(c[i]);
            }
            for (t, s) in self.totals.iter_mut().zip(block.iter_mut()) {
                t.0 += s[0];
                for k in 0..3 {
                    t.1[k] += u128::from(s[k + 1]);
                }
                *s = [0; 4];
            }
        }
        Ok(())
    }
}

/// The first row whose code is `groups` or more, or whose value `bad` refuses.
#[cold]
pub(crate) fn first_bad_row<C: Code, V: Copy>(
    groups: usize,
    codes: &[C],
    values: &[V],
    bad: impl Fn(V) -> bool,
) -> Option<usize> {
    codes
        .iter()
        .zip(values)
        .position(|(&c, &v)| c.index() >= groups || bad(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(groups: usize, bins: usize, codes: &[u16], values: &[u8]) -> Vec<u64> {
        let mut out = alloc::vec![0; (groups + 1) * bins];
        for (&c, &v) in codes.iter().zip(values) {
            out[usize::from(c).min(groups) * bins + usize::from(v).min(bins - 1)] += 1;
        }
        out
    }

    #[test]
    fn histogram_matches_naive_with_one_and_four_copies() {
        for (groups, len) in [(0, 5), (3, 0), (3, 7), (96, 10_001), (5000, 20_003)] {
            let codes: Vec<u16> = (0..len)
                .map(|i| u16::try_from(i * 7919 % (groups + 3)).unwrap())
                .collect();
            let values: Vec<u8> = (0..len)
                .map(|i| u8::try_from(i * 31 % 13).unwrap())
                .collect();
            let mut h = Histogram::new(groups, 12).unwrap();
            h.add(&codes, &values, |v| usize::from(v).min(11)).unwrap();
            assert_eq!(
                h.counts,
                naive(groups, 12, &codes, &values),
                "{groups} groups"
            );
            let bad = codes.iter().filter(|&&c| usize::from(c) >= groups).count();
            assert_eq!(h.bad_codes(), bad as u64);
        }
    }

    #[test]
    fn sums_match_naive() {
        let codes: Vec<u32> = (0..10_000).map(|i| i * 13 % 1001).collect();
        let col =
            |k: u32| -> Vec<u32> { (0..10_000_u32).map(|i| i.wrapping_mul(k) % 977).collect() };
        let (a, b, c) = (col(3), col(5), col(u32::MAX));
        let mut s = GroupSums::new(1000).unwrap();
        s.add(&codes, [&a, &b, &c]).unwrap();
        let g = 17;
        let rows: Vec<usize> = (0..10_000).filter(|&i| codes[i] == 17).collect();
        let sum = |col: &[u32]| rows.iter().map(|&i| u128::from(col[i])).sum::<u128>();
        assert_eq!(
            s.totals[g],
            (rows.len() as u64, [sum(&a), sum(&b), sum(&c)])
        );
        assert_eq!(
            s.bad_codes(),
            codes.iter().filter(|&&c| c == 1000).count() as u64
        );
    }

    #[test]
    fn impossible_tables_are_errors() {
        assert!(Histogram::new(usize::MAX, 12).is_err());
        assert!(GroupSums::new(usize::MAX).is_err());
    }
}

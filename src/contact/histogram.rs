//! Counts per whole number, sparse: the attempt on which a target was
//! reached, the messages a customer sent before the first reply.

use alloc::vec::Vec;

use crate::tally::add_u64;
use crate::{Domain, Error};

/// `(value, count)` pairs sorted by value, every count above 0, so that
/// equal histograms are equal vectors.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts(Vec<(u32, u64)>);

impl Counts {
    /// The histogram of `pairs`, checking that values strictly increase,
    /// are at least `min`, and that every count is above 0; `field` names
    /// the state field in errors.
    pub(crate) fn from_pairs(
        pairs: Vec<(u32, u64)>,
        min: u32,
        field: &'static str,
    ) -> Result<Counts, Error> {
        let mut least = i64::from(min);
        for &(value, count) in &pairs {
            if i64::from(value) < least {
                return Err(Error::out_of_range(field, value, Domain::AtLeast(least)));
            }
            if count == 0 {
                return Err(Error::out_of_range(field, count, Domain::AtLeast(1)));
            }
            // Strictly increasing: the next value is above this one.
            least = i64::from(value) + 1;
        }
        Ok(Counts(pairs))
    }

    /// The pairs, by increasing value.
    pub(crate) fn pairs(&self) -> &[(u32, u64)] {
        &self.0
    }

    /// The histogram with `n` more of `value`; `quantity` names an overflow.
    pub(crate) fn with(&self, value: u32, n: u64, quantity: &'static str) -> Result<Counts, Error> {
        self.merged(&Counts(alloc::vec![(value, n)]), quantity)
    }

    /// The sum of two histograms; `quantity` names an overflow.
    pub(crate) fn merged(&self, other: &Counts, quantity: &'static str) -> Result<Counts, Error> {
        let mut out = Vec::with_capacity(self.0.len() + other.0.len());
        let mut left = self.0.iter().copied().peekable();
        let mut right = other.0.iter().copied().peekable();
        loop {
            let pair = match (left.peek().copied(), right.peek().copied()) {
                (Some(l), Some(r)) if l.0 == r.0 => {
                    left.next();
                    right.next();
                    (l.0, add_u64(l.1, r.1, quantity)?)
                }
                (Some(l), Some(r)) if l.0 < r.0 => {
                    left.next();
                    l
                }
                (Some(l), None) => {
                    left.next();
                    l
                }
                (_, Some(r)) => {
                    right.next();
                    r
                }
                (None, None) => break,
            };
            out.push(pair);
        }
        Ok(Counts(out))
    }

    /// The sum of the counts; `quantity` names an overflow.
    pub(crate) fn total(&self, quantity: &'static str) -> Result<u64, Error> {
        self.0
            .iter()
            .try_fold(0, |acc, &(_, c)| add_u64(acc, c, quantity))
    }

    /// The sum of the counts of values at most `k`, which fits when
    /// [`total`](Self::total) does.
    pub(crate) fn at_most(&self, k: u32) -> u64 {
        self.0
            .iter()
            .take_while(|&&(v, _)| v <= k)
            .map(|&(_, c)| c)
            .fold(0, u64::wrapping_add)
    }

    /// Σ value × count: below 2³² × 2⁶⁴ × (entries ≤ 2³²) = 2¹²⁸, so exact.
    pub(crate) fn weighted_sum(&self) -> u128 {
        self.0
            .iter()
            .map(|&(v, c)| u128::from(v) * u128::from(c))
            .fold(0, u128::wrapping_add)
    }
}

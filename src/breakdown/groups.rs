//! The map of a [`Breakdown`](super::Breakdown): entries in insertion order,
//! a hash index to find them, and key order on reading.
//!
//! A `BTreeMap` costs one walk down the tree per observation, each step a
//! few key comparisons and a likely cache miss: 31 M rows/s for 96 groups.
//! Here a lookup is a hash, a probe of the index and one key comparison
//! (see [`crate::hash`]). Key order is what the readers promise, so it is
//! made when they read: a sort of the positions, which costs
//! `O(groups log groups)` per read, against `O(rows × log groups)` of tree
//! walks while recording.

use alloc::vec::Vec;
use core::hash::Hash;

use crate::hash::{Index, hash};

/// Groups and their values, found by hash, read in key order.
#[derive(Clone)]
pub(crate) struct Groups<K, V> {
    entries: Vec<(K, V)>,
    index: Index,
}

impl<K, V> Groups<K, V> {
    /// No groups.
    pub(crate) fn new() -> Groups<K, V> {
        Groups {
            entries: Vec::new(),
            index: Index::default(),
        }
    }

    /// The number of groups.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The values, in insertion order (for merges, where order is no matter).
    pub(crate) fn unordered(&self) -> impl Iterator<Item = &(K, V)> {
        self.entries.iter()
    }
}

impl<K: Hash + Eq, V> Groups<K, V> {
    /// The value of `key`, if any.
    #[inline]
    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        let position = self.index.find(hash(key), |p| self.entries[p].0 == *key)?;
        Some(&self.entries[position].1)
    }

    /// The value of `key`, to change in place, if any.
    #[inline]
    pub(crate) fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        let entries = &self.entries;
        let position = self.index.find(hash(key), |p| entries[p].0 == *key)?;
        Some(&mut self.entries[position].1)
    }

    /// The value of `key`, made by `make` when new.
    #[inline]
    pub(crate) fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let h = hash(&key);
        let entries = &self.entries;
        let position = if let Some(p) = self.index.find(h, |p| entries[p].0 == key) {
            p
        } else {
            self.index.push(h);
            self.entries.push((key, make()));
            self.entries.len() - 1
        };
        &mut self.entries[position].1
    }

    /// Sets the value of `key`.
    pub(crate) fn insert(&mut self, key: K, value: V) {
        let h = hash(&key);
        let entries = &self.entries;
        if let Some(p) = self.index.find(h, |p| entries[p].0 == key) {
            self.entries[p].1 = value;
        } else {
            self.index.push(h);
            self.entries.push((key, value));
        }
    }
}

impl<K: Ord, V> Groups<K, V> {
    /// The groups in key order.
    pub(crate) fn iter(&self) -> BreakdownIter<'_, K, V> {
        let mut order: Vec<&(K, V)> = self.entries.iter().collect();
        order.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        BreakdownIter {
            order: order.into_iter(),
        }
    }

    /// The values in key order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.iter().map(|(_, v)| v)
    }
}

impl<K: Hash + Eq, V: PartialEq> PartialEq for Groups<K, V> {
    /// The same groups with equal values, whatever the order of insertion.
    fn eq(&self, other: &Groups<K, V>) -> bool {
        self.len() == other.len() && self.entries.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<K: Hash + Eq, V> Extend<(K, V)> for Groups<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Hash + Eq, V> FromIterator<(K, V)> for Groups<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Groups<K, V> {
        let mut groups = Groups::new();
        groups.extend(iter);
        groups
    }
}

/// The groups of a [`Breakdown`](super::Breakdown) and their tallies, in key
/// order: what [`Breakdown::iter`](super::Breakdown::iter) returns.
///
/// # Example
///
/// ```
/// use cxkpi::{Breakdown, NpsRating, NpsTally};
///
/// let mut by_topic = Breakdown::<&str, NpsTally>::default();
/// by_topic.record("network", NpsRating::new(3)?);
/// by_topic.record("billing", NpsRating::new(10)?);
/// let mut groups = by_topic.iter();
/// assert_eq!(groups.len(), 2);
/// assert_eq!(groups.next().map(|(k, _)| *k), Some("billing"));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct BreakdownIter<'a, K, V> {
    order: alloc::vec::IntoIter<&'a (K, V)>,
}

impl<'a, K, V> Iterator for BreakdownIter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn next(&mut self) -> Option<(&'a K, &'a V)> {
        self.order.next().map(|(k, v)| (k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.order.size_hint()
    }
}

impl<K, V> DoubleEndedIterator for BreakdownIter<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.order.next_back().map(|(k, v)| (k, v))
    }
}

impl<K, V> ExactSizeIterator for BreakdownIter<'_, K, V> {}

impl<K, V> core::iter::FusedIterator for BreakdownIter<'_, K, V> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_in_key_order_whatever_the_insertion_order() {
        let mut g = Groups::new();
        for k in [5, 1, 9, 3, 1, 5] {
            *g.get_or_insert_with(k, || 0) += 1;
        }
        let read: Vec<(i32, i32)> = g.iter().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(read, [(1, 2), (3, 1), (5, 2), (9, 1)]);
        assert_eq!(g.get(&9), Some(&1));
        assert_eq!(g.get(&4), None);
        let other: Groups<i32, i32> = [(9, 1), (3, 1), (1, 2), (5, 2)].into_iter().collect();
        assert!(g == other);
        g.insert(9, 2);
        assert!(g != other);
    }
}

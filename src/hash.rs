//! A small hash index for the maps of groups: a hasher and an open-addressing
//! table of positions, so that `no_std` needs no hashing crate.
//!
//! # Why this design
//!
//! A group lookup per row is the hot path of [`Breakdown`](crate::Breakdown)
//! and of [`KeyCodes`](crate::grouped::KeyCodes). The keys are a few bytes
//! (codes, tuples of small integers, short strings), so the hasher is one
//! folded 64 × 64 → 128-bit multiply per word (the mixing step of
//! foldhash and wyhash): a few cycles, and every output bit depends on every
//! input bit. The table holds only each entry's hash and position, by linear
//! probing at a load of at most one half, so a lookup is one hash, one
//! cache line of slots, and one key comparison in the common case; the
//! entries themselves stay in a `Vec` in insertion order.
//!
//! The hasher is not keyed: keys chosen to collide (an attacker's, not a
//! contact log's) degrade lookups to a linear scan, never to a wrong result.

use alloc::vec::Vec;
use core::hash::{Hash, Hasher};

/// The odd constants of the mixing steps (the fractional bits of π).
const SEED: u64 = 0x243F_6A88_85A3_08D3;
const MUL: u64 = 0x1319_8A2E_0370_7344 | 1;

/// The folded multiply: the high and low halves of a 128-bit product, xored.
#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    // Both halves, truncated on purpose.
    #[allow(clippy::cast_possible_truncation)]
    let (lo, hi) = (p as u64, (p >> 64) as u64);
    lo ^ hi
}

/// The hasher of group keys: small integers are packed into one word (a
/// key `(channel, hour)` is one word), and each full word costs one folded
/// multiply.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FoldHasher {
    state: u64,
    /// Small integers not yet mixed, packed from bit 0.
    pending: u64,
    /// Bits of `pending` in use.
    bits: u32,
}

impl Default for FoldHasher {
    fn default() -> FoldHasher {
        FoldHasher {
            state: SEED,
            pending: 0,
            bits: 0,
        }
    }
}

impl FoldHasher {
    /// Packs the `width` low bits of `value` into the pending word.
    #[inline]
    fn pack(&mut self, value: u64, width: u32) {
        if self.bits + width > 64 {
            self.flush();
        }
        self.pending |= value << self.bits;
        self.bits += width;
    }

    /// Mixes the pending word, with its width, into the state.
    #[inline]
    fn flush(&mut self) {
        if self.bits > 0 {
            // Keys of one type pack the same widths in the same order, so
            // the packed word is one-to-one with the integers written.
            self.state = fold(self.state ^ self.pending, MUL);
            self.pending = 0;
            self.bits = 0;
        }
    }

    #[inline]
    fn mix(&mut self, word: u64) {
        self.state = fold(self.state ^ word, MUL);
    }
}

impl Hasher for FoldHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.flush();
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0; 8];
            word.copy_from_slice(w);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            // The length in the top byte tells "ab" from "ab\0".
            self.mix(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.pack(u64::from(i), 8);
    }

    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.pack(u64::from(i), 16);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.pack(u64::from(i), 32);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.flush();
        self.mix(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let mut h = *self;
        h.flush();
        fold(h.state, SEED)
    }
}

/// The hash of `key`.
#[inline]
pub(crate) fn hash<K: Hash + ?Sized>(key: &K) -> u64 {
    let mut h = FoldHasher::default();
    key.hash(&mut h);
    h.finish()
}

/// One slot: a hash and the position it stands for, plus one (0: empty).
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    hash: u64,
    position: usize,
}

/// Positions `0..len` of some entries, found by their hashes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    slots: Vec<Slot>,
    len: usize,
}

impl Index {
    /// The position whose hash is `hash` and which `is_key` accepts, if any.
    #[inline]
    pub(crate) fn find(&self, hash: u64, mut is_key: impl FnMut(usize) -> bool) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        // Truncating a hash is taking its low bits.
        #[allow(clippy::cast_possible_truncation)]
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.position == 0 {
                return None;
            }
            if slot.hash == hash && is_key(slot.position - 1) {
                return Some(slot.position - 1);
            }
            i = (i + 1) & mask;
        }
    }

    /// Records that the next position, `len`, has hash `hash`.
    pub(crate) fn push(&mut self, hash: u64) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        self.len += 1;
        self.place(Slot {
            hash,
            position: self.len,
        });
    }

    #[inline]
    fn place(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        #[allow(clippy::cast_possible_truncation)]
        let mut i = slot.hash as usize & mask;
        while self.slots[i].position != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    #[cold]
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let old = core::mem::replace(&mut self.slots, alloc::vec![Slot::default(); size]);
        for slot in old {
            if slot.position != 0 {
                self.place(slot);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_position_and_nothing_else() {
        let keys: Vec<u64> = (0..10_000).map(|i| i * 7).collect();
        let mut index = Index::default();
        for k in &keys {
            index.push(hash(k));
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(index.find(hash(k), |p| keys[p] == *k), Some(i));
        }
        assert_eq!(index.find(hash(&3_u64), |p| keys[p] == 3), None);
    }

    #[test]
    fn colliding_hashes_are_told_apart_by_the_keys() {
        let mut index = Index::default();
        for _ in 0..100 {
            index.push(42);
        }
        assert_eq!(index.find(42, |p| p == 77), Some(77));
        assert_eq!(index.find(42, |_| false), None);
    }

    #[test]
    fn strings_differing_in_a_trailing_zero_hash_apart() {
        assert_ne!(hash(&b"ab"[..]), hash(&b"ab\0"[..]));
        assert_ne!(hash("chat"), hash("chau"));
        assert_eq!(hash(&("chat", 9_u8)), hash(&("chat", 9_u8)));
        assert_ne!(hash(&(3_u8, 9_u8)), hash(&(9_u8, 3_u8)));
        let small: Vec<u64> = (0..=255_u8)
            .flat_map(|a| (0..24_u8).map(move |b| hash(&(a, b))))
            .collect();
        let mut distinct = small.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), small.len());
    }
}

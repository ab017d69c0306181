//! The [`Merge`] trait and the private macros that give every tally the same surface.
//!
//! A tally is a small struct of integer counts and exact sums. Every tally has
//! the same surface, stamped here so that it cannot drift between metrics:
//!
//! | item | meaning |
//! | --- | --- |
//! | `new()` (and `Default` where there are no parameters) | the empty tally |
//! | `record(obs)` | add one validated observation |
//! | `from_counts(..) -> Result` | build from aggregates, checking consistency |
//! | [`Merge::try_merge`] | the primary merge: overflow or different parameters are errors |
//! | `+`, `+=`, `Sum` | convenience merges that never panic: a failure is kept as a *fault* |
//! | `Extend`, `FromIterator` | observe many |
//! | `len()`, `is_empty()` | observations so far |
//! | the KPI getter | an [`empty`](crate::ErrorKind::Empty) error when empty, the fault when there is one |
//!
//! # Faults instead of panics
//!
//! `+`, `+=`, `Sum`, `Extend` and `record` cannot return a `Result`. Instead
//! of panicking on an overflowing count or on tallies with different
//! parameters, they keep the first such error in the tally; every getter then
//! returns it, and serializing the tally fails with it. A faulted tally never
//! reports a number. `try_merge` reports the error at once and leaves the
//! tally unchanged.

use alloc::boxed::Box;
use core::time::Duration;

use crate::Error;

/// Tallies that merge: a tally over `a ++ b` equals `tally(a)` merged with `tally(b)`.
///
/// Merging is associative and commutative, so tallies can be computed per
/// chunk, per thread or per machine and combined in any order.
///
/// # Example
///
/// ```
/// use cxkpi::{Merge, NpsTally};
///
/// let mut monday = NpsTally::from_scores(&[10, 9, 3])?;
/// let tuesday = NpsTally::from_scores(&[8, 10])?;
/// monday.try_merge(&tuesday)?;
/// assert_eq!(monday, NpsTally::from_scores(&[10, 9, 3, 8, 10])?);
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub trait Merge {
    /// Adds the observations of `other` to `self`.
    ///
    /// # Errors
    ///
    /// [`Error::overflow`] when a count would overflow, [`Error::mismatch`]
    /// when the tallies were built with different parameters, or the fault
    /// either tally already carries. On error `self` is unchanged.
    fn try_merge(&mut self, other: &Self) -> Result<(), Error>;
}

/// An accumulator of observations whose state travels: the contract every
/// tally of the crate keeps.
///
/// A tally records validated observations, merges exactly ([`Merge`]), and
/// exports its *state*: plain data with public fields, from which
/// [`from_state`](Tally::from_state) rebuilds the same tally after checking
/// every invariant. That state is what crosses a thread, a process, a
/// language binding or a SQL engine; its serialized form is the wire format.
///
/// Laws, for every tally `t`, `a`, `b`:
///
/// - the empty tally is the identity of [`Merge::try_merge`], which is
///   associative and commutative;
/// - recording `a ++ b` one by one equals `tally(a)` merged with `tally(b)`,
///   and equals every batch path over the same observations;
/// - `T::from_state(t.state()?)? == t`;
/// - a faulted tally reports no number: [`len`](Tally::len),
///   [`state`](Tally::state) and every getter return its fault.
///
/// # Naming
///
/// Constructors of every tally follow one rule: `new()` is the empty tally
/// (taking its parameters, if any); `from_counts(..)` builds from aggregates;
/// `from_<column>(params.., &[..])` from a column of observations (for example
/// `from_scores`, `from_whole_secs`), parameters first; `par_from_<column>`
/// is the same on rayon's pool.
///
/// # Composite tallies
///
/// A tuple of tallies is a tally, so that a report keeps
/// several KPIs per group (AHT, waits and CSAT of one queue) and merges,
/// ships and rebuilds them as one value. So is an array `[T; N]` of tallies
/// (one per slot: per tier, per priority), and a
/// [`Breakdown`](crate::Breakdown) of tallies (one per key; see
/// [`BreakdownState`](crate::BreakdownState)).
///
/// - The observation is the tuple (the array) of the members'
///   observations, the state the tuple (the array) of their states
///   (serialized as a JSON array).
/// - [`Merge::try_merge`] and [`Tally::try_record`] stay atomic: they work
///   on a copy of the composite and commit it only when every member
///   succeeded, so a failure leaves every member unchanged. That costs one
///   copy per call: cheap for counting tallies, linear in the values kept
///   for a [`DurationSample`](crate::DurationSample) member.
/// - [`len`](Tally::len) is the first member's count (members built apart
///   and rebuilt from states may count differently); the fault is the first
///   member's fault, and [`set_fault`](Tally::set_fault) faults the first
///   member, so that `len`, `state` and the first getter report it.
///
/// Example:
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{AhtTally, HandleTime, Merge, Tally, WaitTally, Waited};
///
/// let mut queue = (AhtTally::new(), WaitTally::new());
/// queue.try_record((HandleTime::from_secs(300.0, 0.0, 60.0)?, Waited::Answered(Duration::from_secs(20))))?;
/// let other = queue.clone();
/// queue.try_merge(&other)?;
/// assert_eq!((queue.0.aht()?.secs(), queue.1.asa()?.secs()), (360.0, 20.0));
/// assert_eq!(<(AhtTally, WaitTally)>::from_state(queue.state()?)?, queue);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example
///
/// ```
/// use cxkpi::{NpsTally, Tally};
///
/// fn roundtrip<T: Tally>(t: &T) -> Result<T, cxkpi::Error> {
///     T::from_state(t.state()?)
/// }
/// let t = NpsTally::from_scores(&[10, 9, 3])?;
/// assert_eq!(roundtrip(&t)?, t);
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub trait Tally: Merge + Clone + PartialEq + core::fmt::Debug + Sized {
    /// One observation, already validated (an [`NpsRating`](crate::NpsRating),
    /// a [`HandleTime`](crate::HandleTime), …).
    type Observation;
    /// The tally's state: plain data with public fields.
    type State;

    /// Adds one observation.
    ///
    /// # Errors
    ///
    /// [`Error::overflow`] when a count or sum would overflow, and the fault
    /// the tally already carries. On error the tally is unchanged.
    fn try_record(&mut self, observation: Self::Observation) -> Result<(), Error>;

    /// Adds one observation; a failure becomes the tally's fault (see the
    /// module docs of faults).
    fn record(&mut self, observation: Self::Observation) {
        if let Err(error) = self.try_record(observation) {
            self.set_fault(error);
        }
    }

    /// The number of observations recorded.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    fn len(&self) -> Result<u64, Error>;

    /// Whether no observation was recorded.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    fn is_empty(&self) -> Result<bool, Error> {
        Ok(self.len()? == 0)
    }

    /// The tally's state, from which [`from_state`](Tally::from_state)
    /// rebuilds it exactly.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally has no state.
    fn state(&self) -> Result<Self::State, Error>;

    /// Rebuilds a tally from its state, checking every invariant, so that
    /// no state builds a tally reporting a figure that recording
    /// observations could not reach.
    ///
    /// # Errors
    ///
    /// An error naming the field, its value and what is allowed.
    fn from_state(state: Self::State) -> Result<Self, Error>;

    /// The first error an infallible operation met, if any.
    fn fault(&self) -> Option<&Error>;

    /// Keeps `error` as the tally's fault, unless it already has one.
    fn set_fault(&mut self, error: Error);
}

/// The first error that an infallible operation met; see the module docs.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Fault(Option<Box<Error>>);

impl Fault {
    /// Keeps `error` unless an earlier one is already kept.
    #[cold]
    pub(crate) fn set(&mut self, error: Error) {
        if self.0.is_none() {
            self.0 = Some(Box::new(error));
        }
    }

    /// The kept error, if any.
    #[inline]
    #[allow(dead_code)] // for `Tally::fault`, which the tallies implement
    pub(crate) fn get(&self) -> Option<&Error> {
        self.0.as_deref()
    }

    /// `Err` with the kept error, if any.
    #[inline]
    pub(crate) fn check(&self) -> Result<(), Error> {
        match &self.0 {
            None => Ok(()),
            Some(error) => Err(Error::clone(error)),
        }
    }
}

/// Adds `b` to `a`, naming `quantity` on overflow.
#[inline]
pub(crate) fn add_u64(a: u64, b: u64, quantity: &'static str) -> Result<u64, Error> {
    a.checked_add(b)
        .ok_or_else(|| Error::overflow(quantity, "u64"))
}

/// Adds `b` to `a`, naming `quantity` on overflow.
#[inline]
pub(crate) fn add_u128(a: u128, b: u128, quantity: &'static str) -> Result<u128, Error> {
    a.checked_add(b)
        .ok_or_else(|| Error::overflow(quantity, "u128"))
}

/// Stamps the merge operators (`Merge`, `+`, `+=`, `Extend`, and with
/// `default` `Sum` and `FromIterator`) onto an accumulator that merges but
/// is no [`Tally`]: `MeanTally`, whose float moments keep the laws
/// only up to rounding (see its docs). Every tally uses [`tally!`] instead.
///
/// The accumulator must have a `fault: Fault` field and the inherent methods
/// `merge_counts(&mut self, &Self) -> Result<(), Error>` (atomic: all or
/// nothing) and `record(&mut self, $obs)`. With `default`, the tally has a
/// natural zero and also gets `Sum` and `FromIterator`.
macro_rules! merge_surface {
    ($tally:ident, $obs:ty) => {
        impl $crate::Merge for $tally {
            fn try_merge(&mut self, other: &Self) -> Result<(), $crate::Error> {
                self.fault.check()?;
                other.fault.check()?;
                self.merge_counts(other)
            }
        }

        impl core::ops::AddAssign<&$tally> for $tally {
            /// Merges `rhs` into `self`; a failure becomes the tally's fault.
            fn add_assign(&mut self, rhs: &$tally) {
                if let Err(error) = $crate::Merge::try_merge(self, rhs) {
                    self.fault.set(error);
                }
            }
        }

        impl core::ops::AddAssign for $tally {
            /// Merges `rhs` into `self`; a failure becomes the tally's fault.
            fn add_assign(&mut self, rhs: $tally) {
                *self += &rhs;
            }
        }

        impl core::ops::Add for $tally {
            type Output = $tally;
            /// Merges two tallies; a failure becomes the result's fault.
            fn add(mut self, rhs: $tally) -> $tally {
                self += &rhs;
                self
            }
        }

        impl core::ops::Add<&$tally> for $tally {
            type Output = $tally;
            /// Merges two tallies; a failure becomes the result's fault.
            fn add(mut self, rhs: &$tally) -> $tally {
                self += rhs;
                self
            }
        }

        impl Extend<$obs> for $tally {
            fn extend<I: IntoIterator<Item = $obs>>(&mut self, iter: I) {
                for obs in iter {
                    self.record(obs);
                }
            }
        }

        impl<'a> Extend<&'a $obs> for $tally {
            fn extend<I: IntoIterator<Item = &'a $obs>>(&mut self, iter: I) {
                for obs in iter {
                    self.record(*obs);
                }
            }
        }
    };
    ($tally:ident, $obs:ty, default) => {
        $crate::tally::merge_surface!($tally, $obs);

        // Merging in place: a fold through `acc + t` moves the accumulator
        // (and its drop flag) on every step, three times slower.
        impl core::iter::Sum for $tally {
            fn sum<I: Iterator<Item = $tally>>(iter: I) -> $tally {
                let mut acc = $tally::default();
                for t in iter {
                    acc += &t;
                }
                acc
            }
        }

        impl<'a> core::iter::Sum<&'a $tally> for $tally {
            fn sum<I: Iterator<Item = &'a $tally>>(iter: I) -> $tally {
                let mut acc = $tally::default();
                for t in iter {
                    acc += t;
                }
                acc
            }
        }

        impl FromIterator<$obs> for $tally {
            fn from_iter<I: IntoIterator<Item = $obs>>(iter: I) -> $tally {
                let mut tally = $tally::default();
                tally.extend(iter);
                tally
            }
        }

        impl<'a> FromIterator<&'a $obs> for $tally {
            fn from_iter<I: IntoIterator<Item = &'a $obs>>(iter: I) -> $tally {
                let mut tally = $tally::default();
                tally.extend(iter);
                tally
            }
        }
    };
}

pub(crate) use merge_surface;

/// Stamps the whole common surface of a tally: [`Tally`], [`Merge`], `+`,
/// `+=`, `Extend`, and with `default` also `Sum` and `FromIterator`, plus
/// serde (a tally serializes as its state and deserializes through
/// [`Tally::from_state`]).
///
/// Forms: `tally!(Type, Observation, State)` and
/// `tally!([generics] Type<..>, Observation, State)`, each optionally
/// followed by `, default` when the tally has a natural zero (`Default`).
///
/// The tally must have a `fault: Fault` field and these private inherent
/// functions, which see no fault (the macro checks it first):
///
/// - `add_one(&mut self, Observation) -> Result<(), Error>`: atomic;
/// - `merge_counts(&mut self, &Self) -> Result<(), Error>`: atomic;
/// - `observations(&self) -> u64`: the observations recorded;
/// - `to_state(&self) -> State`;
/// - `check_state(State) -> Result<Self, Error>`: every invariant checked.
macro_rules! tally {
    ([$($g:tt)*] $tally:ty, $obs:ty, $state:ty) => {
        impl<$($g)*> $crate::Tally for $tally {
            type Observation = $obs;
            type State = $state;

            #[inline]
            fn try_record(&mut self, observation: $obs) -> Result<(), $crate::Error> {
                self.fault.check()?;
                self.add_one(observation)
            }

            #[inline]
            fn len(&self) -> Result<u64, $crate::Error> {
                self.fault.check()?;
                Ok(self.observations())
            }

            fn state(&self) -> Result<$state, $crate::Error> {
                self.fault.check()?;
                Ok(self.to_state())
            }

            fn from_state(state: $state) -> Result<Self, $crate::Error> {
                Self::check_state(state)
            }

            fn fault(&self) -> Option<&$crate::Error> {
                self.fault.get()
            }

            fn set_fault(&mut self, error: $crate::Error) {
                self.fault.set(error);
            }
        }

        impl<$($g)*> $crate::Merge for $tally {
            fn try_merge(&mut self, other: &Self) -> Result<(), $crate::Error> {
                self.fault.check()?;
                other.fault.check()?;
                self.merge_counts(other)
            }
        }

        impl<$($g)*> core::ops::AddAssign<&$tally> for $tally {
            /// Merges `rhs` into `self`; a failure becomes the tally's fault.
            fn add_assign(&mut self, rhs: &$tally) {
                if let Err(error) = $crate::Merge::try_merge(self, rhs) {
                    self.fault.set(error);
                }
            }
        }

        impl<$($g)*> core::ops::AddAssign for $tally {
            /// Merges `rhs` into `self`; a failure becomes the tally's fault.
            fn add_assign(&mut self, rhs: $tally) {
                *self += &rhs;
            }
        }

        impl<$($g)*> core::ops::Add for $tally {
            type Output = $tally;
            /// Merges two tallies; a failure becomes the result's fault.
            fn add(mut self, rhs: $tally) -> $tally {
                self += &rhs;
                self
            }
        }

        impl<$($g)*> core::ops::Add<&$tally> for $tally {
            type Output = $tally;
            /// Merges two tallies; a failure becomes the result's fault.
            fn add(mut self, rhs: &$tally) -> $tally {
                self += rhs;
                self
            }
        }

        impl<$($g)*> Extend<$obs> for $tally {
            fn extend<I: IntoIterator<Item = $obs>>(&mut self, iter: I) {
                for obs in iter {
                    $crate::Tally::record(self, obs);
                }
            }
        }

        impl<'a, $($g)*> Extend<&'a $obs> for $tally {
            fn extend<I: IntoIterator<Item = &'a $obs>>(&mut self, iter: I) {
                for obs in iter {
                    $crate::Tally::record(self, <$obs as Clone>::clone(obs));
                }
            }
        }

        #[cfg(feature = "serde")]
        impl<$($g)*> serde::Serialize for $tally
        where
            $state: serde::Serialize,
        {
            /// The tally's state; a faulted tally refuses to serialize.
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let state = $crate::Tally::state(self).map_err(serde::ser::Error::custom)?;
                serde::Serialize::serialize(&state, serializer)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de, $($g)*> serde::Deserialize<'de> for $tally
        where
            $state: serde::Deserialize<'de>,
        {
            /// A state, validated by [`Tally::from_state`](crate::Tally::from_state).
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let state = <$state as serde::Deserialize>::deserialize(deserializer)?;
                <Self as $crate::Tally>::from_state(state).map_err(serde::de::Error::custom)
            }
        }
    };
    ([$($g:tt)*] $tally:ty, $obs:ty, $state:ty, default) => {
        $crate::tally::tally!([$($g)*] $tally, $obs, $state);

        // Merging in place: a fold through `acc + t` moves the accumulator
        // (and its drop flag) on every step, three times slower.
        impl<$($g)*> core::iter::Sum for $tally {
            fn sum<I: Iterator<Item = $tally>>(iter: I) -> $tally {
                let mut acc = <$tally>::default();
                for t in iter {
                    acc += &t;
                }
                acc
            }
        }

        impl<'a, $($g)*> core::iter::Sum<&'a $tally> for $tally {
            fn sum<I: Iterator<Item = &'a $tally>>(iter: I) -> $tally {
                let mut acc = <$tally>::default();
                for t in iter {
                    acc += t;
                }
                acc
            }
        }

        impl<$($g)*> FromIterator<$obs> for $tally {
            fn from_iter<I: IntoIterator<Item = $obs>>(iter: I) -> $tally {
                let mut tally = <$tally>::default();
                tally.extend(iter);
                tally
            }
        }

        impl<'a, $($g)*> FromIterator<&'a $obs> for $tally {
            fn from_iter<I: IntoIterator<Item = &'a $obs>>(iter: I) -> $tally {
                let mut tally = <$tally>::default();
                tally.extend(iter);
                tally
            }
        }
    };
    ($tally:ident, $obs:ty, $state:ty $(, $default:ident)?) => {
        $crate::tally::tally!([] $tally, $obs, $state $(, $default)?);
    };
}

pub(crate) use tally;

/// The longest duration, in nanoseconds: the most one observation adds to a sum.
pub(crate) const MAX_DURATION_NS: u128 = Duration::MAX.as_nanos();

/// Checks that `sum` nanoseconds can be the total of `count` durations, each
/// at most [`Duration::MAX`]: a state with no contacts but a wait, say, is
/// refused. The error names the sum's field through `needed` (e.g.
/// `"answered contacts behind answered_wait_ns"`) and the count's field.
pub(crate) fn check_ns_sum(
    needed: &'static str,
    sum: u128,
    count_field: &'static str,
    count: u64,
) -> Result<(), Error> {
    // At most ⌈2¹²⁸ / 2⁹⁴⌉ = 2³⁴ durations: it fits a u64.
    let least = u64::try_from(sum.div_ceil(MAX_DURATION_NS)).unwrap_or(u64::MAX);
    if least > count {
        return Err(Error::inconsistent(needed, least, count_field, count));
    }
    Ok(())
}

/// Checks that a part does not exceed its whole, naming both fields.
pub(crate) fn check_part(
    part: &'static str,
    part_value: u64,
    whole: &'static str,
    whole_value: u64,
) -> Result<(), Error> {
    if part_value > whole_value {
        return Err(Error::inconsistent(part, part_value, whole, whole_value));
    }
    Ok(())
}

/// Implements [`Tally`] and [`Merge`] for a tuple of tallies (see the trait's
/// docs, "Composite tallies").
macro_rules! tuple_tally {
    ($($t:ident $i:tt),+) => {
        impl<$($t: Tally),+> Merge for ($($t,)+) {
            fn try_merge(&mut self, other: &Self) -> Result<(), Error> {
                let mut staged = self.clone();
                $(staged.$i.try_merge(&other.$i)?;)+
                *self = staged;
                Ok(())
            }
        }

        impl<$($t: Tally),+> Tally for ($($t,)+) {
            type Observation = ($($t::Observation,)+);
            type State = ($($t::State,)+);

            fn try_record(&mut self, observation: Self::Observation) -> Result<(), Error> {
                let mut staged = self.clone();
                $(staged.$i.try_record(observation.$i)?;)+
                *self = staged;
                Ok(())
            }

            fn len(&self) -> Result<u64, Error> {
                if let Some(error) = self.fault() {
                    return Err(error.clone());
                }
                self.0.len()
            }

            fn state(&self) -> Result<Self::State, Error> {
                Ok(($(self.$i.state()?,)+))
            }

            fn from_state(state: Self::State) -> Result<Self, Error> {
                Ok(($($t::from_state(state.$i)?,)+))
            }

            fn fault(&self) -> Option<&Error> {
                None$(.or_else(|| self.$i.fault()))+
            }

            fn set_fault(&mut self, error: Error) {
                self.0.set_fault(error);
            }
        }
    };
}

tuple_tally!(A 0, B 1);
tuple_tally!(A 0, B 1, C 2);
tuple_tally!(A 0, B 1, C 2, D 3);
tuple_tally!(A 0, B 1, C 2, D 3, E 4);
tuple_tally!(A 0, B 1, C 2, D 3, E 4, F 5);

/// An array of tallies is a tally, as a tuple is (see the trait's docs,
/// "Composite tallies"): one tally per slot (per queue, per priority), whose
/// observation is one observation per slot and whose state is the array of
/// the slots' states (serialized as a JSON array, through serde's arrays:
/// up to 32 slots).
///
/// `[T; 0]` records nothing and has no slot to keep a fault in:
/// [`set_fault`](Tally::set_fault) leaves it as it is.
///
/// # Example
///
/// ```
/// use cxkpi::{FcrTally, Merge, Resolution, Tally};
///
/// // First-contact resolution of three tiers, recorded contact by contact.
/// let mut tiers = [FcrTally::new(), FcrTally::new(), FcrTally::new()];
/// tiers.try_record([Resolution::FirstContact, Resolution::RepeatContact, Resolution::FirstContact])?;
/// let other = tiers.clone();
/// tiers.try_merge(&other)?;
/// assert_eq!(tiers[1].fcr()?.percent(), 0.0);
/// assert_eq!(<[FcrTally; 3]>::from_state(tiers.state()?)?, tiers);
/// # Ok::<(), cxkpi::Error>(())
/// ```
impl<T: Tally, const N: usize> Merge for [T; N] {
    fn try_merge(&mut self, other: &Self) -> Result<(), Error> {
        let mut staged = self.clone();
        for (mine, theirs) in staged.iter_mut().zip(other) {
            mine.try_merge(theirs)?;
        }
        *self = staged;
        Ok(())
    }
}

impl<T: Tally, const N: usize> Tally for [T; N] {
    type Observation = [T::Observation; N];
    type State = [T::State; N];

    fn try_record(&mut self, observation: Self::Observation) -> Result<(), Error> {
        let mut staged = self.clone();
        for (slot, o) in staged.iter_mut().zip(observation) {
            slot.try_record(o)?;
        }
        *self = staged;
        Ok(())
    }

    /// The first slot's count (0 without a slot).
    fn len(&self) -> Result<u64, Error> {
        if let Some(error) = self.fault() {
            return Err(error.clone());
        }
        self.first().map_or(Ok(0), Tally::len)
    }

    fn state(&self) -> Result<Self::State, Error> {
        let states = self
            .iter()
            .map(Tally::state)
            .collect::<Result<alloc::vec::Vec<_>, Error>>()?;
        // One state per slot: the lengths agree, the error is unreachable.
        states.try_into().map_err(|v: alloc::vec::Vec<_>| {
            Error::length_mismatch("array tally slots", N, "their states", v.len())
        })
    }

    /// Each slot's state checked by its tally; the first refusal is returned.
    fn from_state(state: Self::State) -> Result<Self, Error> {
        let slots = state
            .into_iter()
            .map(T::from_state)
            .collect::<Result<alloc::vec::Vec<_>, Error>>()?;
        slots.try_into().map_err(|v: alloc::vec::Vec<_>| {
            Error::length_mismatch("array tally states", N, "the tallies built", v.len())
        })
    }

    fn fault(&self) -> Option<&Error> {
        self.iter().find_map(Tally::fault)
    }

    fn set_fault(&mut self, error: Error) {
        if let Some(first) = self.first_mut() {
            first.set_fault(error);
        }
    }
}

//! A [`Breakdown`] of tallies is a tally: its [`Tally`] impl, its state and
//! the state's wire format.

use alloc::vec::Vec;
use core::fmt;
use core::hash::Hash;

use super::Breakdown;
use super::groups::Groups;
use crate::tally::add_u64;
use crate::{Error, Tally};

/// The state of a [`Breakdown`] of tallies: the template's state (the
/// parameters every group starts with, such as a CSAT rule) and each group's
/// key with its tally's state, in key order.
///
/// Valid when the template's state is valid and empty, every group's state
/// is valid for its tally, no key repeats, every group has the template's
/// parameters (it merges with the template), and the groups' observations
/// sum within `u64`. [`Tally::state`] writes the groups in key order;
/// [`Tally::from_state`] reads them in any order (a writer in another
/// language need not sort keys as Rust's `Ord` does).
///
/// Wire format: the template's state, and the groups as an array of
/// `{"key": …, "state": …}` objects, each key as its type serializes (a
/// string, a number, an array for a tuple key):
///
/// ```text
/// {"template": {"promoters": "0", "passives": "0", "detractors": "0"},
///  "groups": [{"key": "chat", "state": {"promoters": "1", "passives": "0", "detractors": "1"}},
///             {"key": "phone", "state": {"promoters": "1", "passives": "0", "detractors": "0"}}]}
/// ```
///
/// # Example
///
/// ```
/// use cxkpi::{Breakdown, BreakdownState, CsatRule, CsatTally, Scale, Tally};
///
/// let rule = CsatRule::new(Scale::ONE_TO_FIVE, 5)?; // top box
/// let mut by_channel = Breakdown::new(CsatTally::new(rule));
/// by_channel.try_record(("chat", Scale::ONE_TO_FIVE.score(5)?))?;
/// by_channel.try_record(("email", Scale::ONE_TO_FIVE.score(4)?))?;
/// let state = by_channel.state()?;
/// assert_eq!(state.template.rule, rule);
/// assert_eq!(state.groups.iter().map(|(k, _)| *k).collect::<Vec<_>>(), ["chat", "email"]);
/// assert_eq!(Breakdown::from_state(state.clone())?, by_channel);
/// // A group may not repeat a key.
/// let mut twice = state;
/// twice.groups.push(twice.groups[0].clone());
/// assert!(Breakdown::<&str, CsatTally>::from_state(twice).unwrap_err().to_string().contains("breakdown groups"));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        deny_unknown_fields,
        bound(
            serialize = "K: serde::Serialize, S: serde::Serialize",
            deserialize = "K: serde::Deserialize<'de>, S: serde::Deserialize<'de>"
        )
    )
)]
pub struct BreakdownState<K, S> {
    /// The state of the template: the empty tally each new group starts as.
    pub template: S,
    /// Each group's key and state (in key order when made by `state`).
    #[cfg_attr(feature = "serde", serde(with = "keyed_states"))]
    pub groups: Vec<(K, S)>,
}

/// `#[serde(with)]` for `[(K, S)]`: an array of `{"key": …, "state": …}`.
#[cfg(feature = "serde")]
mod keyed_states {
    use alloc::vec::Vec;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize)]
    struct Out<'a, K, S> {
        key: &'a K,
        state: &'a S,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct In<K, S> {
        key: K,
        state: S,
    }

    pub(super) fn serialize<K: Serialize, S: Serialize, Z: Serializer>(
        v: &[(K, S)],
        z: Z,
    ) -> Result<Z::Ok, Z::Error> {
        z.collect_seq(v.iter().map(|(key, state)| Out { key, state }))
    }

    pub(super) fn deserialize<
        'de,
        K: Deserialize<'de>,
        S: Deserialize<'de>,
        D: Deserializer<'de>,
    >(
        d: D,
    ) -> Result<Vec<(K, S)>, D::Error> {
        let groups = <Vec<In<K, S>>>::deserialize(d)?;
        Ok(groups.into_iter().map(|g| (g.key, g.state)).collect())
    }
}

/// What the groups' observations sum to, in errors.
const OBSERVATIONS: &str = "breakdown observations (the sum of the groups')";

/// A breakdown of tallies is a tally: an observation is a `(key,
/// observation)` pair, recorded into the key's group (created from the
/// template when new, and kept only when the observation is), and the count
/// is every group's observations.
///
/// The fault of a breakdown (see [`Tally::set_fault`]) is kept in its
/// template, so that every group created after it carries it too; a group's
/// own fault (from the inherent [`record`](Breakdown::record) or `+=`) is
/// that group's: [`len`](Tally::len), [`state`](Tally::state) and
/// [`fault`](Tally::fault) report it, recording into other groups goes on.
/// [`len`](Tally::len) is an [`Error::overflow`] when the groups together
/// hold more than `u64::MAX` observations (merged breakdowns can).
///
/// # Example
///
/// ```
/// use cxkpi::{Breakdown, NpsRating, NpsTally, Tally};
///
/// fn roundtrip<T: Tally>(t: &T) -> Result<T, cxkpi::Error> {
///     T::from_state(t.state()?)
/// }
/// let mut by_topic = Breakdown::<&str, NpsTally>::default();
/// by_topic.try_record(("billing", NpsRating::new(10)?))?;
/// by_topic.try_record(("network", NpsRating::new(2)?))?;
/// assert_eq!(by_topic.len()?, 2);
/// assert_eq!(roundtrip(&by_topic)?, by_topic);
/// # Ok::<(), cxkpi::Error>(())
/// ```
impl<K, T> Tally for Breakdown<K, T>
where
    K: Ord + Hash + Clone + fmt::Debug,
    T: Tally,
{
    type Observation = (K, T::Observation);
    type State = BreakdownState<K, T::State>;

    fn try_record(&mut self, observation: (K, T::Observation)) -> Result<(), Error> {
        if let Some(error) = self.template.fault() {
            return Err(error.clone());
        }
        let (key, observation) = observation;
        if let Some(group) = self.groups.get_mut(&key) {
            // Atomic by the group tally's contract.
            return group.try_record(observation);
        }
        let mut group = self.template.clone();
        group.try_record(observation)?;
        self.groups.insert(key, group);
        Ok(())
    }

    fn len(&self) -> Result<u64, Error> {
        if let Some(error) = self.fault() {
            return Err(error.clone());
        }
        let mut n = 0_u64;
        for (_, group) in self.groups.unordered() {
            n = add_u64(n, group.len()?, OBSERVATIONS)?;
        }
        Ok(n)
    }

    fn state(&self) -> Result<Self::State, Error> {
        if let Some(error) = self.fault() {
            return Err(error.clone());
        }
        Ok(BreakdownState {
            template: self.template.state()?,
            groups: self
                .groups
                .iter()
                .map(|(key, group)| Ok((key.clone(), group.state()?)))
                .collect::<Result<Vec<_>, Error>>()?,
        })
    }

    fn from_state(state: Self::State) -> Result<Self, Error> {
        let template = T::from_state(state.template)?;
        let held = template.len()?;
        if held > 0 {
            return Err(Error::inconsistent(
                "breakdown template observations",
                held,
                "what an empty template holds",
                0,
            ));
        }
        let mut groups = Groups::new();
        let mut total = 0_u64;
        for (key, group) in state.groups {
            if groups.get(&key).is_some() {
                return Err(Error::malformed("breakdown groups", "each key once"));
            }
            let mut group = T::from_state(group)?;
            total = add_u64(total, group.len()?, OBSERVATIONS)?;
            // Merging the empty template changes nothing, and refuses a
            // group of other parameters (a CSAT rule, a threshold), which
            // would only fail at the next merge otherwise.
            group.try_merge(&template)?;
            groups.insert(key, group);
        }
        Ok(Breakdown { template, groups })
    }

    /// The template's fault, else the first faulted group's in key order.
    fn fault(&self) -> Option<&Error> {
        self.template
            .fault()
            .or_else(|| self.groups.iter().find_map(|(_, group)| group.fault()))
    }

    /// Faults the template, and so every group created from now on.
    fn set_fault(&mut self, error: Error) {
        self.template.set_fault(error);
    }
}

#[cfg(feature = "serde")]
impl<K, T> serde::Serialize for Breakdown<K, T>
where
    K: Ord + Hash + Clone + fmt::Debug + serde::Serialize,
    T: Tally,
    T::State: serde::Serialize,
{
    /// The breakdown's state; a faulted breakdown refuses to serialize.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let state = Tally::state(self).map_err(serde::ser::Error::custom)?;
        serde::Serialize::serialize(&state, serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de, K, T> serde::Deserialize<'de> for Breakdown<K, T>
where
    K: Ord + Hash + Clone + fmt::Debug + serde::Deserialize<'de>,
    T: Tally,
    T::State: serde::Deserialize<'de>,
{
    /// A state, validated by [`Tally::from_state`].
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let state = <BreakdownState<K, T::State> as serde::Deserialize>::deserialize(deserializer)?;
        <Self as Tally>::from_state(state).map_err(serde::de::Error::custom)
    }
}

//! Any tally grouped by a key: by channel, agent, topic, period, or several at once.

mod groups;
mod state;

use alloc::vec::Vec;
use core::fmt;
use core::hash::Hash;

use crate::{Error, Merge, Rate};
pub use groups::BreakdownIter;
use groups::Groups;
pub use state::BreakdownState;

/// A tally per group: "CSAT by channel", "AHT by agent", "abandonment by
/// hour", and, with a tuple key, "CSAT by channel by month" in one value.
///
/// Groups are found by hash and read in key order (see [`iter`](Self::iter)).
/// Every group starts as a
/// clone of a *template* tally — the empty tally, with its parameters (a
/// CSAT rule, a service-level threshold) — so tallies without a `Default`
/// group just as well. Observations go in as `(key, observation)` pairs
/// through [`record`](Self::record) or `Extend`; the group's own tally
/// validates them.
///
/// **Merging** merges group by group (groups only one side has are
/// copied), so a breakdown of `a ++ b` equals `breakdown(a) + breakdown(b)`
/// whenever the group tallies merge that way.
///
/// **A breakdown of tallies is a [`Tally`](crate::Tally)**: its
/// observation is a `(key, observation)` pair, its
/// [`len`](crate::Tally::len) the observations of every group (the groups
/// are [`group_count`](Self::group_count)), and its state a
/// [`BreakdownState`]: the template's state, which carries its parameters,
/// and each group's key and state. So breakdowns nest in tuples and arrays,
/// travel through serde, and rebuild through
/// [`from_state`](crate::Tally::from_state), which refuses a repeated key
/// and a group of other parameters than the template's.
///
/// # Example
///
/// ```
/// use cxkpi::{Breakdown, CsatRule, CsatTally, Scale, Score};
///
/// let rule = CsatRule::TOP_2_BOX_5;
/// let mut csat = Breakdown::new(CsatTally::new(rule));
/// let five = Scale::ONE_TO_FIVE;
/// for (channel, month, score) in [("chat", 1, 5), ("chat", 1, 3), ("email", 1, 4), ("chat", 2, 5)] {
///     csat.record((channel, month), five.score(score)?);
/// }
/// let chat_january = csat.get(&("chat", 1)).unwrap().csat()?;
/// assert_eq!(chat_january.percent(), 50.0);
/// assert_eq!(csat.total()?.csat()?.percent(), 75.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: channel mix
///
/// ```
/// use cxkpi::{Breakdown, NpsRating, NpsTally, Tally};
///
/// let mut nps = Breakdown::<&str, NpsTally>::default();
/// nps.extend([("phone", NpsRating::new(10)?), ("chat", NpsRating::new(3)?), ("chat", NpsRating::new(9)?)]);
/// let mix = nps.mix(|t| t.len())?;
/// assert_eq!(mix.iter().map(|(k, r)| (**k, r.part())).collect::<Vec<_>>(), [("chat", 2), ("phone", 1)]);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone)]
pub struct Breakdown<K, T> {
    template: T,
    groups: Groups<K, T>,
}

impl<K: Ord + Hash, T: PartialEq> PartialEq for Breakdown<K, T> {
    /// The same template and the same groups with equal tallies.
    fn eq(&self, other: &Breakdown<K, T>) -> bool {
        self.template == other.template && self.groups == other.groups
    }
}

impl<K: Ord + fmt::Debug, T: fmt::Debug> fmt::Debug for Breakdown<K, T> {
    /// The template and the groups in key order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Breakdown")
            .field("template", &self.template)
            .field("groups", &DebugGroups(&self.groups))
            .finish()
    }
}

/// The groups as a map, in key order.
struct DebugGroups<'a, K, T>(&'a Groups<K, T>);

impl<K: Ord + fmt::Debug, T: fmt::Debug> fmt::Debug for DebugGroups<'_, K, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.iter()).finish()
    }
}

impl<K: Ord + Hash, T: Default> Default for Breakdown<K, T> {
    /// No groups; each new group starts as `T::default()`.
    fn default() -> Breakdown<K, T> {
        Breakdown::new(T::default())
    }
}

impl<K: Ord + Hash, T> Breakdown<K, T> {
    /// No groups yet; each new group starts as a clone of `template`.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{Breakdown, ServiceLevelTally, ShortAbandons};
    ///
    /// let by_hour: Breakdown<u8, _> =
    ///     Breakdown::new(ServiceLevelTally::new(Duration::from_secs(20), ShortAbandons::None));
    /// assert_eq!(by_hour.group_count(), 0);
    /// ```
    pub fn new(template: T) -> Breakdown<K, T> {
        Breakdown {
            template,
            groups: Groups::new(),
        }
    }

    /// The number of groups (a group may hold no observation yet: see
    /// [`group`](Self::group)); [`Tally::len`](crate::Tally::len) counts the
    /// observations of every group.
    ///
    /// # Example
    ///
    /// ```
    /// let mut by_agent = cxkpi::Breakdown::<&str, cxkpi::WaitTally>::default();
    /// assert_eq!(by_agent.group_count(), 0);
    /// by_agent.group("Becky");
    /// assert_eq!(by_agent.group_count(), 1);
    /// ```
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    /// The tally of group `key`, if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// let by_agent = cxkpi::Breakdown::<&str, cxkpi::WaitTally>::default();
    /// assert!(by_agent.get(&"Dan").is_none());
    /// ```
    pub fn get(&self, key: &K) -> Option<&T> {
        self.groups.get(key)
    }

    /// The groups and their tallies, in key order (sorted when called:
    /// `O(groups × log groups)`).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Breakdown, NpsRating, NpsTally};
    ///
    /// let mut by_topic = Breakdown::<&str, NpsTally>::default();
    /// by_topic.record("billing", NpsRating::new(10)?);
    /// let keys: Vec<_> = by_topic.iter().map(|(k, _)| *k).collect();
    /// assert_eq!(keys, ["billing"]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn iter(&self) -> BreakdownIter<'_, K, T> {
        self.groups.iter()
    }

    /// Each group's figure: `f` applied to every tally, in key order.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Breakdown, NpsRating, NpsTally};
    ///
    /// let mut by_topic = Breakdown::<&str, NpsTally>::default();
    /// by_topic.record("billing", NpsRating::new(10)?);
    /// by_topic.record("billing", NpsRating::new(0)?);
    /// let nps = by_topic.map(|t| t.nps());
    /// assert_eq!(nps[0].1.as_ref().unwrap().score(), 0.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn map<R>(&self, mut f: impl FnMut(&T) -> R) -> Vec<(&K, R)> {
        self.groups.iter().map(|(k, t)| (k, f(t))).collect()
    }

    /// Each group's share of the whole, by a count `f` of each tally
    /// (contacts, responses): the channel mix.
    ///
    /// # Formula
    ///
    /// ```text
    /// share(g) = f(g) / Σ f       in [0, 100] %
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the counts sum to 0; [`Error::overflow`] when
    /// they pass `u64::MAX`; the first error `f` returns (a faulted tally's
    /// count).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Breakdown, HourlyVolume, HourOfDay, Tally};
    ///
    /// let mut by_channel = Breakdown::<&str, HourlyVolume>::default();
    /// let nine = HourOfDay::new(9)?;
    /// by_channel.extend([("phone", nine), ("phone", nine), ("chat", nine), ("email", nine)]);
    /// let mix = by_channel.mix(Tally::len)?;
    /// assert_eq!(mix[2], (&"phone", cxkpi::Rate::new(2, 4)?));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn mix(
        &self,
        mut f: impl FnMut(&T) -> Result<u64, Error>,
    ) -> Result<Vec<(&K, Rate)>, Error> {
        let counts = self
            .groups
            .iter()
            .map(|(k, t)| Ok((k, f(t)?)))
            .collect::<Result<Vec<(&K, u64)>, Error>>()?;
        let mut total = 0_u64;
        for &(_, n) in &counts {
            total = crate::tally::add_u64(total, n, "breakdown counts")?;
        }
        if total == 0 {
            return Err(Error::empty("mix", "no observations in any group"));
        }
        counts
            .into_iter()
            .map(|(k, n)| Ok((k, Rate::new(n, total)?)))
            .collect()
    }
}

impl<K: Ord + Hash, T: Clone> Breakdown<K, T> {
    /// The tally of group `key`, created from the template when new.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{Breakdown, Tally, WaitTally, Waited};
    ///
    /// let mut by_agent = Breakdown::<&str, WaitTally>::default();
    /// by_agent.group("Jim").record(Waited::Answered(Duration::from_secs(30)));
    /// assert_eq!(by_agent.get(&"Jim").unwrap().asa()?.secs(), 30.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn group(&mut self, key: K) -> &mut T {
        let template = &self.template;
        self.groups.get_or_insert_with(key, || template.clone())
    }

    /// Adds one observation to group `key`, through the group tally's `Extend`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Breakdown, Resolution, FcrTally};
    ///
    /// let mut by_topic = Breakdown::<&str, FcrTally>::default();
    /// by_topic.record("billing", Resolution::FirstContact);
    /// by_topic.record("billing", Resolution::RepeatContact);
    /// assert_eq!(by_topic.get(&"billing").unwrap().fcr()?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn record<O>(&mut self, key: K, observation: O)
    where
        T: Extend<O>,
    {
        self.group(key).extend(core::iter::once(observation));
    }
}

impl<K: Ord + Hash + Clone, T: Merge + Clone> Breakdown<K, T> {
    /// All groups merged into one tally: the overall figure.
    ///
    /// # Errors
    ///
    /// As the group tallies' [`Merge::try_merge`]: an overflow, or a fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Breakdown, Resolution, FcrTally};
    ///
    /// let mut by_topic = Breakdown::<&str, FcrTally>::default();
    /// by_topic.record("billing", Resolution::FirstContact);
    /// by_topic.record("network", Resolution::RepeatContact);
    /// assert_eq!(by_topic.total()?.fcr()?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn total(&self) -> Result<T, Error> {
        let mut total = self.template.clone();
        for tally in self.groups.values() {
            total.try_merge(tally)?;
        }
        Ok(total)
    }
}

impl<K: Ord + Hash + Clone, T: Merge + Clone> Merge for Breakdown<K, T> {
    /// Merges group by group; on error `self` is unchanged. The templates
    /// must merge too: a faulted breakdown, or one of other parameters (a
    /// CSAT rule), is refused even when the other side has no group.
    fn try_merge(&mut self, other: &Self) -> Result<(), Error> {
        self.template.clone().try_merge(&other.template)?;
        // Merge into copies first, so that a failure leaves `self` whole.
        let mut merged = Vec::with_capacity(other.groups.len());
        for (key, theirs) in other.groups.unordered() {
            let mut mine = match self.groups.get(key) {
                Some(mine) => mine.clone(),
                None => self.template.clone(),
            };
            mine.try_merge(theirs)?;
            merged.push((key.clone(), mine));
        }
        self.groups.extend(merged);
        Ok(())
    }
}

impl<K: Ord + Hash + Clone, T: Merge + Clone> core::ops::AddAssign<&Breakdown<K, T>>
    for Breakdown<K, T>
where
    T: core::ops::AddAssign<T>,
{
    /// Merges `rhs` group by group; a group that fails to merge keeps the
    /// failure as its own fault (see [`Merge`]).
    fn add_assign(&mut self, rhs: &Breakdown<K, T>) {
        for (key, theirs) in rhs.groups.unordered() {
            *self.group(key.clone()) += theirs.clone();
        }
    }
}

impl<K: Ord + Hash + Clone, T: Merge + Clone> core::ops::Add for Breakdown<K, T>
where
    T: core::ops::AddAssign<T>,
{
    type Output = Breakdown<K, T>;
    fn add(mut self, rhs: Breakdown<K, T>) -> Breakdown<K, T> {
        self += &rhs;
        self
    }
}

impl<K: Ord + Hash, T: Clone + Extend<O>, O> Extend<(K, O)> for Breakdown<K, T> {
    fn extend<I: IntoIterator<Item = (K, O)>>(&mut self, iter: I) {
        for (key, obs) in iter {
            self.record(key, obs);
        }
    }
}

impl<K: Ord + Hash, T: Default + Clone + Extend<O>, O> FromIterator<(K, O)> for Breakdown<K, T> {
    fn from_iter<I: IntoIterator<Item = (K, O)>>(iter: I) -> Breakdown<K, T> {
        let mut breakdown = Breakdown::default();
        breakdown.extend(iter);
        breakdown
    }
}

impl<'a, K: Ord + Hash, T> IntoIterator for &'a Breakdown<K, T> {
    type Item = (&'a K, &'a T);
    type IntoIter = BreakdownIter<'a, K, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.groups.iter()
    }
}

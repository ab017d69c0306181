//! Reachability: the share of targets (customers, sites, numbers) reached
//! within k attempts, and the share of attempts answered.

use alloc::vec::Vec;

use crate::contact::histogram::Counts;
use crate::tally::{Fault, add_u64, tally};
use crate::{Domain, Error, Rate};

/// The attempts made to reach one target: how many, how many were
/// answered, and which one was answered first.
///
/// # Example
///
/// ```
/// use cxkpi::Attempts;
///
/// // Morning, noon and evening calls: no answer, no answer, answered.
/// let site = Attempts::from_outcomes(&[false, false, true])?;
/// assert_eq!((site.made(), site.answered(), site.first_answered()), (3, 1, Some(3)));
/// assert_eq!(Attempts::unreached(3)?.first_answered(), None);
/// assert!(Attempts::from_outcomes(&[]).is_err()); // a target needs an attempt
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Attempts {
    made: u32,
    answered: u32,
    first_answered: Option<u32>,
}

impl Attempts {
    /// Reached on attempt `attempt` (1 for the first), after which the
    /// calls stopped.
    ///
    /// # Errors
    ///
    /// An `out_of_range` error when `attempt` is 0.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Attempts::reached_on(2)?.made(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn reached_on(attempt: u32) -> Result<Attempts, Error> {
        if attempt == 0 {
            return Err(Error::out_of_range(
                "attempt number",
                attempt,
                Domain::AtLeast(1),
            ));
        }
        Ok(Attempts {
            made: attempt,
            answered: 1,
            first_answered: Some(attempt),
        })
    }

    /// Not reached in `made` attempts.
    ///
    /// # Errors
    ///
    /// An `out_of_range` error when `made` is 0.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Attempts::unreached(3)?.answered(), 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn unreached(made: u32) -> Result<Attempts, Error> {
        if made == 0 {
            return Err(Error::out_of_range(
                "attempts made",
                made,
                Domain::AtLeast(1),
            ));
        }
        Ok(Attempts {
            made,
            answered: 0,
            first_answered: None,
        })
    }

    /// The attempts of one target in the order made, `true` for answered:
    /// for audits that keep calling after an answer.
    ///
    /// # Errors
    ///
    /// An `out_of_range` error for no attempt, or more than `u32::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// let a = cxkpi::Attempts::from_outcomes(&[true, false, true])?;
    /// assert_eq!((a.answered(), a.first_answered()), (2, Some(1)));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_outcomes(answered: &[bool]) -> Result<Attempts, Error> {
        let made = u32::try_from(answered.len())
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| {
                Error::out_of_range(
                    "attempts made",
                    answered.len() as u64,
                    Domain::Between {
                        min: 1,
                        max: i64::from(u32::MAX),
                    },
                )
            })?;
        // Both at most `made`, which fits u32.
        let count = u32::try_from(answered.iter().filter(|&&a| a).count()).unwrap_or(made);
        let first = answered
            .iter()
            .position(|&a| a)
            .map(|i| u32::try_from(i + 1).unwrap_or(made));
        Ok(Attempts {
            made,
            answered: count,
            first_answered: first,
        })
    }

    /// Attempts made.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Attempts::unreached(2)?.made(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn made(&self) -> u32 {
        self.made
    }

    /// Attempts answered.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Attempts::reached_on(1)?.answered(), 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn answered(&self) -> u32 {
        self.answered
    }

    /// The number of the first attempt answered (1 for the first), if any.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Attempts::reached_on(3)?.first_answered(), Some(3));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn first_answered(&self) -> Option<u32> {
        self.first_answered
    }
}

/// The reachability accumulator: targets, attempts, and the attempt on
/// which each reached target first answered.
///
/// # Formula
///
/// ```text
/// reached within k  = #{ targets first answering on attempt ≤ k } / targets   in [0, 100] %
/// attempts answered = answered attempts / attempts                             in [0, 100] %
/// attempts per target = attempts / targets                                     ≥ 1
/// ```
///
/// Source: our source documents audit "joignabilité" with three call
/// attempts over a week (morning, noon and evening) and report the share of
/// sites reached (22 %): [`reached_within(3)`](Self::reached_within).
/// Variants: any k; stopping at the first answer ([`Attempts::reached_on`])
/// or calling on ([`Attempts::from_outcomes`]).
///
/// # Example
///
/// ```
/// use cxkpi::{Attempts, ReachabilityTally};
///
/// let audit: ReachabilityTally = [
///     Attempts::reached_on(1)?,
///     Attempts::reached_on(3)?,
///     Attempts::unreached(3)?,
///     Attempts::unreached(3)?,
/// ]
/// .into_iter()
/// .collect();
/// assert_eq!(audit.reached_within(1)?.percent(), 25.0);
/// assert_eq!(audit.reached_within(3)?.percent(), 50.0);
/// assert_eq!(audit.attempts_answered()?.to_string(), "20.0% (n = 10)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReachabilityTally {
    targets: u64,
    attempts: u64,
    answered: u64,
    reached: Counts,
    fault: Fault,
}

/// The state of a [`ReachabilityTally`].
///
/// Invariants, checked by [`from_state`](crate::Tally::from_state): the attempt
/// numbers of `reached_on_attempt` strictly increase from 1 and their
/// counts are above 0; the reached targets are at most `targets` and at
/// most `answered_attempts`; no answered attempt without a reached target;
/// and the attempts cover them all: `answered_attempts + Σ (attempt − 1) ×
/// count + unreached targets ≤ attempts`.
///
/// # Example
///
/// ```
/// use cxkpi::{Attempts, ReachabilityTally, Tally};
///
/// let mut t = ReachabilityTally::new();
/// t.try_record(Attempts::reached_on(2)?)?;
/// let state = t.state()?;
/// assert_eq!(state.reached_on_attempt, [(2, 1)]);
/// assert_eq!(ReachabilityTally::from_state(state)?, t);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct ReachabilityState {
    /// Targets tried.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub targets: u64,
    /// Attempts made, over all targets.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub attempts: u64,
    /// Attempts answered.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub answered_attempts: u64,
    /// `(attempt number, targets first answering on it)`, by attempt number.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::count_pairs"))]
    pub reached_on_attempt: Vec<(u32, u64)>,
}

impl ReachabilityTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{ReachabilityTally, Tally};
    ///
    /// assert_eq!(ReachabilityTally::new().len()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> ReachabilityTally {
        ReachabilityTally::default()
    }

    /// Targets tried.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Attempts, ReachabilityTally};
    ///
    /// let t: ReachabilityTally = [Attempts::unreached(3)?].into_iter().collect();
    /// assert_eq!((t.targets()?, t.attempts()?), (1, 3));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn targets(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.targets)
    }

    /// Attempts made.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ReachabilityTally::new().attempts()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn attempts(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.attempts)
    }

    /// The share of targets reached within `k` attempts (first answer on
    /// attempt 1 to `k`).
    ///
    /// # Errors
    ///
    /// An `empty` error without targets, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Attempts, ReachabilityTally};
    ///
    /// let t: ReachabilityTally = [Attempts::reached_on(2)?, Attempts::unreached(2)?].into_iter().collect();
    /// assert_eq!((t.reached_within(1)?.percent(), t.reached_within(2)?.percent()), (0.0, 50.0));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn reached_within(&self, k: u32) -> Result<Rate, Error> {
        self.fault.check()?;
        Rate::of_tally(
            self.reached.at_most(k),
            self.targets,
            "reachability",
            "no targets tried",
        )
    }

    /// The share of targets reached in any number of attempts.
    ///
    /// # Errors
    ///
    /// An `empty` error without targets, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Attempts, ReachabilityTally};
    ///
    /// let t: ReachabilityTally = [Attempts::reached_on(9)?].into_iter().collect();
    /// assert_eq!(t.reached()?.percent(), 100.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn reached(&self) -> Result<Rate, Error> {
        self.reached_within(u32::MAX)
    }

    /// The share of attempts answered.
    ///
    /// # Errors
    ///
    /// An `empty` error without attempts, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Attempts, ReachabilityTally};
    ///
    /// let t: ReachabilityTally = [Attempts::from_outcomes(&[false, true, true, false])?].into_iter().collect();
    /// assert_eq!(t.attempts_answered()?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn attempts_answered(&self) -> Result<Rate, Error> {
        self.fault.check()?;
        Rate::of_tally(
            self.answered,
            self.attempts,
            "share of attempts answered",
            "no attempts made",
        )
    }

    /// Attempts made per target.
    ///
    /// # Errors
    ///
    /// An `empty` error without targets, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Attempts, ReachabilityTally};
    ///
    /// let t: ReachabilityTally = [Attempts::reached_on(1)?, Attempts::unreached(3)?].into_iter().collect();
    /// assert_eq!(t.attempts_per_target()?, 2.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn attempts_per_target(&self) -> Result<f64, Error> {
        self.reached_within(0)?;
        Ok(self.attempts as f64 / self.targets as f64)
    }

    fn merge_counts(&mut self, other: &ReachabilityTally) -> Result<(), Error> {
        let targets = add_u64(self.targets, other.targets, "reachability targets")?;
        let attempts = add_u64(self.attempts, other.attempts, "attempts")?;
        let reached = self.reached.merged(&other.reached, "reached targets")?;
        // At most the attempts, whose sum fits.
        self.answered += other.answered;
        self.targets = targets;
        self.attempts = attempts;
        self.reached = reached;
        Ok(())
    }

    fn add_one(&mut self, a: Attempts) -> Result<(), Error> {
        let targets = add_u64(self.targets, 1, "reachability targets")?;
        let attempts = add_u64(self.attempts, u64::from(a.made), "attempts")?;
        let reached = match a.first_answered {
            Some(k) => self.reached.with(k, 1, "reached targets")?,
            None => self.reached.clone(),
        };
        // At most the attempts, which fit.
        self.answered += u64::from(a.answered);
        self.targets = targets;
        self.attempts = attempts;
        self.reached = reached;
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.targets
    }

    fn to_state(&self) -> ReachabilityState {
        ReachabilityState {
            targets: self.targets,
            attempts: self.attempts,
            answered_attempts: self.answered,
            reached_on_attempt: self.reached.pairs().to_vec(),
        }
    }

    fn check_state(s: ReachabilityState) -> Result<ReachabilityTally, Error> {
        let reached = Counts::from_pairs(s.reached_on_attempt, 1, "reached_on_attempt")?;
        let n = reached.total("reached_on_attempt counts")?;
        if n > s.targets {
            return Err(Error::inconsistent(
                "reached_on_attempt counts",
                n,
                "targets",
                s.targets,
            ));
        }
        if n > s.answered_attempts {
            return Err(Error::inconsistent(
                "reached_on_attempt counts",
                n,
                "answered_attempts",
                s.answered_attempts,
            ));
        }
        if n == 0 && s.answered_attempts > 0 {
            return Err(Error::inconsistent(
                "answered_attempts",
                s.answered_attempts,
                "reached targets",
                0,
            ));
        }
        // The attempts each target needs at least: its unanswered ones before
        // the first answer, its answered ones, one per unreached target.
        let before_first = reached.weighted_sum() - u128::from(n);
        let needed = u128::from(s.answered_attempts) + before_first + u128::from(s.targets - n);
        if needed > u128::from(s.attempts) {
            return Err(Error::inconsistent(
                "answered_attempts + unanswered attempts the reached and unreached targets need",
                u64::try_from(needed).unwrap_or(u64::MAX),
                "attempts",
                s.attempts,
            ));
        }
        Ok(ReachabilityTally {
            targets: s.targets,
            attempts: s.attempts,
            answered: s.answered_attempts,
            reached,
            fault: Fault::default(),
        })
    }
}

tally!(ReachabilityTally, Attempts, ReachabilityState, default);

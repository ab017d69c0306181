//! Service level: the share of contacts answered within a threshold, with the
//! six published treatments of abandoned contacts.

use core::fmt;
use core::time::Duration;

use crate::duration::seconds;
use crate::kernel::{WordCounts, count_u32};
use crate::tally::{Fault, add_u64, check_part, tally};
use crate::{Domain, Error, Rate, ShortAbandons, Waited};

/// How abandoned contacts count in a service level.
///
/// With `a` answered contacts, `a_T` of them answered within the threshold,
/// `b` abandoned, `b_T` of them abandoned within the threshold and `b_S`
/// short abandons:
///
/// | treatment | service level | ICMI example |
/// | --- | --- | --- |
/// | [`CountAgainst`](Self::CountAgainst) | `a_T / (a + b)` | 81.13% |
/// | [`ExcludeWithinThreshold`](Self::ExcludeWithinThreshold) | `a_T / (a + b − b_T)` | 82.69% |
/// | [`WithinThresholdAsMet`](Self::WithinThresholdAsMet) | `(a_T + b_T) / (a + b)` | 83.02% |
/// | [`Ignore`](Self::Ignore) | `a_T / a` | 86.00% |
/// | [`ShortAsMet`](Self::ShortAsMet) | `(a_T + b_S) / (a + b)` | 82.08% |
/// | [`ExcludeShort`](Self::ExcludeShort) | `a_T / (a + b − b_S)` | 81.90% |
///
/// The example is ICMI's: 1 000 answered, 860 within 20 s, 60 abandoned, 20
/// of them within 20 s, 10 short. Contact-centre products each hard-code one
/// of these (or make it a setting), which is why two tools disagree on the
/// same queue; naming the treatment makes a figure comparable. Source: ICMI,
/// "Service Level: Which Calls Count?" and the vectors README.
///
/// # Example
///
/// ```
/// use cxkpi::AbandonTreatment;
///
/// assert_eq!(AbandonTreatment::from_name("exclude_short"), Some(AbandonTreatment::ExcludeShort));
/// assert_eq!(AbandonTreatment::CountAgainst.as_str(), "count_against");
/// assert!(AbandonTreatment::ShortAsMet.needs_short_abandons());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AbandonTreatment {
    /// Every abandon is a contact not answered in time: the strictest.
    #[default]
    CountAgainst,
    /// Abandons within the threshold leave the denominator: the caller hung
    /// up before the centre could have met its target.
    ExcludeWithinThreshold,
    /// Abandons within the threshold count as met.
    WithinThresholdAsMet,
    /// Only answered contacts count: the share answered within the threshold.
    Ignore,
    /// Short abandons count as met.
    ShortAsMet,
    /// Short abandons leave the denominator.
    ExcludeShort,
}

impl AbandonTreatment {
    /// The six treatments, in the order of the table above.
    pub const ALL: [AbandonTreatment; 6] = [
        AbandonTreatment::CountAgainst,
        AbandonTreatment::ExcludeWithinThreshold,
        AbandonTreatment::WithinThresholdAsMet,
        AbandonTreatment::Ignore,
        AbandonTreatment::ShortAsMet,
        AbandonTreatment::ExcludeShort,
    ];

    /// The treatment's snake-case name, as the vectors and the JSON report write it.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AbandonTreatment::Ignore.as_str(), "ignore");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            AbandonTreatment::CountAgainst => "count_against",
            AbandonTreatment::ExcludeWithinThreshold => "exclude_within_threshold",
            AbandonTreatment::WithinThresholdAsMet => "within_threshold_as_met",
            AbandonTreatment::Ignore => "ignore",
            AbandonTreatment::ShortAsMet => "short_as_met",
            AbandonTreatment::ExcludeShort => "exclude_short",
        }
    }

    /// The treatment called `name`, if there is one.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::AbandonTreatment;
    ///
    /// assert_eq!(AbandonTreatment::from_name("ignore"), Some(AbandonTreatment::Ignore));
    /// assert_eq!(AbandonTreatment::from_name("optimistic"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<AbandonTreatment> {
        AbandonTreatment::ALL
            .into_iter()
            .find(|t| t.as_str() == name)
    }

    /// Whether the treatment needs to know which abandons are short.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!cxkpi::AbandonTreatment::CountAgainst.needs_short_abandons());
    /// ```
    pub const fn needs_short_abandons(self) -> bool {
        matches!(
            self,
            AbandonTreatment::ShortAsMet | AbandonTreatment::ExcludeShort
        )
    }
}

impl fmt::Display for AbandonTreatment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The five counts a service level is computed from, checked for consistency.
///
/// # Example
///
/// ```
/// use cxkpi::{AbandonTreatment, ServiceLevelCounts};
///
/// // ICMI's worked example.
/// let counts = ServiceLevelCounts::from_counts(1000, 860, 60, 20, Some(10))?;
/// assert_eq!(counts.service_level(AbandonTreatment::Ignore)?.percent(), 86.0);
/// assert_eq!(format!("{:.2}", counts.service_level(AbandonTreatment::CountAgainst)?), "81.13% (n = 1060)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: inconsistent, missing short abandons
///
/// ```
/// use cxkpi::{AbandonTreatment, ErrorKind, ServiceLevelCounts};
///
/// let err = ServiceLevelCounts::from_counts(5, 6, 0, 0, Some(0)).unwrap_err();
/// assert_eq!(err.to_string(), "answered within threshold (6) exceeds answered (5)");
/// let counts = ServiceLevelCounts::from_counts(5, 4, 1, 0, None)?;
/// let err = counts.service_level(AbandonTreatment::ExcludeShort).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ServiceLevelCounts {
    answered: u64,
    answered_within: u64,
    abandoned: u64,
    abandoned_within: u64,
    short_abandoned: Option<u64>,
}

impl ServiceLevelCounts {
    /// The counts: `answered`, of which `answered_within` the threshold;
    /// `abandoned`, of which `abandoned_within` the threshold and
    /// `short_abandoned` short (`None` when short abandons are not known).
    ///
    /// # Errors
    ///
    /// [`Error::inconsistent`] when a part exceeds its whole.
    ///
    /// # Example
    ///
    /// ```
    /// let counts = cxkpi::ServiceLevelCounts::from_counts(10, 8, 2, 1, None)?;
    /// assert_eq!(counts.answered(), 10);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(
        answered: u64,
        answered_within: u64,
        abandoned: u64,
        abandoned_within: u64,
        short_abandoned: Option<u64>,
    ) -> Result<ServiceLevelCounts, Error> {
        if answered_within > answered {
            return Err(Error::inconsistent(
                "answered within threshold",
                answered_within,
                "answered",
                answered,
            ));
        }
        if abandoned_within > abandoned {
            return Err(Error::inconsistent(
                "abandoned within threshold",
                abandoned_within,
                "abandoned",
                abandoned,
            ));
        }
        if let Some(short) = short_abandoned {
            if short > abandoned {
                return Err(Error::inconsistent(
                    "short abandoned",
                    short,
                    "abandoned",
                    abandoned,
                ));
            }
        }
        Ok(ServiceLevelCounts {
            answered,
            answered_within,
            abandoned,
            abandoned_within,
            short_abandoned,
        })
    }

    /// Answered contacts.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ServiceLevelCounts::from_counts(3, 1, 0, 0, None)?.answered(), 3);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn answered(&self) -> u64 {
        self.answered
    }

    /// Answered contacts whose wait was within the threshold.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ServiceLevelCounts::from_counts(3, 1, 0, 0, None)?.answered_within(), 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn answered_within(&self) -> u64 {
        self.answered_within
    }

    /// Abandoned contacts.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ServiceLevelCounts::from_counts(3, 1, 2, 0, None)?.abandoned(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn abandoned(&self) -> u64 {
        self.abandoned
    }

    /// Abandoned contacts whose wait was within the threshold.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ServiceLevelCounts::from_counts(3, 1, 2, 1, None)?.abandoned_within(), 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn abandoned_within(&self) -> u64 {
        self.abandoned_within
    }

    /// Short abandons, when known.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ServiceLevelCounts::from_counts(3, 1, 2, 1, Some(1))?.short_abandoned(), Some(1));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn short_abandoned(&self) -> Option<u64> {
        self.short_abandoned
    }

    /// The service level under `treatment`, as a [`Rate`] (percent and counts).
    ///
    /// # Formula
    ///
    /// See [`AbandonTreatment`].
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the denominator is 0; [`Error::missing_parameter`]
    /// (kind `invalid_parameter`) when a short treatment meets unknown short
    /// abandons; [`Error::overflow`] when `a + b` passes `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{AbandonTreatment, ServiceLevelCounts};
    ///
    /// let counts = ServiceLevelCounts::from_counts(1000, 860, 60, 20, Some(10))?;
    /// let sl = counts.service_level(AbandonTreatment::ExcludeShort)?;
    /// assert_eq!((sl.part(), sl.whole()), (860, 1050));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn service_level(&self, treatment: AbandonTreatment) -> Result<Rate, Error> {
        let a = self.answered;
        let a_t = self.answered_within;
        let b_t = self.abandoned_within;
        let offered = add_u64(a, self.abandoned, "offered contacts")?;
        let short = || {
            self.short_abandoned.ok_or_else(|| {
                Error::missing_parameter(
                    "a short-abandon threshold",
                    "a service level with short abandons",
                )
            })
        };
        // Parts never exceed wholes: a_T ≤ a, b_T ≤ b, b_S ≤ b (checked at
        // construction), so only the sums can overflow.
        let (part, whole) = match treatment {
            AbandonTreatment::CountAgainst => (a_t, offered),
            AbandonTreatment::ExcludeWithinThreshold => (a_t, offered - b_t),
            AbandonTreatment::WithinThresholdAsMet => (a_t + b_t, offered),
            AbandonTreatment::Ignore => (a_t, a),
            AbandonTreatment::ShortAsMet => (a_t + short()?, offered),
            AbandonTreatment::ExcludeShort => (a_t, offered - short()?),
        };
        if whole == 0 {
            return Err(Error::empty(
                "service level",
                "no contacts in its denominator",
            ));
        }
        Rate::new(part, whole)
    }
}

/// The bounds in whole seconds of a threshold and a short-abandon rule:
/// `w` whole seconds are within `threshold` when `w <= ⌊threshold⌋`, and
/// below the short-abandon threshold `s` when `w <= ⌈s⌉ − 1` (none when
/// `s` is 0 or there is no rule).
pub(crate) fn whole_secs_bounds(threshold: Duration, short: ShortAbandons) -> (u32, Option<u32>) {
    // `w` whole seconds are within `threshold` when `w <= ⌊threshold⌋`.
    let within = u32::try_from(threshold.as_secs()).unwrap_or(u32::MAX);
    (within, short.whole_secs_at_most())
}

/// The service-level accumulator: contacts answered and abandoned, within a
/// threshold or not, and short abandons.
///
/// A contact is within the target when its wait is **at most** the
/// threshold; an abandon is short when its wait is strictly below the
/// short-abandon threshold ([`ShortAbandons::below`]) or at most it
/// ([`ShortAbandons::at_most`], "abandoned within 5 s" as ICMI and most ACD
/// reports count it): name the rule your source uses, the figures differ.
/// Tallies with different thresholds or short-abandon rules do not merge
/// ([`Error::mismatch`]).
///
/// # Which abandons to feed
///
/// The abandons of the queue the service level is about: callers who hung
/// up *while queued* for an agent, each with its wait in the queue. A caller
/// who hangs up in the voice-response unit (IVR) before asking for an agent
/// was never offered to the queue: leave them out, as their "wait" is menu
/// time, not queue time, and counting them as abandons within the threshold
/// would flatter or hurt the figure depending on the treatment. When a log
/// records only the total time in the system, subtract the IVR time first.
/// An abandon whose queue wait is unknown belongs to no treatment that needs
/// its wait.
///
/// # Formula
///
/// See [`AbandonTreatment`]; the share answered within a deadline ("answered
/// within 30 s", "within 24 hours") is [`AbandonTreatment::Ignore`].
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{AbandonTreatment, ServiceLevelTally, ShortAbandons};
///
/// let tally = ServiceLevelTally::from_float_secs(
///     Duration::from_secs(20),
///     ShortAbandons::Below(Duration::from_secs(5)),
///     &[5.0, 12.0, 20.0, 21.0, 45.0, 3.0],
///     &[2.0, 19.0, 60.0],
/// )?;
/// assert_eq!(tally.service_level(AbandonTreatment::ExcludeShort)?.percent(), 50.0);
/// assert_eq!(tally.service_level(AbandonTreatment::Ignore)?.to_string(), "66.7% (n = 6)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceLevelTally {
    threshold: Duration,
    short: ShortAbandons,
    answered: u64,
    answered_within: u64,
    abandoned: u64,
    abandoned_within: u64,
    short_abandoned: u64,
    fault: Fault,
}

impl ServiceLevelTally {
    /// The empty tally for a `threshold` (20 s in "80/20") and a short-abandon rule.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// use core::time::Duration;
    /// use cxkpi::{ServiceLevelTally, ShortAbandons};
    ///
    /// let tally = ServiceLevelTally::new(Duration::from_secs(20), ShortAbandons::None);
    /// assert!(tally.is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(threshold: Duration, short: ShortAbandons) -> ServiceLevelTally {
        ServiceLevelTally {
            threshold,
            short,
            answered: 0,
            answered_within: 0,
            abandoned: 0,
            abandoned_within: 0,
            short_abandoned: 0,
            fault: Fault::default(),
        }
    }

    /// The empty tally for a threshold of `threshold_secs` seconds.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] for a negative, NaN or infinite threshold.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{ErrorKind, ServiceLevelTally, ShortAbandons};
    ///
    /// let tally = ServiceLevelTally::with_threshold_secs(20.0, ShortAbandons::None)?;
    /// assert_eq!(tally.threshold().as_secs(), 20);
    /// let err = ServiceLevelTally::with_threshold_secs(-1.0, ShortAbandons::None).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn with_threshold_secs(
        threshold_secs: f64,
        short: ShortAbandons,
    ) -> Result<ServiceLevelTally, Error> {
        let threshold = seconds("service-level threshold (s)", threshold_secs).map_err(|_| {
            Error::invalid_parameter(
                "service-level threshold (s)",
                threshold_secs,
                Domain::Seconds,
            )
        })?;
        Ok(ServiceLevelTally::new(threshold, short))
    }

    /// The tally of answered and abandoned waits given in seconds.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] for the first negative, NaN or infinite wait.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{AbandonTreatment, ServiceLevelTally, ShortAbandons};
    ///
    /// let tally = ServiceLevelTally::from_float_secs(
    ///     Duration::from_secs(30), ShortAbandons::None, &[10.0, 25.0, 30.0, 31.0], &[],
    /// )?;
    /// assert_eq!(tally.service_level(AbandonTreatment::CountAgainst)?.percent(), 75.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_float_secs(
        threshold: Duration,
        short: ShortAbandons,
        answered: &[f64],
        abandoned: &[f64],
    ) -> Result<ServiceLevelTally, Error> {
        let mut tally = ServiceLevelTally::new(threshold, short);
        super::wait::record_secs(answered, abandoned, |wait| tally.add_one(wait))?;
        Ok(tally)
    }

    /// The tally of answered and abandoned waits in whole seconds, in one
    /// vectorised pass over each column.
    ///
    /// A wait of `w` seconds is `Duration::from_secs(w)`: within the
    /// threshold when `w` is at most the threshold, short when it is strictly
    /// below the short-abandon threshold, exactly as [`record`](crate::Tally::record)
    /// counts it. Whole seconds in a `u32` cannot be negative or NaN, so no
    /// wait is refused, and no count can overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{AbandonTreatment, ServiceLevelTally, ShortAbandons};
    ///
    /// let tally = ServiceLevelTally::from_whole_secs(
    ///     Duration::from_secs(20),
    ///     ShortAbandons::Below(Duration::from_secs(5)),
    ///     &[5, 12, 20, 21, 45, 3],
    ///     &[2, 19, 60],
    /// );
    /// assert_eq!(tally.service_level(AbandonTreatment::ExcludeShort)?.percent(), 50.0);
    /// assert_eq!(tally.counts()?.short_abandoned(), Some(1));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_whole_secs(
        threshold: Duration,
        short: ShortAbandons,
        answered: &[u32],
        abandoned: &[u32],
    ) -> ServiceLevelTally {
        ServiceLevelTally::from_whole_secs_with(threshold, short, answered, abandoned, count_u32)
    }

    /// [`from_whole_secs`](Self::from_whole_secs) with the counting kernel
    /// given: sequential or split across threads.
    pub(crate) fn from_whole_secs_with(
        threshold: Duration,
        short: ShortAbandons,
        answered: &[u32],
        abandoned: &[u32],
        count: impl Fn(&[u32], u32, Option<u32>) -> WordCounts,
    ) -> ServiceLevelTally {
        let (within, short_at_most) = whole_secs_bounds(threshold, short);
        let answered_counts = count(answered, within, None);
        let abandoned_counts = count(abandoned, within, short_at_most);
        // Slice lengths fit u64, and so does their sum.
        ServiceLevelTally::from_whole_secs_counts(
            threshold,
            short,
            [answered.len() as u64, answered_counts.first],
            [
                abandoned.len() as u64,
                abandoned_counts.first,
                abandoned_counts.second,
            ],
        )
    }

    /// The tally of the counts of a whole-seconds pass: `[answered, within]`
    /// and `[abandoned, within, short]`, each part at most its whole, and
    /// the wholes' sum at most `u64::MAX` (the caller counted rows).
    pub(crate) fn from_whole_secs_counts(
        threshold: Duration,
        short: ShortAbandons,
        [answered, answered_within]: [u64; 2],
        [abandoned, abandoned_within, short_abandoned]: [u64; 3],
    ) -> ServiceLevelTally {
        ServiceLevelTally {
            threshold,
            short,
            answered,
            answered_within,
            abandoned,
            abandoned_within,
            short_abandoned,
            fault: Fault::default(),
        }
    }

    /// The threshold.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{ServiceLevelTally, ShortAbandons};
    ///
    /// let tally = ServiceLevelTally::new(Duration::from_secs(20), ShortAbandons::None);
    /// assert_eq!(tally.threshold(), Duration::from_secs(20));
    /// ```
    pub fn threshold(&self) -> Duration {
        self.threshold
    }

    /// The short-abandon rule.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{ServiceLevelTally, ShortAbandons};
    ///
    /// let tally = ServiceLevelTally::new(Duration::from_secs(20), ShortAbandons::None);
    /// assert_eq!(tally.short_abandons(), ShortAbandons::None);
    /// ```
    pub fn short_abandons(&self) -> ShortAbandons {
        self.short
    }

    /// The tally's counts; short abandons are unknown (`None`) when the
    /// rule is [`ShortAbandons::None`].
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{ServiceLevelTally, ShortAbandons};
    ///
    /// let tally = ServiceLevelTally::from_float_secs(Duration::from_secs(20), ShortAbandons::None, &[5.0, 25.0], &[])?;
    /// assert_eq!(tally.counts()?.answered_within(), 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn counts(&self) -> Result<ServiceLevelCounts, Error> {
        self.fault.check()?;
        let short = self.short.threshold().map(|_| self.short_abandoned);
        ServiceLevelCounts::from_counts(
            self.answered,
            self.answered_within,
            self.abandoned,
            self.abandoned_within,
            short,
        )
    }

    /// The service level under `treatment`.
    ///
    /// # Errors
    ///
    /// As [`ServiceLevelCounts::service_level`], or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{AbandonTreatment, ErrorKind, ServiceLevelTally, ShortAbandons};
    ///
    /// let tally = ServiceLevelTally::from_float_secs(Duration::from_secs(20), ShortAbandons::None, &[], &[4.0])?;
    /// let err = tally.service_level(AbandonTreatment::Ignore).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Empty);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn service_level(&self, treatment: AbandonTreatment) -> Result<Rate, Error> {
        self.counts()?.service_level(treatment)
    }

    fn merge_counts(&mut self, other: &ServiceLevelTally) -> Result<(), Error> {
        if self.threshold != other.threshold {
            return Err(Error::mismatch(
                "service-level thresholds (s)",
                self.threshold.as_secs_f64(),
                other.threshold.as_secs_f64(),
            ));
        }
        if self.short != other.short {
            let secs = |rule: ShortAbandons| rule.threshold().map_or(f64::NAN, |d| d.as_secs_f64());
            return Err(Error::mismatch(
                "short-abandon thresholds (s)",
                secs(self.short),
                secs(other.short),
            ));
        }
        let answered = add_u64(self.answered, other.answered, "answered contacts")?;
        let abandoned = add_u64(self.abandoned, other.abandoned, "abandoned contacts")?;
        // The contacts of both kinds are the tally's count: it must fit too.
        add_u64(answered, abandoned, "contacts (answered + abandoned)")?;
        // Each part is at most its whole, whose sum fits.
        self.answered = answered;
        self.abandoned = abandoned;
        self.answered_within += other.answered_within;
        self.abandoned_within += other.abandoned_within;
        self.short_abandoned += other.short_abandoned;
        Ok(())
    }
}

impl ServiceLevelTally {
    fn add_one(&mut self, contact: Waited) -> Result<(), Error> {
        // The count of contacts, answered + abandoned, fits u64 (an invariant
        // of every constructor): one more must too.
        add_u64(
            self.answered + self.abandoned,
            1,
            "contacts (answered + abandoned)",
        )?;
        let within = contact.wait() <= self.threshold;
        // The "within" and "short" counts never exceed their whole, which
        // is checked first.
        match contact {
            Waited::Answered(_) => {
                self.answered = add_u64(self.answered, 1, "answered contacts")?;
                self.answered_within += u64::from(within);
            }
            Waited::Abandoned(wait) => {
                self.abandoned = add_u64(self.abandoned, 1, "abandoned contacts")?;
                self.abandoned_within += u64::from(within);
                self.short_abandoned += u64::from(self.short.is_short(wait));
            }
        }
        Ok(())
    }

    /// Contacts recorded, answered and abandoned.
    const fn observations(&self) -> u64 {
        // Every constructor keeps the sum within u64.
        self.answered + self.abandoned
    }

    const fn to_state(&self) -> ServiceLevelState {
        ServiceLevelState {
            threshold: self.threshold,
            short_abandons: self.short,
            answered: self.answered,
            answered_within: self.answered_within,
            abandoned: self.abandoned,
            abandoned_within: self.abandoned_within,
            short_abandoned: self.short_abandoned,
        }
    }

    /// Checks that no part exceeds its whole, that there are no short
    /// abandons without a short-abandon rule, and that the short and the
    /// within-threshold abandons nest as the two thresholds order them.
    fn check_state(p: ServiceLevelState) -> Result<ServiceLevelTally, Error> {
        add_u64(p.answered, p.abandoned, "contacts (answered + abandoned)")?;
        ServiceLevelCounts::from_counts(
            p.answered,
            p.answered_within,
            p.abandoned,
            p.abandoned_within,
            Some(p.short_abandoned),
        )?;
        match p.short_abandons {
            ShortAbandons::None => check_part(
                "short abandoned",
                p.short_abandoned,
                "the short abandons a tally without a short-abandon rule holds",
                0,
            )?,
            // A short abandon waited less than (or at most) `s <= threshold`:
            // it is within.
            ShortAbandons::Below(s) | ShortAbandons::AtMost(s) if s <= p.threshold => check_part(
                "short abandoned",
                p.short_abandoned,
                "abandoned within threshold",
                p.abandoned_within,
            )?,
            // An abandon within `threshold < s` waited less than `s`: it is short.
            ShortAbandons::Below(_) | ShortAbandons::AtMost(_) => check_part(
                "abandoned within threshold",
                p.abandoned_within,
                "short abandoned",
                p.short_abandoned,
            )?,
        }
        Ok(ServiceLevelTally {
            threshold: p.threshold,
            short: p.short_abandons,
            answered: p.answered,
            answered_within: p.answered_within,
            abandoned: p.abandoned,
            abandoned_within: p.abandoned_within,
            short_abandoned: p.short_abandoned,
            fault: Fault::default(),
        })
    }
}

tally!(ServiceLevelTally, Waited, ServiceLevelState);

/// The state of a [`ServiceLevelTally`]: its two thresholds and five counts.
///
/// Wire format (counts as decimal strings, a JSON number accepted too;
/// thresholds as seconds, a JSON number; no short-abandon rule is `null`):
///
/// ```json
/// {"threshold_s": 20, "short_abandon_below_s": 5,
///  "answered": "6", "answered_within": "3", "abandoned": "3",
///  "abandoned_within": "2", "short_abandoned": "1"}
/// ```
///
/// Valid when each part is at most its whole, there are no short abandons
/// without a rule, and the short and within-threshold abandons nest as the
/// thresholds order them (with a short-abandon threshold at most the
/// service-level threshold, every short abandon is within it).
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{AbandonTreatment, ServiceLevelState, ServiceLevelTally, ShortAbandons, Tally};
///
/// let tally = ServiceLevelTally::from_whole_secs(
///     Duration::from_secs(20),
///     ShortAbandons::Below(Duration::from_secs(5)),
///     &[5, 12, 20, 21, 45, 3],
///     &[2, 19, 60],
/// );
/// let state = tally.state()?;
/// assert_eq!((state.answered_within, state.abandoned_within, state.short_abandoned), (4, 2, 1));
/// assert_eq!(ServiceLevelTally::from_state(state)?, tally);
/// let tampered = ServiceLevelState { abandoned_within: 0, ..state };
/// assert_eq!(
///     ServiceLevelTally::from_state(tampered).unwrap_err().to_string(),
///     "short abandoned (1) exceeds abandoned within threshold (0)"
/// );
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ServiceLevelWire", into = "ServiceLevelWire")
)]
pub struct ServiceLevelState {
    /// The service-level threshold (20 s in "80/20").
    pub threshold: Duration,
    /// The short-abandon rule.
    pub short_abandons: ShortAbandons,
    /// Answered contacts.
    pub answered: u64,
    /// Answered within the threshold.
    pub answered_within: u64,
    /// Abandoned contacts.
    pub abandoned: u64,
    /// Abandoned within the threshold.
    pub abandoned_within: u64,
    /// Abandoned contacts that are short under the rule.
    pub short_abandoned: u64,
}

/// The serialized form of a [`ServiceLevelState`]: the short-abandon rule is
/// `short_abandon_below_s` (strictly below, `null` for no rule) or, for a
/// rule of at most its threshold, `short_abandon_at_most_s`; a payload
/// giving both is refused.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceLevelWire {
    #[serde(rename = "threshold_s", with = "crate::wire::secs")]
    threshold: Duration,
    #[serde(default, with = "crate::wire::short_abandons")]
    short_abandon_below_s: ShortAbandons,
    #[serde(
        default,
        skip_serializing_if = "no_rule",
        with = "crate::wire::short_abandons_at_most"
    )]
    short_abandon_at_most_s: ShortAbandons,
    #[serde(with = "crate::wire::int")]
    answered: u64,
    #[serde(with = "crate::wire::int")]
    answered_within: u64,
    #[serde(with = "crate::wire::int")]
    abandoned: u64,
    #[serde(with = "crate::wire::int")]
    abandoned_within: u64,
    #[serde(with = "crate::wire::int")]
    short_abandoned: u64,
}

/// Whether `rule` is no rule: the at-most field is then left out.
#[cfg(feature = "serde")]
// serde's `skip_serializing_if` passes the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn no_rule(rule: &ShortAbandons) -> bool {
    *rule == ShortAbandons::None
}

#[cfg(feature = "serde")]
impl TryFrom<ServiceLevelWire> for ServiceLevelState {
    type Error = Error;

    fn try_from(w: ServiceLevelWire) -> Result<ServiceLevelState, Error> {
        let ((rule, ShortAbandons::None) | (ShortAbandons::None, rule)) =
            (w.short_abandon_below_s, w.short_abandon_at_most_s)
        else {
            return Err(Error::malformed(
                "short-abandon rule",
                "short_abandon_below_s or short_abandon_at_most_s, not both",
            ));
        };
        let short_abandons = rule;
        Ok(ServiceLevelState {
            threshold: w.threshold,
            short_abandons,
            answered: w.answered,
            answered_within: w.answered_within,
            abandoned: w.abandoned,
            abandoned_within: w.abandoned_within,
            short_abandoned: w.short_abandoned,
        })
    }
}

#[cfg(feature = "serde")]
impl From<ServiceLevelState> for ServiceLevelWire {
    fn from(s: ServiceLevelState) -> ServiceLevelWire {
        let (below, at_most) = match s.short_abandons {
            ShortAbandons::AtMost(_) => (ShortAbandons::None, s.short_abandons),
            rule => (rule, ShortAbandons::None),
        };
        ServiceLevelWire {
            threshold: s.threshold,
            short_abandon_below_s: below,
            short_abandon_at_most_s: at_most,
            answered: s.answered,
            answered_within: s.answered_within,
            abandoned: s.abandoned,
            abandoned_within: s.abandoned_within,
            short_abandoned: s.short_abandoned,
        }
    }
}

//! Abandonment rate, with the optional exclusion of short abandons.

use core::time::Duration;

use crate::tally::{Fault, add_u64, check_part, tally};
use crate::{Error, Rate};

/// How an offered contact ended, as the abandonment rate counts it.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{Outcome, ShortAbandons};
///
/// let rule = ShortAbandons::Below(Duration::from_secs(5));
/// assert_eq!(Outcome::abandoned_after(Duration::from_secs(2), rule), Outcome::ShortAbandoned);
/// assert_eq!(Outcome::abandoned_after(Duration::from_secs(5), rule), Outcome::Abandoned);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Outcome {
    /// Answered by an agent.
    Answered,
    /// The caller hung up before an answer.
    Abandoned,
    /// The caller hung up before the short-abandon threshold: a wrong number
    /// or a change of mind rather than a failure of service.
    ShortAbandoned,
}

impl Outcome {
    /// The outcome of a contact abandoned after waiting `wait`, under `rule`.
    ///
    /// An abandon is short when its wait is strictly below the threshold.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{Outcome, ShortAbandons};
    ///
    /// let wait = Duration::from_secs(3);
    /// assert_eq!(Outcome::abandoned_after(wait, ShortAbandons::None), Outcome::Abandoned);
    /// ```
    pub fn abandoned_after(wait: Duration, rule: ShortAbandons) -> Outcome {
        if rule.is_short(wait) {
            Outcome::ShortAbandoned
        } else {
            Outcome::Abandoned
        }
    }
}

/// Which abandons are too short to count against the service.
///
/// "Abandoned within 5 s" means two things in practice, and the figures
/// differ: [`ShortAbandons::below`] counts waits strictly below the
/// threshold (a 5.0 s hang-up is not short), [`ShortAbandons::at_most`]
/// counts waits up to and including it, as a service-level threshold counts
/// "answered within T" (ICMI's treatments and most ACD reports count short
/// abandons this way). On waits in whole seconds, `below(5 s)` is
/// `at_most(4 s)`.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::ShortAbandons;
///
/// assert_eq!(ShortAbandons::default(), ShortAbandons::None);
/// let rule = ShortAbandons::below(Duration::from_secs(5));
/// assert!(rule.is_short(Duration::from_secs(4)) && !rule.is_short(Duration::from_secs(5)));
/// let rule = ShortAbandons::at_most(Duration::from_secs(5));
/// assert!(rule.is_short(Duration::from_secs(5)) && !rule.is_short(Duration::from_millis(5001)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ShortAbandons {
    /// Every abandon counts (the default).
    #[default]
    None,
    /// Abandons whose wait is strictly below the duration are short, and are
    /// left out of both sides of the rate.
    Below(Duration),
    /// Abandons whose wait is at most the duration are short ("within" as a
    /// service-level threshold means it), and are left out of both sides of
    /// the rate.
    AtMost(Duration),
}

impl ShortAbandons {
    /// Abandons whose wait is strictly below `threshold` are short:
    /// [`ShortAbandons::Below`].
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::ShortAbandons;
    ///
    /// let rule = ShortAbandons::below(Duration::from_secs(5));
    /// assert!(!rule.is_short(Duration::from_secs(5)));
    /// ```
    pub const fn below(threshold: Duration) -> ShortAbandons {
        ShortAbandons::Below(threshold)
    }

    /// Abandons whose wait is at most `threshold` are short:
    /// [`ShortAbandons::AtMost`].
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::ShortAbandons;
    ///
    /// let rule = ShortAbandons::at_most(Duration::from_secs(5));
    /// assert!(rule.is_short(Duration::from_secs(5)));
    /// ```
    pub const fn at_most(threshold: Duration) -> ShortAbandons {
        ShortAbandons::AtMost(threshold)
    }

    /// The rule's threshold, if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::ShortAbandons;
    ///
    /// assert_eq!(ShortAbandons::None.threshold(), None);
    /// assert_eq!(ShortAbandons::at_most(Duration::from_secs(5)).threshold(), Some(Duration::from_secs(5)));
    /// ```
    pub const fn threshold(self) -> Option<Duration> {
        match self {
            ShortAbandons::None => None,
            ShortAbandons::Below(t) | ShortAbandons::AtMost(t) => Some(t),
        }
    }

    /// The greatest whole number of seconds that is short under this rule,
    /// if any is: what the whole-second kernels compare against.
    pub(crate) fn whole_secs_at_most(self) -> Option<u32> {
        let fit = |s: u64| u32::try_from(s).unwrap_or(u32::MAX);
        match self {
            ShortAbandons::None => None,
            // w < s for whole w: w ≤ ⌈s⌉ − 1.
            ShortAbandons::Below(s) => {
                let ceil = s.as_secs().saturating_add(u64::from(s.subsec_nanos() > 0));
                ceil.checked_sub(1).map(fit)
            }
            // w ≤ s for whole w: w ≤ ⌊s⌋.
            ShortAbandons::AtMost(s) => Some(fit(s.as_secs())),
        }
    }

    /// Abandons of at most `secs` seconds are short.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] when `secs` is negative, NaN, infinite or
    /// too large for a `Duration`.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::ShortAbandons;
    ///
    /// assert_eq!(ShortAbandons::at_most_secs(5.0)?, ShortAbandons::at_most(Duration::from_secs(5)));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn at_most_secs(secs: f64) -> Result<ShortAbandons, Error> {
        ShortAbandons::below_secs(secs).map(|rule| match rule {
            ShortAbandons::Below(t) => ShortAbandons::AtMost(t),
            other => other,
        })
    }

    /// Abandons strictly below `secs` seconds are short.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] when `secs` is negative, NaN, infinite or
    /// too large for a `Duration`.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{ErrorKind, ShortAbandons};
    ///
    /// assert_eq!(ShortAbandons::below_secs(5.0)?, ShortAbandons::Below(Duration::from_secs(5)));
    /// assert_eq!(ShortAbandons::below_secs(-1.0).unwrap_err().kind(), ErrorKind::InvalidParameter);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn below_secs(secs: f64) -> Result<ShortAbandons, Error> {
        match crate::try_seconds(secs) {
            Ok(threshold) => Ok(ShortAbandons::Below(threshold)),
            Err(_) => Err(Error::invalid_parameter(
                "short-abandon threshold (s)",
                secs,
                crate::Domain::Seconds,
            )),
        }
    }

    /// Whether an abandon after `wait` is short under this rule.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::ShortAbandons;
    ///
    /// assert!(!ShortAbandons::None.is_short(Duration::ZERO));
    /// ```
    pub fn is_short(self, wait: Duration) -> bool {
        match self {
            ShortAbandons::None => false,
            ShortAbandons::Below(threshold) => wait < threshold,
            ShortAbandons::AtMost(threshold) => wait <= threshold,
        }
    }
}

/// The abandonment accumulator: answered, abandoned and short-abandoned contacts.
///
/// # Formula
///
/// ```text
/// abandonment = (abandoned − short abandoned) × 100 / (offered − short abandoned)    in [0, 100]
/// offered     = answered + abandoned      (short abandons are among the abandoned)
/// ```
///
/// Variants: with no short-abandon threshold, `short abandoned = 0` and the
/// rate is abandoned / offered. Excluding short abandons (callers who hang up
/// within a few seconds) from both sides is the usual contact-centre
/// convention (ICMI); [`abandonment_including_short`](Self::abandonment_including_short)
/// gives the plain rate from the same tally. Which calls are offered (all
/// callers, or only those that reached the queue) is the caller's choice of
/// input.
///
/// # Example
///
/// ```
/// use cxkpi::AbandonmentTally;
///
/// let tally = AbandonmentTally::from_counts(200, 14, 4)?;
/// assert_eq!(tally.abandonment_including_short()?.percent(), 7.0);
/// assert_eq!(tally.abandonment()?.to_string(), "5.1% (n = 196)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: from abandon waits
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{AbandonmentTally, ShortAbandons};
///
/// let waits = [2, 5, 30].map(Duration::from_secs);
/// let rule = ShortAbandons::Below(Duration::from_secs(5));
/// let tally = AbandonmentTally::from_abandon_waits(rule, 8, &waits)?;
/// assert_eq!(tally.abandonment()?.percent(), 20.0); // 2 of 10 once the 2 s abandon is left out
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty and inconsistent
///
/// ```
/// use cxkpi::{AbandonmentTally, ErrorKind};
///
/// assert_eq!(AbandonmentTally::new().abandonment().unwrap_err().kind(), ErrorKind::Empty);
/// let err = AbandonmentTally::from_counts(3, 4, 0).unwrap_err();
/// assert_eq!(err.to_string(), "abandoned (4) exceeds offered (3)");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AbandonmentTally {
    // Invariants: short <= abandoned; answered + abandoned fits u64.
    answered: u64,
    abandoned: u64,
    short: u64,
    fault: Fault,
}

impl AbandonmentTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// assert!(cxkpi::AbandonmentTally::new().is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> AbandonmentTally {
        AbandonmentTally::default()
    }

    /// The tally of `answered` contacts and the waits of the abandoned ones, in one pass.
    ///
    /// # Errors
    ///
    /// [`Error::overflow`] when the offered contacts exceed `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{AbandonmentTally, ShortAbandons};
    ///
    /// let waits = [Duration::from_secs(2), Duration::from_secs(40)];
    /// let tally = AbandonmentTally::from_abandon_waits(ShortAbandons::below_secs(5.0)?, 98, &waits)?;
    /// assert_eq!((tally.offered()?, tally.short_abandoned()?), (100, 1));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_abandon_waits(
        rule: ShortAbandons,
        answered: u64,
        abandon_waits: &[Duration],
    ) -> Result<AbandonmentTally, Error> {
        let short = abandon_waits
            .iter()
            .map(|&w| u64::from(rule.is_short(w)))
            .sum();
        let abandoned = abandon_waits.len() as u64;
        add_u64(answered, abandoned, "offered contacts")?;
        Ok(AbandonmentTally {
            answered,
            abandoned,
            short,
            fault: Fault::default(),
        })
    }

    /// The tally of known counts; `short_abandoned` is 0 without a threshold.
    ///
    /// # Errors
    ///
    /// [`Error::inconsistent`] when `abandoned > offered` or
    /// `short_abandoned > abandoned`.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::AbandonmentTally::from_counts(200, 14, 4)?;
    /// assert_eq!((tally.answered()?, tally.abandoned()?), (186, 14));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(
        offered: u64,
        abandoned: u64,
        short_abandoned: u64,
    ) -> Result<AbandonmentTally, Error> {
        check_part("abandoned", abandoned, "offered", offered)?;
        check_part("short abandoned", short_abandoned, "abandoned", abandoned)?;
        Ok(AbandonmentTally {
            answered: offered - abandoned,
            abandoned,
            short: short_abandoned,
            fault: Fault::default(),
        })
    }

    /// Offered contacts: answered and abandoned, short abandons included.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AbandonmentTally::from_counts(200, 14, 4)?.offered()?, 200);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn offered(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.answered + self.abandoned)
    }

    /// Answered contacts.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AbandonmentTally::from_counts(200, 14, 4)?.answered()?, 186);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn answered(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.answered)
    }

    /// Abandoned contacts, short abandons included.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AbandonmentTally::from_counts(200, 14, 4)?.abandoned()?, 14);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn abandoned(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.abandoned)
    }

    /// Short abandons.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AbandonmentTally::from_counts(200, 14, 4)?.short_abandoned()?, 4);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn short_abandoned(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.short)
    }

    /// The abandonment rate, short abandons left out of both sides.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when no contact other than a short abandon was
    /// offered; the tally's fault if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// // 10 of 196: the 4 short abandons are left out of both sides.
    /// let rate = cxkpi::AbandonmentTally::from_counts(200, 14, 4)?.abandonment()?;
    /// assert_eq!((rate.part(), rate.whole()), (10, 196));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn abandonment(&self) -> Result<Rate, Error> {
        self.fault.check()?;
        Rate::of_tally(
            self.abandoned - self.short,
            self.observations() - self.short,
            "abandonment rate",
            "no offered contacts beyond short abandons",
        )
    }

    /// The abandonment rate with every abandon counted: abandoned / offered.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when no contact was offered; the tally's fault if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// let rate = cxkpi::AbandonmentTally::from_counts(200, 14, 4)?.abandonment_including_short()?;
    /// assert_eq!(rate.percent(), 7.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn abandonment_including_short(&self) -> Result<Rate, Error> {
        self.fault.check()?;
        Rate::of_tally(
            self.abandoned,
            self.observations(),
            "abandonment rate",
            "no offered contacts",
        )
    }

    fn offered_u128(&self) -> u128 {
        u128::from(self.answered) + u128::from(self.abandoned)
    }

    fn merge_counts(&mut self, other: &AbandonmentTally) -> Result<(), Error> {
        let answered = add_u64(self.answered, other.answered, "offered contacts")?;
        let abandoned = add_u64(self.abandoned, other.abandoned, "offered contacts")?;
        add_u64(answered, abandoned, "offered contacts")?;
        self.answered = answered;
        self.abandoned = abandoned;
        self.short += other.short;
        Ok(())
    }

    fn add_one(&mut self, outcome: Outcome) -> Result<(), Error> {
        if self.offered_u128() >= u128::from(u64::MAX) {
            return Err(Error::overflow("offered contacts", "u64"));
        }
        match outcome {
            Outcome::Answered => self.answered += 1,
            Outcome::Abandoned => self.abandoned += 1,
            Outcome::ShortAbandoned => {
                self.abandoned += 1;
                self.short += 1;
            }
        }
        Ok(())
    }

    /// Offered contacts: answered and abandoned (their sum fits, by the invariant).
    const fn observations(&self) -> u64 {
        self.answered + self.abandoned
    }

    const fn to_state(&self) -> AbandonmentState {
        AbandonmentState {
            offered: self.observations(),
            abandoned: self.abandoned,
            short_abandoned: self.short,
        }
    }

    fn check_state(state: AbandonmentState) -> Result<AbandonmentTally, Error> {
        AbandonmentTally::from_counts(state.offered, state.abandoned, state.short_abandoned)
    }
}

tally!(AbandonmentTally, Outcome, AbandonmentState, default);

/// The state of an [`AbandonmentTally`]: offered, abandoned and
/// short-abandoned contacts.
///
/// Wire format: `{"offered": "200", "abandoned": "14", "short_abandoned": "4"}`
/// (decimal strings; a JSON number is accepted too). Valid when
/// `short_abandoned ≤ abandoned ≤ offered`.
///
/// # Example
///
/// ```
/// use cxkpi::{AbandonmentState, AbandonmentTally, Tally};
///
/// let state = AbandonmentState { offered: 200, abandoned: 14, short_abandoned: 4 };
/// assert_eq!(AbandonmentTally::from_state(state)?.abandonment_including_short()?.percent(), 7.0);
/// let tampered = AbandonmentState { short_abandoned: 15, ..state };
/// assert_eq!(
///     AbandonmentTally::from_state(tampered).unwrap_err().to_string(),
///     "short abandoned (15) exceeds abandoned (14)"
/// );
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AbandonmentState {
    /// Contacts offered: answered and abandoned.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub offered: u64,
    /// Contacts abandoned, short abandons included.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub abandoned: u64,
    /// Abandons below the short-abandon threshold.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub short_abandoned: u64,
}

//! Deadlines met or missed: first response, every reply and resolution
//! within a target that comes with each observation, so that one tally (or
//! one [`Breakdown`](crate::Breakdown)) holds every priority's SLA.

use core::time::Duration;

use crate::tally::{Fault, add_u64, tally};
use crate::{Domain, Error, Rate, Tally};

/// What a deadline is about.
///
/// # Example
///
/// ```
/// use cxkpi::DeadlineKind;
///
/// assert_eq!(DeadlineKind::FirstResponse.as_str(), "first_response");
/// assert_eq!(DeadlineKind::from_name("next_reply"), Some(DeadlineKind::NextReply));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DeadlineKind {
    /// From the request's arrival to the first agent reply ("first reply
    /// time", "time to first response").
    FirstResponse,
    /// From each customer message to the agent reply that follows it ("next
    /// reply time"): one observation per reply.
    NextReply,
    /// From the request's arrival to its resolution.
    Resolution,
}

impl DeadlineKind {
    /// Every kind, in the order of their codes (0, 1, 2).
    pub const ALL: [DeadlineKind; 3] = [
        DeadlineKind::FirstResponse,
        DeadlineKind::NextReply,
        DeadlineKind::Resolution,
    ];

    /// The kind's name: `first_response`, `next_reply`, `resolution`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::DeadlineKind::Resolution.as_str(), "resolution");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::FirstResponse => "first_response",
            DeadlineKind::NextReply => "next_reply",
            DeadlineKind::Resolution => "resolution",
        }
    }

    /// The kind named `name`, as [`as_str`](Self::as_str) writes it.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::DeadlineKind::from_name("first response"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<DeadlineKind> {
        DeadlineKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The kind's code, its index in [`ALL`](Self::ALL).
    const fn code(self) -> u8 {
        match self {
            DeadlineKind::FirstResponse => 0,
            DeadlineKind::NextReply => 1,
            DeadlineKind::Resolution => 2,
        }
    }
}

/// How late a missed deadline was, relative to its target.
///
/// # Formula
///
/// ```text
/// lateness = (elapsed − target) / target        for elapsed > target
/// UpTo10Percent    0   < lateness ≤ 0.1         (elapsed ≤ 1.1 × target)
/// UpTo50Percent    0.1 < lateness ≤ 0.5         (elapsed ≤ 1.5 × target)
/// UpTo100Percent   0.5 < lateness ≤ 1           (elapsed ≤ 2 × target)
/// Over100Percent         lateness > 1           (more than twice the target)
/// ```
///
/// The comparisons are exact, on nanoseconds: 66 minutes against a 1-hour
/// target is 10 % late, in the first bucket.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{Deadline, Lateness};
///
/// let hour = Duration::from_secs(3600);
/// let late = Deadline::new(hour, Duration::from_secs(66 * 60))?;
/// assert_eq!(late.lateness(), Some(Lateness::UpTo10Percent));
/// assert_eq!(Deadline::new(hour, 3 * hour)?.lateness(), Some(Lateness::Over100Percent));
/// assert_eq!(Deadline::new(hour, hour)?.lateness(), None); // at the deadline is met
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lateness {
    /// Up to 10 % over the target.
    UpTo10Percent,
    /// More than 10 %, up to 50 % over the target.
    UpTo50Percent,
    /// More than 50 %, up to 100 % over the target (twice the target).
    UpTo100Percent,
    /// More than twice the target.
    Over100Percent,
}

impl Lateness {
    /// Every bucket, least late first.
    pub const ALL: [Lateness; 4] = [
        Lateness::UpTo10Percent,
        Lateness::UpTo50Percent,
        Lateness::UpTo100Percent,
        Lateness::Over100Percent,
    ];

    /// The bucket of `elapsed` against `target`, `None` when met.
    fn of(target: Duration, elapsed: Duration) -> Option<Lateness> {
        let late = elapsed.checked_sub(target).filter(|d| !d.is_zero())?;
        // Nanoseconds of a Duration fit u128 with room for × 10.
        let (late, target) = (late.as_nanos(), target.as_nanos());
        Some(if late * 10 <= target {
            Lateness::UpTo10Percent
        } else if late * 2 <= target {
            Lateness::UpTo50Percent
        } else if late <= target {
            Lateness::UpTo100Percent
        } else {
            Lateness::Over100Percent
        })
    }

    const fn index(self) -> usize {
        match self {
            Lateness::UpTo10Percent => 0,
            Lateness::UpTo50Percent => 1,
            Lateness::UpTo100Percent => 2,
            Lateness::Over100Percent => 3,
        }
    }
}

/// One deadline: its target and the time taken, on whichever clock the
/// caller measures (calendar or business time, see
/// [`between`](Deadline::between)).
///
/// A deadline is *done* when the reply or resolution happened, or *open*
/// when it has not happened yet at the report instant: an open deadline
/// whose target has already passed is missed (an active breach, its lateness
/// so far), one still within its target is pending and counts in neither
/// the met nor the missed.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::Deadline;
///
/// let four_hours = Duration::from_secs(4 * 3600);
/// let answered = Deadline::new(four_hours, Duration::from_secs(3 * 3600))?;
/// assert!(answered.is_met());
/// let waiting = Deadline::open(four_hours, Duration::from_secs(5 * 3600))?;
/// assert!(!waiting.is_met() && waiting.is_open());
/// assert!(Deadline::new(Duration::ZERO, four_hours).is_err()); // a target of 0 s
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Deadline {
    target: Duration,
    elapsed: Duration,
    open: bool,
}

impl Deadline {
    /// A deadline that was met or missed: the reply (or resolution) came
    /// after `elapsed`, against `target`. Exactly at the target is met.
    ///
    /// # Errors
    ///
    /// An `out_of_range` error when `target` is 0.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let d = cxkpi::Deadline::new(Duration::from_secs(60), Duration::from_secs(61))?;
    /// assert!(!d.is_met());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(target: Duration, elapsed: Duration) -> Result<Deadline, Error> {
        Deadline::checked(target, elapsed, false)
    }

    /// A deadline not yet reached: no reply (or resolution) after
    /// `elapsed_so_far`, the time from the start to the report instant.
    ///
    /// # Errors
    ///
    /// An `out_of_range` error when `target` is 0.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let d = cxkpi::Deadline::open(Duration::from_secs(60), Duration::from_secs(30))?;
    /// assert!(d.is_met()); // not missed yet
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn open(target: Duration, elapsed_so_far: Duration) -> Result<Deadline, Error> {
        Deadline::checked(target, elapsed_so_far, true)
    }

    fn checked(target: Duration, elapsed: Duration, open: bool) -> Result<Deadline, Error> {
        if target.is_zero() {
            return Err(Error::out_of_range(
                "deadline target (s)",
                0_u64,
                Domain::Positive,
            ));
        }
        Ok(Deadline {
            target,
            elapsed,
            open,
        })
    }

    /// The target.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let d = cxkpi::Deadline::new(Duration::from_secs(60), Duration::from_secs(5))?;
    /// assert_eq!(d.target().as_secs(), 60);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn target(&self) -> Duration {
        self.target
    }

    /// The time taken, or taken so far when open.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let d = cxkpi::Deadline::new(Duration::from_secs(60), Duration::from_secs(5))?;
    /// assert_eq!(d.elapsed().as_secs(), 5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// Whether the reply or resolution has not happened yet.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// assert!(cxkpi::Deadline::open(Duration::from_secs(60), Duration::ZERO)?.is_open());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn is_open(&self) -> bool {
        self.open
    }

    /// Whether the time taken is within the target (for an open deadline:
    /// not missed yet).
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// assert!(cxkpi::Deadline::new(Duration::from_secs(60), Duration::from_secs(60))?.is_met());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn is_met(&self) -> bool {
        self.elapsed <= self.target
    }

    /// How late a missed deadline is (so far, when open); `None` when met.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{Deadline, Lateness};
    ///
    /// let d = Deadline::new(Duration::from_secs(100), Duration::from_secs(140))?;
    /// assert_eq!(d.lateness(), Some(Lateness::UpTo50Percent));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn lateness(&self) -> Option<Lateness> {
        Lateness::of(self.target, self.elapsed)
    }
}

#[cfg(feature = "chrono")]
impl Deadline {
    /// The deadline of an interval that ended: from `start` (the request's
    /// arrival, or the customer message replied to) to `end` (the reply or
    /// the resolution), on `clock`.
    ///
    /// # Errors
    ///
    /// An `out_of_range` error when `target` is 0 or `end` is before `start`.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use chrono::{TimeZone, Utc};
    /// use cxkpi::Deadline;
    /// use cxkpi::time::{BusinessCalendar, Clock, WeeklySchedule};
    ///
    /// let office = BusinessCalendar::new(WeeklySchedule::office(9, 18)?, Utc);
    /// // Friday 17:30 to Monday 09:15: 45 business minutes, 63¾ calendar hours.
    /// let opened = Utc.with_ymd_and_hms(2024, 3, 15, 17, 30, 0).unwrap();
    /// let replied = Utc.with_ymd_and_hms(2024, 3, 18, 9, 15, 0).unwrap();
    /// let hour = Duration::from_secs(3600);
    /// assert!(Deadline::between(&Clock::Business(&office), hour, &opened, &replied)?.is_met());
    /// assert!(!Deadline::between(&Clock::<Utc>::Calendar, hour, &opened, &replied)?.is_met());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn between<Tz: chrono::TimeZone, A: chrono::TimeZone, B: chrono::TimeZone>(
        clock: &crate::time::Clock<'_, Tz>,
        target: Duration,
        start: &chrono::DateTime<A>,
        end: &chrono::DateTime<B>,
    ) -> Result<Deadline, Error> {
        Deadline::new(target, clock.between(start, end)?)
    }

    /// The deadline of an interval still running at `now`: from `start`,
    /// no reply or resolution yet.
    ///
    /// # Errors
    ///
    /// An `out_of_range` error when `target` is 0 or `now` is before `start`.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use chrono::{TimeZone, Utc};
    /// use cxkpi::Deadline;
    /// use cxkpi::time::Clock;
    ///
    /// let opened = Utc.with_ymd_and_hms(2024, 3, 18, 9, 0, 0).unwrap();
    /// let now = Utc.with_ymd_and_hms(2024, 3, 18, 11, 0, 0).unwrap();
    /// let d = Deadline::open_at(&Clock::<Utc>::Calendar, Duration::from_secs(3600), &opened, &now)?;
    /// assert!(d.is_open() && !d.is_met());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn open_at<Tz: chrono::TimeZone, A: chrono::TimeZone, B: chrono::TimeZone>(
        clock: &crate::time::Clock<'_, Tz>,
        target: Duration,
        start: &chrono::DateTime<A>,
        now: &chrono::DateTime<B>,
    ) -> Result<Deadline, Error> {
        Deadline::open(target, clock.between(start, now)?)
    }
}

/// The deadline accumulator: deadlines met, missed (by how late) and
/// pending, of one [`DeadlineKind`].
///
/// Each observation carries its own target, so tickets of every priority,
/// each with its SLA (1 hour for urgent, 24 hours for low), go into one
/// tally, and a [`Breakdown`](crate::Breakdown) by priority, channel, agent
/// or team adds up to the whole. Tallies of different kinds refuse to merge.
///
/// # Formula
///
/// ```text
/// met       = #{ done or open : elapsed ≤ target }   (open ones are pending, not met)
/// missed    = #{ elapsed > target }                  (open ones: active breaches)
/// share met = met / (met + missed)                   in [0, 100] %
/// breaches by lateness (elapsed − target) / target: ≤ 10 %, ≤ 50 %, ≤ 100 %, > 100 %
/// ```
///
/// Pending deadlines (open and still within target) have no outcome yet and
/// are left out of the share, as Zendesk's and Chatwoot's SLA reports do;
/// open ones past their target are breaches already. The share is a
/// [`Rate`], so its confidence interval is [`Rate::interval`].
///
/// Variants: the kind (first response, every reply, resolution); the clock
/// (calendar or business time, [`Deadline::between`]); the targets, per
/// observation. Sources: "% SLAs met" for first response, next reply and
/// resolution (Chatwoot); our source documents: "68 % of web forms and
/// e-mails answered within 24 hours", "37 % answer an e-mail within an
/// hour".
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::stats::{Confidence, RateMethod};
/// use cxkpi::{Breakdown, Deadline, DeadlineKind, DeadlineTally, Lateness, Tally};
///
/// let h = |n: u64| Duration::from_secs(n * 3600);
/// let target = |priority| if priority == "urgent" { h(1) } else { h(24) };
/// let mut by_priority = Breakdown::new(DeadlineTally::new(DeadlineKind::FirstResponse));
/// for (priority, hours) in [("urgent", 1), ("urgent", 3), ("low", 20), ("low", 30)] {
///     by_priority.record(priority, Deadline::new(target(priority), h(hours))?);
/// }
/// let all = by_priority.total()?;
/// assert_eq!(all.share_met()?.to_string(), "50.0% (n = 4)");
/// assert_eq!(all.missed_by(Lateness::Over100Percent)?, 1); // 3 h against 1 h
/// assert_eq!(all.missed_by(Lateness::UpTo50Percent)?, 1); // 30 h against 24 h
/// let ci = all.share_met()?.interval(Confidence::NINETY_FIVE, RateMethod::Wilson);
/// assert!(ci.low() < 50.0 && 50.0 < ci.high());
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: nothing decided yet
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{Deadline, DeadlineKind, DeadlineTally, ErrorKind, Tally};
///
/// let mut t = DeadlineTally::new(DeadlineKind::Resolution);
/// t.try_record(Deadline::open(Duration::from_secs(60), Duration::from_secs(10))?)?;
/// assert_eq!((t.len()?, t.pending()?), (1, 1));
/// assert_eq!(t.share_met().unwrap_err().kind(), ErrorKind::Empty);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DeadlineTally {
    kind: DeadlineKind,
    met: u64,
    missed: u64,
    missed_open: u64,
    pending: u64,
    /// Missed deadlines per [`Lateness`] bucket; they sum to `missed`.
    late: [u64; 4],
    fault: Fault,
}

/// The state of a [`DeadlineTally`]: plain counts.
///
/// Invariants, checked by [`DeadlineTally::from_state`]: the four lateness
/// counts sum to `missed`; `missed_open ≤ missed`; `met + missed + pending`
/// fits a `u64`.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{Deadline, DeadlineKind, DeadlineTally, Tally};
///
/// let mut t = DeadlineTally::new(DeadlineKind::NextReply);
/// t.try_record(Deadline::new(Duration::from_secs(60), Duration::from_secs(65))?)?;
/// let state = t.state()?;
/// assert_eq!((state.met, state.missed, state.late_up_to_10_percent), (0, 1, 1));
/// assert_eq!(DeadlineTally::from_state(state)?, t);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct DeadlineState {
    /// What the deadlines are about.
    pub kind: DeadlineKind,
    /// Deadlines met: done within their target.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub met: u64,
    /// Deadlines missed, done late or open past their target.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub missed: u64,
    /// Of the missed, those still open (active breaches).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub missed_open: u64,
    /// Open deadlines still within their target.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub pending: u64,
    /// Missed by up to 10 % of the target.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub late_up_to_10_percent: u64,
    /// Missed by more than 10 %, up to 50 %.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub late_up_to_50_percent: u64,
    /// Missed by more than 50 %, up to 100 %.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub late_up_to_100_percent: u64,
    /// Missed by more than 100 % (over twice the target).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub late_over_100_percent: u64,
}

impl DeadlineState {
    /// The empty state of `kind`, to fill field by field (the struct is
    /// `#[non_exhaustive]`).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DeadlineKind, DeadlineState, DeadlineTally, Tally};
    ///
    /// let mut state = DeadlineState::new(DeadlineKind::FirstResponse);
    /// state.met = 3;
    /// assert_eq!(DeadlineTally::from_state(state)?.met()?, 3);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn new(kind: DeadlineKind) -> DeadlineState {
        DeadlineState {
            kind,
            met: 0,
            missed: 0,
            missed_open: 0,
            pending: 0,
            late_up_to_10_percent: 0,
            late_up_to_50_percent: 0,
            late_up_to_100_percent: 0,
            late_over_100_percent: 0,
        }
    }
}

impl DeadlineTally {
    /// The empty tally of deadlines of `kind`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DeadlineKind, DeadlineTally, Tally};
    ///
    /// assert_eq!(DeadlineTally::new(DeadlineKind::FirstResponse).len()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(kind: DeadlineKind) -> DeadlineTally {
        DeadlineTally {
            kind,
            met: 0,
            missed: 0,
            missed_open: 0,
            pending: 0,
            late: [0; 4],
            fault: Fault::default(),
        }
    }

    /// The tally of the `deadlines` of `kind`.
    ///
    /// # Errors
    ///
    /// An `overflow` error beyond `u64::MAX` deadlines.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{Deadline, DeadlineKind, DeadlineTally};
    ///
    /// let s = Duration::from_secs;
    /// let t = DeadlineTally::from_deadlines(
    ///     DeadlineKind::Resolution,
    ///     &[Deadline::new(s(10), s(5))?, Deadline::new(s(10), s(50))?],
    /// )?;
    /// assert_eq!(t.share_met()?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_deadlines(
        kind: DeadlineKind,
        deadlines: &[Deadline],
    ) -> Result<DeadlineTally, Error> {
        let mut tally = DeadlineTally::new(kind);
        for &d in deadlines {
            tally.try_record(d)?;
        }
        Ok(tally)
    }

    /// What the deadlines are about.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DeadlineKind, DeadlineTally};
    ///
    /// assert_eq!(DeadlineTally::new(DeadlineKind::NextReply).kind(), DeadlineKind::NextReply);
    /// ```
    pub const fn kind(&self) -> DeadlineKind {
        self.kind
    }

    /// Deadlines met.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DeadlineKind, DeadlineTally};
    ///
    /// assert_eq!(DeadlineTally::new(DeadlineKind::NextReply).met()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn met(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.met)
    }

    /// Deadlines missed, done late or open past their target.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DeadlineKind, DeadlineTally};
    ///
    /// assert_eq!(DeadlineTally::new(DeadlineKind::NextReply).missed()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn missed(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.missed)
    }

    /// Missed deadlines still open: active breaches.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{Deadline, DeadlineKind, DeadlineTally, Tally};
    ///
    /// let mut t = DeadlineTally::new(DeadlineKind::FirstResponse);
    /// t.try_record(Deadline::open(Duration::from_secs(60), Duration::from_secs(90))?)?;
    /// assert_eq!((t.missed()?, t.missed_open()?), (1, 1));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn missed_open(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.missed_open)
    }

    /// Open deadlines still within their target: no outcome yet.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DeadlineKind, DeadlineTally};
    ///
    /// assert_eq!(DeadlineTally::new(DeadlineKind::NextReply).pending()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn pending(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.pending)
    }

    /// Missed deadlines in one lateness bucket.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DeadlineKind, DeadlineTally, Lateness};
    ///
    /// assert_eq!(DeadlineTally::new(DeadlineKind::NextReply).missed_by(Lateness::UpTo10Percent)?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn missed_by(&self, lateness: Lateness) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.late[lateness.index()])
    }

    /// The share of decided deadlines that were met: met / (met + missed).
    ///
    /// # Errors
    ///
    /// An `empty` error when no deadline is met or missed yet, or the
    /// tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{DeadlineKind, DeadlineState, DeadlineTally, Tally};
    ///
    /// let mut s = DeadlineState::new(DeadlineKind::FirstResponse);
    /// (s.met, s.missed, s.late_up_to_50_percent) = (37, 63, 63);
    /// assert_eq!(DeadlineTally::from_state(s)?.share_met()?.to_string(), "37.0% (n = 100)");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn share_met(&self) -> Result<Rate, Error> {
        self.fault.check()?;
        // met + missed ≤ len, which fits.
        Rate::of_tally(
            self.met,
            self.met + self.missed,
            "share of deadlines met",
            "no deadline met or missed",
        )
    }

    /// The share of decided deadlines that were missed: the breach rate,
    /// 100 % − [`share_met`](Self::share_met).
    ///
    /// # Errors
    ///
    /// As [`share_met`](Self::share_met).
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{Deadline, DeadlineKind, DeadlineTally};
    ///
    /// let s = Duration::from_secs;
    /// let t = DeadlineTally::from_deadlines(DeadlineKind::Resolution, &[Deadline::new(s(9), s(10))?])?;
    /// assert_eq!(t.breach_rate()?.percent(), 100.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn breach_rate(&self) -> Result<Rate, Error> {
        Ok(self.share_met()?.complement())
    }

    /// `met + missed + pending`, checked.
    fn total(&self) -> Result<u64, Error> {
        add_u64(self.met, self.missed, "deadlines")
            .and_then(|n| add_u64(n, self.pending, "deadlines"))
    }

    fn merge_counts(&mut self, other: &DeadlineTally) -> Result<(), Error> {
        if self.kind != other.kind {
            return Err(Error::mismatch(
                "deadline kinds (0 first response, 1 next reply, 2 resolution)",
                self.kind.code(),
                other.kind.code(),
            ));
        }
        // Every count is at most its tally's total: the totals' sum fitting
        // means every sum fits.
        add_u64(self.total()?, other.total()?, "deadlines")?;
        self.met += other.met;
        self.missed += other.missed;
        self.missed_open += other.missed_open;
        self.pending += other.pending;
        for (a, b) in self.late.iter_mut().zip(other.late) {
            *a += b;
        }
        Ok(())
    }

    fn add_one(&mut self, deadline: Deadline) -> Result<(), Error> {
        add_u64(self.total()?, 1, "deadlines")?;
        // The total fits with one more, so every count does.
        match deadline.lateness() {
            None if deadline.open => self.pending += 1,
            None => self.met += 1,
            Some(lateness) => {
                self.missed += 1;
                self.missed_open += u64::from(deadline.open);
                self.late[lateness.index()] += 1;
            }
        }
        Ok(())
    }

    /// `met + missed + pending`: every way in (recording, merging, a
    /// checked state) keeps it within a `u64`.
    const fn observations(&self) -> u64 {
        self.met + self.missed + self.pending
    }

    const fn to_state(&self) -> DeadlineState {
        let [a, b, c, d] = self.late;
        DeadlineState {
            kind: self.kind,
            met: self.met,
            missed: self.missed,
            missed_open: self.missed_open,
            pending: self.pending,
            late_up_to_10_percent: a,
            late_up_to_50_percent: b,
            late_up_to_100_percent: c,
            late_over_100_percent: d,
        }
    }

    fn check_state(s: DeadlineState) -> Result<DeadlineTally, Error> {
        let late = [
            s.late_up_to_10_percent,
            s.late_up_to_50_percent,
            s.late_up_to_100_percent,
            s.late_over_100_percent,
        ];
        let mut sum = 0_u64;
        for n in late {
            sum = add_u64(sum, n, "late_up_to_10_percent + … + late_over_100_percent")?;
        }
        let lates = "late_up_to_10_percent + … + late_over_100_percent";
        if sum > s.missed {
            return Err(Error::inconsistent(lates, sum, "missed", s.missed));
        }
        if sum < s.missed {
            return Err(Error::inconsistent("missed", s.missed, lates, sum));
        }
        if s.missed_open > s.missed {
            return Err(Error::inconsistent(
                "missed_open",
                s.missed_open,
                "missed",
                s.missed,
            ));
        }
        let tally = DeadlineTally {
            kind: s.kind,
            met: s.met,
            missed: s.missed,
            missed_open: s.missed_open,
            pending: s.pending,
            late,
            fault: Fault::default(),
        };
        tally
            .total()
            .map_err(|_| Error::overflow("met + missed + pending", "u64"))?;
        Ok(tally)
    }
}

tally!(DeadlineTally, Deadline, DeadlineState);

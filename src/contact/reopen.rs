//! Reopen rate: resolved tickets that came back, each counted once however
//! often it reopened, next to the number of reopenings.

use crate::tally::{Fault, add_u64, tally};
use crate::{Error, Rate, Tally};

/// How many times one resolved ticket was reopened (0: it stayed resolved).
///
/// # Example
///
/// ```
/// use cxkpi::Reopens;
///
/// assert_eq!(Reopens::new(2).get(), 2);
/// assert!(!Reopens::NONE.reopened());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Reopens(u32);

impl Reopens {
    /// A resolved ticket that was never reopened.
    pub const NONE: Reopens = Reopens(0);

    /// A resolved ticket reopened `times` times.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::Reopens::new(1).reopened());
    /// ```
    pub const fn new(times: u32) -> Reopens {
        Reopens(times)
    }

    /// The number of reopenings.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Reopens::new(3).get(), 3);
    /// ```
    pub const fn get(self) -> u32 {
        self.0
    }

    /// Whether the ticket was reopened at least once.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!cxkpi::Reopens::new(0).reopened());
    /// ```
    pub const fn reopened(self) -> bool {
        self.0 > 0
    }
}

/// A change of a ticket's status that matters for reopens.
///
/// # Example
///
/// ```
/// use cxkpi::TicketEvent;
///
/// assert_ne!(TicketEvent::Resolved, TicketEvent::Reopened);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TicketEvent {
    /// The ticket was resolved (or closed, or solved).
    Resolved,
    /// The ticket was reopened after a resolution: by the customer's reply,
    /// or by an agent.
    Reopened,
}

#[cfg(feature = "chrono")]
impl Reopens {
    /// The reopenings of one ticket from its history: each `Reopened` that
    /// follows a `Resolved` within `window` of that resolution (any time
    /// after it with `None`); `None` for a ticket never resolved, which is
    /// not part of the reopen rate. A ticket resolved, reopened and resolved
    /// again starts a new window at each resolution.
    ///
    /// # Errors
    ///
    /// An `out_of_range` error when the events are not in time order, an
    /// `inconsistent` error for a reopening before any resolution.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use chrono::{TimeZone, Utc};
    /// use cxkpi::{Reopens, TicketEvent::{Reopened, Resolved}};
    ///
    /// let day = |d| Utc.with_ymd_and_hms(2024, 3, d, 12, 0, 0).unwrap();
    /// let history = [(day(1), Resolved), (day(3), Reopened), (day(4), Resolved), (day(20), Reopened)];
    /// let week = Duration::from_secs(7 * 86_400);
    /// assert_eq!(Reopens::from_events(Some(week), &history)?, Some(Reopens::new(1)));
    /// assert_eq!(Reopens::from_events(None, &history)?, Some(Reopens::new(2)));
    /// assert_eq!(Reopens::from_events::<Utc>(None, &[])?, None);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_events<Tz: chrono::TimeZone>(
        window: Option<core::time::Duration>,
        events: &[(chrono::DateTime<Tz>, TicketEvent)],
    ) -> Result<Option<Reopens>, Error> {
        let mut last_resolved: Option<&chrono::DateTime<Tz>> = None;
        let mut previous: Option<&chrono::DateTime<Tz>> = None;
        let (mut resolutions, mut reopenings, mut counted) = (0_u64, 0_u64, 0_u32);
        for (at, event) in events {
            if let Some(p) = previous {
                crate::time::elapsed(p, at).map_err(|_| {
                    Error::out_of_range(
                        "ticket event time (seconds after the previous event)",
                        (at.clone() - p.clone()).num_seconds(),
                        crate::Domain::AtLeast(0),
                    )
                })?;
            }
            previous = Some(at);
            match event {
                TicketEvent::Resolved => {
                    resolutions += 1;
                    last_resolved = Some(at);
                }
                TicketEvent::Reopened => {
                    reopenings += 1;
                    let Some(resolved) = last_resolved.take() else {
                        return Err(Error::inconsistent(
                            "reopenings",
                            reopenings,
                            "resolutions before them",
                            resolutions,
                        ));
                    };
                    let within = window
                        .is_none_or(|w| crate::time::elapsed(resolved, at).is_ok_and(|d| d <= w));
                    if within {
                        counted = counted.saturating_add(1);
                    }
                }
            }
        }
        Ok((resolutions > 0).then_some(Reopens(counted)))
    }
}

/// The reopen accumulator: resolved tickets, those reopened, and the
/// reopenings.
///
/// # Formula
///
/// ```text
/// reopen rate             = tickets reopened at least once / tickets resolved   in [0, 100] %
/// reopenings per resolved = reopenings / tickets resolved                       ≥ 0
/// ```
///
/// A ticket counts once in the rate however often it reopens; the
/// reopenings count every event. Variants: any reopening, or only within N
/// days of the resolution ([`Reopens::from_events`]; Zendesk and Zammad
/// count any, some teams only within 7 days). Source: the reopen rate is
/// "one of the key metrics" of a helpdesk (frappe/helpdesk); one-touch FCR
/// ([`one_touch`](crate::one_touch)) counts a reopened
/// ticket as not resolved on first contact.
///
/// # Example
///
/// ```
/// use cxkpi::{ReopenTally, Reopens, Tally};
///
/// let tickets: ReopenTally = [0, 0, 3, 0, 1].into_iter().map(Reopens::new).collect();
/// assert_eq!(tickets.reopen_rate()?.to_string(), "40.0% (n = 5)");
/// assert_eq!(tickets.reopenings()?, 4);
/// assert_eq!(tickets.reopenings_per_resolved()?, 0.8);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty
///
/// ```
/// use cxkpi::{ErrorKind, ReopenTally};
///
/// assert_eq!(ReopenTally::new().reopen_rate().unwrap_err().kind(), ErrorKind::Empty);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReopenTally {
    resolved: u64,
    reopened: u64,
    reopenings: u64,
    fault: Fault,
}

/// The state of a [`ReopenTally`].
///
/// Invariants, checked by [`from_state`](crate::Tally::from_state): `reopened ≤
/// resolved`, `reopened ≤ reopenings`, and no reopenings without a
/// reopened ticket.
///
/// # Example
///
/// ```
/// use cxkpi::{ReopenState, ReopenTally, Tally};
///
/// let state = ReopenState { resolved: 10, reopened: 2, reopenings: 3 };
/// assert_eq!(ReopenTally::from_state(state)?.state()?, state);
/// assert!(ReopenTally::from_state(ReopenState { resolved: 10, reopened: 2, reopenings: 1 }).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ReopenState {
    /// Tickets resolved.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub resolved: u64,
    /// Of those, tickets reopened at least once.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub reopened: u64,
    /// Reopenings, every one counted.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub reopenings: u64,
}

impl ReopenTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{ReopenTally, Tally};
    ///
    /// assert!(ReopenTally::new().is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> ReopenTally {
        ReopenTally::default()
    }

    /// The tally of `resolved` tickets, `reopened` of them reopened,
    /// `reopenings` times in all.
    ///
    /// # Errors
    ///
    /// An `inconsistent` error when the counts contradict each other (see
    /// [`ReopenState`]).
    ///
    /// # Example
    ///
    /// ```
    /// let t = cxkpi::ReopenTally::from_counts(200, 14, 19)?;
    /// assert_eq!(t.reopen_rate()?.percent(), 7.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(
        resolved: u64,
        reopened: u64,
        reopenings: u64,
    ) -> Result<ReopenTally, Error> {
        ReopenTally::from_state(ReopenState {
            resolved,
            reopened,
            reopenings,
        })
    }

    /// Tickets resolved.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ReopenTally::from_counts(5, 1, 1)?.resolved()?, 5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn resolved(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.resolved)
    }

    /// Tickets reopened at least once.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ReopenTally::from_counts(5, 1, 4)?.reopened()?, 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn reopened(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.reopened)
    }

    /// Reopenings, every one counted.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ReopenTally::from_counts(5, 1, 4)?.reopenings()?, 4);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn reopenings(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.reopenings)
    }

    /// The share of resolved tickets reopened at least once.
    ///
    /// # Errors
    ///
    /// An `empty` error without resolved tickets, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ReopenTally::from_counts(8, 2, 5)?.reopen_rate()?.percent(), 25.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn reopen_rate(&self) -> Result<Rate, Error> {
        self.fault.check()?;
        Rate::of_tally(
            self.reopened,
            self.resolved,
            "reopen rate",
            "no resolved tickets",
        )
    }

    /// Reopenings per resolved ticket (the mean of [`Reopens`]).
    ///
    /// # Errors
    ///
    /// An `empty` error without resolved tickets, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::ReopenTally::from_counts(8, 2, 5)?.reopenings_per_resolved()?, 0.625);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn reopenings_per_resolved(&self) -> Result<f64, Error> {
        self.reopen_rate()?;
        Ok(self.reopenings as f64 / self.resolved as f64)
    }

    fn merge_counts(&mut self, other: &ReopenTally) -> Result<(), Error> {
        let resolved = add_u64(self.resolved, other.resolved, "resolved tickets")?;
        let reopenings = add_u64(self.reopenings, other.reopenings, "reopenings")?;
        self.resolved = resolved;
        self.reopenings = reopenings;
        // At most the resolved, whose sum fits.
        self.reopened += other.reopened;
        Ok(())
    }

    fn add_one(&mut self, reopens: Reopens) -> Result<(), Error> {
        let resolved = add_u64(self.resolved, 1, "resolved tickets")?;
        let reopenings = add_u64(self.reopenings, u64::from(reopens.0), "reopenings")?;
        self.resolved = resolved;
        self.reopenings = reopenings;
        self.reopened += u64::from(reopens.reopened());
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.resolved
    }

    const fn to_state(&self) -> ReopenState {
        ReopenState {
            resolved: self.resolved,
            reopened: self.reopened,
            reopenings: self.reopenings,
        }
    }

    fn check_state(s: ReopenState) -> Result<ReopenTally, Error> {
        if s.reopened > s.resolved {
            return Err(Error::inconsistent(
                "reopened", s.reopened, "resolved", s.resolved,
            ));
        }
        if s.reopened > s.reopenings {
            return Err(Error::inconsistent(
                "reopened",
                s.reopened,
                "reopenings",
                s.reopenings,
            ));
        }
        if s.reopened == 0 && s.reopenings > 0 {
            return Err(Error::inconsistent(
                "reopenings",
                s.reopenings,
                "reopened (reopenings need a reopened ticket)",
                0,
            ));
        }
        Ok(ReopenTally {
            resolved: s.resolved,
            reopened: s.reopened,
            reopenings: s.reopenings,
            fault: Fault::default(),
        })
    }
}

tally!(ReopenTally, Reopens, ReopenState, default);

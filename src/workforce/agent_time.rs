//! Time per agent status, and the occupancy and utilisation it gives.

use core::fmt;
use core::time::Duration;

use crate::tally::{Fault, add_u64, add_u128, tally};
use crate::{Error, Tally};

/// What an agent is doing, in the four states that occupancy and
/// utilisation need; every product's statuses map onto them.
///
/// | state | Genesys Cloud (routing status / presence) | Amazon Connect (agent status / contact state) | Chatwoot (availability) |
/// | --- | --- | --- | --- |
/// | `Handling` | routing `INTERACTING` | on a contact: `Busy` (connected, on hold) and `AfterContactWork` | — (no handling status: derive it from conversations) |
/// | `Available` | routing `IDLE`, `NOT_RESPONDING`, `COMMUNICATING` (on queue, not on an ACD interaction) | `Available` with no contact (idle); `Incoming`/`PendingBusy` ringing | `online` |
/// | `Away` | presence off queue: Available (off queue), Away, Break, Meal, Meeting, Training, Busy | custom non-routable statuses (Break, Lunch, Training…), `MissedCallAgent`, `Error` | `busy` |
/// | `LoggedOut` | presence `Offline` | `Offline` | `offline` |
///
/// Genesys reports occupancy as interacting over on-queue time, which is
/// `Handling / (Handling + Available)` under this mapping. Amazon Connect's
/// "Occupancy" counts after-contact work as on-contact time, as here.
/// Chatwoot records availability only, so it gives utilisation's
/// denominator but no handling time of its own.
///
/// # Example
///
/// ```
/// use cxkpi::AgentState;
///
/// assert!(AgentState::Away.is_logged_in());
/// assert!(!AgentState::Away.is_on_queue());
/// assert_eq!(AgentState::Handling.as_str(), "handling");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AgentState {
    /// On a contact: talking, on hold, or in after-contact work.
    Handling,
    /// Logged in and waiting for a contact (on queue, idle).
    Available,
    /// Logged in but not taking contacts: break, meeting, training, aux.
    Away,
    /// Not logged in.
    LoggedOut,
}

impl AgentState {
    /// Every state, in the order of the table.
    pub const ALL: [AgentState; 4] = [
        AgentState::Handling,
        AgentState::Available,
        AgentState::Away,
        AgentState::LoggedOut,
    ];

    /// `handling`, `available`, `away`, `logged_out`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AgentState::LoggedOut.as_str(), "logged_out");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            AgentState::Handling => "handling",
            AgentState::Available => "available",
            AgentState::Away => "away",
            AgentState::LoggedOut => "logged_out",
        }
    }

    /// Whether the agent is logged in (every state but `LoggedOut`).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::AgentState::Handling.is_logged_in());
    /// ```
    pub const fn is_logged_in(self) -> bool {
        !matches!(self, AgentState::LoggedOut)
    }

    /// Whether the agent takes contacts (`Handling` or `Available`).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::AgentState::Available.is_on_queue());
    /// ```
    pub const fn is_on_queue(self) -> bool {
        matches!(self, AgentState::Handling | AgentState::Available)
    }
}

impl fmt::Display for AgentState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stretch of time in one state: the observation of an [`AgentTime`].
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{AgentState, StateSpan};
///
/// let span = StateSpan::new(AgentState::Handling, Duration::from_secs(300));
/// assert_eq!(span.duration.as_secs(), 300);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StateSpan {
    /// The state.
    pub state: AgentState,
    /// How long the agent was in it.
    pub duration: Duration,
}

impl StateSpan {
    /// `duration` in `state`.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{AgentState, StateSpan};
    ///
    /// assert_eq!(StateSpan::new(AgentState::Away, Duration::ZERO).state, AgentState::Away);
    /// ```
    pub const fn new(state: AgentState, duration: Duration) -> StateSpan {
        StateSpan { state, duration }
    }
}

/// A share of time, `part / whole`, kept as the exact nanoseconds it came
/// from (the time counterpart of [`Rate`](crate::Rate)).
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{AgentState, AgentTime, StateSpan};
///
/// let t: AgentTime = [
///     StateSpan::new(AgentState::Handling, Duration::from_secs(45 * 60)),
///     StateSpan::new(AgentState::Available, Duration::from_secs(15 * 60)),
/// ].into_iter().collect();
/// let occupancy = t.occupancy()?;
/// assert_eq!(occupancy.percent(), 75.0);
/// assert_eq!(occupancy.to_string(), "75.0% of 1.00 h");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeShare {
    part_ns: u128,
    whole_ns: u128,
}

impl TimeShare {
    fn new(part_ns: u128, whole_ns: u128, metric: &'static str) -> Result<TimeShare, Error> {
        if whole_ns == 0 {
            return Err(Error::empty(metric, "no time in its denominator"));
        }
        Ok(TimeShare { part_ns, whole_ns })
    }

    /// The numerator, in nanoseconds.
    pub const fn part_ns(self) -> u128 {
        self.part_ns
    }

    /// The denominator, in nanoseconds (above 0).
    pub const fn whole_ns(self) -> u128 {
        self.whole_ns
    }

    /// `part / whole`, in [0, 1].
    pub fn ratio(self) -> f64 {
        // Both are finite in f64 (u128::MAX ≈ 3.4e38); part ≤ whole.
        (self.part_ns as f64 / self.whole_ns as f64).clamp(0.0, 1.0)
    }

    /// `part × 100 / whole`, in [0, 100].
    pub fn percent(self) -> f64 {
        // Exact quarters and tenths stay exact: one rounding of the quotient.
        match self.part_ns.checked_mul(100) {
            Some(p) => (p as f64 / self.whole_ns as f64).clamp(0.0, 100.0),
            None => self.ratio() * 100.0,
        }
    }
}

impl fmt::Display for TimeShare {
    /// `75.0% of 1.00 h` (precision applies to the percentage).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hours = self.whole_ns as f64 / 3.6e12;
        match f.precision() {
            Some(p) => write!(f, "{:.p$}% of {hours:.2} h", self.percent()),
            None => write!(f, "{:.1}% of {hours:.2} h", self.percent()),
        }
    }
}

/// Time per agent state, exact to the nanosecond: occupancy and
/// utilisation from what agents did, not from a queue model.
///
/// # Formula
///
/// ```text
/// occupancy   = handling / (handling + available)            in [0, 100] %
/// utilisation = handling / (handling + available + away)      in [0, 100] %   (logged-in time)
/// ```
///
/// Variants: occupancy is Genesys Cloud's "interacting / on queue" and
/// Amazon Connect's "Occupancy"; utilisation here is over logged-in time
/// (some tools divide by paid or scheduled time instead: record the
/// unpaid time as [`LoggedOut`](AgentState::LoggedOut) and it drops out).
/// Sources: ICMI's occupancy definition (time on contacts over time
/// available to take them); Genesys Cloud's agent performance view.
///
/// Group it per agent and per interval with a [`Breakdown`](crate::Breakdown)
/// keyed by `(agent, date, IntervalOfDay)`; with the `chrono` feature,
/// [`StatusInterval::pieces`](super::StatusInterval::pieces) splits status
/// intervals at the interval boundaries of a time zone, so the
/// per-interval tallies merge exactly into the day's.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::Tally;
/// use cxkpi::{AgentState, AgentTime, StateSpan};
///
/// let mut day = AgentTime::new();
/// day.try_record(StateSpan::new(AgentState::Handling, Duration::from_secs(5 * 3600)))?;
/// day.try_record(StateSpan::new(AgentState::Available, Duration::from_secs(3600 + 1800)))?;
/// day.try_record(StateSpan::new(AgentState::Away, Duration::from_secs(1800)))?;
/// assert_eq!(day.occupancy()?.percent(), 5.0 * 100.0 / 6.5);
/// assert_eq!(day.utilisation()?.percent(), 5.0 * 100.0 / 7.0);
/// assert_eq!(day.len()?, 3);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: no time on queue
///
/// ```
/// use cxkpi::{ErrorKind, AgentTime};
///
/// assert_eq!(AgentTime::new().occupancy().unwrap_err().kind(), ErrorKind::Empty);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgentTime {
    spans: u64,
    /// Nanoseconds per state, in the order of [`AgentState::ALL`].
    ns: [u128; 4],
    fault: Fault,
}

/// The state of an [`AgentTime`]: spans recorded and nanoseconds per state.
///
/// Serialized with every field a decimal string (the wire format):
/// `{"spans": "3", "handling_ns": "18000000000000", …}`.
///
/// # Example
///
/// ```
/// use cxkpi::Tally;
/// use cxkpi::{AgentTime, AgentTimeState};
///
/// let state = AgentTimeState { spans: 0, handling_ns: 5, available_ns: 0, away_ns: 0, logged_out_ns: 0 };
/// let err = AgentTime::from_state(state).unwrap_err();
/// assert_eq!(err.to_string(), "handling_ns + available_ns + away_ns + logged_out_ns (5) exceeds spans × the longest Duration (0)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AgentTimeState {
    /// Spans recorded.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub spans: u64,
    /// Nanoseconds handling contacts.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub handling_ns: u128,
    /// Nanoseconds available.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub available_ns: u128,
    /// Nanoseconds away (logged in, not on queue).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub away_ns: u128,
    /// Nanoseconds logged out.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub logged_out_ns: u128,
}

/// The nanoseconds of `Duration::MAX`.
const MAX_SPAN_NS: u128 = Duration::MAX.as_nanos();

impl AgentTime {
    /// No time yet.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// assert!(cxkpi::AgentTime::new().is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> AgentTime {
        AgentTime::default()
    }

    /// Records one span; a failure becomes the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{AgentState, AgentTime, StateSpan};
    ///
    /// let mut t = AgentTime::new();
    /// t.record(StateSpan::new(AgentState::Available, Duration::from_secs(60)));
    /// assert_eq!(t.time(AgentState::Available)?, 60_000_000_000);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn record(&mut self, span: StateSpan) {
        Tally::record(self, span);
    }

    /// The nanoseconds spent in `state`.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{AgentState, AgentTime};
    ///
    /// assert_eq!(AgentTime::new().time(AgentState::Handling)?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn time(&self, state: AgentState) -> Result<u128, Error> {
        self.fault.check()?;
        Ok(self.ns[state as usize])
    }

    /// The nanoseconds logged in: handling + available + away.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{AgentState, AgentTime, StateSpan};
    ///
    /// let t: AgentTime = [
    ///     StateSpan::new(AgentState::Away, Duration::from_secs(1)),
    ///     StateSpan::new(AgentState::LoggedOut, Duration::from_secs(9)),
    /// ].into_iter().collect();
    /// assert_eq!(t.logged_in()?, 1_000_000_000);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn logged_in(&self) -> Result<u128, Error> {
        self.fault.check()?;
        self.sum(&[
            AgentState::Handling,
            AgentState::Available,
            AgentState::Away,
        ])
    }

    /// Handling time over time on queue (handling + available).
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without time on queue; [`Error::overflow`] when the
    /// denominator passes `u128`; the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{AgentState, AgentTime, StateSpan};
    ///
    /// let t: AgentTime = [StateSpan::new(AgentState::Handling, Duration::from_secs(10))].into_iter().collect();
    /// assert_eq!(t.occupancy()?.percent(), 100.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn occupancy(&self) -> Result<TimeShare, Error> {
        self.fault.check()?;
        let whole = self.sum(&[AgentState::Handling, AgentState::Available])?;
        TimeShare::new(self.ns[0], whole, "occupancy")
    }

    /// Handling time over logged-in time (handling + available + away).
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without logged-in time; [`Error::overflow`] when the
    /// denominator passes `u128`; the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{AgentState, AgentTime, StateSpan};
    ///
    /// let t: AgentTime = [
    ///     StateSpan::new(AgentState::Handling, Duration::from_secs(30)),
    ///     StateSpan::new(AgentState::Away, Duration::from_secs(90)),
    /// ].into_iter().collect();
    /// assert_eq!(t.utilisation()?.percent(), 25.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn utilisation(&self) -> Result<TimeShare, Error> {
        let whole = self.logged_in()?;
        TimeShare::new(self.ns[0], whole, "utilisation")
    }

    fn sum(&self, states: &[AgentState]) -> Result<u128, Error> {
        states.iter().try_fold(0_u128, |acc, &s| {
            add_u128(acc, self.ns[s as usize], "agent time (ns)")
        })
    }

    fn merge_counts(&mut self, other: &AgentTime) -> Result<(), Error> {
        let spans = add_u64(self.spans, other.spans, "agent time spans")?;
        let mut ns = self.ns;
        for (mine, theirs) in ns.iter_mut().zip(other.ns) {
            *mine = add_u128(*mine, theirs, "agent time (ns)")?;
        }
        self.spans = spans;
        self.ns = ns;
        Ok(())
    }

    fn add_one(&mut self, span: StateSpan) -> Result<(), Error> {
        let spans = add_u64(self.spans, 1, "agent time spans")?;
        let i = span.state as usize;
        let ns = add_u128(self.ns[i], span.duration.as_nanos(), "agent time (ns)")?;
        self.spans = spans;
        self.ns[i] = ns;
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.spans
    }

    const fn to_state(&self) -> AgentTimeState {
        AgentTimeState {
            spans: self.spans,
            handling_ns: self.ns[0],
            available_ns: self.ns[1],
            away_ns: self.ns[2],
            logged_out_ns: self.ns[3],
        }
    }

    fn check_state(state: AgentTimeState) -> Result<AgentTime, Error> {
        let ns = [
            state.handling_ns,
            state.available_ns,
            state.away_ns,
            state.logged_out_ns,
        ];
        // Every span lasts at most `Duration::MAX`: more time than that
        // many spans can hold is no state recording could reach.
        let total = ns.iter().try_fold(0_u128, |acc, &n| acc.checked_add(n));
        let bound = u128::from(state.spans).checked_mul(MAX_SPAN_NS);
        let exceeds = match (total, bound) {
            (Some(total), Some(bound)) => total > bound,
            // More than u128 in all, against a bound that fits it.
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if exceeds {
            return Err(Error::inconsistent(
                "handling_ns + available_ns + away_ns + logged_out_ns",
                total.map_or(u64::MAX, |t| u64::try_from(t).unwrap_or(u64::MAX)),
                "spans × the longest Duration",
                bound.map_or(u64::MAX, |b| u64::try_from(b).unwrap_or(u64::MAX)),
            ));
        }
        Ok(AgentTime {
            spans: state.spans,
            ns,
            fault: Fault::default(),
        })
    }
}

tally!(AgentTime, StateSpan, AgentTimeState, default);

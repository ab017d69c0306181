//! Average speed of answer (ASA), average wait and time to abandon.

use core::time::Duration;

use crate::Error;
use crate::MeanDuration;
use crate::duration::seconds;
use crate::kernel::sum_u32;
use crate::tally::{Fault, add_u64, add_u128, check_ns_sum, tally};

/// How a queued contact left the queue, and after how long.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::Waited;
///
/// let call = Waited::Answered(Duration::from_secs(12));
/// assert_eq!(call.wait(), Duration::from_secs(12));
/// assert!(call.is_answered());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Waited {
    /// Answered by an agent after waiting this long.
    Answered(Duration),
    /// Abandoned (the caller hung up) after waiting this long.
    Abandoned(Duration),
}

impl Waited {
    /// The time spent waiting.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// assert_eq!(cxkpi::Waited::Abandoned(Duration::from_secs(3)).wait().as_secs(), 3);
    /// ```
    pub const fn wait(self) -> Duration {
        match self {
            Waited::Answered(wait) | Waited::Abandoned(wait) => wait,
        }
    }

    /// Whether an agent answered.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// assert!(!cxkpi::Waited::Abandoned(Duration::ZERO).is_answered());
    /// ```
    pub const fn is_answered(self) -> bool {
        matches!(self, Waited::Answered(_))
    }
}

/// The wait accumulator: answered and abandoned contacts with the exact
/// totals of their waits.
///
/// # Formula
///
/// ```text
/// ASA              = Σ waits of answered contacts  / answered contacts      in [0, ∞) s
/// average wait     = Σ waits of all contacts       / all contacts
/// time to abandon  = Σ waits of abandoned contacts / abandoned contacts
/// ```
///
/// Always weighted: merging tallies of several days adds totals and counts,
/// so the ASA of a month is never a mean of daily means. Variants: some
/// products count the IVR or routing time in the wait; what a wait is comes
/// from the caller. Source: ICMI's definition of average speed of answer, as
/// our source documents quote it.
///
/// # Example
///
/// ```
/// use cxkpi::WaitTally;
///
/// let waits = WaitTally::from_float_secs(&[10.0, 20.0, 60.0], &[5.0, 95.0])?;
/// assert_eq!(waits.asa()?.secs(), 30.0);
/// assert_eq!(waits.average_wait()?.secs(), 38.0);
/// assert_eq!(waits.time_to_abandon()?.secs(), 50.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: nothing answered
///
/// ```
/// use cxkpi::{ErrorKind, WaitTally};
///
/// let err = WaitTally::from_float_secs(&[], &[4.0])?.asa().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Empty);
/// assert_eq!(err.to_string(), "ASA is undefined: no answered contacts");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WaitTally {
    answered: u64,
    answered_nanos: u128,
    abandoned: u64,
    abandoned_nanos: u128,
    fault: Fault,
}

impl WaitTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// assert!(cxkpi::WaitTally::new().is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> WaitTally {
        WaitTally::default()
    }

    /// The tally of answered contacts' waits (for ASA).
    ///
    /// # Errors
    ///
    /// [`Error::overflow`] beyond `u64::MAX` contacts.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let waits = [10, 20, 60].map(Duration::from_secs);
    /// assert_eq!(cxkpi::WaitTally::from_answer_waits(&waits)?.asa()?.secs(), 30.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_answer_waits(waits: &[Duration]) -> Result<WaitTally, Error> {
        let mut tally = WaitTally::new();
        for &wait in waits {
            tally.add_one(Waited::Answered(wait))?;
        }
        Ok(tally)
    }

    /// The tally of answered and abandoned contacts' waits, in seconds.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] for the first negative, NaN or infinite wait,
    /// with its index in its list.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::WaitTally::from_float_secs(&[10.0, 20.0], &[3.0])?;
    /// assert_eq!((tally.answered()?, tally.abandoned()?), (2, 1));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_float_secs(answered: &[f64], abandoned: &[f64]) -> Result<WaitTally, Error> {
        let mut tally = WaitTally::new();
        record_secs(answered, abandoned, |wait| tally.add_one(wait))?;
        Ok(tally)
    }

    /// The tally of answered and abandoned waits in whole seconds, in one
    /// vectorised pass over each column.
    ///
    /// A wait of `w` seconds is `Duration::from_secs(w)`, exactly as
    /// [`record`](crate::Tally::record) counts it. Whole seconds in a `u32`
    /// cannot be negative or NaN, so no wait is refused, and no count or
    /// sum can overflow.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::WaitTally::from_whole_secs(&[10, 20, 60], &[5, 95]);
    /// assert_eq!(tally.asa()?.secs(), 30.0);
    /// assert_eq!(tally.time_to_abandon()?.secs(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_whole_secs(answered: &[u32], abandoned: &[u32]) -> WaitTally {
        // At most 2⁶⁴ rows of 2³² s: 2⁹⁶ s, less than 2¹²⁶ ns.
        WaitTally {
            // A slice length fits u64.
            answered: answered.len() as u64,
            answered_nanos: sum_u32(answered) * 1_000_000_000,
            abandoned: abandoned.len() as u64,
            abandoned_nanos: sum_u32(abandoned) * 1_000_000_000,
            fault: Fault::default(),
        }
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
    /// assert_eq!(cxkpi::WaitTally::from_float_secs(&[1.0], &[])?.answered()?, 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn answered(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.answered)
    }

    /// Abandoned contacts.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::WaitTally::from_float_secs(&[], &[1.0])?.abandoned()?, 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn abandoned(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.abandoned)
    }

    /// The average speed of answer: the mean wait of answered contacts.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when no contact was answered, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::WaitTally::from_float_secs(&[10.0, 20.0, 60.0], &[100.0])?;
    /// assert_eq!(tally.asa()?.secs(), 30.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn asa(&self) -> Result<MeanDuration, Error> {
        self.fault.check()?;
        if self.answered == 0 {
            return Err(Error::empty("ASA", "no answered contacts"));
        }
        Ok(MeanDuration::new(self.answered_nanos, self.answered))
    }

    /// The average wait of all contacts, answered or abandoned.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the tally is empty, [`Error::overflow`] beyond
    /// `u64::MAX` contacts in all, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::WaitTally::from_float_secs(&[10.0], &[30.0])?;
    /// assert_eq!(tally.average_wait()?.secs(), 20.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn average_wait(&self) -> Result<MeanDuration, Error> {
        self.fault.check()?;
        let contacts = add_u64(self.answered, self.abandoned, "contacts")?;
        if contacts == 0 {
            return Err(Error::empty("average wait", "no contacts"));
        }
        let total = add_u128(
            self.answered_nanos,
            self.abandoned_nanos,
            "wait nanoseconds",
        )?;
        Ok(MeanDuration::new(total, contacts))
    }

    /// The mean wait of abandoned contacts before they hung up.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when no contact was abandoned, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::WaitTally::from_float_secs(&[10.0], &[30.0, 50.0])?;
    /// assert_eq!(tally.time_to_abandon()?.secs(), 40.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn time_to_abandon(&self) -> Result<MeanDuration, Error> {
        self.fault.check()?;
        if self.abandoned == 0 {
            return Err(Error::empty("time to abandon", "no abandoned contacts"));
        }
        Ok(MeanDuration::new(self.abandoned_nanos, self.abandoned))
    }

    fn merge_counts(&mut self, other: &WaitTally) -> Result<(), Error> {
        let answered = add_u64(self.answered, other.answered, "answered contacts")?;
        let abandoned = add_u64(self.abandoned, other.abandoned, "abandoned contacts")?;
        // The contacts of both kinds are the tally's count: it must fit too.
        add_u64(answered, abandoned, "contacts (answered + abandoned)")?;
        let answered_nanos = add_u128(
            self.answered_nanos,
            other.answered_nanos,
            "wait nanoseconds",
        )?;
        let abandoned_nanos = add_u128(
            self.abandoned_nanos,
            other.abandoned_nanos,
            "wait nanoseconds",
        )?;
        *self = WaitTally {
            answered,
            answered_nanos,
            abandoned,
            abandoned_nanos,
            fault: Fault::default(),
        };
        Ok(())
    }
}

impl WaitTally {
    fn add_one(&mut self, contact: Waited) -> Result<(), Error> {
        // The count of contacts, answered + abandoned, fits u64 (an invariant
        // of every constructor): one more must too.
        add_u64(
            self.answered + self.abandoned,
            1,
            "contacts (answered + abandoned)",
        )?;
        // A `Duration` has fewer than 2⁹⁴ ns and there are at most 2⁶⁴
        // contacts of each kind, so the u128 totals cannot overflow.
        let nanos = contact.wait().as_nanos();
        match contact {
            Waited::Answered(_) => {
                self.answered = add_u64(self.answered, 1, "answered contacts")?;
                self.answered_nanos += nanos;
            }
            Waited::Abandoned(_) => {
                self.abandoned = add_u64(self.abandoned, 1, "abandoned contacts")?;
                self.abandoned_nanos += nanos;
            }
        }
        Ok(())
    }

    /// All contacts, answered and abandoned.
    const fn observations(&self) -> u64 {
        // Every constructor keeps the sum within u64.
        self.answered + self.abandoned
    }

    const fn to_state(&self) -> WaitState {
        WaitState {
            answered: self.answered,
            answered_wait_ns: self.answered_nanos,
            abandoned: self.abandoned,
            abandoned_wait_ns: self.abandoned_nanos,
        }
    }

    /// Each total must be reachable by its count of waits, each at most
    /// `Duration::MAX`: no wait without a contact.
    fn check_state(state: WaitState) -> Result<WaitTally, Error> {
        add_u64(
            state.answered,
            state.abandoned,
            "contacts (answered + abandoned)",
        )?;
        check_ns_sum(
            "answered contacts behind answered_wait_ns",
            state.answered_wait_ns,
            "answered",
            state.answered,
        )?;
        check_ns_sum(
            "abandoned contacts behind abandoned_wait_ns",
            state.abandoned_wait_ns,
            "abandoned",
            state.abandoned,
        )?;
        Ok(WaitTally {
            answered: state.answered,
            answered_nanos: state.answered_wait_ns,
            abandoned: state.abandoned,
            abandoned_nanos: state.abandoned_wait_ns,
            fault: Fault::default(),
        })
    }
}

tally!(WaitTally, Waited, WaitState, default);

/// The state of a [`WaitTally`]: answered and abandoned contacts with the
/// exact totals of their waits, in nanoseconds.
///
/// Wire format: `{"answered": "3", "answered_wait_ns": "90000000000",
/// "abandoned": "2", "abandoned_wait_ns": "100000000000"}` (decimal strings,
/// exact in any JSON parser; a JSON number is accepted too). Valid when each
/// total could come from its count of waits: no wait without a contact.
///
/// # Example
///
/// ```
/// use cxkpi::{Tally, WaitState, WaitTally};
///
/// let state = WaitState { answered: 3, answered_wait_ns: 90_000_000_000, abandoned: 0, abandoned_wait_ns: 0 };
/// assert_eq!(WaitTally::from_state(state)?.asa()?.secs(), 30.0);
/// let tampered = WaitState { answered: 0, ..state };
/// assert_eq!(
///     WaitTally::from_state(tampered).unwrap_err().to_string(),
///     "answered contacts behind answered_wait_ns (1) exceeds answered (0)"
/// );
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct WaitState {
    /// Answered contacts.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub answered: u64,
    /// The total wait of answered contacts, in nanoseconds.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub answered_wait_ns: u128,
    /// Abandoned contacts.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub abandoned: u64,
    /// The total wait of abandoned contacts, in nanoseconds.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub abandoned_wait_ns: u128,
}

/// Feeds `record` the answered waits, then the abandoned ones, given in
/// float seconds; a NaN, infinite or negative wait is an error naming its
/// list and index.
pub(crate) fn record_secs(
    answered: &[f64],
    abandoned: &[f64],
    mut record: impl FnMut(Waited) -> Result<(), Error>,
) -> Result<(), Error> {
    for (i, &s) in answered.iter().enumerate() {
        record(Waited::Answered(
            seconds("answer wait (s)", s).map_err(|e| e.at(i))?,
        ))?;
    }
    for (i, &s) in abandoned.iter().enumerate() {
        record(Waited::Abandoned(
            seconds("abandon wait (s)", s).map_err(|e| e.at(i))?,
        ))?;
    }
    Ok(())
}

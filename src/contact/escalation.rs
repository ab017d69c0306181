//! Escalation and channel-switch rate: the share of contacts handed on.

use crate::tally::{Fault, add_u64, check_part, tally};
use crate::{Error, Rate};

/// Whether a contact was handled where it arrived, or handed on.
///
/// # Example
///
/// ```
/// use cxkpi::Handling;
///
/// assert_ne!(Handling::Contained, Handling::Escalated);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Handling {
    /// Handled in the channel (or at the level) where it arrived.
    Contained,
    /// Escalated to another level, or switched to another channel (a chat
    /// moved to e-mail, a bot conversation handed to an agent).
    Escalated,
}

/// The escalation (or channel-switch) accumulator.
///
/// # Formula
///
/// ```text
/// escalation rate = escalated contacts / contacts       in [0, 100] %
/// ```
///
/// Our source documents quote 25% of chats escalated to e-mail. Group it
/// by channel with a [`Breakdown`](crate::Breakdown) to compare channels.
///
/// # Example
///
/// ```
/// use cxkpi::{EscalationTally, Handling};
///
/// let chats: EscalationTally = [Handling::Contained, Handling::Escalated, Handling::Contained, Handling::Contained]
///     .into_iter()
///     .collect();
/// assert_eq!(chats.escalation()?.percent(), 25.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty
///
/// ```
/// use cxkpi::{ErrorKind, EscalationTally};
///
/// assert_eq!(EscalationTally::new().escalation().unwrap_err().kind(), ErrorKind::Empty);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EscalationTally {
    contacts: u64,
    escalated: u64,
    fault: Fault,
}

impl EscalationTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// assert_eq!(cxkpi::EscalationTally::new().len()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> EscalationTally {
        EscalationTally::default()
    }

    /// The tally of `escalated` out of `contacts`.
    ///
    /// # Errors
    ///
    /// [`Error::inconsistent`] when `escalated > contacts`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::EscalationTally;
    ///
    /// assert_eq!(EscalationTally::from_counts(200, 50)?.escalation()?.percent(), 25.0);
    /// assert!(EscalationTally::from_counts(2, 3).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(contacts: u64, escalated: u64) -> Result<EscalationTally, Error> {
        check_part("escalated", escalated, "contacts", contacts)?;
        Ok(EscalationTally {
            contacts,
            escalated,
            fault: Fault::default(),
        })
    }

    /// Contacts escalated or switched.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::EscalationTally::from_counts(4, 1)?.escalated()?, 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn escalated(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.escalated)
    }

    /// The share of contacts escalated or switched.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without contacts, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::EscalationTally::from_counts(8, 2)?;
    /// assert_eq!(tally.escalation()?.to_string(), "25.0% (n = 8)");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn escalation(&self) -> Result<Rate, Error> {
        self.fault.check()?;
        if self.contacts == 0 {
            return Err(Error::empty("escalation rate", "no contacts"));
        }
        Rate::new(self.escalated, self.contacts)
    }

    fn merge_counts(&mut self, other: &EscalationTally) -> Result<(), Error> {
        self.contacts = add_u64(self.contacts, other.contacts, "contacts")?;
        // At most the contacts, whose sum fits.
        self.escalated += other.escalated;
        Ok(())
    }
}

impl EscalationTally {
    fn add_one(&mut self, handling: Handling) -> Result<(), Error> {
        self.contacts = add_u64(self.contacts, 1, "contacts")?;
        // At most `contacts`, which did not overflow.
        self.escalated += u64::from(handling == Handling::Escalated);
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.contacts
    }

    const fn to_state(&self) -> EscalationState {
        EscalationState {
            contacts: self.contacts,
            escalated: self.escalated,
        }
    }

    fn check_state(state: EscalationState) -> Result<EscalationTally, Error> {
        EscalationTally::from_counts(state.contacts, state.escalated)
    }
}

tally!(EscalationTally, Handling, EscalationState, default);

/// The state of an [`EscalationTally`]: contacts and those escalated.
///
/// Wire format: `{"contacts": "200", "escalated": "50"}` (decimal strings; a
/// JSON number is accepted too). Valid when `escalated ≤ contacts`.
///
/// # Example
///
/// ```
/// use cxkpi::Tally;
/// use cxkpi::{EscalationState, EscalationTally};
///
/// let state = EscalationState { contacts: 200, escalated: 50 };
/// assert_eq!(EscalationTally::from_state(state)?.escalation()?.percent(), 25.0);
/// assert!(EscalationTally::from_state(EscalationState { escalated: 201, ..state }).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct EscalationState {
    /// All contacts.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub contacts: u64,
    /// Contacts escalated or switched to another channel.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub escalated: u64,
}

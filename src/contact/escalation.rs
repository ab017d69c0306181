//! Escalation and channel-switch rate: the share of contacts handed on.

use crate::tally::{Fault, add_u64, tally, tally_serde};
use crate::{Error, Rate};

/// Whether a contact was handled where it arrived, or handed on.
///
/// # Example
///
/// ```
/// use cxkpi::contact::escalation::Handling;
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
/// use cxkpi::contact::escalation::{EscalationTally, Handling};
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
/// use cxkpi::{ErrorKind, contact::escalation::EscalationTally};
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
    /// assert_eq!(cxkpi::contact::escalation::EscalationTally::new().len(), 0);
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
    /// use cxkpi::contact::escalation::EscalationTally;
    ///
    /// assert_eq!(EscalationTally::from_counts(200, 50)?.escalation()?.percent(), 25.0);
    /// assert!(EscalationTally::from_counts(2, 3).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(contacts: u64, escalated: u64) -> Result<EscalationTally, Error> {
        if escalated > contacts {
            return Err(Error::inconsistent(
                "escalated",
                escalated,
                "contacts",
                contacts,
            ));
        }
        Ok(EscalationTally {
            contacts,
            escalated,
            fault: Fault::default(),
        })
    }

    /// Adds one contact; an overflowing count becomes the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::contact::escalation::{EscalationTally, Handling};
    ///
    /// let mut tally = EscalationTally::new();
    /// tally.record(Handling::Escalated);
    /// assert_eq!(tally.escalation()?.percent(), 100.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn record(&mut self, handling: Handling) {
        match add_u64(self.contacts, 1, "contacts") {
            Ok(contacts) => {
                self.contacts = contacts;
                self.escalated += u64::from(handling == Handling::Escalated);
            }
            Err(error) => self.fault.set(error),
        }
    }

    /// Contacts recorded.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::contact::escalation::EscalationTally::from_counts(4, 1)?.len(), 4);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn len(&self) -> u64 {
        self.contacts
    }

    /// Whether no contact was recorded.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::contact::escalation::EscalationTally::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.contacts == 0
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
    /// let tally = cxkpi::contact::escalation::EscalationTally::from_counts(8, 2)?;
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
    #[cfg(feature = "serde")]
    fn to_parts(&self) -> EscalationParts {
        EscalationParts {
            contacts: self.contacts,
            escalated: self.escalated,
        }
    }

    #[cfg(feature = "serde")]
    fn from_parts(parts: EscalationParts) -> Result<EscalationTally, Error> {
        EscalationTally::from_counts(parts.contacts, parts.escalated)
    }
}

tally!(EscalationTally, Handling, default);
tally_serde!(EscalationTally, EscalationParts);

/// The serialized form of an [`EscalationTally`].
#[cfg(feature = "serde")]
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EscalationParts {
    contacts: u64,
    escalated: u64,
}

//! First-contact resolution (FCR, "Once & Done").

use crate::tally::{Fault, add_u64, check_part, tally};
use crate::{Domain, Error, Rate};

/// How a resolved request was resolved: on the first contact or after more.
///
/// # Example
///
/// ```
/// use cxkpi::Resolution;
///
/// assert_eq!(Resolution::from_contacts(1)?, Resolution::FirstContact);
/// assert_eq!(Resolution::from_contacts(3)?, Resolution::RepeatContact);
/// assert!(Resolution::from_contacts(0).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Resolution {
    /// Resolved by the first contact ("Once & Done").
    FirstContact,
    /// Resolved, but only after two or more contacts.
    RepeatContact,
}

impl Resolution {
    /// The resolution of a request that took `contacts` contacts.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] when `contacts` is 0: a resolved request took at
    /// least one contact.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Resolution;
    ///
    /// assert_eq!(Resolution::from_contacts(2)?, Resolution::RepeatContact);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_contacts(contacts: u32) -> Result<Resolution, Error> {
        match contacts {
            0 => Err(zero_contacts()),
            1 => Ok(Resolution::FirstContact),
            _ => Ok(Resolution::RepeatContact),
        }
    }
}

impl TryFrom<i64> for Resolution {
    type Error = Error;

    /// The resolution of a request that took `contacts` contacts, for counts
    /// from untyped sources (JSON, CSV): anything below 1 is out of range.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{ErrorKind, Resolution};
    ///
    /// assert_eq!(Resolution::try_from(1_i64)?, Resolution::FirstContact);
    /// assert_eq!(Resolution::try_from(-2_i64).unwrap_err().kind(), ErrorKind::OutOfRange);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    fn try_from(contacts: i64) -> Result<Resolution, Error> {
        match contacts {
            1 => Ok(Resolution::FirstContact),
            2.. => Ok(Resolution::RepeatContact),
            _ => Err(Error::out_of_range(
                "contacts per resolved request",
                contacts,
                Domain::AtLeast(1),
            )),
        }
    }
}

#[cold]
pub(crate) fn zero_contacts() -> Error {
    Error::out_of_range("contacts per resolved request", 0_u32, Domain::AtLeast(1))
}

/// The FCR accumulator: resolved requests and those resolved on first contact.
///
/// # Formula
///
/// ```text
/// FCR = requests resolved on the first contact × 100 / resolved requests      in [0, 100]
/// ```
///
/// The denominator is resolved requests, the "Once & Done" definition of
/// MetricNet (whose benchmark puts the average near 74%). Variants measure the
/// first contact differently (by the customer's repeat contacts within a
/// window, or by agent replies); this tally takes the caller's
/// classification, from counts or from the number of contacts each resolved
/// request took.
///
/// # Example
///
/// ```
/// use cxkpi::FcrTally;
///
/// let fcr = FcrTally::from_contact_counts(&[1, 1, 2, 3, 1])?.fcr()?;
/// assert_eq!(fcr.percent(), 60.0);
/// assert_eq!(FcrTally::from_counts(74, 100)?.fcr()?.percent(), 74.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty and inconsistent
///
/// ```
/// use cxkpi::{ErrorKind, FcrTally};
///
/// assert_eq!(FcrTally::new().fcr().unwrap_err().kind(), ErrorKind::Empty);
/// let err = FcrTally::from_counts(5, 4).unwrap_err();
/// assert_eq!(err.to_string(), "resolved on first contact (5) exceeds resolved (4)");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FcrTally {
    // Invariant: first_contact <= resolved.
    resolved: u64,
    first_contact: u64,
    fault: Fault,
}

impl FcrTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// assert!(cxkpi::FcrTally::new().is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> FcrTally {
        FcrTally::default()
    }

    /// The tally of the number of contacts each resolved request took, in one pass.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the first count of 0 and its index.
    ///
    /// # Example
    ///
    /// ```
    /// let err = cxkpi::FcrTally::from_contact_counts(&[1, 0]).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "contacts per resolved request 0 at index 1 is out of range: it must be at least 1"
    /// );
    /// ```
    pub fn from_contact_counts(contacts: &[u32]) -> Result<FcrTally, Error> {
        let mut first_contact = 0_u64;
        let mut zeros = 0_u64;
        for &c in contacts {
            first_contact += u64::from(c == 1);
            zeros += u64::from(c == 0);
        }
        if zeros > 0 {
            let index = contacts.iter().position(|&c| c == 0).unwrap_or_default();
            return Err(zero_contacts().at(index));
        }
        Ok(FcrTally {
            resolved: contacts.len() as u64,
            first_contact,
            fault: Fault::default(),
        })
    }

    /// The tally of known counts.
    ///
    /// # Errors
    ///
    /// [`Error::inconsistent`] when `resolved_on_first_contact > resolved`.
    ///
    /// # Example
    ///
    /// ```
    /// let fcr = cxkpi::FcrTally::from_counts(74, 100)?.fcr()?;
    /// assert_eq!(fcr.to_string(), "74.0% (n = 100)");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(resolved_on_first_contact: u64, resolved: u64) -> Result<FcrTally, Error> {
        check_part(
            "resolved on first contact",
            resolved_on_first_contact,
            "resolved",
            resolved,
        )?;
        Ok(FcrTally {
            resolved,
            first_contact: resolved_on_first_contact,
            fault: Fault::default(),
        })
    }

    /// Requests resolved on the first contact so far.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::FcrTally::from_contact_counts(&[1, 2, 1])?.first_contact()?, 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn first_contact(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.first_contact)
    }

    /// FCR: the share of resolved requests resolved on the first contact.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without resolved requests; the tally's fault if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// let fcr = cxkpi::FcrTally::from_contact_counts(&[1, 1, 2, 3, 1])?.fcr()?;
    /// assert_eq!((fcr.part(), fcr.whole(), fcr.percent()), (3, 5, 60.0));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn fcr(&self) -> Result<Rate, Error> {
        self.fault.check()?;
        Rate::of_tally(
            self.first_contact,
            self.resolved,
            "FCR",
            "no resolved requests",
        )
    }

    fn merge_counts(&mut self, other: &FcrTally) -> Result<(), Error> {
        self.resolved = add_u64(self.resolved, other.resolved, "resolved requests")?;
        self.first_contact += other.first_contact;
        Ok(())
    }

    fn add_one(&mut self, resolution: Resolution) -> Result<(), Error> {
        self.resolved = add_u64(self.resolved, 1, "resolved requests")?;
        // At most `resolved`, which did not overflow.
        self.first_contact += u64::from(resolution == Resolution::FirstContact);
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.resolved
    }

    const fn to_state(&self) -> FcrState {
        FcrState {
            resolved_on_first_contact: self.first_contact,
            resolved: self.resolved,
        }
    }

    fn check_state(state: FcrState) -> Result<FcrTally, Error> {
        FcrTally::from_counts(state.resolved_on_first_contact, state.resolved)
    }
}

tally!(FcrTally, Resolution, FcrState, default);

/// The state of an [`FcrTally`]: resolved requests and those resolved on the
/// first contact.
///
/// Wire format: `{"resolved_on_first_contact": "74", "resolved": "100"}`
/// (decimal strings; a JSON number is accepted too). Valid when
/// `resolved_on_first_contact ≤ resolved`.
///
/// # Example
///
/// ```
/// use cxkpi::{FcrState, FcrTally, Tally};
///
/// let state = FcrState { resolved_on_first_contact: 74, resolved: 100 };
/// assert_eq!(FcrTally::from_state(state)?.fcr()?.percent(), 74.0);
/// let tampered = FcrState { resolved_on_first_contact: 101, ..state };
/// assert!(FcrTally::from_state(tampered).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct FcrState {
    /// Requests resolved on their first contact.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub resolved_on_first_contact: u64,
    /// All resolved requests.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub resolved: u64,
}

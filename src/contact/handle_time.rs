//! Average handle time (AHT): talk, hold and after-contact work per handled contact.

use core::fmt;
use core::time::Duration;

use crate::Error;
use crate::duration::{mean_nanos_as_secs, seconds};
use crate::kernel::sum_u32;
use crate::tally::{Fault, add_u64, add_u128, check_ns_sum, tally};

/// The handle time of one contact: talk, hold and after-contact work (wrap-up).
///
/// Plain data: any `Duration` is a valid component. Build it from float
/// seconds with [`HandleTime::from_secs`], which rejects negative, NaN and
/// infinite values.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::HandleTime;
///
/// let contact = HandleTime::from_secs(240.0, 30.0, 60.0)?;
/// assert_eq!(contact.total(), Duration::from_secs(330));
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: a negative hold
///
/// ```
/// let err = cxkpi::HandleTime::from_secs(100.0, -1.0, 0.0).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "hold time (s) -1 is out of range: it must be a finite number of seconds, 0 or more"
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HandleTime {
    /// Time talking with the customer.
    pub talk: Duration,
    /// Time the customer was on hold.
    pub hold: Duration,
    /// After-contact work (wrap-up).
    pub wrap: Duration,
}

impl HandleTime {
    /// The handle time of `talk`, `hold` and `wrap` seconds.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the first component that is negative,
    /// NaN, infinite or too large for a `Duration`.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let contact = cxkpi::HandleTime::from_secs(120.5, 0.0, 45.0)?;
    /// assert_eq!(contact.talk, Duration::from_millis(120_500));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_secs(talk: f64, hold: f64, wrap: f64) -> Result<HandleTime, Error> {
        Ok(HandleTime {
            talk: seconds("talk time (s)", talk)?,
            hold: seconds("hold time (s)", hold)?,
            wrap: seconds("wrap time (s)", wrap)?,
        })
    }

    /// Talk + hold + wrap, saturating at `Duration::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// let contact = cxkpi::HandleTime::from_secs(120.5, 10.0, 45.0)?;
    /// assert_eq!(contact.total().as_secs_f64(), 175.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn total(self) -> Duration {
        self.talk
            .saturating_add(self.hold)
            .saturating_add(self.wrap)
    }
}

/// The AHT accumulator: handled contacts and the exact nanosecond totals of
/// talk, hold and after-contact work.
///
/// # Formula
///
/// ```text
/// AHT = (Σ talk + Σ hold + Σ after-contact work) / handled contacts      in [0, ∞) seconds
/// ```
///
/// The three components are kept apart, so the AHT can be explained ("talk
/// 180 s, hold 30 s, wrap 45 s"). Totals are integer nanoseconds in `u128`,
/// so merging is exact, associative and order-independent. Variants: some
/// products leave hold or wrap-up out of AHT; the components let a caller
/// recombine them. Source: the standard contact-centre definition (ICMI,
/// COPC), as our source documents give it.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::AhtTally;
///
/// let secs = Duration::from_secs;
/// let aht = AhtTally::from_counts(20, secs(3600), secs(600), secs(900))?.aht()?;
/// assert_eq!(aht.secs(), 255.0);
/// assert_eq!(aht.to_string(), "AHT 255.0 s (talk 180.0 s, hold 30.0 s, wrap 45.0 s; n = 20)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty
///
/// ```
/// use cxkpi::{AhtTally, ErrorKind};
///
/// assert_eq!(AhtTally::new().aht().unwrap_err().kind(), ErrorKind::Empty);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AhtTally {
    handled: u64,
    talk_ns: u128,
    hold_ns: u128,
    wrap_ns: u128,
    fault: Fault,
}

impl AhtTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// assert!(cxkpi::AhtTally::new().is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> AhtTally {
        AhtTally::default()
    }

    /// The tally of a slice of contacts.
    ///
    /// # Errors
    ///
    /// [`Error::overflow`] when a total exceeds `u128` nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{AhtTally, HandleTime};
    ///
    /// let contacts = [HandleTime::from_secs(240.0, 30.0, 60.0)?, HandleTime::from_secs(120.5, 0.0, 45.0)?];
    /// assert_eq!(AhtTally::from_contacts(&contacts)?.aht()?.secs(), 247.75);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_contacts(contacts: &[HandleTime]) -> Result<AhtTally, Error> {
        let mut tally = AhtTally::new();
        for &contact in contacts {
            tally.add_one(contact)?;
        }
        Ok(tally)
    }

    /// The tally of contacts given as three columns of whole seconds: row
    /// `i` of `talk`, `hold` and `wrap` is one contact.
    ///
    /// One vectorised pass over each column sums it exactly; the result
    /// equals [`record`](crate::Tally::record)ing each row as a [`HandleTime`] of
    /// `Duration::from_secs` components. Whole seconds in a `u32` cannot be
    /// negative or NaN, so no value is refused.
    ///
    /// # Errors
    ///
    /// [`Error::length_mismatch`] when the columns differ in length.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::AhtTally;
    ///
    /// let aht = AhtTally::from_whole_secs(&[240, 120], &[30, 0], &[60, 45])?.aht()?;
    /// assert_eq!(aht.secs(), 247.5);
    /// assert_eq!((aht.talk_secs(), aht.hold_secs(), aht.wrap_secs()), (180.0, 15.0, 52.5));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    ///
    /// # Example: columns of different lengths
    ///
    /// ```
    /// let err = cxkpi::AhtTally::from_whole_secs(&[240, 120], &[30], &[60, 45]).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "talk times (2 values) and hold times (1 values) must have the same length"
    /// );
    /// ```
    pub fn from_whole_secs(talk: &[u32], hold: &[u32], wrap: &[u32]) -> Result<AhtTally, Error> {
        AhtTally::from_whole_secs_with(talk, hold, wrap, sum_u32)
    }

    /// [`from_whole_secs`](Self::from_whole_secs) with the summing kernel
    /// given: sequential or split across threads.
    pub(crate) fn from_whole_secs_with(
        talk: &[u32],
        hold: &[u32],
        wrap: &[u32],
        sum: impl Fn(&[u32]) -> u128,
    ) -> Result<AhtTally, Error> {
        for (name, column) in [("hold times", hold), ("wrap times", wrap)] {
            if column.len() != talk.len() {
                return Err(Error::length_mismatch(
                    "talk times",
                    talk.len(),
                    name,
                    column.len(),
                ));
            }
        }
        // At most 2⁶⁴ rows of 2³² s: 2⁹⁶ s, 2¹²⁶ ns; the three totals add
        // up to less than 2¹²⁸ ns.
        let ns = |column: &[u32]| sum(column) * 1_000_000_000;
        Ok(AhtTally {
            handled: talk.len() as u64,
            talk_ns: ns(talk),
            hold_ns: ns(hold),
            wrap_ns: ns(wrap),
            fault: Fault::default(),
        })
    }

    /// The tally of `handled` contacts with known totals of talk, hold and
    /// after-contact work.
    ///
    /// # Errors
    ///
    /// [`Error::inconsistent`] when time is given for 0 handled contacts;
    /// [`Error::overflow`] when the grand total exceeds `u128` nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{AhtTally, ErrorKind};
    ///
    /// let none = Duration::ZERO;
    /// let tally = AhtTally::from_counts(4, Duration::from_secs(600), none, none)?;
    /// assert_eq!(tally.aht()?.secs(), 150.0);
    /// // Time without contacts contradicts itself.
    /// let err = AhtTally::from_counts(0, Duration::from_secs(1), none, none).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Inconsistent);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(
        handled: u64,
        talk: Duration,
        hold: Duration,
        wrap: Duration,
    ) -> Result<AhtTally, Error> {
        AhtTally::from_nanos(talk.as_nanos(), hold.as_nanos(), wrap.as_nanos(), handled)
    }

    /// [`from_counts`](Self::from_counts) in nanoseconds: the one place that
    /// checks a tally's totals.
    pub(crate) fn from_nanos(
        talk_ns: u128,
        hold_ns: u128,
        wrap_ns: u128,
        handled: u64,
    ) -> Result<AhtTally, Error> {
        let tally = AhtTally {
            handled,
            talk_ns,
            hold_ns,
            wrap_ns,
            fault: Fault::default(),
        };
        check_ns_sum(
            "handled contacts behind talk_ns",
            talk_ns,
            "handled",
            handled,
        )?;
        check_ns_sum(
            "handled contacts behind hold_ns",
            hold_ns,
            "handled",
            handled,
        )?;
        check_ns_sum(
            "handled contacts behind wrap_ns",
            wrap_ns,
            "handled",
            handled,
        )?;
        // The mean needs the grand total: keep it representable.
        tally.total_ns()?;
        Ok(tally)
    }

    /// The AHT of the contacts so far.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without handled contacts; the tally's fault if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::AhtTally::from_contacts(&[cxkpi::HandleTime::from_secs(200.0, 20.0, 40.0)?])?;
    /// assert_eq!(tally.aht()?.secs(), 260.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn aht(&self) -> Result<Aht, Error> {
        self.fault.check()?;
        if self.handled == 0 {
            return Err(Error::empty("AHT", "no handled contacts"));
        }
        Ok(Aht {
            handled: self.handled,
            talk_ns: self.talk_ns,
            hold_ns: self.hold_ns,
            wrap_ns: self.wrap_ns,
        })
    }

    fn total_ns(&self) -> Result<u128, Error> {
        let partial = add_u128(self.talk_ns, self.hold_ns, "handle time (ns)")?;
        add_u128(partial, self.wrap_ns, "handle time (ns)")
    }

    fn merge_counts(&mut self, other: &AhtTally) -> Result<(), Error> {
        let merged = AhtTally {
            handled: add_u64(self.handled, other.handled, "handled contacts")?,
            talk_ns: add_u128(self.talk_ns, other.talk_ns, "talk time (ns)")?,
            hold_ns: add_u128(self.hold_ns, other.hold_ns, "hold time (ns)")?,
            wrap_ns: add_u128(self.wrap_ns, other.wrap_ns, "wrap time (ns)")?,
            fault: Fault::default(),
        };
        // The mean needs the grand total: keep it representable.
        merged.total_ns()?;
        self.handled = merged.handled;
        self.talk_ns = merged.talk_ns;
        self.hold_ns = merged.hold_ns;
        self.wrap_ns = merged.wrap_ns;
        Ok(())
    }

    fn add_one(&mut self, contact: HandleTime) -> Result<(), Error> {
        let one = AhtTally {
            handled: 1,
            talk_ns: contact.talk.as_nanos(),
            hold_ns: contact.hold.as_nanos(),
            wrap_ns: contact.wrap.as_nanos(),
            fault: Fault::default(),
        };
        self.merge_counts(&one)
    }

    const fn observations(&self) -> u64 {
        self.handled
    }

    const fn to_state(&self) -> AhtState {
        AhtState {
            handled: self.handled,
            talk_ns: self.talk_ns,
            hold_ns: self.hold_ns,
            wrap_ns: self.wrap_ns,
        }
    }

    fn check_state(state: AhtState) -> Result<AhtTally, Error> {
        AhtTally::from_nanos(state.talk_ns, state.hold_ns, state.wrap_ns, state.handled)
    }
}

tally!(AhtTally, HandleTime, AhtState, default);

/// The state of an [`AhtTally`]: handled contacts and the exact totals of
/// their talk, hold and after-contact work, in nanoseconds.
///
/// Wire format: `{"handled": "20", "talk_ns": "3600000000000",
/// "hold_ns": "600000000000", "wrap_ns": "900000000000"}` (decimal strings,
/// exact in any JSON parser; a JSON number is accepted too). Valid when each
/// total could come from `handled` contacts (no time without a contact) and
/// the grand total fits a `u128`.
///
/// # Example
///
/// ```
/// use cxkpi::{AhtState, AhtTally, Tally};
///
/// let state = AhtState { handled: 2, talk_ns: 300_000_000_000, hold_ns: 0, wrap_ns: 0 };
/// assert_eq!(AhtTally::from_state(state)?.aht()?.secs(), 150.0);
/// let tampered = AhtState { handled: 0, ..state };
/// assert_eq!(
///     AhtTally::from_state(tampered).unwrap_err().to_string(),
///     "handled contacts behind talk_ns (1) exceeds handled (0)"
/// );
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AhtState {
    /// Handled contacts.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub handled: u64,
    /// Total talk time, in nanoseconds.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub talk_ns: u128,
    /// Total hold time, in nanoseconds.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub hold_ns: u128,
    /// Total after-contact work (wrap-up), in nanoseconds.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub wrap_ns: u128,
}

/// An average handle time with its components and the contacts it covers.
///
/// # Example
///
/// ```
/// use cxkpi::{AhtTally, HandleTime};
///
/// let aht = AhtTally::from_contacts(&[HandleTime::from_secs(200.0, 20.0, 40.0)?])?.aht()?;
/// assert_eq!((aht.talk_secs(), aht.hold_secs(), aht.wrap_secs()), (200.0, 20.0, 40.0));
/// assert_eq!(aht.mean(), core::time::Duration::from_secs(260));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Aht {
    handled: u64,
    talk_ns: u128,
    hold_ns: u128,
    wrap_ns: u128,
}

impl Aht {
    /// The mean handle time in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// let aht = cxkpi::AhtTally::from_contacts(&[cxkpi::HandleTime::from_secs(1.5, 0.0, 0.0)?])?.aht()?;
    /// assert_eq!(aht.secs(), 1.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn secs(&self) -> f64 {
        // The tally keeps the grand total within u128.
        self.mean_secs(self.talk_ns + self.hold_ns + self.wrap_ns)
    }

    /// The mean handle time, rounded down to the nanosecond.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let aht = cxkpi::AhtTally::from_contacts(&[cxkpi::HandleTime::from_secs(1.5, 0.0, 0.0)?])?.aht()?;
    /// assert_eq!(aht.mean(), Duration::from_millis(1500));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn mean(&self) -> Duration {
        let ns = (self.talk_ns + self.hold_ns + self.wrap_ns) / u128::from(self.handled);
        let secs = u64::try_from(ns / 1_000_000_000).unwrap_or(u64::MAX);
        // The remainder is below 10⁹: it fits u32.
        Duration::new(secs, (ns % 1_000_000_000) as u32)
    }

    /// The mean talk time in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// let aht = cxkpi::AhtTally::from_contacts(&[cxkpi::HandleTime::from_secs(100.0, 20.0, 30.0)?])?.aht()?;
    /// assert_eq!(aht.talk_secs(), 100.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn talk_secs(&self) -> f64 {
        self.mean_secs(self.talk_ns)
    }

    /// The mean hold time in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// let aht = cxkpi::AhtTally::from_contacts(&[cxkpi::HandleTime::from_secs(100.0, 20.0, 30.0)?])?.aht()?;
    /// assert_eq!(aht.hold_secs(), 20.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn hold_secs(&self) -> f64 {
        self.mean_secs(self.hold_ns)
    }

    /// The mean after-contact work in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// let aht = cxkpi::AhtTally::from_contacts(&[cxkpi::HandleTime::from_secs(100.0, 20.0, 30.0)?])?.aht()?;
    /// assert_eq!(aht.wrap_secs(), 30.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn wrap_secs(&self) -> f64 {
        self.mean_secs(self.wrap_ns)
    }

    /// The number of handled contacts, at least 1.
    ///
    /// # Example
    ///
    /// ```
    /// let contact = cxkpi::HandleTime::from_secs(60.0, 0.0, 0.0)?;
    /// assert_eq!(cxkpi::AhtTally::from_contacts(&[contact; 3])?.aht()?.handled(), 3);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn handled(&self) -> u64 {
        self.handled
    }

    fn mean_secs(&self, total_ns: u128) -> f64 {
        mean_nanos_as_secs(total_ns, self.handled)
    }
}

impl fmt::Display for Aht {
    /// `AHT 255.0 s (talk 180.0 s, hold 30.0 s, wrap 45.0 s; n = 20)`; the
    /// precision (default 1) applies to every figure.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "AHT {:.p$} s (talk {:.p$} s, hold {:.p$} s, wrap {:.p$} s; n = {})",
            self.secs(),
            self.talk_secs(),
            self.hold_secs(),
            self.wrap_secs(),
            self.handled
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Aht {
    /// The mean and its three components in seconds, with the handled contacts.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Aht", 5)?;
        s.serialize_field("aht_s", &self.secs())?;
        s.serialize_field("talk_s", &self.talk_secs())?;
        s.serialize_field("hold_s", &self.hold_secs())?;
        s.serialize_field("wrap_s", &self.wrap_secs())?;
        s.serialize_field("handled", &self.handled)?;
        s.end()
    }
}

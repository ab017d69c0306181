//! Volume by hour of day, and the peak hours.

use core::fmt;

use crate::tally::{Fault, add_u64, tally};
use crate::{Domain, Error, Rate};

/// An hour of the day, 0 to 23.
///
/// # Example
///
/// ```
/// use cxkpi::HourOfDay;
///
/// assert_eq!(HourOfDay::new(9)?.get(), 9);
/// assert_eq!(HourOfDay::new(9)?.to_string(), "09:00");
/// assert!(HourOfDay::new(24).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u8", into = "u8"))]
pub struct HourOfDay(u8);

impl HourOfDay {
    /// The hour `hour`.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] unless `hour <= 23`.
    ///
    /// # Example
    ///
    /// ```
    /// let err = cxkpi::HourOfDay::new(24).unwrap_err();
    /// assert_eq!(err.to_string(), "hour of day 24 is out of range: it must be between 0 and 23");
    /// ```
    pub fn new(hour: u8) -> Result<HourOfDay, Error> {
        if hour < 24 {
            Ok(HourOfDay(hour))
        } else {
            Err(Error::out_of_range(
                "hour of day",
                hour,
                Domain::Between { min: 0, max: 23 },
            ))
        }
    }

    /// The hour, 0 to 23.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::HourOfDay::new(23)?.get(), 23);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for HourOfDay {
    type Error = Error;
    fn try_from(hour: u8) -> Result<HourOfDay, Error> {
        HourOfDay::new(hour)
    }
}

impl From<HourOfDay> for u8 {
    fn from(hour: HourOfDay) -> u8 {
        hour.0
    }
}

impl fmt::Display for HourOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:00", self.0)
    }
}

/// Contacts counted by hour of day: the daily profile and its peak hours.
///
/// Sources quote "peak hours" to staff for: the hours with the most
/// contacts. Merging adds the 24 counts.
///
/// # Example
///
/// ```
/// use cxkpi::{HourOfDay, HourlyVolume};
///
/// let hours = [9, 10, 10, 14, 10, 9].map(|h| HourOfDay::new(h).unwrap());
/// let volume: HourlyVolume = hours.into_iter().collect();
/// let (peak, calls) = volume.peak()?;
/// assert_eq!((peak.get(), calls), (10, 3));
/// assert_eq!(volume.share(peak)?.percent(), 50.0);
/// assert_eq!(volume.busiest(2).iter().map(|(h, _)| h.get()).collect::<Vec<_>>(), [10, 9]);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HourlyVolume {
    counts: [u64; 24],
    total: u64,
    fault: Fault,
}

impl HourlyVolume {
    /// No contacts yet.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// assert!(cxkpi::HourlyVolume::new().is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> HourlyVolume {
        HourlyVolume::default()
    }

    /// The contacts of one hour.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{HourOfDay, HourlyVolume};
    ///
    /// let volume: HourlyVolume = [HourOfDay::new(7)?].into_iter().collect();
    /// assert_eq!(volume.count(HourOfDay::new(7)?)?, 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn count(&self, hour: HourOfDay) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.counts[usize::from(hour.0)])
    }

    /// The 24 hours and their contacts, from 00:00 to 23:00.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::HourlyVolume::new().iter().count(), 24);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (HourOfDay, u64)> + '_ {
        (0..24_u8).map(|h| (HourOfDay(h), self.counts[usize::from(h)]))
    }

    /// The hour with the most contacts (the earliest on a tie), and its count.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without contacts, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let volume: cxkpi::HourlyVolume = [cxkpi::HourOfDay::new(18)?].into_iter().collect();
    /// assert_eq!(volume.peak()?.0.get(), 18);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn peak(&self) -> Result<(HourOfDay, u64), Error> {
        self.check()?;
        let mut best = (HourOfDay(0), self.counts[0]);
        for (hour, n) in self.iter() {
            if n > best.1 {
                best = (hour, n);
            }
        }
        Ok(best)
    }

    /// The `n` busiest hours, busiest first (the earlier hour first on a tie).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::HourlyVolume::new().busiest(3).iter().all(|&(_, n)| n == 0));
    /// ```
    pub fn busiest(&self, n: usize) -> alloc::vec::Vec<(HourOfDay, u64)> {
        let mut hours: alloc::vec::Vec<_> = self.iter().collect();
        hours.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        hours.truncate(n);
        hours
    }

    /// The share of all contacts that fall in `hour`.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without contacts, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{HourOfDay, HourlyVolume};
    ///
    /// let volume: HourlyVolume = [9, 9, 10, 11].map(|h| HourOfDay::new(h).unwrap()).into_iter().collect();
    /// assert_eq!(volume.share(HourOfDay::new(9)?)?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn share(&self, hour: HourOfDay) -> Result<Rate, Error> {
        self.check()?;
        Rate::new(self.counts[usize::from(hour.0)], self.total)
    }

    fn check(&self) -> Result<(), Error> {
        self.fault.check()?;
        if self.total == 0 {
            return Err(Error::empty("hourly volume", "no contacts"));
        }
        Ok(())
    }

    fn merge_counts(&mut self, other: &HourlyVolume) -> Result<(), Error> {
        self.total = add_u64(self.total, other.total, "contacts")?;
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine += theirs;
        }
        Ok(())
    }
}

impl HourlyVolume {
    fn add_one(&mut self, hour: HourOfDay) -> Result<(), Error> {
        self.total = add_u64(self.total, 1, "contacts")?;
        // An hour's count is at most the total, which fits.
        self.counts[usize::from(hour.0)] += 1;
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.total
    }

    const fn to_state(&self) -> HourlyVolumeState {
        HourlyVolumeState {
            by_hour: self.counts,
        }
    }

    /// Checks that the 24 counts sum within `u64`.
    fn check_state(state: HourlyVolumeState) -> Result<HourlyVolume, Error> {
        let mut total = 0_u64;
        for n in state.by_hour {
            total = add_u64(total, n, "contacts")?;
        }
        Ok(HourlyVolume {
            counts: state.by_hour,
            total,
            fault: Fault::default(),
        })
    }
}

tally!(HourlyVolume, HourOfDay, HourlyVolumeState, default);

/// The state of an [`HourlyVolume`]: the contacts of each hour, 00:00 first.
///
/// Wire format: `{"by_hour": ["0", "0", …, "12", …]}`, 24 decimal strings
/// (a JSON number is accepted too). Valid when the counts sum within `u64`.
///
/// # Example
///
/// ```
/// use cxkpi::{HourOfDay, HourlyVolume, HourlyVolumeState, Tally};
///
/// let mut by_hour = [0; 24];
/// by_hour[9] = 3;
/// let volume = HourlyVolume::from_state(HourlyVolumeState { by_hour })?;
/// assert_eq!(volume.peak()?, (HourOfDay::new(9)?, 3));
/// by_hour[10] = u64::MAX;
/// assert!(HourlyVolume::from_state(HourlyVolumeState { by_hour }).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HourlyVolumeState {
    /// Contacts per hour of the day, 00:00 to 23:00.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::hours"))]
    pub by_hour: [u64; 24],
}

/// The change from one period's volume to the next, in percent of the first.
///
/// # Formula
///
/// ```text
/// change = (after − before) × 100 / before        in [−100, ∞)
/// ```
///
/// # Errors
///
/// [`Error::empty`] when `before` is 0: a change from nothing has no percentage.
///
/// # Example
///
/// ```
/// assert_eq!(cxkpi::volume_change(200, 230)?, 15.0);
/// assert_eq!(cxkpi::volume_change(200, 150)?, -25.0);
/// assert!(cxkpi::volume_change(0, 5).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub fn volume_change(before: u64, after: u64) -> Result<f64, Error> {
    if before == 0 {
        return Err(Error::empty(
            "volume change",
            "no volume in the first period",
        ));
    }
    let diff = i128::from(after) - i128::from(before);
    Ok((diff * 100) as f64 / before as f64)
}

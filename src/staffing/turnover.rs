//! Staff turnover: leavers over the average headcount of a period.

use core::fmt;

use crate::tally::{Fault, add_u64, tally};
use crate::{Error, Tally};

/// One person's part in a period's headcount.
///
/// # Example
///
/// ```
/// use cxkpi::Tenure;
///
/// assert_ne!(Tenure::Stayed, Tenure::Left);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Tenure {
    /// On staff at the start and at the end of the period.
    Stayed,
    /// Hired during the period, on staff at its end.
    Joined,
    /// On staff at the start, left during the period.
    Left,
    /// Hired and left within the period.
    JoinedAndLeft,
}

/// A turnover rate, with the counts it came from.
///
/// # Example
///
/// ```
/// let t = cxkpi::TurnoverTally::from_counts(40, 44, 12)?.turnover()?;
/// assert_eq!(t.to_string(), "28.6% (12 leavers, average headcount 42)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Turnover {
    leavers: u64,
    /// Headcount at start + at end: twice the average, kept exact.
    headcount_sum: u128,
}

impl Turnover {
    /// Leavers × 100 / average headcount; may exceed 100 %.
    ///
    /// # Example
    ///
    /// ```
    /// let t = cxkpi::TurnoverTally::from_counts(10, 10, 3)?.turnover()?;
    /// assert_eq!(t.percent(), 30.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn percent(&self) -> f64 {
        // leavers × 200 / (start + end): one rounding of exact integers.
        (u128::from(self.leavers) * 200) as f64 / self.headcount_sum as f64
    }

    /// Leavers in the period.
    ///
    /// # Example
    ///
    /// ```
    /// let t = cxkpi::TurnoverTally::from_counts(10, 10, 3)?.turnover()?;
    /// assert_eq!(t.leavers(), 3);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn leavers(&self) -> u64 {
        self.leavers
    }

    /// (headcount at start + headcount at end) / 2.
    ///
    /// # Example
    ///
    /// ```
    /// let t = cxkpi::TurnoverTally::from_counts(10, 11, 3)?.turnover()?;
    /// assert_eq!(t.average_headcount(), 10.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn average_headcount(&self) -> f64 {
        self.headcount_sum as f64 / 2.0
    }
}

impl fmt::Display for Turnover {
    /// `28.6% (12 leavers, average headcount 42)`; the precision (default 1)
    /// applies to the percentage.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision().unwrap_or(1);
        write!(
            f,
            "{:.*}% ({} leavers, average headcount {})",
            precision,
            self.percent(),
            self.leavers,
            self.average_headcount()
        )
    }
}

/// The staff-turnover accumulator of one period: headcount at its start and
/// end, and leavers during it.
///
/// # Formula
///
/// ```text
/// average headcount = (headcount at start + headcount at end) / 2
/// turnover          = leavers × 100 / average headcount             ≥ 0 %, may exceed 100 %
/// ```
///
/// The definition is SHRM's: separations during the period (voluntary and
/// involuntary; a hire who leaves within the period counts) over the average
/// number of employees. The period (a month, a year) is the caller's: a
/// monthly rate is not an annual one, and tallies merge across teams of the
/// same period, not across periods. Source: our source documents quote "29 %
/// average turnover of service representatives". Variants: SHRM also averages
/// monthly headcounts over a year; add each month's tally of a team for
/// that average's numerator only with care (this tally keeps the two-point
/// average).
///
/// # Example
///
/// ```
/// use cxkpi::{Tenure, TurnoverTally};
///
/// let team: TurnoverTally = [Tenure::Stayed, Tenure::Stayed, Tenure::Left, Tenure::Joined, Tenure::JoinedAndLeft]
///     .into_iter()
///     .collect();
/// // Start 3, end 3, leavers 2: 2 × 100 / 3.
/// let t = team.turnover()?;
/// assert_eq!((t.leavers(), t.average_headcount()), (2, 3.0));
/// assert_eq!(format!("{:.2}", t.percent()), "66.67");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: an impossible period
///
/// ```
/// use cxkpi::{ErrorKind, TurnoverTally};
///
/// // 10 at the start, 2 left, only 5 at the end: 3 people are unaccounted for.
/// assert_eq!(TurnoverTally::from_counts(10, 5, 2).unwrap_err().kind(), ErrorKind::Inconsistent);
/// ```
///
/// Its [`len`](Tally::len) counts the people: everyone on staff at the end,
/// and every leaver.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TurnoverTally {
    start: u64,
    end: u64,
    leavers: u64,
    fault: Fault,
}

/// The state of a [`TurnoverTally`].
///
/// Invariant, checked by [`from_state`](crate::Tally::from_state): everyone on staff
/// at the start either left or is there at the end, `headcount_at_start ≤
/// headcount_at_end + leavers`, and that sum (the people counted) fits a
/// `u64`.
///
/// # Example
///
/// ```
/// use cxkpi::{TurnoverState, TurnoverTally};
/// use cxkpi::Tally;
///
/// let state = TurnoverState { headcount_at_start: 40, headcount_at_end: 44, leavers: 12 };
/// assert_eq!(TurnoverTally::from_state(state)?.state()?, state);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TurnoverState {
    /// People on staff at the start of the period.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub headcount_at_start: u64,
    /// People on staff at the end of the period.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub headcount_at_end: u64,
    /// Separations during the period.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub leavers: u64,
}

impl TurnoverTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Tally, TurnoverTally};
    ///
    /// assert_eq!(TurnoverTally::new().len()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> TurnoverTally {
        TurnoverTally::default()
    }

    /// The tally of a period from its headcounts and leavers.
    ///
    /// # Errors
    ///
    /// An `inconsistent` error when `headcount_at_start > headcount_at_end +
    /// leavers`, an `overflow` error when that sum passes `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// let t = cxkpi::TurnoverTally::from_counts(100, 100, 29)?;
    /// assert_eq!(t.turnover()?.percent(), 29.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(
        headcount_at_start: u64,
        headcount_at_end: u64,
        leavers: u64,
    ) -> Result<TurnoverTally, Error> {
        TurnoverTally::from_state(TurnoverState {
            headcount_at_start,
            headcount_at_end,
            leavers,
        })
    }

    /// The turnover rate of the period.
    ///
    /// # Errors
    ///
    /// An `empty` error when both headcounts are 0, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{ErrorKind, TurnoverTally};
    ///
    /// let err = TurnoverTally::from_counts(0, 0, 3)?.turnover().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Empty);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn turnover(&self) -> Result<Turnover, Error> {
        self.fault.check()?;
        let headcount_sum = u128::from(self.start) + u128::from(self.end);
        if headcount_sum == 0 {
            return Err(Error::empty("staff turnover", "the average headcount is 0"));
        }
        Ok(Turnover {
            leavers: self.leavers,
            headcount_sum,
        })
    }

    fn merge_counts(&mut self, other: &TurnoverTally) -> Result<(), Error> {
        // Start ≤ end + leavers = people, and end, leavers ≤ people: the
        // people's sum fitting means every sum fits.
        add_u64(
            self.end + self.leavers,
            other.end + other.leavers,
            "people counted in turnover",
        )?;
        self.start += other.start;
        self.end += other.end;
        self.leavers += other.leavers;
        Ok(())
    }

    fn add_one(&mut self, tenure: Tenure) -> Result<(), Error> {
        // Every person adds one to end + leavers, the people counted.
        add_u64(self.end + self.leavers, 1, "people counted in turnover")?;
        let (start, end, left) = match tenure {
            Tenure::Stayed => (1, 1, 0),
            Tenure::Joined => (0, 1, 0),
            Tenure::Left => (1, 0, 1),
            Tenure::JoinedAndLeft => (0, 0, 1),
        };
        self.start += start;
        self.end += end;
        self.leavers += left;
        Ok(())
    }

    /// The people counted: everyone on staff at the end, and every leaver
    /// (the invariant keeps the sum within a `u64`).
    const fn observations(&self) -> u64 {
        self.end + self.leavers
    }

    const fn to_state(&self) -> TurnoverState {
        TurnoverState {
            headcount_at_start: self.start,
            headcount_at_end: self.end,
            leavers: self.leavers,
        }
    }

    fn check_state(s: TurnoverState) -> Result<TurnoverTally, Error> {
        let people = add_u64(s.headcount_at_end, s.leavers, "headcount_at_end + leavers")?;
        if s.headcount_at_start > people {
            return Err(Error::inconsistent(
                "headcount_at_start",
                s.headcount_at_start,
                "headcount_at_end + leavers",
                people,
            ));
        }
        Ok(TurnoverTally {
            start: s.headcount_at_start,
            end: s.headcount_at_end,
            leavers: s.leavers,
            fault: Fault::default(),
        })
    }
}

tally!(TurnoverTally, Tenure, TurnoverState, default);

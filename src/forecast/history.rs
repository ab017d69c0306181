//! The history of arrivals per week × interval of the week: what every
//! forecast method reads.

use alloc::vec;
use alloc::vec::Vec;

use crate::tally::{Fault, add_u64, tally};
use crate::time::{IntervalLength, WeekInterval};
use crate::{Domain, Error, Tally};

/// The longest span a history may cover: 1 044 weeks, about 20 years (at
/// 15-minute intervals, 701 568 counts, 5.6 MB), so that no week number in
/// a payload can make a merge allocate without bound.
pub const MAX_WEEKS: u32 = 1044;

/// One arrival (a call, a chat, a ticket) in week `week` and slot `slot`.
///
/// Weeks are numbered from the week of Monday 5 January 1970 (week 0), so
/// histories built in different places line up when merged; with the
/// `chrono` feature [`Arrival::at`] computes both fields from a timestamp,
/// on the local clock of its time zone. A day with a daylight-saving change
/// keeps its clock intervals: the 02:00 interval of the spring change holds
/// no arrival, and that of the autumn change the arrivals of both hours, as
/// a staffing plan on the local clock needs.
///
/// # Example
///
/// ```
/// use cxkpi::Arrival;
/// use cxkpi::time::{IntervalLength, WeekInterval};
///
/// let arrival = Arrival::new(1520, WeekInterval::from_index(IntervalLength::Hour, 9)?);
/// assert_eq!(arrival.slot.to_string(), "Mon 09:00");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Arrival {
    /// The week, counted from the week of Monday 1970-01-05.
    pub week: i32,
    /// The interval of the week.
    pub slot: WeekInterval,
}

impl Arrival {
    /// The arrival in `week` at `slot`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Arrival;
    /// use cxkpi::time::{IntervalLength, WeekInterval};
    ///
    /// assert_eq!(Arrival::new(0, WeekInterval::from_index(IntervalLength::Hour, 0)?).week, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn new(week: i32, slot: WeekInterval) -> Arrival {
        Arrival { week, slot }
    }
}

#[cfg(feature = "chrono")]
mod clock {
    use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};

    use super::Arrival;
    use crate::time::{IntervalLength, WeekInterval};

    /// Monday 1970-01-05, the first day of week 0.
    fn epoch() -> NaiveDate {
        // A valid date, whose construction cannot fail.
        NaiveDate::from_ymd_opt(1970, 1, 5).unwrap_or(NaiveDate::MIN)
    }

    impl Arrival {
        /// The week number of the local date `date`: weeks since the week of
        /// Monday 1970-01-05 (negative before it).
        ///
        /// # Example
        ///
        /// ```
        /// use chrono::NaiveDate;
        /// use cxkpi::Arrival;
        ///
        /// let monday = NaiveDate::from_ymd_opt(1999, 2, 22).unwrap();
        /// let sunday = NaiveDate::from_ymd_opt(1999, 2, 28).unwrap();
        /// assert_eq!(Arrival::week_of(monday), Arrival::week_of(sunday));
        /// assert_eq!(Arrival::week_of(NaiveDate::from_ymd_opt(1970, 1, 4).unwrap()), -1);
        /// ```
        pub fn week_of(date: NaiveDate) -> i32 {
            let days = date.signed_duration_since(epoch()).num_days();
            // chrono's dates span ±262 143 years: ±13.7 million weeks fit an i32.
            #[allow(clippy::cast_possible_truncation)]
            let week = days.div_euclid(7) as i32;
            week
        }

        /// The Monday that starts week `week`.
        ///
        /// # Example
        ///
        /// ```
        /// use chrono::NaiveDate;
        /// use cxkpi::Arrival;
        ///
        /// let week = Arrival::week_of(NaiveDate::from_ymd_opt(1999, 2, 24).unwrap());
        /// assert_eq!(Arrival::monday_of(week), NaiveDate::from_ymd_opt(1999, 2, 22));
        /// ```
        pub fn monday_of(week: i32) -> Option<NaiveDate> {
            epoch().checked_add_signed(chrono::TimeDelta::try_days(i64::from(week) * 7)?)
        }

        /// The arrival at the local date and time `at`.
        ///
        /// # Example
        ///
        /// ```
        /// use chrono::NaiveDate;
        /// use cxkpi::Arrival;
        /// use cxkpi::time::IntervalLength;
        ///
        /// let at = NaiveDate::from_ymd_opt(1999, 2, 28).unwrap().and_hms_opt(23, 59, 0).unwrap();
        /// assert_eq!(Arrival::at_naive(IntervalLength::Hour, at).slot.to_string(), "Sun 23:00");
        /// ```
        pub fn at_naive(length: IntervalLength, at: NaiveDateTime) -> Arrival {
            Arrival {
                week: Arrival::week_of(at.date()),
                slot: WeekInterval::of_naive(length, at),
            }
        }

        /// The arrival at the instant `at`, on the local clock of its time zone.
        ///
        /// # Example
        ///
        /// ```
        /// use chrono::TimeZone;
        /// use chrono_tz::Europe::Paris;
        /// use cxkpi::Arrival;
        /// use cxkpi::time::IntervalLength;
        ///
        /// let at = Paris.with_ymd_and_hms(2024, 3, 31, 3, 10, 0).unwrap(); // just after the change
        /// assert_eq!(Arrival::at(IntervalLength::HalfHour, &at).slot.to_string(), "Sun 03:00");
        /// ```
        pub fn at<Tz: TimeZone>(length: IntervalLength, at: &DateTime<Tz>) -> Arrival {
            Arrival::at_naive(length, at.naive_local())
        }
    }
}

/// Arrivals counted per week and interval of the week: a volume history that
/// merges, from which [`Method`](super::Method)s forecast.
///
/// The history covers a contiguous span of whole weeks, from
/// [`first_week`](History::first_week) for [`weeks`](History::weeks) weeks;
/// an interval inside the span without arrivals counts 0 (a closed night is
/// a zero, not a gap). Recording or merging extends the span to cover both
/// sides, and [`record_count`](History::record_count) with a count of 0
/// marks a week as observed. Merging adds the counts slot by slot, so
/// histories per site, per queue or per month add up exactly; histories
/// with different interval lengths refuse to merge.
///
/// # Example
///
/// ```
/// use cxkpi::{Merge, Tally};
/// use cxkpi::{Arrival, History};
/// use cxkpi::time::{IntervalLength, WeekInterval};
///
/// let hour = IntervalLength::Hour;
/// let nine = WeekInterval::from_index(hour, 9)?; // Monday 09:00
/// let mut site_a = History::new(hour);
/// site_a.try_record(Arrival::new(10, nine))?;
/// let mut site_b = History::new(hour);
/// site_b.record_count(11, nine, 5)?;
/// site_a.try_merge(&site_b)?;
/// assert_eq!((site_a.first_week(), site_a.weeks()), (10, 2));
/// assert_eq!(site_a.count(11, nine)?, 5);
/// assert_eq!(site_a.len()?, 6);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    length: IntervalLength,
    first_week: i32,
    /// Week-major: `counts[w × per_week + slot]`.
    counts: Vec<u64>,
    total: u64,
    fault: Fault,
}

/// The state of a [`History`]: its interval length, its first week and its
/// counts, week-major (`counts[w × per_week + slot]`, slots from Monday
/// 00:00).
///
/// Serialized as `{"interval_min": 60, "first_week": 1521, "counts": ["0", …]}`,
/// counts as decimal strings (the wire format).
///
/// # Example
///
/// ```
/// use cxkpi::Tally;
/// use cxkpi::{History, HistoryState};
/// use cxkpi::time::IntervalLength;
///
/// let state = HistoryState { length: IntervalLength::Hour, first_week: 3, counts: vec![1; 168] };
/// let history = History::from_state(state)?;
/// assert_eq!(history.len()?, 168);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HistoryState {
    /// The interval length (minutes on the wire, as `interval_min`).
    #[cfg_attr(feature = "serde", serde(rename = "interval_min"))]
    pub length: IntervalLength,
    /// The first week of the span (0 when the history is empty).
    pub first_week: i32,
    /// The counts, a whole number of weeks.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::ints"))]
    pub counts: Vec<u64>,
}

impl History {
    /// No arrivals yet, in intervals of `length`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// let history = cxkpi::History::new(cxkpi::time::IntervalLength::HalfHour);
    /// assert!(history.is_empty()?);
    /// assert_eq!(history.weeks(), 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(length: IntervalLength) -> History {
        History {
            length,
            first_week: 0,
            counts: Vec::new(),
            total: 0,
            fault: Fault::default(),
        }
    }

    /// The history of whole weeks of `counts` (week-major, slots from
    /// Monday 00:00), starting at `first_week`.
    ///
    /// # Errors
    ///
    /// As [`Tally::from_state`].
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::History;
    /// use cxkpi::time::IntervalLength;
    ///
    /// let err = History::from_counts(IntervalLength::Hour, 0, &[1, 2, 3]).unwrap_err();
    /// assert_eq!(err.to_string(), "counts (3 values) and whole weeks of intervals (168 values) must have the same length");
    /// ```
    pub fn from_counts(
        length: IntervalLength,
        first_week: i32,
        counts: &[u64],
    ) -> Result<History, Error> {
        History::from_state(HistoryState {
            length,
            first_week,
            counts: counts.to_vec(),
        })
    }

    /// The interval length.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::IntervalLength;
    ///
    /// assert_eq!(cxkpi::History::new(IntervalLength::Hour).length(), IntervalLength::Hour);
    /// ```
    pub const fn length(&self) -> IntervalLength {
        self.length
    }

    /// The first week of the span (0 for an empty history).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::History::new(cxkpi::time::IntervalLength::Hour).first_week(), 0);
    /// ```
    pub const fn first_week(&self) -> i32 {
        self.first_week
    }

    /// The weeks the span covers.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::History;
    /// use cxkpi::time::IntervalLength;
    ///
    /// assert_eq!(History::from_counts(IntervalLength::Hour, 7, &[0; 336])?.weeks(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn weeks(&self) -> u32 {
        // At most MAX_WEEKS, which fits.
        #[allow(clippy::cast_possible_truncation)]
        let weeks = (self.counts.len() / usize::from(self.length.per_week())) as u32;
        weeks
    }

    /// The counts, week-major, from Monday 00:00 of the first week: the
    /// series the methods read.
    ///
    /// # Errors
    ///
    /// The history's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::History;
    /// use cxkpi::time::IntervalLength;
    ///
    /// let history = History::from_counts(IntervalLength::Hour, 0, &[2; 168])?;
    /// assert_eq!(history.series()?.len(), 168);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn series(&self) -> Result<&[u64], Error> {
        self.fault.check()?;
        Ok(&self.counts)
    }

    /// The arrivals of `slot` in `week`: 0 outside the span.
    ///
    /// # Errors
    ///
    /// [`Error::mismatch`] when `slot` has another interval length; the
    /// history's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::History;
    /// use cxkpi::time::{IntervalLength, WeekInterval};
    ///
    /// let history = History::from_counts(IntervalLength::Hour, 4, &[1; 168])?;
    /// let slot = WeekInterval::from_index(IntervalLength::Hour, 10)?;
    /// assert_eq!((history.count(4, slot)?, history.count(5, slot)?), (1, 0));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn count(&self, week: i32, slot: WeekInterval) -> Result<u64, Error> {
        self.fault.check()?;
        self.check_length(slot)?;
        Ok(self
            .position(week, slot)
            .and_then(|i| self.counts.get(i))
            .copied()
            .unwrap_or(0))
    }

    /// Adds `n` arrivals in `week` at `slot` (`n = 0` marks the week as
    /// observed, extending the span).
    ///
    /// # Errors
    ///
    /// [`Error::mismatch`] when `slot` has another interval length,
    /// [`Error::out_of_range`] when the span would pass [`MAX_WEEKS`],
    /// [`Error::overflow`] when the total passes `u64::MAX`; the history's
    /// fault. On error the history is unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    /// use cxkpi::History;
    /// use cxkpi::time::{IntervalLength, WeekInterval};
    ///
    /// let mut history = History::new(IntervalLength::Hour);
    /// history.record_count(0, WeekInterval::from_index(IntervalLength::Hour, 0)?, u64::MAX)?;
    /// let slot = WeekInterval::from_index(IntervalLength::Hour, 1)?;
    /// assert!(history.record_count(0, slot, 1).is_err());
    /// assert_eq!(history.len()?, u64::MAX);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn record_count(&mut self, week: i32, slot: WeekInterval, n: u64) -> Result<(), Error> {
        self.fault.check()?;
        self.check_length(slot)?;
        let total = add_u64(self.total, n, "arrivals")?;
        self.cover(week, week)?;
        if let Some(count) = self
            .position(week, slot)
            .and_then(|i| self.counts.get_mut(i))
        {
            // A slot's count is at most the total, which fits.
            *count += n;
        }
        self.total = total;
        Ok(())
    }

    /// The history cut after its first `weeks` weeks, and the rest: a
    /// training span and a holdout.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] unless `weeks <= self.weeks()`; the history's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::History;
    /// use cxkpi::time::IntervalLength;
    ///
    /// let history = History::from_counts(IntervalLength::Hour, 0, &[1; 3 * 168])?;
    /// let (train, test) = history.split_at_week(2)?;
    /// assert_eq!((train.weeks(), test.weeks(), test.first_week()), (2, 1, 2));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn split_at_week(&self, weeks: u32) -> Result<(History, History), Error> {
        self.fault.check()?;
        if weeks > self.weeks() {
            return Err(Error::out_of_range(
                "training weeks",
                weeks,
                Domain::Between {
                    min: 0,
                    max: i64::from(self.weeks()),
                },
            ));
        }
        let cut = weeks as usize * usize::from(self.length.per_week());
        let (head, tail) = self.counts.split_at(cut);
        // Both halves of a valid history are valid histories.
        let part = |first_week: i32, counts: &[u64]| {
            History::from_counts(
                self.length,
                if counts.is_empty() { 0 } else { first_week },
                counts,
            )
        };
        // weeks ≤ MAX_WEEKS, so the week number stays within i32 span of the history.
        #[allow(clippy::cast_possible_wrap)]
        let tail_first = self.first_week.saturating_add(weeks as i32);
        Ok((part(self.first_week, head)?, part(tail_first, tail)?))
    }

    fn check_length(&self, slot: WeekInterval) -> Result<(), Error> {
        if slot.length() == self.length {
            Ok(())
        } else {
            Err(Error::mismatch(
                "history interval lengths (min)",
                self.length.minutes(),
                slot.length().minutes(),
            ))
        }
    }

    /// The index of `slot` of `week` in `counts`, if inside the span.
    fn position(&self, week: i32, slot: WeekInterval) -> Option<usize> {
        let offset = i64::from(week) - i64::from(self.first_week);
        let offset = usize::try_from(offset).ok()?;
        (offset < self.weeks() as usize).then(|| {
            offset * usize::from(self.length.per_week()) + usize::from(slot.index_in_week())
        })
    }

    /// Extends the span to cover weeks `from..=to`, with zeros.
    fn cover(&mut self, from: i32, to: i32) -> Result<(), Error> {
        let (first, last) = if self.counts.is_empty() {
            (from, to)
        } else {
            let last = i64::from(self.first_week) + i64::from(self.weeks()) - 1;
            (
                from.min(self.first_week),
                // `last` lies between two i32 week numbers.
                #[allow(clippy::cast_possible_truncation)]
                to.max(last as i32),
            )
        };
        let span = i64::from(last) - i64::from(first) + 1;
        if span > i64::from(MAX_WEEKS) {
            return Err(Error::out_of_range(
                "history span (weeks)",
                span,
                Domain::Between {
                    min: 1,
                    max: i64::from(MAX_WEEKS),
                },
            ));
        }
        let per_week = usize::from(self.length.per_week());
        // 1 ≤ span ≤ MAX_WEEKS.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let mut counts = vec![0_u64; span as usize * per_week];
        if !self.counts.is_empty() {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let at = (i64::from(self.first_week) - i64::from(first)) as usize * per_week;
            counts[at..at + self.counts.len()].copy_from_slice(&self.counts);
        }
        self.counts = counts;
        self.first_week = first;
        Ok(())
    }

    fn merge_counts(&mut self, other: &History) -> Result<(), Error> {
        if self.length != other.length {
            return Err(Error::mismatch(
                "history interval lengths (min)",
                self.length.minutes(),
                other.length.minutes(),
            ));
        }
        if other.counts.is_empty() {
            return Ok(());
        }
        let total = add_u64(self.total, other.total, "arrivals")?;
        let mut merged = self.clone();
        #[allow(clippy::cast_possible_wrap)]
        let other_last = other.first_week + other.weeks() as i32 - 1;
        merged.cover(other.first_week, other_last)?;
        let per_week = usize::from(self.length.per_week());
        // `other` lies inside the merged span.
        #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
        let at = (i64::from(other.first_week) - i64::from(merged.first_week)) as usize * per_week;
        for (mine, theirs) in merged.counts[at..].iter_mut().zip(&other.counts) {
            // Each count is at most the merged total, which fits.
            *mine += theirs;
        }
        merged.total = total;
        *self = merged;
        Ok(())
    }

    fn add_one(&mut self, arrival: Arrival) -> Result<(), Error> {
        self.record_count(arrival.week, arrival.slot, 1)
    }

    const fn observations(&self) -> u64 {
        self.total
    }

    fn to_state(&self) -> HistoryState {
        HistoryState {
            length: self.length,
            first_week: self.first_week,
            counts: self.counts.clone(),
        }
    }

    fn check_state(state: HistoryState) -> Result<History, Error> {
        let per_week = usize::from(state.length.per_week());
        if state.counts.len() % per_week != 0 {
            return Err(Error::length_mismatch(
                "counts",
                state.counts.len(),
                "whole weeks of intervals",
                state.counts.len().div_ceil(per_week) * per_week,
            ));
        }
        let weeks = state.counts.len() / per_week;
        if weeks > MAX_WEEKS as usize {
            return Err(Error::out_of_range(
                "history span (weeks)",
                weeks as u64,
                Domain::Between {
                    min: 0,
                    max: i64::from(MAX_WEEKS),
                },
            ));
        }
        if weeks == 0 && state.first_week != 0 {
            return Err(Error::out_of_range(
                "first_week of an empty history",
                state.first_week,
                Domain::Between { min: 0, max: 0 },
            ));
        }
        // The last week must be an i32 as well.
        #[allow(clippy::cast_possible_wrap, clippy::cast_possible_truncation)]
        if weeks > 0 && state.first_week.checked_add(weeks as i32 - 1).is_none() {
            return Err(Error::out_of_range(
                "first_week",
                state.first_week,
                Domain::Between {
                    min: i64::from(i32::MIN),
                    max: i64::from(i32::MAX) - weeks as i64 + 1,
                },
            ));
        }
        let mut total = 0_u64;
        for &n in &state.counts {
            total = add_u64(total, n, "arrivals")?;
        }
        Ok(History {
            length: state.length,
            first_week: state.first_week,
            counts: state.counts,
            total,
            fault: Fault::default(),
        })
    }
}

impl History {
    /// Counts one arrival; a failure becomes the history's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    /// use cxkpi::{Arrival, History};
    /// use cxkpi::time::{IntervalLength, WeekInterval};
    ///
    /// let mut history = History::new(IntervalLength::Hour);
    /// history.record(Arrival::new(0, WeekInterval::from_index(IntervalLength::HalfHour, 0)?));
    /// assert_eq!(history.len().unwrap_err().kind(), cxkpi::ErrorKind::InvalidParameter);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn record(&mut self, arrival: Arrival) {
        Tally::record(self, arrival);
    }
}

tally!(History, Arrival, HistoryState);

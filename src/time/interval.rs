//! Intervals of the day (15, 30 or 60 minutes) and of the week: the unit of
//! staffing, as breakdown keys, history slots and plan rows.

use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use crate::staffing::{Model, Plan, StaffingTarget, Workload};
use crate::{Domain, Error, HourOfDay};

/// The length of the intervals a day is cut into: 15, 30 or 60 minutes, the
/// lengths workforce-management tools staff by.
///
/// # Example
///
/// ```
/// use cxkpi::time::IntervalLength;
///
/// assert_eq!(IntervalLength::HalfHour.minutes(), 30);
/// assert_eq!(IntervalLength::HalfHour.per_day(), 48);
/// assert_eq!(IntervalLength::new(15)?, IntervalLength::QuarterHour);
/// assert!(IntervalLength::new(20).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u16", into = "u16"))]
pub enum IntervalLength {
    /// 15 minutes: 96 intervals a day.
    QuarterHour,
    /// 30 minutes: 48 intervals a day.
    HalfHour,
    /// 60 minutes: 24 intervals a day.
    Hour,
}

impl IntervalLength {
    /// Every length, shortest first.
    pub const ALL: [IntervalLength; 3] = [
        IntervalLength::QuarterHour,
        IntervalLength::HalfHour,
        IntervalLength::Hour,
    ];

    /// The length of `minutes` minutes.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless `minutes` is 15, 30 or 60.
    ///
    /// # Example
    ///
    /// ```
    /// let err = cxkpi::time::IntervalLength::new(45).unwrap_err();
    /// assert_eq!(err.to_string(), "interval length (min) 45 is invalid: it must be between 15 and 60");
    /// ```
    pub fn new(minutes: u16) -> Result<IntervalLength, Error> {
        match minutes {
            15 => Ok(IntervalLength::QuarterHour),
            30 => Ok(IntervalLength::HalfHour),
            60 => Ok(IntervalLength::Hour),
            // The message names the range; the docs name the three values.
            other => Err(Error::invalid_parameter(
                "interval length (min)",
                other,
                Domain::Between { min: 15, max: 60 },
            )),
        }
    }

    /// The length in minutes: 15, 30 or 60.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::time::IntervalLength::Hour.minutes(), 60);
    /// ```
    pub const fn minutes(self) -> u16 {
        match self {
            IntervalLength::QuarterHour => 15,
            IntervalLength::HalfHour => 30,
            IntervalLength::Hour => 60,
        }
    }

    /// The intervals in a day of 24 hours: 96, 48 or 24.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::time::IntervalLength::QuarterHour.per_day(), 96);
    /// ```
    pub const fn per_day(self) -> u16 {
        1440 / self.minutes()
    }

    /// The intervals in a week of seven such days: 672, 336 or 168.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::time::IntervalLength::Hour.per_week(), 168);
    /// ```
    pub const fn per_week(self) -> u16 {
        7 * self.per_day()
    }

    /// The length as a [`Duration`], for a [`Workload`] or
    /// [`Plan::uniform`].
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// assert_eq!(cxkpi::time::IntervalLength::HalfHour.duration(), Duration::from_secs(1800));
    /// ```
    pub const fn duration(self) -> Duration {
        Duration::from_secs(self.secs() as u64)
    }

    /// The length in seconds.
    pub(crate) const fn secs(self) -> u32 {
        self.minutes() as u32 * 60
    }
}

impl TryFrom<u16> for IntervalLength {
    type Error = Error;
    fn try_from(minutes: u16) -> Result<IntervalLength, Error> {
        IntervalLength::new(minutes)
    }
}

impl From<IntervalLength> for u16 {
    fn from(length: IntervalLength) -> u16 {
        length.minutes()
    }
}

impl From<IntervalLength> for Duration {
    fn from(length: IntervalLength) -> Duration {
        length.duration()
    }
}

impl fmt::Display for IntervalLength {
    /// `15 min`, `30 min`, `60 min`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} min", self.minutes())
    }
}

/// One interval of the local clock day: its length and its index from
/// midnight (09:30–10:00 is index 19 of the half-hours).
///
/// Keys order by length, then by time of day, so a
/// [`Breakdown`](crate::Breakdown) keyed by `IntervalOfDay` (or by a tuple
/// with one, such as `(agent, IntervalOfDay)`) lists a day in clock order.
///
/// # Example
///
/// ```
/// use cxkpi::{Breakdown, WaitTally, Waited};
/// use cxkpi::time::{IntervalLength, IntervalOfDay};
/// use core::time::Duration;
///
/// let half = IntervalLength::HalfHour;
/// let at = IntervalOfDay::containing(half, 9 * 3600 + 45 * 60)?; // 09:45
/// assert_eq!(at.to_string(), "09:30");
/// assert_eq!(at.index(), 19);
///
/// let mut waits = Breakdown::<IntervalOfDay, WaitTally>::default();
/// waits.record(at, Waited::Answered(Duration::from_secs(20)));
/// assert_eq!(waits.get(&at).unwrap().asa()?.secs(), 20.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "IntervalOfDayParts", into = "IntervalOfDayParts")
)]
pub struct IntervalOfDay {
    length: IntervalLength,
    index: u16,
}

impl IntervalOfDay {
    /// Interval `index` (from 0 at midnight) of a day cut into `length`s.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] unless `index < length.per_day()`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{IntervalLength, IntervalOfDay};
    ///
    /// assert_eq!(IntervalOfDay::new(IntervalLength::QuarterHour, 95)?.to_string(), "23:45");
    /// let err = IntervalOfDay::new(IntervalLength::HalfHour, 48).unwrap_err();
    /// assert_eq!(err.to_string(), "interval of the day 48 is out of range: it must be between 0 and 47");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(length: IntervalLength, index: u16) -> Result<IntervalOfDay, Error> {
        if index < length.per_day() {
            Ok(IntervalOfDay { length, index })
        } else {
            Err(Error::out_of_range(
                "interval of the day",
                index,
                Domain::Between {
                    min: 0,
                    max: i64::from(length.per_day()) - 1,
                },
            ))
        }
    }

    /// The interval holding the clock time `secs_of_day` seconds after midnight.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] unless `secs_of_day < 86 400`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{IntervalLength, IntervalOfDay};
    ///
    /// let at = IntervalOfDay::containing(IntervalLength::QuarterHour, 14 * 3600 + 29 * 60 + 59)?;
    /// assert_eq!(at.to_string(), "14:15");
    /// assert!(IntervalOfDay::containing(IntervalLength::Hour, 86_400).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn containing(length: IntervalLength, secs_of_day: u32) -> Result<IntervalOfDay, Error> {
        if secs_of_day >= 86_400 {
            return Err(Error::out_of_range(
                "seconds of the day",
                secs_of_day,
                Domain::Between {
                    min: 0,
                    max: 86_399,
                },
            ));
        }
        // Below 86 400 / 900 = 96, which fits a u16.
        #[allow(clippy::cast_possible_truncation)]
        let index = (secs_of_day / length.secs()) as u16;
        Ok(IntervalOfDay { length, index })
    }

    /// The interval's length.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{IntervalLength, IntervalOfDay};
    ///
    /// assert_eq!(IntervalOfDay::new(IntervalLength::Hour, 9)?.length(), IntervalLength::Hour);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn length(self) -> IntervalLength {
        self.length
    }

    /// The index from midnight: 0 to `length.per_day() − 1`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{IntervalLength, IntervalOfDay};
    ///
    /// assert_eq!(IntervalOfDay::new(IntervalLength::Hour, 9)?.index(), 9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn index(self) -> u16 {
        self.index
    }

    /// Minutes from midnight to the interval's start.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{IntervalLength, IntervalOfDay};
    ///
    /// assert_eq!(IntervalOfDay::new(IntervalLength::HalfHour, 19)?.start_minute(), 570);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn start_minute(self) -> u16 {
        self.index * self.length.minutes()
    }

    /// Seconds from midnight to the interval's start.
    #[cfg(feature = "chrono")]
    pub(crate) const fn start_secs(self) -> u32 {
        self.index as u32 * self.length.secs()
    }

    /// The intervals of a whole day, from midnight.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{IntervalLength, IntervalOfDay};
    ///
    /// let day: Vec<_> = IntervalOfDay::day(IntervalLength::HalfHour).collect();
    /// assert_eq!(day.len(), 48);
    /// assert_eq!(day[47].to_string(), "23:30");
    /// ```
    pub fn day(length: IntervalLength) -> impl Iterator<Item = IntervalOfDay> {
        (0..length.per_day()).map(move |index| IntervalOfDay { length, index })
    }
}

impl From<HourOfDay> for IntervalOfDay {
    /// The hour as a 60-minute interval.
    fn from(hour: HourOfDay) -> IntervalOfDay {
        IntervalOfDay {
            length: IntervalLength::Hour,
            index: u16::from(hour.get()),
        }
    }
}

impl TryFrom<IntervalOfDay> for HourOfDay {
    type Error = Error;
    /// The hour of a 60-minute interval.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] for a 15- or 30-minute interval.
    fn try_from(interval: IntervalOfDay) -> Result<HourOfDay, Error> {
        if interval.length != IntervalLength::Hour {
            return Err(Error::invalid_parameter(
                "interval length (min) of an hour",
                interval.length.minutes(),
                Domain::Between { min: 60, max: 60 },
            ));
        }
        // Below 24 for hour intervals.
        #[allow(clippy::cast_possible_truncation)]
        HourOfDay::new(interval.index as u8)
    }
}

impl fmt::Display for IntervalOfDay {
    /// The start on the clock, `HH:MM`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.start_minute();
        write!(f, "{:02}:{:02}", m / 60, m % 60)
    }
}

/// The serialized form of an [`IntervalOfDay`]: its length in minutes and
/// its index from midnight.
#[cfg(feature = "serde")]
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IntervalOfDayParts {
    minutes: u16,
    index: u16,
}

#[cfg(feature = "serde")]
impl TryFrom<IntervalOfDayParts> for IntervalOfDay {
    type Error = Error;
    fn try_from(parts: IntervalOfDayParts) -> Result<IntervalOfDay, Error> {
        IntervalOfDay::new(IntervalLength::new(parts.minutes)?, parts.index)
    }
}

#[cfg(feature = "serde")]
impl From<IntervalOfDay> for IntervalOfDayParts {
    fn from(interval: IntervalOfDay) -> IntervalOfDayParts {
        IntervalOfDayParts {
            minutes: interval.length.minutes(),
            index: interval.index,
        }
    }
}

/// A day of the week, Monday first (ISO 8601).
///
/// # Example
///
/// ```
/// use cxkpi::time::DayOfWeek;
///
/// assert_eq!(DayOfWeek::new(0)?, DayOfWeek::Monday);
/// assert_eq!(DayOfWeek::Sunday.index(), 6);
/// assert_eq!(DayOfWeek::Friday.to_string(), "Fri");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[allow(missing_docs)]
pub enum DayOfWeek {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl DayOfWeek {
    /// The seven days, Monday first.
    pub const ALL: [DayOfWeek; 7] = [
        DayOfWeek::Monday,
        DayOfWeek::Tuesday,
        DayOfWeek::Wednesday,
        DayOfWeek::Thursday,
        DayOfWeek::Friday,
        DayOfWeek::Saturday,
        DayOfWeek::Sunday,
    ];

    /// The day `index` days after Monday.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] unless `index <= 6`.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::time::DayOfWeek::new(7).is_err());
    /// ```
    pub fn new(index: u8) -> Result<DayOfWeek, Error> {
        DayOfWeek::ALL
            .get(usize::from(index))
            .copied()
            .ok_or_else(|| {
                Error::out_of_range("day of the week", index, Domain::Between { min: 0, max: 6 })
            })
    }

    /// Days since Monday: 0 to 6.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::time::DayOfWeek::Wednesday.index(), 2);
    /// ```
    pub const fn index(self) -> u8 {
        self as u8
    }
}

impl fmt::Display for DayOfWeek {
    /// `Mon` … `Sun`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        f.write_str(names[usize::from(self.index())])
    }
}

/// One interval of the week: a [`DayOfWeek`] × an [`IntervalOfDay`], the
/// seasonal slot of a volume forecast ("Tuesdays 09:30").
///
/// # Example
///
/// ```
/// use cxkpi::time::{DayOfWeek, IntervalLength, IntervalOfDay, WeekInterval};
///
/// let slot = WeekInterval::new(DayOfWeek::Tuesday, IntervalOfDay::new(IntervalLength::Hour, 9)?);
/// assert_eq!(slot.index_in_week(), 24 + 9);
/// assert_eq!(slot.to_string(), "Tue 09:00");
/// assert_eq!(WeekInterval::from_index(IntervalLength::Hour, 33)?, slot);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WeekInterval {
    /// The day of the week.
    pub day: DayOfWeek,
    /// The interval of that day.
    pub interval: IntervalOfDay,
}

impl WeekInterval {
    /// The interval `interval` of day `day`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{DayOfWeek, IntervalLength, IntervalOfDay, WeekInterval};
    ///
    /// let monday_midnight = WeekInterval::new(DayOfWeek::Monday, IntervalOfDay::new(IntervalLength::HalfHour, 0)?);
    /// assert_eq!(monday_midnight.index_in_week(), 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn new(day: DayOfWeek, interval: IntervalOfDay) -> WeekInterval {
        WeekInterval { day, interval }
    }

    /// The slot `index` intervals after Monday 00:00.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] unless `index < length.per_week()`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{IntervalLength, WeekInterval};
    ///
    /// assert_eq!(WeekInterval::from_index(IntervalLength::Hour, 167)?.to_string(), "Sun 23:00");
    /// assert!(WeekInterval::from_index(IntervalLength::Hour, 168).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_index(length: IntervalLength, index: u16) -> Result<WeekInterval, Error> {
        if index >= length.per_week() {
            return Err(Error::out_of_range(
                "interval of the week",
                index,
                Domain::Between {
                    min: 0,
                    max: i64::from(length.per_week()) - 1,
                },
            ));
        }
        let per_day = length.per_day();
        // index / per_day is below 7.
        #[allow(clippy::cast_possible_truncation)]
        let day = DayOfWeek::ALL[usize::from(index / per_day)];
        Ok(WeekInterval {
            day,
            interval: IntervalOfDay {
                length,
                index: index % per_day,
            },
        })
    }

    /// Intervals since Monday 00:00: `day × per_day + interval`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{DayOfWeek, IntervalLength, IntervalOfDay, WeekInterval};
    ///
    /// let slot = WeekInterval::new(DayOfWeek::Sunday, IntervalOfDay::new(IntervalLength::QuarterHour, 95)?);
    /// assert_eq!(slot.index_in_week(), 671);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn index_in_week(self) -> u16 {
        self.day.index() as u16 * self.interval.length.per_day() + self.interval.index
    }

    /// The length of the slot's interval.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{IntervalLength, WeekInterval};
    ///
    /// assert_eq!(WeekInterval::from_index(IntervalLength::HalfHour, 3)?.length(), IntervalLength::HalfHour);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn length(self) -> IntervalLength {
        self.interval.length
    }
}

impl fmt::Display for WeekInterval {
    /// `Tue 09:30`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.day, self.interval)
    }
}

#[cfg(feature = "chrono")]
mod clock {
    use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Timelike};

    use super::{DayOfWeek, IntervalLength, IntervalOfDay, WeekInterval};

    impl IntervalOfDay {
        /// The interval holding the local clock time of `at` (a leap second
        /// counts in the minute it extends).
        ///
        /// # Example
        ///
        /// ```
        /// use chrono::NaiveDate;
        /// use cxkpi::time::{IntervalLength, IntervalOfDay};
        ///
        /// let at = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap().and_hms_opt(9, 44, 0).unwrap();
        /// assert_eq!(IntervalOfDay::of_naive(IntervalLength::QuarterHour, at).to_string(), "09:30");
        /// ```
        pub fn of_naive(length: IntervalLength, at: NaiveDateTime) -> IntervalOfDay {
            // `num_seconds_from_midnight` is below 86 400, even in a leap second.
            let secs = at.num_seconds_from_midnight();
            #[allow(clippy::cast_possible_truncation)]
            let index = (secs / length.secs()) as u16;
            IntervalOfDay { length, index }
        }

        /// The interval holding the instant `at` on the local clock of its
        /// time zone.
        ///
        /// # Example
        ///
        /// ```
        /// use chrono::{FixedOffset, TimeZone};
        /// use cxkpi::time::{IntervalLength, IntervalOfDay};
        ///
        /// let tel_aviv = FixedOffset::east_opt(2 * 3600).unwrap();
        /// let at = tel_aviv.with_ymd_and_hms(1999, 2, 22, 10, 5, 0).unwrap();
        /// assert_eq!(IntervalOfDay::of(IntervalLength::Hour, &at).to_string(), "10:00");
        /// ```
        pub fn of<Tz: TimeZone>(length: IntervalLength, at: &DateTime<Tz>) -> IntervalOfDay {
            IntervalOfDay::of_naive(length, at.naive_local())
        }
    }

    impl From<chrono::Weekday> for DayOfWeek {
        fn from(day: chrono::Weekday) -> DayOfWeek {
            // `num_days_from_monday` is below 7.
            DayOfWeek::ALL[day.num_days_from_monday() as usize]
        }
    }

    impl From<DayOfWeek> for chrono::Weekday {
        fn from(day: DayOfWeek) -> chrono::Weekday {
            match day {
                DayOfWeek::Monday => chrono::Weekday::Mon,
                DayOfWeek::Tuesday => chrono::Weekday::Tue,
                DayOfWeek::Wednesday => chrono::Weekday::Wed,
                DayOfWeek::Thursday => chrono::Weekday::Thu,
                DayOfWeek::Friday => chrono::Weekday::Fri,
                DayOfWeek::Saturday => chrono::Weekday::Sat,
                DayOfWeek::Sunday => chrono::Weekday::Sun,
            }
        }
    }

    impl WeekInterval {
        /// The slot of the local date and time `at`.
        ///
        /// # Example
        ///
        /// ```
        /// use chrono::NaiveDate;
        /// use cxkpi::time::{IntervalLength, WeekInterval};
        ///
        /// let at = NaiveDate::from_ymd_opt(1999, 2, 22).unwrap().and_hms_opt(10, 5, 0).unwrap();
        /// assert_eq!(WeekInterval::of_naive(IntervalLength::Hour, at).to_string(), "Mon 10:00");
        /// ```
        pub fn of_naive(length: IntervalLength, at: NaiveDateTime) -> WeekInterval {
            WeekInterval {
                day: at.weekday().into(),
                interval: IntervalOfDay::of_naive(length, at),
            }
        }

        /// The slot of the instant `at` on the local clock of its time zone.
        ///
        /// # Example
        ///
        /// ```
        /// use chrono::{TimeZone, Utc};
        /// use cxkpi::time::{IntervalLength, WeekInterval};
        ///
        /// let at = Utc.with_ymd_and_hms(2024, 10, 27, 23, 59, 0).unwrap();
        /// assert_eq!(WeekInterval::of(IntervalLength::HalfHour, &at).to_string(), "Sun 23:30");
        /// ```
        pub fn of<Tz: TimeZone>(length: IntervalLength, at: &DateTime<Tz>) -> WeekInterval {
            WeekInterval::of_naive(length, at.naive_local())
        }
    }
}

impl Plan {
    /// The plan of a forecast of calls per interval of the day: each
    /// interval's length comes from its key, all with the average handle
    /// time `aht`, in the order given.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the index of a negative, NaN or infinite
    /// forecast; otherwise as [`Plan::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::Percent;
    /// use cxkpi::staffing::{Model, Plan, StaffingTarget};
    /// use cxkpi::time::{IntervalLength, IntervalOfDay};
    ///
    /// let half = IntervalLength::HalfHour;
    /// let forecast = [(IntervalOfDay::new(half, 18)?, 40.0), (IntervalOfDay::new(half, 19)?, 100.0)];
    /// let target = StaffingTarget::new().service_level(Percent::new(80.0)?, Duration::from_secs(20))?;
    /// let plan = Plan::from_intervals(&forecast, Duration::from_secs(180), &target, Model::ErlangC)?;
    /// assert_eq!(plan.intervals()[1].performance().agents(), 14);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_intervals(
        calls: &[(IntervalOfDay, f64)],
        aht: Duration,
        target: &StaffingTarget,
        model: Model,
    ) -> Result<Plan, Error> {
        let workloads = calls
            .iter()
            .enumerate()
            .map(|(i, &(interval, c))| {
                Workload::new(c, interval.length().duration(), aht).map_err(|e| e.at(i))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Plan::new(&workloads, target, model)
    }
}

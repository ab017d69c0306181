//! Business time: the open time between two instants, under a weekly
//! schedule with holidays, in any time zone.

use alloc::collections::BTreeSet;
use alloc::vec::Vec;
use core::time::Duration;

use chrono::{
    DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveTime, TimeZone, Timelike, Utc, Weekday,
};

use crate::{Domain, Error, Value};

/// Seconds in a day: an opening may end at 24:00.
const DAY: u32 = 86_400;

/// Opening hours for each day of the week, in local wall-clock time.
///
/// Each weekday holds sorted, non-overlapping openings `[start, end)`
/// within the day; an opening that ends at midnight is written with an end
/// of `00:00` (read as 24:00).
///
/// # Example
///
/// ```
/// use chrono::{NaiveTime, Weekday};
/// use cxkpi::time::WeeklySchedule;
///
/// let office = WeeklySchedule::office(9, 18)?; // Mon–Fri 09:00–18:00
/// assert_eq!(office.weekly_open_time().as_secs(), 5 * 9 * 3600);
///
/// let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
/// let split = WeeklySchedule::new()
///     .open(&[Weekday::Sat], t(9), t(12))?
///     .open(&[Weekday::Sat], t(14), t(0))?; // 14:00–24:00
/// assert_eq!(split.weekly_open_time().as_secs(), 13 * 3600);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: overlapping hours
///
/// ```
/// use chrono::{NaiveTime, Weekday};
///
/// let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
/// let err = cxkpi::time::WeeklySchedule::office(9, 18)?.open(&[Weekday::Mon], t(17), t(20)).unwrap_err();
/// assert_eq!(err.kind(), cxkpi::ErrorKind::InvalidParameter);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct WeeklySchedule {
    /// Monday first; openings as seconds from midnight, `start < end <= 86 400`.
    days: [Vec<(u32, u32)>; 7],
}

impl WeeklySchedule {
    /// Closed every day.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::time::WeeklySchedule::new().weekly_open_time().is_zero());
    /// ```
    pub fn new() -> WeeklySchedule {
        WeeklySchedule::default()
    }

    /// Open around the clock, every day.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::time::WeeklySchedule::always().weekly_open_time().as_secs(), 7 * 86_400);
    /// ```
    pub fn always() -> WeeklySchedule {
        WeeklySchedule {
            days: core::array::from_fn(|_| alloc::vec![(0, DAY)]),
        }
    }

    /// Open Monday to Friday from `start_hour` to `end_hour` (24 for midnight).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless `start_hour < end_hour <= 24`,
    /// naming the hour at fault in hours, as the call gives it.
    ///
    /// # Example
    ///
    /// ```
    /// let office = cxkpi::time::WeeklySchedule::office(8, 17)?;
    /// assert_eq!(office.weekly_open_time().as_secs(), 45 * 3600);
    /// let err = cxkpi::time::WeeklySchedule::office(18, 9).unwrap_err();
    /// assert_eq!(err.to_string(), "office start hour 18 is invalid: it must be between 0 and 8");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn office(start_hour: u8, end_hour: u8) -> Result<WeeklySchedule, Error> {
        if !(1..=24).contains(&end_hour) {
            return Err(Error::invalid_parameter(
                "office end hour",
                end_hour,
                Domain::Between { min: 1, max: 24 },
            ));
        }
        if start_hour >= end_hour {
            return Err(Error::invalid_parameter(
                "office start hour",
                start_hour,
                Domain::Between {
                    min: 0,
                    max: i64::from(end_hour) - 1,
                },
            ));
        }
        let weekdays = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ];
        WeeklySchedule::new().open_secs(
            &weekdays,
            u32::from(start_hour) * 3600,
            u32::from(end_hour) * 3600,
        )
    }

    /// Adds the opening `start`–`end` to each of `days`; an `end` of `00:00`
    /// means midnight at the end of the day.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] when `start` is not before `end`, or the
    /// opening overlaps another opening of one of the days.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{NaiveTime, Weekday};
    ///
    /// let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    /// let friday = cxkpi::time::WeeklySchedule::new().open(&[Weekday::Fri], t(9, 0), t(13, 30))?;
    /// assert_eq!(friday.weekly_open_time().as_secs(), 4 * 3600 + 1800);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn open(
        self,
        days: &[Weekday],
        start: NaiveTime,
        end: NaiveTime,
    ) -> Result<WeeklySchedule, Error> {
        let secs = |t: NaiveTime| t.num_seconds_from_midnight();
        let end = match secs(end) {
            0 => DAY,
            s => s,
        };
        self.open_secs(days, secs(start), end)
    }

    fn open_secs(
        mut self,
        days: &[Weekday],
        start: u32,
        end: u32,
    ) -> Result<WeeklySchedule, Error> {
        let invalid = || {
            Error::invalid_parameter(
                "opening hours (seconds from midnight)",
                Value::Range {
                    min: i64::from(start),
                    max: i64::from(end),
                },
                Domain::OpeningHours,
            )
        };
        if start >= end || end > DAY {
            return Err(invalid());
        }
        for day in days {
            let openings = &mut self.days[day.num_days_from_monday() as usize];
            if openings.iter().any(|&(s, e)| start < e && s < end) {
                return Err(invalid());
            }
            openings.push((start, end));
            openings.sort_unstable();
        }
        Ok(self)
    }

    /// The open time of a whole week without holidays.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::time::WeeklySchedule::office(9, 17)?.weekly_open_time().as_secs(), 40 * 3600);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn weekly_open_time(&self) -> Duration {
        let secs: u32 = self.days.iter().flatten().map(|&(s, e)| e - s).sum();
        Duration::from_secs(u64::from(secs))
    }

    fn openings(&self, day: Weekday) -> &[(u32, u32)] {
        &self.days[day.num_days_from_monday() as usize]
    }
}

/// A weekly schedule with holidays, in a time zone: the clock of business time.
///
/// The zone is any [`chrono::TimeZone`]: [`chrono::Utc`], a fixed offset
/// ([`chrono::FixedOffset`]), or a named zone with its daylight-saving rules
/// (`chrono_tz::Tz`, which the caller brings). Openings are read in local
/// wall-clock time on each local date, so a 09:00–18:00 day is 9 hours on
/// the days the clocks change too, while a 24-hour schedule has a 23-hour
/// and a 25-hour day. An opening boundary that falls in the hour skipped by a
/// spring-forward change starts (or ends) when the clocks jump; one that
/// falls in the hour repeated in the autumn takes the earlier instant for a
/// start and the later for an end.
///
/// # Formula
///
/// ```text
/// business time(a, b) = Σ over local dates d, not holidays, and openings [s, e) of d:
///                       |[a, b] ∩ [instant(d, s), instant(d, e)]|
/// ```
///
/// Cost: O(days spanned × openings per day), with no allocation.
///
/// # Example
///
/// A site keeps the hours of its named zone, daylight saving included: use
/// the zone database (the `chrono-tz` crate, `chrono_tz::Europe::Paris`), not
/// a fixed offset, which is right for half of the year at most. cxkpi does
/// not depend on `chrono-tz`: add it next to `chrono`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use chrono_tz::Europe::Paris;
/// use cxkpi::time::{BusinessCalendar, WeeklySchedule};
///
/// let calendar = BusinessCalendar::new(WeeklySchedule::office(9, 18)?, Paris);
/// // Opened Friday 17:30, answered Monday 09:30 (Paris time): one business hour.
/// let opened = Paris.with_ymd_and_hms(2024, 3, 15, 17, 30, 0).unwrap();
/// let answered = Paris.with_ymd_and_hms(2024, 3, 18, 9, 30, 0).unwrap();
/// assert_eq!(calendar.business_time(&opened, &answered)?.as_secs(), 3600);
///
/// // A July ticket stamped in UTC, 07:00 to 07:45: 09:00 to 09:45 in Paris
/// // (UTC+2 in summer), 45 business minutes. A fixed UTC+1 offset would
/// // read 08:00 to 08:45, before opening, and count none of them.
/// let opened = Utc.with_ymd_and_hms(2024, 7, 3, 7, 0, 0).unwrap();
/// let answered = Utc.with_ymd_and_hms(2024, 7, 3, 7, 45, 0).unwrap();
/// assert_eq!(calendar.business_time(&opened, &answered)?.as_secs(), 45 * 60);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct BusinessCalendar<Tz: TimeZone> {
    schedule: WeeklySchedule,
    holidays: BTreeSet<NaiveDate>,
    zone: Tz,
}

impl<Tz: TimeZone> BusinessCalendar<Tz> {
    /// The calendar of `schedule` in `zone`, without holidays.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{BusinessCalendar, WeeklySchedule};
    ///
    /// let calendar = BusinessCalendar::new(WeeklySchedule::always(), chrono::Utc);
    /// assert_eq!(calendar.holidays().count(), 0);
    /// ```
    pub fn new(schedule: WeeklySchedule, zone: Tz) -> BusinessCalendar<Tz> {
        BusinessCalendar {
            schedule,
            holidays: BTreeSet::new(),
            zone,
        }
    }

    /// The same calendar, closed all day on each of `dates` (local dates).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use cxkpi::time::{BusinessCalendar, WeeklySchedule};
    ///
    /// let christmas = NaiveDate::from_ymd_opt(2024, 12, 25).unwrap();
    /// let calendar = BusinessCalendar::new(WeeklySchedule::office(9, 17)?, Utc).with_holidays([christmas]);
    /// let a = Utc.with_ymd_and_hms(2024, 12, 24, 16, 0, 0).unwrap();
    /// let b = Utc.with_ymd_and_hms(2024, 12, 26, 10, 0, 0).unwrap();
    /// assert_eq!(calendar.business_time(&a, &b)?.as_secs(), 2 * 3600);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    #[must_use]
    pub fn with_holidays(
        mut self,
        dates: impl IntoIterator<Item = NaiveDate>,
    ) -> BusinessCalendar<Tz> {
        self.holidays.extend(dates);
        self
    }

    /// The holidays, in date order.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{BusinessCalendar, WeeklySchedule};
    ///
    /// assert_eq!(BusinessCalendar::new(WeeklySchedule::new(), chrono::Utc).holidays().count(), 0);
    /// ```
    pub fn holidays(&self) -> impl Iterator<Item = &NaiveDate> {
        self.holidays.iter()
    }

    /// The schedule.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::time::{BusinessCalendar, WeeklySchedule};
    ///
    /// let calendar = BusinessCalendar::new(WeeklySchedule::always(), chrono::Utc);
    /// assert_eq!(calendar.schedule(), &WeeklySchedule::always());
    /// ```
    pub fn schedule(&self) -> &WeeklySchedule {
        &self.schedule
    }

    /// The instant of local `date` at `secs` seconds from midnight (up to
    /// 24:00); `late` picks the later of two instants in a repeated hour.
    fn instant(&self, date: NaiveDate, secs: u32, late: bool) -> Option<DateTime<Tz>> {
        let (date, secs) = if secs >= DAY {
            (date.checked_add_days(Days::new(1))?, secs - DAY)
        } else {
            (date, secs)
        };
        let local = date.and_time(NaiveTime::from_num_seconds_from_midnight_opt(secs, 0)?);
        // A local time skipped by a clock change: the opening starts or ends
        // when the clock jumps, the first valid minute after it.
        (0..=24 * 60).find_map(|minutes| {
            let t = local + chrono::Duration::minutes(minutes);
            match self.zone.from_local_datetime(&t) {
                LocalResult::Single(at) => Some(at),
                LocalResult::Ambiguous(early, later) => Some(if late { later } else { early }),
                LocalResult::None => None,
            }
        })
    }

    /// The open time between the instants `start` and `end`.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] when `end` is before `start`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use cxkpi::time::{BusinessCalendar, WeeklySchedule};
    ///
    /// let calendar = BusinessCalendar::new(WeeklySchedule::office(9, 18)?, Utc);
    /// let at = |d, h| Utc.with_ymd_and_hms(2024, 3, d, h, 0, 0).unwrap();
    /// // Saturday 10:00 to Monday 08:00: all outside business hours.
    /// assert_eq!(calendar.business_time(&at(16, 10), &at(18, 8))?.as_secs(), 0);
    /// // Two full weeks: 10 days of 9 hours.
    /// assert_eq!(calendar.business_time(&at(4, 0), &at(18, 0))?.as_secs(), 90 * 3600);
    /// assert!(calendar.business_time(&at(5, 0), &at(4, 0)).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn business_time<A: TimeZone, B: TimeZone>(
        &self,
        start: &DateTime<A>,
        end: &DateTime<B>,
    ) -> Result<Duration, Error> {
        elapsed(start, end)?;
        let start = start.with_timezone(&self.zone);
        let end = end.with_timezone(&self.zone);
        let mut total = chrono::Duration::zero();
        let mut date = start.date_naive();
        let last = end.date_naive();
        while date <= last {
            if !self.holidays.contains(&date) {
                for &(s, e) in self.schedule.openings(date.weekday()) {
                    let (Some(open), Some(close)) =
                        (self.instant(date, s, false), self.instant(date, e, true))
                    else {
                        continue;
                    };
                    let from = if open > start { open } else { start.clone() };
                    let to = if close < end { close } else { end.clone() };
                    if to > from {
                        total += to - from;
                    }
                }
            }
            match date.checked_add_days(Days::new(1)) {
                Some(next) => date = next,
                None => break,
            }
        }
        Ok(total.to_std().unwrap_or_default())
    }
}

/// The calendar time from `start` to `end`, in any time zones.
///
/// # Errors
///
/// [`Error::out_of_range`] when `end` is before `start`.
///
/// # Example
///
/// ```
/// use chrono::{FixedOffset, TimeZone, Utc};
///
/// let opened = Utc.with_ymd_and_hms(2024, 3, 15, 16, 30, 0).unwrap();
/// let paris = FixedOffset::east_opt(3600).unwrap();
/// let answered = paris.with_ymd_and_hms(2024, 3, 18, 9, 30, 0).unwrap();
/// assert_eq!(cxkpi::time::elapsed(&opened, &answered)?.as_secs(), 64 * 3600);
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub fn elapsed<A: TimeZone, B: TimeZone>(
    start: &DateTime<A>,
    end: &DateTime<B>,
) -> Result<Duration, Error> {
    let span = end.clone().to_utc() - start.clone().to_utc();
    span.to_std().map_err(|_| {
        Error::out_of_range(
            "interval end (seconds after its start)",
            span.num_seconds(),
            Domain::AtLeast(0),
        )
    })
}

/// Which clock a response or resolution time is measured on.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use cxkpi::time::{BusinessCalendar, Clock, WeeklySchedule};
///
/// let calendar = BusinessCalendar::new(WeeklySchedule::office(9, 18)?, Utc);
/// let created = Utc.with_ymd_and_hms(2024, 3, 15, 17, 30, 0).unwrap();
/// let replied = Utc.with_ymd_and_hms(2024, 3, 18, 9, 30, 0).unwrap();
/// // Calendar time needs no zone: `Clock::CALENDAR` (or `Clock::Calendar`
/// // where the type is known, as in a function parameter).
/// assert_eq!(Clock::CALENDAR.between(&created, &replied)?.as_secs(), 64 * 3600);
/// assert_eq!(Clock::Business(&calendar).between(&created, &replied)?.as_secs(), 3600);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Clock<'a, Tz: TimeZone = Utc> {
    /// Wall-clock time, every second counts.
    Calendar,
    /// Only the open time of a business calendar counts.
    Business(&'a BusinessCalendar<Tz>),
}

impl Clock<'static, Utc> {
    /// Calendar time, usable without naming a zone (the bare variant
    /// `Clock::Calendar` leaves the calendar's zone for the compiler to
    /// infer, and nothing in it says which).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use cxkpi::time::Clock;
    ///
    /// let a = Utc.with_ymd_and_hms(2024, 3, 15, 9, 0, 0).unwrap();
    /// let b = Utc.with_ymd_and_hms(2024, 3, 15, 9, 45, 0).unwrap();
    /// assert_eq!(Clock::CALENDAR.between(&a, &b)?.as_secs(), 2700);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const CALENDAR: Clock<'static, Utc> = Clock::Calendar;
}

impl<Tz: TimeZone> Clock<'_, Tz> {
    /// The time from `start` to `end` on this clock: a first response time
    /// (created → first agent reply) or a resolution time (created →
    /// resolved). A request without a reply yet has no response time: pass
    /// only timestamps that exist, never a stand-in.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] when `end` is before `start`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use cxkpi::time::Clock;
    ///
    /// let a = Utc.with_ymd_and_hms(2024, 3, 15, 9, 0, 0).unwrap();
    /// let b = Utc.with_ymd_and_hms(2024, 3, 15, 9, 45, 0).unwrap();
    /// assert_eq!(Clock::CALENDAR.between(&a, &b)?.as_secs(), 2700);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn between<A: TimeZone, B: TimeZone>(
        &self,
        start: &DateTime<A>,
        end: &DateTime<B>,
    ) -> Result<Duration, Error> {
        match self {
            Clock::Calendar => elapsed(start, end),
            Clock::Business(calendar) => calendar.business_time(start, end),
        }
    }
}

//! Calendar periods (hour, day, ISO week, month) as breakdown keys.

use core::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Timelike};

/// A length of calendar period to group timestamps by.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use cxkpi::time::Period;
///
/// let at = NaiveDate::from_ymd_opt(2024, 12, 30).unwrap().and_hms_opt(14, 5, 0).unwrap();
/// assert_eq!(Period::Hour.key_naive(at).to_string(), "2024-12-30 14:00");
/// assert_eq!(Period::Day.key_naive(at).to_string(), "2024-12-30");
/// assert_eq!(Period::IsoWeek.key_naive(at).to_string(), "2025-W01"); // ISO weeks cross years
/// assert_eq!(Period::Month.key_naive(at).to_string(), "2024-12");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Period {
    /// A clock hour.
    Hour,
    /// A calendar day.
    Day,
    /// An ISO 8601 week (Monday to Sunday, numbered within its ISO year).
    IsoWeek,
    /// A calendar month.
    Month,
}

impl Period {
    /// The period holding the local date and time `at`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use cxkpi::time::{Period, PeriodKey};
    ///
    /// let at = NaiveDate::from_ymd_opt(2021, 3, 31).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// assert_eq!(Period::Month.key_naive(at), PeriodKey::Month { year: 2021, month: 3 });
    /// ```
    pub fn key_naive(self, at: NaiveDateTime) -> PeriodKey {
        let date = at.date();
        match self {
            // `hour()` is below 24, which fits a `u8`.
            #[allow(clippy::cast_possible_truncation)]
            Period::Hour => PeriodKey::Hour(date, at.hour() as u8),
            Period::Day => PeriodKey::Day(date),
            Period::IsoWeek => {
                let week = date.iso_week();
                PeriodKey::IsoWeek {
                    year: week.year(),
                    week: week.week(),
                }
            }
            Period::Month => PeriodKey::Month {
                year: date.year(),
                month: date.month(),
            },
        }
    }

    /// The period holding the instant `at`, on the local calendar of its
    /// time zone (convert with `with_timezone` first to group in another).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::TimeZone;
    /// use chrono_tz::Europe::Paris;
    /// use cxkpi::time::Period;
    ///
    /// // A named zone (chrono-tz) keeps daylight saving right all year.
    /// let at = Paris.with_ymd_and_hms(2024, 1, 1, 0, 30, 0).unwrap();
    /// assert_eq!(Period::Day.key(&at).to_string(), "2024-01-01");
    /// assert_eq!(Period::Day.key(&at.to_utc()).to_string(), "2023-12-31");
    /// ```
    pub fn key<Tz: TimeZone>(self, at: &DateTime<Tz>) -> PeriodKey {
        self.key_naive(at.naive_local())
    }
}

/// One calendar period: the key of a volume-per-period breakdown.
///
/// Keys order chronologically within one [`Period`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use cxkpi::{Breakdown, HourOfDay, HourlyVolume, Tally};
/// use cxkpi::time::{Period, PeriodKey};
///
/// let day = |d| NaiveDate::from_ymd_opt(2024, 3, d).unwrap().and_hms_opt(10, 0, 0).unwrap();
/// let mut per_week = Breakdown::<PeriodKey, HourlyVolume>::default();
/// for at in [day(4), day(5), day(11)] {
///     per_week.record(Period::IsoWeek.key_naive(at), HourOfDay::new(10)?);
/// }
/// let volumes: Vec<_> = per_week.map(|v| v.len()).into_iter().map(|(k, n)| (k.to_string(), n.unwrap())).collect();
/// assert_eq!(volumes, [("2024-W10".to_owned(), 2), ("2024-W11".to_owned(), 1)]);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKey {
    /// A clock hour of a day.
    Hour(NaiveDate, u8),
    /// A day.
    Day(NaiveDate),
    /// An ISO week of an ISO year.
    IsoWeek {
        /// The ISO year (which may differ from the calendar year near 1 January).
        year: i32,
        /// The week, 1 to 53.
        week: u32,
    },
    /// A month of a year.
    Month {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
    },
}

impl fmt::Display for PeriodKey {
    /// `2024-03-05 14:00`, `2024-03-05`, `2024-W10`, `2024-03`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodKey::Hour(date, hour) => write!(f, "{date} {hour:02}:00"),
            PeriodKey::Day(date) => write!(f, "{date}"),
            PeriodKey::IsoWeek { year, week } => write!(f, "{year}-W{week:02}"),
            PeriodKey::Month { year, month } => write!(f, "{year}-{month:02}"),
        }
    }
}

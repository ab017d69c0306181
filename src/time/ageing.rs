//! Backlog ageing: open items by age bucket, and the oldest, in calendar or
//! business time.

use alloc::string::String;
use alloc::vec::Vec;
use core::time::Duration;

#[cfg(feature = "chrono")]
use crate::Tally;
use crate::tally::{Fault, add_u64, tally};
use crate::{Domain, Error};

/// The age buckets of a backlog: upper bounds in whole days, inclusive,
/// and the length of a day.
///
/// An age falls in the first bucket whose bound is at least its whole days,
/// `⌊age / day⌋`; ages beyond the last bound fall in a final, open bucket.
/// The default, [`AgeBuckets::standard`], is 0–2 days, 3–5, 6–10, 11–30
/// and 31+ (the buckets of flowinquiry's ageing report). For ages in
/// business time, give the business day's length (9 hours for a 09:00–18:00
/// schedule) with [`with_day`](Self::with_day), so that a day is a day of
/// open time.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::AgeBuckets;
///
/// let standard = AgeBuckets::standard();
/// assert_eq!(standard.labels(), ["0–2 days", "3–5 days", "6–10 days", "11–30 days", "31+ days"]);
/// let weekly = AgeBuckets::days(&[6, 13])?.with_day(Duration::from_secs(8 * 3600))?;
/// assert_eq!(weekly.labels(), ["0–6 days", "7–13 days", "14+ days"]);
/// assert!(AgeBuckets::days(&[5, 5]).is_err()); // bounds must increase
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AgeBuckets {
    /// Seconds in a day, 1 to 86 400.
    day_s: u32,
    /// Strictly increasing upper bounds in whole days.
    upper_days: Vec<u32>,
}

impl Default for AgeBuckets {
    fn default() -> AgeBuckets {
        AgeBuckets::standard()
    }
}

impl AgeBuckets {
    /// 0–2 days, 3–5, 6–10, 11–30 and 31+, days of 24 hours.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AgeBuckets::standard().len(), 5);
    /// ```
    pub fn standard() -> AgeBuckets {
        AgeBuckets {
            day_s: 86_400,
            upper_days: alloc::vec![2, 5, 10, 30],
        }
    }

    /// Buckets with the inclusive upper bounds `upper_days` (whole days of
    /// 24 hours) and a last bucket beyond them.
    ///
    /// # Errors
    ///
    /// An `invalid_parameter` error when the bounds do not strictly increase.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AgeBuckets::days(&[0, 1])?.labels(), ["0 days", "1 day", "2+ days"]);
    /// assert_eq!(cxkpi::AgeBuckets::days(&[])?.labels(), ["0+ days"]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn days(upper_days: &[u32]) -> Result<AgeBuckets, Error> {
        AgeBuckets::checked(86_400, upper_days.to_vec())
    }

    /// The same buckets with days of `day` (whole seconds, up to 24 hours):
    /// the business day of a schedule, for ages in business time.
    ///
    /// # Errors
    ///
    /// An `invalid_parameter` error unless `day` is a whole number of
    /// seconds from 1 to 86 400.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let nine_hours = cxkpi::AgeBuckets::standard().with_day(Duration::from_secs(9 * 3600))?;
    /// assert_eq!(nine_hours.day().as_secs(), 32_400);
    /// assert!(cxkpi::AgeBuckets::standard().with_day(Duration::from_millis(1500)).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn with_day(self, day: Duration) -> Result<AgeBuckets, Error> {
        let secs = u32::try_from(day.as_secs())
            .ok()
            .filter(|&s| day.subsec_nanos() == 0 && (1..=86_400).contains(&s))
            .ok_or_else(|| {
                Error::invalid_parameter(
                    "age bucket day length (s)",
                    day.as_secs_f64(),
                    Domain::Between {
                        min: 1,
                        max: 86_400,
                    },
                )
            })?;
        AgeBuckets::checked(secs, self.upper_days)
    }

    fn checked(day_s: u32, upper_days: Vec<u32>) -> Result<AgeBuckets, Error> {
        if !(1..=86_400).contains(&day_s) {
            return Err(Error::invalid_parameter(
                "day_s",
                day_s,
                Domain::Between {
                    min: 1,
                    max: 86_400,
                },
            ));
        }
        for pair in upper_days.windows(2) {
            if pair[1] <= pair[0] {
                return Err(Error::invalid_parameter(
                    "age bucket bound (days)",
                    pair[1],
                    Domain::Above(i64::from(pair[0])),
                ));
            }
        }
        Ok(AgeBuckets { day_s, upper_days })
    }

    /// The length of a day.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AgeBuckets::standard().day().as_secs(), 86_400);
    /// ```
    pub fn day(&self) -> Duration {
        Duration::from_secs(u64::from(self.day_s))
    }

    /// The inclusive upper bounds, in whole days.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AgeBuckets::standard().upper_days(), [2, 5, 10, 30]);
    /// ```
    pub fn upper_days(&self) -> &[u32] {
        &self.upper_days
    }

    /// The number of buckets: the bounds and the last, open bucket.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AgeBuckets::days(&[1])?.len(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.upper_days.len() + 1
    }

    /// Never: there is always the last, open bucket.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!cxkpi::AgeBuckets::standard().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The bucket of `age`.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let b = cxkpi::AgeBuckets::standard();
    /// let days = |d: f64| Duration::from_secs_f64(d * 86_400.0);
    /// assert_eq!((b.bucket(days(2.9)), b.bucket(days(3.0)), b.bucket(days(400.0))), (0, 1, 4));
    /// ```
    pub fn bucket(&self, age: Duration) -> usize {
        let whole_days = age.as_secs() / u64::from(self.day_s);
        self.upper_days
            .iter()
            .position(|&d| whole_days <= u64::from(d))
            .unwrap_or(self.upper_days.len())
    }

    /// The buckets' names: `0–2 days`, …, `31+ days`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::AgeBuckets::standard().labels()[4], "31+ days");
    /// ```
    pub fn labels(&self) -> Vec<String> {
        use core::fmt::Write;
        let plural = |n: u64| if n == 1 { "day" } else { "days" };
        let mut labels = Vec::with_capacity(self.len());
        let mut low = 0_u64;
        for &high in &self.upper_days {
            let high = u64::from(high);
            let mut s = String::new();
            // Writing to a String cannot fail.
            let _ = if low == high {
                write!(s, "{high} {}", plural(high))
            } else {
                write!(s, "{low}–{high} days")
            };
            labels.push(s);
            low = high + 1;
        }
        let mut last = String::new();
        let _ = write!(last, "{low}+ days");
        labels.push(last);
        labels
    }
}

/// The backlog-ageing accumulator: open items per age bucket, and the
/// oldest age.
///
/// Ages are measured by the caller on the clock of their choice:
/// [`record_open`](Self::record_open) takes a [`Clock`](crate::time::Clock)
/// (calendar or business time) and the instants, and
/// [`from_backlog`](Self::from_backlog) reads the calendar ages of a
/// [`Backlog`](crate::Backlog). Tallies of different buckets refuse to
/// merge.
///
/// # Formula
///
/// ```text
/// age(r)      = t − opened(r), on the chosen clock
/// count(b)    = #{ r open at t : ⌊age(r) / day⌋ in bucket b }
/// oldest      = max age(r)
/// ```
///
/// Source: age buckets 0–2, 3–5, 6–10, 11–30, 31+ days and the oldest open
/// ticket, in calendar or business time (flowinquiry#266).
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::Tally;
/// use cxkpi::{AgeBuckets, BacklogAgeing};
///
/// let day = |d: u64| Duration::from_secs(d * 86_400);
/// let mut ageing = BacklogAgeing::new(AgeBuckets::standard());
/// for age in [day(0), day(1), day(4), day(12), day(45)] {
///     ageing.try_record(age)?;
/// }
/// assert_eq!(ageing.counts()?, [2, 1, 0, 1, 1]);
/// assert_eq!(ageing.oldest()?, Some(day(45)));
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: business time
///
/// (With the `chrono` feature.)
///
/// ```
/// # #[cfg(feature = "chrono")] {
/// use chrono::{TimeZone, Utc};
/// use core::time::Duration;
/// use cxkpi::{AgeBuckets, BacklogAgeing};
/// use cxkpi::time::{BusinessCalendar, Clock, WeeklySchedule};
///
/// let office = BusinessCalendar::new(WeeklySchedule::office(9, 18)?, Utc);
/// let buckets = AgeBuckets::standard().with_day(Duration::from_secs(9 * 3600))?;
/// let mut ageing = BacklogAgeing::new(buckets);
/// // Opened Friday 9 March 09:00, seen Monday 18 March 09:00: 6 business days,
/// // though 9 calendar days.
/// let opened = Utc.with_ymd_and_hms(2024, 3, 8, 9, 0, 0).unwrap();
/// let now = Utc.with_ymd_and_hms(2024, 3, 18, 9, 0, 0).unwrap();
/// ageing.record_open(&Clock::Business(&office), &opened, &now)?;
/// assert_eq!(ageing.counts()?, [0, 0, 1, 0, 0]);
/// # }
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct BacklogAgeing {
    buckets: AgeBuckets,
    counts: Vec<u64>,
    /// The oldest age in nanoseconds, `None` while empty.
    oldest_ns: Option<u64>,
    fault: Fault,
}

/// The state of a [`BacklogAgeing`].
///
/// Invariants, checked by [`BacklogAgeing::from_state`]: the buckets are
/// valid ([`AgeBuckets`]); there is one count per bucket; the counts sum
/// to at most `u64::MAX`; `oldest_ns` is absent exactly when every count is
/// 0, and otherwise falls in the last bucket with a count.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::Tally;
/// use cxkpi::{AgeBuckets, BacklogAgeing};
///
/// let mut ageing = BacklogAgeing::new(AgeBuckets::standard());
/// ageing.try_record(Duration::from_secs(3 * 86_400))?;
/// let state = ageing.state()?;
/// assert_eq!((state.day_s, state.counts.as_slice()), (86_400, &[0, 1, 0, 0, 0][..]));
/// assert_eq!(BacklogAgeing::from_state(state)?, ageing);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct BacklogAgeingState {
    /// Seconds in a day, 1 to 86 400.
    pub day_s: u32,
    /// The buckets' inclusive upper bounds, in whole days.
    pub upper_days: Vec<u32>,
    /// Open items per bucket, one more than the bounds.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::ints"))]
    pub counts: Vec<u64>,
    /// The oldest age in nanoseconds.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::option_int"))]
    pub oldest_ns: Option<u64>,
}

impl BacklogAgeing {
    /// The empty tally over `buckets`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    /// use cxkpi::{AgeBuckets, BacklogAgeing};
    ///
    /// assert_eq!(BacklogAgeing::new(AgeBuckets::standard()).len()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(buckets: AgeBuckets) -> BacklogAgeing {
        let counts = alloc::vec![0; buckets.len()];
        BacklogAgeing {
            buckets,
            counts,
            oldest_ns: None,
            fault: Fault::default(),
        }
    }

    /// The buckets.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{AgeBuckets, BacklogAgeing};
    ///
    /// assert_eq!(BacklogAgeing::new(AgeBuckets::standard()).buckets(), &AgeBuckets::standard());
    /// ```
    pub fn buckets(&self) -> &AgeBuckets {
        &self.buckets
    }

    /// Open items per bucket, in the order of [`AgeBuckets::labels`].
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{AgeBuckets, BacklogAgeing};
    ///
    /// assert_eq!(BacklogAgeing::new(AgeBuckets::days(&[1])?).counts()?, [0, 0]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn counts(&self) -> Result<&[u64], Error> {
        self.fault.check()?;
        Ok(&self.counts)
    }

    /// The age of the oldest open item, `None` for an empty backlog.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{AgeBuckets, BacklogAgeing};
    ///
    /// assert_eq!(BacklogAgeing::new(AgeBuckets::standard()).oldest()?, None);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn oldest(&self) -> Result<Option<Duration>, Error> {
        self.fault.check()?;
        Ok(self.oldest_ns.map(Duration::from_nanos))
    }

    fn total(&self) -> Result<u64, Error> {
        self.counts
            .iter()
            .try_fold(0, |acc, &n| add_u64(acc, n, "open items"))
    }

    fn merge_counts(&mut self, other: &BacklogAgeing) -> Result<(), Error> {
        if self.buckets != other.buckets {
            return Err(Error::mismatch(
                "age buckets (seconds in a day)",
                self.buckets.day_s,
                other.buckets.day_s,
            ));
        }
        // Each count is at most its tally's total.
        add_u64(self.total()?, other.total()?, "open items")?;
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.oldest_ns = self.oldest_ns.max(other.oldest_ns);
        Ok(())
    }

    fn add_one(&mut self, age: Duration) -> Result<(), Error> {
        let ns = u64::try_from(age.as_nanos()).map_err(|_| {
            Error::out_of_range(
                "backlog item age (s)",
                age.as_secs(),
                Domain::Between {
                    min: 0,
                    max: i64::try_from(u64::MAX / 1_000_000_000).unwrap_or(i64::MAX),
                },
            )
        })?;
        add_u64(self.total()?, 1, "open items")?;
        self.counts[self.buckets.bucket(age)] += 1;
        self.oldest_ns = Some(self.oldest_ns.map_or(ns, |o| o.max(ns)));
        Ok(())
    }

    /// The open items: every way in (recording, merging, a checked state)
    /// keeps their total within a `u64`.
    fn observations(&self) -> u64 {
        self.counts.iter().sum()
    }

    fn to_state(&self) -> BacklogAgeingState {
        BacklogAgeingState {
            day_s: self.buckets.day_s,
            upper_days: self.buckets.upper_days.clone(),
            counts: self.counts.clone(),
            oldest_ns: self.oldest_ns,
        }
    }

    fn check_state(s: BacklogAgeingState) -> Result<BacklogAgeing, Error> {
        let buckets = AgeBuckets::checked(s.day_s, s.upper_days)?;
        if s.counts.len() != buckets.len() {
            return Err(Error::length_mismatch(
                "counts",
                s.counts.len(),
                "upper_days + 1",
                buckets.len(),
            ));
        }
        let ageing = BacklogAgeing {
            buckets,
            counts: s.counts,
            oldest_ns: s.oldest_ns,
            fault: Fault::default(),
        };
        let total = ageing
            .total()
            .map_err(|_| Error::overflow("counts", "u64"))?;
        match s.oldest_ns {
            None if total > 0 => {
                return Err(Error::missing_parameter(
                    "oldest_ns",
                    "a backlog ageing with open items",
                ));
            }
            Some(ns) if total == 0 => {
                return Err(Error::inconsistent(
                    "oldest_ns (an age without open items)",
                    ns,
                    "counts",
                    0,
                ));
            }
            Some(ns) => {
                let last = ageing.counts.iter().rposition(|&n| n > 0).unwrap_or(0);
                let bucket = ageing.buckets.bucket(Duration::from_nanos(ns));
                if bucket != last {
                    // Bucket indices are below 2³² + 1.
                    let last = i64::try_from(last).unwrap_or(i64::MAX);
                    return Err(Error::out_of_range(
                        "oldest_ns (its age bucket)",
                        bucket as u64,
                        Domain::Between {
                            min: last,
                            max: last,
                        },
                    ));
                }
            }
            None => {}
        }
        Ok(ageing)
    }
}

#[cfg(feature = "chrono")]
impl BacklogAgeing {
    /// Adds one item opened at `opened` and still open at `now`, its age
    /// measured on `clock`.
    ///
    /// # Errors
    ///
    /// An `out_of_range` error when `now` is before `opened`, or as
    /// [`try_record`](Tally::try_record).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use cxkpi::{AgeBuckets, BacklogAgeing};
    /// use cxkpi::time::Clock;
    ///
    /// let mut ageing = BacklogAgeing::new(AgeBuckets::standard());
    /// let opened = Utc.with_ymd_and_hms(2024, 3, 1, 9, 0, 0).unwrap();
    /// let now = Utc.with_ymd_and_hms(2024, 3, 5, 9, 0, 0).unwrap();
    /// ageing.record_open(&Clock::<Utc>::Calendar, &opened, &now)?;
    /// assert_eq!(ageing.counts()?[1], 1); // 4 days: 3–5
    /// assert!(ageing.record_open(&Clock::<Utc>::Calendar, &now, &opened).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn record_open<Tz: chrono::TimeZone, A: chrono::TimeZone, B: chrono::TimeZone>(
        &mut self,
        clock: &crate::time::Clock<'_, Tz>,
        opened: &chrono::DateTime<A>,
        now: &chrono::DateTime<B>,
    ) -> Result<(), Error> {
        self.try_record(clock.between(opened, now)?)
    }

    /// The ageing of a [`Backlog`](crate::Backlog): its items' calendar
    /// ages at its instant.
    ///
    /// # Errors
    ///
    /// The backlog's fault, or an item older than 584 years.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use cxkpi::{AgeBuckets, BacklogAgeing};
    /// use cxkpi::{Backlog, Tally};
    ///
    /// let at = |d| Utc.with_ymd_and_hms(2024, 3, d, 12, 0, 0).unwrap();
    /// let mut backlog = Backlog::at(at(20));
    /// backlog.try_record((at(1), None))?;
    /// backlog.try_record((at(19), None))?;
    /// let ageing = BacklogAgeing::from_backlog(AgeBuckets::standard(), &backlog)?;
    /// assert_eq!(ageing.counts()?, [1, 0, 0, 1, 0]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_backlog<Tz: chrono::TimeZone>(
        buckets: AgeBuckets,
        backlog: &crate::Backlog<Tz>,
    ) -> Result<BacklogAgeing, Error> {
        let mut ageing = BacklogAgeing::new(buckets);
        if backlog.open()? == 0 {
            return Ok(ageing);
        }
        for &ns in backlog.ages()?.sorted()?.as_nanos() {
            ageing.try_record(Duration::from_nanos(ns))?;
        }
        Ok(ageing)
    }
}

tally!(BacklogAgeing, Duration, BacklogAgeingState);

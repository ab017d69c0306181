//! The backlog at an instant: requests still open, their ages, and the dates they were opened.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use chrono::{DateTime, NaiveDate, Offset, TimeDelta, TimeZone};

use crate::tally::{Fault, tally};
use crate::{Domain, Error, Merge, Tally};
use crate::{DurationSample, DurationSampleState};

/// The requests open at one instant: how many, how old, and opened when.
///
/// A request is open at the instant when it was opened at or before it and
/// is not closed at or before it (closed later, or not at all). Requests
/// opened after the instant are not part of its backlog. Opening dates are
/// read on the calendar of the instant's time zone. Backlogs of the same
/// instant and zone merge (per team, per shard); of different instants they
/// do not ([`Error::mismatch`]).
///
/// The backlog is a [`Tally`]: one observation is a request, `(opened,
/// closed)` with `closed` `None` while still open, in the backlog's zone
/// (convert another zone's timestamps with `with_timezone`). A request that
/// is not open at the instant is no part of the backlog: recording it
/// changes nothing, and [`len`](Tally::len) counts the open requests only.
///
/// # Formula
///
/// ```text
/// open(t) = #{ r : opened(r) ≤ t  and  (closed(r) > t or r not closed) }
/// age(r)  = t − opened(r)
/// ```
///
/// # State
///
/// [`BacklogState`]: the instant, the ages and the counts by opening date.
/// The zone is a parameter of the backlog (it decides the opening dates), so
/// the state carries it, as the instant's `DateTime<Tz>`: a state rebuilds a
/// backlog that records new requests on the same calendar. The wire format
/// writes the instant as RFC 3339 text with its UTC offset and reads it back
/// for `Backlog<Utc>` (offset `Z` only) and `Backlog<FixedOffset>`: a named
/// zone's rules (daylight saving time) are not portable data, so such a
/// backlog travels as the fixed offset of its instant, or in UTC.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use cxkpi::{Backlog, Tally};
///
/// let at = |d, h| Utc.with_ymd_and_hms(2024, 3, d, h, 0, 0).unwrap();
/// let mut backlog = Backlog::at(at(8, 12));
/// backlog.try_record((at(1, 9), None))?;              // open for a week
/// backlog.try_record((at(7, 12), Some(at(9, 9))))?;   // closed after the instant: open
/// backlog.try_record((at(5, 10), Some(at(6, 10))))?;  // closed before: not open
/// backlog.try_record((at(8, 13), None))?;             // opened after: not in it
/// assert_eq!(backlog.open()?, 2);
/// let ages = backlog.ages()?.summary()?;
/// assert_eq!(ages.max().as_secs(), 7 * 86_400 + 3 * 3600);
/// let by_date: Vec<_> = backlog.by_opened_date()?.map(|(d, n)| (d.to_string(), n)).collect();
/// assert_eq!(by_date, [("2024-03-01".to_owned(), 1), ("2024-03-07".to_owned(), 1)]);
/// assert_eq!(Backlog::from_state(backlog.state()?)?, backlog);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone)]
pub struct Backlog<Tz: TimeZone> {
    at: DateTime<Tz>,
    ages: DurationSample,
    by_opened_date: BTreeMap<NaiveDate, u64>,
    fault: Fault,
}

impl<Tz: TimeZone> PartialEq for Backlog<Tz> {
    /// The same instant, the same zone offset at it, the same requests.
    fn eq(&self, other: &Backlog<Tz>) -> bool {
        self.at == other.at
            && self.at.offset().fix() == other.at.offset().fix()
            && self.ages == other.ages
            && self.by_opened_date == other.by_opened_date
            && self.fault == other.fault
    }
}

impl<Tz: TimeZone> fmt::Debug for Backlog<Tz> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Backlog")
            .field("at", &self.at.fixed_offset())
            .field("ages", &self.ages)
            .field("by_opened_date", &self.by_opened_date)
            .field("fault", &self.fault)
            .finish()
    }
}

impl<Tz: TimeZone> Backlog<Tz> {
    /// The empty backlog at instant `at`, whose zone reads the opening dates.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    ///
    /// let backlog = cxkpi::Backlog::at(Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap());
    /// assert_eq!(backlog.open()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn at(at: DateTime<Tz>) -> Backlog<Tz> {
        Backlog {
            at,
            ages: DurationSample::new(),
            by_opened_date: BTreeMap::new(),
            fault: Fault::default(),
        }
    }

    /// The instant of this backlog.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    ///
    /// let t = Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap();
    /// assert_eq!(cxkpi::Backlog::at(t).instant(), &t);
    /// ```
    pub fn instant(&self) -> &DateTime<Tz> {
        &self.at
    }

    /// Requests open at the instant.
    ///
    /// # Errors
    ///
    /// The backlog's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use cxkpi::{Backlog, Tally};
    ///
    /// let t = Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap();
    /// let mut backlog = Backlog::at(t);
    /// backlog.try_record((Utc.with_ymd_and_hms(2024, 3, 8, 11, 0, 0).unwrap(), None))?;
    /// assert_eq!(backlog.open()?, 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn open(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.ages.observations())
    }

    /// The ages of the open requests: their statistics and percentiles.
    ///
    /// # Errors
    ///
    /// The backlog's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use cxkpi::{Backlog, Tally};
    ///
    /// let t = Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap();
    /// let mut backlog = Backlog::at(t);
    /// backlog.try_record((Utc.with_ymd_and_hms(2024, 3, 8, 10, 0, 0).unwrap(), None))?;
    /// assert_eq!(backlog.ages()?.summary()?.median_secs(), 7200.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn ages(&self) -> Result<&DurationSample, Error> {
        self.fault.check()?;
        Ok(&self.ages)
    }

    /// Open requests by the date they were opened, oldest first.
    ///
    /// # Errors
    ///
    /// The backlog's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    ///
    /// let backlog = cxkpi::Backlog::at(Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap());
    /// assert_eq!(backlog.by_opened_date()?.count(), 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn by_opened_date(&self) -> Result<impl Iterator<Item = (NaiveDate, u64)> + '_, Error> {
        self.fault.check()?;
        Ok(self.by_opened_date.iter().map(|(&d, &n)| (d, n)))
    }

    /// The zone's offset at the instant, in seconds east of UTC.
    fn offset_secs(&self) -> i32 {
        self.at.offset().fix().local_minus_utc()
    }

    /// The opening date of a request opened at `opened`, on the instant's calendar.
    fn date_of(&self, opened: &DateTime<Tz>) -> NaiveDate {
        opened.with_timezone(&self.at.timezone()).date_naive()
    }

    /// Considers one request: atomic (the age is checked before anything changes).
    fn add_one(&mut self, request: (DateTime<Tz>, Option<DateTime<Tz>>)) -> Result<(), Error> {
        let (opened, closed) = request;
        if opened > self.at || closed.is_some_and(|c| c <= self.at) {
            return Ok(());
        }
        // `opened <= at`, so the age is not negative.
        let age = (self.at.to_utc() - opened.to_utc())
            .to_std()
            .unwrap_or_default();
        self.ages.try_record(age)?;
        let date = self.date_of(&opened);
        // At most one per request kept in `ages`, whose length bounds the
        // counts' sum: no overflow.
        *self.by_opened_date.entry(date).or_insert(0) += 1;
        Ok(())
    }

    /// Merges the backlog of the same instant and zone offset: atomic.
    fn merge_counts(&mut self, other: &Backlog<Tz>) -> Result<(), Error> {
        if self.at != other.at {
            return Err(Error::mismatch(
                "backlog instants (Unix seconds)",
                self.at.timestamp(),
                other.at.timestamp(),
            ));
        }
        if self.offset_secs() != other.offset_secs() {
            return Err(Error::mismatch(
                "backlog zones (UTC offset at the instant, s)",
                self.offset_secs(),
                other.offset_secs(),
            ));
        }
        self.ages.try_merge(&other.ages)?;
        for (&date, &n) in &other.by_opened_date {
            // Bounded by the merged ages' length, as in `add_one`.
            *self.by_opened_date.entry(date).or_insert(0) += n;
        }
        Ok(())
    }

    fn observations(&self) -> u64 {
        self.ages.observations()
    }

    fn to_state(&self) -> BacklogState<Tz> {
        BacklogState {
            at: self.at.clone(),
            ages_ns: self.ages.to_state().nanos,
            by_opened_date: self.by_opened_date.iter().map(|(&d, &n)| (d, n)).collect(),
        }
    }

    /// The dates strictly ascending with counts of at least 1, and exactly
    /// the dates the ages give: each age `a` is a request opened at
    /// `at − a`, whose date on the instant's calendar must be counted once.
    fn check_state(state: BacklogState<Tz>) -> Result<Backlog<Tz>, Error> {
        let mut backlog = Backlog::at(state.at);
        for (i, &(date, n)) in state.by_opened_date.iter().enumerate() {
            if n == 0 {
                return Err(Error::out_of_range(
                    "by_opened_date request count",
                    0_u64,
                    Domain::AtLeast(1),
                )
                .at(i));
            }
            if i > 0 && state.by_opened_date[i - 1].0 >= date {
                return Err(Error::malformed(
                    "by_opened_date",
                    "dates in ascending order, each once",
                ));
            }
        }
        let ages = DurationSample::from_state(DurationSampleState {
            nanos: state.ages_ns,
        })?;
        let mut from_ages = BTreeMap::<NaiveDate, u64>::new();
        for (i, &ns) in ages.to_state().nanos.iter().enumerate() {
            let opened = TimeDelta::from_std(Duration::from_nanos(ns))
                .ok()
                .and_then(|age| backlog.at.clone().checked_sub_signed(age))
                .ok_or_else(|| {
                    Error::out_of_range(
                        "ages_ns age (an opening before chrono's first date)",
                        ns,
                        Domain::Between {
                            min: 0,
                            max: i64::MAX,
                        },
                    )
                    .at(i)
                })?;
            *from_ages.entry(backlog.date_of(&opened)).or_insert(0) += 1;
        }
        // Every date of either list, compared: the first difference is named.
        let mut given = state.by_opened_date.iter().peekable();
        let mut derived = from_ages.iter().peekable();
        loop {
            let (g, d) = (given.peek().map(|p| p.0), derived.peek().map(|p| *p.0));
            let (given_n, derived_n) = match (g, d) {
                (None, None) => break,
                (Some(g), Some(d)) if g == d => (
                    given.next().map_or(0, |p| p.1),
                    derived.next().map_or(0, |p| *p.1),
                ),
                (Some(g), Some(d)) if g < d => (given.next().map_or(0, |p| p.1), 0),
                (Some(_), None) => (given.next().map_or(0, |p| p.1), 0),
                _ => (0, derived.next().map_or(0, |p| *p.1)),
            };
            if given_n > derived_n {
                return Err(Error::inconsistent(
                    "by_opened_date count of a date",
                    given_n,
                    "the ages_ns that open on that date",
                    derived_n,
                ));
            }
            if derived_n > given_n {
                return Err(Error::inconsistent(
                    "the ages_ns that open on a date",
                    derived_n,
                    "by_opened_date count of that date",
                    given_n,
                ));
            }
        }
        backlog.ages = ages;
        backlog.by_opened_date = from_ages;
        Ok(backlog)
    }
}

tally!(
    [Tz: TimeZone] Backlog<Tz>,
    (DateTime<Tz>, Option<DateTime<Tz>>),
    BacklogState<Tz>
);

/// The state of a [`Backlog`]: its instant (in its zone), the ages of the
/// open requests and their counts by opening date.
///
/// Valid when the dates are strictly ascending, every count is at least 1,
/// and the counts are exactly the opening dates the ages give: an age `a`
/// is a request opened at `at − a`, dated on the calendar of `at`'s zone.
/// [`Tally::state`] gives the ages ascending; `from_state` takes them in any
/// order.
///
/// Wire format (the ages in ns and the counts as decimal strings, dates as
/// ISO 8601 text, the instant as RFC 3339 with its offset):
///
/// ```text
/// {"at": "2024-03-08T12:00:00Z", "ages_ns": ["86400000000000", "615600000000000"],
///  "by_opened_date": [["2024-03-01", "1"], ["2024-03-07", "1"]]}
/// ```
///
/// # Example
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use cxkpi::{Backlog, BacklogState, Tally};
///
/// let at = Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap();
/// let day = 86_400_000_000_000;
/// let date = |d| NaiveDate::from_ymd_opt(2024, 3, d).unwrap();
/// let state = BacklogState { at, ages_ns: vec![day], by_opened_date: vec![(date(7), 1)] };
/// assert_eq!(Backlog::from_state(state.clone())?.open()?, 1);
/// // An age of one day opens on the 7th, not on the 1st.
/// let tampered = BacklogState { by_opened_date: vec![(date(1), 1)], ..state };
/// assert!(Backlog::from_state(tampered).unwrap_err().to_string().contains("by_opened_date"));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BacklogState<Tz: TimeZone> {
    /// The instant, in the zone that dates the openings.
    pub at: DateTime<Tz>,
    /// The age of every open request, in nanoseconds (ascending when made by `state`).
    pub ages_ns: Vec<u64>,
    /// Open requests by opening date, dates ascending, counts at least 1.
    pub by_opened_date: Vec<(NaiveDate, u64)>,
}

#[cfg(feature = "serde")]
mod wire {
    use alloc::string::String;
    use alloc::vec::Vec;

    use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, TimeZone, Utc};
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::BacklogState;
    use crate::wire::ints::Text;

    /// A date as ISO 8601 text, `2024-03-01`.
    struct DateText(NaiveDate);

    impl Serialize for DateText {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(&self.0.format("%Y-%m-%d"))
        }
    }

    impl<'de> Deserialize<'de> for DateText {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DateText, D::Error> {
            let text = String::deserialize(d)?;
            NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map(DateText)
                .map_err(|_| D::Error::custom("by_opened_date: a date must be YYYY-MM-DD"))
        }
    }

    #[derive(Serialize)]
    struct Out<'a> {
        at: String,
        #[serde(with = "crate::wire::ints")]
        ages_ns: &'a [u64],
        by_opened_date: Vec<(DateText, Text)>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct In {
        at: String,
        #[serde(with = "crate::wire::ints")]
        ages_ns: Vec<u64>,
        by_opened_date: Vec<(DateText, Text)>,
    }

    impl<Tz: TimeZone> Serialize for BacklogState<Tz> {
        /// The instant as RFC 3339 text with the zone's offset at it.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Out {
                at: self
                    .at
                    .fixed_offset()
                    .to_rfc3339_opts(SecondsFormat::AutoSi, true),
                ages_ns: &self.ages_ns,
                by_opened_date: self
                    .by_opened_date
                    .iter()
                    .map(|&(d, n)| (DateText(d), Text(n)))
                    .collect(),
            }
            .serialize(s)
        }
    }

    /// The fields read, with the instant parsed as RFC 3339.
    fn read<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<(DateTime<FixedOffset>, BacklogState<FixedOffset>), D::Error> {
        let raw = In::deserialize(d)?;
        let at = DateTime::parse_from_rfc3339(&raw.at).map_err(|_| {
            D::Error::custom(
                "backlog at: an instant must be RFC 3339 text, such as 2024-03-08T12:00:00Z",
            )
        })?;
        let state = BacklogState {
            at,
            ages_ns: raw.ages_ns,
            by_opened_date: raw
                .by_opened_date
                .into_iter()
                .map(|(DateText(d), Text(n))| (d, n))
                .collect(),
        };
        Ok((at, state))
    }

    impl<'de> Deserialize<'de> for BacklogState<FixedOffset> {
        /// The instant keeps the offset written.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            read(d).map(|(_, state)| state)
        }
    }

    impl<'de> Deserialize<'de> for BacklogState<Utc> {
        /// The instant must be written in UTC (`Z` or `+00:00`): the dates
        /// were read on that calendar.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let (at, state) = read(d)?;
            if at.offset().local_minus_utc() != 0 {
                return Err(D::Error::custom(
                    "backlog at: a UTC backlog's instant must be written in UTC (Z); read another offset as Backlog<FixedOffset>",
                ));
            }
            Ok(BacklogState {
                at: at.to_utc(),
                ages_ns: state.ages_ns,
                by_opened_date: state.by_opened_date,
            })
        }
    }
}

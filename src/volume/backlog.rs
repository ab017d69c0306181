//! The backlog at an instant: requests still open, their ages, and the dates they were opened.

use alloc::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeZone};

use crate::time::DurationSample;
use crate::{Error, Merge, Tally};

/// The requests open at one instant: how many, how old, and opened when.
///
/// A request is open at the instant when it was opened at or before it and
/// is not closed at or before it (closed later, or not at all). Requests
/// opened after the instant are not part of its backlog. Opening dates are
/// read on the calendar of the instant's time zone. Backlogs of the same
/// instant merge (per team, per shard); of different instants they do not
/// ([`Error::mismatch`]).
///
/// # Formula
///
/// ```text
/// open(t) = #{ r : opened(r) ≤ t  and  (closed(r) > t or r not closed) }
/// age(r)  = t − opened(r)
/// ```
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use cxkpi::time::Backlog;
///
/// let at = |d, h| Utc.with_ymd_and_hms(2024, 3, d, h, 0, 0).unwrap();
/// let mut backlog = Backlog::at(at(8, 12));
/// backlog.record(&at(1, 9), None);              // open for a week
/// backlog.record(&at(7, 12), Some(&at(9, 9)));  // closed after the instant: open
/// backlog.record(&at(5, 10), Some(&at(6, 10))); // closed before: not open
/// backlog.record(&at(8, 13), None);             // opened after: not in it
/// assert_eq!(backlog.open(), 2);
/// let ages = backlog.ages().summary()?;
/// assert_eq!(ages.max().as_secs(), 7 * 86_400 + 3 * 3600);
/// let by_date: Vec<_> = backlog.by_opened_date().map(|(d, n)| (d.to_string(), n)).collect();
/// assert_eq!(by_date, [("2024-03-01".to_owned(), 1), ("2024-03-07".to_owned(), 1)]);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Backlog<Tz: TimeZone> {
    at: DateTime<Tz>,
    ages: DurationSample,
    by_opened_date: BTreeMap<NaiveDate, u64>,
}

impl<Tz: TimeZone> Backlog<Tz> {
    /// The empty backlog at instant `at`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    ///
    /// let backlog = cxkpi::time::Backlog::at(Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap());
    /// assert_eq!(backlog.open(), 0);
    /// ```
    pub fn at(at: DateTime<Tz>) -> Backlog<Tz> {
        Backlog {
            at,
            ages: DurationSample::new(),
            by_opened_date: BTreeMap::new(),
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
    /// assert_eq!(cxkpi::time::Backlog::at(t).instant(), &t);
    /// ```
    pub fn instant(&self) -> &DateTime<Tz> {
        &self.at
    }

    /// Considers one request, opened at `opened` and closed at `closed`
    /// (`None` while still open); it joins the backlog when open at the instant.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    ///
    /// let t = Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap();
    /// let mut backlog = cxkpi::time::Backlog::at(t);
    /// backlog.record(&Utc.with_ymd_and_hms(2024, 3, 8, 11, 0, 0).unwrap(), None);
    /// assert_eq!(backlog.open(), 1);
    /// ```
    pub fn record<A: TimeZone>(&mut self, opened: &DateTime<A>, closed: Option<&DateTime<A>>) {
        if *opened > self.at || closed.is_some_and(|c| *c <= self.at) {
            return;
        }
        // `opened <= at`, so the age is not negative.
        let age = (self.at.clone().to_utc() - opened.clone().to_utc())
            .to_std()
            .unwrap_or_default();
        self.ages.record(age);
        let date = opened.with_timezone(&self.at.timezone()).date_naive();
        // At most one per recorded request: cannot pass `u64::MAX` before
        // the ages' memory runs out.
        *self.by_opened_date.entry(date).or_insert(0) += 1;
    }

    /// Requests open at the instant.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    ///
    /// assert_eq!(cxkpi::time::Backlog::at(Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap()).open(), 0);
    /// ```
    pub fn open(&self) -> u64 {
        self.ages.observations()
    }

    /// The ages of the open requests: their statistics and percentiles.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    ///
    /// let t = Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap();
    /// let mut backlog = cxkpi::time::Backlog::at(t);
    /// backlog.record(&Utc.with_ymd_and_hms(2024, 3, 8, 10, 0, 0).unwrap(), None);
    /// assert_eq!(backlog.ages().summary()?.median_secs(), 7200.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn ages(&self) -> &DurationSample {
        &self.ages
    }

    /// Open requests by the date they were opened, oldest first.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    ///
    /// let backlog = cxkpi::time::Backlog::at(Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap());
    /// assert_eq!(backlog.by_opened_date().count(), 0);
    /// ```
    pub fn by_opened_date(&self) -> impl Iterator<Item = (NaiveDate, u64)> + '_ {
        self.by_opened_date.iter().map(|(&d, &n)| (d, n))
    }
}

impl<Tz: TimeZone> Merge for Backlog<Tz> {
    /// Merges the backlog of the same instant; on error `self` is unchanged.
    fn try_merge(&mut self, other: &Backlog<Tz>) -> Result<(), Error> {
        if self.at != other.at {
            return Err(Error::mismatch(
                "backlog instants (Unix seconds)",
                self.at.timestamp(),
                other.at.timestamp(),
            ));
        }
        self.ages.try_merge(&other.ages)?;
        for (&date, &n) in &other.by_opened_date {
            *self.by_opened_date.entry(date).or_insert(0) += n;
        }
        Ok(())
    }
}

//! Agent status intervals, split exactly at the interval boundaries and
//! midnights of a time zone.

use alloc::vec::Vec;
use core::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone};

use crate::time::{IntervalLength, IntervalOfDay};
use crate::{AgentState, StateSpan};
use crate::{Domain, Error};

/// The longest status interval accepted: 31 days (2 976 quarter-hours).
pub const MAX_STATUS_DAYS: u32 = 31;

/// One agent status interval from a product's log: a state from `start`
/// to `end`.
///
/// # Example
///
/// ```
/// use chrono::TimeZone;
/// use chrono_tz::Europe::Paris;
/// use cxkpi::time::IntervalLength;
/// use cxkpi::AgentState;
/// use cxkpi::workforce::StatusInterval;
///
/// // 23:50 to 00:20 across midnight, in half-hours.
/// let start = Paris.with_ymd_and_hms(2024, 5, 6, 23, 50, 0).unwrap();
/// let end = Paris.with_ymd_and_hms(2024, 5, 7, 0, 20, 0).unwrap();
/// let status = StatusInterval::new(AgentState::Handling, start, end)?;
/// let pieces: Vec<String> = status
///     .pieces(IntervalLength::HalfHour)
///     .iter()
///     .map(|p| format!("{} {} {}s", p.date, p.interval, p.span.duration.as_secs()))
///     .collect();
/// assert_eq!(pieces, ["2024-05-06 23:30 600s", "2024-05-07 00:00 1200s"]);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct StatusInterval<Tz: TimeZone> {
    state: AgentState,
    start: DateTime<Tz>,
    end: DateTime<Tz>,
}

/// The part of a status interval inside one interval of one local day.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use cxkpi::time::IntervalLength;
/// use cxkpi::AgentState;
/// use cxkpi::workforce::StatusInterval;
///
/// let at = Utc.with_ymd_and_hms(2024, 1, 1, 9, 0, 0).unwrap();
/// let status = StatusInterval::new(AgentState::Away, at, at + chrono::TimeDelta::minutes(10))?;
/// let piece = status.pieces(IntervalLength::Hour)[0];
/// assert_eq!((piece.interval.to_string(), piece.span.duration.as_secs()), ("09:00".to_owned(), 600));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Piece {
    /// The local date.
    pub date: NaiveDate,
    /// The interval of that date.
    pub interval: IntervalOfDay,
    /// The state and the time spent in it within the interval.
    pub span: StateSpan,
}

impl<Tz: TimeZone> StatusInterval<Tz> {
    /// The status `state` from `start` to `end` (instants: their offsets may
    /// differ across a daylight-saving change).
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] when `end` is before `start`, or the interval
    /// is longer than [`MAX_STATUS_DAYS`] days.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use cxkpi::AgentState;
    /// use cxkpi::workforce::StatusInterval;
    ///
    /// let at = Utc.with_ymd_and_hms(2024, 1, 1, 9, 0, 0).unwrap();
    /// let err = StatusInterval::new(AgentState::Away, at, at - chrono::TimeDelta::seconds(30)).unwrap_err();
    /// assert_eq!(err.to_string(), "status interval length (s) -30 is out of range: it must be between 0 and 2678400");
    /// ```
    pub fn new(
        state: AgentState,
        start: DateTime<Tz>,
        end: DateTime<Tz>,
    ) -> Result<StatusInterval<Tz>, Error> {
        let length = end.clone().signed_duration_since(start.clone());
        let max = i64::from(MAX_STATUS_DAYS) * 86_400;
        if length < TimeDelta::zero() || length > TimeDelta::seconds(max) {
            return Err(Error::out_of_range(
                "status interval length (s)",
                length.num_seconds(),
                Domain::Between { min: 0, max },
            ));
        }
        Ok(StatusInterval { state, start, end })
    }

    /// The state.
    pub const fn state(&self) -> AgentState {
        self.state
    }

    /// The interval's parts in each interval of the local clock day, in
    /// time order: cut at every interval boundary and midnight of the time
    /// zone, and at every change of its UTC offset.
    ///
    /// The cuts are instants, so the parts' durations add up to
    /// `end − start` exactly, to the nanosecond. Keys are local: on the day
    /// clocks go forward (Europe/Paris, 2024-03-31) the interval 02:00–03:00
    /// gets no time and the day has 23 hours; on the day they go back
    /// (2024-10-27) 02:00–03:00 happens twice and gets up to two hours, and
    /// the day has 25.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::TimeZone;
    /// use chrono_tz::Europe::Paris;
    /// use cxkpi::time::IntervalLength;
    /// use cxkpi::AgentState;
    /// use cxkpi::workforce::StatusInterval;
    ///
    /// // 01:30 to 03:30 on the spring change: one hour and a half of real time.
    /// let start = Paris.with_ymd_and_hms(2024, 3, 31, 1, 30, 0).unwrap();
    /// let end = Paris.with_ymd_and_hms(2024, 3, 31, 3, 30, 0).unwrap();
    /// let pieces = StatusInterval::new(AgentState::Available, start, end)?.pieces(IntervalLength::Hour);
    /// let by_hour: Vec<_> = pieces.iter().map(|p| (p.interval.to_string(), p.span.duration.as_secs() / 60)).collect();
    /// assert_eq!(by_hour, [("01:00".to_owned(), 30), ("03:00".to_owned(), 30)]);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn pieces(&self, length: IntervalLength) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut t = self.start.clone();
        while t < self.end {
            let local = t.naive_local();
            let interval = IntervalOfDay::of_naive(length, local);
            let step = next_boundary(local, interval) - local;
            let mut cut = t.clone() + step;
            if offset_secs(&cut) != offset_secs(&t) {
                cut = offset_change(&t, &cut);
            }
            if cut > self.end {
                cut = self.end.clone();
            }
            let elapsed = cut.clone().signed_duration_since(t.clone());
            pieces.push(Piece {
                date: local.date(),
                interval,
                // `t < cut`, and the whole interval is at most 31 days.
                span: StateSpan::new(self.state, elapsed.to_std().unwrap_or(Duration::ZERO)),
            });
            t = cut;
        }
        pieces
    }
}

/// The local date and time at which `interval` of `local`'s date ends
/// (the next midnight for the last interval).
fn next_boundary(local: NaiveDateTime, interval: IntervalOfDay) -> NaiveDateTime {
    let end_secs = i64::from(interval.start_secs()) + i64::from(interval.length().secs());
    local.date().and_time(chrono::NaiveTime::MIN) + TimeDelta::seconds(end_secs)
}

fn offset_secs<Tz: TimeZone>(at: &DateTime<Tz>) -> i32 {
    at.offset().fix().local_minus_utc()
}

/// The first instant in `(from, to]` whose UTC offset differs from
/// `from`'s, given that `to`'s does: found by bisection to the nanosecond
/// (an interval holds at most one change in every time-zone database zone).
fn offset_change<Tz: TimeZone>(from: &DateTime<Tz>, to: &DateTime<Tz>) -> DateTime<Tz> {
    let offset = offset_secs(from);
    let (mut lo, mut hi) = (from.clone(), to.clone());
    loop {
        let gap = hi.clone().signed_duration_since(lo.clone());
        if gap <= TimeDelta::nanoseconds(1) {
            return hi;
        }
        let mid = lo.clone() + gap / 2;
        if offset_secs(&mid) == offset {
            lo = mid;
        } else {
            hi = mid;
        }
    }
}

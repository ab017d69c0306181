//! Arrival times in the report's time zone: the day, hour and interval a
//! call belongs to, with daylight-saving changes handled.
//!
//! A log records clock times without an offset. `--input-time local` (the
//! default) reads them as wall-clock time in the `--tz` zone, or as recorded
//! when no zone is given; `--input-time utc` reads them as UTC and converts
//! them to the zone (UTC itself without `--tz`).

use chrono::{
    Datelike, Duration as Span, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike,
};
use chrono_tz::Tz;

/// How the timestamps of the input are to be read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputTime {
    /// Wall-clock time in the report's zone (as recorded when none is given).
    #[default]
    Local,
    /// Coordinated Universal Time.
    Utc,
}

/// One hour of a day in the report's zone: its start as an instant, so that
/// the two 02:00 hours of a fall-back day are two hours, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HourSlot {
    /// Seconds since 1970-01-01 00:00 UTC of the hour's start; with no
    /// zone, of the recorded clock time read as if it were UTC.
    start: i64,
    /// The zone's offset from UTC during this hour, in seconds; `None` when
    /// the report has no zone (times as recorded).
    offset: Option<i32>,
}

impl HourSlot {
    /// `2021-03-28T03:00+02:00`, or `1999-02-01T07:00` without a zone.
    pub fn label(&self) -> String {
        let local = self.start + i64::from(self.offset.unwrap_or(0));
        let when = chrono::DateTime::from_timestamp(local, 0).map_or_else(
            || "?".to_owned(),
            |t| t.naive_utc().format("%Y-%m-%dT%H:%M").to_string(),
        );
        match self.offset {
            None => when,
            Some(offset) => {
                let sign = if offset < 0 { '-' } else { '+' };
                let abs = offset.unsigned_abs();
                format!("{when}{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
            }
        }
    }
}

/// When a call arrived, in the report's zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arrival {
    /// The local day.
    pub day: NaiveDate,
    /// The local hour of the day, 0–23.
    pub hour: u8,
    /// Minutes since local midnight, 0–1439.
    pub minute: u16,
    /// The local clock hour (day and hour, with its offset).
    pub slot: HourSlot,
}

impl Arrival {
    /// The Monday that starts the ISO week of the arrival.
    pub fn week(&self) -> NaiveDate {
        let back = i64::from(self.day.weekday().num_days_from_monday());
        self.day - Span::days(back)
    }
}

/// What reading a local time met at a daylight-saving change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneQuirk {
    /// The local time occurs twice (the fall-back hour).
    Ambiguous,
    /// The local time does not exist (the spring-forward gap).
    Gap,
}

impl ZoneQuirk {
    /// The quirk's name and policy, for the data-quality panel.
    pub fn note(self) -> (&'static str, &'static str) {
        match self {
            ZoneQuirk::Ambiguous => (
                "local time repeated by a DST change",
                "read as the first of the two instants",
            ),
            ZoneQuirk::Gap => (
                "local time skipped by a DST change",
                "read with the offset before the change",
            ),
        }
    }
}

/// The report's time zone and how to read the input's clock times.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeBasis {
    zone: Option<Tz>,
    input: InputTime,
}

impl TimeBasis {
    /// `zone` for the breakdowns (`None`: as recorded), `input` for the
    /// timestamps. UTC input without a zone reports in UTC.
    pub fn new(zone: Option<Tz>, input: InputTime) -> TimeBasis {
        let zone = match (zone, input) {
            (None, InputTime::Utc) => Some(Tz::UTC),
            (zone, _) => zone,
        };
        TimeBasis { zone, input }
    }

    /// The zone's name, or `None` for times as recorded.
    pub fn zone_name(&self) -> Option<&'static str> {
        self.zone.map(chrono_tz::Tz::name)
    }

    /// How the input's timestamps were read, for the report's header.
    pub fn describe(&self) -> String {
        match (self.zone, self.input) {
            (None, _) => "times as recorded in the log (no time zone)".to_owned(),
            (Some(z), InputTime::Local) => format!("times read as local time in {}", z.name()),
            (Some(z), InputTime::Utc) => format!("times read as UTC, reported in {}", z.name()),
        }
    }

    /// The arrival of a call recorded at `secs` seconds past midnight of
    /// `date`, with the DST quirk met, if any.
    pub fn arrival(&self, date: NaiveDate, secs: u32) -> (Arrival, Option<ZoneQuirk>) {
        let naive = date.and_time(chrono::NaiveTime::MIN) + Span::seconds(i64::from(secs));
        let Some(zone) = self.zone else {
            return (as_recorded(naive), None);
        };
        match self.input {
            InputTime::Utc => (in_zone(zone, naive.and_utc().timestamp()), None),
            InputTime::Local => match zone.from_local_datetime(&naive) {
                LocalResult::Single(t) => (in_zone(zone, t.timestamp()), None),
                LocalResult::Ambiguous(first, _) => {
                    (in_zone(zone, first.timestamp()), Some(ZoneQuirk::Ambiguous))
                }
                LocalResult::None => {
                    // In the gap: the offset of one hour before, as a clock
                    // that has not been moved on yet would show it.
                    let before = naive - Span::hours(1);
                    let instant = zone
                        .from_local_datetime(&before)
                        .earliest()
                        .map_or_else(|| naive.and_utc().timestamp(), |t| t.timestamp() + 3600);
                    (in_zone(zone, instant), Some(ZoneQuirk::Gap))
                }
            },
        }
    }

    /// Every clock hour of the local `day`, in order: 23 on a spring-forward
    /// day, 25 on a fall-back day, 24 otherwise.
    pub fn hours_of_day(&self, day: NaiveDate) -> Vec<HourSlot> {
        let Some(zone) = self.zone else {
            let start = day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
            return (0..24)
                .map(|h| HourSlot {
                    start: start + h * 3600,
                    offset: None,
                })
                .collect();
        };
        let (Some(start), Some(end)) = (
            midnight(zone, day),
            day.succ_opt().and_then(|d| midnight(zone, d)),
        ) else {
            return Vec::new();
        };
        // At most 25 hours in a day; 27 covers any zone's changes.
        (0..27)
            .map(|h| start + h * 3600)
            .take_while(|&t| t < end)
            .map(|t| in_zone(zone, t).slot)
            .collect()
    }
}

/// The first instant of the local `day` (midnight, or the end of a gap at midnight).
fn midnight(zone: Tz, day: NaiveDate) -> Option<i64> {
    (0..3).find_map(|h| {
        let t = day.and_hms_opt(h, 0, 0)?;
        zone.from_local_datetime(&t)
            .earliest()
            .map(|t| t.timestamp())
    })
}

/// A naive clock time, as recorded.
fn as_recorded(naive: NaiveDateTime) -> Arrival {
    let into_hour = i64::from(naive.minute() * 60 + naive.second());
    Arrival {
        day: naive.date(),
        hour: hour(naive.hour()),
        minute: minute(naive.hour() * 60 + naive.minute()),
        slot: HourSlot {
            start: naive.and_utc().timestamp() - into_hour,
            offset: None,
        },
    }
}

/// The instant `utc` (seconds since the epoch) on the clocks of `zone`.
fn in_zone(zone: Tz, utc: i64) -> Arrival {
    let Some(instant) = chrono::DateTime::from_timestamp(utc, 0) else {
        return as_recorded(NaiveDateTime::MIN);
    };
    let local = instant.with_timezone(&zone);
    let into_hour = i64::from(local.minute() * 60 + local.second());
    Arrival {
        day: local.date_naive(),
        hour: hour(local.hour()),
        minute: minute(local.hour() * 60 + local.minute()),
        slot: HourSlot {
            start: utc - into_hour,
            offset: Some(local.offset().fix().local_minus_utc()),
        },
    }
}

/// An hour of a clock (0–23) as a byte.
fn hour(h: u32) -> u8 {
    u8::try_from(h).unwrap_or(23)
}

/// Minutes of a day (0–1439) as a `u16`.
fn minute(m: u32) -> u16 {
    u16::try_from(m).unwrap_or(1439)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn paris_dst_days_have_23_and_25_hours() {
        let paris = TimeBasis::new(Some(chrono_tz::Europe::Paris), InputTime::Utc);
        assert_eq!(paris.hours_of_day(day(2021, 3, 28)).len(), 23);
        assert_eq!(paris.hours_of_day(day(2021, 10, 31)).len(), 25);
        assert_eq!(paris.hours_of_day(day(2021, 6, 1)).len(), 24);
        let labels: Vec<String> = paris
            .hours_of_day(day(2021, 10, 31))
            .iter()
            .map(HourSlot::label)
            .collect();
        assert_eq!(labels[2], "2021-10-31T02:00+02:00");
        assert_eq!(labels[3], "2021-10-31T02:00+01:00");
        let spring: Vec<String> = paris
            .hours_of_day(day(2021, 3, 28))
            .iter()
            .map(HourSlot::label)
            .collect();
        assert_eq!(spring[2], "2021-03-28T03:00+02:00");
    }

    #[test]
    fn utc_input_moves_to_the_local_day() {
        let paris = TimeBasis::new(Some(chrono_tz::Europe::Paris), InputTime::Utc);
        let (a, quirk) = paris.arrival(day(2021, 1, 1), 23 * 3600 + 30 * 60);
        assert_eq!(
            (a.day, a.hour, a.minute, quirk),
            (day(2021, 1, 2), 0, 30, None)
        );
    }

    #[test]
    fn local_input_in_the_gap_and_the_repeated_hour() {
        let paris = TimeBasis::new(Some(chrono_tz::Europe::Paris), InputTime::Local);
        let (a, quirk) = paris.arrival(day(2021, 3, 28), 2 * 3600 + 30 * 60);
        assert_eq!((a.hour, quirk), (3, Some(ZoneQuirk::Gap)));
        let (b, quirk) = paris.arrival(day(2021, 10, 31), 2 * 3600 + 30 * 60);
        assert_eq!(
            (b.slot.label().as_str(), quirk),
            ("2021-10-31T02:00+02:00", Some(ZoneQuirk::Ambiguous))
        );
    }
}

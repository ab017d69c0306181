//! Business time across weekends, holidays, clock changes in named time
//! zones, and intervals that start or end outside business hours.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::America::New_York;
use chrono_tz::Europe::Paris;
use cxkpi::time::{BusinessCalendar, Clock, WeeklySchedule, elapsed};
use proptest::prelude::*;

const HOUR: u64 = 3600;

fn paris(d: u32, h: u32, m: u32) -> DateTime<chrono_tz::Tz> {
    Paris.with_ymd_and_hms(2024, 3, d, h, m, 0).unwrap()
}

fn office() -> BusinessCalendar<chrono_tz::Tz> {
    BusinessCalendar::new(WeeklySchedule::office(9, 18).unwrap(), Paris)
}

#[test]
fn friday_evening_to_monday_morning_is_one_hour() {
    // 2024-03-15 is a Friday.
    let secs = office()
        .business_time(&paris(15, 17, 30), &paris(18, 9, 30))
        .unwrap();
    assert_eq!(secs.as_secs(), HOUR);
}

#[test]
fn starts_and_ends_outside_hours() {
    let cal = office();
    let bt = |a, b| cal.business_time(&a, &b).unwrap().as_secs();
    // Before opening to after closing on one day: the whole day.
    assert_eq!(bt(paris(18, 7, 0), paris(18, 20, 0)), 9 * HOUR);
    // Both before opening: nothing.
    assert_eq!(bt(paris(18, 6, 0), paris(18, 8, 59)), 0);
    // After closing to the next opening: nothing.
    assert_eq!(bt(paris(18, 18, 0), paris(19, 9, 0)), 0);
    // From a Saturday to a Sunday: nothing; to Monday noon: 3 hours.
    assert_eq!(bt(paris(16, 10, 0), paris(17, 23, 0)), 0);
    assert_eq!(bt(paris(16, 10, 0), paris(18, 12, 0)), 3 * HOUR);
    // Equal instants: zero.
    assert_eq!(bt(paris(18, 10, 0), paris(18, 10, 0)), 0);
}

#[test]
fn holidays_are_closed() {
    let easter_monday = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
    let cal = office().with_holidays([easter_monday]);
    let a = Paris.with_ymd_and_hms(2024, 3, 29, 17, 0, 0).unwrap(); // Friday
    let b = Paris.with_ymd_and_hms(2024, 4, 2, 10, 0, 0).unwrap(); // Tuesday
    assert_eq!(cal.business_time(&a, &b).unwrap().as_secs(), 2 * HOUR);
}

#[test]
fn long_spans() {
    let cal = office();
    // Two weeks from Monday 00:00: 10 days of 9 hours.
    assert_eq!(
        cal.business_time(&paris(4, 0, 0), &paris(18, 0, 0))
            .unwrap()
            .as_secs(),
        90 * HOUR
    );
    // Ten years run in well under a second and count 52 or 53 weeks a year.
    let a = Paris.with_ymd_and_hms(2014, 1, 1, 0, 0, 0).unwrap();
    let b = Paris.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let hours = cal.business_time(&a, &b).unwrap().as_secs() / HOUR;
    assert_eq!(hours % 9, 0);
    assert_eq!(hours / 9, 2608); // weekdays from 2014-01-01 to 2023-12-31
}

#[test]
fn clock_changes_in_paris() {
    let always = BusinessCalendar::new(WeeklySchedule::always(), Paris);
    let day = |m, d| {
        let date = NaiveDate::from_ymd_opt(2024, m, d).unwrap();
        let midnight = |date: NaiveDate| {
            Paris
                .from_local_datetime(&date.and_time(NaiveTime::MIN))
                .unwrap()
        };
        let (a, b) = (midnight(date), midnight(date.succ_opt().unwrap()));
        always.business_time(&a, &b).unwrap().as_secs()
    };
    assert_eq!(day(3, 31), 23 * HOUR); // spring forward
    assert_eq!(day(10, 27), 25 * HOUR); // fall back
    assert_eq!(day(3, 30), 24 * HOUR);
    // Office hours are not touched by a change at night: Friday 29 March to
    // Tuesday 2 April across the spring change is Friday + Monday + Tuesday.
    let weekdays = BusinessCalendar::new(WeeklySchedule::office(9, 18).unwrap(), Paris);
    let a = Paris.with_ymd_and_hms(2024, 3, 29, 0, 0, 0).unwrap();
    let b = Paris.with_ymd_and_hms(2024, 4, 3, 0, 0, 0).unwrap();
    assert_eq!(weekdays.business_time(&a, &b).unwrap().as_secs(), 27 * HOUR);
}

#[test]
fn opening_inside_the_skipped_hour_starts_when_the_clock_jumps() {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    // Sunday 31 March 2024, Paris: 02:00 becomes 03:00.
    let night = WeeklySchedule::new()
        .open(&[Weekday::Sun], t(2, 30), t(5, 0))
        .unwrap();
    let cal = BusinessCalendar::new(night, Paris);
    let a = Paris.with_ymd_and_hms(2024, 3, 31, 0, 0, 0).unwrap();
    let b = Paris.with_ymd_and_hms(2024, 3, 31, 12, 0, 0).unwrap();
    assert_eq!(cal.business_time(&a, &b).unwrap().as_secs(), 2 * HOUR);
}

#[test]
fn new_york_and_utc_inputs() {
    let cal = BusinessCalendar::new(WeeklySchedule::office(9, 17).unwrap(), New_York);
    // Sunday 10 March 2024 New York springs forward; Monday is a full day.
    let a = Utc.with_ymd_and_hms(2024, 3, 8, 21, 0, 0).unwrap(); // Friday 16:00 EST
    let b = Utc.with_ymd_and_hms(2024, 3, 11, 14, 0, 0).unwrap(); // Monday 10:00 EDT
    assert_eq!(cal.business_time(&a, &b).unwrap().as_secs(), 2 * HOUR);
    assert_eq!(
        Clock::Business(&cal).between(&a, &b).unwrap().as_secs(),
        2 * HOUR
    );
    assert_eq!(elapsed(&a, &b).unwrap().as_secs(), 65 * HOUR);
}

#[test]
fn end_before_start_is_an_error() {
    let err = office()
        .business_time(&paris(18, 10, 0), &paris(18, 9, 0))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "interval end (seconds after its start) -3600 is out of range: it must be at least 0"
    );
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // Around the Paris spring change and a few weeks either side.
    (0i64..60 * 86_400).prop_map(|s| Utc.timestamp_opt(1_709_251_200 + s, 0).unwrap())
}

proptest! {
    /// Business time adds up over consecutive intervals and never exceeds
    /// the calendar time.
    #[test]
    fn additive_and_bounded(a in instant(), b in instant(), c in instant(), weekdays in any::<bool>()) {
        let mut t = [a, b, c];
        t.sort();
        let schedule = if weekdays { WeeklySchedule::office(8, 19).unwrap() } else { WeeklySchedule::always() };
        let cal = BusinessCalendar::new(schedule, Paris);
        let ab = cal.business_time(&t[0], &t[1]).unwrap();
        let bc = cal.business_time(&t[1], &t[2]).unwrap();
        let ac = cal.business_time(&t[0], &t[2]).unwrap();
        prop_assert_eq!(ab + bc, ac);
        prop_assert!(ac <= elapsed(&t[0], &t[2]).unwrap());
        if !weekdays {
            prop_assert_eq!(ac, elapsed(&t[0], &t[2]).unwrap());
        }
    }
}

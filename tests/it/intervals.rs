//! Intervals of the day and week: constructors are total, keys round-trip
//! through their indices, clock times and serde.

use core::time::Duration;

use cxkpi::HourOfDay;
use cxkpi::Percent;
use cxkpi::staffing::{Model, Plan, StaffingTarget};
use cxkpi::time::{DayOfWeek, IntervalLength, IntervalOfDay, WeekInterval};
use proptest::prelude::*;

fn length() -> impl Strategy<Value = IntervalLength> {
    prop::sample::select(IntervalLength::ALL.to_vec())
}

proptest! {
    #[test]
    fn constructors_are_total(length in length(), index in any::<u16>(), secs in any::<u32>(), minutes in any::<u16>()) {
        prop_assert_eq!(IntervalOfDay::new(length, index).is_ok(), index < length.per_day());
        prop_assert_eq!(WeekInterval::from_index(length, index).is_ok(), index < length.per_week());
        prop_assert_eq!(IntervalLength::new(minutes).is_ok(), [15, 30, 60].contains(&minutes));
        match IntervalOfDay::containing(length, secs) {
            Ok(at) => {
                prop_assert!(secs < 86_400);
                let start = u32::from(at.start_minute()) * 60;
                prop_assert!(start <= secs && secs < start + u32::from(length.minutes()) * 60);
            }
            Err(_) => prop_assert!(secs >= 86_400),
        }
    }

    #[test]
    fn week_slots_round_trip(length in length(), index in 0_u16..672) {
        if let Ok(slot) = WeekInterval::from_index(length, index) {
            prop_assert_eq!(slot.index_in_week(), index);
            prop_assert_eq!(WeekInterval::new(slot.day, slot.interval), slot);
        }
    }
}

#[test]
fn hours_convert_both_ways() {
    let nine = HourOfDay::new(9).unwrap();
    let interval = IntervalOfDay::from(nine);
    assert_eq!(
        interval,
        IntervalOfDay::new(IntervalLength::Hour, 9).unwrap()
    );
    assert_eq!(HourOfDay::try_from(interval).unwrap(), nine);
    let half = IntervalOfDay::new(IntervalLength::HalfHour, 9).unwrap();
    assert_eq!(
        HourOfDay::try_from(half).unwrap_err().to_string(),
        "interval length (min) of an hour 30 is invalid: it must be between 60 and 60"
    );
}

#[test]
fn keys_order_by_clock_within_a_length() {
    let day: Vec<_> = IntervalOfDay::day(IntervalLength::QuarterHour).collect();
    assert!(day.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(day.len(), 96);
    let mut week: Vec<_> = (0..336)
        .map(|i| WeekInterval::from_index(IntervalLength::HalfHour, i).unwrap())
        .collect();
    let sorted = week.clone();
    week.reverse();
    week.sort();
    assert_eq!(week, sorted);
    assert_eq!(DayOfWeek::new(6).unwrap(), DayOfWeek::Sunday);
}

#[test]
fn plans_take_interval_keys() {
    let half = IntervalLength::HalfHour;
    let calls = [40.0, 100.0, 0.0];
    let keyed: Vec<_> = calls
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            (
                IntervalOfDay::new(half, 16 + u16::try_from(i).unwrap()).unwrap(),
                c,
            )
        })
        .collect();
    let target = StaffingTarget::new()
        .service_level(Percent::new(80.0).unwrap(), Duration::from_secs(20))
        .unwrap();
    let aht = Duration::from_secs(180);
    let plan = Plan::from_intervals(&keyed, aht, &target, Model::ErlangC).unwrap();
    assert_eq!(
        plan,
        Plan::uniform(&calls, half.into(), aht, &target, Model::ErlangC).unwrap()
    );
    let bad = [(IntervalOfDay::new(half, 0).unwrap(), f64::NAN)];
    let err = Plan::from_intervals(&bad, aht, &target, Model::ErlangC).unwrap_err();
    assert!(err.to_string().contains("at index 0"), "{err}");
}

#[cfg(feature = "chrono")]
#[test]
fn clock_times_find_their_interval() {
    use chrono::{NaiveDate, TimeZone};
    use chrono_tz::Europe::Paris;
    let at = NaiveDate::from_ymd_opt(1999, 2, 28)
        .unwrap()
        .and_hms_opt(23, 59, 59)
        .unwrap();
    assert_eq!(
        WeekInterval::of_naive(IntervalLength::QuarterHour, at).to_string(),
        "Sun 23:45"
    );
    let paris = Paris
        .with_ymd_and_hms(2024, 10, 27, 2, 30, 0)
        .earliest()
        .unwrap();
    assert_eq!(
        IntervalOfDay::of(IntervalLength::HalfHour, &paris).to_string(),
        "02:30"
    );
    assert_eq!(DayOfWeek::from(chrono::Weekday::Sun), DayOfWeek::Sunday);
    assert_eq!(
        chrono::Weekday::from(DayOfWeek::Monday),
        chrono::Weekday::Mon
    );
}

#[cfg(feature = "serde")]
#[test]
fn keys_serialize_and_validate() {
    let key = IntervalOfDay::new(IntervalLength::HalfHour, 19).unwrap();
    let json = serde_json::to_string(&key).unwrap();
    assert_eq!(json, r#"{"minutes":30,"index":19}"#);
    assert_eq!(serde_json::from_str::<IntervalOfDay>(&json).unwrap(), key);
    assert!(serde_json::from_str::<IntervalOfDay>(r#"{"minutes":30,"index":48}"#).is_err());
    assert!(serde_json::from_str::<IntervalOfDay>(r#"{"minutes":20,"index":1}"#).is_err());
    let slot = WeekInterval::new(DayOfWeek::Friday, key);
    let json = serde_json::to_string(&slot).unwrap();
    assert_eq!(
        json,
        r#"{"day":"friday","interval":{"minutes":30,"index":19}}"#
    );
    assert_eq!(serde_json::from_str::<WeekInterval>(&json).unwrap(), slot);
    assert_eq!(
        serde_json::to_string(&IntervalLength::QuarterHour).unwrap(),
        "15"
    );
}

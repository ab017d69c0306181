//! Agent time: the tally's laws and state, occupancy and utilisation by
//! hand, and status intervals split exactly across interval boundaries,
//! midnight and daylight-saving changes.

use core::time::Duration;

use cxkpi::{AgentState, AgentTime, StateSpan};
use cxkpi::{ErrorKind, Merge, Tally};
use proptest::prelude::*;

fn span() -> impl Strategy<Value = StateSpan> {
    (0_usize..4, any::<u64>(), 0_u32..1_000_000_000).prop_map(|(s, secs, nanos)| {
        StateSpan::new(
            AgentState::ALL[s],
            Duration::new(secs % 1_000_000_000, nanos),
        )
    })
}

proptest! {
    #[test]
    fn agent_time_merges_like_concatenation(
        a in prop::collection::vec(span(), 0..20),
        b in prop::collection::vec(span(), 0..20),
        c in prop::collection::vec(span(), 0..5),
    ) {
        let (ta, tb, tc): (AgentTime, AgentTime, AgentTime) =
            (a.iter().collect(), b.iter().collect(), c.iter().collect());
        let ab: AgentTime = a.iter().chain(&b).collect();
        let mut merged = ta.clone();
        merged.try_merge(&tb).unwrap();
        prop_assert_eq!(&merged, &ab);
        prop_assert_eq!(&(tb.clone() + ta.clone()), &ab);
        prop_assert_eq!(&(AgentTime::new() + ta.clone()), &ta);
        prop_assert_eq!((ta.clone() + tb.clone()) + tc.clone(), ta.clone() + (tb + tc));
        prop_assert_eq!(AgentTime::from_state(ta.state().unwrap()).unwrap(), ta.clone());
        let mut reversed = a.clone();
        reversed.reverse();
        prop_assert_eq!(reversed.iter().collect::<AgentTime>(), ta.clone());
        if let Ok(o) = ta.occupancy() {
            prop_assert!((0.0..=100.0).contains(&o.percent()));
        }
        if let Ok(u) = ta.utilisation() {
            prop_assert!((0.0..=100.0).contains(&u.percent()));
            // Away time only lowers utilisation below occupancy.
            if let Ok(o) = ta.occupancy() {
                prop_assert!(u.ratio() <= o.ratio());
            }
        }
    }
}

#[test]
fn occupancy_and_utilisation_by_hand() {
    let min = |m: u64| Duration::from_secs(m * 60);
    let t: AgentTime = [
        StateSpan::new(AgentState::Handling, min(300)),
        StateSpan::new(AgentState::Available, min(60)),
        StateSpan::new(AgentState::Away, min(90)),
        StateSpan::new(AgentState::LoggedOut, min(990)),
    ]
    .into_iter()
    .collect();
    // 300 / 360 on queue, 300 / 450 logged in; logged-out time counts in neither.
    assert_eq!(t.occupancy().unwrap().part_ns(), 300 * 60 * 1_000_000_000);
    assert_eq!(t.occupancy().unwrap().whole_ns(), 360 * 60 * 1_000_000_000);
    assert_eq!(
        t.utilisation().unwrap().whole_ns(),
        450 * 60 * 1_000_000_000
    );
    assert_eq!(
        format!("{:.2}", t.utilisation().unwrap()),
        "66.67% of 7.50 h"
    );
    let away: AgentTime = [StateSpan::new(AgentState::Away, min(5))]
        .into_iter()
        .collect();
    assert_eq!(
        away.occupancy().unwrap_err().to_string(),
        "occupancy is undefined: no time in its denominator"
    );
    assert_eq!(away.utilisation().unwrap().percent(), 0.0);
}

#[test]
fn overflow_is_atomic_and_faults() {
    let max = AgentTime::from_state(
        AgentTime::new()
            .state()
            .map(|mut s| {
                s.spans = u64::MAX;
                s.handling_ns = u128::MAX;
                s
            })
            .unwrap(),
    )
    .unwrap();
    let mut t = max.clone();
    let err = t
        .try_record(StateSpan::new(
            AgentState::Handling,
            Duration::from_nanos(1),
        ))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Overflow);
    assert_eq!(t, max);
    let sum = max.clone() + max;
    assert_eq!(sum.len().unwrap_err().kind(), ErrorKind::Overflow);
    assert!(sum.occupancy().is_err() && sum.state().is_err());
    // Fields that each fit but whose total passes u128 overflow in the getter.
    let mut wide = AgentTime::new().state().unwrap();
    wide.spans = u64::MAX;
    wide.handling_ns = u128::MAX;
    wide.available_ns = 1;
    let wide = AgentTime::from_state(wide).unwrap();
    assert_eq!(wide.occupancy().unwrap_err().kind(), ErrorKind::Overflow);
}

#[test]
fn from_state_rejects_more_time_than_spans_can_hold() {
    let mut s = AgentTime::new().state().unwrap();
    s.spans = 1;
    s.away_ns = Duration::MAX.as_nanos();
    assert!(AgentTime::from_state(s).is_ok());
    s.away_ns += 1;
    assert_eq!(
        AgentTime::from_state(s).unwrap_err().kind(),
        ErrorKind::Inconsistent
    );
}

#[cfg(feature = "serde")]
#[test]
fn agent_time_serializes_as_its_state() {
    let t: AgentTime = [StateSpan::new(AgentState::Handling, Duration::from_secs(2))]
        .into_iter()
        .collect();
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(
        json,
        r#"{"spans":"1","handling_ns":"2000000000","available_ns":"0","away_ns":"0","logged_out_ns":"0"}"#
    );
    assert_eq!(serde_json::from_str::<AgentTime>(&json).unwrap(), t);
    let numbers =
        r#"{"spans":1,"handling_ns":2000000000,"available_ns":0,"away_ns":0,"logged_out_ns":0}"#;
    assert_eq!(serde_json::from_str::<AgentTime>(numbers).unwrap(), t);
    let bad =
        r#"{"spans":"0","handling_ns":"1","available_ns":"0","away_ns":"0","logged_out_ns":"0"}"#;
    assert!(
        serde_json::from_str::<AgentTime>(bad)
            .unwrap_err()
            .to_string()
            .contains("exceeds spans")
    );
    assert!(serde_json::from_str::<AgentTime>(r#"{"spans":"1e3","handling_ns":"0","available_ns":"0","away_ns":"0","logged_out_ns":"0"}"#).is_err());
    assert_eq!(
        serde_json::to_string(&AgentState::LoggedOut).unwrap(),
        r#""logged_out""#
    );
}

#[cfg(feature = "chrono")]
mod splitting {
    use super::*;
    use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};
    use chrono_tz::Tz;
    use cxkpi::time::{IntervalLength, IntervalOfDay};
    use cxkpi::workforce::{Piece, StatusInterval};
    use std::collections::BTreeMap;

    /// Time per (date, interval), in nanoseconds.
    fn by_key(pieces: &[Piece]) -> BTreeMap<(NaiveDate, IntervalOfDay), u128> {
        let mut out = BTreeMap::new();
        for p in pieces {
            *out.entry((p.date, p.interval)).or_insert(0) += p.span.duration.as_nanos();
        }
        out
    }

    fn pieces(
        tz: Tz,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        length: IntervalLength,
    ) -> Vec<Piece> {
        StatusInterval::new(
            AgentState::Available,
            start.with_timezone(&tz),
            end.with_timezone(&tz),
        )
        .unwrap()
        .pieces(length)
    }

    const ZONES: [Tz; 6] = [
        chrono_tz::UTC,
        chrono_tz::Europe::Paris,
        chrono_tz::America::New_York,
        chrono_tz::Asia::Kolkata,        // +05:30
        chrono_tz::Pacific::Chatham,     // +12:45 / +13:45, DST at 02:45
        chrono_tz::Australia::Lord_Howe, // a half-hour DST shift
    ];

    fn instant() -> impl Strategy<Value = DateTime<Utc>> {
        // 2024, nanosecond precision, DST changes of every zone included.
        (0_i64..366 * 86_400, 0_u32..1_000_000_000)
            .prop_map(|(s, n)| Utc.timestamp_opt(1_704_067_200 + s, n).unwrap())
    }

    proptest! {
        #[test]
        fn splitting_conserves_time_exactly(
            zone in 0_usize..ZONES.len(),
            length in prop::sample::select(IntervalLength::ALL.to_vec()),
            start in instant(),
            len_ns in 0_i64..3 * 86_400_000_000_000,
            cut_per_mille in 0_i64..=1000,
        ) {
            let tz = ZONES[zone];
            let end = start + TimeDelta::nanoseconds(len_ns);
            let whole = pieces(tz, start, end, length);
            let total: u128 = whole.iter().map(|p| p.span.duration.as_nanos()).sum();
            prop_assert_eq!(total, u128::try_from(len_ns).unwrap());
            // Each piece lies inside its interval: never longer than it, and
            // its start's local time falls in the interval it is keyed by.
            let mut at = start;
            for p in &whole {
                prop_assert!(p.span.duration <= length.duration());
                let local = at.with_timezone(&tz).naive_local();
                prop_assert_eq!((local.date(), IntervalOfDay::of_naive(length, local)), (p.date, p.interval));
                at += TimeDelta::from_std(p.span.duration).unwrap();
            }
            // Cutting the status interval anywhere changes no interval's total.
            let cut = start + TimeDelta::nanoseconds(len_ns / 1000 * cut_per_mille);
            let mut parts = pieces(tz, start, cut, length);
            parts.extend(pieces(tz, cut, end, length));
            prop_assert_eq!(by_key(&parts), by_key(&whole));
        }
    }

    fn paris(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Paris
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .earliest()
            .unwrap()
            .to_utc()
    }

    fn minutes(
        map: &BTreeMap<(NaiveDate, IntervalOfDay), u128>,
        date: NaiveDate,
        hour: u16,
    ) -> u128 {
        map.get(&(
            date,
            IntervalOfDay::new(IntervalLength::Hour, hour).unwrap(),
        ))
        .copied()
        .unwrap_or(0)
            / 60_000_000_000
    }

    #[test]
    fn across_midnight() {
        // 23:40 on 30 December to 00:25 on 31 December, in quarter-hours.
        let p = pieces(
            chrono_tz::Europe::Paris,
            paris(2024, 12, 30, 23, 40),
            paris(2024, 12, 31, 0, 25),
            IntervalLength::QuarterHour,
        );
        let got: Vec<_> = p
            .iter()
            .map(|p| {
                (
                    p.date.to_string(),
                    p.interval.to_string(),
                    p.span.duration.as_secs() / 60,
                )
            })
            .collect();
        let s = |d: &str, i: &str, m| (d.to_owned(), i.to_owned(), m);
        assert_eq!(
            got,
            [
                s("2024-12-30", "23:30", 5),
                s("2024-12-30", "23:45", 15),
                s("2024-12-31", "00:00", 15),
                s("2024-12-31", "00:15", 10)
            ]
        );
    }

    #[test]
    fn the_spring_day_has_23_hours() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        let map = by_key(&pieces(
            chrono_tz::Europe::Paris,
            paris(2024, 3, 31, 0, 0),
            paris(2024, 4, 1, 0, 0),
            IntervalLength::Hour,
        ));
        assert_eq!(map.values().sum::<u128>(), 23 * 3_600_000_000_000);
        assert_eq!(minutes(&map, day, 1), 60);
        assert_eq!(minutes(&map, day, 2), 0); // 02:00–03:00 does not exist
        assert_eq!(minutes(&map, day, 3), 60);
        assert_eq!(map.len(), 23);
    }

    #[test]
    fn the_autumn_day_has_25_hours() {
        let day = NaiveDate::from_ymd_opt(2024, 10, 27).unwrap();
        let map = by_key(&pieces(
            chrono_tz::Europe::Paris,
            paris(2024, 10, 27, 0, 0),
            paris(2024, 10, 28, 0, 0),
            IntervalLength::Hour,
        ));
        assert_eq!(map.values().sum::<u128>(), 25 * 3_600_000_000_000);
        assert_eq!(minutes(&map, day, 2), 120); // 02:00–03:00 happens twice
        assert_eq!(minutes(&map, day, 3), 60);
        // 02:40 CEST to 02:20 CET: 40 minutes of real time, all in 02:00–03:00.
        let start = chrono_tz::Europe::Paris
            .with_ymd_and_hms(2024, 10, 27, 2, 40, 0)
            .earliest()
            .unwrap()
            .to_utc();
        let end = chrono_tz::Europe::Paris
            .with_ymd_and_hms(2024, 10, 27, 2, 20, 0)
            .latest()
            .unwrap()
            .to_utc();
        let halves = pieces(
            chrono_tz::Europe::Paris,
            start,
            end,
            IntervalLength::HalfHour,
        );
        let got: Vec<_> = halves
            .iter()
            .map(|p| (p.interval.to_string(), p.span.duration.as_secs() / 60))
            .collect();
        assert_eq!(got, [("02:30".to_owned(), 20), ("02:00".to_owned(), 20)]);
    }

    #[test]
    fn per_interval_figures_add_up_to_the_day() {
        use cxkpi::Breakdown;
        let tz = chrono_tz::Europe::Paris;
        let log = [
            (
                AgentState::Available,
                paris(2024, 10, 27, 1, 50),
                paris(2024, 10, 27, 2, 10),
            ),
            (
                AgentState::Handling,
                paris(2024, 10, 27, 2, 10),
                paris(2024, 10, 27, 4, 5),
            ),
            (
                AgentState::Away,
                paris(2024, 10, 27, 4, 5),
                paris(2024, 10, 27, 4, 50),
            ),
        ];
        let mut by_interval = Breakdown::<(NaiveDate, IntervalOfDay), AgentTime>::default();
        let mut day = AgentTime::new();
        for (state, start, end) in log {
            let status =
                StatusInterval::new(state, start.with_timezone(&tz), end.with_timezone(&tz))
                    .unwrap();
            for p in status.pieces(IntervalLength::QuarterHour) {
                by_interval.record((p.date, p.interval), p.span);
            }
            day.try_record(StateSpan::new(state, (end - start).to_std().unwrap()))
                .unwrap();
        }
        let total = by_interval.total().unwrap();
        for state in AgentState::ALL {
            assert_eq!(total.time(state).unwrap(), day.time(state).unwrap());
        }
        // 02:10 CEST to 04:05 CET is 2 h 55 min of real time (02:00–03:00
        // happens twice): 175 of 195 minutes on queue.
        assert_eq!(total.occupancy().unwrap(), day.occupancy().unwrap());
        assert_eq!(day.occupancy().unwrap().percent(), 175.0 * 100.0 / 195.0);
    }
}

//! Volume forecasts: the history's tally laws and state, each method's
//! figures on series with known answers, backtests checked by hand, and
//! forecasts that stay finite and ordered on any history.

use core::time::Duration;

use cxkpi::Percent;
use cxkpi::forecast::{HoltWinters, Method, backtest};
use cxkpi::staffing::{Model, Plan, StaffingTarget};
use cxkpi::stats::Confidence;
use cxkpi::time::{IntervalLength, WeekInterval};
use cxkpi::{Arrival, History};
use cxkpi::{ErrorKind, Merge, Tally};
use proptest::prelude::*;

const HOUR: IntervalLength = IntervalLength::Hour;
const Z95: Confidence = Confidence::NINETY_FIVE;

fn slot(i: u16) -> WeekInterval {
    WeekInterval::from_index(HOUR, i).unwrap()
}

fn history(arrivals: &[(i32, u16)]) -> History {
    let mut h = History::new(HOUR);
    for &(week, s) in arrivals {
        h.try_record(Arrival::new(week, slot(s))).unwrap();
    }
    h
}

fn arrivals() -> impl Strategy<Value = Vec<(i32, u16)>> {
    prop::collection::vec((-3_i32..4, 0_u16..168), 0..40)
}

proptest! {
    #[test]
    fn history_merges_like_concatenation(a in arrivals(), b in arrivals(), c in arrivals()) {
        let (ha, hb, hc) = (history(&a), history(&b), history(&c));
        let ab = history(&[a.clone(), b.clone()].concat());
        let mut merged = ha.clone();
        merged.try_merge(&hb).unwrap();
        prop_assert_eq!(&merged, &ab);
        prop_assert_eq!(&(hb.clone() + ha.clone()), &ab);
        prop_assert_eq!(&(History::new(HOUR) + ha.clone()), &ha);
        prop_assert_eq!(&(ha.clone() + History::new(HOUR)), &ha);
        prop_assert_eq!((ha.clone() + hb.clone()) + hc.clone(), ha.clone() + (hb + hc));
        prop_assert_eq!(History::from_state(ha.state().unwrap()).unwrap(), ha.clone());
        prop_assert_eq!(ha.len().unwrap(), a.len() as u64);
    }

    #[test]
    fn forecasts_stay_finite_and_ordered(
        counts in prop::collection::vec(0_u64..1_000_000, 3 * 168),
        big in any::<bool>(),
        horizon in 1_usize..400,
    ) {
        // Some histories near u64's limits, to push the float sums.
        let counts: Vec<u64> = if big { counts.iter().map(|c| c * 10_000_000_000).collect() } else { counts };
        let h = History::from_counts(HOUR, 0, &counts).unwrap();
        for method in [Method::SeasonalNaive, Method::HistoricalAverage { weeks: 3 }, Method::HoltWinters(HoltWinters::fitted())] {
            let f = method.forecast(&h, horizon, Z95).unwrap();
            prop_assert_eq!(f.points().len(), horizon);
            for p in f.points() {
                prop_assert!(p.estimate().is_finite() && p.high().is_finite());
                prop_assert!(0.0 <= p.low() && p.low() <= p.estimate() && p.estimate() <= p.high());
            }
        }
    }
}

#[test]
fn merging_different_lengths_is_a_mismatch() {
    let mut hours = history(&[(0, 1)]);
    let halves = History::from_counts(IntervalLength::HalfHour, 0, &[1; 336]).unwrap();
    assert_eq!(
        hours.try_merge(&halves).unwrap_err().kind(),
        ErrorKind::InvalidParameter
    );
    assert_eq!(hours, history(&[(0, 1)]));
    let sum = hours + halves;
    assert!(sum.fault().is_some());
    assert!(sum.len().is_err() && sum.state().is_err());
}

#[test]
fn recording_is_atomic() {
    let mut h = History::new(HOUR);
    h.record_count(0, slot(0), u64::MAX).unwrap();
    let before = h.clone();
    // Overflow, another length, a span beyond MAX_WEEKS: all leave it unchanged.
    assert_eq!(
        h.record_count(5, slot(0), 1).unwrap_err().kind(),
        ErrorKind::Overflow
    );
    let half = WeekInterval::from_index(IntervalLength::HalfHour, 0).unwrap();
    assert!(h.try_record(Arrival::new(0, half)).is_err());
    let mut small = History::new(HOUR);
    small.record_count(0, slot(0), 1).unwrap();
    let err = small.record_count(2000, slot(0), 1).unwrap_err();
    assert_eq!(
        err.to_string(),
        "history span (weeks) 2001 is out of range: it must be between 1 and 1044"
    );
    assert_eq!(small.weeks(), 1);
    assert_eq!(h, before);
}

#[test]
fn from_state_checks_every_invariant() {
    let state = |first_week, counts: Vec<u64>| {
        let mut s = History::new(HOUR).state().unwrap();
        s.first_week = first_week;
        s.counts = counts;
        s
    };
    let err = History::from_state(state(0, vec![1; 100])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "counts (100 values) and whole weeks of intervals (168 values) must have the same length"
    );
    let err = History::from_state(state(4, vec![])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "first_week of an empty history 4 is out of range: it must be between 0 and 0"
    );
    let mut huge = vec![0; 168];
    huge[0] = u64::MAX;
    huge[1] = 1;
    assert_eq!(
        History::from_state(state(0, huge)).unwrap_err().kind(),
        ErrorKind::Overflow
    );
    assert!(History::from_state(state(i32::MAX, vec![0; 336])).is_err());
    assert!(History::from_state(state(i32::MAX, vec![0; 168])).is_ok());
    assert!(History::from_state(state(0, vec![0; 168 * 1045])).is_err());
}

#[cfg(feature = "serde")]
#[test]
fn history_serializes_as_its_state() {
    use cxkpi::HistoryState;
    let h = History::from_counts(HOUR, 1517, &[7; 168]).unwrap();
    let json = serde_json::to_string(&h).unwrap();
    assert!(json.starts_with(r#"{"interval_min":60,"first_week":1517,"counts":["7","7","#));
    assert_eq!(serde_json::from_str::<History>(&json).unwrap(), h);
    // Readers accept numbers too, and validate.
    let numbers = format!(
        r#"{{"interval_min":60,"first_week":1517,"counts":[{}]}}"#,
        vec!["7"; 168].join(",")
    );
    assert_eq!(serde_json::from_str::<History>(&numbers).unwrap(), h);
    let state: HistoryState = serde_json::from_str(&json).unwrap();
    assert_eq!(History::from_state(state).unwrap(), h);
    let bad = r#"{"interval_min":60,"first_week":0,"counts":["1"]}"#;
    assert!(
        serde_json::from_str::<History>(bad)
            .unwrap_err()
            .to_string()
            .contains("whole weeks")
    );
    let bad = r#"{"interval_min":20,"first_week":0,"counts":[]}"#;
    assert!(
        serde_json::from_str::<History>(bad)
            .unwrap_err()
            .to_string()
            .contains("interval length")
    );
    let bad = r#"{"interval_min":60,"first_week":0,"counts":["-1"]}"#;
    assert!(serde_json::from_str::<History>(bad).is_err());
}

/// Weeks that repeat one daily profile exactly.
fn periodic(weeks: usize) -> Vec<u64> {
    (0..weeks * 168)
        .map(|i| ((i % 168) as u64 * 37) % 50)
        .collect()
}

#[test]
fn every_method_reproduces_repeating_weeks() {
    let counts = periodic(3);
    let h = History::from_counts(HOUR, 0, &counts).unwrap();
    for method in [
        Method::SeasonalNaive,
        Method::HistoricalAverage { weeks: 3 },
        Method::HoltWinters(HoltWinters::new(0.2, 0.0, 0.1).unwrap()),
        Method::HoltWinters(HoltWinters::fitted()),
    ] {
        let f = method.forecast(&h, 336, Z95).unwrap();
        for (i, p) in f.points().iter().enumerate() {
            let want = counts[i % 168] as f64;
            assert!(
                (p.estimate() - want).abs() < 1e-9,
                "{method} at {i}: {} for {want}",
                p.estimate()
            );
            assert!(
                p.high() - p.low() < 1e-9,
                "{method}: σ̂ is 0 on an exact season"
            );
        }
        assert_eq!(f.points()[0].week(), 3);
        assert_eq!(f.points()[168].slot().to_string(), "Mon 00:00");
    }
}

#[test]
fn prediction_intervals_by_hand() {
    // Week 1 all 10, week 2 all 14: seasonal naive residuals are all 4, so σ̂ = 4.
    let mut counts = vec![10; 168];
    counts.extend([14; 168]);
    let h = History::from_counts(HOUR, 0, &counts).unwrap();
    let z = Z95.z();
    let f = Method::SeasonalNaive.forecast(&h, 169, Z95).unwrap();
    let (first, next_week) = (&f.points()[0], &f.points()[168]);
    assert_eq!(first.estimate(), 14.0);
    assert!((first.high() - (14.0 + z * 4.0)).abs() < 1e-12);
    assert!((next_week.high() - (14.0 + z * 4.0 * 2f64.sqrt())).abs() < 1e-12);
    // Historical average of 2 weeks: mean 12, each value 2 from it, σ̂² = 168·2·4/168 = 8.
    let f = Method::HistoricalAverage { weeks: 2 }
        .forecast(&h, 1, Z95)
        .unwrap();
    let p = &f.points()[0];
    assert_eq!(p.estimate(), 12.0);
    assert!((p.high() - (12.0 + z * 8f64.sqrt() * 1.5f64.sqrt())).abs() < 1e-12);
    assert!((p.low() - (12.0 - z * 12f64.sqrt())).abs() < 1e-12);
}

#[test]
fn bad_inputs_are_clear_errors() {
    let empty = History::new(HOUR);
    let err = Method::HoltWinters(HoltWinters::fitted())
        .forecast(&empty, 1, Z95)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Empty);
    let one = History::from_counts(HOUR, 0, &[1; 168]).unwrap();
    let err = Method::SeasonalNaive.forecast(&one, 1, Z95).unwrap_err();
    assert_eq!(
        err.to_string(),
        "weeks of history 1 is out of range: it must be at least 2"
    );
    let two = History::from_counts(HOUR, 0, &[1; 336]).unwrap();
    let err = Method::HistoricalAverage { weeks: 3 }
        .forecast(&two, 1, Z95)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "weeks of history 2 is out of range: it must be at least 3"
    );
    let err = Method::HistoricalAverage { weeks: 1 }
        .forecast(&two, 1, Z95)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "historical average weeks 1 is invalid: it must be at least 2"
    );
    let err = Method::SeasonalNaive.forecast(&two, 0, Z95).unwrap_err();
    assert_eq!(
        err.to_string(),
        "forecast horizon (intervals) 0 is out of range: it must be between 1 and 8736"
    );
    assert!(HoltWinters::new(f64::NAN, 0.0, 0.0).is_err());
    assert!(HoltWinters::new(0.2, 0.3, 0.0).is_err());
    assert!(HoltWinters::new(0.2, 0.0, f64::INFINITY).is_err());
    let err = backtest(&two, Method::SeasonalNaive, 2, Z95).unwrap_err();
    assert_eq!(
        err.to_string(),
        "holdout weeks 2 is out of range: it must be between 1 and 1"
    );
}

#[test]
fn backtest_by_hand() {
    // Training weeks 10, 14, 10 an hour, a holdout of 13 on even hours and 9 on odd.
    let mut counts = [vec![10; 168], vec![14; 168], vec![10; 168]].concat();
    counts.extend((0..168).map(|i| if i % 2 == 0 { 13 } else { 9 }));
    let h = History::from_counts(HOUR, 0, &counts).unwrap();
    let naive = backtest(&h, Method::SeasonalNaive, 1, Z95).unwrap();
    // Forecast 10: errors 3 and 1, mean 2; volume 11 an hour; in-sample |Δ| = 4.
    assert_eq!(naive.mae(), 2.0);
    assert!((naive.wape_pct() - 200.0 / 11.0).abs() < 1e-12);
    assert_eq!(naive.mase(), 0.5);
    assert_eq!(naive.actual().len(), 168);
    // σ̂ = 4, so 10 ± 7.84 holds both 13 and 9.
    assert_eq!(naive.coverage().percent(), 100.0);
    let mean = backtest(&h, Method::HistoricalAverage { weeks: 3 }, 1, Z95).unwrap();
    // The forecast is 34/3 an hour.
    // Errors 13 − f and f − 9 alternate: their mean is 2, and so is the MAE.
    let mae = 2.0;
    assert!((mean.mae() - mae).abs() < 1e-12);
    assert!((mean.mase() - mae / 4.0).abs() < 1e-12);
}

#[test]
fn forecast_plans_match_uniform_plans() {
    let h = History::from_counts(HOUR, 0, &periodic(2)).unwrap();
    let f = Method::SeasonalNaive.forecast(&h, 168, Z95).unwrap();
    let target = StaffingTarget::new()
        .service_level(Percent::new(80.0).unwrap(), Duration::from_secs(20))
        .unwrap();
    let aht = Duration::from_secs(240);
    let plan = f.plan(aht, &target, Model::ErlangC).unwrap();
    let uniform = Plan::uniform(
        &f.estimates(),
        HOUR.duration(),
        aht,
        &target,
        Model::ErlangC,
    )
    .unwrap();
    assert_eq!(plan, uniform);
}

/// The hourly calls offered to the agents in the bundled Anonymous Bank log,
/// read as `examples/forecast.rs` reads it.
fn bank_history() -> History {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/anonymous-bank-feb1999/data_anonymous_bank_february.txt"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| h.trim() == name).unwrap();
    let (date, entry, q_start, outcome) = (
        col("date"),
        col("vru_entry"),
        col("q_start"),
        col("outcome"),
    );
    let mut h = History::new(HOUR);
    for line in lines {
        let f: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        let offered = match f[outcome] {
            "AGENT" => true,
            "HANG" => f[q_start] != "0:00:00",
            _ => false,
        };
        if offered {
            let day: u16 = f[date][4..6].parse().unwrap();
            let hour: u16 = f[entry].split(':').next().unwrap().parse().unwrap();
            h.record_count(
                1517 + i32::from((day - 1) / 7),
                slot((day - 1) % 7 * 24 + hour),
                1,
            )
            .unwrap();
        }
    }
    h
}

#[test]
fn the_bank_holdout_week_as_the_readme_reports_it() {
    let h = bank_history();
    assert_eq!((h.first_week(), h.weeks()), (1517, 4));
    let score = |m| backtest(&h, m, 1, Z95).unwrap();
    let naive = score(Method::SeasonalNaive);
    assert_eq!(naive.actual().iter().sum::<u64>(), 7115);
    let figures: Vec<(String, String)> = [
        naive,
        score(Method::HistoricalAverage { weeks: 2 }),
        score(Method::HistoricalAverage { weeks: 3 }),
        score(Method::HoltWinters(HoltWinters::fitted())),
    ]
    .iter()
    .map(|b| (format!("{:.2}", b.wape_pct()), format!("{:.3}", b.mase())))
    .collect();
    let pair = |w: &str, m: &str| (w.to_owned(), m.to_owned());
    assert_eq!(
        figures,
        [
            pair("21.15", "0.630"),
            pair("22.47", "0.669"),
            pair("21.35", "0.636"),
            pair("21.77", "0.648")
        ]
    );
}

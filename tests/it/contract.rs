//! The Tally contract, stamped for every tally by `laws!`: empty is the
//! identity, merging is associative and commutative, recording `a ++ b` one
//! by one equals merging the tallies of `a` and `b` (and the batch path),
//! `from_state(state(t)) == t`, the serde round trip, and tampered states
//! refused. Plus the wire format's portability.

use core::time::Duration;

use cxkpi::{
    AbandonmentState, AbandonmentTally, AhtState, AhtTally, CesState, CesTally, CostState,
    CostTally, CsatRule, CsatState, CsatTally, CustomerStatus, ErrorKind, FcrState, FcrTally,
    HandleTime, Merge, Money, NpsRating, NpsState, NpsTally, Outcome, Resolution, RetentionState,
    RetentionTally, Scale, ServiceLevelState, ServiceLevelTally, ShortAbandons, Tally, WaitState,
    WaitTally, Waited,
};
use cxkpi::{EscalationState, EscalationTally, Handling};
use proptest::prelude::*;

/// A tally of `observations`, recorded one by one through `try_record`.
fn recorded<T: Tally>(empty: &T, observations: &[T::Observation]) -> T
where
    T::Observation: Clone,
{
    let mut tally = empty.clone();
    for o in observations {
        tally.try_record(o.clone()).unwrap();
    }
    tally
}

/// Every law of the contract, for `empty` and three runs of observations.
fn contract_laws<T>(
    empty: &T,
    a: &[T::Observation],
    b: &[T::Observation],
    c: &[T::Observation],
) -> Result<(), TestCaseError>
where
    T: Tally + serde::Serialize + serde::de::DeserializeOwned,
    T::Observation: Clone,
    T::State: serde::Serialize + PartialEq + core::fmt::Debug,
{
    counted_laws(empty, a, b, c, |o| o.len() as u64)
}

/// [`contract_laws`], for a tally that counts `count(observations)` of its
/// observations (a backlog counts the requests open at its instant only).
#[allow(clippy::many_single_char_names)] // a, b, c and their tallies, as the laws name them.
fn counted_laws<T>(
    empty: &T,
    a: &[T::Observation],
    b: &[T::Observation],
    c: &[T::Observation],
    count: impl Fn(&[T::Observation]) -> u64,
) -> Result<(), TestCaseError>
where
    T: Tally + serde::Serialize + serde::de::DeserializeOwned,
    T::Observation: Clone,
    T::State: serde::Serialize + PartialEq + core::fmt::Debug,
{
    let (ta, tb, tc) = (recorded(empty, a), recorded(empty, b), recorded(empty, c));
    let ab: Vec<_> = a.iter().chain(b).cloned().collect();
    let tab = recorded(empty, &ab);
    // Identity.
    let mut e = empty.clone();
    e.try_merge(&ta).unwrap();
    prop_assert_eq!(&e, &ta);
    let mut t = ta.clone();
    t.try_merge(empty).unwrap();
    prop_assert_eq!(&t, &ta);
    // tally(a ++ b) == tally(a) + tally(b); commutative.
    let mut m = ta.clone();
    m.try_merge(&tb).unwrap();
    prop_assert_eq!(&m, &tab);
    let mut n = tb.clone();
    n.try_merge(&ta).unwrap();
    prop_assert_eq!(&n, &tab);
    // Associative.
    let mut left = tab.clone();
    left.try_merge(&tc).unwrap();
    let mut bc = tb.clone();
    bc.try_merge(&tc).unwrap();
    let mut right = ta.clone();
    right.try_merge(&bc).unwrap();
    prop_assert_eq!(&left, &right);
    // record = try_record = Extend.
    let mut by_record = empty.clone();
    for o in &ab {
        by_record.record(o.clone());
    }
    prop_assert_eq!(&by_record, &tab);
    prop_assert_eq!(tab.len().unwrap(), count(&ab));
    prop_assert_eq!(empty.is_empty().unwrap(), true);
    // State round trip, and serde of a tally = serde of its state.
    let state = tab.state().unwrap();
    let json = serde_json::to_string(&tab).unwrap();
    prop_assert_eq!(&json, &serde_json::to_string(&state).unwrap());
    prop_assert_eq!(&T::from_state(state).unwrap(), &tab);
    let back: T = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, &tab);
    Ok(())
}

/// `Extend` records as `try_record` does.
fn extend_law<T: Tally + Extend<T::Observation>>(
    empty: &T,
    a: &[T::Observation],
) -> Result<(), TestCaseError>
where
    T::Observation: Clone,
{
    let mut extended = empty.clone();
    extended.extend(a.iter().cloned());
    prop_assert_eq!(&extended, &recorded(empty, a));
    Ok(())
}

/// Stamps [`contract_laws`] for one tally type, over observations from `$obs`.
macro_rules! laws {
    ($name:ident, $empty:expr, $obs:expr) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            #[test]
            fn $name(
                a in prop::collection::vec($obs, 0..40),
                b in prop::collection::vec($obs, 0..40),
                c in prop::collection::vec($obs, 0..40),
            ) {
                contract_laws(&$empty, &a, &b, &c)?;
                extend_law(&$empty, &a)?;
            }
        }
    };
    (counted $name:ident, $empty:expr, $obs:expr, $count:expr) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            #[test]
            fn $name(
                a in prop::collection::vec($obs, 0..40),
                b in prop::collection::vec($obs, 0..40),
                c in prop::collection::vec($obs, 0..40),
            ) {
                counted_laws(&$empty, &a, &b, &c, $count)?;
                extend_law(&$empty, &a)?;
            }
        }
    };
    (composite $name:ident, $empty:expr, $obs:expr) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            #[test]
            fn $name(
                a in prop::collection::vec($obs, 0..40),
                b in prop::collection::vec($obs, 0..40),
                c in prop::collection::vec($obs, 0..40),
            ) {
                contract_laws(&$empty, &a, &b, &c)?;
            }
        }
    };
}

fn rating() -> impl Strategy<Value = NpsRating> {
    (0u8..=10).prop_map(|v| NpsRating::new(v).unwrap())
}

fn score(scale: Scale) -> impl Strategy<Value = cxkpi::Score> {
    (scale.min()..=scale.max()).prop_map(move |v| scale.score(v).unwrap())
}

fn wait() -> impl Strategy<Value = Waited> {
    (any::<bool>(), 0u64..200_000).prop_map(|(answered, ms)| {
        let d = Duration::from_millis(ms);
        if answered {
            Waited::Answered(d)
        } else {
            Waited::Abandoned(d)
        }
    })
}

laws!(nps_keeps_the_contract, NpsTally::new(), rating());
laws!(
    csat_keeps_the_contract,
    CsatTally::new(CsatRule::TOP_2_BOX_5),
    score(Scale::ONE_TO_FIVE)
);
laws!(
    ces_keeps_the_contract,
    CesTally::new(Scale::ONE_TO_SEVEN),
    score(Scale::ONE_TO_SEVEN)
);
laws!(
    retention_keeps_the_contract,
    RetentionTally::new(),
    prop_oneof![
        Just(CustomerStatus::Retained),
        Just(CustomerStatus::Churned),
        Just(CustomerStatus::New)
    ]
);
laws!(
    abandonment_keeps_the_contract,
    AbandonmentTally::new(),
    prop_oneof![
        Just(Outcome::Answered),
        Just(Outcome::Abandoned),
        Just(Outcome::ShortAbandoned)
    ]
);
laws!(
    fcr_keeps_the_contract,
    FcrTally::new(),
    prop_oneof![
        Just(Resolution::FirstContact),
        Just(Resolution::RepeatContact)
    ]
);
laws!(
    aht_keeps_the_contract,
    AhtTally::new(),
    (0u64..10_000, 0u64..10_000, 0u64..10_000).prop_map(|(t, h, w)| HandleTime {
        talk: Duration::from_millis(t),
        hold: Duration::from_millis(h),
        wrap: Duration::from_millis(w),
    })
);
laws!(
    cost_keeps_the_contract,
    CostTally::new(),
    (0i64..1_000_000).prop_map(|c| Money::new(cxkpi::Decimal::new(c, 2)).unwrap())
);
laws!(wait_keeps_the_contract, WaitTally::new(), wait());
laws!(
    service_level_keeps_the_contract,
    ServiceLevelTally::new(
        Duration::from_secs(20),
        ShortAbandons::Below(Duration::from_secs(5))
    ),
    wait()
);
laws!(
    service_level_without_short_abandons_keeps_the_contract,
    ServiceLevelTally::new(Duration::from_millis(20_500), ShortAbandons::None),
    wait()
);
laws!(
    escalation_keeps_the_contract,
    EscalationTally::new(),
    prop_oneof![Just(Handling::Escalated), Just(Handling::Contained)]
);

fn refused<T: Tally>(state: T::State) -> String {
    T::from_state(state).unwrap_err().to_string()
}

#[test]
#[allow(clippy::too_many_lines)] // One refusal per tally, side by side.
fn tampered_states_are_refused_naming_the_field() {
    assert!(
        refused::<NpsTally>(NpsState {
            promoters: u64::MAX,
            passives: 1,
            detractors: 0
        })
        .contains("overflows")
    );
    let rule = CsatRule::TOP_2_BOX_5;
    assert_eq!(
        refused::<CsatTally>(CsatState {
            rule,
            satisfied: 3,
            responses: 2
        }),
        "satisfied (3) exceeds responses (2)"
    );
    let scale = Scale::ONE_TO_FIVE;
    assert!(
        refused::<CesTally>(CesState {
            scale,
            sum: 11,
            responses: 2
        })
        .contains("sum of scores")
    );
    assert!(
        refused::<CesTally>(CesState {
            scale,
            sum: 1,
            responses: 2
        })
        .contains("sum of scores")
    );
    assert!(
        refused::<RetentionTally>(RetentionState {
            customers_at_start: 1,
            customers_at_end: 5,
            new_customers: 1
        })
        .contains("customers at start")
    );
    assert_eq!(
        refused::<AbandonmentTally>(AbandonmentState {
            offered: 3,
            abandoned: 4,
            short_abandoned: 0
        }),
        "abandoned (4) exceeds offered (3)"
    );
    assert!(
        refused::<FcrTally>(FcrState {
            resolved_on_first_contact: 2,
            resolved: 1
        })
        .contains("resolved on first contact")
    );
    assert_eq!(
        refused::<AhtTally>(AhtState {
            handled: 0,
            talk_ns: 0,
            hold_ns: 1,
            wrap_ns: 0
        }),
        "handled contacts behind hold_ns (1) exceeds handled (0)"
    );
    // More wait than `answered` contacts of the longest Duration can hold.
    let longest = Duration::MAX.as_nanos();
    assert_eq!(
        refused::<WaitTally>(WaitState {
            answered: 2,
            answered_wait_ns: 2 * longest + 1,
            abandoned: 0,
            abandoned_wait_ns: 0
        }),
        "answered contacts behind answered_wait_ns (3) exceeds answered (2)"
    );
    assert!(
        refused::<WaitTally>(WaitState {
            answered: 0,
            answered_wait_ns: 0,
            abandoned: 0,
            abandoned_wait_ns: 7
        })
        .contains("abandoned_wait_ns")
    );
    let sl = ServiceLevelState {
        threshold: Duration::from_secs(20),
        short_abandons: ShortAbandons::None,
        answered: 1,
        answered_within: 1,
        abandoned: 2,
        abandoned_within: 1,
        short_abandoned: 1,
    };
    assert!(
        refused::<ServiceLevelTally>(sl)
            .contains("the short abandons a tally without a short-abandon rule holds (0)")
    );
    // A short-abandon threshold above the service-level one: every abandon
    // within the service level is short.
    let sl = ServiceLevelState {
        short_abandons: ShortAbandons::Below(Duration::from_secs(30)),
        abandoned_within: 2,
        ..sl
    };
    assert_eq!(
        refused::<ServiceLevelTally>(sl),
        "abandoned within threshold (2) exceeds short abandoned (1)"
    );
    assert!(
        refused::<EscalationTally>(EscalationState {
            contacts: 1,
            escalated: 2
        })
        .contains("escalated")
    );
    // Every state a cost tally can be given is one `from_counts` builds.
    assert!(
        CostTally::from_state(CostState {
            total_cost: Money::from(5),
            units: 0
        })
        .is_ok()
    );
}

#[test]
fn the_issue_wait_payload_is_refused() {
    let payload = r#"{"answered":0,"answered_wait_ns":100000000000000000000,"abandoned":0,"abandoned_wait_ns":0}"#;
    // A number above 2⁵³ may have been rounded already: refused as a number.
    assert!(serde_json::from_str::<WaitTally>(payload).is_err());
    let payload = r#"{"answered":"0","answered_wait_ns":"100000000000000000000","abandoned":"0","abandoned_wait_ns":"0"}"#;
    let err = serde_json::from_str::<WaitTally>(payload)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("answered contacts behind answered_wait_ns (1) exceeds answered (0)"),
        "{err}"
    );
}

#[test]
fn wire_integers_are_strings_and_numbers_are_read() {
    let hours = 1_000_000_000_000_u64;
    let talk = Duration::from_secs(hours * 3600);
    let aht = AhtTally::from_counts(1, talk, Duration::ZERO, Duration::ZERO).unwrap();
    let json = serde_json::to_string(&aht).unwrap();
    assert_eq!(
        json,
        r#"{"handled":"1","talk_ns":"3600000000000000000000000","hold_ns":"0","wrap_ns":"0"}"#
    );
    assert_eq!(serde_json::from_str::<AhtTally>(&json).unwrap(), aht);
    let nps: NpsTally =
        serde_json::from_str(r#"{"promoters":2,"passives":"1","detractors":1.0}"#).unwrap();
    assert_eq!(nps, NpsTally::from_counts(2, 1, 1).unwrap());
    for bad in [
        "-1",
        "1.5",
        r#""+1""#,
        r#""1 ""#,
        r#""""#,
        "9007199254740993.0",
    ] {
        let payload = format!(r#"{{"promoters":{bad},"passives":0,"detractors":0}}"#);
        assert!(serde_json::from_str::<NpsTally>(&payload).is_err(), "{bad}");
    }
    let sl = ServiceLevelTally::new(
        Duration::from_millis(20_500),
        ShortAbandons::Below(Duration::from_secs(5)),
    );
    let json = serde_json::to_string(&sl).unwrap();
    assert!(
        json.starts_with(r#"{"threshold_s":20.5,"short_abandon_below_s":5,"#),
        "{json}"
    );
    assert_eq!(
        serde_json::from_str::<ServiceLevelTally>(&json).unwrap(),
        sl
    );
}

#[test]
fn faulted_tallies_report_no_count() {
    let mut nps = NpsTally::from_counts(u64::MAX, 0, 0).unwrap();
    nps.record(NpsRating::MAX);
    assert_eq!(nps.len().unwrap_err().kind(), ErrorKind::Overflow);
    assert_eq!(nps.promoters().unwrap_err().kind(), ErrorKind::Overflow);
    assert_eq!(nps.state().unwrap_err().kind(), ErrorKind::Overflow);
    assert!(serde_json::to_string(&nps).is_err());
    assert!(nps.fault().is_some());
    // try_record leaves the tally unchanged on error.
    let mut full = NpsTally::from_counts(u64::MAX, 0, 0).unwrap();
    assert_eq!(
        full.try_record(NpsRating::MAX).unwrap_err().kind(),
        ErrorKind::Overflow
    );
    assert_eq!(full, NpsTally::from_counts(u64::MAX, 0, 0).unwrap());
}

#[test]
fn score_paths_take_integers_and_integral_floats() {
    let mut nps = NpsTally::new();
    nps.try_record_score(9_u16).unwrap();
    nps.try_record_score(3_i64).unwrap();
    nps.try_record_score(10.0).unwrap();
    assert_eq!(nps, NpsTally::from_scores(&[9, 3, 10]).unwrap());
    let err = nps.try_record_score(4.5).unwrap_err();
    assert_eq!(
        err.to_string(),
        "NPS rating 4.5 is out of range: it must be between 0 and 10"
    );
    assert_eq!(
        nps.try_record_score(-1_i64).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    assert_eq!(
        nps.try_record_score(f64::NAN).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    let mut csat = CsatTally::new(CsatRule::TOP_2_BOX_5);
    csat.try_record_score(5_u32).unwrap();
    assert_eq!(
        csat.try_record_score(4.5).unwrap_err().to_string(),
        "CSAT score 4.5 is out of range: it must be between 1 and 5"
    );
    assert_eq!(csat.len().unwrap(), 1);
}

#[test]
fn wait_whole_seconds_equal_records() {
    let (answered, abandoned) = ([10_u32, 0, 4_000_000_000], [5_u32, 95]);
    let mut recorded = WaitTally::new();
    recorded.extend(
        answered
            .iter()
            .map(|&s| Waited::Answered(Duration::from_secs(u64::from(s)))),
    );
    recorded.extend(
        abandoned
            .iter()
            .map(|&s| Waited::Abandoned(Duration::from_secs(u64::from(s)))),
    );
    assert_eq!(WaitTally::from_whole_secs(&answered, &abandoned), recorded);
}

/// `float_roundtrip` (enabled for the tests and the fuzz crate) reads every
/// float back bit for bit: the fuzz finding `5E-77`.
#[test]
fn floats_round_trip_bit_for_bit() {
    let c: cxkpi::stats::Confidence = serde_json::from_str("5E-77").unwrap();
    let again: cxkpi::stats::Confidence =
        serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(c, again);
    for x in [5e-77_f64, 0.1, 1.0 / 3.0, 2.5e-308, 0.999_999_999_999_999_9] {
        let back: f64 = serde_json::from_str(&serde_json::to_string(&x).unwrap()).unwrap();
        assert_eq!(back.to_bits(), x.to_bits());
    }
}

laws!(
    composite tuples_keep_the_contract,
    (
        AhtTally::new(),
        WaitTally::new(),
        CsatTally::new(CsatRule::TOP_2_BOX_5)
    ),
    (
        (0u64..10_000).prop_map(|t| HandleTime {
            talk: Duration::from_millis(t),
            hold: Duration::ZERO,
            wrap: Duration::ZERO,
        }),
        wait(),
        score(Scale::ONE_TO_FIVE)
    )
);

#[test]
fn a_tuple_records_all_or_nothing() {
    let full = NpsTally::from_counts(u64::MAX, 0, 0).unwrap();
    let mut pair = (FcrTally::new(), full);
    let before = pair.clone();
    assert_eq!(
        pair.try_record((Resolution::FirstContact, NpsRating::MAX))
            .unwrap_err()
            .kind(),
        ErrorKind::Overflow
    );
    assert_eq!(pair, before);
    pair.record((Resolution::FirstContact, NpsRating::MAX));
    assert_eq!(pair.len().unwrap_err().kind(), ErrorKind::Overflow);
}

laws!(
    hourly_volume_keeps_the_contract,
    cxkpi::HourlyVolume::new(),
    (0u8..24).prop_map(|h| cxkpi::HourOfDay::new(h).unwrap())
);

#[test]
fn hourly_state_sums_within_u64() {
    let mut by_hour = [0; 24];
    by_hour[3] = u64::MAX;
    by_hour[4] = 1;
    let err = cxkpi::HourlyVolume::from_state(cxkpi::HourlyVolumeState { by_hour }).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Overflow);
}

laws!(
    duration_sample_keeps_the_contract,
    cxkpi::DurationSample::new(),
    (0u64..10_000_000).prop_map(Duration::from_micros)
);

#[test]
fn duration_sample_state_travels_as_strings() {
    use cxkpi::{DurationSample, DurationSampleState};
    let state = DurationSampleState {
        nanos: vec![u64::MAX, 0, 1_500_000_000],
    };
    let sample = DurationSample::from_state(state.clone()).unwrap();
    assert_eq!(sample.len().unwrap(), 3);
    let json = serde_json::to_string(&sample).unwrap();
    assert_eq!(
        json,
        r#"{"nanos":["0","1500000000","18446744073709551615"]}"#
    );
    assert_eq!(
        serde_json::from_str::<DurationSample>(&json).unwrap(),
        sample
    );
    // Negative, fractional and unknown fields are refused by the wire format.
    for bad in [
        r#"{"nanos":[-1]}"#,
        r#"{"nanos":[1.5]}"#,
        r#"{"nanos":[],"x":1}"#,
    ] {
        assert!(
            serde_json::from_str::<DurationSample>(bad).is_err(),
            "{bad}"
        );
    }
    // A duration beyond u64::MAX ns is refused by try_record, leaving the sample unchanged.
    let mut s = sample.clone();
    assert_eq!(
        s.try_record(Duration::MAX).unwrap_err().kind(),
        ErrorKind::Overflow
    );
    assert_eq!(s, sample);
}

laws!(
    duration_sketch_keeps_the_contract,
    cxkpi::DurationSketch::default(),
    prop_oneof![Just(0u64), 0u64..10_000_000_000_000].prop_map(Duration::from_nanos)
);

#[test]
#[allow(clippy::too_many_lines)] // One refusal per invariant, side by side.
fn tampered_sketch_states_are_refused_naming_the_field() {
    use cxkpi::{DurationSketch, DurationSketchState};
    let mut sketch = DurationSketch::default();
    sketch.extend([
        Duration::ZERO,
        Duration::from_secs(1),
        Duration::from_secs(3),
    ]);
    let good = sketch.state().unwrap();
    assert_eq!(DurationSketch::from_state(good.clone()).unwrap(), sketch);
    let cases = [
        (
            DurationSketchState {
                min_ns: 5,
                ..good.clone()
            },
            "zeros",
        ),
        (
            DurationSketchState {
                max_ns: 1,
                ..good.clone()
            },
            "max_ns",
        ),
        (
            DurationSketchState {
                total_ns: 1,
                ..good.clone()
            },
            "total_ns",
        ),
        (
            DurationSketchState {
                total_ns: 10_000_000_000,
                ..good.clone()
            },
            "total_ns",
        ),
        (
            DurationSketchState {
                relative_accuracy: 0.9,
                ..good.clone()
            },
            "relative accuracy",
        ),
        (
            DurationSketchState {
                offset: -1,
                ..good.clone()
            },
            "bucket index",
        ),
        (
            DurationSketchState {
                bins: {
                    let mut b = good.bins.clone();
                    b.push(0);
                    b
                },
                ..good.clone()
            },
            "bins",
        ),
        (
            DurationSketchState {
                zeros: u64::MAX,
                ..good.clone()
            },
            "overflows",
        ),
        (
            DurationSketchState {
                zeros: 0,
                bins: vec![],
                offset: 0,
                total_ns: 0,
                min_ns: 0,
                max_ns: 7,
                relative_accuracy: 0.01,
            },
            "max_ns",
        ),
        (
            DurationSketchState {
                zeros: 0,
                bins: vec![],
                offset: 3,
                total_ns: 0,
                min_ns: 0,
                max_ns: 0,
                relative_accuracy: 0.01,
            },
            "offset",
        ),
    ];
    for (state, field) in cases {
        let err = DurationSketch::from_state(state.clone())
            .unwrap_err()
            .to_string();
        assert!(err.contains(field), "{state:?}: {err}");
    }
    // The empty sketch's state: every figure 0.
    let empty = DurationSketch::default().state().unwrap();
    assert_eq!(
        (empty.min_ns, empty.max_ns, empty.total_ns, empty.offset),
        (0, 0, 0, 0)
    );
    let json = serde_json::to_string(&sketch).unwrap();
    assert!(
        json.contains(r#""total_ns":"4000000000","min_ns":"0","max_ns":"3000000000""#),
        "{json}"
    );
}

#[test]
fn the_documented_sketch_state_is_valid() {
    let json = r#"{"relative_accuracy": 0.01, "zeros": "1", "offset": 1037, "bins": ["1"], "total_ns": "1000000000", "min_ns": "0", "max_ns": "1000000000"}"#;
    let sketch: cxkpi::DurationSketch = serde_json::from_str(json).unwrap();
    let mut recorded = cxkpi::DurationSketch::default();
    recorded.extend([Duration::ZERO, Duration::from_secs(1)]);
    assert_eq!(sketch, recorded);
}

laws!(
    ticket_volume_keeps_the_contract,
    cxkpi::TicketVolume::<u8>::new(),
    0u8..12
);

#[test]
fn tampered_ticket_volume_states_are_refused_naming_the_field() {
    use cxkpi::{TicketVolume, TicketVolumeState};
    let refused = |per_customer: Vec<(&'static str, u64)>| {
        TicketVolume::from_state(TicketVolumeState { per_customer })
            .unwrap_err()
            .to_string()
    };
    assert!(refused(vec![("b", 1), ("a", 1)]).contains("per_customer"));
    assert!(refused(vec![("a", 1), ("a", 1)]).contains("ascending"));
    assert!(refused(vec![("a", 0)]).contains("per_customer ticket count"));
    assert!(refused(vec![("a", u64::MAX), ("b", 1)]).contains("overflows"));
    let volume: TicketVolume<String> = ["x", "y", "x"].map(String::from).into_iter().collect();
    let json = serde_json::to_string(&volume).unwrap();
    assert_eq!(json, r#"{"per_customer":[["x","2"],["y","1"]]}"#);
    assert_eq!(
        serde_json::from_str::<TicketVolume<String>>(&json).unwrap(),
        volume
    );
    assert!(
        serde_json::from_str::<TicketVolume<String>>(r#"{"per_customer":[["y","1"],["x","2"]]}"#)
            .is_err()
    );
    // A faulted volume reports no count.
    let mut full = TicketVolume::from_state(TicketVolumeState {
        per_customer: vec![(1_u8, u64::MAX)],
    })
    .unwrap();
    assert_eq!(full.try_record(2).unwrap_err().kind(), ErrorKind::Overflow);
    assert_eq!(full.customers().unwrap(), 1);
    full.record(2);
    assert_eq!(full.tickets().unwrap_err().kind(), ErrorKind::Overflow);
    assert_eq!(full.len().unwrap_err().kind(), ErrorKind::Overflow);
}

// Breakdowns, backlogs and arrays: the rest of the issue's list.

laws!(
    nps_breakdown_keeps_the_contract,
    cxkpi::Breakdown::<u8, NpsTally>::default(),
    (0u8..6, rating())
);

/// A CSAT rule other than the default: satisfied from 6 on 1–7.
fn top_2_box_7() -> CsatRule {
    CsatRule::new(Scale::ONE_TO_SEVEN, 6).unwrap()
}

laws!(
    csat_breakdown_keeps_the_contract,
    cxkpi::Breakdown::<(u8, bool), _>::new(CsatTally::new(top_2_box_7())),
    ((0u8..4, any::<bool>()), score(Scale::ONE_TO_SEVEN))
);

laws!(
    ticket_volume_breakdown_keeps_the_contract,
    cxkpi::Breakdown::<u8, cxkpi::TicketVolume<u8>>::default(),
    (0u8..4, 0u8..12)
);

laws!(
    composite array_keeps_the_contract,
    [
        CsatTally::new(top_2_box_7()),
        CsatTally::new(top_2_box_7()),
        CsatTally::new(top_2_box_7())
    ],
    [
        score(Scale::ONE_TO_SEVEN),
        score(Scale::ONE_TO_SEVEN),
        score(Scale::ONE_TO_SEVEN)
    ]
);

/// The instant of the backlogs under test.
fn backlog_instant() -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc.with_ymd_and_hms(2024, 3, 8, 12, 0, 0).unwrap()
}

/// Requests opened from 20 days before the instant to 2 days after it,
/// closed before it, after it, or never.
fn request() -> impl Strategy<
    Value = (
        chrono::DateTime<chrono::Utc>,
        Option<chrono::DateTime<chrono::Utc>>,
    ),
> {
    (-28_800i64..2_880, prop::option::of(0i64..10_000), 0u32..60).prop_map(
        |(minutes, open_for, secs)| {
            let opened = backlog_instant()
                + chrono::TimeDelta::minutes(minutes)
                + chrono::TimeDelta::seconds(i64::from(secs));
            (
                opened,
                open_for.map(|m| opened + chrono::TimeDelta::minutes(m)),
            )
        },
    )
}

/// The requests open at the instant.
fn open_at<Tz: chrono::TimeZone>(
    at: &chrono::DateTime<Tz>,
    requests: &[(chrono::DateTime<Tz>, Option<chrono::DateTime<Tz>>)],
) -> u64 {
    requests
        .iter()
        .filter(|(o, c)| o <= at && c.as_ref().is_none_or(|c| c > at))
        .count() as u64
}

laws!(
    counted backlog_keeps_the_contract,
    cxkpi::Backlog::at(backlog_instant()),
    request(),
    |r: &[_]| open_at(&backlog_instant(), r)
);

/// A zone east of UTC, so that opening dates differ from UTC's.
fn india() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(5 * 3600 + 1800).unwrap()
}

laws!(
    counted backlog_in_a_fixed_zone_keeps_the_contract,
    cxkpi::Backlog::at(backlog_instant().with_timezone(&india())),
    request().prop_map(|(o, c)| (o.with_timezone(&india()), c.map(|c| c.with_timezone(&india())))),
    |r: &[_]| open_at(&backlog_instant().with_timezone(&india()), r)
);

/// `T::from_state(t.state()?)? == *t`, for any tally.
fn roundtrip<T: Tally>(t: &T) -> Result<(), cxkpi::Error> {
    assert_eq!(T::from_state(t.state()?)?, *t);
    Ok(())
}

/// Every type of the issue's list is a `Tally`: this does not compile
/// without one of them.
#[test]
fn every_listed_tally_round_trips_through_generic_code() -> Result<(), cxkpi::Error> {
    use cxkpi::{Backlog, Breakdown, HourOfDay, HourlyVolume, TicketVolume};
    use cxkpi::{DurationSample, DurationSketch};
    let secs = Duration::from_secs;
    let mut nps = NpsTally::new();
    nps.try_record(NpsRating::new(9)?)?;
    roundtrip(&nps)?;
    let mut csat = CsatTally::new(top_2_box_7());
    csat.try_record(Scale::ONE_TO_SEVEN.score(6)?)?;
    roundtrip(&csat)?;
    roundtrip(&CesTally::from_scores(Scale::ONE_TO_SEVEN, &[2, 7])?)?;
    roundtrip(&RetentionTally::from_counts(10, 9, 1)?)?;
    roundtrip(&AbandonmentTally::from_counts(10, 2, 1)?)?;
    roundtrip(&FcrTally::from_counts(3, 4)?)?;
    roundtrip(&AhtTally::from_counts(2, secs(600), secs(30), secs(60))?)?;
    roundtrip(&CostTally::from_counts(Money::from(5), 2)?)?;
    roundtrip(&WaitTally::from_whole_secs(&[10, 20], &[5]))?;
    let mut sl = ServiceLevelTally::new(secs(20), ShortAbandons::Below(secs(5)));
    sl.try_record(Waited::Answered(secs(12)))?;
    roundtrip(&sl)?;
    let mut escalation = EscalationTally::new();
    escalation.try_record(Handling::Escalated)?;
    roundtrip(&escalation)?;
    let mut hourly = HourlyVolume::new();
    hourly.try_record(HourOfDay::new(9)?)?;
    roundtrip(&hourly)?;
    roundtrip(&["a", "b", "a"].into_iter().collect::<TicketVolume<&str>>())?;
    let mut backlog = Backlog::at(backlog_instant());
    backlog.try_record((backlog_instant() - chrono::TimeDelta::days(3), None))?;
    roundtrip(&backlog)?;
    roundtrip(&DurationSample::from_durations(&[secs(1), secs(3)])?)?;
    let mut sketch = DurationSketch::default();
    sketch.try_record(secs(4))?;
    roundtrip(&sketch)?;
    let mut by_channel = Breakdown::new(CsatTally::new(top_2_box_7()));
    by_channel.try_record(("chat", Scale::ONE_TO_SEVEN.score(7)?))?;
    roundtrip(&by_channel)?;
    // Composites of them, nested.
    roundtrip(&[nps.clone(), nps.clone()])?;
    roundtrip(&(Breakdown::<u8, NpsTally>::default(), [escalation]))?;
    Ok(())
}

#[test]
fn tampered_breakdown_states_are_refused_naming_the_field() {
    use cxkpi::{Breakdown, BreakdownState};
    let mut csat = Breakdown::new(CsatTally::new(top_2_box_7()));
    csat.try_record(("chat", Scale::ONE_TO_SEVEN.score(7).unwrap()))
        .unwrap();
    csat.try_record(("email", Scale::ONE_TO_SEVEN.score(2).unwrap()))
        .unwrap();
    let good = csat.state().unwrap();
    assert_eq!(good.template.rule, top_2_box_7());
    let refused = |state: BreakdownState<&'static str, CsatState>| {
        Breakdown::<&str, CsatTally>::from_state(state)
            .unwrap_err()
            .to_string()
    };
    // A key twice.
    let mut twice = good.clone();
    twice.groups.push(twice.groups[0]);
    assert_eq!(
        refused(twice),
        "breakdown groups is malformed: it must be each key once"
    );
    // A group of another rule than the template's: it could never merge.
    let mut other_rule = good.clone();
    other_rule.groups[1].1 = CsatState {
        rule: CsatRule::TOP_2_BOX_5,
        satisfied: 0,
        responses: 1,
    };
    assert_eq!(
        refused(other_rule),
        "cannot merge tallies with different CSAT scales: 1..=5 and 1..=7"
    );
    let mut other_threshold = good.clone();
    other_threshold.groups[0].1.rule = CsatRule::new(Scale::ONE_TO_SEVEN, 7).unwrap();
    assert!(refused(other_threshold).contains("CSAT satisfied-from scores: 7 and 6"));
    // A group's own state is checked by its tally.
    let mut bad_group = good.clone();
    bad_group.groups[0].1.satisfied = 5;
    assert_eq!(refused(bad_group), "satisfied (5) exceeds responses (1)");
    // The template is the empty tally.
    let mut full_template = good.clone();
    full_template.template.responses = 1;
    assert!(refused(full_template).contains("breakdown template observations (1)"));
    // The groups' count must fit u64.
    let huge = NpsState {
        promoters: u64::MAX,
        passives: 0,
        detractors: 0,
    };
    let err = Breakdown::<u8, NpsTally>::from_state(BreakdownState {
        template: NpsState::default(),
        groups: vec![(1, huge), (2, huge)],
    })
    .unwrap_err();
    assert!(err.to_string().contains("breakdown observations"), "{err}");
    // Groups in any order are read; the state writes them in key order.
    let mut reversed = good.clone();
    reversed.groups.reverse();
    let back = Breakdown::<&str, CsatTally>::from_state(reversed).unwrap();
    assert_eq!(back, csat);
    assert_eq!(back.state().unwrap(), good);
}

#[test]
fn breakdown_wire_form_is_keyed_objects() {
    use cxkpi::Breakdown;
    let mut nps = Breakdown::<String, NpsTally>::default();
    for (k, r) in [("phone", 10), ("chat", 3), ("chat", 9)] {
        nps.try_record((k.to_owned(), NpsRating::new(r).unwrap()))
            .unwrap();
    }
    let json = serde_json::to_string(&nps).unwrap();
    assert_eq!(
        json,
        r#"{"template":{"promoters":"0","passives":"0","detractors":"0"},"groups":[{"key":"chat","state":{"promoters":"1","passives":"0","detractors":"1"}},{"key":"phone","state":{"promoters":"1","passives":"0","detractors":"0"}}]}"#
    );
    assert_eq!(
        serde_json::from_str::<Breakdown<String, NpsTally>>(&json).unwrap(),
        nps
    );
    // The CSAT rule travels in the template: an empty breakdown rebuilds with it.
    let empty = Breakdown::<u8, _>::new(CsatTally::new(top_2_box_7()));
    let json = serde_json::to_string(&empty).unwrap();
    assert_eq!(
        json,
        r#"{"template":{"rule":{"scale":{"min":1,"max":7},"satisfied_from":6},"satisfied":"0","responses":"0"},"groups":[]}"#
    );
    assert_eq!(
        serde_json::from_str::<Breakdown<u8, CsatTally>>(&json).unwrap(),
        empty
    );
    let duplicate = r#"{"template":{"promoters":"0","passives":"0","detractors":"0"},"groups":[{"key":1,"state":{"promoters":"1","passives":"0","detractors":"0"}},{"key":1,"state":{"promoters":"1","passives":"0","detractors":"0"}}]}"#;
    let err = serde_json::from_str::<Breakdown<u8, NpsTally>>(duplicate).unwrap_err();
    assert!(err.to_string().contains("breakdown groups"), "{err}");
}

#[test]
fn a_faulted_breakdown_reports_no_count() {
    use cxkpi::Breakdown;
    let full = NpsTally::from_counts(u64::MAX, 0, 0).unwrap();
    let mut by_topic = Breakdown::<&str, NpsTally>::new(NpsTally::new());
    by_topic
        .try_merge(&{
            let mut b = Breakdown::new(NpsTally::new());
            *b.group("billing") = full;
            b
        })
        .unwrap();
    let before = by_topic.clone();
    // try_record is atomic: neither the full group nor a new one changes.
    assert_eq!(
        by_topic
            .try_record(("billing", NpsRating::MAX))
            .unwrap_err()
            .kind(),
        ErrorKind::Overflow
    );
    assert_eq!(by_topic, before);
    assert_eq!(by_topic.len().unwrap(), u64::MAX);
    by_topic.set_fault(cxkpi::Error::overflow("test", "u64"));
    assert_eq!(by_topic.len().unwrap_err().kind(), ErrorKind::Overflow);
    assert!(by_topic.state().is_err());
    assert!(serde_json::to_string(&by_topic).is_err());
    assert!(by_topic.try_record(("new", NpsRating::MIN)).is_err());
    // Templates of other parameters refuse to merge, even without groups.
    let mut a = Breakdown::<u8, _>::new(CsatTally::new(top_2_box_7()));
    let b = Breakdown::<u8, _>::new(CsatTally::new(
        CsatRule::new(Scale::ONE_TO_SEVEN, 5).unwrap(),
    ));
    assert_eq!(
        a.try_merge(&b).unwrap_err().kind(),
        ErrorKind::InvalidParameter
    );
}

#[test]
fn tampered_backlog_states_are_refused_naming_the_field() {
    use chrono::NaiveDate;
    use cxkpi::{Backlog, BacklogState};
    let at = backlog_instant();
    let day = 86_400_000_000_000_u64;
    let date = |d| NaiveDate::from_ymd_opt(2024, 3, d).unwrap();
    let good = BacklogState {
        at,
        ages_ns: vec![day, 3 * day],
        by_opened_date: vec![(date(5), 1), (date(7), 1)],
    };
    let backlog = Backlog::from_state(good.clone()).unwrap();
    assert_eq!(backlog.open().unwrap(), 2);
    let refused =
        |state: BacklogState<chrono::Utc>| Backlog::from_state(state).unwrap_err().to_string();
    // More requests by date than ages.
    assert_eq!(
        refused(BacklogState {
            by_opened_date: vec![(date(5), 2), (date(7), 1)],
            ..good.clone()
        }),
        "by_opened_date count of a date (2) exceeds the ages_ns that open on that date (1)"
    );
    // A date the ages do not give.
    assert!(
        refused(BacklogState {
            by_opened_date: vec![(date(4), 1), (date(7), 1)],
            ..good.clone()
        })
        .contains("by_opened_date")
    );
    // An opening after the instant.
    assert!(
        refused(BacklogState {
            by_opened_date: vec![(date(7), 1), (date(9), 1)],
            ..good.clone()
        })
        .contains("by_opened_date")
    );
    // Ages without dates.
    assert_eq!(
        refused(BacklogState {
            by_opened_date: vec![(date(7), 1)],
            ..good.clone()
        }),
        "the ages_ns that open on a date (1) exceeds by_opened_date count of that date (0)"
    );
    assert!(
        refused(BacklogState {
            by_opened_date: vec![(date(7), 1), (date(5), 1)],
            ..good.clone()
        })
        .contains("ascending")
    );
    assert!(
        refused(BacklogState {
            by_opened_date: vec![(date(5), 1), (date(6), 0), (date(7), 1)],
            ..good.clone()
        })
        .contains("by_opened_date request count 0 at index 1")
    );
    // Wire form; a UTC backlog is read from UTC text only.
    let json = serde_json::to_string(&backlog).unwrap();
    assert_eq!(
        json,
        r#"{"at":"2024-03-08T12:00:00Z","ages_ns":["86400000000000","259200000000000"],"by_opened_date":[["2024-03-05","1"],["2024-03-07","1"]]}"#
    );
    assert_eq!(
        serde_json::from_str::<Backlog<chrono::Utc>>(&json).unwrap(),
        backlog
    );
    let shifted = json.replace('Z', "+05:30");
    assert!(serde_json::from_str::<Backlog<chrono::Utc>>(&shifted).is_err());
    // Read as a fixed offset, the text keeps its offset: noon in +05:30,
    // whose ages open on the same local dates.
    let fixed: Backlog<chrono::FixedOffset> = serde_json::from_str(&shifted).unwrap();
    assert_eq!(fixed.instant().offset(), &india());
    assert_eq!(fixed.open().unwrap(), 2);
    assert_eq!(serde_json::to_string(&fixed).unwrap(), shifted);
    // Backlogs of other instants or zones do not merge.
    let mut a = Backlog::at(at.with_timezone(&india()));
    let b = Backlog::at(at.with_timezone(&chrono::FixedOffset::east_opt(0).unwrap()));
    assert_eq!(
        a.try_merge(&b).unwrap_err().kind(),
        ErrorKind::InvalidParameter
    );
}

#[test]
fn backlog_dates_are_read_on_the_instants_calendar_across_daylight_saving() {
    use chrono::TimeZone;
    use chrono_tz::Europe::Paris;
    use cxkpi::Backlog;
    // Paris moves from +01:00 to +02:00 on 31 March 2024.
    let at = Paris.with_ymd_and_hms(2024, 4, 2, 12, 0, 0).unwrap();
    let opened = Paris.with_ymd_and_hms(2024, 3, 30, 23, 30, 0).unwrap();
    let mut backlog = Backlog::at(at);
    backlog.try_record((opened, None)).unwrap();
    let dates: Vec<_> = backlog.by_opened_date().unwrap().collect();
    assert_eq!(
        dates,
        [(chrono::NaiveDate::from_ymd_opt(2024, 3, 30).unwrap(), 1)]
    );
    // The state keeps the zone: the rebuilt backlog checks and records on Paris' calendar.
    let back = Backlog::from_state(backlog.state().unwrap()).unwrap();
    assert_eq!(back, backlog);
}

#[test]
fn an_array_records_all_or_nothing_and_checks_every_slot() {
    let full = NpsTally::from_counts(u64::MAX, 0, 0).unwrap();
    let mut pair = [NpsTally::new(), full];
    let before = pair.clone();
    assert_eq!(
        pair.try_record([NpsRating::MAX, NpsRating::MAX])
            .unwrap_err()
            .kind(),
        ErrorKind::Overflow
    );
    assert_eq!(pair, before);
    let err = <[FcrTally; 2]>::from_state([
        FcrState {
            resolved_on_first_contact: 1,
            resolved: 1,
        },
        FcrState {
            resolved_on_first_contact: 2,
            resolved: 1,
        },
    ])
    .unwrap_err();
    assert!(
        err.to_string().contains("resolved on first contact"),
        "{err}"
    );
    pair.record([NpsRating::MAX, NpsRating::MAX]);
    assert_eq!(pair.len().unwrap_err().kind(), ErrorKind::Overflow);
    assert_eq!(
        serde_json::to_string(&[FcrTally::new()]).unwrap(),
        r#"[{"resolved_on_first_contact":"0","resolved":"0"}]"#
    );
}

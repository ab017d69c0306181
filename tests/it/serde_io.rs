//! Serde: values round-trip, results serialize with their figures, and
//! deserialization validates — a payload never builds an invalid value.

use core::time::Duration;

use cxkpi::{
    AbandonmentTally, AhtTally, CesTally, CostTally, CsatRule, CsatTally, CustomerStatus, FcrTally,
    HandleTime, Money, NpsRating, NpsTally, Outcome, Resolution, RetentionTally, Scale,
    ShortAbandons,
};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Serializes `value`, reads it back, and checks it is unchanged.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + core::fmt::Debug>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("serializes");
    let back: T = serde_json::from_str(&json).expect("reads back");
    assert_eq!(&back, value, "{json}");
    json
}

/// The error message of reading `json` as a `T`.
fn refused<T: DeserializeOwned + core::fmt::Debug>(json: &str) -> String {
    serde_json::from_str::<T>(json).unwrap_err().to_string()
}

#[test]
fn inputs_round_trip_in_plain_json() {
    assert_eq!(round_trip(&NpsRating::new(9).unwrap()), "9");
    assert_eq!(round_trip(&Scale::ONE_TO_FIVE), r#"{"min":1,"max":5}"#);
    assert_eq!(
        round_trip(&CsatRule::TOP_2_BOX_5),
        r#"{"scale":{"min":1,"max":5},"satisfied_from":4}"#
    );
    assert_eq!(round_trip(&"15.56".parse::<Money>().unwrap()), r#""15.56""#);
    round_trip(&HandleTime::from_secs(240.0, 30.5, 60.0).unwrap());
    assert_eq!(round_trip(&Outcome::ShortAbandoned), r#""short_abandoned""#);
    assert_eq!(round_trip(&Resolution::FirstContact), r#""first_contact""#);
    assert_eq!(round_trip(&CustomerStatus::Churned), r#""churned""#);
    round_trip(&ShortAbandons::Below(Duration::from_secs(5)));
}

#[test]
fn tallies_round_trip_through_their_counts() {
    let nps = NpsTally::from_scores(&[10, 9, 7, 3]).unwrap();
    assert_eq!(
        round_trip(&nps),
        r#"{"promoters":"2","passives":"1","detractors":"1"}"#
    );
    round_trip(&CsatTally::from_scores(CsatRule::TOP_2_BOX_5, &[5, 4, 1]).unwrap());
    round_trip(&CesTally::from_scores(Scale::ONE_TO_SEVEN, &[7, 6, 1]).unwrap());
    round_trip(&RetentionTally::from_counts(200, 220, 40).unwrap());
    round_trip(&AbandonmentTally::from_counts(200, 14, 4).unwrap());
    round_trip(&FcrTally::from_counts(74, 100).unwrap());
    round_trip(
        &AhtTally::from_contacts(&[HandleTime::from_secs(1.5, 2.0, 3.25).unwrap()]).unwrap(),
    );
    assert_eq!(
        round_trip(&CostTally::from_counts("1556.00".parse().unwrap(), 100).unwrap()),
        r#"{"total_cost":"1556.00","units":"100"}"#
    );
}

#[test]
fn results_serialize_with_their_figures() {
    let nps = NpsTally::from_counts(50, 32, 18).unwrap().nps().unwrap();
    assert_eq!(
        serde_json::to_string(&nps).unwrap(),
        r#"{"nps":32.0,"promoters_pct":50.0,"passives_pct":32.0,"detractors_pct":18.0,"promoters":50,"passives":32,"detractors":18,"responses":100}"#
    );
    let csat = CsatTally::from_counts(CsatRule::TOP_2_BOX_5, 1, 4)
        .unwrap()
        .csat()
        .unwrap();
    assert_eq!(
        serde_json::to_string(&csat).unwrap(),
        r#"{"percent":25.0,"part":1,"whole":4}"#
    );
    let aht = AhtTally::from_counts(
        20,
        Duration::from_secs(3600),
        Duration::from_secs(600),
        Duration::from_secs(900),
    )
    .unwrap()
    .aht()
    .unwrap();
    assert_eq!(
        serde_json::to_string(&aht).unwrap(),
        r#"{"aht_s":255.0,"talk_s":180.0,"hold_s":30.0,"wrap_s":45.0,"handled":20}"#
    );
    let ces = CesTally::from_scores(Scale::ONE_TO_FIVE, &[1, 2])
        .unwrap()
        .ces()
        .unwrap();
    assert_eq!(
        serde_json::to_string(&ces).unwrap(),
        r#"{"mean":1.5,"scale":{"min":1,"max":5},"sum":3,"responses":2}"#
    );
}

#[test]
fn deserialization_validates() {
    assert!(refused::<NpsRating>("11").contains("NPS rating 11 is out of range"));
    assert!(refused::<NpsRating>("-1").contains("NPS rating -1 is out of range"));
    assert!(refused::<Scale>(r#"{"min":5,"max":1}"#).contains("scale maximum 1 is invalid"));
    refused::<CsatRule>(r#"{"scale":{"min":1,"max":5},"satisfied_from":6}"#);
    refused::<NpsTally>(r#"{"promoters":18446744073709551615,"passives":1,"detractors":0}"#);
    assert!(
        refused::<CsatTally>(
            r#"{"rule":{"scale":{"min":1,"max":5},"satisfied_from":4},"satisfied":3,"responses":2}"#
        )
        .contains("satisfied (3) exceeds responses (2)")
    );
    refused::<RetentionTally>(
        r#"{"customers_at_start":10,"customers_at_end":5,"new_customers":6}"#,
    );
    refused::<AbandonmentTally>(r#"{"offered":3,"abandoned":4,"short_abandoned":0}"#);
    refused::<FcrTally>(r#"{"resolved_on_first_contact":5,"resolved":4}"#);
    refused::<CesTally>(r#"{"scale":{"min":1,"max":7},"sum":100,"responses":2}"#);
    refused::<AhtTally>(r#"{"talk_ns":5,"hold_ns":0,"wrap_ns":0,"handled":0}"#);
    // Unknown fields are refused, not ignored.
    refused::<NpsTally>(r#"{"promoters":1,"passives":1,"detractors":0,"nps":100}"#);
}

#[test]
fn money_reads_decimal_strings_and_integers_but_never_floats() {
    assert_eq!(
        serde_json::from_str::<Money>(r#""1.50""#)
            .unwrap()
            .to_string(),
        "1.50"
    );
    assert_eq!(serde_json::from_str::<Money>("2").unwrap(), Money::from(2));
    assert!(refused::<Money>("1.5").contains("decimal string"));
    assert!(refused::<Money>(r#""-3""#).contains("out of range"));
    assert!(refused::<Money>("-3").contains("out of range"));
}

#[test]
fn a_faulted_tally_refuses_to_serialize() {
    let big = NpsTally::from_counts(u64::MAX, 0, 0).unwrap();
    let faulted = big.clone() + big;
    let err = serde_json::to_string(&faulted).unwrap_err();
    assert!(err.to_string().contains("overflows"), "{err}");
}

proptest! {
    #[test]
    fn nps_tallies_round_trip(p in any::<u32>(), q in any::<u32>(), d in any::<u32>()) {
        round_trip(&NpsTally::from_counts(p.into(), q.into(), d.into()).unwrap());
    }

    #[test]
    fn ratings_deserialize_exactly_when_valid(v in any::<i64>()) {
        let parsed = serde_json::from_str::<NpsRating>(&v.to_string());
        prop_assert_eq!(parsed.is_ok(), (0..=10).contains(&v));
    }

    #[test]
    fn money_round_trips(mantissa in 0i64..i64::MAX, scale in 0u32..12) {
        round_trip(&Money::new(cxkpi::Decimal::new(mantissa, scale)).unwrap());
    }
}

/// The operations tallies round-trip, so that pipelines can ship partial
/// tallies between machines and merge them there.
#[test]
fn operations_tallies_round_trip() {
    use cxkpi::{DurationSample, DurationSketch, RelativeAccuracy};
    use cxkpi::{EscalationTally, Handling};
    use cxkpi::{HourOfDay, HourlyVolume, ServiceLevelTally, WaitTally, Waited};

    let secs = Duration::from_secs;
    let waits = [
        Waited::Answered(secs(12)),
        Waited::Abandoned(secs(3)),
        Waited::Answered(secs(40)),
    ];
    round_trip(&waits.iter().collect::<WaitTally>());
    let mut sl = ServiceLevelTally::new(secs(20), ShortAbandons::Below(secs(5)));
    sl.extend(waits);
    round_trip(&sl);
    round_trip(
        &[Handling::Escalated, Handling::Contained]
            .into_iter()
            .collect::<EscalationTally>(),
    );
    round_trip(
        &[9, 9, 14]
            .map(|h| HourOfDay::new(h).unwrap())
            .into_iter()
            .collect::<HourlyVolume>(),
    );
    let sample = DurationSample::from_secs(&[1.5, 0.0, 90.0]).unwrap();
    assert_eq!(
        round_trip(&sample),
        r#"{"nanos":["0","1500000000","90000000000"]}"#
    );
    let mut sketch = DurationSketch::new(RelativeAccuracy::ONE_PERCENT);
    sketch.extend([secs(0), secs(1), secs(100), Duration::from_millis(2500)]);
    round_trip(&sketch);
}

/// Deserialization checks what construction checks.
#[test]
fn operations_tallies_refuse_invalid_payloads() {
    use cxkpi::DurationSketch;
    use cxkpi::EscalationTally;
    use cxkpi::{HourlyVolume, ServiceLevelTally};

    assert!(refused::<EscalationTally>(r#"{"contacts":2,"escalated":3}"#).contains("exceeds"));
    let sl = r#"{"threshold_s":20,"short_abandon_below_s":null,"answered":5,"answered_within":6,"abandoned":0,"abandoned_within":0,"short_abandoned":0}"#;
    assert!(
        refused::<ServiceLevelTally>(sl)
            .contains("answered within threshold (6) exceeds answered (5)")
    );
    let hours = format!(
        r#"{{"by_hour":[{},{}]}}"#,
        u64::MAX,
        vec!["1"; 23].join(",")
    );
    assert!(refused::<HourlyVolume>(&hours).contains("overflows"));
    let sketch = r#"{"relative_accuracy":0.9,"zeros":0,"offset":0,"bins":[],"total_ns":0,"min_ns":0,"max_ns":0}"#;
    assert!(refused::<DurationSketch>(sketch).contains("relative accuracy"));
    let sketch = r#"{"relative_accuracy":0.01,"zeros":0,"offset":-4,"bins":[1],"total_ns":0,"min_ns":0,"max_ns":0}"#;
    assert!(refused::<DurationSketch>(sketch).contains("bucket index"));
}

#[test]
fn service_level_state_names_its_short_abandon_rule() {
    use cxkpi::{ServiceLevelTally, ShortAbandons};

    let at_most = ServiceLevelTally::from_whole_secs(
        Duration::from_secs(20),
        ShortAbandons::AtMost(Duration::from_secs(5)),
        &[3, 30],
        &[5, 6],
    );
    let json = serde_json::to_string(&at_most).unwrap();
    assert_eq!(
        json,
        r#"{"threshold_s":20,"short_abandon_below_s":null,"short_abandon_at_most_s":5,"answered":"2","answered_within":"1","abandoned":"2","abandoned_within":"2","short_abandoned":"1"}"#
    );
    assert_eq!(
        serde_json::from_str::<ServiceLevelTally>(&json).unwrap(),
        at_most
    );
    // The below rule keeps the form the vectors use, without the other field.
    let below = ServiceLevelTally::from_whole_secs(
        Duration::from_secs(20),
        ShortAbandons::Below(Duration::from_secs(5)),
        &[3],
        &[5],
    );
    let json = serde_json::to_string(&below).unwrap();
    assert!(
        json.contains(r#""short_abandon_below_s":5,"answered""#),
        "{json}"
    );
    assert_eq!(
        serde_json::from_str::<ServiceLevelTally>(&json).unwrap(),
        below
    );
    let both = json.replace(
        r#""short_abandon_below_s":5"#,
        r#""short_abandon_below_s":5,"short_abandon_at_most_s":5"#,
    );
    let err = serde_json::from_str::<ServiceLevelTally>(&both).unwrap_err();
    assert!(err.to_string().contains("not both"), "{err}");
}

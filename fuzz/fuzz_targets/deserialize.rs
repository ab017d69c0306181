//! Every deserializer on arbitrary JSON: a payload either builds a valid
//! value, which serializes and reads back equal, or is refused.
#![no_main]

use cxkpi::EscalationTally;
use cxkpi::stats::Confidence;
use cxkpi::{
    AbandonmentTally, AhtTally, CesTally, CostTally, CsatRule, CsatTally, FcrTally, HandleTime,
    HourOfDay, HourlyVolume, Money, NpsRating, NpsTally, RetentionTally, Scale, ServiceLevelTally,
    WaitTally,
};
use cxkpi::{DurationSample, DurationSketch};
use libfuzzer_sys::fuzz_target;
use serde::{Serialize, de::DeserializeOwned};

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + core::fmt::Debug>(data: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(data) {
        let json = serde_json::to_vec(&value).expect("a valid value serializes");
        let again: T = serde_json::from_slice(&json).expect("a serialized value reads back");
        assert_eq!(value, again);
    }
}

fuzz_target!(|data: &[u8]| {
    round_trip::<NpsRating>(data);
    round_trip::<Scale>(data);
    round_trip::<CsatRule>(data);
    round_trip::<Money>(data);
    round_trip::<HandleTime>(data);
    round_trip::<NpsTally>(data);
    round_trip::<CsatTally>(data);
    round_trip::<CesTally>(data);
    round_trip::<RetentionTally>(data);
    round_trip::<AbandonmentTally>(data);
    round_trip::<FcrTally>(data);
    round_trip::<AhtTally>(data);
    round_trip::<CostTally>(data);
    round_trip::<WaitTally>(data);
    round_trip::<ServiceLevelTally>(data);
    round_trip::<EscalationTally>(data);
    round_trip::<HourOfDay>(data);
    round_trip::<HourlyVolume>(data);
    round_trip::<DurationSample>(data);
    round_trip::<DurationSketch>(data);
    round_trip::<Confidence>(data);
});

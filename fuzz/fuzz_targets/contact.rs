//! Abandonment, FCR and AHT: constructors, batch paths and merges on arbitrary bytes.
#![no_main]

use core::time::Duration;

use cxkpi::{AbandonmentTally, AhtTally, FcrTally, HandleTime, Merge, ShortAbandons, try_seconds};
use libfuzzer_sys::fuzz_target;

fn u64s(data: &[u8]) -> Vec<u64> {
    data.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let words = u64s(data);

    // Abandonment from counts and from waits; floats straight from the bytes
    // (NaN, infinities, negatives, subnormals) must be refused, not panic.
    if let [offered, abandoned, short, threshold, waits @ ..] = words.as_slice() {
        if let Ok(tally) = AbandonmentTally::from_counts(*offered, *abandoned, *short) {
            for rate in [tally.abandonment(), tally.abandonment_including_short()]
                .into_iter()
                .flatten()
            {
                assert!((0.0..=100.0).contains(&rate.percent()));
            }
            let _ = (tally.clone() + tally).abandonment();
        }
        let rule = ShortAbandons::below_secs(f64::from_bits(*threshold)).unwrap_or_default();
        let waits: Vec<Duration> = waits
            .iter()
            .filter_map(|&w| try_seconds(f64::from_bits(w)).ok())
            .collect();
        if let Ok(tally) = AbandonmentTally::from_abandon_waits(*offered, &waits, rule) {
            let _ = tally.abandonment();
        }
    }

    // FCR from contact counts (zeros are errors) and from counts.
    let contacts: Vec<u32> = data.iter().map(|&b| u32::from(b % 5)).collect();
    match FcrTally::from_contact_counts(&contacts) {
        Ok(tally) => assert_eq!(tally.len(), contacts.len() as u64),
        Err(_) => assert!(contacts.contains(&0)),
    }
    if let [first, resolved, ..] = words.as_slice() {
        assert_eq!(
            FcrTally::from_counts(*first, *resolved).is_ok(),
            first <= resolved
        );
    }

    // AHT from float seconds and from totals; merging at the limits.
    let contacts: Vec<HandleTime> = words
        .chunks_exact(3)
        .filter_map(|c| {
            HandleTime::from_secs(
                f64::from_bits(c[0]),
                f64::from_bits(c[1]),
                f64::from_bits(c[2]),
            )
            .ok()
        })
        .collect();
    if let Ok(tally) = AhtTally::from_contacts(&contacts) {
        if let Ok(aht) = tally.aht() {
            assert!(aht.secs() >= 0.0);
            let _ = aht.mean();
        }
        let mut doubled = tally.clone();
        let _ = doubled.try_merge(&tally);
    }
    if let [talk, hold, wrap, handled, ..] = words.as_slice() {
        let secs = Duration::from_secs;
        if let Ok(tally) = AhtTally::from_totals(secs(*talk), secs(*hold), secs(*wrap), *handled) {
            let _ = (tally.clone() + tally).aht();
        }
    }
});

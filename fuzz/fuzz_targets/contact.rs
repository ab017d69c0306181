//! Abandonment, FCR, AHT, service level and percentiles: constructors, batch
//! and column paths and merges on arbitrary bytes.
#![no_main]

use core::time::Duration;

use cxkpi::DurationSample;
use cxkpi::time::{Quantile, WholeSeconds};
use cxkpi::{
    AbandonmentTally, AhtTally, FcrTally, HandleTime, Merge, ServiceLevelTally, ShortAbandons,
    Tally, Waited, try_seconds,
};
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
        if let Ok(tally) = AbandonmentTally::from_abandon_waits(rule, *offered, &waits) {
            let _ = tally.abandonment();
        }
    }

    // FCR from contact counts (zeros are errors) and from counts.
    let contacts: Vec<u32> = data.iter().map(|&b| u32::from(b % 5)).collect();
    match FcrTally::from_contact_counts(&contacts) {
        Ok(tally) => assert_eq!(tally.len().unwrap(), contacts.len() as u64),
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
        if let Ok(tally) = AhtTally::from_counts(*handled, secs(*talk), secs(*hold), secs(*wrap)) {
            let _ = (tally.clone() + tally).aht();
        }
    }

    // Columns of whole seconds: the service level, AHT and exact percentiles
    // equal their per-observation twins.
    let secs: Vec<u32> = data
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
        .collect();
    let as_duration = |s: u32| Duration::from_secs(u64::from(s));
    if let [threshold, short, rest @ ..] = secs.as_slice() {
        let (answered, abandoned) = rest.split_at(rest.len() / 2);
        let short = ShortAbandons::Below(Duration::from_millis(u64::from(*short)));
        let threshold = Duration::from_millis(u64::from(*threshold));
        let batch = ServiceLevelTally::from_whole_secs(threshold, short, answered, abandoned);
        let mut recorded = ServiceLevelTally::new(threshold, short);
        recorded.extend(answered.iter().map(|&s| Waited::Answered(as_duration(s))));
        recorded.extend(abandoned.iter().map(|&s| Waited::Abandoned(as_duration(s))));
        assert_eq!(batch, recorded);
    }
    let third = secs.len() / 3;
    let (talk, rest) = secs.split_at(third);
    let (hold, wrap) = rest.split_at(third);
    match AhtTally::from_whole_secs(talk, hold, wrap) {
        Ok(tally) => assert_eq!(tally.len().unwrap(), talk.len() as u64),
        Err(_) => assert_ne!(wrap.len(), talk.len()),
    }
    if let Ok(column) = WholeSeconds::new(&secs) {
        let sample = DurationSample::from_durations(
            &secs.iter().map(|&s| as_duration(s)).collect::<Vec<_>>(),
        )
        .unwrap();
        for q in [
            Quantile::MIN,
            Quantile::MEDIAN,
            Quantile::P99,
            Quantile::MAX,
        ] {
            assert_eq!(column.quantile(q), sample.quantile(q).unwrap());
        }
        assert_eq!(column.summary(), sample.summary().unwrap());
    }
});

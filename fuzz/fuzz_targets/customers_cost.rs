//! Retention, churn and cost: constructors, parsing and merges on arbitrary bytes.
#![no_main]

use core::time::Duration;

use cxkpi::{CostTally, Merge, Money, RetentionTally, cost_per_minute};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let words: Vec<u64> = data
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
        .collect();

    if let [start, end, new, ..] = words.as_slice() {
        match RetentionTally::from_counts(*start, *end, *new) {
            Ok(tally) => {
                if let (Ok(kept), Ok(lost)) = (tally.retention(), tally.churn()) {
                    assert!((kept.percent() + lost.percent() - 100.0).abs() < 1e-9);
                }
                let mut twice = tally.clone();
                let _ = twice.try_merge(&tally);
                let _ = (tally.clone() + tally).retention();
            }
            Err(_) => assert!(new > end || end - new > *start || start.checked_add(*new).is_none()),
        }
    }

    // Money from arbitrary text: parsed exactly or refused.
    if let Ok(text) = core::str::from_utf8(data) {
        if let Ok(money) = text.parse::<Money>() {
            assert!(money.get() >= cxkpi::Decimal::ZERO);
            let units = words.first().copied().unwrap_or(1);
            if let Ok(tally) = CostTally::from_counts(money, units) {
                let _ = tally.cost_per_unit();
                let _ = (tally.clone() + tally).cost_per_unit();
            }
            let nanos = words.get(1).copied().unwrap_or(1);
            let _ = cost_per_minute(money, Duration::from_nanos(nanos));
            let _ = cost_per_minute(money, Duration::new(nanos, 999_999_999));
        }
    }
});

//! `from_state` of every counting tally on arbitrary states: a state is
//! refused, or it builds a tally whose state is the one given and whose
//! every getter is consistent with its counts (a KPI in its range, or
//! `empty` when there is nothing to report).
#![no_main]

use core::time::Duration;

use cxkpi::{
    AbandonTreatment, AbandonmentState, AbandonmentTally, AhtState, AhtTally, CesState, CesTally,
    CsatRule, CsatState, CsatTally, ErrorKind, FcrState, FcrTally, HourlyVolume, HourlyVolumeState,
    NpsState, NpsTally, Rate, RetentionState, RetentionTally, Scale, ServiceLevelState,
    ServiceLevelTally, ShortAbandons, Tally, WaitState, WaitTally,
};
use cxkpi::{EscalationState, EscalationTally};
use libfuzzer_sys::fuzz_target;

/// Reads little-endian words from the input, then zeros.
struct Words<'a>(&'a [u8]);

impl Words<'_> {
    fn u64(&mut self) -> u64 {
        let n = self.0.len().min(8);
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        let mut b = [0u8; 8];
        b[..n].copy_from_slice(head);
        // Small values are the interesting ones: half the words are cut to a byte.
        let v = u64::from_le_bytes(b);
        if v & 1 == 0 { v >> 56 } else { v }
    }

    fn u128(&mut self) -> u128 {
        (u128::from(self.u64()) << 64) | u128::from(self.u64())
    }

    fn u8(&mut self) -> u8 {
        self.u64().to_le_bytes()[0]
    }
}

/// The laws every accepted state keeps.
fn accepted<T: Tally>(state: T::State) -> Option<T>
where
    T::State: Clone + PartialEq + core::fmt::Debug,
{
    let tally = T::from_state(state.clone()).ok()?;
    assert_eq!(tally.state().expect("an accepted state has a state"), state);
    let n = tally.len().expect("an accepted state has a count");
    assert_eq!(tally.is_empty().expect("and an emptiness"), n == 0);
    // Merging with itself doubles every count, or overflows, and never panics.
    let mut twice = tally.clone();
    match twice.try_merge(&tally) {
        Ok(()) => assert_eq!(twice.len().expect("merged"), n * 2),
        Err(e) => assert_eq!(e.kind(), ErrorKind::Overflow),
    }
    Some(tally)
}

/// A rate getter: a percentage in [0, 100] over a non-zero whole, or empty.
fn rate(r: Result<Rate, cxkpi::Error>) {
    match r {
        Ok(r) => {
            assert!((0.0..=100.0).contains(&r.percent()), "{r:?}");
            assert!(r.part() <= r.whole() && r.whole() > 0);
        }
        Err(e) => assert_eq!(e.kind(), ErrorKind::Empty, "{e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut w = Words(data);
    let nps = NpsState {
        promoters: w.u64(),
        passives: w.u64(),
        detractors: w.u64(),
    };
    if let Some(t) = accepted::<NpsTally>(nps) {
        match t.nps() {
            Ok(n) => assert!((-100.0..=100.0).contains(&n.score())),
            Err(e) => assert_eq!(e.kind(), ErrorKind::Empty),
        }
    }
    let scale = Scale::new(w.u8() % 12, w.u8() % 12);
    if let Ok(scale) = scale {
        let rule = CsatRule::new(scale, w.u8() % 12);
        if let Ok(rule) = rule {
            let csat = CsatState {
                rule,
                satisfied: w.u64(),
                responses: w.u64(),
            };
            if let Some(t) = accepted::<CsatTally>(csat) {
                rate(t.csat());
            }
        }
        let ces = CesState {
            scale,
            sum: w.u128(),
            responses: w.u64(),
        };
        if let Some(t) = accepted::<CesTally>(ces) {
            if let Ok(c) = t.ces() {
                assert!((f64::from(scale.min())..=f64::from(scale.max())).contains(&c.mean()));
            }
        }
    }
    let retention = RetentionState {
        customers_at_start: w.u64(),
        customers_at_end: w.u64(),
        new_customers: w.u64(),
    };
    if let Some(t) = accepted::<RetentionTally>(retention) {
        rate(t.retention());
        rate(t.churn());
    }
    let abandonment = AbandonmentState {
        offered: w.u64(),
        abandoned: w.u64(),
        short_abandoned: w.u64(),
    };
    if let Some(t) = accepted::<AbandonmentTally>(abandonment) {
        rate(t.abandonment());
        rate(t.abandonment_including_short());
    }
    let fcr = FcrState {
        resolved_on_first_contact: w.u64(),
        resolved: w.u64(),
    };
    if let Some(t) = accepted::<FcrTally>(fcr) {
        rate(t.fcr());
    }
    let escalation = EscalationState {
        contacts: w.u64(),
        escalated: w.u64(),
    };
    if let Some(t) = accepted::<EscalationTally>(escalation) {
        rate(t.escalation());
    }
    let aht = AhtState {
        handled: w.u64(),
        talk_ns: w.u128(),
        hold_ns: w.u128(),
        wrap_ns: w.u128(),
    };
    if let Some(t) = accepted::<AhtTally>(aht) {
        if let Ok(a) = t.aht() {
            assert!(a.secs() >= 0.0 && a.secs().is_finite());
            assert!(a.talk_secs() <= a.secs() * (1.0 + 1e-12) + 1e-9);
        }
    }
    let wait = WaitState {
        answered: w.u64(),
        answered_wait_ns: w.u128(),
        abandoned: w.u64(),
        abandoned_wait_ns: w.u128(),
    };
    if let Some(t) = accepted::<WaitTally>(wait) {
        for m in [t.asa(), t.average_wait(), t.time_to_abandon()] {
            match m {
                Ok(m) => assert!(m.secs() >= 0.0 && m.secs().is_finite()),
                // The average over both kinds adds their totals, which may
                // pass u128 (documented): an overflow, never a wrap.
                Err(e) => assert!(
                    matches!(e.kind(), ErrorKind::Empty | ErrorKind::Overflow),
                    "{e}"
                ),
            }
        }
    }
    let threshold = Duration::from_nanos(w.u64());
    let short = match w.u8() % 3 {
        0 => ShortAbandons::None,
        1 => ShortAbandons::Below(Duration::from_nanos(w.u64())),
        _ => ShortAbandons::AtMost(Duration::from_nanos(w.u64())),
    };
    let sl = ServiceLevelState {
        threshold,
        short_abandons: short,
        answered: w.u64(),
        answered_within: w.u64(),
        abandoned: w.u64(),
        abandoned_within: w.u64(),
        short_abandoned: w.u64(),
    };
    if let Some(t) = accepted::<ServiceLevelTally>(sl) {
        for treatment in AbandonTreatment::ALL {
            match t.service_level(treatment) {
                Ok(r) => assert!((0.0..=100.0).contains(&r.percent())),
                Err(e) => assert!(
                    matches!(e.kind(), ErrorKind::Empty | ErrorKind::InvalidParameter),
                    "{e}"
                ),
            }
        }
    }
    let hourly = HourlyVolumeState {
        by_hour: core::array::from_fn(|_| w.u64()),
    };
    let _ = accepted::<HourlyVolume>(hourly);
});

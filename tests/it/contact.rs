//! Laws of the contact family's waits and service level: waits merge like
//! concatenation with the ASA between the least and greatest answered wait,
//! the service-level treatments keep their order, and a breakdown of waits
//! merges group by group.

use core::time::Duration;

use cxkpi::{
    AbandonTreatment, Breakdown, Merge, ServiceLevelTally, ShortAbandons, WaitTally, Waited,
};
use proptest::prelude::*;

fn waits() -> impl Strategy<Value = Vec<Waited>> {
    prop::collection::vec(
        (any::<bool>(), 0u64..200).prop_map(|(answered, secs)| {
            let wait = Duration::from_secs(secs);
            if answered {
                Waited::Answered(wait)
            } else {
                Waited::Abandoned(wait)
            }
        }),
        0..200,
    )
}

proptest! {
    /// Waits merge like concatenation, and ASA lies between the least and
    /// the greatest answered wait.
    #[test]
    fn waits_merge_and_bounds(a in waits(), b in waits()) {
        let tally = |w: &[Waited]| w.iter().collect::<WaitTally>();
        let ab: Vec<Waited> = a.iter().chain(&b).copied().collect();
        prop_assert_eq!(tally(&a) + tally(&b), tally(&ab));
        let answered: Vec<Duration> = ab.iter().filter(|w| w.is_answered()).map(|w| w.wait()).collect();
        match tally(&ab).asa() {
            Ok(asa) => {
                let min = answered.iter().min().unwrap().as_secs_f64();
                let max = answered.iter().max().unwrap().as_secs_f64();
                prop_assert!(min <= asa.secs() && asa.secs() <= max);
            }
            Err(e) => prop_assert!(answered.is_empty(), "{e}"),
        }
    }

    /// Service level: every treatment in [0, 100]; counting abandons against
    /// is the strictest; merging equals concatenation.
    #[test]
    fn service_level_treatments(a in waits(), b in waits(), threshold in 0u64..120, short in 0u64..30) {
        let rule = ShortAbandons::Below(Duration::from_secs(short));
        let tally = |w: &[Waited]| {
            let mut t = ServiceLevelTally::new(Duration::from_secs(threshold), rule);
            t.extend(w.iter().copied());
            t
        };
        let ab: Vec<Waited> = a.iter().chain(&b).copied().collect();
        let whole = tally(&ab);
        prop_assert_eq!(tally(&a) + tally(&b), whole.clone());
        let strictest = whole.service_level(AbandonTreatment::CountAgainst);
        for treatment in AbandonTreatment::ALL {
            if let Ok(rate) = whole.service_level(treatment) {
                prop_assert!((0.0..=100.0).contains(&rate.percent()));
                if let Ok(strict) = strictest {
                    prop_assert!(strict.ratio() <= rate.ratio() + 1e-15, "{treatment}");
                }
            }
        }
    }

    /// A breakdown merges group by group: breakdown(a ++ b) == breakdown(a)
    /// + breakdown(b), and its total equals the tally of everything.
    #[test]
    fn breakdown_merge_is_concatenation(
        a in prop::collection::vec((0u8..5, 0u64..100), 0..100),
        b in prop::collection::vec((0u8..5, 0u64..100), 0..100),
    ) {
        let observe = |v: &[(u8, u64)]| -> Breakdown<u8, WaitTally> {
            v.iter().map(|&(k, s)| (k, Waited::Answered(Duration::from_secs(s)))).collect()
        };
        let ab: Vec<(u8, u64)> = a.iter().chain(&b).copied().collect();
        let mut merged = observe(&a);
        merged.try_merge(&observe(&b)).unwrap();
        prop_assert_eq!(&merged, &observe(&ab));
        prop_assert_eq!(observe(&b) + observe(&a), observe(&ab));
        let all: WaitTally = ab.iter().map(|&(_, s)| Waited::Answered(Duration::from_secs(s))).collect();
        prop_assert_eq!(merged.total().unwrap(), all);
    }
}

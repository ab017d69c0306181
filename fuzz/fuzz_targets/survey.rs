//! NPS, CSAT and CES: every constructor and batch path on arbitrary bytes.
#![no_main]

use cxkpi::{CesTally, CsatRule, CsatTally, Merge, NpsRating, NpsTally, Scale, Tally};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&head, scores)) = data.split_first() else {
        return;
    };

    // NPS: the batch path agrees with recording one score at a time.
    let batch = NpsTally::from_scores(scores);
    let mut one_by_one = NpsTally::new();
    let recorded = scores
        .iter()
        .try_for_each(|&s| one_by_one.try_record_score(s));
    assert_eq!(batch.is_ok(), recorded.is_ok());
    if let Ok(tally) = &batch {
        assert_eq!(tally, &one_by_one);
        if let Ok(nps) = tally.nps() {
            assert!((-100.0..=100.0).contains(&nps.score()));
            assert_eq!(
                nps.promoters() + nps.passives() + nps.detractors(),
                nps.responses()
            );
        }
    }
    // The typed path: `record(NpsRating)` agrees with `try_record_score(u8)`.
    let mut typed = NpsTally::new();
    for &s in scores {
        match NpsRating::new(s) {
            Ok(rating) => typed.record(rating),
            Err(_) => assert!(s > 10),
        }
    }
    if batch.is_ok() {
        assert_eq!(typed, one_by_one);
    }

    // Counts read from the bytes, up to u64::MAX: merges never panic.
    let counts: Vec<u64> = scores
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
        .collect();
    for &c in &counts {
        let wide = c as i64;
        assert_eq!(NpsRating::try_from(wide).is_ok(), (0..=10).contains(&wide));
    }
    if let [p, q, d, r @ ..] = counts.as_slice() {
        match NpsTally::from_counts(*p, *q, *d) {
            Ok(tally) => {
                assert_eq!(
                    tally.promoters().unwrap()
                        + tally.passives().unwrap()
                        + tally.detractors().unwrap(),
                    tally.len().unwrap()
                );
                assert_eq!(
                    (
                        tally.promoters().unwrap(),
                        tally.passives().unwrap(),
                        tally.detractors().unwrap()
                    ),
                    (*p, *q, *d)
                );
            }
            Err(_) => assert!(p.checked_add(*q).and_then(|n| n.checked_add(*d)).is_none()),
        }
        if let (Ok(a), Ok(b)) = (
            NpsTally::from_counts(*p, *q, *d),
            NpsTally::from_counts(*d, *p, *q),
        ) {
            let mut merged = a.clone();
            let result = merged.try_merge(&b);
            if result.is_err() {
                assert_eq!(merged, a);
            }
            let summed = a + b;
            assert_eq!(
                summed.nps().is_ok(),
                result.is_ok() && merged.is_empty() == Ok(false)
            );
        }
        let _ = r;
    }

    // CSAT and CES on a scale and a threshold taken from the bytes.
    let (min, max, from) = (head % 4, head / 4 % 11, head / 44);
    match (
        Scale::new(min, max),
        Scale::new(min, max).and_then(|s| CsatRule::new(s, from)),
    ) {
        (Ok(scale), Ok(rule)) => {
            assert!(scale.contains(from));
            if let Ok(tally) = CsatTally::from_scores(rule, scores) {
                let mut one_by_one = CsatTally::new(rule);
                scores
                    .iter()
                    .for_each(|&s| one_by_one.try_record_score(s).unwrap());
                assert_eq!(tally, one_by_one);
                if let Ok(csat) = tally.csat() {
                    assert!((0.0..=100.0).contains(&csat.percent()));
                }
            } else {
                assert!(scores.iter().any(|&s| !scale.contains(s)));
            }
            if let Ok(tally) = CesTally::from_scores(scale, scores) {
                if let Ok(ces) = tally.ces() {
                    let mean = ces.mean();
                    assert!(f64::from(min) <= mean && mean <= f64::from(max));
                }
            }
        }
        (Ok(scale), Err(_)) => assert!(!scale.contains(from)),
        (Err(_), _) => assert!(min >= max),
    }
});

//! Laws every tally obeys, as properties: merging equals concatenating,
//! merging is associative and commutative with the empty tally as identity,
//! the batch path equals the per-observation path, order does not matter,
//! results stay in their ranges, and constructors are total.

use core::time::Duration;

use cxkpi::{
    AbandonmentTally, AhtTally, CesTally, CostTally, CsatRule, CsatTally, CustomerStatus, Decimal,
    FcrTally, HandleTime, Merge, Money, NpsRating, NpsTally, Outcome, Resolution, RetentionTally,
    Scale, ShortAbandons, Tally,
};
use proptest::prelude::*;

/// Checks the merge laws for a tally type, given three tallies built from
/// `a`, `b` and `a ++ b`, and the empty tally.
fn merge_laws<T: Merge + Clone + PartialEq + core::fmt::Debug + core::ops::Add<Output = T>>(
    a: &T,
    b: &T,
    ab: &T,
    empty: &T,
) -> Result<(), TestCaseError> {
    // tally(a ++ b) == tally(a) merged with tally(b), by try_merge and by +.
    let mut merged = a.clone();
    merged
        .try_merge(b)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&merged, ab);
    prop_assert_eq!(&(a.clone() + b.clone()), ab);
    // Commutative.
    prop_assert_eq!(&(b.clone() + a.clone()), ab);
    // The empty tally is an identity on both sides.
    prop_assert_eq!(&(empty.clone() + a.clone()), a);
    prop_assert_eq!(&(a.clone() + empty.clone()), a);
    Ok(())
}

/// Associativity: (a + b) + c == a + (b + c).
fn associative<T: Clone + PartialEq + core::fmt::Debug + core::ops::Add<Output = T>>(
    a: &T,
    b: &T,
    c: &T,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        (a.clone() + b.clone()) + c.clone(),
        a.clone() + (b.clone() + c.clone())
    );
    Ok(())
}

fn nps_scores() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(0u8..=10, 0..300)
}

fn scale() -> impl Strategy<Value = Scale> {
    (0u8..10, 1u8..11).prop_map(|(min, span)| Scale::new(min, min + span).expect("min < max"))
}

/// A scale and scores on it.
fn scale_and_scores() -> impl Strategy<Value = (Scale, Vec<u8>)> {
    scale().prop_flat_map(|s| (Just(s), prop::collection::vec(s.min()..=s.max(), 0..300)))
}

fn concat(a: &[u8], b: &[u8]) -> Vec<u8> {
    [a, b].concat()
}

proptest! {
    #[test]
    fn nps_merge_laws(a in nps_scores(), b in nps_scores(), c in nps_scores()) {
        let t = |v: &[u8]| NpsTally::from_scores(v).unwrap();
        merge_laws(&t(&a), &t(&b), &t(&concat(&a, &b)), &NpsTally::new())?;
        associative(&t(&a), &t(&b), &t(&c))?;
        // Sum over chunks equals the whole.
        let whole = t(&concat(&a, &b));
        let summed: NpsTally = concat(&a, &b).chunks(7).map(t).sum();
        prop_assert_eq!(summed, whole);
    }

    #[test]
    fn nps_batch_equals_records_and_counts(scores in nps_scores()) {
        let batch = NpsTally::from_scores(&scores).unwrap();
        let mut recorded = NpsTally::new();
        for &s in &scores {
            recorded.try_record_score(s).unwrap();
        }
        prop_assert_eq!(&batch, &recorded);
        let collected: NpsTally = scores.iter().map(|&s| NpsRating::new(s).unwrap()).collect();
        prop_assert_eq!(&batch, &collected);
        let counts =
            NpsTally::from_counts(batch.promoters().unwrap(), batch.passives().unwrap(), batch.detractors().unwrap()).unwrap();
        prop_assert_eq!(&batch, &counts);
        prop_assert_eq!(batch.promoters().unwrap(), scores.iter().filter(|&&s| s >= 9).count() as u64);
        prop_assert_eq!(batch.detractors().unwrap(), scores.iter().filter(|&&s| s <= 6).count() as u64);
    }

    #[test]
    fn nps_bounds(scores in nps_scores()) {
        match NpsTally::from_scores(&scores).unwrap().nps() {
            Ok(nps) => {
                prop_assert!((-100.0..=100.0).contains(&nps.score()));
                let shares = [nps.promoters_pct(), nps.passives_pct(), nps.detractors_pct()];
                prop_assert!(shares.iter().all(|p| (0.0..=100.0).contains(p)));
                prop_assert!((shares.iter().sum::<f64>() - 100.0).abs() < 1e-9);
                prop_assert!((nps.score() - (shares[0] - shares[2])).abs() < 1e-9);
            }
            Err(e) => prop_assert!(scores.is_empty(), "{e}"),
        }
    }

    #[test]
    fn nps_bounds_at_any_count(p in any::<u64>(), q in any::<u64>(), d in any::<u64>()) {
        match NpsTally::from_counts(p, q, d) {
            Ok(tally) => {
                if let Ok(nps) = tally.nps() {
                    prop_assert!((-100.0..=100.0).contains(&nps.score()));
                    prop_assert!((0.0..=100.0).contains(&nps.promoters_pct()));
                }
            }
            Err(_) => prop_assert!(p.checked_add(q).and_then(|n| n.checked_add(d)).is_none()),
        }
    }

    #[test]
    fn nps_does_not_fall_when_a_score_rises(scores in prop::collection::vec(0u8..=10, 1..200), i in any::<prop::sample::Index>(), up in 0u8..=10) {
        let before = NpsTally::from_scores(&scores).unwrap().nps().unwrap().score();
        let mut raised = scores.clone();
        let at = i.index(raised.len());
        raised[at] = raised[at].max(up);
        let after = NpsTally::from_scores(&raised).unwrap().nps().unwrap().score();
        prop_assert!(after >= before);
    }

    #[test]
    fn nps_order_does_not_matter(scores in nps_scores(), seed in any::<u64>()) {
        let mut shuffled = scores.clone();
        shuffle(&mut shuffled, seed);
        prop_assert_eq!(NpsTally::from_scores(&scores).unwrap(), NpsTally::from_scores(&shuffled).unwrap());
    }

    #[test]
    fn nps_rating_is_total(v in any::<u8>(), w in any::<i64>()) {
        prop_assert_eq!(NpsRating::new(v).is_ok(), v <= 10);
        prop_assert_eq!(NpsRating::try_from(w).is_ok(), (0..=10).contains(&w));
        prop_assert_eq!(NpsTally::from_scores(&[v]).is_ok(), v <= 10);
    }

    #[test]
    fn csat_merge_laws((s, a) in scale_and_scores(), b_seed in any::<u64>(), c_len in 0usize..100) {
        let rule = CsatRule::new(s, s.max()).unwrap();
        let b = reshape(&a, b_seed);
        let c: Vec<u8> = a.iter().copied().take(c_len).collect();
        let t = |v: &[u8]| CsatTally::from_scores(rule, v).unwrap();
        merge_laws(&t(&a), &t(&b), &t(&concat(&a, &b)), &CsatTally::new(rule))?;
        associative(&t(&a), &t(&b), &t(&c))?;
    }

    #[test]
    fn csat_batch_equals_records((s, scores) in scale_and_scores(), from in any::<u8>()) {
        let from = s.min() + from % (s.max() - s.min() + 1);
        let rule = CsatRule::new(s, from).unwrap();
        let batch = CsatTally::from_scores(rule, &scores).unwrap();
        let mut recorded = CsatTally::new(rule);
        for &v in &scores {
            recorded.try_record_score(v).unwrap();
        }
        prop_assert_eq!(&batch, &recorded);
        let mut extended = CsatTally::new(rule);
        extended.extend(scores.iter().map(|&v| s.score(v).unwrap()));
        prop_assert_eq!(&batch, &extended);
        prop_assert_eq!(&batch, &CsatTally::from_counts(rule, batch.satisfied().unwrap(), batch.len().unwrap()).unwrap());
        if let Ok(csat) = batch.csat() {
            prop_assert!((0.0..=100.0).contains(&csat.percent()));
        }
    }

    #[test]
    fn csat_does_not_grow_when_the_threshold_rises((s, scores) in scale_and_scores()) {
        prop_assume!(!scores.is_empty());
        let mut last = f64::INFINITY;
        for from in s.min()..=s.max() {
            let rule = CsatRule::new(s, from).unwrap();
            let csat = CsatTally::from_scores(rule, &scores).unwrap().csat().unwrap().percent();
            prop_assert!(csat <= last);
            last = csat;
        }
    }

    #[test]
    fn csat_rule_and_scale_are_total(min in any::<u8>(), max in any::<u8>(), from in any::<u8>()) {
        prop_assert_eq!(Scale::new(min, max).is_ok(), min < max);
        if let Ok(s) = Scale::new(min, max) {
            prop_assert_eq!(CsatRule::new(s, from).is_ok(), (min..=max).contains(&from));
            prop_assert_eq!(s.score(from).is_ok(), (min..=max).contains(&from));
        }
    }

    #[test]
    fn ces_merge_laws_and_bounds((s, a) in scale_and_scores(), seed in any::<u64>()) {
        let b = reshape(&a, seed);
        let t = |v: &[u8]| CesTally::from_scores(s, v).unwrap();
        merge_laws(&t(&a), &t(&b), &t(&concat(&a, &b)), &CesTally::new(s))?;
        associative(&t(&a), &t(&b), &t(&a))?;
        let mut recorded = CesTally::new(s);
        for &v in &a {
            recorded.try_record_score(v).unwrap();
        }
        prop_assert_eq!(&t(&a), &recorded);
        if let Ok(ces) = t(&a).ces() {
            prop_assert!(f64::from(s.min()) <= ces.mean() && ces.mean() <= f64::from(s.max()));
            let exact: u64 = a.iter().map(|&v| u64::from(v)).sum();
            prop_assert_eq!(ces.sum(), u128::from(exact));
        }
    }

    #[test]
    fn retention_laws(a in statuses(), b in statuses(), c in statuses()) {
        let t = |v: &[CustomerStatus]| v.iter().collect::<RetentionTally>();
        let ab: Vec<_> = a.iter().chain(&b).copied().collect();
        merge_laws(&t(&a), &t(&b), &t(&ab), &RetentionTally::new())?;
        associative(&t(&a), &t(&b), &t(&c))?;
        let tally = t(&ab);
        let rebuilt = RetentionTally::from_counts(
            tally.customers_at_start().unwrap(),
            tally.customers_at_end().unwrap(),
            tally.new_customers().unwrap(),
        ).unwrap();
        prop_assert_eq!(&rebuilt, &tally);
        if let (Ok(kept), Ok(lost)) = (tally.retention(), tally.churn()) {
            prop_assert!((0.0..=100.0).contains(&kept.percent()));
            prop_assert!((kept.percent() + lost.percent() - 100.0).abs() < 1e-9);
        }
    }

    #[test]
    fn retention_from_counts_is_total(s in any::<u64>(), e in any::<u64>(), n in any::<u64>()) {
        let consistent = n <= e && e - n <= s && s.checked_add(n).is_some();
        prop_assert_eq!(RetentionTally::from_counts(s, e, n).is_ok(), consistent);
    }

    #[test]
    fn abandonment_laws(a in outcomes(), b in outcomes(), c in outcomes()) {
        let t = |v: &[Outcome]| v.iter().collect::<AbandonmentTally>();
        let ab: Vec<_> = a.iter().chain(&b).copied().collect();
        merge_laws(&t(&a), &t(&b), &t(&ab), &AbandonmentTally::new())?;
        associative(&t(&a), &t(&b), &t(&c))?;
        let tally = t(&ab);
        prop_assert_eq!(
            &AbandonmentTally::from_counts(tally.offered().unwrap(), tally.abandoned().unwrap(), tally.short_abandoned().unwrap()).unwrap(),
            &tally
        );
        for rate in [tally.abandonment(), tally.abandonment_including_short()].into_iter().flatten() {
            prop_assert!((0.0..=100.0).contains(&rate.percent()));
        }
    }

    #[test]
    fn abandonment_waits_equal_records(answered in 0u64..100, waits in prop::collection::vec(0u64..120_000, 0..200), below in 0u64..20_000) {
        let waits: Vec<Duration> = waits.into_iter().map(Duration::from_millis).collect();
        let rule = ShortAbandons::Below(Duration::from_millis(below));
        let batch = AbandonmentTally::from_abandon_waits(rule, answered, &waits).unwrap();
        let mut recorded = AbandonmentTally::new();
        recorded.extend((0..answered).map(|_| Outcome::Answered));
        recorded.extend(waits.iter().map(|&w| Outcome::abandoned_after(w, rule)));
        prop_assert_eq!(&batch, &recorded);
        prop_assert_eq!(batch.short_abandoned().unwrap(), waits.iter().filter(|w| w.as_millis() < u128::from(below)).count() as u64);
    }

    #[test]
    fn abandonment_from_counts_is_total(o in any::<u64>(), a in any::<u64>(), s in any::<u64>()) {
        prop_assert_eq!(AbandonmentTally::from_counts(o, a, s).is_ok(), a <= o && s <= a);
    }

    #[test]
    fn fcr_laws(a in contacts(), b in contacts(), c in contacts()) {
        let t = |v: &[u32]| FcrTally::from_contact_counts(v).unwrap();
        let ab: Vec<_> = a.iter().chain(&b).copied().collect();
        merge_laws(&t(&a), &t(&b), &t(&ab), &FcrTally::new())?;
        associative(&t(&a), &t(&b), &t(&c))?;
        let recorded: FcrTally = ab.iter().map(|&n| Resolution::from_contacts(n).unwrap()).collect();
        prop_assert_eq!(&t(&ab), &recorded);
        prop_assert_eq!(&FcrTally::from_counts(recorded.first_contact().unwrap(), recorded.len().unwrap()).unwrap(), &recorded);
        if let Ok(fcr) = recorded.fcr() {
            prop_assert!((0.0..=100.0).contains(&fcr.percent()));
        }
    }

    #[test]
    fn fcr_from_counts_is_total(first in any::<u64>(), resolved in any::<u64>(), n in any::<u32>()) {
        prop_assert_eq!(FcrTally::from_counts(first, resolved).is_ok(), first <= resolved);
        prop_assert_eq!(Resolution::from_contacts(n).is_ok(), n >= 1);
    }

    #[test]
    fn aht_laws(a in handle_times(), b in handle_times(), c in handle_times()) {
        let t = |v: &[HandleTime]| AhtTally::from_contacts(v).unwrap();
        let ab: Vec<_> = a.iter().chain(&b).copied().collect();
        merge_laws(&t(&a), &t(&b), &t(&ab), &AhtTally::new())?;
        associative(&t(&a), &t(&b), &t(&c))?;
        if let Ok(aht) = t(&ab).aht() {
            let total: f64 = ab.iter().map(|h| h.total().as_secs_f64()).sum();
            prop_assert!((aht.secs() - total / ab.len() as f64).abs() < 1e-6);
            prop_assert!((aht.talk_secs() + aht.hold_secs() + aht.wrap_secs() - aht.secs()).abs() < 1e-6);
        }
    }

    #[test]
    fn handle_time_from_secs_is_total(talk in any::<f64>(), hold in -1e3f64..1e3, wrap in prop::num::f64::ANY) {
        // A Duration holds up to u64::MAX seconds (and a fraction): below 2^64.
        let ok = |v: f64| (0.0..18_446_744_073_709_551_616.0).contains(&v);
        prop_assert_eq!(HandleTime::from_secs(talk, hold, wrap).is_ok(), ok(talk) && ok(hold) && ok(wrap));
    }

    #[test]
    fn cost_laws(a in costs(), b in costs(), c in costs()) {
        let t = |v: &[Money]| v.iter().collect::<CostTally>();
        let ab: Vec<_> = a.iter().chain(&b).copied().collect();
        merge_laws(&t(&a), &t(&b), &t(&ab), &CostTally::new())?;
        associative(&t(&a), &t(&b), &t(&c))?;
        if let Ok(per) = t(&ab).cost_per_unit() {
            let total: Decimal = ab.iter().map(|m| m.get()).sum();
            prop_assert_eq!(per.get(), total / Decimal::from(ab.len() as u64));
        }
    }

    #[test]
    fn money_is_total(mantissa in any::<i64>(), scale in 0u32..10) {
        let amount = Decimal::new(mantissa, scale);
        prop_assert_eq!(Money::new(amount).is_ok(), mantissa >= 0);
        let parsed = amount.to_string().parse::<Money>();
        prop_assert_eq!(parsed.is_ok(), mantissa >= 0);
        if let Ok(m) = parsed {
            prop_assert_eq!(m.get(), amount);
        }
    }
}

fn statuses() -> impl Strategy<Value = Vec<CustomerStatus>> {
    prop::collection::vec(
        prop_oneof![
            Just(CustomerStatus::Retained),
            Just(CustomerStatus::Churned),
            Just(CustomerStatus::New)
        ],
        0..200,
    )
}

fn outcomes() -> impl Strategy<Value = Vec<Outcome>> {
    prop::collection::vec(
        prop_oneof![
            Just(Outcome::Answered),
            Just(Outcome::Abandoned),
            Just(Outcome::ShortAbandoned)
        ],
        0..200,
    )
}

fn contacts() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(1u32..6, 0..200)
}

fn handle_times() -> impl Strategy<Value = Vec<HandleTime>> {
    prop::collection::vec(
        (
            0u64..4_000_000_000_000,
            0u64..600_000_000_000,
            0u64..900_000_000_000,
        )
            .prop_map(|(talk, hold, wrap)| HandleTime {
                talk: Duration::from_nanos(talk),
                hold: Duration::from_nanos(hold),
                wrap: Duration::from_nanos(wrap),
            }),
        0..100,
    )
}

fn costs() -> impl Strategy<Value = Vec<Money>> {
    prop::collection::vec(
        (0i64..10_000_000, 0u32..4)
            .prop_map(|(m, s)| Money::new(Decimal::new(m, s)).expect("non-negative")),
        0..100,
    )
}

/// A deterministic Fisher–Yates shuffle.
fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut x = seed | 1;
    for i in (1..v.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let j = usize::try_from(x % (i as u64 + 1)).expect("fits usize");
        v.swap(i, j);
    }
}

/// Another sample of the same values: a shuffled prefix, so that two
/// samples on one scale need only one strategy.
fn reshape(v: &[u8], seed: u64) -> Vec<u8> {
    let mut out = v.to_vec();
    shuffle(&mut out, seed);
    let keep = usize::try_from(seed % (v.len() as u64 + 1)).expect("fits usize");
    out.truncate(keep);
    out
}

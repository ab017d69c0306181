//! The tally contract for the ticket and workforce tallies (deadlines,
//! reopens, survey response, reachability, messages before the first reply,
//! turnover, backlog ageing): the merge laws, merge = concatenation,
//! `from_state(state)` round trips, tampered states refused with the field
//! named, atomic `try_record`, and faults.

use core::ops::Add;
use core::time::Duration;

use cxkpi::{AgeBuckets, BacklogAgeing};
use cxkpi::{
    Attempts, Deadline, DeadlineKind, DeadlineTally, ErrorKind, Merge, MessagesBeforeReply,
    MessagesBeforeReplyTally, ReachabilityTally, ReopenTally, Reopens, SurveyOutcome,
    SurveyResponseTally, Tally, Tenure, TurnoverTally,
};
use proptest::prelude::*;

/// Records `obs` into a clone of `empty`.
fn tally<T: Tally>(empty: &T, obs: &[T::Observation]) -> T
where
    T::Observation: Clone,
{
    let mut t = empty.clone();
    for o in obs {
        t.try_record(o.clone()).expect("records");
    }
    t
}

/// Identity, commutativity, associativity, merge = concatenation, the
/// round trip of the state, and `len`.
fn laws<T>(
    empty: &T,
    a: &[T::Observation],
    b: &[T::Observation],
    c: &[T::Observation],
) -> Result<(), TestCaseError>
where
    T: Tally + Add<Output = T>,
    T::Observation: Clone,
{
    let (ta, tb, tc) = (tally(empty, a), tally(empty, b), tally(empty, c));
    let ab: Vec<_> = a.iter().chain(b).cloned().collect();
    let tab = tally(empty, &ab);
    let mut merged = ta.clone();
    merged
        .try_merge(&tb)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&merged, &tab);
    prop_assert_eq!(&(tb.clone() + ta.clone()), &tab);
    prop_assert_eq!(&(empty.clone() + ta.clone()), &ta);
    prop_assert_eq!(&(ta.clone() + empty.clone()), &ta);
    prop_assert_eq!(
        (ta.clone() + tb.clone()) + tc.clone(),
        ta.clone() + (tb.clone() + tc.clone())
    );
    prop_assert_eq!(T::from_state(tab.state().unwrap()).unwrap(), tab.clone());
    prop_assert_eq!(
        T::from_state(empty.state().unwrap()).unwrap(),
        empty.clone()
    );
    prop_assert_eq!(tab.len().unwrap(), ab.len() as u64);
    Ok(())
}

fn deadline() -> impl Strategy<Value = Deadline> + Clone {
    (1u64..10_000, 0u64..30_000, any::<bool>()).prop_map(|(target, elapsed, open)| {
        let (t, e) = (Duration::from_secs(target), Duration::from_secs(elapsed));
        if open {
            Deadline::open(t, e).unwrap()
        } else {
            Deadline::new(t, e).unwrap()
        }
    })
}

fn attempts() -> impl Strategy<Value = Attempts> + Clone {
    prop::collection::vec(any::<bool>(), 1..6).prop_map(|v| Attempts::from_outcomes(&v).unwrap())
}

fn tenure() -> impl Strategy<Value = Tenure> + Clone {
    prop::sample::select(vec![
        Tenure::Stayed,
        Tenure::Joined,
        Tenure::Left,
        Tenure::JoinedAndLeft,
    ])
}

/// Three observations sequences: a, b and c.
type Three<T> = (Vec<T>, Vec<T>, Vec<T>);

fn vecs<S: Strategy + Clone>(s: S) -> impl Strategy<Value = Three<S::Value>> {
    let v = prop::collection::vec(s, 0..40);
    (v.clone(), v.clone(), v)
}

proptest! {
    #[test]
    fn deadline_laws((a, b, c) in vecs(deadline())) {
        laws(&DeadlineTally::new(DeadlineKind::FirstResponse), &a, &b, &c)?;
        // Every deadline is met, missed or pending; lateness buckets add up.
        let t = tally(&DeadlineTally::new(DeadlineKind::Resolution), &a);
        let late: u64 = cxkpi::Lateness::ALL.iter().map(|&l| t.missed_by(l).unwrap()).sum();
        prop_assert_eq!(late, t.missed().unwrap());
        prop_assert_eq!(t.met().unwrap(), a.iter().filter(|d| d.is_met() && !d.is_open()).count() as u64);
    }

    #[test]
    fn reopen_laws((a, b, c) in vecs((0u32..5).prop_map(Reopens::new))) {
        laws(&ReopenTally::new(), &a, &b, &c)?;
        let t = tally(&ReopenTally::new(), &a);
        prop_assert_eq!(t.reopenings().unwrap(), a.iter().map(|r| u64::from(r.get())).sum::<u64>());
    }

    #[test]
    fn survey_response_laws((a, b, c) in vecs(any::<bool>().prop_map(|x| if x { SurveyOutcome::Answered } else { SurveyOutcome::Unanswered }))) {
        laws(&SurveyResponseTally::new(), &a, &b, &c)?;
    }

    #[test]
    fn reachability_laws((a, b, c) in vecs(attempts())) {
        laws(&ReachabilityTally::new(), &a, &b, &c)?;
        if !a.is_empty() {
            let t = tally(&ReachabilityTally::new(), &a);
            let within2 = a.iter().filter(|x| x.first_answered().is_some_and(|k| k <= 2)).count() as u64;
            prop_assert_eq!(t.reached_within(2).unwrap().part(), within2);
        }
    }

    #[test]
    fn messages_before_reply_laws((a, b, c) in vecs((1u32..6).prop_map(|m| MessagesBeforeReply::new(m).unwrap()))) {
        laws(&MessagesBeforeReplyTally::new(), &a, &b, &c)?;
        if !a.is_empty() {
            let t = tally(&MessagesBeforeReplyTally::new(), &a);
            let sum: u64 = a.iter().map(|m| u64::from(m.get())).sum();
            prop_assert_eq!(t.mean().unwrap(), sum as f64 / a.len() as f64);
        }
    }

    #[test]
    fn turnover_laws((a, b, c) in vecs(tenure())) {
        laws(&TurnoverTally::new(), &a, &b, &c)?;
    }

    #[test]
    fn ageing_laws((a, b, c) in vecs((0u64..60 * 86_400).prop_map(Duration::from_secs))) {
        laws(&BacklogAgeing::new(AgeBuckets::standard()), &a, &b, &c)?;
        let t = tally(&BacklogAgeing::new(AgeBuckets::standard()), &a);
        prop_assert_eq!(t.oldest().unwrap(), a.iter().max().copied());
    }
}

/// The message of `from_state`'s error, with its kind.
fn refusal<T: Tally>(state: T::State) -> (ErrorKind, String) {
    let e = T::from_state(state).unwrap_err();
    (e.kind(), e.to_string())
}

#[test]
#[allow(clippy::too_many_lines)] // one case per invariant, side by side
fn tampered_states_are_refused_naming_the_field() {
    let s = Duration::from_secs;
    let deadlines = DeadlineTally::from_deadlines(
        DeadlineKind::FirstResponse,
        &[
            Deadline::new(s(10), s(5)).unwrap(),
            Deadline::new(s(10), s(30)).unwrap(),
        ],
    )
    .unwrap();
    let mut st = deadlines.state().unwrap();
    st.late_over_100_percent = 0;
    assert_eq!(
        refusal::<DeadlineTally>(st),
        (
            ErrorKind::Inconsistent,
            "missed (1) exceeds late_up_to_10_percent + … + late_over_100_percent (0)".into()
        )
    );
    let mut st = deadlines.state().unwrap();
    st.missed_open = 2;
    assert_eq!(
        refusal::<DeadlineTally>(st).1,
        "missed_open (2) exceeds missed (1)"
    );
    let mut st = deadlines.state().unwrap();
    st.pending = u64::MAX;
    assert_eq!(
        refusal::<DeadlineTally>(st),
        (
            ErrorKind::Overflow,
            "met + missed + pending overflows u64".into()
        )
    );

    let st = cxkpi::ReopenState {
        resolved: 3,
        reopened: 0,
        reopenings: 2,
    };
    assert_eq!(refusal::<ReopenTally>(st).0, ErrorKind::Inconsistent);
    assert!(
        refusal::<ReopenTally>(st)
            .1
            .starts_with("reopenings (2) exceeds reopened")
    );
    let st = cxkpi::ReopenState {
        resolved: 3,
        reopened: 4,
        reopenings: 4,
    };
    assert_eq!(
        refusal::<ReopenTally>(st).1,
        "reopened (4) exceeds resolved (3)"
    );

    let st = cxkpi::SurveyResponseState {
        sent: 3,
        answered: 4,
    };
    assert_eq!(
        refusal::<SurveyResponseTally>(st).1,
        "answered (4) exceeds sent (3)"
    );

    let reach: ReachabilityTally = [Attempts::reached_on(3).unwrap()].into_iter().collect();
    let mut st = reach.state().unwrap();
    st.attempts = 2; // reached on attempt 3 needs 3 attempts
    assert_eq!(refusal::<ReachabilityTally>(st).0, ErrorKind::Inconsistent);
    let mut st = reach.state().unwrap();
    st.reached_on_attempt = vec![(0, 1)];
    assert_eq!(
        refusal::<ReachabilityTally>(st).1,
        "reached_on_attempt 0 is out of range: it must be at least 1"
    );
    let mut st = reach.state().unwrap();
    st.reached_on_attempt = vec![(3, 1), (3, 1)];
    assert_eq!(
        refusal::<ReachabilityTally>(st).1,
        "reached_on_attempt 3 is out of range: it must be at least 4"
    );

    let st = cxkpi::MessagesBeforeReplyState {
        conversations_by_messages: vec![(1, 0)],
    };
    assert_eq!(
        refusal::<MessagesBeforeReplyTally>(st).1,
        "conversations_by_messages 0 is out of range: it must be at least 1"
    );

    let st = cxkpi::TurnoverState {
        headcount_at_start: 10,
        headcount_at_end: 5,
        leavers: 2,
    };
    assert_eq!(
        refusal::<TurnoverTally>(st).1,
        "headcount_at_start (10) exceeds headcount_at_end + leavers (7)"
    );

    let mut ageing = BacklogAgeing::new(AgeBuckets::standard());
    ageing.try_record(s(4 * 86_400)).unwrap();
    let mut st = ageing.state().unwrap();
    st.oldest_ns = Some(40 * 86_400 * 1_000_000_000);
    assert_eq!(refusal::<BacklogAgeing>(st).0, ErrorKind::OutOfRange);
    let mut st = ageing.state().unwrap();
    st.counts.pop();
    assert_eq!(refusal::<BacklogAgeing>(st).0, ErrorKind::Inconsistent);
    let mut st = ageing.state().unwrap();
    st.upper_days = vec![5, 2, 10, 30];
    assert_eq!(
        refusal::<BacklogAgeing>(st).1,
        "age bucket bound (days) 2 is invalid: it must be more than 5"
    );
    let mut st = ageing.state().unwrap();
    st.oldest_ns = None;
    assert_eq!(refusal::<BacklogAgeing>(st).0, ErrorKind::InvalidParameter);
}

#[test]
fn try_record_is_atomic_and_record_keeps_the_fault() {
    let mut full = ReopenTally::from_counts(u64::MAX, 1, 1).unwrap();
    let before = full.clone();
    assert_eq!(
        full.try_record(Reopens::new(1)).unwrap_err().kind(),
        ErrorKind::Overflow
    );
    assert_eq!(full, before);
    full.record(Reopens::NONE);
    assert_eq!(full.len().unwrap_err().kind(), ErrorKind::Overflow);
    assert_eq!(full.state().unwrap_err().kind(), ErrorKind::Overflow);
    assert_eq!(full.reopen_rate().unwrap_err().kind(), ErrorKind::Overflow);
    assert!(full.fault().is_some());

    let mut st = cxkpi::DeadlineState::new(DeadlineKind::NextReply);
    st.met = u64::MAX;
    let mut t = DeadlineTally::from_state(st).unwrap();
    let before = t.clone();
    let d = Deadline::new(Duration::from_secs(1), Duration::from_secs(9)).unwrap();
    assert_eq!(t.try_record(d).unwrap_err().kind(), ErrorKind::Overflow);
    assert_eq!(t, before);

    let mut turnover = TurnoverTally::from_counts(0, u64::MAX, 0).unwrap();
    assert_eq!(
        turnover
            .try_record(Tenure::JoinedAndLeft)
            .unwrap_err()
            .kind(),
        ErrorKind::Overflow
    );
    assert_eq!(turnover.state().unwrap().leavers, 0);
}

#[test]
fn tallies_with_different_parameters_refuse_to_merge() {
    let mut first = DeadlineTally::new(DeadlineKind::FirstResponse);
    let resolution = DeadlineTally::new(DeadlineKind::Resolution);
    let err = first.try_merge(&resolution).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot merge tallies with different deadline kinds (0 first response, 1 next reply, 2 resolution): 0 and 2"
    );
    let sum = first.clone() + resolution;
    assert_eq!(sum.met().unwrap_err().kind(), ErrorKind::InvalidParameter);

    let mut standard = BacklogAgeing::new(AgeBuckets::standard());
    let business = BacklogAgeing::new(
        AgeBuckets::standard()
            .with_day(Duration::from_secs(9 * 3600))
            .unwrap(),
    );
    assert_eq!(
        standard.try_merge(&business).unwrap_err().kind(),
        ErrorKind::InvalidParameter
    );
}

#[test]
fn reachability_reproduces_the_audit_of_three_attempts() {
    // 100 sites called morning, noon and evening: 12 answer the first call,
    // 6 the second, 4 the third, 78 never: 22 % reached within 3 attempts,
    // as our source documents report.
    let mut audit = ReachabilityTally::new();
    for (n, attempts) in [
        (12, Attempts::reached_on(1).unwrap()),
        (6, Attempts::reached_on(2).unwrap()),
        (4, Attempts::reached_on(3).unwrap()),
        (78, Attempts::unreached(3).unwrap()),
    ] {
        for _ in 0..n {
            audit.try_record(attempts).unwrap();
        }
    }
    assert_eq!(
        audit.reached_within(3).unwrap().to_string(),
        "22.0% (n = 100)"
    );
    assert_eq!(audit.reached_within(1).unwrap().percent(), 12.0);
    // 12 + 2·6 + 3·4 + 3·78 = 270 attempts, 22 answered.
    assert_eq!(audit.attempts().unwrap(), 270);
    assert_eq!(audit.attempts_answered().unwrap().part(), 22);
}

#[cfg(feature = "serde")]
mod wire {
    use super::*;

    fn round_trip<T>(t: &T) -> String
    where
        T: Tally + serde::Serialize + serde::de::DeserializeOwned,
        T::State: serde::Serialize,
    {
        let json = serde_json::to_string(t).unwrap();
        assert_eq!(json, serde_json::to_string(&t.state().unwrap()).unwrap());
        assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), t);
        json
    }

    #[test]
    fn the_wire_format_is_the_state_with_counts_as_decimal_strings() {
        let secs = Duration::from_secs;
        let d = DeadlineTally::from_deadlines(
            DeadlineKind::FirstResponse,
            &[
                Deadline::new(secs(10), secs(5)).unwrap(),
                Deadline::open(secs(10), secs(30)).unwrap(),
            ],
        )
        .unwrap();
        assert_eq!(
            round_trip(&d),
            r#"{"kind":"first_response","met":"1","missed":"1","missed_open":"1","pending":"0","late_up_to_10_percent":"0","late_up_to_50_percent":"0","late_up_to_100_percent":"0","late_over_100_percent":"1"}"#
        );
        assert_eq!(
            round_trip(&ReopenTally::from_counts(10, 2, 3).unwrap()),
            r#"{"resolved":"10","reopened":"2","reopenings":"3"}"#
        );
        assert_eq!(
            round_trip(&SurveyResponseTally::from_counts(u64::MAX, 7).unwrap()),
            r#"{"sent":"18446744073709551615","answered":"7"}"#
        );
        let reach: ReachabilityTally = [Attempts::reached_on(2).unwrap()].into_iter().collect();
        assert_eq!(
            round_trip(&reach),
            r#"{"targets":"1","attempts":"2","answered_attempts":"1","reached_on_attempt":[[2,"1"]]}"#
        );
        let messages = MessagesBeforeReplyTally::from_messages(&[1, 1, 3]).unwrap();
        assert_eq!(
            round_trip(&messages),
            r#"{"conversations_by_messages":[[1,"2"],[3,"1"]]}"#
        );
        assert_eq!(
            round_trip(&TurnoverTally::from_counts(4, 5, 1).unwrap()),
            r#"{"headcount_at_start":"4","headcount_at_end":"5","leavers":"1"}"#
        );
        let mut ageing = BacklogAgeing::new(AgeBuckets::days(&[2]).unwrap());
        ageing.try_record(secs(3600)).unwrap();
        assert_eq!(
            round_trip(&ageing),
            r#"{"day_s":86400,"upper_days":[2],"counts":["1","0"],"oldest_ns":"3600000000000"}"#
        );
        assert_eq!(
            round_trip(&BacklogAgeing::new(AgeBuckets::days(&[2]).unwrap())),
            r#"{"day_s":86400,"upper_days":[2],"counts":["0","0"],"oldest_ns":null}"#
        );
    }

    #[test]
    fn readers_accept_numbers_and_refuse_what_from_state_refuses() {
        let t: ReopenTally =
            serde_json::from_str(r#"{"resolved":10,"reopened":"2","reopenings":3}"#).unwrap();
        assert_eq!(t, ReopenTally::from_counts(10, 2, 3).unwrap());
        let err = serde_json::from_str::<ReopenTally>(
            r#"{"resolved":"1","reopened":"2","reopenings":"2"}"#,
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "reopened (2) exceeds resolved (1)");
        assert!(
            serde_json::from_str::<ReopenTally>(
                r#"{"resolved":"+1","reopened":"0","reopenings":"0"}"#
            )
            .is_err()
        );
        assert!(
            serde_json::from_str::<ReopenTally>(
                r#"{"resolved":-1,"reopened":"0","reopenings":"0"}"#
            )
            .is_err()
        );
        assert!(
            serde_json::from_str::<SurveyResponseTally>(r#"{"sent":"1","answered":"0","extra":1}"#)
                .is_err()
        );
        let faulted = ReopenTally::from_counts(u64::MAX, 0, 0).unwrap()
            + ReopenTally::from_counts(1, 0, 0).unwrap();
        assert!(serde_json::to_string(&faulted).is_err());
    }
}

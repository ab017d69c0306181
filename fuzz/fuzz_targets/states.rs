//! `from_state` of every tally on arbitrary states (the counting tallies,
//! those of tickets and agents, backlogs and breakdowns): a state is
//! refused, or it builds a tally whose state is the one given and whose
//! every getter is consistent with its counts (a KPI in its range, or
//! `empty` when there is nothing to report).
#![no_main]

use core::time::Duration;

use cxkpi::{
    AbandonTreatment, AbandonmentState, AbandonmentTally, AhtState, AhtTally, CesState, CesTally,
    CsatRule, CsatState, CsatTally, ErrorKind, FcrState, FcrTally, HourlyVolume, HourlyVolumeState,
    Merge, NpsState, NpsTally, Rate, RetentionState, RetentionTally, Scale, ServiceLevelState,
    ServiceLevelTally, ShortAbandons, Tally, WaitState, WaitTally,
};
use cxkpi::{AgeBuckets, AgentState, AgentTime, BacklogAgeing, EscalationState, EscalationTally};
use cxkpi::{
    Backlog, BacklogState, Breakdown, BreakdownState, DeadlineKind, DeadlineTally, Lateness,
    MessagesBeforeReplyState, MessagesBeforeReplyTally, ReachabilityTally, ReopenState,
    ReopenTally, SurveyResponseState, SurveyResponseTally, TurnoverState, TurnoverTally,
};
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

/// [`accepted`], for a tally whose state lists values in any order and
/// writes them sorted: the state written rebuilds the same tally and is
/// written again unchanged.
fn accepted_in_any_order<T: Tally>(state: T::State) -> Option<T>
where
    T::State: Clone + PartialEq + core::fmt::Debug,
{
    let tally = T::from_state(state).ok()?;
    let written = tally.state().expect("an accepted state has a state");
    let again = T::from_state(written.clone()).expect("a written state is accepted");
    assert_eq!(again, tally);
    accepted::<T>(written)
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

/// A ratio getter: finite and not negative, or empty.
fn ratio(r: Result<f64, cxkpi::Error>) {
    match r {
        Ok(x) => assert!(x.is_finite() && x >= 0.0, "{x}"),
        Err(e) => assert_eq!(e.kind(), ErrorKind::Empty, "{e}"),
    }
}

/// The tallies of #16: tickets, surveys, reachability, replies, turnover,
/// ageing and agent time.
fn ticket_tallies(w: &mut Words<'_>) {
    let mut deadline = DeadlineTally::new(DeadlineKind::ALL[usize::from(w.u8() % 3)])
        .state()
        .expect("an empty state");
    deadline.met = w.u64();
    deadline.missed = w.u64();
    deadline.missed_open = w.u64();
    deadline.pending = w.u64();
    if let Some(t) = accepted::<DeadlineTally>(deadline) {
        rate(t.share_met());
        rate(t.breach_rate());
        let by_lateness: Option<u64> = Lateness::ALL.iter().try_fold(0_u64, |acc, &l| {
            acc.checked_add(t.missed_by(l).expect("a count"))
        });
        assert!(by_lateness.is_some_and(|n| n <= t.missed().expect("missed")));
    }
    let reopen = ReopenState {
        resolved: w.u64(),
        reopened: w.u64(),
        reopenings: w.u64(),
    };
    if let Some(t) = accepted::<ReopenTally>(reopen) {
        rate(t.reopen_rate());
        ratio(t.reopenings_per_resolved());
    }
    let response = SurveyResponseState {
        sent: w.u64(),
        answered: w.u64(),
    };
    if let Some(t) = accepted::<SurveyResponseTally>(response) {
        rate(t.response_rate());
    }
    let mut reach = ReachabilityTally::new().state().expect("an empty state");
    reach.targets = w.u64();
    reach.attempts = w.u64();
    reach.answered_attempts = w.u64();
    reach.reached_on_attempt = (0..w.u8() % 4).map(|_| (w.u8().into(), w.u64())).collect();
    if let Some(t) = accepted_in_any_order::<ReachabilityTally>(reach) {
        rate(t.reached());
        rate(t.attempts_answered());
        rate(t.reached_within(u32::from(w.u8())));
        ratio(t.attempts_per_target());
    }
    let replies = MessagesBeforeReplyState {
        conversations_by_messages: (0..w.u8() % 4).map(|_| (w.u8().into(), w.u64())).collect(),
    };
    if let Some(t) = accepted_in_any_order::<MessagesBeforeReplyTally>(replies) {
        ratio(t.mean());
        rate(t.share_at_most(u32::from(w.u8())));
        if let Ok(d) = t.distribution() {
            assert!(d.iter().all(|(_, r)| (0.0..=100.0).contains(&r.percent())));
        }
    }
    let turnover = TurnoverState {
        headcount_at_start: w.u64(),
        headcount_at_end: w.u64(),
        leavers: w.u64(),
    };
    if let Some(t) = accepted::<TurnoverTally>(turnover) {
        if let Ok(t) = t.turnover() {
            assert!(t.percent().is_finite() && t.percent() >= 0.0);
        }
    }
    let mut ageing = BacklogAgeing::new(AgeBuckets::standard())
        .state()
        .expect("an empty state");
    if w.u8() % 2 == 0 {
        ageing.day_s = u32::from(w.u8()) * 3600;
        ageing.upper_days = (0..w.u8() % 4).map(|_| u32::from(w.u8())).collect();
    }
    ageing.counts = (0..w.u8() % 7).map(|_| w.u64()).collect();
    ageing.oldest_ns = (w.u8() % 2 == 0).then(|| w.u64());
    if let Some(t) = accepted::<BacklogAgeing>(ageing) {
        let counts = t.counts().expect("counts");
        assert_eq!(counts.iter().sum::<u64>(), t.len().expect("a count"));
        let oldest = t.oldest().expect("an oldest");
        assert_eq!(oldest.is_some(), t.len().expect("a count") > 0);
        if let Some(age) = oldest {
            // The oldest item sits in the last bucket that holds any.
            let last = counts.iter().rposition(|&n| n > 0);
            assert_eq!(Some(t.buckets().bucket(age)), last);
        }
    }
    let mut agent = AgentTime::new().state().expect("an empty state");
    agent.spans = w.u64();
    agent.handling_ns = w.u128();
    agent.available_ns = w.u128();
    agent.away_ns = w.u128();
    agent.logged_out_ns = w.u128();
    if let Some(t) = accepted::<AgentTime>(agent) {
        for share in [t.occupancy(), t.utilisation()] {
            if let Ok(share) = share {
                assert!((0.0..=1.0).contains(&share.ratio()), "{}", share.ratio());
            }
        }
        for state in AgentState::ALL {
            assert!(t.time(state).is_ok());
        }
    }
}

/// A backlog at an arbitrary instant, with ages and dates either made from
/// each other (then perturbed or not) or arbitrary.
fn backlogs(w: &mut Words<'_>) {
    const HOUR_NS: u64 = 3_600_000_000_000;
    let secs = i64::from_le_bytes(w.u64().to_le_bytes()) % 400_000_000_000;
    let Some(at) = chrono::DateTime::from_timestamp(secs, 0) else {
        return;
    };
    let ages_ns: Vec<u64> = (0..w.u8() % 6)
        .map(|_| match w.u8() % 3 {
            0 => w.u64(),
            _ => (w.u64() % 500) * HOUR_NS + w.u64() % HOUR_NS,
        })
        .collect();
    let by_opened_date = if w.u8() % 4 == 0 {
        (0..w.u8() % 4)
            .filter_map(|_| {
                let days = chrono::TimeDelta::try_days(i64::from(w.u8()))?;
                Some(((at - days).date_naive(), w.u64() % 4))
            })
            .collect()
    } else {
        let mut dates = std::collections::BTreeMap::new();
        for &ns in &ages_ns {
            let opened = chrono::TimeDelta::from_std(Duration::from_nanos(ns))
                .ok()
                .and_then(|age| at.checked_sub_signed(age));
            if let Some(opened) = opened {
                *dates.entry(opened.date_naive()).or_insert(0_u64) += 1;
            }
        }
        let mut dates: Vec<_> = dates.into_iter().collect();
        if let Some(first) = dates.first_mut() {
            first.1 += u64::from(w.u8() % 2);
        }
        dates
    };
    let state = BacklogState {
        at,
        ages_ns,
        by_opened_date,
    };
    if let Some(t) = accepted_in_any_order::<Backlog<chrono::Utc>>(state) {
        let open = t.open().expect("open");
        let by_date: Vec<_> = t.by_opened_date().expect("dates").collect();
        assert_eq!(by_date.iter().map(|&(_, n)| n).sum::<u64>(), open);
        assert!(by_date.iter().all(|&(d, n)| n > 0 && d <= at.date_naive()));
        match t.ages().expect("ages").summary() {
            Ok(s) => {
                assert_eq!(s.count(), open);
                let oldest = at - chrono::TimeDelta::from_std(s.max()).expect("an age that opened");
                assert_eq!(Some(oldest.date_naive()), by_date.first().map(|&(d, _)| d));
            }
            Err(e) => assert!(open == 0 && e.kind() == ErrorKind::Empty, "{e}"),
        }
    }
}

/// A CSAT breakdown whose groups may repeat keys, break their states or
/// carry another rule than the template's.
fn breakdowns(w: &mut Words<'_>) {
    let rule = |w: &mut Words<'_>| {
        let scale = Scale::new(1 + w.u8() % 3, 5 + w.u8() % 3).ok()?;
        CsatRule::new(scale, w.u8() % 8).ok()
    };
    let Some(template) = rule(w) else {
        return;
    };
    let groups = (0..w.u8() % 5)
        .map(|_| {
            let group_rule = if w.u8() % 4 == 0 {
                rule(w).unwrap_or(template)
            } else {
                template
            };
            (
                w.u8() % 4,
                CsatState {
                    rule: group_rule,
                    satisfied: w.u64(),
                    responses: w.u64(),
                },
            )
        })
        .collect();
    let empty = u64::from(w.u8() % 8 != 0);
    let state = BreakdownState {
        template: CsatState {
            rule: template,
            satisfied: 0,
            responses: 1 - empty,
        },
        groups,
    };
    // Written in key order: compare with the state sorted.
    let mut sorted = state.clone();
    sorted.groups.sort_by_key(|g| g.0);
    let Ok(t) = Breakdown::<u8, CsatTally>::from_state(state) else {
        return;
    };
    assert_eq!(t.state().expect("an accepted state has a state"), sorted);
    let n = t.len().expect("a count");
    assert_eq!(n, sorted.groups.iter().map(|g| g.1.responses).sum::<u64>());
    for (_, group) in &t {
        assert_eq!(group.rule(), template);
        rate(group.csat());
    }
    match t.total() {
        Ok(total) => {
            assert_eq!(total.len().expect("a count"), n);
            rate(total.csat());
        }
        Err(e) => panic!("groups within u64 merge: {e}"),
    }
    let mut twice = t.clone();
    match twice.try_merge(&t) {
        // Each group fits u64, their sum may not (documented): `len` is
        // then an overflow, never a wrapped count.
        Ok(()) => match twice.len() {
            Ok(m) => assert_eq!(Some(m), n.checked_mul(2)),
            Err(e) => assert!(
                e.kind() == ErrorKind::Overflow && n.checked_mul(2).is_none(),
                "{e}"
            ),
        },
        Err(e) => assert_eq!(e.kind(), ErrorKind::Overflow),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut w = Words(data);
    ticket_tallies(&mut w);
    backlogs(&mut w);
    breakdowns(&mut w);
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

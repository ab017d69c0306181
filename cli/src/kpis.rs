//! The KPIs of a set of calls, as one tally composed of cxkpi's tallies (a
//! tuple of tallies is a tally), so that the same type serves the overall
//! figures and every group of a `Breakdown`, merges in one `try_merge` and
//! has a state that travels. This composite is the one place that knows the
//! tallies' getters.

use std::time::Duration;

use cxkpi::stats::{Confidence, RateMethod};
use cxkpi::time::Quantile;
use cxkpi::{
    AbandonTreatment, AbandonmentTally, AhtTally, CesTally, CsatRule, CsatTally, Error, HandleTime,
    HourOfDay, HourlyVolume, Merge, Outcome, Rate, Scale, ServiceLevelCounts, ServiceLevelTally,
    ShortAbandons, Tally, WaitTally, Waited,
};

use crate::calls::{Call, Ending};
use crate::durations::DurationCounts;
use crate::figure::{Amount, Figure};
use crate::share::Share;

/// The report's default rule: abandons strictly below 5 s are short (the
/// industry's usual 5 s, as the report has always counted them).
pub const SHORT_ABANDONS: ShortAbandons = ShortAbandons::below(Duration::from_secs(5));
/// How the report names a short-abandon rule: its JSON key (the field of
/// the core's `ServiceLevelState`), its words and its threshold; `None`
/// when no abandon is short.
pub fn short_abandon_rule(rule: ShortAbandons) -> Option<(&'static str, &'static str, Duration)> {
    match rule {
        ShortAbandons::Below(t) => Some(("short_abandon_below_s", "below", t)),
        ShortAbandons::AtMost(t) => Some(("short_abandon_at_most_s", "at most", t)),
        ShortAbandons::None => None,
    }
}

/// The service-level thresholds reported, in seconds.
pub const THRESHOLDS: [u64; 2] = [20, 60];

/// The callers: every caller (answered or abandoned anywhere), those offered
/// to the agent queue (or served directly), and those who waited in it.
type Callers = (AbandonmentTally, AbandonmentTally, AbandonmentTally);
/// The queue waits: answered and abandoned waits, their distributions, the
/// service level at each of [`THRESHOLDS`], and which queue abandons have
/// no recorded wait (PwC).
type Waits = (
    WaitTally,
    DurationCounts,
    DurationCounts,
    ServiceLevelTally,
    ServiceLevelTally,
    Share,
);
/// The handled calls: AHT, which of them record hold and wrap-up, and the
/// distribution of handle times.
type Handling = (AhtTally, Share, Share, DurationCounts);
/// What the handled calls achieved: resolution, CSAT and the mean rating.
type Results = (Share, CsatTally, CesTally);

/// Every tally of a set of calls, as one composite tally.
pub type CallTallies = (Callers, Waits, Handling, HourlyVolume, Results);

/// Every KPI the call logs support, for one set of calls: a tally whose
/// observation is a call and whose state is that of its [`CallTallies`].
#[derive(Clone, Debug, PartialEq)]
pub struct CallKpis(CallTallies);

impl Default for CallKpis {
    /// Short abandons as the report's default, [`SHORT_ABANDONS`].
    fn default() -> CallKpis {
        CallKpis::new(SHORT_ABANDONS)
    }
}

/// A rate as a percentage figure with its denominator.
fn pct(path: String, rate: Option<Rate>) -> Figure {
    Figure::new(
        path,
        "%",
        rate.map_or(Amount::Missing, |r| Amount::Real(r.percent())),
        rate.map(Rate::whole),
    )
}

/// A rate with its 95 % Wilson interval.
fn pct_ci(path: String, rate: Option<Rate>) -> Figure {
    let mut figure = pct(path, rate);
    figure.ci = rate.map(|r| {
        let ci = r.interval(Confidence::NINETY_FIVE, RateMethod::Wilson);
        (ci.low(), ci.high())
    });
    figure
}

/// Seconds, resting on `n` observations (none from a faulted tally).
fn secs(path: &str, value: Option<f64>, n: impl Into<Count>) -> Figure {
    Figure::new(
        path,
        "s",
        value.map_or(Amount::Missing, Amount::Real),
        n.into().0,
    )
}

/// A count of calls; a faulted tally has none to give.
fn calls(path: &str, n: impl Into<Count>) -> Figure {
    let amount = n.into().0.map_or(Amount::Missing, Amount::Count);
    Figure::new(path, "calls", amount, None)
}

/// A count as the report prints it: a tally's count, or `None` when the
/// tally is faulted (it reports no number).
struct Count(Option<u64>);

impl From<u64> for Count {
    fn from(n: u64) -> Count {
        Count(Some(n))
    }
}

impl From<Option<u64>> for Count {
    fn from(n: Option<u64>) -> Count {
        Count(n)
    }
}

impl From<Result<u64, Error>> for Count {
    fn from(n: Result<u64, Error>) -> Count {
        Count(n.ok())
    }
}

/// The usual statistics of a set of durations.
fn stats(path: &str, d: &DurationCounts, out: &mut Vec<Figure>) {
    let n = d.len().ok();
    out.push(calls(&format!("{path}.count"), n));
    out.push(secs(&format!("{path}.mean"), d.mean_secs(), n));
    for (name, q) in [
        ("median", Quantile::MEDIAN),
        ("p90", Quantile::P90),
        ("p95", Quantile::P95),
    ] {
        out.push(secs(&format!("{path}.{name}"), d.quantile_secs(q), n));
    }
    out.push(secs(&format!("{path}.max"), d.max_secs(), n));
}

impl CallKpis {
    /// No calls yet; `short` says which abandons are short.
    pub fn new(short: ShortAbandons) -> CallKpis {
        let [sl_20, sl_60] =
            THRESHOLDS.map(|t| ServiceLevelTally::new(Duration::from_secs(t), short));
        CallKpis((
            (
                AbandonmentTally::new(),
                AbandonmentTally::new(),
                AbandonmentTally::new(),
            ),
            (
                WaitTally::new(),
                DurationCounts::default(),
                DurationCounts::default(),
                sl_20,
                sl_60,
                Share::new(),
            ),
            (
                AhtTally::new(),
                Share::new(),
                Share::new(),
                DurationCounts::default(),
            ),
            HourlyVolume::new(),
            (
                Share::new(),
                CsatTally::new(CsatRule::TOP_2_BOX_5),
                CesTally::new(Scale::ONE_TO_FIVE),
            ),
        ))
    }

    /// Which abandons are short.
    pub fn short_abandons(&self) -> ShortAbandons {
        self.0.1.3.short_abandons()
    }

    /// Adds one call to every tally it concerns; a tally's failure (an
    /// overflowing count) becomes that tally's fault, as in
    /// [`Tally::record`], without the copy that keeps
    /// [`Tally::try_record`] atomic.
    pub fn observe(&mut self, call: &Call) {
        let short = self.short_abandons();
        let (
            (all, queue_offered, queued),
            (waits, answer_waits, abandon_waits, sl_20, sl_60, without_wait),
            (aht, with_hold, with_wrap, handle),
            hours,
            (resolution, csat, rating),
        ) = &mut self.0;
        let answered = call.ending == Ending::Answered;
        let outcome = match (answered, call.wait) {
            (true, _) => Outcome::Answered,
            (false, Some(wait)) => Outcome::abandoned_after(wait, short),
            (false, None) => Outcome::Abandoned,
        };
        // Short abandons are only a queue notion: across all callers every
        // abandon counts.
        all.record(if answered {
            Outcome::Answered
        } else {
            Outcome::Abandoned
        });
        if call.reached_queue {
            queue_offered.record(outcome);
            if !answered {
                without_wait.record(call.wait.is_none());
            }
        }
        if call.queued {
            queued.record(outcome);
        }
        let waited = match (call.ending, call.wait) {
            (Ending::Answered, Some(wait)) => {
                answer_waits.record(wait);
                Some(Waited::Answered(wait))
            }
            (Ending::Abandoned, Some(wait)) => {
                abandon_waits.record(wait);
                Some(Waited::Abandoned(wait))
            }
            // Unknown waits, and VRU hang-ups, have no queue wait.
            _ => None,
        };
        if let Some(waited) = waited {
            waits.record(waited);
            sl_20.record(waited);
            sl_60.record(waited);
        }
        if let (Ending::Answered, Some(h)) = (call.ending, call.handle) {
            let contact = HandleTime {
                talk: h.talk,
                hold: h.hold.unwrap_or_default(),
                wrap: h.wrap.unwrap_or_default(),
            };
            aht.record(contact);
            with_hold.record(h.hold.is_some());
            with_wrap.record(h.wrap.is_some());
            handle.record(contact.total());
        }
        if let Ok(hour) = HourOfDay::new(call.arrival.hour) {
            hours.record(hour);
        }
        // Resolution is a property of handled calls: an abandoned call was
        // never worked on, so it is left out rather than counted unresolved.
        if let (Ending::Answered, Some(resolved)) = (call.ending, call.resolved) {
            resolution.record(resolved);
        }
        if let Some(score) = call.rating.and_then(|r| Scale::ONE_TO_FIVE.score(r).ok()) {
            csat.record(score);
            rating.record(score);
        }
    }

    /// Contacts by hour of day.
    pub fn hours(&self) -> &HourlyVolume {
        &self.0.3
    }

    /// Calls offered (every caller); none from a faulted tally.
    pub fn offered(&self) -> Option<u64> {
        self.0.0.0.offered().ok()
    }

    /// The waits of answered calls.
    pub fn answer_waits(&self) -> &DurationCounts {
        &self.0.1.1
    }

    /// The mean handle time (talk, hold and wrap-up), `None` without handled calls.
    pub fn aht(&self) -> Option<Duration> {
        self.0.2.0.aht().ok().map(|a| a.mean())
    }

    /// The service level at threshold index `at` (of [`THRESHOLDS`]) under
    /// `treatment`; abandons without a recorded wait count against it, or
    /// make the treatments that need their wait unavailable (`None`).
    fn service_level(&self, at: usize, treatment: AbandonTreatment) -> Option<Rate> {
        let (_, _, _, sl_20, sl_60, without_wait) = &self.0.1;
        let counts = [sl_20, sl_60][at].counts().ok()?;
        let without_wait = without_wait.yes().ok()?;
        if without_wait == 0 {
            return counts.service_level(treatment).ok();
        }
        match treatment {
            AbandonTreatment::CountAgainst | AbandonTreatment::Ignore => {
                ServiceLevelCounts::from_counts(
                    counts.answered(),
                    counts.answered_within(),
                    counts.abandoned().checked_add(without_wait)?,
                    0,
                    None,
                )
                .and_then(|c| c.service_level(treatment))
                .ok()
            }
            _ => None,
        }
    }

    /// Every figure, in the order of the report.
    pub fn figures(&self) -> Vec<Figure> {
        let ok = |r: Result<Rate, Error>| r.ok();
        let (
            (all, queue_offered, queued),
            (waits, answer_waits, abandon_waits, _, _, without_wait),
            (aht_tally, with_hold, with_wrap, handle),
            _,
            (resolution, csat, rating),
        ) = &self.0;
        // Every caller who did not reach the queue hung up before it.
        let before_queue = all
            .offered()
            .ok()
            .zip(queue_offered.offered().ok())
            .and_then(|(all, queue)| all.checked_sub(queue));
        let mut out = vec![
            calls("calls.offered", all.offered()),
            calls("calls.answered", all.answered()),
            calls("calls.abandoned", all.abandoned()),
            calls("calls.abandoned_before_queue", before_queue),
            calls("calls.queue_offered", queue_offered.offered()),
            calls("calls.queued", queued.offered()),
            calls("calls.short_abandoned", queue_offered.short_abandoned()),
            pct_ci("abandonment_pct.all_callers".into(), ok(all.abandonment())),
            pct_ci(
                "abandonment_pct.queue_offered".into(),
                ok(queue_offered.abandonment_including_short()),
            ),
            pct_ci(
                "abandonment_pct.queued".into(),
                ok(queued.abandonment_including_short()),
            ),
            pct_ci(
                "abandonment_pct.queue_offered_without_short".into(),
                ok(queue_offered.abandonment()),
            ),
            pct(
                "answered_pct".into(),
                ok(all.abandonment().map(Rate::complement)),
            ),
            secs(
                "asa_s",
                waits.asa().ok().map(|m| m.secs()),
                waits.answered(),
            ),
            secs(
                "average_wait_s",
                (without_wait.yes().ok() == Some(0))
                    .then(|| waits.average_wait().ok().map(|m| m.secs()))
                    .flatten(),
                waits.len(),
            ),
        ];
        stats("answer_wait_s", answer_waits, &mut out);
        for (at, t) in THRESHOLDS.iter().enumerate() {
            for treatment in AbandonTreatment::ALL {
                let path = format!("service_level_pct.{t}s.{}", treatment.as_str());
                out.push(pct_ci(path, self.service_level(at, treatment)));
            }
        }
        let aht = aht_tally.aht().ok();
        let handled = Count::from(aht_tally.len()).0;
        let recorded = |share: &Share| share.yes().is_ok_and(|n| n > 0);
        out.push(secs("aht_s", aht.map(|a| a.secs()), handled));
        out.push(secs("aht_talk_s", aht.map(|a| a.talk_secs()), handled));
        out.push(secs(
            "aht_hold_s",
            aht.filter(|_| recorded(with_hold)).map(|a| a.hold_secs()),
            handled,
        ));
        out.push(secs(
            "aht_wrap_s",
            aht.filter(|_| recorded(with_wrap)).map(|a| a.wrap_secs()),
            handled,
        ));
        stats("handle_s", handle, &mut out);
        stats("time_to_abandon_s", abandon_waits, &mut out);
        out.push(pct_ci("resolution_pct".into(), resolution.rate().ok()));
        out.push(pct_ci("csat_pct".into(), ok(csat.csat())));
        let mean = rating.ces().ok().map(|c| c.mean());
        out.push(Figure::new(
            "mean_rating",
            "rating 1-5",
            mean.map_or(Amount::Missing, Amount::Real),
            rating.len().ok(),
        ));
        out
    }
}

impl Merge for CallKpis {
    fn try_merge(&mut self, other: &CallKpis) -> Result<(), Error> {
        self.0.try_merge(&other.0)
    }
}

impl Tally for CallKpis {
    type Observation = Call;
    type State = <CallTallies as Tally>::State;

    /// Adds one call; atomic, at the cost of one copy of the tallies (the
    /// report itself records through [`CallKpis::observe`]).
    fn try_record(&mut self, call: Call) -> Result<(), Error> {
        if let Some(fault) = self.fault() {
            return Err(fault.clone());
        }
        let mut staged = self.clone();
        staged.observe(&call);
        if let Some(fault) = staged.fault() {
            return Err(fault.clone());
        }
        *self = staged;
        Ok(())
    }

    /// The calls recorded: every caller counts in the first tally.
    fn len(&self) -> Result<u64, Error> {
        self.0.len()
    }

    fn state(&self) -> Result<Self::State, Error> {
        self.0.state()
    }

    /// Rebuilds the tallies from their states, checking each, and that the
    /// service levels are those of [`THRESHOLDS`] under one short-abandon
    /// rule (the figures are named after them).
    fn from_state(state: Self::State) -> Result<CallKpis, Error> {
        let tallies = CallTallies::from_state(state)?;
        let (_, _, _, sl_20, sl_60, _) = &tallies.1;
        for (sl, t) in [sl_20, sl_60].into_iter().zip(THRESHOLDS) {
            if sl.threshold() != Duration::from_secs(t) {
                return Err(Error::mismatch(
                    "service-level threshold (s)",
                    sl.threshold().as_secs_f64(),
                    t,
                ));
            }
        }
        if sl_20.short_abandons() != sl_60.short_abandons() {
            return Err(Error::malformed(
                "short_abandons",
                "one rule for both service levels",
            ));
        }
        Ok(CallKpis(tallies))
    }

    fn fault(&self) -> Option<&Error> {
        self.0.fault()
    }

    fn set_fault(&mut self, error: Error) {
        self.0.set_fault(error);
    }
}

impl<'a> Extend<&'a Call> for CallKpis {
    fn extend<I: IntoIterator<Item = &'a Call>>(&mut self, calls: I) {
        for call in calls {
            self.observe(call);
        }
    }
}

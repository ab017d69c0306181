//! The KPIs of a set of calls, as one mergeable tally built from cxkpi's
//! tallies, so that the same type serves the overall figures and every
//! group of a `Breakdown`. (This composite is the one place that knows the
//! tallies' getters; it is meant to become a tuple tally of the core.)

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

/// Abandons strictly below this wait are short (the industry's usual 5 s).
pub const SHORT_ABANDON: Duration = Duration::from_secs(5);
/// The service-level thresholds reported, in seconds.
pub const THRESHOLDS: [u64; 2] = [20, 60];

/// Every KPI the call logs support, for one set of calls.
#[derive(Clone, Debug, PartialEq)]
pub struct CallKpis {
    /// Every caller: answered or abandoned anywhere.
    all: AbandonmentTally,
    /// Callers offered to the agent queue (or served directly).
    queue_offered: AbandonmentTally,
    /// Callers who waited in the queue.
    queued: AbandonmentTally,
    /// Callers abandoned before the queue (in the voice-response unit).
    abandoned_before_queue: u64,
    waits: WaitTally,
    answer_waits: DurationCounts,
    abandon_waits: DurationCounts,
    service_levels: [ServiceLevelTally; 2],
    /// Abandons whose wait the log does not record (PwC).
    abandons_without_wait: u64,
    aht: AhtTally,
    /// Handled calls whose hold, and whose wrap-up, the log records.
    with_hold: u64,
    with_wrap: u64,
    handle: DurationCounts,
    hours: HourlyVolume,
    resolved: u64,
    resolution_known: u64,
    csat: CsatTally,
    rating: CesTally,
}

impl Default for CallKpis {
    fn default() -> CallKpis {
        let short = ShortAbandons::Below(SHORT_ABANDON);
        CallKpis {
            all: AbandonmentTally::new(),
            queue_offered: AbandonmentTally::new(),
            queued: AbandonmentTally::new(),
            abandoned_before_queue: 0,
            waits: WaitTally::new(),
            answer_waits: DurationCounts::default(),
            abandon_waits: DurationCounts::default(),
            service_levels: THRESHOLDS
                .map(|t| ServiceLevelTally::new(Duration::from_secs(t), short)),
            abandons_without_wait: 0,
            aht: AhtTally::new(),
            with_hold: 0,
            with_wrap: 0,
            handle: DurationCounts::default(),
            hours: HourlyVolume::new(),
            resolved: 0,
            resolution_known: 0,
            csat: CsatTally::new(CsatRule::TOP_2_BOX_5),
            rating: CesTally::new(Scale::ONE_TO_FIVE),
        }
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
    let n = d.len();
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
    /// Adds one call.
    pub fn record(&mut self, call: &Call) {
        let answered = call.ending == Ending::Answered;
        let short = !answered && call.wait.is_some_and(|w| w < SHORT_ABANDON);
        let outcome = match (answered, short) {
            (true, _) => Outcome::Answered,
            (false, true) => Outcome::ShortAbandoned,
            (false, false) => Outcome::Abandoned,
        };
        // Short abandons are only a queue notion: across all callers every
        // abandon counts.
        self.all.record(if answered {
            Outcome::Answered
        } else {
            Outcome::Abandoned
        });
        if call.reached_queue {
            self.queue_offered.record(outcome);
        } else {
            self.abandoned_before_queue += 1;
        }
        if call.queued {
            self.queued.record(outcome);
        }
        match (call.ending, call.wait) {
            (Ending::Answered, Some(wait)) => {
                self.record_wait(Waited::Answered(wait));
                self.answer_waits.record(wait);
            }
            (Ending::Abandoned, Some(wait)) => {
                self.record_wait(Waited::Abandoned(wait));
                self.abandon_waits.record(wait);
            }
            (Ending::Abandoned, None) if call.reached_queue => self.abandons_without_wait += 1,
            // Unknown answer waits, and VRU hang-ups, have no queue wait.
            _ => {}
        }
        if let (Ending::Answered, Some(h)) = (call.ending, call.handle) {
            let contact = HandleTime {
                talk: h.talk,
                hold: h.hold.unwrap_or_default(),
                wrap: h.wrap.unwrap_or_default(),
            };
            self.aht.record(contact);
            self.with_hold += u64::from(h.hold.is_some());
            self.with_wrap += u64::from(h.wrap.is_some());
            self.handle.record(contact.total());
        }
        if let Ok(hour) = HourOfDay::new(call.arrival.hour) {
            self.hours.record(hour);
        }
        // Resolution is a property of handled calls: an abandoned call was
        // never worked on, so it is left out rather than counted unresolved.
        if let (Ending::Answered, Some(resolved)) = (call.ending, call.resolved) {
            self.resolution_known += 1;
            self.resolved += u64::from(resolved);
        }
        if let Some(score) = call.rating.and_then(|r| Scale::ONE_TO_FIVE.score(r).ok()) {
            self.csat.record(score);
            self.rating.record(score);
        }
    }

    fn record_wait(&mut self, waited: Waited) {
        self.waits.record(waited);
        for sl in &mut self.service_levels {
            sl.record(waited);
        }
    }

    /// Contacts by hour of day.
    pub fn hours(&self) -> &HourlyVolume {
        &self.hours
    }

    /// Calls offered (every caller); none from a faulted tally.
    pub fn offered(&self) -> Option<u64> {
        self.all.offered().ok()
    }

    /// The waits of answered calls.
    pub fn answer_waits(&self) -> &DurationCounts {
        &self.answer_waits
    }

    /// The mean handle time (talk, hold and wrap-up), `None` without handled calls.
    pub fn aht(&self) -> Option<Duration> {
        self.aht.aht().ok().map(|a| a.mean())
    }

    /// The service level at threshold index `at` (of [`THRESHOLDS`]) under
    /// `treatment`; abandons without a recorded wait count against it, or
    /// make the treatments that need their wait unavailable (`None`).
    fn service_level(&self, at: usize, treatment: AbandonTreatment) -> Option<Rate> {
        let counts = self.service_levels[at].counts().ok()?;
        if self.abandons_without_wait == 0 {
            return counts.service_level(treatment).ok();
        }
        match treatment {
            AbandonTreatment::CountAgainst | AbandonTreatment::Ignore => {
                ServiceLevelCounts::from_counts(
                    counts.answered(),
                    counts.answered_within(),
                    counts.abandoned().checked_add(self.abandons_without_wait)?,
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
        let mut out = vec![
            calls("calls.offered", self.all.offered()),
            calls("calls.answered", self.all.answered()),
            calls("calls.abandoned", self.all.abandoned()),
            calls("calls.abandoned_before_queue", self.abandoned_before_queue),
            calls("calls.queue_offered", self.queue_offered.offered()),
            calls("calls.queued", self.queued.offered()),
            calls(
                "calls.short_abandoned",
                self.queue_offered.short_abandoned(),
            ),
            pct_ci(
                "abandonment_pct.all_callers".into(),
                ok(self.all.abandonment()),
            ),
            pct_ci(
                "abandonment_pct.queue_offered".into(),
                ok(self.queue_offered.abandonment_including_short()),
            ),
            pct_ci(
                "abandonment_pct.queued".into(),
                ok(self.queued.abandonment_including_short()),
            ),
            pct_ci(
                "abandonment_pct.queue_offered_without_short".into(),
                ok(self.queue_offered.abandonment()),
            ),
            pct(
                "answered_pct".into(),
                ok(self.all.abandonment().map(Rate::complement)),
            ),
            secs(
                "asa_s",
                self.waits.asa().ok().map(|m| m.secs()),
                self.waits.answered(),
            ),
            secs(
                "average_wait_s",
                (self.abandons_without_wait == 0)
                    .then(|| self.waits.average_wait().ok().map(|m| m.secs()))
                    .flatten(),
                self.waits.len(),
            ),
        ];
        stats("answer_wait_s", &self.answer_waits, &mut out);
        for (at, t) in THRESHOLDS.iter().enumerate() {
            for treatment in AbandonTreatment::ALL {
                let path = format!("service_level_pct.{t}s.{}", treatment.as_str());
                out.push(pct_ci(path, self.service_level(at, treatment)));
            }
        }
        let aht = self.aht.aht().ok();
        let handled = Count::from(self.aht.len()).0;
        out.push(secs("aht_s", aht.map(|a| a.secs()), handled));
        out.push(secs("aht_talk_s", aht.map(|a| a.talk_secs()), handled));
        out.push(secs(
            "aht_hold_s",
            aht.filter(|_| self.with_hold > 0).map(|a| a.hold_secs()),
            handled,
        ));
        out.push(secs(
            "aht_wrap_s",
            aht.filter(|_| self.with_wrap > 0).map(|a| a.wrap_secs()),
            handled,
        ));
        stats("handle_s", &self.handle, &mut out);
        stats("time_to_abandon_s", &self.abandon_waits, &mut out);
        out.push(pct_ci(
            "resolution_pct".into(),
            Rate::new(self.resolved, self.resolution_known).ok(),
        ));
        out.push(pct_ci("csat_pct".into(), ok(self.csat.csat())));
        let mean = self.rating.ces().ok().map(|c| c.mean());
        out.push(Figure::new(
            "mean_rating",
            "rating 1-5",
            mean.map_or(Amount::Missing, Amount::Real),
            self.rating.len().ok(),
        ));
        out
    }
}

impl Merge for CallKpis {
    fn try_merge(&mut self, other: &CallKpis) -> Result<(), Error> {
        let mut merged = self.clone();
        merged.all.try_merge(&other.all)?;
        merged.queue_offered.try_merge(&other.queue_offered)?;
        merged.queued.try_merge(&other.queued)?;
        merged.abandoned_before_queue += other.abandoned_before_queue;
        merged.waits.try_merge(&other.waits)?;
        merged.answer_waits.merge(&other.answer_waits);
        merged.abandon_waits.merge(&other.abandon_waits);
        for (mine, theirs) in merged.service_levels.iter_mut().zip(&other.service_levels) {
            mine.try_merge(theirs)?;
        }
        merged.abandons_without_wait += other.abandons_without_wait;
        merged.aht.try_merge(&other.aht)?;
        merged.with_hold += other.with_hold;
        merged.with_wrap += other.with_wrap;
        merged.handle.merge(&other.handle);
        merged.hours.try_merge(&other.hours)?;
        merged.resolved += other.resolved;
        merged.resolution_known += other.resolution_known;
        merged.csat.try_merge(&other.csat)?;
        merged.rating.try_merge(&other.rating)?;
        *self = merged;
        Ok(())
    }
}

impl<'a> Extend<&'a Call> for CallKpis {
    fn extend<I: IntoIterator<Item = &'a Call>>(&mut self, calls: I) {
        for call in calls {
            self.record(call);
        }
    }
}

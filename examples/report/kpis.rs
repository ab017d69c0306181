//! The KPIs of a set of calls, as one mergeable tally built from cxkpi's
//! tallies, so that the same type serves the overall figures and every
//! group of a `Breakdown`.

use std::time::Duration;

use cxkpi::time::{DurationSample, Quantile};
use cxkpi::{
    AbandonTreatment, AbandonmentTally, AhtTally, CesTally, CsatRule, CsatTally, Error, HourOfDay,
    HourlyVolume, Merge, Outcome, Rate, Scale, ServiceLevelCounts, ServiceLevelTally,
    ShortAbandons, Tally, WaitTally, Waited,
};
use serde_json::{Map, Value, json};

use crate::calls::{Call, Ending};

/// Abandons strictly below this wait are short (the industry's usual 5 s).
pub const SHORT_ABANDON: Duration = Duration::from_secs(5);
/// The service-level thresholds reported.
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
    answer_waits: DurationSample,
    abandon_waits: DurationSample,
    service_levels: [ServiceLevelTally; 2],
    /// Abandons whose wait the log does not record (PwC).
    abandons_without_wait: u64,
    aht: AhtTally,
    handle: DurationSample,
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
            answer_waits: DurationSample::new(),
            abandon_waits: DurationSample::new(),
            service_levels: THRESHOLDS
                .map(|t| ServiceLevelTally::new(Duration::from_secs(t), short)),
            abandons_without_wait: 0,
            aht: AhtTally::new(),
            handle: DurationSample::new(),
            hours: HourlyVolume::new(),
            resolved: 0,
            resolution_known: 0,
            csat: CsatTally::new(CsatRule::TOP_2_BOX_5),
            rating: CesTally::new(Scale::ONE_TO_FIVE),
        }
    }
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
        if let (Ending::Answered, Some(handle)) = (call.ending, call.handle) {
            self.aht.record(cxkpi::HandleTime {
                talk: handle,
                ..Default::default()
            });
            self.handle.record(handle);
        }
        if let Ok(hour) = HourOfDay::new(call.hour) {
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

    /// The service level at threshold `t` (one of [`THRESHOLDS`]) under
    /// `treatment`; abandons without a recorded wait count against it, or
    /// make the treatments that need their wait unavailable.
    fn service_level(&self, at: usize, treatment: AbandonTreatment) -> Result<Rate, Error> {
        let counts = self.service_levels[at].counts()?;
        if self.abandons_without_wait == 0 {
            return counts.service_level(treatment);
        }
        match treatment {
            AbandonTreatment::CountAgainst | AbandonTreatment::Ignore => {
                ServiceLevelCounts::from_counts(
                    counts.answered(),
                    counts.answered_within(),
                    counts.abandoned() + self.abandons_without_wait,
                    0,
                    None,
                )?
                .service_level(treatment)
            }
            _ => Err(Error::MissingParameter {
                parameter: "abandon waits",
                needed_by: "this treatment of abandons",
            }),
        }
    }

    /// The figures, as JSON: numbers, or `null` where the data cannot give one.
    pub fn figures(&self) -> Value {
        let pct = |r: Result<Rate, Error>| r.map_or(Value::Null, |r| json!(r.percent()));
        let secs = |r: Result<f64, Error>| r.map_or(Value::Null, |s| json!(s));
        // A faulted tally reports no count.
        let n = |r: Result<u64, Error>| r.map_or(Value::Null, |c| json!(c));
        let stats = |sample: &DurationSample| match sample.sorted() {
            Ok(sorted) => json!({
                "count": sorted.count(),
                "mean": sorted.mean_secs(),
                "median": sorted.quantile_secs(Quantile::MEDIAN),
                "p90": sorted.quantile_secs(Quantile::P90),
                "p95": sorted.quantile_secs(Quantile::P95),
                "max": sorted.max().as_secs_f64(),
            }),
            Err(_) => Value::Null,
        };
        let mut service_levels = Map::new();
        for (at, t) in THRESHOLDS.iter().enumerate() {
            let by_treatment: Map<String, Value> = AbandonTreatment::ALL
                .iter()
                .map(|&tr| (tr.as_str().to_owned(), pct(self.service_level(at, tr))))
                .collect();
            service_levels.insert(format!("{t}s"), Value::Object(by_treatment));
        }
        let offered = self.all.offered();
        json!({
            "calls": {
                "offered": n(offered),
                "answered": n(self.all.answered()),
                "abandoned": n(self.all.abandoned()),
                "abandoned_before_queue": self.abandoned_before_queue,
                "queue_offered": n(self.queue_offered.offered()),
                "queued": n(self.queued.offered()),
                "short_abandoned": n(self.queue_offered.short_abandoned()),
            },
            "abandonment_pct": {
                "all_callers": pct(self.all.abandonment()),
                "queue_offered": pct(self.queue_offered.abandonment_including_short()),
                "queued": pct(self.queued.abandonment_including_short()),
                "queue_offered_without_short": pct(self.queue_offered.abandonment()),
            },
            "answered_pct": pct(self.all.abandonment().map(Rate::complement)),
            "asa_s": secs(self.waits.asa().map(|m| m.secs())),
            "average_wait_s": secs(if self.abandons_without_wait == 0 {
                self.waits.average_wait().map(|m| m.secs())
            } else {
                Err(Error::Empty { metric: "average wait", reason: "abandon waits unknown" })
            }),
            "answer_wait_s": stats(&self.answer_waits),
            "service_level_pct": service_levels,
            "aht_s": secs(self.aht.aht().map(|a| a.secs())),
            "handle_s": stats(&self.handle),
            "time_to_abandon_s": stats(&self.abandon_waits),
            "resolution_pct": pct(Rate::new(self.resolved, self.resolution_known)),
            "csat_pct": pct(self.csat.csat()),
            "mean_rating": secs(self.rating.ces().map(|c| c.mean())),
        })
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
        merged.answer_waits.try_merge(&other.answer_waits)?;
        merged.abandon_waits.try_merge(&other.abandon_waits)?;
        for (mine, theirs) in merged.service_levels.iter_mut().zip(&other.service_levels) {
            mine.try_merge(theirs)?;
        }
        merged.abandons_without_wait += other.abandons_without_wait;
        merged.aht.try_merge(&other.aht)?;
        merged.handle.try_merge(&other.handle)?;
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

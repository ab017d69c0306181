//! The whole report: calls streamed in one at a time, then every figure,
//! overall and by call type, agent, day, hour, day-and-hour and week.

use std::time::Duration;

use chrono::NaiveDate;
use cxkpi::{Breakdown, ShortAbandons};

use crate::calls::{Call, Ending, Quirks};
use crate::figure::Figure;
use crate::kpis::CallKpis;
use crate::staffing::{Staffing, StaffingGoal};
use crate::zone::{HourSlot, TimeBasis};

/// The figures of a day-and-hour group: the day-and-hour table has ~700
/// rows a month, so it keeps the operational figures only.
const DAY_HOUR_FIGURES: [&str; 7] = [
    "calls.offered",
    "calls.answered",
    "calls.abandoned",
    "abandonment_pct.queue_offered",
    "asa_s",
    "service_level_pct.20s.count_against",
    "aht_s",
];

/// Calls, folded into every breakdown as they arrive.
#[derive(Clone, Debug)]
pub struct Accumulator {
    overall: CallKpis,
    by_type: Breakdown<String, CallKpis>,
    by_agent: Breakdown<String, CallKpis>,
    by_day: Breakdown<NaiveDate, CallKpis>,
    by_hour: Breakdown<u8, CallKpis>,
    by_day_hour: Breakdown<HourSlot, CallKpis>,
    by_week: Breakdown<NaiveDate, CallKpis>,
    /// Calls offered in each half hour of the day, over all days.
    half_hours: [u64; 48],
    rated: u64,
}

impl Accumulator {
    /// No calls yet; `short` says which abandons are short.
    pub fn new(short: ShortAbandons) -> Accumulator {
        let kpis = CallKpis::new(short);
        Accumulator {
            overall: kpis.clone(),
            by_type: Breakdown::new(kpis.clone()),
            by_agent: Breakdown::new(kpis.clone()),
            by_day: Breakdown::new(kpis.clone()),
            by_hour: Breakdown::new(kpis.clone()),
            by_day_hour: Breakdown::new(kpis.clone()),
            by_week: Breakdown::new(kpis),
            half_hours: [0; 48],
            rated: 0,
        }
    }

    /// Adds one call.
    pub fn record(&mut self, call: &Call) {
        self.overall.observe(call);
        self.by_type.record(call.kind.clone(), call);
        // Agents answer calls: abandoned calls have no agent to group by.
        match (&call.agent, call.ending) {
            (Some(agent), _) => self.by_agent.record(agent.clone(), call),
            (None, Ending::Answered) => self.by_agent.record("(no agent)".to_owned(), call),
            (None, Ending::Abandoned) => {}
        }
        let a = &call.arrival;
        self.by_day.record(a.day, call);
        self.by_hour.record(a.hour, call);
        self.by_day_hour.record(a.slot, call);
        self.by_week.record(a.week(), call);
        self.half_hours[usize::from(a.minute / 30).min(47)] += 1;
        self.rated += u64::from(call.rating.is_some());
    }

    /// The report of the calls recorded.
    pub fn finish(self, source: Source, quirks: &Quirks, goal: StaffingGoal) -> Report {
        let days: Vec<NaiveDate> = self.by_day.iter().map(|(d, _)| *d).collect();
        let period = match (days.first(), days.last()) {
            (Some(first), Some(last)) => format!("{first}/{last}"),
            _ => "(no calls)".to_owned(),
        };
        let group = |name: &'static str,
                     by: &'static str,
                     groups: Vec<(String, String, Vec<Figure>)>| Grouping {
            name,
            group_by: by,
            groups,
        };
        let whole = |key: String, kpis: &CallKpis| (key, period.clone(), kpis.figures());
        let mut groupings = vec![
            group(
                "by_type",
                "type",
                self.by_type
                    .iter()
                    .map(|(k, v)| whole(k.clone(), v))
                    .collect(),
            ),
            group(
                "by_agent",
                "agent",
                self.by_agent
                    .iter()
                    .map(|(k, v)| whole(k.clone(), v))
                    .collect(),
            ),
            group(
                "by_day",
                "day",
                self.by_day
                    .iter()
                    .map(|(d, v)| (d.to_string(), d.to_string(), v.figures()))
                    .collect(),
            ),
            group(
                "by_hour",
                "hour_of_day",
                self.by_hour
                    .iter()
                    .map(|(h, v)| whole(format!("{h:02}:00"), v))
                    .collect(),
            ),
        ];
        let short_abandons = self.overall.short_abandons();
        let day_hours = day_hours(&self.by_day_hour, &days, source.basis, short_abandons);
        groupings.push(group("by_day_hour", "day_hour", day_hours));
        if self.rated > 0 {
            groupings.push(group(
                "by_week",
                "week",
                self.by_week
                    .iter()
                    .map(|(monday, v)| (monday.to_string(), format!("{monday}/P1W"), v.figures()))
                    .collect(),
            ));
        }
        let peak_hours = self
            .overall
            .hours()
            .busiest(3)
            .into_iter()
            .filter(|&(_, n)| n > 0)
            .map(|(hour, n)| {
                let share = self
                    .overall
                    .hours()
                    .share(hour)
                    .map_or(0.0, cxkpi::Rate::percent);
                (format!("{:02}:00", hour.get()), n, share)
            })
            .collect();
        let staffing = Staffing::plan(&self.half_hours, days.len(), self.overall.aht(), goal);
        let waits = WaitHistogram::of(&self.overall);
        Report {
            source,
            period,
            rows: quirks.rows,
            quirks: quirks
                .notes
                .iter()
                .map(|(q, (n, p))| ((*q).to_owned(), *n, (*p).to_owned()))
                .collect(),
            overall: self.overall.figures(),
            groupings,
            peak_hours,
            staffing,
            waits,
            short_abandons,
        }
    }
}

/// Every clock hour of every day with calls, empty hours included, so that
/// a DST day shows its 23 or 25 hours.
fn day_hours(
    by_slot: &Breakdown<HourSlot, CallKpis>,
    days: &[NaiveDate],
    basis: TimeBasis,
    short: ShortAbandons,
) -> Vec<(String, String, Vec<Figure>)> {
    let empty = CallKpis::new(short);
    let mut rows = Vec::new();
    for day in days {
        for slot in basis.hours_of_day(*day) {
            let kpis = by_slot.get(&slot).unwrap_or(&empty);
            let figures = kpis
                .figures()
                .into_iter()
                .filter(|f| DAY_HOUR_FIGURES.contains(&f.path.as_str()))
                .collect();
            rows.push((slot.label(), slot.label(), figures));
        }
    }
    rows
}

/// What the report was made of.
#[derive(Clone, Debug)]
pub struct Source {
    /// The data set's title.
    pub title: String,
    /// The file read.
    pub path: String,
    /// The time zone and how timestamps were read.
    pub basis: TimeBasis,
}

/// One breakdown: its JSON name, what it groups by, and per group its key,
/// period and figures.
#[derive(Clone, Debug)]
pub struct Grouping {
    /// `by_type`, `by_day`, …
    pub name: &'static str,
    /// `type`, `day`, … (the tidy table's `group_by`).
    pub group_by: &'static str,
    /// (group, period, figures) per group, in key order.
    pub groups: Vec<(String, String, Vec<Figure>)>,
}

/// The distribution of the waits of answered calls, in bins.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitHistogram {
    /// The width of a bin.
    pub bin: Duration,
    /// Calls per bin; the last bin holds every longer wait too.
    pub counts: Vec<u64>,
}

impl WaitHistogram {
    fn of(kpis: &CallKpis) -> WaitHistogram {
        let p95 = kpis
            .answer_waits()
            .quantile_secs(cxkpi::time::Quantile::P95)
            .unwrap_or(0.0);
        let width: u64 = match p95 {
            x if x <= 60.0 => 5,
            x if x <= 240.0 => 10,
            _ => 30,
        };
        // Up to a little past the 95th percentile (at least 2 minutes), then one tail bin.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let bins = ((p95.max(120.0) * 1.1 / width as f64).ceil() as usize + 1).min(60);
        let bin = Duration::from_secs(width);
        WaitHistogram {
            bin,
            counts: kpis.answer_waits().histogram(bin, bins),
        }
    }
}

/// Every figure of the report.
#[derive(Clone, Debug)]
pub struct Report {
    /// The input.
    pub source: Source,
    /// `first-day/last-day`.
    pub period: String,
    /// Data rows read.
    pub rows: u64,
    /// (quirk, rows, policy).
    pub quirks: Vec<(String, u64, String)>,
    /// The overall figures.
    pub overall: Vec<Figure>,
    /// The breakdowns.
    pub groupings: Vec<Grouping>,
    /// The three busiest hours of the day: (hour, calls, share %).
    pub peak_hours: Vec<(String, u64, f64)>,
    /// Calls per half hour and the agents they need.
    pub staffing: Staffing,
    /// The answered calls' waits.
    pub waits: WaitHistogram,
    /// Which abandons the figures count as short.
    pub short_abandons: ShortAbandons,
}

impl Report {
    /// The breakdown named `name` (`by_type`, …).
    pub fn grouping(&self, name: &str) -> Option<&Grouping> {
        self.groupings.iter().find(|g| g.name == name)
    }
}

impl Report {
    /// Calls offered overall.
    pub fn overall_offered(&self) -> u64 {
        self.overall
            .iter()
            .find(|f| f.path == "calls.offered")
            .and_then(|f| match f.value {
                crate::figure::Amount::Count(n) => Some(n),
                _ => None,
            })
            .unwrap_or(0)
    }
}

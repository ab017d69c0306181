//! Calls offered per half hour of an average day, and the agents that load
//! needs under Erlang C for a stated service-level goal (`cxkpi::staffing`).

use std::time::Duration;

use cxkpi::Percent;
use cxkpi::staffing::{Model, StaffingTarget, Workload};

/// The service-level goal the agents are staffed for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StaffingGoal {
    /// The share of calls to answer within `within`, in percent.
    pub pct: f64,
    /// The answer-time threshold.
    pub within: Duration,
}

impl Default for StaffingGoal {
    /// 80 % of calls answered within 20 s, the industry's usual goal.
    fn default() -> StaffingGoal {
        StaffingGoal {
            pct: 80.0,
            within: Duration::from_secs(20),
        }
    }
}

/// One half hour of the average day.
#[derive(Clone, Debug, PartialEq)]
pub struct HalfHour {
    /// `07:30`.
    pub start: String,
    /// Calls offered in this half hour over the whole period.
    pub offered: u64,
    /// Mean calls per day: `offered / days`.
    pub per_day: f64,
    /// Agents required under Erlang C; `None` when the load cannot be
    /// staffed (no AHT in the data, or beyond the model's range).
    pub agents: Option<u32>,
}

/// The staffing view of the log.
#[derive(Clone, Debug, PartialEq)]
pub struct Staffing {
    /// The goal staffed for.
    pub goal: StaffingGoal,
    /// The AHT used (the log's overall AHT), in seconds.
    pub aht_s: Option<f64>,
    /// Days with calls: the divisor of the average day.
    pub days: usize,
    /// The half hours with calls, in order.
    pub half_hours: Vec<HalfHour>,
}

impl Staffing {
    /// The plan of `counts` (calls per half hour over `days` days) at `aht`.
    pub fn plan(
        counts: &[u64; 48],
        days: usize,
        aht: Option<Duration>,
        goal: StaffingGoal,
    ) -> Staffing {
        let target = Percent::new(goal.pct)
            .and_then(|pct| StaffingTarget::new().service_level(pct, goal.within))
            .ok();
        let half_hours = counts
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(i, &offered)| {
                let per_day = offered as f64 / days.max(1) as f64;
                let agents = match (target, aht) {
                    (Some(target), Some(aht)) if !aht.is_zero() => {
                        Workload::new(per_day, Duration::from_secs(1800), aht)
                            .and_then(|w| target.agents_required(&w, Model::ErlangC))
                            .ok()
                            .map(|p| p.agents())
                    }
                    _ => None,
                };
                HalfHour {
                    start: format!("{:02}:{:02}", i / 2, i % 2 * 30),
                    offered,
                    per_day,
                    agents,
                }
            })
            .collect();
        Staffing {
            goal,
            aht_s: aht.map(|a| a.as_secs_f64()),
            days,
            half_hours,
        }
    }

    /// The busiest half hour.
    pub fn peak(&self) -> Option<&HalfHour> {
        self.half_hours
            .iter()
            .max_by(|a, b| a.offered.cmp(&b.offered))
    }
}

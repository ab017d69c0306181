//! Every cxkpi KPI as an Apache `DataFusion` aggregate function.
//!
//! [`register_all`] is the one call: it adds every function to a
//! [`SessionContext`], after which plain SQL computes exact KPIs, by group,
//! on one machine or (with the crate's `cxkpi-scheduler` and
//! `cxkpi-executor`) on an Apache Ballista cluster:
//!
//! ```
//! use datafusion::prelude::SessionContext;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::common::Result<()> {
//! let ctx = SessionContext::new();
//! cxkpi_datafusion::register_all(&ctx);
//! let batches = ctx
//!     .sql("SELECT nps(score)['value'] AS nps FROM (VALUES (10), (9), (3), (8)) AS t(score)")
//!     .await?
//!     .collect()
//!     .await?;
//! let nps = batches[0].column(0).as_any().downcast_ref::<datafusion::arrow::array::Float64Array>();
//! assert_eq!(nps.map(|a| a.value(0)), Some(25.0));
//! # Ok(())
//! # }
//! ```
//!
//! # Functions
//!
//! | function | tally | result |
//! | --- | --- | --- |
//! | `nps(score)` | `NpsTally` | `{value, n, promoters, passives, detractors, low, high}` (adjusted Wald) |
//! | `csat(score, scale_min, scale_max, satisfied_from)` | `CsatTally` | rate |
//! | `ces(score, scale_min, scale_max)` | `CesTally` | `{value, n}` (mean score) |
//! | `retention(status)` (`'retained'`, `'churned'`, `'new'`) | `RetentionTally` | rate |
//! | `abandonment(answered, wait_s, short_abandon_s)` | `AbandonmentTally` | rate (short abandons out of both sides; 0 = none) |
//! | `fcr(contacts)` | `FcrTally` | rate |
//! | `aht(talk_s, hold_s, acw_s)` | `AhtTally` | `{value, n, talk, hold, wrap}` (seconds) |
//! | `asa(wait_s, answered)`, `mean_wait(..)`, `time_to_abandon(..)` | `WaitTally` | `{value, n}` (seconds) |
//! | `service_level(wait_s, answered, threshold_s, treatment[, short_abandon_s])` | `ServiceLevelTally` | rate |
//! | `escalation(escalated)` | `EscalationTally` | rate |
//! | `cost_per_unit(cost)` | `CostTally` | `{value, n, total}` (exact decimal text) |
//! | `duration_quantile(secs, q)` | `DurationSample` | `{value, n}` (exact) |
//! | `duration_quantile_sketch(secs, q[, relative_accuracy])` | `DurationSketch` | `{value, n, relative_error}` |
//! | `deadline_met(elapsed_s, target_s, kind[, open])` | `DeadlineTally` | rate of deadlines met, `+ {missed, missed_open, pending, late_up_to_10_percent, late_up_to_50_percent, late_up_to_100_percent, late_over_100_percent}` |
//! | `reopen_rate(reopens)` | `ReopenTally` | rate `+ {reopenings, reopenings_per_resolved}` |
//! | `messages_before_reply(messages)` | `MessagesBeforeReplyTally` | `{value, n}` (mean customer messages) |
//! | `backlog_ageing(age_s[, upper_days])` | `BacklogAgeing` | `{value, n, counts}` (oldest age in seconds, count per bucket) |
//! | `survey_response_rate(answered)` | `SurveyResponseTally` | rate |
//! | `reachability(reached, attempts[, within])` | `ReachabilityTally` | rate `+ {attempts, attempts_per_target}` |
//! | `occupancy(state, secs)`, `utilisation(state, secs)` | `workforce::AgentTime` | `{value, n, part, whole}` (percent; seconds) |
//! | `turnover(tenure)` | `TurnoverTally` | `{value, n, leavers, average_headcount}` |
//!
//! A *rate* is `{value, part, n, low, high}`: the percentage, its numerator
//! and denominator, and the 95 % Wilson interval. Arguments after the column
//! ones are literals (parameters); `treatment` is one of the six names of
//! `AbandonTreatment` (`count_against`, `exclude_within_threshold`,
//! `within_threshold_as_met`, `ignore`, `short_as_met`, `exclude_short`).
//!
//! The later rows, one row per observation: `deadline_met` one deadline
//! (its own target, so every priority's SLA goes into one call; `kind` is
//! `'first_response'`, `'next_reply'` or `'resolution'`; `open` true for one
//! not reached yet at the report instant, pending while within its target);
//! `reopen_rate` one resolved ticket and the times it reopened (0 = never);
//! `messages_before_reply` one conversation's customer messages before the
//! first agent reply (1 or more); `backlog_ageing` one open item's age, in
//! buckets of whole days (`upper_days` as text, `'2,5,10,30'` by default);
//! `survey_response_rate` one survey sent; `reachability` one target, reached
//! or not after `attempts` attempts (the last one answered when reached;
//! `within`, every attempt by default, counts targets reached within that
//! many); `occupancy` and `utilisation` one span of agent time in a status
//! (`'handling'`, `'available'`, `'away'`, `'logged_out'`); `turnover` one
//! person (`'stayed'`, `'joined'`, `'left'`, `'joined_and_left'`).
//!
//! `forecast::History` is not a function: its figure is a forecast, a
//! series of future intervals per call rather than a value per group, and
//! its state (every week × interval of the span) grows with the span, not
//! with a group; a forecast over SQL is a query for the counts
//! (`GROUP BY` week and interval) handed to `forecast`.
//!
//! # Policies
//!
//! - **Empty group**: the result is `NULL`, never 0; so is a figure without
//!   a denominator (only pending deadlines, no handling or available time,
//!   an average headcount of 0).
//! - **Nulls**: a row with a `NULL` in any column argument is skipped, as
//!   SQL's own aggregates do; `n` says how many rows were counted.
//! - **Invalid values** (a score out of its scale, a negative or NaN
//!   duration, an unknown treatment): a query error that names the function,
//!   the value and what is allowed, in the core's words.
//! - **State**: the intermediate state of every function is its tally's
//!   state in Arrow types (see the `state` module), merged with
//!   `Merge::try_merge`: an overflow is a query error, never a wrap.

mod args;
pub mod bank;
pub mod cli;
pub mod cluster;
mod counts;
mod functions;
mod kpi;
mod state;

use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::AggregateUDF;
use datafusion::prelude::SessionContext;

use functions::{
    ASA, AbandonmentKpi, AgentTimeKpi, AhtKpi, BacklogAgeingKpi, CesKpi, CostKpi, CsatKpi,
    DeadlineKpi, EscalationKpi, FcrKpi, MEAN_WAIT, MessagesKpi, NpsKpi, OCCUPANCY, QuantileKpi,
    ReachabilityKpi, ReopenKpi, RetentionKpi, ServiceLevelKpi, SketchKpi, SurveyResponseKpi,
    TIME_TO_ABANDON, TurnoverKpi, UTILISATION, WaitKpi,
};
use kpi::KpiUdaf;

/// Every cxkpi aggregate function.
///
/// # Example
///
/// ```
/// let names: Vec<String> = cxkpi_datafusion::udafs().iter().map(|f| f.name().to_owned()).collect();
/// assert!(names.contains(&"service_level".to_owned()));
/// ```
pub fn udafs() -> Vec<AggregateUDF> {
    vec![
        AggregateUDF::from(KpiUdaf::<NpsKpi>::new()),
        AggregateUDF::from(KpiUdaf::<CsatKpi>::new()),
        AggregateUDF::from(KpiUdaf::<CesKpi>::new()),
        AggregateUDF::from(KpiUdaf::<RetentionKpi>::new()),
        AggregateUDF::from(KpiUdaf::<AbandonmentKpi>::new()),
        AggregateUDF::from(KpiUdaf::<FcrKpi>::new()),
        AggregateUDF::from(KpiUdaf::<EscalationKpi>::new()),
        AggregateUDF::from(KpiUdaf::<AhtKpi>::new()),
        AggregateUDF::from(KpiUdaf::<WaitKpi<ASA>>::new()),
        AggregateUDF::from(KpiUdaf::<WaitKpi<MEAN_WAIT>>::new()),
        AggregateUDF::from(KpiUdaf::<WaitKpi<TIME_TO_ABANDON>>::new()),
        AggregateUDF::from(KpiUdaf::<ServiceLevelKpi>::new()),
        AggregateUDF::from(KpiUdaf::<CostKpi>::new()),
        AggregateUDF::from(KpiUdaf::<QuantileKpi>::new()),
        AggregateUDF::from(KpiUdaf::<SketchKpi>::new()),
        AggregateUDF::from(KpiUdaf::<DeadlineKpi>::new()),
        AggregateUDF::from(KpiUdaf::<ReopenKpi>::new()),
        AggregateUDF::from(KpiUdaf::<MessagesKpi>::new()),
        AggregateUDF::from(KpiUdaf::<BacklogAgeingKpi>::new()),
        AggregateUDF::from(KpiUdaf::<SurveyResponseKpi>::new()),
        AggregateUDF::from(KpiUdaf::<ReachabilityKpi>::new()),
        AggregateUDF::from(KpiUdaf::<AgentTimeKpi<OCCUPANCY>>::new()),
        AggregateUDF::from(KpiUdaf::<AgentTimeKpi<UTILISATION>>::new()),
        AggregateUDF::from(KpiUdaf::<TurnoverKpi>::new()),
    ]
}

/// Registers every cxkpi aggregate function on `ctx`.
///
/// # Example
///
/// ```
/// let ctx = datafusion::prelude::SessionContext::new();
/// cxkpi_datafusion::register_all(&ctx);
/// assert!(ctx.state().aggregate_functions().contains_key("nps"));
/// ```
pub fn register_all(ctx: &SessionContext) {
    for udaf in udafs() {
        ctx.register_udaf(udaf);
    }
}

/// Registers every cxkpi aggregate function in a function registry (a
/// Ballista scheduler's or executor's session state).
///
/// # Errors
///
/// The registry's error.
pub fn register_in(registry: &mut dyn FunctionRegistry) -> datafusion::common::Result<()> {
    for udaf in udafs() {
        registry.register_udaf(std::sync::Arc::new(udaf))?;
    }
    Ok(())
}

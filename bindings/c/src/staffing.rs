//! Staffing: Erlang C, Erlang A, the agents a set of goals needs, and
//! shrinkage.

use cxkpi::staffing::{
    ErlangA, ErlangC, Model, Performance, Plan, Shrinkage, StaffingTarget, Workload,
};
use cxkpi::{Error, Percent, Probability, try_seconds};

use crate::ptr::{Out, OutArray, slice};
use crate::status::{cxkpi_status, guard};
use crate::values::{compute_into, decode};

/// An inbound workload: `calls` offered in an interval of `interval_s`
/// seconds, each handled in `aht_s` seconds on average.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_workload {
    /// Calls offered in the interval (a forecast, so possibly fractional).
    pub calls: f64,
    /// The interval, in seconds (1800 for half an hour).
    pub interval_s: f64,
    /// The average handle time, in seconds.
    pub aht_s: f64,
}

impl cxkpi_workload {
    fn to_core(self) -> Result<Workload, Error> {
        Workload::from_secs(self.calls, self.interval_s, self.aht_s)
    }
}

/// What Erlang C predicts for a number of agents.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_erlang_c_result {
    /// The offered traffic A = calls × AHT / interval, in Erlangs.
    pub traffic_erlangs: f64,
    /// The probability that a caller waits.
    pub prob_wait: f64,
    /// Callers answered within the target time, in percent.
    pub service_level_pct: f64,
    /// The average speed of answer over all callers, in seconds.
    pub asa_s: f64,
    /// Traffic / agents, in percent.
    pub occupancy_pct: f64,
}

/// Erlang C (M/M/N) for `agents` agents on a workload, with the service
/// level measured within `answer_within_s` seconds.
///
/// # Errors
///
/// `CXKPI_OVERLOADED` when the traffic meets or exceeds the agents;
/// `CXKPI_INVALID_PARAMETER` for 0 agents or an impossible workload;
/// `CXKPI_OUT_OF_RANGE` for a negative, NaN or infinite answer time.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_erlang_c(
    workload: cxkpi_workload,
    agents: u32,
    answer_within_s: f64,
    out: *mut cxkpi_erlang_c_result,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let queue = ErlangC::new(&workload.to_core()?, agents)?;
            let within = try_seconds(answer_within_s)?;
            Ok(cxkpi_erlang_c_result {
                traffic_erlangs: queue.traffic(),
                prob_wait: queue.prob_wait(),
                service_level_pct: queue.service_level_pct(within),
                asa_s: queue.asa_secs(),
                occupancy_pct: queue.occupancy_pct(),
            })
        })
    }
}

/// What Erlang A predicts for a number of agents.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_erlang_a_result {
    /// The offered traffic, in Erlangs.
    pub traffic_erlangs: f64,
    /// The probability that a caller waits.
    pub prob_wait: f64,
    /// The probability that a caller abandons.
    pub prob_abandon: f64,
    /// The mean wait over all callers, in seconds.
    pub mean_wait_s: f64,
    /// The average speed of answer of answered callers, in seconds.
    pub asa_s: f64,
    /// Mean busy agents / agents, in percent.
    pub occupancy_pct: f64,
    /// Callers answered within the target time, in percent of all callers.
    pub service_level_pct: f64,
}

/// Erlang A (M/M/N+M) for `agents` agents on a workload whose callers
/// abandon after an exponential patience of mean `mean_patience_s` seconds,
/// with the service level measured within `answer_within_s` seconds.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for 0 agents, a patience of 0 or an impossible
/// workload; `CXKPI_OUT_OF_RANGE` for a negative, NaN or infinite time.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_erlang_a(
    workload: cxkpi_workload,
    agents: u32,
    mean_patience_s: f64,
    answer_within_s: f64,
    out: *mut cxkpi_erlang_a_result,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            let load = workload.to_core()?;
            let queue = ErlangA::new(&load, agents, try_seconds(mean_patience_s)?)?;
            let within = try_seconds(answer_within_s)?;
            Ok(cxkpi_erlang_a_result {
                traffic_erlangs: queue.traffic(),
                prob_wait: queue.prob_wait(),
                prob_abandon: queue.prob_abandon(),
                mean_wait_s: queue.mean_wait_secs(),
                asa_s: queue.asa_secs(),
                occupancy_pct: queue.occupancy_pct(),
                service_level_pct: queue.service_level_pct(within),
            })
        })
    }
}

/// A kind of staffing goal; passed as `uint32_t` in [`cxkpi_staffing_goal`].
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cxkpi_goal_kind {
    /// At least `value` percent answered within `within_s` seconds.
    CXKPI_GOAL_SERVICE_LEVEL = 0,
    /// An average speed of answer of at most `value` seconds.
    CXKPI_GOAL_MAX_ASA = 1,
    /// A probability of waiting of at most `value` (0–1).
    CXKPI_GOAL_MAX_PROB_WAIT = 2,
    /// An occupancy of at most `value` percent.
    CXKPI_GOAL_MAX_OCCUPANCY = 3,
    /// An abandonment of at most `value` percent (Erlang A).
    CXKPI_GOAL_MAX_ABANDONMENT = 4,
}

/// One staffing goal: a [`cxkpi_goal_kind`], its value, and for the service
/// level the answer time.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_staffing_goal {
    /// A [`cxkpi_goal_kind`].
    pub kind: u32,
    /// The goal's figure, in the unit its kind names.
    pub value: f64,
    /// The answer time of a service-level goal, in seconds; ignored by the
    /// other kinds.
    pub within_s: f64,
}

impl cxkpi_staffing_goal {
    /// `target` with this goal added.
    fn add_to(self, target: StaffingTarget) -> Result<StaffingTarget, Error> {
        use cxkpi_goal_kind::{
            CXKPI_GOAL_MAX_ABANDONMENT, CXKPI_GOAL_MAX_ASA, CXKPI_GOAL_MAX_OCCUPANCY,
            CXKPI_GOAL_MAX_PROB_WAIT, CXKPI_GOAL_SERVICE_LEVEL,
        };
        let kind = decode(
            "staffing goal kind",
            self.kind,
            &[
                CXKPI_GOAL_SERVICE_LEVEL,
                CXKPI_GOAL_MAX_ASA,
                CXKPI_GOAL_MAX_PROB_WAIT,
                CXKPI_GOAL_MAX_OCCUPANCY,
                CXKPI_GOAL_MAX_ABANDONMENT,
            ],
        )?;
        match kind {
            CXKPI_GOAL_SERVICE_LEVEL => {
                target.service_level(Percent::new(self.value)?, try_seconds(self.within_s)?)
            }
            CXKPI_GOAL_MAX_ASA => target.max_asa(try_seconds(self.value)?),
            CXKPI_GOAL_MAX_PROB_WAIT => target.max_prob_wait(Probability::new(self.value)?),
            CXKPI_GOAL_MAX_OCCUPANCY => target.max_occupancy(Percent::new(self.value)?),
            CXKPI_GOAL_MAX_ABANDONMENT => target.max_abandonment(Percent::new(self.value)?),
        }
    }
}

/// The queueing model that staffing assumes; passed as `uint32_t`.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cxkpi_model {
    /// Erlang C: callers never abandon.
    CXKPI_MODEL_ERLANG_C = 0,
    /// Erlang A: callers abandon after an exponential patience.
    CXKPI_MODEL_ERLANG_A = 1,
}

/// What a number of agents achieves on a workload.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_performance {
    /// The agents.
    pub agents: u32,
    /// The probability that a caller waits.
    pub prob_wait: f64,
    /// Whether `service_level_pct` holds a figure: only with a service-level
    /// goal, which gives its answer time.
    pub has_service_level: bool,
    /// Callers answered within the goal's answer time, in percent.
    pub service_level_pct: f64,
    /// The average speed of answer, in seconds.
    pub asa_s: f64,
    /// The mean wait over all callers, in seconds.
    pub mean_wait_s: f64,
    /// Callers who abandon, in percent (0 under Erlang C).
    pub abandonment_pct: f64,
    /// Occupancy, in percent.
    pub occupancy_pct: f64,
    /// Whether `fractional_agents` holds a figure: only from
    /// `cxkpi_agents_required` (and a plan's intervals) under Erlang C.
    pub has_fractional_agents: bool,
    /// The real number of agents, in (agents − 1, agents], at which the goals
    /// are met exactly (Erlang C's continuous extension): the figure to add
    /// up over queues before rounding.
    pub fractional_agents: f64,
}

impl From<Performance> for cxkpi_performance {
    fn from(p: Performance) -> cxkpi_performance {
        cxkpi_performance {
            agents: p.agents(),
            prob_wait: p.prob_wait().get(),
            has_service_level: p.service_level().is_some(),
            service_level_pct: p.service_level().map_or(0.0, Percent::get),
            asa_s: p.asa_secs(),
            mean_wait_s: p.mean_wait_secs(),
            abandonment_pct: p.abandonment().get(),
            occupancy_pct: p.occupancy().get(),
            has_fractional_agents: p.fractional_agents().is_some(),
            fractional_agents: p.fractional_agents().unwrap_or(0.0),
        }
    }
}

/// The target of every goal of `goals`.
fn target_of(goals: &[cxkpi_staffing_goal]) -> Result<StaffingTarget, Error> {
    goals
        .iter()
        .try_fold(StaffingTarget::new(), |target, goal| goal.add_to(target))
}

/// The model of the code `code` of [`cxkpi_model`], with the callers' mean
/// patience under Erlang A.
fn model_of(code: u32, mean_patience_s: f64) -> Result<Model, Error> {
    let model = decode(
        "staffing model",
        code,
        &[
            cxkpi_model::CXKPI_MODEL_ERLANG_C,
            cxkpi_model::CXKPI_MODEL_ERLANG_A,
        ],
    )?;
    Ok(match model {
        cxkpi_model::CXKPI_MODEL_ERLANG_C => Model::ErlangC,
        cxkpi_model::CXKPI_MODEL_ERLANG_A => Model::ErlangA {
            patience: try_seconds(mean_patience_s)?,
        },
    })
}

/// The least number of agents that meets every goal of `goals` (`count` of
/// them) on a workload, under a [`cxkpi_model`]; `mean_patience_s` is the
/// callers' mean patience under Erlang A, ignored under Erlang C.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` for an impossible goal, an unknown goal kind or
/// model, or a patience of 0 under Erlang A; `CXKPI_OVERLOADED` when no
/// number of agents the model supports meets the goals.
///
/// # Safety
///
/// `goals` points to `count` goals (or is null when `count` is 0); `out` is
/// null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_agents_required(
    workload: cxkpi_workload,
    goals: *const cxkpi_staffing_goal,
    count: usize,
    model: u32,
    mean_patience_s: f64,
    out: *mut cxkpi_performance,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let goals = unsafe { slice(goals, count, "goals") }?;
        let load = workload.to_core()?;
        let target = target_of(goals)?;
        let model = model_of(model, mean_patience_s)?;
        out.write(target.agents_required(&load, model)?.into());
        Ok(())
    })
}

/// The agents to schedule so that `agents` are available after a shrinkage
/// of `shrinkage_pct` percent (breaks, training, absence):
/// ⌈agents / (1 − shrinkage)⌉.
///
/// # Errors
///
/// `CXKPI_INVALID_PARAMETER` unless 0 ≤ shrinkage < 100;
/// `CXKPI_OVERFLOW` beyond 2³² − 1 agents.
///
/// # Safety
///
/// `out` is null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_scheduled_agents(
    agents: u32,
    shrinkage_pct: f64,
    out: *mut u32,
) -> cxkpi_status {
    // SAFETY: the caller's promise, in `# Safety`.
    unsafe {
        compute_into(out, || {
            Ok(Shrinkage::from_pct(shrinkage_pct)?.scheduled(agents)?)
        })
    }
}

/// One interval of a staffing plan: its forecast, and the least staffing
/// that meets the goals with what that staffing achieves.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_plan_interval {
    /// The calls forecast for the interval.
    pub calls: f64,
    /// The offered traffic, in Erlangs.
    pub traffic_erlangs: f64,
    /// The staffing found and what it achieves; 0 agents for an interval
    /// without calls.
    pub performance: cxkpi_performance,
}

/// The totals of a staffing plan: the figures its intervals' calls would
/// report together, each interval weighted by its calls (service level,
/// abandonment), its answered calls (ASA) or its staffed time (occupancy).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct cxkpi_plan_totals {
    /// The calls over all intervals.
    pub calls: f64,
    /// The most agents any interval needs.
    pub peak_agents: u32,
    /// Agent-hours on the phones: Σ agents × interval length / 3600 s.
    pub agent_hours: f64,
    /// Whether `service_level_pct` holds a figure: only with a service-level
    /// goal, which gives its answer time.
    pub has_service_level: bool,
    /// Calls answered within the goal's answer time, in percent of all calls.
    pub service_level_pct: f64,
    /// Calls that hang up, in percent of all calls (0 under Erlang C).
    pub abandonment_pct: f64,
    /// The average speed of answer of the answered calls, in seconds.
    pub asa_s: f64,
    /// Handled workload over staffed time, in percent.
    pub occupancy_pct: f64,
}

/// The totals of `plan`, whose target has a service-level goal when
/// `has_service_level`.
fn totals(plan: &Plan, has_service_level: bool) -> Result<cxkpi_plan_totals, Error> {
    Ok(cxkpi_plan_totals {
        calls: plan.calls(),
        peak_agents: plan.peak_agents(),
        agent_hours: plan.agent_hours(),
        has_service_level,
        service_level_pct: if has_service_level {
            plan.service_level()?.get()
        } else {
            0.0
        },
        abandonment_pct: plan.abandonment()?.get(),
        asa_s: plan.asa_secs()?,
        occupancy_pct: plan.occupancy()?.get(),
    })
}

/// The staffing plan of a day, or any run of intervals of one length:
/// `calls[i]` calls forecast in interval `i` of `interval_s` seconds, each
/// handled in `aht_s` seconds on average, each interval staffed on its own
/// to every goal of `goals` (`count` of them) under a [`cxkpi_model`], as
/// [`cxkpi_agents_required`] does. `out_intervals[i]` receives interval
/// `i`, and `out` the plan's totals.
///
/// # Errors
///
/// `CXKPI_EMPTY` for no intervals, or a forecast without calls, whose
/// totals are undefined; `CXKPI_OUT_OF_RANGE` for a negative, NaN or
/// infinite forecast (the message names its index), interval or handle
/// time;
/// `CXKPI_INVALID_PARAMETER` for an interval or handle time of 0, an
/// impossible goal, an unknown goal kind or model, or a patience of 0 under
/// Erlang A; `CXKPI_OVERLOADED` when no number of agents the model supports
/// meets the goals in an interval.
///
/// # Safety
///
/// `calls` points to `len` doubles and `goals` to `count` goals (either
/// null when its length is 0); `out_intervals` is valid for writing `len`
/// values (it need not be initialised), or null when `len` is 0; `out` is
/// null or valid for writing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cxkpi_staffing_plan(
    calls: *const f64,
    len: usize,
    interval_s: f64,
    aht_s: f64,
    goals: *const cxkpi_staffing_goal,
    count: usize,
    model: u32,
    mean_patience_s: f64,
    out_intervals: *mut cxkpi_plan_interval,
    out: *mut cxkpi_plan_totals,
) -> cxkpi_status {
    guard(|| {
        // SAFETY: the caller's promise, in `# Safety`.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let out_intervals = unsafe { OutArray::new(out_intervals, len, "out_intervals") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let calls = unsafe { slice(calls, len, "calls") }?;
        // SAFETY: the caller's promise, in `# Safety`.
        let goals = unsafe { slice(goals, count, "goals") }?;
        // The interval and handle time checked, and named, as a workload's.
        let shape = Workload::from_secs(0.0, interval_s, aht_s)?;
        let target = target_of(goals)?;
        let model = model_of(model, mean_patience_s)?;
        let plan = Plan::uniform(calls, shape.interval(), shape.aht(), &target, model)?;
        let totals = totals(&plan, target.service_level_goal().is_some())?;
        out_intervals.write(plan.intervals().iter().map(|i| cxkpi_plan_interval {
            calls: i.workload().calls(),
            traffic_erlangs: i.workload().traffic(),
            performance: (*i.performance()).into(),
        }));
        out.write(totals);
        Ok(())
    })
}

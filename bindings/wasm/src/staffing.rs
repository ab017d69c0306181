//! Staffing: `erlangC`, `erlangA`, `agentsRequired` and `scheduledAgents`.

use cxkpi::staffing::{ErlangA, ErlangC, Model, Shrinkage, StaffingTarget, Workload};
use cxkpi::{Domain, Error, Percent, Probability, try_seconds};
use wasm_bindgen::prelude::*;

use crate::js::{Fields, Obj, Result, integer};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Calls offered in an interval, and their average handle time, in seconds. */
export interface Workload { calls: number; intervalS: number; ahtS: number }
/** What Erlang C predicts for a number of agents. */
export interface ErlangC {
  trafficErlangs: number; probWait: number; serviceLevelPct: number; asaS: number;
  occupancyPct: number;
}
/** What Erlang A predicts for a number of agents. */
export interface ErlangA {
  trafficErlangs: number; probWait: number; probAbandon: number; abandonmentPct: number;
  meanWaitS: number; asaS: number; occupancyPct: number; serviceLevelPct?: number;
}
/** Staffing goals: every one given must be met. */
export interface StaffingGoals {
  serviceLevelPct?: number; answerWithinS?: number; maxAsaS?: number; maxProbWait?: number;
  maxOccupancyPct?: number; maxAbandonmentPct?: number;
}
/**
 * What the staffing found achieves. Under Erlang C, fractionalAgents is the real number of
 * agents (in (agents - 1, agents]) at which the goals are met exactly.
 */
export interface Performance {
  agents: number; probWait: number; serviceLevelPct?: number; asaS: number; meanWaitS: number;
  abandonmentPct: number; occupancyPct: number; fractionalAgents?: number;
}
"#;

/// The workload of `{calls, intervalS, ahtS}`.
fn workload(value: &JsValue) -> Result<Workload> {
    let mut fields = Fields::of("workload", value)?;
    let calls = fields.number("calls")?;
    let interval = fields.number("intervalS")?;
    let aht = fields.number("ahtS")?;
    fields.finish()?;
    Ok(Workload::from_secs(calls, interval, aht)?)
}

/// A number of agents: a whole number; beyond `u32` it saturates, which the
/// core refuses as too many agents.
fn agents(value: f64) -> core::result::Result<u32, Error> {
    match integer(value) {
        Some(n) if n >= 0 => Ok(u32::try_from(n).unwrap_or(u32::MAX)),
        _ => Err(Error::invalid_parameter(
            "agents",
            value,
            Domain::AtLeast(1),
        )),
    }
}

/// Erlang C (M/M/N) for `agents` agents on a workload `{calls, intervalS,
/// ahtS}`, with the service level measured within `answerWithinS` seconds.
///
/// # Errors
///
/// `overloaded` when the traffic meets or exceeds the agents;
/// `invalid_parameter` for 0 agents or an impossible workload.
#[wasm_bindgen(js_name = erlangC, unchecked_return_type = "ErlangC")]
pub fn erlang_c(
    #[wasm_bindgen(js_name = workload, unchecked_param_type = "Workload")] load: JsValue,
    #[wasm_bindgen(js_name = agents)] agent_count: f64,
    #[wasm_bindgen(js_name = answerWithinS)] answer_within_s: f64,
) -> Result<JsValue> {
    let queue = ErlangC::new(&workload(&load)?, agents(agent_count)?)?;
    let within = try_seconds(answer_within_s)?;
    Ok(Obj::new()
        .num("trafficErlangs", queue.traffic())
        .num("probWait", queue.prob_wait())
        .num("serviceLevelPct", queue.service_level_pct(within))
        .num("asaS", queue.asa_secs())
        .num("occupancyPct", queue.occupancy_pct())
        .done())
}

/// Erlang A (M/M/N+M) for `agents` agents on a workload whose callers
/// abandon after an exponential patience of mean `meanPatienceS` seconds;
/// with `answerWithinS`, the service level too.
///
/// # Errors
///
/// `invalid_parameter` for 0 agents, a patience of 0 or an impossible
/// workload.
#[wasm_bindgen(js_name = erlangA, unchecked_return_type = "ErlangA")]
pub fn erlang_a(
    #[wasm_bindgen(js_name = workload, unchecked_param_type = "Workload")] load: JsValue,
    #[wasm_bindgen(js_name = agents)] agent_count: f64,
    #[wasm_bindgen(js_name = meanPatienceS)] mean_patience_s: f64,
    #[wasm_bindgen(js_name = answerWithinS)] answer_within_s: Option<f64>,
) -> Result<JsValue> {
    let load = workload(&load)?;
    let queue = ErlangA::new(&load, agents(agent_count)?, try_seconds(mean_patience_s)?)?;
    let object = Obj::new()
        .num("trafficErlangs", queue.traffic())
        .num("probWait", queue.prob_wait())
        .num("probAbandon", queue.prob_abandon())
        .num("abandonmentPct", queue.abandonment_pct())
        .num("meanWaitS", queue.mean_wait_secs())
        .num("asaS", queue.asa_secs())
        .num("occupancyPct", queue.occupancy_pct());
    Ok(match answer_within_s {
        Some(secs) => object.num(
            "serviceLevelPct",
            queue.service_level_pct(try_seconds(secs)?),
        ),
        None => object,
    }
    .done())
}

/// The staffing target of the goals object.
fn target(value: &JsValue) -> Result<StaffingTarget> {
    let mut fields = Fields::of("goals", value)?;
    let service_level = fields.number_or_none("serviceLevelPct")?;
    let within = fields.number_or_none("answerWithinS")?;
    let max_asa = fields.number_or_none("maxAsaS")?;
    let max_prob_wait = fields.number_or_none("maxProbWait")?;
    let max_occupancy = fields.number_or_none("maxOccupancyPct")?;
    let max_abandonment = fields.number_or_none("maxAbandonmentPct")?;
    fields.finish()?;
    let mut target = StaffingTarget::new();
    if let Some(pct) = service_level {
        // A service level is measured within a time; 20 s is the usual one
        // (80/20), but it must be said.
        let within = within
            .ok_or_else(|| Error::missing_parameter("answerWithinS", "a service-level goal"))?;
        target = target.service_level(Percent::new(pct)?, try_seconds(within)?)?;
    }
    if let Some(secs) = max_asa {
        target = target.max_asa(try_seconds(secs)?)?;
    }
    if let Some(prob) = max_prob_wait {
        target = target.max_prob_wait(Probability::new(prob)?)?;
    }
    if let Some(pct) = max_occupancy {
        target = target.max_occupancy(Percent::new(pct)?)?;
    }
    if let Some(pct) = max_abandonment {
        target = target.max_abandonment(Percent::new(pct)?)?;
    }
    Ok(target)
}

/// The least number of agents that meets every goal on a workload: Erlang
/// C, or Erlang A when `meanPatienceS` is given.
///
/// # Errors
///
/// `invalid_parameter` for an impossible goal, a service level without its
/// `answerWithinS`, or a patience of 0; `overloaded` when no number of
/// agents the model supports meets the goals.
#[wasm_bindgen(js_name = agentsRequired, unchecked_return_type = "Performance")]
pub fn agents_required(
    #[wasm_bindgen(js_name = workload, unchecked_param_type = "Workload")] load: JsValue,
    #[wasm_bindgen(unchecked_param_type = "StaffingGoals")] goals: JsValue,
    #[wasm_bindgen(js_name = meanPatienceS)] mean_patience_s: Option<f64>,
) -> Result<JsValue> {
    let load = workload(&load)?;
    let target = target(&goals)?;
    let model = match mean_patience_s {
        Some(secs) => Model::ErlangA {
            patience: try_seconds(secs)?,
        },
        None => Model::ErlangC,
    };
    let p = target.agents_required(&load, model)?;
    let object = Obj::new()
        .num("agents", p.agents().into())
        .num("probWait", p.prob_wait().get())
        .num("asaS", p.asa_secs())
        .num("meanWaitS", p.mean_wait_secs())
        .num("abandonmentPct", p.abandonment().get())
        .num("occupancyPct", p.occupancy().get());
    let object = match p.service_level() {
        Some(pct) => object.num("serviceLevelPct", pct.get()),
        None => object,
    };
    Ok(match p.fractional_agents() {
        Some(x) => object.num("fractionalAgents", x),
        None => object,
    }
    .done())
}

/// The agents to schedule so that `agents` are available after a
/// shrinkage of `shrinkagePct` percent: ⌈agents / (1 − shrinkage)⌉.
///
/// # Errors
///
/// `invalid_parameter` unless 0 ≤ shrinkage < 100; `overflow` beyond
/// 2³² − 1 agents.
#[wasm_bindgen(js_name = scheduledAgents)]
pub fn scheduled_agents(
    #[wasm_bindgen(js_name = agents)] agent_count: f64,
    #[wasm_bindgen(js_name = shrinkagePct)] shrinkage_pct: f64,
) -> Result<f64> {
    let scheduled = Shrinkage::from_pct(shrinkage_pct)?.scheduled(agents(agent_count)?)?;
    Ok(scheduled.into())
}

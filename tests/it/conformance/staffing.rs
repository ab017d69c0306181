//! The staffing family (`staffing.json`): Erlang C, Erlang A, agents required.

use cxkpi::staffing::{ErlangA, ErlangC, Model, StaffingTarget, Workload};
use cxkpi::{Percent, try_seconds};

use super::{Actual, COUNT, Input, Outputs, Runner, SECONDS, Shape, Stop};

/// A float, such as a forecast of calls or a percentage.
const NUMBER: Shape<f64> = Shape {
    what: "a number",
    read: serde_json::Value::as_f64,
};

/// The runner of `metric`, if this family has it.
pub(super) fn runner(metric: &str, _input: &Input<'_>) -> Option<Runner> {
    Some(match metric {
        "erlang_c" => erlang_c,
        "erlang_a" => erlang_a,
        "agents_required" => agents_required,
        _ => return None,
    })
}

/// The workload fields every staffing metric shares.
fn workload(input: &mut Input<'_>) -> Result<Result<Workload, cxkpi::Error>, Stop> {
    let calls = input.get("calls", &NUMBER)?;
    let interval = input.get("interval_s", &SECONDS)?;
    let aht = input.get("aht_s", &SECONDS)?;
    Ok(Workload::from_secs(calls, interval, aht))
}

/// Agents as the library's `u32`; a count beyond it saturates, which the
/// library refuses as too many agents.
fn agents(input: &mut Input<'_>) -> Result<u32, Stop> {
    let agents = input.get("agents", &COUNT)?;
    Ok(u32::try_from(agents).unwrap_or(u32::MAX))
}

/// Erlang C for a workload, a number of agents and an answer time.
fn erlang_c(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let load = workload(&mut input)?;
    let agents = agents(&mut input)?;
    let within = input.get("target_answer_s", &SECONDS)?;
    input.finish()?;
    let load = load?;
    let queue = ErlangC::new(&load, agents)?;
    Ok(vec![
        ("traffic_erlangs", Actual::Number(queue.traffic())),
        ("prob_wait", Actual::Number(queue.prob_wait())),
        (
            "service_level_pct",
            Actual::Number(queue.service_level_pct(try_seconds(within)?)),
        ),
        ("asa_s", Actual::Number(queue.asa_secs())),
        ("occupancy_pct", Actual::Number(queue.occupancy_pct())),
    ])
}

/// Erlang A for a workload, a number of agents and a mean patience.
fn erlang_a(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let load = workload(&mut input)?;
    let agents = agents(&mut input)?;
    let patience = input.get("mean_patience_s", &SECONDS)?;
    input.finish()?;
    let load = load?;
    let queue = ErlangA::new(&load, agents, try_seconds(patience)?)?;
    Ok(vec![
        ("traffic_erlangs", Actual::Number(queue.traffic())),
        ("prob_wait", Actual::Number(queue.prob_wait())),
        ("prob_abandon", Actual::Number(queue.prob_abandon())),
        ("mean_wait_s", Actual::Number(queue.mean_wait_secs())),
        ("asa_s", Actual::Number(queue.asa_secs())),
        ("occupancy_pct", Actual::Number(queue.occupancy_pct())),
    ])
}

/// The least Erlang C staffing meeting a service level and, when given, an
/// occupancy cap.
fn agents_required(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let load = workload(&mut input)?;
    let sl = input.get("target_service_level_pct", &NUMBER)?;
    let within = input.get("target_answer_s", &SECONDS)?;
    let occupancy = input.get_optional("max_occupancy_pct", &NUMBER)?;
    input.finish()?;
    let load = load?;
    // The vectors give percentages (0–100), as their names say.
    let mut target =
        StaffingTarget::new().service_level(Percent::new(sl)?, try_seconds(within)?)?;
    if let Some(pct) = occupancy {
        target = target.max_occupancy(Percent::new(pct)?)?;
    }
    let staffed = target.agents_required(&load, Model::ErlangC)?;
    Ok(vec![("agents", Actual::Count(u64::from(staffed.agents())))])
}

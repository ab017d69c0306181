//! The operations family (`operations.json`): duration statistics, ASA,
//! service level and ticket volume.

use super::{Actual, COUNT, Input, Outputs, Runner, SECONDS, Shape, Stop};
use cxkpi::DurationSample;
use cxkpi::{
    AbandonTreatment, ServiceLevelCounts, ServiceLevelTally, ShortAbandons, TicketVolume, WaitTally,
};

/// A string, such as a customer id.
const TEXT: Shape<String> = Shape {
    what: "a string",
    read: |value| value.as_str().map(str::to_owned),
};

/// Dispatches on the metric and, for the service level, on the input form.
pub(super) fn runner(metric: &str, input: &Input<'_>) -> Option<Runner> {
    Some(match metric {
        "duration_stats" => duration_stats,
        "asa" => asa,
        "service_level" if input.has("answered") => service_level_from_counts,
        "service_level" => service_level_from_waits,
        "ticket_volume" => ticket_volume,
        _ => return None,
    })
}

/// Count, mean, median and p90 of durations, exactly.
fn duration_stats(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let secs = input.list("durations_s", &SECONDS)?;
    input.finish()?;
    let stats = DurationSample::from_secs(&secs)?.summary()?;
    Ok(vec![
        ("count", Actual::Count(stats.count())),
        ("mean_s", Actual::Number(stats.mean_secs())),
        ("median_s", Actual::Number(stats.median_secs())),
        ("p90_s", Actual::Number(stats.p90_secs())),
    ])
}

/// The mean wait of answered contacts.
fn asa(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let waits = input.list("answer_waits_s", &SECONDS)?;
    input.finish()?;
    let asa = WaitTally::from_float_secs(&waits, &[])?.asa()?;
    Ok(vec![("asa_s", Actual::Number(asa.secs()))])
}

/// The treatment named by `abandons`; an unknown name is a runner failure,
/// not a library error, since the library takes the enum.
fn treatment(input: &mut Input<'_>) -> Result<AbandonTreatment, Stop> {
    let name = input.text("abandons")?;
    AbandonTreatment::from_name(name)
        .ok_or_else(|| Stop::CannotRun(format!("unknown abandon treatment `{name}`")))
}

/// Service level from answered and abandoned waits.
fn service_level_from_waits(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let answered = input.list("answer_waits_s", &SECONDS)?;
    let abandoned = input.list("abandon_waits_s", &SECONDS)?;
    let threshold = input.get("threshold_s", &SECONDS)?;
    let short = input.get_optional("short_abandon_below_s", &SECONDS)?;
    let treatment = treatment(&mut input)?;
    input.finish()?;
    let short = match short {
        Some(secs) => ShortAbandons::below_secs(secs)?,
        None => ShortAbandons::None,
    };
    let empty = ServiceLevelTally::with_threshold_secs(threshold, short)?;
    let tally =
        ServiceLevelTally::from_float_secs(empty.threshold(), short, &answered, &abandoned)?;
    let rate = tally.service_level(treatment)?;
    Ok(vec![("service_level_pct", Actual::Number(rate.percent()))])
}

/// Service level from the five counts.
fn service_level_from_counts(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let answered = input.get("answered", &COUNT)?;
    let answered_within = input.get("answered_within", &COUNT)?;
    let abandoned = input.get("abandoned", &COUNT)?;
    let abandoned_within = input.get("abandoned_within", &COUNT)?;
    let short = input.get_optional("short_abandoned", &COUNT)?;
    let treatment = treatment(&mut input)?;
    input.finish()?;
    let counts = ServiceLevelCounts::from_counts(
        answered,
        answered_within,
        abandoned,
        abandoned_within,
        short,
    )?;
    let rate = counts.service_level(treatment)?;
    Ok(vec![("service_level_pct", Actual::Number(rate.percent()))])
}

/// Tickets, distinct customers and tickets per customer.
fn ticket_volume(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let ids = input.list("customer_ids", &TEXT)?;
    input.finish()?;
    let volume: TicketVolume<String> = ids.into_iter().collect();
    Ok(vec![
        ("tickets", Actual::Count(volume.tickets()?)),
        ("customers", Actual::Count(volume.customers()?)),
        (
            "tickets_per_customer",
            Actual::Number(volume.tickets_per_customer()?),
        ),
    ])
}

//! The core family (`core.json`): the eight headline KPIs.

use cxkpi::{
    AbandonmentTally, AhtTally, CesTally, CostTally, CsatRule, CsatTally, FcrTally, HandleTime,
    Money, NpsRating, NpsTally, Resolution, RetentionTally, Scale, Score, ShortAbandons,
    try_seconds,
};

use super::{Actual, COUNT, INTEGER, Input, Outputs, Runner, SCALE, SECONDS, Stop};

/// Dispatches on the metric and, where a metric has two input forms, on the
/// field that only one form has; the other fields are checked by each form.
pub(super) fn runner(metric: &str, input: &Input<'_>) -> Option<Runner> {
    Some(match metric {
        "nps" if input.has("scores") => nps_from_scores,
        "nps" => nps_from_counts,
        "csat" => csat,
        "ces" => ces,
        "retention" => retention,
        "abandonment" if input.has("abandon_waits_s") => abandonment_from_waits,
        "abandonment" => abandonment_from_counts,
        "fcr" if input.has("contacts_per_resolved_request") => fcr_from_contacts,
        "fcr" => fcr_from_counts,
        "aht" if input.has("contacts") => aht_from_contacts,
        "aht" => aht_from_totals,
        "cost_per_conversation" => cost_per_conversation,
        _ => return None,
    })
}

/// Narrows integer scores to the `u8`s that the slice constructors take. A
/// score that does not fit a `u8` lies off every scale: `wide` hands it to
/// the library's `i64` constructor, so that the library reports the error.
fn narrow_scores(
    scores: &[i64],
    wide: impl Fn(i64) -> Result<u8, cxkpi::Error>,
) -> Result<Vec<u8>, cxkpi::Error> {
    scores
        .iter()
        .map(|&score| u8::try_from(score).or_else(|_| wide(score)))
        .collect()
}

/// The scale `[min, max]`, through the library's integer door, which
/// refuses a bound beyond `u8` as the impossible parameter it is.
fn scale(min: i64, max: i64) -> Result<Scale, Stop> {
    Ok(Scale::from_i64(min, max)?)
}

// The metrics: one function per metric and input form. Each reads every
// field first (a shape error stops the case before the library sees
// anything), then calls the library.

/// NPS from raw 0–10 scores, through `NpsTally::from_scores`.
fn nps_from_scores(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let scores = input.list("scores", &INTEGER)?;
    input.finish()?;
    let scores = narrow_scores(&scores, |s| NpsRating::try_from(s).map(NpsRating::get))?;
    nps_outputs(&NpsTally::from_scores(&scores)?)
}

/// NPS from promoter, passive and detractor counts.
fn nps_from_counts(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let promoters = input.get("promoters", &COUNT)?;
    let passives = input.get("passives", &COUNT)?;
    let detractors = input.get("detractors", &COUNT)?;
    input.finish()?;
    nps_outputs(&NpsTally::from_counts(promoters, passives, detractors)?)
}

/// The NPS outputs, shared by both input forms.
fn nps_outputs(tally: &NpsTally) -> Result<Outputs, Stop> {
    let nps = tally.nps()?;
    Ok(vec![
        ("nps", Actual::Number(nps.score())),
        ("promoters_pct", Actual::Number(nps.promoters_pct())),
        ("passives_pct", Actual::Number(nps.passives_pct())),
        ("detractors_pct", Actual::Number(nps.detractors_pct())),
        ("responses", Actual::Count(nps.responses())),
    ])
}

/// CSAT from raw scores on a declared scale, satisfied from a threshold.
fn csat(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let scores = input.list("scores", &INTEGER)?;
    let (min, max) = input.get("scale", &SCALE)?;
    let satisfied_from = input.get("satisfied_from", &INTEGER)?;
    input.finish()?;
    let scale = scale(min, max)?;
    let rule = CsatRule::from_i64(scale, satisfied_from)?;
    let scores = narrow_scores(&scores, |s| scale.score_i64(s).map(Score::get))?;
    let csat = CsatTally::from_scores(rule, &scores)?.csat()?;
    Ok(vec![
        ("csat", Actual::Number(csat.percent())),
        ("satisfied", Actual::Count(csat.part())),
        ("responses", Actual::Count(csat.whole())),
    ])
}

/// CES, the mean score on a declared scale.
fn ces(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let scores = input.list("scores", &INTEGER)?;
    let (min, max) = input.get("scale", &SCALE)?;
    input.finish()?;
    let scale = scale(min, max)?;
    let scores = narrow_scores(&scores, |s| scale.score_i64(s).map(Score::get))?;
    let ces = CesTally::from_scores(scale, &scores)?.ces()?;
    Ok(vec![
        ("mean", Actual::Number(ces.mean())),
        ("responses", Actual::Count(ces.responses())),
    ])
}

/// Retention and churn from the customers at the start, at the end and new.
fn retention(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let at_start = input.get("customers_at_start", &COUNT)?;
    let at_end = input.get("customers_at_end", &COUNT)?;
    let new = input.get("new_customers", &COUNT)?;
    input.finish()?;
    let tally = RetentionTally::from_counts(at_start, at_end, new)?;
    Ok(vec![
        (
            "retention_pct",
            Actual::Number(tally.retention()?.percent()),
        ),
        ("churn_pct", Actual::Number(tally.churn()?.percent())),
    ])
}

/// Abandonment from offered and abandoned counts, short abandons optional.
fn abandonment_from_counts(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let offered = input.get("offered", &COUNT)?;
    let abandoned = input.get("abandoned", &COUNT)?;
    let short = input.get_optional("short_abandoned", &COUNT)?.unwrap_or(0);
    input.finish()?;
    let rate = AbandonmentTally::from_counts(offered, abandoned, short)?.abandonment()?;
    Ok(vec![("abandonment_pct", Actual::Number(rate.percent()))])
}

/// Abandonment from answered contacts and the waits of the abandoned ones;
/// seconds become `Duration`s through the library's `try_seconds`.
fn abandonment_from_waits(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let answered = input.get("answered", &COUNT)?;
    let waits = input.list("abandon_waits_s", &SECONDS)?;
    let short_below = input.get("short_abandon_below_s", &SECONDS)?;
    input.finish()?;
    let waits = waits
        .into_iter()
        .map(try_seconds)
        .collect::<Result<Vec<_>, _>>()?;
    let rule = ShortAbandons::below_secs(short_below)?;
    let rate = AbandonmentTally::from_abandon_waits(rule, answered, &waits)?.abandonment()?;
    Ok(vec![("abandonment_pct", Actual::Number(rate.percent()))])
}

/// FCR from the number of contacts each resolved request took.
fn fcr_from_contacts(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let contacts = input.list("contacts_per_resolved_request", &INTEGER)?;
    input.finish()?;
    // The batch path takes `u32`; a count beyond it (or below 0) goes through
    // the library's `i64` door, which reports it.
    let tally = match contacts
        .iter()
        .map(|&c| u32::try_from(c))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(batch) => FcrTally::from_contact_counts(&batch)?,
        Err(_) => contacts
            .into_iter()
            .map(Resolution::try_from)
            .collect::<Result<FcrTally, _>>()?,
    };
    let rate = tally.fcr()?;
    Ok(vec![("fcr_pct", Actual::Number(rate.percent()))])
}

/// FCR from counts of resolutions.
fn fcr_from_counts(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let first = input.get("resolved_on_first_contact", &COUNT)?;
    let resolved = input.get("resolved", &COUNT)?;
    input.finish()?;
    let rate = FcrTally::from_counts(first, resolved)?.fcr()?;
    Ok(vec![("fcr_pct", Actual::Number(rate.percent()))])
}

/// AHT from talk, hold and wrap totals over the handled contacts; the totals
/// are validated as one `HandleTime`.
fn aht_from_totals(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let talk = input.get("talk_s", &SECONDS)?;
    let hold = input.get("hold_s", &SECONDS)?;
    let wrap = input.get("wrap_s", &SECONDS)?;
    let handled = input.get("handled", &COUNT)?;
    input.finish()?;
    let totals = HandleTime::from_secs(talk, hold, wrap)?;
    let tally = AhtTally::from_counts(handled, totals.talk, totals.hold, totals.wrap)?;
    Ok(vec![("aht_s", Actual::Number(tally.aht()?.secs()))])
}

/// AHT from a list of contacts, each `{talk_s, hold_s, wrap_s}`.
fn aht_from_contacts(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let mut components = Vec::new();
    for mut contact in input.objects("contacts")? {
        let talk = contact.get("talk_s", &SECONDS)?;
        let hold = contact.get("hold_s", &SECONDS)?;
        let wrap = contact.get("wrap_s", &SECONDS)?;
        contact.finish()?;
        components.push((talk, hold, wrap));
    }
    input.finish()?;
    let contacts = components
        .into_iter()
        .map(|(talk, hold, wrap)| HandleTime::from_secs(talk, hold, wrap))
        .collect::<Result<Vec<_>, _>>()?;
    let aht = AhtTally::from_contacts(&contacts)?.aht()?;
    Ok(vec![("aht_s", Actual::Number(aht.secs()))])
}

/// Cost per conversation: a decimal-string total parsed as `Money`, divided exactly.
fn cost_per_conversation(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let total = input.text("total_cost")?;
    let conversations = input.get("conversations", &COUNT)?;
    input.finish()?;
    let total: Money = total.parse()?;
    let per = CostTally::from_counts(total, conversations)?.cost_per_unit()?;
    Ok(vec![("cost_per_conversation", Actual::Money(per.get()))])
}

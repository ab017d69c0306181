//! The statistics family (`statistics.json`): intervals, tests of change
//! and sample sizes.

use cxkpi::MeanTally;
use cxkpi::stats::{
    Confidence, NpsMethod, RateMethod, nps_difference_test, nps_sample_size, rate_sample_size,
    two_rates_test,
};
use cxkpi::{NpsTally, Rate};

use super::{Actual, COUNT, Input, Outputs, Runner, SECONDS, Shape, Stop};

/// Any number: a confidence level, a percentage, a value.
const NUMBER: Shape<f64> = SECONDS;

/// Dispatches on the metric.
pub(super) fn runner(metric: &str, _input: &Input<'_>) -> Option<Runner> {
    Some(match metric {
        "rate_interval" => rate_interval,
        "two_rates_test" => two_rates,
        "mean_interval" => mean_interval,
        "sample_size" => sample_size,
        "nps_interval" => nps_interval,
        "nps_difference_test" => nps_difference,
        "nps_sample_size" => nps_size,
        _ => return None,
    })
}

fn confidence(input: &mut Input<'_>) -> Result<Confidence, Stop> {
    Ok(Confidence::new(input.get("confidence", &NUMBER)?)?)
}

fn rate_interval(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let successes = input.get("successes", &COUNT)?;
    let trials = input.get("trials", &COUNT)?;
    let confidence = confidence(&mut input)?;
    let name = input.text("method")?;
    input.finish()?;
    let method = RateMethod::from_name(name)
        .ok_or_else(|| Stop::CannotRun(format!("unknown rate interval method `{name}`")))?;
    let interval = Rate::new(successes, trials)?.interval(confidence, method);
    Ok(vec![
        ("low_pct", Actual::Number(interval.low())),
        ("high_pct", Actual::Number(interval.high())),
    ])
}

fn two_rates(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let a = Rate::new(
        input.get("successes_a", &COUNT)?,
        input.get("trials_a", &COUNT)?,
    )?;
    let b = Rate::new(
        input.get("successes_b", &COUNT)?,
        input.get("trials_b", &COUNT)?,
    )?;
    input.finish()?;
    let test = two_rates_test(a, b);
    Ok(vec![
        ("z", Actual::Number(test.statistic())),
        ("p_value", Actual::Number(test.p_value())),
    ])
}

fn mean_interval(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let values = input.list("values", &NUMBER)?;
    let confidence = confidence(&mut input)?;
    input.finish()?;
    let interval = MeanTally::from_values(&values)?.mean_interval(confidence)?;
    Ok(vec![
        ("mean", Actual::Number(interval.estimate())),
        ("low", Actual::Number(interval.low())),
        ("high", Actual::Number(interval.high())),
    ])
}

fn sample_size(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let margin = input.get("margin_pct", &NUMBER)?;
    let confidence = confidence(&mut input)?;
    let expected = input.get("expected_pct", &NUMBER)?;
    let population = input.get_optional("population", &COUNT)?;
    input.finish()?;
    let n = rate_sample_size(margin, confidence, expected, population)?;
    Ok(vec![("responses", Actual::Count(n))])
}

/// An NPS from the `promoters`, `passives` and `detractors` of `input`.
fn nps(input: &mut Input<'_>) -> Result<cxkpi::Nps, Stop> {
    let promoters = input.get("promoters", &COUNT)?;
    let passives = input.get("passives", &COUNT)?;
    let detractors = input.get("detractors", &COUNT)?;
    Ok(NpsTally::from_counts(promoters, passives, detractors)?.nps()?)
}

fn nps_interval(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let confidence = confidence(&mut input)?;
    let name = input.text("method")?;
    let nps = nps(&mut input);
    input.finish()?;
    let method = NpsMethod::from_name(name)
        .ok_or_else(|| Stop::CannotRun(format!("unknown NPS interval method `{name}`")))?;
    let interval = nps?.interval(confidence, method);
    Ok(vec![
        ("low", Actual::Number(interval.low())),
        ("high", Actual::Number(interval.high())),
    ])
}

fn nps_difference(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let mut sides = Vec::new();
    for side in ["a", "b"] {
        let value = input
            .optional_field(side)
            .ok_or_else(|| Stop::CannotRun(format!("input lacks `{side}`")))?;
        let mut group = Input::new(format!("input.{side}"), value)?;
        let nps = nps(&mut group)?;
        group.finish()?;
        sides.push(nps);
    }
    input.finish()?;
    let test = nps_difference_test(&sides[0], &sides[1]);
    Ok(vec![
        ("difference", Actual::Number(test.difference())),
        ("z", Actual::Number(test.statistic())),
        ("p_value", Actual::Number(test.p_value())),
    ])
}

fn nps_size(mut input: Input<'_>) -> Result<Outputs, Stop> {
    let margin = input.get("margin_points", &NUMBER)?;
    let confidence = confidence(&mut input)?;
    let promoters = input.get("promoters_pct", &NUMBER)?;
    let detractors = input.get("detractors_pct", &NUMBER)?;
    input.finish()?;
    let n = nps_sample_size(margin, confidence, promoters, detractors)?;
    Ok(vec![("responses", Actual::Count(n))])
}

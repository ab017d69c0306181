//! Statistics: intervals, tests of change and sample sizes.

use cxkpi::MeanTally;
use cxkpi::Rate;
use cxkpi::stats::{
    Comparison, Confidence, Interval, RateMethod, nps_difference_test, nps_sample_size as nps_size,
    rate_sample_size as rate_size, two_rates_test as two_rates,
};
use wasm_bindgen::prelude::*;

use crate::js::{Obj, Result, count, named};
use crate::survey::NpsTally;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A confidence interval around an estimate, in the estimate's unit. */
export interface Interval { estimate: number; low: number; high: number; confidence: number }
/** A two-sided test of a − b: the difference, the z statistic and the p-value. */
export interface Comparison { difference: number; z: number; pValue: number }
/** A method of confidence interval for a rate. */
export type RateMethod = "wilson" | "wald" | "agresti_coull" | "clopper_pearson" | "jeffreys";
"#;

/// An interval as a plain object `{estimate, low, high, confidence}`.
pub(crate) fn interval_object(interval: Interval) -> JsValue {
    Obj::new()
        .num("estimate", interval.estimate())
        .num("low", interval.low())
        .num("high", interval.high())
        .num("confidence", interval.confidence().get())
        .done()
}

/// A test as a plain object `{difference, z, pValue}`.
fn comparison_object(test: Comparison) -> JsValue {
    Obj::new()
        .num("difference", test.difference())
        .num("z", test.statistic())
        .num("pValue", test.p_value())
        .done()
}

/// A confidence interval, in percent, for the rate `successes` of `trials`
/// (CSAT, FCR, a service level…): `"wilson"` (the default), `"wald"`,
/// `"agresti_coull"`, `"clopper_pearson"` or `"jeffreys"`.
///
/// # Errors
///
/// `empty` for 0 trials; `inconsistent` for more successes than trials;
/// `invalid_parameter` for a confidence outside (0, 1) or an unknown
/// method.
#[wasm_bindgen(js_name = rateInterval, unchecked_return_type = "Interval")]
pub fn rate_interval(
    successes: f64,
    trials: f64,
    confidence: f64,
    method: Option<String>,
) -> Result<JsValue> {
    let rate = Rate::new(count("successes", successes)?, count("trials", trials)?)?;
    let method = match method.as_deref() {
        None => RateMethod::default(),
        Some(name) => named(
            "rate interval method",
            name,
            &RateMethod::ALL,
            RateMethod::as_str,
        )?,
    };
    Ok(interval_object(
        rate.interval(Confidence::new(confidence)?, method),
    ))
}

/// The pooled two-proportion z-test of the rates a and b: has the rate
/// changed? The difference is in percentage points.
///
/// # Errors
///
/// `empty` for 0 trials; `inconsistent` for more successes than trials.
#[wasm_bindgen(js_name = twoRatesTest, unchecked_return_type = "Comparison")]
pub fn two_rates_test(
    #[wasm_bindgen(js_name = successesA)] successes_a: f64,
    #[wasm_bindgen(js_name = trialsA)] trials_a: f64,
    #[wasm_bindgen(js_name = successesB)] successes_b: f64,
    #[wasm_bindgen(js_name = trialsB)] trials_b: f64,
) -> Result<JsValue> {
    let a = Rate::new(
        count("successes a", successes_a)?,
        count("trials a", trials_a)?,
    )?;
    let b = Rate::new(
        count("successes b", successes_b)?,
        count("trials b", trials_b)?,
    )?;
    Ok(comparison_object(two_rates(a, b)))
}

/// The Student t confidence interval of the mean of `values` (CES scores,
/// handle times…).
///
/// # Errors
///
/// `empty` for fewer than two values; `out_of_range` for a NaN or infinite
/// value; `invalid_parameter` for a confidence outside (0, 1).
#[wasm_bindgen(js_name = meanInterval, unchecked_return_type = "Interval")]
pub fn mean_interval(values: &[f64], confidence: f64) -> Result<JsValue> {
    let tally = MeanTally::from_values(values)?;
    Ok(interval_object(
        tally.mean_interval(Confidence::new(confidence)?)?,
    ))
}

/// The responses a survey needs to measure a rate within ± `marginPct`
/// points, given the expected rate in percent (50 in the worst case) and,
/// optionally, the population it is drawn from.
///
/// # Errors
///
/// `invalid_parameter` for a margin or expected rate outside (0, 100), a
/// confidence outside (0, 1), or a population of 0.
#[wasm_bindgen(js_name = rateSampleSize)]
pub fn rate_sample_size(
    #[wasm_bindgen(js_name = marginPct)] margin_pct: f64,
    confidence: f64,
    #[wasm_bindgen(js_name = expectedPct)] expected_pct: f64,
    population: Option<f64>,
) -> Result<f64> {
    let population = population.map(|n| count("population", n)).transpose()?;
    let n = rate_size(
        margin_pct,
        Confidence::new(confidence)?,
        expected_pct,
        population,
    )?;
    Ok(n as f64)
}

/// The z-test of the difference between the NPS of two tallies, a − b, in
/// NPS points.
///
/// # Errors
///
/// `empty` when a tally has no responses.
#[wasm_bindgen(js_name = npsDifferenceTest, unchecked_return_type = "Comparison")]
pub fn nps_difference(a: &NpsTally, b: &NpsTally) -> Result<JsValue> {
    Ok(comparison_object(nps_difference_test(
        &a.0.nps()?,
        &b.0.nps()?,
    )))
}

/// The responses an NPS survey needs for a margin of ± `marginPoints` NPS
/// points, given the expected shares of promoters and detractors in percent
/// (50 and 50 in the worst case).
///
/// # Errors
///
/// `invalid_parameter` for a margin outside (0, 100), shares outside
/// 0–100 or summing above 100, or a confidence outside (0, 1).
#[wasm_bindgen(js_name = npsSampleSize)]
pub fn nps_sample_size(
    #[wasm_bindgen(js_name = marginPoints)] margin_points: f64,
    confidence: f64,
    #[wasm_bindgen(js_name = promotersPct)] promoters_pct: f64,
    #[wasm_bindgen(js_name = detractorsPct)] detractors_pct: f64,
) -> Result<f64> {
    let n = nps_size(
        margin_points,
        Confidence::new(confidence)?,
        promoters_pct,
        detractors_pct,
    )?;
    Ok(n as f64)
}

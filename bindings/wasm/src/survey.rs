//! Surveys: `NpsTally`, `CsatTally` and `CesTally`.

use cxkpi::stats::{Confidence, NpsMethod};
use cxkpi::{Domain, Error, Merge, NpsRating, Scale, Score, Tally};
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use crate::js::{Fail, Fields, Obj, Result, count, each, named, numbers, parameter, whole};
use crate::stats::interval_object;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A share: `part` of `whole` and its percentage. */
export interface Rate { percent: number; part: number; whole: number }
/** A Net Promoter Score and its shares, in percent. */
export interface Nps {
  nps: number; promotersPct: number; passivesPct: number; detractorsPct: number; responses: number;
}
/** CSAT's rule: a score of `satisfiedFrom` or more on `scale` [min, max] is satisfied. */
export interface CsatRule { scale: [number, number]; satisfiedFrom: number }
/** A Customer Effort Score: the mean score. */
export interface Ces { mean: number; responses: number }
/** An NPS tally's counts, as `toJSON` gives them. */
export interface NpsCounts { promoters: number; passives: number; detractors: number }
/** A CSAT tally's rule and counts, as `toJSON` gives them. */
export interface CsatCounts { rule: CsatRule; satisfied: number; responses: number }
/** Scores: a Uint8Array (the fast path), or an array of numbers, each checked. */
export type Scores = Uint8Array | number[];
"#;

/// A rate as a plain object `{percent, part, whole}`.
pub(crate) fn rate_object(rate: cxkpi::Rate) -> JsValue {
    Obj::new()
        .num("percent", rate.percent())
        .count("part", rate.part())
        .count("whole", rate.whole())
        .done()
}

/// The bytes of `scores`: a `Uint8Array` as is, or an array of numbers,
/// each checked by `one` (a byte array would wrap 256 to 0, silently).
pub(crate) fn scores(
    scores: &JsValue,
    one: &dyn Fn(f64) -> core::result::Result<u8, Error>,
) -> Result<Vec<u8>> {
    if let Some(bytes) = scores.dyn_ref::<Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    Ok(each(&numbers(scores, "scores")?, one)?)
}

/// An NPS rating from any number.
pub(crate) fn rating(score: f64) -> core::result::Result<NpsRating, Error> {
    whole(
        "NPS rating",
        score,
        Domain::Between { min: 0, max: 10 },
        NpsRating::try_from,
    )
}

/// The score `value` on `scale`, from any number.
pub(crate) fn score(scale: Scale, value: f64) -> core::result::Result<Score, Error> {
    let allowed = Domain::Between {
        min: scale.min().into(),
        max: scale.max().into(),
    };
    whole("score", value, allowed, |n| scale.score_i64(n))
}

/// The scale `[min, max]` of a JavaScript array of two integers.
fn scale_of(value: &JsValue) -> Result<Scale> {
    let bounds = numbers(value, "scale")?;
    let [min, max] = bounds[..] else {
        return Err(Fail::Type("scale must be [min, max]".into()));
    };
    let bound = |v: f64| parameter("scale bound", v, Domain::Between { min: 0, max: 255 });
    Ok(Scale::from_i64(bound(min)?, bound(max)?)?)
}

/// The Net Promoter Score tally: promoters (9–10), passives (7–8) and
/// detractors (0–6).
#[wasm_bindgen]
#[derive(Clone, Default)]
pub struct NpsTally(pub(crate) cxkpi::NpsTally);

#[wasm_bindgen]
impl NpsTally {
    /// The empty tally.
    #[wasm_bindgen(constructor)]
    pub fn new() -> NpsTally {
        NpsTally::default()
    }

    /// The tally of raw 0–10 scores: a `Uint8Array` in one vectorised pass,
    /// or an array of numbers.
    ///
    /// # Errors
    ///
    /// `out_of_range` for the first score that is not an integer in 0–10.
    #[wasm_bindgen(js_name = fromScores)]
    pub fn from_scores(
        #[wasm_bindgen(js_name = scores, unchecked_param_type = "Scores")] values: JsValue,
    ) -> Result<NpsTally> {
        let bytes = scores(&values, &|v| rating(v).map(NpsRating::get))?;
        Ok(NpsTally(cxkpi::NpsTally::from_scores(&bytes)?))
    }

    /// The tally of known counts.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a count that is not a whole number from 0 to
    /// 2⁵³ − 1.
    #[wasm_bindgen(js_name = fromCounts)]
    pub fn from_counts(promoters: f64, passives: f64, detractors: f64) -> Result<NpsTally> {
        Ok(NpsTally(cxkpi::NpsTally::from_counts(
            count("promoters", promoters)?,
            count("passives", passives)?,
            count("detractors", detractors)?,
        )?))
    }

    /// Adds one score.
    ///
    /// # Errors
    ///
    /// `out_of_range` unless the score is an integer in 0–10; `overflow`
    /// past 2⁶⁴ − 1 responses. The tally is then unchanged.
    pub fn record(&mut self, score: f64) -> Result<()> {
        Ok(self.0.try_record(rating(score)?)?)
    }

    /// Adds the responses of `other`.
    ///
    /// # Errors
    ///
    /// `overflow` when a count would pass 2⁶⁴ − 1; the tally is unchanged.
    pub fn merge(&mut self, other: &NpsTally) -> Result<()> {
        Ok(self.0.try_merge(&other.0)?)
    }

    /// Respondents who scored 9–10.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(getter)]
    pub fn promoters(&self) -> Result<f64> {
        Ok(self.0.promoters()? as f64)
    }

    /// Respondents who scored 7–8.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(getter)]
    pub fn passives(&self) -> Result<f64> {
        Ok(self.0.passives()? as f64)
    }

    /// Respondents who scored 0–6.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(getter)]
    pub fn detractors(&self) -> Result<f64> {
        Ok(self.0.detractors()? as f64)
    }

    /// All respondents.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(getter)]
    pub fn responses(&self) -> Result<f64> {
        Ok(self.0.len()? as f64)
    }

    /// The NPS: % promoters − % detractors, with the shares.
    ///
    /// # Errors
    ///
    /// `empty` without responses.
    #[wasm_bindgen(unchecked_return_type = "Nps")]
    pub fn nps(&self) -> Result<JsValue> {
        let nps = self.0.nps()?;
        Ok(Obj::new()
            .num("nps", nps.score())
            .num("promotersPct", nps.promoters_pct())
            .num("passivesPct", nps.passives_pct())
            .num("detractorsPct", nps.detractors_pct())
            .count("responses", nps.responses())
            .done())
    }

    /// A confidence interval of the NPS, in points: `"adjusted_wald"` (the
    /// default, Rocks 2016) or `"wald"`.
    ///
    /// # Errors
    ///
    /// `empty` without responses; `invalid_parameter` for a confidence
    /// outside (0, 1) or an unknown method.
    #[wasm_bindgen(unchecked_return_type = "Interval")]
    pub fn interval(&self, confidence: f64, method: Option<String>) -> Result<JsValue> {
        let method = match method.as_deref() {
            None => NpsMethod::default(),
            Some(name) => named(
                "NPS interval method",
                name,
                &NpsMethod::ALL,
                NpsMethod::as_str,
            )?,
        };
        let nps = self.0.nps()?;
        Ok(interval_object(
            nps.interval(Confidence::new(confidence)?, method),
        ))
    }

    /// The counts, for `JSON.stringify`; `fromCounts` reads them back.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "NpsCounts")]
    pub fn to_json(&self) -> Result<JsValue> {
        Ok(Obj::new()
            .count("promoters", self.0.promoters()?)
            .count("passives", self.0.passives()?)
            .count("detractors", self.0.detractors()?)
            .done())
    }
}

/// The CSAT rule of `{scale: [min, max], satisfiedFrom}`.
pub(crate) fn csat_rule(rule: &JsValue) -> Result<cxkpi::CsatRule> {
    let mut fields = Fields::of("rule", rule)?;
    let scale = scale_of(&fields.value("scale")?)?;
    let from = fields.number("satisfiedFrom")?;
    fields.finish()?;
    let allowed = Domain::Between {
        min: scale.min().into(),
        max: scale.max().into(),
    };
    let from = parameter("CSAT satisfied-from score", from, allowed)?;
    Ok(cxkpi::CsatRule::from_i64(scale, from)?)
}

/// The CSAT tally: satisfied responses of all responses, under a rule.
#[wasm_bindgen]
#[derive(Clone)]
pub struct CsatTally(pub(crate) cxkpi::CsatTally);

#[wasm_bindgen]
impl CsatTally {
    /// The empty tally under `rule`, such as `{scale: [1, 5],
    /// satisfiedFrom: 4}` (top-2-box).
    ///
    /// # Errors
    ///
    /// `invalid_parameter` for an impossible scale or a threshold off it.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "CsatRule")] rule: JsValue,
    ) -> Result<CsatTally> {
        Ok(CsatTally(cxkpi::CsatTally::new(csat_rule(&rule)?)))
    }

    /// The tally of raw scores under `rule`.
    ///
    /// # Errors
    ///
    /// As the constructor, and `out_of_range` for the first score off the
    /// scale.
    #[wasm_bindgen(js_name = fromScores)]
    pub fn from_scores(
        #[wasm_bindgen(unchecked_param_type = "CsatRule")] rule: JsValue,
        #[wasm_bindgen(js_name = scores, unchecked_param_type = "Scores")] values: JsValue,
    ) -> Result<CsatTally> {
        let rule = csat_rule(&rule)?;
        let bytes = scores(&values, &|v| score(rule.scale(), v).map(Score::get))?;
        Ok(CsatTally(cxkpi::CsatTally::from_scores(rule, &bytes)?))
    }

    /// The tally of known counts under `rule`.
    ///
    /// # Errors
    ///
    /// As the constructor; `inconsistent` when `satisfied > responses`.
    #[wasm_bindgen(js_name = fromCounts)]
    pub fn from_counts(
        #[wasm_bindgen(unchecked_param_type = "CsatRule")] rule: JsValue,
        satisfied: f64,
        responses: f64,
    ) -> Result<CsatTally> {
        Ok(CsatTally(cxkpi::CsatTally::from_counts(
            csat_rule(&rule)?,
            count("satisfied", satisfied)?,
            count("responses", responses)?,
        )?))
    }

    /// Adds one score.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a score off the scale; the tally is unchanged.
    pub fn record(&mut self, value: f64) -> Result<()> {
        Ok(self.0.try_record(score(self.0.rule().scale(), value)?)?)
    }

    /// Adds the responses of `other`.
    ///
    /// # Errors
    ///
    /// `invalid_parameter` when the rules differ; `overflow`.
    pub fn merge(&mut self, other: &CsatTally) -> Result<()> {
        Ok(self.0.try_merge(&other.0)?)
    }

    /// Satisfied responses.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(getter)]
    pub fn satisfied(&self) -> Result<f64> {
        Ok(self.0.satisfied()? as f64)
    }

    /// All responses.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(getter)]
    pub fn responses(&self) -> Result<f64> {
        Ok(self.0.len()? as f64)
    }

    /// The CSAT: satisfied × 100 / responses, as `{percent, part, whole}`.
    ///
    /// # Errors
    ///
    /// `empty` without responses.
    #[wasm_bindgen(unchecked_return_type = "Rate")]
    pub fn csat(&self) -> Result<JsValue> {
        Ok(rate_object(self.0.csat()?))
    }

    /// The rule and counts, for `JSON.stringify`.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "CsatCounts")]
    pub fn to_json(&self) -> Result<JsValue> {
        let rule = self.0.rule();
        let scale = js_sys::Array::of2(
            &f64::from(rule.scale().min()).into(),
            &f64::from(rule.scale().max()).into(),
        );
        Ok(Obj::new()
            .val(
                "rule",
                Obj::new()
                    .val("scale", scale)
                    .num("satisfiedFrom", rule.satisfied_from().into())
                    .done(),
            )
            .count("satisfied", self.0.satisfied()?)
            .count("responses", self.0.len()?)
            .done())
    }
}

/// The CES tally: the sum and number of scores on a scale.
#[wasm_bindgen]
#[derive(Clone)]
pub struct CesTally(pub(crate) cxkpi::CesTally);

#[wasm_bindgen]
impl CesTally {
    /// The empty tally on `scale`, `[min, max]` such as `[1, 7]`.
    ///
    /// # Errors
    ///
    /// `invalid_parameter` for an impossible scale.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "[number, number]")] scale: JsValue,
    ) -> Result<CesTally> {
        Ok(CesTally(cxkpi::CesTally::new(scale_of(&scale)?)))
    }

    /// The tally of raw scores on `scale`.
    ///
    /// # Errors
    ///
    /// As the constructor, and `out_of_range` for the first score off the
    /// scale.
    #[wasm_bindgen(js_name = fromScores)]
    pub fn from_scores(
        #[wasm_bindgen(unchecked_param_type = "[number, number]")] scale: JsValue,
        #[wasm_bindgen(js_name = scores, unchecked_param_type = "Scores")] values: JsValue,
    ) -> Result<CesTally> {
        let scale = scale_of(&scale)?;
        let bytes = scores(&values, &|v| score(scale, v).map(Score::get))?;
        Ok(CesTally(cxkpi::CesTally::from_scores(scale, &bytes)?))
    }

    /// Adds one score.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a score off the scale; the tally is unchanged.
    pub fn record(&mut self, value: f64) -> Result<()> {
        Ok(self.0.try_record(score(self.0.scale(), value)?)?)
    }

    /// Adds the responses of `other`.
    ///
    /// # Errors
    ///
    /// `invalid_parameter` when the scales differ; `overflow`.
    pub fn merge(&mut self, other: &CesTally) -> Result<()> {
        Ok(self.0.try_merge(&other.0)?)
    }

    /// All responses.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(getter)]
    pub fn responses(&self) -> Result<f64> {
        Ok(self.0.len()? as f64)
    }

    /// The CES: the mean score.
    ///
    /// # Errors
    ///
    /// `empty` without responses.
    #[wasm_bindgen(unchecked_return_type = "Ces")]
    pub fn ces(&self) -> Result<JsValue> {
        let ces = self.0.ces()?;
        Ok(Obj::new()
            .num("mean", ces.mean())
            .count("responses", ces.responses())
            .done())
    }
}

//! Operations: duration statistics, `WaitTally`, `ServiceLevelTally` and
//! `TicketVolume`.

use cxkpi::time::Quantile;
use cxkpi::{
    AbandonTreatment, Error, Merge, ServiceLevelCounts, ShortAbandons, Tally, Waited, try_seconds,
};
use cxkpi::{DurationSample, MeanDuration};
use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;

use crate::js::{Fail, Fields, Obj, Result, count, named};
use crate::survey::rate_object;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Count, mean, median, 90th percentile, least and greatest, in seconds. */
export interface DurationStats {
  count: number; meanS: number; medianS: number; p90S: number; minS: number; maxS: number;
}
/** A mean wait over `count` contacts. */
export interface MeanWait { meanS: number; count: number }
/** How the service level counts abandons. */
export type AbandonTreatment =
  | "count_against" | "exclude_within_threshold" | "within_threshold_as_met"
  | "ignore" | "short_as_met" | "exclude_short";
/** The counts of a service level; `shortAbandoned` is absent when unknown. */
export interface ServiceLevelCounts {
  answered: number; answeredWithin: number; abandoned: number; abandonedWithin: number;
  shortAbandoned?: number;
}
"#;

/// Count, mean, median, 90th percentile, least and greatest of durations in
/// seconds (response, resolution or handle times), from one sort.
///
/// # Errors
///
/// `empty` without durations; `out_of_range` for a negative, NaN or
/// infinite one.
#[wasm_bindgen(js_name = durationStats, unchecked_return_type = "DurationStats")]
pub fn duration_stats(
    #[wasm_bindgen(js_name = durationsS)] durations_s: &[f64],
) -> Result<JsValue> {
    let summary = DurationSample::from_secs(durations_s)?.summary()?;
    Ok(Obj::new()
        .count("count", summary.count())
        .num("meanS", summary.mean_secs())
        .num("medianS", summary.median_secs())
        .num("p90S", summary.p90_secs())
        .num("minS", summary.min().as_secs_f64())
        .num("maxS", summary.max().as_secs_f64())
        .done())
}

/// Any quantiles (0.5 the median, 0.95 the 95th percentile) of durations in
/// seconds, from one sort; percentiles interpolate linearly between closest
/// ranks (NumPy's default).
///
/// # Errors
///
/// `empty` without durations; `out_of_range` for a negative, NaN or
/// infinite duration; `invalid_parameter` for a quantile outside 0–1.
#[wasm_bindgen(js_name = durationQuantiles)]
pub fn duration_quantiles(
    #[wasm_bindgen(js_name = durationsS)] durations_s: &[f64],
    quantiles: &[f64],
) -> Result<Float64Array> {
    let quantiles = quantiles
        .iter()
        .enumerate()
        .map(|(i, &q)| Quantile::new(q).map_err(|e| e.at(i)))
        .collect::<core::result::Result<Vec<_>, _>>()?;
    let sorted = DurationSample::from_secs(durations_s)?.sorted()?;
    let values: Vec<f64> = quantiles
        .into_iter()
        .map(|q| sorted.quantile_secs(q))
        .collect();
    Ok(Float64Array::from(&values[..]))
}

/// A mean wait as a plain object `{meanS, count}`.
fn mean_object(mean: MeanDuration) -> JsValue {
    Obj::new()
        .num("meanS", mean.secs())
        .count("count", mean.count())
        .done()
}

/// A wait in seconds, answered or abandoned.
fn waited(wait_s: f64, answered: bool) -> core::result::Result<Waited, Error> {
    let wait = try_seconds(wait_s)?;
    Ok(if answered {
        Waited::Answered(wait)
    } else {
        Waited::Abandoned(wait)
    })
}

/// The wait tally: answered and abandoned contacts and their waits, for ASA,
/// the average wait and the time to abandon.
#[wasm_bindgen]
#[derive(Clone, Default)]
pub struct WaitTally(pub(crate) cxkpi::WaitTally);

#[wasm_bindgen]
impl WaitTally {
    /// The empty tally.
    #[wasm_bindgen(constructor)]
    pub fn new() -> WaitTally {
        WaitTally::default()
    }

    /// The tally of answered and abandoned contacts' waits, in seconds.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a negative, NaN or infinite wait.
    #[wasm_bindgen(js_name = fromWaits)]
    pub fn from_waits(
        #[wasm_bindgen(js_name = answerWaitsS)] answer_waits_s: &[f64],
        #[wasm_bindgen(js_name = abandonWaitsS)] abandon_waits_s: Option<Vec<f64>>,
    ) -> Result<WaitTally> {
        let abandoned = abandon_waits_s.unwrap_or_default();
        Ok(WaitTally(cxkpi::WaitTally::from_float_secs(
            answer_waits_s,
            &abandoned,
        )?))
    }

    /// Adds one contact that waited `waitS` seconds and was answered or not.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a negative, NaN or infinite wait.
    pub fn record(
        &mut self,
        #[wasm_bindgen(js_name = waitS)] wait_s: f64,
        answered: bool,
    ) -> Result<()> {
        Ok(self.0.try_record(waited(wait_s, answered)?)?)
    }

    /// Adds the contacts of `other`.
    ///
    /// # Errors
    ///
    /// `overflow` when a count would pass 2⁶⁴ − 1.
    pub fn merge(&mut self, other: &WaitTally) -> Result<()> {
        Ok(self.0.try_merge(&other.0)?)
    }

    /// The average speed of answer: the mean wait of answered contacts.
    ///
    /// # Errors
    ///
    /// `empty` without answered contacts.
    #[wasm_bindgen(unchecked_return_type = "MeanWait")]
    pub fn asa(&self) -> Result<JsValue> {
        Ok(mean_object(self.0.asa()?))
    }

    /// The mean wait of all contacts.
    ///
    /// # Errors
    ///
    /// `empty` without contacts.
    #[wasm_bindgen(js_name = averageWait, unchecked_return_type = "MeanWait")]
    pub fn average_wait(&self) -> Result<JsValue> {
        Ok(mean_object(self.0.average_wait()?))
    }

    /// The mean wait of abandoned contacts before they hung up.
    ///
    /// # Errors
    ///
    /// `empty` without abandoned contacts.
    #[wasm_bindgen(js_name = timeToAbandon, unchecked_return_type = "MeanWait")]
    pub fn time_to_abandon(&self) -> Result<JsValue> {
        Ok(mean_object(self.0.time_to_abandon()?))
    }
}

/// The treatment named `name`.
fn treatment(name: &str) -> Result<AbandonTreatment> {
    named(
        "abandon treatment",
        name,
        &AbandonTreatment::ALL,
        AbandonTreatment::as_str,
    )
}

/// The empty tally for the thresholds, in seconds.
fn empty_service_level(
    threshold_s: f64,
    short_abandon_below_s: Option<f64>,
) -> core::result::Result<cxkpi::ServiceLevelTally, Error> {
    let short = match short_abandon_below_s {
        Some(secs) => ShortAbandons::below_secs(secs)?,
        None => ShortAbandons::None,
    };
    cxkpi::ServiceLevelTally::with_threshold_secs(threshold_s, short)
}

/// The service-level tally: contacts answered and abandoned within a
/// threshold, and short abandons below a short-abandon threshold.
#[wasm_bindgen]
#[derive(Clone)]
pub struct ServiceLevelTally(pub(crate) cxkpi::ServiceLevelTally);

#[wasm_bindgen]
impl ServiceLevelTally {
    /// The empty tally: a contact is within target when its wait is at most
    /// `thresholdS`; with `shortAbandonBelowS`, an abandon strictly below it
    /// is short.
    ///
    /// # Errors
    ///
    /// `invalid_parameter` for a negative, NaN or infinite threshold.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = thresholdS)] threshold_s: f64,
        #[wasm_bindgen(js_name = shortAbandonBelowS)] short_abandon_below_s: Option<f64>,
    ) -> Result<ServiceLevelTally> {
        Ok(ServiceLevelTally(empty_service_level(
            threshold_s,
            short_abandon_below_s,
        )?))
    }

    /// The tally of answered and abandoned contacts' waits, in seconds.
    ///
    /// # Errors
    ///
    /// As the constructor, and `out_of_range` for a negative, NaN or
    /// infinite wait.
    #[wasm_bindgen(js_name = fromWaits)]
    pub fn from_waits(
        #[wasm_bindgen(js_name = thresholdS)] threshold_s: f64,
        #[wasm_bindgen(js_name = answerWaitsS)] answer_waits_s: &[f64],
        #[wasm_bindgen(js_name = abandonWaitsS)] abandon_waits_s: &[f64],
        #[wasm_bindgen(js_name = shortAbandonBelowS)] short_abandon_below_s: Option<f64>,
    ) -> Result<ServiceLevelTally> {
        let empty = empty_service_level(threshold_s, short_abandon_below_s)?;
        Ok(ServiceLevelTally(
            cxkpi::ServiceLevelTally::from_float_secs(
                empty.threshold(),
                empty.short_abandons(),
                answer_waits_s,
                abandon_waits_s,
            )?,
        ))
    }

    /// Adds one contact that waited `waitS` seconds and was answered or not.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a negative, NaN or infinite wait.
    pub fn record(
        &mut self,
        #[wasm_bindgen(js_name = waitS)] wait_s: f64,
        answered: bool,
    ) -> Result<()> {
        Ok(self.0.try_record(waited(wait_s, answered)?)?)
    }

    /// Adds the contacts of `other`.
    ///
    /// # Errors
    ///
    /// `invalid_parameter` when the thresholds differ; `overflow`.
    pub fn merge(&mut self, other: &ServiceLevelTally) -> Result<()> {
        Ok(self.0.try_merge(&other.0)?)
    }

    /// The counts the service level is computed from.
    ///
    /// # Errors
    ///
    /// `overflow` for a faulted tally.
    #[wasm_bindgen(unchecked_return_type = "ServiceLevelCounts")]
    pub fn counts(&self) -> Result<JsValue> {
        let counts = self.0.counts()?;
        let object = Obj::new()
            .count("answered", counts.answered())
            .count("answeredWithin", counts.answered_within())
            .count("abandoned", counts.abandoned())
            .count("abandonedWithin", counts.abandoned_within());
        Ok(match counts.short_abandoned() {
            Some(short) => object.count("shortAbandoned", short),
            None => object,
        }
        .done())
    }

    /// The service level under a treatment of abandons.
    ///
    /// # Errors
    ///
    /// `empty` when the treatment's denominator is 0; `invalid_parameter`
    /// for a `short` treatment without a short-abandon threshold, or an
    /// unknown treatment.
    #[wasm_bindgen(js_name = serviceLevel, unchecked_return_type = "Rate")]
    pub fn service_level(
        &self,
        #[wasm_bindgen(js_name = treatment, unchecked_param_type = "AbandonTreatment")]
        treatment_name: &str,
    ) -> Result<JsValue> {
        Ok(rate_object(
            self.0.service_level(treatment(treatment_name)?)?,
        ))
    }
}

/// The service level of known counts, `{answered, answeredWithin,
/// abandoned, abandonedWithin, shortAbandoned?}`, under a treatment.
///
/// # Errors
///
/// `inconsistent` when a part exceeds its whole; `empty` when the
/// treatment's denominator is 0; `invalid_parameter` for a `short`
/// treatment without `shortAbandoned`, or an unknown treatment.
#[wasm_bindgen(js_name = serviceLevelFromCounts, unchecked_return_type = "Rate")]
pub fn service_level_from_counts(
    #[wasm_bindgen(unchecked_param_type = "ServiceLevelCounts")] counts: JsValue,
    #[wasm_bindgen(js_name = treatment, unchecked_param_type = "AbandonTreatment")]
        treatment_name: &str,
) -> Result<JsValue> {
    let mut fields = Fields::of("counts", &counts)?;
    let answered = fields.number("answered")?;
    let answered_within = fields.number("answeredWithin")?;
    let abandoned = fields.number("abandoned")?;
    let abandoned_within = fields.number("abandonedWithin")?;
    let short = fields.number_or_none("shortAbandoned")?;
    fields.finish()?;
    let counts = ServiceLevelCounts::from_counts(
        count("answered", answered)?,
        count("answered within threshold", answered_within)?,
        count("abandoned", abandoned)?,
        count("abandoned within threshold", abandoned_within)?,
        short.map(|n| count("short abandoned", n)).transpose()?,
    )?;
    Ok(rate_object(
        counts.service_level(treatment(treatment_name)?)?,
    ))
}

/// Tickets per customer: tickets, distinct customers and their ratio.
#[wasm_bindgen]
#[derive(Clone, Default)]
pub struct TicketVolume(pub(crate) cxkpi::TicketVolume<String>);

#[wasm_bindgen]
impl TicketVolume {
    /// The empty volume.
    #[wasm_bindgen(constructor)]
    pub fn new() -> TicketVolume {
        TicketVolume::default()
    }

    /// The volume of tickets given as their customers' ids, one per ticket.
    ///
    /// # Errors
    ///
    /// A `TypeError` for an id that is not a string.
    #[wasm_bindgen(js_name = fromIds)]
    pub fn from_ids(
        #[wasm_bindgen(js_name = customerIds, unchecked_param_type = "string[]")]
        customer_ids: JsValue,
    ) -> Result<TicketVolume> {
        let ids = customer_ids
            .dyn_ref::<Array>()
            .ok_or_else(|| Fail::Type("customerIds must be an array of strings".into()))?;
        let mut volume = TicketVolume::new();
        for (i, id) in ids.iter().enumerate() {
            let id = id
                .as_string()
                .ok_or_else(|| Fail::Type(format!("customerIds[{i}] must be a string")))?;
            volume.0.try_record(id)?;
        }
        Ok(volume)
    }

    /// Adds one ticket of the customer `customerId`.
    ///
    /// # Errors
    ///
    /// `overflow` when the count would pass 2⁶⁴ − 1.
    pub fn record(
        &mut self,
        #[wasm_bindgen(js_name = customerId)] customer_id: String,
    ) -> Result<()> {
        Ok(self.0.try_record(customer_id)?)
    }

    /// Adds the tickets of `other`.
    ///
    /// # Errors
    ///
    /// `overflow` when a count would pass 2⁶⁴ − 1.
    pub fn merge(&mut self, other: &TicketVolume) -> Result<()> {
        Ok(self.0.try_merge(&other.0)?)
    }

    /// Tickets.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(getter)]
    pub fn tickets(&self) -> Result<f64> {
        Ok(self.0.tickets()? as f64)
    }

    /// Distinct customers.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(getter)]
    pub fn customers(&self) -> Result<f64> {
        Ok(self.0.customers()? as f64)
    }

    /// Tickets / distinct customers.
    ///
    /// # Errors
    ///
    /// `empty` without tickets.
    #[wasm_bindgen(js_name = ticketsPerCustomer)]
    pub fn tickets_per_customer(&self) -> Result<f64> {
        Ok(self.0.tickets_per_customer()?)
    }
}

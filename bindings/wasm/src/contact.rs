//! Contacts and customers: `RetentionTally`, `AbandonmentTally`, `FcrTally`
//! and `AhtTally`.

use cxkpi::{Domain, HandleTime, Merge, Resolution, ShortAbandons, Tally, try_seconds};
use js_sys::Uint32Array;
use wasm_bindgen::prelude::*;

use crate::js::{Obj, Result, count, each, numbers, whole};
use crate::survey::rate_object;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Average handle time and its parts, in seconds. */
export interface Aht { ahtS: number; talkS: number; holdS: number; wrapS: number; handled: number }
"#;

/// The retention tally: customers at the start (CS) and end (CE) of a
/// period, and those gained during it (CN).
#[wasm_bindgen]
#[derive(Clone)]
pub struct RetentionTally(pub(crate) cxkpi::RetentionTally);

#[wasm_bindgen]
impl RetentionTally {
    /// The tally of CS, CE and CN.
    ///
    /// # Errors
    ///
    /// `inconsistent` when CN > CE or CE − CN > CS; `out_of_range` for a
    /// count that is not a whole number.
    #[wasm_bindgen(js_name = fromCounts)]
    pub fn from_counts(
        #[wasm_bindgen(js_name = customersAtStart)] customers_at_start: f64,
        #[wasm_bindgen(js_name = customersAtEnd)] customers_at_end: f64,
        #[wasm_bindgen(js_name = newCustomers)] new_customers: f64,
    ) -> Result<RetentionTally> {
        Ok(RetentionTally(cxkpi::RetentionTally::from_counts(
            count("customers at start", customers_at_start)?,
            count("customers at end", customers_at_end)?,
            count("new customers", new_customers)?,
        )?))
    }

    /// Adds the customers of `other`, another segment of the same period.
    ///
    /// # Errors
    ///
    /// `overflow` when a count would pass 2⁶⁴ − 1.
    pub fn merge(&mut self, other: &RetentionTally) -> Result<()> {
        Ok(self.0.try_merge(&other.0)?)
    }

    /// Retention: (CE − CN) × 100 / CS.
    ///
    /// # Errors
    ///
    /// `empty` when CS is 0.
    #[wasm_bindgen(unchecked_return_type = "Rate")]
    pub fn retention(&self) -> Result<JsValue> {
        Ok(rate_object(self.0.retention()?))
    }

    /// Churn: 100 − retention.
    ///
    /// # Errors
    ///
    /// `empty` when CS is 0.
    #[wasm_bindgen(unchecked_return_type = "Rate")]
    pub fn churn(&self) -> Result<JsValue> {
        Ok(rate_object(self.0.churn()?))
    }
}

/// The abandonment tally: contacts offered, abandoned, and abandoned short.
#[wasm_bindgen]
#[derive(Clone)]
pub struct AbandonmentTally(pub(crate) cxkpi::AbandonmentTally);

#[wasm_bindgen]
impl AbandonmentTally {
    /// The tally of known counts; `shortAbandoned` defaults to 0.
    ///
    /// # Errors
    ///
    /// `inconsistent` when abandoned > offered or short > abandoned.
    #[wasm_bindgen(js_name = fromCounts)]
    pub fn from_counts(
        offered: f64,
        abandoned: f64,
        #[wasm_bindgen(js_name = shortAbandoned)] short_abandoned: Option<f64>,
    ) -> Result<AbandonmentTally> {
        Ok(AbandonmentTally(cxkpi::AbandonmentTally::from_counts(
            count("offered", offered)?,
            count("abandoned", abandoned)?,
            count("short abandoned", short_abandoned.unwrap_or(0.0))?,
        )?))
    }

    /// The tally of `answered` contacts and the waits, in seconds, of the
    /// abandoned ones; an abandon strictly below `shortAbandonBelowS` is
    /// short (none is without it).
    ///
    /// # Errors
    ///
    /// `out_of_range` for a negative, NaN or infinite wait;
    /// `invalid_parameter` for such a threshold.
    #[wasm_bindgen(js_name = fromAbandonWaits)]
    pub fn from_abandon_waits(
        answered: f64,
        #[wasm_bindgen(js_name = abandonWaitsS)] abandon_waits_s: &[f64],
        #[wasm_bindgen(js_name = shortAbandonBelowS)] short_abandon_below_s: Option<f64>,
    ) -> Result<AbandonmentTally> {
        let answered = count("answered", answered)?;
        let waits = abandon_waits_s
            .iter()
            .enumerate()
            .map(|(i, &s)| try_seconds(s).map_err(|e| e.at(i)))
            .collect::<core::result::Result<Vec<_>, _>>()?;
        let rule = match short_abandon_below_s {
            Some(secs) => ShortAbandons::below_secs(secs)?,
            None => ShortAbandons::None,
        };
        Ok(AbandonmentTally(
            cxkpi::AbandonmentTally::from_abandon_waits(rule, answered, &waits)?,
        ))
    }

    /// Adds the contacts of `other`.
    ///
    /// # Errors
    ///
    /// `overflow` when a count would pass 2⁶⁴ − 1.
    pub fn merge(&mut self, other: &AbandonmentTally) -> Result<()> {
        Ok(self.0.try_merge(&other.0)?)
    }

    /// Abandonment without short abandons: (abandoned − short) × 100 /
    /// (offered − short).
    ///
    /// # Errors
    ///
    /// `empty` when no contact is left.
    #[wasm_bindgen(unchecked_return_type = "Rate")]
    pub fn abandonment(&self) -> Result<JsValue> {
        Ok(rate_object(self.0.abandonment()?))
    }

    /// Abandonment with short abandons: abandoned × 100 / offered.
    ///
    /// # Errors
    ///
    /// `empty` without contacts.
    #[wasm_bindgen(js_name = abandonmentIncludingShort, unchecked_return_type = "Rate")]
    pub fn abandonment_including_short(&self) -> Result<JsValue> {
        Ok(rate_object(self.0.abandonment_including_short()?))
    }
}

/// A resolution that took `contacts` contacts, from any number.
fn resolution(contacts: f64) -> core::result::Result<Resolution, cxkpi::Error> {
    whole(
        "contacts per resolved request",
        contacts,
        Domain::AtLeast(1),
        Resolution::try_from,
    )
}

/// The first-contact resolution tally.
#[wasm_bindgen]
#[derive(Clone, Default)]
pub struct FcrTally(pub(crate) cxkpi::FcrTally);

#[wasm_bindgen]
impl FcrTally {
    /// The empty tally.
    #[wasm_bindgen(constructor)]
    pub fn new() -> FcrTally {
        FcrTally::default()
    }

    /// The tally of known counts.
    ///
    /// # Errors
    ///
    /// `inconsistent` when more were resolved on first contact than were
    /// resolved.
    #[wasm_bindgen(js_name = fromCounts)]
    pub fn from_counts(
        #[wasm_bindgen(js_name = resolvedOnFirstContact)] resolved_on_first_contact: f64,
        resolved: f64,
    ) -> Result<FcrTally> {
        Ok(FcrTally(cxkpi::FcrTally::from_counts(
            count("resolved on first contact", resolved_on_first_contact)?,
            count("resolved", resolved)?,
        )?))
    }

    /// The tally of resolved requests, each given as the contacts it took:
    /// a `Uint32Array`, or an array of numbers.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a count below 1.
    #[wasm_bindgen(js_name = fromContactCounts)]
    pub fn from_contact_counts(
        #[wasm_bindgen(unchecked_param_type = "Uint32Array | number[]")] contacts: JsValue,
    ) -> Result<FcrTally> {
        if let Some(typed) = contacts.dyn_ref::<Uint32Array>() {
            return Ok(FcrTally(cxkpi::FcrTally::from_contact_counts(
                &typed.to_vec(),
            )?));
        }
        // An array of numbers: each through the integer door, which the
        // batch path's `u32` could not hold (−1 would wrap to 4 294 967 295).
        let resolutions = each(&numbers(&contacts, "contacts")?, &resolution)?;
        let tally = resolutions.into_iter().collect();
        Ok(FcrTally(tally))
    }

    /// Adds one resolved request that took `contacts` contacts.
    ///
    /// # Errors
    ///
    /// `out_of_range` unless `contacts` is an integer ≥ 1.
    pub fn record(&mut self, contacts: f64) -> Result<()> {
        Ok(self.0.try_record(resolution(contacts)?)?)
    }

    /// Adds the requests of `other`.
    ///
    /// # Errors
    ///
    /// `overflow` when a count would pass 2⁶⁴ − 1.
    pub fn merge(&mut self, other: &FcrTally) -> Result<()> {
        Ok(self.0.try_merge(&other.0)?)
    }

    /// FCR: resolved on first contact × 100 / resolved.
    ///
    /// # Errors
    ///
    /// `empty` without resolved requests.
    #[wasm_bindgen(unchecked_return_type = "Rate")]
    pub fn fcr(&self) -> Result<JsValue> {
        Ok(rate_object(self.0.fcr()?))
    }
}

/// The average-handle-time tally: handled contacts and their talk, hold and
/// after-contact work, exact to the nanosecond.
#[wasm_bindgen]
#[derive(Clone, Default)]
pub struct AhtTally(pub(crate) cxkpi::AhtTally);

#[wasm_bindgen]
impl AhtTally {
    /// The empty tally.
    #[wasm_bindgen(constructor)]
    pub fn new() -> AhtTally {
        AhtTally::default()
    }

    /// The tally of known totals, in seconds, over `handled` contacts.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a negative, NaN or infinite total;
    /// `inconsistent` for time over 0 contacts.
    #[wasm_bindgen(js_name = fromTotals)]
    pub fn from_totals(
        #[wasm_bindgen(js_name = talkS)] talk_s: f64,
        #[wasm_bindgen(js_name = holdS)] hold_s: f64,
        #[wasm_bindgen(js_name = wrapS)] wrap_s: f64,
        handled: f64,
    ) -> Result<AhtTally> {
        let totals = HandleTime::from_secs(talk_s, hold_s, wrap_s)?;
        Ok(AhtTally(cxkpi::AhtTally::from_counts(
            count("handled", handled)?,
            totals.talk,
            totals.hold,
            totals.wrap,
        )?))
    }

    /// Adds one handled contact, its times in seconds.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a negative, NaN or infinite time; the tally is
    /// unchanged.
    pub fn record(
        &mut self,
        #[wasm_bindgen(js_name = talkS)] talk_s: f64,
        #[wasm_bindgen(js_name = holdS)] hold_s: f64,
        #[wasm_bindgen(js_name = wrapS)] wrap_s: f64,
    ) -> Result<()> {
        let contact = HandleTime::from_secs(talk_s, hold_s, wrap_s)?;
        Ok(self.0.try_record(contact)?)
    }

    /// Adds the contacts of `other`.
    ///
    /// # Errors
    ///
    /// `overflow` when a count or total would overflow.
    pub fn merge(&mut self, other: &AhtTally) -> Result<()> {
        Ok(self.0.try_merge(&other.0)?)
    }

    /// Handled contacts.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(getter)]
    pub fn handled(&self) -> Result<f64> {
        Ok(self.0.len()? as f64)
    }

    /// The AHT: (talk + hold + after-contact work) / handled contacts.
    ///
    /// # Errors
    ///
    /// `empty` without handled contacts.
    #[wasm_bindgen(unchecked_return_type = "Aht")]
    pub fn aht(&self) -> Result<JsValue> {
        let aht = self.0.aht()?;
        Ok(Obj::new()
            .num("ahtS", aht.secs())
            .num("talkS", aht.talk_secs())
            .num("holdS", aht.hold_secs())
            .num("wrapS", aht.wrap_secs())
            .count("handled", aht.handled())
            .done())
    }
}

//! Money as exact decimal strings: `CostTally` and `costPerMinute`.

use cxkpi::{Merge, Money, Tally, try_seconds};
use wasm_bindgen::prelude::*;

use crate::js::{Result, count};

/// An amount parsed from decimal text such as `"1556.00"`.
fn money(amount: &str) -> core::result::Result<Money, cxkpi::Error> {
    amount.parse()
}

/// The cost tally: a total cost over a number of units (conversations,
/// resolved tickets). Money is exact decimal text, never a float.
#[wasm_bindgen]
#[derive(Clone, Default)]
pub struct CostTally(pub(crate) cxkpi::CostTally);

#[wasm_bindgen]
impl CostTally {
    /// The empty tally.
    #[wasm_bindgen(constructor)]
    pub fn new() -> CostTally {
        CostTally::default()
    }

    /// The tally of a total cost, such as `"1556.00"`, over `units` units.
    ///
    /// # Errors
    ///
    /// `out_of_range` for text that is not a non-negative decimal, or a
    /// count that is not a whole number.
    #[wasm_bindgen(js_name = fromTotal)]
    pub fn from_total(total: &str, units: f64) -> Result<CostTally> {
        Ok(CostTally(cxkpi::CostTally::from_counts(
            money(total)?,
            count("units", units)?,
        )?))
    }

    /// Adds one unit that cost `cost`, decimal text.
    ///
    /// # Errors
    ///
    /// `out_of_range` for text that is not a non-negative decimal;
    /// `overflow` beyond 96 bits. The tally is then unchanged.
    pub fn record(&mut self, cost: &str) -> Result<()> {
        Ok(self.0.try_record(money(cost)?)?)
    }

    /// Adds the costs and units of `other`.
    ///
    /// # Errors
    ///
    /// `overflow` beyond 96 bits or 2⁶⁴ − 1 units.
    pub fn merge(&mut self, other: &CostTally) -> Result<()> {
        Ok(self.0.try_merge(&other.0)?)
    }

    /// The total cost, as exact decimal text.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> Result<String> {
        Ok(self.0.total()?.to_string())
    }

    /// The units.
    ///
    /// # Errors
    ///
    /// The tally\'s fault: a faulted tally reports no count.
    #[wasm_bindgen(getter)]
    pub fn units(&self) -> Result<f64> {
        Ok(self.0.len()? as f64)
    }

    /// The cost per unit, total / units, as exact decimal text (28
    /// significant digits): `"15.56"`.
    ///
    /// # Errors
    ///
    /// `empty` without units.
    #[wasm_bindgen(js_name = costPerUnit)]
    pub fn cost_per_unit(&self) -> Result<String> {
        Ok(self.0.cost_per_unit()?.to_string())
    }
}

/// The cost per handled minute, total × 60 / handled seconds, as exact
/// decimal text.
///
/// # Errors
///
/// `empty` for no handled time; `out_of_range` for a malformed or negative
/// total, or negative, NaN or infinite seconds.
#[wasm_bindgen(js_name = costPerMinute)]
pub fn cost_per_minute(
    total: &str,
    #[wasm_bindgen(js_name = handledS)] handled_s: f64,
) -> Result<String> {
    let per = cxkpi::cost_per_minute(money(total)?, try_seconds(handled_s)?)?;
    Ok(per.to_string())
}

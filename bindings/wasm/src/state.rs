//! Tally states: `toState()` and `fromState()` on every tally class, the
//! core's wire format (its `serde` form) as a plain JavaScript object, so
//! that a tally built in the browser merges with one built in Rust, C or SQL.
//!
//! The objects are built and read here, field by field, rather than by
//! `serde_json` in the `.wasm`: the same JSON at a fraction of the size
//! budget (see the README's WebAssembly section). The rules are the core's
//! (`cxkpi::Tally::from_state` and the crate docs' "Wire format"): 64-bit
//! and wider integers are decimal strings, read from a string of digits or
//! a number that is an exact integer below 2⁵³; durations are seconds as
//! numbers; money is a decimal string; unknown fields are refused. Every
//! state goes through the core's `from_state`, which checks its invariants.

use core::time::Duration;

use cxkpi::{
    AbandonmentState, AhtState, CesState, CostState, CsatState, Domain, Error, FcrState, Money,
    NpsState, RetentionState, Scale, ServiceLevelState, ShortAbandons, Tally, TicketVolumeState,
    WaitState, try_seconds,
};
use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::contact::{AbandonmentTally, AhtTally, FcrTally, RetentionTally};
use crate::cost::CostTally;
use crate::js::{Fail, Fields, Obj, Result, integer};
use crate::operations::{ServiceLevelTally, TicketVolume, WaitTally};
use crate::survey::{CesTally, CsatTally, NpsTally};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** An unsigned integer of a state: decimal text, exact at any size ("123"); a number that is an exact integer below 2⁵³ is read too. */
export type StateInt = string;
/** A rating scale in a state. */
export interface ScaleState { min: number; max: number }
/** The state of an NpsTally, the core's wire form. */
export interface NpsState { promoters: StateInt; passives: StateInt; detractors: StateInt }
/** The state of a CsatTally. */
export interface CsatState {
  rule: { scale: ScaleState; satisfied_from: number }; satisfied: StateInt; responses: StateInt;
}
/** The state of a CesTally: the sum of the scores and their number. */
export interface CesState { scale: ScaleState; sum: StateInt; responses: StateInt }
/** The state of a RetentionTally. */
export interface RetentionState {
  customers_at_start: StateInt; customers_at_end: StateInt; new_customers: StateInt;
}
/** The state of an AbandonmentTally. */
export interface AbandonmentState { offered: StateInt; abandoned: StateInt; short_abandoned: StateInt }
/** The state of an FcrTally. */
export interface FcrState { resolved_on_first_contact: StateInt; resolved: StateInt }
/** The state of an AhtTally: totals in nanoseconds. */
export interface AhtState { handled: StateInt; talk_ns: StateInt; hold_ns: StateInt; wrap_ns: StateInt }
/** The state of a CostTally: money as exact decimal text. */
export interface CostState { total_cost: string; units: StateInt }
/** The state of a WaitTally: totals in nanoseconds. */
export interface WaitState {
  answered: StateInt; answered_wait_ns: StateInt; abandoned: StateInt; abandoned_wait_ns: StateInt;
}
/** The state of a ServiceLevelTally: thresholds in seconds; the short-abandon rule is `short_abandon_below_s` (null for none) or `short_abandon_at_most_s`. */
export interface ServiceLevelState {
  threshold_s: number; short_abandon_below_s: number | null; short_abandon_at_most_s?: number;
  answered: StateInt; answered_within: StateInt; abandoned: StateInt; abandoned_within: StateInt;
  short_abandoned: StateInt;
}
/** The state of a TicketVolume: each customer id and its tickets, ids ascending. */
export interface TicketVolumeState { per_customer: [string, StateInt][] }
"#;

/// What a `u64` field must hold: the core's words.
const U64: &str = "an unsigned 64-bit integer (a decimal string or a number)";
/// What a `u128` field must hold.
const U128: &str = "an unsigned 128-bit integer (a decimal string or a number)";

/// A bad state is data that does not parse, as the core's reader reports it
/// (`out_of_range`, like `Error::malformed`), not a program's wrong call:
/// the `TypeError`s of the fields reader become `CxkpiError`s.
fn malformed(fail: Fail) -> Fail {
    match fail {
        Fail::Type(message) => Fail::Malformed(message),
        other => other,
    }
}

/// The decimal text of `n`.
///
/// Divided by 10 in 32-bit limbs, with 64-bit arithmetic: a `u128`
/// `Display` or a division of `u128` by a constant would add more than a
/// kilobyte to the `.wasm`.
fn decimal(n: u128) -> JsValue {
    // The four 32-bit limbs of `n`, most significant first.
    #[allow(clippy::cast_possible_truncation)]
    let mut limbs = [
        (n >> 96) as u32,
        (n >> 64) as u32,
        (n >> 32) as u32,
        n as u32,
    ];
    let mut digits = [0_u8; 39];
    let mut at = digits.len();
    loop {
        let mut rest = 0_u64;
        for limb in &mut limbs {
            let x = rest << 32 | u64::from(*limb);
            // `x < 10 × 2³²`: the quotient fits 32 bits.
            #[allow(clippy::cast_possible_truncation)]
            let quotient = (x / 10) as u32;
            *limb = quotient;
            rest = x % 10;
        }
        at -= 1;
        // A remainder of 10: below 10.
        #[allow(clippy::cast_possible_truncation)]
        let digit = rest as u8;
        digits[at] = b'0' + digit;
        if limbs == [0; 4] {
            break;
        }
    }
    let text: String = digits[at..].iter().copied().map(char::from).collect();
    JsValue::from_str(&text)
}

/// The integer of decimal text: digits only, no sign, no blanks.
fn digits(text: &str) -> Option<u128> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0_u128, |n, b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u128::from(b - b'0'))
        } else {
            None
        }
    })
}

/// The integer `value` of the field `key`, of 128 bits when `wide`, else
/// of 64: decimal text, or a number that is an exact integer below 2⁵³ (a
/// larger double may have been rounded already).
#[inline(never)]
fn int(value: &JsValue, key: &'static str, wide: bool) -> Result<u128> {
    let n = match value.as_string() {
        Some(text) => digits(&text),
        None => value
            .as_f64()
            .filter(|&v| (0.0..9_007_199_254_740_992.0).contains(&v))
            .and_then(integer)
            .map(|n| u128::from(n.unsigned_abs())),
    };
    n.filter(|&n| wide || n <= u128::from(u64::MAX))
        .ok_or_else(|| Error::malformed(key, if wide { U128 } else { U64 }).into())
}

/// `n`, read as a `u64` field: at most `u64::MAX`, checked by [`int`].
#[allow(clippy::cast_possible_truncation)]
const fn low(n: u128) -> u64 {
    n as u64
}

/// A state object under construction.
struct Writer(Obj);

impl Writer {
    fn new() -> Writer {
        Writer(Obj::new())
    }

    /// The integer fields `keys`, `values` as decimal text.
    // Not inlined: one loop for every state keeps each `toState` small.
    #[inline(never)]
    fn ints(self, keys: &[&str], values: &[u128]) -> Writer {
        let mut object = self.0;
        for (key, &n) in keys.iter().zip(values) {
            object = object.val(key, decimal(n));
        }
        Writer(object)
    }

    /// `key`: any value.
    fn val(self, key: &str, value: JsValue) -> Writer {
        Writer(self.0.val(key, value))
    }

    /// `key`: `d` in seconds, a number.
    fn secs(self, key: &str, d: Duration) -> Writer {
        Writer(self.0.num(key, d.as_secs_f64()))
    }

    fn done(self) -> JsValue {
        self.0.done()
    }
}

/// The state object of the integer fields `keys`, `values`.
fn int_state(keys: &[&str], values: &[u128]) -> JsValue {
    Writer::new().ints(keys, values).done()
}

/// The fields of a state object, read one by one; `finish` refuses the
/// fields left unread, as the core's reader does.
struct Reader<'a>(Fields<'a>);

impl<'a> Reader<'a> {
    #[inline(never)]
    fn of(name: &'a str, object: &'a JsValue) -> Result<Reader<'a>> {
        Fields::of(name, object).map(Reader).map_err(malformed)
    }

    /// The field `key`, `undefined` when absent or `null`.
    #[inline(never)]
    fn get(&mut self, key: &'static str) -> JsValue {
        self.0
            .get(key)
            .filter(|value| !value.is_null())
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// The integer fields `keys` into `out`; bit `i` of `wide` makes field
    /// `i` a `u128`, else it is a `u64`.
    #[inline(never)]
    fn ints(&mut self, keys: &[&'static str], wide: u8, out: &mut [u128]) -> Result<()> {
        for (i, (key, slot)) in keys.iter().zip(out).enumerate() {
            *slot = int(&self.get(key), key, wide >> i & 1 == 1)?;
        }
        Ok(())
    }

    /// The number `key`, if present and not `null`.
    #[inline(never)]
    fn number(&mut self, key: &'static str) -> Result<Option<f64>> {
        let value = self.get(key);
        if value.is_undefined() {
            return Ok(None);
        }
        value
            .as_f64()
            .map(Some)
            .ok_or_else(|| Error::malformed(key, "a number").into())
    }

    /// The integer `key` from 0 to 255, a scale bound or score.
    #[inline(never)]
    fn byte(&mut self, key: &'static str) -> Result<u8> {
        self.number(key)?
            .and_then(integer)
            .and_then(|n| u8::try_from(n).ok())
            .ok_or_else(|| Error::malformed(key, "an integer from 0 to 255").into())
    }

    /// The duration `key` in seconds, as the core reads every float-seconds
    /// input; `input` names it in the error.
    #[inline(never)]
    fn secs(&mut self, key: &'static str, input: &'static str) -> Result<Option<Duration>> {
        self.number(key)?
            .map(|secs| {
                try_seconds(secs)
                    .map_err(|_| Error::out_of_range(input, secs, Domain::Seconds).into())
            })
            .transpose()
    }

    /// The scale object `key`.
    fn scale(&mut self, key: &'static str) -> Result<Scale> {
        let value = self.get(key);
        let mut fields = Reader::of(key, &value)?;
        let (min, max) = (fields.byte("min")?, fields.byte("max")?);
        fields.finish()?;
        Ok(Scale::new(min, max)?)
    }

    /// Ends the reading: a field not read is unknown.
    #[inline(never)]
    fn finish(self) -> Result<()> {
        self.0.finish().map_err(malformed)
    }
}

/// The integer fields `keys` of the state object `state`, which has no
/// others, into `out` (`wide` as in [`Reader::ints`]).
#[inline(never)]
fn int_fields(state: &JsValue, keys: &[&'static str], wide: u8, out: &mut [u128]) -> Result<()> {
    let mut r = Reader::of("state", state)?;
    r.ints(keys, wide, out)?;
    r.finish()
}

/// The scale as a state object.
fn scale_state(scale: Scale) -> JsValue {
    Obj::new()
        .num("min", scale.min().into())
        .num("max", scale.max().into())
        .done()
}

/// The fields of each state, in the core's order.
const NPS: [&str; 3] = ["promoters", "passives", "detractors"];
const CSAT: [&str; 2] = ["satisfied", "responses"];
const CES: [&str; 2] = ["sum", "responses"];
const RETENTION: [&str; 3] = ["customers_at_start", "customers_at_end", "new_customers"];
const ABANDONMENT: [&str; 3] = ["offered", "abandoned", "short_abandoned"];
const FCR: [&str; 2] = ["resolved_on_first_contact", "resolved"];
const AHT: [&str; 4] = ["handled", "talk_ns", "hold_ns", "wrap_ns"];
const WAIT: [&str; 4] = [
    "answered",
    "answered_wait_ns",
    "abandoned",
    "abandoned_wait_ns",
];
const SERVICE_LEVEL: [&str; 5] = [
    "answered",
    "answered_within",
    "abandoned",
    "abandoned_within",
    "short_abandoned",
];

#[wasm_bindgen]
impl NpsTally {
    /// The state, the core's wire form: `{promoters, passives, detractors}`,
    /// counts as decimal strings. `JSON.stringify` of it is the text Rust's
    /// `serde_json` writes, and `fromState` reads it back.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally has no state.
    #[wasm_bindgen(js_name = toState, unchecked_return_type = "NpsState")]
    pub fn to_state(&self) -> Result<JsValue> {
        let s = self.0.state()?;
        let values = [s.promoters, s.passives, s.detractors];
        Ok(int_state(&NPS, &values.map(u128::from)))
    }

    /// The tally of a state, from `toState`, Rust, C or SQL.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a malformed state (a missing, unknown or mistyped
    /// field, a count past 2⁶⁴ − 1); `overflow` when the counts sum past it.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "NpsState")] state: JsValue,
    ) -> Result<NpsTally> {
        let mut v = [0; 3];
        int_fields(&state, &NPS, 0, &mut v)?;
        let s = NpsState {
            promoters: low(v[0]),
            passives: low(v[1]),
            detractors: low(v[2]),
        };
        Ok(NpsTally(cxkpi::NpsTally::from_state(s)?))
    }
}

#[wasm_bindgen]
impl CsatTally {
    /// The state: `{rule: {scale: {min, max}, satisfied_from}, satisfied,
    /// responses}`.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(js_name = toState, unchecked_return_type = "CsatState")]
    pub fn to_state(&self) -> Result<JsValue> {
        let s = self.0.state()?;
        let rule = Obj::new()
            .val("scale", scale_state(s.rule.scale()))
            .num("satisfied_from", s.rule.satisfied_from().into())
            .done();
        let values = [s.satisfied, s.responses];
        Ok(Writer::new()
            .val("rule", rule)
            .ints(&CSAT, &values.map(u128::from))
            .done())
    }

    /// The tally of a state.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a malformed state; `invalid_parameter` for an
    /// impossible rule; `inconsistent` when `satisfied > responses`.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "CsatState")] state: JsValue,
    ) -> Result<CsatTally> {
        let mut r = Reader::of("state", &state)?;
        let rule_value = r.get("rule");
        let mut rule = Reader::of("rule", &rule_value)?;
        let scale = rule.scale("scale")?;
        let from = rule.byte("satisfied_from")?;
        rule.finish()?;
        let mut v = [0; 2];
        r.ints(&CSAT, 0, &mut v)?;
        let s = CsatState {
            rule: cxkpi::CsatRule::new(scale, from)?,
            satisfied: low(v[0]),
            responses: low(v[1]),
        };
        r.finish()?;
        Ok(CsatTally(cxkpi::CsatTally::from_state(s)?))
    }
}

#[wasm_bindgen]
impl CesTally {
    /// The state: `{scale: {min, max}, sum, responses}`, the sum of the
    /// scores exact as a decimal string.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(js_name = toState, unchecked_return_type = "CesState")]
    pub fn to_state(&self) -> Result<JsValue> {
        let s = self.0.state()?;
        Ok(Writer::new()
            .val("scale", scale_state(s.scale))
            .ints(&CES, &[s.sum, s.responses.into()])
            .done())
    }

    /// The tally of a state.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a malformed state; `invalid_parameter` for an
    /// impossible scale; `inconsistent` for a sum no scores on the scale
    /// could reach.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "CesState")] state: JsValue,
    ) -> Result<CesTally> {
        let mut r = Reader::of("state", &state)?;
        let scale = r.scale("scale")?;
        let mut v = [0; 2];
        r.ints(&CES, 0b01, &mut v)?;
        let s = CesState {
            scale,
            sum: v[0],
            responses: low(v[1]),
        };
        r.finish()?;
        Ok(CesTally(cxkpi::CesTally::from_state(s)?))
    }
}

#[wasm_bindgen]
impl RetentionTally {
    /// The state: `{customers_at_start, customers_at_end, new_customers}`.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(js_name = toState, unchecked_return_type = "RetentionState")]
    pub fn to_state(&self) -> Result<JsValue> {
        let s = self.0.state()?;
        let values = [s.customers_at_start, s.customers_at_end, s.new_customers];
        Ok(int_state(&RETENTION, &values.map(u128::from)))
    }

    /// The tally of a state.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a malformed state; `inconsistent` when the counts
    /// contradict each other.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "RetentionState")] state: JsValue,
    ) -> Result<RetentionTally> {
        let mut v = [0; 3];
        int_fields(&state, &RETENTION, 0, &mut v)?;
        let s = RetentionState {
            customers_at_start: low(v[0]),
            customers_at_end: low(v[1]),
            new_customers: low(v[2]),
        };
        Ok(RetentionTally(cxkpi::RetentionTally::from_state(s)?))
    }
}

#[wasm_bindgen]
impl AbandonmentTally {
    /// The state: `{offered, abandoned, short_abandoned}`.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(js_name = toState, unchecked_return_type = "AbandonmentState")]
    pub fn to_state(&self) -> Result<JsValue> {
        let s = self.0.state()?;
        let values = [s.offered, s.abandoned, s.short_abandoned];
        Ok(int_state(&ABANDONMENT, &values.map(u128::from)))
    }

    /// The tally of a state.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a malformed state; `inconsistent` when a part
    /// exceeds its whole.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "AbandonmentState")] state: JsValue,
    ) -> Result<AbandonmentTally> {
        let mut v = [0; 3];
        int_fields(&state, &ABANDONMENT, 0, &mut v)?;
        let s = AbandonmentState {
            offered: low(v[0]),
            abandoned: low(v[1]),
            short_abandoned: low(v[2]),
        };
        Ok(AbandonmentTally(cxkpi::AbandonmentTally::from_state(s)?))
    }
}

#[wasm_bindgen]
impl FcrTally {
    /// The state: `{resolved_on_first_contact, resolved}`.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(js_name = toState, unchecked_return_type = "FcrState")]
    pub fn to_state(&self) -> Result<JsValue> {
        let s = self.0.state()?;
        let values = [s.resolved_on_first_contact, s.resolved];
        Ok(int_state(&FCR, &values.map(u128::from)))
    }

    /// The tally of a state.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a malformed state; `inconsistent` when more were
    /// resolved on first contact than were resolved.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "FcrState")] state: JsValue,
    ) -> Result<FcrTally> {
        let mut v = [0; 2];
        int_fields(&state, &FCR, 0, &mut v)?;
        let s = FcrState {
            resolved_on_first_contact: low(v[0]),
            resolved: low(v[1]),
        };
        Ok(FcrTally(cxkpi::FcrTally::from_state(s)?))
    }
}

#[wasm_bindgen]
impl AhtTally {
    /// The state: `{handled, talk_ns, hold_ns, wrap_ns}`, the totals in
    /// exact nanoseconds as decimal strings.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(js_name = toState, unchecked_return_type = "AhtState")]
    pub fn to_state(&self) -> Result<JsValue> {
        let s = self.0.state()?;
        let values = [s.handled.into(), s.talk_ns, s.hold_ns, s.wrap_ns];
        Ok(int_state(&AHT, &values))
    }

    /// The tally of a state.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a malformed state; `inconsistent` for time over 0
    /// contacts.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "AhtState")] state: JsValue,
    ) -> Result<AhtTally> {
        let mut v = [0; 4];
        int_fields(&state, &AHT, 0b1110, &mut v)?;
        let s = AhtState {
            handled: low(v[0]),
            talk_ns: v[1],
            hold_ns: v[2],
            wrap_ns: v[3],
        };
        Ok(AhtTally(cxkpi::AhtTally::from_state(s)?))
    }
}

#[wasm_bindgen]
impl CostTally {
    /// The state: `{total_cost, units}`, the total exact decimal text.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(js_name = toState, unchecked_return_type = "CostState")]
    pub fn to_state(&self) -> Result<JsValue> {
        let s = self.0.state()?;
        Ok(Writer::new()
            .val("total_cost", s.total_cost.to_string().into())
            .ints(&["units"], &[s.units.into()])
            .done())
    }

    /// The tally of a state.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a malformed state or a total that is not a
    /// non-negative decimal; `inconsistent` for a cost over 0 units.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "CostState")] state: JsValue,
    ) -> Result<CostTally> {
        let mut r = Reader::of("state", &state)?;
        // Decimal text, or a whole number as the core reads one; never a
        // float, which may have lost the cents already.
        let total = r.get("total_cost");
        let total_cost = match total.as_string() {
            Some(text) => text.parse::<Money>()?,
            None => Money::from(low(int(&total, "total_cost", false)?)),
        };
        let mut units = [0];
        r.ints(&["units"], 0, &mut units)?;
        let s = CostState {
            total_cost,
            units: low(units[0]),
        };
        r.finish()?;
        Ok(CostTally(cxkpi::CostTally::from_state(s)?))
    }
}

#[wasm_bindgen]
impl WaitTally {
    /// The state: `{answered, answered_wait_ns, abandoned,
    /// abandoned_wait_ns}`.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(js_name = toState, unchecked_return_type = "WaitState")]
    pub fn to_state(&self) -> Result<JsValue> {
        let s = self.0.state()?;
        let values = [
            s.answered.into(),
            s.answered_wait_ns,
            s.abandoned.into(),
            s.abandoned_wait_ns,
        ];
        Ok(int_state(&WAIT, &values))
    }

    /// The tally of a state.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a malformed state; `inconsistent` for a wait over
    /// 0 contacts; `overflow` when the contacts sum past 2⁶⁴ − 1.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "WaitState")] state: JsValue,
    ) -> Result<WaitTally> {
        let mut v = [0; 4];
        int_fields(&state, &WAIT, 0b1010, &mut v)?;
        let s = WaitState {
            answered: low(v[0]),
            answered_wait_ns: v[1],
            abandoned: low(v[2]),
            abandoned_wait_ns: v[3],
        };
        Ok(WaitTally(cxkpi::WaitTally::from_state(s)?))
    }
}

#[wasm_bindgen]
impl ServiceLevelTally {
    /// The state: `{threshold_s, short_abandon_below_s, answered,
    /// answered_within, abandoned, abandoned_within, short_abandoned}`, the
    /// thresholds in seconds (`short_abandon_below_s` is `null` without a
    /// short-abandon rule).
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(js_name = toState, unchecked_return_type = "ServiceLevelState")]
    pub fn to_state(&self) -> Result<JsValue> {
        let s = self.0.state()?;
        let w = Writer::new().secs("threshold_s", s.threshold);
        // As the core writes the rule: "below" always, `null` for none;
        // "at most" only when it is the rule.
        let w = match s.short_abandons {
            ShortAbandons::Below(d) => w.secs("short_abandon_below_s", d),
            ShortAbandons::AtMost(d) => w
                .val("short_abandon_below_s", JsValue::NULL)
                .secs("short_abandon_at_most_s", d),
            ShortAbandons::None => w.val("short_abandon_below_s", JsValue::NULL),
        };
        let values = [
            s.answered,
            s.answered_within,
            s.abandoned,
            s.abandoned_within,
            s.short_abandoned,
        ];
        Ok(w.ints(&SERVICE_LEVEL, &values.map(u128::from)).done())
    }

    /// The tally of a state.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a malformed state, a negative, NaN or infinite
    /// threshold, or both short-abandon fields; `inconsistent` when a part
    /// exceeds its whole.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "ServiceLevelState")] state: JsValue,
    ) -> Result<ServiceLevelTally> {
        let mut r = Reader::of("state", &state)?;
        let threshold = r
            .secs("threshold_s", "threshold (s)")?
            .ok_or_else(|| Error::malformed("threshold_s", "a number"))?;
        let below = r.secs("short_abandon_below_s", "short-abandon threshold (s)")?;
        let at_most = r.secs("short_abandon_at_most_s", "short-abandon threshold (s)")?;
        let short_abandons = match (below, at_most) {
            (Some(d), None) => ShortAbandons::Below(d),
            (None, Some(d)) => ShortAbandons::AtMost(d),
            (None, None) => ShortAbandons::None,
            (Some(_), Some(_)) => {
                return Err(Error::malformed(
                    "short-abandon rule",
                    "short_abandon_below_s or short_abandon_at_most_s, not both",
                )
                .into());
            }
        };
        let mut v = [0; 5];
        r.ints(&SERVICE_LEVEL, 0, &mut v)?;
        let s = ServiceLevelState {
            threshold,
            short_abandons,
            answered: low(v[0]),
            answered_within: low(v[1]),
            abandoned: low(v[2]),
            abandoned_within: low(v[3]),
            short_abandoned: low(v[4]),
        };
        r.finish()?;
        Ok(ServiceLevelTally(cxkpi::ServiceLevelTally::from_state(s)?))
    }
}

#[wasm_bindgen]
impl TicketVolume {
    /// The state: `{per_customer: [[id, tickets], …]}`, ids ascending and
    /// tickets as decimal strings.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    #[wasm_bindgen(js_name = toState, unchecked_return_type = "TicketVolumeState")]
    pub fn to_state(&self) -> Result<JsValue> {
        let s = self.0.state()?;
        let pairs: Array = s
            .per_customer
            .iter()
            .map(|(id, n)| Array::of2(&JsValue::from_str(id), &decimal((*n).into())))
            .collect();
        Ok(Writer::new().val("per_customer", pairs.into()).done())
    }

    /// The volume of a state.
    ///
    /// # Errors
    ///
    /// `out_of_range` for a malformed state; `inconsistent` for ids not
    /// ascending and unique or a count of 0; `overflow` when the tickets
    /// sum past 2⁶⁴ − 1.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "TicketVolumeState")] state: JsValue,
    ) -> Result<TicketVolume> {
        const PAIRS: &str = "a list of [customer id, tickets] pairs";
        let mut r = Reader::of("state", &state)?;
        let list = r.get("per_customer");
        r.finish()?;
        let list = list
            .dyn_into::<Array>()
            .map_err(|_| Error::malformed("per_customer", PAIRS))?;
        let mut per_customer = Vec::with_capacity(list.length() as usize);
        for pair in list.iter() {
            let pair = pair
                .dyn_into::<Array>()
                .ok()
                .filter(|pair| pair.length() == 2)
                .ok_or_else(|| Error::malformed("per_customer", PAIRS))?;
            let id = pair
                .get(0)
                .as_string()
                .ok_or_else(|| Error::malformed("per_customer", PAIRS))?;
            let tickets = low(int(&pair.get(1), "per_customer", false)?);
            per_customer.push((id, tickets));
        }
        let s = TicketVolumeState { per_customer };
        Ok(TicketVolume(cxkpi::TicketVolume::from_state(s)?))
    }
}

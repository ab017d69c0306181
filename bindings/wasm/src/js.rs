//! The conversions between JavaScript values and the core's: numbers to
//! counts and integers, options objects, plain result objects, and errors.

use cxkpi::{Domain, Error};
use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Why a call failed, before it becomes a thrown JavaScript error.
pub enum Fail {
    /// The core refused the input: a `CxkpiError` with its kind.
    Core(Error),
    /// An unknown option name, such as a method: a `CxkpiError` of kind
    /// `invalid_parameter`, like an impossible parameter of the core.
    Param(String),
    /// A JavaScript value of the wrong type or shape: a `TypeError`.
    Type(String),
    /// Data that does not parse, such as a malformed tally state: a
    /// `CxkpiError` of kind `out_of_range`, like the core's
    /// `Error::malformed`.
    #[cfg(feature = "state")]
    Malformed(String),
}

impl From<Error> for Fail {
    fn from(error: Error) -> Fail {
        Fail::Core(error)
    }
}

impl From<Fail> for JsValue {
    /// The thrown error: `CxkpiError` with `kind` the conformance vectors'
    /// error kind and the core's message, or a `TypeError`.
    #[cold]
    #[inline(never)]
    fn from(fail: Fail) -> JsValue {
        match fail {
            Fail::Core(error) => cxkpi_error(error.kind().as_str(), &error.to_string()),
            Fail::Param(message) => cxkpi_error("invalid_parameter", &message),
            Fail::Type(message) => js_sys::TypeError::new(&message).into(),
            #[cfg(feature = "state")]
            Fail::Malformed(message) => cxkpi_error("out_of_range", &message),
        }
    }
}

/// An `Error` named `CxkpiError` whose `kind` is `kind`.
fn cxkpi_error(kind: &str, message: &str) -> JsValue {
    let thrown = js_sys::Error::new(message);
    thrown.set_name("CxkpiError");
    set(&thrown, "kind", kind.into());
    thrown.into()
}

/// What an exported function returns: a value, or the error it throws.
pub type Result<T> = core::result::Result<T, Fail>;

/// Sets `object[key] = value`; on a plain object or an `Error` it cannot fail.
fn set(object: &JsValue, key: &str, value: JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), &value);
}

/// A plain JavaScript object, built field by field.
pub(crate) struct Obj(Object);

impl Obj {
    /// `{}`.
    pub(crate) fn new() -> Obj {
        Obj(Object::new())
    }

    /// The object with `key` set to the number `value`.
    // Not inlined: one call per field keeps every exported function small.
    #[inline(never)]
    pub(crate) fn num(self, key: &str, value: f64) -> Obj {
        set(&self.0, key, JsValue::from_f64(value));
        self
    }

    /// The object with `key` set to the count `value`, as a number (exact
    /// up to 2⁵³ − 1).
    pub(crate) fn count(self, key: &str, value: u64) -> Obj {
        self.num(key, value as f64)
    }

    /// The object with `key` set to `value`.
    #[inline(never)]
    pub(crate) fn val(self, key: &str, value: impl Into<JsValue>) -> Obj {
        set(&self.0, key, value.into());
        self
    }

    /// The object, to return to JavaScript.
    pub(crate) fn done(self) -> JsValue {
        self.0.into()
    }
}

/// The largest count a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// The integer `value` holds, if it holds one that an `i64` can.
pub(crate) fn integer(value: f64) -> Option<i64> {
    // The bounds are exact in f64: −2⁶³ and 2⁶³.
    let in_range = (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&value);
    #[allow(clippy::cast_possible_truncation)]
    (in_range && value.fract() == 0.0).then_some(value as i64)
}

/// `value` as a count: a whole number from 0 to 2⁵³ − 1, the counts a
/// JavaScript number holds exactly; anything else is out of range.
pub(crate) fn count(input: &'static str, value: f64) -> core::result::Result<u64, Error> {
    match integer(value) {
        Some(n) if (0.0..=MAX_SAFE_INTEGER).contains(&value) => Ok(n.unsigned_abs()),
        _ => Err(Error::out_of_range(
            input,
            value,
            Domain::Between {
                min: 0,
                max: 9_007_199_254_740_991,
            },
        )),
    }
}

/// `value`, a rating or score, validated by `door` (the core's integer
/// constructor); a number that is not an integer is out of `allowed`.
pub(crate) fn whole<T>(
    input: &'static str,
    value: f64,
    allowed: Domain,
    door: impl FnOnce(i64) -> core::result::Result<T, Error>,
) -> core::result::Result<T, Error> {
    match integer(value) {
        Some(n) => door(n),
        None => Err(Error::out_of_range(input, value, allowed)),
    }
}

/// `value` as an integer parameter (a scale bound, a threshold); a number
/// that is not an integer is an invalid parameter, outside `allowed`.
pub(crate) fn parameter(
    parameter: &'static str,
    value: f64,
    allowed: Domain,
) -> core::result::Result<i64, Error> {
    integer(value).ok_or_else(|| Error::invalid_parameter(parameter, value, allowed))
}

/// The numbers of `value`: a `Float64Array`, or a plain array of numbers;
/// `name` is the parameter, for a `TypeError`.
pub(crate) fn numbers(value: &JsValue, name: &str) -> Result<Vec<f64>> {
    if let Some(typed) = value.dyn_ref::<Float64Array>() {
        return Ok(typed.to_vec());
    }
    let Some(array) = value.dyn_ref::<Array>() else {
        return Err(Fail::Type(format!(
            "{name} must be a typed array or an array of numbers"
        )));
    };
    array
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_f64()
                .ok_or_else(|| Fail::Type(format!("{name}[{i}] must be a number")))
        })
        .collect()
}

/// `numbers`, each checked by `one`; an error names its index.
pub(crate) fn each<N>(
    numbers: &[f64],
    one: &dyn Fn(f64) -> core::result::Result<N, Error>,
) -> core::result::Result<Vec<N>, Error> {
    numbers
        .iter()
        .enumerate()
        .map(|(i, &n)| one(n).map_err(|e| e.at(i)))
        .collect()
}

/// The fields of an options object (`{calls, intervalS, ahtS}`), read one
/// by one; a field left unread at the end is a typo or unknown, and a
/// `TypeError`, rather than silently ignored.
pub(crate) struct Fields<'a> {
    name: &'a str,
    object: &'a JsValue,
    read: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    /// The fields of `object`, the parameter `name`.
    pub(crate) fn of(name: &'a str, object: &'a JsValue) -> Result<Fields<'a>> {
        if !object.is_object() || object.is_instance_of::<Array>() {
            return Err(Fail::Type(format!("{name} must be an object")));
        }
        Ok(Fields {
            name,
            object,
            read: Vec::new(),
        })
    }

    /// The field `key`, if present and not `undefined`.
    pub(crate) fn get(&mut self, key: &'static str) -> Option<JsValue> {
        self.read.push(key);
        Reflect::get(self.object, &JsValue::from_str(key))
            .ok()
            .filter(|value| !value.is_undefined())
    }

    /// The optional number `key`.
    pub(crate) fn number_or_none(&mut self, key: &'static str) -> Result<Option<f64>> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_f64()
                .map(Some)
                .ok_or_else(|| Fail::Type(format!("{}.{key} must be a number", self.name))),
        }
    }

    /// The required number `key`.
    pub(crate) fn number(&mut self, key: &'static str) -> Result<f64> {
        self.number_or_none(key)?
            .ok_or_else(|| Fail::Type(format!("{}.{key} is required: a number", self.name)))
    }

    /// The required field `key`, of any type.
    pub(crate) fn value(&mut self, key: &'static str) -> Result<JsValue> {
        self.get(key)
            .ok_or_else(|| Fail::Type(format!("{}.{key} is required", self.name)))
    }

    /// Ends the reading: any field not read is unknown.
    pub(crate) fn finish(self) -> Result<()> {
        let unknown: Vec<String> = Object::keys(self.object.unchecked_ref::<Object>())
            .iter()
            .filter_map(|key| key.as_string())
            .filter(|key| !self.read.contains(&key.as_str()))
            .collect();
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(Fail::Type(format!(
                "{} has unknown fields: {} (known: {})",
                self.name,
                unknown.join(", "),
                self.read.join(", ")
            )))
        }
    }
}

/// The name `name` among `names` (the crate's snake-case names, as in the
/// conformance vectors); any other is an invalid parameter.
pub(crate) fn named<T: Copy>(
    parameter: &'static str,
    name: &str,
    all: &[T],
    as_str: impl Fn(T) -> &'static str,
) -> Result<T> {
    // The names are the core's (`as_str`), so that every binding spells
    // them alike.
    all.iter()
        .copied()
        .find(|&value| as_str(value) == name)
        .ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(|&value| as_str(value)).collect();
            Fail::Param(format!(
                "{parameter} \"{name}\" is invalid: it must be one of {}",
                known.join(", ")
            ))
        })
}

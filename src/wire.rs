//! The wire format's field encodings (see the crate docs' "Wire format").
//!
//! - 64-bit and wider integers are written as JSON decimal *strings*, the
//!   proto3 JSON rule: a parser that only has doubles (JavaScript's
//!   `JSON.parse`) reads them exactly. Readers accept a string or a number;
//!   a number must be an exact integer (a float of 2⁵³ or more is refused, as it
//!   may already have been rounded).
//! - Durations that a person writes (thresholds) are seconds as a JSON
//!   number, read through the crate's one float-seconds door.

use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;
use core::time::Duration;

use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserializer, Serializer};

/// The largest integer every double holds exactly, 2⁵³.
const EXACT_IN_F64: f64 = 9_007_199_254_740_992.0;

/// An unsigned integer type of the wire format.
pub(crate) trait WireInt: Copy + fmt::Display + core::str::FromStr + TryFrom<u128> {
    /// Its name in errors.
    const NAME: &'static str;
}

impl WireInt for u64 {
    const NAME: &'static str = "an unsigned 64-bit integer (a decimal string or a number)";
}

impl WireInt for u128 {
    const NAME: &'static str = "an unsigned 128-bit integer (a decimal string or a number)";
}

struct IntVisitor<T>(PhantomData<T>);

impl<T: WireInt> IntVisitor<T> {
    fn from_u128<E: de::Error>(v: u128) -> Result<T, E> {
        T::try_from(v)
            .map_err(|_| E::invalid_value(de::Unexpected::Other("a larger integer"), &T::NAME))
    }
}

impl<T: WireInt> Visitor<'_> for IntVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::NAME)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Self::from_u128(u128::from(v))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<T, E> {
        Self::from_u128(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        let v =
            u64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &T::NAME))?;
        Self::from_u128(u128::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        // `3.0` is 3; `4.5`, a negative number or one that a double may have
        // rounded already is refused.
        if libm::trunc(v) != v || !(0.0..EXACT_IN_F64).contains(&v) {
            return Err(E::invalid_value(de::Unexpected::Float(v), &T::NAME));
        }
        // Integral and at most 2⁵³: the conversion is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Self::from_u128(v as u128)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        // Digits only: no sign, no blanks, no leading `+`.
        if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(E::invalid_value(de::Unexpected::Str(v), &T::NAME));
        }
        v.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &T::NAME))
    }
}

/// Reads an integer of the wire format.
pub(crate) fn read_int<'de, T: WireInt, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(IntVisitor(PhantomData))
}

/// Writes an integer of the wire format: its decimal string.
pub(crate) fn write_int<T: WireInt, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// `#[serde(with)]` for a `u64` or a `u128`: a decimal string, read from a string or a number.
pub(crate) mod int {
    pub(crate) use super::{read_int as deserialize, write_int as serialize};
}

/// `#[serde(with)]` for a list of `u64`s, each as [`int`].
pub(crate) mod ints {
    use super::{Deserializer, SeqAccess, SerializeSeq, Serializer, Vec, Visitor, WireInt, fmt};

    pub(crate) fn serialize<S: Serializer>(v: &[u64], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for x in v {
            seq.serialize_element(&Text(*x))?;
        }
        seq.end()
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        struct List;
        impl<'de> Visitor<'de> for List {
            type Value = Vec<u64>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a list, each item {}", u64::NAME)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u64>, A::Error> {
                // The hint comes from the payload: never trust it for more than a page.
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(Text(x)) = seq.next_element::<Text>()? {
                    out.push(x);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(List)
    }

    /// One item of the list.
    pub(crate) struct Text(pub(crate) u64);

    impl serde::Serialize for Text {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            super::write_int(&self.0, s)
        }
    }

    impl<'de> serde::Deserialize<'de> for Text {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
            super::read_int(d).map(Text)
        }
    }
}

/// `#[serde(with)]` for `[u64; 24]`, each as [`int`].
pub(crate) mod hours {
    use super::{Deserializer, Serializer, de, ints};

    pub(crate) fn serialize<S: Serializer>(v: &[u64; 24], s: S) -> Result<S::Ok, S::Error> {
        ints::serialize(v, s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u64; 24], D::Error> {
        let v = ints::deserialize(d)?;
        let len = v.len();
        <[u64; 24]>::try_from(v).map_err(|_| de::Error::invalid_length(len, &"24 hourly counts"))
    }
}

/// Seconds as a JSON number, for the wire format of a duration parameter.
fn secs_of(d: Duration) -> Secs {
    Secs(d)
}

/// A duration as seconds: a JSON integer when whole (`20`, as a person
/// writes it), else the nearest double (`0.5`), which reads back to the same
/// nanosecond below about 100 days.
struct Secs(Duration);

impl serde::Serialize for Secs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.subsec_nanos() == 0 {
            s.serialize_u64(self.0.as_secs())
        } else {
            s.serialize_f64(self.0.as_secs_f64())
        }
    }
}

/// The duration of `secs` seconds, as every float-seconds input is read.
fn duration_of<E: de::Error>(field: &'static str, secs: f64) -> Result<Duration, E> {
    crate::duration::seconds(field, secs).map_err(E::custom)
}

/// `#[serde(with)]` for a `Duration` written as seconds (`"threshold_s": 20`).
pub(crate) mod secs {
    use super::{Deserializer, Duration, Serializer};

    pub(crate) fn serialize<S: Serializer>(v: &Duration, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&super::secs_of(*v), s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let secs = <f64 as serde::Deserialize>::deserialize(d)?;
        super::duration_of("threshold (s)", secs)
    }
}

/// `#[serde(with)]` for a [`ShortAbandons`](crate::ShortAbandons) rule: the
/// short-abandon threshold in seconds, or `null` for none.
pub(crate) mod short_abandons {
    use super::{Deserializer, Serializer};
    use crate::ShortAbandons;

    pub(crate) fn serialize<S: Serializer>(v: &ShortAbandons, s: S) -> Result<S::Ok, S::Error> {
        // `AtMost` travels in its own field (`short_abandons_at_most`).
        match v.threshold() {
            None => s.serialize_none(),
            Some(d) => s.serialize_some(&super::secs_of(d)),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ShortAbandons, D::Error> {
        match <Option<f64> as serde::Deserialize>::deserialize(d)? {
            None => Ok(ShortAbandons::None),
            Some(secs) => {
                super::duration_of("short-abandon threshold (s)", secs).map(ShortAbandons::Below)
            }
        }
    }
}

/// `#[serde(with)]` for a [`ShortAbandons::AtMost`](crate::ShortAbandons::AtMost)
/// rule: its threshold in seconds, or `null` for none.
pub(crate) mod short_abandons_at_most {
    use super::{Deserializer, Serializer};
    use crate::ShortAbandons;

    pub(crate) fn serialize<S: Serializer>(v: &ShortAbandons, s: S) -> Result<S::Ok, S::Error> {
        super::short_abandons::serialize(v, s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ShortAbandons, D::Error> {
        match <Option<f64> as serde::Deserialize>::deserialize(d)? {
            None => Ok(ShortAbandons::None),
            Some(secs) => {
                super::duration_of("short-abandon threshold (s)", secs).map(ShortAbandons::AtMost)
            }
        }
    }
}

/// `#[serde(with)]` for a list of `(value, count)` pairs, `[[1, "40"], [2, "7"]]`:
/// the value a JSON number (a `u32`), the count as [`int`].
pub(crate) mod count_pairs {
    use super::ints::Text;
    use super::{Deserializer, SeqAccess, SerializeSeq, Serializer, Vec, Visitor, fmt};

    pub(crate) fn serialize<S: Serializer>(v: &[(u32, u64)], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for &(value, count) in v {
            seq.serialize_element(&(value, Text(count)))?;
        }
        seq.end()
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<(u32, u64)>, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = Vec<(u32, u64)>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of [value, count] pairs")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // The hint comes from the payload: never trust it for more than a page.
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some((value, Text(count))) = seq.next_element::<(u32, Text)>()? {
                    out.push((value, count));
                }
                Ok(out)
            }
        }
        d.deserialize_seq(Pairs)
    }
}

/// `#[serde(with)]` for an optional `u64`: as [`int`], or `null`.
pub(crate) mod option_int {
    use super::ints::Text;
    use super::{Deserializer, Serializer};

    // serde's `with` passes the field by reference.
    #[allow(clippy::ref_option)]
    pub(crate) fn serialize<S: Serializer>(v: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(n) => s.serialize_some(&Text(*n)),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        let v: Option<Text> = serde::Deserialize::deserialize(d)?;
        Ok(v.map(|t| t.0))
    }
}

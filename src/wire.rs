//! The wire format's 64- and 128-bit integers: written as JSON decimal
//! strings (the proto3 JSON rule: exact in any parser, JavaScript's
//! included), read from a string or a number.

use alloc::string::ToString;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};

/// Reads an unsigned integer of up to 128 bits from a decimal string or a number.
struct Unsigned;

impl Visitor<'_> for Unsigned {
    type Value = u128;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an unsigned integer, as a decimal string or a number")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u128, E> {
        Ok(u128::from(v))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<u128, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u128, E> {
        u128::try_from(v).map_err(|_| E::custom("a negative count"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u128, E> {
        // Digits only: no sign, no blank, no exponent.
        if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(E::custom("a malformed integer: it must be decimal digits"));
        }
        v.parse()
            .map_err(|_| E::custom("an integer that overflows u128"))
    }
}

/// `u64` as a decimal string.
// serde's `with` passes the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
pub(crate) mod u64_string {
    use super::{Deserializer, Serializer, ToString, Unsigned, de};

    pub(crate) fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let v = d.deserialize_any(Unsigned)?;
        u64::try_from(v).map_err(|_| de::Error::custom("an integer that overflows u64"))
    }
}

/// `u128` as a decimal string.
pub(crate) mod u128_string {
    use super::{Deserializer, Serializer, ToString, Unsigned};

    pub(crate) fn serialize<S: Serializer>(v: &u128, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        d.deserialize_any(Unsigned)
    }
}

/// `Vec<u64>` as a list of decimal strings.
pub(crate) mod vec_u64_string {
    use super::{
        Deserializer, SeqAccess, SerializeSeq, Serializer, ToString, Unsigned, Vec, Visitor, de,
        fmt,
    };

    pub(crate) fn serialize<S: Serializer>(v: &[u64], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for n in v {
            seq.serialize_element(&n.to_string())?;
        }
        seq.end()
    }

    /// One element, through [`Unsigned`].
    struct Element(u64);

    impl<'de> serde::Deserialize<'de> for Element {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Element, D::Error> {
            let v = d.deserialize_any(Unsigned)?;
            u64::try_from(v)
                .map(Element)
                .map_err(|_| de::Error::custom("an integer that overflows u64"))
        }
    }

    struct List;

    impl<'de> Visitor<'de> for List {
        type Value = Vec<u64>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of unsigned integers")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u64>, A::Error> {
            // The size hint comes from the payload: cap what it may reserve.
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(Element(n)) = seq.next_element()? {
                out.push(n);
            }
            Ok(out)
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        d.deserialize_seq(List)
    }
}

//! The wire format's integers (CONTRACT.md): 64-bit counts are written as
//! JSON decimal strings, exact in any parser (the proto3 JSON mapping's rule),
//! and read from a string or a number. Used through `#[serde(with = ..)]` on
//! the fields of the tallies' state structs.

use alloc::string::ToString;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserializer, Serializer};

/// Reads a `u64` from a decimal string or a JSON number.
struct U64Visitor;

impl Visitor<'_> for U64Visitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an unsigned 64-bit integer, as a decimal string or a number")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
        // Digits only: `parse` would also take a leading `+`.
        if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(E::invalid_value(de::Unexpected::Str(v), &self));
        }
        v.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// One `u64` as a decimal string.
pub(crate) mod u64_text {
    use super::{Deserializer, Serializer, ToString, U64Visitor};

    // serde's `with` passes the field by reference.
    #[allow(clippy::trivially_copy_pass_by_ref)]
    pub(crate) fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        d.deserialize_any(U64Visitor)
    }
}

/// A `u64` wrapped so that it reads and writes as [`u64_text`] inside a sequence.
struct Text(u64);

impl serde::Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        u64_text::serialize(&self.0, s)
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        u64_text::deserialize(d).map(Text)
    }
}

/// A list of `u64`s, each a decimal string.
pub(crate) mod u64_list {
    use super::{Deserializer, SerializeSeq, Serializer, Text, Vec};

    pub(crate) fn serialize<S: Serializer>(v: &[u64], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for &n in v {
            seq.serialize_element(&Text(n))?;
        }
        seq.end()
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        let v: Vec<Text> = serde::Deserialize::deserialize(d)?;
        Ok(v.into_iter().map(|t| t.0).collect())
    }
}

/// A list of `(value, count)` pairs: `[[1, "40"], [2, "7"]]`, the value a
/// JSON number (a `u32`), the count a decimal string.
pub(crate) mod count_pairs {
    use super::{Deserializer, SeqAccess, SerializeSeq, Serializer, Text, Vec, Visitor, fmt};

    pub(crate) fn serialize<S: Serializer>(v: &[(u32, u64)], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for &(value, count) in v {
            seq.serialize_element(&(value, Text(count)))?;
        }
        seq.end()
    }

    struct PairsVisitor;

    impl<'de> Visitor<'de> for PairsVisitor {
        type Value = Vec<(u32, u64)>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of [value, count] pairs")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((value, Text(count))) = seq.next_element::<(u32, Text)>()? {
                out.push((value, count));
            }
            Ok(out)
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<(u32, u64)>, D::Error> {
        d.deserialize_seq(PairsVisitor)
    }
}

/// An optional `u64` as a decimal string, or `null`.
pub(crate) mod option_u64_text {
    use super::{Deserializer, Serializer, Text};

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

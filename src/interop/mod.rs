//! Optional integrations, one file each.

#[cfg(feature = "rayon")]
mod rayon;
#[cfg(feature = "serde")]
pub(crate) mod wire;

//! Optional integrations, one file each.

#[cfg(feature = "rayon")]
mod rayon;

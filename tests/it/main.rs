//! The integration tests, in one binary so the crate links once.

mod adversarial;
mod conformance;
mod laws;
#[cfg(feature = "serde")]
mod serde_io;
mod staffing;

//! The integration tests, in one binary so the crate links once.

mod adversarial;
#[cfg(feature = "chrono")]
mod business_time;
mod conformance;
mod contact;
// The laws of the contract include the serde round trip.
#[cfg(feature = "serde")]
mod contract;
mod edges;
mod forecast;
mod grouped;
mod intervals;
mod kernels;
mod laws;
mod paths;
#[cfg(feature = "serde")]
mod serde_io;
mod staffing;
mod stats;
mod survey;
#[cfg(feature = "chrono")]
mod ticket_deadlines;
mod ticket_laws;
#[cfg(feature = "chrono")]
mod tickets;
mod time;
mod volume;
mod workforce;

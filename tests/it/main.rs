//! The integration tests, in one binary so the crate links once.

mod adversarial;
#[cfg(feature = "chrono")]
mod business_time;
mod conformance;
mod contract;
mod datasets;
mod kernels;
mod laws;
mod operations;
#[cfg(feature = "serde")]
mod serde_io;
mod staffing;
mod stats;
mod surveys;
#[cfg(feature = "chrono")]
mod tickets;

// The report example's loaders and KPI tally, tested against the figures
// published for the bundled datasets.
#[path = "../../examples/report/calls.rs"]
#[allow(dead_code)]
mod calls;
#[path = "../../examples/report/kpis.rs"]
#[allow(dead_code)]
mod kpis;
#[path = "../../examples/report/mapped.rs"]
#[allow(dead_code)]
mod mapped;

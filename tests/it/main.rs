//! The integration tests, in one binary so the crate links once.

mod adversarial;
#[cfg(feature = "chrono")]
mod business_time;
mod conformance;
mod datasets;
mod edges;
mod forecast;
mod intervals;
mod grouped;
mod kernels;
mod laws;
mod operations;
#[cfg(feature = "serde")]
mod serde_io;
mod staffing;
mod stats;
mod surveys;
#[cfg(feature = "chrono")]
mod ticket_deadlines;
mod ticket_laws;
#[cfg(feature = "chrono")]
mod tickets;
mod workforce;

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

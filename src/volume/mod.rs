//! Volumes: tickets per customer, contacts by hour of day and peak hours,
//! the change between two periods, and (with the `chrono` feature) the
//! backlog of requests open at an instant.
//!
//! Volumes per period (day, ISO week, month) and per channel or agent are
//! [`Breakdown`](crate::Breakdown)s keyed by the period or the group; with
//! the `chrono` feature, [`Period`](crate::time::Period) computes the key of a
//! timestamp.

#[cfg(feature = "chrono")]
mod backlog;
mod hourly;
mod per_customer;

#[cfg(feature = "chrono")]
pub use backlog::{Backlog, BacklogState};
pub use hourly::{HourOfDay, HourlyVolume, HourlyVolumeState, volume_change};
pub use per_customer::{TicketVolume, TicketVolumeState};

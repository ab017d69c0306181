//! Volumes: tickets per customer, contacts by hour of day and peak hours,
//! and the change between two periods.
//!
//! Volumes per period (day, ISO week, month) and per channel or agent are
//! [`Breakdown`](crate::Breakdown)s keyed by the period or the group; with
//! the `chrono` feature, [`Period`](crate::time::Period) computes the key of a
//! timestamp.

mod hourly;
mod per_customer;

pub use hourly::{HourOfDay, HourlyVolume, HourlyVolumeState, volume_change};
pub use per_customer::{TicketVolume, TicketVolumeState};

//! Contact metrics: abandonment, first-contact resolution and handle time.

pub mod abandonment;
pub mod fcr;
pub mod handle_time;

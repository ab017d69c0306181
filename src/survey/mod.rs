//! Survey metrics: NPS, CSAT and CES, with their score types and tallies.

pub mod ces;
pub mod csat;
pub mod nps;
pub mod scale;

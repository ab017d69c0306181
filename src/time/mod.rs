//! Time: duration statistics (exact and sketched), percentiles, and business hours.
//!
//! - [`DurationSample`] keeps every duration for exact percentiles;
//!   [`DurationSketch`] keeps a bounded number of logarithmic buckets and
//!   answers within a stated relative error. Both merge.
//! - [`Quantile`] names the percentile to compute; [`MeanDuration`] is a
//!   weighted mean that keeps its total and count.
//! - With the `chrono` feature: [`Period`] keys for volumes per hour, day,
//!   ISO week or month, and the [`Backlog`] of requests open at an instant.

#[cfg(feature = "chrono")]
mod backlog;
mod mean;
#[cfg(feature = "chrono")]
mod period;
mod quantile;
mod sample;
mod sketch;

#[cfg(feature = "chrono")]
pub use backlog::Backlog;
pub use mean::MeanDuration;
#[cfg(feature = "chrono")]
pub use period::{Period, PeriodKey};
pub use quantile::Quantile;
pub use sample::{DurationSample, DurationSummary, SortedDurations};
pub use sketch::{DurationSketch, RelativeAccuracy};

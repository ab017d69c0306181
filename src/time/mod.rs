//! Time: duration statistics (exact and sketched), percentiles, and business hours.
//!
//! - [`DurationSample`] keeps every duration for exact percentiles;
//!   [`DurationSketch`] keeps a bounded number of logarithmic buckets and
//!   answers within a stated relative error. Both merge.
//! - [`Quantile`] names the percentile to compute.

mod mean;
mod quantile;
mod sample;
mod sketch;

pub use mean::MeanDuration;
pub use quantile::Quantile;
pub use sample::{DurationSample, DurationSummary, SortedDurations};
pub use sketch::{DurationSketch, RelativeAccuracy};

//! Time: duration statistics (exact and sketched), percentiles, and business hours.
//!
//! - [`DurationSample`](crate::DurationSample) keeps every duration for exact percentiles;
//!   [`DurationSketch`](crate::DurationSketch) keeps a bounded number of logarithmic buckets and
//!   answers within a stated relative error. Both merge.
//! - [`WholeSeconds`] gives the same exact statistics straight from a
//!   column of whole seconds (`&[u32]`), by histogram selection: no copy,
//!   no sort, one pass for values below 18 hours.
//! - [`BacklogAgeing`](crate::BacklogAgeing) counts open items by age bucket ([`AgeBuckets`](crate::AgeBuckets)) and
//!   keeps the oldest, with ages on any clock.
//! - [`Quantile`] names the percentile to compute; [`MeanDuration`](crate::MeanDuration) is a
//!   weighted mean that keeps its total and count.
//! - With the `chrono` feature: [`Period`] keys for volumes per hour, day,
//!   ISO week or month, and first-response and resolution times on a [`Clock`]: calendar time, or
//!   business time under a [`BusinessCalendar`] (a [`WeeklySchedule`] with
//!   holidays, in any time zone).
//! - [`IntervalLength`], [`IntervalOfDay`], [`DayOfWeek`] and
//!   [`WeekInterval`]: the 15-, 30- and 60-minute intervals of the day and
//!   of the week that staffing, agent time and forecasts are keyed by.

// The tallies of durations and ages, and their types, are at the crate
// root (`crate::DurationSample`, …): these modules are visible to it alone.
pub(crate) mod ageing;
#[cfg(feature = "chrono")]
mod business;
mod interval;
pub(crate) mod mean;
#[cfg(feature = "chrono")]
mod period;
mod quantile;
pub(crate) mod sample;
mod seconds;
pub(crate) mod sketch;

#[cfg(feature = "chrono")]
pub use business::{BusinessCalendar, Clock, WeeklySchedule, elapsed};
pub use interval::{DayOfWeek, IntervalLength, IntervalOfDay, WeekInterval};
#[cfg(feature = "chrono")]
pub use period::{Period, PeriodKey};
pub use quantile::Quantile;
pub use seconds::WholeSeconds;

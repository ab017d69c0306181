//! Volume forecasts per interval of the week, to feed the staffing plan.
//!
//! 1. A [`History`](crate::History) counts arrivals per week × [`WeekInterval`](crate::time::WeekInterval)
//!    (15, 30 or 60 minutes); it is a tally: it records, merges across
//!    sites or months, and travels as its [`HistoryState`](crate::HistoryState).
//! 2. A [`Method`] forecasts the weeks that follow, with a prediction
//!    interval per interval: the seasonal naive (the same interval last
//!    week), the historical average of the same interval over the last K
//!    weeks, and additive Holt–Winters with a weekly season ([`HoltWinters`]).
//! 3. [`backtest`] fits a method on the first weeks and scores it on the
//!    last ones, by WAPE and MASE (Hyndman & Koehler 2006).
//! 4. [`Forecast::plan`] staffs the forecast with
//!    [`staffing::Plan`](crate::staffing::Plan).
//!
//! ```
//! use core::time::Duration;
//! use cxkpi::History;
//! use cxkpi::forecast::{HoltWinters, Method, backtest};
//! use cxkpi::Percent;
//! use cxkpi::staffing::{Model, StaffingTarget};
//! use cxkpi::stats::Confidence;
//! use cxkpi::time::IntervalLength;
//!
//! // Four weeks of a daily cycle with some noise.
//! let counts: Vec<u64> = (0..4 * 168_u64).map(|i| 20 + (i % 24) * 3 + (i * 7919) % 5).collect();
//! let history = History::from_counts(IntervalLength::Hour, 1520, &counts)?;
//! for method in [Method::SeasonalNaive, Method::HistoricalAverage { weeks: 3 }, Method::HoltWinters(HoltWinters::fitted())] {
//!     let scored = backtest(&history, method, 1, Confidence::NINETY_FIVE)?;
//!     assert!(scored.wape_pct() < 10.0);
//! }
//! let next_week = Method::HistoricalAverage { weeks: 3 }.forecast(&history, 168, Confidence::NINETY_FIVE)?;
//! let target = StaffingTarget::new().service_level(Percent::new(80.0)?, Duration::from_secs(20))?;
//! let plan = next_week.plan(Duration::from_secs(180), &target, Model::ErlangC)?;
//! assert_eq!(plan.intervals().len(), 168);
//! # Ok::<(), cxkpi::Error>(())
//! ```

mod backtest;
// `History` is a tally: at the crate root with its state and observation.
pub(crate) mod history;
mod methods;

pub use backtest::{Backtest, backtest};
pub use history::MAX_WEEKS;
pub use methods::{Forecast, ForecastPoint, HoltWinters, Method};

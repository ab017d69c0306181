//! Workforce: what agents did with their time, per agent and per interval.
//!
//! - [`AgentState`](crate::AgentState) names the four states occupancy and utilisation need
//!   (handling, available, away, logged out), with the mapping of Genesys
//!   Cloud, Amazon Connect and Chatwoot statuses onto them.
//! - [`AgentTime`](crate::AgentTime) tallies time per state, exact to the nanosecond, and
//!   gives occupancy = handling / (handling + available) and utilisation =
//!   handling / logged-in time as [`TimeShare`](crate::TimeShare)s.
//! - With the `chrono` feature, a [`StatusInterval`] (state, start, end)
//!   splits into [`Piece`]s at the interval boundaries and midnights of its
//!   time zone, so that per-interval tallies add up to the day exactly.
//!
//! ```
//! # #[cfg(feature = "chrono")] {
//! use chrono::TimeZone;
//! use chrono_tz::Europe::Paris;
//! use cxkpi::{Breakdown, Tally};
//! use cxkpi::time::{IntervalLength, IntervalOfDay};
//! use cxkpi::{AgentState, AgentTime};
//! use cxkpi::workforce::StatusInterval;
//!
//! let at = |h, m| Paris.with_ymd_and_hms(2024, 6, 3, h, m, 0).unwrap();
//! let log = [
//!     ("ana", AgentState::Available, at(9, 0), at(9, 20)),
//!     ("ana", AgentState::Handling, at(9, 20), at(10, 5)),
//!     ("ana", AgentState::Away, at(10, 5), at(10, 30)),
//! ];
//! let mut by_interval = Breakdown::<(&str, chrono::NaiveDate, IntervalOfDay), AgentTime>::default();
//! for (agent, state, start, end) in log {
//!     for piece in StatusInterval::new(state, start, end)?.pieces(IntervalLength::HalfHour) {
//!         by_interval.record((agent, piece.date, piece.interval), piece.span);
//!     }
//! }
//! let nine = by_interval.iter().next().unwrap().1; // 09:00–09:30: 20 min available, 10 handling
//! assert_eq!(nine.occupancy()?.percent(), 100.0 / 3.0);
//! let day = by_interval.total()?;
//! assert_eq!(day.occupancy()?.percent(), 45.0 * 100.0 / 65.0);
//! assert_eq!(day.utilisation()?.percent(), 50.0);
//! # }
//! # Ok::<(), cxkpi::Error>(())
//! ```

// `AgentTime` is a tally: at the crate root with its state, observation and
// result types. What stays here is the splitting of status intervals.
pub(crate) mod agent_time;
#[cfg(feature = "chrono")]
mod status;

#[cfg(feature = "chrono")]
pub use status::{MAX_STATUS_DAYS, Piece, StatusInterval};

//! Staffing: the agents an inbound flow needs, with Erlang C and Erlang A.
//!
//! From a forecast to a schedule, in four steps:
//!
//! 1. A [`Workload`]: calls offered in an interval and their average handle
//!    time, validated; its traffic in Erlangs is calls × AHT / interval.
//! 2. A queueing [`Model`]: [`ErlangC`] (M/M/N, nobody hangs up) or
//!    [`ErlangA`] (M/M/N+M, callers hang up after an exponential patience),
//!    each giving the probability of waiting, the service level within an
//!    answer time, the ASA, the abandonment and the occupancy of N agents.
//! 3. A [`StaffingTarget`]: service level, ASA, probability of waiting,
//!    occupancy and abandonment goals; [`StaffingTarget::agents_required`]
//!    finds the least N that meets them all, and [`Shrinkage`] grosses it up
//!    to the agents to schedule.
//! 4. A [`Plan`]: every interval of a day staffed to the target, with the
//!    day's agent-hours and its volume-weighted service level, ASA and
//!    abandonment.
//!
//! ```
//! use core::time::Duration;
//! use cxkpi::staffing::{Model, Shrinkage, StaffingTarget, Workload};
//!
//! let load = Workload::from_secs(100.0, 1800.0, 180.0)?; // 10 Erlangs
//! let target = StaffingTarget::new().service_level(cxkpi::Percent::new(80.0)?, Duration::from_secs(20))?;
//! let staffed = target.agents_required(&load, Model::ErlangC)?;
//! assert_eq!(staffed.agents(), 14);
//! assert_eq!(Shrinkage::from_pct(30.0)?.scheduled(staffed.agents())?, 20);
//! # Ok::<(), cxkpi::Error>(())
//! ```
//!
//! # Numerical notes
//!
//! Neither model forms a factorial or a power of the traffic: both build on
//! the Erlang B recursion B(n) = A·B(n−1) / (n + A·B(n−1)), which is stable
//! for any number of agents (a textbook A^N/N! overflows a double beyond 170
//! agents). Erlang A's queue sums run with the ratio λ/(Nμ + kγ), rescaled
//! before they could overflow. Every result is finite and in range for up to
//! [`MAX_AGENTS`] agents.

mod erlang_a;
mod erlang_b;
mod erlang_c;
mod model;
mod plan;
mod shrinkage;
mod target;
// Turnover is a tally: at the crate root (`crate::TurnoverTally`, …).
pub(crate) mod turnover;
mod workload;

pub use erlang_a::ErlangA;
pub use erlang_b::MAX_AGENTS;
pub use erlang_c::ErlangC;
pub use model::{Model, Performance};
pub use plan::{IntervalPlan, Plan};
pub use shrinkage::Shrinkage;
pub use target::StaffingTarget;
pub use workload::Workload;

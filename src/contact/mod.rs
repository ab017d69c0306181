//! Contact metrics: abandonment, first-contact resolution, handle time,
//! waits (ASA), service level, deadlines met per ticket, reopens,
//! reachability and messages before the first reply.
//!
//! ```
//! use core::time::Duration;
//! use cxkpi::{AbandonmentTally, AhtTally, FcrTally};
//!
//! let abandonment = AbandonmentTally::from_counts(200, 14, 4)?.abandonment()?;
//! let fcr = FcrTally::from_contact_counts(&[1, 1, 2, 3, 1])?.fcr()?;
//! let secs = Duration::from_secs;
//! let aht = AhtTally::from_counts(20, secs(3600), secs(600), secs(900))?.aht()?;
//! assert_eq!((abandonment.part(), fcr.percent(), aht.secs()), (10, 60.0, 255.0));
//! # Ok::<(), cxkpi::Error>(())
//! ```

pub mod abandonment;
pub mod deadline;
pub mod escalation;
pub mod fcr;
pub mod fcr_history;
pub mod handle_time;
mod histogram;
pub mod reachability;
pub mod reopen;
pub mod replies;
pub mod service_level;
pub mod wait;

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

mod abandonment;
mod deadline;
mod escalation;
mod fcr;
mod fcr_history;
mod handle_time;
mod histogram;
mod reachability;
mod reopen;
mod replies;
mod service_level;
mod wait;

pub use abandonment::{AbandonmentState, AbandonmentTally, Outcome, ShortAbandons};
pub use deadline::{Deadline, DeadlineKind, DeadlineState, DeadlineTally, Lateness};
pub use escalation::{EscalationState, EscalationTally, Handling};
pub use fcr::{FcrState, FcrTally, Resolution};
pub use fcr_history::{Contact, TicketStatus, fcr_by_recontact, one_touch};
pub use handle_time::{Aht, AhtState, AhtTally, HandleTime};
pub use reachability::{Attempts, ReachabilityState, ReachabilityTally};
pub use reopen::{ReopenState, ReopenTally, Reopens, TicketEvent};
pub use replies::{MessagesBeforeReply, MessagesBeforeReplyState, MessagesBeforeReplyTally};
pub use service_level::{
    AbandonTreatment, ServiceLevelCounts, ServiceLevelState, ServiceLevelTally,
};
pub use wait::{WaitState, WaitTally, Waited};

// For the grouped kernels (`crate::grouped`), which share these checks.
pub(crate) use fcr::zero_contacts;
pub(crate) use service_level::whole_secs_bounds;

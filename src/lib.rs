//! cxkpi
#![no_std]
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod duration;
mod error;
mod kernel;
mod rate;
mod tally;

pub mod contact;
pub mod cost;
pub mod customers;
pub mod survey;

pub use contact::abandonment::{AbandonmentTally, Outcome, ShortAbandons};
pub use contact::fcr::{FcrTally, Resolution};
pub use contact::handle_time::{Aht, AhtTally, HandleTime};
pub use cost::{CostTally, Money, cost_per_minute};
pub use customers::{CustomerStatus, RetentionTally};
pub use error::{Domain, Error, ErrorKind, Value};
pub use rate::Rate;
pub use survey::ces::{Ces, CesTally};
pub use survey::csat::{CsatRule, CsatTally};
pub use survey::nps::{Nps, NpsCategory, NpsRating, NpsTally};
pub use survey::scale::{Scale, Score};
pub use tally::Merge;

//! Survey metrics: NPS, CSAT and CES, with their score types and tallies.
//!
//! ```
//! use cxkpi::{CesTally, CsatRule, CsatTally, NpsTally, Scale};
//!
//! let nps = NpsTally::from_scores(&[10, 9, 8, 3])?.nps()?;
//! let csat = CsatTally::from_scores(CsatRule::TOP_2_BOX_5, &[5, 4, 3, 1])?.csat()?;
//! let ces = CesTally::from_scores(Scale::ONE_TO_SEVEN, &[7, 6, 5, 4])?.ces()?;
//! assert_eq!((nps.score(), csat.percent(), ces.mean()), (25.0, 50.0, 5.5));
//! # Ok::<(), cxkpi::Error>(())
//! ```

mod ces;
mod csat;
mod nps;
mod response;
mod scale;

pub use ces::{Ces, CesState, CesTally};
pub use csat::{CsatRule, CsatState, CsatTally};
pub use nps::{Nps, NpsCategory, NpsRating, NpsState, NpsTally};
pub use response::{SurveyOutcome, SurveyResponseState, SurveyResponseTally};
pub use scale::{RawScore, Scale, Score};

//! The library of the `cxkpi` command: reading contact-centre logs (the
//! Anonymous Bank format, the PwC case, any CSV through a column mapping)
//! one row at a time, and the KPI report of them as text, JSON, a tidy CSV
//! table or one self-contained HTML page with charts.
//!
//! ```
//! use cxkpi_cli::kpis::SHORT_ABANDONS;
//! use cxkpi_cli::{Input, TimeBasis, StaffingGoal, run_report};
//!
//! let report = run_report(
//!     &Input::bundled_pwc(),
//!     &TimeBasis::default(),
//!     StaffingGoal::default(),
//!     SHORT_ABANDONS,
//! )?;
//! assert_eq!(report.rows, 5000);
//! # Ok::<(), cxkpi_cli::InputError>(())
//! ```

pub mod bank;
pub mod calls;
pub mod charts;
pub mod clock;
pub mod durations;
pub mod error;
pub mod figure;
pub mod html;
pub mod json;
pub mod kpis;
pub mod mapped;
pub mod report;
pub mod share;
pub mod staffing;
pub mod table;
pub mod text;
pub mod tidy;
pub mod zone;

mod input;

pub use error::InputError;
pub use input::{Format, Input, report_from_bytes, run_report};
pub use mapped::Mapping;
pub use report::Report;
pub use staffing::StaffingGoal;
pub use zone::{InputTime, TimeBasis};

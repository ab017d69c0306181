//! Statistics: how sure a KPI is, whether it really changed, and how many
//! responses it needs.
//!
//! A CSAT of 86% from 40 responses and one from 4 000 are not the same fact,
//! and a one-point NPS drop is usually noise. Every rate ([`Rate`]) and NPS
//! ([`Nps`]) can report its confidence interval; means come from a
//! [`MeanTally`](crate::MeanTally); two periods are compared with [`two_rates_test`],
//! [`nps_difference_test`] and [`welch_test`]; [`rate_sample_size`] and
//! [`nps_sample_size`] say how many responses a margin of error takes.
//!
//! # When is a change between two periods significant?
//!
//! A KPI computed on a sample moves from period to period even when nothing
//! changed. A test of change asks: if the true rate were the same in both
//! periods, how often would samples of these sizes differ by this much?
//! That chance is the **p-value**. When it is small (below 5% by
//! convention), the difference is unlikely to be noise, and the change is
//! called *significant at 5%*. The confidence interval of the difference
//! says the same thing in the metric's unit: a change is significant at 5%
//! when the 95% interval of the difference excludes 0.
//!
//! ```
//! use cxkpi::{CsatRule, CsatTally, Rate};
//! use cxkpi::stats::{Confidence, two_rates_test};
//!
//! // CSAT fell from 86% (344 of 400) to 82% (369 of 450): 4 points.
//! let before = Rate::new(344, 400)?;
//! let after = Rate::new(369, 450)?;
//! let change = two_rates_test(after, before);
//! assert_eq!(format!("{:.1}", change.difference()), "-4.0");
//! assert_eq!(format!("{:.2}", change.p_value()), "0.11");
//! // p = 0.11: a drop this size happens one time in nine by chance alone.
//! assert!(!change.is_significant(0.05));
//! assert!(change.interval(Confidence::NINETY_FIVE).contains(0.0));
//!
//! // The same 4-point drop on 10 times the responses is a real change.
//! let change = two_rates_test(Rate::new(3690, 4500)?, Rate::new(3440, 4000)?);
//! assert!(change.p_value() < 0.0001);
//! assert!(!change.interval(Confidence::NINETY_FIVE).contains(0.0));
//! # Ok::<(), cxkpi::Error>(())
//! ```
//!
//! Two cautions. Significance is not importance: with enough responses a
//! 0.5-point change is "significant" and still irrelevant. And testing many
//! KPIs, channels or agents at once finds "significant" changes by chance
//! (at 5%, one in twenty when nothing changed): look for changes that are
//! both significant and large enough to matter.
//!
//! # Numerical notes
//!
//! The normal quantile is Wichura's AS 241 (about 1e-16); the Student t and
//! beta distributions go through the regularized incomplete beta function
//! (DiDonato & Morris's continued fraction, with their cancellation-free
//! prefactor for large samples) and its Newton–bisection inverse, accurate
//! to about 1e-12 from a handful of responses to 10¹² and beyond, all in
//! pure Rust over `libm`, so results agree across targets and `no_std`
//! builds.

mod compare;
mod confidence;
// `MeanTally` records and merges: at the crate root.
pub(crate) mod moments;
mod nps_interval;
mod rate_interval;
mod sample_size;
pub(crate) mod special;

pub use compare::{Comparison, nps_difference_test, two_rates_test, welch_test};
pub use confidence::{Confidence, Interval};
pub use nps_interval::NpsMethod;
pub use rate_interval::RateMethod;
pub use sample_size::{nps_sample_size, rate_sample_size};

#[cfg(doc)]
use crate::{Nps, Rate};

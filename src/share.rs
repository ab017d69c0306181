//! Shares of a whole as types: a [`Percent`] (0–100) and a [`Probability`]
//! (0–1), so that a share is never passed in the other unit by mistake.
//!
//! The convention: a parameter or a result that is a percentage is a
//! [`Percent`], one that is a probability is a [`Probability`]; a bare `f64`
//! share only appears in a getter whose name ends in `_pct` (0–100) or starts
//! with `prob_` (0–1). `StaffingTarget::service_level(0.8, …)` then does not
//! compile: the call says `Percent::new(80.0)?` or
//! `Probability::new(0.8)?.to_percent()`.

use core::fmt;

use crate::{Domain, Error};

/// A percentage: a finite number from 0 to 100, validated at construction.
///
/// # Example
///
/// ```
/// use cxkpi::{ErrorKind, Percent, Probability};
///
/// let target = Percent::new(80.0)?;
/// assert_eq!(target.get(), 80.0);
/// assert_eq!(target.to_probability(), Probability::new(0.8)?);
/// assert_eq!(target.to_string(), "80%");
///
/// let err = Percent::new(120.0).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
/// assert_eq!(err.to_string(), "percentage 120 is invalid: it must be a number from 0 to 100");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Percent(f64);

impl Percent {
    /// 0 %.
    pub const ZERO: Percent = Percent(0.0);
    /// 100 %.
    pub const HUNDRED: Percent = Percent(100.0);

    /// `pct` %, checked to lie in 0–100 (`-0.0` is 0).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] for a NaN, an infinity, or a number
    /// outside 0–100.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Percent::new(12.5)?.get(), 12.5);
    /// assert!(cxkpi::Percent::new(f64::NAN).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(pct: f64) -> Result<Percent, Error> {
        if (0.0..=100.0).contains(&pct) {
            Ok(Percent(pct + 0.0))
        } else {
            Err(Error::invalid_parameter("percentage", pct, Domain::Percent))
        }
    }

    /// A computed percentage, clamped into 0–100 (a NaN becomes 0).
    pub(crate) fn clamped(pct: f64) -> Percent {
        if pct.is_nan() {
            Percent::ZERO
        } else {
            Percent(pct.clamp(0.0, 100.0) + 0.0)
        }
    }

    /// The number of percent, in 0–100.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Percent::HUNDRED.get(), 100.0);
    /// ```
    pub const fn get(self) -> f64 {
        self.0
    }

    /// The same share as a probability: `pct / 100`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Percent::new(25.0)?.to_probability().get(), 0.25);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn to_probability(self) -> Probability {
        Probability(self.0 / 100.0)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)?;
        f.write_str("%")
    }
}

/// A probability: a finite number from 0 to 1, validated at construction.
///
/// # Example
///
/// ```
/// use cxkpi::{Percent, Probability};
///
/// let p = Probability::new(0.25)?;
/// assert_eq!(p.get(), 0.25);
/// assert_eq!(p.to_percent(), Percent::new(25.0)?);
/// assert_eq!(
///     Probability::new(80.0).unwrap_err().to_string(),
///     "probability 80 is invalid: it must be a number from 0 to 1"
/// );
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Probability(f64);

impl Probability {
    /// Probability 0.
    pub const ZERO: Probability = Probability(0.0);
    /// Probability 1.
    pub const ONE: Probability = Probability(1.0);

    /// `p`, checked to lie in 0–1 (`-0.0` is 0).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] for a NaN, an infinity, or a number
    /// outside 0–1.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Probability::new(0.2)?.get(), 0.2);
    /// assert!(cxkpi::Probability::new(-0.1).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(p: f64) -> Result<Probability, Error> {
        if (0.0..=1.0).contains(&p) {
            Ok(Probability(p + 0.0))
        } else {
            Err(Error::invalid_parameter(
                "probability",
                p,
                Domain::UnitInterval,
            ))
        }
    }

    /// A computed probability, clamped into 0–1 (a NaN becomes 0).
    pub(crate) fn clamped(p: f64) -> Probability {
        if p.is_nan() {
            Probability::ZERO
        } else {
            Probability(p.clamp(0.0, 1.0) + 0.0)
        }
    }

    /// The probability, in 0–1.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Probability::ONE.get(), 1.0);
    /// ```
    pub const fn get(self) -> f64 {
        self.0
    }

    /// The same share as a percentage: `p × 100`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Probability::new(0.25)?.to_percent().get(), 25.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn to_percent(self) -> Percent {
        Percent(self.0 * 100.0)
    }
}

impl fmt::Display for Probability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

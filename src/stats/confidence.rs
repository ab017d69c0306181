//! The confidence level of an interval, and the interval itself.

use core::fmt;

use crate::stats::special::normal_quantile;
use crate::{Domain, Error};

/// A confidence level, strictly between 0 and 1 (0.95 for "95%").
///
/// # Example
///
/// ```
/// use cxkpi::stats::Confidence;
///
/// let c = Confidence::new(0.95)?;
/// assert_eq!(c, Confidence::NINETY_FIVE);
/// assert_eq!(format!("{:.4}", c.z()), "1.9600");
/// assert_eq!(Confidence::default(), Confidence::NINETY_FIVE);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: out of range
///
/// ```
/// let err = cxkpi::stats::Confidence::new(1.0).unwrap_err();
/// assert_eq!(err.to_string(), "confidence level 1 is invalid: it must be a number strictly between 0 and 1");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "f64", into = "f64"))]
pub struct Confidence(f64);

impl Confidence {
    /// 90%.
    pub const NINETY: Confidence = Confidence(0.90);
    /// 95%, the usual level and the default.
    pub const NINETY_FIVE: Confidence = Confidence(0.95);
    /// 99%.
    pub const NINETY_NINE: Confidence = Confidence(0.99);

    /// The level `level`.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless `0 < level < 1`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::stats::Confidence::new(0.9)?.get(), 0.9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(level: f64) -> Result<Confidence, Error> {
        if level > 0.0 && level < 1.0 {
            Ok(Confidence(level))
        } else {
            Err(Error::invalid_parameter(
                "confidence level",
                level,
                Domain::OpenUnitInterval,
            ))
        }
    }

    /// The level, in (0, 1).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::stats::Confidence::NINETY_NINE.get(), 0.99);
    /// ```
    pub const fn get(self) -> f64 {
        self.0
    }

    /// The two-sided normal quantile `z = Φ⁻¹(1 − α/2)`, with `α = 1 − level`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(format!("{:.3}", cxkpi::stats::Confidence::NINETY.z()), "1.645");
    /// ```
    pub fn z(self) -> f64 {
        // From the tail α/2, which holds all its digits, not from 1 − α/2.
        -normal_quantile(0.5 * self.alpha())
    }

    /// `α = 1 − level`, the chance that the interval misses.
    ///
    /// # Example
    ///
    /// ```
    /// assert!((cxkpi::stats::Confidence::NINETY_FIVE.alpha() - 0.05).abs() < 1e-15);
    /// ```
    pub fn alpha(self) -> f64 {
        1.0 - self.0
    }
}

impl Default for Confidence {
    /// 95%.
    fn default() -> Confidence {
        Confidence::NINETY_FIVE
    }
}

impl TryFrom<f64> for Confidence {
    type Error = Error;
    fn try_from(level: f64) -> Result<Confidence, Error> {
        Confidence::new(level)
    }
}

impl From<Confidence> for f64 {
    fn from(c: Confidence) -> f64 {
        c.0
    }
}

/// An estimate and its confidence interval, in the metric's own unit
/// (percent for rates, points for NPS, seconds or score for means).
///
/// # Example
///
/// ```
/// use cxkpi::Rate;
/// use cxkpi::stats::{Confidence, RateMethod};
///
/// let interval = Rate::new(86, 100)?.interval(Confidence::NINETY_FIVE, RateMethod::Wilson);
/// assert_eq!(format!("{interval:.1}"), "86.0 [77.9, 91.5] at 95%");
/// assert!(interval.contains(86.0));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Interval {
    estimate: f64,
    low: f64,
    high: f64,
    confidence: Confidence,
}

impl Interval {
    pub(crate) fn new(estimate: f64, low: f64, high: f64, confidence: Confidence) -> Interval {
        Interval {
            estimate,
            low,
            high,
            confidence,
        }
    }

    /// The point estimate (the observed rate, NPS or mean).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Rate, stats::{Confidence, RateMethod}};
    ///
    /// let i = Rate::new(1, 4)?.interval(Confidence::NINETY_FIVE, RateMethod::Wilson);
    /// assert_eq!(i.estimate(), 25.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn estimate(&self) -> f64 {
        self.estimate
    }

    /// The lower bound.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Rate, stats::{Confidence, RateMethod}};
    ///
    /// let i = Rate::new(0, 10)?.interval(Confidence::NINETY_FIVE, RateMethod::ClopperPearson);
    /// assert_eq!(i.low(), 0.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn low(&self) -> f64 {
        self.low
    }

    /// The upper bound.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Rate, stats::{Confidence, RateMethod}};
    ///
    /// let i = Rate::new(10, 10)?.interval(Confidence::NINETY_FIVE, RateMethod::ClopperPearson);
    /// assert_eq!(i.high(), 100.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn high(&self) -> f64 {
        self.high
    }

    /// The confidence level.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Rate, stats::{Confidence, RateMethod}};
    ///
    /// let i = Rate::new(1, 4)?.interval(Confidence::NINETY, RateMethod::Wilson);
    /// assert_eq!(i.confidence(), Confidence::NINETY);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }

    /// `high − low`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Rate, stats::{Confidence, RateMethod}};
    ///
    /// let small = Rate::new(43, 50)?.interval(Confidence::NINETY_FIVE, RateMethod::Wilson);
    /// let large = Rate::new(4300, 5000)?.interval(Confidence::NINETY_FIVE, RateMethod::Wilson);
    /// assert!(large.width() < small.width() / 5.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn width(&self) -> f64 {
        self.high - self.low
    }

    /// Whether `value` lies in `[low, high]`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Rate, stats::{Confidence, RateMethod}};
    ///
    /// let i = Rate::new(86, 100)?.interval(Confidence::NINETY_FIVE, RateMethod::Wilson);
    /// assert!(!i.contains(74.0));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn contains(&self, value: f64) -> bool {
        self.low <= value && value <= self.high
    }
}

impl fmt::Display for Interval {
    /// `86.0 [77.9, 91.5] at 95%`; the precision applies to the three
    /// figures (default 1).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "{:.p$} [{:.p$}, {:.p$}] at {}%",
            self.estimate,
            self.low,
            self.high,
            self.confidence.0 * 100.0
        )
    }
}

//! Declared rating scales (1–5, 1–7, 0–10, …) and the scores validated against them.

use core::fmt;

use crate::{Domain, Error, Value};

/// A raw score as files and engines give it: any integer type, or an `f64`
/// that holds an integer (`3.0` is 3; `4.5`, NaN or an infinity is refused,
/// naming the value).
///
/// Implemented for `u8`, `u16`, `u32`, `u64`, `i8`, `i16`, `i32`, `i64`,
/// `f32` and `f64`; sealed.
///
/// # Example
///
/// ```
/// use cxkpi::{NpsTally, Scale};
///
/// let mut tally = NpsTally::new();
/// tally.try_record_score(9_i64)?;
/// tally.try_record_score(10.0)?;
/// assert!(tally.try_record_score(4.5).is_err());
/// assert_eq!(Scale::ONE_TO_FIVE.score_of(5_u16)?.get(), 5);
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub trait RawScore: Copy + sealed::Sealed {
    /// The value as an integer, or `None` when it holds none.
    #[doc(hidden)]
    fn integral(self) -> Option<i64>;
    /// The value as an error reports it.
    #[doc(hidden)]
    fn value(self) -> Value;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! raw_int {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl RawScore for $t {
            #[inline]
            fn integral(self) -> Option<i64> {
                i64::try_from(self).ok()
            }
            fn value(self) -> Value {
                Value::from(self)
            }
        }
    )*};
}

raw_int!(u8, u16, u32, u64, i8, i16, i32, i64);

impl sealed::Sealed for f64 {}
impl RawScore for f64 {
    #[inline]
    fn integral(self) -> Option<i64> {
        // Exactly the integers in i64's range; -0.0 is 0.
        #[allow(clippy::cast_possible_truncation)]
        if libm::trunc(self) == self
            && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&self)
        {
            Some(self as i64)
        } else {
            None
        }
    }
    fn value(self) -> Value {
        Value::from(self)
    }
}

impl sealed::Sealed for f32 {}
impl RawScore for f32 {
    #[inline]
    fn integral(self) -> Option<i64> {
        f64::from(self).integral()
    }
    fn value(self) -> Value {
        Value::from(self)
    }
}

/// A rating scale `min..=max`, such as 1–5 for CSAT or 1–7 for CES.
///
/// # Example
///
/// ```
/// use cxkpi::Scale;
///
/// let scale = Scale::new(1, 7)?;
/// assert!(scale.contains(7));
/// assert!(!scale.contains(0));
/// assert_eq!(Scale::ONE_TO_FIVE.to_string(), "1..=5");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: an inverted scale
///
/// ```
/// use cxkpi::{ErrorKind, Scale};
///
/// let err = Scale::new(5, 1).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
/// assert_eq!(err.to_string(), "scale maximum 1 is invalid: it must be more than 5");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ScaleParts", into = "ScaleParts"))]
pub struct Scale {
    min: u8,
    max: u8,
}

impl Scale {
    /// The 1–5 scale, the usual CSAT scale.
    pub const ONE_TO_FIVE: Scale = Scale { min: 1, max: 5 };
    /// The 1–7 scale, the CES 2.0 agreement scale.
    pub const ONE_TO_SEVEN: Scale = Scale { min: 1, max: 7 };
    /// The 1–10 scale.
    pub const ONE_TO_TEN: Scale = Scale { min: 1, max: 10 };
    /// The 0–10 scale.
    pub const ZERO_TO_TEN: Scale = Scale { min: 0, max: 10 };

    /// The scale `min..=max`.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless `min < max`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Scale::new(1, 5)?, cxkpi::Scale::ONE_TO_FIVE);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(min: u8, max: u8) -> Result<Scale, Error> {
        if min >= max {
            return Err(Error::invalid_parameter(
                "scale maximum",
                max,
                Domain::Above(i64::from(min)),
            ));
        }
        Ok(Scale { min, max })
    }

    /// The scale `min..=max` from untyped integers (JSON, CSV, a binding).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] when a bound lies outside `0..=255` or
    /// `min >= max`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{ErrorKind, Scale};
    ///
    /// assert_eq!(Scale::from_i64(1, 5)?, Scale::ONE_TO_FIVE);
    /// assert_eq!(Scale::from_i64(-1, 5).unwrap_err().kind(), ErrorKind::InvalidParameter);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_i64(min: i64, max: i64) -> Result<Scale, Error> {
        let bound = |name, v: i64| {
            u8::try_from(v).map_err(|_| {
                Error::invalid_parameter(name, v, Domain::Between { min: 0, max: 255 })
            })
        };
        Scale::new(bound("scale minimum", min)?, bound("scale maximum", max)?)
    }

    /// The lowest score.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Scale::ONE_TO_SEVEN.min(), 1);
    /// ```
    pub const fn min(self) -> u8 {
        self.min
    }

    /// The highest score.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Scale::ONE_TO_SEVEN.max(), 7);
    /// ```
    pub const fn max(self) -> u8 {
        self.max
    }

    /// Whether `value` lies on the scale.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::Scale::ZERO_TO_TEN.contains(0));
    /// assert!(!cxkpi::Scale::ONE_TO_TEN.contains(0));
    /// ```
    pub const fn contains(self, value: u8) -> bool {
        self.min <= value && value <= self.max
    }

    /// `value` as a score on this scale.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] when `value` is off the scale.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Scale;
    ///
    /// assert_eq!(Scale::ONE_TO_FIVE.score(4)?.get(), 4);
    /// assert_eq!(
    ///     Scale::ONE_TO_FIVE.score(0).unwrap_err().to_string(),
    ///     "score 0 is out of range: it must be between 1 and 5"
    /// );
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn score(self, value: u8) -> Result<Score, Error> {
        if !self.contains(value) {
            return Err(Error::out_of_range("score", value, self.domain()));
        }
        Ok(Score { value, scale: self })
    }

    /// `value`, any integer, as a score on this scale.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] when `value` is off the scale.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Scale;
    ///
    /// assert!(Scale::ONE_TO_FIVE.score_i64(-1).is_err());
    /// assert_eq!(Scale::ONE_TO_FIVE.score_i64(5)?.get(), 5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn score_i64(self, value: i64) -> Result<Score, Error> {
        self.score_named("score", value)
    }

    /// `value`, as files and engines give it (any integer type, or a float
    /// holding an integer: `3.0` is 3), as a score on this scale.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the value when it is off the scale or
    /// not an integer.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Scale;
    ///
    /// assert_eq!(Scale::ONE_TO_FIVE.score_of(4_u32)?.get(), 4);
    /// assert_eq!(Scale::ONE_TO_FIVE.score_of(3.0)?.get(), 3);
    /// assert_eq!(
    ///     Scale::ONE_TO_FIVE.score_of(4.5).unwrap_err().to_string(),
    ///     "score 4.5 is out of range: it must be between 1 and 5"
    /// );
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn score_of(self, value: impl RawScore) -> Result<Score, Error> {
        self.score_named("score", value)
    }

    /// [`score_of`](Self::score_of), the error naming the input `input`.
    pub(crate) fn score_named(
        self,
        input: &'static str,
        value: impl RawScore,
    ) -> Result<Score, Error> {
        match value.integral().map(u8::try_from) {
            Some(Ok(v)) if self.contains(v) => Ok(Score {
                value: v,
                scale: self,
            }),
            _ => Err(Error::out_of_range(input, value.value(), self.domain())),
        }
    }

    /// The scale as errors report it.
    pub(crate) const fn domain(self) -> Domain {
        Domain::Between {
            min: self.min as i64,
            max: self.max as i64,
        }
    }
}

impl From<Scale> for crate::Value {
    fn from(scale: Scale) -> crate::Value {
        crate::Value::Range {
            min: i64::from(scale.min),
            max: i64::from(scale.max),
        }
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={}", self.min, self.max)
    }
}

/// The serialized form of a [`Scale`].
#[cfg(feature = "serde")]
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleParts {
    min: u8,
    max: u8,
}

#[cfg(feature = "serde")]
impl TryFrom<ScaleParts> for Scale {
    type Error = Error;
    fn try_from(parts: ScaleParts) -> Result<Scale, Error> {
        Scale::new(parts.min, parts.max)
    }
}

#[cfg(feature = "serde")]
impl From<Scale> for ScaleParts {
    fn from(scale: Scale) -> ScaleParts {
        ScaleParts {
            min: scale.min,
            max: scale.max,
        }
    }
}

/// A score known to lie on its [`Scale`].
///
/// Made by [`Scale::score`]; it remembers its scale, so a tally on another
/// scale can refuse it.
///
/// # Example
///
/// ```
/// use cxkpi::Scale;
///
/// let score = Scale::ONE_TO_SEVEN.score(6)?;
/// assert_eq!((score.get(), score.scale()), (6, Scale::ONE_TO_SEVEN));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Score {
    value: u8,
    scale: Scale,
}

impl Score {
    /// The score as a number on its scale.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Scale::ONE_TO_FIVE.score(3)?.get(), 3);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn get(self) -> u8 {
        self.value
    }

    /// The scale the score lies on.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Scale;
    ///
    /// assert_eq!(Scale::ONE_TO_FIVE.score(3)?.scale(), Scale::ONE_TO_FIVE);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn scale(self) -> Scale {
        self.scale
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

//! Customer Effort Score: the mean effort score on a declared scale.

use core::fmt;

use crate::kernel::{ByteSum, first_outside, sum_u8};
use crate::tally::{Fault, add_u64, add_u128, tally, tally_serde};
use crate::{Error, Scale, Score};

/// The CES accumulator: responses and the exact sum of their scores on one [`Scale`].
///
/// Tallies on different scales do not merge ([`Error::mismatch`]); having a
/// parameter, the tally has no `Default` and no `Sum`.
///
/// # Formula
///
/// ```text
/// CES = Σ scores / responses      in [scale min, scale max]
/// ```
///
/// Variants: the original CES (1–5, "How much effort did you personally have
/// to put forth to handle your request?", lower is better; Dixon, Freeman and
/// Toman, "Stop Trying to Delight Your Customers", *Harvard Business Review*,
/// July–August 2010) and CES 2.0 (1–7 agreement with "The company made it
/// easy for me to handle my issue", higher is better; CEB, 2013). The scale
/// is a parameter; which end is good is the survey's, not the formula's.
///
/// # Example
///
/// ```
/// use cxkpi::{CesTally, Scale};
///
/// let ces = CesTally::from_scores(Scale::ONE_TO_SEVEN, &[7, 6, 5, 4])?.ces()?;
/// assert_eq!(ces.mean(), 5.5);
/// assert_eq!(ces.to_string(), "CES 5.50 on 1..=7 (n = 4)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty and out of range
///
/// ```
/// use cxkpi::{CesTally, ErrorKind, Scale};
///
/// assert_eq!(CesTally::new(Scale::ONE_TO_SEVEN).ces().unwrap_err().kind(), ErrorKind::Empty);
/// let err = CesTally::from_scores(Scale::ONE_TO_SEVEN, &[8]).unwrap_err();
/// assert_eq!(err.to_string(), "CES score 8 at index 0 is out of range: it must be between 1 and 7");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CesTally {
    scale: Scale,
    responses: u64,
    // Invariant: scale.min × responses <= sum <= scale.max × responses.
    sum: u128,
    fault: Fault,
}

impl CesTally {
    /// The empty tally on `scale`.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::CesTally::new(cxkpi::Scale::ONE_TO_SEVEN).is_empty());
    /// ```
    pub fn new(scale: Scale) -> CesTally {
        CesTally {
            scale,
            responses: 0,
            sum: 0,
            fault: Fault::default(),
        }
    }

    /// Adds one score.
    ///
    /// A score on another scale, or an overflowing count, becomes the tally's
    /// fault (see [`Merge`](crate::Merge)).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{CesTally, Scale};
    ///
    /// let mut tally = CesTally::new(Scale::ONE_TO_FIVE);
    /// tally.record(Scale::ONE_TO_FIVE.score(2)?);
    /// tally.record(Scale::ONE_TO_FIVE.score(3)?);
    /// assert_eq!(tally.ces()?.mean(), 2.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    #[inline]
    pub fn record(&mut self, score: Score) {
        if score.scale() != self.scale {
            self.fault
                .set(Error::mismatch("CES scales", self.scale, score.scale()));
            return;
        }
        let Some(responses) = self.responses.checked_add(1) else {
            self.fault.set(Error::overflow("CES responses", "u64"));
            return;
        };
        self.responses = responses;
        // At most 255 × u64::MAX: cannot overflow u128.
        self.sum += u128::from(score.get());
    }

    /// Validates `score` against the scale and adds it.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] when `score` is off the scale; the tally is then unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// let mut tally = cxkpi::CesTally::new(cxkpi::Scale::ONE_TO_SEVEN);
    /// tally.try_record(6)?;
    /// assert!(tally.try_record(0).is_err());
    /// assert_eq!(tally.len(), 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn try_record(&mut self, score: u8) -> Result<(), Error> {
        if !self.scale.contains(score) {
            return Err(Error::out_of_range("CES score", score, self.scale.domain()));
        }
        self.record(self.scale.score(score)?);
        Ok(())
    }

    /// The tally of a slice of raw scores, in one vectorised pass.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the first score off the scale and its index.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{CesTally, Scale};
    ///
    /// let tally = CesTally::from_scores(Scale::ONE_TO_FIVE, &[1, 2, 2])?;
    /// assert!((tally.ces()?.mean() - 5.0 / 3.0).abs() < 1e-15);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_scores(scale: Scale, scores: &[u8]) -> Result<CesTally, Error> {
        CesTally::from_scores_with(scale, scores, sum_u8)
    }

    /// [`from_scores`](Self::from_scores) with the summing kernel given:
    /// sequential or split across threads.
    pub(crate) fn from_scores_with(
        scale: Scale,
        scores: &[u8],
        sum: impl Fn(&[u8], u8, u8) -> ByteSum,
    ) -> Result<CesTally, Error> {
        let span = scale.max() - scale.min();
        // Offsets from the scale's minimum: a valid score's is at most the span.
        let out = sum(scores, scale.min(), span);
        if out.max_offset > span {
            let index = first_outside(scores, scale.min(), scale.max()).unwrap_or_default();
            return Err(Error::out_of_range("CES score", scores[index], scale.domain()).at(index));
        }
        Ok(CesTally {
            scale,
            responses: scores.len() as u64,
            sum: u128::from(out.sum) + u128::from(scale.min()) * scores.len() as u128,
            fault: Fault::default(),
        })
    }

    /// The tally of a known number of responses and the sum of their scores.
    ///
    /// # Errors
    ///
    /// [`Error::inconsistent`] when `sum` could not come from `responses`
    /// scores on the scale (below `min × responses` or above `max × responses`).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{CesTally, Scale};
    ///
    /// let ces = CesTally::from_sum(Scale::ONE_TO_SEVEN, 22, 4)?.ces()?;
    /// assert_eq!(ces.mean(), 5.5);
    /// assert!(CesTally::from_sum(Scale::ONE_TO_SEVEN, 29, 4).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_sum(scale: Scale, sum: u128, responses: u64) -> Result<CesTally, Error> {
        let low = u128::from(scale.min()) * u128::from(responses);
        let high = u128::from(scale.max()) * u128::from(responses);
        if sum < low || sum > high {
            let clamp = |v: u128| u64::try_from(v).unwrap_or(u64::MAX);
            return Err(if sum > high {
                Error::inconsistent(
                    "sum of scores",
                    clamp(sum),
                    "scale maximum × responses",
                    clamp(high),
                )
            } else {
                Error::inconsistent(
                    "scale minimum × responses",
                    clamp(low),
                    "sum of scores",
                    clamp(sum),
                )
            });
        }
        Ok(CesTally {
            scale,
            responses,
            sum,
            fault: Fault::default(),
        })
    }

    /// The scale of the tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{CesTally, Scale};
    ///
    /// assert_eq!(CesTally::new(Scale::ONE_TO_SEVEN).scale(), Scale::ONE_TO_SEVEN);
    /// ```
    pub const fn scale(&self) -> Scale {
        self.scale
    }

    /// Responses counted so far.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::CesTally::from_scores(cxkpi::Scale::ONE_TO_SEVEN, &[7, 1])?.len(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn len(&self) -> u64 {
        self.responses
    }

    /// Whether no response was counted.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::CesTally::new(cxkpi::Scale::ONE_TO_FIVE).is_empty());
    /// ```
    pub const fn is_empty(&self) -> bool {
        self.responses == 0
    }

    /// The exact sum of the scores so far.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::CesTally::from_scores(cxkpi::Scale::ONE_TO_SEVEN, &[7, 1])?.sum(), 8);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn sum(&self) -> u128 {
        self.sum
    }

    /// CES: the mean score.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without responses; the tally's fault if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// let ces = cxkpi::CesTally::from_scores(cxkpi::Scale::ONE_TO_SEVEN, &[7, 6, 5, 4])?.ces()?;
    /// assert_eq!(ces.mean(), 5.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn ces(&self) -> Result<Ces, Error> {
        self.fault.check()?;
        if self.responses == 0 {
            return Err(Error::empty("CES", "no responses"));
        }
        Ok(Ces {
            scale: self.scale,
            sum: self.sum,
            responses: self.responses,
        })
    }

    fn merge_counts(&mut self, other: &CesTally) -> Result<(), Error> {
        if self.scale != other.scale {
            return Err(Error::mismatch("CES scales", self.scale, other.scale));
        }
        let responses = add_u64(self.responses, other.responses, "CES responses")?;
        self.sum = add_u128(self.sum, other.sum, "CES score sum")?;
        self.responses = responses;
        Ok(())
    }

    #[cfg(feature = "serde")]
    fn to_parts(&self) -> CesParts {
        CesParts {
            scale: self.scale,
            sum: self.sum,
            responses: self.responses,
        }
    }

    #[cfg(feature = "serde")]
    fn from_parts(parts: CesParts) -> Result<CesTally, Error> {
        CesTally::from_sum(parts.scale, parts.sum, parts.responses)
    }
}

tally!(CesTally, Score);
tally_serde!(CesTally, CesParts);

/// The serialized form of a [`CesTally`].
#[cfg(feature = "serde")]
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CesParts {
    scale: Scale,
    sum: u128,
    responses: u64,
}

/// A Customer Effort Score with what it was computed from.
///
/// # Example
///
/// ```
/// use cxkpi::{CesTally, Scale};
///
/// let ces = CesTally::from_scores(Scale::ONE_TO_FIVE, &[1, 2, 2])?.ces()?;
/// assert_eq!((ces.responses(), ces.sum()), (3, 5));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ces {
    scale: Scale,
    sum: u128,
    responses: u64,
}

impl Ces {
    /// The mean score, on the scale.
    ///
    /// Clamped to the scale: with more than 2⁵³ responses the sum and the
    /// count round apart on their way to `f64`, but the exact mean is on it.
    ///
    /// # Example
    ///
    /// ```
    /// let ces = cxkpi::CesTally::from_scores(cxkpi::Scale::ONE_TO_FIVE, &[1, 2, 2, 3])?.ces()?;
    /// assert_eq!(ces.mean(), 2.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn mean(&self) -> f64 {
        let mean = self.sum as f64 / self.responses as f64;
        mean.clamp(f64::from(self.scale.min()), f64::from(self.scale.max()))
    }

    /// The number of responses, at least 1.
    ///
    /// # Example
    ///
    /// ```
    /// let ces = cxkpi::CesTally::from_scores(cxkpi::Scale::ONE_TO_FIVE, &[1, 2, 2, 3])?.ces()?;
    /// assert_eq!(ces.responses(), 4);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn responses(&self) -> u64 {
        self.responses
    }

    /// The exact sum of the scores.
    ///
    /// # Example
    ///
    /// ```
    /// let ces = cxkpi::CesTally::from_scores(cxkpi::Scale::ONE_TO_FIVE, &[1, 2, 2, 3])?.ces()?;
    /// assert_eq!(ces.sum(), 8);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn sum(&self) -> u128 {
        self.sum
    }

    /// The scale of the scores.
    ///
    /// # Example
    ///
    /// ```
    /// let ces = cxkpi::CesTally::from_scores(cxkpi::Scale::ONE_TO_FIVE, &[1, 2, 2, 3])?.ces()?;
    /// assert_eq!(ces.scale(), cxkpi::Scale::ONE_TO_FIVE);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn scale(&self) -> Scale {
        self.scale
    }
}

impl fmt::Display for Ces {
    /// `CES 5.50 on 1..=7 (n = 4)`; the precision (default 2) applies to the mean.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision().unwrap_or(2);
        write!(
            f,
            "CES {:.*} on {} (n = {})",
            precision,
            self.mean(),
            self.scale,
            self.responses
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Ces {
    /// The mean with its scale, exact sum and responses.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Ces", 4)?;
        s.serialize_field("mean", &self.mean())?;
        s.serialize_field("scale", &self.scale)?;
        s.serialize_field("sum", &self.sum)?;
        s.serialize_field("responses", &self.responses)?;
        s.end()
    }
}

//! Customer Effort Score: the mean effort score on a declared scale.

use core::fmt;

use crate::kernel::{ByteSum, first_outside, sum_u8};
use crate::tally::{Fault, add_u64, add_u128, tally};
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
    /// use cxkpi::Tally;
    ///
    /// assert!(cxkpi::CesTally::new(cxkpi::Scale::ONE_TO_SEVEN).is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(scale: Scale) -> CesTally {
        CesTally {
            scale,
            responses: 0,
            sum: 0,
            fault: Fault::default(),
        }
    }

    /// Validates a raw score (any integer type, or a float holding an
    /// integer) against the scale and records it; on error the tally is
    /// unchanged.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the score when it is off the scale or
    /// not an integer; the tally's fault, or an overflow, as
    /// [`Tally::try_record`](crate::Tally::try_record).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{CesTally, Scale};
    ///
    /// let mut tally = CesTally::new(Scale::ONE_TO_SEVEN);
    /// tally.try_record_score(6_u16)?;
    /// tally.try_record_score(5.0)?;
    /// assert!(tally.try_record_score(0).is_err());
    /// assert_eq!(tally.ces()?.mean(), 5.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn try_record_score(&mut self, score: impl crate::RawScore) -> Result<(), Error> {
        let score = self.scale.score_named("CES score", score)?;
        crate::Tally::try_record(self, score)
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
    /// let ces = CesTally::from_counts(Scale::ONE_TO_SEVEN, 22, 4)?.ces()?;
    /// assert_eq!(ces.mean(), 5.5);
    /// assert!(CesTally::from_counts(Scale::ONE_TO_SEVEN, 29, 4).is_err());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(scale: Scale, sum: u128, responses: u64) -> Result<CesTally, Error> {
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

    /// The exact sum of the scores so far.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no number.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::CesTally::from_scores(cxkpi::Scale::ONE_TO_SEVEN, &[7, 1])?.sum()?, 8);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn sum(&self) -> Result<u128, Error> {
        self.fault.check()?;
        Ok(self.sum)
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

    fn add_one(&mut self, score: Score) -> Result<(), Error> {
        if score.scale() != self.scale {
            return Err(Error::mismatch("CES scales", self.scale, score.scale()));
        }
        self.responses = add_u64(self.responses, 1, "CES responses")?;
        // At most 255 × u64::MAX: cannot overflow u128.
        self.sum += u128::from(score.get());
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.responses
    }

    const fn to_state(&self) -> CesState {
        CesState {
            scale: self.scale,
            sum: self.sum,
            responses: self.responses,
        }
    }

    fn check_state(state: CesState) -> Result<CesTally, Error> {
        CesTally::from_counts(state.scale, state.sum, state.responses)
    }
}

tally!(CesTally, Score, CesState);

/// The state of a [`CesTally`]: its scale, the exact sum of the scores and
/// the number of responses.
///
/// Wire format: `{"scale": {"min": 1, "max": 7}, "sum": "22", "responses": "4"}`
/// (the sum and the count as decimal strings; a JSON number is accepted too).
/// Valid when `min × responses ≤ sum ≤ max × responses`.
///
/// # Example
///
/// ```
/// use cxkpi::{CesState, CesTally, Scale, Tally};
///
/// let state = CesState { scale: Scale::ONE_TO_SEVEN, sum: 22, responses: 4 };
/// assert_eq!(CesTally::from_state(state)?.ces()?.mean(), 5.5);
/// let tampered = CesState { sum: 29, ..state };
/// assert!(CesTally::from_state(tampered).is_err());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CesState {
    /// The scale of every score.
    pub scale: Scale,
    /// The exact sum of the scores.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub sum: u128,
    /// The number of responses.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub responses: u64,
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

//! Net Promoter Score: ratings, their categories, the tally and the result.

use core::fmt;

use crate::kernel::{ByteScan, first_outside, scan_u8};
use crate::rate::{percent_difference, percent_of};
use crate::tally::{Fault, tally};
use crate::{Domain, Error, RawScore, Tally};

/// An answer to "How likely are you to recommend us?", on the 0–10 NPS scale.
///
/// The field is private, so a rating outside the scale cannot exist.
///
/// # Example
///
/// ```
/// use cxkpi::{NpsCategory, NpsRating};
///
/// let rating = NpsRating::new(9)?;
/// assert_eq!(rating.get(), 9);
/// assert_eq!(rating.category(), NpsCategory::Promoter);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: out of range
///
/// ```
/// use cxkpi::{ErrorKind, NpsRating};
///
/// let err = NpsRating::new(11).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::OutOfRange);
/// assert_eq!(err.to_string(), "NPS rating 11 is out of range: it must be between 0 and 10");
/// assert!(NpsRating::try_from(-1_i64).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "i64", into = "u8"))]
pub struct NpsRating(u8);

impl NpsRating {
    /// The lowest rating, 0.
    pub const MIN: NpsRating = NpsRating(0);
    /// The highest rating, 10.
    pub const MAX: NpsRating = NpsRating(10);

    /// The rating `value`.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] when `value > 10`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsRating::new(10)?, cxkpi::NpsRating::MAX);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(value: u8) -> Result<NpsRating, Error> {
        if value > NpsRating::MAX.0 {
            return Err(Error::out_of_range("NPS rating", value, NPS_SCALE));
        }
        Ok(NpsRating(value))
    }

    /// The rating as a number in `0..=10`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsRating::new(7)?.get(), 7);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn get(self) -> u8 {
        self.0
    }

    /// Promoter (9–10), passive (7–8) or detractor (0–6).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{NpsCategory, NpsRating};
    ///
    /// assert_eq!(NpsRating::new(6)?.category(), NpsCategory::Detractor);
    /// assert_eq!(NpsRating::new(7)?.category(), NpsCategory::Passive);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn category(self) -> NpsCategory {
        match self.0 {
            0..=6 => NpsCategory::Detractor,
            7..=8 => NpsCategory::Passive,
            _ => NpsCategory::Promoter,
        }
    }
}

/// The scale, as errors report it.
const NPS_SCALE: Domain = Domain::Between { min: 0, max: 10 };

impl TryFrom<u8> for NpsRating {
    type Error = Error;
    fn try_from(value: u8) -> Result<NpsRating, Error> {
        NpsRating::new(value)
    }
}

impl TryFrom<i64> for NpsRating {
    type Error = Error;
    /// Accepts any integer, so that a negative rating in a payload is reported
    /// as out of range rather than as a type error.
    fn try_from(value: i64) -> Result<NpsRating, Error> {
        u8::try_from(value)
            .ok()
            .and_then(|v| NpsRating::new(v).ok())
            .ok_or_else(|| Error::out_of_range("NPS rating", value, NPS_SCALE))
    }
}

impl NpsRating {
    /// `value`, as files and engines give it (any integer type, or a float
    /// holding an integer: `9.0` is 9), as a rating.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the value when it is above 10, negative
    /// or not an integer.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::NpsRating;
    ///
    /// assert_eq!(NpsRating::from_raw(9_u32)?.get(), 9);
    /// assert_eq!(NpsRating::from_raw(9.0)?.get(), 9);
    /// assert_eq!(
    ///     NpsRating::from_raw(4.5).unwrap_err().to_string(),
    ///     "NPS rating 4.5 is out of range: it must be between 0 and 10"
    /// );
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_raw(value: impl RawScore) -> Result<NpsRating, Error> {
        match value.integral().map(u8::try_from) {
            Some(Ok(v)) if v <= NpsRating::MAX.0 => Ok(NpsRating(v)),
            _ => Err(Error::out_of_range("NPS rating", value.value(), NPS_SCALE)),
        }
    }
}

impl From<NpsRating> for u8 {
    fn from(rating: NpsRating) -> u8 {
        rating.0
    }
}

impl fmt::Display for NpsRating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The three groups of NPS respondents.
///
/// # Example
///
/// ```
/// use cxkpi::{NpsCategory, NpsRating};
///
/// assert_eq!(NpsRating::new(10)?.category(), NpsCategory::Promoter);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NpsCategory {
    /// Ratings 0–6.
    Detractor,
    /// Ratings 7–8.
    Passive,
    /// Ratings 9–10.
    Promoter,
}

/// The NPS accumulator: promoter, passive and detractor counts.
///
/// Build it one rating at a time ([`Tally::record`]), from a slice
/// of raw scores ([`from_scores`](NpsTally::from_scores), the fast path), or
/// from counts ([`from_counts`](NpsTally::from_counts)); merge tallies with
/// [`Merge::try_merge`](crate::Merge::try_merge), `+` or `Sum`.
///
/// # Example
///
/// ```
/// use cxkpi::NpsTally;
///
/// let tally = NpsTally::from_scores(&[10, 9, 9, 8, 3])?;
/// let nps = tally.nps()?;
/// assert_eq!(nps.score(), 40.0);
/// assert_eq!(nps.responses(), 5);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: merging
///
/// ```
/// use cxkpi::{NpsTally, Tally};
///
/// let days = [NpsTally::from_scores(&[10, 3])?, NpsTally::from_scores(&[9])?];
/// let month: NpsTally = days.iter().sum();
/// assert_eq!(month.len()?, 3);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty
///
/// ```
/// use cxkpi::{ErrorKind, NpsTally};
///
/// let err = NpsTally::new().nps().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Empty);
/// assert_eq!(err.to_string(), "NPS is undefined: no responses");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NpsTally {
    // Invariant: promoters + detractors <= responses.
    responses: u64,
    promoters: u64,
    detractors: u64,
    fault: Fault,
}

impl NpsTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// assert!(cxkpi::NpsTally::new().is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> NpsTally {
        NpsTally::default()
    }

    /// Validates a raw score (any integer type, or a float holding an
    /// integer) and records it; on error the tally is unchanged.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the score when it is not a rating
    /// 0–10; the tally's fault, or an overflow, as [`Tally::try_record`].
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{NpsTally, Tally};
    ///
    /// let mut tally = NpsTally::new();
    /// tally.try_record_score(9)?;
    /// tally.try_record_score(7_i64)?;
    /// assert!(tally.try_record_score(11).is_err());
    /// assert!(tally.try_record_score(4.5).is_err());
    /// assert_eq!(tally.len()?, 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn try_record_score(&mut self, score: impl RawScore) -> Result<(), Error> {
        self.try_record(NpsRating::from_raw(score)?)
    }

    /// The tally of a slice of raw 0–10 scores, in one vectorised pass.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the first score above 10 and its index.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::NpsTally::from_scores(&[10, 9, 7, 0])?;
    /// assert_eq!((tally.promoters()?, tally.passives()?, tally.detractors()?), (2, 1, 1));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    ///
    /// # Example: a bad score
    ///
    /// ```
    /// let err = cxkpi::NpsTally::from_scores(&[9, 10, 11]).unwrap_err();
    /// assert_eq!(err.to_string(), "NPS rating 11 at index 2 is out of range: it must be between 0 and 10");
    /// ```
    pub fn from_scores(scores: &[u8]) -> Result<NpsTally, Error> {
        NpsTally::from_scores_with(scores, scan_u8)
    }

    /// [`from_scores`](Self::from_scores) with the counting kernel given:
    /// sequential or split across threads.
    pub(crate) fn from_scores_with(
        scores: &[u8],
        scan: impl Fn(&[u8], u8, u8, Option<u8>) -> ByteScan,
    ) -> Result<NpsTally, Error> {
        let scan = scan(scores, 0, 9, Some(6));
        if scan.max_offset > NpsRating::MAX.0 {
            return Err(bad_score(scores));
        }
        Ok(NpsTally {
            // A slice never holds more than isize::MAX elements.
            responses: scores.len() as u64,
            promoters: scan.at_least,
            detractors: scan.at_most,
            fault: Fault::default(),
        })
    }

    /// The tally of known counts.
    ///
    /// # Errors
    ///
    /// [`Error::overflow`] when the three counts add up to more than `u64::MAX`.
    ///
    /// # Example
    ///
    /// ```
    /// let nps = cxkpi::NpsTally::from_counts(50, 32, 18)?.nps()?;
    /// assert_eq!(nps.score(), 32.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(promoters: u64, passives: u64, detractors: u64) -> Result<NpsTally, Error> {
        let responses = promoters
            .checked_add(passives)
            .and_then(|n| n.checked_add(detractors))
            .ok_or_else(|| Error::overflow("NPS responses", "u64"))?;
        Ok(NpsTally {
            responses,
            promoters,
            detractors,
            fault: Fault::default(),
        })
    }

    /// Promoters (9–10) counted so far.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsTally::from_scores(&[10, 9, 8])?.promoters()?, 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn promoters(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.promoters)
    }

    /// Passives (7–8) counted so far.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsTally::from_scores(&[10, 9, 8])?.passives()?, 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn passives(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.responses - self.promoters - self.detractors)
    }

    /// Detractors (0–6) counted so far.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsTally::from_scores(&[6, 0, 7])?.detractors()?, 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn detractors(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.detractors)
    }

    /// The Net Promoter Score of the responses so far.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without responses; the tally's fault if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// let nps = cxkpi::NpsTally::from_scores(&[10, 9, 9, 8, 3])?.nps()?;
    /// assert_eq!(nps.to_string(), "NPS +40.0 (n = 5)");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn nps(&self) -> Result<Nps, Error> {
        self.fault.check()?;
        if self.responses == 0 {
            return Err(Error::empty("NPS", "no responses"));
        }
        Ok(Nps {
            responses: self.responses,
            promoters: self.promoters,
            detractors: self.detractors,
        })
    }

    fn merge_counts(&mut self, other: &NpsTally) -> Result<(), Error> {
        // The invariant bounds promoters and detractors by responses, so only
        // the response count can overflow.
        self.responses = crate::tally::add_u64(self.responses, other.responses, "NPS responses")?;
        self.promoters += other.promoters;
        self.detractors += other.detractors;
        Ok(())
    }

    fn add_one(&mut self, rating: NpsRating) -> Result<(), Error> {
        self.responses = crate::tally::add_u64(self.responses, 1, "NPS responses")?;
        // Both are at most `responses`, which did not overflow.
        self.promoters += u64::from(rating.0 >= 9);
        self.detractors += u64::from(rating.0 <= 6);
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.responses
    }

    const fn to_state(&self) -> NpsState {
        NpsState {
            promoters: self.promoters,
            passives: self.responses - self.promoters - self.detractors,
            detractors: self.detractors,
        }
    }

    /// Any three counts are consistent, as long as their sum fits.
    fn check_state(state: NpsState) -> Result<NpsTally, Error> {
        NpsTally::from_counts(state.promoters, state.passives, state.detractors)
    }
}

#[cold]
fn bad_score(scores: &[u8]) -> Error {
    let index = first_outside(scores, NpsRating::MIN.0, NpsRating::MAX.0).unwrap_or_default();
    Error::out_of_range("NPS rating", scores[index], NPS_SCALE).at(index)
}

tally!(NpsTally, NpsRating, NpsState, default);

/// The state of an [`NpsTally`]: its three counts.
///
/// Wire format: `{"promoters": "50", "passives": "32", "detractors": "18"}`
/// (each count a decimal string; a JSON number is accepted too). Any three
/// counts whose sum fits a `u64` are a valid state.
///
/// # Example
///
/// ```
/// use cxkpi::{NpsState, NpsTally, Tally};
///
/// let state = NpsTally::from_scores(&[10, 9, 8, 3])?.state()?;
/// assert_eq!(state, NpsState { promoters: 2, passives: 1, detractors: 1 });
/// assert_eq!(NpsTally::from_state(state)?.nps()?.score(), 25.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NpsState {
    /// Ratings 9–10.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub promoters: u64,
    /// Ratings 7–8.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub passives: u64,
    /// Ratings 0–6.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub detractors: u64,
}

/// A Net Promoter Score with the counts it was computed from.
///
/// # Formula
///
/// ```text
/// NPS = % promoters − % detractors
///     = (promoters − detractors) × 100 / responses      in [−100, +100]
/// promoters: ratings 9–10, passives: 7–8, detractors: 0–6
/// ```
///
/// Promoters minus detractors, never the reverse (one of our source articles
/// writes "% detractors − % promoters"; that flips the sign). The difference
/// is taken on exact counts, then divided once: never from two rounded
/// percentages. Source: F. Reichheld, "The One Number You Need to Grow",
/// *Harvard Business Review*, December 2003.
///
/// # Example
///
/// ```
/// let nps = cxkpi::NpsTally::from_counts(50, 32, 18)?.nps()?;
/// assert_eq!(nps.score(), 32.0);
/// assert_eq!(nps.promoters_pct(), 50.0);
/// assert_eq!(nps.to_string(), "NPS +32.0 (n = 100)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Nps {
    responses: u64,
    promoters: u64,
    detractors: u64,
}

impl Nps {
    /// The score in `[−100, +100]`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsTally::from_counts(50, 32, 18)?.nps()?.score(), 32.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn score(&self) -> f64 {
        percent_difference(self.promoters, self.detractors, self.responses)
    }

    /// The share of promoters in `[0, 100]`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsTally::from_counts(50, 32, 18)?.nps()?.promoters_pct(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn promoters_pct(&self) -> f64 {
        percent_of(self.promoters, self.responses)
    }

    /// The share of passives in `[0, 100]`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsTally::from_counts(50, 32, 18)?.nps()?.passives_pct(), 32.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn passives_pct(&self) -> f64 {
        percent_of(self.passives(), self.responses)
    }

    /// The share of detractors in `[0, 100]`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsTally::from_counts(50, 32, 18)?.nps()?.detractors_pct(), 18.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn detractors_pct(&self) -> f64 {
        percent_of(self.detractors, self.responses)
    }

    /// The number of responses, at least 1.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsTally::from_counts(50, 32, 18)?.nps()?.responses(), 100);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn responses(&self) -> u64 {
        self.responses
    }

    /// The number of promoters.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsTally::from_counts(50, 32, 18)?.nps()?.promoters(), 50);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn promoters(&self) -> u64 {
        self.promoters
    }

    /// The number of passives.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsTally::from_counts(50, 32, 18)?.nps()?.passives(), 32);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn passives(&self) -> u64 {
        self.responses - self.promoters - self.detractors
    }

    /// The number of detractors.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::NpsTally::from_counts(50, 32, 18)?.nps()?.detractors(), 18);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn detractors(&self) -> u64 {
        self.detractors
    }
}

impl fmt::Display for Nps {
    /// `NPS +32.0 (n = 100)`; the precision (default 1) applies to the score.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision().unwrap_or(1);
        write!(
            f,
            "NPS {:+.*} (n = {})",
            precision,
            self.score(),
            self.responses
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Nps {
    /// The score, the three shares and the counts, named as in the conformance vectors.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Nps", 8)?;
        s.serialize_field("nps", &self.score())?;
        s.serialize_field("promoters_pct", &self.promoters_pct())?;
        s.serialize_field("passives_pct", &self.passives_pct())?;
        s.serialize_field("detractors_pct", &self.detractors_pct())?;
        s.serialize_field("promoters", &self.promoters)?;
        s.serialize_field("passives", &self.passives())?;
        s.serialize_field("detractors", &self.detractors)?;
        s.serialize_field("responses", &self.responses)?;
        s.end()
    }
}

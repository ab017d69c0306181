//! Customer Satisfaction Score: the share of satisfied responses on a declared scale.

use core::fmt;

use crate::kernel::{ByteScan, first_outside, scan_u8};
use crate::tally::{Fault, add_u64, check_part, tally};
use crate::{Error, Rate, Scale, Score};

/// How a CSAT survey is scored: its scale and the lowest "satisfied" score.
///
/// The default is the usual top-2-box rule on 1–5: scores 4 and 5 are
/// satisfied.
///
/// # Example
///
/// ```
/// use cxkpi::{CsatRule, Scale};
///
/// let rule = CsatRule::new(Scale::new(1, 10)?, 9)?; // top-2-box on 1–10
/// assert!(rule.is_satisfied(9) && !rule.is_satisfied(8));
/// assert_eq!(CsatRule::default(), CsatRule::TOP_2_BOX_5);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: a threshold off the scale
///
/// ```
/// use cxkpi::{CsatRule, ErrorKind, Scale};
///
/// let err = CsatRule::new(Scale::ONE_TO_FIVE, 6).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
/// assert_eq!(
///     err.to_string(),
///     "CSAT satisfied-from score 6 is invalid: it must be between 1 and 5"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "CsatRuleParts", into = "CsatRuleParts")
)]
pub struct CsatRule {
    scale: Scale,
    satisfied_from: u8,
}

impl CsatRule {
    /// Top-2-box on 1–5: 4 and 5 are satisfied.
    pub const TOP_2_BOX_5: CsatRule = CsatRule {
        scale: Scale::ONE_TO_FIVE,
        satisfied_from: 4,
    };

    /// Scores from `satisfied_from` to the top of `scale` count as satisfied.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] when `satisfied_from` is off the scale.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{CsatRule, Scale};
    ///
    /// let top_box = CsatRule::new(Scale::ONE_TO_FIVE, 5)?;
    /// assert!(top_box.is_satisfied(5) && !top_box.is_satisfied(4));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(scale: Scale, satisfied_from: u8) -> Result<CsatRule, Error> {
        if !scale.contains(satisfied_from) {
            return Err(Error::invalid_parameter(
                "CSAT satisfied-from score",
                satisfied_from,
                scale.domain(),
            ));
        }
        Ok(CsatRule {
            scale,
            satisfied_from,
        })
    }

    /// [`CsatRule::new`] with the threshold as any integer (JSON, CSV, a binding).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] when `satisfied_from` is off the scale.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{CsatRule, ErrorKind, Scale};
    ///
    /// assert_eq!(CsatRule::from_i64(Scale::ONE_TO_FIVE, 4)?, CsatRule::TOP_2_BOX_5);
    /// let err = CsatRule::from_i64(Scale::ONE_TO_FIVE, 300).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_i64(scale: Scale, satisfied_from: i64) -> Result<CsatRule, Error> {
        match u8::try_from(satisfied_from) {
            Ok(from) => CsatRule::new(scale, from),
            Err(_) => Err(Error::invalid_parameter(
                "CSAT satisfied-from score",
                satisfied_from,
                scale.domain(),
            )),
        }
    }

    /// The scale.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::CsatRule::TOP_2_BOX_5.scale(), cxkpi::Scale::ONE_TO_FIVE);
    /// ```
    pub const fn scale(self) -> Scale {
        self.scale
    }

    /// The lowest satisfied score.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::CsatRule::TOP_2_BOX_5.satisfied_from(), 4);
    /// ```
    pub const fn satisfied_from(self) -> u8 {
        self.satisfied_from
    }

    /// Whether `score` counts as satisfied (whether or not it lies on the scale).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::CsatRule::TOP_2_BOX_5.is_satisfied(4));
    /// assert!(!cxkpi::CsatRule::TOP_2_BOX_5.is_satisfied(3));
    /// ```
    pub const fn is_satisfied(self, score: u8) -> bool {
        score >= self.satisfied_from
    }
}

impl Default for CsatRule {
    fn default() -> CsatRule {
        CsatRule::TOP_2_BOX_5
    }
}

impl fmt::Display for CsatRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} satisfied from {}", self.scale, self.satisfied_from)
    }
}

/// The serialized form of a [`CsatRule`].
#[cfg(feature = "serde")]
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CsatRuleParts {
    scale: Scale,
    satisfied_from: u8,
}

#[cfg(feature = "serde")]
impl TryFrom<CsatRuleParts> for CsatRule {
    type Error = Error;
    fn try_from(parts: CsatRuleParts) -> Result<CsatRule, Error> {
        CsatRule::new(parts.scale, parts.satisfied_from)
    }
}

#[cfg(feature = "serde")]
impl From<CsatRule> for CsatRuleParts {
    fn from(rule: CsatRule) -> CsatRuleParts {
        CsatRuleParts {
            scale: rule.scale,
            satisfied_from: rule.satisfied_from,
        }
    }
}

/// The CSAT accumulator: responses and satisfied responses under one [`CsatRule`].
///
/// Tallies under different rules do not merge: [`Merge::try_merge`](crate::Merge::try_merge)
/// reports [`Error::mismatch`], and `+` keeps it as a fault. Having a
/// parameter, the tally has no `Default` and no `Sum`.
///
/// # Formula
///
/// ```text
/// CSAT = satisfied responses × 100 / responses      in [0, 100]
/// satisfied: a score ≥ the rule's satisfied-from score (top-2-box on 1–5: 4 and 5)
/// ```
///
/// Variants: top-box (only the highest score), top-2-box (the usual), or
/// any threshold on any scale; the rule makes the choice explicit. Source: the
/// top-2-box convention of customer-satisfaction research (e.g. the ACSI and
/// most helpdesk products); our source document's worked example is 1 000
/// satisfied of 1 500 surveyed, 66.7%.
///
/// # Example
///
/// ```
/// use cxkpi::{CsatRule, CsatTally};
///
/// let csat = CsatTally::from_scores(CsatRule::TOP_2_BOX_5, &[1, 2, 3, 4, 5])?.csat()?;
/// assert_eq!(csat.percent(), 40.0);
/// assert_eq!((csat.part(), csat.whole()), (2, 5));
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: empty and out of range
///
/// ```
/// use cxkpi::{CsatRule, CsatTally, ErrorKind};
///
/// let empty = CsatTally::new(CsatRule::TOP_2_BOX_5);
/// assert_eq!(empty.csat().unwrap_err().kind(), ErrorKind::Empty);
/// let err = CsatTally::from_scores(CsatRule::TOP_2_BOX_5, &[0, 5]).unwrap_err();
/// assert_eq!(err.to_string(), "CSAT score 0 at index 0 is out of range: it must be between 1 and 5");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CsatTally {
    rule: CsatRule,
    // Invariant: satisfied <= responses.
    responses: u64,
    satisfied: u64,
    fault: Fault,
}

impl CsatTally {
    /// The empty tally under `rule`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Tally;
    ///
    /// let tally = cxkpi::CsatTally::new(cxkpi::CsatRule::TOP_2_BOX_5);
    /// assert!(tally.is_empty()?);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(rule: CsatRule) -> CsatTally {
        CsatTally {
            rule,
            responses: 0,
            satisfied: 0,
            fault: Fault::default(),
        }
    }

    /// Validates a raw score (any integer type, or a float holding an
    /// integer) against the rule's scale and records it; on error the tally
    /// is unchanged.
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
    /// use cxkpi::{CsatRule, CsatTally, Tally};
    ///
    /// let mut tally = CsatTally::new(CsatRule::TOP_2_BOX_5);
    /// tally.try_record_score(4)?;
    /// tally.try_record_score(2.0)?;
    /// assert!(tally.try_record_score(6).is_err());
    /// assert_eq!(tally.csat()?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn try_record_score(&mut self, score: impl crate::RawScore) -> Result<(), Error> {
        let score = self.rule.scale.score_named("CSAT score", score)?;
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
    /// use cxkpi::{CsatRule, CsatTally, Scale};
    ///
    /// let rule = CsatRule::new(Scale::ONE_TO_TEN, 9)?;
    /// let tally = CsatTally::from_scores(rule, &[10, 9, 8, 1])?;
    /// assert_eq!(tally.csat()?.percent(), 50.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_scores(rule: CsatRule, scores: &[u8]) -> Result<CsatTally, Error> {
        CsatTally::from_scores_with(rule, scores, scan_u8)
    }

    /// [`from_scores`](Self::from_scores) with the counting kernel given:
    /// sequential or split across threads.
    pub(crate) fn from_scores_with(
        rule: CsatRule,
        scores: &[u8],
        scan: impl Fn(&[u8], u8, u8, Option<u8>) -> ByteScan,
    ) -> Result<CsatTally, Error> {
        let scale = rule.scale;
        // Offsets from the scale's minimum: a valid score's is at most the span.
        let scan = scan(scores, scale.min(), rule.satisfied_from - scale.min(), None);
        if scan.max_offset > scale.max() - scale.min() {
            let index = first_outside(scores, scale.min(), scale.max()).unwrap_or_default();
            return Err(Error::out_of_range("CSAT score", scores[index], scale.domain()).at(index));
        }
        Ok(CsatTally {
            rule,
            responses: scores.len() as u64,
            satisfied: scan.at_least,
            fault: Fault::default(),
        })
    }

    /// The tally of known counts.
    ///
    /// # Errors
    ///
    /// [`Error::inconsistent`] when `satisfied > responses`.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{CsatRule, CsatTally};
    ///
    /// let csat = CsatTally::from_counts(CsatRule::TOP_2_BOX_5, 1000, 1500)?.csat()?;
    /// assert_eq!(format!("{csat}"), "66.7% (n = 1500)");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(rule: CsatRule, satisfied: u64, responses: u64) -> Result<CsatTally, Error> {
        check_part("satisfied", satisfied, "responses", responses)?;
        Ok(CsatTally {
            rule,
            responses,
            satisfied,
            fault: Fault::default(),
        })
    }

    /// The rule the tally scores by.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{CsatRule, CsatTally};
    ///
    /// assert_eq!(CsatTally::new(CsatRule::TOP_2_BOX_5).rule(), CsatRule::TOP_2_BOX_5);
    /// ```
    pub const fn rule(&self) -> CsatRule {
        self.rule
    }

    /// Satisfied responses counted so far.
    ///
    /// # Errors
    ///
    /// The tally's fault: a faulted tally reports no count.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::CsatTally::from_scores(cxkpi::CsatRule::TOP_2_BOX_5, &[5, 4, 3])?;
    /// assert_eq!(tally.satisfied()?, 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn satisfied(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.satisfied)
    }

    /// CSAT: the share of satisfied responses.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without responses; the tally's fault if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// let tally = cxkpi::CsatTally::from_scores(cxkpi::CsatRule::TOP_2_BOX_5, &[5, 4, 3, 1])?;
    /// assert_eq!(tally.csat()?.to_string(), "50.0% (n = 4)");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn csat(&self) -> Result<Rate, Error> {
        self.fault.check()?;
        Rate::of_tally(self.satisfied, self.responses, "CSAT", "no responses")
    }

    fn merge_counts(&mut self, other: &CsatTally) -> Result<(), Error> {
        if self.rule.scale != other.rule.scale {
            return Err(Error::mismatch(
                "CSAT scales",
                self.rule.scale,
                other.rule.scale,
            ));
        }
        if self.rule.satisfied_from != other.rule.satisfied_from {
            return Err(Error::mismatch(
                "CSAT satisfied-from scores",
                self.rule.satisfied_from,
                other.rule.satisfied_from,
            ));
        }
        self.responses = add_u64(self.responses, other.responses, "CSAT responses")?;
        self.satisfied += other.satisfied;
        Ok(())
    }

    fn add_one(&mut self, score: Score) -> Result<(), Error> {
        if score.scale() != self.rule.scale {
            return Err(Error::mismatch(
                "CSAT scales",
                self.rule.scale,
                score.scale(),
            ));
        }
        self.responses = add_u64(self.responses, 1, "CSAT responses")?;
        // At most `responses`, which did not overflow.
        self.satisfied += u64::from(self.rule.is_satisfied(score.get()));
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.responses
    }

    const fn to_state(&self) -> CsatState {
        CsatState {
            rule: self.rule,
            satisfied: self.satisfied,
            responses: self.responses,
        }
    }

    fn check_state(state: CsatState) -> Result<CsatTally, Error> {
        CsatTally::from_counts(state.rule, state.satisfied, state.responses)
    }
}

tally!(CsatTally, Score, CsatState);

/// The state of a [`CsatTally`]: its rule and two counts.
///
/// Wire format: `{"rule": {"scale": {"min": 1, "max": 5}, "satisfied_from": 4},
/// "satisfied": "1000", "responses": "1500"}` (counts as decimal strings; a
/// JSON number is accepted too). Valid when `satisfied ≤ responses`.
///
/// # Example
///
/// ```
/// use cxkpi::{CsatRule, CsatState, CsatTally, Tally};
///
/// let state = CsatState { rule: CsatRule::TOP_2_BOX_5, satisfied: 3, responses: 4 };
/// assert_eq!(CsatTally::from_state(state)?.csat()?.percent(), 75.0);
/// let tampered = CsatState { satisfied: 5, ..state };
/// assert_eq!(CsatTally::from_state(tampered).unwrap_err().to_string(), "satisfied (5) exceeds responses (4)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CsatState {
    /// The scale and the satisfied-from score.
    pub rule: CsatRule,
    /// Responses at or above the satisfied-from score.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub satisfied: u64,
    /// All responses.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub responses: u64,
}

//! Survey response rate: surveys sent and answered, to show next to the
//! CSAT or NPS they produced.

use crate::tally::{Fault, add_u64, tally};
use crate::{Error, Rate, Tally};

/// What became of one survey sent.
///
/// # Example
///
/// ```
/// use cxkpi::SurveyOutcome;
///
/// assert_ne!(SurveyOutcome::Answered, SurveyOutcome::Unanswered);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SurveyOutcome {
    /// The customer answered (the score went into a CSAT, NPS or CES tally).
    Answered,
    /// No answer.
    Unanswered,
}

/// The survey-response accumulator: surveys sent and surveys answered.
///
/// # Formula
///
/// ```text
/// response rate = surveys answered / surveys sent        in [0, 100] %
/// ```
///
/// A CSAT or NPS describes only the customers who answered; the response
/// rate next to it shows how many that is. Our source documents compare
/// about 70 % for surveys at the end of an outbound call with 10–15 % for
/// post-call e-mail surveys; a [`Breakdown`](crate::Breakdown) by channel
/// shows the same split. Variants: what counts as sent (delivered, not
/// bounced) is the caller's input.
///
/// # Example
///
/// ```
/// use cxkpi::{CsatRule, CsatTally, SurveyResponseTally};
///
/// let csat = CsatTally::from_scores(CsatRule::TOP_2_BOX_5, &[5, 4, 4, 2, 5, 3])?.csat()?;
/// // The six answers came from 40 surveys sent.
/// let response = SurveyResponseTally::from_counts(40, csat.whole())?.response_rate()?;
/// assert_eq!(format!("CSAT {csat}, response rate {response}"),
///            "CSAT 66.7% (n = 6), response rate 15.0% (n = 40)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: more answers than surveys
///
/// ```
/// use cxkpi::{ErrorKind, SurveyResponseTally};
///
/// assert_eq!(SurveyResponseTally::from_counts(5, 6).unwrap_err().kind(), ErrorKind::Inconsistent);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SurveyResponseTally {
    sent: u64,
    answered: u64,
    fault: Fault,
}

/// The state of a [`SurveyResponseTally`]; invariant: `answered ≤ sent`.
///
/// # Example
///
/// ```
/// use cxkpi::{SurveyResponseState, SurveyResponseTally, Tally};
///
/// let state = SurveyResponseState { sent: 100, answered: 12 };
/// assert_eq!(SurveyResponseTally::from_state(state)?.state()?, state);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SurveyResponseState {
    /// Surveys sent.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub sent: u64,
    /// Surveys answered.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::int"))]
    pub answered: u64,
}

impl SurveyResponseTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{SurveyResponseTally, Tally};
    ///
    /// assert_eq!(SurveyResponseTally::new().len()?, 0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new() -> SurveyResponseTally {
        SurveyResponseTally::default()
    }

    /// The tally of `answered` out of `sent` surveys.
    ///
    /// # Errors
    ///
    /// An `inconsistent` error when `answered > sent`.
    ///
    /// # Example
    ///
    /// ```
    /// let t = cxkpi::SurveyResponseTally::from_counts(200, 140)?;
    /// assert_eq!(t.response_rate()?.percent(), 70.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_counts(sent: u64, answered: u64) -> Result<SurveyResponseTally, Error> {
        SurveyResponseTally::from_state(SurveyResponseState { sent, answered })
    }

    /// Surveys sent.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::SurveyResponseTally::from_counts(9, 2)?.sent()?, 9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn sent(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.sent)
    }

    /// Surveys answered.
    ///
    /// # Errors
    ///
    /// The tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::SurveyResponseTally::from_counts(9, 2)?.answered()?, 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn answered(&self) -> Result<u64, Error> {
        self.fault.check()?;
        Ok(self.answered)
    }

    /// The share of surveys sent that were answered.
    ///
    /// # Errors
    ///
    /// An `empty` error when no survey was sent, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{SurveyOutcome::{Answered, Unanswered}, SurveyResponseTally};
    ///
    /// let t: SurveyResponseTally = [Answered, Unanswered, Unanswered, Unanswered].into_iter().collect();
    /// assert_eq!(t.response_rate()?.percent(), 25.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn response_rate(&self) -> Result<Rate, Error> {
        self.fault.check()?;
        Rate::of_tally(
            self.answered,
            self.sent,
            "survey response rate",
            "no surveys sent",
        )
    }

    fn merge_counts(&mut self, other: &SurveyResponseTally) -> Result<(), Error> {
        self.sent = add_u64(self.sent, other.sent, "surveys sent")?;
        // At most the sent, whose sum fits.
        self.answered += other.answered;
        Ok(())
    }

    fn add_one(&mut self, outcome: SurveyOutcome) -> Result<(), Error> {
        self.sent = add_u64(self.sent, 1, "surveys sent")?;
        // At most the sent, which fit.
        self.answered += u64::from(outcome == SurveyOutcome::Answered);
        Ok(())
    }

    const fn observations(&self) -> u64 {
        self.sent
    }

    const fn to_state(&self) -> SurveyResponseState {
        SurveyResponseState {
            sent: self.sent,
            answered: self.answered,
        }
    }

    fn check_state(s: SurveyResponseState) -> Result<SurveyResponseTally, Error> {
        if s.answered > s.sent {
            return Err(Error::inconsistent("answered", s.answered, "sent", s.sent));
        }
        Ok(SurveyResponseTally {
            sent: s.sent,
            answered: s.answered,
            fault: Fault::default(),
        })
    }
}

tally!(
    SurveyResponseTally,
    SurveyOutcome,
    SurveyResponseState,
    default
);

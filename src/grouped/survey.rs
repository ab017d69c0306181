//! The grouped paths of the survey tallies: NPS, CSAT and CES by code.

use alloc::vec::Vec;

use super::{ByCode, Code, Run, first_error, histogram, same_length};
use crate::kernel::Histogram;
use crate::{CesTally, CsatRule, CsatTally, Error, NpsRating, NpsTally, Scale};

/// Bins of a score: its offset from the scale's minimum, and one more for
/// every value off the scale.
#[inline]
fn offset_bin(min: u8, span: u8) -> impl Fn(u8) -> usize + Copy + Sync {
    let off = usize::from(span) + 1;
    move |v| usize::from(v.wrapping_sub(min)).min(off)
}

/// Rows per group, and `Err` with the first bad row when a code is out of
/// range or a value fell in the last bin (off the scale).
fn checked_rows<C: Code>(
    h: &Histogram,
    groups: usize,
    codes: &[C],
    scores: &[u8],
    min: u8,
    max: u8,
    bad_value: impl Fn(u8, usize) -> Error,
) -> Result<Vec<u64>, Error> {
    if h.bad_codes() > 0 || h.in_bin(h.bins - 1) > 0 {
        return Err(first_error(
            groups,
            codes,
            scores,
            |v| v < min || v > max,
            bad_value,
        ));
    }
    Ok(h.groups().map(|g| g.iter().sum()).collect())
}

impl ByCode<NpsTally> {
    /// One NPS tally per code `0..groups`: row `i` is the rating
    /// `scores[i]` of group `codes[i]`.
    ///
    /// # Errors
    ///
    /// [`Error::length_mismatch`] when the columns differ in length;
    /// [`Error::out_of_range`] naming the first row whose code is `groups` or
    /// more, or whose score is above 10, and its index.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, NpsTally};
    ///
    /// let nps = ByCode::<NpsTally>::from_scores(2, &[0_u8, 1, 0], &[10, 9, 0])?;
    /// assert_eq!(nps.get(0).unwrap().nps()?.score(), 0.0);
    /// assert_eq!(nps.get(1).unwrap().nps()?.score(), 100.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    ///
    /// # Example: a bad row
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, NpsTally};
    ///
    /// let err = ByCode::<NpsTally>::from_scores(2, &[0_u8, 1, 0], &[10, 11, 0]).unwrap_err();
    /// assert_eq!(err.to_string(), "NPS rating 11 at index 1 is out of range: it must be between 0 and 10");
    /// let err = ByCode::<NpsTally>::from_scores(2, &[0_u8, 2], &[10, 9]).unwrap_err();
    /// assert_eq!(err.to_string(), "group code 2 at index 1 is out of range: it must be between 0 and 1");
    /// ```
    pub fn from_scores<C: Code>(
        groups: usize,
        codes: &[C],
        scores: &[u8],
    ) -> Result<ByCode<NpsTally>, Error> {
        ByCode::nps(Run::Here, groups, codes, scores)
    }

    pub(crate) fn nps<C: Code>(
        run: Run,
        groups: usize,
        codes: &[C],
        scores: &[u8],
    ) -> Result<ByCode<NpsTally>, Error> {
        same_length(codes.len(), "scores", scores.len())?;
        let h = histogram(run, groups, 12, codes, scores, |v| usize::from(v.min(11)))?;
        let rows = checked_rows(&h, groups, codes, scores, 0, 10, |v, i| {
            NpsRating::new(v).map_or_else(|e| e.at(i), |_| Error::overflow("NPS rating", "u8"))
        })?;
        let tallies = h
            .groups()
            .map(|c| {
                let detractors = c[..7].iter().sum();
                NpsTally::from_counts(c[9] + c[10], c[7] + c[8], detractors)
            })
            .collect::<Result<_, _>>()?;
        Ok(ByCode {
            template: NpsTally::new(),
            tallies,
            rows,
        })
    }
}

impl ByCode<CsatTally> {
    /// One CSAT tally per code `0..groups` under `rule`: row `i` is the
    /// score `scores[i]` of group `codes[i]`.
    ///
    /// # Errors
    ///
    /// [`Error::length_mismatch`] when the columns differ in length;
    /// [`Error::out_of_range`] naming the first row whose code is `groups` or
    /// more, or whose score is off the rule's scale, and its index.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, CsatRule, CsatTally};
    ///
    /// let csat = ByCode::<CsatTally>::from_scores(CsatRule::TOP_2_BOX_5, 2, &[0_u16, 1, 0], &[5, 1, 2])?;
    /// assert_eq!(csat.get(0).unwrap().csat()?.percent(), 50.0);
    /// let err = ByCode::<CsatTally>::from_scores(CsatRule::TOP_2_BOX_5, 2, &[0_u16, 1], &[5, 0]).unwrap_err();
    /// assert_eq!(err.to_string(), "CSAT score 0 at index 1 is out of range: it must be between 1 and 5");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_scores<C: Code>(
        rule: CsatRule,
        groups: usize,
        codes: &[C],
        scores: &[u8],
    ) -> Result<ByCode<CsatTally>, Error> {
        ByCode::csat(Run::Here, rule, groups, codes, scores)
    }

    pub(crate) fn csat<C: Code>(
        run: Run,
        rule: CsatRule,
        groups: usize,
        codes: &[C],
        scores: &[u8],
    ) -> Result<ByCode<CsatTally>, Error> {
        same_length(codes.len(), "scores", scores.len())?;
        let scale = rule.scale();
        let (min, max) = (scale.min(), scale.max());
        let span = max - min;
        let bins = usize::from(span) + 2;
        let h = histogram(run, groups, bins, codes, scores, offset_bin(min, span))?;
        let rows = checked_rows(&h, groups, codes, scores, min, max, |v, i| {
            Error::out_of_range("CSAT score", v, scale.domain()).at(i)
        })?;
        let from = usize::from(rule.satisfied_from() - min);
        let tallies = h
            .groups()
            .zip(&rows)
            .map(|(c, &n)| {
                CsatTally::from_counts(rule, c[from..=usize::from(span)].iter().sum(), n)
            })
            .collect::<Result<_, _>>()?;
        Ok(ByCode {
            template: CsatTally::new(rule),
            tallies,
            rows,
        })
    }
}

impl ByCode<CesTally> {
    /// One CES tally per code `0..groups` on `scale`: row `i` is the score
    /// `scores[i]` of group `codes[i]`.
    ///
    /// # Errors
    ///
    /// [`Error::length_mismatch`] when the columns differ in length;
    /// [`Error::out_of_range`] naming the first row whose code is `groups` or
    /// more, or whose score is off the scale, and its index.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{grouped::ByCode, CesTally, Scale};
    ///
    /// let ces = ByCode::<CesTally>::from_scores(Scale::ONE_TO_SEVEN, 2, &[1_u8, 1, 0], &[7, 4, 2])?;
    /// assert_eq!(ces.get(1).unwrap().ces()?.mean(), 5.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_scores<C: Code>(
        scale: Scale,
        groups: usize,
        codes: &[C],
        scores: &[u8],
    ) -> Result<ByCode<CesTally>, Error> {
        ByCode::ces(Run::Here, scale, groups, codes, scores)
    }

    pub(crate) fn ces<C: Code>(
        run: Run,
        scale: Scale,
        groups: usize,
        codes: &[C],
        scores: &[u8],
    ) -> Result<ByCode<CesTally>, Error> {
        same_length(codes.len(), "scores", scores.len())?;
        let (min, max) = (scale.min(), scale.max());
        let span = max - min;
        let bins = usize::from(span) + 2;
        let h = histogram(run, groups, bins, codes, scores, offset_bin(min, span))?;
        let rows = checked_rows(&h, groups, codes, scores, min, max, |v, i| {
            Error::out_of_range("CES score", v, scale.domain()).at(i)
        })?;
        let tallies = h
            .groups()
            .zip(&rows)
            .map(|(c, &n)| {
                let sum = (min..=max)
                    .zip(c)
                    .map(|(score, &k)| u128::from(score) * u128::from(k))
                    .sum();
                CesTally::from_counts(scale, sum, n)
            })
            .collect::<Result<_, _>>()?;
        Ok(ByCode {
            template: CesTally::new(scale),
            tallies,
            rows,
        })
    }
}

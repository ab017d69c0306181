//! Exact counts to a share and a percentage.

use core::fmt;

use crate::Error;

/// A share of a whole, `part / whole`, kept as the exact counts it came from.
///
/// CSAT, FCR, abandonment and retention are all rates; each getter returns a
/// `Rate`, so a caller can show the figure with its sample size:
/// `"CSAT 86.0% (n = 1500)"`. The float is computed only when asked for.
///
/// # Formula
///
/// ```text
/// ratio   = part / whole                 in [0, 1]
/// percent = part × 100 / whole           in [0, 100]
/// ```
///
/// # Example
///
/// ```
/// use cxkpi::Rate;
///
/// let rate = Rate::new(1290, 1500)?;
/// assert_eq!(rate.percent(), 86.0);
/// assert_eq!(rate.to_string(), "86.0% (n = 1500)");
/// assert_eq!(format!("{rate:.2}"), "86.00% (n = 1500)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: an empty whole
///
/// ```
/// use cxkpi::{ErrorKind, Rate};
///
/// assert_eq!(Rate::new(0, 0).unwrap_err().kind(), ErrorKind::Empty);
/// assert_eq!(Rate::new(3, 2).unwrap_err().kind(), ErrorKind::Inconsistent);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rate {
    part: u64,
    whole: u64,
}

impl Rate {
    /// The rate `part / whole`.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when `whole` is 0, [`Error::inconsistent`] when
    /// `part > whole`.
    ///
    /// # Example
    ///
    /// ```
    /// let rate = cxkpi::Rate::new(3, 4)?;
    /// assert_eq!(rate.percent(), 75.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(part: u64, whole: u64) -> Result<Rate, Error> {
        if part > whole {
            return Err(Error::inconsistent("part", part, "whole", whole));
        }
        Rate::of_tally(part, whole, "a rate", "the whole is 0")
    }

    /// The rate of a tally whose invariant keeps `part <= whole`: only an
    /// empty whole is an error, reported as `metric` undefined for `reason`.
    pub(crate) fn of_tally(
        part: u64,
        whole: u64,
        metric: &'static str,
        reason: &'static str,
    ) -> Result<Rate, Error> {
        if whole == 0 {
            return Err(Error::empty(metric, reason));
        }
        Ok(Rate { part, whole })
    }

    /// The counted part, e.g. the satisfied responses.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Rate::new(3, 4)?.part(), 3);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn part(self) -> u64 {
        self.part
    }

    /// The whole, e.g. all responses: the sample size `n`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Rate::new(3, 4)?.whole(), 4);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn whole(self) -> u64 {
        self.whole
    }

    /// The share in `[0, 1]`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Rate::new(1, 4)?.ratio(), 0.25);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn ratio(self) -> f64 {
        self.part as f64 / self.whole as f64
    }

    /// The share in `[0, 100]`.
    ///
    /// `part × 100` is formed exactly in `u128` before the one division, so
    /// round shares come out round (`7 / 100` gives `7.0`, not
    /// `7.000000000000001`).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::Rate::new(7, 100)?.percent(), 7.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn percent(self) -> f64 {
        percent_of(self.part, self.whole)
    }

    /// The rest of the whole: `(whole − part) / whole`.
    ///
    /// # Example
    ///
    /// ```
    /// let retained = cxkpi::Rate::new(90, 100)?;
    /// assert_eq!(retained.complement().percent(), 10.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    #[must_use]
    pub const fn complement(self) -> Rate {
        Rate {
            part: self.whole - self.part,
            whole: self.whole,
        }
    }
}

/// `part × 100 / whole` with a single rounding of the exact numerator.
///
/// Counts above 2⁵³ round on their way to `f64`, and the numerator and the
/// denominator may round apart: `u64::MAX × 100 / u64::MAX` would come out a
/// hair above 100. The exact value lies in `[0, 100]`, so the result is
/// clamped there (a fuzzer found this).
pub(crate) fn percent_of(part: u64, whole: u64) -> f64 {
    ((u128::from(part) * 100) as f64 / whole as f64).min(100.0)
}

/// `(a − b) × 100 / whole`, the difference formed exactly, clamped to
/// `[−100, 100]` like [`percent_of`].
pub(crate) fn percent_difference(a: u64, b: u64, whole: u64) -> f64 {
    let diff = i128::from(a) - i128::from(b);
    ((diff * 100) as f64 / whole as f64).clamp(-100.0, 100.0)
}

impl fmt::Display for Rate {
    /// `86.0% (n = 1500)`; the precision (default 1) applies to the percentage.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision().unwrap_or(1);
        write!(f, "{:.*}% (n = {})", precision, self.percent(), self.whole)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Rate {
    /// `{"percent": 86.0, "part": 1290, "whole": 1500}`: the value with its counts.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Rate", 3)?;
        s.serialize_field("percent", &self.percent())?;
        s.serialize_field("part", &self.part)?;
        s.serialize_field("whole", &self.whole)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: found by the `contact` fuzz target.
    #[test]
    fn percent_of_huge_equal_counts_is_exactly_100() {
        assert_eq!(percent_of(u64::MAX, u64::MAX), 100.0);
        assert_eq!(percent_of(u64::MAX - 1, u64::MAX), 100.0);
        assert_eq!(percent_difference(u64::MAX, 0, u64::MAX), 100.0);
        assert_eq!(percent_difference(0, u64::MAX, u64::MAX), -100.0);
    }

    #[test]
    fn percent_of_round_shares_is_round() {
        assert_eq!(percent_of(7, 100), 7.0);
        assert_eq!(percent_of(1, 3), 100.0 / 3.0);
        assert_eq!(percent_of(0, 5), 0.0);
    }
}

//! The validated quantile: a share of a sorted sample, from 0 (the least) to 1 (the greatest).

use core::fmt;

use crate::{Domain, Error};

/// A quantile level `q` in `[0, 1]`: 0.5 is the median, 0.9 the 90th percentile.
///
/// # Example
///
/// ```
/// use cxkpi::time::Quantile;
///
/// assert_eq!(Quantile::new(0.9)?, Quantile::P90);
/// assert_eq!(Quantile::from_percent(95.0)?.get(), 0.95);
/// assert_eq!(Quantile::P90.to_string(), "p90");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: out of range
///
/// ```
/// let err = cxkpi::time::Quantile::new(1.5).unwrap_err();
/// assert_eq!(err.to_string(), "quantile 1.5 is invalid: it must be a number from 0 to 1");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Quantile(f64);

impl Quantile {
    /// The least value (the minimum).
    pub const MIN: Quantile = Quantile(0.0);
    /// The median.
    pub const MEDIAN: Quantile = Quantile(0.5);
    /// The 90th percentile.
    pub const P90: Quantile = Quantile(0.9);
    /// The 95th percentile.
    pub const P95: Quantile = Quantile(0.95);
    /// The 99th percentile.
    pub const P99: Quantile = Quantile(0.99);
    /// The greatest value (the maximum).
    pub const MAX: Quantile = Quantile(1.0);

    /// The quantile `q`.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless `0 <= q <= 1` (NaN included).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::time::Quantile::new(0.5)?, cxkpi::time::Quantile::MEDIAN);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(q: f64) -> Result<Quantile, Error> {
        if (0.0..=1.0).contains(&q) {
            // `-0.0` is the minimum.
            Ok(Quantile(q + 0.0))
        } else {
            Err(Error::invalid_parameter(
                "quantile",
                q,
                Domain::UnitInterval,
            ))
        }
    }

    /// The `p`th percentile, `p` in `[0, 100]`.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless `0 <= p <= 100`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::time::Quantile::from_percent(90.0)?, cxkpi::time::Quantile::P90);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_percent(p: f64) -> Result<Quantile, Error> {
        if (0.0..=100.0).contains(&p) {
            Ok(Quantile(p / 100.0 + 0.0))
        } else {
            Err(Error::invalid_parameter("percentile", p, Domain::Percent))
        }
    }

    /// The level `q`, in `[0, 1]`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::time::Quantile::P95.get(), 0.95);
    /// ```
    pub const fn get(self) -> f64 {
        self.0
    }

    /// The fractional rank `q × (n − 1)` of this quantile in a sorted sample
    /// of `n > 0` values, split into its whole part (a valid index) and the
    /// fraction towards the next value.
    pub(crate) fn rank(self, n: usize) -> (usize, f64) {
        let h = self.0 * (n - 1) as f64;
        // `h` lies in [0, n − 1]; truncation is the floor, and the `min`
        // guards the last index against rounding.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let low = (h as usize).min(n - 1);
        (low, h - low as f64)
    }
}

impl fmt::Display for Quantile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "p{}", self.0 * 100.0)
    }
}

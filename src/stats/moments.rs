//! A mergeable mean and variance, and the Student t interval of the mean.

use core::time::Duration;

use crate::stats::special::t_critical;
use crate::stats::{Confidence, Interval};
use crate::tally::{Fault, add_u64, merge_surface};
use crate::{Domain, Error};

/// The count, mean and variance of numeric observations (CES scores, handle
/// times, resolution times), mergeable in one pass.
///
/// Keeps the count, the mean and the sum of squared deviations `M2`
/// (Welford's update); two tallies merge with Chan, Golub and LeVeque's
/// pairwise formula. Unlike the crate's integer tallies, merging is exact
/// only up to floating-point rounding (about 1e-15 relative): the order of
/// merges can change the last digits.
///
/// # Formula
///
/// ```text
/// mean     = Σ x / n
/// variance = Σ (x − mean)² / (n − 1)          (sample variance)
/// interval = mean ± t(1 − α/2; n − 1) · √(variance / n)
/// ```
///
/// Source: Student (1908) for the interval; Welford (1962) and Chan, Golub
/// and LeVeque (1983) for the updates.
///
/// # Why it is not a [`Tally`](crate::Tally)
///
/// The contract's laws are equalities: `tally(a ++ b) == tally(a) + tally(b)`,
/// merging associative and commutative, `from_state(state(t)) == t` for a
/// state that recording could reach. A float mean and `M2` satisfy them
/// only up to rounding: merging `a` into `b` and `b` into `a` can differ in
/// the last bits, and no check of a `(count, mean, M2)` state can tell a
/// reachable one from a tampered one (from two values on, any finite mean
/// and any `M2 ≥ 0` is the state of *some* real values). So `MeanTally` keeps [`Merge`](crate::Merge)
/// and its own `record`/`try_record`, and is not a `Tally`: where merged
/// figures must be exact and its state must travel, keep integer sums in a
/// tally ([`CesTally`](crate::CesTally) for scores, the `u128` nanosecond
/// sums of [`AhtTally`](crate::AhtTally) for times).
///
/// # Example
///
/// ```
/// use cxkpi::MeanTally;
/// use cxkpi::stats::Confidence;
///
/// let ces = MeanTally::from_values(&[5.0, 6.0, 7.0, 4.0, 6.0, 5.0])?;
/// let interval = ces.mean_interval(Confidence::NINETY_FIVE)?;
/// assert_eq!(format!("{interval:.3}"), "5.500 [4.399, 6.601] at 95%");
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: too few values
///
/// ```
/// use cxkpi::{ErrorKind, MeanTally, stats::Confidence};
///
/// let one = MeanTally::from_values(&[5.0])?;
/// assert_eq!(one.mean()?, 5.0);
/// assert_eq!(one.mean_interval(Confidence::NINETY_FIVE).unwrap_err().kind(), ErrorKind::Empty);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeanTally {
    count: u64,
    mean: f64,
    m2: f64,
    fault: Fault,
}

impl MeanTally {
    /// The empty tally.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::MeanTally::new().is_empty());
    /// ```
    pub fn new() -> MeanTally {
        MeanTally::default()
    }

    /// Adds one value; a NaN or infinite value, or an overflowing count,
    /// becomes the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// let mut tally = cxkpi::MeanTally::new();
    /// tally.record(4.0);
    /// tally.record(6.0);
    /// assert_eq!(tally.mean()?, 5.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn record(&mut self, value: f64) {
        if let Err(error) = self.try_record(value) {
            self.fault.set(error);
        }
    }

    /// Adds one value, or says why it cannot; on error the tally is unchanged.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] for a NaN or infinite value; [`Error::overflow`]
    /// beyond `u64::MAX` values, or when the squared deviations from the
    /// mean no longer fit an `f64` (values beyond about 10¹⁵⁴ apart).
    ///
    /// # Example
    ///
    /// ```
    /// let mut tally = cxkpi::MeanTally::new();
    /// assert!(tally.try_record(f64::NAN).is_err());
    /// assert!(tally.is_empty());
    /// ```
    pub fn try_record(&mut self, value: f64) -> Result<(), Error> {
        if !value.is_finite() {
            return Err(Error::out_of_range("value", value, Domain::Finite));
        }
        let count = add_u64(self.count, 1, "values")?;
        let delta = value - self.mean;
        let mean = self.mean + delta / count as f64;
        let m2 = self.m2 + delta * (value - mean);
        finite_moments(mean, m2)?;
        (self.count, self.mean, self.m2) = (count, mean, m2);
        Ok(())
    }

    /// The tally of `values`.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] for the first NaN or infinite value, with its
    /// index; [`Error::overflow`] as [`try_record`](Self::try_record).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::MeanTally::from_values(&[1.0, 2.0, 3.0])?.variance()?, 1.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_values(values: &[f64]) -> Result<MeanTally, Error> {
        let mut tally = MeanTally::new();
        for (i, &v) in values.iter().enumerate() {
            tally.try_record(v).map_err(|e| e.at(i))?;
        }
        Ok(tally)
    }

    /// The tally of `durations`, in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    ///
    /// let aht = cxkpi::MeanTally::from_durations(&[Duration::from_secs(200), Duration::from_secs(300)]);
    /// assert_eq!(aht.mean()?, 250.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn from_durations(durations: &[Duration]) -> MeanTally {
        let mut tally = MeanTally::new();
        for d in durations {
            tally.record(d.as_secs_f64());
        }
        tally
    }

    /// The number of values.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::MeanTally::from_values(&[1.0])?.len(), 1);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn len(&self) -> u64 {
        self.count
    }

    /// Whether there is no value.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::MeanTally::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The mean.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] without values, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::MeanTally::from_values(&[1.0, 2.0])?.mean()?, 1.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn mean(&self) -> Result<f64, Error> {
        self.fault.check()?;
        if self.count == 0 {
            return Err(Error::empty("mean", "no values"));
        }
        Ok(self.mean)
    }

    /// The sample variance, `M2 / (n − 1)`.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] with fewer than two values, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::MeanTally::from_values(&[2.0, 4.0])?.variance()?, 2.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn variance(&self) -> Result<f64, Error> {
        self.fault.check()?;
        if self.count < 2 {
            return Err(Error::empty("variance", "fewer than two values"));
        }
        Ok(self.m2.max(0.0) / (self.count - 1) as f64)
    }

    /// The Student t confidence interval of the mean.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] with fewer than two values, or the tally's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::MeanTally;
    /// use cxkpi::stats::Confidence;
    ///
    /// let i = MeanTally::from_values(&[4.0, 6.0])?.mean_interval(Confidence::NINETY_FIVE)?;
    /// assert_eq!(format!("{:.4}", i.high()), "17.7062"); // t(0.975; 1) = 12.7062
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn mean_interval(&self, confidence: Confidence) -> Result<Interval, Error> {
        let variance = self.variance()?;
        let n = self.count as f64;
        let t = t_critical(confidence.alpha(), n - 1.0);
        let spread = t * libm::sqrt(variance / n);
        Ok(Interval::new(
            self.mean,
            self.mean - spread,
            self.mean + spread,
            confidence,
        ))
    }

    /// The mean and sample variance, for the tests of change.
    pub(crate) fn moments(&self) -> Result<(f64, f64, f64), Error> {
        Ok((self.mean()?, self.variance()?, self.count as f64))
    }

    fn merge_counts(&mut self, other: &MeanTally) -> Result<(), Error> {
        let count = add_u64(self.count, other.count, "values")?;
        if other.count == 0 {
            return Ok(());
        }
        let (na, nb, n) = (self.count as f64, other.count as f64, count as f64);
        let delta = other.mean - self.mean;
        let mean = self.mean + delta * nb / n;
        let m2 = self.m2 + other.m2 + delta * delta * na * nb / n;
        finite_moments(mean, m2)?;
        (self.count, self.mean, self.m2) = (count, mean, m2);
        Ok(())
    }
}

/// Values near `f64::MAX` have squared deviations beyond it: an overflow
/// error rather than an infinite variance, and a NaN test after it.
fn finite_moments(mean: f64, m2: f64) -> Result<(), Error> {
    if mean.is_finite() && m2.is_finite() {
        Ok(())
    } else {
        Err(Error::overflow("sum of squared deviations", "f64"))
    }
}

merge_surface!(MeanTally, f64, default);

//! Has it changed? Tests of the difference between two periods: two rates,
//! two NPS values, two means.

use core::fmt;

use crate::MeanTally;
use crate::stats::special::{normal_two_sided_p, t_critical, t_two_sided_p};
use crate::stats::{Confidence, Interval};
use crate::{Error, Nps, Rate};

/// The difference between two periods (or two groups), `a − b`, with its
/// test statistic and two-sided p-value.
///
/// The p-value is the chance of a difference at least this large if
/// nothing had really changed: below 0.05, the change is "significant at
/// 5%". [`interval`](Self::interval) gives the plausible range of the true
/// difference.
///
/// # Example
///
/// ```
/// use cxkpi::Rate;
/// use cxkpi::stats::{Confidence, two_rates_test};
///
/// let test = two_rates_test(Rate::new(86, 100)?, Rate::new(74, 100)?);
/// assert_eq!(format!("{:.4}", test.p_value()), "0.0339");
/// assert!(test.is_significant(0.05));
/// assert_eq!(format!("{test:.2}"), "difference +12.00 (z = 2.12, p = 0.0339)");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Comparison {
    difference: f64,
    standard_error: f64,
    statistic: f64,
    p_value: f64,
    /// Degrees of freedom of a t statistic; `None` for a z statistic.
    df: Option<f64>,
}

impl Comparison {
    /// `a − b`, in the metric's unit (points for rates and NPS).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Rate, stats::two_rates_test};
    ///
    /// assert_eq!(two_rates_test(Rate::new(81, 100)?, Rate::new(86, 100)?).difference(), -5.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn difference(&self) -> f64 {
        self.difference
    }

    /// The test statistic: z (rates, NPS) or Welch's t (means).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Rate, stats::two_rates_test};
    ///
    /// let z = two_rates_test(Rate::new(86, 100)?, Rate::new(74, 100)?).statistic();
    /// assert_eq!(format!("{z:.4}"), "2.1213");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn statistic(&self) -> f64 {
        self.statistic
    }

    /// The two-sided p-value, in [0, 1].
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Rate, stats::two_rates_test};
    ///
    /// assert_eq!(two_rates_test(Rate::new(0, 10)?, Rate::new(0, 20)?).p_value(), 1.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn p_value(&self) -> f64 {
        self.p_value
    }

    /// Whether `p < alpha`: the change is significant at level `alpha` (0.05 for 5%).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Rate, stats::two_rates_test};
    ///
    /// assert!(!two_rates_test(Rate::new(345, 400)?, Rate::new(369, 450)?).is_significant(0.05));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn is_significant(&self, alpha: f64) -> bool {
        self.p_value < alpha
    }

    /// The confidence interval of the difference: `difference ± q·SE`, with
    /// the unpooled standard error, `q` the normal quantile (rates, NPS) or
    /// Welch's t quantile (means).
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::{Rate, stats::{Confidence, two_rates_test}};
    ///
    /// let test = two_rates_test(Rate::new(86, 100)?, Rate::new(74, 100)?);
    /// let i = test.interval(Confidence::NINETY_FIVE);
    /// assert_eq!(format!("{:.2} {:.2}", i.low(), i.high()), "1.04 22.96");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn interval(&self, confidence: Confidence) -> Interval {
        let q = match self.df {
            Some(df) if df > 0.0 => t_critical(confidence.alpha(), df),
            _ => confidence.z(),
        };
        let spread = q * self.standard_error;
        Interval::new(
            self.difference,
            self.difference - spread,
            self.difference + spread,
            confidence,
        )
    }
}

impl fmt::Display for Comparison {
    /// `difference +12.00 (z = 2.12, p = 0.0339)`; the precision applies to
    /// the difference and the statistic (default 1).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        let name = if self.df.is_some() { "t" } else { "z" };
        write!(
            f,
            "difference {:+.p$} ({name} = {:.p$}, p = {:.4})",
            self.difference, self.statistic, self.p_value
        )
    }
}

/// `n_a / d_a − n_b / d_b` in points, formed exactly over the common
/// denominator when it fits `i128`, so that 86 of 100 against 74 of 100 is
/// exactly 12 points.
fn points_difference(n_a: i128, d_a: u64, n_b: i128, d_b: u64) -> f64 {
    let (da, db) = (i128::from(d_a), i128::from(d_b));
    let exact = n_a
        .checked_mul(db)
        .zip(n_b.checked_mul(da))
        .and_then(|(x, y)| x.checked_sub(y))
        .and_then(|num| num.checked_mul(100))
        .zip(da.checked_mul(db));
    match exact {
        Some((num, den)) => num as f64 / den as f64,
        None => 100.0 * (n_a as f64 / d_a as f64 - n_b as f64 / d_b as f64),
    }
}

/// The z statistic and two-sided p-value of `difference / se`; a zero
/// standard error means either no difference (z = 0, p = 1) or a certain
/// one (z = ±∞, p = 0).
fn z_test(difference: f64, se: f64) -> (f64, f64) {
    if se > 0.0 {
        let z = difference / se;
        (z, normal_two_sided_p(z))
    } else if difference == 0.0 {
        (0.0, 1.0)
    } else {
        (f64::INFINITY.copysign(difference), 0.0)
    }
}

/// Two rates compared with the two-sided, pooled two-proportion z-test.
///
/// # Formula
///
/// ```text
/// p = (k_a + k_b) / (n_a + n_b)                       (pooled rate)
/// z = (p_a − p_b) / √(p (1 − p) (1/n_a + 1/n_b))
/// p-value = 2 (1 − Φ(|z|));   p = 0 or 1 → z = 0, p-value = 1
/// ```
///
/// Where the pooled rate is 0 or 1 (every response in both samples a
/// failure, or every one a success) the two rates are equal and the pooled
/// standard error is 0, so z is 0/0. This returns z = 0 and a p-value of 1
/// ("no evidence of a difference"), the limit of the test as the pooled
/// rate approaches 0 or 1 with equal rates, and a figure a report can print
/// and a pipeline can compare; statsmodels' `proportions_ztest` returns NaN
/// for both instead. Test `z == 0.0` or the standard error, not a NaN, to
/// find these cases.
///
/// The difference is in percentage points; its interval uses the unpooled
/// standard error `√(p_a(1−p_a)/n_a + p_b(1−p_b)/n_b)`. Source: the standard
/// two-proportion test (statsmodels `proportions_ztest`).
///
/// # Example: is a CSAT drop real?
///
/// ```
/// use cxkpi::Rate;
/// use cxkpi::stats::two_rates_test;
///
/// // Last month 86% of 400, this month 82% of 450: a 4-point drop.
/// let test = two_rates_test(Rate::new(369, 450)?, Rate::new(344, 400)?);
/// assert!(test.difference() < -3.9);
/// assert!(!test.is_significant(0.05)); // p ≈ 0.11: could be noise
///
/// // The same drop on ten times the responses is a real change.
/// let test = two_rates_test(Rate::new(3690, 4500)?, Rate::new(3440, 4000)?);
/// assert!(test.is_significant(0.001));
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub fn two_rates_test(a: Rate, b: Rate) -> Comparison {
    let (na, nb) = (a.whole() as f64, b.whole() as f64);
    let (pa, pb) = (a.ratio(), b.ratio());
    let pooled = (a.part() as f64 + b.part() as f64) / (na + nb);
    let se_pooled = libm::sqrt(pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb));
    let (z, p_value) = z_test(pa - pb, se_pooled);
    Comparison {
        difference: points_difference(
            i128::from(a.part()),
            a.whole(),
            i128::from(b.part()),
            b.whole(),
        ),
        standard_error: 100.0 * libm::sqrt(pa * (1.0 - pa) / na + pb * (1.0 - pb) / nb),
        statistic: z,
        p_value,
        df: None,
    }
}

/// Two NPS values compared as independent samples, their variances summed.
///
/// # Formula
///
/// ```text
/// z = (NPS_a − NPS_b) / √(σ_a²/n_a + σ_b²/n_b),   σ² = (p + d) − (p − d)²
/// ```
///
/// NPS values in proportion units (−1 to 1) in the formula; the difference
/// is reported in points and keeps its sign. Source: Rocks (2016); the R
/// package `NPS`.
///
/// # Example
///
/// ```
/// use cxkpi::NpsTally;
/// use cxkpi::stats::nps_difference_test;
///
/// let a = NpsTally::from_counts(50, 30, 20)?.nps()?; // NPS +30
/// let b = NpsTally::from_counts(40, 30, 30)?.nps()?; // NPS +10
/// let test = nps_difference_test(&a, &b);
/// assert_eq!(test.difference(), 20.0);
/// assert_eq!(format!("{:.3} {:.3}", test.statistic(), test.p_value()), "1.754 0.079");
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub fn nps_difference_test(a: &Nps, b: &Nps) -> Comparison {
    let (na, nb) = (a.responses() as f64, b.responses() as f64);
    let se = libm::sqrt(a.variance() / na + b.variance() / nb);
    let net = |nps: &Nps| i128::from(nps.promoters()) - i128::from(nps.detractors());
    // The difference from the exact counts: near unanimity the two NPS
    // values agree in their leading digits, and (p_a − d_a) − (p_b − d_b)
    // in doubles would keep only their roundings.
    let difference = points_difference(net(a), a.responses(), net(b), b.responses());
    let (z, p_value) = z_test(difference / 100.0, se);
    Comparison {
        difference,
        standard_error: 100.0 * se,
        statistic: z,
        p_value,
        df: None,
    }
}

/// Two means compared with Welch's t-test (unequal variances).
///
/// # Formula
///
/// ```text
/// t  = (m_a − m_b) / √(s_a²/n_a + s_b²/n_b)
/// df = (s_a²/n_a + s_b²/n_b)² / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1))
/// ```
///
/// Source: Welch, *Biometrika* 34 (1947); Satterthwaite (1946) for `df`.
///
/// # Errors
///
/// [`Error::empty`] when either tally has fewer than two values, or its fault.
///
/// # Example
///
/// ```
/// use cxkpi::MeanTally;
/// use cxkpi::stats::welch_test;
///
/// let before = MeanTally::from_values(&[5.0, 6.0, 7.0, 4.0, 6.0, 5.0])?;
/// let after = MeanTally::from_values(&[3.0, 4.0, 4.0, 5.0, 3.0, 4.0])?;
/// let test = welch_test(&before, &after)?;
/// assert_eq!(format!("{:.3}", test.difference()), "1.667");
/// assert!(test.is_significant(0.05));
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub fn welch_test(a: &MeanTally, b: &MeanTally) -> Result<Comparison, Error> {
    let (ma, va, na) = a.moments()?;
    let (mb, vb, nb) = b.moments()?;
    let (ea, eb) = (va / na, vb / nb);
    // Relative to the larger of the two, so that neither their sum nor the
    // squares below overflow for variances near f64::MAX.
    let big = ea.max(eb);
    let (ra, rb) = if big > 0.0 {
        (ea / big, eb / big)
    } else {
        (0.0, 0.0)
    };
    let se = libm::sqrt(big) * libm::sqrt(ra + rb);
    let diff = ma - mb;
    let df = if big > 0.0 {
        (ra + rb) * (ra + rb) / (ra * ra / (na - 1.0) + rb * rb / (nb - 1.0))
    } else {
        na + nb - 2.0
    };
    let (t, p_value) = if se > 0.0 {
        let t = diff / se;
        (t, t_two_sided_p(t, df))
    } else {
        z_test(diff, se)
    };
    Ok(Comparison {
        difference: diff,
        standard_error: se,
        statistic: t,
        p_value,
        df: Some(df),
    })
}

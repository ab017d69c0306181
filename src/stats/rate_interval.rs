//! Confidence intervals for rates: CSAT, FCR, abandonment, service level, retention.

use core::fmt;

use crate::Rate;
use crate::stats::special::{beta_inc_inv, beta_inc_inv_upper};
use crate::stats::{Confidence, Interval};

/// How to compute a confidence interval for a rate.
///
/// With `k` successes of `n` trials, `p̂ = k / n` and `z = Φ⁻¹(1 − α/2)`:
///
/// | method | interval | source |
/// | --- | --- | --- |
/// | [`Wilson`](Self::Wilson) (default) | `(p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)` | Wilson, *JASA* 22 (1927) |
/// | [`Wald`](Self::Wald) | `p̂ ± z·√(p̂(1−p̂)/n)`, clipped to [0, 1] | Laplace; the textbook interval |
/// | [`AgrestiCoull`](Self::AgrestiCoull) | Wald around `p̃ = (k + z²/2)/(n + z²)` with `ñ = n + z²`, clipped | Agresti & Coull, *Am. Stat.* 52 (1998) |
/// | [`ClopperPearson`](Self::ClopperPearson) | beta quantiles `B(α/2; k, n−k+1)`, `B(1−α/2; k+1, n−k)` (0 and 1 at the edges) | Clopper & Pearson, *Biometrika* 26 (1934) |
/// | [`Jeffreys`](Self::Jeffreys) | beta quantiles `B(α/2; k+½, n−k+½)`, `B(1−α/2; k+½, n−k+½)` | Brown, Cai & DasGupta, *Stat. Sci.* 16 (2001) |
///
/// Wilson is the default: its coverage stays near the nominal level for
/// small samples and extreme rates, where Wald's collapses (Wald gives
/// `[0, 0]` for 0 of 10). Clopper–Pearson is "exact" (never below nominal
/// coverage) and therefore wide. Wilson, Clopper–Pearson and Agresti–Coull
/// always contain the observed rate; Wald does too after clipping; Jeffreys
/// is equal-tailed without the boundary correction that some texts add, so
/// at `k = 0` or `k = n` its interval does not reach 0 or 100 and may not
/// contain the observed rate.
///
/// # Example
///
/// ```
/// use cxkpi::Rate;
/// use cxkpi::stats::{Confidence, RateMethod};
///
/// let rate = Rate::new(0, 10)?;
/// let wald = rate.interval(Confidence::NINETY_FIVE, RateMethod::Wald);
/// let wilson = rate.interval(Confidence::NINETY_FIVE, RateMethod::Wilson);
/// assert_eq!((wald.low(), wald.high()), (0.0, 0.0)); // Wald's known failure
/// assert_eq!(format!("{:.2}", wilson.high()), "27.75");
/// assert_eq!(RateMethod::from_name("clopper_pearson"), Some(RateMethod::ClopperPearson));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RateMethod {
    /// Wilson's score interval (the default).
    #[default]
    Wilson,
    /// The normal-approximation (Wald) interval, clipped to [0, 100].
    Wald,
    /// Agresti and Coull's adjusted Wald interval, clipped to [0, 100].
    AgrestiCoull,
    /// Clopper and Pearson's exact interval.
    ClopperPearson,
    /// The Jeffreys interval (equal-tailed, no boundary correction).
    Jeffreys,
}

impl RateMethod {
    /// Every method.
    pub const ALL: [RateMethod; 5] = [
        RateMethod::Wilson,
        RateMethod::Wald,
        RateMethod::AgrestiCoull,
        RateMethod::ClopperPearson,
        RateMethod::Jeffreys,
    ];

    /// The snake-case name: `wilson`, `wald`, `agresti_coull`, `clopper_pearson`, `jeffreys`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::stats::RateMethod::AgrestiCoull.as_str(), "agresti_coull");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            RateMethod::Wilson => "wilson",
            RateMethod::Wald => "wald",
            RateMethod::AgrestiCoull => "agresti_coull",
            RateMethod::ClopperPearson => "clopper_pearson",
            RateMethod::Jeffreys => "jeffreys",
        }
    }

    /// The method called `name`, if any.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::stats::RateMethod::from_name("wald"), Some(cxkpi::stats::RateMethod::Wald));
    /// ```
    pub fn from_name(name: &str) -> Option<RateMethod> {
        RateMethod::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

impl fmt::Display for RateMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Rate {
    /// The confidence interval of this rate, in percent, by `method`.
    ///
    /// # Formula
    ///
    /// See [`RateMethod`].
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Rate;
    /// use cxkpi::stats::{Confidence, RateMethod};
    ///
    /// // CSAT of 86% from 100 responses: somewhere between 77.9% and 91.5%.
    /// let interval = Rate::new(86, 100)?.interval(Confidence::NINETY_FIVE, RateMethod::Wilson);
    /// assert_eq!(format!("{:.2} {:.2}", interval.low(), interval.high()), "77.86 91.47");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn interval(&self, confidence: Confidence, method: RateMethod) -> Interval {
        let k = self.part() as f64;
        let n = self.whole() as f64;
        let p = self.ratio();
        let z = confidence.z();
        let alpha = confidence.alpha();
        let (low, high) = match method {
            RateMethod::Wilson => {
                let z2 = z * z;
                let center = p + z2 / (2.0 * n);
                let spread = z * libm::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
                let scale = 1.0 + z2 / n;
                ((center - spread) / scale, (center + spread) / scale)
            }
            RateMethod::Wald => {
                let spread = z * libm::sqrt(p * (1.0 - p) / n);
                (p - spread, p + spread)
            }
            RateMethod::AgrestiCoull => {
                let n_tilde = n + z * z;
                let p_tilde = (k + z * z / 2.0) / n_tilde;
                let spread = z * libm::sqrt(p_tilde * (1.0 - p_tilde) / n_tilde);
                (p_tilde - spread, p_tilde + spread)
            }
            RateMethod::ClopperPearson => {
                // At the edges the beta quantiles have closed forms, exact to
                // the last digits at any confidence: I_x(n, 1) = xⁿ and
                // 1 − I_x(1, n) = (1 − x)ⁿ, so the lower bound at k = n is
                // (α/2)^(1/n) and the upper bound at k = 0 is 1 − (α/2)^(1/n),
                // formed by expm1 without the subtraction.
                let root = libm::log(alpha / 2.0) / n;
                let low = if k == 0.0 {
                    0.0
                } else if k == n {
                    libm::exp(root)
                } else {
                    beta_inc_inv(k, n - k + 1.0, alpha / 2.0)
                };
                let high = if k == n {
                    1.0
                } else if k == 0.0 {
                    -libm::expm1(root)
                } else {
                    beta_inc_inv_upper(k + 1.0, n - k, alpha / 2.0)
                };
                (low, high)
            }
            RateMethod::Jeffreys => (
                beta_inc_inv(k + 0.5, n - k + 0.5, alpha / 2.0),
                beta_inc_inv_upper(k + 0.5, n - k + 0.5, alpha / 2.0),
            ),
        };
        // At a confidence near 0 both bounds are the same quantile, reached
        // from two sides: keep them ordered when they differ by an ulp.
        let (low, high) = (low.clamp(0.0, 1.0), high.clamp(0.0, 1.0));
        Interval::new(
            self.percent(),
            100.0 * low,
            100.0 * high.max(low),
            confidence,
        )
    }
}

//! How sure an NPS is: its standard error and confidence interval.

use core::fmt;

use crate::Nps;
use crate::stats::{Confidence, Interval};

/// How to compute a confidence interval for an NPS.
///
/// NPS is the difference of two shares of one trinomial sample (promoters
/// `p`, detractors `d` of `n` responses), so each response contributes +1,
/// 0 or −1 and the per-response variance is
///
/// ```text
/// σ² = (p + d) − (p − d)²
/// ```
///
/// | method | interval (in NPS points) | source |
/// | --- | --- | --- |
/// | [`Wald`](Self::Wald) | `NPS ± 100·z·√(σ²/n)` | the trinomial normal approximation |
/// | [`AdjustedWald`](Self::AdjustedWald) | the same after adding 0.75 promoters, 1.5 passives and 0.75 detractors (n + 3) | Rocks, *The American Statistician* 70 (2016) 365 |
///
/// Both are clipped to [−100, 100]. The adjusted-Wald interval is centred
/// on the adjusted NPS, so at very small n it may not contain the observed
/// NPS (with 2 promoters of 2, the adjusted centre is 43.6): that is the
/// adjustment doing its job, pulling an extreme small-sample figure in.
///
/// # Example
///
/// ```
/// use cxkpi::NpsTally;
/// use cxkpi::stats::{Confidence, NpsMethod};
///
/// // Rocks (2016)'s worked example: 50 promoters, 30 passives, 20 detractors.
/// let nps = NpsTally::from_counts(50, 30, 20)?.nps()?;
/// let wald = nps.interval(Confidence::NINETY_FIVE, NpsMethod::Wald);
/// assert_eq!(format!("{:.2} {:.2}", wald.low(), wald.high()), "14.69 45.31");
/// let adjusted = nps.interval(Confidence::NINETY_FIVE, NpsMethod::AdjustedWald);
/// assert_eq!(format!("{:.2} {:.2}", adjusted.low(), adjusted.high()), "14.05 44.20");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum NpsMethod {
    /// The Wald interval on the trinomial variance.
    Wald,
    /// Rocks' adjusted Wald interval (the default: better coverage at small n).
    #[default]
    AdjustedWald,
}

impl NpsMethod {
    /// Every method, in the order of the docs.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::stats::NpsMethod;
    ///
    /// let names: Vec<&str> = NpsMethod::ALL.iter().map(|m| m.as_str()).collect();
    /// assert_eq!(names, ["wald", "adjusted_wald"]);
    /// ```
    pub const ALL: [NpsMethod; 2] = [NpsMethod::Wald, NpsMethod::AdjustedWald];

    /// The snake-case name: `wald`, `adjusted_wald`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::stats::NpsMethod::AdjustedWald.as_str(), "adjusted_wald");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            NpsMethod::Wald => "wald",
            NpsMethod::AdjustedWald => "adjusted_wald",
        }
    }

    /// The method called `name`, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::stats::NpsMethod;
    ///
    /// assert_eq!(NpsMethod::from_name("wald"), Some(NpsMethod::Wald));
    /// ```
    pub fn from_name(name: &str) -> Option<NpsMethod> {
        NpsMethod::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

impl fmt::Display for NpsMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The per-response variance `(p + d) − (p − d)²` of promoter and detractor
/// shares `p` and `d`, given their complements `1 − p` and `1 − d` as the
/// caller holds them exactly (from counts, or `100 − pct`).
///
/// Summed as `p(1 − p) + d(1 − d) + 2pd`, three terms of one sign: near
/// unanimity (p → 1) the textbook form subtracts two numbers close to 1 and
/// loses the digits of the variance.
pub(crate) fn trinomial_variance(p: f64, d: f64, not_p: f64, not_d: f64) -> f64 {
    (p * not_p + d * not_d + 2.0 * p * d).max(0.0)
}

/// The trinomial variance of `promoters` and `detractors` out of
/// `responses` (counts, or pseudo-counts), with the complements formed on
/// the counts.
pub(crate) fn trinomial_variance_of_counts(promoters: f64, detractors: f64, responses: f64) -> f64 {
    let p = promoters / responses;
    let d = detractors / responses;
    trinomial_variance(
        p,
        d,
        (responses - promoters) / responses,
        (responses - detractors) / responses,
    )
}

impl Nps {
    /// The shares of promoters and detractors, in [0, 1].
    fn shares(&self) -> (f64, f64) {
        let n = self.responses() as f64;
        (self.promoters() as f64 / n, self.detractors() as f64 / n)
    }

    /// The per-response variance `σ² = (p + d) − (p − d)²`, in squared
    /// proportion units (0 to 1), summed as `p(1 − p) + d(1 − d) + 2pd`
    /// with the complements taken on the counts, so that it keeps its digits
    /// near unanimity.
    ///
    /// # Example
    ///
    /// ```
    /// let nps = cxkpi::NpsTally::from_counts(50, 30, 20)?.nps()?;
    /// assert!((nps.variance() - 0.61).abs() < 1e-15);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn variance(&self) -> f64 {
        let n = self.responses();
        let (promoters, detractors) = (self.promoters(), self.detractors());
        let nf = n as f64;
        let (p, d) = self.shares();
        // `n − promoters` in integers: exact.
        trinomial_variance(
            p,
            d,
            (n - promoters) as f64 / nf,
            (n - detractors) as f64 / nf,
        )
    }

    /// The standard error of the NPS, in points: `100·√(σ²/n)`.
    ///
    /// # Example
    ///
    /// ```
    /// let nps = cxkpi::NpsTally::from_counts(50, 30, 20)?.nps()?;
    /// assert_eq!(format!("{:.3}", nps.standard_error()), "7.810");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn standard_error(&self) -> f64 {
        100.0 * libm::sqrt(self.variance() / self.responses() as f64)
    }

    /// The confidence interval of the NPS, in points, by `method`; its
    /// estimate is the observed NPS.
    ///
    /// # Formula
    ///
    /// See [`NpsMethod`].
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::NpsTally;
    /// use cxkpi::stats::{Confidence, NpsMethod};
    ///
    /// let nps = NpsTally::from_counts(12, 0, 0)?.nps()?;
    /// let wald = nps.interval(Confidence::NINETY_FIVE, NpsMethod::Wald);
    /// assert_eq!((wald.low(), wald.high()), (100.0, 100.0)); // Wald sees no spread
    /// let adjusted = nps.interval(Confidence::NINETY_FIVE, NpsMethod::AdjustedWald);
    /// assert!(adjusted.low() < 80.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn interval(&self, confidence: Confidence, method: NpsMethod) -> Interval {
        let n = self.responses() as f64;
        let (center, variance, n) = match method {
            NpsMethod::Wald => {
                let (p, d) = self.shares();
                (p - d, self.variance(), n)
            }
            NpsMethod::AdjustedWald => {
                let n = n + 3.0;
                let (promoters, detractors) = (
                    self.promoters() as f64 + 0.75,
                    self.detractors() as f64 + 0.75,
                );
                let (p, d) = (promoters / n, detractors / n);
                (
                    p - d,
                    trinomial_variance_of_counts(promoters, detractors, n),
                    n,
                )
            }
        };
        let spread = confidence.z() * libm::sqrt(variance / n);
        Interval::new(
            self.score(),
            (100.0 * (center - spread)).clamp(-100.0, 100.0),
            (100.0 * (center + spread)).clamp(-100.0, 100.0),
            confidence,
        )
    }
}

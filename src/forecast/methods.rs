//! Forecast methods with weekly seasonality, and their prediction intervals.

use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use crate::History;
use crate::staffing::{Model, Plan, StaffingTarget};
use crate::stats::{Confidence, Interval};
use crate::time::{IntervalLength, IntervalOfDay, WeekInterval};
use crate::{Domain, Error};

/// The longest horizon a forecast may have: 52 weeks of intervals.
const MAX_HORIZON_WEEKS: usize = 52;

/// A volume forecast method with a weekly season of `m` intervals
/// (`m` = 168 hours, 336 half-hours or 672 quarter-hours).
///
/// Taylor (2008, *Management Science* 54(2), "A comparison of univariate
/// time series methods for forecasting intraday arrivals at a call
/// centre") finds that beyond a few days ahead "a simplistic historical
/// average is difficult to beat": the baselines are methods in their own
/// right, and every backtest should show them next to the model.
///
/// # Formula
///
/// With `y_1 … y_n` the history's series, the forecast `h` intervals ahead
/// and `k = ⌊(h − 1) / m⌋` whole seasons past the end:
///
/// ```text
/// seasonal naive      ŷ(n+h) = y(n + h − m(k + 1))          same interval, last week
/// historical average  ŷ(n+h) = (1/K) Σ_{j=1..K} y(n + h − m(k + j))   the same interval of the last K weeks
/// Holt–Winters        ŷ(n+h) = ℓ_n + h·b_n + s(n + h − m(k + 1))
///   e_t = y_t − (ℓ_{t−1} + b_{t−1} + s_{t−m})
///   ℓ_t = ℓ_{t−1} + b_{t−1} + α e_t,  b_t = b_{t−1} + β e_t,  s_t = s_{t−m} + γ e_t
/// ```
///
/// Forecasts are counts, so a negative point forecast or bound is raised
/// to 0.
///
/// # Prediction intervals
///
/// `ŷ ± z·σ_h` with `z` the normal quantile of the [`Confidence`], lower
/// bound raised to 0, and `σ_h` as Hyndman & Athanasopoulos (*Forecasting:
/// Principles and Practice*, 3rd ed., §5.5 and §8.7, after Hyndman, Koehler,
/// Ord & Snyder 2008, *Forecasting with Exponential Smoothing*, Table 6.1):
///
/// ```text
/// seasonal naive      σ_h = σ̂ √(k + 1),   σ̂² = Σ_{t>m} (y_t − y_{t−m})² / (n − m)
/// historical average  σ_h = σ̂ √(1 + 1/K), σ̂² = Σ_slots Σ_j (y − ȳ_slot)² / (m (K − 1))
/// Holt–Winters        σ_h² = σ̂² [1 + (h − 1)(α² + αβh + β²h(2h − 1)/6) + γk(2α + γ + βm(k + 1))],
///                     σ̂² = Σ e_t² / n   (ETS(A,A,A))
/// ```
///
/// The intervals assume normal, uncorrelated errors of constant variance;
/// arrival counts are closer to Poisson (variance growing with the level),
/// so they are too wide at night and too narrow at the peak: the backtest
/// reports their empirical coverage.
///
/// # Example
///
/// ```
/// use cxkpi::History;
/// use cxkpi::forecast::Method;
/// use cxkpi::stats::Confidence;
/// use cxkpi::time::IntervalLength;
///
/// let weeks: Vec<u64> = (0..3 * 168).map(|i| 10 + (i % 168) as u64 % 24).collect();
/// let history = History::from_counts(IntervalLength::Hour, 0, &weeks)?;
/// let forecast = Method::SeasonalNaive.forecast(&history, 168, Confidence::NINETY_FIVE)?;
/// assert_eq!(forecast.points()[9].estimate(), 19.0);
/// assert_eq!(forecast.points()[9].low(), 19.0); // the weeks repeat exactly: σ̂ = 0
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Method {
    /// The same interval of the last week.
    SeasonalNaive,
    /// The mean of the same interval over the last `weeks` weeks (at least 2).
    HistoricalAverage {
        /// The weeks averaged, K.
        weeks: u16,
    },
    /// Additive Holt–Winters with a weekly season (Holt 1957; Winters 1960),
    /// in the error-correction form of ETS(A,A,A).
    HoltWinters(HoltWinters),
}

impl Method {
    /// The method's name: `seasonal_naive`, `historical_average`, `holt_winters`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::forecast::Method::SeasonalNaive.name(), "seasonal_naive");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Method::SeasonalNaive => "seasonal_naive",
            Method::HistoricalAverage { .. } => "historical_average",
            Method::HoltWinters(_) => "holt_winters",
        }
    }

    /// The forecast of the `horizon` intervals that follow `history`, from
    /// Monday 00:00 of the week after its last, with prediction intervals at
    /// `confidence`.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] for a history without weeks;
    /// [`Error::out_of_range`] when the history has fewer than 2 weeks (or
    /// fewer than K for the historical average), or the horizon is 0 or
    /// beyond 52 weeks; [`Error::invalid_parameter`] for K below 2; the
    /// history's fault.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::History;
    /// use cxkpi::forecast::Method;
    /// use cxkpi::stats::Confidence;
    /// use cxkpi::time::IntervalLength;
    ///
    /// let empty = History::new(IntervalLength::Hour);
    /// let err = Method::SeasonalNaive.forecast(&empty, 24, Confidence::NINETY_FIVE).unwrap_err();
    /// assert_eq!(err.to_string(), "forecast is undefined: the history has no weeks");
    /// ```
    pub fn forecast(
        self,
        history: &History,
        horizon: usize,
        confidence: Confidence,
    ) -> Result<Forecast, Error> {
        let series = history.series()?;
        let length = history.length();
        let m = usize::from(length.per_week());
        if series.is_empty() {
            return Err(Error::empty("forecast", "the history has no weeks"));
        }
        if horizon == 0 || horizon > MAX_HORIZON_WEEKS * m {
            return Err(Error::out_of_range(
                "forecast horizon (intervals)",
                horizon as u64,
                Domain::Between {
                    min: 1,
                    max: i64::try_from(MAX_HORIZON_WEEKS * m).unwrap_or(i64::MAX),
                },
            ));
        }
        let weeks = history.weeks();
        let needed = match self {
            Method::HistoricalAverage { weeks: k } => {
                if k < 2 {
                    return Err(Error::invalid_parameter(
                        "historical average weeks",
                        k,
                        Domain::AtLeast(2),
                    ));
                }
                u32::from(k)
            }
            Method::SeasonalNaive | Method::HoltWinters(_) => 2,
        };
        if weeks < needed {
            return Err(Error::out_of_range(
                "weeks of history",
                weeks,
                Domain::AtLeast(i64::from(needed)),
            ));
        }
        let y: Vec<f64> = series.iter().map(|&c| c as f64).collect();
        let z = confidence.z();
        let (fitted, points) = match self {
            Method::SeasonalNaive => (None, seasonal_naive(&y, m, horizon)),
            Method::HistoricalAverage { weeks: k } => {
                (None, historical_average(&y, m, usize::from(k), horizon))
            }
            Method::HoltWinters(hw) => {
                let params = match hw.0 {
                    Some(params) => params,
                    None => fit(&y, m),
                };
                (Some(params), holt_winters(&y, m, params, horizon))
            }
        };
        let mut out = Vec::with_capacity(horizon);
        for (h, (mean, sd)) in points.into_iter().enumerate() {
            let half = z * sd;
            let (estimate, low, high) = (mean.max(0.0), (mean - half).max(0.0), mean + half);
            if !(estimate.is_finite() && high.is_finite()) {
                return Err(Error::overflow("forecast", "f64"));
            }
            // h < 52 weeks of intervals, which fits a u16 slot and an i32 week.
            #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
            let (week, slot) = ((h / m) as i32, (h % m) as u16);
            out.push(ForecastPoint {
                week: history
                    .first_week()
                    .saturating_add_unsigned(weeks)
                    .saturating_add(week),
                slot: WeekInterval::from_index(length, slot)?,
                interval: Interval::new(estimate, low, high.max(estimate), confidence),
            });
        }
        Ok(Forecast {
            method: self,
            fitted: fitted.map(|s: Smoothing| (s.alpha, s.beta, s.gamma)),
            length,
            points: out,
        })
    }
}

impl fmt::Display for Method {
    /// `seasonal naive`, `historical average (3 weeks)`, `Holt–Winters`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Method::SeasonalNaive => f.write_str("seasonal naive"),
            Method::HistoricalAverage { weeks } => write!(f, "historical average ({weeks} weeks)"),
            Method::HoltWinters(_) => f.write_str("Holt–Winters"),
        }
    }
}

/// The smoothing parameters of additive Holt–Winters: given, or fitted to
/// the history.
///
/// [`HoltWinters::fitted`] picks α, β, γ on a grid (α in {0.01, 0.02, 0.05,
/// 0.1, 0.2, 0.3, 0.5}, β in {0, 0.0001, 0.001} bounded by α, γ in {0, 0.05,
/// 0.1, 0.2, 0.3, 0.5} bounded by 1 − α) by the least sum of squared
/// one-step errors over the history. The states start from the first two
/// weeks: ℓ₀ = the first week's mean, b₀ = (second week's mean − first
/// week's mean) / m, `s_i = y_i − ℓ₀` over the first week (Hyndman &
/// Athanasopoulos, FPP 3rd ed., §8.3).
///
/// # Example
///
/// ```
/// use cxkpi::forecast::HoltWinters;
///
/// let hw = HoltWinters::new(0.1, 0.0, 0.2)?;
/// assert_eq!(hw.params(), Some((0.1, 0.0, 0.2)));
/// assert!(HoltWinters::new(0.5, 0.0, 0.6).is_err()); // γ must stay within 1 − α
/// assert_eq!(HoltWinters::fitted().params(), None);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HoltWinters(Option<Smoothing>);

/// Validated α, β, γ.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Smoothing {
    alpha: f64,
    beta: f64,
    gamma: f64,
}

impl HoltWinters {
    /// Parameters fitted to the history by a grid search.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(cxkpi::forecast::HoltWinters::fitted().params().is_none());
    /// ```
    pub const fn fitted() -> HoltWinters {
        HoltWinters(None)
    }

    /// The level, trend and season smoothing parameters α, β, γ (the
    /// error-correction form's: β = α·β* of the component form).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless 0 < α < 1, 0 ≤ β ≤ α and
    /// 0 ≤ γ ≤ 1 − α (the usual admissible region; Hyndman et al. 2008 §10.2).
    ///
    /// # Example
    ///
    /// ```
    /// let err = cxkpi::forecast::HoltWinters::new(1.5, 0.0, 0.0).unwrap_err();
    /// assert_eq!(err.to_string(), "Holt–Winters α 1.5 is invalid: it must be a number strictly between 0 and 1");
    /// ```
    pub fn new(alpha: f64, beta: f64, gamma: f64) -> Result<HoltWinters, Error> {
        if !(alpha > 0.0 && alpha < 1.0) {
            return Err(Error::invalid_parameter(
                "Holt–Winters α",
                alpha,
                Domain::OpenUnitInterval,
            ));
        }
        if !(0.0..=alpha).contains(&beta) {
            return Err(Error::invalid_parameter(
                "Holt–Winters β (0 to α)",
                beta,
                Domain::UnitInterval,
            ));
        }
        if !(0.0..=1.0 - alpha).contains(&gamma) {
            return Err(Error::invalid_parameter(
                "Holt–Winters γ (0 to 1 − α)",
                gamma,
                Domain::UnitInterval,
            ));
        }
        Ok(HoltWinters(Some(Smoothing { alpha, beta, gamma })))
    }

    /// The given (α, β, γ), or `None` when fitted.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::forecast::HoltWinters::new(0.2, 0.01, 0.1)?.params(), Some((0.2, 0.01, 0.1)));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn params(self) -> Option<(f64, f64, f64)> {
        self.0.map(|s| (s.alpha, s.beta, s.gamma))
    }
}

/// One interval of a [`Forecast`]: its week, its slot, and the point
/// forecast with its prediction interval.
///
/// # Example
///
/// ```
/// use cxkpi::History;
/// use cxkpi::forecast::Method;
/// use cxkpi::stats::Confidence;
/// use cxkpi::time::IntervalLength;
///
/// let history = History::from_counts(IntervalLength::Hour, 10, &[3; 2 * 168])?;
/// let f = Method::HistoricalAverage { weeks: 2 }.forecast(&history, 1, Confidence::NINETY_FIVE)?;
/// let point = &f.points()[0];
/// assert_eq!((point.week(), point.slot().to_string(), point.estimate()), (12, "Mon 00:00".to_owned(), 3.0));
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForecastPoint {
    week: i32,
    slot: WeekInterval,
    interval: Interval,
}

impl ForecastPoint {
    /// The week forecast (numbered as [`Arrival::week`](crate::Arrival::week)).
    pub const fn week(&self) -> i32 {
        self.week
    }

    /// The interval of the week forecast.
    pub const fn slot(&self) -> WeekInterval {
        self.slot
    }

    /// The point forecast: arrivals expected, 0 or more, finite.
    pub fn estimate(&self) -> f64 {
        self.interval.estimate()
    }

    /// The lower prediction bound, 0 or more.
    pub fn low(&self) -> f64 {
        self.interval.low()
    }

    /// The upper prediction bound, finite.
    pub fn high(&self) -> f64 {
        self.interval.high()
    }

    /// The point forecast and its prediction interval.
    pub const fn interval(&self) -> &Interval {
        &self.interval
    }
}

/// A forecast per interval, from a [`Method`] and a [`History`].
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::History;
/// use cxkpi::forecast::Method;
/// use cxkpi::Percent;
/// use cxkpi::staffing::{Model, StaffingTarget};
/// use cxkpi::stats::Confidence;
/// use cxkpi::time::IntervalLength;
///
/// let history = History::from_counts(IntervalLength::Hour, 0, &[100; 3 * 168])?;
/// let forecast = Method::HistoricalAverage { weeks: 3 }.forecast(&history, 24, Confidence::NINETY_FIVE)?;
/// let target = StaffingTarget::new().service_level(Percent::new(80.0)?, Duration::from_secs(20))?;
/// let plan = forecast.plan(Duration::from_secs(180), &target, Model::ErlangC)?;
/// assert_eq!(plan.intervals().len(), 24);
/// assert_eq!(plan.peak_agents(), 8); // 5 Erlangs
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    method: Method,
    fitted: Option<(f64, f64, f64)>,
    length: IntervalLength,
    points: Vec<ForecastPoint>,
}

impl Forecast {
    /// The method that made the forecast.
    pub const fn method(&self) -> Method {
        self.method
    }

    /// Holt–Winters' (α, β, γ) as used (fitted or given); `None` for the
    /// other methods.
    pub const fn smoothing(&self) -> Option<(f64, f64, f64)> {
        self.fitted
    }

    /// The interval length.
    pub const fn length(&self) -> IntervalLength {
        self.length
    }

    /// The forecast intervals, in time order.
    pub fn points(&self) -> &[ForecastPoint] {
        &self.points
    }

    /// The point forecasts, in time order.
    pub fn estimates(&self) -> Vec<f64> {
        self.points.iter().map(ForecastPoint::estimate).collect()
    }

    /// The staffing plan of the point forecasts: one interval per point, of
    /// the forecast's interval length, with handle time `aht`.
    ///
    /// # Errors
    ///
    /// As [`Plan::from_intervals`].
    pub fn plan(
        &self,
        aht: Duration,
        target: &StaffingTarget,
        model: Model,
    ) -> Result<Plan, Error> {
        let calls: Vec<(IntervalOfDay, f64)> = self
            .points
            .iter()
            .map(|p| (p.slot.interval, p.estimate()))
            .collect();
        Plan::from_intervals(&calls, aht, target, model)
    }
}

/// `(mean, σ_h)` for h = 1..=horizon: the last week repeated.
fn seasonal_naive(y: &[f64], m: usize, horizon: usize) -> Vec<(f64, f64)> {
    let n = y.len();
    let sse: f64 = (m..n).map(|t| sq(y[t] - y[t - m])).sum();
    let sigma = libm::sqrt(sse / (n - m) as f64);
    (1..=horizon)
        .map(|h| {
            let k = (h - 1) / m;
            let mean = y[n - m + (h - 1) % m];
            (mean, sigma * libm::sqrt((k + 1) as f64))
        })
        .collect()
}

/// `(mean, σ_h)`: the same slot's mean over the last `k` weeks.
fn historical_average(y: &[f64], m: usize, k: usize, horizon: usize) -> Vec<(f64, f64)> {
    let n = y.len();
    let start = n - k * m;
    let means: Vec<f64> = (0..m)
        .map(|s| (0..k).map(|j| y[start + j * m + s]).sum::<f64>() / k as f64)
        .collect();
    let ss: f64 = (0..m)
        .map(|s| {
            (0..k)
                .map(|j| sq(y[start + j * m + s] - means[s]))
                .sum::<f64>()
        })
        .sum();
    let sigma = libm::sqrt(ss / (m * (k - 1)) as f64) * libm::sqrt(1.0 + 1.0 / k as f64);
    (1..=horizon).map(|h| (means[(h - 1) % m], sigma)).collect()
}

/// The final states of Holt–Winters over `y` and the sum of squared
/// one-step errors.
struct States {
    level: f64,
    trend: f64,
    /// The last `m` seasonal states, `season[i]` for slot `(n + i) mod m`.
    season: Vec<f64>,
    sse: f64,
}

// The names of the formulas in the docs.
#[allow(clippy::many_single_char_names)]
fn run(y: &[f64], m: usize, p: Smoothing) -> States {
    let first = y[..m].iter().sum::<f64>() / m as f64;
    let second = y[m..2 * m].iter().sum::<f64>() / m as f64;
    let mut level = first;
    let mut trend = (second - first) / m as f64;
    // A ring of the seasonal states: slot t mod m holds s_{t−m} before step t.
    let mut season: Vec<f64> = y[..m].iter().map(|v| v - first).collect();
    let mut sse = 0.0;
    for (t, &v) in y.iter().enumerate() {
        let s = season[t % m];
        let e = v - (level + trend + s);
        sse += e * e;
        level = level + trend + p.alpha * e;
        trend += p.beta * e;
        season[t % m] = s + p.gamma * e;
    }
    let n = y.len();
    let season = (0..m).map(|i| season[(n + i) % m]).collect();
    States {
        level,
        trend,
        season,
        sse,
    }
}

/// The grid parameters with the least one-step SSE (the first on a tie).
fn fit(y: &[f64], m: usize) -> Smoothing {
    const ALPHAS: [f64; 7] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5];
    const BETAS: [f64; 3] = [0.0, 0.0001, 0.001];
    const GAMMAS: [f64; 6] = [0.0, 0.05, 0.1, 0.2, 0.3, 0.5];
    let mut best = (
        f64::INFINITY,
        Smoothing {
            alpha: 0.1,
            beta: 0.0,
            gamma: 0.1,
        },
    );
    for alpha in ALPHAS {
        for beta in BETAS.into_iter().filter(|&b| b <= alpha) {
            for gamma in GAMMAS.into_iter().filter(|&g| g <= 1.0 - alpha) {
                let p = Smoothing { alpha, beta, gamma };
                let sse = run(y, m, p).sse;
                // A NaN SSE never compares below: such parameters are skipped.
                if sse < best.0 {
                    best = (sse, p);
                }
            }
        }
    }
    best.1
}

#[allow(clippy::many_single_char_names)]
fn holt_winters(y: &[f64], m: usize, p: Smoothing, horizon: usize) -> Vec<(f64, f64)> {
    let states = run(y, m, p);
    let sigma2 = states.sse / y.len() as f64;
    let (a, b, g) = (p.alpha, p.beta, p.gamma);
    (1..=horizon)
        .map(|h| {
            let k = ((h - 1) / m) as f64;
            let hf = h as f64;
            let mean = states.level + hf * states.trend + states.season[(h - 1) % m];
            let var = sigma2
                * (1.0
                    + (hf - 1.0) * (a * a + a * b * hf + b * b * hf * (2.0 * hf - 1.0) / 6.0)
                    + g * k * (2.0 * a + g + b * m as f64 * (k + 1.0)));
            (mean, libm::sqrt(var.max(0.0)))
        })
        .collect()
}

/// The mean absolute error of the seasonal naive method in-sample: the
/// scale of MASE.
pub(crate) fn seasonal_naive_mae(y: &[u64], m: usize) -> Option<f64> {
    (y.len() > m).then(|| {
        let sum: f64 = (m..y.len()).map(|t| y[t].abs_diff(y[t - m]) as f64).sum();
        sum / (y.len() - m) as f64
    })
}

fn sq(x: f64) -> f64 {
    x * x
}

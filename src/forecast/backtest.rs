//! Backtests: a method fitted on the first weeks, scored on the last ones.

use alloc::vec::Vec;

use super::methods::seasonal_naive_mae;
use super::{Forecast, Method};
use crate::History;
use crate::stats::Confidence;
use crate::{Error, Rate};

/// A method's forecast of a holdout, and its accuracy there.
///
/// # Formula
///
/// With `y_t` the holdout's actual arrivals, `ŷ_t` the forecast, `H`
/// holdout intervals and `n` training intervals of season `m`:
///
/// ```text
/// WAPE = Σ |y_t − ŷ_t| / Σ y_t × 100 %                       in [0, ∞)
/// MASE = (1/H) Σ |y_t − ŷ_t|  /  (1/(n − m)) Σ_{t=m+1..n} |y_t − y_{t−m}|    in [0, ∞)
/// ```
///
/// WAPE (the MAD/mean ratio of Kolassa & Schütz 2007, *Foresight* 6) weighs
/// each interval by its volume, and stays defined when many intervals have
/// no arrivals, where MAPE divides by zero (Hyndman & Koehler 2006, §3).
/// MASE is Hyndman & Koehler's (2006, "Another look at measures of forecast
/// accuracy", *International Journal of Forecasting* 22(4), 679–688) mean
/// absolute scaled error, scaled by the in-sample MAE of the seasonal naive
/// method (Hyndman & Athanasopoulos, FPP 3rd ed., §5.8): below 1, the method
/// beats last week's figures as they would have done within the training
/// weeks. Coverage is the share of holdout intervals inside the prediction
/// interval, to set against its nominal confidence.
///
/// # Example
///
/// ```
/// use cxkpi::History;
/// use cxkpi::forecast::{Method, backtest};
/// use cxkpi::stats::Confidence;
/// use cxkpi::time::IntervalLength;
///
/// // Three identical weeks of 10 an hour, then a holdout week.
/// let mut counts = vec![10; 3 * 168];
/// counts.extend((0..168).map(|i| if i % 2 == 0 { 12 } else { 10 }));
/// let history = History::from_counts(IntervalLength::Hour, 0, &counts)?;
/// let result = backtest(&history, Method::HistoricalAverage { weeks: 3 }, 1, Confidence::NINETY_FIVE);
/// // The training weeks repeat exactly: the seasonal naive scale is 0, so no MASE.
/// assert_eq!(result.unwrap_err().to_string(), "MASE is undefined: the seasonal naive method is exact on the training weeks");
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Backtest {
    forecast: Forecast,
    actual: Vec<u64>,
    wape: f64,
    mase: f64,
    mae: f64,
    coverage: Rate,
}

impl Backtest {
    /// The forecast of the holdout.
    pub const fn forecast(&self) -> &Forecast {
        &self.forecast
    }

    /// The holdout's actual arrivals, interval by interval.
    pub fn actual(&self) -> &[u64] {
        &self.actual
    }

    /// Weighted absolute percentage error over the holdout, in percent.
    pub const fn wape_pct(&self) -> f64 {
        self.wape
    }

    /// Mean absolute scaled error over the holdout (1 = as good as the
    /// seasonal naive method in-sample).
    pub const fn mase(&self) -> f64 {
        self.mase
    }

    /// Mean absolute error over the holdout, in arrivals per interval.
    pub const fn mae(&self) -> f64 {
        self.mae
    }

    /// The share of holdout intervals inside their prediction interval.
    pub const fn coverage(&self) -> Rate {
        self.coverage
    }
}

/// Fits `method` on all but the last `holdout_weeks` weeks of `history`,
/// forecasts those weeks, and scores the forecast against them.
///
/// # Errors
///
/// [`Error::out_of_range`] when `holdout_weeks` is 0 or leaves too few
/// training weeks for the method; [`Error::empty`] when the holdout has no
/// arrivals (no WAPE) or the seasonal naive method is exact on the training
/// weeks (no MASE scale); otherwise as [`Method::forecast`].
///
/// # Example
///
/// ```
/// use cxkpi::History;
/// use cxkpi::forecast::{Method, backtest};
/// use cxkpi::stats::Confidence;
/// use cxkpi::time::IntervalLength;
///
/// // Weeks alternating between 10 and 14 an hour; a holdout week of 12.
/// let mut counts: Vec<u64> = (0..4 * 168).map(|i| if (i / 168) % 2 == 0 { 10 } else { 14 }).collect();
/// counts.extend([12; 168]);
/// let history = History::from_counts(IntervalLength::Hour, 0, &counts)?;
/// let naive = backtest(&history, Method::SeasonalNaive, 1, Confidence::NINETY_FIVE)?;
/// let mean = backtest(&history, Method::HistoricalAverage { weeks: 4 }, 1, Confidence::NINETY_FIVE)?;
/// assert_eq!(naive.wape_pct(), 2.0 * 100.0 / 12.0);
/// assert_eq!(naive.mase(), 0.5); // |14 − 12| against an in-sample |Δ| of 4
/// assert_eq!(mean.wape_pct(), 0.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
pub fn backtest(
    history: &History,
    method: Method,
    holdout_weeks: u32,
    confidence: Confidence,
) -> Result<Backtest, Error> {
    let weeks = history.weeks();
    if holdout_weeks == 0 || holdout_weeks >= weeks {
        return Err(Error::out_of_range(
            "holdout weeks",
            holdout_weeks,
            crate::Domain::Between {
                min: 1,
                max: i64::from(weeks) - 1,
            },
        ));
    }
    let (train, test) = history.split_at_week(weeks - holdout_weeks)?;
    let actual = test.series()?.to_vec();
    let forecast = method.forecast(&train, actual.len(), confidence)?;
    let m = usize::from(history.length().per_week());
    let scale = seasonal_naive_mae(train.series()?, m).unwrap_or(0.0);
    let mut abs = 0.0;
    let mut inside = 0_u64;
    for (point, &y) in forecast.points().iter().zip(&actual) {
        let y = y as f64;
        abs += libm::fabs(y - point.estimate());
        if point.interval().contains(y) {
            inside += 1;
        }
    }
    let volume: f64 = actual.iter().map(|&y| y as f64).sum();
    if volume <= 0.0 {
        return Err(Error::empty("WAPE", "the holdout has no arrivals"));
    }
    if scale <= 0.0 {
        return Err(Error::empty(
            "MASE",
            "the seasonal naive method is exact on the training weeks",
        ));
    }
    let mae = abs / actual.len() as f64;
    let (weighted_pct, scaled) = (abs * 100.0 / volume, mae / scale);
    if !(weighted_pct.is_finite() && scaled.is_finite()) {
        return Err(Error::overflow("forecast errors", "f64"));
    }
    Ok(Backtest {
        coverage: Rate::new(inside, actual.len() as u64)?,
        forecast,
        actual,
        wape: weighted_pct,
        mase: scaled,
        mae,
    })
}

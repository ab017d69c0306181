//! The queueing model to staff with, and what a staffing level achieves.

use core::time::Duration;

use super::erlang_a::impatience;
use super::erlang_b::ErlangB;
use super::{ErlangA, ErlangC, Workload};
use crate::Error;

/// The queueing model that turns a workload and agents into service.
///
/// - [`Model::ErlangC`]: M/M/N, callers never hang up. The industry's
///   default; it overstates waits and staffing when callers do abandon, and
///   has no answer when the traffic reaches the agents.
/// - [`Model::ErlangA`]: M/M/N+M, callers hang up after an exponential
///   patience of the given mean; stable for any number of agents. As the
///   patience grows without bound it becomes Erlang C. The mean patience can
///   be estimated from a call log as (total queue wait of every queued
///   caller, answered or not) / (number who hung up in queue): the
///   maximum-likelihood estimate for an exponential patience, where an
///   answered caller's wait is a lower bound on their patience (censored).
///   The mean wait of those who hung up alone underestimates it.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::staffing::{Model, Workload};
///
/// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
/// let within = Duration::from_secs(20);
/// let c = Model::ErlangC.performance(&load, 13, within)?;
/// let a = Model::ErlangA { patience: Duration::from_secs(120) }.performance(&load, 13, within)?;
/// // Impatient callers leave the queue, so those who stay wait less.
/// assert!(a.prob_wait() < c.prob_wait());
/// assert!(a.abandonment_pct() > 0.0 && c.abandonment_pct() == 0.0);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Model {
    /// Erlang C (M/M/N): no abandonment; see [`ErlangC`].
    ErlangC,
    /// Erlang A (M/M/N+M, Palm): exponential patience of mean `patience`;
    /// see [`ErlangA`].
    ErlangA {
        /// The callers' mean patience θ, above zero.
        patience: Duration,
    },
}

impl Model {
    /// What `agents` agents achieve on `workload` under this model, with the
    /// service level measured within `within`.
    ///
    /// # Errors
    ///
    /// As [`ErlangC::new`] or [`ErlangA::new`]: 0 agents, too many agents or
    /// a zero patience are [`Error::invalid_parameter`]; Erlang C with
    /// agents ≤ traffic is [`Error::overloaded`].
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let p = Model::ErlangC.performance(&load, 14, Duration::from_secs(20))?;
    /// assert!((p.service_level_pct().unwrap_or(0.0) - 88.835_001_917_947).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn performance(
        self,
        workload: &Workload,
        agents: u32,
        within: Duration,
    ) -> Result<Performance, Error> {
        Ok(match self {
            Model::ErlangC => Performance::erlang_c(&ErlangC::new(workload, agents)?, Some(within)),
            Model::ErlangA { patience } => {
                Performance::erlang_a(&ErlangA::new(workload, agents, patience)?, Some(within))
            }
        })
    }

    /// The model's queue for the agents of `b`, or `None` when Erlang C is
    /// overloaded there.
    pub(crate) fn evaluate(
        self,
        workload: &Workload,
        b: &ErlangB,
        within: Option<Duration>,
    ) -> Result<Option<Performance>, Error> {
        match self {
            Model::ErlangC => {
                if f64::from(b.agents()) <= workload.traffic() {
                    return Ok(None);
                }
                let queue = ErlangC::from_blocking(workload.traffic(), workload.aht_secs(), b);
                Ok(Some(Performance::erlang_c(&queue, within)))
            }
            Model::ErlangA { patience } => {
                let queue = ErlangA::from_blocking(workload, impatience(patience)?, b)?;
                Ok(Some(Performance::erlang_a(&queue, within)))
            }
        }
    }
}

/// What a number of agents achieves on one workload: the figures a staffing
/// target constrains and a plan adds up.
///
/// Probabilities are on 0–1, percentages on 0–100, waits in seconds. Under
/// Erlang C nobody abandons, and the mean wait of all callers is the ASA.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::staffing::{Model, Workload};
///
/// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
/// let p = Model::ErlangC.performance(&load, 15, Duration::from_secs(20))?;
/// assert_eq!(p.agents(), 15);
/// assert_eq!(p.service_level_within(), Some(Duration::from_secs(20)));
/// assert_eq!(p.abandonment_pct(), 0.0);
/// assert_eq!(p.mean_wait_secs(), p.asa_secs());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Performance {
    agents: u32,
    prob_wait: f64,
    prob_abandon: f64,
    service_level: Option<(Duration, f64)>,
    asa_secs: f64,
    mean_wait_secs: f64,
    occupancy_pct: f64,
}

impl Performance {
    /// No calls and no agents: nobody waits.
    pub(crate) const fn idle(within: Option<Duration>) -> Performance {
        Performance {
            agents: 0,
            prob_wait: 0.0,
            prob_abandon: 0.0,
            service_level: match within {
                Some(t) => Some((t, 100.0)),
                None => None,
            },
            asa_secs: 0.0,
            mean_wait_secs: 0.0,
            occupancy_pct: 0.0,
        }
    }

    fn erlang_c(queue: &ErlangC, within: Option<Duration>) -> Performance {
        Performance {
            agents: queue.agents(),
            prob_wait: queue.prob_wait(),
            prob_abandon: 0.0,
            service_level: within.map(|t| (t, queue.service_level_pct(t))),
            asa_secs: queue.asa_secs(),
            mean_wait_secs: queue.asa_secs(),
            occupancy_pct: queue.occupancy_pct(),
        }
    }

    fn erlang_a(queue: &ErlangA, within: Option<Duration>) -> Performance {
        Performance {
            agents: queue.agents(),
            prob_wait: queue.prob_wait(),
            prob_abandon: queue.prob_abandon(),
            service_level: within.map(|t| (t, queue.service_level_pct(t))),
            asa_secs: queue.asa_secs(),
            mean_wait_secs: queue.mean_wait_secs(),
            occupancy_pct: queue.occupancy_pct(),
        }
    }

    /// The agents.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert_eq!(Model::ErlangC.performance(&load, 12, Duration::ZERO)?.agents(), 12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn agents(&self) -> u32 {
        self.agents
    }

    /// The probability that a caller waits, in [0, 1].
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let p = Model::ErlangC.performance(&load, 12, Duration::ZERO)?;
    /// assert!((p.prob_wait() - 0.449_388_224_298_271).abs() < 1e-12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn prob_wait(&self) -> f64 {
        self.prob_wait
    }

    /// The share of callers answered within
    /// [`service_level_within`](Performance::service_level_within), in
    /// percent; `None` when no answer time was given (a target without a
    /// service-level goal). Callers who hang up count against it.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let p = Model::ErlangC.performance(&load, 13, Duration::from_secs(20))?;
    /// assert!((p.service_level_pct().unwrap_or(0.0) - 79.559_478_841_778).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn service_level_pct(&self) -> Option<f64> {
        self.service_level.map(|(_, pct)| pct)
    }

    /// The answer time of [`service_level_pct`](Performance::service_level_pct).
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let p = Model::ErlangC.performance(&load, 13, Duration::from_secs(30))?;
    /// assert_eq!(p.service_level_within(), Some(Duration::from_secs(30)));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn service_level_within(&self) -> Option<Duration> {
        self.service_level.map(|(t, _)| t)
    }

    /// The average speed of answer (mean wait of answered callers), in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let p = Model::ErlangC.performance(&load, 13, Duration::ZERO)?;
    /// assert!((p.asa_secs() - 17.116_227_182_189_6).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn asa_secs(&self) -> f64 {
        self.asa_secs
    }

    /// The mean wait of all callers, answered or not, in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let model = Model::ErlangA { patience: Duration::from_secs(60) };
    /// let p = model.performance(&load, 8, Duration::ZERO)?;
    /// assert!((p.mean_wait_secs() - 16.701_171_695_006_11).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn mean_wait_secs(&self) -> f64 {
        self.mean_wait_secs
    }

    /// The share of callers who hang up before an answer, in percent (0
    /// under Erlang C).
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let model = Model::ErlangA { patience: Duration::from_secs(60) };
    /// let p = model.performance(&load, 8, Duration::ZERO)?;
    /// assert!((p.abandonment_pct() - 27.835_286_158_343_52).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn abandonment_pct(&self) -> f64 {
        self.prob_abandon * 100.0
    }

    /// The probability that a caller hangs up before an answer, in [0, 1].
    pub(crate) const fn prob_abandon(&self) -> f64 {
        self.prob_abandon
    }

    /// The agents' occupancy, in percent.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert_eq!(Model::ErlangC.performance(&load, 16, Duration::ZERO)?.occupancy_pct(), 62.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn occupancy_pct(&self) -> f64 {
        self.occupancy_pct
    }
}

//! The queueing model to staff with, and what a staffing level achieves.

use core::time::Duration;

use super::erlang_a::impatience;
use super::erlang_b::ErlangB;
use super::{ErlangA, ErlangC, Workload};
use crate::{Error, Percent, Probability};

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
/// assert!(a.abandonment().get() > 0.0 && c.abandonment().get() == 0.0);
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
    /// let sl = p.service_level().map_or(0.0, cxkpi::Percent::get);
    /// assert!((sl - 88.835_001_917_947).abs() < 1e-9);
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
/// Probabilities are [`Probability`]s (0–1), percentages [`Percent`]s
/// (0–100), waits in seconds: the types of [`StaffingTarget`](super::StaffingTarget)'s
/// goals, so that a figure compares with its goal without a conversion.
/// Under Erlang C nobody abandons, and the mean wait of all callers is the
/// ASA.
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
/// assert_eq!(p.abandonment(), cxkpi::Percent::ZERO);
/// assert_eq!(p.mean_wait_secs(), p.asa_secs());
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Performance {
    agents: u32,
    prob_wait: Probability,
    prob_abandon: Probability,
    service_level: Option<(Duration, Percent)>,
    asa_secs: f64,
    mean_wait_secs: f64,
    occupancy: Percent,
    fractional_agents: Option<f64>,
}

impl Performance {
    /// No calls and no agents: nobody waits.
    pub(crate) const fn idle(within: Option<Duration>) -> Performance {
        Performance {
            agents: 0,
            prob_wait: Probability::ZERO,
            prob_abandon: Probability::ZERO,
            service_level: match within {
                Some(t) => Some((t, Percent::HUNDRED)),
                None => None,
            },
            asa_secs: 0.0,
            mean_wait_secs: 0.0,
            occupancy: Percent::ZERO,
            fractional_agents: Some(0.0),
        }
    }

    fn erlang_c(queue: &ErlangC, within: Option<Duration>) -> Performance {
        Performance {
            agents: queue.agents(),
            prob_wait: Probability::clamped(queue.prob_wait()),
            prob_abandon: Probability::ZERO,
            service_level: within.map(|t| (t, Percent::clamped(queue.service_level_pct(t)))),
            asa_secs: queue.asa_secs(),
            mean_wait_secs: queue.asa_secs(),
            occupancy: Percent::clamped(queue.occupancy_pct()),
            fractional_agents: None,
        }
    }

    fn erlang_a(queue: &ErlangA, within: Option<Duration>) -> Performance {
        Performance {
            agents: queue.agents(),
            prob_wait: Probability::clamped(queue.prob_wait()),
            prob_abandon: Probability::clamped(queue.prob_abandon()),
            service_level: within.map(|t| (t, Percent::clamped(queue.service_level_pct(t)))),
            asa_secs: queue.asa_secs(),
            mean_wait_secs: queue.mean_wait_secs(),
            occupancy: Percent::clamped(queue.occupancy_pct()),
            fractional_agents: None,
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
    /// assert!((p.prob_wait().get() - 0.449_388_224_298_271).abs() < 1e-12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn prob_wait(&self) -> Probability {
        self.prob_wait
    }

    /// The share of callers answered within
    /// [`service_level_within`](Performance::service_level_within); `None`
    /// when no answer time was given (a target without a service-level
    /// goal). Callers who hang up count against it.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let p = Model::ErlangC.performance(&load, 13, Duration::from_secs(20))?;
    /// let sl = p.service_level().map_or(0.0, cxkpi::Percent::get);
    /// assert!((sl - 79.559_478_841_778).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn service_level(&self) -> Option<Percent> {
        self.service_level.map(|(_, pct)| pct)
    }

    /// The answer time of [`service_level`](Performance::service_level).
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

    /// The share of callers who hang up before an answer (0 % under
    /// Erlang C).
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
    /// assert!((p.abandonment().get() - 27.835_286_158_343_52).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn abandonment(&self) -> Percent {
        self.prob_abandon.to_percent()
    }

    /// The probability that a caller hangs up before an answer, in [0, 1].
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
    /// assert!((p.prob_abandon().get() - 0.278_352_861_583_435).abs() < 1e-12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn prob_abandon(&self) -> Probability {
        self.prob_abandon
    }

    /// The agents' occupancy.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let p = Model::ErlangC.performance(&load, 16, Duration::ZERO)?;
    /// assert_eq!(p.occupancy().get(), 62.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn occupancy(&self) -> Percent {
        self.occupancy
    }

    /// The fractional number of agents at which the staffing target is met
    /// exactly, when [`StaffingTarget::agents_required`](super::StaffingTarget::agents_required)
    /// found this staffing under Erlang C; `None` otherwise. It lies in
    /// (N − 1, N] for the whole number N = [`agents`](Performance::agents),
    /// above the traffic. Summed over queues or intervals it does not stack
    /// the rounding up of each, which only the final head count should do.
    ///
    /// # Formula
    ///
    /// Erlang B extends to any real number of servers x > 0 through the
    /// incomplete gamma function (Jagerman, "Some properties of the Erlang
    /// loss function", *Bell System Technical Journal* 53, 1974):
    ///
    /// ```text
    /// 1 / B(x, A) = A ∫₀^∞ e^(−At) (1 + t)^x dt
    /// C(x, A) = x·B / (x − A·(1 − B))                 (x > A)
    /// ```
    ///
    /// and the service level, the ASA and the occupancy follow from C as for
    /// whole agents; each is monotone in x, and the least x meeting every
    /// goal is found by bisection between N − 1 (or the traffic) and N, to
    /// 10⁻¹² of an agent.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::Percent;
    /// use cxkpi::staffing::{Model, StaffingTarget, Workload};
    ///
    /// let target = StaffingTarget::new().service_level(Percent::new(80.0)?, Duration::from_secs(20))?;
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let staffed = target.agents_required(&load, Model::ErlangC)?;
    /// assert_eq!(staffed.agents(), 14);
    /// let x = staffed.fractional_agents().unwrap_or(0.0);
    /// assert!(13.0 < x && x < 14.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn fractional_agents(&self) -> Option<f64> {
        self.fractional_agents
    }

    /// The same performance, with the fractional agents found for it.
    pub(crate) const fn with_fractional_agents(self, x: f64) -> Performance {
        Performance {
            fractional_agents: Some(x),
            ..self
        }
    }
}

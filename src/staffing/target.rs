//! Staffing targets, and the least number of agents that meets one.

use core::time::Duration;

use super::erlang_b::{ErlangB, MAX_AGENTS};
use super::{Model, Performance, Workload};
use crate::{Domain, Error};

/// What an interval's staffing must achieve: any combination of a service
/// level, an ASA, a probability of waiting, an occupancy cap and an
/// abandonment cap. Every goal set must be met.
///
/// Built step by step; each step validates its goal. A target with no goal
/// asks only for a stable queue (Erlang C: the least N above the traffic;
/// Erlang A: one agent).
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::staffing::{Model, StaffingTarget, Workload};
///
/// // 80 % of calls answered within 20 s, and agents busy at most 85 % of the time.
/// let target = StaffingTarget::new()
///     .service_level(80.0, Duration::from_secs(20))?
///     .max_occupancy_pct(85.0)?;
/// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
/// assert_eq!(target.agents_required(&load, Model::ErlangC)?.agents(), 14);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: impossible goals
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{ErrorKind, staffing::StaffingTarget};
///
/// // No finite staff answers 100 % of random arrivals at once.
/// let err = StaffingTarget::new().service_level(100.0, Duration::ZERO).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
/// assert_eq!(
///     err.to_string(),
///     "target service level (%) 100 is invalid: it must be a number strictly between 0 and 100"
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StaffingTarget {
    service_level: Option<(f64, Duration)>,
    max_asa: Option<Duration>,
    max_prob_wait: Option<f64>,
    max_occupancy_pct: Option<f64>,
    max_abandonment_pct: Option<f64>,
}

impl StaffingTarget {
    /// A target with no goal yet.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::staffing::{Model, StaffingTarget, Workload};
    ///
    /// // 10 Erlangs: the least stable Erlang C staffing is 11.
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert_eq!(StaffingTarget::new().agents_required(&load, Model::ErlangC)?.agents(), 11);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn new() -> StaffingTarget {
        StaffingTarget {
            service_level: None,
            max_asa: None,
            max_prob_wait: None,
            max_occupancy_pct: None,
            max_abandonment_pct: None,
        }
    }

    /// At least `pct` % of callers answered within `within` (callers who hang
    /// up count against it).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless 0 < `pct` < 100: a service level of
    /// 100 % is out of reach of any finite staff.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::StaffingTarget;
    ///
    /// let target = StaffingTarget::new().service_level(80.0, Duration::from_secs(20))?;
    /// assert_eq!(target.service_level_goal(), Some((80.0, Duration::from_secs(20))));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn service_level(self, pct: f64, within: Duration) -> Result<StaffingTarget, Error> {
        let pct = open_percent("target service level (%)", pct)?;
        Ok(StaffingTarget {
            service_level: Some((pct, within)),
            ..self
        })
    }

    /// An average speed of answer (mean wait of the answered callers) of at
    /// most `asa`.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] for a zero `asa`, which no staff reaches.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, StaffingTarget, Workload};
    ///
    /// let target = StaffingTarget::new().max_asa(Duration::from_secs(10))?;
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// // ASA is 17.1 s on 13 agents and 7.8 s on 14.
    /// assert_eq!(target.agents_required(&load, Model::ErlangC)?.agents(), 14);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn max_asa(self, asa: Duration) -> Result<StaffingTarget, Error> {
        if asa.is_zero() {
            return Err(Error::invalid_parameter(
                "target ASA (s)",
                0.0,
                Domain::Positive,
            ));
        }
        Ok(StaffingTarget {
            max_asa: Some(asa),
            ..self
        })
    }

    /// A probability of waiting of at most `prob`.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless 0 < `prob` < 1.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::staffing::{Model, StaffingTarget, Workload};
    ///
    /// let target = StaffingTarget::new().max_prob_wait(0.2)?;
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// // P(wait) is 0.285 on 13 agents and 0.174 on 14.
    /// assert_eq!(target.agents_required(&load, Model::ErlangC)?.agents(), 14);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn max_prob_wait(self, prob: f64) -> Result<StaffingTarget, Error> {
        if !(prob > 0.0 && prob < 1.0) {
            return Err(Error::invalid_parameter(
                "target probability of waiting",
                prob,
                Domain::OpenUnitInterval,
            ));
        }
        Ok(StaffingTarget {
            max_prob_wait: Some(prob),
            ..self
        })
    }

    /// An occupancy of at most `pct` %.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless 0 < `pct` < 100.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::staffing::{Model, StaffingTarget, Workload};
    ///
    /// let target = StaffingTarget::new().max_occupancy_pct(70.0)?;
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// // 10 Erlangs on 15 agents is 66.7 %.
    /// assert_eq!(target.agents_required(&load, Model::ErlangC)?.agents(), 15);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn max_occupancy_pct(self, pct: f64) -> Result<StaffingTarget, Error> {
        let pct = open_percent("target maximum occupancy (%)", pct)?;
        Ok(StaffingTarget {
            max_occupancy_pct: Some(pct),
            ..self
        })
    }

    /// An abandonment rate of at most `pct` % (always met under Erlang C,
    /// where nobody hangs up).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless 0 < `pct` < 100.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, StaffingTarget, Workload};
    ///
    /// let target = StaffingTarget::new().max_abandonment_pct(5.0)?;
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let model = Model::ErlangA { patience: Duration::from_secs(120) };
    /// let staffed = target.agents_required(&load, model)?;
    /// assert!(staffed.abandonment_pct() <= 5.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn max_abandonment_pct(self, pct: f64) -> Result<StaffingTarget, Error> {
        let pct = open_percent("target maximum abandonment (%)", pct)?;
        Ok(StaffingTarget {
            max_abandonment_pct: Some(pct),
            ..self
        })
    }

    /// The service-level goal: the percentage and its answer time.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(cxkpi::staffing::StaffingTarget::new().service_level_goal(), None);
    /// ```
    pub const fn service_level_goal(&self) -> Option<(f64, Duration)> {
        self.service_level
    }

    /// The answer time of the service-level goal, if any.
    pub(crate) fn within(&self) -> Option<Duration> {
        self.service_level.map(|(_, t)| t)
    }

    /// Whether `p` meets every goal.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, StaffingTarget, Workload};
    ///
    /// let target = StaffingTarget::new().service_level(80.0, Duration::from_secs(20))?;
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let within = Duration::from_secs(20);
    /// assert!(!target.is_met_by(&Model::ErlangC.performance(&load, 13, within)?));
    /// assert!(target.is_met_by(&Model::ErlangC.performance(&load, 14, within)?));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn is_met_by(&self, p: &Performance) -> bool {
        let service_level = self.service_level.is_none_or(|(pct, within)| {
            p.service_level_within() == Some(within)
                && p.service_level_pct().is_some_and(|sl| sl >= pct)
        });
        service_level
            && self
                .max_asa
                .is_none_or(|asa| p.asa_secs() <= asa.as_secs_f64())
            && self.max_prob_wait.is_none_or(|prob| p.prob_wait() <= prob)
            && self
                .max_occupancy_pct
                .is_none_or(|pct| p.occupancy_pct() <= pct)
            && self
                .max_abandonment_pct
                .is_none_or(|pct| p.abandonment_pct() <= pct)
    }

    /// The least number of agents that meets every goal on `workload` under
    /// `model`, with what it achieves. An interval without calls needs no
    /// agents.
    ///
    /// # Formula
    ///
    /// ```text
    /// N* = min { N : every goal holds for (workload, N, model) }
    /// ```
    ///
    /// Erlang C: the search starts at the least stable staffing ⌊A⌋ + 1 and
    /// steps one agent at a time, each step one Erlang B recursion step from
    /// the last (no recomputation per candidate). The Python library
    /// `pyworkforce` (0.5) starts at `round(A + 1)` instead, which skips
    /// ⌊A⌋ + 1 whenever the fractional part of A is 0.5 or more, so it can
    /// staff one agent too many for light goals.
    ///
    /// Erlang A: the probabilities and waits fall and the service level rises
    /// with N (Garnett, Mandelbaum and Reiman 2002), so the search gallops
    /// from ⌊A⌋ + 1 (down or up, doubling the step) and bisects. It starts no
    /// lower than ⌈A × SL⌉, since at most N/A of the callers can be answered.
    ///
    /// # Errors
    ///
    /// [`Error::overloaded`] when more than [`MAX_AGENTS`](super::MAX_AGENTS)
    /// agents would be needed; [`Error::invalid_parameter`] for a zero
    /// patience; [`Error::overflow`] as [`ErlangA::new`](super::ErlangA::new).
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, StaffingTarget, Workload};
    ///
    /// let target = StaffingTarget::new().service_level(80.0, Duration::from_secs(20))?;
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let c = target.agents_required(&load, Model::ErlangC)?;
    /// let a = target.agents_required(&load, Model::ErlangA { patience: Duration::from_secs(300) })?;
    /// assert_eq!(c.agents(), 14);
    /// assert!(a.agents() <= c.agents());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn agents_required(&self, workload: &Workload, model: Model) -> Result<Performance, Error> {
        if let Model::ErlangA { patience } = model {
            super::erlang_a::impatience(patience)?;
        }
        let traffic = workload.traffic();
        if workload.calls() == 0.0 {
            return Ok(Performance::idle(self.within()));
        }
        if traffic >= f64::from(MAX_AGENTS) {
            return Err(Error::overloaded(traffic, u64::from(MAX_AGENTS)));
        }
        // ⌊A⌋ + 1 ≤ MAX_AGENTS, checked above.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let stable = libm::floor(traffic) as u32 + 1;
        match model {
            Model::ErlangC => self.step_up(workload, stable),
            Model::ErlangA { .. } => self.gallop(workload, model, stable),
        }
    }

    /// Erlang C: from `start` up, one recursion step per candidate.
    fn step_up(&self, workload: &Workload, start: u32) -> Result<Performance, Error> {
        let within = self.within();
        let mut b = ErlangB::at(workload.traffic(), start);
        loop {
            if let Some(p) = Model::ErlangC.evaluate(workload, &b, within)? {
                if self.is_met_by(&p) {
                    return Ok(p);
                }
            }
            if b.agents() >= MAX_AGENTS {
                return Err(Error::overloaded(workload.traffic(), u64::from(MAX_AGENTS)));
            }
            b.step();
        }
    }

    /// Erlang A: gallop from `start` to a bracket, then bisect.
    fn gallop(&self, workload: &Workload, model: Model, start: u32) -> Result<Performance, Error> {
        let within = self.within();
        let meets = |agents: u32| -> Result<Option<Performance>, Error> {
            let b = ErlangB::at(workload.traffic(), agents);
            Ok(model
                .evaluate(workload, &b, within)?
                .filter(|p| self.is_met_by(p)))
        };
        // At most N/A of the callers are answered: SL ≤ N/A.
        let floor = self.service_level.map_or(1, |(pct, _)| {
            let least = libm::ceil(workload.traffic() * pct / 100.0);
            // Below MAX_AGENTS: the traffic is, and pct < 100.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let least = least as u32;
            least.max(1)
        });
        let start = start.max(floor);
        // `good` meets the target; `bad` (below it) does not.
        let (mut bad, mut good) = if let Some(p) = meets(start)? {
            let mut good = (start, p);
            let mut step = 1;
            loop {
                if good.0 == floor {
                    return Ok(good.1);
                }
                let next = good.0.saturating_sub(step).max(floor);
                match meets(next)? {
                    Some(p) => good = (next, p),
                    None => break (next, good),
                }
                step = step.saturating_mul(2);
            }
        } else {
            let mut bad = start;
            let mut step = 1;
            loop {
                if bad >= MAX_AGENTS {
                    return Err(Error::overloaded(workload.traffic(), u64::from(MAX_AGENTS)));
                }
                let next = bad.saturating_add(step).min(MAX_AGENTS);
                match meets(next)? {
                    Some(p) => break (bad, (next, p)),
                    None => bad = next,
                }
                step = step.saturating_mul(2);
            }
        };
        while good.0 - bad > 1 {
            let mid = bad + (good.0 - bad) / 2;
            match meets(mid)? {
                Some(p) => good = (mid, p),
                None => bad = mid,
            }
        }
        Ok(good.1)
    }
}

/// `pct` checked to lie strictly between 0 and 100.
fn open_percent(parameter: &'static str, pct: f64) -> Result<f64, Error> {
    if pct > 0.0 && pct < 100.0 {
        Ok(pct)
    } else {
        Err(Error::invalid_parameter(
            parameter,
            pct,
            Domain::OpenPercent,
        ))
    }
}

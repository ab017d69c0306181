//! Staffing targets, and the least number of agents that meets one.

use core::time::Duration;

use super::erlang_b::{ErlangB, MAX_AGENTS, blocking_real};
use super::erlang_c::{service_level, wait_probabilities};
use super::{Model, Performance, Workload};
use crate::{Domain, Error, Percent, Probability};

/// What an interval's staffing must achieve: any combination of a service
/// level, an ASA, a probability of waiting, an occupancy cap and an
/// abandonment cap. Every goal set must be met.
///
/// Built step by step; each step validates its goal. A target with no goal
/// asks only for a stable queue (Erlang C: the least N above the traffic;
/// Erlang A: one agent).
///
/// # Units
///
/// Shares are typed: a service level, an occupancy and an abandonment rate
/// are a [`Percent`] (0–100), a probability of waiting a [`Probability`]
/// (0–1), and [`Performance`]'s getters answer in the same types. A share in
/// the wrong unit does not compile:
///
/// ```compile_fail
/// use core::time::Duration;
/// use cxkpi::staffing::StaffingTarget;
///
/// // 0.8 meant as 80 %: a bare number is refused at compile time.
/// let target = StaffingTarget::new().service_level(0.8, Duration::from_secs(20));
/// ```
///
/// and a probability meant as a percentage says so:
/// `Percent::new(80.0)?` or `Probability::new(0.8)?.to_percent()`.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::Percent;
/// use cxkpi::staffing::{Model, StaffingTarget, Workload};
///
/// // 80 % of calls answered within 20 s, and agents busy at most 85 % of the time.
/// let target = StaffingTarget::new()
///     .service_level(cxkpi::Percent::new(80.0)?, Duration::from_secs(20))?
///     .max_occupancy(Percent::new(85.0)?)?;
/// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
/// assert_eq!(target.agents_required(&load, Model::ErlangC)?.agents(), 14);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: impossible goals
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{ErrorKind, Percent, staffing::StaffingTarget};
///
/// // No finite staff answers 100 % of random arrivals at once.
/// let err = StaffingTarget::new().service_level(Percent::HUNDRED, Duration::ZERO).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
/// assert_eq!(
///     err.to_string(),
///     "target service level (%) 100 is invalid: it must be a number strictly between 0 and 100"
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StaffingTarget {
    service_level: Option<(Percent, Duration)>,
    max_asa: Option<Duration>,
    max_prob_wait: Option<Probability>,
    max_occupancy: Option<Percent>,
    max_abandonment: Option<Percent>,
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
            max_occupancy: None,
            max_abandonment: None,
        }
    }

    /// At least `level` of callers answered within `within` (callers who
    /// hang up count against it).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless 0 % < `level` < 100 %: a service
    /// level of 100 % is out of reach of any finite staff, and one of 0 % is
    /// no goal.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{Percent, staffing::StaffingTarget};
    ///
    /// let eighty = Percent::new(80.0)?;
    /// let target = StaffingTarget::new().service_level(eighty, Duration::from_secs(20))?;
    /// assert_eq!(target.service_level_goal(), Some((eighty, Duration::from_secs(20))));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn service_level(self, level: Percent, within: Duration) -> Result<StaffingTarget, Error> {
        let level = open_percent("target service level (%)", level)?;
        Ok(StaffingTarget {
            service_level: Some((level, within)),
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
    /// use cxkpi::Probability;
    /// use cxkpi::staffing::{Model, StaffingTarget, Workload};
    ///
    /// let target = StaffingTarget::new().max_prob_wait(Probability::new(0.2)?)?;
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// // P(wait) is 0.285 on 13 agents and 0.174 on 14.
    /// assert_eq!(target.agents_required(&load, Model::ErlangC)?.agents(), 14);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn max_prob_wait(self, prob: Probability) -> Result<StaffingTarget, Error> {
        if !(prob.get() > 0.0 && prob.get() < 1.0) {
            return Err(Error::invalid_parameter(
                "target probability of waiting",
                prob.get(),
                Domain::OpenUnitInterval,
            ));
        }
        Ok(StaffingTarget {
            max_prob_wait: Some(prob),
            ..self
        })
    }

    /// An occupancy of at most `cap`.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless 0 % < `cap` < 100 %.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::Percent;
    /// use cxkpi::staffing::{Model, StaffingTarget, Workload};
    ///
    /// let target = StaffingTarget::new().max_occupancy(Percent::new(70.0)?)?;
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// // 10 Erlangs on 15 agents is 66.7 %.
    /// assert_eq!(target.agents_required(&load, Model::ErlangC)?.agents(), 15);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn max_occupancy(self, cap: Percent) -> Result<StaffingTarget, Error> {
        let cap = open_percent("target maximum occupancy (%)", cap)?;
        Ok(StaffingTarget {
            max_occupancy: Some(cap),
            ..self
        })
    }

    /// An abandonment rate of at most `cap` (always met under Erlang C,
    /// where nobody hangs up).
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] unless 0 % < `cap` < 100 %.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::Percent;
    /// use cxkpi::staffing::{Model, StaffingTarget, Workload};
    ///
    /// let five = Percent::new(5.0)?;
    /// let target = StaffingTarget::new().max_abandonment(five)?;
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let model = Model::ErlangA { patience: Duration::from_secs(120) };
    /// let staffed = target.agents_required(&load, model)?;
    /// assert!(staffed.abandonment() <= five);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn max_abandonment(self, cap: Percent) -> Result<StaffingTarget, Error> {
        let cap = open_percent("target maximum abandonment (%)", cap)?;
        Ok(StaffingTarget {
            max_abandonment: Some(cap),
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
    pub const fn service_level_goal(&self) -> Option<(Percent, Duration)> {
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
    /// let target = StaffingTarget::new().service_level(cxkpi::Percent::new(80.0)?, Duration::from_secs(20))?;
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let within = Duration::from_secs(20);
    /// assert!(!target.is_met_by(&Model::ErlangC.performance(&load, 13, within)?));
    /// assert!(target.is_met_by(&Model::ErlangC.performance(&load, 14, within)?));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn is_met_by(&self, p: &Performance) -> bool {
        let service_level = self.service_level.is_none_or(|(level, within)| {
            p.service_level_within() == Some(within)
                && p.service_level().is_some_and(|sl| sl >= level)
        });
        service_level
            && self.meets_all_but_service_level(
                p.asa_secs(),
                p.prob_wait().get(),
                p.occupancy().get(),
                p.abandonment().get(),
            )
    }

    /// Whether the figures meet every goal other than the service level.
    fn meets_all_but_service_level(
        &self,
        asa_secs: f64,
        prob_wait: f64,
        occupancy_pct: f64,
        abandonment_pct: f64,
    ) -> bool {
        self.max_asa.is_none_or(|asa| asa_secs <= asa.as_secs_f64())
            && self
                .max_prob_wait
                .is_none_or(|prob| prob_wait <= prob.get())
            && self
                .max_occupancy
                .is_none_or(|cap| occupancy_pct <= cap.get())
            && self
                .max_abandonment
                .is_none_or(|cap| abandonment_pct <= cap.get())
    }

    /// The least slack of the goals at x agents (any real x ≥ the traffic)
    /// under Erlang C's continuous extension: ≥ 0 exactly when every goal
    /// is met. Each goal's slack is monotone in x, so their minimum is too.
    fn erlang_c_slack(&self, workload: &Workload, x: f64) -> f64 {
        let traffic = workload.traffic();
        let aht = workload.aht_secs();
        let (prob_wait, prob_no_wait) = wait_probabilities(x, traffic, blocking_real(traffic, x));
        let mut slack = f64::INFINITY;
        if let Some((level, within)) = self.service_level {
            let sl = service_level(x, traffic, aht, (prob_wait, prob_no_wait), within);
            slack = slack.min((sl * 100.0).clamp(0.0, 100.0) - level.get());
        }
        if let Some(asa) = self.max_asa {
            let asa = asa.as_secs_f64();
            slack = slack.min((asa - prob_wait * aht / (x - traffic)) / asa);
        }
        if let Some(prob) = self.max_prob_wait {
            slack = slack.min(prob.get() - prob_wait);
        }
        if let Some(cap) = self.max_occupancy {
            slack = slack.min(cap.get() - (traffic * 100.0 / x).clamp(0.0, 100.0));
        }
        slack
    }

    /// The least real number of agents meeting every goal under Erlang C,
    /// given that `whole` agents meet them and `whole − 1` do not: the root
    /// of the least slack in (max(whole − 1, A), whole], by the Illinois
    /// variant of regula falsi (a bisection step every fourth), to 10⁻¹³ of
    /// the agents.
    fn erlang_c_fractional(&self, workload: &Workload, whole: u32) -> f64 {
        let traffic = workload.traffic();
        let mut b = f64::from(whole);
        let mut a = (b - 1.0).max(traffic);
        let unconstrained = self.service_level.is_none()
            && self.max_asa.is_none()
            && self.max_prob_wait.is_none()
            && self.max_occupancy.is_none();
        if unconstrained {
            // Only stability is asked: any x above the traffic will do.
            return traffic;
        }
        let mut fb = self.erlang_c_slack(workload, b).max(0.0);
        let mut fa = self.erlang_c_slack(workload, a);
        if fa >= 0.0 {
            return a;
        }
        let mut side = 0;
        for step in 0..200 {
            if b - a <= 1e-13 * b {
                break;
            }
            let mid = a + (b - a) / 2.0;
            let secant = (a * fb - b * fa) / (fb - fa);
            let c = if step % 4 == 3 || !(secant > a && secant < b) {
                mid
            } else {
                secant
            };
            let fc = self.erlang_c_slack(workload, c);
            if fc >= 0.0 {
                b = c;
                fb = fc;
                if side == 1 {
                    fa /= 2.0;
                }
                side = 1;
            } else {
                a = c;
                fa = if fc.is_finite() { fc } else { f64::MIN };
                if side == -1 {
                    fb /= 2.0;
                }
                side = -1;
            }
        }
        b
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
    /// Erlang C also reports the fractional number of agents at which the
    /// goals are met exactly, from Erlang C's continuous extension
    /// ([`Performance::fractional_agents`]): the figure to add up over
    /// queues or intervals before rounding, which rounding each one first
    /// overstates. It costs about 45 evaluations of the recursion, each
    /// linear in the agents.
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
    /// let target = StaffingTarget::new().service_level(cxkpi::Percent::new(80.0)?, Duration::from_secs(20))?;
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
                    let x = self.erlang_c_fractional(workload, p.agents());
                    return Ok(p.with_fractional_agents(x));
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
        let floor = self.service_level.map_or(1, |(level, _)| {
            let least = libm::ceil(workload.traffic() * level.get() / 100.0);
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
fn open_percent(parameter: &'static str, pct: Percent) -> Result<Percent, Error> {
    if pct.get() > 0.0 && pct.get() < 100.0 {
        Ok(pct)
    } else {
        Err(Error::invalid_parameter(
            parameter,
            pct.get(),
            Domain::OpenPercent,
        ))
    }
}

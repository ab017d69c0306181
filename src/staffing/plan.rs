//! A day's staffing plan: the agents each interval needs, and the day's totals.

use alloc::vec::Vec;
use core::time::Duration;

use super::{Model, Performance, StaffingTarget, Workload};
use crate::{Error, Percent};

/// One interval of a [`Plan`]: its workload and the least staffing that
/// meets the target, with what that staffing achieves.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::Percent;
/// use cxkpi::staffing::{Model, Plan, StaffingTarget};
///
/// let target = StaffingTarget::new().service_level(cxkpi::Percent::new(80.0)?, Duration::from_secs(20))?;
/// let half_hour = Duration::from_secs(1800);
/// let plan = Plan::uniform(&[100.0], half_hour, Duration::from_secs(180), &target, Model::ErlangC)?;
/// let first = &plan.intervals()[0];
/// assert_eq!(first.workload().traffic(), 10.0);
/// assert_eq!(first.performance().agents(), 14);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IntervalPlan {
    workload: Workload,
    performance: Performance,
}

impl IntervalPlan {
    /// The interval's workload.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Plan, StaffingTarget};
    ///
    /// let plan = Plan::uniform(&[30.0], Duration::from_secs(900), Duration::from_secs(240),
    ///     &StaffingTarget::new(), Model::ErlangC)?;
    /// assert_eq!(plan.intervals()[0].workload().calls(), 30.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn workload(&self) -> &Workload {
        &self.workload
    }

    /// The staffing found for the interval, and what it achieves.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Plan, StaffingTarget};
    ///
    /// // 8 Erlangs: the least stable Erlang C staffing is 9.
    /// let plan = Plan::uniform(&[30.0], Duration::from_secs(900), Duration::from_secs(240),
    ///     &StaffingTarget::new(), Model::ErlangC)?;
    /// assert_eq!(plan.intervals()[0].performance().agents(), 9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn performance(&self) -> &Performance {
        &self.performance
    }
}

/// The staffing of a sequence of intervals (a day of half-hours, a week of
/// hours) against one target and model, with the totals over the sequence.
///
/// Each interval is staffed on its own with
/// [`StaffingTarget::agents_required`]; intervals without calls need no
/// agents. The totals weigh each interval by its volume:
///
/// # Formula
///
/// ```text
/// agent-hours    = Σ N_i × interval_i / 3600 s
/// service level  = Σ calls_i × SL_i / Σ calls_i
/// abandonment    = Σ calls_i × abandon_i / Σ calls_i
/// ASA            = Σ answered_i × ASA_i / Σ answered_i,   answered_i = calls_i × (1 − abandon_i)
/// occupancy      = Σ A_i × (1 − abandon_i) × interval_i / Σ N_i × interval_i
/// ```
///
/// These are the figures the intervals' calls would report together: a
/// day's service level is calls answered in time over all calls, not the
/// mean of the intervals' percentages.
///
/// # Errors
///
/// [`Error::empty`] for no intervals; otherwise the first interval's error
/// from [`StaffingTarget::agents_required`].
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::staffing::{Model, Plan, StaffingTarget};
///
/// let target = StaffingTarget::new().service_level(cxkpi::Percent::new(80.0)?, Duration::from_secs(20))?;
/// let calls = [0.0, 40.0, 100.0, 60.0];
/// let plan = Plan::uniform(&calls, Duration::from_secs(1800), Duration::from_secs(180),
///     &target, Model::ErlangC)?;
/// let agents: Vec<u32> = plan.intervals().iter().map(|i| i.performance().agents()).collect();
/// assert_eq!(agents[0], 0);
/// assert_eq!(agents[2], 14);
/// assert_eq!(plan.agent_hours(), f64::from(agents.iter().sum::<u32>()) / 2.0);
/// assert!(plan.service_level()? >= cxkpi::Percent::new(80.0)?);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    intervals: Vec<IntervalPlan>,
}

impl Plan {
    /// The plan of `workloads`, one per interval, each staffed to `target`
    /// under `model`. Intervals may differ in length and handle time.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] for no intervals; the first error of
    /// [`StaffingTarget::agents_required`] otherwise.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Plan, StaffingTarget, Workload};
    ///
    /// let day = [
    ///     Workload::from_secs(100.0, 1800.0, 180.0)?,
    ///     Workload::from_secs(100.0, 1800.0, 240.0)?, // longer calls after lunch
    /// ];
    /// let target = StaffingTarget::new().service_level(cxkpi::Percent::new(80.0)?, Duration::from_secs(20))?;
    /// let plan = Plan::new(&day, &target, Model::ErlangA { patience: Duration::from_secs(180) })?;
    /// assert!(plan.peak_agents() >= plan.intervals()[0].performance().agents());
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(
        workloads: &[Workload],
        target: &StaffingTarget,
        model: Model,
    ) -> Result<Plan, Error> {
        if workloads.is_empty() {
            return Err(Error::empty("staffing plan", "no intervals"));
        }
        let intervals = workloads
            .iter()
            .map(|workload| {
                Ok(IntervalPlan {
                    workload: *workload,
                    performance: target.agents_required(workload, model)?,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(Plan { intervals })
    }

    /// The plan of a forecast of `calls` per interval, every interval of
    /// length `interval` with the same average handle time `aht`.
    ///
    /// # Errors
    ///
    /// [`Error::out_of_range`] naming the index of a negative, NaN or infinite
    /// forecast; otherwise as [`Plan::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{ErrorKind, staffing::{Model, Plan, StaffingTarget}};
    ///
    /// let target = StaffingTarget::new();
    /// let hour = Duration::from_secs(3600);
    /// let aht = Duration::from_secs(200);
    /// let err = Plan::uniform(&[10.0, f64::NAN], hour, aht, &target, Model::ErlangC).unwrap_err();
    /// assert_eq!(err.to_string(), "calls NaN at index 1 is out of range: it must be a finite number, 0 or more");
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn uniform(
        calls: &[f64],
        interval: Duration,
        aht: Duration,
        target: &StaffingTarget,
        model: Model,
    ) -> Result<Plan, Error> {
        let workloads = calls
            .iter()
            .enumerate()
            .map(|(i, &c)| Workload::new(c, interval, aht).map_err(|e| e.at(i)))
            .collect::<Result<Vec<_>, Error>>()?;
        Plan::new(&workloads, target, model)
    }

    /// The intervals, in order.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Plan, StaffingTarget};
    ///
    /// let plan = Plan::uniform(&[10.0, 20.0], Duration::from_secs(3600), Duration::from_secs(300),
    ///     &StaffingTarget::new(), Model::ErlangC)?;
    /// assert_eq!(plan.intervals().len(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn intervals(&self) -> &[IntervalPlan] {
        &self.intervals
    }

    /// The most agents any interval needs.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Plan, StaffingTarget};
    ///
    /// // 0.83 and 1.67 Erlangs: 1 and 2 agents.
    /// let plan = Plan::uniform(&[10.0, 20.0], Duration::from_secs(3600), Duration::from_secs(300),
    ///     &StaffingTarget::new(), Model::ErlangC)?;
    /// assert_eq!(plan.peak_agents(), 2);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn peak_agents(&self) -> u32 {
        self.intervals
            .iter()
            .map(|i| i.performance.agents())
            .max()
            .unwrap_or(0)
    }

    /// The calls over all intervals.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Plan, StaffingTarget};
    ///
    /// let plan = Plan::uniform(&[10.0, 20.5], Duration::from_secs(3600), Duration::from_secs(300),
    ///     &StaffingTarget::new(), Model::ErlangC)?;
    /// assert_eq!(plan.calls(), 30.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn calls(&self) -> f64 {
        self.intervals.iter().map(|i| i.workload.calls()).sum()
    }

    /// The agent-hours on the phones: Σ agents × interval length.
    ///
    /// # Formula
    ///
    /// ```text
    /// agent-hours = Σ N_i × interval_i / 3600 s
    /// ```
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Plan, StaffingTarget};
    ///
    /// let plan = Plan::uniform(&[10.0, 20.0], Duration::from_secs(1800), Duration::from_secs(300),
    ///     &StaffingTarget::new(), Model::ErlangC)?;
    /// // 1.67 and 3.33 Erlangs: 2 and 4 agents, half an hour each.
    /// assert_eq!(plan.agent_hours(), 3.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn agent_hours(&self) -> f64 {
        self.intervals
            .iter()
            .map(|i| f64::from(i.performance.agents()) * i.workload.interval().as_secs_f64())
            .sum::<f64>()
            / 3600.0
    }

    /// The share of all the plan's calls answered within the target's answer
    /// time, weighted by calls.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the plan has no calls, or its target sets no
    /// service-level goal.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::{ErrorKind, staffing::{Model, Plan, StaffingTarget}};
    ///
    /// let plan = Plan::uniform(&[10.0, 20.0], Duration::from_secs(1800), Duration::from_secs(300),
    ///     &StaffingTarget::new(), Model::ErlangC)?;
    /// assert_eq!(plan.service_level().unwrap_err().kind(), ErrorKind::Empty);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn service_level(&self) -> Result<Percent, Error> {
        let mut weighted = 0.0;
        for i in &self.intervals {
            let Some(sl) = i.performance.service_level().map(Percent::get) else {
                return Err(Error::empty(
                    "the plan's service level",
                    "the target sets no answer time",
                ));
            };
            weighted += i.workload.calls() * sl;
        }
        self.per_call(weighted, "the plan's service level")
    }

    /// The share of all the plan's calls that hang up, weighted by calls
    /// (0 % under Erlang C).
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the plan has no calls.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Plan, StaffingTarget};
    ///
    /// let plan = Plan::uniform(&[10.0, 20.0], Duration::from_secs(1800), Duration::from_secs(300),
    ///     &StaffingTarget::new(), Model::ErlangC)?;
    /// assert_eq!(plan.abandonment()?, cxkpi::Percent::ZERO);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn abandonment(&self) -> Result<Percent, Error> {
        let weighted = self
            .intervals
            .iter()
            .map(|i| i.workload.calls() * i.performance.abandonment().get())
            .sum();
        self.per_call(weighted, "the plan's abandonment")
    }

    /// The average speed of answer of all the plan's answered calls, in
    /// seconds, weighted by answered calls.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the plan answers no calls.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Plan, StaffingTarget};
    ///
    /// let target = StaffingTarget::new().max_asa(Duration::from_secs(15))?;
    /// let plan = Plan::uniform(&[100.0, 300.0], Duration::from_secs(1800), Duration::from_secs(180),
    ///     &target, Model::ErlangC)?;
    /// assert!(plan.asa_secs()? <= 15.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn asa_secs(&self) -> Result<f64, Error> {
        let (weighted, answered) =
            self.intervals
                .iter()
                .fold((0.0, 0.0), |(weighted, answered), i| {
                    let calls = i.workload.calls() * (1.0 - i.performance.prob_abandon().get());
                    (
                        weighted + calls * i.performance.asa_secs(),
                        answered + calls,
                    )
                });
        if answered > 0.0 {
            Ok(weighted / answered)
        } else {
            Err(Error::empty("the plan's ASA", "no calls are answered"))
        }
    }

    /// The agents' occupancy over the plan: handled workload over staffed
    /// time.
    ///
    /// # Errors
    ///
    /// [`Error::empty`] when the plan staffs no agents.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{Model, Plan, StaffingTarget};
    ///
    /// // 10 Erlangs on 11 agents and 20 Erlangs on 21.
    /// let plan = Plan::uniform(&[100.0, 200.0], Duration::from_secs(1800), Duration::from_secs(180),
    ///     &StaffingTarget::new(), Model::ErlangC)?;
    /// assert!((plan.occupancy()?.get() - 30.0 * 100.0 / 32.0).abs() < 1e-12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn occupancy(&self) -> Result<Percent, Error> {
        let (busy, staffed) = self
            .intervals
            .iter()
            .fold((0.0, 0.0), |(busy, staffed), i| {
                let secs = i.workload.interval().as_secs_f64();
                let handled = i.workload.traffic() * (1.0 - i.performance.prob_abandon().get());
                (
                    busy + handled * secs,
                    staffed + f64::from(i.performance.agents()) * secs,
                )
            });
        if staffed > 0.0 {
            Ok(Percent::clamped(busy * 100.0 / staffed))
        } else {
            Err(Error::empty(
                "the plan's occupancy",
                "no agents are staffed",
            ))
        }
    }

    /// `weighted` / calls, or an empty error naming `metric`.
    fn per_call(&self, weighted: f64, metric: &'static str) -> Result<Percent, Error> {
        let calls = self.calls();
        if !calls.is_finite() {
            return Err(Error::overflow("the plan's calls", "f64"));
        }
        if calls > 0.0 {
            Ok(Percent::clamped(weighted / calls))
        } else {
            Err(Error::empty(metric, "the plan has no calls"))
        }
    }
}

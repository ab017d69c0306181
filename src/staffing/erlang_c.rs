//! Erlang C: the M/M/N queue, where no caller ever hangs up.

use core::time::Duration;

use super::Workload;
use super::erlang_b::{ErlangB, check_agents};
use crate::Error;

/// The steady state of an M/M/N queue (Erlang C) for one workload and a
/// number of agents: the probability of waiting, the service level, the
/// average speed of answer and the occupancy.
///
/// Calls arrive at random (Poisson), handle times are exponential, callers
/// wait as long as it takes, and `agents` agents answer in order of arrival.
///
/// # Formula
///
/// ```text
/// A  = calls × AHT / interval                         (Erlangs)
/// B(0) = 1,  B(n) = A·B(n−1) / (n + A·B(n−1))          (Erlang B)
/// P(wait) = C(N, A) = N·B(N) / (N − A·(1 − B(N)))      (Erlang C)
/// SL(t)   = (1 − C) + C · (1 − e^(−(N − A)·t / AHT))   (answered within t)
/// ASA     = C · AHT / (N − A)
/// occupancy = A / N
/// ```
///
/// Source: A. K. Erlang, "Solution of some problems in the theory of
/// probabilities of significance in automatic telephone exchanges", 1917;
/// the Erlang B to C relation and the recursion as in Cooper, *Introduction
/// to Queueing Theory*, 2nd ed., 1981, §3.4 and §5.2. No factorial is ever
/// formed, so the result is accurate for any number of agents up to
/// [`MAX_AGENTS`](super::MAX_AGENTS).
///
/// The service level is summed from two shares that never cancel: those
/// who do not wait, 1 − C = (N − A)(1 − B) / (N − A(1 − B)), formed without
/// the subtraction `1 − C`, and those who wait less than t, C·(−expm1(−x)).
/// The textbook `1 − C·e^(−x)` loses digits where C is close to 1 and x
/// small: a relative error up to 5·10⁻⁴ for service levels below 10⁻³ %.
///
/// # Zero load
///
/// With no calls (A = 0) any number of agents N ≥ 1 gives C = 0, a service
/// level of 100 %, an ASA of 0 and an occupancy of 0 %, so a hand-written
/// loop `for n in 1.. { if ErlangC::new(&load, n)?… }` stops at one agent.
/// [`StaffingTarget::agents_required`](super::StaffingTarget::agents_required)
/// answers 0 instead: an interval without calls needs nobody, and a plan
/// that staffed one agent in every quiet interval would overstate the day's
/// agent-hours.
///
/// # Errors
///
/// [`Error::invalid_parameter`] for 0 agents or more than
/// [`MAX_AGENTS`](super::MAX_AGENTS); [`Error::overloaded`] when `agents`
/// is not above the traffic (N ≤ A): the queue then grows without bound.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::staffing::{ErlangC, Workload};
///
/// // 100 calls in a half-hour, AHT 3 min: 10 Erlangs on 13 agents.
/// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
/// let queue = ErlangC::new(&load, 13)?;
/// assert!((queue.prob_wait() - 0.285_270_453_036_493).abs() < 1e-12);
/// assert!((queue.service_level_pct(Duration::from_secs(20)) - 79.559_478_841_778).abs() < 1e-9);
/// assert!((queue.asa_secs() - 17.116_227_182_189_6).abs() < 1e-9);
/// assert!((queue.occupancy_pct() - 76.923_076_923_077).abs() < 1e-9);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: overloaded
///
/// ```
/// use cxkpi::{ErrorKind, staffing::{ErlangC, Workload}};
///
/// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
/// let err = ErlangC::new(&load, 10).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Overloaded);
/// assert_eq!(
///     err.to_string(),
///     "the queue is overloaded: 10 Erlangs of traffic need more than 10 agents"
/// );
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ErlangC {
    traffic: f64,
    agents: u32,
    aht_secs: f64,
    prob_wait: f64,
    // 1 − C, formed without the subtraction.
    prob_no_wait: f64,
}

impl ErlangC {
    /// The M/M/N queue of `workload` on `agents` agents.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] for 0 agents or more than
    /// [`MAX_AGENTS`](super::MAX_AGENTS); [`Error::overloaded`] when
    /// `agents` ≤ the traffic.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::staffing::{ErlangC, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert!((ErlangC::new(&load, 11)?.prob_wait() - 0.682_118_204_689_332).abs() < 1e-12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(workload: &Workload, agents: u32) -> Result<ErlangC, Error> {
        let agents = check_agents(agents)?;
        let traffic = workload.traffic();
        if f64::from(agents) <= traffic {
            return Err(Error::overloaded(traffic, u64::from(agents)));
        }
        Ok(ErlangC::from_blocking(
            traffic,
            workload.aht_secs(),
            &ErlangB::at(traffic, agents),
        ))
    }

    /// The queue of `b.agents()` agents from its Erlang B value; the caller
    /// has checked that the agents exceed the traffic.
    pub(crate) fn from_blocking(traffic: f64, aht_secs: f64, b: &ErlangB) -> ErlangC {
        let (prob_wait, prob_no_wait) =
            wait_probabilities(f64::from(b.agents()), traffic, b.blocking());
        ErlangC {
            traffic,
            agents: b.agents(),
            aht_secs,
            prob_wait,
            prob_no_wait,
        }
    }

    /// The agents N.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::staffing::{ErlangC, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert_eq!(ErlangC::new(&load, 12)?.agents(), 12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn agents(&self) -> u32 {
        self.agents
    }

    /// The offered traffic A, in Erlangs.
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::staffing::{ErlangC, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert_eq!(ErlangC::new(&load, 12)?.traffic(), 10.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn traffic(&self) -> f64 {
        self.traffic
    }

    /// The probability that a caller waits, C(N, A), in [0, 1].
    ///
    /// # Formula
    ///
    /// ```text
    /// C(N, A) = N·B(N, A) / (N − A·(1 − B(N, A)))
    /// ```
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::staffing::{ErlangC, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert!((ErlangC::new(&load, 12)?.prob_wait() - 0.449_388_224_298_271).abs() < 1e-12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn prob_wait(&self) -> f64 {
        self.prob_wait
    }

    /// The share of callers answered within `within`, in percent (0–100).
    ///
    /// # Formula
    ///
    /// ```text
    /// SL(t) = (1 − C · e^(−(N − A)·t / AHT)) × 100
    /// ```
    ///
    /// The wait of a caller who waits is exponential with rate (N − A)/AHT
    /// (Cooper 1981, §5.2).
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{ErlangC, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let queue = ErlangC::new(&load, 14)?;
    /// assert!((queue.service_level_pct(Duration::from_secs(20)) - 88.835_001_917_947).abs() < 1e-9);
    /// // At t = 0 the service level is the share that does not wait.
    /// assert!((queue.service_level_pct(Duration::ZERO) - 100.0 * (1.0 - queue.prob_wait())).abs() < 1e-12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn service_level_pct(&self, within: Duration) -> f64 {
        service_level(
            f64::from(self.agents),
            self.traffic,
            self.aht_secs,
            (self.prob_wait, self.prob_no_wait),
            within,
        ) * 100.0
    }

    /// The average speed of answer (the mean wait of all callers, who are
    /// all answered), in seconds.
    ///
    /// # Formula
    ///
    /// ```text
    /// ASA = C · AHT / (N − A)
    /// ```
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::staffing::{ErlangC, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert!((ErlangC::new(&load, 15)?.asa_secs() - 3.673_525_212_287_568).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn asa_secs(&self) -> f64 {
        self.prob_wait * self.aht_secs / (f64::from(self.agents) - self.traffic)
    }

    /// The share of the agents' time spent handling calls, in percent.
    ///
    /// # Formula
    ///
    /// ```text
    /// occupancy = A / N × 100
    /// ```
    ///
    /// # Example
    ///
    /// ```
    /// use cxkpi::staffing::{ErlangC, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert_eq!(ErlangC::new(&load, 16)?.occupancy_pct(), 62.5);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn occupancy_pct(&self) -> f64 {
        self.traffic * 100.0 / f64::from(self.agents)
    }
}

/// C(x, A) and 1 − C(x, A) from B(x, A), for x > A agents (whole or not).
///
/// ```text
/// C     = x·B / (x − A·(1 − B))
/// 1 − C = (x − A)·(1 − B) / (x − A·(1 − B))
/// ```
pub(crate) fn wait_probabilities(x: f64, traffic: f64, blocking: f64) -> (f64, f64) {
    // x > A and B ≤ 1, so the denominator is above x − A > 0.
    let denominator = x - traffic * (1.0 - blocking);
    let prob_wait = (x * blocking / denominator).clamp(0.0, 1.0);
    let prob_no_wait = ((x - traffic) * (1.0 - blocking) / denominator).clamp(0.0, 1.0);
    (prob_wait, prob_no_wait)
}

/// The share answered within `within` (0–1) for x > A agents:
/// (1 − C) + C·(−expm1(−(x − A)·t / AHT)), two shares that never cancel.
pub(crate) fn service_level(
    x: f64,
    traffic: f64,
    aht_secs: f64,
    (prob_wait, prob_no_wait): (f64, f64),
    within: Duration,
) -> f64 {
    if prob_wait == 0.0 {
        // Nobody waits (no calls): whatever the handle time.
        return 1.0;
    }
    let rate = (x - traffic) / aht_secs;
    let early = -libm::expm1(-rate * within.as_secs_f64());
    (prob_no_wait + prob_wait * early).clamp(0.0, 1.0)
}

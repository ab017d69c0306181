//! Erlang A: the M/M/N+M queue, where waiting callers hang up.

use core::time::Duration;

use super::Workload;
use super::erlang_b::{ErlangB, check_agents};
use crate::{Domain, Error};

/// The most queue states summed: enough for `calls × patience / interval`
/// (the callers arriving within one mean patience) up to about 10⁷.
const MAX_QUEUE_STATES: u32 = 10_000_000;

/// Terms below this share of the running sum end the queue sums.
const RELATIVE_TAIL: f64 = 1e-17;

/// Queue sums are rescaled by this factor before they could overflow.
const RESCALE: f64 = 1e-200;
/// `ln(1e200)`.
const LN_RESCALE: f64 = 460.517_018_598_809_1;

/// The steady state of an M/M/N+M queue (Erlang A, after Palm) for one
/// workload, a number of agents and the callers' mean patience: the
/// probabilities of waiting and of abandoning, the mean waits, the occupancy
/// and the service level.
///
/// Calls arrive at random (Poisson), handle times are exponential, and each
/// caller hangs up if not answered within an exponential patience of mean θ.
/// Unlike Erlang C the queue is stable for any N ≥ 1, even when the traffic
/// exceeds the agents: impatience drains it. As θ → ∞ nobody abandons and the
/// results approach [`ErlangC`](super::ErlangC)'s (for N > A).
///
/// # Formula
///
/// The number in system is a birth–death chain with birth rate λ and death
/// rate min(j, N)·μ + max(j − N, 0)·γ, where μ = 1/AHT and γ = 1/θ. Its
/// stationary weights, relative to state N:
///
/// ```text
/// agents side:  Σ_{j ≤ N} π_j / π_N = 1 / B(N, A)          (Erlang B, by recursion)
/// queue side:   t_k = π_{N+k} / π_N = Π_{i=1..k} λ / (Nμ + iγ),   q = Σ_{k≥1} t_k
///
/// P(wait)    = B·(1 + q) / (1 + B·q)        (all agents busy at arrival, by PASTA)
/// E[queue]   = B·Σ k·t_k / (1 + B·q)
/// P(abandon) = γ·E[queue] / λ = E[queue] / (λ·θ)
/// mean wait  = E[queue] / λ                  (over all arrivals, Little's law)
/// occupancy  = (A·(1 − B) + N·B·q) / (1 + B·q) / N
/// ```
///
/// Sources: C. Palm, "Research on telephone traffic carried by full
/// availability groups", *Tele* 1957; O. Garnett, A. Mandelbaum and M.
/// Reiman, "Designing a call center with impatient customers", *M&SOM* 4(3),
/// 2002. The sums run term by term with the ratio λ/(Nμ + kγ), rescaled
/// before they could overflow, and stop once the geometric bound of the tail
/// falls below 10⁻¹⁷ of the sum; no factorial or power is ever formed.
///
/// # Errors
///
/// [`Error::invalid_parameter`] for 0 agents, more than
/// [`MAX_AGENTS`](super::MAX_AGENTS), or a zero patience;
/// [`Error::overflow`] when the queue's distribution would need more than
/// 10⁷ states: far fewer agents than traffic with `calls × patience /
/// interval` beyond about 10⁷, or agents within a hair of the traffic with
/// callers so patient that the queue is as long as Erlang C's near
/// saturation.
///
/// # Example
///
/// ```
/// use core::time::Duration;
/// use cxkpi::staffing::{ErlangA, Workload};
///
/// // 10 Erlangs on 8 agents: overloaded for Erlang C, stable here.
/// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
/// let queue = ErlangA::new(&load, 8, Duration::from_secs(60))?;
/// assert!((queue.prob_wait() - 0.625_179_065_739_531).abs() < 1e-12);
/// assert!((queue.prob_abandon() - 0.278_352_861_583_435).abs() < 1e-12);
/// assert!((queue.mean_wait_secs() - 16.701_171_695_006_11).abs() < 1e-9);
/// assert!((queue.occupancy_pct() - 90.205_892_302_070_6).abs() < 1e-9);
/// # Ok::<(), cxkpi::Error>(())
/// ```
///
/// # Example: no patience
///
/// ```
/// use core::time::Duration;
/// use cxkpi::{ErrorKind, staffing::{ErlangA, Workload}};
///
/// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
/// let err = ErlangA::new(&load, 8, Duration::ZERO).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidParameter);
/// # Ok::<(), cxkpi::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ErlangA {
    traffic: f64,
    agents: u32,
    /// λ, calls per second.
    arrival: f64,
    /// N·μ, services per second with every agent busy.
    capacity: f64,
    /// γ = 1/θ, hang-ups per second per waiting caller.
    impatience: f64,
    /// B(N, A).
    blocking: f64,
    queue: QueueSums,
    prob_wait: f64,
    prob_abandon: f64,
    mean_wait_secs: f64,
    asa_secs: f64,
    occupancy: f64,
}

impl ErlangA {
    /// The M/M/N+M queue of `workload` on `agents` agents, with callers of
    /// mean patience `patience`.
    ///
    /// # Errors
    ///
    /// [`Error::invalid_parameter`] for 0 agents, more than
    /// [`MAX_AGENTS`](super::MAX_AGENTS), or a zero patience;
    /// [`Error::overflow`] when the queue would need more than 10⁷ states.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{ErlangA, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let queue = ErlangA::new(&load, 11, Duration::from_secs(120))?;
    /// assert!((queue.prob_wait() - 0.382_816_491_479_932).abs() < 1e-12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn new(workload: &Workload, agents: u32, patience: Duration) -> Result<ErlangA, Error> {
        let agents = check_agents(agents)?;
        let impatience = impatience(patience)?;
        ErlangA::from_blocking(
            workload,
            impatience,
            &ErlangB::at(workload.traffic(), agents),
        )
    }

    /// The queue of `b.agents()` agents, from its Erlang B value.
    pub(crate) fn from_blocking(
        workload: &Workload,
        impatience: f64,
        b: &ErlangB,
    ) -> Result<ErlangA, Error> {
        let traffic = workload.traffic();
        let agents = b.agents();
        let n = f64::from(agents);
        let arrival = workload.arrival_rate();
        let capacity = n / workload.aht_secs();
        let mut out = ErlangA {
            traffic,
            agents,
            arrival,
            capacity,
            impatience,
            blocking: b.blocking(),
            queue: QueueSums::EMPTY,
            prob_wait: 0.0,
            prob_abandon: 0.0,
            mean_wait_secs: 0.0,
            asa_secs: 0.0,
            occupancy: 0.0,
        };
        if arrival == 0.0 {
            // No calls: nobody waits, nobody is busy.
            return Ok(out);
        }
        let queue = QueueSums::new(arrival, capacity, impatience).ok_or_else(|| {
            Error::overflow(
                "the Erlang A queue (calls × patience / interval is too large)",
                "10 000 000 states",
            )
        })?;
        let blocking = b.blocking();
        // 1 + B·q, scaled like the sums; above 0, since B·q ≥ 0 and the
        // weight of state N is rescaled only when q is huge.
        let total = queue.scale + blocking * queue.q;
        let queued = blocking * queue.kq / total;
        out.queue = queue;
        out.prob_wait = (blocking * (queue.scale + queue.q) / total).clamp(0.0, 1.0);
        out.prob_abandon = (queued * impatience / arrival).clamp(0.0, 1.0);
        out.mean_wait_secs = queued / arrival;
        let served = 1.0 - out.prob_abandon;
        out.asa_secs = if served > 0.0 {
            blocking * queue.served_wait / total / served
        } else {
            0.0
        };
        let busy = (traffic * (1.0 - blocking) * queue.scale + n * blocking * queue.q) / total;
        out.occupancy = (busy / n).clamp(0.0, 1.0);
        Ok(out)
    }

    /// The agents N.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{ErlangA, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert_eq!(ErlangA::new(&load, 9, Duration::from_secs(60))?.agents(), 9);
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
    /// use core::time::Duration;
    /// use cxkpi::staffing::{ErlangA, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// assert_eq!(ErlangA::new(&load, 9, Duration::from_secs(60))?.traffic(), 10.0);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn traffic(&self) -> f64 {
        self.traffic
    }

    /// The probability that a caller finds every agent busy, in [0, 1].
    ///
    /// # Formula
    ///
    /// ```text
    /// P(wait) = B·(1 + q) / (1 + B·q)
    /// ```
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{ErlangA, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let queue = ErlangA::new(&load, 13, Duration::from_secs(300))?;
    /// assert!((queue.prob_wait() - 0.225_797_084_047_375).abs() < 1e-12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn prob_wait(&self) -> f64 {
        self.prob_wait
    }

    /// The probability that a caller hangs up before being answered, in [0, 1].
    ///
    /// # Formula
    ///
    /// ```text
    /// P(abandon) = E[queue] / (λ·θ)
    /// ```
    ///
    /// Abandons per second are γ·E\[queue\]; divided by arrivals per second λ.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{ErlangA, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let queue = ErlangA::new(&load, 13, Duration::from_secs(300))?;
    /// assert!((queue.prob_abandon() - 0.024_963_303_633_572).abs() < 1e-12);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn prob_abandon(&self) -> f64 {
        self.prob_abandon
    }

    /// The abandonment rate, in percent: `prob_abandon × 100`.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{ErlangA, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let queue = ErlangA::new(&load, 13, Duration::from_secs(300))?;
    /// assert!((queue.abandonment_pct() - 2.496_330_363_357_2).abs() < 1e-10);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn abandonment_pct(&self) -> f64 {
        self.prob_abandon * 100.0
    }

    /// The mean wait over all callers, answered or not, in seconds.
    ///
    /// # Formula
    ///
    /// ```text
    /// mean wait = E[queue] / λ          (Little's law)
    /// ```
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{ErlangA, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let queue = ErlangA::new(&load, 13, Duration::from_secs(300))?;
    /// assert!((queue.mean_wait_secs() - 7.488_991_090_071_562).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn mean_wait_secs(&self) -> f64 {
        self.mean_wait_secs
    }

    /// The average speed of answer: the mean wait of the answered callers,
    /// in seconds.
    ///
    /// # Formula
    ///
    /// A caller who finds N + k in the system (k ≥ 0 waiting) moves up one
    /// place at rate Nμ + jγ while j are ahead of them, and hangs up at rate
    /// γ; each stage is exponential whatever ends it, so
    ///
    /// ```text
    /// P(answered | k)        = Nμ / (Nμ + (k+1)γ)
    /// E[wait; answered | k]  = P(answered | k) · Σ_{j=1..k+1} 1 / (Nμ + jγ)
    /// ASA = Σ_k π_{N+k} · E[wait; answered | k] / (1 − P(abandon))
    /// ```
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{ErlangA, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let queue = ErlangA::new(&load, 8, Duration::from_secs(60))?;
    /// // Those who hang up waited longer: answered callers waited less on average.
    /// assert!(queue.asa_secs() < queue.mean_wait_secs() / (1.0 - queue.prob_abandon()));
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub const fn asa_secs(&self) -> f64 {
        self.asa_secs
    }

    /// The share of the agents' time spent handling calls, in percent.
    ///
    /// # Formula
    ///
    /// ```text
    /// occupancy = E[busy agents] / N × 100 = A·(1 − P(abandon)) / N × 100
    /// ```
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{ErlangA, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let queue = ErlangA::new(&load, 13, Duration::from_secs(300))?;
    /// assert!((queue.occupancy_pct() - 75.002_822_797_417_55).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn occupancy_pct(&self) -> f64 {
        self.occupancy * 100.0
    }

    /// The share of all callers answered within `within`, in percent:
    /// callers who hang up count against it, whenever they hang up.
    ///
    /// # Formula
    ///
    /// With V the offered wait (the wait of an infinitely patient caller),
    /// a caller is answered within t when V ≤ t and their patience exceeds V.
    /// The density of V on V > 0 is proportional to
    /// exp(λ·(1 − e^(−γx))/γ − Nμx) (Mandelbaum and Zeltyn, "The M/M/n+G
    /// queue: summary of performance measures", Technion, 2007, with an
    /// exponential patience); integrating it against e^(−γx) beyond t, with
    /// the substitution u = (λ/γ)·e^(−γx), gives the chain's queue sum again
    /// with λ replaced by λ·e^(−γt):
    ///
    /// ```text
    /// P(answered after waiting more than t)
    ///     = (Nμ / λ) · B / (1 + B·q) · G(t) · q_t
    /// G(t) = exp(λ·(1 − e^(−γt))/γ − Nμt),   q_t = Σ_{k≥1} Π_{i=1..k} λe^(−γt) / (Nμ + iγ)
    /// SL(t) = (1 − P(abandon) − P(answered after waiting more than t)) × 100
    /// ```
    ///
    /// At t = 0 this is 1 − P(wait); as γ → 0 it becomes Erlang C's
    /// 1 − C·e^(−(N−A)t/AHT). The product `G(t)·q_t` is formed in logarithms.
    /// Where the late share exceeds half the served one, the difference
    /// would cancel (service levels near 0), and the share is summed from
    /// two positive terms instead: (1 − B)/(1 + B·q), the callers who do not
    /// wait, plus Nμ·B/(1 + B·q)·∫₀ᵗ exp(λ(1 − e^(−γx))/γ − (Nμ + γ)x) dx,
    /// by Gauss–Legendre quadrature.
    ///
    /// # Example
    ///
    /// ```
    /// use core::time::Duration;
    /// use cxkpi::staffing::{ErlangA, Workload};
    ///
    /// let load = Workload::from_secs(100.0, 1800.0, 180.0)?;
    /// let queue = ErlangA::new(&load, 8, Duration::from_secs(60))?;
    /// let sl = queue.service_level_pct(Duration::from_secs(20));
    /// assert!((sl - 52.755_245_944_529_65).abs() < 1e-9);
    /// # Ok::<(), cxkpi::Error>(())
    /// ```
    pub fn service_level_pct(&self, within: Duration) -> f64 {
        if self.arrival == 0.0 {
            return 100.0;
        }
        let served = 1.0 - self.prob_abandon;
        let t = within.as_secs_f64();
        let gamma = self.impatience;
        let decay = libm::exp(-gamma * t);
        // Fewer states than the chain's own sum, which fit: cannot fail.
        let late = QueueSums::new(self.arrival * decay, self.capacity, gamma).map_or(0.0, |tail| {
            if tail.q <= 0.0 || self.blocking <= 0.0 {
                return 0.0;
            }
            let ln_g = -(self.arrival / gamma) * libm::expm1(-gamma * t) - self.capacity * t;
            let total = self.queue.scale + self.blocking * self.queue.q;
            // N/λ joins the logarithm: for a subnormal arrival rate the
            // ratio alone is infinite, and infinity times 0 is a NaN.
            let ln = ln_g + libm::log(tail.q) + tail.log_scale - self.queue.log_scale
                + libm::log(self.blocking)
                - libm::log(total)
                + libm::log(self.capacity)
                - libm::log(self.arrival);
            libm::exp(ln)
        });
        if late > 0.5 * served {
            // The difference would cancel: sum the answered share instead.
            return (self.answered_within(t) * 100.0).clamp(0.0, 100.0);
        }
        ((served - late.clamp(0.0, served)) * 100.0).clamp(0.0, 100.0)
    }

    /// The share answered within `t` seconds as a sum of two positive terms,
    /// for service levels near 0 where `served − late` cancels:
    ///
    /// ```text
    /// SL(t) = (1 − B) / (1 + B·q) + Nμ · B / (1 + B·q) · ∫₀ᵗ h(x) dx
    /// h(x)  = exp(λ(1 − e^(−γx))/γ − (Nμ + γ)x)
    /// ```
    ///
    /// the callers who do not wait, and those answered after waiting x ≤ t
    /// (the offered-wait density against the chance e^(−γx) of still being
    /// there). The integral runs by composite 16-point Gauss–Legendre,
    /// doubling the panels until two passes agree to 10⁻¹⁴, with the
    /// exponent shifted by its maximum on [0, t].
    fn answered_within(&self, t: f64) -> f64 {
        let (lambda, capacity, gamma) = (self.arrival, self.capacity, self.impatience);
        let phi = |x: f64| -(lambda / gamma) * libm::expm1(-gamma * x) - (capacity + gamma) * x;
        // φ is concave, with its maximum where λe^(−γx) = Nμ + γ.
        let peak = if lambda > capacity + gamma {
            (libm::log(lambda / (capacity + gamma)) / gamma).clamp(0.0, t)
        } else {
            0.0
        };
        let top = phi(peak);
        let integral = |panels: u32| -> f64 {
            let width = t / f64::from(panels);
            let mut sum = 0.0;
            for i in 0..panels {
                let mid = (f64::from(i) + 0.5) * width;
                for (node, weight) in GAUSS_LEGENDRE_16 {
                    let x = mid + 0.5 * width * node;
                    sum += weight * libm::exp(phi(x) - top);
                }
            }
            sum * 0.5 * width
        };
        let mut panels = 1;
        let mut last = integral(panels);
        while panels < 1 << 14 {
            panels *= 2;
            let next = integral(panels);
            let settled = (next - last).abs() <= 1e-14 * next;
            last = next;
            if settled {
                break;
            }
        }
        let ln_norm =
            libm::log(self.queue.scale + self.blocking * self.queue.q) + self.queue.log_scale;
        let no_wait = libm::exp(libm::log1p(-self.blocking) - ln_norm);
        let waited = if last > 0.0 && self.blocking > 0.0 {
            libm::exp(
                libm::log(capacity) + libm::log(self.blocking) - ln_norm + top + libm::log(last),
            )
        } else {
            0.0
        };
        (no_wait + waited).clamp(0.0, 1.0)
    }
}

/// The nodes (on [−1, 1]) and weights of 16-point Gauss–Legendre quadrature.
#[allow(clippy::unreadable_literal, clippy::excessive_precision)]
const GAUSS_LEGENDRE_16: [(f64, f64); 16] = [
    (-0.989_400_934_991_649_932_6, 0.027_152_459_411_754_094_85),
    (-0.944_575_023_073_232_576_1, 0.062_253_523_938_647_892_86),
    (-0.865_631_202_387_831_743_9, 0.095_158_511_682_492_784_81),
    (-0.755_404_408_355_003_033_9, 0.124_628_971_255_533_872_1),
    (-0.617_876_244_402_643_748_4, 0.149_595_988_816_576_732_1),
    (-0.458_016_777_657_227_386_3, 0.169_156_519_395_002_538_2),
    (-0.281_603_550_779_258_913_2, 0.182_603_415_044_923_588_9),
    (-0.095_012_509_837_637_440_19, 0.189_450_610_455_068_496_3),
    (0.095_012_509_837_637_440_19, 0.189_450_610_455_068_496_3),
    (0.281_603_550_779_258_913_2, 0.182_603_415_044_923_588_9),
    (0.458_016_777_657_227_386_3, 0.169_156_519_395_002_538_2),
    (0.617_876_244_402_643_748_4, 0.149_595_988_816_576_732_1),
    (0.755_404_408_355_003_033_9, 0.124_628_971_255_533_872_1),
    (0.865_631_202_387_831_743_9, 0.095_158_511_682_492_784_81),
    (0.944_575_023_073_232_576_1, 0.062_253_523_938_647_892_86),
    (0.989_400_934_991_649_932_6, 0.027_152_459_411_754_094_85),
];

/// γ = 1/θ for a mean patience θ > 0.
pub(crate) fn impatience(patience: Duration) -> Result<f64, Error> {
    if patience.is_zero() {
        return Err(Error::invalid_parameter(
            "mean patience (s)",
            0.0,
            Domain::Positive,
        ));
    }
    Ok(1.0 / patience.as_secs_f64())
}

/// The queue side of the chain relative to state N, each sum multiplied by
/// the same `scale` (`e^(−log_scale)`) so that none overflows.
#[derive(Clone, Copy, Debug, PartialEq)]
struct QueueSums {
    /// The weight of state N itself: 1, times the scale.
    scale: f64,
    log_scale: f64,
    /// `Σ_{k≥1} t_k`.
    q: f64,
    /// `Σ_{k≥1} k·t_k`.
    kq: f64,
    /// `Σ_{k≥0} t_k · E[wait; answered | k]`.
    served_wait: f64,
}

impl QueueSums {
    const EMPTY: QueueSums = QueueSums {
        scale: 1.0,
        log_scale: 0.0,
        q: 0.0,
        kq: 0.0,
        served_wait: 0.0,
    };

    /// The sums for arrival rate λ, capacity Nμ and impatience γ; `None`
    /// beyond [`MAX_QUEUE_STATES`].
    fn new(arrival: f64, capacity: f64, impatience: f64) -> Option<QueueSums> {
        let mut sums = QueueSums::EMPTY;
        // State N (k = 0): answered with probability Nμ/(Nμ+γ), after one stage.
        let mut term = 1.0;
        let mut stages = 1.0 / (capacity + impatience);
        sums.served_wait = capacity / (capacity + impatience) * stages;
        let mut k: u32 = 0;
        loop {
            k += 1;
            if k > MAX_QUEUE_STATES {
                return None;
            }
            let kf = f64::from(k);
            let ratio = arrival / (capacity + kf * impatience);
            term *= ratio;
            let next = capacity + (kf + 1.0) * impatience;
            stages += 1.0 / next;
            sums.q += term;
            sums.kq += kf * term;
            sums.served_wait += term * (capacity / next) * stages;
            if term > 1e200 {
                term *= RESCALE;
                sums.scale *= RESCALE;
                sums.q *= RESCALE;
                sums.kq *= RESCALE;
                sums.served_wait *= RESCALE;
                sums.log_scale += LN_RESCALE;
            }
            // Past the mode the ratios only fall, so the tail is below the
            // geometric series Σ_m (k + m)·term·ratio^m.
            if ratio < 1.0 {
                let free = 1.0 - ratio;
                let tail = term * ((kf + 1.0) / free + 1.0 / (free * free));
                if tail <= RELATIVE_TAIL * (sums.scale + sums.q) || term == 0.0 {
                    return Some(sums);
                }
            }
        }
    }
}

//! The Erlang B recursion, the stable building block of Erlang C and Erlang A.

use crate::{Domain, Error};

/// The most agents a computation takes: the recursion is linear in the agents,
/// and no single queue is staffed with more.
pub const MAX_AGENTS: u32 = 1_000_000;

/// `agents` checked against `1..=MAX_AGENTS`.
pub(crate) fn check_agents(agents: u32) -> Result<u32, Error> {
    if agents == 0 || agents > MAX_AGENTS {
        return Err(Error::invalid_parameter(
            "agents",
            agents,
            Domain::Between {
                min: 1,
                max: i64::from(MAX_AGENTS),
            },
        ));
    }
    Ok(agents)
}

/// The Erlang B blocking probability B(n, A), stepped one agent at a time.
///
/// ```text
/// B(0) = 1,   B(n) = A·B(n−1) / (n + A·B(n−1))
/// ```
///
/// Each step divides a positive number by a larger one, so the recursion
/// never overflows and loses no precision (Jagerman, "Some properties of the
/// Erlang loss function", *Bell System Technical Journal* 53, 1974); the
/// textbook form A^n/n! / Σ A^k/k! overflows a double beyond about 170 agents.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ErlangB {
    traffic: f64,
    agents: u32,
    blocking: f64,
}

impl ErlangB {
    /// B(0, A) = 1.
    pub(crate) const fn new(traffic: f64) -> ErlangB {
        ErlangB {
            traffic,
            agents: 0,
            blocking: 1.0,
        }
    }

    /// B(n, A), by `n` steps of the recursion.
    pub(crate) fn at(traffic: f64, agents: u32) -> ErlangB {
        let mut b = ErlangB::new(traffic);
        while b.agents < agents {
            b.step();
        }
        b
    }

    /// One agent more: B(n + 1) from B(n).
    pub(crate) fn step(&mut self) {
        self.agents += 1;
        let ab = self.traffic * self.blocking;
        self.blocking = ab / (f64::from(self.agents) + ab);
    }

    /// The agents n.
    pub(crate) const fn agents(&self) -> u32 {
        self.agents
    }

    /// B(n, A).
    pub(crate) const fn blocking(&self) -> f64 {
        self.blocking
    }
}

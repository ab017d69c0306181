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

/// B(x, A) for any real number of agents x ≥ 0: Erlang B's continuous
/// extension (Jagerman 1974, §2),
///
/// ```text
/// 1 / B(x, A) = A ∫₀^∞ e^(−At) (1 + t)^x dt = Γ(x + 1, A) / (A^x e^(−A))
/// ```
///
/// with Γ(s, A) the upper incomplete gamma function. It obeys the same
/// recursion B(x) = A·B(x−1) / (x + A·B(x−1)) as whole agents, so B(x) is
/// B(f) for the fractional part f = x − ⌊x⌋ carried up ⌊x⌋ steps; at whole x
/// it is the recursion's value exactly.
///
/// B(f) for 0 < f < 1, with s = 1 + f: for A ≥ 3, Legendre's continued
/// fraction of Γ(s, A) / (A^s e^(−A)) evaluated by the modified Lentz method
/// (Numerical Recipes, 3rd ed., §6.2), so that 1/B = A × fraction with no
/// exponential formed; below, Γ(s, A) = Γ(s) − γ(s, A) with γ's series,
/// where the upper tail holds at least a fifth of Γ(s) and the difference
/// loses no more than a digit.
pub(crate) fn blocking_real(traffic: f64, x: f64) -> f64 {
    let whole = libm::floor(x);
    let f = x - whole;
    let mut blocking = if f == 0.0 {
        1.0
    } else {
        blocking_fraction(traffic, f)
    };
    let mut k = f;
    // ⌊x⌋ steps; x ≤ MAX_AGENTS + 1.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let steps = whole as u32;
    for _ in 0..steps {
        k += 1.0;
        let ab = traffic * blocking;
        blocking = ab / (k + ab);
    }
    blocking
}

/// B(f, A) for 0 < f < 1 and A > 0.
#[allow(clippy::many_single_char_names)]
fn blocking_fraction(traffic: f64, f: f64) -> f64 {
    let s = 1.0 + f;
    let a = traffic;
    if a >= 3.0 {
        // Γ(s, a) = e^(−a) a^s / (a + 1 − s − 1(1 − s)/(a + 3 − s − 2(2 − s)/(a + 5 − s − …)))
        const TINY: f64 = 1e-300;
        let mut b = a + 1.0 - s;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..10_000 {
            let i = f64::from(i);
            let an = -i * (i - s);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let step = d * c;
            h *= step;
            if (step - 1.0).abs() <= 1e-16 {
                break;
            }
        }
        // 1/B = Γ(s, a) / (a^f e^(−a)) = a · h.
        1.0 / (a * h)
    } else {
        // γ(s, a) = e^(−a) a^s Σ_{n≥0} a^n / (s(s+1)…(s+n)).
        let mut term = 1.0 / s;
        let mut sum = term;
        let mut n = 0.0;
        while term > sum * 1e-17 {
            n += 1.0;
            term *= a / (s + n);
            sum += term;
        }
        // 1/B = Γ(s) e^a a^(−f) − a·Σ.
        let inverse = libm::tgamma(s) * libm::exp(a) * libm::pow(a, -f) - a * sum;
        1.0 / inverse
    }
}

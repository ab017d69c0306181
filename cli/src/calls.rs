//! One plain record per call, and the count of every quirk met while reading.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::zone::Arrival;

/// How a call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Served by an agent.
    Answered,
    /// The caller hung up before reaching an agent.
    Abandoned,
}

/// The time with the agent, in its components; a log gives at least talk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Handling {
    /// Talk (or the whole service time when the log does not split it).
    pub talk: Duration,
    /// Hold, when the log has it.
    pub hold: Option<Duration>,
    /// After-call work, when the log has it.
    pub wrap: Option<Duration>,
}

/// One call, as the report needs it. `None` is a value the log does not
/// have — never a zero.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// When the call arrived, in the report's time zone.
    pub arrival: Arrival,
    /// The call type (bank), topic (PwC) or queue.
    pub kind: String,
    /// The agent who answered; `None` when the log names none.
    pub agent: Option<String>,
    /// How the call ended.
    pub ending: Ending,
    /// Whether the call reached the agent queue (or an agent directly).
    /// Bank calls abandoned in the voice-response unit never did.
    pub reached_queue: bool,
    /// Whether the call waited in the queue at all.
    pub queued: bool,
    /// Time in the queue: until answer, or until hanging up.
    pub wait: Option<Duration>,
    /// Time with the agent.
    pub handle: Option<Handling>,
    /// Resolved on this call (PwC and mapped logs).
    pub resolved: Option<bool>,
    /// Post-call satisfaction rating, 1–5.
    pub rating: Option<u8>,
}

/// What a loader met in the data, and the policy applied; printed with the report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quirks {
    /// Data rows read (header and blank lines excluded).
    pub rows: u64,
    /// Named counts of each quirk, with the policy applied.
    pub notes: BTreeMap<&'static str, (u64, &'static str)>,
}

impl Quirks {
    /// Counts one more row with `quirk`, handled by `policy`.
    pub fn note(&mut self, quirk: &'static str, policy: &'static str) {
        self.notes.entry(quirk).or_insert((0, policy)).0 += 1;
    }
}

//! Call-centre logs read into one plain record per call, with every quirk
//! of the data handled by a stated policy.
//!
//! Two formats are known: the Anonymous Bank log (tab-separated, Technion
//! SEE project) and the PwC "PhoneNow" case (CSV). Each loader returns the
//! calls it kept and a [`Quirks`] count of what it met and how it dealt
//! with it, so that the report can print its own caveats.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::Duration;

/// How a call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Served by an agent.
    Answered,
    /// The caller hung up before reaching an agent.
    Abandoned,
}

/// One call, as the report needs it. `None` is a value the log does not
/// have — never a zero.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// The hour of arrival, 0–23.
    pub hour: u8,
    /// The call type (bank) or topic (PwC).
    pub kind: String,
    /// The agent who answered; `None` when the log names none.
    pub agent: Option<String>,
    pub ending: Ending,
    /// Whether the call reached the agent queue (or an agent directly).
    /// Bank calls abandoned in the voice-response unit never did.
    pub reached_queue: bool,
    /// Whether the call waited in the queue at all.
    pub queued: bool,
    /// Time in the queue: until answer, or until hanging up.
    pub wait: Option<Duration>,
    /// Time with the agent (talk; neither log has hold or wrap-up).
    pub handle: Option<Duration>,
    /// Resolved on this call (PwC only).
    pub resolved: Option<bool>,
    /// Post-call satisfaction rating, 1–5 (PwC only).
    pub rating: Option<u8>,
}

/// What a loader met in the data, and the policy applied; printed with the report.
#[derive(Clone, Debug, Default)]
pub struct Quirks {
    /// Rows read (header excluded).
    pub rows: u64,
    /// Named counts of each quirk, with the policy applied.
    pub notes: BTreeMap<&'static str, (u64, &'static str)>,
}

impl Quirks {
    pub fn note(&mut self, quirk: &'static str, policy: &'static str) {
        self.notes.entry(quirk).or_insert((0, policy)).0 += 1;
    }
}

/// Why a log could not be read.
pub type LoadError = String;

/// `H:MM:SS` (hour not zero-padded) as seconds since midnight.
pub fn clock(text: &str) -> Option<u32> {
    let mut parts = text.trim().split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = parts.next()?.parse().ok()?;
    (parts.next().is_none() && h < 24 && m < 60 && s < 60).then_some(h * 3600 + m * 60 + s)
}

/// The Anonymous Bank log (February 1999): tab-separated, CRLF, header row.
///
/// Policies, one per quirk of `SOURCE.md`:
/// - `PHANTOM` rows are virtual calls: skipped.
/// - A negative `vru_time` is a recording error in the voice-response unit;
///   no KPI here uses VRU time, so the call is kept (Miller 2015 drops them).
/// - Queue and service intervals that cross midnight: the recorded
///   `q_time`/`ser_time` are the clock difference modulo 24 h, and are used.
/// - Served calls with `NO_SERVER`: answered, but without an agent; they
///   count overall and in the `(no agent)` group of the agent breakdown.
/// - Served calls with `ser_time = 0`: kept as recorded (0 s of service).
/// - Abandoned calls with a service time (and no server): abandoned; the
///   service time is ignored.
/// - `q_start = 0:00:00`: never queued. Served → waited 0 s; abandoned →
///   hung up in the voice-response unit, so never offered to the queue.
pub fn load_bank(path: &Path) -> Result<(Vec<Call>, Quirks), LoadError> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .ok_or("empty file")?
        .trim_end()
        .split('\t')
        .collect();
    let columns = BANK_COLUMNS
        .iter()
        .map(|name| {
            header
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| format!("no column `{name}` in {}", path.display()))
        })
        .collect::<Result<Vec<usize>, LoadError>>()?;
    let mut calls = Vec::new();
    let mut quirks = Quirks::default();
    for (n, line) in lines.enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            continue;
        }
        quirks.rows += 1;
        let fields: Vec<&str> = line.split('\t').collect();
        let row = BankRow {
            line: n + 2,
            fields: &fields,
            columns: &columns,
        };
        if let Some(call) = row.call(&mut quirks)? {
            calls.push(call);
        }
    }
    Ok((calls, quirks))
}

/// The columns the report reads, in the order of [`BankRow`]'s indices.
const BANK_COLUMNS: [&str; 12] = [
    "type",
    "date",
    "vru_entry",
    "vru_time",
    "q_start",
    "q_exit",
    "q_time",
    "outcome",
    "ser_start",
    "ser_exit",
    "ser_time",
    "server",
];
const TYPE: usize = 0;
const DATE: usize = 1;
const VRU_ENTRY: usize = 2;
const VRU_TIME: usize = 3;
const Q_START: usize = 4;
const Q_EXIT: usize = 5;
const Q_TIME: usize = 6;
const OUTCOME: usize = 7;
const SER_START: usize = 8;
const SER_EXIT: usize = 9;
const SER_TIME: usize = 10;
const SERVER: usize = 11;

/// One data row of the bank log.
struct BankRow<'a> {
    line: usize,
    fields: &'a [&'a str],
    /// The position of each of [`BANK_COLUMNS`] in the header.
    columns: &'a [usize],
}

impl BankRow<'_> {
    fn field(&self, column: usize) -> Result<&str, LoadError> {
        self.columns
            .get(column)
            .and_then(|&i| self.fields.get(i))
            .copied()
            .ok_or_else(|| format!("line {}: too few fields", self.line))
    }

    fn secs(&self, column: usize) -> Result<i64, LoadError> {
        let text = self.field(column)?;
        text.trim()
            .parse()
            .map_err(|_| format!("line {}: bad number {text:?}", self.line))
    }

    fn duration(&self, column: usize) -> Result<Duration, LoadError> {
        u64::try_from(self.secs(column)?)
            .map(Duration::from_secs)
            .map_err(|_| format!("line {}: negative {}", self.line, BANK_COLUMNS[column]))
    }

    fn clock(&self, column: usize) -> Result<u32, LoadError> {
        let text = self.field(column)?;
        clock(text).ok_or_else(|| format!("line {}: bad time {text:?}", self.line))
    }

    /// The call of this row, or `None` for a row to ignore.
    fn call(&self, quirks: &mut Quirks) -> Result<Option<Call>, LoadError> {
        let ending = match self.field(OUTCOME)? {
            "PHANTOM" => {
                quirks.note("PHANTOM rows", "virtual calls: skipped");
                return Ok(None);
            }
            "AGENT" => Ending::Answered,
            "HANG" => Ending::Abandoned,
            other => return Err(format!("line {}: unknown outcome {other:?}", self.line)),
        };
        if self.secs(VRU_TIME)? < 0 {
            quirks.note("negative VRU time", "kept: no KPI here uses VRU time");
        }
        let queued = self.clock(Q_START)? != 0;
        if queued && self.clock(Q_EXIT)? < self.clock(Q_START)? {
            quirks.note(
                "queue wait across midnight",
                "recorded q_time used (clock difference mod 24 h)",
            );
        }
        let wait = self.duration(Q_TIME)?;
        let (agent, handle, reached_queue) = match ending {
            Ending::Answered => self.service(queued, quirks)?,
            Ending::Abandoned => {
                if self.secs(SER_TIME)? > 0 {
                    quirks.note(
                        "abandoned with a service time",
                        "abandoned; service time ignored",
                    );
                }
                if !queued {
                    quirks.note(
                        "hung up in the VRU",
                        "abandoned before the queue: not queue-offered",
                    );
                }
                (None, None, queued)
            }
        };
        let date = self.field(DATE)?;
        if date.len() != 6 || !date.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("line {}: bad date {date:?}", self.line));
        }
        Ok(Some(Call {
            day: format!("19{}-{}-{}", &date[0..2], &date[2..4], &date[4..6]),
            hour: u8::try_from(self.clock(VRU_ENTRY)? / 3600).unwrap_or(23),
            kind: self.field(TYPE)?.to_owned(),
            agent,
            ending,
            reached_queue,
            queued,
            wait: reached_queue.then_some(wait),
            handle,
            resolved: None,
            rating: None,
        }))
    }

    /// The agent and handle time of a served call, and that it reached the queue.
    fn service(
        &self,
        queued: bool,
        quirks: &mut Quirks,
    ) -> Result<(Option<String>, Option<Duration>, bool), LoadError> {
        if self.clock(SER_EXIT)? < self.clock(SER_START)? {
            quirks.note(
                "service across midnight",
                "recorded ser_time used (clock difference mod 24 h)",
            );
        }
        let service = self.duration(SER_TIME)?;
        if service.is_zero() {
            quirks.note(
                "served with 0 s service",
                "kept as recorded: 0 s of handle time",
            );
        }
        let agent = match self.field(SERVER)? {
            "NO_SERVER" => {
                quirks.note(
                    "served without an agent name",
                    "answered; grouped as (no agent)",
                );
                None
            }
            name => Some(name.to_owned()),
        };
        if !queued {
            quirks.note("served without queueing", "answered with a wait of 0 s");
        }
        Ok((agent, Some(service), true))
    }
}

/// The PwC "PhoneNow" call-centre case: CSV, header row, blanks for values
/// that abandoned calls do not have.
///
/// Policies:
/// - Abandoned calls have blank speed of answer, talk time and rating: they
///   stay missing (a blank is not a zero; turning them into zeros, as many
///   dashboards do, drags the ASA from 67.52 s down to 54.75 s).
/// - There is no abandon time: abandons have an unknown wait, so only the
///   service-level treatments that do not need it are computed.
/// - `Agent` is set on abandoned calls too; it is ignored there (no agent
///   answered).
/// - `Resolved` is per call, with no customer key: the resolution rate is
///   "resolved on this call", not repeat-contact FCR.
pub fn load_pwc(path: &Path) -> Result<(Vec<Call>, Quirks), LoadError> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("empty file")?.split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("no column `{name}` in {}", path.display()))
    };
    let agent = col("Agent")?;
    let date = col("Date")?;
    let time = col("Time")?;
    let topic = col("Topic")?;
    let answered = col("Answered (Y/N)")?;
    let resolved = col("Resolved")?;
    let speed = col("Speed of answer in seconds")?;
    let talk = col("AvgTalkDuration")?;
    let rating = col("Satisfaction rating")?;
    let mut calls = Vec::new();
    let mut quirks = Quirks::default();
    for (n, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        quirks.rows += 1;
        // The file needs no quoting (SOURCE.md): a plain split is exact.
        let row: Vec<&str> = line.split(',').collect();
        let field = |i: usize| {
            row.get(i)
                .copied()
                .ok_or_else(|| format!("line {}: too few fields", n + 2))
        };
        let blank = |i: usize| field(i).map(|v| v.trim().is_empty());
        let ending = match field(answered)? {
            "Y" => Ending::Answered,
            "N" => Ending::Abandoned,
            other => return Err(format!("line {}: bad answered flag {other:?}", n + 2)),
        };
        let wait = if blank(speed)? {
            quirks.note("blank speed of answer", "missing, not 0 s");
            None
        } else {
            let s: u64 = field(speed)?
                .trim()
                .parse()
                .map_err(|_| format!("line {}: bad speed", n + 2))?;
            Some(Duration::from_secs(s))
        };
        let handle = if blank(talk)? {
            None
        } else {
            let s = clock(field(talk)?).ok_or_else(|| format!("line {}: bad talk time", n + 2))?;
            Some(Duration::from_secs(u64::from(s)))
        };
        let rating = if blank(rating)? {
            quirks.note("blank satisfaction rating", "missing, not a 0 rating");
            None
        } else {
            Some(
                field(rating)?
                    .trim()
                    .parse()
                    .map_err(|_| format!("line {}: bad rating", n + 2))?,
            )
        };
        if ending == Ending::Abandoned {
            quirks.note(
                "abandoned without an abandon time",
                "service level: only treatments that need no abandon wait",
            );
        }
        let arrival = clock(field(time)?).ok_or_else(|| format!("line {}: bad time", n + 2))?;
        calls.push(Call {
            day: field(date)?.to_owned(),
            hour: u8::try_from(arrival / 3600).unwrap_or(23),
            kind: field(topic)?.to_owned(),
            agent: (ending == Ending::Answered)
                .then(|| field(agent).map(str::to_owned))
                .transpose()?,
            ending,
            reached_queue: true,
            queued: true,
            wait,
            handle,
            resolved: Some(field(resolved)? == "Y"),
            rating,
        });
    }
    Ok((calls, quirks))
}

//! The Anonymous Bank log (February 1999; Technion SEE project):
//! tab-separated, CRLF, header row.
//!
//! Policies, one per quirk of its `SOURCE.md`:
//! - `PHANTOM` rows are virtual calls: skipped.
//! - A negative `vru_time` is a recording error in the voice-response unit;
//!   no KPI here uses VRU time, so the call is kept (Miller 2015 drops them).
//! - Queue and service intervals that cross midnight: the recorded
//!   `q_time`/`ser_time` are the clock difference modulo 24 h, and are used.
//! - Served calls with `NO_SERVER`: answered, but without an agent; they
//!   count overall and in the `(no agent)` group of the agent breakdown.
//! - Served calls with `ser_time = 0`: kept as recorded (0 s of service).
//! - Abandoned calls with a service time (and no server): abandoned; the
//!   service time is ignored.
//! - `q_start = 0:00:00`: never queued. Served → waited 0 s; abandoned →
//!   hung up in the voice-response unit, so never offered to the queue.

use std::time::Duration;

use chrono::NaiveDate;

use crate::calls::{Call, Ending, Handling, Quirks};
use crate::clock::clock;
use crate::error::InputError;
use crate::table::{Row, Table};
use crate::zone::TimeBasis;

/// The columns the report reads, in the order of the indices below.
const COLUMNS: [&str; 12] = [
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

/// Reads every call of a bank log into `sink`.
///
/// # Errors
///
/// A missing column, or the first row that cannot be read.
pub fn load(
    table: Table,
    basis: &TimeBasis,
    quirks: &mut Quirks,
    sink: &mut dyn FnMut(Call),
) -> Result<(), InputError> {
    let mut columns = [0; COLUMNS.len()];
    for (slot, name) in columns.iter_mut().zip(COLUMNS) {
        *slot = table.column(name)?;
    }
    table.rows(|row| {
        quirks.rows += 1;
        let row = BankRow {
            row,
            columns: &columns,
        };
        if let Some(call) = row.call(*basis, quirks)? {
            sink(call);
        }
        Ok(())
    })
}

/// One data row of the bank log.
struct BankRow<'a> {
    row: &'a Row<'a>,
    /// The position of each of [`COLUMNS`] in the header.
    columns: &'a [usize; COLUMNS.len()],
}

impl BankRow<'_> {
    fn field(&self, column: usize) -> Result<&str, InputError> {
        self.row.text(self.columns[column])
    }

    fn error(&self, column: usize, message: String) -> InputError {
        self.row.error(self.columns[column], message)
    }

    fn secs(&self, column: usize) -> Result<i64, InputError> {
        let text = self.field(column)?;
        text.parse()
            .map_err(|_| self.error(column, format!("not a whole number of seconds: {text:?}")))
    }

    fn duration(&self, column: usize) -> Result<Duration, InputError> {
        let secs = self.secs(column)?;
        u64::try_from(secs).map(Duration::from_secs).map_err(|_| {
            self.error(
                column,
                format!("negative duration {secs} s: a duration is 0 or more"),
            )
        })
    }

    fn clock(&self, column: usize) -> Result<u32, InputError> {
        let text = self.field(column)?;
        clock(text).ok_or_else(|| self.error(column, format!("not a clock time H:MM:SS: {text:?}")))
    }

    /// The call of this row, or `None` for a row to skip.
    fn call(&self, basis: TimeBasis, quirks: &mut Quirks) -> Result<Option<Call>, InputError> {
        let ending = match self.field(OUTCOME)? {
            "PHANTOM" => {
                quirks.note("PHANTOM rows", "virtual calls: skipped");
                return Ok(None);
            }
            "AGENT" => Ending::Answered,
            "HANG" => Ending::Abandoned,
            other => {
                return Err(self.error(
                    OUTCOME,
                    format!("unknown outcome {other:?}: AGENT, HANG or PHANTOM"),
                ));
            }
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
        let text = self.field(DATE)?;
        let day = (text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| NaiveDate::parse_from_str(&format!("19{text}"), "%Y%m%d").ok())
            .flatten()
            .ok_or_else(|| self.error(DATE, format!("not a date YYMMDD: {text:?}")))?;
        let (arrival, quirk) = basis.arrival(day, self.clock(VRU_ENTRY)?);
        if let Some(quirk) = quirk {
            let (name, policy) = quirk.note();
            quirks.note(name, policy);
        }
        Ok(Some(Call {
            arrival,
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
    ) -> Result<(Option<String>, Option<Handling>, bool), InputError> {
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
        let handling = Handling {
            talk: service,
            hold: None,
            wrap: None,
        };
        Ok((agent, Some(handling), true))
    }
}

//! Any call log in CSV, read through a column mapping given on the command
//! line: `--csv PATH --column date=Date --column time=Time ...`.
//!
//! Fields (the first three are required):
//!
//! | field | format | meaning |
//! | --- | --- | --- |
//! | `date` | `YYYY-MM-DD` | the day of arrival |
//! | `time` | `H:MM:SS` | the time of arrival |
//! | `answered` | `Y`/`N`, `yes`/`no`, `true`/`false`, `1`/`0` | whether an agent answered |
//! | `wait` | seconds, or `H:MM:SS` | time in queue until answer or hang-up |
//! | `handle` | seconds, or `H:MM:SS` | talk time (or the whole handle time) |
//! | `hold` | as `handle` | time on hold |
//! | `wrap` | as `handle` | after-call work |
//! | `kind` | text | call type, topic or queue |
//! | `agent` | text | who answered |
//! | `resolved` | as `answered` | resolved on this call |
//! | `rating` | integer 1–5 | post-call satisfaction |
//!
//! Policies: a blank cell is a missing value, never a zero (turning the
//! PwC log's blank waits into zeros, as many dashboards do, drags its ASA
//! from 67.52 s down to 54.75 s); a call whose required cell is blank or
//! unreadable is an error that names its line and column, not a silently
//! dropped row; an agent on an unanswered call is ignored; an abandoned call
//! without a wait has an unknown wait, so only the service-level treatments
//! that do not need it are computed.

use chrono::NaiveDate;

use crate::calls::{Call, Ending, Handling, Quirks};
use crate::clock::{BadDuration, clock, duration, flag};
use crate::error::InputError;
use crate::table::{Row, Table};
use crate::zone::TimeBasis;

/// The fields a column can be mapped to, in the order of [`Mapping`]'s slots.
pub const FIELDS: [&str; 11] = [
    "date", "time", "answered", "wait", "handle", "hold", "wrap", "kind", "agent", "resolved",
    "rating",
];
const DATE: usize = 0;
const TIME: usize = 1;
const ANSWERED: usize = 2;
const WAIT: usize = 3;
const HANDLE: usize = 4;
const HOLD: usize = 5;
const WRAP: usize = 6;
const KIND: usize = 7;
const AGENT: usize = 8;
const RESOLVED: usize = 9;
const RATING: usize = 10;
/// Fields without which a row is not a call.
const REQUIRED: [usize; 3] = [DATE, TIME, ANSWERED];

/// Which CSV column holds each field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    columns: [Option<String>; FIELDS.len()],
}

impl Mapping {
    /// The mapping of the PwC "PhoneNow" call-centre case (Q1 2021).
    pub fn pwc() -> Mapping {
        let mut mapping = Mapping::default();
        for pair in [
            "date=Date",
            "time=Time",
            "answered=Answered (Y/N)",
            "wait=Speed of answer in seconds",
            "handle=AvgTalkDuration",
            "kind=Topic",
            "agent=Agent",
            "resolved=Resolved",
            "rating=Satisfaction rating",
        ] {
            // The pairs above are all well formed.
            let _ = mapping.set(pair);
        }
        mapping
    }

    /// Adds one `field=Column` pair.
    ///
    /// # Errors
    ///
    /// No `=`, an unknown field, or an empty column name.
    pub fn set(&mut self, pair: &str) -> Result<(), String> {
        let (field, column) = pair
            .split_once('=')
            .ok_or_else(|| format!("--column takes field=Column, not {pair:?}"))?;
        let field = field.trim();
        let slot = FIELDS.iter().position(|f| *f == field).ok_or_else(|| {
            format!(
                "unknown field {field:?} in --column {pair:?}: one of {}",
                FIELDS.join(", ")
            )
        })?;
        if column.trim().is_empty() {
            return Err(format!("--column {pair:?} names no column"));
        }
        self.columns[slot] = Some(column.trim().to_owned());
        Ok(())
    }

    /// Whether `field` (one of [`FIELDS`]) is mapped.
    pub fn has(&self, field: &str) -> bool {
        FIELDS
            .iter()
            .position(|f| *f == field)
            .is_some_and(|i| self.columns[i].is_some())
    }
}

/// The mapping's columns, found in the header.
struct Columns {
    at: [Option<usize>; FIELDS.len()],
}

impl Columns {
    fn find(table: &Table, mapping: &Mapping) -> Result<Columns, InputError> {
        let mut at = [None; FIELDS.len()];
        for (i, name) in mapping.columns.iter().enumerate() {
            at[i] = name.as_deref().map(|n| table.column(n)).transpose()?;
        }
        for field in REQUIRED {
            if at[field].is_none() {
                return Err(InputError::file(
                    table.path(),
                    format!(
                        "no column mapped to {0}: add --column {0}=COLUMN",
                        FIELDS[field]
                    ),
                ));
            }
        }
        Ok(Columns { at })
    }

    /// The cell of `field`: `None` when unmapped or blank.
    fn cell<'r>(&self, row: &'r Row<'_>, field: usize) -> Result<Option<&'r str>, InputError> {
        self.at[field].map_or(Ok(None), |i| row.cell(i))
    }

    fn error(&self, row: &Row<'_>, field: usize, message: String) -> InputError {
        row.error(self.at[field].unwrap_or(usize::MAX), message)
    }

    /// A required cell.
    fn needed<'r>(&self, row: &'r Row<'_>, field: usize) -> Result<&'r str, InputError> {
        self.cell(row, field)?.ok_or_else(|| {
            self.error(
                row,
                field,
                format!("blank {}: every call needs one", FIELDS[field]),
            )
        })
    }

    fn duration(
        &self,
        row: &Row<'_>,
        field: usize,
    ) -> Result<Option<std::time::Duration>, InputError> {
        let Some(text) = self.cell(row, field)? else {
            return Ok(None);
        };
        duration(text).map(Some).map_err(|bad| {
            let what = FIELDS[field];
            self.error(
                row,
                field,
                match bad {
                    BadDuration::Negative => {
                        format!("negative {what} {text:?}: a duration is 0 or more")
                    }
                    BadDuration::Unreadable => {
                        format!("{what} {text:?} is neither seconds nor H:MM:SS")
                    }
                },
            )
        })
    }

    fn flag(&self, row: &Row<'_>, field: usize, text: &str) -> Result<bool, InputError> {
        flag(text).ok_or_else(|| {
            self.error(
                row,
                field,
                format!(
                    "{} {text:?} is not a yes/no flag (Y/N, yes/no, true/false, 1/0)",
                    FIELDS[field]
                ),
            )
        })
    }

    /// One row as a call.
    fn call(
        &self,
        row: &Row<'_>,
        basis: TimeBasis,
        quirks: &mut Quirks,
    ) -> Result<Call, InputError> {
        let answered = self.needed(row, ANSWERED)?;
        let ending = if self.flag(row, ANSWERED, answered)? {
            Ending::Answered
        } else {
            Ending::Abandoned
        };
        let date = self.needed(row, DATE)?;
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|_| self.error(row, DATE, format!("date {date:?} is not YYYY-MM-DD")))?;
        let time = self.needed(row, TIME)?;
        let time = clock(time).ok_or_else(|| {
            self.error(
                row,
                TIME,
                format!("time {time:?} is not a clock time H:MM:SS"),
            )
        })?;
        let wait = self.duration(row, WAIT)?;
        if wait.is_none() && self.at[WAIT].is_some() {
            quirks.note("blank wait", "missing, not 0 s");
        }
        if wait.is_none() && ending == Ending::Abandoned {
            quirks.note(
                "abandoned without an abandon time",
                "service level: only treatments that need no abandon wait",
            );
        }
        let handle = self.duration(row, HANDLE)?.map(|talk| Handling {
            talk,
            hold: None,
            wrap: None,
        });
        let hold = self.duration(row, HOLD)?;
        let wrap = self.duration(row, WRAP)?;
        let handle = handle.map(|h| Handling { hold, wrap, ..h });
        let rating = match self.cell(row, RATING)? {
            None => {
                if self.at[RATING].is_some() {
                    quirks.note("blank rating", "missing, not a 0 rating");
                }
                None
            }
            Some(text) => Some(
                text.parse::<u8>()
                    .ok()
                    .filter(|r| (1..=5).contains(r))
                    .ok_or_else(|| {
                        self.error(
                            row,
                            RATING,
                            format!("rating {text:?} is outside the scale 1..=5"),
                        )
                    })?,
            ),
        };
        let resolved = self
            .cell(row, RESOLVED)?
            .map(|v| self.flag(row, RESOLVED, v))
            .transpose()?;
        let agent = match (ending, self.cell(row, AGENT)?) {
            (Ending::Answered, name) => name.map(str::to_owned),
            (Ending::Abandoned, Some(_)) => {
                quirks.note("agent on an unanswered call", "ignored: no agent answered");
                None
            }
            (Ending::Abandoned, None) => None,
        };
        let (arrival, quirk) = basis.arrival(date, time);
        if let Some(quirk) = quirk {
            let (name, policy) = quirk.note();
            quirks.note(name, policy);
        }
        Ok(Call {
            arrival,
            kind: self.cell(row, KIND)?.unwrap_or("(all)").to_owned(),
            agent,
            ending,
            reached_queue: true,
            queued: true,
            wait,
            handle,
            resolved,
            rating,
        })
    }
}

/// Reads every call of `table` through `mapping` into `sink`.
///
/// # Errors
///
/// A mapped column missing from the header, a required field unmapped, or
/// the first row that cannot be read.
pub fn load(
    table: Table,
    mapping: &Mapping,
    basis: &TimeBasis,
    quirks: &mut Quirks,
    sink: &mut dyn FnMut(Call),
) -> Result<(), InputError> {
    let columns = Columns::find(&table, mapping)?;
    table.rows(|row| {
        quirks.rows += 1;
        sink(columns.call(row, *basis, quirks)?);
        Ok(())
    })
}

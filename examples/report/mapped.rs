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
//! | `handle` | seconds, or `H:MM:SS` | time with the agent |
//! | `kind` | text | call type, topic or queue |
//! | `agent` | text | who answered |
//! | `resolved` | as `answered` | resolved on this call |
//! | `rating` | integer 1–5 | post-call satisfaction |
//!
//! Policies: a blank cell is a missing value, never a zero; a call whose
//! required cell is blank or unreadable is an error that names its line and
//! column, not a silently dropped row; an agent on an unanswered call is
//! ignored.

use std::path::Path;
use std::time::Duration;

use crate::calls::{Call, Ending, LoadError, Quirks, clock};

/// Which CSV column holds each field.
#[derive(Clone, Debug, Default)]
pub struct Mapping {
    date: Option<String>,
    time: Option<String>,
    answered: Option<String>,
    wait: Option<String>,
    handle: Option<String>,
    kind: Option<String>,
    agent: Option<String>,
    resolved: Option<String>,
    rating: Option<String>,
}

impl Mapping {
    /// Adds one `field=Column` pair.
    pub fn set(&mut self, pair: &str) -> Result<(), String> {
        let (field, column) = pair
            .split_once('=')
            .ok_or_else(|| format!("--column takes field=Column, not {pair:?}"))?;
        let slot = match field.trim() {
            "date" => &mut self.date,
            "time" => &mut self.time,
            "answered" => &mut self.answered,
            "wait" => &mut self.wait,
            "handle" => &mut self.handle,
            "kind" => &mut self.kind,
            "agent" => &mut self.agent,
            "resolved" => &mut self.resolved,
            "rating" => &mut self.rating,
            other => {
                return Err(format!(
                    "unknown field {other:?}: date, time, answered, wait, handle, kind, agent, resolved or rating"
                ));
            }
        };
        *slot = Some(column.to_owned());
        Ok(())
    }
}

/// A yes/no cell.
fn flag(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" | "1" => Some(true),
        "n" | "no" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// Seconds (`67`, `67.5`) or a clock duration (`0:01:07`).
fn duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    if text.contains(':') {
        return clock(text).map(|s| Duration::from_secs(u64::from(s)));
    }
    let secs: f64 = text.parse().ok()?;
    Duration::try_from_secs_f64(secs).ok()
}

/// The mapping's columns, found in the header.
struct Columns {
    date: usize,
    time: usize,
    answered: usize,
    wait: Option<usize>,
    handle: Option<usize>,
    kind: Option<usize>,
    agent: Option<usize>,
    resolved: Option<usize>,
    rating: Option<usize>,
}

impl Columns {
    fn find(
        header: &csv::StringRecord,
        mapping: &Mapping,
        path: &Path,
    ) -> Result<Columns, LoadError> {
        let index = |name: &Option<String>, field: &str| -> Result<Option<usize>, LoadError> {
            name.as_ref()
                .map(|name| {
                    header.iter().position(|h| h == name).ok_or_else(|| {
                        format!("no column {name:?} (for {field}) in {}", path.display())
                    })
                })
                .transpose()
        };
        let required = |name: &Option<String>, field: &str| -> Result<usize, LoadError> {
            index(name, field)?.ok_or_else(|| format!("--column {field}=... is required"))
        };
        Ok(Columns {
            date: required(&mapping.date, "date")?,
            time: required(&mapping.time, "time")?,
            answered: required(&mapping.answered, "answered")?,
            wait: index(&mapping.wait, "wait")?,
            handle: index(&mapping.handle, "handle")?,
            kind: index(&mapping.kind, "kind")?,
            agent: index(&mapping.agent, "agent")?,
            resolved: index(&mapping.resolved, "resolved")?,
            rating: index(&mapping.rating, "rating")?,
        })
    }

    /// One row as a call; `line` names it in errors.
    fn call(
        &self,
        record: &csv::StringRecord,
        line: u64,
        quirks: &mut Quirks,
    ) -> Result<Call, LoadError> {
        let bad = |field: &str, value: &str| format!("line {line}: bad {field} {value:?}");
        // A cell, `None` when blank (missing, not zero).
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let needed = |i: usize, field: &str| {
            cell(Some(i)).ok_or_else(|| format!("line {line}: blank {field}"))
        };
        let answered = needed(self.answered, "answered")?;
        let ending = match flag(answered) {
            Some(true) => Ending::Answered,
            Some(false) => Ending::Abandoned,
            None => return Err(bad("answered flag", answered)),
        };
        let arrival = needed(self.time, "time")?;
        let arrival = clock(arrival).ok_or_else(|| bad("time", arrival))?;
        let wait = cell(self.wait)
            .map(|v| duration(v).ok_or_else(|| bad("wait", v)))
            .transpose()?;
        if wait.is_none() && self.wait.is_some() {
            quirks.note("blank wait", "missing, not 0 s");
        }
        let handle = cell(self.handle)
            .map(|v| duration(v).ok_or_else(|| bad("handle time", v)))
            .transpose()?;
        let rating = cell(self.rating)
            .map(|v| {
                v.parse::<u8>()
                    .ok()
                    .filter(|r| (1..=5).contains(r))
                    .ok_or_else(|| bad("rating (1-5)", v))
            })
            .transpose()?;
        if rating.is_none() && self.rating.is_some() {
            quirks.note("blank rating", "missing, not a 0 rating");
        }
        let resolved = cell(self.resolved)
            .map(|v| flag(v).ok_or_else(|| bad("resolved flag", v)))
            .transpose()?;
        let agent = match (ending, cell(self.agent)) {
            (Ending::Answered, name) => name.map(str::to_owned),
            (Ending::Abandoned, Some(_)) => {
                quirks.note("agent on an unanswered call", "ignored");
                None
            }
            (Ending::Abandoned, None) => None,
        };
        Ok(Call {
            day: needed(self.date, "date")?.to_owned(),
            hour: u8::try_from(arrival / 3600).unwrap_or(23),
            kind: cell(self.kind).unwrap_or("(all)").to_owned(),
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

/// Reads `path` through `mapping`.
pub fn load_mapped(path: &Path, mapping: &Mapping) -> Result<(Vec<Call>, Quirks), LoadError> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let header = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    let columns = Columns::find(&header, mapping, path)?;
    let mut calls = Vec::new();
    let mut quirks = Quirks::default();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let line = record.position().map_or(0, csv::Position::line);
        quirks.rows += 1;
        calls.push(columns.call(&record, line, &mut quirks)?);
    }
    Ok((calls, quirks))
}

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

/// Reads `path` through `mapping`.
pub fn load_mapped(path: &Path, mapping: &Mapping) -> Result<(Vec<Call>, Quirks), LoadError> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let header = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
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
    let date = required(&mapping.date, "date")?;
    let time = required(&mapping.time, "time")?;
    let answered = required(&mapping.answered, "answered")?;
    let wait = index(&mapping.wait, "wait")?;
    let handle = index(&mapping.handle, "handle")?;
    let kind = index(&mapping.kind, "kind")?;
    let agent = index(&mapping.agent, "agent")?;
    let resolved = index(&mapping.resolved, "resolved")?;
    let rating = index(&mapping.rating, "rating")?;

    let mut calls = Vec::new();
    let mut quirks = Quirks::default();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let line = record.position().map_or(0, csv::Position::line);
        quirks.rows += 1;
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
        let ending = match flag(needed(answered, "answered")?) {
            Some(true) => Ending::Answered,
            Some(false) => Ending::Abandoned,
            None => return Err(bad("answered flag", needed(answered, "answered")?)),
        };
        let arrival = needed(time, "time")?;
        let arrival = clock(arrival).ok_or_else(|| bad("time", arrival))?;
        let wait = match cell(wait) {
            Some(v) => Some(duration(v).ok_or_else(|| bad("wait", v))?),
            None => {
                if wait.is_some() {
                    quirks.note("blank wait", "missing, not 0 s");
                }
                None
            }
        };
        let handle = match cell(handle) {
            Some(v) => Some(duration(v).ok_or_else(|| bad("handle time", v))?),
            None => None,
        };
        let rating = match cell(rating) {
            Some(v) => Some(
                v.parse::<u8>()
                    .ok()
                    .filter(|r| (1..=5).contains(r))
                    .ok_or_else(|| bad("rating (1-5)", v))?,
            ),
            None => {
                if rating.is_some() {
                    quirks.note("blank rating", "missing, not a 0 rating");
                }
                None
            }
        };
        let resolved = match cell(resolved) {
            Some(v) => Some(flag(v).ok_or_else(|| bad("resolved flag", v))?),
            None => None,
        };
        let agent = match (ending, cell(agent)) {
            (Ending::Answered, name) => name.map(str::to_owned),
            (Ending::Abandoned, Some(_)) => {
                quirks.note("agent on an unanswered call", "ignored");
                None
            }
            (Ending::Abandoned, None) => None,
        };
        calls.push(Call {
            day: needed(date, "date")?.to_owned(),
            hour: u8::try_from(arrival / 3600).unwrap_or(23),
            kind: cell(kind).unwrap_or("(all)").to_owned(),
            agent,
            ending,
            reached_queue: true,
            queued: true,
            wait,
            handle,
            resolved,
            rating,
        });
    }
    Ok((calls, quirks))
}

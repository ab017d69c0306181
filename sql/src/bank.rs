//! The bundled Anonymous Bank call log (February 1999) as the table `calls`.
//!
//! The log (`examples/data/anonymous-bank-feb1999/`, see its `SOURCE.md`)
//! is tab-separated with clock times; this reader applies the policies of
//! the `report` example to its quirks, so that SQL over `calls` gives the
//! report's figures:
//!
//! | column | type | meaning |
//! | --- | --- | --- |
//! | `vru_line` | text | VRU and line, `AA0101`… |
//! | `call_id` | bigint | call id (unique with `vru_line`) |
//! | `customer_id` | text | caller as recorded (`0` = not identified; some ids are written in float notation, `6.02701E+11`) |
//! | `priority` | bigint | 0, 1 regular; 2 priority |
//! | `type` | text | `PS`, `PE`, `IN`, `NE`, `NW`, `TT` |
//! | `date` | date | day of the call |
//! | `started` | timestamp | entry into the voice-response unit |
//! | `hour` | bigint | hour of `started`, 0–23 |
//! | `vru_time` | bigint | seconds in the VRU (25 rows negative, as recorded) |
//! | `outcome` | text | `AGENT` (served) or `HANG` (abandoned) |
//! | `answered` | boolean | `outcome = 'AGENT'` |
//! | `queued` | boolean | waited in the agent queue at all (`q_start` is not `0:00:00`) |
//! | `reached_queue` | boolean | served, or abandoned in the queue (not in the VRU) |
//! | `q_time` | bigint | seconds in the queue; `NULL` for calls abandoned in the VRU (never offered to the queue); 0 for calls served without queueing |
//! | `ser_time` | bigint | seconds of service (talk) of served calls; `NULL` for abandoned calls |
//! | `server` | text | agent; `NULL` when the log says `NO_SERVER` |
//!
//! `PHANTOM` rows (virtual calls) are left out. Intervals across midnight
//! use the recorded `q_time`/`ser_time` (the clock difference modulo 24 h).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, BooleanArray, Date32Array, Int64Array, RecordBatch, StringArray, TimestampSecondArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use datafusion::common::{DataFusionError, Result};

/// The bundled log, as found from this crate's source folder.
///
/// # Example
///
/// ```
/// assert!(cxkpi_datafusion::bank::default_path().exists());
/// ```
pub fn default_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/anonymous-bank-feb1999/data_anonymous_bank_february.txt")
}

/// The schema of the table `calls`.
///
/// # Example
///
/// ```
/// assert!(cxkpi_datafusion::bank::schema().field_with_name("q_time").is_ok());
/// ```
pub fn schema() -> Schema {
    Schema::new(vec![
        Field::new("vru_line", DataType::Utf8, false),
        Field::new("call_id", DataType::Int64, false),
        Field::new("customer_id", DataType::Utf8, false),
        Field::new("priority", DataType::Int64, false),
        Field::new("type", DataType::Utf8, false),
        Field::new("date", DataType::Date32, false),
        Field::new(
            "started",
            DataType::Timestamp(TimeUnit::Second, None),
            false,
        ),
        Field::new("hour", DataType::Int64, false),
        Field::new("vru_time", DataType::Int64, false),
        Field::new("outcome", DataType::Utf8, false),
        Field::new("answered", DataType::Boolean, false),
        Field::new("queued", DataType::Boolean, false),
        Field::new("reached_queue", DataType::Boolean, false),
        Field::new("q_time", DataType::Int64, true),
        Field::new("ser_time", DataType::Int64, true),
        Field::new("server", DataType::Utf8, true),
    ])
}

#[derive(Default)]
struct Columns {
    vru_line: Vec<String>,
    call_id: Vec<i64>,
    customer_id: Vec<String>,
    priority: Vec<i64>,
    kind: Vec<String>,
    date: Vec<i32>,
    started: Vec<i64>,
    hour: Vec<i64>,
    vru_time: Vec<i64>,
    outcome: Vec<&'static str>,
    answered: Vec<bool>,
    queued: Vec<bool>,
    reached_queue: Vec<bool>,
    q_time: Vec<Option<i64>>,
    ser_time: Vec<Option<i64>>,
    server: Vec<Option<String>>,
}

fn clock(text: &str) -> Option<i64> {
    let mut parts = text.trim().split(':');
    let h: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let s: i64 = parts.next()?.parse().ok()?;
    (parts.next().is_none() && (0..24).contains(&h) && (0..60).contains(&m) && (0..60).contains(&s))
        .then_some(h * 3600 + m * 60 + s)
}

/// Days since 1970-01-01 of `19YY-MM-DD`.
fn day(text: &str) -> Option<i32> {
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = 1900 + text[0..2].parse::<i32>().ok()?;
    let month = text[2..4].parse::<u32>().ok()?;
    let dom = text[4..6].parse::<u32>().ok()?;
    let date = chrono_free_days(year, month, dom)?;
    Some(date)
}

/// Days from the civil date (Howard Hinnant's algorithm), without a calendar crate.
fn chrono_free_days(year: i32, month: u32, day: u32) -> Option<i32> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i32::try_from(month).ok()?;
    let d = i32::try_from(day).ok()?;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Reads the log at `path` into one batch of the table `calls`.
///
/// # Errors
///
/// An unreadable file, a missing column, or a malformed row (naming its line).
///
/// # Example
///
/// ```
/// let batch = cxkpi_datafusion::bank::load(&cxkpi_datafusion::bank::default_path())?;
/// assert_eq!(batch.num_rows(), 33_066); // 33 344 rows less 278 PHANTOM
/// # Ok::<(), datafusion::common::DataFusionError>(())
/// ```
pub fn load(path: &Path) -> Result<RecordBatch> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| DataFusionError::Execution(format!("cannot read {}: {e}", path.display())))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").trim_end().split('\t').collect();
    let col = |name: &str| {
        header.iter().position(|h| *h == name).ok_or_else(|| {
            DataFusionError::Execution(format!("no column `{name}` in {}", path.display()))
        })
    };
    let names = [
        "vru+line",
        "call_id",
        "customer_id",
        "priority",
        "type",
        "date",
        "vru_entry",
        "vru_time",
        "q_start",
        "q_time",
        "outcome",
        "ser_time",
        "server",
    ];
    let idx = names
        .iter()
        .map(|n| col(n))
        .collect::<Result<Vec<usize>>>()?;
    let mut c = Columns::default();
    for (n, line) in lines.enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| {
            DataFusionError::Execution(format!("{}: line {}: bad {what}", path.display(), n + 2))
        };
        let field = |i: usize| {
            fields
                .get(idx[i])
                .copied()
                .ok_or_else(|| bad("row: too few fields"))
        };
        let int = |i: usize| field(i)?.trim().parse::<i64>().map_err(|_| bad(names[i]));
        let (outcome, answered) = match field(10)? {
            "PHANTOM" => continue,
            "AGENT" => ("AGENT", true),
            "HANG" => ("HANG", false),
            _ => return Err(bad("outcome")),
        };
        let queued = clock(field(8)?).ok_or_else(|| bad("q_start"))? != 0;
        let reached_queue = answered || queued;
        let date = day(field(5)?).ok_or_else(|| bad("date"))?;
        let entry = clock(field(6)?).ok_or_else(|| bad("vru_entry"))?;
        c.vru_line.push(field(0)?.to_owned());
        c.call_id.push(int(1)?);
        c.customer_id.push(field(2)?.to_owned());
        c.priority.push(int(3)?);
        c.kind.push(field(4)?.to_owned());
        c.date.push(date);
        c.started.push(i64::from(date) * 86_400 + entry);
        c.hour.push(entry / 3600);
        c.vru_time.push(int(7)?);
        c.outcome.push(outcome);
        c.answered.push(answered);
        c.queued.push(queued);
        c.reached_queue.push(reached_queue);
        c.q_time
            .push(if reached_queue { Some(int(9)?) } else { None });
        c.ser_time
            .push(if answered { Some(int(11)?) } else { None });
        c.server.push(match field(12)? {
            "NO_SERVER" => None,
            name => Some(name.to_owned()),
        });
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(c.vru_line)),
        Arc::new(Int64Array::from(c.call_id)),
        Arc::new(StringArray::from(c.customer_id)),
        Arc::new(Int64Array::from(c.priority)),
        Arc::new(StringArray::from(c.kind)),
        Arc::new(Date32Array::from(c.date)),
        Arc::new(TimestampSecondArray::from(c.started)),
        Arc::new(Int64Array::from(c.hour)),
        Arc::new(Int64Array::from(c.vru_time)),
        Arc::new(StringArray::from(c.outcome)),
        Arc::new(BooleanArray::from(c.answered)),
        Arc::new(BooleanArray::from(c.queued)),
        Arc::new(BooleanArray::from(c.reached_queue)),
        Arc::new(Int64Array::from(c.q_time)),
        Arc::new(Int64Array::from(c.ser_time)),
        Arc::new(StringArray::from(c.server)),
    ];
    Ok(RecordBatch::try_new(Arc::new(schema()), columns)?)
}

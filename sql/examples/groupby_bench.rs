//! GROUP BY timings: cxkpi's `nps(score)` and `service_level(..)` against the
//! same figures written with `DataFusion`'s built-in `SUM(CASE …)`, on one
//! engine, over the same in-memory rows.
//!
//! ```text
//! cargo run --release -p cxkpi-datafusion --example groupby_bench -- \
//!     [ROWS] [GROUPS]... [--partitions 1,2] [--runs 5] [--ipc DIR] [--json FILE]
//! ```
//!
//! Defaults: 10⁷ rows, 96 and 100 000 groups, one partition, 5 timed runs
//! after one warm-up. Prints one Markdown table of medians. `--ipc DIR`
//! writes each table once as `DIR/groupby-ROWS-GROUPS.arrow` (Arrow IPC), so
//! that another engine can load the very same rows; `--json FILE` writes every
//! timing and group 0's figures of every query, for `benches/compare.py
//! --only sql`, which checks that all sides agree. Compare figures of one run
//! only.
//!
//! The rows come from a xorshift generator: `g = r mod GROUPS`, a 0–10
//! score, a whole-second wait of 0–119 s and 90 % answered. With `P`
//! partitions, the batches of 8192 rows are dealt round-robin to `P`
//! partitions of the table, and the session has `P` target partitions.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Instant;

use datafusion::arrow::array::{
    ArrayRef, AsArray, BooleanArray, Float64Array, Int64Array, RecordBatch, StructArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Int64Type, Schema, UInt64Type};
use datafusion::arrow::ipc::writer::FileWriter;
use datafusion::common::{DataFusionError, Result};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};

const BATCH: usize = 8192;

/// The rows of the bench for `groups` groups, in batches of [`BATCH`].
fn batches(rows: usize, groups: u64) -> Result<Vec<RecordBatch>> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("g", DataType::Int64, false),
        Field::new("score", DataType::Int64, false),
        Field::new("wait", DataType::Float64, false),
        Field::new("answered", DataType::Boolean, false),
    ]));
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut out = Vec::new();
    let mut left = rows;
    while left > 0 {
        let n = left.min(BATCH);
        left -= n;
        let mut g = Vec::with_capacity(n);
        let mut score = Vec::with_capacity(n);
        let mut wait = Vec::with_capacity(n);
        let mut answered = Vec::with_capacity(n);
        for _ in 0..n {
            let r = next();
            g.push(i64::try_from(r % groups).unwrap_or(0));
            score.push(i64::try_from((r >> 20) % 11).unwrap_or(0));
            wait.push(((r >> 32) % 120) as f64);
            answered.push((r >> 40) % 10 < 9);
        }
        let columns: Vec<ArrayRef> = vec![
            Arc::new(Int64Array::from(g)),
            Arc::new(Int64Array::from(score)),
            Arc::new(Float64Array::from(wait)),
            Arc::new(BooleanArray::from(answered)),
        ];
        out.push(RecordBatch::try_new(Arc::clone(&schema), columns)?);
    }
    Ok(out)
}

/// `batches` dealt round-robin into `partitions` partitions.
fn table(batches: &[RecordBatch], partitions: usize) -> Result<MemTable> {
    let count = partitions.max(1);
    let mut parts = vec![Vec::new(); count];
    for (i, batch) in batches.iter().enumerate() {
        parts[i % count].push(batch.clone());
    }
    let schema = batches
        .first()
        .map_or_else(|| Arc::new(Schema::empty()), RecordBatch::schema);
    MemTable::try_new(schema, parts)
}

fn write_ipc(path: &str, batches: &[RecordBatch]) -> Result<()> {
    let Some(first) = batches.first() else {
        return Ok(());
    };
    let file = std::fs::File::create(path)?;
    let mut writer = FileWriter::try_new(std::io::BufWriter::new(file), &first.schema())?;
    for batch in batches {
        writer.write(batch)?;
    }
    writer.finish()?;
    Ok(())
}

/// A query: its key (for `--json`), its label, its SQL, and where its value
/// and its `n` are in a result row.
struct Query {
    key: &'static str,
    label: &'static str,
    sql: &'static str,
    figures: Figures,
}

enum Figures {
    /// A struct column with `value` and `n`.
    Struct,
    /// A value column and an `n` column.
    Columns,
}

const QUERIES: [Query; 4] = [
    Query {
        key: "nps",
        label: "`nps(score)`",
        sql: "SELECT g, nps(score) FROM t GROUP BY g",
        figures: Figures::Struct,
    },
    Query {
        key: "nps_case",
        label: "NPS by `SUM(CASE …)`",
        sql: "SELECT g, 100.0 * (SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) \
              - SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END)) / COUNT(score), COUNT(score) \
              FROM t GROUP BY g",
        figures: Figures::Columns,
    },
    Query {
        key: "sl",
        label: "`service_level(wait, answered, 20, 'count_against')`",
        sql: "SELECT g, service_level(wait, answered, 20, 'count_against') FROM t GROUP BY g",
        figures: Figures::Struct,
    },
    Query {
        key: "sl_case",
        label: "service level by `SUM(CASE …)`",
        sql: "SELECT g, 100.0 * SUM(CASE WHEN answered AND wait <= 20 THEN 1 ELSE 0 END) \
              / COUNT(*), COUNT(*) FROM t GROUP BY g",
        figures: Figures::Columns,
    },
];

fn missing(what: &str) -> DataFusionError {
    DataFusionError::Execution(format!("groupby_bench: no {what} in the result"))
}

/// Group 0's value and `n` in the result of `query`.
fn group_zero(query: &Query, out: &[RecordBatch]) -> Result<(f64, u64)> {
    for batch in out {
        let keys = batch
            .column(0)
            .as_primitive_opt::<Int64Type>()
            .ok_or_else(|| missing("Int64 key"))?;
        let Some(row) = keys.iter().position(|k| k == Some(0)) else {
            continue;
        };
        return match query.figures {
            Figures::Struct => {
                let s: &StructArray = batch
                    .column(1)
                    .as_struct_opt()
                    .ok_or_else(|| missing("struct"))?;
                let value = s
                    .column_by_name("value")
                    .and_then(|c| c.as_primitive_opt::<Float64Type>())
                    .ok_or_else(|| missing("value"))?;
                let n = s
                    .column_by_name("n")
                    .and_then(|c| c.as_primitive_opt::<UInt64Type>())
                    .ok_or_else(|| missing("n"))?;
                Ok((value.value(row), n.value(row)))
            }
            Figures::Columns => {
                let value = batch
                    .column(1)
                    .as_primitive_opt::<Float64Type>()
                    .ok_or_else(|| missing("Float64 value"))?;
                let n = batch
                    .column(2)
                    .as_primitive_opt::<Int64Type>()
                    .ok_or_else(|| missing("Int64 count"))?;
                Ok((value.value(row), u64::try_from(n.value(row)).unwrap_or(0)))
            }
        };
    }
    Err(missing("group 0"))
}

/// The median of `samples`.
fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    let n = samples.len();
    if n % 2 == 1 {
        samples[n / 2]
    } else {
        f64::midpoint(samples[n / 2 - 1], samples[n / 2])
    }
}

/// GB/s of one streaming pass summing `bytes` bytes of `u64`s, median of
/// `runs`: the read bandwidth the queries' scans are measured against.
fn read_bandwidth(bytes: usize, runs: usize) -> f64 {
    let words: Vec<u64> = (0..bytes / 8).map(|i| i as u64).collect();
    let mut secs: Vec<f64> = (0..=runs)
        .map(|_| {
            let start = Instant::now();
            let sum = words.iter().fold(0u64, |a, &w| a.wrapping_add(w));
            std::hint::black_box(sum);
            start.elapsed().as_secs_f64()
        })
        .skip(1)
        .collect();
    (words.len() * 8) as f64 / median(&mut secs) / 1e9
}

struct Args {
    rows: usize,
    groups: Vec<u64>,
    partitions: Vec<usize>,
    runs: usize,
    ipc: Option<String>,
    json: Option<String>,
}

fn list<T: std::str::FromStr>(text: &str) -> Vec<T> {
    text.split(',').filter_map(|v| v.parse().ok()).collect()
}

fn args() -> Args {
    let mut args = Args {
        rows: 10_000_000,
        groups: Vec::new(),
        partitions: vec![1],
        runs: 5,
        ipc: None,
        json: None,
    };
    let mut positional = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--partitions" => args.partitions = it.next().map(|v| list(&v)).unwrap_or_default(),
            "--runs" => args.runs = it.next().and_then(|v| v.parse().ok()).unwrap_or(5),
            "--ipc" => args.ipc = it.next(),
            "--json" => args.json = it.next(),
            _ => positional.extend(a.parse::<u64>().ok()),
        }
    }
    if let Some((&rows, groups)) = positional.split_first() {
        args.rows = usize::try_from(rows).unwrap_or(usize::MAX);
        args.groups = groups.to_vec();
    }
    if args.groups.is_empty() {
        args.groups = vec![96, 100_000];
    }
    if args.partitions.is_empty() {
        args.partitions = vec![1];
    }
    args.runs = args.runs.max(1);
    args
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let args = args();
    let bandwidth = read_bandwidth(16 * args.rows.min(20_000_000), args.runs);
    let mut json = format!(
        "{{\"rows\": {}, \"read_gbps\": {bandwidth}, \"runs\": [",
        args.rows
    );
    let mut first = true;
    println!("Streaming read: {bandwidth:.1} GB/s.");
    println!();
    println!("| rows | groups | partitions | query | median ms | group 0 value | group 0 n |");
    println!("| ---: | ---: | ---: | --- | ---: | ---: | ---: |");
    for &g in &args.groups {
        let rows = batches(args.rows, g)?;
        if let Some(dir) = &args.ipc {
            std::fs::create_dir_all(dir)?;
            write_ipc(&format!("{dir}/groupby-{}-{g}.arrow", args.rows), &rows)?;
        }
        for &p in &args.partitions {
            let ctx =
                SessionContext::new_with_config(SessionConfig::new().with_target_partitions(p));
            cxkpi_datafusion::register_all(&ctx);
            ctx.register_table("t", Arc::new(table(&rows, p)?))?;
            for query in &QUERIES {
                let mut times = Vec::new();
                let mut figures = (0.0, 0);
                for run in 0..=args.runs {
                    let start = Instant::now();
                    let out = ctx.sql(query.sql).await?.collect().await?;
                    let ms = start.elapsed().as_secs_f64() * 1e3;
                    let groups_out: usize = out.iter().map(RecordBatch::num_rows).sum();
                    assert!(groups_out <= usize::try_from(g).unwrap_or(usize::MAX));
                    figures = group_zero(query, &out)?;
                    if run > 0 {
                        times.push(ms);
                    }
                }
                let samples = format!("{times:?}");
                let med = median(&mut times);
                println!(
                    "| {} | {g} | {p} | {} | {med:.0} | {} | {} |",
                    args.rows, query.label, figures.0, figures.1
                );
                if !first {
                    json.push_str(", ");
                }
                first = false;
                let _ = write!(
                    json,
                    "{{\"groups\": {g}, \"partitions\": {p}, \"query\": \"{}\", \"median_ms\": {med}, \
                     \"samples_ms\": {samples}, \"value\": {}, \"n\": {}}}",
                    query.key, figures.0, figures.1
                );
            }
        }
    }
    json.push_str("]}\n");
    if let Some(path) = &args.json {
        std::fs::write(path, json)?;
    }
    Ok(())
}

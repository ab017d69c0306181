//! GROUP BY timings: cxkpi's `nps(score)` and `service_level(..)` against the
//! same figures written with `DataFusion`'s built-in `SUM(CASE …)`, on one
//! engine, one partition (one thread), the same in-memory rows.
//!
//! ```text
//! cargo run --release -p cxkpi-datafusion --example groupby_bench -- [ROWS] [GROUPS]...
//! ```
//!
//! Prints one Markdown table of medians of three runs per query. Compare
//! figures of one run only.

use std::sync::Arc;
use std::time::Instant;

use datafusion::arrow::array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::common::Result;
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};

const BATCH: usize = 8192;

fn table(rows: usize, groups: u64) -> Result<MemTable> {
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
    let mut batches = Vec::new();
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
        batches.push(RecordBatch::try_new(Arc::clone(&schema), columns)?);
    }
    MemTable::try_new(schema, vec![batches])
}

const QUERIES: [(&str, &str); 4] = [
    ("nps(score)", "SELECT g, nps(score) FROM t GROUP BY g"),
    (
        "NPS with SUM(CASE …)",
        "SELECT g, 100.0 * (SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) \
         - SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END)) / COUNT(score), COUNT(score) \
         FROM t GROUP BY g",
    ),
    (
        "service_level(wait, answered, 20, 'count_against')",
        "SELECT g, service_level(wait, answered, 20, 'count_against') FROM t GROUP BY g",
    ),
    (
        "service level with SUM(CASE …)",
        "SELECT g, 100.0 * SUM(CASE WHEN answered AND wait <= 20 THEN 1 ELSE 0 END) / COUNT(*), \
         COUNT(*) FROM t GROUP BY g",
    ),
];

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let rows = args.first().copied().unwrap_or(10_000_000);
    let groups: Vec<u64> = if args.len() > 1 {
        args[1..].iter().map(|&g| g as u64).collect()
    } else {
        vec![96, 100_000]
    };
    println!("| rows | groups | query | median ms |");
    println!("| ---: | ---: | --- | ---: |");
    for g in groups {
        let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(1));
        cxkpi_datafusion::register_all(&ctx);
        ctx.register_table("t", Arc::new(table(rows, g)?))?;
        for (name, sql) in QUERIES {
            let mut times = Vec::new();
            for _ in 0..3 {
                let start = Instant::now();
                let out = ctx.sql(sql).await?.collect().await?;
                times.push(start.elapsed().as_secs_f64() * 1e3);
                let groups_out: usize = out.iter().map(RecordBatch::num_rows).sum();
                assert!(groups_out <= usize::try_from(g).unwrap_or(usize::MAX));
            }
            times.sort_by(f64::total_cmp);
            println!("| {rows} | {g} | {name} | {:.0} |", times[1]);
        }
    }
    Ok(())
}

//! Sessions, tables and readers of results shared by the tests.

use std::sync::Arc;

use datafusion::arrow::array::{Array, AsArray, RecordBatch, StructArray};
use datafusion::arrow::datatypes::{Float64Type, UInt64Type};
use datafusion::common::Result;
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};

/// A session with every function and `partitions` target partitions.
pub fn ctx(partitions: usize) -> SessionContext {
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    cxkpi_datafusion::register_all(&ctx);
    ctx
}

/// Registers `batch` as `name`, split into `parts` partitions, so that
/// partial aggregates are built per partition and merged.
pub fn register(ctx: &SessionContext, name: &str, batch: &RecordBatch, parts: usize) -> Result<()> {
    let rows = batch.num_rows();
    let per = rows.div_ceil(parts.max(1)).max(1);
    let partitions: Vec<Vec<RecordBatch>> = (0..parts)
        .map(|i| {
            let start = (i * per).min(rows);
            vec![batch.slice(start, per.min(rows - start))]
        })
        .collect();
    ctx.register_table(
        name,
        Arc::new(MemTable::try_new(batch.schema(), partitions)?),
    )?;
    Ok(())
}

/// The rows of `sql`, in one batch.
pub async fn query(ctx: &SessionContext, sql: &str) -> Result<RecordBatch> {
    let batches = ctx.sql(sql).await?.collect().await?;
    let schema = batches.first().map_or_else(
        || Arc::new(datafusion::arrow::datatypes::Schema::empty()),
        RecordBatch::schema,
    );
    Ok(datafusion::arrow::compute::concat_batches(
        &schema, &batches,
    )?)
}

/// The error message of `sql`.
pub async fn error(ctx: &SessionContext, sql: &str) -> String {
    match ctx.sql(sql).await {
        Err(e) => e.to_string(),
        Ok(df) => match df.collect().await {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{sql} did not fail"),
        },
    }
}

/// A struct result column.
pub fn structs(batch: &RecordBatch, column: usize) -> &StructArray {
    batch.column(column).as_struct()
}

/// Field `field` of the struct in `column`, row `row` (`None` for a `NULL` result).
pub fn f64_at(batch: &RecordBatch, column: usize, field: &str, row: usize) -> Option<f64> {
    let s = structs(batch, column);
    if s.is_null(row) {
        return None;
    }
    let values = s
        .column_by_name(field)
        .expect("field")
        .as_primitive::<Float64Type>();
    Some(values.value(row))
}

/// Field `field` (a count) of the struct in `column`, row `row`.
pub fn u64_at(batch: &RecordBatch, column: usize, field: &str, row: usize) -> Option<u64> {
    let s = structs(batch, column);
    if s.is_null(row) {
        return None;
    }
    Some(
        s.column_by_name(field)
            .expect("field")
            .as_primitive::<UInt64Type>()
            .value(row),
    )
}

/// Column `column` as integers.
pub fn i64s(batch: &RecordBatch, column: usize) -> Vec<i64> {
    batch
        .column(column)
        .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
        .values()
        .to_vec()
}

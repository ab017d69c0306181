//! The `cxkpi-sql` command: a query over CSV and Parquet files, or over the
//! bundled bank log, with every cxkpi function registered, on this machine
//! or on a Ballista cluster.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, RecordBatch, StructArray};
use datafusion::arrow::datatypes::{Field, Schema};
use datafusion::common::{DataFusionError, Result};
use datafusion::datasource::MemTable;
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions, SessionConfig, SessionContext};

/// The usage line.
pub const USAGE: &str = "usage: cxkpi-sql [--format table|csv|json] [--table NAME=PATH]... \
[--remote df://HOST:PORT] [--partitions N] QUERY\n       cxkpi-sql --split-calls DIR N";

/// How results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An aligned text table.
    Table,
    /// CSV with a header; struct results become one column per field (`sl.value`, `sl.n`, …).
    Csv,
    /// A JSON array of objects.
    Json,
}

/// What the command line asked for.
#[derive(Clone, Debug)]
pub struct Options {
    /// Output format.
    pub format: Format,
    /// Tables: name and file or folder.
    pub tables: Vec<(String, PathBuf)>,
    /// A Ballista scheduler, `df://HOST:PORT`.
    pub remote: Option<String>,
    /// Target partitions of a local session.
    pub partitions: Option<usize>,
    /// The query.
    pub query: String,
}

fn usage_error(message: &str) -> DataFusionError {
    DataFusionError::Configuration(format!("{message}\n{USAGE}"))
}

/// Parses the arguments after the program name.
///
/// # Errors
///
/// An unknown option, a missing value, or no query.
///
/// # Example
///
/// ```
/// let o = cxkpi_datafusion::cli::parse(["--format", "csv", "SELECT 1"].map(String::from))?;
/// assert_eq!(o.query, "SELECT 1");
/// # Ok::<(), datafusion::common::DataFusionError>(())
/// ```
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Options> {
    let mut args = args.into_iter();
    let mut options = Options {
        format: Format::Table,
        tables: Vec::new(),
        remote: None,
        partitions: None,
        query: String::new(),
    };
    let mut query = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => {
                options.format = match args.next().as_deref() {
                    Some("table") => Format::Table,
                    Some("csv") => Format::Csv,
                    Some("json") => Format::Json,
                    other => return Err(usage_error(&format!("unknown format {other:?}"))),
                };
            }
            "--table" => {
                let spec = args
                    .next()
                    .ok_or_else(|| usage_error("--table needs NAME=PATH"))?;
                let (name, path) = spec
                    .split_once('=')
                    .ok_or_else(|| usage_error(&format!("--table {spec:?}: expected NAME=PATH")))?;
                options.tables.push((name.to_owned(), PathBuf::from(path)));
            }
            "--remote" => {
                options.remote = Some(
                    args.next()
                        .ok_or_else(|| usage_error("--remote needs df://HOST:PORT"))?,
                );
            }
            "--partitions" => {
                let n = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n: &usize| n > 0);
                options.partitions =
                    Some(n.ok_or_else(|| usage_error("--partitions needs a count of 1 or more"))?);
            }
            "-h" | "--help" => return Err(usage_error("")),
            flag if flag.starts_with("--") => {
                return Err(usage_error(&format!("unknown option {flag}")));
            }
            _ if query.is_none() => query = Some(arg),
            _ => return Err(usage_error("more than one query")),
        }
    }
    options.query = query.ok_or_else(|| usage_error("no query"))?;
    Ok(options)
}

/// The kind of files at `path`: `csv` or `parquet`, by extension (a folder's by its files).
fn file_kind(path: &Path) -> Result<&'static str> {
    let kind_of = |p: &Path| match p.extension().and_then(|e| e.to_str()) {
        Some("csv") => Some("csv"),
        Some("parquet") => Some("parquet"),
        _ => None,
    };
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| {
                DataFusionError::Execution(format!("cannot read {}: {e}", path.display()))
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        return entries.iter().find_map(|p| kind_of(p)).ok_or_else(|| {
            DataFusionError::Execution(format!(
                "{}: no .csv or .parquet file in the folder",
                path.display()
            ))
        });
    }
    if !path.exists() {
        return Err(DataFusionError::Execution(format!(
            "{}: no such file or folder",
            path.display()
        )));
    }
    kind_of(path).ok_or_else(|| {
        DataFusionError::Execution(format!(
            "{}: unknown file type (expected .csv or .parquet)",
            path.display()
        ))
    })
}

/// Registers the table `name` over `path`.
async fn register(ctx: &SessionContext, name: &str, path: &Path) -> Result<()> {
    let kind = file_kind(path)?;
    let absolute = std::fs::canonicalize(path)
        .map_err(|e| DataFusionError::Execution(format!("{}: {e}", path.display())))?;
    let mut location = absolute.to_string_lossy().into_owned();
    if path.is_dir() && !location.ends_with('/') {
        location.push('/');
    }
    match kind {
        "csv" => {
            ctx.register_csv(name, &location, CsvReadOptions::new())
                .await
        }
        _ => {
            ctx.register_parquet(name, &location, ParquetReadOptions::default())
                .await
        }
    }
}

/// A session with every function and the tables of `options`.
///
/// # Errors
///
/// A table that cannot be read, or a scheduler that cannot be reached.
pub async fn context(options: &Options) -> Result<SessionContext> {
    let ctx = if let Some(url) = &options.remote {
        crate::cluster::remote_context(url).await?
    } else {
        let mut config = SessionConfig::new();
        if let Some(n) = options.partitions {
            config = config.with_target_partitions(n);
        }
        let ctx = SessionContext::new_with_config(config);
        crate::register_all(&ctx);
        ctx
    };
    if options.tables.is_empty() {
        if options.remote.is_some() {
            return Err(DataFusionError::Configuration(
                "with --remote, name tables the executors can read (--table calls=DIR); \
                 `cxkpi-sql --split-calls DIR N` writes the bank log as Parquet files"
                    .into(),
            ));
        }
        let batch = crate::bank::load(&crate::bank::default_path())?;
        let table = MemTable::try_new(batch.schema(), vec![vec![batch]])?;
        ctx.register_table("calls", Arc::new(table))?;
    }
    for (name, path) in &options.tables {
        register(&ctx, name, path).await?;
    }
    Ok(ctx)
}

/// Runs the query of `options` and returns its result, written in its format.
///
/// # Errors
///
/// A bad query, a bad value (the function's message), an unreadable table.
pub async fn run(options: &Options) -> Result<String> {
    let ctx = context(options).await?;
    let batches = ctx.sql(&options.query).await?.collect().await?;
    render(&batches, options.format)
}

/// `batches` with every struct column replaced by its fields, `name.field`.
fn flatten(batch: &RecordBatch) -> Result<RecordBatch> {
    let mut fields: Vec<Field> = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
        if let Some(s) = column.as_any().downcast_ref::<StructArray>() {
            for (child, values) in s.fields().iter().zip(s.columns()) {
                fields.push(Field::new(
                    format!("{}.{}", field.name(), child.name()),
                    child.data_type().clone(),
                    true,
                ));
                columns.push(Arc::clone(values));
            }
        } else {
            fields.push(field.as_ref().clone());
            columns.push(Arc::clone(column));
        }
    }
    Ok(RecordBatch::try_new(
        Arc::new(Schema::new(fields)),
        columns,
    )?)
}

/// `batches` as text in `format`.
///
/// # Errors
///
/// A type the writer does not support.
pub fn render(batches: &[RecordBatch], format: Format) -> Result<String> {
    match format {
        Format::Table => Ok(format!(
            "{}\n",
            datafusion::arrow::util::pretty::pretty_format_batches(batches)?
        )),
        Format::Csv => {
            let mut out = Vec::new();
            {
                let mut writer = arrow_csv::Writer::new(&mut out);
                for batch in batches {
                    writer.write(&flatten(batch)?)?;
                }
            }
            String::from_utf8(out).map_err(|e| DataFusionError::Execution(e.to_string()))
        }
        Format::Json => {
            let mut out = Vec::new();
            {
                let mut writer = arrow_json::ArrayWriter::new(&mut out);
                for batch in batches {
                    writer.write(batch)?;
                }
                writer.finish()?;
            }
            if out.is_empty() {
                out.extend_from_slice(b"[]");
            }
            out.push(b'\n');
            String::from_utf8(out).map_err(|e| DataFusionError::Execution(e.to_string()))
        }
    }
}

/// Writes the bank log's table `calls` into `dir` as `n` Parquet files, for
/// a cluster whose executors read `dir`.
///
/// # Errors
///
/// An unwritable folder.
pub fn split_calls(dir: &Path, n: usize) -> Result<()> {
    use datafusion::parquet::arrow::ArrowWriter;
    let batch = crate::bank::load(&crate::bank::default_path())?;
    std::fs::create_dir_all(dir)
        .map_err(|e| DataFusionError::Execution(format!("{}: {e}", dir.display())))?;
    let n = n.max(1);
    let rows = batch.num_rows();
    let per = rows.div_ceil(n);
    for i in 0..n {
        let start = (i * per).min(rows);
        let len = per.min(rows - start);
        let path = dir.join(format!("calls-{i:02}.parquet"));
        let file = std::fs::File::create(&path)
            .map_err(|e| DataFusionError::Execution(format!("{}: {e}", path.display())))?;
        let mut writer = ArrowWriter::try_new(file, batch.schema(), None)?;
        writer.write(&batch.slice(start, len))?;
        writer.close()?;
    }
    Ok(())
}

/// An error as one line.
pub fn one_line(error: &DataFusionError) -> String {
    error
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

//! `cxkpi-sql`: SQL with every cxkpi KPI over CSV and Parquet files (see `cxkpi_datafusion::cli`).

use std::process::ExitCode;

use cxkpi_datafusion::cli;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("--split-calls") {
        match (args.get(1), args.get(2).and_then(|n| n.parse().ok())) {
            (Some(dir), Some(n)) => {
                cli::split_calls(std::path::Path::new(dir), n).map(|()| String::new())
            }
            _ => Err(datafusion::common::DataFusionError::Configuration(
                cli::USAGE.into(),
            )),
        }
    } else {
        cli::parse(args).and_then(|options| {
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(|e| datafusion::common::DataFusionError::Execution(e.to_string()))?
                .block_on(cli::run(&options))
        })
    };
    match result {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cxkpi-sql: {}", cli::one_line(&e));
            ExitCode::FAILURE
        }
    }
}

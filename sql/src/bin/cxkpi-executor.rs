//! `cxkpi-executor --scheduler HOST:PORT [--bind HOST] [--external-host HOST]
//! [--port N] [--grpc-port N] [--tasks N] [--work-dir DIR]`: a Ballista
//! executor with every cxkpi function registered.

use std::process::ExitCode;

use cxkpi_datafusion::cluster::{ExecutorOptions, run_executor};

const USAGE: &str = "usage: cxkpi-executor --scheduler HOST:PORT [--bind HOST] [--external-host HOST] \
[--port N] [--grpc-port N] [--tasks N] [--work-dir DIR]";

fn number<T: std::str::FromStr>(v: Option<String>) -> Result<T, String> {
    v.and_then(|v| v.parse().ok())
        .ok_or_else(|| USAGE.to_owned())
}

fn parse() -> Result<ExecutorOptions, String> {
    let mut o = ExecutorOptions {
        scheduler_host: "localhost".into(),
        scheduler_port: 50050,
        bind_host: "0.0.0.0".into(),
        external_host: None,
        port: 50051,
        grpc_port: 50052,
        concurrent_tasks: std::thread::available_parallelism().map_or(1, usize::from),
        work_dir: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scheduler" => {
                let v = args.next().ok_or(USAGE)?;
                let (host, port) = v.rsplit_once(':').ok_or(USAGE)?;
                host.clone_into(&mut o.scheduler_host);
                o.scheduler_port = port.parse().map_err(|_| USAGE)?;
            }
            "--bind" => o.bind_host = args.next().ok_or(USAGE)?,
            "--external-host" => o.external_host = Some(args.next().ok_or(USAGE)?),
            "--port" => o.port = number(args.next())?,
            "--grpc-port" => o.grpc_port = number(args.next())?,
            "--tasks" => o.concurrent_tasks = number(args.next())?,
            "--work-dir" => o.work_dir = Some(args.next().ok_or(USAGE)?),
            _ => return Err(USAGE.to_owned()),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let result = parse().and_then(|options| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_stack_size(32 * 1024 * 1024)
            .build()
            .map_err(|e| e.to_string())?
            .block_on(run_executor(options))
            .map_err(|e| cxkpi_datafusion::cli::one_line(&e))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cxkpi-executor: {e}");
            ExitCode::FAILURE
        }
    }
}

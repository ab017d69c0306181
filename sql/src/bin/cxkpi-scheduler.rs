//! `cxkpi-scheduler [--bind HOST:PORT] [--external-host HOST]`: a Ballista
//! scheduler with every cxkpi function registered.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut bind = String::from("0.0.0.0:50050");
    let mut external = String::from("localhost");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--bind", Some(v)) => bind = v,
            ("--external-host", Some(v)) => external = v,
            _ => {
                eprintln!("usage: cxkpi-scheduler [--bind HOST:PORT] [--external-host HOST]");
                return ExitCode::FAILURE;
            }
        }
    }
    let result = bind
        .parse()
        .map_err(|e| format!("--bind {bind:?}: {e}"))
        .and_then(|addr| {
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .thread_stack_size(32 * 1024 * 1024)
                .build()
                .map_err(|e| e.to_string())?
                .block_on(cxkpi_datafusion::cluster::run_scheduler(addr, &external))
                .map_err(|e| cxkpi_datafusion::cli::one_line(&e))
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cxkpi-scheduler: {e}");
            ExitCode::FAILURE
        }
    }
}

//! A Ballista scheduler and executor with every cxkpi function registered,
//! and the client session that sends queries to them.
//!
//! Ballista ships plans between processes by function *name*: the client
//! plans the SQL, the scheduler decodes the logical plan with its session's
//! registry, and every executor decodes its physical tasks with its
//! function registry. So the functions are registered in all three places:
//! the scheduler's session builder, the executors' function registry, and
//! the client's session state.

use std::net::SocketAddr;
use std::sync::Arc;

use ballista::prelude::SessionContextExt;
use ballista_core::extension::SessionConfigExt;
use ballista_core::registry::BallistaFunctionRegistry;
use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::SchedulerConfig;
use ballista_scheduler::scheduler_process::start_server;
use datafusion::common::{DataFusionError, Result};
use datafusion::execution::SessionStateBuilder;
use datafusion::prelude::{SessionConfig, SessionContext};

fn ballista_error(e: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::Execution(format!("ballista: {e}"))
}

/// Runs a scheduler on `addr` until the process ends.
///
/// # Errors
///
/// A port in use, or the cluster's start-up error.
pub async fn run_scheduler(addr: SocketAddr, external_host: &str) -> Result<()> {
    let mut config = SchedulerConfig::default()
        .with_hostname(external_host)
        .with_port(addr.port())
        .with_override_session_builder(Arc::new(|config: SessionConfig| {
            let mut state = ballista_core::utils::default_session_builder(config)?;
            crate::register_in(&mut state)?;
            Ok(state)
        }));
    config.bind_host = addr.ip().to_string();
    let cluster = BallistaCluster::new_from_config(&config)
        .await
        .map_err(ballista_error)?;
    start_server(cluster, addr, Arc::new(config))
        .await
        .map_err(ballista_error)
}

/// Where an executor listens and which scheduler it joins.
#[derive(Clone, Debug)]
pub struct ExecutorOptions {
    /// Scheduler host.
    pub scheduler_host: String,
    /// Scheduler port.
    pub scheduler_port: u16,
    /// Interface the executor binds.
    pub bind_host: String,
    /// Host name the scheduler and other executors reach it by.
    pub external_host: Option<String>,
    /// Arrow Flight port (shuffle data).
    pub port: u16,
    /// gRPC port (tasks).
    pub grpc_port: u16,
    /// Task slots.
    pub concurrent_tasks: usize,
    /// Folder for shuffle files.
    pub work_dir: Option<String>,
}

/// Runs an executor until the process ends.
///
/// # Errors
///
/// The executor's start-up error.
pub async fn run_executor(options: ExecutorOptions) -> Result<()> {
    let mut registry = BallistaFunctionRegistry::default();
    for udaf in crate::udafs() {
        registry
            .aggregate_functions
            .insert(udaf.name().to_owned(), Arc::new(udaf));
    }
    let config = ExecutorProcessConfig {
        scheduler_host: options.scheduler_host,
        scheduler_port: options.scheduler_port,
        bind_host: options.bind_host,
        external_host: options.external_host,
        port: options.port,
        grpc_port: options.grpc_port,
        vcores: options.concurrent_tasks,
        work_dir: options.work_dir,
        override_function_registry: Some(Arc::new(registry)),
        ..ExecutorProcessConfig::default()
    };
    start_executor_process(Arc::new(config))
        .await
        .map_err(ballista_error)
}

/// A session whose queries run on the scheduler at `url` (`df://HOST:PORT`),
/// with every cxkpi function registered for planning.
///
/// # Errors
///
/// A malformed URL.
pub async fn remote_context(url: &str) -> Result<SessionContext> {
    let state = SessionStateBuilder::new()
        .with_default_features()
        .with_config(SessionConfig::new_with_ballista())
        .build();
    // Ballista's upgrade of the state replaces its aggregate functions with
    // its own list, so the cxkpi functions are registered afterwards.
    let ctx = SessionContext::remote_with_state(url, state).await?;
    crate::register_all(&ctx);
    Ok(ctx)
}

//! The SQL functions against the core, their policies, the bank log's
//! report figures, the conformance vectors and the cluster.

mod bank;
mod cluster;
mod common;
mod counts;
mod functions;
mod policies;
mod vectors;

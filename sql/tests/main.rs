//! The SQL functions against the core, their policies, the bank log's
//! report figures, the conformance vectors and the cluster.

mod arbitrary;
mod bank;
mod cluster;
mod common;
mod counts;
mod functions;
mod later_tallies;
mod policies;
mod vectors;

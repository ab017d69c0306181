//! The `cxkpi` command as people run it: the real binary, its stdout,
//! stderr and exit status.

mod adversarial;
mod browser;
mod common;
mod datasets;
mod external;
mod outputs;
mod short_abandons;
mod time_zones;

//! The staffing family (`staffing.json`).

use super::{Input, Runner};

/// The runner of `metric`, if this family has it.
pub(super) fn runner(_metric: &str, _input: &Input<'_>) -> Option<Runner> {
    None
}

//! The states of the outreach tallies: survey response and reachability.

use cxkpi::{ReachabilityState, ReachabilityTally, SurveyResponseState, SurveyResponseTally};
use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::Field;
use datafusion::common::Result;

use super::{
    ArrowState, get_pairs, get_u64, pairs_field, pairs_list, rebuild, states, u64_field, u64s,
};

counts_state!(SurveyResponseTally, SurveyResponseState { sent, answered });

impl ArrowState for ReachabilityTally {
    /// The counts, then the `(attempt, targets)` pairs of the reached
    /// targets as a list of structs.
    fn fields() -> Vec<Field> {
        vec![
            u64_field("targets"),
            u64_field("attempts"),
            u64_field("answered_attempts"),
            pairs_field("reached_on_attempt", "attempt"),
        ]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        let pairs: Vec<Vec<(u32, u64)>> = s.iter().map(|s| s.reached_on_attempt.clone()).collect();
        Ok(vec![
            u64s(s.iter().map(|s| s.targets)),
            u64s(s.iter().map(|s| s.attempts)),
            u64s(s.iter().map(|s| s.answered_attempts)),
            pairs_list("attempt", &pairs)?,
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        // `#[non_exhaustive]`: filled field by field from the empty state.
        let mut s = ReachabilityState::default();
        s.targets = get_u64(c, 0, row)?;
        s.attempts = get_u64(c, 1, row)?;
        s.answered_attempts = get_u64(c, 2, row)?;
        s.reached_on_attempt = get_pairs(c, 3, row)?;
        rebuild(s)
    }
}

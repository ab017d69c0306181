//! The states of the workforce tallies: agent time and turnover.

use cxkpi::{AgentTime, AgentTimeState};
use cxkpi::{TurnoverState, TurnoverTally};
use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::Field;
use datafusion::common::Result;

use super::{ArrowState, get_u64, get_u128, rebuild, states, u64_field, u64s, u128_field, u128s};

impl ArrowState for AgentTime {
    fn fields() -> Vec<Field> {
        vec![
            u64_field("spans"),
            u128_field("handling_ns"),
            u128_field("available_ns"),
            u128_field("away_ns"),
            u128_field("logged_out_ns"),
        ]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        Ok(vec![
            u64s(s.iter().map(|s| s.spans)),
            u128s("handling_ns", s.iter().map(|s| s.handling_ns))?,
            u128s("available_ns", s.iter().map(|s| s.available_ns))?,
            u128s("away_ns", s.iter().map(|s| s.away_ns))?,
            u128s("logged_out_ns", s.iter().map(|s| s.logged_out_ns))?,
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        rebuild(AgentTimeState {
            spans: get_u64(c, 0, row)?,
            handling_ns: get_u128(c, 1, row, "handling_ns")?,
            available_ns: get_u128(c, 2, row, "available_ns")?,
            away_ns: get_u128(c, 3, row, "away_ns")?,
            logged_out_ns: get_u128(c, 4, row, "logged_out_ns")?,
        })
    }
}

impl ArrowState for TurnoverTally {
    fn fields() -> Vec<Field> {
        vec![
            u64_field("headcount_at_start"),
            u64_field("headcount_at_end"),
            u64_field("leavers"),
        ]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        Ok(vec![
            u64s(s.iter().map(|s| s.headcount_at_start)),
            u64s(s.iter().map(|s| s.headcount_at_end)),
            u64s(s.iter().map(|s| s.leavers)),
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        rebuild(TurnoverState {
            headcount_at_start: get_u64(c, 0, row)?,
            headcount_at_end: get_u64(c, 1, row)?,
            leavers: get_u64(c, 2, row)?,
        })
    }
}

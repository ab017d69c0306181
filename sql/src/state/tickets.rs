//! The states of the ticket tallies: deadlines, reopens, messages before the
//! first reply, backlog ageing.

use std::sync::Arc;

use cxkpi::{
    BacklogAgeing, BacklogAgeingState, DeadlineKind, DeadlineState, DeadlineTally,
    MessagesBeforeReplyState, MessagesBeforeReplyTally, ReopenState, ReopenTally,
};
use datafusion::arrow::array::{Array, ArrayRef, AsArray, StringArray, UInt32Array, UInt64Array};
use datafusion::arrow::datatypes::{DataType, Field, UInt32Type};
use datafusion::common::{DataFusionError, Result};

use super::{
    ArrowState, get_list, get_pairs, get_u64, nanos_list, pairs_field, pairs_list, present,
    rebuild, state_error, states, u64_field, u64s,
};

impl ArrowState for DeadlineTally {
    /// The kind as its name (`first_response`, `next_reply`, `resolution`),
    /// then the counts.
    fn fields() -> Vec<Field> {
        let mut fields = vec![Field::new("kind", DataType::Utf8, false)];
        fields.extend(
            [
                "met",
                "missed",
                "missed_open",
                "pending",
                "late_up_to_10_percent",
                "late_up_to_50_percent",
                "late_up_to_100_percent",
                "late_over_100_percent",
            ]
            .map(u64_field),
        );
        fields
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        Ok(vec![
            Arc::new(
                s.iter()
                    .map(|s| Some(s.kind.as_str()))
                    .collect::<StringArray>(),
            ),
            u64s(s.iter().map(|s| s.met)),
            u64s(s.iter().map(|s| s.missed)),
            u64s(s.iter().map(|s| s.missed_open)),
            u64s(s.iter().map(|s| s.pending)),
            u64s(s.iter().map(|s| s.late_up_to_10_percent)),
            u64s(s.iter().map(|s| s.late_up_to_50_percent)),
            u64s(s.iter().map(|s| s.late_up_to_100_percent)),
            u64s(s.iter().map(|s| s.late_over_100_percent)),
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        let name = present(c, 0, row)?
            .as_string_opt::<i32>()
            .ok_or_else(|| DataFusionError::Internal("aggregate state: kind is not Utf8".into()))?
            .value(row);
        let kind = DeadlineKind::from_name(name).ok_or_else(|| {
            state_error(&cxkpi::Error::malformed(
                "deadline kind",
                "first_response, next_reply or resolution",
            ))
        })?;
        let mut s = DeadlineState::new(kind);
        s.met = get_u64(c, 1, row)?;
        s.missed = get_u64(c, 2, row)?;
        s.missed_open = get_u64(c, 3, row)?;
        s.pending = get_u64(c, 4, row)?;
        s.late_up_to_10_percent = get_u64(c, 5, row)?;
        s.late_up_to_50_percent = get_u64(c, 6, row)?;
        s.late_up_to_100_percent = get_u64(c, 7, row)?;
        s.late_over_100_percent = get_u64(c, 8, row)?;
        rebuild(s)
    }
}

counts_state!(
    ReopenTally,
    ReopenState {
        resolved,
        reopened,
        reopenings
    }
);

impl ArrowState for MessagesBeforeReplyTally {
    /// `(messages, conversations)` pairs as a list of structs.
    fn fields() -> Vec<Field> {
        vec![pairs_field("conversations_by_messages", "messages")]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let lists: Vec<Vec<(u32, u64)>> = states(tallies)?
            .into_iter()
            .map(|s| s.conversations_by_messages)
            .collect();
        Ok(vec![pairs_list("messages", &lists)?])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        rebuild(MessagesBeforeReplyState {
            conversations_by_messages: get_pairs(c, 0, row)?,
        })
    }
}

fn u32_list_field(name: &str) -> Field {
    Field::new(
        name,
        DataType::List(Arc::new(Field::new_list_field(DataType::UInt32, true))),
        false,
    )
}

impl ArrowState for BacklogAgeing {
    /// The buckets (`day_s`, `upper_days`), the count per bucket and the
    /// oldest age in nanoseconds (null when there is no open item).
    fn fields() -> Vec<Field> {
        vec![
            Field::new("day_s", DataType::UInt32, false),
            u32_list_field("upper_days"),
            Field::new(
                "counts",
                DataType::List(Arc::new(Field::new_list_field(DataType::UInt64, true))),
                false,
            ),
            Field::new("oldest_ns", DataType::UInt64, true),
        ]
    }

    fn columns(tallies: &[Self]) -> Result<Vec<ArrayRef>> {
        let s = states(tallies)?;
        let upper = datafusion::arrow::array::ListArray::try_new(
            Arc::new(Field::new_list_field(DataType::UInt32, true)),
            datafusion::arrow::buffer::OffsetBuffer::from_lengths(
                s.iter().map(|s| s.upper_days.len()),
            ),
            Arc::new(UInt32Array::from_iter_values(
                s.iter().flat_map(|s| s.upper_days.iter().copied()),
            )),
            None,
        )?;
        let counts: Vec<Vec<u64>> = s.iter().map(|s| s.counts.clone()).collect();
        Ok(vec![
            Arc::new(s.iter().map(|s| Some(s.day_s)).collect::<UInt32Array>()),
            Arc::new(upper),
            nanos_list(&counts)?,
            Arc::new(s.iter().map(|s| s.oldest_ns).collect::<UInt64Array>()),
        ])
    }

    fn read(c: &[ArrayRef], row: usize) -> Result<Self> {
        let day_s = present(c, 0, row)?
            .as_primitive_opt::<UInt32Type>()
            .ok_or_else(|| {
                DataFusionError::Internal("aggregate state: day_s is not UInt32".into())
            })?
            .value(row);
        let upper = present(c, 1, row)?
            .as_list_opt::<i32>()
            .ok_or_else(|| {
                DataFusionError::Internal("aggregate state: upper_days is not a list".into())
            })?
            .value(row);
        let upper = upper.as_primitive_opt::<UInt32Type>().ok_or_else(|| {
            DataFusionError::Internal("aggregate state: upper_days is not UInt32".into())
        })?;
        if upper.null_count() > 0 {
            return Err(DataFusionError::Execution(
                "aggregate state: null in upper_days".into(),
            ));
        }
        let oldest_ns = if c.get(3).is_some_and(|a| a.is_null(row)) {
            None
        } else {
            Some(get_u64(c, 3, row)?)
        };
        // The state is `#[non_exhaustive]`: built through its wire format,
        // whose reader checks nothing the core's `from_state` does not.
        let state: BacklogAgeingState = serde_json::from_value(serde_json::json!({
            "day_s": day_s,
            "upper_days": upper.values().to_vec(),
            "counts": get_list(c, 2, row)?,
            "oldest_ns": oldest_ns,
        }))
        .map_err(|e| DataFusionError::Execution(format!("aggregate state: {e}")))?;
        rebuild(state)
    }
}
